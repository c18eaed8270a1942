"""A period axis in the vectorised engine (taal.md §11, issue 11): timelines per maand or jaar whose
boundaries fall on the first of a month inside the berekeningsjaar are kept as twelve ordinary
columns, one per calendar month (`PeriodeKolom.cellen`), and a rule over such timelines runs in
columns once per month instead of per object through the interpreter.

Why this is the interpreter's result: on a knip stretch every timeline read is constant, and with
all boundaries on month starts every month lies inside one stretch; evaluating the rule on month m
with each timeline read at month m is the interpreter's evaluation of the stretch holding m, and
merging equal neighbours (`Tijdlijn.maak`) gives back its stretches. Rounding, leeg (§6), RS106
and RS203 are then per month cell exactly as per stretch. Outside the *span* of what the rule reads
(before the first and after the last boundary) the interpreter does not evaluate: a month outside
the span stays leeg here too (`_span`).

What is not covered falls back per rule to the interpreter (`vector_tijd.terugval`, reported):
day timelines, boundaries not on month starts or outside the year, bare periods and the functions
over time other than `het totaal van` a month-axis attribute, a rule version whose validity starts
or ends inside a month, and a timeline read through navigation when no timeline parameter covers
the whole year (the span per object would need the other objects' timelines).

>>> from datetime import date as d
>>> from fractions import Fraction as F
>>> maanden(Tijdlijn.maak("maand", [(d(2025, 7, 1), d(2026, 1, 1), F(5))]), 2025)[5:8]
[None, Fraction(5, 1), Fraction(5, 1)]
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from math import lcm
from typing import TYPE_CHECKING, Any

import numpy as np

from regelspraak.evaluate import vector_values as vv
from regelspraak.evaluate.columns import Kolom, Populatie, Tabel
from regelspraak.evaluate.vector_values import V
from regelspraak.model import ir
from regelspraak.model.order import roots_of, walk_expr
from regelspraak.values.tijdlijn import Tijdlijn, aantal_perioden

if TYPE_CHECKING:
    from regelspraak.evaluate.vector_expr import Frame, Uitdrukkingen
    from regelspraak.evaluate.vectorize import Engine

MAANDEN = 12
Bools = np.ndarray[Any, np.dtype[np.bool_]]


def maandbegin(jaar: int, m: int) -> date:
    """The first day of month m (0-based; 12 = 1 January of the next year)."""
    return date(jaar + m // MAANDEN, m % MAANDEN + 1, 1)


def maanden(lijn: Tijdlijn, jaar: int) -> list[Any] | None:
    """The value per month of `lijn` within `jaar` (None where leeg), or None when a boundary is not
    on a month start or lies outside the year."""
    begin, eind = maandbegin(jaar, 0), maandbegin(jaar, MAANDEN)
    uit: list[Any] = [None] * MAANDEN
    for s in lijn.stukken:
        if s.vanaf < begin or s.tot > eind or s.vanaf.day != 1 or s.tot.day != 1:
            return None
        tot = MAANDEN if s.tot == eind else s.tot.month - 1
        for m in range(s.vanaf.month - 1, tot):
            uit[m] = s.waarde
    return uit


class PeriodeKolom(Kolom):
    """A timeline attribute as twelve month columns (`cellen`). Read as a whole (`waarden`, by the
    interpreter fallback or the output) it gives one `Tijdlijn` per row, made when first asked."""

    def __init__(self, periode: str, jaar: int | None, t: ir.Type, cellen: list[Kolom],
                 heel: Kolom | None = None) -> None:
        """`heel`: the same column as whole timelines (the input it was made from), kept as it is.
        `jaar` None: the months of the berekeningsjaar of the run that reads it (a population file;
        `jaar_vast` fixes it when the run starts)."""
        self.periode, self.jaar, self.type, self.cellen = periode, jaar, t, cellen
        self._geldig: Bools | None = np.asarray(heel.geldig, dtype=bool) if heel is not None else None
        super().__init__(np.empty(0, dtype=object), self._geldig)  # type: ignore[arg-type]
        self._lijnen: np.ndarray[Any, np.dtype[Any]] | None = heel.waarden if heel is not None else None

    @property
    def geldig(self) -> Bools:
        """Rows whose timeline is not leeg; combined from the cells when first asked (rules on the
        axis read the cells, so most runs never need it)."""
        if self._geldig is None:
            self._geldig = _een_gevuld(self.cellen)
        return self._geldig

    @geldig.setter
    def geldig(self, g: Bools | None) -> None:
        self._geldig = g

    def __len__(self) -> int:
        return len(self.cellen[0])

    @property
    def waarden(self) -> np.ndarray[Any, np.dtype[Any]]:
        if self._lijnen is None:
            from regelspraak.evaluate.convert import waarde

            if self.jaar is None:
                raise ValueError("maandkolommen zonder berekeningsjaar")

            uit = np.empty(len(self), dtype=object)
            jaar = self.jaar
            for i in range(len(self)):
                stukken = [(maandbegin(jaar, m), maandbegin(jaar, m + 1), waarde(self.type, c, i))
                           for m, c in enumerate(self.cellen)]
                lijn = Tijdlijn.maak(self.periode, stukken)
                uit[i] = lijn if lijn.stukken else None
            self._lijnen = uit
        return self._lijnen

    @waarden.setter
    def waarden(self, w: np.ndarray[Any, np.dtype[Any]]) -> None:
        raise TypeError("een kolom op de periode-as wordt als geheel vervangen, niet beschreven")


def _een_gevuld(cellen: list[Kolom]) -> Bools:
    """Rows with a value in some month: a timeline that is not leeg."""
    if any(c.is_vol() for c in cellen):
        return np.ones(len(cellen[0]), dtype=bool)
    g = np.array(cellen[0].geldig, dtype=bool)
    for c in cellen[1:]:
        g |= np.asarray(c.geldig, dtype=bool)
    return g


def jaar_vast(pop: Populatie, jaar: int) -> None:
    """Month columns read from a population file (`jaar` None) become the months of `jaar`; equal
    neighbouring months share one cell (`deel_gelijke`)."""
    for tabel in pop.tabellen.values():
        for naam, kol in list(tabel.kolommen.items()):
            if isinstance(kol, PeriodeKolom) and kol.jaar is None:
                tabel.kolommen[naam] = PeriodeKolom(kol.periode, jaar, kol.type, deel_gelijke(kol.cellen))


def leeg_kolom(t: ir.Type, n: int) -> Kolom:
    """A column leeg on every row (as `vectorize._vul_aan` makes them)."""
    from regelspraak.evaluate.vector_expr import soort_van

    dtype = {"getal": np.int64, "datum": np.int64, "enum": np.int16, "bool": bool}.get(soort_van(t), object)
    noemer = 10**t.decimalen if t.is_getal and t.decimalen is not None else 1
    return Kolom(np.broadcast_to(np.zeros(1, dtype=dtype), (n,)), np.broadcast_to(np.False_, (n,)), int(noemer),
                 constante=0 if dtype is not object else None, vol=n == 0)


def naar_as(kol: Kolom, t: ir.Type, jaar: int) -> PeriodeKolom | None:
    """`kol` on the period axis of `jaar`, or None when some row's timeline does not fit it."""
    from regelspraak.evaluate.convert import kolom

    assert t.periode is not None
    if isinstance(kol, PeriodeKolom):
        return kol if kol.jaar == jaar else None
    n = len(kol)
    if not vv.ergens_waar(np.asarray(kol.geldig)):
        leeg = leeg_kolom(t, n)  # one cell for the year: the months share it (`_groepen`)
        return PeriodeKolom(t.periode, jaar, t, [leeg] * MAANDEN)
    w = kol.waarden
    if w.dtype != object:
        return None
    per_maand: list[list[Any]] = [[None] * n for _ in range(MAANDEN)]
    for i, (v, ok) in enumerate(zip(w, kol.geldig, strict=True)):
        if not ok or v is None:
            continue
        if not isinstance(v, Tijdlijn):
            return None
        cellen = maanden(v, jaar)
        if cellen is None:
            return None
        for m, c in enumerate(cellen):
            per_maand[m][i] = c
    uit: list[Kolom] = []
    for m, col in enumerate(per_maand):  # a month equal to the one before shares its cell
        uit.append(uit[-1] if m and col == per_maand[m - 1] else kolom(t, col))
    for c in {id(c): c for c in uit if sum(x is c for x in uit) > 1}.values():
        _alleen_lezen(c)
    return PeriodeKolom(t.periode, jaar, t, uit, heel=kol)


