"""The identity rows of a table (0..n-1): an object vector that *is* them is the table itself in
order, so reading its columns needs no gather. Made only when an operation needs them as values.

>>> r = rijnummers("persoon", 3)
>>> r.tolist(), r is rijnummers("persoon", 3), len(VRijen(3, lambda: r)), VRijen(3, lambda: r).w is r
([0, 1, 2], True, 3, True)
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from regelspraak.evaluate import vector_values as vv
from regelspraak.evaluate.vector_values import V

Ints = npt.NDArray[np.int64]


_RIJNUMMERS: dict[tuple[str, int], Ints] = {}


def rijnummers(tabel: str, n: int) -> Ints:
    """0..n-1 for one table, shared by every run over a table of that size (read-only, so no
    run can change it; one array per table name, so identity still tells the tables apart)."""
    hit = _RIJNUMMERS.get((tabel, n))
    if hit is None:
        if len(_RIJNUMMERS) > 32:
            _RIJNUMMERS.clear()
        hit = np.arange(n, dtype=np.int64)
        hit.flags.writeable = False
        _RIJNUMMERS[(tabel, n)] = hit
    return hit


class VRijen(V):
    """The subject of a rule over a whole table (`identiek`): its row numbers are made only when
    an operation reads them as values (reading the table's own columns never does)."""

    def __init__(self, n: int, maak: Callable[[], Ints]) -> None:
        self._n = n
        self._maak = maak
        self._w: Ints | None = None
        super().__init__("object", np.zeros(0, dtype=np.int64), vv._alle(n), identiek=True, vol=True)
        self._w = None

    @property
    def w(self) -> Ints:
        if self._w is None:
            self._w = self._maak()
        return self._w

    @w.setter
    def w(self, x: Ints) -> None:
        self._w = x

    def __len__(self) -> int:
        return self._n
