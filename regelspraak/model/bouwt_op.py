"""`model.yaml` beside a model: the model folders it builds on, and their composition.

```yaml
bouwt_op: [../awir]     # folders, relative to this model folder
```

A model that builds on others (zorgtoeslag on the Awir) is composed from their files: the bases'
rules, parameter files and wet.yaml come first, each base once (a diamond, toeslagen on
zorgtoeslag and huurtoeslag that both build on the Awir, takes the Awir once). Every composed
folder must lie inside the *model tree*: the folder that holds the requested model (`wetten/`),
links followed, so a model can never pull in a file elsewhere on the machine. The chain is bounded
(MAX_DIEPTE levels, MAX_MODELLEN folders) and may not return to a folder it came from.

model/ does not use the input layer (inputs/); the file is a single list of strings, read here
from PyYAML's node tree (`yaml.compose`: no Python objects are built) with the lines for the
messages, after a bound on its size.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "m.yaml").write_text("bouwt_op: [../awir]\\n", "utf-8")
>>> [(naam, regel) for naam, regel in lees(d / "m.yaml")]
[('../awir', 1)]
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath

import yaml

from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.origin import Herkomst, Span
from regelspraak.reading import Leesfout, lees_bytes

MAX_BYTES = 64 * 1024
MAX_DIEPTE = 8
MAX_MODELLEN = 32


def fout(code: str, pad: Path, regel: int, bericht: str, hulp: str | None = None) -> DiagnosticError:
    return DiagnosticError([Diagnostic(code, Ernst.FOUT, bericht, Herkomst(Span(str(pad), regel, 1)), hulp)])


def lees(pad: Path) -> list[tuple[str, int]]:
    """The folder names of `bouwt_op` with their lines; DiagnosticError (RS720) when unusable."""
    try:
        data = lees_bytes(pad, MAX_BYTES)
    except Leesfout as e:
        raise fout("RS720", pad, 1, f"model.yaml kan niet worden gelezen: {e}.") from e
    try:
        tekst = data.decode("utf-8")
        node = yaml.compose(tekst, Loader=yaml.SafeLoader)
    except UnicodeDecodeError as e:
        raise fout("RS720", pad, 1, "model.yaml is geen UTF-8-tekst.") from e
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise fout("RS720", pad, (mark.line + 1) if mark else 1, "model.yaml is geen geldige YAML.") from e
    if node is None:
        return []
    if not isinstance(node, yaml.MappingNode):
        raise fout("RS720", pad, node.start_mark.line + 1, "model.yaml moet een mapping zijn (bouwt_op: [...]).")
    uit: list[tuple[str, int]] = []
    gezien = False
    for sleutel, waarde in node.value:
        regel = sleutel.start_mark.line + 1
        if not isinstance(sleutel, yaml.ScalarNode) or sleutel.value != "bouwt_op":
            naam = sleutel.value if isinstance(sleutel, yaml.ScalarNode) else "?"
            raise fout("RS720", pad, regel, f"Onbekend veld '{naam}' in model.yaml.", "Toegestaan: bouwt_op.")
        if gezien:
            raise fout("RS720", pad, regel, "Veld 'bouwt_op' staat twee keer in model.yaml.")
        gezien = True
        if not isinstance(waarde, yaml.SequenceNode):
            raise fout("RS720", pad, waarde.start_mark.line + 1,
                       "Veld 'bouwt_op' moet een lijst van mappen zijn, bijvoorbeeld [../awir].")
        for item in waarde.value:
            if not isinstance(item, yaml.ScalarNode) or item.tag != "tag:yaml.org,2002:str" or not item.value:
                raise fout("RS720", pad, item.start_mark.line + 1,
                           "Elk element van 'bouwt_op' moet een mapnaam zijn (tekst).")
            uit.append((item.value, item.start_mark.line + 1))
    return uit


def basis(map_: Path, wortel: Path, naam: str, pad: Path, regel: int) -> Path:
    """The folder `naam` of `bouwt_op` in `pad`, resolved; RS721 when it is absolute or lies
    outside the model tree `wortel` (links followed), RS720 when it is no model folder."""
    if PurePath(naam).is_absolute() or "\x00" in naam:
        raise fout("RS721", pad, regel, f"'{naam}' in bouwt_op is een absoluut pad.",
                   "Noem de map relatief aan deze modelmap, bijvoorbeeld ../awir.")
    try:
        doel = (map_ / naam).resolve()
    except (OSError, RuntimeError) as e:  # a loop of links
        raise fout("RS721", pad, regel, f"'{naam}' in bouwt_op kan niet worden gevolgd.") from e
    if not doel.is_relative_to(wortel):
        raise fout("RS721", pad, regel, f"'{naam}' in bouwt_op ligt buiten de modelboom {wortel}.",
                   "Een model bouwt alleen op mappen naast of onder zijn eigen map (zoals wetten/awir).")
    if not doel.is_dir() or not any(doel.glob("*.rgs")):
        raise fout("RS720", pad, regel, f"'{naam}' in bouwt_op is geen modelmap (een map met .rgs-bestanden).")
    return doel


def volgorde(map_: Path) -> list[Path]:
    """The folders `map_` builds on, directly or through others, each once, a base before the
    models that build on it; `map_` itself is not included. RS722 on a cycle or a chain that is
    too deep or too wide."""
    eigen = map_.resolve()
    wortel = eigen.parent
    uit: list[Path] = []
    klaar: set[Path] = set()

    def bezoek(m: Path, getoond: Path, keten: tuple[Path, ...]) -> None:
        yaml_pad = getoond / "model.yaml"
        if not (yaml_pad.exists() or yaml_pad.is_symlink()):  # a pipe or folder by that name is refused
            return
        for naam, regel in lees(yaml_pad):
            doel = basis(m, wortel, naam, yaml_pad, regel)
            if doel in keten or doel == m:
                kring = " → ".join(p.name for p in (*keten, m, doel))
                raise fout("RS722", yaml_pad, regel, f"bouwt_op maakt een kring: {kring}.")
            if doel in klaar:
                continue
            if len(keten) + 1 >= MAX_DIEPTE:
                raise fout("RS722", yaml_pad, regel, f"bouwt_op is dieper dan {MAX_DIEPTE} niveaus.")
            # Shown as the user names it (wetten/awir, not /home/…/wetten/awir); checked resolved.
            doel_getoond = Path(os.path.normpath(getoond / naam))
            bezoek(doel, doel_getoond, (*keten, m))
            klaar.add(doel)
            uit.append(doel_getoond)
            if len(uit) > MAX_MODELLEN:
                raise fout("RS722", yaml_pad, regel, f"Het model bouwt op meer dan {MAX_MODELLEN} modellen.")

    bezoek(eigen, map_, ())
    return uit


def met_basis(paden: list[Path]) -> list[Path]:
    """`paden` preceded by the rule files of the models their folder builds on, when every file
    lies in one model folder that has a model.yaml: a folder's files mean something only together
    with what they build on, so `load_model` of a folder's `*.rgs` gives the composed model, as
    `folder.find` of that folder (or of one of its files) does. Files from several folders are
    taken as given: a caller that composed the model itself (`folder.find(...).rgs`) passes the
    bases' files along, and a hand-picked set is the caller's choice. DiagnosticError (RS720-RS722)
    on an unusable model.yaml.

    >>> import tempfile, pathlib
    >>> boom = pathlib.Path(tempfile.mkdtemp()); (boom / "basis").mkdir(); (boom / "wet").mkdir()
    >>> for p in (boom / "basis" / "b.rgs", boom / "wet" / "w.rgs"): _ = p.write_text("", "utf-8")
    >>> _ = (boom / "wet" / "model.yaml").write_text("bouwt_op: [../basis]\\n", "utf-8")
    >>> [p.name for p in met_basis([boom / "wet" / "w.rgs"])]
    ['b.rgs', 'w.rgs']
    """
    if not paden or len({p.parent for p in paden}) != 1:
        return paden
    map_ = paden[0].parent
    yaml_pad = map_ / "model.yaml"
    if not (yaml_pad.exists() or yaml_pad.is_symlink()):
        return paden
    return [*(r for b in volgorde(map_) for r in sorted(b.glob("*.rgs"))), *paden]


def parameters_met_basis(pad: Path) -> list[Path]:
    """The parameter files that go with the parameter file `pad` of a model folder: the bases'
    (`parameters*.yaml` of every folder it builds on, a base first), then `pad` itself."""
    yaml_pad = pad.parent / "model.yaml"
    if not (yaml_pad.exists() or yaml_pad.is_symlink()):
        return [pad]
    return [*(p for b in volgorde(pad.parent) for p in sorted(b.glob("parameters*.yaml"))), pad]
