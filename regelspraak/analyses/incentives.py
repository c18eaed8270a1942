"""Misreporting incentives: what a citizen gains by declaring something else than the truth, for
every input he declares himself (`bron: zelf` or `gemengd` in analyse.yaml; data an administration
holds is not misreportable by the citizen and is skipped, and the run says so), ranked by gain ×
how hard it is to verify.

- a number (income, assets): reporting a little less — down to just below the nearest threshold
  the model contains, at most `MAX_ONDERRAPPORTAGE` of the true value — over its whole range;
- a kenmerk (woont samen, is verzekerd): the opposite; a joint declaration (`gezamenlijk:
  partnerschap`) is flipped for both partners together, never for one (an inconsistent couple);
- a fact (partner, member of a household): not declaring it — the member then forms his own
  household (a copy of the object he belonged to) or the link simply disappears.
Kenmerken and facts are explored over the whole domain like numbers: the misreport is tried at
every point of a grid over each numeric input of the template (seeded at the thresholds), not only
at the template's values, so a fact that pays most at another income is not ranked last.
Gains are exact differences of the model's money outputs, summed over all objects of the case.
Also checks declared `invariantie` properties, which are the same question with the answer "0".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

import numpy as np

from regelspraak.analyses.batch import Batch, Invoerplek
from regelspraak.analyses.context import Context
from regelspraak.analyses.findings import Finding, Oordeel, RegelPlek
from regelspraak.analyses.sweep import geval_json, regels_voor, thresholds, uitkomsten, uitleg
from regelspraak.diagnostics import Ernst
from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.evaluate.interpret import run as interpret
from regelspraak.model import ir
from regelspraak.syntax.lexer import normalize
from regelspraak.values.leesbaar import bedrag
from regelspraak.values.notation import format_getal
from regelspraak.values.tijdlijn import Tijdlijn, totaal

MAX_ONDERRAPPORTAGE = Fraction(1, 10)
PUNTEN = 200  # true values per input explored
PUNTEN_FEIT = 64  # grid points per numeric input at which a kenmerk or fact misreport is tried


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
                if isinstance(v, Tijdlijn):  # a timeline output counts its yearly total, as the sweeps do
                    v = totaal(v, date(g.rekendatum.year, 1, 1), date(g.rekendatum.year + 1, 1, 1))
                if isinstance(v, Fraction):
                    tot += v
    return tot


def _kenmerk_flip(ctx: Context, g: Gegevens, oids: list[str], kenmerk: str) -> Gegevens:
    """`oids[0]`'s kenmerk flipped, and set the same for everyone declaring it jointly with him."""
    nieuw = not g.objecten[oids[0]].kenmerken.get(kenmerk, False)
    objecten = dict(g.objecten)
    for oid in oids:
        inv = objecten[oid]
        objecten[oid] = Invoer(inv.type, inv.attributen, {**inv.kenmerken, kenmerk: nieuw})
    return Gegevens(g.rekendatum, g.parameters, objecten, g.feiten, g.parameter_bronnen)


def _samen_met(g: Gegevens, oid: str, feittype: str | None) -> list[str]:
    """`oid` and everyone linked to it through facts of `feittype` (a joint declaration)."""
    if feittype is None:
        return [oid]
    ft = normalize(feittype)
    groep = [oid]
    for key, ids in g.feiten:
        if key == ft and oid in ids:
            groep += [i for i in ids if i not in groep]
    return groep


def _som(res: dict[str, list[Any]], i: int) -> Fraction | None:
    tot = Fraction(0)
    for w in res.values():
        p = w[i]
        if p is None:
            return None
        tot += Fraction(p[0], p[1])
    return tot


