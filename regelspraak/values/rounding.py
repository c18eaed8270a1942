"""Rounding (`afgerond op N decimalen`) and bounding (`met een minimum van … en een maximum van …`).

RegelSpraak arithmetic is exact; a value only loses precision where a rule says so, in one of
the five modes of taal.md §5. All work is on `Fraction`, so `7,245` really is 7245/1000 and the
tie cases of the spec table come out right (a binary float would hold 7.24499999…).

>>> from fractions import Fraction
>>> afronden(Fraction("7.245"), Afronding.REKENKUNDIG, 2)
Fraction(29, 4)
>>> [str(afronden(Fraction(-7, 2), m, 0)) for m in Afronding]
['-4', '-3', '-4', '-3', '-4']
>>> begrens(Fraction(-1678), minimum=Fraction(0))
Fraction(0, 1)
>>> afronden(None, Afronding.NAAR_BOVEN, 2) is None
True
"""

from __future__ import annotations

import math
from enum import Enum
from fractions import Fraction
from typing import overload

from regelspraak.values.fouten import Rekenfout
from regelspraak.values.notation import decimalen_van, format_getal

__all__ = ["Afronding", "afronden", "begrens", "decimalen_van", "past_in_decimalen"]

# A model may declare `getal met N decimalen`; beyond this N the value would be a bignum of
# 10**N for no legal purpose, so we refuse instead of allocating (DESIGN: inputs are bounded).
MAX_DECIMALEN = 1000


class Afronding(Enum):
    """The five rounding modes; the value is the Dutch phrase as written in a rule."""

    NAAR_BENEDEN = "naar beneden"  # floor
    NAAR_BOVEN = "naar boven"  # ceiling
    REKENKUNDIG = "rekenkundig"  # half away from zero
    RICHTING_NUL = "richting nul"  # truncate
    WEG_VAN_NUL = "weg van nul"  # away from zero

    @classmethod
    def uit_tekst(cls, tekst: str) -> Afronding:
        """The mode for its Dutch phrase, case- and whitespace-insensitive."""
        sleutel = " ".join(tekst.lower().split())
        for modus in cls:
            if modus.value == sleutel:
                return modus
        raise ValueError(f"Onbekende afrondingswijze '{tekst}'.")


def _naar_geheel(y: Fraction, modus: Afronding) -> int:
    """Round `y` to an integer; math.floor/ceil/trunc are exact on Fraction."""
    if modus is Afronding.NAAR_BENEDEN:
        return math.floor(y)
    if modus is Afronding.NAAR_BOVEN:
        return math.ceil(y)
    if modus is Afronding.RICHTING_NUL:
        return math.trunc(y)
    # The remaining two modes are symmetric around zero: round |y| and restore the sign,
    # which makes rekenkundig(-x) == -rekenkundig(x) hold by construction.
    teken = -1 if y < 0 else 1
    if modus is Afronding.WEG_VAN_NUL:
        return teken * math.ceil(abs(y))
    # Rekenkundig: "first dropped digit 5-9 rounds up" equals half away from zero on the
    # exact value, because the dropped tail is >= 1/2 exactly when its first digit is >= 5.
    return teken * math.floor(abs(y) + Fraction(1, 2))


def _controleer_decimalen(decimalen: int) -> None:
    if decimalen < 0:
        raise ValueError(f"Aantal decimalen moet 0 of meer zijn, niet {decimalen}.")
    if decimalen > MAX_DECIMALEN:
        raise ValueError(f"Aantal decimalen {decimalen} is groter dan het maximum {MAX_DECIMALEN}.")


@overload
def afronden(x: Fraction, modus: Afronding, decimalen: int) -> Fraction: ...
@overload
def afronden(x: None, modus: Afronding, decimalen: int) -> None: ...
def afronden(x: Fraction | None, modus: Afronding, decimalen: int) -> Fraction | None:
    """`x <modus> afgerond op <decimalen> decimalen`; leeg stays leeg (taal.md §6 decision).

    Negative `decimalen` (rounding to tens) does not exist in RegelSpraak: ValueError.
    """
    _controleer_decimalen(decimalen)
    if x is None:
        return None
    schaal: int = 10**decimalen  # annotated: int ** int is typed Any (negative powers)
    return Fraction(_naar_geheel(x * schaal, modus), schaal)


def past_in_decimalen(x: Fraction, decimalen: int) -> bool:
    """True if `x` is exactly representable with at most `decimalen` decimals.

    The interpreter uses this to refuse storing 1000/3 in a `getal met 2 decimalen`
    without an explicit rounding (taal.md §2 decision).
    """
    _controleer_decimalen(decimalen)
    schaal: int = 10**decimalen
    return (x * schaal).denominator == 1


@overload
def begrens(x: Fraction, minimum: Fraction | None = None, maximum: Fraction | None = None) -> Fraction: ...
@overload
def begrens(x: None, minimum: Fraction | None = None, maximum: Fraction | None = None) -> None: ...
def begrens(
    x: Fraction | None, minimum: Fraction | None = None, maximum: Fraction | None = None
) -> Fraction | None:
    """`x, met een minimum van <minimum> en een maximum van <maximum>`.

    None for a bound means "no such bound"; a bound expression that evaluates to leeg is
    passed as None too, so an empty bound does not bind (decision, docs/semantiek.md).
    Leeg x stays leeg. minimum > maximum has no sensible answer (which bound wins would be
    an accident of implementation), so it is a Rekenfout rather than a silent choice.
    """
    if minimum is not None and maximum is not None and minimum > maximum:
        raise Rekenfout(
            f"Het minimum ({format_getal(minimum)}) is groter dan het maximum ({format_getal(maximum)})."
        )
    if x is None:
        return None
    if minimum is not None and x < minimum:
        return minimum
    if maximum is not None and x > maximum:
        return maximum
    return x
