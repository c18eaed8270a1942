"""Populations as folders of Parquet files, read and validated against a model, written atomically.

A population folder holds one file per objecttype, `<objecttype naam>.parquet`, with a column
`id` (int64 or string), one column per attribute or kenmerk named as declared without lidwoord
(`toetsingsinkomen`, `verzekerd`), and optionally `gewicht` (float64: how many real objects
each row stands for); and one file per feittype, `<feittype naam>.parquet`, with one column of
ids per role, named by the role (a wederkerig feittype: `<rol> 1` and `<rol> 2`).

Column types: numbers as `decimal128` (exact; the scale may be at most the declared number of
decimals) or integers, never floating point; dates as `date32`; enumerations as strings (or
dictionary-encoded strings) from the domain; kenmerken and booleans as `bool`; text as string.
A missing objecttype or feittype file means no objects or facts; a missing attribute column
means the attribute is leeg (or derived by the rules).

Reading checks everything and drops nothing: an unknown column (RS701), a wrong type or
value (RS702), a reference to an id that does not exist (RS703), a duplicate id or a second
fact for a single-valued role (RS704) is an error naming the file, the column and the first
offending rows. Row counts in are row counts out.

Reading one column into a `Kolom` is in `population_columns`; writing a folder in
`population_write`.

>>> import tempfile, numpy as np
>>> from pathlib import Path
>>> from regelspraak.model import folder
>>> from regelspraak.model.from_syntax import load_model
>>> from regelspraak.simulate.population_write import schrijf_populatie
>>> model, _ = load_model(list(folder.find(Path("wetten/zorgtoeslag")).rgs))
>>> p = Populatie({"natuurlijk persoon": Tabel("natuurlijk persoon", np.array([1, 2]), {
...     "toetsingsinkomen": Kolom(np.array([2_450_000, 320_042]), np.array([True, False]), 100)})}, {})
>>> map_ = Path(tempfile.mkdtemp()) / "pop"
>>> schrijf_populatie(p, model, map_)
>>> sorted(f.name for f in map_.glob('*.parquet'))[:3]
['Huishouden.parquet', 'Natuurlijk persoon.parquet', 'huishoudsamenstelling.parquet']
>>> terug = lees_populatie(map_, model)
>>> k = terug.tabellen["natuurlijk persoon"].kolommen["toetsingsinkomen"]
>>> k.waarden.tolist(), k.geldig.tolist(), k.noemer
([2450000, 0], [True, False], 100)
>>> import shutil; shutil.rmtree(map_.parent)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from regelspraak.bestandsfout import waarom
from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.evaluate.columns import Kolom, Populatie, Relatie, Tabel
from regelspraak.inputs.names import afgeleid, strip_lidwoord
from regelspraak.model import ir
from regelspraak.model.scope import Scope
from regelspraak.reading import is_gewoon_bestand
from regelspraak.simulate import population_stukken
from regelspraak.simulate.arrow import pa, pc, pq
from regelspraak.simulate.population_columns import (
    Bools,
    Ints,
    KolomFout,
    TekstVia,
    attribuut_kolom,
    boolean_kolom,
    een_kolom,
    geldigheid,
    gewicht_kolom,
)
from regelspraak.simulate.population_tijd import (
    bundel,
    controleer_maand,
    kenmerk_als_attribuut,
    maandkolom,
    weiger_enkel,
)
from regelspraak.syntax.lexer import normalize

VOORBEELDEN = 5  # offending rows named per error
GEWICHT = "gewicht"
ID = "id"
_RIJ_HULP = "Rijnummers tellen vanaf 1, in de volgorde van het bestand."


# ------------------------------------------------------------------ errors


def diagnose(code: str, bericht: str, hulp: str | None = None) -> Diagnostic:
    # No Herkomst span: a Parquet file has no lines to show; the message names file, column and rows.
    return Diagnostic(code, Ernst.FOUT, bericht, None, hulp)


def _rijen_tekst(rijen: npt.NDArray[np.intp], ids: Any | None = None, waarden: Any | None = None) -> str:
    """'rij 4 (id 3), rij 9 (id 8) en nog 12': the first offending rows, 1-based."""
    delen = []
    for r in rijen[:VOORBEELDEN]:
        extra = []
        if ids is not None:
            extra.append(f"id {_toon(ids[r])}")
        if waarden is not None:
            extra.append(f"waarde {_toon(waarden[r])}")
        delen.append(f"rij {int(r) + 1}" + (f" ({', '.join(extra)})" if extra else ""))
    tekst = ", ".join(delen)
    if len(rijen) > VOORBEELDEN:
        tekst += f" en nog {len(rijen) - VOORBEELDEN}"
    return tekst


def _toon(v: Any) -> str:
    if isinstance(v, np.generic):
        v = v.item()
    return repr(v) if isinstance(v, str) else str(v)


# ------------------------------------------------------------------ names


def naam_sleutel(naam: str) -> str:
    return strip_lidwoord(naam)


def _bestand_naar(model: ir.Model) -> tuple[dict[str, str], dict[str, str]]:
    """File stem key -> objecttype key, and -> feittype key (names and plurals)."""
    ot: dict[str, str] = {}
    for key, o in model.objecttypen.items():
        ot[naam_sleutel(o.naam)] = key
        if o.meervoud:
            ot.setdefault(naam_sleutel(o.meervoud), key)
    ft = {naam_sleutel(f.naam): key for key, f in model.feittypen.items()}
    return ot, ft


def rolkolommen(ft: ir.Feittype) -> list[tuple[str, ir.Rol]]:
    """The column name per column of a feittype file, with its role."""
    if ft.wederkerig:
        rol = ft.rollen[0]
        return [(f"{rol.naam} 1", rol), (f"{rol.naam} 2", rol)]
    return [(r.naam, r) for r in ft.rollen[:2]]


def bestandsnaam(naam: str) -> str:
    """The file name for an objecttype or feittype: its declared name, `.parquet`.

    >>> bestandsnaam("Natuurlijk persoon")
    'Natuurlijk persoon.parquet'
    """
    if not naam or re.search(r"[/\\\x00]", naam) or naam.startswith("."):
        raise ValueError(f"'{naam}' is niet bruikbaar als bestandsnaam.")
    return f"{naam}.parquet"


# ------------------------------------------------------------------ reading


@dataclass(frozen=True)
class _Ids:
    """The ids of one table and a way to find the row of an id."""

    waarden: Any  # numpy int64 array or pyarrow string array
    is_tekst: bool

    def rijen(self, gezocht: Any) -> tuple[Ints, Bools]:
        """Row per id in `gezocht` (same kind as the table's ids) and whether it was found."""
        if self.is_tekst:
            idx = pc.index_in(gezocht, value_set=self.waarden)
            gevonden = idx.is_valid().to_numpy(zero_copy_only=False)
            return idx.fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64), gevonden
        ids: Ints = self.waarden
        g = np.asarray(gezocht, dtype=np.int64)
        n = len(ids)
        if n == 0:
            return np.zeros(len(g), np.int64), np.zeros(len(g), np.bool_)
        if ids[-1] - ids[0] == n - 1 and _oplopend(ids):  # 0..n-1 or k..k+n-1: the common case, no search
            r = g - ids[0]
            gevonden = (r >= 0) & (r < n)
            return np.where(gevonden, r, 0), gevonden
        orde = np.arange(n) if _oplopend(ids) else np.argsort(ids, kind="stable")
        gesorteerd = ids[orde]
        pos = np.minimum(np.searchsorted(gesorteerd, g), n - 1)
        gevonden = gesorteerd[pos] == g
        return np.where(gevonden, orde[pos], 0).astype(np.int64), gevonden


