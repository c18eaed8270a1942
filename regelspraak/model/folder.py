"""Which files make up a model: a folder (all `*.rgs`, its `parameters*.yaml`, example cases in
`gevallen/`) or a single `.rgs` file.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "a.rgs").write_text("", "utf-8")
>>> [p.name for p in find(d).rgs]
['a.rgs']
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.origin import Herkomst, Span


@dataclass(frozen=True)
class ModelFiles:
    map: Path
    rgs: tuple[Path, ...]
    parameters: tuple[Path, ...]
    gevallen: tuple[Path, ...]
    wet: Path | None = None  # wet.yaml: the laws the model implements


def find(pad: Path) -> ModelFiles:
    if pad.is_file():
        if pad.suffix != ".rgs":
            raise _fout(pad, "Verwacht een .rgs-bestand of een map met .rgs-bestanden.")
        folder = pad.parent
        params = tuple(sorted(folder.glob("parameters*.yaml")))
        wet = folder / "wet.yaml"
        # wet.yaml counts when it exists in any form: a pipe or folder by that name is refused by
        # the reader, not silently skipped.
        return ModelFiles(folder, (pad,), params, (), wet if wet.exists() or wet.is_symlink() else None)
    if pad.is_dir():
        rgs = tuple(sorted(pad.glob("*.rgs")))
        if not rgs:
            raise _fout(pad, "Deze map bevat geen .rgs-bestanden.")
        params = tuple(sorted(pad.glob("parameters*.yaml")))
        gevallen = tuple(sorted(p for p in (pad / "gevallen").glob("*.y*ml"))) if (pad / "gevallen").is_dir() else ()
        wet = pad / "wet.yaml"
        return ModelFiles(pad, rgs, params, gevallen, wet if wet.exists() or wet.is_symlink() else None)
    raise _fout(pad, "Bestand of map bestaat niet.")


def _fout(pad: Path, bericht: str) -> DiagnosticError:
    return DiagnosticError([Diagnostic("RS001", Ernst.FOUT, bericht, Herkomst(Span(str(pad), 1, 1)))])
