"""The typed rule model (the IR): names resolved, types and units known, every node traceable.

Both engines and the analyses read this; nothing here refers back to syntax nodes.

>>> t = Type("numeriek", decimalen=2)
>>> t.soort, t.is_getal
('numeriek', True)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from regelspraak.origin import Bron, Herkomst
from regelspraak.values.rounding import Afronding
from regelspraak.values.tijdlijn import Tijdlijn
from regelspraak.values.units import Eenheden, Eenheid

Waarde = Fraction | date | str | bool | Tijdlijn | None


@dataclass(frozen=True, slots=True)
class Type:
    """numeriek, percentage, tekst, boolean, datum, datumtijd (`Datum en tijd in millisecondes`),
    enumeratie (with `domein`), object (with `objecttype`), or `leeg` for the untyped empty literal."""

    soort: str
    eenheid: Eenheid | None = None
    decimalen: int | None = None
    teken: str | None = None
    domein: str | None = None
    objecttype: str | None = None
    waarden: tuple[str, ...] = ()
    # `voor elke dag/maand/jaar` (taal.md §11): a timeline whose values are each per this period.
    periode: str | None = None

    @property
    def is_getal(self) -> bool:
        return self.soort in ("numeriek", "percentage")

    def beschrijf(self) -> str:
        if self.periode is not None:
            waarde = Type(self.soort, self.eenheid, domein=self.domein, objecttype=self.objecttype)
            return f"tijdlijn per {self.periode} van {waarde.beschrijf()}"
        if self.soort == "enumeratie":
            return f"enumeratie {self.domein}"
        if self.soort == "object":
            return f"object {self.objecttype}"
        if self.is_getal and self.eenheid is not None and not self.eenheid.is_dimensieloos:
            return f"{self.soort} in {self.eenheid}"
        return self.soort


BOOLEAN = Type("boolean")
DATUM = Type("datum")
TEKST = Type("tekst")
LEEG = Type("leeg")

# ---------------------------------------------------------------- declarations


@dataclass(frozen=True, slots=True)
class Attribuut:
    naam: str
    objecttype: str
    type: Type
    herkomst: Herkomst


@dataclass(frozen=True, slots=True)
class Kenmerk:
    naam: str
    objecttype: str
    soort: str  # bijvoeglijk, bezittelijk, gewoon
    herkomst: Herkomst
    # `voor elke dag|maand|jaar` (taal.md §11): a timeline of waar/onwaar (`Tijdlijn` of bool).
    periode: str | None = None


@dataclass(frozen=True, slots=True)
class Objecttype:
    naam: str
    meervoud: str | None
    bezield: bool
    attributen: dict[str, Attribuut]
    kenmerken: dict[str, Kenmerk]
    herkomst: Herkomst


@dataclass(frozen=True, slots=True)
class Rol:
    """One role of a feittype. `meervoudig`: navigating *to* this role from the other side
    gives several objects."""

    naam: str
    meervoud: str | None
    objecttype: str
    feittype: str
    index: int
    meervoudig: bool


@dataclass(frozen=True, slots=True)
class Feittype:
    naam: str
    rollen: tuple[Rol, ...]
    wederkerig: bool
    herkomst: Herkomst


@dataclass(frozen=True, slots=True)
class Parameter:
    naam: str
    type: Type
    herkomst: Herkomst


# ---------------------------------------------------------------- expressions
# `meervoudig` marks an expression that yields a collection (one value per related object).


@dataclass(frozen=True, slots=True)
class Literal:
    waarde: Waarde
    type: Type
    herkomst: Herkomst
    meervoudig: bool = False


@dataclass(frozen=True, slots=True)
class ParameterRef:
    naam: str
    type: Type
    herkomst: Herkomst
    meervoudig: bool = False


@dataclass(frozen=True, slots=True)
class VariabeleRef:
    naam: str
    type: Type
    herkomst: Herkomst
    meervoudig: bool = False


@dataclass(frozen=True, slots=True)
class Onderwerp:
    """The instance the rule runs for (its universal subject)."""

    type: Type
    herkomst: Herkomst
    meervoudig: bool = False


@dataclass(frozen=True, slots=True)
class Element:
    """The current element inside a subselection or quantified condition; `diepte` counts
    nested selections from the inside out (0 = innermost)."""

    type: Type
    herkomst: Herkomst
    diepte: int = 0
    meervoudig: bool = False


@dataclass(frozen=True, slots=True)
class Navigatie:
    van: Expr
    rol: Rol  # the role navigated to
    type: Type
    herkomst: Herkomst
    meervoudig: bool = False


@dataclass(frozen=True, slots=True)
class AttribuutLezen:
    van: Expr
    attribuut: Attribuut
    type: Type
    herkomst: Herkomst
    meervoudig: bool = False


@dataclass(frozen=True, slots=True)
class Selectie:
    """The objects of `collectie` for which `voorwaarde` (about Element) holds."""

    collectie: Expr
    voorwaarde: Conditie
    type: Type
    herkomst: Herkomst
    meervoudig: bool = True


@dataclass(frozen=True, slots=True)
class Rekenkunde:
    """plus, min, verminderd met, maal, gedeeld door, gedeeld door abs, procent van.
    `factor_links/rechts` convert an operand to the unit of the result (exact)."""

    op: str
    links: Expr
    rechts: Expr
    type: Type
    herkomst: Herkomst
    factor_links: Fraction = Fraction(1)
    factor_rechts: Fraction = Fraction(1)
    meervoudig: bool = False


@dataclass(frozen=True, slots=True)
class Afronden:
    expr: Expr
    modus: Afronding
    decimalen: int
    type: Type
    herkomst: Herkomst
    meervoudig: bool = False


@dataclass(frozen=True, slots=True)
class Begrenzen:
    expr: Expr
    minimum: Expr | None
    maximum: Expr | None
    type: Type
    herkomst: Herkomst
    factor_minimum: Fraction = Fraction(1)
    factor_maximum: Fraction = Fraction(1)
    meervoudig: bool = False


@dataclass(frozen=True, slots=True)
class Absoluut:
    expr: Expr
    type: Type
    herkomst: Herkomst
    meervoudig: bool = False


@dataclass(frozen=True, slots=True)
class Aggregeren:
    """aantal, som, maximum, minimum, eerste, laatste over a collection or a written list."""

    soort: str
    collectie: Expr | None
    lijst: tuple[Expr, ...]
    of_nul: bool
    type: Type
    herkomst: Herkomst
    factoren: tuple[Fraction, ...] = ()
    meervoudig: bool = False


@dataclass(frozen=True, slots=True)
class Tijdsduur:
    van: Expr
    tot: Expr
    eenheid: str  # jaren, maanden, dagen
    absoluut: bool
    type: Type
    herkomst: Herkomst
    meervoudig: bool = False


@dataclass(frozen=True, slots=True)
class DatumPlus:
    datum: Expr
    duur: Expr
    eenheid: str  # dg, wk, mnd, kw, jr
    teken: int
    type: Type
    herkomst: Herkomst
    meervoudig: bool = False


@dataclass(frozen=True, slots=True)
class DatumDeel:
    deel: str
    expr: Expr
    type: Type
    herkomst: Herkomst
    meervoudig: bool = False


@dataclass(frozen=True, slots=True)
class RekendatumRef:
    type: Type
    herkomst: Herkomst
    jaar: bool = False  # Rekenjaar
    meervoudig: bool = False


@dataclass(frozen=True, slots=True)
class ConditieWaarde:
    """A condition used as a Boolean value (a kenmerk read in an expression)."""

    conditie: Conditie
    type: Type
    herkomst: Herkomst
    meervoudig: bool = False


@dataclass(frozen=True, slots=True)
class Functie:
    """A function of taal.md §11 (`regelspraak/values/functies.py`): `wortel` and `macht` with
    their required rounding (`afronding`, `decimalen`), `datum_met`, `paasdag`, and `tekst` (an
    interpolated text: its `args` are the pieces, literal texts and expressions, in order). In a
    uniqueness check also `concatenatie` (attributes of one collection, compared as a tuple per
    object) and `verenigd` (several collections checked together); both `meervoudig`."""

    naam: str
    args: tuple[Expr, ...]
    type: Type
    herkomst: Herkomst
    afronding: Afronding | None = None
    decimalen: int | None = None
    meervoudig: bool = False


@dataclass(frozen=True, slots=True)
class TijdFunctie:
    """A function over a whole timeline (taal.md §11, `evaluate/tijd_expr.py`): `totaal` (het totaal
    van `expr` [`voorwaarde`]: one value), `dagen` (het aantal dagen in de maand|het jaar dat
    `voorwaarde`: a timeline per `per`), `tijdsevenredig` (het tijdsevenredig deel per `per` van `expr`
    `voorwaarde`: a timeline per `per`). `voorwaarde` is `gedurende de tijd dat …` or a bare period."""

    soort: str
    expr: Expr | None
    voorwaarde: Conditie | None
    per: str | None
    type: Type
    herkomst: Herkomst
    meervoudig: bool = False


@dataclass(frozen=True, slots=True)
class Omrekening:
    """`X per maand|jaar|dag`: X (an amount per another period) times the exact `factor` of the unit
    conversion (€/jr → €/mnd: 1/12); its values are per `per` from here on (taal.md §11)."""

    expr: Expr
    factor: Fraction
    per: str
    type: Type
    herkomst: Herkomst
    meervoudig: bool = False


Expr = (
    Literal | ParameterRef | VariabeleRef | Onderwerp | Element | Navigatie | AttribuutLezen | Selectie
    | Rekenkunde | Afronden | Begrenzen | Absoluut | Aggregeren | Tijdsduur | DatumPlus | DatumDeel
    | RekendatumRef | ConditieWaarde | Functie | TijdFunctie | Omrekening
)

# ---------------------------------------------------------------- conditions


@dataclass(frozen=True, slots=True)
class Vergelijk:
    op: str
    links: Expr
    rechts: tuple[Expr, ...]
    soort: str  # numeriek, datum, anders: selects the leeg semantics
    herkomst: Herkomst
    factoren: tuple[Fraction, ...] = ()


@dataclass(frozen=True, slots=True)
class LeegTest:
    expr: Expr
    gevuld: bool
    herkomst: Herkomst


@dataclass(frozen=True, slots=True)
class KenmerkTest:
    object: Expr
    kenmerk: Kenmerk
    ontkend: bool
    herkomst: Herkomst


@dataclass(frozen=True, slots=True)
class RolTest:
    """`hij is een toeslagpartner` / `het Huishouden heeft een lid`: the object plays (or has)
    the role in at least one fact."""

    object: Expr
    rol: Rol
    heeft: bool  # True: "heeft een <rol>" (has related objects); False: "is een <rol>"
    ontkend: bool
    herkomst: Herkomst


@dataclass(frozen=True, slots=True)
class Gekwantificeerd:
    """A condition about every element of a collection: `alle leden … zijn verzekerd`."""

    collectie: Expr
    kwantor: str
    aantal: int | None
    voorwaarde: Conditie
    herkomst: Herkomst


@dataclass(frozen=True, slots=True)
class Samengesteld:
    kwantor: str  # alle, geen, ten_minste, ten_hoogste, precies
    aantal: int | None
    items: tuple[Conditie, ...]
    herkomst: Herkomst


@dataclass(frozen=True, slots=True)
class Controle:
    """`X voldoet aan de elfproef` (soort elfproef), `X is numeriek met exact N cijfers`
    (numeriek, with `aantal`), `D is een <dagsoort>` (dagsoort, with `dagsoort` its key), `regelversie
    R is gevuurd|inconsistent` (gevuurd, inconsistent: R fired for, or found inconsistent, this same
    subject); leeg gives onwaar (taal.md §6)."""

    soort: str
    expr: Expr
    aantal: int | None
    ontkend: bool
    herkomst: Herkomst
    dagsoort: str | None = None
    regel: str | None = None  # gevuurd / inconsistent: the rule's name (normalised); `expr` is a literal of it


@dataclass(frozen=True, slots=True)
class Periode:
    """A bare period (taal.md §11): `vanaf D`, `van D1 tot D2`, `van D1 tot en met D2`, `tot D`, `tot en
    met D`, as a condition (`het is de periode …`) or after a result. Holds on the days in
    `[vanaf, tot)`; `tot_en_met` makes the end inclusive. Its dates cut the knip."""

    vanaf: Expr | None
    tot: Expr | None
    tot_en_met: bool
    herkomst: Herkomst


@dataclass(frozen=True, slots=True)
class GehelePeriode:
    """`… is [niet] gedurende het gehele jaar|de gehele maand <predicaat>`: per calendar year
    (month) whether `conditie` holds on every day of it; a timeline per `per` of waar/onwaar."""

    conditie: Conditie
    per: str
    ontkend: bool
    herkomst: Herkomst


Conditie = (Vergelijk | LeegTest | KenmerkTest | RolTest | Gekwantificeerd | Samengesteld | Controle | Periode
            | GehelePeriode)

# ---------------------------------------------------------------- rules


@dataclass(frozen=True, slots=True)
class Doel:
    """Where a rule writes: an attribute or kenmerk of the subject, possibly via roles."""

    pad: tuple[Rol, ...]
    attribuut: Attribuut | None
    kenmerk: Kenmerk | None

    @property
    def sleutel(self) -> tuple[str, str]:
        if self.attribuut is not None:
            return (self.attribuut.objecttype, self.attribuut.naam)
        assert self.kenmerk is not None
        return (self.kenmerk.objecttype, "kenmerk:" + self.kenmerk.naam)


@dataclass(frozen=True, slots=True)
class Toekenning:
    """Gelijkstelling (initialisatie=False) or Initialisatie; for a kenmerk, `expr` is None."""

    doel: Doel
    expr: Expr | None
    voorwaarde: Conditie | None
    initialisatie: bool
    herkomst: Herkomst


@dataclass(frozen=True, slots=True)
class Consistentieregel:
    voorwaarde: Conditie | None  # None: uniqueness only
    uniek: Expr | None
    herkomst: Herkomst


Resultaat = Toekenning | Consistentieregel


@dataclass(frozen=True, slots=True)
class Creatie:
    """ObjectCreatie (`soort` object: a new object of `rol.objecttype` that plays `rol` in a fact with
    the subject, its attributes set from `waarden`) or FeitCreatie (`soort` feit: the subject plays
    `rol` in a new fact with the object `ander` names), taal.md §11."""

    soort: str
    rol: Rol
    waarden: tuple[tuple[Attribuut, Expr], ...]
    ander: Expr | None
    voorwaarde: Conditie | None
    herkomst: Herkomst


@dataclass(frozen=True, slots=True)
class Verdeling:
    """`<bedrag> wordt verdeeld over <doel> van <objecten>, waarbij wordt verdeeld …` (taal.md §11;
    the arithmetic is `values/verdeling.py`). Per-object expressions (`gewicht`, `volgorde`,
    `maximum`) read the object as `Element`. `factor*` convert into the unit of `doel`; the rest is
    converted from that unit into the unit of `rest` by `factor_rest`."""

    bedrag: Expr
    objecten: Expr
    doel: Attribuut
    herkomst: Herkomst
    gewicht: Expr | None = None  # naar rato (with volgorde: the tie-break); None: equal parts
    volgorde: Expr | None = None
    afnemend: bool = False
    maximum: Expr | None = None
    decimalen: int | None = None  # afgerond naar beneden
    rest: Doel | None = None
    voorwaarde: Conditie | None = None  # a role subject: only for objects that play the role
    factor: Fraction = Fraction(1)
    factor_maximum: Fraction = Fraction(1)
    factor_rest: Fraction = Fraction(1)


@dataclass(frozen=True, slots=True)
class Variabele:
    naam: str
    expr: Expr
    herkomst: Herkomst


@dataclass(frozen=True, slots=True)
class Versie:
    vanaf: date | None
    tot_en_met: date | None
    onderwerp: str  # objecttype the rule runs over
    resultaten: tuple[Resultaat, ...]  # a table row gives several conclusions
    variabelen: tuple[Variabele, ...]
    herkomst: Herkomst
    rij: int | None = None  # decision-table row number
    # A Verdeling writes several objects at once, a Creatie makes objects or facts; neither is one of
    # the `resultaten` (which they leave empty), so code that reads only Toekenning/Consistentieregel
    # is not misled by them.
    verdeling: Verdeling | None = None
    creatie: Creatie | None = None

    def geldig_op(self, d: date) -> bool:
        return (self.vanaf is None or self.vanaf <= d) and (self.tot_en_met is None or d <= self.tot_en_met)

    def beschrijf(self) -> str:
        if self.vanaf is None and self.tot_en_met is None:
            return "geldig altijd"
        parts = []
        if self.vanaf is not None:
            parts.append(f"vanaf {self.vanaf:%d-%m-%Y}")
        if self.tot_en_met is not None:
            parts.append(f"t/m {self.tot_en_met:%d-%m-%Y}")
        return "geldig " + " ".join(parts)


@dataclass(frozen=True, slots=True)
class Regel:
    naam: str
    soort: str  # regel, beslistabel
    versies: tuple[Versie, ...]
    herkomst: Herkomst
    # Writes and reads over all versions, as (objecttype, attribute | "kenmerk:" + name).
    schrijft: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    leest: frozenset[tuple[str, str]] = field(default_factory=frozenset)

    @property
    def bron(self) -> Bron | None:
        return self.herkomst.bron


@dataclass(frozen=True, slots=True)
class Dagsoort:
    """`Dagsoort de kerstdag` with its Dagsoortdefinities: (vanaf, t/m, condition about `de dag`, which
    is `Functie("dag")` in it), taal.md §11. A day is of this sort if a definition valid on the
    Rekendatum holds for it."""

    naam: str
    meervoud: str | None
    definities: tuple[tuple[date | None, date | None, Conditie], ...]
    herkomst: Herkomst


@dataclass(frozen=True, slots=True)
class Model:
    objecttypen: dict[str, Objecttype]
    feittypen: dict[str, Feittype]
    parameters: dict[str, Parameter]
    domeinen: dict[str, Type]
    regels: tuple[Regel, ...]  # in execution order
    rollen: dict[str, list[Rol]]  # role name (and plural) -> roles with that name
    bestanden: tuple[str, ...] = ()
    eenheden: Eenheden = field(default_factory=Eenheden, compare=False)  # built-ins + Eenheidsystemen
    dagsoorten: dict[str, Dagsoort] = field(default_factory=dict)
