"""The timeline constructs of taal.md §11 in the interpreter: bare periods, `gedurende het gehele
jaar|de gehele maand`, `het totaal van`, `het aantal dagen in de maand|het jaar dat` and `het
tijdsevenredig deel per maand|jaar van` (docs/semantiek.md "Tijdlijnen").

All of them look at a condition or an expression *over time* for the current subject: `knip_over`
evaluates it per knip stretch in frames of their own (the same subject and bindings, a moment each),
exactly as a rule over timelines is evaluated (`per_stuk.py` uses the same loop). A function whose
result is a value per month or year (`dagen`, `tijdsevenredig`, `gedurende het gehele jaar`) is read
at the moment of the rule's own stretch: it computes the calendar month/year of that moment and
tells the rule's knip to cut at month/year boundaries, over the months/years its inner timelines
span.

[besluit] A period whose date is leeg holds nowhere; `tot en met D` ends after day D.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypeVar

from regelspraak.model import ir
from regelspraak.values.fouten import Rekenfout
from regelspraak.values.tijdlijn import Tijdlijn, aantal_perioden, periode_begin, periode_einde

if TYPE_CHECKING:
    from regelspraak.evaluate.interpret import Frame, Interpreter, Lezing

T = TypeVar("T")
# A rule or function whose branches keep discovering timelines is refined at most this often.
MAX_VERFIJNINGEN = 20
# Whole periods one function spans at most (bounded work: 400 years of months).
MAX_PERIODEN = 4800


def kenmerken_als_tijdlijn(kenmerken: dict[str, bool | Tijdlijn], tijdlijnen: dict[str, tuple[str, bool]],
                          rekendatum: date) -> dict[str, bool | Tijdlijn]:
    """An object's input kenmerken with every kenmerk `voor elke …` as a timeline ([besluit]): a plain
    waar/onwaar holds over the whole calculation year (the year of the rekendatum), and an input
    kenmerk that is not given is onwaar over that year, as a plain kenmerk is onwaar when not given.
    A kenmerk that a rule assigns has no input (a plain value for it means "not written yet").

    >>> k = kenmerken_als_tijdlijn({"verzekerd": True}, {"verzekerd": ("maand", False)}, date(2025, 3, 1))
    >>> [(s.vanaf.isoformat(), s.tot.isoformat(), s.waarde) for s in k["verzekerd"].stukken]
    [('2025-01-01', '2026-01-01', True)]
    """
    uit = dict(kenmerken)
    jaar = date(rekendatum.year, 1, 1), date(rekendatum.year + 1, 1, 1)
    for naam, (periode, toegekend) in tijdlijnen.items():
        v = uit.get(naam)
        if toegekend and isinstance(v, bool):
            del uit[naam]  # a rule writes it: a column's onwaar is "not written yet", not an input
        elif isinstance(v, bool):
            uit[naam] = Tijdlijn.constant(periode, *jaar, v)
        elif v is None and not toegekend and rekendatum.year < 9999:
            uit[naam] = Tijdlijn.constant(periode, *jaar, False)
    return uit


def _sub(f: Frame, moment: date | None) -> Frame:
    from regelspraak.evaluate.interpret import Frame

    return Frame(f.onderwerp, f.regel, f.versie, elementen=list(f.elementen), dagen=list(f.dagen), moment=moment)


def knip_over(it: Interpreter, f: Frame, fn: Callable[[Frame, date | None, date | None], T],
              verken: Callable[[Frame], object] | None = None, binnen: tuple[date | None, date | None] = (None, None),
              venster: tuple[date, date] | None = None) -> tuple[list[tuple[date, date, T, Frame]], bool]:
    """`fn` per knip stretch of what it reads, for `f`'s subject: [(vanaf, tot, value, frame)], and
    whether the loop ended (False: the knip kept changing).

    The stretches run between the boundaries of every timeline read and every cut point (bare
    periods, month/year boundaries); their span is that of the timelines read, or else that of the
    closed periods and whole months/years read (`Frame.spannen`); `binnen` clips it (a rule version's
    validity), `venster` replaces it (one calendar month/year). A first exploration (`verken`, else
    `fn` without a moment; its errors are dropped: the real stretches report them) learns what is
    read; a stretch that reads something new refines the knip."""
    from regelspraak.evaluate.interpret import Afgebroken

    lijnen: dict[int, Any] = {}
    grenzen: set[date] = set()
    spannen: set[tuple[date, date]] = set()

    def leer(g: Frame) -> bool:
        nieuw = False
        for t in g.tijdlijnen:
            if id(t) not in lijnen:
                lijnen[id(t)] = t
                nieuw = True
        for x in g.grenzen:
            nieuw |= x not in grenzen
            grenzen.add(x)
        for s in g.spannen:
            nieuw |= s not in spannen
            spannen.add(s)
        return nieuw

    g = _sub(f, None)
    n_fouten = len(it.fouten)
    try:
        (verken or (lambda h: fn(h, None, None)))(g)
    except (Rekenfout, Afgebroken):
        pass
    del it.fouten[n_fouten:]
    leer(g)
    for _ in range(MAX_VERFIJNINGEN):
        if venster is not None:
            lo, hi = venster
        else:
            rand = {x for t in lijnen.values() for x in t.grenzen} or {x for s in spannen for x in s}
            if not rand:
                return [], True
            lo, hi = min(rand), max(rand)
            lo = max(lo, binnen[0]) if binnen[0] is not None else lo
            hi = min(hi, binnen[1]) if binnen[1] is not None else hi
        alle = {x for t in lijnen.values() for x in t.grenzen} | grenzen | {x for s in spannen for x in s}
        punten = sorted({x for x in alle if lo < x < hi} | ({lo, hi} if lo < hi else set()))
        uit: list[tuple[date, date, T, Frame]] = []
        nieuw = False
        for a, b in itertools.pairwise(punten):
            g = _sub(f, a)
            w = fn(g, a, b)
            nieuw |= leer(g)
            uit.append((a, b, w, g))
        if not nieuw:
            return uit, True
    return [], False


def _over(it: Interpreter, f: Frame, fn: Callable[[Frame], T], venster: tuple[date, date] | None = None,
          lezingen: bool = False) -> list[tuple[date, date, T]]:
    """`fn` per knip stretch; with `lezingen`, what it read is added to `f`'s trace, each value as the
    timeline of what was read per stretch."""
    stukken, af = knip_over(it, f, lambda g, a, b: fn(g), venster=venster)
    if not af:
        raise Rekenfout("de tijdlijnen die de berekening leest blijven veranderen; de knip is niet af te ronden.")
    if lezingen:
        f.lezingen.extend(gelezen(it, stukken))
    return [(a, b, w) for a, b, w, _ in stukken]


def gelezen(it: Interpreter, stukken: list[tuple[date, date, Any, Frame]]) -> list[Lezing]:
    """The values read per stretch, one `Lezing` per attribute/parameter/variable with the timeline of
    its values (in the order first read)."""
    from regelspraak.evaluate.interpret import Lezing

    per: dict[tuple[str, str | None, str], list[tuple[date, date, Any]]] = {}
    typen: dict[tuple[str, str | None, str], ir.Type | None] = {}
    for a, b, _, g in stukken:
        gezien = set()
        for lz in g.lezingen:
            k = (lz.soort, lz.object_id, lz.naam)
            if k in gezien or isinstance(lz.waarde, Tijdlijn | list):
                continue
            gezien.add(k)
            per.setdefault(k, []).append((a, b, lz.waarde))
            typen.setdefault(k, lz.type)
    uit = []
    for (soort, oid, naam), lijst in per.items():
        try:
            waarde: Any = Tijdlijn.maak(_periode_van(it, soort, oid, naam), lijst)
        except Rekenfout:
            continue
        uit.append(Lezing(soort, oid, naam, waarde, typen[(soort, oid, naam)]))
    return uit


def _periode_van(it: Interpreter, soort: str, oid: str | None, naam: str) -> str:
    """The declared period of what was read (its values are per that period), else dag."""
    t: ir.Type | None = None
    if soort == "attribuut" and oid in it.instanties:
        ot = it.model.objecttypen.get(it.instanties[oid].type)
        a = ot.attributen.get(naam.lower()) if ot is not None else None
        t = a.type if a is not None else None
    elif soort == "parameter":
        p = it.model.parameters.get(naam.lower())
        t = p.type if p is not None else None
    return (t.periode if t is not None else None) or "dag"


# ---------------------------------------------------------------- conditions


def periode(it: Interpreter, c: ir.Periode, f: Frame) -> bool:
    """A bare period at the frame's moment; its dates cut the knip (a closed one also spans it)."""
    vanaf = it.expr(c.vanaf, f) if c.vanaf is not None else None
    tot = it.expr(c.tot, f) if c.tot is not None else None
    if (c.vanaf is not None and not isinstance(vanaf, date)) or (c.tot is not None and not isinstance(tot, date)):
        return False
    if tot is not None and c.tot_en_met:
        tot += timedelta(days=1)
    f.grenzen.extend(d for d in (vanaf, tot) if d is not None)
    if vanaf is not None and tot is not None and vanaf < tot:
        f.spannen.append((vanaf, tot))
    if f.moment is None:
        return True
    return (vanaf is None or vanaf <= f.moment) and (tot is None or f.moment < tot)


