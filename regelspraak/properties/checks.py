"""What each kind of property demands of the computed values of a case (and of its transformed
copy, for the relational kinds). A check returns None when the property holds for the example,
or a Dutch sentence saying how it fails.

Leeg outputs: `monotonie`, `grenzen` and `begrensd-effect` compare only filled values (a leeg
total counts as 0 for a bounded effect); `nooit-leeg` is the property about leeg; the
invariances demand the same value, leeg included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from regelspraak.inputs.eigenschappen_yaml import Eigenschap, Voorwaarde
from regelspraak.model import ir
from regelspraak.properties.evaluation import Sleutels, Waarden
from regelspraak.syntax.lexer import normalize
from regelspraak.values.notation import format_getal, parse_getal
from regelspraak.values.tijdlijn import Tijdlijn, knip, totaal


@dataclass(frozen=True)
class Plek:
    """An attribute or kenmerk of an objecttype, resolved against the model."""

    objecttype: str
    sleutel: str  # attribute key or "kenmerk:" + key
    naam: str  # as declared


def plek(model: ir.Model, objecttype: str, naam: str) -> Plek | None:
    ot = model.objecttypen.get(normalize(objecttype))
    if ot is None:
        return None
    k = normalize(naam)
    if k in ot.attributen:
        return Plek(normalize(objecttype), k, ot.attributen[k].naam)
    if k in ot.kenmerken:
        return Plek(normalize(objecttype), "kenmerk:" + k, ot.kenmerken[k].naam)
    return None


def transformatie(e: Eigenschap) -> str | None:
    """The transformation a property compares against (None: a per-case property)."""
    return {"monotonie": "ophogen", "begrensd-effect": "partner-erbij", "symmetrie": "wissel"}.get(
        e.soort, e.transformatie if e.soort == "invariantie" else None)


def _getal(x: object) -> Fraction:
    return parse_getal(str(x).rstrip("%").strip())[0]


def sleutels(model: ir.Model, e: Eigenschap, extra: list[Voorwaarde] | None = None) -> Sleutels:
    """Which values a check reads, per objecttype."""
    uit = plek(model, e.uitkomst.objecttype, e.uitkomst.naam)
    out: dict[str, set[str]] = {}
    if uit is not None:
        out.setdefault(uit.objecttype, set()).add(uit.sleutel)
    voorwaarden = [*e.wanneer, *[v for g in e.groepen for v in g.wanneer], *(extra or [])]
    for v in voorwaarden:
        p = plek(model, v.objecttype or e.uitkomst.objecttype, v.naam)
        if p is not None:
            out.setdefault(p.objecttype, set()).add(p.sleutel)
    return {k: frozenset(v) for k, v in out.items()}


def voldoet(model: ir.Model, e: Eigenschap, voorwaarden: list[Voorwaarde], w: Waarden, oid: str) -> bool:
    """All conditions hold: those about the output's objecttype for object `oid` itself, the
    others for some object of their type in the case."""
    uit_type = normalize(e.uitkomst.objecttype)
    for v in voorwaarden:
        p = plek(model, v.objecttype or e.uitkomst.objecttype, v.naam)
        if p is None:
            return False
        kandidaten = [oid] if p.objecttype == uit_type else w.van_type(p.objecttype)
        if not any(_een(v, w.waarden.get(o, {}).get(p.sleutel)) for o in kandidaten):
            return False
    return True


def _een(v: Voorwaarde, x: ir.Waarde) -> bool:
    if isinstance(x, Tijdlijn):  # a condition on a timeline holds when it holds on some stretch
        return any(_een(v, s.waarde) for s in x.stukken)
    if v.is_ is not None:
        return bool(x) is v.is_
    if x is None:
        return False
    if v.gelijk_aan is not None:
        if isinstance(x, Fraction):
            return x == _getal(v.gelijk_aan)
        return str(x).lower() == str(v.gelijk_aan).lower()
    if not isinstance(x, Fraction):
        return False
    return (v.minimum is None or x >= _getal(v.minimum)) and (v.maximum is None or x <= _getal(v.maximum))


def _w(x: ir.Waarde) -> str:
    return "leeg" if x is None else format_getal(x) if isinstance(x, Fraction) else str(x)


def _uit(model: ir.Model, e: Eigenschap) -> Plek:
    p = plek(model, e.uitkomst.objecttype, e.uitkomst.naam)
    assert p is not None  # checked when the search starts
    return p


def _stukken(x: ir.Waarde) -> list[tuple[str, ir.Waarde]]:
    """A value as (where, value) pairs: one pair for a plain value, one per stretch for a timeline
    (issue 11: a property about a timeline output holds on every stretch)."""
    if isinstance(x, Tijdlijn):
        return [(f" van {s.vanaf:%d-%m-%Y} tot {s.tot:%d-%m-%Y}", s.waarde) for s in x.stukken]
    return [("", x)]


def _gat(x: ir.Waarde, jaar: int | None) -> str | None:
    """Where a timeline output is leeg inside the berekeningsjaar (`jaar`), in Dutch; None when it is
    filled all year (or is not a timeline)."""
    if not isinstance(x, Tijdlijn) or jaar is None:
        return None
    moment, einde = date(jaar, 1, 1), date(jaar + 1, 1, 1)
    for s in x.stukken:
        if s.tot <= moment:
            continue
        if s.vanaf > moment:
            return f" van {moment:%d-%m-%Y} tot {min(s.vanaf, einde):%d-%m-%Y}" if moment < einde else None
        moment = max(moment, s.tot)
    return f" van {moment:%d-%m-%Y} tot {einde:%d-%m-%Y}" if moment < einde else None


def _totaal(x: ir.Waarde) -> Fraction | None:
    """A number, or a timeline's total (the sum over its periods), for the bounded effect."""
    if isinstance(x, Tijdlijn):
        return totaal(x)
    return x if isinstance(x, Fraction) else None