@dataclass(frozen=True)
class Geschikt:
    """What a rule over timelines reads and writes, when it can run on the period axis."""

    attributen: tuple[ir.Attribuut, ...]  # timeline attributes read
    direct: tuple[ir.Attribuut, ...]  # … of which read of the subject itself
    parameters: tuple[str, ...]  # timeline parameters read
    doelen: tuple[ir.Attribuut, ...]


_GESCHIKT: dict[int, tuple[ir.Regel, Geschikt | None]] = {}


def geschikt(regel: ir.Regel) -> Geschikt | None:
    """Whether `regel` can run on the period axis, from its trees alone (cached per rule)."""
    hit = _GESCHIKT.get(id(regel))
    if hit is not None and hit[0] is regel:
        return hit[1]
    uit = _geschikt(regel)
    if len(_GESCHIKT) > 4096:
        _GESCHIKT.clear()
    _GESCHIKT[id(regel)] = (regel, uit)
    return uit


def _geschikt(regel: ir.Regel) -> Geschikt | None:
    attrs: dict[tuple[str, str], ir.Attribuut] = {}
    direct: dict[tuple[str, str], ir.Attribuut] = {}
    params: set[str] = set()
    doelen: dict[tuple[str, str], ir.Attribuut] = {}
    for v in regel.versies:
        if v.verdeling is not None or v.creatie is not None:
            return None
        for res in v.resultaten:
            if not isinstance(res, ir.Toekenning) or res.doel.attribuut is None or res.doel.pad:
                return None  # a kenmerk `voor elke …` too: per knip stretch via the interpreter
            a = res.doel.attribuut
            if a.type.periode not in ("maand", "jaar"):
                return None
            doelen[(a.objecttype, a.naam.lower())] = a
        for root in roots_of(v):
            for x in walk_expr(root):
                if isinstance(x, ir.Periode | ir.GehelePeriode | ir.TijdFunctie):
                    return None
                if isinstance(x, ir.KenmerkTest) and x.kenmerk.periode is not None:
                    return None  # a kenmerk `voor elke …`: per knip stretch via the interpreter
                if isinstance(x, ir.AttribuutLezen) and x.attribuut.type.periode is not None:
                    if x.attribuut.type.periode == "dag":
                        return None
                    k = (x.attribuut.objecttype, x.attribuut.naam.lower())
                    attrs[k] = x.attribuut
                    if isinstance(x.van, ir.Onderwerp):
                        direct[k] = x.attribuut
                elif isinstance(x, ir.ParameterRef) and x.type.periode is not None:
                    if x.type.periode == "dag":
                        return None
                    params.add(x.naam)
    return Geschikt(tuple(attrs.values()), tuple(direct.values()), tuple(sorted(params)), tuple(doelen.values()))


