"""herleid and dekking on wetten/zorgtoeslag, both directions, text and JSON; RS602 in controleer."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from regelspraak.cli import app

ROOT = Path(__file__).resolve().parents[2]
ZT = ROOT / "wetten" / "zorgtoeslag"
runner = CliRunner()


def _json(*args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    r = runner.invoke(app, [*args, "--formaat", "json"])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    return r.exit_code, json.loads(r.stdout)


def test_herleid_rule_to_article_text() -> None:
    code, data = _json("herleid", str(ZT), "normpremie")
    assert code == 0
    regel = next(x for x in data["resultaten"] if x["soort"] == "regel")
    ids = [a["id"] for a in regel["artikelen"]]
    assert "jci1.3:c:BWBR0018451&artikel=2&lid=3" in ids
    lid3 = next(a for a in regel["artikelen"] if a["id"].endswith("lid=3"))
    assert "4,273%" in lid3["tekst"]  # the real text of art. 2 lid 3 Wzt 2025
    assert any("moet berekend worden als" in line for line in regel["tekst"])


def test_herleid_lid_to_rules() -> None:
    code, data = _json("herleid", str(ZT), "artikel 2, derde lid, Wet op de zorgtoeslag")
    assert code == 0
    [item] = data["resultaten"]
    assert item["id"] == "jci1.3:c:BWBR0018451&artikel=2&lid=3"
    namen = {(c["soort"], c["naam"]) for c in item["geciteerd_door"]}
    assert ("regel", "normpremie") in namen
    assert ("parameter", "normpercentage met partner") in namen


def test_herleid_short_citation_and_text_output() -> None:
    r = runner.invoke(app, ["herleid", str(ZT), "art. 14 lid 5 Awir"])
    assert r.exit_code == 0
    assert "minder dan € 24" in r.stdout
    assert "zorgtoeslag" in r.stdout


def test_herleid_unknown_target_is_bad_input() -> None:
    r = runner.invoke(app, ["herleid", str(ZT), "normpremi"])
    assert r.exit_code == 2
    assert "normpremie" in r.stderr  # the suggestion


def test_dekking_is_truthful_per_lid() -> None:
    code, data = _json("dekking", str(ZT))
    assert code == 0
    status = {r["id"]: r["status"] for r in data["leden"]}
    assert status["jci1.3:c:BWBR0018451&artikel=2&lid=3"] == "geformaliseerd"
    assert status["jci1.3:c:BWBR0018451&artikel=2&lid=7"] == "niet te formaliseren"
    # Awir art. 14 lid 7 (voorschot after five years) is not modelled, and says so with its reason.
    assert status["jci1.3:c:BWBR0018472&artikel=14&lid=7"] == "niet te formaliseren"
    assert data["geformaliseerd"] + data["niet_te_formaliseren"] + data["niet_gedekt"] == len(data["leden"])


def test_dekking_minimum_gate() -> None:
    # The AOW model leaves three leden uncovered (90.9%); the zorgtoeslag now covers every lid in scope.
    aow = ZT.parent / "aow"
    assert runner.invoke(app, ["dekking", str(aow), "--minimaal", "50"]).exit_code == 0
    r = runner.invoke(app, ["dekking", str(aow), "--minimaal", "99,5"])
    assert r.exit_code == 1
    assert "Onder het minimum" in r.stdout


def test_controleer_reports_unknown_lid_with_suggestion(tmp_path: Path) -> None:
    kopie = tmp_path / "zt"
    shutil.copytree(ZT, kopie)
    shutil.copytree(ROOT / "wetten" / "awir", tmp_path / "awir")  # model.yaml: bouwt_op
    rgs = kopie / "zorgtoeslag.rgs"
    rgs.write_text(rgs.read_text("utf-8").replace("artikel 2, derde lid, Wet op de zorgtoeslag",
                                                  "artikel 2, achtste lid, Wet op de zorgtoeslag", 1), "utf-8")
    code, data = _json("controleer", str(kopie))
    assert code == 1
    [d] = [d for d in data["diagnostieken"] if d["code"] == "RS602"]
    assert "achtste lid" in d["bericht"]
    assert "zevende lid" in d["hulp"]
