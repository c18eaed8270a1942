"""Months that share a cell on the period axis (vector_periode `_groepen`, `deel_gelijke`) give the
interpreter's result, exactly: inputs with few stretches (so whole runs of months share one cell),
given as timelines and as month columns of a population file (twelve arrays, equal ones found by the
run), a parameter that changes on 1 July, a second rule version valid from 1 July that writes into the
same timeline as a rule valid all year (a cell the first half year shares must stay as it was), two
rules that fill one timeline under opposite conditions, a plain input read beside the timelines,
`het totaal van` over shared months, and a timeline per jaar in a leap year (each month's share is
its days over 366). Every cell that months share is read-only afterwards (a write in place raises)."""

from __future__ import annotations

import itertools
import tempfile
from datetime import date
from fractions import Fraction
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from regelspraak.evaluate import convert, vectorize
from regelspraak.evaluate.columns import Kolom
from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.evaluate.interpret import run as interpret
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


@st.composite
def _gegevens(draw: st.DrawFn) -> Gegevens:
    jaar = draw(st.sampled_from([2024, 2025]))  # 2024: a leap year (the timeline per jaar counts 366 days)
    objecten = {}
    for i in range(draw(st.integers(1, 5))):
        attrs: dict[str, object] = {"inkomen": draw(_tijdlijn(jaar)), "jaarinkomen": draw(_tijdlijn(jaar, "jaar"))}
        if draw(st.booleans()):
            attrs["leeftijd"] = Fraction(draw(st.sampled_from([18, 21, 67])))
        objecten[f"p{i}"] = Invoer("persoon", attrs, {})  # type: ignore[arg-type]
    eerste, tweede = draw(st.integers(0, 500)), draw(st.sampled_from([None, 0, 125]))
    verhoging = Tijdlijn.maak("maand", [(_maand(jaar, 0), _maand(jaar, 6), Fraction(eerste, 100)),
                                        (_maand(jaar, 6), _maand(jaar, 12),
                                         Fraction(eerste if tweede is None else tweede, 100))])
    return Gegevens(date(jaar, 1, 1), {"verhoging": verhoging}, objecten, [])


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
    u = interpret(model, g)
    pop = convert.populatie(model, g)
    if maandkolommen:
        _als_maandkolommen(model, g, pop)
    assert not u.fouten, [f.bericht for f in u.fouten]
    res = vectorize.run(model, pop, g.rekendatum, g.parameters)
    assert not res.terugval, res.terugval
    got = convert.objecten(model, pop)
    for oid, inst in u.instanties.items():
        for k, v in inst.waarden.items():
            assert got[oid].attributen.get(k) == v, (oid, k, v, got[oid].attributen.get(k))
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
