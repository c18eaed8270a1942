"""Builder of whole rule sentences: Gelijkstelling, Kenmerktoekenning, consistency criteria, Dagsoort,
ObjectCreatie/FeitCreatie, Verdeling, checks, uniqueness and variables."""

from __future__ import annotations

from typing import Any

from lark import Token

from regelspraak.syntax import nodes as n
from regelspraak.syntax.build_base import BuilderBase
from regelspraak.syntax.build_parts import (
    Kwantor,
    Marker,
    Ontkenning,
    Onverdeeld,
)
from regelspraak.syntax.literals import SentenceError, getal_van


class RuleBuilder(BuilderBase):
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
        kw: Kwantor = x[1]
        return n.Consistentie(sp, x[0], n.Samengesteld(sp, kw.soort, kw.aantal, x[0], tuple(x[2])))

    def criteria_er(self, c: list[Any]) -> n.Consistentie:
        x = self._nodes(c)
        sp = self._span(c)
        kw: Kwantor = x[0]
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
        rest = next((i for i in c if isinstance(i, Onverdeeld)), None)
        return n.Verdeling(self._span(c), x[0], x[1], stappen, rest.expr if rest else None)

    def verdeelbullet(self, c: list[Any]) -> n.VerdeelStap:
        stap: n.VerdeelStap = self._nodes(c)[0]
        return stap

    def onverdeeld(self, c: list[Any]) -> Onverdeeld:
        return Onverdeeld(self._nodes(c)[0])

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
        v = getal_van(num)
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
        ontkend = any(isinstance(i, Ontkenning) for i in c)
        return n.Controle(self._span(c), self._nodes(c)[0], "elfproef", None, ontkend)

    def numeriek_exact(self, c: list[Any]) -> n.Controle:
        ontkend = any(isinstance(i, Ontkenning) for i in c)
        return n.Controle(self._span(c), self._nodes(c)[0], "numeriek", self._int(c), ontkend)

    def regelversie(self, c: list[Any]) -> n.Controle:
        ontkend = any(isinstance(i, Ontkenning) for i in c)
        soort = "gevuurd" if self._has(c, "GEVUURD") else "inconsistent"
        return n.Controle(self._span(c), self._naam(self._name_token(c)), soort, None, ontkend)

    def cijfers(self, c: list[Any]) -> Marker:
        return Marker()

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

    def moet_voldaan(self, c: list[Any]) -> Marker:
        return Marker()

    def criteria(self, c: list[Any]) -> Marker:
        return Marker()

    vw = criteria
