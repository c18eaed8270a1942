"""z3 for the properties it can decide over one object's world: `grenzen` of an output, and
`nooit-leeg` (with `wanneer` conditions about that same object).

The question "is there a valid input for which the output is filled and below the minimum or
above the maximum?" goes to the shared `Zoeker` (regelspraak/analyses/solver/): unsat in the
over-approximating encoding proves the property (verdict *bewezen*); a model the interpreter
confirms is the counterexample. Anything else (budget, unconfirmed, an encoding that does not
cover the rules) leaves the property to the Hypothesis search.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import z3

from regelspraak.analyses.limieten import RLIMIT_ANALYSE
from regelspraak.analyses.solver.encoder import Encoder
from regelspraak.analyses.solver.operators import vergelijk_constante
from regelspraak.analyses.solver.search import Budget, Context, Status, Zoeker, Zoekresultaat, aannames
from regelspraak.analyses.stukken import MAX_STUKKEN, is_tijdlijnmodel, stukken
from regelspraak.evaluate.interpret import Uitkomst
from regelspraak.inputs.eigenschappen_yaml import Eigenschap, Voorwaarde
from regelspraak.model import ir
from regelspraak.properties.checks import Plek, plek
from regelspraak.properties.space import Ruimte
from regelspraak.syntax.lexer import normalize
from regelspraak.values.notation import parse_getal


@dataclass(frozen=True)
class Besluit:
    bewezen: bool  # the property holds (unsat)
    geval: dict[str, Any] | None  # a confirmed counterexample (case file)
    uitkomst: Uitkomst | None
    aannames: str


def _getal(x: object) -> Fraction:
    return parse_getal(str(x).rstrip("%").strip())[0]


def _binnen_domein(enc: Encoder, ruimte: Ruimte) -> list[Any]:
    """Every numeric input z3 uses stays inside its `analyse.yaml` range (or is leeg where leeg
    is allowed): the same input space the Hypothesis search draws from."""
    out = []
    for slot in enc.slots:
        for naam, (v, _t) in slot.invoer.items():
            veld = ruimte.veld(slot.type, naam)
            if veld is None or veld.type is None or not veld.type.is_getal or v.soort != "getal":
                continue
            binnen = z3.And(vergelijk_constante(v, ">=", veld.als_waarde(veld.laag)),
                            vergelijk_constante(v, "<=", veld.als_waarde(veld.hoog)))
            out.append(z3.Or(v.leeg, binnen) if veld.leeg_mag else z3.And(z3.Not(v.leeg), binnen))
    return out


def _uitkomst(ruimte: Ruimte, e: Eigenschap, soort: str) -> tuple[Plek, ir.Attribuut] | None:
    """The output of `e` (its place and attribute) when `e` is of `soort` and the output is an
    attribute z3 can reason about; None otherwise (a kenmerk, or not found)."""
    uit = plek(ruimte.model, e.uitkomst.objecttype, e.uitkomst.naam)
    if e.soort != soort or uit is None or uit.sleutel.startswith("kenmerk:"):
        return None
    return uit, ruimte.model.objecttypen[uit.objecttype].attributen[uit.sleutel]


def grenzen(ruimte: Ruimte, e: Eigenschap, rlimit: int = RLIMIT_ANALYSE) -> Besluit | None:
    """z3's verdict on a `grenzen` property, or None when z3 does not decide it."""
    gevonden = _uitkomst(ruimte, e, "grenzen")
    if gevonden is None:
        return None
    uit, a = gevonden
    lo = _getal(e.minimum) if e.minimum is not None else None
    hi = _getal(e.maximum) if e.maximum is not None else None

    def vraag(enc: Encoder) -> list[Any]:
        v = enc.attribuut(enc.wortel(uit.objecttype), a)
        buiten = [vergelijk_constante(v, "<", lo)] if lo is not None else []
        buiten += [vergelijk_constante(v, ">", hi)] if hi is not None else []
        return [z3.Not(v.leeg), z3.Or(*buiten) if buiten else z3.BoolVal(False), *_binnen_domein(enc, ruimte)]

    def bevestig(u: Uitkomst, wortel: str) -> bool:
        x = u.instanties[wortel].waarden.get(uit.sleutel) if wortel in u.instanties else None
        return (not u.fouten and not u.inconsistenties and isinstance(x, Fraction)
                and ((lo is not None and x < lo) or (hi is not None and x > hi)))

    return _besluit(ruimte, rlimit, vraag, bevestig)


