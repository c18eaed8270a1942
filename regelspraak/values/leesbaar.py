"""Dutch notation of numbers for people, the one formatter of every console line, finding and
report: amounts ("€ 1.355", "€ 1.234,50"), changes ("+€ 12"), counts ("4.914.662"), shares
("83,3%"), durations ("9,65 s"). (`values/notation.py` is the machine notation of input and output
files: "1573.42".)

Amounts arrive as exact numbers or exact decimal strings and are parsed to `Fraction`; a number a
reader sees in a table is never rounded through a float. Data comes from untrusted model files:
anything that is not a usable number is shown as "—".

>>> bedrag("1234.5"), bedrag("-37499780"), verschil("41485656"), aantal(4914662)
('€ 1.234,50', '−€ 37.499.780', '+€ 41.485.656', '4.914.662')
>>> percentage(Fraction(279200, 627)), percentage(90), procent(Fraction(10), Fraction(12))
('445,3%', '90%', '83,3%')
>>> seconden(9.6512), getal_tekst(Fraction(4, 10)), afwijking(-0.0123), rond(17942510.4)
('9,65 s', '0,4', '−1,2%', '17.942.510')
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

_GEHEEL = re.compile(r"-?\d{1,40}")
_DECIMAAL = re.compile(r"-?\d{1,40}(?:\.\d{1,40})?")
_BREUK = re.compile(r"-?\d{1,40}/\d{1,40}")
_GRENS = Fraction(10) ** 40  # larger numbers are not amounts; they are refused, not formatted
MIN = "−"  # U+2212, the minus sign typographers use


def getal(v: object) -> Fraction | None:
    """An exact number from JSON data: an int, a finite float, or a string "1234.5", "-12", "1000/3".

    Anything else (booleans, other text, absurdly long numbers) is `None`: data comes from untrusted
    model files, and a page must render whatever it holds.

    >>> getal("1573.42"), getal("1000/3"), getal(24), getal("1e999999999"), getal(True)
    (Fraction(78671, 50), Fraction(1000, 3), Fraction(24, 1), None, None)
    """
    x: Fraction | None = None
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        x = Fraction(v)
    elif isinstance(v, float) and math.isfinite(v):
        x = Fraction(repr(v)) if "e" not in repr(v) else Fraction(v)
    elif isinstance(v, str):
        s = v.strip()
        if _GEHEEL.fullmatch(s):
            x = Fraction(int(s))
        elif _DECIMAAL.fullmatch(s) or (_BREUK.fullmatch(s) and s.rsplit("/", 1)[1].strip("0")):
            x = Fraction(s)
    if x is None or abs(x) >= _GRENS:
        return None
    return x


def groepeer(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def getal_tekst(x: Fraction, min_decimalen: int = 0) -> str:
    """Dutch notation of an exact number: "1.234,5"; a non-terminating fraction as "≈ 333,33".

    >>> getal_tekst(Fraction("-1234.5")), getal_tekst(Fraction(1000, 3)), getal_tekst(Fraction(7), 2)
    ('−1.234,5', '≈ 333,33', '7,00')
    """
    n = next((k for k in range(13) if (x * 10**k).denominator == 1), None)
    benadering = n is None
    n = max(2 if n is None else n, min_decimalen)
    geschaald = round(abs(x) * 10**n)
    heel, deel = divmod(geschaald, 10**n)
    tekst = groepeer(heel) + ("," + str(deel).rjust(n, "0") if n else "")
    teken = MIN if x < 0 and geschaald else ""
    return ("≈ " if benadering else "") + teken + tekst


def _euro(x: Fraction, teken: bool) -> str:
    n = next((k for k in range(13) if (x * 10**k).denominator == 1), 2)
    tekst = getal_tekst(abs(x), 2 if n else 0)
    benadering = tekst.startswith("≈ ")
    tekst = tekst.removeprefix("≈ ")
    voor = MIN if x < 0 else ("+" if teken and x > 0 else "")
    return ("≈ " if benadering else "") + f"{voor}€ {tekst}"


def bedrag(v: object) -> str:
    """An amount as "€ 1.234" (exact; cents shown only when the data has them); "—" when absent."""
    x = v if isinstance(v, Fraction) else getal(v)
    return "—" if x is None else _euro(x, False)


def verschil(v: object) -> str:
    """A change of an amount, always signed: "+€ 12", "−€ 12", "€ 0"; "—" when absent."""
    x = v if isinstance(v, Fraction) else getal(v)
    return "—" if x is None else _euro(x, True)


def aantal(v: object) -> str:
    """A count (possibly weighted, so possibly fractional) as "4.914.662"; "—" when absent."""
    x = v if isinstance(v, Fraction) else getal(v)
    return "—" if x is None else getal_tekst(x)


def procent(deel: Fraction, geheel: Fraction) -> str:
    """A share, rounded to one decimal for reading: "12,3%"."""
    if geheel == 0:
        return "—"
    p = round(deel * 1000 / geheel) / Fraction(10)
    return getal_tekst(p, 1) + "%"


def percentage(p: Fraction | int, decimalen: int = 1) -> str:
    """A value that is already in percent (83.333…), rounded for reading: "83,3%"; "100%" when whole."""
    x = Fraction(p)
    if x.denominator == 1:
        return getal_tekst(x) + "%"
    afgerond = Fraction(round(x * 10**decimalen), 10**decimalen)
    return getal_tekst(afgerond, decimalen) + "%"


def seconden(s: float) -> str:
    """A measured duration: "9,65 s", "0,40 s" (two decimals; a clock is not exact anyway)."""
    return getal_tekst(Fraction(round(s * 100), 100), 2) + " s"


def afwijking(x: float, decimalen: int = 1) -> str:
    """A relative deviation (0.012) as a signed percentage: "+1,2%", "−0,5%"."""
    p = Fraction(round(x * 100 * 10**decimalen), 10**decimalen)
    return ("+" if p > 0 else "") + getal_tekst(p, decimalen) + "%"


def rond(x: float) -> str:
    """A measured or estimated count (a float) rounded to a whole number: "17.942.510"."""
    return getal_tekst(Fraction(round(x))) if math.isfinite(x) else "—"


def marge(x: object) -> str:
    """A total's sampling error as people read it next to the total, or "" when there is none
    (`simulate.samenvatting.marge_95`: the half-width of a 95% interval).

    >>> marge("23000000"), marge(None)
    (' (± € 23.000.000, 95%)', '')
    """
    return f" (± {bedrag(x)}, 95%)" if getal(x) is not None else ""