def probeer(engine: Engine, nr: int, regel: ir.Regel) -> bool:
    """Run `regel` on the period axis; False (nothing written) when it does not fit, so the caller
    runs it through the interpreter. Errors are raised as the engine raises them (`EngineFout`)."""
    from regelspraak.evaluate.vector_expr import NietVectoriseerbaar
    from regelspraak.evaluate.vectorize import EngineFout
    from regelspraak.values.fouten import Rekenfout

    g = geschikt(regel)
    if g is None:
        return False
    jaar = engine.rekendatum.year
    pop = engine.pop
    for a in g.attributen + g.doelen:
        tabel = pop.tabellen[a.objecttype]
        as_kol = naar_as(tabel.kolommen[a.naam.lower()], a.type, jaar)
        if as_kol is None:
            return False
        tabel.kolommen[a.naam.lower()] = as_kol
    param_cellen: dict[str, list[Any]] = {}
    for p in g.parameters:
        w = engine.parameters.get(p)
        cellen = maanden(w, jaar) if isinstance(w, Tijdlijn) else None
        if cellen is None:
            return False
        param_cellen[p] = cellen
    for versie in regel.versies:
        for m in range(MAANDEN):
            if versie.geldig_op(maandbegin(jaar, m)) != versie.geldig_op(maandbegin(jaar, m + 1) - timedelta(days=1)):
                return False
    param_heeft = np.array([any(c[m] is not None for c in param_cellen.values()) for m in range(MAANDEN)])
    heel_jaar = any(all(x is not None for x in c) for c in param_cellen.values())
    if not heel_jaar and len(g.direct) < len(g.attributen):
        return False
    spannen = {ot: _span(pop.tabellen[ot], [a for a in g.direct if a.objecttype == ot], param_heeft)
               for ot in {v.onderwerp for v in regel.versies}}
    schrijvers: list[dict[tuple[str, str], list[tuple[int, Bools]]]] = engine.__dict__.setdefault(
        "_periode_schrijvers", [{} for _ in range(MAANDEN)])
    doelen = {(a.objecttype, a.naam.lower()) for a in g.doelen}
    uitkomst: dict[int, Populatie] = {}  # per month, the view its group ran on
    for groep in _groepen(pop, g, param_cellen, regel, spannen, jaar):
        m = groep[0]
        params = dict(engine.parameters)
        for p, cellen in param_cellen.items():
            params[p] = cellen[m]  # leeg in a month outside the parameter's stretches, as the interpreter reads it
        view = Populatie({k: Tabel(k, t.ids, {naam: _cel(kol, m, (k, naam) in doelen)
                                              for naam, kol in t.kolommen.items()}, t.gewicht)
                          for k, t in pop.tabellen.items()}, pop.relaties)
        sub = _MaandEngine(engine, view, params, {ot: s[m] for ot, s in spannen.items()})
        sub.schrijver = schrijvers[m]
        voor = {k: len(v) for k, v in schrijvers[m].items()}
        d = maandbegin(jaar, m)
        for versie in regel.versies:
            if not versie.geldig_op(d):
                continue
            try:
                sub._versie(nr, regel, versie)
            except NietVectoriseerbaar:
                return False
            except Rekenfout as e:
                raise EngineFout("RS206", f"Regel '{regel.naam}' ({versie.beschrijf()}), maand {m + 1}-{jaar}: "
                                 f"{e.bericht}.", regel) from e
        for ander in groep[1:]:  # the other months had the same writers before, so they have the same after
            for k, lijst in schrijvers[m].items():
                schrijvers[ander].setdefault(k, []).extend(lijst[voor.get(k, 0):])
        for ot, naam in doelen if len(groep) > 1 else ():
            _alleen_lezen(view.tabellen[ot].kolommen[naam])
        for ander in groep:
            uitkomst[ander] = view
    for a in g.doelen:
        sleutel = a.naam.lower()
        assert a.type.periode is not None
        pop.tabellen[a.objecttype].kolommen[sleutel] = PeriodeKolom(
            a.type.periode, jaar, a.type, [uitkomst[m].tabellen[a.objecttype].kolommen[sleutel]
                                           for m in range(MAANDEN)])
        engine._telt_schrijven(a.objecttype, sleutel)
    return True


