"""The three report scenarios shipped in simulaties/ run with one command each and their HTML
reports render in headless Chromium (smaller populations than the shipped scenarios, same code)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_cli_simuleer_vergelijk import _scenario
from test_html_report import _chromium, _draai, _png_info, check_page
from typer.testing import CliRunner

from regelspraak.cli import app

ROOT = Path(__file__).resolve().parents[2]
ARTEFACTEN = Path(__file__).resolve().parent / "artefacten"
runner = CliRunner()

SCENARIOS = [
    ("aow-leefvorm-adres", "aow", "aow-2025.yaml"),
    ("zorgtoeslag-afbouw", "zorgtoeslag", "zorgtoeslag-2025.yaml"),
    ("vermogensgrens-hoger", "zorgtoeslag", "zorgtoeslag-2025.yaml"),
]


@pytest.mark.parametrize(("voorstel", "wet", "scenario"), SCENARIOS, ids=[s[0] for s in SCENARIOS])
def test_scenario_report_renders(tmp_path: Path, voorstel: str, wet: str, scenario: str) -> None:
    html = tmp_path / f"{voorstel}.html"
    args = ["vergelijk", str(ROOT / "wetten" / wet), str(ROOT / "simulaties" / "voorstellen" / voorstel),
            "--scenario", str(_scenario(tmp_path, scenario, personen=20_000)), "--formaat", "html", "--uit", str(html)]
    if wet == "aow":
        # The page is what is tested, not the analyses: all of them on both monthly AOW models took 140 of this
        # file's 180 s (analyseer wetten/aow alone is about 65 s of z3, docs/analyses.md); one keeps the findings part
        args += ["--alleen", "misbruikprikkel"]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.stdout
    page = html.read_text("utf-8")
    check_page(page)  # well-formed, no network loads, accessible charts with data tables
    assert "Impact op de bevolking" in page
    assert 'id="aannames"' in page and "AANNAME</strong> populatie" in page  # assumptions never pass for facts
    exe = _chromium()
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but no Chromium binary was found; .ci/run installs Debian's `chromium`.")
        pytest.skip("no Chromium binary found")
    ARTEFACTEN.mkdir(exist_ok=True)
    png = ARTEFACTEN / f"scenario-{voorstel}.png"
    png.unlink(missing_ok=True)
    proces = _draai(exe, [f"--screenshot={png}", "--window-size=1280,2000", html.as_uri()], tmp_path)
    assert png.is_file(), proces.stderr[-2000:]
    breedte, hoogte, _ = _png_info(png.read_bytes())
    assert (breedte, hoogte) == (1280, 2000) and png.stat().st_size > 10_000