def _oplopend(a: Ints) -> bool:
    return bool(len(a) < 2 or np.all(a[1:] > a[:-1]))


def delen(map_: Path) -> list[str]:
    """The partition files of a partitioned population folder (one folder per objecttype and
    feittype, a file per partition, households never split), by name; [] for a flat folder."""
    namen: set[str] = set()
    for d in map_.iterdir() if map_.is_dir() else []:
        if d.is_dir() and not d.name.startswith("."):
            namen.update(f.name for f in d.glob("*.parquet") if not f.name.startswith("."))
    return sorted(namen)


def lees_populatie(map_: Path, model: ir.Model, deel: str | None = None) -> Populatie:
    """Read and validate a population folder; DiagnosticError listing every problem found. In a
    partitioned folder (`delen`) `deel` names the partition file to read from every folder
    (None: all of them, in name order)."""
    if not map_.is_dir():
        raise DiagnosticError([diagnose("RS901", f"Populatiemap '{map_}' bestaat niet of is geen map.")])
    diags: list[Diagnostic] = []
    naar_ot, naar_ft = _bestand_naar(model)
    ot_bestand: dict[str, Path] = {}
    ft_bestand: dict[str, Path] = {}
    stuk_bestand: dict[tuple[str, str], tuple[Path, ir.Attribuut]] = {}
    for f in sorted(p for p in map_.iterdir() if p.is_dir() or p.suffix == ".parquet"):
        if f.name.startswith("."):
            continue
        if f.is_dir() and f.suffix == ".parquet":  # a partitioned table's folder has no suffix
            diags.append(diagnose("RS901", f"{f.name}: geen gewoon bestand (een map, pipe of apparaat)."))
            continue
        stam = f.name if f.is_dir() else f.stem
        if f.is_dir() and deel is not None:
            if not (f / deel).is_file():
                continue  # no file for this partition: no objects or facts of this kind in it
            f = f / deel
        k = naam_sleutel(stam)
        doel, soort = (ot_bestand, naar_ot.get(k)) if k in naar_ot else (ft_bestand, naar_ft.get(k))
        if soort is None and _stukken_bestand(f, stam, model, naar_ot, stuk_bestand, diags):
            continue  # a timeline as stretches: population_stukken.py
        if soort is None:
            hint = Scope.suggest(k, [*naar_ot, *naar_ft])
            naam = (model.objecttypen[naar_ot[hint]].naam if hint in naar_ot else
                    model.feittypen[naar_ft[hint]].naam) if hint else None
            diags.append(diagnose("RS701", f"{f.name}: onbekend bestand; het model heeft geen objecttype of feittype "
                                        f"'{stam}'.", f"Bedoelde u '{naam}.parquet'?" if naam else None))
            continue
        if soort in doel:
            diags.append(diagnose("RS704", f"{f.name}: tweede bestand voor '{stam}' (naast {doel[soort].name})."))
            continue
        doel[soort] = f

    tabellen: dict[str, Tabel] = {}
    ids: dict[str, _Ids] = {}
    for key, ot in model.objecttypen.items():
        tf = ot_bestand.get(key)
        if tf is None:
            tabellen[key] = Tabel(key, np.zeros(0, dtype=np.int64))
            ids[key] = _Ids(np.zeros(0, dtype=np.int64), False)
            continue
        gelezen = _lees_tabel(tf, key, ot, diags)
        if gelezen is not None:
            tabellen[key], ids[key] = gelezen
    for (key, sleutel), (sf, attr) in stuk_bestand.items():
        if key in tabellen and key in ids:
            population_stukken.lees(sf, tabellen[key], sleutel, attr, ids[key].rijen, ids[key].is_tekst, diags)
    relaties: dict[str, Relatie] = {}
    for key, ft in model.feittypen.items():
        rf = ft_bestand.get(key)
        if rf is None:
            relaties[key] = Relatie(key, (np.zeros(0, np.int64), np.zeros(0, np.int64)))
            continue
        rel = _lees_relatie(rf, key, ft, model, ids, diags)
        if rel is not None:
            relaties[key] = rel
    derived = afgeleid(model)
    for key, tabel in tabellen.items():
        for kolom in tabel.kolommen:
            if (key, kolom) in derived:
                naam = kolom.removeprefix("kenmerk:")
                diags.append(diagnose("RS914", f"{ot_bestand[key].name}: kolom '{naam}' wordt door een regel "
                                      "afgeleid; een populatie kan die niet aanleveren."))
    if diags:
        raise DiagnosticError(diags)
    return Populatie(tabellen, relaties)


