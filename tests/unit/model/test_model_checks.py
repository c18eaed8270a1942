"""The checker: names, types, units, subjects, duplicates and versions, each a diagnostic at the right place."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from regelspraak.diagnostics import Diagnostic
from regelspraak.model import ir

Laad = Callable[[str], tuple[ir.Model, list[Diagnostic]]]

BASIS = """Domein Status is van het type Enumeratie
\t'actief'
\t'gestopt'

Objecttype de Persoon (mv: Personen) (bezield)
\tde leeftijd\tNumeriek (niet-negatief geheel getal) met eenheid jr;
\tde geboortedatum\tDatum in dagen;
\tde naam\tTekst;
\tde status\tStatus;
\thet inkomen\tNumeriek (getal met 2 decimalen) met eenheid €;
\thet maandloon\tNumeriek (getal met 2 decimalen) met eenheid €/mnd;
\thet percentage\tPercentage (getal);
\tis verzekerd\tkenmerk (bijvoeglijk);

Objecttype het Gezin (mv: Gezinnen)
\thet totaal\tNumeriek (getal) met eenheid €;
\tis groot\tkenmerk (bijvoeglijk);

Feittype gezinsband
\thet gezin\tGezin
\thet lid (mv: leden)\tPersoon
Eén gezin bestaat uit meerdere leden

Parameter de grens : Numeriek (getal met 2 decimalen) met eenheid €

"""
REGEL_REGEL = 28  # the line of the first rule sentence appended by `regel()`


def regel(zin: str, naam: str = "r") -> str:
    return BASIS + f"Regel {naam}\n\tgeldig altijd\n\t\t{zin}\n"


def codes(diags: list[Diagnostic]) -> list[tuple[str, int, int]]:
    return [(d.code, d.herkomst.span.regel, d.herkomst.span.kolom) for d in diags if d.herkomst is not None]


def test_basis_is_foutloos(laad: Laad) -> None:
    model, diags = laad(BASIS)
    assert diags == []
    assert sorted(model.objecttypen) == ["gezin", "persoon"]
    assert model.parameters["grens"].type.eenheid is not None


@pytest.mark.parametrize(("zin", "code", "kolom", "tekst"), [
    # unknown names, with a suggestion where one is close
    ("Een Persoon is verzekerd indien zijn leeftyd groter is dan 18 jr.", "RS101", 35, "Bedoelde u 'leeftijd'?"),
    ("Een Persoon is verzekerd indien de grenz groter is dan 18 €.", "RS101", 35, "Bedoelde u 'grens'?"),
    ("Een Persoon is verzkerd indien zijn leeftijd groter is dan 18 jr.", "RS101", 18, "Bedoelde u 'verzekerd'?"),
    ("Een Persoon is verzekerd indien het gezn van de Persoon groot is.", "RS101", 35, "Bedoelde u 'gezin'?"),
    ("De leeftijd van een Persn moet gesteld worden op 3 jr.", "RS101", 19, "Bedoelde u 'Persoon'?"),
    # types
    ("De leeftijd van een Persoon moet berekend worden als zijn naam plus 1 jr.", "RS103", 56, "tekst"),
    ("De leeftijd van een Persoon moet berekend worden als zijn naam.", "RS103", 56, "getal of datum"),
    ("Het inkomen van een Persoon moet berekend worden als zijn percentage maal 3 €.", "RS103", 56, "percentage"),
    ("Een Persoon is verzekerd indien zijn status gelijk is aan 'aktief'.", "RS103", 35, "Bedoelde u 'actief'?"),
    ("Een Persoon is verzekerd indien zijn geboortedatum gelijk is aan 3.", "RS103", 35, "datum"),
    ("Een Persoon is verzekerd indien zijn leeftijd eerder is dan 3 jr.", "RS103", 35, "datums"),
    ("Een Persoon is verzekerd indien zijn naam groter is dan 3.", "RS103", 35, "tekst"),
    ("Een Persoon is verzekerd indien zijn leeftijd verzekerd is.", "RS103", 35, "object"),
    ("Het percentage van een Persoon moet berekend worden als zijn inkomen.", "RS103", 0, "percentage"),
    ("Het totaal van een Gezin moet berekend worden als het inkomen van alle leden van het Gezin.", "RS103", 53,
     "aggregatie"),
    ("Een Gezin is groot indien het inkomen van de leden van het Gezin groter is dan 0 €.", "RS103", 29,
     "meerdere waarden"),
    ("Het totaal van een Gezin moet berekend worden als het aantal inkomen van het Gezin.", "RS101", 0, ""),
    # units
    ("Het inkomen van een Persoon moet berekend worden als zijn leeftijd plus 3 €.", "RS104", 56, "'€' en 'jr'"),
    ("Het inkomen van een Persoon moet berekend worden als zijn maandloon.", "RS104", 56, "€/mnd"),
    ("Een Persoon is verzekerd indien zijn inkomen groter is dan 3 jr.", "RS104", 35, "'jr' en '€'"),
    ("Het inkomen van een Persoon moet berekend worden als zijn inkomen, met een minimum van 1 jr.", "RS104", 56,
     "passen niet"),
    ("De geboortedatum van een Persoon moet berekend worden als zijn geboortedatum plus 3 €.", "RS104", 0,
     "duur in dg, wk, mnd, kw of jr"),
    ("Het inkomen van een Persoon moet berekend worden als 3 fantasie.", "RS002", 0, ""),
    # subjects
    ("De leeftijd van de Persoon moet gesteld worden op 3 jr.", "RS105", 3, "universeel onderwerp"),
    ("Het totaal van een Gezin moet berekend worden als totaal.", "RS105", 53, "eigenaar"),
    ("Het totaal van een Gezin moet berekend worden als hij.", "RS108", 53, "bezield"),
])
def test_diagnostieken(zin: str, code: str, kolom: int, tekst: str, laad: Laad) -> None:
    _, diags = laad(regel(zin))
    assert [d.code for d in diags] == [code], [d.bericht for d in diags]
    d = diags[0]
    assert d.herkomst is not None and d.herkomst.span.regel == REGEL_REGEL
    if kolom:
        assert d.herkomst.span.kolom == kolom
    assert tekst in d.bericht + (d.hulp or "")


def test_dubbele_declaraties(laad: Laad) -> None:
    _, diags = laad(BASIS + """Objecttype de Persoon
