"""Sentences through the LALR grammar into syntax nodes: rule forms, conditions, expressions, tables."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

import pytest

from regelspraak.syntax import nodes as n
from regelspraak.syntax.lexer import Lexicon, Regel
from regelspraak.syntax.sentences import SentenceError, parse_sentence

NAMEN = ["a", "b", "c", "inkomen", "partner", "Persoon", "leeftijd", "Huishouden", "verzekerd", "lid",
         "recht op toeslag", "toeslag", "geboortedatum", "jaar", "dossiernummer", "P", "volwassene"]


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    lx = Lexicon()
    for naam in NAMEN:
        lx.add(naam, "leden" if naam == "lid" else ("Personen" if naam == "Persoon" else None))
    return lx


def eenheid(tekst: str) -> bool:
    return tekst in ("€", "jr", "mnd", "dg")


def zin(start: str, tekst: str, lex: Lexicon) -> Any:
    regels = [Regel(i, 1, r) for i, r in enumerate(tekst.split("\n"), start=1)]
    return parse_sentence(start, regels, lex, "t.rgs", eenheid)


def vorm(x: Any) -> Any:
    """A compact picture of a syntax tree: names by text, operators by name."""
    if isinstance(x, n.Naam):
        return f"{x.bepaler} {x.tekst}" if x.bepaler else x.tekst
    if isinstance(x, n.Van):
        return ("van", vorm(x.links), vorm(x.rechts))
    if isinstance(x, n.Bewerking):
        return (x.op, vorm(x.links), vorm(x.rechts))
    if isinstance(x, n.Getal):
        return f"{x.waarde}{' ' + x.eenheid if x.eenheid else ''}"
    if isinstance(x, n.Percentage):
        return f"{x.waarde}%"
    if isinstance(x, n.Afronding):
        return ("afronding", x.modus, x.decimalen, vorm(x.expr))
    if isinstance(x, n.Begrenzing):
        return ("begrenzing", vorm(x.expr), vorm(x.minimum) if x.minimum else None,
                vorm(x.maximum) if x.maximum else None)
    if isinstance(x, n.Vergelijking):
        return (x.op, vorm(x.links), *[vorm(r) for r in x.rechts])
    if isinstance(x, n.KenmerkTest):
        return ("niet " if x.ontkend else "") + f"{x.werkwoord} {x.naam.tekst}", vorm(x.onderwerp)
    if isinstance(x, n.LeegTest):
        return ("gevuld" if x.gevuld else "leeg", vorm(x.expr))
    if isinstance(x, n.Samengesteld):
        return (x.kwantor, x.aantal, vorm(x.onderwerp) if x.onderwerp else None, [vorm(i) for i in x.items])
    if isinstance(x, n.Hij):
        return "hij"
    if isinstance(x, n.EnumWaarde):
        return f"'{x.waarde}'"
    if isinstance(x, n.Aggregatie):
        return (x.soort, vorm(x.collectie) if x.collectie else [vorm(i) for i in x.lijst],
                vorm(x.selectie) if x.selectie else None, x.of_nul)
    return type(x).__name__


# ---------------------------------------------------------------- expressions


@pytest.mark.parametrize(("tekst", "verwacht"), [
    ("a plus b maal c", ("plus", "a", ("maal", "b", "c"))),
    ("a min b min c", ("min", ("min", "a", "b"), "c")),
    ("a verminderd met b gedeeld door c", ("verminderd met", "a", ("gedeeld door", "b", "c"))),
    ("(a plus b) maal c", ("maal", ("plus", "a", "b"), "c")),
    ("a gedeeld door (ABS) b", ("gedeeld door abs", "a", "b")),
    ("het inkomen van de partner van een Persoon",
     ("van", "het inkomen", ("van", "de partner", "een Persoon"))),
    ("13,5% van a plus b", ("plus", ("van", "27/2%", "a"), "b")),
    # Rounding and begrenzing are postfix over everything to their left (taal.md §5 [decision]).
    ("a plus 13,5% van b naar beneden afgerond op 2 decimalen",
     ("afronding", "naar beneden", 2, ("plus", "a", ("van", "27/2%", "b")))),
    ("a min b, met een minimum van 0 € naar beneden afgerond op 0 decimalen",
     ("afronding", "naar beneden", 0, ("begrenzing", ("min", "a", "b"), "0 €", None))),
    ("a, met een minimum van 0 € en een maximum van 10 €", ("begrenzing", "a", "0 €", "10 €")),
    ("a, met een maximum van 10 €", ("begrenzing", "a", None, "10 €")),
    ("a rekenkundig afgerond op 1 decimaal", ("afronding", "rekenkundig", 1, "a")),
    ("a richting nul afgerond op 0 decimalen", ("afronding", "richting nul", 0, "a")),
    ("a weg van nul afgerond op 0 decimalen", ("afronding", "weg van nul", 0, "a")),
    ("a naar boven afgerond op 0 decimalen", ("afronding", "naar boven", 0, "a")),
    ("zijn leeftijd plus 67 jr", ("plus", "zijn leeftijd", "67 jr")),
    ("2_1/3 plus -1 plus 1234,56", ("plus", ("plus", "7/3", "-1"), "30864/25")),
])
def test_expressies(tekst: str, verwacht: Any, lex: Lexicon) -> None:
    assert vorm(zin("expressie", tekst, lex)) == verwacht


@pytest.mark.parametrize(("tekst", "bepaler", "aantal"), [
    ("alle leden", "alle", None),
    ("geen leden", "geen", None),
    ("geen van de leden", "geen", None),
    ("ten minste twee leden", "ten minste", 2),
    ("ten minste één van de leden", "ten minste", 1),
    ("tenminste 3 leden", "ten minste", 3),
    ("ten hoogste vier van de leden", "ten hoogste", 4),
    ("hoogstens 1 leden", "ten hoogste", 1),
    ("precies tien leden", "precies", 10),
    ("precies 2 van de leden", "precies", 2),
])
def test_bepalers(tekst: str, bepaler: str, aantal: int | None, lex: Lexicon) -> None:
    x = zin("expressie", tekst, lex)
    assert isinstance(x, n.Naam) and (x.bepaler, x.aantal, x.tekst) == (bepaler, aantal, "leden")


def test_aggregaties_en_datumfuncties(lex: Lexicon) -> None:
    assert vorm(zin("expressie", "het aantal leden van het Huishouden die verzekerd zijn", lex)) == (
        "aantal", ("van", "leden", "het Huishouden"), ("is verzekerd", "die"), False)
    assert vorm(zin("expressie", "de som van het inkomen van alle leden van het Huishouden of 0 als die er niet "
                                 "zijn", lex)) == (
        "som", ("van", "het inkomen", ("van", "alle leden", "het Huishouden")), None, True)
    assert vorm(zin("expressie", "de som van a, 100 € en b", lex)) == ("som", ["a", "100 €", "b"], None, False)
    assert vorm(zin("expressie", "de maximale waarde van a, b en c", lex)) == ("maximum", ["a", "b", "c"], None,
                                                                                False)
    assert vorm(zin("expressie", "de minimale waarde van het inkomen van alle leden van het Huishouden", lex))[0] == (
        "minimum")
    assert vorm(zin("expressie", "de eerste van a en b", lex)) == ("eerste", ["a", "b"], None, False)
    assert vorm(zin("expressie", "de laatste van a en b", lex)) == ("laatste", ["a", "b"], None, False)
    sel = zin("expressie", "het aantal leden van het Huishouden die aan de volgende voorwaarde voldoen: zijn leeftijd "
                           "is kleiner dan 18 jr", lex)
    assert vorm(sel.selectie) == ("alle", None, None, [("kleiner", "zijn leeftijd", "18 jr")])
    t = zin("expressie", "de absolute tijdsduur van zijn geboortedatum tot de Rekendatum in hele maanden", lex)
    assert isinstance(t, n.Tijdsduur) and t.absoluut and t.eenheid == "maanden"
    for tekst, deel in (("de dag uit a", "dag"), ("de maand uit (a)", "maand"), ("het jaar uit (a)", "jaar")):
        x = zin("expressie", tekst, lex)
        assert isinstance(x, n.DatumDeel) and x.deel == deel
    assert isinstance(zin("expressie", "Rekenjaar", lex), n.Rekenjaar)
    assert isinstance(zin("expressie", "de Rekendatum", lex), n.Rekendatum)
    assert isinstance(zin("expressie", "de absolute waarde van (a min b)", lex), n.AbsoluteWaarde)


# ---------------------------------------------------------------- rules and conditions


def test_regelvormen(lex: Lexicon) -> None:
    g = zin("regel_zin", "De toeslag van een Persoon moet berekend worden als a plus b.", lex)
    assert isinstance(g, n.Gelijkstelling) and g.berekend and g.voorwaarde is None
    g = zin("regel_zin", "De toeslag van een Persoon moet gesteld worden op 'x' indien a gelijk is aan b.", lex)
    assert isinstance(g, n.Gelijkstelling) and not g.berekend and vorm(g.voorwaarde) == ("gelijk", "a", "b")
    i = zin("regel_zin", "De toeslag van een Persoon moet geïnitialiseerd worden op 0 €.", lex)
    assert isinstance(i, n.Initialisatie)
    k = zin("regel_zin", "Een Persoon is een volwassene indien zijn leeftijd groter of gelijk is aan 18 jr.", lex)
    assert isinstance(k, n.Kenmerktoekenning) and k.werkwoord == "is" and k.kenmerk.tekst == "volwassene"
    k = zin("regel_zin", "Een Persoon heeft recht op toeslag.", lex)
    assert isinstance(k, n.Kenmerktoekenning) and k.werkwoord == "heeft"
    c = zin("regel_zin", "De leeftijd van een Persoon moet kleiner zijn dan 130 jr.", lex)
    assert isinstance(c, n.Consistentie)
    assert vorm(c.voorwaarde) == ("kleiner", ("van", "de leeftijd", "een Persoon"), "130 jr")
    c = zin("regel_zin", "Het dossiernummer van een Persoon moet gevuld zijn.", lex)
    assert isinstance(c, n.Consistentie) and isinstance(c.voorwaarde, n.LeegTest) and c.voorwaarde.gevuld
    u = zin("regel_zin", "De dossiernummer van alle Personen moeten uniek zijn.", lex)
    assert isinstance(u, n.Uniek)
    v = zin("variabele", "de P is a gedeeld door b", lex)
    assert isinstance(v, n.Variabele) and v.naam == "p"


def test_samengestelde_voorwaarde_met_geneste_opsomming(lex: Lexicon) -> None:
    g = zin("regel_zin", """Een Persoon heeft recht op toeslag
