"""Between the interpreter's objects (`Gegevens`, `Instantie`) and the engine's columns
(`Populatie`): exact both ways. Used for the per-row fallback and the differential tests.

>>> from regelspraak.model import ir
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from fractions import Fraction
from math import lcm

import numpy as np

from regelspraak.evaluate.columns import Kolom, Populatie, Relatie, Tabel
from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.evaluate.tijd_expr import kenmerken_als_tijdlijn
from regelspraak.evaluate.vector_tijd import kenmerk_kolom, kenmerk_waarde
from regelspraak.model import ir
from regelspraak.model.tijd import kenmerk_tijdlijnen
from regelspraak.values.tijdlijn import Tijdlijn


def _noemer(t: ir.Type, waarden: list[ir.Waarde]) -> int:
    if t.decimalen is not None:
        return int(10**t.decimalen)
    d = 1
    for v in waarden:
        if isinstance(v, Fraction):
            d = lcm(d, v.denominator)
    return d


_EPOCH = datetime(1, 1, 1)


def _ms(v: datetime) -> int:
    return (v - _EPOCH) // timedelta(milliseconds=1)


def kolom(t: ir.Type, waarden: list[ir.Waarde]) -> Kolom:
    """One column from Python values (None = leeg)."""
    ok = np.array([v is not None for v in waarden], dtype=bool)
    if any(isinstance(v, Tijdlijn) for v in waarden):
        # Timelines (taal.md §11) are kept whole, one object per row; only rules that run per knip
        # stretch through the interpreter read them (evaluate/vector_tijd.py).
        kol = np.empty(len(waarden), dtype=object)
        kol[:] = waarden
        return Kolom(kol, ok)
    if t.is_getal:
        d = _noemer(t, waarden)
        nums = [int(v * d) if isinstance(v, Fraction) else 0 for v in waarden]
        big = any(abs(x) >= 2**62 for x in nums)
        return Kolom(np.array(nums, dtype=object if big else np.int64), ok, d)
    if t.soort == "datum":
        return Kolom(np.array([v.toordinal() if isinstance(v, date) else 0 for v in waarden], dtype=np.int64), ok)
    if t.soort == "datumtijd":  # milliseconds since 01-01-0001, so the engine compares them as it does dates
        return Kolom(np.array([_ms(v) if isinstance(v, datetime) else 0 for v in waarden], dtype=np.int64), ok)
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
    if isinstance(v, Tijdlijn):
        return v
    if t.is_getal:
        return Fraction(int(v), k.noemer)
    if t.soort == "datum":
        return date.fromordinal(int(v))
    if t.soort == "datumtijd":
        return _EPOCH + timedelta(milliseconds=int(v))
    if t.soort == "enumeratie":
        return t.waarden[int(v)]
    if t.soort == "boolean":
        return bool(v)
    return str(v)


def populatie(model: ir.Model, g: Gegevens) -> Populatie:
    """The columns of a case (all objects, all facts)."""
    tabellen: dict[str, Tabel] = {}
    rij: dict[str, tuple[str, int]] = {}
    tijd_kenmerken = kenmerk_tijdlijnen(model)
    for key, ot in model.objecttypen.items():
        ids = sorted(oid for oid, inv in g.objecten.items() if inv.type == key)
        kms = {o: kenmerken_als_tijdlijn(dict(g.objecten[o].kenmerken), tijd_kenmerken[key], g.rekendatum)
               if key in tijd_kenmerken else g.objecten[o].kenmerken for o in ids}
        for i, oid in enumerate(ids):
            rij[oid] = (key, i)
        t = Tabel(key, np.array(ids, dtype=object))
        for a in ot.attributen.values():
            t.kolommen[a.naam.lower()] = kolom(a.type, [g.objecten[o].attributen.get(a.naam.lower()) for o in ids])
        for km in ot.kenmerken.values():
            t.kolommen["kenmerk:" + km.naam.lower()] = kenmerk_kolom(
                [kms[o].get(km.naam.lower(), False) for o in ids])
        tabellen[key] = t
    relaties: dict[str, Relatie] = {}
    for ft_key in model.feittypen:
        paren = [ids for k, ids in g.feiten if k == ft_key]
        r0 = np.array([rij[a][1] for a, _ in paren], dtype=np.int64)
        r1 = np.array([rij[b][1] for _, b in paren], dtype=np.int64)
        relaties[ft_key] = Relatie(ft_key, (r0, r1))
    return Populatie(tabellen, relaties)


def objectnamen(pop: Populatie) -> dict[str, list[str]]:
    """The interpreter's name of every object, per table in row order: its id as text, unless that
    id also occurs in another table — a generated toeslageenheid has the id of its first member —
    then `objecttype#id`, so that no two objects of a population share a name (before, the second
    one silently replaced the first and the per-row fallback read leeg).

    >>> pop = Populatie({"a": Tabel("a", np.array([1, 2])), "b": Tabel("b", np.array([2, 3]))}, {})
    >>> objectnamen(pop)
    {'a': ['1', 'a#2'], 'b': ['b#2', '3']}
    """
    tekst = {k: [str(i) for i in t.ids] for k, t in pop.tabellen.items()}
    gezien: set[str] = set()
    dubbel: set[str] = set()
    for namen in tekst.values():
        uniek = set(namen)
        dubbel |= gezien & uniek
        gezien |= uniek
    if not dubbel:
        return tekst
    return {k: [f"{k}#{n}" if n in dubbel else n for n in namen] for k, namen in tekst.items()}


def objecten(model: ir.Model, pop: Populatie, namen: dict[str, list[str]] | None = None) -> dict[str, Invoer]:
    """All objects with all their values (for comparing engines), named by `objectnamen`."""
    namen = namen if namen is not None else objectnamen(pop)
    out: dict[str, Invoer] = {}
    for key, t in pop.tabellen.items():
        ot = model.objecttypen[key]
        for i, naam in enumerate(namen[key]):
            attrs = {a.naam.lower(): waarde(a.type, t.kolommen[a.naam.lower()], i) for a in ot.attributen.values()}
            kms = {k.naam.lower(): kenmerk_waarde(t.kolommen["kenmerk:" + k.naam.lower()], i)
                   for k in ot.kenmerken.values()}
            out[naam] = Invoer(key, attrs, kms)
    return out


def geval_rond(model: ir.Model, pop: Populatie, objecttype: str, rij: int, rekendatum: date,
               parameters: dict[str, ir.Waarde]) -> Gegevens:
    """The case around one object: it and every object linked to it by a fact (one hop each way,
    repeated until nothing new), with input values only (what no rule derives)."""
    derived = {w for r in model.regels for v in r.versies for res in v.resultaten
               if isinstance(res, ir.Toekenning) and not res.initialisatie for w in r.schrijft}
    todo = [(objecttype, rij)]
    gezien: set[tuple[str, int]] = set()
    feiten: set[tuple[str, tuple[tuple[str, int], tuple[str, int]]]] = set()
    while todo and len(gezien) < 200:
        ot, r = todo.pop()
        if (ot, r) in gezien:
            continue
        gezien.add((ot, r))
        for ft_key, rel in pop.relaties.items():
            ft = model.feittypen[ft_key]
            t0, t1 = ft.rollen[0].objecttype, ft.rollen[-1].objecttype
            for kant, (mijn_t, andere_t) in enumerate(((t0, t1), (t1, t0))):
                if mijn_t != ot:
                    continue
                mijn, andere = rel.rijen[kant], rel.rijen[1 - kant]
                for j in np.flatnonzero(mijn == r):
                    a, b = (int(mijn[j]), int(andere[j])) if kant == 0 else (int(andere[j]), int(mijn[j]))
                    feiten.add((ft_key, ((t0, a), (t1, b))))
                    todo.append((andere_t, int(andere[j])))
    objecten: dict[str, Invoer] = {}
    naam: dict[tuple[str, int], str] = {}
    for ot, r in sorted(gezien):
        t = pop.tabellen[ot]
        oid = str(t.ids[r])
        naam[(ot, r)] = oid if oid not in objecten else f"{oid}_{ot}"
        o = model.objecttypen[ot]
        attrs = {a.naam.lower(): waarde(a.type, t.kolommen[a.naam.lower()], r) for a in o.attributen.values()
                 if (ot, a.naam.lower()) not in derived and a.naam.lower() in t.kolommen}
        kms = {k.naam.lower(): kenmerk_waarde(t.kolommen["kenmerk:" + k.naam.lower()], r) for k in o.kenmerken.values()
               if (ot, "kenmerk:" + k.naam.lower()) not in derived and "kenmerk:" + k.naam.lower() in t.kolommen}
        objecten[naam[(ot, r)]] = Invoer(ot, attrs, kms)
    lijst: list[tuple[str, tuple[str, ...]]] = [(ft, (naam[a], naam[b])) for ft, (a, b) in sorted(feiten)
                                               if a in naam and b in naam]
    return Gegevens(rekendatum, parameters, objecten, lijst)
