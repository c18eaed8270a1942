"""Turn the text of one RegelSpraak sentence into tokens for the LALR grammar.

Names in RegelSpraak contain keywords and spaces ("het aantal kinderen tot 18 jaar"), so a
fixed token grammar cannot find them. The lexer knows the model's declared names (a
`Lexicon`) and matches the longest declared name first, then fixed phrases, then keywords.
Runs of unknown words become one NAME as well, so that the resolver can say
"onbekende naam … — bedoelde u …?" instead of the parser giving up.

>>> lex = Lexicon()
>>> lex.add("leeftijd")
>>> lex.add("Natuurlijk persoon", meervoud="Natuurlijke personen")
>>> [t.type for t in tokenize([Regel(1, 1, "de leeftijd van een Natuurlijk persoon.")], lex)]
['DE', 'NAME', 'VAN', 'EEN', 'NAME', 'PUNT']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from lark import Token

# Keyword (lower case, as written) -> terminal name in grammar/regelspraak.lark.
KEYWORDS: dict[str, str] = {
    w: w.upper()
    for w in (
        "de het een twee drie vier vijf zes zeven acht negen tien van is zijn hij moet moeten "
        "berekend gesteld worden wordt als op indien er aan alle volgende voorwaarden voorwaarde "
        "criteria criterium voldaan voldoet voldoen geen niet ten minste hoogste tenminste hoogstens "
        "precies groter kleiner gelijk ongelijk dan eerder later leeg gevuld heeft hebben of en plus "
        "min verminderd met maal gedeeld door naar beneden boven rekenkundig richting nul weg "
        "afgerond decimalen decimaal aantal som maximale minimale waarde eerste laatste die absolute "
        "tijdsduur tot in hele jaren maanden dagen dag maand jaar uit rekendatum rekenjaar waar onwaar "
        "uniek wortel elfproef numeriek exact cijfers cijfer concatenatie verenigd verdeeld over waarbij gelijke delen "
        "rato volgorde toenemende afnemende bij even groot onverdeelde rest blijft regelversie gevuurd inconsistent"
    ).split()
}
KEYWORDS.update({"één": "EEN_T", "geïnitialiseerd": "GEINITIALISEERD", "geinitialiseerd": "GEINITIALISEERD",
                 "abs": "ABS"})
# A dimension selection (spec §13.4.16.46): "over de jaren vanaf vorig jaar t/m huidig jaar".
KEYWORDS.update({"vanaf": "VANAF", "t/m": "TOT_EN_MET"})
# "de tijdsduur van A tot B in hele uren" for a date and time.
KEYWORDS.update({w: w.upper() for w in ("uren", "minuten", "seconden", "milliseconden")})
KEYWORDS["millisecondes"] = "MILLISECONDEN"  # spec §6.10: "in millisecondes" (without "hele")
# After a number these stay units ("3 uren"), as they were before they became keywords.
_TIJD_MEERVOUDEN = frozenset({"uren", "minuten", "seconden", "milliseconden", "millisecondes"})

# Fixed phrases that one token of look-ahead could not separate from a list or a keyword.
_VASTE: tuple[tuple[tuple[str, ...], str], ...] = (
    ((",", "met", "een", "minimum", "van"), "MET_MINIMUM"),
    ((",", "met", "een", "maximum", "van"), "MET_MAXIMUM"),
    (("met", "een", "minimum", "van"), "MET_MINIMUM"),
    (("met", "een", "maximum", "van"), "MET_MAXIMUM"),
    (("en", "een", "maximum", "van"), "EN_MAXIMUM"),
    (("of", "0", "als", "die", "er", "niet", "zijn"), "OF_NUL"),
    (("tot", "de", "macht"), "TOT_DE_MACHT"),
    (("tot", "en", "met"), "TOT_EN_MET"),
    (("de", "datum", "met", "jaar", ",", "maand", "en", "dag"), "DATUM_MET"),
    (("de", "eerste", "paasdag", "van"), "PAASDAG_VAN"),
    # Project extension (taal.md §10): the first day of the month/year of or after a date, for a
    # period that starts "in de maand van" or "de eerste dag van de maand na" a birthday.
    (("de", "eerste", "dag", "van", "de", "maand", "van"), "EERSTE_DAG_MAAND_VAN"),
    (("de", "eerste", "dag", "van", "de", "maand", "na"), "EERSTE_DAG_MAAND_NA"),
    (("de", "eerste", "dag", "van", "het", "jaar", "van"), "EERSTE_DAG_JAAR_VAN"),
    (("de", "eerste", "dag", "van", "het", "jaar", "na"), "EERSTE_DAG_JAAR_NA"),
)
# Timelines (taal.md §11; grammar section "timelines"). Phrases, not keywords, so that names with
# these words stay names.
TIJD_ZINSDELEN: tuple[tuple[tuple[str, ...], str], ...] = (
    (("gedurende", "de", "tijd", "dat"), "GEDURENDE_TIJD_DAT"),
    (("gedurende", "het", "gehele", "jaar"), "GEHELE_JAAR"),
    (("gedurende", "de", "gehele", "maand"), "GEHELE_MAAND"),
    (("het", "totaal", "van"), "TOTAAL_VAN"),
    (("het", "aantal", "dagen", "in", "de", "maand", "dat"), "DAGEN_MAAND_DAT"),
    (("het", "aantal", "dagen", "in", "het", "jaar", "dat"), "DAGEN_JAAR_DAT"),
    (("het", "tijdsevenredig", "deel", "per", "maand", "van"), "EVENREDIG_MAAND_VAN"),
    (("het", "tijdsevenredig", "deel", "per", "jaar", "van"), "EVENREDIG_JAAR_VAN"),
    (("het", "is", "de", "periode"), "HET_IS_DE_PERIODE"),
    (("vanaf",), "VANAF"),
    (("per", "maand"), "PER_MAAND"),
    (("per", "jaar"), "PER_JAAR"),
    (("per", "dag"), "PER_DAG"),
)
PHRASES = (*_VASTE, *TIJD_ZINSDELEN)

PUNCT = {".": "PUNT", ",": "KOMMA", ":": "DUBBELPUNT", "(": "LPAR", ")": "RPAR", ";": "PUNT",
         "{": "LACC", "}": "RACC"}

_RAW = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<enum>'[^'\n]*'|‘[^’\n]*’)
  | (?P<tekst>"[^"\n]*"|“[^”\n]*”)
  | (?P<datum>(?:(?i:dd)\.\s*)?\d{1,2}-\d{1,2}-\d{4}(?![\d-])  # 'dd.', 'Dd.', 'DD.' alike
      (?:\s+\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,3})?)?(?![\d:]))?)  # a time: 08:15:30.250
  | (?P<getal>-?\d+(?:_\d+/\d+|/\d+|,\d+)?)(?P<pct>\s*%)?
  | (?P<punct>[.,:;(){}])
  | (?P<woord>[^\s.,:;(){}'"‘’“”%]+)
  | (?P<anders>.)
    """,
    re.VERBOSE,
)
_BULLET = re.compile(r"^(•+|▪+|\*+(?=\s)|-+(?=\s))\s*")

