"""How deep a rule's computation nests once its variables are read through (RS915).

One sentence is bounded by the syntax (RS009: 100 levels), but `Daarbij geldt:` variables chain:
`V2 is V1 plus 1`, `V3 is V2 plus 1`, … The engines evaluate a variable where it is used, so the
depth they recurse to is the depth with every variable replaced by its definition. A chain of 350
variables passed `controleer` and then exhausted Python's stack in `bereken`; with this check such
a model is refused when it is read, naming the limit. MAX_UITGEVOUWEN is the limit of one sentence
(RS009) again and leaves room on the stack for every engine: the vectorised engine, the deepest,
fails near 240 levels, the interpreter near 650; the tests run all engines at the limit.
Computed iteratively: the check itself must not recurse as deep as what it refuses.

>>> from regelspraak.model import ir
>>> from regelspraak.origin import Herkomst, Span
>>> h = Herkomst(Span("m.rgs", 1, 1))
>>> getal = ir.Type("numeriek")
>>> v = ir.VariabeleRef("V", getal, h)
>>> diepte(ir.Rekenkunde("plus", v, ir.Literal(1, getal, h), getal, h), {"V": 40})
42
"""

from __future__ import annotations

from regelspraak.diagnostics import Diagnostic, Ernst
from regelspraak.model import ir
from regelspraak.model.order import children

MAX_UITGEVOUWEN = 100


def diepte(x: object, variabelen: dict[str, int]) -> int:
    """Nesting of `x`, a variable counting as the depth of its definition (`variabelen`; a
    variable not in it counts as one level)."""
    beste = 0
    stapel: list[tuple[object, int]] = [(x, 1)]
    while stapel:
        node, d = stapel.pop()
        if isinstance(node, ir.VariabeleRef):
            d += variabelen.get(node.naam, 0)
        beste = max(beste, d)
        stapel.extend((k, d + 1) for k in children(node))
    return beste


def _referenties(x: object) -> set[str]:
    namen: set[str] = set()
    stapel = [x]
    while stapel:
        node = stapel.pop()
        if isinstance(node, ir.VariabeleRef):
            namen.add(node.naam)
        stapel.extend(children(node))
    return namen


def variabele_diepten(v: ir.Versie) -> dict[str, int]:
    """The unfolded depth of each variable of `v`, in dependency order (a cycle, reported
    elsewhere, leaves its variables out)."""
    defs = {var.naam: var.expr for var in v.variabelen}
    refs = {naam: _referenties(e) & defs.keys() for naam, e in defs.items()}
    bekend: dict[str, int] = {}
    open_ = dict(refs)
    while open_:
        klaar = [n for n, r in open_.items() if r <= bekend.keys()]
        if not klaar:
            break
        for n in klaar:
            bekend[n] = diepte(defs[n], bekend)
            del open_[n]
    return bekend


def controleer(model: ir.Model) -> list[Diagnostic]:
    """RS915 for every rule version whose computation, variables unfolded, nests deeper than
    MAX_UITGEVOUWEN."""
    out: list[Diagnostic] = []
    for regel in model.regels:
        for v in regel.versies:
            if not v.variabelen:
                continue  # bounded by the sentence limit already
            vars_ = variabele_diepten(v)
            roots: list[object] = [e for r in v.resultaten for e in
                                   ((r.expr, r.voorwaarde) if isinstance(r, ir.Toekenning) else (r.voorwaarde, r.uniek))
                                   if e is not None]
            d = max([diepte(e, vars_) for e in roots] + list(vars_.values()), default=0)
            if d > MAX_UITGEVOUWEN:
                out.append(Diagnostic(
                    "RS915", Ernst.FOUT, f"Regel '{regel.naam}' nest te diep: met de variabelen uitgeschreven "
                    f"{d} niveaus (maximaal {MAX_UITGEVOUWEN}).", v.herkomst,
                    "Een keten van variabelen die elk de vorige gebruiken telt als één lange berekening; "
                    "leg tussenuitkomsten vast als attributen met een eigen regel."))
                break
    return out
