"""Search-based analyses of money outputs as functions of one numeric input: sprong, klif,
hoog-marginaal-tarief, and the declared monotonie and grenzen properties.

The search is seeded at every threshold the model contains (numeric literals and parameter
values, ± a few units), covers the input's domain on a coarse grid, and refines every interval
whose change deviates from its neighbours' until it has the exact unit step (€1, one day) where
the output jumps. All variants of a template are computed in one batch by the vectorised engine,
exactly. Nothing found is reported as "niet gevonden binnen budget", never as a proof.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from regelspraak.analyses.batch import Batch, Invoerplek, Uitkomstplek, met_waarde
from regelspraak.analyses.context import Context
from regelspraak.analyses.findings import Finding, Oordeel, RegelPlek, Toelichting
from regelspraak.diagnostics import Ernst
from regelspraak.evaluate import vectorize
from regelspraak.evaluate.interpret import Gegevens
from regelspraak.evaluate.interpret import run as interpret
from regelspraak.model import ir
from regelspraak.model.order import roots_of, walk_expr
from regelspraak.syntax.lexer import normalize
from regelspraak.values.leesbaar import getal_tekst, percentage
from regelspraak.values.notation import format_getal, parse_getal
from regelspraak.values.tijdlijn import Tijdlijn

GROF = 400  # grid points over the whole domain
FIJN = 48  # points inserted into a suspicious interval per refinement
RONDES = 12  # refinement rounds: a count, never a clock, so every run explores the same points


@dataclass(frozen=True)
class Kromme:
    """Output as a function of one input over the explored points (units of `stap`)."""

    plek: Invoerplek
    uitkomst: ir.Attribuut
    x: npt.NDArray[np.int64]  # input in units (integers)
    y: list[Fraction]  # output per point
    stap: Fraction  # the value of one unit of input
    volledig: bool  # False when RONDES refinements left an interval unresolved
    leeg: frozenset[int] = frozenset()  # inputs (in units) for which the output stayed leeg
    # Inputs (in units) at which the engine refused the case (a conflict, a computation error).
    fouten: tuple[tuple[int, vectorize.EngineFout], ...] = ()


def drempelwaarden(model: ir.Model, parameters: dict[str, ir.Waarde]) -> list[Fraction]:
    """Every number the rules contain and every numeric parameter value: where searches start."""
    out: set[Fraction] = set(_getallen(parameters).values()) | {
        s.waarde for v in parameters.values() if isinstance(v, Tijdlijn) for s in v.stukken
        if isinstance(s.waarde, Fraction)}
    for r in model.regels:
        for v in r.versies:
            for root in roots_of(v):
                out |= {n.waarde for n in walk_expr(root)
                        if isinstance(n, ir.Literal) and isinstance(n.waarde, Fraction)}
    return sorted(out)


def _getallen(parameters: dict[str, ir.Waarde]) -> dict[str, Fraction]:
    """The numeric parameter values; a timeline parameter (a value that changes on 1 July) by each of its
    values, as `naam@vanaf`, so a threshold it crosses in either half of the year is named."""
    out = {p: v for p, v in parameters.items() if isinstance(v, Fraction)}
    for p, v in parameters.items():
        if isinstance(v, Tijdlijn):
            out |= {f"{p}@{s.vanaf.isoformat()}": s.waarde for s in v.stukken if isinstance(s.waarde, Fraction)}
    return out


def thresholds(ctx: Context) -> list[Fraction]:
    return drempelwaarden(ctx.model, ctx.parameters)


def attribuut(model: ir.Model, objecttype: str, naam: str) -> ir.Attribuut | None:
    ot = model.objecttypen.get(normalize(objecttype))
    return ot.attributen.get(normalize(naam)) if ot is not None else None


def uitkomsten(ctx: Context) -> list[Uitkomstplek]:
    """The money outputs analyse.yaml declares, or (without it) those derived from the units."""
    if ctx.analyse is None:
        return [Uitkomstplek(ot, ctx.model.objecttypen[ot].attributen[a]) for ot, a in ctx.afgeleide_uitkomsten]
    out = []
    for u in ctx.analyse.uitkomsten:
        a = attribuut(ctx.model, u.objecttype, u.naam)
        if a is not None:
            out.append(Uitkomstplek(a.objecttype, a))
    return out


def numeric_inputs(ctx: Context, g: Gegevens) -> list[tuple[Invoerplek, ir.Attribuut]]:
    """Numeric inputs of the template's objects: attributes no rule derives, or that only an
    Initialisatie writes (a default the citizen's own value overrides)."""
    derived = {w for r in ctx.model.regels for v in r.versies for res in v.resultaten
               if isinstance(res, ir.Toekenning) and not res.initialisatie for w in r.schrijft}
    out = []
    for oid, inv in sorted(g.objecten.items()):
        ot = ctx.model.objecttypen[inv.type]
        for a in ot.attributen.values():
            if a.type.is_getal and (inv.type, a.naam.lower()) not in derived:
                out.append((Invoerplek(oid, inv.type, a.naam.lower()), a))
    return out


def domein(ctx: Context, a: ir.Attribuut, seeds: list[Fraction]) -> tuple[Fraction, Fraction, Fraction]:
    stap = Fraction(1)  # one euro, one day, one unit: the "one more" of the issue
    if ctx.analyse is not None:
        for d in ctx.analyse.domeinen:
            if attribuut(ctx.model, d.objecttype, d.naam) == a:
                lo, hi = parse_getal(d.minimum)[0], parse_getal(d.maximum)[0]
                if d.stap is not None:
                    stap = parse_getal(d.stap)[0]
                return lo, hi, stap
    hoog = max([s for s in seeds if s > 0] + [Fraction(100)])
    lo = Fraction(0) if a.type.teken in ("niet-negatief", "positief") else -hoog
    return lo, 2 * hoog, stap


def kromme(ctx: Context, batch: Batch, plek: Invoerplek, a: ir.Attribuut, uit: Uitkomstplek,
           seeds: list[Fraction], tolerantie: Fraction) -> Kromme | None:
    lo, hi, stap = domein(ctx, a, seeds)
    n_lo, n_hi = int(lo / stap), int(hi / stap)
    if n_hi <= n_lo:
        return None
    noemer = batch.noemer(plek)
    punten = set(np.linspace(n_lo, n_hi, GROF).astype(np.int64).tolist())
    for s in seeds:
        k = int(s / stap)
        punten |= {k + d for d in range(-2, 3) if n_lo <= k + d <= n_hi}
    ys: dict[int, Fraction] = {}
    leeg: set[int] = set()
    fouten: dict[int, vectorize.EngineFout] = {}

    def evalueer(xs: list[int]) -> None:
        nieuw = [x for x in xs if x not in ys and x not in fouten]
        if not nieuw:
            return
        waarden = np.array([int(Fraction(x) * stap * noemer) for x in nieuw], dtype=np.int64)
        naam = uit.attribuut.naam.lower()
        res, leeg_per, geweigerd = batch.run_veilig({plek: waarden}, [uit])
        for i, x in enumerate(nieuw):
            if i in geweigerd:
                fouten[x] = geweigerd[i]
                continue
            t = res[naam][i]
            assert t is not None
            ys[x] = Fraction(*t)
            if leeg_per[naam][i]:
                leeg.add(x)

    evalueer(sorted(punten))
    volledig = True
    for _ in range(RONDES):
        xs = sorted(ys)
        verdacht: list[tuple[int, int]] = []
        for i in range(len(xs) - 1):
            a0, a1 = xs[i], xs[i + 1]
            if a1 - a0 <= 1 or (a1 - a0 <= 3 and all(x in fouten for x in range(a0 + 1, a1))):
                continue  # a unit step, or only refused points in between (reported as RS231)
            dy = ys[a1] - ys[a0]
            buren = [(ys[xs[j + 1]] - ys[xs[j]]) / (xs[j + 1] - xs[j]) for j in (i - 1, i + 1)
                     if 0 <= j < len(xs) - 1]
            verwacht = sorted(buren)[len(buren) // 2] * (a1 - a0) if buren else Fraction(0)
            if abs(dy - verwacht) > tolerantie / 2:
                verdacht.append((a0, a1))
        if not verdacht:
            break
        extra: set[int] = set()
        for a0, a1 in verdacht:
            extra |= set(np.linspace(a0, a1, min(FIJN, a1 - a0 + 1)).astype(np.int64).tolist())
        evalueer(sorted(extra))
    else:
        volledig = False
    xs = sorted(ys)
    return Kromme(plek, uit.attribuut, np.array(xs, dtype=np.int64), [ys[x] for x in xs], stap, volledig,
                  frozenset(leeg), tuple(sorted(fouten.items(), key=lambda p: p[0])))


def _sprongen(k: Kromme, tolerantie: Fraction) -> list[tuple[int, Fraction]]:
    """Unit steps whose change departs from the trend around them by more than the tolerance: a
    steady 2% per insured year is a slope, the €24 that vanishes at one euro more is a jump."""
    out = []
    n = len(k.x)
    for i in range(n - 1):
        if k.x[i + 1] - k.x[i] != 1:
            continue
        dy = k.y[i + 1] - k.y[i]
        if abs(dy) <= tolerantie:
            continue
        buren = [(k.y[j + 1] - k.y[j]) / int(k.x[j + 1] - k.x[j]) for j in (i - 1, i + 1) if 0 <= j < n - 1]
        trend = sorted(buren)[len(buren) // 2] if len(buren) == 2 else (buren[0] if buren else Fraction(0))
        if len(buren) == 2 and abs(buren[0] - buren[1]) > tolerantie:
            trend = min(buren, key=abs)  # the neighbours disagree: measure against the flatter side
        if abs(dy - trend) > tolerantie:
            out.append((int(k.x[i]), dy))
    return out


def is_geld(a: ir.Attribuut) -> bool:
    return a.type.eenheid is not None and str(a.type.eenheid).startswith("€")


def regels_voor(ctx: Context, a: ir.Attribuut) -> tuple[RegelPlek, ...]:
    key = (a.objecttype, a.naam.lower())
    return tuple(RegelPlek(r.naam, r.herkomst) for r in ctx.model.regels if key in r.schrijft or key in r.leest)


def _uniek(regels: tuple[RegelPlek, ...]) -> tuple[RegelPlek, ...]:
    return tuple(dict.fromkeys(regels))


def geval_json(model: ir.Model, g: Gegevens) -> dict[str, Any]:
    """A case file for `bereken` (JSON/YAML-ready)."""
    objecten: dict[str, Any] = {}
    for oid, inv in g.objecten.items():
        ot = model.objecttypen[inv.type]
        obj: dict[str, Any] = {"type": ot.naam}
        for k, v in inv.attributen.items():
            if v is not None:
                obj[ot.attributen[k].naam] = _waarde(v)
        for k, b in inv.kenmerken.items():
            obj[ot.kenmerken[k].naam] = b
        objecten[oid] = obj
    return {"rekendatum": g.rekendatum.isoformat(), "objecten": objecten, "feiten": feiten_json(model, g)}


def feiten_json(model: ir.Model, g: Gegevens) -> list[dict[str, Any]]:
    """The facts of a case as a case file writes them (the one writer: findings and the property
    search's counterexamples alike)."""
    feiten: list[dict[str, Any]] = []
    for ft_key, ids in g.feiten:
        ft = model.feittypen[ft_key]
        if ft.wederkerig:
            feiten.append({"feittype": ft.naam, ft.rollen[0].naam: list(ids)})
        else:
            feiten.append({"feittype": ft.naam, ft.rollen[0].naam: ids[0], ft.rollen[1].naam: ids[1]})
    return feiten


def _waarde(v: ir.Waarde) -> Any:
    """A value as a case file writes it (exact decimal strings, ISO dates)."""
    if isinstance(v, Fraction):
        return format_getal(v)
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, Tijdlijn):  # as a case file gives a timeline: its stretches
        return [{"vanaf": s.vanaf.isoformat(), "tot": s.tot.isoformat(), "waarde": _waarde(s.waarde)}
                for s in v.stukken]
    return v


def uitleg(model: ir.Model, g: Gegevens) -> Toelichting:
    """The explanation trace of the case `g` (rendered by report/)."""
    return Toelichting(model, interpret(model, g))


def _drempel_bij(ctx: Context, voor: Toelichting, na: Toelichting, stap: Fraction) -> list[str]:
    """The parameter (by name) or literal threshold crossed at a jump: by the input itself, or by a
    value that moves with it step for step (the joint income of a couple when one partner's income
    rises), so both partners name the same threshold. A bill that moves that amount keeps the same
    finding, a bill that adds a new limit gets a new one."""
    params = {p.split("@")[0]: v for p, v in _getallen(ctx.parameters).items()}
    literals = thresholds(ctx)
    namen: set[str] = set()
    getallen: set[str] = set()
    for oid, inst in voor.uitkomst.instanties.items():
        ander = na.uitkomst.instanties.get(oid)
        if ander is None:
            continue
        for key, a in inst.waarden.items():
            b = ander.waarden.get(key)
            if not (isinstance(a, Fraction) and isinstance(b, Fraction) and abs(b - a) == stap):
                continue
            lo, hi = min(a, b), max(a, b)
            namen |= {p for p, v in params.items() if lo <= v <= hi}
            getallen |= {format_getal(t) for t in literals if lo <= t <= hi}
    return sorted(namen) or sorted(getallen)


def regels_in(t: Toelichting) -> set[str]:
    """The names of the rules that produced values in an explanation."""
    return t.regels


def geval_met(k: Kromme, g: Gegevens, x: int) -> Gegevens:
    return met_waarde(g, k.plek, Fraction(x) * k.stap)


def eur(v: Fraction) -> str:
    return format_getal(v)


def _nl(v: Fraction) -> str:
    """An amount in a message, for people: "39.719", "1.573,42" (details keep the machine notation)."""
    return getal_tekst(v)


def sprong_en_klif(ctx: Context) -> list[Finding]:
    """A unit more of an input changes a money output by more than the tolerance (sprong); when
    the citizen ends up with less net (a marginal rate above 100%), it is a klif, with the width
    of the range in which he is worse off."""
    return _samen(_per_kromme(ctx, _sprong_klif))


def tolerantie(ctx: Context) -> Fraction:
    return parse_getal(ctx.analyse.tolerantie)[0] if ctx.analyse is not None else Fraction(1)


def krommen(ctx: Context, alleen: Callable[[Invoerplek, ir.Attribuut], bool] | None = None
            ) -> list[tuple[str, Gegevens, Batch, Kromme]]:
    """Every output along every numeric input of every template (computed once per run). With
    `alleen`, the curves along the inputs it accepts: taken from the full set when another
    analysis already computed it, else computed for those inputs only (the stacking analysis run
    alone needs only the incomes)."""
    if "krommen" in ctx.cache:
        alle: list[tuple[str, Gegevens, Batch, Kromme]] = ctx.cache["krommen"]
        return alle if alleen is None else [
            (s, g, b, k) for s, g, b, k in alle
            if alleen(k.plek, ctx.model.objecttypen[k.plek.objecttype].attributen[k.plek.naam])]
    out: list[tuple[str, Gegevens, Batch, Kromme]] = []
    seeds = thresholds(ctx)
    tol = tolerantie(ctx)
    for naam, g in ctx.sjablonen:
        batch = Batch(ctx.model, g)
        for plek, a in numeric_inputs(ctx, g):
            if alleen is not None and not alleen(plek, a):
                continue
            for uit in uitkomsten(ctx):
                ctx.bij()
                k = kromme(ctx, batch, plek, a, uit, seeds, tol)
                if k is not None:
                    out.append((naam, g, batch, k))
    if alleen is None:
        ctx.cache["krommen"] = out
    return out


def dek_krommen(ctx: Context, analyse: str) -> None:
    """Record what the sweeps covered (outputs, inputs, ranges, templates) and what not, and why."""
    alle = krommen(ctx)
    if not ctx.sjablonen:
        ctx.dek(analyse, overgeslagen=["geen sjablonen (analyse.yaml noemt er geen)"])
    if not uitkomsten(ctx):
        ctx.dek(analyse, overgeslagen=["geen geld-uitkomsten (analyse.yaml noemt er geen, of het model berekent "
                                       "geen attribuut met eenheid €)"])
    for naam, g in ctx.sjablonen:
        if not numeric_inputs(ctx, g):
            ctx.dek(analyse, overgeslagen=[f"sjabloon '{naam}': geen numerieke invoer om te variëren"])
    for s, _g, _b, k in alle:
        invoer = ctx.model.objecttypen[k.plek.objecttype].attributen[k.plek.naam].naam
        ctx.dek(analyse, gedekt=[f"{k.uitkomst.naam} langs {invoer} van {k.plek.object_id} in "
                                 f"[{_nl(Fraction(int(k.x[0])) * k.stap)}, {_nl(Fraction(int(k.x[-1])) * k.stap)}] "
                                 f"({s})"])
        if not k.volledig:
            ctx.dek(analyse, overgeslagen=[f"{k.uitkomst.naam} langs {invoer} ({s}): na {RONDES} verfijningen nog "
                                           "niet elk interval tot op de eenheid verkend"])


def _per_kromme(ctx: Context, fn: Any) -> list[Finding]:
    out: list[Finding] = []
    for naam, g, batch, k in krommen(ctx):
        out.extend(fn(ctx, naam, g, batch, k))
    dek_krommen(ctx, getattr(fn, "analyse", "sprong_en_klif"))
    return out


def _breedte(ctx: Context, batch: Batch, k: Kromme, x: int, y0: Fraction) -> int | None:
    """Smallest d with net(x + d) >= net(x), where net = input + output (both in euros); a point
    the engine refuses (RS231) never counts as even again."""
    net0 = Fraction(x) * k.stap + y0

    def even(vs: list[int]) -> int | None:
        y = _waarde_bij(batch, k, vs)
        return next((v for v in vs if (w := y[v]) is not None and Fraction(v) * k.stap + w >= net0), None)

    hi = None
    d = 1
    while d < 10**9 and hi is None:
        hi = even([x + d * m for m in range(1, 33)])
        if hi is None:
            d *= 32
    if hi is None:
        return None
    lo = hi - d if hi - d > x else x
    while hi - lo > 1:
        mids = sorted(set(np.linspace(lo, hi, 34).astype(np.int64).tolist()) - {lo, hi})
        gevonden = even(mids)
        nieuw_hi = gevonden if gevonden is not None else hi
        nieuw_lo = max([v for v in mids if v < nieuw_hi], default=lo)
        if (nieuw_lo, nieuw_hi) == (lo, hi):
            break
        lo, hi = nieuw_lo, nieuw_hi
    return hi - x


def _waarde_bij(batch: Batch, k: Kromme, xs: list[int]) -> dict[int, Fraction | None]:
    """The output at the given inputs (None where the engine refused the point)."""
    noemer = batch.noemer(k.plek)
    uit = Uitkomstplek(k.uitkomst.objecttype, k.uitkomst)
    res, _, _ = batch.run_veilig({k.plek: np.array([int(Fraction(v) * k.stap * noemer) for v in xs],
                                                   dtype=np.int64)}, [uit])
    return {x: (Fraction(w[0], w[1]) if (w := res[k.uitkomst.naam.lower()][i]) is not None else None)
            for i, x in enumerate(xs)}


def echte_sprongen(ctx: Context, batch: Batch, k: Kromme) -> list[tuple[int, Fraction]]:
    """The unit steps that are real discontinuities: the change departs by more than the tolerance
    from the unit step on BOTH sides (measured, not taken from the grid). At a kink of a steep taper
    the step equals the step on its steep side: a slope (RS404), not a jump."""
    sleutel = f"sprongen|{id(k)}"
    if sleutel in ctx.cache:
        return ctx.cache[sleutel]  # type: ignore[no-any-return]
    tol = tolerantie(ctx)
    kandidaten = _sprongen(k, tol)
    buren = _waarde_bij(batch, k, sorted({v for x, _ in kandidaten for v in (x - 1, x + 2)}))
    out = []
    for x, dy in kandidaten:
        i = int(np.searchsorted(k.x, x))
        y0, y1 = k.y[i], k.y[i] + dy
        links, rechts = buren.get(x - 1), buren.get(x + 2)
        zijden = [y0 - links if links is not None else None, rechts - y1 if rechts is not None else None]
        if all(z is None or abs(dy - z) > tol for z in zijden):
            out.append((x, dy))
    ctx.cache[sleutel] = out
    return out


def _sprong_klif(ctx: Context, sjabloon: str, g: Gegevens, batch: Batch, k: Kromme) -> list[Finding]:
    out: list[Finding] = []
    invoer = ctx.model.objecttypen[k.plek.objecttype].attributen[k.plek.naam]
    for x, dy in echte_sprongen(ctx, batch, k):
        i = int(np.searchsorted(k.x, x))
        y0 = k.y[i]
        x_waarde, x1_waarde = Fraction(x) * k.stap, Fraction(x + 1) * k.stap
        geld = is_geld(invoer) and is_geld(k.uitkomst)
        leeg_voor, leeg_na = x in k.leeg, (x + 1) in k.leeg
        klif = geld and dy < -k.stap and not (leeg_voor or leeg_na)
        voor, na = geval_met(k, g, x), geval_met(k, g, x + 1)
        details: dict[str, Any] = {"invoer": invoer.naam, "object": k.plek.object_id, "van": eur(x_waarde),
                                   "naar": eur(x1_waarde), "uitkomst": k.uitkomst.naam,
                                   "voor": "leeg" if leeg_voor else eur(y0),
                                   "na": "leeg" if leeg_na else eur(y0 + dy), "sjabloon": sjabloon,
                                   "objecten": [k.plek.object_id]}
        bij = f"bij {invoer.naam} van {k.plek.object_id} = {_nl(x_waarde)} → {_nl(x1_waarde)}"
        bedrag: str | None = eur(abs(dy))
        if leeg_voor or leeg_na:
            # Leeg is leeg: no value, not a value of 0 (regelspraak-taal.md §6).
            bericht = (f"Sprong {bij} wordt {k.uitkomst.naam} leeg (was € {_nl(y0)}) ({sjabloon})." if leeg_na
                       else f"Sprong {bij} krijgt {k.uitkomst.naam} een waarde (€ {_nl(y0 + dy)}); ervoor was het "
                       f"leeg ({sjabloon}).")
            code, soort, bedrag = "RS401", "sprong", None
        elif klif:
            breedte = _breedte(ctx, batch, k, x, y0)
            details["gedomineerd_bereik"] = eur(Fraction(breedte) * k.stap) if breedte is not None else None
            bericht = (f"Klif: {bij} daalt {k.uitkomst.naam} met € {_nl(-dy)} ({sjabloon}); "
                       + (f"pas bij € {_nl(Fraction(breedte) * k.stap)} meer {invoer.naam} is de burger er weer "
                          "even goed aan toe." if breedte is not None else "het nadeel wordt binnen het domein niet "
                          "ingehaald."))
            code, soort = "RS402", "klif"
        else:
            bericht = f"Sprong: {bij} verandert {k.uitkomst.naam} met € {_nl(dy)} ({sjabloon})."
            code, soort = "RS401", "sprong"
        u_voor, u_na = uitleg(ctx.model, voor), uitleg(ctx.model, na)
        # The id names the rules that switch at the jump and the threshold crossed, not the amount or
        # where it happens: a bill that only moves a threshold keeps the same finding (also when the
        # other partner now crosses it first); one that adds a limit gets a new one.
        wisselend = _wisselend(u_voor, u_na, k.uitkomst.naam.lower()) or [eur(x_waarde)]
        # What the jump is, for recognising it on another member (who crosses it at another value).
        details["kern"] = f"{code}|{k.uitkomst.naam}|{invoer.naam}|{sjabloon}|{','.join(wisselend)}|{bedrag}"
        wisselend += _drempel_bij(ctx, u_voor, u_na, k.stap)
        out.append(Finding(code, soort, Ernst.WAARSCHUWING, bericht, Oordeel.TEGENVOORBEELD,
                           _uniek(regels_voor(ctx, k.uitkomst) + regels_voor(ctx, invoer)),
                           sleutel=f"{k.uitkomst.naam}|{invoer.naam}|{sjabloon}|{','.join(wisselend)}",
                           aannames=f"sjabloon '{sjabloon}', {invoer.naam} in [{_nl(Fraction(int(k.x[0])) * k.stap)}, "
                                    f"{_nl(Fraction(int(k.x[-1])) * k.stap)}], overige invoer vast",
                           tegenvoorbeeld=geval_json(ctx.model, na),
                           uitleg=(u_voor, u_na), bedrag=bedrag,
                           details=details))
    return out


def _wisselend(voor: Toelichting, na: Toelichting, sleutel: str) -> list[str]:
    """The rules that gave the output before and after the jump, on the objects whose output
    changed: the same for every member of a couple, so the same jump keeps one id."""
    uit: set[str] = set()
    for oid, inst in voor.uitkomst.instanties.items():
        ander = na.uitkomst.instanties.get(oid)
        if ander is None or inst.waarden.get(sleutel) == ander.waarden.get(sleutel):
            continue
        for a in (inst.afleidingen.get(sleutel), ander.afleidingen.get(sleutel)):
            uit.add(a.regel if a is not None and a.regel is not None else "leeg")
    return sorted(uit) or sorted(regels_in(voor) ^ regels_in(na))


def _samen(fs: list[Finding]) -> list[Finding]:
    """One finding per thing: the same jump for several members of one case — the same id, or the
    same rules and amount crossed at another value of the member's own input — becomes one finding
    that lists every member."""
    out: list[Finding] = []
    plaats: dict[str, int] = {}  # id or jump -> index in out
    for f in fs:
        objecten = list(f.details.get("objecten", []))
        i = plaats.get(f.id, plaats.get(str(f.details.get("kern", f.id))))
        if i is None or set(objecten) & set(out[i].details.get("objecten", [])):
            plaats.setdefault(f.id, len(out))
            plaats.setdefault(str(f.details.get("kern", f.id)), len(out))
            out.append(f)
            continue
        eerder = out[i]
        eerder.details["objecten"] = list(dict.fromkeys([*eerder.details.get("objecten", []), *objecten]))
        out[i] = dataclasses.replace(eerder, bericht=f"{eerder.bericht.rstrip('.')}; ook voor "
                                     f"{', '.join(eerder.details['objecten'][1:])}.")
    return out


def hoog_marginaal_tarief(ctx: Context) -> list[Finding]:
    """The effective marginal rate -Δoutput/Δinput over ranges wider than one step (jumps are
    sprong/klif) above the declared threshold (default 100%)."""
    drempel = Fraction(1)
    if ctx.analyse is not None:
        t = str(ctx.analyse.marginaal_tarief_drempel).strip()
        drempel = parse_getal(t.rstrip("%"))[0] / (100 if t.endswith("%") else 1)
    out: list[Finding] = []
    dek_krommen(ctx, "hoog_marginaal_tarief")
    for sjabloon, _g, _b, k in krommen(ctx):
        invoer = ctx.model.objecttypen[k.plek.objecttype].attributen[k.plek.naam]
        if not (is_geld(invoer) and is_geld(k.uitkomst)):
            continue
        sprongen = {x for x, _ in echte_sprongen(ctx, _b, k)}
        for rate, a0, a1 in _steile_stukken(k, drempel, sprongen):
            out.append(Finding("RS404", "hoog-marginaal-tarief", Ernst.WAARSCHUWING,
                               f"Marginaal tarief van {percentage(rate * 100)} op {k.uitkomst.naam} over het hele "
                               f"bereik {invoer.naam} € {_nl(a0 * k.stap)} tot € {_nl(a1 * k.stap)} ({sjabloon}).",
                               Oordeel.TEGENVOORBEELD, regels_voor(ctx, k.uitkomst),
                               sleutel=f"{k.uitkomst.naam}|{invoer.naam}|{sjabloon}|{eur(a0 * k.stap)}",
                               aannames=f"drempel {percentage(drempel * 100)}", bedrag=None,
                               details={"tarief": format_getal(rate), "van": eur(a0 * k.stap),
                                        "tot": eur(a1 * k.stap), "invoer": invoer.naam,
                                        "uitkomst": k.uitkomst.naam, "object": k.plek.object_id}))
    return out


def _steile_stukken(k: Kromme, drempel: Fraction, sprongen: set[int]) -> list[tuple[Fraction, int, int]]:
    """Maximal ranges of explored intervals whose marginal rate exceeds `drempel` (real jumps
    excluded): (highest rate in the range, start, end) in input units."""
    out: list[tuple[Fraction, int, int]] = []
    huidig: tuple[Fraction, int, int] | None = None
    for i in range(len(k.x) - 1):
        a0, a1 = int(k.x[i]), int(k.x[i + 1])
        rate = -(k.y[i + 1] - k.y[i]) / (Fraction(a1 - a0) * k.stap)
        steil = rate > drempel and not (a1 - a0 == 1 and a0 in sprongen)
        if steil and huidig is not None and huidig[2] == a0:
            huidig = (max(huidig[0], rate), huidig[1], a1)
        elif steil:
            if huidig is not None:
                out.append(huidig)
            huidig = (rate, a0, a1)
        elif huidig is not None:
            out.append(huidig)
            huidig = None
    if huidig is not None:
        out.append(huidig)
    return [h for h in out if h[2] - h[1] > 1]


def eigenschappen(ctx: Context) -> list[Finding]:
    """Declared monotonie and grenzen properties, checked on the explored curves."""
    out: list[Finding] = []
    if not ctx.eigenschappen:
        ctx.dek("eigenschappen", overgeslagen=["geen eigenschappen.yaml"])
    for e in ctx.eigenschappen:
        ctx.dek("eigenschappen", gedekt=[e.naam])
        a_uit = attribuut(ctx.model, e.uitkomst.objecttype, e.uitkomst.naam)
        if a_uit is None or e.soort not in ("monotonie", "grenzen"):  # the rest: regelspraak/properties/
            continue
        gecontroleerd = 0
        schending: tuple[str, Gegevens, Kromme, int] | None = None
        for sjabloon, g, _b, k in krommen(ctx):
            if k.uitkomst != a_uit:
                continue
            invoer = ctx.model.objecttypen[k.plek.objecttype].attributen[k.plek.naam]
            if e.soort == "monotonie":
                assert e.invoer is not None
                if attribuut(ctx.model, e.invoer.objecttype, e.invoer.naam) != invoer:
                    continue
                gecontroleerd += 1
                for i in range(len(k.x) - 1):
                    dy = k.y[i + 1] - k.y[i]
                    if (e.richting == "niet-stijgend" and dy > 0) or (e.richting == "niet-dalend" and dy < 0):
                        schending = (sjabloon, g, k, i)
                        break
            else:
                gecontroleerd += 1
                lo = parse_getal(e.minimum)[0] if e.minimum is not None else None
                hi = parse_getal(e.maximum)[0] if e.maximum is not None else None
                for i, y in enumerate(k.y):
                    if (lo is not None and y < lo) or (hi is not None and y > hi):
                        schending = (sjabloon, g, k, i)
                        break
            if schending:
                break
        plek = regels_voor(ctx, a_uit)
        if schending is not None:
            sjabloon, g, k, i = schending
            geval = geval_met(k, g, int(k.x[i + 1] if e.soort == "monotonie" else k.x[i]))
            out.append(Finding("RS403" if e.soort == "monotonie" else "RS405", e.soort, Ernst.FOUT,
                               f"Eigenschap '{e.naam}' geldt niet ({sjabloon}).", Oordeel.TEGENVOORBEELD, plek,
                               sleutel=e.naam, tegenvoorbeeld=geval_json(ctx.model, geval),
                               uitleg=(uitleg(ctx.model, geval),)))
        else:
            out.append(Finding("RS403" if e.soort == "monotonie" else "RS405", e.soort, Ernst.INFO,
                               f"Eigenschap '{e.naam}': geen schending gevonden in {gecontroleerd} verkende "
                               "krommen.", Oordeel.NIET_GEVONDEN, plek, sleutel=e.naam,
                               aannames="de sjablonen en domeinen uit analyse.yaml"))
    return out
