"""Resolve syntax expressions and conditions into typed IR: names, types, units.

"A van B" is settled here by type: navigation when B is an object (an attribute or role of
its objecttype), a percentage of an amount otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction

from regelspraak.model import ir
from regelspraak.model.scope import Scope
from regelspraak.origin import Herkomst, Span
from regelspraak.syntax import nodes as n
from regelspraak.syntax import unsupported
from regelspraak.syntax.lexer import normalize
from regelspraak.values.rounding import Afronding
from regelspraak.values.units import Eenheid, EenheidFout

GETAL = ir.Type("numeriek", Eenheid())
GEHEEL = ir.Type("numeriek", Eenheid(), decimalen=0)
_KWANTOREN = {"alle": "alle", "geen": "geen", "ten minste": "ten_minste", "ten hoogste": "ten_hoogste",
              "precies": "precies"}
_DUUR_EENHEDEN = {"dg", "wk", "mnd", "kw", "jr"}
_TIJD_EENHEDEN = {"ms", "s", "minuut", "u"}  # only a Datum en tijd in millisecondes moves by these
DATUMTIJD = ir.Type("datumtijd")


class Unresolved(Exception):
    """Resolution failed; a diagnostic has been recorded already."""


@dataclass
class Ctx:
    onderwerp: str  # objecttype key of the rule's universal subject
    scope: Scope
    herkomst_bron: Herkomst
    variabelen: dict[str, ir.Type] = field(default_factory=dict)
    elementen: list[str] = field(default_factory=list)  # objecttypes of Element bindings, inner last
    in_dagsoort: bool = False  # inside a Dagsoortdefinitie: "de dag" is the day tested
    # A subject written as a role ("een lid van een Huishouden"): the role the subject plays, and
    # the object on the other side of that fact, by objecttype key ("het Huishouden").
    rol_onderwerp: ir.Rol | None = None
    latere_variabelen: set[str] = field(default_factory=set)  # declared after the one being resolved
    aliassen: dict[str, ir.Expr] = field(default_factory=dict)
    # Inside `indien zijn burgerservicenummer aan alle volgende voorwaarden voldoet:` the bullets call that
    # value `het burgerservicenummer` (spec §10.2): attribute key -> the value read.
    waarde_aliassen: dict[str, ir.Expr] = field(default_factory=dict)

    def h(self, span: Span) -> Herkomst:
        return Herkomst(span, self.herkomst_bron.bron)


def fail(ctx: Ctx, code: str, bericht: str, span: Span, hulp: str | None = None) -> Unresolved:
    ctx.scope.fout(code, bericht, span, hulp)
    return Unresolved(bericht)


def subject_name(e: n.Expr) -> n.Naam | None:
    """The universal subject of a target or subject phrase: the leftmost `een X` (in `het aandeel
    van een lid van een Huishouden` that is the lid, whose Huishouden is context), else `alle X`."""
    namen: list[n.Naam] = []
    while isinstance(e, n.Van):
        if isinstance(e.links, n.Naam):
            namen.append(e.links)
        e = e.rechts
    if isinstance(e, n.Naam):
        namen.append(e)
    return (next((x for x in namen if x.bepaler == "een"), None)
            or next((x for x in reversed(namen) if x.bepaler == "alle"), None))


def bind_role_subject(naam: n.Naam | None, ctx: Ctx) -> ir.Conditie | None:
    """For a subject written as a role (`een lid van een Huishouden`): bind the object on the
    other side of the fact to its objecttype name, and return the condition that restricts the
    rule to objects that play the role; None when the subject is an objecttype."""
    sc = ctx.scope
    if naam is None or sc.objecttype(naam.key) is not None:
        return None
    rol = next((r for r in sc.rollen.get(naam.key, []) if r.objecttype == ctx.onderwerp), None)
    if rol is None:
        return None
    ctx.rol_onderwerp = rol
    h = ctx.h(naam.span)
    onderwerp = ir.Onderwerp(ir.Type("object", objecttype=ctx.onderwerp), h)
    ft = sc.feittypen[rol.feittype]
    if not ft.wederkerig:
        ander = ft.rollen[1 - rol.index]
        # Only a single related object can be "het <objecttype>"; with several the phrase is ambiguous.
        if ander.objecttype != ctx.onderwerp and not ander.meervoudig:
            nav = ir.Navigatie(onderwerp, ander, ir.Type("object", objecttype=ander.objecttype), h)
            ctx.aliassen[ander.objecttype] = nav
            # "de reis" for the reis of a passagier: the other role by its own name, too.
            for naam_ander in (ander.naam, ander.meervoud):
                if naam_ander:
                    ctx.aliassen.setdefault(normalize(naam_ander), nav)
    return ir.RolTest(onderwerp, rol, False, False, h)


def restrict_to_role(res: ir.Resultaat, binding: ir.Conditie) -> ir.Resultaat:
    """A result that applies only to subjects that play the role of a role subject."""
    if isinstance(res, ir.Toekenning):
        vw = binding if res.voorwaarde is None else ir.Samengesteld("alle", None, (binding, res.voorwaarde),
                                                                     res.voorwaarde.herkomst)
        return ir.Toekenning(res.doel, res.expr, vw, res.initialisatie, res.herkomst)
    if res.voorwaarde is None:
        return res
    # A criterion holds for whoever does not play the role: "not a lid, or the criterion".
    assert isinstance(binding, ir.RolTest)
    buiten = ir.RolTest(binding.object, binding.rol, binding.heeft, True, binding.herkomst)
    return ir.Consistentieregel(ir.Samengesteld("ten_minste", 1, (buiten, res.voorwaarde), res.herkomst),
                                res.uniek, res.herkomst)


def resolve(e: n.Expr, ctx: Ctx) -> ir.Expr:
    h = ctx.h(e.span)
    sc = ctx.scope
    if isinstance(e, n.Getal):
        eenheid = Eenheid()
        if e.eenheid is not None:
            try:
                eenheid = sc.eenheden.parse(e.eenheid)
            except EenheidFout as err:
                raise fail(ctx, "RS107", str(err), e.span) from err
        return ir.Literal(e.waarde, ir.Type("numeriek", eenheid, _decimals(e.waarde)), h)
    if isinstance(e, n.Percentage):
        return ir.Literal(e.waarde, ir.Type("percentage", Eenheid(), _decimals(e.waarde)), h)
    if isinstance(e, n.DatumWaarde):
        # `dd. 1-7-2025 08:15:30.250` is a Datum en tijd in millisecondes (spec §13.2.18).
        return ir.Literal(e.waarde, DATUMTIJD if isinstance(e.waarde, datetime) else ir.DATUM, h)
    if isinstance(e, n.EnumWaarde):
        return ir.Literal(e.waarde, ir.Type("enumeratie"), h)
    if isinstance(e, n.TekstWaarde):
        return ir.Literal(e.waarde, ir.TEKST, h)
    if isinstance(e, n.BoolWaarde):
        return ir.Literal(e.waarde, ir.BOOLEAN, h)
    if isinstance(e, n.LeegWaarde):
        return ir.Literal(None, ir.LEEG, h)
    if isinstance(e, n.Rekendatum):
        return ir.RekendatumRef(ir.DATUM, h)
    if isinstance(e, n.Rekenjaar):
        return ir.RekendatumRef(GEHEEL, h, jaar=True)
    if isinstance(e, n.Hij):
        # Like "zijn": inside a subselection "hij" is the member being selected.
        if ctx.elementen:
            return ir.Element(ir.Type("object", objecttype=ctx.elementen[-1]), h)
        return _hij(ctx, e.span)
    if isinstance(e, n.Naam):
        return _naam(e, ctx)
    if isinstance(e, n.Van):
        return _van(e, ctx)
    if isinstance(e, n.Bewerking):
        return _bewerking(e, ctx)
    if isinstance(e, n.Afronding):
        if isinstance(e.expr, n.Functie) and e.expr.naam in ("wortel", "macht"):
            from regelspraak.model.functies import resolve_functie

            return resolve_functie(e.expr, ctx, e)
        x = _getal(resolve(e.expr, ctx), ctx, e.span, "afronden")
        t = ir.Type(x.type.soort, x.type.eenheid, e.decimalen)
        return ir.Afronden(x, Afronding.uit_tekst(e.modus), e.decimalen, t, h, meervoudig=x.meervoudig)
    if isinstance(e, n.Begrenzing):
        x = _getal(resolve(e.expr, ctx), ctx, e.span, "begrenzen")
        lo = _getal(resolve(e.minimum, ctx), ctx, e.span, "begrenzen") if e.minimum else None
        hi = _getal(resolve(e.maximum, ctx), ctx, e.span, "begrenzen") if e.maximum else None
        f_lo = _factor(lo, x, ctx, e.span) if lo is not None else Fraction(1)
        f_hi = _factor(hi, x, ctx, e.span) if hi is not None else Fraction(1)
        return ir.Begrenzen(x, lo, hi, x.type, h, f_lo, f_hi, meervoudig=x.meervoudig)
    if isinstance(e, n.AbsoluteWaarde):
        x = _getal(resolve(e.expr, ctx), ctx, e.span, "de absolute waarde nemen van")
        return ir.Absoluut(x, x.type, h)
    if isinstance(e, n.Aggregatie):
        return _aggregatie(e, ctx)
    if isinstance(e, n.Tijdsduur):
        van, tot = resolve(e.van, ctx), resolve(e.tot, ctx)
        for x, sp in ((van, e.van.span), (tot, e.tot.span)):
            if x.type.soort not in ("datum", "datumtijd"):
                raise fail(ctx, "RS103", f"Tijdsduur vraagt een datum, maar dit is {x.type.beschrijf()}.", sp)
        if van.type.soort != tot.type.soort:
            raise fail(ctx, "RS132", "Een tijdsduur loopt van een datum tot een datum, of van een datum-tijd tot een "
                       "datum-tijd, niet van het een tot het ander.", e.span)
        if van.type.soort == "datum" and e.eenheid not in ("jaren", "maanden", "dagen"):
            raise fail(ctx, "RS132", f"Een tijdsduur tussen datums (in dagen) telt geen {e.eenheid}.", e.span,
                       hulp="Declareer de attributen als 'Datum en tijd in millisecondes', of tel in dagen.")
        unit = {"jaren": "jr", "maanden": "mnd", "dagen": "dg", "uren": "u", "minuten": "minuut", "seconden": "s",
                "milliseconden": "ms"}[e.eenheid]
        return ir.Tijdsduur(van, tot, e.eenheid, e.absoluut,
                            ir.Type("numeriek", sc.eenheden.parse(unit), 0), h)
    if isinstance(e, n.DatumDeel):
        x = resolve(e.expr, ctx)
        if x.type.soort not in ("datum", "datumtijd"):
            raise fail(ctx, "RS103", f"'{e.deel} uit' vraagt een datum, maar dit is {x.type.beschrijf()}.", e.span)
        return ir.DatumDeel(e.deel, x, GEHEEL, h)
    if isinstance(e, n.DeDag):
        if not ctx.in_dagsoort:
            raise fail(ctx, "RS244", "'de dag' bestaat alleen in een Dagsoortdefinitie ('Een dag is een … indien …').",
                       e.span)
        return ir.Functie("dag", (), ir.DATUM, h)
    if isinstance(e, n.Functie):
        from regelspraak.model.functies import resolve_functie

        return resolve_functie(e, ctx)
    if isinstance(e, n.DimensieBereik):
        from regelspraak.model.dimensies import bereik

        return bereik(e, ctx)
    if isinstance(e, n.DimensieAggregatie):
        from regelspraak.model.dimensies import over

        return over(e, ctx)
    if isinstance(e, n.Tekstsamenstelling):
        from regelspraak.model.functies import resolve_tekst

        return resolve_tekst(e, ctx)
    if isinstance(e, n.TijdFunctie):
        from regelspraak.model.tijd_taal import tijdfunctie

        return tijdfunctie(e, ctx)
    if isinstance(e, n.Omrekening):
        from regelspraak.model.tijd_taal import omrekening

        return omrekening(e, ctx)
    raise fail(ctx, "RS008", "Deze expressie wordt nog niet ondersteund.", e.span)


def _decimals(v: Fraction) -> int | None:
    d, k = v.denominator, 0
    while d % 10 == 0 and k < 30:
        d //= 10
        k += 1
    if d % 2 == 0 or d % 5 == 0:
        while d % 2 == 0 or d % 5 == 0:
            d //= 2 if d % 2 == 0 else 5
            k += 1
    return k if d == 1 else None


def _hij(ctx: Ctx, span: Span) -> ir.Expr:
    if ctx.onderwerp not in ctx.scope.objecttypen:
        raise fail(ctx, "RS244", "In een Dagsoortdefinitie is er geen onderwerp; schrijf 'de dag'.", span)
    ot = ctx.scope.objecttypen[ctx.onderwerp]
    if not ot.bezield:
        raise fail(ctx, "RS108", f"'hij/zijn' verwijst naar een bezield onderwerp, maar '{ot.naam}' is niet "
                   "(bezield) gedeclareerd.", span,
                   hulp=f"Schrijf 'het {ot.naam}' of declareer 'Objecttype … {ot.naam} (bezield)'.")
    return ir.Onderwerp(ir.Type("object", objecttype=ctx.onderwerp), ctx.h(span))


def _naam(e: n.Naam, ctx: Ctx) -> ir.Expr:
    sc = ctx.scope
    h = ctx.h(e.span)
    if e.key == "die" and e.bepaler is None:
        if not ctx.elementen:
            raise fail(ctx, "RS105", "'die' verwijst nergens naar.", e.span)
        return ir.Element(ir.Type("object", objecttype=ctx.elementen[-1]), h)
    if e.bepaler == "zijn":
        # "zijn X" is "de X van hem": the member inside a subselection, else the subject.
        owner: ir.Expr = (ir.Element(ir.Type("object", objecttype=ctx.elementen[-1]), h) if ctx.elementen
                          else _hij(ctx, e.span))
        return _member(n.Naam(e.span, e.key, e.tekst, "de"), owner, ctx)
    if e.key in ctx.waarde_aliassen and e.bepaler in (None, "de", "het"):
        return ctx.waarde_aliassen[e.key]
    if e.key in ctx.variabelen and e.bepaler in (None, "de", "het"):
        return ir.VariabeleRef(e.key, ctx.variabelen[e.key], h)
    ot = sc.objecttype(e.key)
    if ot is not None:
        key = normalize(ot.naam)
        t = ir.Type("object", objecttype=key)
        if e.bepaler == "alle":
            return ir.Onderwerp(t, h, meervoudig=True)
        if key == ctx.onderwerp and (e.bepaler in ("een", "de", "het", None)):
            return ir.Onderwerp(t, h)
        if key in ctx.aliassen and e.bepaler in ("een", "de", "het", None):
            return ctx.aliassen[key]
        for depth, el in enumerate(reversed(ctx.elementen)):
            if el == key:
                return ir.Element(t, h, diepte=depth)
        eigen = sc.objecttypen[ctx.onderwerp].naam if ctx.onderwerp in sc.objecttypen else "de dag"
        raise fail(ctx, "RS105", f"'{e.tekst}' is niet het onderwerp van deze regel ('{eigen}').", e.span,
                   hulp="Een regel heeft één universeel onderwerp ('een …'); verwijs ernaar met 'de/het …'.")
    if e.key in sc.parameters:
        p = sc.parameters[e.key]
        return ir.ParameterRef(e.key, p.type, h)
    if e.bepaler == "een" and sc.rollen.get(e.key):
        rol = sc.rollen[e.key][0]
        if rol.objecttype == ctx.onderwerp:
            return ir.Onderwerp(ir.Type("object", objecttype=rol.objecttype), h)
    if e.bepaler in ("de", "het", None) and sc.rollen.get(e.key):
        # A role subject ("een reis") is referred to later as "de reis" (taal.md §11), and the
        # single object on the other side of its fact by its role name ("de reis" of a passagier).
        if ctx.rol_onderwerp is not None and ctx.rol_onderwerp in sc.rollen[e.key]:
            return ir.Onderwerp(ir.Type("object", objecttype=ctx.onderwerp), h)
        if e.key in ctx.aliassen:
            return ctx.aliassen[e.key]
    if e.key in ctx.latere_variabelen:
        raise fail(ctx, "RS109", f"Variabele '{e.tekst}' wordt gebruikt vóór ze is gedefinieerd.", e.span,
                   hulp="Een variabele mag alleen eerdere variabelen gebruiken (taal.md §3); zet haar lager.")
    kandidaten = sc.alle_namen() + list(ctx.variabelen)
    hint = sc.suggest(e.key, kandidaten)
    if sc.attribuut(ctx.onderwerp, e.key) is not None or sc.rol_vanaf(ctx.onderwerp, e.key) is not None:
        raise fail(ctx, "RS105", f"'{e.tekst}' heeft een eigenaar nodig.", e.span,
                   hulp=f"Schrijf 'de {e.tekst} van …' of 'zijn {e.tekst}'.")
    if e.key in unsupported.NAMEN:
        raise fail(ctx, "RS008", unsupported.bericht(unsupported.NAMEN[e.key]), e.span,
                   hulp="Zie regelspraak-taal.md §11 voor wat deze versie uitvoert.")
    raise fail(ctx, "RS101", f"Onbekende naam '{e.tekst}'.", e.span,
               hulp=f"Bedoelde u '{hint}'?" if hint else None)


def _member(links: n.Naam, owner: ir.Expr, ctx: Ctx) -> ir.Expr:
    """An attribute or role of `owner` (an object or a collection of objects)."""
    sc = ctx.scope
    h = ctx.h(links.span)
    ot = owner.type.objecttype or ""
    attr = sc.attribuut(ot, links.key)
    if attr is not None:
        return ir.AttribuutLezen(owner, attr, attr.type, h, meervoudig=owner.meervoudig)
    rol = sc.rol_vanaf(ot, links.key)
    if rol is not None:
        return ir.Navigatie(owner, rol, ir.Type("object", objecttype=rol.objecttype), h,
                            meervoudig=owner.meervoudig or rol.meervoudig)
    info = sc.dim_attr.get((ot, links.key))
    if info is not None:
        from regelspraak.model.dimensies import ontbrekend_label

        raise ontbrekend_label(info, links.tekst, ctx, links.span)
    hint = sc.suggest(links.key, sc.namen_van(ot))
    naam = sc.objecttypen[ot].naam if ot in sc.objecttypen else ot
    raise fail(ctx, "RS101", f"'{links.tekst}' is geen attribuut of rol van {naam}.", links.span,
               hulp=f"Bedoelde u '{hint}'?" if hint else None)


def _van(e: n.Van, ctx: Ctx) -> ir.Expr:
    # The grammar nests "a van b van c" to the right, but where a percentage is taken of a
    # navigated amount ("het basispercentage van het Huishouden van het drempelinkomen") the
    # percentage is itself a navigation: walk the chain right to left while the value is an
    # object; whatever is left of the first non-object is the percentage.
    chain: list[n.Expr] = [e.links]
    rest: n.Expr = e.rechts
    while isinstance(rest, n.Van):
        chain.append(rest.links)
        rest = rest.rechts
    rechts = resolve(rest, ctx)
    i = len(chain) - 1
    while i >= 0 and rechts.type.soort == "object":
        x = chain[i]
        if not isinstance(x, n.Naam):
            raise fail(ctx, "RS103", "Links van 'van' een object hoort een attribuut of rol te staan.", x.span)
        if x.bepaler == "een" and ctx.rol_onderwerp is not None and ctx.rol_onderwerp in ctx.scope.rollen.get(
                x.key, []):
            # "een lid van een Huishouden": the role phrase is the subject itself, not a navigation.
            rechts = ir.Onderwerp(ir.Type("object", objecttype=ctx.onderwerp), ctx.h(x.span))
        else:
            rechts = _member(x, rechts, ctx)
        i -= 1
    if i < 0:
        return rechts
    links_syntax = chain[i]
    for x in reversed(chain[:i]):
        links_syntax = n.Van(x.span, x, links_syntax)
    links = resolve(links_syntax, ctx)
    if links.type.soort != "percentage":
        raise fail(ctx, "RS103", f"'… van …' is hier een percentage van een bedrag, maar links staat "
                   f"{links.type.beschrijf()}.", e.span)
    bedrag = _getal(rechts, ctx, e.rechts.span, "een percentage nemen van")
    return ir.Rekenkunde("procent van", links, bedrag, ir.Type("numeriek", bedrag.type.eenheid), ctx.h(e.span),
                         meervoudig=links.meervoudig or bedrag.meervoudig)


def _getal(x: ir.Expr, ctx: Ctx, span: Span, wat: str) -> ir.Expr:
    if not x.type.is_getal:
        raise fail(ctx, "RS103", f"Kan niet {wat}: dit is {x.type.beschrijf()}, geen getal.", span)
    return x


def _factor(x: ir.Expr, naar: ir.Expr, ctx: Ctx, span: Span) -> Fraction:
    """Factor converting `x` to the unit of `naar`; a unitless literal takes the other unit."""
    a, b = x.type.eenheid or Eenheid(), naar.type.eenheid or Eenheid()
    if a == b:
        return Fraction(1)
    if a.is_dimensieloos and isinstance(x, ir.Literal):
        return Fraction(1)
    if b.is_dimensieloos and isinstance(naar, ir.Literal):
        return Fraction(1)
    f = ctx.scope.eenheden.factor(a, b)
    if f is None:
        raise fail(ctx, "RS104", f"Eenheden passen niet: '{a or 'geen eenheid'}' en '{b or 'geen eenheid'}'.", span)
    return f


def _zelfde_periode(links: ir.Expr, rechts: ir.Expr, ctx: Ctx, span: Span) -> None:
    """RS123: a timeline per month and an amount per year (or another period) do not add up."""
    from regelspraak.model.tijd import periode_conflict

    conflict = periode_conflict(links, rechts)
    if conflict is not None:
        bericht, naar = conflict
        raise fail(ctx, "RS123", bericht, span, hulp=f"Reken expliciet om met '… per {naar}' (exact: een bedrag per "
                   "jaar per maand is × 1/12), of maak beide waarden per dezelfde periode.")


def _unit_of(x: ir.Expr, other: ir.Expr) -> Eenheid:
    """The unit of a +/- result: the left side's, unless it is a unitless literal."""
    a = x.type.eenheid or Eenheid()
    if a.is_dimensieloos and isinstance(x, ir.Literal):
        return other.type.eenheid or Eenheid()
    return a


