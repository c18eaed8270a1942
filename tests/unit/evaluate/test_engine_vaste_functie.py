"""Issue 13: two shapes of the huurtoeslag model that sent whole rules through the interpreter
stay in columns now, with the interpreter's values: a date function of constant arguments
(`de datum met jaar, maand en dag(het jaar uit (de Rekendatum), …)`, Wht art. 13 via Awir art. 5)
and a division by a value read from objects that is the same in every row (an ijkpunt, Wht
art. 19). A divisor that differs per row still runs through the interpreter, and says so."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from regelspraak.evaluate import convert, vectorize
from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.evaluate.interpret import run as interpret
from regelspraak.model.from_syntax import load_model

MODEL = """Objecttype de Persoon (mv: Personen) (bezield)
\tde geboortedatum\tDatum in dagen;
\t\tbron: geen — testmodel
\thet inkomen\tNumeriek (niet-negatief getal met 2 decimalen) met eenheid €;
\t\tbron: geen — testmodel
\thet ijkpunt\tNumeriek (getal met 2 decimalen) met eenheid €;
\t\tbron: geen — testmodel
\tde leeftijd in de rekenmaand\tNumeriek (niet-negatief geheel getal) met eenheid jr;
\t\tbron: geen — testmodel
\tde normhuur\tNumeriek (getal met 2 decimalen) met eenheid €;
\t\tbron: geen — testmodel

Regel leeftijd in de rekenmaand
\tbron: geen — testmodel
\tgeldig altijd
\t\tDe leeftijd in de rekenmaand van een Persoon moet gesteld worden op
\t\tde tijdsduur van zijn geboortedatum tot E in hele jaren.
\t\tDaarbij geldt:
\t\t\tE is de datum met jaar, maand en dag(het jaar uit (de Rekendatum), de maand uit (de Rekendatum), 1).

Regel normhuur
\tbron: geen — testmodel
\tgeldig altijd
\t\tDe normhuur van een Persoon moet berekend worden als (236,19 € maal Y gedeeld door het ijkpunt van de Persoon)
\t\tnaar boven afgerond op 2 decimalen.
\t\tDaarbij geldt:
\t\t\tY is het inkomen van de Persoon.
"""


def _run(tmp_path: Path, ijkpunten: list[int]) -> tuple[vectorize.Resultaat, dict[str, dict[str, object]],
                                                       dict[str, dict[str, object]]]:
    pad = tmp_path / "m.rgs"
    pad.write_text(MODEL, "utf-8")
    model, diags = load_model([pad])
    assert not [d for d in diags if d.is_fout], diags
    objecten = {f"p{i}": Invoer("persoon", {"geboortedatum": date(1990 + i, 7 - i % 3, 1 + i),
                                             "inkomen": Fraction(20000 + 3333 * i), "ijkpunt": Fraction(ij)}, {})
                for i, ij in enumerate(ijkpunten)}
    g = Gegevens(date(2025, 7, 1), {}, objecten, [])
    u = interpret(model, g)
    pop = convert.populatie(model, g)
    res = vectorize.run(model, pop, g.rekendatum, g.parameters)
    kolommen = {oid: dict(inv.attributen) for oid, inv in convert.objecten(model, pop).items()}
    verwacht = {oid: {k: inst.waarden.get(k) for k in kolommen[oid]} for oid, inst in u.instanties.items()}
    return res, kolommen, verwacht


def test_a_constant_date_function_and_a_uniform_divisor_stay_in_columns(tmp_path: Path) -> None:
    res, kolommen, verwacht = _run(tmp_path, [22700] * 5)
    assert res.terugval == {}
    assert kolommen == verwacht
    assert kolommen["p0"]["leeftijd in de rekenmaand"] == 35 and kolommen["p0"]["normhuur"] == Fraction("208.10")


@pytest.mark.parametrize("ijkpunten", [[22700, 30500], [22700, 22700, 30500], [22700, -30500, 7, 22700, 3]])
def test_a_divisor_that_differs_per_row_stays_in_columns_with_the_same_values(tmp_path: Path,
                                                                             ijkpunten: list[int]) -> None:
    # Few distinct divisors: one common denominator (vector_deling.py), no per-row fallback.
    res, kolommen, verwacht = _run(tmp_path, ijkpunten)
    assert res.terugval == {}
    assert kolommen == verwacht


def test_a_divisor_of_zero_in_some_row_falls_back_to_the_interpreter(tmp_path: Path) -> None:
    # The interpreter's error for that one object is not a column operation: the rule runs per object.
    with pytest.raises(vectorize.EngineFout, match="Deling door nul"):
        _run(tmp_path, [22700, 0])
