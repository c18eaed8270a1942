"""What a jump in a timeline output is per calendar month (issue 11: a cliff in a monthly amount is found
per month and summed per year).

The sweeps follow a timeline output's yearly total (`batch.jaartotaal`); at a jump the interpreter's
outcomes just before and after it give the output per month: the amount *in* each month of the
berekeningsjaar (`het totaal van` over that month: a month of a timeline per maand counts once, a
timeline per jaar its days' share), summed over the objects of the output's type, as the yearly total
sums them. The months' changes add up to the yearly change exactly.

>>> maanden_tekst([(1, Fraction(-100)), (2, Fraction(-100)), (7, Fraction(-50))])
'€ 100 in januari t/m februari en € 50 in juli'
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from regelspraak.evaluate.interpret import Uitkomst
from regelspraak.model import ir
from regelspraak.values.leesbaar import getal_tekst
from regelspraak.values.notation import format_getal
from regelspraak.values.tijdlijn import Tijdlijn, totaal

MAANDNAMEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
              "november", "december")


def _maandbedragen(u: Uitkomst, a: ir.Attribuut, jaar: int) -> list[Fraction | None]:
    """Per month the amount of `a` in that month, summed over the objects of its type (None: leeg for all)."""
    uit: list[Fraction | None] = [None] * 12
    for inst in u.instanties.values():
        if inst.type != a.objecttype:
            continue
        lijn = inst.waarden.get(a.naam.lower())
        if not isinstance(lijn, Tijdlijn):
            continue
        for m in range(12):
            tot = date(jaar + (m + 1) // 12, (m + 1) % 12 + 1, 1)
            w = totaal(lijn, date(jaar, m + 1, 1), tot)
            if w is not None:
                uit[m] = (uit[m] or Fraction(0)) + w
    return uit


def per_maand(voor: Uitkomst, na: Uitkomst, a: ir.Attribuut, jaar: int) -> list[tuple[int, Fraction]]:
    """(month 1-12, change) for every month in which `a` changes between `voor` and `na` (leeg counts 0)."""
    v, n = _maandbedragen(voor, a, jaar), _maandbedragen(na, a, jaar)
    return [(m + 1, (n[m] or Fraction(0)) - (v[m] or Fraction(0))) for m in range(12)
            if (n[m] or Fraction(0)) != (v[m] or Fraction(0))]


def maanden_tekst(wijzigingen: list[tuple[int, Fraction]]) -> str:
    """Consecutive months with the same change as one range, in Dutch (amounts without sign)."""
    groepen: list[tuple[int, int, Fraction]] = []
    for m, d in wijzigingen:
        if groepen and groepen[-1][1] == m - 1 and groepen[-1][2] == d:
            groepen[-1] = (groepen[-1][0], m, d)
        else:
            groepen.append((m, m, d))
    delen = [f"€ {getal_tekst(abs(d))} in {MAANDNAMEN[a - 1]}" + (f" t/m {MAANDNAMEN[b - 1]}" if b > a else "")
             for a, b, d in groepen]
    return delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " en " + delen[-1]


def details(wijzigingen: list[tuple[int, Fraction]]) -> list[dict[str, str]]:
    """The per-month changes for a finding's details (machine notation)."""
    return [{"maand": f"{m:02d}", "verschil": format_getal(d)} for m, d in wijzigingen]
