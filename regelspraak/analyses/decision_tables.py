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

>>> from pathlib import Path
>>> import tempfile, datetime
>>> from regelspraak.model.from_syntax import load_model
>>> from regelspraak.analyses.solver import Context
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
>>> fs = tabellen(Context(model, {}, datetime.date(2025, 1, 1), 10.0))
>>> [(f.code, f.oordeel.value, f.details["voorstel"]) for f in fs]
[('RS310', 'bewezen', '| 3 | … | 18 jr | 65 jr |')]
"""  # noqa: E501 (a table row in the example is one line)

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import z3

from regelspraak.analyses.findings import Finding, Oordeel, RegelPlek
from regelspraak.analyses.solver import (
    DAG_MAX,
    AnalyseContext,
    Budget,
    Encoder,
    Frame,
    Slot,
    Status,
    Zoeker,
    Zoekresultaat,
    aannames,
    niet_beslist,
    oordeel,
    overgeslagen,
    plek,
    skey,
    uitleg,
    vergelijk_constante,
    verschillend,
)
from regelspraak.diagnostics import Ernst
from regelspraak.evaluate.interpret import Uitkomst
from regelspraak.model import ir
from regelspraak.values.notation import format_getal

CODE_OVERLAP = "RS210"
CODE_HIAAT = "RS310"
MAX_CELLEN = 200_000  # product cells swept; beyond this, z3 alone
_ORDE = ("groter", "groter_gelijk", "kleiner", "kleiner_gelijk", "eerder", "eerder_gelijk", "later",
         "later_gelijk", "gelijk", "ongelijk")


@dataclass(frozen=True)
class Cel:
    """An elementary cell of one dimension: an interval (ordered) or one value (discrete)."""

    rep: Any  # representative value (Fraction, day number as Fraction, str, bool, or None = other text)
    lo: Fraction | None = None
    lo_open: bool = False
    hi: Fraction | None = None
    hi_open: bool = False


@dataclass(frozen=True)
class Dim:
    """One dimension of the table: an expression the condition columns compare, and its cells."""

    key: str
    soort: str  # orde, enum, bool, tekst
    type: ir.Type
    expr: ir.Expr  # the compared expression, or the object of a kenmerk test
    kenmerk: ir.Kenmerk | None
    waarden: tuple[Any, ...]  # discrete dimensions: the values
    cellen: tuple[Cel, ...]
    stap: Fraction | None = None  # ordered dimensions: the smallest step the domain holds


@dataclass(frozen=True)
class Item:
    dim: str
    op: str
    waarden: tuple[Any, ...]  # constants (ordered: Fraction; dates as day numbers)


@dataclass(frozen=True)
class Rij:
    regel: ir.Regel
    versie: ir.Versie
    conclusies: dict[str, ir.Toekenning]  # attribute (or kenmerk) key -> result
    items: tuple[Item, ...] = ()  # its condition cells, once the dimensions are known


class _Niet(Exception):
    """The table is not a constant-cell table: fall back to z3 alone."""


class _BudgetOp(Exception):
    """The sweep ran out of time."""


# ---------------------------------------------------------------- extracting dimensions


def _constant(x: ir.Expr, ctx: AnalyseContext) -> ir.Waarde:
    if isinstance(x, ir.Literal):
        return x.waarde
    if isinstance(x, ir.ParameterRef) and x.naam in ctx.parameters:
        return ctx.parameters[x.naam]
    raise _Niet


def _ordenbaar(w: ir.Waarde) -> Any:
    if isinstance(w, date):
        return Fraction(w.toordinal())
    return w


def _dimensies(rijen: list[Rij], ctx: AnalyseContext) -> tuple[list[Dim], list[Rij]]:
    """The table's dimensions, and its rows with their condition cells as items on them."""
    soorten: dict[str, tuple[str, ir.Type, ir.Expr, ir.Kenmerk | None]] = {}
    drempels: dict[str, set[Fraction]] = {}
    teksten: dict[str, list[Any]] = {}
    uit: list[Rij] = []
    for rij in rijen:
        res = next(iter(rij.conclusies.values()))
        c = res.voorwaarde
        condities: tuple[ir.Conditie, ...] = ()
        if isinstance(c, ir.Samengesteld) and c.kwantor == "alle":
            condities = c.items
        elif c is not None:
            raise _Niet
        items: list[Item] = []
        for it in condities:
            if isinstance(it, ir.KenmerkTest):
                key = skey(it.object) + "|" + skey(it.kenmerk)
                soorten.setdefault(key, ("bool", ir.BOOLEAN, it.object, it.kenmerk))
                items.append(Item(key, "gelijk", (not it.ontkend,)))
                continue
            if not isinstance(it, ir.Vergelijk) or it.op not in _ORDE or it.links.meervoudig:
                raise _Niet
            t = it.links.type
            lijst = []
            for i, r in enumerate(it.rechts):
                w = _constant(r, ctx)
                if w is None:
                    raise _Niet  # a leeg cell value: the leeg rules, not an interval
                lijst.append(w * (it.factoren[i] if it.factoren else 1) if isinstance(w, Fraction) else _ordenbaar(w))
            waarden = tuple(lijst)
            key = skey(it.links)
            if t.is_getal or t.soort == "datum":
                if not all(isinstance(w, Fraction) for w in waarden):
                    raise _Niet
                soorten.setdefault(key, ("orde", t, it.links, None))
                drempels.setdefault(key, set()).update(waarden)
            elif it.op not in ("gelijk", "ongelijk"):
                raise _Niet  # no order on enumerations, texts or Booleans
            elif t.soort == "enumeratie" and t.waarden:
                soorten.setdefault(key, ("enum", t, it.links, None))
            elif t.soort == "boolean":
                soorten.setdefault(key, ("bool", t, it.links, None))
            elif t.soort == "tekst":
                soorten.setdefault(key, ("tekst", t, it.links, None))
                bekend = teksten.setdefault(key, [])
                bekend += [w for w in waarden if w not in bekend]
            else:
                raise _Niet
            items.append(Item(key, it.op, waarden))
        uit.append(Rij(rij.regel, rij.versie, rij.conclusies, tuple(items)))
    dims = []
    for key, (soort, t, expr, kenmerk) in soorten.items():
        if soort == "orde":
            stap, cellen = _ordecellen(t, drempels[key])
            dims.append(Dim(key, soort, t, expr, kenmerk, (), cellen, stap))
            continue
        waarden = tuple(t.waarden) if soort == "enum" else (True, False) if soort == "bool" else tuple(teksten[key])
        cellen = tuple(Cel(w) for w in waarden) + ((Cel(None),) if soort == "tekst" else ())
        dims.append(Dim(key, soort, t, expr, kenmerk, waarden, cellen))
    return dims, uit


