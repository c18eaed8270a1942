"""The syntax tree: what the author wrote, names still unresolved, a span on every node.

Nodes are frozen; later stages build their own nodes instead of changing these.

>>> from regelspraak.origin import Span
>>> Naam(Span("a.rgs", 1), "leeftijd", "leeftijd", "de").tekst
'leeftijd'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from regelspraak.origin import Bron, Span

# ---------------------------------------------------------------- expressions


@dataclass(frozen=True, slots=True)
class Naam:
    """A name as written: `key` is the normalised text; `bepaler` the article or quantifier
    before it (de, het, een, zijn, alle, geen, ten minste N, …) or None."""

    span: Span
    key: str
    tekst: str
    bepaler: str | None = None
    aantal: int | None = None  # for ten minste/ten hoogste/precies N


@dataclass(frozen=True, slots=True)
class Hij:
    span: Span


@dataclass(frozen=True, slots=True)
class Van:
    """`links van rechts`: navigation, or a percentage of an amount (settled by type)."""

    span: Span
    links: Expr
    rechts: Expr


@dataclass(frozen=True, slots=True)
class Getal:
    span: Span
    waarde: Fraction
    eenheid: str | None = None


@dataclass(frozen=True, slots=True)
class Percentage:
    span: Span
    waarde: Fraction


@dataclass(frozen=True, slots=True)
class DatumWaarde:
    span: Span
    waarde: date


@dataclass(frozen=True, slots=True)
class EnumWaarde:
    span: Span
    waarde: str


@dataclass(frozen=True, slots=True)
class TekstWaarde:
    span: Span
    waarde: str


@dataclass(frozen=True, slots=True)
class BoolWaarde:
    span: Span
    waarde: bool


@dataclass(frozen=True, slots=True)
class LeegWaarde:
    span: Span


@dataclass(frozen=True, slots=True)
class Bewerking:
    """plus, min, verminderd met, maal, gedeeld door, gedeeld door (ABS)."""

    span: Span
    op: str
    links: Expr
    rechts: Expr


@dataclass(frozen=True, slots=True)
class Afronding:
    span: Span
    expr: Expr
    modus: str  # the Dutch words, e.g. "naar beneden"
    decimalen: int


@dataclass(frozen=True, slots=True)
class Begrenzing:
    span: Span
    expr: Expr
    minimum: Expr | None
    maximum: Expr | None


@dataclass(frozen=True, slots=True)
class AbsoluteWaarde:
    span: Span
    expr: Expr


@dataclass(frozen=True, slots=True)
class Aggregatie:
    """het aantal / de som van / de maximale|minimale waarde van / de eerste|laatste van."""

    span: Span
    # aantal, som, maximum, minimum, eerste, laatste; "collectie" is one part of `het aantal A die …, B die …
    # en C die …` (spec §5.7): a collection with its selection
    soort: str
    collectie: Expr | None
    lijst: tuple[Expr, ...] = ()
    selectie: Voorwaarde | None = None
    of_nul: bool = False


@dataclass(frozen=True, slots=True)
class Tijdsduur:
    span: Span
    van: Expr
    tot: Expr
    eenheid: str  # jaren, maanden, dagen
    absoluut: bool


@dataclass(frozen=True, slots=True)
class DatumDeel:
    span: Span
    deel: str  # dag, maand, jaar
    expr: Expr


@dataclass(frozen=True, slots=True)
class Rekendatum:
    span: Span


@dataclass(frozen=True, slots=True)
class Rekenjaar:
    span: Span


@dataclass(frozen=True, slots=True)
class Functie:
    """`de wortel van X` (wortel), `X tot de macht Y` (macht), `de datum met jaar, maand en
    dag(j, m, d)` (datum_met), `de eerste paasdag van J` (paasdag)."""

    span: Span
    naam: str
    args: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class DeDag:
    """`de dag` inside a Dagsoortdefinitie."""

    span: Span


@dataclass(frozen=True, slots=True)
class DimensieBereik:
    """`de som van het inkomen van vorig jaar tot en met huidig jaar van X`: `van` is the dimensioned
    attribute at the first label, `tot` the last label, `onderwerp` whose values are summed."""

    span: Span
    van: Naam
    tot: Naam
    onderwerp: Expr
    soort: str = "som"  # som, maximum, minimum


@dataclass(frozen=True, slots=True)
class DimensieAggregatie:
    """`de som van het netto inkomen van de persoon over alle jaardimensies` (spec §13.4.16.45-49): `attribuut`
    names the attribute with the aggregated dimension left open, `dimensie` that dimension (its name or
    plural); `vanaf`/`tm` bound a range of its labels, `labels` lists chosen labels; neither: all labels."""

    span: Span
    soort: str  # som, maximum, minimum, eerste, laatste
    attribuut: Expr
    dimensie: Naam | None  # None: `… vanaf A t/m B` without `over de <dimensie>` (spec §5.8.5)
    vanaf: Naam | None = None
    tm: Naam | None = None
    labels: tuple[Naam, ...] = ()


@dataclass(frozen=True, slots=True)
class Tekstsamenstelling:
    """A text with interpolations, `"u bent «zijn leeftijd» jaar"`: literal pieces and expressions."""

    span: Span
    delen: tuple[str | Expr, ...]


@dataclass(frozen=True, slots=True)
class TijdFunctie:
    """Timelines (taal.md §11): `het totaal van X [conditie]` (totaal), `het aantal dagen in de maand|het
    jaar dat C` (dagen), `het tijdsevenredig deel per maand|jaar van X conditie` (tijdsevenredig)."""

    span: Span
    soort: str
    expr: Expr | None
    voorwaarde: Voorwaarde | None
    per: str | None


@dataclass(frozen=True, slots=True)
class Omrekening:
    """`X per maand|jaar|dag`: an amount per one period converted to another, explicitly (taal.md §11)."""

    span: Span
    expr: Expr
    per: str


Expr = (
    Naam | Hij | Van | Getal | Percentage | DatumWaarde | EnumWaarde | TekstWaarde | BoolWaarde
    | LeegWaarde | Bewerking | Afronding | Begrenzing | AbsoluteWaarde | Aggregatie | Tijdsduur
    | DatumDeel | Rekendatum | Rekenjaar | Functie | Tekstsamenstelling | DeDag | DimensieBereik
    | DimensieAggregatie | TijdFunctie | Omrekening
)

# ---------------------------------------------------------------- conditions


@dataclass(frozen=True, slots=True)
class Vergelijking:
    span: Span
    op: str  # groter, groter_gelijk, kleiner, kleiner_gelijk, gelijk, ongelijk, eerder, …
    links: Expr
    rechts: tuple[Expr, ...]  # more than one: "gelijk aan 'a', 'b' of 'c'"


@dataclass(frozen=True, slots=True)
class LeegTest:
    span: Span
    expr: Expr
    gevuld: bool


@dataclass(frozen=True, slots=True)
class KenmerkTest:
    """`hij is verzekerd`, `het Huishouden heeft recht op zorgtoeslag`, `hij is een
    toeslagpartner` (a role), each possibly negated."""

    span: Span
    onderwerp: Expr
    naam: Naam
    ontkend: bool
    werkwoord: str  # "is" or "heeft"


@dataclass(frozen=True, slots=True)
class Samengesteld:
    """`aan alle|geen van de|ten minste N van de volgende voorwaarden`; `onderwerp` is the
    subject that must satisfy them (None for `er wordt voldaan aan`)."""

    span: Span
    kwantor: str  # alle, geen, ten_minste, ten_hoogste, precies
    aantal: int | None
    onderwerp: Expr | None
    items: tuple[Voorwaarde, ...]


@dataclass(frozen=True, slots=True)
class Controle:
    """`X voldoet aan de elfproef` (elfproef), `X is numeriek met exact N cijfers` (numeriek),
    `regelversie R is gevuurd|inconsistent` (gevuurd, inconsistent: `onderwerp` is the rule's Naam)."""

    span: Span
    onderwerp: Expr
    soort: str
    aantal: int | None
    ontkend: bool


@dataclass(frozen=True, slots=True)
class Periode:
    """A bare period (taal.md §11): `vanaf D`, `van D1 tot [en met] D2`, `tot [en met] D`."""

    span: Span
    vanaf: Expr | None
    tot: Expr | None
    tot_en_met: bool


@dataclass(frozen=True, slots=True)
class GehelePeriode:
    """`X is [niet] gedurende het gehele jaar|de gehele maand <predicaat>`: `voorwaarde` is the predicate
    on its own."""

    span: Span
    voorwaarde: Voorwaarde
    per: str
    ontkend: bool


Voorwaarde = Vergelijking | LeegTest | KenmerkTest | Samengesteld | Controle | Periode | GehelePeriode

# ---------------------------------------------------------------- rules


@dataclass(frozen=True, slots=True)
class Gelijkstelling:
    span: Span
    doel: Expr
    expr: Expr
    berekend: bool  # "moet berekend worden als" (True) or "moet gesteld worden op"
    voorwaarde: Voorwaarde | None


@dataclass(frozen=True, slots=True)
class Initialisatie:
    span: Span
    doel: Expr
    expr: Expr
    voorwaarde: Voorwaarde | None


@dataclass(frozen=True, slots=True)
class Kenmerktoekenning:
    span: Span
    onderwerp: Expr
    kenmerk: Naam
    werkwoord: str
    voorwaarde: Voorwaarde | None


@dataclass(frozen=True, slots=True)
class Consistentie:
    """A consistentieregel: `voorwaarde` must hold for every instance of the subject."""

    span: Span
    onderwerp: Expr | None
    voorwaarde: Voorwaarde


@dataclass(frozen=True, slots=True)
class Uniek:
    """`X van alle T moeten uniek zijn`; `delen` lists the parts of `… verenigd met …`, each a tuple
    of the attributes of `de concatenatie van A en B van alle T` (one attribute: a 1-tuple)."""

    span: Span
    expr: Expr
    delen: tuple[tuple[Expr, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class VerdeelStap:
    """One way of a Verdeling: gelijk, rato (`expr`), volgorde (`expr`, `afnemend`), gelijkspel_gelijk,
    gelijkspel_rato (`expr`), maximum (`expr`), afronding (`decimalen`, always naar beneden)."""

    span: Span
    soort: str
    expr: Expr | None = None
    afnemend: bool = False
    decimalen: int | None = None


@dataclass(frozen=True, slots=True)
class Verdeling:
    """`<bedrag> wordt verdeeld over <doel>, waarbij wordt verdeeld …` [`Als onverdeelde rest blijft
    <rest> over.`] (taal.md §11)."""

    span: Span
    bedrag: Expr
    doel: Expr
    stappen: tuple[VerdeelStap, ...]
    rest: Expr | None


@dataclass(frozen=True, slots=True)
class ObjectCreatie:
    """`Een <X> heeft een <rol> met <attr> gelijk aan <expr> en …` (taal.md §11)."""

    span: Span
    onderwerp: Expr
    rol: Naam
    waarden: tuple[tuple[Naam, Expr], ...]
    voorwaarde: Voorwaarde | None


@dataclass(frozen=True, slots=True)
class FeitCreatie:
    """`Een <rol> van een <X> is een <rol2> van <expr>` (taal.md §11): the subject plays <rol2> in a new
    fact with the object <expr> names."""

    span: Span
    onderwerp: Expr
    rol: Naam
    ander: Expr
    voorwaarde: Voorwaarde | None


@dataclass(frozen=True, slots=True)
class Dagsoortdefinitie:
    """`Een dag is een <dagsoort> indien …` (taal.md §11); inside it `de dag` is the day tested."""

    span: Span
    dagsoort: Naam
    voorwaarde: Voorwaarde


Resultaat = (Gelijkstelling | Initialisatie | Kenmerktoekenning | Consistentie | Uniek | Verdeling | ObjectCreatie
             | FeitCreatie | Dagsoortdefinitie)


@dataclass(frozen=True, slots=True)
class Variabele:
    span: Span
    naam: str
    expr: Expr


@dataclass(frozen=True, slots=True)
class Geldigheid:
    """`geldig altijd` (both None), `geldig vanaf D [t/m D]`, `geldig t/m D`."""

    span: Span
    vanaf: date | None
    tot_en_met: date | None


@dataclass(frozen=True, slots=True)
class Versie:
    span: Span
    geldig: Geldigheid
    resultaat: Resultaat
    variabelen: tuple[Variabele, ...]
    # The rule sentence read with a declared name that begins with a keyword ("de som", "het jaar")
    # as keywords instead, computed on demand: the checker tries these when the name reading fails.
    andere_lezingen: Callable[[], list[Resultaat]] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class RegelDecl:
    span: Span
    naam: str
    bron: Bron | None
    versies: tuple[Versie, ...]


@dataclass(frozen=True, slots=True)
class TabelRij:
    span: Span
    nummer: int
    # One cell per column: None for n.v.t., else the cell's value(s).
    cellen: tuple[tuple[Expr, ...] | None, ...]


@dataclass(frozen=True, slots=True)
class TabelKolom:
    span: Span
    soort: str  # conclusie_attribuut, conclusie_kenmerk, conditie_vergelijking, conditie_kenmerk
    links: Expr  # the attribute target, kenmerk subject, or compared expression
    op: str | None = None  # comparison (conditions)
    kenmerk: Naam | None = None
    ontkend: bool = False
    werkwoord: str = "is"


@dataclass(frozen=True, slots=True)
class TabelVersie:
    """One version of a decision table: its validity lines and the table below them."""

    span: Span
    geldig: tuple[Geldigheid, ...]
    kolommen: tuple[TabelKolom, ...]
    rijen: tuple[TabelRij, ...]


@dataclass(frozen=True, slots=True)
class BeslistabelDecl:
    """A decision table, versioned like a rule: each `geldig` line (or run of them) is followed by
    its own table."""

    span: Span
    naam: str
    bron: Bron | None
    versies: tuple[TabelVersie, ...]


# ---------------------------------------------------------------- declarations


@dataclass(frozen=True, slots=True)
class TypeSpec:
    """`Numeriek (niet-negatief getal met 2 decimalen)`, `Percentage (…)`, `Tekst`, `Boolean`,
    `Datum in dagen`, or a domain name."""

    span: Span
    basis: str  # numeriek, percentage, tekst, boolean, datum, datumtijd, domein
    teken: str | None = None  # negatief, niet-negatief, positief
    geheel: bool = False
    decimalen: int | None = None  # None: any number of decimals ("getal")
    domein: str | None = None
    eenheid: str | None = None
    dimensies: tuple[str, ...] = ()  # `… gedimensioneerd met A en B`: one value per combination of labels
    periode: str | None = None  # `… voor elke dag/maand/jaar`: a timeline (taal.md §11)


@dataclass(frozen=True, slots=True)
class AttribuutDecl:
    span: Span
    naam: str
    meervoud: str | None
    type: TypeSpec
    bron: Bron | None


@dataclass(frozen=True, slots=True)
class KenmerkDecl:
    span: Span
    naam: str
    soort: str  # bijvoeglijk, bezittelijk, gewoon
    bron: Bron | None
    # `kenmerk (bijvoeglijk) voor elke dag|maand|jaar` (taal.md §11): waar/onwaar per period.
    periode: str | None = None


@dataclass(frozen=True, slots=True)
class ObjecttypeDecl:
    span: Span
    naam: str
    meervoud: str | None
    bezield: bool
    attributen: tuple[AttribuutDecl, ...]
    kenmerken: tuple[KenmerkDecl, ...]
    bron: Bron | None


@dataclass(frozen=True, slots=True)
class DomeinDecl:
    span: Span
    naam: str
    type: TypeSpec | None  # None for an enumeration
    waarden: tuple[str, ...]
    bron: Bron | None


@dataclass(frozen=True, slots=True)
class EenheidDecl:
    span: Span
    naam: str
    meervoud: str | None
    afkorting: str
    symbool: str | None
    factor: Fraction | None
    basis: str | None


@dataclass(frozen=True, slots=True)
class EenheidsysteemDecl:
    span: Span
    naam: str
    eenheden: tuple[EenheidDecl, ...]


@dataclass(frozen=True, slots=True)
class ParameterDecl:
    span: Span
    naam: str
    type: TypeSpec
    bron: Bron | None


@dataclass(frozen=True, slots=True)
class RolDecl:
    span: Span
    naam: str
    meervoud: str | None
    objecttype: str


@dataclass(frozen=True, slots=True)
class FeittypeDecl:
    span: Span
    naam: str
    rollen: tuple[RolDecl, ...]
    meervoudig: tuple[bool, ...]  # per role: may one instance have several of this role?
    wederkerig: bool
    bron: Bron | None


@dataclass(frozen=True, slots=True)
class DimensieDecl:
    """`Dimensie de jaardimensie, bestaande uit de jaren (na het attribuut met voorzetsel van):` with
    numbered labels (`1. vorig jaar`); a dimensioned attribute A has one value per label, read as
    `A van <label>` (taal.md §11)."""

    span: Span
    naam: str
    labels: tuple[str, ...]
    meervoud: str | None = None  # `bestaande uit de jaren`: the name used in `over alle jaren`
    # The preposition between attribute and label (`het inkomen van huidig jaar`); None: the label
    # stands before the attribute as an adjective (`het bruto inkomen`, voor het attribuut zonder voorzetsel).
    voorzetsel: str | None = "van"


@dataclass(frozen=True, slots=True)
class DagsoortDecl:
    """`Dagsoort de kerstdag (mv: kerstdagen)` (taal.md §11)."""

    span: Span
    naam: str
    meervoud: str | None


Declaratie = (
    ObjecttypeDecl | DomeinDecl | EenheidsysteemDecl | ParameterDecl | FeittypeDecl | RegelDecl
    | BeslistabelDecl | DagsoortDecl | DimensieDecl
)


@dataclass(frozen=True, slots=True)
class Bestand:
    """One parsed `.rgs` file."""

    pad: str
    declaraties: tuple[Declaratie, ...]
