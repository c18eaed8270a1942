"""Two model versions over the same population: who gains, who loses, how much, per group.

Each run of partitions is generated once and evaluated by both models (same persons, same
weights), so the comparison costs one generation and two evaluations — not two simulations.
Runs go through `_paar`, in this process or on a Dask cluster (`cluster.verdeel`), and are
merged in partition order. Individual changes are exact; totals are weighted estimates, summed
exactly (see samenvatting.py), the same whatever the chunk size or number of workers.
"""

from __future__ import annotations

import heapq
import time
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from math import lcm
from typing import Any

import numpy as np
import numpy.typing as npt

from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.evaluate import convert
from regelspraak.evaluate.columns import Kolom
from regelspraak.evaluate.interpret import Gegevens
from regelspraak.evaluate.interpret import run as interpret
from regelspraak.evaluate.vector_periode import jaar_vast
from regelspraak.model import folder, ir
from regelspraak.model.from_syntax import load_model
from regelspraak.report.results import as_json
from regelspraak.simulate.delen import Deel, Partities, draai, kopie, sleutel
from regelspraak.simulate.perioden import omrekening, periode_van
from regelspraak.simulate.run import Uitkomst, parameters, scenario_attribuut
from regelspraak.simulate.samenvatting import Gewichten, marge_95
from regelspraak.simulate.samenvatting import groepen as groep_indeling
from regelspraak.simulate.scenario import Scenario, Uitvoering
from regelspraak.values.notation import format_getal

