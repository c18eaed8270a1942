"""Rounding and begrenzing: the taal.md §5 table plus properties."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regelspraak.values.fouten import Rekenfout
from regelspraak.values.rounding import (
    Afronding,
    afronden,
    begrens,
    decimalen_van,
    past_in_decimalen,
)

B, BO, R, N, W = (
    Afronding.NAAR_BENEDEN,
    Afronding.NAAR_BOVEN,
    Afronding.REKENKUNDIG,
    Afronding.RICHTING_NUL,
    Afronding.WEG_VAN_NUL,
)

# value ; N ; naar beneden, naar boven, rekenkundig, richting nul, weg van nul
TABEL = [
    ("12.3360", 2, ("12.33", "12.34", "12.34", "12.33", "12.34")),
    ("-12.65", 0, ("-13", "-12", "-13", "-12", "-13")),
    ("7.245", 2, ("7.24", "7.25", "7.25", "7.24", "7.25")),
    ("7.2449", 2, ("7.24", "7.25", "7.24", "7.24", "7.25")),
    ("-7.245", 2, ("-7.25", "-7.24", "-7.25", "-7.24", "-7.25")),
    ("-3.5", 0, ("-4", "-3", "-4", "-3", "-4")),
    ("2/3", 2, ("0.66", "0.67", "0.67", "0.66", "0.67")),
    # taal.md §8 case 1: normpremie and zorgtoeslag
    ("1341.6656", 2, ("1341.66", "1341.67", "1341.67", "1341.66", "1341.67")),
    ("658.34", 0, ("658", "659", "658", "658", "659")),
]


@pytest.mark.parametrize(("waarde", "n", "verwacht"), TABEL)
def test_spec_tabel(waarde: str, n: int, verwacht: tuple[str, ...]) -> None:
    for modus, uitkomst in zip((B, BO, R, N, W), verwacht, strict=True):
        assert afronden(F(waarde), modus, n) == F(uitkomst), (waarde, modus)


def test_enum_waarden_zijn_nederlands() -> None:
    assert [m.value for m in Afronding] == [
        "naar beneden", "naar boven", "rekenkundig", "richting nul", "weg van nul",
    ]
    assert Afronding.uit_tekst("Naar  Beneden") is B
    with pytest.raises(ValueError, match="afrondingswijze"):
        Afronding.uit_tekst("bankiers")


def test_leeg_blijft_leeg_en_negatieve_decimalen() -> None:
    assert afronden(None, R, 2) is None
    with pytest.raises(ValueError, match="decimalen"):
        afronden(F(1), R, -1)
    with pytest.raises(ValueError, match="maximum"):
        afronden(F(1), R, 10_000)


def test_begrens() -> None:
    assert begrens(F(-1678), minimum=F(0)) == 0
    assert begrens(F(5), F(0), F(3)) == 3
    assert begrens(F(2), F(0), F(3)) == 2
    assert begrens(F(2)) == 2
    assert begrens(None, F(0), F(3)) is None
    assert begrens(F(-5), None, F(3)) == -5
    with pytest.raises(Rekenfout, match="minimum"):
        begrens(F(1), F(4), F(3))


def test_decimalen() -> None:
    assert decimalen_van(F("1341.66")) == 2
    assert decimalen_van(F(1, 8)) == 3
    assert decimalen_van(F(7)) == 0
    assert decimalen_van(F(1000, 3)) is None
    assert past_in_decimalen(F("1.25"), 2) and not past_in_decimalen(F("1.255"), 2)


getallen = st.fractions(max_denominator=10**6).filter(lambda x: abs(x) < 10**12)
decimalen = st.integers(min_value=0, max_value=6)


@given(getallen, decimalen, st.sampled_from(list(Afronding)))
def test_resultaat_past_en_ligt_dichtbij(x: F, n: int, modus: Afronding) -> None:
    r = afronden(x, modus, n)
    assert past_in_decimalen(r, n)
    assert abs(x - r) < F(1, 10**n)
    if modus is R:
        assert abs(x - r) <= F(1, 2 * 10**n)


@given(getallen, decimalen)
def test_ordening_en_symmetrie(x: F, n: int) -> None:
    beneden, boven = afronden(x, B, n), afronden(x, BO, n)
    assert beneden <= x <= boven
    assert afronden(-x, R, n) == -afronden(x, R, n)
    assert afronden(-x, W, n) == -afronden(x, W, n)
    assert afronden(-x, N, n) == -afronden(x, N, n)
    assert afronden(-x, B, n) == -boven
    assert abs(afronden(x, N, n)) <= abs(x) <= abs(afronden(x, W, n))


@given(getallen, decimalen, st.sampled_from(list(Afronding)))
def test_idempotent(x: F, n: int, modus: Afronding) -> None:
    r = afronden(x, modus, n)
    assert afronden(r, modus, n) == r
    for ander in Afronding:
        assert afronden(r, ander, n) == r


@given(getallen, getallen, getallen)
def test_begrens_ligt_binnen_grenzen(x: F, a: F, b: F) -> None:
    laag, hoog = min(a, b), max(a, b)
    r = begrens(x, laag, hoog)
    assert laag <= r <= hoog
    assert r == x or r in (laag, hoog)
