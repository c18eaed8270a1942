"""Operators, predicates and aggregations: the taal.md §6 leeg tables row by row."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from fractions import Fraction as F

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regelspraak.values import arithmetic as a
from regelspraak.values.arithmetic import Rekenfout

L, R = F(7), F(2)
FOUT = "fout"

# operator: (both filled, L leeg, R leeg, both leeg) — taal.md §6 first table
OPERATOREN: list[tuple[Callable[[F | None, F | None], F | None], tuple[object, ...]]] = [
    (a.plus, (F(9), R, L, F(0))),
    (a.min_, (F(5), -R, L, F(0))),
    (a.verminderd_met, (F(5), None, L, None)),
    (a.maal, (F(14), F(0), F(0), F(0))),
    (a.procent_van, (F(14, 100), F(0), F(0), F(0))),
    (a.gedeeld_door, (F(7, 2), F(0), FOUT, F(0))),
    (a.gedeeld_door_abs, (F(7, 2), F(0), FOUT, F(0))),
]


@pytest.mark.parametrize(("op", "verwacht"), OPERATOREN, ids=lambda x: getattr(x, "__name__", ""))
def test_leeg_tabel_operatoren(
    op: Callable[[F | None, F | None], F | None], verwacht: tuple[object, ...]
) -> None:
    for (links, rechts), uitkomst in zip([(L, R), (None, R), (L, None), (None, None)], verwacht, strict=True):
        if uitkomst == FOUT:
            with pytest.raises(Rekenfout, match="lege waarde"):
                op(links, rechts)
        else:
            assert op(links, rechts) == uitkomst, (links, rechts)


def test_absolute_waarde() -> None:
    assert a.absolute_waarde(F(-3)) == 3
    assert a.absolute_waarde(None) is None


def test_deling_door_nul() -> None:
    with pytest.raises(Rekenfout, match="Deling door nul"):
        a.gedeeld_door(F(1), F(0))
    with pytest.raises(Rekenfout, match="Deling door nul"):
        a.gedeeld_door(None, F(0))  # leeg numerator acts as 0: 0/0 is still undefined
    with pytest.raises(Rekenfout):
        a.gedeeld_door_abs(F(1), F(0))


def test_exact_en_abs() -> None:
    assert a.gedeeld_door(F(1000), F(3)) == F(1000, 3)  # stays 333 1/3 until a rule rounds
    assert a.gedeeld_door_abs(F(2), F(3)) == F("0.66666")  # errata 2: truncate, not 0,66667
    assert a.gedeeld_door_abs(F(-2), F(3)) == F("-0.66666")
    assert a.procent_van(F("13.5"), F("6234.56")) == F("841.6656")  # taal.md §8 case 1
    assert a.procent_van(F(2), F(25000)) == 500


# predicate: (both filled equal-ish verdict, one side leeg, both leeg) per soort
def test_gelijk() -> None:
    assert a.gelijk(F(1), F(1)) and not a.gelijk(F(1), F(2))
    assert not a.gelijk(None, F(1)) and not a.gelijk(F(1), None)
    assert not a.gelijk(None, None)  # errata 1: onwaar
    assert not a.gelijk(None, None, "numeriek")
    assert a.gelijk("alleenstaande", "alleenstaande", "anders")
    assert not a.gelijk(None, "x", "anders")
    soorten: tuple[a.Soort, ...] = ("datum", "anders")
    for soort in soorten:
        with pytest.raises(Rekenfout, match="lege waarden"):
            a.gelijk(None, None, soort)


def test_ongelijk() -> None:
    assert a.ongelijk(F(1), F(2)) and not a.ongelijk(F(1), F(1))
    soorten: tuple[a.Soort, ...] = ("numeriek", "datum", "anders")
    for soort in soorten:
        assert a.ongelijk(None, F(1), soort)
        assert a.ongelijk("x", None, soort)
        assert not a.ongelijk(None, None, soort)


ORDE = [
    (a.groter, (False, True, False)),
    (a.groter_gelijk, (True, True, False)),
    (a.kleiner, (False, False, True)),
    (a.kleiner_gelijk, (True, False, True)),
]


@pytest.mark.parametrize(("pred", "verwacht"), ORDE, ids=lambda x: getattr(x, "__name__", ""))
def test_ordening(pred: Callable[..., bool], verwacht: tuple[bool, bool, bool]) -> None:
    # verwacht = (1 vs 1, 2 vs 1, 1 vs 2)
    assert (pred(F(1), F(1)), pred(F(2), F(1)), pred(F(1), F(2))) == verwacht
    d1, d2 = date(2025, 1, 1), date(2025, 1, 2)
    assert (pred(d1, d1, "datum"), pred(d2, d1, "datum"), pred(d1, d2, "datum")) == verwacht
    assert not pred(None, F(1)) and not pred(F(1), None) and not pred(None, None)
    assert not pred(None, d1, "datum") and not pred(d1, None, "datum")
    with pytest.raises(Rekenfout):
        pred(None, None, "datum")


def test_datum_aliassen() -> None:
    d1, d2 = date(2024, 1, 1), date(2025, 1, 1)
    assert a.eerder(d1, d2) and a.eerder_gelijk(d1, d1) and a.later(d2, d1) and a.later_gelijk(d2, d2)
    assert not a.eerder(None, d2)
    for pred in (a.eerder, a.eerder_gelijk, a.later, a.later_gelijk):
        with pytest.raises(Rekenfout):
            pred(None, None)


def test_som() -> None:
    assert a.som([F(1), None, F(2)]) == 3
    assert a.som([None, None]) is None
    assert a.som([None, None], of_nul=True) == 0
    assert a.som([]) is None
    assert a.som([], of_nul=True) == 0
    # taal.md §8 case 2: Carla's vermogen leeg is skipped
    assert a.som([None, F("150000.00")]) == 150000
    # list form: literals/parameters do not make an all-leeg sum non-empty
    assert a.som([None], vaste_termen=[F(100)]) is None
    assert a.som([None], of_nul=True, vaste_termen=[F(100)]) == 0
    assert a.som([F(1)], vaste_termen=[F(100), None]) == 101


def test_maximum_minimum_eerste_laatste_aantal() -> None:
    assert a.maximum([F(1), None, F(3)]) == 3
    assert a.minimum([F(1), None, F(3)]) == 1
    assert a.maximum([None]) is None and a.minimum([]) is None
    d1, d2 = date(1960, 10, 10), date(1958, 5, 5)
    assert a.eerste([d1, None, d2]) == d2 and a.laatste([d1, None, d2]) == d1
    assert a.eerste([None]) is None
    assert a.aantal(["Anna", "Daan"]) == 2 and a.aantal([]) == 0 and a.aantal([None, 1]) == 1


opt = st.none() | st.fractions(max_denominator=1000)


@given(opt, opt)
def test_plus_min_als_leeg_nul_is(x: F | None, y: F | None) -> None:
    def nul(v: F | None) -> F:
        return F(0) if v is None else v

    assert a.plus(x, y) == nul(x) + nul(y) == a.plus(y, x)
    assert a.min_(x, y) == -a.min_(y, x)
    assert a.maal(x, y) == a.maal(y, x)


@given(opt, opt)
def test_ongelijk_is_niet_gelijk_behalve_beide_leeg(x: F | None, y: F | None) -> None:
    if x is None and y is None:
        assert not a.gelijk(x, y) and not a.ongelijk(x, y)
    else:
        assert a.gelijk(x, y) != a.ongelijk(x, y)


@given(st.lists(opt, max_size=8))
def test_som_max_min(waarden: list[F | None]) -> None:
    gevuld = [w for w in waarden if w is not None]
    s, hi, lo = a.som(waarden), a.maximum(waarden), a.minimum(waarden)
    if not gevuld:
        assert s is None and hi is None and lo is None
    else:
        assert s == sum(gevuld) and hi == max(gevuld) and lo == min(gevuld)
        assert lo is not None and hi is not None and lo <= hi
