"""Type-check the functions and checks of taal.md §11 into IR: `de wortel van`, `tot de macht`
(both only under a rounding), `de datum met jaar, maand en dag`, `de eerste paasdag van`, text
interpolation `"… «expr» …"`, `voldoet aan de elfproef`, `is numeriek met exact N cijfers`.

Misuse has its own codes: RS110 (a check on a value that is no text or whole number), RS111
(a root or power without the rounding the specification requires), RS112 (a function argument
of the wrong kind), RS113 (several values, or an object, inside «…»).
"""

from __future__ import annotations

from regelspraak.model import ir
from regelspraak.model.expressions import Ctx, fail, resolve
from regelspraak.syntax import nodes as n
from regelspraak.values.rounding import Afronding
from regelspraak.values.units import Eenheid

_NAMEN = {"wortel": "de wortel van", "macht": "tot de macht", "datum_met": "de datum met jaar, maand en dag",
          "paasdag": "de eerste paasdag van", "eerste_dag_maand": "de eerste dag van de maand van",
          "eerste_dag_maand_na": "de eerste dag van de maand na", "eerste_dag_jaar": "de eerste dag van het jaar van",
          "eerste_dag_jaar_na": "de eerste dag van het jaar na"}


def resolve_functie(e: n.Functie, ctx: Ctx, afronding: n.Afronding | None = None) -> ir.Expr:
    """`e` as IR; `afronding` is the rounding written directly around it (needed for wortel/macht)."""
    h = ctx.h(e.span)
    args = tuple(resolve(a, ctx) for a in e.args)
    for a, sa in zip(args, e.args, strict=True):
        if a.meervoudig:
            raise fail(ctx, "RS112", f"'{_NAMEN[e.naam]}' werkt op één waarde, niet op meerdere.", sa.span,
                       hulp="Gebruik een aggregatie ('de som van …') of kies één object.")
    if e.naam in ("wortel", "macht"):
        for a, sa in zip(args, e.args, strict=True):
            if not a.type.is_getal and a.type.soort != "leeg":
                raise fail(ctx, "RS112", f"'{_NAMEN[e.naam]}' rekent met getallen; dit is {a.type.beschrijf()}.",
                           sa.span)
        if afronding is None:
            raise fail(ctx, "RS111", f"'{_NAMEN[e.naam]}' moet worden afgerond.", e.span,
                       hulp="Schrijf bijvoorbeeld '(de wortel van X) naar beneden afgerond op 2 decimalen'; de "
                            "uitkomst is meestal geen eindige breuk (taal.md §5).")
        eenheid = _eenheid(e, args, ctx)
        t = ir.Type(args[0].type.soort if args[0].type.is_getal else "numeriek", eenheid, afronding.decimalen)
        return ir.Functie(e.naam, args, t, h, Afronding.uit_tekst(afronding.modus), afronding.decimalen)
    if e.naam.startswith("eerste_dag"):
        a, sa = args[0], e.args[0]
        if a.type.soort not in ("datum", "leeg"):
            raise fail(ctx, "RS112", f"'{_NAMEN[e.naam]}' neemt een datum; dit is {a.type.beschrijf()}.", sa.span)
        return ir.Functie(e.naam, args, ir.DATUM, h)
    if e.naam == "datum_met":
        for a, sa, wat in zip(args, e.args, ("jaar", "maand", "dag"), strict=True):
            _geheel_getal(a, sa, wat, ctx)
        return ir.Functie(e.naam, args, ir.DATUM, h)
    _geheel_getal(args[0], e.args[0], "jaar", ctx)
    return ir.Functie(e.naam, args, ir.DATUM, h)


def _geheel_getal(a: ir.Expr, sa: n.Expr, wat: str, ctx: Ctx) -> None:
    if a.type.soort == "leeg":
        return
    if a.type.soort != "numeriek" or not (a.type.eenheid is None or a.type.eenheid.is_dimensieloos):
        raise fail(ctx, "RS112", f"Het {wat} is een getal zonder eenheid; dit is {a.type.beschrijf()}.", sa.span)


def _eenheid(e: n.Functie, args: tuple[ir.Expr, ...], ctx: Ctx) -> Eenheid:
    """The unit of a root or power: m² → m for a root; a power needs a whole literal exponent
    unless the base has no unit."""
    basis = args[0].type.eenheid or Eenheid()
    if basis.is_dimensieloos:
        if e.naam == "macht" and not (args[1].type.eenheid or Eenheid()).is_dimensieloos:
            raise fail(ctx, "RS112", "De exponent van 'tot de macht' heeft geen eenheid.", e.args[1].span)
        return Eenheid()
    if e.naam == "wortel":
        if any(exp % 2 for _, exp in basis.delen):
            raise fail(ctx, "RS104", f"De wortel van een waarde in '{basis}' heeft geen eenheid.", e.span)
        return Eenheid.uit((k, exp // 2) for k, exp in basis.delen)
    exp = args[1]
    if not (isinstance(exp, ir.Literal) and exp.waarde is not None and getattr(exp.waarde, "denominator", 0) == 1):
        raise fail(ctx, "RS112", f"Een waarde in '{basis}' kan alleen tot een vaste gehele macht.", e.args[1].span)
    return basis.macht(int(exp.waarde))  # type: ignore[arg-type]


def resolve_tekst(e: n.Tekstsamenstelling, ctx: Ctx) -> ir.Expr:
    """An interpolated text: the pieces in order, each «expression» one value of any type."""
    h = ctx.h(e.span)
    delen: list[ir.Expr] = []
    for d in e.delen:
        if isinstance(d, str):
            delen.append(ir.Literal(d, ir.TEKST, h))
            continue
        x = resolve(d, ctx)
        if x.meervoudig:
            raise fail(ctx, "RS113", "In «…» staat één waarde, maar dit zijn meerdere waarden.", d.span,
                       hulp="Gebruik een aggregatie, bijvoorbeeld «het aantal leden van het Huishouden».")
        if x.type.soort == "object":
            raise fail(ctx, "RS113", "In «…» staat een waarde, geen object.", d.span,
                       hulp="Schrijf een attribuut van het object, bijvoorbeeld «de naam van de reis».")
        delen.append(x)
    return ir.Functie("tekst", tuple(delen), ir.TEKST, h)


def resolve_controle(c: n.Controle, ctx: Ctx) -> ir.Conditie:
    x = resolve(c.onderwerp, ctx)
    wat = "de elfproef" if c.soort == "elfproef" else f"'numeriek met exact {c.aantal} cijfers'"
    if x.meervoudig:
        raise fail(ctx, "RS110", f"{wat[0].upper()}{wat[1:]} toetst één waarde; dit zijn meerdere waarden.", c.span,
                   hulp="Zeg over welke het gaat ('alle', 'geen van de') in een samengestelde voorwaarde.")
    if x.type.soort not in ("tekst", "leeg") and not (x.type.soort == "numeriek" and x.type.decimalen == 0) \
            and not (x.type.soort == "numeriek" and isinstance(x, ir.Literal)):
        raise fail(ctx, "RS110", f"{wat[0].upper()}{wat[1:]} toetst een tekst of een geheel getal; dit is "
                   f"{x.type.beschrijf()}.", c.span)
    if c.soort == "numeriek" and (c.aantal is None or c.aantal < 1):
        raise fail(ctx, "RS110", "Het aantal cijfers is ten minste 1.", c.span)
    return ir.Controle(c.soort, x, c.aantal, c.ontkend, ctx.h(c.span))

