"""Declaration blocks (GegevensSpraak) into syntax nodes.

Declarations are line-oriented: a TAB (or two or more spaces) separates a name from its type;
where an author used single spaces we read the type from the right, since its tail is a
known type. These forms are regular enough for anchored patterns; the sentence grammar
(grammar/regelspraak.lark) is for rules.

>>> from regelspraak.origin import Span
>>> t = parse_type("Numeriek (niet-negatief getal met 2 decimalen) met eenheid €", Span("a.rgs", 1))
>>> t.basis, t.teken, t.decimalen, t.eenheid
('numeriek', 'niet-negatief', 2, '€')
"""

from __future__ import annotations

import dataclasses
import re
from fractions import Fraction

from regelspraak.origin import Span
from regelspraak.syntax import nodes as n

LW = r"(?:(?:de|het)\s+)?"
_MV = r"(?:\s*\(\s*mv\s*:\s*(?P<mv>[^)]*?)\s*\))?"

_NUMSPEC = re.compile(
    r"\(\s*(?P<teken>negatief|niet-negatief|positief)?\s*"
    r"(?:(?P<geheel>geheel\s+getal)|getal\s+met\s+(?P<dec>\d+)\s+(?:decimalen|decimaal)|(?P<getal>getal))\s*\)",
    re.IGNORECASE,
)
_EENHEID = re.compile(r"\s+met\s+eenheid\s+(?P<eenheid>.+)$", re.IGNORECASE)
_TYPE_START = re.compile(
    r"(numeriek|percentage|tekst|boolean|datum\s+in\s+dagen|datum\s+en\s+tijd\s+in\s+millisecondes)\b",
    re.IGNORECASE,
)
_KENMERK = re.compile(r"kenmerk(?:\s*\(\s*(?P<soort>bijvoeglijk|bezittelijk)\s*\))?$", re.IGNORECASE)
_KENMERK_TIJDLIJN = re.compile(r"(?<=\S)\s+voor\s+elke?\s+(dag|maand|jaar)\s*$", re.IGNORECASE)


class DeclarationError(Exception):
    def __init__(self, bericht: str, span: Span, hulp: str | None = None, code: str | None = None) -> None:
        super().__init__(bericht)
        self.bericht = bericht
        self.span = span
        self.hulp = hulp
        self.code = code  # set for RS008 (a construct this version does not run); else the caller's


def parse_type(tekst: str, span: Span) -> n.TypeSpec:
    """A datatype with optional `met eenheid`; anything else is taken as a domain name."""
    t = tekst.strip().rstrip(";").strip()
    tijdlijn = re.search(r"\s+voor\s+elke?\s+(dag|maand|jaar)\s*$", t, re.IGNORECASE)
    if tijdlijn:
        # A timeline (taal.md §11): one value per day, month or year.
        spec = parse_type(t[: tijdlijn.start()], span)
        if spec.dimensies:
            raise DeclarationError("Een tijdlijn met een dimensie wordt nog niet ondersteund.", span, code="RS008")
        return dataclasses.replace(spec, periode=tijdlijn.group(1).lower())
    # "Bedrag, gedimensioneerd met jaardimensie" (spec §5.8.5 writes a comma before it).
    dim = re.search(r"\s*,?\s+gedimensioneerd\s+met\s+(?:de\s+|het\s+)?(?P<dim>.+?)\s*$", t, re.IGNORECASE)
    if dim:
        # "gedimensioneerd met jaardimensie en brutonettodimensie" (spec §3.6): several dimensions.
        namen = [" ".join(x.split()) for x in re.split(r"\s*,\s*|\s+en\s+", dim.group("dim"))]
        namen = [re.sub(r"^(?:de|het)\s+", "", x, flags=re.IGNORECASE) for x in namen]
        if any(not x for x in namen):
            raise DeclarationError("Lege dimensienaam na 'gedimensioneerd met'.", span, code="RS020")
        if len({x.lower() for x in namen}) != len(namen):
            raise DeclarationError("Een dimensie staat twee keer na 'gedimensioneerd met'.", span, code="RS020")
        spec = parse_type(t[: dim.start()], span)
        return n.TypeSpec(spec.span, spec.basis, spec.teken, spec.geheel, spec.decimalen, spec.domein, spec.eenheid,
                          tuple(namen))
    eenheid = None
    m = _EENHEID.search(t)
    if m:
        eenheid = m.group("eenheid").strip()
        t = t[: m.start()].strip()
    low = t.lower()
    for basis in ("numeriek", "percentage"):
        if low.startswith(basis):
            rest = t[len(basis):].strip()
            ns = _NUMSPEC.fullmatch(rest)
            if not ns:
                raise DeclarationError(
                    f"Ongeldige getalspecificatie bij {basis.capitalize()}: {rest or '(ontbreekt)'}.", span,
                    hulp="Schrijf bijvoorbeeld 'Numeriek (niet-negatief getal met 2 decimalen)'; "
                         "de getalspecificatie is verplicht.")
            dec = ns.group("dec")
            return n.TypeSpec(span, basis, (ns.group("teken") or "").lower() or None,
                              bool(ns.group("geheel")), 0 if ns.group("geheel") else (int(dec) if dec else None),
                              None, eenheid)
    if low == "tekst":
        return n.TypeSpec(span, "tekst", eenheid=eenheid)
    if low == "boolean":
        return n.TypeSpec(span, "boolean", eenheid=eenheid)
    if re.fullmatch(r"datum\s+in\s+dagen", low):
        return n.TypeSpec(span, "datum", eenheid=eenheid)
    if re.fullmatch(r"datum\s+en\s+tijd\s+in\s+millisecondes", low):
        return n.TypeSpec(span, "datumtijd", eenheid=eenheid)
    if not t:
        raise DeclarationError("Datatype ontbreekt.", span)
    return n.TypeSpec(span, "domein", domein=t, eenheid=eenheid)


