"""`regelspraak populatie` and `regelspraak simuleer simulaties/toeslagen-2025.yaml` on the toeslagen family at a
small size: every scheme and the combined total are reported, with the armoedeval classes and the ijkpunten."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.e2e.cli_helpers import cli

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "simulaties" / "toeslagen-2025.yaml"


def _klein(tmp_path: Path, personen: int) -> Path:
    data = yaml.safe_load(SCENARIO.read_text("utf-8"))
    data["model"] = str(ROOT / "wetten" / "toeslagen")
    data["populatie"]["genereer"]["personen"] = personen
    data["populatie"]["mapping"] = str(ROOT / "simulaties" / "toeslagen-mapping.yaml")
    data.pop("resultaten")
    pad = tmp_path / "toeslagen-2025.yaml"
    pad.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    # the ijkpunten file is looked up beside the scenario
    (tmp_path / "ijkpunten.yaml").write_text((ROOT / "simulaties" / "ijkpunten.yaml").read_text("utf-8"), "utf-8")
    return pad


def test_populatie_for_the_toeslagen_model(tmp_path: Path) -> None:
    r = cli("populatie", "--model", str(ROOT / "wetten" / "toeslagen"), "--mapping",
            str(ROOT / "simulaties" / "toeslagen-mapping.yaml"), "--personen", "3000", "--seed", "5",
            "--uit", str(tmp_path / "p"))
    assert r.code == 0, r.uitvoer
    namen = {f.name for f in (tmp_path / "p").glob("*.parquet")}
    assert {"Huishouden.parquet", "Natuurlijk persoon.parquet", "kinderen van het huishouden.parquet",
            "medebewoners van het huishouden.parquet"} <= namen


def test_simuleer_toeslagen_scenario(tmp_path: Path) -> None:
    r = cli("simuleer", str(_klein(tmp_path, 4000)), "--formaat", "json")
    assert r.code == 0, r.uitvoer
    s = json.loads(r.stdout)
    u = s["uitvoer"]
    assert set(u) == {"zorgtoeslag", "huurtoeslag", "kindgebonden budget", "totale toeslagen"}
    for naam in ("zorgtoeslag", "huurtoeslag", "kindgebonden budget"):
        assert u[naam]["ontvangers"] > 0 and int(u[naam]["totaal"]) > 0, naam
    # the combined total is the sum of the three (each object's amounts are whole euros)
    som = sum(int(u[n]["totaal"]) for n in ("zorgtoeslag", "huurtoeslag", "kindgebonden budget"))
    assert abs(int(u["totale toeslagen"]["totaal"]) - som) <= 3
    assert {"huishoudtype", "inkomensdeciel", "kinderen met kindgebonden budget"} <= set(u["huurtoeslag"]["groepen"])
    ae = s["armoedeval"]
    assert [k["klasse"] for k in ae["klassen"]] == ["< 20%", "20% – 40%", "40% – 60%", "60% – 80%", "80% – 100%",
                                                     "≥ 100%"]
    assert sum(k["met_uitvoer"] for k in ae["klassen"][1:]) > 0  # somebody loses toeslag on a raise
    namen = {v["naam"] for v in s["ijkpunten"]["vergelijkingen"]}
    assert "uitgaven huurtoeslag (raming 2024)" in namen
    assert any("kale huur" in a for a in s["ijkpunten"]["aannames"])
    tekst = cli("simuleer", str(_klein(tmp_path, 1500)))
    assert tekst.code == 0 and "Armoedeval" in tekst.stdout and "huurtoeslag" in tekst.stdout
