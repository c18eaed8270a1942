"""One property searched over the whole input space with Hypothesis's own engine.

`hypothesis.find` draws *batches* of examples (a case, plus the transformation's choices for a
relational property); the condition evaluates a batch in one run of the vectorised engine and
holds when some example violates the property *and* the interpreter confirms it on that example.
Hypothesis then shrinks the batch: passing examples are deleted (see `strategies.partij`) and the
one left is shrunk like any Hypothesis value — fewest objects, round numbers, values on a
threshold. Why batches, and not one case per call: one engine run costs about as much for one case
as for fifty, so batches make the same number of examples many times cheaper, and shrinking on a
batch ends with the single-case minimum anyway because deleting the passing cases is Hypothesis's
first and cheapest shrink.

Deterministic: the seed is derived from the model text and the property (`zaad`), the database is
off (replays come from the model's own text database, `database.py`), there is no deadline, and
the search stops after a *count* of usable examples, never after a time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from random import Random
from typing import Any

from hypothesis import HealthCheck, Phase, Verbosity, find, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample, Unsatisfiable

from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.inputs.eigenschappen_yaml import Eigenschap
from regelspraak.properties import checks
from regelspraak.properties.evaluation import Sleutels, Waarden, interpreted, vectorised
from regelspraak.properties.space import Ruimte, Veld
from regelspraak.properties.strategies import geval, met_objecten, partij, trek_geval
from regelspraak.properties.transformaties import PER_NAAM

PARTIJ = 48  # examples per batch (upper bound; about 30 on average)
VOORBEELDEN = 1000  # default examples per property: a shipped model in well under 30 s on 2 cores


@dataclass(frozen=True)
class Proef:
    """One example: a case and, for a relational property, the transformation's choices."""

    geval: Gegevens
    parameters: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Uitkomst:
    """The outcome of checking one example."""

    bruikbaar: bool  # inside the input domain (no consistentieregel violated, no computation error)
    schending: str | None = None
    kopie: Gegevens | None = None  # the transformed copy


@dataclass(frozen=True)
class Uitslag:
    eigenschap: Eigenschap
    voorbeelden: int  # usable examples generated before the result
    proef: Proef | None = None  # the minimal counterexample
    uitkomst: Uitkomst | None = None
    verschillen: int = 0  # examples where the vectorised engine failed and the interpreter did not


def zaad(modeltekst: str, e: Eigenschap) -> int:
    h = hashlib.sha256((modeltekst + "\x00" + e.model_dump_json()).encode("utf-8"))
    return int.from_bytes(h.digest()[:8], "big")


def proeven(ruimte: Ruimte, e: Eigenschap) -> st.SearchStrategy[Proef]:
    naam = checks.transformatie(e)
    if naam is None:
        return geval(ruimte).map(Proef)
    mod = PER_NAAM[naam]

    @st.composite
    def proef(draw: st.DrawFn) -> Proef:
        g = trek_geval(draw, ruimte)
        return Proef(g, mod.kies(draw, ruimte, e, g))

    return proef()


def kopie(ruimte: Ruimte, e: Eigenschap, p: Proef) -> tuple[Gegevens, dict[str, str]] | None:
    naam = checks.transformatie(e)
    if naam is None:
        return None
    return PER_NAAM[naam].toepassen(ruimte, e, p.geval, p.parameters)  # type: ignore[no-any-return]


def _oordeel(ruimte: Ruimte, e: Eigenschap, p: Proef, w0: Waarden, w1: Waarden | None,
             k: tuple[Gegevens, dict[str, str]] | None) -> Uitkomst:
    if not w0.bruikbaar or (w1 is not None and not w1.bruikbaar):
        return Uitkomst(False)
    if k is None or w1 is None:
        return Uitkomst(True, checks.per_geval(ruimte.model, e, w0))
    return Uitkomst(True, checks.relationeel(ruimte.model, e, w0, w1, k[1]), k[0])


def beoordeel(ruimte: Ruimte, e: Eigenschap, ps: list[Proef], sleutels: Sleutels,
              interpreter: bool = False) -> list[Uitkomst]:
    """Check examples: all cases and copies in one vectorised run (or each by the interpreter)."""
    relationeel = checks.transformatie(e) is not None
    kopieen = [kopie(ruimte, e, p) for p in ps]
    gevallen: list[Gegevens] = []
    for p, k in zip(ps, kopieen, strict=True):
        if relationeel and k is None:
            continue
        gevallen.append(p.geval)
        if k is not None:
            gevallen.append(k[0])
    if interpreter:
        ws = [interpreted(ruimte.model, g, sleutels) for g in gevallen]
    else:
        ws = vectorised(ruimte.model, gevallen, sleutels)
    out: list[Uitkomst] = []
    i = 0
    for p, k in zip(ps, kopieen, strict=True):
        if relationeel and k is None:
            out.append(Uitkomst(False))
            continue
        w0 = ws[i]
        w1 = ws[i + 1] if k is not None else None
        i += 2 if k is not None else 1
        out.append(_oordeel(ruimte, e, p, w0, w1, k))
    return out


