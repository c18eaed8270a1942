"""A law file on disk → `Wet`, choosing the reader by content (XML or plain text).

>>> from pathlib import Path
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     pad = Path(d) / "leeg.txt"
...     _ = pad.write_text("")
...     try:
...         lees_wet(pad)
...     except DiagnosticError as e:
...         print(e.diagnostics[0].code, e.diagnostics[0].bericht)
RS017 De wettekst is leeg.
"""

from __future__ import annotations

from pathlib import Path

from regelspraak.bestandsfout import waarom
from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.law.from_bwb import parse_bwb
from regelspraak.law.from_text import parse_tekst
from regelspraak.law.tree import Wet
from regelspraak.origin import Herkomst, Span, regel_van_byte

MAX_BYTES = 64 * 1024 * 1024  # the largest BWB toestand (Wet IB 2001) is about 10 MB


def lees_wet(pad: Path) -> Wet:
    """Read a law; raise DiagnosticError (RS009–RS018, with file:line) if it cannot be used.
    Warnings (e.g. a missing lid) travel on `Wet.diagnostieken`."""
    wet, diags = lees_wet_met_diagnostieken(pad)
    if wet is None or any(d.is_fout for d in diags):
        raise DiagnosticError(diags)
    return wet


def lees_wet_met_diagnostieken(pad: Path) -> tuple[Wet | None, list[Diagnostic]]:
    """Like `lees_wet`, but returns the diagnostics (for `controleer`, which reports them all)."""
    bestand = str(pad)
    try:
        if pad.is_dir():
            return None, [_fout("RS010", bestand, 1, f"'{bestand}' is een map, geen wettekst.")]
        if pad.stat().st_size > MAX_BYTES:
            return None, [_fout("RS009", bestand, 1, f"De wettekst is groter dan {MAX_BYTES // 2**20} MB.")]
        data = pad.read_bytes()
    except OSError as e:
        return None, [_fout("RS010", bestand, 1, f"De wettekst kan niet worden gelezen: {waarom(e)}.")]
    inhoud = data.removeprefix(b"\xef\xbb\xbf")
    if not inhoud.strip():
        return None, [_fout("RS017", bestand, 1, "De wettekst is leeg.")]
    if b"\x00" in inhoud[:8192]:
        regel = regel_van_byte(inhoud, inhoud.index(b"\x00"))
        return None, [_fout("RS010", bestand, regel, "Dit is een binair bestand, geen wettekst.")]
    if inhoud.lstrip().startswith(b"<") or pad.suffix.lower() == ".xml":
        return parse_bwb(data, bestand)
    try:
        tekst = inhoud.decode("utf-8")
    except UnicodeDecodeError as e:
        regel = regel_van_byte(inhoud, e.start)
        return None, [_fout("RS010", bestand, regel, "De wettekst is geen geldige UTF-8-tekst.")]
    return parse_tekst(tekst, bestand)


def _fout(code: str, bestand: str, regel: int, bericht: str) -> Diagnostic:
    return Diagnostic(code, Ernst.FOUT, bericht, Herkomst(Span(bestand, regel)))
