"""Small timeline models for the analyses on timelines (issue 11): a monthly amount with a planted
cliff whose threshold is a parameter that changes on 1 July, and a bill on it."""

from __future__ import annotations

from pathlib import Path

MAANDKLIF = """Objecttype de Persoon (mv: Personen) (bezield)
\thet inkomen\tNumeriek (niet-negatief getal met 2 decimalen) met eenheid € voor elke maand;
\tde toeslag\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\thet jaarbedrag\tNumeriek (getal met 2 decimalen) met eenheid €;

Parameter de grens : Numeriek (getal met 2 decimalen) met eenheid € voor elke maand;

Regel toeslag
\tbron: geen — testmodel
\tgeldig altijd
\t\tDe toeslag van een Persoon moet berekend worden als 100 €
\t\tindien zijn inkomen kleiner is dan de grens.

Regel geen toeslag
\tbron: geen — testmodel
\tgeldig altijd
\t\tDe toeslag van een Persoon moet berekend worden als 0 €
\t\tindien zijn inkomen groter of gelijk is aan de grens.

Regel jaarbedrag
\tbron: geen — testmodel
\tgeldig altijd
\t\tHet jaarbedrag van een Persoon moet berekend worden als het totaal van zijn toeslag.
"""

# The cliff's threshold: 2000 a month until 30 June, 2100 from 1 July 2025.
PARAMETERS = """parameters:
  grens:
    - {waarde: "2000", vanaf: 2025-01-01, tot_en_met: 2025-06-30, bron: testmodel}
    - {waarde: "2100", vanaf: 2025-07-01, tot_en_met: 2025-12-31, bron: testmodel}
"""

ANALYSE = """uitkomsten:
  - {objecttype: Persoon, naam: toeslag}
domeinen:
  - {objecttype: Persoon, naam: inkomen, minimum: 0, maximum: 4000, stap: 1}
sjablonen:
  - naam: persoon
    gegevens:
      rekendatum: 2025-07-01
      objecten:
        p:
          type: Persoon
          inkomen: [{vanaf: 2025-01-01, tot: 2026-01-01, waarde: 100}]
"""

# A bill that moves the second half year's threshold to 2500.
VOORSTEL = """naam: Grens hoger vanaf 1 juli
huidig: ../huidig
bron: testvoorstel
parameters:
  grens:
    - {waarde: 2000, vanaf: 2025-01-01, tot_en_met: 2025-06-30, bron: testmodel}
    - {waarde: 2500, vanaf: 2025-07-01, tot_en_met: 2025-12-31, bron: testmodel}
"""


def schrijf(map_: Path, analyse: bool = True) -> Path:
    """The planted model in `map_` (with analyse.yaml unless `analyse` is False)."""
    map_.mkdir(parents=True, exist_ok=True)
    (map_ / "model.rgs").write_text(MAANDKLIF, "utf-8")
    (map_ / "parameters.yaml").write_text(PARAMETERS, "utf-8")
    if analyse:
        (map_ / "analyse.yaml").write_text(ANALYSE, "utf-8")
    return map_
