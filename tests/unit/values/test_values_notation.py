"""Input notation: numbers and dates as written in case, parameter and scenario files."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction as F

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regelspraak.values.notation import format_datum, format_getal, parse_datum, parse_getal

GOED: list[tuple[object, F, str | None]] = [
    (658, F(658), None),
    (-3, F(-3), None),
    ("1573.42", F("1573.42"), None),
    ("1573,42", F("1573.42"), None),
    ("1.573,42", F("1573.42"), None),
    ("1.573", F("1.573"), None),  # a lone separator is always decimal
    ("1,573", F("1.573"), None),
    ("1.573.420", F(1573420), None),  # repeated: can only be grouping
    ("1,573,420", F(1573420), None),
    ("1.573.420,5", F("1573420.5"), None),
    ("-12,65", F("-12.65"), None),
    ("+12,65", F("12.65"), None),
    ("−12,65", F("-12.65"), None),  # typographic minus
    ("24 €", F(24), "€"),
    ("24€", F(24), "€"),
    ("€ 24", F(24), "€"),
    ("€ -24,50", F("-24.5"), "€"),
    ("67 jr", F(67), "jr"),
    ("2100,00 €/mnd", F(2100), "€/mnd"),
    ("9,81 m/s^2", F("9.81"), "m/s^2"),
    ("13,5%", F("13.5"), "%"),
    ("2_1/3", F(7, 3), None),
    ("1/3", F(1, 3), None),
    ("-2_1/3 jr", F(-7, 3), "jr"),
    ("  0  ", F(0), None),
    (1573.42, F("1573.42"), None),  # YAML float: exact as written, not the binary value
    (0.1, F(1, 10), None),
    (1e20, F(10**20), None),
    (Decimal("1573.42"), F("1573.42"), None),
    (F(1, 3), F(1, 3), None),
]


@pytest.mark.parametrize(("invoer", "waarde", "eenheid"), GOED)
def test_parse_getal(invoer: object, waarde: F, eenheid: str | None) -> None:
    assert parse_getal(invoer) == (waarde, eenheid)  # type: ignore[arg-type]


FOUT: list[object] = [
    "1,573.42",  # with both, ',' must be the decimal sign
    "1.57,42", "1.5734.420", "12,5,3", "5.", ",5", ".5", "", "   ", "abc", "€", "1 573,42",
    "1e5", "1E-3", "2.5e3 €", "24 € 5", "€ 5 24", "€ 24 €", "1/0", "1_1", "1_/3", "1/3/4", "٣",
    "9" * 101, True, None, [1], float("nan"), float("inf"), Decimal("NaN"), Decimal("1E+999"),
    10**101, F(1, 10**101),
]


@pytest.mark.parametrize("invoer", FOUT, ids=repr)
def test_parse_getal_fout(invoer: object) -> None:
    with pytest.raises(ValueError, match="Ongeldig getal"):
        parse_getal(invoer)  # type: ignore[arg-type]


def test_foutmelding_noemt_de_waarde() -> None:
    with pytest.raises(ValueError, match=r"'1,573\.42'"):
        parse_getal("1,573.42")


@pytest.mark.parametrize(
    ("x", "tekst"),
    [
        (F(157342, 100), "1573.42"), (F(658), "658"), (F("-12.65"), "-12.65"), (F(0), "0"),
        (F(1, 8), "0.125"), (F(-1, 20), "-0.05"), (F(1000, 3), "1000/3"), (F(-1, 3), "-1/3"),
        (F("1341.66"), "1341.66"),
    ],
)
def test_format_getal(x: F, tekst: str) -> None:
    assert format_getal(x) == tekst


def test_format_getal_minimaal_decimalen() -> None:
    assert format_getal(F(658), 2) == "658.00"
    assert format_getal(F("0.5"), 2) == "0.50"
    assert format_getal(F("0.125"), 2) == "0.125"  # pads, never rounds
    assert format_getal(F(1, 3), 2) == "1/3"


@pytest.mark.parametrize(
    ("tekst", "datum"),
    [
        ("2025-01-01", date(2025, 1, 1)), ("01-01-2025", date(2025, 1, 1)), ("1-1-2025", date(2025, 1, 1)),
        ("dd. 1-1-2025", date(2025, 1, 1)), ("dd.01-07-2024", date(2024, 7, 1)),
        (" 2024-02-29 ", date(2024, 2, 29)),
        (date(1960, 10, 10), date(1960, 10, 10)),
    ],
)
def test_parse_datum(tekst: str | date, datum: date) -> None:
    assert parse_datum(tekst) == datum


@pytest.mark.parametrize(
    "invoer", ["31-02-2025", "2025-13-01", "2025/01/01", "01-01-25", "", "morgen", "2025-1-1x", 20250101,
               datetime(2025, 1, 1, 12, 0), "0000-01-01"],
)
def test_parse_datum_fout(invoer: object) -> None:
    with pytest.raises(ValueError, match="Ongeldige datum"):
        parse_datum(invoer)  # type: ignore[arg-type]


def test_format_datum() -> None:
    assert format_datum(date(2025, 1, 1)) == "2025-01-01"
    assert format_datum(date(5, 3, 9)) == "0005-03-09"


@given(st.fractions(max_denominator=10**8).filter(lambda x: abs(x) < 10**30))
def test_getal_rondreis(x: F) -> None:
    assert parse_getal(format_getal(x)) == (x, None)


@given(st.integers(-(10**15), 10**15), st.integers(0, 6), st.sampled_from(["", " €", " jr"]))
def test_nederlandse_notatie_rondreis(centen: int, decimalen: int, eenheid: str) -> None:
    x = F(centen, 10**decimalen)
    tekst = format_getal(x).replace(".", ",") + eenheid
    assert parse_getal(tekst) == (x, eenheid.strip() or None)


@given(st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-(10**9), max_value=10**9))
def test_floats_exact_zoals_geschreven(d: Decimal) -> None:
    f = float(d)
    assert parse_getal(f)[0] == F(Decimal(repr(f)))
    assert parse_getal(str(d))[0] == F(d) or "E" in str(d)


@given(st.dates(min_value=date(1, 1, 1)))
def test_datum_rondreis(d: date) -> None:
    assert parse_datum(format_datum(d)) == d
    assert parse_datum(f"{d.day}-{d.month}-{d.year:04d}") == d
