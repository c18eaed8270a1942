"""Herkomst: where a node comes from, in the rule text and in the law.

Traceability is a type, not a comment: every model node, diagnostic, trace entry and
finding carries a `Herkomst`.

>>> span = Span("zorgtoeslag.rgs", 3, 1)
>>> ref = ArtikelRef(bwb="BWBR0018451", wet="Wet op de zorgtoeslag", artikel="2", lid="3")
>>> ref.jci()
'jci1.3:c:BWBR0018451&artikel=2&lid=3'
>>> ref.citeer()
'artikel 2, derde lid, Wet op de zorgtoeslag'
>>> Herkomst(span, Bron((ref,))).bron.refs[0].artikel
'2'
>>> split_regels("Regel a\\u2028b\\r\\n\\tgeldig altijd\\n")
['Regel a\\u2028b', '\\tgeldig altijd']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# Ordinals as jurists write them ("derde lid"); the tuple index is the number.
RANGTELWOORDEN = (
    "nulde", "eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste",
    "negende", "tiende", "elfde", "twaalfde", "dertiende", "veertiende", "vijftiende",
    "zestiende", "zeventiende", "achttiende", "negentiende", "twintigste",
)


@dataclass(frozen=True, slots=True)
class Span:
    """A place in a source file; lines and columns count from 1."""

    bestand: str
    regel: int
    kolom: int = 1
    eind_regel: int | None = None
    eind_kolom: int | None = None

    def __str__(self) -> str:
        return f"{self.bestand}:{self.regel}:{self.kolom}"


# The line ends a `Span` counts: those of editors, git and grep. str.splitlines() also ends a line
# at \v, \f, \x1c-\x1e, \x85, U+2028 and U+2029 (text pasted from a word processor has them); with
# it, every line number after such a character would be one off from what the author sees.
_REGELEINDE = re.compile(r"\r\n|\r|\n")


def split_regels(tekst: str) -> list[str]:
    """The lines of `tekst` as `Span.regel` counts them: ended by \\n, \\r\\n or \\r only.

    Like str.splitlines() otherwise: no line ends, and no empty last line after a final line end.

    >>> split_regels("a\\x0cb\\rc\\n\\nd")
    ['a\\x0cb', 'c', '', 'd']
    >>> split_regels(""), split_regels("a\\n")
    ([], ['a'])
    """
    regels = _REGELEINDE.split(tekst)
    if regels[-1] == "":
        regels.pop()
    return regels


class Regelposities:
    """Line and column (as `Span` counts them) of a character offset into a text.

    For parsers that count lines their own way (PyYAML also ends a line at U+2028): their
    character offset is mapped back to the line the author sees.

    >>> pos = Regelposities("ab\\u2028c\\r\\nde")
    >>> (pos.regel(3), pos.kolom(3)), (pos.regel(7), pos.kolom(7))
    ((1, 4), (2, 2))
    """

    def __init__(self, tekst: str) -> None:
        self._starts = [0, *(m.end() for m in _REGELEINDE.finditer(tekst))]

    def regel(self, index: int) -> int:
        return bisect_right(self._starts, index)

    def kolom(self, index: int) -> int:
        return index - self._starts[self.regel(index) - 1] + 1


_REGELEINDE_BYTES = re.compile(rb"\r\n|\r|\n")


def regel_van_byte(data: bytes, offset: int) -> int:
    """The line of byte `offset` in a file that could not be decoded (a bad UTF-8 byte, a NUL).

    In UTF-8 the bytes of \\n and \\r never occur inside another character, so counting them in
    the raw bytes gives the line `split_regels` would give.

    >>> regel_van_byte(b"a\\r\\nb\\rc\\xff", 6)
    3
    """
    return len(_REGELEINDE_BYTES.findall(data, 0, offset)) + 1


@dataclass(frozen=True, slots=True)
class ArtikelRef:
    """A normalised reference to (part of) an article of a law.

    `bwb` is the BWB id when known; `wet` the citation title or abbreviation as written
    or normalised. `tekst` keeps the citation as the author wrote it.
    """

    bwb: str | None = None
    wet: str | None = None
    artikel: str | None = None
    lid: str | None = None
    onderdeel: str | None = None
    tekst: str = ""

    def jci(self) -> str | None:
        """The JuriConnect id (jci 1.3), or None without a BWB id."""
        if self.bwb is None:
            return None
        parts = [f"jci1.3:c:{self.bwb}"]
        if self.artikel is not None:
            parts.append(f"artikel={self.artikel}")
        if self.lid is not None:
            parts.append(f"lid={self.lid}")
        if self.onderdeel is not None:
            # BWB writes onderdelen as `o=`, nested ones repeated (`o=b&o=3`).
            parts.extend(f"o={o}" for o in self.onderdeel.split("."))
        return "&".join(parts)

    def citeer(self) -> str:
        """The citation the way jurists write it."""
        parts: list[str] = []
        if self.artikel is not None:
            parts.append(f"artikel {self.artikel}")
        if self.lid is not None:
            parts.append(_lid_woord(self.lid))
        if self.onderdeel is not None:
            parts.append(f"onderdeel {self.onderdeel}")
        if self.wet is not None:
            parts.append(self.wet)
        elif self.bwb is not None:
            parts.append(self.bwb)
        return ", ".join(parts) if parts else self.tekst


def _lid_woord(lid: str) -> str:
    if lid.isdigit() and int(lid) < len(RANGTELWOORDEN):
        return f"{RANGTELWOORDEN[int(lid)]} lid"
    return f"lid {lid}"


@dataclass(frozen=True, slots=True)
class Bron:
    """The `bron:` of a declaration or rule: one or more article references, or an
    explicit statement that there is none (`bron: geen — reden`)."""

    refs: tuple[ArtikelRef, ...] = ()
    geen_reden: str | None = None

    def citeer(self) -> str:
        if self.geen_reden is not None:
            return f"geen — {self.geen_reden}"
        return "; ".join(r.citeer() for r in self.refs)


@dataclass(frozen=True, slots=True)
class Herkomst:
    """Source span plus the article(s) a node implements (None: no bron given)."""

    span: Span
    bron: Bron | None = None
