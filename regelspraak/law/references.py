"""References in running law text ('bedoeld in artikel 1 van de Zorgverzekeringswet') → places.

Cheap on purpose: the citation grammar of `citation.py` after every 'artikel', then the law
it names ('van de Zorgverzekeringswet', 'van deze wet', 'van die wet'); and 'het tweede lid'
for a lid of the same article. BWB XML marks its references itself (`intref`/`extref`).

>>> [(v.ref.artikel, v.ref.lid, v.ref.bwb, v.intern) for v in find_references(
...     "bedoeld in artikel 1 van de Zorgverzekeringswet, artikel 2, tweede lid, en het vierde lid")]
[('1', None, 'BWBR0018450', False), ('2', '2', None, True), (None, '4', None, True)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from regelspraak.law.citation import ARTIKEL, Plaats, lees_leden, lees_plaats
from regelspraak.law.known_laws import known_law, law_names, law_title
from regelspraak.law.tree import Verwijzing, maak_id
from regelspraak.origin import ArtikelRef


@dataclass(frozen=True, slots=True)
class Vermelding:
    """A reference found in text. `intern`: to this law; then `ref.artikel` None means a lid of
    the article the text stands in. Not intern and `ref.bwb` None: a law we cannot identify."""

    start: int
    eind: int
    ref: ArtikelRef
    intern: bool


_VAN = re.compile(r"\s*,?\s*van\s+(?:de\s+|het\s+)?")
_DEZE_WET = re.compile(r"deze\s+(?:wet|regeling|besluit)\b", re.I)
_DIE_WET = re.compile(r"(?:die|dat|diezelfde)\s+(?:wet|regeling|besluit)\b", re.I)
_BEKEND = re.compile(r"(?:" + "|".join(re.escape(n) for n in law_names()) + r")(?![\w-])")
# An unknown law: 'Wet op de jeugdzorg', 'Leerplichtwet 1969', 'Burgerlijk Wetboek', 'Boek 1 van het …'.
_ONBEKEND = re.compile(
    r"(?:Boek\s+\d+\s+van\s+het\s+)?(?:"
    r"(?:Wet|Rijkswet|Besluit|Regeling|Verordening|Richtlijn)\b[^,;:()\n]{0,100}?"
    r"(?=\s+(?:bedoeld|bedoelde|is|zijn|wordt|worden|en|of|dan|voor|die|dat|op|niet)\b|[,;:.()]|$)"
    r"|[A-Z][\w-]*(?:wet|wetboek|besluit)(?:\s+\d{4})?\b"
    r"|[A-Z][\w-]*(?:\s+[A-Z][\w-]*)+)"
)
_HET_LID = re.compile(r"(?<!\w)(?:het|de)\s+(?=\w+\s+(?:en\s+\w+\s+)?(?:lid|leden)\b)", re.I)


def find_references(tekst: str) -> list[Vermelding]:
    """Every reference in `tekst`, in order of appearance."""
    gevonden: list[Vermelding] = []
    for m in ARTIKEL.finditer(tekst):
        plaats = lees_plaats(tekst, m)
        if plaats is None:
            continue
        eind, bwb, wet, intern = plaats.eind, None, None, True
        if (van := _VAN.match(tekst, eind)) is not None:
            if (naam := _DEZE_WET.match(tekst, van.end())) is not None:
                eind = naam.end()
            elif (naam := _DIE_WET.match(tekst, van.end())) is not None:
                eind, wet, intern = naam.end(), naam.group(0), False
            elif (naam := _BEKEND.match(tekst, van.end()) or _ONBEKEND.match(tekst, van.end())) is not None:
                bwb = known_law(naam.group(0))
                eind, wet, intern = naam.end(), law_title(bwb) if bwb else naam.group(0).strip(), False
        refs = plaats.refs(bwb, wet, tekst[m.start() : eind])
        gevonden.extend(Vermelding(m.start(), eind, r, intern) for r in refs)
    for m in _HET_LID.finditer(tekst):
        if any(v.start <= m.start() < v.eind for v in gevonden):
            continue
        leden, onderdelen, eind = lees_leden(tekst, m.end())
        if leden != (None,):
            plaats = Plaats(m.end(), eind, (None,), leden, onderdelen)
            refs = plaats.refs(None, None, tekst[m.end() : eind])
            gevonden.extend(Vermelding(m.end(), eind, r, True) for r in refs)
    return sorted(gevonden, key=lambda v: v.start)


def verwijzingen(tekst: str, basis: str, artikel_id: str | None) -> tuple[Verwijzing, ...]:
    """The references in `tekst` as edges: `basis` is this law's id ('jci1.3:c:BWBR…'),
    `artikel_id` the id of the article the text stands in (for 'het tweede lid')."""
    uit: list[Verwijzing] = []
    for v in find_references(tekst):
        r = v.ref
        if v.intern:
            onder = basis if r.artikel is not None else artikel_id
            doel = maak_id(onder, r.artikel, r.lid, r.onderdeel) if onder is not None else None
        else:
            doel = maak_id(f"jci1.3:c:{r.bwb}", r.artikel, r.lid, r.onderdeel) if r.bwb else None
        uit.append(Verwijzing("tekst", doel, r.tekst, None if v.intern else r.bwb))
    return tuple(uit)
