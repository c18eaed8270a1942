"""Property: for two tapers of random rates and starts, stapeling reports exactly the ranges where
the rates add up beyond the threshold, with exact bounds and the summed rate; none otherwise."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from regelspraak.cli import app
from tests.unit.analyses.planted import models as m

runner = CliRunner()


def _taper(naam: str, pct: int, start: int, lengte: int) -> str:
    hoogte = pct * lengte // 100
    return m.regel(naam, f"De {naam} van een Persoon moet berekend worden als ({hoogte} € min {pct}% van (zijn "
                   f"inkomen min {start} €)), met een minimum van 0 € en een maximum van {hoogte} € naar beneden "
                   "afgerond op 2 decimalen.")


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=st.integers(30, 80), b=st.integers(30, 80), start_b=st.integers(21000, 29000))
def test_stacked_ranges_are_exact(tmp_path_factory: object, a: int, b: int, start_b: int) -> None:
    tmp = Path(tmp_path_factory.mktemp("stapel"))  # type: ignore[attr-defined]
    map_ = m.maak(tmp / "m", _taper("uitkering", a, 20000, 10000) + _taper("toeslag", b, start_b, 10000))
    r = runner.invoke(app, ["analyseer", str(map_), "--formaat", "json"])
    st_ = [f["details"] for f in json.loads(r.stdout)["bevindingen"] if f["code"] == "RS406"]
    if a + b > 100:
        assert [(d["van"], d["tot"]) for d in st_] == [(str(start_b), "30000")]
        assert Fraction(st_[0]["tarief"]) == Fraction(a + b, 100)
    else:
        assert st_ == []
