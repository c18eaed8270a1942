"""What an encoded value is: `Val` (a z3 term, its leeg flag, when evaluating it fails), the
object slots of the world around the subject (`Slot`, `Coll`), and one rule version evaluated for
one subject (`Frame`, `Toepassing`).

Numbers are kept as an Int numerator over a constant denominator where the rules allow, so z3
decides them in integer arithmetic (see the comment at `als_getal`); kenmerken and Booleans are
Bools, dates Int day numbers, enumerations and texts Int codes. The helpers here build values,
combine z3 Booleans with constant folding (`_en`, `_of`, `_niet`), and choose between values
(`_kies`); the operators of the language on values are in `operators`.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import z3

from regelspraak.model import ir

Z = Any  # a z3 term; z3 ships without type information


# ---------------------------------------------------------------- values and slots

ONWAAR = z3.BoolVal(False)
WAAR = z3.BoolVal(True)


@dataclass(eq=False)
class Slot:
    """One object in the tree-shaped world around the subject."""

    id: str
    type: str
    bestaat: Z
    diepte: int
    ouder: Slot | None = None
    via: tuple[str, int] | None = None  # (feittype, role index) navigated from the parent
    kinderen: dict[tuple[str, int], list[Slot]] = field(default_factory=dict)
    invoer: dict[str, tuple[Val, ir.Type]] = field(default_factory=dict)  # input attributes read
    invoer_kenmerken: dict[str, Z] = field(default_factory=dict)


@dataclass(eq=False)
class Coll:
    """An abstract collection (over-approximation): only its size and facts true in every world."""

    key: str
    slot: Slot
    basis: Coll | None = None  # a subselection or attribute list of this collection
    bevat_ouder: bool = False  # the object we came from is a member
    attribuut: ir.Attribuut | None = None  # a list of this attribute of the members


@dataclass(frozen=True, eq=False)
class Val:
    """An encoded value: its kind, the z3 term, whether it is leeg, and when evaluating it fails."""

    soort: str  # getal, datum, enum, tekst, bool, object, lijst, leeg
    w: Z = None
    leeg: Z = ONWAAR
    fout: Z = ONWAAR
    slot: Slot | None = None
    items: tuple[tuple[Z, Val], ...] = ()
    coll: Coll | None = None
    n: Z = None  # numbers: Int numerator (value n/d), or None when only the Real `w` is known
    d: int = 1


@dataclass(eq=False)
class Frame:
    """One rule version evaluated for one subject slot (variables cached per frame)."""

    onderwerp: Slot
    versie: ir.Versie
    elementen: tuple[Val, ...] = ()
    variabelen: dict[str, Val] = field(default_factory=dict)

    def met(self, element: Val) -> Frame:
        return Frame(self.onderwerp, self.versie, (*self.elementen, element), self.variabelen)


@dataclass(frozen=True)
class Toepassing:
    """A rule result applied to a slot: when it fires, the value it writes, when it fails."""

    vuurt: Z
    waarde: Val | None
    fout: Z
    doel: Slot | None
    bereikt: Z = ONWAAR  # the condition holds without error (the value is then evaluated)
    decimalen: Z = ONWAAR  # the value has more decimals than the target allows (RS106)


def skey(x: object) -> str:
    """A structural key of an IR node that ignores where it was written."""
    if isinstance(x, tuple):
        return "(" + ",".join(skey(i) for i in x) + ")"
    if isinstance(x, ir.Attribuut):
        return f"A:{x.objecttype}.{x.naam.lower()}"
    if isinstance(x, ir.Kenmerk):
        return f"K:{x.objecttype}.{x.naam.lower()}"
    if isinstance(x, ir.Rol):
        return f"R:{x.feittype}.{x.index}"
    if isinstance(x, ir.Type):
        return ""
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        delen = [skey(getattr(x, f.name)) for f in dataclasses.fields(x) if f.name not in ("herkomst", "type")]
        return type(x).__name__ + "[" + ";".join(delen) + "]"
    return repr(x)


def _q(f: Fraction | int) -> Z:
    f = Fraction(f)
    return z3.RealVal(f"{f.numerator}/{f.denominator}")


def _of(*xs: Z) -> Z:
    xs2 = [x for x in xs if not z3.is_false(x)]
    if not xs2:
        return ONWAAR
    if any(z3.is_true(x) for x in xs2):
        return WAAR
    return xs2[0] if len(xs2) == 1 else z3.Or(*xs2)


def _en(*xs: Z) -> Z:
    xs2 = [x for x in xs if not z3.is_true(x)]
    if not xs2:
        return WAAR
    if any(z3.is_false(x) for x in xs2):
        return ONWAAR
    return xs2[0] if len(xs2) == 1 else z3.And(*xs2)


def _niet(x: Z) -> Z:
    if z3.is_true(x):
        return ONWAAR
    if z3.is_false(x):
        return WAAR
    return z3.Not(x)


# ---------------------------------------------------------------- numbers
# A number is kept as an Int numerator `n` over a constant denominator `d` whenever the rules
# allow (inputs with declared decimals, literals, parameters, sums, products, division by a
# constant, rounding): z3 then decides pure integer arithmetic, where rounding is integer
# division by a constant. Mixing Reals with `ToInt` makes z3 give up on simple unsat proofs
# (`2·n` is never fractional), so Reals (`w`) are only the fallback after a division by a
# variable or for inputs without declared decimals.


def als_getal(n: Z = None, d: int = 1, w: Z = None, leeg: Z = ONWAAR, fout: Z = ONWAAR) -> Val:
    return Val("getal", w, leeg, fout, n=n, d=d)


def _const(f: Fraction | int) -> Val:
    f = Fraction(f)
    return als_getal(z3.IntVal(f.numerator), f.denominator)


def reeel(v: Val) -> Z:
    """The value as a z3 Real term."""
    if v.n is None:
        return v.w
    return z3.ToReal(v.n) if v.d == 1 else z3.ToReal(v.n) / v.d


def _noemer(*vs: Val) -> int | None:
    """A common denominator if every operand is in integer form."""
    if any(v.n is None for v in vs):
        return None
    return math.lcm(*[v.d for v in vs]) if vs else 1


def _schaal(v: Val, noemer: int) -> Z:
    """The Int term for v · noemer (noemer a multiple of v.d)."""
    k = noemer // v.d
    return v.n if k == 1 else v.n * k


def _of_nul(v: Val, noemer: int | None) -> Z:
    """The value, or 0 when leeg (Int form over `noemer`, else Real)."""
    t = _schaal(v, noemer) if noemer is not None else reeel(v)
    nul = z3.IntVal(0) if noemer is not None else _q(0)
    if z3.is_false(v.leeg):
        return t
    if z3.is_true(v.leeg):
        return nul
    return z3.If(v.leeg, nul, t)


def _kies_getal(c: Z, a: Val, b: Val) -> tuple[Z, int, Z]:
    """(n, d, w) of If(c, a, b) for numbers."""
    noemer = _noemer(a, b)
    if noemer is not None:
        return z3.If(c, _schaal(a, noemer), _schaal(b, noemer)), noemer, None
    return None, 1, z3.If(c, reeel(a), reeel(b))


# ---------------------------------------------------------------- kinds, choices and lists


def _soort(t: ir.Type) -> str:
    if t.is_getal:
        return "getal"
    return {"datum": "datum", "enumeratie": "enum", "tekst": "tekst", "boolean": "bool", "leeg": "leeg",
            "object": "object"}.get(t.soort, "onbekend")


def _dummy(soort: str) -> Z:
    if soort == "bool":
        return ONWAAR
    if soort in ("object", "lijst", "getal"):
        return None
    return z3.IntVal(0)


def _leeg(soort: str, fout: Z = ONWAAR) -> Val:
    """An empty value of a kind."""
    if soort == "getal":
        return als_getal(z3.IntVal(0), 1, leeg=WAAR, fout=fout)
    return Val(soort, _dummy(soort), WAAR, fout)


def _als_soort(v: Val, soort: str) -> Val:
    """A leeg literal (soort 'leeg') takes the kind of what it is stored in."""
    if v.soort == "leeg" and soort != "leeg":
        return _leeg(soort, v.fout)
    return v


def _kies(c: Z, a: Val, b: Val) -> Val:
    if z3.is_true(c):
        return a
    if z3.is_false(c):
        return b
    if a.soort == "leeg":
        a = _als_soort(a, b.soort)
    if b.soort == "leeg":
        b = _als_soort(b, a.soort)
    leeg, fout = z3.If(c, a.leeg, b.leeg), z3.If(c, a.fout, b.fout)
    if a.soort == "getal" and b.soort == "getal":
        n, d, w = _kies_getal(c, a, b)
        return als_getal(n, d, w, leeg, fout)
    if a.w is None or b.w is None:
        return b
    return Val(a.soort, z3.If(c, a.w, b.w), leeg, fout)


def _obj(s: Slot, bron_aanwezig: Z) -> Val:
    return Val("object", leeg=_niet(_en(bron_aanwezig, s.bestaat)), slot=s)


def _elementen(v: Val) -> Iterator[tuple[Z, Val]]:
    if v.soort == "lijst":
        yield from v.items
    else:
        yield (_niet(v.leeg) if v.soort == "object" else WAAR, v)


def _map(v: Val, fn: Callable[[Val], Val]) -> Val:
    if v.soort != "lijst":
        return fn(v)
    if v.coll is not None:
        return v
    return Val("lijst", items=tuple((p, fn(i)) for p, i in v.items), fout=v.fout)
