"""The vectorised engine: every rule over whole columns at once, exactly.

Same semantics as `interpret.py` (the oracle; a differential test keeps them equal): rules run in
the model's order; each version valid on the rekendatum runs over all objects of its subject's
type as numpy column operations. Feittypen are index arrays; aggregations are per-owner
reductions; conditions are boolean masks. A rule version this engine cannot vectorise yet runs
through the interpreter row by row, and the run says so (`Resultaat.terugval`) — never silently.

>>> from pathlib import Path
>>> import tempfile, datetime
>>> from fractions import Fraction
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
from math import lcm
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from regelspraak.evaluate import maskers, vector_periode, vector_tijd
from regelspraak.evaluate import vector_stukken as vs
from regelspraak.evaluate import vector_values as vv
from regelspraak.evaluate.columns import Keuze, Kolom, Populatie, Tabel
from regelspraak.evaluate.per_regel import onthouden
from regelspraak.evaluate.vector_expr import (
    TABULEER_VANAF,
    Frame,
    NietVectoriseerbaar,
    S,
    Uitdrukkingen,
    alle,
    soort_van,
)
from regelspraak.evaluate.vector_values import Arr, V
from regelspraak.model import ir
from regelspraak.values.fouten import Rekenfout

if TYPE_CHECKING:
    from regelspraak.evaluate.interpret import Interpreter

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

# A rule's value is computed on the rows where its condition holds only, when they are fewer than
# one in DUN_DEEL of a table of at least DUN_VANAF rows (`Engine._dun`).
DUN_VANAF = 4096
DUN_DEEL = 8


class EngineFout(Exception):
    """A rule has no value for some rows (division by zero, conflicting writes, …)."""

    def __init__(self, code: str, bericht: str, regel: ir.Regel) -> None:
        super().__init__(bericht)
        self.code = code
        self.bericht = bericht
        self.regel = regel

    def __reduce__(self) -> tuple[type[EngineFout], tuple[str, str, ir.Regel]]:
        # by its three parts, so it survives the trip back from a worker process (analyses/kernen.py)
        return (EngineFout, (self.code, self.bericht, self.regel))


@dataclass
class Resultaat:
    inconsistent: dict[str, Bools]  # objecttype -> rows violating some consistentieregel
    schendingen: dict[str, int]  # rule name -> number of violating objects
    terugval: dict[str, str]  # rule name -> why it ran through the interpreter


class Engine(Uitdrukkingen):
    """Runs every rule of the model in order, writing its results into the population's columns."""

    def __init__(self, model: ir.Model, pop: Populatie, rekendatum: date, parameters: dict[str, ir.Waarde]) -> None:
        _vul_aan(model, pop)
        super().__init__(model, pop, rekendatum, parameters)
        # Writer per row: rule number * 2**16 + table row (0 for a rule). Versions of one rule never
        # run on the same date, so a different code with a different value is a conflict.
        self.schrijver: dict[tuple[str, str], list[tuple[int, Bools]]] = {}
        self.res = Resultaat({k: np.zeros(len(t), dtype=bool) for k, t in pop.tabellen.items()}, {}, {})

    # ------------------------------------------------------------ running

    def run(self) -> Resultaat:
        tijdlijn = _plan(self.model).tijdlijn
        vector_periode.jaar_vast(self.pop, self.rekendatum.year)  # month columns of a population file
        for nr, regel in enumerate(self.model.regels):
            if nr in tijdlijn and vector_periode.probeer(self, nr, regel):
                continue  # on the period axis: twelve month columns (taal.md §11)
            if nr in tijdlijn:  # per knip stretch, via the interpreter (taal.md §11)
                self.res.terugval[regel.naam] = vector_tijd.REDEN
                vector_tijd.terugval(self, regel)
                continue
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
        if versie.verdeling is not None:
            raise NietVectoriseerbaar("verdeling")
        nr = (nr << 16) + (versie.rij or 0)
        tabel = self.pop.tabellen[versie.onderwerp]
        n = len(tabel)
        frame = Frame(n, None, definities={var.naam: var.expr for var in versie.variabelen}, rekenaar=self.expr,
                      tabel=versie.onderwerp, rijen=self.rijen)
        for res in versie.resultaten:
            if isinstance(res, ir.Consistentieregel):
                if res.voorwaarde is None:
                    raise NietVectoriseerbaar("uniciteit")
                ok = self.cond(res.voorwaarde, frame)
                fout = 0 if vv.alle_waar(ok) else int(np.count_nonzero(~ok))
                if fout:  # no violation, no pass (the verdicts stay untouched zeros)
                    self.res.inconsistent[versie.onderwerp] |= ~ok
                self.res.schendingen[regel.naam] = self.res.schendingen.get(regel.naam, 0) + fout
                continue
            if res.doel.pad:
                raise NietVectoriseerbaar("toekenning via een rol")
            mask = self.cond(res.voorwaarde, frame) if res.voorwaarde is not None else alle(n)
            if res.doel.kenmerk is not None:
                self._schrijf_kenmerk(nr, regel, tabel, res.doel.kenmerk, mask)
                continue
            assert res.doel.attribuut is not None and res.expr is not None
            attr = res.doel.attribuut
            kol = tabel.kolommen[attr.naam.lower()]
            if res.initialisatie:
                if kol.is_vol():
                    continue  # every row already has a value
                if not vv.constant(kol.geldig):  # a column with no value at all keeps the mask
                    leeg = maskers.niet(kol.geldig)
                    mask = leeg if vv.alle_waar(mask) else maskers.en(mask, leeg)
            if n == 0 or not vv.ergens_waar(mask):
                continue
            try:
                waarde = self._dun(res.expr, versie, mask, n)
                if waarde is None:
                    waarde = self.expr(res.expr, frame)
            except NietVectoriseerbaar as e:
                if not _alleen_sommige_rijen(e) or vv.alle_waar(mask):
                    raise
                waarde = self._onder_masker(res.expr, versie, mask)
            if isinstance(waarde, S):
                raise NietVectoriseerbaar("meerdere waarden als uitkomst")
            self._schrijf(nr, regel, versie, tabel, attr, waarde, mask, res.initialisatie)

    # ------------------------------------------------------------ conditions that are one value

    def cond(self, c: ir.Conditie, f: Frame) -> Bools:
        """As `Uitdrukkingen.cond`, with conditions that hold for every row or for none kept as one
        read-only value: a kenmerk nobody has (the Awir's toeslagpartner inputs, absent from most
        populations), and combinations decided by such a part. Without this every one of them
        made a fresh column and combined broadcast Booleans, which numpy does slowly: 13 rules of
        the Awir cost about a quarter of a household-model run on kenmerken no person had. So a
        condition's mask may be a read-only broadcast: callers combine it, never write into it."""
        if isinstance(c, ir.KenmerkTest) and isinstance(c.object, ir.Onderwerp):
            obj = self._v(c.object, f)
            w = self.pop.tabellen[c.kenmerk.objecttype].kolommen["kenmerk:" + c.kenmerk.naam.lower()].waarden
            if obj.identiek and vv.constant(w):
                return np.broadcast_to(np.bool_(bool(w[0]) != c.ontkend), (f.n,))
        elif (isinstance(c, ir.Samengesteld) and f.n > 1
              and (c.kwantor == "alle" or (c.kwantor in ("ten_minste", "geen") and (c.aantal or 1) == 1))):
            if f.ouder is None and f.vervanging is None and f.n >= TABULEER_VANAF:
                t = self._tabuleer_conditie(c, f)
                if t is not None:
                    return t
            return self._samen(c, f)
        return super().cond(c, f)

    def _samen(self, c: ir.Samengesteld, f: Frame) -> Bools:
        """`alle` (in order, stopping at a part that holds for no row, as the interpreter stops at
        the first part that does not hold) or `ten minste één` / `geen` (every part evaluated, as
        the interpreter does), with parts that are one value for every row not combined row by row."""
        alle_ = c.kwantor == "alle"
        echt: list[Bools] = []
        beslist = False  # some part decides the outcome for every row
        for item in c.items:
            p = self.cond(item, f)
            if vv.constant(p):
                if bool(p[0]) != alle_:  # False in `alle`, True in `ten minste één`
                    beslist = True
                    if alle_:
                        break
                continue
            echt.append(p)
        if beslist or not echt:
            # every part one value: `alle` holds when none was False, `ten minste één` when one was True
            uit = beslist != alle_
            return np.broadcast_to(np.bool_(uit if c.kwantor != "geen" else not uit), (f.n,))
        r = echt[0]
        eigen = False  # whether `r` is a mask made here, which the next parts may go into
        for p in echt[1:]:
            if eigen:  # in place: a condition of five parts makes one fresh column, not four
                (np.logical_and if alle_ else np.logical_or)(r, p, out=r)
            else:
                r, eigen = ((r & p) if alle_ else (r | p)), True
        if c.kwantor == "geen":
            if eigen:
                return np.logical_not(r, out=r)
            return ~r
        return r

    def _dun(self, expr: ir.Expr, versie: ir.Versie, mask: Bools, n: int) -> V | S | None:
        """`expr` on the rows of a sparse `mask` only (`_onder_masker`), or None: a condition that
        holds for few rows of a large table (`indien hij een verzekerde voor een deel van het
        berekeningsjaar is`, a few percent) would otherwise compute the value, dates per row say,
        for every row and keep it for those few. The interpreter evaluates only those rows too. Not
        vectorisable on the rows (NietVectoriseerbaar): None, the whole column is tried as before."""
        if n < DUN_VANAF or not _duur(expr) or self._is_vast(expr):
            return None  # cheap per row (or one value for every row): the whole column costs less than a selection
        if vv.constant(mask) or vv.alle_waar(mask) or np.count_nonzero(mask) * DUN_DEEL >= n:
            return None
        try:
            return self._onder_masker(expr, versie, mask)
        except NietVectoriseerbaar:
            return None

    def _onder_masker(self, expr: ir.Expr, versie: ir.Versie, mask: Bools) -> V | S:
        """`expr` for the rows where the rule's condition holds only, spread back over the table
        (leeg elsewhere). The interpreter evaluates a rule's expression only for those objects, so
        a division by zero in a row the condition leaves out (`indien ... groter is dan het
        ijkpunt`, with no ijkpunt: 0) is no error there either (vector_deling.py)."""
        rijen = np.flatnonzero(mask)
        sub = Frame(len(rijen), rijen, definities={var.naam: var.expr for var in versie.variabelen},
                    rekenaar=self.expr)
        v = self.expr(expr, sub)  # the same refusal again when a row inside the condition is the cause
        if isinstance(v, S):
            return v
        n = len(mask)
        w_sub = np.asarray(v.w)
        w = np.zeros(n, dtype=w_sub.dtype)
        w[rijen] = w_sub
        ok = np.zeros(n, dtype=bool)
        ok[rijen] = v.ok
        fout = None
        if v.fout is not None:
            fout = np.zeros(n, dtype=bool)
            fout[rijen] = v.fout
        return V(v.soort, w, ok, v.d, fout, grens=v.grens, eigen=True)

    def _schrijf_kenmerk(self, nr: int, regel: ir.Regel, tabel: Tabel, km: ir.Kenmerk, mask: Bools) -> None:
        kol = tabel.kolommen["kenmerk:" + km.naam.lower()]
        if vv.alle_waar(mask):
            kol.waarden, kol.constante = maskers.vol(len(mask)), None
        elif vv.ergens_waar(mask):
            oud = np.asarray(kol.waarden, dtype=bool)
            kol.waarden = maskers.eigen(mask) if vv.constant(oud) and not oud[0] else oud | mask
            kol.constante = None
        # else: no object gets it here (a condition on inputs nobody has): the column stays as it is,
        # so a kenmerk nobody has stays one read-only False (no fresh column, no pass to count it)
        self._telt_schrijven(tabel.objecttype, "kenmerk:" + km.naam.lower())
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
                if maskers.overlapt(mask, m):
                    botsing = mask & m & verschil()
                    if botsing.any():
                        i = int(np.flatnonzero(botsing)[0])
                        raise EngineFout("RS203", f"Tegenstrijdige toekenning aan '{key}' van {tabel.ids[i]}: regel "
                                         f"'{self.model.regels[ander >> 16].naam}' en regel '{regel.naam}' geven "
                                         "verschillende waarden.", regel)
        eerder.append((nr, mask))

    def _terugval_verdeling(self, regel: ir.Regel, versie: ir.Versie, v: ir.Verdeling, interp: Interpreter,
                            namen: dict[str, list[str]]) -> None:
        """A Verdeling through the interpreter; its shares and rest written back as columns."""
        from regelspraak.evaluate.convert import kolom

        for inst in interp.per_type.get(versie.onderwerp, []):
            interp._verdeel(regel, versie, v, inst)
        if interp.fouten:
            raise EngineFout(interp.fouten[0].code, interp.fouten[0].bericht, regel)
        for a in (v.doel, v.rest.attribuut if v.rest is not None else None):
            if a is None:
                continue
            t = self.pop.tabellen[a.objecttype]
            self._telt_schrijven(a.objecttype, a.naam.lower())
            t.kolommen[a.naam.lower()] = kolom(a.type, [interp.instanties[n].waarden.get(a.naam.lower())
                                                       for n in namen[a.objecttype]])

    def _telt_schrijven(self, objecttype: str, kolom: str) -> None:
        """A column changed: remembered results that read it no longer hold (shared.py)."""
        self.geschreven[(objecttype, kolom)] = self.geschreven.get((objecttype, kolom), 0) + 1

    def _schrijf(self, nr: int, regel: ir.Regel, versie: ir.Versie, tabel: Tabel, attr: ir.Attribuut, v: V,
                 mask: Bools, initialisatie: bool = False) -> None:
        kol = tabel.kolommen[attr.naam.lower()]
        v.eigen = False  # its values may become the column's
        self._telt_schrijven(tabel.objecttype, attr.naam.lower())
        if v.fout is not None and (v.fout & mask).any():
            i = int(np.flatnonzero(v.fout & mask)[0])
            raise EngineFout("RS206", f"Regel '{regel.naam}' ({versie.beschrijf()}) voor {tabel.ids[i]}: "
                             "deling door nul of door een lege waarde.", regel)
        t = attr.type
        alles = vv.alle_waar(mask)
        leeg = not alles and not vv.ergens_waar(kol.geldig)  # no row has a value yet
        d_schaal = 1  # how the value was rescaled into the column (the bound scales with it)
        if t.is_getal:
            d = int(10**t.decimalen) if t.decimalen is not None else lcm(kol.noemer, v.d)
            w = np.asarray(v.w)
            if d % v.d == 0:
                d_schaal = d // v.d
                f = d // v.d
                if d == v.d:
                    nieuw = w
                elif vv.constant(w) and w.dtype != object and abs(int(w[0])) * f < vv._LIMIET:
                    nieuw = np.broadcast_to(w[:1] * f, w.shape)  # one value: scaled once, not per row
                elif v.grens is not None and v.grens * f < vv._LIMIET and w.dtype != object:
                    nieuw = w * f  # the value's known bound shows it fits: no scan
                else:
                    nieuw = vv._safe_mul(w, f)
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
                    f = d // kol.noemer
                    # The column's bound, when known, saves a scan before the multiplication.
                    veilig = kol.grens is not None and kol.grens * f < vv._LIMIET and oud.dtype != object
                    oud = oud * f if veilig else vv._fits(vv._safe_mul(oud, f))
                if nieuw.dtype != oud.dtype:
                    return oud.astype(object), nieuw.astype(object)
                return oud, nieuw

            def verschil() -> Bools:
                oud, n2 = oud_en_nieuw()
                return (np.asarray(n2 != oud, dtype=bool) & v.ok) | (v.ok != kol.geldig)

            self._noteer(nr, regel, tabel, attr.naam.lower(), mask, None if initialisatie else verschil)
            # The column already holds these very numerators on a coarser scale (`50% van` what two
            # other rules wrote): its other rows are rescaled, in one pass, instead of merged.
            f_zelf = d // kol.noemer if d % kol.noemer == 0 else 0
            zelf = (not (alles or leeg) and f_zelf > 1 and d == v.d and kol.keuze is None and kol.waarden is nieuw
                    and nieuw.dtype == np.int64 and v.grens is not None and v.grens * f_zelf < vv._LIMIET)
            if zelf:
                kol.waarden, kol.constante = vs.maal_buiten(nieuw, mask, f_zelf), None
            elif _waarden_schrijven(kol, mask, nieuw, alles or leeg, kol.noemer == d, oud_en_nieuw):
                d_schaal = 0
            kol.noemer = d
        else:
            waarden = self._codes(t, v)

            def verschil_c(waarden: Arr = waarden) -> Bools:
                return (np.asarray(waarden != kol.waarden, dtype=bool) & v.ok) | (v.ok != kol.geldig)

            self._noteer(nr, regel, tabel, attr.naam.lower(), mask, None if initialisatie else verschil_c)
            nieuw_c = np.asarray(waarden, dtype=kol.waarden.dtype)
            _waarden_schrijven(kol, mask, nieuw_c, alles or leeg, True, lambda: (np.asarray(kol.waarden), nieuw_c))
            kol.waarden = np.asarray(kol.waarden, dtype=nieuw_c.dtype)
        if alles:
            kol.geldig = _eigen_masker(v.ok)
            kol.vol = v.vol
        else:
            if leeg:
                kol.geldig = maskers.eigen(mask) if vv.gevuld(v) else maskers.en_binnen(mask, v.ok)
            else:
                kol.geldig = vv.kies(mask, np.asarray(v.ok), kol.geldig)
            kol.vol = bool(np.all(kol.geldig))
        # A plain rescale of the new values keeps their bound; a merge has no known bound.
        kol.grens = v.grens * d_schaal if (alles or leeg) and t.is_getal and v.grens is not None and d_schaal else None
        if t.is_getal and zelf:
            kol.grens = v.grens * f_zelf if v.grens is not None else None
        if kol.keuze is not None:  # two values: their bound is known
            kol.grens = max(abs(kol.keuze.ja), abs(kol.keuze.nee))

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
        from regelspraak.evaluate.via_interpreter import feiten_van

        # Objects named uniquely over all tables (a generated unit shares its id with its first member).
        namen = convert.objectnamen(self.pop)
        objecten = convert.objecten(self.model, self.pop, namen)
        interp = Interpreter(self.model, Gegevens(self.rekendatum, self.parameters, objecten,
                                                  feiten_van(self.model, self.pop, namen)))
        if versie.verdeling is not None:
            self._terugval_verdeling(regel, versie, versie.verdeling, interp, namen)
            return
        for res in versie.resultaten:
            if isinstance(res, ir.Consistentieregel) and res.uniek is not None:
                interp._uniek(regel, versie, res)
                continue
            for inst in interp.per_type.get(versie.onderwerp, []):
                interp._apply(regel, versie, res, inst)
        if interp.fouten:
            raise EngineFout(interp.fouten[0].code, interp.fouten[0].bericht, regel)
        for res in versie.resultaten:
            if isinstance(res, ir.Consistentieregel):
                bad = {i.object_id for i in interp.inconsistenties if i.regel == regel.naam}
                # A uniqueness check over several types ("… verenigd met …") marks objects of each.
                totaal = 0
                for ot in self.pop.tabellen:
                    mask = np.array([n in bad for n in namen[ot]], dtype=bool)
                    self.res.inconsistent[ot] |= mask
                    totaal += int(mask.sum())
                self.res.schendingen[regel.naam] = totaal
                continue
            from regelspraak.evaluate.convert import kolom

            if res.doel.attribuut is not None:
                a = res.doel.attribuut
                doel_t = self.pop.tabellen[a.objecttype]
                self._telt_schrijven(a.objecttype, a.naam.lower())
                doel_t.kolommen[a.naam.lower()] = kolom(a.type, [interp.instanties[n].waarden.get(
                    a.naam.lower()) for n in namen[a.objecttype]])
            elif res.doel.kenmerk is not None:
                k = res.doel.kenmerk
                doel_t = self.pop.tabellen[k.objecttype]
                vals = [interp.instanties[n].kenmerken.get(k.naam.lower(), False) for n in namen[k.objecttype]]
                self._telt_schrijven(k.objecttype, "kenmerk:" + k.naam.lower())
                doel_t.kolommen["kenmerk:" + k.naam.lower()] = Kolom(np.array(vals, dtype=bool),
                                                                     np.ones(len(vals), dtype=bool))

