"""The wheel lists its packages explicitly (the grammar folder is mapped into it); every package
folder of the source tree must be in that list, or an installed tool fails on import."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_every_package_is_in_the_wheel() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    folders = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "regelspraak").rglob("__init__.py")}
    assert folders - listed == set(), f"missing from [tool.setuptools] packages: {sorted(folders - listed)}"
    assert "regelspraak.grammar" in listed
