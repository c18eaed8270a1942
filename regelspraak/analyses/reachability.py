"""Reachability: dead rules (RS320 dode-regel) and inconsistencies (RS220 inconsistentie).

`dode_regels`: a rule version (or table row) valid on the rekendatum whose condition no input
within the declared domains satisfies without a run-time error, or an Initialisatie whose
attribute is never still leeg when it runs. Proven by unsat in the over-approximating encoding,
so these findings are `bewezen`. A version that cannot fire only because a parameter has no
value on the rekendatum is left to the checker (RS301/RS302).

`inconsistenties`:
- a consistentieregel that reads derived values and that valid input violates (a rule computes
  something the model itself declares inconsistent); consistentieregels over input alone define
  what valid input is, so violating those is their purpose, not a defect;
- a consistentieregel that can never hold, or consistentieregels that together exclude every input;
- a rule that writes a value outside the attribute's declared domain: negative into a
  `niet-negatief` attribute, zero or less into a `positief` one, more decimals than declared
  (the interpreter stops with RS106).
A violation is reported with a case the interpreter confirms; "never holds" is proven by unsat.

>>> from pathlib import Path
>>> import tempfile, datetime
>>> from regelspraak.model.from_syntax import load_model
>>> from regelspraak.analyses.solver.search import Context
>>> d = Path(tempfile.mkdtemp()); p = d / "m.rgs"
>>> _ = p.write_text('''Objecttype de Persoon (bezield)
... \\tde leeftijd\\tNumeriek (niet-negatief geheel getal);
... \\tde korting\\tNumeriek (niet-negatief geheel getal) met eenheid €;
... Regel korting
... \\tgeldig altijd
... \\t\\tDe korting van een Persoon moet berekend worden als 100 € min (2 € maal zijn leeftijd).
... Regel kind
... \\tgeldig altijd
... \\t\\tDe korting van een Persoon moet gesteld worden op 0 €
... \\t\\tindien zijn leeftijd kleiner is dan 0.
... ''', "utf-8")
>>> model, diags = load_model([p]); diags
[]
>>> ctx = Context(model, {}, datetime.date(2025, 1, 1))
>>> [(f.code, f.oordeel.value) for f in dode_regels(ctx)]
[('RS320', 'bewezen')]
>>> [(f.code, f.oordeel.value, f.details["schending"]) for f in inconsistenties(ctx)]
[('RS220', 'bewezen', 'negatief')]
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import z3

from regelspraak.analyses.findings import Finding, Oordeel, RegelPlek
from regelspraak.analyses.solver.encoder import Encoder
from regelspraak.analyses.solver.operators import vergelijk_constante
from regelspraak.analyses.solver.search import (
    AnalyseContext,
    Budget,
    Status,
    Zoeker,
    Zoekresultaat,
    aannames,
    niet_beslist,
    oordeel,
    overgeslagen,
    plek,
    uitleg,
)
from regelspraak.analyses.solver.values import Frame
from regelspraak.analyses.stukken import moment
from regelspraak.diagnostics import Ernst
from regelspraak.evaluate.interpret import Uitkomst
from regelspraak.model import ir
from regelspraak.model.order import reads_of
from regelspraak.values.leesbaar import getal_tekst
from regelspraak.values.notation import format_getal

CODE_DOOD = "RS320"
CODE_INCONSISTENT = "RS220"


def _geldig(ctx: AnalyseContext) -> list[tuple[ir.Regel, ir.Versie]]:
    return [(r, v) for r in ctx.model.regels for v in r.versies if v.geldig_op(moment(ctx))]


def _wat(regel: ir.Regel, versie: ir.Versie) -> str:
    if versie.rij is not None:
        return f"Rij {versie.rij} van beslistabel '{regel.naam}' ({versie.beschrijf()})"
    return f"Regel '{regel.naam}' ({versie.beschrijf()})"


# ---------------------------------------------------------------- dode-regel


def dode_regels(ctx: AnalyseContext) -> list[Finding]:
    """RS320 findings: rule versions valid on the rekendatum that can never fire."""
    budget = Budget(ctx.rlimit)
    # Consistentieregels are not assumed: a rule that only fires on input the model calls
    # inconsistent may be deliberate (a fallback), so it is not dead.
    zoeker = Zoeker(ctx, budget, invoercontroles=False)
    taken = [(r, v, res) for r, v in _geldig(ctx) for res in v.resultaten if isinstance(res, ir.Toekenning)]
    findings: list[Finding] = []
    gemeld: set[tuple[str, int]] = set()
    niet_gedaan: list[str] = []
    plekken: list[RegelPlek] = []
    for n, (regel, versie, res) in enumerate(taken):
        if (regel.naam, id(versie)) in gemeld:
            continue
        if res.voorwaarde is None and not res.initialisatie and res.expr is None:
            continue
        if budget.op:
            niet_gedaan.append(_wat(regel, versie))
            plekken.append(plek(regel, versie))
            continue

        def vraag(enc: Encoder, regel: ir.Regel = regel, versie: ir.Versie = versie,
                  res: ir.Toekenning = res) -> list[Any]:
            w = enc.wortel(versie.onderwerp)
            leeg_nu = None
            if res.initialisatie and res.doel.attribuut is not None and not res.doel.pad:
                leeg_nu = enc.attribuut(w, res.doel.attribuut, voor=res).leeg
            t = enc.toepassing(w, regel, versie, res, leeg_nu=leeg_nu)
            return [t.vuurt]

        status, enc = zoeker.bewijs(vraag, deel=max(0.2, 1 / (len(taken) - n)))
        sleutel = f"{regel.naam}|{versie.vanaf}|{versie.tot_en_met}|{versie.rij}"
        if status is Status.BUDGET:
            findings.append(niet_beslist(CODE_DOOD, "dode-regel", f"of {_wat(regel, versie).lower()} kan vuren",
                                         (plek(regel, versie),), sleutel, Zoekresultaat(status), ctx, False))
            continue
        if status is not Status.ONMOGELIJK or enc.ontbrekend:
            continue
        gemeld.add((regel.naam, id(versie)))
        if res.initialisatie and res.doel.attribuut is not None:
            bericht = (f"{_wat(regel, versie)} vult nooit iets in: '{res.doel.attribuut.naam}' is altijd al gevuld "
                       "wanneer de Initialisatie aan de beurt is.")
        else:
            bericht = (f"{_wat(regel, versie)} kan nooit vuren: geen invoer binnen de gedeclareerde domeinen "
                       "voldoet aan de voorwaarde zonder rekenfout.")
        findings.append(Finding(
            CODE_DOOD, "dode-regel", Ernst.WAARSCHUWING, bericht, Oordeel.BEWEZEN, (plek(regel, versie),), sleutel,
            aannames(ctx, None, False) + "; " + "; ".join(sorted(enc.benaderingen)) if enc.benaderingen
            else aannames(ctx, None, False),
            details={"regel": regel.naam, "rij": versie.rij, "initialisatie": res.initialisatie}))
    return findings + overgeslagen(CODE_DOOD, "dode-regel", niet_gedaan, tuple(plekken), ctx)


# ---------------------------------------------------------------- inconsistentie


def _leest_afgeleid(enc_geschreven: set[tuple[str, str]], alleen_init: set[tuple[str, str]],
                    volledig: set[tuple[str, str]], v: ir.Versie) -> bool:
    def invoer(k: tuple[str, str]) -> bool:
        return k not in enc_geschreven or (k in alleen_init and k not in volledig)

    return not all(invoer(k) for k in reads_of(v))


def inconsistenties(ctx: AnalyseContext) -> list[Finding]:
    """RS220 findings: violated or unsatisfiable consistentieregels, values outside declared domains."""
    budget = Budget(ctx.rlimit)
    zoeker = Zoeker(ctx, budget)
    los = Zoeker(ctx, budget, invoercontroles=False)
    model = ctx.model
    probe = Encoder(model, ctx.parameters, ctx.rekendatum, stuk=getattr(ctx, "stuk", None))
    findings: list[Finding] = []
    geldig = _geldig(ctx)
    per_type: dict[str, list[tuple[ir.Regel, ir.Versie, ir.Consistentieregel]]] = {}
    niet_gedaan: list[str] = []
    plekken: list[RegelPlek] = []
    for regel, versie in geldig:
        for res in versie.resultaten:
            if not isinstance(res, ir.Consistentieregel) or res.voorwaarde is None:
                continue
            per_type.setdefault(versie.onderwerp, []).append((regel, versie, res))
            if budget.op:
                niet_gedaan.append(f"consistentieregel '{regel.naam}'")
                plekken.append(plek(regel, versie))
                continue
            findings += _consistentieregel(ctx, zoeker, los, probe, regel, versie, res)
    # Together: the input consistentieregels of one objecttype might exclude every input.
    for ot, regels in per_type.items():
        invoer = [x for x in regels if not _leest_afgeleid(probe.geschreven, probe.alleen_init, probe.volledig, x[1])]
        if len(invoer) < 2 or budget.op:
            continue
        def bestaat(enc: Encoder, ot: str = ot) -> list[Any]:
            enc.wortel(ot)  # the input consistentieregels are assumed for it
            return []

        status, enc = zoeker.bewijs(bestaat)
        if status is Status.ONMOGELIJK and not enc.ontbrekend:
            namen = ", ".join(f"'{r.naam}'" for r, _, _ in invoer)
            findings.append(Finding(
                CODE_INCONSISTENT, "inconsistentie", Ernst.FOUT,
                f"De consistentieregels {namen} voor een {model.objecttypen[ot].naam} sluiten samen elke invoer uit: "
                "elk geval is inconsistent.", Oordeel.BEWEZEN, tuple(plek(r, v) for r, v, _ in invoer),
                f"{ot}|samen|" + "|".join(sorted(r.naam for r, _, _ in invoer)), aannames(ctx),
                details={"schending": "samen onvervulbaar"}))
    for regel, versie in geldig:
        for res in versie.resultaten:
            if isinstance(res, ir.Toekenning) and res.doel.attribuut is not None and not res.doel.pad:
                if budget.op:
                    niet_gedaan.append(f"domein van '{res.doel.attribuut.naam}' in {_wat(regel, versie).lower()}")
                    plekken.append(plek(regel, versie))
                    continue
                findings += domein(ctx, zoeker, regel, versie, res)
    return findings + overgeslagen(CODE_INCONSISTENT, "inconsistentie", niet_gedaan, tuple(plekken), ctx)


def _consistentieregel(ctx: AnalyseContext, zoeker: Zoeker, los: Zoeker, probe: Encoder, regel: ir.Regel,
                       versie: ir.Versie, res: ir.Consistentieregel) -> list[Finding]:
    assert res.voorwaarde is not None
    voorwaarde = res.voorwaarde
    sleutel = f"{regel.naam}|{versie.vanaf}|{versie.tot_en_met}"
    regels = (plek(regel, versie),)

    def geldt(enc: Encoder) -> list[Any]:
        c = enc.conditie(voorwaarde, Frame(enc.wortel(versie.onderwerp), versie))
        return [c.w, z3.Not(c.fout)]

    status, enc = los.bewijs(geldt)
    if status is Status.ONMOGELIJK and not enc.ontbrekend:
        return [Finding(
            CODE_INCONSISTENT, "inconsistentie", Ernst.FOUT,
            f"Consistentieregel '{regel.naam}' kan nooit gelden: elke invoer binnen de gedeclareerde domeinen is "
            "inconsistent.", Oordeel.BEWEZEN, regels, sleutel + "|nooit", aannames(ctx, None, False),
            details={"schending": "nooit vervulbaar"})]
    if not _leest_afgeleid(probe.geschreven, probe.alleen_init, probe.volledig, versie):
        return []  # a check on input: being violable by input is its purpose

    def geschonden(enc: Encoder) -> list[Any]:
        c = enc.conditie(voorwaarde, Frame(enc.wortel(versie.onderwerp), versie))
        return [z3.Not(c.w), z3.Not(c.fout)]

    def bevestig(u: Uitkomst, wortel: str) -> bool:
        return not u.fouten and any(i.object_id == wortel and i.regel == regel.naam for i in u.inconsistenties)

    r = zoeker.zoek(geschonden, bevestig)
    if r.status is Status.ONMOGELIJK:
        return []
    if r.status is not Status.GEVONDEN:
        return [niet_beslist(CODE_INCONSISTENT, "inconsistentie", f"of consistentieregel '{regel.naam}' geschonden "
                             "kan worden", regels, sleutel + "|geschonden", r, ctx)]
    return [Finding(
        CODE_INCONSISTENT, "inconsistentie", Ernst.FOUT,
        f"Consistentieregel '{regel.naam}' wordt geschonden door geldige invoer: de regels berekenen een waarde die "
        "het model zelf inconsistent noemt (zie het tegenvoorbeeld).", oordeel(r), regels, sleutel + "|geschonden",
        aannames(ctx, r), r.geval, uitleg(ctx.model, r.uitkomst), details={"schending": "geschonden"})]


def domein(ctx: AnalyseContext, zoeker: Zoeker, regel: ir.Regel, versie: ir.Versie,
            res: ir.Toekenning) -> list[Finding]:
    a = res.doel.attribuut
    assert a is not None
    t = a.type
    findings: list[Finding] = []
    ot = ctx.model.objecttypen[a.objecttype].naam
    if t.is_getal and t.teken in ("niet-negatief", "positief"):
        def te_klein(enc: Encoder) -> list[Any]:
            w = enc.wortel(versie.onderwerp)
            leeg_nu = enc.attribuut(w, a, voor=res).leeg if res.initialisatie else None
            tp = enc.toepassing(w, regel, versie, res, leeg_nu=leeg_nu)
            assert tp.waarde is not None
            grens = vergelijk_constante(tp.waarde, "<" if t.teken == "niet-negatief" else "<=", Fraction(0))
            return [tp.vuurt, z3.Not(tp.waarde.leeg), grens]

        def bevestig(u: Uitkomst, wortel: str) -> bool:
            w = u.instanties[wortel].waarden.get(a.naam.lower())
            af = u.instanties[wortel].afleidingen.get(a.naam.lower())
            slecht = isinstance(w, Fraction) and (w < 0 if t.teken == "niet-negatief" else w <= 0)
            return not u.fouten and slecht and af is not None and af.regel == regel.naam

        r = zoeker.zoek(te_klein, bevestig)
        sleutel = f"{regel.naam}|{a.naam}|{t.teken}"
        if r.status is Status.GEVONDEN:
            assert r.uitkomst is not None and r.wortel is not None
            waarde = r.uitkomst.instanties[r.wortel].waarden.get(a.naam.lower())
            tekst = format_getal(waarde) if isinstance(waarde, Fraction) else "?"
            leesbaar = getal_tekst(waarde) if isinstance(waarde, Fraction) else "?"
            findings.append(Finding(
                CODE_INCONSISTENT, "inconsistentie", Ernst.FOUT,
                f"{_wat(regel, versie)} kan '{a.naam}' van een {ot} de waarde {leesbaar} geven, terwijl '{a.naam}' "
                f"{t.teken} is gedeclareerd.", oordeel(r), (plek(regel, versie),), sleutel, aannames(ctx, r), r.geval,
                uitleg(ctx.model, r.uitkomst),
                details={"schending": "negatief" if t.teken == "niet-negatief" else "niet positief",
                         "attribuut": a.naam, "waarde": tekst}))
        elif r.status is not Status.ONMOGELIJK:
            findings.append(niet_beslist(CODE_INCONSISTENT, "inconsistentie", f"of {_wat(regel, versie).lower()} "
                                         f"'{a.naam}' buiten het domein ({t.teken}) kan brengen",
                                         (plek(regel, versie),), sleutel, r, ctx))
    if t.is_getal and t.decimalen is not None and res.expr is not None and _kan_decimalen_hebben(res.expr):
        def te_precies(enc: Encoder) -> list[Any]:
            w = enc.wortel(versie.onderwerp)
            leeg_nu = enc.attribuut(w, a, voor=res).leeg if res.initialisatie else None
            tp = enc.toepassing(w, regel, versie, res, leeg_nu=leeg_nu)
            return [tp.decimalen]

        def bevestig_rs106(u: Uitkomst, wortel: str) -> bool:
            return bool(u.fouten) and all(f.code == "RS106" for f in u.fouten) and any(
                f"Regel '{regel.naam}'" in f.bericht for f in u.fouten)

        r = zoeker.zoek(te_precies, bevestig_rs106)
        sleutel = f"{regel.naam}|{a.naam}|decimalen"
        if r.status is Status.GEVONDEN:
            findings.append(Finding(
                CODE_INCONSISTENT, "inconsistentie", Ernst.FOUT,
                f"{_wat(regel, versie)} kan '{a.naam}' van een {ot} een waarde met meer dan {t.decimalen} "
                f"decimalen geven zonder af te ronden; de uitvoering stopt dan met RS106.", oordeel(r),
                (plek(regel, versie),), sleutel, aannames(ctx, r), r.geval, uitleg(ctx.model, r.uitkomst),
                details={"schending": "decimalen", "attribuut": a.naam}))
        elif r.status is not Status.ONMOGELIJK:
            findings.append(niet_beslist(CODE_INCONSISTENT, "inconsistentie", f"of {_wat(regel, versie).lower()} "
                                         f"'{a.naam}' te veel decimalen kan geven", (plek(regel, versie),), sleutel,
                                         r, ctx))
    return findings


def _kan_decimalen_hebben(x: ir.Expr) -> bool:
    """A value written as-is from a literal or parameter is checked when it is read, not here."""
    return not isinstance(x, ir.Literal | ir.ParameterRef)
