"""`simuleer` on several cores of this machine (simulate/kernen.py): forked workers take runs of
partitions beside this process; the summary and every results row equal one process, to the cent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from regelspraak.diagnostics import DiagnosticError
from regelspraak.simulate import kernen
from regelspraak.simulate import run as sim
from regelspraak.simulate.delen import Partities
from tests.unit.simulate.test_simulatie_delen import nieuwe_map, scenario

pytestmark = pytest.mark.skipif(not kernen.kan_vorken(), reason="fork is niet beschikbaar op dit platform")


def zonder_tijd(s: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in s.items() if k not in ("duur_s", "fasen_cpu_s")}


def dataset(map_: Path) -> dict[str, Any]:
    """Every results row per objecttype, the files read in partition order."""
    return {p.name: pa.concat_tables([pq.read_table(f) for f in sorted(p.glob("*.parquet"))]).to_pydict()
            for p in sorted(map_.iterdir()) if p.is_dir()}


@pytest.mark.parametrize("naam", ["zorgtoeslag-2025.yaml", "aow-2025.yaml", "toeslagen-2025.yaml"])  # + armoedeval
def test_two_cores_equal_one_process(tmp_path: Path, naam: str) -> None:
    sc = scenario(tmp_path / "sc", naam)
    een = nieuwe_map(tmp_path / "een")
    u1 = sim.simuleer(sc, resultaten=een)
    twee = nieuwe_map(tmp_path / "twee")
    u2 = sim.simuleer(sc, resultaten=twee, kernen=2)
    assert zonder_tijd(u1.samenvatting) == zonder_tijd(u2.samenvatting)
    assert dataset(een) == dataset(twee)
    # the same files, byte for byte: the runs never depend on the number of processes, so a results
    # folder is the same on every machine; several runs, so the second process had work to take
    bestanden = sorted(str(f.relative_to(een)) for f in een.glob("*/*.parquet"))
    assert bestanden == sorted(str(f.relative_to(twee)) for f in twee.glob("*/*.parquet"))
    assert len({b.split("/")[1] for b in bestanden}) > 1
    assert all((een / b).read_bytes() == (twee / b).read_bytes() for b in bestanden)
    assert set(u2.samenvatting["fasen_cpu_s"]) >= {"genereren", "evalueren", "schrijven"}


def test_runs_respect_the_memory_bound_whatever_the_cores() -> None:
    from regelspraak.simulate.delen import RUN

    class P:
        aantal, per_deel, bestanden = 180, 100_000, None  # 18 M persons

    runs = Partities.brokken(P(), 2_000_000)  # type: ignore[arg-type]
    assert max(len(r) for r in runs) * 100_000 <= RUN
    assert [i for r in runs for i in r] == list(range(180))


def test_a_worker_error_reaches_the_caller_as_diagnostics(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An error in a forked worker (here: every evaluation in a worker fails, none in this
    process) comes back as the same DiagnosticError a single process raises, not as a broken pool."""
    import os

    from regelspraak.diagnostics import Diagnostic, Ernst
    from regelspraak.simulate import delen

    hier, echt = os.getpid(), delen.draai

    def stuk(*args: Any) -> Any:
        if os.getpid() == hier:
            return echt(*args)
        raise DiagnosticError([Diagnostic("RS301", Ernst.FOUT, "Deling door nul.", None)])

    monkeypatch.setattr(delen, "draai", stuk)  # inherited by the forked workers
    with pytest.raises(DiagnosticError, match="Deling door nul"):
        sim.simuleer(scenario(tmp_path), kernen=2)


def test_a_population_folder_stays_in_this_process(tmp_path: Path) -> None:
    from regelspraak.simulate.delen import Partities

    sc = scenario(tmp_path)
    p = Partities(sc, [])
    assert sim.kernen_voor(2, p) == 2 and sim.kernen_voor(1, p) == 1 and sim.kernen_voor(64, p) == p.aantal
    p.map = tmp_path
    assert sim.kernen_voor(2, p) == 1


def test_cli_kernen_option(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from regelspraak.cli import app

    sc = scenario(tmp_path)
    r = CliRunner().invoke(app, ["simuleer", str(sc.pad), "--kernen", "0"])
    assert r.exit_code == 2 and "--kernen" in r.stderr and "1 of meer" in r.stderr
    uit = {}
    for k in ("1", "2"):
        r = CliRunner().invoke(app, ["simuleer", str(sc.pad), "--kernen", k, "--formaat", "json"])
        assert r.exit_code == 0, r.stdout
        uit[k] = r.stdout.split('"duur_s"')[0]
    assert uit["1"] == uit["2"]
