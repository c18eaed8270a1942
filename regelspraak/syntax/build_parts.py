"""Small carriers the sentence builder passes between grammar rules (operators, quantifiers,
bullet headers), and the nesting of flat bullets by depth."""

from __future__ import annotations

from typing import Any

from regelspraak.origin import Span
from regelspraak.syntax import nodes as n
from regelspraak.syntax.literals import SentenceError

OPS = {"groter", "groter_gelijk", "kleiner", "kleiner_gelijk", "gelijk", "ongelijk", "eerder",
        "eerder_gelijk", "later", "later_gelijk"}


class Marker:
    """A grammar helper rule that carries no meaning of its own."""


class Ontkenning(Marker):
    pass


class Op:
    def __init__(self, op: str) -> None:
        self.op = op


class Modus:
    def __init__(self, naam: str) -> None:
        self.naam = naam


class Kwantor:
    def __init__(self, soort: str, aantal: int | None) -> None:
        self.soort = soort
        self.aantal = aantal


class Bepaler(Marker):
    def __init__(self, woord: str, aantal: int | None, line: int, column: int) -> None:
        self.woord = woord
        self.aantal = aantal
        self.line = line
        self.column = column


class Kop:
    def __init__(self, span: Span, kwantor: Kwantor, onderwerp: Any) -> None:
        self.span = span
        self.kwantor = kwantor
        self.onderwerp = onderwerp


class Onverdeeld(Marker):
    def __init__(self, expr: Any) -> None:
        self.expr = expr


class DimensieSelectie:
    """`over alle jaren`, `over de jaren vanaf A t/m B`, `over de jaren in {A, B en C}`."""

    def __init__(self, dimensie: n.Naam, vanaf: n.Naam | None = None, tm: n.Naam | None = None,
                 labels: tuple[n.Naam, ...] = ()) -> None:
        self.dimensie = dimensie
        self.vanaf = vanaf
        self.tm = tm
        self.labels = labels


class Reeks:
    def __init__(self, collectie: Any, lijst: tuple[Any, ...], selectie: Any) -> None:
        self.collectie = collectie
        self.lijst = lijst
        self.selectie = selectie


def span_of(node: Any) -> Span:
    sp = getattr(node, "span", None)
    return sp if isinstance(sp, Span) else Span("?", 1, 1)


def nest(items: list[tuple[int, Any]], depth: int) -> tuple[list[Any], list[tuple[int, Any]]]:
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
        if isinstance(item, Kop):
            children, rest = nest(rest, d)
            if not children:
                raise SentenceError("Geneste voorwaarden ontbreken na ':'.", item.span.regel, item.span.kolom)
            out.append(n.Samengesteld(item.span, item.kwantor.soort, item.kwantor.aantal, item.onderwerp,
                                      tuple(children)))
        else:
            out.append(item)
    return out, rest
