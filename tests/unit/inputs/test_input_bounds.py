"""Every input kind is checked for type and size before it is read (issue 15): an 8 GB sparse
file, /dev/zero or a FIFO in the place of a rule file, law text, case file, parameters, wet.yaml,
scenario, mapping, analyse.yaml or a Parquet file ends with a Dutch message, never a hang,
MemoryError or traceback. Long lines are shortened in the excerpt under a diagnostic."""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from regelspraak.diagnostics import Diagnostic, Ernst
from regelspraak.origin import Herkomst, Span
from regelspraak.reading import Leesfout, fragment, lees_bytes
from tests.e2e.cli_helpers import cli

ROOT = Path(__file__).resolve().parents[3]
MODEL = ROOT / "wetten" / "zorgtoeslag"
GEVAL = MODEL / "gevallen" / "01-alleenstaande-2024.yaml"


@pytest.fixture(autouse=True)
def _binnen_tijd() -> Iterator[None]:
    """A hang is the bug being tested for: fail after 30 s instead of waiting forever."""
    def stop(_sig: int, _frame: object) -> None:
        raise TimeoutError("invoer werd eindeloos gelezen")
    oud = signal.signal(signal.SIGALRM, stop)
    signal.alarm(30)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, oud)


def _vijandig(pad: Path, soort: str) -> None:
    if pad.exists() or pad.is_symlink():
        pad.unlink()
    if soort == "fifo":
        os.mkfifo(pad)
    elif soort == "nul":
        pad.symlink_to("/dev/zero")
    elif soort == "groot":
        with open(pad, "wb") as f:
            f.truncate(8 * 1024**3)  # sparse: takes no disk space, but 8 GB to whoever reads it whole
    else:
        pad.mkdir()


SOORTEN = ["fifo", "nul", "groot", "map"]


def _model(tmp: Path) -> Path:
    m = tmp / "model"
    shutil.copytree(MODEL, m)
    shutil.copytree(Path(MODEL).parent / "awir", tmp / "awir")  # model.yaml: bouwt_op
    return m


@pytest.mark.parametrize("soort", SOORTEN)
@pytest.mark.parametrize("bestand", ["zorgtoeslag.rgs", "BWBR0018451_2025-01-01.xml", "wet.yaml"])
def test_model_files(tmp_path: Path, soort: str, bestand: str) -> None:
    m = _model(tmp_path)
    _vijandig(m / bestand, soort)
    r = cli("controleer", str(m))
    assert r.code in (1, 2), r.uitvoer
    assert "Traceback" not in r.uitvoer


@pytest.mark.parametrize("soort", SOORTEN)
@pytest.mark.parametrize("bestand", ["parameters.yaml", "geval"])
def test_bereken_inputs(tmp_path: Path, soort: str, bestand: str) -> None:
    m = _model(tmp_path)
    geval = tmp_path / "geval.yaml"
    shutil.copy(GEVAL, geval)
    _vijandig(geval if bestand == "geval" else m / bestand, soort)
    r = cli("bereken", str(m), "--gegevens", str(geval))
    assert r.code == 2, r.uitvoer
    assert "Traceback" not in r.uitvoer


@pytest.mark.parametrize("soort", SOORTEN)
@pytest.mark.parametrize("bestand", ["scenario", "mapping"])
def test_simuleer_inputs(tmp_path: Path, soort: str, bestand: str) -> None:
    scenario = tmp_path / "s.yaml"
    mapping = tmp_path / "mapping.yaml"
    shutil.copy(ROOT / "simulaties" / "zorgtoeslag-mapping.yaml", mapping)
    scenario.write_text(f"naam: s\nmodel: {MODEL}\nrekendatum: 2025-01-01\npopulatie:\n"
                        "  genereer: {personen: 1000, seed: 1}\n  mapping: mapping.yaml\n"
                        "uitvoer:\n  - {objecttype: Huishouden, attribuut: zorgtoeslag}\n", "utf-8")
    _vijandig(scenario if bestand == "scenario" else mapping, soort)
    r = cli("simuleer", str(scenario))
    assert r.code == 2, r.uitvoer
    assert "Traceback" not in r.uitvoer


@pytest.mark.parametrize("soort", SOORTEN)
def test_analyse_yaml(tmp_path: Path, soort: str) -> None:
    m = _model(tmp_path)
    _vijandig(m / "analyse.yaml", soort)
    r = cli("analyseer", str(m), "--budget", "1")
    assert r.code == 2, r.uitvoer


@pytest.mark.parametrize("soort", ["fifo", "map"])
def test_parquet_in_a_population(tmp_path: Path, soort: str) -> None:
    from regelspraak.diagnostics import DiagnosticError
    from regelspraak.model import folder
    from regelspraak.model.from_syntax import load_model
    from regelspraak.simulate.population import lees_populatie

    model, _ = load_model(list(folder.find(MODEL).rgs))
    pop = tmp_path / "pop"
    pop.mkdir()
    _vijandig(pop / "Natuurlijk persoon.parquet", soort)
    with pytest.raises(DiagnosticError) as e:
        lees_populatie(pop, model)
    assert any("geen gewoon bestand" in d.bericht for d in e.value.diagnostics)


@pytest.mark.parametrize("soort", SOORTEN)
def test_lees_bytes_refuses_before_reading(tmp_path: Path, soort: str) -> None:
    pad = tmp_path / "x"
    _vijandig(pad, soort)
    with pytest.raises(Leesfout):
        lees_bytes(pad, 64 * 1024 * 1024)


def test_excerpt_of_a_long_line_is_shortened(tmp_path: Path) -> None:
    from io import StringIO

    from rich.console import Console

    from regelspraak.report.diagnostics import print_console

    pad = tmp_path / "a.rgs"
    pad.write_text("x" * 100_000 + "FOUT" + "y" * 100_000 + "\n", "utf-8")
    uit = StringIO()
    print_console([Diagnostic("RS001", Ernst.FOUT, "hier", Herkomst(Span(str(pad), 1, 100_001)))],
                  Console(file=uit, width=400))
    tekst = uit.getvalue()
    assert len(tekst) < 1000 and "FOUT" in tekst and "…" in tekst
    regels = tekst.splitlines()
    assert regels[2].index("F") == regels[3].index("^")  # the caret still points at the text meant
    assert fragment("kort", 2) == ("kort", 2)
