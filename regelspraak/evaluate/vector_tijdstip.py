"""`Datum en tijd in millisecondes` in the vectorised engine: a column holds whole milliseconds since
01-01-0001 00:00 (`values/dates.milliseconden`). Units with a fixed length move it exactly; the calendar
units (mnd, kw, jr) and the parts (`de dag uit`) go through the date arithmetic of `vector_values` on
the day number, keeping the time of day, so both engines share one calendar.

>>> import numpy as np
>>> from datetime import datetime
>>> from regelspraak.values.dates import milliseconden
>>> a = V("datum", np.array([milliseconden(datetime(2025, 1, 31, 23, 0))]), np.array([True]))
>>> r = plus_tijd(a, V("getal", np.array([3]), np.array([True]), 2), "u", 1)
>>> uit_milliseconden(int(r.w[0]))
datetime.datetime(2025, 2, 1, 0, 30)
>>> uit_milliseconden(int(plus_tijd(a, V("getal", np.array([1]), np.array([True])), "mnd", 1).w[0]))
datetime.datetime(2025, 2, 28, 23, 0)
"""

from __future__ import annotations

from datetime import datetime

import numpy as np

from regelspraak.evaluate import vector_values as vv
from regelspraak.evaluate.vector_values import V
from regelspraak.values.dates import TIJD_MS, TIJDSDUUR_MS, milliseconden, uit_milliseconden
from regelspraak.values.fouten import Rekenfout

_DAG = 86_400_000
_MAX = milliseconden(datetime(9999, 12, 31, 23, 59, 59, 999000))

__all__ = ["datumdeel", "plus_tijd", "tijdsduur", "uit_milliseconden"]


def _dagen(a: V) -> tuple[V, vv.Arr]:
    """The day numbers (as a date vector) and the milliseconds into each day."""
    w = np.where(a.ok, np.asarray(a.w, dtype=np.int64), 0)
    return V("datum", w // _DAG + 1, a.ok), w % _DAG


def plus_tijd(a: V, n: V, eenheid: str, teken: int) -> V:
    """A date and time plus/min n units (leeg duration counts as 0), exact to the millisecond."""
    if eenheid in TIJD_MS:
        per = TIJD_MS[eenheid]
        teller = np.where(n.ok, np.asarray(n.w, dtype=object) * per, 0)
        if np.any(teller % n.d != 0):
            raise Rekenfout("een duur bij een datum-tijd moet een geheel aantal milliseconden zijn")
        stap = teller // n.d * teken
        r = np.where(a.ok, np.asarray(a.w, dtype=object), 0) + stap
        if np.any(a.ok & ((r < 0) | (r > _MAX))):
            raise Rekenfout("De datum valt buiten het bereik 01-01-0001 t/m 31-12-9999.")
        return V("datum", np.where(a.ok, r, 0).astype(np.int64), a.ok.copy(), 1, vv.fouten(a, n))
    dagen, tijd = _dagen(a)
    r = vv.plus_duur(dagen, n, eenheid, teken)
    return V("datum", (np.asarray(r.w, dtype=np.int64) - 1) * _DAG + tijd, a.ok.copy(), 1, vv.fouten(a, n))


def tijdsduur(a: V, b: V, eenheid: str, absoluut: bool) -> V:
    """Whole units from a to b, truncated toward zero; months and years by the calendar with the time of day."""
    ok = a.ok & b.ok
    x = np.where(ok, np.asarray(a.w, dtype=np.int64), 0)
    y = np.where(ok, np.asarray(b.w, dtype=np.int64), 0)
    lo, hi = np.minimum(x, y), np.maximum(x, y)
    if eenheid in TIJDSDUUR_MS:
        mag = (hi - lo) // TIJDSDUUR_MS[eenheid]
    else:
        dlo, tlo = _dagen(V("datum", lo, ok))
        dhi, thi = _dagen(V("datum", hi, ok))
        mnd = np.asarray(vv.tijdsduur(dlo, dhi, "maanden", False).w, dtype=np.int64)
        landing = vv.plus_duur(dlo, V("getal", mnd, ok), "mnd", 1)
        mnd = np.where((np.asarray(landing.w) == np.asarray(dhi.w)) & (tlo > thi), mnd - 1, mnd)
        mag = mnd if eenheid == "maanden" else mnd // 12
    r = mag if absoluut else np.where(x <= y, mag, -mag)
    return V("getal", np.asarray(r, dtype=np.int64), ok, 1, vv.fouten(a, b))


def datumdeel(a: V, deel: str) -> V:
    """`de dag/maand uit`, `het jaar uit` a date and time: of its date."""
    dagen, _ = _dagen(a)
    return vv.datumdeel(V("datum", dagen.w, a.ok, 1, a.fout), deel)
