"""Rows that change within the year on the period axis (issue 11, issue 14's household contender): a
rule with a computed period (`vanaf zijn eerste maand als verzekerde`) runs each month after January
on the rows whose period starts or ends then (periode_grenzen), a household rule that aggregates over
its members runs on the households with a changed member (vector_groep), and a rule whose condition
holds for few rows computes its value on those rows only (`Engine._dun`). All give the interpreter's
result, exactly, on wetten/zorgtoeslag with 18th birthdays on 1 January and at month ends, insurance
and partnership dates on month starts, month ends, 29 February and 31 December, in 2024 (a leap year)
and 2025."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from engine_cases import engines_gelijk
from hypothesis import given, settings
from hypothesis import strategies as st

from regelspraak.evaluate import convert, periode_grenzen, vector_delta, vector_groep, vectorize
from regelspraak.evaluate.columns import Populatie
from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.evaluate.vector_periode import PeriodeKolom, maanden
from regelspraak.inputs.files import read_case
from regelspraak.model import folder, ir
from regelspraak.model.from_syntax import load_model
from regelspraak.values.tijdlijn import Tijdlijn

MAP = Path(__file__).resolve().parents[2] / "wetten" / "zorgtoeslag"
FILES = folder.find(MAP)
MODEL, _ = load_model(list(FILES.rgs))


def _gegevens(gegevens: dict[str, object]) -> Gegevens:
    with tempfile.TemporaryDirectory() as d:
        pad = Path(d) / "geval.yaml"
        pad.write_text(yaml.safe_dump(gegevens, allow_unicode=True), "utf-8")
        return read_case(pad, MODEL, MODEL.eenheden, None, list(FILES.parameters))


def _datums(jaar: int) -> list[date]:
    """Dates around the month boundaries of the year: 1 January, month ends and starts, 29 February (2024),
    31 December, and a day mid-month (the interpreter cuts the month there; the engine falls back or not)."""
    uit = [date(jaar, 1, 1), date(jaar, 1, 31), date(jaar, 2, 1), date(jaar, 3, 1), date(jaar, 2, 28),
           date(jaar, 6, 30), date(jaar, 7, 1), date(jaar, 12, 1), date(jaar, 12, 31), date(jaar + 1, 1, 1),
           date(jaar - 1, 12, 31)]
    if jaar % 4 == 0:
        uit.append(date(jaar, 2, 29))
    return uit


@st.composite
def _persoon(draw: st.DrawFn, jaar: int, naam: str, midden: bool) -> dict[str, object]:
    """A person: mostly adult and insured all year; some turn 18 in the year (born on 1 January, at a
    month end, on the last day of the year), some become or stop being insured on a date of `_datums`."""
    soort = draw(st.integers(0, 9))
    geboren = date(1980, 5, 5)
    if soort <= 2:  # 18 in the year: a verzekerde from the month after the birthday month
        geboren = draw(st.sampled_from([date(jaar - 18, 1, 1), date(jaar - 18, 1, 31), date(jaar - 18, 3, 31),
                                        date(jaar - 18, 12, 31), date(jaar - 18, 6, 15), date(jaar - 17, 1, 1),
                                        date(jaar - 19, 12, 31)]))
    p: dict[str, object] = {"type": "Natuurlijk persoon", "geboortedatum": geboren.isoformat(),
                            "verzekerd": draw(st.integers(0, 9)) > 0,
                            "toetsingsinkomen": draw(st.sampled_from([0, 20000, 28406, 39719, 50206, 60000])),
                            "rendementsgrondslag": draw(st.sampled_from([0, 141896, 141897]))}
    datums = [d for d in _datums(jaar) if midden or d.day == 1 or d == date(jaar - 1, 12, 31)]
    if soort == 3:
        p["ingangsdatum van de verzekering"] = draw(st.sampled_from(datums)).isoformat()
    if soort == 4:
        p["einddatum van de verzekering"] = draw(st.sampled_from(datums)).isoformat()
    if midden and soort == 5:
        p["ingangsdatum van de verzekering"] = (date(jaar, 4, 1) + timedelta(days=draw(st.integers(1, 20)))).isoformat()
    return p


@st.composite
def _huishoudens(draw: st.DrawFn, midden: bool = False) -> Gegevens:
    jaar = draw(st.sampled_from([2024, 2025]))
    objecten: dict[str, object] = {}
    feiten = []
    for h in range(draw(st.integers(1, 5))):
        objecten[f"h{h}"] = {"type": "Huishouden"}
        for i in range(draw(st.integers(1, 2))):
            naam = f"p{h}_{i}"
            p = draw(_persoon(jaar, naam, midden))
            if i == 1 and draw(st.integers(0, 2)) == 0:  # a partner for part of the year
                datums = [d for d in _datums(jaar) if d.day == 1]
                p[draw(st.sampled_from(["ingangsdatum van het partnerschap", "einddatum van het partnerschap"]))] = \
                    draw(st.sampled_from(datums)).isoformat()
            objecten[naam] = p
            feiten.append({"feittype": "huishoudsamenstelling", "huishouden": f"h{h}", "lid": naam})
    return _gegevens({"rekendatum": f"{jaar}-07-01", "objecten": objecten, "feiten": feiten})


@contextmanager
def _altijd_delta() -> Iterator[None]:
    """Every month a delta of the month before however many rows differ, and every sparse condition
    evaluated on its rows (so a handful of objects takes the paths a million does)."""
    oud = vector_delta.DREMPEL, vectorize.DUN_VANAF, vectorize.DUN_DEEL
    vector_delta.DREMPEL, vectorize.DUN_VANAF, vectorize.DUN_DEEL = 1.0, 1, 2
    try:
        yield
    finally:
        vector_delta.DREMPEL, vectorize.DUN_VANAF, vectorize.DUN_DEEL = oud


def _vergelijk(g: Gegevens) -> None:
    res = engines_gelijk(MODEL, g)
    assert res is None or not res.terugval, res.terugval


@settings(max_examples=40, deadline=None, derandomize=True)
@given(_huishoudens())
def test_wissels_binnen_het_jaar_gelijk_aan_interpreter(g: Gegevens) -> None:
    with _altijd_delta():
        _vergelijk(g)


@settings(max_examples=20, deadline=None, derandomize=True)
@given(_huishoudens(midden=True))
def test_wissels_midden_in_een_maand_gelijk_aan_interpreter(g: Gegevens) -> None:
    # A date inside a month: the period rules run each month whole (or fall back), with the same values.
    with _altijd_delta():
        engines_gelijk(MODEL, g)


@settings(max_examples=15, deadline=None, derandomize=True)
@given(_huishoudens())
def test_wissels_met_de_gewone_drempels_gelijk_aan_interpreter(g: Gegevens) -> None:
    _vergelijk(g)


def _veel_huishoudens(jaar: int, n: int, wissel: dict[int, dict[str, object]]) -> Gegevens:
    """n households of two adults insured all year; household i's first member gets `wissel[i]`."""
    objecten: dict[str, object] = {}
    feiten = []
    for h in range(n):
        objecten[f"h{h}"] = {"type": "Huishouden"}
        for i in range(2):
            p: dict[str, object] = {"type": "Natuurlijk persoon", "geboortedatum": "1980-05-05", "verzekerd": True,
                                    "toetsingsinkomen": 20000 + 1000 * (h % 7)}
            if i == 0:
                p.update(wissel.get(h, {}))
            objecten[f"p{h}_{i}"] = p
            feiten.append({"feittype": "huishoudsamenstelling", "huishouden": f"h{h}", "lid": f"p{h}_{i}"})
    return _gegevens({"rekendatum": f"{jaar}-07-01", "objecten": objecten, "feiten": feiten})


