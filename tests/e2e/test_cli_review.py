"""What a demanding first-time user met (review of December 2026), each reproduced before the fix."""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import cli

ZT = "wetten/zorgtoeslag"
VOORBEELD = "wetten/zorgtoeslag/gevallen/01-alleenstaande-2024.yaml"


def test_bereken_reads_an_example_case_file(repo: Path) -> None:
    # The gevallen/ files are what a user has at hand; `bereken` used to refuse them with six
    # "Onbekend veld" errors (naam, afleiding, gegevens, ...) instead of computing the case.
    r = cli("bereken", ZT, "--gegevens", VOORBEELD, "--formaat", "json")
    assert r.code == 0, r.uitvoer
    assert json.loads(r.stdout)["objecten"]["huishouden_anna"]["attributen"]["zorgtoeslag"] == "1483"


def test_bereken_example_case_error_names_the_field_under_gegevens(repo: Path, tmp_path: Path) -> None:
    tekst = Path(VOORBEELD).read_text("utf-8").replace("toetsingsinkomen: 25000", "toetsingsinkomn: 25000")
    (tmp_path / "g.yaml").write_text(tekst, "utf-8")
    r = cli("bereken", ZT, "--gegevens", str(tmp_path / "g.yaml"))
    assert r.code == 2, r.uitvoer
    assert "gegevens.objecten.anna.toetsingsinkomn" in r.uitvoer and "g.yaml:31" in r.uitvoer, r.uitvoer
