"""Syntax trees of a model's files into the typed rule model, with the static checks.

>>> from pathlib import Path
>>> import tempfile
>>> d = Path(tempfile.mkdtemp()); p = d / "m.rgs"
>>> _ = p.write_text('''Objecttype de Persoon (bezield)
... \\tde leeftijd\\tNumeriek (geheel getal) met eenheid jr;
... \\tis volwassen\\tkenmerk (bijvoeglijk);
... Regel volwassen
... \\tbron: geen — voorbeeld
... \\tgeldig altijd
... \\t\\tEen Persoon is volwassen indien zijn leeftijd groter of gelijk is aan 18 jr.
... ''', "utf-8")
>>> model, diags = load_model([p])
>>> [r.naam for r in model.regels], [d.code for d in diags]
(['volwassen'], [])
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from regelspraak.diagnostics import Diagnostic, DiagnosticError
from regelspraak.model import bouwt_op, depth, ir, tijd
from regelspraak.model.expressions import (
    Ctx,
    Unresolved,
    bind_role_subject,
    check_assignable,
    condition,
    fail,
    resolve,
    restrict_to_role,
    subject_name,
)
from regelspraak.model.order import order_rules
from regelspraak.model.scope import DimNaam, Scope
from regelspraak.origin import Herkomst
from regelspraak.syntax import dimensie_namen
from regelspraak.syntax import nodes as n
from regelspraak.syntax.from_text import parse_files
from regelspraak.syntax.lexer import normalize
from regelspraak.values.units import Eenheid, EenheidDeclaratie, EenheidFout


def load_model(paden: list[Path]) -> tuple[ir.Model, list[Diagnostic]]:
    """Parse and check the `.rgs` files of one model. The files of one model folder that builds on
    others (model.yaml) come with the bases' files, as `folder.find` composes it (`bouwt_op.met_basis`)."""
    try:
        paden = bouwt_op.met_basis(list(paden))
        samenstelling: list[Diagnostic] = []
    except DiagnosticError as e:  # an unusable model.yaml: reported, the files read as given
        samenstelling = list(e.diagnostics)
    files, diags = parse_files(paden)
    model, more = from_syntax(files)
    return model, samenstelling + diags + more + depth.controleer(model)


def from_syntax(files: list[n.Bestand]) -> tuple[ir.Model, list[Diagnostic]]:
    sc = Scope()
    decls = [d for f in files for d in f.declaraties]
    for d in decls:
        if isinstance(d, n.EenheidsysteemDecl):
            for fout in sc.eenheden.voeg_toe(d.naam, [
                    EenheidDeclaratie(e.naam, e.afkorting, e.meervoud, e.symbool,
                                      (e.factor, e.basis) if e.factor is not None and e.basis else None)
                    for e in d.eenheden]):
                # Reported by the syntax pass already; the model just needs the valid units.
                del fout
    for d in decls:
        if isinstance(d, n.DomeinDecl):
            _domein(d, sc)
        elif isinstance(d, n.DimensieDecl):
            if normalize(d.naam) in sc.dimensies:
                sc.fout("RS102", f"Dimensie '{d.naam}' is al gedeclareerd.", d.span)
                continue
            sc.dimensies[normalize(d.naam)] = d
            if d.meervoud:
                sc.dim_meervoud[normalize(d.meervoud)] = normalize(d.naam)
    for d in decls:
        if isinstance(d, n.ObjecttypeDecl):
            _objecttype(d, sc)
    for d in decls:
        if isinstance(d, n.DagsoortDecl):
            if normalize(d.naam) in sc.dagsoorten:
                eerste = sc.dagsoorten[normalize(d.naam)].herkomst
                sc.fout("RS102", f"Dagsoort '{d.naam}' is al gedeclareerd{_eerder(eerste)}.", d.span)
                continue
            sc.dagsoorten[normalize(d.naam)] = ir.Dagsoort(d.naam, d.meervoud, (), Herkomst(d.span))
    for d in decls:
        if isinstance(d, n.FeittypeDecl):
            _feittype(d, sc)
        elif isinstance(d, n.ParameterDecl):
            key = normalize(d.naam)
            if key in sc.parameters:
                sc.fout("RS102", f"Parameter '{d.naam}' is al gedeclareerd{_eerder(sc.parameters[key].herkomst)}.",
                        d.span)
                continue
            t = _type(d.type, sc)
            if t is not None:
                sc.parameters[key] = ir.Parameter(d.naam, t, Herkomst(d.span, d.bron))
    regels: list[ir.Regel] = []
    namen: dict[str, Herkomst] = {}
    for d in decls:
        if isinstance(d, n.RegelDecl | n.BeslistabelDecl):
            if normalize(d.naam) in namen:
                sc.fout("RS102", f"Er is al een regel of beslistabel '{d.naam}'{_eerder(namen[normalize(d.naam)])}.",
                        d.span)
                continue
            namen[normalize(d.naam)] = Herkomst(d.span)
            if isinstance(d, n.RegelDecl) and any(isinstance(v.resultaat, n.Dagsoortdefinitie) for v in d.versies):
                from regelspraak.model.dagsoort import dagsoortdefinitie

                dagsoortdefinitie(d, sc)
                continue
            r = _regel(d, sc) if isinstance(d, n.RegelDecl) else _tabel(d, sc)
            if r is not None:
                tijd.controleer_regel(r, sc)
                regels.append(r)
    if sc.regelversies:
        _regelversies(regels, sc)
    ordered, order_diags = order_rules(regels)
    sc.diags.extend(order_diags)
    model = ir.Model(sc.objecttypen, sc.feittypen, sc.parameters, sc.domeinen, tuple(ordered), sc.rollen,
                     tuple(f.pad for f in files), sc.eenheden, sc.dagsoorten)
    return model, sc.diags