def geheel(it: Interpreter, c: ir.GehelePeriode, f: Frame) -> bool:
    """`gedurende het gehele jaar|de gehele maand`: the condition holds on every day of the calendar
    year (month) of the moment."""
    waar = _per_venster(it, c, f, c.per, lambda g: it.cond(c.conditie, g),
                        lambda st, _: bool(st) and all(w is True for _, _, w in st))
    return (not waar) if c.ontkend else bool(waar)


# ---------------------------------------------------------------- functions


def functie(it: Interpreter, x: ir.TijdFunctie, f: Frame) -> Any:
    if x.soort == "totaal":
        return _totaal(it, x, f)
    if x.soort == "dagen":
        assert x.voorwaarde is not None and x.per is not None
        vw = x.voorwaarde
        return _per_venster(it, x, f, x.per, lambda g: it.cond(vw, g),
                            lambda st, _: Fraction(sum((b - a).days for a, b, w in st if w is True)))
    assert x.expr is not None and x.per is not None
    return _per_venster(it, x, f, x.per, lambda g: _waarde_indien(it, x, g), _evenredig)


def _waarde_indien(it: Interpreter, x: ir.TijdFunctie, g: Frame) -> Any:
    if x.voorwaarde is not None and not it.cond(x.voorwaarde, g):
        return None
    assert x.expr is not None
    return it.expr(x.expr, g)


