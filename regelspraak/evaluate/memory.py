"""Opt-in allocator tuning: keep freed column memory in the process, so the next rule reuses it.

Every rule writes new columns of a million rows (8 MB each) and frees temporaries of the same
size. glibc may hand large freed blocks back to the operating system and ask for them again a
moment later; each 4 KB page then costs a page fault on first touch. With the mmap and trim
thresholds raised, freed blocks stay on the heap and are reused: peak memory does not change (the
blocks were in use at the peak anyway), only the process no longer shrinks between rules.

This changes the allocator for the *whole process*, so the library never does it by itself:
importing regelspraak or running the engine leaves the allocator alone. A program that owns its
process opts in with one explicit call (`vasthouden()`); the commands `regelspraak simuleer` and
`vergelijk` own their process and opt in for their run unless the environment says
`REGELSPRAAK_GEHEUGEN=standaard` (`volgens_omgeving("vasthouden")`). On Linux with glibc only;
elsewhere, or when the C library refuses, nothing happens.

>>> aangepast() in (True, False)  # whether this process opted in; asking changes nothing
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

OMGEVING = "REGELSPRAAK_GEHEUGEN"  # "vasthouden", "kleine-paginas" or both: the CLI opts in for its run

_gedaan: bool | None = None  # None: never asked; then whether the tuning took effect
_paginas: bool | None = None  # the same for kleine_paginas()


def _libc() -> ctypes.CDLL:
    """glibc by its soname; `find_library` only where that fails (it runs `ldconfig`, ~40 ms)."""
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")


def _mallopt(param: int, waarde: int) -> bool:
    """One call of glibc's mallopt; False where there is no glibc (musl has no mallopt)."""
    try:
        mallopt = _libc().mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(param, waarde))


def vasthouden() -> bool:
    """Raise glibc's mmap and trim thresholds for this process, once; whether that took effect.
    Call it only from a program that owns its process (a command-line run, a benchmark)."""
    global _gedaan
    if _gedaan is not None:
        return _gedaan
    _gedaan = False
    if not sys.platform.startswith("linux"):
        return _gedaan
    _gedaan = _mallopt(_M_MMAP_THRESHOLD, _MMAP_MAX) and _mallopt(_M_TRIM_THRESHOLD, _TRIM)
    return _gedaan


def kleine_paginas() -> bool:
    """Stop numpy asking the kernel for transparent huge pages (2 MB) for its arrays of 4 MB and
    more, for the whole process, once; whether that took effect. Call it only from a program
    that owns its process.

    Why: in a virtual machine whose host takes back the guest's free memory (free page
    reporting, as on Firecracker; docs/prestaties.md) a fresh huge page is usually one the host
    must supply again, and a cold run of the household model spent about 200 of its 250 ms CPU
    in such faults; with 4 KB pages the same run took 85-95 ms, warm runs about the same. On
    hardware without that reporting huge pages are the cheaper choice, hence opt-in."""
    global _paginas
    if _paginas is not None:
        return _paginas
    import numpy as np

    core = getattr(np, "_core", None) or getattr(np, "core", None)
    zet = getattr(getattr(core, "multiarray", None), "_set_madvise_hugepage", None)
    _paginas = False
    if callable(zet):
        zet(False)
        _paginas = True
    return _paginas


def volgens_omgeving(standaard: str = "") -> bool:
    """The CLI's opt-in: `vasthouden()` when `REGELSPRAAK_GEHEUGEN` names `vasthouden`,
    `kleine_paginas()` when it names `kleine-paginas` (both: comma-separated), else nothing;
    whether anything was tuned. `standaard` is what a command that owns its process asks for
    when the variable is not set (`simuleer`: "vasthouden"); `REGELSPRAAK_GEHEUGEN=standaard`
    then leaves the allocator alone."""
    woorden = {w.strip() for w in os.environ.get(OMGEVING, standaard).lower().split(",")}
    gedaan = False
    if "vasthouden" in woorden:
        gedaan = vasthouden() or gedaan
    if "kleine-paginas" in woorden:
        gedaan = kleine_paginas() or gedaan
    return gedaan


def aangepast() -> bool:
    """Whether this process's allocator was tuned by `vasthouden()` or `kleine_paginas()`."""
    return bool(_gedaan) or bool(_paginas)
