"""One property searched over the whole input space with Hypothesis's own engine.

Hypothesis generates examples one at a time (a case, plus the transformation's choices for a
relational property). Stage 1 does not judge them one by one: it collects the distinct ones and
checks them `PARTIJ` at a time in one run of the vectorised engine (some 30,000 cases a second);
a violation it reports is confirmed by the interpreter. Stage 2 runs only when there is a
violation: `hypothesis.find` again with the same seed, which generates the same examples in the
same order as long as each gets the same answer, so the condition says "passes" until the failing
example comes by and "fails" there; from then on Hypothesis shrinks it, every step judged by the
interpreter — fewest objects, smallest numbers, values on a threshold (`naar_de_grens` finishes
the numbers). Why not let Hypothesis draw whole batches (a list of cases per call, shrunk by
deleting the passing ones)? Measured on the zorgtoeslag model: Hypothesis's mutator copies spans
between the list's elements, so only 1 in 8 generated cases was new, and generating, not
evaluating, was already the cost; single examples are 8 in 10 new.

Deterministic: the seed is derived from the model text and the property (`zaad`), the database is
off (replays come from the model's own text database, `database.py`), there is no deadline, and
the search stops after a *count* of usable examples, never after a time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
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
from regelspraak.properties.space import Ruimte, Veld, datum
from regelspraak.properties.strategies import geval, met_objecten, trek_geval
from regelspraak.properties.transformaties import PER_NAAM

PARTIJ = 200  # examples checked in one run of the vectorised engine
VOORBEELDEN = 500  # default distinct examples per property: a shipped model in under 30 s on 2 cores


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
    """One example: a case and the transformation's choices."""
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
        return Uitkomst(True, checks.per_geval(ruimte.model, e, w0, ruimte.rekendatum.year))
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


class _Gevonden(BaseException):
    """The vectorised engine and the interpreter found a violation in the collected examples."""


def _instellingen(voorbeelden: int) -> Any:
    # Hypothesis counts every call, also the copies of earlier examples that are skipped here.
    return settings(max_examples=4 * voorbeelden + 100, database=None, deadline=None,
                    phases=[Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck),
                    verbosity=Verbosity.quiet)


@contextmanager
def zonder_lokale_constanten() -> Iterator[None]:
    """Hypothesis (since 6.131) mixes literal constants of "local" modules into what it generates:
    modules outside site-packages, so the set depends on which modules happen to be imported (the
    test suite imports other models' tests) and on how regelspraak is installed (editable or as a
    wheel). A search must depend on the model, the property and the seed only, so it runs with
    that source empty; Hypothesis's own fixed constants stay. Without the internal hook (an older
    or newer Hypothesis) nothing is changed.

    >>> with zonder_lokale_constanten():
    ...     pass
    """
    try:
        from hypothesis.internal.conjecture import providers
    except ImportError:  # pragma: no cover - a Hypothesis without providers
        yield
        return
    oud = getattr(providers, "_get_local_constants", None)
    leeg_type = getattr(providers, "Constants", None)
    cache = getattr(providers, "CONSTANTS_CACHE", None)
    if oud is None or leeg_type is None or cache is None:  # pragma: no cover
        yield
        return
    leeg = leeg_type()
    setattr(providers, "_get_local_constants", lambda: leeg)  # noqa: B010 - a private hook, on purpose
    cache.cache.clear()  # allowed constants are cached per choice type: computed again without ours
    try:
        yield
    finally:
        setattr(providers, "_get_local_constants", oud)  # noqa: B010
        cache.cache.clear()


def zoek(ruimte: Ruimte, e: Eigenschap, voorbeelden: int, seed: int, partij_grootte: int = PARTIJ,
         oordeel: Beoordelaar | None = None) -> Uitslag:
    """Search one property; `oordeel` judges examples (default: the property on this model).

    Stage 1 collects distinct examples and checks them `partij_grootte` at a time (vectorised,
    a reported violation confirmed by the interpreter); stage 2, only after a violation, replays
    the same seed until that example and lets Hypothesis shrink it (interpreter)."""
    oordeel = oordeel or beoordelaar(ruimte, e)
    strategie = proeven(ruimte, e)
    teller = [0, 0]  # usable examples, engine differences
    gevonden: list[tuple[str, Proef, Uitkomst, int]] = []
    gezien: set[str] = set()
    wachtrij: list[Proef] = []

    def controleer_wachtrij() -> None:
        if not wachtrij:
            return
        uitkomsten = oordeel(wachtrij, False)
        for p, u in zip(wachtrij, uitkomsten, strict=True):
            if teller[0] >= voorbeelden:
                break
            teller[0] += u.bruikbaar
            if u.schending is None:
                continue
            [bevestigd] = oordeel([p], True)
            if bevestigd.schending is not None:
                gevonden.append((repr(p), p, bevestigd, teller[0]))
                break
            teller[1] += 1
        wachtrij.clear()

    def verzamel(p: Proef) -> bool:
        sleutel = repr(p)
        if sleutel in gezien:  # Hypothesis's mutator repeats examples: each is checked once
            return False
        gezien.add(sleutel)
        wachtrij.append(p)
        if len(wachtrij) >= partij_grootte:
            controleer_wachtrij()
            if gevonden:
                raise _Gevonden
            if teller[0] >= voorbeelden:
                raise _Genoeg
        return False

    try:
        with zonder_lokale_constanten():
            find(strategie, verzamel, settings=_instellingen(voorbeelden), random=Random(seed))
    except (_Genoeg, _Gevonden, NoSuchExample, Unsatisfiable):
        pass
    if not gevonden:
        controleer_wachtrij()
    if not gevonden:
        return Uitslag(e, teller[0], verschillen=teller[1])
    doel, p0, u0, n = gevonden[0]
    p, u = krimp(strategie, doel, seed, voorbeelden, oordeel, (p0, u0))
    p, u = minder_objecten(p, u, oordeel)
    p, u = naar_de_grens(ruimte, p, u, oordeel)
    return Uitslag(e, n, p, u, teller[1])


