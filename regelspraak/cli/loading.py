"""Load a model for a command: find its files, parse and check, or stop with exit code 2."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from regelspraak.cli.app import Formaat, stop_onbruikbaar
from regelspraak.diagnostics import Diagnostic, DiagnosticError, fouten

if TYPE_CHECKING:
    from regelspraak.model import folder, ir


def load_or_stop(pad: Path, formaat: Formaat) -> tuple[folder.ModelFiles, ir.Model, list[Diagnostic]]:
    """The model at `pad`; its errors stop the command (exit 2), warnings are returned."""
    # Imported when a command runs: the parser (lark) should not slow down `--help`.
    from regelspraak.model import folder
    from regelspraak.model.from_syntax import load_model

    try:
        files = folder.find(pad)
    except DiagnosticError as e:
        stop_onbruikbaar(e.diagnostics, formaat)
    model, diags = load_model(list(files.rgs))
    if fouten(diags):
        stop_onbruikbaar(diags, formaat)
    return files, model, diags
