"""The `Encoder`: rule versions as z3 terms over one world (see the package docstring for what
is exact and what is approximated).

Derived attributes and kenmerken are read by substituting their defining rules, in execution
order: the first firing writer's value, then Initialisaties if still leeg; what the case reader
accepts as input is a free input variable (`world`). A rule result applied to an object gives
when it fires, the value it writes and when it fails (`toepassing`). The input-domain assumptions
(`invoercontroles`, `schoon`) are added on request, and a z3 model is read back as a case file in
the format `bereken --gegevens` reads (`geval`).
"""

from __future__ import annotations

import dataclasses
from datetime import date
from fractions import Fraction
from typing import Any

import z3

from regelspraak.analyses.solver.expressions import ExprEncoder
from regelspraak.analyses.solver.kalender import moment_datum
from regelspraak.analyses.solver.operators import DAG_MAX, heeft_decimalen
from regelspraak.analyses.solver.values import (
    ONWAAR,
    WAAR,
    Frame,
    Slot,
    Toepassing,
    Val,
    Z,
    als_soort,
    kies,
    z_en,
    z_leeg,
    z_niet,
    z_of,
    z_soort,
)
from regelspraak.analyses.solver.world import MAX_DIEPTE
from regelspraak.model import ir
from regelspraak.model.order import reads_of
from regelspraak.values.notation import format_getal

_MOOI_VAN = date(1900, 1, 1).toordinal()
_MOOI_TOT = date(2100, 12, 31).toordinal()