def _stukken_bestand(f: Path, stam: str, model: ir.Model, naar_ot: dict[str, str],
                     stuk_bestand: dict[tuple[str, str], tuple[Path, ir.Attribuut]], diags: list[Diagnostic]) -> bool:
    """Whether `f` is a timeline's stretch file `<Objecttype>.<attribuut>` (kept for reading, or its
    problem reported); False: not such a name."""
    naam = population_stukken.stukken_naam(stam)
    if naam is None or naam_sleutel(naam[0]) not in naar_ot:
        return False
    ot = model.objecttypen[naar_ot[naam_sleutel(naam[0])]]
    gevonden = population_stukken.doel(f.name, ot, naam[1], lambda x: normalize(naam_sleutel(x)))
    if isinstance(gevonden, Diagnostic):
        diags.append(gevonden)
    elif (naar_ot[naam_sleutel(naam[0])], gevonden[0]) in stuk_bestand:
        eerder = stuk_bestand[(naar_ot[naam_sleutel(naam[0])], gevonden[0])][0]
        diags.append(diagnose("RS704", f"{f.name}: tweede tijdlijnbestand voor '{naam[1]}' (naast {eerder.name})."))
    else:
        stuk_bestand[(naar_ot[naam_sleutel(naam[0])], gevonden[0])] = (f, gevonden[1])
    return True


