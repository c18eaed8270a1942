"""Iterative proportional fitting (raking) of a contingency table to marginal totals.

A margin is given as a group index per cell (same shape as the table; -1 = the cell is not
part of this margin) and one target per group. That one form covers ordinary one-axis
margins, grouped categories (age bands over single years), margins over a function of
several axes (household size = adults + children + others) and margins restricted to a
subset (number of children among households *with* children).

The fitted table is the one closest to the prior in the Kullback-Leibler sense among the
tables that meet every margin; cells that are 0 in the prior stay 0 (structural zeros).

>>> import numpy as np
>>> prior = np.ones((2, 2))
>>> rij = np.array([[0, 0], [1, 1]])
>>> kolom = np.array([[0, 1], [0, 1]])
>>> r = ipf(prior, [Marge("rij", rij, np.array([30.0, 70.0])), Marge("kolom", kolom, np.array([60.0, 40.0]))])
>>> r.tabel.round(1).tolist(), r.geconvergeerd
([[18.0, 12.0], [42.0, 28.0]], True)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.intp]


@dataclass(frozen=True)
class Marge:
    """Targets for groups of cells: cell c counts towards `doel[groep[c]]` (groep -1: not at all)."""

    naam: str
    groep: Ints
    doel: Floats

    def som(self, tabel: Floats) -> Floats:
        """The table's current total per group."""
        mee = self.groep >= 0
        som: Floats = np.bincount(self.groep[mee], weights=tabel[mee], minlength=len(self.doel)).astype(np.float64)
        return som


@dataclass(frozen=True)
class IPFResultaat:
    tabel: Floats
    iteraties: int
    max_afwijking: float  # largest relative deviation from any target after the last sweep
    geconvergeerd: bool


def ipf(prior: Floats, marges: list[Marge], *, tolerantie: float = 1e-10, max_iteraties: int = 2000) -> IPFResultaat:
    """Rake `prior` until every margin is met within `tolerantie` (relative), or give up.

    Each sweep scales the cells of every margin's groups by target / current total, one margin
    after the other. With consistent margins (same grand total, no target on a group whose
    prior cells are all 0) this converges; otherwise `geconvergeerd` is False and the caller
    decides (the generator refuses to continue: an unfitted table is not "calibrated").
    """
    tabel = np.array(prior, dtype=np.float64)
    for m in marges:
        if m.groep.shape != tabel.shape:
            raise ValueError(f"marge {m.naam}: groepindex heeft vorm {m.groep.shape}, tabel {tabel.shape}")
    afwijking = np.inf
    # Each margin's cells as flat positions and their groups, found once (a thousand sweeps
    # would otherwise build the same masks and selections again); the arithmetic is unchanged.
    plat = tabel.reshape(-1)
    posities = [np.flatnonzero(m.groep >= 0) for m in marges]
    cellen = [(c, m.groep.reshape(-1)[c], m) for c, m in zip(posities, marges, strict=True)]
    for i in range(1, max_iteraties + 1):
        for c, g, m in cellen:
            huidig = np.bincount(g, weights=plat[c], minlength=len(m.doel)).astype(np.float64)
            # A group with target 0 empties its cells; a group with no mass cannot be scaled up
            # (structural zero) and is left alone: convergence then fails visibly.
            factor = np.divide(m.doel, huidig, out=np.ones_like(huidig), where=huidig > 0)
            plat[c] *= factor[g]
        afwijking = max(_rel_afwijking(np.bincount(g, weights=plat[c], minlength=len(m.doel)).astype(np.float64),
                                       m.doel) for c, g, m in cellen) if marges else 0.0
        if afwijking <= tolerantie:
            return IPFResultaat(tabel, i, afwijking, True)
    return IPFResultaat(tabel, max_iteraties, afwijking, False)


def _rel_afwijking(som: Floats, doel: Floats) -> float:
    schaal = np.maximum(np.abs(doel), 1e-300)
    return float(np.max(np.abs(som - doel) / schaal)) if len(doel) else 0.0


def as_groep(vorm: tuple[int, ...], as_: int, indeling: npt.ArrayLike) -> Ints:
    """Group index for a margin over one axis: `indeling[k]` is the group of category k on `as_`
    (-1: excluded). Broadcast to the whole table.

    >>> as_groep((2, 3), 1, [0, 0, 1]).tolist()
    [[0, 0, 1], [0, 0, 1]]
    """
    idx = np.asarray(indeling, dtype=np.intp)
    vormen = [1] * len(vorm)
    vormen[as_] = vorm[as_]
    return np.broadcast_to(idx.reshape(vormen), vorm).copy()
