"""Aggregations over the labels of a dimension (spec §3.6, §13.4.16.45-49), and the diagnostics for a
dimensioned attribute read without its labels.

A dimensioned attribute is one attribute per combination of labels (`syntax/dimensie_namen.py`), so
an aggregation over a dimension is an aggregation over a written list of those attributes, with the
empty-value rules of a list (taal.md §6: all leeg gives leeg, unless `of 0 als die er niet zijn`):

- `de som van het bruto inkomen van de persoon over alle jaren`: every label of the open dimension;
- `… over de jaren vanaf vorig jaar t/m huidig jaar`: the labels from one to the other, in declared order;
- `… over de jaren in {vorig jaar en huidig jaar}`: the labels listed;
- `de som van het inkomen van vorig jaar tot en met huidig jaar van de persoon` (this tool's earlier
  form, kept): a range at the place of the label.
"""

from __future__ import annotations

from fractions import Fraction

from regelspraak.model import ir
from regelspraak.model.expressions import Ctx, Unresolved, fail, resolve
from regelspraak.model.scope import DimNaam
from regelspraak.origin import Span
from regelspraak.syntax import dimensie_namen
from regelspraak.syntax import nodes as n
from regelspraak.syntax.lexer import normalize


def ontbrekend_label(info: DimNaam, tekst: str, ctx: Ctx, span: Span) -> Unresolved:
    """RS130: `het inkomen van de persoon` where inkomen has dimensions whose label is not named."""
    sc = ctx.scope
    open_ = [sc.dimensies[d] for d, lab in zip(info.dims, info.labels, strict=True) if lab is None]
    voorbeeld = dimensie_namen.attribuutnaam(info.basis, [sc.dimensies[d] for d in info.dims],
                                             [lab if lab is not None else sc.dimensies[d].labels[0]
                                              for d, lab in zip(info.dims, info.labels, strict=True)])
    namen = " en ".join(f"'{d.naam}'" for d in open_)
    over = open_[0].meervoud or open_[0].naam
    return fail(ctx, "RS130", f"Bij '{tekst}' ontbreekt het label van {namen}.", span,
                hulp=f"Noem het label ('het {voorbeeld} van …') of tel op over de dimensie ('de som van het "
                     f"{tekst} van … over alle {over}').")


def over(e: n.DimensieAggregatie, ctx: Ctx) -> ir.Expr:
    """`de som van <attribuut met één dimensie open> van X over <dimensieselectie>`."""
    sc = ctx.scope
    naam, obj = _attribuut_en_object(e.attribuut, ctx)
    ot = obj.type.objecttype or ""
    info = sc.dim_attr.get((ot, naam.key))
    if info is None or info.labels.count(None) != 1:
        if info is not None and None not in info.labels:
            raise fail(ctx, "RS131", f"In '{naam.tekst}' staan alle labels al vast; er is niets om over te "
                       "aggregeren.", naam.span, hulp="Laat het label van de dimensie weg waarover u aggregeert.")
        if info is not None:
            raise ontbrekend_label(info, naam.tekst, ctx, naam.span)
        raise fail(ctx, "RS131", f"'{naam.tekst}' is geen gedimensioneerd attribuut van "
                   f"{sc.objecttypen[ot].naam if ot in sc.objecttypen else ot}.", naam.span)
    i = info.labels.index(None)
    dim = sc.dimensies[info.dims[i]]
    if e.dimensie is None:  # `vanaf A t/m B` alone: the labels say which dimension
        gevraagd: n.DimensieDecl | None = dim
    else:
        gevraagd = sc.dimensies.get(e.dimensie.key) or sc.dimensies.get(sc.dim_meervoud.get(e.dimensie.key, ""))
    if e.dimensie is not None and (gevraagd is None or normalize(gevraagd.naam) != info.dims[i]):
        raise fail(ctx, "RS131", f"'{naam.tekst}' laat de dimensie '{dim.naam}' open, niet "
                   f"'{e.dimensie.tekst}'.", e.dimensie.span,
                   hulp=f"Schrijf 'over alle {dim.meervoud or dim.naam}'.")
    labels = _selectie(e, dim, ctx)
    dims = [sc.dimensies[d] for d in info.dims]
    h = ctx.h(e.span)
    lijst: list[ir.Expr] = []
    for label in labels:
        volledig = list(info.labels)
        volledig[i] = label
        a = sc.objecttypen[ot].attributen[normalize(dimensie_namen.attribuutnaam(info.basis, dims, volledig))]
        lijst.append(ir.AttribuutLezen(obj, a, a.type, h))
    return _aggregeren(e.soort, lijst, info.basis, ctx, e.span)


