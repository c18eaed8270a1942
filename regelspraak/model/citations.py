"""Traceability both ways: every `bron` in a model resolved against the law texts it names.

`citers(model)` lists every node that cites an article (rules, parameters, attributes,
kenmerken, objecttypes, feittypen); `resolve(...)` finds the law node each reference points
at, or reports RS602 with the nearest existing article/lid.
"""

from __future__ import annotations

from dataclasses import dataclass

from regelspraak.diagnostics import Diagnostic, Ernst
from regelspraak.law.geladen import GeladenWet
from regelspraak.law.tree import Wet, WetNode
from regelspraak.model import ir
from regelspraak.origin import ArtikelRef, Herkomst
from regelspraak.syntax.lexer import normalize


@dataclass(frozen=True)
class Citeerder:
    soort: str  # regel, beslistabel, parameter, attribuut, kenmerk, objecttype, feittype
    naam: str
    herkomst: Herkomst


def citers(model: ir.Model) -> list[Citeerder]:
    out: list[Citeerder] = [Citeerder(r.soort, r.naam, r.herkomst) for r in model.regels]
    out += [Citeerder("parameter", p.naam, p.herkomst) for p in model.parameters.values()]
    for ot in model.objecttypen.values():
        out.append(Citeerder("objecttype", ot.naam, ot.herkomst))
        out += [Citeerder("attribuut", f"{a.naam} ({ot.naam})", a.herkomst) for a in ot.attributen.values()]
        out += [Citeerder("kenmerk", f"{k.naam} ({ot.naam})", k.herkomst) for k in ot.kenmerken.values()]
    out += [Citeerder("feittype", f.naam, f.herkomst) for f in model.feittypen.values()]
    return out


def _wet_voor(ref: ArtikelRef, wetten: list[GeladenWet]) -> Wet | None:
    for g in wetten:
        v = g.vermelding
        if ref.bwb is not None and ref.bwb == v.bwb:
            return g.wet
        namen = {normalize(v.titel), *(normalize(a) for a in v.afkortingen)}
        if ref.wet is not None and normalize(ref.wet) in namen:
            return g.wet
    return None


@dataclass(frozen=True)
class Gevonden:
    citeerder: Citeerder
    ref: ArtikelRef
    wet: Wet
    node: WetNode


def resolve(model: ir.Model, wetten: list[GeladenWet]) -> tuple[list[Gevonden], list[Diagnostic]]:
    """Resolve every reference to a loaded law; references to other laws are left alone
    (they cannot be checked here, and citing them is legitimate)."""
    found: list[Gevonden] = []
    diags: list[Diagnostic] = []
    for c in citers(model):
        bron = c.herkomst.bron
        if bron is None:
            continue
        for ref in bron.refs:
            wet = _wet_voor(ref, wetten)
            if wet is None or ref.artikel is None:
                continue
            node = wet.vind(ref.artikel, ref.lid, ref.onderdeel)
            if node is None:
                hint = wet.suggest(ref.artikel, ref.lid, ref.onderdeel)
                diags.append(Diagnostic(
                    "RS602", Ernst.FOUT,
                    f"{c.soort.capitalize()} '{c.naam}' verwijst naar {ref.citeer()}, maar dat bestaat niet in "
                    f"{wet.citeertitel or wet.titel} (toestand {wet.toestand or 'onbekend'}).",
                    Herkomst(c.herkomst.span), hulp=f"Bedoelde u {hint.citeer()}?" if hint else None))
                continue
            found.append(Gevonden(c, ref, wet, node))
    return found, diags
