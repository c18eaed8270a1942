"""Runs of partitions on a Dask cluster (`dask[distributed]`): an embedded `LocalCluster`, or an
existing scheduler at an address.

The task (model, parameter sets, partition plan, mapping, calibration) is sent to every worker
once; each worker generates, maps, evaluates and writes its runs of partitions and returns the
columns the summary needs. The results come back in partition order, so the summary is the same
as in one process, to the cent. Results files are written by the workers: on a real cluster the
results folder must be on a file system every worker sees (docs/simulatie.md).
"""

from __future__ import annotations

import functools
import importlib
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.evaluate import memory
from regelspraak.simulate.delen import Deel, Taak, evalueer
from regelspraak.simulate.scenario import Uitvoering


def _fout(bericht: str) -> DiagnosticError:
    return DiagnosticError([Diagnostic("RS711", Ernst.FOUT, bericht, None)])


@contextmanager
def verbinding(uitvoering: Uitvoering) -> Iterator[Any]:
    """A Dask client: to `uitvoering.cluster`, or to a LocalCluster of `werkers` workers (one
    thread each: the engine is single-threaded numpy, a second thread per worker gains nothing)."""
    try:
        dd: Any = importlib.import_module("distributed")  # untyped: kept to Any in this one place
    except ImportError as e:  # pragma: no cover - the test extra installs it
        raise _fout("Voor --werkers of --cluster is dask[distributed] nodig "
                    "(pip install 'regelspraak[cluster]').") from e
    if uitvoering.cluster is not None:
        try:
            client = dd.Client(uitvoering.cluster, timeout="10s")
        except (OSError, TimeoutError) as e:
            raise _fout(f"Geen Dask-cluster bereikbaar op {uitvoering.cluster}: {e}") from e
        try:
            yield client
        finally:
            client.close()
        return
    # Processes talk TCP bound to this machine only (threads use inproc://); a free port for the
    # dashboard, never the fixed 8787 another cluster may hold.
    plaats: dict[str, Any] = {"host": "127.0.0.1"} if uitvoering.processen else {}
    if uitvoering.processen and memory.OMGEVING not in os.environ:
        # The worker processes run only this engine: they keep freed column memory, as `simuleer`
        # does in one process (Dask's nanny starts them with MALLOC_TRIM_THRESHOLD_=64 KiB, which
        # hands every freed column back and faults it in again: at 4 M persons 4.2 s of system time
        # against 0.45 s with --kernen). Not by MALLOC_* variables: the nanny sets `env` inside the
        # started process, after glibc has read them; the task opts in (`_op_werker`). A value the
        # user set (`standaard`, `kleine-paginas`) the workers inherit as it is.
        plaats["env"] = {memory.OMGEVING: "vasthouden"}
    with dd.LocalCluster(n_workers=uitvoering.werkers or 1, threads_per_worker=1, processes=uitvoering.processen,
                         dashboard_address=":0", silence_logs=logging.ERROR, **plaats) as cluster, \
            dd.Client(cluster) as client:
        yield client


T = TypeVar("T")
R = TypeVar("R")


def verdeel(functie: Callable[[T, range], R], taak: T, stukken: list[range], uitvoering: Uitvoering,
            voortgang: Callable[[int, int], None] | None = None) -> list[R]:
    """`functie(taak, stuk)` for every run of partitions on the cluster, results in partition
    order. The task is sent to each worker once."""
    dd: Any = importlib.import_module("distributed")
    with verbinding(uitvoering) as client:
        gedeeld = client.scatter(taak, broadcast=True)
        futures = client.map(functools.partial(_op_werker, functie), [gedeeld] * len(stukken), stukken, pure=False)
        klaar = 0
        for _ in dd.as_completed(futures):
            klaar += 1
            if voortgang is not None:
                voortgang(klaar, len(stukken))
        uit: list[R] = client.gather(futures)
        return uit


def _op_werker(functie: Callable[[T, range], R], taak: T, stuk: range) -> R:
    """`functie(taak, stuk)` in a worker, after the allocator opt-in its environment asks for: set by
    `verbinding` for the processes of its own LocalCluster, by the operator on a cluster of their own
    (REGELSPRAAK_GEHEUGEN=vasthouden in the workers' environment, docs/simulatie.md); else nothing."""
    memory.volgens_omgeving()
    return functie(taak, stuk)


def evalueer_verdeeld(taak: Taak, stukken: list[range], uitvoering: Uitvoering,
                      voortgang: Callable[[int, int], None] | None = None) -> list[list[Deel]]:
    """`evalueer(taak, stuk)` for every run of partitions on the cluster, in partition order."""
    return verdeel(evalueer, taak, stukken, uitvoering, voortgang)
