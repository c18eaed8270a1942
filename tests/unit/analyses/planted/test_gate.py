"""Issue 10, the gate: `vergelijk --streng` fails on new AND worsened findings, its summary and
exit code agree, it writes SARIF and JUnit, errors in a bill name the user's own files, and the
temporary copy of the applied bill is removed on every exit."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from regelspraak.cli import app
from tests.unit.analyses.planted import models as m

runner = CliRunner()

REGEL_100 = m.regel("uitkering", "De uitkering van een Persoon moet berekend worden als 6000 € indien zijn inkomen "
                    "kleiner is dan 20000 €.")
REGEL_10 = m.regel("uitkering", "De uitkering van een Persoon moet berekend worden als 100 € indien zijn inkomen "
                   "kleiner is dan 20000 €.")


@pytest.fixture(autouse=True)
def _eigen_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    return tmp


def _bill(tmp_path: Path, regels: str, extra: str = "") -> tuple[Path, Path]:
    huidig = m.maak(tmp_path / "huidig", m.KLIF, m.ANALYSE_UITKERING)
    b = tmp_path / "voorstel"
    b.mkdir()
    (b / "regels.rgs").write_text(regels, "utf-8")
    (b / "voorstel.yaml").write_text(f"naam: test\nhuidig: ../huidig\nregels: regels.rgs\n{extra}", "utf-8")
    return huidig, b


def _vergelijk(huidig: Path, b: Path, *extra: str) -> tuple[int, str]:
    r = runner.invoke(app, ["vergelijk", str(huidig), str(b), *extra])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    return r.exit_code, r.stdout


def test_a_larger_cliff_under_the_same_id_is_worsened_and_fails_the_gate(tmp_path: Path) -> None:
    huidig, b = _bill(tmp_path, REGEL_100)
    sarif, junit = tmp_path / "uit.sarif", tmp_path / "uit.xml"
    code, out = _vergelijk(huidig, b, "--streng", "--formaat", "json", "--sarif", str(sarif), "--junit", str(junit))
    data = json.loads(out)
    assert code == 1
    assert [f["code"] for f in data["analyses"]["verslechterd"]] == ["RS402"]
    assert data["analyses"]["verslechterd"][0]["voor"]["bedrag"] == "1573"
    assert "0 nieuwe en 1 verslechterde" in data["samenvatting"]
    assert [r["ruleId"] for r in json.loads(sarif.read_text("utf-8"))["runs"][0]["results"]] == ["RS402"]
    assert "<failure" in junit.read_text("utf-8")


def test_a_smaller_cliff_is_improved_and_passes(tmp_path: Path) -> None:
    huidig, b = _bill(tmp_path, REGEL_10)
    code, out = _vergelijk(huidig, b, "--streng", "--formaat", "json")
    data = json.loads(out)
    assert code == 0 and len(data["analyses"]["verbeterd"]) == 1
    assert "0 nieuwe en 0 verslechterde" in data["samenvatting"] and not data["poort"]["gezakt"]


def test_summary_and_exit_code_agree_in_text(tmp_path: Path) -> None:
    huidig, b = _bill(tmp_path, REGEL_100)
    code, out = _vergelijk(huidig, b, "--streng")
    assert code == 1 and "Poort (--streng): gezakt, 1 nieuwe of verslechterde" in out


def test_errors_in_a_bill_name_the_users_own_files_and_no_copy_is_left(tmp_path: Path, _eigen_tmp: Path) -> None:
    huidig, b = _bill(tmp_path, "Regel uitkering\n\tgeldig altijd\n\t\tDe uitkering is kapot\n")
    code, _ = _vergelijk(huidig, b)
    r = runner.invoke(app, ["vergelijk", str(huidig), str(b)])
    assert code == 2
    assert str(b / "regels.rgs") in r.stderr or str(b / "regels.rgs") in r.stdout
    assert "regelspraak-voorstel-" not in r.stderr + r.stdout
    assert list(_eigen_tmp.iterdir()) == []
    huidig2, b2 = _bill(tmp_path / "2", REGEL_100, "vervallen: [bestaat niet]\n")
    r = runner.invoke(app, ["vergelijk", str(huidig2), str(b2)])
    assert r.exit_code == 2 and f"{b2 / 'voorstel.yaml'}:4" in r.stderr + r.stdout
    assert list(_eigen_tmp.iterdir()) == []


def test_a_successful_comparison_removes_its_copy_and_never_names_it(tmp_path: Path, _eigen_tmp: Path) -> None:
    huidig, b = _bill(tmp_path, REGEL_10)
    code, out = _vergelijk(huidig, b, "--formaat", "json")
    assert code == 0 and list(_eigen_tmp.iterdir()) == []
    assert str(_eigen_tmp) not in out
    regels = [r["bestand"] for f in json.loads(out)["analyses"]["verbeterd"] for r in f["regels"]]
    assert regels and all(r in (str(huidig / "m.rgs"), str(b / "regels.rgs")) for r in regels)


def test_raising_the_awir_minimum_from_24_to_100_is_a_worsened_cliff(tmp_path: Path) -> None:
    """The issue's example: Awir art. 14 lid 5 minimum €24 → €100 kept the finding's id and passed."""
    huidig = Path(__file__).resolve().parents[4] / "wetten" / "zorgtoeslag"
    b = tmp_path / "voorstel"
    b.mkdir()
    (b / "voorstel.yaml").write_text(
        f"naam: minimum 100\nhuidig: {huidig}\nparameters:\n  minimumbedrag voor toekenning:\n"
        "    - {waarde: 100, vanaf: 2025-01-01, tot_en_met: 2025-12-31, bron: \"Wetsvoorstel, artikel I\"}\n",
        "utf-8")
    code, out = _vergelijk(huidig, b, "--streng", "--formaat", "json")
    data = json.loads(out)
    erger = [(f["voor"]["bedrag"], f["bedrag"])
             for f in data["analyses"]["verslechterd"] if f["code"] == "RS402"]
    assert ("24", "100") in erger
    assert code == 1 and data["poort"]["gezakt"]
