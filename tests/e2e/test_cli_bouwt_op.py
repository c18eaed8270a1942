"""Commands on a composed model (issue 13): zorgtoeslag builds on the Awir (model.yaml), every
command sees both, `dekking` reports per law, and a bad `bouwt_op` stops each command with exit 2."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.e2e.cli_helpers import cli

ROOT = Path(__file__).resolve().parents[2]
ZT = ROOT / "wetten" / "zorgtoeslag"
AWIR = ROOT / "wetten" / "awir"


def test_dekking_reports_each_law_of_the_composed_model() -> None:
    r = cli("dekking", str(ZT), "--formaat", "json")
    assert r.code == 0, r.uitvoer
    data = json.loads(r.stdout)
    per_wet = {w["wet"]: w for w in data["per_wet"]}
    assert list(per_wet) == ["Algemene wet inkomensafhankelijke regelingen", "Wet op de zorgtoeslag"]
    assert sum(w["geformaliseerd"] for w in per_wet.values()) == data["geformaliseerd"]
    # Art. 14 lid 5 Awir is formalised by the Awir's parameter and the zorgtoeslag's rule together.
    [lid5] = [r for r in data["leden"] if r["id"] == "jci1.3:c:BWBR0018472&artikel=14&lid=5"]
    assert "parameter 'minimumbedrag voor toekenning'" in lid5["door"] and "regel 'zorgtoeslag'" in lid5["door"]
    tekst = cli("dekking", str(ZT))
    assert "Wet op de zorgtoeslag: 7 van 7 te formaliseren leden geformaliseerd" in tekst.stdout


def test_bereken_explains_a_rule_of_the_base_with_its_own_file() -> None:
    r = cli("bereken", str(ZT), "--gegevens", str(ZT / "voorbeelden" / "paar-2025.yaml"),
            "--formaat", "json", "--uitleg")
    assert r.code == 0, r.uitvoer
    assert "awir.rgs" in r.stdout and "zorgtoeslag.rgs" in r.stdout


def test_test_and_controleer_pass_on_the_composed_model() -> None:
    assert cli("controleer", str(ZT), str(AWIR)).code == 0
    r = cli("test", str(ZT), "--voorbeelden", "20", "--niet-bewaren")
    assert r.code == 0 and "0 gefaald" in r.stdout, r.uitvoer


def _kopie(tmp_path: Path) -> Path:
    shutil.copytree(ZT, tmp_path / "zorgtoeslag")
    shutil.copytree(AWIR, tmp_path / "awir")
    return tmp_path / "zorgtoeslag"


@pytest.mark.parametrize(("model_yaml", "code"), [
    ("bouwt_op: [/etc]\n", "RS721"),
    ("bouwt_op: [../../../..]\n", "RS721"),
    ("bouwt_op: [../awir]\nbouwt_op: [../awir]\n", "RS720"),
    ("bouwt_op: [../zorgtoeslag]\n", "RS722"),
])
@pytest.mark.parametrize("commando", ["bereken", "dekking", "test", "herleid"])
def test_bad_bouwt_op_stops_every_command_with_exit_2(tmp_path: Path, model_yaml: str, code: str,
                                                      commando: str) -> None:
    m = _kopie(tmp_path)
    (m / "model.yaml").write_text(model_yaml, "utf-8")
    extra = {"bereken": ["--gegevens", str(ZT / "voorbeelden" / "paar-2025.yaml")],
             "herleid": ["zorgtoeslag"]}
    r = cli(commando, str(m), *extra.get(commando, []))
    assert r.code == 2 and code in r.uitvoer and "model.yaml" in r.uitvoer, r.uitvoer
    assert "Traceback" not in r.uitvoer


def test_a_cycle_through_the_base_is_refused(tmp_path: Path) -> None:
    m = _kopie(tmp_path)
    (tmp_path / "awir" / "model.yaml").write_text("bouwt_op: [../zorgtoeslag]\n", "utf-8")
    r = cli("bereken", str(m), "--gegevens", str(ZT / "voorbeelden" / "paar-2025.yaml"))
    assert r.code == 2 and "RS722" in r.uitvoer and "kring" in r.uitvoer, r.uitvoer


def test_a_law_named_in_both_wet_yaml_files_names_both(tmp_path: Path) -> None:
    m = _kopie(tmp_path)
    awir_vermelding = (tmp_path / "awir" / "wet.yaml").read_text("utf-8").split("wetten:\n", 1)[1]
    (m / "BWBR0018472_2025-01-01.xml").write_bytes((AWIR / "BWBR0018472_2025-01-01.xml").read_bytes())
    (m / "wet.yaml").write_text((m / "wet.yaml").read_text("utf-8") + awir_vermelding, "utf-8")
    r = cli("dekking", str(m))
    assert r.code == 2 and "RS724" in r.uitvoer and str(tmp_path / "awir" / "wet.yaml") in r.uitvoer, r.uitvoer


def test_a_parameter_given_by_base_and_model_names_both(tmp_path: Path) -> None:
    m = _kopie(tmp_path)
    p = m / "parameters.yaml"
    p.write_text(p.read_text("utf-8") + "\n  minimumbedrag voor toekenning:\n    - {waarde: 0, vanaf: 2025-01-01}\n",
                 "utf-8")
    r = cli("bereken", str(m), "--gegevens", str(ZT / "voorbeelden" / "paar-2025.yaml"))
    assert r.code == 2 and "RS723" in r.uitvoer and str(tmp_path / "awir" / "parameters.yaml") in r.uitvoer


def test_herleid_finds_the_articles_users_in_both_folders() -> None:
    r = cli("herleid", str(ZT), "art. 14 lid 5 Awir")
    assert r.code == 0, r.uitvoer
    assert "awir.rgs" in r.stdout and "parameter minimumbedrag voor toekenning" in r.stdout
    assert "zorgtoeslag.rgs" in r.stdout and "regel zorgtoeslag" in r.stdout


def test_a_bill_changes_a_parameter_and_a_rule_of_the_base_in_their_own_files(tmp_path: Path) -> None:
    from datetime import date

    from regelspraak.bill.apply import toegepast
    from regelspraak.inputs.files import read_parameters
    from regelspraak.model import folder
    from regelspraak.model.from_syntax import load_model

    bill = tmp_path / "voorstel"
    bill.mkdir()
    (bill / "regels.rgs").write_text(
        "Regel huishoudtype zonder partner\n\tbron: artikel 3, eerste lid, Algemene wet inkomensafhankelijke "
        "regelingen\n\tgeldig vanaf 01-01-2024\n\t\tHet huishoudtype van een Huishouden moet gesteld worden op "
        "'zonder partner' indien het aantal leden van het Huishouden kleiner of gelijk is aan 1.\n", "utf-8")
    (bill / "voorstel.yaml").write_text(
        f"naam: geen minimum\nhuidig: {ZT}\nregels: regels.rgs\nparameters:\n  minimumbedrag voor toekenning:\n"
        "    - {waarde: 0, vanaf: 2025-01-01, bron: 'Wetsvoorstel, artikel I'}\n", "utf-8")
    with toegepast(bill) as v:
        files = folder.find(v.map)  # no RS723: the value went into the Awir's own parameter file
        assert [p.parent.name for p in files.parameters] == ["awir", "zorgtoeslag"]
        model, diags = load_model(list(files.rgs))
        assert not [d for d in diags if d.is_fout], diags  # the Awir's rule replaced, not doubled
        regel = next(r for r in model.regels if r.naam == "huishoudtype zonder partner")
        assert v.vertaal([]) == [] and Path(regel.herkomst.span.bestand).name == "zz-voorstel.rgs"
        waarden = {k: w for p in files.parameters
                   for k, w in read_parameters(p, model, model.eenheden, date(2025, 7, 1))[0].items()}
        assert waarden["minimumbedrag voor toekenning"] == 0
        wortel = v.wortel
    assert wortel is not None and not wortel.exists()  # the copy and its base's copy are removed


def _awir_met_fout(tmp_path: Path) -> Path:
    """A copy of zorgtoeslag and the Awir where the Awir has a rule without bron (RS601)."""
    m = _kopie(tmp_path)
    rgs = tmp_path / "awir" / "awir.rgs"
    rgs.write_text(rgs.read_text("utf-8") + "\nRegel zonder bron\n\tgeldig altijd\n\t\tHet toetsingsinkomen van een "
                   "Natuurlijk persoon moet gesteld worden op 0 €.\n", "utf-8")
    return m


@pytest.mark.parametrize("namen", [["zorgtoeslag", "awir"], ["awir", "zorgtoeslag"], ["awir", "./awir/"],
                                   ["zorgtoeslag", "zorgtoeslag/../awir", "awir"]])
def test_controleer_reports_a_diagnostic_of_a_base_named_twice_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                      namen: list[str]) -> None:
    _awir_met_fout(tmp_path)
    monkeypatch.chdir(tmp_path)
    r = cli("controleer", *namen, "--formaat", "json")
    data = json.loads(r.stdout)
    codes = [d["code"] for d in data["diagnostieken"]]
    assert codes.count("RS601") == 1, data
    # The same, spelled absolutely: still one model, one diagnostic.
    r2 = cli("controleer", *(str(tmp_path / n) for n in namen), "--formaat", "json")
    assert [d["code"] for d in json.loads(r2.stdout)["diagnostieken"]].count("RS601") == 1, r2.stdout


def test_controleer_still_checks_a_base_on_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A base that only works inside a model built on it is a defect of the base: naming it beside
    that model still reports it (the composed check alone would hide it)."""
    m = _kopie(tmp_path)
    rgs = tmp_path / "awir" / "awir.rgs"
    # The Awir reading a kenmerk only the Wzt declares.
    rgs.write_text(rgs.read_text("utf-8") + "\nRegel leest de zorgtoeslag\n\tbron: artikel 8, eerste lid, Algemene wet "
                   "inkomensafhankelijke regelingen\n\tgeldig altijd\n\t\tHet toetsingsinkomen van een Natuurlijk "
                   "persoon moet gesteld worden op 0 € indien hij verzekerd is.\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    alleen_samengesteld = json.loads(cli("controleer", m.name, "--formaat", "json").stdout)
    beide = json.loads(cli("controleer", m.name, "awir", "--formaat", "json").stdout)
    assert beide["fouten"] > alleen_samengesteld["fouten"], (alleen_samengesteld, beide)
