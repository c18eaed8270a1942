"""A monthly model over N persons (timelines `voor elke maand` on the period axis, a parameter that
changes on 1 July, `het totaal van` over the year) against the same model per year (issue 11's bar:
the monthly model within 12× the yearly model's cost), in four cases: an income that changes in a
random month for half of the persons, given as twelve month columns (the run compares neighbouring
months to find the rows that change: vector_delta) and given as a population's long table of
stretches (`id, vanaf, tot, waarde`: the run builds January and the changes per month from it,
nothing compared: evaluate/periode_stukken.py; the stretches are sorted when the column is made,
as the population reader does, outside the time); an income that is the same in every month, given
as twelve month columns (the run finds the equal months, and they share their cells: vector_periode);
and an income without a timeline (the monthly model over a population of plain figures).

Run: python benchmarks/bench_tijdlijn.py [personen] [runs] [processen] [vasthouden]
(default 1_000_000, 3, 3). Each model runs in `processen` fresh processes, alternately, each with
one cold run (fresh memory) and `runs` warm ones; it prints the medians of wall and CPU time of
`vectorize.run`, the ratios to the yearly model and the load average (2 cores shared by 8
helpers: the CPU time is the steadier figure, and the verdict is on the warm CPU time).
`vasthouden`: tune the allocator first (`memory.vasthouden()`, as `simuleer` does on request).
The monthly runs are checked against the interpreter for 20 persons (so the figure is of a right
answer) and must not fall back to it.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
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


def _model(per_maand: bool, invoer_per_maand: bool = True) -> ir.Model:
    """The model per month or per year; `invoer_per_maand` False: the income is a plain (yearly) input
    and the rest is per month, as a monthly model reads a population of plain figures."""
    tl = " voor elke maand" if per_maand else ""
    tl_in = tl if invoer_per_maand else ""
    totaal = "het totaal van zijn netto bedrag" if per_maand else "zijn netto bedrag"
    tekst = f"""Objecttype de Persoon (mv: Personen) (bezield)
\thet inkomen\tNumeriek (getal met 2 decimalen) met eenheid €{tl_in};
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
    # a folder per call that is removed again: the tests call this for every case
    with tempfile.TemporaryDirectory(prefix="bench-tijdlijn-") as map_:
        pad = Path(map_) / "model.rgs"
        pad.write_text(tekst, "utf-8")
        model, _ = load_model([pad])
    return model


