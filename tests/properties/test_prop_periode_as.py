"""The period axis of the vectorised engine (vector_periode.py) equals the interpreter, exactly, on
generated monthly timelines: boundaries on month starts and on 1 July (a parameter that changes
mid-year), gaps, leeg months, rounding per month, an aggregation over members per month and
`het totaal van` over the year — and, mixed in, boundaries inside a month or outside the year,
which must fall back per rule with the same values."""

from __future__ import annotations

import itertools
import tempfile
from datetime import date
from fractions import Fraction
from pathlib import Path

from engine_cases import engines_gelijk
from hypothesis import given, settings
from hypothesis import strategies as st

from regelspraak.evaluate import convert, vectorize
from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.evaluate.interpret import run as interpret
from regelspraak.model.from_syntax import load_model
from regelspraak.values.tijdlijn import Tijdlijn

MODEL = """Objecttype de Persoon (mv: Personen) (bezield)
\thet inkomen\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\tde toeslag\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\tde korting\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\tde jaartoeslag\tNumeriek (getal met 2 decimalen) met eenheid €;

Objecttype het Huishouden (mv: Huishoudens)
\thet bedrag\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;

Feittype huishoudsamenstelling
\thet huishouden\tHuishouden
\thet lid (mv: leden)\tPersoon
Eén huishouden bestaat uit meerdere leden

Parameter de verhoging : Numeriek (getal met 2 decimalen) met eenheid € voor elke maand;

Regel toeslag
\tgeldig altijd
\t\tDe toeslag van een Persoon moet berekend worden als zijn inkomen plus de verhoging
\t\tindien zijn inkomen groter is dan 100 €.

Regel korting
\tgeldig altijd
\t\tDe korting van een Persoon moet berekend worden als (3% van zijn toeslag) naar beneden afgerond op 2 decimalen.

Regel bedrag
\tgeldig altijd
\t\tHet bedrag van een Huishouden moet berekend worden als (de som van de korting van alle leden van het
\t\tHuishouden) plus de verhoging.

Regel jaartoeslag
\tgeldig altijd
\t\tDe jaartoeslag van een Persoon moet berekend worden als het totaal van zijn toeslag.
"""

_map = Path(tempfile.mkdtemp(prefix="periode-as-"))
(_map / "model.rgs").write_text(MODEL, "utf-8")
_MODEL, _DIAGS = load_model([_map / "model.rgs"])
JAAR = 2025


