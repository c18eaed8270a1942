"""The kindgebonden-budget model (issue 13) on the CLI: it builds on the Awir, its example cases pass,
`controleer` is clean, `dekking` reports both laws fully covered or explained, and `bereken`,
`herleid` and `analyseer` work on it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.cli_helpers import cli

ROOT = Path(__file__).resolve().parents[2]
KGB = ROOT / "wetten" / "kindgebonden-budget"
GEVAL = KGB / "voorbeelden" / "paar-drie-kinderen-2025.yaml"


def test_controleer_and_test_pass() -> None:
    r = cli("controleer", str(KGB))
    assert r.code == 0 and "0 fout(en), 0 waarschuwing(en)" in r.stdout, r.uitvoer
    r = cli("test", str(KGB), "--voorbeelden", "20", "--niet-bewaren")
    assert r.code == 0 and " 0 gefaald" in r.stdout, r.uitvoer
    assert len(list((KGB / "gevallen").glob("*.yaml"))) >= 3


def test_dekking_covers_every_lid_of_both_laws() -> None:
    r = cli("dekking", str(KGB), "--formaat", "json")
    assert r.code == 0, r.uitvoer
    data = json.loads(r.stdout)
    per_wet = {w["wet"]: w for w in data["per_wet"]}
    assert set(per_wet) == {"Algemene wet inkomensafhankelijke regelingen", "Wet op het kindgebonden budget"}
    assert [x["id"] for x in data["leden"] if x["status"] == "niet gedekt"] == []
    wkgb = [x for x in data["leden"] if "BWBR0022751" in x["id"]]
    assert len(wkgb) >= 14 and [x["id"] for x in wkgb if x["status"] == "niet gedekt"] == []
    assert per_wet["Wet op het kindgebonden budget"]["geformaliseerd"] == 14
    # The €24 minimum: the Awir's parameter and this model's rule together.
    [lid5] = [x for x in data["leden"] if x["id"] == "jci1.3:c:BWBR0018472&artikel=14&lid=5"]
    assert "parameter 'minimumbedrag voor toekenning'" in lid5["door"] and "regel 'kindgebonden budget'" in lid5["door"]
    # The assumptions are shown, not hidden: the secondary minimumloon and the monthly approximation.
    tekst = cli("dekking", str(KGB)).stdout
    assert "AANNAME parameter 'minimumloon per maand in januari voor het kindgebonden budget'" in tekst
    assert "AANNAME: het jaarbedrag is de som over de maanden" in " ".join(tekst.split())


def test_bereken_gives_the_hand_derived_amount_with_its_articles() -> None:
    r = cli("bereken", str(KGB), "--gegevens", str(GEVAL), "--formaat", "json", "--uitleg")
    assert r.code == 0, r.uitvoer
    data = json.loads(r.stdout)
    huishouden = data["objecten"]["huishouden"]["attributen"]
    assert huishouden["kindgebonden budget"] == "6661"
    assert huishouden["inkomensafhankelijke vermindering"] == "1594.305"
    assert "kindgebonden-budget.rgs" in r.stdout and "awir.rgs" in r.stdout


def test_herleid_both_ways() -> None:
    r = cli("herleid", str(KGB), "art. 2 lid 8 Wkgb")
    assert r.code == 0, r.uitvoer
    assert "9.139,00" in r.stdout and "regel inkomensgrens met partner" in r.stdout
    r = cli("herleid", str(KGB), "inkomensafhankelijke vermindering")
    assert r.code == 0 and "zevende lid" in r.stdout, r.uitvoer


def test_analyseer_finds_the_vermogensgrens_cliff() -> None:
    r = cli("analyseer", str(KGB), "--formaat", "json")
    assert r.code == 1, r.uitvoer  # findings: the law has cliffs
    data = json.loads(r.stdout)
    kliffen = [b for b in data["bevindingen"] if b["code"] == "RS402"]
    assert any("141.896 → 141.897" in b["bericht"] for b in kliffen), kliffen