def _bewerking(e: n.Bewerking, ctx: Ctx) -> ir.Expr:
    links, rechts = resolve(e.links, ctx), resolve(e.rechts, ctx)
    h = ctx.h(e.span)
    mv = links.meervoudig or rechts.meervoudig
    if e.op in ("plus", "min") and links.type.soort == "datumtijd":
        duur = rechts.type.eenheid.enkelvoudig if rechts.type.eenheid is not None else None
        if not rechts.type.is_getal or duur not in _DUUR_EENHEDEN | _TIJD_EENHEDEN:
            raise fail(ctx, "RS132", "Bij een datum-tijd kan alleen een duur in ms, s, minuut, u, dg, wk, mnd, kw "
                       "of jr worden opgeteld.", e.span)
        assert duur is not None
        return ir.DatumPlus(links, rechts, duur, 1 if e.op == "plus" else -1, DATUMTIJD, h, meervoudig=mv)
    if e.op in ("plus", "min") and links.type.soort == "datum":
        duur = rechts.type.eenheid.enkelvoudig if rechts.type.eenheid is not None else None
        if rechts.type.is_getal and duur in _TIJD_EENHEDEN:
            raise fail(ctx, "RS132", f"Een datum (in dagen) heeft geen tijd: er kan geen duur in {duur} bij.", e.span,
                       hulp="Declareer het attribuut als 'Datum en tijd in millisecondes'.")
        duur = rechts.type.eenheid.enkelvoudig if rechts.type.eenheid is not None else None
        if not rechts.type.is_getal or duur not in _DUUR_EENHEDEN:
            raise fail(ctx, "RS104", "Bij een datum kan alleen een duur in dg, wk, mnd, kw of jr worden opgeteld.",
                       e.span)
        assert duur is not None
        return ir.DatumPlus(links, rechts, duur, 1 if e.op == "plus" else -1, ir.DATUM, h, meervoudig=mv)
    _getal(links, ctx, e.links.span, f"rekenen met '{e.op}'")
    _getal(rechts, ctx, e.rechts.span, f"rekenen met '{e.op}'")
    if e.op in ("plus", "min", "verminderd met"):
        _zelfde_periode(links, rechts, ctx, e.span)
        f = _factor(rechts, links, ctx, e.span)
        soort = "percentage" if links.type.soort == rechts.type.soort == "percentage" else "numeriek"
        return ir.Rekenkunde(e.op, links, rechts, ir.Type(soort, _unit_of(links, rechts)), h,
                             factor_rechts=f, meervoudig=mv)
    if "percentage" in (links.type.soort, rechts.type.soort):
        raise fail(ctx, "RS103", f"'{e.op}' werkt niet met een percentage; gebruik 'P van X'.", e.span)
    a, b = links.type.eenheid or Eenheid(), rechts.type.eenheid or Eenheid()
    if e.op == "maal":
        eenheid, f = ctx.scope.eenheden.maal(a, b)
    else:
        eenheid, f = ctx.scope.eenheden.gedeeld(a, b)
    op = "gedeeld door abs" if e.op == "gedeeld door abs" else e.op
    return ir.Rekenkunde(op, links, rechts, ir.Type("numeriek", eenheid), h, factor_links=f, meervoudig=mv)


