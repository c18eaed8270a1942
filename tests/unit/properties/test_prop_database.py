"""The replay database in the model folder: what is written is read back to the same case and
choices; `controleer` replays it first (and skips the search when it still fails), reports an
entry the model no longer fits, and passes an entry whose defect was repaired."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from prop_modellen import ANALYSE, DRIE, MONOTONIE, schrijf

from regelspraak.analyses.context import load
from regelspraak.inputs.eigenschappen_yaml import read_bestand
from regelspraak.properties import database, run, serial
from regelspraak.properties.run import Resultaat
from regelspraak.values.notation import parse_datum


def _controleer(map_: Path) -> list[Resultaat]:
    ctx = load(map_, parse_datum("2025-07-01"), 20.0)
    return run.controleer(ctx, read_bestand(map_ / "eigenschappen.yaml"), 150, bewaar=True)


def test_written_entry_reads_back_the_same(tmp_path: Path) -> None:
    map_ = schrijf(tmp_path / "m", DRIE, ANALYSE, MONOTONIE)
    model = load(map_, parse_datum("2025-07-01"), 20.0).model
    geval = {"rekendatum": "2025-07-01", "objecten": {"p": {"type": "Persoon", "inkomen": "0,12",
                                                             "vermogen": "50000.01", "huur": 800}}, "feiten": []}
    pad = database.schrijf(map_, "de toeslag stijgt niet met het inkomen", geval, {"object": "p", "plus": "0,5"},
                           "test")
    assert pad == database.schrijf(map_, "de toeslag stijgt niet met het inkomen", geval,
                                   {"object": "p", "plus": "0,5"}, "test")  # same counterexample, same files
    [t] = database.lees(map_, model, [])
    assert t.pad == pad and t.fout is None and t.parameters == {"object": "p", "plus": "0,5"}
    assert t.geval is not None
    assert t.geval.objecten["p"].attributen == {"inkomen": Fraction(3, 25), "vermogen": Fraction(5000001, 100),
                                                "huur": Fraction(800)}
    assert serial.geval_dict(model, t.geval)["objecten"]["p"]["inkomen"] == "0.12"
    # Exact strings, never the ambiguous '0.125' (which the case reader refuses).
    assert serial.getal_tekst(Fraction(1, 8)) == "0,125" and serial.getal_tekst(Fraction(1, 4)) == "0.25"


def test_replay_first_then_repaired(tmp_path: Path) -> None:
    map_ = schrijf(tmp_path / "m", DRIE, ANALYSE, MONOTONIE)
    [eerste] = _controleer(map_)
    assert not eerste.geslaagd and eerste.database is not None
    [herhaald] = _controleer(map_)  # replayed from the database: the search is not run again
    assert herhaald.naam == f"tegenvoorbeeld: {eerste.database.name}" and not herhaald.geslaagd
    assert "opnieuw uitgevoerd uit tegenvoorbeelden/" in herhaald.finding.bericht
    assert herhaald.finding.tegenvoorbeeld == eerste.finding.tegenvoorbeeld
    # Repair the rule: the entry now passes, and the search finds nothing else.
    (map_ / "m.rgs").write_text(DRIE.replace("(100 € plus (1% van zijn inkomen))", "(100 € min (1% van zijn inkomen))"),
                                "utf-8")
    opnieuw = _controleer(map_)
    assert [r.geslaagd for r in opnieuw] == [True, True]
    assert opnieuw[0].naam.startswith("tegenvoorbeeld: ") and opnieuw[1].naam.startswith("eigenschap: ")


def test_entry_that_no_longer_fits(tmp_path: Path) -> None:
    map_ = schrijf(tmp_path / "m", DRIE, ANALYSE, MONOTONIE)
    geval = {"rekendatum": "2025-07-01", "objecten": {"p": {"type": "Persoon", "salaris": 1}}, "feiten": []}
    database.schrijf(map_, "de toeslag stijgt niet met het inkomen", geval, {}, "test")
    database.schrijf(map_, "een eigenschap die er niet meer is", {**geval, "objecten": {}}, {}, "test")
    res = _controleer(map_)
    past_niet = [r for r in res if r.finding.code == "RS419"]
    assert len(past_niet) == 2 and not any(r.geslaagd for r in past_niet)
    assert any("salaris" in r.finding.bericht for r in past_niet)
    assert any("een eigenschap die er niet meer is" in r.finding.bericht for r in past_niet)