_DURE_KNOPEN = (ir.DatumPlus, ir.Tijdsduur, ir.DatumDeel, ir.Functie, ir.Aggregeren, ir.Omrekening)


@onthouden
def _duur(expr: ir.Expr) -> bool:
    """Whether `expr` computes per row what costs more than a selection of rows and a spread back:
    date arithmetic, functions, a list of values. Plain arithmetic on columns is cheaper whole."""
    from regelspraak.model.order import walk_expr

    return any(isinstance(x, _DURE_KNOPEN) for x in walk_expr(expr))


def _alleen_sommige_rijen(e: NietVectoriseerbaar) -> bool:
    """Whether the refusal came from values of some rows (a division by zero or by leeg), which
    the rows the rule's condition keeps may not have."""
    from regelspraak.evaluate.vector_deling import GeenKolomdeling

    oorzaak = e.__cause__
    return isinstance(oorzaak, GeenKolomdeling) and oorzaak.per_rij


def _waarden_schrijven(kol: Kolom, mask: Bools, nieuw: Arr, vervang: bool, zelfde_schaal: bool,
                       oud_en_nieuw: Callable[[], tuple[Arr, Arr]]) -> bool:
    """Put `nieuw` into the column where `mask` holds: replacing it whole (`vervang`: every row
    written, or none had a value), picking between two single values, or merging row by row.
    Returns whether it merged (then the new values' bound no longer describes the column)."""
    if vervang:
        # Nothing to keep: rows outside the mask become leeg, whatever they hold.
        kol.waarden = _eigen(nieuw)
        kol.constante = _een_waarde(nieuw)
        return False
    enkel = _een_waarde(nieuw)
    if kol.constante is not None and zelfde_schaal and enkel is not None:
        # One value here, another there: kept as the two values and the mask (a copy: the mask
        # may be a kenmerk column), written out only when some rule needs the rows.
        kol.kies(Keuze(maskers.eigen(mask), enkel, kol.constante, nieuw.dtype))
        return True
    elif zelfde_schaal and kol.waarden is nieuw:
        # The same computation written by two rules (`jaarbedrag` with and without a partner,
        # one shared result): every row already holds it, so there is nothing to merge.
        return False
    else:
        oud, n2 = oud_en_nieuw()
        kol.waarden = vv.kies(mask, n2, oud)
    kol.constante = None
    return True


