"""The reference interpreter at run time: leeg, conflicts, decimals, errors, order, trace."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from fractions import Fraction

import pytest

from regelspraak.diagnostics import Diagnostic
from regelspraak.evaluate.interpret import Gegevens, Invoer, Uitkomst, run
from regelspraak.model import ir

Laad = Callable[[str], tuple[ir.Model, list[Diagnostic]]]
F = Fraction

DECL = """Objecttype de Persoon (mv: Personen) (bezield)
\thet inkomen\tNumeriek (getal met 2 decimalen) met eenheid €;
\tde toeslag\tNumeriek (getal met 2 decimalen) met eenheid €;
\tde categorie\tNumeriek (geheel getal);
\tde noemer\tNumeriek (geheel getal);
\thet partnerinkomen\tNumeriek (getal met 2 decimalen) met eenheid €;
\thet dossiernummer (mv: dossiernummers)\tTekst;
\tis verzekerd\tkenmerk (bijvoeglijk);
\tis rijk\tkenmerk (bijvoeglijk);

Wederkerig feittype partnerschap
\tde partner\tPersoon
Eén partner woont samen met één partner

Parameter de grens : Numeriek (getal met 2 decimalen) met eenheid €
\tbron: art. 2 lid 3 Wzt

"""


def model_met(laad: Laad, regels: str) -> ir.Model:
    model, diags = laad(DECL + regels)
    assert diags == [], [d.bericht for d in diags]
    return model


def persoon(**attrs: object) -> Invoer:
    kenmerken = {k: bool(v) for k, v in attrs.items() if k in ("verzekerd", "rijk")}
    waarden = {k.replace("_", " "): (F(v) if isinstance(v, int | str) and k != "dossiernummer" else v)
               for k, v in attrs.items() if k not in kenmerken}
    return Invoer("persoon", waarden, kenmerken)  # type: ignore[arg-type]


def bereken(model: ir.Model, objecten: dict[str, Invoer], feiten: list[tuple[str, tuple[str, ...]]] | None = None,
            parameters: dict[str, ir.Waarde] | None = None, rekendatum: date = date(2025, 1, 1)) -> Uitkomst:
    return run(model, Gegevens(rekendatum, parameters or {}, objecten, feiten or []))


def regel(naam: str, zin: str, geldig: str = "altijd") -> str:
    return f"Regel {naam}\n\tgeldig {geldig}\n\t\t{zin}\n"


def test_tegenstrijdige_toekenningen(laad: Laad) -> None:
    model = model_met(laad, regel("laag", "De categorie van een Persoon moet gesteld worden op 1 indien zijn "
                                          "inkomen kleiner is dan 1000 €.")
                      + regel("hoog", "De categorie van een Persoon moet gesteld worden op 2 indien zijn inkomen "
                                      "groter is dan 500 €."))
    u = bereken(model, {"a": persoon(inkomen=100), "b": persoon(inkomen=700), "c": persoon(inkomen=2000)})
    assert [(f.code, f.herkomst.span.regel if f.herkomst else 0) for f in u.fouten] == [("RS203", 23)]
    assert "'laag' gaf 1, regel 'hoog' geeft 2" in u.fouten[0].bericht and "van b" in u.fouten[0].bericht
    assert u.instanties["a"].waarden["categorie"] == 1
    assert u.instanties["c"].waarden["categorie"] == 2


def test_dezelfde_waarde_van_twee_regels_is_geen_conflict(laad: Laad) -> None:
    model = model_met(laad, regel("een", "De categorie van een Persoon moet gesteld worden op 1.")
                      + regel("twee", "De categorie van een Persoon moet gesteld worden op 1."))
    assert bereken(model, {"a": persoon()}).fouten == []


def test_beslistabel_met_twee_passende_rijen(laad: Laad) -> None:
    model = model_met(laad, """Beslistabel categorie
