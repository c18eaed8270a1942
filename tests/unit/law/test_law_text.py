"""Plain-text law: the two harvested texts in wetten/aow and tests/data/bronnen and small drafts.

Counts taken by hand, in wetten/aow and tests/data/bronnen:
    grep -cE '^Artikel [0-9]+[a-z]*$' F           AOW 75   AKW 46   (grep -c '^Artikel' gives 78/47:
                                                  the extra lines are sentences like 'Artikel 7, zoals …')
    grep -cE '^[0-9]+[a-z]?\\. ' F                 AOW 193  AKW 130
    grep -cE '^ +([a-z]+|[0-9]+°)\\. ' F           AOW 126  AKW 87
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from regelspraak.diagnostics import Ernst
from regelspraak.law.from_text import parse_tekst
from regelspraak.law.tree import Wet


@pytest.mark.parametrize(
    ("naam", "artikelen", "leden", "onderdelen"), [("aow", 75, 193, 126), ("akw", 46, 130, 87)]
)
def test_aantallen(
    request: pytest.FixtureRequest, naam: str, artikelen: int, leden: int, onderdelen: int
) -> None:
    wet: Wet = request.getfixturevalue(naam)
    telling = Counter(n.soort for n in wet.knopen())
    assert (telling["artikel"], telling["lid"], telling["onderdeel"]) == (artikelen, leden, onderdelen)


def test_kop_en_ids(aow: Wet, akw: Wet) -> None:
    assert (aow.bwb, aow.titel, aow.toestand) == ("BWBR0002221", "Algemene Ouderdomswet", date(2025, 1, 1))
    assert akw.bwb == "BWBR0002368" and akw.titel == "Algemene Kinderbijslagwet"
    n = aow.vind("7a", "1", "n")
    assert n is not None
    assert n.id == "jci1.3:c:BWBR0002221&artikel=7a&lid=1&o=n"
    assert n.tekst == "in 2025: 67 jaar, respectievelijk 17 jaar;"


def test_regelnummers(aow: Wet) -> None:
    # sed -n 68p → 'Artikel 7a'; sed -n 83p → '   n. in 2025: …';
    # sed -n 378p → '      1°. uitkering op grond van de Wet werk en inkomen …' (art. 35 lid 3 onderdeel e)
    art = aow.vind("7a")
    assert art is not None and art.span is not None and (art.span.regel, art.span.kolom) == (68, 1)
    n = aow.vind("7a", "1", "n")
    assert n is not None and n.span is not None and (n.span.regel, n.span.kolom) == (83, 4)
    diep = aow.vind("35", "3", "e.1")
    assert diep is not None and diep.span is not None and (diep.span.regel, diep.span.kolom) == (378, 7)
    assert diep.label == "1°." and diep.id.endswith("&artikel=35&lid=3&o=e&o=1")


def test_zinnen_die_met_artikel_beginnen_zijn_geen_kop(aow: Wet) -> None:
    # Line 479 is 'Artikel 64d', line 480 'Artikel 7, zoals dat luidde …': the text of art. 64d.
    art = aow.vind("64d")
    assert art is not None and art.tekst.startswith("Artikel 7, zoals dat luidde")
    assert sum(1 for a in aow.artikelen() if a.nummer == "7") == 1


def test_ontbrekend_lid_is_waarschuwing(akw: Wet) -> None:
    # The harvested AKW leaves out art. 7 lid 5 (vervallen): a warning, and the law still loads.
    (d,) = akw.diagnostieken
    assert (d.code, d.ernst) == ("RS015", Ernst.WAARSCHUWING)
    assert d.herkomst is not None and d.herkomst.span.regel == 66
    assert "Lid 5 van artikel 7 ontbreekt" in d.bericht


def test_verwijzingen_in_tekst(aow: Wet) -> None:
    d = aow.vind("1", "1", "d")
    assert d is not None
    assert [(v.soort, v.doel, v.bwb) for v in d.verwijzingen] == [
        ("tekst", "jci1.3:c:BWBR0002638&artikel=8&lid=1&o=b", "BWBR0002638")
    ]
    zes = aow.vind("1", "6")
    assert zes is not None
    assert [v.doel for v in zes.verwijzingen] == ["jci1.3:c:BWBR0002221&artikel=1&lid=5&o=d"]
    i = aow.vind("1", "1", "i")
    assert i is not None and [v.doel for v in i.verwijzingen] == ["jci1.3:c:BWBR0002221&artikel=7a"]


CONCEPT = """Wet op de proeftoeslag

Hoofdstuk 1 Algemeen

Artikel 1 Begripsbepalingen
In deze wet wordt verstaan onder:
   a. toetsingsinkomen: het inkomen;
   b. partner: de echtgenoot.

Paragraaf 1.1
Artikel 2
1. Een verzekerde heeft recht op een toeslag.
2. De toeslag bedraagt € 24.
   a. voor een alleenstaande;
      1°. jonger dan 21 jaar;
      2°. ouder;
   b. voor een paar.
met dien verstande dat hij in Nederland woont.