def _verken(ctx: Context, waar: Gegevens, gemeld: Gegevens) -> Winst | None:
    """The largest gain of declaring `gemeld` instead of `waar`, at the template and at every
    point of a grid over each numeric input (both cases moved together)."""
    from regelspraak.analyses.batch import met_waarde
    from regelspraak.analyses.sweep import domein, numeric_inputs

    best: Winst | None = None
    t_waar, t_gemeld = _totaal(ctx, waar), _totaal(ctx, gemeld)
    if t_waar is not None and t_gemeld is not None and t_gemeld > t_waar:
        best = Winst(waar, gemeld, t_gemeld - t_waar)
    uit = uitkomsten(ctx)
    seeds = thresholds(ctx)
    b_waar, b_gemeld = Batch(ctx.model, waar), Batch(ctx.model, gemeld)
    for plek, a in numeric_inputs(ctx, waar):
        if plek.object_id not in gemeld.objecten:
            continue
        ctx.bij()
        lo, hi, stap = domein(ctx, a, seeds)
        xs = sorted(set(np.linspace(int(lo / stap), int(hi / stap), PUNTEN_FEIT).astype(np.int64).tolist())
                    | {int(s / stap) + d for s in seeds for d in (-1, 0) if lo <= s <= hi})
        res = []
        for b in (b_waar, b_gemeld):
            waarden = np.array([int(Fraction(x) * stap * b.noemer(plek)) for x in xs], dtype=np.int64)
            res.append(b.run_veilig({plek: waarden}, uit)[0])
        for i, x in enumerate(xs):
            tw, tg = _som(res[0], i), _som(res[1], i)
            if tw is not None and tg is not None and tg - tw > (best.winst if best else 0):
                v = Fraction(x) * stap
                best = Winst(met_waarde(waar, plek, v), met_waarde(gemeld, plek, v), tg - tw)
    return best


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
    from regelspraak.analyses.sweep import domein

    seeds = thresholds(ctx)
    lo, hi, stap = domein(ctx, a, seeds)
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
    # A point the engine refuses (a conflict: RS231, reported by the sweeps) is left out, not fatal.
    res, _, geweigerd = batch.run_veilig(
        {plek: np.array([int(Fraction(v) * stap * noemer) for v in alle], dtype=np.int64)}, uit)
    waarde: dict[int, Fraction] = {}
    for i, v in enumerate(alle):
        if i not in geweigerd:
            waarde[v] = sum((Fraction(p[0], p[1]) for w in res.values() if (p := w[i]) is not None), Fraction(0))
    paren = [p for p in paren if p[0] in waarde and p[1] in waarde]
    if not paren:
        return None
    best = max(paren, key=lambda p: waarde[p[1]] - waarde[p[0]])
    winst = waarde[best[1]] - waarde[best[0]]
    if winst <= 0:
        return None
    from regelspraak.analyses.batch import met_waarde

    return Winst(met_waarde(g, plek, Fraction(best[0]) * stap), met_waarde(g, plek, Fraction(best[1]) * stap), winst)


