"""Hypothesis strategies for random cases of any model: objects with input values for every
attribute and kenmerk that no rule derives, and facts that respect each feittype's cardinality.

Numbers are drawn near the model's own thresholds (every numeric literal and parameter value),
since that is where two engines are most likely to disagree (rounding, strict vs non-strict
comparisons, empty values).
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from fractions import Fraction

from hypothesis import strategies as st

from regelspraak.analyses.sweep import drempelwaarden
from regelspraak.evaluate import convert, vectorize
from regelspraak.evaluate.columns import Populatie
from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.evaluate.interpret import run as interpret
from regelspraak.model import ir
from regelspraak.values.tijdlijn import Tijdlijn


def thresholds(model: ir.Model, parameters: dict[str, ir.Waarde]) -> list[Fraction]:
    return sorted({Fraction(0), Fraction(1), *drempelwaarden(model, parameters)})


def _getal(t: ir.Type, seeds: list[Fraction]) -> st.SearchStrategy[Fraction]:
    d = 10 ** (t.decimalen if t.decimalen is not None else 2)
    near = st.tuples(st.sampled_from(seeds), st.integers(-300, 300)).map(lambda p: p[0] + Fraction(p[1], d))
    wide = st.integers(-10_000_000, 20_000_000).map(lambda k: Fraction(k, d))
    x = st.one_of(near, wide, st.integers(0, 100).map(Fraction))

    def fit(v: Fraction) -> Fraction:
        v = Fraction(int(v * d), d) if t.decimalen is not None else v
        if t.teken in ("niet-negatief", "positief"):
            v = abs(v) + (Fraction(1, d) if t.teken == "positief" and v == 0 else 0)
        return v

    return x.map(fit)


def _grenzen(rekendatum: date) -> list[date]:
    """Boundaries where timelines are most likely to go wrong: month starts and ends, the leap day,
    1 July (AOW, minimum wage), around the Rekendatum's year."""
    j = rekendatum.year
    uit = {date(jaar, m, 1) for jaar in (j - 1, j, j + 1) for m in range(1, 13)}
    uit |= {date(jaar, m, 1) - timedelta(days=1) for jaar in (j, j + 1) for m in range(1, 13)}
    uit |= {date(2024, 2, 29), date(2024, 3, 1), date(j, 7, 1), date(j, 6, 30), date(j, 7, 2)}
    return sorted(uit)


def tijdlijn(t: ir.Type, seeds: list[Fraction], rekendatum: date) -> st.SearchStrategy[ir.Waarde]:
    """A timeline of type `t` (with `periode`): 1-5 stretches between drawn boundaries, some leeg."""
    import dataclasses

    from regelspraak.values.tijdlijn import Tijdlijn

    basis = dataclasses.replace(t, periode=None)
    grenzen = st.lists(st.sampled_from(_grenzen(rekendatum)), min_size=2, max_size=6, unique=True).map(sorted)

    @st.composite
    def maak(draw: st.DrawFn) -> ir.Waarde:
        punten = draw(grenzen)
        stukken = [(a, b, draw(waarde(basis, seeds, rekendatum))) for a, b in itertools.pairwise(punten)]
        return Tijdlijn.maak(t.periode or "dag", stukken)

    return st.one_of(st.none(), maak())


def kenmerk(k: ir.Kenmerk, rekendatum: date) -> st.SearchStrategy[bool | Tijdlijn | None]:
    """A kenmerk's input: waar/onwaar, or for a kenmerk `voor elke …` also a timeline of waar/onwaar
    (stretches between boundaries on and around month ends, leap days and 1 July) or nothing."""
    if k.periode is None:
        return st.booleans()
    lijn = tijdlijn(ir.Type("boolean", periode=k.periode), [], rekendatum).filter(lambda x: x is not None)
    return st.one_of(st.none(), st.booleans(), lijn)  # type: ignore[arg-type]


def waarde(t: ir.Type, seeds: list[Fraction], rekendatum: date) -> st.SearchStrategy[ir.Waarde]:
    if t.periode is not None:
        return tijdlijn(t, seeds, rekendatum)
    if t.is_getal:
        base: st.SearchStrategy[ir.Waarde] = _getal(t, seeds)
    elif t.soort == "datum":
        base = st.integers(-110 * 366, 2 * 366).map(lambda k: rekendatum + timedelta(days=k))
    elif t.soort == "datumtijd":
        base = st.integers(-3 * 86_400_000, 3 * 86_400_000).map(
            lambda k: datetime(rekendatum.year, rekendatum.month, rekendatum.day) + timedelta(milliseconds=k))
    elif t.soort == "enumeratie":
        base = st.sampled_from(t.waarden)
    elif t.soort == "boolean":
        base = st.booleans()
    else:
        base = st.sampled_from(["a", "b", "Nederland"])
    return st.one_of(st.none(), base)