class _Genoeg(BaseException):
    """Enough usable examples were checked without a violation. A BaseException, like
    KeyboardInterrupt, so that Hypothesis stops at once instead of shrinking it as a failure
    (it has no other way to be told to stop after a count of examples it does not know)."""


Beoordelaar = Callable[[list[Proef], bool], list[Uitkomst]]  # examples, by the interpreter? -> outcomes


def beoordelaar(ruimte: Ruimte, e: Eigenschap) -> Beoordelaar:
    """How a property of one model version judges examples (`versions.py` has its own)."""
    sleutels = checks.sleutels(ruimte.model, e)
    return lambda ps, interpreter: beoordeel(ruimte, e, ps, sleutels, interpreter)


def zoek(ruimte: Ruimte, e: Eigenschap, voorbeelden: int, seed: int, partij_grootte: int = PARTIJ,
         oordeel: Beoordelaar | None = None) -> Uitslag:
    """Search one property; `oordeel` judges examples (default: the property on this model)."""
    oordeel = oordeel or beoordelaar(ruimte, e)
    teller = [0, 0]  # usable examples, engine differences
    gevonden: list[tuple[Proef, Uitkomst, int]] = []

    def conditie(ps: list[Proef]) -> bool:
        if not ps:
            return False
        uitkomsten = oordeel(ps, False)
        if not gevonden:
            teller[0] += sum(1 for u in uitkomsten if u.bruikbaar)
        for p, u in zip(ps, uitkomsten, strict=True):
            if u.schending is None:
                continue
            [bevestigd] = oordeel([p], True)
            if bevestigd.schending is not None:
                gevonden[:] = [(p, bevestigd, gevonden[0][2] if gevonden else teller[0])]
                return True
            teller[1] += 1
        if not gevonden and teller[0] >= voorbeelden:
            raise _Genoeg
        return False

    instellingen = settings(max_examples=max(1, voorbeelden), database=None, deadline=None,
                            phases=[Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck),
                            verbosity=Verbosity.quiet)
    try:
        minimaal = find(partij(proeven(ruimte, e), partij_grootte), conditie, settings=instellingen,
                        random=Random(seed))
    except (_Genoeg, NoSuchExample, Unsatisfiable):
        return Uitslag(e, teller[0], verschillen=teller[1])
    # The minimal batch: its one failing example, confirmed once more by the interpreter.
    for p in minimaal:
        [u] = oordeel([p], True)
        if u.schending is not None:
            p, u = naar_de_grens(ruimte, p, u, oordeel)
            return Uitslag(e, gevonden[0][2], p, u, teller[1])
    p, u, n = gevonden[0]
    return Uitslag(e, n, p, u, teller[1])


def naar_de_grens(ruimte: Ruimte, p: Proef, u: Uitkomst, oordeel: Beoordelaar) -> tuple[Proef, Uitkomst]:
    """Each number of the shrunk case moved down to the lowest value at which the example still
    fails (bisection, every step checked by the interpreter): where the failure region begins,
    usually a threshold plus one unit. Hypothesis's shrinker lowers one choice at a time, and a
    number drawn as a coarse and a fine part (`strategies.uniform`) then stops on the coarse grid."""
    for oid in sorted(p.geval.objecten):
        for v in ruimte.velden.get(p.geval.objecten[oid].type, ()):
            x = p.geval.objecten[oid].attributen.get(v.naam)
            if v.type is not None and v.type.is_getal and isinstance(x, Fraction) and x % v.eenheid == 0 \
                    and int(x / v.eenheid) > v.laag:
                p, u = _laagste(oordeel, p, u, oid, v)
    return p, u


def _met(p: Proef, oid: str, v: Veld, n: int) -> Proef:
    inv = p.geval.objecten[oid]
    attrs = {**inv.attributen, v.naam: v.als_waarde(n)}
    return Proef(met_objecten(p.geval, {**p.geval.objecten, oid: Invoer(inv.type, attrs, inv.kenmerken)}),
                 p.parameters)


def _laagste(oordeel: Beoordelaar, p: Proef, u: Uitkomst, oid: str, v: Veld) -> tuple[Proef, Uitkomst]:
    x = p.geval.objecten[oid].attributen[v.naam]
    assert isinstance(x, Fraction)
    gevonden: dict[int, tuple[Proef, Uitkomst]] = {int(x / v.eenheid): (p, u)}

    def faalt(n: int) -> bool:
        k = _met(p, oid, v, n)
        [uk] = oordeel([k], True)
        if uk.schending is not None:
            gevonden[n] = (k, uk)
        return uk.schending is not None

    lo, hi = v.laag, int(x / v.eenheid)  # hi fails; the lowest value first, then bisection
    if faalt(lo):
        return gevonden[lo]
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if faalt(mid):
            hi = mid
        else:
            lo = mid
    return gevonden[hi]
