"""The benchmark's household population and its hand-written exact numpy (benchmarks/bench_simulatie.py).

`genereer` makes survey-style persons in households of one or two, sorted by household and dense around
every threshold of the zorgtoeslag; `numpy_zorgtoeslag` computes, by hand, exactly what the shipped
monthly model `wetten/zorgtoeslag` computes for such a population: the practical limit the engine is
measured against. `tests/unit/benchmarks` holds it to the reference interpreter and to the engine.

>>> b = genereer(200, 1)
>>> b.n_personen, bool((b.huishouden[1:] >= b.huishouden[:-1]).all())
(200, True)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from regelspraak.model import ir

REKENDATUM = date(2025, 7, 1)
EPOCH = date(1970, 1, 1).toordinal()  # datetime64[D] 0 as a proleptic ordinal

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]


# ==================================================================== the population


@dataclass
class Bestand:
    """Survey-style input: persons sorted by household, money in exact cents."""

    huishouden: Ints  # household row of each person
    rol: npt.NDArray[np.int8]  # 0 aanvrager, 1 partner
    geboortedatum: npt.NDArray[np.datetime64]
    inkomen: Ints  # toetsingsinkomen, cents
    vermogen: Ints  # rendementsgrondslag, cents
    verzekerd: Bools
    aantal_huishoudens: int

    @property
    def n_personen(self) -> int:
        return len(self.huishouden)

    @property
    def n_huishoudens(self) -> int:
        return self.aantal_huishoudens


def genereer(n: int, seed: int) -> Bestand:
    """n persons in households of 1 or 2 (aanvrager + partner), dense around every threshold."""
    rng = np.random.default_rng(seed)
    # household sizes: about 40% of households have a partner
    grootte = 1 + (rng.random(n) < 0.4).astype(np.int64)
    eind = np.cumsum(grootte)
    h = int(np.searchsorted(eind, n))  # households 0..h cover at least n persons
    grootte = grootte[: h + 1]
    grootte[-1] -= int(eind[h] - n)  # the last one shrinks to fit exactly
    n_hh = len(grootte)
    huishouden = np.repeat(np.arange(n_hh, dtype=np.int64), grootte)
    start = np.concatenate([[0], np.cumsum(grootte)[:-1]])
    rol = (np.arange(n) - start[huishouden]).astype(np.int8)
    partner = grootte[huishouden] == 2

    # ages: mostly 18-90, some minors, dense around the 18th birthday near the rekendatum
    rekendag = np.datetime64(REKENDATUM, "D")
    leeftijd_dagen = rng.integers(18 * 365, 90 * 365, n)
    soort = rng.random(n)
    leeftijd_dagen = np.where(soort < 0.03, rng.integers(14 * 365, 18 * 365, n), leeftijd_dagen)
    leeftijd_dagen = np.where((soort >= 0.03) & (soort < 0.05), rng.integers(17 * 365, 19 * 365, n),
                              leeftijd_dagen)
    geboortedatum = rekendag - leeftijd_dagen.astype("timedelta64[D]")
    verzekerd = rng.random(n) < np.where(rol == 1, 0.92, 0.98)  # non-insured partners: the 50% rule

    # toetsingsinkomen (cents): wide, typical, and dense around each cliff of the amount
    drempel = 2840600  # drempelinkomen 2025, cents (rounded to whole euros, as the model)
    klif_alleen, klif_paar, klif_half = 3971500, 5020300, 5003500  # where the amount crosses €24
    breed = rng.integers(0, 15_000_000, n)
    typisch = np.minimum(rng.lognormal(np.log(3_200_000), 0.6, n), 15_000_000).astype(np.int64)
    keuze = rng.random(n_hh)[huishouden]  # one choice per household, so partners fall in the same band
    klif = np.where(partner, np.where(keuze < 0.5, klif_paar, klif_half) // 2, klif_alleen)
    dicht = klif + rng.integers(-40_000, 40_000, n)
    rond_drempel = drempel // np.where(partner, 2, 1) + rng.integers(-20_000, 20_000, n)
    inkomen = np.select([keuze < 0.3, keuze < 0.6, keuze < 0.9], [breed, typisch, dicht], rond_drempel)
    inkomen = np.maximum(inkomen, 0).astype(np.int64)

    # rendementsgrondslag (cents): mostly none, some wide, some dense around the vermogensgrens
    grens = np.where(partner, 17_942_900 // 2, 14_189_600)
    v = rng.random(n)
    vermogen = np.select(
        [v < 0.65, v < 0.85, v < 0.99],
        [0, rng.integers(0, 30_000_000, n), grens + rng.integers(-100_000, 100_000, n)],
        grens,  # exactly on the limit (allowed: "meer bedraagt dan")
    ).astype(np.int64)
    return Bestand(huishouden, rol, geboortedatum, inkomen, vermogen, verzekerd, n_hh)


# ==================================================================== (c) hand-written exact numpy


@dataclass(frozen=True)
class Constanten:
    """The parameters as integers over one common denominator T (set up once)."""

    t: int  # amounts below are euros * t, per 1 cent of income for q
    standaardpremie: int  # cents
    a_alleen: int  # standaardpremie - normpercentage zonder partner * drempelinkomen
    a_paar: int  # 2 * standaardpremie - normpercentage met partner * drempelinkomen
    q: int  # percentage boven het drempelinkomen, per cent of income
    qd: int  # percentage boven het drempelinkomen * drempelinkomen
    grens_alleen: int  # vermogensgrens, cents
    grens_paar: int
    minimum: int  # minimumbedrag voor toekenning, whole euros (ceiling)


def constanten(params: dict[str, ir.Waarde]) -> Constanten:
    p = {k: v for k, v in params.items() if isinstance(v, Fraction)}
    s = p["standaardpremie"]
    # drempelinkomen rounded rekenkundig to whole euros, as the model does (wetten/zorgtoeslag, rule drempelinkomen)
    d = Fraction(math.floor(Fraction(108, 100) * p["minimumloon per maand in januari"] * 12 + Fraction(1, 2)))
    p1, p2 = p["normpercentage zonder partner"] / 100, p["normpercentage met partner"] / 100
    q = p["percentage boven het drempelinkomen"] / 100
    a1, a2, qc, qd = s - p1 * d, 2 * s - p2 * d, q / 100, q * d
    t = math.lcm(*(x.denominator for x in (a1, a2, qc, qd)))
    return Constanten(t, math.floor(s * 100), int(a1 * t), int(a2 * t), int(qc * t), int(qd * t),
                      math.floor(p["vermogensgrens zonder partner"] * 100),
                      math.floor(p["vermogensgrens met partner"] * 100), math.ceil(p["minimumbedrag voor toekenning"]))


def numpy_exact(b: Bestand, c: Constanten, rekendatum: date = REKENDATUM) -> Ints:
    """The zorgtoeslag per household in whole euros, exactly (int64 fixed point)."""
    return numpy_zorgtoeslag(b, c, rekendatum)["zorgtoeslag"]


def _verzekerde_maanden(geboortedatum: npt.NDArray[np.datetime64], verzekerd: Bools, jaar: int) -> Ints:
    """Per person the number of calendar months of `jaar` in which he is a verzekerde: insured, and 18
    from the first day of the month after his 18th birthday (Wzt art. 1 lid 1 c, as the model reads
    it). Those months are the tail of the year from that month, so their number says which they are:
    12 for a person born before the year 18 years earlier, 0 after it, and 12 less his birth month
    within it; looked up per day of that year in a table of 367 entries (a pass to place each birth
    date and a gather from a table in cache: a third of a binary search over the month starts)."""
    begin = int(np.datetime64(date(jaar - 18, 1, 1), "D").astype(np.int64))
    eind = int(np.datetime64(date(jaar - 17, 1, 1), "D").astype(np.int64))
    dagen = eind - begin
    tabel = np.empty(dagen + 2, dtype=np.int64)
    tabel[0], tabel[-1] = 12, 0  # born before that year, after it
    tabel[1:-1] = 11 - np.arange(begin, eind).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64) % 12
    plek = np.asarray(geboortedatum, dtype="datetime64[D]").view(np.int64) - (begin - 1)  # days, whatever the unit
    np.clip(plek, 0, dagen + 1, out=plek)
    maanden = tabel[plek]
    maanden *= verzekerd
    return maanden


def numpy_zorgtoeslag(b: Bestand, c: Constanten, rekendatum: date = REKENDATUM) -> dict[str, Any]:
    """The zorgtoeslag and the intermediate arrays (for the 200-rule model), exactly, as the shipped
    model computes it for households of one or two persons without changes of partner or insurance
    during the year (the population of `genereer`): per calendar month, summed, rounded once.

    Per month the household's situation differs only in who is a verzekerde yet (the 18-year rule
    above); the amount of a month is the yearly amount J (all members verzekerde), half of it (a
    couple with one verzekerde, Wzt art. 2 lid 4) or nothing. With v_a and v_b the members' months
    as verzekerde (tails of the year), J counts in min(v_a, v_b) months and J/2 in |v_a - v_b|; the
    zorgtoeslag is their sum over twelve, rounded rekenkundig (Awir art. 14 lid 4). J itself is the
    same every month. Branch-free: "if couple then A else B" is B + p * (A - B) with p in {0, 1} (a
    random mask makes np.where mispredict), and the member sums are gathers of the first and the
    second member of each household, the months per person from a table per day
    (`_verzekerde_maanden`). Persons must be sorted by household, as `genereer` makes them (not
    checked here: a check would be a pass inside the timed function; the tests check it)."""
    n = b.n_personen
    v = _verzekerde_maanden(b.geboortedatum, b.verzekerd, rekendatum.year)
    leden = np.bincount(b.huishouden, minlength=b.n_huishoudens)
    start = np.cumsum(leden)
    start -= leden  # the first member of each household
    if len(leden) and (int(leden.max()) > 2 or int(leden.min()) < 1):
        raise ValueError("numpy_zorgtoeslag rekent huishoudens van één of twee personen")
    p = leden - 1  # 1 for a couple, 0 for a single
    tweede = np.minimum(start + 1, n - 1)  # the second member (a single's is masked out by p)

    def som(x: npt.NDArray[Any]) -> Ints:
        x = np.asarray(x, dtype=np.int64)
        return x[start] + p * x[tweede]

    inkomen = som(b.inkomen)
    vermogen = som(b.vermogen)
    v_a = v[start]
    v_b = v_a + p * (v[tweede] - v_a)  # a single: his own months again
    vol = np.minimum(v_a, v_b)  # months with every member a verzekerde
    half = np.abs(v_a - v_b)  # months of a couple with one verzekerde
    # J * T = A - max(q * inkomen - qd, 0), A per household type (Constanten)
    boven = c.q * inkomen
    boven -= c.qd
    np.maximum(boven, 0, out=boven)
    jt = p * (c.a_paar - c.a_alleen)
    jt += c.a_alleen
    jt -= boven
    grens = p * (c.grens_paar - c.grens_alleen)
    grens += c.grens_alleen
    k = 2 * vol + half  # twice the months, the half ones once
    aanspraak = (k > 0) & (jt > 0) & (vermogen <= grens)
    # the zorgtoeslag is J * k / 24 = jt * k / (24 T): rekenkundig, half up (jt > 0 where it counts)
    afgerond = jt * k
    afgerond *= 2
    afgerond += 24 * c.t
    afgerond //= 48 * c.t
    zorgtoeslag = afgerond * (aanspraak & (afgerond >= c.minimum))
    paar = p.astype(bool)
    return {"zorgtoeslag": zorgtoeslag, "som": som, "verzekerde": v > 0, "paar": paar, "vermogen": vermogen,
            "vermogensgrens": grens, "inkomen": b.inkomen, "standaardpremie": c.standaardpremie,
            "half": (half > 0) & aanspraak, "afgerond": afgerond}
