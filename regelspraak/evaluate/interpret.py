"""The reference interpreter: one case, exact (Fraction), with an explanation trace.

It is the oracle: the vectorised engine must agree with it to the cent.

>>> from pathlib import Path
>>> import tempfile, datetime
>>> from regelspraak.model.from_syntax import load_model
>>> d = Path(tempfile.mkdtemp()); p = d / "m.rgs"
>>> _ = p.write_text('''Objecttype de Persoon (bezield)
... \\tde leeftijd\\tNumeriek (geheel getal) met eenheid jr;
... \\tis volwassen\\tkenmerk (bijvoeglijk);
... Regel volwassen
... \\tgeldig altijd
... \\t\\tEen Persoon is volwassen indien zijn leeftijd groter of gelijk is aan 18 jr.
... ''', "utf-8")
>>> model, _ = load_model([p])
>>> g = Gegevens(datetime.date(2025, 1, 1), {}, {"ann": Invoer("persoon", {"leeftijd": Fraction(20)}, {})}, [])
>>> run(model, g).instanties["ann"].kenmerken["volwassen"]
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

from regelspraak.diagnostics import Diagnostic, Ernst
from regelspraak.evaluate import tijd_expr
from regelspraak.model import ir
from regelspraak.model.order import roots_of, walk_expr
from regelspraak.model.tijd import kenmerk_tijdlijnen, periodes, tijdgebonden
from regelspraak.origin import Herkomst
from regelspraak.values import arithmetic as ar
from regelspraak.values import dates as dt
from regelspraak.values import functies
from regelspraak.values.fouten import Rekenfout
from regelspraak.values.notation import format_getal
from regelspraak.values.rounding import afronden, begrens, past_in_decimalen
from regelspraak.values.tijdlijn import Tijdlijn

# ---------------------------------------------------------------- input and output

KenmerkWaarde = bool | Tijdlijn


@dataclass(frozen=True, slots=True)
class Invoer:
    """One input object: objecttype key, attribute values and kenmerken by key."""

    type: str
    attributen: dict[str, ir.Waarde]
    # waar/onwaar; for a kenmerk `voor elke dag/maand/jaar` also a `Tijdlijn` of bool (a plain value
    # there means the whole calculation year, see `Interpreter`)
    kenmerken: Mapping[str, KenmerkWaarde]


@dataclass(frozen=True, slots=True)
class Gevalbestand:
    """The case file a `Gegevens` was read from: its path, and the line of each object in it.

    A computation error's span points at the rule; the case that made the rule fail is named in
    its message, so that in a folder of cases the user knows which file and object to look at.

    >>> Gevalbestand("gevallen/a.yaml", {"p": 4}).noem("p"), Gevalbestand("a.yaml").noem(None)
    (' Geval: gevallen/a.yaml:4, object p.', ' Geval: a.yaml.')
    """

    pad: str
    object_regels: dict[str, int] = field(default_factory=dict)

    def noem(self, object_id: str | None) -> str:
        """The sentence appended to an error message (with a leading space)."""
        if object_id is None:
            return f" Geval: {self.pad}."
        regel = self.object_regels.get(object_id)
        return f" Geval: {self.pad}{f':{regel}' if regel else ''}, object {object_id}."


@dataclass(frozen=True, slots=True)
class Gegevens:
    rekendatum: date
    parameters: dict[str, ir.Waarde]  # parameter key -> value valid on the rekendatum
    objecten: dict[str, Invoer]
    feiten: list[tuple[str, tuple[str, ...]]]  # (feittype key, object id per role)
    parameter_bronnen: dict[str, str] = field(default_factory=dict)
    # Set when the data are one case read from a file (bereken, test); not for a population.
    gevalbestand: Gevalbestand | None = None


@dataclass(frozen=True, slots=True)
class Lezing:
    """One value a computation read: an attribute/kenmerk of an object, a parameter, a variable."""

    soort: str  # attribuut, kenmerk, parameter, variabele, rekendatum
    object_id: str | None
    naam: str
    waarde: ir.Waarde
    # The value's type where only the rule knows it: a variable's expression type (its unit, or
    # percentage), so the trace can show it as an attribute's would be. Attributes and parameters
    # are typed by their declaration in the model.
    type: ir.Type | None = None


@dataclass(frozen=True, slots=True)
class Afleiding:
    """How a value came about: by input, or by a rule version with the values it read."""

    waarde: ir.Waarde
    regel: str | None = None
    versie: str | None = None
    herkomst: Herkomst | None = None
    invoer: tuple[Lezing, ...] = ()
    # A timeline result (taal.md §11): per knip stretch [vanaf, tot) the version that fired and
    # what it read there.
    stukken: tuple[StukAfleiding, ...] = ()


@dataclass(frozen=True, slots=True)
class StukAfleiding:
    vanaf: date
    tot: date
    waarde: ir.Waarde
    versie: str
    invoer: tuple[Lezing, ...] = ()
    gevuurd: bool = True  # False: the version applied here but its condition did not hold (nothing written)


@dataclass
class Instantie:
    id: str
    type: str
    waarden: dict[str, ir.Waarde]
    kenmerken: dict[str, KenmerkWaarde]
    afleidingen: dict[str, Afleiding] = field(default_factory=dict)  # attr or "kenmerk:" + naam


@dataclass(frozen=True, slots=True)
class Inconsistentie:
    object_id: str
    regel: str
    bericht: str
    herkomst: Herkomst


@dataclass
class Uitkomst:
    rekendatum: date
    instanties: dict[str, Instantie]
    inconsistenties: list[Inconsistentie]
    fouten: list[Diagnostic]


# ---------------------------------------------------------------- the run


class _Stop(Exception):
    """Abort one rule for one instance (the error is recorded)."""


# Public names for evaluate/per_stuk.py (a rule over timelines, evaluated per knip stretch).
Afgebroken = _Stop


@dataclass
class Frame:
    onderwerp: Instantie
    regel: ir.Regel
    versie: ir.Versie
    variabelen: dict[str, ir.Waarde] = field(default_factory=dict)
    lezingen: list[Lezing] = field(default_factory=list)
    elementen: list[Instantie] = field(default_factory=list)
    dagen: list[date] = field(default_factory=list)  # "de dag" inside a Dagsoortdefinitie
    # Timelines (taal.md §11): the moment this evaluation is for (None: the rule reads none, or a
    # first exploration), and every timeline read, whose boundaries make the knip.
    moment: date | None = None
    tijdlijnen: list[Tijdlijn] = field(default_factory=list)
    # Cut points (bare periods, month/year boundaries) and spans (closed periods, whole months/years)
    # that the knip uses besides the timelines read (evaluate/tijd_expr.py).
    grenzen: list[date] = field(default_factory=list)
    spannen: list[tuple[date, date]] = field(default_factory=list)


class Interpreter:
    def __init__(self, model: ir.Model, gegevens: Gegevens) -> None:
        self.model = model
        self.g = gegevens
        self.instanties: dict[str, Instantie] = {}
        tijd_kenmerken = kenmerk_tijdlijnen(model)
        for oid, inv in sorted(gegevens.objecten.items()):
            kms = dict(inv.kenmerken)
            if inv.type in tijd_kenmerken:
                kms = tijd_expr.kenmerken_als_tijdlijn(kms, tijd_kenmerken[inv.type], gegevens.rekendatum)
            inst = Instantie(oid, inv.type, dict(inv.attributen), kms)
            for k, v in inv.attributen.items():
                inst.afleidingen[k] = Afleiding(v)
            for k, aan in kms.items():
                inst.afleidingen["kenmerk:" + k] = Afleiding(aan)
            self.instanties[oid] = inst
        self.per_type: dict[str, list[Instantie]] = {}
        for inst in self.instanties.values():
            self.per_type.setdefault(inst.type, []).append(inst)
        # nav[(feittype, target role index)][object id] -> related object ids, in input order
        self.nav: dict[tuple[str, int], dict[str, list[str]]] = {}
        self.feiten: list[tuple[str, tuple[str, ...]]] = []  # given and created (ObjectCreatie, FeitCreatie)
        for ft_key, ids in gegevens.feiten:
            self._voeg_feit(ft_key, ids)
        self.inconsistenties: list[Inconsistentie] = []
        self.fouten: list[Diagnostic] = []
        # Which rule wrote an attribute, to detect two rules assigning different values.
        self.schrijver: dict[tuple[str, str], str] = {}
        self.gevuurd: set[tuple[str, str]] = set()  # (rule key, object id): "regelversie R is gevuurd"
        self._tijd: dict[int, bool] = {}
        # Functions over time per rule and subject (evaluate/tijd_expr.py); emptied per rule run.
        self.tijd_cache: dict[Any, Any] = {}

    def _voeg_feit(self, ft_key: str, ids: tuple[str, ...]) -> None:
        ft = self.model.feittypen[ft_key]
        a, b = ids
        self.feiten.append((ft_key, ids))
        if ft.wederkerig:
            self.nav.setdefault((ft_key, 0), {}).setdefault(a, []).append(b)
            self.nav.setdefault((ft_key, 0), {}).setdefault(b, []).append(a)
        else:
            self.nav.setdefault((ft_key, 1), {}).setdefault(a, []).append(b)
            self.nav.setdefault((ft_key, 0), {}).setdefault(b, []).append(a)

    def run(self) -> Uitkomst:
        for regel in self.model.regels:
            if any(self._per_tijd(v) for v in regel.versies):
                run_per_stuk(self, regel)
                continue
            for versie in regel.versies:
                if not versie.geldig_op(self.g.rekendatum):
                    continue
                if versie.verdeling is not None:
                    for inst in self.per_type.get(versie.onderwerp, []):
                        self._verdeel(regel, versie, versie.verdeling, inst)
                if versie.creatie is not None:
                    # A copy: objects created now are no subjects of this same rule.
                    for inst in list(self.per_type.get(versie.onderwerp, [])):
                        self._creeer(regel, versie, versie.creatie, inst)
                for res in versie.resultaten:
                    if isinstance(res, ir.Consistentieregel) and res.uniek is not None:
                        self._uniek(regel, versie, res)
                        continue
                    for inst in self.per_type.get(versie.onderwerp, []):
                        self._apply(regel, versie, res, inst)
        return Uitkomst(self.g.rekendatum, self.instanties, self.inconsistenties, self.fouten)

    def _per_tijd(self, versie: ir.Versie) -> bool:
        """Whether `versie` reads a timeline, so that it runs per knip stretch (cached per version)."""
        if id(versie) not in self._tijd:
            self._tijd[id(versie)] = any(periodes(root) or tijdgebonden(root) for root in roots_of(versie))
        return self._tijd[id(versie)]

    def _fout(self, code: str, bericht: str, herkomst: Herkomst, object_id: str | None) -> None:
        """Record an error at the rule (`herkomst`); `object_id` is the object it arose for, if one."""
        if self.g.gevalbestand is not None:
            bericht += self.g.gevalbestand.noem(object_id)
        self.fouten.append(Diagnostic(code, Ernst.FOUT, bericht, herkomst))

    def _apply(self, regel: ir.Regel, versie: ir.Versie, res: ir.Resultaat, inst: Instantie) -> None:
        f = Frame(inst, regel, versie)
        try:
            if isinstance(res, ir.Consistentieregel):
                assert res.voorwaarde is not None
                if not self.cond(res.voorwaarde, f):
                    self.inconsistenties.append(Inconsistentie(
                        inst.id, regel.naam, f"{inst.id} voldoet niet aan consistentieregel '{regel.naam}'.",
                        res.herkomst))
                return
            if res.voorwaarde is not None and not self.cond(res.voorwaarde, f):
                return
            self.gevuurd.add((_rkey(regel.naam), inst.id))
            doel = self._doel_object(res.doel, inst, f)
            if doel is None:
                return
            if res.doel.kenmerk is not None:
                self._zet(doel, "kenmerk:" + res.doel.kenmerk.naam.lower(), True, f, res)
                return
            assert res.doel.attribuut is not None and res.expr is not None
            sleutel = _akey(res.doel.attribuut)
            if res.initialisatie and doel.waarden.get(sleutel) is not None:
                return
            waarde = self.expr(res.expr, f)
            if isinstance(waarde, list):
                raise Rekenfout("De uitkomst bestaat uit meerdere waarden.")
            t = res.doel.attribuut.type
            if isinstance(waarde, Fraction) and t.decimalen is not None and not past_in_decimalen(waarde, t.decimalen):
                self._fout("RS106", f"Regel '{regel.naam}' geeft {inst.id} de waarde {format_getal(waarde)} voor "
                           f"'{res.doel.attribuut.naam}', met meer dan {t.decimalen} decimalen; rond de uitkomst "
                           "af in de regel.", res.herkomst, inst.id)
                return
            self._zet(doel, sleutel, waarde, f, res)
        except Rekenfout as e:
            self._fout("RS206", f"Regel '{regel.naam}' ({versie.beschrijf()}) voor {inst.id}: {_zin(e.bericht)}",
                       res.herkomst, inst.id)
        except _Stop:
            return

    def _verdeel(self, regel: ir.Regel, versie: ir.Versie, v: ir.Verdeling, inst: Instantie) -> None:
        """One Verdeling for one subject: every object's share and the undistributed rest."""
        from regelspraak.evaluate.verdelen import verdeel_voor

        f = Frame(inst, regel, versie)
        try:
            if v.voorwaarde is not None and not self.cond(v.voorwaarde, f):
                return
            self.gevuurd.add((_rkey(regel.naam), inst.id))
            for o, sleutel, waarde, decimalen in verdeel_voor(self, v, f):
                if isinstance(waarde, Fraction) and decimalen is not None and not past_in_decimalen(waarde, decimalen):
                    self._fout("RS106", f"Verdeling '{regel.naam}' geeft {o.id} de waarde {format_getal(waarde)} voor "
                               f"'{sleutel}', met meer dan {decimalen} decimalen; rond af met 'afgerond op "
                               f"{decimalen} decimalen naar beneden'.", v.herkomst, o.id)
                    return
                self._zet(o, sleutel, waarde, f, ir.Toekenning(ir.Doel((), None, None), None, None, False,
                                                               v.herkomst))
        except Rekenfout as e:
            self._fout("RS206", f"Regel '{regel.naam}' ({versie.beschrijf()}) voor {inst.id}: {_zin(e.bericht)}",
                       v.herkomst, inst.id)
        except _Stop:
            return

    def _creeer(self, regel: ir.Regel, versie: ir.Versie, c: ir.Creatie, inst: Instantie) -> None:
        """ObjectCreatie or FeitCreatie for one subject (taal.md §11)."""
        f = Frame(inst, regel, versie)
        try:
            if c.voorwaarde is not None and not self.cond(c.voorwaarde, f):
                return
            self.gevuurd.add((_rkey(regel.naam), inst.id))
            ft = self.model.feittypen[c.rol.feittype]
            if c.soort == "feit":
                assert c.ander is not None
                ander = self.expr(c.ander, f)
                # One object, none (a missing role: no fact), or several (the specification's reading,
                # spec §9.4: every passagier of the reis becomes a passagier met recht op treinmiles).
                for a in ander if isinstance(ander, list) else ([ander] if ander is not None else []):
                    ids = (inst.id, a.id) if c.rol.index == 0 or ft.wederkerig else (a.id, inst.id)
                    if (c.rol.feittype, ids) not in self.feiten:
                        self._voeg_feit(c.rol.feittype, ids)
                return
            waarden = {a.naam.lower(): self.expr(x, f) for a, x in c.waarden}
            for (a, _), w in zip(c.waarden, waarden.values(), strict=True):
                dec = a.type.decimalen
                if isinstance(w, Fraction) and dec is not None and not past_in_decimalen(w, dec):
                    self._fout("RS106", f"Regel '{regel.naam}' geeft het nieuwe object van {inst.id} de waarde "
                               f"{format_getal(w)} voor '{a.naam}', met meer dan {a.type.decimalen} decimalen; rond "
                               "de uitkomst af in de regel.", c.herkomst, inst.id)
                    return
            nieuw_id = f"{inst.id}.{c.rol.naam}"
            k = 1
            while nieuw_id in self.instanties:
                k += 1
                nieuw_id = f"{inst.id}.{c.rol.naam}{k}"
            nieuw = Instantie(nieuw_id, c.rol.objecttype, dict(waarden), {})
            versie_tekst = versie.beschrijf()
            for sleutel, w in waarden.items():
                nieuw.afleidingen[sleutel] = Afleiding(w, regel.naam, versie_tekst, regel.herkomst, tuple(f.lezingen))
                self.schrijver[(nieuw_id, sleutel)] = regel.naam
            self.instanties[nieuw_id] = nieuw
            self.per_type.setdefault(nieuw.type, []).append(nieuw)
            # The new object plays the role: it stands at that role's index of the fact.
            self._voeg_feit(c.rol.feittype, (nieuw_id, inst.id) if c.rol.index == 0 else (inst.id, nieuw_id))
        except Rekenfout as e:
            self._fout("RS206", f"Regel '{regel.naam}' ({versie.beschrijf()}) voor {inst.id}: {_zin(e.bericht)}",
                       c.herkomst, inst.id)
        except _Stop:
            return

    def _doel_object(self, doel: ir.Doel, inst: Instantie, f: Frame) -> Instantie | None:
        cur = inst
        for rol in doel.pad:
            ids = self.nav.get((rol.feittype, rol.index), {}).get(cur.id, [])
            if len(ids) != 1:
                return None
            cur = self.instanties[ids[0]]
        return cur

    def _zet(self, doel: Instantie, sleutel: str, waarde: ir.Waarde, f: Frame, res: ir.Toekenning) -> None:
        is_kenmerk = sleutel.startswith("kenmerk:")
        naam = sleutel.split(":", 1)[1] if is_kenmerk else sleutel
        vorige = self.schrijver.get((doel.id, sleutel))
        oud = doel.kenmerken.get(naam) if is_kenmerk else doel.waarden.get(naam)
        # An Initialisatie only fills what is still empty, also after a rule emptied it (taal.md §3):
        # that is no conflict with the rule that left it empty.
        if vorige is not None and vorige != f.regel.naam and oud != waarde and not res.initialisatie:
            self._fout("RS203", f"Tegenstrijdige toekenning aan '{naam}' van {doel.id}: regel '{vorige}' gaf "
                       f"{_tekst(oud)}, regel '{f.regel.naam}' geeft {_tekst(waarde)}.", res.herkomst, doel.id)
            return
        if vorige is not None and vorige == f.regel.naam and f.versie.rij is not None and oud != waarde:
            self._fout("RS203", f"Beslistabel '{f.regel.naam}': meerdere rijen geven '{naam}' van {doel.id} een "
                       f"andere waarde.", res.herkomst, doel.id)
            return
        self.schrijver[(doel.id, sleutel)] = f.regel.naam
        if is_kenmerk:
            doel.kenmerken[naam] = bool(waarde)
        else:
            doel.waarden[naam] = waarde
        versie = f.versie.beschrijf() + (f", rij {f.versie.rij}" if f.versie.rij is not None else "")
        doel.afleidingen[sleutel] = Afleiding(waarde, f.regel.naam, versie, f.regel.herkomst, tuple(f.lezingen))

    def _uniek(self, regel: ir.Regel, versie: ir.Versie, res: ir.Consistentieregel) -> None:
        assert res.uniek is not None
        instanties = self.per_type.get(versie.onderwerp, [])
        # "De dossiernummers van alle Personen" is one check over all objects; "… van alle leden van een
        # Huishouden" reads the subject, so it is a check per Huishouden.
        per_onderwerp = any(isinstance(x, ir.Onderwerp) and not x.meervoudig for x in walk_expr(res.uniek))
        if not per_onderwerp and not instanties:
            # "… verenigd met de nummers van alle Medewerkers" also checks when there is no object of
            # the first type; the check reads no subject, so any frame will do.
            instanties = [Instantie("*", versie.onderwerp, {}, {})]
        for inst in instanties if per_onderwerp else instanties[:1]:
            self._uniek_voor(regel, versie, res, inst, per_onderwerp)

    def _uniek_voor(self, regel: ir.Regel, versie: ir.Versie, res: ir.Consistentieregel, inst: Instantie,
                    per_onderwerp: bool) -> None:
        assert res.uniek is not None
        f = Frame(inst, regel, versie)
        try:
            # Read the values per object where the expression says which objects they belong to,
            # so that each object holding a duplicate is marked inconsistent (not the model as a whole).
            paren = self._uniek_paren(res.uniek, f)
        except Rekenfout as e:
            # A check over all objects of the type ran once, for whichever came first: name none.
            self._fout("RS206", f"Regel '{regel.naam}': {_zin(e.bericht)}", res.herkomst,
                       inst.id if per_onderwerp else None)
            return
        per_waarde: dict[Any, list[str]] = {}
        for oid, w in paren:
            if w is not None:
                per_waarde.setdefault(w, []).append(oid)
        for w, ids in per_waarde.items():
            if len(ids) < 2:
                continue
            for oid in ids:
                andere = ", ".join(i for i in ids if i != oid)
                bericht = (f"{oid} voldoet niet aan consistentieregel '{regel.naam}': de waarde {_tekst(w)} komt ook "
                           f"voor bij {andere}." if oid != "*" else f"Waarde {_tekst(w)} komt meer dan eens voor.")
                self.inconsistenties.append(Inconsistentie(oid, regel.naam, bericht, res.herkomst))
                if oid == "*":
                    break

    def _uniek_paren(self, x: ir.Expr, f: Frame) -> list[tuple[str, Any]]:
        """(object id, value) per object for a uniqueness check; a combination of attributes
        (`de concatenatie van`) is one tuple per object, compared only when every part is filled."""
        if isinstance(x, ir.Functie) and x.naam == "verenigd":
            return [p for deel in x.args for p in self._uniek_paren(deel, f)]
        if isinstance(x, ir.Functie) and x.naam == "concatenatie":
            eerste = x.args[0]
            assert isinstance(eerste, ir.AttribuutLezen)  # the checker demands attributes of one collection
            objecten = self.expr(eerste.van, f)
            paren: list[tuple[str, Any]] = []
            for o in objecten if isinstance(objecten, list) else [objecten]:
                if o is None:
                    continue
                waarden = tuple(self._lees(o, a.attribuut, f) for a in x.args if isinstance(a, ir.AttribuutLezen))
                paren.append((o.id, None if None in waarden else waarden))
            return paren
        if isinstance(x, ir.AttribuutLezen):
            objecten = self.expr(x.van, f)
            objecten = objecten if isinstance(objecten, list) else [objecten]
            return [(o.id, self._lees(o, x.attribuut, f)) for o in objecten if o is not None]
        waarden = self.expr(x, f)
        return [("*", w) for w in (waarden if isinstance(waarden, list) else [waarden])]

    # ------------------------------------------------------------ expressions

    def expr(self, x: ir.Expr, f: Frame) -> Any:
        if isinstance(x, ir.Literal):
            return x.waarde
        if isinstance(x, ir.ParameterRef):
            if x.naam not in self.g.parameters:
                self._fout("RS302", f"Parameter '{x.naam}' heeft geen waarde op {self.g.rekendatum:%d-%m-%Y}.",
                           x.herkomst, f.onderwerp.id)
                raise _Stop
            v = self._op_moment(self.g.parameters[x.naam], f)
            f.lezingen.append(Lezing("parameter", None, x.naam, v))
            return v
        if isinstance(x, ir.VariabeleRef):
            if x.naam not in f.variabelen:
                var = next(v for v in f.versie.variabelen if v.naam == x.naam)
                f.variabelen[x.naam] = self.expr(var.expr, f)
                f.lezingen.append(Lezing("variabele", None, x.naam, f.variabelen[x.naam], var.expr.type))
            return f.variabelen[x.naam]
        if isinstance(x, ir.Onderwerp):
            return list(self.per_type.get(x.type.objecttype or "", [])) if x.meervoudig else f.onderwerp
        if isinstance(x, ir.Element):
            return f.elementen[-1 - x.diepte]
        if isinstance(x, ir.Navigatie):
            van = self.expr(x.van, f)
            bronnen = van if isinstance(van, list) else ([van] if van is not None else [])
            uit: list[Instantie] = []
            for b in bronnen:
                uit.extend(self.instanties[i] for i in self.nav.get((x.rol.feittype, x.rol.index), {}).get(b.id, []))
            if x.meervoudig:
                return uit
            return uit[0] if uit else None
        if isinstance(x, ir.AttribuutLezen):
            van = self.expr(x.van, f)
            if isinstance(van, list):
                return [self._lees(o, x.attribuut, f) for o in van]
            return self._lees(van, x.attribuut, f) if van is not None else None
        if isinstance(x, ir.Selectie):
            coll = self.expr(x.collectie, f)
            out = []
            for o in coll:
                f.elementen.append(o)
                try:
                    if self.cond(x.voorwaarde, f):
                        out.append(o)
                finally:
                    f.elementen.pop()
            return out
        if isinstance(x, ir.Rekenkunde):
            return self._reken(x, f)
        if isinstance(x, ir.Afronden):
            return _map(self.expr(x.expr, f), lambda v: afronden(v, x.modus, x.decimalen))
        if isinstance(x, ir.Begrenzen):
            v = self.expr(x.expr, f)
            lo = _mul(self.expr(x.minimum, f), x.factor_minimum) if x.minimum is not None else None
            hi = _mul(self.expr(x.maximum, f), x.factor_maximum) if x.maximum is not None else None
            return _map(v, lambda w: begrens(w, lo, hi))
        if isinstance(x, ir.Absoluut):
            return _map(self.expr(x.expr, f), ar.absolute_waarde)
        if isinstance(x, ir.Aggregeren):
            return self._aggregeer(x, f)
        if isinstance(x, ir.Tijdsduur):
            return _int(dt.tijdsduur(self.expr(x.van, f), self.expr(x.tot, f), x.eenheid,  # type: ignore[arg-type]
                                     absoluut=x.absoluut))
        if isinstance(x, ir.DatumPlus):
            return dt.plus_duur(self.expr(x.datum, f), self.expr(x.duur, f), x.eenheid, x.teken)
        if isinstance(x, ir.DatumDeel):
            fn = {"dag": dt.dag_uit, "maand": dt.maand_uit, "jaar": dt.jaar_uit}[x.deel]
            return _int(fn(self.expr(x.expr, f)))
        if isinstance(x, ir.RekendatumRef):
            f.lezingen.append(Lezing("rekendatum", None, "Rekendatum", self.g.rekendatum))
            return Fraction(self.g.rekendatum.year) if x.jaar else self.g.rekendatum
        if isinstance(x, ir.ConditieWaarde):
            return self.cond(x.conditie, f)
        if isinstance(x, ir.Functie):
            if x.naam == "dag":
                return f.dagen[-1]
            return functies.bereken(x.naam, [self.expr(a, f) for a in x.args], x.afronding, x.decimalen)
        if isinstance(x, ir.TijdFunctie):
            return tijd_expr.functie(self, x, f)
        if isinstance(x, ir.Omrekening):
            return _mul(self.expr(x.expr, f), x.factor)
        raise Rekenfout(f"onbekende expressie {type(x).__name__}")

    def _is_dagsoort(self, key: str, dag: object, f: Frame) -> bool:
        """Whether `dag` is of the Dagsoort: a definition valid on the Rekendatum holds for it; leeg: onwaar."""
        if not isinstance(dag, date):
            return False
        for vanaf, tm, vw in self.model.dagsoorten[key].definities:
            if (vanaf is not None and self.g.rekendatum < vanaf) or (tm is not None and tm < self.g.rekendatum):
                continue
            f.dagen.append(dag)
            try:
                if self.cond(vw, f):
                    return True
            finally:
                f.dagen.pop()
        return False

    def _lees(self, o: Instantie, a: ir.Attribuut, f: Frame) -> ir.Waarde:
        v = self._op_moment(o.waarden.get(_akey(a)), f)
        f.lezingen.append(Lezing("attribuut", o.id, a.naam, v))
        return v

    @staticmethod
    def _op_moment(v: ir.Waarde, f: Frame) -> ir.Waarde:
        """A timeline's value at the frame's moment (recorded for the knip); other values as they are.
        Without a moment (the first exploration) the value on its first stretch stands in."""
        if not isinstance(v, Tijdlijn):
            return v
        f.tijdlijnen.append(v)
        w: ir.Waarde = (v.stukken[0].waarde if v.stukken else None) if f.moment is None else v.op(f.moment)
        return w

    def _reken(self, x: ir.Rekenkunde, f: Frame) -> Any:
        links = _mul(self.expr(x.links, f), x.factor_links if x.op in ("plus", "min", "verminderd met") else 1)
        rechts = _mul(self.expr(x.rechts, f), x.factor_rechts)
        ops: dict[str, Callable[[Any, Any], Any]] = {
            "plus": ar.plus, "min": ar.min_, "verminderd met": ar.verminderd_met, "maal": ar.maal,
            "gedeeld door": ar.gedeeld_door, "gedeeld door abs": ar.gedeeld_door_abs, "procent van": ar.procent_van,
        }
        fn = ops[x.op]
        if isinstance(links, list) or isinstance(rechts, list):
            ls = links if isinstance(links, list) else [links] * len(rechts)
            rs = rechts if isinstance(rechts, list) else [rechts] * len(ls)
            out = [fn(a, b) for a, b in zip(ls, rs, strict=True)]
        else:
            out = fn(links, rechts)
        if x.op in ("maal", "gedeeld door", "gedeeld door abs") and x.factor_links != 1:
            return _mul(out, x.factor_links)
        return out

    def _aggregeer(self, x: ir.Aggregeren, f: Frame) -> Any:
        if x.collectie is not None:
            waarden = self.expr(x.collectie, f)
            if x.soort == "aantal":
                return Fraction(len(waarden) if isinstance(waarden, list) else int(waarden is not None))
            items = waarden if isinstance(waarden, list) else [waarden]
        elif x.soort == "aantal":
            # A concatenation of collections (spec §5.7): every object counts once.
            ids: set[str] = set()
            for e in x.lijst:
                w = self.expr(e, f)
                ids.update(o.id for o in (w if isinstance(w, list) else [w]) if o is not None)
            return Fraction(len(ids))
        else:
            items = [_mul(self.expr(e, f), x.factoren[i] if x.factoren else 1) for i, e in enumerate(x.lijst)]
            if x.soort == "som":
                # Literals and parameters in a written list are added, but do not make a sum of
                # otherwise empty attribute values non-empty (taal.md §6).
                vast = [vaste_term(e) for e in x.lijst]
                return ar.som([v for v, is_vast in zip(items, vast, strict=True) if not is_vast], of_nul=x.of_nul,
                              vaste_termen=[v for v, is_vast in zip(items, vast, strict=True) if is_vast])
        if x.soort == "som":
            return ar.som(items, of_nul=x.of_nul)
        if x.soort == "maximum":
            return ar.maximum(items)
        if x.soort == "minimum":
            return ar.minimum(items)
        if x.soort == "eerste":
            return ar.eerste(items)
        return ar.laatste(items)

    # ------------------------------------------------------------ conditions

    def cond(self, c: ir.Conditie, f: Frame) -> bool:
        if isinstance(c, ir.Samengesteld):
            if c.kwantor == "alle":
                return all(self.cond(i, f) for i in c.items)  # in order: earlier items guard later ones
            n = sum(1 for i in c.items if self.cond(i, f))
            return _telt(c.kwantor, c.aantal, n, len(c.items))
        if isinstance(c, ir.Gekwantificeerd):
            coll = self.expr(c.collectie, f)
            elems = coll if isinstance(coll, list) else [coll]
            n = 0
            for o in elems:
                f.elementen.append(o)
                try:
                    n += self.cond(c.voorwaarde, f)
                finally:
                    f.elementen.pop()
            return _telt(c.kwantor, c.aantal, n, len(elems))
        if isinstance(c, ir.KenmerkTest):
            o = self.expr(c.object, f)
            if o is None:
                return c.ontkend
            # A kenmerk with a timeline is read at the frame's moment (onwaar outside its stretches).
            v = self._op_moment(o.kenmerken.get(c.kenmerk.naam.lower(), False), f) is True
            f.lezingen.append(Lezing("kenmerk", o.id, c.kenmerk.naam, v))
            return (not v) if c.ontkend else v
        if isinstance(c, ir.RolTest):
            o = self.expr(c.object, f)
            if o is None:
                return c.ontkend
            if c.heeft:
                has = bool(self.nav.get((c.rol.feittype, c.rol.index), {}).get(o.id))
            else:
                ft = self.model.feittypen[c.rol.feittype]
                other = c.rol.index if ft.wederkerig else 1 - c.rol.index
                has = bool(self.nav.get((c.rol.feittype, other), {}).get(o.id))
            return (not has) if c.ontkend else has
        if isinstance(c, ir.Periode):
            return tijd_expr.periode(self, c, f)
        if isinstance(c, ir.GehelePeriode):
            return tijd_expr.geheel(self, c, f)
        if isinstance(c, ir.LeegTest):
            v = self.expr(c.expr, f)
            return (v is not None) if c.gevuld else (v is None)
        if isinstance(c, ir.Controle):
            if c.regel is not None:
                oid = f.onderwerp.id
                if c.soort == "gevuurd":
                    return ((c.regel, oid) in self.gevuurd) != c.ontkend
                return any(_rkey(i.regel) == c.regel and i.object_id == oid for i in self.inconsistenties) != c.ontkend
            if c.soort == "dagsoort":
                assert c.dagsoort is not None
                return self._is_dagsoort(c.dagsoort, self.expr(c.expr, f), f) != c.ontkend
            return functies.controleer(c.soort, self.expr(c.expr, f), c.aantal) != c.ontkend
        links = self.expr(c.links, f)
        rechts = [_mul(self.expr(r, f), c.factoren[i] if c.factoren else 1) for i, r in enumerate(c.rechts)]
        fn = _VERGELIJK[c.op]
        soort = c.soort
        if c.op == "ongelijk":
            return all(fn(links, r, soort) for r in rechts)
        return any(fn(links, r, soort) for r in rechts)


