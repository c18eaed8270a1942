"""A wetsvoorstel as data: changes relative to a current model, applied into a model folder.

`voorstel.yaml` (paths relative to it):

```yaml
naam: Zorgtoeslag zonder harde grens
huidig: ../../../wetten/zorgtoeslag
bron: Wetsvoorstel Afbouw zorgtoeslag (concept), artikel I
regels: regels.rgs            # Regel/Beslistabel blocks: replace the same-named ones, or are new
vervallen: [geen zorgtoeslag]  # rules and decision tables the bill removes
parameters:                   # replace all dated values of each named parameter
  minimumbedrag voor toekenning:
    - {waarde: 0, vanaf: 2025-01-01, bron: "Wetsvoorstel, artikel I, onderdeel B"}
wetteksten:                   # changed law text (plain text drafts), replacing a law file of wet.yaml
  - {bwb: BWBR0018472, bestand: awir-gewijzigd.txt}
```
A full copy of a model folder works as a bill as well: `vergelijk` then compares the two folders.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict

from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.inputs import yaml_source
from regelspraak.inputs.files import valideer
from regelspraak.inputs.paths import BuitenMap, binnen
from regelspraak.origin import Herkomst, Span, split_regels
from regelspraak.syntax.from_text import read_blocks
from regelspraak.syntax.lexer import normalize


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Wettekst(_Strict):
    bwb: str
    bestand: str


class VoorstelBestand(_Strict):
    naam: str
    huidig: str
    bron: str | None = None
    regels: str | None = None
    vervallen: list[str] = []
    parameters: dict[str, list[dict[str, Any]]] = {}
    wetteksten: list[Wettekst] = []


@dataclass(frozen=True)
class Voorstel:
    naam: str
    bron: str | None
    huidig: Path
    map: Path  # the applied model folder (a temporary copy, or the bill's own folder)
    pad: Path


def _fout(pad: Path, bericht: str) -> DiagnosticError:
    return DiagnosticError([Diagnostic("RS901", Ernst.FOUT, bericht, Herkomst(Span(str(pad), 1, 1)))])


def _block_names(pad: Path) -> set[str]:
    blocks, diags = read_blocks(pad)
    if diags:
        raise DiagnosticError(diags)
    return {normalize(b.kop[2].split(None, 1)[1]) for b in blocks if b.soort in ("regel", "beslistabel")
            and len(b.kop[2].split(None, 1)) > 1}


def _without(pad: Path, namen: set[str]) -> str:
    """The text of `pad` without the Regel/Beslistabel blocks named in `namen`."""
    blocks, _ = read_blocks(pad)
    lines = split_regels(pad.read_text("utf-8"))  # numbered as read_blocks numbers them
    weg: set[int] = set()
    starts = sorted(b.kop[0] for b in blocks)
    for b in blocks:
        parts = b.kop[2].split(None, 1)
        if b.soort in ("regel", "beslistabel") and len(parts) > 1 and normalize(parts[1]) in namen:
            volgende = next((s for s in starts if s > b.kop[0]), len(lines) + 1)
            weg |= set(range(b.kop[0], volgende))
    return "\n".join(line for i, line in enumerate(lines, start=1) if i not in weg) + "\n"


def _binnen(src: yaml_source.Source, basis: Path, naam: str, veld: yaml_source.Pad) -> Path:
    try:
        return binnen(basis, naam)
    except BuitenMap as e:
        raise DiagnosticError([src.fout(veld, f"{e}.", "RS911")]) from e


def load(pad: Path) -> Voorstel:
    """A bill folder (with voorstel.yaml) applied to its current model, or a full model folder."""
    yaml_pad = pad / "voorstel.yaml" if pad.is_dir() else pad
    if not yaml_pad.is_file():
        if pad.is_dir() and any(pad.glob("*.rgs")):
            return Voorstel(pad.name, None, pad, pad, pad)
        raise _fout(pad, "Geen voorstel.yaml en geen .rgs-bestanden: dit is geen wetsvoorstel of model.")
    src = yaml_source.read(yaml_pad)
    v: VoorstelBestand = valideer(src, VoorstelBestand)
    basis = yaml_pad.parent
    huidig = (basis / v.huidig).resolve()
    if not huidig.is_dir() or not any(huidig.glob("*.rgs")):
        raise DiagnosticError([src.fout(("huidig",), f"'{v.huidig}' is geen modelmap.")])
    # File names resolve inside the bill's folder (checked before anything is copied).
    regels_pad = _binnen(src, basis, v.regels, ("regels",)) if v.regels is not None else None
    wet_paden = [_binnen(src, basis, w.bestand, ("wetteksten", i, "bestand")) for i, w in enumerate(v.wetteksten)]
    doel = Path(tempfile.mkdtemp(prefix="regelspraak-voorstel-"))
    shutil.copytree(huidig, doel, dirs_exist_ok=True)
    nieuw_namen: set[str] = set()
    if regels_pad is not None:
        if not regels_pad.is_file():
            raise DiagnosticError([src.fout(("regels",), f"'{v.regels}' bestaat niet.")])
        nieuw_namen = _block_names(regels_pad)
    weg = nieuw_namen | {normalize(n) for n in v.vervallen}
    bekend: set[str] = set()
    for rgs in sorted(doel.glob("*.rgs")):
        bekend |= _block_names(rgs)
        rgs.write_text(_without(rgs, weg), "utf-8")
    for n in v.vervallen:
        if normalize(n) not in bekend:
            raise DiagnosticError([src.fout(("vervallen",), f"Regel '{n}' bestaat niet in het huidige model.")])
    if regels_pad is not None:
        shutil.copy(regels_pad, doel / "zz-voorstel.rgs")
    if v.parameters:
        ppad = doel / "parameters.yaml"
        data: Any = yaml.safe_load(ppad.read_text("utf-8")) if ppad.is_file() else {"parameters": {}}
        huidige = {normalize(k): k for k in data.get("parameters", {})}
        for naam, waarden in v.parameters.items():
            key = huidige.get(normalize(naam), naam)
            data.setdefault("parameters", {})[key] = waarden
        ppad.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    if v.wetteksten:
        wpad = doel / "wet.yaml"
        wdata: Any = yaml.safe_load(wpad.read_text("utf-8"))
        for w, w_pad in zip(v.wetteksten, wet_paden, strict=True):
            for entry in wdata.get("wetten", []):
                if entry.get("bwb") == w.bwb:
                    shutil.copy(w_pad, doel / Path(w.bestand).name)
                    entry["bestand"] = Path(w.bestand).name
        wpad.write_text(yaml.safe_dump(wdata, allow_unicode=True, sort_keys=False), "utf-8")
    return Voorstel(v.naam, v.bron, huidig, doel, yaml_pad)
