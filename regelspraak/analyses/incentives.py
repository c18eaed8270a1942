"""Misreporting incentives: what a citizen gains by declaring something else than the truth, for
every input he declares himself, ranked by gain × how hard it is to verify.

- a number (income, assets): reporting a little less — down to just below the nearest threshold
  the model contains, at most `MAX_ONDERRAPPORTAGE` of the true value;
- a kenmerk (woont samen, is verzekerd): the opposite;
- a fact (partner, member of a household): not declaring it — the member then forms his own
  household (a copy of the object he belonged to) or the link simply disappears.
Gains are exact differences of the model's money outputs, summed over all objects of the case.
Also checks declared `invariantie` properties, which are the same question with the answer "0".
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from regelspraak.analyses.batch import Batch, Invoerplek
from regelspraak.analyses.context import Context
from regelspraak.analyses.findings import Finding, Oordeel, RegelPlek
from regelspraak.analyses.sweep import regels_voor, sjabloon_geval, thresholds, uitkomsten, uitleg
from regelspraak.diagnostics import Ernst
from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.evaluate.interpret import run as interpret
from regelspraak.model import ir
from regelspraak.syntax.lexer import normalize
from regelspraak.values.notation import format_getal

MAX_ONDERRAPPORTAGE = Fraction(1, 10)
PUNTEN = 200  # true values per input explored


@dataclass(frozen=True)
class Winst:
    waar: Gegevens
    gemeld: Gegevens
    winst: Fraction


def _totaal(ctx: Context, g: Gegevens) -> Fraction | None:
    u = interpret(ctx.model, g)
    if u.fouten:
        return None
    tot = Fraction(0)
    for plek in uitkomsten(ctx):
        for inst in u.instanties.values():
            if inst.type == plek.objecttype:
                v = inst.waarden.get(plek.attribuut.naam.lower())
                if isinstance(v, Fraction):
                    tot += v
    return tot


def _kenmerk_flip(ctx: Context, g: Gegevens, oid: str, kenmerk: str) -> Gegevens:
    inv = g.objecten[oid]
    kms = dict(inv.kenmerken)
    kms[kenmerk] = not kms.get(kenmerk, False)
    objecten = {**g.objecten, oid: Invoer(inv.type, inv.attributen, kms)}
    return Gegevens(g.rekendatum, g.parameters, objecten, g.feiten, g.parameter_bronnen)


def _zonder_feit(ctx: Context, g: Gegevens, ft_key: str, index: int) -> Gegevens:
    """The case without fact `index` of feittype `ft_key`: a member of a multi-valued role moves
    to a copy of the object it belonged to; other facts simply disappear."""
    ft = ctx.model.feittypen[ft_key]
    feiten = [f for f in g.feiten]
    weg = [i for i, f in enumerate(feiten) if f[0] == ft_key][index]
    _, ids = feiten.pop(weg)
    objecten = dict(g.objecten)
    if not ft.wederkerig and ft.rollen[1].meervoudig:
        ouder, lid = ids
        kopie = f"{ouder}_apart_{lid}"
        objecten[kopie] = objecten[ouder]
        feiten.append((ft_key, (kopie, lid)))
    return Gegevens(g.rekendatum, g.parameters, objecten, feiten, g.parameter_bronnen)


def _getal_winst(ctx: Context, naam: str, g: Gegevens, plek: Invoerplek, a: ir.Attribuut) -> Winst | None:
    """The best under-report over a range of true values (batched by the vectorised engine)."""
    from regelspraak.analyses.sweep import domein_van

    seeds = thresholds(ctx)
    lo, hi, stap = domein_van(ctx, a, seeds)
    batch = Batch(ctx.model, g)
    noemer = batch.noemer(plek)
    waar = sorted(set(np.linspace(int(lo / stap), int(hi / stap), PUNTEN).astype(np.int64).tolist())
                  | {int(s / stap) + d for s in seeds for d in (0, 1, 2) if lo <= s <= hi})
    paren: list[tuple[int, int]] = []
    for x in waar:
        laagste = int(x - max(Fraction(x) * MAX_ONDERRAPPORTAGE, Fraction(1)))
        kandidaten = {int(s / stap) - 1 for s in seeds if laagste <= int(s / stap) - 1 < x}
        kandidaten |= {laagste, x - 1}
        paren += [(x, c) for c in kandidaten if c >= int(lo / stap)]
    if not paren:
        return None
    alle = sorted({v for p in paren for v in p})
    uit = uitkomsten(ctx)
    res = batch.run(len(alle), {plek: np.array([int(Fraction(v) * stap * noemer) for v in alle], dtype=np.int64)},
                    uit)
    som = np.zeros(len(alle), dtype=object)
    for tot, d in res.values():
        som = som + np.array([Fraction(int(t), d) for t in tot.tolist()], dtype=object)
    waarde = dict(zip(alle, som.tolist(), strict=True))
    best = max(paren, key=lambda p: waarde[p[1]] - waarde[p[0]])
    winst = waarde[best[1]] - waarde[best[0]]
    if winst <= 0:
        return None
    from regelspraak.analyses.batch import met_waarde

    return Winst(met_waarde(g, plek, Fraction(best[0]) * stap), met_waarde(g, plek, Fraction(best[1]) * stap), winst)


def misbruikprikkel(ctx: Context) -> list[Finding]:
    if ctx.analyse is None:
        return []
    uit = uitkomsten(ctx)
    if not uit:
        return []
    uitkomst_regels: tuple[RegelPlek, ...] = ()
    for u in uit:
        uitkomst_regels += regels_voor(ctx, u.attribuut)
    found: list[tuple[Fraction, Finding]] = []
    for verklaring in ctx.analyse.invoer:
        if verklaring.controleerbaarheid >= 1:
            continue
        beste: tuple[Winst, str] | None = None
        for sjabloon, g in ctx.sjablonen:
            for w in _winsten(ctx, sjabloon, g, verklaring):
                if beste is None or w.winst > beste[0].winst:
                    beste = (w, sjabloon)
        if beste is None:
            continue
        w, sjabloon = beste
        wat = verklaring.feittype or f"{verklaring.naam} ({verklaring.objecttype})"
        # The rules that read the misreported input first (its own articles), then the output's.
        regels = _lezers(ctx, verklaring) + tuple(r for r in uitkomst_regels if r not in _lezers(ctx, verklaring))
        score = w.winst * Fraction(1 - verklaring.controleerbaarheid).limit_denominator(1000)
        f = Finding("RS501", "misbruikprikkel", Ernst.WAARSCHUWING,
                    f"Wie '{wat}' anders opgeeft dan het is, krijgt tot € {format_getal(w.winst)} meer "
                    f"({sjabloon}); herkomst: {verklaring.herkomst}, controleerbaarheid "
                    f"{verklaring.controleerbaarheid}.", Oordeel.TEGENVOORBEELD, regels,
                    sleutel=f"{wat}|{sjabloon}",
                    aannames="sjablonen uit analyse.yaml; getallen hoogstens 10% lager opgegeven",
                    tegenvoorbeeld=sjabloon_geval(ctx.model, w.gemeld),
                    uitleg=(uitleg(ctx.model, w.waar), uitleg(ctx.model, w.gemeld)), bedrag=format_getal(w.winst),
                    details={"invoer": wat, "herkomst": verklaring.herkomst,
                             "controleerbaarheid": verklaring.controleerbaarheid,
                             "rangscore": format_getal(score), "waar": sjabloon_geval(ctx.model, w.waar)})
        found.append((score, f))
    found.sort(key=lambda p: p[0], reverse=True)
    return [f for _, f in found]


def _lezers(ctx: Context, verklaring: Any) -> tuple[RegelPlek, ...]:
    """Rules that read the declared input directly (for a fact: that navigate its roles)."""
    if verklaring.feittype is not None:
        ft = normalize(verklaring.feittype)
        from regelspraak.model.order import roots_of, walk_expr

        out = []
        for r in ctx.model.regels:
            if any(isinstance(n, ir.Navigatie | ir.RolTest) and n.rol.feittype == ft
                   for v in r.versies for root in roots_of(v) for n in walk_expr(root)):
                out.append(RegelPlek(r.naam, r.herkomst))
        return tuple(out)
    ot, naam = normalize(verklaring.objecttype or ""), normalize(verklaring.naam or "")
    keys = {(ot, naam), (ot, "kenmerk:" + naam)}
    return tuple(RegelPlek(r.naam, r.herkomst) for r in ctx.model.regels if keys & set(r.leest))


def _winsten(ctx: Context, sjabloon: str, g: Gegevens, verklaring: Any) -> list[Winst]:
    out: list[Winst] = []
    basis = _totaal(ctx, g)
    if basis is None:
        return out
    if verklaring.feittype is not None:
        ft_key = normalize(verklaring.feittype)
        n = sum(1 for f in g.feiten if f[0] == ft_key)
        for i in range(n):
            gemeld = _zonder_feit(ctx, g, ft_key, i)
            t = _totaal(ctx, gemeld)
            if t is not None and t > basis:
                out.append(Winst(g, gemeld, t - basis))
        return out
    ot_key = normalize(verklaring.objecttype)
    ot = ctx.model.objecttypen.get(ot_key)
    if ot is None:
        return out
    key = normalize(verklaring.naam)
    for oid, inv in sorted(g.objecten.items()):
        if inv.type != ot_key:
            continue
        if key in ot.kenmerken:
            gemeld = _kenmerk_flip(ctx, g, oid, key)
            t = _totaal(ctx, gemeld)
            if t is not None and t > basis:
                out.append(Winst(g, gemeld, t - basis))
        elif key in ot.attributen and ot.attributen[key].type.is_getal:
            w = _getal_winst(ctx, sjabloon, g, Invoerplek(oid, ot_key, key), ot.attributen[key])
            if w is not None:
                out.append(w)
    return out


def invariantie(ctx: Context) -> list[Finding]:
    """Declared invariances: the total output is the same whether or not a fact is declared."""
    out: list[Finding] = []
    for e in ctx.eigenschappen:
        if e.soort != "invariantie" or e.feittype is None:
            continue
        ft_key = normalize(e.feittype)
        schending: tuple[Gegevens, Gegevens, Fraction] | None = None
        for _naam, g in ctx.sjablonen:
            basis = _totaal(ctx, g)
            n = sum(1 for f in g.feiten if f[0] == ft_key)
            for i in range(n):
                gemeld = _zonder_feit(ctx, g, ft_key, i)
                t = _totaal(ctx, gemeld)
                if basis is not None and t is not None and t != basis:
                    schending = (g, gemeld, t - basis)
                    break
            if schending:
                break
        if schending is not None:
            g, gemeld, verschil = schending
            out.append(Finding("RS502", "invariantie", Ernst.FOUT,
                               f"Eigenschap '{e.naam}' geldt niet: zonder het feit '{e.feittype}' verandert het "
                               f"totaal met € {format_getal(verschil)}.", Oordeel.TEGENVOORBEELD, (),
                               sleutel=e.naam, tegenvoorbeeld=sjabloon_geval(ctx.model, gemeld),
                               uitleg=(uitleg(ctx.model, g), uitleg(ctx.model, gemeld)),
                               bedrag=format_getal(abs(verschil))))
        else:
            out.append(Finding("RS502", "invariantie", Ernst.INFO, f"Eigenschap '{e.naam}': geen schending "
                               "gevonden in de sjablonen.", Oordeel.NIET_GEVONDEN, (), sleutel=e.naam))
    return out
