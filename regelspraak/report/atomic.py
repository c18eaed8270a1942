"""Write an output file atomically: a temporary file beside the target, then a rename, so a
reader never sees half a report (DESIGN.md, decision 8).

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "r.txt"
>>> schrijf_tekst(p, "klaar\\n"); p.read_text("utf-8")
'klaar\\n'
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def schrijf_tekst(pad: Path, tekst: str) -> None:
    pad.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=pad.parent, prefix=f".{pad.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(tekst)
        # mkstemp creates the file private (0600); a report gets the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, pad)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
