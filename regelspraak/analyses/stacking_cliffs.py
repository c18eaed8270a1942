"""Cliffs of the household (`stapelklif`, RS420): one unit more of income and what the household
has left — the income plus every flow it receives, minus every flow it pays — falls by more than
the tolerance; with the width of the range over which all flows together keep it worse off.

A scheme's own cliff (RS402) measures the width with that scheme alone: the €24 minimum of a
zorgtoeslag is made up by €24 more income. In a household where three toeslagen taper at once each
extra euro leaves only part of it, so the same €24 takes several times as long to make up: that
width is the armoedeval the household lives in, and the one reported here. The stacking analysis
(`stacking.py`) calls this with the net it computed along one income input.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from regelspraak.analyses.batch import Invoerplek, Uitkomstplek, met_waarde
from regelspraak.analyses.context import Context
from regelspraak.analyses.findings import Finding, Oordeel, RegelPlek
from regelspraak.analyses.sweep import eur, geval_json, tolerantie
from regelspraak.diagnostics import Ernst
from regelspraak.model import ir
from regelspraak.values.leesbaar import getal_tekst

Punten = dict[int, Fraction]
ZOEK = 32  # points per round of the width search (a count: every run explores the same points)
RONDES = 24


def kliffen(ctx: Context, sjabloon: str, g: Any, plek: Invoerplek, invoer: ir.Attribuut, stap: Fraction,
            flows: list[tuple[Uitkomstplek, int]], netto: Punten, per: dict[str, Punten],
            netto_bij: Callable[[list[int]], Punten]) -> list[Finding]:
    """Every unit step along `invoer` where input + net falls by more than the tolerance.
    `netto_bij(xs)` computes the net at more inputs (in units; a refused point is left out)."""
    tol = tolerantie(ctx)
    xs = sorted(netto)
    hoogste = xs[-1] if xs else 0
    out: list[Finding] = []
    per_stromen: dict[str, int] = {}
    for a0, a1 in itertools.pairwise(xs):
        if a1 - a0 != 1:
            continue
        verlies = -(netto[a1] - netto[a0]) - stap
        if verlies <= tol:
            continue
        besteedbaar0 = Fraction(a0) * stap + netto[a0]

        def even(kandidaten: list[int], drempel: Fraction = besteedbaar0) -> int | None:
            waarden = netto_bij(kandidaten)
            return next((x for x in kandidaten if x in waarden and Fraction(x) * stap + waarden[x] >= drempel), None)

        breedte = _breedte(even, a0, hoogste)
        delen = [(u, t * (per[u.attribuut.naam][a1] - per[u.attribuut.naam][a0])) for u, t in flows
                 if per[u.attribuut.naam][a1] != per[u.attribuut.naam][a0]]
        stromen = ",".join(u.attribuut.naam for u, _ in delen)
        n = per_stromen.get(stromen, 0)
        per_stromen[stromen] = n + 1
        out.append(_finding(ctx, sjabloon, g, plek, invoer, stap, a0, verlies, breedte, delen, f"{stromen}|{n}"))
    return out


def _breedte(even: Callable[[list[int]], int | None], x: int, hoogste: int) -> int | None:
    """The smallest d with even(x + d) — what the household has is back at its level at x —
    within the explored domain (up to `hoogste`); None when it is not made up there. Grows the step
    32-fold until a point is even, then narrows between the last uneven and the first even point."""
    lo, hi = x, None
    d = 1
    for _ in range(RONDES):
        kandidaten = [v for v in (lo + d * m for m in range(1, ZOEK + 1)) if v <= hoogste]
        if not kandidaten:
            break
        hi = even(kandidaten)
        if hi is not None:
            lo = max([v for v in kandidaten if v < hi], default=lo)
            break
        lo, d = kandidaten[-1], d * ZOEK
    if hi is None:
        return None
    for _ in range(RONDES):
        if hi - lo <= 1:
            break
        stap = max(1, (hi - lo) // (ZOEK + 1))
        kandidaten = list(range(lo + stap, hi, stap))
        gevonden = even(kandidaten)
        if gevonden is not None:
            hi = gevonden
        lo = max([v for v in kandidaten if v < hi], default=lo)
    return hi - x


def _finding(ctx: Context, sjabloon: str, g: Any, plek: Invoerplek, invoer: ir.Attribuut, stap: Fraction, a0: int,
             verlies: Fraction, breedte: int | None, delen: list[tuple[Uitkomstplek, Fraction]],
             sleutel: str) -> Finding:
    van, naar = Fraction(a0) * stap, Fraction(a0 + 1) * stap
    regels: list[RegelPlek] = []
    for u, _ in delen:
        key = (u.objecttype, u.attribuut.naam.lower())
        regels += [RegelPlek(r.naam, r.herkomst) for r in ctx.model.regels if key in r.schrijft]
    veranderingen = ", ".join(f"{u.attribuut.naam} {'+' if d > 0 else '−'}€ {getal_tekst(abs(d))}" for u, d in delen)
    bereik = (f"pas bij € {getal_tekst(Fraction(breedte) * stap)} meer {invoer.naam} houdt het er weer even veel over"
              if breedte is not None else "binnen het verkende domein houdt het er niet meer even veel over")
    return Finding(
        "RS420", "stapelklif", Ernst.WAARSCHUWING,
        f"Klif in wat het huishouden overhoudt bij {invoer.naam} van {plek.object_id} = € {getal_tekst(van)} → "
        f"€ {getal_tekst(naar)} ({sjabloon}): het houdt € {getal_tekst(verlies)} minder over ({veranderingen}); "
        f"{bereik}.",
        Oordeel.TEGENVOORBEELD, tuple(dict.fromkeys(regels)),
        sleutel=f"{invoer.naam}|{sjabloon}|{plek.object_id}|{sleutel}",
        aannames=f"sjabloon '{sjabloon}', overige invoer vast; wat het huishouden overhoudt = {invoer.naam} plus "
                 "de uitkeringen min de heffingen uit analyse.yaml; tolerantie € "
                 f"{getal_tekst(tolerantie(ctx))}",
        tegenvoorbeeld=geval_json(ctx.model, met_waarde(g, plek, naar)), bedrag=eur(verlies),
        details={"van": eur(van), "naar": eur(naar), "invoer": invoer.naam, "object": plek.object_id,
                 "sjabloon": sjabloon, "verlies": eur(verlies),
                 "gedomineerd_bereik": eur(Fraction(breedte) * stap) if breedte is not None else None,
                 "veranderingen": [{"uitkomst": u.attribuut.naam, "verandering": eur(d)} for u, d in delen]})
