"""Load the three real BWB toestanden into law trees (bar: the Participatiewet, 1.1 MB, under 1 s).

Run: python benchmarks/bench_law.py [runs]
Prints, per file, the median wall time of `lees_wet` over the runs (default 7), with the size and
the number of articles and nodes, so that a figure can be checked against what was loaded.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from regelspraak.law.load import lees_wet

REPO = Path(__file__).resolve().parents[1]
BESTANDEN = [REPO / "wetten" / "zorgtoeslag" / "BWBR0018451_2025-01-01.xml",
             REPO / "wetten" / "awir" / "BWBR0018472_2025-01-01.xml",
             REPO / "tests" / "data" / "bronnen" / "BWBR0015703_2026-01-01.xml"]
GRENS_PW = 1.0  # seconds, DESIGN.md quality bar


def main(runs: int) -> int:
    print(f"{'bestand':32} {'KB':>6} {'artikelen':>9} {'knopen':>7} {'mediaan ms':>11} {'min ms':>7}")
    pw_tijd = 0.0
    ontbreekt = [str(p.relative_to(REPO)) for p in BESTANDEN if not p.is_file()]
    if ontbreekt:  # a law text moved (the Awir went to its own model folder once): say which, no traceback
        print(f"bench_law: wettekst niet gevonden: {', '.join(ontbreekt)}", file=sys.stderr)
        return 2
    for pad in BESTANDEN:
        naam = pad.name
        tijden = []
        for _ in range(runs):
            start = time.perf_counter()
            wet = lees_wet(pad)
            tijden.append(time.perf_counter() - start)
        mediaan = statistics.median(tijden)
        artikelen = sum(1 for _ in wet.artikelen())
        knopen = sum(1 for _ in wet.knopen())
        kb = pad.stat().st_size / 1024
        print(f"{naam:32} {kb:6.0f} {artikelen:9d} {knopen:7d} {mediaan * 1000:11.1f} {min(tijden) * 1000:7.1f}")
        if naam.startswith("BWBR0015703"):
            pw_tijd = mediaan
    oordeel = "binnen" if pw_tijd < GRENS_PW else "BOVEN"
    print(f"Participatiewet: {pw_tijd:.3f} s, {oordeel} de grens van {GRENS_PW:.0f} s")
    return 0 if pw_tijd < GRENS_PW else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 7))
