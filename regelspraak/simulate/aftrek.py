"""What separates the CBS personal income from the verzamelinkomen: the deductions of tax law that the
toetsingsinkomen (Awir art. 8) has and the CBS income does not.

CBS 83931NED counts *bruto* personal income: wages including the employee's own pension premium
("inclusief premies inkomensverzekeringen", CBS begrippen), and no deduction for the own home. The
toetsingsinkomen is the verzamelinkomen: the employee's pension premium is not part of the taxable wage,
and the eigenwoningforfait minus the mortgage interest (Wet IB 2001 art. 3.110-3.120) is income from the
own home, negative for almost every owner with a mortgage. Both lower the toetsingsinkomen of working
people with a middle income -- the couples near the zorgtoeslag limit of € 50,206 -- and leave
pensioners and tenants without a mortgage alone. docs/populatie.md has the measured effect.

Two deductions, per person, in cents:

- **pension premium**: `PENSIOENPREMIE` of the indexed income between the franchise and the maximum
  pensioengevend loon, for persons from `PENSIOEN_VANAF` up to the AOW age. **AANNAME**: one premium rate
  for everyone (the funds differ; a tenth of employees and most self-employed have no scheme);
- **own home**: `EIGEN_WONING_NETTO` per owner household whose first member is under the AOW age and which
  has a mortgage (`AANDEEL_HYPOTHEEK`, drawn per household id, so the same in every partition), split
  equally over the household's core adults (fiscal partners may divide it freely; the toeslagen add
  both partners' incomes, so the split does not change a joint income). **AANNAME**: one net amount
  for every mortgage (derived below), no mortgages after the AOW age.

>>> import numpy as np
>>> ink = np.array([4_500_000, 4_500_000, 1_500_000], dtype=np.int64)
>>> pensioenpremie(ink, np.array([40, 70, 40])).tolist()  # 6% of (45,000 - 17,545); none at 70; none below
[164730, 0, 0]
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from regelspraak.simulate import ijking, wonen

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

AOW_LEEFTIJD = 67
PENSIOEN_VANAF = 21  # most pension schemes start at 21 (AANNAME; by law no later than 21, Pensioenwet art. 13)
# AANNAME: employee share of the pension premium, as a share of the pensioengevend loon above the franchise.
# ABP 2025: total premium ~26% of the pensioengrondslag, of which the employee pays ~30% (~7.8%); other
# funds similar or lower; ~10% of employees and most self-employed have none. 6% as an average.
PENSIOENPREMIE = 0.06
FRANCHISE = 1_754_500  # cents; AANNAME: a typical 2025 franchise (ABP 2025: € 17,545)
MAX_PENSIOENGEVEND = 13_780_000  # cents; maximum pensioengevend loon 2025, € 137,800 (Wet LB 1964 art. 18ga)
# AANNAME: the net deduction for the own home per household with a mortgage, 2025: interest of ~2.8% on
# the CBS doorsnee hypotheekschuld (€ 162,000, 2015; CBS via nu.nl, 2017) = € 4,536, minus the
# eigenwoningforfait 0.35% (Wet IB 2001 art. 3.112, 2025) of a WOZ value of ~€ 350,000 = € 1,225; € 3,300.
EIGEN_WONING_NETTO = 330_000  # cents per household
# Share of owner households with a mortgage: CBS 85162NED, 2006: 529.3 of 3,764.0 thousand owner-occupiers
# without mortgage debt, so 86% with one (the latest year in the shipped excerpt; AANNAME that it held).
AANDEEL_HYPOTHEEK = 0.86
STROOM_HYPOTHEEK = 41  # stream number of the hash draw (wonen.uniform)

# Self-employed: CBS 85278NED, werkzame beroepsbevolking 2023: 1,586 thousand zelfstandigen, of whom 1,025 thousand
# full-time; by age (15-25, 25-35, 35-45, 45-55, 55-65) the shape of CBS 80150NED 2014: 38, 173, 310, 382, 249
# thousand of 1,152. Drawn per person id (hash), among persons with an income, with the probability of their age
# band (ZELFSTANDIG_KANS, set from these figures and the generated persons per band; AANNAME: independent of the
# income level). Ondernemersaftrek 2025 (Wet IB 2001 art. 3.74, 3.76, 3.79a): zelfstandigenaftrek € 2,470 for
# those who meet the urencriterium (AANNAME: the full-time share, 1,025 / 1,586) and the MKB-winstvrijstelling of
# 12.70% of the profit after it. AANNAME: the CBS income of the self-employed is the profit before these.
ZELFSTANDIG_GRENZEN = np.array([18, 25, 35, 45, 55, AOW_LEEFTIJD])
ZELFSTANDIG_AANTAL = np.array([38, 173, 310, 382, 249]) * (1586 / 1152)  # thousands per band, scaled to 2023
ZELFSTANDIG_PERSONEN = np.array([1_391, 2_176, 2_346, 2_494, 2_376])  # thousands, adults with an income in private
# households per band as the generator fits them (kalibratie.kalibreer, 1 January 2024; without the adults without
# income of kalibratie.GEEN_INKOMEN), so the total is 1,586
ZELFSTANDIGENAFTREK = 247_000  # cents, 2025
URENCRITERIUM = 1025 / 1586
MKB_VRIJSTELLING = 0.127
STROOM_ZELFSTANDIG = 42
STROOM_UREN = 43

AANNAMES: tuple[str, ...] = (
    f"AANNAME populatie: pensioenpremie werknemer {PENSIOENPREMIE:.0%} van het inkomen tussen de franchise "
    f"(€ {FRANCHISE // 100:_}) en het maximum pensioengevend loon, leeftijd {PENSIOEN_VANAF} tot de AOW-leeftijd, "
    "afgetrokken van het toetsingsinkomen".replace("_", "."),
    f"AANNAME populatie: eigenwoningaftrek € {EIGEN_WONING_NETTO // 100:_} per koophuishouden met hypotheek "
    f"(hoofdbewoner onder de AOW-leeftijd, {AANDEEL_HYPOTHEEK:.0%} van de eigenaren, CBS 85162NED 2006), "
    "gelijk verdeeld over de kernleden".replace("_", "."),
    "AANNAME populatie: zelfstandigen (CBS 85278NED 2023, leeftijdsverdeling CBS 80150NED 2014) los van de "
    "inkomenshoogte getrokken; ondernemersaftrek 2025 (zelfstandigenaftrek bij het voltijdaandeel, "
    "MKB-winstvrijstelling) op hun hele inkomen",
)


def pensioenpremie(inkomen: Ints, leeftijd: npt.NDArray[Any]) -> Ints:
    """The employee's pension premium in cents (rounded down), per person."""
    grondslag = np.clip(inkomen, FRANCHISE, MAX_PENSIOENGEVEND) - FRANCHISE
    werkend = (leeftijd >= PENSIOEN_VANAF) & (leeftijd < AOW_LEEFTIJD)
    out: Ints = np.where(werkend, np.floor(grondslag * PENSIOENPREMIE), 0).astype(np.int64)
    return out


