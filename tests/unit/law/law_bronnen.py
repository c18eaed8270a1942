"""Where the real law files are: in the repository (a clone needs nothing beside it). The texts the
shipped models implement live in their model folder; the others in tests/data/bronnen (see its README)."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
BRONNEN = REPO / "tests" / "data" / "bronnen"
WZT = REPO / "wetten" / "zorgtoeslag" / "BWBR0018451_2025-01-01.xml"
AWIR = REPO / "wetten" / "awir" / "BWBR0018472_2025-01-01.xml"
PW = BRONNEN / "BWBR0015703_2026-01-01.xml"
AOW = REPO / "wetten" / "aow" / "BWBR0002221_2025-01-01.txt"
AKW = BRONNEN / "BWBR0002368_2025-01-01.txt"
HUURTOESLAG = REPO / "wetten" / "huurtoeslag" / "BWBR0008659_2025-01-01.txt"
KGB = REPO / "wetten" / "kindgebonden-budget" / "BWBR0022751_2025-01-01.txt"
PARAMETERS = BRONNEN / "parameters-toeslagen.yaml"
# Every real law text: three BWB toestanden (XML) and four plain-text harvests.
ALLE_WETTEN = [WZT, AWIR, PW, AOW, AKW, HUURTOESLAG, KGB]
