"""Small models with planted defects for the property-search tests (written into tmp_path)."""

from __future__ import annotations

from pathlib import Path

MODELLEN = Path(__file__).parent / "modellen"  # .rgs files (long rule lines, not Python)

# The allowance falls with income, except when both vermogen > 50,000 and huur > 800: then it
# rises with income (the planted defect: three inputs together).
DRIE = (MODELLEN / "drie.rgs").read_text("utf-8")

# Two inputs: the allowance rises with income whenever the rent is above 800.
TWEE = (MODELLEN / "twee.rgs").read_text("utf-8")

ANALYSE = """uitkomsten:
  - {objecttype: Persoon, naam: toeslag}
domeinen:
  - {objecttype: Persoon, naam: inkomen, minimum: 0, maximum: 60000}
  - {objecttype: Persoon, naam: vermogen, minimum: 0, maximum: 200000}
  - {objecttype: Persoon, naam: huur, minimum: 0, maximum: 2000}
sjablonen:
  - naam: huurder
    gegevens:
      rekendatum: 2025-07-01
      objecten:
        p: {type: Persoon, inkomen: 20000, vermogen: 10000, huur: 500}
"""

MONOTONIE = """zoekruimte:
  aantallen: {Persoon: {minimum: 1, maximum: 1}}
eigenschappen:
  - naam: de toeslag stijgt niet met het inkomen
    soort: monotonie
    uitkomst: {objecttype: Persoon, naam: toeslag}
    invoer: {objecttype: Persoon, naam: inkomen}
    richting: niet-stijgend
"""

# A household allowance on the joint income (the sum): invariant under another split of the
# incomes, under renaming and reordering, symmetric in the partners; a partner without income
# raises it by at most 500 (the couple amount 1500 against 1000 alone).
HUISHOUDEN = (MODELLEN / "huishouden.rgs").read_text("utf-8")

# The planted defect: the couple amount only when no member earns more than 10,000 on his own, so
# how a joint income is split between the partners matters.
HUISHOUDEN_EEN_INKOMEN = (MODELLEN / "huishouden-een-inkomen.rgs").read_text("utf-8")

HUISHOUDEN_ANALYSE = """uitkomsten:
  - {objecttype: Huishouden, naam: toeslag}
domeinen:
  - {objecttype: Persoon, naam: inkomen, minimum: 0, maximum: 30000}
"""

RELATIONEEL = """zoekruimte:
  aantallen: {Persoon: {minimum: 1, maximum: 2}}
eigenschappen:
  - naam: volgorde
    soort: invariantie
    transformatie: volgorde
    uitkomst: {objecttype: Huishouden, naam: toeslag}
  - naam: namen
    soort: invariantie
    transformatie: namen
    uitkomst: {objecttype: Huishouden, naam: toeslag}
  - naam: verdeling
    soort: invariantie
    transformatie: verdeling
    uitkomst: {objecttype: Huishouden, naam: toeslag}
    invoer: {objecttype: Persoon, naam: inkomen}
    feittype: huishoudsamenstelling
  - naam: symmetrie
    soort: symmetrie
    uitkomst: {objecttype: Huishouden, naam: toeslag}
    feittype: huishoudsamenstelling
  - naam: een partner zonder inkomen levert hoogstens 500 op
    soort: begrensd-effect
    uitkomst: {objecttype: Huishouden, naam: toeslag}
    feittype: huishoudsamenstelling
    nieuw: {inkomen: 0}
    maximum: 500
  - naam: de toeslag is nooit leeg als er een lid is
    soort: nooit-leeg
    uitkomst: {objecttype: Huishouden, naam: toeslag}
    wanneer: [{naam: grootte, minimum: 1}]
"""


def schrijf(map_: Path, regels: str, analyse: str, eigenschappen: str) -> Path:
    map_.mkdir(parents=True, exist_ok=True)
    (map_ / "m.rgs").write_text(regels, "utf-8")
    (map_ / "analyse.yaml").write_text(analyse, "utf-8")
    (map_ / "eigenschappen.yaml").write_text(eigenschappen, "utf-8")
    return map_
