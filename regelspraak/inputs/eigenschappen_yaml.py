"""`eigenschappen.yaml` beside a model: properties the rules must have, checked by `analyseer`,
`test` (Hypothesis over the whole input space, `regelspraak/properties/`) and `vergelijk`.

The full format, with examples, is in docs/eigenschappen.md. In short:

```yaml
zoekruimte:                      # optional: how many objects of each type a generated case has
  aantallen: {Natuurlijk persoon: {minimum: 1, maximum: 2}}
eigenschappen:
  - naam: de zorgtoeslag stijgt niet met het toetsingsinkomen
    soort: monotonie            # per case: monotonie | grenzen | nooit-leeg
    uitkomst: {objecttype: Huishouden, naam: zorgtoeslag}
    invoer: {objecttype: Natuurlijk persoon, naam: toetsingsinkomen}
    richting: niet-stijgend      # niet-stijgend | niet-dalend
  - naam: de zorgtoeslag ligt tussen 0 en tweemaal de standaardpremie
    soort: grenzen
    uitkomst: {objecttype: Huishouden, naam: zorgtoeslag}
    minimum: 0
    maximum: 4224
  - naam: wie aanspraak heeft, krijgt een bedrag
    soort: nooit-leeg
    uitkomst: {objecttype: Huishouden, naam: jaarbedrag}
    wanneer: [{naam: aanspraak op zorgtoeslag, is: true}]
  - naam: alleen de som van de inkomens telt
    soort: invariantie          # relational: volgorde | namen | verdeling (or feittype: template check)
    uitkomst: {objecttype: Huishouden, naam: zorgtoeslag}
    transformatie: verdeling
    invoer: {objecttype: Natuurlijk persoon, naam: toetsingsinkomen}
    feittype: huishoudsamenstelling
  - naam: een partner zonder inkomen levert hoogstens 2112 euro op
    soort: begrensd-effect      # transformatie partner-erbij
    uitkomst: {objecttype: Huishouden, naam: zorgtoeslag}
    feittype: huishoudsamenstelling
    nieuw: {toetsingsinkomen: 0, rendementsgrondslag: 0}
    maximum: 2112
  - naam: partners zijn uitwisselbaar
    soort: symmetrie
    uitkomst: {objecttype: Natuurlijk persoon, naam: bruto ouderdomspensioen per maand}
    feittype: partnerschap
  - naam: niemand verliest meer dan 100 euro   # between versions, only `regelspraak vergelijk`
    soort: max-verlies          # max-verlies | geen-verliezers | alleen-genoemde-groepen
    uitkomst: {objecttype: Huishouden, naam: zorgtoeslag}
    maximum: 100
```
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from regelspraak.diagnostics import DiagnosticError
from regelspraak.inputs import yaml_source
from regelspraak.inputs.files import valideer

PER_GEVAL = ("monotonie", "grenzen", "nooit-leeg")
RELATIONEEL = ("invariantie", "begrensd-effect", "symmetrie")
TUSSEN_VERSIES = ("max-verlies", "geen-verliezers", "alleen-genoemde-groepen")
SOORTEN = PER_GEVAL + RELATIONEEL + TUSSEN_VERSIES
TRANSFORMATIES = ("volgorde", "namen", "verdeling", "partner-erbij")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Plek(_Strict):
    objecttype: str
    naam: str


class Voorwaarde(_Strict):
    """A condition on one attribute or kenmerk. With the output's objecttype (or none), it is
    about the very object whose output is checked; with another objecttype, some object of that
    type in the case must satisfy it."""

    objecttype: str | None = None
    naam: str
    # Exactly one of these (checked in `read`).
    is_: bool | None = Field(None, alias="is")
    gelijk_aan: Any = None
    minimum: Any = None
    maximum: Any = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Groep(_Strict):
    naam: str
    wanneer: list[Voorwaarde]


class Eigenschap(_Strict):
    naam: str
    soort: str
    uitkomst: Plek
    invoer: Plek | None = None
    richting: str | None = None
    minimum: Any = None
    maximum: Any = None
    feittype: str | None = None
    transformatie: str | None = None
    wanneer: list[Voorwaarde] = []
    nieuw: dict[str, Any] = {}
    groepen: list[Groep] = []
    voorbeelden: int | None = None  # overrides --voorbeelden for this property


class Aantal(_Strict):
    minimum: int = 1
    maximum: int = 3


class Zoekruimte(_Strict):
    aantallen: dict[str, Aantal] = {}
    # Inputs the search always leaves leeg: one of two ways to give the same thing (the servicekosten
    # of the huurtoeslag in total or per soort), where giving both makes every case inconsistent.
    leeg: list[Plek] = []


class EigenschappenBestand(_Strict):
    zoekruimte: Zoekruimte = Zoekruimte()
    eigenschappen: list[Eigenschap]


def _controleer(src: yaml_source.Source, i: int, eig: Eigenschap) -> list[Any]:
    diags = []
    pad: yaml_source.Pad = ("eigenschappen", i)
    if eig.soort not in SOORTEN:
        return [src.fout((*pad, "soort"), f"Onbekende soort '{eig.soort}'; kies uit {', '.join(SOORTEN)}.")]
    if eig.soort == "monotonie" and (eig.invoer is None or eig.richting not in ("niet-stijgend", "niet-dalend")):
        diags.append(src.fout(pad, "Een monotonie-eigenschap noemt een invoer en een richting "
                              "(niet-stijgend of niet-dalend)."))
    if eig.transformatie is not None and eig.transformatie not in TRANSFORMATIES:
        diags.append(src.fout((*pad, "transformatie"), f"Onbekende transformatie '{eig.transformatie}'; kies uit "
                              f"{', '.join(TRANSFORMATIES)}."))
    if eig.soort == "invariantie" and eig.feittype is None and eig.invoer is None and eig.transformatie is None:
        diags.append(src.fout(pad, "Een invariantie noemt een transformatie (volgorde, namen, verdeling), of het "
                              "feittype of de invoer die niet mag uitmaken."))
    if eig.transformatie == "verdeling" and (eig.invoer is None or eig.feittype is None):
        diags.append(src.fout(pad, "Een verdeling noemt de invoer die anders verdeeld wordt en het feittype "
                              "waarbinnen de som gelijk blijft."))
    if eig.soort == "begrensd-effect" and (eig.feittype is None or (eig.minimum is None and eig.maximum is None)):
        diags.append(src.fout(pad, "Een begrensd effect noemt het feittype waarmee een partner of lid wordt "
                              "toegevoegd, en een minimum en/of maximum voor het verschil."))
    if eig.soort == "symmetrie" and eig.feittype is None:
        diags.append(src.fout(pad, "Een symmetrie noemt het feittype tussen de objecten die uitwisselbaar zijn."))
    if eig.soort == "max-verlies" and eig.maximum is None:
        diags.append(src.fout(pad, "Een max-verlies noemt het maximum (in euro's)."))
    if eig.soort == "geen-verliezers" and not eig.wanneer:
        diags.append(src.fout(pad, "Een geen-verliezers-eigenschap noemt met 'wanneer' voor wie niemand verliest."))
    if eig.soort == "alleen-genoemde-groepen" and not eig.groepen:
        diags.append(src.fout(pad, "Noem de groepen (naam en wanneer) waarin winnaars en verliezers mogen vallen."))
    voorwaarden: list[tuple[yaml_source.Pad, Voorwaarde]] = [(("wanneer", j), v) for j, v in enumerate(eig.wanneer)]
    voorwaarden += [(("groepen", g, "wanneer", j), v) for g, gr in enumerate(eig.groepen)
                    for j, v in enumerate(gr.wanneer)]
    for sub, v in voorwaarden:
        n = sum(x is not None for x in (v.is_, v.gelijk_aan)) + (v.minimum is not None or v.maximum is not None)
        if n != 1:
            diags.append(src.fout((*pad, *sub), "Een voorwaarde noemt precies één van: is, gelijk_aan, "
                                  "minimum/maximum."))
    return diags


def read_bestand(pad: Path) -> EigenschappenBestand:
    """The whole file (search space and properties); DiagnosticError naming file, line and field."""
    src = yaml_source.read(pad)
    bestand: EigenschappenBestand = valideer(src, EigenschappenBestand)
    diags = [d for i, eig in enumerate(bestand.eigenschappen) for d in _controleer(src, i, eig)]
    if diags:
        raise DiagnosticError(diags)
    return bestand


def read(pad: Path) -> list[Eigenschap]:
    return read_bestand(pad).eigenschappen
