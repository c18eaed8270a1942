"""`Rekenfout`: a runtime calculation error with a Dutch message.

It lives in its own module so that `rounding`, `arithmetic` and `dates` can all raise it
without importing each other. The interpreter catches it and reports diagnostic RS206,
naming the rule and the instance (which this layer does not know).

>>> try:
...     raise Rekenfout("Deling door nul.")
... except Rekenfout as fout:
...     print(fout.bericht)
Deling door nul.
"""

from __future__ import annotations


class Rekenfout(Exception):
    """A RegelSpraak expression has no value for these inputs (e.g. division by zero).

    `bericht` is Dutch and user-facing; it describes the calculation, not the rule,
    because the caller adds the rule and instance.
    """

    def __init__(self, bericht: str) -> None:
        super().__init__(bericht)
        self.bericht = bericht
