"""The vectorised engine's shortcuts on populations the size they are meant for.

The differential property test runs small cases, where the engine takes its plain paths (and,
forced, the per-distinct-value path). Here a population of some 8,000 persons in households laid
out as surveys give them (persons sorted by household) goes through the zorgtoeslag model:
lookups per birth date, shared subexpressions, sums over the index in order, two-value picks.
Every attribute of every object must equal the reference interpreter's. And a remembered shared
result must not outlive a write to a column it read.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from regelspraak.evaluate import convert, vector_expr, vectorize
from regelspraak.evaluate.columns import Kolom, Populatie, Relatie, Tabel
from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.evaluate.interpret import run as interpret
from regelspraak.inputs.files import read_parameters
from regelspraak.model import folder, ir
from regelspraak.model.from_syntax import load_model

ROOT = Path(__file__).resolve().parents[3]
WET = ROOT / "tests" / "data" / "zorgtoeslag-jaarmodel" / "zorgtoeslag"  # the yearly model (LEESMIJ.md)
REKENDATUM = date(2025, 7, 1)
PERSOON, HUISHOUDEN, FEITTYPE = "natuurlijk persoon", "huishouden", "huishoudsamenstelling"


@pytest.fixture(scope="module")
def zorgtoeslag() -> tuple[ir.Model, dict[str, ir.Waarde]]:
    files = folder.find(WET)
    model, _ = load_model(list(files.rgs))
    params: dict[str, ir.Waarde] = {}
    for p in files.parameters:  # the Awir's too: the model builds on it (model.yaml)
        params.update(read_parameters(p, model, model.eenheden, REKENDATUM)[0])
    return model, params


def _populatie(model: ir.Model, seed: int, n_hh: int) -> tuple[Populatie, Gegevens]:
    """Households of one or two persons, persons in household order; birth dates within a few
    years of the 18th birthday, so the per-day lookup applies at this size."""
    rng = np.random.default_rng(seed)
    grootte = 1 + (rng.random(n_hh) < 0.4)
    hh = np.repeat(np.arange(n_hh), grootte)
    n = len(hh)
    dagen = rng.integers(16 * 365, 21 * 365, n)
    geboorte = np.array([(REKENDATUM - timedelta(days=int(x))).toordinal() for x in dagen], dtype=np.int64)
    inkomen = rng.integers(0, 6_000_000, n)
    vermogen = np.where(rng.random(n) < 0.7, 0, rng.integers(0, 20_000_000, n))
    verzekerd = rng.random(n) < 0.95
    maanden = rng.integers(1, 13, n_hh)
    gegeven = rng.random(n_hh) < 0.15
    alle = np.ones(n, dtype=bool)
    personen = Tabel(PERSOON, np.array([f"p{i}" for i in range(n)], dtype=object), {
        "geboortedatum": Kolom(geboorte, alle.copy()), "toetsingsinkomen": Kolom(inkomen, alle.copy(), 100),
        "rendementsgrondslag": Kolom(vermogen, alle.copy(), 100), "kenmerk:verzekerd": Kolom(verzekerd, alle.copy())})
    huishoudens = Tabel(HUISHOUDEN, np.array([f"h{i}" for i in range(n_hh)], dtype=object),
                        {"aantal maanden met aanspraak": Kolom(maanden, gegeven.copy())})
    pop = Populatie({PERSOON: personen, HUISHOUDEN: huishoudens},
                    {FEITTYPE: Relatie(FEITTYPE, (hh.astype(np.int64), np.arange(n, dtype=np.int64)))})
    objecten = {f"p{i}": Invoer(PERSOON, {"geboortedatum": date.fromordinal(int(geboorte[i])),
                                          "toetsingsinkomen": Fraction(int(inkomen[i]), 100),
                                          "rendementsgrondslag": Fraction(int(vermogen[i]), 100)},
                                {"verzekerd": bool(verzekerd[i])}) for i in range(n)}
    for h in range(n_hh):
        attrs: dict[str, ir.Waarde] = {"aantal maanden met aanspraak": Fraction(int(maanden[h]))} if gegeven[h] else {}
        objecten[f"h{h}"] = Invoer(HUISHOUDEN, attrs, {})
    feiten: list[tuple[str, tuple[str, ...]]] = [(FEITTYPE, (f"h{hh[i]}", f"p{i}")) for i in range(n)]
    return pop, Gegevens(REKENDATUM, {}, objecten, feiten)


def test_large_population_equals_interpreter(zorgtoeslag: tuple[ir.Model, dict[str, ir.Waarde]],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    model, params = zorgtoeslag
    pop, g = _populatie(model, seed=7, n_hh=6000)
    opgezocht = []
    echt = vector_expr.Uitdrukkingen._tabuleer_conditie

    def tel(self: vector_expr.Uitdrukkingen, c: ir.Conditie, f: vector_expr.Frame) -> object:
        r = echt(self, c, f)
        opgezocht.append(r is not None)
        return r

    monkeypatch.setattr(vector_expr.Uitdrukkingen, "_tabuleer_conditie", tel)
    res = vectorize.run(model, pop, REKENDATUM, params)
    assert not res.terugval and any(opgezocht), "the per-birth-date lookup was not used"
    verwacht = interpret(model, Gegevens(REKENDATUM, params, g.objecten, g.feiten))
    assert not verwacht.fouten
    kreeg = convert.objecten(model, pop)
    verschillen = [(oid, k, v, kreeg[oid].attributen.get(k)) for oid, inst in verwacht.instanties.items()
                   for k, v in inst.waarden.items() if kreeg[oid].attributen.get(k) != v]
    verschillen += [(oid, k, b, None) for oid, inst in verwacht.instanties.items()
                    for k, b in inst.kenmerken.items() if kreeg[oid].kenmerken.get(k, False) != b]
    assert not verschillen, verschillen[:5]
    assert sum(1 for o in kreeg.values() if o.attributen.get("zorgtoeslag")) > 100  # a real spread of outcomes


def test_shared_result_is_dropped_after_a_write(zorgtoeslag: tuple[ir.Model, dict[str, ir.Waarde]]) -> None:
    model, params = zorgtoeslag
    pop, _ = _populatie(model, seed=3, n_hh=50)
    vectorize.run(model, pop, REKENDATUM, params)  # every column filled
    e = vectorize.Engine(model, pop, REKENDATUM, params)
    # `de in aanmerking genomen standaardpremie min de normpremie` is written in both jaarbedrag
    # rules: remembered. The sum in `gezamenlijk toetsingsinkomen` is written once: not kept.
    regel = next(r for r in model.regels if r.naam == "jaarbedrag")
    toekenning = regel.versies[0].resultaten[0]
    assert isinstance(toekenning, ir.Toekenning) and toekenning.expr is not None
    eenmalig = next(r for r in model.regels if r.naam == "gezamenlijk toetsingsinkomen").versies[0].resultaten[0]
    assert isinstance(eenmalig, ir.Toekenning) and eenmalig.expr is not None
    n = len(pop.tabellen[HUISHOUDEN])
    frame = vector_expr.Frame(n, e.rijen(HUISHOUDEN), rekenaar=e.expr)
    assert e.expr(eenmalig.expr, frame) is not e.expr(eenmalig.expr, frame)  # computed, not held
    eerst = e.expr(toekenning.expr, frame)
    assert e.expr(toekenning.expr, frame) is eerst  # remembered
    kol = pop.tabellen[HUISHOUDEN].kolommen["normpremie"]
    kol.waarden = np.asarray(kol.waarden) + kol.noemer  # every normpremie one euro more
    kol.grens = None
    e._telt_schrijven(HUISHOUDEN, "normpremie")
    daarna = e.expr(toekenning.expr, frame)
    assert isinstance(eerst, vector_expr.V) and isinstance(daarna, vector_expr.V)
    assert daarna is not eerst
    assert [Fraction(int(w), daarna.d) for w in daarna.w] == [Fraction(int(w), eerst.d) - 1 for w in eerst.w]
