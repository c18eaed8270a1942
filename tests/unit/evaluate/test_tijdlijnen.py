"""Timelines end to end (taal.md §11): declarations, period type checks, per-stretch evaluation,
case-file input with file/line/field errors, and output per stretch."""

from __future__ import annotations

import json
from datetime import date
from fractions import Fraction as F
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regelspraak.evaluate.interpret import Gegevens, Invoer, run
from regelspraak.model import ir
from regelspraak.model.from_syntax import load_model
from regelspraak.values.tijdlijn import Tijdlijn, totaal


class _Uit:
    def __init__(self, code: int, stdout: str, uitvoer: str) -> None:
        self.code, self.stdout, self.uitvoer = code, stdout, uitvoer


def cli(*args: str) -> _Uit:
    from typer.testing import CliRunner

    from regelspraak.cli import app

    r = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return _Uit(r.exit_code, r.stdout, r.output)

KOP = """Objecttype de Persoon (mv: Personen) (bezield)
\tde basis\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\tde uitkomst\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\tde gewone\tNumeriek (getal met 2 decimalen) met eenheid €;
\tde leeftijd\tNumeriek (geheel getal) met eenheid jr;
\tis jong\tkenmerk (bijvoeglijk);
Parameter de factor : Numeriek (getal met 2 decimalen) voor elke maand;
"""


def _model(tmp_path: Path, regels: str) -> tuple[ir.Model, list[str]]:
    p = tmp_path / "m.rgs"
    p.write_text(KOP + regels, encoding="utf-8")
    model, diags = load_model([p])
    return model, [f"{d.code} {d.bericht}" for d in diags]


def _regel(zin: str, versie: str = "geldig altijd") -> str:
    return f"Regel r\n\tbron: geen — test\n\t{versie}\n\t\t{zin}\n"


def _lijn(*stukken: tuple[date, date, object]) -> Tijdlijn:
    return Tijdlijn.maak("maand", stukken)


def test_declaratie_kent_de_periode(tmp_path: Path) -> None:
    model, diags = _model(tmp_path, "")
    assert diags == []
    assert model.objecttypen["persoon"].attributen["basis"].type.periode == "maand"
    assert model.objecttypen["persoon"].attributen["gewone"].type.periode is None
    assert model.parameters["factor"].type.periode == "maand"
    assert model.parameters["factor"].type.beschrijf() == "tijdlijn per maand van numeriek"


@pytest.mark.parametrize(("zin", "code", "woord"), [
    ("De uitkomst van een Persoon moet berekend worden als zijn basis plus 12 €/jr.", "RS123", "per jaar in €/jr"),
    ("De uitkomst van een Persoon moet berekend worden als zijn basis plus zijn leeftijd per maand.", "RS123",
     "noemt geen periode"),
    ("De uitkomst van een Persoon moet berekend worden als zijn basis plus 3 €/dg per maand.", "RS123",
     "niet exact om te rekenen"),
    ("De gewone van een Persoon moet berekend worden als zijn basis.", "RS121", "geen tijdlijn"),
    ("Een Persoon is jong indien zijn basis groter is dan 3 €.", "RS008", "kenmerk"),
    ("De uitkomst van een Persoon moet berekend worden als 3 €.", "RS121", "geen begin of einde"),
    # A condition on a kenmerk (no timeline) does not give the result a begin or end.
    ("De uitkomst van een Persoon moet berekend worden als 3 € gedurende de tijd dat hij jong is.", "RS121",
     "geen begin of einde"),
    # The specification requires the condition of 'het tijdsevenredig deel'.
    ("De uitkomst van een Persoon moet berekend worden als het tijdsevenredig deel per maand van zijn basis.",
     "RS002", "Onverwacht '.'"),
    ("De gewone van een Persoon moet berekend worden als het totaal van zijn leeftijd maal 1 €.", "RS122",
     "geen tijdlijn"),
    ("Een Persoon is jong indien zijn basis gedurende het gehele jaar groter is dan 3 €.", "RS008", "kenmerk"),
])
def test_typefouten_en_nog_niet_ondersteund(tmp_path: Path, zin: str, code: str, woord: str) -> None:
    _, diags = _model(tmp_path, _regel(zin))
    assert any(d.startswith(code) and woord in d for d in diags), diags


