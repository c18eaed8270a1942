"""Issue 16 end to end: the AOW amounts per half year, the partnertoeslag for every form of partnership,
dekking showing beperkingen and AANNAMEs, simuleer printing published figures and every AANNAME."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml
from cli_helpers import cli

from regelspraak.report.html import render

ROOT = Path(__file__).resolve().parents[2]


def test_aow_cases_pass(repo: Path) -> None:
    r = cli("test", "wetten/aow", "--formaat", "json")
    assert r.code == 0, r.uitvoer
    data = json.loads(r.stdout)
    assert data["gefaald"] == 0 and data["geslaagd"] >= 35


def _bereken(tmp: Path, rekendatum: str, **persoon: object) -> dict[str, object]:
    geval = {"rekendatum": rekendatum, "objecten": {"p": {"type": "Natuurlijk persoon", **persoon}}, "feiten": []}
    pad = tmp / f"g-{rekendatum}.yaml"
    pad.write_text(yaml.safe_dump(geval), "utf-8")
    r = cli("bereken", "wetten/aow", "--gegevens", str(pad), "--formaat", "json")
    assert r.code == 0, r.uitvoer
    attributen: dict[str, object] = json.loads(r.stdout)["objecten"]["p"]["attributen"]
    return attributen


def test_published_amounts_on_both_dates(repo: Path, tmp_path: Path) -> None:
    """Issue 11: the model computes every month of 2025, so one run gives both half years, whatever the
    rekendatum; the yearly total is the sum of the months."""
    pensioen, vakantie = "bruto ouderdomspensioen per maand", "bruto-vakantie-uitkering per maand"
    half = [("2025-01-01", "2025-07-01"), ("2025-07-01", "2026-01-01")]
    for rekendatum in ("2025-01-01", "2025-07-01"):
        a = _bereken(tmp_path, rekendatum, geboortedatum="1950-02-02")
        # SVB per 1 januari and 1 juli 2025: single, full opbouw, and the vakantie-uitkering per month
        assert a[pensioen] == [{"vanaf": v, "tot": t, "waarde": w} for (v, t), w in zip(half, ["1580.92", "1612.44"],
                                                                                          strict=True)]
        assert a[vakantie] == [{"vanaf": v, "tot": t, "waarde": w} for (v, t), w in zip(half, ["102.46", "100.39"],
                                                                                          strict=True)]
        # 6 x 1580.92 + 6 x 1612.44 and 6 x 102.46 + 6 x 100.39
        assert (a["bruto ouderdomspensioen over het jaar"], a["bruto-vakantie-uitkering over het jaar"]) == (
            "19160.16", "1217.1")


def test_dekking_shows_beperkingen_and_no_aow_aannames(repo: Path) -> None:
    r = cli("dekking", "wetten/zorgtoeslag", "--formaat", "json")
    data = json.loads(r.stdout)
    rij = next(x for x in data["leden"] if x["id"] == "jci1.3:c:BWBR0018451&artikel=3&lid=1")
    assert rij["status"] == "geformaliseerd" and "hele" in rij["beperking"]
    awir = {x["id"]: x["status"] for x in data["leden"] if "BWBR0018472&artikel=9" in x["id"]}
    assert awir["jci1.3:c:BWBR0018472&artikel=9&lid=2"] == "geformaliseerd"
    assert awir["jci1.3:c:BWBR0018472&artikel=9a&lid=1"] == "niet te formaliseren"
    aow = json.loads(cli("dekking", "wetten/aow", "--formaat", "json").stdout)
    assert aow["aannames"] == []  # the amounts are published figures now, not assumptions


def test_dekking_shows_every_beperking_of_one_lid(repo: Path) -> None:
    """Art. 1 lid 1 Wzt has two beperkingen (onderdeel c: the 18th birthday; onderdeel f: the drempelinkomen
    rounded to whole euros, an AANNAME without a legal ground found). The second used to replace the first, so
    the drempelinkomen's AANNAME never reached `dekking`."""
    data = json.loads(cli("dekking", "wetten/zorgtoeslag", "--formaat", "json").stdout)
    rij = next(x for x in data["leden"] if x["id"] == "jci1.3:c:BWBR0018451&artikel=1&lid=1")
    assert "Onderdeel c" in rij["beperking"] and "AANNAME. Onderdeel f" in rij["beperking"]


def test_dekking_lists_an_aannname_parameter(repo: Path, tmp_path: Path) -> None:
    doel = tmp_path / "aow"
    shutil.copytree(ROOT / "wetten" / "aow", doel)
    pad = doel / "parameters.yaml"
    pad.write_text(pad.read_text("utf-8").replace("toelichting: Facts file aow.korting_per_niet_verzekerd_jaar",
                                                  "toelichting: AANNAME voor deze test. Facts file", 1)
                   .replace("toelichting: >-\n        Facts file aow.korting_per_niet_verzekerd_jaar",
                            "toelichting: >-\n        AANNAME voor deze test. Facts file aow.korting", 1), "utf-8")
    r = cli("dekking", str(doel))
    assert "AANNAME parameter 'korting per niet-verzekerd jaar'" in r.stdout
    html = render({"aannames": ["AANNAME parameter 'x' = 1: geen bron."]})
    assert "<strong>AANNAME</strong>" in html and 'id="aannames"' in html


def test_simuleer_prints_ijkpunten_and_aannames(repo: Path, tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "simulaties" / "zorgtoeslag-2025.yaml").read_text("utf-8"))
    data["model"] = str(ROOT / "wetten" / "zorgtoeslag")
    data["populatie"]["mapping"] = str(ROOT / "simulaties" / "zorgtoeslag-mapping.yaml")
    data["populatie"]["genereer"]["personen"] = 20_000
    data["resultaten"] = str(tmp_path / "res")
    sc = tmp_path / "zt.yaml"
    sc.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    shutil.copy(ROOT / "simulaties" / "ijkpunten.yaml", tmp_path / "ijkpunten.yaml")
    r = cli("simuleer", str(sc))
    assert r.code == 0, r.uitvoer
    assert "Ijkpunten" in r.stdout and "na niet-gebruik" in r.stdout and "huishoudens met zorgtoeslag" in r.stdout
    assert "AANNAME populatie: rangcorrelatie" in r.stdout and "AANNAME ijkpunt" in r.stdout
    j = json.loads(cli("simuleer", str(sc), "--formaat", "json").stdout)["ijkpunten"]
    per_naam = {v["naam"]: v for v in j["vergelijkingen"]}
    ontv = per_naam["huishoudens met zorgtoeslag (2022, recht min niet-gebruik)"]
    assert int(ontv["na_niet_gebruik"]) < int(ontv["model"]) and ontv["status"] == "afgeleid"
    recht = per_naam["huishoudens met recht op zorgtoeslag (voor niet-gebruik)"]
    assert recht["na_niet_gebruik"] == recht["model"] and recht["status"] == "gepubliceerd"
    (tmp_path / "ijkpunten.yaml").unlink()  # without the file: only the assumptions
    j = json.loads(cli("simuleer", str(sc), "--formaat", "json").stdout)["ijkpunten"]
    assert "vergelijkingen" not in j and j["aannames"]