def _ordecellen(t: ir.Type, tabel_drempels: set[Fraction]) -> tuple[Fraction | None, tuple[Cel, ...]]:
    """The step of the domain and the elementary cells of an ordered dimension."""
    stap: Fraction | None = None
    ondergrens: tuple[Fraction, bool] | None = None  # (bound, open)
    bovengrens: tuple[Fraction, bool] | None = None
    if t.soort == "datum":
        stap = Fraction(1)
        ondergrens, bovengrens = (Fraction(1), False), (Fraction(DAG_MAX), False)
    else:
        if t.decimalen is not None:
            stap = Fraction(1, 10**t.decimalen)
        if t.teken == "niet-negatief":
            ondergrens = (Fraction(0), False)
        elif t.teken == "positief":
            ondergrens = (Fraction(0), True)
    drempels = set(tabel_drempels)
    if ondergrens is not None:
        drempels.add(ondergrens[0])
    if bovengrens is not None:
        drempels.add(bovengrens[0])
    ts = sorted(drempels)
    if not ts:
        return stap, (Cel(Fraction(0)),)
    kandidaten: list[Cel] = [Cel(None, None, True, ts[0], True)]
    for i, t0 in enumerate(ts):
        kandidaten.append(Cel(t0, t0, False, t0, False))
        if i + 1 < len(ts):
            kandidaten.append(Cel(None, t0, True, ts[i + 1], True))
    kandidaten.append(Cel(None, ts[-1], True, None, True))
    uit: list[Cel] = []
    for c in kandidaten:
        rep = _representant(c, stap)
        if rep is None:
            continue
        if ondergrens is not None and (rep < ondergrens[0] or (ondergrens[1] and rep == ondergrens[0])):
            continue
        if bovengrens is not None and rep > bovengrens[0]:
            continue
        uit.append(Cel(rep, c.lo, c.lo_open, c.hi, c.hi_open))
    return stap, tuple(uit)


