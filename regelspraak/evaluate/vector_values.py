"""Exact vector arithmetic for the vectorised engine: the leeg tables, rounding, comparisons and
dates of the reference interpreter, on whole columns at once.

A number vector is integer numerators `w` over one static denominator `d`. Numerators are int64
while the result provably fits (checked from the operands' largest magnitudes before each
multiplication); otherwise they become Python ints in an object array: exact, only slower.

>>> import numpy as np
>>> a = V("getal", np.array([7245, -7245]), np.array([True, True]), 1000)
>>> r = afronden(a, "rekenkundig", 2)
>>> r.w.tolist(), r.d
([725, -725], 100)
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from regelspraak.evaluate import maskers
from regelspraak.evaluate import vector_stukken as vs
from regelspraak.evaluate.columns import Keuze, Kolom
from regelspraak.values.fouten import Rekenfout

Bools = npt.NDArray[np.bool_]
# numpy arrays whose dtype depends on the data (int64, or object for very large exact integers).
Arr = npt.NDArray[Any]
_LIMIET = 2**62
_EPOCH = date(1970, 1, 1).toordinal()


@dataclass
class V:
    """A vector of values aligned with the rows of the current frame."""

    soort: str  # getal, datum, bool, enum, tekst, object
    w: Arr
    ok: Bools
    d: int = 1
    fout: Bools | None = field(default=None)  # rows where computing the value failed
    constante: object = None  # the Python value when every row holds the same literal
    identiek: bool = False  # objects: row i of the frame is row i of the table (the subject itself)
    grens: int | None = None  # a known upper bound of |w| (saves a scan before each multiplication)
    vol: bool | None = None  # known: every row is filled (no leeg), so masks can be skipped
    # The column these are the values of (read as they are, no gather): a bound scanned for the
    # vector is remembered there too, so the next rule reading the column does not scan again.
    bron: Any = field(default=None, compare=False, repr=False)
    # `w` is a fresh array that nothing else holds (an operation just made it, and no cache,
    # variable or column has it): the next operation may write its result into it instead of
    # allocating another column. Whoever keeps a vector (a cache, a column) clears this.
    eigen: bool = field(default=False, compare=False, repr=False)


    def __len__(self) -> int:
        return len(self.w)


class VKeuze(V):
    """A number vector whose rows hold one of two numerators (`keuze`, read from a column that two
    rules filled with one value each). `w` is written out only when an operation needs the rows
    (through the column, so every reader shares that one array); a scale by one value and a
    comparison with a column work on the two values instead.

    >>> from regelspraak.evaluate.columns import Keuze
    >>> k = VKeuze("getal", Keuze(np.array([True, False]), 7, 3, np.dtype(np.int64)), np.ones(2, dtype=bool), 1)
    >>> maal(k, V("getal", np.broadcast_to(np.int64(2), (2,)), np.ones(2, dtype=bool), vol=True)).keuze.ja
    14
    """

    def __init__(self, soort: str, keuze: Keuze, ok: Bools, d: int, fout: Bools | None = None,
                 vol: bool | None = None, kolom: Kolom | None = None) -> None:
        self.keuze = keuze
        self._kolom = kolom
        self._w: Arr | None = None
        super().__init__(soort, np.zeros(0, dtype=np.int64), ok, d, fout, grens=max(abs(keuze.ja), abs(keuze.nee)),
                         vol=vol)
        self._w = None

    @property
    def w(self) -> Arr:
        if self._w is None:
            kol = self._kolom
            self._w = kol.waarden if kol is not None and kol.keuze is self.keuze else self.keuze.uitschrijven()
        return self._w

    @w.setter
    def w(self, x: Arr) -> None:
        self._w = x

    def __len__(self) -> int:
        return len(self.keuze)

    def geschaald(self, f: int, d: int) -> VKeuze:
        """The two values times `f`, over denominator `d` (no pass over the rows)."""
        k = self.keuze
        return VKeuze(self.soort, Keuze(k.masker, k.ja * f, k.nee * f, k.dtype), self.ok, d, self.fout, self.vol)


def _maxabs(w: Arr) -> int:
    if len(w) == 0:
        return 0
    return int(max(abs(int(np.max(w))), abs(int(np.min(w)))))


def _safe_mul(a: Arr, b: Arr | int) -> Arr:
    """a * b exactly: int64 when it cannot overflow, else object (Python int) arrays."""
    mb = abs(b) if isinstance(b, int) else _maxabs(b)
    if a.dtype != object and (not isinstance(b, np.ndarray) or b.dtype != object) and _maxabs(a) * mb < _LIMIET:
        return a * b
    return a.astype(object) * (b.astype(object) if isinstance(b, np.ndarray) else b)


def _fits(w: Arr) -> Arr:
    """Back to int64 when an object array's values fit again (after rounding)."""
    if w.dtype == object and _maxabs(w) < _LIMIET:
        return w.astype(np.int64)
    return w


