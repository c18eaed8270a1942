"""Months that share a cell on the period axis (vector_periode `_groepen`, `deel_gelijke`) give the
interpreter's result, exactly: inputs with few stretches (so whole runs of months share one cell),
given as timelines and as month columns of a population file (twelve arrays, equal ones found by the
run), a parameter that changes on 1 July, a second rule version valid from 1 July that writes into the
same timeline as a rule valid all year (a cell the first half year shares must stay as it was), two
rules that fill one timeline under opposite conditions, a plain input read beside the timelines,
`het totaal van` over shared months, and a timeline per jaar in a leap year (each month's share is
its days over 366). Every cell that months share is read-only afterwards (a write in place raises)."""

from __future__ import annotations

import dataclasses
import itertools
import tempfile
from datetime import date
from fractions import Fraction
from pathlib import Path

import numpy as np
from engine_cases import engines_gelijk
from hypothesis import given, settings
from hypothesis import strategies as st

from regelspraak.evaluate import convert, vector_delta, vectorize
from regelspraak.evaluate.columns import Kolom
from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.evaluate.vector_periode import MAANDEN, PeriodeKolom, maanden
from regelspraak.model import ir
from regelspraak.model.from_syntax import load_model
from regelspraak.values.tijdlijn import Tijdlijn

MODEL = """Objecttype de Persoon (mv: Personen) (bezield)
\thet inkomen\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\tde leeftijd\tNumeriek (geheel getal) met eenheid jr;
\tde toeslag\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\tde korting\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\thet jaarinkomen\tNumeriek (getal met 2 decimalen) met eenheid € voor elk jaar;
\tde premie\tNumeriek (getal met 2 decimalen) met eenheid € voor elk jaar;
\tde jaartoeslag\tNumeriek (getal met 2 decimalen) met eenheid €;
\tde jaarpremie\tNumeriek (getal met 2 decimalen) met eenheid €;

Parameter de verhoging : Numeriek (getal met 2 decimalen) met eenheid € voor elke maand;

Regel toeslag
\tgeldig altijd
\t\tDe toeslag van een Persoon moet berekend worden als zijn inkomen plus de verhoging
\t\tindien zijn inkomen groter is dan 100 €.

Regel toeslag laag
\tgeldig vanaf 01-07-{jaar}
\t\tDe toeslag van een Persoon moet berekend worden als 5 € indien zijn inkomen kleiner of gelijk is aan 100 €.

Regel korting
\tgeldig altijd
\t\tDe korting van een Persoon moet berekend worden als (3% van zijn toeslag) naar beneden afgerond op 2 decimalen
\t\tindien zijn leeftijd groter is dan 20 jr.

Regel korting jong
\tgeldig altijd
\t\tDe korting van een Persoon moet berekend worden als zijn toeslag min zijn toeslag
\t\tindien zijn leeftijd kleiner of gelijk is aan 20 jr.

Regel premie
\tgeldig altijd
\t\tDe premie van een Persoon moet berekend worden als (10% van zijn jaarinkomen) naar beneden afgerond op 2 decimalen.

Regel jaartoeslag
\tgeldig altijd
\t\tDe jaartoeslag van een Persoon moet berekend worden als het totaal van zijn korting.

Regel jaarpremie
\tgeldig altijd
\t\tDe jaarpremie van een Persoon moet berekend worden als (het totaal van zijn premie) naar beneden afgerond op
\t\t2 decimalen.
"""

_MODELLEN: dict[int, ir.Model] = {}


def _model(jaar: int) -> ir.Model:
    if jaar not in _MODELLEN:
        pad = Path(tempfile.mkdtemp(prefix="periode-delen-")) / "model.rgs"
        pad.write_text(MODEL.replace("{jaar}", str(jaar)), "utf-8")
        model, diags = load_model([pad])
        assert not [d for d in diags if d.ernst.name == "FOUT"], diags
        _MODELLEN[jaar] = model
    return _MODELLEN[jaar]


