"""Symmetry: the inputs of two objects that belong together (two partners, two leden of one
huishouden) swapped; each one's output must be what the other had."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.inputs.eigenschappen_yaml import Eigenschap
from regelspraak.properties.space import Ruimte
from regelspraak.properties.strategies import index, met_objecten
from regelspraak.properties.transformaties.groepen import groepen


def _paren(ruimte: Ruimte, e: Eigenschap, g: Gegevens) -> list[tuple[str, str]]:
    return [(a, b) for groep in groepen(ruimte.model, g, e.feittype or "") for a in groep for b in groep if a < b]


def kies(draw: st.DrawFn, ruimte: Ruimte, e: Eigenschap, g: Gegevens) -> dict[str, Any]:
    paren = _paren(ruimte, e, g)
    if not paren:
        return {}
    a, b = paren[index(draw, len(paren))]
    return {"a": a, "b": b}


def toepassen(ruimte: Ruimte, e: Eigenschap, g: Gegevens, p: dict[str, Any]) -> tuple[Gegevens, dict[str, str]] | None:
    a, b = p.get("a"), p.get("b")
    if (a, b) not in _paren(ruimte, e, g):
        return None
    assert isinstance(a, str) and isinstance(b, str)
    ia, ib = g.objecten[a], g.objecten[b]
    objecten = {**g.objecten, a: Invoer(ia.type, ib.attributen, ib.kenmerken),
                b: Invoer(ib.type, ia.attributen, ia.kenmerken)}
    mapping = {o: o for o in g.objecten}
    mapping[a], mapping[b] = b, a
    return met_objecten(g, objecten), mapping
