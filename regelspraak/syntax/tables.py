"""Beslistabel blocks: pipe rows into syntax nodes.

The specification has no text form for decision tables; we use pipe rows (regelspraak-taal.md
§3): a header row whose cells are sentence fragments, an optional `|---|` line, and numbered
rows whose cells are values, value lists (`'a', 'b' of 'c'`) or `n.v.t.`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from regelspraak.origin import Bron, Span
from regelspraak.syntax import declarations as decl
from regelspraak.syntax import nodes as n
from regelspraak.syntax.lexer import Lexicon, Regel
from regelspraak.syntax.sentences import SentenceError, parse_sentence

if TYPE_CHECKING:
    from regelspraak.syntax.from_text import Block, ModelBlokken

_NVT = re.compile(r"n\.?\s*v\.?\s*t\.?", re.IGNORECASE)
MAX_KOLOMMEN = 64
MAX_RIJEN = 10_000


def _cells(text: str, col: int) -> list[tuple[int, str]]:
    """Split `| a | b |` into (column, text) per cell, ignoring the outer pipes."""
    t = text.strip()
    inner_start = col + (1 if t.startswith("|") else 0)
    body = t[1:] if t.startswith("|") else t
    body = body[:-1] if body.endswith("|") else body
    out: list[tuple[int, str]] = []
    pos = 0
    for part in body.split("|"):
        lead = len(part) - len(part.lstrip())
        out.append((inner_start + pos + lead, part.strip()))
        pos += len(part) + 1
    return out


def parse_table(b: Block, st: ModelBlokken, lex: Lexicon) -> n.BeslistabelDecl | None:
    from regelspraak.syntax.from_text import BRON_REGEL, GELDIG_REGEL, parse_geldig

    naam = b.kop[2][len("beslistabel"):].strip()
    span = b.span()
    bron: Bron | None = None
    # Versioned like a rule: a run of `geldig` lines is followed by the table for those periods.
    groepen: list[tuple[list[n.Geldigheid], list[tuple[int, int, str]]]] = []
    for line, col, text in b.regels:
        sp = Span(b.bestand, line, col)
        mb, mg = BRON_REGEL.match(text), GELDIG_REGEL.match(text)
        if mb and not groepen:
            bron = st.bron(mb.group("tekst"), Span(b.bestand, line, col + mb.start("tekst")))
        elif mg:
            try:
                g = parse_geldig(mg.group("rest"), sp)
            except decl.DeclarationError as e:
                st.fout("RS005", e.bericht, e.span, e.hulp)
                return None
            if groepen and not groepen[-1][1]:
                groepen[-1][0].append(g)
            else:
                groepen.append(([g], []))
        elif text.startswith("|") and groepen:
            groepen[-1][1].append((line, col, text))
        elif text.startswith("|"):
            st.fout("RS005", "Een beslistabel begint met 'geldig …' vóór de tabel.", sp)
            return None
        else:
            st.fout("RS006", "Een beslistabel bevat alleen 'bron:', 'geldig …' en tabelregels die met '|' beginnen.",
                    sp)
            return None
    if not groepen:
        st.fout("RS005", f"Beslistabel '{naam}' heeft geen 'geldig …'.", span)
        return None
    versies: list[n.TabelVersie] = []
    for geldig, rows in groepen:
        versie = _versie(b, st, lex, naam, geldig, rows)
        if versie is None:
            return None
        versies.append(versie)
    return n.BeslistabelDecl(span, naam, bron, tuple(versies))


def _versie(b: Block, st: ModelBlokken, lex: Lexicon, naam: str, geldig: list[n.Geldigheid],
            rows: list[tuple[int, int, str]]) -> n.TabelVersie | None:
    """The table that follows one run of `geldig` lines."""
    if len(rows) < 2:
        st.fout("RS006", f"Beslistabel '{naam}' heeft na 'geldig …' een kopregel en ten minste één rij nodig.",
                geldig[-1].span)
        return None
    kop_line, kop_col, kop_text = rows[0]
    kop_cells = _cells(kop_text, kop_col)[1:]  # the first column holds row numbers
    if not kop_cells or len(kop_cells) > MAX_KOLOMMEN:
        st.fout("RS006", "Ongeldig aantal kolommen in de kopregel.", Span(b.bestand, kop_line, kop_col))
        return None
    kolommen: list[n.TabelKolom] = []
    for c, text in kop_cells:
        start = "tabel_conditie" if text.lower().startswith("indien") else "tabel_conclusie"
        try:
            k = parse_sentence(start, [Regel(kop_line, c, text)], lex, b.bestand, st.is_unit)
        except SentenceError as e:
            st.fout(e.code if e.code in ("RS008", "RS009") else "RS006", f"Kolomkop niet begrepen: {e.bericht}",
                    Span(b.bestand, e.line, e.column), e.hulp)
            return None
        kolommen.append(k)
    if not any(k.soort.startswith("conclusie") for k in kolommen):
        st.fout("RS006", "De beslistabel heeft geen conclusiekolom ('… moet gesteld worden op').",
                Span(b.bestand, kop_line, kop_col))
        return None
    rijen: list[n.TabelRij] = []
    for line, col, text in rows[1:]:
        if re.fullmatch(r"\|?(\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*\|?", text.strip()):
            continue
        cells = _cells(text, col)
        sp = Span(b.bestand, line, col)
        if len(cells) != len(kolommen) + 1:
            st.fout("RS006", f"Rij heeft {len(cells) - 1} cellen; de kopregel heeft er {len(kolommen)}.", sp)
            return None
        nummer_text = cells[0][1]
        # ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
        if not re.fullmatch(r"[0-9]{1,9}", nummer_text):
            st.fout("RS006", f"Rijnummer verwacht in de eerste kolom, gevonden {nummer_text[:40]!r}.", sp)
            return None
        values: list[tuple[n.Expr, ...] | None] = []
        for c, ctext in cells[1:]:
            if _NVT.fullmatch(ctext) or not ctext:
                values.append(None)
                continue
            try:
                v = parse_sentence("tabel_cel", [Regel(line, c, ctext)], lex, b.bestand, st.is_unit)
            except SentenceError as e:
                st.fout(e.code if e.code in ("RS008", "RS009") else "RS006", f"Cel niet begrepen: {e.bericht}",
                        Span(b.bestand, e.line, e.column), e.hulp)
                return None
            values.append(tuple(v))
        rijen.append(n.TabelRij(sp, int(nummer_text), tuple(values)))
        if len(rijen) > MAX_RIJEN:
            st.fout("RS009", f"Beslistabel heeft meer dan {MAX_RIJEN} rijen.", sp)
            return None
    if not rijen:
        st.fout("RS006", f"Beslistabel '{naam}' heeft na de kopregel geen rijen.", Span(b.bestand, kop_line, kop_col))
        return None
    return n.TabelVersie(geldig[0].span, tuple(geldig), tuple(kolommen), tuple(rijen))
