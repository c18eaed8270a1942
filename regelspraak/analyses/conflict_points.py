"""Conflicts the sweeps run into (RS231): at some explored input two rules give one attribute
different values, or a rule cannot compute (division by zero, too many decimals). The sweep
isolates the refusing points and goes on with every other point; each refusal becomes a finding
with the rules involved and the point, ready for `bereken`.

One finding per refusal (code, rules), listing the first point and how many explored points refuse.
"""

from __future__ import annotations

from fractions import Fraction

from regelspraak.analyses.context import Context
from regelspraak.analyses.findings import Finding, Oordeel, RegelPlek
from regelspraak.analyses.sweep import dek_krommen, eur, geval_json, geval_met, krommen
from regelspraak.diagnostics import Ernst
from regelspraak.evaluate import vectorize
from regelspraak.evaluate.interpret import run as interpret
from regelspraak.model import ir


def _regels(ctx: Context, e: vectorize.EngineFout, bericht: str) -> tuple[RegelPlek, ...]:
    """The rule the engine names, and every rule writing the same attribute that the
    interpreter's message names too (the other side of a conflict)."""
    namen = [e.regel.naam]
    for r in ctx.model.regels:
        if r.naam != e.regel.naam and r.schrijft & e.regel.schrijft and f"'{r.naam}'" in bericht:
            namen.append(r.naam)
    per_naam = {r.naam: r for r in ctx.model.regels}
    return tuple(RegelPlek(n, per_naam[n].herkomst) for n in sorted(namen))


def conflict_op_punt(ctx: Context) -> list[Finding]:
    """RS231 for every point a sweep could not compute; the sweep itself went on."""
    out: list[Finding] = []
    gezien: dict[tuple[str, ...], int] = {}
    dek_krommen(ctx, "conflict_op_punt")
    for sjabloon, g, _b, k in krommen(ctx):
        if not k.fouten:
            continue
        invoer: ir.Attribuut = ctx.model.objecttypen[k.plek.objecttype].attributen[k.plek.naam]
        x, e = k.fouten[0]
        geval = geval_met(k, g, x)
        u = interpret(ctx.model, geval)
        bericht = u.fouten[0].bericht if u.fouten else e.bericht
        regels = _regels(ctx, e, bericht)
        sleutel = (e.code, *(r.naam for r in regels), sjabloon, invoer.naam)
        if sleutel in gezien:
            continue
        gezien[sleutel] = 1
        waarde = eur(Fraction(x) * k.stap)
        meer = f" (en op {len(k.fouten) - 1} andere verkende punten)" if len(k.fouten) > 1 else ""
        out.append(Finding(
            "RS231", "conflict-op-punt", Ernst.FOUT,
            f"Bij {invoer.naam} van {k.plek.object_id} = {waarde} ({sjabloon}) kan het model niet rekenen: "
            f"{bericht}{meer} De verkenning liep door langs de overige punten.",
            Oordeel.TEGENVOORBEELD, regels, sleutel="|".join(sleutel),
            aannames=f"sjabloon '{sjabloon}', {invoer.naam} verkend over het domein, overige invoer vast",
            tegenvoorbeeld=geval_json(ctx.model, geval), bedrag=None,
            details={"invoer": invoer.naam, "object": k.plek.object_id, "punt": waarde, "code": e.code,
                     "sjabloon": sjabloon, "punten": [eur(Fraction(p) * k.stap) for p, _ in k.fouten[:20]]}))
    return out
