"""`ontleed` drafts (issue 15): names get the article the law uses ('het college', 'het kind'),
references are listed once, and parameters are dated from their provision's own entry into force."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from regelspraak.law.from_text import parse_tekst
from regelspraak.law.load import lees_wet
from regelspraak.syntax.from_law import _inwerking, ontwerp

WET = """Wet voorbeeld

Artikel 1
In deze wet wordt verstaan onder:
    a. college: het college van burgemeester en wethouders;
    b. kind: het kind dat jonger is dan achttien jaar;
    c. aanvrager: de aanvrager van een bijdrage;

Artikel 2
1. Het college verstrekt het kind een bijdrage van € 100 als bedoeld in artikel 1, onderdeel b.
2. Het college verstrekt de aanvrager een bijdrage als bedoeld in artikel 1, onderdeel b, en in artikel 1, onderdeel b.
"""


def test_names_get_the_laws_own_article_and_references_are_listed_once() -> None:
    wet, diags = parse_tekst(WET, "w.txt")
    assert wet is not None, diags
    o = ontwerp(wet)
    assert "\thet college\t" in o.rgs and "\thet kind\t" in o.rgs and "\tde aanvrager\t" in o.rgs
    verwijzingen = [r for r in o.rgs.splitlines() if r.startswith("//   ")]
    assert len(verwijzingen) == len(set(verwijzingen)) > 0


def test_parameters_dated_from_their_own_entry_into_force() -> None:
    zt = Path(__file__).resolve().parents[3] / "wetten" / "zorgtoeslag" / "BWBR0018451_2025-01-01.xml"
    wet = lees_wet(zt)
    art4 = wet.vind("4")
    assert art4 is not None and art4.inwerking == date(2017, 7, 1)
    assert _inwerking(wet, art4.id, date(2025, 1, 1)) == date(2017, 7, 1)  # not the law version's date
    lid = wet.vind("3", "1")
    assert lid is not None and _inwerking(wet, lid.id, date(1, 1, 1)) == date(2025, 1, 1)  # from its article
    o = ontwerp(wet)
    assert "vanaf: 2025-01-01" in o.parameters_yaml
