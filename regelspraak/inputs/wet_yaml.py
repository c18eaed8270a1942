"""`wet.yaml` beside a model: which laws it implements, and what it deliberately leaves out.

```yaml
wetten:
  - bwb: BWBR0018451
    titel: Wet op de zorgtoeslag
    afkortingen: [Wzt]
    bestand: BWBR0018451_2025-01-01.xml
    toestand: 2025-01-01
    in_scope: ["1", "2", "3"]          # articles the model means to cover (default: all)
    niet_formaliseren:                 # leden that are not rules, with the reason
      - artikel: "2"
        lid: "6"
        reden: procedureel
    beperkingen:                       # formalised leden modelled only in part, with what is left out
      - artikel: "3"
        lid: "1"
        reden: gezamenlijke vermogensgrens ook als de partner niet het hele jaar partner is
```
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from regelspraak.diagnostics import Diagnostic, DiagnosticError
from regelspraak.inputs import yaml_source
from regelspraak.inputs.files import valideer
from regelspraak.inputs.paths import BuitenMap, binnen
from regelspraak.law.geladen import GeladenWet as GeladenWet  # built here, used by model/
from regelspraak.law.load import lees_wet


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NietFormaliseren(_Strict):
    artikel: str
    lid: str | None = None
    reden: str


class Beperking(_Strict):
    """A formalised article or lid that the model implements only in part: what is left out, and why."""
    artikel: str
    lid: str | None = None
    reden: str


class WetVermelding(_Strict):
    bwb: str
    titel: str
    afkortingen: list[str] = []
    bestand: str
    toestand: str | date | None = None
    in_scope: list[str] | None = None
    niet_formaliseren: list[NietFormaliseren] = []
    beperkingen: list[Beperking] = []


class WetBestand(_Strict):
    wetten: list[WetVermelding]


def read_all(paden: Iterable[Path]) -> list[GeladenWet]:
    """The laws of every wet.yaml of a composed model (`folder.ModelFiles.wetten`); RS724 when two
    of them name the same law (which entry's scope and exclusions hold would be unclear)."""
    out: list[GeladenWet] = []
    eerder: dict[str, tuple[Path, int]] = {}
    diags: list[Diagnostic] = []
    for pad in paden:
        src = yaml_source.read(pad)
        for i, g in enumerate(read(pad)):
            regel = src.line(("wetten", i, "bwb"))
            if g.vermelding.bwb in eerder:
                p0, r0 = eerder[g.vermelding.bwb]
                diags.append(src.fout(("wetten", i, "bwb"), f"Wet {g.vermelding.bwb} ({g.vermelding.titel}) staat "
                                      f"ook in {p0}:{r0}.", "RS724",
                                      "Noem elke wet in de wet.yaml van één model: het model dat haar uitvoert."))
                continue
            eerder[g.vermelding.bwb] = (pad, regel)
            out.append(g)
    if diags:
        raise DiagnosticError(diags)
    return out


def read(pad: Path) -> list[GeladenWet]:
    """Read `wet.yaml` and every law it names; DiagnosticError with file/line when unusable."""
    src = yaml_source.read(pad)
    bestand: WetBestand = valideer(src, WetBestand)
    out: list[GeladenWet] = []
    for i, v in enumerate(bestand.wetten):
        try:
            wet_pad = binnen(pad.parent, v.bestand)
        except BuitenMap as e:
            raise DiagnosticError([src.fout(("wetten", i, "bestand"), f"Wettekst {e}.", "RS911")]) from e
        if not wet_pad.is_file():
            raise DiagnosticError([src.fout(("wetten", i, "bestand"), f"Wettekst '{v.bestand}' bestaat niet.",
                                            "RS901")])
        out.append(GeladenWet(v, lees_wet(wet_pad)))
    return out