def _regelversies(regels: list[ir.Regel], sc: Scope) -> None:
    """`regelversie R is gevuurd|inconsistent`: R exists, runs over the same subject, and is a rule
    that can fire (gevuurd) or a consistentieregel (inconsistent)."""
    from regelspraak.model.order import roots_of, walk_expr

    per_naam = {normalize(r.naam): r for r in regels}
    for r in regels:
        for v in r.versies:
            for root in roots_of(v):
                for c in walk_expr(root):
                    if not (isinstance(c, ir.Controle) and c.regel is not None):
                        continue
                    doel = per_naam.get(c.regel)
                    tekst = c.expr.waarde if isinstance(c.expr, ir.Literal) else c.regel
                    if doel is None:
                        hint = sc.suggest(c.regel, list(per_naam))
                        sc.fout("RS246", f"Er is geen regel '{tekst}'.", c.herkomst.span,
                                hulp=f"Bedoelde u '{per_naam[hint].naam}'?" if hint else None)
                    elif doel is r:
                        sc.fout("RS246", f"Regel '{r.naam}' kan niet naar zijn eigen uitkomst vragen.", c.herkomst.span)
                    elif {w.onderwerp for w in doel.versies} != {v.onderwerp}:
                        sc.fout("RS246", f"Regel '{doel.naam}' gaat over een ander onderwerp dan deze regel.",
                                c.herkomst.span)
                    elif (c.soort == "inconsistent") != all(isinstance(res, ir.Consistentieregel)
                                                            for w in doel.versies for res in w.resultaten):
                        sc.fout("RS246", f"'is {c.soort}' past niet bij regel '{doel.naam}': alleen een "
                                "consistentieregel is inconsistent, de andere regels vuren.", c.herkomst.span)


