"""`regelspraak analyseer` against its quality bars: a law model (wetten/aow) under 30 s and a
generated 400-rule model under 60 s on this 2-core machine, and the same findings every run.

Run: python benchmarks/bench_analyseer.py [--herhalingen K] [--regels N]

Each run is a fresh process (`python -m regelspraak analyseer … --formaat json`); the script prints
per model the median wall-clock time, the median CPU time of the child (user + sys: what the run
itself costs, independent of other load on the machine), the load average before and after, and
whether every run gave byte-identical JSON. The 400-rule model is the generator of
bench_parse.py (chained amounts, kenmerken, aggregations over household members), with its two
parameters and an analyse.yaml declaring two money outputs, one template household and the age
domain.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_parse import generate

REPO = Path(__file__).resolve().parents[1]

PARAMETERS = """parameters:
  grens:
    - {waarde: 250, vanaf: 2020-01-01, bron: "testwaarde (benchmark)"}
  percentage:
    - {waarde: "12,5%", vanaf: 2020-01-01, bron: "testwaarde (benchmark)"}
"""

ANALYSE = """uitkomsten:
  - {objecttype: Huishouden, naam: som 0}
  - {objecttype: Huishouden, naam: som 1}
domeinen:
  - {objecttype: Persoon, naam: leeftijd, minimum: 0, maximum: 110, stap: 1}
sjablonen:
  - naam: huishouden
    gegevens:
      rekendatum: 2025-07-01
      objecten:
        a: {type: Persoon, leeftijd: 40, verzekerd: true, soort: "'alleenstaande'"}
        b: {type: Persoon, leeftijd: 70, verzekerd: false, soort: "'met partner'"}
        h: {type: Huishouden}
      feiten:
        - {feittype: samenstelling, huishouden: h, lid: a}
        - {feittype: samenstelling, huishouden: h, lid: b}
"""


def model_400(n: int) -> Path:
    d = Path(tempfile.mkdtemp(prefix="bench-analyseer-"))
    tekst = generate(n).replace("\tbron: artikel", "\tbron: geen — benchmark; artikel").replace(
        "\tbron: art.", "\tbron: geen — benchmark; art.")
    (d / "groot.rgs").write_text(tekst, "utf-8")
    (d / "parameters.yaml").write_text(PARAMETERS, "utf-8")
    (d / "analyse.yaml").write_text(ANALYSE, "utf-8")
    return d


def meet(pad: Path, herhalingen: int) -> None:
    walls, cpus, uitvoer = [], [], set()
    load_voor = os.getloadavg()
    for _ in range(herhalingen):
        voor = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        r = subprocess.run([sys.executable, "-m", "regelspraak", "analyseer", str(pad), "--formaat", "json"],
                           capture_output=True, check=False, cwd=REPO)
        walls.append(time.perf_counter() - t0)
        na = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((na.ru_utime - voor.ru_utime) + (na.ru_stime - voor.ru_stime))
        if r.returncode not in (0, 1):
            raise SystemExit(f"{pad}: exit {r.returncode}\n{r.stderr.decode()[-2000:]}")
        uitvoer.add(hashlib.sha256(r.stdout).hexdigest())
    load_na = os.getloadavg()
    print(f"{pad.name}: wall mediaan {statistics.median(walls):.1f} s (min {min(walls):.1f}), "
          f"cpu mediaan {statistics.median(cpus):.1f} s; load {load_voor[0]:.1f} -> {load_na[0]:.1f}; "
          f"{'identiek' if len(uitvoer) == 1 else 'VERSCHILLEND'} over {herhalingen} runs")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--herhalingen", type=int, default=3)
    ap.add_argument("--regels", type=int, default=400)
    a = ap.parse_args()
    meet(REPO / "wetten" / "aow", a.herhalingen)
    meet(model_400(a.regels), a.herhalingen)


if __name__ == "__main__":
    main()
