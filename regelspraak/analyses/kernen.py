"""The analyses of one run on the cores of this machine: forked worker processes, the results taken
in the order of ANALYSES.

Each analysis is a plain function of the run's context with a z3 budget of its own (its resource
units, never seconds), so which process runs it changes nothing it finds. The workers are forked
from this process after the context is built, so they start with the model, the parameters and the
templates in memory; an analysis that another worker ran before it in the same process may find its
results in the context's cache (the output curves, z3 answers), which saves time and changes no
verdict (a cached z3 answer books the same units as the question did). Its findings and what it
covered come back to this process, which records the coverage in the order of ANALYSES, so the
report is the one a single process writes (tests/unit/analyses/test_analyses_kernen.py).

Off Linux, or with one core, everything runs in this process (simulate/kernen.py says why: fork).

>>> [len(fs) for fs in uitkomsten(None, lambda ctx, a: a(ctx), [lambda ctx: [], lambda ctx: []], kernen=1)]
[0, 0]
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
import traceback
from collections.abc import Callable, Generator
from concurrent.futures import ProcessPoolExecutor

from regelspraak.analyses.context import Context, Dekking
from regelspraak.analyses.findings import Finding
from regelspraak.processen import kan_vorken

Analyse = Callable[[Context], list[Finding]]
Een = Callable[[Context, Analyse], list[Finding]]

# The run's context and analyses, set before the workers are forked: they inherit them, nothing is pickled
_RUN: tuple[Context, Een, dict[str, Analyse]] | None = None


def _stil() -> None:
    """In a forked worker, first: its own (silent) standard streams. A worker reports through its
    results only, and a stream object it shares with the parent may be locked by a thread the fork
    did not copy (the progress display's), which would hang the worker at its first write."""
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # kept open for the worker's lifetime
    sys.stderr = open(os.devnull, "w", encoding="utf-8")


class WerkerFout(Exception):
    """An error in a worker that cannot make the trip back as itself (its class does not pickle): its type,
    message and traceback as text, so the caller sees what happened, not a broken pool."""


def _werk(naam: str) -> tuple[list[Finding], Dekking | None]:
    """In a forked worker: one analysis on the inherited context; its findings and coverage."""
    assert _RUN is not None
    ctx, een, analyses = _RUN
    try:
        fs = een(ctx, analyses[naam])
    except Exception as e:
        try:
            pickle.loads(pickle.dumps(e))
        except Exception:
            tekst = f"{type(e).__name__}: {e}\n{traceback.format_exc()}"
        else:
            raise
    else:
        return fs, ctx.dekking.get(naam)
    # Raised outside the except block, so it carries no __context__: where exceptions pickle with their
    # context (tblib, which Dask installs), the unpicklable original would travel along and kill the worker.
    raise WerkerFout(tekst)


def uitkomsten(ctx: Context, een: Een, analyses: list[Analyse], kernen: int,
               volgorde: list[Analyse] | None = None) -> Generator[list[Finding], None, None]:
    """The findings of each of `analyses`, in their order, computed on `kernen` processes (`een(ctx, a)`
    in each, handed out in `volgorde`: the longest first); the coverage of each is recorded in `ctx`
    when its findings are taken. An error in a worker (the wall-clock budget spent, a model it cannot
    encode) is raised here and stops the others; a worker that dies (out of memory) raises
    BrokenProcessPool rather than leaving the run waiting."""
    if kernen <= 1 or not kan_vorken():
        for a in analyses:
            yield een(ctx, a)
        return
    global _RUN
    _RUN = (ctx, een, {a.__name__: a for a in analyses})
    pool = ProcessPoolExecutor(max_workers=min(kernen, len(analyses)), mp_context=multiprocessing.get_context("fork"),
                               initializer=_stil)
    klaar = False
    try:
        # all handed out at once, one at a time to whichever worker comes free; taken back in order
        futures = {}
        for a in [*(volgorde or []), *analyses]:  # `volgorde` first; any it leaves out after it
            if a.__name__ not in futures:
                futures[a.__name__] = pool.submit(_werk, a.__name__)
        for i, a in enumerate(analyses):
            fs, dekking = futures[a.__name__].result()
            if dekking is not None:
                ctx.dekking[a.__name__] = dekking
            if i == len(analyses) - 1:
                # Every result is in: the workers stop cleanly now, not when the caller lets go of this
                # generator (it takes the last result and does not ask for more).
                klaar = True
                pool.shutdown(wait=True)
                _RUN = None
            yield fs
    finally:
        if not klaar:
            # An error or an abandoned run: no worker goes on with its analysis. The executor has no
            # public way to stop a running worker before Python 3.14 (`terminate_workers`).
            processen = list((getattr(pool, "_processes", None) or {}).values())
            for proces in processen:
                proces.terminate()
            for proces in processen:
                proces.join(5)
        # Waits for the executor's own thread too: a next run must not fork its workers while that thread
        # still tidies up the broken pool (a worker forked then was seen to die at once).
        pool.shutdown(wait=True, cancel_futures=True)
        _RUN = None
