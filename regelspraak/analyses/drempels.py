"""The thresholds that belong on a curve's x-axis: values in the unit of the input along that axis,
which the rules set against something that depends on that input.

Every number in a model is a place to start a search (`sweep.drempelwaarden`), but only some are
thresholds of a given input: the standaardpremie (€ 2.112) is an amount the rules compare with the
normpremie, not a level of income; a percentage or a number of months is no point on an income
axis at all. And the threshold that matters may be no literal: the drempelinkomen is computed
(108% of twelve times the minimum wage) and then subtracted from the income. So a value is a
threshold of input X when
- it has X's type and unit (€ with €, months with months, a percentage with a percentage),
- it does not depend on X: a literal, a parameter, or an attribute the rules derive from other
  inputs (its value taken from the template case), and
- it is one operand of a comparison, a sum/difference or a bound whose other operand is X on X's
  own scale: X itself, or what rules make of it by sums, differences with values that do not
  depend on X, bounds, minimum/maximum (the gezamenlijke toetsingsinkomen is the sum of the
  members' toetsingsinkomen). A comparison with the normpremie, a percentage of the income, is a
  threshold of the normpremie, not of the income, and is left out.
"""

from __future__ import annotations

from fractions import Fraction

from regelspraak.evaluate.interpret import Gegevens
from regelspraak.evaluate.interpret import run as interpret
from regelspraak.model import ir
from regelspraak.model.order import children, roots_of, walk_expr
from regelspraak.values.tijdlijn import Tijdlijn


def _zelfde_eenheid(a: ir.Type, b: ir.Type) -> bool:
    return a.is_getal and b.is_getal and a.soort == b.soort and a.eenheid == b.eenheid


def _afhankelijk(model: ir.Model, invoer: ir.Attribuut) -> set[tuple[str, str]]:
    """The attributes whose value depends on `invoer` (itself included), through the rules."""
    dep = {(invoer.objecttype, invoer.naam.lower())}
    veranderd = True
    while veranderd:  # rules may run in any order of dependency across objects; iterate to a fixpoint
        veranderd = False
        for r in model.regels:
            if r.leest & dep and not r.schrijft <= dep:
                dep |= r.schrijft
                veranderd = True
    return dep


class _Schaal:
    """Which expressions are the input on its own scale (see the module docstring)."""

    def __init__(self, model: ir.Model, invoer: ir.Attribuut, dep: set[tuple[str, str]]) -> None:
        self.dep = dep
        self.attrs = {(invoer.objecttype, invoer.naam.lower())}
        veranderd = True
        while veranderd:
            veranderd = False
            for r in model.regels:
                if r.schrijft <= self.attrs or len(r.schrijft) != 1:
                    continue
                exprs = [res.expr for v in r.versies for res in v.resultaten
                         if isinstance(res, ir.Toekenning) and res.expr is not None]
                defs = [{var.naam: var.expr for var in v.variabelen} for v in r.versies]
                if exprs and all(self.op_schaal(e, d) for e, d in zip(exprs, defs, strict=False)):
                    self.attrs |= r.schrijft
                    veranderd = True

    def hangt_af(self, x: object, defs: dict[str, ir.Expr], diepte: int = 0) -> bool:
        for n in walk_expr(x):  # type: ignore[arg-type]
            if isinstance(n, ir.AttribuutLezen) and (n.attribuut.objecttype, n.attribuut.naam.lower()) in self.dep:
                return True
            if isinstance(n, ir.VariabeleRef) and n.naam in defs and diepte < 100 \
                    and self.hangt_af(defs[n.naam], defs, diepte + 1):
                return True
        return False

    def op_schaal(self, x: object, defs: dict[str, ir.Expr], diepte: int = 0) -> bool:
        if diepte > 100:
            return False
        if isinstance(x, ir.VariabeleRef):
            return x.naam in defs and self.op_schaal(defs[x.naam], defs, diepte + 1)
        if isinstance(x, ir.AttribuutLezen):
            return (x.attribuut.objecttype, x.attribuut.naam.lower()) in self.attrs
        if isinstance(x, ir.Aggregeren):
            delen = [d for d in (x.collectie, *x.lijst) if d is not None]
            return x.soort in ("som", "maximum", "minimum") and bool(delen) and all(
                self.op_schaal(d, defs, diepte + 1) or not self.hangt_af(d, defs) for d in delen) and any(
                self.op_schaal(d, defs, diepte + 1) for d in delen)
        if isinstance(x, ir.Rekenkunde) and x.op in ("plus", "min", "verminderd met"):
            links, rechts = self.op_schaal(x.links, defs, diepte + 1), self.op_schaal(x.rechts, defs, diepte + 1)
            return (links and not self.hangt_af(x.rechts, defs)) or (rechts and x.op == "plus"
                                                                      and not self.hangt_af(x.links, defs))
        if isinstance(x, ir.Begrenzen):
            return self.op_schaal(x.expr, defs, diepte + 1)
        return False