_VERGELIJK: dict[str, Callable[[Any, Any, Any], bool]] = {
    "gelijk": ar.gelijk, "ongelijk": ar.ongelijk, "groter": ar.groter, "groter_gelijk": ar.groter_gelijk,
    "kleiner": ar.kleiner, "kleiner_gelijk": ar.kleiner_gelijk,
    "eerder": lambda a, b, s: ar.eerder(a, b), "eerder_gelijk": lambda a, b, s: ar.eerder_gelijk(a, b),
    "later": lambda a, b, s: ar.later(a, b), "later_gelijk": lambda a, b, s: ar.later_gelijk(a, b),
}


def _telt(kwantor: str, aantal: int | None, n: int, totaal: int) -> bool:
    if kwantor == "alle":
        return n == totaal
    if kwantor == "geen":
        return n == 0
    if kwantor == "ten_minste":
        return n >= (aantal or 1)
    if kwantor == "ten_hoogste":
        return n <= (aantal or 0)
    return n == aantal


def _rkey(naam: str) -> str:
    """A rule name as `regelversie R` refers to it (normalised like every name)."""
    return " ".join(naam.lower().split())


def _akey(a: ir.Attribuut) -> str:
    return a.naam.lower()


def _mul(v: Any, factor: Fraction | int) -> Any:
    if factor == 1 or v is None:
        return v
    if isinstance(v, list):
        return [None if w is None else w * factor for w in v]
    return v * factor