def _aggregatie(e: n.Aggregatie, ctx: Ctx) -> ir.Expr:
    h = ctx.h(e.span)
    if e.soort == "aantal" and e.collectie is None:
        # A concatenation of subselections (spec §5.7): the objects in any of them, each once.
        delen: list[ir.Expr] = []
        for deel in e.lijst:
            assert isinstance(deel, n.Aggregatie) and deel.collectie is not None
            coll = resolve(deel.collectie, ctx)
            if deel.selectie is not None:
                coll = _select(coll, deel.selectie, ctx, deel.span)
            if coll.type.soort != "object" or not coll.meervoudig:
                raise fail(ctx, "RS103", "'het aantal A, B en C' telt objecten van verzamelingen "
                           "('passagiers van de reis die …').", deel.span)
            if delen and coll.type.objecttype != delen[0].type.objecttype:
                raise fail(ctx, "RS103", "De verzamelingen in 'het aantal A, B en C' zijn van één objecttype.",
                           deel.span)
            delen.append(coll)
        return ir.Aggregeren("aantal", None, tuple(delen), False, GEHEEL, h)
    if e.collectie is not None:
        coll = resolve(e.collectie, ctx)
        if e.selectie is not None:
            coll = _select(coll, e.selectie, ctx, e.span)
        if e.soort == "aantal":
            if coll.type.soort != "object":
                raise fail(ctx, "RS103", "'het aantal' telt objecten (bijvoorbeeld 'het aantal leden van …').",
                           e.span)
            return ir.Aggregeren("aantal", coll, (), False, GEHEEL, h)
        if not coll.meervoudig:
            raise fail(ctx, "RS103", f"'{e.soort}' vraagt meerdere waarden (bijvoorbeeld '… van alle leden van …').",
                       e.span)
        if e.soort in ("som",) and not coll.type.is_getal:
            raise fail(ctx, "RS103", f"De som vraagt getallen, maar dit is {coll.type.beschrijf()}.", e.span)
        return ir.Aggregeren(e.soort, coll, (), e.of_nul, _plain(coll.type), h)
    items = [resolve(x, ctx) for x in e.lijst]
    first = items[0]
    if e.soort in ("eerste", "laatste"):
        # Dates, or dates and times (spec §5.8.4: "de eerste van de verwachte datum-tijd van vertrek …"),
        # one kind in one list.
        soort = first.type.soort if first.type.soort in ("datum", "datumtijd") else "datum"
        for x, sx in zip(items, e.lijst, strict=True):
            if x.type.soort != soort:
                raise fail(ctx, "RS103", f"'de {e.soort} van' vraagt datums (of datum-tijden), van één soort.",
                           sx.span)
        return ir.Aggregeren(e.soort, None, tuple(items), False, DATUMTIJD if soort == "datumtijd" else ir.DATUM, h)
    factoren = tuple(_factor(_getal(x, ctx, sx.span, f"de {e.soort} bepalen"), first, ctx, sx.span)
                     for x, sx in zip(items, e.lijst, strict=True))
    return ir.Aggregeren(e.soort, None, tuple(items), e.of_nul, _plain(first.type), h, factoren)


