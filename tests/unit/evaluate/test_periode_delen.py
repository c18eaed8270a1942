"""Months sharing a cell on the period axis (vector_periode): a year of constant inputs with a
parameter that changes on 1 July runs each rule twice and the months share the two result cells;
a shared cell refuses a write in place; equal month columns of a population file are found, and a
sample of equal rows is not taken for equal columns."""

from __future__ import annotations

import tempfile
from datetime import date
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from regelspraak.evaluate import convert, vectorize
from regelspraak.evaluate.columns import Kolom, Populatie, Tabel
from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.evaluate.interpret import run as interpret
from regelspraak.evaluate.vector_periode import MAANDEN, PeriodeKolom, deel_gelijke
from regelspraak.model import ir
from regelspraak.model.from_syntax import load_model
from regelspraak.values.tijdlijn import Tijdlijn

MODEL = """Objecttype de Persoon (mv: Personen) (bezield)
\thet inkomen\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\tde toeslag\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\tde korting\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\tde jaartoeslag\tNumeriek (getal met 2 decimalen) met eenheid €;

Parameter de verhoging : Numeriek (getal met 2 decimalen) met eenheid € voor elke maand;

Regel toeslag
\tgeldig altijd
\t\tDe toeslag van een Persoon moet berekend worden als zijn inkomen plus de verhoging
\t\tindien zijn inkomen groter is dan 100 €.

Regel korting
\tgeldig altijd
\t\tDe korting van een Persoon moet berekend worden als (3% van zijn toeslag) naar beneden afgerond op 2 decimalen.

Regel jaartoeslag
\tgeldig altijd
\t\tDe jaartoeslag van een Persoon moet berekend worden als het totaal van zijn korting.
"""
JAAR = 2025


def _model() -> ir.Model:
    pad = Path(tempfile.mkdtemp(prefix="periode-delen-unit-")) / "model.rgs"
    pad.write_text(MODEL, "utf-8")
    model, diags = load_model([pad])
    assert not [d for d in diags if d.ernst.name == "FOUT"]
    return model


def _verhoging() -> Tijdlijn:
    return Tijdlijn.maak("maand", [(date(JAAR, 1, 1), date(JAAR, 7, 1), Fraction(1250, 100)),
                                   (date(JAAR, 7, 1), date(JAAR + 1, 1, 1), Fraction(1375, 100))])


def _pop_constant(model: ir.Model, inkomen: np.ndarray) -> Populatie:
    t = model.objecttypen["persoon"].attributen["inkomen"].type
    n = len(inkomen)
    kol = PeriodeKolom("maand", None, t, [Kolom(inkomen.copy(), np.ones(n, dtype=bool), 100, vol=True)
                                          for _ in range(MAANDEN)])
    return Populatie({"persoon": Tabel("persoon", np.arange(n), {"inkomen": kol})}, {})


def test_constant_jaar_met_wissel_op_1_juli_twee_cellen_gedeeld_en_alleen_lezen() -> None:
    model = _model()
    inkomen = np.array([5000, 20000, 10001, 0], dtype=np.int64)
    pop = _pop_constant(model, inkomen)
    gegeven = pop.tabellen["persoon"].kolommen["inkomen"]
    assert isinstance(gegeven, PeriodeKolom)
    res = vectorize.run(model, pop, date(JAAR, 1, 1), {"verhoging": _verhoging()})
    assert not res.terugval
    assert all(c.waarden.flags.writeable and c.geldig.flags.writeable for c in gegeven.cellen)  # the caller's
    tabel = pop.tabellen["persoon"]
    for naam in ("inkomen", "toeslag", "korting"):
        kol = tabel.kolommen[naam]
        assert isinstance(kol, PeriodeKolom)
        verwacht = 1 if naam == "inkomen" else 2  # the parameter cuts the year on 1 July
        assert len({id(c) for c in kol.cellen}) == verwacht, naam
        assert kol.cellen[0] is kol.cellen[5] and kol.cellen[6] is kol.cellen[11]
        w = kol.cellen[0].waarden
        with pytest.raises(ValueError):
            w[0] = 1  # a write in place would change every month sharing the cell
        with pytest.raises(ValueError):
            kol.cellen[0].geldig[0] = False
    # The same values as the interpreter, month by month and in total.
    objecten = {str(i): Invoer("persoon", {"inkomen": Tijdlijn.maak("maand", [
        (date(JAAR, 1, 1), date(JAAR + 1, 1, 1), Fraction(int(c), 100))])}, {}) for i, c in enumerate(inkomen)}
    u = interpret(model, Gegevens(date(JAAR, 1, 1), {"verhoging": _verhoging()}, objecten, []))
    got = convert.objecten(model, Populatie({"persoon": Tabel("persoon", np.array([str(i) for i in range(4)]),
                                                              tabel.kolommen)}, {}))
    for oid, inst in u.instanties.items():
        for k in ("toeslag", "korting", "jaartoeslag"):
            assert got[oid].attributen.get(k) == inst.waarden.get(k), (oid, k)
    assert got["1"].attributen["jaartoeslag"] == 6 * Fraction("6.37") + 6 * Fraction("6.41")


def test_deel_gelijke_deelt_alleen_gelijke_maanden() -> None:
    n = 10_000
    a = np.arange(n, dtype=np.int64)
    b = a.copy()
    b[n - 1] += 1  # equal in the sample of the first rows, not as a whole
    ok = np.ones(n, dtype=bool)
    leeg = ok.copy()
    leeg[3] = False  # the same values, one row leeg
    cellen = [Kolom(a.copy(), ok.copy(), 100) for _ in range(3)] + [Kolom(b, ok.copy(), 100),
                                                                       Kolom(b.copy(), leeg, 100),
                                                                       Kolom(b.copy(), leeg.copy(), 10)]
    cellen += [Kolom(a.copy(), ok.copy(), 100) for _ in range(MAANDEN - len(cellen))]
    uit = deel_gelijke(cellen)
    assert uit[0] is uit[1] is uit[2]
    assert uit[3] is not uit[2] and uit[4] is not uit[3] and uit[5] is not uit[4]
    assert uit[6] is not uit[5] and all(uit[m] is uit[6] for m in range(6, MAANDEN))
    assert not uit[0].waarden.flags.writeable and not uit[6].geldig.flags.writeable
    assert uit[3].waarden.flags.writeable  # a cell of one month stays as it was given
    # The caller's columns are not changed: the shared cell is a copy with read-only views.
    assert uit[0] is not cellen[0] and cellen[0].waarden.flags.writeable and cellen[1].geldig.flags.writeable
    assert np.shares_memory(uit[0].waarden, cellen[0].waarden)
