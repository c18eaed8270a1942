"""Every total from a synthetic sample carries its sampling error (issue 15, "charts that mean what
they say"): the half-width of a 95% interval, from the weights, to two significant digits."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from regelspraak.simulate import run as sim
from regelspraak.simulate.samenvatting import marge_95
from tests.unit.simulate.test_simulatie_delen import scenario

_RIJEN = st.lists(st.integers(0, 5_000_000), min_size=2, max_size=40)


@settings(max_examples=60, deadline=None)
@given(_RIJEN, st.integers(1, 5_000))
def test_margin_follows_the_weights(rijen: list[int], gewicht: int) -> None:
    y = np.array(rijen, dtype=np.int64)
    een = marge_95(np.full(len(y), 1.0), y, 100)
    veel = marge_95(np.full(len(y), float(gewicht)), y, 100)
    assert een is not None and veel is not None
    assert Fraction(een) >= 0 and Fraction(veel) >= 0
    if len(set(rijen)) == 1:  # everyone the same: the sample says exactly what the country does
        assert een == veel == "0"
    elif Fraction(een) > 0:
        # w times every row is w times the spread: the margin scales (up to the two digits shown)
        assert abs(Fraction(veel) / Fraction(een) - gewicht) <= Fraction(gewicht, 10)


def test_one_row_has_no_margin() -> None:
    assert marge_95(np.ones(1), np.array([5])) is None


def test_simulation_reports_the_margin_of_each_total(tmp_path: Path) -> None:
    u = sim.simuleer(scenario(tmp_path))
    zt = u.samenvatting["uitvoer"]["zorgtoeslag"]
    totaal, marge = Fraction(zt["totaal"]), Fraction(zt["totaal_marge_95"])
    # 30,000 generated persons for a country: a real but small uncertainty, well below the total.
    assert 0 < marge < totaal / 10
    assert Fraction(zt["ontvangers_marge_95"]) > 0
