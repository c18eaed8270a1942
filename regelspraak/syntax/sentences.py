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
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from lark import Lark, Token, Tree, v_args
from lark import __version__ as lark_versie
from lark.exceptions import UnexpectedInput, UnexpectedToken, VisitError
from lark.lexer import Lexer

from regelspraak.syntax import unsupported
from regelspraak.syntax.build_conditions import ConditionBuilder
from regelspraak.syntax.build_expressions import ExpressionBuilder
from regelspraak.syntax.build_rules import RuleBuilder
from regelspraak.syntax.grammar_files import grammar_text
from regelspraak.syntax.lexer import KEYWORDS, TIJD_ZINSDELEN, LexError, Lexicon, Regel, tokenize
from regelspraak.syntax.literals import SentenceError, parse_datum_literal, parse_getal
from regelspraak.syntax.tijd_zinnen import TijdZinnen

__all__ = ["STARTS", "SentenceError", "andere_lezingen", "parse_datum_literal", "parse_getal", "parse_sentence"]

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
    cache = _cache(grammatica)
    if not isinstance(cache, str) or Path(cache).exists():
        return Lark(grammatica, parser="lalr", lexer=_TokenList, start=STARTS, propagate_positions=False,
                    maybe_placeholders=False, cache=cache)
    # lark writes its cache in place; processes that start together (the test workers, `simuleer`'s
    # processes) would read each other's half-written file. So this process writes a file of its own
    # (a unique name, also across machines sharing the folder) and renames it into place only when it
    # reads back whole (lark says nothing when saving fails): a reader finds the whole file or none.
    fd, eigen = tempfile.mkstemp(prefix=Path(cache).name + ".", suffix=".tmp", dir=Path(cache).parent)
    os.close(fd)
    os.unlink(eigen)  # lark writes it afresh (an empty file would be a failed read to it)
    parser = Lark(grammatica, parser="lalr", lexer=_TokenList, start=STARTS, propagate_positions=False,
                  maybe_placeholders=False, cache=eigen)
    try:
        if not _heel(eigen):
            raise OSError("onvolledig")
        os.replace(eigen, cache)
    except OSError:  # no cache then; the parser is built
        Path(eigen).unlink(missing_ok=True)
    return parser


def _heel(pad: str) -> bool:
    """Whether lark's cache file reads back whole: its key line and both pickles (our own file, in our
    private cache folder, just written by this process)."""
    try:
        with open(pad, "rb") as f:
            if not f.readline().strip():
                return False
            pickle.load(f)
            pickle.load(f)
        return True
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, AttributeError, ImportError):
        return False


@v_args(inline=False)
class _Builder(TijdZinnen, RuleBuilder, ConditionBuilder, ExpressionBuilder):
    """lark tree -> syntax nodes: the rule, condition and expression builders together."""


# Readable names for the terminals in "verwacht …" messages.
_TERMINAL_TEKST = {"NAME": "een naam", "NUMBER": "een getal", "PUNT": "'.'", "KOMMA": "','",
                   "DUBBELPUNT": "':'", "LPAR": "'('", "RPAR": "')'", "BULLET": "een opsommingsteken",
                   "ENUMWAARDE": "een enumeratiewaarde", "DATUM": "een datum", "PERCENTAGE": "een percentage",
                   "DATUM_MET": "de datum met …", "PAASDAG_VAN": "de eerste paasdag van",
                   "TOT_DE_MACHT": "tot de macht", "TOT_EN_MET": "tot en met",
                   **{t: " ".join(w) for w, t in TIJD_ZINSDELEN}, "PERIODE_VAN": "van <datum>",
                   **dict.fromkeys(("EERSTE_DAG_MAAND_VAN", "EERSTE_DAG_MAAND_NA", "EERSTE_DAG_JAAR_VAN",
                                    "EERSTE_DAG_JAAR_NA"), "de eerste dag van …")}


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
        verwacht = sorted({_TERMINAL_TEKST.get(t, t.lower().replace("_", " ")) for t in e.expected})
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
