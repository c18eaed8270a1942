"""Run a scenario over a population, in chunks, and summarise the outputs per group.

Every individual amount is exact (the vectorised engine). Population totals are weighted
estimates: generated persons stand for many residents, so totals and counts are statistics,
summed exactly (`samenvatting.py`) and reported rounded (euros, persons) — never fed back into a
rule. The population is a sequence of fixed partitions (`delen.py`); a chunk (`blok`, memory)
or a Dask task (`cluster.py`) is a run of them, so neither changes any figure.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.evaluate.columns import Populatie
from regelspraak.inputs.files import read_parameter_files
from regelspraak.inputs.names import strip_lidwoord
from regelspraak.inputs.values import WaardeFout, convert
from regelspraak.model import folder, ir
from regelspraak.model.from_syntax import load_model
from regelspraak.simulate.armoedeval import samenvatting as armoedeval_samenvatting
from regelspraak.simulate.armoedeval import voorbereid
from regelspraak.simulate.delen import Deel, Partities, Taak, evalueer, sleutel
from regelspraak.simulate.delen import schrijf as schrijf_deel
from regelspraak.simulate.population_tijd import weiger_buiten_as, weiger_tijdlijn_uitvoer
from regelspraak.simulate.resultaten import SAMENVATTING
from regelspraak.simulate.samenvatting import groepen, samenvatting
from regelspraak.simulate.scenario import Scenario, Uitvoering

__all__ = ["Kolomdata", "Uitkomst", "groepen", "parameters", "schrijf", "simuleer", "simuleer_varianten"]

Floats = npt.NDArray[np.float64]


@dataclass
class Kolomdata:
    """One output or grouping attribute over all rows of all chunks."""

    waarden: list[npt.NDArray[Any]] = field(default_factory=list)  # numerators (numbers) or codes
    geldig: list[npt.NDArray[np.bool_]] = field(default_factory=list)
    noemer: int = 1

    def samen(self) -> tuple[npt.NDArray[Any], npt.NDArray[np.bool_]]:
        """All rows; concatenated once (the summary reads a column several times)."""
        if not self.waarden:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
        if len(self.waarden) > 1:
            self.waarden, self.geldig = [np.concatenate(self.waarden)], [np.concatenate(self.geldig)]
        return self.waarden[0], self.geldig[0]


@dataclass
class Uitkomst:
    scenario: str
    rekendatum: str
    personen: int
    duur_s: float
    objecttype: dict[str, str]  # uitvoer/groepering attribute key -> objecttype key
    gewichten: dict[str, list[Floats]]  # objecttype -> weights per chunk
    kolommen: dict[str, Kolomdata]  # "objecttype|attribute" -> data
    terugval: dict[str, str]
    inconsistent: int
    samenvatting: dict[str, Any] = field(default_factory=dict)

    def gewicht(self, ot: str) -> Floats:
        ws = self.gewichten.get(ot, [])
        if len(ws) > 1:
            ws = self.gewichten[ot] = [np.concatenate(ws)]
        return ws[0] if ws else np.zeros(0)

    def voeg_toe(self, d: Deel, attributen: tuple[ir.Attribuut, ...]) -> None:
        """Append one run of partitions (runs arrive in partition order). An attribute named twice
        (two groupings of one attribute, as the AOW scenario's age classes) is appended once."""
        self.terugval.update(d.terugval)
        self.inconsistent += d.inconsistent
        for a in {sleutel(a): a for a in attributen}.values():
            key = sleutel(a)
            kol = d.kolommen[key]
            data = self.kolommen.setdefault(key, Kolomdata())
            if data.waarden and kol.noemer != data.noemer:
                raise DiagnosticError([Diagnostic("RS206", Ernst.FOUT, f"'{a.naam}' wisselt van schaal tussen "
                                                  "blokken.", a.herkomst)])
            data.waarden.append(kol.waarden)
            data.geldig.append(kol.geldig)
            data.noemer = kol.noemer
            self.objecttype[key] = a.objecttype
        for ot, w in d.gewichten.items():
            self.gewichten.setdefault(ot, []).append(w)


def scenario_attribuut(model: ir.Model, objecttype: str, naam: str, sc: Scenario,
                       veld: tuple[str | int, ...]) -> ir.Attribuut:
    """The attribute an `uitvoer` or `groeperingen` entry (at `veld`) names; RS901 at that entry's line."""
    ot = model.objecttypen.get(strip_lidwoord(objecttype))
    if ot is None:
        raise sc.fout((*veld, "objecttype"), f"Onbekend objecttype '{objecttype}' in het scenario; het model kent "
                      f"{', '.join(sorted(model.objecttypen))}.")
    a = ot.attributen.get(strip_lidwoord(naam))
    if a is None:
        raise sc.fout((*veld, "attribuut"), f"'{naam}' is geen attribuut van {ot.naam}.")
    return a


def parameters(model: ir.Model, files: folder.ModelFiles, sc: Scenario,
               extra: dict[str, Any] | None = None) -> dict[str, ir.Waarde]:
    params = read_parameter_files(list(files.parameters), model, model.eenheden, sc.rekendatum)[0]
    for naam, v in {**sc.bestand.parameters, **(extra or {})}.items():
        p_ = model.parameters.get(strip_lidwoord(naam))
        if p_ is None:
            raise sc.fout(("parameters", naam), f"Onbekende parameter '{naam}' in het scenario.")
        try:
            params[strip_lidwoord(naam)] = convert(v, p_.type, model.eenheden)
        except WaardeFout as e:
            raise sc.fout(("parameters", naam), f"Parameter '{naam}': {e}") from e
    return params


def _verdeling(sc: Scenario, partities: Partities, werkers: int | None) -> list[range]:
    """The runs of partitions evaluated as one piece: chunks of `blok` persons in one process;
    on a cluster about four tasks per worker (none larger than `blok`), so the work spreads."""
    brokken = partities.brokken(sc.bestand.populatie.blok)
    if not werkers or werkers <= 1 or partities.aantal <= 1:
        return brokken
    per_taak = -(-partities.aantal // (4 * werkers))
    stap = max(1, min(per_taak, len(brokken[0])))
    return [range(a, min(a + stap, partities.aantal)) for a in range(0, partities.aantal, stap)]


def kernen_voor(gevraagd: int, partities: Partities) -> int:
    """How many processes share the runs: only a generated population (nothing read through
    Arrow before the workers fork), where fork exists, and never more than there are partitions."""
    if gevraagd <= 1 or partities.map is not None or partities.aantal < 2:
        return 1
    from regelspraak.simulate.kernen import kan_vorken

    return min(gevraagd, partities.aantal) if kan_vorken() else 1


def _pijplijn(taak: Taak, stukken: list[range], voortgang: Callable[[int, int], None] | None,
              kernen: int = 1) -> list[list[Deel]]:
    """Chunks in one process; a chunk's results file is written on a second thread while the next
    chunk is generated and evaluated (Arrow encodes and compresses without the GIL, in its own
    memory pool). Generation stays on this thread: glibc gives other threads small arenas, so
    their large arrays would be mapped and faulted in afresh for every chunk (measured: 45% more
    page faults, no gain). At most one write is in flight, so memory stays bounded. With `kernen`
    > 1, forked workers take chunks beside this process (`kernen.py`); they write their own files."""
    from concurrent.futures import Future, ThreadPoolExecutor

    per_stuk: list[list[Deel]] = []
    lopend: list[Future[float]] = []
    schrijftijd = 0.0
    # No thread starts before the first submit, so forked workers (kernen.py) start from one thread.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="simuleer-schrijven") as pool:

        def schrijver(stuk: range, pop: Populatie) -> None:
            nonlocal schrijftijd
            while lopend:
                schrijftijd += lopend.pop(0).result()
            lopend.append(pool.submit(schrijf_deel, taak, stuk, pop))

        sch = schrijver if taak.resultaten is not None else None
        if kernen > 1:
            from regelspraak.simulate.kernen import evalueer_op_kernen

            per_stuk = evalueer_op_kernen(taak, stukken, kernen, lambda stuk, s: evalueer(taak, stuk, None, s),
                                          sch, voortgang)
        else:
            for i, stuk in enumerate(stukken):
                per_stuk.append(evalueer(taak, stuk, None, sch))
                if voortgang is not None:
                    voortgang(i + 1, len(stukken))
        while lopend:
            schrijftijd += lopend.pop(0).result()
    if per_stuk and taak.resultaten is not None:
        eerste = per_stuk[0][0].duur
        eerste["schrijven"] = eerste.get("schrijven", 0.0) + schrijftijd
    return per_stuk


def simuleer(sc: Scenario, *, extra_parameters: dict[str, Any] | None = None, model_pad: Path | None = None,
             voortgang: Callable[[int, int], None] | None = None, resultaten: Path | None = None,
             uitvoering: Uitvoering | None = None, kernen: int = 1) -> Uitkomst:
    """Run the scenario (optionally on another model version or with extra parameter values).
    With `resultaten` (a fresh folder, see `report.atomic.schrijf_map`) every run of partitions writes its
    results file there and `samenvatting.json` is written last. With `uitvoering` the partitions
    run on a Dask cluster, with `kernen` > 1 a generated population on that many cores of this
    machine (`kernen.py`); the outcome is the same to the cent."""
    return simuleer_varianten(sc, [extra_parameters or {}], model_pad=model_pad, voortgang=voortgang,
                              resultaten=resultaten, uitvoering=uitvoering, kernen=kernen)[0]


def simuleer_varianten(sc: Scenario, varianten: list[dict[str, Any]], *, model_pad: Path | None = None,
                       voortgang: Callable[[int, int], None] | None = None, resultaten: Path | None = None,
                       uitvoering: Uitvoering | None = None, kernen: int = 1) -> list[Uitkomst]:
    """One pass over the population for several parameter sets: each run of partitions is
    generated and mapped once and evaluated per set. Results files (if any) are of the first."""
    start, cpu = time.perf_counter(), time.thread_time()
    files = folder.find(model_pad or sc.relatief(sc.bestand.model))
    model, diags = load_model(list(files.rgs))
    if any(d.is_fout for d in diags):
        raise DiagnosticError(diags)
    weiger_buiten_as(model, sc.pad)  # timelines per maand/jaar run on the period axis (issue 11)
    params = tuple(parameters(model, files, sc, extra) for extra in varianten)
    uitvoer = [scenario_attribuut(model, u.objecttype, u.attribuut, sc, ("uitvoer", i))
               for i, u in enumerate(sc.bestand.uitvoer)]
    groep_attrs = [scenario_attribuut(model, g.objecttype, g.attribuut, sc, ("groeperingen", i))
                   for i, g in enumerate(sc.bestand.groeperingen)]
    weiger_tijdlijn_uitvoer([*uitvoer, *groep_attrs], sc.pad)
    armoedeval = sc.bestand.armoedeval
    stap, ae_uitvoer = voorbereid(model, armoedeval, sc) if armoedeval is not None else (None, [])
    attributen = tuple({sleutel(a): a for a in [*uitvoer, *groep_attrs, *ae_uitvoer]}.values())
    partities = Partities(sc, [model])
    taak = Taak(partities, model, params, attributen, tuple(uitvoer), sc.rekendatum, resultaten, stap)
    werkers = uitvoering.werkers if uitvoering is not None else None
    stukken = _verdeling(sc, partities, werkers)
    op_kernen = uitvoering is None or not uitvoering.actief
    kernen = kernen_voor(kernen, partities) if op_kernen else 1
    fasen: dict[str, float] = {"voorbereiden": time.thread_time() - cpu}
    if uitvoering is not None and uitvoering.actief:
        from regelspraak.simulate.cluster import evalueer_verdeeld

        per_stuk = evalueer_verdeeld(taak, stukken, uitvoering, voortgang)
    else:
        per_stuk = _pijplijn(taak, stukken, voortgang, kernen)
    for gedaan in per_stuk:
        for fase, s in gedaan[0].duur.items():
            fasen[fase] = fasen.get(fase, 0.0) + s
        for v in gedaan[1:]:
            fasen["evalueren"] = fasen.get("evalueren", 0.0) + v.duur.get("evalueren", 0.0)
    uitkomsten = []
    for j in range(len(varianten)):
        u = Uitkomst(sc.bestand.naam, sc.rekendatum.isoformat(), partities.personen, 0.0, {}, {}, {}, {}, 0)
        for gedaan in per_stuk:
            u.voeg_toe(gedaan[j], attributen)
        uitkomsten.append(u)
    t = time.thread_time()
    for u in uitkomsten:
        u.samenvatting = samenvatting(u, model, uitvoer, sc.bestand.groeperingen, groep_attrs, sc.bestand.per)
        # What `personen` counts: generated persons, or every object read from a population folder.
        u.samenvatting["populatie"] = "map" if sc.bestand.populatie.map is not None else "gegenereerd"
    if armoedeval is not None:  # the step's evaluation is the last Deel of every run of partitions
        verhoogd = Uitkomst(sc.bestand.naam, sc.rekendatum.isoformat(), partities.personen, 0.0, {}, {}, {}, {}, 0)
        for gedaan in per_stuk:
            verhoogd.voeg_toe(gedaan[-1], attributen)
        uitkomsten[0].samenvatting["armoedeval"] = armoedeval_samenvatting(
            uitkomsten[0], verhoogd, armoedeval, ae_uitvoer, sc.bestand.groeperingen, groep_attrs)
    fasen["samenvatten"] = time.thread_time() - t
    duur = time.perf_counter() - start
    for u in uitkomsten:
        u.duur_s = duur
        u.samenvatting["duur_s"] = round(duur, 2)
        u.samenvatting["fasen_cpu_s"] = {k: round(v, 2) for k, v in fasen.items()}  # summed over threads/workers
    return uitkomsten


def schrijf(u: Uitkomst, doel: Path) -> None:
    """`samenvatting.json` in a results folder (the Parquet files are written per partition)."""
    (doel / SAMENVATTING).write_text(json.dumps(u.samenvatting, ensure_ascii=False, indent=2) + "\n", "utf-8")
