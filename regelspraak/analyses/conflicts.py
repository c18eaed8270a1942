"""Conflicts (RS230): two rules give one attribute different values for the same input.

For every pair of Gelijkstellingen from different rules (or a rule and a decision table) that
write the same attribute and are valid on the rekendatum, z3 is asked for an input for which
both fire and their values differ (leeg counts as a value, as in the interpreter's RS203
check). Unsatisfiable in the over-approximating encoding: proven free of conflict, no finding.
Satisfiable: a concrete case is built and run through the interpreter; only when it reports the
conflict (RS203) is there a finding, with the case attached. Initialisaties never conflict (they
only fill what is leeg); rows of one table against each other are `decision_tables`' business.

>>> from pathlib import Path
>>> import tempfile, datetime
>>> from regelspraak.model.from_syntax import load_model
>>> from regelspraak.analyses.solver.search import Context
>>> d = Path(tempfile.mkdtemp()); p = d / "m.rgs"
>>> _ = p.write_text('''Objecttype de Persoon (bezield)
... \\tde leeftijd\\tNumeriek (niet-negatief geheel getal) met eenheid jr;
... \\tde korting\\tNumeriek (geheel getal) met eenheid €;
... Regel jong
... \\tgeldig altijd
... \\t\\tDe korting van een Persoon moet gesteld worden op 10 € indien zijn leeftijd kleiner is dan 30 jr.
... Regel oud
... \\tgeldig altijd
... \\t\\tDe korting van een Persoon moet gesteld worden op 20 € indien zijn leeftijd groter is dan 25 jr.
... ''', "utf-8")
>>> model, _ = load_model([p])
>>> [f.code + " " + f.oordeel.value for f in conflicten(Context(model, {}, datetime.date(2025, 1, 1)))]
['RS230 bewezen']
"""

from __future__ import annotations

from typing import Any

from regelspraak.analyses.findings import Finding, RegelPlek
from regelspraak.analyses.solver.encoder import Encoder
from regelspraak.analyses.solver.operators import verschillend
from regelspraak.analyses.solver.search import (
    AnalyseContext,
    Budget,
    Status,
    Zoeker,
    aannames,
    niet_beslist,
    oordeel,
    overgeslagen,
    plek,
    uitleg,
)
from regelspraak.analyses.stukken import moment
from regelspraak.diagnostics import Diagnostic, Ernst
from regelspraak.evaluate.interpret import Uitkomst
from regelspraak.model import ir

CODE = "RS230"
SOORT = "conflict"

Schrijver = tuple[ir.Regel, ir.Versie, ir.Toekenning]


def _schrijvers(ctx: AnalyseContext) -> dict[tuple[str, str], list[Schrijver]]:
    out: dict[tuple[str, str], list[Schrijver]] = {}
    for regel in ctx.model.regels:
        for versie in regel.versies:
            if not versie.geldig_op(moment(ctx)):
                continue
            for res in versie.resultaten:
                if isinstance(res, ir.Toekenning) and not res.initialisatie and res.doel.attribuut is not None:
                    a = res.doel.attribuut
                    out.setdefault((a.objecttype, a.naam.lower()), []).append((regel, versie, res))
    return out


def _vraag(a: Schrijver, b: Schrijver) -> tuple[str, Any] | None:
    """The z3 question 'both fire, different values', rooted where both reach the same object."""
    if a[2].doel.pad and b[2].doel.pad:
        return None  # two role paths: which objects coincide is not encoded
    if any(r.meervoudig for r in (*a[2].doel.pad, *b[2].doel.pad)):
        return None  # writing through a multi-valued role is not encoded
    if a[2].doel.pad:
        a, b = b, a
    # Now `a` writes its own subject; `b` writes its subject or an object reached via its path.
    if not b[2].doel.pad and a[1].onderwerp != b[1].onderwerp:
        return None
    wortel_type = b[1].onderwerp

    def vraag(enc: Encoder) -> list[Any]:
        w = enc.wortel(wortel_type)
        tb = enc.toepassing(w, b[0], b[1], b[2])
        assert tb.doel is not None
        ta = enc.toepassing(tb.doel, a[0], a[1], a[2])
        assert ta.waarde is not None and tb.waarde is not None
        return [ta.vuurt, tb.vuurt, verschillend(ta.waarde, tb.waarde)]

    return wortel_type, vraag


