"""Household sums over a feittype through the whole engine, against a plain-Python reference.

The persons are in any order (contiguous per household, shuffled, households without members),
some incomes are leeg, and one sum is over a selection (`die rijk zijn`): the masked sums fold
their mask into the running sum (`segments.som(…, keep)`), so a wrong mask, a wrong segment or a
leeg counted as a value shows up here as a wrong total.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regelspraak.evaluate import vectorize
from regelspraak.evaluate.columns import Kolom, Populatie, Relatie, Tabel
from regelspraak.model.from_syntax import load_model

MODEL = """Objecttype de Persoon (bezield)
\thet inkomen\tNumeriek (geheel getal) met eenheid €;
\tis rijk\tkenmerk (bijvoeglijk);
Objecttype het Huishouden
\thet totaal\tNumeriek (geheel getal) met eenheid €;
\thet rijke totaal\tNumeriek (geheel getal) met eenheid €;
Feittype samenstelling
\tde huishouden\tHuishouden
\tde lid (mv: leden)\tPersoon
\tEén huishouden heeft meerdere leden
Regel rijk
\tgeldig altijd
\t\tEen Persoon is rijk indien zijn inkomen groter is dan 100 €.
Regel totaal
\tgeldig altijd
\t\tHet totaal van een Huishouden moet berekend worden als de som van het inkomen
\t\tvan alle leden van het Huishouden of 0 als die er niet zijn.
Regel rijke totaal
\tgeldig altijd
\t\tHet rijke totaal van een Huishouden moet berekend worden als de som van het inkomen
\t\tvan alle leden van het Huishouden die rijk zijn of 0 als die er niet zijn.
"""


def _model(tmp: Path) -> Any:
    p = tmp / "m.rgs"
    p.write_text(MODEL, "utf-8")
    model, diags = load_model([p])
    assert not [d for d in diags if d.is_fout], diags
    return model


@settings(deadline=None, max_examples=40)
@given(st.integers(1, 6), st.lists(st.tuples(st.integers(0, 5), st.integers(-300, 300), st.booleans()),
                                   max_size=14),
       st.booleans())
def test_household_sums_match_the_reference(tmp_path_factory: pytest.TempPathFactory, n_hh: int,
                                            personen: list[tuple[int, int, bool]], op_volgorde: bool) -> None:
    model = _model(tmp_path_factory.mktemp("m"))
    personen = [(h % n_hh, w, ok) for h, w, ok in personen]
    if op_volgorde:  # listed by household (the layout of survey data and the harness)
        personen.sort(key=lambda t: t[0])
    n = len(personen)
    huishouden = np.array([h for h, _, _ in personen], dtype=np.int64)
    inkomen = np.array([w for _, w, _ in personen], dtype=np.int64)
    gevuld = np.array([ok for _, _, ok in personen], dtype=bool)
    pop = Populatie({"persoon": Tabel("persoon", np.arange(n, dtype=np.int64),
                                      {"inkomen": Kolom(inkomen, gevuld)}),
                     "huishouden": Tabel("huishouden", np.arange(n_hh, dtype=np.int64))},
                    {"samenstelling": Relatie("samenstelling", (huishouden, np.arange(n, dtype=np.int64)))})
    vectorize.Engine(model, pop, datetime.date(2025, 1, 1), {}).run()
    h = pop.tabellen["huishouden"].kolommen
    assert h["totaal"].als_fracties() == [sum(w for hh, w, ok in personen if hh == i and ok) for i in range(n_hh)]
    assert h["rijke totaal"].als_fracties() == [sum(w for hh, w, ok in personen if hh == i and ok and w > 100)
                                               for i in range(n_hh)]
