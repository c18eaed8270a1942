"""An error of a whole month on the period axis (a divisor that is 0 in some month) names the object
and the month, as the interpreter names the object and the stretch (RS206)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction as F

import pytest

from regelspraak.evaluate import convert, vectorize
from regelspraak.evaluate.interpret import Gegevens, Invoer, run
from regelspraak.model import ir
from regelspraak.model.from_syntax import load_model
from regelspraak.values.tijdlijn import Tijdlijn

MODEL = """Objecttype de Persoon (mv: Personen) (bezield)
\thet inkomen\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\thet deel\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
Parameter de deler : Numeriek (geheel getal) voor elke maand;
Regel deel
\tbron: geen — test
\tgeldig altijd
\t\tHet deel van een Persoon moet berekend worden als (zijn inkomen gedeeld door de deler) naar beneden afgerond
\t\top 2 decimalen.
"""


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> ir.Model:
    p = tmp_path_factory.mktemp("m") / "m.rgs"
    p.write_text(MODEL, encoding="utf-8")
    m, diags = load_model([p])
    assert not diags, diags
    return m


def _maand(m: int) -> date:
    return date(2025 + m // 12, m % 12 + 1, 1)


@pytest.mark.parametrize("inkomen_a", [
    Tijdlijn.maak("maand", [(_maand(3), _maand(12), F(100))]),  # from April
    Tijdlijn.maak("maand", [(_maand(0), _maand(6), F(100))]),  # to June: leeg in July, inside the span
    None,  # leeg all year: the parameter read covers the year, so the span is the year for every object
])
def test_deling_door_nul_in_een_maand_noemt_object_en_maand(model: ir.Model, inkomen_a: Tijdlijn | None) -> None:
    # The divisor is 0 from July: the interpreter, object by object, meets the error first at "a" (the
    # first object, in its stretch from July); the engine, month by month, in July at the first object
    # inside the span of that month: "a" as well, and it names the month.
    deler = Tijdlijn.maak("maand", [(_maand(0), _maand(6), F(2)), (_maand(6), _maand(12), F(0))])
    inkomen = {"a": inkomen_a, "b": Tijdlijn.maak("maand", [(_maand(0), _maand(12), F(50))])}
    g = Gegevens(date(2025, 1, 1), {"deler": deler},
                 {k: Invoer("persoon", {"inkomen": v} if v is not None else {}, {}) for k, v in inkomen.items()}, [])
    u = run(model, g)
    assert u.fouten[0].code == "RS206" and " voor a, van 01-07-2025 tot " in u.fouten[0].bericht
    with pytest.raises(vectorize.EngineFout) as e:
        vectorize.run(model, convert.populatie(model, g), g.rekendatum, g.parameters)
    assert e.value.code == "RS206"
    assert "Regel 'deel' (geldig altijd) voor a, maand 7-2025: deling door nul." in e.value.bericht
