"""Runs of partitions on the cores of this machine: forked worker processes beside this one.

The engine is single-threaded numpy, so one process uses one core. `simuleer` (the CLI) runs
the runs of partitions of a *generated* population on every core it may use: this process
takes runs itself and `kernen - 1` forked processes take the others, each generating,
evaluating and writing its own (delen.py: a run of partitions is seeded on its own, so which
process does it changes nothing). The results come back in partition order, so every total
is the one a single process computes, to the cent (tests/unit/simulate/test_simulatie_kernen.py).

Why fork, not Dask or spawn: a forked worker starts in milliseconds with the model, the
mapping and the calibration already in memory; a spawned one imports and rebuilds them
(about a second, the whole run at 1 M persons). Forking is safe here because the workers are
started before this process starts any thread of its own (the results writer, Arrow's pools:
nothing reads or writes Parquet before the runs for a generated population), and a worker
only computes and writes its own files. Off Linux (no fork on Windows; on macOS the system
libraries are not fork-safe), or with one core, everything runs in this process.

Memory: each process holds one run of partitions at a time (at most `delen.RUN` persons), so the
machine holds at most `kernen` runs. The runs are the same for every number of processes, so a
results folder has the same files, byte for byte, whatever machine wrote it.

>>> beschikbaar() >= 1  # the cores `simuleer` uses by default
True
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from regelspraak.processen import beschikbaar, kan_vorken
from regelspraak.simulate.delen import Deel, Schrijver, Taak, evalueer

__all__ = ["beschikbaar", "evalueer_op_kernen", "kan_vorken"]

_TAAK: Taak | None = None  # the task of the running simulation, inherited by the forked workers


def _werk(stuk: range) -> list[Deel]:
    """In a forked worker: one run of partitions of the inherited task, its results file written here."""
    assert _TAAK is not None
    return evalueer(_TAAK, stuk)


def evalueer_op_kernen(taak: Taak, stukken: list[range], kernen: int,
                       eigen: Callable[[range, Schrijver | None], list[Deel]],
                       schrijver: Schrijver | None,
                       voortgang: Callable[[int, int], None] | None = None) -> list[list[Deel]]:
    """Every run of `stukken`, in order: `kernen - 1` forked workers and this process (through
    `eigen`, which may hand its results file to `schrijver`) take the next run when they are free."""
    global _TAAK
    uit: dict[int, list[Deel]] = {}
    open_ = deque(enumerate(stukken))
    lopend: dict[Future[list[Deel]], int] = {}
    werkers = kernen - 1
    _TAAK = taak
    try:
        with ProcessPoolExecutor(max_workers=werkers, mp_context=multiprocessing.get_context("fork")) as pool:

            def vul() -> None:  # one run in hand and one waiting per worker, so none idles
                while open_ and len(lopend) < 2 * werkers:
                    i, stuk = open_.popleft()
                    lopend[pool.submit(_werk, stuk)] = i

            def oogst(klaar: set[Future[list[Deel]]]) -> None:
                for f in klaar:
                    uit[lopend.pop(f)] = f.result()
                    if voortgang is not None:
                        voortgang(len(uit), len(stukken))

            vul()  # the workers are forked here, before this process starts a thread
            while open_:
                i, stuk = open_.popleft()
                uit[i] = eigen(stuk, schrijver)
                if voortgang is not None:
                    voortgang(len(uit), len(stukken))
                oogst({f for f in lopend if f.done()})
                vul()
            while lopend:
                oogst(wait(lopend, return_when=FIRST_COMPLETED).done)
    finally:
        _TAAK = None
    return [uit[i] for i in range(len(stukken))]
