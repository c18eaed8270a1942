"""Products and quotients of two variable numbers kept linear by a case split, when one of them can
only take a few constant values.

Why: z3 decides linear arithmetic quickly and exactly, but one product of two variables anywhere in
a question sends it to its non-linear procedures, which may search until the resource limit is
spent. The typical case in a timeline model is a day fraction: the days paid in a month divided by
the days in that month (art. 16 AOW, the first month per day). The days in a month are not a free
number: simplified, the term is a choice between 28, 29, 30 and 31 (`solver/kalender.py` writes the
first day of the next month as the first day of this month plus the days in it). Dividing by such a
term is the same as choosing between four divisions by a constant, which is linear; likewise a
product with a term that is one of a few amounts (a parameter per leefvorm). The encoding stays
exact: nothing is approximated, only written differently.

>>> import z3
>>> m = z3.Int("m")
>>> bladeren(z3.If(m == 2, 28, z3.If(m == 4, 30, 31)))
[Fraction(28, 1), Fraction(30, 1), Fraction(31, 1)]
>>> bladeren(m + 1) is None
True
>>> gedeeld(z_getal(z3.Int("n")), z_getal(z3.If(m == 0, z3.IntVal(2270000), z3.IntVal(3050000)))) is None
True
"""

from __future__ import annotations

import math
from fractions import Fraction

import z3

from regelspraak.analyses.solver.values import Val, Z, z_getal, z_q

MAX_BLADEREN = 12  # at most this many constant values: a split into more cases is not made
# A division is split only when the least common multiple of its divisors' numerators stays at most this
# (the days in a month: lcm(28, 29, 30, 31) = 377,580). Every case is brought to that common multiple, so the
# question's coefficients grow by it, and z3's integer reasoning on big coefficients (its bound axioms, cuts)
# is work its resource count does not see: on the huurtoeslag (the normhuur divided by the inkomensijkpunt,
# one of two amounts in cents per type of household: lcm 6,923,500 and 55,429,875) one RS220 question ran
# for minutes in `theory_lra::mk_bound_axioms` inside a limit of 20,000,000 units. Unsplit, the quotient
# stays non-linear, which a stretch's question leaves undecided rather than guessed.
MAX_VEELVOUD = 1_000_000


def _constante(t: Z) -> Fraction | None:
    if z3.is_int_value(t):
        return Fraction(t.as_long())
    if z3.is_rational_value(t):
        return Fraction(t.numerator_as_long(), t.denominator_as_long())
    return None


def bladeren(t: Z) -> list[Fraction] | None:
    """The constant values a term built of if-then-else over constants can take (sorted), or None."""
    uit: set[Fraction] = set()
    rij = [z3.simplify(t)]
    while rij:
        x = rij.pop()
        c = _constante(x)
        if c is not None:
            uit.add(c)
        elif z3.is_app_of(x, z3.Z3_OP_ITE):
            rij += [x.arg(1), x.arg(2)]
        else:
            return None
        if len(uit) > MAX_BLADEREN:
            return None
    return sorted(uit)


def _term(v: Val) -> Z:
    return v.n if v.n is not None else v.w


def _kies(term: Z, waarden: list[Fraction], maak: list[Z]) -> Z:
    """`maak[i]` where `term` equals `waarden[i]` (the last one otherwise: the term takes no other value)."""
    uit = maak[-1]
    for c, x in zip(reversed(waarden[:-1]), reversed(maak[:-1]), strict=True):
        uit = z3.If(term == (z3.IntVal(int(c)) if c.denominator == 1 and z3.is_int(term) else z_q(c)), x, uit)
    return uit


def gedeeld(a: Val, b: Val) -> Val | None:
    """a / b by cases of b's constant values (division by 0 gives 0; the caller flags it as an error),
    in integer form when a is; None when b is not a choice between constants."""
    if (a.n is None and a.w is None) or (b.n is None and b.w is None):
        return None
    waarden = bladeren(_term(b))
    if waarden is None:
        return None
    if b.n is not None and b.d != 1:
        waarden = [w / b.d for w in waarden]
    noemers = [abs(c.numerator) for c in waarden if c != 0]
    veelvoud = math.lcm(*noemers) if noemers else 1
    if veelvoud > MAX_VEELVOUD:
        return None
    if a.n is not None:
        # a.n / a.d / (p/q) = a.n * q * (L/p) / (a.d * L): one denominator for every case
        maak = [a.n * (c.denominator * (veelvoud // c.numerator)) if c != 0 else z3.IntVal(0) for c in waarden]
        return z_getal(_kies(_term(b), _ruw(waarden, b), maak), a.d * veelvoud)
    maak = [a.w / z_q(c) if c != 0 else z_q(0) for c in waarden]
    return z_getal(w=_kies(_term(b), _ruw(waarden, b), maak))


def maal(a: Val, b: Val) -> Val | None:
    """a * b by cases of the constant values of one of them (integer form when both are); None when
    neither is a choice between constants."""
    for x, y in ((a, b), (b, a)):
        if (x.n is None and x.w is None) or (y.n is None and y.w is None):
            return None
        waarden = bladeren(_term(x))
        if waarden is None:
            continue
        if x.n is not None and y.n is not None:
            maak = [y.n * int(c) for c in waarden]
            return z_getal(_kies(_term(x), waarden, maak), x.d * y.d)
        yr = y.w if y.n is None else (z3.ToReal(y.n) / y.d)
        schaal = x.d if x.n is not None else 1
        return z_getal(w=_kies(_term(x), waarden, [yr * z_q(c / schaal) for c in waarden]))
    return None


def _ruw(waarden: list[Fraction], b: Val) -> list[Fraction]:
    """The values of b's own term (its numerator when b is in integer form)."""
    return [w * b.d for w in waarden] if b.n is not None and b.d != 1 else waarden
