"""A scenario's population in partitions, and the evaluation of one run of partitions.

A generated population is a sequence of fixed partitions (`synthetic.DEEL` persons each, whole
households, each seeded on its own; see `synthetic.genereer`), so a chunk of memory (`blok`)
or a Dask task is just a range of partitions: the persons, their ids and weights, and so every
total, are the same whatever the chunk size, the number of workers or tasks. A Parquet folder
is one partition.

`evalueer` is what a worker runs: build the partitions' population once, evaluate it for every
parameter set (a variant of a sweep, or just the scenario), keep the columns the summary
needs and write the results file of these partitions. Everything it gets and returns pickles,
so it runs the same in this process and on a Dask worker.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.evaluate import vectorize
from regelspraak.evaluate.columns import Kolom, Populatie, Tabel
from regelspraak.model import ir
from regelspraak.simulate.armoedeval import Stap, verhoog
from regelspraak.simulate.scenario import Scenario

Floats = npt.NDArray[np.float64]

# Persons per run of partitions at most, however large `blok` (the memory bound) is: a run's
# columns are allocated afresh, and a smaller run reuses the memory the previous one freed. At
# 1 M persons, one run of 10 partitions cost 2.35-2.66 s CPU and 0.69 GB, runs of two 2.09-2.24 s
# and 0.28 GB (one process, the same figures); the fixed cost per run is a few milliseconds.
# The runs never depend on the number of processes (kernen.py), so a results folder has the same
# files on every machine; two partitions per run also spread 1 M persons evenly over two cores.
RUN = 200_000


def _rijen(map_: Path, model: ir.Model, bestanden: list[str]) -> int:
    """Objects in a partitioned population (all objecttypes), from the Parquet footers."""
    from regelspraak.simulate.arrow import pq
    from regelspraak.simulate.population import naam_sleutel

    namen = {naam_sleutel(ot.naam) for ot in model.objecttypen.values()}
    return sum(pq.ParquetFile(f).metadata.num_rows for d in map_.iterdir()
               if d.is_dir() and naam_sleutel(d.name) in namen for f in (d / b for b in bestanden) if f.is_file())


class Partities:
    """The scenario's population as partitions, for one or more model versions. A range of
    partitions is generated once and mapped onto each model, so two versions (or variants)
    see the same persons with the same weights."""

    def __init__(self, sc: Scenario, modellen: list[ir.Model]) -> None:
        self.modellen = modellen
        self.rekendatum = sc.rekendatum
        bron = sc.bestand.populatie
        self.map: Path | None = sc.relatief(bron.map) if bron.map is not None else None
        self._gelezen: list[Populatie] | None = None
        self._laatste: tuple[range, Any] | None = None  # the last generated range, for the next model
        self.bestanden: list[str] = []  # the partition files of a partitioned population folder
        if self.map is not None:
            from regelspraak.simulate.population import delen, lees_populatie

            self.bestanden = delen(self.map)
            if self.bestanden:  # partitioned: read where evaluated, one file per partition
                self.aantal = len(self.bestanden)
                self.personen = _rijen(self.map, modellen[0], self.bestanden)
                self.per_deel = -(-self.personen // self.aantal)  # a run is one file (scales may differ)
                return
            self._gelezen = [lees_populatie(self.map, m) for m in modellen]
            self.aantal = 1
            self.personen = sum(len(t) for t in self._gelezen[0].tabellen.values())
            self.per_deel = self.personen
            return
        from regelspraak.simulate.kalibratie import kalibreer
        from regelspraak.simulate.mapping import lees_mapping
        from regelspraak.simulate.synthetic import aantal_delen, parse_drempel

        assert bron.genereer is not None and bron.mapping is not None
        self._g = bron.genereer
        self._koppelingen = [lees_mapping(sc.relatief(bron.mapping), m) for m in modellen]
        self._drempels = [parse_drempel(d) for d in self._g.drempels]
        self._kalibratie = kalibreer(peildatum=self.rekendatum)  # ages and residents of the rekendatum
        self.personen = self._g.personen
        self.per_deel = self._g.deel
        self.aantal = aantal_delen(self._g.personen, self._g.deel)

    def __getstate__(self) -> dict[str, Any]:
        # A Parquet population is read where it is evaluated, not shipped to a worker.
        return {**self.__dict__, "_gelezen": None}

    def brokken(self, blok: int) -> list[range]:
        """Runs of whole partitions of at most `blok` persons, and at most `RUN` (at least one
        partition each)."""
        stap = 1 if self.bestanden else max(1, min(blok, RUN) // max(self.per_deel, 1))
        return [range(a, min(a + stap, self.aantal)) for a in range(0, self.aantal, stap)]

    def populatie(self, delen: range, model: int = 0) -> Populatie:
        """Partitions `delen` as a population of model version `model` (generated once per range)."""
        if self.map is not None and self.bestanden:
            from regelspraak.simulate.population import lees_populatie

            if len(delen) != 1:
                raise ValueError("een gepartitioneerde populatie wordt per bestand gelezen")
            return lees_populatie(self.map, self.modellen[model], self.bestanden[delen.start])
        if self.map is not None:
            if self._gelezen is None:
                from regelspraak.simulate.population import lees_populatie

                self._gelezen = [lees_populatie(self.map, m) for m in self.modellen]
            return self._gelezen[model]
        from regelspraak.simulate.mapping import pas_toe
        from regelspraak.simulate.synthetic import genereer

        laatste = self._laatste
        if laatste is None or laatste[0] != delen:
            laatste = (delen, genereer(self._g.personen, self._g.seed, peildatum=self.rekendatum,
                                       drempels=self._drempels, factor=self._g.factor, kalibratie=self._kalibratie,
                                       deel=self._g.deel, delen=delen))
            if len(self.modellen) > 1:  # kept for the next version only; one version shares no state
                self._laatste = laatste
        return pas_toe(self._koppelingen[model], laatste[1], self.modellen[model])

    def vergeet(self) -> None:
        """Drop the generated partitions kept for the next model version."""
        self._laatste = None


@dataclass(frozen=True)
class Taak:
    """What a worker needs: the partitions, the model, one parameter set per variant, which
    attributes the summary reads, and where results go (None: nowhere)."""

    partities: Partities
    model: ir.Model
    parameters: tuple[dict[str, ir.Waarde], ...]
    attributen: tuple[ir.Attribuut, ...]  # outputs and grouping attributes
    uitvoer: tuple[ir.Attribuut, ...]
    rekendatum: date
    resultaten: Path | None = None
    stap: Stap | None = None  # armoedeval: one more evaluation, first parameter set, income raised


@dataclass
class Deel:
    """One run of partitions, one parameter set: the columns the summary needs."""

    delen: range
    kolommen: dict[str, Kolom] = field(default_factory=dict)  # "objecttype|attribute" -> values
    gewichten: dict[str, Floats] = field(default_factory=dict)  # objecttype -> weights
    terugval: dict[str, str] = field(default_factory=dict)
    inconsistent: int = 0
    duur: dict[str, float] = field(default_factory=dict)  # phase -> CPU seconds of the thread that did it


def sleutel(a: ir.Attribuut) -> str:
    return f"{a.objecttype}|{a.naam.lower()}"


def kopie(pop: Populatie) -> Populatie:
    """A population whose columns may be written without touching `pop` (relations are shared:
    the engine does not change them)."""
    return Populatie({k: Tabel(t.objecttype, t.ids, {c: _kolom_kopie(v) for c, v in t.kolommen.items()}, t.gewicht)
                      for k, t in pop.tabellen.items()}, dict(pop.relaties))


def _kolom_kopie(k: Kolom) -> Kolom:
    """A copy of one column; a timeline on the period axis is copied month by month (reading it
    whole would need the run's berekeningsjaar, and would turn the axis into per-row timelines)."""
    from regelspraak.evaluate.periode_stukken import StukkenKolom
    from regelspraak.evaluate.vector_periode import PeriodeKolom

    if isinstance(k, StukkenKolom):  # stretches as read: never written (the run makes month cells of its own)
        return k
    if isinstance(k, PeriodeKolom):
        return PeriodeKolom(k.periode, k.jaar, k.type, [_kolom_kopie(c) for c in k.cellen])
    return Kolom(np.array(k.waarden, copy=True), k.geldig.copy(), k.noemer)


def draai(model: ir.Model, pop: Populatie, rekendatum: date, params: dict[str, ir.Waarde]) -> vectorize.Resultaat:
    try:
        return vectorize.run(model, pop, rekendatum, params)
    except vectorize.EngineFout as e:
        raise DiagnosticError([Diagnostic(e.code, Ernst.FOUT, e.bericht, e.regel.herkomst)]) from e


def bouw(taak: Taak, delen: range) -> tuple[Populatie, float]:
    """Partitions `delen` generated and mapped (thread-safe for one model version), and the
    seconds it took."""
    t0 = time.thread_time()
    pop = taak.partities.populatie(delen)
    return pop, time.thread_time() - t0


Schrijver = Callable[[range, Populatie], None]


def schrijf(taak: Taak, delen: range, pop: Populatie) -> float:
    """The results file of partitions `delen` (if the task has a results folder); seconds."""
    if taak.resultaten is None:
        return 0.0
    from regelspraak.simulate.resultaten import schrijf_deel

    t0 = time.thread_time()
    schrijf_deel(taak.resultaten, delen, taak.model, pop, taak.attributen)
    return time.thread_time() - t0


def evalueer(taak: Taak, delen: range, gebouwd: tuple[Populatie, float] | None = None,
             schrijver: Schrijver | None = None) -> list[Deel]:
    """Evaluate partitions `delen` for every parameter set of the task (the population built once,
    or given), and write the results file of the first parameter set: here, or through
    `schrijver` (which may do it on another thread)."""
    basis, bouwtijd = gebouwd if gebouwd is not None else bouw(taak, delen)
    uit: list[Deel] = []
    # The armoedeval's population with the income step, copied before any evaluation writes `basis`;
    # it is evaluated last, with the first parameter set, and its Deel comes after the variants'.
    sets = list(taak.parameters)
    verhoogd = None
    if taak.stap is not None:
        verhoogd = verhoog(kopie(basis), taak.stap)
        sets.append(taak.parameters[0])
    for i, params in enumerate(sets):
        if i == len(taak.parameters):
            assert verhoogd is not None
            pop = verhoogd
        else:
            pop = basis if i == len(taak.parameters) - 1 else kopie(basis)
        t0 = time.thread_time()
        res = draai(taak.model, pop, taak.rekendatum, params)
        d = Deel(delen, terugval=dict(res.terugval),
                 inconsistent=int(sum(int(m.sum()) for m in res.inconsistent.values())))
        d.duur["evalueren"] = time.thread_time() - t0
        for a in taak.attributen:
            kol = pop.tabellen[a.objecttype].kolommen[a.naam.lower()]
            d.kolommen[sleutel(a)] = Kolom(np.asarray(kol.waarden), np.asarray(kol.geldig), kol.noemer)
        for ot in {a.objecttype for a in taak.attributen}:
            t = pop.tabellen[ot]
            d.gewichten[ot] = t.gewicht if t.gewicht is not None else np.ones(len(t))
        if i == 0 and taak.resultaten is not None:
            if schrijver is not None:
                schrijver(delen, pop)
            else:
                d.duur["schrijven"] = schrijf(taak, delen, pop)
        uit.append(d)
    uit[0].duur["genereren"] = bouwtijd
    taak.partities.vergeet()
    return uit
