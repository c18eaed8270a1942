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
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from math import lcm

import numpy as np
import numpy.typing as npt

from regelspraak.evaluate import vector_values as vv
from regelspraak.evaluate.columns import Kolom, Populatie, Tabel
from regelspraak.evaluate.vector_values import Arr, V
from regelspraak.model import ir
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
    """A collection: element i belongs to frame row `eigenaar[i]`."""

    eigenaar: Ints
    inner: V
    objecttype: str | None = None


@dataclass
class Frame:
    n: int
    onderwerp: Ints  # rows in the subject's table
    elementen: list[tuple[str, Ints]] = field(default_factory=list)
    variabelen: dict[str, V | S] = field(default_factory=dict)


@dataclass
class Resultaat:
    inconsistent: dict[str, Bools]  # objecttype -> rows violating some consistentieregel
    schendingen: dict[str, int]  # rule name -> number of violating objects
    terugval: dict[str, str]  # rule name -> why it ran through the interpreter


@dataclass
class _Csr:
    offsets: Ints
    targets: Ints
    first: Ints  # first target per source row, -1 when none


class Engine:
    def __init__(self, model: ir.Model, pop: Populatie, rekendatum: date, parameters: dict[str, ir.Waarde]) -> None:
        self.model = model
        self.pop = pop
        self.rekendatum = rekendatum
        self.parameters = parameters
        self._csr: dict[tuple[str, int], _Csr] = {}
        _vul_aan(model, pop)
        # One identity row array per table, so expansions from the subject can be shared by rules.
        self._ident = {k: np.arange(len(t), dtype=np.int64) for k, t in pop.tabellen.items()}
        self._uitgeklapt: dict[tuple[str, int, str], tuple[Ints, Ints]] = {}
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
            mask = self.cond(res.voorwaarde, frame) if res.voorwaarde is not None else np.ones(n, dtype=bool)
            if res.doel.kenmerk is not None:
                self._schrijf_kenmerk(nr, regel, tabel, res.doel.kenmerk, mask)
                continue
            assert res.doel.attribuut is not None and res.expr is not None
            attr = res.doel.attribuut
            kol = tabel.kolommen[attr.naam.lower()]
            if res.initialisatie:
                mask = mask & ~kol.geldig
            if not mask.any():
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
            if alles:
                kol.waarden = _eigen(nieuw)
            else:
                oud, n2 = oud_en_nieuw()
                kol.waarden = np.where(mask, n2, oud)
            kol.noemer = d
        else:
            waarden = self._codes(t, v)

            def verschil_c(waarden: Arr = waarden) -> Bools:
                return (np.asarray(waarden != kol.waarden, dtype=bool) & v.ok) | (v.ok != kol.geldig)

            self._noteer(nr, regel, tabel, attr.naam.lower(), mask, None if initialisatie else verschil_c)
            kol.waarden = (_eigen(np.asarray(waarden, dtype=kol.waarden.dtype)) if alles
                           else np.where(mask, waarden, kol.waarden).astype(kol.waarden.dtype))
        kol.geldig = _eigen(v.ok) if alles else np.where(mask, v.ok, kol.geldig)
        kol.vol = v.vol if alles else None
        kol.grens = v.grens * d_schaal if alles and t.is_getal and v.grens is not None and d_schaal else None

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

    def csr(self, rol: ir.Rol) -> _Csr:
        key = (rol.feittype, rol.index)
        if key not in self._csr:
            ft = self.model.feittypen[rol.feittype]
            rel = self.pop.relaties[rol.feittype]
            if ft.wederkerig:
                van = np.concatenate([rel.rijen[0], rel.rijen[1]])
                naar = np.concatenate([rel.rijen[1], rel.rijen[0]])
                n_van = len(self.pop.tabellen[rol.objecttype])
            else:
                van, naar = rel.rijen[1 - rol.index], rel.rijen[rol.index]
                n_van = len(self.pop.tabellen[ft.rollen[1 - rol.index].objecttype])
            order = np.argsort(van, kind="stable")
            counts = np.bincount(van, minlength=n_van).astype(np.int64)
            offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
            targets = naar[order].astype(np.int64)
            first = np.full(n_van, -1, dtype=np.int64)
            has = counts > 0
            first[has] = targets[offsets[:-1][has]]
            self._csr[key] = _Csr(offsets, targets, first)
        return self._csr[key]

    def _expand(self, obj: V, c: _Csr) -> tuple[Ints, Ints]:
        """(owner frame row, target row) for every related object of every frame row."""
        if len(c.offsets) == 1:  # nothing to navigate from: the source table is empty
            leeg = np.zeros(0, dtype=np.int64)
            return leeg, leeg
        rows = np.where(obj.ok, obj.w, 0).astype(np.int64)
        counts = np.where(obj.ok, c.offsets[rows + 1] - c.offsets[rows], 0)
        owner = np.repeat(np.arange(len(rows), dtype=np.int64), counts)
        starts = np.repeat(c.offsets[rows], counts)
        local = np.arange(len(owner), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
        return owner, c.targets[starts + local]

    # ------------------------------------------------------------ expressions

    def _scalar(self, v: ir.Waarde, t: ir.Type, n: int) -> V:
        # Literals broadcast without allocating a column: every operation makes a new array anyway.
        ja = np.broadcast_to(np.True_, (n,))
        if v is None:
            return V(_soort(t), np.broadcast_to(np.int64(0), (n,)), np.broadcast_to(np.False_, (n,)))
        if isinstance(v, bool):
            return V("bool", np.broadcast_to(np.bool_(v), (n,)), ja, constante=v)
        if isinstance(v, Fraction):
            big = abs(v.numerator) >= 2**62
            w = np.broadcast_to(np.array(v.numerator, dtype=object if big else np.int64), (n,))
            return V("getal", w, ja, v.denominator, constante=v, grens=abs(v.numerator), vol=True)
        if isinstance(v, date):
            return V("datum", np.broadcast_to(np.int64(v.toordinal()), (n,)), ja, constante=v)
        if t.soort == "enumeratie" and t.waarden:
            return V("enum", np.broadcast_to(np.int16(t.waarden.index(v)), (n,)), ja, constante=v)
        return V("tekst", np.broadcast_to(np.array(v, dtype=object), (n,)), ja, constante=v)

    def expr(self, x: ir.Expr, f: Frame) -> V | S:
        if isinstance(x, ir.Literal):
            return self._scalar(x.waarde, x.type, f.n)
        if isinstance(x, ir.ParameterRef):
            if x.naam not in self.parameters:
                raise Rekenfout(f"parameter '{x.naam}' heeft geen waarde op {self.rekendatum:%d-%m-%Y}")
            return self._scalar(self.parameters[x.naam], x.type, f.n)
        if isinstance(x, ir.VariabeleRef):
            return f.variabelen[x.naam]
        if isinstance(x, ir.Onderwerp):
            if x.meervoudig:
                raise NietVectoriseerbaar("alle objecten van een type")
            return V("object", f.onderwerp, np.broadcast_to(np.True_, (f.n,)),
                     identiek=f.onderwerp is self._ident.get(x.type.objecttype or ""))
        if isinstance(x, ir.Element):
            _, rows = f.elementen[-1 - x.diepte]
            return V("object", rows, np.ones(f.n, dtype=bool))
        if isinstance(x, ir.Navigatie):
            van = self.expr(x.van, f)
            c = self.csr(x.rol)
            if isinstance(van, S):
                raise NietVectoriseerbaar("navigatie vanuit meerdere objecten")
            if x.meervoudig:
                sleutel = (x.rol.feittype, x.rol.index, x.van.type.objecttype or "")
                if van.identiek and sleutel in self._uitgeklapt:
                    owner, rows = self._uitgeklapt[sleutel]
                else:
                    owner, rows = self._expand(van, c)
                    if van.identiek:
                        self._uitgeklapt[sleutel] = (owner, rows)
                return S(owner, V("object", rows, np.ones(len(rows), dtype=bool)), x.rol.objecttype)
            if len(c.first) == 0:
                return V("object", np.zeros(f.n, dtype=np.int64), np.zeros(f.n, dtype=bool))
            rows = np.where(van.ok, c.first[np.where(van.ok, van.w, 0)], -1)
            return V("object", np.maximum(rows, 0), rows >= 0)
        if isinstance(x, ir.AttribuutLezen):
            van = self.expr(x.van, f)
            kol = self.pop.tabellen[x.attribuut.objecttype].kolommen[x.attribuut.naam.lower()]
            if isinstance(van, S):
                return S(van.eigenaar, self._lees(kol, x.attribuut.type, van.inner), van.objecttype)
            return self._lees(kol, x.attribuut.type, van)
        if isinstance(x, ir.Selectie):
            coll = self.expr(x.collectie, f)
            if not isinstance(coll, S) or coll.objecttype is None:
                raise NietVectoriseerbaar("selectie zonder collectie")
            keep = self._per_element(x.voorwaarde, coll, f)
            return S(coll.eigenaar[keep], _take(coll.inner, keep), coll.objecttype)
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
            return V("bool", self.cond(x.conditie, f), np.ones(f.n, dtype=bool))
        raise NietVectoriseerbaar(type(x).__name__)

    def _v(self, x: ir.Expr, f: Frame) -> V:
        r = self.expr(x, f)
        if isinstance(r, S):
            raise NietVectoriseerbaar("rekenen met meerdere waarden")
        return r

    def _lees(self, kol: Kolom, t: ir.Type, obj: V) -> V:
        if obj.identiek:  # the subject's own column: no gather, no copy (columns are replaced, never mutated)
            if kol.vol is None:
                kol.vol = bool(np.all(kol.geldig))
            if kol.grens is None and t.is_getal:
                kol.grens = vv._maxabs(np.asarray(kol.waarden))
            return V(_soort(t), kol.waarden, kol.geldig, kol.noemer, grens=kol.grens, vol=kol.vol)
        rows = np.where(obj.ok, obj.w, 0).astype(np.int64)
        if len(kol.waarden) == 0:
            return V(_soort(t), np.zeros(len(rows), dtype=np.int64), np.zeros(len(rows), dtype=bool), kol.noemer)
        if kol.grens is None and t.is_getal:
            kol.grens = vv._maxabs(np.asarray(kol.waarden))
        # A gathered value is one of the column's, so the column's bound holds for it too.
        return V(_soort(t), kol.waarden[rows], kol.geldig[rows] & obj.ok, kol.noemer, grens=kol.grens)

    def _reken(self, x: ir.Rekenkunde, f: Frame) -> V:
        a = self._v(x.links, f)
        if x.op in ("gedeeld door", "gedeeld door abs"):
            if not isinstance(x.rechts, ir.Literal | ir.ParameterRef):
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

    def _aggregeer(self, x: ir.Aggregeren, f: Frame) -> V:
        if x.collectie is None:
            items = [_conv(self._v(e, f), x.factoren[i] if x.factoren else Fraction(1)) for i, e in
                     enumerate(x.lijst)]
            owner = np.tile(np.arange(f.n, dtype=np.int64), len(items))
            inner = _concat(items)
            coll = S(owner, inner)
            if x.soort == "som":
                # Literals and parameters count, but do not make an all-empty sum non-empty.
                from regelspraak.evaluate.interpret import _vaste_term

                vast = np.repeat(np.array([_vaste_term(e) for e in x.lijst], dtype=bool), f.n)
                telt = inner.ok & ~vast
                present_lijst = np.bincount(coll.eigenaar[telt], minlength=f.n) > 0
                w = np.asarray(inner.w)
                out = np.zeros(f.n, dtype=object if w.dtype == object else np.int64)
                np.add.at(out, coll.eigenaar[inner.ok], w[inner.ok])
                # "of 0 als die er niet zijn": no attribute value at all gives 0, not the fixed terms.
                out = np.where(present_lijst, out, 0)
                return V("getal", out, np.asarray(present_lijst | x.of_nul, dtype=bool), inner.d, None)
        else:
            c = self.expr(x.collectie, f)
            if not isinstance(c, S):
                if x.soort == "aantal":
                    return V("getal", c.ok.astype(np.int64), np.ones(f.n, dtype=bool))
                raise NietVectoriseerbaar("aggregatie over één waarde")
            coll = c
        inner = coll.inner
        ok = inner.ok
        present = np.bincount(coll.eigenaar[ok], minlength=f.n) > 0
        if x.soort == "aantal":
            return V("getal", np.bincount(coll.eigenaar[ok], minlength=f.n).astype(np.int64),
                     np.ones(f.n, dtype=bool))
        if x.soort == "som":
            w = np.asarray(inner.w)
            if w.dtype != object and len(w) and vv._maxabs(w) * len(w) < 2**53:
                # Every partial sum is an integer below 2**53, so float64 adds it exactly (and fast).
                out = np.rint(np.bincount(coll.eigenaar[ok], weights=w[ok].astype(np.float64),
                                          minlength=f.n)).astype(np.int64)
            else:
                out = np.zeros(f.n, dtype=object if w.dtype == object else np.int64)
                np.add.at(out, coll.eigenaar[ok], w[ok])
            geldig = present | x.of_nul
            return V("getal", out, np.asarray(geldig, dtype=bool), inner.d, None)
        if x.soort in ("maximum", "laatste", "minimum", "eerste"):
            w = np.asarray(inner.w)
            hoog = x.soort in ("maximum", "laatste")
            if w.dtype == object:
                raise NietVectoriseerbaar("maximum over zeer grote getallen")
            sentinel = np.iinfo(np.int64).min if hoog else np.iinfo(np.int64).max
            out = np.full(f.n, sentinel, dtype=np.int64)
            (np.maximum if hoog else np.minimum).at(out, coll.eigenaar[ok], w[ok].astype(np.int64))
            return V(inner.soort, np.where(present, out, 0), present, inner.d)
        raise NietVectoriseerbaar(f"aggregatie {x.soort}")

    # ------------------------------------------------------------ conditions

    def _per_element(self, c: ir.Conditie, coll: S, f: Frame) -> Bools:
        sub = Frame(len(coll.eigenaar), f.onderwerp[coll.eigenaar],
                    [(ot, rows[coll.eigenaar]) for ot, rows in f.elementen] + [(coll.objecttype or "",
                                                                               np.asarray(coll.inner.w))],
                    {k: _take_owner(v, coll.eigenaar) for k, v in f.variabelen.items()})
        return self.cond(c, sub) & coll.inner.ok

    def cond(self, c: ir.Conditie, f: Frame) -> Bools:
        if isinstance(c, ir.Samengesteld):
            parts = [self.cond(i, f) for i in c.items]
            if c.kwantor == "alle":
                return np.logical_and.reduce(parts) if parts else np.ones(f.n, dtype=bool)
            n_true = np.sum(parts, axis=0) if parts else np.zeros(f.n, dtype=np.int64)
            return _telt(c.kwantor, c.aantal, n_true, len(parts))
        if isinstance(c, ir.Gekwantificeerd):
            coll = self.expr(c.collectie, f)
            if not isinstance(coll, S):
                raise NietVectoriseerbaar("kwantor over één object")
            hits = self._per_element(c.voorwaarde, coll, f)
            n_true = np.bincount(coll.eigenaar[hits], minlength=f.n)
            totaal = np.bincount(coll.eigenaar[coll.inner.ok], minlength=f.n)
            return _telt(c.kwantor, c.aantal, n_true, totaal)
        if isinstance(c, ir.KenmerkTest):
            obj = self._v(c.object, f)
            kol = self.pop.tabellen[c.kenmerk.objecttype].kolommen["kenmerk:" + c.kenmerk.naam.lower()]
            rows = np.where(obj.ok, obj.w, 0).astype(np.int64)
            v = np.asarray(kol.waarden[rows], dtype=bool) & obj.ok if len(kol.waarden) else np.zeros(f.n, dtype=bool)
            return np.where(obj.ok, ~v if c.ontkend else v, c.ontkend)
        if isinstance(c, ir.RolTest):
            obj = self._v(c.object, f)
            ft = self.model.feittypen[c.rol.feittype]
            rol = c.rol if c.heeft or ft.wederkerig else ft.rollen[1 - c.rol.index]
            csr = self.csr(rol)
            if len(csr.offsets) == 1:
                return np.full(f.n, c.ontkend, dtype=bool)
            rows = np.where(obj.ok, obj.w, 0).astype(np.int64)
            has = (csr.offsets[rows + 1] - csr.offsets[rows]) > 0
            has = has & obj.ok
            return np.where(obj.ok, ~has if c.ontkend else has, c.ontkend)
        if isinstance(c, ir.LeegTest):
            lv = self._v(c.expr, f)
            return lv.ok.copy() if c.gevuld else ~lv.ok
        links = self._v(c.links, f)
        out = np.zeros(f.n, dtype=bool) if c.op != "ongelijk" else np.ones(f.n, dtype=bool)
        for i, r in enumerate(c.rechts):
            rv = self._v(r, f)
            if c.factoren:
                rv = _conv(rv, c.factoren[i])
            if links.soort == "enum" and rv.soort == "tekst":
                rv = self._enum_codes(c.links, rv)
            hit = vv.vergelijk(c.op, links, rv, c.soort)
            out = out & hit if c.op == "ongelijk" else out | hit
        return out

    def _enum_codes(self, links: ir.Expr, v: V) -> V:
        waarden = links.type.waarden
        lookup = {s: i for i, s in enumerate(waarden)}
        if isinstance(v.constante, str):
            return V("enum", np.broadcast_to(np.int16(lookup.get(v.constante, -1)), (len(v),)), v.ok)
        return V("enum", np.array([lookup.get(str(s), -1) for s in v.w], dtype=np.int16), v.ok)


def _eigen(a: Arr) -> Arr:
    """`a` as a column of its own: broadcast literals (read-only views) are materialised; fresh
    results are taken as they are (nothing mutates an array after an expression produced it)."""
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


def _concat(items: list[V]) -> V:
    d = 1
    for v in items:
        d = lcm(d, v.d)
    ws = [vv._safe_mul(np.asarray(v.w), d // v.d) for v in items]
    dtype = object if any(w.dtype == object for w in ws) else ws[0].dtype
    return V(items[0].soort, np.concatenate([w.astype(dtype) for w in ws]), np.concatenate([v.ok for v in items]), d)


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
