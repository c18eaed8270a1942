"""Two model versions over the same population: who gains, who loses, how much, per group.

Each chunk of the population is generated once and evaluated by both models (same persons, same
weights), so the comparison costs one generation and two evaluations — not two simulations.
Individual changes are exact; totals are weighted estimates (see run.py).
"""

from __future__ import annotations

import heapq
import itertools
import time
from dataclasses import dataclass, field
from fractions import Fraction
from math import lcm
from typing import Any

import numpy as np
import numpy.typing as npt

from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.evaluate import convert, vectorize
from regelspraak.evaluate.columns import Kolom, Populatie, Tabel
from regelspraak.evaluate.interpret import Gegevens
from regelspraak.evaluate.interpret import run as interpret
from regelspraak.model import folder, ir
from regelspraak.model.from_syntax import load_model
from regelspraak.report.results import as_json
from regelspraak.simulate.run import Blokken, Uitkomst, groepen_van, parameters, periode_van, uitvoer_attribuut
from regelspraak.simulate.scenario import Scenario
from regelspraak.values.notation import format_getal

TOP = 10


def _copy(pop: Populatie) -> Populatie:
    return Populatie({k: Tabel(t.objecttype, t.ids, {c: Kolom(np.array(v.waarden, copy=True), v.geldig.copy(), v.noemer)
                                                     for c, v in t.kolommen.items()}, t.gewicht)
                      for k, t in pop.tabellen.items()}, dict(pop.relaties))


def _load(map_: Any) -> ir.Model:
    model, diags = load_model(list(folder.find(map_).rgs))
    if any(d.is_fout for d in diags):
        raise DiagnosticError(diags)
    return model


@dataclass
class _Kant:
    model: ir.Model
    files: folder.ModelFiles
    params: dict[str, ir.Waarde]


@dataclass
class _Acc:
    voor: list[npt.NDArray[Any]] = field(default_factory=list)
    na: list[npt.NDArray[Any]] = field(default_factory=list)
    d: int = 1
    top: list[tuple[Fraction, int, Gegevens, Gegevens, str]] = field(default_factory=list)


