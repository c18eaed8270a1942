"""Draws that make the synthetic population reproduce household figures, not just person marginals.

`synthetic.py` draws every person's income and wealth from person-level CBS marginals. Three things
that matter for the toeslagen are household-level, and are calibrated here (one function each,
called from the generator's draw step; docs/populatie.md lists the sources and the assumptions):

1. **Partner incomes are correlated** (`koppel_partnerinkomens`): the second partner's income is
   re-assigned among couples of the same type in the same age band so that the two incomes have a rank
   correlation of about `RHO_PARTNERINKOMEN` (fitted to a CBS figure), leaving every person-level
   marginal (income by age band and position) exactly as drawn.
2. **Wealth by household type and age** (`trek_vermogen`): a household's wealth is log-normal with
   the median and spread of CBS 83834NED (bank- en spaartegoeden 2022) for its type, scaled to the
   median of its main earner's age band; both sets of medians are then met exactly by raking.
3. **Toetsingsinkomen as in tax law** (`toetsingsinkomen`): the verzamelinkomen adds the box-3
   voordeel uit sparen en beleggen to the income from work and home (Awir art. 8, Wet IB 2001
   art. 2.18, 5.2, 5.5).

>>> import numpy as np
>>> rng = np.random.default_rng(1)
>>> ink = np.array([1_000_000, 9_000_000, 2_000_000, 8_000_000], dtype=np.int64)
>>> koppel_partnerinkomens(ink, np.array([0, 2]), np.array([40, 40, 40, 40]), rng, rho=1.0)
>>> ink.tolist()  # the richer first partner gets the richer second partner
[1000000, 8000000, 2000000, 9000000]
>>> toetsingsinkomen(np.array([3_000_000]), np.array([15_768_400])).tolist()  # 100,000 above the exemption
[3137000]
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt
import yaml
from pydantic import BaseModel, ConfigDict

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

# Fitted (issue 16) to the one published joint figure of partners' incomes: CBS 2018 via ESB, 13 November 2020
# (https://esb.nu/hoofdkostwinners-goed-voor-ruim-60-procent-van-inkomen/): in couples without children under the
# AOW age the main earner (the partner with the higher income) brings 67% of the household's gross income and
# the partner 29%, with minor children 69% and 27%; i.e. 69.8% and 71.9% of the two partners' incomes. The
# generator's share (the sum of the higher incomes over the sum of both, couples with both partners under 67)
# rises as the rank correlation falls; with the adults without income of CBS 2023 in the population
# (kalibratie.GEEN_INKOMEN) it is 69.85% / 71.88% at (0.18, -0.07) (1 M persons, seed 11; seed 2025: 69.89% /
# 71.93%), test_ijking.test_main_earner_share_matches_cbs. A negative correlation for parents: the second earner
# of a couple with children earns less the more the first earns (part-time work), as the two CBS figures on
# two-earner couples of 2021 also suggest ("bij 16 procent het inkomen uit werk ... minder dan 20 procent"
# apart; one partner at least two thirds of the primary income in 59%: both further apart than independence
# gives). Until the seventh session the correlation was 0.3 for all couples, an assumption that offset the
# missing adults without income (docs/populatie.md, "Partner incomes"). AANNAME left: that one rank correlation
# per couple type describes the joint distribution (a Gaussian copula on ranks), and that the 2018 shares hold.
RHO_PARTNERINKOMEN = (0.18, -0.07)  # couples without, with children (ESB figures above)
# AANNAME: wealth rises with household income (elasticity 0.5 of the median), as in the generator before.
VERMOGEN_ELASTICITEIT = 0.5
# Box 3, 2025: heffingsvrij vermogen per person (Wet IB 2001 art. 5.5) and the forfaitair rendement on bank
# balances (art. 5.2; definitive 2025 percentage 1,37%). Wealth in the population is bank balances only.
HEFFINGSVRIJ_VERMOGEN = 5_768_400  # cents
RENDEMENT_BANKTEGOEDEN = Fraction(137, 10_000)
# Indexation of the CBS income (83931NED, income year 2022) to the berekeningsjaar. The Wzt thresholds move
# with the minimum wage (drempelinkomen = 108% of 12 x the January WML), which rose 27% from 2022 to 2025
# (incl. the extra 10.15% of 2023); wages rose less. Published: WML per 1 January (Stcrt. 2021, 44177:
# 1725.00; Stcrt. 2023, 28170: 2069.40; Stcrt. 2024, 33625: 2191.80) and CBS cao-lonen (+6.1% in 2023,
# +6.6% in 2024, CBS news release of December 2024).
INKOMENSJAAR = 2022
WML_JANUARI = {2022: Fraction("1725.00"), 2024: Fraction("2069.40"), 2025: Fraction("2191.80")}
CAO_STIJGING = {2023: Fraction(1061, 1000), 2024: Fraction(1066, 1000)}
# the 2022 annual minimum wage including the 8% holiday allowance, in cents (12 x 1725.00 x 1.08)
WML_JAAR_INKOMENSJAAR = 12 * 172_500 * 108 // 100
# Age bands of the main earner in CBS 83834NED (lower bounds).
LEEFTIJDSGRENZEN = np.array([0, 25, 35, 45, 55, 65, 75, 85])
TYPEN = ("eenpersoons", "paar zonder kinderen", "paar met kinderen", "eenouder", "overig meerpersoons")

# AANNAME: the share of couples that are unmarried, by age of the (first) partner: the life-cycle shape
# (cohabiting before marriage, older cohorts married). CBS 37620 gives the married share of all partners
# (72.2% without, 76.9% with children); this shape is scaled (on the odds) to meet those shares exactly.
ONGEHUWD_GRENZEN = np.array([0, 25, 30, 35, 45, 55, 65, 75])
ONGEHUWD_PRIOR = np.array([0.85, 0.65, 0.45, 0.30, 0.20, 0.15, 0.07, 0.03])

_RHO_TEKST = [f"{r:.2f}".replace(".", ",").replace("-", "−") for r in RHO_PARTNERINKOMEN]  # Dutch notation
AANNAMES: tuple[str, ...] = (
    "AANNAME populatie: aandeel ongehuwd samenwonenden naar leeftijd (vorm geschat, geschaald naar CBS 37620: "
    "72,2% gehuwd zonder en 76,9% met kinderen)",
    f"AANNAME populatie: rangcorrelatie van de inkomens van partners {_RHO_TEKST[0]} zonder en {_RHO_TEKST[1]} met "
    "kinderen (Gaussische copula; geschat op het CBS-aandeel van de hoofdkostwinner in "
    "het inkomen van paren onder de AOW-leeftijd, 2018 via ESB: 69,8% en 71,9% van beider inkomen; geen "
    "gezamenlijke CBS-verdeling gevonden)",
    "AANNAME populatie: 428.000 volwassenen zonder persoonlijk inkomen (CBS 2023: 321.000 vrouwen van 15-67 "
    "zonder eigen inkomen en zonder opleiding; mannen 2% van dezelfde basis), verdeeld naar leeftijd en positie "
    "volgens de CBS-beschrijving (vooral partners van 45-64)",
    "AANNAME populatie: leeftijdsopbouw en aantal inwoners op de peildatum lineair tussen CBS 2019, 1 januari "
    "2024-2026 en de CBS-prognose van eind 2025; de huishoudensopbouw blijft die van 1 januari 2024 (CBS 37975)",
    "AANNAME populatie: vermogen = bank- en spaartegoeden (CBS 83834NED); beleggingen en schulden ontbreken",
    "AANNAME populatie: vermogen van een paar gelijk verdeeld over beide partners; thuiswonende volwassen "
    "kinderen en overige leden trekken eigen vermogen naar hun leeftijdsklasse",
    "AANNAME populatie: toetsingsinkomen = persoonlijk inkomen (CBS 2022, geïndexeerd naar het berekeningsjaar: "
    "tot het minimumloon met het minimumloon, daarboven met de cao-lonen) + box-3-voordeel - pensioenpremie - "
    "eigenwoningaftrek - ondernemersaftrek (aftrek.py); persoonsgebonden aftrek ontbreekt",
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Cijfer(_Strict):
    mediaan: str
    gemiddeld: str


class _Vermogensbestand(_Strict):
    bron: str
    eenheid: str
    totaal: _Cijfer
    huishoudtype: dict[str, _Cijfer]
    leeftijd_hoofdkostwinner: dict[int, _Cijfer]


@dataclass(frozen=True)
class Vermogensdoelen:
    """Medians (euros) and log-normal sigmas per household type and per age band of the main earner."""

    mediaan_type: Floats
    sigma_type: Floats
    mediaan_leeftijd: Floats
    sigma_leeftijd: Floats
    mediaan_totaal: float
    bron: str


def _sigma(c: _Cijfer) -> float:
    # log-normal: mean / median = exp(sigma^2 / 2)
    return float(np.sqrt(2 * np.log(float(c.gemiddeld) / float(c.mediaan))))


@lru_cache(maxsize=1)
def vermogensdoelen() -> Vermogensdoelen:
    """The CBS wealth figures shipped in `data/vermogen-huishoudens-2022.yaml`."""
    tekst = resources.files("regelspraak.simulate").joinpath("data/vermogen-huishoudens-2022.yaml").read_text("utf-8")
    b = _Vermogensbestand.model_validate(yaml.safe_load(tekst))
    duizend = 1000.0
    typen = [b.huishoudtype[t] for t in TYPEN]
    leeftijden = [b.leeftijd_hoofdkostwinner[int(g)] for g in LEEFTIJDSGRENZEN]
    return Vermogensdoelen(
        np.array([float(c.mediaan) * duizend for c in typen]), np.array([_sigma(c) for c in typen]),
        np.array([float(c.mediaan) * duizend for c in leeftijden]), np.array([_sigma(c) for c in leeftijden]),
        float(b.totaal.mediaan) * duizend, b.bron)


def koppel_partnerinkomens(inkomen: Ints, eerste: Ints, leeftijd: npt.NDArray[Any], rng: np.random.Generator,
                           rho: float) -> None:
    """Re-assign the second partners' incomes (at `eerste + 1`) among couples whose second partner is in
    the same age band, in place, so that the partners' incomes are rank-correlated by about `rho`
    (a Gaussian copula on ranks). Every income stays with a person of the same age band and position."""
    tweede = eerste + 1
    band = np.searchsorted(LEEFTIJDSGRENZEN, leeftijd[tweede], side="right")
    for b in np.unique(band):
        wie = np.flatnonzero(band == b)
        n = len(wie)
        if n < 2:
            continue
        rang = np.argsort(np.argsort(inkomen[eerste[wie]], kind="stable"), kind="stable")
        score = np.sort(rng.standard_normal(n))[rang]  # normal scores of the first partners' ranks
        latent = rho * score + np.sqrt(max(1.0 - rho * rho, 0.0)) * rng.standard_normal(n)
        ontvanger = tweede[wie][np.argsort(latent, kind="stable")]
        inkomen[ontvanger] = np.sort(inkomen[tweede[wie]], kind="stable")


def gehuwd_kans(leeftijd: npt.NDArray[Any], verschuiving: float) -> Floats:
    """Probability that a couple is married, by age: the prior odds times exp(shift)."""
    ongehuwd = ONGEHUWD_PRIOR[np.searchsorted(ONGEHUWD_GRENZEN, leeftijd, side="right") - 1]
    odds = (1 - ongehuwd) / ongehuwd * np.exp(verschuiving)
    out: Floats = odds / (1 + odds)
    return out


def gehuwd_verschuiving(partners_naar_leeftijd: Floats, doel: float) -> float:
    """The shift on the log-odds that makes the married share of partners with this age distribution
    (persons by single year of age) equal `doel` (bisection: the share rises monotonically with the shift)."""
    leeftijden = np.arange(len(partners_naar_leeftijd))
    totaal = float(partners_naar_leeftijd.sum())
    lo, hi = -20.0, 20.0
    for _ in range(100):
        mid = (lo + hi) / 2
        if float((partners_naar_leeftijd * gehuwd_kans(leeftijden, mid)).sum()) / totaal < doel:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def trek_gehuwd(eerste: Ints, leeftijd: npt.NDArray[Any], doel: float, rng: np.random.Generator,
                gehuwd: Bools) -> None:
    """Mark the couples starting at rows `eerste` (and `eerste + 1`) married, in place: probability by the
    couple's mean age (`ONGEHUWD_PRIOR`), shifted on the odds so that the expected married share of these
    couples is `doel` (CBS 37620)."""
    if len(eerste) == 0:
        return
    gemiddeld = (leeftijd[eerste].astype(np.int64) + leeftijd[eerste + 1]) // 2
    verschuiving = gehuwd_verschuiving(np.bincount(gemiddeld).astype(np.float64), doel)
    ja = rng.random(len(eerste)) < gehuwd_kans(gemiddeld, verschuiving)
    gehuwd[eerste[ja]] = True
    gehuwd[eerste[ja] + 1] = True


def _band(leeftijd: npt.NDArray[Any]) -> Ints:
    return (np.searchsorted(LEEFTIJDSGRENZEN, leeftijd, side="right") - 1).astype(np.int64)


def _mediaan_per_groep(x: Floats, groep: Ints, k: int) -> Floats:
    out = np.full(k, np.nan)
    for g in range(k):
        v = x[groep == g]
        if len(v):
            out[g] = np.median(v)
    return out


def trek_vermogen(hh: Ints, start: Ints, hh_type: npt.NDArray[Any], kern: Bools, leeftijd: npt.NDArray[Any],
                  inkomen: Ints, rng: np.random.Generator) -> Ints:
    """Wealth in cents per person.

    Private households (type < 5) draw one household amount, log-normal around the CBS median of
    their type times the relative median of their main earner's age band (the first core member),
    with the CBS spread of their type and an income elasticity; the medians per type and per age
    band are then raked (three sweeps of scaling) to the CBS medians. The amount is split equally
    over the core adults. Adults outside the core (adult children, other members) and residents of
    institutions draw their own amount with the figures of their own age band. Minors have none."""
    d = vermogensdoelen()
    n = len(hh)
    vermogen = np.zeros(n, dtype=np.int64)
    volw = leeftijd >= 18
    prive = hh_type < len(TYPEN)
    # --- private households: one amount per household, on its core adults
    hh_ids = np.flatnonzero(prive)
    if len(hh_ids):
        t = hh_type[hh_ids].astype(np.int64)
        a = _band(leeftijd[start[hh_ids]])
        kern_volw = kern & volw
        hh_inkomen = np.bincount(hh[kern_volw], weights=inkomen[kern_volw].astype(np.float64),
                                 minlength=len(hh_type))[hh_ids]
        ln_ink = np.log(np.maximum(hh_inkomen, 100_000.0))
        ln_v = (np.log(d.mediaan_type[t]) + np.log(d.mediaan_leeftijd[a] / d.mediaan_totaal)
                + VERMOGEN_ELASTICITEIT * (ln_ink - np.median(ln_ink)) + d.sigma_type[t] * rng.standard_normal(len(t)))
        for _ in range(3):  # rake the medians: per type, then per age band
            ln_v += np.nan_to_num(np.log(d.mediaan_type) - _mediaan_per_groep(ln_v, t, len(TYPEN)))[t]
            ln_v += np.nan_to_num(np.log(d.mediaan_leeftijd) - _mediaan_per_groep(ln_v, a, len(LEEFTIJDSGRENZEN)))[a]
        bedrag = np.zeros(len(hh_type))
        bedrag[hh_ids] = np.exp(ln_v) * 100  # cents
        delen = np.bincount(hh[kern_volw], minlength=len(hh_type)).astype(np.float64)
        wie = np.flatnonzero(kern_volw & prive[hh])
        vermogen[wie] = np.floor(bedrag[hh[wie]] / np.maximum(delen[hh[wie]], 1)).astype(np.int64)
    # --- everyone else who is an adult: an own amount by age band
    eigen = np.flatnonzero(volw & ~(kern & prive[hh]))
    if len(eigen):
        a = _band(leeftijd[eigen])
        ln_v = np.log(d.mediaan_leeftijd[a]) + d.sigma_leeftijd[a] * rng.standard_normal(len(eigen))
        vermogen[eigen] = np.floor(np.minimum(np.exp(ln_v), 1e9) * 100).astype(np.int64)
    return vermogen


def _wml_index(jaar: int) -> Fraction:
    """The January minimum wage of `jaar` over that of the CBS income year (latest known for later years)."""
    bekend = [j for j in WML_JANUARI if j <= jaar]
    return WML_JANUARI[max(bekend)] / WML_JANUARI[INKOMENSJAAR] if bekend else Fraction(1)


def _cao_stappen(jaar: int) -> list[Fraction]:
    """The yearly contractual-wage rises from the CBS income year to `jaar` (CAO_STIJGING; for a year CBS
    has not published yet, the January minimum-wage step, which follows the cao wages, art. 14 WML)."""
    stappen = []
    for j in range(INKOMENSJAAR + 1, min(jaar, max(WML_JANUARI)) + 1):
        stappen.append(CAO_STIJGING.get(j) or _wml_index(j) / _wml_index(j - 1))
    return stappen


def geindexeerd(inkomen: Ints, jaar: int) -> Ints:
    """CBS income (income year 2022) in euros of `jaar`, in cents, rounded down at each step: the part up to
    the 2022 annual minimum wage (benefits, the AOW, minimum wages are linked to it) moves with the minimum
    wage, the part above it with the CBS contractual wages. Monotone and exact (integer arithmetic).

    >>> geindexeerd(np.array([2_000_000, 5_000_000]), 2022).tolist()  # the income year itself: unchanged
    [2000000, 5000000]
    >>> geindexeerd(np.array([1_000_000]), 2025).tolist()  # below the minimum wage: x 2191.80 / 1725.00
    [1270608]
    """
    onder = np.minimum(inkomen, WML_JAAR_INKOMENSJAAR)
    boven = inkomen - onder
    w = _wml_index(jaar)
    onder = onder * w.numerator // w.denominator
    for f in _cao_stappen(jaar):
        boven = boven * f.numerator // f.denominator
    out: Ints = (onder + boven).astype(np.int64)
    return out


def toetsingsinkomen(inkomen: Ints, vermogen: Ints, jaar: int = INKOMENSJAAR) -> Ints:
    """Verzamelinkomen of `jaar` in cents: the CBS income indexed to that year (`geindexeerd`) plus the
    box-3 voordeel uit sparen en beleggen on bank balances above the heffingsvrij vermogen (2025). Exact
    integer arithmetic, rounded down to whole cents."""
    grondslag = np.maximum(vermogen - HEFFINGSVRIJ_VERMOGEN, 0)
    voordeel = grondslag * RENDEMENT_BANKTEGOEDEN.numerator // RENDEMENT_BANKTEGOEDEN.denominator
    out: Ints = (geindexeerd(inkomen, jaar) + voordeel).astype(np.int64)
    return out
