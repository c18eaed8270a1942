"""A bare period with computed bounds (taal.md §11): `van <datum-expressie> tot …`, `vanaf …`,
`tot en met …` per object, and `de eerste dag van de maand|het jaar van|na …` (taal.md §10).

The lexer tells a period's "van" from navigation; the interpreter is checked against dates computed
here independently; the vectorised engine gives the same (through the interpreter, reported)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from fractions import Fraction as F
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regelspraak.evaluate import convert, vectorize
from regelspraak.evaluate.interpret import Gegevens, Invoer, run
from regelspraak.model import ir
from regelspraak.model.from_syntax import load_model
from regelspraak.syntax.lexer import Lexicon, Regel, tokenize
from regelspraak.values.tijdlijn import Tijdlijn


def _lex() -> Lexicon:
    lex = Lexicon()
    for naam in ("maandbedrag", "geboortedatum", "partner", "Persoon", "ingangsdatum", "leeftijd"):
        lex.add(naam)
    lex.add_datum("geboortedatum")
    lex.add_datum("ingangsdatum")
    return lex


def _soorten(zin: str) -> list[str]:
    return [t.type for t in tokenize([Regel(1, 1, zin)], _lex())]


@pytest.mark.parametrize(("zin", "periode"), [
    ("zijn maandbedrag van 01-01-2024 tot 01-02-2024", True),
    ("zijn maandbedrag van zijn geboortedatum plus 18 jr tot 01-01-2030", True),
    ("zijn maandbedrag van de eerste dag van de maand na zijn geboortedatum tot en met 31-12-2030", True),
    ("zijn maandbedrag van de rekendatum t/m 31-12-2030", True),
    ("zijn maandbedrag van (de drempel) tot 01-01-2030", True),
    ("zijn maandbedrag van de partner", False),  # navigation
    ("de leeftijd van de partner tot 01-01-2030", False),  # navigation, then an open period
    ("zijn maandbedrag van de geboortedatum", False),  # no "tot": navigation (a type error later)
    ("de eerste van zijn geboortedatum en zijn ingangsdatum tot 01-01-2030", False),  # an aggregation
    ("zijn maandbedrag van (zijn leeftijd) tot de macht 2", False),  # "tot de macht" is no period
])
def test_van_begint_een_periode(zin: str, periode: bool) -> None:
    assert ("PERIODE_VAN" in _soorten(zin)) is periode


MODEL = """Objecttype de Persoon (mv: Personen) (bezield)
\tde geboortedatum\tDatum in dagen;
\thet maandbedrag\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\tde toeslag\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\thet pensioen\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\tde overgang\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\thet ouderdomsbedrag\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
Regel toeslag
\tbron: geen — test
\tgeldig altijd
\t\tDe toeslag van een Persoon moet berekend worden als zijn maandbedrag
\t\tvanaf de eerste dag van de maand na zijn geboortedatum plus 18 jr.
Regel pensioen
\tbron: geen — test
\tgeldig altijd
\t\tHet pensioen van een Persoon moet berekend worden als zijn maandbedrag
\t\tvan de eerste dag van de maand van zijn geboortedatum plus 67 jr
\t\ttot de eerste dag van het jaar na zijn geboortedatum plus 67 jr.
Regel overgang
\tbron: geen — test
\tgeldig altijd
\t\tDe overgang van een Persoon moet berekend worden als zijn maandbedrag
\t\tindien het is de periode van zijn geboortedatum plus 17 jr tot en met zijn geboortedatum plus 17 jr plus 2 mnd.
Regel ouderdomsbedrag
\tbron: geen — test
\tgeldig altijd
\t\tHet ouderdomsbedrag van een Persoon moet berekend worden als zijn maandbedrag vanaf zijn geboortedatum plus 67 jr.
"""

J = date(2023, 1, 1), date(2026, 1, 1)


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> ir.Model:
    p = tmp_path_factory.mktemp("m") / "m.rgs"
    p.write_text(MODEL, encoding="utf-8")
    m, diags = load_model([p])
    assert not diags, diags
    return m


def _plus_jaren(d: date, n: int) -> date:
    """d plus n years; 29 February becomes 28 February in a year without it (taal.md §5, errata)."""
    j = d.year + n
    return date(j, d.month, min(d.day, calendar.monthrange(j, d.month)[1]))


def _plus_maanden(d: date, n: int) -> date:
    m = d.month - 1 + n
    j, m = d.year + m // 12, m % 12 + 1
    return date(j, m, min(d.day, calendar.monthrange(j, m)[1]))


def _eerste_na(d: date) -> date:
    return date(d.year + 1, 1, 1) if d.month == 12 else date(d.year, d.month + 1, 1)


def _verwacht(basis: Tijdlijn, vanaf: date | None, tot: date | None) -> Tijdlijn:
    stukken = []
    for s in basis.stukken:
        a = s.vanaf if vanaf is None else max(s.vanaf, vanaf)
        b = s.tot if tot is None else min(s.tot, tot)
        if a < b:
            stukken.append((a, b, s.waarde))
    return Tijdlijn.maak("maand", stukken)


# Birth dates on and around month ends and leap days, so that 17, 18 and 67 years later fall in 2023-2025.
_geboren = st.one_of(
    st.sampled_from([date(2006, 2, 28), date(2008, 2, 29), date(2007, 1, 31), date(2006, 12, 31), date(2007, 12, 1),
                     date(1957, 7, 1), date(1956, 2, 29), date(1958, 12, 31)]),
    st.dates(date(1955, 1, 1), date(1959, 1, 1)), st.dates(date(2004, 6, 1), date(2008, 6, 1)))


@settings(max_examples=60, deadline=None)
@given(geboren=_geboren)
def test_grenzen_per_object_tegen_een_eigen_berekening(model: ir.Model, geboren: date) -> None:
    basis = Tijdlijn.maak("maand", [(J[0], date(2024, 7, 1), F(100)), (date(2024, 7, 1), J[1], F(110))])
    g = Gegevens(date(2024, 1, 1), {}, {"p": Invoer("persoon", {"geboortedatum": geboren, "maandbedrag": basis},
                                                    {})}, [])
    u = run(model, g)
    assert u.fouten == []
    w = u.instanties["p"].waarden

    def lijn(x: object) -> Tijdlijn:
        return x if isinstance(x, Tijdlijn) else Tijdlijn("maand", ())

    assert lijn(w.get("toeslag")) == _verwacht(basis, _eerste_na(_plus_jaren(geboren, 18)), None)
    d67 = _plus_jaren(geboren, 67)
    assert lijn(w.get("pensioen")) == _verwacht(basis, date(d67.year, d67.month, 1), date(d67.year + 1, 1, 1))
    d17 = _plus_jaren(geboren, 17)
    assert lijn(w.get("overgang")) == _verwacht(basis, d17, _plus_maanden(d17, 2) + timedelta(days=1))
    # The vectorised engine: the same timelines (these rules run per stretch through the interpreter).
    pop = convert.populatie(model, g)
    res = vectorize.run(model, pop, g.rekendatum, g.parameters)
    assert "toeslag" in res.terugval
    assert convert.objecten(model, pop)["p"].attributen == {k: w.get(k) for k in
                                                             convert.objecten(model, pop)["p"].attributen}


def test_lege_grens_geldt_nergens(model: ir.Model) -> None:
    basis = Tijdlijn.constant("maand", *J, F(100))
    u = run(model, Gegevens(date(2024, 1, 1), {}, {"p": Invoer("persoon", {"maandbedrag": basis}, {})}, []))
    assert u.fouten == []
    assert all(u.instanties["p"].waarden.get(k) is None for k in ("toeslag", "pensioen", "overgang"))


def test_de_eerste_dag_als_waarde(tmp_path: Path) -> None:
    p = tmp_path / "m.rgs"
    p.write_text("Objecttype de Persoon (mv: Personen) (bezield)\n\tde geboortedatum\tDatum in dagen;\n"
                 "\tde ingang\tDatum in dagen;\nRegel ingang\n\tbron: geen — test\n\tgeldig altijd\n"
                 "\t\tDe ingang van een Persoon moet gesteld worden op de eerste dag van het jaar na zijn "
                 "geboortedatum plus 18 jr.\n", encoding="utf-8")
    m, diags = load_model([p])
    assert not diags
    u = run(m, Gegevens(date(2024, 1, 1), {}, {"p": Invoer("persoon", {"geboortedatum": date(2008, 2, 29)}, {})},
                        []))
    assert u.instanties["p"].waarden["ingang"] == date(2027, 1, 1)
    pop = convert.populatie(m, Gegevens(date(2024, 1, 1), {}, {"p": Invoer("persoon", {"geboortedatum": date(
        2008, 2, 29)}, {})}, []))
    res = vectorize.run(m, pop, date(2024, 1, 1), {})
    assert "ingang" not in res.terugval  # a date function in columns
    assert convert.objecten(m, pop)["p"].attributen["ingang"] == date(2027, 1, 1)


@settings(max_examples=40, deadline=None)
@given(geboren=st.lists(_geboren, min_size=1, max_size=4))
def test_op_de_periode_as(model: ir.Model, geboren: list[date]) -> None:
    """With the timelines inside the year, an open period whose bound starts a month (`vanaf de eerste dag
    van de maand na …`) runs in month columns, and so does a closed one (`van de eerste dag van de maand van …
    tot de eerste dag van het jaar na …`) when every object has a value in some month of what the rule reads;
    a period with a bound inside a month of the year (`vanaf zijn geboortedatum plus 67 jr`) falls back to the
    interpreter. All give the interpreter's timelines."""
    basis = Tijdlijn.maak("maand", [(date(2024, 1, 1), date(2024, 7, 1), F(100)),
                                    (date(2024, 7, 1), date(2025, 1, 1), F(110))])
    g = Gegevens(date(2024, 1, 1), {}, {f"p{i}": Invoer("persoon", {"geboortedatum": d, "maandbedrag": basis}, {})
                                        for i, d in enumerate(geboren)}, [])
    u = run(model, g)
    pop = convert.populatie(model, g)
    res = vectorize.run(model, pop, g.rekendatum, g.parameters)
    assert "toeslag" not in res.terugval and "pensioen" not in res.terugval
    midden = any(date(2024, 1, 1) < _plus_jaren(d, 67) < date(2025, 1, 1) and _plus_jaren(d, 67).day != 1
                 for d in geboren)
    assert ("ouderdomsbedrag" in res.terugval) is midden
    got = convert.objecten(model, pop)
    for oid, inst in u.instanties.items():
        assert got[oid].attributen == {k: inst.waarden.get(k) for k in got[oid].attributen}, oid


