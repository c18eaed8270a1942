"""What holds in every world for a function over time that the encoding leaves free (analyses/stukken.py).

`het totaal van X`, `het aantal dagen … dat` and `het tijdsevenredig deel … van X` are not values at one
moment, so the encoding gives each a fresh variable (an over-approximation). Left unconstrained, every
question about what they feed is "possible" in the abstract encoding, and the search for a witness then
spends its whole budget on cases the interpreter cannot confirm (a negative number of months): on the
monthly zorgtoeslag six RS220 domain questions did so. These are facts of the interpreter's semantics
(`evaluate/tijd_expr.py`), so adding them keeps the encoding an over-approximation and an unsat a proof:

- `het aantal dagen in de maand|het jaar dat …` is a whole number of days from 0 to the days of the
  period (31, 366);
- `het totaal van X` is a sum of X's values times positive numbers of periods, and `het tijdsevenredig
  deel van X` a day-weighted mean of them: not negative when X is never negative.

"X is never negative" is decided here without z3, by a sign analysis that is sound on its own: a literal
or a parameter declared not negative, an attribute declared `niet-negatief`/`positief` whose every
writing rule (in every version, at every time) writes a value that is itself never negative, and sums,
products, quotients, rounding, aggregates and functions over time of such values. An attribute's
declared sign alone is not trusted: a rule may write outside it (that is what RS220 looks for).

>>> from regelspraak.model import ir
>>> from regelspraak.origin import Herkomst, Span
>>> from fractions import Fraction
>>> t, h = ir.Type("numeriek", None, 0, "niet-negatief"), Herkomst(Span("m.rgs", 1))
>>> een = ir.Literal(Fraction(1), t, h)
>>> niet_negatief(None, ir.Rekenkunde("plus", een, een, t, h), {})
True
>>> niet_negatief(None, ir.Rekenkunde("min", een, een, t, h), {})
False
"""

from __future__ import annotations

from fractions import Fraction

from regelspraak.model import ir

MAX_DAGEN = {"maand": 31, "jaar": 366, "dag": 1}
_TEKEN = ("niet-negatief", "positief")
_BEHOUDT = ("plus", "maal", "gedeeld door", "gedeeld door abs", "procent van")  # ≥0 op ≥0 stays ≥0


def niet_negatief(model: ir.Model | None, x: ir.Expr, variabelen: dict[str, ir.Expr],
                  bezig: frozenset[tuple[str, str]] = frozenset()) -> bool:
    """Whether `x` is never negative (when it has a value), for every input; False when not sure.
    `variabelen` are the Daarbij-geldt definitions of the version `x` is in; `bezig` the attributes
    being decided (a cycle is not sure)."""
    if isinstance(x, ir.Literal):
        return isinstance(x.waarde, Fraction | int) and not isinstance(x.waarde, bool) and x.waarde >= 0
    if isinstance(x, ir.ParameterRef):
        return x.type.teken in _TEKEN
    if isinstance(x, ir.VariabeleRef):
        d = variabelen.get(x.naam)
        return d is not None and niet_negatief(model, d, {k: v for k, v in variabelen.items() if k != x.naam}, bezig)
    if isinstance(x, ir.Rekenkunde):
        return x.op in _BEHOUDT and all(niet_negatief(model, y, variabelen, bezig) for y in (x.links, x.rechts)) \
            and x.factor_links >= 0 and x.factor_rechts >= 0
    if isinstance(x, ir.Afronden | ir.Omrekening):
        return (not isinstance(x, ir.Omrekening) or x.factor >= 0) and niet_negatief(model, x.expr, variabelen, bezig)
    if isinstance(x, ir.Absoluut):
        return True
    if isinstance(x, ir.Begrenzen):
        if x.minimum is not None and x.factor_minimum >= 0 and niet_negatief(model, x.minimum, variabelen, bezig):
            return True
        return niet_negatief(model, x.expr, variabelen, bezig) and (
            x.maximum is None or (x.factor_maximum >= 0 and niet_negatief(model, x.maximum, variabelen, bezig)))
    if isinstance(x, ir.Aggregeren):
        if x.soort == "aantal":
            return True
        delen = [*x.lijst, *(() if x.collectie is None else (x.collectie,))]
        return bool(delen) and all(f >= 0 for f in x.factoren) and all(
            niet_negatief(model, y, variabelen, bezig) for y in delen)
    if isinstance(x, ir.TijdFunctie):
        return x.soort == "dagen" or (x.expr is not None and niet_negatief(model, x.expr, variabelen, bezig))
    if isinstance(x, ir.AttribuutLezen):
        return model is not None and _attribuut(model, x.attribuut, bezig)
    return False


def _attribuut(model: ir.Model, a: ir.Attribuut, bezig: frozenset[tuple[str, str]]) -> bool:
    """Declared not negative, and every rule writing it writes a value that is never negative."""
    sleutel = (a.objecttype, a.naam.lower())
    if a.type.teken not in _TEKEN or sleutel in bezig:
        return False
    bezig = bezig | {sleutel}
    for r in model.regels:
        for v in r.versies:
            if v.verdeling is not None or v.creatie is not None:
                if any(k[0] == a.objecttype and k[1].lower() == sleutel[1] for k in r.schrijft):
                    return False
                continue
            for res in v.resultaten:
                if not isinstance(res, ir.Toekenning) or res.doel.attribuut is None:
                    continue
                d = res.doel.attribuut
                if (d.objecttype, d.naam.lower()) != sleutel:
                    continue
                variabelen = {w.naam: w.expr for w in v.variabelen}
                if res.expr is None or not niet_negatief(model, res.expr, variabelen, bezig):
                    return False
    return True
