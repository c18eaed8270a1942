"""Expressions and conditions of the IR as encoded values, as the interpreter evaluates them:
literals and parameters (their values on the rekendatum), navigation along roles, reading
attributes, selections, arithmetic, rounding, begrenzing, aggregations (abstract over a
collection, or per slot), durations and date arithmetic, quantifiers, kenmerk and role tests,
comparisons.

`ExprEncoder` adds this to the `WorldEncoder`; reading a derived attribute or kenmerk
(`attribuut`, `kenmerk`) substitutes its rules, which the `Encoder` does.
"""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from datetime import date, datetime
from fractions import Fraction

import z3

from regelspraak.analyses.solver import kalender
from regelspraak.analyses.solver.operators import (
    DAG_MAX,
    civiel,
    floor_div,
    heeft_decimalen,
    predicaat,
    rekenkunde,
    z_absoluut,
    z_afronden,
    z_dimensie,
    z_maal,
    z_min,
    z_som,
    z_som_int,
    z_telt,
    z_vergelijk,
)
from regelspraak.analyses.solver.tijdfeiten import MAX_DAGEN, niet_negatief
from regelspraak.analyses.solver.values import (
    ONWAAR,
    WAAR,
    Coll,
    Frame,
    Slot,
    Val,
    Z,
    als_soort,
    const,
    dummy,
    kies,
    kies_getal,
    skey,
    z_elementen,
    z_en,
    z_getal,
    z_leeg,
    z_map,
    z_niet,
    z_object,
    z_of,
    z_soort,
)
from regelspraak.analyses.solver.world import Meervoud, WorldEncoder, attribuut_sleutel
from regelspraak.model import ir
from regelspraak.values.dates import milliseconden
from regelspraak.values.tijdlijn import Tijdlijn


