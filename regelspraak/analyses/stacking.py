"""Stacking (`stapeling`, RS406, RS420): the combined effective marginal rate of everything a
household receives and pays, along each income input, across every rule and law in scope — the
armoedeval — and the cliffs in what it has left.

The flows are the money outputs of `analyse.yaml` with their sign (`soort: uitkering` is received
and counts +, `soort: heffing` is paid and counts −), or without analyse.yaml the derived money
outputs (counted as received). Along each income input (`stapeling.inkomens`, default every money
input of the templates) the net = Σ sign × output (summed over all objects of the case) is computed
on the union of the points the sweeps explored for each flow (each refined to the unit at its own
kinks), and the combined rate −Δnet/Δinput is taken per explored interval. Every maximal range of
one rate above the lowest threshold (`stapeling.drempel`: one rate or a list, default 100%) is a
finding (RS406) with its exact bounds (boundary intervals wider than one unit are resolved unit by
unit), the rate, the highest threshold it exceeds, and each flow's — and so each law's and rule's —
share of it. A real jump of the net is no slope: when one unit more of income leaves the household
with less (input + net falls by more than the tolerance), it is a cliff of the household (RS420,
`stacking_cliffs`), with the width over which all flows together keep it worse off.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np

from regelspraak.analyses import stacking_cliffs
from regelspraak.analyses.batch import Batch, Invoerplek, Uitkomstplek, jaarfactor, uitkomstfactor
from regelspraak.analyses.context import Context
from regelspraak.analyses.findings import Finding, Oordeel, RegelPlek
from regelspraak.analyses.sweep import attribuut, eur, geval_json, is_geld, krommen, regels_in, uitkomsten, uitleg
from regelspraak.diagnostics import Ernst
from regelspraak.model import ir
from regelspraak.values.leesbaar import getal_tekst, percentage
from regelspraak.values.notation import format_getal

MAX_RAND = 4096  # units resolved one by one at a range's boundary
SPRONG = Fraction(10)  # a unit step losing more than 10 times the step is a jump (RS401/RS402)
Punten = dict[int, Fraction]


def _drempels(ctx: Context) -> list[Fraction]:
    """The thresholds, highest first (default 100%)."""
    return ctx.analyse.stapeling.drempels if ctx.analyse is not None else [Fraction(1)]


def _tekens(ctx: Context) -> list[tuple[Uitkomstplek, int]]:
    """Each money flow with its sign: +1 received, −1 paid."""
    soort = {}
    if ctx.analyse is not None:
        for u in ctx.analyse.uitkomsten:
            a = attribuut(ctx.model, u.objecttype, u.naam)
            if a is not None:
                soort[(a.objecttype, a.naam.lower())] = u.soort
    return [(u, -1 if soort.get((u.objecttype, u.attribuut.naam.lower())) == "heffing" else 1)
            for u in uitkomsten(ctx)]


def inkomenskrommen(ctx: Context) -> list[tuple[str, Any, Batch, Any]]:
    """The explored curves of every flow along the incomes (once per run; `vergelijk` pairs them)."""
    if "krommen|stapeling" not in ctx.cache:
        ctx.cache["krommen|stapeling"] = krommen(ctx, lambda plek, a: is_inkomen(ctx, plek, a))
    return ctx.cache["krommen|stapeling"]  # type: ignore[no-any-return]


def is_inkomen(ctx: Context, plek: Invoerplek, a: ir.Attribuut) -> bool:
    """An income the analysis moves: declared in `stapeling.inkomens` (default every money input),
    of an object named in `stapeling.objecten` (default every object of the template)."""
    if ctx.analyse is not None and ctx.analyse.stapeling.objecten and \
            plek.object_id not in ctx.analyse.stapeling.objecten:
        return False
    if ctx.analyse is not None and ctx.analyse.stapeling.inkomens:
        return any(attribuut(ctx.model, d.objecttype, d.naam) == a for d in ctx.analyse.stapeling.inkomens)
    return is_geld(a)


def netto(batch: Batch, plek: Invoerplek, stap: Fraction, flows: list[tuple[Uitkomstplek, int]],
           xs: list[int]) -> tuple[Punten, dict[str, Punten]]:
    """Net and per flow at the inputs `xs` (a refused point is left out: RS231 reports it)."""
    noemer = batch.noemer(plek)
    res, _, _ = batch.run_veilig({plek: np.array([int(Fraction(x) * stap * noemer) for x in xs], dtype=np.int64)},
                                 [u for u, _ in flows])
    netto: Punten = {}
    per: dict[str, Punten] = {u.attribuut.naam: {} for u, _ in flows}
    # The income is held through the year and a timeline flow counts its yearly total: the net is per
    # period of the income (each flow a year — its yearly total, or 12 × a €/mnd value — over the
    # income's periods a year), so the rate is what one more euro of that income leaves.
    jaar = batch.template.rekendatum.year
    per_jaar = jaarfactor(batch.model.objecttypen[plek.objecttype].attributen[plek.naam], jaar) \
        if not plek.is_kenmerk else Fraction(1)
    factoren = {u.attribuut.naam: uitkomstfactor(u.attribuut, jaar) / per_jaar for u, _ in flows}
    for i, x in enumerate(xs):
        waarden = [(u, t, res[u.attribuut.naam.lower()][i]) for u, t in flows]
        if any(w is None for _, _, w in waarden):
            continue
        netto[x] = Fraction(0)
        for u, t, w in waarden:
            assert w is not None
            per[u.attribuut.naam][x] = Fraction(w[0], w[1]) * factoren[u.attribuut.naam]
            netto[x] += t * Fraction(w[0], w[1]) * factoren[u.attribuut.naam]
    return netto, per


def _bij(batch: Batch, plek: Invoerplek, stap: Fraction,
         flows: list[tuple[Uitkomstplek, int]]) -> Callable[[list[int]], Punten]:
    return lambda xs: netto(batch, plek, stap, flows, xs)[0]


def _rate(netto: Punten, a0: int, a1: int, stap: Fraction) -> Fraction:
    return -(netto[a1] - netto[a0]) / (Fraction(a1 - a0) * stap)


def _stukken(netto: Punten, stap: Fraction, drempel: Fraction) -> list[tuple[Fraction, int, int]]:
    """Maximal ranges of one rate above `drempel`: (rate, start, end) in units."""
    xs = sorted(netto)
    out: list[tuple[Fraction, int, int]] = []
    for a0, a1 in itertools.pairwise(xs):
        r = _rate(netto, a0, a1, stap)
        if r <= drempel or (a1 - a0 == 1 and r > SPRONG):  # a real jump is sprong/klif, not a slope
            continue
        if out and out[-1][2] == a0 and abs(out[-1][0] - r) <= Fraction(1, 100):
            out[-1] = (out[-1][0], out[-1][1], a1)
        else:
            out.append((r, a0, a1))
    return [(_rate(netto, a0, a1, stap), a0, a1) for _, a0, a1 in out if a1 - a0 > 1]


def stapeling(ctx: Context) -> list[Finding]:
    drempels = _drempels(ctx)
    drempel = drempels[-1]
    flows = _tekens(ctx)
    if not flows:
        ctx.dek("stapeling", overgeslagen=["geen geld-uitkomsten (analyse.yaml: uitkomsten met soort)"])
        return []
    per_curve: dict[tuple[str, Invoerplek], tuple[Any, Batch, set[int], Fraction]] = {}
    for sjabloon, g, batch, k in inkomenskrommen(ctx):
        entry = per_curve.setdefault((sjabloon, k.plek), (g, batch, set(), k.stap))
        entry[2].update(int(x) for x in k.x)
    out: list[Finding] = []
    volgorde = {naam: i for i, (naam, _) in enumerate(ctx.sjablonen)}  # as analyse.yaml lists them
    for (sjabloon, plek), (g, batch, punten, stap) in sorted(per_curve.items(), key=lambda p: (
            volgorde.get(p[0][0], len(volgorde)), p[0][0], p[0][1].object_id, p[0][1].naam)):
        ctx.bij()
        invoer = ctx.model.objecttypen[plek.objecttype].attributen[plek.naam]
        netto_, per = netto(batch, plek, stap, flows, sorted(punten))
        w = _resolutie(ctx, stap)
        # Resolve the boundaries of every steep range to the unit (measured exactly: w == 1).
        for _r, a0, a1 in _stukken(netto_, stap, drempel) if w == 1 else []:
            xs = sorted(netto_)
            i0, i1 = xs.index(a0), xs.index(a1)
            extra: set[int] = set()
            for lo, hi in ((xs[i0 - 1], a0) if i0 else (a0, a0), (a1, xs[i1 + 1]) if i1 + 1 < len(xs) else (a1, a1)):
                if 1 < hi - lo <= MAX_RAND:
                    extra |= set(range(lo + 1, hi))
            if extra:
                n2, p2 = netto(batch, plek, stap, flows, sorted(extra))
                netto_.update(n2)
                for naam, v in p2.items():
                    per[naam].update(v)
        ctx.dek("stapeling", gedekt=[f"netto langs {invoer.naam} van {plek.object_id} ({sjabloon}), "
                                     f"{len(flows)} geldstroom/-stromen"])
        if w > 1:
            per_r = _rooster(batch, plek, stap, flows, per, w)
            stukken, alle = (_stukken_rooster(per_r, flows, stap, w, d) for d in (drempel, Fraction(0)))
        else:
            per_r = {u.attribuut.naam: (per[u.attribuut.naam], {}) for u, _ in flows}
            stukken, alle = (_stukken(netto_, stap, d) for d in (drempel, Fraction(0)))
        for n, (rate, a0, a1) in enumerate(stukken):
            boven = next(t for t in drempels if rate > t)
            out.append(_finding(ctx, sjabloon, g, plek, invoer, stap, flows, per_r, rate, a0, a1, boven, n, w))
        if alle and len(flows) > 1:
            # What one more euro leaves at the steepest stretch, also when no range exceeds a threshold.
            rate, a0, a1 = max(alle, key=lambda s: (s[0], -s[1]))
            out.append(_finding(ctx, sjabloon, g, plek, invoer, stap, flows, per_r, rate, a0, a1, None, 0, w))
        if is_geld(invoer) and len(flows) > 1:  # with one flow the household's cliff is the scheme's own (RS402)
            out.extend(stacking_cliffs.kliffen(ctx, sjabloon, g, plek, invoer, stap, flows, netto_, per,
                                               _bij(batch, plek, stap, flows)))
    return out


def _resolutie(ctx: Context, stap: Fraction) -> int:
    """The width of measurement in units of the input (at least 1)."""
    r = ctx.analyse.stapeling.resolutie if ctx.analyse is not None else Fraction(1)
    return max(1, -(-r // stap))


def _sprongen(ys: Punten, stap: Fraction) -> Punten:
    """The real jumps of one flow among its explored points: unit steps that change it by more
    than SPRONG units — a cliff or a step up, not rounding and not a slope."""
    xs = sorted(ys)
    return {a0: ys[a1] - ys[a0] for a0, a1 in itertools.pairwise(xs)
            if a1 - a0 == 1 and abs(ys[a1] - ys[a0]) > SPRONG * stap}


def _delta(ys: Punten, sprongen: Punten, a0: int, a1: int) -> Fraction:
    """The change of a flow from a0 to a1 without its jumps in between (those are RS420/RS402)."""
    return ys[a1] - ys[a0] - sum((d for x, d in sprongen.items() if a0 <= x < a1), Fraction(0))


def _rooster(batch: Batch, plek: Invoerplek, stap: Fraction, flows: list[tuple[Uitkomstplek, int]],
             per: dict[str, Punten], w: int) -> dict[str, tuple[Punten, Punten]]:
    """Each flow on a lattice of width `w` over the explored domain, with its real jumps (taken
    out of the slope by `_delta`)."""
    alle = sorted(next(iter(per.values()))) if per else []
    if len(alle) < 2:
        return {u.attribuut.naam: ({}, {}) for u, _ in flows}
    rooster = sorted({*range(alle[0], alle[-1], w), alle[-1]})
    _, waarden = netto(batch, plek, stap, flows, rooster)
    return {u.attribuut.naam: (waarden[u.attribuut.naam], _sprongen(per[u.attribuut.naam], stap)) for u, _ in flows}


def _stukken_rooster(per_r: dict[str, tuple[Punten, Punten]], flows: list[tuple[Uitkomstplek, int]],
                     stap: Fraction, w: int, drempel: Fraction) -> list[tuple[Fraction, int, int]]:
    """Ranges above `drempel` on the lattice. A range starts at an interval above `drempel` and
    goes on while the rate stays within the rounding noise (one unit of rounding per flow per
    interval) of its first interval's — also through an interval that the noise alone pushed to
    just below `drempel`; a range whose rate over its whole width is not above `drempel` is none."""
    xs = sorted(set.intersection(*(set(ys) for ys, _ in per_r.values()))) if per_r else []

    def rate(a0: int, a1: int) -> Fraction:
        return -sum((t * _delta(*per_r[u.attribuut.naam], a0, a1) for u, t in flows), Fraction(0)) / ((a1 - a0) * stap)

    ruis = max(Fraction(1, 100), Fraction(len(flows), w) / stap)
    out: list[tuple[Fraction, int, int]] = []
    for a0, a1 in itertools.pairwise(xs):
        r = rate(a0, a1)
        if out and out[-1][2] == a0 and abs(out[-1][0] - r) <= ruis and r > drempel - ruis:
            out[-1] = (out[-1][0], out[-1][1], a1)
        elif r > drempel:
            out.append((r, a0, a1))
    gemeten = [(rate(a0, a1), a0, a1) for _, a0, a1 in out]
    return [s for s in gemeten if s[0] > drempel]


def _finding(ctx: Context, sjabloon: str, g: Any, plek: Invoerplek, invoer: ir.Attribuut, stap: Fraction,
             flows: list[tuple[Uitkomstplek, int]], per: dict[str, tuple[Punten, Punten]], rate: Fraction, a0: int,
             a1: int, drempel: Fraction | None, n: int, w: int) -> Finding:
    """RS406 for a range above `drempel`; RS421 (a note) for the steepest range (`drempel` None)."""
    midden = _geval_met_plek(g, plek, Fraction(a0 + a1, 2) * stap, stap)
    actief = regels_in(uitleg(ctx.model, midden))
    aandelen: list[dict[str, Any]] = []
    regels: list[RegelPlek] = []
    for u, teken in flows:
        deel = -teken * _delta(*per[u.attribuut.naam], a0, a1) / (Fraction(a1 - a0) * stap)
        if deel == 0:
            continue
        key = (u.objecttype, u.attribuut.naam.lower())
        schrijvers = [r for r in ctx.model.regels if key in r.schrijft]
        actieve = [r for r in schrijvers if r.naam in actief] or schrijvers
        regels += [RegelPlek(r.naam, r.herkomst) for r in actieve]
        wetten = sorted({ref.wet or ref.citeer() for r in actieve if r.herkomst.bron is not None
                         for ref in r.herkomst.bron.refs})
        aandelen.append({"uitkomst": u.attribuut.naam, "soort": "heffing" if teken < 0 else "uitkering",
                         "aandeel": format_getal(deel * 100) + "%", "regels": [r.naam for r in actieve],
                         "wetten": wetten})
    delen = ", ".join(f"{a['uitkomst']} {percentage(_getal(a['aandeel']))}" for a in aandelen)
    van, tot = eur(Fraction(a0) * stap), eur(Fraction(a1) * stap)
    bereik = f"€ {getal_tekst(Fraction(a0) * stap)} tot € {getal_tekst(Fraction(a1) * stap)}"
    over = (f"van elke euro meer houdt het huishouden {percentage((1 - rate) * 100)[:-1]} cent over" if rate < 1
            else f"elke euro meer kost het huishouden {percentage((rate - 1) * 100)[:-1]} cent netto")
    gemeten = (f"gemeten over stappen van € {getal_tekst(w * stap)} (grenzen op die breedte nauwkeurig, sprongen "
               "niet meegeteld: zie RS420); " if w > 1 else "")
    vast = f"sjabloon '{sjabloon}', overige invoer vast; uitkeringen tellen positief, heffingen negatief"
    details = {"tarief": format_getal(rate), "van": van, "tot": tot, "invoer": invoer.naam,
               "object": plek.object_id, "sjabloon": sjabloon, "aandelen": aandelen}
    if drempel is None:
        return Finding(
            "RS421", "hoogste-stapeling", Ernst.INFO,
            f"Hoogste gestapelde marginaal tarief langs {invoer.naam} van {plek.object_id} ({sjabloon}): "
            f"{percentage(rate * 100)} van {bereik}: {over}. Aandelen: {delen}.",
            Oordeel.TEGENVOORBEELD, tuple(dict.fromkeys(regels)),
            sleutel=f"hoogste|{invoer.naam}|{sjabloon}|{plek.object_id}", aannames=gemeten + vast,
            tegenvoorbeeld=geval_json(ctx.model, midden), bedrag=None, details=details)
    return Finding(
        "RS406", "stapeling", Ernst.WAARSCHUWING,
        f"Gestapeld marginaal tarief van {percentage(rate * 100)} bij {invoer.naam} van {plek.object_id} van "
        f"{bereik} ({sjabloon}): {over} (boven {percentage(drempel * 100)}). Aandelen: {delen}.",
        Oordeel.TEGENVOORBEELD, tuple(dict.fromkeys(regels)),
        sleutel=f"{invoer.naam}|{sjabloon}|{plek.object_id}|{','.join(a['uitkomst'] for a in aandelen)}|{n}",
        aannames=f"boven de drempel van {percentage(drempel * 100)}; " + gemeten + vast,
        tegenvoorbeeld=geval_json(ctx.model, midden), bedrag=None,
        details={**details, "drempel": format_getal(drempel)})


def _getal(aandeel: str) -> Fraction:
    """An exact share as written in the details ("55%", "100/3%") back as a number of percents."""
    return Fraction(aandeel.rstrip("%"))


def _geval_met_plek(g: Any, plek: Invoerplek, waarde: Fraction, stap: Fraction) -> Any:
    from regelspraak.analyses.batch import met_waarde

    return met_waarde(g, plek, Fraction(int(waarde / stap)) * stap)

