"""PyYAML's syntax errors as a Dutch message and the place (line, column) they point at.

PyYAML explains a malformed file in English ("mapping values are not allowed here") and counts
lines its own way; an input file is written by people who get Dutch (DESIGN.md: user-facing text
is Dutch). The common problems are translated; for any other the message is a plain "Ongeldige
YAML/JSON." at the place PyYAML points at, never PyYAML's English.

>>> import yaml
>>> from regelspraak.origin import Regelposities
>>> tekst = "rekendatum: 2025-01-01\\nobjecten:\\n  a: b: c\\n"
>>> try:
...     yaml.safe_load(tekst)
... except yaml.YAMLError as e:
...     fout = beschrijf(e, Regelposities(tekst))
>>> fout.regel, fout.kolom, fout.bericht
(3, 7, "Ongeldige YAML/JSON: hier mag geen ':' staan; zet een tekst met ': ' tussen aanhalingstekens, ...")
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from regelspraak.origin import Regelposities

ONGELDIG = "Ongeldige YAML/JSON"


class NederlandseFout(yaml.MarkedYAMLError):
    """An error our own loader raises (a refused tag, too deep), with a Dutch `problem`."""

    def __init__(self, probleem: str, plek: yaml.Mark | None) -> None:
        super().__init__(None, None, probleem, plek)


@dataclass(frozen=True, slots=True)
class YamlFout:
    """A Dutch message (a full sentence) and the 1-based line and column it is about."""

    regel: int
    kolom: int
    bericht: str


@dataclass(frozen=True, slots=True)
class _Vertaling:
    """PyYAML's `problem` (a full match) and what to say instead. `tekst` gets the match and the
    line of the context mark; `bij_begin` reports at the context mark (where an unclosed quote or
    bracket opened, not the end of the file where PyYAML noticed)."""

    probleem: re.Pattern[str]
    tekst: Callable[[re.Match[str], int | None], str]
    bij_begin: bool = False


def _v(probleem: str, tekst: str | Callable[[re.Match[str], int | None], str], bij_begin: bool = False) -> _Vertaling:
    maak = tekst if callable(tekst) else (lambda _m, _r: tekst)
    return _Vertaling(re.compile(probleem), maak, bij_begin)


def _teken(m: re.Match[str], _r: int | None) -> str:
    if m.group("t") == r"'\t'":
        return "een tab kan hier niet staan; YAML springt in met spaties, niet met tabs"
    return f"het teken {m.group('t')} kan geen waarde beginnen; zet de waarde tussen aanhalingstekens"


def _open(sluit: str) -> str:
    return "[" if sluit == "]" else "{"


def _niet_gesloten(m: re.Match[str], regel: int | None) -> str:
    waar = f" op regel {regel}" if regel else ""
    return f"verwacht ',' of '{m.group('s')}': de '{_open(m.group('s'))}'{waar} is hier nog niet gesloten"


_VERTALINGEN = (
    _v(r"mapping values are not allowed here",
       "hier mag geen ':' staan; zet een tekst met ': ' tussen aanhalingstekens, of controleer het inspringen"),
    _v(r"could not find expected ':'",
       "verwacht 'naam: waarde', maar de ':' na de naam ontbreekt (of controleer het inspringen)", bij_begin=True),
    _v(r"found character (?P<t>.+) that cannot start any token", _teken),
    _v(r"found undefined alias '(?P<t>.+)'",
       lambda m, _r: f"verwijzing '*{m.group('t')}' naar een anker '&{m.group('t')}' dat er vóór deze plek niet is"),
    _v(r"second occurrence",
       lambda _m, r: "dit anker ('&') komt twee keer voor" + (f" (eerder op regel {r})" if r else "")),
    _v(r"but found another document",
       "het bestand bevat meer dan één document ('---'); een invoerbestand is één document"),
    _v(r"expected ',' or '(?P<s>[\]}])', but got '<stream end>'",
       lambda m, _r: f"de '{_open(m.group('s'))}' op deze plek wordt niet gesloten met '{m.group('s')}'",
       bij_begin=True),
    _v(r"expected ',' or '(?P<s>[\]}])', but got .+", _niet_gesloten),
    _v(r"found unexpected end of stream",
       "de tekst tussen aanhalingstekens die hier begint wordt niet gesloten", bij_begin=True),
    _v(r"found unknown escape character '(?P<t>.+)'",
       lambda m, _r: f"onbekende escape '\\{m.group('t')}' in een tekst tussen dubbele aanhalingstekens; "
                     "schrijf '\\\\' voor een backslash, of gebruik enkele aanhalingstekens"),
    _v(r"expected escape sequence of \d+ hexadecimal numbers, but found .+",
       "ongeldige escape met hexadecimale cijfers in een tekst tussen dubbele aanhalingstekens"),
    _v(r"found unexpected document separator",
       "'---' of '...' aan het begin van een regel binnen een tekst tussen aanhalingstekens"),
    _v(r"expected <block end>, but found '-'",
       "dit lijstelement ('- ') past niet bij het inspringen erboven"),
    _v(r"expected <block end>, but found .+",
       "onverwachte inhoud op deze plek; controleer het inspringen, of zet de hele waarde tussen aanhalingstekens"),
    _v(r"expected the node content, but found .+", "hier ontbreekt een waarde"),
    _v(r"sequence entries are not allowed here",
       "hier mag geen lijstelement ('- ') staan; controleer het inspringen"),
    _v(r"mapping keys are not allowed here", "hier mag geen '?' (sleutel) staan"),
    _v(r"invalid indentation or unclosed '\[' or '\{'",
       "ongeldig inspringen, of een '[' of '{' die niet wordt gesloten"),
    _v(r"expected alphabetic or numeric character, but found .+",
       "de naam van een anker ('&') of verwijzing ('*') bestaat uit letters en cijfers"),
    _v(r"expected (?:chomping or indentation indicators|indentation indicator in the range 1-9), but found .+",
       "ongeldige kop van een tekstblok ('|' of '>')"),
    _v(r"expected a comment or a line break, but found .+",
       "na dit teken mag op dezelfde regel alleen commentaar ('#') staan"),
    _v(r"found unhashable key", "een lijst of object kan geen veldnaam zijn"),
    _v(r"expected a mapping (?:or list of mappings )?for merging, but found .+",
       "'<<' voegt alleen velden (naam: waarde) in"),
)


def beschrijf(e: yaml.YAMLError, posities: Regelposities) -> YamlFout:
    """Dutch message and place for a PyYAML error raised while reading the text of `posities`.

    The place is computed from PyYAML's character offset, so lines are counted as everywhere else
    (PyYAML also ends a line at U+2028).

    >>> import yaml
    >>> try:
    ...     yaml.safe_load("a: [1, 2\\n")
    ... except yaml.YAMLError as e:
    ...     beschrijf(e, Regelposities("a: [1, 2\\n"))
    YamlFout(regel=1, kolom=4, bericht="Ongeldige YAML/JSON: de '[' op deze plek wordt niet gesloten met ']'.")
    """
    if isinstance(e, yaml.reader.ReaderError) and isinstance(e.position, int):
        teken = f"U+{e.character:04X}" if isinstance(e.character, int) else "dit teken"
        return _op(posities, e.position, f"{ONGELDIG}: het teken {teken} is niet toegestaan (een stuurteken?).")
    if not isinstance(e, yaml.MarkedYAMLError):
        return YamlFout(1, 1, f"{ONGELDIG}.")
    probleem = e.problem or ""
    begin = e.context_mark.index if e.context_mark is not None else None
    plek = e.problem_mark.index if e.problem_mark is not None else begin
    if isinstance(e, NederlandseFout):
        return _op(posities, plek, f"{ONGELDIG}: {probleem}.")
    for v in _VERTALINGEN:
        m = v.probleem.fullmatch(probleem)
        if m is not None:
            context_regel = posities.regel(begin) if begin is not None else None
            return _op(posities, begin if v.bij_begin and begin is not None else plek,
                       f"{ONGELDIG}: {v.tekst(m, context_regel)}.")
    return _op(posities, plek, f"{ONGELDIG}.")


def _op(posities: Regelposities, index: int | None, bericht: str) -> YamlFout:
    if index is None:
        return YamlFout(1, 1, bericht)
    return YamlFout(posities.regel(index), posities.kolom(index), bericht)
