"""Coverage of the law by a model: per article and lid of the laws in scope, formalised (by which
rules and declarations), deliberately not formalised (with the reason), or not covered."""

from __future__ import annotations

from dataclasses import dataclass, field

from regelspraak.law.geladen import GeladenWet
from regelspraak.law.tree import WetNode
from regelspraak.model import citations


@dataclass
class Dekking:
    wet: str
    citaat: str
    id: str
    status: str  # geformaliseerd, niet te formaliseren, niet gedekt
    door: list[str] = field(default_factory=list)
    reden: str | None = None
    afbeelding: bool = False
    beperking: str | None = None  # wet.yaml `beperkingen`: what a formalised lid leaves out


def _units(g: GeladenWet) -> list[tuple[WetNode, WetNode]]:
    """(article, unit) pairs: the leden of an article, or the article itself when it has none."""
    scope = set(g.vermelding.in_scope) if g.vermelding.in_scope is not None else None
    out = []
    for art in g.wet.artikelen():
        if art.status.vervallen or (scope is not None and art.nummer not in scope):
            continue
        leden = [k for k in art.kinderen if k.soort == "lid"]
        out += [(art, lid) for lid in leden] if leden else [(art, art)]
    return out


def _within(node: WetNode, unit: WetNode) -> bool:
    return node is unit or any(_within(node, k) for k in unit.kinderen)


def coverage(wetten: list[GeladenWet], gevonden: list[citations.Gevonden]) -> list[Dekking]:
    rows: list[Dekking] = []
    for g in wetten:
        uitgezonderd = {(n.artikel, n.lid): n.reden for n in g.vermelding.niet_formaliseren}
        beperkt: dict[tuple[str, str | None], str] = {}
        for b in g.vermelding.beperkingen:  # two entries for one lid (onderdeel c and f) both show, in order
            beperkt[(b.artikel, b.lid)] = " ".join(filter(None, (beperkt.get((b.artikel, b.lid)), b.reden)))
        for art, unit in _units(g):
            door = sorted({f"{x.citeerder.soort} '{x.citeerder.naam}'" for x in gevonden
                           if x.wet is g.wet and _within(x.node, unit)})
            reden = uitgezonderd.get((art.nummer or "", unit.nummer if unit is not art else None)) or \
                uitgezonderd.get((art.nummer or "", None))
            status = "geformaliseerd" if door else ("niet te formaliseren" if reden else "niet gedekt")
            sleutel = (art.nummer or "", unit.nummer if unit is not art else None)
            rows.append(Dekking(g.vermelding.titel, g.wet.ref(unit).citeer(), unit.id, status, door,
                              reden if not door else None, unit.status.bevat_afbeelding,
                              beperkt.get(sleutel) or beperkt.get((sleutel[0], None))))
    return rows
