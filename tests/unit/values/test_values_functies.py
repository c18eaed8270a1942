"""The functions and checks of taal.md §11 (regelspraak/values/functies.py)."""

from __future__ import annotations

import math
from datetime import date
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regelspraak.values import functies as fn
from regelspraak.values.fouten import Rekenfout
from regelspraak.values.rounding import Afronding, afronden

MODI = list(Afronding)


@pytest.mark.parametrize(
    ("x", "modus", "n", "verwacht"),
    [
        (F(2), Afronding.NAAR_BENEDEN, 2, F("1.41")),
        (F(2), Afronding.NAAR_BOVEN, 2, F("1.42")),
        (F(2), Afronding.REKENKUNDIG, 4, F("1.4142")),
        (F("12.25"), Afronding.NAAR_BOVEN, 2, F("3.5")),  # exact: no rounding up
        (F(1, 4), Afronding.WEG_VAN_NUL, 0, F(1)),
        (F("0.25"), Afronding.REKENKUNDIG, 0, F(1)),  # 0,5 exactly half: away from zero
        (F("0.2499"), Afronding.REKENKUNDIG, 0, F(0)),
        (None, Afronding.REKENKUNDIG, 0, None),
    ],
)
def test_wortel(x: F | None, modus: Afronding, n: int, verwacht: F | None) -> None:
    assert fn.wortel(x, modus, n) == verwacht


def test_wortel_van_negatief_is_een_rekenfout() -> None:
    with pytest.raises(Rekenfout, match="negatief"):
        fn.wortel(F(-1), Afronding.REKENKUNDIG, 2)


@settings(max_examples=60, deadline=None)
@given(st.fractions(min_value=0, max_value=10**6, max_denominator=1000), st.sampled_from(MODI), st.integers(0, 6))
def test_wortel_is_de_exacte_wortel_afgerond(x: F, modus: Afronding, n: int) -> None:
    r = fn.wortel(x, modus, n)
    assert r is not None
    schaal = 10**n
    # r is the exact root rounded: r - 10^-n < root < r + 10^-n, and the mode's direction holds.
    lo = r - F(1, schaal)
    assert r**2 == x or ((lo < 0 or lo**2 < x) and x < (r + F(1, schaal)) ** 2)
    if modus is Afronding.NAAR_BENEDEN:
        assert r**2 <= x
    if modus is Afronding.NAAR_BOVEN:
        assert r**2 >= x
    if modus is Afronding.REKENKUNDIG:  # nearest, the half away from zero
        assert abs(F(math.sqrt(x)) - r) <= F(1, 2 * schaal) + F(1, 10**9)


@pytest.mark.parametrize(
    ("x", "y", "modus", "n", "verwacht"),
    [
        (F("1.05"), F(3), Afronding.REKENKUNDIG, 4, F("1.1576")),
        (F(2), F(-2), Afronding.REKENKUNDIG, 2, F("0.25")),
        (F(27), F(1, 3), Afronding.NAAR_BOVEN, 2, F(3)),
        (F(-8), F(1, 3), Afronding.NAAR_BENEDEN, 0, F(-2)),
        (F(-2), F(1, 3), Afronding.NAAR_BENEDEN, 2, F("-1.26")),
        (F(-2), F(1, 3), Afronding.NAAR_BOVEN, 2, F("-1.25")),
        (F(16), F(3, 4), Afronding.REKENKUNDIG, 0, F(8)),
        (None, F(2), Afronding.REKENKUNDIG, 0, None),
    ],
)
def test_macht(x: F | None, y: F, modus: Afronding, n: int, verwacht: F | None) -> None:
    assert fn.macht(x, y, modus, n) == verwacht


@pytest.mark.parametrize(("x", "y"), [(F(-4), F(1, 2)), (F(0), F(-1)), (F(2), F(10**6))])
def test_macht_fouten(x: F, y: F) -> None:
    with pytest.raises(Rekenfout):
        fn.macht(x, y, Afronding.REKENKUNDIG, 2)


@settings(max_examples=60, deadline=None)
@given(st.fractions(min_value=-100, max_value=100, max_denominator=20), st.integers(-4, 6),
       st.sampled_from(MODI), st.integers(0, 4))
def test_gehele_macht_is_exact_afgerond(x: F, p: int, modus: Afronding, n: int) -> None:
    if x == 0 and p < 0:
        return
    assert fn.macht(x, F(p), modus, n) == afronden(x**p, modus, n)


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [("111222333", True), ("123456782", True), ("123456789", False), ("12345678", False), ("1112223334", False),
     ("11122233a", False), (F(111222333), True), (F(12345678), False), (F("1.5"), False), (None, False),
     ("000000000", False)],
)
def test_elfproef(waarde: object, verwacht: bool) -> None:
    assert fn.elfproef(waarde) is verwacht


@pytest.mark.parametrize(
    ("waarde", "n", "verwacht"),
    [("1234", 4, True), ("0012", 4, True), ("123", 4, False), ("12 34", 4, False), ("١٢٣٤", 4, False),
     (F(1234), 4, True), (F(12), 4, False), (F(-1234), 4, False), (None, 4, False)],
)
def test_numeriek_exact(waarde: object, n: int, verwacht: bool) -> None:
    assert fn.numeriek_exact(waarde, n) is verwacht


def test_datum_met() -> None:
    assert fn.datum_met(F(2024), F(2), F(29)) == date(2024, 2, 29)
    assert fn.datum_met(None, F(2), F(29)) is None
    with pytest.raises(Rekenfout, match="bestaat niet"):
        fn.datum_met(F(2025), F(2), F(29))
    with pytest.raises(Rekenfout, match="geheel getal"):
        fn.datum_met(F("2024.5"), F(1), F(1))


@pytest.mark.parametrize(("jaar", "pasen"), [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)),
                                             (2019, date(2019, 4, 21)), (2038, date(2038, 4, 25)),
                                             (1818, date(1818, 3, 22))])
def test_eerste_paasdag(jaar: int, pasen: date) -> None:
    assert fn.paasdag(F(jaar)) == pasen


@settings(max_examples=60, deadline=None)
@given(st.integers(1583, 9999))
def test_paasdag_is_een_zondag_tussen_22_maart_en_25_april(jaar: int) -> None:
    d = fn.paasdag(F(jaar))
    assert d is not None and d.weekday() == 6 and date(jaar, 3, 22) <= d <= date(jaar, 4, 25)


def test_tekst_van() -> None:
    assert [fn.tekst_van(v) for v in (None, True, F("1234.5"), F(1, 3), date(2025, 1, 2), "x")] == \
        ["", "waar", "1234,5", "1/3", "02-01-2025", "x"]
