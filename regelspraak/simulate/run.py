"""Run a scenario over a population, in chunks, and summarise the outputs per group.

Every individual amount is exact (the vectorised engine). Population totals are weighted
estimates: generated persons stand for many residents, with float64 weights, so totals and
counts are statistics and are reported rounded (euros, persons) — never fed back into a rule.
Chunks keep memory bounded: a chunk is generated, mapped, evaluated, summarised and written
before the next one starts.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.evaluate import vectorize
from regelspraak.evaluate.columns import Populatie
from regelspraak.inputs.files import read_parameter_files
from regelspraak.inputs.names import strip_lidwoord
from regelspraak.inputs.values import WaardeFout, convert
from regelspraak.model import folder, ir
from regelspraak.model.from_syntax import load_model
from regelspraak.origin import Herkomst, Span
from regelspraak.report.atomic import schrijf_map
from regelspraak.simulate.scenario import Groepering, Scenario
from regelspraak.syntax.lexer import normalize

Floats = npt.NDArray[np.float64]


@dataclass
class Kolomdata:
    """One output or grouping attribute over all rows of all chunks."""

    waarden: list[npt.NDArray[Any]] = field(default_factory=list)  # numerators (numbers) or codes
    geldig: list[npt.NDArray[np.bool_]] = field(default_factory=list)
    noemer: int = 1

    def samen(self) -> tuple[npt.NDArray[Any], npt.NDArray[np.bool_]]:
        if not self.waarden:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
        return np.concatenate(self.waarden), np.concatenate(self.geldig)


@dataclass
class Uitkomst:
    scenario: str
    rekendatum: str
    personen: int
    duur_s: float
    objecttype: dict[str, str]  # uitvoer/groepering attribute key -> objecttype key
    gewichten: dict[str, list[Floats]]  # objecttype -> weights per chunk
    kolommen: dict[str, Kolomdata]  # "objecttype|attribute" -> data
    terugval: dict[str, str]
    inconsistent: int
    samenvatting: dict[str, Any] = field(default_factory=dict)

    def gewicht(self, ot: str) -> Floats:
        ws = self.gewichten.get(ot, [])
        return np.concatenate(ws) if ws else np.zeros(0)


def _fout(pad: Path, bericht: str) -> DiagnosticError:
    return DiagnosticError([Diagnostic("RS901", Ernst.FOUT, bericht, Herkomst(Span(str(pad), 1, 1)))])


def uitvoer_attribuut(model: ir.Model, objecttype: str, naam: str, pad: Path) -> ir.Attribuut:
    ot = model.objecttypen.get(strip_lidwoord(objecttype))
    if ot is None:
        raise _fout(pad, f"Onbekend objecttype '{objecttype}' in het scenario.")
    a = ot.attributen.get(strip_lidwoord(naam))
    if a is None:
        raise _fout(pad, f"'{naam}' is geen attribuut van {ot.naam}.")
    return a


def parameters(model: ir.Model, files: folder.ModelFiles, sc: Scenario,
               extra: dict[str, Any] | None = None) -> dict[str, ir.Waarde]:
    params = read_parameter_files(list(files.parameters), model, model.eenheden, sc.rekendatum)[0]
    for naam, v in {**sc.bestand.parameters, **(extra or {})}.items():
        p_ = model.parameters.get(strip_lidwoord(naam))
        if p_ is None:
            raise _fout(sc.pad, f"Onbekende parameter '{naam}' in het scenario.")
        try:
            params[strip_lidwoord(naam)] = convert(v, p_.type, model.eenheden)
        except WaardeFout as e:
            raise _fout(sc.pad, f"Parameter '{naam}': {e}") from e
    return params


class Blokken:
    """The scenario's population in chunks, for one or more model versions. A chunk is generated
    once (the generator is calibrated once) and mapped onto each model, so two versions see the
    same persons with the same weights."""

    def __init__(self, sc: Scenario, modellen: list[ir.Model]) -> None:
        self.sc = sc
        self.modellen = modellen
        bron = sc.bestand.populatie
        self._laatste: tuple[int, Any] | None = None
        if bron.map is not None:
            from regelspraak.simulate.population import lees_populatie

            self._gelezen = [lees_populatie(sc.relatief(bron.map), m) for m in modellen]
            self.aantal = 1
            self.personen = sum(len(t) for t in self._gelezen[0].tabellen.values())
            return
        from regelspraak.simulate.mapping import lees_mapping
        from regelspraak.simulate.synthetic import kalibreer, parse_drempel

        assert bron.genereer is not None and bron.mapping is not None
        self._g = bron.genereer
        self._koppelingen = [lees_mapping(sc.relatief(bron.mapping), m) for m in modellen]
        self._drempels = [parse_drempel(d) for d in self._g.drempels]
        self._kalibratie = kalibreer()
        self.personen = self._g.personen
        self.aantal = -(-self._g.personen // bron.blok)
        self._groottes = [self._g.personen // self.aantal + (1 if i < self._g.personen % self.aantal else 0)
                          for i in range(self.aantal)]

    def populatie(self, i: int, model: int = 0) -> Populatie:
        """Chunk `i` as a population of model version `model`."""
        if self.sc.bestand.populatie.map is not None:
            return self._gelezen[model]
        from regelspraak.simulate.mapping import pas_toe
        from regelspraak.simulate.synthetic import genereer

        if self._laatste is None or self._laatste[0] != i:
            self._laatste = (i, genereer(self._groottes[i], self._g.seed * 1_000_003 + i,
                                         peildatum=self.sc.rekendatum, drempels=self._drempels,
                                         factor=self._g.factor, kalibratie=self._kalibratie))
        pop = pas_toe(self._koppelingen[model], self._laatste[1], self.modellen[model])
        # Each chunk was weighted as if it were the whole country; it is this share of it.
        deel = self._groottes[i] / self._g.personen
        for t in pop.tabellen.values():
            if t.gewicht is not None:
                t.gewicht = t.gewicht * deel
        return pop


def simuleer(sc: Scenario, *, extra_parameters: dict[str, Any] | None = None, model_pad: Path | None = None,
             voortgang: Callable[[int, int], None] | None = None) -> Uitkomst:
    """Run the scenario (optionally on another model version or with extra parameter values)."""
    start = time.perf_counter()
    files = folder.find(model_pad or sc.relatief(sc.bestand.model))
    model, diags = load_model(list(files.rgs))
    if any(d.is_fout for d in diags):
        raise DiagnosticError(diags)
    params = parameters(model, files, sc, extra_parameters)
    uitvoer = [uitvoer_attribuut(model, u.objecttype, u.attribuut, sc.pad) for u in sc.bestand.uitvoer]
    groep_attrs = [uitvoer_attribuut(model, g.objecttype, g.attribuut, sc.pad) for g in sc.bestand.groeperingen]
    blokken = Blokken(sc, [model])
    aantal = blokken.aantal
    u = Uitkomst(sc.bestand.naam, sc.rekendatum.isoformat(), blokken.personen, 0.0, {}, {}, {}, {}, 0)
    for i in range(aantal):
        pop = blokken.populatie(i)
        try:
            res = vectorize.run(model, pop, sc.rekendatum, params)
        except vectorize.EngineFout as e:
            raise DiagnosticError([Diagnostic(e.code, Ernst.FOUT, e.bericht, e.regel.herkomst)]) from e
        u.terugval.update(res.terugval)
        u.inconsistent += int(sum(int(m.sum()) for m in res.inconsistent.values()))
        for a in {*uitvoer, *groep_attrs}:
            t = pop.tabellen[a.objecttype]
            kol = t.kolommen[a.naam.lower()]
            key = f"{a.objecttype}|{a.naam.lower()}"
            data = u.kolommen.setdefault(key, Kolomdata())
            w = np.asarray(kol.waarden)
            if data.waarden and kol.noemer != data.noemer:
                raise DiagnosticError([Diagnostic("RS206", Ernst.FOUT, f"'{a.naam}' wisselt van schaal tussen "
                                                  "blokken.", a.herkomst)])
            data.waarden.append(w)
            data.geldig.append(kol.geldig.copy())
            data.noemer = kol.noemer
            u.objecttype[key] = a.objecttype
        for ot in {a.objecttype for a in [*uitvoer, *groep_attrs]}:
            t = pop.tabellen[ot]
            u.gewichten.setdefault(ot, []).append(t.gewicht if t.gewicht is not None else np.ones(len(t)))
        if voortgang is not None:
            voortgang(i + 1, aantal)
        del pop
    u.duur_s = time.perf_counter() - start
    u.samenvatting = samenvatting(u, model, uitvoer, sc.bestand.groeperingen, groep_attrs)
    return u


def _euro(x: float) -> str:
    return f"{round(x):d}"


def groepen_van(g: Groepering, a: ir.Attribuut, u: Uitkomst) -> tuple[npt.NDArray[np.int64], list[str]]:
    """Group index per row of the attribute's objecttype, and the group labels."""
    w, ok = u.kolommen[f"{a.objecttype}|{a.naam.lower()}"].samen()
    noemer = u.kolommen[f"{a.objecttype}|{a.naam.lower()}"].noemer
    if g.soort == "waarde":
        if a.type.soort == "enumeratie":
            labels = [*a.type.waarden, "leeg"]
            idx = np.where(ok, np.asarray(w, dtype=np.int64), len(a.type.waarden))
            return idx.astype(np.int64), labels
        vals = sorted({int(x) for x, o in zip(w.tolist(), ok.tolist(), strict=True) if o})[:50]
        pos = {v: i for i, v in enumerate(vals)}
        idx = np.array([pos.get(int(x), len(vals)) if o else len(vals) for x, o in zip(w.tolist(), ok.tolist(),
                                                                                       strict=True)], dtype=np.int64)
        return idx, [str(Fraction(v, noemer)) for v in vals] + ["overig/leeg"]
    x = np.where(ok, np.asarray(w, dtype=np.float64) / noemer, np.nan)
    if g.soort == "klassen":
        grenzen = [float(str(b).replace(",", ".")) for b in g.grenzen]
        idx = np.searchsorted(np.array(grenzen), x, side="right")
        labels = [f"< {grenzen[0]:g}"] + [f"{grenzen[i]:g} – {grenzen[i + 1]:g}" for i in range(len(grenzen) - 1)]
        return np.where(np.isnan(x), len(grenzen) + 1, idx).astype(np.int64), [*labels, f"≥ {grenzen[-1]:g}", "leeg"]
    gew = u.gewicht(a.objecttype)
    order = np.argsort(np.where(np.isnan(x), np.inf, x), kind="stable")
    cum = np.cumsum(np.where(np.isnan(x), 0, gew)[order])
    totaal = cum[-1] if len(cum) else 0.0
    dec = np.empty(len(x), dtype=np.int64)
    dec[order] = np.minimum((cum / max(totaal, 1e-12) * 10 - 1e-9).astype(np.int64), 9)
    dec = np.where(np.isnan(x), 10, dec)
    return dec, [f"deciel {i}" for i in range(1, 11)] + ["leeg"]


