"""Labels on a curve never overlap (issue 15): threshold labels keep their distance from each
other, and cliff labels move out of the way of threshold labels."""

from __future__ import annotations

import re
from fractions import Fraction

from regelspraak.report.curves import Reeks, kromme

_TEKST = re.compile(r'<text x="([\d.]+)" y="([\d.]+)"[^>]*text-anchor="(\w+)"[^>]*font-size="(\d+)"'
                    r'[^>]*>([^<]*)</text>')


def _vakken(svg: str) -> list[tuple[float, float, float, float, str]]:
    out = []
    for x, y, anker, grootte, tekst in _TEKST.findall(svg):
        if not (tekst.startswith("drempel") or tekst.startswith("klif")):
            continue
        b = len(tekst) * float(grootte) * 0.6
        x0 = float(x) if anker == "start" else float(x) - b
        out.append((x0, x0 + b, float(y) - float(grootte), float(y), tekst))
    return out


def test_close_thresholds_and_a_cliff_get_no_overlapping_labels() -> None:
    punten: list[list[object]] = [[x, 1500 if x < 30000 else 0] for x in range(0, 60001, 500)]
    r = Reeks.uit(punten)
    svg = kromme("zorgtoeslag", "inkomen", r, r, [Fraction(20000), Fraction(25800), Fraction(29500), Fraction(45000)],
                 "voorbeeld", "Figuur 1.")
    vakken = _vakken(svg.split("Ingezoomd")[0])
    assert any(t.startswith("drempel") for *_, t in vakken) and any(t.startswith("klif") for *_, t in vakken)
    for i, a in enumerate(vakken):
        for b in vakken[i + 1:]:
            overlap = a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]
            assert not overlap, (a, b)