def _gedimensioneerd(a: n.AttribuutDecl, t: ir.Type, key: str, attrs: dict[str, ir.Attribuut], sc: Scope) -> None:
    """A dimensioned attribute: one attribute per combination of its dimensions' labels (spec §3.6)."""
    dims: list[n.DimensieDecl] = []
    for x in a.type.dimensies:
        d = sc.dimensies.get(normalize(x))
        if d is None:
            hint = sc.suggest(normalize(x), list(sc.dimensies))
            sc.fout("RS247", f"Onbekende dimensie '{x}'.", a.span,
                    hulp=f"Bedoelde u '{hint}'?" if hint else "Declareer 'Dimensie de …, bestaande uit …'.")
            return
        dims.append(d)
    if dimensie_namen.aantal_combinaties(dims) > dimensie_namen.MAX_COMBINATIES:
        sc.fout("RS020", f"Attribuut '{a.naam}' heeft meer dan {dimensie_namen.MAX_COMBINATIES} combinaties van "
                "labels.", a.span, hulp="Elke combinatie is een eigen waarde; splits het attribuut.")
        return
    sleutels = tuple(normalize(d.naam) for d in dims)
    for naam, labels in dimensie_namen.combinaties(a.naam, dims):
        nk = normalize(naam)
        if nk in attrs:
            sc.fout("RS102", f"Attribuut '{naam}' (een label van '{a.naam}') staat twee keer in het objecttype"
                    f"{_eerder(attrs[nk].herkomst)}.", a.span)
            return
        attrs[nk] = ir.Attribuut(naam, key, t, Herkomst(a.span, a.bron))
        sc.dim_attr[(key, nk)] = DimNaam(a.naam, sleutels, labels)
    for naam, _, open_labels in dimensie_namen.open_combinaties(a.naam, dims):
        sc.dim_attr.setdefault((key, normalize(naam)), DimNaam(a.naam, sleutels, open_labels))
    # The bare name with every dimension open: only to say which labels are missing (RS130).
    sc.dim_attr.setdefault((key, normalize(a.naam)), DimNaam(a.naam, sleutels, tuple(None for _ in dims)))


def _eerder(h: Herkomst) -> str:
    """Where the first declaration of a name stands: with models composed from several folders
    (model.yaml) a clash names both files."""
    return f" (eerder in {h.span.bestand}:{h.span.regel})"


def _type(spec: n.TypeSpec, sc: Scope) -> ir.Type | None:
    t = _basistype(spec, sc)
    return dataclasses.replace(t, periode=spec.periode) if t is not None and spec.periode is not None else t


def _basistype(spec: n.TypeSpec, sc: Scope) -> ir.Type | None:
    eenheid = Eenheid()
    if spec.eenheid is not None:
        try:
            eenheid = sc.eenheden.parse(spec.eenheid)
        except EenheidFout as e:
            sc.fout("RS107", str(e), spec.span)
            return None
    if spec.basis == "domein":
        key = normalize(spec.domein or "")
        t = sc.domeinen.get(key)
        if t is None:
            hint = sc.suggest(key, list(sc.domeinen))
            sc.fout("RS101", f"Onbekend datatype of domein '{spec.domein}'.", spec.span,
                    hulp=f"Bedoelde u '{hint}'?" if hint else "Datatypen: Numeriek (…), Percentage (…), Tekst, "
                    "Boolean, Datum in dagen, of een gedeclareerd Domein.")
            return None
        return t
    if spec.basis in ("numeriek", "percentage"):
        return ir.Type(spec.basis, eenheid, spec.decimalen, spec.teken)
    return ir.Type(spec.basis)


def _domein(d: n.DomeinDecl, sc: Scope) -> None:
    key = normalize(d.naam)
    if key in sc.domeinen:
        sc.fout("RS102", f"Domein '{d.naam}' is al gedeclareerd.", d.span)
        return
    if d.type is None:
        sc.domeinen[key] = ir.Type("enumeratie", domein=d.naam, waarden=d.waarden)
        return
    t = _type(d.type, sc)
    if t is not None:
        sc.domeinen[key] = ir.Type(t.soort, t.eenheid, t.decimalen, t.teken, d.naam)


