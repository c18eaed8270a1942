"""Parsing the sentence forms of taal.md §11 into syntax nodes."""

from __future__ import annotations

import pytest

from regelspraak.syntax import nodes as n
from regelspraak.syntax.lexer import Lexicon, Regel
from regelspraak.syntax.sentences import SentenceError, parse_sentence


@pytest.fixture
def lex() -> Lexicon:
    x = Lexicon()
    for naam, mv in (("Persoon", "Personen"), ("leeftijd", None), ("bsn", None), ("Pot", None), ("bedrag", None),
                     ("deelnemer", "deelnemers"), ("deel", None), ("factor", None), ("rest", None),
                     ("kerstdag", "kerstdagen"), ("voornaam", None), ("achternaam", None)):
        x.add(naam, mv)
    return x


def zin(start: str, tekst: str, lex: Lexicon) -> object:
    return parse_sentence(start, [Regel(i + 1, 1, r) for i, r in enumerate(tekst.split("\n"))], lex, "m.rgs")


def test_tekst_met_expressies(lex: Lexicon) -> None:
    x = zin("expressie", '"u bent «zijn leeftijd» jaar"', lex)
    assert isinstance(x, n.Tekstsamenstelling)
    assert x.delen[0] == "u bent " and isinstance(x.delen[1], n.Naam) and x.delen[2] == " jaar"


@pytest.mark.parametrize("tekst", ['"u bent «zijn leeftijd jaar"', '"u bent » jaar"', '"leeg «» hier"'])
def test_onvolledige_tekstinterpolatie_is_rs019(tekst: str, lex: Lexicon) -> None:
    with pytest.raises(SentenceError) as e:
        zin("expressie", tekst, lex)
    assert e.value.code == "RS019"


def test_functies(lex: Lexicon) -> None:
    w = zin("expressie", "de wortel van 2 naar beneden afgerond op 2 decimalen", lex)
    assert isinstance(w, n.Afronding) and isinstance(w.expr, n.Functie) and w.expr.naam == "wortel"
    m = zin("expressie", "2 maal 3 tot de macht 2", lex)  # the power binds tighter than maal
    assert isinstance(m, n.Bewerking) and isinstance(m.rechts, n.Functie) and m.rechts.naam == "macht"
    d = zin("expressie", "de datum met jaar, maand en dag(2024, 2, 29)", lex)
    assert isinstance(d, n.Functie) and d.naam == "datum_met" and len(d.args) == 3
    p = zin("expressie", "de eerste paasdag van (2025)", lex)
    assert isinstance(p, n.Functie) and p.naam == "paasdag"
    # "tot" of a tijdsduur is not taken for "tot de macht"
    t = zin("expressie", "de tijdsduur van 01-01-2020 tot 01-01-2024 in hele jaren", lex)
    assert isinstance(t, n.Tijdsduur)


def test_controles_in_vraag_en_stellingvorm(lex: Lexicon) -> None:
    r = zin("regel_zin", "Een Persoon is x indien zijn bsn niet aan de elfproef voldoet.", lex)
    assert isinstance(r, n.Kenmerktoekenning) and isinstance(r.voorwaarde, n.Controle)
    assert (r.voorwaarde.soort, r.voorwaarde.ontkend) == ("elfproef", True)
    r = zin("regel_zin", "Een Persoon is x indien er aan alle volgende voorwaarden wordt voldaan:\n"
                         "• zijn bsn is numeriek met exact 9 cijfers\n• regelversie y (altijd) is gevuurd.", lex)
    assert isinstance(r, n.Kenmerktoekenning) and isinstance(r.voorwaarde, n.Samengesteld)
    a, b = r.voorwaarde.items
    assert isinstance(a, n.Controle) and (a.soort, a.aantal) == ("numeriek", 9)
    assert isinstance(b, n.Controle) and b.soort == "gevuurd"