def _maand(m: int) -> date:
    return date(JAAR + m // 12, m % 12 + 1, 1)


@st.composite
def _tijdlijn(draw: st.DrawFn, scheef: bool) -> Tijdlijn | None:
    """Month-aligned stretches within the year (with gaps); with `scheef`, sometimes a boundary on
    the 15th or one past the year (then the rule falls back)."""
    if draw(st.booleans()) and draw(st.integers(0, 5)) == 0:
        return None
    grenzen = sorted(draw(st.sets(st.integers(0, 12), min_size=2, max_size=6)))
    stukken: list[tuple[date, date, Fraction]] = []
    for a, b in itertools.pairwise(grenzen):
        w = draw(st.one_of(st.none(), st.integers(0, 30000).map(lambda c: Fraction(c, 100))))
        if w is not None:
            stukken.append((_maand(a), _maand(b), w))
    if scheef and stukken and draw(st.integers(0, 3)) == 0:
        van, tot, waarde = stukken[-1]
        stukken[-1] = (van, tot.replace(day=15) if tot.month != 1 else date(JAAR + 1, 2, 1), waarde)
    return Tijdlijn.maak("maand", stukken)


@st.composite
def _gegevens(draw: st.DrawFn, scheef: bool) -> Gegevens:
    n = draw(st.integers(1, 6))
    objecten: dict[str, Invoer] = {}
    feiten: list[tuple[str, tuple[str, ...]]] = []
    for i in range(n):
        objecten[f"p{i}"] = Invoer("persoon", {"inkomen": draw(_tijdlijn(scheef))}, {})
    for h in range(draw(st.integers(0, 2))):
        objecten[f"h{h}"] = Invoer("huishouden", {}, {})
        for i in draw(st.sets(st.integers(0, n - 1), max_size=3)):
            if not any(f[1][1] == f"p{i}" for f in feiten):
                feiten.append(("huishoudsamenstelling", (f"h{h}", f"p{i}")))
    # The parameter changes on 1 July; sometimes it covers only part of the year.
    begin = draw(st.sampled_from([0, 0, 3]))
    verhoging = Tijdlijn.maak("maand", [(_maand(begin), _maand(6), Fraction(draw(st.integers(0, 500)), 100)),
                                        (_maand(6), _maand(12), Fraction(draw(st.integers(0, 500)), 100))])
    return Gegevens(date(JAAR, 1, 1), {"verhoging": verhoging}, objecten, feiten)


def _vergelijk(g: Gegevens) -> vectorize.Resultaat | None:
    # a part of a month makes a total with more decimals: both engines refuse it (None)
    return engines_gelijk(_MODEL, g)


def test_model_laadt() -> None:
    assert not [d for d in _DIAGS if d.ernst.name == "FOUT"]


@settings(max_examples=80, deadline=None, derandomize=True)
@given(_gegevens(scheef=False))
def test_maandgrenzen_in_kolommen_gelijk_aan_interpreter(g: Gegevens) -> None:
    res = _vergelijk(g)
    assert res is not None
    # Everything on month boundaries inside the year: the person rules never fall back; the household
    # sum does only when the parameter does not cover the whole year (the span per household).
    assert not {"toeslag", "korting", "jaartoeslag"} & set(res.terugval)
    heel_jaar = g.parameters["verhoging"].stukken[0].vanaf == date(JAAR, 1, 1)  # type: ignore[union-attr]
    assert ("bedrag" in res.terugval) == (not heel_jaar)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(_gegevens(scheef=True))
def test_scheve_grenzen_vallen_terug_met_dezelfde_waarden(g: Gegevens) -> None:
    _vergelijk(g)


JAARMODEL = """Objecttype de Persoon (mv: Personen) (bezield)
\thet jaarinkomen\tNumeriek (getal met 2 decimalen) met eenheid € voor elk jaar;
\tde heffing\tNumeriek (getal met 2 decimalen) met eenheid € voor elk jaar;
\tde jaarsom\tNumeriek (getal met 2 decimalen) met eenheid €;

Regel heffing
\tgeldig altijd
\t\tDe heffing van een Persoon moet berekend worden als (10% van zijn jaarinkomen) naar beneden afgerond op
\t\t2 decimalen.

Regel jaarsom
\tgeldig altijd
\t\tDe jaarsom van een Persoon moet berekend worden als (het totaal van zijn heffing) naar beneden afgerond op
\t\t2 decimalen.
"""


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.integers(0, 11), st.integers(1, 12), st.integers(0, 10**7)), min_size=1, max_size=5))
def test_jaartijdlijn_op_de_as_telt_dagen_van_het_jaar(stukken: list[tuple[int, int, int]]) -> None:
    # A timeline per jaar from a month start: `het totaal van` counts each month as its days over 365.
    pad = Path(tempfile.mkdtemp(prefix="periode-as-jaar-")) / "model.rgs"
    pad.write_text(JAARMODEL, "utf-8")
    model, diags = load_model([pad])
    assert not [d for d in diags if d.ernst.name == "FOUT"]
    objecten = {}
    for i, (a, lengte, c) in enumerate(stukken):
        b = min(12, a + lengte)
        objecten[f"p{i}"] = Invoer("persoon", {"jaarinkomen": Tijdlijn.maak("jaar", [(_maand(a), _maand(b),
                                                                                    Fraction(c, 100))])}, {})
    g = Gegevens(date(JAAR, 1, 1), {}, objecten, [])
    u = interpret(model, g)
    pop = convert.populatie(model, g)
    res = vectorize.run(model, pop, g.rekendatum, g.parameters)
    assert not res.terugval
    got = convert.objecten(model, pop)
    for oid, inst in u.instanties.items():
        for k, v in inst.waarden.items():
            assert got[oid].attributen.get(k) == v, (oid, k, v, got[oid].attributen.get(k))


def test_twee_regels_die_een_maand_verschillend_vullen_rs203() -> None:
    # Two rules fill the same monthly timeline: where both fire in a month with different values, both
    # engines refuse (RS203); on the axis the writers are kept per month.
    tekst = MODEL.replace("Regel korting", "Regel toeslag twee\n\tgeldig altijd\n\t\tDe toeslag van een Persoon moet "
                          "berekend worden als 1 € indien zijn inkomen groter is dan 200 €.\n\nRegel korting")
    pad = Path(tempfile.mkdtemp(prefix="periode-as-203-")) / "model.rgs"
    pad.write_text(tekst, "utf-8")
    model, _ = load_model([pad])
    lijn = Tijdlijn.maak("maand", [(_maand(0), _maand(6), Fraction(150)), (_maand(6), _maand(12), Fraction(300))])
    verhoging = Tijdlijn.maak("maand", [(_maand(0), _maand(12), Fraction(1))])
    g = Gegevens(date(JAAR, 1, 1), {"verhoging": verhoging}, {"p": Invoer("persoon", {"inkomen": lijn}, {})}, [])
    assert any(f.code == "RS203" for f in interpret(model, g).fouten)
    try:
        vectorize.run(model, convert.populatie(model, g), g.rekendatum, g.parameters)
    except vectorize.EngineFout as e:
        assert e.code == "RS203"
    else:
        raise AssertionError("de gevectoriseerde engine meldde geen RS203")
