"""Parse one sentence (rule, variable, table cell) into syntax nodes with the LALR grammar.

>>> from regelspraak.syntax.lexer import Lexicon, Regel
>>> lex = Lexicon(); lex.add("leeftijd"); lex.add("Natuurlijk persoon")
>>> node = parse_sentence("expressie", [Regel(1, 1, "de leeftijd van een Natuurlijk persoon plus 1")], lex, "a.rgs")
>>> type(node).__name__, node.op
('Bewerking', 'plus')
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Callable
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any, ClassVar, NoReturn

from lark import Lark, Token, Transformer, Tree, v_args
from lark import __version__ as lark_versie
from lark.exceptions import UnexpectedInput, UnexpectedToken, VisitError
from lark.lexer import Lexer

from regelspraak.origin import Span
from regelspraak.syntax import nodes as n
from regelspraak.syntax import unsupported
from regelspraak.syntax.grammar_files import grammar_text
from regelspraak.syntax.lexer import KEYWORDS, TIJD_ZINSDELEN, LexError, Lexicon, Regel, tokenize
from regelspraak.syntax.tijd_zinnen import TijdZinnen

STARTS = ["regel_zin", "variabele", "tabel_conclusie", "tabel_conditie", "tabel_cel", "expressie"]


class _TokenList(Lexer):
    """The lexer slot of lark receives our ready-made token list."""

    def __init__(self, lexer_conf: Any) -> None:
        pass

    def lex(self, data: Any) -> Any:  # type: ignore[override]  # lark hands us the whole token list
        return iter(data)


def _cache(grammatica: str) -> str | bool:
    """Where lark keeps the analysed grammar (building the LALR tables costs ~0.5 s per process,
    reading them back ~0.03 s): a private folder in the user's cache, never a shared temp dir
    (the cache is a pickle). False (no cache) when that folder cannot be made or
    REGELSPRAAK_CACHE=uit."""
    if os.environ.get("REGELSPRAAK_CACHE", "").lower() == "uit":
        return False
    basis = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "regelspraak"
    try:
        basis.mkdir(mode=0o700, parents=True, exist_ok=True)
        if basis.stat().st_uid != os.getuid() or basis.stat().st_mode & 0o022:
            return False
    except (OSError, RuntimeError):
        return False
    sleutel = hashlib.sha256("\0".join([grammatica, lark_versie, *STARTS]).encode("utf-8")).hexdigest()[:20]
    return str(basis / f"zinnen-{sleutel}.lark")


@functools.cache
def _parser() -> Lark:
    grammatica = grammar_text("regelspraak.lark")
    return Lark(grammatica, parser="lalr", lexer=_TokenList, start=STARTS, propagate_positions=False,
                maybe_placeholders=False, cache=_cache(grammatica))


class SentenceError(Exception):
    """A sentence that does not parse; `line`/`column` point at the offending token."""

    def __init__(self, bericht: str, line: int, column: int, hulp: str | None = None, code: str = "RS002") -> None:
        super().__init__(bericht)
        self.bericht = bericht
        self.line = line
        self.column = column
        self.hulp = hulp
        self.code = code


# Readable names for the terminals in "verwacht …" messages.
_TERMINAL_TEKST = {"NAME": "een naam", "NUMBER": "een getal", "PUNT": "'.'", "KOMMA": "','",
                   "DUBBELPUNT": "':'", "LPAR": "'('", "RPAR": "')'", "BULLET": "een opsommingsteken",
                   "ENUMWAARDE": "een enumeratiewaarde", "DATUM": "een datum", "PERCENTAGE": "een percentage",
                   "DATUM_MET": "de datum met …", "PAASDAG_VAN": "de eerste paasdag van",
                   "TOT_DE_MACHT": "tot de macht", "TOT_EN_MET": "tot en met",
                   **{t: " ".join(w) for w, t in TIJD_ZINSDELEN}, "PERIODE_VAN": "van <datum>"}


def _beschrijf(token: Token) -> str:
    if token.type == "$END":
        return "het einde van de zin"
    if token.type == "BULLET":
        return "een opsommingsteken"
    return repr(str(token))


def parse_sentence(start: str, regels: list[Regel], lexicon: Lexicon, bestand: str,
                   is_unit: Callable[[str], bool] | None = None) -> Any:
    """Parse `regels` as grammar rule `start`; raises SentenceError."""
    try:
        tokens = tokenize(regels, lexicon, is_unit)
    except LexError as e:
        raise SentenceError(e.bericht, e.line, e.column, code=e.code) from e
    if not tokens:
        line = regels[0].nummer if regels else 1
        raise SentenceError("Lege zin.", line, 1)
    try:
        tree = _parser().parse(tokens, start=start)
    except UnexpectedInput as e:
        # Names win over keywords (taal.md §7), so a declared name that begins with a keyword
        # ("de som", "het jaar", kenmerk "gelijk") hides that keyword. When the sentence does
        # not parse, read the nearest such name before the error as keywords and try again.
        alternatief = _keyword_reading(start, regels, lexicon, is_unit, tokens, e)
        if alternatief is None:
            construct = unsupported.herken(" ".join(r.tekst for r in regels))
            if construct is not None:
                eerste = regels[0] if regels else Regel(1, 1, "")
                raise SentenceError(unsupported.bericht(construct), eerste.nummer, eerste.kolom, code="RS008",
                                    hulp="Zie regelspraak-taal.md §11 voor wat deze versie uitvoert.") from e
            _raise_syntax_error(e, tokens)
        tree = alternatief
    _check_depth(tree)
    try:
        return _Builder(bestand, lexicon, is_unit).transform(tree)
    except VisitError as e:
        if isinstance(e.orig_exc, SentenceError):
            raise e.orig_exc from e
        raise


MAX_HERLEZINGEN = 4  # names re-read as keywords per sentence; each costs one more parse


def andere_lezingen(start: str, regels: list[Regel], lexicon: Lexicon, bestand: str,
                    is_unit: Callable[[str], bool] | None = None) -> list[Any]:
    """The sentence parsed again with one declared name that begins with a keyword read as
    keywords, for each such name that gives a parse (at most MAX_HERLEZINGEN).

    Names win over keywords (taal.md §7), but when both readings parse, only the types can tell
    which was meant ("de som van het inkomen van alle leden" with an attribute "som"): the checker
    falls back on these when the name reading does not type-check.
    """
    try:
        tokens = tokenize(regels, lexicon, is_unit)
    except LexError:
        return []
    kandidaten = [t for t in tokens if t.type == "NAME" and str(t).split()[0].lower() in KEYWORDS]
    uit: list[Any] = []
    for k in kandidaten[:MAX_HERLEZINGEN]:
        try:
            tree = _parser().parse(tokenize(regels, lexicon, is_unit, frozenset({(k.line or 0, k.column or 0)})),
                                   start=start)
            _check_depth(tree)
            uit.append(_Builder(bestand, lexicon, is_unit).transform(tree))
        except (LexError, UnexpectedInput, SentenceError, VisitError):
            continue
    return uit


def _keyword_reading(start: str, regels: list[Regel], lexicon: Lexicon, is_unit: Callable[[str], bool] | None,
                     tokens: list[Token], fout: UnexpectedInput) -> Tree[Token] | None:
    """The parse with names that start with a keyword read as keywords, or None."""
    geen_naam: set[tuple[int, int]] = set()
    for _ in range(MAX_HERLEZINGEN):
        tok = fout.token if isinstance(fout, UnexpectedToken) else None
        eind = len(tokens) if tok is None or tok.type == "$END" else next(
            (i for i, t in enumerate(tokens) if t is tok), len(tokens))
        kandidaat = next((t for t in reversed(tokens[: eind + 1])
                          if t.type == "NAME" and str(t).split()[0].lower() in KEYWORDS
                          and (t.line, t.column) not in geen_naam), None)
        if kandidaat is None:
            return None
        geen_naam.add((kandidaat.line or 0, kandidaat.column or 0))
        try:
            tokens = tokenize(regels, lexicon, is_unit, frozenset(geen_naam))
            return _parser().parse(tokens, start=start)
        except LexError:
            return None
        except UnexpectedInput as e:
            fout = e
    return None


def _raise_syntax_error(e: UnexpectedInput, tokens: list[Token]) -> NoReturn:
    if isinstance(e, UnexpectedToken):
        tok = e.token
        line: int = tok.line if tok.line is not None else (tokens[-1].line or 1)
        col: int = tok.column if tok.column is not None else (tokens[-1].column or 1)
        verwacht = sorted(_TERMINAL_TEKST.get(t, t.lower().replace("_", " ")) for t in e.expected)
        hulp = "Verwacht: " + ", ".join(verwacht[:12]) + (" …" if len(verwacht) > 12 else "")
        bericht = ("De zin houdt onverwacht op." if tok.type == "$END"
                   else f"Onverwacht {_beschrijf(tok)} in de zin.")
        raise SentenceError(bericht, line, col, hulp) from e
    last = tokens[-1]
    raise SentenceError("Onvolledige zin.", last.line or 1, last.column or 1) from e


# Nesting of one sentence's parse tree. The builder, the resolver and the interpreter all recurse
# over it, so a hostile sentence ("((((…" or a 10,000-term sum) would otherwise exhaust Python's
# stack; no sentence written by a person comes near this.
MAX_DIEPTE = 100


def _check_depth(tree: Tree[Token]) -> None:
    """Raise SentenceError (RS009) when `tree` nests deeper than MAX_DIEPTE; iterative on purpose."""
    stack: list[tuple[Tree[Token] | Token, int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, Tree):
            continue
        if depth > MAX_DIEPTE:
            tok = next((t for t in node.scan_values(lambda v: isinstance(v, Token) and v.line is not None)), None)
            line, col = (tok.line or 1, tok.column or 1) if tok is not None else (1, 1)
            raise SentenceError(f"Zin te diep genest (meer dan {MAX_DIEPTE} niveaus).", line, col,
                                hulp="Splits de berekening met 'Daarbij geldt:' in variabelen, of over meer regels.",
                                code="RS009")
        stack.extend((c, depth + 1) for c in node.children)


_DATUM = re.compile(r"(?:dd\.\s*)?(\d{1,2})-(\d{1,2})-(\d{4})", re.IGNORECASE)  # 'Dd.' as the lexer reads it
MAX_CIJFERS = 100  # digits in one number literal; int() refuses very long ones, and no law needs them


def parse_getal(text: str) -> Fraction:
    """A number literal as RegelSpraak writes it: `18`, `-3`, `1234,56`, `2_1/3`, `1/3`.

    Raises ValueError (with a Dutch reason) for `1/0` and for absurdly long literals.
    """
    t = text.strip()
    if sum(ch.isdigit() for ch in t) > MAX_CIJFERS:
        raise ValueError(f"meer dan {MAX_CIJFERS} cijfers")
    neg = t.startswith("-")
    t = t.lstrip("-")
    try:
        if "_" in t:
            whole, frac = t.split("_", 1)
            a, b = frac.split("/")
            v = Fraction(int(whole)) + Fraction(int(a), int(b))
        elif "/" in t:
            a, b = t.split("/")
            v = Fraction(int(a), int(b))
        else:
            v = Fraction(t.replace(",", "."))
    except ZeroDivisionError as e:
        raise ValueError("de noemer is nul") from e
    return -v if neg else v


def _getal_van(tok: Token) -> Fraction:
    """The number in a NUMBER or PERCENTAGE token; a bad literal is a SentenceError at the token."""
    try:
        return parse_getal(str(tok))
    except ValueError as e:
        raise SentenceError(f"Ongeldig getal {str(tok)!r}: {e}.", tok.line or 1, tok.column or 1) from e


def parse_datum_literal(text: str, line: int, column: int) -> date:
    m = _DATUM.fullmatch(text.strip())
    if not m:
        raise SentenceError(f"Ongeldige datum {text!r}.", line, column)
    try:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError as e:
        raise SentenceError(f"Ongeldige datum {text!r}: die dag bestaat niet.", line, column) from e


@v_args(inline=False)
class _Builder(TijdZinnen, Transformer[Token, Any]):
    """lark tree -> syntax nodes. Keyword tokens are dropped; structure is positional."""

    def __init__(self, bestand: str, lexicon: Lexicon | None = None,
                 is_unit: Callable[[str], bool] | None = None) -> None:
        super().__init__()
        self.bestand = bestand
        self.lexicon = lexicon or Lexicon()
        self.is_unit = is_unit

    # -- helpers
    def _span(self, items: list[Any]) -> Span:
        for it in items:
            if isinstance(it, Token) and it.line is not None:
                return Span(self.bestand, it.line, it.column or 1, it.end_line, it.end_column)
            sp = getattr(it, "span", None)
            if isinstance(sp, Span):
                return sp
            if isinstance(it, tuple):
                for x in it:
                    sp = getattr(x, "span", None)
                    if isinstance(sp, Span):
                        return sp
        return Span(self.bestand, 1, 1)

    @staticmethod
    def _nodes(items: list[Any]) -> list[Any]:
        return [i for i in items if not isinstance(i, Token) and i is not None and not isinstance(i, _Marker)]

    def _naam(self, tok: Token, bepaler: str | None = None, aantal: int | None = None) -> n.Naam:
        from regelspraak.syntax.lexer import normalize

        return n.Naam(self._span([tok]), normalize(str(tok)), str(tok), bepaler, aantal)

    @staticmethod
    def _name_token(items: list[Any]) -> Token:
        return next(i for i in items if isinstance(i, Token) and i.type == "NAME")

    @staticmethod
    def _has(items: list[Any], *types: str) -> bool:
        return any(isinstance(i, Token) and i.type in types for i in items)

    # -- rules
    def berekening(self, c: list[Any]) -> n.Gelijkstelling:
        x = self._nodes(c)
        return n.Gelijkstelling(self._span(c), x[0], x[1], True, x[2] if len(x) > 2 else None)

    def stelling(self, c: list[Any]) -> n.Gelijkstelling:
        x = self._nodes(c)
        return n.Gelijkstelling(self._span(c), x[0], x[1], False, x[2] if len(x) > 2 else None)

    def initialisatie(self, c: list[Any]) -> n.Initialisatie:
        x = self._nodes(c)
        return n.Initialisatie(self._span(c), x[0], x[1], x[2] if len(x) > 2 else None)

    def _toekenning(self, c: list[Any], werkwoord: str) -> n.Kenmerktoekenning:
        x = self._nodes(c)
        return n.Kenmerktoekenning(self._span(c), x[0], self._naam(self._name_token(c)), werkwoord,
                                   x[1] if len(x) > 1 else None)

    def toekenning_is(self, c: list[Any]) -> n.Kenmerktoekenning:
        return self._toekenning(c, "is")

    def toekenning_heeft(self, c: list[Any]) -> n.Kenmerktoekenning:
        return self._toekenning(c, "heeft")

    def criterium_vergelijking(self, c: list[Any]) -> n.Consistentie:
        x = self._nodes(c)
        sp = self._span(c)
        return n.Consistentie(sp, None, n.Vergelijking(sp, x[1].op, x[0], x[2]))

    def criterium_leeg(self, c: list[Any]) -> n.Consistentie:
        x = self._nodes(c)
        sp = self._span(c)
        return n.Consistentie(sp, None, n.LeegTest(sp, x[0], self._has(c, "GEVULD")))

    def criteria_onderwerp(self, c: list[Any]) -> n.Consistentie:
        x = self._nodes(c)
        sp = self._span(c)
        kw: _Kwantor = x[1]
        return n.Consistentie(sp, x[0], n.Samengesteld(sp, kw.soort, kw.aantal, x[0], tuple(x[2])))

    def criteria_er(self, c: list[Any]) -> n.Consistentie:
        x = self._nodes(c)
        sp = self._span(c)
        kw: _Kwantor = x[0]
        return n.Consistentie(sp, None, n.Samengesteld(sp, kw.soort, kw.aantal, None, tuple(x[1])))

    def dagsoortdefinitie(self, c: list[Any]) -> n.Dagsoortdefinitie:
        return n.Dagsoortdefinitie(self._span(c), self._naam(self._name_token(c)), self._nodes(c)[0])

    def de_dag(self, c: list[Any]) -> n.DeDag:
        return n.DeDag(self._span(c))

    # -- creation
    def objectcreatie(self, c: list[Any]) -> n.ObjectCreatie:
        x = self._nodes(c)
        waarden = tuple(i for i in x if isinstance(i, tuple))
        vw = x[-1] if len(x) > 1 + len(waarden) else None
        return n.ObjectCreatie(self._span(c), x[0], self._naam(self._name_token(c)), waarden, vw)

    def creatie_waarde(self, c: list[Any]) -> tuple[n.Naam, Any]:
        x = self._nodes(c)
        return (self.naam([i for i in c if not (isinstance(i, Token) and i.type in ("GELIJK", "AAN"))
                           and not hasattr(i, "span")]), x[-1])

    def feitcreatie(self, c: list[Any]) -> n.FeitCreatie:
        x = self._nodes(c)
        return n.FeitCreatie(self._span(c), x[0], self._naam(self._name_token(c)), x[1], x[2] if len(x) > 2 else None)

    # -- Verdeling
    def verdeling(self, c: list[Any]) -> n.Verdeling:
        x = self._nodes(c)
        stappen = tuple(i for i in x[2:] if isinstance(i, n.VerdeelStap))
        rest = next((i for i in c if isinstance(i, _Onverdeeld)), None)
        return n.Verdeling(self._span(c), x[0], x[1], stappen, rest.expr if rest else None)

    def verdeelbullet(self, c: list[Any]) -> n.VerdeelStap:
        stap: n.VerdeelStap = self._nodes(c)[0]
        return stap

    def onverdeeld(self, c: list[Any]) -> _Onverdeeld:
        return _Onverdeeld(self._nodes(c)[0])

    def _stap(self, c: list[Any], soort: str, **kw: Any) -> n.VerdeelStap:
        x = self._nodes(c)
        return n.VerdeelStap(self._span(c), soort, x[0] if x else None, **kw)

    def vd_gelijk(self, c: list[Any]) -> n.VerdeelStap:
        return self._stap(c, "gelijk")

    def vd_rato(self, c: list[Any]) -> n.VerdeelStap:
        return self._stap(c, "rato")

    def vd_volgorde(self, c: list[Any]) -> n.VerdeelStap:
        return self._stap(c, "volgorde", afnemend=self._has(c, "AFNEMENDE"))

    def vd_gelijkspel_gelijk(self, c: list[Any]) -> n.VerdeelStap:
        return self._stap(c, "gelijkspel_gelijk")

    def vd_gelijkspel_rato(self, c: list[Any]) -> n.VerdeelStap:
        return self._stap(c, "gelijkspel_rato")

    def vd_maximum(self, c: list[Any]) -> n.VerdeelStap:
        return self._stap(c, "maximum")

    def vd_afronding(self, c: list[Any]) -> n.VerdeelStap:
        num = next(i for i in c if isinstance(i, Token) and i.type == "NUMBER")
        v = _getal_van(num)
        if v.denominator != 1 or v < 0 or v > 20:
            raise SentenceError(f"Ongeldig aantal decimalen {str(num)!r}.", num.line or 1, num.column or 1)
        return n.VerdeelStap(self._span(c), "afronding", None, decimalen=int(v))

    def criterium_elfproef(self, c: list[Any]) -> n.Consistentie:
        sp = self._span(c)
        return n.Consistentie(sp, None, n.Controle(sp, self._nodes(c)[0], "elfproef", None, False))

    def criterium_numeriek(self, c: list[Any]) -> n.Consistentie:
        sp = self._span(c)
        return n.Consistentie(sp, None, n.Controle(sp, self._nodes(c)[0], "numeriek", self._int(c), False))

    def elfproef(self, c: list[Any]) -> n.Controle:
        ontkend = any(isinstance(i, _Ontkenning) for i in c)
        return n.Controle(self._span(c), self._nodes(c)[0], "elfproef", None, ontkend)

    def numeriek_exact(self, c: list[Any]) -> n.Controle:
        ontkend = any(isinstance(i, _Ontkenning) for i in c)
        return n.Controle(self._span(c), self._nodes(c)[0], "numeriek", self._int(c), ontkend)

    def regelversie(self, c: list[Any]) -> n.Controle:
        ontkend = any(isinstance(i, _Ontkenning) for i in c)
        soort = "gevuurd" if self._has(c, "GEVUURD") else "inconsistent"
        return n.Controle(self._span(c), self._naam(self._name_token(c)), soort, None, ontkend)

    def cijfers(self, c: list[Any]) -> _Marker:
        return _Marker()

    def uniek(self, c: list[Any]) -> n.Uniek:
        delen: list[tuple[Any, ...]] = self._nodes(c)
        return n.Uniek(self._span(c), delen[0][0], tuple(delen))

    def uniek_deel(self, c: list[Any]) -> tuple[Any, ...]:
        return (self._nodes(c)[0],)

    def concatenatie(self, c: list[Any]) -> tuple[Any, ...]:
        x = self._nodes(c)
        namen: list[n.Naam] = x[:-1]
        laatste = x[-1]
        if not isinstance(laatste, n.Van):
            raise SentenceError("Na 'de concatenatie van A en B' volgt 'van alle …'.", laatste.span.regel,
                                laatste.span.kolom)
        # Every name reads its value from the objects the last one names: "van alle Personen".
        return (*(n.Van(nm.span, nm, laatste.rechts) for nm in namen), laatste)

    def concat_naam(self, c: list[Any]) -> n.Naam:
        return self.naam(c)

    def variabele(self, c: list[Any]) -> n.Variabele:
        from regelspraak.syntax.lexer import normalize

        tok = self._name_token(c)
        return n.Variabele(self._span([tok]), normalize(str(tok)), self._nodes(c)[0])

    def moet_voldaan(self, c: list[Any]) -> _Marker:
        return _Marker()

    def criteria(self, c: list[Any]) -> _Marker:
        return _Marker()

    vw = criteria

    # -- conditions
    def enkel(self, c: list[Any]) -> Any:
        return self._nodes(c)[0]

    def samengesteld_er(self, c: list[Any]) -> n.Samengesteld:
        x = self._nodes(c)
        kw: _Kwantor = x[0]
        return n.Samengesteld(self._span(c), kw.soort, kw.aantal, None, tuple(x[1]))

    def samengesteld(self, c: list[Any]) -> n.Samengesteld:
        x = self._nodes(c)
        kw: _Kwantor = x[1]
        return n.Samengesteld(self._span(c), kw.soort, kw.aantal, x[0], tuple(x[2]))

    def samengesteld_er_los(self, c: list[Any]) -> n.Samengesteld:
        x = self._nodes(c)
        kw: _Kwantor = x[0]
        return n.Samengesteld(self._span(c), kw.soort, kw.aantal, None, (x[1],))

    def samengesteld_los(self, c: list[Any]) -> n.Samengesteld:
        x = self._nodes(c)
        kw: _Kwantor = x[1]
        return n.Samengesteld(self._span(c), kw.soort, kw.aantal, x[0], (x[2],))

    def alle(self, c: list[Any]) -> _Kwantor:
        return _Kwantor("alle", None)

    def geen(self, c: list[Any]) -> _Kwantor:
        return _Kwantor("geen", None)

    @staticmethod
    def _int(c: list[Any]) -> int:
        return next(i for i in c if isinstance(i, int))

    def ten_minste(self, c: list[Any]) -> _Kwantor:
        return _Kwantor("ten_minste", self._int(c))

    def ten_hoogste(self, c: list[Any]) -> _Kwantor:
        return _Kwantor("ten_hoogste", self._int(c))

    def precies(self, c: list[Any]) -> _Kwantor:
        return _Kwantor("precies", self._int(c))

    def tenminste_w(self, c: list[Any]) -> str:
        return "ten minste"

    def tenhoogste_w(self, c: list[Any]) -> str:
        return "ten hoogste"

    _TELWOORDEN: ClassVar[dict[str, int]] = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
                   "zeven": 7, "acht": 8, "negen": 9, "tien": 10}

    def aantal(self, c: list[Any]) -> int:
        t = str(c[0]).lower()
        if t in self._TELWOORDEN:
            return self._TELWOORDEN[t]
        v = _getal_van(c[0])
        if v.denominator != 1 or v < 0:
            raise SentenceError(f"Ongeldig aantal {t!r}.", c[0].line, c[0].column)
        return int(v)

    def vergelijking(self, c: list[Any]) -> n.Vergelijking:
        x = self._nodes(c)
        return n.Vergelijking(self._span(c), x[1].op, x[0], x[2])

    def is_leeg(self, c: list[Any]) -> n.LeegTest:
        return n.LeegTest(self._span(c), self._nodes(c)[0], False)

    def is_gevuld(self, c: list[Any]) -> n.LeegTest:
        return n.LeegTest(self._span(c), self._nodes(c)[0], True)

    def _kenmerk(self, c: list[Any], werkwoord: str) -> n.KenmerkTest:
        ontkend = any(isinstance(i, _Ontkenning) for i in c) or self._has(c, "GEEN", "NIET")
        return n.KenmerkTest(self._span(c), self._nodes(c)[0], self._naam(self._name_token(c)), ontkend,
                             werkwoord)

    def kenmerk_is(self, c: list[Any]) -> n.KenmerkTest:
        return self._kenmerk(c, "is")

    def kenmerk_heeft(self, c: list[Any]) -> n.KenmerkTest:
        return self._kenmerk(c, "heeft")

    def ontkenning(self, c: list[Any]) -> _Ontkenning:
        return _Ontkenning()

    def is_zijn(self, c: list[Any]) -> _Marker:
        return _Marker()

    heeft_hebben = is_zijn

    def kop_onderwerp(self, c: list[Any]) -> _Kop:
        x = self._nodes(c)
        return _Kop(self._span(c), x[1], x[0])

    def kop_er(self, c: list[Any]) -> _Kop:
        return _Kop(self._span(c), self._nodes(c)[0], None)

    def bullets(self, c: list[Any]) -> list[Any]:
        items: list[tuple[int, Any]] = list(c)
        result, rest = _nest(items, 0)
        if rest:
            _, item = rest[0]
            raise SentenceError("Opsommingsteken op een onverwachte diepte.", item.span.regel, item.span.kolom)
        return result

    def bullet_stelling(self, c: list[Any]) -> tuple[int, Any]:
        return (int(str(c[0])), self._nodes(c)[0])

    bullet_kop = bullet_stelling

    # -- comparisons as small markers with the operator name
    def __default__(self, data: Any, children: list[Any], meta: Any) -> Any:
        name = str(data)
        if name in _OPS:
            return _Op(name)
        if name in ("naar_beneden", "naar_boven", "rekenkundig", "richting_nul", "weg_van_nul"):
            return _Modus(name.replace("_", " "))
        if name in ("jaren", "maanden", "dagen"):
            return _Modus(name)
        return super().__default__(data, children, meta)  # type: ignore[no-untyped-call]

    def vgl_rechts(self, c: list[Any]) -> tuple[Any, ...]:
        return tuple(self._nodes(c))

    lijst = vgl_rechts

    def tabel_cel(self, c: list[Any]) -> tuple[Any, ...]:
        return tuple(self._nodes(c)[0])

    # -- expressions
    def getal(self, c: list[Any]) -> n.Getal:
        eenheid = str(c[1]) if len(c) > 1 else None
        return n.Getal(self._span(c), _getal_van(c[0]), eenheid)

    def percentage(self, c: list[Any]) -> n.Percentage:
        return n.Percentage(self._span(c), _getal_van(c[0]))

    def datum(self, c: list[Any]) -> n.DatumWaarde:
        return n.DatumWaarde(self._span(c), parse_datum_literal(str(c[0]), c[0].line, c[0].column))

    def enumwaarde(self, c: list[Any]) -> n.EnumWaarde:
        return n.EnumWaarde(self._span(c), str(c[0]))

    def tekst(self, c: list[Any]) -> n.TekstWaarde | n.Tekstsamenstelling:
        tok: Token = c[0]
        inhoud = str(tok)
        if "«" not in inhoud and "»" not in inhoud:
            return n.TekstWaarde(self._span(c), inhoud)
        return n.Tekstsamenstelling(self._span(c), tuple(self._tekstdelen(tok, inhoud)))

    def _tekstdelen(self, tok: Token, inhoud: str) -> list[str | Any]:
        """Literal pieces and parsed «expressions» of an interpolated text, in order."""
        delen: list[str | Any] = []
        pos = 0
        kolom0 = (tok.column or 1) + 1  # after the opening quote
        while pos < len(inhoud):
            start = inhoud.find("«", pos)
            eind_los = inhoud.find("»", pos)
            if start < 0 or (0 <= eind_los < start):
                if 0 <= eind_los:
                    raise SentenceError("'»' zonder '«' in de tekst.", tok.line or 1, kolom0 + eind_los, code="RS019")
                delen.append(inhoud[pos:])
                break
            if start > pos:
                delen.append(inhoud[pos:start])
            eind = inhoud.find("»", start)
            if eind < 0:
                raise SentenceError("'«' zonder '»' in de tekst.", tok.line or 1, kolom0 + start,
                                    hulp="Schrijf een expressie in de tekst als «zijn leeftijd».", code="RS019")
            binnen = inhoud[start + 1 : eind]
            if not binnen.strip():
                raise SentenceError("Lege «» in de tekst.", tok.line or 1, kolom0 + start, code="RS019")
            delen.append(parse_sentence("expressie", [Regel(tok.line or 1, kolom0 + start + 1, binnen)], self.lexicon,
                                        self.bestand, self.is_unit))
            pos = eind + 1
        return delen

    def waar(self, c: list[Any]) -> n.BoolWaarde:
        return n.BoolWaarde(self._span(c), True)

    def onwaar(self, c: list[Any]) -> n.BoolWaarde:
        return n.BoolWaarde(self._span(c), False)

    def leeg(self, c: list[Any]) -> n.LeegWaarde:
        return n.LeegWaarde(self._span(c))

    def naam(self, c: list[Any]) -> n.Naam:
        bep = next((i for i in c if isinstance(i, _Bepaler)), None)
        tok = self._name_token(c)
        node = self._naam(tok, bep.woord if bep else None, bep.aantal if bep else None)
        if bep is not None:
            node = n.Naam(Span(self.bestand, bep.line, bep.column, node.span.eind_regel, node.span.eind_kolom),
                          node.key, node.tekst, node.bepaler, node.aantal)
        return node

    def bepaler(self, c: list[Any]) -> _Bepaler:
        toks = [i for i in c if isinstance(i, Token)]
        first = toks[0] if toks else None
        line, col = (first.line or 1, first.column or 1) if first is not None else (1, 1)
        num = next((i for i in c if isinstance(i, int)), None)
        if num is not None:
            soort = next((i for i in c if isinstance(i, str) and not isinstance(i, Token)), "precies")
            return _Bepaler(soort, num, line, col)
        return _Bepaler(str(c[0]).lower(), None, line, col)

    def hij(self, c: list[Any]) -> n.Hij:
        return n.Hij(self._span(c))

    def rekendatum(self, c: list[Any]) -> n.Rekendatum:
        return n.Rekendatum(self._span(c))

    def rekenjaar(self, c: list[Any]) -> n.Rekenjaar:
        return n.Rekenjaar(self._span(c))

    def van(self, c: list[Any]) -> n.Van:
        x = self._nodes(c)
        return n.Van(_span_of(x[0]), x[0], x[1])

    def _bin(self, c: list[Any], op: str) -> n.Bewerking:
        x = self._nodes(c)
        return n.Bewerking(_span_of(x[0]), op, x[0], x[1])

    def plus(self, c: list[Any]) -> n.Bewerking:
        return self._bin(c, "plus")

    def min(self, c: list[Any]) -> n.Bewerking:
        return self._bin(c, "min")

    def verminderd_met(self, c: list[Any]) -> n.Bewerking:
        return self._bin(c, "verminderd met")

    def maal(self, c: list[Any]) -> n.Bewerking:
        return self._bin(c, "maal")

    def gedeeld_door(self, c: list[Any]) -> n.Bewerking:
        return self._bin(c, "gedeeld door")

    def gedeeld_door_abs(self, c: list[Any]) -> n.Bewerking:
        return self._bin(c, "gedeeld door abs")

    def begrenzing_minimum(self, c: list[Any]) -> n.Begrenzing:
        x = self._nodes(c)
        return n.Begrenzing(_span_of(x[0]), x[0], x[1], x[2] if len(x) > 2 else None)

    def begrenzing_maximum(self, c: list[Any]) -> n.Begrenzing:
        x = self._nodes(c)
        return n.Begrenzing(_span_of(x[0]), x[0], None, x[1])

    def afronding(self, c: list[Any]) -> n.Afronding:
        x = self._nodes(c)
        modus: _Modus = next(i for i in c if isinstance(i, _Modus))
        num = next(i for i in c if isinstance(i, Token) and i.type == "NUMBER")
        v = _getal_van(num)
        if v.denominator != 1 or v < 0 or v > 20:
            raise SentenceError(f"Ongeldig aantal decimalen {str(num)!r}.", num.line or 1, num.column or 1)
        return n.Afronding(_span_of(x[0]), x[0], modus.naam, int(v))

    def macht(self, c: list[Any]) -> n.Functie:
        x = self._nodes(c)
        return n.Functie(_span_of(x[0]), "macht", (x[0], x[1]))

    def wortel(self, c: list[Any]) -> n.Functie:
        return n.Functie(self._span(c), "wortel", tuple(self._nodes(c)))

    def datum_met(self, c: list[Any]) -> n.Functie:
        return n.Functie(self._span(c), "datum_met", tuple(self._nodes(c)))

    def paasdag(self, c: list[Any]) -> n.Functie:
        return n.Functie(self._span(c), "paasdag", tuple(self._nodes(c)))

    def absolute_waarde(self, c: list[Any]) -> n.AbsoluteWaarde:
        return n.AbsoluteWaarde(self._span(c), self._nodes(c)[0])

    def aantal_van(self, c: list[Any]) -> n.Aggregatie:
        x = self._nodes(c)
        return n.Aggregatie(self._span(c), "aantal", x[0], (), x[1] if len(x) > 1 else None)

    def som_van(self, c: list[Any]) -> n.Aggregatie:
        r: _Reeks = self._nodes(c)[0]
        return n.Aggregatie(self._span(c), "som", r.collectie, r.lijst, r.selectie, self._has(c, "OF_NUL"))

    def som_bereik(self, c: list[Any], soort: str = "som") -> n.DimensieBereik:
        namen = [i for i in c if isinstance(i, Token) and i.type == "NAME"]
        return n.DimensieBereik(self._span(c), self._naam(namen[0]), self._naam(namen[1]), self._nodes(c)[0], soort)

    def maximum_bereik(self, c: list[Any]) -> n.DimensieBereik:
        return self.som_bereik(c, "maximum")

    def minimum_bereik(self, c: list[Any]) -> n.DimensieBereik:
        return self.som_bereik(c, "minimum")

    def _reeks(self, c: list[Any], soort: str) -> n.Aggregatie:
        r: _Reeks = self._nodes(c)[0]
        return n.Aggregatie(self._span(c), soort, r.collectie, r.lijst, r.selectie)

    def maximale_waarde(self, c: list[Any]) -> n.Aggregatie:
        return self._reeks(c, "maximum")

    def minimale_waarde(self, c: list[Any]) -> n.Aggregatie:
        return self._reeks(c, "minimum")

    def eerste_van(self, c: list[Any]) -> n.Aggregatie:
        return self._reeks(c, "eerste")

    def laatste_van(self, c: list[Any]) -> n.Aggregatie:
        return self._reeks(c, "laatste")

    def reeks_collectie(self, c: list[Any]) -> _Reeks:
        x = self._nodes(c)
        return _Reeks(x[0], (), x[1] if len(x) > 1 else None)

    def reeks_lijst(self, c: list[Any]) -> _Reeks:
        return _Reeks(None, tuple(self._nodes(c)), None)

    def _selectie_kenmerk(self, c: list[Any], werkwoord: str) -> n.KenmerkTest:
        # "die" is the element being selected; the resolver binds it.
        ontkend = any(isinstance(i, _Ontkenning) for i in c)
        sp = self._span(c)
        return n.KenmerkTest(sp, n.Naam(sp, "die", "die", None), self._naam(self._name_token(c)), ontkend,
                             werkwoord)

    def selectie_kenmerk_is(self, c: list[Any]) -> n.KenmerkTest:
        return self._selectie_kenmerk(c, "is")

    def selectie_kenmerk_heeft(self, c: list[Any]) -> n.KenmerkTest:
        return self._selectie_kenmerk(c, "heeft")

    def haakjes(self, c: list[Any]) -> Any:
        return self._nodes(c)[0]

    def selectie_voorwaarden(self, c: list[Any]) -> n.Samengesteld:
        x = self._nodes(c)
        kw: _Kwantor = x[0]
        return n.Samengesteld(self._span(c), kw.soort, kw.aantal, None, tuple(x[1]))

    def selectie_voorwaarde(self, c: list[Any]) -> n.Samengesteld:
        x = self._nodes(c)
        kw: _Kwantor = x[0]
        return n.Samengesteld(self._span(c), kw.soort, kw.aantal, None, (x[1],))

    def tijdsduur(self, c: list[Any]) -> n.Tijdsduur:
        x = self._nodes(c)
        eenheid: _Modus = next(i for i in c if isinstance(i, _Modus))
        return n.Tijdsduur(self._span(c), x[0], x[1], eenheid.naam, self._has(c, "ABSOLUTE"))

    def dag_uit(self, c: list[Any]) -> n.DatumDeel:
        return n.DatumDeel(self._span(c), "dag", self._nodes(c)[0])

    def maand_uit(self, c: list[Any]) -> n.DatumDeel:
        return n.DatumDeel(self._span(c), "maand", self._nodes(c)[0])

    def jaar_uit(self, c: list[Any]) -> n.DatumDeel:
        return n.DatumDeel(self._span(c), "jaar", self._nodes(c)[0])

    # -- decision tables
    def conclusie_attribuut(self, c: list[Any]) -> n.TabelKolom:
        return n.TabelKolom(self._span(c), "conclusie_attribuut", self._nodes(c)[0])

    def conclusie_kenmerk(self, c: list[Any]) -> n.TabelKolom:
        werkwoord = "heeft" if self._has(c, "HEEFT") else "is"
        return n.TabelKolom(self._span(c), "conclusie_kenmerk", self._nodes(c)[0],
                            kenmerk=self._naam(self._name_token(c)), werkwoord=werkwoord)

    def conditie_vergelijking(self, c: list[Any]) -> n.TabelKolom:
        x = self._nodes(c)
        return n.TabelKolom(self._span(c), "conditie_vergelijking", x[0], op=x[1].op)

    def conditie_kenmerk(self, c: list[Any]) -> n.TabelKolom:
        ontkend = any(isinstance(i, _Ontkenning) for i in c)
        werkwoord = "heeft" if self._has(c, "HEEFT", "HEBBEN") else "is"
        return n.TabelKolom(self._span(c), "conditie_kenmerk", self._nodes(c)[0],
                            kenmerk=self._naam(self._name_token(c)), ontkend=ontkend, werkwoord=werkwoord)

    def expressie(self, c: list[Any]) -> Any:
        return self._nodes(c)[0]


_OPS = {"groter", "groter_gelijk", "kleiner", "kleiner_gelijk", "gelijk", "ongelijk", "eerder",
        "eerder_gelijk", "later", "later_gelijk"}


class _Marker:
    """A grammar helper rule that carries no meaning of its own."""


class _Ontkenning(_Marker):
    pass


class _Op:
    def __init__(self, op: str) -> None:
        self.op = op


class _Modus:
    def __init__(self, naam: str) -> None:
        self.naam = naam


class _Kwantor:
    def __init__(self, soort: str, aantal: int | None) -> None:
        self.soort = soort
        self.aantal = aantal


class _Bepaler(_Marker):
    def __init__(self, woord: str, aantal: int | None, line: int, column: int) -> None:
        self.woord = woord
        self.aantal = aantal
        self.line = line
        self.column = column


class _Kop:
    def __init__(self, span: Span, kwantor: _Kwantor, onderwerp: Any) -> None:
        self.span = span
        self.kwantor = kwantor
        self.onderwerp = onderwerp


class _Onverdeeld(_Marker):
    def __init__(self, expr: Any) -> None:
        self.expr = expr


class _Reeks:
    def __init__(self, collectie: Any, lijst: tuple[Any, ...], selectie: Any) -> None:
        self.collectie = collectie
        self.lijst = lijst
        self.selectie = selectie


def _span_of(node: Any) -> Span:
    sp = getattr(node, "span", None)
    return sp if isinstance(sp, Span) else Span("?", 1, 1)


def _nest(items: list[tuple[int, Any]], depth: int) -> tuple[list[Any], list[tuple[int, Any]]]:
    """Bullets arrive flat with their depth; a nested header takes the deeper ones after it."""
    out: list[Any] = []
    rest = items
    level: int | None = None
    while rest:
        d, item = rest[0]
        if d <= depth:
            break
        if level is None:
            level = d
        if d != level:
            break
        rest = rest[1:]
        if isinstance(item, _Kop):
            children, rest = _nest(rest, d)
            if not children:
                raise SentenceError("Geneste voorwaarden ontbreken na ':'.", item.span.regel, item.span.kolom)
            out.append(n.Samengesteld(item.span, item.kwantor.soort, item.kwantor.aantal, item.onderwerp,
                                      tuple(children)))
        else:
            out.append(item)
    return out, rest
