"""Golden test: the stacking analysis on the toeslagen family (issue 13) — what `regelspraak
analyseer wetten/toeslagen --alleen stapeling` prints for the twelve household templates of
wetten/toeslagen/analyse.yaml: every income range where the zorgtoeslag, huurtoeslag and
kindgebonden budget together take more than 40%, 80% or 100% of a euro earned (RS406), with each
scheme's share; the steepest range per template (RS421); every cliff of the household with its
width (RS420). The numbers were checked against the cases in wetten/*/gevallen and by hand (see
docs/wetten/toeslagen.md). After a deliberate change in a model or the analysis, rewrite with
`pytest tests/golden/test_golden_stapeling.py --update-golden` and review with `git diff`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from regelspraak.cli import app

GOLDEN = Path(__file__).resolve().parent / "stapeling-toeslagen"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_stacking_output_of_the_toeslagen_family(repo: Path, update_golden: bool) -> None:
    args = ["analyseer", "wetten/toeslagen", "--alleen", "stapeling"]
    r = CliRunner().invoke(app, args, catch_exceptions=False)
    gevonden = f"$ regelspraak {' '.join(args)}\n{_ANSI.sub('', r.stdout)}[exitcode {r.exit_code}]\n"
    pad = GOLDEN / "verwacht.txt"
    if update_golden or not pad.exists():
        pad.write_text(gevonden, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"{pad} ontbrak en is aangemaakt; controleer de inhoud met de hand.")
        return
    assert gevonden == pad.read_text(encoding="utf-8"), (
        "uitvoer wijkt af van tests/golden/stapeling-toeslagen/verwacht.txt (herschrijf met --update-golden en "
        "beoordeel)")