def test_een_achttiende_verjaardag_rekent_alleen_de_gewijzigde_rijen() -> None:
    # 40 households, two members turn 18 on 1 January (verzekerde from February, Wzt art. 1 lid 1 c) and one
    # becomes insured on 1 May: the verzekerde months and the household rules that read them are January and
    # a delta per month on those rows / households, with the default thresholds; the values are the interpreter's.
    jaar = 2025
    g = _veel_huishoudens(jaar, 40, {3: {"geboortedatum": "2007-01-01"}, 17: {"geboortedatum": "2007-01-01"},
                                     25: {"ingangsdatum van de verzekering": "2025-05-01"}})
    pop = convert.populatie(MODEL, g)
    res = engines_gelijk(MODEL, g, pop)
    assert res is not None and not res.terugval
    personen = pop.tabellen["natuurlijk persoon"]
    maand = personen.kolommen["verzekerde maand"].cellen  # type: ignore[attr-defined]
    rij = {str(x): i for i, x in enumerate(personen.ids)}
    assert isinstance(maand[1], vector_delta.DeltaKolom) and maand[1].basis is maand[0]
    assert maand[1].rijen.tolist() == sorted([rij["p3_0"], rij["p17_0"]])
    assert maand[2] is maand[1] and maand[11] is maand[5]
    assert isinstance(maand[4], vector_delta.DeltaKolom) and maand[4].rijen.tolist() == [rij["p25_0"]]
    huishoudens = pop.tabellen["huishouden"]
    hh = {str(x): i for i, x in enumerate(huishoudens.ids)}
    for naam in ("hoeveelheid verzekerden in de maand", "maand met aanspraak", "jaarbedrag"):
        cellen = huishoudens.kolommen[naam].cellen  # type: ignore[attr-defined]
        assert isinstance(cellen[1], vector_delta.DeltaKolom), naam
        assert cellen[1].rijen.tolist() == sorted([hh["h3"], hh["h17"]]), naam
        assert cellen[4].rijen.tolist() == [hh["h25"]], naam


