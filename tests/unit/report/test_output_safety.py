"""Output never deletes or replaces what regelspraak did not make (issue 15): results folders,
populations, drafts and reports are written atomically, and an existing target that is not an
unchanged earlier output of ours is refused with RS910 (exit 2 on the CLI)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
import yaml

from regelspraak.diagnostics import DiagnosticError
from regelspraak.report.atomic import MERK, controleer_map, html_van_ons, schrijf_map, schrijf_tekst
from tests.e2e.cli_helpers import cli

ROOT = Path(__file__).resolve().parents[3]


def _code(e: pytest.ExceptionInfo[DiagnosticError]) -> str:
    return e.value.diagnostics[0].code


def test_new_folder_is_written_with_marker_and_normal_permissions(tmp_path: Path) -> None:
    doel = tmp_path / "uit"
    with schrijf_map(doel, "resultaten") as tmp:
        (tmp / "a.txt").write_text("1", "utf-8")
        (tmp / "sub").mkdir()
        (tmp / "sub" / "b.txt").write_text("2", "utf-8")
    assert (doel / "a.txt").read_text("utf-8") == "1"
    assert json.loads((doel / MERK).read_text("utf-8"))["regelspraak"] == "resultaten"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(doel.stat().st_mode) == 0o777 & ~umask  # not mkdtemp's 0700
    assert [p.name for p in tmp_path.iterdir()] == ["uit"]  # no temporary left behind


def test_our_unchanged_folder_is_replaced(tmp_path: Path) -> None:
    doel = tmp_path / "uit"
    for inhoud in ("1", "2"):
        with schrijf_map(doel, "resultaten") as tmp:
            (tmp / "a.txt").write_text(inhoud, "utf-8")
    assert (doel / "a.txt").read_text("utf-8") == "2"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["uit"]


@pytest.mark.parametrize("wijzig", ["extra", "bewerkt", "soort", "geen merk"])
def test_folder_not_ours_or_changed_is_refused_and_kept(tmp_path: Path, wijzig: str) -> None:
    doel = tmp_path / "uit"
    with schrijf_map(doel, "resultaten") as tmp:
        (tmp / "a.txt").write_text("1", "utf-8")
    if wijzig == "extra":
        (doel / "notities.txt").write_text("van mij", "utf-8")
    elif wijzig == "bewerkt":
        (doel / "a.txt").write_text("1 en meer", "utf-8")
    elif wijzig == "geen merk":
        (doel / MERK).unlink()
    soort = "populatie" if wijzig == "soort" else "resultaten"
    with pytest.raises(DiagnosticError) as e, schrijf_map(doel, soort):
        pass
    assert _code(e) == "RS910"
    assert (doel / "a.txt").exists()


def test_user_folder_and_file_are_refused(tmp_path: Path) -> None:
    (tmp_path / "scenario.yaml").write_text("mijn werk", "utf-8")
    with pytest.raises(DiagnosticError) as e:
        controleer_map(tmp_path, "resultaten")
    assert _code(e) == "RS910"
    bestand = tmp_path / "somefile.txt"
    bestand.write_text("tekst", "utf-8")
    with pytest.raises(DiagnosticError):
        controleer_map(bestand, "resultaten")
    assert bestand.read_text("utf-8") == "tekst"


def test_empty_folder_may_be_used(tmp_path: Path) -> None:
    doel = tmp_path / "leeg"
    doel.mkdir()
    with schrijf_map(doel, "ontwerp") as tmp:
        (tmp / "x").write_text("", "utf-8")
    assert (doel / "x").exists()


def test_failed_write_leaves_target_and_no_temporary(tmp_path: Path) -> None:
    doel = tmp_path / "uit"
    with pytest.raises(RuntimeError), schrijf_map(doel, "resultaten") as tmp:
        (tmp / "half").write_text("", "utf-8")
        raise RuntimeError("stop")
    assert list(tmp_path.iterdir()) == []


def test_file_is_replaced_only_when_recognised(tmp_path: Path) -> None:
    pad = tmp_path / "rapport.html"
    pad.write_text("<p>mijn eigen pagina</p>", "utf-8")
    with pytest.raises(DiagnosticError):
        schrijf_tekst(pad, "<html>", eigen=html_van_ons)
    assert pad.read_text("utf-8") == "<p>mijn eigen pagina</p>"
    ons = '<head><meta name="generator" content="regelspraak 1"></head>'
    pad.write_text(ons, "utf-8")
    schrijf_tekst(pad, "nieuw", eigen=html_van_ons)
    assert pad.read_text("utf-8") == "nieuw"
    with pytest.raises(DiagnosticError):
        schrijf_tekst(tmp_path, "x", eigen=lambda _: True)  # a folder is never replaced by a file


def _scenario(tmp: Path, resultaten: str) -> Path:
    data = yaml.safe_load((ROOT / "simulaties" / "zorgtoeslag-2025.yaml").read_text("utf-8"))
    data["model"] = str(ROOT / data["model"].removeprefix("../"))
    data["populatie"]["mapping"] = str(ROOT / "simulaties" / data["populatie"]["mapping"])
    data["populatie"]["genereer"]["personen"] = 1000
    data["resultaten"] = resultaten
    pad = tmp / "scenario.yaml"
    pad.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return pad


def test_simuleer_resultaten_dotdot_does_not_wipe_the_users_folder(tmp_path: Path) -> None:
    werk = tmp_path / "werk" / "scenarios"
    werk.mkdir(parents=True)
    (tmp_path / "werk" / "belangrijk.txt").write_text("bewaren", "utf-8")
    pad = _scenario(werk, "..")
    r = cli("simuleer", str(pad))
    assert r.code == 2, r.uitvoer
    assert "RS910" in r.uitvoer
    assert pad.exists() and (tmp_path / "werk" / "belangrijk.txt").read_text("utf-8") == "bewaren"


def test_simuleer_uit_file_is_not_turned_into_a_folder(tmp_path: Path) -> None:
    bestand = tmp_path / "somefile.txt"
    bestand.write_text("tekst", "utf-8")
    r = cli("simuleer", str(_scenario(tmp_path, "r")), "--uit", str(bestand))
    assert r.code == 2, r.uitvoer
    assert bestand.is_file() and bestand.read_text("utf-8") == "tekst"


def test_simuleer_twice_replaces_its_own_results(tmp_path: Path) -> None:
    pad = _scenario(tmp_path, "resultaten")
    for _ in range(2):
        r = cli("simuleer", str(pad), "--formaat", "json")
        assert r.code == 0, r.uitvoer
    assert (tmp_path / "resultaten" / "samenvatting.json").is_file()
    assert stat.S_IMODE((tmp_path / "resultaten").stat().st_mode) & 0o055 == 0o055 & ~_umask()


def _umask() -> int:
    m = os.umask(0)
    os.umask(m)
    return m


def test_ontleed_refuses_a_folder_with_the_users_edits(tmp_path: Path) -> None:
    wet = ROOT / "wetten" / "aow" / "BWBR0002221_2025-01-01.txt"
    uit = tmp_path / "ontwerp"
    assert cli("ontleed", str(wet), "--uit", str(uit)).code == 0
    assert cli("ontleed", str(wet), "--uit", str(uit)).code == 0  # our own, unchanged: replaced
    (uit / "ontwerp.rgs").write_text("// mijn bewerkingen\n", "utf-8")
    r = cli("ontleed", str(wet), "--uit", str(uit))
    assert r.code == 2 and "RS910" in r.uitvoer
    assert (uit / "ontwerp.rgs").read_text("utf-8") == "// mijn bewerkingen\n"
