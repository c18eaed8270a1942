"""A timeline attribute of a population as a long table (taal.md §11, issue 11; docs/populatie.md):
the file `<Objecttype>.<attribuut>.parquet` (in a partitioned folder the folder
`<Objecttype>.<attribuut>/`) holds one row per stretch, columns `id` (the object), `vanaf`, `tot`
(Arrow dates, `tot` exclusive, both the first day of a month) and `waarde` (the attribute's ordinary
column type; null: no value on that stretch). It says only what changes, so the engine builds
January's month cell and a row delta per later month from it (`evaluate.periode_stukken`), without
twelve month columns to compare. A kenmerk `voor elke maand` may be given the same way (`waarde`
waar/onwaar).

Refused, each naming file, rows (1-based, with id) and field: a missing or unknown column, or a file
for something that is no timeline per maand or jaar of the objecttype (RS726); `tot` not after
`vanaf`, or a bound that is not the first of a month (RS727); two stretches of one object that
overlap (RS728); an id the objecttype's file does not have (RS729). A bad value is RS702 as in any
column.

>>> stukken_naam("Persoon.inkomen")
('Persoon', 'inkomen')
>>> stukken_naam("Persoon") is None
True
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from regelspraak.diagnostics import Diagnostic
from regelspraak.evaluate.columns import Kolom, Tabel
from regelspraak.evaluate.periode_stukken import StukkenKolom
from regelspraak.model import ir
from regelspraak.simulate.arrow import pa, pq

KOLOMMEN = ("id", "vanaf", "tot", "waarde")
VOORBEELDEN = 5
_EPOCHE = 719_163  # date(1970, 1, 1).toordinal()
_HULP_RIJ = "Rijnummers tellen vanaf 1, in de volgorde van het bestand."

Rijen = npt.NDArray[np.intp]


def stukken_naam(stam: str) -> tuple[str, str] | None:
    """`Objecttype.attribuut` → (objecttype, attribuut); None for a name without a dot."""
    ot, punt, attr = stam.partition(".")
    return (ot.strip(), attr.strip()) if punt and ot.strip() and attr.strip() else None


def doel(bestand: str, ot: ir.Objecttype, attr_naam: str,
         sleutel_van: Callable[[str], str]) -> tuple[str, ir.Attribuut] | Diagnostic:
    """The column key and the attribute (a kenmerk as its attribute) a stretch file is for, or RS726."""
    from regelspraak.simulate.population import diagnose
    from regelspraak.simulate.population_tijd import kenmerk_als_attribuut

    k = sleutel_van(attr_naam)
    for key, a in ot.attributen.items():
        if sleutel_van(a.naam) == k:
            if a.type.periode not in ("maand", "jaar"):
                return _geen_tijdlijn(bestand, ot, a.naam, a.type.periode)
            return key, a
    for km in ot.kenmerken.values():
        if sleutel_van(km.naam) == k:
            if km.periode not in ("maand", "jaar"):
                return _geen_tijdlijn(bestand, ot, km.naam, km.periode)
            return "kenmerk:" + km.naam.lower(), kenmerk_als_attribuut(km)
    return diagnose("RS726", f"{bestand}: {ot.naam} heeft geen attribuut of kenmerk '{attr_naam}'.",
                    "Een tijdlijnbestand heet '<objecttype>.<attribuut>.parquet', met de namen zoals gedeclareerd.")


def _geen_tijdlijn(bestand: str, ot: ir.Objecttype, naam: str, periode: str | None) -> Diagnostic:
    from regelspraak.simulate.population import diagnose

    wat = "geen tijdlijn" if periode is None else f"een tijdlijn per {periode}"
    return diagnose("RS726", f"{bestand}: '{naam}' van {ot.naam} is {wat}; een tijdlijnbestand (id, vanaf, tot, "
                    "waarde) hoort alleen bij een attribuut of kenmerk 'voor elke maand' of 'voor elk jaar'.",
                    f"Geef '{naam}' als kolom in '{ot.naam}.parquet'.")


def lees(f: Path, tabel: Tabel, sleutel: str, attr: ir.Attribuut,
         rijen_van: Callable[[Any], tuple[Any, Any]], is_tekst: bool, diags: list[Diagnostic]) -> None:
    """Read the stretch file `f` of `attr` into `tabel.kolommen[sleutel]` (a `StukkenKolom`), or add
    what is wrong to `diags`. `rijen_van` finds the table row of each id (and whether it exists)."""
    from regelspraak.bestandsfout import waarom
    from regelspraak.reading import is_gewoon_bestand
    from regelspraak.simulate.population import diagnose
    from regelspraak.simulate.population_columns import KolomFout, attribuut_kolom, geldigheid

    if not is_gewoon_bestand(f):
        diags.append(diagnose("RS901", f"{f.name}: geen gewoon bestand (een map, pipe of apparaat)."))
        return
    try:
        t = pq.read_table(f)
    except (OSError, pa.ArrowException) as e:
        diags.append(diagnose("RS901", f"{f.name}: geen leesbaar Parquet-bestand: {waarom(e)}."))
        return
    namen = list(t.column_names)
    ontbreekt = [k for k in KOLOMMEN if k not in namen]
    over = [k for k in namen if k not in KOLOMMEN]
    if ontbreekt or over:
        wat = "; ".join(x for x in (f"kolom {', '.join(repr(k) for k in ontbreekt)} ontbreekt" if ontbreekt else "",
                                    f"onbekende kolom {', '.join(repr(k) for k in over)}" if over else "") if x)
        diags.append(diagnose("RS726", f"{f.name}: {wat}.",
                              "Een tijdlijnbestand heeft precies de kolommen id, vanaf, tot en waarde: één rij per "
                              "stuk [vanaf, tot) met zijn waarde."))
        return
    if sleutel in tabel.kolommen:
        diags.append(diagnose("RS726", f"{f.name}: '{attr.naam.removeprefix('kenmerk:')}' staat ook als kolom of "
                              "maandkolommen in het objecttypebestand; geef één van beide."))
        return
    ids = t.column("id")
    if ids.null_count:
        diags.append(diagnose("RS702", f"{f.name}, kolom 'id': leeg id in {_rijen(np.flatnonzero(~geldigheid(ids)))}.",
                              _HULP_RIJ))
        return
    id_tekst = pa.types.is_string(ids.type) or pa.types.is_large_string(ids.type) or pa.types.is_dictionary(ids.type)
    if id_tekst != is_tekst or not (id_tekst or pa.types.is_integer(ids.type)):
        diags.append(diagnose("RS702", f"{f.name}, kolom 'id': verwacht {'tekst' if is_tekst else 'gehele getallen'} "
                              f"zoals de ids van het objecttype, gevonden {ids.type}."))
        return
    id_np = (ids.cast(pa.string()) if id_tekst else ids.cast(pa.int64())).to_numpy(zero_copy_only=False)
    try:
        rij, gevonden = rijen_van(ids.cast(pa.string()) if id_tekst else id_np)
    except (OverflowError, pa.ArrowException) as e:  # pragma: no cover - ids were checked above
        diags.append(diagnose("RS702", f"{f.name}, kolom 'id': {waarom(e)}."))
        return
    fouten = len(diags)
    onbekend = np.flatnonzero(~np.asarray(gevonden, dtype=bool))
    if len(onbekend):
        diags.append(diagnose("RS729", f"{f.name}, kolom 'id': onbekend id in {_rijen(onbekend, id_np)}; "
                              f"{tabel.objecttype} heeft geen object met dat id.", _HULP_RIJ))
    grenzen: dict[str, Any] = {}
    for veld in ("vanaf", "tot"):
        arr = t.column(veld)
        try:
            grenzen[veld] = np.asarray(attribuut_kolom(arr, ir.Type("datum")).waarden, dtype=np.int64)
        except KolomFout as e:
            diags.append(diagnose(e.code, f"{f.name}, kolom '{veld}': {e.bericht}", e.hulp))
            continue
        leeg = np.flatnonzero(~geldigheid(arr))
        if len(leeg):
            diags.append(diagnose("RS702", f"{f.name}, kolom '{veld}': geen datum in {_rijen(leeg, id_np)}.",
                                  "Elk stuk heeft een begin (vanaf) en een einde (tot, de eerste dag erna)."))
            del grenzen[veld]
    try:
        waarde = attribuut_kolom(t.column("waarde"), attr.type)
    except KolomFout as e:
        extra = f" In {_rijen(e.rijen, id_np)}." if e.rijen is not None and len(e.rijen) else ""
        diags.append(diagnose(e.code, f"{f.name}, kolom 'waarde': {e.bericht}{extra}", e.hulp))
        return
    if len(grenzen) < 2:
        return
    vanaf, tot = grenzen["vanaf"], grenzen["tot"]
    omgekeerd = np.flatnonzero(tot <= vanaf)
    if len(omgekeerd):
        diags.append(diagnose("RS727", f"{f.name}, kolom 'tot': niet na vanaf in "
                              f"{_rijen(omgekeerd, id_np, lambda r: _datums(vanaf[r], tot[r]))}.",
                              "Een stuk loopt van vanaf tot (niet tot en met) tot; tot ligt dus na vanaf."))
    for veld, d in (("vanaf", vanaf), ("tot", tot)):
        dag = (d - _EPOCHE).astype("datetime64[D]")
        midden = np.flatnonzero(dag != dag.astype("datetime64[M]").astype("datetime64[D]"))
        if len(midden):
            def toon(r: int, dag: Any = dag) -> str:
                return str(dag[r])

            diags.append(diagnose("RS727", f"{f.name}, kolom '{veld}': geen eerste dag van een maand in "
                                  f"{_rijen(midden, id_np, toon)}.",
                                  "Een populatie geeft tijdlijnen per maand: elke grens is de eerste van een maand. "
                                  "Een grens midden in een maand kan in een gevalbestand (regelspraak bereken)."))
    if len(diags) > fouten:
        return
    volgorde = np.lexsort((vanaf, rij))
    rij, vanaf, tot = np.asarray(rij, dtype=np.int64)[volgorde], vanaf[volgorde], tot[volgorde]
    overlap = np.flatnonzero((rij[1:] == rij[:-1]) & (vanaf[1:] < tot[:-1]))
    if len(overlap):
        paren = ", ".join(f"rij {int(volgorde[i]) + 1} en rij {int(volgorde[i + 1]) + 1} "
                          f"(id {_toon(id_np[volgorde[i]])})" for i in overlap[:VOORBEELDEN])
        meer = f" en nog {len(overlap) - VOORBEELDEN}" if len(overlap) > VOORBEELDEN else ""
        diags.append(diagnose("RS728", f"{f.name}: overlappende stukken van één object: {paren}{meer}.",
                              "Een object heeft op elke dag hooguit één waarde; laat het ene stuk eindigen (tot) waar "
                              "het volgende begint (vanaf). " + _HULP_RIJ))
        return
    w = np.asarray(waarde.waarden)
    stukken = Kolom(w[volgorde], np.asarray(waarde.geldig, dtype=bool)[volgorde], waarde.noemer)
    assert attr.type.periode is not None
    tabel.kolommen[sleutel] = StukkenKolom(attr.type.periode, attr.type, len(tabel), rij, vanaf, tot, stukken)


def _datums(vanaf: int, tot: int) -> str:
    return f"vanaf {np.datetime64(int(vanaf) - _EPOCHE, 'D')}, tot {np.datetime64(int(tot) - _EPOCHE, 'D')}"


def _rijen(rijen: Rijen, ids: Any | None = None, waarden: Callable[[int], str] | None = None) -> str:
    """'rij 4 (id 3), rij 9 (id 8) en nog 12': the first offending rows, 1-based."""
    delen = []
    for r in rijen[:VOORBEELDEN]:
        extra = [f"id {_toon(ids[r])}"] if ids is not None else []
        if waarden is not None:
            extra.append(waarden(int(r)))
        delen.append(f"rij {int(r) + 1}" + (f" ({', '.join(extra)})" if extra else ""))
    return ", ".join(delen) + (f" en nog {len(rijen) - VOORBEELDEN}" if len(rijen) > VOORBEELDEN else "")


def _toon(v: Any) -> str:
    if isinstance(v, np.generic):
        v = v.item()
    return repr(v) if isinstance(v, str) else str(v)


__all__ = ["KOLOMMEN", "doel", "lees", "stukken_naam"]
