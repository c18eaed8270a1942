"""The functions and checks of RegelSpraak §11: roots and powers rounded exactly, the elfproef,
`numeriek met exact N cijfers`, `de datum met jaar, maand en dag`, `de eerste paasdag van` and
the text of a value inside `"… «expr» …"`.

Roots are irrational in general, so the language demands a rounding (taal.md §5); these
functions take the rounding along and round the *exact* root: floor(r^(1/q) · 10^N) is the
integer q-th root of floor(r · 10^(N·q)), and the half-way tests compare rationals.

>>> from regelspraak.values.rounding import Afronding
>>> wortel(Fraction(2), Afronding.NAAR_BENEDEN, 3), wortel(Fraction(2), Afronding.NAAR_BOVEN, 3)
(Fraction(707, 500), Fraction(283, 200))
>>> macht(Fraction(3), Fraction(2), Afronding.REKENKUNDIG, 0)
Fraction(9, 1)
>>> elfproef("111222333"), elfproef("123456789"), numeriek_exact("0012", 4)
(True, False, True)
>>> paasdag(Fraction(2025))
datetime.date(2025, 4, 20)
"""

from __future__ import annotations

import math
from datetime import date, datetime
from fractions import Fraction

from regelspraak.values.fouten import Rekenfout
from regelspraak.values.notation import format_getal
from regelspraak.values.rounding import Afronding

MAX_EXPONENT = 1000  # |numerator| of an exponent; bounds the size of x ** p
MAX_WORTELGRAAD = 100  # denominator of an exponent (the degree of the root)
MAX_DECIMALEN = 40  # decimals of a rounded root; more is no law's need and costs digits ** q


