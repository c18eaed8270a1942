"""The operators and predicates of RegelSpraak on encoded values, each with the leeg table of
regelspraak-taal.md §6 (also the run-time errors: division by zero or by leeg, two empty dates
compared, too many decimals for the target), rounding in all five modes, and the civil calendar
(year/month/day of a day number in linear integer arithmetic: division by constants only).
"""

from __future__ import annotations

import math
from datetime import date
from fractions import Fraction

import z3

from regelspraak.analyses.solver import splitsen
from regelspraak.analyses.solver.values import (
    ONWAAR,
    WAAR,
    Val,
    Z,
    als_soort,
    const,
    reeel,
    z_en,
    z_getal,
    z_niet,
    z_noemer,
    z_of,
    z_of_nul,
    z_q,
    z_schaal,
)
from regelspraak.values.rounding import Afronding

DAG_MAX = date.max.toordinal()


# ---------------------------------------------------------------- the civil calendar


def z_dimensie(y: Z, m: Z) -> Z:
    schrikkel = z3.Or(z3.And(y % 4 == 0, y % 100 != 0), y % 400 == 0)
    return z3.If(m == 2, z3.If(schrikkel, 29, 28), z3.If(z3.Or(m == 4, m == 6, m == 9, m == 11), 30, 31))


def civiel(y: Z, m: Z, d: Z) -> Z:
    """Day number (date.toordinal) of year/month/day: Hinnant's days_from_civil, shifted."""
    yy = y - z3.If(m <= 2, 1, 0)
    era = yy / 400
    yoe = yy - era * 400
    mp = (m + 9) % 12
    doy = (153 * mp + 2) / 5 + d - 1
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468 + 719163


def z_min(a: Z, b: Z) -> Z:
    return z3.If(a < b, a, b)


# ---------------------------------------------------------------- comparing numbers


def z_vergelijk(op: str, a: Val, b: Val) -> Z:
    """a <op> b for two numbers (values only, leeg is the caller's business)."""
    noemer = z_noemer(a, b)
    x, y = (z_schaal(a, noemer), z_schaal(b, noemer)) if noemer is not None else (reeel(a), reeel(b))
    return {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y, "==": x == y, "!=": x != y}[op]


def vergelijk_constante(v: Val, op: str, k: Fraction) -> Z:
    """v <op> k for a number or a date (day number) and a constant (op: <, <=, >, >=, ==)."""
    if v.soort == "getal":
        return z_vergelijk(op, v, const(k))
    x, y = v.w, z3.IntVal(int(k))
    return {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y, "==": x == y, "!=": x != y}[op]


def verschillend(a: Val, b: Val) -> Z:
    """The interpreter's `oud != waarde` for two stored values: leeg differs from every value."""
    a, b = als_soort(a, b.soort), als_soort(b, a.soort)
    if a.soort == "getal" and b.soort == "getal":
        ongelijk = z_vergelijk("!=", a, b)
    else:
        ongelijk = a.w != b.w
    return z3.Or(a.leeg != b.leeg, z3.And(z3.Not(a.leeg), z3.Not(b.leeg), ongelijk))


def floor_div(n: Z, d: int) -> Z:
    # SMT-LIB integer division is Euclidean: for a positive divisor it is the floor.
    return n if d == 1 else n / d


def _ceil_div(n: Z, d: int) -> Z:
    return n if d == 1 else -((-n) / d)


# ---------------------------------------------------------------- arithmetic, rounding, predicates


def z_maal(v: Val, factor: Fraction | int) -> Val:
    if factor == 1 or v.soort != "getal":
        return v
    f = Fraction(factor)
    if v.n is not None:
        # n/d · p/q = (n·p)/(d·q); keep the denominator positive.
        teken = -1 if f.numerator < 0 else 1
        return z_getal(v.n * (f.numerator * teken) if f.numerator * teken != 1 else v.n, v.d * f.denominator,
                      leeg=v.leeg, fout=v.fout) if teken == 1 else z_getal(-(v.n * -f.numerator), v.d * f.denominator,
                                                                          leeg=v.leeg, fout=v.fout)
    return z_getal(w=v.w * z_q(f), leeg=v.leeg, fout=v.fout)


def z_som(vals: list[Val]) -> Val:
    """The sum of the non-leeg values (leeg counts as 0); the result is never leeg."""
    vals = [v for v in vals if v.soort == "getal"]
    if not vals:
        return const(0)
    noemer = z_noemer(*vals)
    termen = [z_of_nul(v, noemer) for v in vals]
    totaal = termen[0] if len(termen) == 1 else z3.Sum(*termen)
    return z_getal(totaal, noemer) if noemer is not None else z_getal(w=totaal)


