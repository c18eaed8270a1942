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

from typing import TYPE_CHECKING

from regelspraak.model import ir
from regelspraak.model.order import roots_of
from regelspraak.model.scope import Scope
from regelspraak.origin import Span
from regelspraak.values.units import Eenheid

if TYPE_CHECKING:
    from regelspraak.model.expressions import Ctx

_EENHEID_PERIODE = {"dg": "dag", "mnd": "maand", "jr": "jaar"}
_PERIODE_EENHEID = {v: k for k, v in _EENHEID_PERIODE.items()}


def tijd_noemer(e: Eenheid | None) -> str | None:
    """The period a unit is *per* (`€/mnd` → maand), or None."""
    for sleutel, exponent in (e.delen if e is not None else ()):
        if exponent < 0 and sleutel in _EENHEID_PERIODE:
            return _EENHEID_PERIODE[sleutel]
    return None


def eerste_tijdlijn(model: ir.Model) -> str | None:
    """The name of the first timeline attribute or parameter of `model`, for commands that cannot
    handle timelines yet and must say so instead of treating a timeline as one value."""
    for ot in model.objecttypen.values():
        for a in ot.attributen.values():
            if a.type.periode is not None:
                return f"{a.naam} ({ot.naam})"
    return next((p.naam for p in model.parameters.values() if p.type.periode is not None), None)


def weiger_tijdlijnen(model: ir.Model, pad: object, wat: str) -> None:
    """Refuse a model with timelines (RS008) in a command that reads every attribute as one value
    (`wat`: "Analyses", "Simulaties"), instead of giving figures that do not hold per period.
    The one check for `analyseer`, `vergelijk`, the property search and `simuleer`."""
    from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
    from regelspraak.origin import Herkomst

    naam = eerste_tijdlijn(model)
    if naam is not None:
        raise DiagnosticError([Diagnostic("RS008", Ernst.FOUT, f"{wat} over tijdlijnen ('{naam}') worden nog niet "
                                          "ondersteund.", Herkomst(Span(str(pad), 1, 1)))])


def periodes(x: ir.Expr | ir.Conditie | None) -> set[str]:
    """The periods of the timelines `x` reads per moment (attributes and parameters); what
    `het totaal van` reads whole does not count: its result is one value."""
    uit: set[str] = set()
    if x is None:
        return uit
    t = x.attribuut.type if isinstance(x, ir.AttribuutLezen) else (x.type if isinstance(x, ir.ParameterRef) else None)
    if t is not None and t.periode is not None:
        uit.add(t.periode)
    if isinstance(x, ir.Functie) and x.naam == "totaal":
        return uit
    for kind in _kinderen(x):
        uit |= periodes(kind)
    return uit


def _kinderen(x: ir.Expr | ir.Conditie) -> list[ir.Expr | ir.Conditie]:
    """The direct child nodes of `x` (as `order.walk_expr` descends)."""
    out: list[ir.Expr | ir.Conditie] = []
    for naam in getattr(x, "__slots__", ()):
        v = getattr(x, naam)
        for item in (v if isinstance(v, tuple) else (v,)):
            if hasattr(item, "herkomst") and not isinstance(item, ir.Attribuut | ir.Kenmerk | ir.Rol):
                out.append(item)
    return out


def totaal(x: ir.Expr, ctx: Ctx, span: Span) -> ir.Expr:
    """`het totaal van X`: X is a numeric timeline attribute or parameter; the result is one value,
    the sum over its stretches of value per period × number of periods (`values/tijdlijn.totaal`)."""
    from regelspraak.model.expressions import fail

    t = x.type
    if not isinstance(x, ir.AttribuutLezen | ir.ParameterRef) or t.periode is None or x.meervoudig:
        raise fail(ctx, "RS008", "'Het totaal van' over iets anders dan een tijdlijn-attribuut of -parameter wordt "
                   "nog niet ondersteund.", span)
    if not t.is_getal or t.soort == "percentage":
        raise fail(ctx, "RS103", f"'Het totaal van' telt getallen op, maar dit is {t.beschrijf()}.", span)
    eenheid = t.eenheid or Eenheid()
    if tijd_noemer(eenheid) == t.periode:  # €/mnd per month, times months: €
        eenheid = Eenheid.uit([*eenheid.delen, (_PERIODE_EENHEID[t.periode], 1)])
    return ir.Functie("totaal", (x,), ir.Type("numeriek", eenheid, t.decimalen, t.teken), ctx.h(span))


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
    """RS120/RS121/RS008 for a rule whose result and timelines do not fit: it reads timelines where its
    result cannot be one, or fills a timeline from values without time."""
    for v in regel.versies:
        p: set[str] = set()
        for root in roots_of(v):
            p |= periodes(root)
        if len(p) > 1:
            sc.fout("RS120", f"Regel '{regel.naam}' leest tijdlijnen per {' en per '.join(sorted(p))}; reken eerst om "
                    "naar dezelfde periode.", regel.herkomst.span)
            continue
        if not p:
            for res in v.resultaten:
                a = res.doel.attribuut if isinstance(res, ir.Toekenning) else None
                if a is not None and a.type.periode is not None:
                    sc.fout("RS121", f"Regel '{regel.naam}' vult de tijdlijn '{a.naam}' maar leest geen tijdlijn: de "
                            "uitkomst zou geen begin of einde hebben.", res.herkomst.span,
                            hulp="Laat de regel een tijdlijn lezen (bijvoorbeeld een parameter 'voor elke "
                                 f"{a.type.periode}') of maak het attribuut een gewone waarde.")
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
