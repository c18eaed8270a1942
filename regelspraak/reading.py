"""The one way input files are read: only regular files, their size checked before a byte is read.

Every input kind (rule files, law texts, YAML and JSON files, the source lines shown under a
diagnostic) comes through `lees_bytes`, so an 8 GB sparse file, `/dev/zero` or a FIFO is refused
with a Dutch reason instead of being read whole (MemoryError) or waited on forever. The file is
opened without blocking (a FIFO with no writer would otherwise hang the open itself), then its
type and size are taken from the open file, so a file swapped in between cannot slip past.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> _ = p.write_text("hallo", "utf-8")
>>> lees_bytes(p, 100)
b'hallo'
>>> try:
...     lees_bytes(p, 3)
... except Leesfout as e:
...     print(e.bericht)
het bestand is te groot (5 bytes; maximaal 3)
>>> try:
...     lees_bytes(pathlib.Path("/dev/zero"), 100)
... except Leesfout as e:
...     print(e.bericht)
dit is geen gewoon bestand (maar een apparaat, pipe of socket)
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from regelspraak.bestandsfout import waarom

MAX_FRAGMENT = 200  # characters of a source line shown under a diagnostic


class Leesfout(Exception):
    """Why a file could not be read, in Dutch (the caller adds the file and its own code);
    `te_groot` tells a size refusal apart for callers that report it with another code."""

    def __init__(self, bericht: str, te_groot: bool = False) -> None:
        super().__init__(bericht)
        self.bericht = bericht
        self.te_groot = te_groot


def leesfout(e: OSError) -> str:
    """Why the system could not open or read a file, in Dutch (its own text may be in any language):
    the one translation of OS errors, `bestandsfout.waarom`."""
    return waarom(e)


def lees_bytes(pad: Path, max_bytes: int) -> bytes:
    """The contents of the regular file `pad`; Leesfout when it is no regular file, is larger than
    `max_bytes`, or cannot be read."""
    try:
        fd = os.open(pad, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        raise Leesfout(leesfout(e)) from e
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise Leesfout("dit is een map, geen bestand")
        if not stat.S_ISREG(st.st_mode):
            raise Leesfout("dit is geen gewoon bestand (maar een apparaat, pipe of socket)")
        if st.st_size > max_bytes:
            raise Leesfout(f"het bestand is te groot ({st.st_size} bytes; maximaal {max_bytes})", te_groot=True)
        delen: list[bytes] = []
        gelezen = 0
        # Read to the end, but never past the bound: a file that grows while read stays bounded.
        while gelezen <= max_bytes:
            deel = os.read(fd, min(1 << 20, max_bytes + 1 - gelezen))
            if not deel:
                break
            delen.append(deel)
            gelezen += len(deel)
        if gelezen > max_bytes:
            raise Leesfout(f"het bestand is te groot (meer dan {max_bytes} bytes)", te_groot=True)
        return b"".join(delen)
    except OSError as e:
        raise Leesfout(leesfout(e)) from e
    finally:
        os.close(fd)


def is_gewoon_bestand(pad: Path) -> bool:
    """Whether `pad` is a regular file (links followed), without opening it."""
    try:
        return stat.S_ISREG(os.stat(pad).st_mode)
    except (OSError, ValueError):
        return False


def fragment(regel: str, kolom: int, breedte: int = MAX_FRAGMENT) -> tuple[str, int]:
    """A source line shortened to about `breedte` characters around `kolom` (1-based), with `…`
    where text was left out, and the column of the same character in the shortened line."""
    if len(regel) <= breedte:
        return regel, kolom
    begin = max(0, min(kolom - 1 - breedte // 2, len(regel) - breedte))
    stuk = regel[begin:begin + breedte]
    voor = "…" if begin > 0 else ""
    na = "…" if begin + breedte < len(regel) else ""
    return voor + stuk + na, kolom - begin + len(voor)
