"""Timelines (taal.md §11): a value per period instead of one value.

A `Tijdlijn` is an immutable, canonical sequence of stretches `[vanaf, tot)` with a value each.
Outside its stretches a timeline is leeg; a stretch whose value is leeg is therefore not stored,
and adjacent stretches with equal values are merged, so two timelines that mean the same are
equal (`==`). The period (`dag`, `maand`, `jaar`) says what one value is *per*: a monthly
timeline of € holds an amount per month.

*Knip* (`knip`): several timelines are cut at every boundary of any of them; on each resulting
stretch every timeline is constant, so a rule is evaluated once per stretch (`per_stuk`) and
equal neighbours merge again.

>>> from datetime import date as d
>>> from fractions import Fraction as F
>>> a = Tijdlijn.maak("maand", [(d(2023, 1, 1), d(2024, 1, 1), F(10)), (d(2024, 1, 1), d(2024, 7, 1), F(11))])
>>> totaal(a)
Fraction(186, 1)
>>> totaal(a, d(2023, 7, 1), d(2024, 2, 1))
Fraction(71, 1)
>>> per_stuk([a, Tijdlijn.constant("maand", d(2023, 1, 1), d(2025, 1, 1), F(1))],
...         lambda x, y: None if x is None else x + y).stukken[0].waarde
Fraction(11, 1)
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from regelspraak.values.fouten import Rekenfout

PERIODEN = ("dag", "maand", "jaar")
# Bounded input (DESIGN decision 7): a timeline has at most this many stretches.
MAX_STUKKEN = 100_000


@dataclass(frozen=True, slots=True)
class Stuk:
    """One stretch `[vanaf, tot)` with its value (never leeg in a canonical timeline)."""

    vanaf: date
    tot: date
    waarde: Any


@dataclass(frozen=True, slots=True)
class Tijdlijn:
    """A canonical timeline; build it with `maak` (which validates, drops leeg and merges)."""

    periode: str
    stukken: tuple[Stuk, ...]

    @staticmethod
    def maak(periode: str, stukken: Iterable[tuple[date, date, Any]]) -> Tijdlijn:
        """Validate and normalise: ordered, non-overlapping, `vanaf < tot`; leeg dropped; equal
        neighbours merged. A violation is a `Rekenfout` with a Dutch message naming the stretch.

        >>> from datetime import date as d
        >>> Tijdlijn.maak("jaar", [(d(2025, 1, 1), d(2024, 1, 1), 1)])  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        regelspraak.values.fouten.Rekenfout: Stuk 1 van de tijdlijn: 'vanaf' (01-01-2025) ligt niet vóór ...
        """
        if periode not in PERIODEN:
            raise ValueError(f"onbekende periode {periode!r}")
        uit: list[Stuk] = []
        vorige_tot: date | None = None
        for i, (vanaf, tot, waarde) in enumerate(stukken, start=1):
            if i > MAX_STUKKEN:
                raise Rekenfout(f"Een tijdlijn heeft meer dan {MAX_STUKKEN} stukken.")
            if not vanaf < tot:
                raise Rekenfout(f"Stuk {i} van de tijdlijn: 'vanaf' ({vanaf:%d-%m-%Y}) ligt niet vóór 'tot' "
                                f"({tot:%d-%m-%Y}).")
            if vorige_tot is not None and vanaf < vorige_tot:
                raise Rekenfout(f"Stuk {i} van de tijdlijn begint op {vanaf:%d-%m-%Y}, vóór het einde van het vorige "
                                f"stuk ({vorige_tot:%d-%m-%Y}): de stukken overlappen of staan niet op volgorde.")
            vorige_tot = tot
            if waarde is None:
                continue
            if uit and uit[-1].tot == vanaf and _gelijk(uit[-1].waarde, waarde):
                uit[-1] = Stuk(uit[-1].vanaf, tot, uit[-1].waarde)
            else:
                uit.append(Stuk(vanaf, tot, waarde))
        return Tijdlijn(periode, tuple(uit))

    @staticmethod
    def constant(periode: str, vanaf: date, tot: date, waarde: Any) -> Tijdlijn:
        return Tijdlijn.maak(periode, [(vanaf, tot, waarde)])

    def op(self, moment: date) -> Any:
        """The value on `moment` (leeg outside every stretch)."""
        i = bisect_right(self.stukken, moment, key=lambda s: s.vanaf) - 1
        if i >= 0 and moment < self.stukken[i].tot:
            return self.stukken[i].waarde
        return None

    @property
    def grenzen(self) -> frozenset[date]:
        return frozenset(g for s in self.stukken for g in (s.vanaf, s.tot))


def _gelijk(a: Any, b: Any) -> bool:
    # bool is an int subclass: waar must not merge with a stretch of value 1.
    return type(a) is type(b) and a == b


def knip(lijnen: Sequence[Tijdlijn]) -> list[tuple[date, date]]:
    """The stretches between consecutive boundaries of any of `lijnen`, in order.

    >>> from datetime import date as d
    >>> a = Tijdlijn.constant("dag", d(2024, 1, 1), d(2024, 3, 1), 1)
    >>> b = Tijdlijn.constant("dag", d(2024, 2, 1), d(2024, 4, 1), 2)
    >>> [(v.month, t.month) for v, t in knip([a, b])]
    [(1, 2), (2, 3), (3, 4)]
    """
    grenzen = sorted(frozenset().union(*(lijn.grenzen for lijn in lijnen))) if lijnen else []
    return list(itertools.pairwise(grenzen))


def per_stuk(lijnen: Sequence[Tijdlijn], fn: Callable[..., Any], periode: str | None = None) -> Tijdlijn:
    """`fn` applied per knip stretch to the values of `lijnen` there (leeg where a timeline has none);
    the result has the period of the first timeline unless `periode` is given."""
    per = periode or (lijnen[0].periode if lijnen else "dag")
    return Tijdlijn.maak(per, [(v, t, fn(*(lijn.op(v) for lijn in lijnen))) for v, t in knip(lijnen)])


def samen(a: Tijdlijn, b: Tijdlijn) -> Tijdlijn:
    """Both timelines in one (two rule versions that each write their own stretches). Where both
    have a value, the values must be equal, else a `Rekenfout` naming the first such stretch.

    >>> from datetime import date as d
    >>> x = samen(Tijdlijn.constant("jaar", d(2024, 1, 1), d(2025, 1, 1), 1),
    ...           Tijdlijn.constant("jaar", d(2025, 1, 1), d(2026, 1, 1), 2))
    >>> len(x.stukken)
    2
    """
    uit: list[tuple[date, date, Any]] = []
    for v, t in knip([a, b]):
        x, y = a.op(v), b.op(v)
        if x is not None and y is not None and not _gelijk(x, y):
            raise Rekenfout(f"van {v:%d-%m-%Y} tot {t:%d-%m-%Y} twee verschillende waarden ({x} en {y}).")
        uit.append((v, t, x if x is not None else y))
    return Tijdlijn.maak(a.periode, uit)


def of_samen(a: Tijdlijn, b: Tijdlijn) -> Tijdlijn:
    """Two timelines of waar/onwaar in one: waar where either is waar (a kenmerk that several rules
    assign); where only one has a value, that value.

    >>> from datetime import date as d
    >>> x = of_samen(Tijdlijn.constant("dag", d(2024, 1, 1), d(2024, 3, 1), False),
    ...              Tijdlijn.constant("dag", d(2024, 2, 1), d(2024, 4, 1), True))
    >>> [(s.vanaf.month, s.tot.month, s.waarde) for s in x.stukken]
    [(1, 2, False), (2, 4, True)]
    """
    uit: list[tuple[date, date, Any]] = []
    for v, t in knip([a, b]):
        x, y = a.op(v), b.op(v)
        uit.append((v, t, None if x is None and y is None else x is True or y is True))
    return Tijdlijn.maak(a.periode, uit)


# ---------------------------------------------------------------- periods


def _volgende_maand(d: date) -> date:
    return date(d.year + 1, 1, 1) if d.month == 12 else date(d.year, d.month + 1, 1)


def periode_begin(periode: str, d: date) -> date:
    if periode == "maand":
        return date(d.year, d.month, 1)
    if periode == "jaar":
        return date(d.year, 1, 1)
    return d


def periode_einde(periode: str, begin: date) -> date:
    if periode == "maand":
        return _volgende_maand(begin)
    if periode == "jaar":
        return date(begin.year + 1, 1, 1)
    return begin + timedelta(days=1)


def aantal_perioden(periode: str, vanaf: date, tot: date) -> Fraction:
    """How many periods `[vanaf, tot)` spans, exact: whole periods count 1, a part of a period counts
    its days over the days of that period ([besluit]: a part month is time-proportional).

    >>> from datetime import date as d
    >>> aantal_perioden("maand", d(2024, 1, 1), d(2024, 7, 1)), aantal_perioden("maand", d(2025, 2, 1), d(2025, 2, 8))
    (Fraction(6, 1), Fraction(1, 4))
    """
    n = Fraction(0)
    begin = periode_begin(periode, vanaf)
    while begin < tot:
        einde = periode_einde(periode, begin)
        deel = (min(einde, tot) - max(begin, vanaf)).days
        n += Fraction(deel, (einde - begin).days)
        begin = einde
    return n


def _knip_bereik(lijn: Tijdlijn, vanaf: date | None, tot: date | None) -> list[Stuk]:
    out = []
    for s in lijn.stukken:
        a = s.vanaf if vanaf is None else max(s.vanaf, vanaf)
        b = s.tot if tot is None else min(s.tot, tot)
        if a < b:
            out.append(Stuk(a, b, s.waarde))
    return out


def totaal(lijn: Tijdlijn, vanaf: date | None = None, tot: date | None = None) -> Fraction | None:
    """`het totaal van X` (optionally only over `[vanaf, tot)`): per stretch the value per period
    times the number of periods, summed exactly. Nothing filled → leeg."""
    stukken = _knip_bereik(lijn, vanaf, tot)
    if not stukken:
        return None
    som = Fraction(0)
    for s in stukken:
        if not isinstance(s.waarde, Fraction | int) or isinstance(s.waarde, bool):
            raise Rekenfout("'het totaal van' telt getallen op, maar de tijdlijn bevat geen getal.")
        som += Fraction(s.waarde) * aantal_perioden(lijn.periode, s.vanaf, s.tot)
    return som


def _maanden(stukken: Sequence[Stuk]) -> list[date]:
    if not stukken:
        return []
    m, eind = periode_begin("maand", stukken[0].vanaf), stukken[-1].tot
    out = []
    while m < eind:
        out.append(m)
        m = _volgende_maand(m)
    return out


def dagen_per_maand(voorwaarde: Tijdlijn) -> Tijdlijn:
    """`het aantal dagen in de maand dat <voorwaarde>`: per calendar month the days on which the
    boolean timeline is waar (months without any such day are not in the result).

    >>> from datetime import date as d
    >>> v = Tijdlijn.maak("dag", [(d(2024, 1, 1), d(2024, 1, 2), True), (d(2024, 1, 10), d(2024, 2, 14), True)])
    >>> [(s.vanaf.month, s.waarde) for s in dagen_per_maand(v).stukken]
    [(1, Fraction(23, 1)), (2, Fraction(13, 1))]
    """
    waar = [s for s in voorwaarde.stukken if s.waarde is True]
    uit = []
    for m in _maanden(waar):
        e = _volgende_maand(m)
        n = sum((min(s.tot, e) - max(s.vanaf, m)).days for s in waar if s.vanaf < e and m < s.tot)
        uit.append((m, e, Fraction(n) if n else None))
    return Tijdlijn.maak("maand", uit)


def tijdsevenredig_per_maand(waarde: Tijdlijn, voorwaarde: Tijdlijn) -> Tijdlijn:
    """`het tijdsevenredig deel per maand van X gedurende de tijd dat <voorwaarde>`: per calendar month
    the sum over the days on which the condition holds of X on that day, divided by the days of the
    month. X is a value per month (its own period is then maand).

    >>> from datetime import date as d
    >>> x = Tijdlijn.maak("maand", [(d(2024, 1, 1), d(2025, 1, 1), 12), (d(2025, 1, 1), d(2026, 1, 1), 18)])
    >>> recht = Tijdlijn.constant("dag", d(2024, 12, 1), d(2025, 2, 8), True)
    >>> [str(s.waarde) for s in tijdsevenredig_per_maand(x, recht).stukken]
    ['12', '18', '9/2']
    """
    stukken = knip([waarde, voorwaarde])
    uit = []
    for m in _maanden([Stuk(v, t, None) for v, t in stukken]):
        e = _volgende_maand(m)
        som, gevuld = Fraction(0), False
        for v, t in stukken:
            a, b = max(v, m), min(t, e)
            if a >= b or voorwaarde.op(a) is not True:
                continue
            x = waarde.op(a)
            if x is None:
                continue
            som += Fraction(x) * (b - a).days
            gevuld = True
        uit.append((m, e, som / (e - m).days if gevuld else None))
    return Tijdlijn.maak("maand", uit)
