"""`regelspraak test` searches the declared properties over the whole input space: a violated
property exits 1 with a JUnit failure and a case file for `bereken`; the next run replays it
first; `vergelijk` checks the properties between versions."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

from cli_helpers import cli

# Two inputs: the allowance rises with income whenever the rent is above 800 (a model of the
# property-search unit tests).
MODEL = (Path(__file__).parents[1] / "unit" / "properties" / "modellen" / "twee.rgs").read_text("utf-8")
ANALYSE = """uitkomsten: [{objecttype: Persoon, naam: toeslag}]
domeinen:
  - {objecttype: Persoon, naam: inkomen, minimum: 0, maximum: 60000}
  - {objecttype: Persoon, naam: huur, minimum: 0, maximum: 2000}
"""
EIGENSCHAPPEN = """zoekruimte: {aantallen: {Persoon: {minimum: 1, maximum: 1}}}
eigenschappen:
  - naam: de toeslag stijgt niet met het inkomen
    soort: monotonie
    uitkomst: {objecttype: Persoon, naam: toeslag}
    invoer: {objecttype: Persoon, naam: inkomen}
    richting: niet-stijgend
"""


def _model(map_: Path, regels: str = MODEL, eigenschappen: str = EIGENSCHAPPEN) -> Path:
    map_.mkdir(parents=True)
    (map_ / "m.rgs").write_text(regels, "utf-8")
    (map_ / "analyse.yaml").write_text(ANALYSE, "utf-8")
    (map_ / "eigenschappen.yaml").write_text(eigenschappen, "utf-8")
    return map_


def test_violation_exits_1_with_junit_and_a_case_file_then_replays(tmp_path: Path) -> None:
    m = _model(tmp_path / "m")
    r = cli("test", str(m), "--formaat", "junit", "--voorbeelden", "100", "--bewaar")
    assert r.code == 1
    suite = ElementTree.fromstring(r.stdout.encode("utf-8"))
    [fout] = suite.iter("failure")
    assert "van 100 naar 100.01" in (fout.get("message") or "")
    [gevalbestand] = [p for p in (m / "tegenvoorbeelden").glob("*.yaml") if not p.name.endswith(".eigenschap.yaml")]
    b = cli("bereken", str(m), "--gegevens", str(gevalbestand), "--uitleg", "--formaat", "json")
    assert b.code == 0, b.uitvoer
    persoon = json.loads(b.stdout)["objecten"]["persoon1"]
    assert persoon is not None and "800.01" in json.dumps(persoon)
    again = cli("test", str(m), "--formaat", "json", "--voorbeelden", "100")
    assert again.code == 1
    [g] = json.loads(again.stdout)["gevallen"]
    assert g["naam"].startswith("tegenvoorbeeld: ") and not g["geslaagd"]
    f = g["bevinding"]  # the finding: verdict, case, `bereken --uitleg` traces, rules
    assert f["code"] == "RS410" and f["oordeel"] == "tegenvoorbeeld"
    assert [r["naam"] for r in f["regels"]] == ["toeslag bij hoge huur"]
    assert len(f["uitleg"]) == 2 and f["tegenvoorbeeld"]["objecten"]["persoon1"]["huur"] == "800.01"


def test_clean_model_passes_and_says_how_many_examples(tmp_path: Path) -> None:
    regels = MODEL.replace("(100 € plus (1% van zijn inkomen))", "(100 € min (1% van zijn inkomen))")
    m = _model(tmp_path / "m", regels)
    r = cli("test", str(m), "--voorbeelden", "80", "--niet-bewaren")
    assert r.code == 0, r.uitvoer
    assert "niet gevonden in 80 voorbeelden" in r.stdout
    assert not (m / "tegenvoorbeelden").exists()


def test_vergelijk_checks_the_bill_properties(tmp_path: Path) -> None:
    oud = _model(tmp_path / "oud", eigenschappen="eigenschappen: []\n")
    nieuw = _model(tmp_path / "nieuw", MODEL.replace("(10% van zijn inkomen)", "(12% van zijn inkomen)"),
                   """eigenschappen:
  - naam: niemand met een inkomen tot 1000 euro verliest
    soort: geen-verliezers
    uitkomst: {objecttype: Persoon, naam: toeslag}
    wanneer: [{naam: inkomen, maximum: 1000}]
""")
    r = cli("vergelijk", str(oud), str(nieuw), "--formaat", "json", "--budget", "1")
    assert r.code == 0, r.uitvoer
    [f] = json.loads(r.stdout)["eigenschappen"]
    assert f["code"] == "RS417" and f["oordeel"] == "tegenvoorbeeld"
    streng = cli("vergelijk", str(oud), str(nieuw), "--budget", "1", "--streng")
    assert streng.code == 1 and "RS417" in streng.stdout
