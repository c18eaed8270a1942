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

>>> import tempfile, numpy as np
>>> from pathlib import Path
>>> from regelspraak.model.from_syntax import load_model
>>> model, _ = load_model(sorted(Path("wetten/zorgtoeslag").glob("*.rgs")))
>>> p = Populatie({"natuurlijk persoon": Tabel("natuurlijk persoon", np.array([1, 2]), {
...     "toetsingsinkomen": Kolom(np.array([2_450_000, 320_042]), np.array([True, False]), 100)})}, {})
>>> map_ = Path(tempfile.mkdtemp()) / "pop"
>>> schrijf_populatie(p, model, map_)
>>> sorted(f.name for f in map_.iterdir())
['Huishouden.parquet', 'Natuurlijk persoon.parquet', 'huishoudsamenstelling.parquet']
>>> terug = lees_populatie(map_, model)
>>> k = terug.tabellen["natuurlijk persoon"].kolommen["toetsingsinkomen"]
>>> k.waarden.tolist(), k.geldig.tolist(), k.noemer
([2450000, 0], [True, False], 100)
>>> import shutil; shutil.rmtree(map_.parent)
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.evaluate.columns import Kolom, Populatie, Relatie, Tabel
from regelspraak.inputs.files import strip_lidwoord
from regelspraak.model import ir
from regelspraak.model.scope import Scope
from regelspraak.simulate.arrow import pa, pc, pq
from regelspraak.syntax.lexer import normalize

Bools = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]

VOORBEELDEN = 5  # offending rows named per error
EPOCHE = 719_163  # date(1970, 1, 1).toordinal(): date32 counts days from 1970, Kolom from year 1
GEWICHT = "gewicht"
ID = "id"
_RIJ_HULP = "Rijnummers tellen vanaf 1, in de volgorde van het bestand."


# ------------------------------------------------------------------ errors


class KolomFout(Exception):
    """A problem in one column: code, message, and the offending rows (0-based). The caller
    adds where (file and column, or mapping entry)."""

    def __init__(self, code: str, bericht: str, rijen: npt.NDArray[np.intp] | None = None, hulp: str | None = None,
                 toon: Any = None) -> None:
        super().__init__(bericht)
        self.code, self.bericht, self.rijen, self.hulp, self.toon = code, bericht, rijen, hulp, toon


def _diag(code: str, bericht: str, hulp: str | None = None) -> Diagnostic:
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


def _sleutel(naam: str) -> str:
    return strip_lidwoord(naam)


def _bestand_naar(model: ir.Model) -> tuple[dict[str, str], dict[str, str]]:
    """File stem key -> objecttype key, and -> feittype key (names and plurals)."""
    ot: dict[str, str] = {}
    for key, o in model.objecttypen.items():
        ot[_sleutel(o.naam)] = key
        if o.meervoud:
            ot.setdefault(_sleutel(o.meervoud), key)
    ft = {_sleutel(f.naam): key for key, f in model.feittypen.items()}
    return ot, ft


def _rolkolommen(ft: ir.Feittype) -> list[tuple[str, ir.Rol]]:
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


def lees_populatie(map_: Path, model: ir.Model) -> Populatie:
    """Read and validate a population folder; DiagnosticError listing every problem found."""
    if not map_.is_dir():
        raise DiagnosticError([_diag("RS901", f"Populatiemap '{map_}' bestaat niet of is geen map.")])
    diags: list[Diagnostic] = []
    naar_ot, naar_ft = _bestand_naar(model)
    ot_bestand: dict[str, Path] = {}
    ft_bestand: dict[str, Path] = {}
    for f in sorted(map_.glob("*.parquet")):
        if f.name.startswith("."):
            continue
        k = _sleutel(f.stem)
        doel, soort = (ot_bestand, naar_ot.get(k)) if k in naar_ot else (ft_bestand, naar_ft.get(k))
        if soort is None:
            hint = Scope.suggest(k, [*naar_ot, *naar_ft])
            naam = (model.objecttypen[naar_ot[hint]].naam if hint in naar_ot else
                    model.feittypen[naar_ft[hint]].naam) if hint else None
            diags.append(_diag("RS701", f"{f.name}: onbekend bestand; het model heeft geen objecttype of feittype "
                                        f"'{f.stem}'.", f"Bedoelde u '{naam}.parquet'?" if naam else None))
            continue
        if soort in doel:
            diags.append(_diag("RS704", f"{f.name}: tweede bestand voor '{f.stem}' (naast {doel[soort].name})."))
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
    relaties: dict[str, Relatie] = {}
    for key, ft in model.feittypen.items():
        rf = ft_bestand.get(key)
        if rf is None:
            relaties[key] = Relatie(key, (np.zeros(0, np.int64), np.zeros(0, np.int64)))
            continue
        rel = _lees_relatie(rf, key, ft, model, ids, diags)
        if rel is not None:
            relaties[key] = rel
    if diags:
        raise DiagnosticError(diags)
    return Populatie(tabellen, relaties)


