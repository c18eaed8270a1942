"""Type-check a Verdeling (taal.md §11) into `ir.Verdeling`.

Misuse has its own codes: RS240 (the ways of dividing do not fit together, or the target is not
an attribute of several objects), RS241 (the undistributed rest is not an attribute of the subject).
"""

from __future__ import annotations

from fractions import Fraction

from regelspraak.model import ir
from regelspraak.model.expressions import Ctx, fail, resolve
from regelspraak.syntax import nodes as n
from regelspraak.values.units import Eenheid

_WIJZEN = ("gelijk", "rato", "volgorde")


def resolve_verdeling(res: n.Verdeling, ctx: Ctx, voorwaarde: ir.Conditie | None) -> ir.Verdeling:
    h = ctx.h(res.span)
    bedrag = resolve(res.bedrag, ctx)
    if not bedrag.type.is_getal or bedrag.meervoudig:
        raise fail(ctx, "RS240", "Wat verdeeld wordt is één getal of bedrag van het onderwerp.", res.bedrag.span)
    doel = resolve(res.doel, ctx)
    if not (isinstance(doel, ir.AttribuutLezen) and doel.meervoudig and doel.van.type.soort == "object"):
        raise fail(ctx, "RS240", "Een verdeling gaat over een attribuut van meerdere objecten ('het aandeel van "
                   "alle leden van het Huishouden').", res.doel.span)
    ot = doel.van.type.objecttype or ""
    factor = _factor(bedrag.type, doel.attribuut.type, ctx, res.bedrag)
    wijzen = [s for s in res.stappen if s.soort in _WIJZEN]
    if len(wijzen) != 1:
        raise fail(ctx, "RS240", "Een verdeling heeft precies één verdeelwijze: 'in gelijke delen', 'naar rato van "
                   "…' of 'op volgorde van …'.", res.span)
    wijze = wijzen[0]
    gelijkspel = [s for s in res.stappen if s.soort.startswith("gelijkspel")]
    if gelijkspel and wijze.soort != "volgorde":
        raise fail(ctx, "RS240", "'bij een even groot criterium' hoort bij 'op volgorde van'.", gelijkspel[0].span)
    if len(gelijkspel) > 1 or sum(s.soort == "maximum" for s in res.stappen) > 1 \
            or sum(s.soort == "afronding" for s in res.stappen) > 1:
        raise fail(ctx, "RS240", "Elke verdeelregel komt hoogstens één keer voor.", res.span)
    gewicht_stap = wijze if wijze.soort == "rato" else next((s for s in gelijkspel if s.soort == "gelijkspel_rato"),
                                                            None)
    gewicht = _per_object(gewicht_stap.expr, ot, ctx) if gewicht_stap and gewicht_stap.expr else None
    volgorde = _per_object(wijze.expr, ot, ctx) if wijze.soort == "volgorde" and wijze.expr else None
    maximum_stap = next((s for s in res.stappen if s.soort == "maximum"), None)
    maximum = _per_object(maximum_stap.expr, ot, ctx) if maximum_stap and maximum_stap.expr else None
    factor_maximum = Fraction(1)
    if maximum is not None and maximum_stap is not None and maximum_stap.expr is not None:
        factor_maximum = _factor(maximum.type, doel.attribuut.type, ctx, maximum_stap.expr)
    afronding = next((s for s in res.stappen if s.soort == "afronding"), None)
    rest_doel: ir.Doel | None = None
    factor_rest = Fraction(1)
    if res.rest is not None:
        rest = resolve(res.rest, ctx)
        if not (isinstance(rest, ir.AttribuutLezen) and isinstance(rest.van, ir.Onderwerp)
                and not rest.van.meervoudig):
            raise fail(ctx, "RS241", "De onverdeelde rest is een attribuut van het onderwerp ('het restant van "
                       "het Huishouden').", res.rest.span)
        if not rest.attribuut.type.is_getal:
            raise fail(ctx, "RS241", f"De onverdeelde rest is een getal; '{rest.attribuut.naam}' is "
                       f"{rest.attribuut.type.beschrijf()}.", res.rest.span)
        rest_doel = ir.Doel((), rest.attribuut, None)
        factor_rest = _factor(doel.attribuut.type, rest.attribuut.type, ctx, res.rest)
    return ir.Verdeling(bedrag, doel.van, doel.attribuut, h, gewicht, volgorde, wijze.afnemend, maximum,
                        afronding.decimalen if afronding else None, rest_doel, voorwaarde, factor, factor_maximum,
                        factor_rest)


def _per_object(e: n.Expr, ot: str, ctx: Ctx) -> ir.Expr:
    """A criterion per object: `de leeftijd` is the object's own attribute; otherwise `zijn …`,
    `hij` and `die` refer to the object."""
    h = ctx.h(e.span)
    element = ir.Element(ir.Type("object", objecttype=ot), h)
    attr = ctx.scope.attribuut(ot, e.key) if isinstance(e, n.Naam) and e.bepaler in ("de", "het", None) else None
    if attr is not None:
        x: ir.Expr = ir.AttribuutLezen(element, attr, attr.type, h)
    else:
        ctx.elementen.append(ot)
        try:
            x = resolve(e, ctx)
        finally:
            ctx.elementen.pop()
    if not x.type.is_getal or x.meervoudig:
        raise fail(ctx, "RS240", f"Een verdeelcriterium is één getal per object; dit is {x.type.beschrijf()}.",
                   e.span)
    return x


def _factor(van: ir.Type, naar: ir.Type, ctx: Ctx, e: n.Expr) -> Fraction:
    a, b = van.eenheid or Eenheid(), naar.eenheid or Eenheid()
    if a == b or a.is_dimensieloos or b.is_dimensieloos:
        return Fraction(1)
    f = ctx.scope.eenheden.factor(a, b)
    if f is None:
        raise fail(ctx, "RS104", f"Eenheden passen niet: '{a}' en '{b}'.", e.span)
    return f
