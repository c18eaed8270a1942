"""A simulation's receiving toeslag units counted the way CBS counts households, beside CBS 84493NED.

CBS counts a *CBS household* as a zorgtoeslag household when any member receives it (a couple whose adult
child at home has a zorgtoeslag of its own counts), and splits the count by household type. That is the
only published breakdown of zorgtoeslag by household type the project holds (`data/zorgtoeslag-
huishoudens-2018.yaml`, 2018, CC BY 4.0); Dienst Toeslagen counts toeslag units instead. `vergelijk`
turns the ids of the units with a positive output (from a simulation's results) into the same shares,
so the model can be checked type by type (docs/populatie.md has the table for 2025).

The CBS figures are *receipt* in 2018, the model's are *entitlement* in 2025: a share of about
(1 - non-take-up) x the model's share is what the CBS column should show if the population were right
and the limits had moved with incomes (the single limit rose 34% from 2018 to 2025, the couples' 37%,
the cao wages about 31%).

>>> from regelspraak.simulate.synthetic import genereer
>>> pop = genereer(5_000, seed=2)
>>> rijen = vergelijk(pop, pop.toeslageenheden.ids[:0])  # nobody receives anything
>>> [(r.type, r.model_aandeel) for r in rijen][:2]
[('particuliere huishoudens', 0.0), ('eenpersoonshuishouden', 0.0)]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import numpy.typing as npt
import yaml
from pydantic import BaseModel, ConfigDict

from regelspraak.simulate.kalibratie import EENOUDER, EENPERSOONS, INSTITUTIONEEL, PAAR_M, PAAR_Z
from regelspraak.simulate.synthetic import SynthetischePopulatie

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

BESTAND = "data/zorgtoeslag-huishoudens-2018.yaml"
AOW_LEEFTIJD = 67  # CBS splits singles at the AOW age of the year (66 in 2018); the model's year is 2025


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Cijfers(_Strict):
    huishoudens: str
    aandeel: str
    totaal: str


class _Bestand(_Strict):
    bron: dict[str, str]
    eenheid: dict[str, str]
    typen: dict[str, _Cijfers]


@dataclass(frozen=True)
class Rij:
    type: str
    model_huishoudens: float  # weighted CBS households with at least one receiving unit
    model_aandeel: float  # of all households of the type
    cbs_huishoudens: float
    cbs_aandeel: float


@lru_cache(maxsize=1)
def cbs_tabel() -> dict[str, tuple[float, float]]:
    """Per type: households (absolute) and share (0-1) with zorgtoeslag, CBS 84493NED 2018."""
    tekst = resources.files("regelspraak.simulate").joinpath(BESTAND).read_text("utf-8")
    b = _Bestand.model_validate(yaml.safe_load(tekst))
    return {k: (float(v.huishoudens) * 1000, float(v.aandeel) / 100) for k, v in b.typen.items()}


def _groepen(pop: SynthetischePopulatie) -> dict[str, Bools]:
    """Per CBS type: which households (rows of pop.huishoudens) belong to it."""
    h, p = pop.huishoudens, pop.personen
    ty = np.asarray(h.eigenschappen["type"].waarden)
    # age of each household's first member (members are listed household by household)
    hh = p.eigenschappen["huishouden"].waarden
    eerste = np.ones(len(hh), dtype=np.bool_)
    eerste[1:] = hh[1:] != hh[:-1]
    rij = np.searchsorted(h.ids, hh[eerste])
    hoofd = np.zeros(len(h), dtype=np.int64)
    hoofd[rij] = p.eigenschappen["leeftijd"].waarden[eerste]
    prive = ty != INSTITUTIONEEL
    een = ty == EENPERSOONS
    return {
        "particuliere huishoudens": prive,
        "eenpersoonshuishouden": een,
        "alleenstaande onder AOW-leeftijd": een & (hoofd < AOW_LEEFTIJD),
        "alleenstaande vanaf AOW-leeftijd": een & (hoofd >= AOW_LEEFTIJD),
        "meerpersoonshuishouden": prive & ~een,
        "eenoudergezin": ty == EENOUDER,
        "paar": (ty == PAAR_Z) | (ty == PAAR_M),
    }


def vergelijk(pop: SynthetischePopulatie, eenheden_met: Ints) -> list[Rij]:
    """The model's households per CBS type in which a toeslag unit in `eenheden_met` lives, beside CBS."""
    p, h = pop.personen, pop.huishoudens
    eenheid = p.eigenschappen["toeslageenheid"]
    ontvangt = eenheid.geldig_masker() & np.isin(eenheid.waarden, eenheden_met)
    met = np.zeros(len(h), dtype=np.bool_)
    met[np.searchsorted(h.ids, p.eigenschappen["huishouden"].waarden[ontvangt])] = True
    cbs = cbs_tabel()
    rijen = []
    for naam, groep in _groepen(pop).items():
        w = h.gewicht[groep]
        totaal = float(w.sum())
        aantal = float(w[met[groep]].sum())
        rijen.append(Rij(naam, aantal, aantal / totaal if totaal else 0.0, *cbs[naam]))
    return rijen
