"""The law tree: Wet ▸ Hoofdstuk/Paragraaf ▸ Artikel ▸ Lid ▸ Onderdeel, a JuriConnect id on every node.

Ids follow JuriConnect 1.3 as the BWB itself writes them: an article and everything in it hang
directly under the BWB id (`jci1.3:c:BWBR0018451&artikel=2&lid=3&o=a`, nested onderdelen repeat
`o=`); structure above articles keeps its path (`…&hoofdstuk=2&paragraaf=2.1`). Nodes that
JuriConnect cannot address (a bullet, a picture, a table) carry the id of their enclosing node.

>>> lid = WetNode("lid", "3", "3.", "jci1.3:c:BWBR0018451&artikel=2&lid=3", "De normpremie bedraagt …")
>>> art = WetNode("artikel", "2", "Artikel 2", "jci1.3:c:BWBR0018451&artikel=2", kinderen=(lid,))
>>> root = WetNode("wet", None, "Wet op de zorgtoeslag", "jci1.3:c:BWBR0018451", kinderen=(art,))
>>> wet = Wet("BWBR0018451", "Wet op de zorgtoeslag", "Wet op de zorgtoeslag", None, root, "wzt.xml")
>>> wet.vind("2", "3") is lid
True
>>> wet.vind_id("jci1.3:c:BWBR0018451&hoofdstuk=1&artikel=2&lid=3&z=2025-01-01") is lid
True
>>> wet.suggest("2", "4").citeer()
'artikel 2, derde lid, Wet op de zorgtoeslag'
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Literal
from urllib.parse import unquote

from regelspraak.diagnostics import Diagnostic
from regelspraak.origin import RANGTELWOORDEN, ArtikelRef, Span

Soort = Literal[
    "wet", "boek", "deel", "hoofdstuk", "titel", "afdeling", "paragraaf", "subparagraaf", "divisie",
    "bijlage", "artikel", "lid", "onderdeel", "tabel", "plaatje",
]
# Keys of a JuriConnect id that locate structure above an article; dropped once `artikel=` is there.
STRUCTUUR_SLEUTELS = frozenset(
    {"boek", "deel", "hoofdstuk", "titeldeel", "titel", "afdeling", "paragraaf", "sub-paragraaf", "divisie",
     "bijlage"}
)


@dataclass(frozen=True, slots=True)
class Status:
    """What a reader of the node must know before formalising it."""

    vervallen: bool = False
    niet_in_werking: bool = False
    bevat_afbeelding: bool = False  # a formula or table only as a picture: needs a hand-written rule


@dataclass(frozen=True, slots=True)
class Verwijzing:
    """An edge to another node or law: `intref`/`extref` from BWB XML, `tekst` found in running text.
    `doel` is the target's normalised JuriConnect id, or None when it cannot be known."""

    soort: Literal["intref", "extref", "tekst"]
    doel: str | None
    tekst: str
    bwb: str | None = None
    label_id: str | None = None


@dataclass(frozen=True, slots=True)
class BwbSleutel:
    """Identity in the BWB, stable when an article is renumbered (label-id, stam-id)."""

    label_id: str | None
    stam_id: str | None = None
    versie_id: str | None = None
    pad: str | None = None  # bwb-ng-variabel-deel, e.g. '/Hoofdstuk3/Paragraaf3.2/Artikel22a/Lid1'