def _lees_bestand(f: Path, diags: list[Diagnostic]) -> Any | None:
    if not is_gewoon_bestand(f):  # a pipe named *.parquet would be waited on forever
        diags.append(diagnose("RS901", f"{f.name}: geen gewoon bestand (een map, pipe of apparaat)."))
        return None
    try:
        return pq.read_table(f)
    except (OSError, pa.ArrowException) as e:
        diags.append(diagnose("RS901", f"{f.name}: geen leesbaar Parquet-bestand: {waarom(e)}."))
        return None


def _array(tabel: Any, naam: str) -> Any:
    """A column as a ChunkedArray (one chunk per read batch). Compute functions and to_numpy
    work on it directly, so each column is copied once, into numpy; helpers that need the
    buffers of one Array combine or walk the chunks themselves."""
    return tabel.column(naam)


def _lees_tabel(f: Path, key: str, ot: ir.Objecttype, diags: list[Diagnostic]) -> tuple[Tabel, _Ids] | None:
    tabel = _lees_bestand(f, diags)
    if tabel is None:
        return None
    namen: list[str] = list(tabel.column_names)
    if ID not in namen:
        diags.append(diagnose("RS701", f"{f.name}: de kolom 'id' ontbreekt.",
                           "Elk objecttypebestand heeft een kolom 'id' (int64 of tekst) met een uniek id per rij."))
        return None
    id_ids = _lees_ids(f, _array(tabel, ID), diags)
    attributen = {normalize(a.naam): a for a in ot.attributen.values()}
    kenmerken = {normalize(k.naam): k for k in ot.kenmerken.values()}
    kolommen: dict[str, Kolom] = {}
    gezien: dict[str, str] = {}
    gewicht: npt.NDArray[np.float64] | None = None
    ids_voor_tekst = TekstVia(id_ids.waarden, None) if id_ids is not None else None
    maanden: dict[str, tuple[ir.Attribuut, dict[int, tuple[str, Kolom | None]]]] = {}
    for naam in namen:
        if naam == ID:
            continue
        k = naam_sleutel(naam)
        arr = _array(tabel, naam)
        if (mk := maandkolom(naam)) is not None and naam_sleutel(mk[0]) in attributen:  # population_tijd.py
            _maandkolom(f, naam, attributen[naam_sleutel(mk[0])], mk[1], arr, maanden, diags, ids_voor_tekst)
            continue
        if mk is not None and naam_sleutel(mk[0]) in kenmerken:  # a kenmerk `voor elke …`, as an attribute
            _maandkolom(f, naam, kenmerk_als_attribuut(kenmerken[naam_sleutel(mk[0])]), mk[1], arr, maanden, diags,
                        ids_voor_tekst)
            continue
        if k in attributen and attributen[k].type.periode is not None:
            diags.append(weiger_enkel(f.name, naam, attributen[k]))
            continue
        if naam == GEWICHT and k not in attributen:
            try:
                gewicht = gewicht_kolom(arr)
            except KolomFout as e:
                diags.append(_kolomfout(f, naam, e, ids_voor_tekst))
            continue
        if k in attributen:
            sleutel = _attr_sleutel(ot, attributen[k])
        elif k in kenmerken:
            sleutel = "kenmerk:" + kenmerken[k].naam.lower()
        else:
            hint = Scope.suggest(k, [*attributen, *kenmerken])
            diags.append(diagnose(
                "RS701", f"{f.name}: onbekende kolom '{naam}'; {ot.naam} heeft geen attribuut of kenmerk met die naam.",
                (f"Bedoelde u '{hint}'? " if hint else "") + "Kolommen heten zoals gedeclareerd, zonder lidwoord; "
                "daarnaast zijn alleen 'id' en 'gewicht' toegestaan."))
            continue
        if sleutel in gezien:
            diags.append(diagnose("RS704", f"{f.name}: kolommen '{gezien[sleutel]}' en '{naam}' zijn hetzelfde "
                                        "attribuut of kenmerk."))
            continue
        gezien[sleutel] = naam
        try:
            if k in attributen:
                kolommen[sleutel] = attribuut_kolom(arr, attributen[k].type)
            else:
                kolommen[sleutel] = boolean_kolom(arr)
        except KolomFout as e:
            diags.append(_kolomfout(f, naam, e, ids_voor_tekst))
    for attr, per_maand in maanden.values():
        gebundeld = bundel(f.name, attr, per_maand)
        if gebundeld is None:
            continue
        if isinstance(gebundeld, Diagnostic):
            diags.append(gebundeld)
        elif (sleutel := _attr_sleutel(ot, attr)) in gezien:
            # a kenmerk `voor elke …` may come as one column (the whole year) or as month columns, not both
            diags.append(diagnose("RS704", f"{f.name}: kolom '{gezien[sleutel]}' en de maandkolommen "
                                        f"'{gezien[sleutel]}[1]' … zijn hetzelfde kenmerk; geef één van beide."))
        else:
            kolommen[sleutel] = gebundeld
    if id_ids is None:
        return None
    n = len(id_ids.waarden)
    assert all(len(k) == n for k in kolommen.values())  # row counts in = row counts out
    ids_arr = id_ids.waarden.to_numpy(zero_copy_only=False) if id_ids.is_tekst else id_ids.waarden
    return Tabel(key, ids_arr, kolommen, gewicht), id_ids


