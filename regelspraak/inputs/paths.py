"""File names in input files resolve inside the folder of the file that names them.

`wet.yaml` names its law texts and a bill names its rules and law texts; a name such as
`../../../etc/passwd`, an absolute path, or a link inside the folder that points out of it would
make `controleer` print, or a report embed, a file the author of the input cannot otherwise
show. Names are resolved with links followed, and must stay below the folder.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> binnen(d, "wet.xml") == (d / "wet.xml").resolve()
True
>>> try:
...     binnen(d, "../../etc/passwd")
... except BuitenMap as e:
...     print(e)
'../../etc/passwd' ligt buiten de map van dit bestand
"""

from __future__ import annotations

from pathlib import Path, PurePath


class BuitenMap(ValueError):
    """A file name that resolves outside its folder; the message is Dutch, without the field
    (the caller names the field)."""


def binnen(basis: Path, naam: str) -> Path:
    """`naam` resolved against the folder `basis`, links followed; BuitenMap when the result is
    not below `basis` (absolute, `..`, or a link pointing out)."""
    if not naam or "\x00" in naam:
        raise BuitenMap(f"'{naam}' is geen bestandsnaam")
    if PurePath(naam).is_absolute():
        raise BuitenMap(f"'{naam}' is een absoluut pad; noem een bestand in de map van dit bestand")
    wortel = basis.resolve()
    try:
        pad = (wortel / naam).resolve()
    except (OSError, RuntimeError) as e:  # a loop of links
        raise BuitenMap(f"'{naam}' kan niet worden gevolgd") from e
    if not pad.is_relative_to(wortel):
        raise BuitenMap(f"'{naam}' ligt buiten de map van dit bestand")
    return pad
