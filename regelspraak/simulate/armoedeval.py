"""The armoedeval of a simulation: per object (a household), how much of one extra step of
income the outputs (the toeslagen) take back, counted in classes over the whole population.

The population is evaluated twice with the same parameters: as it is, and with `stap` added to
the income attribute (`invoer`) of one member of every object — the first member the feittype
(`via`) links to it, the aanvrager in generated populations. For a joint income (partners,
medebewoners) one member's step raises the joint income by the step. The marginal rate is

    druk = factor x (sum of outputs before - sum of outputs after) / stap

computed exactly in integers (`factor` converts the outputs' period to the income's: 12 for
toeslagen per month and an income per year). It is a finite difference over `stap`: rounding to
whole euros and the € 24 minimum make single-euro steps noisy, and a cliff inside the step shows
as a rate far above 100%. Weighted counts per class are exact (`samenvatting.Gewichten`).

>>> import numpy as np
>>> klassen(np.array([0, 300, 1000, -5]), 100, Fraction(12), Fraction(1000), [Fraction(20), Fraction(40)]).tolist()
[0, 1, 2, 0]
>>> labels([Fraction(20), Fraction(40)])
['< 20%', '20% – 40%', '≥ 40%']
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from regelspraak.diagnostics import DiagnosticError
from regelspraak.evaluate.columns import Kolom, Populatie
from regelspraak.inputs.names import strip_lidwoord
from regelspraak.model import ir
from regelspraak.simulate.scenario import Armoedeval, Groepering, Scenario

if TYPE_CHECKING:
    from regelspraak.simulate.run import Uitkomst

Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Stap:
    """What the second evaluation changes: `bedrag` added to column `kolom` of objecttype
    `lid` for the first member (role `1 - eigenaar` of feittype `feittype`) of every owner."""

    feittype: str
    eigenaar: int  # role index of the objecttype whose rate is reported
    lid: str
    kolom: str
    bedrag: Fraction


def _fout(sc: Scenario, veld: str, bericht: str) -> DiagnosticError:
    return sc.fout(("armoedeval", veld), f"armoedeval.{veld}: {bericht}")


def voorbereid(model: ir.Model, a: Armoedeval, sc: Scenario) -> tuple[Stap, list[ir.Attribuut]]:
    """The step and the output attributes, with names checked against the model (RS901, Dutch)."""
    ot_key = strip_lidwoord(a.objecttype)
    ot = model.objecttypen.get(ot_key)
    if ot is None:
        raise _fout(sc, "objecttype", f"onbekend objecttype '{a.objecttype}'.")
    uitvoer = []
    for naam in a.uitvoer:
        attr = ot.attributen.get(strip_lidwoord(naam))
        if attr is None:
            raise _fout(sc, "uitvoer", f"'{naam}' is geen attribuut van {ot.naam}.")
        if attr.type.soort != "numeriek":
            raise _fout(sc, "uitvoer", f"'{attr.naam}' is geen getal of bedrag.")
        uitvoer.append(attr)
    ft_key = strip_lidwoord(a.via)
    ft = model.feittypen.get(ft_key)
    if ft is None:
        raise _fout(sc, "via", f"onbekend feittype '{a.via}'; mogelijk: {', '.join(model.feittypen)}.")
    eigen = [r.index for r in ft.rollen if r.objecttype == ot_key]
    if ft.wederkerig or len(eigen) != 1:
        raise _fout(sc, "via", f"feittype '{ft.naam}' verbindt {ot.naam} niet met een ander objecttype.")
    lid_rol = ft.rollen[1 - eigen[0]]
    lid = model.objecttypen[lid_rol.objecttype]
    invoer = lid.attributen.get(strip_lidwoord(a.invoer))
    if invoer is None:
        raise _fout(sc, "invoer", f"'{a.invoer}' is geen attribuut van {lid.naam} (rol '{lid_rol.naam}').")
    if invoer.type.soort not in ("numeriek",):
        raise _fout(sc, "invoer", f"'{invoer.naam}' is geen getal of bedrag.")
    return Stap(ft_key, eigen[0], lid_rol.objecttype, invoer.naam.lower(), a.stap), uitvoer


def verhoog(pop: Populatie, stap: Stap) -> Populatie:
    """`pop` (a copy the caller owns) with the step added to the first member of every owner;
    a member whose income is leeg is left leeg."""
    rel = pop.relaties.get(stap.feittype)
    tabel = pop.tabellen.get(stap.lid)
    if rel is None or tabel is None or stap.kolom not in tabel.kolommen:
        return pop
    eigenaar, lid = rel.rijen[stap.eigenaar], rel.rijen[1 - stap.eigenaar]
    orde = np.lexsort((lid, eigenaar))
    e = eigenaar[orde]
    eerste = np.ones(len(e), dtype=np.bool_)
    eerste[1:] = e[1:] != e[:-1]
    rijen = lid[orde][eerste]
    kol = tabel.kolommen[stap.kolom]
    bedrag = stap.bedrag * kol.noemer
    waarden: npt.NDArray[Any]
    if bedrag.denominator != 1:  # the step needs more decimals than the column has: widen the column
        schaal = bedrag.denominator
        waarden = np.asarray(kol.waarden) * schaal
        noemer, bedrag = kol.noemer * schaal, bedrag * schaal
    else:
        waarden, noemer = np.array(kol.waarden, copy=True), kol.noemer
    rijen = rijen[kol.geldig[rijen]]
    waarden[rijen] += int(bedrag)
    tabel.kolommen[stap.kolom] = Kolom(waarden, kol.geldig.copy(), noemer)
    return pop


def klassen(verlies: npt.NDArray[Any], noemer: int, factor: Fraction, stap: Fraction, grenzen: list[Fraction]) -> Ints:
    """Class per object: the number of bounds g (percent) with factor x verlies / noemer >= g% x stap."""
    v = np.asarray(verlies, dtype=object) * (factor.numerator * stap.denominator * 100)
    idx = np.zeros(len(v), dtype=np.int64)
    for g in grenzen:
        rechts = g.numerator * noemer * stap.numerator * factor.denominator
        idx += (v * g.denominator >= rechts).astype(np.int64)
    return idx


def labels(grenzen: list[Fraction]) -> list[str]:
    def p(x: Fraction) -> str:
        return f"{float(x):g}%"
    return [f"< {p(grenzen[0])}"] + [f"{p(a)} – {p(b)}" for a, b in itertools.pairwise(grenzen)] + \
        [f"≥ {p(grenzen[-1])}"]


def _som(u: Uitkomst, uitvoer: list[ir.Attribuut], noemer: int) -> npt.NDArray[Any]:
    totaal: npt.NDArray[Any] | None = None
    for a in uitvoer:
        data = u.kolommen[f"{a.objecttype}|{a.naam.lower()}"]
        w, ok = data.samen()
        x = np.where(ok, np.asarray(w, dtype=object), 0) * (noemer // data.noemer)
        totaal = x if totaal is None else totaal + x
    assert totaal is not None
    return totaal


def samenvatting(basis: Uitkomst, verhoogd: Uitkomst, a: Armoedeval, uitvoer: list[ir.Attribuut],
                 groeperingen: list[Groepering], groep_attrs: list[ir.Attribuut]) -> dict[str, Any]:
    """The `armoedeval` section of `samenvatting.json`: weighted objects per class of marginal rate,
    overall and per grouping of the same objecttype, and how many of them receive an output."""
    from regelspraak.simulate.samenvatting import Gewichten, groepen

    ot = uitvoer[0].objecttype
    noemer = math.lcm(*(basis.kolommen[f"{x.objecttype}|{x.naam.lower()}"].noemer for x in uitvoer))
    voor = _som(basis, uitvoer, noemer)
    verlies = voor - _som(verhoogd, uitvoer, noemer)
    idx = klassen(verlies, noemer, a.factor, a.stap, list(a.grenzen))
    namen = labels(list(a.grenzen))
    k = len(namen)
    gw = Gewichten(basis.gewicht(ot))
    ontvangt = (voor > 0).astype(np.int64)

    def rijen(sleutel: Ints, aantal: int) -> list[tuple[int, int]]:
        n = gw.per_groep(None, sleutel, aantal)
        o = gw.per_groep(ontvangt, sleutel, aantal)
        return [(round(n[i]), round(o[i])) for i in range(aantal)]

    out: dict[str, Any] = {
        "objecttype": ot, "uitvoer": [x.naam for x in uitvoer], "via": a.via, "invoer": a.invoer,
        "stap": str(a.stap), "factor": str(a.factor),
        "toelichting": "Marginale druk = factor x (uitvoer voor - uitvoer na de stap) / stap, per object exact; "
                       "aantallen zijn gewogen schattingen.",
        "klassen": [{"klasse": namen[i], "aantal": n, "met_uitvoer": o} for i, (n, o) in enumerate(rijen(idx, k))],
        "groepen": {},
    }
    for g, ga in zip(groeperingen, groep_attrs, strict=True):
        if ga.objecttype != ot:
            continue
        gidx, glabels = groepen(g, ga, basis)
        per = rijen(gidx * k + idx, len(glabels) * k)
        out["groepen"][g.naam] = [
            {"groep": glabels[j], "klassen": [{"klasse": namen[i], "aantal": per[j * k + i][0],
                                               "met_uitvoer": per[j * k + i][1]} for i in range(k)]}
            for j in range(len(glabels)) if any(per[j * k + i][0] for i in range(k))]
    return out
