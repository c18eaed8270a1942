"""The calendar in z3, exactly: the first day of a month or year (`de eerste dag van de maand|het jaar
(van|na) D`), `de datum met jaar, maand en dag` on constant arguments, and a bare period at the moment
of a timeline model's stretch.

Why exact: a timeline model cuts its year at dates computed from inputs (the month after a birthday,
art. 16 AOW). Left free, two rules written for adjacent periods (`… tot de eerste dag van de maand van
D` and `… vanaf de eerste dag van de maand van D`) look as if they overlap, and every conflict question
about them turns into a long search for a case the interpreter then refuses. Encoded in the civil
calendar (integer arithmetic with constant divisors only: linear), such a pair is disjoint by a short
proof. The moment is a free day of the stretch (`WorldEncoder.moment`), so a proof holds on every day
of it, as the interpreter evaluates the rule per knip stretch.

>>> import z3
>>> from regelspraak.analyses.solver.operators import civiel, z_dimensie
>>> y = z3.IntVal(2025)
>>> z3.simplify(civiel(y, _EEN, _EEN)).as_long() == date(2025, 1, 1).toordinal()
True
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import z3

from regelspraak.analyses.solver.operators import civiel, z_dimensie
from regelspraak.analyses.solver.values import ONWAAR, Frame, Val, Z, z_en, z_leeg, z_niet, z_of
from regelspraak.model import ir
from regelspraak.values.fouten import Rekenfout
from regelspraak.values.functies import datum_met

if TYPE_CHECKING:
    from regelspraak.analyses.solver.expressions import ExprEncoder

JAAR_MAX = 9999  # date.max.year: the month or year after December 9999 is a run-time error


_EEN = z3.IntVal(1)  # civiel's arithmetic must stay in z3 integers (a Python int divides as a float)


def datumfunctie(enc: ExprEncoder, x: ir.Functie, f: Frame) -> Val | None:
    """`x` exactly, or None when it is not a calendar function encoded here (then it stays free)."""
    if x.naam.startswith("eerste_dag"):
        v = enc.expr(x.args[0], f)
        if v.soort != "datum" or x.args[0].type.soort != "datum":
            return None  # a date and time (milliseconds): not encoded
        y, m, _ = enc.ymd(v.w)
        fout: Z = ONWAAR
        # The first day of the next month is the first day of this month plus the days in it: a day count
        # between the two then simplifies to the days in the month, 28 to 31 (solver/splitsen.py).
        if x.naam == "eerste_dag_maand":
            w = civiel(y, m, _EEN)
        elif x.naam == "eerste_dag_maand_na":
            w, fout = civiel(y, m, _EEN) + z_dimensie(y, m), z3.And(m == 12, y >= JAAR_MAX)
        elif x.naam == "eerste_dag_jaar":
            w = civiel(y, _EEN, _EEN)
        else:
            w, fout = civiel(y + 1, _EEN, _EEN), y >= JAAR_MAX
        return Val("datum", w, v.leeg, z_of(v.fout, z_en(z_niet(v.leeg), fout)))
    if x.naam == "datum_met":
        args = [enc.expr(a, f) for a in x.args]
        getallen = []
        for a in args:
            n = z3.simplify(a.n) if a.n is not None and a.d == 1 else None
            if n is None or not z3.is_int_value(n) or not z3.is_false(z3.simplify(a.leeg)):
                return None  # only constant arguments (het jaar uit de Rekendatum, 1, 1)
            getallen.append(n.as_long())
        try:
            d = datum_met(*getallen)
        except Rekenfout:
            return Val("datum", z3.IntVal(1), ONWAAR, z3.BoolVal(True))
        if d is None:
            return z_leeg("datum")
        return Val("datum", z3.IntVal(d.toordinal()))
    return None


def periode(enc: ExprEncoder, c: ir.Periode, f: Frame) -> Val | None:
    """Whether bare period `c` holds at the encoded moment, as `evaluate/tijd_expr.periode` decides it
    (a leeg or non-date boundary: it does not hold); None outside a timeline stretch or with a date and
    time boundary (then it stays free)."""
    if enc.stuk is None:
        return None
    grenzen: list[Val | None] = []
    for grens in (c.vanaf, c.tot):
        if grens is None:
            grenzen.append(None)
            continue
        if grens.type.soort not in ("datum", "leeg"):
            return None
        grenzen.append(enc.expr(grens, f))
    t = enc.moment()
    geldt: list[Z] = []
    leeg: list[Z] = []
    fout: list[Z] = []
    vanaf, tot = grenzen
    if vanaf is not None:
        if vanaf.soort not in ("datum", "leeg"):
            return None
        leeg.append(vanaf.leeg)
        fout.append(vanaf.fout)
        if vanaf.soort == "datum":
            geldt.append(vanaf.w <= t)
    if tot is not None:
        if tot.soort not in ("datum", "leeg"):
            return None
        leeg.append(tot.leeg)
        fout.append(tot.fout)
        if tot.soort == "datum":
            geldt.append(t < tot.w + 1 if c.tot_en_met else t < tot.w)
    if any(g is not None and g.soort == "leeg" for g in grenzen):
        return Val("bool", z3.BoolVal(False), ONWAAR, z_of(*fout))
    return Val("bool", z_en(z_niet(z_of(*leeg)), *geldt), ONWAAR, z_of(*fout))


def moment_datum(m: z3.ModelRef, moment: Z) -> date:
    """The day a z3 model chose as the moment of the question."""
    return date.fromordinal(m.eval(moment, model_completion=True).as_long())
