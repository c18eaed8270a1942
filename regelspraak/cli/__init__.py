"""The `regelspraak` command: Dutch verbs, `--formaat tekst|json`, exit codes per DESIGN.md.

Importing the command modules registers them on the typer app.
"""

from __future__ import annotations

import sys

from regelspraak.cli import bereken, controleer, test  # noqa: F401 - registers the commands
from regelspraak.cli.app import app

try:  # the law-text commands arrive with the law package
    from regelspraak.cli import wet  # noqa: F401
except ImportError:  # pragma: no cover
    pass


def main() -> None:
    """Entry point; a Python traceback reaching a user is a bug, so the last guard is here."""
    try:
        app()
    except (KeyboardInterrupt, BrokenPipeError):
        sys.exit(130)


__all__ = ["app", "main"]
