"""`analyse.yaml` beside a model: which inputs citizens declare themselves (and how verifiable
they are), which outputs are money to analyse, and template cases the analyses vary.

See wetten/zorgtoeslag/analyse.yaml for an example.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, model_validator

from regelspraak.inputs import yaml_source
from regelspraak.inputs.files import Geval, valideer
from regelspraak.inputs.getallen import Fractie, lees_getal


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


def _tarief(v: object) -> Fraction:
    """A marginal rate: "80%" (a percentage) or 0.8 (a fraction); exact, never through a float."""
    if isinstance(v, str) and v.strip().endswith("%"):
        t = lees_getal(v.strip()[:-1].strip()) / 100
    else:
        t = lees_getal(v)
    if t <= 0:
        raise ValueError(f"een drempel is groter dan 0, niet '{v}'")
    return t


def _tarieven(v: object) -> list[Fraction]:
    """One rate or a list of rates, as a list."""
    lijst = v if isinstance(v, list) else [v]
    if not lijst:
        raise ValueError('noem één of meer drempels, bijvoorbeeld "100%" of ["100%", "80%"]')
    return [_tarief(t) for t in lijst]


class Stapeling(_Strict):
    """The stacking analysis (RS406, RS420): the combined marginal rate of every money flow along
    each income input. `drempel`: one rate or a list (`["100%", "80%"]`): every range above the
    lowest is reported, labelled with the highest it exceeds. `inkomens`: the inputs to move
    (default: every money input of the templates)."""

    drempel: Annotated[list[Fraction], BeforeValidator(_tarieven)] = [Fraction(1)]
    inkomens: list[Doel] = []
    # The objects of the templates whose income is moved (default every object): the aanvrager, not
    # the children, when the question is what one more euro earned by the parent leaves.
    objecten: list[str] = []
    # The width (in the income's unit, € for money) over which a rate is measured. 1: exact, every
    # kink to the unit. Amounts rounded to whole euros make the rate over one euro 0% or 100%; over
    # €100 the rounding of three schemes moves it by at most 3 points, and ranges are then given
    # to within that width.
    resolutie: Annotated[Fraction, BeforeValidator(lees_getal)] = Fraction(1)

    @model_validator(mode="after")
    def _positieve_resolutie(self) -> Stapeling:
        if self.resolutie <= 0:
            raise ValueError("resolutie is groter dan 0")
        return self

    @property
    def drempels(self) -> list[Fraction]:
        """The thresholds, highest first, each once."""
        return sorted(set(self.drempel), reverse=True)


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
