"""The declared names of a model, looked up case-insensitively, lidwoord and plural optional.

>>> s = Scope()
>>> s.suggest("leeftyd", ["leeftijd", "geboortedatum"])
'leeftijd'
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from regelspraak.diagnostics import Diagnostic, Ernst
from regelspraak.model import ir
from regelspraak.origin import Herkomst, Span
from regelspraak.syntax import nodes as n
from regelspraak.syntax.lexer import normalize
from regelspraak.values.units import Eenheden


@dataclass(frozen=True, slots=True)
class DimNaam:
    """A name of a dimensioned attribute: the declared name, its dimensions (keys) and the label per
    dimension (None: left open, as in an aggregation over that dimension)."""

    basis: str
    dims: tuple[str, ...]
    labels: tuple[str | None, ...]


@dataclass
class Scope:
    objecttypen: dict[str, ir.Objecttype] = field(default_factory=dict)
    ot_meervoud: dict[str, str] = field(default_factory=dict)  # plural -> key
    feittypen: dict[str, ir.Feittype] = field(default_factory=dict)
    rollen: dict[str, list[ir.Rol]] = field(default_factory=dict)  # name or plural -> roles
    parameters: dict[str, ir.Parameter] = field(default_factory=dict)
    domeinen: dict[str, ir.Type] = field(default_factory=dict)
    attr_meervoud: dict[tuple[str, str], str] = field(default_factory=dict)
    eenheden: Eenheden = field(default_factory=Eenheden)
    dagsoorten: dict[str, ir.Dagsoort] = field(default_factory=dict)  # key -> declaration (definitions added later)
    dimensies: dict[str, n.DimensieDecl] = field(default_factory=dict)  # key -> declaration (labels in order)
    dim_meervoud: dict[str, str] = field(default_factory=dict)  # plural ("jaren") -> key
    # A dimensioned attribute is one attribute per combination of labels ("bruto inkomen van vorig
    # jaar"); (objecttype, such a name, or one with dimensions left open) -> what it names.
    dim_attr: dict[tuple[str, str], DimNaam] = field(default_factory=dict)
    regelversies: bool = False  # some rule asks "regelversie R is gevuurd|inconsistent" (checked at the end)
    diags: list[Diagnostic] = field(default_factory=list)

    def fout(self, code: str, bericht: str, span: Span, hulp: str | None = None) -> None:
        self.diags.append(Diagnostic(code, Ernst.FOUT, bericht, Herkomst(span), hulp))

    def waarschuwing(self, code: str, bericht: str, span: Span, hulp: str | None = None) -> None:
        self.diags.append(Diagnostic(code, Ernst.WAARSCHUWING, bericht, Herkomst(span), hulp))

    # -- lookups (keys are normalised names)
    def objecttype(self, key: str) -> ir.Objecttype | None:
        key = normalize(key)
        return self.objecttypen.get(key) or self.objecttypen.get(self.ot_meervoud.get(key, ""))

    def attribuut(self, ot: str, key: str) -> ir.Attribuut | None:
        t = self.objecttypen.get(ot)
        if t is None:
            return None
        key = normalize(key)
        return t.attributen.get(key) or t.attributen.get(self.attr_meervoud.get((ot, key), ""))

    def kenmerk(self, ot: str, key: str) -> ir.Kenmerk | None:
        t = self.objecttypen.get(ot)
        return None if t is None else t.kenmerken.get(normalize(key))

    def rol_vanaf(self, ot: str, key: str) -> ir.Rol | None:
        """The role named `key` reached from an object of type `ot` (the other role of its feittype)."""
        for rol in self.rollen.get(normalize(key), []):
            ft = self.feittypen[rol.feittype]
            if ft.wederkerig:
                if rol.objecttype == ot:
                    return rol
                continue
            andere = ft.rollen[1 - rol.index]
            if andere.objecttype == ot:
                return rol
        return None

    def rol_van(self, ot: str, key: str) -> ir.Rol | None:
        """The role named `key` that an object of type `ot` itself plays."""
        for rol in self.rollen.get(normalize(key), []):
            if rol.objecttype == ot:
                return rol
        return None

    def namen_van(self, ot: str) -> list[str]:
        t = self.objecttypen.get(ot)
        if t is None:
            return []
        rollen = [r.naam for rs in self.rollen.values() for r in rs
                  if self.rol_vanaf(ot, r.naam) is not None]
        return [*t.attributen, *t.kenmerken, *rollen]

    def alle_namen(self) -> list[str]:
        out: list[str] = [*self.objecttypen, *self.parameters, *self.rollen]
        for t in self.objecttypen.values():
            out.extend(t.attributen)
            out.extend(t.kenmerken)
        return out

    @staticmethod
    def suggest(key: str, kandidaten: list[str]) -> str | None:
        hits = difflib.get_close_matches(normalize(key), sorted(set(kandidaten)), n=1, cutoff=0.6)
        return hits[0] if hits else None
