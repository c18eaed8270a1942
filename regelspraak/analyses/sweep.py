"""Search-based analyses of money outputs as functions of one numeric input: sprong, klif,
hoog-marginaal-tarief, and the declared monotonie and grenzen properties.

The search is seeded at every threshold the model contains (numeric literals and parameter
values, ± a few units), covers the input's domain on a coarse grid, and refines every interval
whose change deviates from its neighbours' until it has the exact unit step (€1, one day) where
the output jumps. All variants of a template are computed in one batch by the vectorised engine,
exactly. Nothing found is reported as "niet gevonden binnen budget", never as a proof.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from regelspraak.analyses.batch import Batch, Invoerplek, Uitkomstplek, met_waarde
from regelspraak.analyses.context import Context
from regelspraak.analyses.findings import Finding, Oordeel, RegelPlek
from regelspraak.diagnostics import Ernst
from regelspraak.evaluate import vectorize
from regelspraak.evaluate.interpret import Gegevens
from regelspraak.evaluate.interpret import run as interpret
from regelspraak.model import ir
from regelspraak.model.order import roots_of, walk_expr
from regelspraak.report.results import as_json
from regelspraak.syntax.lexer import normalize
from regelspraak.values.notation import format_getal, parse_getal

GROF = 400  # grid points over the whole domain
FIJN = 48  # points inserted into a suspicious interval per refinement


@dataclass(frozen=True)
class Kromme:
    """Output as a function of one input over the explored points (units of `stap`)."""

    plek: Invoerplek
    uitkomst: ir.Attribuut
    x: npt.NDArray[np.int64]  # input in units (integers)
    y: list[Fraction]  # output per point
    stap: Fraction  # the value of one unit of input
    volledig: bool  # False when the budget ran out before refinement finished
    leeg: frozenset[int] = frozenset()  # inputs (in units) for which the output stayed leeg


def drempelwaarden(model: ir.Model, parameters: dict[str, ir.Waarde]) -> list[Fraction]:
    """Every number the rules contain and every numeric parameter value: where searches start."""
    out: set[Fraction] = {v for v in parameters.values() if isinstance(v, Fraction)}
    for r in model.regels:
        for v in r.versies:
            for root in roots_of(v):
                out |= {n.waarde for n in walk_expr(root)
                        if isinstance(n, ir.Literal) and isinstance(n.waarde, Fraction)}
    return sorted(out)


def thresholds(ctx: Context) -> list[Fraction]:
    return drempelwaarden(ctx.model, ctx.parameters)


def _attr(model: ir.Model, objecttype: str, naam: str) -> ir.Attribuut | None:
    ot = model.objecttypen.get(normalize(objecttype))
    return ot.attributen.get(normalize(naam)) if ot is not None else None


def uitkomsten(ctx: Context) -> list[Uitkomstplek]:
    if ctx.analyse is None:
        return []
    out = []
    for u in ctx.analyse.uitkomsten:
        a = _attr(ctx.model, u.objecttype, u.naam)
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


def domein_van(ctx: Context, a: ir.Attribuut, seeds: list[Fraction]) -> tuple[Fraction, Fraction, Fraction]:
    stap = Fraction(1)  # one euro, one day, one unit: the "one more" of the issue
    if ctx.analyse is not None:
        for d in ctx.analyse.domeinen:
            if _attr(ctx.model, d.objecttype, d.naam) == a:
                lo, hi = parse_getal(d.minimum)[0], parse_getal(d.maximum)[0]
                if d.stap is not None:
                    stap = parse_getal(d.stap)[0]
                return lo, hi, stap
    hoog = max([s for s in seeds if s > 0] + [Fraction(100)])
    lo = Fraction(0) if a.type.teken in ("niet-negatief", "positief") else -hoog
    return lo, 2 * hoog, stap


def kromme(ctx: Context, batch: Batch, plek: Invoerplek, a: ir.Attribuut, uit: Uitkomstplek,
           seeds: list[Fraction], deadline: float, tolerantie: Fraction) -> Kromme | None:
    lo, hi, stap = domein_van(ctx, a, seeds)
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

    def evalueer(xs: list[int]) -> None:
        nieuw = [x for x in xs if x not in ys]
        if not nieuw:
            return
        arr = np.array(nieuw, dtype=np.int64)
        waarden = np.array([int(Fraction(x) * stap * noemer) for x in nieuw], dtype=np.int64)
        res = batch.run(len(arr), {plek: waarden}, [uit])
        tot, d = res[uit.attribuut.naam.lower()]
        leeg_per = batch.laatste_leeg.get(uit.attribuut.naam.lower())
        for i, (x, t) in enumerate(zip(arr.tolist(), tot.tolist(), strict=True)):
            ys[x] = Fraction(int(t), d)
            if leeg_per is not None and leeg_per[i]:
                leeg.add(x)

    evalueer(sorted(punten))
    volledig = True
    for _ in range(12):
        xs = sorted(ys)
        verdacht: list[tuple[int, int]] = []
        for i in range(len(xs) - 1):
            a0, a1 = xs[i], xs[i + 1]
            if a1 - a0 <= 1:
                continue
            dy = ys[a1] - ys[a0]
            buren = [(ys[xs[j + 1]] - ys[xs[j]]) / (xs[j + 1] - xs[j]) for j in (i - 1, i + 1)
                     if 0 <= j < len(xs) - 1]
            verwacht = sorted(buren)[len(buren) // 2] * (a1 - a0) if buren else Fraction(0)
            if abs(dy - verwacht) > tolerantie / 2:
                verdacht.append((a0, a1))
        if not verdacht:
            break
        if time.monotonic() > deadline:
            volledig = False
            break
        extra: set[int] = set()
        for a0, a1 in verdacht:
            extra |= set(np.linspace(a0, a1, min(FIJN, a1 - a0 + 1)).astype(np.int64).tolist())
        evalueer(sorted(extra))
    xs = sorted(ys)
    return Kromme(plek, uit.attribuut, np.array(xs, dtype=np.int64), [ys[x] for x in xs], stap, volledig,
                  frozenset(leeg))


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


def _geld(a: ir.Attribuut) -> bool:
    return a.type.eenheid is not None and str(a.type.eenheid).startswith("€")


def regels_voor(ctx: Context, a: ir.Attribuut) -> tuple[RegelPlek, ...]:
    key = (a.objecttype, a.naam.lower())
    return tuple(RegelPlek(r.naam, r.herkomst) for r in ctx.model.regels if key in r.schrijft or key in r.leest)


def sjabloon_geval(model: ir.Model, g: Gegevens) -> dict[str, Any]:
    """A case file for `bereken` (JSON/YAML-ready)."""
    from regelspraak.report.results import waarde_json

    objecten: dict[str, Any] = {}
    for oid, inv in g.objecten.items():
        ot = model.objecttypen[inv.type]
        obj: dict[str, Any] = {"type": ot.naam}
        for k, v in inv.attributen.items():
            if v is not None:
                obj[ot.attributen[k].naam] = waarde_json(v)
        for k, b in inv.kenmerken.items():
            obj[ot.kenmerken[k].naam] = b
        objecten[oid] = obj
    feiten = []
    for ft_key, ids in g.feiten:
        ft = model.feittypen[ft_key]
        if ft.wederkerig:
            feiten.append({"feittype": ft.naam, ft.rollen[0].naam: list(ids)})
        else:
            feiten.append({"feittype": ft.naam, ft.rollen[0].naam: ids[0], ft.rollen[1].naam: ids[1]})
    return {"rekendatum": g.rekendatum.isoformat(), "objecten": objecten, "feiten": feiten}


def uitleg(model: ir.Model, g: Gegevens) -> dict[str, Any]:
    u = interpret(model, g)
    return as_json(model, u, True)


def _drempel_bij(ctx: Context, x: Fraction, stap: Fraction) -> list[str]:
    """The parameter (by name) or literal threshold the input crosses at a jump, if any: a bill
    that moves that amount keeps the same finding, a bill that adds a new limit gets a new one."""
    namen = sorted(p for p, v in ctx.parameters.items() if isinstance(v, Fraction) and x <= v <= x + stap)
    if namen:
        return namen
    return sorted({format_getal(t) for t in thresholds(ctx) if x <= t <= x + stap})


def _regels_in(node: Any) -> set[str]:
    """The names of the rules that produced values in an explanation (JSON from `uitleg`)."""
    out: set[str] = set()
    if isinstance(node, dict):
        if isinstance(node.get("regel"), str) and "invoer" in node:
            out.add(node["regel"])
        for k, v in node.items():
            if k != "objecten":
                out |= _regels_in(v)
    elif isinstance(node, list):
        for v in node:
            out |= _regels_in(v)
    return out


def _geval_met(k: Kromme, g: Gegevens, x: int) -> Gegevens:
    return met_waarde(g, k.plek, Fraction(x) * k.stap)


def _eur(v: Fraction) -> str:
    return format_getal(v)


def sprong_en_klif(ctx: Context) -> list[Finding]:
    """A unit more of an input changes a money output by more than the tolerance (sprong); when
    the citizen ends up with less net (a marginal rate above 100%), it is a klif, with the width
    of the range in which he is worse off."""
    return [f for f in _per_kromme(ctx, _sprong_klif)]


def _tolerantie(ctx: Context) -> Fraction:
    return parse_getal(ctx.analyse.tolerantie)[0] if ctx.analyse is not None else Fraction(1)


def verken_krommen(ctx: Context) -> list[tuple[str, Gegevens, Batch, Kromme]]:
    if "krommen" in ctx.cache:
        return ctx.cache["krommen"]  # type: ignore[no-any-return]
    out: list[tuple[str, Gegevens, Batch, Kromme]] = []
    seeds = thresholds(ctx)
    deadline = ctx.deadline()
    tol = _tolerantie(ctx)
    for naam, g in ctx.sjablonen:
        batch = Batch(ctx.model, g)
        for plek, a in numeric_inputs(ctx, g):
            for uit in uitkomsten(ctx):
                try:
                    k = kromme(ctx, batch, plek, a, uit, seeds, deadline, tol)
                except vectorize.EngineFout:
                    continue
                if k is not None:
                    out.append((naam, g, batch, k))
    ctx.cache["krommen"] = out
    return out


def _per_kromme(ctx: Context, fn: Any) -> list[Finding]:
    out: list[Finding] = []
    for naam, g, batch, k in verken_krommen(ctx):
        out.extend(fn(ctx, naam, g, batch, k))
    return out


def _breedte(ctx: Context, batch: Batch, k: Kromme, x: int, y0: Fraction) -> int | None:
    """Smallest d with net(x + d) >= net(x), where net = input + output (both in euros)."""
    noemer = batch.noemer(k.plek)
    uit = Uitkomstplek(k.uitkomst.objecttype, k.uitkomst)
    net0 = Fraction(x) * k.stap + y0
    hi = None
    d = 1
    while d < 10**9:
        xs = [x + d * m for m in range(1, 33)]
        res = batch.run(len(xs), {k.plek: np.array([int(Fraction(v) * k.stap * noemer) for v in xs],
                                                   dtype=np.int64)}, [uit])
        tot, den = res[k.uitkomst.naam.lower()]
        for v, t in zip(xs, tot.tolist(), strict=True):
            if Fraction(v) * k.stap + Fraction(int(t), den) >= net0:
                hi = v
                break
        if hi is not None:
            break
        d *= 32
    if hi is None:
        return None
    lo = hi - d if hi - d > x else x
    while hi - lo > 1:
        mids = sorted(set(np.linspace(lo, hi, 34).astype(np.int64).tolist()) - {lo, hi})
        res = batch.run(len(mids), {k.plek: np.array([int(Fraction(v) * k.stap * noemer) for v in mids],
                                                     dtype=np.int64)}, [uit])
        tot, den = res[k.uitkomst.naam.lower()]
        nieuw_hi = hi
        nieuw_lo = lo
        for v, t in zip(mids, tot.tolist(), strict=True):
            if Fraction(v) * k.stap + Fraction(int(t), den) >= net0:
                nieuw_hi = v
                break
            nieuw_lo = v
        if (nieuw_lo, nieuw_hi) == (lo, hi):
            break
        lo, hi = nieuw_lo, nieuw_hi
    return hi - x


def _sprong_klif(ctx: Context, sjabloon: str, g: Gegevens, batch: Batch, k: Kromme) -> list[Finding]:
    tol = _tolerantie(ctx)
    out: list[Finding] = []
    invoer = ctx.model.objecttypen[k.plek.objecttype].attributen[k.plek.naam]
    for x, dy in _sprongen(k, tol):
        i = int(np.searchsorted(k.x, x))
        y0 = k.y[i]
        x_waarde, x1_waarde = Fraction(x) * k.stap, Fraction(x + 1) * k.stap
        geld = _geld(invoer) and _geld(k.uitkomst)
        klif = geld and dy < -k.stap
        voor, na = _geval_met(k, g, x), _geval_met(k, g, x + 1)
        details: dict[str, Any] = {"invoer": invoer.naam, "object": k.plek.object_id, "van": _eur(x_waarde),
                                   "naar": _eur(x1_waarde), "uitkomst": k.uitkomst.naam, "voor": _eur(y0),
                                   "na": _eur(y0 + dy), "sjabloon": sjabloon}
        if klif:
            breedte = _breedte(ctx, batch, k, x, y0)
            details["gedomineerd_bereik"] = _eur(Fraction(breedte) * k.stap) if breedte is not None else None
            bericht = (f"Klif: bij {invoer.naam} van {k.plek.object_id} = {_eur(x_waarde)} → {_eur(x1_waarde)} daalt "
                       f"{k.uitkomst.naam} met € {_eur(-dy)} ({sjabloon}); "
                       + (f"pas bij € {_eur(Fraction(breedte) * k.stap)} meer {invoer.naam} is de burger er weer "
                          "even goed aan toe." if breedte is not None else "het nadeel wordt binnen het domein niet "
                          "ingehaald."))
            code, soort = "RS402", "klif"
        else:
            bericht = (f"Sprong: bij {invoer.naam} van {k.plek.object_id} = {_eur(x_waarde)} → {_eur(x1_waarde)} "
                       f"verandert {k.uitkomst.naam} met € {_eur(dy)} ({sjabloon}).")
            code, soort = "RS401", "sprong"
        u_voor, u_na = uitleg(ctx.model, voor), uitleg(ctx.model, na)
        # The id names the rules that switch at the jump, not the amount where it happens: a bill
        # that only moves a threshold keeps the same finding; one that adds a cliff gets a new one.
        wisselend = sorted(_regels_in(u_voor) ^ _regels_in(u_na)) or [str(len(out))]
        wisselend += _drempel_bij(ctx, x_waarde, k.stap)
        out.append(Finding(code, soort, Ernst.WAARSCHUWING, bericht, Oordeel.TEGENVOORBEELD,
                           regels_voor(ctx, k.uitkomst) + regels_voor(ctx, invoer),
                           sleutel=f"{k.uitkomst.naam}|{invoer.naam}|{sjabloon}|{','.join(wisselend)}",
                           aannames=f"sjabloon '{sjabloon}', {invoer.naam} in [{_eur(Fraction(int(k.x[0])) * k.stap)}, "
                                    f"{_eur(Fraction(int(k.x[-1])) * k.stap)}], overige invoer vast",
                           tegenvoorbeeld=sjabloon_geval(ctx.model, na),
                           uitleg=(u_voor, u_na), bedrag=_eur(abs(dy)),
                           details=details))
    return out


def hoog_marginaal_tarief(ctx: Context) -> list[Finding]:
    """The effective marginal rate -Δoutput/Δinput over ranges wider than one step (jumps are
    sprong/klif) above the declared threshold (default 100%)."""
    drempel = Fraction(1)
    if ctx.analyse is not None:
        t = str(ctx.analyse.marginaal_tarief_drempel).strip()
        drempel = parse_getal(t.rstrip("%"))[0] / (100 if t.endswith("%") else 1)
    out: list[Finding] = []
    for sjabloon, _g, _b, k in verken_krommen(ctx):
        invoer = ctx.model.objecttypen[k.plek.objecttype].attributen[k.plek.naam]
        if not (_geld(invoer) and _geld(k.uitkomst)):
            continue
        best: tuple[Fraction, int, int] | None = None
        for i in range(len(k.x) - 1):
            dx = int(k.x[i + 1] - k.x[i])
            if dx < 10:
                continue
            rate = -(k.y[i + 1] - k.y[i]) / (Fraction(dx) * k.stap)
            if rate > drempel and (best is None or rate > best[0]):
                best = (rate, int(k.x[i]), int(k.x[i + 1]))
        if best is not None:
            rate, a0, a1 = best
            out.append(Finding("RS404", "hoog-marginaal-tarief", Ernst.WAARSCHUWING,
                               f"Marginaal tarief van {format_getal(rate * 100)}% op {k.uitkomst.naam} tussen "
                               f"{invoer.naam} € {_eur(a0 * k.stap)} en € {_eur(a1 * k.stap)} ({sjabloon}).",
                               Oordeel.TEGENVOORBEELD, regels_voor(ctx, k.uitkomst),
                               sleutel=f"{k.uitkomst.naam}|{invoer.naam}|{sjabloon}",
                               aannames=f"drempel {format_getal(drempel * 100)}%", bedrag=None,
                               details={"tarief": format_getal(rate)}))
    return out


def eigenschappen(ctx: Context) -> list[Finding]:
    """Declared monotonie and grenzen properties, checked on the explored curves."""
    out: list[Finding] = []
    for e in ctx.eigenschappen:
        a_uit = _attr(ctx.model, e.uitkomst.objecttype, e.uitkomst.naam)
        if a_uit is None or e.soort == "invariantie":
            continue
        gecontroleerd = 0
        schending: tuple[str, Gegevens, Kromme, int] | None = None
        for sjabloon, g, _b, k in verken_krommen(ctx):
            if k.uitkomst != a_uit:
                continue
            invoer = ctx.model.objecttypen[k.plek.objecttype].attributen[k.plek.naam]
            if e.soort == "monotonie":
                assert e.invoer is not None
                if _attr(ctx.model, e.invoer.objecttype, e.invoer.naam) != invoer:
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
            geval = _geval_met(k, g, int(k.x[i + 1] if e.soort == "monotonie" else k.x[i]))
            out.append(Finding("RS403" if e.soort == "monotonie" else "RS405", e.soort, Ernst.FOUT,
                               f"Eigenschap '{e.naam}' geldt niet ({sjabloon}).", Oordeel.TEGENVOORBEELD, plek,
                               sleutel=e.naam, tegenvoorbeeld=sjabloon_geval(ctx.model, geval),
                               uitleg=(uitleg(ctx.model, geval),)))
        else:
            out.append(Finding("RS403" if e.soort == "monotonie" else "RS405", e.soort, Ernst.INFO,
                               f"Eigenschap '{e.naam}': geen schending gevonden in {gecontroleerd} verkende "
                               "krommen.", Oordeel.NIET_GEVONDEN, plek, sleutel=e.naam,
                               aannames="de sjablonen en domeinen uit analyse.yaml"))
    return out


def hiaat(ctx: Context) -> list[Finding]:
    """A money output analyse.yaml declares as needed stays leeg for an explored input: no rule and
    no Initialisatie gives it a value there (RS311)."""
    out: list[Finding] = []
    gezien: set[tuple[str, str]] = set()
    for sjabloon, g, _b, k in verken_krommen(ctx):
        if not k.leeg or (sjabloon, k.uitkomst.naam) in gezien:
            continue
        gezien.add((sjabloon, k.uitkomst.naam))
        x = min(k.leeg)
        invoer = ctx.model.objecttypen[k.plek.objecttype].attributen[k.plek.naam]
        geval = _geval_met(k, g, x)
        out.append(Finding("RS311", "hiaat", Ernst.FOUT,
                           f"{k.uitkomst.naam} blijft leeg ({sjabloon}), bijvoorbeeld bij {invoer.naam} van "
                           f"{k.plek.object_id} = {_eur(Fraction(x) * k.stap)}: geen regel en geen Initialisatie "
                           "geeft het een waarde.", Oordeel.TEGENVOORBEELD, regels_voor(ctx, k.uitkomst),
                           sleutel=f"{k.uitkomst.naam}|{sjabloon}",
                           aannames=f"sjabloon '{sjabloon}', {invoer.naam} verkend over het domein",
                           tegenvoorbeeld=sjabloon_geval(ctx.model, geval), uitleg=(uitleg(ctx.model, geval),),
                           details={"aantal_punten": len(k.leeg)}))
    return out
