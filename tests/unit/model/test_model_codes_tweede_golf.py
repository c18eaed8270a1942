"""The diagnostic codes of Dimensies and Datum en tijd in millisecondes are registered, documented (Wat /
Waarom / Voorbeeld / Grondslag), and each is given by the checker for the misuse its page describes."""

from __future__ import annotations

from pathlib import Path

import pytest

from regelspraak.diagnostics import CODES
from regelspraak.model.from_syntax import load_model

ROOT = Path(__file__).resolve().parents[3]
KOP = """Dimensie de jaardimensie, bestaande uit de jaren (na het attribuut met voorzetsel van):
\t1. vorig jaar
\t2. huidig jaar

Dimensie de brutonettodimensie, bestaande uit de brutonettodimensies (voor het attribuut zonder voorzetsel):
\t1. bruto
\t2. netto

Objecttype de Persoon (mv: Personen) (bezield)
\thet inkomen\tNumeriek (geheel getal) gedimensioneerd met jaardimensie en brutonettodimensie;
\thet totaal\tNumeriek (geheel getal);
\tde datum\tDatum in dagen;
\thet moment\tDatum en tijd in millisecondes;
\tde late\tkenmerk;
"""


@pytest.mark.parametrize("code", ["RS020", "RS021", "RS130", "RS131", "RS132"])
def test_code_is_registered_and_documented(code: str) -> None:
    assert code in CODES
    tekst = (ROOT / "docs" / "codes" / f"{code}.md").read_text("utf-8")
    for kop in ("## Wat", "## Waarom", "## Voorbeeld", "## Grondslag"):
        assert kop in tekst, (code, kop)


@pytest.mark.parametrize(("code", "zin"), [
    ("RS130", "Het totaal van een Persoon moet berekend worden als het netto inkomen van de Persoon."),
    ("RS130", "Het totaal van een Persoon moet berekend worden als het inkomen van de Persoon."),
    ("RS131", "Het totaal van een Persoon moet berekend worden als de som van het netto inkomen van de Persoon over "
              "alle brutonettodimensies."),
    ("RS131", "Het totaal van een Persoon moet berekend worden als de som van het netto inkomen van huidig jaar van de "
              "Persoon over alle jaren."),
    ("RS132", "De datum van een Persoon moet berekend worden als de datum van de Persoon plus 2 u."),
    ("RS132", "Het totaal van een Persoon moet berekend worden als de tijdsduur van de datum van de Persoon tot het "
              "moment van de Persoon in hele dagen."),
    ("RS021", "Een Persoon is een late indien het moment van de Persoon later is dan dd. 1-1-2025 25:00:00.000."),
])
def test_misbruik_geeft_zijn_code(code: str, zin: str, tmp_path: Path) -> None:
    pad = tmp_path / "m.rgs"
    pad.write_text(KOP + "\nRegel r\n\tbron: geen — test\n\tgeldig altijd\n\t\t" + zin + "\n", encoding="utf-8")
    _, diags = load_model([pad])
    assert [d.code for d in diags] == [code], [(d.code, d.bericht) for d in diags]
