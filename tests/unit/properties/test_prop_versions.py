"""Properties between two versions (`vergelijk`): a bill that cuts the allowance a little more
steeply has losers from the first cent of income on, but none who lose more than the bound."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from prop_modellen import ANALYSE, DRIE, schrijf

from regelspraak.analyses.findings import Oordeel
from regelspraak.properties import versions
from regelspraak.values.notation import format_getal, parse_datum

EIGENSCHAPPEN = """eigenschappen:
  - naam: niemand verliest meer dan 500 euro
    soort: max-verlies
    uitkomst: {objecttype: Persoon, naam: toeslag}
    maximum: 500
  - naam: niemand met een inkomen tot 1000 euro verliest
    soort: geen-verliezers
    uitkomst: {objecttype: Persoon, naam: toeslag}
    wanneer: [{naam: inkomen, maximum: 1000}]
  - naam: alleen wie vermogen heeft wint of verliest
    soort: alleen-genoemde-groepen
    uitkomst: {objecttype: Persoon, naam: toeslag}
    groepen:
      - {naam: vermogenden, wanneer: [{naam: vermogen, minimum: 50000.01}]}
"""


def test_bill_properties(tmp_path: Path) -> None:
    oud = schrijf(tmp_path / "oud", DRIE, ANALYSE, "eigenschappen: []\n")
    nieuw = schrijf(tmp_path / "nieuw", DRIE.replace("(10% van zijn inkomen)", "(12% van zijn inkomen)"), ANALYSE,
                    EIGENSCHAPPEN)
    verlies, verliezers, groepen = versions.controleer(oud, nieuw, [oud, nieuw], parse_datum("2025-07-01"), 150)
    # 2% of at most 20,000 (where the old amount reaches 0) is at most 400 (333.33 at 16,666.67).
    assert verlies.oordeel is Oordeel.NIET_GEVONDEN and verlies.code == "RS416"
    # A loser shrunk to a few cents of income and nothing else. (The smallest is 5 cents: 1999.995
    # rounds up, 1999.994 down; the losers are not an interval, so the shrinker's deterministic stop,
    # 21 cents, is a local minimum: 1999.979 -> 1999.98 under current law, 1999.9748 -> 1999.97.)
    assert verliezers.oordeel is Oordeel.TEGENVOORBEELD and verliezers.code == "RS417"
    assert verliezers.tegenvoorbeeld is not None
    persoon = verliezers.tegenvoorbeeld["objecten"]["persoon1"]
    assert (persoon["type"], persoon["vermogen"], persoon["huur"]) == ("Persoon", "0", "0")
    inkomen = Fraction(persoon["inkomen"])
    assert 0 < inkomen < 1
    oud_bedrag = round(Fraction(2000) - inkomen / 10, 2)
    nieuw_bedrag = round(Fraction(2000) - inkomen * 12 / 100, 2)
    assert nieuw_bedrag < oud_bedrag  # really a loser
    assert f"van {format_getal(oud_bedrag)} naar {format_getal(nieuw_bedrag)}" in verliezers.bericht
    assert len(verliezers.uitleg) == 2  # current law, then the bill
    assert groepen.oordeel is Oordeel.TEGENVOORBEELD and groepen.code == "RS418"
    assert "buiten de genoemde groepen" in groepen.bericht


def test_no_properties_no_findings(tmp_path: Path) -> None:
    oud = schrijf(tmp_path / "oud", DRIE, ANALYSE, "eigenschappen: []\n")
    assert versions.controleer(oud, oud, [oud], parse_datum("2025-07-01"), 50) == []
