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


@dataclass(frozen=True)
class Keuze:
    """Numerators of which every row holds one of two values: `ja` where `masker` holds, `nee`
    elsewhere. Two rules with opposite conditions (`met partner` / `zonder partner`) give a column
    like this; kept as the mask and the two values, it costs no pass over the rows until some
    operation needs the values row by row (`uitschrijven`), and operations with one value (a
    scale, a comparison with a column) work on the two values instead.

    >>> Keuze(np.array([True, False, True]), 7, 3, np.dtype(np.int64)).uitschrijven().tolist()
    [7, 3, 7]
    """

    masker: npt.NDArray[np.bool_]
    ja: int
    nee: int
    dtype: np.dtype[np.generic]

    def __len__(self) -> int:
        return len(self.masker)

    def uitschrijven(self) -> Array:
        """The values row by row: nee + masker * (ja - nee), two passes without branches (numpy's
        `where` mispredicts on a mixed mask and costs several times as much)."""
        try:
            stap, basis = self.dtype.type(self.ja - self.nee), self.dtype.type(self.nee)
        except OverflowError:  # values too far apart for the column's integer type
            return np.where(self.masker, np.array(self.ja, dtype=self.dtype), np.array(self.nee, dtype=self.dtype))
        r = self.masker.astype(self.dtype)
        r *= stap
        r += basis
        return r


class Kolom:
    """One attribute or kenmerk of every object of a table: `waarden` (numerators over `noemer`
    for numbers), `geldig` (False where leeg).

    The known facts save the engine a scan: `grens`, an upper bound of |waarden|; `vol`, whether
    no row is leeg; `constante`, the one numerator every row (filled or leeg) holds; `keuze`, the
    two numerators the rows choose between (then `waarden` is written out when first read). None
    is unknown; all are reset when the column is written."""

    def __init__(self, waarden: Array, geldig: npt.NDArray[np.bool_], noemer: int = 1, grens: int | None = None,
                 vol: bool | None = None, constante: int | None = None) -> None:
        self._waarden: Array | None = waarden
        self.keuze: Keuze | None = None
        self.geldig = geldig
        self.noemer = noemer
        self.grens = grens
        self.vol = vol
        self.constante = constante

    @property
    def waarden(self) -> Array:
        if self._waarden is None:
            assert self.keuze is not None
            self._waarden = self.keuze.uitschrijven()
        return self._waarden

    @waarden.setter
    def waarden(self, w: Array) -> None:
        self._waarden = w
        self.keuze = None

    def kies(self, keuze: Keuze) -> None:
        """Every row holds `keuze.ja` or `keuze.nee`: the values are written out when first read."""
        self._waarden = None
        self.keuze = keuze
        self.constante = None
        self.grens = max(abs(keuze.ja), abs(keuze.nee))

    def __len__(self) -> int:
        return len(self._waarden) if self._waarden is not None else len(self.geldig)

    def __repr__(self) -> str:
        return f"Kolom(noemer={self.noemer}, rijen={len(self)}, keuze={self.keuze is not None})"

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
    # The engine's CSR indexes of these facts (per role navigated), built by the first run that
    # navigates the feittype and reused by later runs over the same population (variants, a
    # comparison). Each is checked against the identity of `rijen` and the table sizes; the
    # arrays of a relation are not changed in place once a run has read them.
    indexen: dict[object, object] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class Populatie:
    tabellen: dict[str, Tabel]
    relaties: dict[str, Relatie]
