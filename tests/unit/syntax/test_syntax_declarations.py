"""Declarations (GegevensSpraak) into syntax nodes: every declaration form of regelspraak-taal.md §2."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from regelspraak.origin import Span
from regelspraak.syntax import declarations as d
from regelspraak.syntax import nodes as n
from regelspraak.syntax.from_text import parse_files, parse_geldig

SP = Span("m.rgs", 1)


def parse(tmp_path: Path, tekst: str) -> tuple[list[n.Declaratie], list[str]]:
    p = tmp_path / "m.rgs"
    p.write_text(tekst, encoding="utf-8")
    files, diags = parse_files([p])
    return list(files[0].declaraties), [f"{x.code}@{x.herkomst.span.regel}" for x in diags if x.herkomst]


# ---------------------------------------------------------------- types


@pytest.mark.parametrize(("tekst", "basis", "teken", "geheel", "decimalen", "eenheid"), [
    ("Numeriek (getal)", "numeriek", None, False, None, None),
    ("Numeriek (geheel getal)", "numeriek", None, True, 0, None),
    ("Numeriek (niet-negatief geheel getal) met eenheid jr", "numeriek", "niet-negatief", True, 0, "jr"),
    ("Numeriek (negatief getal met 3 decimalen)", "numeriek", "negatief", False, 3, None),
    ("Numeriek (positief getal met 1 decimaal)", "numeriek", "positief", False, 1, None),
    ("Numeriek (getal met 2 decimalen) met eenheid €/mnd", "numeriek", None, False, 2, "€/mnd"),
    ("Percentage (getal met 2 decimalen)", "percentage", None, False, 2, None),
    ("Percentage (niet-negatief getal) met eenheid %/jr", "percentage", "niet-negatief", False, None, "%/jr"),
    ("Tekst", "tekst", None, False, None, None),
    ("Boolean", "boolean", None, False, None, None),
    ("Datum in dagen", "datum", None, False, None, None),
    ("numeriek (GEHEEL GETAL);", "numeriek", None, True, 0, None),
])
def test_datatypen(tekst: str, basis: str, teken: str | None, geheel: bool, decimalen: int | None,
                   eenheid: str | None) -> None:
    t = d.parse_type(tekst, SP)
    assert (t.basis, t.teken, t.geheel, t.decimalen, t.eenheid) == (basis, teken, geheel, decimalen, eenheid)


@pytest.mark.parametrize(("tekst", "periode", "basis"), [
    ("Geldbedrag voor elke maand", "maand", "domein"),
    ("Numeriek (getal met 2 decimalen) met eenheid € voor elke dag;", "dag", "numeriek"),
    ("Boolean voor elk jaar", "jaar", "boolean"),
    ("Numeriek (geheel getal)   voor  ELKE   Maand", "maand", "numeriek"),
])
def test_tijdlijn_declaratie(tekst: str, periode: str, basis: str) -> None:
    t = d.parse_type(tekst, SP)
    assert (t.periode, t.basis) == (periode, basis)
    assert d.parse_type("Numeriek (geheel getal)", SP).periode is None


def test_domeinnaam_als_type() -> None:
    t = d.parse_type("Geldbedrag", SP)
    assert (t.basis, t.domein) == ("domein", "Geldbedrag")


@pytest.mark.parametrize(("tekst", "fout"), [
    ("Numeriek", "getalspecificatie"),  # the number spec is mandatory (taal.md §2)
    ("Percentage (decimaal)", "getalspecificatie"),
    ("Geldbedrag gedimensioneerd met jaardimensie voor elke maand", "nog niet ondersteund"),  # RS008
    ("Geldbedrag gedimensioneerd met jaardimensie en jaardimensie", "twee keer"),  # RS020
    ("", "ontbreekt"),
])
def test_ongeldige_datatypen(tekst: str, fout: str) -> None:
    with pytest.raises(d.DeclarationError, match=fout):
        d.parse_type(tekst, SP)


def test_datum_en_tijd_en_dimensie() -> None:
    assert d.parse_type("Datum en tijd in millisecondes", SP).basis == "datumtijd"
    t = d.parse_type("Numeriek (getal met 2 decimalen) met eenheid € gedimensioneerd met de jaardimensie;", SP)
    assert (t.basis, t.decimalen, t.eenheid, t.dimensies) == ("numeriek", 2, "€", ("jaardimensie",))
    t = d.parse_type("Numeriek (geheel getal) gedimensioneerd met jaardimensie, landdimensie en de brutonettodimensie",
                     SP)
    assert t.dimensies == ("jaardimensie", "landdimensie", "brutonettodimensie")


def test_dimensie_met_labels() -> None:
    dim = d.dimensie("Dimensie de jaardimensie, bestaande uit de jaren (na het attribuut met voorzetsel van):",
                     [("1. vorig jaar", SP), ("2. huidig jaar", SP)], SP)
    assert (dim.naam, dim.labels) == ("jaardimensie", ("vorig jaar", "huidig jaar"))
    with pytest.raises(d.DeclarationError, match="label 2"):
        d.dimensie("Dimensie de jaardimensie, bestaande uit de jaren (na het attribuut met voorzetsel van):",
                   [("1. vorig jaar", SP), ("3. huidig jaar", SP)], SP)
    assert dim.voorzetsel == "van" and dim.meervoud == "jaren"
    # The specification's adjectival dimension, with its labels as a list (spec §3.6).
    bn = d.dimensie("Dimensie de brutonettodimensie, bestaande uit de brutonettodimensies (voor het attribuut "
                    "zonder voorzetsel):", [("- bruto", SP), ("- netto", SP)], SP)
    assert (bn.voorzetsel, bn.labels) == (None, ("bruto", "netto"))
    assert d.dimensie("Dimensie de periodedimensie, bestaande uit de perioden (na het attribuut met voorzetsel in):",
                      [("1. maand", SP)], SP).voorzetsel == "in"
    with pytest.raises(d.DeclarationError, match="plaats") as fout:
        d.dimensie("Dimensie de jaardimensie, bestaande uit de jaren (achter het attribuut):", [("1. vorige", SP)], SP)
    assert fout.value.code == "RS020"
    with pytest.raises(d.DeclarationError, match="twee keer"):
        d.dimensie("Dimensie de jaardimensie, bestaande uit de jaren (na het attribuut met voorzetsel van):",
                   [("1. vorig jaar", SP), ("2. Vorig jaar", SP)], SP)


def test_eenheid_met_alleen_een_noemer_en_symbool() -> None:
    e = d.eenheidsysteem("Eenheidsysteem Afstand", [("de meter (mv: meters) m", SP), ("de millimeter mm = /1000 m", SP),
                                                    ("de Amerikaanse dollar USD $", SP)], SP)
    mm = e.eenheden[1]
    assert (mm.naam, mm.afkorting, mm.factor, mm.basis) == ("millimeter", "mm", Fraction(1, 1000), "m")
    dollar = e.eenheden[2]
    assert (dollar.naam, dollar.afkorting, dollar.symbool) == ("Amerikaanse dollar", "USD", "$")


# ---------------------------------------------------------------- attributes and kenmerken


@pytest.mark.parametrize(("regel", "naam", "soort"), [
    ("is verzekerd\tkenmerk (bijvoeglijk);", "verzekerd", "bijvoeglijk"),
    ("het recht op zorgtoeslag\tkenmerk (bezittelijk);", "recht op zorgtoeslag", "bezittelijk"),
    ("de verzekerde volwassene\tkenmerk;", "verzekerde volwassene", "gewoon"),
    # §9 erratum 7: 'is <naam> kenmerk;' without (bijvoeglijk) is a plain kenmerk.
    ("is gehuwd\tkenmerk;", "gehuwd", "gewoon"),
    ("is verzekerd kenmerk (bijvoeglijk)", "verzekerd", "bijvoeglijk"),  # single space, read from the right
])
def test_kenmerkvormen(regel: str, naam: str, soort: str) -> None:
    k = d.parse_member(regel, SP)
    assert isinstance(k, n.KenmerkDecl)
    assert (k.naam, k.soort) == (naam, soort)


@pytest.mark.parametrize(("regel", "naam", "meervoud", "basis"), [
    ("de leeftijd\tNumeriek (niet-negatief geheel getal) met eenheid jr;", "leeftijd", None, "numeriek"),
    ("het dossiernummer (mv: dossiernummers)\tTekst;", "dossiernummer", "dossiernummers", "tekst"),
    ("de leeftijd  Numeriek (geheel getal);", "leeftijd", None, "numeriek"),  # two spaces instead of a TAB
    ("de geboorte datum Datum in dagen;", "geboorte datum", None, "datum"),  # found from the right
    ("het aantal kinderen tot 18 jaar\tNumeriek (geheel getal);", "aantal kinderen tot 18 jaar", None, "numeriek"),
    ("het vinkje\tBoolean", "vinkje", None, "boolean"),
])
def test_attributen(regel: str, naam: str, meervoud: str | None, basis: str) -> None:
    a = d.parse_member(regel, SP)
    assert isinstance(a, n.AttribuutDecl)
    assert (a.naam, a.meervoud, a.type.basis) == (naam, meervoud, basis)


def test_naam_en_type_niet_te_scheiden() -> None:
    with pytest.raises(d.DeclarationError, match="niet scheiden"):
        d.parse_member("zomaar wat woorden", SP)


def test_objecttype_kop() -> None:
    assert d.objecttype_header("Objecttype de Natuurlijk persoon (mv: Natuurlijke personen) (bezield)", SP) == (
        "Natuurlijk persoon", "Natuurlijke personen", True)
    assert d.objecttype_header("Objecttype Huishouden", SP) == ("Huishouden", None, False)
    with pytest.raises(d.DeclarationError):
        d.objecttype_header("Objecttype", SP)


# ---------------------------------------------------------------- Domein, Parameter, Eenheidsysteem


def test_domein_numeriek_met_eenheid() -> None:
    x = d.domein("Domein Maandbedrag is van het type Numeriek (getal met 2 decimalen) met eenheid €/mnd", [], SP)
    assert x.naam == "Maandbedrag" and x.type is not None and x.type.eenheid == "€/mnd"


def test_domein_enumeratie() -> None:
    x = d.domein("Domein Woonland is van het type Enumeratie",
                 [("'Nederland'", SP), ("‘België’", SP), ("Duitsland", SP)], SP)
    assert x.type is None and x.waarden == ("Nederland", "België", "Duitsland")
    with pytest.raises(d.DeclarationError, match="twee keer"):
        d.domein("Domein W is van het type Enumeratie", [("'a'", SP), ("'a'", SP)], SP)
    with pytest.raises(d.DeclarationError, match="geen waarden"):
        d.domein("Domein W is van het type Enumeratie", [], SP)
    with pytest.raises(d.DeclarationError, match="Alleen een Enumeratie"):
        d.domein("Domein W is van het type Tekst", [("'a'", SP)], SP)


@pytest.mark.parametrize("kop", [
    "Parameter de standaardpremie : Numeriek (getal met 2 decimalen) met eenheid €;",
    "Parameter de standaardpremie : Numeriek (getal met 2 decimalen) met eenheid €",
    "Parameter standaardpremie: Numeriek (getal met 2 decimalen) met eenheid €",  # dialect: no article
])
def test_parameter(kop: str) -> None:
    p = d.parameter(kop, SP)
    assert p.naam == "standaardpremie" and p.type.decimalen == 2 and p.type.eenheid == "€"


def test_eenheidsysteem() -> None:
    e = d.eenheidsysteem("Eenheidsysteem Zorgtijd", [
        ("het zorguur (mv: zorguren) zu", SP), ("de zorgdag zd = 8 zu", SP),
        ("het zorgkwartier (mv: zorgkwartieren) zk = 1/4 zu", SP), ("de euro (mv: euro's) EUR €", SP)], SP)
    assert e.naam == "Zorgtijd"
    assert [(x.naam, x.meervoud, x.afkorting, x.symbool, x.factor, x.basis) for x in e.eenheden] == [
        ("zorguur", "zorguren", "zu", None, None, None),
        ("zorgdag", None, "zd", None, Fraction(8), "zu"),
        ("zorgkwartier", "zorgkwartieren", "zk", None, Fraction(1, 4), "zu"),
        ("euro", "euro's", "EUR", "€", None, None)]
    with pytest.raises(d.DeclarationError, match="0"):
        d.eenheidsysteem("Eenheidsysteem X", [("de nul nl = 0 zu", SP)], SP)


# ---------------------------------------------------------------- Feittype


ROLLEN = [("het huishouden\tHuishouden", SP), ("het lid (mv: leden)\tNatuurlijk persoon", SP)]
OBJECTTYPEN = {"huishouden", "natuurlijk persoon"}


@pytest.mark.parametrize(("kardinaliteit", "meervoudig"), [
    # meervoudig[i]: navigating to role i from the other side gives several objects.
    ("Eén huishouden bestaat uit meerdere leden", (False, True)),
    ("Meerdere leden vormen één huishouden", (False, True)),
    ("Eén huishouden heeft één lid", (False, False)),
    ("meerdere huishoudens hebben meerdere leden;", (True, True)),
    ("Een huishouden bestaat uit meerdere leden", (False, True)),  # 'Een' without accents
])
def test_feittype_kardinaliteit(kardinaliteit: str, meervoudig: tuple[bool, bool]) -> None:
    f = d.feittype("Feittype huishoudsamenstelling", [*ROLLEN, (kardinaliteit, SP)], SP, OBJECTTYPEN)
    assert [(r.naam, r.meervoud, r.objecttype) for r in f.rollen] == [
        ("huishouden", None, "Huishouden"), ("lid", "leden", "Natuurlijk persoon")]
    assert f.meervoudig == meervoudig and not f.wederkerig


def test_feittype_rol_zonder_tab() -> None:
    f = d.feittype("Feittype hs", [("het huishouden Huishouden", SP), ("het lid (mv: leden) Natuurlijk persoon", SP),
                                   ("Eén huishouden bestaat uit meerdere leden", SP)], SP, OBJECTTYPEN)
    assert [r.objecttype for r in f.rollen] == ["huishouden", "natuurlijk persoon"]


def test_wederkerig_feittype() -> None:
    f = d.feittype("Wederkerig feittype Toeslagpartnerschap", [
        ("de toeslagpartner\tNatuurlijk persoon", SP), ("Eén toeslagpartner woont samen met één toeslagpartner", SP)],
        SP, OBJECTTYPEN)
    assert f.wederkerig and len(f.rollen) == 1 and f.meervoudig == (False,)


@pytest.mark.parametrize(("regels", "fout"), [
    (ROLLEN, "cardinaliteit ontbreekt"),
    ([*ROLLEN, ("de ouder\tNatuurlijk persoon", SP), ("Eén huishouden bestaat uit meerdere leden", SP)],
     "precies 2 rollen; gevonden: 3"),
    ([*ROLLEN, ("Eén gezin bestaat uit meerdere kinderen", SP)], "noemt de rollen"),
])
def test_ongeldig_feittype(regels: list[tuple[str, Span]], fout: str) -> None:
    with pytest.raises(d.DeclarationError, match=fout):
        d.feittype("Feittype x", regels, SP, OBJECTTYPEN)


# ---------------------------------------------------------------- validity


@pytest.mark.parametrize(("tekst", "vanaf", "tm"), [
    ("altijd", None, None),
    ("vanaf 01-01-2025", date(2025, 1, 1), None),
    ("t/m 31-12-2024", None, date(2024, 12, 31)),
    ("vanaf 2024 t/m 2025", date(2024, 1, 1), date(2025, 12, 31)),
    ("vanaf 1-7-2024 t/m 2024", date(2024, 7, 1), date(2024, 12, 31)),
    ("VANAF dd. 01-01-2025", date(2025, 1, 1), None),
    ("vanaf Dd. 01-01-2025 t/m DD. 31-12-2025", date(2025, 1, 1), date(2025, 12, 31)),
])
def test_geldigheid(tekst: str, vanaf: date | None, tm: date | None) -> None:
    g = parse_geldig(tekst, SP)
    assert (g.vanaf, g.tot_en_met) == (vanaf, tm)


@pytest.mark.parametrize(("tekst", "fout"), [
    ("", "Ongeldige geldigheid"),
    ("morgen", "Ongeldige geldigheid"),
    ("vanaf 2025 t/m 2024", "vóór de begindatum"),
    ("vanaf 30-02-2025", "bestaat niet"),
])
def test_ongeldige_geldigheid(tekst: str, fout: str) -> None:
    with pytest.raises(d.DeclarationError, match=fout):
        parse_geldig(tekst, SP)


# ---------------------------------------------------------------- whole files


def test_bestand_met_alle_declaratievormen(tmp_path: Path) -> None:
    decls, diags = parse(tmp_path, """// commentaar
