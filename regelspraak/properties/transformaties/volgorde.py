"""Invariance: the same objects and facts listed in another order."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from regelspraak.evaluate.interpret import Gegevens
from regelspraak.inputs.eigenschappen_yaml import Eigenschap
from regelspraak.properties.space import Ruimte
from regelspraak.properties.strategies import met_objecten


def kies(draw: st.DrawFn, ruimte: Ruimte, e: Eigenschap, g: Gegevens) -> dict[str, Any]:
    return {"objecten": draw(st.permutations(list(g.objecten))),
            "feiten": draw(st.permutations(list(range(len(g.feiten)))))}


def toepassen(ruimte: Ruimte, e: Eigenschap, g: Gegevens, p: dict[str, Any]) -> tuple[Gegevens, dict[str, str]] | None:
    volgorde = [str(o) for o in p.get("objecten", [])]
    feiten = [int(i) for i in p.get("feiten", [])]
    if sorted(volgorde) != sorted(g.objecten) or sorted(feiten) != list(range(len(g.feiten))):
        return None
    return (met_objecten(g, {o: g.objecten[o] for o in volgorde}, [g.feiten[i] for i in feiten]),
            {o: o for o in g.objecten})
