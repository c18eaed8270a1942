"""Where the real law files are: ../shared/bronnen beside the checkout (so in CI too)."""

from pathlib import Path

BRONNEN = Path(__file__).resolve().parents[3] / ".." / "shared" / "bronnen"
WZT = BRONNEN / "bwb" / "BWBR0018451_2025-01-01.xml"
AWIR = BRONNEN / "bwb" / "BWBR0018472_2025-01-01.xml"
PW = BRONNEN / "bwb" / "BWBR0015703_2026-01-01.xml"
AOW = BRONNEN / "tekst" / "BWBR0002221_2025-01-01.txt"
AKW = BRONNEN / "tekst" / "BWBR0002368_2025-01-01.txt"
