"""All analyses, in the order `analyseer` runs them: plain functions `Context -> list[Finding]`,
and `run_all`, which runs them in that order with unique ids.

>>> len(ANALYSES) > 5
True
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

from regelspraak.analyses import (
    conflict_points,
    conflicts,
    decision_tables,
    gaps,
    incentives,
    reachability,
    stacking,
    structure,
    sweep,
)
from regelspraak.analyses.context import Context
from regelspraak.analyses.findings import Finding
from regelspraak.analyses.stukgewijs import per_stuk
from regelspraak.analyses.stukken import is_tijdlijnmodel

Analyse = Callable[[Context], list[Finding]]

ANALYSES: tuple[Analyse, ...] = (
    conflicts.conflicten,
    decision_tables.tabellen,
    reachability.dode_regels,
    reachability.inconsistenties,
    structure.regel_zonder_bron,
    structure.ongebruikt_artikel,
    structure.hiaat_in_tijd,
    conflict_points.conflict_op_punt,
    gaps.hiaat,
    sweep.sprong_en_klif,
    sweep.hoog_marginaal_tarief,
    stacking.stapeling,

    sweep.eigenschappen,
    incentives.misbruikprikkel,
    incentives.invariantie,
)

# The analyses that read the output curves along the inputs (sweep.krommen): on several processes the
# curves are computed once, before the workers are forked, and every worker inherits them.
KROMMEN: frozenset[Analyse] = frozenset({conflict_points.conflict_op_punt, gaps.hiaat, sweep.sprong_en_klif,
                                         sweep.hoog_marginaal_tarief, stacking.stapeling, sweep.eigenschappen})

# On several processes these are handed out first, the longest first (as measured on the shipped models: on
# wetten/aow inconsistenties 34 s and dode regels 21 s of 68), so the long ones do not start last.
ZWAAR: tuple[Analyse, ...] = (reachability.inconsistenties, reachability.dode_regels, sweep.sprong_en_klif,
                              incentives.misbruikprikkel, conflicts.conflicten)

# The z3 analyses: on a timeline model they run per stretch of the berekeningsjaar (analyses/stukgewijs.py).
PER_STUK: frozenset[Analyse] = frozenset({conflicts.conflicten, decision_tables.tabellen, reachability.dode_regels,
                                          reachability.inconsistenties})


def run_all(ctx: Context, stap: Callable[[str], None] | None = None,
            alleen: frozenset[str] | None = None, kernen: int = 1) -> tuple[list[Finding], dict[str, int]]:
    """Every analysis in order (or only those named in `alleen`; the others are recorded as not
    run, with the reason). Ids are made unique: a second finding with the same id (the same
    thing found twice) gets a numbered key, so SARIF and `--basis` never merge two findings.
    `stap(naam)` is called after each analysis (progress). Raises AnalyseGestopt when the run's
    wall-clock budget is spent (between analyses and between curves, never inside a question).

    With `kernen` above 1 the analyses run on that many forked processes (analyses/kernen.py);
    the findings, their order and the coverage are the same as in one process."""
    gevraagd = [a for a in ANALYSES if alleen is None or a.__name__ in alleen]
    if kernen > 1 and len(gevraagd) > 1:
        from regelspraak.analyses import kernen as op_kernen

        if KROMMEN.intersection(gevraagd) - {stacking.stapeling}:
            # shared by several analyses: computed here once, not once per worker (the stacking analysis
            # alone sweeps only the incomes, in its worker)
            sweep.krommen(ctx)
        volgorde = [a for a in ZWAAR if a in gevraagd] + [a for a in gevraagd if a not in ZWAAR]
        uitkomsten = op_kernen.uitkomsten(ctx, een, gevraagd, kernen, volgorde)
    else:
        uitkomsten = (een(ctx, a) for a in gevraagd)
    try:
        return _samen(ctx, uitkomsten, gevraagd, stap)
    finally:
        uitkomsten.close()  # the workers stop here, also when a step raises


def _samen(ctx: Context, uitkomsten: Iterator[list[Finding]], gevraagd: list[Analyse],
           stap: Callable[[str], None] | None) -> tuple[list[Finding], dict[str, int]]:
    """The findings in the order of ANALYSES, ids made unique, the ones not asked for recorded as such."""
    out: list[Finding] = []
    per: dict[str, int] = {}
    gezien: dict[str, int] = {}
    for analyse in ANALYSES:
        if analyse not in gevraagd:
            ctx.dek(analyse.__name__, overgeslagen=["niet gevraagd (--alleen)"])
            if stap is not None:
                stap(analyse.__name__)
            continue
        fs = next(uitkomsten)
        per[analyse.__name__] = len(fs)
        for f in fs:
            f.details.setdefault("_analyse", analyse.__name__)
            n = gezien.get(f.id, 0)
            gezien[f.id] = n + 1
            if n:
                f = dataclasses.replace(f, sleutel=f"{f.sleutel}#{n + 1}")
            out.append(f)
        if stap is not None:
            stap(analyse.__name__)
    return out, per


def een(ctx: Context, analyse: Analyse) -> list[Finding]:
    """One analysis on `ctx`, its coverage recorded there (per stretch on a timeline model)."""
    ctx.bij()
    if analyse in PER_STUK and is_tijdlijnmodel(ctx.model):
        fs = per_stuk(analyse, ctx)
    else:
        fs = analyse(ctx)
    if analyse.__name__ not in ctx.dekking:  # the exhaustive analyses cover the whole model
        ctx.dek(analyse.__name__, gedekt=["alle regels en parameters geldig op de rekendatum"])
    return fs