def periode_van(a: ir.Attribuut) -> dict[str, str]:
    """The unit of an output and the period its totals cover, for every summary that shows a
    total: 'per maand' from `€/mnd`; a unit without a time unit says so instead of guessing."""
    e = a.type.eenheid
    eenheid = str(e) if e is not None else ""
    periode = e.periode if e is not None else None
    return {"eenheid": eenheid, "periode": periode or f"periode niet in het model (eenheid {eenheid or 'geen'})"}


def samenvatting(u: Uitkomst, model: ir.Model, uitvoer: list[ir.Attribuut], groeperingen: list[Groepering],
                 groep_attrs: list[ir.Attribuut]) -> dict[str, Any]:
    out: dict[str, Any] = {"scenario": u.scenario, "rekendatum": u.rekendatum, "personen": u.personen,
                           "duur_s": round(u.duur_s, 2), "terugval": u.terugval, "inconsistent": u.inconsistent,
                           "uitvoer": {}, "toelichting": "Bedragen per object zijn exact; totalen en aantallen zijn "
                           "gewogen schattingen voor de hele bevolking, afgerond."}
    for a in uitvoer:
        key = f"{a.objecttype}|{a.naam.lower()}"
        w, ok = u.kolommen[key].samen()
        d = u.kolommen[key].noemer
        bedrag = np.where(ok, np.asarray(w, dtype=np.float64) / d, 0.0)
        gew = u.gewicht(a.objecttype)
        ontvangt = ok & (bedrag > 0)
        totaal = float(np.sum(bedrag * gew))
        n_ontv = float(np.sum(gew[ontvangt]))
        item: dict[str, Any] = {
            "objecttype": model.objecttypen[a.objecttype].naam, "totaal": _euro(totaal), **periode_van(a),
            "ontvangers": round(n_ontv), "aantal": round(float(np.sum(gew))),
            "gemiddeld_per_ontvanger": _euro(totaal / n_ontv) if n_ontv else None, "groepen": {}}
        for g, ga in zip(groeperingen, groep_attrs, strict=True):
            if ga.objecttype != a.objecttype:
                continue
            idx, labels = groepen_van(g, ga, u)
            rijen = []
            for gi, label in enumerate(labels):
                m = idx == gi
                if not m.any():
                    continue
                t = float(np.sum(bedrag[m] * gew[m]))
                o = float(np.sum(gew[m & ontvangt]))
                rijen.append({"groep": label, "totaal": _euro(t), "ontvangers": round(o),
                              "aantal": round(float(np.sum(gew[m]))),
                              "gemiddeld_per_ontvanger": _euro(t / o) if o else None})
            item["groepen"][g.naam] = rijen
        out["uitvoer"][a.naam] = item
    return out


def schrijf(u: Uitkomst, doel: Path) -> None:
    """Results folder, atomically: Parquet per output objecttype + samenvatting.json."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    with schrijf_map(doel, "resultaten") as tmp:
        per_ot: dict[str, dict[str, Any]] = {}
        for key, data in u.kolommen.items():
            ot, attr = key.split("|", 1)
            w, ok = data.samen()
            kolom = pa.array([str(Fraction(int(x), data.noemer)) if o else None
                              for x, o in zip(w.tolist(), ok.tolist(), strict=True)], pa.string()) \
                if len(w) <= 2_000_000 else pa.array(np.asarray(w, dtype=np.int64), mask=~ok)
            per_ot.setdefault(ot, {})[attr if len(w) <= 2_000_000 else f"{attr} (x 1/{data.noemer})"] = kolom
        for ot, cols in per_ot.items():
            cols["gewicht"] = pa.array(u.gewicht(ot))
            pq.write_table(pa.table(cols), tmp / f"{normalize(ot).replace(' ', '_')}.parquet")
        (tmp / "samenvatting.json").write_text(json.dumps(u.samenvatting, ensure_ascii=False, indent=2) + "\n",
                                               "utf-8")
