"""A rule writing a timeline attribute that already has a value (given, or from an earlier rule): the
interpreter cuts the rule's stretches at the target's own boundaries, an Initialisatie fills only the
leeg stretches, and a given timeline stays where the rule does not fire — as the engine computes it and as
a rule treats a given value without a timeline. Reproductions of the review of 2026-12-05 (findings 1-3)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from regelspraak.evaluate import convert, vectorize
from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.evaluate.interpret import run as interpret
from regelspraak.model.from_syntax import load_model
from regelspraak.values.tijdlijn import Tijdlijn

KOP = """Objecttype de Persoon (mv: Personen) (bezield)
\thet inkomen\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\tde toeslag\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\tis verzekerd\tkenmerk (bijvoeglijk) voor elke maand;

Parameter de basis : Numeriek (getal met 2 decimalen) met eenheid € voor elke maand;
"""
INIT = """
Regel toeslag init
\tgeldig altijd
\t\tDe toeslag van een Persoon moet geïnitialiseerd worden op de basis.
"""
VERZEKERD = """
Regel toeslag verzekerd
\tgeldig altijd
\t\tDe toeslag van een Persoon moet gesteld worden op 3 € indien hij verzekerd is.
"""
INKOMEN = """
Regel toeslag inkomen
\tgeldig altijd
\t\tDe toeslag van een Persoon moet berekend worden als de basis indien zijn inkomen groter is dan 100 €.
"""
J, M3, J7, V = date(2025, 1, 1), date(2025, 3, 1), date(2025, 7, 1), date(2026, 1, 1)


def _lijn(*stukken: tuple[date, date, object]) -> Tijdlijn:
    return Tijdlijn.maak("maand", [(a, b, Fraction(w) if isinstance(w, int) and not isinstance(w, bool) else w)
                                   for a, b, w in stukken])


def _beide(tmp_path: Path, regels: str, waarden: dict[str, object],
           kenmerken: dict[str, object]) -> tuple[object, object]:
    (tmp_path / "m.rgs").write_text(KOP + regels, "utf-8")
    model, diags = load_model([tmp_path / "m.rgs"])
    assert not [d for d in diags if d.is_fout], diags
    g = Gegevens(J, {"basis": _lijn((J, V, 10))}, {"p": Invoer("persoon", waarden, kenmerken)}, [])  # type: ignore[arg-type]
    u = interpret(model, g)
    assert not u.fouten, u.fouten
    pop = convert.populatie(model, g)
    vectorize.run(model, pop, g.rekendatum, g.parameters)
    return u.instanties["p"].waarden.get("toeslag"), convert.objecten(model, pop)["p"].attributen.get("toeslag")


@pytest.mark.parametrize(("regels", "waarden", "kenmerken", "verwacht"), [
    # 1: an Initialisatie fills only the months the given timeline leaves leeg (was: all of it leeg)
    (INIT, {"toeslag": _lijn((J, J7, 3))}, {}, _lijn((J, J7, 3), (J7, V, 10))),
    # 2: a rule that fires from March keeps the given value in January and February (was: dropped)
    (INKOMEN, {"inkomen": _lijn((J, M3, 50), (M3, V, 200)), "toeslag": _lijn((J, V, 5))}, {},
     _lijn((J, M3, 5), (M3, V, 10))),
    # 3: a rule from March, then the Initialisatie in the months before: no conflict (was: RS203)
    (INIT + VERZEKERD, {}, {"verzekerd": _lijn((M3, V, True))}, _lijn((J, M3, 10), (M3, V, 3))),
])
def test_schrijven_op_een_tijdlijn_met_waarde(tmp_path: Path, regels: str, waarden: dict[str, object],
                                              kenmerken: dict[str, object], verwacht: Tijdlijn) -> None:
    interpreter, engine = _beide(tmp_path, regels, waarden, kenmerken)
    assert interpreter == verwacht
    assert engine == verwacht


def test_doctests() -> None:
    import doctest

    from regelspraak.evaluate import per_stuk

    assert doctest.testmod(per_stuk).failed == 0
