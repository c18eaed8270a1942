"""Two-valued columns (`Keuze`): a column two rules fill with one value each (met / zonder partner)
is kept as a mask and two values, and the operations that read it (a scale, a comparison with a
column, plus and min with a fresh or a kept column, a copy) must give exactly what the interpreter
gives, leeg inputs included, without writing the column out where no rule needs its rows."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regelspraak.evaluate import convert, vectorize
from regelspraak.evaluate import vector_values as vv
from regelspraak.evaluate.columns import Keuze, Kolom
from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.evaluate.interpret import run as interpret
from regelspraak.model import ir
from regelspraak.model.from_syntax import load_model

MODEL = """Objecttype de Persoon (mv: Personen) (bezield)
\thet inkomen\tNumeriek (getal met 2 decimalen) met eenheid €;
\tde grens\tNumeriek (getal met 2 decimalen) met eenheid €;
\thet percentage\tPercentage (getal met 3 decimalen);
\tde premie\tNumeriek (getal) met eenheid €;
\thet verschil\tNumeriek (getal) met eenheid €;
\thet omgekeerde\tNumeriek (getal) met eenheid €;
\thet dubbele\tNumeriek (getal met 2 decimalen) met eenheid €;
\tde kopie\tNumeriek (getal met 2 decimalen) met eenheid €;
\tis laag\tkenmerk (bijvoeglijk);
\tis hoog\tkenmerk (bijvoeglijk);
\tde partner\tkenmerk (bezittelijk);

Regel grens zonder partner
\tgeldig altijd
\t\tDe grens van een Persoon moet gesteld worden op 1000,50 € indien hij geen partner heeft.

Regel grens met partner
\tgeldig altijd
\t\tDe grens van een Persoon moet gesteld worden op 2000 € indien hij een partner heeft.

Regel percentage zonder partner
\tgeldig altijd
\t\tHet percentage van een Persoon moet gesteld worden op 1,896% indien hij geen partner heeft.

Regel percentage met partner
\tgeldig altijd
\t\tHet percentage van een Persoon moet gesteld worden op 4,273% indien hij een partner heeft.

Regel premie
\tgeldig altijd
\t\tDe premie van een Persoon moet berekend worden als (zijn percentage van 28406 €) plus (13,7% van zijn inkomen).

Regel verschil
\tgeldig altijd
\t\tHet verschil van een Persoon moet berekend worden als zijn grens min zijn premie.

Regel omgekeerde
\tgeldig altijd
\t\tHet omgekeerde van een Persoon moet berekend worden als zijn grens min (zijn inkomen maal 2).

Regel dubbele
\tgeldig altijd
\t\tHet dubbele van een Persoon moet berekend worden als (zijn inkomen maal 3) min zijn grens.

Regel kopie
\tgeldig altijd
\t\tDe kopie van een Persoon moet berekend worden als zijn grens.

Regel laag
\tgeldig altijd
\t\tEen Persoon is laag indien zijn inkomen kleiner is dan zijn grens.

Regel hoog
\tgeldig altijd
\t\tEen Persoon is hoog indien zijn grens kleiner of gelijk is aan zijn inkomen.
"""

_MODELLEN: dict[str, ir.Model] = {}


def _model(tmp: Path) -> ir.Model:
    if "m" not in _MODELLEN:
        p = tmp / "m.rgs"
        p.write_text(MODEL, "utf-8")
        model, diags = load_model([p])
        assert not [d for d in diags if d.is_fout], diags
        _MODELLEN["m"] = model
    return _MODELLEN["m"]


def test_a_two_valued_column_is_written_out_only_when_read_row_by_row() -> None:
    k = Kolom(np.zeros(3, dtype=np.int64), np.ones(3, dtype=bool), 100)
    k.kies(Keuze(np.array([True, False, True]), 200000, 100050, np.dtype(np.int64)))
    assert k._waarden is None and k.grens == 200000 and len(k) == 3
    assert k.waarden.tolist() == [200000, 100050, 200000] and k.keuze is not None
    k.waarden = np.array([1, 2, 3])  # written: no longer two values
    assert k.keuze is None and k.waarden.tolist() == [1, 2, 3]


def test_comparison_with_a_two_valued_side_equals_the_written_out_comparison() -> None:
    w = np.array([100049, 100050, 100051, 199999, 200000, 200001, -5, 0], dtype=np.int64)
    kol = vv.V("getal", w, np.ones(len(w), dtype=bool), 100, vol=True)
    masker = np.array([False, False, False, True, True, True, True, False])
    keuze = vv.VKeuze("getal", Keuze(masker, 2000, 1000_5, np.dtype(np.int64)), np.ones(len(w), dtype=bool), 10,
                      vol=True)
    for op in ("groter", "groter_gelijk", "kleiner", "kleiner_gelijk", "gelijk", "ongelijk"):
        uit = vv.vergelijk(op, kol, keuze, "numeriek").tolist()
        rechts = np.where(masker, 2000, 1000_5) * 10  # on the column's denominator (100)
        verwacht = {"groter": w > rechts, "groter_gelijk": w >= rechts, "kleiner": w < rechts,
                    "kleiner_gelijk": w <= rechts, "gelijk": w == rechts, "ongelijk": w != rechts}[op]
        assert uit == verwacht.tolist(), op
        assert keuze._w is None  # never written out


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), st.integers(-10**9, 10**9)), st.booleans()), min_size=1, max_size=25))
def test_the_engine_equals_the_interpreter_on_two_valued_columns(tmp_path_factory: pytest.TempPathFactory,
                                                                 rijen: list[tuple[int | None, bool]]) -> None:
    model = _model(tmp_path_factory.mktemp("keuze"))
    objecten = {f"p{i}": Invoer("persoon", {} if inkomen is None else {"inkomen": Fraction(inkomen, 100)},
                                {"partner": partner})
                for i, (inkomen, partner) in enumerate(rijen)}
    g = Gegevens(date(2025, 1, 1), {}, objecten, [])
    pop = convert.populatie(model, g)
    vectorize.run(model, pop, g.rekendatum, {})
    verwacht = interpret(model, g)
    assert not verwacht.fouten
    kreeg = convert.objecten(model, pop)
    for oid, inst in verwacht.instanties.items():
        for a in ("grens", "percentage", "premie", "verschil", "omgekeerde", "dubbele", "kopie"):
            assert kreeg[oid].attributen.get(a) == inst.waarden.get(a), (oid, a)
        for k in ("laag", "hoog"):
            assert kreeg[oid].kenmerken.get(k, False) == inst.kenmerken.get(k, False), (oid, k)


def test_no_rule_needs_the_rows_of_the_percentage(tmp_path: Path) -> None:
    """`zijn percentage van 28406 €` scales the two values; `premie` adds them into its fresh
    numerators: the percentage column is never written out during the run."""
    model = _model(tmp_path)
    objecten = {f"p{i:02}": Invoer("persoon", {"inkomen": Fraction(1000 * i + 7, 100)}, {"partner": i % 3 == 0})
                for i in range(12)}
    g = Gegevens(date(2025, 1, 1), {}, objecten, [])
    pop = convert.populatie(model, g)
    vectorize.run(model, pop, g.rekendatum, {})
    pct = pop.tabellen["persoon"].kolommen["percentage"]
    assert pct.keuze is not None and pct._waarden is None
    assert pct.als_fracties() == [Fraction(4273, 1000) if i % 3 == 0 else Fraction(1896, 1000)
                                               for i in range(12)]
