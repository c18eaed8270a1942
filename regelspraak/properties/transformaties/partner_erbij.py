"""Bounded effect: the same case with one more object linked through the feittype (a partner
for someone without one, one more lid of the huishouden). The added object's inputs are drawn
like any other, except those the property fixes under `nieuw` (e.g. toetsingsinkomen: 0)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from regelspraak.evaluate.interpret import Gegevens
from regelspraak.inputs.eigenschappen_yaml import Eigenschap
from regelspraak.inputs.files import strip_lidwoord
from regelspraak.inputs.values import convert
from regelspraak.model import ir
from regelspraak.properties import serial
from regelspraak.properties.space import Ruimte
from regelspraak.properties.strategies import index, invoer, met_objecten
from regelspraak.properties.transformaties.groepen import lid_type
from regelspraak.syntax.lexer import normalize

NIEUW_ID = "nieuw"


def vast(model: ir.Model, e: Eigenschap, objecttype: str) -> dict[str, ir.Waarde]:
    """The `nieuw` values of the property, read as the case reader reads them (ValueError if bad)."""
    ot = model.objecttypen[objecttype]
    out: dict[str, ir.Waarde] = {}
    for naam, v in e.nieuw.items():
        k = strip_lidwoord(naam)
        if k in ot.attributen:
            out[k] = convert(v, ot.attributen[k].type, model.eenheden)
        elif k in ot.kenmerken:
            out["kenmerk:" + k] = bool(v)
        else:
            raise ValueError(f"'{naam}' is geen attribuut of kenmerk van {ot.naam}")
    return out


def _bij(model: ir.Model, e: Eigenschap, g: Gegevens) -> list[str]:
    """Objects the new one can be linked to."""
    ft = model.feittypen.get(normalize(e.feittype or ""))
    if ft is None:
        return []
    paren = [ids for k, ids in g.feiten if k == normalize(e.feittype or "")]
    if ft.wederkerig:
        bezet = {x for p in paren for x in p}
        return sorted(o for o, inv in g.objecten.items() if inv.type == ft.rollen[0].objecttype and o not in bezet)
    houder = ft.rollen[0] if not ft.rollen[0].meervoudig else ft.rollen[1]
    return sorted(o for o, inv in g.objecten.items() if inv.type == houder.objecttype)


def kies(draw: st.DrawFn, ruimte: Ruimte, e: Eigenschap, g: Gegevens) -> dict[str, Any]:
    lt = lid_type(ruimte.model, e.feittype or "")
    kandidaten = _bij(ruimte.model, e, g)
    if lt is None or not kandidaten:
        return {}
    nieuw = invoer(draw, ruimte, lt, vast(ruimte.model, e, lt))
    return {"bij": kandidaten[index(draw, len(kandidaten))], "nieuw": serial.invoer_dict(ruimte.model, nieuw)}


def toepassen(ruimte: Ruimte, e: Eigenschap, g: Gegevens, p: dict[str, Any]) -> tuple[Gegevens, dict[str, str]] | None:
    ft_key = normalize(e.feittype or "")
    ft = ruimte.model.feittypen.get(ft_key)
    if ft is None or p.get("bij") not in _bij(ruimte.model, e, g) or "nieuw" not in p or NIEUW_ID in g.objecten:
        return None
    nieuw = serial.invoer_uit(ruimte.model, dict(p["nieuw"]))
    bij = str(p["bij"])
    if ft.wederkerig:
        feit: tuple[str, ...] = (bij, NIEUW_ID)
    else:
        feit = (bij, NIEUW_ID) if not ft.rollen[0].meervoudig else (NIEUW_ID, bij)
    return (met_objecten(g, {**g.objecten, NIEUW_ID: nieuw}, [*g.feiten, (ft_key, feit)]),
            {o: o for o in g.objecten})
