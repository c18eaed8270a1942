"""Date semantics: tijdsduur, plus/min duration, parts, day numbers."""

from __future__ import annotations

from datetime import date
from fractions import Fraction as F

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regelspraak.values.dates import (
    TijdsduurEenheid,
    dag_uit,
    dagnummer,
    jaar_uit,
    maand_uit,
    plus_duur,
    plus_maanden,
    tijdsduur,
    uit_dagnummer,
)
from regelspraak.values.fouten import Rekenfout

D = date

TIJDSDUUR = [
    (D(2025, 1, 1), D(1960, 10, 10), "jaren", -64),  # taal.md §5
    (D(1960, 10, 10), D(2025, 1, 1), "jaren", 64),
    (D(1990, 3, 15), D(2024, 1, 1), "jaren", 33),  # §8 case 1: Anna
    (D(1960, 10, 10), D(2025, 1, 1), "jaren", 64),  # §8 case 2: Carla
    (D(1958, 5, 5), D(2025, 1, 1), "jaren", 66),  # §8 case 2: Daan
    (D(1958, 5, 5), D(2025, 5, 5), "jaren", 67),  # the birthday itself counts
    (D(1958, 5, 5), D(2025, 5, 4), "jaren", 66),
    (D(2024, 2, 29), D(2025, 2, 28), "jaren", 1),  # month-end clamping (errata 10)
    (D(2024, 2, 29), D(2028, 2, 28), "jaren", 3),  # 2028 is a leap year: wait for the 29th
    (D(2025, 1, 31), D(2025, 2, 28), "maanden", 1),  # 31-01 plus 1 mnd = 28-02
    (D(2025, 1, 31), D(2025, 2, 27), "maanden", 0),
    (D(2025, 1, 31), D(2025, 3, 30), "maanden", 1),
    (D(2025, 1, 31), D(2025, 3, 31), "maanden", 2),
    (D(2025, 3, 31), D(2025, 1, 31), "maanden", -2),
    (D(2025, 1, 1), D(2025, 12, 31), "maanden", 11),
    (D(2025, 1, 1), D(2025, 3, 1), "dagen", 59),
    (D(2025, 3, 1), D(2025, 1, 1), "dagen", -59),
    (D(2025, 1, 1), D(2025, 1, 1), "jaren", 0),
]


@pytest.mark.parametrize(("d1", "d2", "eenheid", "verwacht"), TIJDSDUUR)
def test_tijdsduur(d1: date, d2: date, eenheid: TijdsduurEenheid, verwacht: int) -> None:
    assert tijdsduur(d1, d2, eenheid) == verwacht
    assert tijdsduur(d1, d2, eenheid, absoluut=True) == abs(verwacht)


def test_tijdsduur_leeg_en_fout() -> None:
    assert tijdsduur(None, D(2025, 1, 1), "jaren") is None
    assert tijdsduur(D(2025, 1, 1), None, "dagen", absoluut=True) is None
    with pytest.raises(ValueError, match="tijdsduur"):
        tijdsduur(D(2025, 1, 1), D(2025, 1, 1), "weken")  # type: ignore[arg-type]


PLUS = [
    (D(2025, 1, 31), 1, "mnd", 1, D(2025, 2, 28)),  # errata 10
    (D(2024, 1, 31), 1, "mnd", 1, D(2024, 2, 29)),
    (D(2025, 3, 31), 1, "mnd", -1, D(2025, 2, 28)),
    (D(2024, 2, 29), 1, "jr", 1, D(2025, 2, 28)),
    (D(1958, 5, 5), 67, "jr", 1, D(2025, 5, 5)),  # zijn geboortedatum plus 67 jr
    (D(2025, 11, 30), 1, "kw", 1, D(2026, 2, 28)),
    (D(2025, 1, 1), 2, "wk", 1, D(2025, 1, 15)),
    (D(2025, 1, 1), 1, "dg", -1, D(2024, 12, 31)),
    (D(2025, 1, 1), -1, "dg", 1, D(2024, 12, 31)),
    (D(2025, 1, 1), 0, "jr", 1, D(2025, 1, 1)),
]


@pytest.mark.parametrize(("d", "n", "eenheid", "teken", "verwacht"), PLUS)
def test_plus_duur(d: date, n: int, eenheid: str, teken: int, verwacht: date) -> None:
    assert plus_duur(d, F(n), eenheid, teken) == verwacht


def test_plus_duur_leeg_en_fouten() -> None:
    assert plus_duur(None, F(1), "jr") is None
    assert plus_duur(D(2025, 1, 1), None, "jr") == D(2025, 1, 1)  # leeg duration counts as 0
    with pytest.raises(Rekenfout, match="geheel aantal"):
        plus_duur(D(2025, 1, 1), F(3, 2), "mnd")
    with pytest.raises(ValueError, match="opgeteld"):
        plus_duur(D(2025, 1, 1), F(1), "u")
    with pytest.raises(ValueError, match="Teken"):
        plus_duur(D(2025, 1, 1), F(1), "dg", 0)
    with pytest.raises(Rekenfout, match="bereik"):
        plus_duur(D(9999, 12, 31), F(1), "dg")
    with pytest.raises(Rekenfout, match="bereik"):
        plus_duur(D(1, 1, 1), F(1), "jr", -1)
    with pytest.raises(Rekenfout, match="bereik"):
        plus_duur(D(2025, 1, 1), F(10**30), "wk")


def test_delen_en_dagnummers() -> None:
    d = D(2025, 7, 1)
    assert (dag_uit(d), maand_uit(d), jaar_uit(d)) == (1, 7, 2025)
    assert dag_uit(None) is None and maand_uit(None) is None and jaar_uit(None) is None
    assert dagnummer(D(1, 1, 1)) == 1
    assert uit_dagnummer(dagnummer(d)) == d
    for fout in (0, 3652060):
        with pytest.raises(ValueError, match="Dagnummer"):
            uit_dagnummer(fout)


datums = st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31))
eenheden = st.sampled_from(["jaren", "maanden", "dagen"])


@given(datums, datums, eenheden)
def test_antisymmetrie(d1: date, d2: date, eenheid: TijdsduurEenheid) -> None:
    duur = tijdsduur(d1, d2, eenheid)
    assert duur == -(tijdsduur(d2, d1, eenheid) or 0)
    assert tijdsduur(d1, d2, eenheid, absoluut=True) == abs(duur or 0)


@given(datums, datums)
def test_hele_maanden_is_grootste_n(d1: date, d2: date) -> None:
    van, tot = min(d1, d2), max(d1, d2)
    n = tijdsduur(van, tot, "maanden")
    assert n is not None and n >= 0
    assert plus_maanden(van, n) <= tot < plus_maanden(van, n + 1)
    jaren = tijdsduur(van, tot, "jaren")
    assert jaren == n // 12
    assert plus_duur(van, F(jaren), "jr") <= tot  # type: ignore[operator]
    assert tijdsduur(van, tot, "dagen") == (tot - van).days


@given(datums, st.integers(-1200, 1200))
def test_plus_min_maanden(d: date, n: int) -> None:
    verder = plus_duur(d, F(n), "mnd")
    assert verder is not None
    assert plus_duur(d, F(-n), "mnd", -1) == verder
    # Clamping loses days but never whole months, in either direction.
    assert tijdsduur(d, verder, "maanden") == n
