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

Months that see the same thing share the work (`_groepen`): the months whose read cells are the
same objects, with the same parameter values, rule versions and span, run as one and share the
result cell, which is read-only from then on (`_alleen_lezen`); equal months of an input are made
one cell when read (`naar_as`, `deel_gelijke`). Constant inputs and a parameter that changes on
1 July are two runs per rule, not twelve (docs/prestaties.md, "Tijdlijnen").

Months that differ in few rows share the rest (`vector_delta`): a month column of a population
that differs from the month before in at most a quarter of the rows is kept as that cell plus the
changed rows, and a rule that reads only its subject's own row runs such a month on those rows
alone, its result a delta of the month before (`_delta`); `het totaal van` adds the changes. A
population that gives a timeline as stretches (`periode_stukken.StukkenKolom`) is made January's
cell and such deltas directly, without month columns to compare (`jaar_vast`).

A bare period (`vanaf …`, `tot …`, `van … tot …`) holds per month (`periode_in_maand`) when its
bounds start months; a closed period is also the span of an object whose timelines are all leeg,
so a rule with one runs on the axis when no such object exists (every row has a value in some
month of what it reads, or a parameter read covers the year).

What is not covered falls back per rule to the interpreter (`vector_tijd.terugval`, reported):
day timelines, boundaries not on month starts or outside the year, periods and the functions
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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from math import lcm
from typing import TYPE_CHECKING, Any

import numpy as np

from regelspraak.evaluate import periode_grenzen, vector_delta, vector_groep
from regelspraak.evaluate import vector_values as vv
from regelspraak.evaluate.columns import Kolom, Populatie, Tabel
from regelspraak.evaluate.per_regel import onthouden
from regelspraak.evaluate.periode_stukken import StukkenKolom  # with the module: every run asks (jaar_vast)
from regelspraak.evaluate.vector_values import V
from regelspraak.model import ir
from regelspraak.model.order import roots_of, walk_expr
from regelspraak.values.tijdlijn import Tijdlijn, aantal_perioden

if TYPE_CHECKING:
    from regelspraak.evaluate.vector_expr import Frame, Uitdrukkingen
    from regelspraak.evaluate.vectorize import Engine

MAANDEN = 12
Bools = np.ndarray[Any, np.dtype[np.bool_]]
Sleutel = tuple[str, str]
Schrijvers = dict[Sleutel, list[tuple[int, Bools]]]


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
    neighbouring months share one cell (`deel_gelijke`). A timeline given as stretches
    (`periode_stukken.StukkenKolom`) becomes January's cell and a row delta per month."""
    for tabel in pop.tabellen.values():
        for naam, kol in list(tabel.kolommen.items()):
            if isinstance(kol, StukkenKolom):  # stretches: January and the changes, nothing compared
                tabel.kolommen[naam] = PeriodeKolom(kol.periode, jaar, kol.type, kol.maanden(jaar))
            elif isinstance(kol, PeriodeKolom) and kol.jaar is None:
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
    periode: bool = False  # a bare period: its result differs per month even where the inputs do not
    gesloten: bool = False  # a closed period (`van … tot …`): the span of an object whose timelines are leeg


@onthouden
def geschikt(regel: ir.Regel) -> Geschikt | None:
    """Whether `regel` can run on the period axis, from its trees alone (remembered per rule)."""
    return _geschikt(regel)


