"""Stacking (`stapeling`, RS406): the combined effective marginal rate of everything a household
receives and pays, along each income input, across every rule and law in scope — the armoedeval.

The flows are the money outputs of `analyse.yaml` with their sign (`soort: uitkering` is received
and counts +, `soort: heffing` is paid and counts −), or without analyse.yaml the derived money
outputs (counted as received). Along each income input (`stapeling.inkomens`, default every money
input of the templates) the net = Σ sign × output (summed over all objects of the case) is computed
on the union of the points the sweeps explored for each flow (each refined to the unit at its own
kinks), and the combined rate −Δnet/Δinput is taken per explored interval. Every maximal range of
one rate above the threshold (`stapeling.drempel`, default 100%) is a finding with its exact bounds
(boundary intervals wider than one unit are resolved unit by unit), the rate, and each flow's —
and so each law's and rule's — share of it. Real jumps are sprong/klif (RS401/RS402), not stacking.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import numpy as np

from regelspraak.analyses.batch import Batch, Invoerplek, Uitkomstplek
from regelspraak.analyses.context import Context
from regelspraak.analyses.findings import Finding, Oordeel, RegelPlek
from regelspraak.analyses.sweep import attribuut, eur, geval_json, is_geld, krommen, regels_in, uitkomsten, uitleg
from regelspraak.diagnostics import Ernst
from regelspraak.model import ir
from regelspraak.values.notation import format_getal, parse_getal

MAX_RAND = 4096  # units resolved one by one at a range's boundary
SPRONG = Fraction(10)  # a unit step losing more than 10 times the step is a jump (RS401/RS402)
Punten = dict[int, Fraction]


def _drempel(ctx: Context) -> Fraction:
    t = str(ctx.analyse.stapeling.drempel if ctx.analyse is not None else "100%").strip()
    return parse_getal(t.rstrip("%"))[0] / (100 if t.endswith("%") else 1)


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


def _inkomen(ctx: Context, a: ir.Attribuut) -> bool:
    if ctx.analyse is not None and ctx.analyse.stapeling.inkomens:
        return any(attribuut(ctx.model, d.objecttype, d.naam) == a for d in ctx.analyse.stapeling.inkomens)
    return is_geld(a)


def _netto(batch: Batch, plek: Invoerplek, stap: Fraction, flows: list[tuple[Uitkomstplek, int]],
           xs: list[int]) -> tuple[Punten, dict[str, Punten]]:
    """Net and per flow at the inputs `xs` (a refused point is left out: RS231 reports it)."""
    noemer = batch.noemer(plek)
    res, _, _ = batch.run_veilig({plek: np.array([int(Fraction(x) * stap * noemer) for x in xs], dtype=np.int64)},
                                 [u for u, _ in flows])
    netto: Punten = {}
    per: dict[str, Punten] = {u.attribuut.naam: {} for u, _ in flows}
    for i, x in enumerate(xs):
        waarden = [(u, t, res[u.attribuut.naam.lower()][i]) for u, t in flows]
        if any(w is None for _, _, w in waarden):
            continue
        netto[x] = Fraction(0)
        for u, t, w in waarden:
            assert w is not None
            per[u.attribuut.naam][x] = Fraction(w[0], w[1])
            netto[x] += t * Fraction(w[0], w[1])
    return netto, per


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
    drempel = _drempel(ctx)
    flows = _tekens(ctx)
    if not flows:
        ctx.dek("stapeling", overgeslagen=["geen geld-uitkomsten (analyse.yaml: uitkomsten met soort)"])
        return []
    per_curve: dict[tuple[str, Invoerplek], tuple[Any, Batch, set[int], Fraction]] = {}
    for sjabloon, g, batch, k in krommen(ctx):
        invoer = ctx.model.objecttypen[k.plek.objecttype].attributen[k.plek.naam]
        if not _inkomen(ctx, invoer):
            continue
        entry = per_curve.setdefault((sjabloon, k.plek), (g, batch, set(), k.stap))
        entry[2].update(int(x) for x in k.x)
    out: list[Finding] = []
    for (sjabloon, plek), (g, batch, punten, stap) in sorted(per_curve.items(), key=lambda p: (p[0][0],
                                                                                                p[0][1].object_id,
                                                                                                p[0][1].naam)):
        ctx.bij()
        invoer = ctx.model.objecttypen[plek.objecttype].attributen[plek.naam]
        netto, per = _netto(batch, plek, stap, flows, sorted(punten))
        # Resolve the boundaries of every steep range to the unit.
        for _r, a0, a1 in _stukken(netto, stap, drempel):
            xs = sorted(netto)
            i0, i1 = xs.index(a0), xs.index(a1)
            extra: set[int] = set()
            for lo, hi in ((xs[i0 - 1], a0) if i0 else (a0, a0), (a1, xs[i1 + 1]) if i1 + 1 < len(xs) else (a1, a1)):
                if 1 < hi - lo <= MAX_RAND:
                    extra |= set(range(lo + 1, hi))
            if extra:
                n2, p2 = _netto(batch, plek, stap, flows, sorted(extra))
                netto.update(n2)
                for naam, v in p2.items():
                    per[naam].update(v)
        ctx.dek("stapeling", gedekt=[f"netto langs {invoer.naam} van {plek.object_id} ({sjabloon}), "
                                     f"{len(flows)} geldstroom/-stromen"])
        for n, (rate, a0, a1) in enumerate(_stukken(netto, stap, drempel)):
            out.append(_finding(ctx, sjabloon, g, plek, invoer, stap, flows, per, rate, a0, a1, drempel, n))
    return out


def _finding(ctx: Context, sjabloon: str, g: Any, plek: Invoerplek, invoer: ir.Attribuut, stap: Fraction,
             flows: list[tuple[Uitkomstplek, int]], per: dict[str, Punten], rate: Fraction, a0: int, a1: int,
             drempel: Fraction, n: int) -> Finding:
    midden = _geval_met_plek(g, plek, Fraction(a0 + a1, 2) * stap, stap)
    actief = regels_in(uitleg(ctx.model, midden))
    aandelen: list[dict[str, Any]] = []
    regels: list[RegelPlek] = []
    for u, teken in flows:
        ys = per[u.attribuut.naam]
        deel = -teken * (ys[a1] - ys[a0]) / (Fraction(a1 - a0) * stap)
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
    delen = ", ".join(f"{a['uitkomst']} {a['aandeel']}" for a in aandelen)
    van, tot = eur(Fraction(a0) * stap), eur(Fraction(a1) * stap)
    return Finding(
        "RS406", "stapeling", Ernst.WAARSCHUWING,
        f"Gestapeld marginaal tarief van {format_getal(rate * 100)}% bij {invoer.naam} van {plek.object_id} van "
        f"€ {van} tot € {tot} ({sjabloon}): "
        + (f"van elke euro meer houdt het huishouden {format_getal((1 - rate) * 100)} cent over"
           if rate < 1 else f"elke euro meer kost het huishouden {format_getal((rate - 1) * 100)} cent netto")
        + f". Aandelen: {delen}.",
        Oordeel.TEGENVOORBEELD, tuple(dict.fromkeys(regels)),
        sleutel=f"{invoer.naam}|{sjabloon}|{plek.object_id}|{','.join(a['uitkomst'] for a in aandelen)}|{n}",
        aannames=f"drempel {format_getal(drempel * 100)}%; sjabloon '{sjabloon}', overige invoer vast; "
                 "uitkeringen tellen positief, heffingen negatief",
        tegenvoorbeeld=geval_json(ctx.model, midden), bedrag=None,
        details={"tarief": format_getal(rate), "van": van, "tot": tot, "invoer": invoer.naam,
                 "object": plek.object_id, "sjabloon": sjabloon, "aandelen": aandelen})


def _geval_met_plek(g: Any, plek: Invoerplek, waarde: Fraction, stap: Fraction) -> Any:
    from regelspraak.analyses.batch import met_waarde

    return met_waarde(g, plek, Fraction(int(waarde / stap)) * stap)

