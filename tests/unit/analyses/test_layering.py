"""Layering in the analyses area (issue 15 via issue 10): analyses/ never imports report/ or cli/,
bill/ never imports cli/, and no module there imports another module's private names."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PAKKET = Path(__file__).resolve().parents[3] / "regelspraak"


def _imports(pad: Path) -> list[tuple[str, list[str]]]:
    out = []
    for node in ast.walk(ast.parse(pad.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.append((node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            out += [(a.name, []) for a in node.names]
    return out


@pytest.mark.parametrize(("map_", "verboden"), [("analyses", ("regelspraak.report", "regelspraak.cli")),
                                                ("bill", ("regelspraak.cli",))])
def test_no_upward_imports(map_: str, verboden: tuple[str, ...]) -> None:
    fout = [(str(p.relative_to(PAKKET)), m) for p in sorted((PAKKET / map_).rglob("*.py"))
            for m, _ in _imports(p) if m.startswith(verboden)]
    assert fout == []


@pytest.mark.parametrize("map_", ["analyses", "bill"])
def test_no_private_names_across_modules(map_: str) -> None:
    fout = [(str(p.relative_to(PAKKET)), m, n) for p in sorted((PAKKET / map_).rglob("*.py"))
            for m, namen in _imports(p) if m.startswith("regelspraak.") for n in namen
            if n.startswith("_") and n != "__version__"]
    assert fout == []