def _geschikt(regel: ir.Regel) -> Geschikt | None:
    attrs: dict[tuple[str, str], ir.Attribuut] = {}
    direct: dict[tuple[str, str], ir.Attribuut] = {}
    params: set[str] = set()
    doelen: dict[tuple[str, str], ir.Attribuut] = {}
    periode = gesloten = False
    for v in regel.versies:
        if v.verdeling is not None or v.creatie is not None:
            return None
        for res in v.resultaten:
            if isinstance(res, ir.Toekenning) and res.doel.kenmerk is not None and res.doel.kenmerk.periode \
                    and not res.doel.pad:
                doelen[(res.doel.kenmerk.objecttype, _KENMERK + res.doel.kenmerk.naam.lower())] = kenmerk_kolom(
                    res.doel.kenmerk)
                continue
            if not isinstance(res, ir.Toekenning) or res.doel.attribuut is None or res.doel.pad:
                return None
            a = res.doel.attribuut
            if a.type.periode not in ("maand", "jaar"):
                return None
            doelen[(a.objecttype, a.naam.lower())] = a
        for root in roots_of(v):
            for x in walk_expr(root):
                if isinstance(x, ir.Periode):
                    periode = True  # per month on the axis (`periode_in_maand`), or back to the interpreter
                    # A closed period is also the span of an object whose timelines are leeg (the interpreter
                    # then evaluates the rule over the period): on the axis only when no object is such (`probeer`).
                    gesloten |= x.vanaf is not None and x.tot is not None
                    continue
                if isinstance(x, ir.GehelePeriode | ir.TijdFunctie):
                    return None
                if isinstance(x, ir.KenmerkTest) and x.kenmerk.periode is not None:
                    k = (x.kenmerk.objecttype, _KENMERK + x.kenmerk.naam.lower())
                    attrs[k] = kenmerk_kolom(x.kenmerk)
                    if isinstance(x.object, ir.Onderwerp):
                        direct[k] = attrs[k]
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
    if periode and not attrs and not params:
        return None  # a period is the span only of a rule that reads no timeline: the interpreter's case
    return Geschikt(tuple(attrs.values()), tuple(direct.values()), tuple(sorted(params)), tuple(doelen.values()),
                    periode, gesloten)


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
        as_kol = kenmerk_naar_as(tabel.kolommen[a.naam.lower()], a, jaar, engine.model) if a.naam.startswith(
            _KENMERK) else naar_as(tabel.kolommen[a.naam.lower()], a.type, jaar)
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
    if g.gesloten and any(s.eerste is not None and bool((s.eerste == MAANDEN).any()) for s in spannen.values()):
        return False  # an object without a value in any timeline it reads: the closed period is its span
    schrijvers: list[dict[tuple[str, str], list[tuple[int, Bools]]]] = engine.__dict__.setdefault(
        "_periode_schrijvers", [{} for _ in range(MAANDEN)])
    doelen = {(a.objecttype, a.naam.lower()) for a in g.doelen}
    uitkomst: dict[int, dict[tuple[str, str], Kolom]] = {}  # per month, the result cells
    voor_maand: dict[int, dict[tuple[str, str], int]] = {}  # per month, its writer record before the rule
    # A bare period holds per month: month m is month m-1 on its changed rows plus the rows whose
    # period starts or ends at month m (periode_grenzen), when its bounds are fixed dates of the row.
    rij = vector_delta.per_rij(regel, perioden=g.periode)
    wissel = periode_grenzen.wisselingen(engine, regel, jaar) if g.periode and rij is not None else None
    if g.periode and wissel is None:
        rij = None
    # A rule that aggregates over related objects: month m on the subjects whose rows or related rows changed.
    leden = vector_groep.per_groep(regel) if rij is None and not g.periode else None
    for groep in _groepen(engine.model, pop, g, param_cellen, regel, spannen, jaar):
        m = groep[0]
        params = dict(engine.parameters)
        for p, cellen in param_cellen.items():
            params[p] = cellen[m]  # leeg in a month outside the parameter's stretches, as the interpreter reads it
        for ander in groep:
            voor_maand[ander] = {k: len(v) for k, v in schrijvers[ander].items()}
        voor = voor_maand[m]
        d = maandbegin(jaar, m)

        def draai(sub: Engine, versie: ir.Versie, m: int = m) -> None:
            try:
                sub._versie(nr, regel, versie)
            except Rekenfout as e:
                raise EngineFout("RS206", f"Regel '{regel.naam}' ({versie.beschrijf()}){_wie(sub, versie)}, maand "
                                 f"{m + 1}-{jaar}: {e.bericht}.", regel) from e

        try:
            cellen_uit = _delta(engine, regel, m, rij, uitkomst, voor_maand, schrijvers, spannen, param_cellen,
                                params, jaar, draai, None if wissel is None else wissel[m], leden)
            if cellen_uit is None:
                cellen_uit = _heel(engine, regel, m, pop, doelen, params, spannen, schrijvers[m], d, draai)
        except NietVectoriseerbaar:
            return False
        for ander in groep[1:]:  # the other months had the same writers before, so they have the same after
            for k, lijst in schrijvers[m].items():
                schrijvers[ander].setdefault(k, []).extend(lijst[voor.get(k, 0):])
        gedeeld = len(groep) > 1 or (m > 0 and m - 1 in uitkomst and any(
            c is uitkomst[m - 1].get(k) for k, c in cellen_uit.items()))
        for c in cellen_uit.values() if gedeeld else ():
            _alleen_lezen(c)
        for ander in groep:
            uitkomst[ander] = cellen_uit
    for a in g.doelen:
        sleutel = a.naam.lower()
        assert a.type.periode is not None
        cellen = [uitkomst[m][(a.objecttype, sleutel)] for m in range(MAANDEN)]
        if g.periode:  # run per month (a bare period): equal months become one cell again, as an input's do,
            cellen = deel_gelijke(cellen)  # so the rules that read it share their runs (`_groepen`)
        pop.tabellen[a.objecttype].kolommen[sleutel] = PeriodeKolom(a.type.periode, jaar, a.type, cellen)
        engine._telt_schrijven(a.objecttype, sleutel)
    return True


