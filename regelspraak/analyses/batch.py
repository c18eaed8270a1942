"""Many variants of one case, evaluated at once by the vectorised engine.

A search-based analysis asks "what does the output do if this input is x?" for thousands of x.
`Batch` replicates a template case n times as columns (ids shared, facts offset per replica),
sets the varied inputs per replica, runs the engine once, and returns the output per replica,
exactly (integer numerators over one denominator).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from math import lcm

import numpy as np
import numpy.typing as npt

from regelspraak.evaluate import convert, vectorize
from regelspraak.evaluate.columns import Kolom, Populatie, Relatie, Tabel
from regelspraak.evaluate.interpret import Gegevens
from regelspraak.model import ir

Arr = npt.NDArray[np.int64]
Punt = tuple[int, int] | None  # an output as (numerator, denominator), or None where the engine refused


@dataclass(frozen=True)
class Invoerplek:
    """One input of the template: an attribute or kenmerk of one object."""

    object_id: str
    objecttype: str
    naam: str  # attribute name lower-case, or "kenmerk:" + name

    @property
    def is_kenmerk(self) -> bool:
        return self.naam.startswith("kenmerk:")


@dataclass(frozen=True)
class Uitkomstplek:
    objecttype: str
    attribuut: ir.Attribuut


class Batch:
    def __init__(self, model: ir.Model, template: Gegevens) -> None:
        self.model = model
        self.template = template
        self.basis = convert.populatie(model, template)
        self.rij = {str(oid): (key, i) for key, t in self.basis.tabellen.items() for i, oid in enumerate(t.ids)}

    def noemer(self, plek: Invoerplek) -> int:
        a = self._tijdlijn(plek.objecttype, plek.naam)
        if a is not None:  # a timeline input is set as whole timelines: numerators over its declared decimals
            return int(10 ** (a.type.decimalen or 0))
        return self.basis.tabellen[plek.objecttype].kolommen[plek.naam].noemer

    def _tijdlijn(self, objecttype: str, naam: str) -> ir.Attribuut | None:
        """The attribute when it is a timeline (`voor elke maand`…), else None."""
        a = self.model.objecttypen[objecttype].attributen.get(naam)
        return a if a is not None and a.type.periode is not None else None

    def run(self, n: int, varianten: dict[Invoerplek, npt.NDArray[np.generic]],
            uitkomsten: list[Uitkomstplek]) -> dict[str, tuple[npt.NDArray[np.generic], int]]:
        """Evaluate n replicas; `varianten` gives per input an array of n values (numerators over the
        column's noemer for numbers, bools for kenmerken). Returns per output attribute name the
        per-replica sum (numerators) and its denominator. Raises vectorize.EngineFout."""
        pop = self._replicate(n)
        for plek, waarden in varianten.items():
            key, r = self.rij[plek.object_id]
            size = len(self.basis.tabellen[key])
            rows = np.arange(n, dtype=np.int64) * size + r
            kol = pop.tabellen[key].kolommen[plek.naam]
            a = self._tijdlijn(plek.objecttype, plek.naam)
            if a is not None:
                # [besluit] a varied timeline input holds its value all through the berekeningsjaar
                lijnen = jaarlijnen(a, self.template.rekendatum.year, waarden, self.noemer(plek))
                kol = Kolom(np.array(kol.waarden, dtype=object), kol.geldig.copy())
                pop.tabellen[key].kolommen[plek.naam] = kol
                kol.waarden[rows] = lijnen
            else:
                kol.waarden[rows] = waarden
            kol.geldig[rows] = True
        vectorize.run(self.model, pop, self.template.rekendatum, self.template.parameters)
        out: dict[str, tuple[npt.NDArray[np.generic], int]] = {}
        # Per output, per replica: how many objects were left leeg (a gap when the output is needed).
        self.laatste_leeg: dict[str, npt.NDArray[np.int64]] = {}
        for u in uitkomsten:
            t = pop.tabellen[u.objecttype]
            size = len(self.basis.tabellen[u.objecttype])
            kol = t.kolommen[u.attribuut.naam.lower()]
            if u.attribuut.type.periode is not None:
                kol = jaartotaal(kol, u.attribuut, self.template.rekendatum.year)
            replica = np.arange(len(t), dtype=np.int64) // max(size, 1)
            w = np.where(kol.geldig, kol.waarden, 0)
            totaal = np.zeros(n, dtype=object if w.dtype == object else np.int64)
            np.add.at(totaal, replica, w)
            out[u.attribuut.naam.lower()] = (totaal, kol.noemer)
            self.laatste_leeg[u.attribuut.naam.lower()] = np.bincount(replica[~kol.geldig], minlength=n)
        return out

    def run_veilig(self, varianten: dict[Invoerplek, npt.NDArray[np.generic]], uitkomsten: list[Uitkomstplek],
                   ) -> tuple[dict[str, list[Punt]], dict[str, list[bool]], dict[int, vectorize.EngineFout]]:
        """`run` that loses no point to another: when the engine refuses the batch (a conflict or a
        computation error at some point), the batch is split in halves until the refusing points are
        isolated; every other point gets its value. Returns per output per point (numerator,
        denominator) or None (refused), per output per point whether it stayed leeg, and the refusal
        per point index."""
        n = len(next(iter(varianten.values())))
        waarden: dict[str, list[Punt]] = {u.attribuut.naam.lower(): [None] * n for u in uitkomsten}
        leeg: dict[str, list[bool]] = {u.attribuut.naam.lower(): [False] * n for u in uitkomsten}
        fouten: dict[int, vectorize.EngineFout] = {}
        stapel = [np.arange(n, dtype=np.int64)]
        while stapel:
            idx = stapel.pop()
            try:
                res = self.run(len(idx), {p: w[idx] for p, w in varianten.items()}, uitkomsten)
            except vectorize.EngineFout as e:
                if len(idx) == 1:
                    fouten[int(idx[0])] = e
                else:
                    half = len(idx) // 2
                    stapel += [idx[half:], idx[:half]]
                continue
            for naam, (tot, d) in res.items():
                lp = self.laatste_leeg[naam]
                for j, i in enumerate(idx.tolist()):
                    waarden[naam][i] = (int(tot[j]), d)
                    leeg[naam][i] = bool(lp[j])
        return waarden, leeg, fouten

    def _replicate(self, n: int) -> Populatie:
        tabellen: dict[str, Tabel] = {}
        for key, t in self.basis.tabellen.items():
            kolommen = {k: Kolom(np.tile(np.asarray(c.waarden), n), np.tile(c.geldig, n), c.noemer)
                        for k, c in t.kolommen.items()}
            tabellen[key] = Tabel(key, _ids(t.ids, n), kolommen)
        relaties: dict[str, Relatie] = {}
        for ft_key, rel in self.basis.relaties.items():
            ft = self.model.feittypen[ft_key]
            s0 = len(self.basis.tabellen[ft.rollen[0].objecttype])
            s1 = len(self.basis.tabellen[ft.rollen[-1].objecttype])
            k = np.repeat(np.arange(n, dtype=np.int64), len(rel.rijen[0]))
            relaties[ft_key] = Relatie(ft_key, (np.tile(rel.rijen[0], n) + k * s0, np.tile(rel.rijen[1], n) + k * s1))
        return Populatie(tabellen, relaties)


def jaarlijnen(a: ir.Attribuut, jaar: int, waarden: npt.NDArray[np.generic], noemer: int
               ) -> npt.NDArray[np.generic]:
    """Per value (a numerator over `noemer`) the timeline of `a` that holds it through `jaar`."""
    from regelspraak.values.tijdlijn import Tijdlijn

    assert a.type.periode is not None
    begin, einde = date(jaar, 1, 1), date(jaar + 1, 1, 1)
    uit = np.empty(len(waarden), dtype=object)
    uit[:] = [Tijdlijn.constant(a.type.periode, begin, einde, Fraction(int(w), noemer)) for w in waarden]
    return uit


def jaartotaal(kol: Kolom, a: ir.Attribuut, jaar: int) -> Kolom:
    """A timeline output per row as its exact total over the berekeningsjaar (`het totaal van`: a month of a
    timeline per maand counts once, a yearly timeline its share of the year), leeg where it is leeg all year.
    [besluit] The sweeps follow this yearly effect; a finding then says per month what changed."""
    from regelspraak.evaluate.convert import waarde
    from regelspraak.values.tijdlijn import Tijdlijn, totaal

    n = len(kol)
    per: list[Fraction | None] = []
    for i in range(n):
        lijn = waarde(a.type, kol, i)
        per.append(totaal(lijn, date(jaar, 1, 1), date(jaar + 1, 1, 1)) if isinstance(lijn, Tijdlijn) else None)
    noemer = lcm(*[w.denominator for w in per if w is not None], 1)
    nums = [int(w * noemer) if w is not None else 0 for w in per]
    big = any(abs(x) >= 2**62 for x in nums)
    return Kolom(np.array(nums, dtype=object if big else np.int64), np.array([w is not None for w in per], dtype=bool),
                 noemer)


def _ids(ids: npt.NDArray[np.generic], n: int) -> npt.NDArray[np.generic]:
    """The ids of n replicas, unique across them: the first keeps the template's ids (a point
    isolated after a refusal is named as in the case), replica k gets `id#k`. A rule the engine
    runs through the interpreter (division by a value that differs per object, timelines) finds
    its objects by id: with shared ids every replica would read and get the last replica's value."""
    if n == 1:
        return ids
    return np.array([str(i) if k == 0 else f"{i}#{k}" for k in range(n) for i in ids], dtype=object)


def met_waarde(g: Gegevens, plek: Invoerplek, waarde: ir.Waarde) -> Gegevens:
    """The template with one input changed (for counterexamples and explanation traces)."""
    from regelspraak.evaluate.interpret import Invoer

    objecten = dict(g.objecten)
    inv = objecten[plek.object_id]
    if plek.is_kenmerk:
        kms = dict(inv.kenmerken)
        kms[plek.naam.removeprefix("kenmerk:")] = bool(waarde)
        objecten[plek.object_id] = Invoer(inv.type, inv.attributen, kms)
    else:
        attrs = dict(inv.attributen)
        attrs[plek.naam] = waarde
        objecten[plek.object_id] = Invoer(inv.type, attrs, inv.kenmerken)
    return Gegevens(g.rekendatum, g.parameters, objecten, g.feiten, g.parameter_bronnen)