def _maandkolom(f: Path, naam: str, attr: ir.Attribuut, maand: int, arr: Any,
                maanden: dict[str, tuple[ir.Attribuut, dict[int, tuple[str, Kolom | None]]]], diags: list[Diagnostic],
                ids: Any | None) -> None:
    """One month column `naam[m]` of a timeline attribute, kept until its twelve are bundled (None: the
    column is there but unusable, reported here)."""
    fout = controleer_maand(f.name, naam, attr, maand)
    if fout is not None:
        diags.append(fout)
        return
    per_maand = maanden.setdefault(attr.naam.lower(), (attr, {}))[1]
    if maand in per_maand:
        diags.append(diagnose("RS704", f"{f.name}: kolommen '{per_maand[maand][0]}' en '{naam}' zijn dezelfde maand "
                              f"van '{attr.naam}'."))
        return
    try:
        per_maand[maand] = (naam, attribuut_kolom(arr, attr.type))
    except KolomFout as e:
        per_maand[maand] = (naam, None)
        diags.append(_kolomfout(f, naam, e, ids))


def _attr_sleutel(ot: ir.Objecttype, attr: ir.Attribuut) -> str:
    for k, a in ot.attributen.items():
        if a is attr:
            return k
    return attr.naam.lower()  # pragma: no cover - attributes come from this objecttype


def _kolomfout(f: Path, naam: str, e: KolomFout, ids: Any | None) -> Diagnostic:
    bericht = f"{f.name}, kolom '{naam}': {e.bericht}"
    hulp = e.hulp
    if e.rijen is not None and len(e.rijen):
        bericht += f" In {_rijen_tekst(e.rijen, ids, e.toon)}."
        hulp = f"{hulp} {_RIJ_HULP}" if hulp else _RIJ_HULP
    return diagnose(e.code, bericht, hulp)


