"""Why a file could not be read or written, in Dutch. The operating system's own text (`strerror`)
follows the machine's language, usually English, and pyarrow's messages are English internals; a
user gets one Dutch reason, and the message around it names the file.

>>> waarom(FileNotFoundError(2, "No such file or directory", "geval.yaml"))
'het bestand bestaat niet'
>>> waarom(PermissionError(13, "Permission denied"))
'geen toegang (rechten)'
>>> waarom(OSError(5, "Input/output error"))
'lees- of schrijffout van het apparaat'
"""

from __future__ import annotations

import errno

_REDENEN = {
    errno.ENOENT: "het bestand bestaat niet",
    errno.EISDIR: "dit is een map, geen bestand",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EACCES: "geen toegang (rechten)",
    errno.EPERM: "geen toegang (rechten)",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "het schijfquotum is op",
    errno.EROFS: "het bestandssysteem is alleen-lezen",
    errno.EEXIST: "het bestaat al",
    errno.ENOTEMPTY: "de map is niet leeg",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.ELOOP: "te veel symbolische koppelingen (een lus?)",
    errno.EMFILE: "te veel geopende bestanden",
    errno.ENFILE: "te veel geopende bestanden",
    errno.EIO: "lees- of schrijffout van het apparaat",
    errno.ENXIO: "het apparaat bestaat niet",
    errno.ENODEV: "het apparaat bestaat niet",
    errno.EBUSY: "het bestand is in gebruik",
    errno.ETXTBSY: "het bestand is in gebruik",
    errno.EXDEV: "kan niet naar een ander bestandssysteem verplaatsen",
    errno.EFBIG: "het bestand is te groot",
    errno.ENOMEM: "te weinig geheugen",
    errno.EINVAL: "ongeldige bewerking op dit bestand",
    errno.EAGAIN: "het bestand is tijdelijk niet beschikbaar",
}

# pyarrow's exception classes by name (importing pyarrow here would slow down every command).
_ARROW = {
    "ArrowInvalid": "geen geldig Parquet-bestand (of een beschadigd)",
    "ArrowNotImplementedError": "een kolomtype dat niet wordt ondersteund",
    "ArrowTypeError": "een kolom van een onverwacht type",
    "ArrowMemoryError": "te weinig geheugen",
    "ArrowCapacityError": "te groot om te lezen",
    "ArrowKeyError": "een kolom of sleutel ontbreekt",
    "ArrowIndexError": "een verwijzing buiten het bestand",
    "ArrowSerializationError": "geen geldig Parquet-bestand (of een beschadigd)",
}


def waarom(e: BaseException) -> str:
    """The reason, in Dutch, that `e` (an OSError or a pyarrow error) gives."""
    if type(e).__module__.startswith("pyarrow"):
        for cls in type(e).__mro__:
            if cls.__name__ in _ARROW:
                return _ARROW[cls.__name__]
        if not isinstance(e, OSError) or e.errno is None:
            return "het bestand kan niet als Parquet worden gelezen"
    if isinstance(e, OSError) and e.errno in _REDENEN:
        return _REDENEN[e.errno]
    if isinstance(e, OSError) and e.errno is not None:
        return f"systeemfout {errno.errorcode.get(e.errno, e.errno)}"
    return "het bestand kan niet worden gebruikt"


def noem(e: OSError) -> str:
    """The file an OSError is about, as the user wrote it, or '' when the error names none."""
    f = e.filename if e.filename is not None else e.filename2
    return str(f) if f is not None else ""
