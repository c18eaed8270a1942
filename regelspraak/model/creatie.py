"""Type-check ObjectCreatie and FeitCreatie (taal.md §11) into `ir.Creatie`.

Misuse has its own codes: RS242 (the role is not one the subject can have or play), RS243 (an
attribute set on the new object is not one of its objecttype, or the other object of a new fact is
not one single object of the right type).
"""

from __future__ import annotations

from regelspraak.model import ir
from regelspraak.model.expressions import Ctx, check_assignable, condition, fail, resolve
from regelspraak.syntax import nodes as n


def object_creatie(res: n.ObjectCreatie | n.Kenmerktoekenning, ctx: Ctx) -> ir.Creatie:
    """`Een X heeft een <rol> [met A gelijk aan … en …]`: a new object on the other side of <rol>."""
    h = ctx.h(res.span)
    naam = res.rol if isinstance(res, n.ObjectCreatie) else res.kenmerk
    rol = ctx.scope.rol_vanaf(ctx.onderwerp, naam.key)
    if rol is None:
        raise fail(ctx, "RS242", f"'{naam.tekst}' is geen rol die een {ctx.scope.objecttypen[ctx.onderwerp].naam} "
                   "kan hebben.", naam.span, hulp="ObjectCreatie maakt een object aan de andere kant van een "
                   "feittype: 'Een Vlucht heeft een passagier met …'.")
    waarden: list[tuple[ir.Attribuut, ir.Expr]] = []
    for attr_naam, expr in res.waarden if isinstance(res, n.ObjectCreatie) else ():
        attr = ctx.scope.attribuut(rol.objecttype, attr_naam.key)
        if attr is None:
            raise fail(ctx, "RS243", f"'{attr_naam.tekst}' is geen attribuut van "
                       f"{ctx.scope.objecttypen[rol.objecttype].naam}.", attr_naam.span)
        x = resolve(expr, ctx)
        if x.meervoudig:
            raise fail(ctx, "RS243", "Een attribuut van het nieuwe object krijgt één waarde.", expr.span)
        waarden.append((attr, check_assignable(attr.type, x, ctx, expr.span)))
    vw = condition(res.voorwaarde, ctx) if res.voorwaarde is not None else None
    return ir.Creatie("object", rol, tuple(waarden), None, vw, h)


def feit_creatie(res: n.FeitCreatie, ctx: Ctx) -> ir.Creatie:
    """`Een <rol> van een X is een <rol2> van <Y>`: the subject plays <rol2> in a new fact with Y."""
    h = ctx.h(res.span)
    rol = ctx.scope.rol_van(ctx.onderwerp, res.rol.key)
    if rol is None:
        raise fail(ctx, "RS242", f"'{res.rol.tekst}' is geen rol die een {ctx.scope.objecttypen[ctx.onderwerp].naam} "
                   "kan spelen.", res.rol.span)
    ft = ctx.scope.feittypen[rol.feittype]
    ander_rol = rol if ft.wederkerig else ft.rollen[1 - rol.index]
    ander = resolve(res.ander, ctx)
    if ander.type.soort != "object" or ander.type.objecttype != ander_rol.objecttype or ander.meervoudig:
        raise fail(ctx, "RS243", f"Aan de andere kant van '{rol.naam}' staat één "
                   f"{ctx.scope.objecttypen[ander_rol.objecttype].naam}.", res.ander.span)
    vw = condition(res.voorwaarde, ctx) if res.voorwaarde is not None else None
    return ir.Creatie("feit", rol, (), ander, vw, h)
