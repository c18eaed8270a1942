"""Numbers in the structure of input files (scenario, mapping, analyse.yaml) through the one number
reader (`values.notation`), as pydantic field types: `personen: "1.000.000"`, `personen: 1.000.000`
and `personen: 1000000` are the same; `personen: 40.000` is refused as ambiguous, naming both readings.

>>> from pydantic import BaseModel
>>> class S(BaseModel):
...     personen: GeheelGetal
...     aandeel: Fractie = 0.5
>>> S.model_validate({"personen": "1.000.000", "aandeel": "0,25"})
S(personen=1000000, aandeel=0.25)
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Annotated

from pydantic import BeforeValidator

from regelspraak.values.notation import format_getal, parse_getal


def lees_getal(v: object) -> Fraction:
    """An exact number without a unit, from an int, a Decimal (an unquoted YAML number) or a string
    in either notation; ValueError with a Dutch message otherwise."""
    if not isinstance(v, int | str | Decimal | Fraction | float):
        raise ValueError(f"verwacht een getal, niet {type(v).__name__}")
    waarde, eenheid = parse_getal(v)
    if eenheid is not None:
        raise ValueError(f"verwacht een getal zonder eenheid, niet '{v}'")
    return waarde


def lees_geheel(v: object) -> int:
    waarde = lees_getal(v)
    if waarde.denominator != 1:
        raise ValueError(f"verwacht een geheel getal, niet {format_getal(waarde)}")
    return int(waarde)


def _fractie(v: object) -> float:
    # A share or probability that numpy uses as a float; read exactly first, so "0,25" and 40.000
    # are read by the rule and not by float().
    return float(lees_getal(v))


GeheelGetal = Annotated[int, BeforeValidator(lees_geheel)]
Getal = Annotated[Fraction, BeforeValidator(lees_getal)]
Fractie = Annotated[float, BeforeValidator(_fractie)]
