"""What the vectorised engine learns from a model's trees alone, once per model.

Per node (by identity; the analysis holds the model, so no id is reused): whether it reads no
object, its shared-subexpression key (shared.py) and the columns it reads, the one column it reads
(tabulate.py), and which variable references are the only read of their variable in their rule.
A second run over another population, or the next variant of a sweep, walks no tree again.

A shared-subexpression key is a small integer: equal trees (apart from `herkomst`) get the same
number, given bottom-up from the numbers of their parts, so a key is hashed in one step instead of
as a nested tuple of the whole tree at every lookup.

>>> from regelspraak.origin import Herkomst, Span
>>> t = ir.Type("numeriek")
>>> a = _Analyse(None, {}, {}, {})  # type: ignore[arg-type]
>>> a.sleutel(ir.Literal(1, t, Herkomst(Span("a.rgs", 1, 1)))) == a.sleutel(ir.Literal(1, t, Herkomst(Span("b", 9, 4))))
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

from regelspraak.evaluate import shared
from regelspraak.model import ir
from regelspraak.model.order import roots_of, walk_expr

_GEEN = object()  # memo: not computed yet (None is a computed "no key")

# The nodes whose results may be shared between rules (computations over columns).
BEREKEND = (ir.Rekenkunde, ir.Afronden, ir.Begrenzen, ir.Absoluut, ir.DatumDeel, ir.Tijdsduur, ir.DatumPlus,
            ir.Aggregeren)


@dataclass
class _Analyse:
    model: ir.Model
    vast_soort: dict[int, bool]
    sleutels: dict[int, tuple[int | None, tuple[tuple[str, str], ...]]]
    enkel: dict[int, ir.Attribuut | None]
    _herhaald: frozenset[int] | None = None
    _eenmalig: frozenset[int] | None = None
    tellingen: dict[int, int] = field(default_factory=dict)  # per repeated key: its occurrences
    _nummers: dict[object, int] = field(default_factory=dict)
    _memo: dict[int, object] = field(default_factory=dict)

    def sleutel(self, x: object) -> int | None:
        """The shared-subexpression key of `x` (equal for equal trees apart from where they were written), or
        None when it has none (a variable in the tree, or a value that cannot be hashed)."""
        knoop = hasattr(x, "herkomst") and hasattr(x, "__slots__")
        if knoop:
            hit = self._memo.get(id(x), _GEEN)
            if hit is not _GEEN:
                return hit  # type: ignore[return-value]
        k = self._bereken(x)
        if knoop:
            self._memo[id(x)] = k
        return k

    def _bereken(self, x: object) -> int | None:
        if isinstance(x, ir.VariabeleRef):
            return None
        if isinstance(x, ir.Attribuut | ir.Kenmerk):
            return self._nummer((type(x).__name__, x.objecttype, x.naam))
        if isinstance(x, ir.Rol):
            return self._nummer(("Rol", x.feittype, x.index))
        if isinstance(x, tuple):
            delen = tuple(self.sleutel(i) for i in x)
            if any(d is None and i is not None for d, i in zip(delen, x, strict=True)):
                return None
            return self._nummer(("()", *delen))
        if hasattr(x, "herkomst") and hasattr(x, "__slots__"):
            velden: list[object] = [type(x).__name__]
            for naam in x.__slots__:
                if naam == "herkomst":
                    continue
                v = getattr(x, naam)
                k = self.sleutel(v)
                if k is None and v is not None:
                    return None
                velden.append(k)
            return self._nummer(tuple(velden))
        if x is None:
            return None
        return self._nummer(("=", type(x).__name__, x))

    def _nummer(self, k: object) -> int | None:
        try:
            return self._nummers.setdefault(k, len(self._nummers))
        except TypeError:  # a value that cannot be hashed: no key
            return None

    def deel(self, x: ir.Expr) -> tuple[int | None, tuple[tuple[str, str], ...]]:
        """The key of `x` and the columns it reads (a remembered result holds while they stay)."""
        hit = self.sleutels.get(id(x))
        if hit is None:
            hit = self.sleutels[id(x)] = (self.sleutel(x), shared.leest(x))
        return hit

    def eenmalig(self) -> frozenset[int]:
        """The variable references (by node identity) that are the only read of their variable
        in their rule version."""
        if self._eenmalig is None:
            per_knoop: dict[int, int] = {}
            kandidaten: list[int] = []
            for regel in self.model.regels:
                for versie in regel.versies:
                    refs: dict[str, list[int]] = {}
                    for root in roots_of(versie):
                        for node in walk_expr(root):
                            if isinstance(node, ir.VariabeleRef):
                                refs.setdefault(node.naam, []).append(id(node))
                                per_knoop[id(node)] = per_knoop.get(id(node), 0) + 1
                    kandidaten += [ids[0] for ids in refs.values() if len(ids) == 1]
            self._eenmalig = frozenset(k for k in kandidaten if per_knoop[k] == 1)
        return self._eenmalig

    def herhaald(self) -> frozenset[int]:
        """The shared-subexpression keys that occur more than once in the model."""
        if self._herhaald is None:
            tel: dict[int, int] = {}
            for regel in self.model.regels:
                for versie in regel.versies:
                    for root in roots_of(versie):
                        for node in walk_expr(root):
                            if isinstance(node, BEREKEND):
                                k = self.sleutel(node)
                                if k is not None:
                                    tel[k] = tel.get(k, 0) + 1
            self._herhaald = frozenset(k for k, n in tel.items() if n > 1)
            self.tellingen = {k: n for k, n in tel.items() if n > 1}
        return self._herhaald


_ANALYSES: dict[int, _Analyse] = {}


def analyse(model: ir.Model) -> _Analyse:
    """The analysis of `model`, made on its first run and kept for a few models at a time."""
    hit = _ANALYSES.get(id(model))
    if hit is None or hit.model is not model:
        while len(_ANALYSES) >= 8:  # a few models at a time (a bill compares two)
            _ANALYSES.pop(next(iter(_ANALYSES)))
        hit = _ANALYSES[id(model)] = _Analyse(model, {}, {}, {})
    return hit
