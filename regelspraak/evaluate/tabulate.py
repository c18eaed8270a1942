"""Per distinct value: an expression whose only varying input is one column with few distinct
values is computed once per value and looked up per row.

`de meerderjarigheidsmaand is 12 maal (het jaar uit zijn geboortedatum plus 18) plus de maand uit
zijn geboortedatum` over a million persons has some 30,000 distinct birth dates: computing it for
the dates of the column's range and gathering the result by day number replaces five passes over
the column with one. The same holds for ages from a birth date (`de tijdsduur van … tot de
Rekendatum`), enumerations and small counts. Exactness is unchanged: the expression runs through
the same column code, on a frame whose rows are the distinct values (plus one leeg row).

>>> import numpy as np
>>> from regelspraak.evaluate.columns import Kolom
>>> d = domein(Kolom(np.array([7, 9, 7, 8, 9, 7, 8, 9]), np.ones(8, dtype=bool)), 8, drempel=1)
>>> d.waarden.tolist(), d.plek.tolist()
([7, 8, 9], [0, 2, 0, 1, 2, 0, 1, 2])
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import numpy.typing as npt

from regelspraak.evaluate import vector_values as vv
from regelspraak.evaluate.columns import Kolom
from regelspraak.model import ir
from regelspraak.model.order import walk_expr

Ints = npt.NDArray[np.int64]

# The operations whose cost a lookup saves; reading literals, parameters and the subject is free.
_BEWERKINGEN = (ir.Rekenkunde, ir.Afronden, ir.Begrenzen, ir.Absoluut, ir.DatumDeel, ir.Tijdsduur, ir.DatumPlus,
                ir.Vergelijk, ir.LeegTest, ir.Samengesteld)
_VRIJ = (ir.Literal, ir.ParameterRef, ir.RekendatumRef, ir.Onderwerp)


def _knopen(x: ir.Expr | ir.Conditie, definities: dict[str, ir.Expr], diepte: int = 0) -> Iterator[object]:
    """Every node below `x`, reading through the rule's variables to their definitions."""
    for node in walk_expr(x):
        if isinstance(node, ir.VariabeleRef) and node.naam in definities and diepte < 32:
            yield from _knopen(definities[node.naam], definities, diepte + 1)
        else:
            yield node


def enkele_kolom(x: ir.Expr | ir.Conditie, definities: dict[str, ir.Expr]) -> ir.Attribuut | None:
    """The one attribute of the subject that `x` reads (directly or through the rule's variables),
    when nothing else in `x` varies per row and `x` does at least two operations with it (one
    operation gains nothing from a lookup)."""
    attr: ir.Attribuut | None = None
    bewerkingen = 0
    for node in _knopen(x, definities):
        if isinstance(node, ir.AttribuutLezen):
            if not isinstance(node.van, ir.Onderwerp) or node.van.meervoudig or node.meervoudig:
                return None
            if attr is not None and (attr.objecttype, attr.naam) != (node.attribuut.objecttype, node.attribuut.naam):
                return None
            attr = node.attribuut
        elif isinstance(node, _BEWERKINGEN):
            bewerkingen += 1
        elif isinstance(node, ir.Aggregeren) and node.collectie is None:
            bewerkingen += 1  # `de som van A en B`, written as a list
        elif not isinstance(node, _VRIJ) or (isinstance(node, ir.Onderwerp) and node.meervoudig):
            return None
    if attr is None or bewerkingen < 2:
        return None
    return attr if attr.type.soort in ("datum", "enumeratie", "numeriek", "percentage") else None


class Domein:
    """The distinct values of one column as a range, and for every row its place in it."""

    def __init__(self, waarden: Ints, geldig: npt.NDArray[np.bool_], kol_waarden: npt.NDArray[np.generic],
                 kol_geldig: npt.NDArray[np.bool_], lo: int, vol: bool) -> None:
        self.waarden = waarden  # lo, lo+1, …, hi, and (if some row is leeg) a last entry standing for leeg
        self.geldig = geldig  # True except for that last entry
        self.bron: tuple[object, object] = (kol_waarden, kol_geldig)  # the column's arrays (identity check)
        self.lo = lo
        self.vol = vol  # no row of the column is leeg (then there is no leeg entry)
        self._plek: Ints | None = None

    @property
    def plek(self) -> Ints:
        """Per row of the column: its value - lo, or the leeg entry. Built when a lookup first
        needs it (a Boolean result usually becomes a comparison instead: `opzoeken_bool`)."""
        if self._plek is None:
            w, geldig = self.bron
            plek = np.asarray(w, dtype=np.int64) - self.lo
            if not self.vol:
                plek = vv.kies(np.asarray(geldig, dtype=bool), plek, len(self.waarden) - 1)
            self._plek = plek
        return self._plek