def _iroot(n: int, q: int) -> int:
    """floor(n ** (1/q)) for n >= 0, exactly (Newton on integers)."""
    if n < 2 or q == 1:
        return n
    if q == 2:
        return math.isqrt(n)
    x = 1 << ((n.bit_length() + q - 1) // q)  # >= the root
    while True:
        y = ((q - 1) * x + n // x ** (q - 1)) // q
        if y >= x:
            return x
        x = y


def _wortel_afgerond(r: Fraction, q: int, modus: Afronding, decimalen: int) -> Fraction:
    """r ** (1/q) rounded to `decimalen` with `modus`; r >= 0."""
    if not 0 <= decimalen <= MAX_DECIMALEN:
        raise Rekenfout(f"afronden van een wortel op {decimalen} decimalen gaat niet (hoogstens {MAX_DECIMALEN})")
    schaal = 10**decimalen
    geschaald = r * schaal**q  # the root of this is root(r) * schaal
    k = _iroot(math.floor(geschaald), q)
    exact = Fraction(k) ** q == geschaald
    if modus in (Afronding.NAAR_BENEDEN, Afronding.RICHTING_NUL) or exact:
        n = k
    elif modus in (Afronding.NAAR_BOVEN, Afronding.WEG_VAN_NUL):
        n = k + 1
    else:  # rekenkundig: half away from zero; the root is >= 0 here
        n = k + 1 if (Fraction(2 * k + 1, 2)) ** q <= geschaald else k
    return Fraction(n, schaal)


def wortel(x: Fraction | None, modus: Afronding, decimalen: int) -> Fraction | None:
    """`de wortel van x`, rounded; leeg gives leeg (taal.md §6), a negative x is an error."""
    if x is None:
        return None
    if x < 0:
        raise Rekenfout(f"de wortel van een negatief getal ({format_getal(x)}) bestaat niet")
    return _wortel_afgerond(x, 2, modus, decimalen)


def macht(x: Fraction | None, y: Fraction | None, modus: Afronding, decimalen: int) -> Fraction | None:
    """`x tot de macht y`, rounded. y = p/q: (x ** p) ** (1/q); for x < 0 only an odd q."""
    if x is None or y is None:
        return None
    p, q = y.numerator, y.denominator
    if abs(p) > MAX_EXPONENT or q > MAX_WORTELGRAAD:
        raise Rekenfout(f"de exponent {format_getal(y)} is te groot om exact te rekenen")
    if x == 0 and p < 0:
        raise Rekenfout("0 tot een negatieve macht is een deling door nul")
    if x < 0 and q % 2 == 0:
        raise Rekenfout(f"{format_getal(x)} tot de macht {format_getal(y)} is geen reëel getal")
    grondtal = x**p
    if q == 1:
        from regelspraak.values.rounding import afronden

        return afronden(grondtal, modus, decimalen)
    if grondtal >= 0:
        return _wortel_afgerond(grondtal, q, modus, decimalen)
    # An odd root of a negative number is minus the root of its absolute value: mirror the mode.
    spiegel = {Afronding.NAAR_BENEDEN: Afronding.NAAR_BOVEN, Afronding.NAAR_BOVEN: Afronding.NAAR_BENEDEN}
    return -_wortel_afgerond(-grondtal, q, spiegel.get(modus, modus), decimalen)


def _cijfers(v: object) -> str | None:
    """The digits of a text or a non-negative integer number, else None."""
    if isinstance(v, str):
        return v if v.isascii() and v.isdigit() else None
    if isinstance(v, Fraction) and v.denominator == 1 and v >= 0:
        return str(v.numerator)
    return None


def numeriek_exact(v: object, aantal: int) -> bool:
    """`v is numeriek met exact N cijfers`: a text of exactly N digits 0-9 (a number: its decimal
    notation without leading zeros). leeg gives onwaar (taal.md §6)."""
    cijfers = _cijfers(v)
    return cijfers is not None and len(cijfers) == aantal


def elfproef(v: object) -> bool:
    """`v voldoet aan de elfproef` (BSN, RSIN): nine digits (a number is padded with leading
    zeros), weights 9, 8, …, 2 and −1 for the last digit; the sum is divisible by 11 and not 0.
    leeg gives onwaar."""
    cijfers = _cijfers(v)
    if cijfers is None or len(cijfers) > 9 or (isinstance(v, str) and len(cijfers) != 9):
        return False
    cijfers = cijfers.rjust(9, "0")
    som = sum(int(c) * w for c, w in zip(cijfers, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True))
    return som % 11 == 0 and int(cijfers) != 0


def _geheel(v: Fraction, wat: str) -> int:
    if v.denominator != 1:
        raise Rekenfout(f"{wat} moet een geheel getal zijn, niet {format_getal(v)}")
    return v.numerator


def datum_met(jaar: Fraction | None, maand: Fraction | None, dag: Fraction | None) -> date | None:
    """`de datum met jaar, maand en dag(j, m, d)`; leeg in gives leeg, a day that does not exist
    (30-02) is an error."""
    if jaar is None or maand is None or dag is None:
        return None
    j, m, d = _geheel(jaar, "het jaar"), _geheel(maand, "de maand"), _geheel(dag, "de dag")
    try:
        return date(j, m, d)
    except ValueError as e:
        raise Rekenfout(f"de datum {d}-{m}-{j} bestaat niet") from e


def eerste_dag(naam: str, d: date | None) -> date | None:
    """`de eerste dag van de maand|het jaar van|na D` (project extension, taal.md §10): the first day of
    the month (year) that holds D, or of the one after it. Leeg in gives leeg.

    >>> eerste_dag("eerste_dag_maand_na", date(2025, 3, 15)), eerste_dag("eerste_dag_maand_na", date(2025, 12, 1))
    (datetime.date(2025, 4, 1), datetime.date(2026, 1, 1))
    >>> eerste_dag("eerste_dag_maand", date(2025, 3, 15)), eerste_dag("eerste_dag_jaar_na", date(2024, 2, 29))
    (datetime.date(2025, 3, 1), datetime.date(2025, 1, 1))
    """
    if d is None:
        return None
    if isinstance(d, datetime):
        d = d.date()
    if naam.startswith("eerste_dag_jaar"):
        jaar = d.year + (1 if naam.endswith("_na") else 0)
        if jaar > 9999:
            raise Rekenfout(f"het jaar na {d:%d-%m-%Y} valt buiten het bereik van een datum")
        return date(jaar, 1, 1)
    if not naam.endswith("_na"):
        return date(d.year, d.month, 1)
    if d.month == 12:
        if d.year >= 9999:
            raise Rekenfout(f"de maand na {d:%d-%m-%Y} valt buiten het bereik van een datum")
        return date(d.year + 1, 1, 1)
    return date(d.year, d.month + 1, 1)


def paasdag(jaar: Fraction | None) -> date | None:
    """`de eerste paasdag van J`: Easter Sunday in the Gregorian calendar (anonymous algorithm)."""
    if jaar is None:
        return None
    y = _geheel(jaar, "het jaar")
    if not 1583 <= y <= 9999:
        raise Rekenfout(f"de eerste paasdag van {y} is niet gedefinieerd (de Gregoriaanse kalender begint in 1583)")
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    maand = (h + ell - 7 * m + 114) // 31
    dag = (h + ell - 7 * m + 114) % 31 + 1
    return date(y, maand, dag)


def tekst_van(v: object) -> str:
    """A value as it appears inside an interpolated text: numbers in Dutch notation (decimal
    comma, exact), dates dd-mm-jjjj, waar/onwaar; leeg is the empty text. No unit: the author
    writes it in the text ("«zijn leeftijd» jaar")."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "waar" if v else "onwaar"
    if isinstance(v, Fraction):
        return format_getal(v).replace(".", ",")
    if isinstance(v, datetime):
        return f"{v:%d-%m-%Y %H:%M:%S},{v.microsecond // 1000:03d}"
    if isinstance(v, date):
        return f"{v:%d-%m-%Y}"
    return str(v)


def bereken(naam: str, args: list[object], afronding: Afronding | None, decimalen: int | None) -> object:
    """One function of `ir.Functie` by name, on evaluated arguments (both engines use this)."""
    if naam == "tekst":
        return "".join(tekst_van(a) for a in args)
    if naam == "datum_met":
        return datum_met(*args)  # type: ignore[arg-type]
    if naam == "paasdag":
        return paasdag(args[0])  # type: ignore[arg-type]
    if naam.startswith("eerste_dag"):
        return eerste_dag(naam, args[0])  # type: ignore[arg-type]
    assert afronding is not None and decimalen is not None  # the type checker demands the rounding
    if naam == "wortel":
        return wortel(args[0], afronding, decimalen)  # type: ignore[arg-type]
    return macht(args[0], args[1], afronding, decimalen)  # type: ignore[arg-type]


def controleer(soort: str, waarde: object, aantal: int | None) -> bool:
    """One check of `ir.Controle` by name: the elfproef, or numeriek met exact `aantal` cijfers."""
    if soort == "elfproef":
        return elfproef(waarde)
    assert aantal is not None
    return numeriek_exact(waarde, aantal)
