"""The Hypothesis search over the whole input space: planted violations that the one-input curves
of `analyseer` miss are found, shrunk to the minimal case, reported with the case file, the trace,
rules and articles, and kept in the replay database; the same run gives the same result."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from prop_modellen import ANALYSE, DRIE, MONOTONIE, TWEE, schrijf

from regelspraak.analyses import sweep
from regelspraak.analyses.context import Context, load
from regelspraak.analyses.findings import Oordeel
from regelspraak.inputs.eigenschappen_yaml import read_bestand
from regelspraak.inputs.files import read_case
from regelspraak.properties import database, run
from regelspraak.properties.run import Resultaat
from regelspraak.values.notation import parse_datum

N = 150  # examples per property: enough here, small for the suite


def _ctx(map_: Path) -> Context:
    return load(map_, parse_datum("2025-07-01"), 20.0)


def _controleer(map_: Path, bewaar: bool = True) -> list[Resultaat]:
    return run.controleer(_ctx(map_), read_bestand(map_ / "eigenschappen.yaml"), N, bewaar)


def test_three_input_violation_found_and_shrunk_where_the_curves_miss_it(tmp_path: Path) -> None:
    map_ = schrijf(tmp_path / "m", DRIE, ANALYSE, MONOTONIE)
    # The one-input curves through the template (vermogen 10,000, huur 500) see nothing.
    [curve] = sweep.eigenschappen(_ctx(map_))
    assert curve.oordeel is Oordeel.NIET_GEVONDEN
    [r] = _controleer(map_)
    f = r.finding
    assert not r.geslaagd and f.code == "RS410" and f.oordeel is Oordeel.TEGENVOORBEELD
    # Shrunk to the minimal case: nothing earned, and both other inputs one cent over their threshold.
    persoon = f.tegenvoorbeeld["objecten"]["persoon1"]  # type: ignore[index]
    assert (persoon["inkomen"], persoon["vermogen"], persoon["huur"]) == ("0", "50000.01", "800.01")
    assert f.details["parameters"] == {"object": "persoon1", "plus": "0.5"}  # the smallest raise that shows it
    assert "van 100 naar 100.01" in f.bericht
    assert [p.naam for p in f.regels] == ["toeslag bij vermogen en huur"]
    assert len(f.uitleg) == 2 and f.uitleg[0].uitkomst.instanties  # explanation of the case and of the raised copy
    # The case file is ready for `bereken`, and sits in the replay database.
    gevalbestand = Path(f.details["gevalbestand"])
    assert gevalbestand.parent == map_ / database.MAP
    g = read_case(gevalbestand, _ctx(map_).model, _ctx(map_).model.eenheden, None, [])
    assert str(g.objecten["persoon1"].attributen["vermogen"]) == "5000001/100"


def test_two_input_violation_found_and_shrunk(tmp_path: Path) -> None:
    map_ = schrijf(tmp_path / "m", TWEE, ANALYSE, MONOTONIE)
    [r] = _controleer(map_, bewaar=False)
    persoon = r.finding.tegenvoorbeeld["objecten"]["persoon1"]  # type: ignore[index]
    assert (persoon["inkomen"], persoon["huur"]) == ("0", "800.01")
    assert persoon["vermogen"] == "0"  # irrelevant inputs shrink to their lowest value
    assert not (map_ / database.MAP).exists()  # --niet-bewaren


def test_same_model_same_result(tmp_path: Path) -> None:
    a = _controleer(schrijf(tmp_path / "a", DRIE, ANALYSE, MONOTONIE), bewaar=False)
    b = _controleer(schrijf(tmp_path / "b", DRIE, ANALYSE, MONOTONIE), bewaar=False)
    assert [x.finding.bericht for x in a] == [x.finding.bericht for x in b]
    assert [x.finding.tegenvoorbeeld for x in a] == [x.finding.tegenvoorbeeld for x in b]


def test_grenzen_decided_by_z3(tmp_path: Path) -> None:
    eig = MONOTONIE.split("eigenschappen:")[0] + """eigenschappen:
  - naam: de toeslag ligt tussen 0 en 2000
    soort: grenzen
    uitkomst: {objecttype: Persoon, naam: toeslag}
    minimum: 0
    maximum: 2000
  - naam: de toeslag blijft onder 500
    soort: grenzen
    uitkomst: {objecttype: Persoon, naam: toeslag}
    maximum: 500
"""
    tussen, onder = _controleer(schrijf(tmp_path / "m", DRIE, ANALYSE, eig), bewaar=False)
    assert tussen.finding.oordeel is Oordeel.BEWEZEN and tussen.geslaagd
    assert "analyse.yaml" in tussen.finding.aannames  # proven over the declared domains only
    assert onder.finding.oordeel is Oordeel.TEGENVOORBEELD and onder.finding.details["bron"] == "z3"


def test_nooit_leeg_decided_by_z3_and_by_the_search(tmp_path: Path) -> None:
    # No rule for vermogen above 50,000 with a rent up to 800: the toeslag stays leeg there.
    gat = DRIE.replace("\t\tindien hij aan ten minste één van de volgende voorwaarden voldoet:\n"
                       "\t\t\t• zijn vermogen is kleiner of gelijk aan 50000 €\n"
                       "\t\t\t• zijn huur is kleiner of gelijk aan 800 €.",
                       "\t\tindien zijn vermogen kleiner of gelijk is aan 50000 €.")
    assert gat != DRIE
    eig = MONOTONIE.split("eigenschappen:")[0] + """eigenschappen:
  - naam: de toeslag is nooit leeg
    soort: nooit-leeg
    uitkomst: {objecttype: Persoon, naam: toeslag}
  - naam: de toeslag is nooit leeg bij een huur tot 1000
    soort: nooit-leeg
    uitkomst: {objecttype: Persoon, naam: toeslag}
    wanneer: [{naam: huur, maximum: 1000}]
"""
    altijd, bij_huur = _controleer(schrijf(tmp_path / "m", gat, ANALYSE, eig), bewaar=False)
    for r in (altijd, bij_huur):
        assert not r.geslaagd and r.finding.code == "RS412" and r.finding.details["bron"] == "z3"
        persoon = next(iter(r.finding.tegenvoorbeeld["objecten"].values()))  # type: ignore[index]
        assert Fraction(persoon["vermogen"].replace(",", ".")) > 50000
        assert Fraction(persoon["huur"].replace(",", ".")) <= 800