def _wie(sub: Engine, versie: ir.Versie) -> str:
    """' voor <id>': the object a month's error is about, as the interpreter names it: an error of the
    whole month (a divisor that is 0 or leeg that month) is met by every object evaluated in it, and
    the interpreter, going object by object, meets it first at the first object inside the span."""
    tabel = sub.pop.tabellen[versie.onderwerp]
    span = sub.__dict__.get("span", {}).get(versie.onderwerp)
    rijen = np.flatnonzero(np.asarray(span, dtype=bool)) if span is not None else np.arange(min(len(tabel), 1))
    return f" voor {tabel.ids[int(rijen[0])]}" if len(rijen) else ""


def _delta(engine: Engine, regel: ir.Regel, m: int, rij: frozenset[str] | None,
           uitkomst: dict[int, dict[Sleutel, Kolom]],
           voor_maand: dict[int, dict[Sleutel, int]], schrijvers: list[Schrijvers],
           spannen: dict[str, vector_delta.Span], param_cellen: dict[str, list[Any]], params: dict[str, ir.Waarde],
           jaar: int, draai: Callable[[Engine, ir.Versie], None],
           extra: np.ndarray[Any, Any] | None = None,
           groep: vector_groep.Groep | None = None) -> dict[Sleutel, Kolom] | None:
    """Month m from month m-1 on the rows that differ (vector_delta.maand), or None. `extra`: rows
    that differ besides those of the inputs (a bare period that starts or ends at month m). `groep`:
    a rule that aggregates over related objects (vector_groep.maand), when `rij` is None."""
    from regelspraak.evaluate.vector_expr import NietVectoriseerbaar

    if (rij is None and groep is None) or m == 0 or m - 1 not in uitkomst:
        return None
    gelijk = all(type(c[m]) is type(c[m - 1]) and c[m] == c[m - 1] for c in param_cellen.values())

    def maak(view: Populatie, span: dict[str, Bools | None]) -> Engine:
        return _MaandEngine(engine, view, params, span, maandbegin(jaar, m))

    try:
        if rij is None:
            assert groep is not None
            return vector_groep.maand(engine, regel, groep, m, schrijvers, voor_maand[m - 1], uitkomst[m - 1],
                                      spannen, gelijk, maak, draai, maandbegin(jaar, m), maandbegin(jaar, m - 1))
        return vector_delta.maand(engine.model, regel, rij, m, engine.pop, schrijvers, voor_maand[m - 1],
                                  uitkomst[m - 1], spannen, gelijk, maak, draai, maandbegin(jaar, m),
                                  maandbegin(jaar, m - 1), extra)
    except NietVectoriseerbaar:
        return None  # the whole month runs, and says so if it cannot


