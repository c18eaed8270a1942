"""The cores this process may use, and whether it may fork workers: shared by the commands that
run on several cores (`simuleer` through simulate/kernen.py, `analyseer` through analyses/kernen.py).

>>> beschikbaar() >= 1
True
"""

from __future__ import annotations

import multiprocessing
import os
import sys


def beschikbaar() -> int:
    """Cores this process may run on (the CPU affinity, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - platforms without affinity
        return max(1, os.cpu_count() or 1)


def kan_vorken() -> bool:
    """Linux only: macOS offers fork but its system libraries are not safe to use after it."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
