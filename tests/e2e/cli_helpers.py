"""Running the CLI in-process for the e2e tests (imported by the test modules beside it)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from typer.testing import CliRunner

from regelspraak.cli import app

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class Resultaat:
    code: int
    stdout: str
    uitvoer: str  # stdout and stderr together, as a user sees them


def cli(*args: str) -> Resultaat:
    """Invoke `regelspraak ARGS`; an exception escaping the app fails the test (a traceback is a bug)."""
    r = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return Resultaat(r.exit_code, _ANSI.sub("", r.stdout), _ANSI.sub("", r.output))
