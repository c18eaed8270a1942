"""Input notation: numbers and dates as written in case, parameter and scenario files."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction as F

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regelspraak.values.notation import (
    Dubbelzinnig,
    format_datum,
    format_getal,
    lees_yaml_getal,
    parse_datum,
    parse_getal,
)

GOED: list[tuple[object, F, str | None]] = [
    (658, F(658), None),
    (-3, F(-3), None),
    ("1573.42", F("1573.42"), None),
    ("1573,42", F("1573.42"), None),
    ("1.573,42", F("1573.42"), None),
    ("1,573", F("1.573"), None),  # with a ',' the notation is Dutch
    ("1.573.420", F(1573420), None),  # several '.': can only be grouping
    ("1.000.000", F(1000000), None),
    ("12.3360", F("12.336"), None),  # one '.' and other than three digits: a decimal point
    ("1573.4", F("1573.4"), None),
    ("1234.567", F("1234.567"), None),  # "1234" is no first group of thousands: one reading
    ("0.285", F("0.285"), None),  # nor is "0"
    ("40.000,00", F(40000), None),
    ("€ 40.000,00", F(40000), "€"),
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
    "1.57,42", "1.5734.420", "12,5,3", "1,573,420", "1.000.00", "5.", ",5", ".5", "", "   ", "abc", "€", "1 573,42",
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
        (F("1341.66"), "1341.66"), (F("12.336"), "12.3360"), (F("-4.273"), "-4.2730"),
        (F("1234.567"), "1234.567"), (F("0.125"), "0.125"),
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
    try:
        assert parse_getal(str(d))[0] == F(d) or "E" in str(d)
    except Dubbelzinnig:  # "12.336": twelve, or twelve thousand?
        geheel, _, deel = str(d).lstrip("-").partition(".")
        assert len(deel) == 3 and 1 <= int(geheel) <= 999 and not geheel.startswith("0")


@given(st.dates(min_value=date(1, 1, 1)))
def test_datum_rondreis(d: date) -> None:
    assert parse_datum(format_datum(d)) == d
    assert parse_datum(f"{d.day}-{d.month}-{d.year:04d}") == d


# DESIGN.md "Input conventions": one '.' followed by exactly three digits, no ',', after a possible first
# group of thousands, has two readings and is refused, naming both and how to write each.
@pytest.mark.parametrize(("tekst", "punt", "duizend"), [
    ("40.000", "40", "40000"), ("€ 40.000", "40", "40000"), ("40.000 €", "40", "40000"),
    ("1.573", "1.5730", "1573"), ("-40.000", "-40", "-40000"), ("999.999", "999.9990", "999999"),
    ("4.273%", "4.2730", "4273"),
])
def test_dubbelzinnig_getal_geweigerd_met_beide_lezingen(tekst: str, punt: str, duizend: str) -> None:
    with pytest.raises(Dubbelzinnig) as e:
        parse_getal(tekst.removesuffix("%"))
    bericht = str(e.value)
    assert f"{punt} als de punt een decimaalteken is" in bericht
    assert f"{duizend} als de punt duizendtallen scheidt" in bericht
    assert "Schrijf" in bericht and ",00" in bericht


@given(st.integers(1, 999), st.integers(0, 999))
def test_elk_dubbelzinnig_getal_wordt_geweigerd(geheel: int, deel: int) -> None:
    with pytest.raises(Dubbelzinnig):
        parse_getal(f"{geheel}.{deel:03d}")
    with pytest.raises(Dubbelzinnig):
        lees_yaml_getal(f"{geheel}.{deel:03d}")
    # ... and each way the message suggests reads as meant.
    assert parse_getal(f"{geheel}.{deel:03d},00")[0] == geheel * 1000 + deel
    assert parse_getal(f"{geheel},{deel:03d}")[0] == F(geheel * 1000 + deel, 1000)


@pytest.mark.parametrize(("tekst", "waarde"), [
    ("1573.42", Decimal("1573.42")), ("12.3360", Decimal("12.3360")), ("0.285", Decimal("0.285")),
    ("-1.5", Decimal("-1.5")), (".5", Decimal("0.5")), ("2.5e+3", Decimal("2500")),
    ("1000000", 1000000), ("1_000_000", 1000000), ("+7", 7), ("-3", -3),
    ("017", 17),  # YAML 1.1 reads octal 15: a silent misread
    ("0x1F", 31), ("0b101", 5),
    ("1:30", "1:30"),  # YAML 1.1 reads 90 (base 60): kept as the text, refused where a number is needed
])
def test_yaml_getal_exact_uit_de_tekst(tekst: str, waarde: object) -> None:
    gelezen = lees_yaml_getal(tekst)
    assert gelezen == waarde and type(gelezen) is type(waarde)


@pytest.mark.parametrize("tekst", ["5.", "40.000", "1.2.3", "._", "1e+999"])
def test_yaml_getal_fout(tekst: str) -> None:
    with pytest.raises(ValueError):
        lees_yaml_getal(tekst)
