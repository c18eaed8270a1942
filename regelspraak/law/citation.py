"""Citations as written after `bron:` → `Bron` (a tuple of `ArtikelRef`), or RS007.

Accepted: jurist citations (`artikel 2, derde lid, Wet op de zorgtoeslag`, `art. 2 lid 3 Wzt`,
`art. 1 Regeling standaardpremie 2025`, `Wzt art. 2 lid 1-3`), JuriConnect ids
(`jci1.3:c:BWBR0018451&artikel=2&lid=3&o=a`), several separated by `;`, and `geen — reden`.

>>> from regelspraak.origin import Span
>>> bron, diags = parse_bron("art. 2 lid 3 Wzt; artikel 1, eerste lid, onderdeel f, Wzt", Span("z.rgs", 1, 7))
>>> [(r.bwb, r.artikel, r.lid, r.onderdeel) for r in bron.refs]
[('BWBR0018451', '2', '3', None), ('BWBR0018451', '1', '1', 'f')]
>>> parse_bron("geen — rekenhulp", Span("z.rgs", 2, 7))[0].geen_reden
'rekenhulp'
>>> parse_bron("lid drie", Span("z.rgs", 3, 7))[1][0].code
'RS007'
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from urllib.parse import unquote

from regelspraak.diagnostics import Diagnostic, Ernst
from regelspraak.law.known_laws import known_law, law_title
from regelspraak.origin import RANGTELWOORDEN, ArtikelRef, Bron, Herkomst, Span

__all__ = [
    "ARTIKEL", "HULP", "CitatieFout", "Plaats", "known_law", "lees_leden", "lees_plaats", "parse_bron",
    "parse_citatie",
]

HULP = (
    "schrijf bijvoorbeeld 'artikel 2, derde lid, Wet op de zorgtoeslag', 'art. 2 lid 3 Wzt', "
    "'artikel 1, eerste lid, onderdeel f, Wzt', 'art. 1 Regeling standaardpremie 2025', "
    "'jci1.3:c:BWBR0018451&artikel=2&lid=3' of 'geen — reden'; scheid meerdere bronnen met ';'"
)

# Longest first, so that 'zeventiende' is not read as 'zevende' + rest.
_ORD = "(?:" + "|".join(sorted(RANGTELWOORDEN[1:], key=len, reverse=True)) + r"|\d+(?:ste|de|e))(?!\w)"
_SEP = r"\s*(?:,|\ben\b|\bof\b|tot en met|t/m|-|–)\s*"
_RANGE_SEPS = ("tot en met", "t/m", "-", "–")
_NUM = r"(?:\d+[a-z]{0,7}(?:[.:]\d+[a-z]{0,7})*\*?|(?-i:[IVXLC]+[a-z]{0,3}))(?![\w*])"
_LIDNR = r"\d+[a-z]?\*?(?!\w)"
# Onderdelen are lower case: a, aa, ii (roman), 1°. Case-sensitive so that 'Wzt' is never one.
_DUBBEL = "|".join(c * 2 for c in "abcdefghijklmnopqrstuvwxyz")
_LET = rf"(?-i:(?:{_DUBBEL}|[ivx]{{2,4}}|[a-z]|\d+°?)(?![\w°]))"

ARTIKEL = re.compile(r"(?<!\w)(?P<kw>artikelen|artikel|artt\.|art\.|art)\s*(?=\d|(?-i:[IVXLC]))", re.I)
_NUMS = re.compile(rf"{_NUM}(?:{_SEP}{_NUM})*", re.I)
_NUM1 = re.compile(_NUM, re.I)
_ORD_RE = re.compile(_ORD, re.I)
_LID = re.compile(
    rf"(?P<ords>{_ORD}(?:{_SEP}{_ORD})*)\s+(?:lid|leden)(?!\w)|(?:lid|leden)\s+(?P<nums>{_LIDNR}(?:{_SEP}{_LIDNR})*)",
    re.I,
)
_OND = re.compile(rf"(?:onderdelen|onderdeel|onder|sub|letter)\s+(?P<ond>{_LET}(?:{_SEP}{_LET})*)", re.I)
_SKIP = re.compile(rf"aanhef(?:\s+en\b)?|slotzin|{_ORD}\s+(?:vol)?zin(?!\w)", re.I)
_VAN = re.compile(r"(?:van\s+(?:de|het)\s+|van\s+|der\s+)", re.I)
_KEYWORD = re.compile(rf"(?:lid|leden|onderdelen|onderdeel|onder|sub|letter|aanhef|{_ORD})(?!\w)", re.I)
_WETNAAM = re.compile(r"[^\W\d_][\w .,'’&/()–-]*", re.I)
_BWB = re.compile(r"BWB[RVW]\d{7}")
_PUBLICATIE = re.compile(r"(?:Stb|Stcrt|Trb)\.?\s*\d{4}\s*,\s*\d+", re.I)
_JCI = re.compile(r"jci\s*\d+(?:\.\d+)*\s*:\s*[cv]\s*:\s*(?P<bwb>BWB[RVW]\d{7})(?P<rest>(?:&[^&]*)*)", re.I)
_GEEN = re.compile(r"geen(?!\w)\s*(?:[—–:-]+\s*(?P<reden>.*))?", re.I | re.S)
# JuriConnect keys allowed but not kept in an ArtikelRef: structure above the article and the
# zicht-/geldigheidsdatum (z, g).
_JCI_GENEGEERD = {"boek", "deel", "hoofdstuk", "titeldeel", "titel", "afdeling", "paragraaf",
                  "sub-paragraaf", "z", "g", "bijlage"}


class CitatieFout(ValueError):
    """A citation that cannot be read; `offset` is where in the text it went wrong."""

    def __init__(self, reden: str, offset: int = 0) -> None:
        super().__init__(reden)
        self.reden = reden
        self.offset = offset


def parse_bron(tekst: str, span: Span) -> tuple[Bron | None, list[Diagnostic]]:
    """Parse the text after `bron:`. With errors, the Bron holds the parts that could be
    read (None if none could); each unreadable part gives one RS007 at its own column."""
    stripped = tekst.strip()
    lead = len(tekst) - len(tekst.lstrip())
    geen = _GEEN.fullmatch(stripped)
    if geen is not None:
        reden = (geen.group("reden") or "").strip()
        if reden:
            return Bron(geen_reden=reden), []
        return None, [_fout(span, lead, len(stripped), "'geen' zonder reden; schrijf 'geen — reden'")]
    delen = _split(tekst)
    if not delen:
        return None, [_fout(span, 0, 1, "lege bron")]
    refs: list[ArtikelRef] = []
    diags: list[Diagnostic] = []
    for start, deel in delen:
        try:
            refs.extend(parse_citatie(deel))
        except CitatieFout as e:
            kort = " ".join(deel.split())
            diags.append(_fout(span, start + e.offset, len(deel) - e.offset, f"'{kort}': {e.reden}"))
    return (Bron(tuple(refs)) if refs else None), diags


def parse_citatie(tekst: str) -> list[ArtikelRef]:
    """One citation (no `;`) → its references; several with `artikelen 2 en 3` or `lid 1-3`.

    >>> [r.jci() for r in parse_citatie("Regeling standaardpremie 2025 (BWBR0050536) art. 1")]
    ['jci1.3:c:BWBR0050536&artikel=1']
    """
    s, bwb = _haakjes(tekst)
    s = s.rstrip(" .,")
    if _JCI.match(s.strip()):
        return [_jci(s.strip(), tekst)]
    m = ARTIKEL.search(s)
    if m is None:
        return [_hele_wet(s, bwb, tekst)]
    voor = s[: m.start()].strip().rstrip(",").strip()
    plaats = lees_plaats(s, m)
    if plaats is None:
        raise CitatieFout("artikelnummer ontbreekt", m.start())
    rest = s[plaats.eind :].lstrip(" ,")
    rest_offset = len(s) - len(rest)
    if (van := _VAN.match(rest)) is not None:
        rest, rest_offset = rest[van.end():], rest_offset + van.end()
    rest = rest.strip()
    if _KEYWORD.match(rest):
        raise CitatieFout(f"onvolledige aanduiding bij '{rest.split()[0]}' (nummer ontbreekt?)", rest_offset)
    if rest and voor:
        raise CitatieFout(f"twee wetnamen: '{voor}' en '{rest}'", rest_offset)
    naam = voor or rest
    if naam and not _WETNAAM.fullmatch(naam):
        raise CitatieFout(f"'{naam}' is geen artikelonderdeel of wetnaam", rest_offset if rest else 0)
    bwb, wet = _wet(naam, bwb)
    return plaats.refs(bwb, wet, tekst.strip())


@dataclass(frozen=True, slots=True)
class Plaats:
    """The article(s), leden and onderdelen after the word 'artikel', and where that text ends."""

    start: int
    eind: int
    artikelen: tuple[str | None, ...]  # (None,): a lid of the article the text stands in
    leden: tuple[str | None, ...] = (None,)
    onderdelen: tuple[tuple[str, ...], ...] = ()  # one tuple per level: ('b',), ('3',) for 'b, onder 3°'

    def refs(self, bwb: str | None, wet: str | None, tekst: str) -> list[ArtikelRef]:
        """One reference per combination: 'artikelen 2 en 3' or 'lid 1-3' cite several places."""
        paden = list(itertools.product(*self.onderdelen))
        return [
            ArtikelRef(bwb=bwb, wet=wet, artikel=art, lid=lid, onderdeel=".".join(pad) or None, tekst=tekst)
            for art, lid, pad in itertools.product(self.artikelen, self.leden, paden)
        ]


def lees_plaats(s: str, art: re.Match[str]) -> Plaats | None:
    """Read what follows a match of `ARTIKEL` in `s`; None when no article number follows."""
    nums = (_NUMS if art.group("kw").lower() in ("artikelen", "artt.") else _NUM1).match(s, art.end())
    if nums is None:
        return None
    leden, onderdelen, eind = lees_leden(s, nums.end())
    return Plaats(art.start(), eind, tuple(_reeks(nums.group(0), numeriek=True)), leden, onderdelen)


def lees_leden(s: str, pos: int) -> tuple[tuple[str | None, ...], tuple[tuple[str, ...], ...], int]:
    """Read 'derde lid, onderdeel b, onder 3°' at `pos`: (leden, onderdelen per level, end)."""
    leden: tuple[str | None, ...] = (None,)
    onderdelen: list[tuple[str, ...]] = []
    while True:
        pos2 = len(s) - len(s[pos:].lstrip(" ,"))
        if leden == (None,) and (lid := _LID.match(s, pos2)) is not None:
            ords = lid.group("ords")
            nummers = _ORD_RE.sub(lambda o: _ordinaal(o.group(0)), ords) if ords else lid.group("nums")
            leden = tuple(_reeks(nummers, numeriek=True))
            pos = lid.end()
        elif (ond := _OND.match(s, pos2)) is not None:
            waarden = _reeks(ond.group("ond"), numeriek=False)
            onderdelen.append(tuple(v.strip("()").rstrip("°") for v in waarden))
            pos = ond.end()
        elif (skip := _SKIP.match(s, pos2)) is not None:
            pos = skip.end()
        else:
            return leden, tuple(onderdelen), pos


def _split(tekst: str) -> list[tuple[int, str]]:
    """Split on `;` outside parentheses (and not the one of an XML-escaped `&amp;`); keep each
    part's offset for the diagnostic column."""
    grenzen: list[int] = []
    diepte = 0
    for i, c in enumerate(tekst):
        diepte += (c == "(") - (c == ")")
        if c == ";" and diepte <= 0 and not tekst[max(i - 4, 0) : i] == "&amp":
            grenzen.append(i)
    delen: list[tuple[int, str]] = []
    for start, eind in zip([-1, *grenzen], [*grenzen, len(tekst)], strict=True):
        deel = tekst[start + 1 : eind]
        if deel.strip():
            delen.append((start + 1 + len(deel) - len(deel.lstrip()), deel.strip()))
    return delen


