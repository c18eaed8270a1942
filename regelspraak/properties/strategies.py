"""Hypothesis strategies generated from a model's input space (`space.Ruimte`).

Shrinking is Hypothesis's own; the strategies are shaped so that what it shrinks towards is what
a reader wants to see in a counterexample:

- a number is an integer count of the input's smallest unit (a cent for a Geldbedrag, the `stap`
  of analyse.yaml otherwise): uniform over its range, or on a threshold of the rules and
  parameters (on it, or one unit beside it), or a round amount (see `trek`); a value on a
  threshold stays on the lowest threshold that still fails, and a uniform one ends (after
  `search.naar_de_grens`) on the lowest value that still fails — a threshold plus one unit, or 0;
- a date is a number of days before the rekendatum (shrinking to the rekendatum, so a birth date
  ends on the youngest age that still fails), or a threshold date (a birthday exactly 18, 65 or
  the pensioengerechtigde leeftijd years before it, ±1 day);
- leeg is rare (1 in 16) and shrinks away; a kenmerk shrinks to "niet";
- the number of objects shrinks to the minimum, and a member is nearly always linked and shrinks
  to "linked" (so the minimal case is one household with its members, not loose objects).
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any, TypeVar

from hypothesis import strategies as st

from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.model import ir
from regelspraak.properties.space import Ruimte, Veld, datum
from regelspraak.values.tijdlijn import Tijdlijn

T = TypeVar("T")
_KEUZE = st.integers(0, 15)  # which kind of value: see `trek`
_BOOL = st.booleans()
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


def uniform(draw: st.DrawFn, lo: int, hi: int) -> int:
    """An integer in [lo, hi], close to uniform also over a wide range (Hypothesis's own integers
    favour small values, so €140,000-€180,000 of a €0-€250,000 range would hardly be drawn): a
    coarse and a fine part, each over at most about a thousand values. Shrinks to lo, and to the
    lowest value that still fails."""
    stap = max(1, -(-(hi - lo + 1) // 1000))
    grof = draw(ints(0, (hi - lo) // stap))
    fijn = draw(ints(0, stap - 1)) if stap > 1 else 0
    return min(hi, lo + grof * stap + fijn)


def trek(draw: st.DrawFn, ruimte: Ruimte, v: Veld) -> Any:
    """One input value: its kind (`_KEUZE`, shrinking to 0), then the value. Numbers: kind 0-9
    uniform over the range, 10-12 a threshold of the rules or parameters (on it, or one unit below
    or above), 13-14 the round amount nearest to a uniform draw, 15 leeg (where allowed). Dates:
    0-9 a day in the 110 years before the rekendatum, 10-14 a threshold date ±1 day, 15 leeg. A value found in the
    uniform kind shrinks to the lowest value that still fails (a threshold plus one unit, or 0); one
    found on a threshold stays on a threshold (the lowest that still fails)."""
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
        if 10 <= keuze <= 12 and v.drempels:
            i = draw(ints(0, 3 * len(v.drempels) - 1))
            return v.als_waarde(min(v.hoog, max(v.laag, v.drempels[i // 3] + (0, -1, 1)[i % 3])))
        u = uniform(draw, v.laag, v.hoog)
        rond = _rond(v)
        if keuze >= 13:
            return v.als_waarde(min(v.hoog, max(v.laag, (u + rond // 2) // rond * rond)))
        return v.als_waarde(u)
    if t.soort == "datum":
        if keuze >= 10 and ruimte.datums:
            i = draw(ints(0, 3 * len(ruimte.datums) - 1))
            return datum((0, -1, 1)[i % 3], ruimte.datums[i // 3])
        return datum(-uniform(draw, v.laag, v.hoog), ruimte.rekendatum)  # days before the rekendatum
    return "a"


def tijdlijn(draw: st.DrawFn, ruimte: Ruimte, v: Veld) -> Tijdlijn | None:
    """A timeline input (issue 11) over the berekeningsjaar (the year of the rekendatum): one value
    `trek` draws for the whole year, or (1 in 4) a second value from a month boundary on (1 July
    among them), so rules are also tried on a knip inside the year. Shrinks to one value all year;
    leeg as `trek` draws it (the whole year leeg)."""
    assert v.type is not None and v.type.periode is not None
    eerste = trek(draw, ruimte, v)
    if eerste is None:
        return None
    jaar = ruimte.rekendatum.year
    begin, einde = date(jaar, 1, 1), date(jaar + 1, 1, 1)
    if draw(ints(0, 3)) < 3:
        return Tijdlijn.constant(v.type.periode, begin, einde, eerste)
    grens = date(jaar, draw(ints(2, 12)), 1)
    tweede = trek(draw, ruimte, v)
    return Tijdlijn.maak(v.type.periode, [(begin, grens, eerste), (grens, einde, tweede)])


def invoer(draw: st.DrawFn, ruimte: Ruimte, objecttype: str, vast: dict[str, ir.Waarde] | None = None) -> Invoer:
    """One object's inputs; `vast` fixes some of them (e.g. the income of an added partner)."""
    attrs: dict[str, ir.Waarde] = {}
    kms: dict[str, bool] = {}
    for v in ruimte.velden.get(objecttype, ()):
        if vast is not None and v.naam in vast:
            w = vast[v.naam]
        elif v.type is not None and v.type.periode is not None:
            w = tijdlijn(draw, ruimte, v)
        else:
            w = trek(draw, ruimte, v)
        if v.is_kenmerk:
            kms[v.naam.removeprefix("kenmerk:")] = bool(w)
        elif w is not None:
            attrs[v.naam] = w
    return Invoer(objecttype, attrs, kms)


