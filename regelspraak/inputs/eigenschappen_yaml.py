"""`eigenschappen.yaml` beside a model: properties the rules must have, checked by `analyseer`
and `test`.

```yaml
eigenschappen:
  - naam: de zorgtoeslag stijgt niet met het toetsingsinkomen
    soort: monotonie            # monotonie | grenzen | invariantie
    uitkomst: {objecttype: Huishouden, naam: zorgtoeslag}
    invoer: {objecttype: Natuurlijk persoon, naam: toetsingsinkomen}
    richting: niet-stijgend      # niet-stijgend | niet-dalend
  - naam: de zorgtoeslag ligt tussen 0 en tweemaal de standaardpremie
    soort: grenzen
    uitkomst: {objecttype: Huishouden, naam: zorgtoeslag}
    minimum: 0
    maximum: 4224
  - naam: samenwonen zonder partnerschap levert niets op
    soort: invariantie
    uitkomst: {objecttype: Huishouden, naam: zorgtoeslag}
    feittype: huishoudsamenstelling   # total is the same whether or not the fact is declared
```
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from regelspraak.diagnostics import DiagnosticError
from regelspraak.inputs import yaml_source
from regelspraak.inputs.files import valideer


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Plek(_Strict):
    objecttype: str
    naam: str


class Eigenschap(_Strict):
    naam: str
    soort: str
    uitkomst: Plek
    invoer: Plek | None = None
    richting: str | None = None
    minimum: Any = None
    maximum: Any = None
    feittype: str | None = None


class EigenschappenBestand(_Strict):
    eigenschappen: list[Eigenschap]


def read(pad: Path) -> list[Eigenschap]:
    src = yaml_source.read(pad)
    bestand: EigenschappenBestand = valideer(src, EigenschappenBestand)
    diags = []
    for i, eig in enumerate(bestand.eigenschappen):
        if eig.soort not in ("monotonie", "grenzen", "invariantie"):
            diags.append(src.fout(("eigenschappen", i, "soort"), f"Onbekende soort '{eig.soort}'; kies monotonie, "
                                  "grenzen of invariantie."))
        if eig.soort == "monotonie" and (eig.invoer is None or eig.richting not in ("niet-stijgend", "niet-dalend")):
            diags.append(src.fout(("eigenschappen", i), "Een monotonie-eigenschap noemt een invoer en een richting "
                                  "(niet-stijgend of niet-dalend)."))
        if eig.soort == "invariantie" and eig.feittype is None and eig.invoer is None:
            diags.append(src.fout(("eigenschappen", i), "Een invariantie noemt het feittype of de invoer die niet "
                                  "mag uitmaken."))
    if diags:
        raise DiagnosticError(diags)
    return bestand.eigenschappen