def _representant(c: Cel, stap: Fraction | None) -> Fraction | None:
    """A value in the cell that the domain can hold, or None if the cell is empty."""
    if c.lo is not None and c.lo == c.hi:
        return c.lo if stap is None or (c.lo / stap).denominator == 1 else None
    if c.lo is None:
        assert c.hi is not None
        return c.hi - (stap or 1)
    kleinste = c.lo + (stap or 1) if stap is None else (math.floor(c.lo / stap) + 1) * stap
    if c.hi is None:
        return kleinste
    if stap is None:
        return (c.lo + c.hi) / 2
    return kleinste if kleinste < c.hi else None


def _geldt(item: Item, rep: Any) -> bool:
    if rep is None:  # another text than every literal
        return item.op == "ongelijk"
    ops: dict[str, Callable[[Any, Any], bool]] = {
        "groter": operator.gt, "later": operator.gt, "groter_gelijk": operator.ge, "later_gelijk": operator.ge,
        "kleiner": operator.lt, "eerder": operator.lt, "kleiner_gelijk": operator.le, "eerder_gelijk": operator.le,
        "gelijk": operator.eq, "ongelijk": operator.ne}
    fn = ops[item.op]
    if item.op == "ongelijk":
        return all(fn(rep, w) for w in item.waarden)
    return any(fn(rep, w) for w in item.waarden)


# ---------------------------------------------------------------- boxes


Box = tuple[tuple[int, int], ...]  # per dimension: first and last cell index


def _boxen(cellen: set[tuple[int, ...]], maten: list[int]) -> list[Box]:
    """Disjoint boxes covering `cellen`: grow greedily along each dimension in turn."""
    geclaimd: set[tuple[int, ...]] = set()
    uit: list[Box] = []
    for c in sorted(cellen):
        if c in geclaimd:
            continue
        lo, hi = list(c), list(c)
        for d in range(len(maten)):
            while hi[d] + 1 < maten[d]:
                laag = [*lo]
                laag[d] = hi[d] + 1
                hoog = [*hi]
                hoog[d] = hi[d] + 1
                vlak = list(itertools.product(*[range(a, b + 1) for a, b in zip(laag, hoog, strict=True)]))
                if all(x in cellen and x not in geclaimd for x in vlak):
                    hi[d] += 1
                else:
                    break
        box = tuple(zip(lo, hi, strict=True))
        geclaimd |= set(itertools.product(*[range(a, b + 1) for a, b in box]))
        uit.append(box)
    return uit


def _getal(w: Fraction) -> str:
    return format_getal(w).replace(".", ",")


def _waarde_tekst(w: Any, d: Dim) -> str:
    if d.soort in ("enum", "tekst"):
        return f"'{w}'" if d.soort == "enum" else f'"{w}"'
    if d.soort == "bool":
        return "waar" if w else "onwaar"
    assert isinstance(w, Fraction)
    if d.type.soort == "datum":
        return f"{date.fromordinal(int(w)):%d-%m-%Y}"
    if d.type.soort == "percentage":
        return _getal(w) + "%"
    eenheid = d.type.eenheid
    if eenheid is not None and not eenheid.is_dimensieloos:
        return f"{_getal(w)} {eenheid}"
    return _getal(w)


def _lijst(woorden: list[str]) -> str:
    return woorden[0] if len(woorden) == 1 else ", ".join(woorden[:-1]) + " of " + woorden[-1]


