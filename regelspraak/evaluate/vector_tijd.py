"""The vectorised engine's hook for timelines (taal.md §11): a rule that reads a timeline runs per
knip stretch through the interpreter (`evaluate/per_stuk.py`) for every object, and the run says so
in `Resultaat.terugval`. Timeline values stay whole in object columns (`convert.kolom`).

A period axis in columns (fixed-width monthly columns or per-stretch segments) is the next step
(issue 11); until then the interpreter is the engine for these rules, never silently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from regelspraak.model import ir
from regelspraak.model.order import roots_of
from regelspraak.model.tijd import periodes, tijdgebonden
from regelspraak.values.tijdlijn import Tijdlijn

if TYPE_CHECKING:
    from regelspraak.evaluate.columns import Kolom
    from regelspraak.evaluate.vectorize import Engine

REDEN = "tijdlijnen: per knip-stuk via de interpreter"


def kenmerk_kolom(waarden: list[bool | Tijdlijn]) -> Kolom:
    """A kenmerk column: waar/onwaar per row, or for a kenmerk `voor elke …` whose rows hold timelines
    the timelines whole, one object per row (never `bool(tijdlijn)`, which would be waar)."""
    import numpy as np

    from regelspraak.evaluate.columns import Kolom

    if any(isinstance(v, Tijdlijn) for v in waarden):
        kol = np.empty(len(waarden), dtype=object)
        kol[:] = waarden
        return Kolom(kol, np.ones(len(waarden), dtype=bool))
    return Kolom(np.array(waarden, dtype=bool), np.ones(len(waarden), dtype=bool))


def kenmerk_waarde(kol: Kolom, i: int) -> bool | Tijdlijn:
    """Row i of a kenmerk column as the interpreter holds it (a month-axis column gives its timeline)."""
    v = kol.waarden[i]
    if isinstance(v, Tijdlijn):
        return v
    return bool(v) if v is not None else False


def leest_tijdlijn(regel: ir.Regel) -> bool:
    return any(periodes(root) or tijdgebonden(root) for v in regel.versies for root in roots_of(v))


def terugval(engine: Engine, regel: ir.Regel) -> None:
    """Every version of `regel` through the interpreter, per knip stretch; results written back."""
    from regelspraak.evaluate import convert
    from regelspraak.evaluate.interpret import Gegevens, Interpreter
    from regelspraak.evaluate.per_stuk import run_regel
    from regelspraak.evaluate.vectorize import EngineFout
    from regelspraak.evaluate.via_interpreter import feiten_van

    namen = convert.objectnamen(engine.pop)
    objecten = convert.objecten(engine.model, engine.pop, namen)
    for oid, inv in objecten.items():
        for a in engine.model.objecttypen[inv.type].attributen.values():
            w = inv.attributen.get(a.naam.lower())
            if a.type.periode is not None and w is not None and not isinstance(w, Tijdlijn):
                # A population column holds one value per object; per knip stretch it would have no
                # stretch at all, and the rule would silently give leeg.
                raise EngineFout("RS008", f"Tijdlijn-invoer in een populatie ('{a.naam}' van {oid} is één waarde, "
                                 f"geen tijdlijn per {a.type.periode}) wordt nog niet ondersteund.", regel)
    interp = Interpreter(engine.model, Gegevens(engine.rekendatum, engine.parameters, objecten,
                                                feiten_van(engine.model, engine.pop, namen)))
    # What earlier rules wrote to this rule's targets (a target cannot be input, an Initialisatie's
    # aside) is combined with its stretches, as in one interpreter run: a second rule filling the
    # other stretches of the same timeline.
    for v in regel.versies:
        for res in v.resultaten:
            if isinstance(res, ir.Toekenning) and res.doel.attribuut is not None:
                a = res.doel.attribuut
                for n in namen[a.objecttype]:
                    if interp.instanties[n].waarden.get(a.naam.lower()) is not None:
                        interp.schrijver[(n, a.naam.lower())] = "een eerdere regel"
            elif isinstance(res, ir.Toekenning) and res.doel.kenmerk is not None:
                k = res.doel.kenmerk
                for n in namen[k.objecttype]:
                    if isinstance(interp.instanties[n].kenmerken.get(k.naam.lower()), Tijdlijn):
                        interp.schrijver[(n, "kenmerk:" + k.naam.lower())] = "een eerdere regel"
    run_regel(interp, regel)
    if interp.fouten:
        raise EngineFout(interp.fouten[0].code, interp.fouten[0].bericht, regel)
    geschreven: set[tuple[str, str]] = set()
    for v in regel.versies:
        for res in v.resultaten:
            if isinstance(res, ir.Toekenning) and res.doel.attribuut is not None:
                a = res.doel.attribuut
                geschreven.add((a.objecttype, a.naam.lower()))
            elif isinstance(res, ir.Toekenning) and res.doel.kenmerk is not None:
                k = res.doel.kenmerk
                sleutel = "kenmerk:" + k.naam.lower()
                engine._telt_schrijven(k.objecttype, sleutel)
                engine.pop.tabellen[k.objecttype].kolommen[sleutel] = kenmerk_kolom(
                    [interp.instanties[n].kenmerken.get(k.naam.lower(), False) for n in namen[k.objecttype]])
    for objecttype, sleutel in sorted(geschreven):
        tabel = engine.pop.tabellen[objecttype]
        attr = engine.model.objecttypen[objecttype].attributen[sleutel]
        engine._telt_schrijven(objecttype, sleutel)
        tabel.kolommen[sleutel] = convert.kolom(attr.type, [interp.instanties[n].waarden.get(sleutel)
                                                            for n in namen[objecttype]])
