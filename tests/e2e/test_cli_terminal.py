"""Terminal safety: escape sequences in law texts, rule files, case names and paths never reach the
terminal as control characters, and rich markup in them ('[/]', '[bold]') is shown, not interpreted
(which used to stop a command with a MarkupError, exit 3)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from regelspraak.cli import app

# Under the test runner nothing is a terminal, so rich adds no styling: any control character
# (except newline and tab) in the output came from the input.
STUUR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
AANVAL = "\x1b]0;gehackt\x07\x1b[2J\x9b31m\u202e[/][bold]"


def _run(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return r.exit_code, r.output


def _veilig(uitvoer: str) -> None:
    assert not STUUR.search(uitvoer), repr(STUUR.findall(uitvoer))
    assert "Traceback" not in uitvoer


def test_regelbestand_met_escapes(tmp_path: Path) -> None:
    model = tmp_path / "m"
    shutil.copytree("wetten/zorgtoeslag", model)
    shutil.copytree(Path("wetten/zorgtoeslag").parent / "awir", Path(model).parent / "awir")  # model.yaml: bouwt_op
    rgs = next(model.glob("*.rgs"))
    rgs.write_text(rgs.read_text("utf-8") + f"\nRegel kapot{AANVAL}\n  geldig altijd {AANVAL}\n", encoding="utf-8")
    code, uit = _run("controleer", str(model))
    assert code == 1
    _veilig(uit)
    assert "␛]0;gehackt" in uit and "[/][bold]" in uit


def _geval(tmp_path: Path) -> Path:
    tekst = Path("wetten/zorgtoeslag/voorbeelden/paar-2025.yaml").read_text("utf-8")
    # YAML writes ESC as \e, BEL as \a; a double-quoted key may hold them.
    tekst = tekst.replace("  carla:", '  "carla\\e]0;gehackt\\a\\e[2J\\x9b31m\\u202e[/][bold]":').replace(
        "lid: carla", 'lid: "carla\\e]0;gehackt\\a\\e[2J\\x9b31m\\u202e[/][bold]"')
    pad = tmp_path / f"geval{AANVAL.replace('/', '')}.yaml"
    pad.write_text(tekst, encoding="utf-8")
    return pad


@pytest.mark.parametrize("extra", [[], ["--uitleg"], ["--formaat", "json"]])
def test_geval_met_escapes_in_een_objectnaam(tmp_path: Path, repo: Path, extra: list[str]) -> None:
    code, uit = _run("bereken", "wetten/zorgtoeslag", "--gegevens", str(_geval(tmp_path)), *extra)
    assert code == 0
    _veilig(uit)
    if extra[-1:] == ["json"]:
        assert any("carla" in k for k in json.loads(uit)["objecten"])  # still valid JSON, the name kept


def test_foutmelding_over_een_bestand_met_escapes_in_de_naam(tmp_path: Path, repo: Path) -> None:
    pad = tmp_path / f"bestaat{AANVAL.replace('/', '')}niet.yaml"
    code, uit = _run("bereken", "wetten/zorgtoeslag", "--gegevens", str(pad))
    assert code == 2
    _veilig(uit)


WET = f"""Wet van de proef{AANVAL}
BWB: BWBR9999999
Geldig vanaf: 2025-01-01

Artikel 1
1. De toeslag{AANVAL} bedraagt € 100.
"""


@pytest.mark.parametrize("args", [["wet"], ["wet", "--formaat", "json"], ["ontleed"]])
def test_wettekst_met_escapes(tmp_path: Path, args: list[str]) -> None:
    pad = tmp_path / "wet.txt"
    pad.write_text(WET, encoding="utf-8")
    code, uit = _run(args[0], str(pad), *args[1:])
    assert code == 0, uit
    _veilig(uit)


def test_ontleed_naar_een_map_met_markup_en_escapes_in_de_naam(tmp_path: Path) -> None:
    pad = tmp_path / "wet.txt"
    pad.write_text(WET, encoding="utf-8")
    doel = tmp_path / f"x[/]{AANVAL.replace('/', '')}"
    code, uit = _run("ontleed", str(pad), "--uit", str(doel))
    assert code == 0, uit
    _veilig(uit)
    assert "x[/]" in uit


def test_voorbeeldgeval_met_escapes_in_de_naam(tmp_path: Path) -> None:
    model = tmp_path / "m"
    shutil.copytree("wetten/zorgtoeslag", model)
    shutil.copytree(Path("wetten/zorgtoeslag").parent / "awir", Path(model).parent / "awir")  # model.yaml: bouwt_op
    geval = next((model / "gevallen").glob("*.yaml"))
    tekst = geval.read_text("utf-8")
    naam = 'naam: "geval\\e]0;gehackt\\a\\e[2J[/][bold]"'
    geval.write_text(re.sub(r"^naam: .*$", lambda _m: naam, tekst, count=1, flags=re.M), encoding="utf-8")
    code, uit = _run("test", str(model))
    assert code == 0, uit
    _veilig(uit)
    assert "[/][bold]" in uit


def test_populatie_naar_een_map_met_markup_in_de_naam(tmp_path: Path, repo: Path) -> None:
    doel = tmp_path / f"pop[/][bold]{AANVAL.replace('/', '')}"
    code, uit = _run("populatie", "--model", "wetten/zorgtoeslag", "--mapping", "simulaties/zorgtoeslag-mapping.yaml",
                     "--personen", "10", "--seed", "1", "--uit", str(doel))
    assert code == 0, uit
    _veilig(uit)
    assert "pop[/][bold]" in uit


@pytest.mark.parametrize("args", [
    ["controleer", "{p}"], ["bereken", "{p}", "--gegevens", "{p}"], ["test", "{p}"], ["wet", "{p}"],
    ["herleid", "wetten/zorgtoeslag", "{p}"], ["herleid", "{p}", "x"], ["dekking", "{p}"], ["ontleed", "{p}"],
    ["simuleer", "{p}"], ["analyseer", "{p}"], ["vergelijk", "{p}", "{p}"],
    ["populatie", "--model", "{p}", "--mapping", "{p}", "--personen", "10", "--seed", "1", "--uit", "{p}"],
])
def test_elk_commando_toont_een_pad_met_escapes_veilig(tmp_path: Path, repo: Path, args: list[str]) -> None:
    pad = str(tmp_path / f"niet{AANVAL.replace('/', '')}hier")
    code, uit = _run(*(a.replace("{p}", pad) for a in args))
    assert code in (1, 2), uit
    _veilig(uit)
