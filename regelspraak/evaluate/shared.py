"""Shared subexpressions: the same computation written in two rules is done once per run.

Rules often repeat a computation word for word — `de in aanmerking genomen standaardpremie min
de normpremie` in both jaarbedrag rules — and every repetition is a pass over the column. Two
expressions are the same when their trees are equal apart from where they were written
(`herkomst`); a remembered result holds as long as no rule has written a column it reads.
Expressions with a rule's variables are not shared: a variable means something else in every
rule.

The key of a tree is computed once per node by `vector_analyse._Analyse.sleutel` (a small integer per
distinct tree); this module says which columns a tree reads, so a remembered result is dropped when
a rule writes one of them.

>>> from regelspraak.model import ir
>>> from regelspraak.origin import Herkomst, Span
>>> a = ir.Attribuut("inkomen", "persoon", ir.Type("numeriek"), Herkomst(Span("a.rgs", 1, 1)))
>>> leest(ir.AttribuutLezen(ir.Onderwerp(ir.Type("object"), Herkomst(Span("a.rgs", 1, 1))), a, a.type,
...                         Herkomst(Span("a.rgs", 1, 1))))
(('persoon', 'inkomen'),)
"""

from __future__ import annotations

from regelspraak.model import ir
from regelspraak.model.order import walk_expr


def leest(x: ir.Expr) -> tuple[tuple[str, str], ...]:
    """The columns `x` reads (attributes and kenmerken, as the engine keys them)."""
    uit: set[tuple[str, str]] = set()
    for node in walk_expr(x):
        if isinstance(node, ir.AttribuutLezen):
            uit.add((node.attribuut.objecttype, node.attribuut.naam.lower()))
        elif isinstance(node, ir.KenmerkTest):
            uit.add((node.kenmerk.objecttype, "kenmerk:" + node.kenmerk.naam.lower()))
    return tuple(sorted(uit))
