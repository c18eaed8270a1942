"""Read a YAML or JSON input file safely, remembering the line of every field.

Only plain YAML is accepted (no explicit tags, so none that build Python objects); the file
size, nesting depth, number of values (aliases expanded) and digits of a number are bounded;
and every problem becomes a Dutch diagnostic naming the file, the line and the field (PyYAML's
own English explanations are translated by `yaml_fouten`). Lines are counted as editors count
them (`origin.split_regels`), not as PyYAML does.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "g.yaml"
>>> _ = p.write_text("rekendatum: 2025-01-01\\nobjecten:\\n  a: {type: X}\\n", "utf-8")
>>> src = read(p)
>>> src.data["objecten"]["a"]["type"], src.line(("objecten", "a", "type"))
('X', 3)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.inputs.yaml_fouten import ONGELDIG, NederlandseFout, beschrijf
from regelspraak.origin import Herkomst, Regelposities, Span, regel_van_byte
from regelspraak.reading import Leesfout, lees_bytes
from regelspraak.values.notation import Dubbelzinnig, lees_yaml_getal

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
    # The column of each field's key (of a list item: of the item), so the caret stands under it.
    kolommen: dict[Pad, int] = field(default_factory=dict)

    def _plek(self, pad: Pad) -> Pad:
        p = tuple(pad)
        while p and p not in self.lines:
            p = p[:-1]
        return p

    def line(self, pad: Pad) -> int:
        """The line of `pad`, or of its nearest ancestor that has one."""
        p = self._plek(pad)
        return self.lines[p] if p else 1

    def fout(self, pad: Pad, bericht: str, code: str = "RS902", hulp: str | None = None) -> Diagnostic:
        veld = ".".join(str(x) for x in pad)
        tekst = f"{bericht} (veld '{veld}')" if veld else bericht
        p = self._plek(pad)
        regel, kolom = (self.lines[p], self.kolommen.get(p, 1)) if p else (1, 1)
        return Diagnostic(code, Ernst.FOUT, tekst, Herkomst(Span(self.pad, regel, kolom)), hulp)


def _fail(pad: Path, line: int, bericht: str, kolom: int = 1, code: str = "RS901") -> DiagnosticError:
    return DiagnosticError([Diagnostic(code, Ernst.FOUT, bericht, Herkomst(Span(str(pad), line, kolom)))])


def _yaml_fail(pad: Path, e: yaml.YAMLError, posities: Regelposities) -> DiagnosticError:
    fout = beschrijf(e, posities)
    return _fail(pad, fout.regel, fout.bericht, fout.kolom)


def read(pad: Path) -> Source:
    """Load and index `pad`; raises DiagnosticError (RS901) when it cannot be used."""
    try:
        raw = lees_bytes(pad, MAX_BYTES)
    except Leesfout as e:
        raise _fail(pad, 1, f"Kan bestand niet lezen: {e.bericht}.") from e
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise _fail(pad, regel_van_byte(raw, e.start), "Bestand is geen geldige UTF-8-tekst.") from e
    posities = Regelposities(text)
    try:
        lader, node = _compose(text)
    except yaml.YAMLError as e:
        raise _yaml_fail(pad, e, posities) from e
    if node is None:
        raise _fail(pad, 1, "Bestand is leeg.")
    index = _Index(pad, posities, _Loader(""))
    index.node(node, (), 0)
    try:
        data = lader.construct_document(node)  # the same nodes: the text is parsed once
    except yaml.YAMLError as e:
        raise _yaml_fail(pad, e, posities) from e
    # PyYAML's constructors let plain Python errors escape for malformed scalars; `_Index` finds
    # those it knows of ("0x_") at their line, so this is a last resort without a place.
    except (ValueError, LookupError, AttributeError, TypeError) as e:
        raise _fail(pad, 1, f"{ONGELDIG}: een waarde kan niet worden gelezen.") from e
    return Source(str(pad), data, index.lines, index.kolommen)


def _compose(text: str) -> tuple[Any, yaml.Node | None]:
    """The document's nodes and the loader that composed them (to construct the data from the
    same nodes). libyaml's parser when PyYAML has it (about 10x faster; an 8,000-object case
    file took 23 s in pure Python), the pure-Python one otherwise. For a syntax error the text is
    parsed again in pure Python: its messages are the ones `yaml_fouten` translates."""
    if _CLader is not None:
        lader: Any = _CLader(text)
        try:
            return lader, lader.get_single_node()
        except NederlandseFout:
            raise
        except yaml.YAMLError:
            pass
        finally:
            lader.dispose()
    lader = _Composer(text)
    try:
        return lader, lader.get_single_node()
    finally:
        lader.dispose()


class _Begrensd(yaml.composer.Composer):
    """Composition that refuses explicit tags (`!!python/object`, `!!timestamp`, …: an input file
    needs none, and PyYAML's constructors for them fail in unexpected ways) and stops at
    MAX_DIEPTE, since the composer recurses and 10,000 `[` would exhaust the stack. Events come
    from either parser (pure Python or libyaml); nodes are composed here, in Python, so the
    bound holds for both."""

    _diepte = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[attr-defined]  # from the parser mixed in
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            raise NederlandseFout(f"tag '{tag}' wordt niet ondersteund", event.start_mark)
        self._diepte += 1
        try:
            if self._diepte > MAX_DIEPTE + 1:
                raise NederlandseFout(f"te diep genest (meer dan {MAX_DIEPTE} niveaus)", event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self._diepte -= 1


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as written strings are resolved by us, not by YAML's
    timestamp rules ("2025-01-01" must not become a datetime with a time zone), and reads
    numbers from their text by the one number rule (`values.notation`): `1573.42` exactly, never
    through a float; `40.000` refused as ambiguous (forty, or forty thousand?); `017` as 17, not
    octal. `_Index.getal` has already read each number once, where its line is known."""

    def _getal(self, node: yaml.ScalarNode) -> Any:
        return lees_yaml_getal(node.value)


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader._getal)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader._getal)


