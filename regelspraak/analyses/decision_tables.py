"""Decision tables: overlapping rows (RS210 tabel-overlap) and uncovered inputs (RS310 tabel-hiaat).

An exhaustive interval sweep. Every condition column compares one expression (a dimension) with
constants (literals, parameters on the rekendatum) or tests a kenmerk, so each dimension splits
into finitely many elementary cells on which every row condition is constant: the points and
open intervals between the thresholds the table uses (intersected with the declared domain:
decimals, sign, dates 0001–9999), each enumeration value, waar/onwaar. The product of the cells is
swept once; a cell no row covers is a gap, a cell two rows cover with different conclusions an
overlap. Adjacent cells merge into boxes, and for each gap box the table's own pipe syntax gives
a suggested missing row. The sweep is exact over the columns' declared domains (leeg excluded:
that is the `hiaat` analysis' concern), so these findings are `bewezen`.

A box is only reported when some valid input reaches it (z3, over-approximating: unreachable
boxes are dropped) and, for a gap, the attribute then stays leeg (no other rule or Initialisatie
fills it). When z3 also finds a concrete case and the interpreter confirms it (the attribute leeg,
or RS203 for an overlap), the case is attached. Tables whose cells are not constants fall back to
z3 alone (witness points instead of boxes).

The grid of cells and boxes is in `decision_table_cells`; a box in words and the suggested missing
row in `decision_table_text`.

>>> from pathlib import Path
>>> import tempfile, datetime
>>> from regelspraak.model.from_syntax import load_model
>>> from regelspraak.analyses.solver.search import Context
>>> d = Path(tempfile.mkdtemp()); p = d / "m.rgs"
>>> _ = p.write_text('''Objecttype de Persoon (bezield)
... \\tde leeftijd\\tNumeriek (niet-negatief geheel getal) met eenheid jr;
... \\tde korting\\tNumeriek (geheel getal) met eenheid €;
... Beslistabel korting
... \\tgeldig altijd
... | | de korting van een Persoon moet gesteld worden op | indien zijn leeftijd groter of gelijk is aan | indien zijn leeftijd kleiner is dan |
... |---|---|---|---|
... | 1 | 10 € | n.v.t. | 18 jr |
... | 2 | 20 € | 65 jr | n.v.t. |
... ''', "utf-8")
>>> model, _ = load_model([p])
>>> fs = tabellen(Context(model, {}, datetime.date(2025, 1, 1)))
>>> [(f.code, f.oordeel.value, f.details["voorstel"]) for f in fs]
[('RS310', 'bewezen', '| 3 | … | 18 jr | 65 jr |')]
"""  # noqa: E501 (a table row in the example is one line)

from __future__ import annotations

import itertools
import math
from typing import Any

import z3

from regelspraak.analyses.decision_table_cells import (
    Box,
    Dim,
    NietCel,
    Rij,
    boxen,
    cel_constant,
    cel_geldt,
    cel_interval,
    dimensies,
)
from regelspraak.analyses.decision_table_text import Kolom, beschrijf_cellen, tekst_kolommen, voorstel_rij
from regelspraak.analyses.findings import Finding, Oordeel, RegelPlek
from regelspraak.analyses.solver.encoder import Encoder
from regelspraak.analyses.solver.operators import vergelijk_constante, verschillend
from regelspraak.analyses.solver.search import (
    AnalyseContext,
    Budget,
    Status,
    Zoeker,
    Zoekresultaat,
    aannames,
    niet_beslist,
    oordeel,
    overgeslagen,
    plek,
    uitleg,
)
from regelspraak.analyses.solver.values import Frame, Slot, skey
from regelspraak.analyses.stukken import moment
from regelspraak.diagnostics import Ernst
from regelspraak.evaluate.interpret import Uitkomst
from regelspraak.model import ir

CODE_OVERLAP = "RS210"
CODE_HIAAT = "RS310"
MAX_CELLEN = 200_000  # product cells swept; beyond this, z3 alone


class _BudgetOp(Exception):
    """The sweep ran out of its z3 resource units (deterministic, never a clock)."""


# ---------------------------------------------------------------- z3: reachability of a box


