"""Operators, predicates and aggregations on possibly-empty values (taal.md §5, §6).

`None` is `leeg`. Numbers are exact `Fraction`s; units are not seen here: the type checker
has already converted both operands to a common unit (see `units.Eenheden.factor`). Each
function implements one row of the leeg tables in taal.md §6, quoted in its docstring.

>>> from fractions import Fraction as F
>>> plus(None, F(3)), min_(None, F(3)), verminderd_met(None, F(3))
(Fraction(3, 1), Fraction(-3, 1), None)
>>> format_getal(procent_van(F("13.5"), F("6234.56")))  # 13,5% van B in taal.md §8 case 1
'841.6656'
>>> gelijk(None, None), ongelijk(F(1), None)
(False, True)
>>> som([F(1), None, F(2)]), som([None], of_nul=True)
(Fraction(3, 1), Fraction(0, 1))
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from fractions import Fraction
from typing import Literal, TypeVar

from regelspraak.values.fouten import Rekenfout
from regelspraak.values.notation import format_getal

__all__ = [
    "Rekenfout", "Soort", "aantal", "absolute_waarde", "eerder", "eerder_gelijk", "eerste",
    "gedeeld_door", "gedeeld_door_abs", "gelijk", "groter", "groter_gelijk", "kleiner",
    "kleiner_gelijk", "laatste", "later", "later_gelijk", "maal", "maximum", "min_", "minimum",
    "ongelijk", "plus", "procent_van", "som", "verminderd_met",
]

Getal = Fraction | None
Soort = Literal["numeriek", "datum", "anders"]
# Ordered values: numbers (also percentages) and dates. Constrained, so mixing is a type error.
Geordend = TypeVar("Geordend", Fraction, date)

_NUL = Fraction(0)


# ---- operators: row by row from the leeg table (L leeg | R leeg | both leeg) ----------


def plus(links: Getal, rechts: Getal) -> Fraction:
    """`plus`: R | L | 0. Leeg acts as 0, so the result is never leeg."""
    return (links or _NUL) + (rechts or _NUL)


def min_(links: Getal, rechts: Getal) -> Fraction:
    """`min`: −R | L | 0. Leeg acts as 0, so the result is never leeg."""
    return (links or _NUL) - (rechts or _NUL)


def verminderd_met(links: Getal, rechts: Getal) -> Getal:
    """`verminderd met`: leeg | L | leeg. Unlike `min`, nothing minus something stays nothing."""
    if links is None:
        return None
    return links - (rechts or _NUL)


def maal(links: Getal, rechts: Getal) -> Fraction:
    """`maal`: 0 | 0 | 0. Any leeg factor makes the product 0 (not leeg)."""
    if links is None or rechts is None:
        return _NUL
    return links * rechts


def procent_van(percentage: Getal, waarde: Getal) -> Fraction:
    """`P van X` = P·X/100, unrounded; leeg as for `maal` (0 | 0 | 0).

    `percentage` is the number in front of `%` (13,5% is passed as 13.5).
    """
    if percentage is None or waarde is None:
        return _NUL
    return percentage * waarde / 100


def gedeeld_door(links: Getal, rechts: Getal) -> Fraction:
    """`gedeeld door`: 0 | error | 0.

    Leeg numerator with a filled denominator is 0/R, so 0/0 is still a division by zero
    (decision: the table's "0" assumes R is usable). Both leeg is 0 as the table says.
    """
    if links is None and rechts is None:
        return _NUL
    if rechts is None:
        raise Rekenfout("Deling door een lege waarde.")
    if rechts == 0:
        teller = "leeg" if links is None else format_getal(links)
        raise Rekenfout(f"Deling door nul ({teller} gedeeld door 0).")
    return (links or _NUL) / rechts


def gedeeld_door_abs(links: Getal, rechts: Getal) -> Fraction:
    """`gedeeld door (ABS)`: as `gedeeld door`, then truncated toward zero to 5 decimals.

    Errata decision 2: the spec table's 2/3 = 0,66667 contradicts its own "richting nul";
    we truncate, giving 0,66666.
    """
    quotiënt = gedeeld_door(links, rechts)
    return Fraction(math.trunc(quotiënt * 100_000), 100_000)


def absolute_waarde(x: Getal) -> Getal:
    """`de absolute waarde van (x)`: leeg in, leeg out."""
    return None if x is None else abs(x)


# ---- predicates (question and statement forms share these) ---------------------------


def _beide_leeg(soort: Soort, predicaat: str) -> bool:
    """Both sides leeg: onwaar for numbers (errata 1), a runtime error for other types."""
    if soort == "numeriek":
        return False
    raise Rekenfout(f"Twee lege waarden kunnen niet vergeleken worden ('{predicaat}').")


def gelijk(links: object | None, rechts: object | None, soort: Soort = "numeriek") -> bool:
    """`is gelijk aan`: one side leeg → onwaar; both leeg → onwaar (numeric) or error.

    Callers pass enumeration values, texts, booleans and dates as plain Python values.
    """
    if links is None and rechts is None:
        return _beide_leeg(soort, "gelijk aan")
    if links is None or rechts is None:
        return False
    return links == rechts


def ongelijk(links: object | None, rechts: object | None, soort: Soort = "numeriek") -> bool:
    """`is ongelijk aan`: one side leeg → waar; both leeg → onwaar, for every type.

    `soort` is accepted for symmetry with `gelijk`; the table has no type split here.
    """
    del soort
    if links is None and rechts is None:
        return False
    if links is None or rechts is None:
        return True
    return links != rechts


def _met_leeg(links: object | None, rechts: object | None, soort: Soort, naam: str) -> bool:
    """An ordering predicate with at least one side leeg: onwaar, or an error if both are."""
    if links is None and rechts is None:
        return _beide_leeg(soort, naam)
    return False


def groter(links: Geordend | None, rechts: Geordend | None, soort: Soort = "numeriek") -> bool:
    """`is groter dan` (dates: `is later dan`); any leeg → onwaar, both-leeg dates → error."""
    if links is None or rechts is None:
        return _met_leeg(links, rechts, soort, "groter dan")
    return links > rechts


def groter_gelijk(links: Geordend | None, rechts: Geordend | None, soort: Soort = "numeriek") -> bool:
    """`is groter of gelijk aan` (dates: `is later of gelijk aan`)."""
    if links is None or rechts is None:
        return _met_leeg(links, rechts, soort, "groter of gelijk aan")
    return links >= rechts


def kleiner(links: Geordend | None, rechts: Geordend | None, soort: Soort = "numeriek") -> bool:
    """`is kleiner dan` (dates: `is eerder dan`)."""
    if links is None or rechts is None:
        return _met_leeg(links, rechts, soort, "kleiner dan")
    return links < rechts


def kleiner_gelijk(links: Geordend | None, rechts: Geordend | None, soort: Soort = "numeriek") -> bool:
    """`is kleiner of gelijk aan` (dates: `is eerder of gelijk aan`)."""
    if links is None or rechts is None:
        return _met_leeg(links, rechts, soort, "kleiner of gelijk aan")
    return links <= rechts


def eerder(links: date | None, rechts: date | None) -> bool:
    """`is eerder dan`: one side leeg → onwaar, both leeg → Rekenfout."""
    return kleiner(links, rechts, "datum")


def eerder_gelijk(links: date | None, rechts: date | None) -> bool:
    """`is eerder of gelijk aan`."""
    return kleiner_gelijk(links, rechts, "datum")


def later(links: date | None, rechts: date | None) -> bool:
    """`is later dan`."""
    return groter(links, rechts, "datum")


def later_gelijk(links: date | None, rechts: date | None) -> bool:
    """`is later of gelijk aan`."""
    return groter_gelijk(links, rechts, "datum")


# ---- aggregations ---------------------------------------------------------------------


def som(waarden: Iterable[Getal], of_nul: bool = False, vaste_termen: Iterable[Getal] = ()) -> Getal:
    """`de som van …` [`of 0 als die er niet zijn`].

    Leeg values are skipped. If no attribute value is filled (an empty collection, or all
    leeg) the result is leeg, or 0 with `of_nul`. `vaste_termen` are the literals and
    parameters of a list form (`de som van A, 100 € en B`): they are added, but by the
    spec they do not make an otherwise empty sum non-empty.
    """
    gevuld = [w for w in waarden if w is not None]
    if not gevuld:
        return _NUL if of_nul else None
    return sum(gevuld, _NUL) + sum((t for t in vaste_termen if t is not None), _NUL)


def maximum(waarden: Iterable[Geordend | None]) -> Geordend | None:
    """`de maximale waarde van …`: leeg values skipped; nothing filled → leeg."""
    gevuld = [w for w in waarden if w is not None]
    return max(gevuld) if gevuld else None


def minimum(waarden: Iterable[Geordend | None]) -> Geordend | None:
    """`de minimale waarde van …`: leeg values skipped; nothing filled → leeg."""
    gevuld = [w for w in waarden if w is not None]
    return min(gevuld) if gevuld else None


def eerste(waarden: Iterable[date | None]) -> date | None:
    """`de eerste van A en B` (dates): the earliest filled date, or leeg."""
    return minimum(waarden)


def laatste(waarden: Iterable[date | None]) -> date | None:
    """`de laatste van A en B` (dates): the latest filled date, or leeg."""
    return maximum(waarden)


def aantal(elementen: Iterable[object | None]) -> int:
    """`het aantal …`: the number of (non-leeg) elements; an empty collection gives 0.

    Instances are never leeg, so for `het aantal leden` this is just the count.
    """
    return sum(1 for e in elementen if e is not None)
