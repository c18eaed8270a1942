"""Render diagnostics: rich console with the source line and a caret, gnu `pad:regel:kolom:`, JSON.

>>> from regelspraak.diagnostics import Diagnostic, Ernst
>>> from regelspraak.origin import Herkomst, Span
>>> d = Diagnostic("RS101", Ernst.FOUT, "Onbekende naam 'x'.", Herkomst(Span("a.rgs", 2, 5)))
>>> print(gnu(d))
a.rgs:2:5: fout RS101: Onbekende naam 'x'.
>>> as_json(d)["code"]
'RS101'
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

from regelspraak.diagnostics import Diagnostic, Ernst
from regelspraak.origin import split_regels
from regelspraak.reading import Leesfout, fragment, lees_bytes
from regelspraak.report.terminal import veilig

MAX_TOON = 64 * 1024 * 1024  # the largest input file read at all (law texts, YAML)

_KLEUR = {Ernst.FOUT: "bold red", Ernst.WAARSCHUWING: "bold yellow", Ernst.INFO: "bold blue"}


def gnu(d: Diagnostic) -> str:
    waar = f"{d.herkomst.span}: " if d.herkomst is not None else ""
    return veilig(f"{waar}{d.ernst.value} {d.code}: {d.bericht}")


def as_json(d: Diagnostic) -> dict[str, Any]:
    out: dict[str, Any] = {"code": d.code, "ernst": d.ernst.value, "bericht": d.bericht}
    if d.herkomst is not None:
        s = d.herkomst.span
        out["bestand"] = s.bestand
        out["regel"] = s.regel
        out["kolom"] = s.kolom
        if d.herkomst.bron is not None:
            out["bron"] = d.herkomst.bron.citeer()
    if d.hulp:
        out["hulp"] = d.hulp
    return out


def _bronregel(bestand: str, regel: int, cache: dict[str, list[str]]) -> str | None:
    if bestand not in cache:
        try:
            # Counted as the parsers count them, or the line shown would not be the line meant.
            # Read bounded: the diagnostic may be about a file too large or no file at all.
            cache[bestand] = split_regels(lees_bytes(Path(bestand), MAX_TOON).decode("utf-8", errors="replace"))
        except Leesfout:
            cache[bestand] = []
    lines = cache[bestand]
    return lines[regel - 1] if 0 < regel <= len(lines) else None


def _binair(regel: str) -> bool:
    r"""A line of a binary file (NUL bytes, or mostly bytes that are no UTF-8): shown, it is noise
    that says nothing (the message already says the file is no text); one wrong accent in a
    Latin-1 file is still shown, so the reader finds the place.

    >>> _binair("naam: Jos\ufffd"), _binair("\x00\x01ELF"), _binair("\ufffd\ufffd\ufffdx")
    (False, True, True)
    """
    return "\x00" in regel or regel.count("\ufffd") * 4 > len(regel)


def print_console(diagnostics: list[Diagnostic], console: Console) -> None:
    """Each diagnostic with its source line and a caret under the offending column."""
    cache: dict[str, list[str]] = {}
    for d in diagnostics:
        # Messages quote user text (names, values, paths): escaped as markup, controls made visible,
        # whatever console this is given.
        kop = f"[{_KLEUR[d.ernst]}]{d.ernst.value}[/] [bold]{d.code}[/]: {escape(veilig(d.bericht))}"
        console.print(kop, highlight=False)
        if d.herkomst is not None:
            s = d.herkomst.span
            console.print(f"  [blue]-->[/] {escape(veilig(str(s)))}", highlight=False)
            line = _bronregel(s.bestand, s.regel, cache)
            if line is not None and not _binair(line):
                line, kolom = fragment(line, s.kolom)  # a 1 MB line is shown as about 200 characters
                shown = line.replace("\t", "    ")
                # A tab counts as one column in the span but is shown as four spaces.
                col = len(line[: max(kolom - 1, 0)].replace("\t", "    "))
                breedte = 1
                if s.eind_regel == s.regel and s.eind_kolom is not None and s.eind_kolom > s.kolom:
                    breedte = max(1, len(line[kolom - 1 : kolom - 1 + s.eind_kolom - s.kolom].replace("\t", "    ")))
                console.print(f"   [blue]|[/] {escape(veilig(shown))}", highlight=False)
                console.print(f"   [blue]|[/] {' ' * col}[{_KLEUR[d.ernst]}]{'^' * breedte}[/]", highlight=False)
        if d.hulp:
            console.print(f"   [cyan]= hulp:[/] {escape(veilig(d.hulp))}", highlight=False)
