"""Invariance: a joint amount split differently between the members of a group (partners, the
leden of one huishouden), the sum unchanged — for rules that, by law, look only at the sum."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.inputs.eigenschappen_yaml import Eigenschap
from regelspraak.properties import serial
from regelspraak.properties.space import Ruimte, Veld
from regelspraak.properties.strategies import index, ints, met_objecten
from regelspraak.properties.transformaties.groepen import groepen
from regelspraak.values.notation import parse_getal


def _veld(ruimte: Ruimte, e: Eigenschap) -> Veld | None:
    return ruimte.veld(e.invoer.objecttype, e.invoer.naam) if e.invoer is not None else None


def _kandidaten(ruimte: Ruimte, e: Eigenschap, g: Gegevens, v: Veld) -> list[tuple[str, str]]:
    out = []
    for groep in groepen(ruimte.model, g, e.feittype or ""):
        met = [o for o in groep if isinstance(g.objecten[o].attributen.get(v.naam), Fraction)]
        out += [(a, b) for a in met for b in met if a != b]
    return out


def kies(draw: st.DrawFn, ruimte: Ruimte, e: Eigenschap, g: Gegevens) -> dict[str, Any]:
    v = _veld(ruimte, e)
    paren = _kandidaten(ruimte, e, g, v) if v is not None else []
    if v is None or not paren:
        return {}
    van, naar = paren[index(draw, len(paren))]
    oud = g.objecten[van].attributen[v.naam]
    assert isinstance(oud, Fraction)
    eenheden = int(oud / v.eenheid)
    # The new value of `van`: shrinks to the lowest (the other partner earns it all).
    nieuw = draw(ints(min(v.laag, eenheden), eenheden))
    return {"van": van, "naar": naar, "verschuiving": serial.getal_tekst(oud - v.als_waarde(nieuw))}


def toepassen(ruimte: Ruimte, e: Eigenschap, g: Gegevens, p: dict[str, Any]) -> tuple[Gegevens, dict[str, str]] | None:
    v = _veld(ruimte, e)
    if v is None or (p.get("van"), p.get("naar")) not in _kandidaten(ruimte, e, g, v):
        return None
    d = parse_getal(str(p["verschuiving"]))[0]
    objecten = dict(g.objecten)
    for oid, teken in ((p["van"], -1), (p["naar"], 1)):
        inv = objecten[oid]
        oud = inv.attributen[v.naam]
        assert isinstance(oud, Fraction)
        objecten[oid] = Invoer(inv.type, {**inv.attributen, v.naam: oud + teken * d}, inv.kenmerken)
    return met_objecten(g, objecten), {o: o for o in g.objecten}
