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

from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from regelspraak.diagnostics import DiagnosticError
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
