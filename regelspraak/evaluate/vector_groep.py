"""Row deltas through a feittype (issue 11, docs/prestaties.md "Tijdlijnen"): a rule on the period
axis whose subject reads its own row and aggregates over its related objects (`de som van de
verzekerde maand van alle leden van het Huishouden`, `het aantal leden die een verzekerde zijn`)
runs a month that differs from the month before in few rows on the subjects that can differ only:
those whose own inputs changed and those with a related object whose inputs changed. It runs on a
small population of those subjects and all their related objects (the feittype's facts between
them, renumbered), and its results are kept as deltas of the month before (`vector_delta`).

Why this is the whole month's result: such a rule (`per_groep`) reads nothing but its subject's row
and, through one role of one feittype, the rows of the objects related to it (their attributes and
kenmerken, a selection on them, a kwantor over them). A subject none of whose read rows changed
since month m-1 has the same inputs, in the same order (the facts keep their order per subject), so
the same result, leeg and writer record as in month m-1 (the argument of `vector_delta`). A subject
that may differ is evaluated with all its related objects, so its aggregations are complete.

>>> import numpy as np
>>> from regelspraak.evaluate.columns import Relatie
>>> rel = Relatie("lid", (np.array([0, 0, 1, 2]), np.array([0, 1, 2, 3])))
>>> eigenaars_van(rel, 1, np.array([1, 3]), 4).tolist()
[0, 2]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from regelspraak.evaluate import segments as sg
from regelspraak.evaluate import vector_delta as vd
from regelspraak.evaluate.columns import Kolom, Populatie, Relatie
from regelspraak.evaluate.per_regel import onthouden
from regelspraak.evaluate.periode_grenzen import uniek
from regelspraak.model import ir
from regelspraak.model.order import children, roots_of

if TYPE_CHECKING:
    from regelspraak.evaluate.vectorize import Engine

Bools = np.ndarray[Any, np.dtype[np.bool_]]
Rijen = np.ndarray[Any, np.dtype[np.intp]]
Sleutel = tuple[str, str]


@dataclass(frozen=True)
class Groep:
    """What a `per_groep` rule reads: its subject's columns (`eigen`, targets included), the role it
    navigates to (`rol`) and the columns of the related objects (`leden`)."""

    eigen: frozenset[str]
    rol: ir.Rol
    leden: frozenset[str]


class _Nee(Exception):
    """Not a `per_groep` rule."""


class _Lezer:
    """Walks a version's trees, collecting what it reads; raises `_Nee` at anything else."""

    def __init__(self) -> None:
        self.eigen: set[str] = set()
        self.leden: set[str] = set()
        self.rollen: set[ir.Rol] = set()

    def rij(self, x: Any, element: bool) -> None:
        """An expression or condition over one row: the subject's (`element` False) or, inside a
        selection or kwantor, the related object's."""
        if isinstance(x, ir.Aggregeren) and not element:
            if x.collectie is not None:
                self.collectie(x.collectie)
            for item in x.lijst:
                self.rij(item, False)
            return
        if isinstance(x, ir.Gekwantificeerd) and not element:
            self.collectie(x.collectie, alleen_objecten=True)
            self.rij(x.voorwaarde, True)
            return
        if isinstance(x, ir.RolTest) and not element and isinstance(x.object, ir.Onderwerp):
            self.rollen.add(x.rol)  # facts only: the same in every month
            return
        if not isinstance(x, vd._RIJ_KNOPEN) or getattr(x, "meervoudig", False):
            raise _Nee
        if isinstance(x, ir.Onderwerp | ir.VariabeleRef) and element:
            raise _Nee  # the subject or a rule variable inside a selection: not looked into here
        if isinstance(x, ir.AttribuutLezen | ir.KenmerkTest):
            obj = x.van if isinstance(x, ir.AttribuutLezen) else x.object
            naam = x.attribuut.naam.lower() if isinstance(x, ir.AttribuutLezen) else "kenmerk:" + x.kenmerk.naam.lower()
            if element and isinstance(obj, ir.Element) and obj.diepte == 0:
                self.leden.add(naam)
            elif not element and isinstance(obj, ir.Onderwerp):
                self.eigen.add(naam)
            else:
                raise _Nee
            return
        for k in children(x):
            self.rij(k, element)

    def collectie(self, c: Any, alleen_objecten: bool = False) -> None:
        """The related objects (`alle leden van het Huishouden`), a selection of them, or (not for a
        kwantor) an attribute of each."""
        if isinstance(c, ir.Navigatie) and c.meervoudig and isinstance(c.van, ir.Onderwerp):
            self.rollen.add(c.rol)
        elif isinstance(c, ir.Selectie):
            self.collectie(c.collectie, alleen_objecten=True)
            self.rij(c.voorwaarde, True)
        elif isinstance(c, ir.AttribuutLezen) and c.meervoudig and not alleen_objecten:
            self.collectie(c.van, alleen_objecten=True)
            self.leden.add(c.attribuut.naam.lower())
        else:
            raise _Nee