MAX_TOKENS = 20_000  # one sentence; bounds the parser's work on hostile input
MAX_OPSOMMING = 20  # bullet depth ("••••"); real rules use three or four levels


def normalize(text: str) -> str:
    """Case-fold a name and fold its white space; keep diacritics (they distinguish words)."""
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


@dataclass(frozen=True, slots=True)
class Regel:
    """One physical line of a sentence: 1-based line number, column of `tekst`, the text."""

    nummer: int
    kolom: int
    tekst: str


@dataclass(frozen=True, slots=True)
class Raw:
    kind: str
    text: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class NameEntry:
    key: str  # canonical (singular, normalised) name
    meervoud: bool


@dataclass
class Lexicon:
    """Declared names as word sequences, for longest-first matching."""

    entries: dict[tuple[str, ...], NameEntry] = field(default_factory=dict)
    max_len: int = 0
    # Names of date attributes and parameters: "van <datum> tot …" is a bare period, not navigation.
    datums: set[str] = field(default_factory=set)

    def add(self, naam: str, meervoud: str | None = None) -> None:
        key = normalize(naam)
        self._put(key, key, False)
        if meervoud:
            self._put(normalize(meervoud), key, True)

    def _put(self, text: str, key: str, plural: bool) -> None:
        words = tuple(_split_words(text))
        if not words:
            return
        self.entries.setdefault(words, NameEntry(key, plural))
        self.max_len = max(self.max_len, len(words))

    def add_datum(self, naam: str) -> None:
        """A name whose value is a date (added with `add` too)."""
        self.datums.add(normalize(naam))

    def lookup(self, text: str) -> NameEntry | None:
        return self.entries.get(tuple(_split_words(normalize(text))))

    def extended(self, names: Iterable[str]) -> Lexicon:
        """A copy with extra names (a rule's variables)."""
        copy = Lexicon(dict(self.entries), self.max_len, set(self.datums))
        for n in names:
            copy.add(n)
        return copy


