"""Children and other residents linked to the toeslag unit that lives in their home.

The generator already draws children at home with their ages (CBS positions and ages, ranked
under their parents; `synthetic.py`). The toeslagen need to know *whose* children they are and
who else lives in the home:

- a **kind** (Awir art. 4; feittype `kinderen van het huishouden`, roles ouderhuishouden / kind)
  is a child at home under 18, linked to the household's core unit (the parents, or the single
  parent); it gets `kinderbijslag`: every child under 18 living at home is assumed to be one for
  whom kinderbijslag is received (AKW art. 7: no checks on school or income of 16- and
  17-year-olds, no children living elsewhere, no foster children);
- a **medebewoner** (Awir art. 2 lid 1 onder e; feittype `medebewoners van het huishouden`,
  roles woonhuishouden / medebewoner) is every other resident of the home outside the core unit:
  adult children at home and other members (who also form toeslag units of their own).

The core unit of a home is the unit of its first member with a unit: for couples and single
parents the parents, for other multi-person households the first adult (there is no main
tenant in the CBS figures), for one-person households and institutions the person. Pure
numpy, no randomness: the links follow from the generated persons alone.

>>> import numpy as np
>>> hh = np.array([0, 0, 0, 0, 1, 1])            # a couple with two children; two adults sharing
>>> eenheid = np.array([0, 0, -1, 3, 4, 5])      # child 2 is a minor (no unit), 3 an adult child
>>> rol = np.array([3, 3, 0, 0, 5, 5]); leeftijd = np.array([40, 41, 9, 19, 30, 31])
>>> k = koppel(hh, eenheid, eenheid >= 0, rol, leeftijd)
>>> k.ouder.tolist(), k.woont_bij.tolist()
([-1, -1, 0, -1, -1, -1], [-1, -1, -1, 0, -1, 4])
>>> k.kind.nonzero()[0].tolist(), k.medebewoner.nonzero()[0].tolist()
([2], [3, 5])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

KIND_ROL = 0  # synthetic.ROLLEN[0], "thuiswonend kind"
MEERDERJARIG = 18

SCHEMA_PERSONEN: dict[str, tuple[str, str, str | None]] = {
    "ouderlijke eenheid": ("verwijzing", "de toeslageenheid van de ouders, voor een thuiswonend kind onder 18 "
                           "(leeg voor anderen)", "toeslageenheden"),
    "medebewoner van": ("verwijzing", "de kern-toeslageenheid van de woning, voor elke andere bewoner buiten die "
                        "eenheid en buiten de minderjarige kinderen (leeg voor anderen)", "toeslageenheden"),
    "kinderbijslag": ("boolean", "er wordt kinderbijslag voor dit kind ontvangen: elk thuiswonend kind onder 18 "
                      "(AANNAME)", None),
}

AANNAMES = (
    "AANNAME populatie: kinderbijslag voor elk thuiswonend kind onder 18; geen kinderen buiten het huis, geen "
    "pleegkinderen",
    "AANNAME populatie: medebewoners zijn alle bewoners buiten de kern-toeslageenheid en buiten de minderjarige "
    "kinderen; in overige meerpersoonshuishoudens is de eerste volwassene de kern (CBS noemt geen hoofdhuurder)",
)


@dataclass(frozen=True)
class Koppeling:
    """Per person: the unit of the parents (`ouder`, -1 if none) and whether the person is such a
    child (`kind`); the core unit of the home for a medebewoner (`woont_bij`, -1 if none). Per
    home (in order of appearance): its household id and core unit (-1: no member has a unit)."""

    ouder: Ints
    kind: Bools
    woont_bij: Ints
    medebewoner: Bools
    huishouden: Ints
    kern: Ints


def koppel(huishouden: npt.NDArray[Any], eenheid: npt.NDArray[Any], eenheid_geldig: Bools, rol: npt.NDArray[Any],
           leeftijd: npt.NDArray[Any]) -> Koppeling:
    """Links for persons listed home by home (every household's members contiguous, as the
    generator writes them)."""
    hh = np.asarray(huishouden, dtype=np.int64)
    e = np.where(eenheid_geldig, np.asarray(eenheid, dtype=np.int64), -1)
    n = len(hh)
    begin = np.ones(n, dtype=np.bool_)
    begin[1:] = hh[1:] != hh[:-1]
    woning = np.cumsum(begin) - 1
    kern = np.full(int(begin.sum()), -1, dtype=np.int64)
    met = np.flatnonzero(e >= 0)
    w = woning[met]
    eerste = np.ones(len(met), dtype=np.bool_)
    eerste[1:] = w[1:] != w[:-1]
    kern[w[eerste]] = e[met[eerste]]
    kern_p = kern[woning]
    kind = (np.asarray(rol) == KIND_ROL) & (np.asarray(leeftijd) < MEERDERJARIG) & (kern_p >= 0)
    medebewoner = (kern_p >= 0) & (e != kern_p) & ~kind
    return Koppeling(np.where(kind, kern_p, -1), kind, np.where(medebewoner, kern_p, -1), medebewoner,
                     hh[begin], kern)