def _lees_ids(f: Path, arr: Any, diags: list[Diagnostic]) -> _Ids | None:
    t = arr.type
    leeg = np.flatnonzero(~geldigheid(arr))
    if len(leeg):
        diags.append(diagnose("RS702", f"{f.name}, kolom 'id': leeg id in {_rijen_tekst(leeg)}.", _RIJ_HULP))
        return None
    if pa.types.is_integer(t):
        if pa.types.is_uint64(t) and len(arr) and pc.max(arr).as_py() > np.iinfo(np.int64).max:
            diags.append(diagnose("RS702", f"{f.name}, kolom 'id': id groter dan 2^63-1."))
            return None
        ids = arr.cast(pa.int64()).to_numpy(zero_copy_only=False)
        dubbel = _dubbele_rijen(ids)
        if len(dubbel):
            diags.append(diagnose("RS704", f"{f.name}, kolom 'id': dubbel id in {_rijen_tekst(dubbel, ids)}.",
                                  _RIJ_HULP))
            return None
        return _Ids(ids, False)
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_dictionary(t):
        arr = arr.cast(pa.string())
        if pc.count_distinct(arr).as_py() != len(arr):
            tellingen = pc.value_counts(arr)
            dubbel_w = tellingen.field("values").filter(pc.greater(tellingen.field("counts"), 1))
            rijen = np.flatnonzero(pc.is_in(arr, value_set=dubbel_w).to_numpy(zero_copy_only=False))
            diags.append(diagnose("RS704", f"{f.name}, kolom 'id': dubbel id in "
                                        f"{_rijen_tekst(rijen, arr.to_numpy(zero_copy_only=False))}.", _RIJ_HULP))
            return None
        return _Ids(een_kolom(arr), True)  # index_in wants one Array as its value set
    diags.append(diagnose("RS702", f"{f.name}, kolom 'id': verwacht gehele getallen of tekst, gevonden {t}."))
    return None


def _dubbele_rijen(ids: Ints) -> npt.NDArray[np.intp]:
    """Rows whose id occurs more than once (all occurrences), in row order."""
    if _oplopend(ids):
        return np.zeros(0, dtype=np.intp)
    orde = np.argsort(ids, kind="stable")
    s = ids[orde]
    gelijk = s[1:] == s[:-1]
    if not gelijk.any():
        return np.zeros(0, dtype=np.intp)
    dubbel = np.zeros(len(ids), dtype=np.bool_)
    dubbel[orde[1:][gelijk]] = True
    dubbel[orde[:-1][gelijk]] = True
    return np.flatnonzero(dubbel)


# ---- feittype files


def _lees_relatie(f: Path, key: str, ft: ir.Feittype, model: ir.Model, ids: dict[str, _Ids],
                  diags: list[Diagnostic]) -> Relatie | None:
    tabel = _lees_bestand(f, diags)
    if tabel is None:
        return None
    kolommen = rolkolommen(ft)
    verwacht = {naam_sleutel(naam): (i, naam, rol) for i, (naam, rol) in enumerate(kolommen)}
    if not ft.wederkerig:  # a role column may also carry the role's plural
        for i, (naam, rol) in enumerate(kolommen):
            if rol.meervoud:
                verwacht.setdefault(naam_sleutel(rol.meervoud), (i, naam, rol))
    gevonden: dict[int, str] = {}
    fout = False
    for naam in tabel.column_names:
        hit = verwacht.get(naam_sleutel(naam))
        if hit is None or hit[0] in gevonden:
            diags.append(diagnose("RS701", f"{f.name}: onbekende kolom '{naam}'; feittype {ft.naam} heeft de kolommen "
                                        f"{', '.join(repr(n) for n, _ in kolommen)}.",
                               "Een feittypebestand heeft één kolom met ids per rol, genoemd naar de rol."))
            fout = True
            continue
        gevonden[hit[0]] = naam
    for i, (naam, _rol) in enumerate(kolommen):
        if i not in gevonden:
            diags.append(diagnose("RS701", f"{f.name}: de kolom '{naam}' ontbreekt."))
            fout = True
    if fout:
        return None
    rijen: list[Ints] = []
    for i, (_naam, rol) in enumerate(kolommen):
        doel = ids.get(rol.objecttype)
        if doel is None:  # that table had errors of its own: ids cannot be checked
            return None
        ot_naam = model.objecttypen[rol.objecttype].naam
        kolomnaam = gevonden[i]
        arr = _array(tabel, kolomnaam)
        leeg = np.flatnonzero(~geldigheid(arr))
        if len(leeg):
            diags.append(diagnose("RS703", f"{f.name}, kolom '{kolomnaam}': lege verwijzing in {_rijen_tekst(leeg)}.",
                               _RIJ_HULP))
            return None
        if doel.is_tekst != (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)
                             or pa.types.is_dictionary(arr.type)) or not (
                doel.is_tekst or pa.types.is_integer(arr.type)):
            diags.append(diagnose("RS702", f"{f.name}, kolom '{kolomnaam}': ids van {ot_naam} zijn "
                                        f"{'tekst' if doel.is_tekst else 'gehele getallen'}, gevonden {arr.type}."))
            return None
        gezocht = arr.cast(pa.string()) if doel.is_tekst else arr.cast(pa.int64()).to_numpy(zero_copy_only=False)
        r, ok = doel.rijen(gezocht)
        los = np.flatnonzero(~ok)
        if len(los):
            waarden = gezocht.to_numpy(zero_copy_only=False) if doel.is_tekst else gezocht
            diags.append(diagnose("RS703", f"{f.name}, kolom '{kolomnaam}': id bestaat niet in "
                                        f"{bestandsnaam(ot_naam)} in {_rijen_tekst(los, waarden)}.",
                               f"Elk id in een feittypebestand moet voorkomen in de kolom 'id' van het bestand van "
                               f"het objecttype van de rol. {_RIJ_HULP}"))
            return None
        rijen.append(r)
    _kardinaliteit(f, ft, kolommen, gevonden, rijen, ids, diags)
    return Relatie(key, (rijen[0], rijen[1]))


