"""`analyse.yaml` beside a model: which inputs citizens declare themselves (and how verifiable
they are), which outputs are money to analyse, and template cases the analyses vary.

See wetten/zorgtoeslag/analyse.yaml for an example.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, model_validator

from regelspraak.inputs import yaml_source
from regelspraak.inputs.files import Geval, valideer
from regelspraak.inputs.getallen import Fractie


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class InvoerVerklaring(_Strict):
    """Where one input comes from. `bron`: `zelf` (the citizen declares it), `administratie` (a
    register such as the BRP or the income register holds it: not misreportable by the citizen), or
    `gemengd` (partly declared). Without `bron` it is read from `herkomst`: a text that says
    "zelf" is `zelf` (or `gemengd` when it also names an administratie), otherwise `administratie`.
    `gezamenlijk`: a feittype (e.g. partnerschap); a kenmerk declared jointly is flipped for the
    object and everyone linked to it through that feittype at once (both partners)."""

    objecttype: str | None = None
    naam: str | None = None
    feittype: str | None = None
    herkomst: str
    bron: Literal["zelf", "administratie", "gemengd"] | None = None
    administratie: str | None = None  # which register (BRP, BRI, polisadministratie, ...)
    controleerbaarheid: Fractie = 0.5
    gezamenlijk: str | None = None

    @model_validator(mode="after")
    def _een_doel(self) -> InvoerVerklaring:
        if (self.feittype is None) == (self.objecttype is None or self.naam is None):
            raise ValueError("noem óf objecttype en naam, óf feittype")
        if not 0 <= self.controleerbaarheid <= 1:
            raise ValueError("controleerbaarheid ligt tussen 0 en 1")
        return self

    @property
    def soort_bron(self) -> str:
        if self.bron is not None:
            return self.bron
        tekst = self.herkomst.lower()
        if "zelf" in tekst:
            return "gemengd" if any(w in tekst for w in _ADMINISTRATIES) else "zelf"
        return "administratie"


_ADMINISTRATIES = ("brp", "bri", "administratie", "register", "polis", "svb", "uwv", "aangifte")


class Uitkomst(_Strict):
    """A money flow of the household: `uitkering` is received (counts +), `heffing` is paid
    (counts −). The stacking analysis adds them with this sign."""

    objecttype: str
    naam: str
    soort: Literal["uitkering", "heffing"] = "uitkering"


class Sjabloon(_Strict):
    naam: str
    gegevens: Geval


class Doel(_Strict):
    objecttype: str
    naam: str


class Domein(_Strict):
    objecttype: str
    naam: str
    minimum: Any
    maximum: Any
    stap: Any = None  # the unit of "one more" (€1, one day, one child); default: the attribute's precision


class Stapeling(_Strict):
    """The stacking analysis (RS406): the combined marginal rate of every money flow along each
    income input. `inkomens`: the inputs to move (default: every money input of the templates)."""

    drempel: Any = "100%"
    inkomens: list[Doel] = []


class AnalyseBestand(_Strict):
    invoer: list[InvoerVerklaring] = []
    uitkomsten: list[Uitkomst] = []
    sjablonen: list[Sjabloon] = []
    domeinen: list[Domein] = []
    tolerantie: Any = 1  # euros: a jump smaller than this is not a sprong
    marginaal_tarief_drempel: Any = "100%"
    stapeling: Stapeling = Stapeling()


def read(pad: Path) -> tuple[AnalyseBestand, yaml_source.Source]:
    src = yaml_source.read(pad)
    return valideer(src, AnalyseBestand), src