\tde leeftijd\tNumeriek (geheel getal);
Objecttype het Dier
\tde leeftijd\tNumeriek (geheel getal);
\tde leeftijd\tNumeriek (geheel getal);
Parameter de grens : Numeriek (getal)
Domein Status is van het type Tekst
Regel r
\tgeldig altijd
\t\tDe leeftijd van een Dier moet gesteld worden op 1.
Regel R
\tgeldig altijd
\t\tDe leeftijd van een Dier moet gesteld worden op 1.
""")
    assert sorted((d.code, d.herkomst.span.regel) for d in diags if d.herkomst) == [
        ("RS102", 26), ("RS102", 30), ("RS102", 31), ("RS102", 32), ("RS102", 36)]


def test_onbekende_eenheid_en_domein(laad: Laad) -> None:
    _, diags = laad("""Objecttype de Persoon
\tde lengte\tNumeriek (getal) met eenheid lichtjaar;
\thet bedrag\tGeldbedrg;
Domein Geldbedrag is van het type Numeriek (getal met 2 decimalen) met eenheid €
""")
    assert [(d.code, d.herkomst.span.regel) for d in diags if d.herkomst] == [("RS107", 2), ("RS101", 3)]
    assert diags[1].hulp == "Bedoelde u 'geldbedrag'?"


def test_onbekend_objecttype_in_een_rol(laad: Laad) -> None:
    _, diags = laad("""Objecttype de Persoon
\tde leeftijd\tNumeriek (getal);
Feittype band
\thet gezin\tGezn
\thet lid (mv: leden)\tPersoon
Eén gezin bestaat uit meerdere leden
""")
    assert [d.code for d in diags] == ["RS101"]


def test_overlappende_versies(laad: Laad) -> None:
    _, diags = laad(BASIS + """Regel r