def _objecttype(d: n.ObjecttypeDecl, sc: Scope) -> None:
    key = normalize(d.naam)
    attrs: dict[str, ir.Attribuut] = {}
    kms: dict[str, ir.Kenmerk] = {}
    if (eerder := sc.objecttype(key)) is not None:
        if Path(eerder.herkomst.span.bestand).parent == Path(d.span.bestand).parent:
            sc.fout("RS102", f"Objecttype '{d.naam}' is al gedeclareerd{_eerder(eerder.herkomst)}.", d.span)
            return
        # A model built on another (model.yaml) adds its own attributes to the base's objecttype:
        # the Wzt adds `verzekerd` to the Awir's Natuurlijk persoon. Each keeps its own bron.
        if normalize(eerder.naam) != key or eerder.bezield != d.bezield or (
                d.meervoud is not None and eerder.meervoud is not None
                and normalize(d.meervoud) != normalize(eerder.meervoud)):
            sc.fout("RS725", f"Objecttype '{d.naam}' breidt '{eerder.naam}'{_eerder(eerder.herkomst)} uit, maar "
                    "naam, meervoud of bezieldheid wijkt af.", d.span)
            return
        key = normalize(eerder.naam)
        attrs, kms = dict(eerder.attributen), dict(eerder.kenmerken)
    for a in d.attributen:
        ak = normalize(a.naam)
        if ak in attrs:
            sc.fout("RS102", f"Attribuut '{a.naam}' staat twee keer in {d.naam}{_eerder(attrs[ak].herkomst)}.",
                    a.span)
            continue
        t = _type(a.type, sc)
        if t is not None and a.type.dimensies:
            _gedimensioneerd(a, t, key, attrs, sc)
        elif t is not None:
            attrs[ak] = ir.Attribuut(a.naam, key, t, Herkomst(a.span, a.bron))
            if a.meervoud:
                sc.attr_meervoud[(key, normalize(a.meervoud))] = ak
    for k in d.kenmerken:
        kk = normalize(k.naam)
        if kk in kms or kk in attrs:
            sc.fout("RS102", f"Kenmerk '{k.naam}' staat twee keer in {d.naam}"
                    f"{_eerder((kms.get(kk) or attrs[kk]).herkomst)}.", k.span)
            continue
        kms[kk] = ir.Kenmerk(k.naam, key, k.soort, Herkomst(k.span, k.bron), k.periode)
    if eerder is not None:
        sc.objecttypen[key] = ir.Objecttype(eerder.naam, eerder.meervoud or d.meervoud, eerder.bezield, attrs, kms,
                                            eerder.herkomst)
        if d.meervoud and not eerder.meervoud:
            sc.ot_meervoud[normalize(d.meervoud)] = key
        return
    sc.objecttypen[key] = ir.Objecttype(d.naam, d.meervoud, d.bezield, attrs, kms, Herkomst(d.span, d.bron))
    if d.meervoud:
        sc.ot_meervoud[normalize(d.meervoud)] = key


def _feittype(d: n.FeittypeDecl, sc: Scope) -> None:
    key = normalize(d.naam)
    if key in sc.feittypen:
        sc.fout("RS102", f"Feittype '{d.naam}' is al gedeclareerd{_eerder(sc.feittypen[key].herkomst)}.", d.span)
        return
    rollen: list[ir.Rol] = []
    for i, r in enumerate(d.rollen):
        ot = sc.objecttype(r.objecttype)
        if ot is None:
            hint = _declared(sc.suggest(r.objecttype, list(sc.objecttypen)), sc)
            sc.fout("RS101", f"Onbekend objecttype '{r.objecttype}' in rol '{r.naam}'.", r.span,
                    hulp=f"Bedoelde u '{hint}'?" if hint else None)
            return
        rollen.append(ir.Rol(r.naam, r.meervoud, normalize(ot.naam), key, i, d.meervoudig[i]))
    ft = ir.Feittype(d.naam, tuple(rollen), d.wederkerig, Herkomst(d.span, d.bron))
    sc.feittypen[key] = ft
    for rol in rollen:
        for naam in (rol.naam, rol.meervoud):
            if naam:
                sc.rollen.setdefault(normalize(naam), []).append(rol)


def _subject(expr: n.Expr, sc: Scope, span_hint: n.Expr) -> str | None:
    naam = subject_name(expr)
    if naam is None:
        sc.fout("RS105", "Geen universeel onderwerp gevonden ('een …').", span_hint.span,
                hulp="Een regel gaat over 'een <objecttype>', bijvoorbeeld 'De leeftijd van een Natuurlijk persoon'.")
        return None
    ot = sc.objecttype(naam.key)
    if ot is not None:
        return normalize(ot.naam)
    rollen = sc.rollen.get(naam.key)
    if rollen:
        return rollen[0].objecttype
    hint = _declared(sc.suggest(naam.key, list(sc.objecttypen)), sc)
    sc.fout("RS101", f"Onbekend objecttype '{naam.tekst}'.", naam.span, hulp=f"Bedoelde u '{hint}'?" if hint else None)
    return None


