"""A monthly model over N persons (timelines `voor elke maand` on the period axis, a parameter that
changes on 1 July, `het totaal van` over the year) against the same model per year (issue 11's bar:
the monthly model within 12× the yearly model's cost).

Run: python benchmarks/bench_tijdlijn.py [personen] [runs] [vasthouden]   (default 1_000_000 and 3;
`vasthouden`: tune the allocator first, `memory.vasthouden()`, as `simuleer` does on request)
Prints the median wall time of `vectorize.run` for each model, the ratio and the load average, and
checks a few persons of the monthly run against the interpreter (so the figure is of a right answer).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date
from fractions import Fraction
from pathlib import Path

import numpy as np

from regelspraak.evaluate import convert, vectorize
from regelspraak.evaluate.columns import Kolom, Populatie, Tabel
from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.evaluate.interpret import run as interpret
from regelspraak.evaluate.vector_periode import MAANDEN, PeriodeKolom, maandbegin
from regelspraak.model import ir
from regelspraak.model.from_syntax import load_model
from regelspraak.values.tijdlijn import Tijdlijn

JAAR = 2025
GRENS = 12.0


def _model(per_maand: bool) -> ir.Model:
    tl = " voor elke maand" if per_maand else ""
    totaal = "het totaal van zijn netto bedrag" if per_maand else "zijn netto bedrag"
    tekst = f"""Objecttype de Persoon (mv: Personen) (bezield)
\thet inkomen\tNumeriek (getal met 2 decimalen) met eenheid €{tl};
\tde toeslag\tNumeriek (getal met 2 decimalen) met eenheid €{tl};
\tde korting\tNumeriek (getal met 2 decimalen) met eenheid €{tl};
\thet netto bedrag\tNumeriek (getal met 2 decimalen) met eenheid €{tl};
\thet jaarbedrag\tNumeriek (getal met 2 decimalen) met eenheid €;

Parameter de verhoging : Numeriek (getal met 2 decimalen) met eenheid €{tl};

Regel toeslag
\tgeldig altijd
\t\tDe toeslag van een Persoon moet berekend worden als zijn inkomen plus de verhoging
\t\tindien zijn inkomen groter is dan 100 €.

Regel korting
\tgeldig altijd
\t\tDe korting van een Persoon moet berekend worden als (3% van zijn toeslag) naar beneden afgerond op 2 decimalen.

Regel netto bedrag
\tgeldig altijd
\t\tHet netto bedrag van een Persoon moet berekend worden als zijn toeslag min zijn korting.

Regel jaarbedrag
\tgeldig altijd
\t\tHet jaarbedrag van een Persoon moet berekend worden als {totaal}.
"""
    pad = Path(tempfile.mkdtemp(prefix="bench-tijdlijn-")) / "model.rgs"
    pad.write_text(tekst, "utf-8")
    model, _ = load_model([pad])
    return model


def _inkomen(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Per person an income per month (in cents) that changes in a random month for half of them."""
    rng = np.random.default_rng(11)
    basis = rng.integers(0, 400_000, n, dtype=np.int64)
    wissel = rng.integers(1, MAANDEN, n)
    nieuw = np.where(rng.random(n) < 0.5, rng.integers(0, 400_000, n, dtype=np.int64), basis)
    return basis, np.stack([np.where(m < wissel, basis, nieuw) for m in range(MAANDEN)])


def _pop_maand(model: ir.Model, cellen: np.ndarray) -> Populatie:
    n = cellen.shape[1]
    t = model.objecttypen["persoon"].attributen["inkomen"].type
    kol = PeriodeKolom("maand", JAAR, t, [Kolom(cellen[m], np.ones(n, dtype=bool), 100, vol=True)
                                          for m in range(MAANDEN)])
    return Populatie({"persoon": Tabel("persoon", np.arange(n), {"inkomen": kol})}, {})


def _pop_jaar(basis: np.ndarray) -> Populatie:
    n = len(basis)
    return Populatie({"persoon": Tabel("persoon", np.arange(n), {
        "inkomen": Kolom(basis, np.ones(n, dtype=bool), 100, vol=True)})}, {})


VERHOGING = Tijdlijn.maak("maand", [(date(JAAR, 1, 1), date(JAAR, 7, 1), Fraction(1250, 100)),
                                    (date(JAAR, 7, 1), date(JAAR + 1, 1, 1), Fraction(1375, 100))])


def _meet(fn: object, runs: int) -> float:
    tijden = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        tijden.append(time.perf_counter() - start)
    return statistics.median(tijden)


def _controleer(model: ir.Model, cellen: np.ndarray, pop: Populatie, k: int = 20) -> None:
    """The first k persons of the monthly run against the interpreter (the oracle)."""
    objecten = {}
    for i in range(k):
        lijn = Tijdlijn.maak("maand", [(maandbegin(JAAR, m), maandbegin(JAAR, m + 1), Fraction(int(cellen[m, i]), 100))
                                       for m in range(MAANDEN)])
        objecten[str(i)] = Invoer("persoon", {"inkomen": lijn}, {})
    u = interpret(model, Gegevens(date(JAAR, 1, 1), {"verhoging": VERHOGING}, objecten, []))
    got = convert.objecten(model, Populatie({"persoon": Tabel("persoon", pop.tabellen["persoon"].ids[:k], {
        naam: _eerste(kol, k) for naam, kol in pop.tabellen["persoon"].kolommen.items()})}, {}))
    for oid, inst in u.instanties.items():
        for sleutel, w in inst.waarden.items():
            assert got[oid].attributen.get(sleutel) == w, (oid, sleutel, w, got[oid].attributen.get(sleutel))


def _eerste(kol: Kolom, k: int) -> Kolom:
    if isinstance(kol, PeriodeKolom):
        return PeriodeKolom(kol.periode, kol.jaar, kol.type, [_eerste(c, k) for c in kol.cellen])
    return Kolom(np.asarray(kol.waarden)[:k], np.asarray(kol.geldig)[:k], kol.noemer)


def main(n: int, runs: int) -> int:
    maand, jaar = _model(True), _model(False)
    basis, cellen = _inkomen(n)
    laatst: list[vectorize.Resultaat] = []
    pop_m: list[Populatie] = []

    def run_maand() -> None:
        pop_m.clear()
        pop_m.append(_pop_maand(maand, cellen))
        laatst.append(vectorize.run(maand, pop_m[0], date(JAAR, 1, 1), {"verhoging": VERHOGING}))

    def run_jaar() -> None:
        vectorize.run(jaar, _pop_jaar(basis), date(JAAR, 1, 1), {"verhoging": Fraction(1250, 100)})

    t_jaar = _meet(run_jaar, runs)
    t_maand = _meet(run_maand, runs)
    assert not laatst[-1].terugval, laatst[-1].terugval  # every rule in columns: no per-object fallback
    _controleer(maand, cellen, pop_m[0])
    load = os.getloadavg()
    ratio = t_maand / t_jaar
    print(f"personen {n:,}  runs {runs}  load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}".replace(",", "."))
    print(f"jaarmodel   {t_jaar:8.3f} s")
    print(f"maandmodel  {t_maand:8.3f} s   ({ratio:.1f}× het jaarmodel; grens {GRENS:.0f}×: "
          f"{'binnen' if ratio <= GRENS else 'BOVEN'})")
    return 0 if ratio <= GRENS else 1


if __name__ == "__main__":
    if "vasthouden" in sys.argv[3:]:
        from regelspraak.evaluate import memory

        print(f"allocator vastgehouden: {memory.vasthouden()}")
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000, int(sys.argv[2]) if len(sys.argv) > 2 else 3))
