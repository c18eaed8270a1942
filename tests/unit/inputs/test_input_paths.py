"""File names in wet.yaml and in a bill resolve inside their own folder, links followed
(issue 15: `bestand: ../../../etc/passwd` made `controleer` print that file)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from regelspraak.bill import apply
from regelspraak.diagnostics import DiagnosticError
from regelspraak.inputs import wet_yaml
from tests.e2e.cli_helpers import cli

ROOT = Path(__file__).resolve().parents[3]
GEHEIM = "geheime-inhoud-42"


@pytest.fixture
def model(tmp_path: Path) -> Path:
    m = tmp_path / "model"
    shutil.copytree(ROOT / "wetten" / "zorgtoeslag", m)
    shutil.copytree(ROOT / "wetten" / "awir", tmp_path / "awir")  # model.yaml: bouwt_op
    (tmp_path / "geheim.txt").write_text(f"Artikel 1\n{GEHEIM}\n", "utf-8")
    return m


def _wet_yaml(model: Path, bestand: str) -> None:
    pad = model / "wet.yaml"
    pad.write_text(pad.read_text("utf-8").replace("bestand: BWBR0018451_2025-01-01.xml", f"bestand: {bestand}"),
                   "utf-8")


@pytest.mark.parametrize("bestand", ["../geheim.txt", "/etc/passwd", "link.txt", "sub/../../geheim.txt"])
def test_wet_yaml_bestand_outside_the_model_folder_is_refused(model: Path, bestand: str) -> None:
    (model / "link.txt").symlink_to(model.parent / "geheim.txt")
    _wet_yaml(model, bestand)
    with pytest.raises(DiagnosticError) as e:
        wet_yaml.read(model / "wet.yaml")
    [d] = e.value.diagnostics
    assert d.code == "RS911" and "wetten.0.bestand" in d.bericht and ("buiten" in d.bericht or "absoluut" in d.bericht)
    r = cli("controleer", str(model))
    assert r.code == 1, r.uitvoer  # controleer reports unusable files as diagnostics (its contract: 1)
    assert GEHEIM not in r.uitvoer and "root:" not in r.uitvoer
    assert "RS911" in r.uitvoer


def test_link_inside_the_folder_to_a_file_inside_is_fine(model: Path) -> None:
    (model / "link.xml").symlink_to(model / "BWBR0018451_2025-01-01.xml")
    _wet_yaml(model, "link.xml")
    assert len(wet_yaml.read(model / "wet.yaml")) == 1  # the Wzt; the Awir is in the base model wetten/awir


@pytest.mark.parametrize("veld", ["regels", "wetteksten"])
def test_bill_file_names_outside_the_bill_folder_are_refused(tmp_path: Path, veld: str) -> None:
    bill = tmp_path / "voorstel"
    bill.mkdir()
    (tmp_path / "geheim.txt").write_text(GEHEIM, "utf-8")
    huidig = ROOT / "wetten" / "zorgtoeslag"
    tekst = f"naam: x\nhuidig: {huidig}\n"
    tekst += "regels: ../geheim.txt\n" if veld == "regels" else \
        "wetteksten:\n  - {bwb: BWBR0018451, bestand: ../geheim.txt}\n"
    (bill / "voorstel.yaml").write_text(tekst, "utf-8")
    with pytest.raises(DiagnosticError) as e:
        apply.load(bill)
    [d] = e.value.diagnostics
    assert d.code == "RS911" and veld in d.bericht


@pytest.mark.parametrize("naam", ["regelspraak.inputs.paths", "regelspraak.reading", "regelspraak.report.atomic"])
def test_doctests(naam: str) -> None:
    import doctest
    import importlib

    uitslag = doctest.testmod(importlib.import_module(naam), optionflags=doctest.ELLIPSIS)
    assert uitslag.attempted > 0 and uitslag.failed == 0