TOP = 10


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

    def voeg_toe(self, ander: _Acc) -> None:
        """Append another run of partitions (in partition order), on a common denominator."""
        d = lcm(self.d, ander.d)
        self.voor = [v * (d // self.d) for v in self.voor] + [v * (d // ander.d) for v in ander.voor]
        self.na = [v * (d // self.d) for v in self.na] + [v * (d // ander.d) for v in ander.na]
        self.d = d
        self.top = _grootste([*self.top, *ander.top])


def _grootste(kandidaten: list[tuple[Fraction, int, Gegevens, Gegevens, str]]) -> list[tuple[Fraction, int, Gegevens,
                                                                                               Gegevens, str]]:
    """The TOP largest changes; ties go to the earliest object (the number is the global row)."""
    return heapq.nsmallest(TOP, kandidaten, key=lambda x: (-x[0], x[1]))


def _decimaal(x: Fraction) -> str:
    """An amount as a decimal string; one converted to another period (÷ 12) that has no finite decimal
    expansion is rounded to cents."""
    n = x.denominator
    for p in (2, 5):
        while n % p == 0:
            n //= p
    return format_getal(x if n == 1 else round(x, 2))


def _exact(kol: Kolom, d: int) -> npt.NDArray[Any]:
    w = np.where(kol.geldig, np.asarray(kol.waarden), 0)
    return w * (d // kol.noemer) if d != kol.noemer else w


@dataclass(frozen=True)
class _Taak:
    partities: Partities
    kanten: tuple[_Kant, _Kant]
    uitvoer: tuple[tuple[ir.Attribuut, ir.Attribuut], ...]
    groep_attrs: tuple[ir.Attribuut, ...]
    rekendatum: date


@dataclass
class _Paar:
    """One run of partitions evaluated by both versions."""

    accs: dict[str, _Acc]
    groepen: Deel
    terugval: dict[str, str]
    rijen: int  # rows of each output objecttype before this run (for the global row number)


def _paar(taak: _Taak, stuk: range) -> _Paar:
    oud, nieuw = taak.kanten
    pops = []
    terugval: dict[str, str] = {}
    for j, k in enumerate(taak.kanten):
        pop = taak.partities.populatie(stuk, j)
        invoer = kopie(pop)
        # month columns of a timeline input belong to the berekeningsjaar: the cases of the largest
        # changes are rebuilt from this copy, which the run does not touch (issue 11)
        jaar_vast(invoer, taak.rekendatum.year)
        res = draai(k.model, pop, taak.rekendatum, k.params)
        terugval.update(res.terugval)
        pops.append((pop, invoer))
    taak.partities.vergeet()
    (pa, ia), (pb, ib) = pops
    groepen = Deel(stuk)
    for a in taak.groep_attrs:
        kol = pa.tabellen[a.objecttype].kolommen[a.naam.lower()]
        groepen.kolommen[sleutel(a)] = Kolom(np.asarray(kol.waarden), kol.geldig.copy(), kol.noemer)
    for ot in {a.objecttype for a, _ in taak.uitvoer} | {a.objecttype for a in taak.groep_attrs}:
        t = pa.tabellen[ot]
        groepen.gewichten[ot] = t.gewicht if t.gewicht is not None else np.ones(len(t))
    accs: dict[str, _Acc] = {}
    for a_oud, a_nieuw in taak.uitvoer:
        t_oud, t_nieuw = pa.tabellen[a_oud.objecttype], pb.tabellen[a_nieuw.objecttype]
        if len(t_oud) != len(t_nieuw):
            raise DiagnosticError([Diagnostic("RS901", Ernst.FOUT, "De populatie verschilt tussen de twee "
                                              "modellen (een ander aantal objecten).", None)])
        k_oud, k_nieuw = t_oud.kolommen[a_oud.naam.lower()], t_nieuw.kolommen[a_nieuw.naam.lower()]
        d = lcm(k_oud.noemer, k_nieuw.noemer)
        acc = accs[a_oud.naam] = _Acc(d=d)
        v, n = _exact(k_oud, d), _exact(k_nieuw, d)
        acc.voor.append(v)
        acc.na.append(n)
        diff = np.asarray(n - v)
        if len(diff):
            idx = np.argsort(-np.abs(diff.astype(np.float64)), kind="stable")[:TOP]
            for r in idx.tolist():
                if diff[r] == 0:
                    continue
                oid = str(t_oud.ids[r])
                g_oud = convert.geval_rond(oud.model, ia, a_oud.objecttype, r, taak.rekendatum, oud.params)
                g_nieuw = convert.geval_rond(nieuw.model, ib, a_nieuw.objecttype, r, taak.rekendatum, nieuw.params)
                # The global row comes from the object's id order within the run plus the run's start.
                acc.top.append((abs(Fraction(int(diff[r]), d)), stuk.start * 2**32 + r, g_oud, g_nieuw, oid))
        acc.top = _grootste(acc.top)
    return _Paar(accs, groepen, terugval, 0)


def vergelijk(sc: Scenario, oud_map: Any, nieuw_map: Any, uitvoering: Uitvoering | None = None) -> dict[str, Any]:
    start = time.perf_counter()
    kanten = []
    for m in (oud_map, nieuw_map):
        model = _load(m)
        files = folder.find(m)
        kanten.append(_Kant(model, files, parameters(model, files, sc)))
    oud, nieuw = kanten
    uitvoer = [(scenario_attribuut(oud.model, u.objecttype, u.attribuut, sc, ("uitvoer", i)),
                scenario_attribuut(nieuw.model, u.objecttype, u.attribuut, sc, ("uitvoer", i)))
               for i, u in enumerate(sc.bestand.uitvoer)]
    groep_attrs = [scenario_attribuut(oud.model, g.objecttype, g.attribuut, sc, ("groeperingen", i))
                   for i, g in enumerate(sc.bestand.groeperingen)]
    partities = Partities(sc, [k.model for k in kanten])
    personen = partities.personen
    taak = _Taak(partities, (oud, nieuw), tuple(uitvoer), tuple(groep_attrs), sc.rekendatum)
    stukken = partities.brokken(sc.bestand.populatie.blok)
    if uitvoering is not None and uitvoering.actief:
        from regelspraak.simulate.cluster import verdeel

        paren = verdeel(_paar, taak, stukken, uitvoering)
    else:
        paren = [_paar(taak, stuk) for stuk in stukken]
    accs = {a.naam: _Acc() for a, _ in uitvoer}
    uit_oud = Uitkomst(sc.bestand.naam, sc.rekendatum.isoformat(), personen, 0.0, {}, {}, {}, {}, 0)
    terugval: dict[str, str] = {}
    for p in paren:
        terugval.update(p.terugval)
        uit_oud.voeg_toe(p.groepen, tuple(groep_attrs))
        for naam, acc in p.accs.items():
            accs[naam].voeg_toe(acc)
    uit: dict[str, Any] = {}
    for a_oud, a_nieuw in uitvoer:
        acc = accs[a_oud.naam]
        d = Fraction(acc.d) / omrekening(a_oud, sc.bestand.per, sc.rekendatum)  # --per jaar: exact, before rounding
        voor = np.concatenate(acc.voor) if acc.voor else np.zeros(0, dtype=np.int64)
        na = np.concatenate(acc.na) if acc.na else np.zeros(0, dtype=np.int64)
        gew = uit_oud.gewicht(a_oud.objecttype)
        diff = na - voor
        win, verlies = diff > 0, diff < 0
        gw = Gewichten(gew)
        nul = np.zeros(len(gew), dtype=np.int64)

        def som(v: npt.NDArray[Any] | None, idx: npt.NDArray[np.int64] = nul, k: int = 1,
                gw: Gewichten = gw) -> list[Fraction]:
            return gw.per_groep(v, idx, k)  # exact: integer sums per weight class

        def rond(x: Fraction) -> str:
            return str(round(x))

        n_win, n_verlies = som(win.astype(np.int64))[0], som(verlies.astype(np.int64))[0]
        item: dict[str, Any] = {
            "objecttype": oud.model.objecttypen[a_oud.objecttype].naam,
            **periode_van(a_oud, sc.bestand.per, sc.rekendatum),
            "voor": {"totaal": rond(som(voor)[0] / d), "ontvangers": round(som((voor > 0).astype(np.int64))[0])},
            "na": {"totaal": rond(som(na)[0] / d), "ontvangers": round(som((na > 0).astype(np.int64))[0])},
            "budget": rond(som(diff)[0] / d),
            "budget_marge_95": marge_95(gew, diff, d),  # sampling error of the synthetic sample
            "winnaars": round(n_win), "verliezers": round(n_verlies),
            "gelijk": round(som((~win & ~verlies).astype(np.int64))[0]),
            "gemiddelde_winst": rond(som(np.where(win, diff, 0))[0] / d / n_win) if win.any() else None,
            "gemiddeld_verlies": rond(som(np.where(verlies, -diff, 0))[0] / d / n_verlies) if verlies.any()
            else None,
            "max_winst": _decimaal(Fraction(int(np.max(diff[win]))) / d) if win.any() else None,
            "max_verlies": _decimaal(Fraction(int(-np.min(diff[verlies]))) / d) if verlies.any() else None,
            "groepen": {},
            "grootste": [],
        }
        for g_, ga in zip(sc.bestand.groeperingen, groep_attrs, strict=True):
            if ga.objecttype != a_oud.objecttype:
                continue
            idx, labels = groep_indeling(g_, ga, uit_oud)
            k = len(labels)
            aantal, v_t, n_t = som(None, idx, k), som(voor, idx, k), som(na, idx, k)
            w_g, l_g = som(win.astype(np.int64), idx, k), som(verlies.astype(np.int64), idx, k)
            d_g = som(diff, idx, k)
            aanwezig = np.bincount(idx, minlength=k)
            rijen = []
            for gi, label in enumerate(labels):
                if not aanwezig[gi]:
                    continue
                rijen.append({"groep": label, "aantal": round(aantal[gi]), "voor_totaal": rond(v_t[gi] / d),
                              "na_totaal": rond(n_t[gi] / d), "winnaars": round(w_g[gi]),
                              "verliezers": round(l_g[gi]),
                              "gemiddelde_verandering": rond(d_g[gi] / d / aantal[gi]) if aantal[gi] else "0"})
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