def _box_voorwaarden(enc: Encoder, w: Slot, versie: ir.Versie, box: Box, dims: list[Dim]) -> list[Any]:
    out: list[Any] = []
    f = Frame(w, versie)
    for d, (a, b) in zip(dims, box, strict=True):
        if d.kenmerk is not None:
            assert d.expr is not None
            c = enc.conditie(ir.KenmerkTest(d.expr, d.kenmerk, False, versie.herkomst), f)
            out.append(z3.Or(*[c.w == z3.BoolVal(bool(d.cellen[i].rep)) for i in range(a, b + 1)]))
            continue
        assert d.expr is not None
        v = enc.expr(d.expr, f)
        out.append(z3.Not(v.leeg))
        if d.soort == "orde":
            lo, lo_open, hi, hi_open = cel_interval(d, a, b)
            if lo is not None:
                out.append(vergelijk_constante(v, ">" if lo_open else ">=", lo))
            if hi is not None:
                out.append(vergelijk_constante(v, "<" if hi_open else "<=", hi))
        elif d.soort == "bool":
            out.append(z3.Or(*[v.w == z3.BoolVal(bool(d.cellen[i].rep)) for i in range(a, b + 1)]))
        else:
            opties = []
            for i in range(a, b + 1):
                rep = d.cellen[i].rep
                if rep is None:
                    opties.append(z3.And(*[v.w != enc.code(x) for x in d.waarden]) if d.waarden else z3.BoolVal(True))
                else:
                    opties.append(v.w == enc.code(rep))
            out.append(z3.Or(*opties))
    return out


def _attributen(rijen: list[Rij]) -> list[ir.Attribuut]:
    uit: dict[str, ir.Attribuut] = {}
    for rij in rijen:
        for res in rij.conclusies.values():
            if res.doel.attribuut is not None:
                uit.setdefault(res.doel.attribuut.naam.lower(), res.doel.attribuut)
    return list(uit.values())


def _constante_conclusie(res: ir.Toekenning, ctx: AnalyseContext) -> tuple[bool, ir.Waarde]:
    try:
        return True, cel_constant(res.expr, ctx) if res.expr is not None else True
    except NietCel:
        return False, None


def _verschillend(a: Rij, b: Rij, ctx: AnalyseContext) -> bool:
    """May rows a and b give a common attribute different values?"""
    for k, ra in a.conclusies.items():
        rb = b.conclusies.get(k)
        if rb is None or ra.doel.kenmerk is not None:
            continue
        ca, wa = _constante_conclusie(ra, ctx)
        cb, wb = _constante_conclusie(rb, ctx)
        if ca and cb:
            if wa != wb:
                return True
        elif skey(ra.expr) != skey(rb.expr):
            return True
    return False


# ---------------------------------------------------------------- the analysis


def tabellen(ctx: AnalyseContext) -> list[Finding]:
    """RS210 and RS310 findings for every decision table valid on `ctx.rekendatum`."""
    budget = Budget(ctx.rlimit)
    zoeker = Zoeker(ctx, budget)
    findings: list[Finding] = []
    niet_gedaan: list[str] = []
    plekken: list[RegelPlek] = []
    for regel in ctx.model.regels:
        if regel.soort != "beslistabel":
            continue
        if budget.op:
            niet_gedaan.append(f"beslistabel '{regel.naam}'")
            plekken.append(plek(regel))
            continue
        rijen = []
        for v in regel.versies:
            if not v.geldig_op(moment(ctx)):
                continue
            conclusies = {_doel(res): res for res in v.resultaten if isinstance(res, ir.Toekenning)}
            if conclusies:
                rijen.append(Rij(regel, v, conclusies))
        if not rijen:
            continue
        try:
            findings += _sweep(ctx, zoeker, regel, rijen)
        except NietCel:
            findings += _alleen_z3(ctx, zoeker, regel, rijen)
        except _BudgetOp:
            niet_gedaan.append(f"beslistabel '{regel.naam}'")
            plekken.append(plek(regel))
    return findings + overgeslagen(CODE_HIAAT, "tabel-hiaat", niet_gedaan, tuple(plekken), ctx)