def _heel(engine: Engine, regel: ir.Regel, m: int, pop: Populatie, doelen: set[Sleutel],
          params: dict[str, ir.Waarde], spannen: dict[str, vector_delta.Span],
          schrijver: Schrijvers, d: date, draai: Callable[[Engine, ir.Versie], None]) -> dict[Sleutel, Kolom]:
    """Month m run on every row of its view; its result cells."""
    view = Populatie({k: Tabel(k, t.ids, {naam: _cel(kol, m, (k, naam) in doelen)
                                          for naam, kol in t.kolommen.items()}, t.gewicht)
                      for k, t in pop.tabellen.items()}, pop.relaties)
    sub = _MaandEngine(engine, view, params, {ot: s[m] for ot, s in spannen.items()}, d)
    sub.schrijver = schrijver
    for versie in regel.versies:
        if versie.geldig_op(d):
            draai(sub, versie)
    return {(ot, naam): view.tabellen[ot].kolommen[naam] for ot, naam in doelen}


def _groepen(model: ir.Model, pop: Populatie, g: Geschikt, param_cellen: dict[str, list[Any]], regel: ir.Regel,
             spannen: dict[str, vector_delta.Span], jaar: int) -> list[list[int]]:
    """The months in groups that see the same thing: the same cell objects of every timeline the
    rule reads or writes, the same parameter values, the same rule versions and the same span. A
    group runs once and its months share the result cell (b in docs/prestaties.md): a year of
    constant inputs and a parameter that changes on 1 July is two runs, not twelve. A period-axis
    column that is not an attribute the rule provably leaves alone (a timeline kenmerk, say) counts
    too: months are shared only when nothing the rule could read differs."""
    gelezen = {(a.objecttype, a.naam.lower()) for a in g.attributen + g.doelen}
    attribuut = {(ot, a.naam.lower()) for ot, o in model.objecttypen.items() for a in o.attributen.values()}
    kolommen = [kol for ot, t in pop.tabellen.items() for naam, kol in t.kolommen.items()
                if isinstance(kol, PeriodeKolom) and ((ot, naam) in gelezen or (ot, naam) not in attribuut)]
    groepen: dict[tuple[Any, ...], list[int]] = {}
    for m in range(MAANDEN):
        d = maandbegin(jaar, m)
        sleutel = (tuple(id(kol.cellen[m]) for kol in kolommen),
                   tuple((type(c[m]).__name__, c[m]) for c in param_cellen.values()),
                   tuple(v.geldig_op(d) for v in regel.versies),
                   tuple(s.sleutel(m) for s in spannen.values()),
                   m if g.periode else None)  # a bare period holds per month: no sharing
        groepen.setdefault(sleutel, []).append(m)
    return list(groepen.values())


def _alleen_lezen(kol: Kolom) -> None:
    """A cell several months share is never written in place again: its arrays become read-only
    views, so numpy refuses a write through it (the engine replaces columns whole; a write in place
    would change every month that shares the cell). Views, not the arrays themselves: an array the
    caller gave (a population column a rule copies) stays writable for the caller. A delta cell is
    read-only already (its rows are written out read-only when first read)."""
    if isinstance(kol, vector_delta.DeltaKolom):
        return
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
    for c in cellen[1:]:  # few rows differing: a delta of the month before (vector_delta)
        if isinstance(c, vector_delta.DeltaKolom) and c.basis is not None and c.basis is uit[-1]:
            uit.append(c)  # a delta already (a month run on its changed rows): not written out to compare
            continue
        uit.append(uit[-1] if c is uit[-1] else vector_delta.als_delta(c, uit[-1]))
    eigen: dict[int, Kolom] = {}  # a shared cell is the run's own copy: the caller's Kolom stays as it was
    for c in uit:
        if id(c) not in eigen and sum(x is c for x in uit) > 1 and not isinstance(c, vector_delta.DeltaKolom):
            eigen[id(c)] = copy.copy(c)
            _alleen_lezen(eigen[id(c)])
    for c in uit:
        if isinstance(c, vector_delta.DeltaKolom) and c.basis is not None and id(c.basis) in eigen:
            c.basis = eigen[id(c.basis)]
    return [eigen.get(id(c), c) for c in uit]


