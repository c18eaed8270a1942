"""Constructs this version does not run get RS008 naming them, never a generic syntax error."""

from __future__ import annotations

import pytest

from regelspraak.syntax.lexer import Lexicon, Regel
from regelspraak.syntax.sentences import SentenceError, parse_sentence
from regelspraak.syntax.unsupported import herken


@pytest.fixture
def lex() -> Lexicon:
    x = Lexicon()
    for naam, mv in (("Huishouden", "Huishoudens"), ("lid", "leden"), ("budget", None), ("aandeel", None),
                     ("inkomen", None), ("Persoon", "Personen"), ("reis", None)):
        x.add(naam, mv)
    return x


@pytest.mark.parametrize(
    ("zin", "construct"),
    [
        ("Het budget van een Huishouden wordt verdeeld over het aandeel van alle leden van het Huishouden, "
         "waarbij wordt verdeeld in gelijke delen.", None),  # Verdeling is supported
        ("Het inkomen van een Persoon moet gesteld worden op 0 indien regelversie x is gevuurd.", None),  # supported
        ("Het inkomen van een Persoon moet berekend worden als het uur uit (de Rekendatum).", "uur/minuut uit"),
        ("Het inkomen van een Persoon moet berekend worden als 3 gedurende de tijd dat hij verzekerd is.",
         None),  # timelines: supported (taal.md §11)
        ("Een Persoon heeft een reis met het inkomen gelijk aan 3.", None),  # ObjectCreatie is supported
        ("Een lid van een Huishouden is een lid van het Huishouden.", None),  # FeitCreatie too
        ("Een Persoon is een lid.", None),  # parses: a role test as kenmerktoekenning
    ],
)
def test_niet_ondersteund_noemt_de_constructie(zin: str, construct: str | None, lex: Lexicon) -> None:
    try:
        parse_sentence("regel_zin", [Regel(3, 5, zin)], lex, "m.rgs")
    except SentenceError as e:
        assert construct is not None, e.bericht
        assert e.code == "RS008" and construct.lower() in e.bericht.lower()
        assert (e.line, e.column) == (3, 5)
        return
    assert construct is None


def test_een_gewone_syntaxfout_blijft_rs002(lex: Lexicon) -> None:
    with pytest.raises(SentenceError) as e:
        parse_sentence("regel_zin", [Regel(1, 1, "Het inkomen van een Persoon moet berekend worden als 3 plus plus.")],
                       lex, "m.rgs")
    assert e.value.code == "RS002"
    assert herken("Het inkomen van een Persoon moet berekend worden als 3 plus plus.") is None
