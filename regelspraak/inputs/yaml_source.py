"""Read a YAML or JSON input file safely, remembering the line of every field.

Only `yaml.safe_load`-level constructs are accepted (no tags that build Python objects), the
file size and nesting depth are bounded, and every problem becomes a Dutch diagnostic naming
the file, the line and the field.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "g.yaml"
>>> _ = p.write_text("rekendatum: 2025-01-01\\nobjecten:\\n  a: {type: X}\\n", "utf-8")
>>> src = read(p)
>>> src.data["objecten"]["a"]["type"], src.line(("objecten", "a", "type"))
('X', 3)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.origin import Herkomst, Span

MAX_BYTES = 64 * 1024 * 1024
MAX_DIEPTE = 32

Pad = tuple[str | int, ...]


@dataclass(frozen=True)
class Source:
    pad: str
    data: Any
    lines: dict[Pad, int]

    def line(self, pad: Pad) -> int:
        """The line of `pad`, or of its nearest ancestor that has one."""
        p = tuple(pad)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return 1

    def fout(self, pad: Pad, bericht: str, code: str = "RS902", hulp: str | None = None) -> Diagnostic:
        veld = ".".join(str(x) for x in pad)
        tekst = f"{bericht} (veld '{veld}')" if veld else bericht
        return Diagnostic(code, Ernst.FOUT, tekst, Herkomst(Span(self.pad, self.line(pad), 1)), hulp)


def _fail(pad: Path, line: int, bericht: str) -> DiagnosticError:
    return DiagnosticError([Diagnostic("RS901", Ernst.FOUT, bericht, Herkomst(Span(str(pad), line, 1)))])


def read(pad: Path) -> Source:
    """Load and index `pad`; raises DiagnosticError (RS901) when it cannot be used."""
    try:
        raw = pad.read_bytes()
    except OSError as e:
        raise _fail(pad, 1, f"Kan bestand niet lezen: {e.strerror or e}.") from e
    if len(raw) > MAX_BYTES:
        raise _fail(pad, 1, f"Bestand is te groot ({len(raw)} bytes; maximaal {MAX_BYTES}).")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise _fail(pad, raw[: e.start].count(b"\n") + 1, "Bestand is geen geldige UTF-8-tekst.") from e
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        line = e.problem_mark.line + 1 if e.problem_mark is not None else 1
        raise _fail(pad, line, f"Ongeldige YAML/JSON: {e.problem or e}.") from e
    except yaml.YAMLError as e:
        raise _fail(pad, 1, f"Ongeldige YAML/JSON: {e}.") from e
    if node is None:
        raise _fail(pad, 1, "Bestand is leeg.")
    lines: dict[Pad, int] = {}
    _index(node, (), lines, pad, 0)
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as e:
        raise _fail(pad, 1, f"Ongeldige YAML/JSON: {e}.") from e
    return Source(str(pad), data, lines)


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as written strings are resolved by us, not by YAML's
    timestamp rules ("2025-01-01" must not become a datetime with a time zone)."""


# Keep YAML 1.1 timestamps out: dates are parsed by regelspraak.values.notation.
_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _index(node: yaml.Node, pad: Pad, lines: dict[Pad, int], bestand: Path, diepte: int) -> None:
    if diepte > MAX_DIEPTE:
        raise _fail(bestand, node.start_mark.line + 1, f"Te diep genest (meer dan {MAX_DIEPTE} niveaus).")
    lines[pad] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            key = k.value if isinstance(k, yaml.ScalarNode) else str(k.start_mark.line)
            lines[(*pad, key)] = k.start_mark.line + 1
            _index(v, (*pad, key), lines, bestand, diepte + 1)
            lines[(*pad, key)] = k.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            _index(v, (*pad, i), lines, bestand, diepte + 1)