# ---------------------------------------------------------------- kenmerken `voor elke …` (issue 11)
# A kenmerk with a timeline is on the axis like a boolean timeline attribute: its column
# `kenmerk:<naam>` becomes twelve cells of waar/onwaar (leeg outside its stretches, read as onwaar), and
# the rule code sees it, per month, as an ordinary kenmerk column. In `Geschikt` it stands as an
# attribute named after its column (`kenmerk_kolom`), so the grouping and span code serve it unchanged.

_KENMERK = "kenmerk:"
_KENMERK_KOLOMMEN: dict[tuple[str, str, str], ir.Attribuut] = {}


def kenmerk_kolom(k: ir.Kenmerk) -> ir.Attribuut:
    """The attribute that stands for the column of kenmerk `k` (one object per kenmerk)."""
    assert k.periode is not None
    sleutel = (k.objecttype, k.naam.lower(), k.periode)
    if sleutel not in _KENMERK_KOLOMMEN:
        _KENMERK_KOLOMMEN[sleutel] = ir.Attribuut(_KENMERK + k.naam.lower(), k.objecttype,
                                                  ir.Type("boolean", periode=k.periode), k.herkomst)
    return _KENMERK_KOLOMMEN[sleutel]


def kenmerk_naar_as(kol: Kolom, a: ir.Attribuut, jaar: int, model: ir.Model) -> PeriodeKolom | None:
    """A kenmerk column on the axis: a plain waar/onwaar is the whole year (a population column), a
    timeline its months; a kenmerk a rule assigns that no rule wrote yet is leeg. None: some row's
    timeline does not fit the axis."""
    from regelspraak.evaluate.convert import kolom
    from regelspraak.model.tijd import kenmerk_tijdlijnen

    t = a.type
    assert t.periode is not None
    if isinstance(kol, PeriodeKolom):
        return kol if kol.jaar == jaar else None
    toegekend = kenmerk_tijdlijnen(model).get(a.objecttype, {}).get(a.naam[len(_KENMERK):], (t.periode, True))[1]
    n = len(kol)
    w = kol.waarden
    if w.dtype != object:
        cel = leeg_kolom(t, n) if toegekend else Kolom(np.asarray(w, dtype=bool), np.ones(n, dtype=bool))
        _alleen_lezen(cel)
        return PeriodeKolom(t.periode, jaar, t, [cel] * MAANDEN)
    per_maand: list[list[Any]] = [[None] * n for _ in range(MAANDEN)]
    for i, v in enumerate(w):
        if isinstance(v, Tijdlijn):
            cellen = maanden(v, jaar)
            if cellen is None:
                return None
        elif isinstance(v, bool | np.bool_) and not toegekend:
            cellen = [bool(v)] * MAANDEN
        else:
            continue
        for m, c in enumerate(cellen):
            per_maand[m][i] = c
    uit: list[Kolom] = []
    for m, col in enumerate(per_maand):
        uit.append(uit[-1] if m and col == per_maand[m - 1] else kolom(t, col))
    for c in {id(c): c for c in uit if sum(x is c for x in uit) > 1}.values():
        _alleen_lezen(c)
    return PeriodeKolom(t.periode, jaar, t, uit, heel=None if toegekend else kol)


