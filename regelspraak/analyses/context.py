"""What every analysis gets: the model, the rekendatum and its parameter values, the laws it
implements, the analysis declarations beside it, and a time budget."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from regelspraak.diagnostics import DiagnosticError
from regelspraak.evaluate.interpret import Gegevens
from regelspraak.inputs import analyse_yaml, eigenschappen_yaml, wet_yaml
from regelspraak.inputs.files import case_from, read_parameter_files
from regelspraak.model import folder, ir


@dataclass
class Context:
    model: ir.Model
    files: folder.ModelFiles
    rekendatum: date
    parameters: dict[str, ir.Waarde]
    budget_s: float = 20.0
    analyse: analyse_yaml.AnalyseBestand | None = None
    sjablonen: list[tuple[str, Gegevens]] = field(default_factory=list)
    eigenschappen: list[eigenschappen_yaml.Eigenschap] = field(default_factory=list)
    wetten: list[wet_yaml.GeladenWet] = field(default_factory=list)
    start: float = field(default_factory=time.monotonic)
    # Results shared between analyses of one run (e.g. the explored output curves).
    cache: dict[str, Any] = field(default_factory=dict)

    def deadline(self) -> float:
        """Monotonic time by which one analysis must stop."""
        return time.monotonic() + self.budget_s


def build(files: folder.ModelFiles, model: ir.Model, rekendatum: date, budget_s: float) -> Context:
    """Raises DiagnosticError when a declaration file beside the model cannot be used."""
    params = read_parameter_files(list(files.parameters), model, model.eenheden, rekendatum)[0]
    ctx = Context(model, files, rekendatum, params, budget_s)
    if files.wet is not None:
        ctx.wetten = wet_yaml.read(files.wet)
    analyse_pad = files.map / "analyse.yaml"
    if analyse_pad.exists() or analyse_pad.is_symlink():  # a pipe or folder by this name is refused, not skipped
        ctx.analyse, src = analyse_yaml.read(analyse_pad)
        for i, s in enumerate(ctx.analyse.sjablonen):
            g = case_from(s.gegevens, src, ("sjablonen", i, "gegevens"), model, model.eenheden, rekendatum,
                          list(files.parameters))
            ctx.sjablonen.append((s.naam, g))
    eig_pad = files.map / "eigenschappen.yaml"
    if eig_pad.exists() or eig_pad.is_symlink():
        ctx.eigenschappen = eigenschappen_yaml.read(eig_pad)
    return ctx


def load(pad: Path, rekendatum: date, budget_s: float) -> Context:
    """The context for the model at `pad`; DiagnosticError when the model or a file beside it
    cannot be used."""
    from regelspraak.diagnostics import fouten
    from regelspraak.model.from_syntax import load_model

    files = folder.find(pad)
    model, diags = load_model(list(files.rgs))
    if fouten(diags):
        raise DiagnosticError(diags)
    return build(files, model, rekendatum, budget_s)