@dataclass(frozen=True, slots=True)
class WetNode:
    soort: Soort
    nummer: str | None  # as used in the id: '2', '4a', 'b', '1' (for '1°.')
    label: str  # as printed: 'Artikel 2', '3.', 'b.', '1°.'
    id: str
    tekst: str = ""  # own text only; alineas separated by a newline
    kinderen: tuple[WetNode, ...] = ()
    verwijzingen: tuple[Verwijzing, ...] = ()
    span: Span | None = None
    status: Status = Status()
    titel: str | None = None  # the heading of an article or chapter
    bwb: BwbSleutel | None = None
    inwerking: date | None = None
    publicatie: str | None = None  # where the text of this node was published, e.g. 'Stb.2024-291'

    def knopen(self) -> Iterator[WetNode]:
        """This node and all below it, in document order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.kinderen))

    def volledige_tekst(self) -> str:
        """The text of this node with everything below it, labels included, one line per node."""
        regels = []
        for node in self.knopen():
            if node.soort in ("lid", "onderdeel") and node.tekst:
                regels.append(f"{node.label} {node.tekst}".strip())
            elif node.tekst:
                regels.append(node.tekst)
        return "\n".join(regels)


def normaliseer_jci(jci: str) -> str:
    """A JuriConnect id in the form the tree uses: no `z=`/`g=` dates, `o=` for onderdeel,
    and for an article or below no structure path in front of `artikel=`."""
    basis, *params = jci.replace("&amp;", "&").strip().split("&")
    paren: list[tuple[str, str]] = []
    for param in params:
        sleutel, _, waarde = param.partition("=")
        sleutel = sleutel.strip().lower()
        if sleutel in ("z", "g"):
            continue
        paren.append(("o" if sleutel == "onderdeel" else sleutel, unquote(waarde.strip())))
    sleutels = [k for k, _ in paren]
    if "artikel" in sleutels:
        paren = paren[sleutels.index("artikel"):]
    return "&".join([basis.replace(" ", ""), *(f"{k}={v}" for k, v in paren)])


def maak_id(basis: str, artikel: str | None, lid: str | None = None, onderdeel: str | None = None) -> str:
    """The id of `artikel 2, derde lid, onderdeel a` under `basis` ('jci1.3:c:BWBR…'); nested
    onderdelen as 'b.3'; ordinals and printed labels ('derde', 'a.', '1°', 'Artikel 2') normalised.

    >>> maak_id("jci1.3:c:BWBR0015703", "Artikel 15", "tweede", "b.3°")
    'jci1.3:c:BWBR0015703&artikel=15&lid=2&o=b&o=3'
    """
    doel = basis if artikel is None else f"{basis}&artikel={_nummer(_ARTIKEL_WOORD.sub('', artikel))}"
    if lid is not None:
        doel += f"&lid={_nummer(lid)}"
    for o in _onderdelen(onderdeel):
        doel += f"&o={_nummer(o)}"
    return doel


@dataclass(frozen=True, slots=True)
class Wet:
    bwb: str | None
    titel: str
    citeertitel: str | None
    toestand: date | None  # the date the consolidated text is valid from
    root: WetNode
    bestand: str
    diagnostieken: tuple[Diagnostic, ...] = ()  # warnings found while reading
    _index: dict[str, WetNode] = field(init=False, repr=False, compare=False)
    _ouder: dict[int, WetNode] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, WetNode] = {}
        ouder: dict[int, WetNode] = {}
        for node in self.root.knopen():
            index.setdefault(node.id, node)  # a bullet or picture shares its parent's id: keep the parent
            for kind in node.kinderen:
                ouder[id(kind)] = node
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_ouder", ouder)

    def knopen(self) -> Iterator[WetNode]:
        return self.root.knopen()

    def artikelen(self) -> Iterator[WetNode]:
        return (n for n in self.root.knopen() if n.soort == "artikel")

    def leden(self) -> Iterator[WetNode]:
        return (n for n in self.root.knopen() if n.soort == "lid")

    def ouder(self, node: WetNode) -> WetNode | None:
        return self._ouder.get(id(node))

    def artikel_van(self, node: WetNode) -> WetNode | None:
        """The article a node belongs to (itself if it is one)."""
        n: WetNode | None = node
        while n is not None and n.soort != "artikel":
            n = self.ouder(n)
        return n

    def vind(self, artikel: str, lid: str | None = None, onderdeel: str | None = None) -> WetNode | None:
        """The node for `artikel 2, derde lid, onderdeel a` given as ('2', '3', 'a'); nested
        onderdelen as 'b.3'. Ordinals ('derde') and printed labels ('Artikel 2', 'a.') work too."""
        return self._index.get(maak_id(self.root.id, artikel, lid, onderdeel))

    def vind_id(self, jci: str) -> WetNode | None:
        """Look up by JuriConnect id, in any of its spellings (with dates, path, `onderdeel=`)."""
        return self._index.get(normaliseer_jci(jci))

    def vind_label(self, label_id: str) -> WetNode | None:
        """Look up by BWB label-id: the identity that survives renumbering between versions."""
        return next((n for n in self.knopen() if n.bwb is not None and n.bwb.label_id == label_id), None)

    def ref(self, node: WetNode) -> ArtikelRef:
        """The citation of a node, for messages and for `Herkomst`."""
        artikel = lid = None
        onderdelen: list[str] = []
        n: WetNode | None = node
        while n is not None and n.soort != "wet":
            if n.soort == "artikel":
                artikel = n.nummer
            elif n.soort == "lid":
                lid = n.nummer
            elif n.soort == "onderdeel" and n.nummer is not None:
                onderdelen.insert(0, n.nummer)
            n = self.ouder(n)
        wet = self.citeertitel or self.titel
        return ArtikelRef(self.bwb, wet, artikel, lid, ".".join(onderdelen) or None, node.label)

    def suggest(
        self, artikel: str, lid: str | None = None, onderdeel: str | None = None
    ) -> ArtikelRef | None:
        """The nearest existing article, lid or onderdeel, for a 'bedoelde u …?' message;
        None when no article is anywhere near."""
        art = self.vind(artikel)
        if art is None:
            beste = _dichtstbij(_nummer(_ARTIKEL_WOORD.sub("", artikel)), list(self.artikelen()))
            return self.ref(beste) if beste is not None else None
        plek = art if lid is None else self.vind(artikel, lid)
        if plek is None:
            beste = _dichtstbij(_nummer(lid or ""), [k for k in art.kinderen if k.soort == "lid"])
            return self.ref(beste or art)
        if onderdeel is None or self.vind(artikel, lid, onderdeel) is not None:
            return self.ref(plek)
        eerste = _nummer(_onderdelen(onderdeel)[0])
        beste = _dichtstbij(eerste, [k for k in plek.kinderen if k.soort == "onderdeel"])
        return self.ref(beste or plek)


_ARTIKEL_WOORD = re.compile(r"^\s*art(?:ikel|\.)?\s*", re.I)


def _onderdelen(onderdeel: str | None) -> list[str]:
    return re.split(r"[.,\s]+", onderdeel.strip(" .")) if onderdeel else []


def _nummer(tekst: str) -> str:
    """'derde' → '3', 'a.' → 'a', '1°' → '1', '(ii)' → 'ii', ' 2a ' → '2a'."""
    t = tekst.strip().strip("().°").strip().lower()
    return str(RANGTELWOORDEN.index(t)) if t in RANGTELWOORDEN else t


def _dichtstbij(gezocht: str, knopen: list[WetNode]) -> WetNode | None:
    """By spelling first ('2b' → '2'), then by number ('9' → '7' when there are seven leden)."""
    op_nummer = {n.nummer: n for n in knopen if n.nummer is not None}
    gelijkend = difflib.get_close_matches(gezocht, list(op_nummer), n=1, cutoff=0.5)
    if gelijkend:
        return op_nummer[gelijkend[0]]
    getal = re.match(r"\d+", gezocht)
    if getal is None:
        return None
    afstanden = [
        (abs(int(m.group()) - int(getal.group())), i)
        for i, nummer in enumerate(op_nummer)
        if (m := re.match(r"\d+", nummer))
    ]
    return list(op_nummer.values())[min(afstanden)[1]] if afstanden else None
