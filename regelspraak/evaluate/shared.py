"""Shared subexpressions: the same computation written in two rules is done once per run.

Rules often repeat a computation word for word — `de in aanmerking genomen standaardpremie min
de normpremie` in both jaarbedrag rules — and every repetition is a pass over the column. Two
expressions are the same when their trees are equal apart from where they were written
(`herkomst`); a remembered result holds as long as no rule has written a column it reads.
Expressions with a rule's variables are not shared: a variable means something else in every
rule.

>>> from regelspraak.model import ir
>>> from regelspraak.origin import Herkomst, Span
>>> h1, h2 = Herkomst(Span("a.rgs", 1, 1)), Herkomst(Span("b.rgs", 9, 4))
>>> t = ir.Type("numeriek")
>>> sleutel(ir.Literal(1, t, h1)) == sleutel(ir.Literal(1, t, h2))
True
"""

from __future__ import annotations

from typing import Any

from regelspraak.model import ir
from regelspraak.model.order import walk_expr


def sleutel(x: object) -> Any:
    """The tree of `x` without source positions (hashable), or None when it reads a variable."""
    if isinstance(x, ir.VariabeleRef):
        return None
    if isinstance(x, ir.Attribuut | ir.Kenmerk):
        return (type(x).__name__, x.objecttype, x.naam)
    if isinstance(x, ir.Rol):
        return ("Rol", x.feittype, x.index)
    if isinstance(x, tuple):
        delen = tuple(sleutel(i) for i in x)
        return None if any(d is None and i is not None for d, i in zip(delen, x, strict=True)) else delen
    if hasattr(x, "herkomst") and hasattr(x, "__slots__"):
        velden: list[Any] = [type(x).__name__]
        for naam in x.__slots__:
            if naam == "herkomst":
                continue
            v = getattr(x, naam)
            k = sleutel(v)
            if k is None and v is not None:
                return None
            velden.append(k)
        return tuple(velden)
    return x


def leest(x: ir.Expr) -> tuple[tuple[str, str], ...]:
    """The columns `x` reads (attributes and kenmerken, as the engine keys them)."""
    uit: set[tuple[str, str]] = set()
    for node in walk_expr(x):
        if isinstance(node, ir.AttribuutLezen):
            uit.add((node.attribuut.objecttype, node.attribuut.naam.lower()))
        elif isinstance(node, ir.KenmerkTest):
            uit.add((node.kenmerk.objecttype, "kenmerk:" + node.kenmerk.naam.lower()))
    return tuple(sorted(uit))
