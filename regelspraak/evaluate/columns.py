"""Columnar data for the vectorised engine: one table per objecttype, one relation per feittype.

Numbers are exact: a numeric column holds integer numerators and one static denominator
(`noemer`), so 1573.42 € with `noemer=100` is stored as 157342. Integer arrays are int64 while
values fit; where a computation could overflow they are Python ints in an object array (exact,
slower). Dates are int32 day numbers (proleptic ordinal), enumerations int16 codes into the
domain's values, kenmerken and booleans bool. `geldig` is False where a value is leeg.

>>> import numpy as np
>>> k = Kolom(np.array([157342, 0], dtype=np.int64), np.array([True, False]), noemer=100)
>>> k.als_fracties()
[Fraction(78671, 50), None]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.generic]


@dataclass
class Kolom:
    waarden: Array
    geldig: npt.NDArray[np.bool_]
    noemer: int = 1  # numbers only: value = waarden / noemer
    # Known facts about the column, so the engine need not scan it again: an upper bound of
    # |waarden| and whether no row is leeg. None = unknown; reset whenever the column is written.
    grens: int | None = field(default=None, compare=False)
    vol: bool | None = field(default=None, compare=False)
    # Every row (filled or leeg) holds this numerator: a column a rule set to one value. A later
    # rule setting another value for some rows then picks between two values in one pass.
    constante: int | None = field(default=None, compare=False)

    def __len__(self) -> int:
        return len(self.waarden)

    def is_vol(self) -> bool:
        """Whether no row is leeg; scanned once, then known until the column is written."""
        if self.vol is None:
            self.vol = bool(np.all(self.geldig))
        return self.vol

    def als_fracties(self) -> list[Fraction | None]:
        """Exact values, for tests and for comparison with the interpreter."""
        return [Fraction(int(v), self.noemer) if ok else None for v, ok in zip(self.waarden, self.geldig, strict=True)]


@dataclass
class Tabel:
    """All objects of one objecttype. Attribute columns are keyed by the attribute name in lower
    case; kenmerken by "kenmerk:" + name."""

    objecttype: str
    ids: Array
    kolommen: dict[str, Kolom] = field(default_factory=dict)
    gewicht: npt.NDArray[np.float64] | None = None  # survey weight per object (None: 1 each)

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class Relatie:
    """The facts of one feittype: for fact i, `rijen[r][i]` is the row (in the table of role r's
    objecttype) of the object playing role r. A wederkerig feittype has two columns as well."""

    feittype: str
    rijen: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]


@dataclass
class Populatie:
    tabellen: dict[str, Tabel]
    relaties: dict[str, Relatie]
