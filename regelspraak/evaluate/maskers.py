"""Boolean row masks of the vectorised engine, made with as little fresh memory as possible.

In a fresh process every new 1 MB mask (one Boolean a row, a million rows) costs 256 page faults
before a single value is computed, several times the computation itself; a calculation of the
per-person zorgtoeslag made some thirty of them. Masks are never changed in place once made
(columns are replaced, not mutated), so the engine can share them instead:

- `vol(n)`: one read-only all-True column per size, the validity mask of every filled column;
- `niet(b)`: the complement of a mask, computed once while either is held (`heeft geen partner`
  in five rules is one pass, not five), and known to be one: `b` and `niet(b)` do not overlap,
  `b | niet(b)` holds everywhere, and `x * niet(niet(b))` is `x * b`;
- `en`, `overlapt`, `kies`: combinations that use those facts, and otherwise write into a fresh
  operand or look at a small piece at a time instead of allocating a column.

>>> import numpy as np
>>> b = np.array([True, False, True])
>>> c = niet(b)
>>> c.tolist(), niet(c) is b, overlapt(b, c), kies(b, vol(3), c) is vol(3)
([False, True, False], True, False, True)
"""

from __future__ import annotations

import threading
import weakref

import numpy as np
import numpy.typing as npt

Bools = npt.NDArray[np.bool_]

_VOL: dict[int, Bools] = {}
# Per mask (by id, checked by identity): a weak reference to it and to its complement.
_NIET: dict[int, tuple[weakref.ref[Bools], weakref.ref[Bools]]] = {}
_SLOT = threading.Lock()
_STUK = 1 << 18  # rows per piece when only an answer is needed, not a column (stays in cache)


def nieuw(n: int) -> Bools:
    """An uninitialised mask of n rows for a result: an array of its own, freed as soon as its
    last reader lets go, so the next mask of the run reuses its memory.

    Masks were once carved out of blocks of eight (from 512 K rows large enough for numpy to ask
    for huge pages: fewer page faults). Measured in the speed harness that was the slower choice
    on this project's machine: a block stays held while any of its masks is (a column's validity
    keeps it for the whole run), so a calculation touched more fresh memory, warm calculations
    faulted pages in again (the per-person zorgtoeslag: 600-860 faults and 11.3-11.9 ms CPU
    warm with blocks, none and 9.3 ms without; docs/prestaties.md), and a fresh huge page costs
    more here than the small pages it replaces.

    >>> a, b = nieuw(1 << 17), nieuw(1 << 17)
    >>> a.base is None and b.base is None, len(a)
    (True, 131072)
    """
    return np.empty(n, dtype=bool)


def constant(b: Bools) -> bool:
    """One value broadcast over the rows."""
    return b.ndim == 1 and len(b) > 1 and b.strides[0] == 0


def vol(n: int) -> Bools:
    """All rows True, as a real read-only column shared by every filled column of size n (numpy
    combines and reduces a broadcast Boolean far slower than a real one)."""
    hit = _VOL.get(n)
    if hit is None:
        if len(_VOL) > 8:
            _VOL.clear()
        hit = np.ones(n, dtype=bool)
        hit.flags.writeable = False
        _VOL[n] = hit
    return hit


def is_vol(b: Bools) -> bool:
    """Known without a pass to hold everywhere (the shared column, or a broadcast True)."""
    return b is _VOL.get(len(b)) or (constant(b) and bool(b[0]))


def complement(b: Bools) -> Bools | None:
    """The known complement of `b`, if some `niet` made one that is still held."""
    with _SLOT:
        hit = _NIET.get(id(b))
    if hit is None or hit[0]() is not b:
        return None
    return hit[1]()


def vergeet() -> None:
    """Forget every known complement (at the start of a run: a caller may change its input
    columns in place between runs, never during one)."""
    with _SLOT:
        _NIET.clear()


def niet(b: Bools) -> Bools:
    """`~b`, once per mask while it is held (a column's validity, a kenmerk)."""
    if constant(b):
        return np.broadcast_to(~b[:1], b.shape)
    c = complement(b)
    if c is not None:
        return c
    c = np.logical_not(b, out=nieuw(len(b)))
    with _SLOT:
        if len(_NIET) > 64:  # forget the pairs whose masks are gone
            for k in [k for k, (x, y) in _NIET.items() if x() is None or y() is None]:
                del _NIET[k]
        _NIET[id(b)] = (weakref.ref(b), weakref.ref(c))
        _NIET[id(c)] = (weakref.ref(c), weakref.ref(b))
    return c


def eigen(b: Bools) -> Bools:
    """`b` as a column's validity mask: all True is the shared column, a broadcast False one
    real column (zero pages, untouched until written); a real mask is taken as it is."""
    if is_vol(b):
        return vol(len(b))
    if constant(b):
        return np.zeros(len(b), dtype=bool)
    return b


def en(a: Bools, b: Bools) -> Bools:
    """`a & b` (a new mask, or one of the two when the other holds everywhere)."""
    if is_vol(a):
        return b
    if is_vol(b):
        return a
    if complement(a) is b:
        return np.zeros(len(a), dtype=bool)
    return np.logical_and(a, b, out=nieuw(len(a)))


def overlapt(a: Bools, b: Bools) -> bool:
    """`(a & b).any()`, piece by piece (no column allocated), and no pass at all for a mask and
    its complement."""
    if complement(a) is b:
        return False
    if constant(a) or constant(b):
        return bool(a[0]) and bool(np.any(b)) if constant(a) else bool(b[0]) and bool(np.any(a))
    return _ergens(np.logical_and, a, b)


def _ergens(op: np.ufunc, a: Bools, b: Bools) -> bool:
    """`op(a, b).any()` for two real masks, a piece at a time (no column allocated)."""
    n = len(a)
    stuk = np.empty(min(n, _STUK), dtype=bool)
    for i in range(0, n, _STUK):
        j = min(i + _STUK, n)
        if op(a[i:j], b[i:j], out=stuk[: j - i]).any():
            return True
    return False


def en_binnen(a: Bools, b: Bools) -> Bools:
    """`a & b` for a column's validity, where `a` (a rule's condition) usually lies within `b`
    (the rows where its value exists): then `a` itself, checked without allocating a column."""
    if is_vol(a) or is_vol(b) or constant(a) or constant(b) or complement(a) is b:
        return en(a, b)
    if not _ergens(np.greater, a, b):  # no row in a and not in b
        return a
    return np.logical_and(a, b, out=nieuw(len(a)))


def kies(mask: Bools, ja: Bools, nee: Bools) -> Bools:
    """`np.where(mask, ja, nee)` for masks: where `nee` is the complement of `mask` (a value for
    the rows another rule left open) it is `ja | nee`, all True when `ja` holds everywhere."""
    if complement(mask) is nee:
        if is_vol(ja) or ja is mask or (not constant(ja) and not _ergens(np.less, ja, mask)):
            return vol(len(mask))  # ja holds wherever mask does (ja < mask nowhere)
        return np.logical_or(ja, nee, out=nieuw(len(mask)))
    if is_vol(ja):
        return vol(len(mask)) if is_vol(nee) else np.logical_or(mask, nee, out=nieuw(len(mask)))
    if is_vol(nee):
        r = np.logical_not(mask, out=nieuw(len(mask)))
        r |= ja
        return r
    r = np.greater(nee, mask, out=nieuw(len(mask)))  # nee & ~mask, without ~mask
    r |= np.logical_and(mask, ja, out=nieuw(len(mask)))
    return r
