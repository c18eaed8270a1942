"""Column operations of the vectorised engine done a piece of the rows at a time, so that their
temporaries live in one small buffer that stays in the processor's cache instead of in a fresh
column (in a fresh process every 4 KB of a fresh column is a page fault).

>>> import numpy as np
>>> x = np.array([10, 20, 30])
>>> plus_op_masker(x, np.array([True, False, True]), -3)
>>> x.tolist()
[7, 20, 27]
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from regelspraak.evaluate import maskers

Arr = npt.NDArray[Any]
Bools = npt.NDArray[np.bool_]
STUK = 1 << 15  # rows per piece


def plus_op_masker(x: Arr, masker: Bools, stap: int) -> None:
    """x += stap where `masker` holds (int64, in place; the caller has checked the bound)."""
    n = len(x)
    buf = np.empty(min(n, STUK), dtype=np.int64)
    s = np.int64(stap)
    for i in range(0, n, STUK):
        j = min(i + STUK, n)
        t = np.multiply(masker[i:j], s, out=buf[: j - i])
        np.add(x[i:j], t, out=x[i:j])


def maal_buiten(w: Arr, masker: Bools, f: int) -> Arr:
    """w where `masker` holds, w * f elsewhere (a column merged with a rescaled copy of itself:
    `50% van` the value two other rules wrote; the caller has checked the bound). One pass: a
    shift per row for a power of two.

    >>> maal_buiten(np.array([3, 5, 7]), np.array([True, False, True]), 2).tolist()
    [3, 10, 7]
    >>> maal_buiten(np.array([3, 5, 7]), np.array([True, False, True]), 3).tolist()
    [3, 15, 7]
    """
    if f & (f - 1) or maskers.constant(masker) or w.ndim != 1 or maskers.constant(w):
        factor = np.multiply(maskers.niet(np.asarray(masker, dtype=bool)), np.int64(f - 1), dtype=np.int64)
        factor += 1
        return np.multiply(w, factor)
    k = f.bit_length() - 1
    uit = np.empty(len(w), dtype=np.int64)
    schuif = np.empty(min(len(w), STUK), dtype=np.int8)  # the shift per row, a piece at a time
    for i in range(0, len(w), STUK):
        j = min(i + STUK, len(w))
        s = schuif[: j - i]
        np.logical_not(masker[i:j], out=s.view(bool))
        if k != 1:
            s *= np.int8(k)
        np.left_shift(w[i:j], s, out=uit[i:j], dtype=np.int64)
    return uit