def gekoppeld(draw: st.DrawFn) -> bool:
    """Whether a member is linked: nearly always (7 in 8), and shrinking to yes. A loose member
    (no huishouden, no partner) is mostly invalid input, which the search would only skip."""
    return bool(draw(ints(0, 7)) != 7)


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
    for ft_key, ft in model.feittypen.items():
        if ft.wederkerig:
            leden = per_type.get(ft.rollen[0].objecttype, [])
            for a, b in zip(leden[0::2], leden[1::2], strict=False):
                if gekoppeld(draw):
                    feiten.append((ft_key, (a, b)))
            continue
        a_type, b_type = ft.rollen[0].objecttype, ft.rollen[1].objecttype
        a_ids, b_ids = per_type.get(a_type, []), per_type.get(b_type, [])
        if not a_ids or not b_ids:
            continue
        # A one-to-many feittype: every member belongs to one container (or, rarely, to none). Each
        # such feittype on its own: a container type can hold members by several (a Huishouden
        # has leden, kinderen and medebewoners), and all of them need two or more members at times.
        if not ft.rollen[0].meervoudig and ft.rollen[1].meervoudig:
            for b in b_ids:
                if gekoppeld(draw):
                    feiten.append((ft_key, (a_ids[index(draw, len(a_ids))], b)))
        elif ft.rollen[0].meervoudig and not ft.rollen[1].meervoudig:
            for a in a_ids:
                if gekoppeld(draw):
                    feiten.append((ft_key, (a, b_ids[index(draw, len(b_ids))])))
        else:
            used_b: set[str] = set()
            for a in a_ids:
                if not gekoppeld(draw):
                    continue
                b = b_ids[index(draw, len(b_ids))]
                if (not ft.rollen[0].meervoudig and b in used_b) or a == b:
                    continue
                used_b.add(b)
                feiten.append((ft_key, (a, b)))
    return Gegevens(ruimte.rekendatum, ruimte.parameters, objecten, feiten)


@st.composite
def geval(draw: st.DrawFn, ruimte: Ruimte) -> Gegevens:
    """One case of the model's input space."""
    return trek_geval(draw, ruimte)


def met_objecten(g: Gegevens, objecten: dict[str, Invoer],
                 feiten: list[tuple[str, tuple[str, ...]]] | None = None) -> Gegevens:
    return Gegevens(g.rekendatum, g.parameters, objecten, g.feiten if feiten is None else feiten,
                    g.parameter_bronnen)