def _exact(kol: Kolom, d: int) -> npt.NDArray[Any]:
    w = np.where(kol.geldig, np.asarray(kol.waarden), 0)
    return w * (d // kol.noemer) if d != kol.noemer else w


def vergelijk(sc: Scenario, oud_map: Any, nieuw_map: Any) -> dict[str, Any]:
    start = time.perf_counter()
    kanten = []
    for m in (oud_map, nieuw_map):
        model = _load(m)
        files = folder.find(m)
        kanten.append(_Kant(model, files, parameters(model, files, sc)))
    oud, nieuw = kanten
    uitvoer = [(uitvoer_attribuut(oud.model, u.objecttype, u.attribuut, sc.pad),
                uitvoer_attribuut(nieuw.model, u.objecttype, u.attribuut, sc.pad)) for u in sc.bestand.uitvoer]
    groep_attrs = [uitvoer_attribuut(oud.model, g.objecttype, g.attribuut, sc.pad) for g in sc.bestand.groeperingen]
    blokken = Blokken(sc, [k.model for k in kanten])
    aantal, personen = blokken.aantal, blokken.personen

    accs = {a.naam: _Acc() for a, _ in uitvoer}
    volgnummer = itertools.count()  # ties in the heap never compare the cases themselves
    uit_oud = Uitkomst(sc.bestand.naam, sc.rekendatum.isoformat(), personen, 0.0, {}, {}, {}, {}, 0)
    terugval: dict[str, str] = {}
    for i in range(aantal):
        pops = []
        for j, k in enumerate(kanten):
            pop = blokken.populatie(i, j)
            invoer = _copy(pop)
            try:
                res = vectorize.run(k.model, pop, sc.rekendatum, k.params)
            except vectorize.EngineFout as e:
                raise DiagnosticError([Diagnostic(e.code, Ernst.FOUT, e.bericht, e.regel.herkomst)]) from e
            terugval.update(res.terugval)
            pops.append((pop, invoer))
        (pa, ia), (pb, ib) = pops
        for a in groep_attrs:
            key = f"{a.objecttype}|{a.naam.lower()}"
            from regelspraak.simulate.run import Kolomdata

            kol = pa.tabellen[a.objecttype].kolommen[a.naam.lower()]
            data = uit_oud.kolommen.setdefault(key, Kolomdata())
            data.waarden.append(np.asarray(kol.waarden))
            data.geldig.append(kol.geldig.copy())
            data.noemer = kol.noemer
        for a_oud, a_nieuw in uitvoer:
            t_oud, t_nieuw = pa.tabellen[a_oud.objecttype], pb.tabellen[a_nieuw.objecttype]
            if len(t_oud) != len(t_nieuw):
                raise DiagnosticError([Diagnostic("RS901", Ernst.FOUT, "De populatie verschilt tussen de twee "
                                                  "modellen (een ander aantal objecten).", None)])
            k_oud, k_nieuw = t_oud.kolommen[a_oud.naam.lower()], t_nieuw.kolommen[a_nieuw.naam.lower()]
            acc = accs[a_oud.naam]
            d = lcm(k_oud.noemer, k_nieuw.noemer, acc.d)
            if d != acc.d:
                acc.voor = [v * (d // acc.d) for v in acc.voor]
                acc.na = [v * (d // acc.d) for v in acc.na]
                acc.d = d
            v, n = _exact(k_oud, d), _exact(k_nieuw, d)
            acc.voor.append(v)
            acc.na.append(n)
            diff = np.asarray(n - v)
            if len(diff):
                idx = np.argsort(-np.abs(diff.astype(np.float64)), kind="stable")[:TOP]
                for r in idx.tolist():
                    if diff[r] == 0:
                        continue
                    verschil = Fraction(int(diff[r]), d)
                    oid = str(t_oud.ids[r])
                    g_oud = convert.geval_rond(oud.model, ia, a_oud.objecttype, r, sc.rekendatum, oud.params)
                    g_nieuw = convert.geval_rond(nieuw.model, ib, a_nieuw.objecttype, r, sc.rekendatum, nieuw.params)
                    heapq.heappush(acc.top, (abs(verschil), next(volgnummer), g_oud, g_nieuw, oid))
                    if len(acc.top) > TOP:
                        heapq.heappop(acc.top)
        for ot in {a.objecttype for a, _ in uitvoer} | {a.objecttype for a in groep_attrs}:
            t = pa.tabellen[ot]
            uit_oud.gewichten.setdefault(ot, []).append(t.gewicht if t.gewicht is not None else np.ones(len(t)))
    uit: dict[str, Any] = {}
    for a_oud, a_nieuw in uitvoer:
        acc = accs[a_oud.naam]
        voor = np.concatenate(acc.voor) if acc.voor else np.zeros(0, dtype=np.int64)
        na = np.concatenate(acc.na) if acc.na else np.zeros(0, dtype=np.int64)
        gew = uit_oud.gewicht(a_oud.objecttype)
        diff = na - voor
        df = np.asarray(diff, dtype=np.float64) / acc.d
        vf, nf = np.asarray(voor, dtype=np.float64) / acc.d, np.asarray(na, dtype=np.float64) / acc.d
        win, verlies = diff > 0, diff < 0
        item: dict[str, Any] = {
            "objecttype": oud.model.objecttypen[a_oud.objecttype].naam, **periode_van(a_oud),
            "voor": {"totaal": str(round(float(np.sum(vf * gew)))), "ontvangers": round(float(np.sum(gew[vf > 0])))},
            "na": {"totaal": str(round(float(np.sum(nf * gew)))), "ontvangers": round(float(np.sum(gew[nf > 0])))},
            "budget": str(round(float(np.sum(df * gew)))),
            "winnaars": round(float(np.sum(gew[win]))), "verliezers": round(float(np.sum(gew[verlies]))),
            "gelijk": round(float(np.sum(gew[~win & ~verlies]))),
            "gemiddelde_winst": str(round(float(np.average(df[win], weights=gew[win])))) if win.any() else None,
            "gemiddeld_verlies": str(round(float(np.average(-df[verlies], weights=gew[verlies])))) if verlies.any()
            else None,
            "max_winst": format_getal(Fraction(int(np.max(diff[win])), acc.d)) if win.any() else None,
            "max_verlies": format_getal(Fraction(int(-np.min(diff[verlies])), acc.d)) if verlies.any() else None,
            "groepen": {},
            "grootste": [],
        }
        for g_, ga in zip(sc.bestand.groeperingen, groep_attrs, strict=True):
            if ga.objecttype != a_oud.objecttype:
                continue
            idx, labels = groepen_van(g_, ga, uit_oud)
            rijen = []
            for gi, label in enumerate(labels):
                m = idx == gi
                if not m.any():
                    continue
                rijen.append({"groep": label, "aantal": round(float(np.sum(gew[m]))),
                              "voor_totaal": str(round(float(np.sum(vf[m] * gew[m])))),
                              "na_totaal": str(round(float(np.sum(nf[m] * gew[m])))),
                              "winnaars": round(float(np.sum(gew[m & win]))),
                              "verliezers": round(float(np.sum(gew[m & verlies]))),
                              "gemiddelde_verandering": str(round(float(np.average(df[m], weights=gew[m]))))})
            item["groepen"][g_.naam] = rijen
        for verschil, _, g_oud, g_nieuw, oid in sorted(acc.top, key=lambda x: -x[0]):
            u_oud, u_nieuw = interpret(oud.model, g_oud), interpret(nieuw.model, g_nieuw)
            j_oud, j_nieuw = as_json(oud.model, u_oud, True), as_json(nieuw.model, u_nieuw, True)
            voor_w = j_oud["objecten"].get(oid, {}).get("attributen", {}).get(a_oud.naam)
            na_w = j_nieuw["objecten"].get(oid, {}).get("attributen", {}).get(a_nieuw.naam)
            item["grootste"].append({"object": oid, "voor": voor_w, "na": na_w, "verschil": format_getal(
                Fraction(na_w or 0) - Fraction(voor_w or 0)) if not u_oud.fouten and not u_nieuw.fouten else None,
                "uitleg_voor": j_oud.get("uitleg", {}).get(oid), "uitleg_na": j_nieuw.get("uitleg", {}).get(oid)})
            del verschil
        uit[a_oud.naam] = item
    return {"scenario": sc.bestand.naam, "personen": personen, "rekendatum": sc.rekendatum.isoformat(),
            "duur_s": round(time.perf_counter() - start, 2), "terugval": terugval, "uitvoer": uit}