def _groepen(pop: Populatie, g: Geschikt, param_cellen: dict[str, list[Any]], regel: ir.Regel,
             spannen: dict[str, list[Bools | None]], jaar: int) -> list[list[int]]:
    """The months in groups that see the same thing: the same cell objects of every timeline the
    rule reads or writes, the same parameter values, the same rule versions and the same span. A
    group runs once and its months share the result cell (b in docs/prestaties.md): a year of
    constant inputs and a parameter that changes on 1 July is two runs, not twelve."""
    groepen: dict[tuple[Any, ...], list[int]] = {}
    for m in range(MAANDEN):
        d = maandbegin(jaar, m)
        sleutel = (tuple(id(_kolom_cel(pop, a, m)) for a in g.attributen + g.doelen),
                   tuple((type(c[m]).__name__, c[m]) for c in param_cellen.values()),
                   tuple(v.geldig_op(d) for v in regel.versies),
                   tuple(id(s[m]) for s in spannen.values()))
        groepen.setdefault(sleutel, []).append(m)
    return list(groepen.values())


def _kolom_cel(pop: Populatie, a: ir.Attribuut, m: int) -> Kolom:
    kol = pop.tabellen[a.objecttype].kolommen[a.naam.lower()]
    assert isinstance(kol, PeriodeKolom)
    return kol.cellen[m]


def _alleen_lezen(kol: Kolom) -> None:
    """A cell several months share is never written in place again: its arrays become read-only
    views, so numpy refuses a write through it (the engine replaces columns whole; a write in place
    would change every month that shares the cell). Views, not the arrays themselves: an array the
    caller gave (a population column a rule copies) stays writable for the caller."""
    w = kol._waarden
    if isinstance(w, np.ndarray) and w.flags.writeable:
        kol._waarden = _alleen_lezen_view(w)
    if isinstance(kol.geldig, np.ndarray) and kol.geldig.flags.writeable:
        kol.geldig = _alleen_lezen_view(kol.geldig)


