"""The stretches of the berekeningsjaar on which a timeline model is encoded for z3 (issue 11).

The z3 analyses ask questions about one moment: every rule version valid then, every parameter
with its value then, every timeline read as its value then (a free input like any other). On a
stretch where no timeline parameter changes and no rule version starts or ends, the answer is the
same at every moment, so one question per stretch covers the stretch. The stretches are cut at
every boundary of a timeline parameter and of a rule version's geldigheid that falls inside the
berekeningsjaar (the year of the rekendatum): a parameter that changes on 1 July gives two.

What one moment cannot say is encoded as free values (an over-approximation, so a proof stays a
proof and a counterexample is only reported when the interpreter confirms it): the functions over
time (`het totaal van`, `het aantal dagen`, `het tijdsevenredig deel`), bare periods and `gedurende
het gehele jaar`. At most `MAX_STUKKEN` stretches are encoded; the rest are named as not checked.

>>> from datetime import date as d
>>> from fractions import Fraction as F
>>> from regelspraak.values.tijdlijn import Tijdlijn
>>> g = Tijdlijn.maak("maand", [(d(2025, 1, 1), d(2025, 7, 1), F(2000)), (d(2025, 7, 1), d(2026, 1, 1), F(2100))])
>>> [(s.vanaf.isoformat(), s.parameters["grens"]) for s in grenzen_tot_stukken(d(2025, 7, 1), {"grens": g}, [])]
[('2025-01-01', Fraction(2000, 1)), ('2025-07-01', Fraction(2100, 1))]
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from regelspraak.model import ir
from regelspraak.values.tijdlijn import Tijdlijn

# z3 questions per stretch: a model whose parameters change every month has 12 stretches; more
# (a parameter per dag) would multiply every analysis's questions, so the rest is reported instead.
MAX_STUKKEN = 12


@dataclass(frozen=True)
class Stuk:
    """One stretch `[vanaf, tot)` of the berekeningsjaar with the parameter values on it (a timeline
    parameter as its value on the stretch; the others as on the rekendatum)."""

    vanaf: date
    tot: date
    parameters: dict[str, ir.Waarde]
    tijdlijnen: dict[str, Tijdlijn]  # the timeline parameters whole (a counterexample case gives them whole)

    def label(self) -> str:
        """`01-01-2025 t/m 30-06-2025` (Dutch, inclusive end)."""
        return f"{self.vanaf:%d-%m-%Y} t/m {self.tot - timedelta(days=1):%d-%m-%Y}"


def moment(ctx: object) -> date:
    """The date the rule versions are chosen on: the start of the encoded stretch of a timeline model,
    else the rekendatum."""
    stuk = getattr(ctx, "stuk", None)
    d = stuk.vanaf if stuk is not None else getattr(ctx, "rekendatum")  # noqa: B009
    assert isinstance(d, date)
    return d


def is_tijdlijnmodel(model: ir.Model) -> bool:
    from regelspraak.model.tijd import eerste_tijdlijn

    return eerste_tijdlijn(model) is not None


def grenzen_tot_stukken(rekendatum: date, parameters: dict[str, ir.Waarde],
                        versies: Iterable[ir.Versie]) -> list[Stuk]:
    """Every stretch of the year of `rekendatum` on which the parameters and the valid rule versions
    are constant, in order."""
    begin, einde = date(rekendatum.year, 1, 1), date(rekendatum.year + 1, 1, 1)
    grenzen = {begin, einde}
    for w in parameters.values():
        if isinstance(w, Tijdlijn):
            grenzen |= {g for g in w.grenzen if begin < g < einde}
    for v in versies:
        if v.vanaf is not None and begin < v.vanaf < einde:
            grenzen.add(v.vanaf)
        if v.tot_en_met is not None and begin <= v.tot_en_met < einde - timedelta(days=1):
            grenzen.add(v.tot_en_met + timedelta(days=1))
    punten = sorted(grenzen)
    lijnen = {k: w for k, w in parameters.items() if isinstance(w, Tijdlijn)}
    return [Stuk(a, b, {k: (w.op(a) if isinstance(w, Tijdlijn) else w) for k, w in parameters.items()}, lijnen)
            for a, b in itertools.pairwise(punten)]


def stukken(model: ir.Model, rekendatum: date, parameters: dict[str, ir.Waarde]) -> list[Stuk]:
    """The stretches of a timeline model's berekeningsjaar (see the module docstring)."""
    return grenzen_tot_stukken(rekendatum, parameters, (v for r in model.regels for v in r.versies))