def _maand(jaar: int, m: int) -> date:
    return date(jaar + m // 12, m % 12 + 1, 1)


@st.composite
def _tijdlijn(draw: st.DrawFn, jaar: int, periode: str = "maand") -> Tijdlijn | None:
    """One to three stretches on month starts (often the whole year, often 1 July), maybe a gap."""
    if draw(st.integers(0, 9)) == 0:
        return None
    grenzen = sorted(draw(st.sets(st.sampled_from([0, 0, 1, 3, 6, 6, 11, 12, 12]), min_size=2, max_size=4)))
    stukken = []
    for a, b in itertools.pairwise(grenzen):
        w = draw(st.one_of(st.none(), st.sampled_from([0, 5000, 10000, 10001, 25050]).map(lambda c: Fraction(c, 100))))
        if w is not None:
            stukken.append((_maand(jaar, a), _maand(jaar, b), w))
    return Tijdlijn.maak(periode, stukken) if stukken else None  # no stretch: leeg, as a month column gives it


def _verhoging(draw: st.DrawFn, jaar: int) -> Tijdlijn:
    """The parameter: one value to July, then the same, 0 or 1,25 (a change on 1 July, or none)."""
    eerste, tweede = draw(st.integers(0, 500)), draw(st.sampled_from([None, 0, 125]))
    return Tijdlijn.maak("maand", [(_maand(jaar, 0), _maand(jaar, 6), Fraction(eerste, 100)),
                                   (_maand(jaar, 6), _maand(jaar, 12),
                                    Fraction(eerste if tweede is None else tweede, 100))])


@st.composite
def _gegevens(draw: st.DrawFn) -> Gegevens:
    jaar = draw(st.sampled_from([2024, 2025]))  # 2024: a leap year (the timeline per jaar counts 366 days)
    objecten = {}
    for i in range(draw(st.integers(1, 5))):
        attrs: dict[str, object] = {"inkomen": draw(_tijdlijn(jaar)), "jaarinkomen": draw(_tijdlijn(jaar, "jaar"))}
        if draw(st.booleans()):
            attrs["leeftijd"] = Fraction(draw(st.sampled_from([18, 21, 67])))
        objecten[f"p{i}"] = Invoer("persoon", attrs, {})  # type: ignore[arg-type]
    return Gegevens(date(jaar, 1, 1), {"verhoging": _verhoging(draw, jaar)}, objecten, [])


def _als_maandkolommen(model: ir.Model, g: Gegevens, pop: convert.Populatie) -> None:
    """The timeline inputs as a population file gives them: twelve arrays (equal months not shared),
    the year left to the run."""
    tabel = pop.tabellen["persoon"]
    a = model.objecttypen["persoon"].attributen["inkomen"]
    per_maand: list[list[object]] = [[] for _ in range(MAANDEN)]
    for naam in convert.objectnamen(pop)["persoon"]:
        lijn = g.objecten[naam].attributen.get("inkomen")
        cellen = maanden(lijn, g.rekendatum.year) if isinstance(lijn, Tijdlijn) else [None] * MAANDEN
        assert cellen is not None
        for m in range(MAANDEN):
            per_maand[m].append(cellen[m])
    tabel.kolommen["inkomen"] = PeriodeKolom("maand", None, a.type,
                                             [convert.kolom(a.type, col) for col in per_maand])


def _vergelijk(g: Gegevens, maandkolommen: bool) -> None:
    model = _model(g.rekendatum.year)
    pop = convert.populatie(model, g)
    if maandkolommen:
        _als_maandkolommen(model, g, pop)
    res = engines_gelijk(model, g, pop)
    assert res is not None and not res.terugval, res
    for kol in pop.tabellen["persoon"].kolommen.values():
        _gedeeld_is_alleen_lezen(kol)


def _gedeeld_is_alleen_lezen(kol: Kolom) -> None:
    """Every cell that several months share refuses a write in place (numpy raises)."""
    if not isinstance(kol, PeriodeKolom):
        return
    for c in kol.cellen:
        if sum(x is c for x in kol.cellen) > 1 and len(c):
            for a in (c.waarden, c.geldig):
                assert not np.asarray(a).flags.writeable


@settings(max_examples=60, deadline=None, derandomize=True)
@given(_gegevens())
def test_gedeelde_maanden_als_tijdlijnen_gelijk_aan_interpreter(g: Gegevens) -> None:
    _vergelijk(g, maandkolommen=False)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(_gegevens())
def test_gedeelde_maanden_uit_maandkolommen_gelijk_aan_interpreter(g: Gegevens) -> None:
    _vergelijk(g, maandkolommen=True)


@st.composite
def _maandwaarden(draw: st.DrawFn) -> Gegevens:
    """Incomes that change in a few rows from one month to the next (some going leeg, some coming
    back), as the row deltas of vector_delta see them; a plain age beside them."""
    jaar = draw(st.sampled_from([2024, 2025]))
    waarden = st.sampled_from([None, 0, 5000, 10000, 10001, 25050, 30000])
    objecten = {}
    for i in range(draw(st.integers(1, 6))):
        w = draw(waarden)
        stukken = []
        for m in range(MAANDEN):
            if draw(st.integers(0, 4)) == 0:
                w = draw(waarden)
            if w is not None:
                stukken.append((_maand(jaar, m), _maand(jaar, m + 1), Fraction(w, 100)))
        attrs: dict[str, object] = {"inkomen": Tijdlijn.maak("maand", stukken) if stukken else None}
        if draw(st.booleans()):
            attrs["leeftijd"] = Fraction(draw(st.sampled_from([18, 21, 67])))
        objecten[f"p{i}"] = Invoer("persoon", attrs, {})  # type: ignore[arg-type]
    return Gegevens(date(jaar, 1, 1), {"verhoging": _verhoging(draw, jaar)}, objecten, [])


def _met_deltas(g: Gegevens) -> None:
    """As `_vergelijk` from month columns, with every month a delta of the month before however
    many rows differ (the threshold off), and a check that deltas were used."""
    drempel = vector_delta.DREMPEL
    vector_delta.DREMPEL = 1.0
    try:
        _vergelijk(g, maandkolommen=True)
    finally:
        vector_delta.DREMPEL = drempel


@settings(max_examples=60, deadline=None, derandomize=True)
@given(_maandwaarden())
def test_rijverschillen_tussen_maanden_gelijk_aan_interpreter(g: Gegevens) -> None:
    _met_deltas(g)


@settings(max_examples=30, deadline=None, derandomize=True)
@given(_gegevens())
def test_rijverschillen_met_weinig_stukken_gelijk_aan_interpreter(g: Gegevens) -> None:
    _met_deltas(g)


def test_rijverschillen_worden_gebruikt() -> None:
    # The property above goes through the delta path: a month whose income changes in one row of
    # three gives the toeslag as a delta of the month before, on that row only.
    model = _model(2025)
    jaar = 2025
    lijnen = [Tijdlijn.maak("maand", [(_maand(jaar, 0), _maand(jaar, 12), Fraction(200))]),
              Tijdlijn.maak("maand", [(_maand(jaar, 0), _maand(jaar, 3), Fraction(200)),
                                      (_maand(jaar, 3), _maand(jaar, 12), Fraction(300))]),
              Tijdlijn.maak("maand", [(_maand(jaar, 0), _maand(jaar, 12), Fraction(50))])]
    g = Gegevens(date(jaar, 1, 1), {"verhoging": Tijdlijn.maak("maand", [(_maand(jaar, 0), _maand(jaar, 12),
                                                                           Fraction(1))])},
                 {f"p{i}": Invoer("persoon", {"inkomen": lijn}, {}) for i, lijn in enumerate(lijnen)}, [])
    pop = convert.populatie(model, g)
    _als_maandkolommen(model, g, pop)
    drempel = vector_delta.DREMPEL
    vector_delta.DREMPEL = 0.5
    try:
        vectorize.run(model, pop, g.rekendatum, g.parameters)
    finally:
        vector_delta.DREMPEL = drempel
    toeslag = pop.tabellen["persoon"].kolommen["toeslag"]
    assert isinstance(toeslag, PeriodeKolom)
    cel = toeslag.cellen[3]
    assert isinstance(cel, vector_delta.DeltaKolom) and cel.basis is toeslag.cellen[2]
    assert cel.rijen.tolist() == [1] and cel.als_fracties()[1] == Fraction(301)
    assert toeslag.cellen[4] is toeslag.cellen[5] is cel  # no row differs: the same cell
    assert not isinstance(toeslag.cellen[6], vector_delta.DeltaKolom)  # another version from 1 July: whole


# ---------------------------------------------------------------- stretches (a population's long table)


def _als_stukken(model: ir.Model, g: Gegevens, pop: convert.Populatie, draw: st.DrawFn) -> None:
    """The income as a population's long table gives it (`periode_stukken.StukkenKolom`): each stretch
    of the timeline as one or two rows (split on a month start: two equal halves change nothing), a
    stretch with a null value in a gap now and then, the first and last stretch sometimes reaching
    outside the year and whole stretches before and after it (the run reads the year only), in a drawn
    order (the column sorts them)."""
    from regelspraak.evaluate.periode_stukken import StukkenKolom

    jaar = g.rekendatum.year
    a = model.objecttypen["persoon"].attributen["inkomen"]
    rijen: list[tuple[int, int, int, Fraction | None]] = []
    for i, naam in enumerate(convert.objectnamen(pop)["persoon"]):
        lijn = g.objecten[naam].attributen.get("inkomen")
        stukken = list(lijn.stukken) if isinstance(lijn, Tijdlijn) else []
        for s in stukken:
            vanaf, tot = s.vanaf, s.tot
            if vanaf == _maand(jaar, 0) and draw(st.booleans()):
                vanaf = date(jaar - 1, draw(st.integers(1, 12)), 1)
            if tot == _maand(jaar, 12) and draw(st.booleans()):
                tot = date(jaar + 1, draw(st.integers(2, 12)), 1)
            midden = [m for m in range(1, 12) if vanaf < _maand(jaar, m) < tot]
            if midden and draw(st.booleans()):
                knip = _maand(jaar, draw(st.sampled_from(midden)))
                rijen += [(i, vanaf.toordinal(), knip.toordinal(), s.waarde), (i, knip.toordinal(), tot.toordinal(),
                                                                               s.waarde)]
            else:
                rijen.append((i, vanaf.toordinal(), tot.toordinal(), s.waarde))
        if draw(st.booleans()):  # a stretch wholly before the year (ending on 1 January) and one after it
            eerste = min([r[1] for r in rijen if r[0] == i], default=_maand(jaar, 0).toordinal())
            rijen.append((i, date(jaar - 2, 3, 1).toordinal(), min(eerste, _maand(jaar, 0).toordinal()), Fraction(7)))
            laatste = max([r[2] for r in rijen if r[0] == i], default=_maand(jaar, 12).toordinal())
            rijen.append((i, max(laatste, _maand(jaar, 12).toordinal()), date(jaar + 2, 1, 1).toordinal(), Fraction(8)))
        gaten = [(x.tot, y.vanaf) for x, y in itertools.pairwise(stukken) if x.tot < y.vanaf]
        if gaten and draw(st.booleans()):
            van, tot = draw(st.sampled_from(gaten))
            rijen.append((i, van.toordinal(), tot.toordinal(), None))
    rijen = draw(st.permutations(rijen))
    waarde = convert.kolom(dataclasses.replace(a.type, periode=None), [r[3] for r in rijen])
    pop.tabellen["persoon"].kolommen["inkomen"] = StukkenKolom(
        "maand", a.type, len(pop.tabellen["persoon"]), np.array([r[0] for r in rijen], dtype=np.int64),
        np.array([r[1] for r in rijen], dtype=np.int64), np.array([r[2] for r in rijen], dtype=np.int64), waarde)


def _uit_stukken(g: Gegevens, draw: st.DrawFn, drempel: float) -> None:
    model = _model(g.rekendatum.year)
    pop = convert.populatie(model, g)
    _als_stukken(model, g, pop, draw)
    oud = vector_delta.DREMPEL
    vector_delta.DREMPEL = drempel
    try:
        res = engines_gelijk(model, g, pop)
    finally:
        vector_delta.DREMPEL = oud
    assert res is not None and not res.terugval, res
    for kol in pop.tabellen["persoon"].kolommen.values():
        _gedeeld_is_alleen_lezen(kol)


@settings(max_examples=50, deadline=None, derandomize=True)
@given(_maandwaarden(), st.data(), st.sampled_from([vector_delta.DREMPEL, 1.0]))
def test_stukken_met_rijverschillen_gelijk_aan_interpreter(g: Gegevens, data: st.DataObject, drempel: float) -> None:
    _uit_stukken(g, data.draw, drempel)


@settings(max_examples=30, deadline=None, derandomize=True)
@given(_gegevens(), st.data())
def test_stukken_met_weinig_wissels_gelijk_aan_interpreter(g: Gegevens, data: st.DataObject) -> None:
    _uit_stukken(g, data.draw, 1.0)


def test_stukken_geven_januari_en_de_wijzigingen() -> None:
    # A stretch file becomes January's cell and per month the rows that change there; a month in
    # which nothing starts or ends is the month before's cell itself.
    from regelspraak.evaluate.periode_stukken import StukkenKolom

    model = _model(2025)
    t = model.objecttypen["persoon"].attributen["inkomen"].type
    o = [_maand(2025, m).toordinal() for m in range(13)]
    kol = StukkenKolom("maand", t, 3, np.array([0, 1, 1, 2]), np.array([o[0] - 400, o[0], o[4], o[2]]),
                       np.array([o[12], o[4], o[12], o[7]]),
                       Kolom(np.array([100, 200, 300, 400]), np.ones(4, dtype=bool), 100))
    cellen = kol.maanden(2025)
    assert cellen[0].waarden.tolist() == [100, 200, 0] and cellen[0].geldig.tolist() == [True, True, False]
    assert cellen[1] is cellen[0] and cellen[3] is cellen[2]
    assert isinstance(cellen[2], vector_delta.DeltaKolom) and cellen[2].rijen.tolist() == [2]
    assert isinstance(cellen[4], vector_delta.DeltaKolom) and cellen[4].rijen.tolist() == [1]  # end + start: one
    assert cellen[7].rijen.tolist() == [2] and cellen[7].geldig.tolist() == [True, True, False]
    assert [c.waarden.tolist() for c in (cellen[6], cellen[11])] == [[100, 300, 400], [100, 300, 0]]


def test_stukken_worden_niet_uitgeschreven() -> None:
    # A month that is a delta is read on its rows only: after a run, February to May are still deltas
    # nobody wrote out (June is July's cell: nothing changes from June on, and July runs whole because
    # the parameter changes), and so are the rules' results in those months. (A whole-column read of a
    # delta costs a copy of the column per month.)
    from regelspraak.evaluate.periode_stukken import StukkenKolom

    model = _model(2025)
    t = model.objecttypen["persoon"].attributen["inkomen"].type
    n = 40
    o = [_maand(2025, m).toordinal() for m in range(13)]
    rij = np.concatenate((np.arange(n), np.arange(n)[::8]))
    vanaf = np.concatenate((np.full(n, o[0]), np.array([o[1 + i % 5] for i in range(len(rij) - n)])))
    tot = np.concatenate((np.array([o[1 + (i // 8) % 5] if i % 8 == 0 else o[12] for i in range(n)]),
                          np.full(len(rij) - n, o[12])))
    kol = StukkenKolom("maand", t, n, rij, vanaf, tot, Kolom(np.arange(len(rij)) * 1000 + 20000,
                                                             np.ones(len(rij), dtype=bool), 100))
    verhoging = Tijdlijn.maak("maand", [(_maand(2025, 0), _maand(2025, 6), Fraction(1)),
                                        (_maand(2025, 6), _maand(2025, 12), Fraction(2))])
    g = Gegevens(date(2025, 1, 1), {"verhoging": verhoging}, {f"p{i}": Invoer("persoon", {}, {}) for i in range(n)}, [])
    pop = convert.populatie(model, g)
    pop.tabellen["persoon"].kolommen["inkomen"] = kol
    vectorize.run(model, pop, g.rekendatum, g.parameters)
    inkomen = pop.tabellen["persoon"].kolommen["inkomen"].cellen
    assert inkomen[6] is inkomen[5]
    for naam in ("inkomen", "toeslag"):
        cellen = pop.tabellen["persoon"].kolommen[naam].cellen
        assert all(isinstance(c, vector_delta.DeltaKolom) and c._w is None for c in cellen[1:5]), naam
