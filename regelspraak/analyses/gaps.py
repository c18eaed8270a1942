"""Gaps on the explored curves (RS311): a money output stays leeg at some explored input — no rule
and no Initialisatie gives it a value there. The finding names the attribute where the chain of
leeg values starts (the output itself, or a derived attribute it depends on) and the rules that
could have set it, plus any leeg input those rules read; not merely the output and its readers.
"""

from __future__ import annotations

from fractions import Fraction

from regelspraak.analyses.context import Context
from regelspraak.analyses.findings import Finding, Oordeel, RegelPlek
from regelspraak.analyses.sweep import dek_krommen, geval_json, geval_met, krommen, uitleg
from regelspraak.diagnostics import Ernst
from regelspraak.evaluate.interpret import Uitkomst
from regelspraak.model import ir
from regelspraak.values.leesbaar import getal_tekst

Sleutel = tuple[str, str]  # (objecttype key, attribute key)


def _leeg(u: Uitkomst, k: Sleutel) -> bool:
    """Some object of the type has no value for the attribute."""
    return any(inst.type == k[0] and inst.waarden.get(k[1]) is None for inst in u.instanties.values())


def oorzaak(model: ir.Model, u: Uitkomst, doel: Sleutel) -> tuple[Sleutel, list[ir.Regel], list[Sleutel]]:
    """Follow the leeg values back from `doel` through the rules that could set them: the derived
    attribute where the chain starts, its writers, and the leeg inputs those writers read."""
    afgeleid = {k for r in model.regels for k in r.schrijft}
    huidig, bezocht = doel, {doel}
    while True:
        schrijvers = [r for r in model.regels if huidig in r.schrijft]
        gelezen = sorted({k for r in schrijvers for k in r.leest if k != huidig and not k[1].startswith("kenmerk:")})
        verder = [k for k in gelezen if k in afgeleid and k not in bezocht and _leeg(u, k)]
        if not verder:
            invoer = [k for k in gelezen if k not in afgeleid and _leeg(u, k)]
            return huidig, schrijvers, invoer
        huidig = verder[0]
        bezocht.add(huidig)


def _naam(model: ir.Model, k: Sleutel) -> str:
    ot = model.objecttypen[k[0]]
    return f"'{ot.attributen[k[1]].naam}' van een {ot.naam}" if k[1] in ot.attributen else f"'{k[1]}'"


def hiaat(ctx: Context) -> list[Finding]:
    """RS311 for every declared (or derived) money output left leeg at an explored input."""
    out: list[Finding] = []
    gezien: set[tuple[str, str]] = set()
    dek_krommen(ctx, "hiaat")
    for sjabloon, g, _b, k in krommen(ctx):
        if not k.leeg or (sjabloon, k.uitkomst.naam) in gezien:
            continue
        gezien.add((sjabloon, k.uitkomst.naam))
        x = min(k.leeg)
        invoer = ctx.model.objecttypen[k.plek.objecttype].attributen[k.plek.naam]
        geval = geval_met(k, g, x)
        t = uitleg(ctx.model, geval)
        doel = (k.uitkomst.objecttype, k.uitkomst.naam.lower())
        bron, schrijvers, lege_invoer = oorzaak(ctx.model, t.uitkomst, doel)
        regels = tuple(RegelPlek(r.naam, r.herkomst) for r in schrijvers)
        if schrijvers:
            wie = "geen van de regels die het kunnen zetten (" + ", ".join(f"'{r.naam}'" for r in schrijvers) + \
                ") is hier van toepassing en geen Initialisatie vult het"
        else:
            wie = "geen regel of Initialisatie zet het"
        via = "" if bron == doel else f", daardoor blijft ook {k.uitkomst.naam} leeg"
        lees = ("; die regels lezen de lege invoer " + ", ".join(_naam(ctx.model, i) for i in lege_invoer)
                if lege_invoer else "")
        out.append(Finding(
            "RS311", "hiaat", Ernst.FOUT,
            f"{_naam(ctx.model, bron)} blijft leeg ({sjabloon}), bijvoorbeeld bij {invoer.naam} van "
            f"{k.plek.object_id} = {getal_tekst(Fraction(x) * k.stap)}: {wie}{via}{lees}.",
            Oordeel.TEGENVOORBEELD, regels or tuple(RegelPlek(r.naam, r.herkomst) for r in ctx.model.regels
                                                    if doel in r.leest),
            sleutel=f"{k.uitkomst.naam}|{sjabloon}",
            aannames=f"sjabloon '{sjabloon}', {invoer.naam} verkend over het domein",
            tegenvoorbeeld=geval_json(ctx.model, geval), uitleg=(t,),
            details={"aantal_punten": len(k.leeg), "leeg": ctx.model.objecttypen[bron[0]].attributen[bron[1]].naam
                     if bron[1] in ctx.model.objecttypen[bron[0]].attributen else bron[1],
                     "uitkomst": k.uitkomst.naam, "kan_zetten": [r.naam for r in schrijvers],
                     "lege_invoer": [i[1] for i in lege_invoer]}))
    return out