class ExprEncoder(WorldEncoder, ABC):
    """Expressions and conditions over the world; see the module docstring."""

    @abstractmethod
    def attribuut(self, slot: Slot, a: ir.Attribuut, voor: ir.Toekenning | None = None) -> Val:
        """The final value of attribute `a` of `slot` (defined by the `Encoder`)."""

    @abstractmethod
    def kenmerk(self, slot: Slot, k: ir.Kenmerk) -> Z:
        """Whether `slot` has kenmerk `k` (defined by the `Encoder`)."""

    # ------------------------------------------------------------ expressions

    def expr(self, x: ir.Expr, f: Frame) -> Val:
        if isinstance(x, ir.Literal):
            return self._literal(x.waarde, x.type)
        if isinstance(x, ir.ParameterRef):
            if x.naam not in self.parameters:
                # The interpreter stops the rule (RS302): an error wherever it is reached. The
                # checker reports the missing value (RS301/RS302); analyses can tell from this set.
                self.ontbrekend.add(x.naam)
                return z_leeg(z_soort(x.type), WAAR)
            self.parameters_gelezen.add(x.naam)
            if x.naam in self.varieert and self.stuk is not None:
                # a value that changes within the stretch (a date per month): chosen by the stretch index
                i = self.stukindex()
                delen = self.stuk.deel
                v = self._literal(delen[-1].parameters.get(x.naam), x.type)
                for k in range(len(delen) - 2, -1, -1):
                    v = kies(i == k, self._literal(delen[k].parameters.get(x.naam), x.type), v)
                return v
            w = self.parameters[x.naam]
            if isinstance(w, Tijdlijn):  # no stretch given: the moment asked about is the rekendatum
                w = w.op(self.rekendatum)
            return self._literal(w, x.type)
        if isinstance(x, ir.VariabeleRef):
            cache = self._vars.setdefault((f.onderwerp.id, id(f.versie)), f.variabelen)
            if x.naam not in cache:
                var = next(v for v in f.versie.variabelen if v.naam == x.naam)
                cache[x.naam] = self.expr(var.expr, Frame(f.onderwerp, f.versie, (), cache))
            return cache[x.naam]
        if isinstance(x, ir.Onderwerp):
            if x.meervoudig:
                self.benaderingen.add("alle objecten van een type als vrije collectie")
                return Val("lijst", coll=Coll(f"alle:{x.type.objecttype}", f.onderwerp))
            return Val("object", leeg=z_niet(f.onderwerp.bestaat), slot=f.onderwerp)
        if isinstance(x, ir.Element):
            return f.elementen[-1 - x.diepte]
        if isinstance(x, ir.Navigatie):
            return self._navigatie(x, f)
        if isinstance(x, ir.AttribuutLezen):
            van = self.expr(x.van, f)
            return self._lees(van, x.attribuut)
        if isinstance(x, ir.Selectie):
            bron = self.expr(x.collectie, f)
            if bron.coll is not None:
                return Val("lijst", coll=Coll(bron.coll.key + "|" + skey(x.voorwaarde), bron.coll.slot, bron.coll),
                           fout=bron.fout)
            items = []
            fout = bron.fout
            for aanwezig, el in z_elementen(bron):
                c = self.conditie(x.voorwaarde, f.met(el))
                fout = z_of(fout, z_en(aanwezig, c.fout))
                items.append((z_en(aanwezig, c.w), el))
            return Val("lijst", items=tuple(items), fout=fout)
        if isinstance(x, ir.Rekenkunde):
            return self._reken(x, f)
        if isinstance(x, ir.Afronden):
            return z_map(self.expr(x.expr, f), lambda v: z_afronden(v, x.modus, x.decimalen))
        if isinstance(x, ir.Begrenzen):
            return self._begrens(x, f)
        if isinstance(x, ir.Absoluut):
            return z_map(self.expr(x.expr, f), z_absoluut)
        if isinstance(x, ir.Aggregeren):
            return self._aggregeer(x, f)
        if isinstance(x, ir.Tijdsduur | ir.DatumPlus | ir.DatumDeel) and "datumtijd" in (
                x.type.soort, getattr(x, "van", x).type.soort, getattr(x, "expr", x).type.soort):
            # Arithmetic on a date and time (milliseconds) is not encoded: a free value, like the functions.
            self.benaderingen.add("rekenen met datum-tijd als vrije variabelen")
            leeg = self._vers(f"datumtijd:{type(x).__name__}.leeg", "bool")
            if x.type.soort == "datumtijd":
                return Val("datum", self._vers(f"datumtijd:{type(x).__name__}", "int"), leeg)
            return z_getal(w=self._vers(f"datumtijd:{type(x).__name__}", "real"), leeg=leeg)
        if isinstance(x, ir.Tijdsduur):
            return self._tijdsduur(x, f)
        if isinstance(x, ir.DatumPlus):
            return self._datum_plus(x, f)
        if isinstance(x, ir.DatumDeel):
            v = self.expr(x.expr, f)
            y, m, d = self.ymd(v.w)
            deel = {"jaar": y, "maand": m, "dag": d}[x.deel]
            return z_getal(deel, 1, leeg=v.leeg, fout=v.fout)
        if isinstance(x, ir.RekendatumRef):
            if x.jaar:
                return const(self.rekendatum.year)
            return Val("datum", z3.IntVal(self.rekendatum.toordinal()))
        if isinstance(x, ir.ConditieWaarde):
            c = self.conditie(x.conditie, f)
            return Val("bool", c.w, ONWAAR, c.fout)
        if isinstance(x, ir.TijdFunctie):
            # A function over a whole timeline (het totaal van, het aantal dagen, het tijdsevenredig
            # deel) is not a value at one moment: free (over-approximation; the interpreter confirms).
            self.benaderingen.add("functies over de tijd (het totaal van, het aantal dagen, het tijdsevenredig "
                                  "deel) als vrije variabelen")
            leeg = self._vers(f"tijdfunctie:{x.soort}.leeg", "bool")
            w = self._vers(f"tijdfunctie:{x.soort}", "real")
            # What holds in every world (solver/tijdfeiten.py): a day count is a whole number within the
            # period, a total or mean of a never-negative value is not negative.
            if x.soort == "dagen":
                self.defs.append(z3.And(z3.IsInt(w), w >= 0, w <= MAX_DAGEN.get(x.per or "jaar", 366)))
            elif niet_negatief(self.model, x, {v.naam: v.expr for v in f.versie.variabelen}):
                self.defs.append(w >= 0)
            return z_getal(w=w, leeg=leeg)
        if isinstance(x, ir.Omrekening):  # "… per maand": the exact factor of the unit conversion
            return z_map(self.expr(x.expr, f), lambda v: z_maal(v, x.factor))
        if isinstance(x, ir.Functie) and (kv := kalender.datumfunctie(self, x, f)) is not None:
            return kv  # the first day of a month or year, a constant date: exact (solver/kalender.py)
        if isinstance(x, ir.Functie):
            # The functions of taal.md §11 (roots, Easter, texts) are not encoded: a free value.
            self.benaderingen.add("functies (wortel, macht, datum, paasdag, tekst) als vrije variabelen")
            leeg = self._vers(f"functie:{x.naam}.leeg", "bool")
            if x.type.soort == "datum":
                return Val("datum", self._vers(f"functie:{x.naam}", "int"), leeg)
            if x.type.soort == "tekst":
                return Val("tekst", self._vers(f"functie:{x.naam}", "int"), leeg)
            return z_getal(w=self._vers(f"functie:{x.naam}", "real"), leeg=leeg)
        raise AssertionError(f"onbekende expressie {type(x).__name__}")

    def _literal(self, w: ir.Waarde, t: ir.Type) -> Val:
        if w is None:
            s = z_soort(t)
            return z_leeg(s)
        if isinstance(w, bool):
            return Val("bool", z3.BoolVal(w))
        if isinstance(w, Fraction):
            return const(w)
        if isinstance(w, datetime):  # a date and time: milliseconds, like its attributes in the engines
            return Val("datum", z3.IntVal(milliseconden(w)))
        if isinstance(w, date):
            return Val("datum", z3.IntVal(w.toordinal()))
        return Val("enum" if t.soort == "enumeratie" else "tekst", z3.IntVal(self.code(str(w))))

    def _navigatie(self, x: ir.Navigatie, f: Frame) -> Val:
        van = self.expr(x.van, f)
        if van.soort == "lijst":
            if van.coll is not None or self.meervoud is Meervoud.ABSTRACT:
                basis = van.coll.key if van.coll is not None else skey(x.van)
                self.benaderingen.add("navigatie vanuit een collectie als vrije collectie")
                return Val("lijst", coll=Coll(f"{basis}>{x.rol.feittype}.{x.rol.index}", f.onderwerp), fout=van.fout)
            items: list[tuple[Z, Val]] = []
            for aanwezig, el in z_elementen(van):
                assert el.slot is not None
                doelen = self.navigeer(el.slot, x.rol)
                if isinstance(doelen, Coll):
                    return Val("lijst", coll=Coll(doelen.key + "*", f.onderwerp), fout=van.fout)
                items.extend((z_en(aanwezig, d.bestaat), z_object(d, aanwezig)) for d in doelen)
            if x.meervoudig:
                return Val("lijst", items=tuple(items), fout=van.fout)
            return self._eerste(items, van.fout)
        if van.slot is None:
            return Val("object", leeg=WAAR, fout=van.fout)
        doelen = self.navigeer(van.slot, x.rol)
        if isinstance(doelen, Coll):
            return Val("lijst", coll=doelen, fout=van.fout)
        if x.meervoudig:
            return Val("lijst", items=tuple((z_en(z_niet(van.leeg), d.bestaat), z_object(d, z_niet(van.leeg)))
                                            for d in doelen), fout=van.fout)
        d = doelen[0]
        return Val("object", leeg=z_of(van.leeg, z_niet(d.bestaat)), slot=d, fout=van.fout)

    def _eerste(self, items: list[tuple[Z, Val]], fout: Z) -> Val:
        """`uit[0]` of a list of objects: only encodable if there is at most one candidate."""
        if len(items) == 1:
            aanwezig, el = items[0]
            return Val("object", leeg=z_niet(aanwezig), slot=el.slot, fout=fout)
        if not items:
            return Val("object", leeg=WAAR, fout=fout)
        self.benaderingen.add("eerste object van een collectie niet gecodeerd")
        aanwezig, el = items[0]
        return Val("object", leeg=z_niet(aanwezig), slot=el.slot, fout=fout)

    def _lees(self, van: Val, a: ir.Attribuut) -> Val:
        if van.soort == "lijst":
            if van.coll is not None:
                return Val("lijst", coll=Coll(van.coll.key + "." + a.naam.lower(), van.coll.slot, van.coll,
                                              attribuut=a), fout=van.fout)
            items = []
            for aanwezig, el in z_elementen(van):
                v = self._lees(el, a)
                items.append((aanwezig, v))
            return Val("lijst", items=tuple(items), fout=van.fout)
        if van.slot is None:
            s = z_soort(a.type)
            return z_leeg(s, van.fout)
        v = self.attribuut(van.slot, a)
        return dataclasses.replace(v, leeg=z_of(van.leeg, v.leeg), fout=van.fout)

    def _reken(self, x: ir.Rekenkunde, f: Frame) -> Val:
        ls = self.expr(x.links, f)
        rs = self.expr(x.rechts, f)
        if x.op in ("plus", "min", "verminderd met"):
            ls = z_map(ls, lambda v: z_maal(v, x.factor_links))
        rs = z_map(rs, lambda v: z_maal(v, x.factor_rechts))

        def een(a: Val, b: Val) -> Val:
            return rekenkunde(x.op, als_soort(a, "getal"), als_soort(b, "getal"))

        if ls.soort == "lijst" or rs.soort == "lijst":
            if ls.coll is not None or rs.coll is not None:
                self.benaderingen.add("rekenen met collecties als vrije collectie")
                return Val("lijst", coll=Coll(skey(x) + "@" + f.onderwerp.id, f.onderwerp), fout=z_of(ls.fout, rs.fout))
            if ls.soort == "lijst" and rs.soort == "lijst":
                self.benaderingen.add("rekenen met twee collecties niet gecodeerd")
                return Val("lijst", coll=Coll(skey(x) + "@" + f.onderwerp.id, f.onderwerp), fout=z_of(ls.fout, rs.fout))
            if ls.soort == "lijst":
                items = tuple((p, een(v, rs)) for p, v in ls.items)
            else:
                items = tuple((p, een(ls, v)) for p, v in rs.items)
            out = Val("lijst", items=items, fout=z_of(ls.fout, rs.fout))
        else:
            out = een(ls, rs)
        if x.op in ("maal", "gedeeld door", "gedeeld door abs") and x.factor_links != 1:
            out = z_map(out, lambda v: z_maal(v, x.factor_links))
        return out

    def _begrens(self, x: ir.Begrenzen, f: Frame) -> Val:
        v = self.expr(x.expr, f)
        lo = z_maal(self.expr(x.minimum, f), x.factor_minimum) if x.minimum is not None else None
        hi = z_maal(self.expr(x.maximum, f), x.factor_maximum) if x.maximum is not None else None
        lo = als_soort(lo, "getal") if lo is not None else None
        hi = als_soort(hi, "getal") if hi is not None else None
        fout = z_of(v.fout, lo.fout if lo else ONWAAR, hi.fout if hi else ONWAAR)
        if lo is not None and hi is not None:
            fout = z_of(fout, z_en(z_niet(lo.leeg), z_niet(hi.leeg), z_vergelijk(">", lo, hi)))

        def een(w: Val) -> Val:
            r = w
            if hi is not None:
                n, d, rw = kies_getal(z_en(z_niet(hi.leeg), z_vergelijk(">", w, hi)), hi, r)
                r = z_getal(n, d, rw)
            if lo is not None:
                n, d, rw = kies_getal(z_en(z_niet(lo.leeg), z_vergelijk("<", w, lo)), lo, r)
                r = z_getal(n, d, rw)
            return z_getal(r.n, r.d, r.w, w.leeg, z_of(w.fout, fout))

        return z_map(v, een) if v.soort == "lijst" else een(v)

    def _aggregeer(self, x: ir.Aggregeren, f: Frame) -> Val:
        if x.collectie is None and x.soort == "aantal":
            # Counting a concatenation of collections (spec §5.7: each object once) is not encoded.
            self.benaderingen.add("het aantal van een concatenatie van verzamelingen als vrije variabele")
            n = self._vers("aantal:concatenatie", "int")
            return z_getal(n, 1, fout=z_of(*[self.expr(e, f).fout for e in x.lijst]))
        if x.collectie is None:
            items = [z_maal(self.expr(e, f), x.factoren[i] if x.factoren else 1) for i, e in enumerate(x.lijst)]
            fout = z_of(*[v.fout for v in items])
            if x.soort == "som":
                vast = [_vaste_term(e) for e in x.lijst]
                variabel = [v for v, is_vast in zip(items, vast, strict=True) if not is_vast]
                vaste = [v for v, is_vast in zip(items, vast, strict=True) if is_vast]
                gevuld = z_of(*[z_niet(v.leeg) for v in variabel])
                totaal = z_som([v for v in variabel + vaste])
                if x.of_nul:
                    n, d, w = kies_getal(gevuld, totaal, const(0))
                    return z_getal(n, d, w, ONWAAR, fout)
                return z_getal(totaal.n, totaal.d, totaal.w, z_niet(gevuld), fout)
            return self._extreem(x.soort, [(WAAR, v) for v in items], fout)
        coll = self.expr(x.collectie, f)
        if coll.coll is not None:
            return self._abstract_aggregaat(x, coll.coll, coll.fout)
        if x.soort == "aantal":
            if coll.soort == "lijst":
                return z_getal(z_som_int([p for p, _ in coll.items]), 1, fout=coll.fout)
            return z_getal(z3.If(coll.leeg, 0, 1), 1, fout=coll.fout)
        paren = list(coll.items) if coll.soort == "lijst" else [(WAAR, coll)]
        fout = z_of(coll.fout, *[z_en(p, v.fout) for p, v in paren])
        if x.soort == "som":
            gevuld = [z_en(p, z_niet(v.leeg)) for p, v in paren]
            totaal = z_som([z_getal(v.n, v.d, v.w, z_niet(g)) for g, (_, v) in zip(gevuld, paren, strict=True)
                           if v.soort == "getal"])
            iets = z_of(*gevuld)
            if x.of_nul:
                n, d, w = kies_getal(iets, totaal, const(0))
                return z_getal(n, d, w, ONWAAR, fout)
            return z_getal(totaal.n, totaal.d, totaal.w, z_niet(iets), fout)
        return self._extreem(x.soort, paren, fout)

    def _extreem(self, soort: str, paren: list[tuple[Z, Val]], fout: Z) -> Val:
        """maximum/minimum/eerste/laatste: leeg values skipped, all leeg gives leeg."""
        groter = soort in ("maximum", "laatste")
        s = next((v.soort for _, v in paren if v.soort != "leeg"), "getal")
        beste = Val(s, dummy(s)) if s != "getal" else const(0)
        heeft = ONWAAR
        for p, v in paren:
            if v.soort == "leeg":
                continue
            g = z_en(p, z_niet(v.leeg))
            if s == "getal":
                beter = z_vergelijk(">" if groter else "<", v, beste)
                n, d, w = kies_getal(z_en(g, z3.Or(z_niet(heeft), beter)), v, beste)
                beste = z_getal(n, d, w)
            else:
                beter = (v.w > beste.w) if groter else (v.w < beste.w)
                beste = Val(s, z3.If(z3.And(g, z3.Or(z_niet(heeft), beter)), v.w, beste.w))
            heeft = z_of(heeft, g)
        return Val(s, beste.w, z_niet(heeft), fout, n=beste.n, d=beste.d)

    def _abstract_aggregaat(self, x: ir.Aggregeren, c: Coll, fout: Z) -> Val:
        n = self.aantal(c)
        if x.soort == "aantal":
            return z_getal(n, 1, fout=fout)
        key = f"{x.soort}:{c.key}:{x.of_nul}"
        if key in self._abstract:
            v = self._abstract[key]
            return Val(v.soort, v.w, v.leeg, fout, n=v.n, d=v.d)
        self.benaderingen.add("aggregaties en kwantoren over meervoudige rollen als vrije variabelen")
        t = c.attribuut.type if c.attribuut is not None else x.type
        s = "datum" if (t.soort == "datum" or x.soort in ("eerste", "laatste")) else "getal"
        leeg = ONWAAR if (x.soort == "som" and x.of_nul) else self._vers(key + ".leeg", "bool")
        # Declared domains hold for input values only (a rule may compute outside them).
        invoer = c.attribuut is not None and self._invoer_toegestaan(attribuut_sleutel(c.attribuut))
        if s == "datum":
            v = Val("datum", self._vers(key, "int"), leeg)
            x_ = v.w
        elif invoer and t.decimalen is not None:
            v = z_getal(self._vers(key, "int"), 10**t.decimalen, leeg=leeg)
            x_ = v.n
        else:
            v = z_getal(w=self._vers(key, "real"), leeg=leeg)
            x_ = v.w
        if x.soort == "som" and x.of_nul:
            self.defs.append(z3.Implies(n == 0, x_ == 0))
        else:
            self.defs.append(z3.Implies(n == 0, leeg))
        if invoer and s == "getal" and t.teken in ("niet-negatief", "positief"):
            self.defs.append(x_ >= 0)
        self._abstract[key] = v
        return Val(v.soort, v.w, v.leeg, fout, n=v.n, d=v.d)

    def ymd(self, dn: Z) -> tuple[Z, Z, Z]:
        """Year, month and day of a day number (exact: the civil calendar in integer arithmetic)."""
        if z3.is_int_value(dn):
            d = date.fromordinal(max(1, min(DAG_MAX, dn.as_long())))
            return z3.IntVal(d.year), z3.IntVal(d.month), z3.IntVal(d.day)
        key = dn.get_id()
        if key not in self._ymd and (bekend := self._ymd_keuze(dn)) is not None:
            return bekend
        if key not in self._ymd:
            y, m, d = self._vers("jaar", "int"), self._vers("maand", "int"), self._vers("dag", "int")
            # Years 0..10000 cover every valid day number (1..31-12-9999) and leave room for the
            # out-of-range results whose errors are flagged where they arise.
            self.defs += [m >= 1, m <= 12, d >= 1, d <= z_dimensie(y, m), y >= 0, y <= 10000, dn == civiel(y, m, d)]
            self._ymd[key] = (y, m, d)
            self._ymd_houd.append(dn)  # keep the AST alive, so its id is not reused
        return self._ymd[key]

    def _ymd_keuze(self, dn: Z, diepte: int = 0) -> tuple[Z, Z, Z] | None:
        """The year, month and day of a choice between dates whose parts are known (a derived date is its
        writer's `… plus 67 jr` or leeg), as the same choice: decomposing it again makes z3 invert the
        calendar a second time, which costs it far more than the choice."""
        if diepte > 8:
            return None
        if z3.is_int_value(dn) or dn.get_id() in self._ymd:
            return self.ymd(dn)
        if not z3.is_app_of(dn, z3.Z3_OP_ITE):
            return None
        a, b = self._ymd_keuze(dn.arg(1), diepte + 1), self._ymd_keuze(dn.arg(2), diepte + 1)
        if a is None or b is None:
            return None
        c = dn.arg(0)
        uit = (z3.If(c, a[0], b[0]), z3.If(c, a[1], b[1]), z3.If(c, a[2], b[2]))
        self._ymd[dn.get_id()] = uit
        self._ymd_houd.append(dn)
        return uit

    def _tijdsduur(self, x: ir.Tijdsduur, f: Frame) -> Val:
        van, tot = self.expr(x.van, f), self.expr(x.tot, f)
        leeg = z_of(van.leeg, tot.leeg)
        fout = z_of(van.fout, tot.fout)
        if x.eenheid == "dagen":
            duur = tot.w - van.w
        else:
            vy, vm, vd = self.ymd(van.w)
            ty, tm, td = self.ymd(tot.w)
            vooruit = (ty - vy) * 12 + tm - vm - z3.If(z_min(vd, z_dimensie(ty, tm)) > td, 1, 0)
            achteruit = (vy - ty) * 12 + vm - tm - z3.If(z_min(td, z_dimensie(vy, vm)) > vd, 1, 0)
            if x.eenheid == "jaren":
                vooruit, achteruit = vooruit / 12, achteruit / 12
            duur = z3.If(van.w <= tot.w, vooruit, -achteruit)
        if x.absoluut:
            duur = z3.If(duur < 0, -duur, duur)
        return z_getal(duur, 1, leeg=leeg, fout=fout)

    def _datum_plus(self, x: ir.DatumPlus, f: Frame) -> Val:
        d, n = self.expr(x.datum, f), als_soort(self.expr(x.duur, f), "getal")
        fout = z_of(d.fout, n.fout, z_en(z_niet(d.leeg), z_niet(n.leeg), z_niet(heeft_decimalen(n, 0))))
        geheel = floor_div(n.n, n.d) if n.n is not None else z3.ToInt(n.w)
        stappen = z3.If(n.leeg, 0, geheel) * x.teken
        per = {"dg": 1, "wk": 7, "mnd": 1, "kw": 3, "jr": 12}[x.eenheid]
        if x.eenheid in ("dg", "wk"):
            uit = d.w + stappen * per
            fout = z_of(fout, z_en(z_niet(d.leeg), z3.Or(uit < 1, uit > DAG_MAX)))
            return Val("datum", uit, d.leeg, fout)
        y, m, dag = self.ymd(d.w)
        totaal = y * 12 + m - 1 + stappen * per
        y2, m2 = totaal / 12, totaal % 12 + 1
        d2 = z_min(dag, z_dimensie(y2, m2))
        fout = z_of(fout, z_en(z_niet(d.leeg), z3.Or(y2 < 1, y2 > 9999)))
        uit = civiel(y2, m2, d2)
        # Its year, month and day are known: reading them later must not invert the calendar again
        # (a second decomposition made z3 ten times slower on `geboortedatum plus 65 jr plus 2 mnd`).
        self._ymd[uit.get_id()] = (y2, m2, d2)
        self._ymd_houd.append(uit)
        return Val("datum", uit, d.leeg, fout)

    # ------------------------------------------------------------ conditions

    def conditie(self, c: ir.Conditie, f: Frame) -> Val:
        """A condition as Val("bool"): `w` is its truth, `fout` when evaluating it fails."""
        if isinstance(c, ir.Samengesteld):
            delen = [self.conditie(i, f) for i in c.items]
            if c.kwantor == "alle":
                # Evaluated in order, stopping at the first false item: later items only fail
                # when reached (`• A is ongelijk aan 0` guards `B gedeeld door A`).
                fout = ONWAAR
                tot_hier = WAAR
                for d in delen:
                    fout = z_of(fout, z_en(tot_hier, d.fout))
                    tot_hier = z_en(tot_hier, d.w)
                return Val("bool", z_en(*[d.w for d in delen]), ONWAAR, fout)
            n = z_som_int([d.w for d in delen])
            return Val("bool", z_telt(c.kwantor, c.aantal, n, z3.IntVal(len(delen))), ONWAAR,
                       z_of(*[d.fout for d in delen]))
        if isinstance(c, ir.Gekwantificeerd):
            coll = self.expr(c.collectie, f)
            if coll.coll is not None:
                return self._abstract_kwantor(c, coll)
            paren = list(coll.items) if coll.soort == "lijst" else [(WAAR, coll)]
            per_element = [(p, self.conditie(c.voorwaarde, f.met(el))) for p, el in paren]
            n = z_som_int([z_en(p, d.w) for p, d in per_element])
            totaal = z_som_int([p for p, _ in per_element])
            fout = z_of(coll.fout, *[z_en(p, d.fout) for p, d in per_element])
            return Val("bool", z_telt(c.kwantor, c.aantal, n, totaal), ONWAAR, fout)
        if isinstance(c, ir.KenmerkTest):
            o = self.expr(c.object, f)
            if o.slot is None:
                return Val("bool", z3.BoolVal(c.ontkend), ONWAAR, o.fout)
            k = self.kenmerk(o.slot, c.kenmerk)
            waarde = z_niet(k) if c.ontkend else k
            return Val("bool", z3.If(o.leeg, z3.BoolVal(c.ontkend), waarde), ONWAAR, o.fout)
        if isinstance(c, ir.RolTest):
            o = self.expr(c.object, f)
            if o.slot is None:
                return Val("bool", z3.BoolVal(c.ontkend), ONWAAR, o.fout)
            ft = self.model.feittypen[c.rol.feittype]
            index = c.rol.index if (c.heeft or ft.wederkerig) else 1 - c.rol.index
            rol = next((r for r in ft.rollen if r.index == index), c.rol)
            doelen = self.navigeer(o.slot, rol)
            if isinstance(doelen, Coll):
                heeft = self.aantal(doelen) > 0
            else:
                heeft = z_of(*[d.bestaat for d in doelen])
            waarde = z_niet(heeft) if c.ontkend else heeft
            return Val("bool", z3.If(o.leeg, z3.BoolVal(c.ontkend), waarde), ONWAAR, o.fout)
        if isinstance(c, ir.LeegTest):
            v = self.expr(c.expr, f)
            if v.soort == "lijst":
                return Val("bool", z3.BoolVal(c.gevuld), ONWAAR, v.fout)
            return Val("bool", z_niet(v.leeg) if c.gevuld else v.leeg, ONWAAR, v.fout)
        if isinstance(c, ir.Controle):
            # The elfproef and digit checks are not encoded: free, but onwaar for leeg (taal.md §6).
            self.benaderingen.add("elfproef en cijfercontrole als vrije variabelen")
            v = self.expr(c.expr, f)
            vrij = z_en(z_niet(v.leeg), self._vers(f"controle:{c.soort}", "bool"))
            return Val("bool", z_niet(vrij) if c.ontkend else vrij, ONWAAR, v.fout)
        if isinstance(c, ir.Periode) and (p := kalender.periode(self, c, f)) is not None:
            return p  # at the encoded moment of the stretch: exact (solver/kalender.py)
        if isinstance(c, ir.Periode | ir.GehelePeriode):
            # Whether a bare period or `gedurende het gehele jaar` holds is not decided at one moment
            # of a stretch: free (over-approximation; the interpreter confirms).
            self.benaderingen.add("kale perioden en 'gedurende het gehele jaar/de gehele maand' als vrije "
                                  "voorwaarden")
            return Val("bool", self._vers(f"periode:{type(c).__name__}", "bool"))
        assert isinstance(c, ir.Vergelijk), type(c).__name__
        return self._vergelijk(c, f)

    def _abstract_kwantor(self, c: ir.Gekwantificeerd, coll: Val) -> Val:
        assert coll.coll is not None
        key = f"kwantor:{c.kwantor}:{c.aantal}:{coll.coll.key}|{skey(c.voorwaarde)}"
        if key not in self._abstract:
            self.benaderingen.add("aggregaties en kwantoren over meervoudige rollen als vrije variabelen")
            b = self._vers(key, "bool")
            n = self.aantal(coll.coll)
            k = c.aantal or (1 if c.kwantor == "ten_minste" else 0)
            if c.kwantor in ("alle", "geen"):
                self.defs.append(z3.Implies(n == 0, b))
            elif c.kwantor == "ten_minste":
                self.defs.append(z3.Implies(n < k, z3.Not(b)))
            elif c.kwantor == "ten_hoogste":
                self.defs.append(z3.Implies(n <= k, b))
            else:
                self.defs.append(z3.Implies(n < k, z3.Not(b)))
            self._abstract[key] = Val("bool", b)
        return Val("bool", self._abstract[key].w, ONWAAR, coll.fout)

    def _vergelijk(self, c: ir.Vergelijk, f: Frame) -> Val:
        links = self.expr(c.links, f)
        rechts = [z_maal(self.expr(r, f), c.factoren[i] if c.factoren else 1) for i, r in enumerate(c.rechts)]
        fout = z_of(links.fout, *[r.fout for r in rechts])
        if links.soort in ("lijst", "object", "onbekend") or any(r.soort in ("lijst", "object", "onbekend")
                                                                 for r in rechts):
            self.benaderingen.add("vergelijkingen van objecten of collecties als vrije variabelen")
            return Val("bool", self._vers("vergelijking", "bool"), ONWAAR, fout)
        soort = "datum" if c.op in ("eerder", "eerder_gelijk", "later", "later_gelijk") else c.soort
        uitkomsten = [predicaat(c.op, links, r, soort) for r in rechts]
        # any() / all() stop early: a later comparison only fails when it is reached.
        tot_hier = WAAR
        for w, pf in uitkomsten:
            fout = z_of(fout, z_en(tot_hier, pf))
            tot_hier = z_en(tot_hier, z_niet(w) if c.op != "ongelijk" else w)
        if c.op == "ongelijk":
            return Val("bool", z_en(*[w for w, _ in uitkomsten]), ONWAAR, fout)
        return Val("bool", z_of(*[w for w, _ in uitkomsten]), ONWAAR, fout)


def _vaste_term(x: ir.Expr) -> bool:
    from regelspraak.model.order import walk_expr

    return not any(isinstance(node, ir.AttribuutLezen | ir.VariabeleRef) for node in walk_expr(x))
