"""Household-level calibration of the generator (simulate/ijking.py): partner incomes, wealth, toetsingsinkomen."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regelspraak.simulate import aftrek, ijking
from regelspraak.simulate.kalibratie import ALLEEN, HUISHOUDTYPEN, OUDER, PARTNER_M, PARTNER_Z
from regelspraak.simulate.synthetic import SynthetischePopulatie, genereer


@pytest.fixture(scope="module")
def pop() -> SynthetischePopulatie:
    return genereer(300_000, seed=11)


def _spearman(x: np.ndarray, y: np.ndarray) -> float:
    rx, ry = np.argsort(np.argsort(x)), np.argsort(np.argsort(y))
    return float(np.corrcoef(rx, ry)[0, 1])


def test_types_match_the_generator() -> None:
    assert HUISHOUDTYPEN[:len(ijking.TYPEN)] == ijking.TYPEN


def test_partner_incomes_keep_their_marginal_per_age_band_and_correlate() -> None:
    rng = np.random.default_rng(5)
    n = 20_000
    eerste = np.arange(0, 2 * n, 2)
    leeftijd = np.repeat(rng.integers(20, 90, n), 2)
    inkomen = rng.integers(0, 10_000_000, 2 * n).astype(np.int64)
    voor = inkomen.copy()
    ijking.koppel_partnerinkomens(inkomen, eerste, leeftijd, rng, rho=0.3)
    assert np.array_equal(inkomen[eerste], voor[eerste])  # first partners untouched
    band = np.searchsorted(ijking.LEEFTIJDSGRENZEN, leeftijd[eerste + 1], side="right")
    for b in np.unique(band):  # the same incomes in every age band, only re-assigned
        m = eerste[band == b] + 1
        assert sorted(inkomen[m].tolist()) == sorted(voor[m].tolist())
    assert 0.25 < _spearman(inkomen[eerste], inkomen[eerste + 1]) < 0.35
    assert abs(_spearman(voor[eerste], voor[eerste + 1])) < 0.05


def _paren(pop: SynthetischePopulatie) -> tuple[np.ndarray, np.ndarray]:
    """First and second partner of every couple (rows)."""
    p = pop.personen.eigenschappen
    partner = p["partner"]
    eerste = np.flatnonzero(partner.geldig_masker() & (partner.waarden > np.arange(len(partner.waarden))))
    return eerste, partner.waarden[eerste]


def test_generated_couples_have_the_fitted_income_correlation_per_type(pop: SynthetischePopulatie) -> None:
    p = pop.personen.eigenschappen
    rol, ink = p["rol"].waarden, p["inkomen"].waarden
    eerste, tweede = _paren(pop)
    assert len(eerste) > 1000 and np.isin(rol[eerste], [PARTNER_Z, PARTNER_M]).all()
    zonder = rol[eerste] == PARTNER_Z
    assert ijking.RHO_PARTNERINKOMEN[0] > 0 > ijking.RHO_PARTNERINKOMEN[1]
    assert 0.1 < _spearman(ink[eerste[zonder]], ink[tweede[zonder]]) < 0.3
    assert -0.15 < _spearman(ink[eerste[~zonder]], ink[tweede[~zonder]]) < 0


def test_main_earner_share_matches_cbs(pop: SynthetischePopulatie) -> None:
    """CBS 2018 via ESB (ijking.RHO_PARTNERINKOMEN): in couples under the AOW age the main earner brings 67% (with
    minor children 69%) and the partner 29% (27%) of the household income, i.e. 69.8% (71.9%) of the two partners'
    incomes. The correlations were fitted to these at 1 M persons; here 300 k (seed 11) must stay within 0.8 points
    (at the former 0.3 for all couples: 68.4% and 67.9%)."""
    p = pop.personen.eigenschappen
    rol, ink, leeftijd = p["rol"].waarden, p["inkomen"].waarden.astype(np.float64), p["leeftijd"].waarden
    eerste, tweede = _paren(pop)
    jong = (leeftijd[eerste] < 67) & (leeftijd[tweede] < 67)
    for r, cbs in ((PARTNER_Z, 67 / 96), (PARTNER_M, 69 / 96)):
        m = jong & (rol[eerste] == r)
        a, b = ink[eerste[m]], ink[tweede[m]]
        assert np.maximum(a, b).sum() / (a + b).sum() == pytest.approx(cbs, abs=0.008)


def test_adults_without_income_follow_cbs(pop: SynthetischePopulatie) -> None:
    """CBS 2023: 321,000 women of 15-67 without own income (6%), men 2% (marginalen._zonder_inkomen: 428,000); none
    of 67 and over (the AOW) or under 18 (no income drawn), most of them partners."""
    p = pop.personen
    ink, leeftijd, rol = p.eigenschappen["inkomen"].waarden, p.eigenschappen["leeftijd"].waarden, \
        p.eigenschappen["rol"].waarden
    geen = (ink == 0) & (leeftijd >= 18)
    assert p.gewicht[geen].sum() == pytest.approx(428_000, rel=0.05)
    assert not (geen & (leeftijd >= 65)).any()
    assert np.isin(rol[geen], [PARTNER_Z, PARTNER_M]).mean() > 0.7
    assert (ink[(leeftijd >= 18) & ~geen] > 0).all()


def test_household_wealth_medians_follow_cbs(pop: SynthetischePopulatie) -> None:
    d = ijking.vermogensdoelen()
    p = pop.personen.eigenschappen
    hh = p["huishouden"].waarden
    verm = p["vermogen"].waarden
    kind = p["rol"].waarden == 0
    som = np.bincount(hh[~kind], weights=verm[~kind] / 100, minlength=len(pop.huishoudens))
    typ = pop.huishoudens.eigenschappen["type"].waarden
    for t, naam in enumerate(ijking.TYPEN):
        m = float(np.median(som[typ == t]))
        # the core's amount is raked to the CBS median; adult children and other members add a little
        assert d.mediaan_type[t] * 0.97 < m < d.mediaan_type[t] * 1.35, naam
    assert (verm[p["leeftijd"].waarden < 18] == 0).all()
    assert (verm >= 0).all()


def test_toetsingsinkomen_adds_the_box3_voordeel_exactly() -> None:
    ink = np.array([0, 2_500_000, 2_500_000], dtype=np.int64)
    verm = np.array([0, ijking.HEFFINGSVRIJ_VERMOGEN, ijking.HEFFINGSVRIJ_VERMOGEN + 1_000_000], dtype=np.int64)
    # 10,000 euro above the exemption at 1,37% is 137 euro
    assert ijking.toetsingsinkomen(ink, verm).tolist() == [0, 2_500_000, 2_513_700]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**10), st.integers(0, 10**11), st.integers(0, 10**9))
def test_toetsingsinkomen_is_monotone_and_never_below_income(ink: int, verm: int, extra: int) -> None:
    a = ijking.toetsingsinkomen(np.array([ink], dtype=np.int64), np.array([verm], dtype=np.int64))[0]
    b = ijking.toetsingsinkomen(np.array([ink], dtype=np.int64), np.array([verm + extra], dtype=np.int64))[0]
    assert ink <= a <= b


def test_generated_toetsingsinkomen_column(pop: SynthetischePopulatie) -> None:
    """The indexed income plus box 3 (ijking) minus the deductions of aftrek.py: never more than that, never
    negative, unchanged for pensioners (no premium, no mortgage deduction after the AOW age)."""
    p = pop.personen.eigenschappen
    ti, ink = p["toetsingsinkomen"].waarden, p["inkomen"].waarden
    bruto = ijking.toetsingsinkomen(ink, p["vermogen"].waarden, pop.peildatum.year)
    oud = p["leeftijd"].waarden >= 67
    hh = p["huishouden"].waarden  # households whose first member is 67+ (members are contiguous)
    eerste = np.r_[True, hh[1:] != hh[:-1]]
    hoofd_oud = (p["leeftijd"].waarden[np.flatnonzero(eerste)] >= 67)[np.cumsum(eerste) - 1]
    assert p["toetsingsinkomen"].noemer == 100 and (ti >= 0).all() and (ti <= bruto).all()
    assert (ti[oud & hoofd_oud] == bruto[oud & hoofd_oud]).all()
    assert (ti < bruto).mean() > 0.3 and (ti > ink).any()


def test_married_share_of_partners_is_cbs_per_couple_type(pop: SynthetischePopulatie) -> None:
    """CBS 37620: 72.2% of partners without and 76.9% with children are married; tolerance 1.5 points at
    300,000 persons (~0.4 points standard error); both partners alike, nobody else married."""
    p = pop.personen.eigenschappen
    rol, g, w = p["rol"].waarden, p["gehuwd"].waarden, pop.personen.gewicht
    doel = pop.kalibratie.doelen.aandeel_gehuwd
    assert abs(doel[0] - 0.722) < 0.001 and abs(doel[1] - 0.769) < 0.001
    for r, d in ((PARTNER_Z, doel[0]), (PARTNER_M, doel[1])):
        m = rol == r
        assert abs(w[m & g].sum() / w[m].sum() - d) < 0.015
    assert not g[~np.isin(rol, [PARTNER_Z, PARTNER_M])].any()
    partner = p["partner"]
    heeft = partner.geldig_masker()
    assert np.array_equal(g[heeft], g[partner.waarden[heeft]])
    leeftijd = p["leeftijd"].waarden
    jong, oud = heeft & (leeftijd < 35), heeft & (leeftijd >= 67)
    assert g[oud].mean() > 0.85 > 0.6 > g[jong].mean()  # the life-cycle shape of the prior


def test_marriage_shift_meets_the_target_exactly() -> None:
    verdeling = np.zeros(101)
    verdeling[[22, 40, 70]] = [1000.0, 3000.0, 2000.0]
    for doel in (0.3, 0.722, 0.95):
        v = ijking.gehuwd_verschuiving(verdeling, doel)
        kans = ijking.gehuwd_kans(np.arange(101), v)
        assert abs(float((verdeling * kans).sum() / verdeling.sum()) - doel) < 1e-9


def test_partners_of_67_and_over_follow_the_svb_leefvorm_split(pop: SynthetischePopulatie) -> None:
    """The age table meets the SVB share of pensioners living with a partner (62.5%) exactly; the generated
    population within 1.5 points at 300,000 persons."""
    kal = pop.kalibratie
    doel = kal.doelen.aandeel_partner_67
    assert doel is not None and abs(doel - 2246325 / 3592377) < 1e-12
    tabel = kal.leeftijd[:, 67:]
    assert abs(tabel[[PARTNER_Z, PARTNER_M]].sum() / tabel.sum() - doel) < 1e-3
    p = pop.personen.eigenschappen
    oud = p["leeftijd"].waarden >= 67
    w = pop.personen.gewicht
    partner = np.isin(p["rol"].waarden, [PARTNER_Z, PARTNER_M])
    assert abs(w[oud & partner].sum() / w[oud].sum() - doel) < 0.015


def test_income_indexation_to_the_berekeningsjaar() -> None:
    """CBS income is of 2022; the Wzt thresholds of 2025. The part up to the 2022 annual minimum wage moves
    with the minimum wage (2191.80 / 1725.00), the part above with the cao wages (+6.1%, +6.6%, then the
    January 2025 minimum-wage step); exact integer cents, monotone, the income year unchanged."""
    m = ijking.WML_JAAR_INKOMENSJAAR
    assert m == 2_235_600
    x = np.array([0, m, m + 1_000_000], dtype=np.int64)
    assert ijking.geindexeerd(x, 2022).tolist() == x.tolist()
    y = ijking.geindexeerd(x, 2025)
    assert y[1] == m * 219180 // 172500
    boven = 1_000_000 * 1061 // 1000 * 1066 // 1000 * 219180 // 206940
    assert y[2] - y[1] == boven
    assert ijking.geindexeerd(x, 2030).tolist() == y.tolist()  # beyond the published figures: the latest


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**10), st.integers(0, 10**8), st.sampled_from([2022, 2023, 2024, 2025]))
def test_indexation_is_monotone(a: int, d: int, jaar: int) -> None:
    x = ijking.geindexeerd(np.array([a, a + d], dtype=np.int64), jaar)
    assert x[0] <= x[1] and x[0] >= a


def test_generated_toetsingsinkomen_is_of_the_peildatum_year() -> None:
    pop = genereer(20_000, seed=4, peildatum=date(2025, 7, 1))
    p = pop.personen.eigenschappen
    ti, ink, verm = p["toetsingsinkomen"].waarden, p["inkomen"].waarden, p["vermogen"].waarden
    kern = np.isin(p["rol"].waarden, (ALLEEN, PARTNER_Z, PARTNER_M, OUDER)) & (p["leeftijd"].waarden >= 18)
    h = pop.huishoudens  # tenure per person, through the household
    rij = np.searchsorted(h.ids, p["huishouden"].waarden)
    eig = h.eigenschappen["eigendom"]
    koop = eig.geldig_masker()[rij] & (eig.waarden[rij] == 0)
    assert np.array_equal(ti, aftrek.toetsingsinkomen(ink, verm, 2025, p["leeftijd"].waarden, kern,
                                                      p["huishouden"].waarden, koop, 4, pop.personen.ids))
    # without the deductions it is the 2025 income: above the 2022 income for everyone with one
    volw = ink > 0
    assert (ijking.toetsingsinkomen(ink, verm, 2025)[volw] > ink[volw]).all()
