"""A law as a model uses it: the law tree and how the model's `wet.yaml` names it.

Defined here, below `model/`, so that `model/` (citations, coverage) needs nothing from the
input layer; `inputs.wet_yaml` reads the file and builds these.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from regelspraak.law.tree import Wet


class Uitzondering(Protocol):
    """A lid the model deliberately leaves out (`niet_formaliseren` in wet.yaml)."""

    @property
    def artikel(self) -> str: ...
    @property
    def lid(self) -> str | None: ...
    @property
    def reden(self) -> str: ...


class Vermelding(Protocol):
    """One entry of `wetten:` in wet.yaml, as far as the model reads it."""

    @property
    def bwb(self) -> str: ...
    @property
    def titel(self) -> str: ...
    @property
    def afkortingen(self) -> Sequence[str]: ...
    @property
    def in_scope(self) -> Sequence[str] | None: ...
    @property
    def niet_formaliseren(self) -> Sequence[Uitzondering]: ...
    @property
    def beperkingen(self) -> Sequence[Uitzondering]: ...  # formalised, but only in part (with the reason)


@dataclass(frozen=True)
class GeladenWet:
    vermelding: Vermelding
    wet: Wet
