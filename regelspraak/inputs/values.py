"""Convert a value from an input file to the runtime value for a declared type.

Numbers may be written in either notation and may carry a unit (`"1.573,42"`, `"24 €"`);
a unit must be convertible to the declared one and is converted exactly.

>>> from regelspraak.model import ir
>>> from regelspraak.values.units import Eenheden
>>> e = Eenheden()
>>> t = ir.Type("numeriek", e.parse("€"), 2)
>>> convert("1.573,42", t, e)
Fraction(78671, 50)
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

from regelspraak.model import ir
from regelspraak.values.notation import format_getal, parse_datum, parse_datumtijd, parse_getal
from regelspraak.values.rounding import past_in_decimalen
from regelspraak.values.units import Eenheden, EenheidFout


class WaardeFout(ValueError):
    """A value that does not fit its declared type; the message is Dutch."""


def convert(v: object, t: ir.Type, eenheden: Eenheden) -> ir.Waarde:
    if v is None:
        return None
    if t.periode is not None:
        # A timeline has a begin and an end: a single value would be a constant over all time, over
        # which a rule evaluated per knip stretch has no stretch at all (taal.md §11).
        from regelspraak.inputs.tijdlijn_invoer import lees

        return lees(v, t, eenheden)
    if t.is_getal:
        return _getal(v, t, eenheden)
    if t.soort == "datum":
        if isinstance(v, date | str):
            try:
                return parse_datum(v)
            except ValueError as e:
                raise WaardeFout(str(e)) from e
        raise WaardeFout(f"Verwacht een datum (2025-01-01 of 01-01-2025), gevonden {v!r}.")
    if t.soort == "datumtijd":
        if isinstance(v, date | str):
            try:
                return parse_datumtijd(v)
            except ValueError as e:
                raise WaardeFout(str(e)) from e
        raise WaardeFout(f"Verwacht een datum en tijd (2025-01-01T12:30:00.250), gevonden {v!r}.")
    if t.soort == "boolean":
        return lees_waarheid(v)
    if t.soort == "enumeratie":
        if not isinstance(v, str):
            raise WaardeFout(f"Verwacht een waarde van {t.domein}, gevonden {v!r}.")
        s = v.strip().strip("'‘’")
        if s not in t.waarden:
            raise WaardeFout(f"'{s}' is geen waarde van {t.domein}; mogelijk: {', '.join(t.waarden)}.")
        return s
    if t.soort == "tekst":
        if isinstance(v, bool) or not isinstance(v, str | int | Decimal):
            raise WaardeFout(f"Verwacht tekst, gevonden {v!r}.")
        if isinstance(v, Decimal):  # an unquoted number: its text as written would be lost
            raise WaardeFout(f"Verwacht tekst, gevonden het getal {v}; zet tekst tussen aanhalingstekens.")
        return str(v)
    raise WaardeFout(f"Waarden van type {t.beschrijf()} kunnen niet worden ingevoerd.")


def lees_waarheid(v: object) -> bool:
    """A boolean as YAML writes it (true/false) or as Dutch does: waar/onwaar, ja/nee (any case)."""
    if isinstance(v, bool):
        return v
    if isinstance(v, str) and v.strip().lower() in ("waar", "true", "ja"):
        return True
    if isinstance(v, str) and v.strip().lower() in ("onwaar", "false", "nee"):
        return False
    raise WaardeFout(f"Verwacht waar of onwaar (true/false), gevonden {v!r}.")


def _getal(v: object, t: ir.Type, eenheden: Eenheden) -> Fraction:
    if isinstance(v, bool) or not isinstance(v, int | float | str | Decimal | Fraction):
        raise WaardeFout(f"Verwacht een getal, gevonden {v!r}.")
    tekst = v
    is_pct = isinstance(v, str) and v.strip().endswith("%")
    if is_pct:
        assert isinstance(v, str)
        tekst = v.strip()[:-1].strip()
        if t.soort != "percentage":
            raise WaardeFout(f"'{v}' is een percentage, maar hier wordt {t.beschrijf()} verwacht.")
    try:
        waarde, eenheid_tekst = parse_getal(tekst)
    except ValueError as e:
        raise WaardeFout(str(e)) from e
    if eenheid_tekst:
        try:
            eenheid = eenheden.parse(eenheid_tekst)
        except EenheidFout as e:
            raise WaardeFout(str(e)) from e
        doel = t.eenheid or eenheden.parse("")
        f = eenheden.factor(eenheid, doel)
        if f is None:
            raise WaardeFout(f"Eenheid '{eenheid_tekst}' past niet bij '{doel}'.")
        waarde *= f
    if t.decimalen is not None and not past_in_decimalen(waarde, t.decimalen):
        raise WaardeFout(f"{format_getal(waarde)} heeft meer dan {t.decimalen} decimalen.")
    # "negatief" in a number spec permits negative values; only the other two restrict.
    if (t.teken == "niet-negatief" and waarde < 0) or (t.teken == "positief" and waarde <= 0):
        raise WaardeFout(f"{format_getal(waarde)} is niet {t.teken}.")
    return waarde