def _split_words(text: str) -> list[str]:
    return [m.group(0).lower() for m in _RAW.finditer(text) if m.lastgroup not in ("ws",)]


class LexError(Exception):
    def __init__(self, bericht: str, line: int, column: int, code: str = "RS002") -> None:
        super().__init__(bericht)
        self.bericht = bericht
        self.line = line
        self.column = column
        self.code = code


def _raw_tokens(regels: list[Regel]) -> list[Raw | Token]:
    out: list[Raw | Token] = []
    for r in regels:
        text = r.tekst
        offset = 0
        stripped = text.lstrip()
        lead = len(text) - len(stripped)
        m = _BULLET.match(stripped)
        if m:
            depth = len(m.group(1).strip())
            if depth > MAX_OPSOMMING:
                # Nested bullets become nested conditions, which every later stage walks recursively.
                raise LexError(f"Opsomming te diep genest (meer dan {MAX_OPSOMMING} niveaus).", r.nummer,
                               r.kolom + lead, "RS009")
            out.append(Token("BULLET", str(depth), line=r.nummer, column=r.kolom + lead))
            offset = lead + m.end()
        for mm in _RAW.finditer(text, offset):
            kind = mm.lastgroup or "anders"
            if kind == "ws":
                continue
            if kind == "pct" or mm.group("pct"):
                kind = "percentage"
            out.append(Raw(kind, mm.group(0), r.nummer, r.kolom + mm.start()))
            if len(out) > MAX_TOKENS:
                raise LexError(f"Zin te lang (meer dan {MAX_TOKENS} woorden).", r.nummer, r.kolom, "RS009")
    return out


def _tok(kind: str, value: str, raw: Raw) -> Token:
    return Token(kind, value, line=raw.line, column=raw.column, end_line=raw.line,
                 end_column=raw.column + len(raw.text))