def test_omrekenen_naar_een_andere_periode_is_expliciet_en_exact(tmp_path: Path) -> None:
    # A €/mnd timeline plus a €/jr amount: only with the conversion written out ('per maand', × 1/12).
    p = tmp_path / "m.rgs"
    kop = ("Objecttype de Persoon (bezield)\n\tde x\tNumeriek (getal met 2 decimalen) met eenheid €/mnd voor "
           "elke maand;\n\tde y\tNumeriek (getal met 2 decimalen) met eenheid €/mnd voor elke maand;\n")
    p.write_text(kop + _regel("De y van een Persoon moet berekend worden als zijn x plus 1200 €/jr."), encoding="utf-8")
    _, diags = load_model([p])
    assert [(d.code, d.herkomst.span.regel) for d in diags] == [("RS123", 7)]
    assert "€/mnd" in diags[0].bericht and "€/jr" in diags[0].bericht
    p.write_text(kop + _regel("De y van een Persoon moet berekend worden als zijn x plus 1200 €/jr per maand."),
                 encoding="utf-8")
    model, diags = load_model([p])
    assert diags == []
    g = Gegevens(date(2024, 1, 1), {}, {"a": Invoer("persoon", {"x": _lijn((date(2024, 1, 1), date(2024, 3, 1),
                                                                              F(5)))}, {})}, [])
    assert run(model, g).instanties["a"].waarden["y"] == _lijn((date(2024, 1, 1), date(2024, 3, 1), F(105)))


def _bereken(model: ir.Model, basis: object, factor: object = None) -> tuple[object, list[str]]:
    params = {"factor": factor} if factor is not None else {}
    g = Gegevens(date(2024, 1, 1), params, {"a": Invoer("persoon", {"basis": basis}, {})}, [])  # type: ignore[dict-item]
    u = run(model, g)
    return u.instanties["a"].waarden.get("uitkomst"), [f"{d.code} {d.bericht}" for d in u.fouten]


def test_knip_over_attribuut_en_parameter(tmp_path: Path) -> None:
    model, _ = _model(tmp_path, _regel("De uitkomst van een Persoon moet berekend worden als zijn basis maal de "
                                       "factor."))
    basis = _lijn((date(2024, 1, 1), date(2024, 6, 1), F(10)))
    factor = _lijn((date(2024, 1, 1), date(2024, 3, 1), F(2)), (date(2024, 3, 1), date(2025, 1, 1), F(3)))
    uit, fouten = _bereken(model, basis, factor)
    # 1-6 to 1-1-2025: basis leeg, factor 3: leeg maal 3 = 0 (taal.md §6), per stretch.
    assert fouten == []
    assert uit == _lijn((date(2024, 1, 1), date(2024, 3, 1), F(20)), (date(2024, 3, 1), date(2024, 6, 1), F(30)),
                        (date(2024, 6, 1), date(2025, 1, 1), F(0)))


def test_afronding_en_decimalen_per_stuk(tmp_path: Path) -> None:
    model, _ = _model(tmp_path, _regel("De uitkomst van een Persoon moet berekend worden als zijn basis gedeeld "
                                       "door 3."))
    uit, fouten = _bereken(model, _lijn((date(2024, 1, 1), date(2024, 2, 1), F(3)),
                                        (date(2024, 2, 1), date(2024, 3, 1), F(1))))
    assert uit is None
    assert len(fouten) == 1 and fouten[0].startswith("RS106") and "van 01-02-2024 tot 01-03-2024" in fouten[0]
    model, _ = _model(tmp_path, _regel("De uitkomst van een Persoon moet berekend worden als (zijn basis gedeeld "
                                       "door 3) naar beneden afgerond op 2 decimalen."))
    uit, fouten = _bereken(model, _lijn((date(2024, 1, 1), date(2024, 3, 1), F(1))))
    assert fouten == [] and uit == _lijn((date(2024, 1, 1), date(2024, 3, 1), F(33, 100)))


