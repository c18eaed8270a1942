"""The world around the subject of a query: a tree of object slots, one per single-valued role
path, N per multi-valued role (`Meervoud.SLOTS`) or an abstract collection (`Meervoud.ABSTRACT`);
navigating back along the role one came by returns the object one came from. And the free input
variables of those objects, constrained to their declared domains.

`WorldEncoder` is the part of the `Encoder` that knows no rules: the state every query shares
(definitions, approximations used, the slots) and fresh z3 variables.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING

import z3

from regelspraak.analyses.solver.operators import DAG_MAX
from regelspraak.analyses.solver.values import ONWAAR, WAAR, Coll, Slot, Val, Z, z_getal
from regelspraak.model import ir

if TYPE_CHECKING:
    from regelspraak.analyses.stukken import Stuk

MAX_DIEPTE = 4  # role steps from the subject along which derived values are still substituted
MAX_SLOTS = 48  # object slots in one world before collections fall back to the abstraction
N_SLOTS = 3  # members per multi-valued role when searching a concrete case


class Meervoud(Enum):
    ABSTRACT = "abstract"
    SLOTS = "slots"


class WorldEncoder:
    """The objects of one query's world and their input variables; see the module docstring."""

    def __init__(self, model: ir.Model, parameters: dict[str, ir.Waarde], rekendatum: date,
                 meervoud: Meervoud = Meervoud.ABSTRACT, n_slots: int = N_SLOTS,
                 stuk: Stuk | None = None) -> None:
        self.model = model
        # A timeline model is encoded at one moment: the start of `stuk` (analyses/stukken.py); the
        # rule versions valid then, `parameters` are the values then, a timeline is its value then.
        self.stuk = stuk
        self.gekozen = stuk  # the finer stretch a counterexample falls on (set when read back, `geval`)
        self.varieert = set(stuk.varieert()) if stuk is not None else set()
        self._stukindex: Z = None
        self._moment: Z = None  # the day of `stuk` a question is about (made when a bare period needs it)
        self.moment_gekozen: date | None = None  # that day in a counterexample (set when read back, `geval`)
        self.parameters = parameters
        self.rekendatum = rekendatum
        self.meervoud = meervoud
        self.n_slots = n_slots
        self.defs: list[Z] = []  # definitions and input domains: always asserted
        self.keten_fouten: list[Z] = []  # run-time errors of substituted rules (for clean cases)
        self.benaderingen: set[str] = set()  # over-approximations used
        self.begrenzingen: set[str] = set()  # under-approximations used
        self.parameters_gelezen: set[str] = set()
        self.ontbrekend: set[str] = set()  # parameters read that have no value on the rekendatum
        self.slots: list[Slot] = []
        self.codes: dict[str, int] = {}
        self._teller = 0
        self._attr: dict[tuple[str, str], Val] = {}
        self._kenmerk: dict[tuple[str, str], Z] = {}
        self._bezig: set[tuple[str, str]] = set()
        self._ymd: dict[int, tuple[Z, Z, Z]] = {}
        self._ymd_houd: list[Z] = []
        self._aantal: dict[str, Z] = {}
        self._abstract: dict[str, Val] = {}
        self._vars: dict[tuple[str, int], dict[str, Val]] = {}
        from regelspraak.analyses.stukken import geldig_op_moment

        geldig = [(r, v) for r in model.regels for v in r.versies if geldig_op_moment(r, v, rekendatum, stuk)]
        self.geldig = geldig
        self.geschreven = {w for r in model.regels for w in r.schrijft}
        self.alleen_init = {w for r in model.regels for v in r.versies for res in v.resultaten
                            if isinstance(res, ir.Toekenning) and res.initialisatie for w in r.schrijft}
        self.volledig = {w for r in model.regels for v in r.versies for res in v.resultaten
                         if isinstance(res, ir.Toekenning) and not res.initialisatie for w in r.schrijft}
        # Verdeling, ObjectCreatie and FeitCreatie (taal.md §11) are not encoded: what they write is free,
        # and created objects or facts are outside the world's slots.
        from regelspraak.model.order import writes_of

        self.niet_gecodeerd = {w for r in model.regels for v in r.versies if v.verdeling is not None
                               for w in writes_of(v)}
        if any(v.creatie is not None for r in model.regels for v in r.versies):
            self.benaderingen.add("objectcreatie en feitcreatie: aangemaakte objecten en feiten buiten de wereld")

    # ------------------------------------------------------------ world

    def stukindex(self) -> Z:
        """Which finer stretch of `stuk` the question is about (an Int in 0..n-1), made when first needed."""
        if self._stukindex is None:
            assert self.stuk is not None
            self._stukindex = self._vers("stukindex", "int")
            self.defs.append(z3.And(self._stukindex >= 0, self._stukindex < len(self.stuk.deel)))
        return self._stukindex

    def moment(self) -> Z:
        """The day of `stuk` the question is about (an Int day number in the stretch, tied to the stretch
        index of its finer stretches), made when first needed: a bare period holds on it or not."""
        if self._moment is None:
            assert self.stuk is not None
            t = self._moment = self._vers("moment", "int")
            self.defs.append(z3.And(t >= self.stuk.vanaf.toordinal(), t < self.stuk.tot.toordinal()))
            if self.stuk.deel:
                i = self.stukindex()
                self.defs += [(i == k) == z3.And(t >= d.vanaf.toordinal(), t < d.tot.toordinal())
                              for k, d in enumerate(self.stuk.deel)]
        return self._moment

    def _vers(self, naam: str, sort: str) -> Z:
        self._teller += 1
        maak = {"int": z3.Int, "real": z3.Real, "bool": z3.Bool}[sort]
        # '|' and '\\' cannot stand in an SMT-LIB symbol: each question is handed to z3 as text (search.py)
        return maak(f"{naam.replace('|', '/').replace(chr(92), '/')}!{self._teller}")

    def wortel(self, objecttype: str) -> Slot:
        """The subject of the query (it exists)."""
        s = Slot(objecttype.replace(" ", "_"), objecttype, WAAR, 0)
        self.slots.append(s)
        return s

    def _kind(self, ouder: Slot, via: tuple[str, int], objecttype: str, k: int, vorige: Z | None) -> Slot:
        naam = f"{ouder.id}/{via[0].replace(' ', '_')}.{via[1]}#{k}"
        b = self._vers("bestaat", "bool")
        self.defs.append(z3.Implies(b, ouder.bestaat))
        if vorige is not None:  # symmetry: member k+1 only exists after member k
            self.defs.append(z3.Implies(b, vorige))
        s = Slot(naam, objecttype, b, ouder.diepte + 1, ouder, via)
        self.slots.append(s)
        return s

    def _terug(self, slot: Slot, feittype: str, index: int) -> bool:
        """Does navigating from `slot` to role `index` lead back to the object we came from?"""
        if slot.via is None or slot.via[0] != feittype:
            return False
        ft = self.model.feittypen[feittype]
        return index == (slot.via[1] if ft.wederkerig else 1 - slot.via[1])

    def navigeer(self, slot: Slot, rol: ir.Rol) -> list[Slot] | Coll:
        """The objects reached from `slot` via `rol`: slots, or an abstract collection."""
        sleutel = (rol.feittype, rol.index)
        terug = self._terug(slot, rol.feittype, rol.index)
        if not rol.meervoudig:
            if terug:
                assert slot.ouder is not None
                return [slot.ouder]
            if sleutel not in slot.kinderen:
                slot.kinderen[sleutel] = [self._kind(slot, sleutel, rol.objecttype, 1, None)]
            return slot.kinderen[sleutel]
        if self.meervoud is Meervoud.ABSTRACT or len(self.slots) + self.n_slots > MAX_SLOTS:
            if self.meervoud is Meervoud.SLOTS:
                self.benaderingen.add(f"meer dan {MAX_SLOTS} objecten: verdere collecties als vrije variabelen")
            else:
                self.benaderingen.add("aggregaties en kwantoren over meervoudige rollen als vrije variabelen")
            return Coll(f"{slot.id}>{rol.feittype}.{rol.index}", slot, bevat_ouder=terug)
        if sleutel not in slot.kinderen:
            kinderen: list[Slot] = []
            vorige = None
            for k in range(1, self.n_slots + 1):
                kind = self._kind(slot, sleutel, rol.objecttype, k, vorige)
                kinderen.append(kind)
                vorige = kind.bestaat
            slot.kinderen[sleutel] = kinderen
            self.begrenzingen.add(f"ten hoogste {self.n_slots} objecten per meervoudige rol")
        uit = slot.kinderen[sleutel]
        return ([slot.ouder] if terug and slot.ouder is not None else []) + uit

    # ------------------------------------------------------------ inputs

    def code(self, tekst: str) -> int:
        if tekst not in self.codes:
            self.codes[tekst] = len(self.codes)
        return self.codes[tekst]

    def invoer(self, t: ir.Type, naam: str) -> Val:
        """A fresh input value of type `t`, constrained to its declared domain."""
        leeg = self._vers(naam + ".leeg", "bool")
        if t.is_getal:
            if t.decimalen is not None:
                v = z_getal(self._vers(naam, "int"), 10**t.decimalen, leeg=leeg)
                x = v.n
            else:
                v = z_getal(w=self._vers(naam, "real"), leeg=leeg)
                x = v.w
            if t.teken == "niet-negatief":
                self.defs.append(x >= 0)
            elif t.teken == "positief":
                self.defs.append(x > 0)
            return v
        if t.soort == "datum":
            w = self._vers(naam, "int")
            self.defs.append(z3.And(w >= 1, w <= DAG_MAX))
            return Val("datum", w, leeg)
        if t.soort == "enumeratie":
            w = self._vers(naam, "int")
            self.defs.append(z3.Or(*[w == self.code(v) for v in t.waarden]) if t.waarden else ONWAAR)
            return Val("enum", w, leeg)
        if t.soort == "boolean":
            return Val("bool", self._vers(naam, "bool"), leeg)
        if t.soort == "tekst":
            w = self._vers(naam, "int")
            self.defs.append(w >= 0)
            return Val("tekst", w, leeg)
        self.benaderingen.add(f"waarden van type {t.beschrijf()} als vrije variabelen")
        return Val("onbekend", self._vers(naam, "int"), leeg)

    def _vrij(self, t: ir.Type, naam: str, reden: str) -> Val:
        """An unconstrained value standing for something not encoded (over-approximation)."""
        self.benaderingen.add(reden)
        v = self.invoer(dataclasses.replace(t, teken=None, decimalen=None) if t.is_getal else t, naam)
        return v

    def _invoer_toegestaan(self, sleutel: tuple[str, str]) -> bool:
        # As the case reader (inputs/files.py): input only for what no rule writes, or only an
        # Initialisatie writes.
        return sleutel not in self.geschreven or (sleutel in self.alleen_init and sleutel not in self.volledig)

    # ------------------------------------------------------------ collections

    def aantal(self, c: Coll) -> Z:
        if c.attribuut is not None and c.basis is not None:
            return self.aantal(c.basis)
        if c.key in self._aantal:
            return self._aantal[c.key]
        n = self._vers("aantal:" + c.key, "int")
        self.defs.append(n >= 0)
        if c.basis is not None:
            self.defs.append(n <= self.aantal(c.basis))
        if c.bevat_ouder:
            self.defs.append(n >= 1)
        self._aantal[c.key] = n
        return n


def attribuut_sleutel(a: ir.Attribuut) -> tuple[str, str]:
    return (a.objecttype, a.naam.lower())
