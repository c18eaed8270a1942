"""Resolution into the typed IR: navigation or percentage, units made explicit, subjects and bindings."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from regelspraak.diagnostics import Diagnostic
from regelspraak.model import ir

Laad = Callable[[str], tuple[ir.Model, list[Diagnostic]]]

DECL = """Objecttype de Persoon (mv: Personen) (bezield)
\thet inkomen\tNumeriek (getal) met eenheid €;
\thet maandloon\tNumeriek (getal) met eenheid €/mnd;
\thet jaarloon\tNumeriek (getal) met eenheid €/jr;
\thet aandeel\tNumeriek (getal) met eenheid €;
\tde leeftijd\tNumeriek (geheel getal) met eenheid jr;
\tis verzekerd\tkenmerk (bijvoeglijk);

Objecttype het Huishouden (mv: Huishoudens)
\thet basispercentage\tPercentage (getal);
\thet totaal\tNumeriek (getal) met eenheid €;
\tde premie\tNumeriek (getal) met eenheid €;
\thet aantal jongeren\tNumeriek (geheel getal);
\tis verzekerd\tkenmerk (bijvoeglijk);

Feittype huishoudsamenstelling
\thet huishouden\tHuishouden
\thet lid (mv: leden)\tPersoon
Eén huishouden bestaat uit meerdere leden

Parameter het drempelinkomen : Numeriek (getal) met eenheid €

