"""`regelspraak populatie`: writes a Parquet folder and prints the marginal check; bad input is exit 2."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import regelspraak.cli.populatie  # noqa: F401 - registers the command (also imported by regelspraak.cli)
from regelspraak.cli import app

ROOT = Path(__file__).resolve().parents[3]
ZT = ROOT / "wetten" / "zorgtoeslag"
MAPPING = ROOT / "simulaties" / "zorgtoeslag-mapping.yaml"
runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, ["populatie", "--model", str(ZT), *args])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    return r.exit_code, r.stdout, r.stderr


def test_populatie_writes_parquet_and_reports_marginals(tmp_path: Path) -> None:
    code, out, _ = _run("--mapping", str(MAPPING), "--personen", "2000", "--seed", "3", "--uit", str(tmp_path / "p"))
    assert code == 0, out
    assert sorted(f.name for f in (tmp_path / "p").glob("*.parquet")) == [
        "Huishouden.parquet", "Natuurlijk persoon.parquet", "huishoudsamenstelling.parquet",
        # the Awir's other feittypen, unfilled by the zorgtoeslag mapping: written empty
        "kinderen van het huishouden.parquet", "medebewoners van het huishouden.parquet"]
    assert "2.000 personen" in out and "Marges" in out and "huishoudens naar grootte" in out
    assert "Bron: CBS" in out


def test_populatie_json_with_oversampling_by_model_name(tmp_path: Path) -> None:
    code, out, _ = _run("--mapping", str(MAPPING), "--personen", "2000", "--seed", "3", "--uit", str(tmp_path / "p"),
                        "--oversample", "toetsingsinkomen=39719", "--oversample", "leeftijd=18", "--factor", "4",
                        "--formaat", "json")
    assert code == 0
    data = json.loads(out)
    assert data["basis_personen"] == 2000 and data["personen"] > 2000
    assert data["drempels"] == ["inkomen 39719 ± 1985", "leeftijd 18 ± 1"]
    assert data["objecttypen"]["Natuurlijk persoon"] == data["personen"]
    marge = next(m for m in data["marges"] if m["marge"] == "huishoudens naar type")
    assert set(marge) == {"marge", "categorie", "eenheid", "doel", "gegenereerd", "afwijking", "standaardfout"}


def test_populatie_bad_input_is_exit_2(tmp_path: Path) -> None:
    slecht = tmp_path / "mapping.yaml"
    slecht.write_text("objecttypen:\n  Mens:\n    uit: personen\n", encoding="utf-8")
    code, out, _ = _run("--mapping", str(slecht), "--personen", "10", "--seed", "1", "--uit", str(tmp_path / "p"),
                        "--formaat", "json")
    assert code == 2
    [d] = json.loads(out)["diagnostieken"]
    assert d["code"] == "RS701" and d["regel"] == 2 and "Onbekend objecttype 'Mens'" in d["bericht"]
    code, out, _ = _run("--mapping", str(MAPPING), "--personen", "10", "--seed", "1", "--uit", str(tmp_path / "p"),
                        "--oversample", "lengte=180", "--formaat", "json")
    assert code == 2 and "Ongeldige drempel" in out
    code, _, _ = _run("--mapping", str(MAPPING), "--personen", "0", "--seed", "1", "--uit", str(tmp_path / "p"))
    assert code == 2
    assert not (tmp_path / "p").exists()
