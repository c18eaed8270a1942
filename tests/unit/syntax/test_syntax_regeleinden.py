"""Line ends in a rule file: only \\n, \\r\\n and \\r end a line (as in editors, git and grep), so every
line number in a diagnostic is the line the author sees. str.splitlines() also ends a line at \\v, \\f,
\\x1c-\\x1e, \\x85, U+2028 and U+2029; inside a line those are white space."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from regelspraak import origin
from regelspraak.model.from_syntax import load_model
from regelspraak.syntax.from_text import read_blocks

# str.splitlines() line ends that are not line ends in a rule file.
ANDERE_SCHEIDINGEN = ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


def model(scheiding: str, einde: str = "\n") -> str:
    """A model whose rule on line 6 uses an undeclared name; `scheiding` stands in lines 1 and 6."""
    regels = [f"// Model{scheiding}met een ander scheidingsteken", "Objecttype de Persoon",
              "\tde leeftijd\tNumeriek (geheel getal) met eenheid jr;", "Regel r", "\tgeldig altijd",
              f"\t\tDe leeftijd van een{scheiding}Persoon moet berekend worden als de lengte van de Persoon."]
    return einde.join(regels) + einde


@pytest.mark.parametrize("scheiding", ANDERE_SCHEIDINGEN, ids=lambda s: f"U+{ord(s):04X}")
def test_alleen_echte_regeleinden_tellen(scheiding: str, tmp_path: Path) -> None:
    pad = tmp_path / "m.rgs"
    pad.write_text(model(scheiding), encoding="utf-8")
    blocks, diags = read_blocks(pad)
    assert diags == []
    assert [(b.soort, b.kop[0]) for b in blocks] == [("objecttype", 2), ("regel", 4)]
    _, diags = load_model([pad])
    # Inside a line the separator is white space: the sentence reads as usual, and only the
    # undeclared name is reported, at the line and column an editor shows.
    assert [(d.code, d.herkomst.span.regel, d.herkomst.span.kolom) for d in diags if d.herkomst] == [
        ("RS101", 6, 56)]


@pytest.mark.parametrize("einde", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_lf_crlf_en_cr_zijn_regeleinden(einde: str, tmp_path: Path) -> None:
    pad = tmp_path / "m.rgs"
    pad.write_bytes(model(" ", einde).encode("utf-8"))
    _, diags = load_model([pad])
    assert [(d.code, d.herkomst.span.regel) for d in diags if d.herkomst] == [("RS101", 6)]


def test_ongeldige_utf8_telt_regels_op_dezelfde_manier(tmp_path: Path) -> None:
    pad = tmp_path / "m.rgs"
    pad.write_bytes(b"// a\r// b\r\n// c\xc2\x85d\n\xff\n")
    _, diags = read_blocks(pad)
    assert [(d.code, d.herkomst.span.regel) for d in diags if d.herkomst] == [("RS001", 4)]


def test_origin_doctests() -> None:
    uitslag = doctest.testmod(origin)
    assert uitslag.attempted > 0 and uitslag.failed == 0