def _doel(res: ir.Toekenning) -> str:
    return res.doel.sleutel[1].lower()


def _sweep(ctx: AnalyseContext, zoeker: Zoeker, regel: ir.Regel, rijen: list[Rij]) -> list[Finding]:
    dims, rijen = dimensies(rijen, ctx)
    maten = [len(d.cellen) for d in dims]
    if math.prod(maten) > MAX_CELLEN:
        raise NietCel
    index = {d.key: i for i, d in enumerate(dims)}
    # Per row and dimension: the cells on which all of the row's items on that dimension hold.
    dekking: list[list[set[int]]] = []
    for rij in rijen:
        per_dim = [set(range(m)) for m in maten]
        for it in rij.items:
            i = index[it.dim]
            per_dim[i] &= {j for j, c in enumerate(dims[i].cellen) if cel_geldt(it, c.rep)}
        dekking.append(per_dim)
    gaten: set[tuple[int, ...]] = set()
    overlap: dict[tuple[int, int], set[tuple[int, ...]]] = {}
    verschil = {(i, j): _verschillend(rijen[i], rijen[j], ctx)
                for i in range(len(rijen)) for j in range(i + 1, len(rijen))}
    for i, cel in enumerate(itertools.product(*[range(m) for m in maten])):
        if i % 4096 == 4095 and zoeker.budget.op:
            raise _BudgetOp
        van_toepassing = [r for r, per_dim in enumerate(dekking)
                          if all(c in per_dim[d] for d, c in enumerate(cel))]
        if not van_toepassing:
            gaten.add(cel)
        for x, y in itertools.combinations(van_toepassing, 2):
            if verschil[(x, y)]:
                overlap.setdefault((x, y), set()).add(cel)
    findings: list[Finding] = []
    kolommen = tekst_kolommen(regel, rijen, ctx.model) if gaten else None
    attributen = _attributen(rijen)
    ot = ctx.model.objecttypen[rijen[0].versie.onderwerp].naam
    volgend = max((r.versie.rij or 0) for r in rijen) + 1
    if attributen:
        for box in boxen(gaten, maten):
            findings += _gat(ctx, zoeker, regel, rijen, dims, box, kolommen, attributen, ot, volgend)
            volgend += 1
    for (x, y), cellen in sorted(overlap.items()):
        box = boxen(cellen, maten)[0]
        findings += _overlap(ctx, zoeker, regel, rijen[x], rijen[y], dims, box, ot, len(boxen(cellen, maten)))
    return findings


def _gat(ctx: AnalyseContext, zoeker: Zoeker, regel: ir.Regel, rijen: list[Rij], dims: list[Dim], box: Box,
         kolommen: list[Kolom] | None, attributen: list[ir.Attribuut], ot: str, nummer: int) -> list[Finding]:
    beschrijving = beschrijf_cellen(box, dims)
    versie = rijen[0].versie

    def vraag(enc: Encoder) -> list[Any]:
        w = enc.wortel(versie.onderwerp)
        q = _box_voorwaarden(enc, w, versie, box, dims)
        q.append(z3.Or(*[enc.attribuut(w, a).leeg for a in attributen]))
        return q

    def bevestig(u: Uitkomst, wortel: str) -> bool:
        inst = u.instanties[wortel]
        return not u.fouten and any(inst.waarden.get(a.naam.lower()) is None for a in attributen)

    r = zoeker.zoek(vraag, bevestig)
    if r.status is Status.ONMOGELIJK:
        return []  # no valid input reaches the box, or another rule always fills the attribute
    voorstel, volledig = voorstel_rij(box, dims, kolommen, nummer)
    namen = ", ".join(f"'{a.naam}'" for a in attributen)
    bericht = (f"Beslistabel '{regel.naam}' dekt niet: {beschrijving}. Geen rij is dan van toepassing en {namen} van "
               f"een {ot} blijft leeg.")
    if voorstel:
        bericht += f" Voorstel voor een ontbrekende rij: {voorstel}"
        if not volledig:
            bericht += " (de kolommen drukken het gat niet volledig uit)"
    details: dict[str, Any] = {"tabel": regel.naam, "gebied": beschrijving, "voorstel": voorstel,
                               "z3": r.status.value}
    return [_finding(CODE_HIAAT, "tabel-hiaat", Ernst.WAARSCHUWING, bericht, (plek(regel),),
                     f"{regel.naam}|hiaat|{beschrijving}", ctx, r, details)]


