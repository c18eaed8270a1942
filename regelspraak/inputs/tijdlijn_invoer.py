"""A timeline in a case file (taal.md §11): a list of `{vanaf, tot, waarde}` stretches, or for a
monthly timeline one 12-item list per year.

    het maandbedrag:                 het maandbedrag:
      - {vanaf: 2023-01-01, tot: 2024-01-01, waarde: 10}      2024: [10, 10, 10, 10, 10, 10, 11, 11, 11, 11, 11, 11]
      - {vanaf: 2024-01-01, tot: 2024-07-01, waarde: 11}

`tot` is exclusive. Stretches must be in order and must not overlap; a gap is leeg. Each problem is
a `TijdlijnFout` whose `pad` points at the field (stretch number, `vanaf`/`tot`/`waarde`, or the year
and month), so the caller reports file, line and field.

>>> from regelspraak.model import ir
>>> from regelspraak.values.units import Eenheden
>>> t = ir.Type("numeriek", Eenheden().parse("€"), 2, periode="maand")
>>> lees([{"vanaf": "2024-01-01", "tot": "2024-03-01", "waarde": "10"}], t, Eenheden()).stukken[0].waarde
Fraction(10, 1)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from regelspraak.inputs.values import WaardeFout
from regelspraak.values.fouten import Rekenfout
from regelspraak.values.notation import parse_datum
from regelspraak.values.tijdlijn import MAX_STUKKEN, Tijdlijn
from regelspraak.values.units import Eenheden


class TijdlijnFout(WaardeFout):
    """A bad timeline in an input file; `pad` is the field below the attribute."""

    def __init__(self, bericht: str, pad: tuple[str | int, ...] = ()) -> None:
        super().__init__(bericht)
        self.pad = pad


_VELDEN = {"vanaf", "tot", "waarde"}


def lees(v: object, t: Any, eenheden: Eenheden, waarde: Callable[[object], Any] | None = None) -> Tijdlijn:
    """`v` as a timeline of type `t` (an `ir.Type` with `periode`); `waarde` converts one value
    (default: `inputs.values.convert` for `t` without its period)."""
    import dataclasses

    from regelspraak.inputs.values import convert

    basis = dataclasses.replace(t, periode=None)

    def een(x: object, pad: tuple[str | int, ...]) -> Any:
        try:
            return waarde(x) if waarde is not None else convert(x, basis, eenheden)
        except WaardeFout as e:
            raise TijdlijnFout(str(e), pad) from e

    if isinstance(v, dict) and _VELDEN & {str(k) for k in v}:
        raise TijdlijnFout("Verwacht een lijst van stukken: zet '- ' voor elk stuk {vanaf, tot, waarde}.")
    if isinstance(v, dict) and t.periode == "maand":
        return _per_jaar(v, t.periode, een)
    if not isinstance(v, list):
        raise TijdlijnFout(f"Verwacht een tijdlijn (per {t.periode}), met een begin en een einde: een lijst van "
                           "{vanaf, tot, waarde}" + (" of per jaar een lijst van 12 maandwaarden."
                                                     if t.periode == "maand" else "."))
    if len(v) > MAX_STUKKEN:
        raise TijdlijnFout(f"Een tijdlijn heeft hoogstens {MAX_STUKKEN} stukken; deze heeft er {len(v)}.")
    if t.periode == "maand" and v and not any(isinstance(x, dict | list) for x in v):
        # Bare monthly values: the year they belong to is missing (the form is {2025: [12 values]}).
        raise TijdlijnFout(f"Een lijst van {len(v)} maandwaarden zonder jaar: schrijf ze onder het jaartal, als "
                           "{2025: [januari, …, december]} met 12 waarden, of als stukken {vanaf, tot, waarde}.")
    stukken: list[tuple[date, date, Any]] = []
    for i, item in enumerate(v):
        if not isinstance(item, dict):
            raise TijdlijnFout("Verwacht een stuk {vanaf, tot, waarde}.", (i,))
        onbekend = sorted(str(k) for k in item if k not in _VELDEN)
        if onbekend:
            raise TijdlijnFout(f"Onbekend veld '{onbekend[0]}' in een stuk van de tijdlijn; velden: vanaf, tot, "
                               "waarde.", (i, onbekend[0]))
        for veld in ("vanaf", "tot", "waarde"):
            if veld not in item:
                raise TijdlijnFout(f"Veld '{veld}' ontbreekt in stuk {i + 1} van de tijdlijn.", (i,))
        vanaf, tot = _datum(item["vanaf"], (i, "vanaf")), _datum(item["tot"], (i, "tot"))
        if not vanaf < tot:
            raise TijdlijnFout(f"Stuk {i + 1}: 'tot' ({tot:%d-%m-%Y}) ligt niet na 'vanaf' ({vanaf:%d-%m-%Y}); "
                               "'tot' is de eerste dag die er niet meer bij hoort.", (i, "tot"))
        if stukken and vanaf < stukken[-1][1]:
            raise TijdlijnFout(f"Stuk {i + 1} begint op {vanaf:%d-%m-%Y}, vóór het einde van stuk {i} "
                               f"({stukken[-1][1]:%d-%m-%Y}): stukken moeten op volgorde staan en mogen niet "
                               "overlappen.", (i, "vanaf"))
        stukken.append((vanaf, tot, een(item["waarde"], (i, "waarde"))))
    return _maak(t.periode, stukken)


def _per_jaar(v: dict[Any, Any], periode: str, een: Callable[[object, tuple[str | int, ...]], Any]) -> Tijdlijn:
    stukken: list[tuple[date, date, Any]] = []
    for sleutel in sorted(v, key=str):
        jaar = _jaar(sleutel)
        maanden = v[sleutel]
        if not isinstance(maanden, list) or len(maanden) != 12:
            gevonden = len(maanden) if isinstance(maanden, list) else "geen lijst"
            raise TijdlijnFout(f"Jaar {jaar}: verwacht een lijst van 12 maandwaarden (januari tot en met december)"
                               f", gevonden {gevonden}.", (str(sleutel),))
        for m, x in enumerate(maanden, start=1):
            tot = date(jaar + 1, 1, 1) if m == 12 else date(jaar, m + 1, 1)
            stukken.append((date(jaar, m, 1), tot, een(x, (str(sleutel), m - 1))))
    return _maak(periode, stukken)


def _jaar(sleutel: object) -> int:
    tekst = str(sleutel).strip()
    if isinstance(sleutel, bool) or not tekst.isdigit() or not 1 <= int(tekst) <= 9998:
        raise TijdlijnFout(f"Verwacht een jaartal als sleutel, gevonden {sleutel!r}.", (str(sleutel),))
    return int(tekst)


def _datum(x: object, pad: tuple[str | int, ...]) -> date:
    if isinstance(x, Decimal | int | float) or not isinstance(x, date | str):
        raise TijdlijnFout(f"Verwacht een datum (2025-01-01 of 01-01-2025), gevonden {x!r}.", pad)
    try:
        return parse_datum(x)
    except ValueError as e:
        raise TijdlijnFout(str(e), pad) from e


def _maak(periode: str, stukken: list[tuple[date, date, Any]]) -> Tijdlijn:
    try:
        return Tijdlijn.maak(periode, stukken)
    except Rekenfout as e:
        raise TijdlijnFout(e.bericht) from e


def parameter_stuk(waarde: object, vanaf: date, tot_en_met: date, t: Any, eenheden: Eenheden,
                   bron: str | None) -> tuple[date, date, Any, str]:
    """One dated value of a timeline parameter in a parameter file, as a stretch `[vanaf, tot_en_met + 1)`.
    Both ends are required: a stretch without begin or end has no periods to count."""
    import dataclasses
    from datetime import timedelta

    from regelspraak.inputs.values import convert

    if vanaf == date.min or tot_en_met == date.max:
        raise TijdlijnFout(f"Een tijdlijn-parameter (per {t.periode}) vraagt bij elke waarde 'vanaf' en 'tot_en_met'.")
    if tot_en_met >= date(9999, 12, 31):
        raise TijdlijnFout("'tot_en_met' ligt buiten het bereik van een tijdlijn.")
    return vanaf, tot_en_met + timedelta(days=1), convert(waarde, dataclasses.replace(t, periode=None), eenheden), \
        bron or ""


def parameter_tijdlijn(stukken: list[tuple[date, date, Any, str]], t: Any) -> tuple[Tijdlijn, str]:
    """The dated values of a timeline parameter as one timeline (in date order), and their bronnen."""
    geordend = sorted(stukken, key=lambda s: s[0])
    bronnen = "; ".join(dict.fromkeys(b for *_, b in geordend if b))
    return _maak(t.periode, [(a, b, w) for a, b, w, _ in geordend]), bronnen



def binnen_berekeningsjaar(lijn: Tijdlijn, rekendatum: date) -> Tijdlijn:
    """A timeline parameter from a parameter file as it holds in the calculation year (the year of the
    rekendatum), as a plain parameter holds its value on the rekendatum: a parameter file may date values
    for several years (a model for 2024 and 2025), a calculation is for one year. Both engines read the
    same stretches, so the period axis (twelve months of that year) need not fall back.

    >>> from regelspraak.values.tijdlijn import Tijdlijn
    >>> jaren = [(date(2024, 1, 1), date(2025, 1, 1), 1), (date(2025, 1, 1), date(2026, 1, 1), 2)]
    >>> lijn = Tijdlijn.maak("maand", jaren)
    >>> [(s.vanaf.year, s.waarde) for s in binnen_berekeningsjaar(lijn, date(2025, 7, 1)).stukken]
    [(2025, 2)]
    """
    if rekendatum.year >= 9999:
        return lijn
    begin, eind = date(rekendatum.year, 1, 1), date(rekendatum.year + 1, 1, 1)
    stukken = [(max(s.vanaf, begin), min(s.tot, eind), s.waarde) for s in lijn.stukken
               if s.vanaf < eind and s.tot > begin]
    return _maak(lijn.periode, stukken)
