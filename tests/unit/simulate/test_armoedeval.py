"""The armoedeval section of a scenario (simulate/armoedeval.py): classes of marginal rate per household."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from regelspraak.diagnostics import DiagnosticError
from regelspraak.evaluate.columns import Kolom, Populatie, Relatie, Tabel
from regelspraak.simulate import run as sim
from regelspraak.simulate import scenario as scen
from regelspraak.simulate.armoedeval import Stap, klassen, labels, verhoog

ROOT = Path(__file__).resolve().parents[3]


def _scenario(tmp: Path, armoedeval: dict[str, Any] | None, **extra: Any) -> scen.Scenario:
    data: dict[str, Any] = {
        "naam": "zt", "model": str(ROOT / "wetten" / "zorgtoeslag"), "rekendatum": "2025-07-01",
        "populatie": {"genereer": {"personen": 6000, "seed": 3, "deel": 2000},
                      "mapping": str(ROOT / "simulaties" / "zorgtoeslag-mapping.yaml"), "blok": 10000},
        "uitvoer": [{"objecttype": "Huishouden", "attribuut": "zorgtoeslag"}],
        "groeperingen": [{"naam": "huishoudtype", "objecttype": "Huishouden", "attribuut": "huishoudtype"}],
        **extra}
    if armoedeval is not None:
        data["armoedeval"] = armoedeval
    pad = tmp / "s.yaml"
    pad.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return scen.read(pad)


AE = {"objecttype": "Huishouden", "uitvoer": ["zorgtoeslag"], "via": "huishoudsamenstelling",
      "invoer": "toetsingsinkomen", "stap": 1000, "grenzen": [5, 13, 14, 20]}


def test_klassen_are_exact_at_the_bounds() -> None:
    # 12 x 100 cents / 1000 euro = 1.2%: at a bound of 1.2% exactly it is in the upper class
    v = np.array([99, 100, 101, 0, -3], dtype=np.int64)
    assert klassen(v, 100, Fraction(12), Fraction(1000), [Fraction(6, 5), Fraction(2)]).tolist() == [0, 1, 1, 0, 0]
    assert labels([Fraction(80), Fraction(100)]) == ["< 80%", "80% – 100%", "≥ 100%"]


def test_verhoog_raises_only_the_first_member_with_an_income() -> None:
    pop = Populatie({
        "huishouden": Tabel("huishouden", np.array([10, 11, 12])),
        "natuurlijk persoon": Tabel("natuurlijk persoon", np.arange(5), {
            "toetsingsinkomen": Kolom(np.array([100, 200, 300, 400, 500]), np.array([True, True, False, True, True]),
                                      100)}),
    }, {"huishoudsamenstelling": Relatie("huishoudsamenstelling", (np.array([1, 0, 0, 2]), np.array([3, 1, 0, 2])))})
    kol_voor = pop.tabellen["natuurlijk persoon"].kolommen["toetsingsinkomen"]
    uit = verhoog(pop, Stap("huishoudsamenstelling", 0, "natuurlijk persoon", "toetsingsinkomen", Fraction(1, 2)))
    kol = uit.tabellen["natuurlijk persoon"].kolommen["toetsingsinkomen"]
    # household 0: members 0 and 1, the first (0) is raised; household 1: member 3; household 2: member 2 is leeg
    assert kol.waarden.tolist() == [150, 200, 300, 450, 500] and kol.noemer == 100
    assert kol.geldig.tolist() == [True, True, False, True, True]
    assert kol_voor.waarden.tolist() == [100, 200, 300, 400, 500]  # the column itself is replaced, not written
    # a step finer than the column: the column is widened, never rounded
    pop.tabellen["natuurlijk persoon"].kolommen["toetsingsinkomen"] = kol_voor
    kol = verhoog(pop, Stap("huishoudsamenstelling", 0, "natuurlijk persoon", "toetsingsinkomen",
                            Fraction(1, 1000))).tabellen["natuurlijk persoon"].kolommen["toetsingsinkomen"]
    assert kol.noemer == 1000 and kol.waarden.tolist() == [1001, 2000, 3000, 4001, 5000]


def test_zorgtoeslag_taper_lands_in_its_class(tmp_path: Path) -> None:
    u = sim.simuleer(_scenario(tmp_path, AE))
    ae = u.samenvatting["armoedeval"]
    per = {r["klasse"]: r for r in ae["klassen"]}
    # Wzt art. 2: 13.7% of the income above the drempelinkomen; rounding to whole euros moves a few, and a
    # step across the drempelinkomen or the end of the entitlement gives less
    positief = sum(r["aantal"] for r in ae["klassen"][1:])
    assert per["13% – 14%"]["aantal"] > 0.85 * positief > 0
    assert per["13% – 14%"]["met_uitvoer"] == per["13% – 14%"]["aantal"]
    # the classes partition the households (each count rounded on its own: off by at most one per class)
    k = len(ae["klassen"])
    assert abs(sum(r["aantal"] for r in ae["klassen"]) - u.samenvatting["uitvoer"]["zorgtoeslag"]["aantal"]) <= k
    ontvangers = u.samenvatting["uitvoer"]["zorgtoeslag"]["ontvangers"]
    assert abs(sum(r["met_uitvoer"] for r in ae["klassen"]) - ontvangers) <= k
    groepen = ae["groepen"]["huishoudtype"]
    assert {g["groep"] for g in groepen} == {"zonder partner", "met partner"}
    per_groep = sum(c["aantal"] for g in groepen for c in g["klassen"])
    assert abs(per_groep - sum(r["aantal"] for r in ae["klassen"])) <= 2 * k
    # the ordinary totals are those of a run without the armoedeval
    zonder = sim.simuleer(_scenario(tmp_path, None))
    assert zonder.samenvatting["uitvoer"] == u.samenvatting["uitvoer"]


def test_same_armoedeval_at_two_chunk_sizes(tmp_path: Path) -> None:
    a = sim.simuleer(_scenario(tmp_path, AE)).samenvatting["armoedeval"]
    b = sim.simuleer(_scenario(tmp_path, AE, populatie={
        "genereer": {"personen": 6000, "seed": 3, "deel": 2000},
        "mapping": str(ROOT / "simulaties" / "zorgtoeslag-mapping.yaml"), "blok": 10000})).samenvatting["armoedeval"]
    assert a == b
    c = sim.simuleer(_scenario(tmp_path, AE, populatie={
        "genereer": {"personen": 6000, "seed": 3, "deel": 2000},
        "mapping": str(ROOT / "simulaties" / "zorgtoeslag-mapping.yaml"), "blok": 20000})).samenvatting["armoedeval"]
    assert a == c


@pytest.mark.parametrize(("veld", "waarde", "tekst"), [
    ("objecttype", "Woning", "onbekend objecttype 'Woning'"),
    ("uitvoer", ["huurtoeslag"], "'huurtoeslag' is geen attribuut van Huishouden"),
    ("uitvoer", ["huishoudtype"], "geen getal of bedrag"),
    ("via", "gezin", "onbekend feittype 'gezin'"),
    ("invoer", "inkomen", "'inkomen' is geen attribuut van Natuurlijk persoon"),
])
def test_names_are_checked_against_the_model(tmp_path: Path, veld: str, waarde: Any, tekst: str) -> None:
    with pytest.raises(DiagnosticError) as e:
        sim.simuleer(_scenario(tmp_path, {**AE, veld: waarde}))
    d = e.value.diagnostics[0]
    assert d.code == "RS901" and f"armoedeval.{veld}" in d.bericht and tekst in d.bericht
    assert d.herkomst is not None and d.herkomst.span.bestand.endswith("s.yaml")


@pytest.mark.parametrize(("veld", "waarde", "tekst"), [
    ("stap", 0, "groter dan 0"),
    ("factor", -12, "groter dan 0"),
    ("grenzen", [80, 20], "strikt op"),
    ("uitvoer", [], "minstens één uitvoer"),
    ("stap", "1.000", "dubbelzinnig"),
])
def test_invalid_values_are_refused_at_their_line(tmp_path: Path, veld: str, waarde: Any, tekst: str) -> None:
    with pytest.raises(DiagnosticError) as e:
        _scenario(tmp_path, {**AE, veld: waarde})
    d = e.value.diagnostics[0]
    assert tekst in d.bericht.lower() or tekst in d.bericht, d.bericht
    assert d.herkomst is not None and d.herkomst.span.regel > 1


def test_same_armoedeval_on_dask(tmp_path: Path) -> None:
    """The step's evaluation travels with the task: a LocalCluster (threads) gives the same classes."""
    pytest.importorskip("distributed")
    sc = _scenario(tmp_path, AE)
    een = sim.simuleer(sc).samenvatting
    verdeeld = sim.simuleer(sc, uitvoering=scen.Uitvoering(werkers=2, processen=False)).samenvatting
    assert verdeeld["armoedeval"] == een["armoedeval"] and verdeeld["uitvoer"] == een["uitvoer"]
