"""The toeslagen characteristics added to a generated population: rent (`wonen.py`) and the links
of children and other residents to the toeslag unit of their home (`kinderen.py`).

Runs on the whole generated population after the partitions are joined; nothing here depends
on how the population was cut: the links follow from the persons, and the rents are drawn per
household id (`wonen.uniform`). So `genereer(..., delen=r)` gives every household the same rent
and links as the whole population.

>>> from regelspraak.simulate.synthetic import genereer
>>> pop = genereer(3_000, seed=4)
>>> sorted(k for k in pop.toeslageenheden.eigenschappen if k in ("huurder", "kale huur"))
['huurder', 'kale huur']
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from regelspraak.simulate import aftrek, kinderen, partnerschap, wonen
from regelspraak.simulate.synthetic import Eigenschap, SynthetischePopulatie

Ints = npt.NDArray[np.int64]


def _rij(ids: Ints, gezocht: Ints) -> tuple[Ints, npt.NDArray[np.bool_]]:
    """Row of each sought id in `ids` (any order), and whether it was found."""
    orde = np.argsort(ids, kind="stable")
    pos = np.clip(np.searchsorted(ids[orde], gezocht), 0, max(len(ids) - 1, 0))
    rij = orde[pos] if len(ids) else np.zeros(len(gezocht), dtype=np.int64)
    return rij.astype(np.int64), (ids[rij] == gezocht) if len(ids) else np.zeros(len(gezocht), dtype=np.bool_)


def aanvullen(pop: SynthetischePopulatie) -> SynthetischePopulatie:
    """Add the characteristics of `wonen.SCHEMA_*` and `kinderen.SCHEMA_PERSONEN` (in place: the
    entities' dictionaries gain columns) and return the population."""
    p, h, e = pop.personen, pop.huishoudens, pop.toeslageenheden
    eenheid = p.eigenschappen["toeslageenheid"]
    k = kinderen.koppel(p.eigenschappen["huishouden"].waarden, eenheid.waarden, eenheid.geldig_masker(),
                        p.eigenschappen["rol"].waarden, p.eigenschappen["leeftijd"].waarden)
    p.eigenschappen["ouderlijke eenheid"] = Eigenschap("verwijzing", np.maximum(k.ouder, 0), k.kind,
                                                       entiteit="toeslageenheden")
    p.eigenschappen["medebewoner van"] = Eigenschap("verwijzing", np.maximum(k.woont_bij, 0), k.medebewoner,
                                                    entiteit="toeslageenheden")
    p.eigenschappen["kinderbijslag"] = Eigenschap("boolean", k.kind.copy())

    eig = h.eigenschappen["eigendom"]
    code = np.where(eig.geldig_masker(), np.asarray(eig.waarden, dtype=np.int64), -1)
    huur, service = wonen.trek_huur(h.ids, code, h.eigenschappen["grootte"].waarden, pop.seed)
    huurder_hh = (code == wonen.CORPORATIE) | (code == wonen.OVERIG_HUUR)
    h.eigenschappen["huurder"] = Eigenschap("boolean", huurder_hh)
    h.eigenschappen["kale huur"] = Eigenschap("bedrag", huur, huurder_hh, noemer=100)
    h.eigenschappen["servicekosten"] = Eigenschap("bedrag", service, huurder_hh, noemer=100)

    # The core unit of each renting home is the tenant; its unit row gets the rent.
    hh_rij, _ = _rij(h.ids, k.huishouden)
    kern_huurt = (k.kern >= 0) & huurder_hh[hh_rij]
    e_rij, gevonden = _rij(e.ids, k.kern[kern_huurt])
    e_rij = e_rij[gevonden]
    bron = hh_rij[kern_huurt][gevonden]
    huurder_e = np.zeros(len(e), dtype=np.bool_)
    huurder_e[e_rij] = True
    kale, serv = np.zeros(len(e), dtype=np.int64), np.zeros(len(e), dtype=np.int64)
    kale[e_rij], serv[e_rij] = huur[bron], service[bron]
    e.eigenschappen["huurder"] = Eigenschap("boolean", huurder_e)
    e.eigenschappen["kale huur"] = Eigenschap("bedrag", kale, noemer=100)
    e.eigenschappen["servicekosten"] = Eigenschap("bedrag", serv, noemer=100)
    return pop


def aannames(mapping: Any) -> list[str]:
    """The AANNAMEs behind the characteristics a mapping (its parsed YAML) reads: housing when it
    reads tenure or rent, the links when it reads the children or medebewoners, the deductions when it
    reads the toetsingsinkomen, the partnership dates when it reads them.

    >>> aannames({"feittypen": {"x": {"rollen": {"kind": "id", "ouderhuishouden": "ouderlijke eenheid"}}}})[0][:30]
    'AANNAME populatie: kinderbijsl'
    """
    gebruikt: set[str] = set()

    def zoek(x: Any) -> None:
        if isinstance(x, str):
            gebruikt.add(x.strip().lower())
        elif isinstance(x, dict):
            for v in x.values():
                zoek(v)
        elif isinstance(x, list):
            for v in x:
                zoek(v)

    zoek(mapping)
    out: list[str] = []
    if gebruikt & {"eigendom", *wonen.SCHEMA_HUISHOUDENS, *wonen.SCHEMA_EENHEDEN}:
        out += wonen.AANNAMES
    if gebruikt & set(kinderen.SCHEMA_PERSONEN):
        out += kinderen.AANNAMES
    if gebruikt & {"toetsingsinkomen", "maandinkomen"}:
        out += aftrek.AANNAMES
    if gebruikt & {"begindatum samenwonen", "huwelijksdatum"}:
        out += partnerschap.AANNAMES
    if "maandinkomen" in gebruikt:
        out.append("AANNAME populatie: maandinkomen = een twaalfde van het toetsingsinkomen van het jaar")
    return out
