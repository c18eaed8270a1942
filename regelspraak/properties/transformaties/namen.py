"""Invariance: the same case with every object renamed (so also sorted differently)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from regelspraak.evaluate.interpret import Gegevens
from regelspraak.inputs.eigenschappen_yaml import Eigenschap
from regelspraak.properties.space import Ruimte
from regelspraak.properties.strategies import met_objecten


def kies(draw: st.DrawFn, ruimte: Ruimte, e: Eigenschap, g: Gegevens) -> dict[str, Any]:
    ids = sorted(g.objecten)
    perm = draw(st.permutations(list(range(len(ids)))))
    # Names that sort the other way round than the originals (x3, x2, x1), in a drawn order.
    return {"namen": {oid: f"x{len(ids) - k}" for oid, k in zip(ids, perm, strict=True)}}


def toepassen(ruimte: Ruimte, e: Eigenschap, g: Gegevens, p: dict[str, Any]) -> tuple[Gegevens, dict[str, str]] | None:
    namen = {str(k): str(v) for k, v in dict(p.get("namen", {})).items()}
    if sorted(namen) != sorted(g.objecten) or len(set(namen.values())) != len(namen):
        return None
    objecten = {namen[o]: inv for o, inv in g.objecten.items()}
    feiten = [(ft, tuple(namen[x] for x in ids)) for ft, ids in g.feiten]
    return met_objecten(g, objecten, feiten), namen