def _lees_bestand(f: Path, diags: list[Diagnostic]) -> Any | None:
    try:
        return pq.read_table(f)
    except (OSError, pa.ArrowException) as e:
        diags.append(_diag("RS901", f"{f.name}: geen leesbaar Parquet-bestand ({e})."))
        return None


def _array(tabel: Any, naam: str) -> Any:
    """A column as a ChunkedArray (one chunk per read batch). Compute functions and to_numpy
    work on it directly, so each column is copied once, into numpy; helpers that need the
    buffers of one Array combine or walk the chunks themselves."""
    return tabel.column(naam)


def _een(arr: Any) -> Any:
    """One Array from a ChunkedArray (copies only if there are several chunks)."""
    if isinstance(arr, pa.ChunkedArray):
        return arr.combine_chunks() if arr.num_chunks != 1 else arr.chunk(0)
    return arr


def _lees_tabel(f: Path, key: str, ot: ir.Objecttype, diags: list[Diagnostic]) -> tuple[Tabel, _Ids] | None:
    tabel = _lees_bestand(f, diags)
    if tabel is None:
        return None
    namen: list[str] = list(tabel.column_names)
    if ID not in namen:
        diags.append(_diag("RS701", f"{f.name}: de kolom 'id' ontbreekt.",
                           "Elk objecttypebestand heeft een kolom 'id' (int64 of tekst) met een uniek id per rij."))
        return None
    id_ids = _lees_ids(f, _array(tabel, ID), diags)
    attributen = {normalize(a.naam): a for a in ot.attributen.values()}
    kenmerken = {normalize(k.naam): k for k in ot.kenmerken.values()}
    kolommen: dict[str, Kolom] = {}
    gezien: dict[str, str] = {}
    gewicht: npt.NDArray[np.float64] | None = None
    ids_voor_tekst = _Via(id_ids.waarden, None) if id_ids is not None else None
    for naam in namen:
        if naam == ID:
            continue
        k = _sleutel(naam)
        arr = _array(tabel, naam)
        if naam == GEWICHT and k not in attributen:
            try:
                gewicht = _gewicht(arr)
            except KolomFout as e:
                diags.append(_kolomfout(f, naam, e, ids_voor_tekst))
            continue
        if k in attributen:
            sleutel = _attr_sleutel(ot, attributen[k])
        elif k in kenmerken:
            sleutel = "kenmerk:" + kenmerken[k].naam.lower()
        else:
            hint = Scope.suggest(k, [*attributen, *kenmerken])
            diags.append(_diag(
                "RS701", f"{f.name}: onbekende kolom '{naam}'; {ot.naam} heeft geen attribuut of kenmerk met die naam.",
                (f"Bedoelde u '{hint}'? " if hint else "") + "Kolommen heten zoals gedeclareerd, zonder lidwoord; "
                "daarnaast zijn alleen 'id' en 'gewicht' toegestaan."))
            continue
        if sleutel in gezien:
            diags.append(_diag("RS704", f"{f.name}: kolommen '{gezien[sleutel]}' en '{naam}' zijn hetzelfde "
                                        "attribuut of kenmerk."))
            continue
        gezien[sleutel] = naam
        try:
            if k in attributen:
                kolommen[sleutel] = _attribuut_kolom(arr, attributen[k].type)
            else:
                kolommen[sleutel] = _boolean(arr)
        except KolomFout as e:
            diags.append(_kolomfout(f, naam, e, ids_voor_tekst))
    if id_ids is None:
        return None
    n = len(id_ids.waarden)
    assert all(len(k) == n for k in kolommen.values())  # row counts in = row counts out
    ids_arr = id_ids.waarden.to_numpy(zero_copy_only=False) if id_ids.is_tekst else id_ids.waarden
    return Tabel(key, ids_arr, kolommen, gewicht), id_ids


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
    return _diag(e.code, bericht, hulp)


