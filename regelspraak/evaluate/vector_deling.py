"""Division by a value that differs per object, exactly, over whole columns.

A column holds integer numerators over one denominator for all rows (`columns.py`), so `a / b`
with a different `b` per row has no column form in general: every row would need its own
denominator. It has one when `b` takes few distinct values, which is how law divides by a
per-object value: by an ijkpunt, a grens or a norm chosen per household type (Wet op de
huurtoeslag art. 19: the verlaagde normhuur divided by the inkomensijkpunt of the household's
type). With the distinct numerators t_1 … t_k of `b` and L = lcm(|t_j|),

    a / b = (a.w / a.d) / (t / b.d) = a.w * (b.d * L / t) / (a.d * L)

where `b.d * L / t` is an integer for every row: the quotient is `a` times a per-row integer
multiplier over the one denominator `a.d * L` (exact; int64 while the bound allows, Python ints
otherwise, as every other operation). The multiplier of a two-valued divisor (`VKeuze`) is
two-valued as well and costs no pass until it is multiplied.

Leeg and errors as the interpreter (`values.arithmetic.gedeeld_door`): a leeg numerator counts as
0, both leeg gives 0. A row whose divisor is 0, or leeg with a filled numerator, is an error *for
that object* in the interpreter, raised only where it evaluates the division (not where a
condition excluded the object first); that is not a column operation, so such a population, and a
divisor with more than `MEESTE` distinct values or a huge common multiple, leaves the rule to the
interpreter row by row as before (the run reports it in `Resultaat.terugval`).

>>> import numpy as np
>>> from regelspraak.evaluate.vector_values import V
>>> a = V("getal", np.array([700, -300, 5]), np.array([True, True, False]), 100)
>>> b = V("getal", np.array([2, 3, 2]), np.ones(3, dtype=bool), 1)
>>> q = deel(a, b)
>>> [(int(w), q.d) for w in q.w]
[(2100, 600), (-600, 600), (0, 600)]
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import numpy.typing as npt

from regelspraak.evaluate import vector_values as vv
from regelspraak.evaluate.columns import Keuze
from regelspraak.evaluate.vector_values import V, VKeuze

Arr = npt.NDArray[Any]

MEESTE = 64  # distinct divisor values per division, at most: beyond it the rule runs per object
_BITS = 192  # and the common multiple of their numerators at most this large (then exact ints stay small)


class GeenKolomdeling(Exception):
    """This division cannot be done over the columns; the message says why (Dutch, for terugval).
    `per_rij`: because of the values of some rows (zero, or leeg under a filled numerator), so
    the same division over fewer rows (those a rule's condition keeps) may succeed."""

    def __init__(self, bericht: str, per_rij: bool = False) -> None:
        super().__init__(bericht)
        self.per_rij = per_rij


def deel(a: V, b: V) -> V:
    """`a gedeeld door b`, with `b` per row; raises GeenKolomdeling when it cannot be done exactly
    over the columns (then the caller runs the rule through the interpreter)."""
    n = len(b)
    if n == 0:
        return V("getal", np.zeros(0, dtype=np.int64), np.ones(0, dtype=bool), a.d, vol=True)
    b_vol = vv.gevuld(b)
    if not b_vol and not bool(np.all(~np.asarray(a.ok)[~np.asarray(b.ok)])):
        raise GeenKolomdeling("deling door een lege waarde in sommige rijen", per_rij=True)
    tellers = _tellers(b, b_vol)
    if not tellers:  # no divisor anywhere, so no numerator either (checked above): 0 in every row
        return V("getal", np.broadcast_to(np.int64(0), (n,)), vv._alle(n), a.d, a.fout, grens=0, vol=True)
    if 0 in tellers:
        raise GeenKolomdeling("deling door nul in sommige rijen", per_rij=True)
    veelvoud = 1
    for t in tellers:
        veelvoud = math.lcm(veelvoud, abs(t))
    if veelvoud.bit_length() > _BITS:
        raise GeenKolomdeling("deling door waarden zonder klein gemeenschappelijk veelvoud")
    factor = _factor(b, b_vol, {t: b.d * veelvoud // t for t in tellers})
    uit = vv.maal(a, factor, veelvoud)
    # maal counts a leeg numerator as 0, as the interpreter does; a leeg divisor beside a leeg
    # numerator (checked above) gives 0 as well: its multiplier is 0.
    return V("getal", uit.w, uit.ok, uit.d, uit.fout, grens=uit.grens, vol=True, eigen=uit.eigen)


def _tellers(b: V, b_vol: bool) -> list[int]:
    """The distinct numerators of the filled rows of `b` (for two values: both, without a pass)."""
    if isinstance(b, VKeuze) and b._w is None and b_vol and MEESTE >= 2:
        return sorted({int(b.keuze.ja), int(b.keuze.nee)})
    w = np.asarray(b.w)
    if not b_vol:
        w = w[np.asarray(b.ok)]
    if len(w) == 0:
        return []
    if w.dtype != object and bool(np.all(w == w[0])):
        return [int(w[0])]
    uniek = np.unique(w)
    if len(uniek) > MEESTE:
        raise GeenKolomdeling(f"deling door een waarde met meer dan {MEESTE} verschillende waarden per object")
    return [int(x) for x in uniek]


def _factor(b: V, b_vol: bool, per_teller: dict[int, int]) -> V:
    """The per-row integer multiplier `b.d * L / t` (0 where `b` is leeg: those rows' numerator
    is leeg as well, and the quotient 0)."""
    n = len(b)
    grens = max((abs(m) for m in per_teller.values()), default=0)
    groot = grens >= vv._LIMIET
    dtype = np.dtype(object) if groot else np.dtype(np.int64)
    if isinstance(b, VKeuze) and b._w is None and b_vol and not groot:
        k = b.keuze
        keuze = Keuze(k.masker, per_teller[int(k.ja)], per_teller[int(k.nee)], dtype)
        return VKeuze("getal", keuze, vv._alle(n), 1, vol=True)
    w = np.asarray(b.w)
    if len(per_teller) == 1:
        (m,) = per_teller.values()
        f = np.broadcast_to(np.array(m, dtype=dtype), (n,)) if b_vol else _nul_buiten(
            np.full(n, m, dtype=dtype), b)
        return V("getal", f, vv._alle(n), 1, grens=grens, vol=True)
    sleutels = np.array(sorted(per_teller), dtype=w.dtype)
    waarden = np.array([per_teller[int(t)] for t in sleutels], dtype=dtype)
    plek = np.searchsorted(sleutels, w)
    if not b_vol:
        plek = np.where(np.asarray(b.ok), plek, 0)
    f = waarden[np.minimum(plek, len(sleutels) - 1)]
    if not b_vol:
        f = _nul_buiten(f, b)
    return V("getal", f, vv._alle(n), 1, grens=grens, vol=True)


def _nul_buiten(f: Arr, b: V) -> Arr:
    """0 where `b` is leeg."""
    f = np.array(f, dtype=f.dtype)
    f[~np.asarray(b.ok)] = 0
    return f