def test_verdeling(lex: Lexicon) -> None:
    v = zin("regel_zin", "Het bedrag van een Pot wordt verdeeld over het deel van alle deelnemers van de Pot, "
                         "waarbij wordt verdeeld:\n• op volgorde van toenemende de factor\n"
                         "• bij een even groot criterium in gelijke delen\n• met een maximum van het bedrag\n"
                         "• afgerond op 0 decimalen naar beneden.\n"
                         "Als onverdeelde rest blijft de rest van de Pot over.",
            lex)
    assert isinstance(v, n.Verdeling) and v.rest is not None
    assert [s.soort for s in v.stappen] == ["volgorde", "gelijkspel_gelijk", "maximum", "afronding"]
    assert not v.stappen[0].afnemend and v.stappen[3].decimalen == 0


def test_creatie_en_dagsoort(lex: Lexicon) -> None:
    o = zin("regel_zin", "Een Pot heeft een deelnemer met de factor gelijk aan 2 en de leeftijd gelijk aan 3.", lex)
    assert isinstance(o, n.ObjectCreatie) and [w[0].key for w in o.waarden] == ["factor", "leeftijd"]
    f = zin("regel_zin", "Een deelnemer van een Pot is een deelnemer van de Pot.", lex)
    assert isinstance(f, n.FeitCreatie) and f.rol.key == "deelnemer"
    d = zin("regel_zin", "Een dag is een kerstdag indien de maand uit (de dag) gelijk is aan 12.", lex)
    assert isinstance(d, n.Dagsoortdefinitie) and d.dagsoort.key == "kerstdag"


def test_uniek_over_meerdere_attributen(lex: Lexicon) -> None:
    u = zin("regel_zin", "De concatenatie van de voornaam en de achternaam van alle Personen moeten uniek zijn.", lex)
    assert isinstance(u, n.Uniek) and len(u.delen) == 1 and len(u.delen[0]) == 2
    u = zin("regel_zin", "De bsn van alle Personen verenigd met de bsn van alle deelnemers van een Pot moeten uniek "
                         "zijn.", lex)
    assert isinstance(u, n.Uniek) and len(u.delen) == 2


@pytest.mark.parametrize(("selectie", "vanaf", "tm", "labels"), [
    ("over alle jaren", None, None, ()),
    ("over de jaren vanaf vorig jaar t/m huidig jaar", "vorig jaar", "huidig jaar", ()),
    ("over de jaren in {twee jaar geleden, vorig jaar en huidig jaar}", None, None,
     ("twee jaar geleden", "vorig jaar", "huidig jaar")),
    ("over de jaren in {vorig jaar}", None, None, ("vorig jaar",)),
])
def test_aggregatie_over_een_dimensie(selectie: str, vanaf: str | None, tm: str | None, labels: tuple[str, ...],
                                      lex: Lexicon) -> None:
    for naam in ("bruto inkomen", "vorig jaar", "huidig jaar", "twee jaar geleden"):
        lex.add(naam)
    lex.add("jaardimensie", "jaren")
    x = zin("expressie", f"de som van het bruto inkomen van de Persoon {selectie}", lex)
    assert isinstance(x, n.DimensieAggregatie) and x.soort == "som" and x.dimensie.key == "jaren"
    assert isinstance(x.attribuut, n.Van) and isinstance(x.attribuut.links, n.Naam)
    assert x.attribuut.links.key == "bruto inkomen"
    assert (x.vanaf.key if x.vanaf else None, x.tm.key if x.tm else None) == (vanaf, tm)
    assert tuple(lab.key for lab in x.labels) == labels
    y = zin("expressie", f"de eerste van zijn bruto inkomen {selectie}", lex)
    assert isinstance(y, n.DimensieAggregatie) and y.soort == "eerste"


def test_tijdseenheden_blijven_eenheden_na_een_getal() -> None:
    # "uren" is a keyword in "in hele uren", but after a number it is still the unit it was.
    from regelspraak.syntax.lexer import tokenize

    soorten = [t.type for t in tokenize([Regel(1, 1, "x plus 3 uren in hele uren")], Lexicon(),
                                        lambda s: s in ("uren", "u"))]
    assert soorten == ["NAME", "PLUS", "NUMBER", "EENHEID", "IN", "HELE", "UREN"]