def split_name_type(tekst: str) -> tuple[str, str] | None:
    """`de leeftijd<TAB>Numeriek (…)` -> (name part, type part); None if no split is found."""
    t = tekst.strip()
    parts = re.split(r"\t+|\s{2,}", t, maxsplit=1)
    if len(parts) == 2 and parts[1].strip():
        return parts[0].strip(), parts[1].strip()
    # Lenient: find where a known type or `kenmerk` starts, reading from the right.
    m = re.search(r"\s(kenmerk(?:\s*\([^)]*\))?(?:\s+voor\s+elke?\s+(?:dag|maand|jaar))?\s*;?)$", t,
                  re.IGNORECASE)
    if m:
        return t[: m.start()].strip(), m.group(1).strip()
    m2 = _TYPE_START.search(t)
    if m2 and m2.start() > 0:
        return t[: m2.start()].strip(), t[m2.start():].strip()
    return None


def parse_name(tekst: str) -> tuple[str, str | None]:
    """`de zorgdag (mv: zorgdagen)` -> ('zorgdag', 'zorgdagen'); the article is dropped."""
    m = re.fullmatch(LW + r"(?P<naam>.+?)" + _MV, tekst.strip(), re.IGNORECASE)
    if not m or not m.group("naam").strip():
        return tekst.strip(), None
    return " ".join(m.group("naam").split()), (" ".join(m.group("mv").split()) if m.group("mv") else None)


def parse_member(tekst: str, span: Span) -> n.AttribuutDecl | n.KenmerkDecl:
    """One attribute or kenmerk line of an Objecttype."""
    split = split_name_type(tekst)
    if split is None:
        raise DeclarationError(f"Kan naam en type niet scheiden in {tekst.strip()!r}.", span,
                               hulp="Scheid naam en type met een TAB, bijvoorbeeld "
                                    "'de leeftijd<TAB>Numeriek (geheel getal) met eenheid jr;'.")
    naam_deel, type_deel = split
    type_deel = type_deel.rstrip().rstrip(";").strip()
    # `is verzekerd kenmerk (bijvoeglijk) voor elke maand;`: waar/onwaar per period (taal.md §11).
    tijdlijn = _KENMERK_TIJDLIJN.search(type_deel)
    periode = tijdlijn.group(1).lower() if tijdlijn else None
    km = _KENMERK.fullmatch(type_deel[: tijdlijn.start()] if tijdlijn else type_deel)
    if km:
        soort = (km.group("soort") or "gewoon").lower()
        naam = naam_deel.strip()
        if soort == "bijvoeglijk" or re.match(r"is\s+", naam, re.IGNORECASE):
            naam = re.sub(r"^is\s+", "", naam, flags=re.IGNORECASE)
            if soort == "gewoon":
                # §9 erratum 7: `is <naam> kenmerk` without (bijvoeglijk) is a plain kenmerk.
                soort = "gewoon"
        naam, _ = parse_name(naam)
        return n.KenmerkDecl(span, naam, soort, None, periode)
    naam, mv = parse_name(naam_deel)
    return n.AttribuutDecl(span, naam, mv, parse_type(type_deel, span), None)