\tgeldig altijd
| | de categorie van een Persoon moet gesteld worden op | indien zijn inkomen groter is dan |
|---|---|---|
| 1 | 1 | 0 € |
| 2 | 2 | 100 € |
""")
    u = bereken(model, {"a": persoon(inkomen=50), "b": persoon(inkomen=500)})
    assert [f.code for f in u.fouten] == ["RS203"]
    assert "meerdere rijen" in u.fouten[0].bericht and "van b" in u.fouten[0].bericht


def test_te_veel_decimalen_zonder_afronding(laad: Laad) -> None:
    model = model_met(laad, regel("derde", "De toeslag van een Persoon moet berekend worden als zijn inkomen "
                                           "gedeeld door 3."))
    u = bereken(model, {"a": persoon(inkomen=300), "b": persoon(inkomen=100)})
    assert [f.code for f in u.fouten] == ["RS106"]
    assert "b de waarde 100/3" in u.fouten[0].bericht and "rond de uitkomst af" in u.fouten[0].bericht
    assert u.instanties["a"].waarden["toeslag"] == 100
    assert u.instanties["b"].waarden.get("toeslag") is None
    model = model_met(laad, regel("derde", "De toeslag van een Persoon moet berekend worden als zijn inkomen "
                                           "gedeeld door 3 rekenkundig afgerond op 2 decimalen."))
    u = bereken(model, {"b": persoon(inkomen=100)})
    assert u.fouten == [] and u.instanties["b"].waarden["toeslag"] == F("33.33")


def test_deling_door_nul_noemt_regel_en_object(laad: Laad) -> None:
    model = model_met(laad, regel("deel", "De categorie van een Persoon moet berekend worden als 12 gedeeld door "
                                          "zijn noemer."))
    u = bereken(model, {"a": persoon(noemer=0), "b": persoon(noemer=4), "c": persoon()})
    assert [f.code for f in u.fouten] == ["RS206", "RS206"]
    assert u.fouten[0].bericht == "Regel 'deel' (geldig altijd) voor a: Deling door nul (12 gedeeld door 0)."
    assert u.fouten[1].bericht == "Regel 'deel' (geldig altijd) voor c: Deling door een lege waarde."
    assert u.instanties["b"].waarden["categorie"] == 3  # the other instances are still computed


def test_parameter_zonder_waarde(laad: Laad) -> None:
    model = model_met(laad, regel("grens", "De toeslag van een Persoon moet berekend worden als de grens."))
    u = bereken(model, {"a": persoon()})
    assert [f.code for f in u.fouten] == ["RS302"]
    u = bereken(model, {"a": persoon()}, parameters={"grens": F(5)})
    assert u.fouten == [] and u.instanties["a"].waarden["toeslag"] == 5


def test_initialisatie_vult_ook_na_een_regel_die_leeg_maakt(laad: Laad) -> None:
    model = model_met(laad, regel("standaard", "De toeslag van een Persoon moet geïnitialiseerd worden op 10 €.")
                      + regel("leeg", "De toeslag van een Persoon moet gesteld worden op leeg indien zijn inkomen "
                                      "groter is dan 100 €.")
                      + regel("vast", "De toeslag van een Persoon moet gesteld worden op 25 € indien zijn inkomen "
                                      "kleiner is dan 50 €."))
    u = bereken(model, {"rijk": persoon(inkomen=200), "arm": persoon(inkomen=10), "midden": persoon(inkomen=75)})
    assert u.fouten == []
    assert {k: i.waarden["toeslag"] for k, i in u.instanties.items()} == {"arm": 25, "midden": 10, "rijk": 10}
    assert u.instanties["rijk"].afleidingen["toeslag"].regel == "standaard"


def test_kenmerken_zijn_nooit_leeg_en_lezen_via_een_ontbrekende_rol_geeft_leeg(laad: Laad) -> None:
    model = model_met(laad, regel("partner", "Het partnerinkomen van een Persoon moet berekend worden als het "
                                             "inkomen van zijn partner.")
                      + regel("rijk", "Een Persoon is rijk indien het partnerinkomen van de Persoon groter is dan "
                                      "1000 €."))
    u = bereken(model, {"a": persoon(inkomen=2000), "b": persoon(inkomen=500), "c": persoon(inkomen=9000)},
                feiten=[("partnerschap", ("a", "b"))])
    assert u.instanties["a"].waarden["partnerinkomen"] == 500
    assert u.instanties["b"].waarden["partnerinkomen"] == 2000  # wederkerig: both directions
    assert u.instanties["c"].waarden.get("partnerinkomen") is None
    assert [i.kenmerken.get("rijk", False) for i in u.instanties.values()] == [False, True, False]


def test_uniciteit_markeert_elk_object_met_een_dubbele_waarde(laad: Laad) -> None:
    model = model_met(laad, regel("uniek", "De dossiernummers van alle Personen moeten uniek zijn."))
    u = bereken(model, {"a": persoon(dossiernummer="D1"), "b": persoon(dossiernummer="D2"),
                        "c": persoon(dossiernummer="D1"), "d": persoon(), "e": persoon()})
    assert sorted(i.object_id for i in u.inconsistenties) == ["a", "c"]
    assert "komt ook voor bij c" in next(i.bericht for i in u.inconsistenties if i.object_id == "a")


def test_consistentieregel_markeert_en_de_uitvoering_gaat_door(laad: Laad) -> None:
    model = model_met(laad, regel("positief", "Het inkomen van een Persoon moet groter of gelijk zijn aan 0 €.")
                      + regel("toeslag", "De toeslag van een Persoon moet berekend worden als zijn inkomen plus 1 €."))
    u = bereken(model, {"a": persoon(inkomen=-5), "b": persoon(inkomen=5)})
    assert [i.object_id for i in u.inconsistenties] == ["a"]
    assert u.instanties["a"].waarden["toeslag"] == -4 and u.fouten == []


def test_versie_op_de_rekendatum(laad: Laad) -> None:
    model = model_met(laad, """Regel categorie
