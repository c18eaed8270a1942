"""Keep freed column memory in the process, so the next rule's columns reuse it.

Every rule writes new columns of a million rows (8 MB each) and frees temporaries of the same
size. By default glibc hands large freed blocks back to the operating system and asks for them
again a moment later; each 4 KB page then costs a page fault on first touch. Over a 200-rule
model that is some 350 MB of faulted pages per run, and it took a third of the run time. With
the thresholds raised, freed blocks stay on the heap and are reused: peak memory does not change
(the blocks were in use at the peak anyway), only the process no longer shrinks between rules.

This is process-wide allocator tuning, done once, on Linux with glibc only; elsewhere, or when
the C library refuses, nothing happens and the engine is just slower. Setting
`REGELSPRAAK_GEHEUGEN=standaard` leaves the allocator alone.

>>> vasthouden() in (True, False)
True
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys

# mallopt parameters (malloc.h)
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
_MMAP_MAX = 32 * 1024 * 1024  # glibc's ceiling for the mmap threshold on 64-bit systems
_TRIM = 2**31 - 1  # the largest value mallopt takes: trim only past 2 GB free at the heap top

_gedaan: bool | None = None


def vasthouden() -> bool:
    """Raise glibc's mmap and trim thresholds once per process; whether that took effect."""
    global _gedaan
    if _gedaan is not None:
        return _gedaan
    _gedaan = False
    if not sys.platform.startswith("linux") or os.environ.get("REGELSPRAAK_GEHEUGEN") == "standaard":
        return _gedaan
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (musl has no mallopt): leave it
        return _gedaan
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    _gedaan = bool(mallopt(_M_MMAP_THRESHOLD, _MMAP_MAX)) and bool(mallopt(_M_TRIM_THRESHOLD, _TRIM))
    return _gedaan
