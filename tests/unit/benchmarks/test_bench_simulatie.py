"""The hand-written baselines of benchmarks/bench_simulatie.py compute what the shipped model computes.

A baseline that drifts from the model makes the benchmark's ratios and mismatch counts meaningless:
when the model became monthly (the 18-year rule per calendar month, the months added up), the
benchmark's numpy still computed one month and read the number of months as an input, and its own
report said "NIET GEHAALD" for 1,840 of 71,266 households (a run of 100,000 persons) and for 130 of
133 columns of the 200-rule part. These tests hold the numpy to the reference interpreter and to the engine on a small
population with every kind of household the generator makes (18-year-olds in the year, minors,
non-insured partners, incomes and wealth around every threshold), so the next change of the model
fails here instead of in a figure nobody checks.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from regelspraak.evaluate.vectorize import run as engine_run
from regelspraak.inputs.files import read_parameters
from regelspraak.model import bouwt_op
from regelspraak.model.from_syntax import load_model

BENCHMARKS = Path(__file__).resolve().parents[3] / "benchmarks"


@pytest.fixture(scope="module")
def bs() -> ModuleType:
    sys.path.insert(0, str(BENCHMARKS))  # the benchmark scripts import their sibling module the same way
    import bench_simulatie

    return bench_simulatie


def test_numpy_gelijk_aan_interpreter_en_engine(bs: ModuleType) -> None:
    import huishoudens

    model, diags = load_model(sorted(bs.WET.glob("*.rgs")))
    assert not diags
    params, _ = read_parameters(bs.WET / "parameters.yaml", model, model.eenheden, bs.REKENDATUM)
    c = bs.constanten(params)
    b = bs.genereer(1500, 7)
    assert bool(np.all(b.huishouden[1:] >= b.huishouden[:-1]))  # numpy_zorgtoeslag's precondition
    exact = bs.numpy_exact(b, c)
    # The population holds what the months turn on, in households that receive an amount: a member
    # who turns 18 during the year (part of the months), a couple whose members have different
    # months, the 50% amount (a couple with one verzekerde), and someone born on the first of a month.
    ns = bs.numpy_zorgtoeslag(b, c)
    v = huishoudens._verzekerde_maanden(b.geboortedatum, b.verzekerd, bs.REKENDATUM.year)
    leden = np.bincount(b.huishouden, minlength=b.n_huishoudens)
    start = np.cumsum(leden) - leden
    v_a, v_b = v[start], np.where(leden == 2, v[np.minimum(start + 1, b.n_personen - 1)], v[start])
    deels = ((0 < v_a) & (v_a < 12)) | ((0 < v_b) & (v_b < 12))
    assert (deels & (exact > 0)).sum() >= 3
    assert ((leden == 2) & (v_a != v_b) & (v_a > 0) & (v_b > 0) & (exact > 0)).any()
    assert ns["half"].any()
    eerste = (b.geboortedatum.astype("datetime64[D]") == b.geboortedatum.astype("datetime64[M]")
              .astype("datetime64[D]"))
    assert (eerste & (v > 0) & (v < 12)).any()
    alle = np.arange(b.n_huishoudens, dtype=np.int64)
    assert np.array_equal(bs.interpreter_steekproef(model, params, b, alle), exact)
    pop = bs.onze_populatie(model, b)
    engine_run(model, pop, bs.REKENDATUM, params)
    assert np.array_equal(bs.bedragen(pop), exact)


def test_model_200_gelijk_aan_zijn_numpy(bs: ModuleType, tmp_path: Path) -> None:
    tekst, code, uitkomsten = bs.model_200(90)
    pad = tmp_path / "model_200.rgs"
    pad.write_text(tekst, "utf-8")
    basis = [f for f in bouwt_op.met_basis(sorted(bs.WET.glob("*.rgs"))) if f.parent != bs.WET]
    model, diags = load_model([*basis, pad])
    assert not diags
    params, _ = read_parameters(bs.WET / "parameters.yaml", model, model.eenheden, bs.REKENDATUM)
    b = bs.genereer(3000, 11)
    r = bs.numpy_functie(code)(bs.numpy_zorgtoeslag(b, bs.constanten(params)))
    pop = bs.onze_populatie(model, b)
    engine_run(model, pop, bs.REKENDATUM, params)
    for ot, kol, naam in [*uitkomsten, (bs.HUISHOUDEN, "zorgtoeslag", "zorgtoeslag")]:
        k = pop.tabellen[ot].kolommen[kol]
        w = np.asarray(k.waarden)
        if kol.startswith("kenmerk:"):
            assert np.array_equal(w.astype(bool), r[naam]), kol
        else:
            schaal = 100 if kol != "zorgtoeslag" else 1
            assert bool(np.all(k.geldig)) and schaal % k.noemer == 0, kol
            assert np.array_equal(w * (schaal // k.noemer), r[naam]), kol


def test_numpy_weigert_grotere_huishoudens(bs: ModuleType) -> None:
    import huishoudens

    b = bs.genereer(50, 3)
    b.huishouden[:] = 0  # everybody in one household
    model, _ = load_model(sorted(bs.WET.glob("*.rgs")))
    params, _ = read_parameters(bs.WET / "parameters.yaml", model, model.eenheden, bs.REKENDATUM)
    with pytest.raises(ValueError, match="één of twee"):
        huishoudens.numpy_zorgtoeslag(b, bs.constanten(params))


def test_bench_law_vindt_zijn_wetteksten(capsys: pytest.CaptureFixture[str]) -> None:
    """benchmarks/bench_law.py reads law texts by path; when the Awir moved to its own model folder
    the script stopped with a traceback. One run of each text keeps the paths true."""
    import bench_law

    assert bench_law.main(1) in (0, 1)  # 1: over the time bar, which a test does not judge (a busy machine)
    uit = capsys.readouterr().out
    assert all(p.name in uit for p in bench_law.BESTANDEN) and "Participatiewet" in uit
