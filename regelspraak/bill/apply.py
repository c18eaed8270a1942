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

import dataclasses
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict

from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.inputs import yaml_source
from regelspraak.inputs.files import valideer
from regelspraak.inputs.paths import BuitenMap, binnen
from regelspraak.model import folder
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
    # Per file of the temporary copy: the user's own file it came from, and (for a rule file the
    # bill removed blocks from) the line in that file per line of the copy.
    herkomst: dict[str, tuple[str, dict[int, int] | None]] = field(default_factory=dict)
    wortel: Path | None = None  # the temporary folder to remove (holds the copy and its bases' copies)

    @property
    def tijdelijk(self) -> bool:
        return self.map != self.pad and self.map != self.huidig

    def span(self, span: Span) -> Span:
        """A place in the temporary copy as the place in the user's own file (the bill's
        voorstel.yaml or rule file, or the current model's file and line); others unchanged."""
        hit = self.herkomst.get(str(Path(span.bestand).resolve()))
        if hit is None:
            return span
        bestand, regels = hit
        regel = regels.get(span.regel, regels.get(0, span.regel)) if regels is not None else span.regel
        # A rewritten parameter file is laid out anew: its columns are not those of the bill's lines.
        kolom = 1 if regels is not None and Path(bestand).suffix in (".yaml", ".yml", ".json") else span.kolom
        return dataclasses.replace(span, bestand=bestand, regel=regel, kolom=kolom, eind_regel=None)

    def vertaal(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """Diagnostics that point into the temporary copy, pointed at the user's own files."""
        return [d if d.herkomst is None else
                dataclasses.replace(d, herkomst=dataclasses.replace(d.herkomst, span=self.span(d.herkomst.span)))
                for d in diagnostics]


def _fout(pad: Path, bericht: str) -> DiagnosticError:
    return DiagnosticError([Diagnostic("RS901", Ernst.FOUT, bericht, Herkomst(Span(str(pad), 1, 1)))])


def _block_names(pad: Path) -> set[str]:
    blocks, diags = read_blocks(pad)
    if diags:
        raise DiagnosticError(diags)
    return {normalize(b.kop[2].split(None, 1)[1]) for b in blocks if b.soort in ("regel", "beslistabel")
            and len(b.kop[2].split(None, 1)) > 1}


def _without(pad: Path, namen: set[str]) -> tuple[str, dict[int, int]]:
    """The text of `pad` without the Regel/Beslistabel blocks named in `namen`, and per line of
    that text the line of `pad` it came from."""
    blocks, _ = read_blocks(pad)
    lines = split_regels(pad.read_text("utf-8"))  # numbered as read_blocks numbers them
    weg: set[int] = set()
    starts = sorted(b.kop[0] for b in blocks)
    for b in blocks:
        parts = b.kop[2].split(None, 1)
        if b.soort in ("regel", "beslistabel") and len(parts) > 1 and normalize(parts[1]) in namen:
            volgende = next((s for s in starts if s > b.kop[0]), len(lines) + 1)
            weg |= set(range(b.kop[0], volgende))
    blijft = [i for i in range(1, len(lines) + 1) if i not in weg]
    return "\n".join(lines[i - 1] for i in blijft) + "\n", {n: i for n, i in enumerate(blijft, start=1)}


@contextmanager
def toegepast(pad: Path) -> Iterator[Voorstel]:
    """The bill applied (see `load`); its temporary copy is removed on every exit, also on an
    error or Ctrl-C."""
    v = load(pad)
    try:
        yield v
    finally:
        if v.tijdelijk:
            shutil.rmtree(v.wortel or v.map, ignore_errors=True)


def _binnen(src: yaml_source.Source, basis: Path, naam: str, veld: yaml_source.Pad) -> Path:
    try:
        return binnen(basis, naam)
    except BuitenMap as e:
        raise DiagnosticError([src.fout(veld, f"{e}.", "RS911")]) from e


def load(pad: Path) -> Voorstel:
    """A bill folder (with voorstel.yaml) applied to its current model (in a temporary copy the
    caller removes: use `toegepast`), or a full model folder. Raises DiagnosticError, naming the
    user's own files; on an error the copy is already removed."""
    if not pad.exists():
        raise _fout(pad, "Het wetsvoorstel bestaat niet: geef een map met voorstel.yaml, of een volledige modelmap.")
    if pad.is_file() and pad.suffix == ".rgs":
        raise _fout(pad, "Een los .rgs-bestand is geen wetsvoorstel: geef een map met voorstel.yaml, of een "
                    "volledige modelmap.")
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
    bases = folder.find(huidig).basis  # a model built on others (model.yaml) is copied with them
    wortel = Path(tempfile.mkdtemp(prefix="regelspraak-voorstel-"))
    doel = wortel / huidig.name if bases else wortel
    try:
        lagen: list[tuple[Path, Path]] = []  # (copy, original) of each base
        for b in bases:  # at the same place relative to the copy, so bouwt_op resolves to the copies
            kopie = wortel / b.relative_to(huidig.parent)
            shutil.copytree(b, kopie)
            lagen.append((kopie, b))
        gedaan = _toepassen(v, src, yaml_pad, basis, huidig, doel, regels_pad, wet_paden, lagen)
        return dataclasses.replace(gedaan, wortel=wortel)
    except BaseException:
        shutil.rmtree(wortel, ignore_errors=True)
        raise


def _toepassen(v: VoorstelBestand, src: yaml_source.Source, yaml_pad: Path, basis: Path, huidig: Path,
               doel: Path, regels_pad: Path | None, wet_paden: list[Path],
               bases: list[tuple[Path, Path]] | None = None) -> Voorstel:
    shutil.copytree(huidig, doel, dirs_exist_ok=True)
    # A model built on others (model.yaml): the bill may change a base's rules, parameters and law
    # texts too, in the base's copy; each copy is named after its original in the diagnostics.
    lagen = [*(bases or []), (doel, huidig)]
    herkomst: dict[str, tuple[str, dict[int, int] | None]] = {
        str(p.resolve()): (str(orig / p.relative_to(kopie)), None)
        for kopie, orig in lagen for p in kopie.rglob("*") if p.is_file()}
    nieuw_namen: set[str] = set()
    if regels_pad is not None:
        if not regels_pad.is_file():
            raise DiagnosticError([src.fout(("regels",), f"'{v.regels}' bestaat niet.")])
        nieuw_namen = _block_names(regels_pad)
    weg = nieuw_namen | {normalize(n) for n in v.vervallen}
    bekend: set[str] = set()
    for kopie, orig in lagen:
        for rgs in sorted(kopie.glob("*.rgs")):
            bekend |= _block_names(rgs)
            tekst, regels = _without(rgs, weg)
            rgs.write_text(tekst, "utf-8")
            herkomst[str(rgs.resolve())] = (str(orig / rgs.name), regels)
    for n in v.vervallen:
        if normalize(n) not in bekend:
            raise DiagnosticError([src.fout(("vervallen",), f"Regel '{n}' bestaat niet in het huidige model.")])
    if regels_pad is not None:
        shutil.copy(regels_pad, doel / "zz-voorstel.rgs")
        herkomst[str((doel / "zz-voorstel.rgs").resolve())] = (str(regels_pad), None)
    if v.parameters:
        # Read through the project's hardened YAML reader (size, depth, numbers), never yaml.load.
        bestanden: dict[Path, Any] = {}
        for kopie, _ in lagen:
            for ppad in sorted(kopie.glob("parameters*.yaml")):
                bestanden[ppad] = yaml_source.read(ppad).data
        eigen = doel / "parameters.yaml"
        herschreven: set[Path] = set()
        for naam, waarden in v.parameters.items():
            # Into the file that gives the parameter now (the Awir's for an Awir parameter).
            ppad = next((p for p, d in bestanden.items() if isinstance(d, dict) and normalize(naam) in
                         {normalize(k) for k in d.get("parameters") or {}}), eigen)
            data: Any = bestanden.setdefault(ppad, {"parameters": {}})
            huidige = {normalize(k): k for k in data.get("parameters") or {}}
            data.setdefault("parameters", {})[huidige.get(normalize(naam), naam)] = waarden
            ppad.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
            herschreven.add(ppad)
        # The rewritten files' lines no longer match the current model's: errors in them name the bill,
        # at the line of the parameter (and value) the bill gives, else at its `parameters:`.
        for ppad in sorted(herschreven):
            kopie_src = yaml_source.read(ppad)
            per_naam = {normalize(k): k for k in v.parameters}
            regels_map: dict[int, int] = {0: src.line(("parameters",))}
            for pad_, regel in kopie_src.lines.items():
                if len(pad_) >= 2 and pad_[0] == "parameters" and normalize(str(pad_[1])) in per_naam:
                    regels_map[regel] = src.line(("parameters", per_naam[normalize(str(pad_[1]))], *pad_[2:]))
            herkomst[str(ppad.resolve())] = (str(yaml_pad), regels_map)
    if v.wetteksten:
        if not any((kopie / "wet.yaml").is_file() for kopie, _ in lagen):
            yaml_source.read(doel / "wet.yaml")  # names the missing wet.yaml (RS901)
        for kopie, _ in lagen:
            wpad = kopie / "wet.yaml"
            if not wpad.is_file():
                continue
            wdata: Any = yaml_source.read(wpad).data
            for w, w_pad in zip(v.wetteksten, wet_paden, strict=True):
                for entry in wdata.get("wetten", []):
                    if entry.get("bwb") == w.bwb:
                        shutil.copy(w_pad, kopie / Path(w.bestand).name)
                        entry["bestand"] = Path(w.bestand).name
                        herkomst[str((kopie / Path(w.bestand).name).resolve())] = (str(w_pad), None)
            wpad.write_text(yaml.safe_dump(wdata, allow_unicode=True, sort_keys=False), "utf-8")
    return Voorstel(v.naam, v.bron, huidig, doel, yaml_pad, herkomst)
