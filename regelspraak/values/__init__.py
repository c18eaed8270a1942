"""Exact runtime value semantics of RegelSpraak, as pure functions.

The type checker (`regelspraak.model`) and both engines (`regelspraak.evaluate`) call these
functions, so that there is exactly one definition of what `plus`, rounding, `leeg`, date
arithmetic and units mean. Numbers are `fractions.Fraction` throughout; `None` is `leeg`.

- `rounding`:   the five rounding modes and begrenzing
- `arithmetic`: operators, predicates and aggregations on possibly-empty values
- `dates`:      tijdsduur, date plus/min duration, day numbers
- `units`:      units, Eenheidsystemen and the unit algebra
- `notation`:   numbers and dates as written in case, parameter and scenario files
- `fouten`:     `Rekenfout`, the runtime error with a Dutch message

>>> from fractions import Fraction
>>> from regelspraak.values.notation import format_getal
>>> from regelspraak.values.rounding import Afronding, afronden
>>> format_getal(afronden(Fraction("1341.6656"), Afronding.NAAR_BENEDEN, 2))
'1341.66'
"""