def _plain(t: ir.Type) -> ir.Type:
    return ir.Type(t.soort, t.eenheid, t.decimalen, None, t.domein, t.objecttype, t.waarden)


def _select(coll: ir.Expr, cond: n.Voorwaarde, ctx: Ctx, span: Span) -> ir.Expr:
    """Apply a subselection to the object collection inside `coll`."""
    if isinstance(coll, ir.AttribuutLezen):
        return ir.AttribuutLezen(_select(coll.van, cond, ctx, span), coll.attribuut, coll.type, coll.herkomst,
                                 meervoudig=True)
    if coll.type.soort != "object" or not coll.meervoudig:
        raise fail(ctx, "RS103", "Een selectie ('die …') hoort bij meerdere objecten.", span)
    ot = coll.type.objecttype or ""
    ctx.elementen.append(ot)
    try:
        c = condition(cond, ctx)
    finally:
        ctx.elementen.pop()
    return ir.Selectie(coll, c, coll.type, ctx.h(span))


# ---------------------------------------------------------------- conditions


def _quantified(e: n.Expr) -> tuple[n.Expr, n.Naam, n.Expr] | None:
    """Split `het vermogen van alle leden van het Huishouden` into the collection phrase
    (`alle leden van het Huishouden`), its quantified name, and the per-element phrase with
    `die` in place of the collection."""
    if isinstance(e, n.Van):
        if isinstance(e.links, n.Naam) and e.links.bepaler in _KWANTOREN:
            return e, e.links, n.Naam(e.span, "die", "die")
        inner = _quantified(e.rechts)
        if inner is not None:
            coll, q, rest = inner
            return coll, q, n.Van(e.span, e.links, rest)
    return None


