"""`analyseer` on several processes (analyses/kernen.py): the same findings, in the same order, with the
same coverage as in one process; an error in a worker stops the run as it would in one process."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from regelspraak.analyses import context, registry
from regelspraak.cli import app
from regelspraak.processen import kan_vorken
from regelspraak.report import findings as render

pytestmark = pytest.mark.skipif(not kan_vorken(), reason="fork is niet beschikbaar op dit platform")

ROOT = Path(__file__).resolve().parents[3]
runner = CliRunner()


def _run(kernen: int, alleen: frozenset[str] | None = None) -> tuple[str, list[str]]:
    ctx = context.load(ROOT / "wetten" / "zorgtoeslag", date(2025, 7, 1))
    stappen: list[str] = []
    findings, per = registry.run_all(ctx, stappen.append, alleen, kernen)
    rapport = {**render.as_json(findings, per), "dekking": render.dekking_json(ctx)}
    return json.dumps(rapport, ensure_ascii=False, sort_keys=False), stappen


def test_two_processes_give_the_report_of_one() -> None:
    """The whole report, byte for byte: findings, their order and numbered duplicates, counts, coverage
    (recorded in the order of ANALYSES, whichever worker ran an analysis); progress in that order too."""
    een, stappen_een = _run(1)
    twee, stappen_twee = _run(2)
    assert twee == een
    assert stappen_een == stappen_twee == [a.__name__ for a in registry.ANALYSES]
    assert json.loads(een)["bevindingen"]  # a report with findings, not two empty ones


@pytest.mark.parametrize("alleen", [
    frozenset({"sprong_en_klif", "stapeling", "regel_zonder_bron"}),  # the curves computed before the fork
    frozenset({"stapeling", "regel_zonder_bron"}),  # the stacking analysis sweeps the incomes in its worker
])
def test_only_some_analyses_on_two_processes(alleen: frozenset[str]) -> None:
    assert _run(2, alleen) == _run(1, alleen)


def test_the_wall_clock_budget_stops_a_run_on_two_processes_too() -> None:
    ctx = context.load(ROOT / "wetten" / "zorgtoeslag", date(2025, 7, 1), stop_na_s=1e-9)
    with pytest.raises(context.AnalyseGestopt):
        registry.run_all(ctx, kernen=2)


def test_cli_kernen_is_checked_and_says_the_same(tmp_path: Path) -> None:
    r = runner.invoke(app, ["analyseer", str(ROOT / "wetten" / "zorgtoeslag"), "--kernen", "0"])
    assert r.exit_code == 2 and "Traceback" not in r.output
    uit = [runner.invoke(app, ["analyseer", str(ROOT / "wetten" / "zorgtoeslag"), "--formaat", "json",
                               "--alleen", "conflicten", "--alleen", "sprong_en_klif", "--kernen", k]).stdout
           for k in ("1", "2")]
    assert uit[0] == uit[1] and json.loads(uit[0])["per_analyse"]["sprong_en_klif"] >= 0


def test_a_worker_that_dies_stops_the_run_instead_of_waiting() -> None:
    """A worker killed from outside (the kernel's out-of-memory killer) must not leave the run waiting for its
    result forever, as a multiprocessing Pool does; the error reaches the caller, no worker is left behind."""
    import multiprocessing
    import os
    import time
    from concurrent.futures.process import BrokenProcessPool
    from types import SimpleNamespace

    from regelspraak.analyses import kernen

    def traag(ctx: object) -> list[object]:
        time.sleep(30)  # still running when the other worker dies: stopped, not waited for
        return []

    def sterft(ctx: object) -> list[object]:
        os._exit(9)

    ctx: Any = SimpleNamespace(dekking={})
    begin = time.monotonic()
    with pytest.raises(BrokenProcessPool):
        list(kernen.uitkomsten(ctx, lambda c, a: a(c), [traag, sterft], 2))
    assert time.monotonic() - begin < 20
    assert multiprocessing.active_children() == []


def test_an_error_in_a_worker_reaches_the_caller_and_stops_the_others() -> None:
    import multiprocessing
    import time
    from types import SimpleNamespace

    from regelspraak.analyses import kernen

    def fout(ctx: object) -> list[object]:
        raise context.AnalyseGestopt(1.0)

    def traag(ctx: object) -> list[object]:
        time.sleep(30)
        return []

    ctx: Any = SimpleNamespace(dekking={})
    begin = time.monotonic()
    with pytest.raises(context.AnalyseGestopt):
        list(kernen.uitkomsten(ctx, lambda c, a: a(c), [fout, traag], 2))
    assert time.monotonic() - begin < 20
    assert multiprocessing.active_children() == []


def test_cli_says_in_dutch_that_a_worker_fell_away(monkeypatch: pytest.MonkeyPatch) -> None:
    from concurrent.futures.process import BrokenProcessPool

    def weg(*args: object, **kwargs: object) -> object:
        raise BrokenProcessPool("A process in the process pool was terminated abruptly")

    monkeypatch.setattr(registry, "run_all", weg)
    r = runner.invoke(app, ["analyseer", str(ROOT / "wetten" / "zorgtoeslag"), "--formaat", "json"])
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "RS408" in r.output and "werkproces" in r.output and "--kernen 1" in r.output


def test_a_finished_run_stops_its_workers_cleanly(monkeypatch: pytest.MonkeyPatch) -> None:
    """run_all takes one result per analysis and asks no more: the generator stayed at its last yield, so
    every finished run went through the error path (workers killed, no waiting) when it was let go."""
    from regelspraak.analyses import kernen

    gevraagd: list[bool] = []
    echte = kernen.ProcessPoolExecutor.shutdown

    def shutdown(self: Any, wait: bool = True, *, cancel_futures: bool = False) -> None:
        gevraagd.append(wait)
        echte(self, wait=wait, cancel_futures=cancel_futures)

    monkeypatch.setattr(kernen.ProcessPoolExecutor, "shutdown", shutdown)
    ctx = context.load(ROOT / "wetten" / "zorgtoeslag", date(2025, 7, 1))
    registry.run_all(ctx, alleen=frozenset({"regel_zonder_bron", "ongebruikt_artikel"}), kernen=2)
    assert gevraagd and gevraagd[0] is True


def test_an_error_that_cannot_be_pickled_comes_back_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception whose class does not pickle broke the pool, and the CLI then blamed memory (RS408). Checked
    with exceptions pickled along with their context, as tblib makes them (Dask installs it): the CI's test
    worker had loaded it, and a WerkerFout that still carried the original in its context did not pickle, so
    the forked worker died (BrokenProcessPool) instead of reporting."""
    import copyreg
    import pickle
    from types import SimpleNamespace

    from tblib import pickling_support

    from regelspraak.analyses import kernen
    from regelspraak.evaluate.vectorize import EngineFout

    class Eigen(Exception):
        def __init__(self, a: str, b: str) -> None:
            super().__init__(a)

    def fout(ctx: object) -> list[object]:
        raise Eigen("de oorzaak", "tweede")

    def goed(ctx: object) -> list[object]:
        return []

    ctx: Any = SimpleNamespace(dekking={})
    monkeypatch.setattr(kernen, "_RUN", (ctx, lambda c, a: a(c), {"goed": goed, "fout": fout}))
    voor = dict(copyreg.dispatch_table)
    pickling_support.install(kernen.WerkerFout, AttributeError, TypeError, pickle.PicklingError)
    try:
        assert kernen._werk("goed") == ([], None)
        with pytest.raises(kernen.WerkerFout, match="Eigen: de oorzaak") as fout_info:
            kernen._werk("fout")
        assert "raise Eigen" in str(pickle.loads(pickle.dumps(fout_info.value)))  # the traceback, as text
    finally:
        copyreg.dispatch_table.clear()
        copyreg.dispatch_table.update(voor)
    e = pickle.loads(pickle.dumps(EngineFout("RS206", "deling door nul", None)))  # type: ignore[arg-type]
    assert (e.code, e.bericht) == ("RS206", "deling door nul")