def test_rekenfout_noemt_het_stuk(tmp_path: Path) -> None:
    model, diags = _model(tmp_path, _regel("De uitkomst van een Persoon moet berekend worden als zijn basis gedeeld "
                                           "door de factor."))
    assert diags == []
    _, fouten = _bereken(model, _lijn((date(2024, 1, 1), date(2024, 3, 1), F(1))),
                         _lijn((date(2024, 1, 1), date(2024, 2, 1), F(1)), (date(2024, 2, 1), date(2024, 3, 1), F(0))))
    assert len(fouten) == 1 and fouten[0].startswith("RS206") and "van 01-02-2024 tot 01-03-2024" in fouten[0]


def test_voorwaarde_per_stuk_en_versies(tmp_path: Path) -> None:
    regels = ("Regel r\n\tbron: geen — test\n\tgeldig t/m 31-03-2024\n\t\tDe uitkomst van een Persoon moet berekend "
              "worden als zijn basis indien zijn basis groter is dan 5 €.\n\tgeldig vanaf 01-04-2024\n\t\tDe uitkomst "
              "van een Persoon moet berekend worden als zijn basis plus 1 €.\n")
    model, diags = _model(tmp_path, regels)
    assert diags == []
    basis = _lijn((date(2024, 1, 1), date(2024, 2, 1), F(3)), (date(2024, 2, 1), date(2024, 6, 1), F(8)))
    g = Gegevens(date(2024, 1, 1), {}, {"a": Invoer("persoon", {"basis": basis}, {})}, [])
    u = run(model, g)
    inst = u.instanties["a"]
    assert inst.waarden["uitkomst"] == _lijn((date(2024, 2, 1), date(2024, 4, 1), F(8)),
                                             (date(2024, 4, 1), date(2024, 6, 1), F(9)))
    af = inst.afleidingen["uitkomst"]
    assert [(s.vanaf, s.versie) for s in af.stukken if s.gevuurd] == [(date(2024, 2, 1), "geldig t/m 31-03-2024"),
                                                                      (date(2024, 4, 1), "geldig vanaf 01-04-2024")]
    # Where the version applied but its condition did not hold, the trace says so (basis 3 is not > 5).
    assert [(s.vanaf, s.versie) for s in af.stukken if not s.gevuurd] == [(date(2024, 1, 1), "geldig t/m 31-03-2024")]


def test_totaal_van_parameter_en_constante(tmp_path: Path) -> None:
    model, diags = _model(tmp_path, _regel("De gewone van een Persoon moet berekend worden als het totaal van de "
                                           "factor maal 1 €."))
    assert diags == []
    _, fouten = _bereken(model, None, F(2))
    assert fouten and "tijdlijn met begin en einde" in fouten[0]
    g = Gegevens(date(2024, 1, 1), {"factor": _lijn((date(2024, 1, 1), date(2024, 4, 1), F(2)))},
                 {"a": Invoer("persoon", {}, {})}, [])
    assert run(model, g).instanties["a"].waarden["gewone"] == 6


