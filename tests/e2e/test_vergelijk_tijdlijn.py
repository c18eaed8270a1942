"""`vergelijk` with a scenario on a timeline model (issue 11): the bill raises the monthly verhoging of
`simulaties/voorbeelden/maandtoeslag` from 1 July; the impact is the exact yearly total of the monthly
amounts, labelled per jaar, and annualised the other way with `--per maand`."""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import cli
from maandtoeslag_map import maandkolommen, scenario_map

VOORSTEL = """naam: Verhoging vanaf 1 juli 20 euro
huidig: ../model
bron: testvoorstel
parameters:
  verhoging:
    - {waarde: "12.50", vanaf: 2025-01-01, tot_en_met: 2025-06-30, bron: voorbeeld}
    - {waarde: "20.00", vanaf: 2025-07-01, tot_en_met: 2025-12-31, bron: voorbeeld}
"""


def _map(tmp: Path) -> Path:
    scenario_map(tmp, maandkolommen([["1000.00"] * 12, ["50.00"] * 6 + ["2000.00"] * 6, [None] * 3 + ["500.00"] * 9]))
    (tmp / "voorstel").mkdir()
    (tmp / "voorstel" / "voorstel.yaml").write_text(VOORSTEL, "utf-8")
    return tmp


def test_vergelijk_met_scenario_op_een_tijdlijnmodel(tmp_path: Path) -> None:
    # By hand: the verhoging rises 6,25 a month from July; each of the three persons gets a toeslag in
    # July-December (inkomen 1000, 2000, 500 > 100 €): 3 × 6 × 6,25 = 112,50 a year; the largest change
    # per person 37,50 (before: 12.157,50 for person 1, see tests/e2e/test_simuleer_tijdlijn.py).
    m = _map(tmp_path)
    args = ["vergelijk", str(m / "model"), str(m / "voorstel"), "--scenario", str(m / "scenario.yaml"),
            "--rekendatum", "2025-07-01"]
    r = cli(*args)
    assert r.code == 0, r.uitvoer
    assert "jaarbedrag: budgeteffect +€ 112 per jaar" in r.uitvoer and "3 winnaars en 0 verliezers" in r.uitvoer
    assert "totaal per jaar" in r.uitvoer and "€ 28.860" in r.uitvoer
    d = json.loads(cli(*args, "--formaat", "json").uitvoer)["impact"]["uitvoer"]["jaarbedrag"]
    assert d["periode"] == "per jaar" and d["max_winst"] == "37.5" and d["voor"]["totaal"] == "28860"
    eerste = d["grootste"][0]
    assert (eerste["voor"], eerste["na"]) == ("12157.5", "12195")
    # the case of the largest change shows the monthly toeslag per stretch (the month columns read back)
    assert eerste["uitleg_voor"]["toeslag"]["waarde"][1] == {"vanaf": "2025-07-01", "tot": "2026-01-01",
                                                            "waarde": "1013.75"}
    maand = cli(*args, "--per", "maand")
    assert "budgeteffect +€ 9 per maand" in maand.uitvoer and "omgerekend van per jaar, × 1/12" in maand.uitvoer


def test_vergelijk_met_de_invoer_als_stukken(tmp_path: Path) -> None:
    # The same three persons as a long table (`Persoon.inkomen.parquet`): the same impact and the same
    # case of the largest change (the copy `vergelijk` keeps of the input shares the stretches).
    from datetime import date
    from decimal import Decimal

    import pyarrow as pa
    import pyarrow.parquet as pq

    m = _map(tmp_path)
    (m / "pop" / "persoon.parquet").unlink()
    pq.write_table(pa.table({"id": pa.array([1, 2, 3], pa.int64())}), m / "pop" / "persoon.parquet")
    stukken = [(1, date(2025, 1, 1), date(2026, 1, 1), "1000.00"), (2, date(2025, 1, 1), date(2025, 7, 1), "50.00"),
               (2, date(2025, 7, 1), date(2026, 1, 1), "2000.00"), (3, date(2025, 4, 1), date(2026, 1, 1), "500.00")]
    pq.write_table(pa.table({"id": pa.array([s[0] for s in stukken], pa.int64()),
                             "vanaf": pa.array([s[1] for s in stukken], pa.date32()),
                             "tot": pa.array([s[2] for s in stukken], pa.date32()),
                             "waarde": pa.array([Decimal(s[3]) for s in stukken], pa.decimal128(10, 2))}),
                   m / "pop" / "Persoon.inkomen.parquet")
    args = ["vergelijk", str(m / "model"), str(m / "voorstel"), "--scenario", str(m / "scenario.yaml"),
            "--rekendatum", "2025-07-01", "--formaat", "json"]
    r = cli(*args)
    assert r.code == 0, r.uitvoer
    d = json.loads(r.uitvoer)["impact"]["uitvoer"]["jaarbedrag"]
    assert d["voor"]["totaal"] == "28860" and d["max_winst"] == "37.5"
    eerste = d["grootste"][0]
    assert (eerste["voor"], eerste["na"]) == ("12157.5", "12195")
    assert eerste["uitleg_voor"]["toeslag"]["waarde"][1] == {"vanaf": "2025-07-01", "tot": "2026-01-01",
                                                            "waarde": "1013.75"}
