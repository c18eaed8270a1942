"""The results folder has one schema at every size (decimal128 with the declared decimals,
dictionary-encoded enumerations, declared names), its values are the engine's exact amounts, and
a sweep's variants equal separate runs."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pytest
from test_simulatie_delen import _zonder_tijd, scenario
from typer.testing import CliRunner

from regelspraak.cli import app
from regelspraak.diagnostics import DiagnosticError
from regelspraak.evaluate.columns import Kolom
from regelspraak.model import ir
from regelspraak.origin import Herkomst, Span
from regelspraak.simulate import resultaten as res
from regelspraak.simulate import run as sim
from regelspraak.simulate import scenario as scen
from regelspraak.simulate import varianten


def nieuwe_map(pad: Path) -> Path:
    """An empty results folder (in the CLI `report.atomic.schrijf_map` gives one)."""
    pad.mkdir(parents=True)
    return pad

runner = CliRunner()


def _draai(tmp: Path, naam: str, personen: int) -> tuple[sim.Uitkomst, Path, Any]:
    sc = scenario(tmp / f"s{personen}", naam)
    data = sc.bestand.model_copy(update={"populatie": sc.bestand.populatie.model_copy(update={
        "genereer": sc.bestand.populatie.genereer.model_copy(update={"personen": personen})})})  # type: ignore[union-attr]
    sc = sim.Scenario(data, sc.pad, sc.rekendatum)
    map_ = nieuwe_map(tmp / f"r{personen}")
    return sim.simuleer(sc, resultaten=map_), map_, sc


@pytest.mark.parametrize(("naam", "objecttype", "verwacht"), [
    ("zorgtoeslag-2025.yaml", "Huishouden", {"id": pa.int64(), "zorgtoeslag": pa.decimal128(38, 0),
                                             "huishoudtype": pa.dictionary(pa.int16(), pa.string()),
                                             "gezamenlijke toetsingsinkomen": pa.decimal128(38, 2),
                                             "gewicht": pa.float64()}),
    ("aow-2025.yaml", "Natuurlijk persoon", {"id": pa.int64(), "bruto ouderdomspensioen over het jaar":
                                             pa.decimal128(38, 2), "bruto-vakantie-uitkering over het jaar":
                                             pa.decimal128(38, 2), "leefvorm": pa.dictionary(pa.int16(), pa.string()),
                                             "leeftijd": pa.decimal128(38, 0), "gewicht": pa.float64()}),
])
def test_results_schema_is_the_same_at_two_sizes(tmp_path: Path, naam: str, objecttype: str,
                                                 verwacht: dict[str, Any]) -> None:
    schemas = []
    for personen in (2_000, 30_000):
        u, map_, _ = _draai(tmp_path, naam, personen)
        bestanden = sorted((map_ / objecttype).glob("deel-*.parquet"))
        tabellen = [pa.parquet.read_table(b) for b in bestanden]
        schemas += [t.schema for t in tabellen]
        tabel = pa.concat_tables(tabellen)
        assert {f.name: f.type for f in tabel.schema} == verwacht
        # Every value is the engine's exact amount (numerator over noemer), leeg is null.
        naam_uit = next(iter(u.samenvatting["uitvoer"]))
        key = next(k for k in u.kolommen if k.endswith("|" + naam_uit.lower()))
        w, ok = u.kolommen[key].samen()
        exact = [Fraction(int(x), u.kolommen[key].noemer) if o else None for x, o in zip(w, ok, strict=True)]
        gelezen = [None if v is None else Fraction(v) for v in tabel.column(naam_uit).to_pylist()]
        assert gelezen == exact
        enum = next(n for n, t in verwacht.items() if pa.types.is_dictionary(t))
        assert tabel.column(enum).chunk(0).dictionary.to_pylist()  # the whole domain, at any size
    assert all(s == schemas[0] for s in schemas)


def _attr(decimalen: int | None) -> ir.Attribuut:
    return ir.Attribuut("bedrag", "X", ir.Type("numeriek", decimalen=decimalen), Herkomst(Span("m.rgs", 3, 1)))


def test_decimal_column_is_exact_or_refused() -> None:
    k = Kolom(np.array([150, -250, 0], dtype=np.int64), np.array([True, True, False]), 100)
    assert res.decimaal(k, _attr(2)).to_pylist() == [Decimal("1.50"), Decimal("-2.50"), None]
    assert res.decimaal(k, _attr(4)).to_pylist() == [Decimal("1.5000"), Decimal("-2.5000"), None]
    with pytest.raises(DiagnosticError) as e:
        res.decimaal(k, _attr(0))  # 1.50 has a decimal the model does not declare: never rounded here
    assert e.value.diagnostics[0].code == "RS710"
    assert res.decimaal(Kolom(np.array([300]), np.array([True]), 100), _attr(0)).to_pylist() == [Decimal(3)]
    with pytest.raises(DiagnosticError):
        res.decimaal(Kolom(np.array([1]), np.array([True]), 3), _attr(2))  # a third has no exact decimal


def test_each_variant_equals_a_separate_run(tmp_path: Path) -> None:
    sc = scenario(tmp_path, varianten=[{"parameter": "vermogensgrens zonder partner", "van": 100000,
                                        "tot": 250000, "stappen": 4}])
    lijst = varianten.raster(sc)
    assert [v["vermogensgrens zonder partner"] for v in lijst] == ["100000", "150000", "200000", "250000"]
    samen = sim.simuleer_varianten(sc, lijst)
    totalen = []
    for variant, u in zip(lijst, samen, strict=True):
        apart = sim.simuleer(sc, extra_parameters=variant)
        assert _zonder_tijd(u.samenvatting) == _zonder_tijd(apart.samenvatting)
        totalen.append(int(u.samenvatting["uitvoer"]["zorgtoeslag"]["totaal"]))
    assert totalen == sorted(totalen) and totalen[0] < totalen[-1]  # a higher limit, more budget
    # The same sweep on two Dask workers (threads), tasks of other sizes: the same figures.
    verdeeld = sim.simuleer_varianten(sc, lijst, uitvoering=scen.Uitvoering(werkers=2, processen=False))
    assert [_zonder_tijd(u.samenvatting) for u in verdeeld] == [_zonder_tijd(u.samenvatting) for u in samen]


def test_grid_of_two_parameters_and_cli_table_and_chart(tmp_path: Path) -> None:
    sc = scenario(tmp_path, varianten=[
        {"parameter": "vermogensgrens zonder partner", "waarden": [141896, 200000]},
        {"parameter": "vermogensgrens met partner", "waarden": [179429, 250000]}])
    assert len(varianten.raster(sc)) == 4
    r = runner.invoke(app, ["simuleer", str(sc.pad), "--uit", str(tmp_path / "uit")])
    assert r.exit_code == 0, r.stdout
    assert "Varianten" in r.stdout
    tsv = (tmp_path / "uit" / "varianten.tsv").read_text("utf-8").splitlines()
    assert len(tsv) == 5 and tsv[0].startswith("vermogensgrens zonder partner\tvermogensgrens met partner\tuitvoer")
    svg = (tmp_path / "uit" / "varianten.svg").read_text("utf-8")
    assert svg.startswith("<svg") and svg.count("<rect") == 8  # budget and recipients per variant


def test_too_many_variants_is_rs712(tmp_path: Path) -> None:
    sc = scenario(tmp_path, varianten=[{"parameter": "vermogensgrens zonder partner", "van": 1, "tot": 2,
                                        "stappen": 1000},
                                       {"parameter": "vermogensgrens met partner", "waarden": [1, 2]}])
    with pytest.raises(DiagnosticError) as e:
        varianten.raster(sc)
    assert e.value.diagnostics[0].code == "RS712"
