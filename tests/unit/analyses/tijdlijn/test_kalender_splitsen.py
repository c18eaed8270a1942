"""The exact calendar and the case split of the z3 encoding (analyses/solver/kalender.py, splitsen.py)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

import z3

from regelspraak.analyses import context
from regelspraak.analyses.conflicts import conflicten
from regelspraak.analyses.solver.operators import civiel, rekenkunde, z_dimensie
from regelspraak.analyses.solver.splitsen import bladeren, gedeeld
from regelspraak.analyses.solver.values import reeel, z_getal
from regelspraak.analyses.stukgewijs import per_stuk

AOW = Path(__file__).resolve().parents[4] / "wetten" / "aow"


def test_dagen_van_de_maand_zijn_vier_constanten() -> None:
    y, m = z3.Ints("y m")
    een = z3.IntVal(1)
    begin = civiel(y, m, een)
    assert bladeren((begin + z_dimensie(y, m)) - begin) == [Fraction(n) for n in (28, 29, 30, 31)]
    assert bladeren(y + 1) is None


def test_dagfractie_is_lineair_en_exact() -> None:
    """Days paid / days in the month: at most 1 is proven without non-linear arithmetic."""
    y, m, d = z3.Ints("y m d")
    dim = z_dimensie(y, m)
    q = gedeeld(z_getal(dim - d + 1), z_getal(dim))
    assert q is not None and q.n is not None
    s = z3.Solver()
    s.set("arith.nl", False)
    s.add(m >= 1, m <= 12, d >= 1, d <= dim, reeel(q) > 1)
    assert s.check() == z3.unsat
    s = z3.Solver()
    s.add(m == 2, y == 2024, d == 15, reeel(q) * 29 != 15)
    assert s.check() == z3.unsat  # 15 of the 29 days of February 2024


def test_product_met_een_keuze_tussen_bedragen() -> None:
    n, k = z3.Ints("n k")
    keuze = z_getal(z3.If(k == 0, z3.IntVal(108150), z3.IntVal(158092)), 100)
    p = rekenkunde("maal", z_getal(n), keuze)
    assert not z3.is_app_of(z3.simplify(p.n), z3.Z3_OP_MUL) or z3.is_int_value(z3.simplify(p.n).arg(0))
    s = z3.Solver()
    s.add(n == 3, k == 1, reeel(p) * 100 != 3 * 158092)
    assert s.check() == z3.unsat


def test_aangrenzende_perioden_van_de_aow_zijn_bewezen_zonder_conflict() -> None:
    """'… tot de eerste dag van de maand van D' and '… vanaf die dag' never overlap: every pair of rules
    writing the same attribute is proven free of conflict on both stretches of 2025 (with the calendar
    functions free, they were 'niet beslist' after minutes of search)."""
    ctx = context.load(AOW, date(2025, 7, 1))
    assert per_stuk(conflicten, ctx) == []
