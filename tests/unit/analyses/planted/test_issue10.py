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


def test_stacking_60_and_55_percent_is_one_finding_over_the_exact_overlap(tmp_path: Path) -> None:
    map_ = m.maak(tmp_path / "m", m.STAPEL)
    _, data = _json(map_)
    st = [f for f in data["bevindingen"] if f["code"] == "RS406"]
    assert len(st) == 1
    d = st[0]["details"]
    assert (d["van"], d["tot"], d["tarief"]) == ("25000", "30000", "1.15")
    assert {a["uitkomst"]: a["aandeel"] for a in d["aandelen"]} == {"uitkering": "60%", "toeslag": "55%"}
    assert {r["naam"] for r in st[0]["regels"]} == {"uitkering", "toeslag"}


def test_stacking_threshold_is_configurable_and_heffing_counts_negative(tmp_path: Path) -> None:
    analyse = m.ANALYSE + 'stapeling: {drempel: "50%"}\n'
    map_ = m.maak(tmp_path / "m", m.STAPEL, analyse)
    _, data = _json(map_)
    st = sorted((f["details"]["van"], f["details"]["tot"], f["details"]["tarief"])
                for f in data["bevindingen"] if f["code"] == "RS406")
    assert st == [("20000", "25000", "0.6"), ("25000", "30000", "1.15"), ("30000", "35000", "0.55")]
    # The toeslag declared as a heffing (paid): it then rises as the uitkering falls — no stacking.
    map2 = m.maak(tmp_path / "h", m.STAPEL, m.ANALYSE.replace("naam: toeslag}", "naam: toeslag, soort: heffing}"))
    _, data2 = _json(map2)
    assert not [f for f in data2["bevindingen"] if f["code"] == "RS406"]


def test_a_continuous_steep_taper_is_rs404_over_its_whole_range_and_no_cliff(tmp_path: Path) -> None:
    map_ = m.maak(tmp_path / "m", m.TAPER, m.ANALYSE_UITKERING)
    _, data = _json(map_)
    codes = [f["code"] for f in data["bevindingen"]]
    assert "RS402" not in codes and "RS401" not in codes
    steil = [f for f in data["bevindingen"] if f["code"] == "RS404"]
    assert [(f["details"]["van"], f["details"]["tot"], f["details"]["tarief"]) for f in steil] == [
        ("20000", "21000", "1.2")]


def test_two_processes_give_byte_identical_findings(tmp_path: Path) -> None:
    """z3 in a fresh context per question, limited by rlimit: another process (other hash seed,
    other memory layout, other load) gives the same cases and verdicts."""
    import os
    import subprocess
    import sys

    map_ = m.maak(tmp_path / "m", m.CONFLICT_OP_PUNT)
    uit = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        r = subprocess.run([sys.executable, "-m", "regelspraak", "analyseer", str(map_), "--formaat", "json"],
                           capture_output=True, env=env, check=False, timeout=300)
        assert r.returncode == 1, r.stderr
        uit.append(r.stdout)
    assert uit[0] == uit[1]
    assert any(f["code"] == "RS230" for f in json.loads(uit[0])["bevindingen"])


def test_a_gap_names_the_attribute_left_leeg_and_the_rules_that_could_set_it(tmp_path: Path) -> None:
    map_ = m.maak(tmp_path / "m", m.KETEN_HIAAT, m.ANALYSE_UITKERING)
    _, data = _json(map_)
    [gat] = [f for f in data["bevindingen"] if f["code"] == "RS311"]
    assert gat["details"]["leeg"] == "toeslag" and gat["details"]["kan_zetten"] == ["toeslag"]
    assert gat["bericht"].startswith("'toeslag' van een Persoon blijft leeg")
    assert "daardoor blijft ook uitkering leeg" in gat["bericht"]
    assert [r["naam"] for r in gat["regels"]] == ["toeslag"]


def test_leeg_is_leeg_not_a_jump_to_zero(tmp_path: Path) -> None:
    map_ = m.maak(tmp_path / "m", m.LEEG_NA_GRENS, m.ANALYSE_UITKERING)
    _, data = _json(map_)
    assert not [f for f in data["bevindingen"] if f["code"] == "RS402"]
    [s] = [f for f in data["bevindingen"] if f["code"] == "RS401"]
    assert "wordt uitkering leeg (was € 1.573)" in s["bericht"] and s["details"]["na"] == "leeg"
    assert "0" not in s["details"]["na"]


def _paar(tmp_path: Path, analyse: str = m.PAAR_ANALYSE) -> Path:
    map_ = tmp_path / "paar"
    map_.mkdir()
    (map_ / "m.rgs").write_text(m.PAAR, "utf-8")
    (map_ / "analyse.yaml").write_text(analyse, "utf-8")
    return map_


def test_a_joint_declaration_is_flipped_for_both_partners_over_the_whole_domain(tmp_path: Path) -> None:
    _, data = _json(_paar(tmp_path))
    prikkels = {f["details"]["invoer"]: f for f in data["bevindingen"] if f["code"] == "RS501"}
    gescheiden = prikkels["gescheiden levend (Persoon)"]
    # Both partners 500 instead of 350 — found at an income below 20,000, not at the template's 30,000.
    assert gescheiden["bedrag"] == "300" and "voor beide partners samen" in gescheiden["bericht"]
    geval = gescheiden["tegenvoorbeeld"]["objecten"]
    assert geval["p1"]["gescheiden levend"] and geval["p2"]["gescheiden levend"]
    # Hiding the partner: 600 + 600 instead of 350 + 350, again only below 20,000.
    assert prikkels["partnerschap"]["bedrag"] == "500"
    # Administration data (the income register) is not misreportable by the citizen.
    assert "inkomen (Persoon)" not in prikkels
    assert any("inkomen (Persoon): uit een administratie" in o
               for o in data["dekking"]["per_analyse"]["misbruikprikkel"]["overgeslagen"])


def test_one_sided_flip_without_joint_declaration_gains_nothing(tmp_path: Path) -> None:
    _, data = _json(_paar(tmp_path, m.PAAR_ANALYSE.replace(",\n     gezamenlijk: partnerschap", "")))
    assert "gescheiden levend (Persoon)" not in {f["details"]["invoer"] for f in data["bevindingen"]
                                                 if f["code"] == "RS501"}


def test_the_same_cliff_for_both_partners_is_one_finding(tmp_path: Path) -> None:
    _, data = _json(_paar(tmp_path))
    kliffen = [f for f in data["bevindingen"] if f["code"] == "RS402"]
    assert len(kliffen) == 1 and kliffen[0]["details"]["objecten"] == ["p1", "p2"]
    ids = [f["id"] for f in data["bevindingen"]]
    assert len(ids) == len(set(ids))


def test_the_counterexample_file_reproduces_the_finding_with_bereken(tmp_path: Path) -> None:
    map_ = m.maak(tmp_path / "m", m.KLIF, analyse=m.ANALYSE_UITKERING)
    gevallen = tmp_path / "gevallen"
    _, out = _run("analyseer", str(map_), "--tegenvoorbeelden", str(gevallen))
    regel = next(r for r in out.splitlines() if "narekenen: regelspraak bereken" in r)
    pad = regel.split("--gegevens ")[1].split(" ")[0]
    assert Path(pad).is_file() and Path(pad).parent == gevallen
    code, uit = _run("bereken", str(map_), "--gegevens", pad, "--formaat", "json")
    assert code == 0 and json.loads(uit)["objecten"]["p"]["attributen"]["uitkering"] == "0"
