"""A Beslistabel into rule versions: one version per (validity, row); a row's condition cells
are ANDed, its conclusion cells are the version's results."""

from __future__ import annotations

from regelspraak.model import ir
from regelspraak.model.expressions import (
    Ctx,
    Unresolved,
    bind_role_subject,
    check_assignable,
    fail,
    resolve,
    restrict_to_role,
    subject_name,
)
from regelspraak.model.scope import Scope
from regelspraak.origin import Herkomst
from regelspraak.syntax import nodes as n
from regelspraak.syntax.lexer import normalize


def table_versions(d: n.BeslistabelDecl, h: Herkomst, sc: Scope) -> list[ir.Versie] | None:
    versies: list[ir.Versie] = []
    for t in d.versies:
        vs = _table_version(t, h, sc)
        if vs is None:
            return None
        versies.extend(vs)
    if len({v.onderwerp for v in versies}) > 1:
        sc.fout("RS105", f"De versies van beslistabel '{d.naam}' hebben verschillende onderwerpen.", d.span)
        return None
    return versies


def _table_version(d: n.TabelVersie, h: Herkomst, sc: Scope) -> list[ir.Versie] | None:
    """One version per (validity, row) of the table below a run of `geldig` lines."""
    concl = next(k for k in d.kolommen if k.soort.startswith("conclusie"))
    naam = subject_name(concl.links)
    if naam is None:
        sc.fout("RS105", "De conclusiekolom noemt geen onderwerp ('… van een X').", concl.span)
        return None
    ot = sc.objecttype(naam.key)
    rollen = sc.rollen.get(naam.key, [])
    if ot is None and not rollen:
        hint = sc.suggest(naam.key, list(sc.objecttypen))
        sc.fout("RS101", f"Onbekend objecttype '{naam.tekst}'.", naam.span,
                hulp=f"Bedoelde u '{sc.objecttypen[hint].naam}'?" if hint else None)
        return None
    # A header may name a role ("een passagier"): the table applies to the objects that fill it.
    ctx = Ctx(normalize(ot.naam) if ot is not None else rollen[0].objecttype, sc, h)
    binding = bind_role_subject(naam, ctx)
    versies: list[ir.Versie] = []
    try:
        kolommen = [_kolom(k, ctx) for k in d.kolommen]
        for rij in d.rijen:
            resultaten: list[ir.Resultaat] = []
            voorwaarden: list[ir.Conditie] = []
            rh = Herkomst(rij.span, h.bron)
            for kolom, (soort, x, kenmerk), cel in zip(d.kolommen, kolommen, rij.cellen, strict=True):
                if cel is None:
                    continue
                if soort == "conclusie_attribuut":
                    assert isinstance(x, ir.AttribuutLezen)
                    if len(cel) != 1:
                        raise fail(ctx, "RS006", "Een conclusiecel bevat één waarde.", rij.span)
                    waarde = check_assignable(x.attribuut.type, resolve(cel[0], ctx), ctx, rij.span)
                    resultaten.append(ir.Toekenning(ir.Doel((), x.attribuut, None), waarde, None, False, rh))
                elif soort == "conclusie_kenmerk":
                    if not _is_waar(cel, ctx, rij):
                        continue
                    assert kenmerk is not None
                    resultaten.append(ir.Toekenning(ir.Doel((), None, kenmerk), None, None, False, rh))
                elif soort == "conditie_kenmerk":
                    assert kenmerk is not None
                    waar = _is_waar(cel, ctx, rij)
                    voorwaarden.append(ir.KenmerkTest(x, kenmerk, kolom.ontkend == waar, rh))
                else:
                    from regelspraak.model.expressions import condition

                    rechts = cel
                    voorwaarden.append(condition(n.Vergelijking(rij.span, kolom.op or "gelijk", kolom.links, rechts),
                                                 ctx))
            vw: ir.Conditie | None = (ir.Samengesteld("alle", None, tuple(voorwaarden), rh) if voorwaarden else None)
            resultaten = [ir.Toekenning(r.doel, r.expr, vw, False, r.herkomst) if isinstance(r, ir.Toekenning) else r
                          for r in resultaten]
            if binding is not None:
                resultaten = [restrict_to_role(r, binding) for r in resultaten]
            if not resultaten:
                continue
            for g in d.geldig:
                versies.append(ir.Versie(g.vanaf, g.tot_en_met, ctx.onderwerp, tuple(resultaten), (), rh, rij.nummer))
    except Unresolved:
        return None
    return versies


def _kolom(k: n.TabelKolom, ctx: Ctx) -> tuple[str, ir.Expr, ir.Kenmerk | None]:
    x = resolve(k.links, ctx)
    if k.soort == "conclusie_attribuut":
        if not isinstance(x, ir.AttribuutLezen) or not isinstance(x.van, ir.Onderwerp):
            raise fail(ctx, "RS006", "Een conclusiekolom noemt een attribuut van het onderwerp.", k.span)
        return k.soort, x, None
    if k.kenmerk is not None:
        km = ctx.scope.kenmerk(x.type.objecttype or "", k.kenmerk.key)
        if km is None:
            raise fail(ctx, "RS101", f"'{k.kenmerk.tekst}' is geen kenmerk.", k.kenmerk.span)
        return k.soort, x, km
    return k.soort, x, None


def _is_waar(cel: tuple[n.Expr, ...], ctx: Ctx, rij: n.TabelRij) -> bool:
    if len(cel) == 1 and isinstance(cel[0], n.BoolWaarde):
        return cel[0].waarde
    raise fail(ctx, "RS006", "Een kenmerkcel bevat 'waar' of 'onwaar'.", rij.span)
