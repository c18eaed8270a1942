"""Verdeling (taal.md §11, RegelSpraak v2.1 §9.7): an amount split over objects, exactly.

The objects form groups: one group of all, or with `op volgorde van toenemende|afnemende X` one
group per value of X in that order. Each group in turn shares what is still left, in equal parts
or naar rato of a weight (within a group of equal X: the tie-break). A share is capped at the
object's maximum and then rounded down; what a cap or the rounding keeps back is *not* shared again
within the same group: it flows on to the next group, and after the last it is the undistributed
rest.

Spec oracles (taal.md §11): 1000 over weights 3 and 2

>>> verdeel(Fraction(1000), 2)
([Fraction(500, 1), Fraction(500, 1)], Fraction(0, 1))
>>> verdeel(Fraction(1000), 2, gewichten=[Fraction(3), Fraction(2)])
([Fraction(600, 1), Fraction(400, 1)], Fraction(0, 1))
>>> verdeel(Fraction(1001), 2, gewichten=[Fraction(3), Fraction(2)], decimalen=0)
([Fraction(600, 1), Fraction(400, 1)], Fraction(1, 1))
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

from regelspraak.values.fouten import Rekenfout
from regelspraak.values.notation import format_getal


def _groepen(n: int, volgorde: Sequence[Fraction | None] | None, afnemend: bool) -> list[list[int]]:
    """Indices grouped by the ordering criterion (input order within a group); one group without."""
    if volgorde is None:
        return [list(range(n))] if n else []
    if any(v is None for v in volgorde):
        raise Rekenfout("het criterium van de volgorde is leeg voor een van de objecten")
    waarden = [v for v in volgorde if v is not None]
    uniek = sorted(set(waarden), reverse=afnemend)
    return [[i for i in range(n) if waarden[i] == w] for w in uniek]


def _controleer_gewichten(gewichten: Sequence[Fraction | None] | None, n: int) -> list[Fraction] | None:
    if gewichten is None:
        return None
    if len(gewichten) != n:
        raise ValueError("één gewicht per object")
    uit: list[Fraction] = []
    for g in gewichten:
        if g is None:
            raise Rekenfout("naar rato van een lege waarde kan niet worden verdeeld")
        if g < 0:
            raise Rekenfout(f"naar rato van een negatieve waarde ({format_getal(g)}) kan niet worden verdeeld")
        uit.append(g)
    return uit


def verdeel(
    bedrag: Fraction,
    n: int,
    *,
    gewichten: Sequence[Fraction | None] | None = None,
    volgorde: Sequence[Fraction | None] | None = None,
    afnemend: bool = False,
    maxima: Sequence[Fraction | None] | None = None,
    decimalen: int | None = None,
) -> tuple[list[Fraction], Fraction]:
    """The share of each of `n` objects and the undistributed rest.

    `gewichten`: naar rato (within a group of equal `volgorde`: the tie-break), else equal parts.
    `maxima`: a cap per object (None: no cap). `decimalen`: each share rounded down to that many.
    Errors (Rekenfout): a negative amount, a leeg or negative weight, weights that are all 0 in a
    group that has something to share, a negative maximum, a leeg ordering criterion.
    """
    if bedrag < 0:
        raise Rekenfout(f"een negatief bedrag ({format_getal(bedrag)}) kan niet worden verdeeld")
    ws = _controleer_gewichten(gewichten, n)
    if maxima is not None and any(m is not None and m < 0 for m in maxima):
        raise Rekenfout("een maximum van een verdeling is negatief")
    delen = [Fraction(0)] * n
    rest = bedrag
    schaal = 10**decimalen if decimalen is not None else None
    for groep in _groepen(n, volgorde, afnemend):
        if rest == 0:
            break
        gewicht = [ws[i] if ws is not None else Fraction(1) for i in groep]
        totaal = sum(gewicht, Fraction(0))
        if totaal == 0:
            raise Rekenfout("naar rato van waarden die samen 0 zijn kan niet worden verdeeld")
        te_delen = rest
        for i, g in zip(groep, gewicht, strict=True):
            deel = te_delen * g / totaal
            maximum = maxima[i] if maxima is not None else None
            if maximum is not None and deel > maximum:
                deel = maximum
            if schaal is not None:
                deel = Fraction(math.floor(deel * schaal), schaal)
            delen[i] = deel
            rest -= deel
    return delen, rest
