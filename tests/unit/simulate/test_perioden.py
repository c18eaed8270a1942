"""Issue 11: a total's period comes from its output's unit and converts exactly (simulate/perioden.py)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regelspraak.diagnostics import DiagnosticError
from regelspraak.simulate import scenario as scen
from regelspraak.simulate.perioden import PERIODEN, factor, periode
from regelspraak.values.units import Eenheid


def test_period_from_the_unit() -> None:
    assert periode(Eenheid.uit([("€", 1), ("mnd", -1)])) == "maand"
    assert periode(Eenheid.uit([("€", 1), ("jr", -1)])) == "jaar"
    assert periode(Eenheid.uit([("€", 1)])) == "jaar"  # an amount over the berekeningsjaar
    assert periode(Eenheid.uit([("dg", 1)])) is None and periode(None) is None  # no flow: never converted
    assert periode(Eenheid.uit([("€", 1), ("mnd", -1), ("jr", -1)])) is None


def test_exact_factors() -> None:
    d = date(2025, 7, 1)
    assert factor("maand", "jaar", d) == 12 and factor("kwartaal", "jaar", d) == 4
    assert factor("week", "jaar", d) == Fraction(365, 7) and factor("dag", "jaar", date(2024, 1, 1)) == 366


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(PERIODEN), st.sampled_from(PERIODEN), st.sampled_from(PERIODEN),
       st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_conversions_compose_and_invert(a: str, b: str, c: str, d: date) -> None:
    assert factor(a, b, d) * factor(b, c, d) == factor(a, c, d)
    assert factor(a, b, d) * factor(b, a, d) == 1


def test_scenario_per_field_and_override(tmp_path: Path) -> None:
    tekst = ("naam: s\nmodel: m\nrekendatum: 2025-07-01\npopulatie: {genereer: {personen: 1000}, mapping: m.yaml}\n"
             "uitvoer: [{objecttype: Huishouden, attribuut: zorgtoeslag}]\n")
    pad = tmp_path / "s.yaml"
    pad.write_text(tekst + "per: jaar\n", "utf-8")
    sc = scen.read(pad)
    assert sc.bestand.per == "jaar" and sc.met_per("maand").bestand.per == "maand" and sc.met_per(None) is sc
    pad.write_text(tekst + "per: week\n", "utf-8")
    with pytest.raises(DiagnosticError) as e:
        scen.read(pad)
    assert "per" in e.value.diagnostics[0].bericht
