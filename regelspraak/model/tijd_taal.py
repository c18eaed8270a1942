"""Resolve the timeline sentence forms (taal.md §11) into the IR: bare periods, `gedurende het gehele
jaar`, and the functions over a whole timeline (`het totaal van`, `het aantal dagen in de maand dat`,
`het tijdsevenredig deel per maand van`). Their meaning is in `evaluate/tijd_expr.py`.

Types ([besluit], docs/semantiek.md "Tijdlijnen"):
- `het totaal van X`: X a number that reads timelines of one period P (or whose unit is per P); one
  value, in X's unit times P when the unit says P (€/mnd over months: €), else in X's unit.
- `het aantal dagen in de maand|het jaar dat C`: a whole number (no unit) per month/year.
- `het tijdsevenredig deel per maand|jaar van X …`: X an amount per that period (its timeline's
  period, or its unit's: €/mnd); an amount per any other period is RS122 (convert first).
- a period's dates are dates (RS103 otherwise).

>>> from regelspraak.values.units import Eenheid
>>> _per_eenheid(Eenheid.uit([("€", 1), ("mnd", -1)]), "maand")
Eenheid(delen=(('€', 1),))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from regelspraak.model import ir
from regelspraak.model.tijd import PERIODE_EENHEID, periodes, tijd_noemer
from regelspraak.syntax import nodes as n
from regelspraak.values.units import Eenheid

if TYPE_CHECKING:
    from regelspraak.model.expressions import Ctx

GEHEEL_GETAL = ir.Type("numeriek", Eenheid(), decimalen=0, teken="niet-negatief")


def periode(c: n.Periode, ctx: Ctx) -> ir.Periode:
    from regelspraak.model.expressions import fail, resolve

    def datum(x: n.Expr | None, wat: str) -> ir.Expr | None:
        if x is None:
            return None
        d = resolve(x, ctx)
        if d.type.soort not in ("datum", "leeg") or d.meervoudig:
            soort = "meerdere waarden" if d.meervoudig else d.type.beschrijf()
            raise fail(ctx, "RS103", f"Een periode loopt van datum tot datum, maar de {wat} is {soort}.", x.span,
                       hulp="Een grens is een datum: een datum (01-01-2025), een datumattribuut of -parameter, "
                            "eventueel plus een tijdsduur (zijn geboortedatum plus 18 jr), of 'de eerste dag van de "
                            "maand na …'.")
        return d

    return ir.Periode(datum(c.vanaf, "begindatum"), datum(c.tot, "einddatum"), c.tot_en_met, ctx.h(c.span))


def gehele_periode(c: n.GehelePeriode, ctx: Ctx) -> ir.GehelePeriode:
    from regelspraak.model.expressions import condition

    return ir.GehelePeriode(condition(c.voorwaarde, ctx), c.per, c.ontkend, ctx.h(c.span))


def tijdfunctie(e: n.TijdFunctie, ctx: Ctx) -> ir.TijdFunctie:
    from regelspraak.model.expressions import condition, fail, resolve

    h = ctx.h(e.span)
    vw = condition(e.voorwaarde, ctx) if e.voorwaarde is not None else None
    if e.soort == "dagen":
        return ir.TijdFunctie("dagen", None, vw, e.per, GEHEEL_GETAL, h)
    assert e.expr is not None
    x = resolve(e.expr, ctx)
    t = x.type
    wat = "'Het totaal van'" if e.soort == "totaal" else "'Het tijdsevenredig deel'"
    if x.meervoudig:
        raise fail(ctx, "RS103", f"{wat} werkt op één waarde per moment, niet op meerdere.", e.span)
    if not t.is_getal or t.soort == "percentage":
        raise fail(ctx, "RS103", f"{wat} rekent met bedragen of getallen, maar dit is {t.beschrijf()}.", e.span)
    eenheid = t.eenheid or Eenheid()
    lijnen = periodes(x)
    in_eenheid = tijd_noemer(eenheid)
    if e.soort == "totaal":
        if len(lijnen) > 1:
            raise fail(ctx, "RS120", f"'Het totaal van' leest tijdlijnen per {' en per '.join(sorted(lijnen))}; reken "
                       "eerst om naar dezelfde periode.", e.span)
        per = next(iter(lijnen), None) or in_eenheid
        if per is None:
            raise fail(ctx, "RS122", "'Het totaal van' telt waarden per periode op, maar deze waarde is geen tijdlijn "
                       "en haar eenheid noemt geen periode.", e.span,
                       hulp="Tel een tijdlijn op (een attribuut of parameter 'voor elke maand'), of een bedrag per "
                            "maand (€/mnd).")
        if in_eenheid == per:  # €/mnd per month, times months: €
            eenheid = _per_eenheid(eenheid, per)
        return ir.TijdFunctie("totaal", x, vw, per, ir.Type("numeriek", eenheid, t.decimalen, t.teken), h)
    assert e.per is not None
    eigen = in_eenheid or (next(iter(lijnen)) if len(lijnen) == 1 else None)
    if eigen is not None and eigen != e.per:
        raise fail(ctx, "RS122", f"'Het tijdsevenredig deel per {e.per}' deelt een bedrag per {e.per}, maar dit is "
                   f"{t.beschrijf()} (per {eigen}).", e.span,
                   hulp=f"Reken het bedrag eerst om naar een bedrag per {e.per} (eenheid "
                        f"€/{PERIODE_EENHEID[e.per]}).")
    return ir.TijdFunctie("tijdsevenredig", x, vw, e.per, ir.Type("numeriek", eenheid, None, t.teken), h)


def _per_eenheid(e: Eenheid, per: str) -> Eenheid:
    """`e` times one `per` (€/mnd × mnd = €)."""
    return Eenheid.uit([*e.delen, (PERIODE_EENHEID[per], 1)])


def omrekening(e: n.Omrekening, ctx: Ctx) -> ir.Expr:
    """`X per maand|jaar|dag`: the explicit, exact conversion of an amount per one period to another.
    X's period is its unit's (€/jr) or, for a timeline whose unit does not say it, the timeline's.
    dag ↔ maand/jaar has no exact factor (a month has no fixed number of days): RS123."""
    from regelspraak.model.expressions import fail, resolve

    x = resolve(e.expr, ctx)
    t = x.type
    if not t.is_getal or t.soort == "percentage" or x.meervoudig:
        raise fail(ctx, "RS103", f"'per {e.per}' rekent een bedrag om; dit is {t.beschrijf()}.", e.span)
    eenheid = t.eenheid or Eenheid()
    lijnen = periodes(x)
    van = tijd_noemer(eenheid) or (next(iter(lijnen)) if len(lijnen) == 1 else None)
    if van is None:
        raise fail(ctx, "RS123", f"'per {e.per}' rekent een bedrag per periode om, maar '{eenheid or 'geen eenheid'}' "
                   "noemt geen periode en dit is geen tijdlijn.", e.span)
    if van == e.per:
        return x
    oud, nieuw = PERIODE_EENHEID[van], PERIODE_EENHEID[e.per]
    factor = ctx.scope.eenheden.factor(Eenheid.uit([(oud, -1)]), Eenheid.uit([(nieuw, -1)]))
    if factor is None:
        raise fail(ctx, "RS123", f"Een bedrag per {van} is niet exact om te rekenen naar een bedrag per {e.per} (een "
                   "maand of jaar heeft geen vast aantal dagen).", e.span,
                   hulp="Gebruik 'het tijdsevenredig deel per maand van …' om naar dagen te verdelen.")
    if tijd_noemer(eenheid) == van:
        eenheid = Eenheid.uit([(k, m) for k, m in eenheid.delen if k != oud] + [(nieuw, -1)])
    return ir.Omrekening(x, factor, e.per, ir.Type("numeriek", eenheid, None, t.teken), ctx.h(e.span))