def test_regels_over_leden_worden_herkend() -> None:
    regels = {r.naam: r for r in MODEL.regels}
    for naam in ("hoeveelheid verzekerden in de maand", "toetsingsinkomen in de maand", "aantal leden in de maand",
                 "hoeveelheid verzekerden"):
        groep = vector_groep.per_groep(regels[naam])
        assert groep is not None and groep.rol.feittype == "huishoudsamenstelling", naam
    assert vector_groep.per_groep(regels["hoeveelheid verzekerden in de maand"]).leden == {  # type: ignore[union-attr]
        "verzekerde maand"}
    # a rule over the subject's own row only, or with a period, is not one (vector_delta / periode_grenzen)
    assert vector_groep.per_groep(regels["verzekerde maand"]) is None
    assert vector_delta.per_rij(regels["verzekerde maand"]) is None
    assert vector_delta.per_rij(regels["verzekerde maand"], perioden=True) is not None


def test_grenzen_per_maand() -> None:
    starts = np.array([date(2024, m, 1).toordinal() for m in range(1, 13)] + [date(2025, 1, 1).toordinal()])
    ja = np.ones(4, dtype=bool)
    w = np.array([date(2024, 3, 1), date(2023, 3, 1), date(2025, 1, 1), date(2024, 3, 1)], dtype=object)
    dagen = np.array([d.toordinal() for d in w], dtype=np.int64)
    per = periode_grenzen.per_maand([(dagen, ja)], starts)
    assert per is not None and per[2].tolist() == [0, 3] and sum(len(r) for r in per) == 2
    # a bound on 29 February (inside the month of February) is the interpreter's cut: declined
    schrikkel = np.array([date(2024, 2, 29).toordinal()], dtype=np.int64)
    assert periode_grenzen.per_maand([(schrikkel, np.ones(1, dtype=bool))], starts) is None
    # … unless the row has no such date (leeg)
    assert periode_grenzen.per_maand([(schrikkel, np.zeros(1, dtype=bool))], starts) is not None
    assert periode_grenzen.uniek(np.array([3, 1, 3, 2, 1])).tolist() == [1, 2, 3]


