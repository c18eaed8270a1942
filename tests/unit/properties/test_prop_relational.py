"""Relational properties (a case against a transformed copy): a clean household model keeps them
all; a model that looks at one member's income instead of the sum breaks the invariance under
another split, and the bound on adding a partner catches a too generous couple amount."""

from __future__ import annotations

from pathlib import Path

from prop_modellen import HUISHOUDEN, HUISHOUDEN_ANALYSE, HUISHOUDEN_EEN_INKOMEN, RELATIONEEL, schrijf

from regelspraak.analyses.context import load
from regelspraak.analyses.findings import Oordeel
from regelspraak.inputs.eigenschappen_yaml import read_bestand
from regelspraak.properties import run
from regelspraak.properties.run import Resultaat
from regelspraak.values.notation import parse_datum

N = 120


def _controleer(map_: Path) -> list[Resultaat]:
    ctx = load(map_, parse_datum("2025-07-01"), 20.0)
    return run.controleer(ctx, read_bestand(map_ / "eigenschappen.yaml"), N, bewaar=False)


def test_clean_model_keeps_every_relational_property(tmp_path: Path) -> None:
    res = _controleer(schrijf(tmp_path / "m", HUISHOUDEN, HUISHOUDEN_ANALYSE, RELATIONEEL))
    assert [r.naam.removeprefix("eigenschap: ") for r in res] == [
        "volgorde", "namen", "verdeling", "symmetrie", "een partner zonder inkomen levert hoogstens 500 op",
        "de toeslag is nooit leeg als er een lid is"]
    assert all(r.geslaagd for r in res), [r.finding.bericht for r in res]
    *relationeel, leeg = res
    assert all(r.finding.oordeel is Oordeel.NIET_GEVONDEN for r in relationeel)
    assert all(f"geen schending gevonden in {N} voorbeelden" in r.finding.bericht for r in relationeel)
    assert leeg.finding.oordeel is Oordeel.BEWEZEN  # z3 decides nooit-leeg with a condition on the same object


def test_rule_on_one_members_income_breaks_the_split_invariance(tmp_path: Path) -> None:
    eig = RELATIONEEL.split("eigenschappen:")[0] + """eigenschappen:
  - naam: verdeling
    soort: invariantie
    transformatie: verdeling
    uitkomst: {objecttype: Huishouden, naam: toeslag}
    invoer: {objecttype: Persoon, naam: inkomen}
    feittype: huishoudsamenstelling
"""
    res = _controleer(schrijf(tmp_path / "m", HUISHOUDEN_EEN_INKOMEN, HUISHOUDEN_ANALYSE, eig))
    verdeling = next(r for r in res if r.naam == "eigenschap: verdeling")
    assert not verdeling.geslaagd and verdeling.finding.code == "RS413", verdeling.finding.bericht
    geval = verdeling.finding.tegenvoorbeeld
    assert geval is not None and len([o for o in geval["objecten"].values() if o["type"] == "Persoon"]) == 2
    assert verdeling.finding.details["transformatie"] == "verdeling"
    assert "getransformeerd_geval" in verdeling.finding.details


def test_bound_on_adding_a_partner(tmp_path: Path) -> None:
    eig = RELATIONEEL.replace("maximum: 500", "maximum: 400")
    res = _controleer(schrijf(tmp_path / "m", HUISHOUDEN, HUISHOUDEN_ANALYSE, eig))
    r = next(r for r in res if "partner" in r.naam)
    assert not r.geslaagd and r.finding.code == "RS414"
    # The minimal case: one member without income; the partner adds 500.
    assert "stijgt met 500" in r.finding.bericht, r.finding.bericht
    leden = [o for o in r.finding.tegenvoorbeeld["objecten"].values() if o["type"] == "Persoon"]  # type: ignore[index]
    assert len(leden) == 1 and leden[0]["inkomen"] == "0"


_VERDELING = RELATIONEEL.split("eigenschappen:")[0] + """eigenschappen:
  - naam: verdeling
    soort: invariantie
    transformatie: verdeling
    uitkomst: {objecttype: Huishouden, naam: toeslag}
    invoer: {objecttype: Persoon, naam: inkomen}
    feittype: huishoudsamenstelling
"""

# A second one-to-many feittype from the same container (the Awir's Huishouden has leden, kinderen
# and medebewoners): the generator used to link the members by one of them only and gave every
# other one at most one member, so a split between two leden was never tried.
_MEDEBEWONERS = """
Feittype medebewoners van het huishouden
	het woonhuishouden	Huishouden
	de medebewoner (mv: medebewoners)	Persoon
Eén woonhuishouden heeft meerdere medebewoners
	bron: geen — testmodel
"""


def test_split_invariance_found_when_the_container_has_a_second_feittype(tmp_path: Path) -> None:
    res = _controleer(schrijf(tmp_path / "m", HUISHOUDEN_EEN_INKOMEN + _MEDEBEWONERS, HUISHOUDEN_ANALYSE, _VERDELING))
    verdeling = next(r for r in res if r.naam == "eigenschap: verdeling")
    assert not verdeling.geslaagd and verdeling.finding.code == "RS413", verdeling.finding.bericht


def test_a_property_never_tried_on_a_usable_example_fails(tmp_path: Path) -> None:
    # At most one Persoon: no two leden to split an income between, so not one example is usable.
    eig = _VERDELING.replace("maximum: 2}", "maximum: 1}")
    res = _controleer(schrijf(tmp_path / "m", HUISHOUDEN, HUISHOUDEN_ANALYSE, eig))
    [r] = res
    assert not r.geslaagd and r.finding.code == "RS419", r.finding.bericht
    assert "geen enkel bruikbaar voorbeeld" in r.finding.bericht


def test_zoekruimte_names_the_model_lacks_are_reported_not_ignored(tmp_path: Path) -> None:
    # `aantallen: {Persn: …}` used to be dropped silently, so the search ran on another space
    # than the author wrote down.
    eig = RELATIONEEL.replace("aantallen: {Persoon:",
                              "leeg: [{objecttype: Persoon, naam: inkomn}]\n  aantallen: {Persn:")
    res = _controleer(schrijf(tmp_path / "m", HUISHOUDEN, HUISHOUDEN_ANALYSE, eig))
    zr = [r for r in res if r.naam.startswith("zoekruimte: ")]
    assert [r.finding.code for r in zr] == ["RS419", "RS419"] and not any(r.geslaagd for r in zr)
    assert "'Persn' is geen objecttype" in zr[0].finding.bericht and "'inkomn' is geen invoer" in zr[1].finding.bericht


def test_zoekruimte_leeg_keeps_an_input_out_of_the_search(tmp_path: Path) -> None:
    from regelspraak.properties import space

    eig = RELATIONEEL.replace("aantallen:", "leeg: [{objecttype: Persoon, naam: inkomen}]\n  aantallen:")
    map_ = schrijf(tmp_path / "m", HUISHOUDEN, HUISHOUDEN_ANALYSE, eig)
    ctx = load(map_, parse_datum("2025-07-01"))
    bestand = read_bestand(map_ / "eigenschappen.yaml")
    ruimte = space.build(ctx.model, ctx.rekendatum, ctx.parameters, ctx.analyse, bestand.zoekruimte)
    assert ruimte.veld("Persoon", "inkomen") is None and not ruimte.onbekend
    assert space.build(ctx.model, ctx.rekendatum, ctx.parameters, ctx.analyse).veld("Persoon", "inkomen") is not None
