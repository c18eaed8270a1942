"""simuleer and vergelijk end to end on small generated populations: the results folder is
complete and exact, a bill that only changes amounts passes `--streng`, a bill that adds a cliff
fails it, and the impact counts winners and losers on the same persons."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import yaml
from typer.testing import CliRunner

from regelspraak.cli import app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def _scenario(tmp: Path, naam: str = "zorgtoeslag-2025.yaml", personen: int = 20_000) -> Path:
    data = yaml.safe_load((ROOT / "simulaties" / naam).read_text("utf-8"))
    data["model"] = str(ROOT / data["model"].removeprefix("../"))
    data["populatie"]["mapping"] = str(ROOT / "simulaties" / data["populatie"]["mapping"])
    data["populatie"]["genereer"]["personen"] = personen
    data["populatie"]["genereer"]["deel"] = 5_000
    data["populatie"]["blok"] = 10_000  # chunks of two partitions: the chunked path is exercised
    data["resultaten"] = str(tmp / "resultaten")
    tmp.mkdir(parents=True, exist_ok=True)
    pad = tmp / naam
    pad.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return pad


def test_simuleer_writes_results_and_summary(tmp_path: Path) -> None:
    r = runner.invoke(app, ["simuleer", str(_scenario(tmp_path)), "--formaat", "json"])
    assert r.exit_code == 0, r.stdout
    s = json.loads(r.stdout)
    z = s["uitvoer"]["zorgtoeslag"]
    assert z["ontvangers"] > 0 and int(z["totaal"]) > 0
    assert {g["groep"] for g in z["groepen"]["inkomensdeciel"]} >= {"deciel 1", "deciel 10"}
    uit = tmp_path / "resultaten"
    assert json.loads((uit / "samenvatting.json").read_text("utf-8")) == s
    delen = sorted((uit / "Huishouden").glob("deel-*.parquet"))
    assert len(delen) == 2  # a file per chunk (runs of whole partitions)
    tabel = pa.concat_tables([pq.read_table(d) for d in delen])
    assert tabel.num_rows > 0
    assert round(sum(tabel.column("gewicht").to_pylist())) == z["aantal"]  # every household, weighted
    assert tabel.schema.field("zorgtoeslag").type == pa.decimal128(38, 0)  # exact, as declared: never floats
    assert int(sum(tabel.column("zorgtoeslag").to_pylist(), Decimal(0))) > 0


def test_simuleer_same_seed_same_result(tmp_path: Path) -> None:
    a = runner.invoke(app, ["simuleer", str(_scenario(tmp_path / "a")), "--formaat", "json"])
    b = runner.invoke(app, ["simuleer", str(_scenario(tmp_path / "b")), "--formaat", "json"])
    sa, sb = json.loads(a.stdout), json.loads(b.stdout)
    for s in (sa, sb):
        s.pop("duur_s")
        s.pop("fasen_cpu_s")  # CPU time per phase
    assert sa == sb


def test_bad_scenario_is_exit_2(tmp_path: Path) -> None:
    pad = tmp_path / "s.yaml"
    pad.write_text("naam: x\nmodel: nergens\nrekendatum: 31-02-2025\n", "utf-8")
    r = runner.invoke(app, ["simuleer", str(pad)])
    assert r.exit_code == 2
    assert "s.yaml" in r.stderr


def test_vergelijk_amounts_only_passes_streng(tmp_path: Path) -> None:
    r = runner.invoke(app, ["vergelijk", str(ROOT / "wetten" / "zorgtoeslag"),
                            str(ROOT / "simulaties" / "voorstellen" / "vermogensgrens-hoger"),
                            "--scenario", str(_scenario(tmp_path, personen=10_000)), "--formaat", "json", "--streng"])
    assert r.exit_code == 0, r.stdout
    d = json.loads(r.stdout)
    u = d["impact"]["uitvoer"]["zorgtoeslag"]
    assert u["verliezers"] == 0  # raising the asset limit makes nobody worse off
    assert [w["naam"] for g in d["regels"] for w in g["wijzigingen"]] == ["vermogensgrens met partner",
                                                                           "vermogensgrens zonder partner"]


def test_vergelijk_bill_that_adds_a_cliff_fails_streng(tmp_path: Path) -> None:
    bill = tmp_path / "voorstel"
    bill.mkdir()
    (bill / "voorstel.yaml").write_text(f"naam: harde inkomensgrens\nhuidig: {ROOT / 'wetten' / 'zorgtoeslag'}\n"
                                        "regels: regels.rgs\n", "utf-8")
    (bill / "regels.rgs").write_text(
        "Regel zorgtoeslag\n\tbron: artikel 2, eerste lid, Wet op de zorgtoeslag\n\tgeldig vanaf 01-01-2024\n"
        "\t\tDe zorgtoeslag van een Huishouden moet berekend worden als de afgeronde zorgtoeslag van het "
        "Huishouden\n\t\tindien er aan alle volgende voorwaarden wordt voldaan:\n"
        "\t\t\t• de afgeronde zorgtoeslag van het Huishouden is groter of gelijk aan het minimumbedrag voor "
        "toekenning\n\t\t\t• het gezamenlijke toetsingsinkomen van het Huishouden is kleiner dan 30000 €.\n",
        "utf-8")
    r = runner.invoke(app, ["vergelijk", str(ROOT / "wetten" / "zorgtoeslag"), str(bill), "--formaat", "json",
                            "--streng"])
    assert r.exit_code == 1, r.stdout
    nieuw = json.loads(r.stdout)["analyses"]["nieuw"]
    assert any(f["soort"] == "klif" and "30.000" in f["bericht"] for f in nieuw)


def test_vergelijk_aow_leefvorm_has_losers(tmp_path: Path) -> None:
    r = runner.invoke(app, ["vergelijk", str(ROOT / "wetten" / "aow"),
                            str(ROOT / "simulaties" / "voorstellen" / "aow-leefvorm-adres"),
                            "--scenario", str(_scenario(tmp_path, "aow-2025.yaml", personen=20_000)),
                            # Only the analysis asserted here: the z3 analyses of the monthly AOW model take
                            # ~100 s per model (docs/analyses.md), twice per vergelijk.
                            "--alleen", "misbruikprikkel", "--formaat", "json"])
    assert r.exit_code == 0, r.stdout
    d = json.loads(r.stdout)
    u = d["impact"]["uitvoer"]["bruto ouderdomspensioen over het jaar"]
    # the largest loss, over 2025: 6 x (1580.92 - 1081.50) + 6 x (1612.44 - 1103.97) = 2996.52 + 3050.82
    assert u["verliezers"] > 0 and u["winnaars"] == 0 and u["max_verlies"] == "6047.34"
    assert u["grootste"] and u["grootste"][0]["uitleg_voor"] is not None
    assert any(f["soort"] == "misbruikprikkel" and "zorgdragend" in f["bericht"] for f in d["analyses"]["vervallen"])


def test_bill_folder_errors_are_exit_2(tmp_path: Path) -> None:
    bill = tmp_path / "kapot"
    shutil.copytree(ROOT / "simulaties" / "voorstellen" / "zorgtoeslag-afbouw", bill)
    (bill / "voorstel.yaml").write_text("naam: x\nhuidig: bestaat-niet\n", "utf-8")
    r = runner.invoke(app, ["vergelijk", str(ROOT / "wetten" / "zorgtoeslag"), str(bill)])
    assert r.exit_code == 2
    assert "voorstel.yaml" in r.stderr


def test_unknown_output_attribute_is_reported_at_its_line(tmp_path: Path) -> None:
    """An `uitvoer` entry the model does not know is named with its field and line, not at line 1."""
    pad = _scenario(tmp_path, personen=1_000)
    data = yaml.safe_load(pad.read_text("utf-8"))
    data["uitvoer"][0]["attribuut"] = "zorgtoeslagg"
    tekst = yaml.safe_dump(data, allow_unicode=True)
    pad.write_text(tekst, "utf-8")
    regel = next(i for i, r in enumerate(tekst.splitlines(), 1) if "zorgtoeslagg" in r)
    r = runner.invoke(app, ["simuleer", str(pad)])
    assert r.exit_code == 2
    assert f"{pad.name}:{regel}:" in r.stderr and "uitvoer.0.attribuut" in r.stderr, r.stderr
    assert "zorgtoeslagg" in r.stderr and "Traceback" not in r.stderr
