"""The deductions between the CBS personal income and the toetsingsinkomen (regelspraak/simulate/aftrek.py),
each against what it is drawn from, and their effect on couples near the zorgtoeslag limit."""

from __future__ import annotations

from datetime import date

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from regelspraak.simulate import aftrek, ijking
from regelspraak.simulate.kalibratie import PARTNER_M, PARTNER_Z
from regelspraak.simulate.synthetic import genereer


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**9), st.integers(0, 100))
def test_pension_premium_only_between_franchise_and_maximum_and_in_working_ages(ink: int, leeftijd: int) -> None:
    p = int(aftrek.pensioenpremie(np.array([ink], dtype=np.int64), np.array([leeftijd]))[0])
    if not aftrek.PENSIOEN_VANAF <= leeftijd < aftrek.AOW_LEEFTIJD or ink <= aftrek.FRANCHISE:
        assert p == 0
    else:
        grondslag = min(ink, aftrek.MAX_PENSIOENGEVEND) - aftrek.FRANCHISE
        assert p == int(np.floor(grondslag * aftrek.PENSIOENPREMIE))
    assert p <= (aftrek.MAX_PENSIOENGEVEND - aftrek.FRANCHISE) * aftrek.PENSIOENPREMIE


def test_own_home_deduction_per_household_split_over_its_core_adults() -> None:
    n = 20_000  # households of two core adults (owners, head 40) and one of 70
    hh = np.repeat(np.arange(n, dtype=np.int64), 2)
    kern = np.ones(2 * n, dtype=np.bool_)
    hoofd = np.where(hh < n - 1, 40, 70)
    d = aftrek.eigen_woning(hh, np.ones(2 * n, dtype=np.bool_), kern, hoofd, seed=9)
    per_hh = np.bincount(hh, weights=d)
    met = per_hh > 0
    # the marginal it is drawn from: the share of owner households with a mortgage
    assert abs(met[:-1].mean() - aftrek.AANDEEL_HYPOTHEEK) < 0.01
    assert (per_hh[met] == aftrek.EIGEN_WONING_NETTO).all() and not met[-1]
    assert (d[0::2] == d[1::2]).all()
    # tenants get nothing; the draw is per household id, not per position in the array
    assert not aftrek.eigen_woning(hh, np.zeros(2 * n, dtype=np.bool_), kern, hoofd, seed=9).any()
    omgekeerd = aftrek.eigen_woning(hh[::-1].copy(), np.ones(2 * n, dtype=np.bool_), kern, hoofd[::-1].copy(), 9)
    assert (omgekeerd[::-1] == d).all()


def test_more_couples_fall_under_the_joint_zorgtoeslag_limit() -> None:
    """The deductions lower the joint toetsingsinkomen of working couples: the share under € 50,206 (Wzt 2025,
    the couples' limit) rises, that of couples of 67+ is unchanged."""
    pop = genereer(60_000, seed=8, peildatum=date(2025, 7, 1))
    p = pop.personen.eigenschappen
    rol, leeftijd = p["rol"].waarden, p["leeftijd"].waarden
    eerste = np.flatnonzero(np.isin(rol, (PARTNER_Z, PARTNER_M)) & p["partner"].geldig_masker())
    eerste = eerste[p["partner"].waarden[eerste] > pop.personen.ids[eerste]]
    na = p["toetsingsinkomen"].waarden
    voor = ijking.toetsingsinkomen(p["inkomen"].waarden, p["vermogen"].waarden, 2025)
    grens = 5_020_600
    jong = leeftijd[eerste] < 60
    onder_na = (na[eerste] + na[eerste + 1]) <= grens
    onder_voor = (voor[eerste] + voor[eerste + 1]) <= grens
    assert onder_na[jong].mean() > onder_voor[jong].mean() + 0.01  # measured: 15.9% -> 17.7% (seed 8)
    oud = leeftijd[eerste] >= 70
    assert (onder_na[oud & (leeftijd[eerste + 1] >= 70)] == onder_voor[oud & (leeftijd[eerste + 1] >= 70)]).all()


def test_self_employed_meet_the_cbs_count_per_age_band() -> None:
    """CBS 85278NED: 1,586 thousand zelfstandigen in 2023, by age band in the shape of CBS 80150NED 2014."""
    pop = genereer(200_000, seed=12)
    p = pop.personen
    leeftijd, ink = p.eigenschappen["leeftijd"].waarden, p.eigenschappen["inkomen"].waarden
    z = aftrek.zelfstandig(p.ids, leeftijd, ink, 12)
    w = p.gewicht
    assert abs(w[z].sum() / 1_586_000 - 1) < 0.04
    band = np.searchsorted(aftrek.ZELFSTANDIG_GRENZEN, leeftijd, side="right") - 1
    for b, doel in enumerate(aftrek.ZELFSTANDIG_AANTAL * 1000):
        assert abs(w[z & (band == b)].sum() / doel - 1) < 0.12, b
    assert not z[(leeftijd < 18) | (leeftijd >= 67)].any()


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**9), st.integers(0, 2**40))
def test_ondernemersaftrek_never_exceeds_the_profit(ink: int, pid: int) -> None:
    a = int(aftrek.ondernemersaftrek(np.array([ink], dtype=np.int64), np.array([True]), np.array([pid]), 3)[0])
    assert 0 <= a <= ink
    assert a >= int(ink * aftrek.MKB_VRIJSTELLING) - aftrek.ZELFSTANDIGENAFTREK
    assert int(aftrek.ondernemersaftrek(np.array([ink], dtype=np.int64), np.array([False]), np.array([pid]), 3)[0]) == 0
