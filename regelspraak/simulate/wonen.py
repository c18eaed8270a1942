"""Housing for the synthetic population: who rents, and what the rent is.

Two steps (the first with a wealth coupling), documented in docs/populatie.md ("Wonen en kinderen"):

1. `koppel_eigendom` (inside a partition, from its own stream): the generator's tenure per
   household (koop, huur corporatie, huur overig) comes from the CBS housing stock (82900NED) per
   household type, drawn independently of income. Here the labels are re-assigned *within each
   household type* so that owning goes with a high household income and corporation renting with
   a low one (a Gaussian copula on income ranks). Every household keeps its type and every type
   keeps its tenure counts, so the CBS margins hold exactly as before.
   `koppel_vermogen` then re-assigns the savings drawn per type and age band so that owners hold more and
   renters less (CBS 2020), again without changing any CBS margin.
2. `trek_huur` (per household, from a hash of the seed and the household id, so it does not
   depend on partitions or chunks): a kale huur and servicekosten per month for renters.

The tenure-income coupling and the private rents are calibrated to the two published figures held
(Aedes on the incomes of corporation tenants, CBS WoON 2012 on rents below the liberalisation limit;
issue 16); the rest is an assumption (AANNAME), and applying 2012 relations to 2025 is one too. The
published figures are used as facts (a few numbers, each quoted with its page below); CBS figures are
CC BY 4.0, no text or data file of Aedes or CBS is copied into the repository.

>>> import numpy as np
>>> huur, service = trek_huur(np.arange(5, dtype=np.int64), np.array([0, 1, 2, 1, -1]), np.full(5, 2), seed=1)
>>> (huur > 0).tolist(), bool(huur[1] >= KALE_HUUR["huur corporatie"].minimum * 100)
([False, True, True, True, False], True)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]

KOOP, CORPORATIE, OVERIG_HUUR = 0, 1, 2  # the codes of synthetic.EIGENDOM

# Rank correlation (Gaussian copula) between a household's income and owning rather than renting, and
# among renters between income and renting privately rather than from a corporation. Calibrated (issue 16)
# to the one published joint figure of tenure and income held: "80 procent van de bewoners van een
# corporatiewoning heeft een inkomen lager dan 34.229 euro. In andere huurwoningen en in koopwoningen is dat
# ongeveer 30 procent" (Aedes, feiten en cijfers, "Wie zijn de bewoners van een corporatiewoning?",
# https://www.aedes.nl/feiten-en-cijfers/bewoners/wie-zijn-de-bewoners-van-een-corporatiewoning/wie-zijn-de-bewoners-van-een-corporatiewoning.html;
# 34.229 euro is the DAEB income limit of 2013, so WoON 2012 data). The figure is a statement about ranks:
# at the household income below which 80% of corporation households fall, 30% of all other households fall
# below it, whatever the year's income level. The pair (0.7, 0.4) gives 30.1% at 300 k persons (it was
# (0.5, 0.3), chosen from memory: 41.3%), and then 44.3% of all private households lie below that income,
# as the two published shares imply (0.29 x 80% + 0.71 x 30% = 44.5%). Aedes gives private renters and owners
# together, so the split between them (RHO_PARTICULIER) is fixed only within that; AANNAME that the 2012
# relation holds in 2025. Test: tests/unit/simulate/test_wonen_kinderen.py.
RHO_KOOP = 0.7
RHO_PARTICULIER = 0.4
CORPORATIE_ONDER_GRENS = 0.80  # Aedes: share of corporation households below the DAEB limit (2013)
ANDEREN_ONDER_GRENS = 0.30  # Aedes: share of other renters and owners below the same limit


@dataclass(frozen=True)
class Huurverdeling:
    """A log-normal monthly kale huur (median, sigma of the log), clipped to [minimum, maximum]."""

    mediaan: float
    sigma: float
    minimum: float
    maximum: float


# Kale huur per month in 2025, log-normal. Corporation dwellings: the median is set so that the mean is
# 612 euro: "De gemiddelde huur van een corporatiewoning was eind vorig jaar 582 euro per maand" (Aedes,
# end 2023, quoted on https://nul20.nl/corporatiehuren-nederland-gemiddeld-met-51-procent-omhoog) raised
# by the 5.1% of 1 July 2024 (same page) = 611.68; AANNAME: no raise for July 2025 (not in the sources held)
# and the shape (sigma 0.20) is not published. 98% of them fall below the liberalisation limit (82% of the
# 2.6 M homes below it in 2012 were corporation homes). Was a median of 620 euro from memory (mean 652).
# Private rentals: the median is set so that 58% of private
# renters pay at most the liberalisation limit (900.07 euro in 2025, Wht art. 13 lid 1 / the huurtoeslag's
# maximum huurgrens): CBS, Woononderzoek Nederland 2012, "Bijna 2,6 miljoen huishoudens huren in 2012 een
# woning met een huur onder de liberalisatiegrens ... 82 procent [van] een woningcorporatie, 18 procent
# huurt van particulieren ... Ruim 335 duizend huishoudens huren een woning in de vrije sector" (quoted on
# https://www.kampbv.nl/huurders-in-vrije-sector-het-duurst-uit/): 468 of 803 thousand private renters (58%)
# below the limit. AANNAME that the 2012 share holds in 2025. Was a median of 950 euro from memory (40% below
# the limit, so 60% of private renters could get no huurtoeslag).
PARTICULIER_ONDER_LIBERALISATIEGRENS = 0.58
CORPORATIE_GEMIDDELDE_HUUR = 611.68  # Aedes: 582 euro at the end of 2023, + 5.1% on 1 July 2024
LIBERALISATIEGRENS_2025 = 900.07
KALE_HUUR = {
    "huur corporatie": Huurverdeling(582.0, 0.20, 300.0, 1100.0),
    "huur overig": Huurverdeling(805.0, 0.35, 350.0, 3000.0),
}
HUUR_PER_PERSOON = 0.04  # AANNAME: each person beyond the first adds 4% (larger households, larger homes)
# AANNAME: share of renters paying servicekosten and the amount (uniform, euro per month).
SERVICEKOSTEN = {"huur corporatie": (0.7, 10.0, 60.0), "huur overig": (0.5, 10.0, 80.0)}

AANNAMES = (
    f"AANNAME populatie: eigendom gekoppeld aan het huishoudinkomen binnen elk huishoudtype (rangcorrelatie "
    f"koop {RHO_KOOP}, particuliere huur {RHO_PARTICULIER}), geijkt op Aedes (WoON 2012: 80% van de "
    "corporatiehuurders en 30% van de anderen onder de DAEB-grens); aanname dat die verhouding in 2025 nog geldt",
    "AANNAME populatie: kale huur log-normaal, corporatie gemiddeld 612 euro per maand (Aedes eind 2023 plus de "
    "huurverhoging van juli 2024; geen verhoging in 2025, vorm niet gepubliceerd), overige verhuurders mediaan 805 "
    "euro zodat 58% onder de liberalisatiegrens huurt (CBS WoON 2012), "
    f"plus {HUUR_PER_PERSOON:.0%} per extra persoon",
    "AANNAME populatie: vermogen van eigenaren en huurders gekoppeld (binnen huishoudtype en leeftijdsklasse), "
    "geijkt op CBS 1 januari 2020 (5% van de huurders met 100 duizend euro of meer; mediaan eigenaren 36,3 "
    "duizend); aanname dat die verhouding van het financiële vermogen ook voor het spaargeld van 2025 geldt",
    "AANNAME populatie: servicekosten bij 70% van de corporatiehuurders 10-60 euro per maand, bij 50% van de "
    "overige huurders 10-80 euro",
)

# Characteristics added to the generated entities: name -> (soort, omschrijving, entiteit).
SCHEMA_HUISHOUDENS: dict[str, tuple[str, str, str | None]] = {
    "huurder": ("boolean", "huurt de woning (huur corporatie of huur overig)", None),
    "kale huur": ("bedrag", "kale huur in euro per maand (leeg zonder huur; AANNAME, zie docs)", None),
    "servicekosten": ("bedrag", "servicekosten in euro per maand (leeg zonder huur; AANNAME)", None),
}
SCHEMA_EENHEDEN: dict[str, tuple[str, str, str | None]] = {
    "huurder": ("boolean", "de eenheid huurt de woning: de kern van een huurhuishouden", None),
    "kale huur": ("bedrag", "kale huur in euro per maand (0 als de eenheid niet de huurder is)", None),
    "servicekosten": ("bedrag", "servicekosten in euro per maand (0 als de eenheid niet de huurder is)", None),
}


def koppel_eigendom(h_type: npt.NDArray[Any], h_eig: npt.NDArray[np.int8], hh: Ints, kern: Bools, inkomen: Ints,
                    rng: np.random.Generator, typen: int = 5) -> npt.NDArray[np.int8]:
    """Tenure re-assigned within each private household type by household income (the core
    adults' incomes summed); the counts per type and tenure are unchanged. `h_eig` is -1 for
    institutions, which are left alone.

    >>> rng = np.random.default_rng(0)
    >>> t = np.zeros(1000, dtype=np.int8); e = np.repeat(np.array([0, 1, 2], dtype=np.int8), [500, 300, 200])
    >>> hh = np.arange(1000); ink = np.arange(1000, dtype=np.int64) * 100
    >>> nieuw = koppel_eigendom(t, e, hh, np.ones(1000, bool), ink, rng)
    >>> np.bincount(nieuw).tolist(), bool(ink[nieuw == 0].mean() > ink[nieuw == 1].mean())
    ([500, 300, 200], True)
    """
    nieuw = h_eig.copy()
    ink_hh = np.bincount(hh[kern], weights=inkomen[kern].astype(np.float64), minlength=len(h_type))
    for t in range(typen):
        wie = np.flatnonzero((h_type == t) & (h_eig >= 0))
        n = len(wie)
        if n < 2:
            continue
        aantal = np.bincount(h_eig[wie], minlength=3)
        rang = np.argsort(np.argsort(ink_hh[wie], kind="stable"), kind="stable")
        score = np.sort(rng.standard_normal(n))[rang]
        latent = RHO_KOOP * score + np.sqrt(1 - RHO_KOOP**2) * rng.standard_normal(n)
        orde = np.argsort(-latent, kind="stable")  # highest first: the owners
        kopers, huurders = orde[: aantal[KOOP]], orde[aantal[KOOP]:]
        nieuw[wie[kopers]] = KOOP
        latent2 = RHO_PARTICULIER * score[huurders] + np.sqrt(1 - RHO_PARTICULIER**2) * rng.standard_normal(
            len(huurders))
        orde2 = huurders[np.argsort(-latent2, kind="stable")]
        nieuw[wie[orde2[: aantal[OVERIG_HUUR]]]] = OVERIG_HUUR
        nieuw[wie[orde2[aantal[OVERIG_HUUR]:]]] = CORPORATIE
    return nieuw


# Wealth of renters and owners (issue 16). The generator draws savings by household type, age band and income
# (ijking.trek_vermogen) before tenure is known, so a renter held as much as an owner of the same type, age and
# income: 19% of tenant units lay above the huurtoeslag's vermogensgrens (30% of those of 67+). CBS (1 January
# 2020): "Huishoudens met een eigen woning hadden ... een doorsnee vermogen van 36,3 duizend euro ... [zonder]
# de overwaarde op de eigen woning ... Het mediane vermogen van huurders is veertien keer lager, namelijk 2,6
# duizend euro. Bijna 60 procent van de huurders heeft geen vermogen, of ... hoogstens 5 duizend euro ... Zo'n 5
# procent van de huurders bezit een vermogen van minstens 100 duizend euro" (CBS figures quoted in de Volkskrant,
# 2021-10, https://www.volkskrant.nl/nieuws-achtergrond/vermogenskloof-tussen-huurders-en-woningbezitters-blijft-verder-groeien~b99bbab6/).
# `koppel_vermogen` re-assigns the core adults' amounts among households of the same type, age band and number
# of core adults, ranking on the normal score of the drawn amount plus VERMOGEN_EIGENAAR for owners: every CBS
# median per type and age band (83834NED) holds exactly as before. Calibrated on the upper tail, the part the
# vermogensgrenzen test: at 0.7, 5.0% of renting households hold 100 thousand euro or more (CBS: 5%), and the
# owners' median is 35.8 thousand (CBS 36.3; 300 k persons, seed 11). The bottom is not reached: renters' median
# 8.7 thousand (CBS 2.6), 36% at most 5 thousand (CBS almost 60%), because the drawn amounts are log-normal per
# cell, without the mass at zero; a larger shift cannot fix that (full separation within the cells gives a
# median ratio of 8.7, not 14) and would empty the upper tail (1.0% at 2.0). Was no coupling: 10.4% of renters
# at 100 thousand or more, 19% of tenant units above the huurtoeslag's vermogensgrens (now 11%). AANNAME that
# the 2020 figures of financial wealth hold for the savings of 2025. Test: tests/unit/simulate/test_wonen_kinderen.py.
HUURDERS_VANAF_100K = 0.05  # CBS, 1 January 2020: share of renting households with 100 thousand euro or more
MEDIAAN_EIGENAREN = 36_300.0  # CBS, 1 January 2020: owners' median wealth without the home, euro
VERMOGEN_EIGENAAR = 0.7  # shift of the owners' normal score within a cell (calibrated, above)
_LEEFTIJDSGRENZEN = np.array([0, 25, 35, 45, 55, 65, 75, 85])  # the CBS age bands of ijking.trek_vermogen


def koppel_vermogen(h_type: npt.NDArray[Any], h_eig: npt.NDArray[np.int8], hh: Ints, start: Ints, kern: Bools,
                    leeftijd: npt.NDArray[Any], vermogen: Ints, rng: np.random.Generator,
                    verschuiving: float = VERMOGEN_EIGENAAR, typen: int = 5) -> None:
    """In place: the core adults' wealth re-assigned among private households of the same type, age
    band of the first member and number of core adults, so that owners hold more and renters less;
    the amounts per cell are unchanged (a permutation), so every CBS wealth median holds.

    >>> rng = np.random.default_rng(0)
    >>> hh = np.arange(400); t = np.zeros(400, dtype=np.int8); e = np.tile(np.array([0, 1], dtype=np.int8), 200)
    >>> v = np.arange(400, dtype=np.int64) * 100
    >>> koppel_vermogen(t, e, hh, hh, np.ones(400, bool), np.full(400, 40), v, rng)
    >>> sorted(v.tolist()) == list(range(0, 40000, 100)), bool(v[e == 0].mean() > 1.2 * v[e == 1].mean())
    (True, True)
    """
    n_hh = len(h_type)
    kern_volw = kern & (np.asarray(leeftijd) >= 18)
    delen = np.bincount(hh[kern_volw], minlength=n_hh)
    per_persoon = np.zeros(n_hh, dtype=np.int64)
    per_persoon[hh[kern_volw]] = vermogen[kern_volw]  # the core adults of a household hold equal shares
    band = np.searchsorted(_LEEFTIJDSGRENZEN, np.asarray(leeftijd)[start], side="right") - 1
    mee = (np.asarray(h_type) < typen) & (np.asarray(h_eig) >= 0) & (delen > 0)
    cel = (np.asarray(h_type, dtype=np.int64) * len(_LEEFTIJDSGRENZEN) + band) * 4 + np.minimum(delen, 3)
    cel = np.where(mee, cel, -1)
    volgorde = np.argsort(cel, kind="stable")
    grenzen = np.flatnonzero(np.diff(cel[volgorde])) + 1
    for wie in np.split(volgorde, grenzen):
        if len(wie) < 2 or cel[wie[0]] < 0:
            continue
        bedragen = per_persoon[wie]
        rang = np.argsort(np.argsort(bedragen, kind="stable"), kind="stable")
        latent = np.sort(rng.standard_normal(len(wie)))[rang] + verschuiving * (h_eig[wie] == KOOP)
        per_persoon[wie[np.argsort(latent, kind="stable")]] = np.sort(bedragen)
    gekoppeld = kern_volw & mee[hh]
    vermogen[gekoppeld] = per_persoon[hh[gekoppeld]]


def uniform(seed: int, stroom: int, ids: Ints) -> Floats:
    """A uniform number in [0, 1) per id, from a hash (splitmix64) of seed, stream and id: the same
    for an object whatever partition, chunk or worker generates it.

    >>> u = uniform(3, 1, np.arange(4, dtype=np.int64))
    >>> bool(((u >= 0) & (u < 1)).all()), bool(uniform(3, 1, np.array([2], dtype=np.int64))[0] == u[2])
    (True, True)
    """
    with np.errstate(over="ignore"):
        x = ids.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        x ^= np.uint64((seed * 0x632BE59BD9B4E019 + stroom * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF)
        for schuif, factor in ((30, 0xBF58476D1CE4E5B9), (27, 0x94D049BB133111EB)):
            x ^= x >> np.uint64(schuif)
            x *= np.uint64(factor)
        x ^= x >> np.uint64(31)
    u: Floats = (x >> np.uint64(11)).astype(np.float64) * (1.0 / 2**53)
    return u


def _normaal(u1: Floats, u2: Floats) -> Floats:
    """Standard normal numbers from two uniforms (Box-Muller)."""
    z: Floats = np.sqrt(-2.0 * np.log1p(-u1)) * np.cos(2.0 * np.pi * u2)
    return z


def trek_huur(hh_ids: Ints, eigendom: npt.NDArray[Any], grootte: npt.NDArray[Any], seed: int) -> tuple[Ints, Ints]:
    """Kale huur and servicekosten (cents per month) per household; 0 for owners and institutions
    (eigendom koop or -1). Drawn per household id, so partitions do not matter."""
    huur = np.zeros(len(hh_ids), dtype=np.int64)
    service = np.zeros(len(hh_ids), dtype=np.int64)
    z = _normaal(uniform(seed, 101, hh_ids), uniform(seed, 102, hh_ids))
    u_service, u_bedrag = uniform(seed, 103, hh_ids), uniform(seed, 104, hh_ids)
    for code, naam in ((CORPORATIE, "huur corporatie"), (OVERIG_HUUR, "huur overig")):
        m = eigendom == code
        v = KALE_HUUR[naam]
        factor = 1 + HUUR_PER_PERSOON * (np.asarray(grootte[m], dtype=np.float64) - 1)
        bedrag = np.clip(v.mediaan * np.exp(v.sigma * z[m]) * factor, v.minimum, v.maximum)
        huur[m] = np.rint(bedrag * 100).astype(np.int64)
        aandeel, lo, hi = SERVICEKOSTEN[naam]
        s = np.where(u_service[m] < aandeel, np.rint((lo + (hi - lo) * u_bedrag[m]) * 100), 0)
        service[m] = s.astype(np.int64)
    return huur, service
