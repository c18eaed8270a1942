"""A whole population through the reference interpreter, written back as columns.

The vectorised engine works on fixed tables; ObjectCreatie and FeitCreatie (taal.md §11) add rows
and facts while the rules run. A model with creation rules therefore runs through the interpreter
case-wide, and the run says so for every rule (`Resultaat.terugval`), never silently. Existing rows
keep their place and weight; created objects are appended in creation order with weight 1.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from regelspraak.evaluate import convert
from regelspraak.evaluate.columns import Populatie, Relatie, Tabel
from regelspraak.evaluate.interpret import Gegevens, Interpreter
from regelspraak.evaluate.vector_tijd import kenmerk_kolom
from regelspraak.model import ir

if TYPE_CHECKING:
    from regelspraak.evaluate.vectorize import Resultaat

REDEN = ("het model maakt objecten of feiten aan (ObjectCreatie/FeitCreatie) of vraagt of een regel is gevuurd: "
         "het hele model via de interpreter")


def feiten_van(model: ir.Model, pop: Populatie,
               namen: dict[str, list[str]] | None = None) -> list[tuple[str, tuple[str, ...]]]:
    """Every fact, with its objects named as `convert.objecten` names them (`convert.objectnamen`)."""
    namen = namen if namen is not None else convert.objectnamen(pop)
    feiten: list[tuple[str, tuple[str, ...]]] = []
    for ft_key, rel in pop.relaties.items():
        ft = model.feittypen[ft_key]
        n0, n1 = namen[ft.rollen[0].objecttype], namen[ft.rollen[-1].objecttype]
        feiten += [(ft_key, (n0[a], n1[b])) for a, b in zip(rel.rijen[0], rel.rijen[1], strict=True)]
    return feiten


def run(model: ir.Model, pop: Populatie, rekendatum: date, parameters: dict[str, ir.Waarde]) -> Resultaat:
    """Every rule over the population via the interpreter, in place; raises EngineFout on a rule error."""
    from regelspraak.evaluate.vectorize import EngineFout, Resultaat

    namen = convert.objectnamen(pop)
    interp = Interpreter(model, Gegevens(rekendatum, parameters, convert.objecten(model, pop, namen),
                                         feiten_van(model, pop, namen)))
    uit = interp.run()
    if uit.fouten:
        fout = uit.fouten[0]
        regel = next((r for r in model.regels if f"'{r.naam}'" in fout.bericht), model.regels[0])
        raise EngineFout(fout.code, fout.bericht, regel)
    rij: dict[str, int] = {}
    tabellen: dict[str, Tabel] = {}
    for key, ot in model.objecttypen.items():
        oud = pop.tabellen[key]
        oud_ids = namen[key]
        bekend = set(oud_ids)
        ids = oud_ids + [i for i, inst in uit.instanties.items() if inst.type == key and i not in bekend]
        rij.update({oid: k for k, oid in enumerate(ids)})
        t = Tabel(key, np.array(ids, dtype=object))
        for a in ot.attributen.values():
            t.kolommen[a.naam.lower()] = convert.kolom(a.type, [uit.instanties[o].waarden.get(a.naam.lower())
                                                                for o in ids])
        for km in ot.kenmerken.values():
            t.kolommen["kenmerk:" + km.naam.lower()] = kenmerk_kolom(
                [uit.instanties[o].kenmerken.get(km.naam.lower(), False) for o in ids])
        if oud.gewicht is not None:
            t.gewicht = np.concatenate([oud.gewicht, np.ones(len(ids) - len(oud_ids))])
        tabellen[key] = t
    relaties: dict[str, Relatie] = {}
    for ft_key in model.feittypen:
        paren = [ids for k, ids in interp.feiten if k == ft_key]
        relaties[ft_key] = Relatie(ft_key, (np.array([rij[a] for a, _ in paren], dtype=np.int64),
                                            np.array([rij[b] for _, b in paren], dtype=np.int64)))
    pop.tabellen, pop.relaties = tabellen, relaties
    slecht = {i.object_id for i in uit.inconsistenties}
    inconsistent = {k: np.array([str(i) in slecht for i in t.ids], dtype=bool) for k, t in tabellen.items()}
    schendingen: dict[str, int] = {}
    for i in uit.inconsistenties:
        schendingen[i.regel] = schendingen.get(i.regel, 0) + 1
    return Resultaat(inconsistent, schendingen, {r.naam: REDEN for r in model.regels})
