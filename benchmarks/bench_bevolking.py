"""The whole Dutch population through zorgtoeslag, end to end: generate (in partitions), map,
evaluate, write the results folder and summarise; prints wall time, CPU time per phase, the load
average and peak memory (of this process and, with --werkers, of the worker processes).

Run: python benchmarks/bench_bevolking.py [--personen 18000000] [--blok 2000000] [--werkers 2]
Bar (issue 14): 18 M persons under 20 s wall on 2 cores, peak memory under 4 GB, summary included.
On a shared machine the wall time follows the load; the CPU seconds per phase do not.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

import yaml

from regelspraak.report.atomic import schrijf_map
from regelspraak.simulate import run as sim
from regelspraak.simulate import scenario as scen

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--personen", type=int, default=18_000_000)
    ap.add_argument("--blok", type=int, default=2_000_000)
    ap.add_argument("--werkers", type=int, default=0, help="Dask LocalCluster (processes) with N workers")
    args = ap.parse_args()
    basis = yaml.safe_load((ROOT / "simulaties" / "zorgtoeslag-2025.yaml").read_text("utf-8"))
    basis["model"] = str(ROOT / "wetten" / "zorgtoeslag")
    basis["populatie"]["mapping"] = str(ROOT / "simulaties" / "zorgtoeslag-mapping.yaml")
    basis["populatie"]["genereer"]["personen"] = args.personen
    basis["populatie"]["blok"] = args.blok
    tmp = Path(tempfile.mkdtemp())
    pad = tmp / "scenario.yaml"
    pad.write_text(yaml.safe_dump(basis, allow_unicode=True), "utf-8")
    sc = scen.read(pad)
    uitvoering = scen.Uitvoering(werkers=args.werkers) if args.werkers > 1 else None
    belasting = os.getloadavg()
    t0, c0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
    with schrijf_map(tmp / "resultaten", "resultaten") as map_:  # as `regelspraak simuleer` writes it
        u = sim.simuleer(sc, resultaten=map_, uitvoering=uitvoering)
        sim.schrijf(u, map_)
    wand = time.perf_counter() - t0
    c1 = resource.getrusage(resource.RUSAGE_SELF)
    kinderen = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = c1.ru_utime + c1.ru_stime - c0.ru_utime - c0.ru_stime + kinderen.ru_utime + kinderen.ru_stime
    piek = max(c1.ru_maxrss, kinderen.ru_maxrss) / 1024 / 1024
    s = u.samenvatting["uitvoer"]["zorgtoeslag"]
    print(f"personen: {args.personen:,} in blokken van {args.blok:,}".replace(",", ".")
          + (f", {args.werkers} Dask-werkers" if uitvoering else ", één proces"))
    print(f"belasting (1/5/15 min) bij de start: {belasting[0]:.2f} {belasting[1]:.2f} {belasting[2]:.2f}")
    print(f"wandtijd {wand:.1f} s (eis < 20 s: {'gehaald' if wand < 20 else 'NIET gehaald'}); CPU {cpu:.1f} s")
    print("CPU per fase: " + ", ".join(f"{k} {v} s" for k, v in u.samenvatting["fasen_cpu_s"].items()))
    print(f"piekgeheugen (grootste proces): {piek:.2f} GB (eis < 4 GB: {'gehaald' if piek < 4 else 'NIET gehaald'})")
    ontvangers = f"{s['ontvangers']:,}".replace(",", ".")
    totaal = f"{int(s['totaal']):,}".replace(",", ".")
    print(f"zorgtoeslag: {ontvangers} ontvangende huishoudens, totaal € {totaal}")


if __name__ == "__main__":
    main()
