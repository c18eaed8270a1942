"""wetten/aow per month without a calendar parameter: every rule of the model runs on the monthly axis of the
vectorised engine (no fallback to the interpreter, `Resultaat.terugval` empty) for each of its hand-derived
cases, and gives the interpreter's values. The month of the 67th birthday, the month after a marriage and the
partner's last month are periods from `de eerste dag van de maand van|na D`, which always start a month."""

from __future__ import annotations

from pathlib import Path

import pytest

from regelspraak.evaluate import convert, vectorize
from regelspraak.evaluate.interpret import Gegevens
from regelspraak.evaluate.interpret import run as interpret
from regelspraak.inputs.files import case_from, read_example, uit_bestand
from regelspraak.model import folder, ir
from regelspraak.model.from_syntax import load_model

MAP = Path(__file__).resolve().parents[3] / "wetten" / "aow"
FILES = folder.find(MAP)


@pytest.fixture(scope="module")
def model() -> ir.Model:
    m, diags = load_model(list(FILES.rgs))
    assert not [d for d in diags if d.ernst.name == "FOUT"]
    return m


def _gegevens(model: ir.Model, pad: Path) -> Gegevens:
    vb, src = read_example(pad)
    return uit_bestand(case_from(vb.gegevens, src, ("gegevens",), model, model.eenheden, None,
                                 list(FILES.parameters)), src, ("gegevens",))


def test_geen_kalenderparameter(model: ir.Model) -> None:
    assert "eerste dag van de betalingsmaand" not in model.parameters


@pytest.mark.parametrize("pad", FILES.gevallen, ids=lambda p: p.stem)
def test_geval_op_de_maandas_zonder_terugval(model: ir.Model, pad: Path) -> None:
    g = _gegevens(model, pad)
    u = interpret(model, g)
    pop = convert.populatie(model, g)
    res = vectorize.run(model, pop, g.rekendatum, g.parameters)
    assert not res.terugval, res.terugval
    got = convert.objecten(model, pop)
    for oid, inst in u.instanties.items():
        assert got[oid].attributen == {k: inst.waarden.get(k) for k in got[oid].attributen}, oid