def _overlap(ctx: AnalyseContext, zoeker: Zoeker, regel: ir.Regel, a: Rij, b: Rij, dims: list[Dim], box: Box,
             ot: str, aantal_boxen: int) -> list[Finding]:
    beschrijving = beschrijf_cellen(box, dims)
    gedeeld = [k for k in a.conclusies if k in b.conclusies and a.conclusies[k].doel.attribuut is not None]

    def vraag(enc: Encoder) -> list[Any]:
        w = enc.wortel(a.versie.onderwerp)
        q = _box_voorwaarden(enc, w, a.versie, box, dims)
        verschil = []
        for k in gedeeld:
            ta = enc.toepassing(w, regel, a.versie, a.conclusies[k])
            tb = enc.toepassing(w, regel, b.versie, b.conclusies[k])
            assert ta.waarde is not None and tb.waarde is not None
            verschil.append(z3.And(ta.vuurt, tb.vuurt, verschillend(ta.waarde, tb.waarde)))
        q.append(z3.Or(*verschil) if verschil else z3.BoolVal(False))
        return q

    def bevestig(u: Uitkomst, wortel: str) -> bool:
        return any(f.code == "RS203" and f"Beslistabel '{regel.naam}'" in f.bericht for f in u.fouten)

    r = zoeker.zoek(vraag, bevestig)
    if r.status is Status.ONMOGELIJK:
        return []
    ra, rb = a.versie.rij, b.versie.rij
    attributen = [a.conclusies[k].doel.attribuut for k in gedeeld]
    namen = ", ".join(f"'{x.naam}'" for x in attributen if x is not None)
    meer = f" (en in {aantal_boxen - 1} ander(e) gebied(en))" if aantal_boxen > 1 else ""
    bericht = (f"Beslistabel '{regel.naam}': rijen {ra} en {rb} zijn allebei van toepassing als {beschrijving}{meer}, "
               f"en geven {namen} van een {ot} een andere waarde.")
    details: dict[str, Any] = {"tabel": regel.naam, "rijen": [ra, rb], "gebied": beschrijving, "z3": r.status.value}
    return [_finding(CODE_OVERLAP, "tabel-overlap", Ernst.FOUT, bericht, (plek(regel, a.versie), plek(regel, b.versie)),
                     f"{regel.naam}|overlap|{ra}|{rb}", ctx, r, details)]


def _finding(code: str, soort: str, ernst: Ernst, bericht: str, regels: tuple[Any, ...], sleutel: str,
             ctx: AnalyseContext, r: Zoekresultaat, details: dict[str, Any]) -> Finding:
    """A sweep finding: proven over the columns' domains; the case only when the interpreter agrees."""
    geval = r.geval if r.status is Status.GEVONDEN else None
    return Finding(code, soort, ernst, bericht, Oordeel.BEWEZEN, regels, sleutel,
                   "over de gedeclareerde domeinen van de kolommen (leeg uitgezonderd); " + aannames(ctx, r),
                   geval, uitleg(ctx.model, r.uitkomst) if geval else (), details=details)


# ---------------------------------------------------------------- fallback: z3 alone