def _besluit(ruimte: Ruimte, rlimit: int, vraag: Any, bevestig: Any, te_complex: list[bool] | None = None
             ) -> Besluit | None:
    """Ask z3 (per stretch of the berekeningsjaar for a timeline model: proven when every stretch is,
    a counterexample from the first stretch that has one); None when z3 does not decide it."""
    model = ruimte.model
    if is_tijdlijnmodel(model):
        alle = stukken(model, ruimte.rekendatum, ruimte.parameters)
        contexten = [Context(model, s.parameters, ruimte.rekendatum, rlimit, s) for s in alle[:MAX_STUKKEN]]
    else:
        alle, contexten = [], [Context(model, ruimte.parameters, ruimte.rekendatum, rlimit)]
    bewezen: list[str] = []
    for ctx in contexten:
        try:
            r: Zoekresultaat = Zoeker(ctx, Budget(rlimit)).zoek(vraag, bevestig)
        except (z3.Z3Exception, NotImplementedError, KeyError, ValueError):
            return None  # a construct the encoding does not cover: leave it to the search
        if te_complex:
            return None
        if r.status is Status.GEVONDEN:
            return Besluit(False, r.geval, r.uitkomst, aannames(ctx, r))
        if r.status is not Status.ONMOGELIJK:
            return None
        bewezen.append(aannames(ctx, r))
    if len(alle) > MAX_STUKKEN:
        return None  # not every stretch encoded: no proof (the search still runs)
    waar = "" if len(contexten) == 1 else f"op elk van de {len(contexten)} stukken van het berekeningsjaar; "
    return Besluit(True, None, None, waar + bewezen[-1] + "; invoer binnen de domeinen van analyse.yaml")


def _voorwaarde(enc: Encoder, slot: Any, model: ir.Model, objecttype: str, v: Voorwaarde) -> Any:
    """A `wanneer` condition on the subject as a z3 term; None when it is not about the subject
    or not expressible here."""
    if v.objecttype is not None and normalize(v.objecttype) != objecttype:
        return None
    p = plek(model, objecttype, v.naam)
    if p is None:
        return None
    ot = model.objecttypen[objecttype]
    if p.sleutel.startswith("kenmerk:"):
        if v.is_ is None:
            return None
        b = enc.kenmerk(slot, ot.kenmerken[p.sleutel.removeprefix("kenmerk:")])
        return b if v.is_ else z3.Not(b)
    a = ot.attributen[p.sleutel]
    x = enc.attribuut(slot, a)
    if v.is_ is not None:
        return None
    if v.gelijk_aan is not None:
        if x.soort == "enum" and a.type.waarden and str(v.gelijk_aan) in a.type.waarden:
            return z3.And(z3.Not(x.leeg), x.w == enc.code(str(v.gelijk_aan)))
        if x.soort == "getal":
            return z3.And(z3.Not(x.leeg), vergelijk_constante(x, "==", _getal(v.gelijk_aan)))
        return None
    if x.soort != "getal":
        return None
    delen = [z3.Not(x.leeg)]
    if v.minimum is not None:
        delen.append(vergelijk_constante(x, ">=", _getal(v.minimum)))
    if v.maximum is not None:
        delen.append(vergelijk_constante(x, "<=", _getal(v.maximum)))
    return z3.And(*delen)


def nooit_leeg(ruimte: Ruimte, e: Eigenschap, rlimit: int = RLIMIT_ANALYSE) -> Besluit | None:
    """z3's verdict on a `nooit-leeg` property whose conditions are all about the output's object."""
    model = ruimte.model
    gevonden = _uitkomst(ruimte, e, "nooit-leeg")
    if gevonden is None:
        return None
    uit, a = gevonden
    te_complex: list[bool] = []

    def vraag(enc: Encoder) -> list[Any]:
        w = enc.wortel(uit.objecttype)
        voorwaarden = [_voorwaarde(enc, w, model, uit.objecttype, v) for v in e.wanneer]
        if any(c is None for c in voorwaarden):
            te_complex.append(True)
            return [z3.BoolVal(False)]
        return [enc.attribuut(w, a).leeg, *voorwaarden, *_binnen_domein(enc, ruimte)]

    def bevestig(u: Uitkomst, wortel: str) -> bool:
        if u.fouten or u.inconsistenties or wortel not in u.instanties:
            return False
        return u.instanties[wortel].waarden.get(uit.sleutel) is None

    return _besluit(ruimte, rlimit, vraag, bevestig, te_complex)


def beslis(ruimte: Ruimte, e: Eigenschap) -> Besluit | None:
    """z3's verdict where it decides this kind of property, else None."""
    if e.soort == "grenzen":
        return grenzen(ruimte, e)
    if e.soort == "nooit-leeg":
        return nooit_leeg(ruimte, e)
    return None