@st.composite
def gegevens(draw: st.DrawFn, model: ir.Model, rekendatum: date, parameters: dict[str, ir.Waarde],
             max_objecten: int = 6) -> Gegevens:
    seeds = thresholds(model, parameters)
    # A timeline parameter no parameter file gives (files hold one value per date) is drawn too.
    parameters = {**{k: draw(tijdlijn(p.type, seeds, rekendatum)) for k, p in model.parameters.items()
                     if p.type.periode is not None and k not in parameters}, **parameters}
    derived = {w for r in model.regels for w in r.schrijft}
    objecten: dict[str, Invoer] = {}
    per_type: dict[str, list[str]] = {}
    for key, ot in model.objecttypen.items():
        n = draw(st.integers(0, max_objecten))
        for i in range(n):
            oid = f"{key.replace(' ', '_')}_{i}"
            attrs = {}
            for a in ot.attributen.values():
                if (key, a.naam.lower()) in derived:
                    continue
                attrs[a.naam.lower()] = draw(waarde(a.type, seeds, rekendatum))
            kms = {k.naam.lower(): draw(kenmerk(k, rekendatum)) for k in ot.kenmerken.values()
                   if (key, "kenmerk:" + k.naam.lower()) not in derived}
            # A kenmerk `voor elke …` may be left out (onwaar over the year); waar/onwaar as one value
            # holds over the whole year; else a timeline.
            kms = {k: v for k, v in kms.items() if v is not None}
            objecten[oid] = Invoer(key, attrs, kms)
            per_type.setdefault(key, []).append(oid)
    feiten: list[tuple[str, tuple[str, ...]]] = []
    for ft_key, ft in model.feittypen.items():
        a_ids = per_type.get(ft.rollen[0].objecttype, [])
        b_ids = per_type.get(ft.rollen[-1].objecttype, [])
        if not a_ids or not b_ids:
            continue
        used_a: set[str] = set()
        used_b: set[str] = set()
        for _ in range(draw(st.integers(0, 2 * max_objecten))):
            a = draw(st.sampled_from(a_ids))
            b = draw(st.sampled_from(b_ids))
            if ft.wederkerig:
                if a == b or a in used_a or b in used_a:
                    continue
                used_a |= {a, b}
            else:
                # A single-valued role may be reached from each object only once.
                if not ft.rollen[0].meervoudig and b in used_b:
                    continue
                if not ft.rollen[1].meervoudig and a in used_a:
                    continue
                if (ft_key, (a, b)) in feiten:
                    continue
                used_a.add(a)
                used_b.add(b)
            feiten.append((ft_key, (a, b)))
    return Gegevens(rekendatum, parameters, objecten, feiten)


def _leeg_als_leeg(w: object) -> object:
    return None if isinstance(w, Tijdlijn) and not w.stukken else w


def engines_gelijk(model: ir.Model, g: Gegevens, pop: Populatie | None = None) -> vectorize.Resultaat | None:
    """Both engines on `g` (the vectorised one on `pop` when given, e.g. with month columns): the same
    values, kenmerken and inconsistent objects; None when both refuse the case with an error."""
    u = interpret(model, g)
    pop = pop if pop is not None else convert.populatie(model, g)
    try:
        res = vectorize.run(model, pop, g.rekendatum, g.parameters)
    except vectorize.EngineFout as e:
        assert u.fouten, f"only the vectorised engine failed: {e.bericht}"
        return None
    assert not u.fouten, f"only the interpreter failed: {[f.bericht for f in u.fouten]}"
    got = convert.objecten(model, pop)
    for oid, inst in u.instanties.items():
        for k, v in inst.waarden.items():
            # A timeline without stretches is leeg all along (values/tijdlijn: a leeg stretch is not kept): the
            # interpreter keeps it when a rule fired with a leeg value (zorgtoeslag: an income leeg in every month),
            # the vectorised engine's month columns give leeg (an input keeps its empty timeline in both).
            w = got[oid].attributen.get(k)
            assert _leeg_als_leeg(w) == _leeg_als_leeg(v), (oid, k, v, w)
        for k, b in inst.kenmerken.items():
            assert got[oid].kenmerken.get(k, False) == b, (oid, k)
    expected = sorted({i.object_id for i in u.inconsistenties if i.object_id != "*"})
    found = sorted(str(pop.tabellen[t].ids[j]) for t, m in res.inconsistent.items() for j in m.nonzero()[0])
    assert expected == found
    return res