def _declared(key: str | None, sc: Scope) -> str | None:
    """An objecttype key as the author declared it, for a suggestion ("Persoon", not "persoon")."""
    return sc.objecttypen[key].naam if key is not None and key in sc.objecttypen else key


def _doel(doel: ir.Expr, ctx: Ctx, span: n.Expr) -> ir.Doel:
    if not isinstance(doel, ir.AttribuutLezen):
        raise fail(ctx, "RS105", "Het doel van een gelijkstelling is een attribuut ('de … van een …').", span.span)
    pad: list[ir.Rol] = []
    x: ir.Expr = doel.van
    while isinstance(x, ir.Navigatie):
        pad.insert(0, x.rol)
        x = x.van
    if not isinstance(x, ir.Onderwerp) or x.meervoudig:
        raise fail(ctx, "RS105", "Het doel moet bij het onderwerp van de regel horen.", span.span)
    return ir.Doel(tuple(pad), doel.attribuut, None)


def _versie(v: n.Versie, regel_h: Herkomst, sc: Scope) -> ir.Versie | None:
    """The version as written; if that does not check and a declared name that begins with a
    keyword can be read as keywords instead (see `sentences.andere_lezingen`), the first such
    reading that checks, without the name reading's diagnostics."""
    begin = len(sc.diags)
    versie = _lees_versie(v, v.resultaat, regel_h, sc)
    if versie is not None or v.andere_lezingen is None:
        return versie
    for res in v.andere_lezingen():
        mark = len(sc.diags)
        andere = _lees_versie(v, res, regel_h, sc)
        if andere is not None:
            del sc.diags[begin:mark]
            return andere
        del sc.diags[mark:]
    return None


def _lees_versie(v: n.Versie, res: n.Resultaat, regel_h: Herkomst, sc: Scope) -> ir.Versie | None:
    start = len(sc.diags)
    versie = _lees_versie_zin(v, res, regel_h, sc)
    if versie is None and isinstance(res, n.FeitCreatie) and not v.variabelen:
        # A FeitCreatie this tool first reads as "the subject plays <rol2>" may be meant as the
        # specification writes it (spec §9.4: every <rol2> of <Y> becomes a <rol1> of the subject).
        from regelspraak.model.creatie import spec_lezing

        spec = spec_lezing(res, sc, regel_h)
        if spec is not None:
            del sc.diags[start:]
            ot, creatie = spec
            return ir.Versie(v.geldig.vanaf, v.geldig.tot_en_met, ot, (), (), Herkomst(v.span, regel_h.bron),
                             creatie=creatie)
    return versie


def _lees_versie_zin(v: n.Versie, res: n.Resultaat, regel_h: Herkomst, sc: Scope) -> ir.Versie | None:
    if isinstance(res, n.Gelijkstelling | n.Initialisatie):
        onderwerp_syntax: n.Expr = res.doel
    elif isinstance(res, n.Kenmerktoekenning | n.ObjectCreatie | n.FeitCreatie):
        onderwerp_syntax = res.onderwerp
    elif isinstance(res, n.Uniek):
        onderwerp_syntax = res.expr
    elif isinstance(res, n.Verdeling):
        onderwerp_syntax = res.bedrag
    elif isinstance(res, n.Dagsoortdefinitie):  # handled per rule by model/dagsoort.py
        sc.fout("RS244", "Een Dagsoortdefinitie staat in een eigen regel.", res.span)
        return None
    else:
        onderwerp_syntax = res.onderwerp if res.onderwerp is not None else _first_expr(res.voorwaarde)
    ot = _subject(onderwerp_syntax, sc, onderwerp_syntax)
    if ot is None:
        return None
    h = Herkomst(v.span, regel_h.bron)
    ctx = Ctx(ot, sc, regel_h)
    binding = bind_role_subject(subject_name(onderwerp_syntax), ctx)
    variabelen: list[ir.Variabele] = []
    try:
        for i, var in enumerate(v.variabelen):
            ctx.latere_variabelen = {w.naam for w in v.variabelen[i:]}
            x = resolve(var.expr, ctx)
            ctx.variabelen[var.naam] = x.type
            variabelen.append(ir.Variabele(var.naam, x, ctx.h(var.span)))
        ctx.latere_variabelen = set()
        if isinstance(res, n.Verdeling):
            from regelspraak.model.verdeling import resolve_verdeling

            verdeling = resolve_verdeling(res, ctx, binding)
            return ir.Versie(v.geldig.vanaf, v.geldig.tot_en_met, ot, (), tuple(variabelen), h, verdeling=verdeling)
        creatie = _creatie(res, ctx)
        if creatie is not None:
            if binding is not None:
                vw = binding if creatie.voorwaarde is None else ir.Samengesteld(
                    "alle", None, (binding, creatie.voorwaarde), creatie.herkomst)
                creatie = ir.Creatie(creatie.soort, creatie.rol, creatie.waarden, creatie.ander, vw, creatie.herkomst)
            return ir.Versie(v.geldig.vanaf, v.geldig.tot_en_met, ot, (), tuple(variabelen), h, creatie=creatie)
        resultaat = _resultaat(res, ctx)
    except Unresolved:
        return None
    if binding is not None:
        resultaat = restrict_to_role(resultaat, binding)
    return ir.Versie(v.geldig.vanaf, v.geldig.tot_en_met, ot, (resultaat,), tuple(variabelen), h)


