"""Parquet population folders: exact round trip, and every validation error with file, column and rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]
import pyarrow.parquet as pq  # type: ignore[import-untyped, unused-ignore]
import pytest

from regelspraak.diagnostics import DiagnosticError
from regelspraak.evaluate.columns import Kolom, Populatie, Relatie, Tabel
from regelspraak.model import folder, ir
from regelspraak.model.from_syntax import load_model
from regelspraak.simulate.mapping import lees_mapping, pas_toe
from regelspraak.simulate.population import lees_populatie
from regelspraak.simulate.population_write import schrijf_populatie
from regelspraak.simulate.synthetic import genereer

ROOT = Path(__file__).resolve().parents[3]

MODEL = """Domein Geldbedrag is van het type Numeriek (getal met 2 decimalen) met eenheid €

Domein Woonvorm is van het type Enumeratie
\t'huur'
\t'koop'

Objecttype de Persoon (mv: Personen) (bezield)
\thet inkomen\tGeldbedrag;
\thet saldo\tNumeriek (getal);
\thet aantal\tNumeriek (niet-negatief geheel getal);
\thet percentage\tPercentage (getal met 3 decimalen);
\tde geboortedatum\tDatum in dagen;
\tde naam\tTekst;
\thet vinkje\tBoolean;
\tde woonvorm\tWoonvorm;
\tis verzekerd\tkenmerk (bijvoeglijk);

Objecttype het Huishouden (mv: Huishoudens)
\thet totaal\tGeldbedrag;

Wederkerig feittype Partnerschap
\tde partner\tPersoon
Eén partner woont samen met één partner

