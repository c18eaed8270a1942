"""The toeslagen family (issue 13): wetten/toeslagen builds on the zorgtoeslag, the huurtoeslag and
the kindgebonden budget, each on the Awir — a diamond in which the Awir joins once. Every command
sees the composed model; `dekking` reports each of its laws; every rule keeps its own file and bron."""

from __future__ import annotations

import json
from pathlib import Path

from regelspraak.model import folder
from regelspraak.model.from_syntax import load_model
from tests.e2e.cli_helpers import cli

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "wetten" / "toeslagen"


def test_the_family_joins_the_awir_once_and_keeps_every_rules_file() -> None:
    files = folder.find(TS)
    assert [p.name for p in files.basis] == ["awir", "zorgtoeslag", "huurtoeslag", "kindgebonden-budget"]
    assert [p.parent.name for p in files.wetten] == ["awir", "zorgtoeslag", "huurtoeslag", "kindgebonden-budget"]
    model, diags = load_model(list(files.rgs))
    assert not [d for d in diags if d.is_fout], diags
    bestand = {r.naam: Path(r.herkomst.span.bestand).parent.name for r in model.regels}
    assert bestand["totale toeslagen"] == "toeslagen" and bestand["zorgtoeslag"] == "zorgtoeslag"
    assert bestand["huishoudtype zonder partner"] == "awir" and bestand["kindgebonden budget"] == "kindgebonden-budget"
    # Every rule of the family's own file cites the Awir: the law that combines the tegemoetkomingen.
    eigen = [r for r in model.regels if Path(r.herkomst.span.bestand).name == "toeslagen.rgs"]
    assert eigen and all(r.bron is not None and "Algemene wet inkomensafhankelijke regelingen" in str(r.bron)
                         for r in eigen)


def test_controleer_and_the_cases_pass_and_each_awir_diagnostic_is_reported_once() -> None:
    r = cli("controleer", str(TS), str(TS.parent / "zorgtoeslag"), str(TS.parent / "awir"), "--formaat", "json")
    data = json.loads(r.stdout)
    assert r.code == 0 and data["fouten"] == 0, r.uitvoer
    t = cli("test", str(TS), "--voorbeelden", "5", "--niet-bewaren")
    assert t.code == 0 and "4 geslaagd, 0 gefaald" in t.stdout, t.uitvoer


def test_dekking_reports_every_law_of_the_composed_model() -> None:
    r = cli("dekking", str(TS), "--formaat", "json")
    assert r.code == 0, r.uitvoer
    data = json.loads(r.stdout)
    per_wet = {w["wet"]: w for w in data["per_wet"]}
    assert list(per_wet) == ["Algemene wet inkomensafhankelijke regelingen", "Wet op de zorgtoeslag",
                             "Wet op de huurtoeslag", "Wet verlaging eigen bijdrage huurtoeslag",
                             "Wet op het kindgebonden budget"]
    assert sum(w["geformaliseerd"] for w in per_wet.values()) == data["geformaliseerd"]
    tekst = cli("dekking", str(TS)).stdout
    for wet in per_wet:
        assert f"{wet}: " in tekst


def test_bereken_gives_the_total_and_the_besteedbaar_inkomen_with_each_article(tmp_path: Path) -> None:
    import yaml

    geval = TS / "gevallen" / "01-alleenstaande-ouder-twee-kinderen-huur-700.yaml"
    pad = tmp_path / "geval.json"
    pad.write_text(json.dumps(yaml.safe_load(geval.read_text("utf-8"))["gegevens"], default=str), "utf-8")
    r = cli("bereken", str(TS), "--gegevens", str(pad), "--formaat", "json", "--uitleg")
    assert r.code == 0, r.uitvoer
    attrs = json.loads(r.stdout)["objecten"]["huishouden"]["attributen"]
    assert (attrs["totale toeslagen"], attrs["besteedbaar inkomen"]) == ("14750", "44750")
    assert "toeslagen.rgs" in r.stdout and "huurtoeslag.rgs" in r.stdout and "artikel=7" in r.stdout