def drempels(model: ir.Model, g: Gegevens, invoer: ir.Attribuut, object_id: str | None = None) -> list[Fraction]:
    """The thresholds of `invoer` (of object `object_id`) for the template case `g` (see the module
    docstring), sorted, as values of the input itself: a threshold on a sum (the household's
    income) is moved by what the other terms contribute in the template (the partner's income)."""
    dep = _afhankelijk(model, invoer)
    uitkomst = interpret(model, g)
    waarden_van: dict[tuple[str, str], Fraction] = {}
    for inst in uitkomst.instanties.values():
        for naam, w in inst.waarden.items():
            # a timeline (an amount per month) that is one value all along is that value
            getal = _een_waarde(w) if isinstance(w, Tijdlijn) else w
            if isinstance(getal, Fraction):
                waarden_van.setdefault((inst.type, naam), getal)
    schaal = _Schaal(model, invoer, dep)
    out: set[Fraction] = set()
    for r in model.regels:
        for v in r.versies:
            defs = {var.naam: var.expr for var in v.variabelen}
            for root in roots_of(v):
                for node in walk_expr(root):
                    if not isinstance(node, ir.Vergelijk | ir.Rekenkunde | ir.Begrenzen | ir.Aggregeren):
                        continue
                    delen = children(node)
                    op_schaal = [d for d in delen if schaal.op_schaal(d, defs)]
                    if not op_schaal:
                        continue
                    verschuiving = _verschuiving(op_schaal[0], g, waarden_van, defs, invoer, object_id)
                    if verschuiving is None:
                        continue  # e.g. the bound 0 of 'income min D': that threshold is D, found at 'min'
                    for d in delen:
                        t = getattr(d, "type", None)
                        for w in _waarden(d, g, waarden_van, defs):
                            if t is not None and _zelfde_eenheid(t, invoer.type) and not schaal.hangt_af(d, defs):
                                out.add(w - verschuiving)
    return sorted(out)


def _een_waarde(lijn: Tijdlijn) -> object:
    """The value of a timeline that holds one value on every stretch (the household's income in each month of
    a year without changes), else None: the shift of a threshold is then not one number.

    >>> from datetime import date
    >>> _een_waarde(Tijdlijn.maak("maand", [(date(2025, 1, 1), date(2026, 1, 1), Fraction(8000))]))
    Fraction(8000, 1)
    """
    waarden = {s.waarde for s in lijn.stukken}
    return next(iter(waarden)) if len(waarden) == 1 else None


def _verschuiving(x: object, g: Gegevens, waarden_van: dict[tuple[str, str], Fraction], defs: dict[str, ir.Expr],
                  invoer: ir.Attribuut, object_id: str | None) -> Fraction | None:
    """How much the operand `x` (the input on its own scale) exceeds the input in the template:
    the other members' part of a sum; None when it cannot be told."""
    obj = g.objecten.get(object_id or "")
    eigen = obj.attributen.get(invoer.naam.lower()) if obj is not None else None
    som = _waarde(x, g, waarden_van, defs)
    for _ in range(100):  # a chain of variables, never a cycle forever
        if not (isinstance(x, ir.VariabeleRef) and x.naam in defs):
            break
        x = defs[x.naam]
    if isinstance(x, ir.AttribuutLezen) and x.attribuut == invoer:
        return Fraction(0)
    if isinstance(eigen, Fraction) and som is not None:
        return som - eigen
    return None


def _waarden(x: object, g: Gegevens, waarden_van: dict[tuple[str, str], Fraction], defs: dict[str, ir.Expr]
             ) -> list[Fraction]:
    """`_waarde`, and a timeline parameter (an amount that changes on 1 July) by each of its values: a
    threshold in either half of the year is a threshold."""
    if isinstance(x, ir.ParameterRef) and isinstance(lijn := g.parameters.get(x.naam), Tijdlijn):
        return [s.waarde for s in lijn.stukken if isinstance(s.waarde, Fraction)]
    w = _waarde(x, g, waarden_van, defs)
    return [] if w is None else [w]


def _waarde(x: object, g: Gegevens, waarden_van: dict[tuple[str, str], Fraction], defs: dict[str, ir.Expr],
            diepte: int = 0) -> Fraction | None:
    if isinstance(x, ir.VariabeleRef):  # 'D is het drempelinkomen van het Huishouden'
        return _waarde(defs[x.naam], g, waarden_van, defs, diepte + 1) if x.naam in defs and diepte < 100 else None
    if isinstance(x, ir.Literal) and isinstance(x.waarde, Fraction):
        return x.waarde
    if isinstance(x, ir.ParameterRef):
        w = g.parameters.get(x.naam)
        return w if isinstance(w, Fraction) else None
    if isinstance(x, ir.AttribuutLezen) and not x.meervoudig:
        return waarden_van.get((x.attribuut.objecttype, x.attribuut.naam.lower()))
    return None