def _haakjes(s: str) -> tuple[str, str | None]:
    """Take out parenthesised remarks; a BWB id among them names the law, the rest is a note
    for the reader (e.g. '(toestand 2025-01-01)') that does not change what is cited."""
    bwb = None
    for m in re.finditer(r"\(([^()]*)\)", s):
        if _BWB.fullmatch(m.group(1).strip()):
            bwb = m.group(1).strip()
    return re.sub(r"\s*\([^()]*\)", "", s), bwb


def _reeks(tekst: str, *, numeriek: bool) -> list[str]:
    """'1, 2 en 4' → ['1','2','4']; '1-3' and '1 tot en met 3' expand when numeric, and
    'a tot en met e' when both ends are single letters (onderdelen)."""
    delen = re.split(rf"({_SEP})", tekst.strip(), flags=re.I)
    waarden = [d.strip() for d in delen[0::2]]
    seps = [d.strip().lower() for d in delen[1::2]]
    out = [waarden[0]]
    for sep, w in zip(seps, waarden[1:], strict=True):
        v = out[-1]
        if sep in _RANGE_SEPS and numeriek and v.isdigit() and w.isdigit() and 0 < int(w) - int(v) <= 50:
            # Bounded, so that 'lid 1-99999' cannot blow up into a huge list.
            out.extend(str(n) for n in range(int(v) + 1, int(w) + 1))
        elif sep in _RANGE_SEPS and not numeriek and re.fullmatch("[a-z]", v) and re.fullmatch("[a-z]", w) and v < w:
            out.extend(chr(c) for c in range(ord(v) + 1, ord(w) + 1))
        else:
            out.append(w)
    return out


