"""Date semantics: `de tijdsduur van … tot … in hele …`, `<datum> plus|min <n> <eenheid>`, parts.

Calendar arithmetic on `datetime.date` (proleptic Gregorian, years 1..9999). Month steps
clamp to the month end (errata decision 10: `31-01-2025 plus 1 mnd` = 28-02-2025), and
whole months/years are counted with the same clamping, so that `d1 plus tijdsduur(d1, d2)
maanden` never passes `d2`.

>>> from datetime import date
>>> tijdsduur(date(2025, 1, 1), date(1960, 10, 10), "jaren")
-64
>>> plus_duur(date(2025, 1, 31), Fraction(1), "mnd")
datetime.date(2025, 2, 28)
>>> plus_duur(date(1958, 5, 5), Fraction(67), "jr"), jaar_uit(None)
(datetime.date(2025, 5, 5), None)

A `Datum en tijd in millisecondes` is a `datetime.datetime` with whole milliseconds: the units of the
Tijd system with a fixed length (ms, s, minuut, u, dg, wk) move it exactly, the calendar ones (mnd, kw,
jr) move its date as above and keep the time of day.

>>> from datetime import datetime
>>> plus_duur(datetime(2025, 7, 1, 23, 30), Fraction(3, 2), "u")
datetime.datetime(2025, 7, 2, 1, 0)
>>> tijdsduur(datetime(2025, 7, 1, 8, 0), datetime(2025, 7, 1, 7, 59, 59, 999000), "milliseconden")
-1
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import Literal

from regelspraak.values.fouten import Rekenfout
from regelspraak.values.notation import format_getal

TijdsduurEenheid = Literal["jaren", "maanden", "dagen", "uren", "minuten", "seconden", "milliseconden"]

# Units of the Tijd system with a fixed length, in milliseconds (spec §3.7, Eenheidsysteem Tijd).
TIJD_MS: dict[str, int] = {"ms": 1, "s": 1000, "minuut": 60_000, "u": 3_600_000, "dg": 86_400_000,
                           "wk": 604_800_000}
# `de tijdsduur van … tot … in hele <eenheid>` for a date and time: the unit per plural.
TIJDSDUUR_MS: dict[str, int] = {"dagen": 86_400_000, "uren": 3_600_000, "minuten": 60_000, "seconden": 1000,
                                "milliseconden": 1}
_EPOCH_MS = datetime(1, 1, 1)

# Duration units that can be added to a `Datum in dagen`: days for the dg/wk family and
# months for the mnd/kw/jr family. The two families are never converted into each other
# (taal.md §2), which is why this is a pair and not a single number of days.
_DUUR: dict[str, tuple[Literal["dagen", "maanden"], int]] = {
    "dg": ("dagen", 1),
    "wk": ("dagen", 7),
    "mnd": ("maanden", 1),
    "kw": ("maanden", 3),
    "jr": ("maanden", 12),
}

_BUITEN_BEREIK = "De datum valt buiten het bereik 01-01-0001 t/m 31-12-9999."


def plus_maanden(d: date, n: int) -> date:
    """`d` plus `n` calendar months (n may be negative), clamped to the last day of the month."""
    jaar, maand0 = divmod(d.year * 12 + d.month - 1 + n, 12)
    if not 1 <= jaar <= 9999:
        raise Rekenfout(_BUITEN_BEREIK)
    maand = maand0 + 1
    return date(jaar, maand, min(d.day, calendar.monthrange(jaar, maand)[1]))


def _hele_maanden(van: date, tot: date) -> int:
    """Largest n >= 0 with plus_maanden(van, n) <= tot, for van <= tot.

    Month steps are monotone, so the calendar month difference is either the answer or one
    too many (when the day of `van`, clamped, lies after the day of `tot`).
    """
    n = (tot.year - van.year) * 12 + tot.month - van.month
    return n - 1 if plus_maanden(van, n) > tot else n


def _duur(van: date, tot: date, eenheid: TijdsduurEenheid) -> int:
    if eenheid == "dagen":
        return (tot - van).days
    maanden = _hele_maanden(van, tot)
    if eenheid == "maanden":
        return maanden
    # Whole years = whole months // 12: because month steps are monotone, van + 12k months
    # <= tot exactly when 12k <= the number of whole months.
    return maanden // 12


def tijdsduur(
    d1: date | None, d2: date | None, eenheid: TijdsduurEenheid, absoluut: bool = False
) -> int | None:
    """`de [absolute] tijdsduur van d1 tot d2 in hele jaren|maanden|dagen`; leeg in → leeg.

    Negative when d1 > d2, truncated toward zero (errata decision 3, spec Table 14): we count
    whole units from the earlier to the later date and negate, so the result is exactly
    antisymmetric: tijdsduur(a, b) == -tijdsduur(b, a).
    """
    if d1 is None or d2 is None:
        return None
    if isinstance(d1, datetime) or isinstance(d2, datetime):
        return _tijdsduur_tijd(d1, d2, eenheid, absoluut)
    if eenheid not in ("jaren", "maanden", "dagen"):
        raise ValueError(f"Onbekende eenheid voor tijdsduur '{eenheid}': verwacht jaren, maanden of dagen.")
    duur = _duur(d1, d2, eenheid) if d1 <= d2 else -_duur(d2, d1, eenheid)
    return abs(duur) if absoluut else duur


def plus_duur(d: date | None, n: Fraction | None, eenheid: str, teken: int = 1) -> date | None:
    """`d plus n <eenheid>` (teken=1) or `d min n <eenheid>` (teken=-1), eenheid in dg/wk/mnd/kw/jr.

    Leeg date → leeg; leeg duration counts as 0 (taal.md §6). A fractional amount (`plus
    1,5 mnd`) has no calendar meaning, so it is a Rekenfout rather than a silent rounding.
    """
    if isinstance(d, datetime):
        return _plus_tijd(d, n, eenheid, teken)
    if d is None and eenheid in TIJD_MS:  # a leeg date and time
        return None
    if eenheid not in _DUUR:
        raise ValueError(
            f"Eenheid '{eenheid}' kan niet bij een datum worden opgeteld; verwacht dg, wk, mnd, kw of jr."
        )
    if teken not in (1, -1):
        raise ValueError(f"Teken moet 1 of -1 zijn, niet {teken}.")
    if d is None:
        return None
    if n is None:
        return d
    if n.denominator != 1:
        raise Rekenfout(
            f"Een datum kan alleen met een geheel aantal {eenheid} verschoven worden, niet {format_getal(n)}."
        )
    soort, per = _DUUR[eenheid]
    stappen = teken * n.numerator * per
    if soort == "maanden":
        return plus_maanden(d, stappen)
    try:
        return d + timedelta(days=stappen)
    except OverflowError:  # also raised by timedelta itself for |days| > 999999999
        raise Rekenfout(_BUITEN_BEREIK) from None


def milliseconden(d: datetime) -> int:
    """A date and time as whole milliseconds since 01-01-0001 00:00 (how the vectorised engine holds it)."""
    return (d - _EPOCH_MS) // timedelta(milliseconds=1)


def uit_milliseconden(n: int) -> datetime:
    """Inverse of `milliseconden`; a Rekenfout outside 01-01-0001 t/m 31-12-9999."""
    try:
        return _EPOCH_MS + timedelta(milliseconds=n)
    except OverflowError:
        raise Rekenfout(_BUITEN_BEREIK) from None


def _plus_tijd(d: datetime, n: Fraction | None, eenheid: str, teken: int) -> datetime:
    """A date and time plus/min a duration: exact in ms for ms..wk, by the calendar for mnd, kw, jr."""
    if n is None:
        return d
    if eenheid in TIJD_MS:
        ms = n * TIJD_MS[eenheid]
        if ms.denominator != 1:
            raise Rekenfout(f"{format_getal(n)} {eenheid} is geen geheel aantal milliseconden.")
        return uit_milliseconden(milliseconden(d) + teken * ms.numerator)
    if eenheid not in _DUUR:
        raise ValueError(f"Eenheid '{eenheid}' kan niet bij een datum-tijd worden opgeteld.")
    if n.denominator != 1:
        raise Rekenfout(
            f"Een datum kan alleen met een geheel aantal {eenheid} verschoven worden, niet {format_getal(n)}."
        )
    dag = plus_maanden(d.date(), teken * n.numerator * _DUUR[eenheid][1])
    return datetime.combine(dag, d.time())


def _tijdsduur_tijd(d1: date, d2: date, eenheid: str, absoluut: bool) -> int:
    """Whole units between two dates and times, truncated toward zero (antisymmetric, as for dates).
    Months and years count calendar steps that do not pass the later moment, time of day included."""
    if not (isinstance(d1, datetime) and isinstance(d2, datetime)):
        raise ValueError("Een tijdsduur tussen een datum en een datum-tijd bestaat niet.")
    lo, hi, teken = (d1, d2, 1) if d1 <= d2 else (d2, d1, -1)
    if eenheid in TIJDSDUUR_MS:
        duur = (milliseconden(hi) - milliseconden(lo)) // TIJDSDUUR_MS[eenheid]
    elif eenheid in ("maanden", "jaren"):
        maanden = _hele_maanden(lo.date(), hi.date())
        if plus_maanden(lo.date(), maanden) == hi.date() and lo.time() > hi.time():
            maanden -= 1
        duur = maanden if eenheid == "maanden" else maanden // 12
    else:
        raise ValueError(f"Onbekende eenheid voor tijdsduur '{eenheid}'.")
    return abs(duur) if absoluut else teken * duur


def dag_uit(d: date | None) -> int | None:
    """`de dag uit (D)`: 1..31, leeg → leeg."""
    return None if d is None else d.day


def maand_uit(d: date | None) -> int | None:
    """`de maand uit (D)`: 1..12, leeg → leeg."""
    return None if d is None else d.month


def jaar_uit(d: date | None) -> int | None:
    """`het jaar uit (D)` (also `Rekenjaar` from the Rekendatum): leeg → leeg."""
    return None if d is None else d.year


def dagnummer(d: date) -> int:
    """Proleptic Gregorian day number (01-01-0001 is 1): dates as integers for the analyses."""
    return d.toordinal()


def uit_dagnummer(n: int) -> date:
    """Inverse of `dagnummer`; ValueError outside 1..3652059 (31-12-9999)."""
    if not 1 <= n <= date.max.toordinal():
        raise ValueError(f"Dagnummer {n} valt buiten het bereik 1 t/m {date.max.toordinal()}.")
    return date.fromordinal(n)