def _creatie(res: n.Resultaat, ctx: Ctx) -> ir.Creatie | None:
    """ObjectCreatie or FeitCreatie, also `Een X heeft een <rol>.` without values (which parses as a
    kenmerktoekenning: a role, not a kenmerk, makes it a creation)."""
    from regelspraak.model.creatie import feit_creatie, object_creatie

    if isinstance(res, n.ObjectCreatie):
        return object_creatie(res, ctx)
    if isinstance(res, n.FeitCreatie):
        return feit_creatie(res, ctx)
    if (isinstance(res, n.Kenmerktoekenning) and res.werkwoord == "heeft"
            and ctx.scope.kenmerk(ctx.onderwerp, res.kenmerk.key) is None
            and ctx.scope.rol_vanaf(ctx.onderwerp, res.kenmerk.key) is not None):
        return object_creatie(res, ctx)
    return None


def _first_expr(c: n.Voorwaarde) -> n.Expr:
    if isinstance(c, n.Samengesteld):
        if c.onderwerp is not None:
            return c.onderwerp
        return _first_expr(c.items[0])
    if isinstance(c, n.Vergelijking):
        return c.links
    if isinstance(c, n.LeegTest):
        return c.expr
    if isinstance(c, n.GehelePeriode):
        return _first_expr(c.voorwaarde)
    if isinstance(c, n.Periode):
        x = c.vanaf if c.vanaf is not None else c.tot
        assert x is not None
        return x
    return c.onderwerp


def _resultaat(res: n.Resultaat, ctx: Ctx) -> ir.Resultaat:
    h = ctx.h(res.span)
    if isinstance(res, n.Gelijkstelling | n.Initialisatie):
        doel_expr = resolve(res.doel, ctx)
        doel = _doel(doel_expr, ctx, res.doel)
        assert doel.attribuut is not None
        x = resolve(res.expr, ctx)
        if x.meervoudig:
            raise fail(ctx, "RS103", "De uitkomst bestaat uit meerdere waarden; gebruik een aggregatie.", res.expr.span)
        if isinstance(res, n.Gelijkstelling) and res.berekend and not (
                x.type.is_getal or x.type.soort in ("datum", "datumtijd")):
            raise fail(ctx, "RS103", "'moet berekend worden als' vraagt een getal of datum; gebruik 'moet gesteld "
                       "worden op'.", res.expr.span)
        x = check_assignable(doel.attribuut.type, x, ctx, res.expr.span)
        vw = condition(res.voorwaarde, ctx) if res.voorwaarde is not None else None
        return ir.Toekenning(doel, x, vw, isinstance(res, n.Initialisatie), h)
    if isinstance(res, n.Kenmerktoekenning):
        obj = resolve(res.onderwerp, ctx)
        if not isinstance(obj, ir.Onderwerp):
            raise fail(ctx, "RS105", "Een kenmerk wordt aan het onderwerp van de regel toegekend.", res.span)
        km = ctx.scope.kenmerk(ctx.onderwerp, res.kenmerk.key)
        if km is None:
            hint = ctx.scope.suggest(res.kenmerk.key, list(ctx.scope.objecttypen[ctx.onderwerp].kenmerken))
            raise fail(ctx, "RS101", f"'{res.kenmerk.tekst}' is geen kenmerk van "
                       f"{ctx.scope.objecttypen[ctx.onderwerp].naam}.", res.kenmerk.span,
                       hulp=f"Bedoelde u '{hint}'?" if hint else None)
        vw = condition(res.voorwaarde, ctx) if res.voorwaarde is not None else None
        return ir.Toekenning(ir.Doel((), None, km), None, vw, False, h)
    if isinstance(res, n.Uniek):
        return ir.Consistentieregel(None, _uniek(res, ctx), h)
    assert isinstance(res, n.Consistentie)  # a Verdeling is resolved by the caller
    return ir.Consistentieregel(condition(res.voorwaarde, ctx), None, h)


