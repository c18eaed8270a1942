"""The typer application and what every command shares: output format, exit codes,
turning diagnostics into a message and exit code 2 instead of a traceback."""

from __future__ import annotations

import json
import re
import sys
from enum import StrEnum
from typing import Any, NoReturn

import typer
from rich.console import Console

from regelspraak import __version__
from regelspraak.cli.nederlands import Groep, NlTyper
from regelspraak.diagnostics import Diagnostic
from regelspraak.report import diagnostics as render
from regelspraak.report.terminal import VeiligeConsole, veilig

app = NlTyper(
    name="regelspraak",
    cls=Groep,
    help="Wetgeving als uitvoerbare, herleidbare RegelSpraak: controleren, berekenen, herleiden.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _versie(gevraagd: bool) -> None:
    if gevraagd:
        sys.stdout.write(f"regelspraak {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _algemeen(
    versie: bool = typer.Option(False, "--version", "--versie", is_eager=True, callback=_versie,
                                help="Toon de versie en stop."),
) -> None:
    """Wetgeving als uitvoerbare, herleidbare RegelSpraak: controleren, berekenen, herleiden."""

# Exit codes of the CLI contract.
OK = 0
BEVINDINGEN = 1  # errors found, test failed, inconsistent, below threshold
ONBRUIKBAAR = 2  # the input could not be used


class Formaat(StrEnum):
    tekst = "tekst"
    json = "json"


def stdout() -> Console:
    # Piped output (CI logs, files) gets a wide page so derivation lines are not cut off. Control
    # characters in user text are shown, not executed (report/terminal.py).
    return VeiligeConsole(soft_wrap=True, highlight=False, width=None if sys.stdout.isatty() else 400)


def stderr() -> Console:
    return VeiligeConsole(stderr=True, soft_wrap=True, highlight=False)


# json.dumps escapes C0 controls but, with ensure_ascii=False, passes C1 controls and bidi overrides.
_JSON_STUUR = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def print_json(data: Any) -> None:
    tekst = json.dumps(data, ensure_ascii=False, indent=2)
    sys.stdout.write(_JSON_STUUR.sub(lambda m: f"\\u{ord(m.group()):04x}", tekst) + "\n")


def print_tekst(tekst: str) -> None:
    """Text that is not rich output (a draft model, JUnit XML, an HTML page), safe for a terminal."""
    sys.stdout.write(veilig(tekst))


def stop_onbruikbaar(diagnostics: list[Diagnostic], formaat: Formaat) -> NoReturn:
    """Report why the input could not be used and exit 2."""
    if formaat is Formaat.json:
        print_json({"diagnostieken": [render.as_json(d) for d in diagnostics]})
    else:
        render.print_console(diagnostics, stderr())
    raise typer.Exit(ONBRUIKBAAR)