def eigen_woning(huishouden_id: Ints, koop: Bools, kern: Bools, hoofd_leeftijd: npt.NDArray[Any],
                 seed: int) -> Ints:
    """The net own-home deduction in cents per person: `EIGEN_WONING_NETTO` for an owner household whose
    first member is under the AOW age and which has a mortgage (hash draw per household id), divided over
    the household's core adults (`kern`). All arguments are per person."""
    hypotheek = koop & (hoofd_leeftijd < AOW_LEEFTIJD) & (
        wonen.uniform(seed, STROOM_HYPOTHEEK, huishouden_id) < AANDEEL_HYPOTHEEK)
    wie = hypotheek & kern
    _, terug, aantal = np.unique(huishouden_id[wie], return_inverse=True, return_counts=True)
    out = np.zeros(len(huishouden_id), dtype=np.int64)
    out[wie] = EIGEN_WONING_NETTO // aantal[terug]
    return out


def zelfstandig(persoon_id: Ints, leeftijd: npt.NDArray[Any], inkomen: Ints, seed: int) -> Bools:
    """Whether a person is self-employed: a hash draw per person id with the probability of the age band."""
    band = np.searchsorted(ZELFSTANDIG_GRENZEN, leeftijd, side="right") - 1
    geldig = (band >= 0) & (band < len(ZELFSTANDIG_AANTAL)) & (inkomen > 0)
    kans = np.where(geldig, (ZELFSTANDIG_AANTAL / ZELFSTANDIG_PERSONEN)[np.clip(band, 0, len(ZELFSTANDIG_AANTAL) - 1)],
                    0.0)
    out: Bools = wonen.uniform(seed, STROOM_ZELFSTANDIG, persoon_id) < kans
    return out


def ondernemersaftrek(inkomen: Ints, zelfstandige: Bools, persoon_id: Ints, seed: int) -> Ints:
    """The ondernemersaftrek 2025 in cents of the self-employed: the zelfstandigenaftrek (if the urencriterium is
    met, a hash draw) and the MKB-winstvrijstelling on the profit after it; never more than the profit.

    >>> ondernemersaftrek(np.array([4_000_000]), np.array([True]), np.array([1]), 1).tolist()[0] in (508000, 723631)
    True
    """
    uren = wonen.uniform(seed, STROOM_UREN, persoon_id) < URENCRITERIUM
    za = np.where(uren, np.minimum(inkomen, ZELFSTANDIGENAFTREK), 0)
    rest = np.maximum(inkomen - za, 0)
    out: Ints = np.where(zelfstandige, za + np.floor(rest * MKB_VRIJSTELLING).astype(np.int64), 0).astype(np.int64)
    return out


def toetsingsinkomen(inkomen: Ints, vermogen: Ints, jaar: int, leeftijd: npt.NDArray[Any], kern: Bools,
                     huishouden_id: Ints, koop: Bools, seed: int, persoon_id: Ints | None = None) -> Ints:
    """The toetsingsinkomen per person in cents: `ijking.toetsingsinkomen` (indexed income plus the box-3
    voordeel) minus the pension premium and the own-home deduction, never below zero (a negative
    verzamelinkomen is tested as nil). Persons are listed household by household (the first member of
    each run of `huishouden_id` is the household's first member)."""
    eerste = np.ones(len(huishouden_id), dtype=np.bool_)
    eerste[1:] = huishouden_id[1:] != huishouden_id[:-1]
    hoofd = leeftijd[np.flatnonzero(eerste)][np.cumsum(eerste) - 1] if len(eerste) else leeftijd
    geindexeerd = ijking.geindexeerd(inkomen, jaar)
    ondernemer = np.zeros(len(inkomen), dtype=np.bool_)
    aftrek_ondernemer = np.zeros(len(inkomen), dtype=np.int64)
    if persoon_id is not None:
        ondernemer = zelfstandig(persoon_id, leeftijd, inkomen, seed)
        aftrek_ondernemer = ondernemersaftrek(geindexeerd, ondernemer, persoon_id, seed)
    # the self-employed pay no employee pension premium
    premie = np.where(ondernemer, 0, pensioenpremie(geindexeerd, leeftijd))
    out: Ints = np.maximum(
        ijking.toetsingsinkomen(inkomen, vermogen, jaar) - premie - aftrek_ondernemer
        - eigen_woning(huishouden_id, koop, kern, hoofd, seed), 0).astype(np.int64)
    return out
