"""The IR as z3 formulas: one rule version, one subject, exact where the rules are decidable.

The exhaustive analyses (conflicts, decision tables, reachability) ask z3 questions such as
"is there an input for which both rules fire and give different values?". This module turns the
typed rule model into z3 terms that agree with the reference interpreter (`evaluate/interpret.py`),
builds a case file from a z3 model, and confirms every counterexample by running the interpreter
on it: a finding never rests on the encoding alone.

What is encoded exactly (`Encoder`):

- numbers as exact rationals: an Int numerator over a constant denominator (an input with N
  declared decimals is `n / 10**N` for an Int `n`, so integer-typed attributes are Ints; literals,
  parameters, sums, products, division by a constant and rounding stay in this form, so z3 decides
  them in integer arithmetic), with z3 Reals only after a division by a variable or for inputs
  without declared decimals; `niet-negatief`/`positief` constrain the input; enumerations and
  texts as Int codes (enumerations range over their domain), kenmerken and Booleans as Bools;
- `leeg`: every value carries a Bool `leeg`, and every operator and predicate follows the leeg
  tables of regelspraak-taal.md §6 (also the run-time errors: division by zero or by leeg, two
  empty dates compared, a minimum above the maximum, too many decimals for the target);
- dates as Int day numbers (`date.toordinal`), with year/month/day recovered through the civil
  calendar formula (division by constants only: linear integer arithmetic), so `tijdsduur … in
  hele jaren|maanden|dagen`, `plus N mnd` (with month-end clamping) and `de maand uit` are exact;
- rounding in all five modes (integer division of the scaled numerator by the constant
  denominator; `ToInt` on the scaled value for Reals), begrenzing, absolute waarde,
  min/max over written lists, `de som van A, B en C` with its special leeg rule;
- parameters as their concrete values on the rekendatum;
- the world around the subject as a tree of object slots: every single-valued role path gets its
  own variables and an existence flag; navigating back along the role one came by returns the
  object one came from (the huishouden of a lid of H is H);
- derived attributes and kenmerken by substituting their defining rules (the chain), in
  execution order: the first firing writer's value, then Initialisaties if still leeg; what the
  case reader accepts as input (nothing a rule writes, except what only an Initialisatie writes)
  is a free input variable.

Input domain ("reachable input"): the declared types, and, where an analysis says so, the
consistentieregels that read only input (they define valid input; `Encoder.invoercontroles`).

What is approximated, and how (`Encoder.benaderingen` lists what a query used):

- collections over multi-valued roles. In `Meervoud.ABSTRACT` mode a collection is a fresh
  count, an aggregate a fresh value and a quantifier a fresh Bool, constrained only by facts that
  hold in every world (a count is >= 0, a subselection is no larger than its collection, an empty
  collection has an empty sum, ...): an over-approximation, so `unsat` is a proof. In
  `Meervoud.SLOTS` mode a collection is N explicit object slots: exact for every world with at
  most N related objects (an under-approximation), so `sat` gives a concrete case;
- derived attributes written through a role path (`De X van de partner van …`), derivations
  deeper than `MAX_DIEPTE` role steps, objects of all instances of a type and comparisons of
  objects: fresh unconstrained values (over-approximation).

Every check runs abstract first (a proof when unsat), then with slots for a witness (the
smallest z3 finds quickly: numbers near 0, dates near the rekendatum), then the interpreter
confirms the witness, read exactly as `bereken --gegevens` reads a case file (`Zoeker.zoek`).
A finding is `bewezen` when the encoding that produced the confirmed case was exact.
tests/unit/analyses/test_z3_encoding.py checks value for value that the exact encoding equals the
interpreter, and that the abstract encoding admits the interpreter's outcome, on every golden
model and on the real models.

>>> from pathlib import Path
>>> import tempfile, datetime
>>> from regelspraak.model.from_syntax import load_model
>>> d = Path(tempfile.mkdtemp()); p = d / "m.rgs"
>>> _ = p.write_text('''Objecttype de Persoon (bezield)
... \\tde leeftijd\\tNumeriek (niet-negatief geheel getal) met eenheid jr;
... Regel oud
... \\tgeldig altijd
... \\t\\tDe leeftijd van een Persoon moet kleiner zijn dan 130 jr.
... ''', "utf-8")
>>> model, _ = load_model([p])
>>> ctx = Context(model, {}, datetime.date(2025, 1, 1), budget_s=5.0)
>>> zoeker = Zoeker(ctx, Budget(5.0), invoercontroles=False)  # the rule under test is one
>>> regel = model.regels[0]
>>> res = regel.versies[0].resultaten[0]
>>> def schending(enc: Encoder) -> list[Any]:
...     w = enc.wortel("persoon")
...     c = enc.conditie(res.voorwaarde, Frame(w, regel.versies[0]))
...     return [z3.Not(c.w), z3.Not(c.fout)]
>>> r = zoeker.zoek(schending, lambda u, wortel: any(i.regel == "oud" for i in u.inconsistenties))
>>> r.status.value, r.exact, r.uitkomst.inconsistenties[0].object_id
('gevonden', True, 'persoon')
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from fractions import Fraction
from typing import Any, Protocol

import z3

from regelspraak.analyses.findings import Finding, Oordeel, RegelPlek
from regelspraak.diagnostics import Ernst
from regelspraak.evaluate.interpret import Gegevens, Uitkomst, run
from regelspraak.inputs import yaml_source
from regelspraak.inputs.files import Geval, case_from
from regelspraak.model import ir
from regelspraak.model.order import reads_of
from regelspraak.origin import Herkomst
from regelspraak.values.notation import format_getal
from regelspraak.values.rounding import Afronding

Z = Any  # a z3 term; z3 ships without type information

MAX_DIEPTE = 4  # role steps from the subject along which derived values are still substituted
MAX_SLOTS = 48  # object slots in one world before collections fall back to the abstraction
N_SLOTS = 3  # members per multi-valued role when searching a concrete case
RLIMIT_MINIMAAL = 20_000_000  # z3 resource units for minimising a case (about 1-2 s here)
DAG_MAX = date.max.toordinal()
_MOOI_VAN = date(1900, 1, 1).toordinal()
_MOOI_TOT = date(2100, 12, 31).toordinal()


class AnalyseContext(Protocol):
    """What an analysis gets (the lead's class satisfies this structurally)."""

    @property
    def model(self) -> ir.Model: ...
    @property
    def parameters(self) -> dict[str, ir.Waarde]: ...
    @property
    def rekendatum(self) -> date: ...
    @property
    def budget_s(self) -> float: ...


@dataclass(frozen=True)
class Context:
    """A plain `AnalyseContext`, for tests and doctests."""

    model: ir.Model
    parameters: dict[str, ir.Waarde]
    rekendatum: date
    budget_s: float = 10.0


class Budget:
    """The time budget of one analysis, shared by all its z3 queries."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def over_ms(self) -> int:
        return int((self.deadline - time.monotonic()) * 1000)

    @property
    def op(self) -> bool:
        return self.over_ms() <= 0


class Meervoud(Enum):
    ABSTRACT = "abstract"
    SLOTS = "slots"


# ---------------------------------------------------------------- values and slots

_ONWAAR = z3.BoolVal(False)
_WAAR = z3.BoolVal(True)


@dataclass(eq=False)
class Slot:
    """One object in the tree-shaped world around the subject."""

    id: str
    type: str
    bestaat: Z
    diepte: int
    ouder: Slot | None = None
    via: tuple[str, int] | None = None  # (feittype, role index) navigated from the parent
    kinderen: dict[tuple[str, int], list[Slot]] = field(default_factory=dict)
    invoer: dict[str, tuple[Val, ir.Type]] = field(default_factory=dict)  # input attributes read
    invoer_kenmerken: dict[str, Z] = field(default_factory=dict)


@dataclass(eq=False)
class Coll:
    """An abstract collection (over-approximation): only its size and facts true in every world."""

    key: str
    slot: Slot
    basis: Coll | None = None  # a subselection or attribute list of this collection
    bevat_ouder: bool = False  # the object we came from is a member
    attribuut: ir.Attribuut | None = None  # a list of this attribute of the members


@dataclass(frozen=True, eq=False)
class Val:
    """An encoded value: its kind, the z3 term, whether it is leeg, and when evaluating it fails."""

    soort: str  # getal, datum, enum, tekst, bool, object, lijst, leeg
    w: Z = None
    leeg: Z = _ONWAAR
    fout: Z = _ONWAAR
    slot: Slot | None = None
    items: tuple[tuple[Z, Val], ...] = ()
    coll: Coll | None = None
    n: Z = None  # numbers: Int numerator (value n/d), or None when only the Real `w` is known
    d: int = 1


@dataclass(eq=False)
class Frame:
    """One rule version evaluated for one subject slot (variables cached per frame)."""

    onderwerp: Slot
    versie: ir.Versie
    elementen: tuple[Val, ...] = ()
    variabelen: dict[str, Val] = field(default_factory=dict)

    def met(self, element: Val) -> Frame:
        return Frame(self.onderwerp, self.versie, (*self.elementen, element), self.variabelen)


@dataclass(frozen=True)
class Toepassing:
    """A rule result applied to a slot: when it fires, the value it writes, when it fails."""

    vuurt: Z
    waarde: Val | None
    fout: Z
    doel: Slot | None
    bereikt: Z = _ONWAAR  # the condition holds without error (the value is then evaluated)
    decimalen: Z = _ONWAAR  # the value has more decimals than the target allows (RS106)


def skey(x: object) -> str:
    """A structural key of an IR node that ignores where it was written."""
    if isinstance(x, tuple):
        return "(" + ",".join(skey(i) for i in x) + ")"
    if isinstance(x, ir.Attribuut):
        return f"A:{x.objecttype}.{x.naam.lower()}"
    if isinstance(x, ir.Kenmerk):
        return f"K:{x.objecttype}.{x.naam.lower()}"
    if isinstance(x, ir.Rol):
        return f"R:{x.feittype}.{x.index}"
    if isinstance(x, ir.Type):
        return ""
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        delen = [skey(getattr(x, f.name)) for f in dataclasses.fields(x) if f.name not in ("herkomst", "type")]
        return type(x).__name__ + "[" + ";".join(delen) + "]"
    return repr(x)


def _q(f: Fraction | int) -> Z:
    f = Fraction(f)
    return z3.RealVal(f"{f.numerator}/{f.denominator}")


def _dim(y: Z, m: Z) -> Z:
    schrikkel = z3.Or(z3.And(y % 4 == 0, y % 100 != 0), y % 400 == 0)
    return z3.If(m == 2, z3.If(schrikkel, 29, 28), z3.If(z3.Or(m == 4, m == 6, m == 9, m == 11), 30, 31))


def _civiel(y: Z, m: Z, d: Z) -> Z:
    """Day number (date.toordinal) of year/month/day: Hinnant's days_from_civil, shifted."""
    yy = y - z3.If(m <= 2, 1, 0)
    era = yy / 400
    yoe = yy - era * 400
    mp = (m + 9) % 12
    doy = (153 * mp + 2) / 5 + d - 1
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468 + 719163


def _min(a: Z, b: Z) -> Z:
    return z3.If(a < b, a, b)


def _of(*xs: Z) -> Z:
    xs2 = [x for x in xs if not z3.is_false(x)]
    if not xs2:
        return _ONWAAR
    if any(z3.is_true(x) for x in xs2):
        return _WAAR
    return xs2[0] if len(xs2) == 1 else z3.Or(*xs2)


def _en(*xs: Z) -> Z:
    xs2 = [x for x in xs if not z3.is_true(x)]
    if not xs2:
        return _WAAR
    if any(z3.is_false(x) for x in xs2):
        return _ONWAAR
    return xs2[0] if len(xs2) == 1 else z3.And(*xs2)


def _niet(x: Z) -> Z:
    if z3.is_true(x):
        return _ONWAAR
    if z3.is_false(x):
        return _WAAR
    return z3.Not(x)


# ---------------------------------------------------------------- numbers
# A number is kept as an Int numerator `n` over a constant denominator `d` whenever the rules
# allow (inputs with declared decimals, literals, parameters, sums, products, division by a
# constant, rounding): z3 then decides pure integer arithmetic, where rounding is integer
# division by a constant. Mixing Reals with `ToInt` makes z3 give up on simple unsat proofs
# (`2·n` is never fractional), so Reals (`w`) are only the fallback after a division by a
# variable or for inputs without declared decimals.


def _getal(n: Z = None, d: int = 1, w: Z = None, leeg: Z = _ONWAAR, fout: Z = _ONWAAR) -> Val:
    return Val("getal", w, leeg, fout, n=n, d=d)


def _const(f: Fraction | int) -> Val:
    f = Fraction(f)
    return _getal(z3.IntVal(f.numerator), f.denominator)


def reeel(v: Val) -> Z:
    """The value as a z3 Real term."""
    if v.n is None:
        return v.w
    return z3.ToReal(v.n) if v.d == 1 else z3.ToReal(v.n) / v.d


def _noemer(*vs: Val) -> int | None:
    """A common denominator if every operand is in integer form."""
    if any(v.n is None for v in vs):
        return None
    return math.lcm(*[v.d for v in vs]) if vs else 1


def _schaal(v: Val, noemer: int) -> Z:
    """The Int term for v · noemer (noemer a multiple of v.d)."""
    k = noemer // v.d
    return v.n if k == 1 else v.n * k


def _of_nul(v: Val, noemer: int | None) -> Z:
    """The value, or 0 when leeg (Int form over `noemer`, else Real)."""
    t = _schaal(v, noemer) if noemer is not None else reeel(v)
    nul = z3.IntVal(0) if noemer is not None else _q(0)
    if z3.is_false(v.leeg):
        return t
    if z3.is_true(v.leeg):
        return nul
    return z3.If(v.leeg, nul, t)


def _cmp(op: str, a: Val, b: Val) -> Z:
    """a <op> b for two numbers (values only, leeg is the caller's business)."""
    noemer = _noemer(a, b)
    x, y = (_schaal(a, noemer), _schaal(b, noemer)) if noemer is not None else (reeel(a), reeel(b))
    return {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y, "==": x == y, "!=": x != y}[op]


def _kies_getal(c: Z, a: Val, b: Val) -> tuple[Z, int, Z]:
    """(n, d, w) of If(c, a, b) for numbers."""
    noemer = _noemer(a, b)
    if noemer is not None:
        return z3.If(c, _schaal(a, noemer), _schaal(b, noemer)), noemer, None
    return None, 1, z3.If(c, reeel(a), reeel(b))


def vergelijk_constante(v: Val, op: str, k: Fraction) -> Z:
    """v <op> k for a number or a date (day number) and a constant (op: <, <=, >, >=, ==)."""
    if v.soort == "getal":
        return _cmp(op, v, _const(k))
    x, y = v.w, z3.IntVal(int(k))
    return {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y, "==": x == y, "!=": x != y}[op]


def verschillend(a: Val, b: Val) -> Z:
    """The interpreter's `oud != waarde` for two stored values: leeg differs from every value."""
    a, b = _als_soort(a, b.soort), _als_soort(b, a.soort)
    if a.soort == "getal" and b.soort == "getal":
        ongelijk = _cmp("!=", a, b)
    else:
        ongelijk = a.w != b.w
    return z3.Or(a.leeg != b.leeg, z3.And(z3.Not(a.leeg), z3.Not(b.leeg), ongelijk))


def _floor_div(n: Z, d: int) -> Z:
    # SMT-LIB integer division is Euclidean: for a positive divisor it is the floor.
    return n if d == 1 else n / d


def _ceil_div(n: Z, d: int) -> Z:
    return n if d == 1 else -((-n) / d)


# ---------------------------------------------------------------- the encoder


class Encoder:
    """Builds z3 terms for rule versions over one tree-shaped world; see the module docstring."""

    def __init__(self, model: ir.Model, parameters: dict[str, ir.Waarde], rekendatum: date,
                 meervoud: Meervoud = Meervoud.ABSTRACT, n_slots: int = N_SLOTS) -> None:
        self.model = model
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
        geldig = [(r, v) for r in model.regels for v in r.versies if v.geldig_op(rekendatum)]
        self.geldig = geldig
        self.geschreven = {w for r in model.regels for w in r.schrijft}
        self.alleen_init = {w for r in model.regels for v in r.versies for res in v.resultaten
                            if isinstance(res, ir.Toekenning) and res.initialisatie for w in r.schrijft}
        self.volledig = {w for r in model.regels for v in r.versies for res in v.resultaten
                         if isinstance(res, ir.Toekenning) and not res.initialisatie for w in r.schrijft}

    # ------------------------------------------------------------ world

    def _vers(self, naam: str, sort: str) -> Z:
        self._teller += 1
        maak = {"int": z3.Int, "real": z3.Real, "bool": z3.Bool}[sort]
        return maak(f"{naam}!{self._teller}")

    def wortel(self, objecttype: str) -> Slot:
        """The subject of the query (it exists)."""
        s = Slot(objecttype.replace(" ", "_"), objecttype, _WAAR, 0)
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
                v = _getal(self._vers(naam, "int"), 10**t.decimalen, leeg=leeg)
                x = v.n
            else:
                v = _getal(w=self._vers(naam, "real"), leeg=leeg)
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
            self.defs.append(z3.Or(*[w == self.code(v) for v in t.waarden]) if t.waarden else _ONWAAR)
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
            cur = _leeg(_soort(a.type))
        self._bezig.add(cache)
        try:
            geschreven = _ONWAAR
            volgorde = [s for s in schrijvers if not s[2].initialisatie] + [s for s in schrijvers if s[2].initialisatie]
            if voor is not None:
                schrijvers = volgorde[:next(i for i, s in enumerate(volgorde) if s[2] is voor)]
            for regel, versie, res in schrijvers:
                if res.initialisatie:
                    continue
                t = self.toepassing(slot, regel, versie, res)
                self.keten_fouten.append(_en(slot.bestaat, t.fout))
                assert t.waarde is not None
                cur = _kies(_en(_niet(geschreven), t.vuurt), t.waarde, cur)
                geschreven = _of(geschreven, t.vuurt)
            for regel, versie, res in schrijvers:
                if not res.initialisatie:
                    continue
                t = self.toepassing(slot, regel, versie, res, leeg_nu=cur.leeg)
                self.keten_fouten.append(_en(slot.bestaat, t.fout))
                assert t.waarde is not None
                cur = _kies(t.vuurt, t.waarde, cur)
        finally:
            self._bezig.discard(cache)
        cur = dataclasses.replace(cur, fout=_ONWAAR)  # readers never fail on a stored value
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
            aan = _ONWAAR
            for regel, versie, res in schrijvers:
                t = self.toepassing(slot, regel, versie, res)
                self.keten_fouten.append(_en(slot.bestaat, t.fout))
                aan = _of(aan, t.vuurt)
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
            geldt, cfout = _WAAR, _ONWAAR
        doel: Slot | None = slot
        doel_ok = _WAAR
        for rol in res.doel.pad:
            assert doel is not None
            if rol.meervoudig:
                # The interpreter writes when exactly one object is related; not encoded, so
                # whether the target exists is left free (an over-approximation).
                self.benaderingen.add("toekenning via een meervoudige rol als vrije variabele")
                doel = None
                doel_ok = _en(doel_ok, self._vers("doel", "bool"))
                break
            nxt = self.navigeer(doel, rol)
            assert isinstance(nxt, list)
            doel = nxt[0]
            doel_ok = _en(doel_ok, doel.bestaat)
        bereikt = _en(geldt, _niet(cfout), doel_ok)
        if res.doel.kenmerk is not None:
            return Toepassing(bereikt, None, cfout, doel)
        assert res.doel.attribuut is not None and res.expr is not None
        if leeg_nu is not None:
            bereikt = _en(bereikt, leeg_nu)
        v = self.expr(res.expr, f)
        t = res.doel.attribuut.type
        efout = v.fout
        decimalen = _ONWAAR
        if v.soort == "lijst":
            efout = _WAAR  # "De uitkomst bestaat uit meerdere waarden."
        elif v.soort == "getal" and t.decimalen is not None:
            decimalen = _en(_niet(v.fout), _niet(v.leeg), _niet(_heeft_decimalen(v, t.decimalen)))
            efout = _of(efout, decimalen)
        v = _als_soort(v, _soort(t))
        return Toepassing(_en(bereikt, _niet(efout)), v, _of(cfout, _en(bereikt, efout)), doel, bereikt,
                          _en(bereikt, decimalen))

    # ------------------------------------------------------------ expressions

    def expr(self, x: ir.Expr, f: Frame) -> Val:
        if isinstance(x, ir.Literal):
            return self._literal(x.waarde, x.type)
        if isinstance(x, ir.ParameterRef):
            if x.naam not in self.parameters:
                # The interpreter stops the rule (RS302): an error wherever it is reached. The
                # checker reports the missing value (RS301/RS302); analyses can tell from this set.
                self.ontbrekend.add(x.naam)
                return _leeg(_soort(x.type), _WAAR)
            self.parameters_gelezen.add(x.naam)
            return self._literal(self.parameters[x.naam], x.type)
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
            return Val("object", leeg=_niet(f.onderwerp.bestaat), slot=f.onderwerp)
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
            for aanwezig, el in _elementen(bron):
                c = self.conditie(x.voorwaarde, f.met(el))
                fout = _of(fout, _en(aanwezig, c.fout))
                items.append((_en(aanwezig, c.w), el))
            return Val("lijst", items=tuple(items), fout=fout)
        if isinstance(x, ir.Rekenkunde):
            return self._reken(x, f)
        if isinstance(x, ir.Afronden):
            return _map(self.expr(x.expr, f), lambda v: _afronden(v, x.modus, x.decimalen))
        if isinstance(x, ir.Begrenzen):
            return self._begrens(x, f)
        if isinstance(x, ir.Absoluut):
            return _map(self.expr(x.expr, f), _absoluut)
        if isinstance(x, ir.Aggregeren):
            return self._aggregeer(x, f)
        if isinstance(x, ir.Tijdsduur):
            return self._tijdsduur(x, f)
        if isinstance(x, ir.DatumPlus):
            return self._datum_plus(x, f)
        if isinstance(x, ir.DatumDeel):
            v = self.expr(x.expr, f)
            y, m, d = self.ymd(v.w)
            deel = {"jaar": y, "maand": m, "dag": d}[x.deel]
            return _getal(deel, 1, leeg=v.leeg, fout=v.fout)
        if isinstance(x, ir.RekendatumRef):
            if x.jaar:
                return _const(self.rekendatum.year)
            return Val("datum", z3.IntVal(self.rekendatum.toordinal()))
        if isinstance(x, ir.ConditieWaarde):
            c = self.conditie(x.conditie, f)
            return Val("bool", c.w, _ONWAAR, c.fout)
        raise AssertionError(f"onbekende expressie {type(x).__name__}")

    def _literal(self, w: ir.Waarde, t: ir.Type) -> Val:
        if w is None:
            s = _soort(t)
            return _leeg(s)
        if isinstance(w, bool):
            return Val("bool", z3.BoolVal(w))
        if isinstance(w, Fraction):
            return _const(w)
        if isinstance(w, date):
            return Val("datum", z3.IntVal(w.toordinal()))
        return Val("enum" if t.soort == "enumeratie" else "tekst", z3.IntVal(self.code(w)))

    def _navigatie(self, x: ir.Navigatie, f: Frame) -> Val:
        van = self.expr(x.van, f)
        if van.soort == "lijst":
            if van.coll is not None or self.meervoud is Meervoud.ABSTRACT:
                basis = van.coll.key if van.coll is not None else skey(x.van)
                self.benaderingen.add("navigatie vanuit een collectie als vrije collectie")
                return Val("lijst", coll=Coll(f"{basis}>{x.rol.feittype}.{x.rol.index}", f.onderwerp), fout=van.fout)
            items: list[tuple[Z, Val]] = []
            for aanwezig, el in _elementen(van):
                assert el.slot is not None
                doelen = self.navigeer(el.slot, x.rol)
                if isinstance(doelen, Coll):
                    return Val("lijst", coll=Coll(doelen.key + "*", f.onderwerp), fout=van.fout)
                items.extend((_en(aanwezig, d.bestaat), _obj(d, aanwezig)) for d in doelen)
            if x.meervoudig:
                return Val("lijst", items=tuple(items), fout=van.fout)
            return self._eerste(items, van.fout)
        if van.slot is None:
            return Val("object", leeg=_WAAR, fout=van.fout)
        doelen = self.navigeer(van.slot, x.rol)
        if isinstance(doelen, Coll):
            return Val("lijst", coll=doelen, fout=van.fout)
        if x.meervoudig:
            return Val("lijst", items=tuple((_en(_niet(van.leeg), d.bestaat), _obj(d, _niet(van.leeg)))
                                            for d in doelen), fout=van.fout)
        d = doelen[0]
        return Val("object", leeg=_of(van.leeg, _niet(d.bestaat)), slot=d, fout=van.fout)

    def _eerste(self, items: list[tuple[Z, Val]], fout: Z) -> Val:
        """`uit[0]` of a list of objects: only encodable if there is at most one candidate."""
        if len(items) == 1:
            aanwezig, el = items[0]
            return Val("object", leeg=_niet(aanwezig), slot=el.slot, fout=fout)
        if not items:
            return Val("object", leeg=_WAAR, fout=fout)
        self.benaderingen.add("eerste object van een collectie niet gecodeerd")
        aanwezig, el = items[0]
        return Val("object", leeg=_niet(aanwezig), slot=el.slot, fout=fout)

    def _lees(self, van: Val, a: ir.Attribuut) -> Val:
        if van.soort == "lijst":
            if van.coll is not None:
                return Val("lijst", coll=Coll(van.coll.key + "." + a.naam.lower(), van.coll.slot, van.coll,
                                              attribuut=a), fout=van.fout)
            items = []
            for aanwezig, el in _elementen(van):
                v = self._lees(el, a)
                items.append((aanwezig, v))
            return Val("lijst", items=tuple(items), fout=van.fout)
        if van.slot is None:
            s = _soort(a.type)
            return _leeg(s, van.fout)
        v = self.attribuut(van.slot, a)
        return dataclasses.replace(v, leeg=_of(van.leeg, v.leeg), fout=van.fout)

    def _reken(self, x: ir.Rekenkunde, f: Frame) -> Val:
        ls = self.expr(x.links, f)
        rs = self.expr(x.rechts, f)
        if x.op in ("plus", "min", "verminderd met"):
            ls = _map(ls, lambda v: _maal(v, x.factor_links))
        rs = _map(rs, lambda v: _maal(v, x.factor_rechts))

        def een(a: Val, b: Val) -> Val:
            return _rekenkunde(x.op, _als_soort(a, "getal"), _als_soort(b, "getal"))

        if ls.soort == "lijst" or rs.soort == "lijst":
            if ls.coll is not None or rs.coll is not None:
                self.benaderingen.add("rekenen met collecties als vrije collectie")
                return Val("lijst", coll=Coll(skey(x) + "@" + f.onderwerp.id, f.onderwerp), fout=_of(ls.fout, rs.fout))
            if ls.soort == "lijst" and rs.soort == "lijst":
                self.benaderingen.add("rekenen met twee collecties niet gecodeerd")
                return Val("lijst", coll=Coll(skey(x) + "@" + f.onderwerp.id, f.onderwerp), fout=_of(ls.fout, rs.fout))
            if ls.soort == "lijst":
                items = tuple((p, een(v, rs)) for p, v in ls.items)
            else:
                items = tuple((p, een(ls, v)) for p, v in rs.items)
            out = Val("lijst", items=items, fout=_of(ls.fout, rs.fout))
        else:
            out = een(ls, rs)
        if x.op in ("maal", "gedeeld door", "gedeeld door abs") and x.factor_links != 1:
            out = _map(out, lambda v: _maal(v, x.factor_links))
        return out

    def _begrens(self, x: ir.Begrenzen, f: Frame) -> Val:
        v = self.expr(x.expr, f)
        lo = _maal(self.expr(x.minimum, f), x.factor_minimum) if x.minimum is not None else None
        hi = _maal(self.expr(x.maximum, f), x.factor_maximum) if x.maximum is not None else None
        lo = _als_soort(lo, "getal") if lo is not None else None
        hi = _als_soort(hi, "getal") if hi is not None else None
        fout = _of(v.fout, lo.fout if lo else _ONWAAR, hi.fout if hi else _ONWAAR)
        if lo is not None and hi is not None:
            fout = _of(fout, _en(_niet(lo.leeg), _niet(hi.leeg), _cmp(">", lo, hi)))

        def een(w: Val) -> Val:
            r = w
            if hi is not None:
                n, d, rw = _kies_getal(_en(_niet(hi.leeg), _cmp(">", w, hi)), hi, r)
                r = _getal(n, d, rw)
            if lo is not None:
                n, d, rw = _kies_getal(_en(_niet(lo.leeg), _cmp("<", w, lo)), lo, r)
                r = _getal(n, d, rw)
            return _getal(r.n, r.d, r.w, w.leeg, _of(w.fout, fout))

        return _map(v, een) if v.soort == "lijst" else een(v)

    def _aggregeer(self, x: ir.Aggregeren, f: Frame) -> Val:
        if x.collectie is None:
            items = [_maal(self.expr(e, f), x.factoren[i] if x.factoren else 1) for i, e in enumerate(x.lijst)]
            fout = _of(*[v.fout for v in items])
            if x.soort == "som":
                vast = [_vaste_term(e) for e in x.lijst]
                variabel = [v for v, is_vast in zip(items, vast, strict=True) if not is_vast]
                vaste = [v for v, is_vast in zip(items, vast, strict=True) if is_vast]
                gevuld = _of(*[_niet(v.leeg) for v in variabel])
                totaal = _som([v for v in variabel + vaste])
                if x.of_nul:
                    n, d, w = _kies_getal(gevuld, totaal, _const(0))
                    return _getal(n, d, w, _ONWAAR, fout)
                return _getal(totaal.n, totaal.d, totaal.w, _niet(gevuld), fout)
            return self._extreem(x.soort, [(_WAAR, v) for v in items], fout)
        coll = self.expr(x.collectie, f)
        if coll.coll is not None:
            return self._abstract_aggregaat(x, coll.coll, coll.fout)
        if x.soort == "aantal":
            if coll.soort == "lijst":
                return _getal(_som_int([p for p, _ in coll.items]), 1, fout=coll.fout)
            return _getal(z3.If(coll.leeg, 0, 1), 1, fout=coll.fout)
        paren = list(coll.items) if coll.soort == "lijst" else [(_WAAR, coll)]
        fout = _of(coll.fout, *[_en(p, v.fout) for p, v in paren])
        if x.soort == "som":
            gevuld = [_en(p, _niet(v.leeg)) for p, v in paren]
            totaal = _som([_getal(v.n, v.d, v.w, _niet(g)) for g, (_, v) in zip(gevuld, paren, strict=True)
                           if v.soort == "getal"])
            iets = _of(*gevuld)
            if x.of_nul:
                n, d, w = _kies_getal(iets, totaal, _const(0))
                return _getal(n, d, w, _ONWAAR, fout)
            return _getal(totaal.n, totaal.d, totaal.w, _niet(iets), fout)
        return self._extreem(x.soort, paren, fout)

    def _extreem(self, soort: str, paren: list[tuple[Z, Val]], fout: Z) -> Val:
        """maximum/minimum/eerste/laatste: leeg values skipped, all leeg gives leeg."""
        groter = soort in ("maximum", "laatste")
        s = next((v.soort for _, v in paren if v.soort != "leeg"), "getal")
        beste = Val(s, _dummy(s)) if s != "getal" else _const(0)
        heeft = _ONWAAR
        for p, v in paren:
            if v.soort == "leeg":
                continue
            g = _en(p, _niet(v.leeg))
            if s == "getal":
                beter = _cmp(">" if groter else "<", v, beste)
                n, d, w = _kies_getal(_en(g, z3.Or(_niet(heeft), beter)), v, beste)
                beste = _getal(n, d, w)
            else:
                beter = (v.w > beste.w) if groter else (v.w < beste.w)
                beste = Val(s, z3.If(z3.And(g, z3.Or(_niet(heeft), beter)), v.w, beste.w))
            heeft = _of(heeft, g)
        return Val(s, beste.w, _niet(heeft), fout, n=beste.n, d=beste.d)

    def _abstract_aggregaat(self, x: ir.Aggregeren, c: Coll, fout: Z) -> Val:
        n = self.aantal(c)
        if x.soort == "aantal":
            return _getal(n, 1, fout=fout)
        key = f"{x.soort}:{c.key}:{x.of_nul}"
        if key in self._abstract:
            v = self._abstract[key]
            return Val(v.soort, v.w, v.leeg, fout, n=v.n, d=v.d)
        self.benaderingen.add("aggregaties en kwantoren over meervoudige rollen als vrije variabelen")
        t = c.attribuut.type if c.attribuut is not None else x.type
        s = "datum" if (t.soort == "datum" or x.soort in ("eerste", "laatste")) else "getal"
        leeg = _ONWAAR if (x.soort == "som" and x.of_nul) else self._vers(key + ".leeg", "bool")
        # Declared domains hold for input values only (a rule may compute outside them).
        invoer = c.attribuut is not None and self._invoer_toegestaan(_akey(c.attribuut))
        if s == "datum":
            v = Val("datum", self._vers(key, "int"), leeg)
            x_ = v.w
        elif invoer and t.decimalen is not None:
            v = _getal(self._vers(key, "int"), 10**t.decimalen, leeg=leeg)
            x_ = v.n
        else:
            v = _getal(w=self._vers(key, "real"), leeg=leeg)
            x_ = v.w
        if x.soort == "som" and x.of_nul:
            self.defs.append(z3.Implies(n == 0, x_ == 0))
        else:
            self.defs.append(z3.Implies(n == 0, leeg))
        if invoer and s == "getal" and t.teken in ("niet-negatief", "positief"):
            self.defs.append(x_ >= 0)
        self._abstract[key] = v
        return Val(v.soort, v.w, v.leeg, fout, n=v.n, d=v.d)

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

    def ymd(self, dn: Z) -> tuple[Z, Z, Z]:
        """Year, month and day of a day number (exact: the civil calendar in integer arithmetic)."""
        if z3.is_int_value(dn):
            d = date.fromordinal(max(1, min(DAG_MAX, dn.as_long())))
            return z3.IntVal(d.year), z3.IntVal(d.month), z3.IntVal(d.day)
        key = dn.get_id()
        if key not in self._ymd:
            y, m, d = self._vers("jaar", "int"), self._vers("maand", "int"), self._vers("dag", "int")
            # Years 0..10000 cover every valid day number (1..31-12-9999) and leave room for the
            # out-of-range results whose errors are flagged where they arise.
            self.defs += [m >= 1, m <= 12, d >= 1, d <= _dim(y, m), y >= 0, y <= 10000, dn == _civiel(y, m, d)]
            self._ymd[key] = (y, m, d)
            self._ymd_houd.append(dn)  # keep the AST alive, so its id is not reused
        return self._ymd[key]

    def _tijdsduur(self, x: ir.Tijdsduur, f: Frame) -> Val:
        van, tot = self.expr(x.van, f), self.expr(x.tot, f)
        leeg = _of(van.leeg, tot.leeg)
        fout = _of(van.fout, tot.fout)
        if x.eenheid == "dagen":
            duur = tot.w - van.w
        else:
            vy, vm, vd = self.ymd(van.w)
            ty, tm, td = self.ymd(tot.w)
            vooruit = (ty - vy) * 12 + tm - vm - z3.If(_min(vd, _dim(ty, tm)) > td, 1, 0)
            achteruit = (vy - ty) * 12 + vm - tm - z3.If(_min(td, _dim(vy, vm)) > vd, 1, 0)
            if x.eenheid == "jaren":
                vooruit, achteruit = vooruit / 12, achteruit / 12
            duur = z3.If(van.w <= tot.w, vooruit, -achteruit)
        if x.absoluut:
            duur = z3.If(duur < 0, -duur, duur)
        return _getal(duur, 1, leeg=leeg, fout=fout)

    def _datum_plus(self, x: ir.DatumPlus, f: Frame) -> Val:
        d, n = self.expr(x.datum, f), _als_soort(self.expr(x.duur, f), "getal")
        fout = _of(d.fout, n.fout, _en(_niet(d.leeg), _niet(n.leeg), _niet(_heeft_decimalen(n, 0))))
        geheel = _floor_div(n.n, n.d) if n.n is not None else z3.ToInt(n.w)
        stappen = z3.If(n.leeg, 0, geheel) * x.teken
        per = {"dg": 1, "wk": 7, "mnd": 1, "kw": 3, "jr": 12}[x.eenheid]
        if x.eenheid in ("dg", "wk"):
            uit = d.w + stappen * per
            fout = _of(fout, _en(_niet(d.leeg), z3.Or(uit < 1, uit > DAG_MAX)))
            return Val("datum", uit, d.leeg, fout)
        y, m, dag = self.ymd(d.w)
        totaal = y * 12 + m - 1 + stappen * per
        y2, m2 = totaal / 12, totaal % 12 + 1
        d2 = _min(dag, _dim(y2, m2))
        fout = _of(fout, _en(_niet(d.leeg), z3.Or(y2 < 1, y2 > 9999)))
        uit = _civiel(y2, m2, d2)
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
                fout = _ONWAAR
                tot_hier = _WAAR
                for d in delen:
                    fout = _of(fout, _en(tot_hier, d.fout))
                    tot_hier = _en(tot_hier, d.w)
                return Val("bool", _en(*[d.w for d in delen]), _ONWAAR, fout)
            n = _som_int([d.w for d in delen])
            return Val("bool", _telt(c.kwantor, c.aantal, n, z3.IntVal(len(delen))), _ONWAAR,
                       _of(*[d.fout for d in delen]))
        if isinstance(c, ir.Gekwantificeerd):
            coll = self.expr(c.collectie, f)
            if coll.coll is not None:
                return self._abstract_kwantor(c, coll)
            paren = list(coll.items) if coll.soort == "lijst" else [(_WAAR, coll)]
            per_element = [(p, self.conditie(c.voorwaarde, f.met(el))) for p, el in paren]
            n = _som_int([_en(p, d.w) for p, d in per_element])
            totaal = _som_int([p for p, _ in per_element])
            fout = _of(coll.fout, *[_en(p, d.fout) for p, d in per_element])
            return Val("bool", _telt(c.kwantor, c.aantal, n, totaal), _ONWAAR, fout)
        if isinstance(c, ir.KenmerkTest):
            o = self.expr(c.object, f)
            if o.slot is None:
                return Val("bool", z3.BoolVal(c.ontkend), _ONWAAR, o.fout)
            k = self.kenmerk(o.slot, c.kenmerk)
            waarde = _niet(k) if c.ontkend else k
            return Val("bool", z3.If(o.leeg, z3.BoolVal(c.ontkend), waarde), _ONWAAR, o.fout)
        if isinstance(c, ir.RolTest):
            o = self.expr(c.object, f)
            if o.slot is None:
                return Val("bool", z3.BoolVal(c.ontkend), _ONWAAR, o.fout)
            ft = self.model.feittypen[c.rol.feittype]
            index = c.rol.index if (c.heeft or ft.wederkerig) else 1 - c.rol.index
            rol = next((r for r in ft.rollen if r.index == index), c.rol)
            doelen = self.navigeer(o.slot, rol)
            if isinstance(doelen, Coll):
                heeft = self.aantal(doelen) > 0
            else:
                heeft = _of(*[d.bestaat for d in doelen])
            waarde = _niet(heeft) if c.ontkend else heeft
            return Val("bool", z3.If(o.leeg, z3.BoolVal(c.ontkend), waarde), _ONWAAR, o.fout)
        if isinstance(c, ir.LeegTest):
            v = self.expr(c.expr, f)
            if v.soort == "lijst":
                return Val("bool", z3.BoolVal(c.gevuld), _ONWAAR, v.fout)
            return Val("bool", _niet(v.leeg) if c.gevuld else v.leeg, _ONWAAR, v.fout)
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
        return Val("bool", self._abstract[key].w, _ONWAAR, coll.fout)

    def _vergelijk(self, c: ir.Vergelijk, f: Frame) -> Val:
        links = self.expr(c.links, f)
        rechts = [_maal(self.expr(r, f), c.factoren[i] if c.factoren else 1) for i, r in enumerate(c.rechts)]
        fout = _of(links.fout, *[r.fout for r in rechts])
        if links.soort in ("lijst", "object", "onbekend") or any(r.soort in ("lijst", "object", "onbekend")
                                                                 for r in rechts):
            self.benaderingen.add("vergelijkingen van objecten of collecties als vrije variabelen")
            return Val("bool", self._vers("vergelijking", "bool"), _ONWAAR, fout)
        soort = "datum" if c.op in ("eerder", "eerder_gelijk", "later", "later_gelijk") else c.soort
        uitkomsten = [_predicaat(c.op, links, r, soort) for r in rechts]
        # any() / all() stop early: a later comparison only fails when it is reached.
        tot_hier = _WAAR
        for w, pf in uitkomsten:
            fout = _of(fout, _en(tot_hier, pf))
            tot_hier = _en(tot_hier, _niet(w) if c.op != "ongelijk" else w)
        if c.op == "ongelijk":
            return Val("bool", _en(*[w for w, _ in uitkomsten]), _ONWAAR, fout)
        return Val("bool", _of(*[w for w, _ in uitkomsten]), _ONWAAR, fout)

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
                    self.defs.append(z3.Implies(s.bestaat, z3.And(c.w, _niet(c.fout))))

    def schoon(self) -> None:
        """Assume no rule fails at run time for any object of the world (a clean case)."""
        for s in list(self.slots):
            for r, v in self.geldig:
                if v.onderwerp != s.type:
                    continue
                for res in v.resultaten:
                    if isinstance(res, ir.Toekenning):
                        t = self.toepassing(s, r, v, res)
                        self.defs.append(z3.Implies(s.bestaat, _niet(t.fout)))
        self.defs += [z3.Not(k) for k in self.keten_fouten]

    # ------------------------------------------------------------ cases

    def geval(self, m: Z) -> dict[str, Any]:
        """The world in model `m` as a case file (the format `bereken --gegevens` reads)."""
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
            if naam in self.model.parameters and self.parameters[naam] is not None:
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


# ---------------------------------------------------------------- helpers


def _sleutel(d: ir.Doel) -> tuple[str, str]:
    ot, naam = d.sleutel
    return (ot, naam.lower())


def _akey(a: ir.Attribuut) -> tuple[str, str]:
    return (a.objecttype, a.naam.lower())


def _is_invoer(enc: Encoder, k: tuple[str, str]) -> bool:
    return k not in enc.geschreven or (k in enc.alleen_init and k not in enc.volledig)


def _soort(t: ir.Type) -> str:
    if t.is_getal:
        return "getal"
    return {"datum": "datum", "enumeratie": "enum", "tekst": "tekst", "boolean": "bool", "leeg": "leeg",
            "object": "object"}.get(t.soort, "onbekend")


def _dummy(soort: str) -> Z:
    if soort == "bool":
        return _ONWAAR
    if soort in ("object", "lijst", "getal"):
        return None
    return z3.IntVal(0)


def _leeg(soort: str, fout: Z = _ONWAAR) -> Val:
    """An empty value of a kind."""
    if soort == "getal":
        return _getal(z3.IntVal(0), 1, leeg=_WAAR, fout=fout)
    return Val(soort, _dummy(soort), _WAAR, fout)


def _als_soort(v: Val, soort: str) -> Val:
    """A leeg literal (soort 'leeg') takes the kind of what it is stored in."""
    if v.soort == "leeg" and soort != "leeg":
        return _leeg(soort, v.fout)
    return v


def _kies(c: Z, a: Val, b: Val) -> Val:
    if z3.is_true(c):
        return a
    if z3.is_false(c):
        return b
    if a.soort == "leeg":
        a = _als_soort(a, b.soort)
    if b.soort == "leeg":
        b = _als_soort(b, a.soort)
    leeg, fout = z3.If(c, a.leeg, b.leeg), z3.If(c, a.fout, b.fout)
    if a.soort == "getal" and b.soort == "getal":
        n, d, w = _kies_getal(c, a, b)
        return _getal(n, d, w, leeg, fout)
    if a.w is None or b.w is None:
        return b
    return Val(a.soort, z3.If(c, a.w, b.w), leeg, fout)


def _obj(s: Slot, bron_aanwezig: Z) -> Val:
    return Val("object", leeg=_niet(_en(bron_aanwezig, s.bestaat)), slot=s)


def _elementen(v: Val) -> Iterator[tuple[Z, Val]]:
    if v.soort == "lijst":
        yield from v.items
    else:
        yield (_niet(v.leeg) if v.soort == "object" else _WAAR, v)


def _map(v: Val, fn: Callable[[Val], Val]) -> Val:
    if v.soort != "lijst":
        return fn(v)
    if v.coll is not None:
        return v
    return Val("lijst", items=tuple((p, fn(i)) for p, i in v.items), fout=v.fout)


def _maal(v: Val, factor: Fraction | int) -> Val:
    if factor == 1 or v.soort != "getal":
        return v
    f = Fraction(factor)
    if v.n is not None:
        # n/d · p/q = (n·p)/(d·q); keep the denominator positive.
        teken = -1 if f.numerator < 0 else 1
        return _getal(v.n * (f.numerator * teken) if f.numerator * teken != 1 else v.n, v.d * f.denominator,
                      leeg=v.leeg, fout=v.fout) if teken == 1 else _getal(-(v.n * -f.numerator), v.d * f.denominator,
                                                                          leeg=v.leeg, fout=v.fout)
    return _getal(w=v.w * _q(f), leeg=v.leeg, fout=v.fout)


def _som(vals: list[Val]) -> Val:
    """The sum of the non-leeg values (leeg counts as 0); the result is never leeg."""
    vals = [v for v in vals if v.soort == "getal"]
    if not vals:
        return _const(0)
    noemer = _noemer(*vals)
    termen = [_of_nul(v, noemer) for v in vals]
    totaal = termen[0] if len(termen) == 1 else z3.Sum(*termen)
    return _getal(totaal, noemer) if noemer is not None else _getal(w=totaal)


def _absoluut(v: Val) -> Val:
    if v.soort != "getal":
        return v
    if v.n is not None:
        return _getal(z3.If(v.n < 0, -v.n, v.n), v.d, leeg=v.leeg, fout=v.fout)
    return _getal(w=z3.If(v.w < 0, -v.w, v.w), leeg=v.leeg, fout=v.fout)


def _heeft_decimalen(v: Val, decimalen: int) -> Z:
    """Is v exactly representable with at most `decimalen` decimals (`past_in_decimalen`)?"""
    schaal = 10**decimalen
    if v.n is not None:
        # n/d · 10^k is whole iff d / gcd(d, 10^k) divides n.
        rest = v.d // math.gcd(v.d, schaal)
        return _WAAR if rest == 1 else (v.n % rest == 0)
    return z3.IsInt(v.w * schaal)


def _rekenkunde(op: str, a: Val, b: Val) -> Val:
    """One arithmetic operator with the leeg table of taal.md §6."""
    fout = _of(a.fout, b.fout)
    noemer = _noemer(a, b)
    if op in ("plus", "min"):
        x, y = _of_nul(a, noemer), _of_nul(b, noemer)
        r = x + y if op == "plus" else x - y
        return _getal(r, noemer, fout=fout) if noemer is not None else _getal(w=r, fout=fout)
    if op == "verminderd met":
        x = _schaal(a, noemer) if noemer is not None else reeel(a)
        r = x - _of_nul(b, noemer)
        return _getal(r, noemer, leeg=a.leeg, fout=fout) if noemer is not None else _getal(w=r, leeg=a.leeg, fout=fout)
    een_leeg = _of(a.leeg, b.leeg)
    if op in ("maal", "procent van"):
        extra = 100 if op == "procent van" else 1
        if a.n is not None and b.n is not None:
            return _getal(z3.If(een_leeg, 0, a.n * b.n), a.d * b.d * extra, fout=fout)
        return _getal(w=z3.If(een_leeg, _q(0), reeel(a) * reeel(b) / extra), fout=fout)
    # gedeeld door: 0 | error | 0, and division by zero is an error.
    fout = _of(fout, _en(_niet(a.leeg), b.leeg), _en(_niet(b.leeg), _cmp("==", b, _const(0))))
    if b.n is not None and z3.is_int_value(b.n) and z3.is_false(b.leeg):
        c = Fraction(b.n.as_long(), b.d)
        if c == 0:
            return _getal(z3.IntVal(0), 1, fout=_of(fout, _niet(a.leeg)))
        q = _maal(_getal(_of_nul(a, a.d), a.d) if a.n is not None else _getal(w=_of_nul(a, None)), 1 / c)
    else:
        teller = _of_nul(a, None)
        noemer_r = reeel(b)
        q = _getal(w=z3.If(b.leeg, _q(0), teller / z3.If(noemer_r == 0, _q(1), noemer_r)))
    if op == "gedeeld door abs":
        q = _afronden(q, Afronding.RICHTING_NUL, 5)
    return _getal(q.n, q.d, q.w, _ONWAAR, fout)


def _som_int(bs: list[Z]) -> Z:
    if not bs:
        return z3.IntVal(0)
    termen = [z3.If(b, 1, 0) for b in bs]
    return termen[0] if len(termen) == 1 else z3.Sum(*termen)


def _telt(kwantor: str, aantal: int | None, n: Z, totaal: Z) -> Z:
    if kwantor == "alle":
        return n == totaal
    if kwantor == "geen":
        return n == 0
    if kwantor == "ten_minste":
        return n >= (aantal or 1)
    if kwantor == "ten_hoogste":
        return n <= (aantal or 0)
    return n == (aantal if aantal is not None else 0)


def _afronden(v: Val, modus: Afronding, decimalen: int) -> Val:
    if v.soort != "getal":
        return v
    schaal = 10**decimalen
    if v.n is not None:
        # y = N / D exactly; every mode is an integer division by the constant D.
        g = math.gcd(schaal, v.d)
        big_n, big_d = (v.n * (schaal // g)) if schaal // g != 1 else v.n, v.d // g
        if modus is Afronding.NAAR_BENEDEN:
            r = _floor_div(big_n, big_d)
        elif modus is Afronding.NAAR_BOVEN:
            r = _ceil_div(big_n, big_d)
        elif modus is Afronding.RICHTING_NUL:
            r = z3.If(big_n >= 0, _floor_div(big_n, big_d), _ceil_div(big_n, big_d)) if big_d != 1 else big_n
        elif modus is Afronding.WEG_VAN_NUL:
            r = z3.If(big_n >= 0, _ceil_div(big_n, big_d), _floor_div(big_n, big_d)) if big_d != 1 else big_n
        elif big_d == 1:
            r = big_n
        else:  # rekenkundig: half away from zero, floor((2|N| + D) / 2D) with the sign restored
            r = z3.If(big_n >= 0, (2 * big_n + big_d) / (2 * big_d), -((-2 * big_n + big_d) / (2 * big_d)))
        return _getal(r, schaal, leeg=v.leeg, fout=v.fout)
    # A Real (after a division by a variable): ToInt is the floor; the result is integral again.
    y = v.w * schaal
    vloer = z3.ToInt
    if modus is Afronding.NAAR_BENEDEN:
        n = vloer(y)
    elif modus is Afronding.NAAR_BOVEN:
        n = -vloer(-y)
    elif modus is Afronding.RICHTING_NUL:
        n = z3.If(y >= 0, vloer(y), -vloer(-y))
    elif modus is Afronding.WEG_VAN_NUL:
        n = z3.If(y < 0, vloer(y), -vloer(-y))
    else:  # rekenkundig: half away from zero
        n = z3.If(y < 0, -vloer(-y + _q(Fraction(1, 2))), vloer(y + _q(Fraction(1, 2))))
    return _getal(n, schaal, leeg=v.leeg, fout=v.fout)


def _predicaat(op: str, a: Val, b: Val, soort: str) -> tuple[Z, Z]:
    """(truth, fails) of one comparison, row by row from the leeg table (taal.md §6)."""
    a = _als_soort(a, b.soort)
    b = _als_soort(b, a.soort)
    beide = _en(a.leeg, b.leeg)
    een = _of(a.leeg, b.leeg)
    symbool = {"gelijk": "==", "ongelijk": "!=", "groter": ">", "later": ">", "groter_gelijk": ">=",
               "later_gelijk": ">=", "kleiner": "<", "eerder": "<", "kleiner_gelijk": "<=", "eerder_gelijk": "<="}[op]
    if a.soort == "getal" and b.soort == "getal":
        cmp = _cmp(symbool, a, b)
    else:
        cmp = {"==": lambda: a.w == b.w, "!=": lambda: a.w != b.w, ">": lambda: a.w > b.w,
               ">=": lambda: a.w >= b.w, "<": lambda: a.w < b.w, "<=": lambda: a.w <= b.w}[symbool]()
    if op == "gelijk":
        fout = _ONWAAR if soort == "numeriek" else beide
        return _en(_niet(een), cmp), fout
    if op == "ongelijk":
        return z3.If(beide, _ONWAAR, z3.If(een, _WAAR, cmp)), _ONWAAR
    fout = _ONWAAR if soort == "numeriek" else beide
    return _en(_niet(een), cmp), fout


def _vaste_term(x: ir.Expr) -> bool:
    from regelspraak.model.order import walk_expr

    return not any(isinstance(node, ir.AttribuutLezen | ir.VariabeleRef) for node in walk_expr(x))


def _tekst(w: ir.Waarde) -> Any:
    if isinstance(w, Fraction):
        return format_getal(w)
    if isinstance(w, date):
        return w.isoformat()
    return w


# ---------------------------------------------------------------- searching and confirming


class Status(Enum):
    ONMOGELIJK = "onmogelijk"  # unsat in the over-approximation: proven
    GEVONDEN = "gevonden"  # a case the interpreter confirms
    NIET_BEVESTIGD = "niet bevestigd"  # z3 found something, the interpreter did not confirm it
    NIET_GEVONDEN = "niet gevonden"  # no case within the bounded world
    BUDGET = "budget"  # z3 gave up (time budget)


@dataclass(frozen=True)
class Zoekresultaat:
    status: Status
    geval: dict[str, Any] | None = None
    uitkomst: Uitkomst | None = None
    exact: bool = False  # the encoding that found the case used no over-approximation
    benaderingen: tuple[str, ...] = ()
    begrenzingen: tuple[str, ...] = ()
    wortel: str | None = None  # object id of the subject in the case


Vraag = Callable[[Encoder], list[Z]]


class Zoeker:
    """Runs one question abstract (proof), then with slots (witness), then the interpreter."""

    def __init__(self, ctx: AnalyseContext, budget: Budget, invoercontroles: bool = True) -> None:
        self.ctx = ctx
        self.budget = budget
        self.invoercontroles = invoercontroles

    def encoder(self, meervoud: Meervoud) -> Encoder:
        return Encoder(self.ctx.model, self.ctx.parameters, self.ctx.rekendatum, meervoud)

    def _los(self, enc: Encoder, vraag: list[Z], extra: list[Z], deel: float, doel: Z = None,
             max_ms: int | None = None) -> tuple[Z, Z]:
        ms = self.budget.over_ms()
        if ms <= 0:
            return z3.unknown, None
        s = z3.Optimize() if doel is not None else z3.Solver()
        s.set("timeout", max(1, min(int(ms * deel), max_ms or ms)))
        s.add(*enc.defs, *vraag, *extra)
        if doel is not None:
            # A resource limit, not only a timeout: whether the smallest case is found must not
            # depend on the machine's load (DESIGN decision 8: same input, same output).
            s.set("rlimit", RLIMIT_MINIMAAL)
            s.minimize(doel)
        r = s.check()
        return r, (s.model() if r == z3.sat else None)

    def _getuige(self, enc: Encoder, q: list[Z], deel: float) -> tuple[Z, Z]:
        """A model of q: the smallest readable one if z3 finds it quickly, else any."""
        r, m = self._los(enc, q, enc.mooi(), deel * 0.3, enc.omvang(), max_ms=3000)
        if r != z3.sat:
            r, m = self._los(enc, q, enc.mooi(), deel * 0.5)
        if r != z3.sat:
            r, m = self._los(enc, q, [], deel)
        return r, m

    def bewijs(self, vraag: Vraag, deel: float = 1.0) -> tuple[Status, Encoder]:
        """Only the proof step: ONMOGELIJK (unsat, over-approximation), or not."""
        enc = self.encoder(Meervoud.ABSTRACT)
        q = vraag(enc)
        if self.invoercontroles:
            enc.invoercontroles()
        r, _ = self._los(enc, q, [], deel)
        if r == z3.unsat:
            return Status.ONMOGELIJK, enc
        if r == z3.sat:
            return Status.NIET_BEVESTIGD, enc
        return Status.BUDGET, enc

    def zoek(self, vraag: Vraag, bevestig: Callable[[Uitkomst, str], bool], deel: float = 1.0) -> Zoekresultaat:
        """Is `vraag` satisfiable? A proof of the contrary, or a case `bevestig` accepts."""
        status, enc_a = self.bewijs(vraag, deel)
        if status is not Status.NIET_BEVESTIGD:
            return Zoekresultaat(status, benaderingen=tuple(sorted(enc_a.benaderingen)))
        modi = [Meervoud.ABSTRACT] if not enc_a.benaderingen else [Meervoud.SLOTS]
        laatste = Status.NIET_GEVONDEN
        for modus in modi:
            for schoon in (False, True):
                enc = self.encoder(modus)
                q = vraag(enc)
                if self.invoercontroles:
                    enc.invoercontroles()
                if schoon:
                    enc.schoon()
                else:
                    q = [*q, *[z3.Not(k) for k in enc.keten_fouten]]
                r, m = self._getuige(enc, q, deel)
                if r == z3.unknown:
                    return Zoekresultaat(Status.BUDGET, benaderingen=tuple(sorted(enc.benaderingen)))
                if r == z3.unsat:
                    laatste = Status.NIET_GEVONDEN
                    break
                try:
                    geval = enc.geval(m)
                    uitkomst = run(self.ctx.model, gegevens_uit(self.ctx.model, geval))
                except (ValueError, KeyError):
                    laatste = Status.NIET_BEVESTIGD
                    continue
                wortel = next(iter(geval["objecten"]))  # the subject slot comes first
                if bevestig(uitkomst, wortel):
                    return Zoekresultaat(Status.GEVONDEN, geval, uitkomst, not enc.benaderingen,
                                         tuple(sorted(enc.benaderingen)), tuple(sorted(enc.begrenzingen)), wortel)
                laatste = Status.NIET_BEVESTIGD
        return Zoekresultaat(laatste, benaderingen=tuple(sorted(enc_a.benaderingen)))


def gegevens_uit(model: ir.Model, geval: dict[str, Any]) -> Gegevens:
    """A case dict read exactly as `bereken --gegevens` reads a case file."""
    from regelspraak.diagnostics import DiagnosticError

    src = yaml_source.Source("<tegenvoorbeeld>", geval, {})
    try:
        return case_from(Geval.model_validate(geval), src, (), model, model.eenheden, None, [])
    except DiagnosticError as e:
        raise ValueError("; ".join(d.bericht for d in e.diagnostics)) from e


def aannames(ctx: AnalyseContext, r: Zoekresultaat | None = None, invoercontroles: bool = True) -> str:
    """The input domain a check assumed, in Dutch."""
    delen = [f"rekendatum {ctx.rekendatum:%d-%m-%Y} met de parameterwaarden van die datum",
             "invoer binnen de gedeclareerde typen (decimalen, teken, enumeraties)"]
    if invoercontroles:
        delen.append("consistentieregels die alleen invoer lezen gelden")
    if r is not None:
        delen += list(r.benaderingen)
        delen += list(r.begrenzingen)
    return "; ".join(delen)


# ---------------------------------------------------------------- shared by the analyses


def plek(regel: ir.Regel, versie: ir.Versie | None = None) -> RegelPlek:
    """A rule in a finding, pointing at the version (or table row) when there is one."""
    if versie is None:
        return RegelPlek(regel.naam, regel.herkomst)
    bron = versie.herkomst.bron or regel.herkomst.bron
    return RegelPlek(regel.naam, Herkomst(versie.herkomst.span, bron))


def uitleg(model: ir.Model, uitkomst: Uitkomst | None) -> tuple[dict[str, Any], ...]:
    """The explanation trace of a counterexample run, as `bereken --uitleg --formaat json` shows it."""
    if uitkomst is None:
        return ()
    from regelspraak.report.results import as_json

    data = as_json(model, uitkomst, True)
    data["fouten"] = [{"code": d.code, "bericht": d.bericht} for d in uitkomst.fouten]
    return (data,)


def oordeel(r: Zoekresultaat) -> Oordeel:
    """`bewezen` when the encoding that found the (confirmed) case was exact."""
    return Oordeel.BEWEZEN if r.exact else Oordeel.TEGENVOORBEELD


def niet_beslist(code: str, soort: str, wat: str, regels: tuple[RegelPlek, ...], sleutel: str,
                 r: Zoekresultaat, ctx: AnalyseContext, invoercontroles: bool = True) -> Finding:
    """An honest 'not decided': the budget ran out, or z3 found a case the interpreter did not confirm."""
    if r.status is Status.BUDGET:
        reden = "het tijdsbudget was op voordat z3 een antwoord gaf"
    elif r.status is Status.NIET_BEVESTIGD:
        reden = "z3 vond een mogelijk geval, maar de interpreter bevestigde het niet (benadering)"
    else:
        reden = ("de benaderende controle sluit het niet uit, maar binnen de begrensde wereld bestaat geen "
                 "geval")
    return Finding(code, soort, Ernst.INFO, f"Niet beslist: {wat}; {reden}.", Oordeel.NIET_GEVONDEN, regels,
                   sleutel, aannames(ctx, r, invoercontroles), details={"status": r.status.value})


def overgeslagen(code: str, soort: str, wat: list[str], regels: tuple[RegelPlek, ...],
                 ctx: AnalyseContext, reden: str | None = None) -> list[Finding]:
    """One note for everything the analysis did not check: its budget ran out, or (with `reden`)
    the encoding does not cover it."""
    if not wat:
        return []
    lijst = "; ".join(wat[:10]) + (f"; en {len(wat) - 10} meer" if len(wat) > 10 else "")
    waarom = reden or f"binnen het budget van {ctx.budget_s:g} s"
    return [Finding(code, soort, Ernst.INFO, f"Niet gecontroleerd {waarom}: {lijst}.", Oordeel.NIET_GEVONDEN, regels,
                    f"{soort}|{'budget' if reden is None else 'niet gecodeerd'}", aannames(ctx),
                    details={"status": Status.BUDGET.value if reden is None else "niet gecodeerd",
                             "niet_gecontroleerd": wat})]
