"""The names under which a dimensioned attribute is read: one per combination of labels.

An attribute `gedimensioneerd met` dimensions has one value per combination of their labels (spec
§3.6). A label of a dimension `voor het attribuut zonder voorzetsel` stands before the attribute as
an adjective (`het bruto inkomen`); one `na het attribuut met voorzetsel van` follows it with that
preposition (`het inkomen van huidig jaar`). Both together: `het bruto inkomen van huidig jaar`.
Adjectives come in the order of `gedimensioneerd met`, then the prepositional labels in that order
(**[decision]**: the specification shows one of each).

An aggregation over one dimension (`de som van het bruto inkomen van de persoon over alle jaren`)
names the attribute with that dimension left open: an *open* name.

>>> from regelspraak.origin import Span
>>> jaar = n.DimensieDecl(Span("a", 1), "jaardimensie", ("vorig jaar", "huidig jaar"), "jaren", "van")
>>> bn = n.DimensieDecl(Span("a", 1), "brutonettodimensie", ("bruto", "netto"), "brutonettodimensies", None)
>>> [naam for naam, _ in combinaties("inkomen", [jaar, bn])]
['bruto inkomen van vorig jaar', 'netto inkomen van vorig jaar', 'bruto inkomen van huidig jaar', \
'netto inkomen van huidig jaar']
>>> sorted(naam for naam, _, _ in open_combinaties("inkomen", [jaar, bn]))
['bruto inkomen', 'inkomen van huidig jaar', 'inkomen van vorig jaar', 'netto inkomen']
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

from regelspraak.syntax import nodes as n

# Combinations of labels of one attribute; each is an attribute of its own, so the product of the
# label counts is bounded (a model with more is refused, RS020).
MAX_COMBINATIES = 1000


def attribuutnaam(basis: str, dims: Sequence[n.DimensieDecl], labels: Sequence[str | None]) -> str:
    """The attribute `basis` at `labels` (one per dimension, None: left open)."""
    voor = [lab for d, lab in zip(dims, labels, strict=True) if d.voorzetsel is None and lab is not None]
    na = [f"{d.voorzetsel} {lab}" for d, lab in zip(dims, labels, strict=True)
          if d.voorzetsel is not None and lab is not None]
    return " ".join([*voor, basis, *na])


def aantal_combinaties(dims: Sequence[n.DimensieDecl]) -> int:
    totaal = 1
    for d in dims:
        totaal *= len(d.labels)
    return totaal


def combinaties(basis: str, dims: Sequence[n.DimensieDecl]) -> Iterator[tuple[str, tuple[str, ...]]]:
    """(name, labels) for every combination of labels, the first dimension varying slowest."""
    for labels in itertools.product(*(d.labels for d in dims)):
        yield attribuutnaam(basis, dims, labels), labels


def open_combinaties(basis: str, dims: Sequence[n.DimensieDecl]
                     ) -> Iterator[tuple[str, int, tuple[str | None, ...]]]:
    """(name, index of the open dimension, labels with None there) for one dimension left open."""
    for i in range(len(dims)):
        andere = [d.labels if j != i else (None,) for j, d in enumerate(dims)]
        for labels in itertools.product(*andere):
            yield attribuutnaam(basis, dims, labels), i, labels