def _per_element(onderwerp: n.Expr, ctx: Ctx, build: object, span: Span) -> ir.Conditie | None:
    split = _quantified(onderwerp)
    if split is None:
        return None
    coll_syntax, q, rest = split
    coll = resolve(coll_syntax, ctx)
    if coll.type.soort != "object":
        return None
    ctx.elementen.append(coll.type.objecttype or "")
    try:
        inner = build(rest)  # type: ignore[operator]
    finally:
        ctx.elementen.pop()
    kwantor = _KWANTOREN[q.bepaler or "alle"]
    return ir.Gekwantificeerd(coll, kwantor, q.aantal, inner, ctx.h(span))


def condition(c: n.Voorwaarde, ctx: Ctx) -> ir.Conditie:
    h = ctx.h(c.span)
    if isinstance(c, n.Samengesteld):
        eerder = dict(ctx.waarde_aliassen)
        if isinstance(c.onderwerp, n.Van) or (isinstance(c.onderwerp, n.Naam) and c.onderwerp.bepaler == "zijn"):
            x = resolve(c.onderwerp, ctx)
            if isinstance(x, ir.AttribuutLezen) and x.type.soort != "object" and not x.meervoudig:
                ctx.waarde_aliassen[normalize(x.attribuut.naam)] = x
        try:
            items = tuple(condition(i, ctx) for i in c.items)
        finally:
            ctx.waarde_aliassen = eerder
        return ir.Samengesteld(c.kwantor, c.aantal, items, h)
    if isinstance(c, n.Periode | n.GehelePeriode):
        from regelspraak.model.tijd_taal import gehele_periode, periode

        return periode(c, ctx) if isinstance(c, n.Periode) else gehele_periode(c, ctx)
    if isinstance(c, n.Vergelijking):
        q = _per_element(c.links, ctx, lambda rest: condition(n.Vergelijking(c.span, c.op, rest, c.rechts), ctx),
                         c.span)
        if q is not None:
            return q
        links = resolve(c.links, ctx)
        rechts = tuple(resolve(r, ctx) for r in c.rechts)
        return _vergelijk(c, links, rechts, ctx)
    if isinstance(c, n.Controle) and c.soort in ("gevuurd", "inconsistent"):
        # Checked against the rules themselves once all are resolved (from_syntax._regelversies).
        assert isinstance(c.onderwerp, n.Naam)
        ctx.scope.regelversies = True
        return ir.Controle(c.soort, ir.Literal(c.onderwerp.tekst, ir.TEKST, h), None, c.ontkend, h,
                           regel=c.onderwerp.key)
    if isinstance(c, n.Controle):
        from regelspraak.model.functies import resolve_controle

        q = _per_element(c.onderwerp, ctx, lambda rest: condition(n.Controle(c.span, rest, c.soort, c.aantal,
                                                                             c.ontkend), ctx), c.span)
        return q if q is not None else resolve_controle(c, ctx)
    if isinstance(c, n.LeegTest):
        q = _per_element(c.expr, ctx, lambda rest: condition(n.LeegTest(c.span, rest, c.gevuld), ctx), c.span)
        if q is not None:
            return q
        return ir.LeegTest(_single(resolve(c.expr, ctx), ctx, c.span), c.gevuld, h)
    q = _per_element(c.onderwerp, ctx,
                     lambda rest: condition(n.KenmerkTest(c.span, rest, c.naam, c.ontkend, c.werkwoord), ctx), c.span)
    if q is not None:
        return q
    obj = resolve(c.onderwerp, ctx)
    if c.naam.key in ctx.scope.dagsoorten and c.werkwoord == "is":
        if obj.type.soort not in ("datum", "leeg") or obj.meervoudig:
            raise fail(ctx, "RS244", f"'is een {c.naam.tekst}' toetst één datum; dit is {obj.type.beschrijf()}.",
                       c.span)
        return ir.Controle("dagsoort", obj, None, c.ontkend, h, c.naam.key)
    if obj.type.soort != "object":
        raise fail(ctx, "RS103", f"Alleen een object heeft kenmerken; dit is {obj.type.beschrijf()}.", c.span)
    _single(obj, ctx, c.span)
    ot = obj.type.objecttype or ""
    km = ctx.scope.kenmerk(ot, c.naam.key)
    if km is not None:
        return ir.KenmerkTest(obj, km, c.ontkend, h)
    if c.werkwoord == "heeft":
        rol = ctx.scope.rol_vanaf(ot, c.naam.key)
        if rol is not None:
            return ir.RolTest(obj, rol, True, c.ontkend, h)
    else:
        rol = ctx.scope.rol_van(ot, c.naam.key)
        if rol is not None:
            return ir.RolTest(obj, rol, False, c.ontkend, h)
    hint = ctx.scope.suggest(c.naam.key, ctx.scope.namen_van(ot))
    raise fail(ctx, "RS101", f"'{c.naam.tekst}' is geen kenmerk of rol van {ctx.scope.objecttypen[ot].naam}.",
               c.naam.span, hulp=f"Bedoelde u '{hint}'?" if hint else None)


