"""Scenario files (YAML): which model, rekendatum, population, parameter overrides, outputs and
groupings a simulation uses. Validated at the boundary; paths are relative to the scenario file.

```yaml
naam: Zorgtoeslag 2025
model: ../wetten/zorgtoeslag
rekendatum: 2025-07-01
populatie:
  genereer: {personen: 1000000, seed: 2025}   # or  map: pad/naar/populatie  (Parquet folder)
                                              # optional deel: 100000 (persons per partition)
  mapping: zorgtoeslag-mapping.yaml
  blok: 2000000                               # persons per chunk (memory only: no figure changes)
parameters: {}                                # overrides by parameter name
varianten:                                    # optional sweep: every combination, one pass
  - {parameter: vermogensgrens zonder partner, van: 100000, tot: 250000, stappen: 7}
uitvoering: {werkers: 2}                      # optional: Dask (or cluster: tcp://host:8786)
uitvoer:
  - {objecttype: Huishouden, attribuut: zorgtoeslag}
groeperingen:
  - {naam: huishoudtype, objecttype: Huishouden, attribuut: huishoudtype}
  - {naam: inkomensdeciel, objecttype: Huishouden, attribuut: gezamenlijke toetsingsinkomen, soort: deciel}
resultaten: ../resultaten/zorgtoeslag-2025
armoedeval:                                   # optional: marginal rate of the outputs per object
  objecttype: Huishouden
  uitvoer: [zorgtoeslag]                      # outputs of that objecttype whose loss counts
  via: huishoudsamenstelling                  # one member per object (the first) gets the step
  invoer: toetsingsinkomen                    # attribute of that member
  stap: 1000                                  # added to invoer
  factor: 12                                  # outputs per month, income per year
  grenzen: [20, 40, 60, 80, 100]              # class bounds in percent
```
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.inputs import yaml_source
from regelspraak.inputs.files import valideer
from regelspraak.inputs.getallen import GeheelGetal, Getal
from regelspraak.inputs.names import dubbele_namen
from regelspraak.origin import Herkomst, Span
from regelspraak.values.notation import parse_datum


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Genereer(_Strict):
    personen: GeheelGetal
    seed: GeheelGetal = 0
    drempels: list[str] = []  # oversample near these thresholds, e.g. "inkomen=39719±2000"
    factor: GeheelGetal = 10
    deel: GeheelGetal = 100_000  # persons per partition: part of what the population is (like the seed)

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
        if not 1_000 <= self.deel <= 20_000_000:
            raise ValueError("deel ligt tussen 1.000 en 20.000.000 personen")
        if not 1 <= self.factor <= 100:
            raise ValueError("factor ligt tussen 1 en 100")
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


class Variant(_Strict):
    """One axis of a sweep: a parameter and its values (a list, or `stappen` evenly spaced values
    from `van` to `tot`, both included, exact)."""

    parameter: str
    waarden: list[Any] = []
    van: Any = None
    tot: Any = None
    stappen: int | None = None

    @model_validator(mode="after")
    def _een_vorm(self) -> Variant:
        bereik = (self.van, self.tot, self.stappen)
        if bool(self.waarden) == any(x is not None for x in bereik):
            raise ValueError("noem óf 'waarden' óf 'van', 'tot' en 'stappen'")
        if not self.waarden and (None in bereik or not 2 <= (self.stappen or 0) <= 1000):
            raise ValueError("'van', 'tot' en 'stappen' (2 tot 1000) horen bij elkaar")
        return self


MAX_VARIANTEN = 1000


class Armoedeval(_Strict):
    """The marginal rate of the outputs per object: the population is evaluated a second time
    with `stap` added to `invoer` of one member of every object (the first one the feittype `via`
    links to it), and the loss of the outputs (times `factor`, e.g. 12 for outputs per month and
    an income per year) as a share of `stap` is counted in classes bounded by `grenzen` (percent)."""

    objecttype: str
    uitvoer: list[str]
    via: str
    invoer: str
    stap: Getal
    factor: Getal = Fraction(1)
    grenzen: list[Getal] = [Fraction(20), Fraction(40), Fraction(60), Fraction(80), Fraction(100)]

    @field_validator("uitvoer")
    @classmethod
    def _uitvoer(cls, v: list[str]) -> list[str]:
        if not v:
            raise ValueError("armoedeval noemt minstens één uitvoer")
        return v

    @field_validator("stap", "factor")
    @classmethod
    def _positief(cls, v: Fraction) -> Fraction:
        if v <= 0:
            raise ValueError("stap en factor van de armoedeval zijn groter dan 0")
        return v

    @field_validator("grenzen")
    @classmethod
    def _grenzen(cls, v: list[Fraction]) -> list[Fraction]:
        if not v or any(b <= a for a, b in itertools.pairwise(v)):
            raise ValueError("de grenzen van de armoedeval (procenten) lopen strikt op")
        return v


class Uitvoering(_Strict):
    """Where the partitions run: this process (default), an embedded Dask LocalCluster of
    `werkers` workers, or an existing cluster at `cluster` (tcp://host:8786)."""

    werkers: int | None = None
    cluster: str | None = None
    processen: bool = True  # LocalCluster workers as processes (False: threads in this process)

    @model_validator(mode="after")
    def _geldig(self) -> Uitvoering:
        if self.werkers is not None and not 1 <= self.werkers <= 512:
            raise ValueError("werkers ligt tussen 1 en 512")
        if self.cluster is not None and not self.cluster.startswith(("tcp://", "tls://", "inproc://", "ucx://")):
            raise ValueError("cluster is een adres als tcp://host:8786")
        return self

    @property
    def actief(self) -> bool:
        return self.cluster is not None or (self.werkers or 0) > 1


class ScenarioBestand(_Strict):
    naam: str
    model: str
    rekendatum: str | date
    populatie: PopulatieBron
    parameters: dict[str, Any] = {}
    uitvoer: list[Uitvoer]
    groeperingen: list[Groepering] = []
    resultaten: str | None = None
    varianten: list[Variant] = []
    uitvoering: Uitvoering | None = None
    per: Literal["jaar", "maand"] | None = None  # convert money totals to this period (simuleer/vergelijk --per)
    armoedeval: Armoedeval | None = None


@dataclass(frozen=True)
class Scenario:
    bestand: ScenarioBestand
    pad: Path
    rekendatum: date
    # The lines of the file's fields, so a name the model does not know is reported at its own line.
    bron: yaml_source.Source | None = None

    def fout(self, veld: yaml_source.Pad, bericht: str) -> DiagnosticError:
        """RS901 at the line of `veld` (e.g. ("uitvoer", 0, "attribuut")), naming the field."""
        if self.bron is None:
            veldnaam = ".".join(str(x) for x in veld)
            return DiagnosticError([Diagnostic("RS901", Ernst.FOUT, f"{bericht} (veld '{veldnaam}')",
                                               Herkomst(Span(str(self.pad), 1, 1)))])
        return DiagnosticError([self.bron.fout(veld, bericht, code="RS901")])

    def relatief(self, p: str) -> Path:
        return (self.pad.parent / p).resolve()

    def met_per(self, periode: str | None) -> Scenario:
        """This scenario with its totals converted to `periode` ('jaar', 'maand'; None keeps the scenario's)."""
        if periode is None:
            return self
        return replace(self, bestand=self.bestand.model_copy(update={"per": periode}))


def uitvoering(sc: Scenario, werkers: int | None = None, cluster: str | None = None) -> Uitvoering | None:
    """The scenario's `uitvoering:` with command-line options (`--werkers`, `--cluster`) over it;
    None when everything runs in this process. RS711 for an invalid combination."""
    basis = sc.bestand.uitvoering or Uitvoering()
    if werkers is not None or cluster is not None:
        try:
            basis = Uitvoering(werkers=werkers if werkers is not None else basis.werkers,
                               cluster=cluster if cluster is not None else basis.cluster, processen=basis.processen)
        except ValueError as e:
            # pydantic's ValidationError is a ValueError; its last line is a URL, not the reason.
            fouten = getattr(e, "errors", None)
            fout = (str(fouten()[0].get("msg", "")).removeprefix("Value error, ") if callable(fouten) and fouten()
                    else str(e) or "ongeldige waarde")
            raise DiagnosticError([Diagnostic("RS711", Ernst.FOUT, f"Ongeldige uitvoering: {fout}.", None)]) from e
    return basis if basis.actief else None


def read(pad: Path) -> Scenario:
    src = yaml_source.read(pad)
    b: ScenarioBestand = valideer(src, ScenarioBestand)
    dubbel = dubbele_namen(src, ("parameters",), b.parameters, "parameter")
    if dubbel:
        raise DiagnosticError(dubbel)
    try:
        datum = parse_datum(b.rekendatum)
    except ValueError as e:
        raise DiagnosticError([src.fout(("rekendatum",), str(e))]) from e
    return Scenario(b, pad, datum, src)