@onthouden
def per_groep(regel: ir.Regel) -> Groep | None:
    """What `regel` reads, when every version reads only its subject's row and, through one role of
    one feittype (to another objecttype), the rows of the objects related to it, and writes
    attributes of its subject. None otherwise (cached per rule)."""
    onderwerpen = {v.onderwerp for v in regel.versies}
    if len(onderwerpen) != 1:
        return None
    ot = next(iter(onderwerpen))
    lezer = _Lezer()
    try:
        for v in regel.versies:
            for res in v.resultaten:
                if not isinstance(res, ir.Toekenning) or res.doel.attribuut is None or res.doel.pad:
                    return None
                if res.doel.attribuut.objecttype != ot:
                    return None
                lezer.eigen.add(res.doel.attribuut.naam.lower())
            for root in roots_of(v):
                if root is not None:
                    lezer.rij(root, False)
    except _Nee:
        return None
    rollen = {(r.feittype, r.index) for r in lezer.rollen}
    if len(rollen) != 1:
        return None
    rol = next(iter(lezer.rollen))
    if rol.objecttype == ot:
        return None  # the related objects in the subject's own table: not split here
    return Groep(frozenset(lezer.eigen), rol, frozenset(lezer.leden))


def eigenaars_van(rel: Relatie, rol: int, leden: Rijen, n_leden: int) -> Rijen:
    """The sorted distinct rows on the other side of `rel` of the facts whose role `rol` is one of
    `leden` (sorted rows of a table of `n_leden`)."""
    kant = np.asarray(rel.rijen[rol])
    if _oplopend(rel, rol):
        lo = np.searchsorted(kant, leden, side="left")
        hi = np.searchsorted(kant, leden, side="right")
        feiten = _bereiken(lo, hi)
    else:
        raak = np.zeros(n_leden, dtype=bool)
        raak[leden] = True
        feiten = np.flatnonzero(raak[kant])
    return uniek(np.asarray(rel.rijen[1 - rol])[feiten]).astype(np.intp)


