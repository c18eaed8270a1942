"""From a law tree towards rules: definitions, literal values, normative sentences, references.

Pure functions over a `Wet`, for the `ontleed` command. Each finding carries the id of the most
specific node whose own text holds it, so that a generated declaration gets the right `bron`.
Lapsed (vervallen) nodes are skipped.

>>> from regelspraak.law.from_text import parse_tekst
>>> wet, _ = parse_tekst('''Wet proef
... Artikel 1
... In deze wet wordt verstaan onder:
...    a. toetsingsinkomen: het inkomen, bedoeld in artikel 8 van de Awir;
... Artikel 2
... 1. Indien de normpremie lager is dan de standaardpremie, heeft de verzekerde recht op een zorgtoeslag.
... 2. De normpremie bedraagt 4,273% van het drempelinkomen, doch ten minste € 1.234,50 per 1 januari 2025.
... ''', "proef.txt")
>>> [(d.term, d.node_id) for d in definities(wet)]
[('toetsingsinkomen', 'concept:proef&artikel=1&o=a')]
>>> [(w.letterlijk, w.waarde, w.eenheid) for w in waarden(wet)]
[('4,273%', Fraction(4273, 1000), 'procent'), ('€ 1.234,50', Fraction(2469, 2), 'euro'), \
('1 januari 2025', datetime.date(2025, 1, 1), 'datum')]
>>> n = normen(wet)[0]
>>> n.patronen, n.voorwaarde, n.gevolg
(('heeft … recht op', 'indien'), 'de normpremie lager is dan de standaardpremie', \
'heeft de verzekerde recht op een zorgtoeslag')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Literal

from regelspraak.law.tree import Verwijzing, Wet, WetNode
from regelspraak.origin import Span


@dataclass(frozen=True, slots=True)
class Definitie:
    term: str
    tekst: str  # the defining text, without the term
    node_id: str
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Waarde:
    letterlijk: str  # as written: '€ 141.896', '4,273%', '108 procent', '1 januari 2025'
    waarde: Fraction | date
    eenheid: Literal["euro", "procent", "datum"]
    node_id: str
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Norm:
    """A sentence with a recognisable legislative pattern, split into condition and consequence
    as far as that can be done mechanically (the rest is for a person: TE FORMALISEREN)."""

    patronen: tuple[str, ...]  # the first is the main one
    voorwaarde: str | None
    gevolg: str
    zin: str
    node_id: str
    span: Span | None = None


MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december")
# Law text writes '.' for thousands and ',' for decimals, always (unlike input files, where a lone
# '.' is a decimal point: see regelspraak.values.notation). [0-9], not \d: no other scripts' digits.
_GETAL = r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+(?:,[0-9]+)?"
_BEDRAG = re.compile(rf"(?:€|EUR)\s?(?P<g>{_GETAL})(?:,-)?|(?P<g2>{_GETAL})\s?(?:euro|€)(?!\w)")
_PROCENT = re.compile(rf"(?P<g>{_GETAL})\s?(?:%|procent\b|percent\b)")
_DATUM = re.compile(rf"(?P<d>[0-9]{{1,2}})\s+(?P<m>{'|'.join(MAANDEN)})\s+(?P<j>[0-9]{{4}})")
_VERSTAAN = re.compile(r"wordt(?:,.*?,)? (?:mede )?verstaan onder", re.I)
_INLINE_DEF = re.compile(r"wordt(?:,.*?,)? (?:mede )?verstaan onder (?P<term>[^:]{1,80}): (?P<tekst>.+)", re.I)
_ONDER_DEF = re.compile(r"Onder (?P<term>.{1,80}?)(?: als bedoeld in [^,]*?)? wordt (?:mede )?verstaan:? (?P<tekst>.+)")
_PATRONEN = (
    ("heeft … recht op", re.compile(r"\b(?:heeft|hebben)\b.{0,120}?\brecht op\b", re.I)),
    ("bedraagt", re.compile(r"\bbedraagt\b", re.I)),  # not 'bedragen': mostly the noun
    ("in afwijking van", re.compile(r"\bin afwijking van\b", re.I)),
    ("met dien verstande dat", re.compile(r"\bmet dien verstande dat\b", re.I)),
    ("indien", re.compile(r"\b(?:indien|ingeval|voor zover|zolang)\b", re.I)),
    # A calculation step on an amount another article defines ('De … basishuur wordt: a. in 2025
    # verlaagd met € 37,14'; Wet verlaging eigen bijdrage huurtoeslag art. 1): a rule to formalise.
    ("verlaagd of verhoogd met", re.compile(
        r"\b(?:wordt|worden)\b.{0,200}?\b(?:verlaagd|verhoogd|verminderd|vermeerderd)\s+met\b", re.I)),
)
# Finite verbs that open the main clause after a fronted condition ('Indien …, bedraagt …').
# Not 'zijn': after a comma it is as often the possessive ('…, zijn partner …').
_WERKWOORDEN = (
    r"(?:bestaat|bestaan|heeft|hebben|is|wordt|worden|bedraagt|kan|kunnen|vindt|geldt|gelden|komt|komen|"
    r"treedt|blijft|blijven|ontstaat|eindigt|vervalt|verleent|stelt|kent|neemt|mag|moet|zal|zullen|verliest|"
    r"beslist|legt|ontvangt|betaalt|verstrekt)\b"
)
_HOOFDZIN = re.compile(rf",\s+(?={_WERKWOORDEN})", re.I)
_WERKWOORD = re.compile(rf"(?=\b{_WERKWOORDEN})", re.I)  # zero-width: the verb stays in the gevolg
_VOORAAN = re.compile(r"(?P<kw>indien|ingeval|voor zover|zolang|in afwijking van)\s+(?P<rest>.*)", re.I)
# 'indien' in mid-sentence always opens a condition; 'voor zover' only after a comma (otherwise it
# mostly narrows a noun: 'het inkomen voor zover dat boven … uitgaat').
_MIDDEN = re.compile(r",?\s+(?:indien|ingeval)\s+|,\s+(?:voor zover|zolang)\s+", re.I)
_ZIN = re.compile(r"(?<=[.;])\s+(?=[A-Z(])")


def definities(wet: Wet) -> list[Definitie]:
    """'… wordt verstaan onder: a. term: tekst' (a list) and '… verstaan onder term: tekst' (inline)."""
    uit: list[Definitie] = []
    for node in _levend(wet):
        if _VERSTAAN.search(node.tekst) and node.tekst.rstrip().endswith(":"):
            for kind in node.kinderen:
                term, _, tekst = kind.tekst.partition(":")
                if kind.soort == "onderdeel" and tekst and 0 < len(term) <= 80 and not kind.status.vervallen:
                    volledig = " ".join([tekst.strip(), *(k.tekst for k in kind.kinderen if k.tekst)])
                    uit.append(Definitie(term.strip(), volledig, kind.id, kind.span))
        elif (m := _INLINE_DEF.search(node.tekst) or _ONDER_DEF.search(node.tekst)) is not None:
            uit.append(Definitie(m.group("term").strip(), m.group("tekst").strip(), node.id, node.span))
    return uit


def waarden(wet: Wet) -> list[Waarde]:
    """Every amount, percentage and full date in the text, with its exact value."""
    uit: list[Waarde] = []
    for node in _levend(wet):
        gevonden: list[tuple[int, Waarde]] = []
        for m in _BEDRAG.finditer(node.tekst):
            getal = _getal(m.group("g") or m.group("g2"))
            gevonden.append((m.start(), Waarde(m.group(0), getal, "euro", node.id, node.span)))
        for m in _PROCENT.finditer(node.tekst):
            gevonden.append((m.start(), Waarde(m.group(0), _getal(m.group("g")), "procent", node.id, node.span)))
        for m in _DATUM.finditer(node.tekst):
            dag = _datum(m)
            if dag is not None:
                gevonden.append((m.start(), Waarde(m.group(0), dag, "datum", node.id, node.span)))
        uit.extend(w for _, w in sorted(gevonden, key=lambda x: x[0]))
    return uit


def normen(wet: Wet) -> list[Norm]:
    """Sentences with 'heeft … recht op', 'bedraagt', 'in afwijking van', 'met dien verstande
    dat', 'indien' or 'wordt … verlaagd/verhoogd met'. A sentence that ends in ':' is read together
    with the onderdelen it opens."""
    uit: list[Norm] = []
    opgenomen: set[int] = set()  # onderdelen already read as part of their parent's sentence
    for node in _levend(wet):
        if id(node) in opgenomen or not node.tekst or _VERSTAAN.search(node.tekst):
            continue
        zinnen = _ZIN.split(node.tekst.replace("\n", " "))
        onderdelen = [k for k in node.kinderen if k.soort == "onderdeel"]
        if zinnen[-1].rstrip().endswith(":") and onderdelen:
            zinnen[-1] += " " + " ".join(" ".join(n.tekst for n in k.knopen() if n.tekst) for k in onderdelen)
            opgenomen.update(id(n) for k in onderdelen for n in k.knopen())
        for zin in zinnen:
            patronen = tuple(naam for naam, p in _PATRONEN if p.search(zin))
            if patronen:
                voorwaarde, gevolg = _splits(zin, patronen)
                uit.append(Norm(patronen, voorwaarde, gevolg, zin, node.id, node.span))
    return uit


def verwijzingen(wet: Wet) -> list[tuple[str, Verwijzing]]:
    """Every reference as (id of the citing node, edge): the dependency listing of a law."""
    return [(node.id, v) for node in _levend(wet) for v in node.verwijzingen]


def _levend(wet: Wet) -> Iterator[WetNode]:
    """All nodes, in document order, except lapsed ones (whose text is only 'Vervallen')."""
    return (n for n in wet.knopen() if not n.status.vervallen)


def _splits(zin: str, patronen: tuple[str, ...]) -> tuple[str | None, str]:
    """(voorwaarde, gevolg) where the sentence shape allows: a fronted 'Indien …, <verb> …' or
    'In afwijking van …, <verb> …', a trailing ', indien …', or '… met dien verstande dat …'."""
    del patronen  # the shape of the sentence decides, not which patterns it has
    tekst = zin.rstrip(" .;:")
    if (m := re.search(r"\bmet dien verstande dat\b", tekst, re.I)) is not None:
        return tekst[m.end():].strip(" ,"), tekst[: m.start()].strip(" ,")
    if (m := _VOORAAN.match(tekst)) is not None:
        rest, afwijking = m.group("rest"), m.group("kw").lower() == "in afwijking van"
        grens = _HOOFDZIN.search(rest) or (_WERKWOORD.search(rest) if afwijking else re.search(r",\s+", rest))
        if grens is None:
            return None, tekst
        voorwaarde = rest[: grens.start()].strip(" ,")
        return (f"in afwijking van {voorwaarde}" if afwijking else voorwaarde), rest[grens.end():].strip()
    if (m := _MIDDEN.search(tekst)) is not None:
        return tekst[m.end():].strip(), tekst[: m.start()].strip()
    return None, tekst


def _getal(tekst: str) -> Fraction:
    return Fraction(tekst.replace(".", "").replace(",", "."))


def _datum(m: re.Match[str]) -> date | None:
    try:
        return date(int(m.group("j")), MAANDEN.index(m.group("m")) + 1, int(m.group("d")))
    except ValueError:  # '31 februari 2025' in a text is a typo, not a date
        return None
