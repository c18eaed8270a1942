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
from fractions import Fraction

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
    # The finer stretches within this one where only a parameter that is not a number changes (a date
    # per month): one question covers them all, that parameter chosen by a stretch index (exact).
    deel: tuple[Stuk, ...] = ()

    def label(self) -> str:
        """`01-01-2025 t/m 30-06-2025` (Dutch, inclusive end), with its finer stretches counted."""
        eigen = f"{self.vanaf:%d-%m-%Y} t/m {self.tot - timedelta(days=1):%d-%m-%Y}"
        return eigen + (f" ({len(self.deel)} deelstukken)" if self.deel else "")

    def varieert(self) -> list[str]:
        """The parameters whose value differs between the finer stretches (chosen by the stretch index)."""
        if not self.deel:
            return []
        return sorted(k for k in self.parameters if len({repr(d.parameters.get(k)) for d in self.deel}) > 1)


def per_tijd(regel: ir.Regel) -> bool:
    """Whether the interpreter runs `regel` per knip stretch (a version reads a timeline or depends on
    the moment): then each version holds within its own geldigheid; any other rule runs the versions
    valid on the rekendatum (evaluate/interpret.py)."""
    from regelspraak.model.order import roots_of
    from regelspraak.model.tijd import periodes, tijdgebonden

    return any(periodes(root) or tijdgebonden(root) for v in regel.versies for root in roots_of(v))


def geldig_op_moment(regel: ir.Regel, versie: ir.Versie, rekendatum: date, stuk: Stuk | None) -> bool:
    """Whether `versie` is the one the interpreter runs on `stuk` (a stretch of a timeline model) or,
    without a stretch, on the rekendatum."""
    return versie.geldig_op(stuk.vanaf if stuk is not None and per_tijd(regel) else rekendatum)


def geldig(ctx: object, regel: ir.Regel, versie: ir.Versie) -> bool:
    """`geldig_op_moment` for an analysis context (its `stuk`, if any, and its rekendatum)."""
    rekendatum = getattr(ctx, "rekendatum")  # noqa: B009
    assert isinstance(rekendatum, date)
    return geldig_op_moment(regel, versie, rekendatum, getattr(ctx, "stuk", None))


def is_tijdlijnmodel(model: ir.Model) -> bool:
    from regelspraak.model.tijd import eerste_tijdlijn

    return eerste_tijdlijn(model) is not None


def grenzen_tot_stukken(rekendatum: date, parameters: dict[str, ir.Waarde],
                        versies: Iterable[ir.Versie]) -> list[Stuk]:
    """Every stretch of the year of `rekendatum` on which the parameters and the valid rule versions
    are constant, in order."""
    begin, einde = date(rekendatum.year, 1, 1), date(rekendatum.year + 1, 1, 1)
    grenzen = {begin, einde}
    for v in versies:  # the versions of rules that run per knip stretch (`per_tijd`)
        if v.vanaf is not None and begin < v.vanaf < einde:
            grenzen.add(v.vanaf)
        if v.tot_en_met is not None and begin <= v.tot_en_met < einde - timedelta(days=1):
            grenzen.add(v.tot_en_met + timedelta(days=1))
    lijnen = {k: w for k, w in parameters.items() if isinstance(w, Tijdlijn)}

    def stuk(a: date, b: date, deel: tuple[Stuk, ...] = ()) -> Stuk:
        return Stuk(a, b, {k: (w.op(a) if isinstance(w, Tijdlijn) else w) for k, w in parameters.items()}, lijnen,
                    deel)

    # [besluit] Numbers cut the year into stretches of their own (a changed amount changes products, which
    # z3 decides best as constants); a date or other value per month only cuts finer stretches within them.
    grof = set(grenzen)
    for w in lijnen.values():
        if any(isinstance(x.waarde, Fraction) for x in w.stukken):
            grof |= {g for g in w.grenzen if begin < g < einde}
    fijn = sorted(grenzen | {g for w in lijnen.values() for g in w.grenzen if begin < g < einde})
    uit = []
    for a, b in itertools.pairwise(sorted(grof)):
        binnen = [p for p in fijn if a <= p <= b]
        delen = tuple(stuk(x, y) for x, y in itertools.pairwise(binnen))
        uit.append(stuk(a, b, delen if len(delen) > 1 else ()))
    return uit


def stukken(model: ir.Model, rekendatum: date, parameters: dict[str, ir.Waarde]) -> list[Stuk]:
    """The stretches of a timeline model's berekeningsjaar (see the module docstring)."""
    return grenzen_tot_stukken(rekendatum, parameters, (v for r in model.regels if per_tijd(r) for v in r.versies))