LEDEN_MODEL = """Objecttype de Persoon (mv: Personen) (bezield)
\thet inkomen\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\tis rijk\tkenmerk (bijvoeglijk);

Objecttype het Huishouden (mv: Huishoudens)
\thet bedrag\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\thet rijke bedrag\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\tde hoogste\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\thet jaarbedrag\tNumeriek (getal met 2 decimalen) met eenheid €;

Feittype huishoudsamenstelling
\thet huishouden\tHuishouden
\thet lid (mv: leden)\tPersoon
Eén huishouden bestaat uit meerdere leden

Parameter de verhoging : Numeriek (getal met 2 decimalen) met eenheid € voor elke maand;

Regel bedrag
\tgeldig altijd
\t\tHet bedrag van een Huishouden moet berekend worden als (de som van het inkomen van alle leden van het
\t\tHuishouden of 0 als die er niet zijn) plus de verhoging.

Regel rijke bedrag
\tgeldig altijd
\t\tHet rijke bedrag van een Huishouden moet berekend worden als (de som van het inkomen van alle leden van het
\t\tHuishouden die rijk zijn of 0 als die er niet zijn) plus de verhoging
\t\tindien het bedrag van het Huishouden groter is dan 100 €.

Regel hoogste
\tgeldig altijd
\t\tDe hoogste van een Huishouden moet berekend worden als (de maximale waarde van het inkomen van alle leden van
\t\thet Huishouden) plus de verhoging.

Regel jaarbedrag
\tgeldig altijd
\t\tHet jaarbedrag van een Huishouden moet berekend worden als het totaal van het rijke bedrag van het Huishouden.
"""


def _leden_model() -> ir.Model:
    pad = Path(tempfile.mkdtemp(prefix="periode-leden-")) / "model.rgs"
    pad.write_text(LEDEN_MODEL, "utf-8")
    model, diags = load_model([pad])
    assert not [d for d in diags if d.ernst.name == "FOUT"], diags
    return model


_LEDEN = _leden_model()