def _bereiken(lo: np.ndarray[Any, Any], hi: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """The integers of every range [lo[i], hi[i]), in order."""
    lengtes = hi - lo
    totaal = int(lengtes.sum())
    if totaal == 0:
        return np.zeros(0, dtype=np.int64)
    start = np.repeat(lo - np.concatenate(([0], np.cumsum(lengtes)[:-1])), lengtes)
    return start + np.arange(totaal, dtype=np.int64)


def _oplopend(rel: Relatie, rol: int) -> bool:
    """Whether role `rol`'s column of `rel` is sorted (checked once per relation)."""
    sleutel = ("oplopend", rol)
    bewaard = rel.indexen.get(sleutel)
    kant = rel.rijen[rol]
    if isinstance(bewaard, tuple) and bewaard[0] is kant:
        return bool(bewaard[1])
    a = np.asarray(kant)
    uit = len(a) < 2 or bool(np.all(a[:-1] <= a[1:]))
    rel.indexen[sleutel] = (kant, uit)
    return uit


def maand(engine: Engine, regel: ir.Regel, groep: Groep, m: int, schrijvers: list[vd.Schrijvers],
          voor_vorige: dict[Sleutel, int], vorige: dict[Sleutel, Kolom], spannen: dict[str, vd.Span],
          param_gelijk: bool, maak: Callable[[Populatie, dict[str, Bools | None]], Engine],
          draai: Callable[[Engine, ir.Versie], None], datum: date, vorige_datum: date) -> dict[Sleutel, Kolom] | None:
    """Month m of a `per_groep` rule from month m-1's results `vorige`, evaluated for the subjects
    that may differ (see the module docstring); None when not applicable (as `vector_delta.maand`)."""
    if not param_gelijk or any(v.geldig_op(datum) != v.geldig_op(vorige_datum) for v in regel.versies):
        return None
    pop, model = engine.pop, engine.model
    ot, lid_ot = regel.versies[0].onderwerp, groep.rol.objecttype
    tabel, leden_tabel = pop.tabellen[ot], pop.tabellen[lid_ot]
    rel = pop.relaties.get(groep.rol.feittype)
    ft = model.feittypen.get(groep.rol.feittype)
    if rel is None or ft is None or ft.wederkerig:
        return None
    n, n_leden = len(tabel), len(leden_tabel)
    eigen = vd.leest_ook(model, ot, tabel, groep.eigen)
    leden = vd.leest_ook(model, lid_ot, leden_tabel, groep.leden)
    delen = vd.gewijzigd(tabel, m, eigen)
    van_leden = vd.gewijzigd(leden_tabel, m, leden)
    if delen is None or van_leden is None:
        return None
    gewijzigde_leden = vd._vereniging(van_leden)
    if len(gewijzigde_leden) > vd.DREMPEL * max(n_leden, 1):
        return None
    idx = sg.relatie_index(rel, groep.rol.index, False, n, n_leden)  # the index the whole months use
    if len(gewijzigde_leden) and idx.doorlopend and _oplopend(rel, 1 - groep.rol.index):
        # The facts in owner order and fact i is member i (persons listed by household): the owner of
        # a member is read off the fact, a gather of the few changed rows instead of a binary search
        # over a million segment bounds per row (about 2 ms a month at 1.45 M persons).
        delen.append(uniek(np.asarray(rel.rijen[1 - groep.rol.index])[gewijzigde_leden]).astype(np.intp))
    elif len(gewijzigde_leden) and idx.doorlopend:  # fact i is member i: the owner is the segment holding it
        eig = np.searchsorted(idx.grenzen, gewijzigde_leden, side="right") - 1
        delen.append(uniek(eig).astype(np.intp))
    elif len(gewijzigde_leden):
        delen.append(eigenaars_van(rel, groep.rol.index, gewijzigde_leden, n_leden))
    rijen = vd._vereniging(delen)
    if len(rijen) > vd.DREMPEL * n:
        return None
    if len(rijen) == 0:  # nothing differs: month m-1's cells and record
        for k in vorige:
            schrijvers[m].setdefault(k, []).extend(schrijvers[m - 1].get(k, [])[voor_vorige.get(k, 0):])
        return dict(vorige)
    # The subjects' related objects, in the order of the facts (as the whole month reads them).
    grenzen, lid_rijen = sg.uitklappen(idx, rijen.astype(np.int64), np.ones(len(rijen), dtype=bool))
    aantallen = np.diff(grenzen)
    paar: list[np.ndarray[Any, Any]] = [np.zeros(0, np.int64), np.zeros(0, np.int64)]
    paar[groep.rol.index] = np.arange(len(lid_rijen), dtype=np.int64)
    paar[1 - groep.rol.index] = np.repeat(np.arange(len(rijen), dtype=np.int64), aantallen)
    tabellen = vd.maandtabellen(pop, m, {ot, lid_ot})
    sub_tabel = vd.deeltabel(tabel, m, rijen, eigen)
    tabellen[ot] = sub_tabel
    tabellen[lid_ot] = vd.deeltabel(leden_tabel, m, cast(Rijen, lid_rijen), leden)
    relaties = {groep.rol.feittype: Relatie(groep.rol.feittype, (paar[0], paar[1]))}
    return vd.op_rijen(model, regel, m, n, rijen, Populatie(tabellen, relaties), sub_tabel, schrijvers,
                       voor_vorige, vorige, spannen[ot].rijen(m, rijen), maak, draai, datum)


__all__ = ["Groep", "eigenaars_van", "maand", "per_groep"]
