"""Shared test options and fixtures for the whole suite."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from regelspraak.diagnostics import Diagnostic
from regelspraak.model import ir
from regelspraak.model.from_syntax import load_model

ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Herschrijf de verwachte uitvoer van de golden tests (tests/golden/*/verwacht*); "
        "beoordeel het resultaat met git diff.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the repository root, so paths in CLI output are relative and stable."""
    monkeypatch.chdir(ROOT)
    return ROOT


@pytest.fixture
def laad(tmp_path: Path) -> Callable[[str], tuple[ir.Model, list[Diagnostic]]]:
    """Parse and check a model given as text (with real TABs) in a fresh folder."""

    def _laad(tekst: str) -> tuple[ir.Model, list[Diagnostic]]:
        pad = tmp_path / "model.rgs"
        pad.write_text(tekst, encoding="utf-8")
        return load_model([pad])

    return _laad