def periode_in_maand(ex: Uitdrukkingen, c: ir.Periode, f: Frame, maand: date) -> Bools:
    """A bare period per row for the month starting on `maand`: whether the month lies inside it. Exact
    (the interpreter's knip) when no row's bound falls inside the month: `de eerste dag van de maand na …`
    always starts a month. A bound inside a month would split it: not on the axis (NietVectoriseerbaar,
    the rule falls back to the interpreter). A leeg bound: the period holds nowhere, as in the interpreter."""
    from regelspraak.evaluate.vector_expr import NietVectoriseerbaar

    # maandbegin counts months from 0: month index `maand.month` is the month after `maand`.
    begin, eind = maand.toordinal(), maandbegin(maand.year, maand.month).toordinal()
    uit = np.ones(f.n, dtype=bool)
    for x, is_vanaf in ((c.vanaf, True), (c.tot, False)):
        if x is None:
            continue
        v = ex._v(x, f)
        if v.soort != "datum" or x.type.soort != "datum":
            raise NietVectoriseerbaar("een periode met een grens die geen datum is")
        w = np.broadcast_to(np.asarray(v.w), (f.n,)).astype(np.int64) + (1 if c.tot_en_met and not is_vanaf else 0)
        ok = np.broadcast_to(np.asarray(v.ok, dtype=bool), (f.n,))
        if bool((ok & (w > begin) & (w < eind)).any()):
            raise NietVectoriseerbaar("een grens van een periode midden in een maand")
        uit &= ok & ((w <= begin) if is_vanaf else (w > begin))
    return uit


def _cel(kol: Kolom, m: int, doel: bool) -> Kolom:
    """The column a month's run sees: month m of a period-axis column (a copy for a target, which the
    run writes in place, so a rule that falls back leaves the population as it was)."""
    if not isinstance(kol, PeriodeKolom):
        return kol
    c = kol.cellen[m]
    if doel and isinstance(c, vector_delta.DeltaKolom):  # written whole: a plain column, no longer a delta
        return Kolom(c.waarden, c.geldig, c.noemer, grens=c.grens, vol=c.vol)
    return copy.copy(c) if doel else c


def _span(tabel: Tabel, direct: list[ir.Attribuut], param_heeft: Bools) -> vector_delta.Span:
    """Per month, per row: whether the month lies between the first and the last boundary of the
    timelines the rule reads (the interpreter's span; outside it the result is leeg), as the first
    and last month with a value per row (`vector_delta.Span`). Every row when a parameter read covers
    the month and all months before and after it. A month that is a delta of the month before costs
    only its rows; months that read the same cells as the month before share its key (and mask)."""
    sleutels = [0] * MAANDEN
    kolommen = [k for k in (tabel.kolommen[a.naam.lower()] for a in direct) if isinstance(k, PeriodeKolom)]
    for m in range(1, MAANDEN):
        zelfde = param_heeft[m] == param_heeft[m - 1] and all(k.cellen[m] is k.cellen[m - 1] for k in kolommen)
        sleutels[m] = sleutels[m - 1] if zelfde else m
    if bool(param_heeft.all()):
        return vector_delta.Span(None, None, [0] * MAANDEN)
    n = len(tabel)
    eerste = np.full(n, MAANDEN, dtype=np.int8)
    laatste = np.full(n, -1, dtype=np.int8)
    maanden_p = np.flatnonzero(param_heeft)
    if len(maanden_p):
        eerste[:] = maanden_p[0]
        laatste[:] = maanden_p[-1]
    for k in kolommen:
        e, la = _eerste_laatste(k)
        np.minimum(eerste, e, out=eerste)
        np.maximum(laatste, la, out=laatste)
    return vector_delta.Span(eerste, laatste, sleutels)


def _eerste_laatste(kol: PeriodeKolom) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """`_eerste_laatste_van` the cells of `kol`, kept on the column for the next rule that reads it (a
    period-axis column is replaced whole when written, never changed: what it holds stays true)."""
    uit: tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]] | None = kol.__dict__.get("_eerste_laatste")
    if uit is None:
        uit = kol.__dict__["_eerste_laatste"] = _eerste_laatste_van(kol.cellen)
    return uit


