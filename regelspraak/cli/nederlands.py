"""The command line speaks Dutch, also where typer and click speak: usage errors, help pages, Ctrl-C.

Typer ≥ 0.29 ships its own copy of click (`typer._click`) without gettext, so its texts cannot be
translated by a catalogue. Instead the application uses these subclasses:

- `Groep` (the group of commands) turns every usage error (a missing or unknown option, an
  invalid value, an unknown command) into the same error with a Dutch message, by the error's
  type and fields, before typer prints it; and turns Ctrl-C into one line "Afgebroken." and exit 130.
- `Opdracht` (each command) and `Groep` write "Gebruik:" and a Dutch help option.
- `NlTyper` gives every command `Opdracht` as its class.
- `installeer()` sets the panel titles and markers of typer's rich help ("Opties", "[verplicht]").

Error messages name user input; it is shown as written, between quotes, never interpreted.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from difflib import get_close_matches
from typing import Any

import typer
from typer import _click
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandFunctionType

from regelspraak.report.terminal import veilig

_fouten = _click.exceptions
HULP = "Toon deze hulp en stop."
AFGEBROKEN = "Afgebroken."
OPTIES = "[OPTIES]"
ONDERBROKEN = 130  # 128 + SIGINT, what shells report for Ctrl-C


def installeer() -> None:
    """Dutch titles and markers in typer's rich help and error panels (module settings of typer).
    Called just before typer renders help or an error: its rich_utils is slow to import (markdown)."""
    from typer import rich_utils

    rich_utils.DEPRECATED_STRING = "(verouderd) "
    rich_utils.DEFAULT_STRING = "[standaard: {}]"
    rich_utils.ENVVAR_STRING = "[omgevingsvariabele: {}]"
    rich_utils.REQUIRED_LONG_STRING = "[verplicht]"
    rich_utils.ARGUMENTS_PANEL_TITLE = "Argumenten"
    rich_utils.OPTIONS_PANEL_TITLE = "Opties"
    rich_utils.COMMANDS_PANEL_TITLE = "Commando's"
    rich_utils.ERRORS_PANEL_TITLE = "Fout"
    rich_utils.ABORTED_TEXT = AFGEBROKEN
    rich_utils.RICH_HELP = "Zie [blue]'{command_path} {help_option}'[/] voor hulp."


def _hint(e: Any) -> str:
    hint = e.param_hint if e.param_hint is not None else (e.param.get_error_hint() if e.param else None)
    if hint is None:
        return ""
    if isinstance(hint, str):
        return hint
    return " / ".join(f"'{h}'" for h in hint)


# Messages of typer's own value checks, by their (fixed) English wording.
_WAARDE: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"Value error, (?P<r>.*)", re.S), lambda m: _nl(m["r"], _WAARDE)),
    (re.compile(r"Input should be a valid integer.*", re.S), lambda m: "verwacht een geheel getal."),
    (re.compile(r"Input should be a valid (?:number|decimal).*", re.S), lambda m: "verwacht een getal."),
    (re.compile(r"Input should be a valid boolean.*", re.S), lambda m: "verwacht waar of onwaar."),
    (re.compile(r"Input should be a valid (?:date|datetime).*", re.S), lambda m: "verwacht een datum."),
    (re.compile(r"Input should be (?:a valid string|less|greater).*", re.S), lambda m: "ongeldige waarde."),
    (re.compile(r"(?P<w>.+) is not one of (?P<k>.+)\.", re.S), lambda m: f"{m['w']} is geen van {m['k']}."),
    (re.compile(r"Value (?P<w>.+) is not a valid (?P<s>\w+)\.", re.S),
     lambda m: f"{m['w']} is geen geldig{'e' if m['s'] in ('int', 'integer', 'float') else ''} "
               f"{ {'int': 'geheel getal', 'integer': 'geheel getal', 'float': 'getal'}.get(m['s'], m['s'])}."),
    (re.compile(r"(?:File|Directory|Path) (?P<p>.+) does not exist\.", re.S), lambda m: f"{m['p']} bestaat niet."),
    (re.compile(r"(?:File|Directory|Path) (?P<p>.+) is a directory\.", re.S), lambda m: f"{m['p']} is een map."),
    (re.compile(r"(?:File|Directory|Path) (?P<p>.+) is a file\.", re.S), lambda m: f"{m['p']} is een bestand."),
    (re.compile(r"(?:File|Directory|Path) (?P<p>.+) is not (?P<s>readable|writable)\.", re.S),
     lambda m: f"{m['p']} is niet {'leesbaar' if m['s'] == 'readable' else 'schrijfbaar'}."),
]
_GEBRUIK: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"Got unexpected extra argument(?:\(s\)|s)? \((?P<a>.*)\)", re.S),
     lambda m: f"Onverwacht extra argument: {m['a']}."),
    (re.compile(r"Option (?P<o>.+) requires an argument\.", re.S), lambda m: f"Optie {m['o']} vraagt een waarde."),
    (re.compile(r"Option (?P<o>.+) requires (?P<n>\d+) arguments\.", re.S),
     lambda m: f"Optie {m['o']} vraagt {m['n']} waarden."),
    (re.compile(r"Option (?P<o>.+) does not take a value\.", re.S), lambda m: f"Optie {m['o']} neemt geen waarde."),
    (re.compile(r"Argument (?P<a>.+) takes (?P<n>\d+) values\.", re.S),
     lambda m: f"Argument {m['a']} vraagt {m['n']} waarden."),
    (re.compile(r"Missing command\."), lambda m: "Commando ontbreekt."),
]


def _nl(tekst: str, tabel: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]]) -> str:
    for patroon, vertaling in tabel:
        if m := patroon.fullmatch(tekst.strip()):
            return vertaling(m)
    return tekst


def vertaal(e: Any) -> Any:
    """The same usage error with a Dutch message (exit code 2, usage line kept)."""
    installeer()
    soort = type(e).__name__
    ctx = getattr(e, "ctx", None)
    if soort == "NoArgsIsHelpError" or not isinstance(e, _fouten.UsageError):
        return e
    if isinstance(e, _fouten.MissingParameter):
        wat = "Verplichte optie" if (e.param_type or getattr(e.param, "param_type_name", "")) == "option" \
            else "Verplicht argument"
        hint = _hint(e)
        bericht = f"{wat} {hint} ontbreekt." if hint else f"{wat} ontbreekt."
    elif isinstance(e, _fouten.NoSuchOption):
        bericht = f"Onbekende optie '{e.option_name}'."
        if e.possibilities:
            bericht += " Bedoelde u " + " of ".join(f"'{p}'" for p in sorted(e.possibilities)) + "?"
    elif isinstance(e, _fouten.BadParameter):
        hint = _hint(e)
        bericht = f"Ongeldige waarde voor {hint}: {_nl(e.message, _WAARDE)}" if hint else \
            f"Ongeldige waarde: {_nl(e.message, _WAARDE)}"
    else:
        bericht = _nl(e.message, _GEBRUIK)
    nieuw = _fouten.UsageError(veilig(bericht), ctx)
    nieuw.exit_code = e.exit_code
    return nieuw


def _gebruik(cmd: _click.core.Command, ctx: Any, formatter: Any) -> None:
    formatter.write_usage(ctx.command_path, " ".join(cmd.collect_usage_pieces(ctx)), prefix="Gebruik: ")


def _hulpoptie(optie: Any) -> Any:
    if optie is not None:
        optie.help = HULP
    return optie


# Typer labels an option's value by its Python type (`<path>`, `<int>`); the help shows Dutch words.
# A flag (`<bool>`) takes no value, so it gets no label. Choices (`<tekst|json>`) are shown as they are.
_SOORTEN = {"path": "pad", "int": "geheel getal", "float": "getal", "str": "tekst", "Fraction": "getal",
            "Path": "pad"}


def soortlabel(label: str | None) -> str | None:
    """The Dutch label for typer's type label of an option's value.

    >>> soortlabel("<path>"), soortlabel("<list[str]>"), soortlabel("<bool>"), soortlabel("<tekst|json>")
    ('<pad>', '<tekst>...', '', '<tekst|json>')
    """
    if label is None or not (label.startswith("<") and label.endswith(">")):
        return label
    kern = label[1:-1]
    if kern == "bool":
        return ""
    if kern.startswith("list[") and kern.endswith("]"):
        binnen = soortlabel(f"<{kern[5:-1]}>")
        return f"{binnen}..." if binnen else binnen
    return f"<{_SOORTEN[kern]}>" if kern in _SOORTEN else label


def _nederlandse_soorten(cmd: _click.core.Command, ctx: Any) -> None:
    for param in cmd.get_params(ctx):
        if not hasattr(param, "display_type"):
            continue
        label = soortlabel(param.display_type(ctx))
        if param.param_type_name == "option":
            if param.metavar is None:
                param.metavar = label
        else:
            # An argument's metavar is also its name in the usage line; only its type column changes.
            param.display_type_rich = lambda ctx, label=label: label  # type: ignore[attr-defined]


class _Nederlands(_click.core.Command):
    """What a command and the group share: the Dutch help (titles set just before rendering), usage
    line and help option. Placed before typer's class, so `super()` is typer's."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        installeer()
        _nederlandse_soorten(self, ctx)
        super().format_help(ctx, formatter)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _gebruik(self, ctx, formatter)

    def get_help_option(self, ctx: Any) -> Any:
        return _hulpoptie(super().get_help_option(ctx))


