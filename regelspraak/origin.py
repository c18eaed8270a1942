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
"""

from __future__ import annotations

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
