"""Hypothesis strategies generated from a model's input space (`space.Ruimte`).

Shrinking is Hypothesis's own; the strategies are shaped so that what it shrinks towards is what
a reader wants to see in a counterexample:

- a number is an integer count of the input's smallest unit (a cent for a Geldbedrag, the `stap`
  of analyse.yaml otherwise), uniform over its range, or snapped to the nearest threshold of the
  rules and parameters (on it, or one unit beside it), or to a round amount (see `trek`); a
  failure region shrinks to its lowest point — a threshold plus one unit, or 0;
- a date is a day offset from the rekendatum or from a threshold date (a birthday exactly 18, 65
  or the pensioengerechtigde leeftijd years before it, ±1 day);
- leeg is rare (1 in 16) and shrinks away; a kenmerk shrinks to "niet";
- the number of objects shrinks to the minimum, and a member shrinks to "linked" (so the minimal
  case is one household with its members, not loose objects).

A *batch* is a list of cases that the vectorised engine evaluates at once. It is drawn element by
element, each element behind its own "one more?" choice, so Hypothesis's span deletion removes
passing cases and the shrunk batch holds the single minimal failing case.
"""

from __future__ import annotations

import bisect
from datetime import date
from fractions import Fraction
from typing import Any, TypeVar

from hypothesis import strategies as st

from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.model import ir
from regelspraak.properties.space import JAREN_TERUG, Ruimte, Veld, containers, datum

T = TypeVar("T")
_KEUZE = st.integers(0, 15)  # which kind of value: see `trek`
_BOOL = st.booleans()
_JA_NEE = st.sampled_from((True, False))  # shrinks to True: linked
_STRATEGIEEN: dict[object, st.SearchStrategy[Any]] = {}


def ints(lo: int, hi: int) -> st.SearchStrategy[int]:
    """st.integers, built once per range: Hypothesis validates every new strategy object, which
    costs more than the draw itself."""
    if (lo, hi) not in _STRATEGIEEN:
        _STRATEGIEEN[(lo, hi)] = st.integers(lo, hi)
    return _STRATEGIEEN[(lo, hi)]


def _rond(v: Veld) -> int:
    """The unit of a round amount: €1000 for amounts, 1 for small counts."""
    if v.hoog * v.eenheid >= 10_000:
        return max(1, int(Fraction(1000) / v.eenheid))
    return max(1, int(1 / v.eenheid))


def _dichtst_getal(xs: tuple[int, ...], x: int) -> int:
    i = bisect.bisect_left(xs, x)
    return min(xs[max(0, i - 1):i + 1], key=lambda k: abs(k - x))


def _dichtste_datum(xs: tuple[date, ...], x: date) -> date:
    i = bisect.bisect_left(xs, x)
    return min(xs[max(0, i - 1):i + 1], key=lambda k: abs((k - x).days))


