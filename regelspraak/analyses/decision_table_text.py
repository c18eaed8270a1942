"""A box of a decision table in words, and the missing row it calls for in the table's own pipe
syntax: "| 3 | … | 18 jr | 65 jr |" (the columns are read from the syntax tree, so the suggested
row lines up with the table as written).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

from regelspraak.analyses.decision_table_cells import Box, Dim, Rij, cel_interval
from regelspraak.model import ir
from regelspraak.values.notation import format_getal

# ---------------------------------------------------------------- a box in words


def z_getal(w: Fraction) -> str:
    return format_getal(w, terugleesbaar=False).replace(".", ",")  # with a comma "4,273" has one reading


def _waarde_tekst(w: Any, d: Dim) -> str:
    if d.soort in ("enum", "tekst"):
        return f"'{w}'" if d.soort == "enum" else f'"{w}"'
    if d.soort == "bool":
        return "waar" if w else "onwaar"
    assert isinstance(w, Fraction)
    if d.type.soort == "datum":
        return f"{date.fromordinal(int(w)):%d-%m-%Y}"
    if d.type.soort == "percentage":
        return z_getal(w) + "%"
    eenheid = d.type.eenheid
    if eenheid is not None and not eenheid.is_dimensieloos:
        return f"{z_getal(w)} {eenheid}"
    return z_getal(w)


def _lijst(woorden: list[str]) -> str:
    return woorden[0] if len(woorden) == 1 else ", ".join(woorden[:-1]) + " of " + woorden[-1]


def _naam(x: ir.Expr | None, d: Dim) -> str:
    if d.kenmerk is not None:
        return d.kenmerk.naam
    if isinstance(x, ir.AttribuutLezen):
        pad = ""
        van = x.van
        while isinstance(van, ir.Navigatie):
            pad += f" van de {van.rol.naam}"
            van = van.van
        return x.attribuut.naam + pad
    if isinstance(x, ir.Tijdsduur):
        return "de tijdsduur"
    if isinstance(x, ir.DatumDeel):
        return f"de {x.deel}"
    return "de waarde in de kolom"


def beschrijf_cellen(box: Box, dims: list[Dim]) -> str:
    delen = []
    for d, (a, b) in zip(dims, box, strict=True):
        if a == 0 and b == len(d.cellen) - 1:
            continue
        naam = _naam(d.expr, d)
        if d.soort != "orde":
            waarden = [d.cellen[i].rep for i in range(a, b + 1)]
            teksten = [_waarde_tekst(w, d) if w is not None else "een andere tekst" for w in waarden]
            delen.append(f"{naam} is {_lijst(teksten)}")
            continue
        lo, lo_open, hi, hi_open = cel_interval(d, a, b)
        if lo is not None and lo == hi:
            delen.append(f"{naam} = {_waarde_tekst(lo, d)}")
            continue
        grenzen = []
        if lo is not None:
            grenzen.append(("> " if lo_open else "≥ ") + _waarde_tekst(lo, d))
        if hi is not None:
            grenzen.append(("< " if hi_open else "≤ ") + _waarde_tekst(hi, d))
        delen.append(f"{naam} " + " en ".join(grenzen))
    return ", ".join(delen) if delen else "elke invoer"


# ---------------------------------------------------------------- the suggested row


@dataclass(frozen=True)
class Kolom:
    soort: str
    dim: str | None = None
    op: str | None = None
    ontkend: bool = False  # kenmerk columns: the header is negated


def tekst_kolommen(regel: ir.Regel, rijen: list[Rij], model: ir.Model) -> list[Kolom] | None:
    """The table's columns in source order, mapped to dimensions (from the syntax tree)."""
    from regelspraak.syntax import nodes as n
    from regelspraak.syntax.from_text import parse_files

    herkomsten = [x.herkomst for x in model.objecttypen.values()] + [x.herkomst for x in model.feittypen.values()] + [
        x.herkomst for x in model.parameters.values()] + [x.herkomst for x in model.regels]
    bestanden = sorted({h.span.bestand for h in herkomsten})
    try:
        paden = [Path(b) for b in bestanden]
        if not all(p.is_file() for p in paden):
            return None
        files, _ = parse_files(paden)
    except (OSError, ValueError):
        return None
    tabel = next((d for f in files for d in f.declaraties if isinstance(d, n.BeslistabelDecl)
                  and d.naam.strip().lower() == regel.naam.strip().lower()), None)
    if tabel is None:
        return None
    # The version (table) whose rows are the rows analysed: matched by the rows' lines.
    regels = {(r.versie.herkomst.span.bestand, r.versie.herkomst.span.regel) for r in rijen}
    decl = next((tv for tv in tabel.versies if any((r.span.bestand, r.span.regel) in regels for r in tv.rijen)),
                None)
    if decl is None:
        return None
    kolommen: list[Kolom | None] = [Kolom("conclusie") if k.soort.startswith("conclusie") else None
                                    for k in decl.kolommen]
    per_regel = {r.versie.herkomst.span.regel: r for r in rijen}
    for srij in decl.rijen:
        rij = per_regel.get(srij.span.regel)
        if rij is None:
            continue
        items = iter(rij.items)
        for i, (k, cel) in enumerate(zip(decl.kolommen, srij.cellen, strict=True)):
            if not k.soort.startswith("conditie") or cel is None:
                continue
            item = next(items, None)
            if item is None:
                return None
            if kolommen[i] is None:
                kolommen[i] = Kolom("conditie", item.dim, item.op, k.ontkend)
    return [k if k is not None else Kolom("onbekend") for k in kolommen]


