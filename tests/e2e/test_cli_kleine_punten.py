"""The smaller points of issue 15: bad option and file values are exit 2 with a message (never
exit 3), `wet --volledig`, and a model that needs parameters but has no parameter file fails
`controleer`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.e2e.cli_helpers import cli

ROOT = Path(__file__).resolve().parents[2]
ZT = ROOT / "wetten" / "zorgtoeslag"
MAPPING = ROOT / "simulaties" / "zorgtoeslag-mapping.yaml"
AOW_TEKST = ROOT / "wetten" / "aow" / "BWBR0002221_2025-01-01.txt"


@pytest.mark.parametrize("waarde", ["abc", "nan", "", "150", "-1"])
def test_dekking_minimaal_bad_value(waarde: str) -> None:
    r = cli("dekking", str(ZT), "--minimaal", waarde)
    assert r.code == 2 and "--minimaal" in r.uitvoer, r.uitvoer


@pytest.mark.parametrize("genereer", ["{personen: 1000, seed: -1}", "{personen: 1000, seed: 1, factor: 0}"])
def test_scenario_seed_and_factor(tmp_path: Path, genereer: str) -> None:
    s = tmp_path / "s.yaml"
    s.write_text(f"naam: s\nmodel: {ZT}\nrekendatum: 2025-01-01\npopulatie:\n  genereer: {genereer}\n"
                 f"  mapping: {MAPPING}\nuitvoer:\n  - {{objecttype: Huishouden, attribuut: zorgtoeslag}}\n", "utf-8")
    r = cli("simuleer", str(s))
    assert r.code == 2 and ("seed" in r.uitvoer or "factor" in r.uitvoer), r.uitvoer


def test_mapping_value_too_large(tmp_path: Path) -> None:
    m = tmp_path / "m.yaml"
    groot = "      rendementsgrondslag: {waarde: 99999999999999999999999999999}\n"
    m.write_text(MAPPING.read_text("utf-8").replace("      rendementsgrondslag: vermogen\n", groot), "utf-8")
    r = cli("populatie", "--model", str(ZT), "--mapping", str(m), "--personen", "1000", "--seed", "1",
            "--uit", str(tmp_path / "p"))
    assert r.code == 2 and "RS702" in r.uitvoer, r.uitvoer


def test_markup_in_output_paths_is_printed_as_is(tmp_path: Path) -> None:
    r = cli("ontleed", str(AOW_TEKST), "--uit", str(tmp_path / "x[/]"))
    assert r.code == 0 and "x[/]" in r.uitvoer, r.uitvoer
    r = cli("populatie", "--model", str(ZT), "--mapping", str(MAPPING), "--personen", "1000", "--seed", "1",
            "--uit", str(tmp_path / "p[/]"))
    assert r.code == 0 and "p[/]" in r.uitvoer, r.uitvoer


def test_wet_volledig_shows_whole_texts() -> None:
    kort, lang = cli("wet", str(AOW_TEKST)), cli("wet", str(AOW_TEKST), "--volledig")
    assert kort.code == lang.code == 0
    assert "…" in kort.stdout and "…" not in lang.stdout
    assert len(lang.stdout) > len(kort.stdout)


def test_model_needing_parameters_without_parameter_file_fails_controleer(tmp_path: Path) -> None:
    m = tmp_path / "m"
    shutil.copytree(ZT, m)
    shutil.copytree(ROOT / "wetten" / "awir", tmp_path / "awir")  # model.yaml: bouwt_op
    (m / "parameters.yaml").unlink()
    (tmp_path / "awir" / "parameters.yaml").unlink()  # and the base's (model.yaml): no parameter file at all
    r = cli("controleer", str(m))
    assert r.code == 1 and "RS916" in r.uitvoer, r.uitvoer
    assert cli("controleer", str(ZT)).code == 0


@pytest.mark.parametrize(("scenario", "periode"), [("aow-2025.yaml", "per jaar"),
                                                   ("zorgtoeslag-2025.yaml", "per jaar")])
def test_every_total_says_its_period(tmp_path: Path, scenario: str, periode: str) -> None:
    import json

    import yaml

    data = yaml.safe_load((ROOT / "simulaties" / scenario).read_text("utf-8"))
    data["model"] = str(ROOT / data["model"].removeprefix("../"))
    data["populatie"]["mapping"] = str(ROOT / "simulaties" / data["populatie"]["mapping"])
    data["populatie"]["genereer"]["personen"] = 1000
    data.pop("resultaten", None)
    pad = tmp_path / scenario
    pad.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    r = cli("simuleer", str(pad), "--formaat", "json")
    assert r.code == 0, r.uitvoer
    assert {u["periode"] for u in json.loads(r.stdout)["uitvoer"].values()} == {periode}
    tekst = cli("simuleer", str(pad))
    assert periode in tekst.stdout
