"""The tables the synthetic population is drawn from: its categories, the documented priors that give
iterative proportional fitting the shape of what CBS does not publish (docs/populatie.md), and the
fit itself (`kalibreer`). `synthetic.py` draws households and persons from the result.

>>> kal = kalibreer()
>>> round(float(kal.huishoudens.sum())) > 7_000_000
True
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

from regelspraak.simulate.ipf import Marge, as_groep, ipf
from regelspraak.simulate.marginalen import (
    LEEFTIJDSKLASSEN,
    Doelen,
    Marginalen,
    bron_tekst,
    doelen,
    laad_marginalen,
)

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Array = npt.NDArray[Any]

# ------------------------------------------------------------------ categories

HUISHOUDTYPEN = ("eenpersoons", "paar zonder kinderen", "paar met kinderen", "eenouder", "overig meerpersoons",
                 "institutioneel")
EENPERSOONS, PAAR_Z, PAAR_M, EENOUDER, OVERIG_MP, INSTITUTIONEEL = range(6)
# Adults that make up each private household type before children and other members are added.
KERN = np.array([1, 2, 2, 1, 2], dtype=np.int64)
MAX_KINDEREN, MAX_OVERIG = 6, 2

ROLLEN = ("thuiswonend kind", "alleenstaand", "partner zonder kinderen", "partner met kinderen", "alleenstaande ouder",
          "overig lid", "institutioneel")
KIND, ALLEEN, PARTNER_Z, PARTNER_M, OUDER, OVERIG, INST = range(7)
KERNROL = np.array([ALLEEN, PARTNER_Z, PARTNER_M, OUDER, OVERIG, INST], dtype=np.int8)  # per household type

EIGENDOM = ("koop", "huur corporatie", "huur overig")
EENHEIDTYPEN = ("zonder partner", "met partner")

MAX_LEEFTIJD = 100  # 100 stands for 100 and over
AOW_LEEFTIJD = 67  # pensioengerechtigde leeftijd 2025 (AOW art. 7a): the leefvorm margin's age group
# Age bands and position groups of the income table.
INKOMEN_LEEFTIJD = np.array([18, 25, 35, 45, 55, 65, 75])  # lower bounds
INKOMEN_GROEP = np.array([0, 1, 2, 2, 3, 4, 5])  # per rol: kind, alleenstaand, partner, ouder, overig, institutioneel

# ------------------------------------------------------------------ assumptions (docs/populatie.md)
# CBS publishes the marginals, not how they combine. The priors below give IPF the *shape* of
# the joint tables; IPF then makes every published margin hold. Each is a plain, documented
# guess, not a CBS figure.

# Number of children (0..6) in couples / one-parent households with children; 3+ split so that
# the mean of the 3+ class (~3.26, from the 4.67 M children at home) comes out.
_PRIOR_KINDEREN_PAAR = np.array([0, .43, .41, .12, .025, .004, .001])
_PRIOR_KINDEREN_EENOUDER = np.array([0, .55, .32, .09, .02, .003, .001])
# Other members (0..2) besides the core: sized so ~290 k persons are "overig lid".
_PRIOR_OVERIG = np.array([.91, .065, .025])
_PRIOR_OVERIG_MP = np.array([.85, .12, .03])
# Tenure (koop, corporatie, overig) per household type: owners are couples more often.
_PRIOR_EIGENDOM = np.array([[.38, .40, .22], [.68, .18, .14], [.72, .17, .11], [.35, .48, .17], [.35, .30, .35]])

# Income class (the 8 CBS classes) by age band: the life cycle (students, peak at 45-55, pensions).
_PRIOR_INKOMEN = np.array([
    [.45, .25, .13, .09, .05, .03, .002, .0005],  # 18-24
    [.08, .10, .16, .20, .18, .25, .03, .003],  # 25-34
    [.08, .08, .12, .15, .15, .34, .07, .01],  # 35-44
    [.08, .08, .12, .14, .14, .34, .08, .015],  # 45-54
    [.10, .10, .14, .14, .13, .30, .07, .015],  # 55-64
    [.03, .25, .28, .17, .10, .14, .025, .006],  # 65-74
    [.03, .32, .30, .15, .08, .10, .02, .004],  # 75+
])
_INKOMEN_GROEP_FACTOR = np.array([  # multiplies the row above per position group
    [3, 1.5, 1, .6, .4, .2, .05, .02],  # adult child living at home
    [1, 1, 1, 1, 1, 1, 1, 1],  # alleenstaand
    [1.2, .9, .9, 1, 1, 1.1, 1.2, 1.3],  # partner
    [1, 1.3, 1.3, 1.1, .9, .7, .5, .4],  # single parent
    [1.5, 1.3, 1, 1, .8, .6, .3, .2],  # other member
    [2, 3, 1, .4, .2, .1, .02, .01],  # institutional
])
# Adults without any personal income (marginalen._zonder_inkomen: CBS 2023, 15-67, not in education): the
# ninth income class GEEN_INKOMEN. Its shape is a prior from the CBS description of the women concerned (mean
# age 50; nearly half mothers of adult children, mean 58, nearly all married; a quarter mothers of school-age
# children, 47; 15% mothers of children under 5; the rest single or unmarried without children, 40): rising
# with age up to 65, mostly partners; none from 65 (the AOW) and none in institutions (outside the CBS income
# statistics). AANNAME: the shape; the count is CBS's.
GEEN_INKOMEN = 8
_PRIOR_GEEN_INKOMEN_LEEFTIJD = np.array([.2, .5, .8, 1.0, 1.3, 0, 0])  # per INKOMEN_LEEFTIJD band
_PRIOR_GEEN_INKOMEN_GROEP = np.array([.3, .3, 1.5, .6, .5, 0])  # kind, alleenstaand, partner, ouder, overig, inst.
# Within an income class: density falling towards 10 k in the lowest class (x = 10 k * u**1.4,
# reproduces CBS's first-decile mean of 2.9 k), uniform in 10-50 k (reproduces deciles 2-6 and
# the median), truncated Pareto (alpha 2) in 50-100 k and 100-200 k, Pareto alpha 3 above
# 200 k: together the CBS mean of 37.4 k.
LAAGSTE_MACHT = 1.4
PARETO_ALFA = (2.0, 2.0, 3.0)
MAX_INKOMEN = 50_000_000

# Wealth (box-3-like, excluding the own home): drawn per household by ijking.trek_vermogen from the
# CBS medians and spreads per household type and age band (83834NED, bank- en spaartegoeden).

AANDEEL_VERZEKERD = 0.99  # Zvw-insured (the rest: uninsured, conscientious objectors, military)


def _leeftijdsprior() -> Floats:
    """Propensity of each household position by single year of age, times a survival curve
    (Gompertz) for the shape inside the wide CBS age bands."""
    a = np.arange(MAX_LEEFTIJD + 1, dtype=np.float64)
    overleving = np.exp(-3e-5 / 0.1 * (np.exp(0.1 * a) - 1))
    p = np.zeros((len(ROLLEN), len(a)))
    p[KIND] = np.where(a < 18, 1.0, 0.9 * np.exp(-(a - 17) / 4.0)) * (a <= 40)
    p[ALLEEN] = np.select([a < 18, a < 25, a < 35, a < 65, a < 80], [0, .15, .2, .18, .28], .5)
    p[PARTNER_Z] = np.select([a < 18, a < 25, a < 35, a < 50, a < 65, a < 80], [0, .08, .3, .12, .4, .6], .35)
    p[PARTNER_M] = np.select([a < 20, a < 30, a < 50, a < 60, a < 70], [0, .1, .65, .35, .07], .01)
    p[OUDER] = np.select([a < 20, a < 30, a < 60], [0, .02, .06], .015)
    p[OVERIG] = np.where(a < 18, .005, .02)
    p[INST] = np.select([a < 65, a < 80], [.004, .01], .1)
    return p * overleving


# ------------------------------------------------------------------ calibration


@dataclass(frozen=True)
class Kalibratie:
    """The fitted tables (national counts) the generator samples from."""

    doelen: Doelen
    huishoudens: Floats  # type(5) x kinderen(0..6) x overig(0..2) x eigendom(3)
    institutioneel: float  # persons in institutions, each its own household
    leeftijd: Floats  # rol(7) x leeftijd(0..100)
    inkomen: Floats  # leeftijdsband(7) x positiegroep(6) x inkomensklasse(8 CBS classes, then GEEN_INKOMEN)
    iteraties: dict[str, int]
    bron: str  # the attribution the CBS licence asks for

    @property
    def grootte(self) -> Ints:
        """Household size per cell of `huishoudens`."""
        t, k, o = np.ogrid[:5, : MAX_KINDEREN + 1, : MAX_OVERIG + 1]
        return np.broadcast_to((KERN[t] + k + o)[..., None], self.huishoudens.shape).astype(np.int64)


class KalibratieFout(RuntimeError):
    """IPF did not converge: the targets contradict each other or the priors."""


def kalibreer(m: Marginalen | None = None, peildatum: date | None = None) -> Kalibratie:
    """Fit the three tables to the marginals of `m` (default: the shipped CBS file), with the age structure
    and the number of residents of `peildatum` (default 1 January 2024; `marginalen.doelen`)."""
    m = m or laad_marginalen()
    d = doelen(m, peildatum)
    iteraties: dict[str, int] = {}

    # Households.
    vorm = (5, MAX_KINDEREN + 1, MAX_OVERIG + 1, 3)
    prior = np.zeros(vorm)
    prior[EENPERSOONS, 0, 0] = _PRIOR_EIGENDOM[0]
    prior[PAAR_Z, 0] = _PRIOR_OVERIG[:, None] * _PRIOR_EIGENDOM[1]
    prior[PAAR_M] = _PRIOR_KINDEREN_PAAR[:, None, None] * _PRIOR_OVERIG[None, :, None] * _PRIOR_EIGENDOM[2]
    prior[EENOUDER] = _PRIOR_KINDEREN_EENOUDER[:, None, None] * _PRIOR_OVERIG[None, :, None] * _PRIOR_EIGENDOM[3]
    prior[OVERIG_MP, 0] = _PRIOR_OVERIG_MP[:, None] * _PRIOR_EIGENDOM[4]
    t, k, o = np.ogrid[:5, : MAX_KINDEREN + 1, : MAX_OVERIG + 1]
    grootte = np.broadcast_to((KERN[t] + k + o)[..., None], vorm)
    marges = [
        Marge("huishoudtype", as_groep(vorm, 0, [0, 1, 2, 2, 1]), _v(d.huishoudtype)),
        Marge("paren zonder kinderen", as_groep(vorm, 0, [-1, 0, -1, -1, -1]), np.array([d.paren_zonder_kinderen])),
        Marge("kinderen naar type", as_groep(vorm, 0, [-1, -1, 0, 1, -1]), _v(d.kinderen_type)),
        Marge("kinderen naar aantal", as_groep(vorm, 1, [-1, 0, 1, 2, 2, 2, 2]), _v(d.kinderen_aantal)),
        Marge("grootte", (np.minimum(grootte, 5) - 1).astype(np.intp), _v(d.grootte)),
        Marge("eigendom", as_groep(vorm, 3, [0, 1, 2]), _v(d.eigendom)),
    ]
    r = ipf(prior, marges)
    _eis(r.geconvergeerd, "huishoudens", r.max_afwijking)
    hh = r.tabel
    iteraties["huishoudens"] = r.iteraties

    # Persons by position and age. Position totals are those implied by the household table
    # (so ages fit the persons that will exist); age targets are scaled to that total.
    per_rol = np.zeros(len(ROLLEN))
    per_type = hh.sum(axis=(1, 2, 3))
    for ty in range(5):
        per_rol[KERNROL[ty]] += per_type[ty] * KERN[ty]
    per_rol[KIND] = float((hh.sum(axis=(2, 3)) * np.arange(MAX_KINDEREN + 1)).sum())
    per_rol[OVERIG] += float((hh.sum(axis=(1, 3)) * np.arange(MAX_OVERIG + 1)).sum())
    per_rol[INST] = d.institutioneel
    totaal = per_rol.sum()
    schaal = totaal / d.totaal_personen
    lprior = _leeftijdsprior()
    band = np.full(MAX_LEEFTIJD + 1, -1)
    for i, (lo, hi) in enumerate(LEEFTIJDSKLASSEN.values()):
        band[lo : hi + 1] = i
    enkel = np.full(MAX_LEEFTIJD + 1, -1)
    for i, jaar in enumerate(d.leeftijd_enkel):
        enkel[jaar] = i
    lvorm = lprior.shape
    lmarges = [
        Marge("rol", as_groep(lvorm, 0, range(len(ROLLEN))), per_rol),
        Marge("leeftijdsklasse", as_groep(lvorm, 1, band), _v(d.leeftijd) * schaal),
        Marge("leeftijd 0 en 1", as_groep(lvorm, 1, enkel), _v(d.leeftijd_enkel) * schaal),
    ]
    r = ipf(lprior, lmarges)
    _eis(r.geconvergeerd, "leeftijden", r.max_afwijking)
    if d.aandeel_partner_67 is not None:
        # Persons of 67+ living with a partner: the SVB leefvorm split (marginalen._aandeel_partner_67), over
        # the number of 67+ the first fit gives (the CBS age bands fix it up to the shape inside 65-79).
        oud = r.tabel[:, AOW_LEEFTIJD:].sum()
        groep = np.full(lvorm, -1, dtype=np.intp)
        groep[:, AOW_LEEFTIJD:] = 1
        groep[[PARTNER_Z, PARTNER_M], AOW_LEEFTIJD:] = 0
        lmarges.append(Marge("partner 67+", groep, np.array([d.aandeel_partner_67, 1 - d.aandeel_partner_67]) * oud))
        r = ipf(lprior, lmarges)
        _eis(r.geconvergeerd, "leeftijden", r.max_afwijking)
    leeftijd = r.tabel
    iteraties["leeftijden"] = r.iteraties

    # Adults by age band x position group x income class.
    volw = np.zeros((len(INKOMEN_LEEFTIJD), 6))
    abanden = np.searchsorted(INKOMEN_LEEFTIJD, np.arange(MAX_LEEFTIJD + 1), side="right") - 1
    for rol in range(len(ROLLEN)):
        for a in range(18, MAX_LEEFTIJD + 1):
            volw[abanden[a], INKOMEN_GROEP[rol]] += leeftijd[rol, a]
    geen = _PRIOR_GEEN_INKOMEN_LEEFTIJD[:, None] * _PRIOR_GEEN_INKOMEN_GROEP[None, :] * 0.03
    iprior = np.concatenate([_PRIOR_INKOMEN[:, None, :] * _INKOMEN_GROEP_FACTOR[None, :, :], geen[:, :, None]],
                            axis=2) * (volw[:, :, None] > 0)
    # The CBS class shares are of persons with income: applied to the adults minus those without (scaled like the
    # age targets, to the household table's total). Without that figure the ninth class stays empty.
    zonder = d.zonder_inkomen * schaal
    klassen = np.append(_v(d.inkomen_aandelen) * (volw.sum() - zonder), zonder)
    n_klassen = GEEN_INKOMEN + 1 if zonder > 0 else GEEN_INKOMEN
    ivorm = iprior[:, :, :n_klassen].shape
    cel = (np.arange(ivorm[0])[:, None] * ivorm[1] + np.arange(ivorm[1])[None, :])
    r = ipf(iprior[:, :, :n_klassen], [
        Marge("leeftijd x positie", np.broadcast_to(cel[:, :, None], ivorm).astype(np.intp), volw.ravel()),
        Marge("inkomensklasse", as_groep(ivorm, 2, range(n_klassen)), klassen[:n_klassen]),
    ])
    _eis(r.geconvergeerd, "inkomens", r.max_afwijking)
    iteraties["inkomens"] = r.iteraties
    tabel = np.zeros(iprior.shape)
    tabel[:, :, :n_klassen] = r.tabel
    return Kalibratie(d, hh, d.institutioneel, leeftijd, tabel, iteraties, bron_tekst(m))


def _v(d: dict[str, float] | dict[int, float]) -> Floats:
    return np.array(list(d.values()), dtype=np.float64)


def _eis(ok: bool, tabel: str, afwijking: float) -> None:
    if not ok:
        raise KalibratieFout(f"IPF voor {tabel} convergeert niet (grootste afwijking {afwijking:.2e}); "
                             "de marginalen spreken elkaar of de aannames tegen.")
