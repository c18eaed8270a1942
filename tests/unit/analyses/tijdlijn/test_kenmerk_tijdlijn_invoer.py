"""A kenmerk `voor elke …` set by a sweep or a counterexample keeps its timeline: `bool()` of a Tijdlijn
is always True, so a year of onwaar read as waar (found in the final read of 2026-12-05)."""

from __future__ import annotations

from datetime import date

from regelspraak.analyses.batch import Invoerplek, met_waarde
from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.values.tijdlijn import Tijdlijn


def test_een_tijdlijn_van_onwaar_blijft_onwaar() -> None:
    g = Gegevens(date(2025, 1, 1), {}, {"p": Invoer("persoon", {}, {"verzekerd": True})}, [])
    onwaar = Tijdlijn.constant("maand", date(2025, 1, 1), date(2026, 1, 1), False)
    uit = met_waarde(g, Invoerplek("p", "persoon", "kenmerk:verzekerd"), onwaar)
    assert uit.objecten["p"].kenmerken["verzekerd"] == onwaar
    gewoon = met_waarde(g, Invoerplek("p", "persoon", "kenmerk:verzekerd"), False)
    assert gewoon.objecten["p"].kenmerken["verzekerd"] is False