Feittype huishoudsamenstelling
\thet huishouden\tHuishouden
\thet lid (mv: leden)\tPersoon
Eén huishouden bestaat uit meerdere leden
"""


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> ir.Model:
    pad = tmp_path_factory.mktemp("model") / "model.rgs"
    pad.write_text(MODEL, encoding="utf-8")
    m, diags = load_model([pad])
    assert not [d for d in diags if d.is_fout], diags
    return m


def _b(*waarden: bool) -> np.ndarray[Any, Any]:
    return np.array(waarden, dtype=np.bool_)


def _populatie() -> Populatie:
    groot = np.iinfo(np.int64).max
    personen = Tabel("persoon", np.array([10, 11, 12, 13], dtype=np.int64), {
        "inkomen": Kolom(np.array([157342, -1, groot, 0], dtype=np.int64), _b(True, True, True, False), 100),
        "saldo": Kolom(np.array([1500, -2, 0, 7], dtype=np.int64), _b(True, True, True, True), 1000),
        "aantal": Kolom(np.array([0, 3, 12, 0], dtype=np.int64), _b(True, True, True, False), 1),
        "percentage": Kolom(np.array([1896, 4256, 0, 100000], dtype=np.int64), _b(True, True, False, True), 1000),
        "geboortedatum": Kolom(np.array([719163, 1, 739252, 0], dtype=np.int32), _b(True, True, True, False)),
        "naam": Kolom(np.array(["Gijs", "Hanna", "", None], dtype=object), _b(True, True, True, False)),
        "vinkje": Kolom(_b(True, False, True, False), _b(True, True, False, False)),
        "woonvorm": Kolom(np.array([1, 0, 0, 1], dtype=np.int16), _b(True, True, False, True)),
        "kenmerk:verzekerd": Kolom(_b(True, False, True, True), _b(True, True, True, True)),
    }, np.array([1.0, 2.5, 0.0, 1e6]))
    huishoudens = Tabel("huishouden", np.array(["h-a", "h-b"], dtype=object), {
        "totaal": Kolom(np.array([100, 200], dtype=np.int64), _b(True, True), 100)})
    return Populatie({"persoon": personen, "huishouden": huishoudens}, {
        "partnerschap": Relatie("partnerschap", (np.array([0]), np.array([1]))),
        "huishoudsamenstelling": Relatie("huishoudsamenstelling", (np.array([0, 0, 1]), np.array([0, 1, 3]))),
    })


def _gelijk(a: Kolom, b: Kolom) -> None:
    assert a.noemer == b.noemer
    assert a.geldig.tolist() == b.geldig.tolist()
    assert [x for x, ok in zip(a.waarden.tolist(), a.geldig, strict=True) if ok] == \
        [x for x, ok in zip(b.waarden.tolist(), b.geldig, strict=True) if ok]


def test_round_trip_is_exact(model: ir.Model, tmp_path: Path) -> None:
    pop = _populatie()
    schrijf_populatie(pop, model, tmp_path / "pop")
    terug = lees_populatie(tmp_path / "pop", model)
    for key, tabel in pop.tabellen.items():
        t2 = terug.tabellen[key]
        assert list(map(str, t2.ids)) == list(map(str, tabel.ids))  # row counts and order kept
        assert set(t2.kolommen) == set(tabel.kolommen)
        for k, kolom in tabel.kolommen.items():
            _gelijk(kolom, t2.kolommen[k])
    assert terug.tabellen["persoon"].gewicht is not None
    assert terug.tabellen["persoon"].gewicht.tolist() == [1.0, 2.5, 0.0, 1e6]
    for key, rel in pop.relaties.items():
        assert [r.tolist() for r in terug.relaties[key].rijen] == [r.tolist() for r in rel.rijen]
    # Money is decimal128 with the declared scale, dates date32, enums strings, kenmerken bool.
    schema = pq.read_schema(tmp_path / "pop" / "Persoon.parquet")
    assert schema.field("inkomen").type == pa.decimal128(38, 2)
    assert schema.field("saldo").type == pa.decimal128(38, 3)
    assert schema.field("aantal").type == pa.int64()
    assert schema.field("geboortedatum").type == pa.date32()
    assert schema.field("verzekerd").type == pa.bool_()
    assert pq.read_table(tmp_path / "pop" / "Persoon.parquet").column("woonvorm").to_pylist() == \
        ["koop", "huur", None, "koop"]
    assert pq.read_table(tmp_path / "pop" / "Persoon.parquet").column("inkomen").to_pylist()[2] == \
        pa.scalar(np.iinfo(np.int64).max, pa.int64()).cast(pa.decimal128(38, 0)).as_py().scaleb(-2)


def test_round_trip_when_written_in_parts(model: ir.Model, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import regelspraak.simulate.population_write as population

    monkeypatch.setattr(population, "SCHRIJFDEEL", 3)  # 4 persons, 3 facts: two parts and one
    pop = _populatie()
    schrijf_populatie(pop, model, tmp_path / "pop")
    assert pq.ParquetFile(tmp_path / "pop" / "Persoon.parquet").metadata.num_rows == 4
    terug = lees_populatie(tmp_path / "pop", model)
    for k, kolom in pop.tabellen["persoon"].kolommen.items():
        _gelijk(kolom, terug.tabellen["persoon"].kolommen[k])
    assert [r.tolist() for r in terug.relaties["huishoudsamenstelling"].rijen] == [[0, 0, 1], [0, 1, 3]]


def test_round_trip_of_a_generated_population(tmp_path: Path) -> None:
    zt, _ = load_model(list(folder.find(ROOT / "wetten" / "zorgtoeslag").rgs))
    koppeling = lees_mapping(ROOT / "simulaties" / "zorgtoeslag-mapping.yaml", zt)
    pop = pas_toe(koppeling, genereer(3_000, seed=11), zt)
    schrijf_populatie(pop, zt, tmp_path / "zt")
    terug = lees_populatie(tmp_path / "zt", zt)
    for key, tabel in pop.tabellen.items():
        assert terug.tabellen[key].ids.tolist() == tabel.ids.tolist()
        for k, kolom in tabel.kolommen.items():
            _gelijk(kolom, terug.tabellen[key].kolommen[k])
    for key, rel in pop.relaties.items():
        assert [r.tolist() for r in terug.relaties[key].rijen] == [r.tolist() for r in rel.rijen]


def test_undeclared_decimals_take_the_smallest_exact_power_of_ten(model: ir.Model, tmp_path: Path) -> None:
    import decimal

    _schrijf(tmp_path, "Persoon", {"id": [1, 2], "saldo": pa.array(
        [decimal.Decimal("1.50"), decimal.Decimal("-3.00")], type=pa.decimal128(10, 4))})
    k = lees_populatie(tmp_path, model).tabellen["persoon"].kolommen["saldo"]
    assert (k.waarden.tolist(), k.noemer) == ([15, -30], 10)


# ---------------------------------------------------------------- validation errors


def _schrijf(map_: Path, naam: str, kolommen: dict[str, Any]) -> None:
    map_.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(kolommen), map_ / f"{naam}.parquet")


def _fouten(map_: Path, model: ir.Model) -> list[tuple[str, str, str | None]]:
    with pytest.raises(DiagnosticError) as e:
        lees_populatie(map_, model)
    return [(d.code, d.bericht, d.hulp) for d in e.value.diagnostics]


def test_unknown_column(model: ir.Model, tmp_path: Path) -> None:
    _schrijf(tmp_path, "Persoon", {"id": [1], "inkomsten": pa.array([1], pa.int64())})
    [(code, bericht, hulp)] = _fouten(tmp_path, model)
    assert code == "RS701"
    assert bericht == ("Persoon.parquet: onbekende kolom 'inkomsten'; Persoon heeft geen attribuut of kenmerk met die "
                       "naam.")
    assert hulp is not None and "Bedoelde u 'inkomen'?" in hulp


def test_unknown_file_and_missing_id(model: ir.Model, tmp_path: Path) -> None:
    _schrijf(tmp_path, "Persoonen", {"id": [1]})
    _schrijf(tmp_path, "Huishouden", {"totaal": pa.array([1], pa.int64())})
    fouten = _fouten(tmp_path, model)
    assert ("RS701", "Huishouden.parquet: de kolom 'id' ontbreekt.") in [(c, b) for c, b, _ in fouten]
    [onbekend] = [f for f in fouten if "Persoonen" in f[1]]
    assert onbekend[0] == "RS701" and onbekend[2] == "Bedoelde u 'Persoon.parquet'?"


def test_names_are_case_insensitive_with_optional_lidwoord(model: ir.Model, tmp_path: Path) -> None:
    _schrijf(tmp_path, "de persoon", {"id": [1], "Het Inkomen": pa.array([5], pa.int64()),
                                      "is verzekerd": [True]})
    t = lees_populatie(tmp_path, model).tabellen["persoon"]
    assert t.kolommen["inkomen"].waarden.tolist() == [500]
    assert t.kolommen["kenmerk:verzekerd"].waarden.tolist() == [True]


def test_float_money_is_refused(model: ir.Model, tmp_path: Path) -> None:
    _schrijf(tmp_path, "Persoon", {"id": [1, 2], "inkomen": pa.array([1.5, 2.0], pa.float64())})
    [(code, bericht, hulp)] = _fouten(tmp_path, model)
    assert code == "RS702"
    assert bericht == ("Persoon.parquet, kolom 'inkomen': verwacht een exact getal (decimal128 of geheel getal), "
                       "gevonden double.")
    assert hulp is not None and "niet exact" in hulp


def test_more_decimals_than_declared(model: ir.Model, tmp_path: Path) -> None:
    import decimal

    waarden = [decimal.Decimal(x) for x in ("1.000", "1.005", "2.010", "-0.001")]
    _schrijf(tmp_path, "Persoon", {"id": [10, 11, 12, 13], "inkomen": pa.array(waarden, pa.decimal128(10, 3))})
    [(code, bericht, _)] = _fouten(tmp_path, model)
    assert code == "RS702"
    assert bericht == ("Persoon.parquet, kolom 'inkomen': meer dan 2 decimalen (numeriek in € met 2 decimalen). "
                       "In rij 2 (id 11, waarde '1.005'), rij 4 (id 13, waarde '-0.001').")


def test_enum_value_outside_the_domain(model: ir.Model, tmp_path: Path) -> None:
    _schrijf(tmp_path, "Persoon", {"id": [1, 2, 3], "woonvorm": ["huur", "kamer", None]})
    [(code, bericht, hulp)] = _fouten(tmp_path, model)
    assert code == "RS702"
    assert bericht == ("Persoon.parquet, kolom 'woonvorm': waarde hoort niet bij Woonvorm. In rij 2 (id 2, waarde "
                       "'kamer').")
    assert hulp is not None and hulp.startswith("Mogelijke waarden: 'huur', 'koop'.")


def test_negative_value_for_a_non_negative_attribute(model: ir.Model, tmp_path: Path) -> None:
    _schrijf(tmp_path, "Persoon", {"id": [1, 2], "aantal": pa.array([3, -1], pa.int32())})
    [(code, bericht, _)] = _fouten(tmp_path, model)
    assert code == "RS702" and "negatief getal" in bericht and "rij 2 (id 2, waarde '-1')" in bericht


def test_wrong_type_for_date_boolean_and_kenmerk(model: ir.Model, tmp_path: Path) -> None:
    _schrijf(tmp_path, "Persoon", {"id": [1], "geboortedatum": ["2000-01-01"], "vinkje": [1], "verzekerd": ["ja"]})
    fouten = _fouten(tmp_path, model)
    assert [c for c, _, _ in fouten] == ["RS702", "RS702", "RS702"]
    assert "kolom 'geboortedatum': verwacht een datum (date32), gevonden string" in fouten[0][1]


def test_duplicate_id(model: ir.Model, tmp_path: Path) -> None:
    _schrijf(tmp_path, "Persoon", {"id": [5, 6, 5, 7]})
    [(code, bericht, hulp)] = _fouten(tmp_path, model)
    assert code == "RS704"
    assert bericht == "Persoon.parquet, kolom 'id': dubbel id in rij 1 (id 5), rij 3 (id 5)."
    assert hulp == "Rijnummers tellen vanaf 1, in de volgorde van het bestand."


def test_duplicate_text_id(model: ir.Model, tmp_path: Path) -> None:
    _schrijf(tmp_path, "Huishouden", {"id": ["a", "b", "a"]})
    [(code, bericht, _)] = _fouten(tmp_path, model)
    assert (code, bericht) == ("RS704", "Huishouden.parquet, kolom 'id': dubbel id in rij 1 (id 'a'), rij 3 (id 'a').")
    _schrijf(tmp_path, "Huishouden", {"id": ["a", "b"], "totaal": pa.array([1, None], pa.int64())})
    _schrijf(tmp_path, "Persoon", {"id": [1]})
    _schrijf(tmp_path, "huishoudsamenstelling", {"huishouden": ["b", "c"], "lid": [1, 1]})
    fouten = _fouten(tmp_path, model)
    assert fouten[0][1] == "huishoudsamenstelling.parquet, kolom 'huishouden': id bestaat niet in Huishouden.parquet " \
                          "in rij 2 (id 'c')."


def test_dangling_id_in_a_feittype(model: ir.Model, tmp_path: Path) -> None:
    _schrijf(tmp_path, "Persoon", {"id": [1, 2, 3]})
    _schrijf(tmp_path, "Huishouden", {"id": [100]})
    _schrijf(tmp_path, "huishoudsamenstelling", {"huishouden": [100, 100, 100], "lid": [1, 99, 3]})
    [(code, bericht, _)] = _fouten(tmp_path, model)
    assert code == "RS703"
    assert bericht == ("huishoudsamenstelling.parquet, kolom 'lid': id bestaat niet in Persoon.parquet in rij 2 "
                       "(id 99).")


def test_single_valued_role_with_two_facts(model: ir.Model, tmp_path: Path) -> None:
    _schrijf(tmp_path, "Persoon", {"id": [1, 2]})
    _schrijf(tmp_path, "Huishouden", {"id": [100, 200]})
    _schrijf(tmp_path, "huishoudsamenstelling", {"huishouden": [100, 100, 200], "lid": [1, 2, 2]})
    [(code, bericht, _)] = _fouten(tmp_path, model)
    assert code == "RS704"
    assert bericht == ("huishoudsamenstelling.parquet, kolom 'lid': een lid hoort bij hoogstens één huishouden (de rol "
                       "'huishouden' is enkelvoudig), maar staat in meer dan één feit: rij 2 (id 2), rij 3 (id 2).")


def test_wederkerig_single_valued_and_duplicate_facts(model: ir.Model, tmp_path: Path) -> None:
    _schrijf(tmp_path, "Persoon", {"id": [1, 2, 3]})
    _schrijf(tmp_path, "Partnerschap", {"partner 1": [1, 3], "partner 2": [2, 1]})
    [(code, bericht, _)] = _fouten(tmp_path, model)
    assert code == "RS704" and "Partnerschap.parquet: een partner heeft hoogstens één partner" in bericht
    _schrijf(tmp_path, "Partnerschap", {"partner 1": [1], "partner 2": [2]})
    rel = lees_populatie(tmp_path, model).relaties["partnerschap"]
    assert [r.tolist() for r in rel.rijen] == [[0], [1]]


def test_feittype_columns(model: ir.Model, tmp_path: Path) -> None:
    _schrijf(tmp_path, "Persoon", {"id": [1]})
    _schrijf(tmp_path, "Huishouden", {"id": [1]})
    _schrijf(tmp_path, "huishoudsamenstelling", {"huishouden": [1], "persoon": [1]})
    fouten = _fouten(tmp_path, model)
    assert [c for c, _, _ in fouten] == ["RS701", "RS701"]
    assert "onbekende kolom 'persoon'" in fouten[0][1] and "de kolom 'lid' ontbreekt" in fouten[1][1]


def test_many_offending_rows_are_summarised_and_all_errors_reported(model: ir.Model, tmp_path: Path) -> None:
    _schrijf(tmp_path, "Persoon", {"id": list(range(20)), "woonvorm": ["flat"] * 20, "naam": [1] * 20})
    fouten = _fouten(tmp_path, model)
    assert len(fouten) == 2
    assert fouten[0][1].endswith("rij 5 (id 4, waarde 'flat') en nog 15.")


def test_unreadable_file_and_missing_folder(model: ir.Model, tmp_path: Path) -> None:
    (tmp_path / "Persoon.parquet").write_bytes(b"geen parquet")
    [(code, bericht, _)] = _fouten(tmp_path, model)
    assert code == "RS901" and bericht.startswith("Persoon.parquet: geen leesbaar Parquet-bestand")
    [(code, _, _)] = _fouten(tmp_path / "bestaat-niet", model)
    assert code == "RS901"


# ---------------------------------------------------------------- atomic writing


def test_write_replaces_a_population_but_never_another_folder(model: ir.Model, tmp_path: Path) -> None:
    doel = tmp_path / "pop"
    schrijf_populatie(_populatie(), model, doel)
    schrijf_populatie(_populatie(), model, doel)  # an existing population folder is replaced
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pop"]  # no temporary folders left
    anders = tmp_path / "documenten"
    anders.mkdir()
    (anders / "brief.txt").write_text("bewaren")
    with pytest.raises(DiagnosticError) as e:
        schrijf_populatie(_populatie(), model, anders)
    assert e.value.diagnostics[0].code == "RS910"
    assert (anders / "brief.txt").read_text() == "bewaren"


def test_a_failed_write_leaves_the_old_population(model: ir.Model, tmp_path: Path) -> None:
    doel = tmp_path / "pop"
    schrijf_populatie(_populatie(), model, doel)
    voor = {p.name: p.read_bytes() for p in doel.iterdir()}
    kapot = _populatie()
    kapot.tabellen["huishouden"].kolommen["onzin"] = Kolom(np.array([1, 2]), _b(True, True))
    with pytest.raises(ValueError):
        schrijf_populatie(kapot, model, doel)
    assert {p.name: p.read_bytes() for p in doel.iterdir()} == voor
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pop"]