def _interval(d: Dim, a: int, b: int) -> tuple[Fraction | None, bool, Fraction | None, bool]:
    lo, lo_open = d.cellen[a].lo, d.cellen[a].lo_open
    hi, hi_open = d.cellen[b].hi, d.cellen[b].hi_open
    # A bound that is only the declared domain's (0 for niet-negatief, the date range) is no bound.
    if a == 0:
        lo = None
    if b == len(d.cellen) - 1:
        hi = None
    return lo, lo_open, hi, hi_open


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


def _beschrijf(box: Box, dims: list[Dim]) -> str:
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
        lo, lo_open, hi, hi_open = _interval(d, a, b)
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


def _kolommen(regel: ir.Regel, rijen: list[Rij], model: ir.Model) -> list[Kolom] | None:
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
    lo, lo_open, hi, hi_open = _interval(d, a, b)
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


def _voorstel(box: Box, dims: list[Dim], kolommen: list[Kolom] | None, nummer: int) -> tuple[str, bool]:
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
        lo, _, hi, _ = _interval(d, a, b)
        if (lo is not None and "lo" not in z) or (hi is not None and "hi" not in z):
            volledig = False
    return f"| {nummer} | " + " | ".join(cellen) + " |", volledig


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
            lo, lo_open, hi, hi_open = _interval(d, a, b)
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
        return True, _constant(res.expr, ctx) if res.expr is not None else True
    except _Niet:
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
    budget = Budget(ctx.budget_s)
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
            if not v.geldig_op(ctx.rekendatum):
                continue
            conclusies = {_doel(res): res for res in v.resultaten if isinstance(res, ir.Toekenning)}
            if conclusies:
                rijen.append(Rij(regel, v, conclusies))
        if not rijen:
            continue
        try:
            findings += _sweep(ctx, zoeker, regel, rijen)
        except _Niet:
            findings += _alleen_z3(ctx, zoeker, regel, rijen)
        except _BudgetOp:
            niet_gedaan.append(f"beslistabel '{regel.naam}'")
            plekken.append(plek(regel))
    return findings + overgeslagen(CODE_HIAAT, "tabel-hiaat", niet_gedaan, tuple(plekken), ctx)


def _doel(res: ir.Toekenning) -> str:
    return res.doel.sleutel[1].lower()


def _sweep(ctx: AnalyseContext, zoeker: Zoeker, regel: ir.Regel, rijen: list[Rij]) -> list[Finding]:
    dims, rijen = _dimensies(rijen, ctx)
    maten = [len(d.cellen) for d in dims]
    if math.prod(maten) > MAX_CELLEN:
        raise _Niet
    index = {d.key: i for i, d in enumerate(dims)}
    # Per row and dimension: the cells on which all of the row's items on that dimension hold.
    dekking: list[list[set[int]]] = []
    for rij in rijen:
        per_dim = [set(range(m)) for m in maten]
        for it in rij.items:
            i = index[it.dim]
            per_dim[i] &= {j for j, c in enumerate(dims[i].cellen) if _geldt(it, c.rep)}
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
    kolommen = _kolommen(regel, rijen, ctx.model) if gaten else None
    attributen = _attributen(rijen)
    ot = ctx.model.objecttypen[rijen[0].versie.onderwerp].naam
    volgend = max((r.versie.rij or 0) for r in rijen) + 1
    if attributen:
        for box in _boxen(gaten, maten):
            findings += _gat(ctx, zoeker, regel, rijen, dims, box, kolommen, attributen, ot, volgend)
            volgend += 1
    for (x, y), cellen in sorted(overlap.items()):
        box = _boxen(cellen, maten)[0]
        findings += _overlap(ctx, zoeker, regel, rijen[x], rijen[y], dims, box, ot, len(_boxen(cellen, maten)))
    return findings


def _gat(ctx: AnalyseContext, zoeker: Zoeker, regel: ir.Regel, rijen: list[Rij], dims: list[Dim], box: Box,
         kolommen: list[Kolom] | None, attributen: list[ir.Attribuut], ot: str, nummer: int) -> list[Finding]:
    beschrijving = _beschrijf(box, dims)
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
    voorstel, volledig = _voorstel(box, dims, kolommen, nummer)
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
    beschrijving = _beschrijf(box, dims)
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