def _ordinaal(woord: str) -> str:
    w = woord.lower()
    if w in RANGTELWOORDEN:
        return str(RANGTELWOORDEN.index(w))
    return re.sub(r"\D+$", "", w)


def _wet(naam: str, bwb: str | None) -> tuple[str | None, str | None]:
    """(bwb, wet): a known law gets its BWB id and citation title; an unknown one stays as written."""
    if not naam:
        return bwb, (law_title(bwb) if bwb else None)
    if _BWB.fullmatch(naam):
        return naam, law_title(naam)
    gevonden = known_law(naam)
    if gevonden is not None and bwb in (None, gevonden):
        return gevonden, law_title(gevonden)
    return bwb, naam


def _hele_wet(s: str, bwb: str | None, tekst: str) -> ArtikelRef:
    """A citation without an article: a whole law (known, or with its BWB id) or a publication."""
    naam = s.strip().rstrip(".,")
    if _PUBLICATIE.fullmatch(naam):
        return ArtikelRef(wet=naam, tekst=tekst.strip())
    if _BWB.fullmatch(naam) or known_law(naam) or (bwb and naam):
        b, wet = _wet(naam, bwb)
        return ArtikelRef(bwb=b, wet=wet, tekst=tekst.strip())
    raise CitatieFout("geen artikel en geen bekende wet herkend")


