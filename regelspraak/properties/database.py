"""The replay database: counterexamples found by the search, kept as reviewable text inside the
model folder and committed with it, so that CI replays them first (`regelspraak test`).

For every counterexample two files in `<model>/tegenvoorbeelden/`:

- `<eigenschap>-<hash>.yaml`: the case itself, a case file `regelspraak bereken --gegevens` runs;
- `<eigenschap>-<hash>.eigenschap.yaml`: which property it breaks, and, for a relational
  property, the transformation's choices (which object, how much), so that the comparison is
  replayed exactly.

```yaml
# <eigenschap>-<hash>.eigenschap.yaml
eigenschap: de toeslag stijgt niet met het inkomen
geval: de-toeslag-stijgt-niet-met-het-inkomen-1a2b3c4d.yaml
parameters: {object: persoon1, plus: "0.5"}
```
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict

from regelspraak.diagnostics import DiagnosticError
from regelspraak.evaluate.interpret import Gegevens
from regelspraak.inputs import yaml_source
from regelspraak.inputs.files import read_case, valideer
from regelspraak.model import ir
from regelspraak.report.atomic import schrijf_tekst

MAP = "tegenvoorbeelden"
ACHTERVOEGSEL = ".eigenschap.yaml"


class Vermelding(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    eigenschap: str
    geval: str
    parameters: dict[str, Any] = {}
    gevonden: str | None = None


@dataclass(frozen=True)
class Tegenvoorbeeld:
    pad: Path  # the .eigenschap.yaml file
    eigenschap: str
    parameters: dict[str, Any]
    geval: Gegevens | None  # None when it cannot be read against the model any more
    fout: str | None = None


def slug(naam: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", naam.lower()).strip("-")[:60] or "eigenschap"


def lees(map_: Path, model: ir.Model, parameter_bestanden: list[Path]) -> list[Tegenvoorbeeld]:
    """Every entry, sorted by file name; one that no longer fits the model keeps its error."""
    d = map_ / MAP
    if not d.is_dir():
        return []
    out: list[Tegenvoorbeeld] = []
    for pad in sorted(d.glob("*" + ACHTERVOEGSEL)):
        try:
            src = yaml_source.read(pad)
            v: Vermelding = valideer(src, Vermelding)
        except DiagnosticError as e:
            out.append(Tegenvoorbeeld(pad, "", {}, None, "; ".join(x.bericht for x in e.diagnostics)))
            continue
        geval_pad = d / Path(v.geval).name
        try:
            g = read_case(geval_pad, model, model.eenheden, None, parameter_bestanden)
        except DiagnosticError as e:
            out.append(Tegenvoorbeeld(pad, v.eigenschap, v.parameters, None,
                                      "; ".join(x.bericht for x in e.diagnostics)))
            continue
        out.append(Tegenvoorbeeld(pad, v.eigenschap, v.parameters, g))
    return out


def _yaml(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def schrijf(map_: Path, eigenschap: str, geval: dict[str, Any], parameters: dict[str, Any], gevonden: str) -> Path:
    """Write one entry (atomically); the same counterexample twice gives the same files."""
    d = map_ / MAP
    d.mkdir(exist_ok=True)
    tekst = _yaml(geval)
    h = hashlib.sha256((eigenschap + "\x00" + tekst + _yaml(parameters)).encode("utf-8")).hexdigest()[:8]
    naam = f"{slug(eigenschap)}-{h}"
    kop = f"# Tegenvoorbeeld voor de eigenschap '{eigenschap}' ({naam}{ACHTERVOEGSEL}).\n"
    # An entry of ours may be written again (the same counterexample); anything else is never replaced.
    schrijf_tekst(d / f"{naam}.yaml", kop + tekst, eigen=lambda oud: oud.startswith(b"# Tegenvoorbeeld voor de "))
    meta = {"eigenschap": eigenschap, "geval": f"{naam}.yaml", "parameters": parameters, "gevonden": gevonden}
    schrijf_tekst(d / f"{naam}{ACHTERVOEGSEL}", _yaml(meta), eigen=lambda oud: oud.startswith(b"eigenschap: "))
    return d / f"{naam}{ACHTERVOEGSEL}"