def grens(v: V) -> int:
    """An upper bound of |numerator|: known from how `v` was computed, or scanned once."""
    if v.grens is None:
        v.grens = _maxabs(np.asarray(v.w))
        if v.bron is not None and v.bron.grens is None and v.bron.waarden is v.w:
            v.bron.grens = v.grens
    return v.grens


def gevuld(v: V) -> bool:
    """Whether no row is leeg (computed once per vector)."""
    if v.vol is None:
        v.vol = alle_waar(v.ok)
    return v.vol


def alle_waar(b: Bools) -> bool:
    """`b.all()`, without a pass for a broadcast single value (numpy reduces a broadcast Boolean
    some forty times slower than a real column)."""
    if constant(b):
        return bool(b[0])
    return bool(np.all(b))


def ergens_waar(b: Bools) -> bool:
    """`b.any()`, without a pass for a broadcast single value (see `alle_waar`)."""
    if constant(b):
        return bool(b[0])
    return bool(np.any(b))


def constant(w: Arr) -> bool:
    """Whether `w` is one value broadcast over the rows (a literal, a parameter, a folded
    constant): operations on it then cost one element, not a column."""
    return w.ndim == 1 and len(w) > 1 and w.strides[0] == 0


def _vrij(v: V, x: Arr) -> bool:
    """Whether `x` is `v`'s own fresh int64 column, so a result may be written into it."""
    return (v.eigen and x is v.w and x.dtype == np.int64 and x.ndim == 1 and x.base is None
            and x.flags.writeable and x.flags.c_contiguous)


def _schaal(v: V, f: int) -> tuple[Arr, int]:
    """v.w * f exactly, and the bound of the result, without scanning when the bound is known."""
    if f == 1:
        return np.asarray(v.w), grens(v)
    g = grens(v) * f
    w = np.asarray(v.w)
    if constant(w):
        een = w[:1] * f if w.dtype != object and g < _LIMIET else w[:1].astype(object) * f
        return np.broadcast_to(een, w.shape), g
    if w.dtype != object and g < _LIMIET:
        return w * f, g
    return w.astype(object) * f, g


def _nul_als_leeg(v: V, w: Arr) -> Arr:
    if gevuld(v):
        return w
    if w.dtype.kind in "iu":
        return w * v.ok  # branch-free: numpy's where mispredicts on mixed masks
    return np.where(v.ok, w, 0)


def kies_twee(mask: Bools, ja: int, nee: int, dtype: np.dtype[Any]) -> Arr:
    """`np.where(mask, ja, nee)` for two single values: nee + mask * (ja - nee), two passes
    without branches (a lookup by mask converts the mask to indices first and costs ten times
    as much).

    >>> kies_twee(np.array([True, False, True]), 7, 3, np.dtype(np.int64)).tolist()
    [7, 3, 7]
    """
    try:
        stap, basis = dtype.type(ja - nee), dtype.type(nee)
    except OverflowError:  # values too far apart for the column's integer type
        return np.where(mask, np.array(ja, dtype=dtype), np.array(nee, dtype=dtype))
    r = np.asarray(mask, dtype=bool).astype(dtype)
    r *= stap
    r += basis
    return r


def kies(mask: Bools, ja: Arr, nee: Arr | int) -> Arr:
    """`np.where(mask, ja, nee)`, branch-free for integer and Boolean columns (numpy's where
    mispredicts on mixed masks and then costs several times an addition).

    >>> kies(np.array([True, False]), np.array([2**62, 5]), np.array([-2**62, 7])).tolist()
    [4611686018427387904, 7]
    """
    ja = np.asarray(ja)
    nee_a = np.asarray(nee)
    if constant(mask):
        return ja if bool(mask[0]) else np.broadcast_to(nee_a, mask.shape)
    if ja.dtype == bool and nee_a.dtype == bool:
        # Broadcast operands make numpy's Boolean loops slow: single values are folded first.
        if constant(ja) and not bool(ja[0]):
            if constant(nee_a):
                return maskers.niet(mask) if bool(nee_a[0]) else np.zeros(len(mask), dtype=bool)
            return np.greater(nee_a, mask, out=maskers.nieuw(len(mask)))  # nee & ~mask
        if constant(nee_a) and not bool(nee_a[0]):
            return maskers.en(mask, ja)
        return maskers.kies(mask, ja, nee_a)
    if ja.dtype.kind not in "iu" or nee_a.dtype.kind not in "iu":
        return np.where(mask, ja, nee_a)
    if constant(ja) and int(ja[0]) == 0 and nee_a.ndim == 1 and not constant(nee_a):
        # Zero where the mask holds (an initialisation to 0 of the leeg rows): one multiply, by
        # the mask's complement when one is known (the column's own validity).
        uit = np.empty(len(nee_a), dtype=np.result_type(ja, nee_a))
        return np.multiply(nee_a, maskers.niet(np.asarray(mask, dtype=bool)), out=uit, dtype=uit.dtype)
    # ja - nee may wrap around in int64; adding nee back makes every row exact again, since the
    # result is one of the two values.
    r = np.empty(len(mask), dtype=np.result_type(ja, nee_a))
    np.subtract(ja, nee_a, out=r, dtype=r.dtype)
    r *= mask
    r += nee_a
    return r


