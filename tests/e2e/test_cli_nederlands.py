"""The CLI speaks Dutch also where typer and click would speak English; Ctrl-C and file errors end
with one Dutch line; `--version` answers."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import cli

from regelspraak import __version__
from regelspraak.bestandsfout import waarom
from regelspraak.cli import bereken as bereken_cmd

MODEL = "wetten/zorgtoeslag"
ENGELS = re.compile(r"Missing|No such|Usage|Options\b|Arguments\b|Commands\b|\bError\b|Invalid value|"
                    r"Show this message|\[required\]|\[default|Did you mean|Got unexpected|requires an|"
                    r"is not one of|is not a valid|does not exist|Try '|Aborted|passed|failed|"
                    r"<(?:path|int|str|bool|float|Fraction)>|list\[")


def _tekst(uitvoer: str) -> str:
    return " ".join(uitvoer.replace("│", " ").replace("╭", " ").replace("╰", " ").split())


@pytest.mark.parametrize(("args", "verwacht"), [
    (["bereknen"], "Onbekend commando 'bereknen'. Bedoelde u 'bereken'?"),
    (["bereken"], "Verplicht argument 'MODEL' ontbreekt."),
    (["bereken", MODEL], "Verplichte optie '--gegevens' ontbreekt."),
    (["bereken", MODEL, "--gegevns", "x"], "Onbekende optie '--gegevns'. Bedoelde u '--gegevens'?"),
    (["bereken", MODEL, "--gegevens"], "Optie '--gegevens' vraagt een waarde."),
    (["bereken", MODEL, "--gegevens", "x", "--formaat", "xml"],
     "Ongeldige waarde voor '--formaat': 'xml' is geen van 'tekst', 'json'."),
    (["bereken", MODEL, "extra", "--gegevens", "x"], "Onverwacht extra argument: extra."),
    (["populatie", "--personen", "veel"], "Ongeldige waarde voor '--personen': 'veel': geen getal."),
    (["--onzin"], "Onbekende optie '--onzin'."),
])
def test_gebruiksfouten_in_het_nederlands(repo: Path, args: list[str], verwacht: str) -> None:
    r = cli(*args)
    assert r.code == 2
    tekst = _tekst(r.uitvoer)
    assert verwacht in tekst
    assert "Fout" in tekst and not ENGELS.search(tekst), tekst


COMMANDOS = ("analyseer", "bereken", "controleer", "dekking", "herleid", "ontleed", "populatie", "simuleer", "test",
             "vergelijk", "wet")


@pytest.mark.parametrize("args", [["--help"], *([c, "--help"] for c in COMMANDOS), []])
def test_hulp_in_het_nederlands(args: list[str]) -> None:
    r = cli(*args)
    assert r.code in (0, 2)
    tekst = _tekst(r.uitvoer)
    assert "Gebruik: regelspraak" in tekst and "Toon deze hulp en stop." in tekst and "Opties" in tekst
    assert not ENGELS.search(tekst), ENGELS.findall(tekst)
    # Defaults in Dutch notation ("0,05", not "0.05"); a version (SARIF 2.1.0) is no number.
    assert not re.search(r"(?<![\d.])\d\.\d{1,2}(?![\d.])", tekst)
    if args[:1] == ["bereken"]:
        assert "[verplicht]" in tekst and "Argumenten" in tekst and "[standaard: tekst]" in tekst


def test_soorten_van_waarden_in_het_nederlands() -> None:
    """Typer labels a value by its Python type (`<path>`); the help says `<pad>`, a flag gets no label."""
    import doctest

    from regelspraak.cli import nederlands

    assert doctest.testmod(nederlands).failed == 0
    tekst = _tekst(cli("simuleer", "--help").uitvoer)
    assert "scenario <pad>" in tekst and "--werkers <geheel getal>" in tekst and "--help Toon" in tekst


def test_versie() -> None:
    r = cli("--version")
    assert (r.code, r.stdout) == (0, f"regelspraak {__version__}\n")
    assert cli("--versie").stdout == r.stdout


def test_ctrl_c_een_regel_en_exit_130(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def onderbroken(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(bereken_cmd, "load_or_stop", onderbroken)
    r = cli("bereken", MODEL, "--gegevens", "x.yaml")
    assert r.code == 130
    assert r.uitvoer == "Afgebroken.\n"


def test_ctrl_c_in_een_echt_proces(repo: Path) -> None:
    # SIGINT while the command runs: the same line and code as in-process.
    code = ("import signal, os, time; from regelspraak.cli import main, bereken as b\n"
            "def stop(*a):\n    os.kill(os.getpid(), signal.SIGINT)\n    while True:\n        time.sleep(0.05)\n"
            "b.load_or_stop = stop\nmain()\n")
    p = subprocess.run([sys.executable, "-c", code, "bereken", MODEL, "--gegevens", "x"], capture_output=True,
                       text=True, timeout=60)
    assert (p.returncode, p.stderr, p.stdout) == (130, "Afgebroken.\n", "")


def test_bestandsfout_in_het_nederlands_met_de_naam(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def geen_toegang(*_args: object) -> None:
        raise PermissionError(13, "Permission denied", "geheim/geval.yaml")

    monkeypatch.setattr(bereken_cmd, "load_or_stop", geen_toegang)
    r = cli("bereken", MODEL, "--gegevens", "x.yaml")
    assert r.code == 2
    assert "Kan 'geheim/geval.yaml' niet gebruiken: geen toegang (rechten)." in r.uitvoer
    assert "Permission" not in r.uitvoer and "Traceback" not in r.uitvoer


def test_geval_dat_een_map_is(repo: Path, tmp_path: Path) -> None:
    r = cli("bereken", MODEL, "--gegevens", str(tmp_path))
    assert r.code == 2 and "dit is een map, geen bestand" in r.uitvoer and "Is a directory" not in r.uitvoer


def test_pyarrow_fouten_in_het_nederlands(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pad = tmp_path / "geen.parquet"
    pad.write_bytes(b"dit is geen parquet")
    with pytest.raises(pa.ArrowException) as e:
        pq.read_table(pad)
    assert waarom(e.value) == "geen geldig Parquet-bestand (of een beschadigd)"
    assert waarom(pa.ArrowNotImplementedError("x")) == "een kolomtype dat niet wordt ondersteund"
    assert waarom(pa.ArrowMemoryError("x")) == "te weinig geheugen"


@pytest.mark.parametrize(("fout", "reden"), [
    (FileNotFoundError(2, "No such file or directory"), "het bestand bestaat niet"),
    (IsADirectoryError(21, "Is a directory"), "dit is een map, geen bestand"),
    (NotADirectoryError(20, "Not a directory"), "een deel van het pad is geen map"),
    (OSError(28, "No space left on device"), "de schijf is vol"),
    (OSError(30, "Read-only file system"), "het bestandssysteem is alleen-lezen"),
    (OSError(99999, "Something"), "systeemfout 99999"),
])
def test_os_fouten_in_het_nederlands(fout: OSError, reden: str) -> None:
    assert waarom(fout) == reden
