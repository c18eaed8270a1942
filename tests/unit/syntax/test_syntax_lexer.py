"""The lexicon lexer: declared names longest-first, fixed phrases, keywords, literals, bullets."""

from __future__ import annotations

import pytest

from regelspraak.syntax.lexer import LexError, Lexicon, Regel, normalize, tokenize


@pytest.fixture
def lex() -> Lexicon:
    lx = Lexicon()
    lx.add("aantal kinderen tot 18 jaar")
    lx.add("leeftijd")
    lx.add("lid", meervoud="leden")
    lx.add("Natuurlijk persoon", meervoud="Natuurlijke personen")
    lx.add("recht op zorgtoeslag")
    return lx


def soorten(tekst: str, lex: Lexicon, **kw: object) -> list[tuple[str, str]]:
    return [(t.type, str(t)) for t in tokenize([Regel(1, 1, tekst)], lex, **kw)]  # type: ignore[arg-type]


def test_langste_naam_wint_van_sleutelwoorden(lex: Lexicon) -> None:
    # "het aantal", "tot" and "jaar" are keywords, but the declared name is longer.
    assert soorten("het aantal kinderen tot 18 jaar van een Natuurlijk persoon", lex) == [
        ("HET", "het"), ("NAME", "aantal kinderen tot 18 jaar"), ("VAN", "van"), ("EEN", "een"),
        ("NAME", "Natuurlijk persoon")]


def test_zonder_naam_blijft_het_sleutelwoord(lex: Lexicon) -> None:
    assert soorten("het aantal leden van de Natuurlijke personen", lex) == [
        ("HET", "het"), ("AANTAL", "aantal"), ("NAME", "leden"), ("VAN", "van"), ("DE", "de"),
        ("NAME", "Natuurlijke personen")]


def test_namen_en_sleutelwoorden_hoofdletterongevoelig(lex: Lexicon) -> None:
    assert soorten("DE LEEFTIJD Van EEN natuurlijk PERSOON", lex) == [
        ("DE", "DE"), ("NAME", "LEEFTIJD"), ("VAN", "Van"), ("EEN", "EEN"), ("NAME", "natuurlijk PERSOON")]


def test_meervoud_is_een_naam(lex: Lexicon) -> None:
    assert lex.lookup("Leden") is not None and lex.lookup("leden").meervoud  # type: ignore[union-attr]
    assert lex.lookup("natuurlijke  personen").key == "natuurlijk persoon"  # type: ignore[union-attr]


def test_onbekende_woorden_worden_een_naam(lex: Lexicon) -> None:
    # The run stops at a keyword or a known name, so the resolver can suggest a correction.
    assert soorten("indien onbekende woorden hier leeftijd", lex) == [
        ("INDIEN", "indien"), ("NAME", "onbekende woorden hier"), ("NAME", "leeftijd")]


def test_vaste_frasen(lex: Lexicon) -> None:
    assert [t for t, _ in soorten("x, met een minimum van 3 en een maximum van 5", lex)] == [
        "NAME", "MET_MINIMUM", "NUMBER", "EN_MAXIMUM", "NUMBER"]
    assert [t for t, _ in soorten("x, met een maximum van 5", lex)] == ["NAME", "MET_MAXIMUM", "NUMBER"]
    assert [t for t, _ in soorten("x of 0 als die er niet zijn", lex)] == ["NAME", "OF_NUL"]
    # Without the whole phrase the words are ordinary keywords.
    assert [t for t, _ in soorten("x of 0", lex)] == ["NAME", "OF", "NUMBER"]