Eenheidsysteem Zorgtijd
	het zorguur (mv: zorguren) zu
	de zorgdag (mv: zorgdagen) zd = 8 zu

Domein Geldbedrag is van het type Numeriek (getal met 2 decimalen) met eenheid €
	bron: art. 2 lid 1 Wzt
Domein Woonland is van het type Enumeratie
	'Nederland'
	'België'

Objecttype de Natuurlijk persoon (mv: Natuurlijke personen) (bezield)
	bron: artikel 1, eerste lid, Wet op de zorgtoeslag
	--- Een mens; deze toelichting wordt overgeslagen.
	de leeftijd	Numeriek (niet-negatief geheel getal) met eenheid jr;
		bron: artikel 2, tweede lid, Wet op de zorgtoeslag
	het woonland	Woonland; // commentaar achter een attribuut
	is verzekerd	kenmerk (bijvoeglijk);
		bron: jci1.3:c:BWBR0018451&artikel=1
Objecttype het Huishouden (mv: Huishoudens)
	de zorgtijd	Numeriek (getal) met eenheid zd;

Feittype huishoudsamenstelling
	het huishouden	Huishouden
	het lid (mv: leden)	Natuurlijk persoon
Eén huishouden bestaat uit meerdere leden
	bron: art. 2 lid 1 Wzt
