"""The example monthly model (`simulaties/voorbeelden/maandtoeslag`) in a temporary folder with a
population of month columns and a scenario: the set-up the timeline e2e tests share."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

VOORBEELD = Path(__file__).resolve().parents[2] / "simulaties" / "voorbeelden" / "maandtoeslag"

SCENARIO = """naam: Maandtoeslag 2025
model: model
rekendatum: 2025-01-01
populatie:
  map: pop
uitvoer:
  - {objecttype: Persoon, attribuut: %s}
"""


def scenario_map(tmp: Path, kolommen: dict[str, pa.Array], uitvoer: str = "jaarbedrag") -> Path:
    """`tmp/model` (the example), `tmp/pop/persoon.parquet` (`kolommen`) and `tmp/scenario.yaml`; the scenario."""
    shutil.copytree(VOORBEELD, tmp / "model")
    (tmp / "pop").mkdir()
    pq.write_table(pa.table(kolommen), tmp / "pop" / "persoon.parquet")
    (tmp / "scenario.yaml").write_text(SCENARIO % uitvoer, "utf-8")
    return tmp / "scenario.yaml"


def maandkolommen(per_persoon: list[list[str | None]]) -> dict[str, pa.Array]:
    """`id` 1…n and `inkomen[1]` … `inkomen[12]` (decimal text per month, None = no value that month)."""
    kol: dict[str, pa.Array] = {"id": pa.array(range(1, len(per_persoon) + 1), pa.int64())}
    for m in range(12):
        kol[f"inkomen[{m + 1}]"] = pa.array([None if p[m] is None else Decimal(p[m]) for p in per_persoon],
                                            pa.decimal128(10, 2))
    return kol
