"""Every replica of a batch is its own case, also for a rule the engine runs through the
interpreter (division by a value that differs per object): issue 13 found the huurtoeslag's
normhuur of the first replica taking the last replica's value, because the replicas shared ids."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from regelspraak.analyses.batch import Batch, Invoerplek, Uitkomstplek
from regelspraak.analyses.context import load
from tests.unit.analyses.planted import models as m

# The normhuur's shape (Wht art. 19): a quotient of two per-object values times the income, rounded up.
MODEL = """Objecttype de Persoon (mv: Personen) (bezield)
\thet inkomen\tNumeriek (niet-negatief getal met 2 decimalen) met eenheid €;
\t\tbron: geen — testmodel
\thet ijkpunt\tNumeriek (getal met 2 decimalen) met eenheid €;
\t\tbron: geen — testmodel
\tde uitkering\tNumeriek (getal met 2 decimalen) met eenheid €;
\t\tbron: geen — testmodel

Regel ijkpunt
\tbron: geen — testmodel
\tgeldig altijd
\t\tHet ijkpunt van een Persoon moet gesteld worden op 22700 €.

Regel uitkering
\tbron: geen — testmodel
\tgeldig altijd
\t\tDe uitkering van een Persoon moet berekend worden als (236,19 € maal Y gedeeld door het ijkpunt van de Persoon)
\t\tnaar boven afgerond op 2 decimalen.
\t\tDaarbij geldt:
\t\t\tY is het inkomen van de Persoon.
"""


def _batch(tmp: Path) -> tuple[Batch, Invoerplek, Uitkomstplek]:
    map_ = tmp / "m"
    if not map_.exists():
        map_.mkdir(parents=True)
        (map_ / "m.rgs").write_text(MODEL, "utf-8")
        (map_ / "analyse.yaml").write_text(m.ANALYSE_UITKERING, "utf-8")
    ctx = load(map_, date(2025, 7, 1))
    b = Batch(ctx.model, ctx.sjablonen[0][1])
    return b, Invoerplek("p", "persoon", "inkomen"), Uitkomstplek("persoon",
                                                                 ctx.model.objecttypen["persoon"].attributen["uitkering"])


def _waarden(b: Batch, plek: Invoerplek, uit: Uitkomstplek, euros: list[int]) -> list[Fraction]:
    res, _, _ = b.run_veilig({plek: np.array([e * 100 for e in euros], dtype=np.int64)}, [uit])
    return [Fraction(*w) for w in res["uitkering"] if w is not None]


def test_each_replica_gets_its_own_value_through_the_interpreter_fallback(tmp_path: Path) -> None:
    b, plek, uit = _batch(tmp_path)
    samen = _waarden(b, plek, uit, [30000, 39720])
    los = [_waarden(b, plek, uit, [30000])[0], _waarden(b, plek, uit, [39720])[0]]
    assert samen == los == [Fraction("312.15"), Fraction("413.29")]


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(0, 100000), min_size=1, max_size=6))
def test_a_batch_equals_its_points_one_by_one(tmp_path_factory: object, euros: list[int]) -> None:
    tmp = Path(tmp_path_factory.mktemp("batch"))  # type: ignore[attr-defined]
    b, plek, uit = _batch(tmp)
    assert _waarden(b, plek, uit, euros) == [_waarden(b, plek, uit, [e])[0] for e in euros]
