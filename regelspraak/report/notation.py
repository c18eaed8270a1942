"""Dutch notation for readers of the HTML report: compact axis labels ("€ 7,4 mld") here; amounts,
changes, counts and shares from the one Dutch formatter, `values/leesbaar.py`.

>>> bedrag("1234.5"), bedrag("-37499780"), verschil("41485656"), aantal(4914662)
('€ 1.234,50', '−€ 37.499.780', '+€ 41.485.656', '4.914.662')
"""

from __future__ import annotations

import math

from regelspraak.values.leesbaar import MIN, aantal, bedrag, getal, getal_tekst, groepeer, procent, verschil

__all__ = ["MIN", "aantal", "bedrag", "getal", "getal_tekst", "kort", "procent", "verschil"]

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
        tekst = groepeer(int(heel)) + ("," + deel if deel else "")
    else:
        tekst = groepeer(int(tekst))
    teken = MIN if x < 0 and tekst.strip("0,") else ""
    return f"{teken}€ {tekst}{eenheid}" if euro else f"{teken}{tekst}{eenheid}"
