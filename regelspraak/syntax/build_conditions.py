"""Builder of conditions: compound conditions with quantifiers, comparisons, kenmerk tests and bullets."""

from __future__ import annotations

from typing import Any, ClassVar

from regelspraak.syntax import nodes as n
from regelspraak.syntax.build_base import BuilderBase
from regelspraak.syntax.build_parts import (
    Kop,
    Kwantor,
    Marker,
    Ontkenning,
    nest,
)
from regelspraak.syntax.literals import SentenceError, getal_van


class ConditionBuilder(BuilderBase):
    def enkel(self, c: list[Any]) -> Any:
        return self._nodes(c)[0]

    def samengesteld_er(self, c: list[Any]) -> n.Samengesteld:
        x = self._nodes(c)
        kw: Kwantor = x[0]
        return n.Samengesteld(self._span(c), kw.soort, kw.aantal, None, tuple(x[1]))

    def samengesteld(self, c: list[Any]) -> n.Samengesteld:
        x = self._nodes(c)
        kw: Kwantor = x[1]
        return n.Samengesteld(self._span(c), kw.soort, kw.aantal, x[0], tuple(x[2]))

    def samengesteld_er_los(self, c: list[Any]) -> n.Samengesteld:
        x = self._nodes(c)
        kw: Kwantor = x[0]
        return n.Samengesteld(self._span(c), kw.soort, kw.aantal, None, (x[1],))

    def samengesteld_los(self, c: list[Any]) -> n.Samengesteld:
        x = self._nodes(c)
        kw: Kwantor = x[1]
        return n.Samengesteld(self._span(c), kw.soort, kw.aantal, x[0], (x[2],))

    def alle(self, c: list[Any]) -> Kwantor:
        return Kwantor("alle", None)

    def geen(self, c: list[Any]) -> Kwantor:
        return Kwantor("geen", None)

    def ten_minste(self, c: list[Any]) -> Kwantor:
        return Kwantor("ten_minste", self._int(c))

    def ten_hoogste(self, c: list[Any]) -> Kwantor:
        return Kwantor("ten_hoogste", self._int(c))

    def precies(self, c: list[Any]) -> Kwantor:
        return Kwantor("precies", self._int(c))

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
        v = getal_van(c[0])
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
        ontkend = any(isinstance(i, Ontkenning) for i in c) or self._has(c, "GEEN", "NIET")
        return n.KenmerkTest(self._span(c), self._nodes(c)[0], self._naam(self._name_token(c)), ontkend,
                             werkwoord)

    def kenmerk_is(self, c: list[Any]) -> n.KenmerkTest:
        return self._kenmerk(c, "is")

    def kenmerk_heeft(self, c: list[Any]) -> n.KenmerkTest:
        return self._kenmerk(c, "heeft")

    def ontkenning(self, c: list[Any]) -> Ontkenning:
        return Ontkenning()

    def is_zijn(self, c: list[Any]) -> Marker:
        return Marker()

    heeft_hebben = is_zijn

    def kop_onderwerp(self, c: list[Any]) -> Kop:
        x = self._nodes(c)
        return Kop(self._span(c), x[1], x[0])

    def kop_er(self, c: list[Any]) -> Kop:
        return Kop(self._span(c), self._nodes(c)[0], None)

    def bullets(self, c: list[Any]) -> list[Any]:
        items: list[tuple[int, Any]] = list(c)
        result, rest = nest(items, 0)
        if rest:
            _, item = rest[0]
            raise SentenceError("Opsommingsteken op een onverwachte diepte.", item.span.regel, item.span.kolom)
        return result

    def bullet_stelling(self, c: list[Any]) -> tuple[int, Any]:
        return (int(str(c[0])), self._nodes(c)[0])

    bullet_kop = bullet_stelling


    def vgl_rechts(self, c: list[Any]) -> tuple[Any, ...]:
        return tuple(self._nodes(c))

    lijst = vgl_rechts

    def tabel_cel(self, c: list[Any]) -> tuple[Any, ...]:
        return tuple(self._nodes(c)[0])
