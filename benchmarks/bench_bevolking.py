"""The whole Dutch population through zorgtoeslag, end to end: generate (in chunks), map,
evaluate, summarise and write the results folder; prints the wall time and peak memory.

Run: python benchmarks/bench_bevolking.py [--personen 18000000] [--blok 2000000]
Bar (DESIGN.md): 18 M persons under 30 s on 2 cores, peak memory under 8 GB.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

import yaml

from regelspraak.simulate import run as sim
from regelspraak.simulate import scenario as scen

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--personen", type=int, default=18_000_000)
    ap.add_argument("--blok", type=int, default=2_000_000)
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
    t0 = time.perf_counter()
    u = sim.simuleer(sc, voortgang=lambda i, n: print(f"  blok {i}/{n} na {time.perf_counter() - t0:.1f} s",
                                                      flush=True))
    t1 = time.perf_counter()
    sim.schrijf(u, tmp / "resultaten")
    t2 = time.perf_counter()
    piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    s = u.samenvatting["uitvoer"]["zorgtoeslag"]
    print(f"personen: {args.personen:,} in blokken van {args.blok:,}".replace(",", "."))
    print(f"genereren + rekenen + samenvatten: {t1 - t0:.1f} s; resultaten schrijven: {t2 - t1:.1f} s; "
          f"totaal {t2 - t0:.1f} s (eis < 30 s: {'gehaald' if t2 - t0 < 30 else 'NIET gehaald'})")
    print(f"piekgeheugen: {piek:.2f} GB (eis < 8 GB: {'gehaald' if piek < 8 else 'NIET gehaald'})")
    ontvangers = f"{s['ontvangers']:,}".replace(",", ".")
    totaal = f"{int(s['totaal']):,}".replace(",", ".")
    print(f"zorgtoeslag: {ontvangers} ontvangende huishoudens, totaal € {totaal}")


if __name__ == "__main__":
    main()
