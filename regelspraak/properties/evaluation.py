"""Many generated cases evaluated at once by the vectorised engine, or one by the interpreter.

`vectorised` puts every case of a batch into one population (object ids prefixed with the case
number, facts kept within their case), runs the engine once, and reads back per case the values
a property needs. The interpreter (`interpreted`) gives the same shape for one case; it is the
oracle that confirms every failure the vectorised engine reports, and the fallback when the
engine refuses a batch (a computation error in one case stops the whole batch).

>>> from regelspraak.properties.evaluation import Waarden
>>> Waarden({"h1": "huishouden"}, {"h1": {"zorgtoeslag": None}}).van_type("huishouden")
['h1']
"""

from __future__ import annotations

from dataclasses import dataclass

from regelspraak.evaluate import convert, vectorize
from regelspraak.evaluate.interpret import Gegevens, Uitkomst
from regelspraak.evaluate.interpret import run as interpret
from regelspraak.model import ir
from regelspraak.values.tijdlijn import Tijdlijn

SCHEIDING = "\u00b7"  # between case number and object id in the merged population

Sleutels = dict[str, frozenset[str]]  # objecttype key -> attribute keys / "kenmerk:" keys to read


@dataclass(frozen=True)
class Waarden:
    """What one case computed: per object its type and the values asked for."""

    types: dict[str, str]
    waarden: dict[str, dict[str, ir.Waarde]]
    inconsistent: bool = False
    fout: str | None = None

    @property
    def bruikbaar(self) -> bool:
        """Inside the input domain: no consistentieregel violated, no computation error."""
        return not self.inconsistent and self.fout is None

    def van_type(self, objecttype: str) -> list[str]:
        return sorted(o for o, t in self.types.items() if t == objecttype)


def _samenvoegen(gevallen: list[Gegevens]) -> Gegevens:
    objecten = {}
    feiten: list[tuple[str, tuple[str, ...]]] = []
    for i, g in enumerate(gevallen):
        objecten.update({f"{i}{SCHEIDING}{oid}": inv for oid, inv in g.objecten.items()})
        feiten += [(ft, tuple(f"{i}{SCHEIDING}{x}" for x in ids)) for ft, ids in g.feiten]
    eerste = gevallen[0]
    return Gegevens(eerste.rekendatum, eerste.parameters, objecten, feiten, eerste.parameter_bronnen)


def vectorised(model: ir.Model, gevallen: list[Gegevens], sleutels: Sleutels) -> list[Waarden]:
    """All cases in one engine run; per case what `sleutels` asks for. Falls back to the
    interpreter when the engine stops on a computation error (or the cases differ in rekendatum)."""
    if not gevallen:
        return []
    if any(g.rekendatum != gevallen[0].rekendatum or g.parameters != gevallen[0].parameters for g in gevallen):
        return [interpreted(model, g, sleutels) for g in gevallen]
    pop = convert.populatie(model, _samenvoegen(gevallen))
    try:
        res = vectorize.run(model, pop, gevallen[0].rekendatum, gevallen[0].parameters)
    except vectorize.EngineFout:
        return [interpreted(model, g, sleutels) for g in gevallen]
    types: list[dict[str, str]] = [{} for _ in gevallen]
    waarden: list[dict[str, dict[str, ir.Waarde]]] = [{} for _ in gevallen]
    inconsistent = [False] * len(gevallen)
    for key, tabel in pop.tabellen.items():
        ot = model.objecttypen[key]
        keys = sleutels.get(key, frozenset())
        fout_rijen = res.inconsistent.get(key)
        for rij, vol_id in enumerate(tabel.ids.tolist()):
            nr, oid = str(vol_id).split(SCHEIDING, 1)
            i = int(nr)
            types[i][oid] = key
            if fout_rijen is not None and bool(fout_rijen[rij]):
                inconsistent[i] = True
            vals: dict[str, ir.Waarde] = {}
            for k in keys:
                kol = tabel.kolommen[k]
                if k.startswith("kenmerk:"):
                    vals[k] = bool(kol.waarden[rij]) and bool(kol.geldig[rij])
                else:
                    vals[k] = convert.waarde(ot.attributen[k].type, kol, rij)
            waarden[i][oid] = vals
    return [Waarden(t, w, inc) for t, w, inc in zip(types, waarden, inconsistent, strict=True)]


def uit_uitkomst(u: Uitkomst, sleutels: Sleutels) -> Waarden:
    types = {oid: inst.type for oid, inst in u.instanties.items()}
    waarden: dict[str, dict[str, ir.Waarde]] = {}
    for oid, inst in u.instanties.items():
        vals: dict[str, ir.Waarde] = {}
        for k in sleutels.get(inst.type, frozenset()):
            if k.startswith("kenmerk:"):
                km = inst.kenmerken.get(k.removeprefix("kenmerk:"), False)
                # a kenmerk `voor elke …` is a timeline of waar/onwaar; bool() of one is always True
                vals[k] = km if isinstance(km, Tijdlijn) else bool(km)
            else:
                vals[k] = inst.waarden.get(k)
        waarden[oid] = vals
    fout = "; ".join(d.bericht for d in u.fouten) or None
    return Waarden(types, waarden, bool(u.inconsistenties), fout)


def interpreted(model: ir.Model, g: Gegevens, sleutels: Sleutels) -> Waarden:
    return uit_uitkomst(interpret(model, g), sleutels)