class Opdracht(_Nederlands, TyperCommand):
    """A command with Dutch usage line and help option."""


class Groep(_Nederlands, TyperGroup):
    """The group of commands: Dutch usage errors, suggestions for a mistyped command, Ctrl-C."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except _fouten.UsageError as e:
            raise vertaal(e) from None

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[str | None, Any, list[str]]:
        naam = args[0] if args else ""
        cmd = self.get_command(ctx, naam)
        if cmd is None and naam and not naam.startswith("-") and not ctx.resilient_parsing:
            bericht = f"Onbekend commando '{naam}'."
            if bedoeld := get_close_matches(naam, self.list_commands(ctx)):
                bericht += " Bedoelde u " + " of ".join(f"'{m}'" for m in bedoeld) + "?"
            installeer()
            raise _fouten.UsageError(veilig(bericht), ctx)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except _fouten.UsageError as e:
            raise vertaal(e) from None
        except KeyboardInterrupt:
            sys.stderr.write(AFGEBROKEN + "\n")
            raise typer.Exit(ONDERBROKEN) from None
        except BrokenPipeError:
            raise
        except Exception as e:
            # A file the command could not read or write, past the checks of the command itself:
            # a Dutch reason naming the file and exit 2, not a traceback or the system's English.
            if isinstance(e, OSError) or type(e).__module__.startswith("pyarrow"):
                _bestandsfout(e)
                raise typer.Exit(2) from None
            raise


def _bestandsfout(e: Exception) -> None:
    from regelspraak.bestandsfout import noem, waarom
    from regelspraak.cli.app import stderr
    from regelspraak.diagnostics import Diagnostic, Ernst
    from regelspraak.report.diagnostics import print_console

    bestand = noem(e) if isinstance(e, OSError) else ""
    wat = f"Kan '{bestand}' niet gebruiken" if bestand else "Een bestand kan niet worden gebruikt"
    print_console([Diagnostic("RS901", Ernst.FOUT, f"{wat}: {waarom(e)}.", None)], stderr())


class NlTyper(typer.Typer):
    """`typer.Typer` whose commands are `Opdracht`s unless a command says otherwise."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIES)
        kwargs.setdefault("subcommand_metavar", "COMMANDO [ARGUMENTEN]...")
        super().__init__(**kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Callable[[CommandFunctionType], CommandFunctionType]:
        kwargs.setdefault("options_metavar", OPTIES)
        kwargs["cls"] = kwargs.get("cls") or Opdracht
        return super().command(*args, **kwargs)

