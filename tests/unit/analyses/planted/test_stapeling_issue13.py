"""Issue 13 on small planted models: the stacking analysis with two thresholds (each range labelled
with the highest it exceeds), and the household's cliff (RS420) whose width counts every flow
that tapers at the same time — not only the scheme that falls away."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

from regelspraak.cli import app
from tests.unit.analyses.planted import models as m

runner = CliRunner()

# A €500 toeslag that stops at 26,000 while the uitkering still tapers at 60%: what the household
# has left grows by 40 cent a euro there, so the €500 takes 500 / 0.4 = 1,250 euros to make up
# (the toeslag's own cliff, RS402, says 500: it counts only itself).
KLIF_IN_AFBOUW = (
    m.regel("uitkering", "De uitkering van een Persoon moet berekend worden als (6000 € min 60% van (zijn inkomen "
            "min 20000 €)), met een minimum van 0 € en een maximum van 6000 € naar beneden afgerond op 2 decimalen.")
    + m.regel("toeslag", "De toeslag van een Persoon moet berekend worden als 500 € indien zijn inkomen kleiner is "
              "dan 26000 €.")
    + m.regel("geen toeslag", "De toeslag van een Persoon moet geïnitialiseerd worden op 0 €."))


def _bevindingen(map_: Path) -> list[dict]:  # type: ignore[type-arg]
    r = runner.invoke(app, ["analyseer", str(map_), "--formaat", "json", "--rekendatum", "2025-07-01"])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    return json.loads(r.stdout)["bevindingen"]  # type: ignore[no-any-return]


def test_two_thresholds_report_every_range_above_the_lowest_labelled_with_the_highest(tmp_path: Path) -> None:
    map_ = m.maak(tmp_path / "m", m.STAPEL, m.ANALYSE + 'stapeling: {drempel: ["100%", "50%"]}\n')
    st = sorted((f["details"]["van"], f["details"]["tot"], f["details"]["tarief"], f["details"]["drempel"])
                for f in _bevindingen(map_) if f["code"] == "RS406")
    assert st == [("20000", "25000", "0.6", "0.5"), ("25000", "30000", "1.15", "1"), ("30000", "35000", "0.55", "0.5")]
    [boven100] = [f for f in _bevindingen(map_) if f["code"] == "RS406" and f["details"]["drempel"] == "1"]
    assert "(boven 100%)" in boven100["bericht"] and "elke euro meer kost het huishouden 15 cent" in boven100["bericht"]


def test_one_threshold_as_before(tmp_path: Path) -> None:
    map_ = m.maak(tmp_path / "m", m.STAPEL, m.ANALYSE + 'stapeling: {drempel: "100%"}\n')
    st = [(f["details"]["van"], f["details"]["tot"]) for f in _bevindingen(map_) if f["code"] == "RS406"]
    assert st == [("25000", "30000")]


@pytest.mark.parametrize("drempel", ['"x%"', "[]", '"0%"', "-1", '"40.000%"', "{a: 1}"])
def test_a_bad_threshold_is_exit_2_naming_the_field(tmp_path: Path, drempel: str) -> None:
    map_ = m.maak(tmp_path / "m", m.STAPEL, m.ANALYSE + f"stapeling: {{drempel: {drempel}}}\n")
    r = runner.invoke(app, ["analyseer", str(map_)])
    assert r.exit_code == 2 and "drempel" in r.output and "analyse.yaml" in r.output, r.output
    assert "Traceback" not in r.output


def test_the_households_cliff_counts_every_flow_that_tapers_at_the_same_time(tmp_path: Path) -> None:
    map_ = m.maak(tmp_path / "m", KLIF_IN_AFBOUW)
    fs = _bevindingen(map_)
    [klif] = [f for f in fs if f["code"] == "RS420"]
    d = klif["details"]
    assert (d["van"], d["naar"], d["gedomineerd_bereik"]) == ("25999", "26000", "1250")
    # €500 toeslag and 60 cent uitkering less, €1 more income.
    assert Fraction(d["verlies"]) == Fraction("499.6") and klif["bedrag"] == "499.6"
    assert d["veranderingen"] == [{"uitkomst": "uitkering", "verandering": "-0.6"},
                                  {"uitkomst": "toeslag", "verandering": "-500"}]
    assert "pas bij € 1.250 meer inkomen houdt het er weer even veel over" in klif["bericht"]
    # The scheme's own cliff counts only itself.
    [eigen] = [f for f in fs if f["code"] == "RS402"]
    assert eigen["details"]["gedomineerd_bereik"] == "500"


def test_a_cliff_not_made_up_within_the_domain_says_so(tmp_path: Path) -> None:
    # Past 30,000 nothing tapers: a €5,000 toeslag stopping at 38,000 is made up only at 42,999,
    # beyond the domain (40,000).
    regels = (m.STAPEL.split("Regel toeslag")[0]
              + m.regel("toeslag", "De toeslag van een Persoon moet berekend worden als 5000 € indien zijn inkomen "
                        "kleiner is dan 38000 €.")
              + m.regel("geen toeslag", "De toeslag van een Persoon moet geïnitialiseerd worden op 0 €."))
    map_ = m.maak(tmp_path / "m", regels)
    [klif] = [f for f in _bevindingen(map_) if f["code"] == "RS420"]
    assert klif["details"]["gedomineerd_bereik"] is None and klif["details"]["van"] == "37999"
    assert "binnen het verkende domein houdt het er niet meer even veel over" in klif["bericht"]


def test_one_flow_has_no_household_cliff_beside_its_own(tmp_path: Path) -> None:
    """With one flow the household's cliff is the scheme's own (RS402): not reported twice."""
    map_ = m.maak(tmp_path / "m", m.KLIF, m.ANALYSE_UITKERING)
    fs = _bevindingen(map_)
    assert [f["code"] for f in fs if f["code"] in ("RS402", "RS420")] == ["RS402"]


def test_rounding_within_the_tolerance_is_no_cliff(tmp_path: Path) -> None:
    """Two tapers rounded down to whole euros each lose at most €1 at a unit step: the household
    has at most €1 less for €1 more, within the tolerance."""
    regels = m.STAPEL.replace("afgerond op 2 decimalen", "afgerond op 0 decimalen")
    map_ = m.maak(tmp_path / "m", regels, m.ANALYSE + "tolerantie: 1\n")
    fs = _bevindingen(map_)
    assert not [f for f in fs if f["code"] == "RS420"]


def test_a_resolution_measures_rounded_tapers_over_its_width(tmp_path: Path) -> None:
    """With whole-euro rounding the rate over one euro is noise; measured over €100 the 115% range
    is one finding, its bounds within €100, its rate within the rounding noise."""
    regels = m.STAPEL.replace("afgerond op 2 decimalen", "afgerond op 0 decimalen")
    map_ = m.maak(tmp_path / "m", regels, m.ANALYSE + 'stapeling: {drempel: ["100%", "50%"], resolutie: 100}\n')
    st = [f for f in _bevindingen(map_) if f["code"] == "RS406"]
    assert [f["details"]["drempel"] for f in st] == ["0.5", "1", "0.5"]
    midden = st[1]["details"]
    assert abs(int(midden["van"]) - 25000) <= 100 and abs(int(midden["tot"]) - 30000) <= 100
    assert abs(Fraction(midden["tarief"]) - Fraction(115, 100)) <= Fraction(3, 100)
    assert "gemeten over stappen van € 100" in st[1]["aannames"]


def test_a_resolution_leaves_a_cliff_out_of_the_slope(tmp_path: Path) -> None:
    """The €500 that falls away at 26,000 is a cliff (RS420), not a steep stretch of 100 euros."""
    map_ = m.maak(tmp_path / "m", KLIF_IN_AFBOUW, m.ANALYSE + 'stapeling: {drempel: "50%", resolutie: 100}\n')
    fs = _bevindingen(map_)
    st = [(f["details"]["van"], f["details"]["tot"], f["details"]["tarief"]) for f in fs if f["code"] == "RS406"]
    assert len(st) == 1 and Fraction(st[0][2]) == Fraction(6, 10), st
    assert [f["details"]["gedomineerd_bereik"] for f in fs if f["code"] == "RS420"] == ["1250"]


def test_alleen_stapeling_gives_the_same_stacking_findings_and_says_what_did_not_run(tmp_path: Path) -> None:
    map_ = m.maak(tmp_path / "m", KLIF_IN_AFBOUW, m.ANALYSE + 'stapeling: {drempel: ["100%", "50%"]}\n')
    r = runner.invoke(app, ["analyseer", str(map_), "--formaat", "json", "--alleen", "stapeling"])
    data = json.loads(r.stdout)
    alleen = [(f["id"], f["bericht"]) for f in data["bevindingen"]]
    volledig = [(f["id"], f["bericht"]) for f in _bevindingen(map_) if f["code"] in ("RS406", "RS420", "RS421")]
    assert alleen == volledig and len(alleen) == 4
    per = data["dekking"]["per_analyse"]
    assert per["stapeling"]["gedraaid"] and not per["sprong_en_klif"]["gedraaid"]
    assert per["sprong_en_klif"]["overgeslagen"] == ["niet gevraagd (--alleen)"]


def test_alleen_an_unknown_analysis_is_exit_2_listing_the_known(tmp_path: Path) -> None:
    map_ = m.maak(tmp_path / "m", m.STAPEL)
    r = runner.invoke(app, ["analyseer", str(map_), "--alleen", "stapelen"])
    assert r.exit_code == 2 and "stapelen" in r.output and "stapeling" in r.output


def test_the_steepest_range_is_a_note_also_below_every_threshold(tmp_path: Path) -> None:
    """RS421 answers "what does one more euro leave" where it is least, whether or not a threshold
    is crossed; it is a note (exit code and gate do not count it)."""
    map_ = m.maak(tmp_path / "m", m.STAPEL, m.ANALYSE + 'stapeling: {drempel: "200%"}\n')
    r = runner.invoke(app, ["analyseer", str(map_), "--formaat", "json", "--alleen", "stapeling"])
    [noot] = json.loads(r.stdout)["bevindingen"]
    assert r.exit_code == 0 and noot["code"] == "RS421" and noot["ernst"] == "info"
    assert (noot["details"]["van"], noot["details"]["tot"], noot["details"]["tarief"]) == ("25000", "30000", "1.15")
    assert "elke euro meer kost het huishouden 15 cent netto" in noot["bericht"]
