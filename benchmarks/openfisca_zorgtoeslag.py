"""The zorgtoeslag of `wetten/zorgtoeslag/zorgtoeslag.rgs` as an OpenFisca-core tax-benefit system.

Written for the side-by-side benchmark (`bench_simulatie.py`): the same formulas, modelled the
way OpenFisca users write a country package — entities with roles, one `Variable` class per
quantity with a vectorised `formula`, parameters in a `ParameterNode` — and run the way they run
it on survey data: `SimulationBuilder` (declare the entities, join persons to households with a
role), `set_input` per input variable, `calculate`. Money is OpenFisca's `float` (float32).

Periods: household quantities are computed for the month of the rekendatum (the RegelSpraak
model determines the yearly amount on its rekendatum; OpenFisca reads parameters at the start of
the period); incomes and the rendementsgrondslag are yearly inputs.

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

MONTH = DateUnit.MONTH
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
    definition_period = MONTH
    label = "Verzekerd ingevolge de Zorgverzekeringswet"


class aantal_maanden_met_aanspraak(Variable):
    value_type = int
    default_value = 12
    entity = Huishouden
    definition_period = MONTH
    label = "Aantal maanden met aanspraak (art. 2, vijfde lid, Wzt)"


# ---------------------------------------------------------------- formulas


class verzekerde(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Verzekerde: verzekerd en meerderjarig in de rekenmaand (art. 1 Wzt)"

    def formula(persoon, period, parameters):
        gd = persoon("geboortedatum", period)
        jaar = gd.astype("datetime64[Y]").astype(np.int64) + 1970
        maand = gd.astype("datetime64[M]").astype(np.int64) % 12 + 1
        rekenmaand = 12 * period.start.year + period.start.month
        meerderjarigheidsmaand = 12 * (jaar + 18) + maand
        return persoon("verzekerd", period) * (rekenmaand > meerderjarigheidsmaand)


class aantal_leden(Variable):
    value_type = int
    entity = Huishouden
    definition_period = MONTH
    label = "Aantal leden van het huishouden"

    def formula(huishouden, period, parameters):
        return huishouden.nb_persons()


class met_partner(Variable):
    value_type = bool
    entity = Huishouden
    definition_period = MONTH
    label = "Huishoudtype 'met partner' (art. 3 Awir)"

    def formula(huishouden, period, parameters):
        return huishouden("aantal_leden", period) == 2


class hoeveelheid_verzekerden(Variable):
    value_type = int
    entity = Huishouden
    definition_period = MONTH
    label = "Aantal verzekerden in het huishouden"

    def formula(huishouden, period, parameters):
        return huishouden.sum(huishouden.members("verzekerde", period))


class gezamenlijk_toetsingsinkomen(Variable):
    value_type = float
    entity = Huishouden
    definition_period = MONTH
    label = "Toetsingsinkomen van aanvrager en partner samen (art. 2, tweede lid, Wzt)"

    def formula(huishouden, period, parameters):
        return huishouden.sum(huishouden.members("toetsingsinkomen", period.this_year))


class gezamenlijke_rendementsgrondslag(Variable):
    value_type = float
    entity = Huishouden
    definition_period = MONTH
    label = "Rendementsgrondslag van aanvrager en partner samen (art. 3 Wzt)"

    def formula(huishouden, period, parameters):
        return huishouden.sum(huishouden.members("rendementsgrondslag", period.this_year))


class drempelinkomen(Variable):
    value_type = float
    entity = Huishouden
    definition_period = MONTH
    label = "Drempelinkomen: 108% van 12 maal het minimumloon in januari (art. 1 Wzt)"

    def formula(huishouden, period, parameters):
        p = parameters(period).zorgtoeslag
        # rounded rekenkundig to whole euros, as the RegelSpraak model does
        return huishouden.empty_array() + np.floor(p.drempelfactor * p.minimumloon_per_maand_in_januari * 12 + 0.5)


class normpremie(Variable):
    value_type = float
    entity = Huishouden
    definition_period = MONTH
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
    definition_period = MONTH
    label = "In aanmerking genomen standaardpremie (art. 2, eerste lid, Wzt)"

    def formula(huishouden, period, parameters):
        p = parameters(period).zorgtoeslag
        return np.where(huishouden("met_partner", period), 2, 1) * p.standaardpremie


class vermogensgrens(Variable):
    value_type = float
    entity = Huishouden
    definition_period = MONTH
    label = "Vermogensgrens (art. 3, eerste lid, Wzt)"

    def formula(huishouden, period, parameters):
        p = parameters(period).zorgtoeslag
        return np.where(huishouden("met_partner", period), p.vermogensgrens_met_partner,
                        p.vermogensgrens_zonder_partner)


class aanspraak_op_zorgtoeslag(Variable):
    value_type = bool
    entity = Huishouden
    definition_period = MONTH
    label = "Aanspraak op zorgtoeslag (art. 2, eerste lid, en 3 Wzt)"

    def formula(huishouden, period, parameters):
        return (
            (huishouden("hoeveelheid_verzekerden", period) > 0)
            * (huishouden("normpremie", period) < huishouden("standaardpremie", period))
            * (huishouden("gezamenlijke_rendementsgrondslag", period) <= huishouden("vermogensgrens", period))
        )


class jaarbedrag(Variable):
    value_type = float
    entity = Huishouden
    definition_period = MONTH
    label = "Jaarbedrag; de helft bij een partner die geen verzekerde is (art. 2, vierde lid, Wzt)"

    def formula(huishouden, period, parameters):
        verzekerden = huishouden("hoeveelheid_verzekerden", period)
        alle_verzekerd = verzekerden == huishouden("aantal_leden", period)
        partner_niet_verzekerd = huishouden("met_partner", period) * (verzekerden == 1)
        deel = np.select([alle_verzekerd, partner_niet_verzekerd], [1.0, 0.5], 0.0)
        verschil = huishouden("standaardpremie", period) - huishouden("normpremie", period)
        return huishouden("aanspraak_op_zorgtoeslag", period) * deel * verschil


class zorgtoeslag(Variable):
    value_type = float
    entity = Huishouden
    definition_period = MONTH
    label = "Zorgtoeslag in hele euro's (art. 2, vijfde lid, Wzt; art. 14, vierde en vijfde lid, Awir)"

    def formula(huishouden, period, parameters):
        p = parameters(period).zorgtoeslag
        bedrag = huishouden("jaarbedrag", period) * huishouden("aantal_maanden_met_aanspraak", period) / 12
        afgerond = np.floor(bedrag + 0.5)  # Awir art. 14 lid 4: rekenkundig afronden op hele euro's
        toekennen = huishouden("aanspraak_op_zorgtoeslag", period) * (afgerond >= p.minimumbedrag_voor_toekenning)
        return np.where(toekennen, afgerond, 0)


VARIABLES = (
    geboortedatum, toetsingsinkomen, rendementsgrondslag, verzekerd, aantal_maanden_met_aanspraak, verzekerde,
    aantal_leden, met_partner, hoeveelheid_verzekerden, gezamenlijk_toetsingsinkomen,
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


def opzetten(stelsel: TaxBenefitSystem, personen: dict[str, np.ndarray], huishoudens: dict[str, np.ndarray],
             maand: str) -> Simulation:
    """Build the simulation from survey-style arrays and set the inputs.

    personen: huishouden (row of the person's household), rol (0 aanvrager, 1 partner),
    geboortedatum (datetime64[D]), toetsingsinkomen and rendementsgrondslag (float euros),
    verzekerd (bool). huishoudens: aantal_maanden_met_aanspraak (int).
    """
    n_pers = len(personen["huishouden"])
    n_hh = len(huishoudens["aantal_maanden_met_aanspraak"])
    builder = SimulationBuilder()
    builder.create_entities(stelsel)
    builder.declare_person_entity("persoon", np.arange(n_pers))
    hh = builder.declare_entity("huishouden", np.arange(n_hh))
    # roles as indices into the household's roles (aanvrager 0, partner 1): the fast form of join_with_persons
    builder.join_with_persons(hh, personen["huishouden"], personen["rol"].astype(np.int64))
    sim = builder.build(stelsel)
    jaar = maand[:4]
    sim.set_input("geboortedatum", "ETERNITY", personen["geboortedatum"])
    sim.set_input("toetsingsinkomen", jaar, personen["toetsingsinkomen"])
    sim.set_input("rendementsgrondslag", jaar, personen["rendementsgrondslag"])
    sim.set_input("verzekerd", maand, personen["verzekerd"])
    sim.set_input("aantal_maanden_met_aanspraak", maand, huishoudens["aantal_maanden_met_aanspraak"])
    return sim


def simuleer(stelsel: TaxBenefitSystem, personen: dict[str, np.ndarray], huishoudens: dict[str, np.ndarray],
             maand: str) -> np.ndarray:
    """The zorgtoeslag per household (float32 euros): set-up and calculation."""
    return opzetten(stelsel, personen, huishoudens, maand).calculate("zorgtoeslag", maand)
