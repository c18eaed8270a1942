"""Which files make up a model: a folder (all `*.rgs`, its `parameters*.yaml`, example cases in
`gevallen/`) or a single `.rgs` file, composed with the model folders it builds on (`model.yaml`,
see `bouwt_op`). Every command finds its model here, so every command sees the composed model.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "a.rgs").write_text("", "utf-8")
>>> [p.name for p in find(d).rgs]
['a.rgs']
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.model import bouwt_op
from regelspraak.origin import Herkomst, Span
from regelspraak.reading import Leesfout, lees_bytes
from regelspraak.syntax.lexer import normalize


@dataclass(frozen=True)
class ModelFiles:
    map: Path
    rgs: tuple[Path, ...]  # the bases' files first, then the model's own
    parameters: tuple[Path, ...]  # likewise
    gevallen: tuple[Path, ...]  # the model's own example cases only
    wet: Path | None = None  # the model's own wet.yaml: the laws it implements
    basis: tuple[Path, ...] = ()  # the folders it builds on (model.yaml), a base before its users
    basis_wetten: tuple[Path, ...] = ()  # the bases' wet.yaml files, in that order

    @property
    def wetten(self) -> tuple[Path, ...]:
        """Every wet.yaml of the composed model: the bases' and its own."""
        return (*self.basis_wetten, *((self.wet,) if self.wet is not None else ()))


def find(pad: Path) -> ModelFiles:
    if pad.is_file():
        if pad.suffix != ".rgs":
            raise _fout(pad, "Verwacht een .rgs-bestand of een map met .rgs-bestanden.")
        return _samengesteld(_eigen(pad.parent, (pad,), ()))
    if pad.is_dir():
        rgs = tuple(sorted(pad.glob("*.rgs")))
        if not rgs:
            raise _fout(pad, "Deze map bevat geen .rgs-bestanden.")
        gevallen = tuple(sorted(p for p in (pad / "gevallen").glob("*.y*ml"))) if (pad / "gevallen").is_dir() else ()
        return _samengesteld(_eigen(pad, rgs, gevallen))
    raise _fout(pad, "Bestand of map bestaat niet.")


def _eigen(folder: Path, rgs: tuple[Path, ...], gevallen: tuple[Path, ...]) -> ModelFiles:
    params = tuple(sorted(folder.glob("parameters*.yaml")))
    wet = folder / "wet.yaml"
    # wet.yaml counts when it exists in any form: a pipe or folder by that name is refused by
    # the reader, not silently skipped.
    return ModelFiles(folder, rgs, params, gevallen, wet if wet.exists() or wet.is_symlink() else None)


def _samengesteld(eigen: ModelFiles) -> ModelFiles:
    bases = bouwt_op.volgorde(eigen.map)
    if not bases:
        _geen_dubbele_parameters(eigen.parameters)
        return eigen
    lagen = [_eigen(b, tuple(sorted(b.glob("*.rgs"))), ()) for b in bases]
    params = (*(p for laag in lagen for p in laag.parameters), *eigen.parameters)
    _geen_dubbele_parameters(params)
    return ModelFiles(eigen.map, (*(r for laag in lagen for r in laag.rgs), *eigen.rgs), params, eigen.gevallen,
                      eigen.wet, tuple(bases), tuple(laag.wet for laag in lagen if laag.wet is not None))


_LIDWOORDEN = ("de ", "het ", "een ")


def _namen(pad: Path) -> dict[str, tuple[str, int]]:
    """Parameter names given in a parameter file (key without article -> name, line). A file that
    cannot be read here is left to the parameter reader, which names the problem."""
    try:
        node = yaml.compose(lees_bytes(pad, 4 * 1024 * 1024).decode("utf-8"), Loader=yaml.SafeLoader)
    except (Leesfout, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return {}
    uit: dict[str, tuple[str, int]] = {}
    if not isinstance(node, yaml.MappingNode):
        return uit
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == "parameters" and isinstance(v, yaml.MappingNode):
            for naam, _ in v.value:
                if isinstance(naam, yaml.ScalarNode):
                    key = normalize(naam.value)
                    key = next((key[len(lw):] for lw in _LIDWOORDEN if key.startswith(lw)), key)
                    uit.setdefault(key, (naam.value, naam.start_mark.line + 1))
    return uit


def _geen_dubbele_parameters(paden: tuple[Path, ...]) -> None:
    """RS723: two parameter files of one (composed) model give the same parameter; which value
    holds would depend on the order of the files."""
    if len(paden) < 2:
        return
    eerder: dict[str, tuple[Path, int]] = {}
    diags: list[Diagnostic] = []
    for pad in paden:
        for key, (naam, regel) in _namen(pad).items():
            if key in eerder:
                p0, r0 = eerder[key]
                diags.append(Diagnostic(
                    "RS723", Ernst.FOUT, f"Parameter '{naam}' krijgt ook waarden in {p0}:{r0}.",
                    Herkomst(Span(str(pad), regel, 1)),
                    "Geef elke parameter in één parameterbestand: in het model dat hem declareert."))
            else:
                eerder[key] = (pad, regel)
    if diags:
        raise DiagnosticError(diags)


def _fout(pad: Path, bericht: str) -> DiagnosticError:
    return DiagnosticError([Diagnostic("RS001", Ernst.FOUT, bericht, Herkomst(Span(str(pad), 1, 1)))])
