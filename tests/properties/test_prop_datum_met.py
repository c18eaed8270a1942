"""`de datum met jaar, maand en dag(j, m, d)` per row in columns (vector_functies.datum_met) equals the
interpreter: existing dates (leap days, month ends), leeg arguments (leeg), days that do not exist (30
February, 31 April) and a non-whole day (both engines refuse the case with RS206)."""

from __future__ import annotations

import tempfile
from datetime import date
from fractions import Fraction
from pathlib import Path

from engine_cases import engines_gelijk
from hypothesis import given, settings
from hypothesis import strategies as st

from regelspraak.evaluate import convert, vectorize
from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.model import ir
from regelspraak.model.from_syntax import load_model

MODEL = """Objecttype de Persoon (mv: Personen) (bezield)
\thet jaar\tNumeriek (geheel getal);
\tde maand\tNumeriek (geheel getal);
\tde dag\tNumeriek (getal met 1 decimalen);
\tde datum\tDatum in dagen;
Regel datum
\tbron: geen — test
\tgeldig altijd
\t\tDe datum van een Persoon moet gesteld worden op de datum met jaar, maand en dag(zijn jaar, zijn maand, zijn dag).
"""

_MODEL: list[ir.Model] = []


def _model() -> ir.Model:
    if not _MODEL:
        p = Path(tempfile.mkdtemp(prefix="datum-met-")) / "m.rgs"
        p.write_text(MODEL, "utf-8")
        m, diags = load_model([p])
        assert not diags, diags
        _MODEL.append(m)
    return _MODEL[0]


_getal = st.one_of(st.none(), st.integers(-1, 3000).map(Fraction))
_dag = st.one_of(st.none(), st.integers(0, 32).map(Fraction), st.just(Fraction(3, 2)))


@st.composite
def _gegevens(draw: st.DrawFn) -> Gegevens:
    objecten = {}
    for i in range(draw(st.integers(1, 6))):
        j = draw(st.one_of(_getal, st.sampled_from([2023, 2024, 2025, 1900, 2000]).map(Fraction)))
        m = draw(st.one_of(st.none(), st.integers(0, 13).map(Fraction), st.integers(1, 12).map(Fraction)))
        d = draw(st.one_of(_dag, st.integers(28, 31).map(Fraction), st.integers(1, 28).map(Fraction)))
        objecten[f"p{i}"] = Invoer("persoon", {k: v for k, v in (("jaar", j), ("maand", m), ("dag", d))
                                               if v is not None}, {})
    return Gegevens(date(2025, 1, 1), {}, objecten, [])


@settings(max_examples=80, deadline=None, derandomize=True)
@given(_gegevens())
def test_datum_met_in_kolommen_gelijk_aan_interpreter(g: Gegevens) -> None:
    res = engines_gelijk(_model(), g)
    assert res is None or res.terugval == {}, res.terugval


def test_in_kolommen_zonder_python_per_rij() -> None:
    # A thousand rows of valid dates: column arithmetic (the per-value path would also give these).
    from regelspraak.evaluate import vector_functies

    objecten = {f"p{i}": Invoer("persoon", {"jaar": Fraction(2000 + i % 30), "maand": Fraction(i % 12 + 1),
                                            "dag": Fraction(i % 28 + 1)}, {}) for i in range(1000)}
    g = Gegevens(date(2025, 1, 1), {}, objecten, [])
    pop = convert.populatie(_model(), g)
    oud = vector_functies._per_uniek
    vector_functies._per_uniek = None  # type: ignore[assignment]  # not called on this path
    try:
        vectorize.run(_model(), pop, g.rekendatum, {})
    finally:
        vector_functies._per_uniek = oud
    assert convert.objecten(_model(), pop)["p13"].attributen["datum"] == date(2013, 2, 14)