@pytest.mark.parametrize(("tekst", "verwacht"), [
    ("18", ("NUMBER", "18")),
    ("-3", ("NUMBER", "-3")),
    ("1234,56", ("NUMBER", "1234,56")),
    ("2_1/3", ("NUMBER", "2_1/3")),
    ("1/3", ("NUMBER", "1/3")),
    ("13,5%", ("PERCENTAGE", "13,5")),
    ("13,5 %", ("PERCENTAGE", "13,5")),
    ("01-01-2025", ("DATUM", "01-01-2025")),
    ("1-2-2025", ("DATUM", "1-2-2025")),
    ("dd. 1-1-2025", ("DATUM", "dd. 1-1-2025")),
    # 'Dd.' as in citations and at the start of a sentence, 'DD.' as some authors type it.
    ("Dd. 1-1-2025", ("DATUM", "Dd. 1-1-2025")),
    ("DD.01-01-2025", ("DATUM", "DD.01-01-2025")),
    ("'met toeslagpartner'", ("ENUMWAARDE", "met toeslagpartner")),
    ("‘met toeslagpartner’", ("ENUMWAARDE", "met toeslagpartner")),
    ('"vrije tekst"', ("TEKST", "vrije tekst")),
    ("“vrije tekst”", ("TEKST", "vrije tekst")),
    ("waar", ("WAAR", "waar")),
    ("één", ("EEN_T", "één")),
    ("geinitialiseerd", ("GEINITIALISEERD", "geinitialiseerd")),
    ("geïnitialiseerd", ("GEINITIALISEERD", "geïnitialiseerd")),
])
def test_letterlijke_waarden(tekst: str, verwacht: tuple[str, str], lex: Lexicon) -> None:
    assert soorten(tekst, lex) == [verwacht]


def test_eenheid_na_een_getal_alleen_als_het_een_eenheid_is(lex: Lexicon) -> None:
    eenheid = {"€", "jr", "€/mnd"}.__contains__
    assert soorten("0 € plus 67 jr plus 5 €/mnd", lex, is_unit=eenheid) == [
        ("NUMBER", "0"), ("EENHEID", "€"), ("PLUS", "plus"), ("NUMBER", "67"), ("EENHEID", "jr"),
        ("PLUS", "plus"), ("NUMBER", "5"), ("EENHEID", "€/mnd")]
    # A keyword after a number is never a unit, even if the unit registry would accept it.
    assert soorten("3 maal 4", lex, is_unit=lambda s: True)[1] == ("MAAL", "maal")


@pytest.mark.parametrize(("regel", "diepte"), [
    ("• x", "1"), ("•• x", "2"), ("▪ x", "1"), ("▪▪ x", "2"), ("- x", "1"), ("-- x", "2"),
    ("* x", "1"), ("** x", "2"), ("\t\t\t•x", "1"),
])
def test_opsommingstekens(regel: str, diepte: str, lex: Lexicon) -> None:
    toks = soorten(regel, lex)
    assert toks[0] == ("BULLET", diepte)
    assert toks[1][0] == "NAME"


def test_negatief_getal_is_geen_opsomming(lex: Lexicon) -> None:
    assert soorten("-3 jr", lex)[0] == ("NUMBER", "-3")


def test_zin_over_meerdere_regels_met_posities(lex: Lexicon) -> None:
    regels = [Regel(4, 3, "de leeftijd van"), Regel(5, 4, "een Natuurlijk persoon.")]
    toks = tokenize(regels, lex)
    assert [(t.type, t.line, t.column) for t in toks] == [
        ("DE", 4, 3), ("NAME", 4, 6), ("VAN", 4, 15), ("EEN", 5, 4), ("NAME", 5, 8), ("PUNT", 5, 26)]
    assert toks[4].end_column == 26  # a name's span covers all of its words


def test_geen_naam_leest_de_woorden_als_sleutelwoorden() -> None:
    lx = Lexicon()
    lx.add("jaar")
    assert soorten("het jaar uit", lx)[1] == ("NAME", "jaar")
    assert [t.type for t in tokenize([Regel(1, 1, "het jaar uit")], lx, geen_naam=frozenset({(1, 5)}))] == [
        "HET", "JAAR", "UIT"]


def test_onverwacht_teken() -> None:
    with pytest.raises(LexError) as e:
        tokenize([Regel(2, 7, "de x % y")], Lexicon())
    assert (e.value.line, e.value.column) == (2, 12)  # column 7 + offset 5


def test_normalize() -> None:
    assert normalize("  Het  Aantal\tKinderen ") == "het aantal kinderen"
    # Decomposed accents (from some editors) compare equal to composed ones.
    assert normalize("Cliënt") == normalize("Clie\u0308nt")
