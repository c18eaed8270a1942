"""Builder of expressions: literals, names, arithmetic, functions, aggregations, dates, table headers."""

from __future__ import annotations

from typing import Any

from lark import Token

from regelspraak.syntax import nodes as n
from regelspraak.syntax.build_base import BuilderBase
from regelspraak.syntax.build_parts import (
    Bepaler,
    DimensieSelectie,
    Kwantor,
    Modus,
    Ontkenning,
    Reeks,
    span_of,
)
from regelspraak.syntax.lexer import Regel
from regelspraak.syntax.literals import SentenceError, getal_van, parse_datum_literal


class ExpressionBuilder(BuilderBase):
    def getal(self, c: list[Any]) -> n.Getal:
        eenheid = str(c[1]) if len(c) > 1 else None
        return n.Getal(self._span(c), getal_van(c[0]), eenheid)

    def percentage(self, c: list[Any]) -> n.Percentage:
        return n.Percentage(self._span(c), getal_van(c[0]))

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
        # Imported here: the sentence parser is built from this builder, so a module-level
        # import would be circular.
        from regelspraak.syntax.sentences import parse_sentence

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

    def bepaler(self, c: list[Any]) -> Bepaler:
        toks = [i for i in c if isinstance(i, Token)]
        first = toks[0] if toks else None
        line, col = (first.line or 1, first.column or 1) if first is not None else (1, 1)
        num = next((i for i in c if isinstance(i, int)), None)
        if num is not None:
            soort = next((i for i in c if isinstance(i, str) and not isinstance(i, Token)), "precies")
            return Bepaler(soort, num, line, col)
        return Bepaler(str(c[0]).lower(), None, line, col)

    def hij(self, c: list[Any]) -> n.Hij:
        return n.Hij(self._span(c))

    def rekendatum(self, c: list[Any]) -> n.Rekendatum:
        return n.Rekendatum(self._span(c))

    def rekenjaar(self, c: list[Any]) -> n.Rekenjaar:
        return n.Rekenjaar(self._span(c))

    def van(self, c: list[Any]) -> n.Van:
        x = self._nodes(c)
        return n.Van(span_of(x[0]), x[0], x[1])

    def _bin(self, c: list[Any], op: str) -> n.Bewerking:
        x = self._nodes(c)
        return n.Bewerking(span_of(x[0]), op, x[0], x[1])

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
        return n.Begrenzing(span_of(x[0]), x[0], x[1], x[2] if len(x) > 2 else None)

    def begrenzing_maximum(self, c: list[Any]) -> n.Begrenzing:
        x = self._nodes(c)
        return n.Begrenzing(span_of(x[0]), x[0], None, x[1])

    def afronding(self, c: list[Any]) -> n.Afronding:
        x = self._nodes(c)
        modus: Modus = next(i for i in c if isinstance(i, Modus))
        num = next(i for i in c if isinstance(i, Token) and i.type == "NUMBER")
        v = getal_van(num)
        if v.denominator != 1 or v < 0 or v > 20:
            raise SentenceError(f"Ongeldig aantal decimalen {str(num)!r}.", num.line or 1, num.column or 1)
        return n.Afronding(span_of(x[0]), x[0], modus.naam, int(v))

    def macht(self, c: list[Any]) -> n.Functie:
        x = self._nodes(c)
        return n.Functie(span_of(x[0]), "macht", (x[0], x[1]))

    def wortel(self, c: list[Any]) -> n.Functie:
        return n.Functie(self._span(c), "wortel", tuple(self._nodes(c)))

    def datum_met(self, c: list[Any]) -> n.Functie:
        return n.Functie(self._span(c), "datum_met", tuple(self._nodes(c)))

    def paasdag(self, c: list[Any]) -> n.Functie:
        return n.Functie(self._span(c), "paasdag", tuple(self._nodes(c)))

    # "de eerste dag van de maand|het jaar van|na D" (project extension, taal.md §10)
    def eerste_dag_maand(self, c: list[Any]) -> n.Functie:
        return n.Functie(self._span(c), "eerste_dag_maand", tuple(self._nodes(c)))

    def eerste_dag_maand_na(self, c: list[Any]) -> n.Functie:
        return n.Functie(self._span(c), "eerste_dag_maand_na", tuple(self._nodes(c)))

    def eerste_dag_jaar(self, c: list[Any]) -> n.Functie:
        return n.Functie(self._span(c), "eerste_dag_jaar", tuple(self._nodes(c)))

    def eerste_dag_jaar_na(self, c: list[Any]) -> n.Functie:
        return n.Functie(self._span(c), "eerste_dag_jaar_na", tuple(self._nodes(c)))

    def absolute_waarde(self, c: list[Any]) -> n.AbsoluteWaarde:
        return n.AbsoluteWaarde(self._span(c), self._nodes(c)[0])

    def aantal_van(self, c: list[Any]) -> n.Aggregatie:
        x = self._nodes(c)
        return n.Aggregatie(self._span(c), "aantal", x[0], (), x[1] if len(x) > 1 else None)

    def aantal_lijst(self, c: list[Any]) -> n.Aggregatie:
        x = self._nodes(c)
        # Each part is a collection with its selection, kept as an Aggregatie of soort "collectie".
        delen = tuple(n.Aggregatie(span_of(x[i]), "collectie", x[i], (), x[i + 1]) for i in range(0, len(x), 2))
        return n.Aggregatie(self._span(c), "aantal", None, delen)

    def som_van(self, c: list[Any]) -> n.Aggregatie:
        r: Reeks = self._nodes(c)[0]
        return n.Aggregatie(self._span(c), "som", r.collectie, r.lijst, r.selectie, self._has(c, "OF_NUL"))

    def som_bereik(self, c: list[Any], soort: str = "som") -> n.DimensieBereik:
        namen = [i for i in c if isinstance(i, Token) and i.type == "NAME"]
        return n.DimensieBereik(self._span(c), self._naam(namen[0]), self._naam(namen[1]), self._nodes(c)[0], soort)

    def maximum_bereik(self, c: list[Any]) -> n.DimensieBereik:
        return self.som_bereik(c, "maximum")

    def minimum_bereik(self, c: list[Any]) -> n.DimensieBereik:
        return self.som_bereik(c, "minimum")

    def _over(self, c: list[Any], soort: str) -> n.DimensieAggregatie:
        x = self._nodes(c)
        sel: DimensieSelectie = x[1]
        return n.DimensieAggregatie(self._span(c), soort, x[0], sel.dimensie, sel.vanaf, sel.tm, sel.labels)

    def som_over(self, c: list[Any]) -> n.DimensieAggregatie:
        return self._over(c, "som")

    def som_vanaf(self, c: list[Any]) -> n.DimensieAggregatie:
        vanaf, tm = self._namen(c)
        return n.DimensieAggregatie(self._span(c), "som", self._nodes(c)[0], None, vanaf, tm)

    def maximum_over(self, c: list[Any]) -> n.DimensieAggregatie:
        return self._over(c, "maximum")

    def minimum_over(self, c: list[Any]) -> n.DimensieAggregatie:
        return self._over(c, "minimum")

    def eerste_over(self, c: list[Any]) -> n.DimensieAggregatie:
        return self._over(c, "eerste")

    def laatste_over(self, c: list[Any]) -> n.DimensieAggregatie:
        return self._over(c, "laatste")

    def _namen(self, c: list[Any]) -> list[n.Naam]:
        return [self._naam(i) for i in c if isinstance(i, Token) and i.type == "NAME"]

    def over_alle(self, c: list[Any]) -> DimensieSelectie:
        return DimensieSelectie(self._namen(c)[0])

    def over_vanaf(self, c: list[Any]) -> DimensieSelectie:
        dim, vanaf, tm = self._namen(c)
        return DimensieSelectie(dim, vanaf, tm)

    def over_in(self, c: list[Any]) -> DimensieSelectie:
        dim, *labels = self._namen(c)
        return DimensieSelectie(dim, labels=tuple(labels))

    def _reeks(self, c: list[Any], soort: str) -> n.Aggregatie:
        r: Reeks = self._nodes(c)[0]
        return n.Aggregatie(self._span(c), soort, r.collectie, r.lijst, r.selectie)

    def maximale_waarde(self, c: list[Any]) -> n.Aggregatie:
        return self._reeks(c, "maximum")

    def minimale_waarde(self, c: list[Any]) -> n.Aggregatie:
        return self._reeks(c, "minimum")

    def eerste_van(self, c: list[Any]) -> n.Aggregatie:
        return self._reeks(c, "eerste")

    def laatste_van(self, c: list[Any]) -> n.Aggregatie:
        return self._reeks(c, "laatste")

    def reeks_collectie(self, c: list[Any]) -> Reeks:
        x = self._nodes(c)
        return Reeks(x[0], (), x[1] if len(x) > 1 else None)

    def reeks_lijst(self, c: list[Any]) -> Reeks:
        return Reeks(None, tuple(self._nodes(c)), None)

    def _selectie_kenmerk(self, c: list[Any], werkwoord: str) -> n.KenmerkTest:
        # "die" is the element being selected; the resolver binds it.
        ontkend = any(isinstance(i, Ontkenning) for i in c)
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
        kw: Kwantor = x[0]
        return n.Samengesteld(self._span(c), kw.soort, kw.aantal, None, tuple(x[1]))

    def selectie_voorwaarde(self, c: list[Any]) -> n.Samengesteld:
        x = self._nodes(c)
        kw: Kwantor = x[0]
        return n.Samengesteld(self._span(c), kw.soort, kw.aantal, None, (x[1],))

    def tijdsduur(self, c: list[Any]) -> n.Tijdsduur:
        x = self._nodes(c)
        eenheid: Modus = next(i for i in c if isinstance(i, Modus))
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
        ontkend = any(isinstance(i, Ontkenning) for i in c)
        werkwoord = "heeft" if self._has(c, "HEEFT", "HEBBEN") else "is"
        return n.TabelKolom(self._span(c), "conditie_kenmerk", self._nodes(c)[0],
                            kenmerk=self._naam(self._name_token(c)), ontkend=ontkend, werkwoord=werkwoord)

    def expressie(self, c: list[Any]) -> Any:
        return self._nodes(c)[0]