def _meldt(f: Diagnostic, naam: str, a: Schrijver, b: Schrijver) -> bool:
    """Is `f` the interpreter's RS203 about this attribute and (one of) these rules?"""
    return f.code == "RS203" and f"'{naam}' van " in f.bericht and (
        f"'{a[0].naam}'" in f.bericht or f"'{b[0].naam}'" in f.bericht)


def conflicten(ctx: AnalyseContext) -> list[Finding]:
    """RS230 findings for the rules valid on `ctx.rekendatum`, within `ctx.rlimit` z3 resource units."""
    budget = Budget(ctx.rlimit)
    zoeker = Zoeker(ctx, budget)
    paren: list[tuple[Schrijver, Schrijver]] = []
    for schrijvers in _schrijvers(ctx).values():
        for i, a in enumerate(schrijvers):
            for b in schrijvers[i + 1:]:
                if a[0].naam != b[0].naam:
                    paren.append((a, b))
    findings: list[Finding] = []
    klaar: set[tuple[str, str, str, str]] = set()
    niet_gedaan: list[str] = []
    plekken: list[RegelPlek] = []
    open_: dict[tuple[str, str, str, str], Finding] = {}
    niet_gecodeerd: list[str] = []
    plekken_nc: list[RegelPlek] = []
    for n, (a, b) in enumerate(paren):
        attr = a[2].doel.attribuut
        assert attr is not None
        eerste, tweede = sorted((a[0].naam, b[0].naam))
        id_paar = (attr.objecttype, attr.naam.lower(), eerste, tweede)
        if id_paar in klaar:
            continue  # one finding per pair of rules (e.g. several rows of one table)
        vraag = _vraag(a, b)
        regels = (plek(a[0], a[1]), plek(b[0], b[1]))
        if vraag is None:
            # Written through role paths the encoding does not follow (see _vraag).
            niet_gecodeerd.append(f"regels '{a[0].naam}' en '{b[0].naam}' ('{attr.naam}')")
            plekken_nc += regels
            continue
        sleutel = "|".join(id_paar)
        naam = attr.naam.lower()
        if budget.op:
            niet_gedaan.append(f"regels '{a[0].naam}' en '{b[0].naam}' ('{attr.naam}')")
            plekken += regels
            continue

        def bevestig(u: Uitkomst, wortel: str, naam: str = naam, a: Schrijver = a, b: Schrijver = b) -> bool:
            return any(_meldt(f, naam, a, b) for f in u.fouten)

        r = zoeker.zoek(vraag[1], bevestig, deel=max(0.2, 1 / (len(paren) - n)))
        wat = f"regels '{a[0].naam}' en '{b[0].naam}' voor '{attr.naam}'"
        if r.status is Status.ONMOGELIJK:
            continue
        if r.status is not Status.GEVONDEN:
            # Reported at the end, unless another version or row of the same two rules shows the conflict.
            open_.setdefault(id_paar, niet_beslist(CODE, SOORT, "conflict tussen " + wat, regels, sleutel, r, ctx))
            continue
        klaar.add(id_paar)
        assert r.uitkomst is not None
        melding = next(f.bericht for f in r.uitkomst.fouten if _meldt(f, naam, a, b))
        ot = ctx.model.objecttypen[attr.objecttype].naam
        findings.append(Finding(
            CODE, SOORT, Ernst.FOUT,
            f"Regels '{a[0].naam}' en '{b[0].naam}' geven '{attr.naam}' van een {ot} verschillende waarden voor "
            f"dezelfde invoer. Tegenvoorbeeld: {melding}",
            oordeel(r), regels, sleutel, aannames(ctx, r), r.geval, uitleg(ctx.model, r.uitkomst),
            details={"attribuut": attr.naam, "objecttype": ot, "regels": [a[0].naam, b[0].naam],
                     "object": r.wortel, "melding": melding}))
    findings += [f for id_paar, f in open_.items() if id_paar not in klaar]
    findings += overgeslagen(CODE, SOORT, niet_gecodeerd, tuple(plekken_nc), ctx,
                             "(toekenning via rolpaden wordt niet gecodeerd)")
    return findings + overgeslagen(CODE, SOORT, niet_gedaan, tuple(plekken), ctx)
