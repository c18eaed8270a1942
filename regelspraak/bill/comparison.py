"""A draft bill against current law, as data: the rule diff per article, the explored output
curves of both versions paired, the findings the bill adds, worsens, improves or removes, and
(with a scenario) the impact on a population. `cli/vergelijk.py` only handles arguments and
renders this.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

from regelspraak.analyses import stacking as stacking_analyse
from regelspraak.analyses.context import Context
from regelspraak.analyses.context import load as load_context
from regelspraak.analyses.drempels import drempels as drempels_van
from regelspraak.analyses.findings import Finding, RegelPlek
from regelspraak.analyses.registry import run_all
from regelspraak.analyses.sweep import krommen
from regelspraak.bill import apply, diff, stacking
from regelspraak.bill.findings import Vergelijking, vergelijk
from regelspraak.diagnostics import DiagnosticError
from regelspraak.model import folder
from regelspraak.model.from_syntax import load_model
from regelspraak.simulate.perioden import omgerekend
from regelspraak.values.leesbaar import aantal, marge, verschil
from regelspraak.values.notation import format_getal


@dataclass
class Uitkomst:
    data: dict[str, Any]  # everything but the findings, JSON-ready
    bevindingen: Vergelijking


def _model(map_: Path, v: apply.Voorstel | None = None) -> Any:
    model, diags = load_model(list(folder.find(map_).rgs))
    if any(d.is_fout for d in diags):
        raise DiagnosticError(v.vertaal(diags) if v is not None else diags)
    return model


def _analyse(map_: Path, datum: date, stop_na_s: float | None, rekenlimiet: int,
             v: apply.Voorstel | None = None, alleen: frozenset[str] | None = None) -> tuple[Context, list[Finding]]:
    try:
        ctx = load_context(map_, datum, stop_na_s, rekenlimiet)
    except DiagnosticError as e:
        raise DiagnosticError(v.vertaal(e.diagnostics) if v is not None else e.diagnostics) from e
    # one process: the curves are read from ctx.cache afterwards (a worker's cache stays in the worker)
    findings = run_all(ctx, alleen=alleen)[0]
    if v is None:
        return ctx, findings
    # Findings of the applied bill point at the user's own files, never at the temporary copy.
    return ctx, [dataclasses.replace(f, regels=tuple(
        RegelPlek(r.naam, dataclasses.replace(r.herkomst, span=v.span(r.herkomst.span))) for r in f.regels))
        for f in findings]


def _krommen(ctx_oud: Context, ctx_nieuw: Context) -> list[dict[str, Any]]:
    """The explored output curves of both versions, paired by template, input and output."""
    out: list[dict[str, Any]] = []
    # When no sweep analysis ran (`--alleen stapeling`): the income curves the stacking explored.
    alle = "krommen" in ctx_oud.cache or "krommen|stapeling" not in ctx_oud.cache
    kiezen = krommen if alle else stacking_analyse.inkomenskrommen
    nieuw_k = {(s, k.plek, k.uitkomst.naam): k for s, _g, _b, k in kiezen(ctx_nieuw)}
    for s, g, _b, k in kiezen(ctx_oud):
        kn = nieuw_k.get((s, k.plek, k.uitkomst.naam))
        if kn is None:
            continue
        invoer = ctx_oud.model.objecttypen[k.plek.objecttype].attributen[k.plek.naam].naam
        # Only thresholds of this input, in its unit and on its scale (analyses.drempels), in range.
        lo, hi = Fraction(int(k.x[0])) * k.stap, Fraction(int(k.x[-1])) * k.stap
        attr = ctx_oud.model.objecttypen[k.plek.objecttype].attributen[k.plek.naam]
        drempels = [format_getal(t) for t in drempels_van(ctx_oud.model, g, attr, k.plek.object_id) if lo < t < hi]
        out.append({"uitkomst": k.uitkomst.naam, "invoer": invoer, "object": k.plek.object_id, "sjabloon": s,
                    "punten_voor": [[format_getal(Fraction(int(x)) * k.stap), format_getal(y)]
                                    for x, y in zip(k.x.tolist(), k.y, strict=True)],
                    "punten_na": [[format_getal(Fraction(int(x)) * kn.stap), format_getal(y)]
                                  for x, y in zip(kn.x.tolist(), kn.y, strict=True)],
                    "drempels": drempels,
                    # a timeline output is followed as its total over the berekeningsjaar (docs/analyses.md)
                    **({"uitkomst_per": f"jaar (totaal van de tijdlijn per {k.uitkomst.type.periode})"}
                       if k.uitkomst.type.periode is not None else {})})
    return out


def vergelijk_voorstel(huidig: Path, v: apply.Voorstel, voorstel_pad: Path, datum: date,
                       stop_na_s: float | None, rekenlimiet: int, scenario: Path | None = None,
                       werkers: int | None = None, cluster: str | None = None, per: str | None = None,
                       alleen: frozenset[str] | None = None) -> Uitkomst:
    """Compare the applied bill `v` with the current model (the impact's money totals converted to `per`,
    'jaar' or 'maand', when given; with `alleen`, only those analyses). Raises DiagnosticError (naming
    the user's own files) and AnalyseGestopt."""
    oud_model, nieuw_model = _model(huidig), _model(v.map, v)
    wijzigingen = diff.rule_diff(huidig, v.map, oud_model, nieuw_model)
    ctx_oud, f_oud = _analyse(huidig, datum, stop_na_s, rekenlimiet, alleen=alleen)
    ctx_nieuw, f_nieuw = _analyse(v.map, datum, stop_na_s, rekenlimiet, v, alleen)
    bevindingen = vergelijk(f_oud, f_nieuw)
    data: dict[str, Any] = {
        "huidig": {"naam": huidig.name, "map": str(huidig)},
        "voorstel": {"naam": v.naam, "map": str(voorstel_pad), "bron": v.bron},
        "regels": diff.per_artikel(wijzigingen, huidig, v.map),
        "krommen": _krommen(ctx_oud, ctx_nieuw),
        # Issue 13: the combined marginal rate of each household template, before and after.
        "stapeling": stacking.tarieven(f_oud, f_nieuw),
    }
    if scenario is not None:
        from regelspraak.simulate import compare
        from regelspraak.simulate import scenario as scen

        sc = scen.read(scenario).met_per(per)
        data["impact"] = compare.vergelijk(sc, huidig, v.map, scen.uitvoering(sc, werkers, cluster))
    return Uitkomst(data, bevindingen)


def samenvatting(data: dict[str, Any], b: Vergelijking) -> str:
    n_w = len({(w["soort"], w["naam"]) for g in data["regels"] for w in g["wijzigingen"]})
    delen = [f"{n_w} wijziging(en) in {len(data['regels'])} artikel(en)/leden"]
    for naam, u in (data.get("impact") or {}).get("uitvoer", {}).items():
        delen.append(f"{naam}: budgeteffect {verschil(u['budget'])} {u['periode']}{marge(u.get('budget_marge_95'))}"
                     f"{omgerekend(u)}, "
                     f"{aantal(u['winnaars'])} winnaars en {aantal(u['verliezers'])} verliezers")
    delen.append(b.samenvatting())
    return "; ".join(delen) + "."