@settings(max_examples=25, deadline=None)
@given(st.integers(-500, 500), st.integers(0, 300), st.integers(1, 300), st.integers(1, 299))
def test_constant_en_gesplitst_geven_hetzelfde(tmp_path_factory: pytest.TempPathFactory, w: int, a: int, n: int,
                                               knip: int) -> None:
    """A constant timeline gives the plain model's value on every stretch; splitting a stretch in two
    with equal values changes nothing (issue 11 properties)."""
    tmp = tmp_path_factory.mktemp("t")
    model, _ = _model(tmp, _regel("De uitkomst van een Persoon moet berekend worden als (zijn basis maal 3 min 7 €) "
                                  "naar beneden afgerond op 0 decimalen."))
    vanaf = date.fromordinal(date(2024, 1, 1).toordinal() + a)
    tot = date.fromordinal(vanaf.toordinal() + n)
    heel, _ = _bereken(model, _lijn((vanaf, tot, F(w))))
    midden = date.fromordinal(vanaf.toordinal() + min(knip, n - 1)) if n > 1 else None
    gesplitst = (_bereken(model, _lijn((vanaf, midden, F(w)), (midden, tot, F(w))))[0]
                 if midden is not None and vanaf < midden else heel)
    assert heel == gesplitst == _lijn((vanaf, tot, F(w * 3 - 7)))
    een = totaal(_lijn((vanaf, tot, F(1))))
    assert isinstance(heel, Tijdlijn) and een is not None and totaal(heel) == F(w * 3 - 7) * een


# ---------------------------------------------------------------- case files (CLI)


def _map(tmp_path: Path, geval: str) -> tuple[Path, Path]:
    (tmp_path / "model.rgs").write_text(KOP + _regel("De uitkomst van een Persoon moet berekend worden als zijn "
                                                     "basis plus 1 €."), encoding="utf-8")
    g = tmp_path / "geval.yaml"
    g.write_text(geval, encoding="utf-8")
    return tmp_path, g


@pytest.mark.parametrize(("basis", "regel", "woord"), [
    ("\n      - {vanaf: 2024-03-01, tot: 2024-04-01, waarde: 1}\n      - {vanaf: 2024-01-01, tot: 2024-02-01, "
     "waarde: 2}", 7, "op volgorde"),
    ("\n      - {vanaf: 2024-01-01, tot: 2024-04-01, waarde: 1}\n      - {vanaf: 2024-03-01, tot: 2024-05-01, "
     "waarde: 2}", 7, "overlappen"),
    ("\n      - {vanaf: 2024-01-01, tot: 2024-01-01, waarde: 1}", 6, "niet na"),
    ("\n      - {vanaf: 2024-01-01, waarde: 1}", 6, "'tot' ontbreekt"),
    ("\n      - {vanaf: 2024-01-01, tot: 2024-02-01, waarde: 1, bron: x}", 6, "Onbekend veld 'bron'"),
    ("\n      - {vanaf: 2024-01-01, tot: 2024-02-01, waarde: \"1,234\"}", 6, "decimalen"),
    ("\n      2024: [1, 2, 3]", 6, "12 maandwaarden"),
    ("\n      twee: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]", 6, "jaartal"),
    (" {vanaf: 2024-01-01}", 5, "lijst van stukken"),
    (" [1, 2]", 5, "Verwacht een stuk"),
    (" 5", 5, "met een begin en een einde"),
])
def test_invoerfouten_met_bestand_regel_en_veld(tmp_path: Path, basis: str, regel: int, woord: str) -> None:
    map_, g = _map(tmp_path, f"rekendatum: 2024-01-01\nobjecten:\n  a:\n    type: Persoon\n    basis:{basis}\n")
    r = cli("bereken", str(map_), "--gegevens", str(g))
    assert r.code == 2, r.uitvoer
    assert woord in r.uitvoer and f"geval.yaml:{regel}" in r.uitvoer and "veld 'objecten.a.basis" in r.uitvoer, \
        r.uitvoer


