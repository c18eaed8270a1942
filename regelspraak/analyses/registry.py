"""All analyses, in the order `analyseer` runs them: plain functions `Context -> list[Finding]`.

>>> len(ANALYSES) > 5
True
"""

from __future__ import annotations

from collections.abc import Callable

from regelspraak.analyses import conflicts, decision_tables, incentives, reachability, structure, sweep
from regelspraak.analyses.context import Context
from regelspraak.analyses.findings import Finding

Analyse = Callable[[Context], list[Finding]]

ANALYSES: tuple[Analyse, ...] = (
    conflicts.conflicten,
    decision_tables.tabellen,
    reachability.dode_regels,
    reachability.inconsistenties,
    structure.regel_zonder_bron,
    structure.ongebruikt_artikel,
    structure.hiaat_in_tijd,
    sweep.hiaat,
    sweep.sprong_en_klif,
    sweep.hoog_marginaal_tarief,
    sweep.eigenschappen,
    incentives.misbruikprikkel,
    incentives.invariantie,
)
