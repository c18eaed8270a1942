"""Expressions and conditions over columns: the half of the vectorised engine that computes values.

A value is a `V` (one entry per row of the current frame); a collection is an `S` (the elements of
every frame row, in owner order). Navigation goes through the CSR index of a feittype
(`segments.py`); aggregations are per-owner running sums. Two things keep the column passes few:
a subexpression that reads no object is computed once and broadcast, and one that reads a single
column with few distinct values (a birth date, an enumeration) is computed once per value and
looked up (`tabulate.py`). What cannot be vectorised raises `NietVectoriseerbaar`; the rule then
runs through the interpreter (see `vectorize.py`).

>>> import numpy as np
>>> s = S(V("object", np.array([4, 5, 6]), np.ones(3, dtype=bool)), np.array([0, 2, 2, 3]))
>>> s.eigenaar.tolist()
[0, 0, 2]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction
from math import lcm

import numpy as np
import numpy.typing as npt

from regelspraak.evaluate import maskers, tabulate, vector_periode
from regelspraak.evaluate import segments as sg
from regelspraak.evaluate import vector_analyse as va
from regelspraak.evaluate import vector_functies as vf
from regelspraak.evaluate import vector_rijen as vr
from regelspraak.evaluate import vector_tijdstip as vt
from regelspraak.evaluate import vector_values as vv
from regelspraak.evaluate.columns import Kolom, Populatie
from regelspraak.evaluate.vector_values import Arr, V
from regelspraak.model import ir
from regelspraak.model.order import walk_expr
from regelspraak.values.dates import milliseconden
from regelspraak.values.fouten import Rekenfout

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]


class NietVectoriseerbaar(Exception):
    """This construct has no column implementation yet; the rule falls back to the interpreter."""


@dataclass
class S:
    """A collection: the elements of frame row i are `inner[grenzen[i]:grenzen[i+1]]` (elements
    in owner order); `masker`, when given, keeps a subset of them without copying."""

    inner: V
    grenzen: Ints
    objecttype: str | None = None
    masker: Bools | None = None
    _eigenaar: Ints | None = None

    @property
    def eigenaar(self) -> Ints:
        if self._eigenaar is None:
            self._eigenaar = sg.eigenaars(self.grenzen)
        return self._eigenaar

    def houd(self) -> Bools:
        """The elements that count: in the selection and not leeg."""
        if self.masker is None:
            return self.inner.ok
        return self.masker if vv.gevuld(self.inner) else self.masker & self.inner.ok


class Frame:
    """The rows a rule is evaluated for: its subject's objects, or (inside a selection or a
    kwantor) the elements of a collection. A nested frame derives what it needs from its parent
    only when read."""

    def __init__(self, n: int, onderwerp: Ints | None, ouder: Frame | None = None, collectie: S | None = None,
                 elementen: list[tuple[str, Ints]] | None = None,
                 definities: dict[str, ir.Expr] | None = None,
                 rekenaar: Callable[[ir.Expr, Frame], V | S] | None = None,
                 tabel: str | None = None, rijen: Callable[[str], Ints] | None = None) -> None:
        self.n = n
        # A rule's frame over all objects of a table, in order: `onderwerp` is that table's row
        # numbers (`rijen(tabel)`), made only when some operation needs them as values.
        self.tabel = tabel
        self._rijen = rijen
        # The rule's variables, computed when first read (as the interpreter does: a variable
        # no result needs is never computed, so it cannot fail).
        self.definities: dict[str, ir.Expr] = (definities if definities is not None
                                                else ouder.definities if ouder is not None else {})
        self.rekenaar = rekenaar
        self._onderwerp = onderwerp
        self.ouder = ouder
        self.collectie = collectie  # nested frames: row i is element i of this collection
        self._elementen = elementen
        self.variabelen: dict[str, V | S] = {}
        # A frame over the distinct values of one column (tabulate.py): reading that attribute of
        # the subject gives these values instead.
        self.vervanging: dict[tuple[str, str], V] | None = None

    @property
    def eigenaar(self) -> Ints:
        """The parent row of each row (nested frames)."""
        assert self.collectie is not None
        return self.collectie.eigenaar

    @property
    def elementen(self) -> list[tuple[str, Ints]]:
        """The current element of every enclosing selection, innermost last."""
        if self._elementen is None:
            assert self.ouder is not None and self.collectie is not None
            self._elementen = [(ot, rows[self.eigenaar]) for ot, rows in self.ouder.elementen] + [
                (self.collectie.objecttype or "", np.asarray(self.collectie.inner.w))]
        return self._elementen

    def onderwerp(self) -> Ints:
        if self._onderwerp is None and self.tabel is not None and self._rijen is not None:
            self._onderwerp = self._rijen(self.tabel)
        if self._onderwerp is None:
            assert self.ouder is not None
            self._onderwerp = self.ouder.onderwerp()[self.eigenaar]
        return self._onderwerp

    def variabele(self, naam: str) -> V | S:
        if naam not in self.variabelen:
            if self.ouder is not None:
                self.variabelen[naam] = _take_owner(self.ouder.variabele(naam), self.eigenaar)
            else:
                assert self.rekenaar is not None
                self.variabelen[naam] = self.rekenaar(self.definities[naam], self)
            v = self.variabelen[naam]
            if isinstance(v, V):
                v.eigen = False  # kept for every later read: no operation may write into it
        return self.variabelen[naam]


class Uitdrukkingen:
    """Evaluates expressions and conditions of one model over one population on one rekendatum."""

    def __init__(self, model: ir.Model, pop: Populatie, rekendatum: date, parameters: dict[str, ir.Waarde]) -> None:
        self.model = model
        self.pop = pop
        self.rekendatum = rekendatum
        self.parameters = parameters
        self._index: dict[tuple[str, int], sg.Index] = {}
        # One identity row array per table: an object vector that *is* it is the table itself in
        # order, so reading its columns needs no gather, and expansions from it can be shared.
        # Made when first needed as values (`rijen`): a per-person model never needs them.
        self._ident: dict[str, Ints] = {}
        # Every array known to hold a table's identity rows, by id (checked by identity): the
        # shared row numbers, and the target rows of a feittype that lists a table's rows in
        # order (persons by household), which are used as they are instead of a second copy.
        self._ident_van: dict[int, tuple[Ints, str]] = {}
        self._uitgeklapt: dict[tuple[str, int], tuple[Ints, Ints]] = {}
        self._vast: dict[int, V] = {}  # folded constant subexpressions, by node identity
        # What the engine learns from the model's trees alone (not from the data) is kept per
        # model, so a second run over another population does not walk the trees again.
        analyse = va.analyse(model)
        self._vast_soort: dict[int, bool] = analyse.vast_soort
        self._aantallen_cache: dict[int, tuple[Ints, Ints, int]] = {}
        self._enkel: dict[int, ir.Attribuut | None] = analyse.enkel
        self._eenmalig = analyse.eenmalig()
        # Shared subexpressions (shared.py): per node its key and columns; per key the result and
        # the write counts of those columns when it was computed.
        self._deel = analyse.deel
        # Only a computation written more than once is remembered: holding every result for the
        # rest of the run would keep a column's worth of memory alive per expression.
        self._herhaald = analyse.herhaald()
        self._resterend = dict(analyse.tellingen)  # per key: how often the model still computes it
        self._gedeeld: dict[tuple[str, int], tuple[tuple[int, ...], V]] = {}
        self.geschreven: dict[tuple[str, str], int] = {}  # column -> how often a rule wrote it
        self._domeinen: dict[tuple[str, str, int], tuple[tuple[object, object], tabulate.Domein | None]] = {}
        self._dagsoort: Callable[[str, object], bool] | None = None  # interpret.DagsoortToets, made when asked

    # ------------------------------------------------------------ navigation

    def rijen(self, tabel: str) -> Ints:
        """The identity row numbers of a table (0..n-1, shared, read-only), made when first asked."""
        hit = self._ident.get(tabel)
        if hit is None:
            hit = self._ident[tabel] = vr.rijnummers(tabel, len(self.pop.tabellen[tabel]))
            self._ident_van[id(hit)] = (hit, tabel)
        return hit

    def is_ident(self, rows: Ints, tabel: str) -> bool:
        """Whether `rows` is an array known to hold the rows of `tabel` in order (no gather needed)."""
        hit = self._ident_van.get(id(rows))
        return hit is not None and hit[0] is rows and hit[1] == tabel

    def _eigen_tabel(self, f: Frame) -> str | None:
        """The table whose own rows, in order, frame `f` is (None: some other rows)."""
        if f.ouder is None and f.tabel is not None and f.tabel in self.pop.tabellen:
            return f.tabel
        hit = self._ident_van.get(id(f.onderwerp()))
        return hit[1] if hit is not None and hit[0] is f.onderwerp() else None

    def index(self, rol: ir.Rol) -> sg.Index:
        """The CSR index from the other role's objects (or, wederkerig, the same type) to `rol`'s."""
        key = (rol.feittype, rol.index)
        if key not in self._index:
            ft = self.model.feittypen[rol.feittype]
            n_naar = len(self.pop.tabellen[rol.objecttype])
            n_van = n_naar if ft.wederkerig else len(self.pop.tabellen[ft.rollen[1 - rol.index].objecttype])
            idx = sg.relatie_index(self.pop.relaties[rol.feittype], rol.index, ft.wederkerig, n_van, n_naar)
            if idx.doorlopend:  # element i is table row i: the target rows are the table's identity
                # (kept as the relation gave them: no second array of row numbers in a first run)
                self._ident_van[id(idx.doelen)] = (idx.doelen, rol.objecttype)
            self._index[key] = idx
        return self._index[key]

    def _uitklappen(self, van: V, rol: ir.Rol) -> tuple[Ints, Ints]:
        """(grenzen, target rows) of the objects related to every frame row; from the subject
        itself this is the index as it is, computed once per run."""
        idx = self.index(rol)
        if van.identiek:
            return idx.grenzen, idx.doelen
        if len(idx.grenzen) == 1:  # nothing to navigate from: the source table is empty
            return np.zeros(len(van) + 1, dtype=np.int64), np.zeros(0, dtype=np.int64)
        return sg.uitklappen(idx, np.asarray(van.w), van.ok)

    # ------------------------------------------------------------ expressions

    def _is_vast(self, x: ir.Expr) -> bool:
        """Whether `x` reads no object: only literals, parameters and the rekendatum, combined
        by arithmetic (so one value serves every row)."""
        hit = self._vast_soort.get(id(x))
        if hit is None:
            hit = isinstance(x, _VAST_SOORTEN) and all(
                isinstance(node, _VAST_SOORTEN) and not (isinstance(node, ir.Aggregeren) and node.collectie is not None)
                for node in walk_expr(x))
            self._vast_soort[id(x)] = hit
        return hit

    def _aantallen(self, grenzen: Ints) -> tuple[Ints, int]:
        """The number of elements of every owner, and the largest (which bounds a sum before it
        is computed); once per collection layout."""
        hit = self._aantallen_cache.get(id(grenzen))
        if hit is None or hit[0] is not grenzen:
            # A collection straight from an index (the subject's members) has its counts there.
            idx = next((i for i in self._index.values() if i.grenzen is grenzen), None)
            if idx is not None:
                hit = (grenzen, idx.aantallen, idx.meeste)
            else:
                aantallen = np.diff(grenzen)
                hit = (grenzen, aantallen, int(aantallen.max()) if len(aantallen) else 0)
            self._aantallen_cache[id(grenzen)] = hit
        return hit[1], hit[2]

    def _scalar(self, v: ir.Waarde, t: ir.Type, n: int) -> V:
        # Literals broadcast without allocating a column: every operation makes a new array anyway.
        ja = np.broadcast_to(np.True_, (n,))
        if v is None:
            return V(soort_van(t), np.broadcast_to(np.int64(0), (n,)), np.broadcast_to(np.False_, (n,)), vol=n == 0)
        if isinstance(v, bool):
            return V("bool", np.broadcast_to(np.bool_(v), (n,)), ja, constante=v, vol=True)
        if isinstance(v, Fraction):
            big = abs(v.numerator) >= 2**62
            w = np.broadcast_to(np.array(v.numerator, dtype=object if big else np.int64), (n,))
            return V("getal", w, ja, v.denominator, constante=v, grens=abs(v.numerator), vol=True)
        if isinstance(v, datetime):  # a Datum en tijd in millisecondes: milliseconds, like its columns
            return V("datum", np.broadcast_to(np.int64(milliseconden(v)), (n,)), ja, constante=v, vol=True)
        if isinstance(v, date):
            return V("datum", np.broadcast_to(np.int64(v.toordinal()), (n,)), ja, constante=v, vol=True)
        if t.soort == "enumeratie" and t.waarden:
            return V("enum", np.broadcast_to(np.int16(t.waarden.index(v)), (n,)), ja, constante=v, vol=True)
        return V("tekst", np.broadcast_to(np.array(v, dtype=object), (n,)), ja, constante=v, vol=True)

    def _constant(self, x: ir.Expr, n: int) -> V:
        """A subexpression that reads no object (literals, parameters, the rekendatum) is
        computed once, on one row, and broadcast: `12 maal het jaar uit de Rekendatum` costs
        nothing per object."""
        een = self._vast.get(id(x))
        if een is None:
            r = self.expr(x, Frame(1, np.zeros(1, dtype=np.int64), rekenaar=self.expr), vouw=False)
            assert isinstance(r, V)
            een = V(r.soort, np.array(r.w), np.array(r.ok, dtype=bool), r.d,
                    None if r.fout is None else np.array(r.fout, dtype=bool))
            self._vast[id(x)] = een
        w = np.broadcast_to(een.w, (n,))
        ok = bool(een.ok[0])
        waarde: object = None
        if ok and een.soort == "getal":
            waarde = Fraction(int(een.w[0]), een.d)
        elif ok and een.soort == "datum":
            waarde = date.fromordinal(int(een.w[0]))
        return V(een.soort, w, np.broadcast_to(een.ok, (n,)), een.d,
                 None if een.fout is None else np.broadcast_to(een.fout, (n,)),
                 constante=waarde, grens=abs(int(een.w[0])) if een.soort == "getal" else None, vol=ok or n == 0)

    def expr(self, x: ir.Expr, f: Frame, vouw: bool = True) -> V | S:
        if isinstance(x, ir.Literal):
            return self._scalar(x.waarde, x.type, f.n)
        if isinstance(x, ir.ParameterRef):
            if x.naam not in self.parameters:
                raise Rekenfout(f"parameter '{x.naam}' heeft geen waarde op {self.rekendatum:%d-%m-%Y}")
            return self._scalar(self.parameters[x.naam], x.type, f.n)
        if vouw and f.n > 0 and self._is_vast(x):
            return self._constant(x, f.n)
        if f.ouder is None and f.vervanging is None and isinstance(x, _BEREKEND):
            return self._gedeeld_of_nieuw(x, f)
        return self._bereken(x, f)

    def _gedeeld_of_nieuw(self, x: ir.Expr, f: Frame) -> V | S:
        """A computation over a table's own rows, remembered while the columns it reads stay as
        they are (shared.py)."""
        k, kolommen = self._deel(x)  # no key (a variable in the tree): computed, not shared
        tabel = self._eigen_tabel(f)
        if k is None or f.n == 0 or tabel is None:
            return self._bereken_groot(x, f)  # not a table's own rows (a one-row constant frame)
        sleutel = (tabel, k)
        stand = tuple(self.geschreven.get(c, 0) for c in kolommen)
        # The model's last occurrence of this computation lets go of it, so its memory serves the
        # next rule instead of staying held until the run ends.
        rest = self._resterend.get(k, 0) - 1
        self._resterend[k] = rest
        hit = self._gedeeld.get(sleutel)
        if hit is not None and hit[0] == stand:
            if rest <= 0:
                del self._gedeeld[sleutel]
            return hit[1]
        r = self._bereken_groot(x, f)
        if isinstance(r, V) and k in self._herhaald and rest > 0:  # kept only while the model computes it again
            r.eigen = False  # read again later: no operation may write into it
            self._gedeeld[sleutel] = (stand, r)
        return r

    def _bereken_groot(self, x: ir.Expr, f: Frame) -> V | S:
        if f.n >= TABULEER_VANAF:
            t = self._tabuleer(x, f)
            if t is not None:
                return t
        return self._bereken(x, f)

    def _bereken(self, x: ir.Expr, f: Frame) -> V | S:
        if isinstance(x, ir.VariabeleRef):
            if f.ouder is None and x.naam not in f.variabelen and id(x) in self._eenmalig:
                # Read once in its rule: computed here and not kept, so the operation that reads
                # it may write into its fresh array.
                return self.expr(f.definities[x.naam], f)
            return f.variabele(x.naam)
        if isinstance(x, ir.Onderwerp):
            if x.meervoudig:
                raise NietVectoriseerbaar("alle objecten van een type")
            if f.tabel is not None and f.tabel == (x.type.objecttype or "") and f._onderwerp is None:
                return vr.VRijen(f.n, lambda: f.onderwerp())  # the subject itself: its rows made only if read
            rows = f.onderwerp()
            return V("object", rows, alle(f.n), identiek=self.is_ident(rows, x.type.objecttype or ""), vol=True)
        if isinstance(x, ir.Element):
            if x.diepte == 0 and f.collectie is not None:  # the innermost: no enclosing rows gathered
                ot, rows = f.collectie.objecttype or "", np.asarray(f.collectie.inner.w)
            else:
                ot, rows = f.elementen[-1 - x.diepte]
            return V("object", rows, alle(f.n), identiek=self.is_ident(rows, ot), vol=True)
        if isinstance(x, ir.Navigatie):
            van = self.expr(x.van, f)
            if isinstance(van, S):
                raise NietVectoriseerbaar("navigatie vanuit meerdere objecten")
            if x.meervoudig:
                sleutel = (x.rol.feittype, x.rol.index)
                if van.identiek and sleutel in self._uitgeklapt:
                    grenzen, rows = self._uitgeklapt[sleutel]
                else:
                    grenzen, rows = self._uitklappen(van, x.rol)
                    if van.identiek:
                        self._uitgeklapt[sleutel] = (grenzen, rows)
                identiek = self.is_ident(rows, x.rol.objecttype)
                return S(V("object", rows, alle(len(rows)), identiek=identiek, vol=True), grenzen, x.rol.objecttype)
            idx = self.index(x.rol)
            if len(idx.eerste) == 0:
                return V("object", np.zeros(f.n, dtype=np.int64), np.zeros(f.n, dtype=bool))
            rows = np.where(van.ok, idx.eerste[np.where(van.ok, van.w, 0)], -1)
            return V("object", np.maximum(rows, 0), rows >= 0)
        if isinstance(x, ir.AttribuutLezen):
            if f.vervanging is not None and isinstance(x.van, ir.Onderwerp):
                return f.vervanging[(x.attribuut.objecttype, x.attribuut.naam.lower())]
            van = self.expr(x.van, f)
            kol = self.pop.tabellen[x.attribuut.objecttype].kolommen[x.attribuut.naam.lower()]
            if isinstance(van, S):
                return S(self._lees(kol, x.attribuut.type, van.inner), van.grenzen, van.objecttype, van.masker)
            return self._lees(kol, x.attribuut.type, van)
        if isinstance(x, ir.Selectie):
            coll = self.expr(x.collectie, f)
            if not isinstance(coll, S) or coll.objecttype is None:
                raise NietVectoriseerbaar("selectie zonder collectie")
            coll = _comprimeer(coll)
            keep = self._per_element(x.voorwaarde, coll, f)
            return S(coll.inner, coll.grenzen, coll.objecttype, keep)
        if isinstance(x, ir.Rekenkunde):
            return self._reken(x, f)
        if isinstance(x, ir.Afronden):
            return vv.afronden(self._v(x.expr, f), x.modus.value, x.decimalen)
        if isinstance(x, ir.Begrenzen):
            lo = _conv(self._v(x.minimum, f), x.factor_minimum) if x.minimum is not None else None
            hi = _conv(self._v(x.maximum, f), x.factor_maximum) if x.maximum is not None else None
            return vv.begrens(self._v(x.expr, f), lo, hi)
        if isinstance(x, ir.Absoluut):
            return vv.absoluut(self._v(x.expr, f))
        if isinstance(x, ir.Omrekening):  # "… per maand" (taal.md §11): the exact unit factor
            return _conv(self._v(x.expr, f), x.factor)
        if isinstance(x, ir.Aggregeren):
            return self._aggregeer(x, f)
        if isinstance(x, ir.Tijdsduur):
            if x.van.type.soort == "datumtijd":
                return vt.tijdsduur(self._v(x.van, f), self._v(x.tot, f), x.eenheid, x.absoluut)
            return vv.tijdsduur(self._v(x.van, f), self._v(x.tot, f), x.eenheid, x.absoluut)
        if isinstance(x, ir.DatumPlus):
            if x.type.soort == "datumtijd":
                return vt.plus_tijd(self._v(x.datum, f), self._v(x.duur, f), x.eenheid, x.teken)
            return vv.plus_duur(self._v(x.datum, f), self._v(x.duur, f), x.eenheid, x.teken)
        if isinstance(x, ir.DatumDeel):
            if x.expr.type.soort == "datumtijd":
                return vt.datumdeel(self._v(x.expr, f), x.deel)
            return vv.datumdeel(self._v(x.expr, f), x.deel)
        if isinstance(x, ir.RekendatumRef):
            if x.jaar:
                return self._scalar(Fraction(self.rekendatum.year), x.type, f.n)
            return self._scalar(self.rekendatum, x.type, f.n)
        if isinstance(x, ir.ConditieWaarde):
            return V("bool", self.cond(x.conditie, f), alle(f.n), vol=True)
        if isinstance(x, ir.Functie) and (x.naam in ("wortel", "macht", "datum_met", "paasdag", "tekst")
                                          or x.naam.startswith("eerste_dag")):  # `de eerste dag van de maand …`
            args = [self._v(a, f) for a in x.args]
            return vf.functie(x.naam, args, [a.type for a in x.args], x.type, x.afronding, x.decimalen, f.n)
        if isinstance(x, ir.TijdFunctie) and (tv := vector_periode.totaal(self, x, f)) is not None:
            return tv  # `het totaal van` a timeline on the period axis: the sum of its month cells
        raise NietVectoriseerbaar(type(x).__name__)

    def _controle(self, c: ir.Controle, f: Frame) -> Bools:
        """The elfproef, the digit check and the Dagsoort test (taal.md §11), per distinct value."""
        v = self._v(c.expr, f)
        if c.soort != "dagsoort":
            return vf.controle(v, c.expr.type, c.soort, c.aantal, c.ontkend)
        if self._dagsoort is None:
            from regelspraak.evaluate.interpret import DagsoortToets

            self._dagsoort = DagsoortToets(self.model, self.rekendatum, self.parameters)
        toets = self._dagsoort
        key = c.dagsoort or ""
        return vf.dagsoort(v, c.expr.type, lambda dag: toets(key, dag), c.ontkend)

    def _over_domein(self, x: ir.Expr | ir.Conditie, f: Frame) -> tuple[Frame, tabulate.Domein] | None:
        """A frame over the distinct values of the one column `x` reads (tabulate.py), or None
        when `x` is not of that kind or the column has too many distinct values."""
        if id(x) not in self._enkel:
            soort = isinstance(x, _BEREKEND) or isinstance(x, ir.Vergelijk | ir.Samengesteld)
            self._enkel[id(x)] = tabulate.enkele_kolom(x, f.definities) if soort else None
        attr = self._enkel[id(x)]
        if attr is None or self._eigen_tabel(f) != attr.objecttype:
            return None
        sleutel = (attr.objecttype, attr.naam.lower())
        kol = self.pop.tabellen[attr.objecttype].kolommen[sleutel[1]]
        # By size too: a month engine shares this cache with the run (vector_periode), and a month's
        # few changed rows (vector_delta) must not push out the whole table's range.
        plek = (*sleutel, f.n)
        hit = self._domeinen.get(plek)
        if hit is None or hit[0][0] is not kol.waarden or hit[0][1] is not kol.geldig:
            hit = ((kol.waarden, kol.geldig), tabulate.domein(kol, f.n))
            self._domeinen[plek] = hit
        dom = hit[1]
        if dom is None:
            return None
        sub = Frame(len(dom.waarden), None, definities=f.definities, rekenaar=self.expr)
        sub.vervanging = {sleutel: V(soort_van(attr.type), dom.waarden, dom.geldig, kol.noemer,
                                     grens=vv._maxabs(dom.waarden), vol=bool(dom.geldig.all()))}
        return sub, dom

    def _per_waarde(self, x: ir.Expr | ir.Conditie, f: Frame,
                    bereken: Callable[[Frame], object]) -> tuple[object, tabulate.Domein] | None:
        """`bereken` over a frame of the distinct values of the one column `x` reads, or None."""
        domein = self._over_domein(x, f)
        if domein is None:
            return None
        sub, dom = domein
        try:
            return bereken(sub), dom
        except Rekenfout:
            return None  # maybe only for a value no row has: the rows decide, evaluated directly

    def _tabuleer(self, x: ir.Expr, f: Frame) -> V | None:
        """`x` computed once per distinct value of the one column it reads, then looked up per row."""
        uit = self._per_waarde(x, f, lambda sub: self.expr(x, sub))
        if uit is None or not isinstance(uit[0], V):
            return None
        r, dom = uit[0], uit[1]
        ok = alle(f.n) if vv.gevuld(r) else np.asarray(r.ok)[dom.plek]
        fout = None if r.fout is None or not r.fout.any() else r.fout[dom.plek]
        return V(r.soort, np.asarray(r.w)[dom.plek], ok, r.d, fout, grens=r.grens, vol=True if vv.gevuld(r) else None)

    def _tabuleer_conditie(self, c: ir.Conditie, f: Frame) -> Bools | None:
        """The same for a condition: one Boolean per distinct value, looked up per row (one
        read-only broadcast Boolean when the column holds one value: `tabulate.opzoeken_bool`)."""
        uit = self._per_waarde(c, f, lambda sub: self.cond(c, sub))
        return None if uit is None else tabulate.opzoeken_bool(np.asarray(uit[0], dtype=bool), uit[1])

    def _v(self, x: ir.Expr, f: Frame) -> V:
        r = self.expr(x, f)
        if isinstance(r, S):
            raise NietVectoriseerbaar("rekenen met meerdere waarden")
        return r

    def _lees(self, kol: Kolom, t: ir.Type, obj: V) -> V:
        # A column's bound is scanned only when an operation needs it (vv.grens), and then kept
        # in the column (`bron`); a comparison or a merge never needs it.
        if obj.identiek:  # the table's own column: no gather, no copy (columns are replaced, never mutated)
            if kol.constante is not None and kol.is_vol():  # one value for every row: a broadcast scalar
                w1 = np.broadcast_to(np.array(kol.constante, dtype=kol.waarden.dtype), (len(kol.waarden),))
                waarde = Fraction(kol.constante, kol.noemer) if t.is_getal else None
                return V(soort_van(t), w1, kol.geldig, kol.noemer, constante=waarde, grens=abs(kol.constante), vol=True)
            if kol.keuze is not None and t.is_getal:  # one of two values per row: kept as the two values
                return vv.VKeuze("getal", kol.keuze, kol.geldig, kol.noemer, vol=kol.is_vol(), kolom=kol)
            return V(soort_van(t), kol.waarden, kol.geldig, kol.noemer, grens=kol.grens, vol=kol.is_vol(), bron=kol)
        n = len(obj)
        if len(kol.waarden) == 0:
            return V(soort_van(t), np.zeros(n, dtype=np.int64), np.zeros(n, dtype=bool), kol.noemer, vol=n == 0)
        rows = np.asarray(obj.w) if vv.gevuld(obj) else np.where(obj.ok, obj.w, 0).astype(np.int64)
        ok = kol.geldig[rows] if vv.gevuld(obj) else kol.geldig[rows] & obj.ok
        # A gathered value is one of the column's, so the column's bound holds for it too.
        return V(soort_van(t), kol.waarden[rows], ok, kol.noemer, grens=kol.grens,
                 vol=True if kol.vol and vv.gevuld(obj) else None)

    def _reken(self, x: ir.Rekenkunde, f: Frame) -> V:
        a = self._v(x.links, f)
        if x.op in ("gedeeld door", "gedeeld door abs"):
            vast = isinstance(x.rechts, ir.Literal | ir.ParameterRef) or self._is_vast(x.rechts)
            b = self._v(x.rechts, f)
            # A divisor read from objects that has one value in every row (an ijkpunt every
            # household of the batch shares) divides like a constant: exactly the same result.
            if not vast and not (len(b) and vv.gevuld(b) and bool(np.all(b.w == b.w[0]))):
                r = _deel_per_rij(a, b)  # few distinct divisors: exact over the columns (vector_deling.py)
                return _conv(r if x.op == "gedeeld door" else vv.afronden(r, "richting nul", 5), x.factor_links)
            if len(b) and not b.ok[0]:
                raise Rekenfout("deling door een lege waarde")
            teller = int(b.w[0]) if len(b) else 1
            r = vv.gedeeld_door_scalar(a, teller, b.d)
            if x.op == "gedeeld door abs":
                r = vv.afronden(r, "richting nul", 5)
            return _conv(r, x.factor_links)
        b = self._v(x.rechts, f)
        if x.op in ("plus", "min"):
            return vv.plus(a, _conv(b, x.factor_rechts), 1 if x.op == "plus" else -1)
        if x.op == "verminderd met":
            return vv.verminderd_met(a, _conv(b, x.factor_rechts))
        if x.op == "procent van":
            return vv.maal(a, b, 100)
        return _conv(vv.maal(a, b), x.factor_links)

    def _lijst(self, x: ir.Aggregeren, f: Frame) -> V:
        """An aggregation over a written list (`de som van A, B en 100 €`): row-wise, per item."""
        items = [_conv(self._v(e, f), x.factoren[i] if x.factoren else Fraction(1)) for i, e in enumerate(x.lijst)]
        d = 1
        for v in items:
            d = lcm(d, v.d)
        geschaald = [(v, vv._schaal(v, d // v.d)) for v in items]
        if x.soort == "som":
            from regelspraak.evaluate.interpret import vaste_term

            # Literals and parameters count, but do not make an all-empty sum non-empty.
            gevuld = np.zeros(f.n, dtype=bool)
            totaal: Arr = np.zeros(f.n, dtype=np.int64)
            g = 0
            for e, (v, (w, gw)) in zip(x.lijst, geschaald, strict=True):
                if not vaste_term(e):
                    gevuld = gevuld | v.ok
                g += gw
                if w.dtype == object or totaal.dtype == object or g >= vv._LIMIET:
                    totaal = totaal.astype(object)
                totaal = totaal + (w if vv.gevuld(v) else np.where(v.ok, w, 0))
            # "of 0 als die er niet zijn": no attribute value at all gives 0, not the fixed terms.
            totaal = np.where(gevuld, totaal, 0)
            return V("getal", totaal, np.asarray(gevuld | x.of_nul, dtype=bool), d, None)
        if x.soort == "aantal":
            raise NietVectoriseerbaar("aantal van een lijst")
        hoog = x.soort in ("maximum", "laatste")
        kies = np.maximum if hoog else np.minimum
        uit: Arr = np.zeros(f.n, dtype=np.int64)
        ok = np.zeros(f.n, dtype=bool)
        for v, (w, _) in geschaald:
            if w.dtype == object:
                raise NietVectoriseerbaar("maximum over zeer grote getallen")
            uit = np.where(v.ok, np.where(ok, kies(uit, w), w), uit)
            ok = ok | v.ok
        return V(items[0].soort if items else "getal", uit, ok, d)

    def _aggregeer(self, x: ir.Aggregeren, f: Frame) -> V:
        if x.collectie is None:
            return self._lijst(x, f)
        c = self.expr(x.collectie, f)
        if not isinstance(c, S):
            if x.soort == "aantal":
                return V("getal", c.ok.astype(np.int64), alle(f.n), vol=True)
            raise NietVectoriseerbaar("aggregatie over één waarde")
        inner, grenzen = c.inner, c.grenzen
        alles = c.masker is None and vv.gevuld(inner)  # every element counts
        aantallen, idx_meeste = self._aantallen(grenzen)
        keep = alle(len(inner)) if alles else c.houd()
        if not alles and vv.constant(keep):  # one answer for every element (a kenmerk nobody has)
            alles = bool(keep[0])
            if not alles:
                aantallen, idx_meeste = np.broadcast_to(np.int64(0), (f.n,)), 0  # no column for zeros
        elif not alles and (x.soort != "som" or not x.of_nul):  # counted only when the result needs it
            aantallen = sg.aantal(keep, grenzen)
        if x.soort == "aantal":
            return V("getal", aantallen, alle(f.n), grens=idx_meeste, vol=True)
        if x.soort == "som":
            w = np.asarray(inner.w)
            if w.dtype != object and not sg.past(vv.grens(inner), idx_meeste):
                w = w.astype(object)
            # the others count as 0: masked by `som` into its running sum (no column of its own)
            out = sg.som(w, grenzen, None if alles else keep)
            return V("getal", out, alle(f.n) if x.of_nul else aantallen > 0, inner.d, None,
                     grens=vv.grens(inner) * max(idx_meeste, 1), vol=True if x.of_nul else None)
        if x.soort in ("maximum", "laatste", "minimum", "eerste"):
            w = np.asarray(inner.w)
            if w.dtype == object:
                raise NietVectoriseerbaar("maximum over zeer grote getallen")
            out = sg.extreem(w, keep, grenzen, x.soort in ("maximum", "laatste"))
            return V(inner.soort, out, aantallen > 0, inner.d, grens=inner.grens)
        raise NietVectoriseerbaar(f"aggregatie {x.soort}")

    # ------------------------------------------------------------ conditions

    def _per_element(self, c: ir.Conditie, coll: S, f: Frame) -> Bools:
        """`c` for every element of `coll` (a collection without a partial selection)."""
        sub = Frame(len(coll.inner), None, f, coll)
        hit = self.cond(c, sub)
        return hit if vv.gevuld(coll.inner) else hit & coll.inner.ok

    def cond(self, c: ir.Conditie, f: Frame) -> Bools:
        if f.ouder is None and f.vervanging is None and f.n >= TABULEER_VANAF:
            t = self._tabuleer_conditie(c, f)
            if t is not None:
                return t
        if isinstance(c, ir.Samengesteld):
            parts = [self.cond(i, f) for i in c.items]
            if c.kwantor == "alle":
                out: Bools | None = None
                vers = False  # whether `out` is a mask made here (then the next part goes into it)
                # A comparison is a fresh mask: the others are combined into the first one.
                eerst = next((i for i, item in enumerate(c.items) if isinstance(item, ir.Vergelijk)
                              and not maskers.constant(parts[i])), 0)
                for i in [eerst, *(i for i in range(len(parts)) if i != eerst)]:
                    p = parts[i]
                    if maskers.is_vol(p):
                        continue  # holds for every row: nothing to combine
                    if out is None:
                        out = p
                        vers = (isinstance(c.items[i], ir.Vergelijk) and not maskers.constant(p)
                                and p.flags.writeable)
                    elif vers:
                        np.logical_and(out, p, out=out)
                    else:
                        nieuw = maskers.en(out, p)
                        vers, out = nieuw is not out and nieuw is not p, nieuw
                return out if out is not None else maskers.vol(f.n)
            if c.kwantor in ("ten_minste", "geen") and (c.aantal or 1) == 1:
                een = np.zeros(f.n, dtype=bool)  # at least one: an OR, no counting
                for p in parts:
                    een = een | p
                return een if c.kwantor == "ten_minste" else ~een
            telling = np.zeros(f.n, dtype=np.int64)
            for p in parts:
                telling += p
            return _telt(c.kwantor, c.aantal, telling, len(parts))
        if isinstance(c, ir.Gekwantificeerd):
            coll = self.expr(c.collectie, f)
            if not isinstance(coll, S):
                raise NietVectoriseerbaar("kwantor over één object")
            coll = _comprimeer(coll)
            hits = self._per_element(c.voorwaarde, coll, f)
            n_true = sg.aantal(hits, coll.grenzen)
            totaal = self._aantallen(coll.grenzen)[0] if vv.gevuld(coll.inner) else sg.aantal(coll.inner.ok,
                                                                                             coll.grenzen)
            return _telt(c.kwantor, c.aantal, n_true, totaal)
        if isinstance(c, ir.KenmerkTest):
            obj = self._v(c.object, f)
            kol = self.pop.tabellen[c.kenmerk.objecttype].kolommen["kenmerk:" + c.kenmerk.naam.lower()]
            if obj.identiek:
                v = np.asarray(kol.waarden, dtype=bool)
                return maskers.niet(v) if c.ontkend else v
            rows = np.where(obj.ok, obj.w, 0).astype(np.int64)
            v = np.asarray(kol.waarden[rows], dtype=bool) & obj.ok if len(kol.waarden) else np.zeros(f.n, dtype=bool)
            return np.where(obj.ok, ~v if c.ontkend else v, c.ontkend)
        if isinstance(c, ir.RolTest):
            obj = self._v(c.object, f)
            ft = self.model.feittypen[c.rol.feittype]
            rol = c.rol if c.heeft or ft.wederkerig else ft.rollen[1 - c.rol.index]
            idx = self.index(rol)
            if len(idx.grenzen) == 1:
                return np.full(f.n, c.ontkend, dtype=bool)
            if obj.identiek:
                has = idx.aantallen > 0
                return ~has if c.ontkend else has
            rows = np.where(obj.ok, obj.w, 0).astype(np.int64)
            has = (idx.aantallen[rows] > 0) & obj.ok
            return np.where(obj.ok, ~has if c.ontkend else has, c.ontkend)
        if isinstance(c, ir.LeegTest):
            lv = self._v(c.expr, f)
            if vv.gevuld(lv):  # every row filled: the shared all-True column, or zeros (untouched pages)
                return maskers.vol(f.n) if c.gevuld else np.zeros(f.n, dtype=bool)
            # masks are never changed in place, so the validity itself is the answer (was a copy)
            return maskers.eigen(np.asarray(lv.ok, dtype=bool)) if c.gevuld else maskers.niet(lv.ok)
        if isinstance(c, ir.Controle) and c.soort in ("elfproef", "numeriek", "dagsoort"):
            return self._controle(c, f)
        if not isinstance(c, ir.Vergelijk):  # regelversie gevuurd/inconsistent: through the interpreter
            raise NietVectoriseerbaar(type(c).__name__)
        links = self._v(c.links, f)
        uit: Bools | None = None
        for i, r in enumerate(c.rechts):
            rv = self._v(r, f)
            if c.factoren:
                rv = _conv(rv, c.factoren[i])
            if links.soort == "enum" and rv.soort == "tekst":
                rv = self._enum_codes(c.links, rv)
            hit = vv.vergelijk(c.op, links, rv, c.soort)
            uit = hit if uit is None else (uit & hit if c.op == "ongelijk" else uit | hit)
        return uit if uit is not None else np.full(f.n, c.op == "ongelijk", dtype=bool)

    def _enum_codes(self, links: ir.Expr, v: V) -> V:
        waarden = links.type.waarden
        lookup = {s: i for i, s in enumerate(waarden)}
        if isinstance(v.constante, str):
            return V("enum", np.broadcast_to(np.int16(lookup.get(v.constante, -1)), (len(v),)), v.ok, vol=v.vol)
        return V("enum", np.array([lookup.get(str(s), -1) for s in v.w], dtype=np.int16), v.ok, vol=v.vol)


_VAST_SOORTEN = (ir.Literal, ir.ParameterRef, ir.RekendatumRef, ir.Rekenkunde, ir.Afronden, ir.Begrenzen,
                 ir.Absoluut, ir.DatumDeel, ir.Tijdsduur, ir.DatumPlus, ir.Aggregeren, ir.Functie)


# Tabulating pays only when a column has far more rows than distinct values (tests lower this).
TABULEER_VANAF = 4096
_BEREKEND = va.BEREKEND


def alle(n: int) -> Bools:
    """All rows True, as a read-only broadcast."""
    return vv._alle(n)


def _comprimeer(coll: S) -> S:
    """The collection with only its kept elements (before a condition is evaluated per element:
    the interpreter never evaluates it for the others, so neither may this engine)."""
    if coll.masker is None:
        return coll
    keep = coll.houd()
    return S(_take(coll.inner, keep), sg.comprimeer(keep, coll.grenzen), coll.objecttype)


def soort_van(t: ir.Type) -> str:
    return {"numeriek": "getal", "percentage": "getal", "datum": "datum", "datumtijd": "datum", "boolean": "bool",
            "enumeratie": "enum", "object": "object"}.get(t.soort, "tekst")


def _conv(v: V, factor: Fraction) -> V:
    if factor == 1:
        return v
    return vv.vermenigvuldig_scalar(v, factor.numerator, factor.denominator)


def _take(v: V, keep: Bools) -> V:
    return V(v.soort, np.asarray(v.w)[keep], v.ok[keep], v.d, v.fout[keep] if v.fout is not None else None)


def _take_owner(v: V | S, owner: Ints) -> V | S:
    if isinstance(v, S):
        raise NietVectoriseerbaar("variabele met meerdere waarden in een selectie")
    return V(v.soort, np.asarray(v.w)[owner], v.ok[owner], v.d, v.fout[owner] if v.fout is not None else None)


def _telt(kwantor: str, aantal: int | None, n_true: Arr, totaal: Arr | int) -> Bools:
    if kwantor == "alle":
        return np.asarray(n_true == totaal, dtype=bool)
    if kwantor == "geen":
        return np.asarray(n_true == 0, dtype=bool)
    if kwantor == "ten_minste":
        return np.asarray(n_true >= (aantal or 1), dtype=bool)
    if kwantor == "ten_hoogste":
        return np.asarray(n_true <= (aantal or 0), dtype=bool)
    return np.asarray(n_true == aantal, dtype=bool)


def _deel_per_rij(a: V, b: V) -> V:
    """`a gedeeld door b` with `b` per row (vector_deling.py), or NietVectoriseerbaar saying why."""
    from regelspraak.evaluate import vector_deling

    try:
        return vector_deling.deel(a, b)
    except vector_deling.GeenKolomdeling as e:
        raise NietVectoriseerbaar(str(e)) from e
