"""The shared part of the sentence builder: token and span helpers every builder mixin uses, and the
small markers for comparison operators, rounding modes and duration units."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lark import Token, Transformer

from regelspraak.origin import Span
from regelspraak.syntax import nodes as n
from regelspraak.syntax.build_parts import OPS, Bepaler, Marker, Modus, Op
from regelspraak.syntax.lexer import Lexicon


class BuilderBase(Transformer[Token, Any]):
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
        return [i for i in items if not isinstance(i, Token) and i is not None and not isinstance(i, Marker)]

    def _naam(self, tok: Token, bepaler: str | None = None, aantal: int | None = None) -> n.Naam:
        from regelspraak.syntax.lexer import normalize

        return n.Naam(self._span([tok]), normalize(str(tok)), str(tok), bepaler, aantal)

    def naam(self, c: list[Any]) -> n.Naam:
        bep = next((i for i in c if isinstance(i, Bepaler)), None)
        tok = self._name_token(c)
        node = self._naam(tok, bep.woord if bep else None, bep.aantal if bep else None)
        if bep is not None:
            node = n.Naam(Span(self.bestand, bep.line, bep.column, node.span.eind_regel, node.span.eind_kolom),
                          node.key, node.tekst, node.bepaler, node.aantal)
        return node

    @staticmethod
    def _name_token(items: list[Any]) -> Token:
        return next(i for i in items if isinstance(i, Token) and i.type == "NAME")

    @staticmethod
    def _has(items: list[Any], *types: str) -> bool:
        return any(isinstance(i, Token) and i.type in types for i in items)

    @staticmethod
    def _int(c: list[Any]) -> int:
        return next(i for i in c if isinstance(i, int))

    # -- comparisons as small markers with the operator name
    def __default__(self, data: Any, children: list[Any], meta: Any) -> Any:
        name = str(data)
        if name in OPS:
            return Op(name)
        if name in ("naar_beneden", "naar_boven", "rekenkundig", "richting_nul", "weg_van_nul"):
            return Modus(name.replace("_", " "))
        if name in ("jaren", "maanden", "dagen", "uren", "minuten", "seconden", "milliseconden"):
            return Modus(name)
        return super().__default__(data, children, meta)  # type: ignore[no-untyped-call]
