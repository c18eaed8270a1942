"""A simulation does not depend on how it is cut: the population, every total and every results
row are the same whatever the chunk size (`blok`), the number of runs of partitions (tasks) or
Dask workers — to the cent. Reproduces issue 15 (blok 300000 vs 100000 gave different budgets)."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from regelspraak.simulate import run as sim
from regelspraak.simulate import scenario as scen
from regelspraak.simulate.delen import Partities, Taak, evalueer
from regelspraak.simulate.kalibratie import kalibreer
from regelspraak.simulate.synthetic import genereer


def nieuwe_map(pad: Path) -> Path:
    """An empty results folder (in the CLI `report.atomic.schrijf_map` gives one)."""
    pad.mkdir(parents=True)
    return pad

ROOT = Path(__file__).resolve().parents[3]


def scenario(tmp: Path, naam: str = "zorgtoeslag-2025.yaml", **over: Any) -> scen.Scenario:
    data = yaml.safe_load((ROOT / "simulaties" / naam).read_text("utf-8"))
    data["model"] = str(ROOT / data["model"].removeprefix("../"))
    data["populatie"]["mapping"] = str(ROOT / "simulaties" / data["populatie"]["mapping"])
    data["populatie"]["genereer"].update({"personen": 30_000, "deel": 5_000})
    data["populatie"]["blok"] = over.pop("blok", 10_000)
    data.pop("resultaten", None)
    data.update(over)
    tmp.mkdir(parents=True, exist_ok=True)
    pad = tmp / naam
    pad.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return scen.read(pad)


def _zonder_tijd(s: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in s.items() if k not in ("duur_s", "fasen_cpu_s")}


def _dataset(map_: Path) -> dict[str, Any]:
    return {p.name: pa.concat_tables([pa.parquet.read_table(f) for f in sorted(p.glob("*.parquet"))]).to_pydict()
            for p in sorted(map_.iterdir()) if p.is_dir()}


def test_population_is_the_same_in_any_partition_ranges() -> None:
    kal = kalibreer()
    heel = genereer(30_000, 5, kalibratie=kal, deel=5_000)
    for knippen in ([(0, 6)], [(0, 1), (1, 6)], [(0, 2), (2, 3), (3, 6)]):
        delen = [genereer(30_000, 5, kalibratie=kal, deel=5_000, delen=range(a, b)) for a, b in knippen]
        for naam, e in heel.entiteiten.items():
            stukken = [d.entiteiten[naam] for d in delen]
            assert np.concatenate([s.ids for s in stukken]).tolist() == e.ids.tolist()
            assert np.concatenate([s.gewicht for s in stukken]).tolist() == e.gewicht.tolist()
            for k, eig in e.eigenschappen.items():
                assert np.concatenate([s.eigenschappen[k].waarden for s in stukken]).tolist() == eig.waarden.tolist()


@pytest.mark.parametrize("naam", ["zorgtoeslag-2025.yaml", "aow-2025.yaml"])
def test_totals_and_results_identical_at_two_chunk_sizes(tmp_path: Path, naam: str) -> None:
    uit = {}
    for blok in (10_000, 25_000):
        sc = scenario(tmp_path / str(blok), naam, blok=blok)
        map_ = nieuwe_map(tmp_path / f"r{blok}")
        u = sim.simuleer(sc, resultaten=map_)
        uit[blok] = (_zonder_tijd(u.samenvatting), _dataset(map_))
    assert uit[10_000] == uit[25_000]
    assert len(list((tmp_path / "r10000").glob("*/*.parquet"))) == 3  # 3 chunks of 2 partitions


def test_totals_identical_at_two_task_counts(tmp_path: Path) -> None:
    sc = scenario(tmp_path)
    u = sim.simuleer(sc)
    partities = Partities(sc, [u_model := _model(sc)])
    attrs = tuple(sim.scenario_attribuut(u_model, a.objecttype, a.attribuut, sc, ("uitvoer", i))
                  for i, a in enumerate(sc.bestand.uitvoer))
    taak = Taak(partities, u_model, (sim.parameters(u_model, _files(sc), sc),), attrs, attrs, sc.rekendatum)
    for knippen in ([range(0, 6)], [range(0, 1), range(1, 4), range(4, 6)]):
        delen = [evalueer(taak, r)[0] for r in knippen]
        sleutel = next(iter(delen[0].kolommen))
        samen = np.concatenate([np.asarray(d.kolommen[sleutel].waarden) for d in delen])
        assert samen.tolist() == np.asarray(u.kolommen[sleutel].samen()[0]).tolist()


def _model(sc: scen.Scenario) -> Any:
    from regelspraak.model.from_syntax import load_model

    return load_model(list(_files(sc).rgs))[0]


def _files(sc: scen.Scenario) -> Any:
    from regelspraak.model import folder

    return folder.find(sc.relatief(sc.bestand.model))


def test_dask_local_cluster_equals_one_process(tmp_path: Path) -> None:
    """Two Dask workers (threads in this process: spawning worker processes costs seconds in CI;
    the process path is the same code, exercised by the benchmark) give the same summary and the
    same results files as one process, to the cent."""
    sc = scenario(tmp_path / "a")
    een = nieuwe_map(tmp_path / "een")
    u1 = sim.simuleer(sc, resultaten=een)
    twee = nieuwe_map(tmp_path / "twee")
    u2 = sim.simuleer(sc, resultaten=twee, uitvoering=scen.Uitvoering(werkers=2, processen=False))
    assert _zonder_tijd(u1.samenvatting) == _zonder_tijd(u2.samenvatting)
    assert _dataset(een) == _dataset(twee)
    assert len(list(twee.glob("*/*.parquet"))) > len(list(een.glob("*/*.parquet")))  # really split up


def test_vergelijk_identical_at_two_chunk_sizes_and_on_dask(tmp_path: Path) -> None:
    from regelspraak.bill import apply
    from regelspraak.simulate import compare

    uit = []
    # `toegepast` removes the bill's temporary copy afterwards (`load` alone would leave it in /tmp)
    with apply.toegepast(ROOT / "simulaties" / "voorstellen" / "vermogensgrens-hoger") as voorstel:
        for blok, uitvoering in ((10_000, None), (25_000, None),
                                 (10_000, scen.Uitvoering(werkers=2, processen=False))):
            sc = scenario(tmp_path / f"{blok}-{uitvoering is not None}", blok=blok)
            d = compare.vergelijk(sc, ROOT / "wetten" / "zorgtoeslag", voorstel.map, uitvoering)
            d.pop("duur_s")
            uit.append(d)
    assert uit[0] == uit[1] == uit[2]
    z = uit[0]["uitvoer"]["zorgtoeslag"]
    assert int(z["budget"]) > 0 and z["verliezers"] == 0 and len(z["grootste"]) == 10


def test_partitioned_population_folder_gives_the_same_results(tmp_path: Path) -> None:
    """`populatie --gepartitioneerd` writes a folder per objecttype with a file per partition;
    simuleer over it (one process, and two Dask workers) equals simuleer over the generated
    population, to the cent."""
    from typer.testing import CliRunner

    from regelspraak.cli import app

    pop = tmp_path / "pop"
    r = CliRunner().invoke(app, ["populatie", "--model", str(ROOT / "wetten" / "zorgtoeslag"), "--mapping",
                                 str(ROOT / "simulaties" / "zorgtoeslag-mapping.yaml"), "--personen", "250000",
                                 "--seed", "2025", "--uit", str(pop), "--gepartitioneerd", "--peildatum", "2025-07-01",
                                 "--formaat", "json"])
    assert r.exit_code == 0, r.stdout
    assert sorted(p.name for p in (pop / "Natuurlijk persoon").iterdir()) == ["deel-00000.parquet",
                                                                              "deel-00001.parquet",
                                                                              "deel-00002.parquet"]
    gegenereerd = scenario(tmp_path / "g")
    data = gegenereerd.bestand.model_dump()
    data["populatie"] = {"genereer": {"personen": 250_000, "seed": 2025}, "mapping": data["populatie"]["mapping"]}
    sc_gen = scen.Scenario(scen.ScenarioBestand.model_validate(data), gegenereerd.pad, gegenereerd.rekendatum)
    data["populatie"] = {"map": str(pop)}
    sc_map = scen.Scenario(scen.ScenarioBestand.model_validate(data), gegenereerd.pad, gegenereerd.rekendatum)
    a = _zonder_tijd(sim.simuleer(sc_gen).samenvatting)
    b = _zonder_tijd(sim.simuleer(sc_map).samenvatting)
    c = _zonder_tijd(sim.simuleer(sc_map, uitvoering=scen.Uitvoering(werkers=2, processen=False)).samenvatting)
    a["personen"] = b["personen"] = c["personen"] = 0  # persons vs objects of every type
    assert (a.pop("populatie"), b.pop("populatie"), c.pop("populatie")) == ("gegenereerd", "map", "map")
    assert a == b == c


def test_diagnostics_survive_the_trip_from_a_worker_process() -> None:
    """A worker's error comes back pickled; it must still be the same diagnostics (exit 2, Dutch
    message with file and line), not a traceback about unpickling."""
    import pickle

    from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
    from regelspraak.origin import Herkomst, Span

    fout = DiagnosticError([Diagnostic("RS301", Ernst.FOUT, "Deling door nul.", Herkomst(Span("m.rgs", 12, 3)))])
    terug = pickle.loads(pickle.dumps(fout))
    assert isinstance(terug, DiagnosticError) and terug.diagnostics == fout.diagnostics and str(terug) == str(fout)


def test_cli_cluster_options_are_checked(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from regelspraak.cli import app

    sc = scenario(tmp_path)
    r = CliRunner().invoke(app, ["simuleer", str(sc.pad), "--cluster", "planner:8786"])
    # the reason, not pydantic's "For further information visit https://…" line
    assert r.exit_code == 2 and "RS711" in r.stderr and "tcp://" in r.stderr and "https://" not in r.stderr
    r = CliRunner().invoke(app, ["simuleer", str(sc.pad), "--werkers", "0"])  # refused by the option reader
    assert r.exit_code == 2 and "--werkers" in r.stderr and "1 of meer" in r.stderr


@given(personen=st.integers(1_000, 12_000), deel=st.integers(1_000, 4_000), seed=st.integers(0, 2**32),
       knip=st.lists(st.integers(1, 11), max_size=3), overbemonsterd=st.booleans())
@settings(max_examples=8, deadline=None)
def test_any_cut_of_the_partitions_gives_the_same_population(personen: int, deel: int, seed: int,
                                                             knip: list[int], overbemonsterd: bool) -> None:
    from regelspraak.simulate.synthetic import aantal_delen, parse_drempel

    kal = _KAL
    extra: dict[str, Any] = {"drempels": [parse_drempel("inkomen=39719")], "factor": 3} if overbemonsterd else {}
    heel = genereer(personen, seed, kalibratie=kal, deel=deel, **extra)
    n = aantal_delen(personen, deel)
    grenzen = sorted({0, n, *(k for k in knip if k < n)})
    stukken = [genereer(personen, seed, kalibratie=kal, deel=deel, delen=range(a, b), **extra)
               for a, b in itertools.pairwise(grenzen)]
    assert sum(len(s.personen) for s in stukken) == len(heel.personen)
    assert len(set(heel.personen.ids.tolist())) == len(heel.personen)  # ids unique, also the extra draws
    for naam, e in heel.entiteiten.items():
        assert np.concatenate([s.entiteiten[naam].ids for s in stukken]).tolist() == e.ids.tolist()
        for k, eig in e.eigenschappen.items():
            samen = np.concatenate([s.entiteiten[naam].eigenschappen[k].waarden for s in stukken])
            assert samen.tolist() == eig.waarden.tolist(), (naam, k)
            # leeg too: the rent of an owner, the parents' unit of an adult (aanvulling.py)
            geldig = np.concatenate([s.entiteiten[naam].eigenschappen[k].geldig_masker() for s in stukken])
            assert geldig.tolist() == eig.geldig_masker().tolist(), (naam, k)
        assert np.concatenate([s.entiteiten[naam].gewicht for s in stukken]).tolist() == e.gewicht.tolist()


_KAL = kalibreer()


def test_two_groupings_of_one_attribute_in_simuleer_and_vergelijk(tmp_path: Path) -> None:
    """Two groupings of one attribute (the AOW scenario's age classes and its AOW age on the rekendatum):
    `vergelijk` appended that column once per grouping, so its groups had twice the rows of its outputs
    ("The weights and list don't have the same length")."""
    from regelspraak.bill import apply
    from regelspraak.simulate import compare

    data = yaml.safe_load((ROOT / "simulaties" / "zorgtoeslag-2025.yaml").read_text("utf-8"))
    inkomen = next(g for g in data["groeperingen"] if g["naam"] == "inkomensdeciel")
    tweede = {**inkomen, "naam": "inkomen boven 30.000", "soort": "klassen", "grenzen": [30000]}
    sc = scenario(tmp_path, groeperingen=[*data["groeperingen"], tweede])
    with apply.toegepast(ROOT / "simulaties" / "voorstellen" / "vermogensgrens-hoger") as voorstel:
        z = compare.vergelijk(sc, ROOT / "wetten" / "zorgtoeslag", voorstel.map, None)["uitvoer"]["zorgtoeslag"]
    s = sim.simuleer(sc).samenvatting["uitvoer"]["zorgtoeslag"]
    for groepen in (z["groepen"], s["groepen"]):
        deciel, klassen = groepen["inkomensdeciel"], groepen["inkomen boven 30.000"]
        assert len(klassen) == 2
        # the same households in both groupings (weighted counts, each row rounded on its own)
        assert abs(sum(r["aantal"] for r in deciel) - sum(r["aantal"] for r in klassen)) <= len(deciel)
