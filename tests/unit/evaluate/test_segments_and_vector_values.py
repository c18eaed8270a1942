"""The kernels of the vectorised engine against plain-Python references.

- `segments`: the CSR index of a feittype (unsorted pairs, empty inputs, sources without targets,
  `doorlopend`, `alle_gevuld`, `meeste`), `uitklappen` (leeg and repeated rows), and the per-owner
  reductions `eigenaars`, `som` (int64, bool, object with ints beyond 2**63), `aantal`, `extreem`,
  `comprimeer`, `past`, with empty segments at the start, middle and end.
- `vector_values`: `_ymd` (lookup-table and direct paths) against `date.fromordinal`; `afronden`
  in all five modes against the exact-Fraction `values.rounding.afronden` (non-negative fast path,
  mixed signs, exact halves, object numerators); `gedeeld_door_scalar`, `plus` and `maal` on
  broadcast constants equal the same on materialised columns and the Fraction reference, leeg = 0.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regelspraak.evaluate import segments as sg
from regelspraak.evaluate import vector_values as vv
from regelspraak.values.rounding import Afronding
from regelspraak.values.rounding import afronden as afronden_exact

instelling = settings(deadline=None, max_examples=150)
MODI = [m.value for m in Afronding]


def arr(xs: list[int]) -> np.ndarray:
    """int64 when every value fits, else Python ints in an object array (as the engine does)."""
    if all(-(2**63) <= x < 2**63 for x in xs):
        return np.array(xs, dtype=np.int64)
    return np.array(xs, dtype=object)


def ints(a: np.ndarray) -> list[int]:
    return [int(x) for x in np.asarray(a).tolist()]


# ---------------------------------------------------------------- segments


@st.composite
def grenzen_st(draw: st.DrawFn) -> list[int]:
    """Segment offsets, often with empty segments at the start, in the middle and at the end."""
    maten = draw(st.lists(st.integers(0, 4), max_size=8))
    if draw(st.booleans()):
        maten = [0, *maten]
    if draw(st.booleans()):
        maten.insert(len(maten) // 2, 0)
    if draw(st.booleans()):
        maten = [*maten, 0]
    uit = [0]
    for m in maten:
        uit.append(uit[-1] + m)
    return uit


def segmenten(grenzen: list[int], xs: list) -> list[list]:
    return [xs[grenzen[i]:grenzen[i + 1]] for i in range(len(grenzen) - 1)]


@st.composite
def paren_st(draw: st.DrawFn) -> tuple[list[int], list[int], int, int]:
    n_van, n_naar = draw(st.integers(0, 6)), draw(st.integers(0, 6))
    if n_van == 0 or n_naar == 0:
        return [], [], n_van, n_naar
    paren = draw(st.lists(st.tuples(st.integers(0, n_van - 1), st.integers(0, n_naar - 1)), max_size=12))
    return [p[0] for p in paren], [p[1] for p in paren], n_van, n_naar


@st.composite
def doorlopend_st(draw: st.DrawFn) -> tuple[list[int], list[int], int, int]:
    """Unsorted pairs whose stable sort by source lists the targets as exactly 0..n_naar-1."""
    n_van = draw(st.integers(1, 6))
    van = draw(st.permutations(sorted(draw(st.lists(st.integers(0, n_van - 1), max_size=12)))))
    aantallen = [van.count(i) for i in range(n_van)]
    start = [sum(aantallen[:i]) for i in range(n_van)]
    gezien = [0] * n_van
    naar = []
    for v in van:
        naar.append(start[v] + gezien[v])
        gezien[v] += 1
    return van, naar, n_van, len(van)


def check_index(van: list[int], naar: list[int], n_van: int, n_naar: int) -> sg.Index:
    idx = sg.index(np.array(van, dtype=np.int64), np.array(naar, dtype=np.int64), n_van, n_naar)
    per = [[t for s, t in zip(van, naar, strict=True) if s == i] for i in range(n_van)]
    plat = [t for p in per for t in p]
    assert ints(idx.doelen) == plat
    assert ints(idx.grenzen) == [sum(len(p) for p in per[:i]) for i in range(n_van + 1)]
    assert ints(idx.aantallen) == [len(p) for p in per]
    assert ints(idx.eerste) == [p[0] if p else -1 for p in per]
    assert idx.doorlopend == (plat == list(range(n_naar)))
    assert idx.alle_gevuld == all(per)
    assert idx.meeste == max((len(p) for p in per), default=0)
    return idx


@instelling
@given(paren_st())
def test_index_tegen_referentie(paren: tuple[list[int], list[int], int, int]) -> None:
    check_index(*paren)


@instelling
@given(doorlopend_st())
def test_index_doorlopend(paren: tuple[list[int], list[int], int, int]) -> None:
    assert check_index(*paren).doorlopend
    van, naar, n_van, n_naar = paren
    # The sorted order depends on `van` only, so swapping two targets puts them out of order.
    if n_naar >= 2:
        assert not check_index(van, [naar[1], naar[0], *naar[2:]], n_van, n_naar).doorlopend
    assert not check_index(van, naar, n_van, n_naar + 1).doorlopend  # a target row without a pair


def test_index_voorbeelden() -> None:
    assert check_index([], [], 0, 0).doorlopend
    leeg = check_index([], [], 3, 0)
    assert leeg.doorlopend and not leeg.alle_gevuld and leeg.meeste == 0
    assert not check_index([], [], 3, 2).doorlopend
    assert check_index([2, 0, 0], [2, 0, 1], 3, 3).doorlopend
    assert not check_index([0, 0, 2], [0, 2, 1], 3, 3).doorlopend


@instelling
@given(paren_st(), st.data())
def test_uitklappen(paren: tuple[list[int], list[int], int, int], data: st.DataObject) -> None:
    van, naar, n_van, n_naar = paren
    idx = sg.index(np.array(van, dtype=np.int64), np.array(naar, dtype=np.int64), n_van, n_naar)
    # Repeated rows are likely; a leeg row holds junk (even out of range) that must be ignored.
    rij = st.tuples(st.integers(0, n_van - 1), st.booleans()) if n_van else st.nothing()
    junk = st.tuples(st.integers(-5, 20), st.just(False))
    gevraagd = data.draw(st.lists(st.one_of(rij, junk), max_size=10))
    rijen = np.array([r for r, _ in gevraagd], dtype=np.int64)
    ok = np.array([k for _, k in gevraagd], dtype=bool)
    grenzen, doelen = sg.uitklappen(idx, rijen, ok)
    per = [[t for s, t in zip(van, naar, strict=True) if s == r] if k else [] for r, k in gevraagd]
    assert segmenten(ints(grenzen), ints(doelen)) == per
    assert ints(grenzen)[0] == 0 and len(grenzen) == len(gevraagd) + 1


@instelling
@given(grenzen_st(), st.data())
def test_reducties(grenzen: list[int], data: st.DataObject) -> None:
    n = grenzen[-1]
    g = np.array(grenzen, dtype=np.int64)
    keep = data.draw(st.lists(st.booleans(), min_size=n, max_size=n))
    klein = data.draw(st.lists(st.integers(-(2**40), 2**40), min_size=n, max_size=n))
    groot = data.draw(st.lists(st.integers(-(2**100), 2**100), min_size=n, max_size=n))

    assert ints(sg.eigenaars(g)) == [i for i, s in enumerate(segmenten(grenzen, keep)) for _ in s]
    for xs, w, dtype in ((klein, np.array(klein, dtype=np.int64), np.int64),
                         (keep, np.array(keep, dtype=bool), np.int64),
                         (groot, np.array(groot, dtype=object), object)):
        r = sg.som(w, g)
        assert r.dtype == dtype
        assert [int(x) for x in r] == [sum(int(x) for x in s) for s in segmenten(grenzen, xs)]
    assert ints(sg.aantal(np.array(keep, dtype=bool), g)) == [sum(s) for s in segmenten(grenzen, keep)]

    bewaard = [[x for x, k in zip(s, ks, strict=True) if k]
               for s, ks in zip(segmenten(grenzen, klein), segmenten(grenzen, keep), strict=True)]
    for hoog, f in ((True, max), (False, min)):
        r = sg.extreem(np.array(klein, dtype=np.int64), np.array(keep, dtype=bool), g, hoog)
        assert ints(r) == [f(b) if b else 0 for b in bewaard]
    c = sg.comprimeer(np.array(keep, dtype=bool), g)
    assert ints(c) == [sum(len(b) for b in bewaard[:i]) for i in range(len(bewaard) + 1)]


@instelling
@given(grenzen_st(), st.data())
def test_som_met_masker(grenzen: list[int], data: st.DataObject) -> None:
    """A masked sum (the mask folded into the running sum) equals summing only the kept
    elements: for int64, narrower ints, booleans and Python ints, empty owners included."""
    n = grenzen[-1]
    g = np.array(grenzen, dtype=np.int64)
    keep = data.draw(st.lists(st.booleans(), min_size=n, max_size=n))
    klein = data.draw(st.lists(st.integers(-(2**40), 2**40), min_size=n, max_size=n))
    int32 = data.draw(st.lists(st.integers(-(2**31), 2**31 - 1), min_size=n, max_size=n))
    groot = data.draw(st.lists(st.integers(-(2**100), 2**100), min_size=n, max_size=n))
    masker = np.array(keep, dtype=bool)
    for xs, w in ((klein, np.array(klein, dtype=np.int64)), (int32, np.array(int32, dtype=np.int32)),
                  (keep, masker.copy()), (groot, np.array(groot, dtype=object))):
        kopie = w.copy()
        r = sg.som(w, g, masker)
        verwacht = [sum(int(x) for x, k in zip(s, ks, strict=True) if k)
                    for s, ks in zip(segmenten(grenzen, xs), segmenten(grenzen, keep), strict=True)]
        assert [int(x) for x in r] == verwacht
        assert w.tolist() == kopie.tolist()  # the values themselves are left as they were
    # the engine's shared all-True mask is a broadcast view: it masks nothing
    vol = np.broadcast_to(np.True_, (n,))
    assert ints(sg.som(np.array(klein, dtype=np.int64), g, vol)) == [sum(s) for s in segmenten(grenzen, klein)]


def test_reducties_leeg() -> None:
    for w in (np.zeros(0, np.int64), np.zeros(0, bool), np.zeros(0, object)):
        assert ints(sg.som(w, np.array([0, 0, 0]))) == [0, 0]
        assert len(sg.som(w, np.array([0]))) == 0
    assert sg.som(np.zeros(0, object), np.array([0, 0])).dtype == object
    r = sg.som(np.array([2**63, 2**63, -1], dtype=object), np.array([0, 0, 2, 2, 3]))
    assert [int(x) for x in r] == [0, 2**64, 0, -1]
    assert ints(sg.extreem(np.array([-3, 7]), np.array([False, False]), np.array([0, 0, 2, 2]), True)) == [0, 0, 0]


@instelling
@given(st.integers(0, 2**64), st.integers(0, 100))
def test_past(grens: int, meeste: int) -> None:
    assert sg.past(grens, meeste) == (grens * max(meeste, 1) < 2**62)
    if sg.past(grens, meeste):  # any sum of `meeste` such values fits int64
        assert grens * max(meeste, 1) <= np.iinfo(np.int64).max


# ---------------------------------------------------------------- dates

MAX_ORD = date.max.toordinal()


def check_ymd(ordinals: list[int], dtype: type = np.int64) -> None:
    o = np.array(ordinals, dtype=dtype)  # a fresh array: `_ymd` caches by identity
    y, m, d = vv._ymd(o)
    verwacht = [date.fromordinal(x) for x in ordinals]
    assert (ints(y), ints(m), ints(d)) == ([x.year for x in verwacht], [x.month for x in verwacht],
                                           [x.day for x in verwacht])


@instelling
@given(st.integers(1, MAX_ORD - 5000), st.integers(0, 4000), st.integers(65, 400), st.integers(0, 2**32),
       st.sampled_from([np.int64, np.int32]))
def test_ymd_smal_bereik(lo: int, breedte: int, n: int, seed: int, dtype: type) -> None:
    """Longer than 64 elements over a range narrower than 4096 days: the lookup-table path."""
    ordinals = np.random.default_rng(seed).integers(lo, lo + breedte, n, endpoint=True)
    check_ymd([lo, lo + breedte, *ordinals.tolist()], dtype)


@instelling
@given(st.lists(st.integers(1, MAX_ORD), max_size=200))
def test_ymd_breed_bereik(ordinals: list[int]) -> None:
    check_ymd(ordinals)


def test_ymd_randen_en_tabelpad(monkeypatch: pytest.MonkeyPatch) -> None:
    bijzonder = [date(1, 1, 1), date(1900, 2, 28), date(1900, 3, 1), date(2000, 2, 29), date(2000, 3, 1),
                 date(2024, 12, 31), date(9999, 12, 31)]
    check_ymd([x.toordinal() for x in bijzonder])
    check_ymd([])
    echt, lengtes = vv._ymd_bereken, []
    monkeypatch.setattr(vv, "_ymd_bereken", lambda o: (lengtes.append(len(o)), echt(o))[1])
    start = date(2000, 2, 20).toordinal()
    check_ymd([start + i % 20 for i in range(100)])
    assert lengtes == [20]  # the range was decomposed once, not the 100 elements


# ---------------------------------------------------------------- rounding


@st.composite
def breuken_st(draw: st.DrawFn, negatief: bool) -> tuple[list[int], int, int]:
    """(numerators, denominator, decimals): random values, exact halves, values next to a rounding
    boundary, or numerators beyond int64."""
    dec = draw(st.integers(0, 4))
    teken = st.sampled_from([-1, 1]) if negatief else st.just(1)
    soort = draw(st.sampled_from(["willekeurig", "halven", "rand", "groot"]))
    d = draw(st.one_of(st.sampled_from([1, 2, 3, 4, 7, 10, 100, 1000, 2**20]), st.integers(1, 10**6)))
    if soort == "halven":  # w / d * 10**dec == k + 1/2 exactly
        d = 2 * 10**dec * d
        element = st.builds(lambda k, s: s * (2 * k + 1) * (d // (2 * 10**dec)), st.integers(0, 10**6), teken)
    elif soort == "rand":  # w / d * 10**dec == k + r/d with r next to 0, d/2 or d
        resten = sorted({0, 1, d // 2 - 1, d // 2, (d + 1) // 2, d - 1} - {-1})
        element = st.builds(lambda k, r, s: s * (k * d + r), st.integers(0, 10**6), st.sampled_from(resten), teken)
        dec = draw(st.sampled_from([0, dec]))  # an odd denominator needs dec 0
        d *= 10**dec
    else:
        bereik = st.integers(0, 2**80) if soort == "groot" else st.integers(0, 10**9)
        element = st.builds(lambda x, s: s * x, bereik, teken)
    return draw(st.lists(element, min_size=1, max_size=12)), d, dec


def check_afronden(xs: list[int], d: int, dec: int, modus: str, ok: list[bool]) -> None:
    a = vv.V("getal", arr(xs), np.array(ok, dtype=bool), d)
    r = vv.afronden(a, modus, dec)
    assert r.d == 10**dec and ints(r.ok) == ints(a.ok)
    got = [Fraction(int(x), r.d) for x in r.w]
    assert got == [afronden_exact(Fraction(x, d), Afronding(modus), dec) for x in xs]
    assert r.w.dtype == np.int64 or max(abs(x) for x in ints(r.w)) >= 2**62  # back to int64 when it fits
    assert all(abs(x) <= r.grens for x in ints(r.w))


@pytest.mark.parametrize("negatief", [False, True])  # False: the fast path for non-negative columns
@instelling
@given(data=st.data())
def test_afronden_eigenschap(negatief: bool, data: st.DataObject) -> None:
    xs, d, dec = data.draw(breuken_st(negatief))
    ok = data.draw(st.lists(st.booleans(), min_size=len(xs), max_size=len(xs)))
    for modus in MODI:
        check_afronden(xs, d, dec, modus, ok)


@pytest.mark.parametrize("modus", MODI)
def test_afronden_tabel(modus: str) -> None:
    check_afronden([7245, -7245, 12336, -1265, 35, -35, 0], 1000, 2, modus, [True] * 7)
    check_afronden([-35, 35, 25, -25, 0, 1], 10, 0, modus, [True, False, True, True, False, True])
    check_afronden([1, 2, 4, 5], 3, 0, modus, [True] * 4)
    check_afronden([], 7, 2, modus, [])


def test_afronden_rekenkundig_bij_de_grens() -> None:
    """2 * |num| + d would wrap around in int64: the rounding goes through Python ints."""
    check_afronden([-(2**62 - 1), 5], 3, 0, "rekenkundig", [True, True])


@pytest.mark.parametrize("modus", MODI)
def test_afronden_grote_noemer(modus: str) -> None:
    """A denominator past int64 (chained multiplications do not reduce it) with int64 numerators."""
    check_afronden([5, -7], 10**19, 0, modus, [True, True])


# ---------------------------------------------------------------- broadcast constants


@st.composite
def kolom_st(draw: st.DrawFn, n: int) -> tuple[vv.V, vv.V, list[Fraction | None]]:
    """The same column twice, once with `w` (and maybe `ok`) broadcast when it is one value."""
    d = draw(st.sampled_from([1, 3, 10, 100, 1000]))
    waarde = st.integers(-(10**12), 10**12) | st.integers(-(2**70), 2**70)
    constant = draw(st.booleans())
    xs = [draw(waarde)] * n if constant else draw(st.lists(waarde, min_size=n, max_size=n))
    ok = [draw(st.booleans())] * n if constant and draw(st.booleans()) else \
        draw(st.lists(st.booleans(), min_size=n, max_size=n))
    w, verwacht = arr(xs), [Fraction(x, d) if k else None for x, k in zip(xs, ok, strict=True)]
    vol = vv.V("getal", w.copy(), np.array(ok, dtype=bool), d)
    if not constant:
        return vv.V("getal", w, np.array(ok, dtype=bool), d), vol, verwacht
    bok = np.broadcast_to(np.array(ok[:1]), (n,)) if len(set(ok)) == 1 else np.array(ok, dtype=bool)
    return vv.V("getal", np.broadcast_to(w[:1], (n,)), bok, d), vol, verwacht


def waarden(v: vv.V) -> list[Fraction | None]:
    return [Fraction(int(x), v.d) if k else None for x, k in zip(np.asarray(v.w), v.ok, strict=True)]


def check_uitkomst(r: vv.V, verwacht: list[Fraction]) -> None:
    assert waarden(r) == verwacht  # leeg counts as 0 and the result is never leeg
    assert r.grens is None or all(abs(int(x)) <= r.grens for x in np.asarray(r.w))


@instelling
@given(st.integers(1, 12).flatmap(lambda n: st.tuples(kolom_st(n), kolom_st(n))),
       st.integers(-(10**6), 10**6).filter(bool), st.sampled_from([1, 7, 100, 10**6]), st.sampled_from([1, -1]))
def test_constanten(kolommen: tuple, teller: int, noemer: int, teken: int) -> None:
    (a, a_vol, fa), (b, b_vol, fb) = kolommen
    nul = [x if x is not None else Fraction(0) for x in fa]
    nul_b = [x if x is not None else Fraction(0) for x in fb]
    deler = Fraction(teller, noemer)
    for x in (a, a_vol):
        check_uitkomst(vv.gedeeld_door_scalar(x, teller, noemer), [v / deler for v in nul])
    for x, y in ((a, b), (a_vol, b_vol), (a, b_vol), (a_vol, b)):
        check_uitkomst(vv.plus(x, y, teken), [p + teken * q for p, q in zip(nul, nul_b, strict=True)])
        check_uitkomst(vv.maal(x, y), [p * q for p, q in zip(nul, nul_b, strict=True)])
        check_uitkomst(vv.maal(x, y, 100), [p * q / 100 for p, q in zip(nul, nul_b, strict=True)])


def test_gedeeld_door_nul() -> None:
    a = vv.V("getal", np.broadcast_to(np.array([5]), (3,)), np.array([True, False, True]), 1)
    with pytest.raises(vv.Rekenfout):
        vv.gedeeld_door_scalar(a, 0, 1)
