"""Every rule and decision table of every shipped law model carries a bron (or an explicit
`bron: geen — reden`): traceability is checked, not hoped for."""

from __future__ import annotations

from pathlib import Path

import pytest

from regelspraak.diagnostics import fouten
from regelspraak.model import folder
from regelspraak.model.from_syntax import load_model

WETTEN = Path(__file__).resolve().parents[3] / "wetten"
MODELLEN = sorted(p for p in WETTEN.iterdir() if p.is_dir() and any(p.glob("*.rgs")))


def test_there_are_models() -> None:
    assert MODELLEN, "no law models found under wetten/"


@pytest.mark.parametrize("map_", MODELLEN, ids=lambda p: p.name)
def test_every_rule_has_a_bron(map_: Path) -> None:
    files = folder.find(map_)
    model, diags = load_model(list(files.rgs))
    assert not fouten(diags), [d.bericht for d in diags]
    missing = [r.naam for r in model.regels if r.bron is None]
    assert missing == [], f"rules without bron in {map_.name}: {missing}"
    for p in model.parameters.values():
        assert p.herkomst.bron is not None, f"parameter without bron: {p.naam}"
