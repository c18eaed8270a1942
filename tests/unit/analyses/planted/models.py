"""Small planted models for the issue-10 tests: each carries one defect (or none) the analyses
must report in exactly the right words."""

from __future__ import annotations

from pathlib import Path

HEADER = """Objecttype de Persoon (mv: Personen) (bezield)
\thet inkomen\tNumeriek (niet-negatief getal met 2 decimalen) met eenheid €;
\t\tbron: geen — testmodel
\tde uitkering\tNumeriek (getal met 2 decimalen) met eenheid €;
\t\tbron: geen — testmodel
\tde toeslag\tNumeriek (getal met 2 decimalen) met eenheid €;
\t\tbron: geen — testmodel
"""


def regel(naam: str, tekst: str) -> str:
    return f"Regel {naam}\n\tbron: geen — testmodel\n\tgeldig altijd\n\t\t{tekst}\n"


# A €1,573 cliff at 20,000 (the "silent all-clear" of issue 10 when no analyse.yaml is present).
KLIF = (regel("uitkering", "De uitkering van een Persoon moet berekend worden als 1573 € indien zijn inkomen "
              "kleiner is dan 20000 €.")
        + regel("geen uitkering", "De uitkering van een Persoon moet geïnitialiseerd worden op 0 €."))

# Two rules that both assign at exactly 22,000 (a conflict at one point), and a €1,440 cliff at
# 30,000 in another output computed in the same run.
CONFLICT_OP_PUNT = (
    regel("laag", "De uitkering van een Persoon moet berekend worden als 500 € indien zijn inkomen kleiner of "
          "gelijk is aan 22000 €.")
    + regel("hoog", "De uitkering van een Persoon moet berekend worden als 700 € indien zijn inkomen groter of "
            "gelijk is aan 22000 €.")
    + regel("toeslag", "De toeslag van een Persoon moet berekend worden als 1440 € indien zijn inkomen kleiner is "
            "dan 30000 €.")
    + regel("geen toeslag", "De toeslag van een Persoon moet geïnitialiseerd worden op 0 €."))

# A continuous 120% taper over 20,000-21,000: a steep slope, no jump anywhere.
TAPER = regel("uitkering", "De uitkering van een Persoon moet berekend worden als (1200 € min 120% van (zijn "
              "inkomen min 20000 €)), met een minimum van 0 € en een maximum van 1200 € naar beneden afgerond op 2 "
              "decimalen.")

# Two schemes tapering at 60% and 55% (115% together) over overlapping ranges.
STAPEL = (
    regel("uitkering", "De uitkering van een Persoon moet berekend worden als (6000 € min 60% van (zijn inkomen "
          "min 20000 €)), met een minimum van 0 € en een maximum van 6000 € naar beneden afgerond op 2 decimalen.")
    + regel("toeslag", "De toeslag van een Persoon moet berekend worden als (5500 € min 55% van (zijn inkomen "
            "min 25000 €)), met een minimum van 0 € en een maximum van 5500 € naar beneden afgerond op 2 "
            "decimalen."))

ANALYSE_UITKERING = """uitkomsten:
  - {objecttype: Persoon, naam: uitkering}
domeinen:
  - {objecttype: Persoon, naam: inkomen, minimum: 0, maximum: 40000, stap: 1}
sjablonen:
  - naam: persoon
    gegevens:
      rekendatum: 2025-07-01
      objecten:
        p: {type: Persoon, inkomen: 100}
"""

ANALYSE = """invoer:
  - {objecttype: Persoon, naam: inkomen, herkomst: zelf opgegeven, controleerbaarheid: 0.5}
uitkomsten:
  - {objecttype: Persoon, naam: uitkering}
  - {objecttype: Persoon, naam: toeslag}
domeinen:
  - {objecttype: Persoon, naam: inkomen, minimum: 0, maximum: 40000, stap: 1}
sjablonen:
  - naam: persoon
    gegevens:
      rekendatum: 2025-07-01
      objecten:
        p: {type: Persoon, inkomen: 100}
"""