Hoofdstuk 2
Artikel 3
Vervallen.
"""


def test_concept_met_hoofdstukken_en_paragrafen() -> None:
    wet, diags = parse_tekst(CONCEPT, "concept.txt")
    assert diags == []
    assert wet is not None and wet.bwb is None
    assert wet.root.id == "concept:concept"
    h1, h2 = wet.root.kinderen
    assert (h1.label, h1.titel, h1.id) == ("Hoofdstuk 1", "Algemeen", "concept:concept&hoofdstuk=1")
    art1, par = h1.kinderen
    assert art1.titel == "Begripsbepalingen" and art1.tekst == "In deze wet wordt verstaan onder:"
    assert par.id == "concept:concept&hoofdstuk=1&paragraaf=1.1"
    lid2 = wet.vind("2", "2")
    assert lid2 is not None
    assert lid2.tekst == "De toeslag bedraagt € 24. met dien verstande dat hij in Nederland woont."
    assert [k.label for k in lid2.kinderen] == ["a.", "b."]
    tweede = wet.vind("2", "2", "a.2")
    assert tweede is not None and tweede.span is not None and tweede.span.regel == 16
    art3 = wet.vind("3")
    assert art3 is not None and art3.status.vervallen and wet.ouder(art3) is h2


def test_bekende_titel_geeft_bwb() -> None:
    wet, _ = parse_tekst("Wet op de zorgtoeslag\nArtikel 2\n1. Tekst.\n", "wzt-concept.txt")
    assert wet is not None and wet.bwb == "BWBR0018451"
    assert wet.vind("2", "1").id == "jci1.3:c:BWBR0018451&artikel=2&lid=1"  # type: ignore[union-attr]


def test_lid_buiten_volgorde_is_fout_met_regel() -> None:
    _, diags = parse_tekst("Wet x\n\nArtikel 1\n1. Een.\n2. Twee.\n2. Nog eens twee.\n", "x.txt")
    plekken = [(d.code, d.ernst, d.herkomst.span.regel) for d in diags if d.herkomst]
    assert plekken == [("RS014", Ernst.FOUT, 6)]
    assert diags[0].bericht == "Lid 2 van artikel 1 komt twee keer voor."
    _, diags = parse_tekst("Wet x\n\nArtikel 1\n1. Een.\n3. Drie.\n2. Twee.\n", "x.txt")
    assert diags[-1].bericht == "Lid 2 van artikel 1 staat buiten volgorde: het volgt op lid 3."


def test_dubbel_artikel_is_fout_met_beide_regels() -> None:
    wet, diags = parse_tekst("Wet x\nArtikel 1\nTekst.\nArtikel 2\nTekst.\nArtikel 1\nWeer.\n", "x.txt")
    (d,) = diags
    assert (d.code, d.ernst) == ("RS016", Ernst.FOUT)
    assert d.herkomst is not None and d.herkomst.span.regel == 6 and "eerder op regel 2" in d.bericht
    assert wet is not None and [a.id for a in wet.artikelen()][-1] == "concept:x&artikel=1*"


def test_onderdeel_buiten_volgorde_is_waarschuwing() -> None:
    _, diags = parse_tekst("Wet x\nArtikel 1\n1. Tekst:\n   b. twee;\n   a. een.\n", "x.txt")
    assert [(d.code, d.ernst, d.herkomst.span.regel, d.herkomst.span.kolom) for d in diags if d.herkomst] == [
        ("RS018", Ernst.WAARSCHUWING, 5, 4)
    ]


@pytest.mark.parametrize(
    ("tekst", "regel"), [("", 1), ("\n\n   \n", 1), ("Wet zonder artikelen\nTekst.\n", 1)]
)
def test_leeg_of_zonder_artikelen(tekst: str, regel: int) -> None:
    wet, diags = parse_tekst(tekst, "leeg.txt")
    assert wet is None
    assert [(d.code, d.herkomst.span.regel) for d in diags if d.herkomst] == [("RS017", regel)]


def test_romeinse_nummers_alleen_in_hoofdletters() -> None:
    wet, diags = parse_tekst("Wet x\nArtikel 1\nTekst.\nArtikel vervalt.\nArtikel II\nTekst.\n", "x.txt")
    assert diags == [] and wet is not None
    assert [(a.nummer, a.tekst) for a in wet.artikelen()] == [("1", "Tekst. Artikel vervalt."), ("II", "Tekst.")]


@pytest.mark.parametrize("scheiding", ["\u2028", "\u2029", "\x0b", "\x0c", "\x85", "\x1c"])
def test_alleen_echte_regeleinden_tellen(scheiding: str) -> None:
    # A draft pasted from a word processor may hold a soft line break (U+2028, \v): no line end for
    # an editor, so no line end here either (the line numbers would drift); in the text it is a space.
    tekst = f"Wet x\n\nArtikel 1\n1. Het eerste{scheiding}lid.\n3. Oeps.\n"
    wet, diags = parse_tekst(tekst, "x.txt")
    assert [(d.code, d.herkomst.span.regel) for d in diags if d.herkomst] == [("RS015", 5)]
    assert wet is not None and wet.vind("1", "1").tekst == "Het eerste lid."  # type: ignore[union-attr]


def test_cr_en_crlf_blijven_regeleinden() -> None:
    for einde in ("\r\n", "\r"):
        _, diags = parse_tekst(einde.join(["Wet x", "", "Artikel 1", "1. Een.", "3. Oeps.", ""]), "x.txt")
        assert [(d.code, d.herkomst.span.regel) for d in diags if d.herkomst] == [("RS015", 5)]