# A column qualifies when its range has at most a quarter as many values as it has rows. Tests set
# ALTIJD_TOT to tabulate small cases too (any range up to that many values).
DREMPEL = 4
ALTIJD_TOT = 0
# A Boolean table with at most this many changes along the range is read as comparisons.
WISSELS = 2


def domein(kol: Kolom, n: int, drempel: int = DREMPEL) -> Domein | None:
    """The range of the column's numerators, when it has at most n / drempel values; else None."""
    w = np.asarray(kol.waarden)
    if len(w) == 0 or w.dtype == object or w.dtype.kind not in "iu":
        return None
    if _een_waarde(w):  # one value broadcast over every row (an input nobody gave): no pass over the rows
        lo = hi = int(w[0])
    else:
        lo, hi = int(w.min()), int(w.max())  # leeg rows may hold anything: then the range is just wider
    breedte = hi - lo + 1
    if (breedte + 1) * drempel > n and breedte + 1 > ALTIJD_TOT:
        return None
    # A leeg entry only when some row is leeg: an expression may not be defined for leeg at all
    # (two leeg dates compared), and then the lookup would be refused for no row's sake.
    vol = kol.is_vol()
    waarden = np.arange(lo, hi + 1 + (not vol), dtype=np.int64)
    geldig = np.ones(len(waarden), dtype=bool)
    if not vol:
        waarden[-1] = 0
        geldig[-1] = False
    return Domein(waarden.astype(w.dtype), geldig, kol.waarden, kol.geldig, lo, vol)


def opzoeken_bool(tabel: npt.NDArray[np.bool_], dom: Domein) -> npt.NDArray[np.bool_]:
    """`tabel[dom.plek]`, the Boolean per row for a Boolean per distinct value. A table that
    changes at most twice along the range (a threshold, one band: `meerderjarig`, one enumeration
    value) is read as one or two comparisons on the column itself, with no place index and no
    gather; leeg rows get the leeg entry's value. A column of one broadcast value gives one
    read-only broadcast Boolean (`maskers.constant`), which callers must not write into.

    >>> k = Kolom(np.array([3, 5, 4, 9, 5]), np.array([True, True, True, True, False]))
    >>> d = domein(k, 100, drempel=1)
    >>> t = np.array([False, False, True, True, False, False, False, True])  # 3..9, then leeg
    >>> opzoeken_bool(t, d).tolist() == t[d.plek].tolist() == [False, True, False, False, True]
    True
    """
    tabel = np.asarray(tabel, dtype=bool)
    breedte = len(dom.waarden) - (0 if dom.vol else 1)
    t = tabel[:breedte]
    wissel = np.flatnonzero(t[1:] != t[:-1]) + 1  # places where the value changes
    if len(wissel) > WISSELS:
        return tabel[dom.plek]
    w, geldig = dom.bron
    w = np.asarray(w)
    g = np.asarray(geldig, dtype=bool)
    if _een_waarde(w) and (dom.vol or _een_waarde(g)):
        # Every row holds the same (a column no one gave, leeg everywhere): the same Boolean for every
        # row, kept as one read-only value, so the engine's conjunctions skip it instead of combining
        # a column of it (vectorize.Engine._samen).
        return np.broadcast_to(np.bool_(tabel[0] if dom.vol or bool(g[0]) else tabel[-1]), w.shape)
    if len(wissel) == 0:
        r = np.full(len(w), bool(t[0]), dtype=bool)
    else:
        # The rows in the band [lo + wissel[0], lo + wissel[1]) hold the band's value, the rest the other.
        band = w >= dom.lo + int(wissel[0])
        if len(wissel) == 2:
            band &= w < dom.lo + int(wissel[1])
        r = band if bool(t[wissel[0]]) else ~band
    if not dom.vol:
        r = (r | ~g) if bool(tabel[-1]) else (r & g)
    return r


def _een_waarde(a: npt.NDArray[np.generic]) -> bool:
    """Whether `a` is one value broadcast over its rows (stride 0), so it holds one value without a scan;
    as `maskers.constant`, from two rows on (a one-row result stays an array the caller may write into)."""
    return a.ndim == 1 and len(a) > 1 and a.strides[0] == 0