def _uniek(res: n.Uniek, ctx: Ctx) -> ir.Expr:
    """The values that must be unique: one attribute of all objects, a combination of attributes
    (`de concatenatie van A en B van alle T`, as a tuple per object), or several such collections
    together (`… verenigd met …`)."""
    delen: list[ir.Expr] = []
    for deel in res.delen or ((res.expr,),):
        xs = [resolve(x, ctx) for x in deel]
        for x, sx in zip(xs, deel, strict=True):
            if not x.meervoudig:
                raise fail(ctx, "RS103", "'moeten uniek zijn' gaat over de waarden van alle objecten van een type.",
                           sx.span)
        if len(xs) == 1:
            delen.append(xs[0])
            continue
        eigenaar = {x.van.type.objecttype if isinstance(x, ir.AttribuutLezen) else None for x in xs}
        if None in eigenaar or len(eigenaar) != 1:
            raise fail(ctx, "RS103", "'de concatenatie van' combineert attributen van dezelfde objecten.",
                       deel[0].span)
        delen.append(ir.Functie("concatenatie", tuple(xs), ir.TEKST, ctx.h(deel[0].span), meervoudig=True))
    if len(delen) == 1:
        return delen[0]
    return ir.Functie("verenigd", tuple(delen), ir.TEKST, ctx.h(res.span), meervoudig=True)


def _regel(d: n.RegelDecl, sc: Scope) -> ir.Regel | None:
    h = Herkomst(d.span, d.bron)
    versies = [_versie(v, h, sc) for v in d.versies]
    if any(v is None for v in versies):
        return None
    vs = tuple(v for v in versies if v is not None)
    _check_overlap(d.naam, [(v.vanaf, v.tot_en_met, v.herkomst) for v in vs], sc)
    if len({v.onderwerp for v in vs}) > 1:
        sc.fout("RS105", f"De versies van regel '{d.naam}' hebben verschillende onderwerpen.", d.span)
    return ir.Regel(d.naam, "regel", vs, h)


def _check_overlap(naam: str, periodes: list[tuple[object, object, Herkomst]], sc: Scope) -> None:
    from datetime import date

    lo, hi = date.min, date.max
    for i, (a_van, a_tm, a_h) in enumerate(periodes):
        for b_van, b_tm, b_h in periodes[:i]:
            av = a_van if isinstance(a_van, date) else lo
            at = a_tm if isinstance(a_tm, date) else hi
            bv = b_van if isinstance(b_van, date) else lo
            bt = b_tm if isinstance(b_tm, date) else hi
            if av <= bt and bv <= at:
                sc.fout("RS201", f"Versies van '{naam}' overlappen: regel {b_h.span.regel} en regel "
                        f"{a_h.span.regel} gelden allebei op {max(av, bv):%d-%m-%Y}.", a_h.span,
                        hulp="Laat de ene versie eindigen ('t/m') vóór de andere begint.")


def _tabel(d: n.BeslistabelDecl, sc: Scope) -> ir.Regel | None:
    from regelspraak.model.tables import table_versions

    h = Herkomst(d.span, d.bron)
    _check_overlap(d.naam, [(g.vanaf, g.tot_en_met, Herkomst(g.span)) for t in d.versies for g in t.geldig], sc)
    versies = table_versions(d, h, sc)
    if versies is None:
        return None
    return ir.Regel(d.naam, "beslistabel", tuple(versies), h)
