"""All analyses, in the order `analyseer` runs them: plain functions `Context -> list[Finding]`,
and `run_all`, which runs them in that order with unique ids.

>>> len(ANALYSES) > 5
True
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

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

# The z3 analyses: on a timeline model they run per stretch of the berekeningsjaar (analyses/stukgewijs.py).
PER_STUK: frozenset[Analyse] = frozenset({conflicts.conflicten, decision_tables.tabellen, reachability.dode_regels,
                                          reachability.inconsistenties})


def run_all(ctx: Context, stap: Callable[[str], None] | None = None,
            alleen: frozenset[str] | None = None) -> tuple[list[Finding], dict[str, int]]:
    """Every analysis in order (or only those named in `alleen`; the others are recorded as not
    run, with the reason). Ids are made unique: a second finding with the same id (the same
    thing found twice) gets a numbered key, so SARIF and `--basis` never merge two findings.
    `stap(naam)` is called after each analysis (progress). Raises AnalyseGestopt when the run's
    wall-clock budget is spent (between analyses and between curves, never inside a question)."""
    out: list[Finding] = []
    per: dict[str, int] = {}
    gezien: dict[str, int] = {}
    for analyse in ANALYSES:
        ctx.bij()
        if alleen is not None and analyse.__name__ not in alleen:
            ctx.dek(analyse.__name__, overgeslagen=["niet gevraagd (--alleen)"])
            if stap is not None:
                stap(analyse.__name__)
            continue
        if analyse in PER_STUK and is_tijdlijnmodel(ctx.model):
            fs = per_stuk(analyse, ctx)
        else:
            fs = analyse(ctx)
        if analyse.__name__ not in ctx.dekking:  # the exhaustive analyses cover the whole model
            ctx.dek(analyse.__name__, gedekt=["alle regels en parameters geldig op de rekendatum"])
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