def _alleen_z3(ctx: AnalyseContext, zoeker: Zoeker, regel: ir.Regel, rijen: list[Rij]) -> list[Finding]:
    findings: list[Finding] = []
    ot = ctx.model.objecttypen[rijen[0].versie.onderwerp].naam
    for i, a in enumerate(rijen):
        for b in rijen[i + 1:]:
            if not _verschillend(a, b, ctx):
                continue
            gedeeld = [k for k in a.conclusies if k in b.conclusies and a.conclusies[k].doel.attribuut is not None]

            def vraag(enc: Encoder, a: Rij = a, b: Rij = b, gedeeld: list[str] = gedeeld) -> list[Any]:
                w = enc.wortel(a.versie.onderwerp)
                verschil = []
                for k in gedeeld:
                    ta = enc.toepassing(w, regel, a.versie, a.conclusies[k])
                    tb = enc.toepassing(w, regel, b.versie, b.conclusies[k])
                    assert ta.waarde is not None and tb.waarde is not None
                    verschil.append(z3.And(ta.vuurt, tb.vuurt, verschillend(ta.waarde, tb.waarde)))
                return [z3.Or(*verschil) if verschil else z3.BoolVal(False)]

            def bevestig(u: Uitkomst, wortel: str) -> bool:
                return any(f.code == "RS203" and f"Beslistabel '{regel.naam}'" in f.bericht for f in u.fouten)

            r = zoeker.zoek(vraag, bevestig)
            regels = (plek(regel, a.versie), plek(regel, b.versie))
            sleutel = f"{regel.naam}|overlap|{a.versie.rij}|{b.versie.rij}"
            if r.status is Status.ONMOGELIJK:
                continue
            if r.status is not Status.GEVONDEN:
                findings.append(niet_beslist(CODE_OVERLAP, "tabel-overlap",
                                             f"overlap van rijen {a.versie.rij} en {b.versie.rij} van beslistabel "
                                             f"'{regel.naam}'", regels, sleutel, r, ctx))
                continue
            findings.append(Finding(
                CODE_OVERLAP, "tabel-overlap", Ernst.FOUT,
                f"Beslistabel '{regel.naam}': rijen {a.versie.rij} en {b.versie.rij} zijn voor dezelfde invoer allebei "
                f"van toepassing en geven een {ot} een andere waarde (zie het tegenvoorbeeld).",
                oordeel(r), regels, sleutel, aannames(ctx, r), r.geval, uitleg(ctx.model, r.uitkomst),
                details={"tabel": regel.naam, "rijen": [a.versie.rij, b.versie.rij]}))
    attributen = _attributen(rijen)
    if not attributen:
        return findings
    versie = rijen[0].versie

    def gat(enc: Encoder) -> list[Any]:
        w = enc.wortel(versie.onderwerp)
        q = []
        for rij in rijen:
            res = next(iter(rij.conclusies.values()))
            if res.voorwaarde is None:
                return [z3.BoolVal(False)]
            c = enc.conditie(res.voorwaarde, Frame(w, rij.versie))
            q += [z3.Not(c.w), z3.Not(c.fout)]
            for it in _vergelijkingen(res.voorwaarde):
                q.append(z3.Not(enc.expr(it.links, Frame(w, rij.versie)).leeg))
        q.append(z3.Or(*[enc.attribuut(w, a).leeg for a in attributen]))
        return q

    def leeg_gebleven(u: Uitkomst, wortel: str) -> bool:
        inst = u.instanties[wortel]
        return not u.fouten and any(inst.waarden.get(a.naam.lower()) is None for a in attributen)

    r = zoeker.zoek(gat, leeg_gebleven)
    sleutel = f"{regel.naam}|hiaat"
    if r.status is Status.GEVONDEN:
        namen = ", ".join(f"'{a.naam}'" for a in attributen)
        findings.append(Finding(
            CODE_HIAAT, "tabel-hiaat", Ernst.WAARSCHUWING,
            f"Beslistabel '{regel.naam}' dekt niet alle invoer: voor het tegenvoorbeeld is geen rij van toepassing "
            f"en blijft {namen} van een {ot} leeg.",
            oordeel(r), (plek(regel),), sleutel, aannames(ctx, r), r.geval, uitleg(ctx.model, r.uitkomst),
            details={"tabel": regel.naam}))
    elif r.status is not Status.ONMOGELIJK:
        findings.append(niet_beslist(CODE_HIAAT, "tabel-hiaat", f"volledigheid van beslistabel '{regel.naam}'",
                                     (plek(regel),), sleutel, r, ctx))
    return findings


def _vergelijkingen(c: ir.Conditie) -> list[ir.Vergelijk]:
    if isinstance(c, ir.Vergelijk):
        return [c] if not c.links.meervoudig else []
    if isinstance(c, ir.Samengesteld) and c.kwantor == "alle":
        return [v for i in c.items for v in _vergelijkingen(i)]
    return []
