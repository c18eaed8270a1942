"""Type-check ObjectCreatie and FeitCreatie (taal.md §11) into `ir.Creatie`.

Misuse has its own codes: RS242 (the role is not one the subject can have or play), RS243 (an
attribute set on the new object is not one of its objecttype, or the other object of a new fact is
not one single object of the right type).
"""

from __future__ import annotations

from regelspraak.model import ir
from regelspraak.model.expressions import (
    Ctx,
    Unresolved,
    bind_role_subject,
    check_assignable,
    condition,
    fail,
    resolve,
)
from regelspraak.model.scope import Scope
from regelspraak.origin import Herkomst
from regelspraak.syntax import nodes as n
from regelspraak.syntax.lexer import normalize


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
    """`Een <rol> van een X is een <rol2> van <Y>`: the subject plays <rol2> in a new fact with Y (this
    tool's first reading; `spec_feit_creatie` is the specification's, tried when this one does not fit)."""
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


def spec_lezing(res: n.FeitCreatie, sc: Scope, regel_h: Herkomst) -> tuple[str, ir.Creatie] | None:
    """The specification's reading of `Een <R1> van een <X> is een <R2> van de <Y>` (spec §9.4): for every
    X (the universal subject), every <R2> of <Y> becomes an <R1> of X in a new fact of R1's feittype.
    None when the sentence has no such reading (then the first reading's diagnostics stand); else X's
    objecttype and the creation (restricted to the objects that play X when X is a role)."""
    namen: list[n.Naam] = []
    e: n.Expr = res.onderwerp
    while isinstance(e, n.Van) and isinstance(e.links, n.Naam):
        namen.append(e.links)
        e = e.rechts
    if isinstance(e, n.Naam):
        namen.append(e)
    if len(namen) != 2 or namen[0].bepaler != "een" or namen[1].bepaler != "een":
        return None
    r1_naam, x_naam = namen
    x_type = sc.objecttype(x_naam.key)
    x_rollen = sc.rollen.get(x_naam.key, [])
    x_ot = normalize(x_type.naam) if x_type is not None else (x_rollen[0].objecttype if x_rollen else None)
    if x_ot is None:
        return None
    r1 = next((r for r in sc.rollen.get(r1_naam.key, []) if not sc.feittypen[r.feittype].wederkerig
               and sc.feittypen[r.feittype].rollen[1 - r.index].objecttype == x_ot), None)
    if r1 is None:
        return None
    ctx = Ctx(x_ot, sc, regel_h)
    binding = bind_role_subject(x_naam, ctx)
    eigen_rol = sc.feittypen[r1.feittype].rollen[1 - r1.index]  # the role X plays in the new fact
    try:
        anderen = resolve(n.Van(res.rol.span, n.Naam(res.rol.span, res.rol.key, res.rol.tekst, "alle"), res.ander),
                          ctx)
        vw = condition(res.voorwaarde, ctx) if res.voorwaarde is not None else None
    except Unresolved:
        return None
    if anderen.type.soort != "object" or anderen.type.objecttype != r1.objecttype:
        return None
    if binding is not None:
        vw = binding if vw is None else ir.Samengesteld("alle", None, (binding, vw), ctx.h(res.span))
    return x_ot, ir.Creatie("feit", eigen_rol, (), anderen, vw, ctx.h(res.span))