\tgeldig t/m 2024
\t\tDe categorie van een Persoon moet gesteld worden op 1.
\tgeldig vanaf 2025 t/m 2025
\t\tDe categorie van een Persoon moet gesteld worden op 2.
""")
    for d, verwacht in ((date(2024, 12, 31), 1), (date(2025, 1, 1), 2), (date(2026, 1, 1), None)):
        u = bereken(model, {"a": persoon()}, rekendatum=d)
        assert u.instanties["a"].waarden.get("categorie") == verwacht


def test_afleiding_met_regel_versie_bron_en_invoer(laad: Laad) -> None:
    model = model_met(laad, """Regel toeslag
\tbron: artikel 2, derde lid, Wet op de zorgtoeslag
\tgeldig vanaf 2025
\t\tDe toeslag van een Persoon moet berekend worden als A plus de grens
\t\tindien hij verzekerd is.
\t\tDaarbij geldt:
\t\t\tA is zijn inkomen gedeeld door 2.
""")
    u = bereken(model, {"a": persoon(inkomen=100, verzekerd=True)}, parameters={"grens": F(7)})
    af = u.instanties["a"].afleidingen["toeslag"]
    assert af.waarde == 57 and af.regel == "toeslag" and af.versie == "geldig vanaf 01-01-2025"
    assert af.herkomst is not None and af.herkomst.bron is not None
    assert af.herkomst.bron.citeer() == "artikel 2, derde lid, Wet op de zorgtoeslag"
    assert [(lz.soort, lz.object_id, lz.naam, lz.waarde) for lz in af.invoer] == [
        ("kenmerk", "a", "verzekerd", True), ("attribuut", "a", "inkomen", 100), ("variabele", None, "a", 50),
        ("parameter", None, "grens", 7)]
    # A variable's reading carries its expression's type (here an amount in €), so the tree can show the unit.
    var = af.invoer[2].type
    assert var is not None and var.soort == "numeriek" and str(var.eenheid) == "€"
    # Input values are derivations without a rule.
    assert u.instanties["a"].afleidingen["inkomen"].regel is None


@pytest.mark.parametrize(("kwantor", "verwacht"), [
    ("alle", [False, False, True]),
    ("geen van de", [True, False, False]),
    ("ten minste één van de", [False, True, True]),
    ("ten hoogste één van de", [True, True, False]),
    ("precies twee van de", [False, False, True]),
])
def test_kwantoren_tellen(kwantor: str, verwacht: list[bool], laad: Laad) -> None:
    model = model_met(laad, f"""Regel rijk
\tgeldig altijd
\t\tEen Persoon is rijk
\t\tindien er aan {kwantor} volgende voorwaarden wordt voldaan:
\t\t\t• zijn inkomen is groter dan 100 €
\t\t\t• hij is verzekerd.
""")
    u = bereken(model, {"a": persoon(inkomen=1), "b": persoon(inkomen=500), "c": persoon(inkomen=500, verzekerd=True)})
    assert [u.instanties[k].kenmerken.get("rijk", False) for k in "abc"] == verwacht


def test_deterministisch(laad: Laad) -> None:
    model = model_met(laad, regel("toeslag", "De toeslag van een Persoon moet berekend worden als zijn inkomen "
                                             "gedeeld door 4."))
    objecten = {f"p{i}": persoon(inkomen=i) for i in range(20)}
    a, b = bereken(model, objecten), bereken(model, objecten)
    assert [(k, i.waarden) for k, i in a.instanties.items()] == [(k, i.waarden) for k, i in b.instanties.items()]


def test_uniciteit_per_onderwerp(laad: Laad) -> None:
    # "… van alle leden van een Huishouden": unique within each Huishouden, not over all persons.
    model, diags = laad("""Objecttype de Persoon (mv: Personen)
\thet dossiernummer (mv: dossiernummers)\tTekst;
Objecttype het Huishouden (mv: Huishoudens)
\tde naam\tTekst;
Feittype samenstelling
\thet huishouden\tHuishouden
\thet lid (mv: leden)\tPersoon
Eén huishouden bestaat uit meerdere leden
Regel uniek per huishouden
\tgeldig altijd
\t\tDe dossiernummers van alle leden van een Huishouden moeten uniek zijn.
""")
    assert diags == []
    objecten = {k: Invoer("persoon", {"dossiernummer": v}, {}) for k, v in
                {"a": "D1", "b": "D2", "c": "D3", "d": "D3", "e": "D1"}.items()}
    objecten |= {"h1": Invoer("huishouden", {}, {}), "h2": Invoer("huishouden", {}, {})}
    feiten = [("samenstelling", (h, p)) for h, p in (("h1", "a"), ("h1", "b"), ("h2", "c"), ("h2", "d"), ("h2", "e"))]
    u = bereken(model, objecten, feiten)
    assert sorted(i.object_id for i in u.inconsistenties) == ["c", "d"]  # a and e share D1 in different households