def _een_waarde(a: Arr) -> int | None:
    """The one integer every row of `a` holds, when `a` is a broadcast single value."""
    return int(a[0]) if vv.constant(a) and a.dtype.kind in "iub" else None


def _eigen(a: Arr) -> Arr:
    """`a` as a column of its own. Fresh results are taken as they are (nothing mutates an array
    after an expression produced it, and no column is written in place). One value for every row
    (a literal, a parameter, a folded constant) stays a read-only broadcast: writing it out would
    cost a pass and, in a fresh process, a page fault per 4 KB; the column's `constante` says
    what it holds, and a later rule picks between two values in one pass (`kies_twee`)."""
    if vv.constant(a):
        return a if not a.flags.writeable else np.broadcast_to(a[:1], a.shape)
    return a if a.flags.writeable else np.array(a)


def _eigen_masker(a: Bools) -> Bools:
    """A validity mask of its own, always a real column (1 byte a row): numpy reduces and
    combines broadcast Booleans far slower than real ones, and masks are read by every rule."""
    return maskers.eigen(a)


def _vul_aan(model: ir.Model, pop: Populatie) -> None:
    """Give every objecttype a table and every attribute and kenmerk a column: a population
    supplies inputs only, and the rules fill the rest (leeg until a rule writes it)."""
    from regelspraak.evaluate.columns import Relatie

    for key, ot in model.objecttypen.items():
        t = pop.tabellen.setdefault(key, Tabel(key, np.zeros(0, dtype=np.int64)))
        n = len(t)
        for a in ot.attributen.values():
            if a.naam.lower() not in t.kolommen:
                dtype = {"getal": np.int64, "datum": np.int64, "enum": np.int16, "bool": bool}.get(soort_van(a.type),
                                                                                                  object)
                noemer = 10**a.type.decimalen if a.type.is_getal and a.type.decimalen is not None else 1
                # Leeg everywhere, as read-only broadcasts: the first rule that writes the column
                # replaces it whole, so a real column here would be allocated only to be dropped.
                t.kolommen[a.naam.lower()] = Kolom(np.broadcast_to(np.zeros(1, dtype=dtype), (n,)),
                                                   np.broadcast_to(np.False_, (n,)), int(noemer),
                                                   constante=0 if dtype is not object else None, vol=n == 0)
        for k in ot.kenmerken.values():
            # Nobody has it until a rule says so: one read-only False for every row (a rule that
            # writes the kenmerk makes a column of its own; a count over it needs no pass).
            if "kenmerk:" + k.naam.lower() not in t.kolommen:
                t.kolommen["kenmerk:" + k.naam.lower()] = Kolom(np.broadcast_to(np.False_, (n,)), maskers.vol(n),
                                                                constante=0)
    for key in model.feittypen:
        pop.relaties.setdefault(key, Relatie(key, (np.zeros(0, np.int64), np.zeros(0, np.int64))))


