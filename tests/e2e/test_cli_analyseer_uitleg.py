"""The explanation of a finding's case is flat: each derived value once, what it read by reference, and every
reference (also those of a monthly value's stretches) names an entry that is there."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from regelspraak.cli import app

ROOT = Path(__file__).resolve().parents[2]


def test_every_reference_in_a_findings_explanation_resolves() -> None:
    r = CliRunner().invoke(app, ["analyseer", str(ROOT / "wetten" / "zorgtoeslag"), "--formaat", "json",
                                 "--alleen", "misbruikprikkel", "--kernen", "1"])
    assert r.exit_code in (0, 1), r.output
    bevindingen = json.loads(r.stdout)["bevindingen"]
    verwijzingen = per_maand = 0
    for b in bevindingen:
        for t in b["uitleg"]:
            for knopen in t["uitleg"].values():
                for knoop in knopen.values():
                    per_stuk = [lz for st in knoop.get("stukken", []) for lz in st["invoer"]]
                    per_maand += sum(lz.get("herkomst") == "regel" for lz in per_stuk)
                    gelezen = [*knoop.get("invoer", []), *per_stuk]
                    for lz in gelezen:
                        assert "invoer" not in lz  # nothing nested
                        if lz.get("herkomst") == "regel":
                            verwijzingen += 1
                            assert lz["sleutel"] in t["uitleg"][lz["object"]], lz
    assert bevindingen and verwijzingen > 10 and per_maand > 10  # the stretches' reads are references too