def _eerste_laatste_van(cellen: list[Kolom]) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Per row the first and the last month (0-based; 12 and -1 for none) in which a cell is not
    leeg: a delta of the month before on its rows only, another cell whole."""
    n = len(cellen[0])
    if all(c.vol is True for c in cellen):  # known full every month: no pass
        return np.zeros(n, dtype=np.int8), np.full(n, MAANDEN - 1, dtype=np.int8)
    nu = np.array(cellen[0].geldig, dtype=bool)
    eerste = (~nu).astype(np.int8)
    eerste *= MAANDEN
    laatste = np.full(n, -1, dtype=np.int8)
    for m in range(1, MAANDEN):
        c = cellen[m]
        r = vector_delta.verschil(c, cellen[m - 1])
        if r is not None and not len(r):
            continue
        if r is not None and isinstance(c, vector_delta.DeltaKolom):
            g = np.asarray(c.deel.geldig, dtype=bool)
            was = nu[r]
            aan, uit = r[g & ~was], r[was & ~g]
            eerste[aan] = np.minimum(eerste[aan], m)
            laatste[uit] = m - 1
            nu[r] = g
            continue
        # A whole cell: branch-free arithmetic (numpy's where and boolean indexing mispredict on a mixed mask).
        g = np.asarray(c.geldig, dtype=bool)
        t = (g & ~nu).view(np.int8) * np.int8(m - MAANDEN)  # m - 12 where it starts: 12 + that is m
        t += np.int8(MAANDEN)
        np.minimum(eerste, t, out=eerste)
        laatste += (np.int8(m - 1) - laatste) * (nu & ~g).view(np.int8)  # m - 1 where it stops
        nu = np.array(g)
    laatste += (np.int8(MAANDEN - 1) - laatste) * nu.view(np.int8)
    return eerste, laatste


def _maak_maand_engine() -> type:
    from regelspraak.evaluate.vectorize import Engine

    class MaandEngine(Engine):
        """The engine on one month's view; it writes only inside the span of what the rule reads."""

        def __init__(self, hoofd: Engine, view: Populatie, params: dict[str, ir.Waarde],
                     span: dict[str, Bools | None]) -> None:
            super().__init__(hoofd.model, view, hoofd.rekendatum, params)
            self.span = span
            # The ranges of the columns (tabulate.py) are the main engine's: a month's view holds the
            # same column arrays, and each entry is checked against them by identity, so a month
            # does not scan a million dates again for a range the run already knows.
            self._domeinen = hoofd._domeinen

        def _schrijf(self, nr: int, regel: ir.Regel, versie: ir.Versie, tabel: Tabel, attr: ir.Attribuut, v: V,
                     mask: Bools, initialisatie: bool = False) -> None:
            span = self.span.get(tabel.objecttype)
            if span is not None:  # the span as the mask when every row would be written: no pass
                mask = span if vv.alle_waar(mask) else np.asarray(mask, dtype=bool) & span
            super()._schrijf(nr, regel, versie, tabel, attr, v, mask, initialisatie)

        def cond(self, c: ir.Conditie, f: Frame) -> Bools:
            maand = self.__dict__.get("maand")
            if isinstance(c, ir.Periode) and maand is not None:
                return periode_in_maand(self, c, f, maand)
            return super().cond(c, f)

        def _schrijf_kenmerk(self, nr: int, regel: ir.Regel, tabel: Tabel, km: ir.Kenmerk, mask: Bools) -> None:
            """A kenmerk `voor elke …`: waar where the rule fires, onwaar where it was evaluated (inside the
            span), as the interpreter writes it per stretch; waar stays waar (another rule gave it)."""
            if km.periode is None:
                super()._schrijf_kenmerk(nr, regel, tabel, km, mask)
                return
            sleutel = _KENMERK + km.naam.lower()
            kol = tabel.kolommen[sleutel]
            span = self.span.get(tabel.objecttype)
            n = len(kol)
            binnen = np.ones(n, dtype=bool) if span is None else np.asarray(span, dtype=bool)
            waar = np.asarray(kol.waarden, dtype=bool) | (np.broadcast_to(np.asarray(mask, dtype=bool), (n,)) & binnen)
            tabel.kolommen[sleutel] = Kolom(waar, np.asarray(kol.geldig, dtype=bool) | binnen)
            self._telt_schrijven(tabel.objecttype, sleutel)
            self._noteer(nr, regel, tabel, sleutel, np.broadcast_to(np.asarray(mask, dtype=bool), (n,)), None)

    return MaandEngine


