"""`regelspraak --help` stays fast: loading the CLI imports none of the heavy libraries; each command
imports what it needs when it runs (numpy, pyarrow, z3, lark, pydantic, PyYAML)."""

from __future__ import annotations

import subprocess
import sys

ZWAAR = ("numpy", "pyarrow", "z3", "lark", "pydantic", "yaml", "typer.rich_utils")


def test_de_cli_laden_importeert_geen_zware_bibliotheken() -> None:
    code = ("import sys, regelspraak.cli\n"
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {ZWAAR!r} or m in {ZWAAR!r}))")
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert uit.strip() == "[]"


def test_hulp_zonder_zware_bibliotheken() -> None:
    code = ("import sys\nfrom regelspraak.cli import app\n"
            "try:\n    app(['--help'], prog_name='regelspraak', standalone_mode=False)\nexcept SystemExit:\n    pass\n"
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {ZWAAR[:-1]!r}), file=sys.stderr)")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Gebruik: regelspraak" in p.stdout
    assert p.stderr.strip() == "[]"