\tgeldig vanaf 2024 t/m 2025
\t\tDe leeftijd van een Persoon moet gesteld worden op 1 jr.
\tgeldig vanaf 01-07-2025
\t\tDe leeftijd van een Persoon moet gesteld worden op 2 jr.
\tgeldig t/m 2023
\t\tDe leeftijd van een Persoon moet gesteld worden op 3 jr.
""")
    assert [(d.code, d.herkomst.span.regel) for d in diags if d.herkomst] == [("RS201", 29)]
    assert "gelden allebei op 01-07-2025" in diags[0].bericht


def test_aansluitende_versies_overlappen_niet(laad: Laad) -> None:
    model, diags = laad(BASIS + """Regel r
\tgeldig t/m 31-12-2024
\t\tDe leeftijd van een Persoon moet gesteld worden op 1 jr.
\tgeldig vanaf 01-01-2025
\t\tDe leeftijd van een Persoon moet gesteld worden op 2 jr.
""")
    assert diags == []
    assert len(model.regels[0].versies) == 2


def test_cyclus_met_pad(laad: Laad) -> None:
    _, diags = laad(BASIS + """Regel a
\tgeldig altijd
\t\tHet inkomen van een Persoon moet berekend worden als zijn maandloon maal 12 mnd.
Regel b
\tgeldig altijd
\t\tHet maandloon van een Persoon moet berekend worden als zijn inkomen gedeeld door 12 mnd.
""")
    assert [d.code for d in diags] == ["RS202"]
    assert "'a' → 'b' → 'a'" in diags[0].bericht


def test_regel_die_zichzelf_leest(laad: Laad) -> None:
    _, diags = laad(regel("Het inkomen van een Persoon moet berekend worden als zijn inkomen plus 1 €."))
    assert [d.code for d in diags] == ["RS202"]
    assert "'r' → 'r'" in diags[0].bericht


def test_versie_zonder_regeltekst_en_regel_zonder_versie(laad: Laad) -> None:
    _, diags = laad(BASIS + "Regel leeg\n\tgeldig altijd\nRegel zonder versie\n\tDe leeftijd van een Persoon "
                            "moet gesteld worden op 1 jr.\nRegel\n")
    assert sorted(d.code for d in diags) == ["RS003", "RS004", "RS005"]


@pytest.mark.parametrize(("rij", "code"), [
    ("| 1 | 10 € | 'actief' |", None),
    ("| 1 | 10 € | 'aktief' |", "RS103"),
    ("| 1 | 10 jr | 'actief' |", "RS104"),
    ("| x | 10 € | 'actief' |", "RS006"),
    ("| 1 | 10 € |", "RS006"),
    ("| 1 | 10 € plus | 'actief' |", "RS006"),
])
def test_beslistabel_controles(rij: str, code: str | None, laad: Laad) -> None:
    _, diags = laad(BASIS + f"""Beslistabel t
\tgeldig altijd
| | het inkomen van een Persoon moet gesteld worden op | indien zijn status gelijk is aan |
|---|---|---|
{rij}
""")
    assert [d.code for d in diags] == ([code] if code else [])


def test_variabele_voor_haar_definitie(laad: Laad) -> None:
    _, diags = laad(BASIS + """Regel r
\tgeldig altijd
\t\tHet inkomen van een Persoon moet berekend worden als A.
\t\tDaarbij geldt:
\t\t\tA is B plus 1 €
\t\t\tB is zijn inkomen.
""")
    assert [(d.code, d.herkomst.span.regel, d.herkomst.span.kolom) for d in diags if d.herkomst] == [
        ("RS109", 30, 9)]
    _, diags = laad(BASIS + "Regel r\n\tgeldig altijd\n\t\tHet inkomen van een Persoon moet berekend worden als "
                            "A.\n\t\tDaarbij geldt: A is A plus 1 €.\n")
    assert [d.code for d in diags] == ["RS109"]
