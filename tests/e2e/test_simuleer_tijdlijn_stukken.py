"""`simuleer` with a timeline given as a long table (issue 11): `Persoon.inkomen.parquet` with one row
per stretch (`id, vanaf, tot, waarde`) gives the same result as twelve month columns, and every problem
in such a file is exit 2 with file, row and field (RS726–RS729, RS702)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from cli_helpers import cli
from maandtoeslag_map import scenario_map

Stuk = tuple[object, date | None, date | None, str | None]


def _stukken(tmp: Path, stukken: list[Stuk], ids: int = 3, naam: str = "Persoon.inkomen.parquet",
             kolommen: dict[str, pa.Array] | None = None) -> Path:
    s = scenario_map(tmp, {"id": pa.array(range(1, ids + 1), pa.int64())})
    pq.write_table(pa.table(kolommen if kolommen is not None else {
        "id": pa.array([x[0] for x in stukken], pa.int64()),
        "vanaf": pa.array([x[1] for x in stukken], pa.date32()),
        "tot": pa.array([x[2] for x in stukken], pa.date32()),
        "waarde": pa.array([None if x[3] is None else Decimal(x[3]) for x in stukken], pa.decimal128(10, 2))}),
        tmp / "pop" / naam)
    return s


def test_simuleer_met_stukken(tmp_path: Path) -> None:
    # The month-column case of test_simuleer_tijdlijn as stretches (28.860 by hand there); person 1's
    # year in two equal halves and reaching back into 2024, person 3 with a null stretch before April.
    s = _stukken(tmp_path, [(1, date(2024, 3, 1), date(2025, 5, 1), "1000.00"),
                            (1, date(2025, 5, 1), date(2026, 1, 1), "1000.00"),
                            (2, date(2025, 7, 1), date(2026, 1, 1), "2000.00"),
                            (2, date(2025, 1, 1), date(2025, 7, 1), "50.00"),
                            (3, date(2025, 1, 1), date(2025, 4, 1), None),
                            (3, date(2025, 4, 1), date(2026, 1, 1), "500.00")])
    r = cli("simuleer", str(s))
    assert r.code == 0, r.uitvoer
    assert "jaarbedrag (Persoon): totaal € 28.860 per jaar" in r.uitvoer
    assert "3 ontvangers van 3" in r.uitvoer


def test_tot_voor_vanaf_en_grens_midden_in_maand_rs727(tmp_path: Path) -> None:
    r = cli("simuleer", str(_stukken(tmp_path, [(1, date(2025, 1, 1), date(2025, 4, 1), "10.00"),
                                                (2, date(2025, 5, 1), date(2025, 3, 1), "10.00"),
                                                (3, date(2025, 1, 15), date(2025, 3, 1), "10.00")])))
    assert r.code == 2, r.uitvoer
    assert "RS727" in r.uitvoer and "Persoon.inkomen.parquet, kolom 'tot': niet na vanaf in rij 2 (id 2" in r.uitvoer
    assert "kolom 'vanaf': geen eerste dag van een maand in rij 3 (id 3, 2025-01-15)" in r.uitvoer


def test_overlappende_stukken_rs728(tmp_path: Path) -> None:
    r = cli("simuleer", str(_stukken(tmp_path, [(1, date(2025, 6, 1), date(2026, 1, 1), "12.00"),
                                                (2, date(2025, 1, 1), date(2025, 4, 1), "10.00"),
                                                (1, date(2025, 1, 1), date(2025, 7, 1), "10.00")])))
    assert r.code == 2, r.uitvoer
    assert "RS728" in r.uitvoer and "rij 3 en rij 1 (id 1)" in r.uitvoer


def test_onbekend_id_rs729(tmp_path: Path) -> None:
    r = cli("simuleer", str(_stukken(tmp_path, [(1, date(2025, 1, 1), date(2026, 1, 1), "10.00"),
                                                (99, date(2025, 1, 1), date(2026, 1, 1), "10.00")])))
    assert r.code == 2, r.uitvoer
    assert "RS729" in r.uitvoer and "Persoon.inkomen.parquet, kolom 'id': onbekend id in rij 2 (id 99)" in r.uitvoer


def test_onbruikbaar_tijdlijnbestand_rs726(tmp_path: Path) -> None:
    kol = {"id": pa.array([1], pa.int64()), "begin": pa.array([date(2025, 1, 1)], pa.date32()),
           "tot": pa.array([date(2026, 1, 1)], pa.date32()),
           "waarde": pa.array([Decimal("1.00")], pa.decimal128(10, 2))}
    r = cli("simuleer", str(_stukken(tmp_path, [], kolommen=kol)))
    assert r.code == 2 and "RS726" in r.uitvoer and "kolom 'vanaf' ontbreekt" in r.uitvoer and "'begin'" in r.uitvoer
    r = cli("simuleer", str(_stukken(tmp_path / "b", [(1, date(2025, 1, 1), date(2026, 1, 1), "1.00")],
                                     naam="Persoon.jaarbedrag.parquet")))
    assert r.code == 2 and "RS726" in r.uitvoer and "'jaarbedrag' van Persoon is geen tijdlijn" in r.uitvoer
    r = cli("simuleer", str(_stukken(tmp_path / "c", [(1, date(2025, 1, 1), date(2026, 1, 1), "1.00")],
                                     naam="Persoon.vermogen.parquet")))
    assert r.code == 2 and "RS726" in r.uitvoer and "geen attribuut of kenmerk 'vermogen'" in r.uitvoer


def test_slechte_waarde_en_lege_datum_rs702(tmp_path: Path) -> None:
    kol = {"id": pa.array([1, 2], pa.int64()), "vanaf": pa.array([date(2025, 1, 1), None], pa.date32()),
           "tot": pa.array([date(2026, 1, 1)] * 2, pa.date32()), "waarde": pa.array([1.5, 2.5], pa.float64())}
    r = cli("simuleer", str(_stukken(tmp_path, [], kolommen=kol)))
    assert r.code == 2 and "RS702" in r.uitvoer
    assert "kolom 'vanaf': geen datum in rij 2 (id 2)" in r.uitvoer and "kolom 'waarde'" in r.uitvoer


def test_stukken_met_tekst_ids(tmp_path: Path) -> None:
    # ids as text in both files: found by value, whatever the row order (one person all year, one from July).
    s = scenario_map(tmp_path, {"id": pa.array(["p1", "p2"], pa.string())})
    pq.write_table(pa.table({"id": pa.array(["p2", "p1"], pa.string()),
                             "vanaf": pa.array([date(2025, 7, 1), date(2025, 1, 1)], pa.date32()),
                             "tot": pa.array([date(2026, 1, 1), date(2026, 1, 1)], pa.date32()),
                             "waarde": pa.array([Decimal("2000.00"), Decimal("1000.00")], pa.decimal128(10, 2))}),
                   tmp_path / "pop" / "Persoon.inkomen.parquet")
    r = cli("simuleer", str(s))
    assert r.code == 0, r.uitvoer
    # 1: 12 × 1000 + 6 × 12,50 + 6 × 13,75 = 12.157,50; 2: 6 × 2013,75 = 12.082,50
    assert "jaarbedrag (Persoon): totaal € 24.240 per jaar" in r.uitvoer
    kol = {"id": pa.array(["p9"], pa.string()), "vanaf": pa.array([date(2025, 1, 1)], pa.date32()),
           "tot": pa.array([date(2026, 1, 1)], pa.date32()),
           "waarde": pa.array([Decimal("1.00")], pa.decimal128(10, 2))}
    pq.write_table(pa.table(kol), tmp_path / "pop" / "Persoon.inkomen.parquet")
    r = cli("simuleer", str(s))
    assert r.code == 2 and "RS729" in r.uitvoer and "rij 1 (id 'p9')" in r.uitvoer