def _cel_voor(k: Kolom, d: Dim, a: int, b: int) -> tuple[str, set[str]]:
    """The cell for column `k` that expresses the box side it can, and which sides it expressed."""
    if a == 0 and b == len(d.cellen) - 1:
        return "n.v.t.", {"lo", "hi", "alles"}
    if d.soort != "orde":
        waarden = [d.cellen[i].rep for i in range(a, b + 1)]
        if d.soort == "bool" and d.kenmerk is not None:
            w = waarden[0]
            return ("waar" if (w != k.ontkend) else "onwaar"), {"alles"}
        if k.op == "gelijk" and all(w is not None for w in waarden):
            return _lijst([_waarde_tekst(w, d) for w in waarden]), {"alles"}
        return "n.v.t.", set()
    lo, lo_open, hi, hi_open = cel_interval(d, a, b)
    s = d.stap
    op = (k.op or "").replace("later", "groter").replace("eerder", "kleiner")
    if op == "gelijk" and lo is not None and lo == hi:
        return _waarde_tekst(lo, d), {"lo", "hi"}
    if op in ("groter_gelijk", "groter"):
        if lo is None:
            return "n.v.t.", {"lo"}
        if op == "groter_gelijk" and not lo_open:
            return _waarde_tekst(lo, d), {"lo"}
        if op == "groter" and lo_open:
            return _waarde_tekst(lo, d), {"lo"}
        if s is not None:
            return _waarde_tekst(lo + s if op == "groter_gelijk" else lo - s, d), {"lo"}
    if op in ("kleiner", "kleiner_gelijk"):
        if hi is None:
            return "n.v.t.", {"hi"}
        if op == "kleiner" and hi_open:
            return _waarde_tekst(hi, d), {"hi"}
        if op == "kleiner_gelijk" and not hi_open:
            return _waarde_tekst(hi, d), {"hi"}
        if s is not None:
            return _waarde_tekst(hi + s if op == "kleiner" else hi - s, d), {"hi"}
    return "n.v.t.", set()


def voorstel_rij(box: Box, dims: list[Dim], kolommen: list[Kolom] | None, nummer: int) -> tuple[str, bool]:
    """A missing row in the table's own pipe syntax; False when the columns cannot express the box."""
    if kolommen is None:
        return "", False
    index = {d.key: i for i, d in enumerate(dims)}
    uitgedrukt: dict[str, set[str]] = {d.key: set() for d in dims}
    cellen = []
    for k in kolommen:
        if k.soort != "conditie" or k.dim is None or k.dim not in index:
            cellen.append("…" if k.soort == "conclusie" else "n.v.t.")
            continue
        d = dims[index[k.dim]]
        a, b = box[index[k.dim]]
        tekst, zijden = _cel_voor(k, d, a, b)
        uitgedrukt[k.dim] |= zijden
        cellen.append(tekst)
    volledig = True
    for d, (a, b) in zip(dims, box, strict=True):
        z = uitgedrukt[d.key]
        if "alles" in z or (a == 0 and b == len(d.cellen) - 1):
            continue
        if d.soort != "orde":
            volledig = False
            continue
        lo, _, hi, _ = cel_interval(d, a, b)
        if (lo is not None and "lo" not in z) or (hi is not None and "hi" not in z):
            volledig = False
    return f"| {nummer} | " + " | ".join(cellen) + " |", volledig