@st.composite
def _leden(draw: st.DrawFn) -> Gegevens:
    """Households of members whose income changes in a few months (some going leeg, some coming back),
    some members rich, a person in no household and a household without members."""
    jaar = draw(st.sampled_from([2024, 2025]))
    waarden = st.sampled_from([None, 0, 5000, 10000, 25050])
    objecten: dict[str, Invoer] = {}
    feiten: list[tuple[str, tuple[str, ...]]] = []
    n = draw(st.integers(1, 7))
    for i in range(n):
        w = draw(waarden)
        stukken = []
        for m in range(12):
            if draw(st.integers(0, 5)) == 0:
                w = draw(waarden)
            if w is not None:
                stukken.append((date(jaar + m // 12, m % 12 + 1, 1), date(jaar + (m + 1) // 12, (m + 1) % 12 + 1, 1),
                                Fraction(w, 100)))
        objecten[f"p{i}"] = Invoer("persoon", {"inkomen": Tijdlijn.maak("maand", stukken) if stukken else None},
                                   {"rijk": draw(st.booleans())})
    leden = list(range(n))
    for h in range(draw(st.integers(1, 3))):
        objecten[f"h{h}"] = Invoer("huishouden", {}, {})
        for i in draw(st.sets(st.sampled_from(leden), max_size=3)) if leden else ():
            leden.remove(i)
            feiten.append(("huishoudsamenstelling", (f"h{h}", f"p{i}")))
    verhoging = Tijdlijn.maak("maand", [(date(jaar, 1, 1), date(jaar + 1, 1, 1),
                                         Fraction(draw(st.integers(0, 200)), 100))])
    return Gegevens(date(jaar, 1, 1), {"verhoging": verhoging}, objecten, feiten)


def _als_maandkolommen(model: ir.Model, g: Gegevens, pop: Populatie) -> None:
    """The incomes as a population file gives them: twelve month columns (the run finds the deltas)."""
    tabel = pop.tabellen["persoon"]
    a = model.objecttypen["persoon"].attributen["inkomen"]
    per_maand: list[list[Any]] = [[] for _ in range(12)]
    for naam in convert.objectnamen(pop)["persoon"]:
        lijn = g.objecten[naam].attributen.get("inkomen")
        cellen = maanden(lijn, g.rekendatum.year) if isinstance(lijn, Tijdlijn) else [None] * 12
        assert cellen is not None
        for m in range(12):
            per_maand[m].append(cellen[m])
    tabel.kolommen["inkomen"] = PeriodeKolom("maand", None, a.type, [convert.kolom(a.type, col) for col in per_maand])


@settings(max_examples=50, deadline=None, derandomize=True)
@given(_leden())
def test_sommen_over_leden_met_maandwissels_gelijk_aan_interpreter(g: Gegevens) -> None:
    # Sums (of all members, of a selection), a maximum and a total over the year, with the members' incomes
    # changing in a few months: every month a delta of the month before, the households with a changed member
    # run alone (vector_groep), the rest kept.
    with _altijd_delta():
        pop = convert.populatie(_LEDEN, g)
        _als_maandkolommen(_LEDEN, g, pop)
        res = engines_gelijk(_LEDEN, g, pop)
    assert res is None or not res.terugval, res.terugval


def test_sommen_over_leden_lopen_via_de_gewijzigde_huishoudens() -> None:
    jaar = 2025
    vast = Tijdlijn.maak("maand", [(date(jaar, 1, 1), date(jaar + 1, 1, 1), Fraction(100))])
    wissel = Tijdlijn.maak("maand", [(date(jaar, 1, 1), date(jaar, 4, 1), Fraction(100)),
                                     (date(jaar, 4, 1), date(jaar + 1, 1, 1), Fraction(300))])
    objecten = {f"p{i}": Invoer("persoon", {"inkomen": wissel if i == 5 else vast}, {"rijk": i % 2 == 0})
                for i in range(12)}
    objecten.update({f"h{h}": Invoer("huishouden", {}, {}) for h in range(6)})
    feiten = [("huishoudsamenstelling", (f"h{i // 2}", f"p{i}")) for i in range(12)]
    g = Gegevens(date(jaar, 1, 1), {"verhoging": vast}, objecten, feiten)  # type: ignore[arg-type]
    pop = convert.populatie(_LEDEN, g)
    _als_maandkolommen(_LEDEN, g, pop)
    res = engines_gelijk(_LEDEN, g, pop)
    assert res is not None and not res.terugval
    ids = {str(x): i for i, x in enumerate(pop.tabellen["huishouden"].ids)}
    for naam in ("bedrag", "rijke bedrag", "hoogste"):
        cellen = pop.tabellen["huishouden"].kolommen[naam].cellen  # type: ignore[attr-defined]
        assert isinstance(cellen[3], vector_delta.DeltaKolom), naam
        assert cellen[3].rijen.tolist() == [ids["h2"]], naam  # p5 is a member of h2 only
        assert cellen[1] is cellen[0] and cellen[11] is cellen[3], naam


def test_grenzen_per_maand_een_datum_voor_elke_rij() -> None:
    # A bound that is one date for every row (a parameter, `het begin van het berekeningsjaar`): on 1 January
    # nothing starts within the year; on 1 March every row with a value starts then; mid-month: declined.
    starts = np.array([date(2025, m, 1).toordinal() for m in range(1, 13)] + [date(2026, 1, 1).toordinal()])
    ok = np.array([True, False, True])

    def een(d: date) -> np.ndarray[Any, Any]:
        return np.broadcast_to(np.int64(d.toordinal()), (3,))

    per = periode_grenzen.per_maand([(een(date(2025, 1, 1)), ok)], starts)
    assert per is not None and sum(len(r) for r in per) == 0
    per = periode_grenzen.per_maand([(een(date(2025, 3, 1)), ok)], starts)
    assert per is not None and per[2].tolist() == [0, 2] and sum(len(r) for r in per) == 2
    assert periode_grenzen.per_maand([(een(date(2025, 3, 15)), ok)], starts) is None
