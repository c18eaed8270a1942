"""Monotonie: the same case with one object's input raised by a positive amount (the other inputs
stay wherever the search put them)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.inputs.eigenschappen_yaml import Eigenschap
from regelspraak.model import ir
from regelspraak.properties import serial
from regelspraak.properties.space import Ruimte, Veld
from regelspraak.properties.strategies import index, ints, met_objecten
from regelspraak.syntax.lexer import normalize
from regelspraak.values.notation import parse_getal
from regelspraak.values.tijdlijn import Tijdlijn


def _veld(ruimte: Ruimte, e: Eigenschap) -> Veld | None:
    return ruimte.veld(e.invoer.objecttype, e.invoer.naam) if e.invoer is not None else None


def kies(draw: st.DrawFn, ruimte: Ruimte, e: Eigenschap, g: Gegevens) -> dict[str, Any]:
    v = _veld(ruimte, e)
    if v is None or v.type is None:
        return {}
    ids = sorted(oid for oid, inv in g.objecten.items() if inv.type == v.objecttype and inv.attributen.get(v.naam)
                 is not None)
    if not ids:
        return {}
    plus = v.als_waarde(draw(ints(1, max(1, v.hoog - v.laag))))  # shrinks to one unit
    return {"object": ids[index(draw, len(ids))], "plus": serial.getal_tekst(plus)}


def toepassen(ruimte: Ruimte, e: Eigenschap, g: Gegevens, p: dict[str, Any]) -> tuple[Gegevens, dict[str, str]] | None:
    v = _veld(ruimte, e)
    oid = p.get("object")
    if v is None or oid not in g.objecten or "plus" not in p:
        return None
    inv = g.objecten[oid]
    oud = inv.attributen.get(v.naam)
    if not isinstance(oud, Fraction | Tijdlijn) or normalize(inv.type) != v.objecttype:
        return None
    plus = parse_getal(str(p["plus"]))[0]
    if isinstance(oud, Tijdlijn):  # a timeline input: raised by the same amount on every stretch
        nieuw: ir.Waarde = Tijdlijn.maak(oud.periode, [(s.vanaf, s.tot, s.waarde + plus) for s in oud.stukken])
    else:
        nieuw = oud + plus
    attrs = {**inv.attributen, v.naam: nieuw}
    objecten = {**g.objecten, oid: Invoer(inv.type, attrs, inv.kenmerken)}
    return met_objecten(g, objecten), {o: o for o in g.objecten}