def per_geval(model: ir.Model, e: Eigenschap, w: Waarden, jaar: int | None = None) -> str | None:
    """A per-case property's failure in Dutch, or None. A timeline output is checked on every stretch
    (grenzen) and must be filled on every day of the berekeningsjaar `jaar` (nooit-leeg)."""
    uit = _uit(model, e)
    for oid in w.van_type(uit.objecttype):
        x0 = w.waarden[oid].get(uit.sleutel)
        gat = _gat(x0, jaar)
        if e.soort == "nooit-leeg" and gat is not None and voldoet(model, e, e.wanneer, w, oid):
            return f"{uit.naam} van {oid} blijft leeg{gat}"
        for waar, x in _stukken(x0):
            fout = _grenzen(e, uit, oid, waar, x)
            if fout is not None:
                return fout
        if e.soort == "nooit-leeg" and x0 is None and voldoet(model, e, e.wanneer, w, oid):
            return f"{uit.naam} van {oid} blijft leeg"
    return None


def _grenzen(e: Eigenschap, uit: Plek, oid: str, waar: str, x: ir.Waarde) -> str | None:
    if e.soort == "grenzen" and isinstance(x, Fraction):
        if e.minimum is not None and x < _getal(e.minimum):
            return f"{uit.naam} van {oid} is {_w(x)}{waar}, minder dan het minimum {e.minimum}"
        if e.maximum is not None and x > _getal(e.maximum):
            return f"{uit.naam} van {oid} is {_w(x)}{waar}, meer dan het maximum {e.maximum}"
    return None


def relationeel(model: ir.Model, e: Eigenschap, w0: Waarden, w1: Waarden, mapping: dict[str, str]) -> str | None:
    uit = _uit(model, e)
    if e.soort == "begrensd-effect":
        t0 = sum((x for o in w0.van_type(uit.objecttype) if (x := _totaal(w0.waarden[o].get(uit.sleutel))) is not None),
                 Fraction(0))
        t1 = sum((x for o in w1.van_type(uit.objecttype) if (x := _totaal(w1.waarden[o].get(uit.sleutel))) is not None),
                 Fraction(0))
        d = t1 - t0
        if e.maximum is not None and d > _getal(e.maximum):
            return f"{uit.naam} stijgt met {_w(d)} (van {_w(t0)} naar {_w(t1)}), meer dan {e.maximum}"
        if e.minimum is not None and d < _getal(e.minimum):
            return f"{uit.naam} verandert met {_w(d)} (van {_w(t0)} naar {_w(t1)}), minder dan {e.minimum}"
        return None
    for oid in w0.van_type(uit.objecttype):
        nid = mapping.get(oid)
        if nid is None or nid not in w1.waarden:
            continue
        x0, x1 = w0.waarden[oid].get(uit.sleutel), w1.waarden[nid].get(uit.sleutel)
        if e.soort == "monotonie":
            for waar, a, b in _naast(x0, x1):
                if not (isinstance(a, Fraction) and isinstance(b, Fraction)):
                    continue
                if (e.richting == "niet-stijgend" and b > a) or (e.richting == "niet-dalend" and b < a):
                    return f"{uit.naam} van {oid} gaat van {_w(a)} naar {_w(b)}{waar}"
        elif x0 != x1:
            wie = oid if nid == oid else f"{oid} (na de transformatie {nid})"
            return f"{uit.naam} van {wie} is {_w(x0)} en na de transformatie {_w(x1)}"
    return None


def _naast(x0: ir.Waarde, x1: ir.Waarde) -> list[tuple[str, ir.Waarde, ir.Waarde]]:
    """Two values side by side: plain values once, two timelines on every stretch of their knip (the
    output before and after the transformation, compared per period)."""
    if isinstance(x0, Tijdlijn) and isinstance(x1, Tijdlijn):
        return [(f" van {a:%d-%m-%Y} tot {b:%d-%m-%Y}", x0.op(a), x1.op(a)) for a, b in knip([x0, x1])]
    return [("", x0, x1)]
