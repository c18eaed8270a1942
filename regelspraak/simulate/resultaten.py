"""The results folder of `simuleer`: one Parquet dataset per objecttype, a file per run of
partitions, beside `samenvatting.json` (docs/simulatie.md, "Resultatenmap").

The schema depends on the model and the scenario only, never on the number of rows: `id`,
then every output and grouping attribute of the objecttype under its declared name (numbers as
`decimal128(38, declared decimals)`, enumerations as dictionary-encoded strings over the whole
domain, dates `date32`, booleans `bool`), then `gewicht` (float64). Columns are converted whole,
through Arrow buffers (exact, no Python object per row).

>>> from regelspraak.model import ir
>>> arrow_type(ir.Type("numeriek", decimalen=2), 100)
Decimal128Type(decimal128(38, 2))
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.evaluate.columns import Kolom, Populatie
from regelspraak.model import ir
from regelspraak.simulate.arrow import pa, pq
from regelspraak.simulate.population import GEWICHT, ID, bestandsnaam
from regelspraak.simulate.population_write import kolom_naar_arrow

SAMENVATTING = "samenvatting.json"


def _schaal(t: ir.Type, noemer: int) -> int:
    """Declared decimals; without a declaration the smallest scale the column's (static)
    denominator needs, so the schema still depends on the model only."""
    if t.decimalen is not None:
        return t.decimalen
    schaal = 0
    while (10**schaal) % noemer and schaal < 38:
        schaal += 1
    return schaal


def arrow_type(t: ir.Type, noemer: int = 1) -> Any:
    if t.is_getal:
        return pa.decimal128(38, _schaal(t, noemer))
    if t.soort == "enumeratie":
        return pa.dictionary(pa.int16(), pa.string())
    return {"datum": pa.date32(), "boolean": pa.bool_()}.get(t.soort, pa.string())


def _fout(a: ir.Attribuut, bericht: str) -> DiagnosticError:
    return DiagnosticError([Diagnostic("RS710", Ernst.FOUT, f"Resultaat '{a.naam}': {bericht}", a.herkomst)])


def decimaal(k: Kolom, a: ir.Attribuut) -> Any:
    """Numerators over `k.noemer` as decimal128 at the declared scale, through the buffer (16-byte
    two's complement: the int64 and its sign extension). A value with more decimals than
    declared is refused (RS710), never rounded here."""
    schaal = _schaal(a.type, k.noemer)
    geldig = np.asarray(k.geldig, dtype=np.bool_)
    ruw = np.asarray(k.waarden)
    tellers: npt.NDArray[np.int64]
    if ruw.dtype == object:  # Python ints where the engine could overflow int64
        grens = int(np.iinfo(np.int64).max)
        if any(abs(int(v)) > grens for v, ok in zip(ruw.tolist(), geldig.tolist(), strict=True) if ok):
            raise _fout(a, "getal te groot voor 64 bits.")
        tellers = np.array([int(v) if ok else 0 for v, ok in zip(ruw.tolist(), geldig.tolist(), strict=True)],
                           dtype=np.int64)
    else:
        tellers = np.where(geldig, ruw.astype(np.int64, copy=False), 0)
    macht = 10**schaal
    if macht % k.noemer == 0:
        factor = macht // k.noemer
        if factor != 1:
            if len(tellers) and int(np.abs(tellers).max()) > np.iinfo(np.int64).max // factor:
                raise _fout(a, "getal te groot voor 64 bits.")
            tellers = tellers * factor
    elif k.noemer % macht == 0:
        deler = k.noemer // macht
        if np.any(tellers % deler):
            raise _fout(a, f"waarden met meer dan {schaal} decimalen; rond af in de regels of declareer meer "
                           "decimalen.")
        tellers = tellers // deler
    else:
        raise _fout(a, f"waarden met noemer {k.noemer} zijn niet exact met {schaal} decimalen te schrijven.")
    paren = np.empty((len(tellers), 2), dtype=np.int64)
    paren[:, 0] = tellers
    paren[:, 1] = tellers >> 63
    leeg = int(len(geldig) - np.count_nonzero(geldig))
    validiteit = pa.array(geldig).buffers()[1] if leeg else None
    return pa.Array.from_buffers(pa.decimal128(38, schaal), len(tellers), [validiteit, pa.py_buffer(paren)],
                                 null_count=leeg)


def _kolom(k: Kolom, a: ir.Attribuut) -> Any:
    if a.type.is_getal:
        return decimaal(k, a)
    arr = kolom_naar_arrow(k, a.type, a.naam)
    if a.type.soort == "enumeratie":
        return arr  # int16 codes over the whole domain: the same dictionary at every size
    return arr.cast(arrow_type(a.type))


def per_objecttype(attributen: tuple[ir.Attribuut, ...] | list[ir.Attribuut]) -> dict[str, list[ir.Attribuut]]:
    """The attributes written per objecttype, in scenario order, each once."""
    uit: dict[str, list[ir.Attribuut]] = {}
    for a in attributen:
        lijst = uit.setdefault(a.objecttype, [])
        if all(b.naam.lower() != a.naam.lower() for b in lijst):
            lijst.append(a)
    return uit


def bestand(map_: Path, model: ir.Model, objecttype: str, delen: range) -> Path:
    naam = bestandsnaam(model.objecttypen[objecttype].naam).removesuffix(".parquet")
    return map_ / naam / f"deel-{delen.start:05d}.parquet"


def schrijf_deel(map_: Path, delen: range, model: ir.Model, pop: Populatie,
                 attributen: tuple[ir.Attribuut, ...]) -> None:
    """The results of partitions `delen`: one file per objecttype (zstd, no timestamps)."""
    for ot, attrs in per_objecttype(attributen).items():
        t = pop.tabellen[ot]
        ids = np.asarray(t.ids)
        kolommen: dict[str, Any] = {ID: pa.array(ids.astype(np.int64, copy=False)) if ids.dtype.kind in "iu"
                                    else pa.array(ids.tolist(), type=pa.string())}
        for a in attrs:
            kolommen[a.naam] = _kolom(t.kolommen[a.naam.lower()], a)
        kolommen[GEWICHT] = pa.array(np.asarray(t.gewicht if t.gewicht is not None else np.ones(len(t)),
                                                dtype=np.float64))
        pad = bestand(map_, model, ot, delen)
        pad.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.table(kolommen), pad, compression="zstd")


def lees(map_: Path, model: ir.Model, objecttype: str) -> Any:
    """One objecttype's results as one Arrow table (partitions in order)."""
    naam = bestandsnaam(model.objecttypen[objecttype].naam).removesuffix(".parquet")
    delen = sorted((map_ / naam).glob("deel-*.parquet"))
    return pa.concat_tables([pq.read_table(p) for p in delen])


# ------------------------------------------------------------------ the folder itself
# Creating, completing and discarding the folder is kept here, in three functions, so the
# folder policy (what may be replaced) can be routed through one helper (report/atomic.py).