def tokenize(regels: list[Regel], lexicon: Lexicon, is_unit: Callable[[str], bool] | None = None,
             geen_naam: frozenset[tuple[int, int]] = frozenset()) -> list[Token]:
    """Tokens of one sentence (or table cell) spread over `regels`.

    `geen_naam` holds (line, column) of words that must not start a declared name: the parser
    asks for this when a name that begins with a keyword ("het jaar", "de som") made the
    sentence fail, to try the keyword reading instead.
    """
    raws = _raw_tokens(regels)
    out: list[Token] = []
    i = 0
    n = len(raws)
    while i < n:
        r = raws[i]
        if isinstance(r, Token):
            out.append(r)
            i += 1
            continue
        low = r.text.lower()
        # 1. the longest declared name starting here
        if r.kind in ("woord", "getal") and (r.line, r.column) not in geen_naam:
            length, entry = _match_name(raws, i, lexicon)
            if entry is not None:
                text = " ".join(x.text for x in raws[i : i + length] if isinstance(x, Raw))
                last = raws[i + length - 1]
                tok = _tok("NAME", text, r)
                if isinstance(last, Raw):
                    tok.end_line, tok.end_column = last.line, last.column + len(last.text)
                out.append(tok)
                i += length
                continue
        # 2. fixed phrases
        phrase = _match_phrase(raws, i, lexicon)
        if phrase is not None:
            length, kind = phrase
            out.append(_tok(kind, " ".join(x.text for x in raws[i : i + length] if isinstance(x, Raw)), r))
            i += length
            continue
        if r.kind == "punct":
            out.append(_tok(PUNCT[r.text], r.text, r))
        elif r.kind == "enum":
            out.append(_tok("ENUMWAARDE", r.text[1:-1], r))
        elif r.kind == "tekst":
            out.append(_tok("TEKST", r.text[1:-1], r))
        elif r.kind == "datum":
            out.append(_tok("DATUM", r.text, r))
        elif r.kind == "percentage":
            out.append(_tok("PERCENTAGE", r.text.replace("%", "").strip(), r))
        elif r.kind == "getal":
            out.append(_tok("NUMBER", r.text, r))
            nxt = raws[i + 1] if i + 1 < n else None
            if (isinstance(nxt, Raw) and nxt.kind == "woord" and is_unit is not None
                    and (nxt.text.lower() not in KEYWORDS or nxt.text.lower() in _TIJD_MEERVOUDEN)
                    and is_unit(nxt.text)):
                out.append(_tok("EENHEID", nxt.text, nxt))
                i += 1
        elif r.kind == "woord" and low == "regelversie":
            # A rule name follows, up to "is"/"gevuurd"/"inconsistent": rule names are not in the lexicon
            # and may contain keywords ("recht op AOW").
            out.append(_tok("REGELVERSIE", r.text, r))
            j = i + 1
            while j < n:
                nx = raws[j]
                if not (isinstance(nx, Raw) and nx.kind in ("woord", "getal")) \
                        or nx.text.lower() in ("is", "zijn", "gevuurd", "inconsistent", "niet"):
                    break
                j += 1
            if j > i + 1:
                eerste, laatste = raws[i + 1], raws[j - 1]
                assert isinstance(eerste, Raw) and isinstance(laatste, Raw)
                tok = _tok("NAME", " ".join(x.text for x in raws[i + 1 : j] if isinstance(x, Raw)), eerste)
                tok.end_line, tok.end_column = laatste.line, laatste.column + len(laatste.text)
                out.append(tok)
            # "regelversie R (altijd) is gevuurd": the validity in brackets names the version; a rule fires
            # only in the version valid on the Rekendatum, so it adds nothing to check.
            k = j
            if k < n and isinstance(raws[k], Raw) and raws[k].text == "(":  # type: ignore[union-attr]
                k += 1
                while k < n and isinstance(raws[k], Raw) and raws[k].kind in ("woord", "getal", "datum"):  # type: ignore[union-attr]
                    k += 1
                if k < n and isinstance(raws[k], Raw) and raws[k].text == ")":  # type: ignore[union-attr]
                    j = k + 1
            i = j
            continue
        elif r.kind == "woord" and low == "van" and _periode_van(raws, i, lexicon):
            # "van 01-01-2024 tot …", "van zijn ingangsdatum tot …": a bare period (taal.md §11), not
            # navigation onto a date.
            out.append(_tok("PERIODE_VAN", r.text, r))
        elif r.kind == "woord" and low in KEYWORDS:
            out.append(_tok(KEYWORDS[low], r.text, r))
        elif r.kind == "woord":
            # An unknown name: take the run of words up to the next keyword or known name.
            j = i + 1
            while j < n:
                nx = raws[j]
                if not (isinstance(nx, Raw) and nx.kind in ("woord", "getal")):
                    break
                if nx.kind == "woord" and nx.text.lower() in KEYWORDS:
                    break
                if _match_name(raws, j, lexicon)[1] is not None:
                    break
                j += 1
            last = raws[j - 1]
            tok = _tok("NAME", " ".join(x.text for x in raws[i:j] if isinstance(x, Raw)), r)
            if isinstance(last, Raw):
                tok.end_line, tok.end_column = last.line, last.column + len(last.text)
            out.append(tok)
            i = j
            continue
        else:
            raise LexError(f"Onverwacht teken {r.text!r}.", r.line, r.column)
        i += 1
    return out


def _match_name(raws: list[Raw | Token], i: int, lexicon: Lexicon) -> tuple[int, NameEntry | None]:
    words: list[str] = []
    best: tuple[int, NameEntry | None] = (0, None)
    for j in range(i, min(len(raws), i + lexicon.max_len)):
        r = raws[j]
        if not (isinstance(r, Raw) and r.kind in ("woord", "getal")):
            break
        words.append(r.text.lower())
        entry = lexicon.entries.get(tuple(words))
        if entry is not None:
            best = (len(words), entry)
    return best


# The phrases by their first word, so most tokens are settled by one dictionary lookup.
_PHRASES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _kind in PHRASES:
    _PHRASES_BY_FIRST.setdefault(_words[0], []).append((_words, _kind))


