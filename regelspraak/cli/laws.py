"""Load the laws a model names in its wet.yaml, or stop with exit code 2."""

from __future__ import annotations

from typing import TYPE_CHECKING

from regelspraak.cli.app import Formaat, stop_onbruikbaar
from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.origin import Herkomst, Span

if TYPE_CHECKING:
    from regelspraak.inputs import wet_yaml
    from regelspraak.model.folder import ModelFiles


def laws_or_stop(files: ModelFiles, formaat: Formaat) -> list[wet_yaml.GeladenWet]:
    from regelspraak.inputs import wet_yaml

    if not files.wetten:
        stop_onbruikbaar([Diagnostic("RS901", Ernst.FOUT, "Dit model noemt geen wetten: wet.yaml ontbreekt.",
                                     Herkomst(Span(str(files.map / "wet.yaml"), 1, 1)),
                                     hulp="Zet naast het model een wet.yaml met de wetten die het uitvoert.")],
                         formaat)
    try:
        return wet_yaml.read_all(files.wetten)
    except DiagnosticError as e:
        stop_onbruikbaar(e.diagnostics, formaat)
