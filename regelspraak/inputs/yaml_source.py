"""Read a YAML or JSON input file safely, remembering the line of every field.

Only plain YAML is accepted (no explicit tags, so none that build Python objects); the file
size, nesting depth, number of values (aliases expanded) and digits of a number are bounded;
and every problem becomes a Dutch diagnostic naming the file, the line and the field.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "g.yaml"
>>> _ = p.write_text("rekendatum: 2025-01-01\\nobjecten:\\n  a: {type: X}\\n", "utf-8")
>>> src = read(p)
>>> src.data["objecten"]["a"]["type"], src.line(("objecten", "a", "type"))
('X', 3)
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.origin import Herkomst, Span

MAX_BYTES = 64 * 1024 * 1024
MAX_DIEPTE = 32
MAX_WAARDEN = 200_000  # values after expanding aliases: `&a [*b, *b, …]` grows exponentially
MAX_CIJFERS = 100  # digits of a YAML number; int() refuses more than 4300, and no amount needs 100

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


def leesfout(e: OSError) -> str:
    """Why a file could not be read, in Dutch (the system's own text may be in any language)."""
    return {errno.ENOENT: "het bestand bestaat niet", errno.EISDIR: "dit is een map, geen bestand",
            errno.EACCES: "geen leesrechten"}.get(e.errno or 0, e.strerror or str(e))


def read(pad: Path) -> Source:
    """Load and index `pad`; raises DiagnosticError (RS901) when it cannot be used."""
    try:
        raw = pad.read_bytes()
    except OSError as e:
        raise _fail(pad, 1, f"Kan bestand niet lezen: {leesfout(e)}.") from e
    if len(raw) > MAX_BYTES:
        raise _fail(pad, 1, f"Bestand is te groot ({len(raw)} bytes; maximaal {MAX_BYTES}).")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise _fail(pad, raw[: e.start].count(b"\n") + 1, "Bestand is geen geldige UTF-8-tekst.") from e
    try:
        node = yaml.compose(text, Loader=_Composer)
    except yaml.MarkedYAMLError as e:
        line = e.problem_mark.line + 1 if e.problem_mark is not None else 1
        raise _fail(pad, line, f"Ongeldige YAML/JSON: {e.problem or e}.") from e
    except yaml.YAMLError as e:
        raise _fail(pad, 1, f"Ongeldige YAML/JSON: {e}.") from e
    if node is None:
        raise _fail(pad, 1, "Bestand is leeg.")
    lines: dict[Pad, int] = {}
    _index(node, (), lines, pad, 0, [0])
    try:
        data = yaml.load(text, Loader=_Loader)
    # PyYAML's constructors let plain Python errors escape for malformed scalars ("0x_").
    except (yaml.YAMLError, ValueError, LookupError, AttributeError, TypeError) as e:
        raise _fail(pad, 1, f"Ongeldige YAML/JSON: {e}.") from e
    return Source(str(pad), data, lines)


class _Composer(yaml.SafeLoader):
    """SafeLoader that refuses explicit tags (`!!python/object`, `!!timestamp`, …: an input file
    needs none, and PyYAML's constructors for them fail in unexpected ways) and stops at
    MAX_DIEPTE, since PyYAML composes recursively and 10,000 `[` would exhaust the stack."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._diepte = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]  # untyped in types-PyYAML
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            raise yaml.composer.ComposerError(None, None, f"tag '{tag}' wordt niet ondersteund", event.start_mark)
        self._diepte += 1
        try:
            if self._diepte > MAX_DIEPTE + 1:
                raise yaml.composer.ComposerError(None, None, f"te diep genest (meer dan {MAX_DIEPTE} niveaus)",
                                                  event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self._diepte -= 1


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as written strings are resolved by us, not by YAML's
    timestamp rules ("2025-01-01" must not become a datetime with a time zone)."""


# Keep YAML 1.1 timestamps out: dates are parsed by regelspraak.values.notation.
_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _index(node: yaml.Node, pad: Pad, lines: dict[Pad, int], bestand: Path, diepte: int, teller: list[int]) -> None:
    if diepte > MAX_DIEPTE:
        raise _fail(bestand, node.start_mark.line + 1, f"Te diep genest (meer dan {MAX_DIEPTE} niveaus).")
    # An alias is the same node again, so this counts values as the loaded data will hold them.
    teller[0] += 1
    if teller[0] > MAX_WAARDEN:
        raise _fail(bestand, node.start_mark.line + 1, f"Te veel waarden (meer dan {MAX_WAARDEN}, aliassen "
                    "meegeteld).")
    lines[pad] = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and len(node.value) > MAX_CIJFERS:
            raise _fail(bestand, node.start_mark.line + 1, f"Getal met meer dan {MAX_CIJFERS} cijfers.")
    elif isinstance(node, yaml.MappingNode):
        seen: set[tuple[str, str]] = set()
        for k, v in node.value:
            key = k.value if isinstance(k, yaml.ScalarNode) else str(k.start_mark.line)
            # YAML keeps the last of two equal keys; an input file must not lose a value silently.
            if isinstance(k, yaml.ScalarNode) and (k.tag, k.value) in seen:
                raise _fail(bestand, k.start_mark.line + 1, f"Veld '{k.value}' komt twee keer voor.")
            seen.add((k.tag, k.value))
            lines[(*pad, key)] = k.start_mark.line + 1
            _index(v, (*pad, key), lines, bestand, diepte + 1, teller)
            lines[(*pad, key)] = k.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            _index(v, (*pad, i), lines, bestand, diepte + 1, teller)