class Encoder(ExprEncoder):
    """Builds z3 terms for rule versions over one tree-shaped world; see the module docstring."""

    # ------------------------------------------------------------ derived attributes and kenmerken

    def _schrijvers(self, sleutel: tuple[str, str]) -> list[tuple[ir.Regel, ir.Versie, ir.Toekenning]]:
        out = []
        for r, v in self.geldig:
            for res in v.resultaten:
                if isinstance(res, ir.Toekenning) and _sleutel(res.doel) == sleutel:
                    out.append((r, v, res))
        return out

    def attribuut(self, slot: Slot, a: ir.Attribuut, voor: ir.Toekenning | None = None) -> Val:
        """The final value of attribute `a` of `slot` (input, or substituted rules).

        With `voor`, the value just before that writer runs (to see whether an Initialisatie
        can still fill anything).
        """
        sleutel = (a.objecttype, a.naam.lower())
        cache = (slot.id, a.naam.lower()) if voor is None else (slot.id, a.naam.lower() + f"@{id(voor)}")
        if cache in self._attr:
            return self._attr[cache]
        naam = f"{slot.id}.{a.naam.lower().replace(' ', '_')}"
        schrijvers = self._schrijvers(sleutel)
        if cache in self._bezig:
            v = self._vrij(a.type, naam, "cyclische afleiding als vrije variabele")
            self._attr[cache] = v
            return v
        if any(res.doel.pad for _, _, res in schrijvers):
            v = self._vrij(a.type, naam, "attributen die via een rolpad worden afgeleid als vrije variabelen")
            self._attr[cache] = v
            return v
        if sleutel in self.niet_gecodeerd:
            v = self._vrij(a.type, naam, "uitkomsten van een verdeling als vrije variabelen")
            self._attr[cache] = v
            return v
        if schrijvers and slot.diepte > MAX_DIEPTE:
            v = self._vrij(a.type, naam, f"afleidingen verder dan {MAX_DIEPTE} rolstappen als vrije variabelen")
            self._attr[cache] = v
            return v
        if self._invoer_toegestaan(sleutel):
            if a.naam in slot.invoer:
                cur = slot.invoer[a.naam][0]
            else:
                cur = self.invoer(a.type, naam)
                slot.invoer[a.naam] = (cur, a.type)
        else:
            cur = z_leeg(z_soort(a.type))
        self._bezig.add(cache)
        try:
            geschreven = ONWAAR
            volgorde = [s for s in schrijvers if not s[2].initialisatie] + [s for s in schrijvers if s[2].initialisatie]
            if voor is not None:
                schrijvers = volgorde[:next(i for i, s in enumerate(volgorde) if s[2] is voor)]
            for regel, versie, res in schrijvers:
                if res.initialisatie:
                    continue
                t = self.toepassing(slot, regel, versie, res)
                self.keten_fouten.append(z_en(slot.bestaat, t.fout))
                assert t.waarde is not None
                cur = kies(z_en(z_niet(geschreven), t.vuurt), t.waarde, cur)
                geschreven = z_of(geschreven, t.vuurt)
            for regel, versie, res in schrijvers:
                if not res.initialisatie:
                    continue
                t = self.toepassing(slot, regel, versie, res, leeg_nu=cur.leeg)
                self.keten_fouten.append(z_en(slot.bestaat, t.fout))
                assert t.waarde is not None
                cur = kies(t.vuurt, t.waarde, cur)
        finally:
            self._bezig.discard(cache)
        cur = dataclasses.replace(cur, fout=ONWAAR)  # readers never fail on a stored value
        self._attr[cache] = cur
        return cur

    def kenmerk(self, slot: Slot, k: ir.Kenmerk) -> Z:
        sleutel = (k.objecttype, "kenmerk:" + k.naam.lower())
        cache = (slot.id, "kenmerk:" + k.naam.lower())
        if cache in self._kenmerk:
            return self._kenmerk[cache]
        schrijvers = self._schrijvers(sleutel)
        naam = f"{slot.id}.{k.naam.lower().replace(' ', '_')}"
        if sleutel not in self.geschreven:
            b = self._vers(naam, "bool")
            slot.invoer_kenmerken[k.naam] = b
            self._kenmerk[cache] = b
            return b
        if cache in self._bezig or any(res.doel.pad for _, _, res in schrijvers) or (
                schrijvers and slot.diepte > MAX_DIEPTE):
            self.benaderingen.add("kenmerken die niet binnen de wereld af te leiden zijn als vrije variabelen")
            b = self._vers(naam, "bool")
            self._kenmerk[cache] = b
            return b
        self._bezig.add(cache)
        try:
            aan = ONWAAR
            for regel, versie, res in schrijvers:
                t = self.toepassing(slot, regel, versie, res)
                self.keten_fouten.append(z_en(slot.bestaat, t.fout))
                aan = z_of(aan, t.vuurt)
        finally:
            self._bezig.discard(cache)
        self._kenmerk[cache] = aan
        return aan

    # ------------------------------------------------------------ rules

    def toepassing(self, slot: Slot, regel: ir.Regel, versie: ir.Versie, res: ir.Toekenning,
                   leeg_nu: Z | None = None) -> Toepassing:
        """`res` of `versie` applied to subject `slot`, as the interpreter's `_apply` does.

        For an Initialisatie pass `leeg_nu` (the target is still leeg); it only fires then.
        """
        del regel
        f = Frame(slot, versie)
        if res.voorwaarde is not None:
            c = self.conditie(res.voorwaarde, f)
            geldt, cfout = c.w, c.fout
        else:
            geldt, cfout = WAAR, ONWAAR
        doel: Slot | None = slot
        doel_ok = WAAR
        for rol in res.doel.pad:
            assert doel is not None
            if rol.meervoudig:
                # The interpreter writes when exactly one object is related; not encoded, so
                # whether the target exists is left free (an over-approximation).
                self.benaderingen.add("toekenning via een meervoudige rol als vrije variabele")
                doel = None
                doel_ok = z_en(doel_ok, self._vers("doel", "bool"))
                break
            nxt = self.navigeer(doel, rol)
            assert isinstance(nxt, list)
            doel = nxt[0]
            doel_ok = z_en(doel_ok, doel.bestaat)
        bereikt = z_en(geldt, z_niet(cfout), doel_ok)
        if res.doel.kenmerk is not None:
            return Toepassing(bereikt, None, cfout, doel)
        assert res.doel.attribuut is not None and res.expr is not None
        if leeg_nu is not None:
            bereikt = z_en(bereikt, leeg_nu)
        v = self.expr(res.expr, f)
        t = res.doel.attribuut.type
        efout = v.fout
        decimalen = ONWAAR
        if v.soort == "lijst":
            efout = WAAR  # "De uitkomst bestaat uit meerdere waarden."
        elif v.soort == "getal" and t.decimalen is not None:
            decimalen = z_en(z_niet(v.fout), z_niet(v.leeg), z_niet(heeft_decimalen(v, t.decimalen)))
            efout = z_of(efout, decimalen)
        v = als_soort(v, z_soort(t))
        return Toepassing(z_en(bereikt, z_niet(efout)), v, z_of(cfout, z_en(bereikt, efout)), doel, bereikt,
                          z_en(bereikt, decimalen))

    # ------------------------------------------------------------ assumptions

    def invoercontroles(self, slots: list[Slot] | None = None) -> None:
        """Assume the consistentieregels that read only inputs hold (they define valid input)."""
        for _, v in self.geldig:
            if not all(_is_invoer(self, k) for k in reads_of(v)):
                continue
            for res in v.resultaten:
                if not isinstance(res, ir.Consistentieregel) or res.voorwaarde is None:
                    continue
                for s in list(slots if slots is not None else self.slots):
                    if s.type != v.onderwerp:
                        continue
                    c = self.conditie(res.voorwaarde, Frame(s, v))
                    self.defs.append(z3.Implies(s.bestaat, z3.And(c.w, z_niet(c.fout))))

    def schoon(self) -> None:
        """Assume no rule fails at run time for any object of the world (a clean case)."""
        for s in list(self.slots):
            for r, v in self.geldig:
                if v.onderwerp != s.type:
                    continue
                for res in v.resultaten:
                    if isinstance(res, ir.Toekenning):
                        t = self.toepassing(s, r, v, res)
                        self.defs.append(z3.Implies(s.bestaat, z_niet(t.fout)))
        self.defs += [z3.Not(k) for k in self.keten_fouten]

    # ------------------------------------------------------------ cases

    def geval(self, m: Z) -> dict[str, Any]:
        """The world in model `m` as a case file (the format `bereken --gegevens` reads)."""
        if self.stuk is not None and self._stukindex is not None:
            i = m.eval(self._stukindex, model_completion=True).as_long()
            self.gekozen = self.stuk.deel[max(0, min(len(self.stuk.deel) - 1, i))]
        if self._moment is not None:
            self.moment_gekozen = moment_datum(m, self._moment)
        ids: dict[str, str] = {}
        tellers: dict[str, int] = {}
        objecten: dict[str, dict[str, Any]] = {}
        feiten: list[dict[str, Any]] = []
        for s in self.slots:
            if not z3.is_true(m.eval(s.bestaat, model_completion=True)):
                continue
            basis = s.type.replace(" ", "_")
            tellers[basis] = tellers.get(basis, 0) + 1
            ids[s.id] = basis if tellers[basis] == 1 else f"{basis}_{tellers[basis]}"
            ot = self.model.objecttypen[s.type]
            obj: dict[str, Any] = {"type": ot.naam}
            for naam, (v, t) in sorted(s.invoer.items()):
                w = self.decodeer(m, v, t)
                if w is not None and t.periode is not None and self.gekozen is not None:
                    # a timeline input: this value on the encoded stretch, leeg elsewhere
                    w = [{"vanaf": self.gekozen.vanaf.isoformat(), "tot": self.gekozen.tot.isoformat(), "waarde": w}]
                if w is not None:
                    obj[naam] = w
            for naam, b in sorted(s.invoer_kenmerken.items()):
                obj[naam] = z3.is_true(m.eval(b, model_completion=True))
            objecten[ids[s.id]] = obj
        for s in self.slots:
            if s.id not in ids or s.ouder is None or s.via is None:
                continue
            ft = self.model.feittypen[s.via[0]]
            if ft.wederkerig:
                feiten.append({"feittype": ft.naam, ft.rollen[0].naam: [ids[s.ouder.id], ids[s.id]]})
            else:
                rol_kind = next(r for r in ft.rollen if r.index == s.via[1])
                rol_ouder = next(r for r in ft.rollen if r.index != s.via[1])
                feiten.append({"feittype": ft.naam, rol_ouder.naam: ids[s.ouder.id], rol_kind.naam: ids[s.id]})
        geval: dict[str, Any] = {"rekendatum": self.rekendatum.isoformat()}
        # All parameters, not only those read here: the interpreter runs every rule.
        params = {}
        for naam in sorted(self.parameters):
            if (naam in self.model.parameters and self.stuk is not None and naam in self.stuk.tijdlijnen
                    and self.model.parameters[naam].type.periode is not None):
                # a timeline parameter whole: the interpreter runs the year, the finding is on the stretch
                params[self.model.parameters[naam].naam] = [
                    {"vanaf": d.vanaf.isoformat(), "tot": d.tot.isoformat(), "waarde": _tekst(d.waarde)}
                    for d in self.stuk.tijdlijnen[naam].stukken]
            elif naam in self.model.parameters and self.parameters[naam] is not None:
                params[self.model.parameters[naam].naam] = _tekst(self.parameters[naam])
        if params:
            geval["parameters"] = params
        geval["objecten"] = objecten
        if feiten:
            geval["feiten"] = feiten
        return geval

    def decodeer(self, m: Z, v: Val, t: ir.Type) -> Any:
        if z3.is_true(m.eval(v.leeg, model_completion=True)):
            return None
        if v.soort == "getal":
            if v.n is not None:
                return format_getal(Fraction(m.eval(v.n, model_completion=True).as_long(), v.d))
            w = m.eval(v.w, model_completion=True)
            if not z3.is_rational_value(w):
                raise ValueError("geen rationale waarde")
            return format_getal(Fraction(w.numerator_as_long(), w.denominator_as_long()))
        w = m.eval(v.w, model_completion=True)
        if v.soort == "datum":
            return date.fromordinal(max(1, min(DAG_MAX, w.as_long()))).isoformat()
        if v.soort == "bool":
            return z3.is_true(w)
        if v.soort in ("enum", "tekst"):
            code = w.as_long()
            for tekst, c in self.codes.items():
                if c == code:
                    return tekst
            if v.soort == "enum":
                return t.waarden[0] if t.waarden else None
            return f"tekst {code}"
        return None

    def omvang(self) -> Z:
        """How far the inputs are from 0 (numbers) and the rekendatum (dates): minimised for a small case."""
        termen: list[Z] = []
        peil = self.rekendatum.toordinal()
        for s in self.slots:
            termen.append(z3.If(s.bestaat, 1, 0))
            for v, _ in s.invoer.values():
                if v.soort == "getal" and v.n is not None:
                    termen.append(z3.If(v.leeg, 0, z3.If(v.n < 0, -v.n, v.n) + 1))
                elif v.soort == "datum":
                    termen.append(z3.If(v.leeg, 0, z3.If(v.w < peil, peil - v.w, v.w - peil) + 1))
        return z3.Sum(*termen) if termen else z3.IntVal(0)

    def mooi(self) -> list[Z]:
        """Preferences for a readable counterexample (dropped when they make the query unsat)."""
        out = []
        for s in self.slots:
            for v, _ in s.invoer.values():
                if v.soort == "getal" and v.n is not None:
                    out += [v.n <= 10**9 * v.d, v.n >= -(10**9) * v.d]
                elif v.soort == "getal":
                    out += [v.w <= 10**9, v.w >= -(10**9), z3.IsInt(v.w * 100)]
                elif v.soort == "datum":
                    out += [v.w >= _MOOI_VAN, v.w <= _MOOI_TOT]
                elif v.soort == "tekst":
                    out.append(v.w < len(self.codes) + 3)
        return out


def _sleutel(d: ir.Doel) -> tuple[str, str]:
    ot, naam = d.sleutel
    return (ot, naam.lower())


def _is_invoer(enc: Encoder, k: tuple[str, str]) -> bool:
    return k not in enc.geschreven or (k in enc.alleen_init and k not in enc.volledig)


def _tekst(w: ir.Waarde) -> Any:
    if isinstance(w, Fraction):
        return format_getal(w)
    if isinstance(w, date):
        return w.isoformat()
    return w
