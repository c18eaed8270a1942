"""Scenario files (YAML): which model, rekendatum, population, parameter overrides, outputs and
groupings a simulation uses. Validated at the boundary; paths are relative to the scenario file.

```yaml
naam: Zorgtoeslag 2025
model: ../wetten/zorgtoeslag
rekendatum: 2025-07-01
populatie:
  genereer: {personen: 1000000, seed: 2025}   # or  map: pad/naar/populatie  (Parquet folder)
  mapping: zorgtoeslag-mapping.yaml
  blok: 2000000                               # persons per chunk (memory stays bounded)
parameters: {}                                # overrides by parameter name
uitvoer:
  - {objecttype: Huishouden, attribuut: zorgtoeslag}
groeperingen:
  - {naam: huishoudtype, objecttype: Huishouden, attribuut: huishoudtype}
  - {naam: inkomensdeciel, objecttype: Huishouden, attribuut: gezamenlijke toetsingsinkomen, soort: deciel}
resultaten: ../resultaten/zorgtoeslag-2025
```
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from regelspraak.diagnostics import DiagnosticError
from regelspraak.inputs import yaml_source
from regelspraak.inputs.files import valideer
from regelspraak.inputs.getallen import GeheelGetal, Getal
from regelspraak.values.notation import parse_datum


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Genereer(_Strict):
    personen: GeheelGetal
    seed: GeheelGetal = 0
    drempels: list[str] = []  # oversample near these thresholds, e.g. "inkomen=39719±2000"
    factor: GeheelGetal = 10

    @field_validator("drempels")
    @classmethod
    def _drempels(cls, drempels: list[str]) -> list[str]:
        # Read here, so "inkomen=39.719" (ambiguous) is refused at its line, not during the run.
        from regelspraak.simulate.synthetic import parse_drempel

        for d in drempels:
            parse_drempel(d)
        return drempels

    @model_validator(mode="after")
    def _grenzen(self) -> Genereer:
        if not 1_000 <= self.personen <= 20_000_000:
            raise ValueError("personen ligt tussen 1.000 en 20.000.000")
        if not 0 <= self.seed < 2**63:
            raise ValueError("seed is een geheel getal van 0 tot 2^63")
        return self


class PopulatieBron(_Strict):
    genereer: Genereer | None = None
    map: str | None = None
    mapping: str | None = None
    blok: GeheelGetal = 2_000_000

    @model_validator(mode="after")
    def _een_bron(self) -> PopulatieBron:
        if (self.genereer is None) == (self.map is None):
            raise ValueError("noem óf 'genereer' óf 'map'")
        if self.genereer is not None and self.mapping is None:
            raise ValueError("een gegenereerde populatie heeft een 'mapping' nodig")
        if not 10_000 <= self.blok <= 20_000_000:
            raise ValueError("blok ligt tussen 10.000 en 20.000.000 personen")
        return self


class Uitvoer(_Strict):
    objecttype: str
    attribuut: str


class Groepering(_Strict):
    naam: str
    objecttype: str
    attribuut: str
    soort: str = "waarde"  # waarde (one group per value) | deciel | klassen
    grenzen: list[Getal] = []  # for klassen: upper bounds of each class

    @model_validator(mode="after")
    def _soort(self) -> Groepering:
        if self.soort not in ("waarde", "deciel", "klassen"):
            raise ValueError("soort is waarde, deciel of klassen")
        if self.soort == "klassen" and not self.grenzen:
            raise ValueError("klassen vragen 'grenzen'")
        return self


class ScenarioBestand(_Strict):
    naam: str
    model: str
    rekendatum: str | date
    populatie: PopulatieBron
    parameters: dict[str, Any] = {}
    uitvoer: list[Uitvoer]
    groeperingen: list[Groepering] = []
    resultaten: str | None = None


@dataclass(frozen=True)
class Scenario:
    bestand: ScenarioBestand
    pad: Path
    rekendatum: date

    def relatief(self, p: str) -> Path:
        return (self.pad.parent / p).resolve()


def read(pad: Path) -> Scenario:
    src = yaml_source.read(pad)
    b: ScenarioBestand = valideer(src, ScenarioBestand)
    try:
        datum = parse_datum(b.rekendatum)
    except ValueError as e:
        raise DiagnosticError([src.fout(("rekendatum",), str(e))]) from e
    return Scenario(b, pad, datum)
