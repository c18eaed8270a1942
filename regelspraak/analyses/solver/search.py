"""Asking z3 one question, and trusting only what the interpreter confirms.

Every check runs abstract first (a proof when unsat), then with slots for a witness (the
smallest z3 finds quickly: numbers near 0, dates near the rekendatum), then the interpreter
confirms the witness, read exactly as `bereken --gegevens` reads a case file (`Zoeker.zoek`).
A finding is `bewezen` when the encoding that produced the confirmed case was exact. The helpers
at the end turn a search result into (part of) a finding the way every z3 analysis does.

>>> from pathlib import Path
>>> import tempfile, datetime
>>> from regelspraak.model.from_syntax import load_model
>>> from regelspraak.analyses.solver.values import Frame
>>> d = Path(tempfile.mkdtemp()); p = d / "m.rgs"
>>> _ = p.write_text('''Objecttype de Persoon (bezield)
... \\tde leeftijd\\tNumeriek (niet-negatief geheel getal) met eenheid jr;
... Regel oud
... \\tgeldig altijd
... \\t\\tDe leeftijd van een Persoon moet kleiner zijn dan 130 jr.
... ''', "utf-8")
>>> model, _ = load_model([p])
>>> ctx = Context(model, {}, datetime.date(2025, 1, 1))
>>> zoeker = Zoeker(ctx, Budget(RLIMIT_ANALYSE), invoercontroles=False)  # the rule under test is one
>>> regel = model.regels[0]
>>> res = regel.versies[0].resultaten[0]
>>> def schending(enc: Encoder) -> list[Any]:
...     w = enc.wortel("persoon")
...     c = enc.conditie(res.voorwaarde, Frame(w, regel.versies[0]))
...     return [z3.Not(c.w), z3.Not(c.fout)]
>>> r = zoeker.zoek(schending, lambda u, wortel: any(i.regel == "oud" for i in u.inconsistenties))
>>> r.status.value, r.exact, r.uitkomst.inconsistenties[0].object_id
('gevonden', True, 'persoon')
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any, Protocol

import z3

from regelspraak.analyses.findings import Finding, Oordeel, RegelPlek, Toelichting
from regelspraak.analyses.limieten import (
    EERSTE_STAP,
    MAX_TAKKEN,
    RLIMIT_ANALYSE,
    RLIMIT_MINIMAAL,
    RLIMIT_VRAAG,
    RLIMIT_VRAAG_STUK,
)
from regelspraak.analyses.solver.encoder import Encoder
from regelspraak.analyses.solver.values import Z
from regelspraak.analyses.solver.world import Meervoud
from regelspraak.analyses.stukken import Stuk
from regelspraak.diagnostics import Ernst
from regelspraak.evaluate.interpret import Gegevens, Uitkomst, run
from regelspraak.inputs import yaml_source
from regelspraak.inputs.files import Geval, case_from
from regelspraak.model import ir
from regelspraak.origin import Herkomst
from regelspraak.values.tijdlijn import Tijdlijn

# z3 work is limited by resource units (z3's deterministic `rlimit`), never by wall-clock time: the
# same model gives the same verdicts on a loaded laptop and an idle server (DESIGN decision 8).


class AnalyseContext(Protocol):
    """What an analysis gets (the lead's class satisfies this structurally)."""

    @property
    def model(self) -> ir.Model: ...
    @property
    def parameters(self) -> dict[str, ir.Waarde]: ...
    @property
    def rekendatum(self) -> date: ...
    @property
    def rlimit(self) -> int: ...


@dataclass(frozen=True)
class Context:
    """A plain `AnalyseContext`, for tests and doctests."""

    model: ir.Model
    parameters: dict[str, ir.Waarde]
    rekendatum: date
    rlimit: int = RLIMIT_ANALYSE
    stuk: Stuk | None = None  # the stretch of a timeline model's year encoded (analyses/stukken.py)


class Budget:
    """The z3 resource units of one analysis, shared by all its questions. Counted from z3's own
    deterministic resource counter, so whether a question is answered never depends on the load.

    >>> b = Budget(1000); b.boek(400); (b.over(), b.op)
    (600, False)
    """

    def __init__(self, eenheden: int) -> None:
        self.eenheden = eenheden
        self.verbruikt = 0

    def over(self) -> int:
        return self.eenheden - self.verbruikt

    def boek(self, eenheden: int) -> None:
        self.verbruikt += max(0, eenheden)

    @property
    def op(self) -> bool:
        return self.over() <= 0


def _rlimit_teller(s: Any) -> int:
    """z3's cumulative resource counter as a solver reports it (0 when it reports none)."""
    st = s.statistics()
    return int(st.get_key_value("rlimit count")) if "rlimit count" in st.keys() else 0


def _vaste_instellingen() -> None:
    """Set, before every question, that z3's integer solver does not use its Diophantine-equation handler
    (`lp.dio`, on by default in recent z3; module `lp` is configured per process, not per context, so
    it is set every time).

    Its row substitutions multiply ever larger integer coefficients, and that bignum work is not counted
    towards the rlimit: on the monthly zorgtoeslag (the civil-calendar day numbers of
    analyses/solver/kalender.py beside amounts scaled to cents) one minimising question with a limit of
    20,000,000 units ran for over ten minutes inside `lp::dioph_eq` (RS220 domein). Without it z3 decides
    such questions by its other cuts and branching, which are counted. (`lp.random_hammers`, z3's random
    choice of when to try its cuts, stays on: off, the huurtoeslag's RS220 questions branched into so many
    bounds that z3's bound axioms, also uncounted, ran for minutes.)

    A z3 without the parameter has no such handler: nothing to set."""
    try:
        if z3.get_param("lp.dio") != "false":
            z3.set_param("lp.dio", False)
    except z3.Z3Exception:
        pass


def _vraag_z3(tekst: str, limiet: int, tijdlijn: bool, optimaliseer: bool) -> tuple[Z, Z, int, int, bool]:
    """One question (its text) in a fresh z3 context with `limiet` units: the answer, the model (in the main
    context) when sat, the units used, z3's count of integer branches, and whether an unknown answer is
    z3's incompleteness (no nlsat) rather than its limit."""
    _vaste_instellingen()
    c = z3.Context()
    s = z3.Optimize(ctx=c) if optimaliseer else z3.Solver(ctx=c)
    s.set("rlimit", limiet)
    # No nlsat (z3's complete procedure for nonlinear real arithmetic): its polynomial
    # factorisation and gcd on big coefficients do not count towards the rlimit, so one question
    # over the normhuur (a·Y·Y + b·Y in the household income Y, with a and b quotients of
    # per-household values; Wht art. 17) ran for over half an hour inside "its" limit
    # (wetten/huurtoeslag, RS220 domein). Without it z3 still decides nonlinear
    # questions by linearisation and bounds within the count, or answers unknown: the question
    # is then "niet gevonden binnen budget", never a proof.
    s.set("smt.arith.nl.nra", False)
    if tijdlijn:
        # On a timeline model no Hermite-normal-form cuts either, for the same reason as no Diophantine
        # handler (`_vaste_instellingen`): their bignum work is not counted, and on the AOW (a day fraction
        # of an amount per half year, day numbers through the civil calendar) one question stayed in
        # `lp::hnf_cutter` for minutes inside a limit of 100,000,000 units.
        s.set("arith.enable_hnf", False)
    if tijdlijn and not optimaliseer:
        # A timeline model's products of two variables (a day fraction times an amount) are left to z3's
        # linear reasoning: its non-linear procedure was seen to run far past the resource limit on them.
        # Sound either way: an unsat answer stays a proof, a sat answer is confirmed by the interpreter,
        # and what z3 cannot decide is reported as not decided.
        s.set("arith.nl", False)
    s.from_string(tekst)
    voor = _rlimit_teller(s)
    r = s.check()
    st = s.statistics()
    takken = int(st.get_key_value("arith-branch")) if "arith-branch" in st.keys() else 0
    m = s.model().translate(z3.main_ctx()) if r == z3.sat else None
    return r, m, min(limiet, _rlimit_teller(s) - voor), takken, r == z3.unknown and "incomplete" in s.reason_unknown()


def vraagtekst(formules: tuple[Z, ...], doel: Z = None) -> str:
    """One question as SMT-LIB text, which `_los` parses into a fresh z3 context.

    Why text, and not `translate`: a translated term keeps the internal order of the context it was
    built in, and z3's search follows that order. The same question then took 274,117 units and no
    time after one history of earlier questions, and minutes inside `theory_lra::mk_bound_axioms`
    (work the resource count does not see) after another: `analyseer wetten/toeslagen` hung on the
    huurtoeslag's RS320 question that `analyseer wetten/huurtoeslag` answered at once. Parsed from its
    text, a question is the same z3 problem in every process, whatever ran before it.

    >>> x = z3.Int("x")
    >>> print(vraagtekst((x > 2,), x))
    (declare-fun x () Int)
    (assert (> x 2))
    (minimize x)
    (check-sat)
    <BLANKLINE>
    """
    c = formules[0].ctx if formules else z3.main_ctx()
    p = z3.Optimize(ctx=c) if doel is not None else z3.Solver(ctx=c)
    p.add(*formules)
    if doel is not None:
        p.minimize(doel)
    return str(p.sexpr())


# ---------------------------------------------------------------- searching and confirming


class Status(Enum):
    ONMOGELIJK = "onmogelijk"  # unsat in the over-approximation: proven
    GEVONDEN = "gevonden"  # a case the interpreter confirms
    NIET_BEVESTIGD = "niet bevestigd"  # z3 found something, the interpreter did not confirm it
    NIET_GEVONDEN = "niet gevonden"  # no case within the bounded world
    BUDGET = "budget"  # z3 gave up (resource limit)


@dataclass(frozen=True)
class Zoekresultaat:
    status: Status
    geval: dict[str, Any] | None = None
    uitkomst: Uitkomst | None = None
    exact: bool = False  # the encoding that found the case used no over-approximation
    benaderingen: tuple[str, ...] = ()
    begrenzingen: tuple[str, ...] = ()
    wortel: str | None = None  # object id of the subject in the case
    onvolledig: bool = False  # BUDGET because z3 cannot decide it without nlsat, not because its limit ran out


Vraag = Callable[[Encoder], list[Z]]


class Zoeker:
    """Runs one question abstract (proof), then with slots (witness), then the interpreter."""

    def __init__(self, ctx: AnalyseContext, budget: Budget, invoercontroles: bool = True) -> None:
        self.ctx = ctx
        self.budget = budget
        self.invoercontroles = invoercontroles
        self.onvolledig = False  # the last unknown was z3's incompleteness (no nlsat), not its limit

    def encoder(self, meervoud: Meervoud) -> Encoder:
        return Encoder(self.ctx.model, self.ctx.parameters, self.ctx.rekendatum, meervoud,
                       stuk=getattr(self.ctx, "stuk", None))

    def _los(self, enc: Encoder, vraag: list[Z], extra: list[Z], deel: float, doel: Z = None,
             max_eenheden: int | None = None) -> tuple[Z, Z]:
        over = self.budget.over()
        self.onvolledig = False
        if over <= 0:
            return z3.unknown, None
        per_vraag = RLIMIT_VRAAG if getattr(self.ctx, "stuk", None) is None else RLIMIT_VRAAG_STUK
        limiet = max(1, min(int(over * deel), per_vraag, max_eenheden or per_vraag))
        formules = (*enc.defs, *vraag, *extra, *(() if doel is None else (doel,)))
        cache = self._cache()
        sleutel = (limiet, doel is not None, *(f.get_id() for f in formules))
        if cache is not None and sleutel in cache:
            # The same question with the same limit on an earlier stretch of a timeline model: z3 in a
            # fresh context gives the same answer, so it is not asked again (the units count again).
            r, m, eenheden, _houd, self.onvolledig = cache[sleutel]
            self.budget.boek(eenheden)
            return r, m
        tijdlijn = getattr(self.ctx, "stuk", None) is not None
        tekst = vraagtekst((*enc.defs, *vraag, *extra), doel)
        r, m, eenheden, takken, self.onvolledig = _vraag_z3(tekst, min(limiet, EERSTE_STAP), tijdlijn, doel is not None)
        if r == z3.unknown and not self.onvolledig and limiet > EERSTE_STAP:
            # Out of units at the first step: asked again (from the start) with the whole limit, or with as many
            # units as keep its branching on integers, extrapolated, within MAX_TAKKEN (limieten.py).
            tweede = min(limiet, MAX_TAKKEN * eenheden // max(takken, 1))
            if tweede > EERSTE_STAP:
                r, m, meer, _, self.onvolledig = _vraag_z3(tekst, tweede, tijdlijn, doel is not None)
                eenheden += meer
        self.budget.boek(eenheden)
        if cache is not None:
            # the formulas kept alive: their ids stay theirs
            cache[sleutel] = (r, m, eenheden, formules, self.onvolledig)
        return r, m

    def _cache(self) -> dict[tuple[Any, ...], Any] | None:
        """The answers of a timeline model's run, shared by its stretches (analyses/stukgewijs.py): a
        question whose formulas do not read what changes between stretches is the same question.
        Keyed by the ids of the formulas (z3 shares equal terms, so equal formulas have equal ids while
        they live) and the limit; None outside a per-stretch run."""
        if getattr(self.ctx, "stuk", None) is None:
            return None
        gedeeld = getattr(self.ctx, "cache", None)
        if not isinstance(gedeeld, dict):
            return None
        uit: dict[tuple[Any, ...], Any] = gedeeld.setdefault("z3-antwoorden", {})
        return uit

    def _getuige(self, enc: Encoder, q: list[Z], deel: float) -> tuple[Z, Z]:
        """A model of q: the smallest readable one if z3 finds it quickly, else any."""
        r, m = self._los(enc, q, enc.mooi(), deel * 0.3, enc.omvang(), max_eenheden=RLIMIT_MINIMAAL)
        if r != z3.sat:
            # Readable values are a nicety, not a verdict: at most the minimising limit, the rest is left
            # for the plain question (on wetten/toeslagen this step spent its full 100,000,000 units in
            # z3's integer-equality solver, 40 s, where the plain question then took under 2,000,000).
            r, m = self._los(enc, q, enc.mooi(), deel * 0.5, max_eenheden=RLIMIT_MINIMAAL)
        if r != z3.sat:
            r, m = self._los(enc, q, [], deel)
        return r, m

    def bewijs(self, vraag: Vraag, deel: float = 1.0) -> tuple[Status, Encoder]:
        """Only the proof step: ONMOGELIJK (unsat, over-approximation), or not."""
        enc = self.encoder(Meervoud.ABSTRACT)
        q = vraag(enc)
        if self.invoercontroles:
            enc.invoercontroles()
        r, _ = self._los(enc, q, [], deel)
        if r == z3.unsat:
            return Status.ONMOGELIJK, enc
        if r == z3.sat:
            return Status.NIET_BEVESTIGD, enc
        return Status.BUDGET, enc

    def zoek(self, vraag: Vraag, bevestig: Callable[[Uitkomst, str], bool], deel: float = 1.0) -> Zoekresultaat:
        """Is `vraag` satisfiable? A proof of the contrary, or a case `bevestig` accepts."""
        status, enc_a = self.bewijs(vraag, deel)
        if status is not Status.NIET_BEVESTIGD:
            return Zoekresultaat(status, benaderingen=tuple(sorted(enc_a.benaderingen)),
                                 onvolledig=status is Status.BUDGET and self.onvolledig)
        modi = [Meervoud.ABSTRACT] if not enc_a.benaderingen else [Meervoud.SLOTS]
        laatste = Status.NIET_GEVONDEN
        fouten = False  # the last unconfirmed witness could not be read, or its run stopped with an error
        for modus in modi:
            for schoon in (False, True):
                if schoon and laatste is Status.NIET_BEVESTIGD and not fouten:
                    # The clean retry only excludes run-time errors; the interpreter ran the first witness
                    # without any, so what it did not confirm lies elsewhere (a value the encoding leaves
                    # free, such as a function over time). The clean question on every object of the world
                    # is the most expensive one z3 gets (on the monthly zorgtoeslag 20,000,000 units per
                    # question, unanswered), and it would only find another case of the same kind.
                    break
                enc = self.encoder(modus)
                q = vraag(enc)
                if self.invoercontroles:
                    enc.invoercontroles()
                if schoon:
                    enc.schoon()
                else:
                    q = [*q, *[z3.Not(k) for k in enc.keten_fouten]]
                r, m = self._getuige(enc, q, deel)
                if r == z3.unknown:
                    return Zoekresultaat(Status.BUDGET, benaderingen=tuple(sorted(enc.benaderingen)),
                                         onvolledig=self.onvolledig)
                if r == z3.unsat:
                    laatste = Status.NIET_GEVONDEN
                    break
                try:
                    geval = enc.geval(m)
                    uitkomst = op_moment(run(self.ctx.model, gegevens_uit(self.ctx.model, geval)), enc)
                except (ValueError, KeyError):
                    laatste, fouten = Status.NIET_BEVESTIGD, True
                    continue
                wortel = next(iter(geval["objecten"]))  # the subject slot comes first
                if bevestig(uitkomst, wortel):
                    return Zoekresultaat(Status.GEVONDEN, geval, uitkomst, not enc.benaderingen,
                                         tuple(sorted(enc.benaderingen)), tuple(sorted(enc.begrenzingen)), wortel)
                laatste, fouten = Status.NIET_BEVESTIGD, bool(uitkomst.fouten)
        return Zoekresultaat(laatste, benaderingen=tuple(sorted(enc_a.benaderingen)))


def op_moment(u: Uitkomst, enc: Encoder) -> Uitkomst:
    """The interpreter's outcome as the encoding saw it: on a timeline model, every timeline value read
    at the moment the question was about (the day z3 chose when a bare period needed one, else the start
    of the encoded stretch); otherwise unchanged."""
    if enc.gekozen is None:
        return u
    moment = enc.moment_gekozen or enc.gekozen.vanaf
    instanties = {k: dataclasses.replace(i, waarden={n: (w.op(moment) if isinstance(w, Tijdlijn) else w)
                                                      for n, w in i.waarden.items()})
                  for k, i in u.instanties.items()}
    return dataclasses.replace(u, instanties=instanties)


def gegevens_uit(model: ir.Model, geval: dict[str, Any]) -> Gegevens:
    """A case dict read exactly as `bereken --gegevens` reads a case file."""
    from regelspraak.diagnostics import DiagnosticError

    src = yaml_source.Source("<tegenvoorbeeld>", geval, {})
    try:
        return case_from(Geval.model_validate(geval), src, (), model, model.eenheden, None, [])
    except DiagnosticError as e:
        raise ValueError("; ".join(d.bericht for d in e.diagnostics)) from e


def aannames(ctx: AnalyseContext, r: Zoekresultaat | None = None, invoercontroles: bool = True) -> str:
    """The input domain a check assumed, in Dutch."""
    stuk = getattr(ctx, "stuk", None)
    if stuk is None:
        delen = [f"rekendatum {ctx.rekendatum:%d-%m-%Y} met de parameterwaarden van die datum"]
    else:
        delen = [f"het stuk {stuk.label()} van het berekeningsjaar: de regelversies en parameterwaarden van dat stuk, "
                 "elke tijdlijn als zijn waarde op een moment ervan"]
    delen.append("invoer binnen de gedeclareerde typen (decimalen, teken, enumeraties)")
    if invoercontroles:
        delen.append("consistentieregels die alleen invoer lezen gelden")
    if r is not None:
        delen += list(r.benaderingen)
        delen += list(r.begrenzingen)
    return "; ".join(delen)


# ---------------------------------------------------------------- shared by the analyses


def plek(regel: ir.Regel, versie: ir.Versie | None = None) -> RegelPlek:
    """A rule in a finding, pointing at the version (or table row) when there is one."""
    if versie is None:
        return RegelPlek(regel.naam, regel.herkomst)
    bron = versie.herkomst.bron or regel.herkomst.bron
    return RegelPlek(regel.naam, Herkomst(versie.herkomst.span, bron))


def uitleg(model: ir.Model, uitkomst: Uitkomst | None) -> tuple[Toelichting, ...]:
    """The explanation trace of a counterexample run (rendered by report/ as `bereken --uitleg`)."""
    if uitkomst is None:
        return ()
    return (Toelichting(model, uitkomst),)


def oordeel(r: Zoekresultaat) -> Oordeel:
    """`bewezen` when the encoding that found the (confirmed) case was exact."""
    return Oordeel.BEWEZEN if r.exact else Oordeel.TEGENVOORBEELD


def niet_beslist(code: str, soort: str, wat: str, regels: tuple[RegelPlek, ...], sleutel: str,
                 r: Zoekresultaat, ctx: AnalyseContext, invoercontroles: bool = True) -> Finding:
    """An honest 'not decided': the budget ran out, or z3 found a case the interpreter did not confirm."""
    if r.status is Status.BUDGET and r.onvolledig:
        reden = ("z3 kan deze niet-lineaire vraag (een product van invoerwaarden) niet beslissen binnen een "
                 "begrensde rekenlimiet")
    elif r.status is Status.BUDGET:
        reden = "de rekenlimiet (z3-rlimit) was op voordat z3 een antwoord gaf"
    elif r.status is Status.NIET_BEVESTIGD:
        reden = "z3 vond een mogelijk geval, maar de interpreter bevestigde het niet (benadering)"
    else:
        reden = ("de benaderende controle sluit het niet uit, maar binnen de begrensde wereld bestaat geen "
                 "geval")
    return Finding(code, soort, Ernst.INFO, f"Niet beslist: {wat}; {reden}.", Oordeel.NIET_GEVONDEN, regels,
                   sleutel, aannames(ctx, r, invoercontroles), details={"status": r.status.value})


def overgeslagen(code: str, soort: str, wat: list[str], regels: tuple[RegelPlek, ...],
                 ctx: AnalyseContext, reden: str | None = None) -> list[Finding]:
    """One note for everything the analysis did not check: its budget ran out, or (with `reden`)
    the encoding does not cover it."""
    if not wat:
        return []
    lijst = "; ".join(wat[:10]) + (f"; en {len(wat) - 10} meer" if len(wat) > 10 else "")
    waarom = reden or f"binnen de rekenlimiet van {ctx.rlimit:,} z3-eenheden per analyse".replace(",", ".")
    return [Finding(code, soort, Ernst.INFO, f"Niet gecontroleerd {waarom}: {lijst}.", Oordeel.NIET_GEVONDEN, regels,
                    f"{soort}|{'budget' if reden is None else 'niet gecodeerd'}", aannames(ctx),
                    details={"status": Status.BUDGET.value if reden is None else "niet gecodeerd",
                             "niet_gecontroleerd": wat})]