def _kardinaliteit(f: Path, ft: ir.Feittype, kolommen: list[tuple[str, ir.Rol]], gevonden: dict[int, str],
                   rijen: list[Ints], ids: dict[str, _Ids], diags: list[Diagnostic]) -> None:
    """A single-valued role has at most one fact per object on the other side; no fact twice."""
    def id_van(i: int) -> Any:
        d = ids[kolommen[i][1].objecttype]
        return d.waarden.to_numpy(zero_copy_only=False) if d.is_tekst else d.waarden

    if ft.wederkerig:
        rol = ft.rollen[0]
        alle = np.concatenate(rijen)
        if not rol.meervoudig:
            dubbel = _dubbele_rijen(alle)
            if len(dubbel):
                feit = np.unique(dubbel % len(rijen[0]))
                diags.append(diagnose("RS704", f"{f.name}: een {rol.naam} heeft hoogstens één {rol.naam} (de rol is "
                                            f"enkelvoudig), maar een object staat in meer dan één feit: "
                                            f"{_rijen_tekst(feit)}.", _RIJ_HULP))
                return
        paar = np.sort(np.stack(rijen), axis=0)
        _dubbele_feiten(f, paar[0], paar[1], diags)
        return
    for r in (0, 1):
        if ft.rollen[r].meervoudig:
            continue
        ander = 1 - r
        dubbel = _dubbele_rijen(rijen[ander])
        if len(dubbel):
            naam_ander = kolommen[ander][0]
            diags.append(diagnose(
                "RS704", f"{f.name}, kolom '{gevonden[ander]}': een {naam_ander} hoort bij hoogstens één "
                         f"{ft.rollen[r].naam} (de rol '{ft.rollen[r].naam}' is enkelvoudig), maar staat in meer dan "
                         f"één feit: {_rijen_tekst(dubbel, id_van(ander)[rijen[ander]])}.", _RIJ_HULP))
            return
    _dubbele_feiten(f, rijen[0], rijen[1], diags)


def _dubbele_feiten(f: Path, a: Ints, b: Ints, diags: list[Diagnostic]) -> None:
    if len(a) < 2:
        return
    sleutel = a * (int(b.max()) + 1) + b
    dubbel = _dubbele_rijen(sleutel)
    if len(dubbel):
        diags.append(diagnose("RS704", f"{f.name}: hetzelfde feit staat er meer dan eens: {_rijen_tekst(dubbel)}.",
                           _RIJ_HULP))
