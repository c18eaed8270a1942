"""A clone runs on its own: no code, test, benchmark, model or scenario refers to material outside the
repository (the project's `shared` folder beside a checkout, absolute paths of the build machine).
`.ci/run` also runs the suite from a clone with nothing beside it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
MAPPEN = ["regelspraak", "tests", "benchmarks", "wetten", "simulaties", "grammar", ".ci"]
SOORTEN = {".py", ".yaml", ".yml", ".toml", ".lark", ".rgs", ".sh", ".cfg", ".ini", ""}
BUITEN = re.compile(r"\.\./shared\b|/work/|\bshared/(?:bronnen|data|docs|bench)\b|[\"']shared[\"']\s*/")


def _bestanden() -> list[Path]:
    try:
        uit = subprocess.run(["git", "ls-files", *MAPPEN, "cli.py", "pyproject.toml"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.split()
        paden = [ROOT / p for p in uit]
    except (OSError, subprocess.CalledProcessError):  # an unpacked archive
        paden = [p for m in MAPPEN for p in (ROOT / m).rglob("*")]
    return [p for p in paden if p.is_file() and p.suffix in SOORTEN and p.name != Path(__file__).name]


def test_there_are_files_to_check() -> None:
    assert len(_bestanden()) > 100


def test_nothing_refers_outside_the_repository() -> None:
    gevonden = {str(p.relative_to(ROOT)): m for p in _bestanden()
                if (m := sorted({x.group() for x in BUITEN.finditer(p.read_text("utf-8", errors="replace"))}))}
    assert gevonden == {}, f"refers outside the repository: {gevonden}"


def test_the_check_finds_a_reference() -> None:
    assert BUITEN.search('BRONNEN = Path(__file__).parents[3] / ".." / "shared" / "bronnen"')
    assert BUITEN.search("Path('../shared/bronnen/bwb')") and BUITEN.search("# from /work/shared/data/x.yaml")
