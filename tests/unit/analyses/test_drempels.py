"""Thresholds on a curve's x-axis are thresholds of that input, in its unit and on its scale
(issue 15: the standaardpremie was drawn as an income threshold, percentages on a months axis,
and the real drempelinkomen was not marked)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from regelspraak.analyses.drempels import drempels
from regelspraak.analyses.sweep import drempelwaarden
from regelspraak.inputs.files import read_case
from regelspraak.model import folder
from regelspraak.model.from_syntax import load_model

ZT = Path(__file__).resolve().parents[3] / "wetten" / "zorgtoeslag"


@pytest.fixture(scope="module")
def model():  # type: ignore[no-untyped-def]
    m, _ = load_model(list(folder.find(ZT).rgs))
    return m


def _geval(model, tmp: Path, voorbeeld: str):  # type: ignore[no-untyped-def]
    pad = tmp / "g.yaml"
    data = yaml.safe_load((ZT / "gevallen" / voorbeeld).read_text("utf-8"))["gegevens"]
    pad.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return read_case(pad, model, model.eenheden, None, list(folder.find(ZT).parameters))


def test_income_axis_marks_the_drempelinkomen_only(model, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    g = _geval(model, tmp_path, "02-alleenstaande-2025.yaml")
    [persoon] = [oid for oid, o in g.objecten.items() if o.type == "natuurlijk persoon"]
    inkomen = model.objecttypen["natuurlijk persoon"].attributen["toetsingsinkomen"]
    d = drempels(model, g, inkomen, persoon)
    minimumloon = g.parameters["minimumloon per maand in januari"]
    # art. 1 lid 1 onderdeel f Wzt, rounded to whole euros as the Belastingdienst computes it (wet.yaml)
    assert d == [round(Fraction(108, 100) * 12 * minimumloon)]
    alle = drempelwaarden(model, g.parameters)
    assert Fraction(2112) in alle and Fraction(2112) not in d  # the standaardpremie is no income level
    assert Fraction(12) in alle and Fraction(12) not in d  # nor are months or percentages


def test_a_threshold_on_the_household_sum_is_moved_by_the_partners_income(model, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    g = _geval(model, tmp_path, "04-paar-2025-beiden-verzekerd.yaml")
    inkomen = model.objecttypen["natuurlijk persoon"].attributen["toetsingsinkomen"]
    drempelinkomen = round(Fraction(108, 100) * 12 * g.parameters["minimumloon per maand in januari"])
    personen = [oid for oid, o in g.objecten.items() if o.type == "natuurlijk persoon"]
    for oid in personen:
        ander = sum(g.objecten[p].attributen["toetsingsinkomen"] for p in personen if p != oid)
        assert drempels(model, g, inkomen, oid) == [drempelinkomen - ander]


def test_asset_axis_marks_the_vermogensgrens(model, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    g = _geval(model, tmp_path, "02-alleenstaande-2025.yaml")
    [persoon] = [oid for oid, o in g.objecten.items() if o.type == "natuurlijk persoon"]
    vermogen = model.objecttypen["natuurlijk persoon"].attributen["rendementsgrondslag"]
    assert drempels(model, g, vermogen, persoon) == [g.parameters["vermogensgrens zonder partner"]]