def _geldig(arr: Any) -> Bools:
    if arr.null_count == 0:
        return np.ones(len(arr), dtype=np.bool_)
    out: Bools = arr.is_valid().to_numpy(zero_copy_only=False)
    return out


def _lees_ids(f: Path, arr: Any, diags: list[Diagnostic]) -> _Ids | None:
    t = arr.type
    leeg = np.flatnonzero(~_geldig(arr))
    if len(leeg):
        diags.append(_diag("RS702", f"{f.name}, kolom 'id': leeg id in {_rijen_tekst(leeg)}.", _RIJ_HULP))
        return None
    if pa.types.is_integer(t):
        if pa.types.is_uint64(t) and len(arr) and pc.max(arr).as_py() > np.iinfo(np.int64).max:
            diags.append(_diag("RS702", f"{f.name}, kolom 'id': id groter dan 2^63-1."))
            return None
        ids = arr.cast(pa.int64()).to_numpy(zero_copy_only=False)
        dubbel = _dubbele_rijen(ids)
        if len(dubbel):
            diags.append(_diag("RS704", f"{f.name}, kolom 'id': dubbel id in {_rijen_tekst(dubbel, ids)}.", _RIJ_HULP))
            return None
        return _Ids(ids, False)
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_dictionary(t):
        arr = arr.cast(pa.string())
        if pc.count_distinct(arr).as_py() != len(arr):
            tellingen = pc.value_counts(arr)
            dubbel_w = tellingen.field("values").filter(pc.greater(tellingen.field("counts"), 1))
            rijen = np.flatnonzero(pc.is_in(arr, value_set=dubbel_w).to_numpy(zero_copy_only=False))
            diags.append(_diag("RS704", f"{f.name}, kolom 'id': dubbel id in "
                                        f"{_rijen_tekst(rijen, arr.to_numpy(zero_copy_only=False))}.", _RIJ_HULP))
            return None
        return _Ids(_een(arr), True)  # index_in wants one Array as its value set
    diags.append(_diag("RS702", f"{f.name}, kolom 'id': verwacht gehele getallen of tekst, gevonden {t}."))
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


# ---- attribute columns


def _attribuut_kolom(arr: Any, t: ir.Type) -> Kolom:
    if t.is_getal:
        return _getal(arr, t)
    if t.soort == "datum":
        return _datum(arr)
    if t.soort == "boolean":
        return _boolean(arr)
    if t.soort == "enumeratie":
        return _enumeratie(arr, t)
    if t.soort == "tekst":
        if not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)
                or pa.types.is_dictionary(arr.type)):
            raise KolomFout("RS702", f"verwacht tekst (string), gevonden {arr.type}.")
        waarden = arr.cast(pa.string()).to_numpy(zero_copy_only=False)
        return Kolom(waarden, _geldig(arr))
    raise KolomFout("RS702", f"attributen van type {t.beschrijf()} kunnen niet uit een populatie worden gelezen.")


