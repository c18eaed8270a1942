"""Reading YAML/JSON input files: PyYAML's errors as Dutch messages at the right line and column,
lines counted as an editor counts them, and never PyYAML's English."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

from regelspraak.diagnostics import Diagnostic, DiagnosticError
from regelspraak.inputs import yaml_source

# Words of PyYAML's messages that must not reach a user.
ENGELS = ("found", "expected", "while", "allowed", "could not", "cannot", "token", "stream", "occurrence",
          "special characters", "position", "unicode string", "invalid literal", "but got", "here")


def fout(tmp_path: Path, tekst: str) -> Diagnostic:
    pad = tmp_path / "g.yaml"
    pad.write_text(tekst, encoding="utf-8")
    with pytest.raises(DiagnosticError) as e:
        yaml_source.read(pad)
    [d] = e.value.diagnostics
    assert d.code == "RS901" and d.herkomst is not None and d.herkomst.span.bestand == str(pad)
    assert not any(w in d.bericht.lower() for w in ENGELS), d.bericht
    return d


@pytest.mark.parametrize(("tekst", "regel", "kolom", "bericht"), [
    ("rekendatum: 2025-01-01\nobjecten:\n  a: b: c\n", 3, 7, "hier mag geen ':' staan"),
    ("a: 1\n  b: 2\n", 2, 4, "hier mag geen ':' staan"),
    ("a: 1\nb\nc: 2\n", 2, 1, "de ':' na de naam ontbreekt"),
    ("a:\n\t- 1\n", 2, 1, "een tab kan hier niet staan"),
    ("a: @b\n", 1, 4, "het teken '@' kan geen waarde beginnen"),
    ("a: *x\n", 1, 4, "verwijzing '*x' naar een anker '&x'"),
    ("a: &x 1\nb: &x 2\n", 2, 4, "komt twee keer voor (eerder op regel 1)"),
    ("a: [1, 2\n", 1, 4, "de '[' op deze plek wordt niet gesloten met ']'"),
    ("a: {b: 1\n", 1, 4, "de '{' op deze plek wordt niet gesloten met '}'"),
    ("a: [b\nc: 1\n", 2, 2, "verwacht ',' of ']': de '[' op regel 1 is hier nog niet gesloten"),
    ('a: "abc\n', 1, 4, "de tekst tussen aanhalingstekens die hier begint wordt niet gesloten"),
    ("a: 'abc\n", 1, 4, "de tekst tussen aanhalingstekens die hier begint wordt niet gesloten"),
    ('a: "\\q"\n', 1, 6, "onbekende escape '\\q'"),
    ("a: 1\n---\nb: 2\n", 2, 1, "meer dan één document"),
    ("a: 1\n- b\n", 2, 1, "dit lijstelement ('- ') past niet bij het inspringen"),
    ('a: "x" y\n', 1, 8, "onverwachte inhoud op deze plek"),
    ("a: &\n", 1, 5, "de naam van een anker"),
    ("a: |0\n  x\n", 1, 5, "ongeldige kop van een tekstblok"),
    ("? [1]\n: 2\n", 1, 3, "een lijst of object kan geen veldnaam zijn"),
    ("a: 1\n<<: 5\n", 2, 5, "'<<' voegt alleen velden"),
    ("a: \x01\n", 1, 4, "het teken U+0001 is niet toegestaan"),
    ("a: 0x_\n", 1, 4, "'0x_' is geen geldig getal"),
    ("a: -0b_\n", 1, 4, "'-0b_' is geen geldig getal"),
    ("a: !!python/object:os.system x\n", 1, 4, "wordt niet ondersteund"),
    ("a: 1\nb: 2\na: 3\n", 3, 1, "Veld 'a' komt twee keer voor"),
])
def test_nederlandse_melding_met_regel_en_kolom(tekst: str, regel: int, kolom: int, bericht: str,
                                                tmp_path: Path) -> None:
    d = fout(tmp_path, tekst)
    assert d.herkomst is not None and (d.herkomst.span.regel, d.herkomst.span.kolom) == (regel, kolom), d.bericht
    assert bericht in d.bericht


def test_onbekend_probleem_wordt_algemeen_ongeldige_yaml(tmp_path: Path) -> None:
    # A directive PyYAML refuses in words we do not translate: still Dutch, at its place.
    d = fout(tmp_path, "%YAML 2.0\n---\na: 1\n")
    assert d.bericht == "Ongeldige YAML/JSON."
    assert d.herkomst is not None and (d.herkomst.span.regel, d.herkomst.span.kolom) == (1, 1)


@pytest.mark.parametrize("scheiding", ["\u2028", "\u2029", "\x85"])
def test_regels_geteld_als_in_een_editor(scheiding: str, tmp_path: Path) -> None:
    # PyYAML ends a line at U+2028, U+2029 and NEL too (and folds a NEL in a quoted text into a
    # space: YAML's rule, kept); an editor does not, so neither do the line numbers.
    pad = tmp_path / "g.yaml"
    pad.write_text(f'a: "x{scheiding}y"\nb: 1\n', encoding="utf-8")
    src = yaml_source.read(pad)
    assert src.data["b"] == 1 and src.line(("b",)) == 2
    d = fout(tmp_path, f'a: "x{scheiding}y"\nb: 1\nc: [1\n')
    assert d.herkomst is not None and (d.herkomst.span.regel, d.herkomst.span.kolom) == (3, 4)


def test_ongeldige_utf8_na_cr_regeleinden(tmp_path: Path) -> None:
    pad = tmp_path / "g.yaml"
    pad.write_bytes(b"a: 1\rb: 2\r\nc: \xff\n")
    with pytest.raises(DiagnosticError) as e:
        yaml_source.read(pad)
    [d] = e.value.diagnostics
    assert d.herkomst is not None and d.herkomst.span.regel == 3


@pytest.mark.parametrize("naam", ["yaml_source", "yaml_fouten", "files"])
def test_doctests(naam: str) -> None:
    module = importlib.import_module(f"regelspraak.inputs.{naam}")
    uitslag = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert uitslag.attempted > 0, f"{naam} has no docstring example"
    assert uitslag.failed == 0
