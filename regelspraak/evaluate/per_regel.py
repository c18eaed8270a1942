"""What the engine derives from a rule's trees alone, remembered per rule object.

The engine asks the same questions of a rule in every run and every month (can it run on the period
axis, does it read only its own row). The answer depends on the rule object only, so it is kept per
object: keyed by `id`, with the rule itself kept beside the answer so a reused id of a freed rule can
never return another rule's answer. Bounded, because a process may load many models.

>>> calls = []
>>> @onthouden
... def lengte(x: list[int]) -> int:
...     calls.append(x)
...     return len(x)
>>> r = [1, 2]
>>> lengte(r), lengte(r), len(calls)
(2, 2, 1)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
MAX = 4096


def onthouden(fn: Callable[[Any], T]) -> Callable[[Any], T]:
    """`fn(x)` computed once per object `x` (identity, not equality)."""
    cache: dict[int, tuple[Any, T]] = {}

    def per_object(x: Any) -> T:
        hit = cache.get(id(x))
        if hit is not None and hit[0] is x:
            return hit[1]
        uit = fn(x)
        if len(cache) > MAX:
            cache.clear()
        cache[id(x)] = (x, uit)
        return uit

    per_object.__doc__ = fn.__doc__
    per_object.__name__ = fn.__name__
    return per_object