def _decimal_tellers(arr: Any) -> tuple[Ints, int, npt.NDArray[np.intp]]:
    """The unscaled integers of a decimal128 column as int64, its scale, and the rows that do
    not fit in int64. Read from the buffers (16-byte little-endian two's complement per value),
    chunk by chunk into one array: never through float or Python Decimal."""
    schaal = int(arr.type.scale)
    stukken = arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]
    tellers = np.empty(len(arr), dtype=np.int64)
    te_groot: list[npt.NDArray[np.intp]] = []
    begin = 0
    for stuk in stukken:
        n = len(stuk)
        if n == 0:
            continue
        paren = np.frombuffer(stuk.buffers()[1], dtype=np.int64, count=2 * (stuk.offset + n))[2 * stuk.offset :]
        laag = tellers[begin : begin + n]
        np.copyto(laag, paren[0::2])
        past = paren[1::2] == (laag >> 63)  # the high word is only the sign extension of the low word
        if stuk.null_count:
            geldig = stuk.is_valid().to_numpy(zero_copy_only=False)
            laag[~geldig] = 0  # whatever sits under a null must not count
            past |= ~geldig
        if not past.all():
            te_groot.append(np.flatnonzero(~past) + begin)
        begin += n
    return tellers, schaal, np.concatenate(te_groot) if te_groot else np.zeros(0, dtype=np.intp)


def _getal(arr: Any, t: ir.Type) -> Kolom:
    typ = arr.type
    geldig = _geldig(arr)
    if pa.types.is_decimal(typ):
        if typ.bit_width != 128:
            try:
                arr = arr.cast(pa.decimal128(38, typ.scale))
            except pa.ArrowException as e:
                raise KolomFout("RS702", f"{typ} past niet in decimal128(38, {typ.scale}).") from e
        tellers, schaal, te_groot = _decimal_tellers(arr)
        if len(te_groot):
            raise KolomFout("RS702", "getal te groot (meer dan 18 cijfers).", te_groot)
    elif pa.types.is_integer(typ):
        if pa.types.is_uint64(typ):
            groot = np.flatnonzero(pc.greater(arr, np.iinfo(np.int64).max).fill_null(False)
                                   .to_numpy(zero_copy_only=False))
            if len(groot):
                raise KolomFout("RS702", "getal te groot (meer dan 2^63-1).", groot)
        tellers = arr.cast(pa.int64()).fill_null(0).to_numpy(zero_copy_only=False)
        schaal = 0
    elif pa.types.is_floating(typ):
        raise KolomFout("RS702", f"verwacht een exact getal (decimal128 of geheel getal), gevonden {typ}.",
                    hulp="Drijvende-kommagetallen zijn niet exact (0,1 bestaat niet als double); schrijf bedragen als "
                         "decimal128 met het aantal gedeclareerde decimalen, of als geheel getal.")
    else:
        raise KolomFout("RS702", f"verwacht een getal (decimal128 of geheel getal), gevonden {typ}.")

    return exact_getal(tellers, geldig, schaal, t)


def exact_getal(tellers: Ints, geldig: Bools, schaal: int, t: ir.Type) -> Kolom:
    """Numerators over 10**schaal as a Kolom for type `t`: the declared number of decimals (more
    is an error, never rounded), or for undeclared decimals the smallest power of ten that holds
    every value exactly; sign checked. Raises KolomFout.

    >>> from regelspraak.model import ir
    >>> k = exact_getal(np.array([150, 200]), np.array([True, True]), 2, ir.Type("numeriek"))
    >>> k.waarden.tolist(), k.noemer
    ([15, 20], 10)
    """
    decimalen = t.decimalen
    if not geldig.all():
        tellers = np.where(geldig, tellers, 0)  # whatever sits under a null must not count
    if decimalen is None:
        # Undeclared: the smallest power of ten that holds every value exactly.
        decimalen = schaal
        while decimalen > 0 and not np.any(tellers % 10 ** (schaal - decimalen + 1)):
            decimalen -= 1
    if schaal > decimalen:
        deler = 10 ** (schaal - decimalen)
        rest = np.flatnonzero(tellers % deler)
        if len(rest):
            raise KolomFout("RS702", f"meer dan {decimalen} decimalen ({t.beschrijf()} met {decimalen} decimalen).",
                        rest, toon=_DecimaalTekst(tellers, schaal))
        tellers = tellers // deler
    elif schaal < decimalen:
        factor = 10 ** (decimalen - schaal)
        grens = np.iinfo(np.int64).max // factor
        te_groot = np.flatnonzero(np.abs(tellers) > grens)
        if len(te_groot):
            raise KolomFout("RS702", f"getal te groot voor {decimalen} decimalen in 64 bits.", te_groot)
        tellers = tellers * factor
    tekst = _DecimaalTekst(tellers, decimalen)
    if t.teken == "niet-negatief":
        slecht = np.flatnonzero(geldig & (tellers < 0))
        if len(slecht):
            raise KolomFout("RS702", "negatief getal, maar het attribuut is niet-negatief.", slecht, toon=tekst)
    elif t.teken == "positief":
        slecht = np.flatnonzero(geldig & (tellers <= 0))
        if len(slecht):
            raise KolomFout("RS702", "getal is niet positief, maar het attribuut is positief.", slecht, toon=tekst)
    return Kolom(np.ascontiguousarray(tellers, dtype=np.int64), geldig, 10**decimalen)