def _jci(s: str, tekst: str) -> ArtikelRef:
    m = _JCI.fullmatch(s.replace("&amp;", "&"))
    if m is None:
        raise CitatieFout("ongeldige JuriConnect-verwijzing")
    velden: dict[str, list[str]] = {}
    for param in m.group("rest").split("&")[1:]:
        sleutel, _, waarde = param.partition("=")
        sleutel = sleutel.strip().lower()
        if not waarde or sleutel not in ("artikel", "lid", "o", "onderdeel", *_JCI_GENEGEERD):
            raise CitatieFout(f"onbekend JuriConnect-onderdeel '{param}'", s.find(param))
        velden.setdefault("o" if sleutel == "onderdeel" else sleutel, []).append(unquote(waarde.strip()))
    if "lid" in velden and "artikel" not in velden:
        raise CitatieFout("JuriConnect-verwijzing met lid maar zonder artikel")
    bwb = m.group("bwb")
    eerste = {k: v[0] for k, v in velden.items()}
    return ArtikelRef(
        bwb=bwb, wet=law_title(bwb), artikel=eerste.get("artikel"), lid=eerste.get("lid"),
        onderdeel=".".join(velden.get("o", [])) or None, tekst=tekst.strip(),
    )


def _fout(span: Span, offset: int, lengte: int, reden: str) -> Diagnostic:
    kolom = span.kolom + offset
    plek = Span(span.bestand, span.regel, kolom, span.regel, kolom + max(lengte, 1))
    return Diagnostic("RS007", Ernst.FOUT, f"Ongeldige bron {reden}.", Herkomst(plek), HULP)