def krimp(strategie: st.SearchStrategy[Proef], doel: str, seed: int, voorbeelden: int, oordeel: Beoordelaar,
          terugval: tuple[Proef, Uitkomst]) -> tuple[Proef, Uitkomst]:
    """Hypothesis's shrink of the failing example `doel` (its repr): the same seed generates the
    same examples as long as each gets the same answer, so the condition answers "passes" until
    `doel` comes by, and from then on (shrinking) asks the interpreter."""
    bereikt = [False]

    def faalt(p: Proef) -> bool:
        if not bereikt[0]:
            bereikt[0] = repr(p) == doel
            return bereikt[0]
        [u] = oordeel([p], True)
        return u.schending is not None

    try:
        with zonder_lokale_constanten():
            minimaal = find(strategie, faalt, settings=_instellingen(voorbeelden), random=Random(seed))
    except (NoSuchExample, Unsatisfiable):
        return terugval
    [u] = oordeel([minimaal], True)
    return (minimaal, u) if u.schending is not None else terugval


def _genoemd(x: object) -> set[str]:
    """Every string in the transformation's choices (the objects it refers to)."""
    if isinstance(x, str):
        return {x}
    if isinstance(x, dict):
        return set().union(*(_genoemd(v) for v in x.values())) if x else set()
    if isinstance(x, list | tuple):
        return set().union(*(_genoemd(v) for v in x)) if x else set()
    return set()


def minder_objecten(p: Proef, u: Uitkomst, oordeel: Beoordelaar) -> tuple[Proef, Uitkomst]:
    """The shrunk case without every object (and its facts) it can do without: Hypothesis lowers
    the number of objects of a type by dropping the last one drawn, so an irrelevant object drawn
    before the relevant one can stay behind."""
    for oid in sorted(p.geval.objecten):
        if oid in _genoemd(p.parameters) or len(p.geval.objecten) == 1:
            continue
        objecten = {o: inv for o, inv in p.geval.objecten.items() if o != oid}
        feiten = [(ft, ids) for ft, ids in p.geval.feiten if oid not in ids]
        kandidaat = Proef(met_objecten(p.geval, objecten, feiten), p.parameters)
        [uk] = oordeel([kandidaat], True)
        if uk.schending is not None:
            p, u = kandidaat, uk
    return p, u


def naar_de_grens(ruimte: Ruimte, p: Proef, u: Uitkomst, oordeel: Beoordelaar) -> tuple[Proef, Uitkomst]:
    """Each number of the shrunk case moved down to the lowest value at which the example still
    fails, each date to the latest (bisection, every step checked by the interpreter): where the
    failure region begins, usually a threshold plus one unit or one day. Hypothesis's shrinker
    lowers one choice at a time, and a value drawn as a coarse and a fine part
    (`strategies.uniform`) then stops on the coarse grid."""
    for oid in sorted(p.geval.objecten):
        for v in ruimte.velden.get(p.geval.objecten[oid].type, ()):
            n = _als_getal(ruimte, v, p.geval.objecten[oid].attributen.get(v.naam))
            if n is not None and n > v.laag:
                p, u = _laagste(ruimte, oordeel, p, u, oid, v, n)
    return p, u


def _als_getal(ruimte: Ruimte, v: Veld, x: object) -> int | None:
    """The value as the integer the strategy draws (units; days before the rekendatum)."""
    if v.type is not None and v.type.is_getal and isinstance(x, Fraction) and x % v.eenheid == 0:
        return int(x / v.eenheid)
    if v.type is not None and v.type.soort == "datum" and isinstance(x, date):
        return (ruimte.rekendatum - x).days
    return None


def _met(ruimte: Ruimte, p: Proef, oid: str, v: Veld, n: int) -> Proef:
    inv = p.geval.objecten[oid]
    assert v.type is not None
    w = v.als_waarde(n) if v.type.is_getal else datum(-n, ruimte.rekendatum)
    attrs = {**inv.attributen, v.naam: w}
    return Proef(met_objecten(p.geval, {**p.geval.objecten, oid: Invoer(inv.type, attrs, inv.kenmerken)}),
                 p.parameters)


def _laagste(ruimte: Ruimte, oordeel: Beoordelaar, p: Proef, u: Uitkomst, oid: str, v: Veld,
             n: int) -> tuple[Proef, Uitkomst]:
    gevonden: dict[int, tuple[Proef, Uitkomst]] = {n: (p, u)}

    def faalt(k: int) -> bool:
        kandidaat = _met(ruimte, p, oid, v, k)
        [uk] = oordeel([kandidaat], True)
        if uk.schending is not None:
            gevonden[k] = (kandidaat, uk)
        return uk.schending is not None

    lo, hi = v.laag, n  # hi fails; the lowest value first, then bisection
    if faalt(lo):
        return gevonden[lo]
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if faalt(mid):
            hi = mid
        else:
            lo = mid
    return gevonden[hi]