def test_bereken_json_per_stuk_leest_terug_als_invoer(tmp_path: Path) -> None:
    map_, g = _map(tmp_path, "rekendatum: 2024-01-01\nobjecten:\n  a:\n    type: Persoon\n    basis:\n"
                   "      2024: [1, 1, 1, null, null, null, null, null, null, null, null, 2]\n")
    r = cli("bereken", str(map_), "--gegevens", str(g), "--formaat", "json", "--uitleg")
    assert r.code == 0, r.uitvoer
    data = json.loads(r.stdout)
    uit = data["objecten"]["a"]["attributen"]["uitkomst"]
    # Leeg inside the knip span plus 1 € is 1 € (taal.md §6), per stretch.
    assert uit == [{"vanaf": "2024-01-01", "tot": "2024-04-01", "waarde": "2"},
                   {"vanaf": "2024-04-01", "tot": "2024-12-01", "waarde": "1"},
                   {"vanaf": "2024-12-01", "tot": "2025-01-01", "waarde": "3"}]
    assert [s["versie"] for s in data["uitleg"]["a"]["uitkomst"]["stukken"]] == ["geldig altijd"] * 3
    # The output reads back as input.
    g2 = tmp_path / "terug.yaml"
    g2.write_text("rekendatum: 2024-01-01\nobjecten:\n  a:\n    type: Persoon\n    basis: " + json.dumps(uit) + "\n",
                  encoding="utf-8")
    r2 = cli("bereken", str(map_), "--gegevens", str(g2), "--formaat", "json")
    assert r2.code == 0 and json.loads(r2.stdout)["objecten"]["a"]["attributen"]["uitkomst"][0]["waarde"] == "3"
    tekst = cli("bereken", str(map_), "--gegevens", str(g))
    assert "van 01-12-2024 tot 01-01-2025: 3 € per maand" in tekst.stdout


def test_voorbeeldgeval_verwacht_een_tijdlijn(tmp_path: Path) -> None:
    map_, _ = _map(tmp_path, "rekendatum: 2024-01-01\nobjecten: {}\n")
    (map_ / "gevallen").mkdir()
    geval = ("naam: per maand\nafleiding: basis plus 1 € per stuk\ngegevens:\n  rekendatum: 2024-01-01\n"
             "  objecten:\n    a:\n      type: Persoon\n      basis:\n        - {vanaf: 2024-01-01, tot: 2024-03-01, "
             "waarde: 4}\nverwacht:\n  a:\n    uitkomst:\n      - {vanaf: 2024-01-01, tot: 2024-03-01, waarde: %s}\n")
    (map_ / "gevallen" / "goed.yaml").write_text(geval % "5", encoding="utf-8")
    assert cli("test", str(map_)).code == 0
    (map_ / "gevallen" / "goed.yaml").write_text(geval % "6", encoding="utf-8")
    r = cli("test", str(map_))
    assert r.code != 0 and "uitkomst" in r.uitvoer


def test_parameterbestand_met_waarde_die_midden_in_het_jaar_wijzigt(tmp_path: Path) -> None:
    """A parameter whose value changes on 1 July (AOW, minimum wage) is a timeline in rules."""
    (tmp_path / "model.rgs").write_text(KOP + _regel("De uitkomst van een Persoon moet berekend worden als zijn basis "
                                                     "maal de factor."), encoding="utf-8")
    (tmp_path / "parameters.yaml").write_text(
        "parameters:\n  factor:\n    - {waarde: 2, vanaf: 2024-01-01, tot_en_met: 2024-06-30, bron: a}\n"
        "    - {waarde: 3, vanaf: 2024-07-01, tot_en_met: 2024-12-31, bron: b}\n", encoding="utf-8")
    g = tmp_path / "geval.yaml"
    g.write_text("rekendatum: 2024-01-01\nobjecten:\n  a:\n    type: Persoon\n    basis:\n"
                 "      - {vanaf: 2024-01-01, tot: 2025-01-01, waarde: 10}\n", encoding="utf-8")
    r = cli("bereken", str(tmp_path), "--gegevens", str(g), "--formaat", "json")
    assert r.code == 0, r.uitvoer
    assert json.loads(r.stdout)["objecten"]["a"]["attributen"]["uitkomst"] == [
        {"vanaf": "2024-01-01", "tot": "2024-07-01", "waarde": "20"},
        {"vanaf": "2024-07-01", "tot": "2025-01-01", "waarde": "30"}]
    (tmp_path / "parameters.yaml").write_text(
        "parameters:\n  factor:\n    - {waarde: 2, vanaf: 2024-01-01}\n", encoding="utf-8")
    r = cli("bereken", str(tmp_path), "--gegevens", str(g))
    assert r.code == 2 and "tot_en_met" in r.uitvoer and "parameters.yaml:3" in r.uitvoer, r.uitvoer
    (tmp_path / "parameters.yaml").write_text(
        "parameters:\n  factor:\n    - {waarde: 2, vanaf: 2024-01-01, tot_en_met: 2024-12-31}\n"
        "    - {waarde: 3, vanaf: 2024-07-01, tot_en_met: 2024-12-31}\n", encoding="utf-8")
    r = cli("bereken", str(tmp_path), "--gegevens", str(g))
    assert r.code == 2 and "overlappen" in r.uitvoer, r.uitvoer