def misbruikprikkel(ctx: Context) -> list[Finding]:
    if ctx.analyse is None or not ctx.analyse.invoer:
        ctx.dek("misbruikprikkel", overgeslagen=["welke invoer de burger zelf opgeeft staat niet in analyse.yaml "
                                                 "(invoer:)"])
        return []
    uit = uitkomsten(ctx)
    if not uit:
        ctx.dek("misbruikprikkel", overgeslagen=["geen geld-uitkomsten om de winst op te meten"])
        return []
    uitkomst_regels: tuple[RegelPlek, ...] = ()
    for u in uit:
        uitkomst_regels += regels_voor(ctx, u.attribuut)
    found: list[tuple[Fraction, Finding]] = []
    for verklaring in ctx.analyse.invoer:
        wat = verklaring.feittype or f"{verklaring.naam} ({verklaring.objecttype})"
        if verklaring.soort_bron == "administratie":
            ctx.dek("misbruikprikkel", overgeslagen=[f"{wat}: uit een administratie ({verklaring.herkomst}), niet "
                                                     "door de burger op te geven"])
            continue
        if verklaring.controleerbaarheid >= 1:
            ctx.dek("misbruikprikkel", overgeslagen=[f"{wat}: volledig controleerbaar"])
            continue
        ctx.dek("misbruikprikkel", gedekt=[f"{wat} ({verklaring.soort_bron}"
                                           + (f", gezamenlijk via {verklaring.gezamenlijk}" if verklaring.gezamenlijk
                                              else "") + ")"])
        beste: tuple[Winst, str] | None = None
        for sjabloon, g in ctx.sjablonen:
            for w in _winsten(ctx, sjabloon, g, verklaring):
                if beste is None or w.winst > beste[0].winst:
                    beste = (w, sjabloon)
        if beste is None:
            continue
        w, sjabloon = beste
        # The rules that read the misreported input first (its own articles), then the output's.
        regels = _lezers(ctx, verklaring) + tuple(r for r in uitkomst_regels if r not in _lezers(ctx, verklaring))
        score = w.winst * Fraction(1 - verklaring.controleerbaarheid).limit_denominator(1000)
        samen = f", voor beide partners samen ({verklaring.gezamenlijk})" if verklaring.gezamenlijk else ""
        f = Finding("RS501", "misbruikprikkel", Ernst.WAARSCHUWING,
                    f"Wie '{wat}' anders opgeeft dan het is{samen}, krijgt tot {bedrag(w.winst)} meer "
                    f"({sjabloon}); herkomst: {verklaring.herkomst}, controleerbaarheid "
                    f"{verklaring.controleerbaarheid}.", Oordeel.TEGENVOORBEELD, regels,
                    sleutel=f"{wat}|{sjabloon}",
                    aannames="sjablonen uit analyse.yaml, numerieke invoer verkend over het domein; getallen "
                             "hoogstens 10% lager opgegeven",
                    tegenvoorbeeld=geval_json(ctx.model, w.gemeld),
                    uitleg=(uitleg(ctx.model, w.waar), uitleg(ctx.model, w.gemeld)), bedrag=format_getal(w.winst),
                    details={"invoer": wat, "herkomst": verklaring.herkomst, "bron": verklaring.soort_bron,
                             "controleerbaarheid": verklaring.controleerbaarheid,
                             "gezamenlijk": verklaring.gezamenlijk,
                             "rangscore": format_getal(score), "waar": geval_json(ctx.model, w.waar)})
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
    if _totaal(ctx, g) is None:
        return out
    if verklaring.feittype is not None:
        ft_key = normalize(verklaring.feittype)
        n = sum(1 for f in g.feiten if f[0] == ft_key)
        for i in range(n):
            w = _verken(ctx, g, _zonder_feit(ctx, g, ft_key, i))
            if w is not None:
                out.append(w)
        return out
    ot_key = normalize(verklaring.objecttype)
    ot = ctx.model.objecttypen.get(ot_key)
    if ot is None:
        return out
    key = normalize(verklaring.naam)
    gedaan: set[str] = set()
    for oid, inv in sorted(g.objecten.items()):
        if inv.type != ot_key or oid in gedaan:
            continue
        if key in ot.kenmerken:
            groep = [o for o in _samen_met(g, oid, verklaring.gezamenlijk) if g.objecten[o].type == ot_key]
            gedaan.update(groep)
            w = _verken(ctx, g, _kenmerk_flip(ctx, g, groep, key))
            if w is not None:
                out.append(w)
        elif key in ot.attributen and ot.attributen[key].type.is_getal:
            w = _getal_winst(ctx, sjabloon, g, Invoerplek(oid, ot_key, key), ot.attributen[key])
            if w is not None:
                out.append(w)
    return out


def invariantie(ctx: Context) -> list[Finding]:
    """Declared invariances: the total output is the same whether or not a fact is declared."""
    out: list[Finding] = []
    if not any(e.soort == "invariantie" for e in ctx.eigenschappen):
        ctx.dek("invariantie", overgeslagen=["geen invariantie-eigenschap in eigenschappen.yaml"])
    for e in ctx.eigenschappen:
        if e.soort != "invariantie" or e.feittype is None or e.transformatie is not None:
            continue
        ctx.dek("invariantie", gedekt=[e.naam])
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
                               f"totaal met {bedrag(verschil)}.", Oordeel.TEGENVOORBEELD, (),
                               sleutel=e.naam, tegenvoorbeeld=geval_json(ctx.model, gemeld),
                               uitleg=(uitleg(ctx.model, g), uitleg(ctx.model, gemeld)),
                               bedrag=format_getal(abs(verschil))))
        else:
            out.append(Finding("RS502", "invariantie", Ernst.INFO, f"Eigenschap '{e.naam}': geen schending "
                               "gevonden in de sjablonen.", Oordeel.NIET_GEVONDEN, (), sleutel=e.naam))
    return out