def maak(map_: Path, regels: str, analyse: str | None = ANALYSE) -> Path:
    map_.mkdir(parents=True, exist_ok=True)
    (map_ / "m.rgs").write_text(HEADER + regels, "utf-8")
    if analyse is not None:
        (map_ / "analyse.yaml").write_text(analyse, "utf-8")
    return map_

# The uitkering is the toeslag, and the toeslag is only set below 20,000: above it the
# toeslag stays leeg, and so does the uitkering.
KETEN_HIAAT = (
    regel("toeslag", "De toeslag van een Persoon moet berekend worden als 100 € indien zijn inkomen kleiner is "
          "dan 20000 €.")
    + regel("uitkering", "De uitkering van een Persoon moet berekend worden als zijn toeslag."))

# Without an Initialisatie the uitkering becomes leeg (not 0) from 20,000 on.
LEEG_NA_GRENS = regel("uitkering", "De uitkering van een Persoon moet berekend worden als 1573 € indien zijn "
                      "inkomen kleiner is dan 20000 €.")

# A couple: 500 each when both declare living apart (a joint declaration), 350 each together, 600
# alone; all only below an income of 20,000. The template's incomes hide the gains at 30,000.
PAAR = """Objecttype de Persoon (mv: Personen) (bezield)
	het inkomen	Numeriek (niet-negatief getal met 2 decimalen) met eenheid €;
		bron: geen — testmodel
	de uitkering	Numeriek (getal met 2 decimalen) met eenheid €;
		bron: geen — testmodel
	is gescheiden levend	kenmerk (bijvoeglijk);
		bron: geen — testmodel

Wederkerig feittype partnerschap
	de partner (mv: partners)	Persoon
Eén partner woont samen met één partner

Regel geen uitkering
	bron: geen — testmodel
	geldig altijd
		De uitkering van een Persoon moet geïnitialiseerd worden op 0 €.

Regel gescheiden
	bron: geen — testmodel
	geldig altijd
		De uitkering van een Persoon moet berekend worden als 500 €
		indien hij aan alle volgende voorwaarden voldoet:
			• zijn inkomen is kleiner dan 20000 €
			• hij is gescheiden levend
			• zijn partner is gescheiden levend.

Regel samen
	bron: geen — testmodel
	geldig altijd
		De uitkering van een Persoon moet berekend worden als 350 €
		indien hij aan alle volgende voorwaarden voldoet:
			• zijn inkomen is kleiner dan 20000 €
			• hij is een partner
			• hij is niet gescheiden levend.

Regel alleen
	bron: geen — testmodel
	geldig altijd
		De uitkering van een Persoon moet berekend worden als 600 €
		indien hij aan alle volgende voorwaarden voldoet:
			• zijn inkomen is kleiner dan 20000 €
			• hij is geen partner.
"""

PAAR_ANALYSE = """invoer:
  - {objecttype: Persoon, naam: gescheiden levend, herkomst: zelf opgegeven, controleerbaarheid: 0.3,
     gezamenlijk: partnerschap}
  - {feittype: partnerschap, herkomst: zelf opgegeven, controleerbaarheid: 0.4}
  - {objecttype: Persoon, naam: inkomen, herkomst: inkomensregister (BRI), controleerbaarheid: 0.9}
uitkomsten:
  - {objecttype: Persoon, naam: uitkering}
domeinen:
  - {objecttype: Persoon, naam: inkomen, minimum: 0, maximum: 40000, stap: 1}
sjablonen:
  - naam: paar
    gegevens:
      rekendatum: 2025-07-01
      objecten:
        p1: {type: Persoon, inkomen: 30000, gescheiden levend: false}
        p2: {type: Persoon, inkomen: 0, gescheiden levend: false}
      feiten:
        - {feittype: partnerschap, partner: [p1, p2]}
"""
