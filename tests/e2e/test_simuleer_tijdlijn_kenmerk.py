"""`simuleer` with a kenmerk `voor elke maand` (issue 11): the population gives it as twelve month
columns `verzekerd[1]` … `verzekerd[12]` (as a timeline attribute), or as one column for the whole year;
the rules that read it run on the period axis."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from cli_helpers import cli
from maandtoeslag_map import maandkolommen, scenario_map


def _map(tmp: Path, kolommen: dict[str, pa.Array]) -> Path:
    scenario = scenario_map(tmp, kolommen)
    rgs = tmp / "model" / "model.rgs"
    tekst = rgs.read_text("utf-8").replace(
        "\tde toeslag\t", "\tis verzekerd\tkenmerk (bijvoeglijk) voor elke maand;\n\tde toeslag\t").replace(
        "indien zijn inkomen groter is dan 100 €.",
        "gedurende de tijd dat hij verzekerd is\n\t\tindien zijn inkomen groter is dan 100 €.")
    assert "verzekerd is" in tekst
    rgs.write_text(tekst, "utf-8")
    return scenario


def _kolommen(verzekerd: dict[str, pa.Array]) -> dict[str, pa.Array]:
    return {**maandkolommen([["1000.00"] * 12] * 2), **verzekerd}


def test_kenmerk_per_maand_uit_maandkolommen(tmp_path: Path) -> None:
    # By hand: toeslag = inkomen + verhoging (12,50 to June, 13,75 from July) in the months verzekerd.
    #   1: verzekerd all year: 6 × 1012,50 + 6 × 1013,75 = 12.157,50
    #   2: verzekerd April to September (null = no value: onwaar): 3 × 1012,50 + 3 × 1013,75 = 6.078,75
    #   total 18.236,25
    verzekerd = {f"verzekerd[{m}]": pa.array([True, m in range(4, 10) or None], pa.bool_()) for m in range(1, 13)}
    r = cli("simuleer", str(_map(tmp_path, _kolommen(verzekerd))))
    assert r.code == 0, r.uitvoer
    assert "jaarbedrag (Persoon): totaal € 18.236 per jaar" in r.uitvoer


def test_kenmerk_als_een_kolom_geldt_het_hele_jaar(tmp_path: Path) -> None:
    # 1 verzekerd (12.157,50), 2 not (nothing).
    r = cli("simuleer", str(_map(tmp_path, _kolommen({"verzekerd": pa.array([True, False], pa.bool_())}))))
    assert r.code == 0, r.uitvoer
    assert "jaarbedrag (Persoon): totaal € 12.158 per jaar" in r.uitvoer


def test_ontbrekende_maand_van_een_kenmerk_rs037(tmp_path: Path) -> None:
    verzekerd = {f"verzekerd[{m}]": pa.array([True, True], pa.bool_()) for m in range(1, 12)}
    r = cli("simuleer", str(_map(tmp_path, _kolommen(verzekerd))))
    assert r.code == 2 and "RS037" in r.uitvoer and "verzekerd[12]" in r.uitvoer


def test_kenmerk_als_een_kolom_en_als_maandkolommen_rs704(tmp_path: Path) -> None:
    # Both forms of one kenmerk: refused, not one of them silently dropped (review of 2026-12-05, finding 5).
    verzekerd = {f"verzekerd[{m}]": pa.array([True, True], pa.bool_()) for m in range(1, 13)}
    verzekerd["verzekerd"] = pa.array([True, False], pa.bool_())
    r = cli("simuleer", str(_map(tmp_path, _kolommen(verzekerd))))
    assert r.code == 2 and "RS704" in r.uitvoer and "hetzelfde kenmerk" in r.uitvoer, r.uitvoer


def test_maandkolommen_van_een_kenmerk_per_dag_rs038_noemt_het_kenmerk(tmp_path: Path) -> None:
    s = _map(tmp_path, _kolommen({f"verzekerd[{m}]": pa.array([True, True], pa.bool_()) for m in range(1, 13)}))
    rgs = tmp_path / "model" / "model.rgs"
    rgs.write_text(rgs.read_text("utf-8").replace("kenmerk (bijvoeglijk) voor elke maand", "kenmerk (bijvoeglijk) "
                                                  "voor elke dag"), "utf-8")
    r = cli("simuleer", str(s))
    assert r.code == 2 and "RS038" in r.uitvoer and "'verzekerd' is een tijdlijn per dag" in r.uitvoer, r.uitvoer
    assert "kenmerk:" not in r.uitvoer


def test_berekende_begindatum_in_een_simulatie(tmp_path: Path) -> None:
    # 'vanaf de eerste dag van de maand na zijn geboortedatum plus 18 jr' per person, on the period axis.
    # By hand (rekendatum 2025; inkomen 1000 € a month; verhoging 12,50 to June, 13,75 from July):
    #   1: born 15-03-2007, 18 on 15-03-2025: toeslag from April: 3 × 1012,50 + 6 × 1013,75 = 9.120,00
    #   2: born 01-01-2000: all year: 6 × 1012,50 + 6 × 1013,75 = 12.157,50                  total 21.277,50
    s = _map(tmp_path, _kolommen({"verzekerd": pa.array([True, True], pa.bool_())}))
    rgs = tmp_path / "model" / "model.rgs"
    rgs.write_text(rgs.read_text("utf-8").replace(
        "\tis verzekerd\t", "\tde geboortedatum\tDatum in dagen;\n\tis verzekerd\t").replace(
        "gedurende de tijd dat hij verzekerd is\n",
        "vanaf de eerste dag van de maand na zijn geboortedatum plus 18 jr\n"), "utf-8")
    tabel = pq.read_table(tmp_path / "pop" / "persoon.parquet")
    tabel = tabel.append_column("geboortedatum", pa.array([date(2007, 3, 15), date(2000, 1, 1)], pa.date32()))
    pq.write_table(tabel, tmp_path / "pop" / "persoon.parquet")
    r = cli("simuleer", str(s))
    assert r.code == 0, r.uitvoer
    assert "jaarbedrag (Persoon): totaal € 21.278 per jaar" in r.uitvoer