def _single(x: ir.Expr, ctx: Ctx, span: Span) -> ir.Expr:
    if x.meervoudig:
        raise fail(ctx, "RS103", "Dit zijn meerdere waarden; zeg over welke het gaat ('alle', 'geen van de', "
                   "'ten minste één van de') of gebruik een aggregatie.", span)
    return x


def _vergelijk(c: n.Vergelijking, links: ir.Expr, rechts: tuple[ir.Expr, ...], ctx: Ctx) -> ir.Conditie:
    _single(links, ctx, c.span)
    for r in rechts:
        _single(r, ctx, c.span)
    h = ctx.h(c.span)
    lt = links.type
    if c.op in ("eerder", "eerder_gelijk", "later", "later_gelijk"):
        soorten = {x.type.soort for x in (links, *rechts)} - {"leeg"}
        for x in (links, *rechts):
            if x.type.soort not in ("datum", "datumtijd", "leeg") or len(soorten) > 1:
                raise fail(ctx, "RS103", f"'{c.op.replace('_', ' of ')}' vergelijkt datums (of datums met tijd, "
                           f"niet gemengd); dit is {x.type.beschrijf()}.", c.span)
        return ir.Vergelijk(c.op, links, rechts, "datum", h)
    if lt.is_getal:
        for r in rechts:
            _zelfde_periode(links, r, ctx, c.span)
    if c.op in ("groter", "groter_gelijk", "kleiner", "kleiner_gelijk"):
        _getal(links, ctx, c.links.span, "vergelijken")
        factoren = tuple(_factor(_getal(r, ctx, c.span, "vergelijken"), links, ctx, c.span) for r in rechts)
        return ir.Vergelijk(c.op, links, rechts, "numeriek", h, factoren)
    # gelijk / ongelijk: any type, both sides compatible
    if lt.is_getal:
        factoren = tuple(_factor(_getal(r, ctx, c.span, "vergelijken"), links, ctx, c.span) for r in rechts)
        return ir.Vergelijk(c.op, links, rechts, "numeriek", h, factoren)
    for r in rechts:
        _compatible(lt, r, ctx, c.span)
    return ir.Vergelijk(c.op, links, rechts, "datum" if lt.soort in ("datum", "datumtijd") else "anders", h)