_OBJECTTYPE = re.compile(
    r"objecttype\s+" + LW + r"(?P<naam>.+?)" + _MV + r"(?:\s*\(\s*(?P<bezield>bezield)\s*\))?\s*$",
    re.IGNORECASE,
)
_DOMEIN = re.compile(r"domein\s+(?P<naam>.+?)\s+is\s+van\s+het\s+type\s+(?P<type>.+?)\s*;?\s*$", re.IGNORECASE)
_PARAMETER = re.compile(r"parameter\s+" + LW + r"(?P<naam>[^:]+?)\s*:\s*(?P<type>.+?)\s*;?\s*$", re.IGNORECASE)
_FEITTYPE = re.compile(r"(?P<wederkerig>wederkerig\s+)?feittype\s+(?P<naam>.+?)\s*$", re.IGNORECASE)
_EENHEIDSYSTEEM = re.compile(r"eenheidsysteem\s+(?P<naam>.+?)\s*$", re.IGNORECASE)
_EENHEID_REGEL = re.compile(
    LW + r"(?P<naam>.+?)" + _MV + r"\s+(?P<rest>\S+(?:\s+\S+)?)"
    # "= 8 zu", "= 1/1000 m" and the specification's own "= /1000 m" (numerator 1 left out)
    r"(?:\s*=\s*(?:(?P<teller>\d+)(?:\s*/\s*(?P<noemer>\d+))?|/\s*(?P<alleen_noemer>\d+))\s*(?P<basis>\S+))?"
    r"\s*;?\s*$",
    re.IGNORECASE,
)
_CARD = re.compile(
    r"(?P<q1>[eé][eé]n|meerdere)\s+(?P<mid>.+?)\s+(?P<q2>[eé][eé]n|meerdere)\s+(?P<r2>.+?)\s*;?\s*$",
    re.IGNORECASE,
)


def objecttype_header(tekst: str, span: Span) -> tuple[str, str | None, bool]:
    m = _OBJECTTYPE.fullmatch(tekst.strip())
    if not m:
        raise DeclarationError("Ongeldige kop van Objecttype.", span,
                               hulp="Vorm: 'Objecttype de Natuurlijk persoon (mv: Natuurlijke personen) (bezield)'.")
    return " ".join(m.group("naam").split()), m.group("mv"), bool(m.group("bezield"))


def domein(header: str, waarden: list[tuple[str, Span]], span: Span) -> n.DomeinDecl:
    m = _DOMEIN.fullmatch(header.strip())
    if not m:
        raise DeclarationError("Ongeldige kop van Domein.", span,
                               hulp="Vorm: 'Domein Geldbedrag is van het type Numeriek (getal met 2 decimalen)'.")
    naam = " ".join(m.group("naam").split())
    if m.group("type").strip().lower() == "enumeratie":
        vals: list[str] = []
        for tekst, sp in waarden:
            t = tekst.strip().rstrip(";,").strip()
            q = re.fullmatch(r"'([^']*)'|‘([^’]*)’|(\S.*)", t)
            if q is None:
                raise DeclarationError("Ongeldige enumeratiewaarde.", sp)
            v = next(g for g in q.groups() if g is not None)
            if v in vals:
                raise DeclarationError(f"Enumeratiewaarde '{v}' staat er twee keer.", sp)
            vals.append(v)
        if not vals:
            raise DeclarationError(f"Enumeratie '{naam}' heeft geen waarden.", span)
        return n.DomeinDecl(span, naam, None, tuple(vals), None)
    if waarden:
        raise DeclarationError("Alleen een Enumeratie heeft waarden op de volgende regels.", waarden[0][1])
    return n.DomeinDecl(span, naam, parse_type(m.group("type"), span), (), None)


_DAGSOORT = re.compile(r"dagsoort\s+" + LW + r"(?P<naam>.+?)" + _MV + r"\s*;?\s*$", re.IGNORECASE)


_DIMENSIE = re.compile(r"dimensie\s+" + LW + r"(?P<naam>[^,]+?)\s*,\s*bestaande\s+uit\s+(?:de\s+|het\s+)?"
                       r"(?P<mv>[^(]+?)\s*\((?P<plaats>[^)]*)\)\s*:?\s*$", re.IGNORECASE)
_PLAATS = re.compile(r"na het attribuut met voorzetsel (?P<vz>van|in|voor|over|op|bij|uit)"
                     r"|(?P<voor>voor het attribuut zonder voorzetsel)", re.IGNORECASE)
_LABEL = re.compile(r"(?:(?P<nr>[0-9]+)\s*[.)]|[-•▪*])\s*(?P<label>.+?)\s*;?\s*$")


