"""Date arithmetic on whole columns (the vectorised engine) gives the interpreter's days.

`de eerste dag van de maand|het jaar van|na D` and `D plus|min N mnd|jr` with a fixed N are computed once per
day of the column's range and looked up when the dates span a short range (a population's birth dates), and
directly otherwise; an optional date nobody has costs nothing. Each path must give what `values/functies` and
the interpreter's date arithmetic give row by row, also around month ends, 29 February and 31 December."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from regelspraak.evaluate import vector_functies as vf
from regelspraak.evaluate import vector_values as vv
from regelspraak.evaluate.vector_values import V
from regelspraak.model import ir
from regelspraak.values import functies
from regelspraak.values.dates import plus_duur

DATUM = ir.Type("datum")
NAMEN = ("eerste_dag_maand", "eerste_dag_maand_na", "eerste_dag_jaar", "eerste_dag_jaar_na")
# days near the edges the calendar cares about (month ends, leap days, the turn of a year)
RAND = st.sampled_from([date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1), date(2023, 2, 28),
                        date(2024, 12, 31), date(2025, 1, 1), date(2007, 1, 1), date(2006, 12, 31),
                        date(2000, 2, 29), date(1900, 2, 28), date(2025, 1, 31)])
DAG = st.one_of(RAND, st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))


def _kolom(dagen: list[date | None]) -> V:
    ok = np.array([d is not None for d in dagen], dtype=bool)
    return V("datum", np.array([d.toordinal() if d else 0 for d in dagen], dtype=np.int64), ok)


def _dagen(v: V) -> list[date | None]:
    return [date.fromordinal(int(w)) if ok else None for w, ok in zip(v.w, v.ok, strict=True)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), DAG), min_size=1, max_size=150), st.sampled_from(NAMEN))
def test_eerste_dag_per_kolom_is_per_rij(dagen: list[date | None], naam: str) -> None:
    # more than 64 rows within a short range take the lookup path, fewer or a wide range the direct one
    uit = vf.functie(naam, [_kolom(dagen)], [DATUM], DATUM, None, None, len(dagen))
    assert _dagen(uit) == [functies.eerste_dag(naam, d) for d in dagen]


def test_eerste_dag_van_een_kolom_zonder_waarden_is_leeg() -> None:
    uit = vf.functie("eerste_dag_maand_na", [_kolom([None] * 100)], [DATUM], DATUM, None, None, 100)
    assert not uit.ok.any()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), DAG), min_size=1, max_size=150), st.integers(-30, 30),
       st.sampled_from(["mnd", "kw", "jr"]), st.booleans())
def test_vaste_duur_per_kolom_is_per_rij(dagen: list[date | None], n: int, eenheid: str, plus: bool) -> None:
    a = _kolom(dagen)
    duur = V("getal", np.broadcast_to(np.int64(n), (len(dagen),)), np.ones(len(dagen), dtype=bool), 1,
             constante=Fraction(n), vol=True)
    uit = vv.plus_duur(a, duur, eenheid, 1 if plus else -1)
    verwacht = [plus_duur(d, Fraction(n), eenheid, 1 if plus else -1) for d in dagen]
    assert _dagen(uit) == verwacht


def test_geboortedata_van_een_populatie_plus_18_jaar() -> None:
    # the speed harness's shape: many rows, few distinct birth dates (lookup path), 29 February included
    dagen = [date(2007, 1, 1), date(2008, 2, 29), date(2007, 3, 15), date(1980, 1, 1)] * 50
    duur = V("getal", np.broadcast_to(np.int64(18), (len(dagen),)), np.ones(len(dagen), dtype=bool), 1,
             constante=Fraction(18), vol=True)
    uit = _dagen(vv.plus_duur(_kolom(dagen), duur, "jr", 1))
    assert uit[:4] == [date(2025, 1, 1), date(2026, 2, 28), date(2025, 3, 15), date(1998, 1, 1)]
    eerste = vf.functie("eerste_dag_maand_na", [_kolom([d - timedelta(days=1) for d in uit])], [DATUM], DATUM,
                        None, None, len(uit))
    # Awir art. 5: 18 on 1 January -> from January; on 15 March -> from April
    assert _dagen(eerste)[:3] == [date(2025, 1, 1), date(2026, 3, 1), date(2025, 4, 1)]