"""


def versie(laad: Laad, zin: str, extra: str = "") -> ir.Versie:
    model, diags = laad(DECL + f"Regel r\n\tgeldig altijd\n\t\t{zin}\n{extra}")
    assert diags == [], [d.bericht for d in diags]
    return next(r for r in model.regels if r.naam == "r").versies[0]


def toekenning(v: ir.Versie) -> ir.Toekenning:
    res = v.resultaten[0]
    assert isinstance(res, ir.Toekenning)
    return res


def test_percentage_van_een_genavigeerd_bedrag(laad: Laad) -> None:
    # "het basispercentage van het Huishouden van het drempelinkomen": the percentage is itself navigated.
    t = toekenning(versie(laad, "De premie van een Huishouden moet berekend worden als het basispercentage van het "
                                "Huishouden van het drempelinkomen."))
    x = t.expr
    assert isinstance(x, ir.Rekenkunde) and x.op == "procent van"
    assert isinstance(x.links, ir.AttribuutLezen) and x.links.attribuut.naam == "basispercentage"
    assert isinstance(x.rechts, ir.ParameterRef) and x.rechts.naam == "drempelinkomen"
    assert x.type.eenheid is not None and str(x.type.eenheid) == "€"


def test_percentage_literal_van_een_navigatie(laad: Laad) -> None:
    t = toekenning(versie(laad, "De premie van een Huishouden moet berekend worden als 10% van de som van het "
                                "inkomen van alle leden van het Huishouden."))
    assert isinstance(t.expr, ir.Rekenkunde) and t.expr.op == "procent van"
    assert isinstance(t.expr.rechts, ir.Aggregeren)


def test_omrekening_naar_de_eenheid_van_het_attribuut(laad: Laad) -> None:
    t = toekenning(versie(laad, "Het jaarloon van een Persoon moet berekend worden als zijn maandloon."))
    # €/mnd into €/jr: the factor 12 is made explicit in the IR.
    assert isinstance(t.expr, ir.Rekenkunde) and t.expr.op == "maal"
    assert isinstance(t.expr.rechts, ir.Literal) and t.expr.rechts.waarde == Fraction(12)


def test_eenheden_vermenigvuldigen_en_vallen_weg(laad: Laad) -> None:
    t = toekenning(versie(laad, "Het inkomen van een Persoon moet berekend worden als zijn maandloon maal 12 mnd."))
    assert str(t.expr.type.eenheid) == "€"  # type: ignore[union-attr]
    t = toekenning(versie(laad, "Het inkomen van een Persoon moet berekend worden als zijn jaarloon maal 6 mnd."))
    # €/jr × mnd = € with a factor 1/12 on the product.
    assert isinstance(t.expr, ir.Rekenkunde) and t.expr.factor_links == Fraction(1, 12)


def test_plus_rekent_de_rechterkant_om(laad: Laad) -> None:
    t2 = toekenning(versie(laad, "Het maandloon van een Persoon moet berekend worden als 100 €/mnd plus 1200 €/jr."))
    assert isinstance(t2.expr, ir.Rekenkunde) and t2.expr.factor_rechts == Fraction(1, 12)


def test_universeel_onderwerp_als_rol(laad: Laad) -> None:
    v = versie(laad, "Het aandeel van een lid van een Huishouden moet berekend worden als het totaal van het "
                     "Huishouden gedeeld door het aantal leden van het Huishouden.")
    assert v.onderwerp == "persoon"
    t = toekenning(v)
    assert isinstance(t.doel.attribuut, ir.Attribuut) and t.doel.pad == ()
    # The rule only applies to objects that play the role.
    assert isinstance(t.voorwaarde, ir.RolTest) and t.voorwaarde.rol.naam == "lid" and not t.voorwaarde.ontkend
    # "het Huishouden" is the lid's huishouden.
    deling = t.expr
    assert isinstance(deling, ir.Rekenkunde)
    assert isinstance(deling.links, ir.AttribuutLezen) and isinstance(deling.links.van, ir.Navigatie)
    assert deling.links.van.rol.naam == "huishouden" and isinstance(deling.links.van.van, ir.Onderwerp)


def test_gekwantificeerde_voorwaarde_en_selectie(laad: Laad) -> None:
    v = versie(laad, "Een Huishouden is verzekerd indien alle leden van het Huishouden verzekerd zijn.")
    vw = toekenning(v).voorwaarde
    assert isinstance(vw, ir.Gekwantificeerd) and vw.kwantor == "alle"
    assert isinstance(vw.voorwaarde, ir.KenmerkTest) and isinstance(vw.voorwaarde.object, ir.Element)
    v = versie(laad, "Het aantal jongeren van een Huishouden moet berekend worden als het aantal leden van het "
                     "Huishouden die aan de volgende voorwaarde voldoen: zijn leeftijd is kleiner dan 18 jr.")
    agg = toekenning(v).expr
    assert isinstance(agg, ir.Aggregeren) and isinstance(agg.collectie, ir.Selectie)
    cond = agg.collectie.voorwaarde
    assert isinstance(cond, ir.Samengesteld)
    vgl = cond.items[0]
    assert isinstance(vgl, ir.Vergelijk) and isinstance(vgl.links, ir.AttribuutLezen)
    assert isinstance(vgl.links.van, ir.Element)  # "zijn" is the member being selected


def test_hij_in_een_selectie_is_het_lid(laad: Laad) -> None:
    v = versie(laad, "Het totaal van een Huishouden moet berekend worden als de som van het inkomen van alle leden "
                     "van het Huishouden die aan alle volgende voorwaarden voldoen:\n\t\t\t• hij is verzekerd\n"
                     "\t\t\t• zijn leeftijd is groter dan 17 jr.")
    agg = toekenning(v).expr
    assert isinstance(agg, ir.Aggregeren) and isinstance(agg.collectie, ir.AttribuutLezen)
    sel = agg.collectie.van
    assert isinstance(sel, ir.Selectie) and isinstance(sel.voorwaarde, ir.Samengesteld)
    kt = sel.voorwaarde.items[0]
    assert isinstance(kt, ir.KenmerkTest) and isinstance(kt.object, ir.Element)


def test_variabelen_krijgen_het_type_van_hun_expressie(laad: Laad) -> None:
    v = versie(laad, "De premie van een Huishouden moet berekend worden als A.\n\t\tDaarbij geldt:\n"
                     "\t\t\tP is het basispercentage van het Huishouden\n\t\t\tA is P van het drempelinkomen.")
    assert [x.naam for x in v.variabelen] == ["p", "a"]
    assert v.variabelen[0].expr.type.soort == "percentage"
    assert isinstance(toekenning(v).expr, ir.VariabeleRef)


def test_lijst_som_en_of_nul(laad: Laad) -> None:
    t = toekenning(versie(laad, "Het totaal van een Huishouden moet berekend worden als de som van de premie van "
                                "het Huishouden, 100 € en het drempelinkomen of 0 als die er niet zijn."))
    assert isinstance(t.expr, ir.Aggregeren) and t.expr.soort == "som" and t.expr.of_nul
    assert len(t.expr.lijst) == 3 and t.expr.collectie is None
