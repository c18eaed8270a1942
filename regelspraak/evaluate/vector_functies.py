"""The checks, functions and Dagsoort test of taal.md §11 in the vectorised engine.

They have little column arithmetic worth writing twice (a BSN's weighted digit sum, Easter, an exact root):
each is computed by the same function the interpreter uses (`values/functies.py`, the interpreter's
Dagsoort test), once per *distinct* argument value, and the answers are spread back over the rows. A
row then costs one dictionary lookup, and the rule stays in columns instead of falling back to the
interpreter object by object; both engines share one definition of each function. `de datum met jaar,
maand en dag` is the exception: a date per row from three number columns is column arithmetic
(`datum_met`), and only a row that is no date goes through the shared definition for its error.

>>> import numpy as np
>>> from regelspraak.model import ir
>>> bsn = V("tekst", np.array(["111222333", "123456789", ""], dtype=object), np.array([True, True, False]))
>>> controle(bsn, ir.TEKST, "elfproef", None, False).tolist()
[True, False, False]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from fractions import Fraction
from math import lcm

import numpy as np

from regelspraak.evaluate.vector_values import Bools, V
from regelspraak.model import ir
from regelspraak.values import functies
from regelspraak.values.dates import milliseconden, uit_milliseconden
from regelspraak.values.rounding import Afronding

_GROOT = 2**62


def waarde(v: V, t: ir.Type, i: int) -> object:
    """The Python value of row i of `v` (None when leeg), as the interpreter holds it."""
    if not bool(v.ok[i]):
        return None
    w = v.w[i]
    if v.soort == "getal":
        return Fraction(int(w), v.d)
    if v.soort == "datum":
        return uit_milliseconden(int(w)) if t.soort == "datumtijd" else date.fromordinal(int(w))
    if v.soort == "bool":
        return bool(w)
    if v.soort == "enum":
        return t.waarden[int(w)]
    return str(w)


def _per_uniek(args: Sequence[V], types: Sequence[ir.Type], fn: Callable[[list[object]], object]
               ) -> list[object]:
    """fn over the Python values of each row, computed once per distinct row of raw column values."""
    n = len(args[0]) if args else 0
    uitkomst: dict[tuple[object, ...], object] = {}
    uit: list[object] = []
    kolommen = [(a.w, a.ok) for a in args]
    for i in range(n):
        sleutel = tuple(w[i] if ok[i] else None for w, ok in kolommen)
        if sleutel not in uitkomst:
            uitkomst[sleutel] = fn([waarde(a, t, i) for a, t in zip(args, types, strict=True)])
        uit.append(uitkomst[sleutel])
    return uit


def controle(v: V, t: ir.Type, soort: str, aantal: int | None, ontkend: bool) -> Bools:
    """`voldoet aan de elfproef`, `is numeriek met exact N cijfers` per row (leeg: onwaar)."""
    uit = _per_uniek([v], [t], lambda x: functies.controleer(soort, x[0], aantal))
    return np.array([bool(b) != ontkend for b in uit], dtype=bool)


def dagsoort(v: V, t: ir.Type, is_dagsoort: Callable[[object], bool], ontkend: bool) -> Bools:
    """`D is een <dagsoort>` per row, through the interpreter's test (leeg: onwaar)."""
    uit = _per_uniek([v], [t], lambda x: is_dagsoort(x[0].date() if isinstance(x[0], datetime) else x[0]))
    return np.array([bool(b) != ontkend for b in uit], dtype=bool)


def functie(naam: str, args: Sequence[V], types: Sequence[ir.Type], uit_type: ir.Type,
            afronding: Afronding | None, decimalen: int | None, n: int) -> V:
    """`de wortel van`, `tot de macht`, `de datum met …`, `de eerste paasdag van`, a text with «…»."""
    if not args:
        w = functies.bereken(naam, [], afronding, decimalen)
        return _vector([w] * n, uit_type)
    if naam == "datum_met" and uit_type.soort == "datum" and (snel := datum_met(args, n)) is not None:
        return snel
    if naam.startswith("eerste_dag") and types[0].soort == "datum" and (v := _eerste_dag(naam, args[0])) is not None:
        return v
    return _vector(_per_uniek(args, types, lambda x: functies.bereken(naam, x, afronding, decimalen)), uit_type)


_EPOCHE = date(1970, 1, 1).toordinal()


