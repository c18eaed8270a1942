"""Between the interpreter's objects (`Gegevens`, `Instantie`) and the engine's columns
(`Populatie`): exact both ways. Used for the per-row fallback and the differential tests.

>>> from regelspraak.model import ir
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from math import lcm

import numpy as np

from regelspraak.evaluate.columns import Kolom, Populatie, Relatie, Tabel
from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.model import ir


def _noemer(t: ir.Type, waarden: list[ir.Waarde]) -> int:
    if t.decimalen is not None:
        return int(10**t.decimalen)
    d = 1
    for v in waarden:
        if isinstance(v, Fraction):
            d = lcm(d, v.denominator)
    return d


def kolom(t: ir.Type, waarden: list[ir.Waarde]) -> Kolom:
    """One column from Python values (None = leeg)."""
    ok = np.array([v is not None for v in waarden], dtype=bool)
    if t.is_getal:
        d = _noemer(t, waarden)
        nums = [int(v * d) if isinstance(v, Fraction) else 0 for v in waarden]
        big = any(abs(x) >= 2**62 for x in nums)
        return Kolom(np.array(nums, dtype=object if big else np.int64), ok, d)
    if t.soort == "datum":
        return Kolom(np.array([v.toordinal() if isinstance(v, date) else 0 for v in waarden], dtype=np.int64), ok)
    if t.soort == "enumeratie":
        codes = [t.waarden.index(v) if isinstance(v, str) else 0 for v in waarden]
        return Kolom(np.array(codes, dtype=np.int16), ok)
    if t.soort == "boolean":
        return Kolom(np.array([bool(v) for v in waarden], dtype=bool), ok)
    return Kolom(np.array(["" if v is None else str(v) for v in waarden], dtype=object), ok)


def waarde(t: ir.Type, k: Kolom, i: int) -> ir.Waarde:
    """The exact Python value of row i."""
    if not bool(k.geldig[i]):
        return None
    v = k.waarden[i]
    if t.is_getal:
        return Fraction(int(v), k.noemer)
    if t.soort == "datum":
        return date.fromordinal(int(v))
    if t.soort == "enumeratie":
        return t.waarden[int(v)]
    if t.soort == "boolean":
        return bool(v)
    return str(v)


def populatie(model: ir.Model, g: Gegevens) -> Populatie:
    """The columns of a case (all objects, all facts)."""
    tabellen: dict[str, Tabel] = {}
    rij: dict[str, tuple[str, int]] = {}
    for key, ot in model.objecttypen.items():
        ids = sorted(oid for oid, inv in g.objecten.items() if inv.type == key)
        for i, oid in enumerate(ids):
            rij[oid] = (key, i)
        t = Tabel(key, np.array(ids, dtype=object))
        for a in ot.attributen.values():
            t.kolommen[a.naam.lower()] = kolom(a.type, [g.objecten[o].attributen.get(a.naam.lower()) for o in ids])
        for km in ot.kenmerken.values():
            vals = [g.objecten[o].kenmerken.get(km.naam.lower(), False) for o in ids]
            t.kolommen["kenmerk:" + km.naam.lower()] = Kolom(np.array(vals, dtype=bool), np.ones(len(ids), bool))
        tabellen[key] = t
    relaties: dict[str, Relatie] = {}
    for ft_key in model.feittypen:
        paren = [ids for k, ids in g.feiten if k == ft_key]
        r0 = np.array([rij[a][1] for a, _ in paren], dtype=np.int64)
        r1 = np.array([rij[b][1] for _, b in paren], dtype=np.int64)
        relaties[ft_key] = Relatie(ft_key, (r0, r1))
    return Populatie(tabellen, relaties)


def objecten(model: ir.Model, pop: Populatie) -> dict[str, Invoer]:
    """All objects with all their values (for comparing engines)."""
    out: dict[str, Invoer] = {}
    for key, t in pop.tabellen.items():
        ot = model.objecttypen[key]
        for i, oid in enumerate(t.ids):
            attrs = {a.naam.lower(): waarde(a.type, t.kolommen[a.naam.lower()], i) for a in ot.attributen.values()}
            kms = {k.naam.lower(): bool(t.kolommen["kenmerk:" + k.naam.lower()].waarden[i])
                   for k in ot.kenmerken.values()}
            out[str(oid)] = Invoer(key, attrs, kms)
    return out
