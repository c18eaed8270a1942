"""Progress of a long command on stderr: a rich bar (or spinner when the total is unknown) while
it runs, nothing at all when stderr is not a terminal (CI logs, pipes, tests).

    with voortgang("Scenario's doorrekenen", totaal=4) as v:
        for s in scenarios:
            reken(s)
            v.stap(tekst=s.naam)

The API (`voortgang(beschrijving, totaal=None)`, `v.stap(n=1, tekst=None)`) is shared by the
commands; keep it stable.

>>> with voortgang("testen", totaal=2) as v:  # stderr is not a terminal under doctest: silent
...     v.stap(tekst="eerste")
...     v.stap()
>>> v.gedaan
2
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.markup import escape

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


class Voortgang:
    """What a command reports while it works. Counts even when nothing is shown."""

    def __init__(self, beschrijving: str, totaal: int | None, progress: Progress | None) -> None:
        self.beschrijving = beschrijving
        self.totaal = totaal
        self.gedaan = 0
        self._tekst: str | None = None
        self._progress = progress
        self._taak: TaskID | None = (
            progress.add_task(_opmaak(beschrijving, None), total=totaal) if progress is not None else None)

    def stap(self, n: int = 1, tekst: str | None = None) -> None:
        """`n` more steps done; `tekst` says what is being done now (shown after the description,
        until a later step says something else)."""
        self.gedaan += n
        if tekst is not None:
            self._tekst = tekst
        if self._progress is not None and self._taak is not None:
            self._progress.update(self._taak, advance=n, description=_opmaak(self.beschrijving, self._tekst))


def _opmaak(beschrijving: str, tekst: str | None) -> str:
    # Descriptions are rich markup; what users wrote (names, paths) must not be read as markup.
    regel = escape(beschrijving)
    return f"{regel}: [dim]{escape(tekst)}[/]" if tekst else regel


def _zichtbaar() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced or closed stderr
        return False


@contextmanager
def voortgang(beschrijving: str, totaal: int | None = None) -> Iterator[Voortgang]:
    """A progress display for the duration of the block; removed from the screen when it ends."""
    if not _zichtbaar():
        yield Voortgang(beschrijving, totaal, None)
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from regelspraak.report.terminal import VeiligeConsole

    kolommen = [SpinnerColumn(), TextColumn("{task.description}")]
    if totaal is not None:
        kolommen += [BarColumn(), MofNCompleteColumn()]
    kolommen.append(TimeElapsedColumn())
    with Progress(*kolommen, console=VeiligeConsole(stderr=True), transient=True) as progress:
        yield Voortgang(beschrijving, totaal, progress)