indien hij aan alle volgende voorwaarden voldoet:
• zijn leeftijd is groter of gelijk aan 18 jr
• hij voldoet aan ten minste één van de volgende voorwaarden:
•• hij is verzekerd
•• hij is geen volwassene
• het lid van de Persoon heeft geen recht op toeslag.""", lex)
    assert vorm(g.voorwaarde) == ("alle", None, "hij", [
        ("groter_gelijk", "zijn leeftijd", "18 jr"),
        ("ten_minste", 1, "hij", [("is verzekerd", "hij"), ("niet is volwassene", "hij")]),
        ("niet heeft recht op toeslag", ("van", "het lid", "de Persoon"))])


@pytest.mark.parametrize(("kop", "kwantor", "aantal"), [
    ("indien er aan alle volgende voorwaarden wordt voldaan:", "alle", None),
    ("indien er aan geen van de volgende voorwaarden wordt voldaan:", "geen", None),
    ("indien er aan ten minste twee van de volgende voorwaarden wordt voldaan:", "ten_minste", 2),
    ("indien er aan ten hoogste één van de volgende voorwaarden wordt voldaan:", "ten_hoogste", 1),
    ("indien er aan precies 2 van de volgende voorwaarden wordt voldaan:", "precies", 2),
    ("indien er aan de volgende voorwaarde wordt voldaan:", "alle", None),
])
def test_kwantoren_van_samengestelde_voorwaarden(kop: str, kwantor: str, aantal: int | None, lex: Lexicon) -> None:
    g = zin("regel_zin", f"Een Persoon is verzekerd\n{kop}\n- a is gelijk aan b\n- a is leeg.", lex)
    assert vorm(g.voorwaarde) == (kwantor, aantal, None, [("gelijk", "a", "b"), ("leeg", "a")])


@pytest.mark.parametrize("tekst", [
    "Een Persoon moet voldoen aan alle volgende criteria:\n* a is gevuld\n* b is leeg.",
    "Er moet worden voldaan aan alle volgende criteria:\n* de a van een Persoon is gevuld\n* b is leeg.",
    "Er moet voldaan worden aan alle volgende criteria:\n* de a van een Persoon is gevuld\n* b is leeg.",
])
def test_samengestelde_consistentieregels(tekst: str, lex: Lexicon) -> None:
    c = zin("regel_zin", tekst, lex)
    assert isinstance(c, n.Consistentie) and isinstance(c.voorwaarde, n.Samengesteld)
    assert len(c.voorwaarde.items) == 2


@pytest.mark.parametrize(("tekst", "verwacht"), [
    ("a groter is dan b", ("groter", "a", "b")),
    ("a kleiner of gelijk is aan b", ("kleiner_gelijk", "a", "b")),
    ("a ongelijk is aan b", ("ongelijk", "a", "b")),
    ("a eerder is dan b", ("eerder", "a", "b")),
    ("a later of gelijk is aan b", ("later_gelijk", "a", "b")),
    ("a gelijk is aan 'x', 'y' of 'z'", ("gelijk", "a", "'x'", "'y'", "'z'")),
    ("a leeg is", ("leeg", "a")),
    ("a gevuld is", ("gevuld", "a")),
    ("hij verzekerd is", ("is verzekerd", "hij")),
    ("hij niet verzekerd is", ("niet is verzekerd", "hij")),
    ("hij geen volwassene is", ("niet is volwassene", "hij")),
    ("hij een volwassene is", ("is volwassene", "hij")),
    ("hij recht op toeslag heeft", ("heeft recht op toeslag", "hij")),
    ("hij geen recht op toeslag heeft", ("niet heeft recht op toeslag", "hij")),
    ("alle leden van het Huishouden verzekerd zijn", ("is verzekerd", ("van", "alle leden", "het Huishouden"))),
    ("het Huishouden een lid heeft", ("heeft lid", "het Huishouden")),
])
def test_vraagvorm(tekst: str, verwacht: Any, lex: Lexicon) -> None:
    g = zin("regel_zin", f"Een Persoon is verzekerd indien {tekst}.", lex)
    assert vorm(g.voorwaarde) == verwacht


def test_selectie_met_opsomming(lex: Lexicon) -> None:
    x = zin("expressie", "de som van het inkomen van alle leden van het Huishouden die aan alle volgende "
                         "voorwaarden voldoen:\n• zijn leeftijd is groter dan 18 jr\n• hij is verzekerd", lex)
    assert vorm(x.selectie) == ("alle", None, None, [("groter", "zijn leeftijd", "18 jr"), ("is verzekerd", "hij")])


# ---------------------------------------------------------------- decision-table cells


def test_tabelcellen(lex: Lexicon) -> None:
    assert [vorm(v) for v in zin("tabel_cel", "'a', 'b' of 'c'", lex)] == ["'a'", "'b'", "'c'"]
    assert [vorm(v) for v in zin("tabel_cel", "270 €", lex)] == ["270 €"]
    k = zin("tabel_conclusie", "de toeslag van een Persoon moet gesteld worden op", lex)
    assert k.soort == "conclusie_attribuut"
    k = zin("tabel_conclusie", "een Persoon heeft recht op toeslag", lex)
    assert (k.soort, k.kenmerk.tekst, k.werkwoord) == ("conclusie_kenmerk", "recht op toeslag", "heeft")
    k = zin("tabel_conditie", "indien zijn leeftijd groter of gelijk is aan", lex)
    assert (k.soort, k.op) == ("conditie_vergelijking", "groter_gelijk")
    k = zin("tabel_conditie", "indien hij niet verzekerd is", lex)
    assert (k.soort, k.ontkend) == ("conditie_kenmerk", True)


# ---------------------------------------------------------------- names that are keywords


def test_naam_die_een_sleutelwoord_is_wijkt_waar_de_zin_anders_niet_klopt(lex: Lexicon) -> None:
    # 'jaar' is declared; names win (taal.md §7), but 'het jaar uit (…)' only parses as keywords.
    x = zin("expressie", "het jaar uit (de geboortedatum van een Persoon)", lex)
    assert isinstance(x, n.DatumDeel) and x.deel == "jaar"
    y = zin("expressie", "het jaar van een Persoon", lex)
    assert vorm(y) == ("van", "het jaar", "een Persoon")


# ---------------------------------------------------------------- errors


def test_syntaxfout_met_positie(lex: Lexicon) -> None:
    with pytest.raises(SentenceError) as e:
        zin("regel_zin", "De toeslag van een Persoon moet berekend worden als a plus plus b.", lex)
    assert (e.value.line, e.value.column) == (1, 60)  # the second "plus"
    assert e.value.bericht == "Onverwacht 'plus' in de zin."
    assert e.value.hulp is not None and e.value.hulp.startswith("Verwacht: ")


def test_onvolledige_zin(lex: Lexicon) -> None:
    with pytest.raises(SentenceError, match="houdt onverwacht op"):
        zin("regel_zin", "De toeslag van een Persoon moet berekend worden als", lex)


def test_opsomming_op_verkeerde_diepte(lex: Lexicon) -> None:
    with pytest.raises(SentenceError, match="onverwachte diepte") as e:
        zin("regel_zin", "Een Persoon is verzekerd\nindien er aan alle volgende voorwaarden wordt voldaan:\n"
                         "• a is leeg\n••• b is leeg.", lex)
    assert e.value.line == 4


def test_geneste_kop_zonder_onderdelen(lex: Lexicon) -> None:
    with pytest.raises(SentenceError, match="ontbreken"):
        zin("regel_zin", "Een Persoon is verzekerd\nindien er aan alle volgende voorwaarden wordt voldaan:\n"
                         "• a is leeg\n• er wordt voldaan aan alle volgende voorwaarden:.", lex)


def test_ongeldige_datum_in_een_zin(lex: Lexicon) -> None:
    with pytest.raises(SentenceError, match="bestaat niet"):
        zin("expressie", "30-02-2025", lex)
    with pytest.raises(SentenceError, match="bestaat niet"):
        zin("expressie", "Dd. 30-02-2025", lex)


@pytest.mark.parametrize("tekst", ["dd. 1-7-2025", "Dd. 1-7-2025", "DD. 01-07-2025", "dD.1-7-2025"])
def test_datum_met_dd_in_elke_schrijfwijze(tekst: str, lex: Lexicon) -> None:
    x = zin("expressie", tekst, lex)
    assert isinstance(x, n.DatumWaarde) and x.waarde == date(2025, 7, 1)
    g = zin("regel_zin", f"De geboortedatum van een Persoon moet gesteld worden op {tekst}.", lex)
    assert isinstance(g.expr, n.DatumWaarde) and g.expr.waarde == date(2025, 7, 1)


def test_getal_literal(lex: Lexicon) -> None:
    assert zin("expressie", "1234,56", lex).waarde == Fraction(123456, 100)


@pytest.mark.parametrize("kop", [
    "indien hij aan de volgende voorwaarde voldoet: hij is verzekerd.",
    "indien er aan de volgende voorwaarde wordt voldaan: hij is verzekerd.",
])
def test_een_voorwaarde_zonder_opsommingsteken(kop: str, lex: Lexicon) -> None:
    g = zin("regel_zin", f"Een Persoon is verzekerd {kop}", lex)
    assert isinstance(g.voorwaarde, n.Samengesteld) and vorm(g.voorwaarde.items[0]) == ("is verzekerd", "hij")


def test_bullets_under_daarbij_geldt_get_their_own_message(laad) -> None:  # type: ignore[no-untyped-def]
    # The specification's variables are plain lines (taal.md §3); a bullet used to give
    # "Onverwacht een opsommingsteken in de zin; verwacht: de, een naam, het".
    tekst = (
        "Objecttype de Persoon (mv: Personen) (bezield)\n"
        "\thet inkomen\tNumeriek (niet-negatief getal met 2 decimalen) met eenheid €;\n\t\tbron: geen — test\n"
        "\tde toeslag\tNumeriek (getal met 2 decimalen) met eenheid €;\n\t\tbron: geen — test\n\n"
        "Regel toeslag\n\tbron: geen — test\n\tgeldig altijd\n"
        "\t\tDe toeslag van een Persoon moet berekend worden als A min B.\n\t\tDaarbij geldt:\n"
        "\t\t\t• A is 100 €\n\t\t\t• B is 10% van het inkomen van de Persoon.\n")
    _, diags = laad(tekst)
    fouten = [d for d in diags if d.is_fout]
    assert [(d.code, d.herkomst.span.regel) for d in fouten if d.herkomst] == [("RS002", 12), ("RS002", 13)]
    assert all("Daarbij geldt" in d.bericht and "opsommingsteken" in d.bericht for d in fouten)
    # Without the bullets the same rule is fine.
    _, diags = laad(tekst.replace("• ", ""))
    assert not [d for d in diags if d.is_fout], diags
