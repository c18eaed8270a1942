"""`ontleed` on the real laws: the draft parses with `controleer` (warnings only), every element
has a bron, and the Wzt percentages and vermogensgrens become parameters with the right lid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from regelspraak.cli import app

REPO = Path(__file__).resolve().parents[2]
BRONNEN = REPO / "tests" / "data" / "bronnen"  # the law texts no shipped model implements (README there)
WETTEN = sorted([*REPO.glob("wetten/*/BWBR*.xml"), *REPO.glob("wetten/*/BWBR*.txt"),
                 *BRONNEN.glob("BWBR*.xml"), *BRONNEN.glob("BWBR*.txt")])
WZT = REPO / "wetten" / "zorgtoeslag" / "BWBR0018451_2025-01-01.xml"
runner = CliRunner()


def test_every_law_text_is_in_the_repository() -> None:
    # At least three BWB toestanden and four plain-text harvests (more as models are added), each once: a
    # glob finding nothing must not pass silently, and a text copied into a model folder leaves tests/data.
    assert len(WETTEN) >= 7 and len({p.name for p in WETTEN}) == len(WETTEN)


@pytest.mark.parametrize("wet", WETTEN, ids=lambda p: p.name)
def test_draft_parses_with_only_warnings(wet: Path, tmp_path: Path) -> None:
    r = runner.invoke(app, ["ontleed", str(wet), "--uit", str(tmp_path), "--formaat", "json"])
    assert r.exit_code == 0, r.stdout
    aantallen = json.loads(r.stdout)["aantallen"]
    assert aantallen["parameters"] > 0 and aantallen["regelskeletten"] > 0
    c = runner.invoke(app, ["controleer", str(tmp_path), "--formaat", "json"])
    data = json.loads(c.stdout)
    assert c.exit_code == 0, data["diagnostieken"][:3]
    assert {d["code"] for d in data["diagnostieken"]} <= {"RS603"}  # skeletons only: no RS601 (bron)


def test_wzt_parameters_have_their_lid_as_bron(tmp_path: Path) -> None:
    assert runner.invoke(app, ["ontleed", str(WZT), "--uit", str(tmp_path)]).exit_code == 0
    params = yaml.safe_load((tmp_path / "parameters.yaml").read_text("utf-8"))["parameters"]
    by_value = {(e["waarde"], e["bron"]) for entries in params.values() for e in entries}
    lid3 = "jci1.3:c:BWBR0018451&artikel=2&lid=3"
    for pct in ("4.2730%", "13.7%", "1.8960%"):  # "4.273" would read back as ambiguous
        assert (pct, lid3) in by_value
    art3 = "jci1.3:c:BWBR0018451&artikel=3&lid=1"
    assert ("141896", art3) in by_value and ("179429", art3) in by_value
    rgs = (tmp_path / "ontwerp.rgs").read_text("utf-8")
    assert "TE FORMALISEREN" in rgs and "drempelinkomen" in rgs


def test_bad_law_input_is_exit_2(tmp_path: Path) -> None:
    kapot = tmp_path / "kapot.xml"
    kapot.write_bytes(WZT.read_bytes()[:5000])
    r = runner.invoke(app, ["ontleed", str(kapot)])
    assert r.exit_code == 2
    assert "kapot.xml" in r.stderr
