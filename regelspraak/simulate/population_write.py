"""Writing a population folder (the format is described in `population`), atomically: everything
goes to a temporary folder next to the target, which is renamed into place only when complete.
Numbers are written exactly, as `decimal128` with the smallest exact scale (int64 when whole),
`SCHRIJFDEEL` rows converted to Arrow at a time.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from regelspraak.diagnostics import DiagnosticError
from regelspraak.evaluate.columns import Kolom, Populatie, Relatie, Tabel
from regelspraak.model import ir
from regelspraak.report.atomic import schrijf_map
from regelspraak.simulate.arrow import pa, pq
from regelspraak.simulate.population import GEWICHT, ID, bestandsnaam, diagnose, rolkolommen
from regelspraak.simulate.population_columns import EPOCHE, Ints


def schrijf_populatie(pop: Populatie, model: ir.Model, map_: Path) -> None:
    """Write `pop` as a population folder at `map_`, atomically: everything goes to a temporary
    folder next to it, which is renamed into place only when complete. An existing folder is
    replaced only if it is a population folder we wrote, unchanged (`report.atomic`)."""
    with schrijf_map(Path(map_), "populatie") as tijdelijk:
        for key, ot in model.objecttypen.items():
            tabel = pop.tabellen.get(key) or Tabel(key, np.zeros(0, dtype=np.int64))
            _schrijf_in_delen(tijdelijk / bestandsnaam(ot.naam), len(tabel),
                              lambda deel, tabel=tabel, ot=ot: tabel_naar_arrow(tabel, ot, deel))
        for key, ft in model.feittypen.items():
            rel = pop.relaties.get(key) or Relatie(key, (np.zeros(0, np.int64), np.zeros(0, np.int64)))
            _schrijf_in_delen(tijdelijk / bestandsnaam(ft.naam), len(rel.rijen[0]),
                              lambda deel, rel=rel, ft=ft: relatie_naar_arrow(rel, ft, pop, model, deel))


def schrijf_gepartitioneerd(delen: Iterable[tuple[str, Populatie]], model: ir.Model, map_: Path) -> None:
    """A partitioned population folder: one folder per objecttype and feittype, in each a file
    `naam` per partition (`lees_populatie(map_, model, naam)` reads one back; households are never
    split, so every fact refers to objects of its own partition). Atomic like `schrijf_populatie`."""
    with schrijf_map(Path(map_), "populatie") as tijdelijk:
        for naam, pop in delen:
            for key, ot in model.objecttypen.items():
                tabel = pop.tabellen.get(key) or Tabel(key, np.zeros(0, dtype=np.int64))
                (tijdelijk / ot.naam).mkdir(exist_ok=True)
                _schrijf_in_delen(tijdelijk / ot.naam / naam, len(tabel),
                                  lambda deel, tabel=tabel, ot=ot: tabel_naar_arrow(tabel, ot, deel))
            for key, ft in model.feittypen.items():
                rel = pop.relaties.get(key) or Relatie(key, (np.zeros(0, np.int64), np.zeros(0, np.int64)))
                (tijdelijk / ft.naam).mkdir(exist_ok=True)
                _schrijf_in_delen(tijdelijk / ft.naam / naam, len(rel.rijen[0]),
                                  lambda deel, rel=rel, ft=ft, pop=pop: relatie_naar_arrow(rel, ft, pop, model, deel))


SCHRIJFDEEL = 2_000_000  # rows converted to Arrow at a time: the exact decimal128 copies stay small


def _schrijf_in_delen(pad: Path, n: int, als_arrow: Any) -> None:
    """Write `n` rows to one Parquet file, converting `SCHRIJFDEEL` rows at a time (the file is
    the same as one write of everything: row groups are cut at the same 1 Mi rows)."""
    delen = [slice(b, min(b + SCHRIJFDEEL, n)) for b in range(0, n, SCHRIJFDEEL)] or [slice(0, 0)]
    schrijver = None
    try:
        for deel in delen:
            tabel = als_arrow(deel)
            if schrijver is None:
                schrijver = pq.ParquetWriter(pad, tabel.schema, compression="zstd")
            schrijver.write_table(tabel, row_group_size=1 << 20)
    finally:
        if schrijver is not None:
            schrijver.close()


def tabel_naar_arrow(tabel: Tabel, ot: ir.Objecttype, deel: slice | None = None) -> Any:
    """One objecttype's table (or the rows `deel` of it) as an Arrow table in the population
    format (exact numbers)."""
    d = deel if deel is not None else slice(None)

    def stuk(k: Kolom) -> Kolom:
        return Kolom(k.waarden[d], k.geldig[d], k.noemer)

    kolommen: dict[str, Any] = {ID: _ids_naar_arrow(tabel.ids[d])}
    for key, attr in ot.attributen.items():
        k = tabel.kolommen.get(key)
        if k is not None:
            kolommen[attr.naam] = kolom_naar_arrow(stuk(k), attr.type, attr.naam)
    for km in ot.kenmerken.values():
        k = tabel.kolommen.get("kenmerk:" + km.naam.lower())
        if k is not None:
            kolommen[km.naam] = pa.array(np.asarray(k.waarden[d], dtype=np.bool_), mask=~k.geldig[d])
    onbekend = set(tabel.kolommen) - {*ot.attributen, *("kenmerk:" + km.naam.lower() for km in ot.kenmerken.values())}
    if onbekend:
        raise ValueError(f"kolommen {sorted(onbekend)} horen niet bij objecttype {ot.naam}")
    if tabel.gewicht is not None:
        kolommen[GEWICHT] = pa.array(np.asarray(tabel.gewicht[d], dtype=np.float64))
    return pa.table(kolommen)


def relatie_naar_arrow(rel: Relatie, ft: ir.Feittype, pop: Populatie, model: ir.Model,
                       deel: slice | None = None) -> Any:
    """One feittype's facts (or the facts `deel`) as an Arrow table: the ids per role."""
    d = deel if deel is not None else slice(None)
    kolommen = {}
    for (naam, rol), rijen in zip(rolkolommen(ft), rel.rijen, strict=True):
        tabel = pop.tabellen.get(rol.objecttype)
        ids = np.asarray(tabel.ids if tabel is not None else np.zeros(0, dtype=np.int64))
        r = np.asarray(rijen)[d]
        kolommen[naam] = _ids_naar_arrow(ids[r] if len(r) else ids[:0])
    return pa.table(kolommen)


