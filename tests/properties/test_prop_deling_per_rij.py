"""Division by a value per object: the vectorised engine (vector_deling.py) equals the interpreter.

Divisors drawn per row from a few values, negative ones, zero and leeg included, numerators where
the rounding to 2 or 0 decimals ties; a two-valued divisor (set by two rules per category, as the
huurtoeslag's inkomensijkpunt); the quotient unrounded, rounded in every mode, in a condition and
in `gedeeld door (ABS)`. A zero divisor, or a leeg one under a filled numerator, is the
interpreter's error for that object: the engine then runs the rule per object and fails the same.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from engine_cases import engines_gelijk
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regelspraak.evaluate import convert, vectorize
from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.model import ir
from regelspraak.model.from_syntax import load_model

MODEL = """Objecttype de Persoon (mv: Personen) (bezield)
\thet bedrag\tNumeriek (getal met 2 decimalen);
\tde deler\tNumeriek (getal met 2 decimalen);
\tde categorie\tNumeriek (geheel getal);
\tde ijkdeler\tNumeriek (getal met 2 decimalen);
\thet quotiënt\tNumeriek (getal);
\thet afgekapte quotiënt\tNumeriek (getal met 5 decimalen);
\tde uitkomst naar beneden\tNumeriek (getal met 2 decimalen);
\tde uitkomst naar boven\tNumeriek (getal met 2 decimalen);
\tde uitkomst rekenkundig\tNumeriek (getal met 2 decimalen);
\tde uitkomst richting nul\tNumeriek (geheel getal);
\tde uitkomst weg van nul\tNumeriek (geheel getal);
\tde normuitkomst\tNumeriek (getal met 2 decimalen);
\tis groot\tkenmerk (bijvoeglijk);

Regel ijkdeler een
\tgeldig altijd
\t\tDe ijkdeler van een Persoon moet gesteld worden op 3,75 indien zijn categorie gelijk is aan 1.
Regel ijkdeler twee
\tgeldig altijd
\t\tDe ijkdeler van een Persoon moet gesteld worden op 0 min 12,5 indien zijn categorie gelijk is aan 2.
Regel quotiënt
\tgeldig altijd
\t\tHet quotiënt van een Persoon moet berekend worden als zijn bedrag gedeeld door zijn deler.
Regel afgekapt
\tgeldig altijd
\t\tHet afgekapte quotiënt van een Persoon moet berekend worden als zijn bedrag gedeeld door (ABS) zijn deler.
Regel beneden
\tgeldig altijd
\t\tDe uitkomst naar beneden van een Persoon moet berekend worden als
\t\t(zijn bedrag gedeeld door zijn deler) naar beneden afgerond op 2 decimalen.
Regel boven
\tgeldig altijd
\t\tDe uitkomst naar boven van een Persoon moet berekend worden als
\t\t(zijn bedrag gedeeld door zijn deler) naar boven afgerond op 2 decimalen.
Regel rekenkundig
\tgeldig altijd
\t\tDe uitkomst rekenkundig van een Persoon moet berekend worden als
\t\t(zijn bedrag gedeeld door zijn deler) rekenkundig afgerond op 2 decimalen.
Regel richting nul
\tgeldig altijd
\t\tDe uitkomst richting nul van een Persoon moet berekend worden als
\t\t(zijn bedrag gedeeld door zijn deler) richting nul afgerond op 0 decimalen.
Regel weg van nul
\tgeldig altijd
\t\tDe uitkomst weg van nul van een Persoon moet berekend worden als
\t\t(zijn bedrag gedeeld door zijn deler) weg van nul afgerond op 0 decimalen.
Regel normuitkomst
\tgeldig altijd
\t\tDe normuitkomst van een Persoon moet berekend worden als (A maal B plus B) rekenkundig afgerond op 2 decimalen
\t\tindien zijn categorie groter is dan 0.
\t\tDaarbij geldt:
\t\t\tA is zijn bedrag gedeeld door zijn ijkdeler
\t\t\tB is (A min 1) gedeeld door (zijn ijkdeler plus 1).
Regel groot
\tgeldig altijd
\t\tEen Persoon is groot indien zijn bedrag gedeeld door zijn deler groter is dan 2.
"""

DELERS = [Fraction(-3), Fraction(-1, 2), Fraction(1, 4), Fraction(2), Fraction(3), Fraction(8), Fraction(15, 2),
          Fraction(4)]


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> ir.Model:
    pad = tmp_path_factory.mktemp("deling") / "m.rgs"
    pad.write_text(MODEL, "utf-8")
    m, diags = load_model([pad])
    assert not [d for d in diags if d.is_fout], diags
    return m


@st.composite
def gevallen(draw: st.DrawFn, nul: bool) -> Gegevens:
    deler = st.sampled_from(DELERS)
    if nul:  # zero and leeg divisors too: then both engines must fail, or both give 0 (both leeg)
        deler = st.one_of(deler, st.just(Fraction(0)), st.none())
    objecten = {}
    for i in range(draw(st.integers(1, 7))):
        bedrag = draw(st.one_of(st.none(), st.integers(-2000, 2000).map(lambda k: Fraction(k, 100)),
                                st.integers(-10**11, 10**11).map(lambda k: Fraction(k, 100))))
        objecten[f"p{i}"] = Invoer("persoon", {"bedrag": bedrag, "deler": draw(deler),
                                                "categorie": draw(st.sampled_from([None, Fraction(0), Fraction(1),
                                                                                   Fraction(2)]))}, {})
    return Gegevens(date(2025, 7, 1), {}, objecten, [])


def _vergelijk(model: ir.Model, g: Gegevens) -> vectorize.Resultaat | None:
    return engines_gelijk(model, g)


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_per_row_divisors_equal_the_interpreter_and_stay_in_columns(model: ir.Model, data: st.DataObject) -> None:
    g = data.draw(gevallen(nul=False))
    res = _vergelijk(model, g)
    assert res is not None and res.terugval == {}, res and res.terugval


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_zero_and_leeg_divisors_as_the_interpreter(model: ir.Model, data: st.DataObject) -> None:
    _vergelijk(model, data.draw(gevallen(nul=True)))


def test_ties_round_as_the_interpreter(model: ir.Model) -> None:
    # 0,05 / 2 = 0,025 and -0,05 / 2: exact ties at the third decimal; 1 / 8 = 0,125.
    objecten = {f"p{i}": Invoer("persoon", {"bedrag": Fraction(b, 100), "deler": Fraction(d),
                                             "categorie": Fraction(1)}, {})
                for i, (b, d) in enumerate([(5, 2), (-5, 2), (100, 8), (-100, 8), (300, 2), (-300, 2)])}
    g = Gegevens(date(2025, 7, 1), {}, objecten, [])
    res = _vergelijk(model, g)
    assert res is not None and res.terugval == {}
    pop = convert.populatie(model, g)
    vectorize.run(model, pop, g.rekendatum, {})
    kol = pop.tabellen["persoon"].kolommen["uitkomst rekenkundig"]
    assert kol.als_fracties() == [Fraction(3, 100), Fraction(-3, 100), Fraction(13, 100), Fraction(-13, 100),
                                  Fraction(3, 2), Fraction(-3, 2)]

