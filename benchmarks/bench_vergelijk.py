"""Comparing two model versions over 1 M persons against one simulation of the same size.

Run: python benchmarks/bench_vergelijk.py [--personen 1000000]
Bar (issue 6): vergelijk (same population, both models, winners/losers, top changes with
explanations) under 2x the time of one simulation. Measured side by side in one run.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import yaml

from regelspraak.bill import apply
from regelspraak.simulate import compare
from regelspraak.simulate import run as sim
from regelspraak.simulate import scenario as scen

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--personen", type=int, default=1_000_000)
    ap.add_argument("--herhalingen", type=int, default=3)
    args = ap.parse_args()
    data = yaml.safe_load((ROOT / "simulaties" / "zorgtoeslag-2025.yaml").read_text("utf-8"))
    data["model"] = str(ROOT / "wetten" / "zorgtoeslag")
    data["populatie"]["mapping"] = str(ROOT / "simulaties" / "zorgtoeslag-mapping.yaml")
    data["populatie"]["genereer"]["personen"] = args.personen
    pad = Path(tempfile.mkdtemp()) / "scenario.yaml"
    pad.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    sc = scen.read(pad)
    voorstel = apply.load(ROOT / "simulaties" / "voorstellen" / "zorgtoeslag-afbouw")
    enkel, dubbel = [], []
    for _ in range(args.herhalingen):
        t0 = time.perf_counter()
        sim.simuleer(sc)
        t1 = time.perf_counter()
        compare.vergelijk(sc, ROOT / "wetten" / "zorgtoeslag", voorstel.map)
        t2 = time.perf_counter()
        enkel.append(t1 - t0)
        dubbel.append(t2 - t1)
    a, b = statistics.median(enkel), statistics.median(dubbel)
    print(f"{args.personen:,} personen; mediaan van {args.herhalingen}".replace(",", "."))
    print(f"  één simulatie:            {a:.2f} s")
    print(f"  vergelijk twee versies:   {b:.2f} s")
    print(f"  verhouding {b / a:.2f} (eis < 2: {'gehaald' if b / a < 2 else 'NIET gehaald'})")


if __name__ == "__main__":
    main()
