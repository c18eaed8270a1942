"""Long commands show what they are doing on a terminal (stderr), and nothing in a pipe or log."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

WZT = "wetten/zorgtoeslag/BWBR0018451_2025-01-01.xml"
POPULATIE = ["populatie", "--model", "wetten/zorgtoeslag", "--mapping", "simulaties/zorgtoeslag-mapping.yaml",
             "--personen", "2000", "--seed", "1"]


def _met_terminal(args: list[str]) -> tuple[int, str, str]:
    """Run the CLI with stderr on a pseudo-terminal; (exit code, stdout, what the terminal showed)."""
    meester, slaaf = pty.openpty()
    env = {**os.environ, "COLUMNS": "120", "TERM": "xterm"}
    p = subprocess.Popen([sys.executable, "-m", "regelspraak", *args], stdout=subprocess.PIPE, stderr=slaaf,
                         env=env)
    os.close(slaaf)
    gezien = b""
    while True:
        klaar, _, _ = select.select([meester], [], [], 60)
        if not klaar:
            break
        try:
            blok = os.read(meester, 65536)
        except OSError:  # the child closed the terminal
            break
        if not blok:
            break
        gezien += blok
    uit = p.stdout.read() if p.stdout is not None else b""
    code = p.wait(timeout=60)
    os.close(meester)
    return code, uit.decode(), gezien.decode(errors="replace")


@pytest.mark.parametrize(("args", "tekst"), [
    (["ontleed", WZT], "ontleden"),
    (POPULATIE, "Populatie maken"),
])
def test_voortgang_op_een_terminal(repo: Path, tmp_path: Path, args: list[str], tekst: str) -> None:
    if args[0] == "populatie":
        args = [*args, "--uit", str(tmp_path / "p")]
    code, uit, terminal = _met_terminal(args)
    assert code == 0
    assert tekst in terminal
    assert tekst not in uit  # stdout (the result) stays clean


@pytest.mark.parametrize("args", [["ontleed", WZT], POPULATIE])
def test_geen_voortgang_in_een_pijp(repo: Path, tmp_path: Path, args: list[str]) -> None:
    if args[0] == "populatie":
        args = [*args, "--uit", str(tmp_path / "p")]
    p = subprocess.run([sys.executable, "-m", "regelspraak", *args], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0 and p.stderr == ""