@dataclass(frozen=True)
class _Plan:
    """What the engine needs to know of a model before its first rule, from the model alone."""

    model: ir.Model
    # Creation, or `regelversie R is gevuurd|inconsistent` (which needs per-object knowledge of which
    # rules fired, kept by the interpreter only): the whole model runs through it (via_interpreter.py).
    creatie: bool
    tijdlijn: frozenset[int]  # the rules (by number) that read a timeline: per knip stretch


_PLANNEN: dict[int, _Plan] = {}


def _plan(model: ir.Model) -> _Plan:
    """Once per model (by identity; the plan holds the model, so no id is reused): a second run
    over another population does not walk the rule trees again, and a model without creation
    rules never imports the interpreter."""
    hit = _PLANNEN.get(id(model))
    if hit is None or hit.model is not model:
        from regelspraak.model.order import roots_of, walk_expr

        creatie = any(v.creatie is not None or any(isinstance(c, ir.Controle) and c.regel is not None
                                                   for root in roots_of(v) for c in walk_expr(root))
                      for r in model.regels for v in r.versies)
        while len(_PLANNEN) >= 8:  # a few models at a time (a bill compares two)
            _PLANNEN.pop(next(iter(_PLANNEN)))
        hit = _PLANNEN[id(model)] = _Plan(model, creatie, frozenset(
            nr for nr, regel in enumerate(model.regels) if vector_tijd.leest_tijdlijn(regel)))
    return hit


def run(model: ir.Model, pop: Populatie, rekendatum: date, parameters: dict[str, ir.Waarde]) -> Resultaat:
    """Evaluate every rule over the population, in place; raises EngineFout on a rule error.
    Leaves the process's allocator alone (tuning it is opt-in: `memory.vasthouden`)."""
    maskers.vergeet()
    if _plan(model).creatie:
        from regelspraak.evaluate import via_interpreter

        return via_interpreter.run(model, pop, rekendatum, parameters)
    return Engine(model, pop, rekendatum, parameters).run()