def fouten(*vs: V) -> Bools | None:
    """The rows where any of `vs` is a calculation error (None: none is)."""
    masks = [v.fout for v in vs if v.fout is not None]
    if not masks:
        return None
    out = masks[0].copy()
    for m in masks[1:]:
        out |= m
    return out


def common(a: V, b: V) -> tuple[Arr, Arr, int]:
    """Both numerators over their common denominator."""
    if a.d == b.d:
        return np.asarray(a.w), np.asarray(b.w), a.d
    d = math.lcm(a.d, b.d)
    return _schaal(a, d // a.d)[0], _schaal(b, d // b.d)[0], d


_ALLE: dict[int, Bools] = {}


def _alle(n: int) -> Bools:
    """All rows True, as a read-only broadcast (shared: it cannot be written)."""
    hit = _ALLE.get(n)
    if hit is None:
        if len(_ALLE) > 64:
            _ALLE.clear()
        hit = _ALLE[n] = np.broadcast_to(np.True_, (n,))
    return hit


def _geschaald(v: V, f: int) -> tuple[Arr, int, bool]:
    """`_schaal`, and whether the result is an array nothing else holds (so an operation may
    write its result into it): a fresh operand is scaled in place (it is consumed), a
    two-valued one is written out already scaled."""
    if f != 1 and isinstance(v, VKeuze) and v._w is None and v.grens is not None and v.grens * f < _LIMIET:
        k = v.keuze
        return Keuze(k.masker, k.ja * f, k.nee * f, k.dtype).uitschrijven(), v.grens * f, True
    w = np.asarray(v.w)
    if _vrij(v, w) and (f == 1 or grens(v) * f < _LIMIET):
        if f != 1:
            w *= f
        v.eigen = False  # consumed: its array is the caller's now
        return w, grens(v) * f, True
    x, g = _schaal(v, f)
    return x, g, f != 1 and x.dtype == np.int64 and not constant(x)


def _plus_keuze(a: V, b: V, fa: int, fb: int, teken: int) -> V | None:
    """`a plus/min b` where one side holds one of two values per row (`VKeuze`) and the other is
    (or becomes, when rescaled) a fresh array: the two values are added into that array, so the
    two-valued side is never written out. None when this does not apply."""
    if isinstance(a, VKeuze) == isinstance(b, VKeuze):
        return None
    k, o, fk, fo = (a, b, fa, fb) if isinstance(a, VKeuze) else (b, a, fb, fa)
    assert isinstance(k, VKeuze)
    if not gevuld(k) or k.grens is None or np.asarray(o.w).dtype != np.int64:
        return None
    gk = k.grens * fk
    if gk + grens(o) * fo >= _LIMIET:
        return None
    x, gx, vers = _geschaald(o, fo)
    if not gevuld(o):
        x, vers = _nul_als_leeg(o, x), True
    if not vers or constant(x):
        return None
    if k is a and teken == -1:  # keuze - x: negate x first
        np.negative(x, out=x)
    s = teken if k is b else 1
    ja, nee = k.keuze.ja * fk * s, k.keuze.nee * fk * s
    x += nee
    if ja != nee:
        vs.plus_op_masker(x, k.keuze.masker, ja - nee)
    return V("getal", x, _alle(len(x)), math.lcm(a.d, b.d), fouten(a, b), grens=gx + gk, vol=True, eigen=True)


def plus(a: V, b: V, teken: int = 1) -> V:
    """`plus` / `min`: leeg counts as 0, so the result is never leeg."""
    d = math.lcm(a.d, b.d)
    snel = _plus_keuze(a, b, d // a.d, d // b.d, teken)
    if snel is not None:
        return snel
    (x, gx, vx), (y, gy, vy) = _geschaald(a, d // a.d), _geschaald(b, d // b.d)
    x2, y2 = _nul_als_leeg(a, x), _nul_als_leeg(b, y)
    vx, vy = vx or x2 is not x, vy or y2 is not y
    x, y = x2, y2
    if x.dtype != y.dtype:
        x, y = x.astype(object), y.astype(object)
    g = gx + gy
    op = np.add if teken == 1 else np.subtract
    if g < _LIMIET and x.dtype == np.int64 and y.dtype == np.int64 and (vx or vy):
        w = op(x, y, out=x if vx else y)  # into a fresh operand: no new column
        return V("getal", w, _alle(len(w)), d, fouten(a, b), grens=g, vol=True, eigen=True)
    if x.dtype == np.int64 and y.dtype == np.int64 and x.shape == y.shape and not (constant(x) and constant(y)):
        w = op(x, y, out=np.empty(len(x), dtype=x.dtype))
    else:
        w = op(x, y)
    if w.dtype != object and g >= _LIMIET:
        w = (x.astype(object) + y) if teken == 1 else (x.astype(object) - y)
    return V("getal", w, _alle(len(w)), d, fouten(a, b), grens=g, vol=True, eigen=not constant(w))


def verminderd_met(a: V, b: V) -> V:
    """L leeg -> leeg; R leeg -> L."""
    d = math.lcm(a.d, b.d)
    (x, gx), (y, gy) = _schaal(a, d // a.d), _schaal(b, d // b.d)
    y = _nul_als_leeg(b, y)
    if x.dtype != y.dtype or gx + gy >= _LIMIET:
        x, y = x.astype(object), y.astype(object)
    return V("getal", x - y, a.ok, d, fouten(a, b), grens=gx + gy, vol=a.vol)


def maal(a: V, b: V, extra_noemer: int = 1) -> V:
    """`maal` and `P van X` (extra_noemer 100): leeg counts as 0, result never leeg.

    A factor that is one filled value for every row (`50% van`, `12 maal`) is reduced with the
    denominator first: `50% van X` is X over 2, which needs no pass over X at all."""
    for kolom, vast in ((a, b), (b, a)):
        if isinstance(vast, VKeuze):
            continue  # two values are no single factor
        w_vast = np.asarray(vast.w)
        if (isinstance(kolom, VKeuze) and constant(w_vast) and w_vast.dtype != object and gevuld(vast)
                and gevuld(kolom)):
            factor = Fraction(int(w_vast[0]), vast.d * extra_noemer)
            if grens(kolom) * abs(factor.numerator) < _LIMIET:  # both values still fit the column type
                uit = kolom.geschaald(factor.numerator, kolom.d * factor.denominator)
                uit.fout = fouten(a, b)
                return uit

        if constant(w_vast) and w_vast.dtype != object and gevuld(vast) and np.asarray(kolom.w).dtype != object:
            factor = Fraction(int(w_vast[0]), vast.d * extra_noemer)
            x = _nul_als_leeg(kolom, np.asarray(kolom.w))
            vers = x is not kolom.w or kolom.eigen  # nothing else holds x
            g = grens(kolom) * abs(factor.numerator)
            if factor.numerator != 1:
                if g < _LIMIET and _vrij(kolom, x):
                    x *= factor.numerator
                else:
                    x = x * factor.numerator if g < _LIMIET else x.astype(object) * factor.numerator
                    vers = True
            if x is kolom.w:
                kolom.eigen = False  # its array is passed on (scaled in place, or as it is)
            return V("getal", x, _alle(len(x)), kolom.d * factor.denominator, fouten(a, b), grens=g, vol=True,
                     eigen=vers and not constant(x))
    x = _nul_als_leeg(a, np.asarray(a.w))
    y = _nul_als_leeg(b, np.asarray(b.w))
    g = grens(a) * grens(b)
    if x.dtype != object and y.dtype != object and g < _LIMIET:
        w = x * y
    else:
        w = x.astype(object) * y.astype(object)
    return V("getal", w, _alle(len(w)), a.d * b.d * extra_noemer, fouten(a, b), grens=g, vol=True,
             eigen=not constant(w))


def gedeeld_door_scalar(a: V, teller: int, noemer: int) -> V:
    """a / (teller/noemer) for a divisor that is the same for every row (a literal or parameter)."""
    if teller == 0:
        raise Rekenfout("deling door nul")
    f = noemer * (-1 if teller < 0 else 1)
    w = _nul_als_leeg(a, np.asarray(a.w))
    g = grens(a) * abs(f)
    w = w if f == 1 else (w * f if w.dtype != object and g < _LIMIET else w.astype(object) * f)
    return V("getal", w, _alle(len(w)), a.d * abs(teller), a.fout, grens=g, vol=True)


def vermenigvuldig_scalar(a: V, teller: int, noemer: int) -> V:
    """a * (teller/noemer), keeping leeg as leeg (a unit conversion, not an operator)."""
    w, g = _schaal(a, abs(teller))
    return V("getal", -w if teller < 0 else w, a.ok, a.d * noemer, a.fout, grens=g, vol=a.vol)


def absoluut(a: V) -> V:
    return V("getal", np.abs(a.w), a.ok, a.d, a.fout)


def _div(num: Arr, d: int, modus: str, grens_: int | None = None) -> Arr:
    """num / d rounded to an integer in one of the five modes (d > 0). With `grens_`, a known
    bound of |num|, int64 numerators are rounded branch-free in one floor division: the mode
    is an offset added first, chosen per row by the sign bit (num >> 63 is -1 for a negative
    numerator, 0 otherwise), so no scan for the sign and no select is needed.

    >>> [_div(np.array([-5, -3, 3, 5]), 2, m, 5).tolist() for m in ("rekenkundig", "richting nul", "weg van nul")]
    [[-3, -2, 2, 3], [-2, -1, 1, 2], [-3, -2, 2, 3]]
    """
    if num.dtype != object and d >= _LIMIET:  # a denominator past int64: exact Python ints
        num = num.astype(object)
    if num.dtype != object and grens_ is not None and grens_ + d < _LIMIET and modus != "naar beneden":
        return _div_zonder_sprong(num, d, modus)
    if modus == "naar beneden":
        return num // d
    if modus == "naar boven":
        return -((-num) // d)
    if len(num) and num.dtype != object and d < _LIMIET and int(num.min()) >= 0 and int(num.max()) < _LIMIET:
        # No negative numerators (amounts, counts): the sign handling is not needed.
        if modus == "richting nul":
            return num // d
        return (num + (d - 1 if modus == "weg van nul" else d // 2)) // d
    if num.dtype != object and len(num) and 2 * _maxabs(num) + 2 * d >= 2**63:
        num = num.astype(object)  # 2 * |num| + d below would wrap around in int64
    sign = np.where(num < 0, -1, 1)
    mag = np.abs(num)
    if modus == "richting nul":
        q = mag // d
    elif modus == "weg van nul":
        q = -((-mag) // d)
    else:  # rekenkundig: half away from zero
        q = (2 * mag + d) // (2 * d)
    return sign * q


def _div_zonder_sprong(num: Arr, d: int, modus: str) -> Arr:
    """`_div` for int64 numerators with |num| + d < 2**62: floor((num + offset) / d), where the
    offset makes the floor round as the mode says (for rekenkundig with an even d, a negative
    tie must go down: half away from zero, so its offset is one less)."""
    if modus == "naar boven":
        r = num + (d - 1)
    elif modus == "rekenkundig" and d % 2:
        r = num + d // 2  # an odd denominator has no ties: the sign does not matter
    else:
        r = num >> 63  # -1 for a negative numerator, 0 otherwise
        if modus == "rekenkundig":  # (d/2 - 1) for a negative numerator, d/2 otherwise
            r += d // 2
        elif modus == "richting nul":  # (d - 1) for a negative numerator, 0 otherwise
            r &= d - 1
        else:  # weg van nul: 0 for a negative numerator, (d - 1) otherwise
            np.invert(r, out=r)
            r &= d - 1
        r += num
    r //= d
    return r


def afronden(a: V, modus: str, decimalen: int) -> V:
    schaal_ = 10**decimalen
    # w/d on the scale 10**dec is (w * 10**dec/k) / (d/k) with k their common divisor: a value
    # with 5 decimals rounded to 2 is one division, without first multiplying by 100.
    k = math.gcd(schaal_, a.d)
    num, g = _schaal(a, schaal_ // k)
    deler = a.d // k
    if deler == 1:
        return V("getal", _fits(num), a.ok, schaal_, a.fout, grens=g, vol=a.vol)
    if _vrij(a, num) and g + deler < _LIMIET and (modus in ("naar beneden", "naar boven")
                                                   or (modus == "rekenkundig" and deler % 2)):
        # Into the fresh numerators themselves: one offset and one floor division, in place.
        if modus != "naar beneden":
            num += deler - 1 if modus == "naar boven" else deler // 2
        num //= deler
        a.eigen = False  # its array now holds the rounded values
        return V("getal", num, a.ok, schaal_, a.fout, grens=g // deler + 1, vol=a.vol, eigen=True)
    w = _fits(_div(num, deler, modus, g))
    return V("getal", w, a.ok, schaal_, a.fout, grens=g // deler + 1, vol=a.vol,
             eigen=w is not num and w.dtype == np.int64 and not constant(w))


def begrens(a: V, lo: V | None, hi: V | None) -> V:
    """Bound first the minimum, then the maximum; a leeg bound does not apply."""
    out = a
    for grens_, kant in ((lo, np.maximum), (hi, np.minimum)):
        if grens_ is None:
            continue
        d = math.lcm(out.d, grens_.d)
        (x, gx), (y, gy) = _schaal(out, d // out.d), _schaal(grens_, d // grens_.d)
        if x.dtype != y.dtype:
            x, y = x.astype(object), y.astype(object)
        beide = gevuld(grens_) and gevuld(out)
        if beide and _vrij(out, x) and y.dtype == np.int64:
            w = kant(x, y, out=x)  # into the fresh value itself: no new column
            out.eigen = False
        else:
            w = kant(x, y) if beide else kies(grens_.ok & out.ok, kant(x, y), x)
        w = _fits(w)
        out = V("getal", w, out.ok, d, fouten(out, grens_), grens=max(gx, gy), vol=out.vol,
                eigen=w.dtype == np.int64 and not constant(w) and (w is not a.w or w is x))
    if lo is not None and hi is not None:
        x, y, _ = common(lo, hi)
        if np.any(lo.ok & hi.ok & (x > y) & a.ok):
            raise Rekenfout("het minimum is groter dan het maximum")
    return out


_CMP = {
    "groter": np.greater, "groter_gelijk": np.greater_equal, "kleiner": np.less, "kleiner_gelijk": np.less_equal,
    "eerder": np.less, "eerder_gelijk": np.less_equal, "later": np.greater, "later_gelijk": np.greater_equal,
}


_OMGEKEERD = {"groter": "kleiner", "groter_gelijk": "kleiner_gelijk", "kleiner": "groter",
              "kleiner_gelijk": "groter_gelijk", "gelijk": "gelijk", "ongelijk": "ongelijk"}


def _tegen_constante(op: str, a: V, b: V) -> Bools | None:
    """`a op b` for numbers where one side is a single filled value on another denominator:
    the constant is brought to the column's scale (rounded the way the comparison needs), so
    the column is not multiplied for every row. None when this does not apply.

    >>> k = V("getal", np.array([23, 24, 25]), np.ones(3, dtype=bool), 1)
    >>> c = V("getal", np.broadcast_to(np.int64(2400), (3,)), np.ones(3, dtype=bool), 100, vol=True)
    >>> _tegen_constante("groter_gelijk", k, c).tolist(), _tegen_constante("kleiner", c, k).tolist()
    ([False, True, True], [False, False, True])
    """
    if a.d == b.d or op not in _OMGEKEERD:
        return None
    if not (constant(np.asarray(b.w)) and gevuld(b)):
        if not (constant(np.asarray(a.w)) and gevuld(a)):
            return None
        a, b, op = b, a, _OMGEKEERD[op]
    c = np.asarray(b.w)
    if c.dtype.kind not in "iu":
        return None
    return _tegen_waarde(op, a, int(c[0]), b.d)


def _tegen_waarde(op: str, a: V, teller: int, noemer: int) -> Bools | None:
    """`a op teller/noemer` for every row of the number vector `a`, on `a`'s own scale (no pass
    to rescale the column); None when `a` holds no int64 numerators or the value does not fit."""
    w = np.asarray(a.w)
    if w.dtype.kind not in "iu":
        return None
    q = Fraction(teller * a.d, noemer)  # the value on the column's denominator
    omlaag, omhoog = q.numerator // q.denominator, -((-q.numerator) // q.denominator)
    if max(abs(omlaag), abs(omhoog)) >= _LIMIET:
        return None
    if q.denominator != 1 and op in ("gelijk", "ongelijk"):  # no integer numerator equals q
        return np.full(len(w), op == "ongelijk", dtype=bool)
    # For integer w: w > q iff w > floor(q), w >= q iff w >= ceil(q), w < q iff w < ceil(q),
    # w <= q iff w <= floor(q).
    grenswaarde = omhoog if op in ("groter_gelijk", "kleiner") else omlaag
    uit = maskers.nieuw(len(w))
    if op in ("gelijk", "ongelijk"):
        return np.equal(w, grenswaarde, out=uit) if op == "gelijk" else np.not_equal(w, grenswaarde, out=uit)
    return _CMP[op](w, grenswaarde, out=uit)


def _tegen_keuze(op: str, a: V, b: V) -> Bools | None:
    """`a op b` for numbers where exactly one side holds one of two values per row (`VKeuze`):
    the other side is compared with each value on its own scale, and the mask picks (two
    comparisons and a Boolean select instead of writing out and rescaling the two-valued side).
    None when this does not apply."""
    if isinstance(a, VKeuze) == isinstance(b, VKeuze) or op not in _OMGEKEERD:
        return None
    if isinstance(a, VKeuze):
        a, b, op = b, a, _OMGEKEERD[op]
    assert isinstance(b, VKeuze)
    k = b.keuze
    ja = _tegen_waarde(op, a, k.ja, b.d)
    nee = _tegen_waarde(op, a, k.nee, b.d) if ja is not None else None
    if ja is None or nee is None:
        return None
    # (masker & ja) | (nee & ~masker), into the two fresh comparisons (nee & ~masker is nee > masker)
    np.logical_and(ja, k.masker, out=ja)
    np.greater(nee, k.masker, out=nee)
    ja |= nee
    return ja


def vergelijk(op: str, a: V, b: V, soort: str) -> Bools:
    """Predicates with the leeg table: one side leeg -> onwaar (ongelijk: waar); both leeg ->
    onwaar for numbers; an error for dates and other types (gelijk/eerder/later)."""
    hit: Bools | None = None
    if a.soort == "getal" and b.soort == "getal":
        hit = _tegen_keuze(op, a, b)
        if hit is None:
            hit = _tegen_constante(op, a, b)
    if hit is None:  # row by row, on a common scale
        x, y = common(a, b)[:2] if a.soort == "getal" and b.soort == "getal" else (a.w, b.w)
        if x.dtype.kind in "iub" and y.dtype.kind in "iub" and op in _CMP and x.shape == y.shape and x.ndim == 1:
            hit = _CMP[op](x, y, out=maskers.nieuw(len(x)))
        else:
            hit = np.asarray(x == y if op == "gelijk" else x != y if op == "ongelijk" else _CMP[op](x, y),
                             dtype=bool)
    if gevuld(a) and gevuld(b):  # no leeg on either side: the comparison itself
        return hit
    beide = maskers.en(a.ok, b.ok)
    if soort != "numeriek" and op != "ongelijk" and np.any(~a.ok & ~b.ok):
        raise Rekenfout("twee lege waarden vergeleken")
    if op == "ongelijk":
        return (beide & hit) | (a.ok ^ b.ok)
    if hit.shape == beide.shape and hit.flags.writeable and not constant(hit):
        return np.logical_and(hit, beide, out=hit)  # the comparison is fresh: no new mask
    return beide & hit


# ---------------------------------------------------------------- dates (int32 day ordinals)


class _Kalender:
    """The calendar parts of one column of day ordinals, computed when first asked for.
    Columns of dates span a few centuries at most, so each part is computed once per distinct
    day of the column's range and looked up; otherwise directly (the civil-from-days algorithm
    in integers: numpy's datetime64 conversions are several times slower)."""

    def __init__(self, o: Arr) -> None:
        self.o = o
        w = np.asarray(o, dtype=np.int64)
        lo, hi = (int(w.min()), int(w.max())) if len(w) else (0, 0)
        self.tabel: tuple[Arr, Arr, Arr] | None = None
        self.plek: Arr | None = None
        if len(w) > 64 and hi - lo < max(len(w) // 4, 4096):
            self.tabel = _ymd_bereken(np.arange(lo, hi + 1, dtype=np.int64))
            self.plek = w - lo
            self.delen: tuple[Arr, Arr, Arr] | None = None
        else:
            self.delen = _ymd_bereken(w)
        self._gelezen: dict[int, Arr] = {}

    def deel(self, k: int) -> Arr:
        """0 year, 1 month, 2 day."""
        if self.delen is not None:
            return self.delen[k]
        if k not in self._gelezen:
            assert self.tabel is not None and self.plek is not None
            self._gelezen[k] = self.tabel[k][self.plek]
        return self._gelezen[k]

    def grens(self, k: int) -> int:
        """An upper bound of |part| (for the overflow checks of later arithmetic)."""
        if k:
            return 31 if k == 2 else 12
        jaren = self.tabel[0] if self.tabel is not None else self.deel(0)
        return _maxabs(jaren)


# The last few columns decomposed: `het jaar uit` and `de maand uit` of the same column share it.
_KALENDERS: dict[int, _Kalender] = {}


_KALENDERS_SLOT = threading.Lock()  # rules on other threads decompose other columns meanwhile


def _kalender(o: Arr) -> _Kalender:
    with _KALENDERS_SLOT:
        hit = _KALENDERS.get(id(o))
        if hit is not None and hit.o is o:
            return hit
    nieuw = _Kalender(o)
    with _KALENDERS_SLOT:
        while len(_KALENDERS) >= 4:
            _KALENDERS.pop(next(iter(_KALENDERS)))
        _KALENDERS[id(o)] = nieuw
    return nieuw


def _ymd(o: Arr) -> tuple[Arr, Arr, Arr]:
    """(year, month, day) of proleptic-Gregorian ordinals."""
    k = _kalender(o)
    return k.deel(0), k.deel(1), k.deel(2)


def _ymd_bereken(o: Arr) -> tuple[Arr, Arr, Arr]:
    z = np.asarray(o, dtype=np.int64) - 1 + 306  # days since 0000-03-01 (ordinal 1 is 0001-01-01)
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = np.where(mp < 10, mp + 3, mp - 9)
    y = yoe + era * 400 + (m <= 2)
    return y, m, d


def _ordinal(y: Arr, m: Arr, d: Arr) -> Arr:
    """The inverse of `_ymd`."""
    y = y - (m <= 2)
    era = y // 400
    yoe = y - era * 400
    doy = (153 * np.where(m > 2, m - 3, m + 9) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 306 + 1


def _days_in_month(y: Arr, m: Arr) -> Arr:
    volgend_j = np.where(m == 12, y + 1, y)
    volgend_m = np.where(m == 12, 1, m + 1)
    return _ordinal(volgend_j, volgend_m, np.ones_like(m)) - _ordinal(y, m, np.ones_like(m))


def _hele_maanden(o1: Arr, o2: Arr) -> Arr:
    """Largest n with o1 + n months <= o2 (o1 <= o2), months clamped to the month end."""
    y1, m1, d1 = _ymd(o1)
    y2, m2, d2 = _ymd(o2)
    n = (y2 - y1) * 12 + (m2 - m1)
    landing = np.minimum(d1, _days_in_month(y2, m2))
    return np.where(landing > d2, n - 1, n)


def tijdsduur(a: V, b: V, eenheid: str, absoluut_: bool) -> V:
    ok = a.ok & b.ok
    o1 = np.where(ok, a.w, _EPOCH).astype(np.int64)
    o2 = np.where(ok, b.w, _EPOCH).astype(np.int64)
    if eenheid == "dagen":
        r = o2 - o1
    else:
        lo, hi = np.minimum(o1, o2), np.maximum(o1, o2)
        mnd = _hele_maanden(lo, hi)
        mag = mnd if eenheid == "maanden" else mnd // 12
        r = np.where(o1 <= o2, mag, -mag)
    if absoluut_:
        r = np.abs(r)
    return V("getal", r.astype(np.int64), ok, 1, fouten(a, b))


def plus_duur(a: V, n: V, eenheid: str, teken: int) -> V:
    """Date plus/min a whole number of dg, wk, mnd, kw or jr (leeg duration counts as 0)."""
    if np.any(n.ok & (np.asarray(n.w) % n.d != 0)):
        raise Rekenfout("een duur bij een datum moet een geheel getal zijn")
    if not np.any(a.ok):  # an optional date nobody has (a law model's start and end dates): no calendar work
        return V("datum", np.zeros(len(a), dtype=np.int64), a.ok.copy(), 1, fouten(a, n))
    k = np.where(n.ok, np.asarray(n.w) // n.d, 0).astype(np.int64) * teken
    o = np.where(a.ok, a.w, _EPOCH).astype(np.int64)
    if eenheid in ("dg", "wk"):
        r = o + k * (7 if eenheid == "wk" else 1)
    else:
        maanden = k * {"mnd": 1, "kw": 3, "jr": 12}[eenheid]
        lo, hi = (int(o.min()), int(o.max())) if len(o) else (0, 0)
        if n.constante is not None and len(o) > 64 and hi - lo < max(len(o) // 4, 4096):
            # a fixed duration (`zijn geboortedatum plus 18 jr`): once per day of the dates' range, then looked up
            r = _plus_maanden(np.arange(lo, hi + 1, dtype=np.int64), maanden[:1])[o - lo]
        else:
            r = _plus_maanden(o, maanden)
    return V("datum", r.astype(np.int64), a.ok.copy(), 1, fouten(a, n))


def _plus_maanden(o: Arr, maanden: Arr) -> Arr:
    """Ordinals plus a number of months, the day clamped to the month's end (31-1 plus 1 mnd: 28/29-2)."""
    y, m, d = _ymd(o) if len(o) else (o, o, o)
    t = (y * 12 + (m - 1)) + maanden
    ty, tm = t // 12, t % 12 + 1
    td = np.minimum(d, _days_in_month(ty, tm))
    return _ordinal(ty, tm, td)


def datumdeel(a: V, deel: str) -> V:
    if isinstance(a.constante, date):  # e.g. the rekendatum: decompose once, not per row
        c = {"dag": a.constante.day, "maand": a.constante.month, "jaar": a.constante.year}[deel]
        return V("getal", np.broadcast_to(np.int64(c), (len(a),)), a.ok, 1, a.fout, constante=c)
    k = {"jaar": 0, "maand": 1, "dag": 2}[deel]
    kal = _kalender(a.w)  # a leeg row holds some day number; its result is leeg by `a.ok`
    return V("getal", np.asarray(kal.deel(k), dtype=np.int64), a.ok, 1, a.fout, grens=kal.grens(k), vol=a.vol)