def bereik(e: n.DimensieBereik, ctx: Ctx) -> ir.Expr:
    """`de som van het inkomen van vorig jaar tot en met huidig jaar van X`: the sum (or maximum, minimum)
    over the labels from the first to the last of the dimension whose label is written first."""
    sc = ctx.scope
    obj = resolve(e.onderwerp, ctx)
    ot = obj.type.objecttype or ""
    if obj.type.soort != "object" or obj.meervoudig:
        raise fail(ctx, "RS247", "Een bereik over een dimensie telt de waarden van één object op.", e.onderwerp.span)
    info = sc.dim_attr.get((ot, e.van.key))
    if info is None or None in info.labels:
        raise fail(ctx, "RS247", f"'{e.van.tekst}' is geen gedimensioneerd attribuut van "
                   f"{sc.objecttypen[ot].naam if ot in sc.objecttypen else ot} bij een label.", e.van.span)
    dims = [sc.dimensies[d] for d in info.dims]
    # The varying dimension: the one with the end label among its labels (the first such).
    i = next((k for k, d in enumerate(dims) if any(normalize(x) == e.tot.key for x in d.labels)), None)
    labels = dims[i].labels if i is not None else ()
    begin = labels.index(info.labels[i]) if i is not None and info.labels[i] in labels else -1
    eind = next((k for k, x in enumerate(labels) if normalize(x) == e.tot.key), None)
    if i is None or eind is None or eind < begin:
        alle = dims[0].labels
        raise fail(ctx, "RS247", f"'{e.tot.tekst}' is geen label van de dimensie na '{info.labels[0]}'.", e.tot.span,
                   hulp="Labels in volgorde: " + ", ".join(alle) + ".")
    h = ctx.h(e.span)
    lijst: list[ir.Expr] = []
    for label in labels[begin:eind + 1]:
        volledig = list(info.labels)
        volledig[i] = label
        a = sc.objecttypen[ot].attributen[normalize(dimensie_namen.attribuutnaam(info.basis, dims, volledig))]
        lijst.append(ir.AttribuutLezen(obj, a, a.type, h))
    return _aggregeren(e.soort, lijst, info.basis, ctx, e.span)


def _attribuut_en_object(x: n.Expr, ctx: Ctx) -> tuple[n.Naam, ir.Expr]:
    """`het bruto inkomen van de persoon` or `zijn bruto inkomen`: the attribute's name and its object."""
    if isinstance(x, n.Van) and isinstance(x.links, n.Naam):
        obj = resolve(x.rechts, ctx)
        naam = x.links
    elif isinstance(x, n.Naam) and x.bepaler == "zijn":
        obj = resolve(n.Hij(x.span), ctx)
        naam = x
    else:
        raise fail(ctx, "RS131", "Na 'de som van' hoort een gedimensioneerd attribuut van een object "
                   "('het bruto inkomen van de persoon over alle jaren').", _span(x))
    if obj.type.soort != "object" or obj.meervoudig:
        raise fail(ctx, "RS131", "Een aggregatie over een dimensie neemt de waarden van één object.", _span(x))
    return naam, obj


def _selectie(e: n.DimensieAggregatie, dim: n.DimensieDecl, ctx: Ctx) -> list[str]:
    """The labels chosen by `alle`, `vanaf A t/m B` or `in {…}`, in the dimension's order."""
    sleutels = [normalize(x) for x in dim.labels]

    def index(label: n.Naam) -> int:
        if label.key not in sleutels:
            raise fail(ctx, "RS131", f"'{label.tekst}' is geen label van de dimensie '{dim.naam}'.", label.span,
                       hulp="Labels in volgorde: " + ", ".join(dim.labels) + ".")
        return sleutels.index(label.key)

    if e.vanaf is not None and e.tm is not None:
        begin, eind = index(e.vanaf), index(e.tm)
        if eind < begin:
            raise fail(ctx, "RS131", f"'{e.tm.tekst}' komt vóór '{e.vanaf.tekst}' in de dimensie '{dim.naam}'.",
                       e.tm.span, hulp="Labels in volgorde: " + ", ".join(dim.labels) + ".")
        return list(dim.labels[begin:eind + 1])
    if e.labels:
        gekozen = [index(x) for x in e.labels]
        if len(set(gekozen)) != len(gekozen):
            raise fail(ctx, "RS131", "Een label staat twee keer in de selectie.", e.labels[0].span)
        return [dim.labels[k] for k in sorted(gekozen)]
    return list(dim.labels)


def _aggregeren(soort: str, lijst: list[ir.Expr], basis: str, ctx: Ctx, span: Span) -> ir.Expr:
    t = lijst[0].type
    h = ctx.h(span)
    if soort in ("eerste", "laatste"):
        if t.soort != "datum":
            raise fail(ctx, "RS103", f"'de {soort} van' vraagt datums, maar '{basis}' is {t.beschrijf()}.", span)
        return ir.Aggregeren(soort, None, tuple(lijst), False, ir.DATUM, h)
    if not t.is_getal:
        raise fail(ctx, "RS103", f"'{soort}' vraagt getallen, maar '{basis}' is {t.beschrijf()}.", span)
    kaal = ir.Type(t.soort, t.eenheid, t.decimalen, None, t.domein, t.objecttype, t.waarden)
    return ir.Aggregeren(soort, None, tuple(lijst), False, kaal, h, tuple(Fraction(1) for _ in lijst))


def _span(x: n.Expr) -> Span:
    sp = getattr(x, "span", None)
    assert sp is not None
    return sp  # type: ignore[no-any-return]
