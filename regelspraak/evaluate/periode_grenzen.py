"""The months in which a bare period of a rule starts or ends, per row (issue 11, docs/prestaties.md
"Tijdlijnen"): a rule with `het is de periode vanaf D1 tot D2`, where D1 and D2 are dates read from
the subject's own row (`de eerste maand als verzekerde`), runs on the period axis month by month,
and month m differs from month m-1 only on the rows whose D1 or D2 is the first day of month m
(and on the rows whose inputs changed, which `vector_delta.maand` finds). So the rule runs January
whole and every later month on those rows alone (`vector_delta.maand` with `extra`), instead of
twelve full passes.

Why this is the whole month's result: a bound on the first day of a month m starts or stops the
period exactly at month m (`vector_periode.periode_in_maand`), so for every other row the period
holds in month m exactly when it held in month m-1; a row whose every input and period membership
is that of month m-1 gets month m-1's result (`vector_delta` module docstring). A bound inside a
month (the interpreter would cut the month) makes this module decline: the rule then runs each month
whole, which refuses such a bound as it always did (NietVectoriseerbaar, the interpreter's knip).
The bounds are evaluated once per run over every row, as the rule's own month runs would evaluate
them: only bounds that read plain (non-timeline) values of the subject's own row qualify, so they
are the same in every month.

>>> import numpy as np
>>> from datetime import date
>>> starts = np.array([date(2025, m, 1).toordinal() for m in range(1, 13)] + [date(2026, 1, 1).toordinal()])
>>> w = np.array([date(2025, 2, 1).toordinal(), date(2024, 5, 1).toordinal(), date(2025, 7, 1).toordinal()])
>>> [r.tolist() for r in per_maand([(w, np.array([True, True, True]))], starts)][1:7]
[[0], [], [], [], [], [2]]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from regelspraak.model import ir
from regelspraak.model.order import roots_of, walk_expr

if TYPE_CHECKING:
    from regelspraak.evaluate.vectorize import Engine

Rijen = np.ndarray[Any, np.dtype[np.intp]]
MAANDEN = 12


def perioden(regel: ir.Regel) -> list[tuple[ir.Versie, ir.Periode]]:
    """Every bare period of every version of `regel`, with its version."""
    return [(v, x) for v in regel.versies for root in roots_of(v) for x in walk_expr(root)
            if isinstance(x, ir.Periode)]


def _vast(x: ir.Expr) -> bool:
    """Whether bound `x` reads nothing that can differ per month: no timeline attribute, kenmerk or
    parameter, and no variable (whose definition is not looked into here)."""
    for y in walk_expr(x):
        if isinstance(y, ir.VariabeleRef | ir.TijdFunctie | ir.Periode | ir.GehelePeriode):
            return False
        if isinstance(y, ir.AttribuutLezen) and y.attribuut.type.periode is not None:
            return False
        if isinstance(y, ir.KenmerkTest) and y.kenmerk.periode is not None:
            return False
        if isinstance(y, ir.ParameterRef) and y.type.periode is not None:
            return False
    return True


def wisselingen(engine: Engine, regel: ir.Regel, jaar: int) -> list[Rijen] | None:
    """Per month m (index 1..11; index 0 is empty) the sorted rows of `regel`'s subject at which a
    bound of one of its bare periods falls on the first day of month m. None: some bound is not a
    fixed value of the row (`_vast`), is no date, cannot be computed for every row, or falls inside
    a month of the year for some row (then every month runs whole, as before)."""
    from regelspraak.evaluate.vector_expr import Frame, NietVectoriseerbaar
    from regelspraak.evaluate.vector_periode import maandbegin
    from regelspraak.values.fouten import Rekenfout

    paren = perioden(regel)
    if not paren or len({v.onderwerp for v in regel.versies}) != 1:
        return None
    tabel = engine.pop.tabellen[regel.versies[0].onderwerp]
    n = len(tabel)
    starts = np.array([maandbegin(jaar, m).toordinal() for m in range(MAANDEN + 1)], dtype=np.int64)
    grenzen: list[tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]] = []
    for versie, p in paren:
        frame = Frame(n, None, definities={var.naam: var.expr for var in versie.variabelen},
                      rekenaar=engine.expr, tabel=versie.onderwerp, rijen=engine.rijen)
        for x, is_tot in ((p.vanaf, False), (p.tot, True)):
            if x is None:
                continue
            if not _vast(x) or x.type.soort != "datum":
                return None
            try:
                v = engine._v(x, frame)
            except (NietVectoriseerbaar, Rekenfout):
                return None
            if v.soort != "datum":
                return None
            w = np.broadcast_to(np.asarray(v.w), (n,))
            if w.dtype != np.int64:
                w = w.astype(np.int64)
            if is_tot and p.tot_en_met:
                w = w + 1
            grenzen.append((w, np.broadcast_to(np.asarray(v.ok, dtype=bool), (n,))))
    return per_maand(grenzen, starts)


def per_maand(grenzen: list[tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]],
              starts: np.ndarray[Any, Any]) -> list[Rijen] | None:
    """The rows per month (see `wisselingen`) of bounds `grenzen` (values, validity), with `starts`
    the thirteen month starts of the year as day numbers. None: a bound inside a month."""
    n = max((len(w) for w, _ in grenzen), default=0)
    sleutels: list[np.ndarray[Any, Any]] = []  # month * (n + 1) + row: one sort gives every month's rows in order
    for w, ok in grenzen:
        ok_a = np.asarray(ok, dtype=bool)
        if w.strides == (0,) and len(w):  # one date for every row (`het begin van het berekeningsjaar`)
            if not starts[0] < int(w[0]) < starts[-1]:
                continue  # outside the year: no row's period starts or ends in it
            rij = np.flatnonzero(ok_a) if ok_a.strides != (0,) else np.arange(len(w) if bool(ok_a[0]) else 0)
        elif ok_a.strides == (0,):
            rij = np.flatnonzero((w > starts[0]) & (w < starts[-1])) if len(ok_a) and bool(ok_a[0]) else \
                np.zeros(0, dtype=np.intp)
        elif np.count_nonzero(ok_a) * 8 < len(ok_a):  # few rows with a date (a bound only some rows have)
            rij = np.flatnonzero(ok_a)
            rij = rij[(w[rij] > starts[0]) & (w[rij] < starts[-1])]
        else:
            rij = np.flatnonzero(ok_a & (w > starts[0]) & (w < starts[-1]))
        ww = w[rij]
        k = np.searchsorted(starts, ww)
        if len(k) and not bool(np.all(starts[k] == ww)):
            return None  # a bound inside a month: the interpreter cuts it there
        sleutels.append(k.astype(np.int64) * (n + 1) + rij)
    alle = uniek(np.concatenate(sleutels)) if sleutels else np.zeros(0, dtype=np.int64)
    grens = np.searchsorted(alle, np.arange(MAANDEN + 1, dtype=np.int64) * (n + 1))
    uit: list[Rijen] = [np.zeros(0, dtype=np.intp)]
    for m in range(1, MAANDEN):
        uit.append((alle[grens[m]:grens[m + 1]] - m * (n + 1)).astype(np.intp))
    return uit


def uniek(a: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """The distinct values of `a`, sorted (a sort and a comparison of neighbours: numpy's `unique`
    hashes, several times slower on a few ten thousand integers)."""
    a = np.sort(a)
    if len(a) < 2:
        return a
    houd = np.empty(len(a), dtype=bool)
    houd[0] = True
    np.not_equal(a[1:], a[:-1], out=houd[1:])
    return a[houd]


__all__ = ["per_maand", "perioden", "uniek", "wisselingen"]