Wederkerig feittype Toeslagpartnerschap
	de toeslagpartner	Natuurlijk persoon
Eén toeslagpartner woont samen met één toeslagpartner

Parameter de standaardpremie : Geldbedrag;
	bron: art. 1 Wzt
""")
    assert diags == []
    soorten = [type(x).__name__ for x in decls]
    assert soorten == ["EenheidsysteemDecl", "DomeinDecl", "DomeinDecl", "ObjecttypeDecl", "ObjecttypeDecl",
                       "FeittypeDecl", "FeittypeDecl", "ParameterDecl"]
    persoon = decls[3]
    assert isinstance(persoon, n.ObjecttypeDecl)
    assert persoon.bezield and persoon.meervoud == "Natuurlijke personen"
    assert persoon.bron is not None and persoon.bron.refs[0].artikel == "1"
    assert [a.naam for a in persoon.attributen] == ["leeftijd", "woonland"]
    # A bron line belongs to the declaration line above it.
    leeftijd = persoon.attributen[0]
    assert leeftijd.bron is not None and leeftijd.bron.refs[0].lid == "2"
    assert persoon.attributen[1].bron is None
    assert persoon.kenmerken[0].bron is not None and persoon.kenmerken[0].bron.refs[0].bwb == "BWBR0018451"
    domein = decls[1]
    assert isinstance(domein, n.DomeinDecl) and domein.bron is not None
    feittype = decls[5]
    assert isinstance(feittype, n.FeittypeDecl) and feittype.bron is not None
    parameter = decls[7]
    assert isinstance(parameter, n.ParameterDecl) and parameter.bron is not None


def test_fouten_in_declaraties_met_regelnummer(tmp_path: Path) -> None:
    _, diags = parse(tmp_path, """Objecttype de Persoon
	de leeftijd	Numeriek;
	zomaar wat woorden
Regelgroep iets
Feittype x
	het a	Persoon
Domein D is van het type Enumeratie
""")
    assert sorted(diags, key=lambda x: int(x.split("@")[1])) == ["RS003@2", "RS003@3", "RS008@4", "RS003@5", "RS003@7"]


def test_tekst_buiten_een_blok(tmp_path: Path) -> None:
    _, diags = parse(tmp_path, "zomaar een zin\nObjecttype X\n")
    assert diags == ["RS004@1"]


def test_onleesbaar_bestand(tmp_path: Path) -> None:
    p = tmp_path / "m.rgs"
    p.write_bytes(b"Objecttype \xff\xfe X\n")
    _, diags = parse_files([p])
    assert [x.code for x in diags] == ["RS001"]
