"""The vectorised engine equals the reference interpreter, exactly, on generated cases.

For every shipped law model (wetten/*) and every golden model (tests/golden/*), hypothesis draws
cases near the model's own thresholds and both engines compute them: every attribute, kenmerk and
consistency verdict of every object must be identical (to the cent, as Fractions). A rule error
must be an error in both.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from engine_cases import engines_gelijk, gegevens
from hypothesis import HealthCheck, given, settings

from regelspraak.diagnostics import fouten
from regelspraak.evaluate import tabulate, vector_expr
from regelspraak.evaluate.interpret import Gegevens
from regelspraak.inputs.files import read_parameters
from regelspraak.model import folder, ir
from regelspraak.model.from_syntax import load_model

ROOT = Path(__file__).resolve().parents[2]
MAPPEN = sorted(p for p in [*(ROOT / "wetten").iterdir(), *(ROOT / "tests" / "golden").glob("*")]
                if p.is_dir() and any(p.glob("*.rgs")))


def _load(map_: Path) -> tuple[ir.Model, list[Path]] | None:
    files = folder.find(map_)
    model, diags = load_model(list(files.rgs))
    if fouten(diags) or not model.regels:
        return None  # rejected models are golden tests of the checker, not of the engines
    return model, list(files.parameters)


def _params(model: ir.Model, files: list[Path], d: date) -> dict[str, ir.Waarde]:
    out: dict[str, ir.Waarde] = {}
    for p in files:
        out.update(read_parameters(p, model, model.eenheden, d)[0])
    return out


def _compare(model: ir.Model, g: object) -> None:
    assert isinstance(g, Gegevens)
    engines_gelijk(model, g)


def _agree(map_: Path, data: list[date], wetten: int, golden: int) -> None:
    """Both engines on generated cases for the model in `map_`, on each date."""
    loaded = _load(map_)
    if loaded is None:
        pytest.skip("model does not load cleanly (a checker golden test)")
    model, param_files = loaded
    for d in data:
        params = _params(model, param_files, d)

        @settings(max_examples=wetten if map_.parent.name == "wetten" else golden, deadline=None, derandomize=True,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
        @given(gegevens(model, d, params))
        def check(g: object) -> None:
            _compare(model, g)

        check()


@pytest.mark.parametrize("map_", MAPPEN, ids=lambda p: p.name)
def test_engines_agree(map_: Path) -> None:
    _agree(map_, [date(2024, 7, 1), date(2025, 7, 1)], wetten=500, golden=60)


@pytest.mark.parametrize("map_", MAPPEN, ids=lambda p: p.name)
def test_engines_agree_per_distinct_value(map_: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same with every expression of one column computed per distinct value and looked up
    (tabulate.py), which large populations use and these small cases otherwise never reach."""
    monkeypatch.setattr(vector_expr, "TABULEER_VANAF", 1)
    monkeypatch.setattr(tabulate, "ALTIJD_TOT", 200_000)
    _agree(map_, [date(2025, 7, 1)], wetten=150, golden=25)


def test_every_shipped_model_is_compared_composed() -> None:
    # A shipped model that stopped loading would be skipped above as "a checker golden test";
    # zorgtoeslag is compared with the Awir it builds on (model.yaml), not on its own.
    wetten = [m for m in MAPPEN if m.parent.name == "wetten"]
    assert {m.name for m in wetten} >= {"awir", "zorgtoeslag", "aow", "huurtoeslag", "kindgebonden-budget",
                                        "toeslagen"}
    for m in wetten:
        assert _load(m) is not None, m
    zt = folder.find(ROOT / "wetten" / "zorgtoeslag")
    assert [p.name for p in zt.rgs] == ["awir.rgs", "zorgtoeslag.rgs"]
    ht = folder.find(ROOT / "wetten" / "huurtoeslag")
    assert [p.name for p in ht.rgs] == ["awir.rgs", "huurtoeslag.rgs"]
    kgb = folder.find(ROOT / "wetten" / "kindgebonden-budget")
    assert [p.name for p in kgb.rgs] == ["awir.rgs", "kindgebonden-budget.rgs"]
    # The family: the Awir once, then the three schemes, then the family's own rules (issue 13).
    ts = folder.find(ROOT / "wetten" / "toeslagen")
    assert [p.name for p in ts.rgs] == ["awir.rgs", "zorgtoeslag.rgs", "huurtoeslag.rgs", "kindgebonden-budget.rgs",
                                        "toeslagen.rgs"]