def trek(draw: st.DrawFn, ruimte: Ruimte, v: Veld) -> Any:
    """One input value: the kind (`_KEUZE`, shrinking to 0), a uniform draw over the range, and
    for a threshold its offset. Numbers: kind 0-9 the uniform value itself, 10-12 the threshold of
    the rules or parameters nearest to it (on it, or one unit below or above), 13-14 the nearest
    round amount, 15 leeg (where allowed). Dates likewise: a day in the last 110 years, or the
    nearest threshold date ±1 day. Because every kind reads the same uniform draw, the shrinker
    can move a value from a threshold or round amount to the uniform kind without losing it, and
    then lower it to the smallest value that still fails: the threshold itself plus one unit."""
    t = v.type
    if t is None or (t.soort == "boolean"):
        return draw(_BOOL)
    if t.soort == "enumeratie":
        keuze = draw(_KEUZE) if v.leeg_mag else 0
        return None if keuze == 15 else t.waarden[draw(ints(0, len(t.waarden) - 1))]
    keuze = draw(_KEUZE)
    if keuze == 15 and v.leeg_mag:
        return None
    if t.is_getal:
        u = draw(ints(v.laag, v.hoog))
        if 10 <= keuze <= 12 and v.drempels:
            d = _dichtst_getal(v.drempels, u) + (0, -1, 1)[draw(ints(0, 2))]
            return v.als_waarde(min(v.hoog, max(v.laag, d)))
        rond = _rond(v)
        if keuze >= 13:
            return v.als_waarde(min(v.hoog, max(v.laag, (u + rond // 2) // rond * rond)))
        return v.als_waarde(u)
    if t.soort == "datum":
        dag = datum(draw(ints(-366 * JAREN_TERUG, 366)), ruimte.rekendatum)
        if keuze >= 10 and ruimte.datums:
            return datum((0, -1, 1)[draw(ints(0, 2))], _dichtste_datum(ruimte.datums, dag))
        return dag
    return "a"


def invoer(draw: st.DrawFn, ruimte: Ruimte, objecttype: str, vast: dict[str, ir.Waarde] | None = None) -> Invoer:
    """One object's inputs; `vast` fixes some of them (e.g. the income of an added partner)."""
    attrs: dict[str, ir.Waarde] = {}
    kms: dict[str, bool] = {}
    for v in ruimte.velden.get(objecttype, ()):
        if vast is not None and v.naam in vast:
            w = vast[v.naam]
        else:
            w = trek(draw, ruimte, v)
        if v.is_kenmerk:
            kms[v.naam.removeprefix("kenmerk:")] = bool(w)
        elif w is not None:
            attrs[v.naam] = w
    return Invoer(objecttype, attrs, kms)


def index(draw: st.DrawFn, n: int) -> int:
    """An index in range(n), shrinking to 0."""
    return int(draw(ints(0, n - 1)))


def trek_geval(draw: st.DrawFn, ruimte: Ruimte) -> Gegevens:
    """One case: objects of every type, and facts that respect each feittype's cardinality."""
    model = ruimte.model
    objecten: dict[str, Invoer] = {}
    per_type: dict[str, list[str]] = {}
    for key in model.objecttypen:
        lo, hi = ruimte.aantallen[key]
        for i in range(draw(ints(lo, hi))):
            oid = f"{ruimte.ids[key]}{i + 1}"
            objecten[oid] = invoer(draw, ruimte, key)
            per_type.setdefault(key, []).append(oid)
    feiten: list[tuple[str, tuple[str, ...]]] = []
    houders = containers(model)
    for ft_key, ft in model.feittypen.items():
        if ft.wederkerig:
            leden = per_type.get(ft.rollen[0].objecttype, [])
            for a, b in zip(leden[0::2], leden[1::2], strict=False):
                if draw(_JA_NEE):
                    feiten.append((ft_key, (a, b)))
            continue
        a_type, b_type = ft.rollen[0].objecttype, ft.rollen[1].objecttype
        a_ids, b_ids = per_type.get(a_type, []), per_type.get(b_type, [])
        if not a_ids or not b_ids:
            continue
        if a_type in houders and houders[a_type][1] is ft:
            for b in b_ids:  # every member belongs to one container (or, rarely, to none)
                if draw(_JA_NEE):
                    feiten.append((ft_key, (a_ids[index(draw, len(a_ids))], b)))
        elif b_type in houders and houders[b_type][1] is ft:
            for a in a_ids:
                if draw(_JA_NEE):
                    feiten.append((ft_key, (a, b_ids[index(draw, len(b_ids))])))
        else:
            used_b: set[str] = set()
            for a in a_ids:
                if not draw(_JA_NEE):
                    continue
                b = b_ids[index(draw, len(b_ids))]
                if (not ft.rollen[0].meervoudig and b in used_b) or a == b:
                    continue
                used_b.add(b)
                feiten.append((ft_key, (a, b)))
    return Gegevens(ruimte.rekendatum, ruimte.parameters, objecten, feiten)


@st.composite
def geval(draw: st.DrawFn, ruimte: Ruimte) -> Gegevens:
    return trek_geval(draw, ruimte)


@st.composite
def _nog_een(draw: st.DrawFn, element: st.SearchStrategy[T], grootte: int) -> T | None:
    if draw(ints(0, grootte - 1)) == 0:
        return None
    return draw(element)


@st.composite
def partij(draw: st.DrawFn, element: st.SearchStrategy[T], grootte: int) -> list[T]:
    """A batch of up to `grootte` elements (about 2/3 of it on average); see the module docstring."""
    out: list[T] = []
    een = _nog_een(element, grootte)
    while len(out) < grootte:
        x = draw(een)
        if x is None:
            break
        out.append(x)
    return out


def met_objecten(g: Gegevens, objecten: dict[str, Invoer],
                 feiten: list[tuple[str, tuple[str, ...]]] | None = None) -> Gegevens:
    return Gegevens(g.rekendatum, g.parameters, objecten, g.feiten if feiten is None else feiten,
                    g.parameter_bronnen)

