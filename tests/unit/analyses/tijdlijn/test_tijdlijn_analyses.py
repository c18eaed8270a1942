"""The analyses, `vergelijk` and the property search on timeline models (issue 11): no RS008 refusal, a
planted cliff in a monthly amount found on both sides of the parameter change on 1 July, the z3
analyses encoded per stretch, and the same output twice."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from regelspraak.analyses import context
from regelspraak.analyses.registry import run_all
from tests.unit.analyses.tijdlijn.models import VOORSTEL, schrijf

REKENDATUM = date(2025, 7, 1)


def _cli(*args: str) -> tuple[int, str]:
    from typer.testing import CliRunner

    from regelspraak.cli import app

    r = CliRunner().invoke(app, list(args))
    return r.exit_code, r.output


def test_klif_in_een_maandbedrag_aan_beide_kanten_van_1_juli(tmp_path: Path) -> None:
    ctx = context.load(schrijf(tmp_path / "m"), REKENDATUM)
    findings, _ = run_all(ctx)
    kliffen = sorted((f.details["van"], f.bedrag) for f in findings if f.code == "RS402")
    # 100 € a month lost at 2000 (January to June) and at 2100 (July to December): 600 € a year each.
    assert kliffen == [("1999", "600"), ("2099", "600")], kliffen


def test_z3_analyses_per_stuk(tmp_path: Path) -> None:
    ctx = context.load(schrijf(tmp_path / "m"), REKENDATUM)
    run_all(ctx, alleen=frozenset({"conflicten"}))
    gedekt = " ".join(ctx.dekking["conflicten"].gedekt)
    assert "01-01-2025 t/m 30-06-2025, 01-07-2025 t/m 31-12-2025" in gedekt


def test_analyseer_cli_geen_rs008_en_deterministisch(tmp_path: Path) -> None:
    m = schrijf(tmp_path / "m")
    a = _cli("analyseer", str(m), "--rekendatum", "2025-07-01", "--formaat", "json")
    b = _cli("analyseer", str(m), "--rekendatum", "2025-07-01", "--formaat", "json")
    assert a[0] == 1 and "RS008" not in a[1], a[1]
    assert a == b
    assert any(f["code"] == "RS402" for f in json.loads(a[1])["bevindingen"])


def test_vergelijk_op_een_tijdlijnmodel(tmp_path: Path) -> None:
    schrijf(tmp_path / "huidig")
    (tmp_path / "voorstel").mkdir()
    (tmp_path / "voorstel" / "voorstel.yaml").write_text(VOORSTEL, "utf-8")
    code, uit = _cli("vergelijk", str(tmp_path / "huidig"), str(tmp_path / "voorstel"), "--rekendatum", "2025-07-01")
    assert code == 0 and "RS008" not in uit and "gewijzigd parameter grens" in uit, uit