def _compatible(doel: ir.Type, x: ir.Expr, ctx: Ctx, span: Span) -> None:
    t = x.type
    if t.soort == "leeg":
        return
    if doel.soort == "enumeratie":
        if t.soort != "enumeratie":
            raise fail(ctx, "RS103", f"Verwacht een waarde van {doel.beschrijf()}, maar dit is {t.beschrijf()}.", span)
        if isinstance(x, ir.Literal) and isinstance(x.waarde, str) and doel.waarden and x.waarde not in doel.waarden:
            hint = ctx.scope.suggest(x.waarde, list(doel.waarden))
            raise fail(ctx, "RS103", f"'{x.waarde}' is geen waarde van {doel.domein}.", span,
                       hulp=f"Bedoelde u '{hint}'?" if hint else f"Mogelijk: {', '.join(doel.waarden)}.")
        return
    if doel.soort != t.soort and not (doel.is_getal and t.is_getal):
        raise fail(ctx, "RS103", f"Verwacht {doel.beschrijf()}, maar dit is {t.beschrijf()}.", span)


def check_assignable(doel: ir.Type, x: ir.Expr, ctx: Ctx, span: Span) -> ir.Expr:
    """`x` as a value for an attribute of type `doel`, with the unit conversion made explicit."""
    if doel.is_getal and x.type.is_getal:
        if doel.soort == "percentage" and x.type.soort != "percentage" and not isinstance(x, ir.Literal):
            raise fail(ctx, "RS103", "Een percentage-attribuut krijgt een percentage; dit is een getal.", span)
        a, b = x.type.eenheid or Eenheid(), doel.eenheid or Eenheid()
        if a == b or (a.is_dimensieloos and isinstance(x, ir.Literal)):
            return x
        f = ctx.scope.eenheden.factor(a, b)
        if f is None:
            raise fail(ctx, "RS104", f"Eenheden passen niet: de uitkomst is in '{a or 'geen eenheid'}', het "
                       f"attribuut in '{b or 'geen eenheid'}'.", span)
        if f == 1:
            return x
        return ir.Rekenkunde("maal", x, ir.Literal(f, GETAL, x.herkomst), ir.Type(doel.soort, b), x.herkomst)
    _compatible(doel, x, ctx, span)
    return x
