"""Modules are sized by concept: past 800 lines a module is split (DESIGN.md, style). A test, so the
rule does not depend on someone counting."""

from __future__ import annotations

from pathlib import Path

GRENS = 800
PAKKET = Path(__file__).resolve().parents[3] / "regelspraak"


def test_geen_module_langer_dan_800_regels() -> None:
    te_lang = {str(p.relative_to(PAKKET)): n for p in sorted(PAKKET.rglob("*.py"))
               if (n := len(p.read_text("utf-8").splitlines())) > GRENS}
    assert not te_lang, f"splits deze modules (meer dan {GRENS} regels): {te_lang}"
