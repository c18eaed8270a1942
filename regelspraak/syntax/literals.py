"""Number and date literals of a sentence, and the error every sentence module raises.

>>> parse_getal("2_1/3"), parse_datum_literal("dd. 1-2-2025", 1, 1)
(Fraction(7, 3), datetime.date(2025, 2, 1))
"""

from __future__ import annotations

import re
from datetime import date, datetime
from fractions import Fraction

from lark import Token


class SentenceError(Exception):
    """A sentence that does not parse; `line`/`column` point at the offending token."""

    def __init__(self, bericht: str, line: int, column: int, hulp: str | None = None, code: str = "RS002") -> None:
        super().__init__(bericht)
        self.bericht = bericht
        self.line = line
        self.column = column
        self.hulp = hulp
        self.code = code



# 'Dd.' as the lexer reads it; a time (spec §13.2.18-27: `dd. 1-7-2025 08:15:30.250`) makes a date and time.
_DATUM = re.compile(r"(?:dd\.\s*)?(\d{1,2})-(\d{1,2})-(\d{4})"
                    r"(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3}))?)?)?", re.IGNORECASE)
MAX_CIJFERS = 100  # digits in one number literal; int() refuses very long ones, and no law needs them


def parse_getal(text: str) -> Fraction:
    """A number literal as RegelSpraak writes it: `18`, `-3`, `1234,56`, `2_1/3`, `1/3`.

    Raises ValueError (with a Dutch reason) for `1/0` and for absurdly long literals.
    """
    t = text.strip()
    if sum(ch.isdigit() for ch in t) > MAX_CIJFERS:
        raise ValueError(f"meer dan {MAX_CIJFERS} cijfers")
    neg = t.startswith("-")
    t = t.lstrip("-")
    try:
        if "_" in t:
            whole, frac = t.split("_", 1)
            a, b = frac.split("/")
            v = Fraction(int(whole)) + Fraction(int(a), int(b))
        elif "/" in t:
            a, b = t.split("/")
            v = Fraction(int(a), int(b))
        else:
            v = Fraction(t.replace(",", "."))
    except ZeroDivisionError as e:
        raise ValueError("de noemer is nul") from e
    return -v if neg else v


def getal_van(tok: Token) -> Fraction:
    """The number in a NUMBER or PERCENTAGE token; a bad literal is a SentenceError at the token."""
    try:
        return parse_getal(str(tok))
    except ValueError as e:
        raise SentenceError(f"Ongeldig getal {str(tok)!r}: {e}.", tok.line or 1, tok.column or 1) from e


def parse_datum_literal(text: str, line: int, column: int) -> date:
    """`dd. 1-7-2025` (a date) or `dd. 1-7-2025 08:15:30.250` (a date and time, whole milliseconds;
    seconds and milliseconds may be left out). A day or time that does not exist is RS021.

    >>> parse_datum_literal("dd. 1-7-2025 08:15:30.25", 1, 1)
    datetime.datetime(2025, 7, 1, 8, 15, 30, 250000)
    """
    m = _DATUM.fullmatch(text.strip())
    if not m:
        raise SentenceError(f"Ongeldige datum {text!r}.", line, column)
    try:
        dag = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError as e:
        raise SentenceError(f"Ongeldige datum {text!r}: die dag bestaat niet.", line, column) from e
    if m.group(4) is None:
        return dag
    uur, minuut, seconde = int(m.group(4)), int(m.group(5)), int(m.group(6) or 0)
    ms = int((m.group(7) or "0").ljust(3, "0"))
    if uur > 23 or minuut > 59 or seconde > 59:
        raise SentenceError(f"Ongeldige tijd in {text!r}: uur 0-23, minuut en seconde 0-59.", line, column,
                            code="RS021")
    return datetime(dag.year, dag.month, dag.day, uur, minuut, seconde, ms * 1000)