def _ids_naar_arrow(ids: Any) -> Any:
    a = np.asarray(ids)
    if a.dtype.kind in "iu":
        return pa.array(a.astype(np.int64, copy=False))
    return pa.array(a.tolist(), type=pa.string())


def kolom_naar_arrow(k: Kolom, t: ir.Type, naam: str) -> Any:
    masker = ~np.asarray(k.geldig, dtype=np.bool_)
    if t.is_getal:
        return _getal_naar_arrow(k, naam)
    if t.soort == "datum":
        dagen = (np.asarray(k.waarden, dtype=np.int64) - EPOCHE).astype(np.int32)
        return pa.array(dagen, type=pa.int32(), mask=masker).cast(pa.date32())
    if t.soort == "boolean":
        return pa.array(np.asarray(k.waarden, dtype=np.bool_), mask=masker)
    if t.soort == "enumeratie":
        codes = pa.array(np.asarray(k.waarden, dtype=np.int16), mask=masker)
        return pa.DictionaryArray.from_arrays(codes, pa.array(list(t.waarden), type=pa.string()))
    return pa.array([None if m else str(v) for v, m in zip(k.waarden, masker, strict=True)], type=pa.string())


def _getal_naar_arrow(k: Kolom, naam: str) -> Any:
    """int64 numerators over `noemer` as decimal128 with the smallest exact scale (int64 when the
    noemer is 1). Written through the buffer, exactly. A noemer with a prime factor other than 2
    and 5 (a third) has no exact decimal and is refused."""
    tellers: Ints = np.asarray(k.waarden)
    if tellers.dtype == object:  # overflow columns of the engine: Python ints
        if any(abs(int(v)) > np.iinfo(np.int64).max for v, ok in zip(tellers, k.geldig, strict=True) if ok):
            raise DiagnosticError([diagnose("RS702", f"Kolom '{naam}': getal te groot voor 64 bits.")])
        tellers = np.array([int(v) if ok else 0 for v, ok in zip(tellers, k.geldig, strict=True)], dtype=np.int64)
    tellers = tellers.astype(np.int64, copy=False)
    masker = ~np.asarray(k.geldig, dtype=np.bool_)
    if k.noemer == 1:
        return pa.array(tellers, mask=masker if masker.any() else None)
    rest, twee, vijf = k.noemer, 0, 0
    while rest % 2 == 0:
        rest, twee = rest // 2, twee + 1
    while rest % 5 == 0:
        rest, vijf = rest // 5, vijf + 1
    if rest != 1:
        raise DiagnosticError([diagnose("RS702", f"Kolom '{naam}': waarden met noemer {k.noemer} zijn niet exact als "
                                              "decimaal getal te schrijven.")])
    schaal = max(twee, vijf)
    factor = 10**schaal // k.noemer
    if factor != 1:
        if np.any(np.abs(tellers[~masker]) > np.iinfo(np.int64).max // factor):
            raise DiagnosticError([diagnose("RS702", f"Kolom '{naam}': getal te groot voor 64 bits.")])
        tellers = tellers * factor
    tellers = np.where(masker, 0, tellers)
    paren = np.empty((len(tellers), 2), dtype=np.int64)
    paren[:, 0] = tellers
    paren[:, 1] = tellers >> 63  # sign extension: the high word of a 128-bit two's complement
    validiteit = pa.array(~masker).buffers()[1] if masker.any() else None
    return pa.Array.from_buffers(pa.decimal128(38, schaal), len(tellers), [validiteit, pa.py_buffer(paren)],
                                 null_count=int(masker.sum()))