# Keep YAML 1.1 timestamps out: dates are parsed by regelspraak.values.notation.
_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Composer(_Begrensd, _Loader):
    """The pure-Python reader: PyYAML's parser, our bounded composition, _Loader's resolvers."""


_CLader: Any = None
if getattr(yaml, "__with_libyaml__", False):
    from yaml._yaml import CParser  # type: ignore[import-not-found,unused-ignore]

    class _CLaderKlasse(_Begrensd, CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """libyaml's parser for the events, our bounded composition, _Loader's resolvers and
        constructors."""

        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
        yaml_constructors = _Loader.yaml_constructors

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            yaml.composer.Composer.__init__(self)

    _CLader = _CLaderKlasse


_GETAL_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


class _Index:
    """Walks the composed nodes: records the line of every field and enforces the bounds on depth,
    number of values and numbers."""

    def __init__(self, bestand: Path, posities: Regelposities, lezer: _Loader) -> None:
        self.bestand = bestand
        self.posities = posities
        self.lezer = lezer  # to construct a number once here, where its line is known
        self.lines: dict[Pad, int] = {}
        self.kolommen: dict[Pad, int] = {}
        self.teller = 0

    def regel(self, node: yaml.Node) -> int:
        return self.posities.regel(node.start_mark.index)

    def fail(self, node: yaml.Node, bericht: str, code: str = "RS901") -> DiagnosticError:
        i = node.start_mark.index
        return _fail(self.bestand, self.posities.regel(i), bericht, self.posities.kolom(i), code)

    def node(self, node: yaml.Node, pad: Pad, diepte: int, regel: int | None = None, kolom: int | None = None) -> None:
        """Index `node` at `pad`; `regel`, `kolom`: where its key is, which is where a field is."""
        if diepte > MAX_DIEPTE:
            raise self.fail(node, f"Te diep genest (meer dan {MAX_DIEPTE} niveaus).")
        # An alias is the same node again, so this counts values as the loaded data will hold them.
        self.teller += 1
        if self.teller > MAX_WAARDEN:
            raise self.fail(node, f"Te veel waarden (meer dan {MAX_WAARDEN}, aliassen meegeteld).")
        self.lines[pad] = self.regel(node) if regel is None else regel
        self.kolommen[pad] = self.posities.kolom(node.start_mark.index) if kolom is None else kolom
        if isinstance(node, yaml.ScalarNode):
            if node.tag in _GETAL_TAGS:
                self.getal(node)
        elif isinstance(node, yaml.MappingNode):
            seen: set[tuple[str, str]] = set()
            for k, v in node.value:
                key = k.value if isinstance(k, yaml.ScalarNode) else str(k.start_mark.line)
                # YAML keeps the last of two equal keys; an input file must not lose a value silently.
                if isinstance(k, yaml.ScalarNode):
                    if (k.tag, k.value) in seen:
                        raise self.fail(k, f"Veld '{k.value}' komt twee keer voor.")
                    seen.add((k.tag, k.value))  # a list as key is unhashable; yaml.load refuses it below
                self.node(v, (*pad, key), diepte + 1, self.regel(k), self.posities.kolom(k.start_mark.index))
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                self.node(v, (*pad, i), diepte + 1)

    def getal(self, node: yaml.ScalarNode) -> None:
        if len(node.value) > MAX_CIJFERS:
            raise self.fail(node, f"Getal met meer dan {MAX_CIJFERS} cijfers.")
        # Read here, where the line is known: an ambiguous "40.000", and texts YAML's number
        # patterns admit but that are no number ("0x_", "._").
        try:
            self.lezer.yaml_constructors[node.tag](self.lezer, node)
        except Dubbelzinnig as e:
            raise self.fail(node, f"{e}", "RS902") from e
        except ValueError as e:
            raise self.fail(node, f"{ONGELDIG}: '{node.value}' is geen geldig getal; zet het tussen "
                            "aanhalingstekens als het tekst is.") from e
