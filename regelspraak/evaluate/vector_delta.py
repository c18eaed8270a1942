"""Row deltas between neighbouring months on the period axis (issue 11, docs/prestaties.md
"Tijdlijnen"): a month cell that differs from the month before it in few rows is kept as that
month's cell plus the rows that changed (`DeltaKolom`), and a rule whose every input cell is the
previous month's or such a delta runs for the changed rows only (`vector_periode.probeer`).

Why this is the full month's result: the rules run here (`per_rij`) read nothing but the subject's
own row (its attributes and kenmerken, parameters, literals): no navigation, no aggregation. A row
whose every input is the same as in month m-1, with the same parameter values, rule versions and
span, gets the same result, the same leeg and the same rule-writer record (RS203) as in month m-1;
only the changed rows are evaluated, in their original order (so the first error names the same
object). A `DeltaKolom` is read-only: its rows are written out (`waarden`, `geldig`) when first read
whole and then refuse a write in place, and its `basis` is a cell nothing writes again (columns are
replaced, never mutated).

>>> import numpy as np
>>> a = Kolom(np.array([1, 2, 3, 4]), np.ones(4, dtype=bool), 100)
>>> b = DeltaKolom(a, np.array([2]), Kolom(np.array([9]), np.array([False]), 100))
>>> neem(b, np.array([1, 2]))[0].tolist(), b.waarden.tolist(), b.geldig.tolist()
([2, 9], [1, 2, 9, 4], [True, True, False, True])
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from fractions import Fraction
from math import lcm
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from regelspraak.evaluate import vector_values as vv
from regelspraak.evaluate.columns import Kolom, Populatie, Tabel
from regelspraak.evaluate.per_regel import onthouden
from regelspraak.evaluate.vector_values import V
from regelspraak.model import ir
from regelspraak.model.order import roots_of, walk_expr

if TYPE_CHECKING:
    from regelspraak.evaluate.vectorize import Engine

Bools = np.ndarray[Any, np.dtype[np.bool_]]
Rijen = np.ndarray[Any, np.dtype[np.intp]]
Sleutel = tuple[str, str]
Schrijvers = dict[Sleutel, list[tuple[int, Bools]]]

# A month is evaluated on its changed rows only when they are at most this share of the rows (the
# gathering and the scatter cost more than a full pass beyond it). Tests set it to 1.0.
DREMPEL = 0.25
_STEEKPROEF = 4096


class DeltaKolom(Kolom):
    """Month m's cell as `basis` (month m-1's cell) with the rows `rijen` (sorted, distinct)
    replaced by `deel` (a column of len(rijen) rows). `heel`: the same cell written out already."""

    def __init__(self, basis: Kolom, rijen: Rijen, deel: Kolom, heel: Kolom | None = None) -> None:
        self.basis: Kolom | None = basis
        self.rijen, self.deel, self._n = rijen, deel, len(basis)
        self._w: Any = _alleen_lezen(np.asarray(heel.waarden)) if heel is not None else None
        self._g: Any = _alleen_lezen(np.asarray(heel.geldig)) if heel is not None else None
        self.keuze = None
        self.noemer = deel.noemer
        self.grens = max(basis.grens, deel.grens) if basis.grens is not None and deel.grens is not None else None
        self.vol = False if deel.vol is False else (True if basis.vol and deel.vol else None)
        self.constante = None

    def __len__(self) -> int:
        return self._n

    def _keten(self, geldig: bool) -> list[DeltaKolom]:
        """This delta and the deltas below it down to the first cell written out already (last:
        the deepest), so a month is written out from that one copy, without the months between."""
        keten: list[DeltaKolom] = [self]
        c: Kolom | None = self.basis
        while isinstance(c, DeltaKolom) and c.basis is not None and (c._g if geldig else c._w) is None:
            keten.append(c)
            c = c.basis
        return keten

    @property
    def _waarden(self) -> Any:
        if self._w is None:
            keten = self._keten(False)
            assert keten[-1].basis is not None
            b = np.asarray(keten[-1].basis.waarden)
            soort = np.result_type(b, *(np.asarray(d.deel.waarden) for d in keten))
            uit = b.astype(soort)
            for d in reversed(keten):
                uit[d.rijen] = np.asarray(d.deel.waarden)
            self._w = _alleen_lezen(uit)
        return self._w

    @_waarden.setter
    def _waarden(self, w: Any) -> None:  # written whole: no longer a delta of its basis (`verschil`)
        if self.basis is not None:
            self.geldig  # noqa: B018 - written out before the basis is let go
        self._w, self.basis = w, None

    @property
    def geldig(self) -> Any:
        if self._g is None:
            keten = self._keten(True)
            assert keten[-1].basis is not None
            uit = np.array(keten[-1].basis.geldig, dtype=bool)
            for d in reversed(keten):
                uit[d.rijen] = np.asarray(d.deel.geldig, dtype=bool)
            self._g = _alleen_lezen(uit)
        return self._g

    @geldig.setter
    def geldig(self, g: Any) -> None:
        if self.basis is not None:
            self._waarden  # noqa: B018 - written out before the basis is let go
        self._g, self.basis = g, None

    def is_vol(self) -> bool:
        if self.vol is None:
            self.vol = bool(np.all(self.geldig))
        return self.vol


class Span:
    """Per month, per row, whether the month lies inside the span of what a rule reads (the
    interpreter evaluates a timeline rule only between the first and the last boundary of the
    timelines it reads): as the first and the last month with an input per row (`eerste`, `laatste`;
    None: every row, every month), so a month run on a delta's rows reads those rows only (`rijen`)
    and a whole month's mask is made when a month runs whole (`[m]`, kept per `sleutel`). Months
    with the same `sleutel` have the same mask (consecutive months whose inputs are the same cells).

    >>> s = Span(np.array([0, 3, 12], dtype=np.int8), np.array([11, 5, -1], dtype=np.int8), list(range(12)))
    >>> s[4].tolist(), s.rijen(6, np.array([0, 1])).tolist(), Span(None, None, [0] * 12)[4] is None
    ([True, True, False], [True, False], True)
    """

    def __init__(self, eerste: np.ndarray[Any, Any] | None, laatste: np.ndarray[Any, Any] | None,
                 sleutels: list[int]) -> None:
        self.eerste, self.laatste, self.sleutels = eerste, laatste, sleutels
        self._maskers: dict[int, Bools] = {}

    @property
    def overal(self) -> bool:
        return self.eerste is None

    def __getitem__(self, m: int) -> Bools | None:
        if self.eerste is None or self.laatste is None:
            return None
        k = self.sleutels[m]
        if k not in self._maskers:
            uit = self.eerste <= m
            uit &= self.laatste >= m
            self._maskers[k] = uit
        return self._maskers[k]

    def sleutel(self, m: int) -> int:
        return self.sleutels[m]

    def rijen(self, m: int, rijen: Rijen) -> Bools | None:
        if self.eerste is None or self.laatste is None:
            return None
        k = self.sleutels[m]
        if k in self._maskers:
            return self._maskers[k][rijen]
        uit: Bools = self.eerste[rijen] <= m
        uit &= self.laatste[rijen] >= m
        return uit


def _alleen_lezen(a: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    v = a.view()
    v.setflags(write=False)
    return v


def _vereniging(delen: list[Rijen]) -> Rijen:
    """The sorted union of sorted row arrays; the array itself when only one holds rows (the rows a
    rule's result differs in are its inputs' rows, so the next rule meets the same array)."""
    uniek = sorted({id(r): r for r in delen if len(r)}.values(), key=len, reverse=True)
    if not uniek:
        return np.zeros(0, dtype=np.intp)
    groot = uniek[0]
    if all(_binnen(r, groot) for r in uniek[1:]):  # the others within the largest: the largest itself
        return groot
    a = np.sort(np.concatenate(uniek))
    return a[np.concatenate(([True], a[1:] != a[:-1]))]


class _Ids:
    """The ids of `rijen` of a table, read one at a time: a month run on a delta's rows reads an id
    only to name an object in an error (a gather of every row's id touches a cache line per row)."""

    def __init__(self, ids: Any, rijen: Rijen) -> None:
        self.ids, self.rijen = ids, rijen

    def __len__(self) -> int:
        return len(self.rijen)

    def __getitem__(self, i: Any) -> Any:
        return self.ids[self.rijen[i]]


def _binnen(r: Rijen, groot: Rijen) -> bool:
    pos = np.minimum(np.searchsorted(groot, r), len(groot) - 1)
    return bool(np.all(groot[pos] == r))


def neem(kol: Kolom, rijen: Rijen) -> tuple[np.ndarray[Any, Any], Bools]:
    """The values and validity of `kol` at `rijen` (fresh arrays), without writing out a delta."""
    if isinstance(kol, DeltaKolom) and kol.basis is not None and kol.rijen is rijen:
        # Exactly the rows that changed: the delta's own values (no gather from the whole column,
        # which touches a cache line per row).
        return np.array(kol.deel.waarden), np.array(kol.deel.geldig, dtype=bool)
    if isinstance(kol, DeltaKolom) and kol.basis is not None and (kol._w is None or kol._g is None):
        w, g = neem(kol.basis, rijen)
        if len(kol.rijen) and len(rijen):
            pos = np.minimum(np.searchsorted(kol.rijen, rijen), len(kol.rijen) - 1)
            raak = kol.rijen[pos] == rijen
            if raak.any():
                dw = np.asarray(kol.deel.waarden)
                w = w.astype(np.result_type(w, dw), copy=False)
                w[raak] = dw[pos[raak]]
                g[raak] = np.asarray(kol.deel.geldig, dtype=bool)[pos[raak]]
        return w, g
    return np.asarray(kol.waarden)[rijen], np.array(np.asarray(kol.geldig)[rijen], dtype=bool)


def deel(kol: Kolom, rijen: Rijen) -> Kolom:
    """`kol` at `rijen` as a column of its own (a sub-population's column); a column of one value
    on every row (a target no rule wrote yet: read-only broadcasts) stays one."""
    w0, g0 = (None, None) if isinstance(kol, DeltaKolom) else (kol._waarden, kol.geldig)  # a delta: not written out
    if isinstance(w0, np.ndarray) and isinstance(g0, np.ndarray) and w0.ndim == g0.ndim == 1 \
            and w0.strides == g0.strides == (0,) and len(w0):
        n = len(rijen)
        return Kolom(np.broadcast_to(w0[:1], (n,)), np.broadcast_to(g0[:1], (n,)), kol.noemer, grens=kol.grens,
                     vol=kol.vol if n else True, constante=kol.constante)
    w, g = neem(kol, rijen)
    return Kolom(w, g, kol.noemer, grens=kol.grens)


def verschil(cel: Kolom, vorige: Kolom) -> Rijen | None:
    """The rows where `cel` may differ from `vorige` (the month before), or None when unknown."""
    if cel is vorige:
        return np.zeros(0, dtype=np.intp)
    if isinstance(cel, DeltaKolom) and cel.basis is not None and cel.basis is vorige:
        return cel.rijen
    return None


def _een_waarde_gelijk(a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> bool:
    """The same array, or both one value broadcast over the rows (a column leeg everywhere) and equal."""
    if a is b:
        return True
    return (a.ndim == b.ndim == 1 and len(a) == len(b) and len(a) > 0 and a.strides[0] == 0 and b.strides[0] == 0
            and bool(a[0] == b[0]))


def als_delta(cel: Kolom, vorige: Kolom) -> Kolom:
    """A population month column against the month before it: the same cell when equal, a
    `DeltaKolom` when few rows differ (a sample first: months that differ much are not compared
    whole), else `cel` itself."""
    if cel.noemer != vorige.noemer or cel.keuze is not None or vorige.keuze is not None or len(cel) != len(vorige):
        return cel
    wa, wb = np.asarray(cel.waarden), np.asarray(vorige.waarden)
    ga, gb = np.asarray(cel.geldig, dtype=bool), np.asarray(vorige.geldig, dtype=bool)
    if wa.dtype != wb.dtype or wa.dtype == object:
        return cel
    if _een_waarde_gelijk(wa, wb) and _een_waarde_gelijk(ga, gb):  # two months a rule left leeg: no pass
        return vorige
    n = len(wa)
    k = min(n, _STEEKPROEF)
    if np.count_nonzero((wa[:k] != wb[:k]) | (ga[:k] != gb[:k])) > DREMPEL * k:
        return cel
    verschilt = wa != wb
    if not (cel.vol is True and vorige.vol is True):  # known full on both sides: no leeg to compare
        verschilt |= ga != gb
    rijen = np.flatnonzero(verschilt)
    if len(rijen) == 0:
        return vorige
    if len(rijen) > DREMPEL * n:
        return cel
    return DeltaKolom(vorige, rijen, Kolom(wa[rijen], ga[rijen], cel.noemer), heel=cel)


def maand(model: ir.Model, regel: ir.Regel, leest: frozenset[str], m: int, pop: Populatie, schrijvers: list[Schrijvers],
          voor_vorige: dict[Sleutel, int],
          vorige: dict[Sleutel, Kolom], spannen: dict[str, Span], param_gelijk: bool,
          maak: Callable[[Populatie, dict[str, Bools | None]], Engine], draai: Callable[[Engine, ir.Versie], None],
          datum: date, vorige_datum: date, extra: Rijen | None = None) -> dict[Sleutel, Kolom] | None:
    """Month m of `regel` (a `per_rij` rule reading the columns `leest`) from month m-1's results
    `vorige`: evaluated on the rows where some column it reads, or the span, differs from month
    m-1, and those rows
    written over month m-1's result cells (`DeltaKolom`; the same cells when no row differs). None:
    not applicable (a version or parameter value differs, a column's difference is unknown, too
    many rows differ, or the result's scale differs); nothing is written then. `schrijvers[m]` gets
    the rule's writer record (RS203) for the month: month m-1's outside the rows, the run's inside.
    `extra`: sorted rows that differ besides those of the columns (a bare period that starts or ends
    at month m: periode_grenzen)."""

    if not param_gelijk or any(v.geldig_op(datum) != v.geldig_op(vorige_datum) for v in regel.versies):
        return None
    ot = regel.versies[0].onderwerp
    tabel = pop.tabellen[ot]
    n = len(tabel)
    leest = leest_ook(model, ot, tabel, leest)
    delen = gewijzigd(tabel, m, leest)
    if delen is None:
        return None
    if extra is not None:
        delen.append(extra)
    span = spannen[ot]
    # The span needs no comparison: with the same parameter values (so the same parameter cover) a
    # row's span differs from month m-1 only where one of its inputs' leeg differs (the span holds
    # from the first to the last month with an input), and those rows are in `delen` already.
    rijen = _vereniging(delen)
    if len(rijen) > DREMPEL * n:
        return None
    doelen = list(vorige)
    if len(rijen) == 0:  # nothing differs: month m-1's cells and record
        for k in doelen:
            schrijvers[m].setdefault(k, []).extend(schrijvers[m - 1].get(k, [])[voor_vorige.get(k, 0):])
        return dict(vorige)
    tabellen = maandtabellen(pop, m, {ot})
    sub_tabel = deeltabel(tabel, m, rijen, leest)
    tabellen[ot] = sub_tabel
    return op_rijen(model, regel, m, n, rijen, Populatie(tabellen, pop.relaties), sub_tabel, schrijvers,
                    voor_vorige, vorige, span.rijen(m, rijen), maak, draai, datum)


def _op_noemer(kol: Kolom, noemer: int) -> Kolom | None:
    """`kol` over denominator `noemer` (a multiple of its own: its numerators scaled up, exactly), or
    None. A month's rows may all take a rule's version with a coarser scale than the whole month did
    (`50% van …` for none of them), so its result comes back over a smaller denominator."""
    if kol.noemer == noemer:
        return kol
    if noemer % kol.noemer:
        return None
    w = np.asarray(kol.waarden)
    factor = noemer // kol.noemer
    if w.dtype != np.int64 or (len(w) and int(np.abs(w).max()) >= vv._LIMIET // factor):
        return None
    return Kolom(w * factor, kol.geldig, noemer)


def leest_ook(model: ir.Model, ot: str, tabel: Tabel, leest: frozenset[str]) -> frozenset[str]:
    """`leest` and every period-axis column of `tabel` that is no attribute of the model (a timeline
    kenmerk, say): it might be read however it is named (as `vector_periode._groepen` counts it)."""
    from regelspraak.evaluate.vector_periode import PeriodeKolom

    soort = model.objecttypen.get(ot)
    attributen = {a.naam.lower() for a in soort.attributen.values()} if soort is not None else set()
    return leest | {naam for naam, kol in tabel.kolommen.items()
                    if isinstance(kol, PeriodeKolom) and naam not in attributen}


def gewijzigd(tabel: Tabel, m: int, leest: frozenset[str]) -> list[Rijen] | None:
    """Per period-axis column of `tabel` in `leest`, the rows where month m may differ from month
    m-1; None when some column's difference is unknown."""
    from regelspraak.evaluate.vector_periode import PeriodeKolom

    delen: list[Rijen] = []
    for naam, kol in tabel.kolommen.items():
        if isinstance(kol, PeriodeKolom) and naam in leest:
            r = verschil(kol.cellen[m], kol.cellen[m - 1])
            if r is None:
                return None
            delen.append(r)
    return delen


def maandtabellen(pop: Populatie, m: int, behalve: set[str]) -> dict[str, Tabel]:
    """Month m's view of every table but `behalve` (period-axis columns as that month's cell)."""
    from regelspraak.evaluate.vector_periode import PeriodeKolom

    return {k: Tabel(k, t.ids, {naam: kol.cellen[m] if isinstance(kol, PeriodeKolom) else kol
                                for naam, kol in t.kolommen.items()}, t.gewicht)
            for k, t in pop.tabellen.items() if k not in behalve}


def deeltabel(tabel: Tabel, m: int, rijen: Rijen, leest: frozenset[str]) -> Tabel:
    """Month m of `tabel` at `rijen`, only the columns in `leest` (the engine fills the others in
    as leeg); the ids are read only when an error names an object."""
    from regelspraak.evaluate.vector_periode import PeriodeKolom

    return Tabel(tabel.objecttype, cast(Any, _Ids(tabel.ids, rijen)),
                 {naam: deel(kol.cellen[m] if isinstance(kol, PeriodeKolom) else kol, rijen)
                  for naam, kol in tabel.kolommen.items() if naam in leest},
                 tabel.gewicht[rijen] if tabel.gewicht is not None else None)


def op_rijen(model: ir.Model, regel: ir.Regel, m: int, n: int, rijen: Rijen, sub_pop: Populatie, sub_tabel: Tabel,
             schrijvers: list[Schrijvers], voor_vorige: dict[Sleutel, int], vorige: dict[Sleutel, Kolom],
             span: Bools | None, maak: Callable[[Populatie, dict[str, Bools | None]], Engine],
             draai: Callable[[Engine, ir.Versie], None], datum: date) -> dict[Sleutel, Kolom] | None:
    """Run `regel` for month m on `sub_pop`, whose subject table `sub_tabel` holds the subject's rows
    `rijen` (of `n`); its results as deltas of month m-1's cells `vorige`, and the writer record of
    month m in `schrijvers[m]` (month m-1's outside the rows, the run's inside). None: a result's
    scale differs from month m-1's (nothing written then)."""
    ot = sub_tabel.objecttype
    doelen = list(vorige)
    sub = maak(sub_pop, {ot: span})
    sub.schrijver = {k: [(w, np.asarray(mk)[rijen]) for w, mk in schrijvers[m].get(k, [])] for k in doelen}
    voor = {k: len(v) for k, v in sub.schrijver.items()}
    for versie in regel.versies:
        if versie.geldig_op(datum):
            draai(sub, versie)  # NietVectoriseerbaar and errors: the caller's
    cellen: dict[Sleutel, Kolom] = {}
    for k in doelen:
        kol = _op_noemer(sub_tabel.kolommen[k[1]], vorige[k].noemer)
        if kol is None:
            return None
        cellen[k] = DeltaKolom(vorige[k], rijen, kol)
    enige = {k for k in doelen if enige_schrijver(model, regel, k)}
    for k in doelen:  # per writer: month m-1's rows (a writer's masks joined: RS203 skips a rule's own)
        oud = schrijvers[m - 1].get(k, [])[voor_vorige.get(k, 0):]
        nieuw = sub.schrijver.get(k, [])[voor.get(k, 0):]
        volgorde = list(dict.fromkeys([w for w, _ in oud] + [w for w, _ in nieuw]))
        lijst = []
        for w in volgorde:
            maskers = [mk for w2, mk in oud if w2 == w]
            stuk = np.zeros(len(rijen), dtype=bool)
            for w2, mk in nieuw:
                if w2 == w:
                    stuk |= np.asarray(mk, dtype=bool)
            if len(maskers) == 1 and (k in enige or np.array_equal(np.asarray(maskers[0])[rijen], stuk)):
                # the same rows as month m-1 (masks are never written in place); or no other rule writes
                # the attribute, so the record is never compared (RS203 needs two writers): kept as it was
                lijst.append((w, maskers[0]))
                continue
            heel = np.zeros(n, dtype=bool) if not maskers else np.array(maskers[0], dtype=bool)
            for mk in maskers[1:]:
                heel |= np.asarray(mk, dtype=bool)
            heel[rijen] = stuk
            lijst.append((w, heel))
        schrijvers[m].setdefault(k, []).extend(lijst)
    return cellen


def totaal(cellen: list[Kolom], factoren: list[Fraction], lees: Callable[[Kolom], V], limiet: int) -> V | None:
    """`het totaal van` over month cells without writing deltas out: with a_m a month's numerators
    (0 where leeg) and G_m the shares of months m..11 on a common denominator L, the sum is
    a_0 G_0 + sum over m of (a_m - a_(m-1)) G_m, and a_m - a_(m-1) is 0 outside the changed rows
    of a month that is a delta of the month before (a month that is not costs a pass). Leeg when no
    month is filled. None: not applicable (another scale, a value that could overflow int64)."""
    eerste = cellen[0]
    if any(c.noemer != eerste.noemer or c.keuze is not None for c in cellen):
        return None
    heel: dict[int, V] = {}  # the months read whole: the first and those that are no delta
    for m, c in enumerate(cellen):
        if m == 0 or (c is not cellen[m - 1] and verschil(c, cellen[m - 1]) is None):
            v = lees(c)
            if np.asarray(v.w).dtype == object or v.d != eerste.noemer:
                return None
            heel[m] = v
    noemer_l = lcm(*(f.denominator for f in factoren))
    rest = [0] * (len(factoren) + 1)
    for m in range(len(factoren) - 1, -1, -1):
        rest[m] = rest[m + 1] + int(factoren[m] * noemer_l)
    grens = max([vv.grens(v) for v in heel.values() if len(v)]
                + [int(np.abs(np.asarray(c.deel.waarden)).max()) for m, c in enumerate(cellen)
                   if m not in heel and isinstance(c, DeltaKolom) and len(c.rijen)] + [0])
    if (2 * grens + 1) * rest[0] * 2 >= limiet:
        return None
    v0 = heel[0]
    a = _tellers(v0)
    som = a * rest[0]
    kladblok: np.ndarray[Any, np.dtype[np.int64]] | None = None
    ok: Bools | None = None if v0.vol else np.array(v0.ok, dtype=bool)
    for m in range(1, len(cellen)):
        c = cellen[m]
        if m in heel:  # in place, with one scratch array: fresh memory costs a page fault per 4 KB
            v = heel[m]
            if kladblok is None:
                kladblok = np.empty_like(a)
            np.multiply(np.asarray(v.w, dtype=np.int64), np.asarray(v.ok, dtype=bool), out=kladblok)
            np.subtract(kladblok, a, out=a)
            a *= rest[m]
            som += a
            a, kladblok = kladblok, a
            if v.vol:
                ok = None
            elif ok is not None:
                ok |= np.asarray(v.ok, dtype=bool)
        elif c is not cellen[m - 1] and isinstance(c, DeltaKolom) and len(c.rijen):
            r, g = c.rijen, np.asarray(c.deel.geldig, dtype=bool)
            nieuw = np.where(g, np.asarray(c.deel.waarden), 0).astype(np.int64)
            som[r] += (nieuw - a[r]) * rest[m]
            a[r] = nieuw
            if ok is not None:
                ok[r] |= g
    if ok is None:
        return V("getal", som, np.ones(len(som), dtype=bool), eerste.noemer * noemer_l, vol=True)
    return V("getal", som, ok, eerste.noemer * noemer_l)


def _tellers(v: V) -> np.ndarray[Any, np.dtype[np.int64]]:
    """A month's numerators with 0 where leeg, as an array of its own (it is written in place)."""
    w = np.asarray(v.w, dtype=np.int64)
    uit: np.ndarray[Any, np.dtype[np.int64]] = np.array(w) if v.vol else np.multiply(w, np.asarray(v.ok, dtype=bool))
    return uit


def enige_schrijver(model: ir.Model, regel: ir.Regel, doel: Sleutel) -> bool:
    """Whether `regel` is the only rule of `model` that assigns attribute `doel` (objecttype, name)."""
    return _schrijvers_per_doel(model).get(doel, 0) <= 1 and doel in _doelen(regel)


@onthouden
def _doelen(regel: ir.Regel) -> frozenset[Sleutel]:
    return frozenset((res.doel.attribuut.objecttype, res.doel.attribuut.naam.lower()) for v in regel.versies
                     for res in v.resultaten if isinstance(res, ir.Toekenning) and res.doel.attribuut is not None)


@onthouden
def _schrijvers_per_doel(model: ir.Model) -> dict[Sleutel, int]:
    """How many rules assign each attribute (remembered per model)."""
    tel: dict[Sleutel, int] = {}
    for r in model.regels:
        for k in _doelen(r):
            tel[k] = tel.get(k, 0) + 1
    return tel


_RIJ_KNOPEN = (ir.Literal, ir.ParameterRef, ir.VariabeleRef, ir.Onderwerp, ir.AttribuutLezen, ir.Rekenkunde,
               ir.Afronden, ir.Begrenzen, ir.Absoluut, ir.Tijdsduur, ir.DatumPlus, ir.DatumDeel, ir.RekendatumRef,
               ir.ConditieWaarde, ir.Functie, ir.Omrekening, ir.Vergelijk, ir.LeegTest, ir.KenmerkTest,
               ir.Samengesteld)


def per_rij(regel: ir.Regel, perioden: bool = False) -> frozenset[str] | None:
    """The columns of its subject's table `regel` reads or writes, when every version reads only
    the subject's own row (no navigation, no aggregation, no element of a selection) and writes
    attributes of its subject: then a row's result depends on that row's inputs alone. None
    otherwise (cached per rule). `perioden`: bare periods allowed (their bounds read the row too;
    the caller adds the rows whose period starts or ends in a month: periode_grenzen)."""
    return _met_perioden(regel) if perioden else _zonder_perioden(regel)


@onthouden
def _zonder_perioden(regel: ir.Regel) -> frozenset[str] | None:
    return _per_rij(regel, False)


@onthouden
def _met_perioden(regel: ir.Regel) -> frozenset[str] | None:
    return _per_rij(regel, True)


def _per_rij(regel: ir.Regel, perioden: bool) -> frozenset[str] | None:
    onderwerpen = {v.onderwerp for v in regel.versies}
    if len(onderwerpen) != 1:
        return None
    kolommen: set[str] = set()
    for v in regel.versies:
        for res in v.resultaten:
            if not isinstance(res, ir.Toekenning) or res.doel.attribuut is None or res.doel.pad:
                return None
            if res.doel.attribuut.objecttype != v.onderwerp:
                return None
            kolommen.add(res.doel.attribuut.naam.lower())
        for root in roots_of(v):
            for x in walk_expr(root):
                if isinstance(x, ir.Periode) and perioden:
                    continue  # its bounds are walked as nodes of their own
                if not isinstance(x, _RIJ_KNOPEN) or getattr(x, "meervoudig", False):
                    return None
                if isinstance(x, ir.AttribuutLezen):
                    if not isinstance(x.van, ir.Onderwerp):
                        return None
                    kolommen.add(x.attribuut.naam.lower())
                if isinstance(x, ir.KenmerkTest):
                    if not isinstance(x.object, ir.Onderwerp):
                        return None
                    kolommen.add("kenmerk:" + x.kenmerk.naam.lower())
    return frozenset(kolommen)


__all__ = ["DREMPEL", "DeltaKolom", "Span", "als_delta", "deel", "maand", "neem", "per_rij", "totaal", "verschil"]
