"""Computation errors name the case they arose in: the case file (with the object's line) and the
object, besides the rule their span points at. Without a case file (a population) they do not."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from fractions import Fraction

from regelspraak.diagnostics import Diagnostic
from regelspraak.evaluate.interpret import Gegevens, Gevalbestand, Invoer, run
from regelspraak.model import ir

Laad = Callable[[str], tuple[ir.Model, list[Diagnostic]]]

MODEL = """Objecttype de Persoon (bezield)
\tde teller\tNumeriek (geheel getal);
\tde noemer\tNumeriek (geheel getal);
\tde uitkomst\tNumeriek (getal met 2 decimalen);
\tde categorie\tNumeriek (geheel getal);

Parameter de grens : Numeriek (geheel getal)
\tbron: geen — test

Regel deel
\tgeldig altijd
\t\tDe uitkomst van een Persoon moet berekend worden als zijn teller gedeeld door zijn noemer.
Regel laag
\tgeldig altijd
\t\tDe categorie van een Persoon moet gesteld worden op 1.
Regel hoog
\tgeldig altijd
\t\tDe categorie van een Persoon moet gesteld worden op 2 indien zijn teller groter is dan de grens.
"""


def persoon(teller: int, noemer: int) -> Invoer:
    return Invoer("persoon", {"teller": Fraction(teller), "noemer": Fraction(noemer)}, {})


def gegevens(parameters: dict[str, ir.Waarde], gevalbestand: Gevalbestand | None) -> Gegevens:
    objecten = {"a": persoon(1, 1), "b": persoon(1, 0), "c": persoon(10, 3)}
    return Gegevens(date(2025, 1, 1), parameters, objecten, [], gevalbestand=gevalbestand)


def test_fouten_noemen_gevalbestand_regel_en_object(laad: Laad) -> None:
    model, diags = laad(MODEL)
    assert diags == []
    bestand = Gevalbestand("gevallen/g.yaml", {"a": 3, "b": 4, "c": 5})
    u = run(model, gegevens({"grens": Fraction(5)}, bestand))
    assert [(f.code, f.bericht) for f in u.fouten] == [
        ("RS206", "Regel 'deel' (geldig altijd) voor b: Deling door nul (1 gedeeld door 0). "
                  "Geval: gevallen/g.yaml:4, object b."),
        ("RS106", "Regel 'deel' geeft c de waarde 10/3 voor 'uitkomst', met meer dan 2 decimalen; rond de "
                  "uitkomst af in de regel. Geval: gevallen/g.yaml:5, object c."),
        ("RS203", "Tegenstrijdige toekenning aan 'categorie' van c: regel 'laag' gaf 1, regel 'hoog' geeft 2. "
                  "Geval: gevallen/g.yaml:5, object c."),
    ]
    # The span still points at the rule: that is where the caret goes.
    assert all(f.herkomst is not None and f.herkomst.span.bestand.endswith("model.rgs") for f in u.fouten)


def test_parameter_zonder_waarde_noemt_het_object(laad: Laad) -> None:
    model, _ = laad(MODEL)
    u = run(model, gegevens({}, Gevalbestand("g.yaml")))
    rs302 = [f.bericht for f in u.fouten if f.code == "RS302"]
    assert rs302 and rs302[0] == "Parameter 'grens' heeft geen waarde op 01-01-2025. Geval: g.yaml, object a."


def test_zonder_gevalbestand_blijft_het_bericht_gelijk(laad: Laad) -> None:
    model, _ = laad(MODEL)
    u = run(model, gegevens({"grens": Fraction(5)}, None))
    assert u.fouten[0].bericht == "Regel 'deel' (geldig altijd) voor b: Deling door nul (1 gedeeld door 0)."
    assert not any("Geval:" in f.bericht for f in u.fouten)


def test_doctests_van_de_interpreter() -> None:
    import doctest

    from regelspraak.evaluate import interpret

    uitslag = doctest.testmod(interpret)
    assert uitslag.attempted > 0 and uitslag.failed == 0
