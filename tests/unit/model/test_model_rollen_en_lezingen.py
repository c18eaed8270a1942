"""Roles as universal subjects (taal.md §11) and names that begin with a keyword (taal.md §7)."""

from __future__ import annotations

from collections.abc import Callable

from regelspraak.diagnostics import Diagnostic
from regelspraak.model import ir

Laad = Callable[[str], tuple[ir.Model, list[Diagnostic]]]

DECL = """Objecttype de Persoon (mv: Personen) (bezield)
\thet inkomen\tNumeriek (getal) met eenheid €;
\tde leeftijd\tNumeriek (geheel getal) met eenheid jr;
\tis jong\tkenmerk (bijvoeglijk);

Objecttype de Vlucht (mv: Vluchten)
\tde afstand\tNumeriek (geheel getal);
\tde som\tNumeriek (getal) met eenheid €;
\tis lang\tkenmerk (bijvoeglijk);

Feittype vlucht van personen
\tde reis\tVlucht
\tde passagier (mv: passagiers)\tPersoon
Eén reis betreft meerdere passagiers

"""


def _regel(laad: Laad, zin: str) -> tuple[ir.Model, list[Diagnostic]]:
    return laad(DECL + f"Regel r\n\tgeldig altijd\n\t\t{zin}\n")


def test_rol_als_onderwerp_en_de_rol_daarna(laad: Laad) -> None:
    model, diags = _regel(laad, "Een reis is lang indien de afstand van de reis groter is dan 1000.")
    assert diags == []
    v = model.regels[0].versies[0]
    assert v.onderwerp == "vlucht"
    res = v.resultaten[0]
    assert isinstance(res, ir.Toekenning) and isinstance(res.voorwaarde, ir.Samengesteld)
    binding, vw = res.voorwaarde.items
    # Only for the Vluchten that are a reis: the role test comes first.
    assert isinstance(binding, ir.RolTest) and binding.rol.naam == "reis" and not binding.heeft
    assert isinstance(vw, ir.Vergelijk) and isinstance(vw.links, ir.AttribuutLezen)
    assert isinstance(vw.links.van, ir.Onderwerp)


def test_de_andere_kant_bij_zijn_rolnaam(laad: Laad) -> None:
    model, diags = _regel(laad, "Het inkomen van een passagier moet berekend worden als 2 € maal de afstand van "
                                "de reis.")
    assert diags == []
    res = model.regels[0].versies[0].resultaten[0]
    assert isinstance(res, ir.Toekenning) and isinstance(res.expr, ir.Rekenkunde)
    lezen = res.expr.rechts
    assert isinstance(lezen, ir.AttribuutLezen) and isinstance(lezen.van, ir.Navigatie)
    assert lezen.van.rol.naam == "reis"


def test_rol_in_kop_van_beslistabel(laad: Laad) -> None:
    model, diags = laad(DECL + "Beslistabel jong\n\tgeldig altijd\n| | een passagier is jong | indien zijn "
                        "leeftijd kleiner is dan |\n|---|---|---|\n| 1 | waar | 18 jr |\n")
    assert diags == []
    res = model.regels[0].versies[0].resultaten[0]
    assert isinstance(res, ir.Toekenning) and isinstance(res.voorwaarde, ir.Samengesteld)
    assert isinstance(res.voorwaarde.items[0], ir.RolTest)


def test_onbekende_rol_blijft_een_fout(laad: Laad) -> None:
    _, diags = _regel(laad, "Een reiziger is lang indien de afstand van de reiziger groter is dan 1000.")
    assert [d.code for d in diags] == ["RS101"]


def test_naam_die_met_een_sleutelwoord_begint_wijkt_als_alleen_de_sleutelwoorden_kloppen(laad: Laad) -> None:
    # "de som" is an attribute of Vlucht, but "de som van het inkomen van alle passagiers" only
    # type-checks as the aggregation: both readings parse, the types decide (taal.md §7).
    model, diags = _regel(laad, "De som van een reis moet berekend worden als de som van het inkomen van alle "
                                "passagiers van de reis.")
    assert diags == [], [d.bericht for d in diags]
    res = model.regels[0].versies[0].resultaten[0]
    assert isinstance(res, ir.Toekenning) and isinstance(res.expr, ir.Aggregeren) and res.expr.soort == "som"


def test_naam_wint_als_beide_lezingen_kloppen(laad: Laad) -> None:
    model, diags = _regel(laad, "Het inkomen van een passagier moet berekend worden als de som van de reis.")
    assert diags == []
    res = model.regels[0].versies[0].resultaten[0]
    assert isinstance(res, ir.Toekenning) and isinstance(res.expr, ir.AttribuutLezen)
    assert res.expr.attribuut.naam == "som"
