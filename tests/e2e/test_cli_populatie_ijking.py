"""Issue 16, the population round: simuleer prints the published figures beside the model for the AOW (with the
partnership dates the partner supplement reads) and for the zorgtoeslag (both derived spending figures), and
names the new assumptions of the population."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml
from cli_helpers import cli

ROOT = Path(__file__).resolve().parents[2]


def _scenario(tmp: Path, naam: str, personen: int = 20_000) -> Path:
    data = yaml.safe_load((ROOT / "simulaties" / f"{naam}.yaml").read_text("utf-8"))
    data["model"] = str(ROOT / "wetten" / data["model"].split("/")[-1])
    data["populatie"]["mapping"] = str(ROOT / "simulaties" / data["populatie"]["mapping"])
    data["populatie"]["genereer"]["personen"] = personen
    data["resultaten"] = str(tmp / f"res-{naam}")
    sc = tmp / f"{naam}.yaml"
    sc.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    shutil.copy(ROOT / "simulaties" / "ijkpunten.yaml", tmp / "ijkpunten.yaml")
    return sc


def test_aow_simulation_reads_partnership_dates_and_prints_ijkpunten(repo: Path, tmp_path: Path) -> None:
    sc = _scenario(tmp_path, "aow-2025")
    r = cli("simuleer", str(sc))
    assert r.code == 0, r.uitvoer
    assert "Ijkpunten" in r.stdout and "AOW-uitgaven per jaar" in r.stdout
    assert "AANNAME populatie: begindatum van het partnerschap" in r.stdout
    assert "AANNAME populatie: maandinkomen" in r.stdout
    j = json.loads(cli("simuleer", str(sc), "--formaat", "json").stdout)["ijkpunten"]
    uitgaven = next(v for v in j["vergelijkingen"] if v["naam"].startswith("AOW-uitgaven"))
    assert uitgaven["status"] == "gepubliceerd" and int(uitgaven["model"]) > 0


def test_zorgtoeslag_simulation_prints_both_derived_spending_figures(repo: Path, tmp_path: Path) -> None:
    sc = _scenario(tmp_path, "zorgtoeslag-2025")
    r = cli("simuleer", str(sc), "--formaat", "json")
    assert r.code == 0, r.uitvoer
    j = json.loads(r.stdout)["ijkpunten"]
    namen = {v["naam"]: v for v in j["vergelijkingen"]}
    assert namen["uitgaven zorgtoeslag (afgeleid van CBS 2018)"]["status"] == "AANNAME"
    assert any("eigenwoningaftrek" in a for a in j["aannames"])
    assert any("pensioenpremie werknemer" in a for a in j["aannames"])
