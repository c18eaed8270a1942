"""wetten/huurtoeslag (issue 13): the Wet op de huurtoeslag 2025 built on the Awir. Its cases pass, it
checks clean, `dekking` reports the three laws with the model's AANNAMEs, and `bereken` reproduces the
amounts the Belastingdienst published for 2025."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from tests.e2e.cli_helpers import cli

ROOT = Path(__file__).resolve().parents[2]
HT = ROOT / "wetten" / "huurtoeslag"
AWIR = ROOT / "wetten" / "awir"


def test_cases_pass_and_model_checks_clean() -> None:
    r = cli("test", str(HT), "--voorbeelden", "20", "--niet-bewaren")
    assert r.code == 0, r.uitvoer
    assert len(list((HT / "gevallen").glob("*.yaml"))) >= 15
    assert "0 gefaald" in r.stdout
    c = cli("controleer", str(HT), str(AWIR))
    assert c.code == 0 and "0 fout(en), 0 waarschuwing(en)" in c.uitvoer, c.uitvoer


def test_dekking_reports_each_law_and_the_aannames() -> None:
    r = cli("dekking", str(HT), "--formaat", "json")
    assert r.code == 0, r.uitvoer
    data = json.loads(r.stdout)
    per_wet = {w["wet"]: w for w in data["per_wet"]}
    assert set(per_wet) == {"Algemene wet inkomensafhankelijke regelingen", "Wet op de huurtoeslag",
                            "Wet verlaging eigen bijdrage huurtoeslag"}
    status = {x["id"]: x["status"] for x in data["leden"]}
    # The amount (art. 21) and the medebewoners of the Awir (art. 7 lid 6, art. 9 lid 3) are formalised here.
    assert status["jci1.3:c:BWBR0008659&artikel=21&lid=2"] == "geformaliseerd"
    assert status["jci1.3:c:BWBR0018472&artikel=7&lid=6"] == "geformaliseerd"
    assert status["jci1.3:c:BWBR0018472&artikel=9&lid=3"] == "geformaliseerd"
    assert status["jci1.3:c:BWBR0008659&artikel=14&lid=1"] == "niet te formaliseren"
    tekst = cli("dekking", str(HT))
    assert "Wet op de huurtoeslag: 24 van 24 te formaliseren leden geformaliseerd" in tekst.stdout
    for naam in ("minimum-inkomensijkpunt voor een meerpersoonshuishouden", "verhoging van de normhuur",
                 "subsidiepercentage tot de aftoppingsgrens"):
        assert f"AANNAME parameter '{naam}'" in tekst.stdout


# The Belastingdienst's test calculation for 2025 as published by Metro (January 2025): a single person of 27,
# kale huur 900, no servicekosten; huurtoeslag per month (rounded down) for sixteen incomes.
GEPUBLICEERD = [(22000, 498), (23500, 482), (25000, 449), (26500, 414), (28000, 378), (29500, 339), (31000, 299),
                (32500, 257), (34000, 215), (35500, 185), (37000, 153), (39500, 98), (41000, 72), (43500, 35),
                (45000, 11), (46500, 0)]


@pytest.mark.parametrize(("inkomen", "per_maand"), GEPUBLICEERD)
def test_bereken_reproduces_the_published_2025_amounts(tmp_path: Path, inkomen: int, per_maand: int) -> None:
    geval = {"rekendatum": "2025-07-01",
             "objecten": {"anna": {"type": "Natuurlijk persoon", "geboortedatum": "1998-03-01",
                                   "toetsingsinkomen": inkomen},
                          "huishouden": {"type": "Huishouden", "huurder": True, "kale huur": 900}},
             "feiten": [{"feittype": "huishoudsamenstelling", "huishouden": "huishouden", "lid": "anna"}]}
    pad = tmp_path / "geval.yaml"
    pad.write_text(yaml.safe_dump(geval), encoding="utf-8")
    r = cli("bereken", str(HT), "--gegevens", str(pad), "--formaat", "json")
    assert r.code == 0, r.uitvoer
    waarden = json.loads(r.stdout)["objecten"]["huishouden"]["attributen"]
    assert int(Fraction(waarden["huurtoeslag per maand"])) == per_maand  # Metro rounds down to whole euros


def test_herleid_traces_the_basishuur_to_both_laws() -> None:
    r = cli("herleid", str(HT), "basishuur")
    assert r.code == 0, r.uitvoer
    assert "artikel 16, Wet op de huurtoeslag" in r.stdout and "in 2025 verlaagd met € 37,14" in r.stdout
