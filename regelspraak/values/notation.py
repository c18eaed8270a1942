"""Numbers and dates as written in case files, parameter files, scenarios and CLI options.

DESIGN.md "Input conventions", the one number reader of the tool: numbers as JSON/YAML numbers,
read exactly from their text, or as strings. With a `,` the notation is Dutch (`,` decimal, `.`
groups thousands in threes: "1.573,42"); several `.` are thousands ("1.000.000"); one `.` followed
by other than three digits is a decimal point ("1573.42", "12.3360"). One `.` followed by exactly
three digits, no `,`, and before it a number that could be a first group of thousands ("40.000",
"€ 40.000", unquoted YAML `40.000`) has two readings and is refused (`Dubbelzinnig`), with both
readings and how to write each. Amounts may carry a unit; dates ISO or Dutch. Output numbers are
exact decimal strings with a `.`, written so that they read back the same ("12.3360", not "12.336").

>>> parse_getal("1.573,42 €")
(Fraction(78671, 50), '€')
>>> parse_getal("1.000.000"), parse_getal("2_1/3")
((Fraction(1000000, 1), None), (Fraction(7, 3), None))
>>> import textwrap
>>> try:
...     parse_getal("€ 40.000")
... except Dubbelzinnig as e:
...     print(textwrap.fill(str(e), 100))
'€ 40.000' is dubbelzinnig: 40 als de punt een decimaalteken is, 40000 als de punt duizendtallen
scheidt. Schrijf 40000 of "40.000,00" voor 40000, of "40,000" voor 40.
>>> format_getal(Fraction(157342, 100)), format_getal(Fraction(1000, 3)), format_getal(Fraction(12336, 1000))
('1573.42', '1000/3', '12.3360')
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


class Dubbelzinnig(ValueError):
    """A number with two readings ("40.000": forty, or forty thousand); the message gives both and
    how to write each."""


# A first group of thousands: 1 to 3 digits, not starting with 0 ("0.285" has only one reading).
_EERSTE_GROEP = re.compile(r"[1-9][0-9]{0,2}")


def _dubbelzinnig(v: object, geheel: str, deel: str) -> Dubbelzinnig:
    teken = -1 if isinstance(v, str) and v.strip().lstrip("€ ").startswith(("-", "\u2212")) else 1
    punt = teken * Fraction(int(geheel + deel), 1000)
    duizend = teken * int(geheel + deel)
    tekst = v if isinstance(v, str) else f"{geheel}.{deel}"
    geheel = f"-{geheel}" if teken < 0 else geheel
    return Dubbelzinnig(
        f"'{tekst}' is dubbelzinnig: {format_getal(punt)} als de punt een decimaalteken is, {duizend} als de "
        f"punt duizendtallen scheidt. Schrijf {duizend} of \"{geheel}.{deel},00\" voor {duizend}, "
        f"of \"{geheel},{deel}\" voor {format_getal(punt)}.")


def _decimaal(v: object, tekst: str) -> Fraction:
    """Digits with `.`/`,` separators (no sign) as an exact Fraction, by the rule in the module text."""
    punten, kommas = tekst.count("."), tekst.count(",")
    if kommas:
        if kommas > 1:
            raise _fout(v, "in Nederlandse notatie is ',' het decimaalteken en staat het er één keer "
                        "(duizendtallen groepeer je met '.': 1.573.420)")
        geheel, _, deel = tekst.partition(",")
        if punten and not _groepen(geheel, "."):
            raise _fout(v, "met ',' als decimaalteken groepeert '.' duizendtallen per drie cijfers (1.573,42)")
        if not deel:
            raise _fout(v, "cijfers na het decimaalteken ontbreken")
    elif punten > 1:
        # "1.573.420" can only be thousands grouping (a decimal point occurs once).
        if not _groepen(tekst, "."):
            raise _fout(v, "ongeldige groepering in duizendtallen (schrijf 1.573.420 of 1573420)")
        geheel, deel = tekst, ""
    elif punten:
        geheel, _, deel = tekst.partition(".")
        if not deel:
            raise _fout(v, "cijfers na het decimaalteken ontbreken")
        if len(deel) == 3 and _EERSTE_GROEP.fullmatch(geheel):
            raise _dubbelzinnig(v, geheel, deel)
    else:
        geheel, deel = tekst, ""
    geheel = geheel.replace(".", "")
    if not re.fullmatch(f"{_CIJFERS}+", geheel) or not re.fullmatch(f"{_CIJFERS}*", deel):
        raise _fout(v, "geen geldige notatie")
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


# YAML 1.1 number texts (PyYAML's implicit int and float patterns), read here from their text.
_YAML_BASIS = re.compile(r"([+-]?)0([xb])([0-9a-fA-F_]+)")
_YAML_GETAL = re.compile(r"([+-]?)([0-9_]*)(?:\.([0-9_.]*))?(?:[eE]([+-]?[0-9]+))?")


def lees_yaml_getal(tekst: str) -> int | Decimal | float | str:
    """An unquoted YAML number, read exactly from the text its author wrote (never through a
    float): an int for whole numbers, a Decimal for numbers with a decimal point. The rule for
    strings applies, so `40.000` is refused as ambiguous. Where YAML 1.1 would misread silently,
    the text is read as written: `017` is 17 (not octal 15); `1:30` stays the text "1:30" (not 90
    in base 60). `.inf` and `.nan` stay floats (refused where a number is needed).

    >>> lees_yaml_getal("1573.42"), lees_yaml_getal("017"), lees_yaml_getal("1_000"), lees_yaml_getal("0x1F")
    (Decimal('1573.42'), 17, 1000, 31)
    >>> lees_yaml_getal("1:30"), lees_yaml_getal("12.3360"), lees_yaml_getal("2.5e+3")
    ('1:30', Decimal('12.3360'), Decimal('2.5E+3'))
    """
    t = tekst.strip()
    if ":" in t:
        return t
    if t.lstrip("+-").lower() in (".inf", ".nan"):
        return float(t.replace(".", "", 1))
    if m := _YAML_BASIS.fullmatch(t):
        n = int(m[3].replace("_", "") or "x", 16 if m[2] == "x" else 2)
        return -n if m[1] == "-" else n
    m = _YAML_GETAL.fullmatch(t)
    if m is None or not (m[2] or m[3]):
        raise _fout(tekst, "geen getal")
    geheel, deel, exponent = m[2].replace("_", ""), m[3], m[4]
    if deel is None:
        if exponent is not None:
            raise _fout(tekst, "geen getal")
        n = int(geheel)
        if n.bit_length() > _MAX_BITS:
            raise ValueError(f"Ongeldig getal: een geheel getal van meer dan {MAX_LENGTE} cijfers.")
        return -n if m[1] == "-" else n
    # The same rule as for strings: one '.' and three digits is ambiguous, "5." lacks digits,
    # several '.' are thousands (or refused when not grouped in threes).
    waarde = _decimaal(tekst, f"{geheel or '0'}.{deel.replace('_', '')}")
    d = Decimal(waarde.numerator) / Decimal(waarde.denominator) if waarde.denominator == 1 else Decimal(
        f"{geheel or '0'}.{deel.replace('_', '')}")
    if exponent is not None:
        if abs(int(exponent)) > MAX_LENGTE:
            raise _fout(tekst, f"exponent groter dan {MAX_LENGTE}")
        d = d.scaleb(int(exponent))
    return -d if m[1] == "-" else d


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


def format_getal(x: Fraction, minimaal_decimalen: int = 0, terugleesbaar: bool = True) -> str:
    """Exact decimal text with a `.`: "1573.42", "658", "-12.65".

    A value whose decimal expansion does not terminate (1000/3, not yet rounded by a rule)
    is written as an exact fraction "1000/3" rather than a lossy decimal; `parse_getal`
    reads both forms back to the same value. Exactly three decimals after one to three digits
    get a fourth ("12.3360"): "12.336" has a second reading, twelve thousand three hundred.
    `minimaal_decimalen` pads with zeros ("658.00" for a Geldbedrag); it never rounds.
    `terugleesbaar=False` leaves out that fourth decimal, for text that is shown with a decimal
    comma (then "12,336" has one reading).
    """
    n = decimalen_van(x)
    if n is None:
        return f"{x.numerator}/{x.denominator}"
    n = max(n, minimaal_decimalen)
    if terugleesbaar and n == 3 and _EERSTE_GROEP.fullmatch(str(abs(x.numerator) // x.denominator)):
        n = 4  # "12.336" would read back as ambiguous (twelve thousand?): "12.3360"
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
