"""Write output atomically, and never delete or replace anything regelspraak did not make.

A reader never sees half a report (DESIGN.md, decision 8): a file goes to a temporary file beside
the target and is renamed into place; a folder (a population, a results folder, a draft model) is
built in a temporary folder beside the target and renamed into place when complete.

An existing target is replaced only when it is ours and unchanged since we wrote it:
- a folder carries the marker file `MERK` listing what we wrote there (name, size, SHA-256; no
  times, so the same run writes the same bytes); a folder with anything else in it, or with a file
  changed since, is refused (RS910), so
  `resultaten: ..` or `--uit ~` can never wipe a user's folder. An empty folder may be used.
- a file is replaced only when the caller recognises its content as a previous output (`eigen`),
  e.g. an HTML report by its generator tag; a folder, link, pipe or device never is.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "r.txt"
>>> schrijf_tekst(p, "klaar\\n", eigen=lambda oud: oud == b"klaar\\n"); p.read_text("utf-8")
'klaar\\n'
>>> with schrijf_map(p.parent / "uit", "resultaten") as tmp:
...     _ = (tmp / "a.txt").write_text("1", "utf-8")
>>> sorted(x.name for x in (p.parent / "uit").iterdir())
['.regelspraak-uitvoer.json', 'a.txt']
>>> try:
...     schrijf_map(p.parent, "resultaten").__enter__()
... except DiagnosticError as e:
...     print(e.diagnostics[0].code)
RS910
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.origin import Herkomst, Span

MERK = ".regelspraak-uitvoer.json"
_KOP = 64 * 1024  # how much of an existing file `eigen` gets to see


def _weiger(doel: Path, reden: str) -> DiagnosticError:
    return DiagnosticError([Diagnostic(
        "RS910", Ernst.FOUT, f"'{doel}' {reden}; regelspraak overschrijft alleen wat het zelf gemaakt heeft.",
        Herkomst(Span(str(doel), 1, 1)), "Kies een nieuwe naam, of verwijder of verplaats het doel zelf.")])


def _umask() -> int:
    m = os.umask(0)
    os.umask(m)
    return m


def _maak_map(map_: Path) -> None:
    """Create the folder an output goes into; an OS refusal is the Dutch exit-2 message."""
    try:
        map_.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise _weiger(map_, f"kan niet als map worden gemaakt ({e.strerror or e})") from e


def schrijf_tekst(pad: Path, tekst: str, *, eigen: Callable[[bytes], bool] | None = None) -> None:
    """Write `tekst` to the file `pad` atomically. An existing `pad` is replaced only if it is a
    regular file whose first 64 KiB `eigen` recognises as an earlier output of ours."""
    pad = Path(pad)
    controleer_bestand(pad, eigen)
    _maak_map(pad.parent)
    tmp = pad.parent / f".{pad.name}.{secrets.token_hex(6)}.tmp"
    try:
        # Opened exclusively: never through a link someone placed at the temporary name.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(tekst)
        controleer_bestand(pad, eigen)  # again: the target may have appeared meanwhile
        os.replace(tmp, pad)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def controleer_bestand(pad: Path, eigen: Callable[[bytes], bool] | None = None) -> None:
    """Raise RS910 unless `pad` is absent or a regular file `eigen` recognises as ours."""
    try:
        st = os.lstat(pad)
    except FileNotFoundError:
        return
    except OSError as e:
        raise _weiger(pad, f"kan niet worden bekeken ({e.strerror or e})") from e
    if stat.S_ISDIR(st.st_mode):
        raise _weiger(pad, "is een map, geen bestand")
    if not stat.S_ISREG(st.st_mode):
        raise _weiger(pad, "is geen gewoon bestand (een koppeling, pipe of apparaat)")
    try:
        with open(pad, "rb") as f:
            kop = f.read(_KOP)
    except OSError as e:
        raise _weiger(pad, f"bestaat al en kan niet worden gelezen ({e.strerror or e})") from e
    if eigen is None or not eigen(kop):
        raise _weiger(pad, "bestaat al en is geen eerdere uitvoer van regelspraak")


def controleer_map(doel: Path, soort: str) -> None:
    """Raise RS910 unless `doel` is absent, an empty folder, or a `soort` folder of ours that
    holds only what we wrote, unchanged."""
    try:
        st = os.lstat(doel)
    except FileNotFoundError:
        return
    except OSError as e:
        raise _weiger(doel, f"kan niet worden bekeken ({e.strerror or e})") from e
    if not stat.S_ISDIR(st.st_mode):
        raise _weiger(doel, "bestaat al en is geen map" if not stat.S_ISLNK(st.st_mode)
                      else "is een koppeling, geen map")
    try:
        inhoud = list(doel.iterdir())
    except OSError as e:
        raise _weiger(doel, f"kan niet worden gelezen ({e.strerror or e})") from e
    if not inhoud:
        return
    merk = doel / MERK
    try:
        data = json.loads(merk.read_text("utf-8")) if merk.is_file() and not merk.is_symlink() else None
    except (OSError, ValueError, RecursionError):  # RecursionError: a marker nested deeper than json can read
        data = None
    if not isinstance(data, dict) or data.get("regelspraak") != soort or not isinstance(data.get("bestanden"), dict):
        raise _weiger(doel, "bestaat al en is geen " + _SOORTEN.get(soort, soort) + " van regelspraak")
    bekend: dict[str, object] = data["bestanden"]
    for naam, st_f in _bestanden(doel):
        verwacht = bekend.get(naam)
        if st_f is None or not isinstance(verwacht, list) or len(verwacht) != 2 or verwacht[0] != st_f.st_size \
                or verwacht[1] != _hash(doel / naam):
            raise _weiger(doel, f"bevat '{naam}', dat regelspraak daar niet zo heeft geschreven")


def _hash(pad: Path) -> str:
    with open(pad, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


_SOORTEN = {"resultaten": "resultatenmap", "populatie": "populatiemap", "ontwerp": "ontwerpmap",
            "tegenvoorbeelden": "map met tegenvoorbeelden"}


def _bestanden(map_: Path) -> Iterator[tuple[str, os.stat_result | None]]:
    """Every entry below `map_` (except the marker) as a relative name with its stat; None for
    anything that is not a regular file or folder (links, pipes)."""
    for wortel, mappen, bestanden in os.walk(map_):
        for naam in (*mappen, *bestanden):
            pad = Path(wortel) / naam
            rel = pad.relative_to(map_).as_posix()
            if rel == MERK:
                continue
            st = os.lstat(pad)
            if stat.S_ISDIR(st.st_mode):
                continue
            yield rel, st if stat.S_ISREG(st.st_mode) else None


@contextmanager
def schrijf_map(doel: Path, soort: str) -> Iterator[Path]:
    """Yield a fresh temporary folder beside `doel`; when the block ends without error, mark it as
    a `soort` folder of ours and rename it into place (replacing an earlier one of ours). The
    target is checked before (refuse early, before long work) and again just before the swap."""
    doel = Path(doel)
    controleer_map(doel, soort)
    _maak_map(doel.parent)
    # Not tempfile.mkdtemp: that creates mode 0700, and the folder keeps its mode after the rename.
    tmp = doel.parent / f".{doel.name}.{secrets.token_hex(6)}.tmp"
    tmp.mkdir()
    try:
        yield tmp
        merk = {"regelspraak": soort, "bestanden": {n: [s.st_size, _hash(tmp / n)]
                                                    for n, s in sorted(_bestanden(tmp)) if s is not None}}
        (tmp / MERK).write_text(json.dumps(merk, ensure_ascii=False, indent=1) + "\n", "utf-8")
        controleer_map(doel, soort)
        _vervang(tmp, doel)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _vervang(nieuw: Path, doel: Path) -> None:
    """Put `nieuw` at `doel`; an earlier folder there (checked to be ours, or empty) is moved
    aside first and removed only after the new one is in place."""
    try:
        os.rename(nieuw, doel)  # absent, or an empty folder: one atomic step
        return
    except OSError:
        if not doel.is_dir():
            raise
    oud = doel.parent / f".{doel.name}.{secrets.token_hex(6)}.oud"
    os.rename(doel, oud)
    try:
        os.rename(nieuw, doel)
    except OSError:
        os.rename(oud, doel)  # put the old folder back
        raise
    shutil.rmtree(oud, ignore_errors=True)


def html_van_ons(kop: bytes) -> bool:
    """An HTML report regelspraak wrote (`report.html` puts its generator tag in the head)."""
    return b'<meta name="generator" content="regelspraak' in kop


def json_van_ons(*sleutels: str) -> Callable[[bytes], bool]:
    """A JSON report of ours: an object whose first keys are `sleutels`, in that order, as
    `json.dumps(..., indent=2)` writes them."""
    begin = ("{\n" + "".join(f'  "{k}": ' for k in sleutels[:1])).encode()
    return lambda kop: kop.startswith(begin) and all(f'\n  "{k}": '.encode() in kop for k in sleutels)


def junit_van_ons(kop: bytes) -> bool:
    """A JUnit report of ours (`report.findings.as_junit` names its suite after the command)."""
    return kop.startswith(b"<?xml") and b'<testsuite name="regelspraak ' in kop
