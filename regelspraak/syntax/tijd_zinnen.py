"""Sentence forms over time (taal.md §11; grammar section "timelines"): the syntax-tree builder's
methods for `gedurende de tijd dat`, bare periods, `het totaal van`, `het aantal dagen in de maand
dat`, `het tijdsevenredig deel per maand van` and `is gedurende het gehele jaar`.

A mixin of `sentences._Builder`, kept apart so that the timeline forms do not grow that module.
A result restricted in time ("… moet berekend worden als X gedurende de tijd dat C indien D") becomes
an ordinary rule whose condition is "C and D": per knip stretch that is exactly the meaning.

>>> from regelspraak.syntax.lexer import Lexicon, Regel
>>> from regelspraak.syntax.sentences import parse_sentence
>>> lex = Lexicon(); lex.add("uitkering"); lex.add("recht"); lex.add("Persoon")
>>> zin = "het totaal van de uitkering van een Persoon van 01-07-2023 tot 01-02-2024"
>>> node = parse_sentence("expressie", [Regel(1, 1, zin)], lex, "a.rgs")
>>> type(node).__name__, node.soort, type(node.voorwaarde).__name__
('TijdFunctie', 'totaal', 'Periode')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lark import Token

from regelspraak.syntax import nodes as n

if TYPE_CHECKING:
    from regelspraak.origin import Span


class _Per:
    """The `gedurende het gehele jaar|de gehele maand` part of a predicate."""

    def __init__(self, per: str) -> None:
        self.per = per


class TijdZinnen:
    """Builder methods for the grammar's timeline rules, mixed into `sentences._Builder`."""

    if TYPE_CHECKING:
        def _span(self, items: list[Any]) -> Span: ...

        @staticmethod
        def _nodes(items: list[Any]) -> list[Any]: ...

        def vergelijking(self, c: list[Any]) -> n.Vergelijking: ...

        def kenmerk_is(self, c: list[Any]) -> n.KenmerkTest: ...

        def is_leeg(self, c: list[Any]) -> n.LeegTest: ...

        def is_gevuld(self, c: list[Any]) -> n.LeegTest: ...

    # -- results restricted in time
    def _beperkt(self, c: list[Any]) -> tuple[Any, Any, Any]:
        x = self._nodes(c)
        doel, expr, tijd = x[0], x[1], x[2]
        indien = x[3] if len(x) > 3 else None
        if indien is None:
            return doel, expr, tijd
        return doel, expr, n.Samengesteld(self._span(c), "alle", None, None, (tijd, indien))

    def berekening_tijd(self, c: list[Any]) -> n.Gelijkstelling:
        doel, expr, vw = self._beperkt(c)
        return n.Gelijkstelling(self._span(c), doel, expr, True, vw)

    def stelling_tijd(self, c: list[Any]) -> n.Gelijkstelling:
        doel, expr, vw = self._beperkt(c)
        return n.Gelijkstelling(self._span(c), doel, expr, False, vw)

    def initialisatie_tijd(self, c: list[Any]) -> n.Initialisatie:
        doel, expr, vw = self._beperkt(c)
        return n.Initialisatie(self._span(c), doel, expr, vw)

    # -- gedurende de tijd dat …
    def tijd_los(self, c: list[Any]) -> Any:
        return self._nodes(c)[0]

    def gedurende(self, c: list[Any]) -> Any:
        return self._nodes(c)[0]

    def gedurende_er(self, c: list[Any]) -> n.Samengesteld:
        x = self._nodes(c)
        return n.Samengesteld(self._span(c), x[0].soort, x[0].aantal, None, tuple(x[1]))

    def gedurende_samengesteld(self, c: list[Any]) -> n.Samengesteld:
        x = self._nodes(c)
        return n.Samengesteld(self._span(c), x[1].soort, x[1].aantal, x[0], tuple(x[2]))

    # -- bare periods
    def periode_vanaf(self, c: list[Any]) -> n.Periode:
        return n.Periode(self._span(c), self._nodes(c)[0], None, False)

    def periode_van_tot(self, c: list[Any]) -> n.Periode:
        x = self._nodes(c)
        return n.Periode(self._span(c), x[0], x[1], False)

    def periode_van_tm(self, c: list[Any]) -> n.Periode:
        x = self._nodes(c)
        return n.Periode(self._span(c), x[0], x[1], True)

    def periode_tot(self, c: list[Any]) -> n.Periode:
        return n.Periode(self._span(c), None, self._nodes(c)[0], False)

    def periode_tm(self, c: list[Any]) -> n.Periode:
        return n.Periode(self._span(c), None, self._nodes(c)[0], True)

    def periode_test(self, c: list[Any]) -> n.Periode:
        p: n.Periode = self._nodes(c)[0]
        return n.Periode(self._span(c), p.vanaf, p.tot, p.tot_en_met)

    # -- functions over a timeline
    def totaal_van(self, c: list[Any]) -> n.TijdFunctie:
        x = self._nodes(c)
        return n.TijdFunctie(self._span(c), "totaal", x[0], x[1] if len(x) > 1 else None, None)

    def dagen_maand(self, c: list[Any]) -> n.TijdFunctie:
        return n.TijdFunctie(self._span(c), "dagen", None, self._nodes(c)[0], "maand")

    def dagen_jaar(self, c: list[Any]) -> n.TijdFunctie:
        return n.TijdFunctie(self._span(c), "dagen", None, self._nodes(c)[0], "jaar")

    def evenredig_maand(self, c: list[Any]) -> n.TijdFunctie:
        x = self._nodes(c)
        return n.TijdFunctie(self._span(c), "tijdsevenredig", x[0], x[1], "maand")

    def evenredig_jaar(self, c: list[Any]) -> n.TijdFunctie:
        x = self._nodes(c)
        return n.TijdFunctie(self._span(c), "tijdsevenredig", x[0], x[1], "jaar")

    # -- explicit conversion to another period
    def per_maand(self, c: list[Any]) -> _Per:
        return _Per("maand")

    def per_jaar(self, c: list[Any]) -> _Per:
        return _Per("jaar")

    def per_dag(self, c: list[Any]) -> _Per:
        return _Per("dag")

    def omgerekend(self, c: list[Any]) -> n.Omrekening:
        per: _Per = next(v for v in c if isinstance(v, _Per))
        return n.Omrekening(self._span(c), self._nodes([v for v in c if not isinstance(v, _Per)])[0], per.per)

    # -- "is gedurende het gehele jaar …"
    def geheel_jaar(self, c: list[Any]) -> _Per:
        return _Per("jaar")

    def gehele_maand(self, c: list[Any]) -> _Per:
        return _Per("maand")

    def _geheel(self, c: list[Any], bouw: Any) -> n.GehelePeriode:
        i = next(k for k, v in enumerate(c) if isinstance(v, _Per))
        per: _Per = c[i]
        ontkend = any(isinstance(v, Token) and v.type == "NIET" for v in c[:i])
        # The predicate on its own: without the period part and its "niet" (a later "niet"/"geen"
        # belongs to the predicate: "is gedurende het gehele jaar niet verzekerd").
        rest = [v for k, v in enumerate(c) if k != i and not (k < i and isinstance(v, Token) and v.type == "NIET")]
        return n.GehelePeriode(self._span(c), bouw(rest), per.per, ontkend)

    def geheel_vergelijking(self, c: list[Any]) -> n.GehelePeriode:
        return self._geheel(c, self.vergelijking)

    def geheel_kenmerk(self, c: list[Any]) -> n.GehelePeriode:
        return self._geheel(c, self.kenmerk_is)

    def geheel_leeg(self, c: list[Any]) -> n.GehelePeriode:
        gevuld = any(isinstance(v, Token) and v.type == "GEVULD" for v in c)
        return self._geheel(c, self.is_gevuld if gevuld else self.is_leeg)
