"""Verdeling (regelspraak/values/verdeling.py): the spec's oracles and the invariants."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regelspraak.values.fouten import Rekenfout
from regelspraak.values.verdeling import verdeel


def test_orakels_van_de_specificatie() -> None:
    # taal.md §11: 1000 over factors 3 and 2.
    assert verdeel(F(1000), 2) == ([F(500), F(500)], F(0))
    assert verdeel(F(1000), 2, gewichten=[F(3), F(2)]) == ([F(600), F(400)], F(0))
    assert verdeel(F(1001), 2, gewichten=[F(3), F(2)], decimalen=0) == ([F(600), F(400)], F(1))


def test_maximum_gaat_naar_de_rest_niet_opnieuw_verdeeld() -> None:
    assert verdeel(F(1000), 2, maxima=[F(450), None]) == ([F(450), F(500)], F(50))


def test_volgorde_met_gelijkspel_en_maximum() -> None:
    delen, rest = verdeel(F(1000), 3, volgorde=[F(70), F(40), F(40)], afnemend=True,
                          maxima=[F(300), F(500), F(100)])
    assert (delen, rest) == ([F(300), F(350), F(100)], F(250))
    # Toenemend: the two of 40 first (500 each, capped at 500 and 100), then 70 gets what is left, capped.
    delen, rest = verdeel(F(1000), 3, volgorde=[F(70), F(40), F(40)], maxima=[F(300), F(500), F(100)])
    assert (delen, rest) == ([F(300), F(500), F(100)], F(100))
    # Tie broken naar rato.
    delen, _ = verdeel(F(900), 2, volgorde=[F(1), F(1)], gewichten=[F(1), F(2)])
    assert delen == [F(300), F(600)]


@pytest.mark.parametrize(
    ("kwargs", "tekst"),
    [
        ({"bedrag": F(-1), "n": 1}, "negatief bedrag"),
        ({"bedrag": F(10), "n": 2, "gewichten": [F(0), F(0)]}, "samen 0"),
        ({"bedrag": F(10), "n": 2, "gewichten": [F(1), None]}, "lege waarde"),
        ({"bedrag": F(10), "n": 2, "gewichten": [F(1), F(-1)]}, "negatieve waarde"),
        ({"bedrag": F(10), "n": 1, "maxima": [F(-1)]}, "maximum"),
        ({"bedrag": F(10), "n": 2, "volgorde": [F(1), None]}, "volgorde is leeg"),
    ],
)
def test_foutgevallen(kwargs: dict[str, object], tekst: str) -> None:
    with pytest.raises(Rekenfout, match=tekst):
        verdeel(**kwargs)  # type: ignore[arg-type]


def test_niemand_alles_is_rest() -> None:
    assert verdeel(F(500), 0) == ([], F(500))


bedragen = st.fractions(min_value=0, max_value=10**6, max_denominator=100)
optioneel = st.one_of(st.none(), st.fractions(min_value=0, max_value=1000, max_denominator=10))


@settings(max_examples=80, deadline=None)
@given(bedragen, st.integers(1, 6).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.fractions(min_value=1, max_value=10, max_denominator=4), min_size=n, max_size=n),
    st.lists(optioneel, min_size=n, max_size=n),
    st.one_of(st.none(), st.lists(st.integers(0, 3).map(F), min_size=n, max_size=n)))),
    st.one_of(st.none(), st.integers(0, 2)), st.booleans())
def test_niets_verdwijnt_en_niemand_boven_zijn_maximum(bedrag: F, opzet: tuple[int, list[F], list[F | None],
                                                                            list[F] | None],
                                                       decimalen: int | None, rato: bool) -> None:
    n, gewichten, maxima, volgorde = opzet
    delen, rest = verdeel(bedrag, n, gewichten=gewichten if rato else None, maxima=maxima, volgorde=volgorde,
                          decimalen=decimalen)
    assert sum(delen, F(0)) + rest == bedrag
    assert rest >= 0 and all(d >= 0 for d in delen)
    assert all(m is None or d <= m for d, m in zip(delen, maxima, strict=True))
    if decimalen is not None:
        assert all((d * 10**decimalen).denominator == 1 for d in delen)
    if volgorde is None and decimalen is None and all(m is None for m in maxima):
        assert rest == 0  # without caps or rounding everything is shared out