def datum_met(args: Sequence[V], n: int) -> V | None:
    """`de datum met jaar, maand en dag(j, m, d)` in columns: the day number of month m of year j plus
    d - 1 days (numpy's calendar months), leeg where an argument is leeg. None when some filled row is
    no whole number, no existing date or outside the years 1 … 9999: the per-value path then raises the
    interpreter's error for the first such row (`functies.datum_met`).

    >>> import numpy as np
    >>> g = lambda *w: V("getal", np.array(w, dtype=np.int64), np.ones(len(w), dtype=bool))
    >>> [date.fromordinal(int(x)) for x in datum_met([g(2024, 2025), g(2, 12), g(29, 31)], 2).w]
    [datetime.date(2024, 2, 29), datetime.date(2025, 12, 31)]
    >>> datum_met([g(2025), g(2), g(29)], 1) is None
    True
    """
    if len(args) != 3 or any(a.soort != "getal" or np.asarray(a.w).dtype == object for a in args):
        return None
    ok = np.ones(n, dtype=bool)
    delen = []
    for a in args:
        ok &= np.broadcast_to(np.asarray(a.ok, dtype=bool), (n,))
        w = np.broadcast_to(np.asarray(a.w, dtype=np.int64), (n,))
        if a.d != 1:
            if bool(np.any((w % a.d != 0) & ok)):
                return None
            w = w // a.d
        delen.append(w)
    j, m, d = (np.where(ok, x, y) for x, y in zip(delen, (2000, 1, 1), strict=True))  # leeg rows: any real date
    if bool(np.any((j < 1) | (j > 9999) | (m < 1) | (m > 12) | (d < 1))):
        return None
    maand = ((j - 1970) * 12 + (m - 1)).astype("datetime64[M]")
    begin = maand.astype("datetime64[D]").astype(np.int64)
    lengte = (maand + 1).astype("datetime64[D]").astype(np.int64) - begin
    if bool(np.any(d > lengte)):
        return None
    return V("datum", begin + (d - 1) + _EPOCHE, ok, vol=bool(ok.all()))


_LAATSTE = date(9999, 12, 31).toordinal()


def _eerste_dag(naam: str, v: V) -> V | None:
    """`de eerste dag van de maand|het jaar van|na D` on a column of dates (proleptic ordinals) in numpy's
    calendar, the same days as `functies.eerste_dag` row by row (a law model takes it of every person's
    dates: per row in Python it was most of the cost). None when a result would pass 31-12-9999: the
    row-wise path then raises the interpreter's error.

    >>> d = V("datum", np.array([date(2025, 3, 15).toordinal(), date(2024, 12, 1).toordinal(), 0]),
    ...       np.array([True, True, False]))
    >>> [date.fromordinal(int(x)) for x in _eerste_dag("eerste_dag_maand_na", d).w[:2]]
    [datetime.date(2025, 4, 1), datetime.date(2025, 1, 1)]
    """
    ok = np.asarray(v.ok, dtype=bool)
    if not ok.any():  # an optional date nobody has: no calendar work
        return V("datum", np.zeros(len(ok), dtype=np.int64), ok)
    w = np.asarray(v.w, dtype=np.int64)
    w = np.where(ok, w, w[int(np.argmax(ok))])
    lo, hi = int(w.min()), int(w.max())
    if len(w) > 64 and hi - lo < max(len(w) // 4, 4096):  # dates span a few centuries: once per day of the range
        uit = _eerste_dag_bereken(naam, np.arange(lo, hi + 1, dtype=np.int64))[w - lo]
    else:
        uit = _eerste_dag_bereken(naam, w)
    if bool(np.any(ok & (uit > _LAATSTE))):
        return None
    return V("datum", np.where(ok, uit, 0), ok)


def _eerste_dag_bereken(naam: str, w: np.ndarray) -> np.ndarray:
    eenheid = "M" if "_maand" in naam else "Y"
    begin = (w - _EPOCHE).astype("datetime64[D]").astype(f"datetime64[{eenheid}]") + (1 if naam.endswith("_na") else 0)
    return np.asarray(begin.astype("datetime64[D]").astype(np.int64) + _EPOCHE)


def _vector(waarden: list[object], t: ir.Type) -> V:
    ok = np.array([w is not None for w in waarden], dtype=bool)
    if t.is_getal:
        d = 1
        for w in waarden:
            if isinstance(w, Fraction):
                d = lcm(d, w.denominator)
        tellers = [int(w * d) if isinstance(w, Fraction) else 0 for w in waarden]
        groot = any(abs(x) >= _GROOT for x in tellers)
        return V("getal", np.array(tellers, dtype=object if groot else np.int64), ok, d)
    if t.soort in ("datum", "datumtijd"):
        def dag(w: object) -> int:
            if isinstance(w, datetime):
                return milliseconden(w)
            return w.toordinal() if isinstance(w, date) else 0
        return V("datum", np.array([dag(w) for w in waarden], dtype=np.int64), ok)
    if t.soort == "boolean":
        return V("bool", np.array([bool(w) for w in waarden], dtype=bool), ok)
    return V("tekst", np.array(["" if w is None else str(w) for w in waarden], dtype=object), ok)
