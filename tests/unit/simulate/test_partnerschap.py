"""Partnership start dates (regelspraak/simulate/partnerschap.py) against the CBS marginal they are drawn from,
and their place in the generated population and the AOW simulation."""

from __future__ import annotations

from datetime import date

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from regelspraak.simulate import partnerschap
from regelspraak.simulate.synthetic import genereer


def test_the_cbs_table_is_read_and_averaged_over_men_and_women() -> None:
    jaren, gemiddeld = partnerschap.huwelijksleeftijd()
    assert jaren[0] == 1950 and jaren[-1] == 2021 and len(jaren) == 72
    assert gemiddeld[list(jaren).index(1970)] == (26.2 + 23.7) / 2
    # outside the table: its end values, not an extrapolation
    assert partnerschap.gemiddelde_leeftijd(np.array([1900.0, 2030.0])).tolist() == [gemiddeld[0], gemiddeld[-1]]


def _couples(geboren: date, n: int) -> np.ndarray:
    return np.full(2 * n, geboren.toordinal(), dtype=np.int32)


def test_mean_age_at_the_start_meets_the_cbs_mean_in_the_year_of_marriage() -> None:
    n = 20_000
    rng = np.random.default_rng(5)
    for geboren, verwacht in ((date(1950, 1, 1), 25.15), (date(1960, 1, 1), 28.93)):
        geb = _couples(geboren, n)
        begin = partnerschap.trek_begindatum(np.arange(0, 2 * n, 2), geb, date(2025, 7, 1), rng)
        leeftijd = (begin - geb[0]) / partnerschap.JAAR
        m = 27.0  # the fixed point: the CBS mean in the year of marriage (1950 -> 1975: 25.15; 1960 -> 1989: 28.93)
        for _ in range(10):
            m = float(partnerschap.gemiddelde_leeftijd(np.array([geboren.year + m]))[0])
        assert abs(m - verwacht) < 0.1, m
        assert abs(float(leeftijd.mean()) - m) < 0.15, (geboren, leeftijd.mean(), m)
        # the AANNAME spread: sd (m - 18) / sqrt(VORM)
        assert abs(float(leeftijd.std()) - (m - 18) / np.sqrt(partnerschap.VORM)) < 0.15


@settings(max_examples=25, deadline=None)
@given(st.integers(1930, 2007), st.integers(0, 15), st.integers(0, 2**32 - 1))
def test_a_start_is_never_before_the_younger_partners_18th_birthday_nor_after_the_peildatum(
        jaar: int, verschil: int, seed: int) -> None:
    peil = date(2025, 7, 1)
    geb = np.array([date(jaar, 6, 1).toordinal(), date(min(jaar + verschil, 2007), 1, 1).toordinal()] * 50,
                   dtype=np.int32)
    begin = partnerschap.trek_begindatum(np.arange(0, 100, 2), geb, peil, np.random.default_rng(seed))
    achttien = geb[1] + 18 * partnerschap.JAAR
    assert (begin >= np.floor(min(achttien, peil.toordinal()))).all()
    assert (begin <= peil.toordinal()).all()


def test_population_dates_couples_alike_marriage_date_only_for_the_married() -> None:
    pop = genereer(30_000, seed=3, peildatum=date(2025, 7, 1))
    e = pop.personen.eigenschappen
    samen, huw = e["begindatum samenwonen"], e["huwelijksdatum"]
    partner = e["partner"]
    heeft = partner.geldig_masker()
    assert (samen.geldig_masker() == heeft).all()
    assert (huw.geldig_masker() == (heeft & e["gehuwd"].waarden)).all()
    ids = pop.personen.ids
    rij = np.searchsorted(ids, partner.waarden[heeft])
    assert (samen.waarden[heeft] == samen.waarden[rij]).all()
    # the older the couple, the earlier it began; most couples of 75+ began long before 2015
    oud = heeft & (e["leeftijd"].waarden >= 75)
    jaren = np.array([date.fromordinal(int(d)).year for d in samen.waarden[oud]])
    assert (jaren < 2015).mean() > 0.95
    # the other draws of the partition are untouched by the new stream: incomes as before this module
    # (another peildatum with the same calibration: other birth and start dates, the same incomes)
    kal = pop.kalibratie
    assert int(e["inkomen"].waarden[:50].sum()) == int(genereer(30_000, seed=3, peildatum=date(2024, 1, 1),
                                                                kalibratie=kal).personen.eigenschappen[
        "inkomen"].waarden[:50].sum())
