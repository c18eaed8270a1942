"""Keys that fold to the same name never overwrite each other in silence (RS913), inputs never
supply what rules derive (RS914), and an invisible character before 'Artikel N' in a plain-text
law does not fold that article into the one before (issue 15)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from regelspraak.diagnostics import DiagnosticError
from regelspraak.law.from_text import parse_tekst
from regelspraak.model import folder
from regelspraak.model.from_syntax import load_model
from regelspraak.simulate.mapping import lees_mapping
from tests.e2e.cli_helpers import cli

ROOT = Path(__file__).resolve().parents[3]
MODEL = ROOT / "wetten" / "zorgtoeslag"
GEVAL = """rekendatum: 2025-01-01
parameters: {PARAMS}
objecten:
  anna:
    type: Natuurlijk persoon
    geboortedatum: 1990-03-15
    verzekerd: true
    toetsingsinkomen: 25000
    {EXTRA}
    rendementsgrondslag: 20000
  h:
    type: Huishouden
feiten:
  - {feittype: huishoudsamenstelling, huishouden: h, lid: anna}
"""


def _bereken(tmp: Path, extra: str = "", params: str = "{}") -> tuple[int, str]:
    pad = tmp / "geval.yaml"
    pad.write_text(GEVAL.replace("{EXTRA}", extra).replace("{PARAMS}", params), "utf-8")
    r = cli("bereken", str(MODEL), "--gegevens", str(pad))
    return r.code, r.uitvoer


@pytest.mark.parametrize("tweede", ["Toetsingsinkomen: 1", "het toetsingsinkomen: 1", "TOETSINGSINKOMEN: 1",
                                    "is verzekerd: false"])
def test_case_file_attribute_twice_after_folding(tmp_path: Path, tweede: str) -> None:
    code, uit = _bereken(tmp_path, tweede)
    assert code == 2, uit
    eerste = "regel 7" if "verzekerd" in tweede else "regel 8"
    assert "RS913" in uit and eerste in uit and "regel 9" in uit


def test_case_file_parameters_twice(tmp_path: Path) -> None:
    code, uit = _bereken(tmp_path, params="{standaardpremie: 1, De Standaardpremie: 2}")
    assert code == 2 and "RS913" in uit, uit


def test_parameter_file_twice(tmp_path: Path) -> None:
    m = tmp_path / "m"
    shutil.copytree(MODEL, m)
    shutil.copytree(ROOT / "wetten" / "awir", tmp_path / "awir")  # model.yaml: bouwt_op
    p = m / "parameters.yaml"
    p.write_text(p.read_text("utf-8").replace("parameters:\n", "parameters:\n  De Standaardpremie:\n"
                                              "    - {waarde: 1, vanaf: 2025-01-01}\n", 1), "utf-8")
    geval = tmp_path / "geval.yaml"
    geval.write_text(GEVAL.replace("{EXTRA}", "").replace("{PARAMS}", "{}"), "utf-8")
    r = cli("bereken", str(m), "--gegevens", str(geval))
    assert r.code == 2 and "RS913" in r.uitvoer, r.uitvoer


def test_scenario_parameters_twice(tmp_path: Path) -> None:
    s = tmp_path / "s.yaml"
    s.write_text(f"naam: s\nmodel: {MODEL}\nrekendatum: 2025-01-01\npopulatie:\n  genereer: {{personen: 1000, "
                 f"seed: 1}}\n  mapping: {ROOT / 'simulaties' / 'zorgtoeslag-mapping.yaml'}\n"
                 "parameters:\n  standaardpremie: 1\n  de standaardpremie: 2\n"
                 "uitvoer:\n  - {objecttype: Huishouden, attribuut: zorgtoeslag}\n", "utf-8")
    r = cli("simuleer", str(s))
    assert r.code == 2 and "RS913" in r.uitvoer, r.uitvoer


def _mapping(tmp: Path, extra: str) -> Path:
    tekst = (ROOT / "simulaties" / "zorgtoeslag-mapping.yaml").read_text("utf-8")
    tekst = tekst.replace("      rendementsgrondslag: vermogen\n", "      rendementsgrondslag: vermogen\n" + extra)
    pad = tmp / "mapping.yaml"
    pad.write_text(tekst, "utf-8")
    return pad


@pytest.fixture(scope="module")
def model():  # type: ignore[no-untyped-def]
    m, _ = load_model(list(folder.find(MODEL).rgs))
    return m


def test_mapping_attribute_twice(tmp_path: Path, model: object) -> None:
    with pytest.raises(DiagnosticError) as e:
        lees_mapping(_mapping(tmp_path, "      Het Toetsingsinkomen: vermogen\n"), model)  # type: ignore[arg-type]
    assert [d.code for d in e.value.diagnostics] == ["RS913"]


def test_mapping_may_not_supply_a_derived_attribute(tmp_path: Path, model: object) -> None:
    tekst = (ROOT / "simulaties" / "zorgtoeslag-mapping.yaml").read_text("utf-8")
    tekst = tekst.replace("    uit: toeslageenheden\n", "    uit: toeslageenheden\n    attributen:\n"
                          "      zorgtoeslag: {waarde: 1000000}\n")
    pad = tmp_path / "mapping.yaml"
    pad.write_text(tekst, "utf-8")
    with pytest.raises(DiagnosticError) as e:
        lees_mapping(pad, model)  # type: ignore[arg-type]
    assert [d.code for d in e.value.diagnostics] == ["RS914"]
    assert "zorgtoeslag" in e.value.diagnostics[0].bericht


def test_population_column_that_rules_derive_is_refused(tmp_path: Path, model: object) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from regelspraak.simulate.population import lees_populatie

    pop = tmp_path / "pop"
    pop.mkdir()
    pq.write_table(pa.table({"id": pa.array([1], pa.int64()), "zorgtoeslag": pa.array([5 * 10**12], pa.int64())}),
                   pop / "Huishouden.parquet")
    with pytest.raises(DiagnosticError) as e:
        lees_populatie(pop, model)  # type: ignore[arg-type]
    assert [d.code for d in e.value.diagnostics] == ["RS914"]


@pytest.mark.parametrize("teken", ["\u200b", "\ufeff", "\u2060", "\u200d"])
def test_invisible_character_before_artikel(teken: str) -> None:
    tekst = f"Wet voorbeeld\n\nArtikel 1\n1. Een lid.\n\n{teken}Artikel 2\n1. Nog een lid.\n"
    wet, diags = parse_tekst(tekst, "w.txt")
    assert wet is not None and not [d for d in diags if d.is_fout]
    assert [a.nummer for a in wet.artikelen()] == ["1", "2"]
    assert teken not in wet.root.label


def test_two_parameter_files_giving_one_parameter_the_same_day(tmp_path: Path) -> None:
    m = tmp_path / "m"
    shutil.copytree(MODEL, m)
    shutil.copytree(MODEL.parent / "awir", tmp_path / "awir")  # zorgtoeslag builds on ../awir (model.yaml)
    (m / "parameters-extra.yaml").write_text("parameters:\n  standaardpremie:\n    - {waarde: 1, vanaf: 2025-01-01}\n",
                                             "utf-8")
    geval = tmp_path / "geval.yaml"
    geval.write_text(GEVAL.replace("{EXTRA}", "").replace("{PARAMS}", "{}"), "utf-8")
    r = cli("bereken", str(m), "--gegevens", str(geval))
    # One parameter, two parameter files: refused naming both (RS723, the composed-model check, comes
    # before the same-day check RS913 and is stricter: a parameter has one file).
    assert r.code == 2 and "RS723" in r.uitvoer and "parameters-extra.yaml" in r.uitvoer, r.uitvoer
    assert "parameters.yaml" in r.uitvoer
