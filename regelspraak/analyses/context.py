"""What every analysis gets: the model, the rekendatum and its parameter values, the laws it
implements, the analysis declarations beside it, and its limits.

Limits are deterministic counts (z3 resource units per analysis, sweep sizes), so the verdicts never
depend on the machine's speed. The optional wall-clock budget (`stop_na_s`) can only stop the whole
run with a clear message (`AnalyseGestopt`); it never turns a question into "niet beslist"."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from regelspraak.analyses.limieten import RLIMIT_ANALYSE
from regelspraak.analyses.stukken import Stuk
from regelspraak.diagnostics import DiagnosticError
from regelspraak.evaluate.interpret import Gegevens
from regelspraak.inputs import analyse_yaml, eigenschappen_yaml, wet_yaml
from regelspraak.inputs.files import case_from, read_parameter_files
from regelspraak.model import folder, ir


@dataclass
class Dekking:
    """What one analysis checked, and what it did not (with the reason)."""

    gedekt: list[str] = field(default_factory=list)
    overgeslagen: list[str] = field(default_factory=list)

    @property
    def gedraaid(self) -> bool:
        return bool(self.gedekt)


class AnalyseGestopt(Exception):
    """The wall-clock budget of the run ran out: the run stops, no partial verdict is reported."""

    def __init__(self, budget_s: float) -> None:
        super().__init__(budget_s)
        self.budget_s = budget_s


@dataclass
class Context:
    model: ir.Model
    files: folder.ModelFiles
    rekendatum: date
    parameters: dict[str, ir.Waarde]
    stop_na_s: float | None = None  # wall-clock budget of the whole run: stops it, never changes a verdict
    rlimit: int = RLIMIT_ANALYSE  # z3 resource units per analysis (deterministic)
    analyse: analyse_yaml.AnalyseBestand | None = None
    sjablonen: list[tuple[str, Gegevens]] = field(default_factory=list)
    eigenschappen: list[eigenschappen_yaml.Eigenschap] = field(default_factory=list)
    wetten: list[wet_yaml.GeladenWet] = field(default_factory=list)
    start: float = field(default_factory=time.monotonic)
    # Without analyse.yaml: the money outputs derived from the units, and what was derived (Dutch).
    afgeleide_uitkomsten: list[tuple[str, str]] = field(default_factory=list)
    afgeleid: list[str] = field(default_factory=list)
    # Per analysis: what it covered and what it skipped, and why (reported with the findings).
    dekking: dict[str, Dekking] = field(default_factory=dict)
    # Results shared between analyses of one run (e.g. the explored output curves).
    cache: dict[str, Any] = field(default_factory=dict)
    # A timeline model's z3 analyses run once per stretch of the berekeningsjaar: the stretch of this
    # view (its `parameters` are the values on it), None for the whole run (analyses/stukken.py).
    stuk: Stuk | None = None

    def dek(self, analyse: str, gedekt: list[str] | None = None, overgeslagen: list[str] | None = None) -> None:
        """Record what `analyse` covered and what it skipped (each skipped item says why)."""
        d = self.dekking.setdefault(analyse, Dekking())
        d.gedekt.extend(x for x in gedekt or [] if x not in d.gedekt)
        d.overgeslagen.extend(x for x in overgeslagen or [] if x not in d.overgeslagen)

    def bij(self) -> None:
        """Raise AnalyseGestopt when the run's wall-clock budget is spent. Called between units of
        work only, so a finished question is never cut short into a different verdict."""
        if self.stop_na_s is not None and time.monotonic() - self.start > self.stop_na_s:
            raise AnalyseGestopt(self.stop_na_s)


def build(files: folder.ModelFiles, model: ir.Model, rekendatum: date, stop_na_s: float | None = None,
          rlimit: int = RLIMIT_ANALYSE) -> Context:
    """Raises DiagnosticError when a declaration file beside the model cannot be used."""
    params = read_parameter_files(list(files.parameters), model, model.eenheden, rekendatum)[0]
    ctx = Context(model, files, rekendatum, params, stop_na_s, rlimit)
    if files.wetten:
        ctx.wetten = wet_yaml.read_all(files.wetten)
    analyse_pad = files.map / "analyse.yaml"
    if analyse_pad.exists() or analyse_pad.is_symlink():  # a pipe or folder by this name is refused, not skipped
        ctx.analyse, src = analyse_yaml.read(analyse_pad)
        for i, s in enumerate(ctx.analyse.sjablonen):
            g = case_from(s.gegevens, src, ("sjablonen", i, "gegevens"), model, model.eenheden, rekendatum,
                          list(files.parameters))
            ctx.sjablonen.append((s.naam, g))
    else:
        from regelspraak.analyses.derive import afleiden
        from regelspraak.evaluate.interpret import Gegevens

        af = afleiden(model, Gegevens(rekendatum, params, {}, []))
        ctx.sjablonen, ctx.afgeleide_uitkomsten, ctx.afgeleid = af.sjablonen, af.uitkomsten, af.notities
    eig_pad = files.map / "eigenschappen.yaml"
    if eig_pad.exists() or eig_pad.is_symlink():
        ctx.eigenschappen = eigenschappen_yaml.read(eig_pad)
    return ctx


def load(pad: Path, rekendatum: date, stop_na_s: float | None = None, rlimit: int = RLIMIT_ANALYSE) -> Context:
    """The context for the model at `pad`; DiagnosticError when the model or a file beside it
    cannot be used."""
    from regelspraak.diagnostics import fouten
    from regelspraak.model.from_syntax import load_model

    files = folder.find(pad)
    model, diags = load_model(list(files.rgs))
    if fouten(diags):
        raise DiagnosticError(diags)
    return build(files, model, rekendatum, stop_na_s, rlimit)
