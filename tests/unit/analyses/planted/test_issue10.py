"""Issue 10 on small planted models: deterministic verdicts, no finding lost to one bad point,
a run that says what it checked, the right words, one finding per thing, and stacking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from regelspraak.cli import app
from tests.unit.analyses.planted import models as m

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    r = runner.invoke(app, list(args))
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    return r.exit_code, r.stdout


def _json(map_: Path, *extra: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code, out = _run("analyseer", str(map_), "--formaat", "json", "--rekendatum", "2025-07-01", *extra)
    return code, json.loads(out)


def test_same_model_twice_gives_byte_identical_findings(tmp_path: Path) -> None:
    map_ = m.maak(tmp_path / "m", m.CONFLICT_OP_PUNT)
    eerste = _run("analyseer", str(map_), "--formaat", "json")
    tweede = _run("analyseer", str(map_), "--formaat", "json")
    assert eerste == tweede
    assert json.loads(eerste[1])["bevindingen"]


@pytest.mark.parametrize("optie", [["--budget", "nan"], ["--budget", "-1"], ["--budget", "0"],
                                   ["--budget", "inf"], ["--rekenlimiet", "-1"]])
def test_invalid_limits_are_exit_2(tmp_path: Path, optie: list[str]) -> None:
    map_ = m.maak(tmp_path / "m", m.KLIF)
    code, _ = _run("analyseer", str(map_), *optie)
    assert code == 2


def test_a_tiny_wall_clock_budget_stops_the_run_and_never_changes_a_verdict(tmp_path: Path) -> None:
    map_ = m.maak(tmp_path / "m", m.KLIF)
    code, _ = _run("analyseer", str(map_), "--budget", "0.000001")
    assert code == 2
    _, ruim = _json(map_, "--budget", "600")
    _, zonder = _json(map_)
    assert ruim == zonder


def test_without_analyse_yaml_the_cliff_is_found_and_derivation_is_stated(tmp_path: Path) -> None:
    map_ = m.maak(tmp_path / "m", m.KLIF, analyse=None)
    code, data = _json(map_)
    klif = [f for f in data["bevindingen"] if f["code"] == "RS402"]
    assert code == 1 and len(klif) == 1 and klif[0]["bedrag"] == "1573"
    assert any("uitkomsten afgeleid" in a for a in data["dekking"]["afgeleid"])
    per = data["dekking"]["per_analyse"]
    assert per["sprong_en_klif"]["gedraaid"] and not per["misbruikprikkel"]["gedraaid"]
    assert per["misbruikprikkel"]["overgeslagen"]


def test_text_output_names_analyses_that_did_not_run(tmp_path: Path) -> None:
    map_ = m.maak(tmp_path / "m", m.KLIF, analyse=None)
    _, out = _run("analyseer", str(map_), "--rekendatum", "2025-07-01")
    assert "niet uitgevoerd: eigenschappen, misbruikprikkel" in out.replace("\n", " ")
    assert "narekenen: regelspraak bereken" in out and '"inkomen": "20000"' in out


def test_a_conflict_at_one_swept_point_is_a_finding_and_the_sweep_goes_on(tmp_path: Path) -> None:
    map_ = m.maak(tmp_path / "m", m.CONFLICT_OP_PUNT)
    code, data = _json(map_)
    assert code == 1
    punt = [f for f in data["bevindingen"] if f["code"] == "RS231"]
    assert len(punt) == 1
    assert {r["naam"] for r in punt[0]["regels"]} == {"laag", "hoog"}
    assert punt[0]["details"]["punt"] == "22000"
    assert punt[0]["tegenvoorbeeld"]["objecten"]["p"]["inkomen"] == "22000"
    klif = [f for f in data["bevindingen"] if f["code"] == "RS402"]
    assert [(f["details"]["van"], f["bedrag"]) for f in klif] == [("29999", "1440")]
