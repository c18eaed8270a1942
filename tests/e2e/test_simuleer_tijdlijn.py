"""`simuleer` on a timeline model (issue 11): a population folder with monthly columns
`inkomen[1]` … `inkomen[12]` runs on the period axis, and the validation of such columns (RS035–RS039)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyarrow as pa
from cli_helpers import cli
from maandtoeslag_map import maandkolommen, scenario_map


def test_simuleer_met_maandinvoer(tmp_path: Path) -> None:
    # By hand (toeslag = inkomen + verhoging where inkomen > 100 €; verhoging 12,50 to June, 13,75 from July):
    #   1: 12 × 1000 + 6 × 12,50 + 6 × 13,75 = 12.157,50
    #   2: Jan–Jun 50 (no toeslag), Jul–Dec 6 × 2013,75 = 12.082,50
    #   3: Jan–Mar leeg, Apr–Jun 3 × 512,50, Jul–Dec 6 × 513,75 = 4.620,00      total 28.860
    s = scenario_map(tmp_path, maandkolommen([["1000.00"] * 12, ["50.00"] * 6 + ["2000.00"] * 6,
                                              [None] * 3 + ["500.00"] * 9]))
    r = cli("simuleer", str(s))
    assert r.code == 0, r.uitvoer
    assert "jaarbedrag (Persoon): totaal € 28.860 per jaar" in r.uitvoer
    assert "3 ontvangers van 3" in r.uitvoer
    assert "3 objecten uit de populatiemap" in r.uitvoer  # read, not generated (was "3 gegenereerde personen")


def test_ontbrekende_maand_rs037(tmp_path: Path) -> None:
    kol = maandkolommen([["1000.00"] * 12])
    del kol["inkomen[4]"]
    r = cli("simuleer", str(scenario_map(tmp_path, kol)))
    assert r.code == 2
    assert "RS037" in r.uitvoer and "persoon.parquet" in r.uitvoer and "inkomen[4]" in r.uitvoer


def test_maand_buiten_jaar_rs035_en_enkele_kolom_rs036(tmp_path: Path) -> None:
    kol = maandkolommen([["1000.00"] * 12])
    kol["inkomen[13]"] = pa.array([Decimal("1.00")], pa.decimal128(10, 2))
    r = cli("simuleer", str(scenario_map(tmp_path, kol)))
    assert r.code == 2 and "RS035" in r.uitvoer and "inkomen[13]" in r.uitvoer
    r = cli("simuleer", str(scenario_map(tmp_path / "b", {"id": pa.array([1], pa.int64()),
                                                   "inkomen": pa.array([Decimal("1.00")], pa.decimal128(10, 2))})))
    assert r.code == 2 and "RS036" in r.uitvoer and "'inkomen'" in r.uitvoer


def test_maandkolom_zonder_tijdlijn_rs038(tmp_path: Path) -> None:
    kol = maandkolommen([["1000.00"] * 12])
    kol["jaarbedrag[1]"] = pa.array([Decimal("1.00")], pa.decimal128(10, 2))
    r = cli("simuleer", str(scenario_map(tmp_path, kol)))
    assert r.code == 2 and "RS038" in r.uitvoer and "jaarbedrag[1]" in r.uitvoer


def test_slechte_waarde_in_een_maandkolom_noemt_kolom_en_rij(tmp_path: Path) -> None:
    kol = maandkolommen([["1000.00"] * 12, ["1000.00"] * 12])
    kol["inkomen[2]"] = pa.array([1.5, 2.5], pa.float64())  # floating point is refused, as in any column
    r = cli("simuleer", str(scenario_map(tmp_path, kol)))
    assert r.code == 2 and "inkomen[2]" in r.uitvoer


def test_tijdlijn_als_uitvoer_rs039(tmp_path: Path) -> None:
    r = cli("simuleer", str(scenario_map(tmp_path, maandkolommen([["1000.00"] * 12]), uitvoer="toeslag")))
    assert r.code == 2 and "RS039" in r.uitvoer


def test_varianten_over_maandinvoer(tmp_path: Path) -> None:
    # A sweep copies the population per variant: the month columns must be copied month by month
    # (read whole they need the run's year: "interne fout", exit 3, before this was fixed).
    s = scenario_map(tmp_path, maandkolommen([["1000.00"] * 12, ["50.00"] * 6 + ["2000.00"] * 6]))
    rgs = tmp_path / "model" / "model.rgs"
    rgs.write_text(rgs.read_text("utf-8").replace("groter is dan 100 €", "groter is dan de drempel")
                   + "\nParameter de drempel : Numeriek (getal met 2 decimalen) met eenheid €;\n", "utf-8")
    params = tmp_path / "model" / "parameters.yaml"
    params.write_text(params.read_text("utf-8")
                      + "  drempel:\n    - {waarde: \"100.00\", vanaf: 2025-01-01, bron: voorbeeld}\n", "utf-8")
    s.write_text(s.read_text("utf-8") + "varianten:\n  - {parameter: drempel, waarden: [100, 1500]}\n", "utf-8")
    r = cli("simuleer", str(s))
    assert r.code == 0, r.uitvoer
    # drempel 100: 12.157,50 + 12.082,50 = 24.240; drempel 1500: person 1 gets nothing, person 2 the same.
    assert "drempel = 1500" in r.uitvoer and "€ 24.240" in r.uitvoer and "€ 12.082" in r.uitvoer


def test_onbruikbare_maandkolom_rs702(tmp_path: Path) -> None:
    # A month column of the wrong type is reported as such (it gave "interne fout", StopIteration, when
    # it was the only month column given); the missing months are still named.
    r = cli("simuleer", str(scenario_map(tmp_path, {"id": pa.array([1], pa.int64()), "inkomen[1]": pa.array(["x"])})))
    assert r.code == 2, r.uitvoer
    assert "RS702" in r.uitvoer and "inkomen[1]" in r.uitvoer and "RS037" in r.uitvoer and "inkomen[12]" in r.uitvoer
    assert "interne fout" not in r.uitvoer


def test_alle_maanden_met_een_onbruikbare_rs702(tmp_path: Path) -> None:
    kol = maandkolommen([["1000.00"] * 12])
    kol["inkomen[7]"] = pa.array(["veel"])
    r = cli("simuleer", str(scenario_map(tmp_path, kol)))
    assert r.code == 2, r.uitvoer
    assert "RS702" in r.uitvoer and "inkomen[7]" in r.uitvoer and "RS037" not in r.uitvoer
