"""Findings: what an analysis reports, as data with a stable id.

A finding never claims more than its engine knows: `oordeel` is `bewezen` (exhaustive, e.g. z3
unsat/sat over the stated domain), `tegenvoorbeeld` (a concrete case shows it; the case is
attached, ready for `bereken`) or `niet gevonden binnen budget` (search found nothing — not a
proof). Every finding states the domain it assumed.

>>> from regelspraak.origin import Herkomst, Span
>>> f = Finding("RS401", "sprong", Ernst.WAARSCHUWING, "Sprong van € 24.", Oordeel.TEGENVOORBEELD,
...             regels=(RegelPlek("zorgtoeslag", Herkomst(Span("z.rgs", 3))),), sleutel="zorgtoeslag|inkomen")
>>> len(f.id)
12
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from regelspraak.diagnostics import Ernst
from regelspraak.evaluate.interpret import Uitkomst
from regelspraak.model import ir
from regelspraak.origin import ArtikelRef, Herkomst


class Oordeel(Enum):
    BEWEZEN = "bewezen"
    TEGENVOORBEELD = "tegenvoorbeeld"
    NIET_GEVONDEN = "niet gevonden binnen budget"


@dataclass(frozen=True)
class RegelPlek:
    """A rule (or declaration) involved in a finding, with where it is written."""

    naam: str
    herkomst: Herkomst


@dataclass(frozen=True)
class Toelichting:
    """An explanation trace as data: the interpreter's outcome for one case of a finding. The
    analyses do not render it (they do not depend on report/); `report.findings` shows it the way
    `bereken --uitleg --formaat json` does."""

    model: ir.Model = field(repr=False, compare=False)
    uitkomst: Uitkomst = field(repr=False, compare=False)

    @property
    def regels(self) -> set[str]:
        """The rules that gave some value in this run."""
        return {a.regel for inst in self.uitkomst.instanties.values() for a in inst.afleidingen.values()
                if a.regel is not None}


@dataclass(frozen=True)
class Finding:
    code: str
    soort: str  # conflict, tabel-overlap, tabel-hiaat, hiaat, inconsistentie, dode-regel, …
    ernst: Ernst
    bericht: str
    oordeel: Oordeel
    regels: tuple[RegelPlek, ...] = ()
    sleutel: str = ""  # what makes this finding the same finding in another model version
    aannames: str = ""  # the input domain the check assumed
    tegenvoorbeeld: dict[str, Any] | None = None  # a case file (YAML/JSON-ready) for `bereken`
    uitleg: tuple[Toelichting, ...] = ()  # explanation traces (one per run, two for two-run findings)
    bedrag: str | None = None  # magnitude in euros, exact decimal string
    getroffen: int | None = None  # people affected in a population (weighted)
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def artikelen(self) -> tuple[ArtikelRef, ...]:
        refs: list[ArtikelRef] = []
        for r in self.regels:
            if r.herkomst.bron is not None:
                refs.extend(x for x in r.herkomst.bron.refs if x not in refs)
        return tuple(refs)

    @property
    def id(self) -> str:
        """Stable across runs and model versions: code + soort + what it is about (not line
        numbers, not magnitudes), so `--basis` can tell new findings from old ones."""
        basis = "|".join([self.code, self.soort, self.sleutel or ",".join(sorted(r.naam for r in self.regels))])
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:12]


def regel_plek(regel: ir.Regel) -> RegelPlek:
    return RegelPlek(regel.naam, regel.herkomst)


def telt(f: Finding) -> bool:
    """A real problem, not a 'nothing found' note: what `analyseer`'s exit code and the `vergelijk`
    gate count (one definition, so the two never drift apart)."""
    return f.ernst is not Ernst.INFO and f.oordeel is not Oordeel.NIET_GEVONDEN
