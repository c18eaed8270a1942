"""A z3 analysis of a timeline model, run once per stretch of the berekeningsjaar (analyses/stukken.py)
and its findings merged: one finding per id, saying on which stretches it holds.

Each stretch is a view of the run's context (`dataclasses.replace`: the same coverage, cache and
limits) whose `parameters` are the values on the stretch and whose `stuk` the encoder reads. A
finding found on several stretches is reported once, with `details.stukken` listing them and the
message naming them; a finding that counts wins over a note with the same id (a "niet beslist" on
one stretch does not hide a confirmed conflict on another). Beyond `MAX_STUKKEN` stretches the rest
are not encoded: one RS422 note per analysis names them, and the coverage says so.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from regelspraak.analyses.context import Context
from regelspraak.analyses.findings import Finding, Oordeel, telt
from regelspraak.analyses.stukken import MAX_STUKKEN, Stuk, stukken
from regelspraak.diagnostics import Ernst

# What one moment of a stretch cannot say, in every coverage line of a per-stretch analysis.
BENADERD = ("elke tijdlijn als zijn waarde op één moment van het stuk (invoer vrij per stuk); functies over de tijd "
            "(het totaal van, het aantal dagen, het tijdsevenredig deel), kale perioden en 'gedurende het gehele "
            "jaar' als vrije waarden (alleen door de interpreter bevestigde gevallen tellen)")


def per_stuk(analyse: Callable[[Context], list[Finding]], ctx: Context) -> list[Finding]:
    """`analyse` on every stretch of `ctx`'s timeline model (at most MAX_STUKKEN), findings merged."""
    alle = stukken(ctx.model, ctx.rekendatum, ctx.parameters)
    gedaan, rest = alle[:MAX_STUKKEN], alle[MAX_STUKKEN:]
    naam = analyse.__name__
    ctx.dek(naam, gedekt=["per stuk van het berekeningsjaar gecodeerd: " + ", ".join(s.label() for s in gedaan)
                          + f" (regelversies en parameterwaarden van elk stuk; {BENADERD})"])
    samen: dict[str, tuple[Finding, list[Stuk]]] = {}
    for stuk in gedaan:
        ctx.bij()
        # The analysis's z3 units shared by its stretches, so a timeline model gets the same budget as any other.
        view = dataclasses.replace(ctx, parameters=stuk.parameters, stuk=stuk, rlimit=max(1, ctx.rlimit // len(gedaan)))
        for f in analyse(view):
            oud = samen.get(f.id)
            if oud is None:
                samen[f.id] = (f, [stuk])
            elif telt(f) and not telt(oud[0]):
                samen[f.id] = (f, [*oud[1], stuk])
            else:
                oud[1].append(stuk)
    uit = [_met_stukken(f, s, len(gedaan)) for f, s in samen.values()]
    if rest:
        labels = [s.label() for s in rest]
        ctx.dek(naam, overgeslagen=[f"stukken na de eerste {MAX_STUKKEN} niet gecodeerd: " + ", ".join(labels)])
        uit.append(Finding(
            "RS422", "tijdlijn-stukken", Ernst.INFO,
            f"Niet gecontroleerd: het berekeningsjaar heeft {len(alle)} stukken waarop parameters of regelversies "
            f"wisselen; alleen de eerste {MAX_STUKKEN} zijn gecodeerd (niet: {', '.join(labels)}).",
            Oordeel.NIET_GEVONDEN, (), f"tijdlijn-stukken|{naam}", "",
            details={"status": "niet gecodeerd", "niet_gecontroleerd": labels, "max_stukken": MAX_STUKKEN}))
    return uit


def _met_stukken(f: Finding, gevonden: list[Stuk], aantal: int) -> Finding:
    """`f` with the stretches it was found on (message and `details.stukken`); unchanged when the model
    has one stretch (nothing changes within the year)."""
    if aantal <= 1:
        return f
    labels = [s.label() for s in gevonden]
    wanneer = "op elk stuk van het berekeningsjaar" if len(gevonden) == aantal else "op " + ", ".join(labels)
    bericht = f.bericht.rstrip()
    bericht = f"{bericht[:-1] if bericht.endswith('.') else bericht} ({wanneer})."
    return dataclasses.replace(f, bericht=bericht, details={**f.details, "stukken": labels})