def test_populatie_met_een_waarde_voor_een_tijdlijn_wordt_geweigerd(tmp_path: Path) -> None:
    """Populations with time are not built yet: the vectorised engine says so, never silently leeg."""
    from regelspraak.evaluate import convert, vectorize

    model, _ = _model(tmp_path, _regel("De uitkomst van een Persoon moet berekend worden als zijn basis plus 1 €."))
    g = Gegevens(date(2024, 1, 1), {}, {"a": Invoer("persoon", {"basis": F(3)}, {})}, [])
    with pytest.raises(vectorize.EngineFout) as e:
        vectorize.run(model, convert.populatie(model, g), g.rekendatum, {})
    assert e.value.code == "RS008" and "populatie" in e.value.bericht


@pytest.mark.parametrize("naam", ["regelspraak.report.results", "regelspraak.inputs.tijdlijn_invoer",
                                  "regelspraak.model.tijd"])
def test_doctests(naam: str) -> None:
    import doctest
    import importlib

    uitslag = doctest.testmod(importlib.import_module(naam), optionflags=doctest.ELLIPSIS)
    assert uitslag.failed == 0 and uitslag.attempted > 0


def test_analyseer_op_tijdlijnen() -> None:
    """The analyses run on a timeline model (issue 11; was RS008): the z3 analyses per stretch of the
    berekeningsjaar, the sweeps on the yearly total (tests/unit/analyses/tijdlijn/)."""
    map_ = Path(__file__).resolve().parents[2] / "golden" / "tijdlijnen"
    r = cli("analyseer", str(map_), "--rekendatum", "2024-07-01")
    assert r.code in (0, 1) and "RS008" not in r.uitvoer and "per stuk van het berekeningsjaar" in r.uitvoer, r.uitvoer


def test_simuleer_weigert_tijdlijnen_buiten_de_periode_as(tmp_path: Path) -> None:
    """A model with a bare period (or a timeline per dag) does not fit the period axis: simuleer says so
    (RS008). Timelines per maand/jaar do run (tests/e2e/test_simuleer_tijdlijn.py)."""
    import yaml

    root = Path(__file__).resolve().parents[3]
    data = yaml.safe_load((root / "simulaties" / "zorgtoeslag-2025.yaml").read_text("utf-8"))
    data["model"] = str(root / "tests" / "golden" / "tijdlijn-gedurende")
    data["populatie"]["mapping"] = str(root / "simulaties" / data["populatie"]["mapping"])
    data["resultaten"] = str(tmp_path / "resultaten")
    pad = tmp_path / "scenario.yaml"
    pad.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    r = cli("simuleer", str(pad))
    assert r.code == 2 and "Simulaties over tijdlijnen" in r.uitvoer, r.uitvoer