def test_gesloten_periode_met_een_object_zonder_tijdlijn(model: ir.Model) -> None:
    # An object whose maandbedrag is leeg all year: for it the closed period is the span (the interpreter
    # evaluates the rule over the period, its maandbedrag leeg there), so the rule runs through the
    # interpreter; the other object's months are the same either way.
    basis = Tijdlijn.maak("maand", [(date(2024, 1, 1), date(2025, 1, 1), F(100))])
    g = Gegevens(date(2024, 1, 1), {}, {"p0": Invoer("persoon", {"geboortedatum": date(1957, 5, 3),
                                                                "maandbedrag": basis}, {}),
                                        "p1": Invoer("persoon", {"geboortedatum": date(1957, 8, 9)}, {})}, [])
    u = run(model, g)
    pop = convert.populatie(model, g)
    res = vectorize.run(model, pop, g.rekendatum, g.parameters)
    assert "pensioen" in res.terugval
    got = convert.objecten(model, pop)
    assert got["p0"].attributen["pensioen"] == u.instanties["p0"].waarden["pensioen"] == Tijdlijn.maak(
        "maand", [(date(2024, 5, 1), date(2025, 1, 1), F(100))])
    assert got["p1"].attributen.get("pensioen") == u.instanties["p1"].waarden.get("pensioen")