def _alleen_lezen_view(a: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    v = a.view()
    v.setflags(write=False)
    return v


def deel_gelijke(cellen: list[Kolom]) -> list[Kolom]:
    """A month equal to the month before it (same values, same leeg rows) becomes that month's
    cell, shared and read-only, so the rules over it run once for both (`_groepen`). A sample of
    rows is compared first: months that differ are seldom compared whole."""
    uit = [cellen[0]]
    for c in cellen[1:]:
        uit.append(uit[-1] if c is uit[-1] or _gelijk(c, uit[-1]) else c)
    eigen: dict[int, Kolom] = {}  # a shared cell is the run's own copy: the caller's Kolom stays as it was
    for c in uit:
        if id(c) not in eigen and sum(x is c for x in uit) > 1:
            eigen[id(c)] = copy.copy(c)
            _alleen_lezen(eigen[id(c)])
    return [eigen.get(id(c), c) for c in uit]


def _gelijk(a: Kolom, b: Kolom) -> bool:
    if a.noemer != b.noemer or a.keuze is not None or b.keuze is not None or len(a) != len(b):
        return False
    wa, wb, ga, gb = np.asarray(a.waarden), np.asarray(b.waarden), np.asarray(a.geldig), np.asarray(b.geldig)
    if wa.dtype != wb.dtype or wa.dtype == object:
        return False
    k = min(len(wa), 4096)
    return (bool(np.array_equal(wa[:k], wb[:k])) and bool(np.array_equal(ga[:k], gb[:k]))
            and bool(np.array_equal(wa, wb)) and bool(np.array_equal(ga, gb)))


def _cel(kol: Kolom, m: int, doel: bool) -> Kolom:
    """The column a month's run sees: month m of a period-axis column (a copy for a target, which the
    run writes in place, so a rule that falls back leaves the population as it was)."""
    if not isinstance(kol, PeriodeKolom):
        return kol
    return copy.copy(kol.cellen[m]) if doel else kol.cellen[m]


def _span(tabel: Tabel, direct: list[ir.Attribuut], param_heeft: Bools) -> list[Bools | None]:
    """Per month, per row: whether the month lies between the first and the last boundary of the
    timelines the rule reads (the interpreter's span; outside it the result is leeg). None: every
    row (a parameter read covers the month and all months before and after it). Months that read
    the same cells get the same mask object (so `_groepen` can put them in one group), and a mask
    is computed once per distinct input."""
    if bool(param_heeft.all()):
        return [None] * MAANDEN
    n = len(tabel)
    kolommen = [tabel.kolommen[a.naam.lower()] for a in direct]
    gezien: dict[tuple[Any, ...], Bools] = {}
    heeft: list[Bools] = []
    for m in range(MAANDEN):
        cellen = [k.cellen[m] for k in kolommen if isinstance(k, PeriodeKolom)]
        sleutel = (bool(param_heeft[m]), *(id(c) for c in cellen))
        h = gezien.get(sleutel)
        if h is None:
            h = np.full(n, bool(param_heeft[m]))
            for c in cellen:
                h |= np.asarray(c.geldig, dtype=bool)
            gezien[sleutel] = h
        heeft.append(h)
    vooruit, achteruit = list(heeft), list(heeft)
    for m in range(1, MAANDEN):  # twelve ORs of whole rows (fewer when months share a mask)
        vooruit[m] = vooruit[m - 1] if heeft[m] is heeft[m - 1] else vooruit[m - 1] | heeft[m]
        t = MAANDEN - 1 - m
        achteruit[t] = achteruit[t + 1] if heeft[t] is heeft[t + 1] else achteruit[t + 1] | heeft[t]
    spannen: dict[tuple[int, int], Bools] = {}
    uit: list[Bools | None] = []
    for v, a in zip(vooruit, achteruit, strict=True):
        s = spannen.get((id(v), id(a)))
        if s is None:
            s = spannen[(id(v), id(a))] = v if v is a else v & a
        uit.append(s)
    return uit


def _maak_maand_engine() -> type:
    from regelspraak.evaluate.vectorize import Engine

    class MaandEngine(Engine):
        """The engine on one month's view; it writes only inside the span of what the rule reads."""

        def __init__(self, hoofd: Engine, view: Populatie, params: dict[str, ir.Waarde],
                     span: dict[str, Bools | None]) -> None:
            super().__init__(hoofd.model, view, hoofd.rekendatum, params)
            self.span = span

        def _schrijf(self, nr: int, regel: ir.Regel, versie: ir.Versie, tabel: Tabel, attr: ir.Attribuut, v: V,
                     mask: Bools, initialisatie: bool = False) -> None:
            span = self.span.get(tabel.objecttype)
            if span is not None:  # the span as the mask when every row would be written: no pass
                mask = span if vv.alle_waar(mask) else np.asarray(mask, dtype=bool) & span
            super()._schrijf(nr, regel, versie, tabel, attr, v, mask, initialisatie)

    return MaandEngine


class _Lazy:
    cls: type | None = None


def _MaandEngine(hoofd: Engine, view: Populatie, params: dict[str, ir.Waarde],
                 span: dict[str, Bools | None]) -> Engine:
    if _Lazy.cls is None:
        _Lazy.cls = _maak_maand_engine()
    e: Engine = _Lazy.cls(hoofd, view, params, span)
    return e


def totaal(ex: Uitdrukkingen, x: ir.TijdFunctie, f: Frame) -> V | None:
    """`het totaal van A` with A a period-axis attribute and no condition: per month cell the value
    times the share of A's period the month is (1 for maand, days/days-of-year for jaar), summed
    exactly; cells that are leeg do not count, none filled → leeg. None: not on the axis."""
    e = x.expr
    if x.soort != "totaal" or x.voorwaarde is not None or not isinstance(e, ir.AttribuutLezen):
        return None
    if e.attribuut.type.periode not in ("maand", "jaar"):
        return None
    tabel = ex.pop.tabellen[e.attribuut.objecttype]
    kol = naar_as(tabel.kolommen[e.attribuut.naam.lower()], e.attribuut.type, ex.rekendatum.year)
    if kol is None:
        return None
    tabel.kolommen[e.attribuut.naam.lower()] = kol
    van = ex.expr(e.van, f)
    if not isinstance(van, V):
        return None
    jaar = kol.jaar or ex.rekendatum.year
    # Months that share a cell are added once, with the sum of their shares as the factor.
    per_cel: dict[int, tuple[Kolom, Fraction]] = {}
    for m, c in enumerate(kol.cellen):
        fac = aantal_perioden(kol.periode, maandbegin(jaar, m), maandbegin(jaar, m + 1))
        eerder = per_cel.get(id(c))
        per_cel[id(c)] = (c, fac if eerder is None else eerder[1] + fac)
    delen = [ex._lees(c, e.attribuut.type, van) for c, _ in per_cel.values()]
    factoren = [fac for _, fac in per_cel.values()]
    d = lcm(*(v.d * fac.denominator for v, fac in zip(delen, factoren, strict=True)))
    som: Any = np.zeros(len(van), dtype=np.int64)
    ok = np.zeros(len(van), dtype=bool)
    vol = False  # some month is filled on every row
    for v, fac in zip(delen, factoren, strict=True):
        schaal = d // (v.d * fac.denominator) * fac.numerator
        w = np.asarray(v.w)
        groot = w.dtype == object or som.dtype == object or vv.grens(v) * schaal >= vv._LIMIET // 16
        if groot:
            w = w if v.vol else np.where(v.ok, w, 0)
            som = som.astype(object) + vv._safe_mul(w, schaal).astype(object)
        elif v.vol:  # one pass, in place
            np.add(som, w * schaal if schaal != 1 else w, out=som)
        else:  # a leeg cell adds nothing: times its mask, branch-free (`where=` mispredicts on mixed masks)
            np.add(som, np.multiply(w, np.asarray(v.ok) if schaal == 1 else np.asarray(v.ok) * schaal), out=som)
        if not v.vol:
            ok |= np.asarray(v.ok, dtype=bool)
        else:
            vol = True
    if vol:
        return V("getal", vv._fits(np.asarray(som)), np.ones(len(van), dtype=bool), d, vol=True)
    return V("getal", vv._fits(np.asarray(som)), ok, d)


__all__ = ["MAANDEN", "PeriodeKolom", "geschikt", "maanden", "naar_as", "probeer", "totaal"]
