"""The zorgtoeslag of `wetten/zorgtoeslag/zorgtoeslag.rgs` as an OpenFisca-core tax-benefit system.

Written for the side-by-side benchmark (`bench_simulatie.py`): the same formulas, modelled the
way OpenFisca users write a country package — entities with roles, one `Variable` class per
quantity with a vectorised `formula`, parameters in a `ParameterNode` — and run the way they run
it on survey data: `SimulationBuilder` (declare the entities, join persons to households with a
role), `set_input` per input variable, `calculate`. Money is OpenFisca's `float` (float32).

Periods: the berekeningsjaar. The RegelSpraak model computes the amount per calendar month and adds
the months up (art. 2 lid 5 Wzt); for this population (households of one or two, no change of
partner or insurance during the year) a month differs from the next only in who is a verzekerde yet
(the 18-year rule), so the months are counted per person (`verzekerde_maanden`) and per household
(every member a verzekerde, or a couple with one), as `bench_simulatie.numpy_zorgtoeslag` does: one
yearly calculation instead of twelve monthly ones, the fastest honest formulation for OpenFisca.

Benchmark-only: needs `openfisca-core` (see benchmarks/requirements.txt).
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import numpy as np
from openfisca_core.entities import build_entity
from openfisca_core.parameters import ParameterNode
from openfisca_core.periods import DateUnit
from openfisca_core.simulations import Simulation, SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable

YEAR = DateUnit.YEAR
ETERNITY = DateUnit.ETERNITY

Persoon = build_entity(key="persoon", plural="personen", label="Natuurlijk persoon", is_person=True)
Huishouden = build_entity(
    key="huishouden",
    plural="huishoudens",
    label="Huishouden (aanvrager met eventueel een partner)",
    roles=[
        {"key": "aanvrager", "plural": "aanvragers", "label": "Aanvrager", "max": 1},
        {"key": "partner", "plural": "partners", "label": "Partner", "max": 1},
    ],
)

# ---------------------------------------------------------------- inputs


class geboortedatum(Variable):
    value_type = date
    entity = Persoon
    definition_period = ETERNITY
    label = "Geboortedatum (art. 1, eerste lid, onderdeel c, Wzt)"


class toetsingsinkomen(Variable):
    value_type = float
    entity = Persoon
    definition_period = YEAR
    label = "Toetsingsinkomen (art. 8 Awir)"


class rendementsgrondslag(Variable):
    value_type = float
    entity = Persoon
    definition_period = YEAR
    label = "Rendementsgrondslag (art. 3 Wzt)"


class verzekerd(Variable):
    value_type = bool
    entity = Persoon
    definition_period = YEAR
    label = "Verzekerd ingevolge de Zorgverzekeringswet"


# ---------------------------------------------------------------- formulas


class verzekerde_maanden(Variable):
    value_type = int
    entity = Persoon
    definition_period = YEAR
    label = "Maanden als verzekerde: verzekerd en 18 vanaf de maand na de 18e verjaardag (art. 1 Wzt)"

    def formula(persoon, period, parameters):
        gd = persoon("geboortedatum", period).astype("datetime64[D]")
        jaar = period.start.year
        starts = np.array([np.datetime64(date(jaar - 18, m, 1), "D") for m in range(1, 13)])
        return (12 - np.searchsorted(starts, gd, side="right")) * persoon("verzekerd", period)


class maanden_alle_verzekerd(Variable):
    value_type = int
    entity = Huishouden
    definition_period = YEAR
    label = "Maanden waarin elk lid een verzekerde is"

    def formula(huishouden, period, parameters):
        return huishouden.min(huishouden.members("verzekerde_maanden", period))


class maanden_een_verzekerde_partner(Variable):
    value_type = int
    entity = Huishouden
    definition_period = YEAR
    label = "Maanden van een paar met één verzekerde (art. 2, vierde lid, Wzt)"

    def formula(huishouden, period, parameters):
        maanden = huishouden.members("verzekerde_maanden", period)
        return huishouden.max(maanden) - huishouden.min(maanden)


class aantal_leden(Variable):
    value_type = int
    entity = Huishouden
    definition_period = YEAR
    label = "Aantal leden van het huishouden"

    def formula(huishouden, period, parameters):
        return huishouden.nb_persons()


class met_partner(Variable):
    value_type = bool
    entity = Huishouden
    definition_period = YEAR
    label = "Huishoudtype 'met partner' (art. 3 Awir)"

    def formula(huishouden, period, parameters):
        return huishouden("aantal_leden", period) == 2


class gezamenlijk_toetsingsinkomen(Variable):
    value_type = float
    entity = Huishouden
    definition_period = YEAR
    label = "Toetsingsinkomen van aanvrager en partner samen (art. 2, tweede lid, Wzt)"

    def formula(huishouden, period, parameters):
        return huishouden.sum(huishouden.members("toetsingsinkomen", period))


class gezamenlijke_rendementsgrondslag(Variable):
    value_type = float
    entity = Huishouden
    definition_period = YEAR
    label = "Rendementsgrondslag van aanvrager en partner samen (art. 3 Wzt)"

    def formula(huishouden, period, parameters):
        return huishouden.sum(huishouden.members("rendementsgrondslag", period))


class drempelinkomen(Variable):
    value_type = float
    entity = Huishouden
    definition_period = YEAR
    label = "Drempelinkomen: 108% van 12 maal het minimumloon in januari (art. 1 Wzt)"

    def formula(huishouden, period, parameters):
        p = parameters(period).zorgtoeslag
        # rounded rekenkundig to whole euros, as the RegelSpraak model does
        return huishouden.empty_array() + np.floor(p.drempelfactor * p.minimumloon_per_maand_in_januari * 12 + 0.5)


class normpremie(Variable):
    value_type = float
    entity = Huishouden
    definition_period = YEAR
    label = "Normpremie (art. 2, tweede en derde lid, Wzt)"

    def formula(huishouden, period, parameters):
        p = parameters(period).zorgtoeslag
        normpercentage = np.where(huishouden("met_partner", period), p.normpercentage_met_partner,
                                  p.normpercentage_zonder_partner)
        drempel = huishouden("drempelinkomen", period)
        boven = np.maximum(huishouden("gezamenlijk_toetsingsinkomen", period) - drempel, 0)
        return normpercentage * drempel + p.percentage_boven_het_drempelinkomen * boven


class standaardpremie(Variable):
    value_type = float
    entity = Huishouden
    definition_period = YEAR
    label = "In aanmerking genomen standaardpremie (art. 2, eerste lid, Wzt)"

    def formula(huishouden, period, parameters):
        p = parameters(period).zorgtoeslag
        return np.where(huishouden("met_partner", period), 2, 1) * p.standaardpremie


class vermogensgrens(Variable):
    value_type = float
    entity = Huishouden
    definition_period = YEAR
    label = "Vermogensgrens (art. 3, eerste lid, Wzt)"

    def formula(huishouden, period, parameters):
        p = parameters(period).zorgtoeslag
        return np.where(huishouden("met_partner", period), p.vermogensgrens_met_partner,
                        p.vermogensgrens_zonder_partner)


class aanspraak_op_zorgtoeslag(Variable):
    value_type = bool
    entity = Huishouden
    definition_period = YEAR
    label = "Aanspraak op zorgtoeslag in een maand van het jaar (art. 2, eerste en vijfde lid, en 3 Wzt)"

    def formula(huishouden, period, parameters):
        maanden = huishouden("maanden_alle_verzekerd", period) + huishouden("maanden_een_verzekerde_partner", period)
        return (
            (maanden > 0)
            * (huishouden("normpremie", period) < huishouden("standaardpremie", period))
            * (huishouden("gezamenlijke_rendementsgrondslag", period) <= huishouden("vermogensgrens", period))
        )


class jaarbedrag(Variable):
    value_type = float
    entity = Huishouden
    definition_period = YEAR
    label = "Jaarbedrag van een maand waarin elk lid een verzekerde is (art. 2, eerste lid, Wzt)"

    def formula(huishouden, period, parameters):
        return huishouden("standaardpremie", period) - huishouden("normpremie", period)


class zorgtoeslag(Variable):
    value_type = float
    entity = Huishouden
    definition_period = YEAR
    label = "Zorgtoeslag in hele euro's (art. 2, vierde en vijfde lid, Wzt; art. 14, vierde en vijfde lid, Awir)"

    def formula(huishouden, period, parameters):
        p = parameters(period).zorgtoeslag
        # per month one twelfth of the jaarbedrag, half of it for a couple with one verzekerde
        maanden = huishouden("maanden_alle_verzekerd", period) + 0.5 * huishouden("maanden_een_verzekerde_partner",
                                                                                   period)
        bedrag = huishouden("jaarbedrag", period) * maanden / 12
        afgerond = np.floor(bedrag + 0.5)  # Awir art. 14 lid 4: rekenkundig afronden op hele euro's
        toekennen = huishouden("aanspraak_op_zorgtoeslag", period) * (afgerond >= p.minimumbedrag_voor_toekenning)
        return np.where(toekennen, afgerond, 0)


VARIABLES = (
    geboortedatum, toetsingsinkomen, rendementsgrondslag, verzekerd, verzekerde_maanden, maanden_alle_verzekerd,
    maanden_een_verzekerde_partner, aantal_leden, met_partner, gezamenlijk_toetsingsinkomen,
    gezamenlijke_rendementsgrondslag, drempelinkomen, normpremie, standaardpremie, vermogensgrens,
    aanspraak_op_zorgtoeslag, jaarbedrag, zorgtoeslag,
)


def _waarde(v: Fraction, procent: bool = False) -> float:
    return float(v / 100) if procent else float(v)


def belastingstelsel(parameters: dict[str, Fraction], vanaf: str) -> TaxBenefitSystem:
    """The tax-benefit system with the given parameter values (as the RegelSpraak engine reads
    them from parameters.yaml) valid from `vanaf` (ISO date). Percentages become fractions."""
    stelsel = TaxBenefitSystem([Persoon, Huishouden])
    stelsel.add_variables(*VARIABLES)
    waarden = {
        "standaardpremie": _waarde(parameters["standaardpremie"]),
        "minimumloon_per_maand_in_januari": _waarde(parameters["minimumloon per maand in januari"]),
        "drempelfactor": 1.08,
        "normpercentage_zonder_partner": _waarde(parameters["normpercentage zonder partner"], procent=True),
        "normpercentage_met_partner": _waarde(parameters["normpercentage met partner"], procent=True),
        "percentage_boven_het_drempelinkomen": _waarde(parameters["percentage boven het drempelinkomen"],
                                                       procent=True),
        "vermogensgrens_zonder_partner": _waarde(parameters["vermogensgrens zonder partner"]),
        "vermogensgrens_met_partner": _waarde(parameters["vermogensgrens met partner"]),
        "minimumbedrag_voor_toekenning": _waarde(parameters["minimumbedrag voor toekenning"]),
    }
    stelsel.parameters = ParameterNode("", data={
        "zorgtoeslag": {naam: {"values": {vanaf: {"value": w}}} for naam, w in waarden.items()},
    })
    return stelsel


def opzetten(stelsel: TaxBenefitSystem, personen: dict[str, np.ndarray], huishoudens: dict[str, int],
             jaar: str) -> Simulation:
    """Build the simulation from survey-style arrays and set the inputs.

    personen: huishouden (row of the person's household), rol (0 aanvrager, 1 partner),
    geboortedatum (datetime64[D]), toetsingsinkomen and rendementsgrondslag (float euros),
    verzekerd (bool). huishoudens: aantal (the number of households).
    """
    n_pers = len(personen["huishouden"])
    builder = SimulationBuilder()
    builder.create_entities(stelsel)
    builder.declare_person_entity("persoon", np.arange(n_pers))
    hh = builder.declare_entity("huishouden", np.arange(huishoudens["aantal"]))
    # roles as indices into the household's roles (aanvrager 0, partner 1): the fast form of join_with_persons
    builder.join_with_persons(hh, personen["huishouden"], personen["rol"].astype(np.int64))
    sim = builder.build(stelsel)
    sim.set_input("geboortedatum", "ETERNITY", personen["geboortedatum"])
    sim.set_input("toetsingsinkomen", jaar, personen["toetsingsinkomen"])
    sim.set_input("rendementsgrondslag", jaar, personen["rendementsgrondslag"])
    sim.set_input("verzekerd", jaar, personen["verzekerd"])
    return sim


def simuleer(stelsel: TaxBenefitSystem, personen: dict[str, np.ndarray], huishoudens: dict[str, int],
             jaar: str) -> np.ndarray:
    """The zorgtoeslag per household (float32 euros): set-up and calculation."""
    return opzetten(stelsel, personen, huishoudens, jaar).calculate("zorgtoeslag", jaar)
