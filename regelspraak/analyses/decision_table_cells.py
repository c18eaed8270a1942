"""A decision table as a grid: its dimensions, their elementary cells, and boxes of cells.

Every condition column of a constant-cell table compares one expression (a dimension) with
constants (literals, parameters on the rekendatum) or tests a kenmerk. Each dimension splits into
finitely many elementary cells on which every row condition is constant: the points and open
intervals between the thresholds the table uses (intersected with the declared domain: decimals,
sign, dates 0001–9999), each enumeration value, waar/onwaar. A table that is not of this form
raises `_Niet` (the analysis then falls back to z3 alone). Adjacent cells merge into boxes.
"""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

from regelspraak.analyses.solver.operators import DAG_MAX
from regelspraak.analyses.solver.search import AnalyseContext
from regelspraak.analyses.solver.values import skey
from regelspraak.model import ir

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


def cel_interval(d: Dim, a: int, b: int) -> tuple[Fraction | None, bool, Fraction | None, bool]:
    lo, lo_open = d.cellen[a].lo, d.cellen[a].lo_open
    hi, hi_open = d.cellen[b].hi, d.cellen[b].hi_open
    # A bound that is only the declared domain's (0 for niet-negatief, the date range) is no bound.
    if a == 0:
        lo = None
    if b == len(d.cellen) - 1:
        hi = None
    return lo, lo_open, hi, hi_open