def dimensie(kop: str, regels: list[tuple[str, Span]], span: Span) -> n.DimensieDecl:
    """`Dimensie de jaardimensie, bestaande uit de jaren (na het attribuut met voorzetsel van):` or
    `(voor het attribuut zonder voorzetsel):` (spec §3.6), and the labels below it in order, numbered
    (`1. vorig jaar`) or as a list (`- bruto`, as the specification's own example writes them).

    >>> d = dimensie("Dimensie de brutonettodimensie, bestaande uit de brutonettodimensies "
    ...              "(voor het attribuut zonder voorzetsel):",
    ...              [("1. bruto", Span("a", 2)), ("2. netto", Span("a", 3))], Span("a", 1))
    >>> d.naam, d.meervoud, d.voorzetsel, d.labels
    ('brutonettodimensie', 'brutonettodimensies', None, ('bruto', 'netto'))
    """
    m = _DIMENSIE.fullmatch(kop.strip())
    if not m:
        raise DeclarationError("Ongeldige kop van Dimensie.", span, hulp="Vorm: 'Dimensie de jaardimensie, bestaande "
                               "uit de jaren (na het attribuut met voorzetsel van):' met genummerde labels eronder.")
    plaats = _PLAATS.fullmatch(" ".join(m.group("plaats").split()))
    if plaats is None:
        raise DeclarationError(f"Onbekende plaats van de dimensie '({m.group('plaats').strip()})'.", span,
                               hulp="Schrijf '(na het attribuut met voorzetsel van)' (of in, voor, over, op, bij, "
                               "uit) of '(voor het attribuut zonder voorzetsel)'.", code="RS020")
    labels: list[str] = []
    for tekst, sp in regels:
        lm = _LABEL.fullmatch(tekst.strip())
        if not lm or (lm.group("nr") is not None and int(lm.group("nr")) != len(labels) + 1):
            raise DeclarationError(f"Verwacht label {len(labels) + 1} van de dimensie ('{len(labels) + 1}. …').", sp)
        label = " ".join(lm.group("label").split())
        if label.lower() in (x.lower() for x in labels):
            raise DeclarationError(f"Label '{label}' staat twee keer in de dimensie.", sp, code="RS020")
        labels.append(label)
    if not labels:
        raise DeclarationError("Een dimensie heeft ten minste één label.", span)
    vz = plaats.group("vz").lower() if plaats.group("vz") else None
    return n.DimensieDecl(span, " ".join(m.group("naam").split()), tuple(labels), " ".join(m.group("mv").split()), vz)


def dagsoort(tekst: str, span: Span) -> n.DagsoortDecl:
    """`Dagsoort de kerstdag (mv: kerstdagen)`."""
    m = _DAGSOORT.fullmatch(tekst.strip())
    if not m or not m.group("naam").strip():
        raise DeclarationError("Ongeldige kop van Dagsoort.", span,
                               hulp="Vorm: 'Dagsoort de kerstdag (mv: kerstdagen)'.")
    mv = m.group("mv")
    return n.DagsoortDecl(span, " ".join(m.group("naam").split()), " ".join(mv.split()) if mv else None)


def parameter(tekst: str, span: Span) -> n.ParameterDecl:
    m = _PARAMETER.fullmatch(tekst.strip())
    if not m:
        raise DeclarationError("Ongeldige Parameter-declaratie.", span,
                               hulp="Vorm: 'Parameter de standaardpremie : Numeriek (getal met 2 decimalen) "
                                    "met eenheid €'.")
    return n.ParameterDecl(span, " ".join(m.group("naam").split()), parse_type(m.group("type"), span), None)


def eenheidsysteem(header: str, regels: list[tuple[str, Span]], span: Span) -> n.EenheidsysteemDecl:
    m = _EENHEIDSYSTEEM.fullmatch(header.strip())
    if not m:
        raise DeclarationError("Ongeldige kop van Eenheidsysteem.", span)
    eenheden: list[n.EenheidDecl] = []
    for tekst, sp in regels:
        e = _EENHEID_REGEL.fullmatch(tekst.strip())
        if not e:
            raise DeclarationError("Ongeldige eenheid.", sp,
                                   hulp="Vorm: 'de zorgdag (mv: zorgdagen) zd = 8 zu'.")
        naam, rest = " ".join(e.group("naam").split()), e.group("rest").split()
        if not e.group("mv") and len(rest) == 2 and any(ch.isalpha() for ch in rest[1]):
            # Without (mv: …) the last word is the abbreviation and the rest the name, unless that
            # word is a symbol ("de Amerikaanse dollar USD $").
            naam, rest = f"{naam} {rest[0]}", rest[1:]
        factor = None
        if e.group("teller") or e.group("alleen_noemer"):
            factor = Fraction(int(e.group("teller") or 1), int(e.group("noemer") or e.group("alleen_noemer") or 1))
            if factor == 0:
                raise DeclarationError("Omrekenfactor 0 is ongeldig.", sp)
        eenheden.append(n.EenheidDecl(sp, naam, e.group("mv"), rest[0], rest[1] if len(rest) > 1 else None,
                                      factor, e.group("basis")))
    return n.EenheidsysteemDecl(span, " ".join(m.group("naam").split()), tuple(eenheden))


