"""The vectorised engine: every rule over whole columns at once, exactly.

Same semantics as `interpret.py` (the oracle; a differential test keeps them equal): rules run in
the model's order; each version valid on the rekendatum runs over all objects of its subject's
type as numpy column operations. Feittypen are index arrays; aggregations are per-owner
reductions; conditions are boolean masks. A rule version this engine cannot vectorise yet runs
through the interpreter row by row, and the run says so (`Resultaat.terugval`) — never silently.

>>> from pathlib import Path
>>> import tempfile, datetime
>>> from regelspraak.model.from_syntax import load_model
>>> from regelspraak.evaluate import convert
>>> from regelspraak.evaluate.interpret import Gegevens, Invoer
>>> d = Path(tempfile.mkdtemp()); p = d / "m.rgs"
>>> _ = p.write_text('''Objecttype de Persoon (bezield)
... \\tde leeftijd\\tNumeriek (geheel getal) met eenheid jr;
... \\tis volwassen\\tkenmerk (bijvoeglijk);
... Regel volwassen
... \\tgeldig altijd
... \\t\\tEen Persoon is volwassen indien zijn leeftijd groter of gelijk is aan 18 jr.
... ''', "utf-8")
>>> model, _ = load_model([p])
>>> g = Gegevens(datetime.date(2025, 1, 1), {}, {"a": Invoer("persoon", {"leeftijd": Fraction(20)}, {}),
...     "b": Invoer("persoon", {"leeftijd": Fraction(3)}, {})}, [])
>>> pop = convert.populatie(model, g)
>>> _ = run(model, pop, g.rekendatum, {})
>>> pop.tabellen["persoon"].kolommen["kenmerk:volwassen"].waarden.tolist()
[True, False]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from math import lcm

import numpy as np
import numpy.typing as npt

from regelspraak.evaluate import segments as sg
from regelspraak.evaluate import vector_values as vv
from regelspraak.evaluate.columns import Kolom, Populatie, Tabel
from regelspraak.evaluate.vector_values import Arr, V
from regelspraak.model import ir
from regelspraak.model.order import walk_expr
from regelspraak.values.fouten import Rekenfout

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]


class NietVectoriseerbaar(Exception):
    """This construct has no column implementation yet; the rule falls back to the interpreter."""


class EngineFout(Exception):
    """A rule has no value for some rows (division by zero, conflicting writes, …)."""

    def __init__(self, code: str, bericht: str, regel: ir.Regel) -> None:
        super().__init__(bericht)
        self.code = code
        self.bericht = bericht
        self.regel = regel


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
                 elementen: list[tuple[str, Ints]] | None = None) -> None:
        self.n = n
        self._onderwerp = onderwerp
        self.ouder = ouder
        self.collectie = collectie  # nested frames: row i is element i of this collection
        self._elementen = elementen
        self.variabelen: dict[str, V | S] = {}

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
        if self._onderwerp is None:
            assert self.ouder is not None
            self._onderwerp = self.ouder.onderwerp()[self.eigenaar]
        return self._onderwerp

    def variabele(self, naam: str) -> V | S:
        if naam not in self.variabelen:
            assert self.ouder is not None
            self.variabelen[naam] = _take_owner(self.ouder.variabele(naam), self.eigenaar)
        return self.variabelen[naam]


@dataclass
class Resultaat:
    inconsistent: dict[str, Bools]  # objecttype -> rows violating some consistentieregel
    schendingen: dict[str, int]  # rule name -> number of violating objects
    terugval: dict[str, str]  # rule name -> why it ran through the interpreter


class Engine:
    def __init__(self, model: ir.Model, pop: Populatie, rekendatum: date, parameters: dict[str, ir.Waarde]) -> None:
        self.model = model
        self.pop = pop
        self.rekendatum = rekendatum
        self.parameters = parameters
        self._index: dict[tuple[str, int], sg.Index] = {}
        _vul_aan(model, pop)
        # One identity row array per table: an object vector that *is* it is the table itself in
        # order, so reading its columns needs no gather, and expansions from it can be shared.
        self._ident = {k: np.arange(len(t), dtype=np.int64) for k, t in pop.tabellen.items()}
        self._uitgeklapt: dict[tuple[str, int], tuple[Ints, Ints]] = {}
        self._vast: dict[int, V] = {}  # folded constant subexpressions, by node identity
        self._vast_soort: dict[int, bool] = {}
        self._aantallen_cache: dict[int, tuple[Ints, Ints, int]] = {}
        # Writer per row: rule number * 2**16 + table row (0 for a rule). Versions of one rule never
        # run on the same date, so a different code with a different value is a conflict.
        self.schrijver: dict[tuple[str, str], list[tuple[int, Bools]]] = {}
        self.res = Resultaat({k: np.zeros(len(t), dtype=bool) for k, t in pop.tabellen.items()}, {}, {})

    # ------------------------------------------------------------ running

    def run(self) -> Resultaat:
        for nr, regel in enumerate(self.model.regels):
            for versie in regel.versies:
                if not versie.geldig_op(self.rekendatum):
                    continue
                try:
                    self._versie(nr, regel, versie)
                except NietVectoriseerbaar as e:
                    self.res.terugval[regel.naam] = str(e)
                    self._terugval(regel, versie)
                except Rekenfout as e:
                    raise EngineFout("RS206", f"Regel '{regel.naam}' ({versie.beschrijf()}): {e.bericht}.",
                                     regel) from e
        return self.res

    def _versie(self, nr: int, regel: ir.Regel, versie: ir.Versie) -> None:
        nr = (nr << 16) + (versie.rij or 0)
        tabel = self.pop.tabellen[versie.onderwerp]
        n = len(tabel)
        frame = Frame(n, self._ident[versie.onderwerp])
        for var in versie.variabelen:
            frame.variabelen[var.naam] = self.expr(var.expr, frame)
        for res in versie.resultaten:
            if isinstance(res, ir.Consistentieregel):
                if res.voorwaarde is None:
                    raise NietVectoriseerbaar("uniciteit")
                ok = self.cond(res.voorwaarde, frame)
                bad = ~ok
                self.res.inconsistent[versie.onderwerp] |= bad
                self.res.schendingen[regel.naam] = self.res.schendingen.get(regel.naam, 0) + int(bad.sum())
                continue
            if res.doel.pad:
                raise NietVectoriseerbaar("toekenning via een rol")
            mask = self.cond(res.voorwaarde, frame) if res.voorwaarde is not None else _alle(n)
            if res.doel.kenmerk is not None:
                self._schrijf_kenmerk(nr, regel, tabel, res.doel.kenmerk, mask)
                continue
            assert res.doel.attribuut is not None and res.expr is not None
            attr = res.doel.attribuut
            kol = tabel.kolommen[attr.naam.lower()]
            if res.initialisatie:
                if kol.vol is None:
                    kol.vol = bool(np.all(kol.geldig))
                if kol.vol:
                    continue  # every row already has a value
                mask = mask & ~kol.geldig
            if n == 0 or not mask.any():
                continue
            waarde = self.expr(res.expr, frame)
            if isinstance(waarde, S):
                raise NietVectoriseerbaar("meerdere waarden als uitkomst")
            self._schrijf(nr, regel, versie, tabel, attr, waarde, mask, res.initialisatie)

    def _schrijf_kenmerk(self, nr: int, regel: ir.Regel, tabel: Tabel, km: ir.Kenmerk, mask: Bools) -> None:
        kol = tabel.kolommen["kenmerk:" + km.naam.lower()]
        kol.waarden = np.asarray(kol.waarden, dtype=bool) | mask
        self._noteer(nr, regel, tabel, "kenmerk:" + km.naam.lower(), mask, None)

    def _noteer(self, nr: int, regel: ir.Regel, tabel: Tabel, key: str, mask: Bools,
                verschil: Callable[[], Bools] | None) -> None:
        """Remember which rule wrote which rows; another rule writing a different value to a row is
        RS203. Kept as (writer, mask) pairs: most attributes have one writer, so nothing is compared."""
        eerder = self.schrijver.setdefault((tabel.objecttype, key), [])
        if verschil is not None:
            for ander, m in eerder:
                if ander == nr:
                    continue
                overlap = mask & m
                if overlap.any():
                    botsing = overlap & verschil()
                    if botsing.any():
                        i = int(np.flatnonzero(botsing)[0])
                        raise EngineFout("RS203", f"Tegenstrijdige toekenning aan '{key}' van {tabel.ids[i]}: regel "
                                         f"'{self.model.regels[ander >> 16].naam}' en regel '{regel.naam}' geven "
                                         "verschillende waarden.", regel)
        eerder.append((nr, mask))

    def _schrijf(self, nr: int, regel: ir.Regel, versie: ir.Versie, tabel: Tabel, attr: ir.Attribuut, v: V,
                 mask: Bools, initialisatie: bool = False) -> None:
        kol = tabel.kolommen[attr.naam.lower()]
        if v.fout is not None and (v.fout & mask).any():
            i = int(np.flatnonzero(v.fout & mask)[0])
            raise EngineFout("RS206", f"Regel '{regel.naam}' ({versie.beschrijf()}) voor {tabel.ids[i]}: "
                             "deling door nul of door een lege waarde.", regel)
        t = attr.type
        alles = bool(mask.all())
        leeg = not alles and not bool(np.any(kol.geldig))  # no row has a value yet
        d_schaal = 1  # how the value was rescaled into the column (the bound scales with it)
        if t.is_getal:
            d = int(10**t.decimalen) if t.decimalen is not None else lcm(kol.noemer, v.d)
            w = np.asarray(v.w)
            if d % v.d == 0:
                d_schaal = d // v.d
                nieuw = w if d == v.d else vv._safe_mul(w, d // v.d)
            else:
                d_schaal = 0  # not a plain rescale: no known bound
                num = vv._safe_mul(w, d)
                rest = np.asarray(num % v.d != 0, dtype=bool) & mask & v.ok
                if t.decimalen is not None and rest.any():
                    i = int(np.flatnonzero(rest)[0])
                    raise EngineFout("RS106", f"Regel '{regel.naam}' geeft {tabel.ids[i]} een waarde met meer dan "
                                     f"{t.decimalen} decimalen voor '{attr.naam}'; rond de uitkomst af in de regel.",
                                     regel)
                nieuw = num // v.d
            nieuw = vv._fits(nieuw)

            def oud_en_nieuw() -> tuple[Arr, Arr]:
                # The previous column on the new scale: only needed to merge or to compare.
                oud = np.asarray(kol.waarden)
                if kol.noemer != d:
                    oud = vv._fits(vv._safe_mul(oud, d // kol.noemer))
                if nieuw.dtype != oud.dtype:
                    return oud.astype(object), nieuw.astype(object)
                return oud, nieuw

            def verschil() -> Bools:
                oud, n2 = oud_en_nieuw()
                return (np.asarray(n2 != oud, dtype=bool) & v.ok) | (v.ok != kol.geldig)

            self._noteer(nr, regel, tabel, attr.naam.lower(), mask, None if initialisatie else verschil)
            if alles or leeg:
                # Nothing to keep: rows outside the mask become leeg below, whatever they hold.
                kol.waarden = _eigen(nieuw)
            else:
                oud, n2 = oud_en_nieuw()
                kol.waarden = vv.kies(mask, n2, oud)
                d_schaal = 0
            kol.noemer = d
        else:
            waarden = self._codes(t, v)

            def verschil_c(waarden: Arr = waarden) -> Bools:
                return (np.asarray(waarden != kol.waarden, dtype=bool) & v.ok) | (v.ok != kol.geldig)

            self._noteer(nr, regel, tabel, attr.naam.lower(), mask, None if initialisatie else verschil_c)
            kol.waarden = (_eigen(np.asarray(waarden, dtype=kol.waarden.dtype)) if alles or leeg
                           else np.asarray(vv.kies(mask, waarden, kol.waarden), dtype=kol.waarden.dtype))
        if alles:
            kol.geldig = _eigen(v.ok)
            kol.vol = v.vol
        else:
            kol.geldig = mask & v.ok if leeg else vv.kies(mask, np.asarray(v.ok), kol.geldig)
            kol.vol = bool(np.all(kol.geldig))
        # A plain rescale of the new values keeps their bound; a merge has no known bound.
        kol.grens = v.grens * d_schaal if (alles or leeg) and t.is_getal and v.grens is not None and d_schaal else None

    def _codes(self, t: ir.Type, v: V) -> Arr:
        if t.soort == "enumeratie" and v.soort == "tekst" and isinstance(v.constante, str):
            return np.broadcast_to(np.int16(t.waarden.index(v.constante) if v.constante in t.waarden else 0),
                                   (len(v),))
        if t.soort == "enumeratie" and v.soort == "tekst":
            lookup = {s: i for i, s in enumerate(t.waarden)}
            return np.array([lookup.get(str(s), 0) for s in v.w], dtype=np.int16)
        return v.w

    def _terugval(self, regel: ir.Regel, versie: ir.Versie) -> None:
        """Run one rule version through the interpreter for every object, and write back."""
        from regelspraak.evaluate import convert
        from regelspraak.evaluate.interpret import Gegevens, Interpreter

        objecten = convert.objecten(self.model, self.pop)
        feiten: list[tuple[str, tuple[str, ...]]] = []
        for ft_key, rel in self.pop.relaties.items():
            ft = self.model.feittypen[ft_key]
            t0 = self.pop.tabellen[ft.rollen[0].objecttype]
            t1 = self.pop.tabellen[ft.rollen[-1].objecttype]
            feiten += [(ft_key, (str(t0.ids[a]), str(t1.ids[b]))) for a, b in zip(rel.rijen[0], rel.rijen[1],
                                                                                   strict=True)]
        interp = Interpreter(self.model, Gegevens(self.rekendatum, self.parameters, objecten, feiten))
        for res in versie.resultaten:
            if isinstance(res, ir.Consistentieregel) and res.uniek is not None:
                interp._uniek(regel, versie, res)
                continue
            for inst in interp.per_type.get(versie.onderwerp, []):
                interp._apply(regel, versie, res, inst)
        if interp.fouten:
            raise EngineFout(interp.fouten[0].code, interp.fouten[0].bericht, regel)
        tabel = self.pop.tabellen[versie.onderwerp]
        for res in versie.resultaten:
            if isinstance(res, ir.Consistentieregel):
                bad = {i.object_id for i in interp.inconsistenties if i.regel == regel.naam}
                mask = np.array([str(x) in bad for x in tabel.ids], dtype=bool)
                self.res.inconsistent[versie.onderwerp] |= mask
                self.res.schendingen[regel.naam] = int(mask.sum())
                continue
            from regelspraak.evaluate.convert import kolom

            if res.doel.attribuut is not None:
                a = res.doel.attribuut
                doel_t = self.pop.tabellen[a.objecttype]
                doel_t.kolommen[a.naam.lower()] = kolom(a.type, [interp.instanties[str(i)].waarden.get(
                    a.naam.lower()) for i in doel_t.ids])
            elif res.doel.kenmerk is not None:
                k = res.doel.kenmerk
                doel_t = self.pop.tabellen[k.objecttype]
                vals = [interp.instanties[str(i)].kenmerken.get(k.naam.lower(), False) for i in doel_t.ids]
                doel_t.kolommen["kenmerk:" + k.naam.lower()] = Kolom(np.array(vals, dtype=bool),
                                                                     np.ones(len(vals), dtype=bool))

    # ------------------------------------------------------------ navigation

    def index(self, rol: ir.Rol) -> sg.Index:
        """The CSR index from the other role's objects (or, wederkerig, the same type) to `rol`'s."""
        key = (rol.feittype, rol.index)
        if key not in self._index:
            ft = self.model.feittypen[rol.feittype]
            rel = self.pop.relaties[rol.feittype]
            n_naar = len(self.pop.tabellen[rol.objecttype])
            if ft.wederkerig:
                van = np.concatenate([rel.rijen[0], rel.rijen[1]])
                naar = np.concatenate([rel.rijen[1], rel.rijen[0]])
                n_van = n_naar
            else:
                van, naar = rel.rijen[1 - rol.index], rel.rijen[rol.index]
                n_van = len(self.pop.tabellen[ft.rollen[1 - rol.index].objecttype])
            idx = sg.index(van, naar, n_van, n_naar)
            if idx.doorlopend:  # the shared identity array marks element i as table row i
                idx.doelen = self._ident[rol.objecttype]
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
            aantallen = np.diff(grenzen)
            hit = (grenzen, aantallen, int(aantallen.max()) if len(aantallen) else 0)
            self._aantallen_cache[id(grenzen)] = hit
        return hit[1], hit[2]

    def _scalar(self, v: ir.Waarde, t: ir.Type, n: int) -> V:
        # Literals broadcast without allocating a column: every operation makes a new array anyway.
        ja = np.broadcast_to(np.True_, (n,))
        if v is None:
            return V(_soort(t), np.broadcast_to(np.int64(0), (n,)), np.broadcast_to(np.False_, (n,)), vol=n == 0)
        if isinstance(v, bool):
            return V("bool", np.broadcast_to(np.bool_(v), (n,)), ja, constante=v, vol=True)
        if isinstance(v, Fraction):
            big = abs(v.numerator) >= 2**62
            w = np.broadcast_to(np.array(v.numerator, dtype=object if big else np.int64), (n,))
            return V("getal", w, ja, v.denominator, constante=v, grens=abs(v.numerator), vol=True)
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
            r = self.expr(x, Frame(1, np.zeros(1, dtype=np.int64)), vouw=False)
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
        if isinstance(x, ir.VariabeleRef):
            return f.variabele(x.naam)
        if isinstance(x, ir.Onderwerp):
            if x.meervoudig:
                raise NietVectoriseerbaar("alle objecten van een type")
            rows = f.onderwerp()
            return V("object", rows, _alle(f.n), identiek=rows is self._ident.get(x.type.objecttype or ""), vol=True)
        if isinstance(x, ir.Element):
            if x.diepte == 0 and f.collectie is not None:  # the innermost: no enclosing rows gathered
                ot, rows = f.collectie.objecttype or "", np.asarray(f.collectie.inner.w)
            else:
                ot, rows = f.elementen[-1 - x.diepte]
            return V("object", rows, _alle(f.n), identiek=rows is self._ident.get(ot), vol=True)
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
                identiek = rows is self._ident.get(x.rol.objecttype)
                return S(V("object", rows, _alle(len(rows)), identiek=identiek, vol=True), grenzen, x.rol.objecttype)
            idx = self.index(x.rol)
            if len(idx.eerste) == 0:
                return V("object", np.zeros(f.n, dtype=np.int64), np.zeros(f.n, dtype=bool))
            rows = np.where(van.ok, idx.eerste[np.where(van.ok, van.w, 0)], -1)
            return V("object", np.maximum(rows, 0), rows >= 0)
        if isinstance(x, ir.AttribuutLezen):
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
        if isinstance(x, ir.Aggregeren):
            return self._aggregeer(x, f)
        if isinstance(x, ir.Tijdsduur):
            return vv.tijdsduur(self._v(x.van, f), self._v(x.tot, f), x.eenheid, x.absoluut)
        if isinstance(x, ir.DatumPlus):
            return vv.plus_duur(self._v(x.datum, f), self._v(x.duur, f), x.eenheid, x.teken)
        if isinstance(x, ir.DatumDeel):
            return vv.datumdeel(self._v(x.expr, f), x.deel)
        if isinstance(x, ir.RekendatumRef):
            if x.jaar:
                return self._scalar(Fraction(self.rekendatum.year), x.type, f.n)
            return self._scalar(self.rekendatum, x.type, f.n)
        if isinstance(x, ir.ConditieWaarde):
            return V("bool", self.cond(x.conditie, f), _alle(f.n), vol=True)
        raise NietVectoriseerbaar(type(x).__name__)

    def _v(self, x: ir.Expr, f: Frame) -> V:
        r = self.expr(x, f)
        if isinstance(r, S):
            raise NietVectoriseerbaar("rekenen met meerdere waarden")
        return r

    def _lees(self, kol: Kolom, t: ir.Type, obj: V) -> V:
        if kol.grens is None and t.is_getal:
            kol.grens = vv._maxabs(np.asarray(kol.waarden))
        if obj.identiek:  # the table's own column: no gather, no copy (columns are replaced, never mutated)
            if kol.vol is None:
                kol.vol = bool(np.all(kol.geldig))
            return V(_soort(t), kol.waarden, kol.geldig, kol.noemer, grens=kol.grens, vol=kol.vol)
        n = len(obj)
        if len(kol.waarden) == 0:
            return V(_soort(t), np.zeros(n, dtype=np.int64), np.zeros(n, dtype=bool), kol.noemer, vol=n == 0)
        rows = np.asarray(obj.w) if vv.gevuld(obj) else np.where(obj.ok, obj.w, 0).astype(np.int64)
        ok = kol.geldig[rows] if vv.gevuld(obj) else kol.geldig[rows] & obj.ok
        # A gathered value is one of the column's, so the column's bound holds for it too.
        return V(_soort(t), kol.waarden[rows], ok, kol.noemer, grens=kol.grens,
                 vol=True if kol.vol and vv.gevuld(obj) else None)

    def _reken(self, x: ir.Rekenkunde, f: Frame) -> V:
        a = self._v(x.links, f)
        if x.op in ("gedeeld door", "gedeeld door abs"):
            if not isinstance(x.rechts, ir.Literal | ir.ParameterRef) and not self._is_vast(x.rechts):
                raise NietVectoriseerbaar("deling door een waarde die per object verschilt")
            b = self._v(x.rechts, f)
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
            from regelspraak.evaluate.interpret import _vaste_term

            # Literals and parameters count, but do not make an all-empty sum non-empty.
            gevuld = np.zeros(f.n, dtype=bool)
            totaal: Arr = np.zeros(f.n, dtype=np.int64)
            g = 0
            for e, (v, (w, gw)) in zip(x.lijst, geschaald, strict=True):
                if not _vaste_term(e):
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
                return V("getal", c.ok.astype(np.int64), _alle(f.n), vol=True)
            raise NietVectoriseerbaar("aggregatie over één waarde")
        inner, grenzen = c.inner, c.grenzen
        alles = c.masker is None and vv.gevuld(inner)  # every element counts
        aantallen, idx_meeste = self._aantallen(grenzen)
        if not alles:
            keep = c.houd()
            aantallen = sg.aantal(keep, grenzen)
        if x.soort == "aantal":
            return V("getal", aantallen, _alle(f.n), grens=idx_meeste, vol=True)
        if x.soort == "som" and x.of_nul:
            present = _alle(f.n)
        else:
            present = aantallen > 0
        if x.soort == "som":
            w = np.asarray(inner.w)
            if not alles:
                w = np.where(keep, w, 0)
            if w.dtype != object and not sg.past(vv.grens(inner), idx_meeste):
                w = w.astype(object)
            out = sg.som(w, grenzen)
            return V("getal", out, _alle(f.n) if x.of_nul else present, inner.d, None,
                     grens=vv.grens(inner) * max(idx_meeste, 1), vol=True if x.of_nul else None)
        if x.soort in ("maximum", "laatste", "minimum", "eerste"):
            w = np.asarray(inner.w)
            if w.dtype == object:
                raise NietVectoriseerbaar("maximum over zeer grote getallen")
            out = sg.extreem(w, _alle(len(w)) if alles else keep, grenzen, x.soort in ("maximum", "laatste"))
            return V(inner.soort, out, present, inner.d, grens=inner.grens)
        raise NietVectoriseerbaar(f"aggregatie {x.soort}")

    # ------------------------------------------------------------ conditions

    def _per_element(self, c: ir.Conditie, coll: S, f: Frame) -> Bools:
        """`c` for every element of `coll` (a collection without a partial selection)."""
        sub = Frame(len(coll.inner), None, f, coll)
        hit = self.cond(c, sub)
        return hit if vv.gevuld(coll.inner) else hit & coll.inner.ok

    def cond(self, c: ir.Conditie, f: Frame) -> Bools:
        if isinstance(c, ir.Samengesteld):
            parts = [self.cond(i, f) for i in c.items]
            if c.kwantor == "alle":
                out: Bools | None = None
                for p in parts:
                    if vv.constant(p) and bool(p[0]):
                        continue  # holds for every row: nothing to combine
                    out = p if out is None else out & p
                return out if out is not None else np.ones(f.n, dtype=bool)
            n_true = np.sum(parts, axis=0) if parts else np.zeros(f.n, dtype=np.int64)
            return _telt(c.kwantor, c.aantal, n_true, len(parts))
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
                return ~v if c.ontkend else v
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
            if vv.gevuld(lv):
                return np.full(f.n, c.gevuld, dtype=bool)
            return np.array(lv.ok, dtype=bool) if c.gevuld else ~lv.ok
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
                 ir.Absoluut, ir.DatumDeel, ir.Tijdsduur, ir.DatumPlus, ir.Aggregeren)


def _alle(n: int) -> Bools:
    return np.broadcast_to(np.True_, (n,))


def _comprimeer(coll: S) -> S:
    """The collection with only its kept elements (before a condition is evaluated per element:
    the interpreter never evaluates it for the others, so neither may this engine)."""
    if coll.masker is None:
        return coll
    keep = coll.houd()
    return S(_take(coll.inner, keep), sg.comprimeer(keep, coll.grenzen), coll.objecttype)


def _eigen(a: Arr) -> Arr:
    """`a` as a column of its own: broadcast literals (read-only views) are materialised; fresh
    results are taken as they are (nothing mutates an array after an expression produced it)."""
    if vv.constant(a):
        return np.full(len(a), a[0], dtype=a.dtype)
    return a if a.flags.writeable else np.array(a)


def _vul_aan(model: ir.Model, pop: Populatie) -> None:
    """Give every objecttype a table and every attribute and kenmerk a column: a population
    supplies inputs only, and the rules fill the rest (leeg until a rule writes it)."""
    from regelspraak.evaluate.columns import Relatie

    for key, ot in model.objecttypen.items():
        t = pop.tabellen.setdefault(key, Tabel(key, np.zeros(0, dtype=np.int64)))
        n = len(t)
        for a in ot.attributen.values():
            if a.naam.lower() not in t.kolommen:
                dtype = {"getal": np.int64, "datum": np.int64, "enum": np.int16, "bool": bool}.get(_soort(a.type),
                                                                                                  object)
                noemer = 10**a.type.decimalen if a.type.is_getal and a.type.decimalen is not None else 1
                t.kolommen[a.naam.lower()] = Kolom(np.zeros(n, dtype=dtype), np.zeros(n, dtype=bool), int(noemer))
        for k in ot.kenmerken.values():
            t.kolommen.setdefault("kenmerk:" + k.naam.lower(), Kolom(np.zeros(n, dtype=bool), np.ones(n, dtype=bool)))
    for key in model.feittypen:
        pop.relaties.setdefault(key, Relatie(key, (np.zeros(0, np.int64), np.zeros(0, np.int64))))


def _soort(t: ir.Type) -> str:
    return {"numeriek": "getal", "percentage": "getal", "datum": "datum", "boolean": "bool",
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


def run(model: ir.Model, pop: Populatie, rekendatum: date, parameters: dict[str, ir.Waarde]) -> Resultaat:
    """Evaluate every rule over the population, in place; raises EngineFout on a rule error."""
    return Engine(model, pop, rekendatum, parameters).run()