def _map(v: Any, fn: Callable[[Any], Any]) -> Any:
    return [fn(w) for w in v] if isinstance(v, list) else fn(v)


def _int(v: int | None) -> Fraction | None:
    return None if v is None else Fraction(v)


def vaste_term(x: ir.Expr) -> bool:
    """A term of a written list that reads no attribute or variable: a literal, a parameter."""
    return not any(isinstance(node, ir.AttribuutLezen | ir.VariabeleRef) for node in walk_expr(x))


def _zin(bericht: str) -> str:
    """A Rekenfout message as the end of a sentence: it already ends in a full stop."""
    return bericht if bericht.endswith((".", "?", "!")) else bericht + "."


def _tekst(v: object) -> str:
    if v is None:
        return "leeg"
    if isinstance(v, tuple):  # a combination of attributes in a uniqueness check
        return " + ".join(_tekst(w) for w in v)
    if isinstance(v, Fraction):
        return format_getal(v)
    return str(v)


def regel_sleutel(naam: str) -> str:
    return _rkey(naam)


def attribuut_sleutel(a: ir.Attribuut) -> str:
    return _akey(a)


def als_zin(bericht: str) -> str:
    return _zin(bericht)


def run_per_stuk(it: Interpreter, regel: ir.Regel) -> None:
    from regelspraak.evaluate.per_stuk import run_regel

    run_regel(it, regel)


class DagsoortToets:
    """`D is een <dagsoort>` on its own, for the vectorised engine: the model's definitions on the
    same rekendatum and parameters as a run, asked per date (and remembered)."""

    def __init__(self, model: ir.Model, rekendatum: date, parameters: dict[str, ir.Waarde]) -> None:
        self._it = Interpreter(model, Gegevens(rekendatum, parameters, {}, []))
        self._antwoord: dict[tuple[str, date], bool] = {}

    def __call__(self, key: str, dag: object) -> bool:
        if not isinstance(dag, date):
            return False
        if (key, dag) not in self._antwoord:
            # A definition reads only "de dag", literals, parameters and the Rekendatum: no subject. The
            # frame needs a rule for its messages; a model with a Dagsoort test has rules.
            regel = self._it.model.regels[0]
            f = Frame(Instantie("", "", {}, {}), regel, regel.versies[0])
            self._antwoord[(key, dag)] = self._it._is_dagsoort(key, dag, f)
        return self._antwoord[(key, dag)]


def run(model: ir.Model, gegevens: Gegevens) -> Uitkomst:
    return Interpreter(model, gegevens).run()
