"""Numbers and dates as written in case files, parameter files, scenarios and CLI options.

DESIGN.md "Input conventions": numbers as JSON/YAML numbers or as strings in either notation,
a lone `.` or `,` being the decimal separator and, with both present, `.` grouping thousands;
amounts may carry a unit; dates ISO or Dutch. Output numbers are exact decimal strings with a `.`.

>>> parse_getal("1.573,42 €")
(Fraction(78671, 50), '€')
>>> parse_getal("2_1/3")
(Fraction(7, 3), None)
>>> format_getal(Fraction(157342, 100)), format_getal(Fraction(1000, 3))
('1573.42', '1000/3')
>>> parse_datum("dd. 1-1-2025"), format_datum(parse_datum("2025-01-01"))
(datetime.date(2025, 1, 1), '2025-01-01')
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

# Bounds on input (DESIGN decision 7: draft bills arrive from anyone). 100 characters or
# digits is far beyond any amount in law and keeps Fraction arithmetic cheap.
MAX_LENGTE = 100
_MAX_BITS = 333  # 2**333 > 10**100: an integer of more than ~100 digits

_CIJFERS = "[0-9]"  # not \d: that also matches Arabic-Indic and other Unicode digits
_TEKENS = "+\\-\u2212"  # '+', '-' and the typographic minus sign '−'
_GETAL_MET_EENHEID = re.compile(
    rf"(?:(?P<voor>[^0-9\s{_TEKENS}.,][^0-9{_TEKENS}]*?)\s*)?"  # unit before: "€ 24"
    rf"(?P<teken>[{_TEKENS}]?)\s*(?P<getal>[0-9][0-9.,_/]*)"
    rf"(?:\s*(?P<na>[^0-9\s{_TEKENS}.,_/].*?))?"  # unit after: "24 €", "67 jr", "3 €/mnd"
)
_BREUK = re.compile(rf"(?:(?P<geheel>{_CIJFERS}+)_)?(?P<teller>{_CIJFERS}+)/(?P<noemer>{_CIJFERS}+)")
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_NL = re.compile(r"([0-9]{1,2})-([0-9]{1,2})-([0-9]{4})")


def _fout(v: object, reden: str) -> ValueError:
    tekst = repr(v) if len(repr(v)) <= 40 else repr(v)[:40] + "…"  # bounded, also for huge ints
    return ValueError(f"Ongeldig getal {tekst}: {reden}.")


def _groepen(tekst: str, scheiding: str) -> bool:
    """True if `tekst` is digits grouped by `scheiding` in threes: 1.573.420."""
    return re.fullmatch(rf"{_CIJFERS}{{1,3}}(?:{re.escape(scheiding)}{_CIJFERS}{{3}})+", tekst) is not None


def _decimaal(v: object, tekst: str) -> Fraction:
    """Digits with `.`/`,` separators (no sign) as an exact Fraction."""
    punten, kommas = tekst.count("."), tekst.count(",")
    if punten and kommas:
        geheel, _, deel = tekst.partition(",")
        if kommas > 1 or not _groepen(geheel, "."):
            raise _fout(v, "met zowel '.' als ',' groepeert '.' duizendtallen en is ',' het decimaalteken")
    elif punten + kommas == 1:
        geheel, _, deel = tekst.partition("." if punten else ",")
    elif punten or kommas:
        # "1.573.420" can only be thousands grouping (a decimal separator occurs once).
        if not _groepen(tekst, "." if punten else ","):
            raise _fout(v, "ongeldige groepering in duizendtallen")
        geheel, deel = tekst.replace(".", "").replace(",", ""), ""
    else:
        geheel, deel = tekst, ""
    geheel = geheel.replace(".", "")
    if not re.fullmatch(f"{_CIJFERS}+", geheel) or not re.fullmatch(f"{_CIJFERS}*", deel):
        raise _fout(v, "geen geldige notatie")
    if punten + kommas == 1 and not deel:
        raise _fout(v, "cijfers na het decimaalteken ontbreken")
    return Fraction(int(geheel + deel), 10 ** len(deel))


def _uit_decimal(v: object, d: Decimal) -> Fraction:
    if not d.is_finite():
        raise _fout(v, "geen eindig getal")
    # Decimal("1E+999999999") is a valid Decimal but a gigantic Fraction: bound the exponent.
    if len(d.as_tuple().digits) > MAX_LENGTE or abs(d.adjusted()) > MAX_LENGTE:
        raise _fout(v, f"meer dan {MAX_LENGTE} cijfers")
    return Fraction(d)


def parse_getal(v: int | str | Decimal | Fraction | float) -> tuple[Fraction, str | None]:
    """An exact number and the unit text written with it (None if none), or ValueError.

    Floats are accepted only because YAML turns `1573.42` into one: we convert through
    `repr`, the shortest string that reads back as the same float, i.e. the number as the
    author wrote it. Fraction(1573.42) would give the binary approximation
    1573.420000000000072759576141834259033203125 and lose a cent somewhere downstream.
    Scientific notation in strings is refused: nobody writes amounts that way in law.
    """
    if isinstance(v, bool):  # bool is an int subclass; YAML `ja`/`true` is not a number
        raise _fout(v, "een waarheidswaarde is geen getal")
    if isinstance(v, int):
        if v.bit_length() > _MAX_BITS:  # not via _fout: repr() of a huge int itself raises
            raise ValueError(f"Ongeldig getal: een geheel getal van meer dan {MAX_LENGTE} cijfers.")
        return Fraction(v), None
    if isinstance(v, Fraction):
        if max(abs(v.numerator).bit_length(), v.denominator.bit_length()) > _MAX_BITS:
            raise ValueError(f"Ongeldig getal: een breuk met meer dan {MAX_LENGTE} cijfers.")
        return v, None
    if isinstance(v, float):
        if not math.isfinite(v):
            raise _fout(v, "geen eindig getal")
        return _uit_decimal(v, Decimal(repr(v))), None
    if isinstance(v, Decimal):
        return _uit_decimal(v, v), None
    if not isinstance(v, str):
        raise _fout(v, f"verwacht een getal of tekst, niet {type(v).__name__}")
    if len(v) > MAX_LENGTE:
        raise _fout(v, f"langer dan {MAX_LENGTE} tekens")
    m = _GETAL_MET_EENHEID.fullmatch(v.strip())
    if m is None:
        raise _fout(v, "geen getal")
    voor, na, tekst = m["voor"], m["na"], m["getal"]
    if voor and na:
        raise _fout(v, "eenheid zowel voor als na het getal")
    if na and re.match(r"[eE][+\-]?[0-9]", na):
        raise _fout(v, "wetenschappelijke notatie (zoals 1e5) wordt niet ondersteund")
    if re.search(rf"\s[{_TEKENS}]?[0-9]", voor or na or ""):
        raise _fout(v, "meer dan één getal")  # "24 € 5": the unit text must not hide a number
    if "/" in tekst:
        b = _BREUK.fullmatch(tekst)
        if b is None:
            raise _fout(v, "een breuk schrijf je als 1/3 of 2_1/3")
        if int(b["noemer"]) == 0:
            raise _fout(v, "noemer is nul")
        waarde = int(b["geheel"] or 0) + Fraction(int(b["teller"]), int(b["noemer"]))
    elif "_" in tekst:
        raise _fout(v, "'_' mag alleen in een breuk als 2_1/3")
    else:
        waarde = _decimaal(v, tekst)
    if m["teken"] in ("-", "\u2212"):
        waarde = -waarde
    eenheid = (voor or na or "").strip() or None
    return waarde, eenheid


def decimalen_van(x: Fraction) -> int | None:
    """The number of decimals `x` needs exactly, or None if its decimal expansion is infinite.

    A reduced fraction terminates in base 10 iff its denominator is 2**a * 5**b; it then
    needs max(a, b) decimals.
    """
    noemer = x.denominator
    tweeën = vijven = 0
    while noemer % 2 == 0:
        noemer //= 2
        tweeën += 1
    while noemer % 5 == 0:
        noemer //= 5
        vijven += 1
    return max(tweeën, vijven) if noemer == 1 else None


def format_getal(x: Fraction, minimaal_decimalen: int = 0) -> str:
    """Exact decimal text with a `.`: "1573.42", "658", "-12.65".

    A value whose decimal expansion does not terminate (1000/3, not yet rounded by a rule)
    is written as an exact fraction "1000/3" rather than a lossy decimal; `parse_getal`
    reads both forms back to the same value. `minimaal_decimalen` pads with zeros
    ("658.00" for a Geldbedrag); it never rounds.
    """
    n = decimalen_van(x)
    if n is None:
        return f"{x.numerator}/{x.denominator}"
    n = max(n, minimaal_decimalen)
    cijfers = str(abs(x.numerator) * 10**n // x.denominator).rjust(n + 1, "0")
    teken = "-" if x < 0 else ""
    return f"{teken}{cijfers[:-n]}.{cijfers[-n:]}" if n else f"{teken}{cijfers}"


def parse_datum(v: str | date) -> date:
    """A date from ISO `2025-01-01`, Dutch `01-01-2025`/`1-1-2025` or `dd. 1-1-2025`."""
    if isinstance(v, datetime):  # a datetime is a date subclass, but has a time we would drop
        raise ValueError(f"Ongeldige datum {v!r}: verwacht een datum zonder tijd.")
    if isinstance(v, date):
        return v
    if not isinstance(v, str) or len(v) > 50:
        raise ValueError(f"Ongeldige datum {v!r}: verwacht bijvoorbeeld 2025-01-01 of 01-01-2025.")
    tekst = re.sub(r"^dd\.\s*", "", v.strip(), flags=re.IGNORECASE)
    if m := _ISO.fullmatch(tekst):
        jaar, maand, dag = m.groups()
    elif m := _NL.fullmatch(tekst):
        dag, maand, jaar = m.groups()
    else:
        raise ValueError(f"Ongeldige datum {v!r}: verwacht bijvoorbeeld 2025-01-01 of 01-01-2025.")
    try:
        return date(int(jaar), int(maand), int(dag))
    except ValueError:
        raise ValueError(f"Ongeldige datum {v!r}: deze dag bestaat niet.") from None


def format_datum(d: date) -> str:
    """ISO text `2025-01-01` (also for a datetime: only its date part)."""
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


_TIJD = re.compile(r"(?P<datum>[0-9-]{8,10})"
                   r"(?:[T ](?P<u>[0-9]{1,2}):(?P<m>[0-9]{2})(?::(?P<s>[0-9]{2})(?:[.,](?P<ms>[0-9]{1,3}))?)?)?")


def parse_datumtijd(v: str | date) -> datetime:
    """A `Datum en tijd in millisecondes` value: `2025-01-01T12:30:00.250`, `01-01-2025 12:30`, a date
    (midnight) or a datetime without time zone and with whole milliseconds.

    >>> parse_datumtijd("01-07-2025 08:15:30,5")
    datetime.datetime(2025, 7, 1, 8, 15, 30, 500000)
    """
    if isinstance(v, datetime):
        if v.tzinfo is not None:
            raise ValueError(f"Ongeldige datum en tijd {v!r}: zonder tijdzone, alstublieft.")
        if v.microsecond % 1000:
            raise ValueError(f"Ongeldige datum en tijd {v!r}: hoogstens milliseconden.")
        return v
    if isinstance(v, date):
        return datetime(v.year, v.month, v.day)
    if not isinstance(v, str) or len(v) > 50 or not (m := _TIJD.fullmatch(v.strip())):
        raise ValueError(f"Ongeldige datum en tijd {v!r}: verwacht bijvoorbeeld 2025-01-01T12:30:00.250.")
    try:
        d = parse_datum(m["datum"])
    except ValueError as e:
        raise ValueError(f"Ongeldige datum en tijd {v!r}: die dag bestaat niet.") from e
    ms = int((m["ms"] or "0").ljust(3, "0"))
    try:
        return datetime(d.year, d.month, d.day, int(m["u"] or 0), int(m["m"] or 0), int(m["s"] or 0), ms * 1000)
    except ValueError as e:
        raise ValueError(f"Ongeldige datum en tijd {v!r}: dat tijdstip bestaat niet.") from e


def format_datumtijd(d: datetime) -> str:
    """ISO text with milliseconds: `2025-07-01T08:15:30.500`."""
    return f"{format_datum(d)}T{d.hour:02d}:{d.minute:02d}:{d.second:02d}.{d.microsecond // 1000:03d}"