def _datum_volgt(raws: list[Raw | Token], i: int) -> bool:
    nxt = raws[i + 1] if i + 1 < len(raws) else None
    return isinstance(nxt, Raw) and nxt.kind == "datum"


# Words before "van" that make it part of an aggregation or function ("de eerste van A en B").
_GEEN_PERIODE_NA = frozenset({"eerste", "laatste", "waarde", "som", "aantal", "totaal", "concatenatie"})
# Phrases that begin a date: after "van" they make it the start of a period.
_DATUM_BEGIN = frozenset({"DATUM_MET", "PAASDAG_VAN", "EERSTE_DAG_MAAND_VAN", "EERSTE_DAG_MAAND_NA",
                          "EERSTE_DAG_JAAR_VAN", "EERSTE_DAG_JAAR_NA"})
_LIDWOORDEN = frozenset({"de", "het", "zijn", "haar", "hun"})


def _tot_volgt(raws: list[Raw | Token], j: int) -> bool:
    """Whether "tot" (not "tot de macht") or "t/m" comes later in the sentence."""
    for k in range(j, len(raws)):
        x = raws[k]
        if not isinstance(x, Raw):
            continue
        w = x.text.lower()
        if w == "t/m":
            return True
        if w == "tot":
            nxt = [y.text.lower() for y in raws[k + 1 : k + 3] if isinstance(y, Raw)]
            if nxt != ["de", "macht"]:
                return True
    return False


def _periode_van(raws: list[Raw | Token], i: int, lexicon: Lexicon) -> bool:
    """Whether "van" at `i` starts a bare period ("van D1 tot D2"): D1 is a date literal, a date function
    (`de eerste dag van de maand na …`, `de datum met …`, `de eerste paasdag van …`), the rekendatum, a
    declared date attribute or parameter (`zijn geboortedatum plus 18 jr`), or an expression in brackets
    followed by "tot" / "tot en met". Navigation never leads onto a date, so these readings do not compete."""
    if _datum_volgt(raws, i):
        return True
    vorige = raws[i - 1] if i > 0 else None
    if isinstance(vorige, Raw) and vorige.text.lower() in _GEEN_PERIODE_NA:
        return False
    if not _tot_volgt(raws, i + 1):
        return False  # "van D" without "tot": navigation (a type error if D is a date, not a period)
    j = i + 1
    if j >= len(raws) or not isinstance(raws[j], Raw):
        return False
    if raws[j].text == "(":  # type: ignore[union-attr]
        diepte, k = 0, j
        while k < len(raws):
            x = raws[k]
            if isinstance(x, Raw) and x.text == "(":
                diepte += 1
            elif isinstance(x, Raw) and x.text == ")":
                diepte -= 1
                if diepte == 0:
                    break
            k += 1
        na = raws[k + 1] if k + 1 < len(raws) else None
        return isinstance(na, Raw) and na.text.lower() in ("tot", "t/m")
    frase = _match_phrase(raws, j, lexicon)
    if frase is not None:
        return frase[1] in _DATUM_BEGIN
    eerste = raws[j]
    if isinstance(eerste, Raw) and eerste.text.lower() in _LIDWOORDEN:
        j += 1
    nxt = raws[j] if j < len(raws) else None
    if isinstance(nxt, Raw) and nxt.text.lower() == "rekendatum":
        return True
    _, entry = _match_name(raws, j, lexicon) if j < len(raws) else (0, None)
    return entry is not None and entry.key in lexicon.datums


def _match_phrase(raws: list[Raw | Token], i: int, lexicon: Lexicon | None = None) -> tuple[int, str] | None:
    first = raws[i]
    if not isinstance(first, Raw):
        return None
    for words, kind in _PHRASES_BY_FIRST.get(first.text.lower(), ()):
        if i + len(words) > len(raws):
            continue
        if kind == "TOTAAL_VAN" and lexicon is not None and ("totaal",) in lexicon.entries:
            continue  # a declared attribute "totaal": "het totaal van een Persoon" is navigation
        if all(isinstance(raws[i + k], Raw) and raws[i + k].text.lower() == w  # type: ignore[union-attr]
               for k, w in enumerate(words)):
            return len(words), kind
    return None
