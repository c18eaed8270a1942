"""All declared properties of one model: replay the database, ask z3 where it decides, search
with Hypothesis, and report each property as a finding (`regelspraak test` calls `controleer`).

Per property, in this order:
1. every counterexample in `<model>/tegenvoorbeelden/` for it is replayed (interpreter); one that
   still fails is the finding, and the search is skipped (its minimal case is already known);
2. `grenzen`, `nooit-leeg`: z3 — *bewezen* when unsat, its confirmed model the counterexample
   otherwise;
3. the Hypothesis search (`search.zoek`) with a seed from the model text and the property; a
   counterexample is written to the database (`bewaar`), so the next run replays it first.

Codes: RS410 monotonie, RS411 grenzen, RS412 nooit-leeg, RS413 invariantie, RS414 begrensd
effect, RS415 symmetrie, RS419 a property or database entry that does not fit the model, RS503
the two engines disagree on a generated example.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from regelspraak.analyses.context import Context
from regelspraak.analyses.findings import Finding, Oordeel, RegelPlek, Toelichting
from regelspraak.analyses.sweep import uitleg
from regelspraak.diagnostics import Ernst
from regelspraak.evaluate.interpret import Gegevens
from regelspraak.inputs import eigenschappen_yaml
from regelspraak.inputs.eigenschappen_yaml import Eigenschap
from regelspraak.model import ir
from regelspraak.properties import checks, database, search, serial, solver, space
from regelspraak.properties.search import Proef, Uitslag
from regelspraak.properties.transformaties import partner_erbij
from regelspraak.properties.transformaties.groepen import lid_type
from regelspraak.syntax.lexer import normalize

CODES = {"monotonie": "RS410", "grenzen": "RS411", "nooit-leeg": "RS412", "invariantie": "RS413",
         "begrensd-effect": "RS414", "symmetrie": "RS415"}


@dataclass(frozen=True)
class Resultaat:
    naam: str
    finding: Finding
    database: Path | None = None  # the entry replayed or written

    @property
    def geslaagd(self) -> bool:
        return self.finding.oordeel is not Oordeel.TEGENVOORBEELD and self.finding.ernst is not Ernst.FOUT


def kegel(model: ir.Model, objecttype: str, sleutel: str) -> set[str]:
    """Names of the rules the output depends on (writers, and the writers of what they read)."""
    todo = [(objecttype, sleutel)]
    gezien: set[tuple[str, str]] = set()
    namen: set[str] = set()
    while todo:
        k = todo.pop()
        if k in gezien:
            continue
        gezien.add(k)
        for r in model.regels:
            if k in r.schrijft:
                namen.add(r.naam)
                todo += list(r.leest)
    return namen


def betrokken_regels(model: ir.Model, e: Eigenschap, traces: tuple[Toelichting, ...]) -> tuple[RegelPlek, ...]:
    """The rules involved: those the output depends on that fired in the counterexample."""
    uit = checks.plek(model, e.uitkomst.objecttype, e.uitkomst.naam)
    if uit is None:
        return ()
    afhankelijk = kegel(model, uit.objecttype, uit.sleutel)
    gevuurd: set[str] = set()
    for t in traces:
        gevuurd |= t.regels
    namen = (afhankelijk & gevuurd) or afhankelijk
    return tuple(RegelPlek(r.naam, r.herkomst) for r in model.regels if r.naam in namen)


def _tegenvoorbeeld(model: ir.Model, e: Eigenschap, p: Proef, schending: str, kopie: Gegevens | None,
                    herkomst: str, extra: dict[str, Any]) -> Finding:
    traces = (uitleg(model, p.geval),) + ((uitleg(model, kopie),) if kopie is not None else ())
    transformatie = checks.transformatie(e)
    details: dict[str, Any] = {"eigenschap": e.naam, "soort": e.soort, "herkomst": herkomst, **extra}
    if transformatie is not None:
        details["transformatie"] = transformatie
        details["parameters"] = p.parameters
        if kopie is not None:
            details["getransformeerd_geval"] = serial.geval_dict(model, kopie)
    return Finding(CODES.get(e.soort, "RS419"), e.soort, Ernst.FOUT,
                   f"Eigenschap '{e.naam}' geldt niet: {schending} ({herkomst}).", Oordeel.TEGENVOORBEELD,
                   betrokken_regels(model, e, traces), sleutel=e.naam, aannames=_aannames(e),
                   tegenvoorbeeld=serial.geval_dict(model, p.geval), uitleg=traces, details=details)


def _aannames(e: Eigenschap) -> str:
    return ("alle objectconfiguraties en invoerwaarden binnen de gedeclareerde typen, de domeinen van analyse.yaml "
            "en de aantallen van zoekruimte; gevallen die een consistentieregel schenden tellen niet mee")


def _niet_gevonden(e: Eigenschap, u: Uitslag) -> Finding:
    return Finding(CODES.get(e.soort, "RS419"), e.soort, Ernst.INFO,
                   f"Eigenschap '{e.naam}': geen schending gevonden in {u.voorbeelden} voorbeelden.",
                   Oordeel.NIET_GEVONDEN, (), sleutel=e.naam, aannames=_aannames(e),
                   details={"eigenschap": e.naam, "soort": e.soort, "voorbeelden": u.voorbeelden})


def _past_niet(naam: str, bericht: str, sleutel: str) -> Finding:
    return Finding("RS419", "eigenschap-past-niet", Ernst.FOUT, bericht, Oordeel.TEGENVOORBEELD, (),
                   sleutel=sleutel, details={"eigenschap": naam})


def _verschil(e: Eigenschap, n: int) -> Finding:
    return Finding("RS503", "engines-verschillen", Ernst.WAARSCHUWING,
                   f"Eigenschap '{e.naam}': in {n} voorbeeld(en) meldde de gevectoriseerde engine een schending die "
                   "de interpreter niet bevestigde.", Oordeel.NIET_GEVONDEN, (), sleutel=f"{e.naam}|engines",
                   details={"eigenschap": e.naam, "aantal": n})


def _controleerbaar(model: ir.Model, e: Eigenschap, ruimte: space.Ruimte) -> str | None:
    """Why the property cannot be checked against this model (None: it can)."""
    if checks.plek(model, e.uitkomst.objecttype, e.uitkomst.naam) is None:
        return f"de uitkomst '{e.uitkomst.naam}' van '{e.uitkomst.objecttype}' bestaat niet in het model"
    if e.invoer is not None and ruimte.veld(e.invoer.objecttype, e.invoer.naam) is None:
        return f"'{e.invoer.naam}' van '{e.invoer.objecttype}' is geen invoer van het model"
    if e.feittype is not None and normalize(e.feittype) not in model.feittypen:
        return f"het feittype '{e.feittype}' bestaat niet in het model"
    if e.soort == "begrensd-effect":
        lt = lid_type(model, e.feittype or "")
        try:
            if lt is not None:
                partner_erbij.vast(model, e, lt)
        except ValueError as fout:
            return f"nieuw: {fout}"
    return None


def wordt_gezocht(e: Eigenschap) -> bool:
    """Per-case and relational properties; not the between-version ones (vergelijk), nor the
    template invariance of a feittype (analyses/incentives.py)."""
    if e.soort in eigenschappen_yaml.TUSSEN_VERSIES:
        return False
    return not (e.soort == "invariantie" and e.transformatie is None)


def controleer(ctx: Context, bestand: eigenschappen_yaml.EigenschappenBestand, voorbeelden: int,
               bewaar: bool = True) -> list[Resultaat]:
    model = ctx.model
    ruimte = space.build(model, ctx.rekendatum, ctx.parameters, ctx.analyse, bestand.zoekruimte)
    modeltekst = "".join(p.read_text("utf-8") for p in ctx.files.rgs)
    db = database.lees(ctx.files.map, model, list(ctx.files.parameters))
    namen = {e.naam for e in bestand.eigenschappen}
    out: list[Resultaat] = [Resultaat(f"zoekruimte: {o}", _past_niet("zoekruimte", f"Zoekruimte: {o}.",
                                                                      f"zoekruimte|{o}")) for o in ruimte.onbekend]
    for t in db:
        if t.geval is None or t.eigenschap not in namen:
            reden = t.fout or f"geen eigenschap '{t.eigenschap}' in eigenschappen.yaml"
            out.append(Resultaat(f"tegenvoorbeeld: {t.pad.name}",
                                 _past_niet(t.eigenschap, f"Tegenvoorbeeld {t.pad.name} past niet (meer): {reden}.",
                                            f"{t.pad.name}|past-niet"), t.pad))
    for e in bestand.eigenschappen:
        if not wordt_gezocht(e):
            continue
        waarom = _controleerbaar(model, e, ruimte)
        if waarom is not None:
            out.append(Resultaat(f"eigenschap: {e.naam}", _past_niet(e.naam, f"Eigenschap '{e.naam}': {waarom}.",
                                                                     f"{e.naam}|past-niet")))
            continue
        out += _een(ctx, ruimte, modeltekst, e, [t for t in db if t.eigenschap == e.naam and t.geval is not None],
                    voorbeelden, bewaar)
    return out


def _een(ctx: Context, ruimte: space.Ruimte, modeltekst: str, e: Eigenschap, replays: list[database.Tegenvoorbeeld],
         voorbeelden: int, bewaar: bool) -> list[Resultaat]:
    model = ctx.model
    sleutels = checks.sleutels(model, e)
    out: list[Resultaat] = []
    faalt = False
    for t in replays:
        assert t.geval is not None
        p = Proef(t.geval, t.parameters)
        [u] = search.beoordeel(ruimte, e, [p], sleutels, interpreter=True)
        naam = f"tegenvoorbeeld: {t.pad.name}"
        if u.schending is not None:
            faalt = True
            out.append(Resultaat(naam, _tegenvoorbeeld(model, e, p, u.schending, u.kopie,
                                                       f"opnieuw uitgevoerd uit {database.MAP}/{t.pad.name}", {}),
                                 t.pad))
        else:
            bericht = f"Eigenschap '{e.naam}' geldt nu voor het eerder gevonden tegenvoorbeeld {t.pad.name}."
            out.append(Resultaat(naam, Finding(CODES[e.soort], e.soort, Ernst.INFO, bericht, Oordeel.NIET_GEVONDEN, (),
                                               sleutel=e.naam), t.pad))
    if faalt:
        return out
    if e.soort in ("grenzen", "nooit-leeg"):
        besluit = solver.beslis(ruimte, e)
        if besluit is not None and besluit.bewezen:
            return [*out, Resultaat(f"eigenschap: {e.naam}", Finding(
                CODES[e.soort], e.soort, Ernst.INFO, f"Eigenschap '{e.naam}' geldt: bewezen met z3.", Oordeel.BEWEZEN,
                (), sleutel=e.naam, aannames=besluit.aannames, details={"eigenschap": e.naam, "bron": "z3"}))]
        if besluit is not None and besluit.geval is not None and besluit.uitkomst is not None:
            from regelspraak.analyses.solver.search import gegevens_uit

            g = gegevens_uit(model, besluit.geval)
            [u] = search.beoordeel(ruimte, e, [Proef(g)], sleutels, interpreter=True)
            if u.schending is not None:
                return [*out, _gevonden(ctx, e, Proef(g), u.schending, None, "model van z3", bewaar, {"bron": "z3"})]
    uitslag = search.zoek(ruimte, e, e.voorbeelden or voorbeelden, search.zaad(modeltekst, e))
    if uitslag.verschillen:
        out.append(Resultaat(f"engines: {e.naam}", _verschil(e, uitslag.verschillen)))
    if uitslag.voorbeelden == 0:
        # Not one example inside the input domain (every one violated a consistentieregel, or the
        # transformation found nothing to act on): the property was never tried, which is no pass.
        return [*out, Resultaat(f"eigenschap: {e.naam}", _past_niet(e.naam, (
            f"Eigenschap '{e.naam}': geen enkel bruikbaar voorbeeld gevonden, dus niet getoetst; controleer de "
            "aantallen van zoekruimte en het feittype (gevallen die een consistentieregel schenden tellen niet mee)."),
            f"{e.naam}|past-niet"))]
    if uitslag.proef is None or uitslag.uitkomst is None or uitslag.uitkomst.schending is None:
        return [*out, Resultaat(f"eigenschap: {e.naam}", _niet_gevonden(e, uitslag))]
    herkomst = f"kleinste tegenvoorbeeld na {uitslag.voorbeelden} voorbeelden, geschrompeld door Hypothesis"
    return [*out, _gevonden(ctx, e, uitslag.proef, uitslag.uitkomst.schending, uitslag.uitkomst.kopie, herkomst,
                            bewaar, {"voorbeelden": uitslag.voorbeelden})]


def _gevonden(ctx: Context, e: Eigenschap, p: Proef, schending: str, kopie: Gegevens | None, herkomst: str,
              bewaar: bool, extra: dict[str, Any]) -> Resultaat:
    pad = None
    if bewaar:
        pad = database.schrijf(ctx.files.map, e.naam, serial.geval_dict(ctx.model, p.geval), p.parameters, herkomst)
        extra = {**extra, "model": str(ctx.files.map), "database": str(pad), "gevalbestand": str(pad.with_name(
            pad.name.removesuffix(database.ACHTERVOEGSEL) + ".yaml"))}
    return Resultaat(f"eigenschap: {e.naam}", _tegenvoorbeeld(ctx.model, e, p, schending, kopie, herkomst, extra), pad)

