"""Dutch notation of exact numbers for readers of the HTML report: amounts ("€ 1.234,50"),
changes ("+€ 12"), counts, shares and compact axis labels ("€ 7,4 mld"). (`values/notation.py`
is the machine notation of input and output files.)

Amounts arrive as exact decimal strings and are parsed to `Fraction`; a number a reader sees in a
table is never rounded through a float. Data comes from untrusted model files: anything that is
not a usable number is shown as "—".

>>> bedrag("1234.5"), bedrag("-37499780"), verschil("41485656"), aantal(4914662)
('€ 1.234,50', '−€ 37.499.780', '+€ 41.485.656', '4.914.662')
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


def _groepeer(n: int) -> str:
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
    tekst = _groepeer(heel) + ("," + str(deel).rjust(n, "0") if n else "")
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


def kort(x: float, euro: bool = True, stap: float | None = None) -> str:
    """A compact axis label: "€ 7,4 mld", "€ 41,5 mln", "€ 39.719"; with the tick `stap`, as many
    decimals as the ticks need to differ ("€ 7,34 mld"). Axis ticks only: tables stay exact.

    >>> kort(7.34e9, stap=2e7), kort(41_485_656), kort(-24), kort(0.5, euro=False, stap=0.5)
    ('€ 7,34 mld', '€ 41,5 mln', '−€ 24', '0,5')
    """
    a = abs(x)
    eenheid, deler = ("", 1.0)
    if a >= 1e9:
        eenheid, deler = " mld", 1e9
    elif a >= 1e6:
        eenheid, deler = " mln", 1e6
    if stap is not None and stap > 0:
        decimalen = max(0, min(3, math.ceil(-math.log10(stap / deler) - 1e-9)))
    else:
        decimalen = 1 if deler > 1 or (a != int(a) and a < 100) else 0
    tekst = f"{a / deler:.{decimalen}f}"
    if "." in tekst:
        heel, deel = tekst.split(".")
        deel = deel.rstrip("0") if stap is None else deel
        tekst = _groepeer(int(heel)) + ("," + deel if deel else "")
    else:
        tekst = _groepeer(int(tekst))
    teken = MIN if x < 0 and tekst.strip("0,") else ""
    return f"{teken}€ {tekst}{eenheid}" if euro else f"{teken}{tekst}{eenheid}"
