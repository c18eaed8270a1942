"""One Parquet column read exactly into an engine column (`Kolom`) of a declared type.

Numbers as `decimal128` (read from the buffers, never through float or Python Decimal; the scale
may be at most the declared number of decimals) or integers, never floating point; dates as
`date32`; enumerations as strings or dictionary-encoded strings from the domain; kenmerken and
booleans as `bool`; text as string; the `gewicht` column as a finite float64 of 0 or more. A
column that breaks this raises `KolomFout` with the offending rows; the caller says where (file
and column, or mapping entry).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from regelspraak.evaluate.columns import Kolom
from regelspraak.model import ir
from regelspraak.simulate.arrow import pa, pc

Bools = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]

EPOCHE = 719_163  # date(1970, 1, 1).toordinal(): date32 counts days from 1970, Kolom from year 1


class KolomFout(Exception):
    """A problem in one column: code, message, and the offending rows (0-based). The caller
    adds where (file and column, or mapping entry)."""

    def __init__(self, code: str, bericht: str, rijen: npt.NDArray[np.intp] | None = None, hulp: str | None = None,
                 toon: Any = None) -> None:
        super().__init__(bericht)
        self.code, self.bericht, self.rijen, self.hulp, self.toon = code, bericht, rijen, hulp, toon


def een_kolom(arr: Any) -> Any:
    """One Array from a ChunkedArray (copies only if there are several chunks)."""
    if isinstance(arr, pa.ChunkedArray):
        return arr.combine_chunks() if arr.num_chunks != 1 else arr.chunk(0)
    return arr


def geldigheid(arr: Any) -> Bools:
    if arr.null_count == 0:
        return np.ones(len(arr), dtype=np.bool_)
    out: Bools = arr.is_valid().to_numpy(zero_copy_only=False)
    return out


# ------------------------------------------------------------------ attribute columns


def attribuut_kolom(arr: Any, t: ir.Type) -> Kolom:
    if t.is_getal:
        return _getal(arr, t)
    if t.soort == "datum":
        return _datum(arr)
    if t.soort == "boolean":
        return boolean_kolom(arr)
    if t.soort == "enumeratie":
        return _enumeratie(arr, t)
    if t.soort == "tekst":
        if not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)
                or pa.types.is_dictionary(arr.type)):
            raise KolomFout("RS702", f"verwacht tekst (string), gevonden {arr.type}.")
        waarden = arr.cast(pa.string()).to_numpy(zero_copy_only=False)
        return Kolom(waarden, geldigheid(arr))
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
    geldig = geldigheid(arr)
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
    return Kolom(np.add(dagen, EPOCHE, dtype=np.int32), geldigheid(arr))


def boolean_kolom(arr: Any) -> Kolom:
    if not pa.types.is_boolean(arr.type):
        raise KolomFout("RS702", f"verwacht waar/onwaar (bool), gevonden {arr.type}.")
    return Kolom(arr.fill_null(False).to_numpy(zero_copy_only=False).astype(np.bool_), geldigheid(arr))


def _enumeratie(arr: Any, t: ir.Type) -> Kolom:
    typ = arr.type
    domein = pa.array(list(t.waarden), type=pa.string())
    mogelijk = ", ".join(f"'{w}'" for w in t.waarden)
    if pa.types.is_dictionary(typ) and (pa.types.is_string(typ.value_type) or pa.types.is_large_string(typ.value_type)):
        # Map the (small) dictionary, then its indices: no per-row string work.
        arr = arr.unify_dictionaries() if isinstance(arr, pa.ChunkedArray) else arr
        arr = een_kolom(arr)
        woorden = pc.index_in(arr.dictionary.cast(pa.string()), value_set=domein)
        codes_w = woorden.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
        indices = arr.indices.fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64)
        codes = codes_w[indices] if len(codes_w) else np.zeros(len(arr), np.int64)
        tekst = arr.dictionary.cast(pa.string()).to_numpy(zero_copy_only=False)
        toon: Any = TekstVia(tekst, indices)
    elif pa.types.is_string(typ) or pa.types.is_large_string(typ):
        codes = pc.index_in(arr, value_set=domein).fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
        toon = arr.to_numpy(zero_copy_only=False)
    else:
        raise KolomFout("RS702", f"verwacht een waarde van {t.domein} als tekst, gevonden {typ}.",
                    hulp=f"Mogelijke waarden: {mogelijk}.")
    geldig = geldigheid(arr)
    slecht = np.flatnonzero(geldig & (codes < 0))
    if len(slecht):
        raise KolomFout("RS702", f"waarde hoort niet bij {t.domein}.", slecht, hulp=f"Mogelijke waarden: {mogelijk}.",
                    toon=toon)
    return Kolom(np.where(geldig, codes, 0).astype(np.int16), geldig)


class TekstVia:
    """Values for reporting rows, looked up only for the rows reported: through dictionary
    indices if given; pyarrow scalars as Python values."""

    def __init__(self, woorden: Any, indices: Ints | None) -> None:
        self.woorden, self.indices = woorden, indices

    def __getitem__(self, i: int) -> Any:
        v = self.woorden[int(self.indices[i]) if self.indices is not None else int(i)]
        return v.as_py() if isinstance(v, pa.Scalar) else v


def gewicht_kolom(arr: Any) -> npt.NDArray[np.float64]:
    if not (pa.types.is_floating(arr.type) or pa.types.is_integer(arr.type)):
        raise KolomFout("RS702", f"verwacht een gewicht (float64), gevonden {arr.type}.")
    geldig = geldigheid(arr)
    w = arr.cast(pa.float64()).fill_null(np.nan).to_numpy(zero_copy_only=False)
    slecht = np.flatnonzero(~geldig | ~np.isfinite(w) | (w < 0))
    if len(slecht):
        raise KolomFout("RS702", "gewicht moet een eindig getal van 0 of meer zijn.", slecht, toon=w)
    out: npt.NDArray[np.float64] = np.ascontiguousarray(w, dtype=np.float64)
    return out