class _DecimaalTekst:
    """Show numerator i over 10**schaal as an exact decimal, lazily (only for reported rows)."""

    def __init__(self, tellers: Ints, schaal: int) -> None:
        self.tellers, self.schaal = tellers, schaal

    def __getitem__(self, i: int) -> str:
        v = int(self.tellers[i])
        if self.schaal == 0:
            return str(v)
        teken = "-" if v < 0 else ""
        heel, deel = divmod(abs(v), 10**self.schaal)
        return f"{teken}{heel}.{deel:0{self.schaal}d}"


def _datum(arr: Any) -> Kolom:
    typ = arr.type
    if pa.types.is_date64(typ):
        arr = arr.cast(pa.date32())
    elif not pa.types.is_date32(typ):
        raise KolomFout("RS702", f"verwacht een datum (date32), gevonden {typ}.",
                    hulp="Schrijf datums als Arrow date32 (dagen), niet als tekst of tijdstempel.")
    dagen = arr.cast(pa.int32()).fill_null(0).to_numpy(zero_copy_only=False)
    return Kolom(np.add(dagen, EPOCHE, dtype=np.int32), _geldig(arr))


def _boolean(arr: Any) -> Kolom:
    if not pa.types.is_boolean(arr.type):
        raise KolomFout("RS702", f"verwacht waar/onwaar (bool), gevonden {arr.type}.")
    return Kolom(arr.fill_null(False).to_numpy(zero_copy_only=False).astype(np.bool_), _geldig(arr))


def _enumeratie(arr: Any, t: ir.Type) -> Kolom:
    typ = arr.type
    domein = pa.array(list(t.waarden), type=pa.string())
    mogelijk = ", ".join(f"'{w}'" for w in t.waarden)
    if pa.types.is_dictionary(typ) and (pa.types.is_string(typ.value_type) or pa.types.is_large_string(typ.value_type)):
        # Map the (small) dictionary, then its indices: no per-row string work.
        arr = arr.unify_dictionaries() if isinstance(arr, pa.ChunkedArray) else arr
        arr = _een(arr)
        woorden = pc.index_in(arr.dictionary.cast(pa.string()), value_set=domein)
        codes_w = woorden.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
        indices = arr.indices.fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64)
        codes = codes_w[indices] if len(codes_w) else np.zeros(len(arr), np.int64)
        tekst = arr.dictionary.cast(pa.string()).to_numpy(zero_copy_only=False)
        toon: Any = _Via(tekst, indices)
    elif pa.types.is_string(typ) or pa.types.is_large_string(typ):
        codes = pc.index_in(arr, value_set=domein).fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
        toon = arr.to_numpy(zero_copy_only=False)
    else:
        raise KolomFout("RS702", f"verwacht een waarde van {t.domein} als tekst, gevonden {typ}.",
                    hulp=f"Mogelijke waarden: {mogelijk}.")
    geldig = _geldig(arr)
    slecht = np.flatnonzero(geldig & (codes < 0))
    if len(slecht):
        raise KolomFout("RS702", f"waarde hoort niet bij {t.domein}.", slecht, hulp=f"Mogelijke waarden: {mogelijk}.",
                    toon=toon)
    return Kolom(np.where(geldig, codes, 0).astype(np.int16), geldig)