def z_absoluut(v: Val) -> Val:
    if v.soort != "getal":
        return v
    if v.n is not None:
        return z_getal(z3.If(v.n < 0, -v.n, v.n), v.d, leeg=v.leeg, fout=v.fout)
    return z_getal(w=z3.If(v.w < 0, -v.w, v.w), leeg=v.leeg, fout=v.fout)


def heeft_decimalen(v: Val, decimalen: int) -> Z:
    """Is v exactly representable with at most `decimalen` decimals (`past_in_decimalen`)?"""
    schaal = 10**decimalen
    if v.n is not None:
        # n/d · 10^k is whole iff d / gcd(d, 10^k) divides n.
        rest = v.d // math.gcd(v.d, schaal)
        return WAAR if rest == 1 else (v.n % rest == 0)
    return z3.IsInt(v.w * schaal)


def rekenkunde(op: str, a: Val, b: Val) -> Val:
    """One arithmetic operator with the leeg table of taal.md §6."""
    fout = z_of(a.fout, b.fout)
    noemer = z_noemer(a, b)
    if op in ("plus", "min"):
        x, y = z_of_nul(a, noemer), z_of_nul(b, noemer)
        r = x + y if op == "plus" else x - y
        return z_getal(r, noemer, fout=fout) if noemer is not None else z_getal(w=r, fout=fout)
    if op == "verminderd met":
        x = z_schaal(a, noemer) if noemer is not None else reeel(a)
        r = x - z_of_nul(b, noemer)
        if noemer is not None:
            return z_getal(r, noemer, leeg=a.leeg, fout=fout)
        return z_getal(w=r, leeg=a.leeg, fout=fout)
    een_leeg = z_of(a.leeg, b.leeg)
    if op in ("maal", "procent van"):
        extra = 100 if op == "procent van" else 1
        if _variabel(a) and _variabel(b) and (p := splitsen.maal(a, b)) is not None:
            # one factor is one of a few constants: a case split keeps the product linear (solver/splitsen.py)
            p = p if extra == 1 else z_maal(p, Fraction(1, extra))
            if p.n is not None:
                return z_getal(z3.If(een_leeg, 0, p.n), p.d, fout=fout)
            return z_getal(w=z3.If(een_leeg, z_q(0), p.w), fout=fout)
        if a.n is not None and b.n is not None:
            return z_getal(z3.If(een_leeg, 0, a.n * b.n), a.d * b.d * extra, fout=fout)
        return z_getal(w=z3.If(een_leeg, z_q(0), reeel(a) * reeel(b) / extra), fout=fout)
    # gedeeld door: 0 | error | 0, and division by zero is an error.
    fout = z_of(fout, z_en(z_niet(a.leeg), b.leeg), z_en(z_niet(b.leeg), z_vergelijk("==", b, const(0))))
    if b.n is not None and z3.is_int_value(b.n) and z3.is_false(b.leeg):
        c = Fraction(b.n.as_long(), b.d)
        if c == 0:
            return z_getal(z3.IntVal(0), 1, fout=z_of(fout, z_niet(a.leeg)))
        q = z_maal(z_getal(z_of_nul(a, a.d), a.d) if a.n is not None else z_getal(w=z_of_nul(a, None)), 1 / c)
    elif (p := splitsen.gedeeld(a, b)) is not None:
        # the divisor is one of a few constants (the days in a month): divisions by constants, by cases
        q = z_getal(z3.If(b.leeg, 0, p.n), p.d) if p.n is not None else z_getal(w=z3.If(b.leeg, z_q(0), p.w))
        if a.n is not None and p.n is not None:
            q = z_getal(z3.If(a.leeg, 0, q.n), q.d)
        elif p.n is None:
            q = z_getal(w=z3.If(a.leeg, z_q(0), q.w))
    else:
        teller = z_of_nul(a, None)
        noemer_r = reeel(b)
        q = z_getal(w=z3.If(b.leeg, z_q(0), teller / z3.If(noemer_r == 0, z_q(1), noemer_r)))
    if op == "gedeeld door abs":
        q = z_afronden(q, Afronding.RICHTING_NUL, 5)
    return z_getal(q.n, q.d, q.w, ONWAAR, fout)