class _Lazy:
    cls: type | None = None


def _MaandEngine(hoofd: Engine, view: Populatie, params: dict[str, ir.Waarde],
                 span: dict[str, Bools | None], maand: date | None = None) -> Engine:
    if _Lazy.cls is None:
        _Lazy.cls = _maak_maand_engine()
    e: Engine = _Lazy.cls(hoofd, view, params, span)
    e.__dict__["maand"] = maand  # the first day of the month this engine computes (bare periods)
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
    if van.identiek:  # months that are deltas of the month before: their changed rows only
        snel = vector_delta.totaal(kol.cellen, [aantal_perioden(kol.periode, maandbegin(jaar, m),
                                                                maandbegin(jaar, m + 1)) for m in range(MAANDEN)],
                                   lambda c: ex._lees(c, e.attribuut.type, van), vv._LIMIET // 16)
        if snel is not None:
            return snel
    # Months that share a cell are added once, with the sum of their shares as the factor.
    per_cel: dict[int, tuple[Kolom, Fraction]] = {}
    for m, c in enumerate(kol.cellen):
        fac = aantal_perioden(kol.periode, maandbegin(jaar, m), maandbegin(jaar, m + 1))
        eerder = per_cel.get(id(c))
        per_cel[id(c)] = (c, fac if eerder is None else eerder[1] + fac)
    delen = [ex._lees(c, e.attribuut.type, van) for c, _ in per_cel.values()]
    factoren = [fac for _, fac in per_cel.values()]
    d = lcm(*(v.d * fac.denominator for v, fac in zip(delen, factoren, strict=True)))
    som: Any = None  # the first term becomes the sum (no zeros to add it to), an array of its own
    ok: Bools | None = None
    vol = False  # some month is filled on every row
    for v, fac in zip(delen, factoren, strict=True):
        schaal = d // (v.d * fac.denominator) * fac.numerator
        w = np.asarray(v.w)
        groot = (w.dtype == object or (som is not None and som.dtype == object)
                 or vv.grens(v) * schaal >= vv._LIMIET // 16)
        if groot:
            term = vv._safe_mul(w if v.vol else np.where(v.ok, w, 0), schaal).astype(object)
            som = term if som is None else som.astype(object) + term
        else:
            if v.vol:
                term = w * schaal if schaal != 1 else w
            else:  # a leeg cell adds nothing: times its mask, branch-free (`where=` mispredicts on mixed masks)
                term = np.multiply(w, np.asarray(v.ok))
                if schaal != 1:
                    term *= schaal
            if som is None:
                som = np.array(term) if term is w or vv.constant(term) else term
            else:
                np.add(som, term, out=som)
        if v.vol:
            vol = True
        elif ok is None:
            ok = np.array(v.ok, dtype=bool)
        else:
            ok |= np.asarray(v.ok, dtype=bool)
    if vol or ok is None:
        return V("getal", vv._fits(np.asarray(som)), np.ones(len(van), dtype=bool), d, vol=True)
    return V("getal", vv._fits(np.asarray(som)), ok, d)


__all__ = ["MAANDEN", "PeriodeKolom", "geschikt", "maanden", "naar_as", "probeer", "totaal"]
