"""Type checks for timelines (taal.md §11): a value's period is part of its type.

An attribute or parameter declared `voor elke maand` holds a value *per month*. Adding such a
timeline to an amount in €/jr (or to a timeline per jaar) without converting it is an error
(RS120): the engines never convert periods silently. A rule that reads a timeline is evaluated
per knip stretch, so its result is a timeline too: its target must be a timeline attribute
(RS121); the rule forms that do not yet run per stretch are refused with RS008 naming them.

>>> from regelspraak.values.units import Eenheid
>>> tijd_noemer(Eenheid.uit([("€", 1), ("jr", -1)]))
'jaar'
"""

from __future__ import annotations

from regelspraak.model import ir
from regelspraak.model.order import roots_of, walk_expr
from regelspraak.model.scope import Scope
from regelspraak.values.units import Eenheid

_EENHEID_PERIODE = {"dg": "dag", "mnd": "maand", "jr": "jaar"}


def tijd_noemer(e: Eenheid | None) -> str | None:
    """The period a unit is *per* (`€/mnd` → maand), or None."""
    for sleutel, exponent in (e.delen if e is not None else ()):
        if exponent < 0 and sleutel in _EENHEID_PERIODE:
            return _EENHEID_PERIODE[sleutel]
    return None


def periodes(x: ir.Expr | ir.Conditie | None) -> set[str]:
    """The periods of the timelines `x` reads directly (attributes and parameters)."""
    uit: set[str] = set()
    for node in walk_expr(x):
        t = node.attribuut.type if isinstance(node, ir.AttribuutLezen) else (
            node.type if isinstance(node, ir.ParameterRef) else None)
        if t is not None and t.periode is not None:
            uit.add(t.periode)
    return uit


def periode_conflict(links: ir.Expr, rechts: ir.Expr) -> str | None:
    """A Dutch message when `links` and `rechts` are amounts per different periods, else None.

    A timeline's values are per its period; a plain amount is per the time in its unit's
    denominator (`€/jr`). When both sides say their period in their unit (`€/mnd` and `€/jr`) the
    unit conversion is exact and declared, so that is no conflict; a timeline whose unit does not
    say it (`Bedrag voor elke maand`) is never converted silently."""
    def per(x: ir.Expr) -> tuple[str | None, bool]:
        in_eenheid = tijd_noemer(x.type.eenheid)
        p = periodes(x)
        if in_eenheid is None and len(p) == 1:
            return next(iter(p)), True
        return in_eenheid, False

    (pl, tl), (pr, tr) = per(links), per(rechts)
    if not (tl or tr) or pl is None or pr is None or pl == pr:
        return None
    wat = {True: "een tijdlijn per {}", False: "een bedrag per {}"}
    return (f"Periodes passen niet: {wat[tl].format(pl)} en {wat[tr].format(pr)}; reken eerst om naar dezelfde "
            "periode.")


def controleer_regel(regel: ir.Regel, sc: Scope) -> None:
    """RS031/RS008 for a rule that reads timelines where its result cannot be one."""
    for v in regel.versies:
        p: set[str] = set()
        for root in roots_of(v):
            p |= periodes(root)
        if len(p) > 1:
            sc.fout("RS120", f"Regel '{regel.naam}' leest tijdlijnen per {' en per '.join(sorted(p))}; reken eerst om "
                    "naar dezelfde periode.", regel.herkomst.span)
            continue
        if not p:
            continue
        if v.verdeling is not None or v.creatie is not None:
            wat = "Verdeling" if v.verdeling else "ObjectCreatie of FeitCreatie"
            sc.fout("RS008", f"Regel '{regel.naam}': een {wat} over tijdlijnen wordt nog niet ondersteund.",
                    regel.herkomst.span)
            continue
        for res in v.resultaten:
            if isinstance(res, ir.Consistentieregel):
                sc.fout("RS008", f"Regel '{regel.naam}': een consistentieregel over tijdlijnen wordt nog niet "
                        "ondersteund.", res.herkomst.span)
            elif res.doel.kenmerk is not None:
                sc.fout("RS008", f"Regel '{regel.naam}': een kenmerk dat afhangt van een tijdlijn "
                        f"('{res.doel.kenmerk.naam}') wordt nog niet ondersteund.", res.herkomst.span)
            elif res.doel.attribuut is not None and res.doel.attribuut.type.periode is None:
                sc.fout("RS121", f"Regel '{regel.naam}' leest een tijdlijn, dus de uitkomst verschilt per periode, "
                        f"maar '{res.doel.attribuut.naam}' is geen tijdlijn.", res.herkomst.span,
                        hulp=f"Declareer '{res.doel.attribuut.naam}' met 'voor elke {next(iter(p))}'.")
            elif res.doel.attribuut is not None and res.doel.attribuut.type.periode not in p:
                sc.fout("RS120", f"Regel '{regel.naam}' leest een tijdlijn per {next(iter(p))}, maar "
                        f"'{res.doel.attribuut.naam}' is een tijdlijn per {res.doel.attribuut.type.periode}.",
                        res.herkomst.span)
