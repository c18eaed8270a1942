"""The period a simulation total covers, and its exact conversion to another period (`--per jaar`).

A total is a sum of amounts, so its period is the period of the amounts: the output attribute's unit
says it. `€/mnd` is per maand, `€/jr` per jaar, `€/kw` per kwartaal, `€/wk` per week, `€/dg` per dag;
an amount in plain `€` is the amount over the berekeningsjaar (the Awir and its toeslagen, the IB, are
yearly: a model that computes a monthly amount says so with `€/mnd`), so it is per jaar. Any other unit
(a count, a number of days, no unit) is no flow: its total has no period and is never converted.

Conversion is exact (a Fraction): per maand to per jaar is × 12, per kwartaal × 4, per week and per dag
by the days of the rekendatum's year (÷ 7 for weeks), and back by the inverse. `simuleer` and
`vergelijk` multiply the exact totals before they are rounded, so `--per jaar` gives 12 × the exact
monthly total, rounded once, never 12 × a rounded figure.

>>> from regelspraak.values.units import Eenheid
>>> maand = Eenheid.uit([("€", 1), ("mnd", -1)])
>>> periode(maand), periode(Eenheid.uit([("€", 1)])), periode(Eenheid.uit([("dg", 1)]))
('maand', 'jaar', None)
>>> factor("maand", "jaar", date(2025, 7, 1)), factor("jaar", "maand", date(2025, 7, 1))
(Fraction(12, 1), Fraction(1, 12))
>>> factor("dag", "jaar", date(2024, 7, 1))
Fraction(366, 1)
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

from regelspraak.model import ir
from regelspraak.values.units import Eenheid

# time units of the unit system (values/units.py) and the period they name
_TIJD = {"jr": "jaar", "kw": "kwartaal", "mnd": "maand", "wk": "week", "dg": "dag"}
PERIODEN = tuple(_TIJD.values())
DOELEN = ("jaar", "maand")  # what --per converts to


def periode(e: Eenheid | None) -> str | None:
    """The period of a total of amounts in unit `e` ('maand', 'jaar', ...), or None for a unit that is
    no flow of money or time-bound amount."""
    if e is None:
        return None
    tijd = [k for k, x in e.delen if x == -1 and k in _TIJD]
    if len(tijd) == 1:
        return _TIJD[tijd[0]]
    if e.delen == (("€", 1),):
        return "jaar"  # an amount without a time unit: the amount over the berekeningsjaar
    return None


def _per_jaar(p: str, rekendatum: date) -> Fraction:
    dagen = (date(rekendatum.year + 1, 1, 1) - date(rekendatum.year, 1, 1)).days
    return {"jaar": Fraction(1), "kwartaal": Fraction(4), "maand": Fraction(12), "week": Fraction(dagen, 7),
            "dag": Fraction(dagen)}[p]


def factor(van: str, naar: str, rekendatum: date) -> Fraction:
    """What a total per `van` is multiplied by to be per `naar` (exact)."""
    return _per_jaar(van, rekendatum) / _per_jaar(naar, rekendatum)


def omrekening(a: ir.Attribuut, per: str | None, rekendatum: date) -> Fraction:
    """The factor for the totals of output `a` under `--per` (1 without `--per` or for a unit without a period)."""
    p = periode(a.type.eenheid)
    return Fraction(1) if per is None or p is None else factor(p, per, rekendatum)


def periode_van(a: ir.Attribuut, per: str | None = None, rekendatum: date | None = None) -> dict[str, Any]:
    """The unit of an output and the period its totals cover, for every summary that shows a total:
    `eenheid` as declared, `periode` ('per maand', 'per jaar'), and when the totals were converted
    (`--per jaar`) `omgerekend_van` and the exact `factor`. A unit without a period says so."""
    e = a.type.eenheid
    eenheid = str(e) if e is not None else ""
    p = periode(e)
    if p is None:
        return {"eenheid": eenheid, "periode": f"zonder periode (eenheid {eenheid or 'geen'})"}
    uit: dict[str, Any] = {"eenheid": eenheid, "periode": f"per {p}"}
    if per is not None and per != p and rekendatum is not None:
        uit.update(periode=f"per {per}", omgerekend_van=f"per {p}", factor=str(factor(p, per, rekendatum)))
    return uit


def omgerekend(item: dict[str, Any]) -> str:
    """The note a converted total carries in text output: ' (omgerekend van per maand, × 12)'."""
    if "omgerekend_van" not in item:
        return ""
    return f" (omgerekend van {item['omgerekend_van']}, × {item['factor']})"
