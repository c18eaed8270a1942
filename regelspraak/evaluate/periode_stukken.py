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
Ints = np.ndarray[Any, np.dtype[np.signedinteger[Any]]]


class StukkenKolom(Kolom):
    """A timeline attribute of `n` objects as stretches: stretch i is `[vanaf[i], tot[i])` (day
    ordinals, bounds on month starts) of row `rij[i]` with value `waarde` row i (a column of one row
    per stretch; leeg there: no value), in any order; no two stretches of a row overlap (the reader
    checks it). Kept sorted by start (`vanaf`, then row) and, for the stretches whose end is no other
    stretch's start, by end: so a month's changes are a contiguous range of each, already in row
    order, and a run finds them by binary search (`maanden`). The sorting is done here, once, when
    the population is read. The engine reads the column through `maanden` when a run fixes the year
    (`vector_periode.jaar_vast`); it is never written, so copies of a population may share it."""

    def __init__(self, periode: str, t: ir.Type, n: int, rij: Ints, vanaf: Ints, tot: Ints, waarde: Kolom) -> None:
        self.periode, self.type, self.n = periode, t, n
        rij = np.asarray(rij, dtype=np.intp)
        vanaf, tot = np.asarray(vanaf, dtype=np.int64), np.asarray(tot, dtype=np.int64)
        w, ok = np.asarray(waarde.waarden), np.asarray(waarde.geldig, dtype=bool)
        # Where a stretch ends on the day the same row's next stretch starts: no change of its own.
        per_rij = np.lexsort((vanaf, rij))
        aansluit = np.zeros(len(rij), dtype=bool)
        aansluit[per_rij[:-1]] = (rij[per_rij[1:]] == rij[per_rij[:-1]]) & (vanaf[per_rij[1:]] == tot[per_rij[:-1]])
        op_begin = np.lexsort((rij, vanaf))
        self.rij_b, self.vanaf_b, self.tot_b = rij[op_begin], vanaf[op_begin], tot[op_begin]
        self.w_b, self.ok_b = w[op_begin], ok[op_begin]
        einden = np.flatnonzero(~aansluit)
        op_eind = einden[np.lexsort((rij[einden], tot[einden]))]
        self.rij_e, self.tot_e = rij[op_eind], tot[op_eind]
        for x in (self.rij_b, self.vanaf_b, self.tot_b, self.w_b, self.ok_b, self.rij_e, self.tot_e):
            x.setflags(write=False)  # the month cells are views of these
        self.stuk_noemer = waarde.noemer
        g = np.zeros(n, dtype=bool)
        g[rij[ok]] = True
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
        `DeltaKolom` of it with the rows whose value changes on that month's first day: the
        stretches starting there (their value) and those ending there without a next one (leeg)."""
        begin = [date(jaar + m // MAANDEN, m % MAANDEN + 1, 1).toordinal() for m in range(MAANDEN + 1)]
        n, w, ok = self.n, self.w_b, self.ok_b
        # January: the stretches started on or before 1 January (a prefix by start) that end after
        # it, one per row at most, scattered in one pass; the others go to a spare slot n
        # (arithmetic, not `where` or a boolean selection: those mispredict on a mixed mask).
        p = int(np.searchsorted(self.vanaf_b, begin[0], side="right"))
        plek = self.rij_b[:p] - n
        plek *= self.tot_b[:p] > begin[0]
        plek += n
        w0 = np.zeros(n + 1, dtype=w.dtype) if w.dtype != object else np.full(n + 1, None, dtype=object)
        g0 = np.zeros(n + 1, dtype=bool)
        w0[plek] = w[:p]
        g0[plek] = ok[:p]
        w0, g0 = w0[:n], g0[:n]
        w0.setflags(write=False)  # the months without a change share the cell: never written in place
        g0.setflags(write=False)
        cellen: list[Kolom] = [Kolom(w0, g0, self.stuk_noemer, vol=bool(g0.all()))]
        # Month m's starts and ends: contiguous ranges (bounds are month starts, so every start in
        # month m is on its first day), each in row order; a row is in one of them at most (an end
        # that the row's next stretch starts at was left out when read).
        s = np.searchsorted(self.vanaf_b, begin)
        e = np.searchsorted(self.tot_e, begin)
        for m in range(1, MAANDEN):
            rs, re = self.rij_b[s[m]:s[m + 1]], self.rij_e[e[m]:e[m + 1]]
            if not len(rs) and not len(re):
                cellen.append(cellen[-1])
                continue
            dw: Any = w[s[m]:s[m + 1]]
            dg = ok[s[m]:s[m + 1]]
            rijen = rs
            if len(re):  # ends too: leeg on their rows, merged into row order
                rijen = np.concatenate((rs, re))
                volgorde = np.argsort(rijen, kind="stable")
                rijen = rijen[volgorde]
                leeg = np.full(len(re), None, dtype=object) if w.dtype == object else np.zeros(len(re), dtype=w.dtype)
                dw = np.concatenate((dw, leeg))[volgorde]
                dg = np.concatenate((dg, np.zeros(len(re), dtype=bool)))[volgorde]
            cellen.append(DeltaKolom(cellen[-1], rijen, Kolom(dw, dg, self.stuk_noemer, vol=bool(dg.all()))))
        return cellen


__all__ = ["StukkenKolom"]
