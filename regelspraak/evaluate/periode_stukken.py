"""A timeline attribute given as stretches (`id, vanaf, tot, waarde`: a population's long table,
docs/populatie.md) straight onto the period axis (`vector_periode`): January's cell from the
stretches that cover 1 January, and every later month as a row delta of the month before
(`vector_delta.DeltaKolom`) holding exactly the rows where a stretch starts or ends on that month's
first day. No month column is built or compared: a person whose value never changes costs one
write into January's cell, one whose value changes once costs one row in one delta.

Why this is the month columns' content: with every bound on a month start, a row's value in month
m is the value of the stretch holding m (leeg when none does); it changes from month m-1 only where
some stretch of that row starts or ends on the first of m, and there the new value is that of the
stretch starting (leeg when one only ends). A month without such a row is the month before's cell
itself (so `vector_periode._groepen` runs them as one).

>>> import numpy as np
>>> from datetime import date
>>> from regelspraak.model import ir
>>> o = lambda *a: date(*a).toordinal()
>>> k = StukkenKolom("maand", ir.Type("numeriek", decimalen=0), 2, np.array([0, 1, 1]),
...                  np.array([o(2024, 1, 1), o(2025, 1, 1), o(2025, 4, 1)]),
...                  np.array([o(2026, 1, 1), o(2025, 4, 1), o(2025, 6, 1)]),
...                  Kolom(np.array([5, 7, 9]), np.ones(3, dtype=bool)))
>>> [c.waarden.tolist() for c in k.maanden(2025)[2:6]], k.maanden(2025)[5].geldig.tolist()
([[5, 7], [5, 9], [5, 9], [5, 0]], [True, False])
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np

from regelspraak.evaluate.columns import Kolom
from regelspraak.evaluate.vector_delta import DeltaKolom
from regelspraak.model import ir

MAANDEN = 12
Ints = np.ndarray[Any, np.dtype[np.int64]]


class StukkenKolom(Kolom):
    """A timeline attribute of `n` objects as stretches: stretch i is `[vanaf[i], tot[i])` (day
    ordinals, bounds on month starts) of row `rij[i]` with value `waarde` row i (a column of one row
    per stretch; leeg there: no value). Sorted by row, then `vanaf`; no two stretches of a row
    overlap (the reader checks it). The engine reads it through `maanden` when a run fixes the year
    (`vector_periode.jaar_vast`); it is never written, so copies of a population may share it."""

    def __init__(self, periode: str, t: ir.Type, n: int, rij: Ints, vanaf: Ints, tot: Ints, waarde: Kolom) -> None:
        self.periode, self.type, self.n = periode, t, n
        self.rij, self.vanaf, self.tot, self.stuk_waarde = rij, vanaf, tot, waarde
        # Where a stretch ends on the day the row's next stretch starts (no year needed: known when read).
        self.aansluit = np.zeros(len(rij), dtype=bool)
        self.aansluit[:-1] = (rij[1:] == rij[:-1]) & (vanaf[1:] == tot[:-1])
        g = np.zeros(n, dtype=bool)
        g[rij[np.asarray(waarde.geldig, dtype=bool)]] = True
        super().__init__(np.empty(0, dtype=object), g, waarde.noemer)

    def __len__(self) -> int:
        return self.n

    @property
    def waarden(self) -> Any:
        raise TypeError("een tijdlijn uit stukken wordt per maand gelezen (vector_periode.jaar_vast)")

    @waarden.setter
    def waarden(self, w: Any) -> None:
        raise TypeError("een tijdlijn uit stukken wordt niet beschreven")

    def maanden(self, jaar: int) -> list[Kolom]:
        """The twelve month cells of `jaar`: January whole, then per month the previous cell or a
        `DeltaKolom` of it with the rows whose value changes on that month's first day."""
        v, e = self.vanaf, self.tot
        j0, j1 = date(jaar, 1, 1).toordinal(), date(jaar + 1, 1, 1).toordinal()
        ok = np.asarray(self.stuk_waarde.geldig, dtype=bool)
        w = np.asarray(self.stuk_waarde.waarden)
        n = self.n
        # January: each row's stretch holding it (one at most), scattered in one pass; the other
        # stretches go to a spare slot n (arithmetic, not `where` or a boolean selection: those
        # cost a mispredicted branch per entry on a mixed mask).
        jan = (v <= j0) & (e > j0)
        plek = self.rij - n
        plek *= jan
        plek += n
        w0 = np.zeros(n + 1, dtype=w.dtype) if w.dtype != object else np.full(n + 1, None, dtype=object)
        g0 = np.zeros(n + 1, dtype=bool)
        w0[plek] = w
        g0[plek] = ok
        w0, g0 = w0[:n], g0[:n]
        w0.setflags(write=False)  # the months without a change share the cell: never written in place
        g0.setflags(write=False)
        cellen: list[Kolom] = [Kolom(w0, g0, self.stuk_waarde.noemer)]
        # Changes on the first of months 1..11: a stretch starting there (its value) or one ending
        # there (leeg). An end that the row's next stretch starts at is no change of its own (the
        # start gives the value; `aansluit`), so every (month, row) has one change at most.
        start = (v > j0) & (v < j1)
        einde = (e > j0) & (e < j1)
        einde &= ~self.aansluit
        ev = np.stack((start, einde), axis=1).ravel()  # per stretch its start, then its end: by row
        plek = np.flatnonzero(ev)
        bron, is_start = plek >> 1, (plek & 1) == 0
        # Everything an event needs, gathered in stretch order (ascending: sequential reads), then put
        # in month order (a stable sort keeps the rows ascending within a month).
        r_ev = self.rij[bron]
        dag = e[bron]
        dag += (v[bron] - dag) * is_start  # vanaf for a start, tot for an end (arithmetic: no branch)
        m_ev = _maand_van(dag, jaar)
        dg = ok[bron] & is_start
        dw: Any = w[bron]
        if dw.dtype == object:
            dw[~is_start] = None
        else:
            dw *= is_start  # leeg where a stretch only ends
        volgorde = np.argsort(m_ev, kind="stable")  # by month, then row
        m_ev, r_ev, dw, dg = m_ev[volgorde], r_ev[volgorde].astype(np.intp), dw[volgorde], dg[volgorde]
        for x in (r_ev, dw, dg):  # the deltas' rows and values are views of these: read-only
            x.setflags(write=False)
        per_maand = np.searchsorted(m_ev, np.arange(MAANDEN + 1))
        for m in range(1, MAANDEN):
            a, b = per_maand[m], per_maand[m + 1]
            if a == b:
                cellen.append(cellen[-1])
                continue
            cellen.append(DeltaKolom(cellen[-1], r_ev[a:b], Kolom(dw[a:b], dg[a:b], self.stuk_waarde.noemer)))
        return cellen


def _maand_van(dagen: Ints, jaar: int) -> np.ndarray[Any, np.dtype[np.uint8]]:
    """The month index (0 … 12) of month-start day ordinals in `jaar`: 0 on or before 1 January, 12
    on or after 1 January of the next year (a table over the days of the year: no search per entry)."""
    begin, eind = date(jaar, 1, 1).toordinal(), date(jaar + 1, 1, 1).toordinal()
    tabel = np.zeros(eind - begin + 1, dtype=np.uint8)
    for m in range(1, MAANDEN + 1):
        tabel[date(jaar + m // MAANDEN, m % MAANDEN + 1, 1).toordinal() - begin:] = m
    return tabel[np.clip(dagen - begin, 0, eind - begin)]


__all__ = ["StukkenKolom"]
