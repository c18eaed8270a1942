"""The `regelspraak` command: Dutch verbs, `--formaat tekst|json`, exit codes per DESIGN.md.

Importing the command modules registers them on the typer app.
"""

from __future__ import annotations

import os
import sys

from regelspraak.cli import (  # noqa: F401 - importing registers the commands
    analyseer,
    bereken,
    controleer,
    dekking,
    herleid,
    ontleed,
    populatie,
    simuleer,
    test,
    vergelijk,
)
from regelspraak.cli.app import app
from regelspraak.cli.nederlands import AFGEBROKEN, ONDERBROKEN

try:  # the law-text commands arrive with the law package
    from regelspraak.cli import wet  # noqa: F401
except ImportError:  # pragma: no cover
    pass


INTERNE_FOUT = 3


def main() -> None:
    """Entry point. A Python traceback reaching a user is a bug; should one slip through, the
    user gets a Dutch message and exit code 3 (never 0, 1 or 2, which mean something else),
    and `REGELSPRAAK_DEBUG=1` shows the traceback for the bug report."""
    try:
        app(standalone_mode=True)
    except KeyboardInterrupt:  # before a command runs (the group handles it while one runs)
        sys.stderr.write(AFGEBROKEN + "\n")
        sys.exit(ONDERBROKEN)
    except BrokenPipeError:
        sys.exit(ONDERBROKEN)
    except Exception as e:
        if os.environ.get("REGELSPRAAK_DEBUG"):
            raise
        sys.stderr.write(f"interne fout in regelspraak ({type(e).__name__}: {e}). Dit is een fout in het "
                         "programma, niet in uw invoer; meld het met REGELSPRAAK_DEBUG=1 erbij.\n")
        sys.exit(INTERNE_FOUT)


__all__ = ["app", "main"]