def _evenredig(stukken: list[tuple[date, date, Any]], venster: tuple[date, date]) -> Fraction | None:
    som, gevuld = Fraction(0), False
    for a, b, w in stukken:
        if w is None:
            continue
        if isinstance(w, list) or isinstance(w, bool) or not isinstance(w, Fraction | int):
            raise Rekenfout("'het tijdsevenredig deel' deelt een getal, maar dit is geen getal.")
        som += Fraction(w) * (b - a).days
        gevuld = True
    return som / (venster[1] - venster[0]).days if gevuld else None


def _totaal(it: Interpreter, x: ir.TijdFunctie, f: Frame) -> Fraction | None:
    """`het totaal van X [conditie]`: per stretch X × the number of periods (of X's period) it spans,
    where the condition holds and X is filled; nothing filled → leeg."""
    assert x.per is not None
    som, gevuld = Fraction(0), False
    stukken = _over(it, f, lambda g: _waarde_indien(it, x, g), lezingen=True)
    if not stukken:
        g = _sub(f, None)
        if _waarde_indien(it, x, g) is not None and not (g.tijdlijnen or g.spannen):
            raise Rekenfout("'het totaal van' vraagt een tijdlijn met begin en einde, maar dit is één waarde zonder "
                            "periode.")
    for a, b, w in stukken:
        if w is None:
            continue
        if isinstance(w, bool) or not isinstance(w, Fraction | int):
            raise Rekenfout("'het totaal van' telt getallen op, maar dit is geen getal.")
        som += Fraction(w) * aantal_perioden(x.per, a, b)
        gevuld = True
    return som if gevuld else None


def _per_venster(it: Interpreter, node: object, f: Frame, per: str, fn: Callable[[Frame], Any],
                 samen: Callable[[list[tuple[date, date, Any]], tuple[date, date]], Any]) -> Any:
    """`samen` of `fn` over the calendar month/year (`per`) of the frame's moment. Tells the frame's
    knip to cut at every month/year boundary over the span of what `fn` reads."""
    sleutel = (id(node), f.onderwerp.id, tuple(id(e) for e in f.elementen), tuple(f.dagen))
    cache: dict[Any, Any] = it.tijd_cache
    if (sleutel, "span") not in cache:
        stukken = _over(it, _sub(f, f.moment), fn)
        cache[(sleutel, "span")] = (stukken[0][0], stukken[-1][1]) if stukken else None
    span = cache[(sleutel, "span")]
    if span is not None:
        lo, hi = periode_begin(per, span[0]), span[1]
        if periode_begin(per, hi) != hi:
            hi = periode_einde(per, periode_begin(per, hi))
        f.spannen.append((lo, hi))
        d, n = lo, 0
        while d < hi:
            f.grenzen.append(d)
            d = periode_einde(per, d)
            n += 1
            if n > MAX_PERIODEN:
                raise Rekenfout(f"de berekening per {per} beslaat meer dan {MAX_PERIODEN} perioden.")
    moment = f.moment or (span[0] if span is not None else it.g.rekendatum)
    venster = (periode_begin(per, moment), periode_einde(per, periode_begin(per, moment)))
    if (sleutel, venster) not in cache:
        # What the month/year read goes into the trace of the stretch that asks for it.
        h = _sub(f, f.moment)
        cache[(sleutel, venster)] = (samen(_over(it, h, fn, venster, lezingen=True), venster), h.lezingen)
    waarde, lezingen = cache[(sleutel, venster)]
    f.lezingen.extend(lezingen)
    return waarde
