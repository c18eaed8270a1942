"""Number options of the CLI, read by the one number reader (`values.notation`, DESIGN.md "Input
conventions"): `--personen 1.000.000` and `--personen 1000000` are the same, `--personen 40.000` is
refused naming both readings, `--budget nan` is no number. Used as `typer.Option(..., parser=geheel)`.

>>> geheel("1.000.000"), getal("0,05"), seconden("2,5")
(1000000, Fraction(1, 20), 2.5)
"""

from __future__ import annotations

from fractions import Fraction

import typer


def _lees(tekst: object, lezer: type[int] | type[Fraction]) -> int | Fraction:
    from regelspraak.inputs.getallen import lees_geheel, lees_getal  # pydantic: only when an option is read

    if isinstance(tekst, lezer):  # a default value, already a number
        return tekst
    try:
        return lees_geheel(tekst) if lezer is int else lees_getal(tekst)
    except ValueError as e:
        raise typer.BadParameter(str(e).removeprefix("Ongeldig getal ")) from None


def geheel(tekst: str) -> int:
    """A whole number: "2000", "1.000.000"."""
    n = _lees(tekst, int)
    assert isinstance(n, int)
    return n


def positief(tekst: str) -> int:
    """A whole number of at least 1 (examples, workers): "500", "1.000.000"; "1.000" is refused
    as ambiguous like every other number."""
    n = geheel(tekst)
    if n < 1:
        raise typer.BadParameter(f"verwacht een geheel getal van 1 of meer, niet {tekst}")
    return n


def getal(tekst: str) -> Fraction:
    """An exact number: "0.05", "0,05", "83,3"."""
    return Fraction(_lees(tekst, Fraction))


def procent(tekst: str) -> Fraction:
    """A percentage from 0 to 100, with or without its sign: "80", "80%", "83,3 %"."""
    p = getal(str(tekst).strip().removesuffix("%").strip())
    if not 0 <= p <= 100:
        raise typer.BadParameter(f"verwacht een percentage van 0 tot 100, niet {tekst}")
    return p


def seconden(tekst: str) -> float:
    """A positive duration in seconds (a time budget, compared with a clock)."""
    s = getal(tekst)
    if s <= 0:
        raise typer.BadParameter(f"verwacht een positief aantal seconden, niet {tekst}")
    return float(s)


def periode(tekst: str) -> str:
    """The period totals are converted to (`--per jaar`, `--per maand`; simulate/perioden.py)."""
    p = str(tekst).strip().lower()
    if p not in ("jaar", "maand"):
        raise typer.BadParameter(f"verwacht jaar of maand, niet {tekst}")
    return p
