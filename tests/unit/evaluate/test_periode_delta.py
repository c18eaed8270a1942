"""Row deltas between months (vector_delta): a conflict between two rules (RS203) and an error of a
rule (RS106) that first occur in a row that changes in some month are found in that month, with the
same object and the same message as when every month runs whole; the columns a per-row rule reads."""

from __future__ import annotations

import tempfile
from datetime import date
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from regelspraak.evaluate import vector_delta, vectorize
from regelspraak.evaluate.columns import Kolom, Populatie, Tabel
from regelspraak.evaluate.vector_periode import MAANDEN, PeriodeKolom
from regelspraak.model import ir
from regelspraak.model.from_syntax import load_model
from regelspraak.values.tijdlijn import Tijdlijn

JAAR = 2025
MODEL = """Objecttype de Persoon (mv: Personen) (bezield)
\thet inkomen\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\tde toeslag\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\tde deel\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\thet spaargeld\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;

Parameter de verhoging : Numeriek (getal met 2 decimalen) met eenheid € voor elke maand;

Regel toeslag
\tgeldig altijd
\t\tDe toeslag van een Persoon moet berekend worden als zijn inkomen plus de verhoging
\t\tindien zijn inkomen groter is dan 100 €.

Regel toeslag hoog
\tgeldig altijd
\t\tDe toeslag van een Persoon moet berekend worden als 5 € indien zijn spaargeld groter is dan 200 €.

Regel deel
\tgeldig altijd
\t\tHet deel van een Persoon moet berekend worden als zijn inkomen gedeeld door 3
\t\tindien zijn inkomen groter is dan 300 €.
"""


def _model() -> ir.Model:
    pad = Path(tempfile.mkdtemp(prefix="periode-delta-")) / "model.rgs"
    pad.write_text(MODEL, "utf-8")
    model, diags = load_model([pad])
    assert not [d for d in diags if d.ernst.name == "FOUT"], diags
    return model


def _kol(model: ir.Model, cellen: np.ndarray) -> PeriodeKolom:
    t = model.objecttypen["persoon"].attributen["inkomen"].type
    return PeriodeKolom("maand", None, t, [Kolom(cellen[m].copy(), np.ones(cellen.shape[1], dtype=bool), 100, vol=True)
                                           for m in range(MAANDEN)])


def _fout(model: ir.Model, inkomen: np.ndarray, spaargeld: np.ndarray, drempel: float) -> str:
    """The engine's error over month columns (12 × n, cents) with the delta threshold set."""
    n = inkomen.shape[1]
    pop = Populatie({"persoon": Tabel("persoon", np.array([f"p{i}" for i in range(n)]), {
        "inkomen": _kol(model, inkomen), "spaargeld": _kol(model, spaargeld)})}, {})
    verhoging = Tijdlijn.maak("maand", [(date(JAAR, 1, 1), date(JAAR + 1, 1, 1), Fraction(1))])
    oud = vector_delta.DREMPEL
    vector_delta.DREMPEL = drempel
    try:
        with pytest.raises(vectorize.EngineFout) as e:
            vectorize.run(model, pop, date(JAAR, 1, 1), {"verhoging": verhoging})
    finally:
        vector_delta.DREMPEL = oud
    return f"{e.value.code}: {e.value.bericht}"


@pytest.mark.parametrize(("rij", "inkomen", "spaargeld", "code"),
                         [(2, 15000, 25000, "RS203"), (2, 40001, 0, "RS106"), (3, 15000, 25000, "RS203")])
def test_fout_in_een_veranderde_rij_gelijk_aan_hele_maanden(rij: int, inkomen: int, spaargeld: int,
                                                             code: str) -> None:
    # From June one person's income or savings change: savings above 200 € make the second toeslag
    # rule write 5 € where the first wrote income plus 1 € (RS203); income above 300 € gives the
    # deel a third of a cent (RS106). p0's income changes in June as well, so the first toeslag
    # rule runs June on p0 alone and keeps May's writer record for the other rows: the conflict in
    # p2's (p3's) row is found only through that copied record. The same error as whole months.
    model = _model()
    ink = np.full((MAANDEN, 5), 15000, dtype=np.int64)
    ver = np.zeros((MAANDEN, 5), dtype=np.int64)
    ink[5:, 0] = 16000
    ink[5:, rij] = inkomen
    ver[5:, rij] = spaargeld
    met = _fout(model, ink, ver, 1.0)
    zonder = _fout(model, ink, ver, -1.0)
    assert met == zonder
    assert met.startswith(code) and f"p{rij}" in met


def test_de_kolommen_van_een_regel_per_rij() -> None:
    model = _model()
    assert all(vector_delta.per_rij(r) is not None for r in model.regels)
    regels = {r.naam: r for r in model.regels}
    assert vector_delta.per_rij(regels["toeslag"]) == frozenset({"inkomen", "toeslag"})
    assert vector_delta.per_rij(regels["toeslag hoog"]) == frozenset({"spaargeld", "toeslag"})