class _Via:
    """Values for reporting rows, looked up only for the rows reported: through dictionary
    indices if given; pyarrow scalars as Python values."""

    def __init__(self, woorden: Any, indices: Ints | None) -> None:
        self.woorden, self.indices = woorden, indices

    def __getitem__(self, i: int) -> Any:
        v = self.woorden[int(self.indices[i]) if self.indices is not None else int(i)]
        return v.as_py() if isinstance(v, pa.Scalar) else v


def _gewicht(arr: Any) -> npt.NDArray[np.float64]:
    if not (pa.types.is_floating(arr.type) or pa.types.is_integer(arr.type)):
        raise KolomFout("RS702", f"verwacht een gewicht (float64), gevonden {arr.type}.")
    geldig = _geldig(arr)
    w = arr.cast(pa.float64()).fill_null(np.nan).to_numpy(zero_copy_only=False)
    slecht = np.flatnonzero(~geldig | ~np.isfinite(w) | (w < 0))
    if len(slecht):
        raise KolomFout("RS702", "gewicht moet een eindig getal van 0 of meer zijn.", slecht, toon=w)
    out: npt.NDArray[np.float64] = np.ascontiguousarray(w, dtype=np.float64)
    return out


# ---- feittype files


def _lees_relatie(f: Path, key: str, ft: ir.Feittype, model: ir.Model, ids: dict[str, _Ids],
                  diags: list[Diagnostic]) -> Relatie | None:
    tabel = _lees_bestand(f, diags)
    if tabel is None:
        return None
    kolommen = _rolkolommen(ft)
    verwacht = {_sleutel(naam): (i, naam, rol) for i, (naam, rol) in enumerate(kolommen)}
    if not ft.wederkerig:  # a role column may also carry the role's plural
        for i, (naam, rol) in enumerate(kolommen):
            if rol.meervoud:
                verwacht.setdefault(_sleutel(rol.meervoud), (i, naam, rol))
    gevonden: dict[int, str] = {}
    fout = False
    for naam in tabel.column_names:
        hit = verwacht.get(_sleutel(naam))
        if hit is None or hit[0] in gevonden:
            diags.append(_diag("RS701", f"{f.name}: onbekende kolom '{naam}'; feittype {ft.naam} heeft de kolommen "
                                        f"{', '.join(repr(n) for n, _ in kolommen)}.",
                               "Een feittypebestand heeft één kolom met ids per rol, genoemd naar de rol."))
            fout = True
            continue
        gevonden[hit[0]] = naam
    for i, (naam, _rol) in enumerate(kolommen):
        if i not in gevonden:
            diags.append(_diag("RS701", f"{f.name}: de kolom '{naam}' ontbreekt."))
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
        leeg = np.flatnonzero(~_geldig(arr))
        if len(leeg):
            diags.append(_diag("RS703", f"{f.name}, kolom '{kolomnaam}': lege verwijzing in {_rijen_tekst(leeg)}.",
                               _RIJ_HULP))
            return None
        if doel.is_tekst != (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)
                             or pa.types.is_dictionary(arr.type)) or not (
                doel.is_tekst or pa.types.is_integer(arr.type)):
            diags.append(_diag("RS702", f"{f.name}, kolom '{kolomnaam}': ids van {ot_naam} zijn "
                                        f"{'tekst' if doel.is_tekst else 'gehele getallen'}, gevonden {arr.type}."))
            return None
        gezocht = arr.cast(pa.string()) if doel.is_tekst else arr.cast(pa.int64()).to_numpy(zero_copy_only=False)
        r, ok = doel.rijen(gezocht)
        los = np.flatnonzero(~ok)
        if len(los):
            waarden = gezocht.to_numpy(zero_copy_only=False) if doel.is_tekst else gezocht
            diags.append(_diag("RS703", f"{f.name}, kolom '{kolomnaam}': id bestaat niet in "
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
                diags.append(_diag("RS704", f"{f.name}: een {rol.naam} heeft hoogstens één {rol.naam} (de rol is "
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
            diags.append(_diag(
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
        diags.append(_diag("RS704", f"{f.name}: hetzelfde feit staat er meer dan eens: {_rijen_tekst(dubbel)}.",
                           _RIJ_HULP))


# ------------------------------------------------------------------ writing


def schrijf_populatie(pop: Populatie, model: ir.Model, map_: Path) -> None:
    """Write `pop` as a population folder at `map_`, atomically: everything goes to a temporary
    folder next to it, which is renamed into place only when complete. An existing folder is
    replaced only if it holds nothing but Parquet files (never a folder the user meant otherwise)."""
    map_ = Path(map_)
    if map_.exists() and not _vervangbaar(map_):
        raise DiagnosticError([_diag("RS901", f"Map '{map_}' bestaat al en is geen populatiemap (er staan andere "
                                              "bestanden in); kies een andere of een lege map.")])
    map_.parent.mkdir(parents=True, exist_ok=True)
    # Not tempfile.mkdtemp: that creates mode 0700, and the folder keeps its mode after the rename.
    tijdelijk = map_.parent / f".{map_.name}.{secrets.token_hex(6)}.tmp"
    tijdelijk.mkdir()
    try:
        for key, ot in model.objecttypen.items():
            tabel = pop.tabellen.get(key) or Tabel(key, np.zeros(0, dtype=np.int64))
            _schrijf_in_delen(tijdelijk / bestandsnaam(ot.naam), len(tabel),
                              lambda deel, tabel=tabel, ot=ot: tabel_naar_arrow(tabel, ot, deel))
        for key, ft in model.feittypen.items():
            rel = pop.relaties.get(key) or Relatie(key, (np.zeros(0, np.int64), np.zeros(0, np.int64)))
            _schrijf_in_delen(tijdelijk / bestandsnaam(ft.naam), len(rel.rijen[0]),
                              lambda deel, rel=rel, ft=ft: relatie_naar_arrow(rel, ft, pop, model, deel))
        _vervang(tijdelijk, map_)
    except BaseException:
        shutil.rmtree(tijdelijk, ignore_errors=True)
        raise


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


def _vervangbaar(map_: Path) -> bool:
    return map_.is_dir() and all(p.suffix == ".parquet" and p.is_file() for p in map_.iterdir())


def _vervang(nieuw: Path, doel: Path) -> None:
    if not doel.exists():
        os.rename(nieuw, doel)
        return
    oud = doel.parent / f".{doel.name}.{secrets.token_hex(6)}.oud"
    os.rename(doel, oud)
    try:
        os.rename(nieuw, doel)
    except OSError:
        os.rename(oud, doel)  # put the old population back
        raise
    shutil.rmtree(oud, ignore_errors=True)


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
            kolommen[attr.naam] = _kolom_naar_arrow(stuk(k), attr.type, attr.naam)
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
    for (naam, rol), rijen in zip(_rolkolommen(ft), rel.rijen, strict=True):
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


def _kolom_naar_arrow(k: Kolom, t: ir.Type, naam: str) -> Any:
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
            raise DiagnosticError([_diag("RS702", f"Kolom '{naam}': getal te groot voor 64 bits.")])
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
        raise DiagnosticError([_diag("RS702", f"Kolom '{naam}': waarden met noemer {k.noemer} zijn niet exact als "
                                              "decimaal getal te schrijven.")])
    schaal = max(twee, vijf)
    factor = 10**schaal // k.noemer
    if factor != 1:
        if np.any(np.abs(tellers[~masker]) > np.iinfo(np.int64).max // factor):
            raise DiagnosticError([_diag("RS702", f"Kolom '{naam}': getal te groot voor 64 bits.")])
        tellers = tellers * factor
    tellers = np.where(masker, 0, tellers)
    paren = np.empty((len(tellers), 2), dtype=np.int64)
    paren[:, 0] = tellers
    paren[:, 1] = tellers >> 63  # sign extension: the high word of a 128-bit two's complement
    validiteit = pa.array(~masker).buffers()[1] if masker.any() else None
    return pa.Array.from_buffers(pa.decimal128(38, schaal), len(tellers), [validiteit, pa.py_buffer(paren)],
                                 null_count=int(masker.sum()))
