"""Structural analyses: rules without bron, articles in scope nobody cites, gaps in time between
rule versions and parameter periods. Exhaustive over the model text, so their verdict is
`bewezen`.
"""

from __future__ import annotations

from datetime import date, timedelta

from regelspraak.analyses.context import Context
from regelspraak.analyses.findings import Finding, Oordeel, RegelPlek, regel_plek
from regelspraak.diagnostics import Ernst
from regelspraak.inputs.wet_yaml import GeladenWet
from regelspraak.model import citations
from regelspraak.model.coverage import coverage
from regelspraak.origin import Herkomst, Span


def regel_zonder_bron(ctx: Context) -> list[Finding]:
    return [Finding("RS601", "regel-zonder-bron", Ernst.WAARSCHUWING,
                    f"Regel '{r.naam}' noemt geen artikel (bron).", Oordeel.BEWEZEN, (regel_plek(r),),
                    sleutel=r.naam, aannames="de modeltekst")
            for r in ctx.model.regels if r.bron is None]


def ongebruikt_artikel(ctx: Context) -> list[Finding]:
    """Leden in scope (wet.yaml) that no rule or declaration cites and that are not marked as
    deliberately not formalised."""
    if not ctx.wetten:
        return []
    gevonden, _ = citations.resolve(ctx.model, ctx.wetten)
    out = []
    for row in coverage(ctx.wetten, gevonden):
        if row.status != "niet gedekt":
            continue
        g = next(w for w in ctx.wetten if w.vermelding.titel == row.wet)
        out.append(Finding("RS604", "ongebruikt-artikel", Ernst.INFO,
                           f"{row.citaat} valt binnen de reikwijdte van het model, maar geen regel citeert het.",
                           Oordeel.BEWEZEN, (RegelPlek(row.citaat, Herkomst(_plek_in_wet(g, row.id))),),
                           sleutel=row.id, aannames="in_scope en niet_formaliseren uit wet.yaml",
                           details={"id": row.id}))
    return out


def _plek_in_wet(g: GeladenWet, node_id: str) -> Span:
    """Where the lid (or article) is written in the law file: its own line, else its article's,
    else the file (a law text without positions)."""
    node = next((n for n in g.wet.knopen() if n.id == node_id), None)
    while node is not None and node.span is None:
        node = g.wet.ouder(node)
    return node.span if node is not None and node.span is not None else Span(g.wet.bestand, 1)


def _gaten(periodes: list[tuple[date, date]]) -> list[tuple[date, date]]:
    """Days not covered between the first start and the last end."""
    ps = sorted(periodes)
    out = []
    einde = ps[0][1] if ps else date.min
    for van, tm in ps[1:]:
        if einde < date.max and van > einde + timedelta(days=1):
            out.append((einde + timedelta(days=1), van - timedelta(days=1)))
        einde = max(einde, tm)
    return out


def hiaat_in_tijd(ctx: Context) -> list[Finding]:
    """A rule whose versions leave a period uncovered between them, and parameters whose values
    leave a gap: on such a rekendatum the rule or parameter silently has no value."""
    out: list[Finding] = []
    for r in ctx.model.regels:
        periodes = [(v.vanaf or date.min, v.tot_en_met or date.max) for v in r.versies]
        for van, tm in _gaten(periodes):
            out.append(Finding("RS312", "hiaat", Ernst.WAARSCHUWING,
                               f"Regel '{r.naam}' heeft geen versie van {van:%d-%m-%Y} t/m {tm:%d-%m-%Y}.",
                               Oordeel.BEWEZEN, (regel_plek(r),), sleutel=f"{r.naam}|{van}",
                               aannames="geldigheid van de regelversies", details={"van": str(van), "tm": str(tm)}))
    if ctx.files.parameters:
        from regelspraak.inputs.files import parameter_periodes

        for naam, ps in parameter_periodes(list(ctx.files.parameters), ctx.model).items():
            p = ctx.model.parameters.get(naam)
            if p is None:
                continue
            for van, tm in _gaten(ps):
                out.append(Finding("RS312", "hiaat", Ernst.WAARSCHUWING,
                                   f"Parameter '{p.naam}' heeft geen waarde van {van:%d-%m-%Y} t/m {tm:%d-%m-%Y}.",
                                   Oordeel.BEWEZEN, (RegelPlek(p.naam, p.herkomst),), sleutel=f"{naam}|{van}",
                                   aannames="parameterbestanden naast het model"))
    return out
