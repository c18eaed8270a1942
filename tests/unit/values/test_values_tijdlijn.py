"""Timelines (values/tijdlijn.py): canonical form, knip, totaal and the month functions of taal.md §11."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regelspraak.values.fouten import Rekenfout
from regelspraak.values.tijdlijn import (
    Tijdlijn,
    aantal_perioden,
    dagen_per_maand,
    knip,
    per_stuk,
    tijdsevenredig_per_maand,
    totaal,
)

d = date


def test_spec_totaal_186_and_71() -> None:
    lijn = Tijdlijn.maak("maand", [(d(2023, 1, 1), d(2024, 1, 1), F(10)), (d(2024, 1, 1), d(2024, 7, 1), F(11))])
    assert totaal(lijn) == 186
    assert totaal(lijn, d(2023, 7, 1), d(2024, 2, 1)) == 71


def test_spec_dagen_in_de_maand_23_and_13() -> None:
    recht = Tijdlijn.maak("dag", [(d(2024, 1, 1), d(2024, 1, 2), True), (d(2024, 1, 10), d(2024, 2, 14), True)])
    assert [(s.vanaf, s.tot, s.waarde) for s in dagen_per_maand(recht).stukken] == [
        (d(2024, 1, 1), d(2024, 2, 1), 23), (d(2024, 2, 1), d(2024, 3, 1), 13)]


def test_spec_tijdsevenredig_12_18_en_4_5() -> None:
    x = Tijdlijn.maak("maand", [(d(2024, 1, 1), d(2025, 1, 1), F(12)), (d(2025, 1, 1), d(2026, 1, 1), F(18))])
    recht = Tijdlijn.constant("dag", d(2024, 1, 1), d(2025, 2, 8), True)
    uit = tijdsevenredig_per_maand(x, recht)
    assert uit.op(d(2024, 6, 15)) == 12 and uit.op(d(2025, 1, 31)) == 18 and uit.op(d(2025, 2, 1)) == F(9, 2)
    assert uit.op(d(2025, 3, 1)) is None


def test_canonical_merges_and_drops_leeg() -> None:
    a = Tijdlijn.maak("dag", [(d(2024, 1, 1), d(2024, 2, 1), F(1)), (d(2024, 2, 1), d(2024, 3, 1), F(1)),
                              (d(2024, 3, 1), d(2024, 4, 1), None)])
    assert a == Tijdlijn.constant("dag", d(2024, 1, 1), d(2024, 3, 1), F(1))
    assert a.op(d(2024, 3, 5)) is None and a.op(d(2023, 12, 31)) is None


def test_waar_does_not_merge_with_one() -> None:
    a = Tijdlijn.maak("dag", [(d(2024, 1, 1), d(2024, 2, 1), True), (d(2024, 2, 1), d(2024, 3, 1), F(1))])
    assert len(a.stukken) == 2


@pytest.mark.parametrize("stukken, woord", [
    ([(d(2024, 2, 1), d(2024, 1, 1), 1)], "niet vóór"),
    ([(d(2024, 1, 1), d(2024, 3, 1), 1), (d(2024, 2, 1), d(2024, 4, 1), 2)], "overlappen"),
    ([(d(2024, 3, 1), d(2024, 4, 1), 1), (d(2024, 1, 1), d(2024, 2, 1), 2)], "volgorde"),
])
def test_invalid_stretches_refused(stukken: list[tuple[date, date, int]], woord: str) -> None:
    with pytest.raises(Rekenfout, match=woord):
        Tijdlijn.maak("maand", stukken)


def test_aantal_perioden_part_month_and_year() -> None:
    assert aantal_perioden("maand", d(2024, 2, 1), d(2024, 2, 15)) == F(14, 29)  # leap February
    assert aantal_perioden("jaar", d(2024, 7, 1), d(2025, 7, 1)) == F(184, 366) + F(181, 365)
    assert aantal_perioden("dag", d(2024, 2, 28), d(2024, 3, 1)) == 2


def test_totaal_of_text_is_an_error() -> None:
    with pytest.raises(Rekenfout, match="getallen"):
        totaal(Tijdlijn.constant("maand", d(2024, 1, 1), d(2024, 2, 1), "x"))


# ---------------------------------------------------------------- properties

_dagen = st.integers(min_value=0, max_value=800)
_begin = d(2023, 12, 1)


@st.composite
def tijdlijnen(draw: st.DrawFn, periode: str = "maand") -> Tijdlijn:
    punten = sorted(set(draw(st.lists(_dagen, min_size=2, max_size=7))))
    if len(punten) < 2:
        punten = [0, 31]
    waarden = draw(st.lists(st.one_of(st.none(), st.integers(-5, 5).map(F)), min_size=len(punten) - 1,
                            max_size=len(punten) - 1))
    return Tijdlijn.maak(periode, [(_begin + timedelta(a), _begin + timedelta(b), w)
                                   for (a, b), w in zip(itertools.pairwise(punten), waarden, strict=True)])


@settings(max_examples=60, deadline=None)
@given(st.integers(-1000, 1000).map(F), st.integers(0, 400), st.integers(1, 400))
def test_constant_timeline_behaves_as_plain_value(w: F, a: int, lengte: int) -> None:
    lijn = Tijdlijn.constant("maand", _begin + timedelta(a), _begin + timedelta(a + lengte), w)
    uit = per_stuk([lijn], lambda x: x * 3 + 1)
    assert [s.waarde for s in uit.stukken] == [w * 3 + 1]
    assert totaal(lijn) == w * aantal_perioden("maand", lijn.stukken[0].vanaf, lijn.stukken[0].tot)


@settings(max_examples=60, deadline=None)
@given(tijdlijnen(), st.data())
def test_splitting_a_stretch_changes_nothing(lijn: Tijdlijn, data: st.DataObject) -> None:
    if not lijn.stukken:
        return
    i = data.draw(st.integers(0, len(lijn.stukken) - 1))
    s = lijn.stukken[i]
    if (s.tot - s.vanaf).days < 2:
        return
    midden = s.vanaf + (s.tot - s.vanaf) // 2
    delen = [(x.vanaf, x.tot, x.waarde) for x in lijn.stukken]
    delen[i:i + 1] = [(s.vanaf, midden, s.waarde), (midden, s.tot, s.waarde)]
    gesplitst = Tijdlijn.maak(lijn.periode, delen)
    assert gesplitst == lijn
    assert totaal(gesplitst) == totaal(lijn)


@settings(max_examples=60, deadline=None)
@given(tijdlijnen(), tijdlijnen(), tijdlijnen())
def test_knip_commutative_and_associative(a: Tijdlijn, b: Tijdlijn, c: Tijdlijn) -> None:
    assert knip([a, b]) == knip([b, a])
    def grenzen(stukken: list[tuple[date, date]]) -> set[date]:
        return {g for paar in stukken for g in paar}

    # (a knip b) knip c == a knip (b knip c) on boundaries
    assert grenzen(knip([a, b])) | c.grenzen == a.grenzen | grenzen(knip([b, c])) == grenzen(knip([a, b, c]))
    assert knip([a, b, c]) == knip([c, a, b])


@settings(max_examples=60, deadline=None)
@given(tijdlijnen(), tijdlijnen())
def test_per_stuk_agrees_pointwise(a: Tijdlijn, b: Tijdlijn) -> None:
    som = per_stuk([a, b], lambda x, y: None if x is None and y is None else (x or 0) + (y or 0))
    for dag in range(0, 801, 13):
        t = _begin + timedelta(dag)
        x, y = a.op(t), b.op(t)
        assert som.op(t) == (None if x is None and y is None else (x or 0) + (y or 0))


@settings(max_examples=40, deadline=None)
@given(tijdlijnen())
def test_totaal_is_additive_over_a_cut(lijn: Tijdlijn) -> None:
    snede = _begin + timedelta(400)
    links, rechts = totaal(lijn, None, snede), totaal(lijn, snede, None)
    heel = totaal(lijn)
    assert heel == (None if links is None and rechts is None else (links or 0) + (rechts or 0))