def feittype(header: str, regels: list[tuple[str, Span]], span: Span, objecttypen: set[str]) -> n.FeittypeDecl:
    m = _FEITTYPE.fullmatch(header.strip())
    if not m:
        raise DeclarationError("Ongeldige kop van Feittype.", span)
    wederkerig = bool(m.group("wederkerig"))
    rollen: list[n.RolDecl] = []
    card: tuple[str, Span] | None = None
    for tekst, sp in regels:
        if re.match(r"([eé][eé]n|meerdere)\s", tekst.strip(), re.IGNORECASE) and (rollen and len(rollen) >= (
                1 if wederkerig else 2)):
            card = (tekst, sp)
            continue
        rollen.append(_rol(tekst, sp, objecttypen))
    nodig = 1 if wederkerig else 2
    if len(rollen) != nodig:
        raise DeclarationError(f"Een {'wederkerig ' if wederkerig else ''}feittype heeft precies {nodig} "
                               f"rol{'len' if nodig > 1 else ''}; gevonden: {len(rollen)}.", span)
    if card is None:
        raise DeclarationError("De regel met de cardinaliteit ontbreekt (bijvoorbeeld 'Eén huishouden bestaat "
                               "uit meerdere leden').", span)
    meervoudig = _cardinaliteit(card[0], card[1], rollen, wederkerig)
    return n.FeittypeDecl(span, " ".join(m.group("naam").split()), tuple(rollen), meervoudig, wederkerig, None)


def _rol(tekst: str, sp: Span, objecttypen: set[str]) -> n.RolDecl:
    parts = re.split(r"\t+|\s{2,}", tekst.strip(), maxsplit=1)
    if len(parts) == 2:
        naam, mv = parse_name(parts[0])
        return n.RolDecl(sp, naam, mv, " ".join(parts[1].rstrip(";").split()))
    low = " ".join(tekst.strip().rstrip(";").split()).lower()
    for ot in sorted(objecttypen, key=len, reverse=True):
        if low.endswith(" " + ot):
            naam, mv = parse_name(tekst.strip()[: len(low) - len(ot)])
            return n.RolDecl(sp, naam, mv, ot)
    raise DeclarationError("Kan rolnaam en objecttype niet scheiden.", sp,
                           hulp="Scheid rolnaam en objecttype met een TAB: "
                                "'het lid (mv: leden)<TAB>Natuurlijk persoon'.")


def _cardinaliteit(tekst: str, sp: Span, rollen: list[n.RolDecl], wederkerig: bool) -> tuple[bool, ...]:
    m = _CARD.fullmatch(tekst.strip())
    if not m:
        raise DeclarationError("Ongeldige cardinaliteit.", sp,
                               hulp="Vorm: 'Eén huishouden bestaat uit meerdere leden'.")

    def welke(woorden: str, eind: bool) -> int | None:
        w = " ".join(woorden.lower().split())
        for i, r in enumerate(rollen):
            for v in (r.naam.lower(), (r.meervoud or "").lower()):
                if v and (w.endswith(v) if eind else w.startswith(v)):
                    return i
        return None

    q1, q2 = m.group("q1").lower(), m.group("q2").lower()
    if wederkerig:
        return (q2 == "meerdere",)
    eerste = welke(m.group("mid"), eind=False)
    tweede = welke(m.group("r2"), eind=True)
    if eerste is None or tweede is None or eerste == tweede:
        raise DeclarationError("De cardinaliteit noemt de rollen van dit feittype niet.", sp)
    # "Eén huishouden bestaat uit meerdere leden": one huishouden has several leden, so the
    # role 'lid' is multi-valued seen from a huishouden.
    mv = [False, False]
    mv[tweede] = q2 == "meerdere"
    mv[eerste] = q1 == "meerdere"
    return (mv[0], mv[1])