def _wissels(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per person an income (in cents), the month it changes and its value from then on (for half
    of the persons the same)."""
    rng = np.random.default_rng(11)
    basis = rng.integers(0, 400_000, n, dtype=np.int64)
    wissel = rng.integers(1, MAANDEN, n)
    nieuw = np.where(rng.random(n) < 0.5, rng.integers(0, 400_000, n, dtype=np.int64), basis)
    return basis, wissel, nieuw


def _inkomen(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Per person an income per month (in cents) that changes in a random month for half of them."""
    basis, wissel, nieuw = _wissels(n)
    return basis, np.stack([np.where(m < wissel, basis, nieuw) for m in range(MAANDEN)])


def _pop_stukken(model: ir.Model, n: int) -> Populatie:
    """The income of *wisselt* as a population's long table gives it (`id, vanaf, tot, waarde`, sorted
    by id, then vanaf): one stretch over the year for a person whose income stays, two for one whose
    income changes. The run builds the months from it (January and a row delta per month)."""
    from regelspraak.evaluate.periode_stukken import StukkenKolom

    basis, wissel, nieuw = _wissels(n)
    twee = nieuw != basis
    grenzen = np.array([maandbegin(JAAR, m).toordinal() for m in range(MAANDEN + 1)])
    rij = np.repeat(np.arange(n), np.where(twee, 2, 1))
    eerste = np.concatenate(([True], rij[1:] != rij[:-1]))
    waarde = np.where(eerste, basis[rij], nieuw[rij])
    vanaf = np.where(eerste, grenzen[0], grenzen[wissel[rij]])
    tot = np.where(eerste & twee[rij], grenzen[wissel[rij]], grenzen[MAANDEN])
    t = model.objecttypen["persoon"].attributen["inkomen"].type
    kol = StukkenKolom("maand", t, n, rij, vanaf, tot, Kolom(waarde, np.ones(len(rij), dtype=bool), 100))
    return Populatie({"persoon": Tabel("persoon", np.arange(n), {"inkomen": kol})}, {})


def _pop_maand(model: ir.Model, cellen: np.ndarray) -> Populatie:
    n = cellen.shape[1]
    t = model.objecttypen["persoon"].attributen["inkomen"].type
    kol = PeriodeKolom("maand", None, t, [Kolom(cellen[m], np.ones(n, dtype=bool), 100, vol=True)
                                          for m in range(MAANDEN)])
    return Populatie({"persoon": Tabel("persoon", np.arange(n), {"inkomen": kol})}, {})


def _pop_jaar(basis: np.ndarray) -> Populatie:
    n = len(basis)
    return Populatie({"persoon": Tabel("persoon", np.arange(n), {
        "inkomen": Kolom(basis, np.ones(n, dtype=bool), 100, vol=True)})}, {})


VERHOGING = Tijdlijn.maak("maand", [(date(JAAR, 1, 1), date(JAAR, 7, 1), Fraction(1250, 100)),
                                    (date(JAAR, 7, 1), date(JAAR + 1, 1, 1), Fraction(1375, 100))])


def _controleer(model: ir.Model, cellen: np.ndarray, pop: Populatie, tijdlijn: bool = True, k: int = 20) -> None:
    """The first k persons of the monthly run against the interpreter (the oracle)."""
    objecten = {}
    for i in range(k):
        lijn = Tijdlijn.maak("maand", [(maandbegin(JAAR, m), maandbegin(JAAR, m + 1), Fraction(int(cellen[m, i]), 100))
                                       for m in range(MAANDEN)])
        objecten[str(i)] = Invoer("persoon", {"inkomen": lijn if tijdlijn else Fraction(int(cellen[0, i]), 100)}, {})
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


GEVALLEN = ("jaar", "maand", "stukken", "constant", "gewoon")
UITLEG = {"jaar": "jaarmodel", "maand": "maandmodel, inkomen wisselt",
          "stukken": "maandmodel, inkomen wisselt, als stukken",
          "constant": "maandmodel, invoer constant over het jaar", "gewoon": "maandmodel, inkomen zonder tijdlijn"}


def _pop_constant(model: ir.Model, basis: np.ndarray) -> Populatie:
    """The monthly model with an income that is the same in every month: twelve month columns of equal
    content (twelve arrays, as a population file gives them; `jaar` None, so the run fixes the year
    and finds the equal months itself, and that costs in the figure)."""
    n = len(basis)
    t = model.objecttypen["persoon"].attributen["inkomen"].type
    kol = PeriodeKolom("maand", None, t, [Kolom(basis.copy(), np.ones(n, dtype=bool), 100, vol=True)
                                          for _ in range(MAANDEN)])
    return Populatie({"persoon": Tabel("persoon", np.arange(n), {"inkomen": kol})}, {})


def een(geval: str, n: int, runs: int) -> dict[str, object]:
    """One model in this process: the first run (cold: fresh memory) and `runs` more (warm), wall and
    CPU time of `vectorize.run` (the population is built in columns before each run, outside the
    time); the monthly runs are checked against the interpreter afterwards."""
    model = _model(geval != "jaar", geval != "gewoon")
    basis, cellen = _inkomen(n)
    params: dict[str, ir.Waarde] = {"verhoging": Fraction(1250, 100) if geval == "jaar" else VERHOGING}
    wand: list[float] = []
    cpu: list[float] = []
    for _ in range(runs + 1):
        pop = (_pop_jaar(basis) if geval in ("jaar", "gewoon") else _pop_maand(model, cellen) if geval == "maand"
               else _pop_stukken(model, n) if geval == "stukken" else _pop_constant(model, basis))
        w0, c0 = time.perf_counter(), time.process_time()
        res = vectorize.run(model, pop, date(JAAR, 1, 1), params)
        wand.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
        assert not res.terugval, res.terugval  # every rule in columns: no per-object fallback
    if geval != "jaar":
        _controleer(model, cellen if geval in ("maand", "stukken") else np.stack([basis] * MAANDEN), pop,
                    geval != "gewoon")
    return {"geval": geval, "koud": wand[0], "koud_cpu": cpu[0], "warm": statistics.median(wand[1:]),
            "warm_cpu": statistics.median(cpu[1:])}


def main(n: int, runs: int, processen: int, vasthouden: bool) -> int:
    """Each model in `processen` fresh processes, alternately (jaar, maand, stukken, constant, gewoon,
    jaar, …), so a change of load on the shared machine hits all cases alike; medians over the
    processes."""
    metingen: dict[str, list[dict[str, float]]] = {g: [] for g in GEVALLEN}
    load0 = os.getloadavg()
    for _ in range(processen):
        for geval in GEVALLEN:
            cmd = [sys.executable, __file__, "--een", geval, str(n), str(runs)] + (["vasthouden"] if vasthouden else [])
            uit = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            metingen[geval].append(json.loads(uit.strip().splitlines()[-1]))
    load1 = os.getloadavg()
    print(f"personen {n:,}  processen {processen} × (1 koud + {runs} warm)  ".replace(",", ".")
          + f"allocator {'vastgehouden' if vasthouden else 'standaard'}")
    print(f"load voor {load0[0]:.2f} {load0[1]:.2f} {load0[2]:.2f}, na {load1[0]:.2f} {load1[1]:.2f} {load1[2]:.2f}")
    med = {g: {k: statistics.median(float(m[k]) for m in ms) for k in ("koud", "koud_cpu", "warm", "warm_cpu")}
           for g, ms in metingen.items()}
    print(f"{'':44} {'koud':>9} {'koud cpu':>9} {'warm':>9} {'warm cpu':>9}")
    for g in GEVALLEN:
        r = med[g]
        print(f"{UITLEG[g]:44} {r['koud']:9.4f} {r['koud_cpu']:9.4f} {r['warm']:9.4f} {r['warm_cpu']:9.4f}")
    uitslag = 0
    for g in GEVALLEN[1:]:
        verh = {k: med[g][k] / med["jaar"][k] for k in med[g]}
        binnen = verh["warm_cpu"] <= GRENS
        uitslag |= 0 if binnen else 1
        print(f"{UITLEG[g]:44} " + " ".join(f"{verh[k]:8.1f}×" for k in ("koud", "koud_cpu", "warm", "warm_cpu"))
              + f"   grens {GRENS:.0f}× (warm cpu): {'binnen' if binnen else 'BOVEN'}")
    return uitslag


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "vasthouden"]
    if "vasthouden" in sys.argv[1:]:
        from regelspraak.evaluate import memory

        memory.vasthouden()
    if args and args[0] == "--een":
        print(json.dumps(een(args[1], int(args[2]), int(args[3]))))
        sys.exit(0)
    sys.exit(main(int(args[0]) if args else 1_000_000, int(args[1]) if len(args) > 1 else 3,
                  int(args[2]) if len(args) > 2 else 3, "vasthouden" in sys.argv[1:]))