def _variabel(v: Val) -> bool:
    t = v.n if v.n is not None else v.w
    return t is not None and not (z3.is_int_value(t) or z3.is_rational_value(t))


def z_som_int(bs: list[Z]) -> Z:
    if not bs:
        return z3.IntVal(0)
    termen = [z3.If(b, 1, 0) for b in bs]
    return termen[0] if len(termen) == 1 else z3.Sum(*termen)


def z_telt(kwantor: str, aantal: int | None, n: Z, totaal: Z) -> Z:
    if kwantor == "alle":
        return n == totaal
    if kwantor == "geen":
        return n == 0
    if kwantor == "ten_minste":
        return n >= (aantal or 1)
    if kwantor == "ten_hoogste":
        return n <= (aantal or 0)
    return n == (aantal if aantal is not None else 0)


def z_afronden(v: Val, modus: Afronding, decimalen: int) -> Val:
    if v.soort != "getal":
        return v
    schaal = 10**decimalen
    if v.n is not None:
        # y = N / D exactly; every mode is an integer division by the constant D.
        g = math.gcd(schaal, v.d)
        big_n, big_d = (v.n * (schaal // g)) if schaal // g != 1 else v.n, v.d // g
        if modus is Afronding.NAAR_BENEDEN:
            r = floor_div(big_n, big_d)
        elif modus is Afronding.NAAR_BOVEN:
            r = _ceil_div(big_n, big_d)
        elif modus is Afronding.RICHTING_NUL:
            r = z3.If(big_n >= 0, floor_div(big_n, big_d), _ceil_div(big_n, big_d)) if big_d != 1 else big_n
        elif modus is Afronding.WEG_VAN_NUL:
            r = z3.If(big_n >= 0, _ceil_div(big_n, big_d), floor_div(big_n, big_d)) if big_d != 1 else big_n
        elif big_d == 1:
            r = big_n
        else:  # rekenkundig: half away from zero, floor((2|N| + D) / 2D) with the sign restored
            r = z3.If(big_n >= 0, (2 * big_n + big_d) / (2 * big_d), -((-2 * big_n + big_d) / (2 * big_d)))
        return z_getal(r, schaal, leeg=v.leeg, fout=v.fout)
    # A Real (after a division by a variable): ToInt is the floor; the result is integral again.
    y = v.w * schaal
    vloer = z3.ToInt
    if modus is Afronding.NAAR_BENEDEN:
        n = vloer(y)
    elif modus is Afronding.NAAR_BOVEN:
        n = -vloer(-y)
    elif modus is Afronding.RICHTING_NUL:
        n = z3.If(y >= 0, vloer(y), -vloer(-y))
    elif modus is Afronding.WEG_VAN_NUL:
        n = z3.If(y < 0, vloer(y), -vloer(-y))
    else:  # rekenkundig: half away from zero
        n = z3.If(y < 0, -vloer(-y + z_q(Fraction(1, 2))), vloer(y + z_q(Fraction(1, 2))))
    return z_getal(n, schaal, leeg=v.leeg, fout=v.fout)


def predicaat(op: str, a: Val, b: Val, soort: str) -> tuple[Z, Z]:
    """(truth, fails) of one comparison, row by row from the leeg table (taal.md §6)."""
    a = als_soort(a, b.soort)
    b = als_soort(b, a.soort)
    beide = z_en(a.leeg, b.leeg)
    een = z_of(a.leeg, b.leeg)
    symbool = {"gelijk": "==", "ongelijk": "!=", "groter": ">", "later": ">", "groter_gelijk": ">=",
               "later_gelijk": ">=", "kleiner": "<", "eerder": "<", "kleiner_gelijk": "<=", "eerder_gelijk": "<="}[op]
    if a.soort == "getal" and b.soort == "getal":
        cmp = z_vergelijk(symbool, a, b)
    else:
        cmp = {"==": lambda: a.w == b.w, "!=": lambda: a.w != b.w, ">": lambda: a.w > b.w,
               ">=": lambda: a.w >= b.w, "<": lambda: a.w < b.w, "<=": lambda: a.w <= b.w}[symbool]()
    if op == "gelijk":
        fout = ONWAAR if soort == "numeriek" else beide
        return z_en(z_niet(een), cmp), fout
    if op == "ongelijk":
        return z3.If(beide, ONWAAR, z3.If(een, WAAR, cmp)), ONWAAR
    fout = ONWAAR if soort == "numeriek" else beide
    return z_en(z_niet(een), cmp), fout
