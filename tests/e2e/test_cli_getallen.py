"""The number rule (DESIGN.md "Input conventions") in every kind of input: case files, parameter files,
scenarios, mappings, analyse.yaml and CLI options. A number is never silently misread: "€ 40.000" and
the unquoted YAML 40.000 are refused (exit 2) with both readings; 1.000.000 and "40.000,00" are read
as written; unquoted numbers are read from their text, not through a float."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from cli_helpers import cli

from regelspraak.diagnostics import DiagnosticError
from regelspraak.inputs import analyse_yaml, yaml_source
from regelspraak.simulate import scenario

MODEL = "wetten/zorgtoeslag"
GEVAL = """rekendatum: 2025-07-01
objecten:
  carla:
    type: Natuurlijk persoon
    geboortedatum: 10-10-1960
    verzekerd: {verzekerd}
    toetsingsinkomen: {inkomen}
  huishouden:
    type: Huishouden
feiten:
  - feittype: huishoudsamenstelling
    huishouden: huishouden
    lid: carla
"""
BEIDE = ("40 als de punt een decimaalteken is", "40000 als de punt duizendtallen scheidt", "40.000,00")


def _bereken(tmp_path: Path, inkomen: str, verzekerd: str = "true") -> tuple[int, dict[str, object]]:
    pad = tmp_path / "geval.yaml"
    pad.write_text(GEVAL.format(inkomen=inkomen, verzekerd=verzekerd), encoding="utf-8")
    r = cli("bereken", MODEL, "--gegevens", str(pad), "--formaat", "json")
    return r.code, json.loads(r.stdout)


@pytest.mark.parametrize("inkomen", ['"€ 40.000"', "40.000", '"40.000"', '"40.000 €"', "-40.000"])
def test_dubbelzinnig_bedrag_in_een_geval_exit_2_met_beide_lezingen(tmp_path: Path, repo: Path,
                                                                    inkomen: str) -> None:
    code, data = _bereken(tmp_path, inkomen)
    assert code == 2
    [d] = data["diagnostieken"]  # type: ignore[misc]
    assert d["regel"] == 7 and all(b.replace("40", "-40", 1) in d["bericht"] or b in d["bericht"] for b in BEIDE)


def _zorgtoeslag(data: dict[str, object]) -> object:
    return json.dumps(data, sort_keys=True)


@pytest.mark.parametrize("inkomen", ["40000", '"40.000,00"', '"€ 40.000,00"', "40_000", '"40000"', "40000.00",
                                     '"40000 €"'])
def test_elke_eenduidige_schrijfwijze_geeft_hetzelfde(tmp_path: Path, repo: Path, inkomen: str) -> None:
    code, data = _bereken(tmp_path, inkomen)
    assert code == 0, data
    _, referentie = _bereken(tmp_path, "40000")
    assert data["objecten"] == referentie["objecten"]


@pytest.mark.parametrize(("waar", "onwaar"), [("waar", "onwaar"), ('"waar"', '"onwaar"'), ("true", "false"),
                                              ("ja", "nee")])
def test_waar_en_onwaar_als_waarheidswaarde(tmp_path: Path, repo: Path, waar: str, onwaar: str) -> None:
    code_w, met = _bereken(tmp_path, "20000", waar)
    code_o, zonder = _bereken(tmp_path, "20000", onwaar)
    assert (code_w, code_o) == (0, 0)
    assert met != zonder
    assert (met, zonder) == (_bereken(tmp_path, "20000", "true")[1], _bereken(tmp_path, "20000", "false")[1])


def test_parameter_in_een_geval_volgt_dezelfde_regel(tmp_path: Path, repo: Path) -> None:
    pad = tmp_path / "geval.yaml"
    tekst = GEVAL.format(inkomen="20000", verzekerd="true").replace(
        "objecten:", "parameters:\n  standaardpremie: 2.112\nobjecten:", 1)
    pad.write_text(tekst, encoding="utf-8")
    r = cli("bereken", MODEL, "--gegevens", str(pad), "--formaat", "json")
    assert r.code == 2 and "2112 als de punt duizendtallen scheidt" in r.stdout


def test_parameterbestand_volgt_dezelfde_regel(tmp_path: Path, repo: Path) -> None:
    import shutil
    model = tmp_path / "zt"
    shutil.copytree(MODEL, model)
    shutil.copytree(Path(MODEL).parent / "awir", Path(model).parent / "awir")  # model.yaml: bouwt_op
    p = model / "parameters.yaml"
    p.write_text(p.read_text("utf-8").replace("waarde: 2112", "waarde: \"€ 2.112\"", 1), encoding="utf-8")
    pad = tmp_path / "geval.yaml"
    pad.write_text(GEVAL.format(inkomen="20000", verzekerd="true"), encoding="utf-8")
    r = cli("bereken", str(model), "--gegevens", str(pad), "--formaat", "json")
    assert r.code == 2 and "'€ 2.112' is dubbelzinnig" in r.stdout


def _yaml(tmp_path: Path, tekst: str) -> yaml_source.Source:
    pad = tmp_path / "x.yaml"
    pad.write_text(tekst, encoding="utf-8")
    return yaml_source.read(pad)


def test_yaml_getallen_exact_uit_hun_tekst(tmp_path: Path) -> None:
    data = _yaml(tmp_path, "a: 1573.42\nb: 0.1\nc: 017\nd: 1:30\ne: 1.000.000\nf: 12.3360\n").data
    assert data == {"a": Decimal("1573.42"), "b": Decimal("0.1"), "c": 17, "d": "1:30", "e": "1.000.000",
                    "f": Decimal("12.3360")}
    assert type(data["a"]) is Decimal  # not the float 1573.42000000000007...


def test_onaangehaald_dubbelzinnig_getal_met_regel_en_kolom(tmp_path: Path) -> None:
    with pytest.raises(DiagnosticError) as e:
        _yaml(tmp_path, "naam: x\nbedrag:  40.000\n")
    [d] = e.value.diagnostics
    assert d.herkomst is not None and (d.herkomst.span.regel, d.herkomst.span.kolom) == (2, 10)
    assert all(b in d.bericht for b in BEIDE)


SCENARIO = """naam: t
model: {model}
rekendatum: 2025-07-01
populatie:
  genereer: {{personen: {personen}, seed: 1}}
  mapping: {mapping}
uitvoer:
  - {{objecttype: Huishouden, attribuut: zorgtoeslag}}
"""


@pytest.mark.parametrize(("personen", "verwacht"), [("1.000.000", 1_000_000), ('"1.000.000"', 1_000_000),
                                                    ("1000000", 1_000_000), ('"2.500.000"', 2_500_000)])
def test_scenario_personen_met_punten(tmp_path: Path, personen: str, verwacht: int) -> None:
    pad = tmp_path / "s.yaml"
    pad.write_text(SCENARIO.format(model="m", mapping="k.yaml", personen=personen), encoding="utf-8")
    s = scenario.read(pad)
    assert s.bestand.populatie.genereer is not None and s.bestand.populatie.genereer.personen == verwacht


@pytest.mark.parametrize("personen", ["40.000", '"40.000"', "1000.5", '"veel"'])
def test_scenario_personen_geweigerd(tmp_path: Path, personen: str) -> None:
    pad = tmp_path / "s.yaml"
    pad.write_text(SCENARIO.format(model="m", mapping="k.yaml", personen=personen), encoding="utf-8")
    with pytest.raises(DiagnosticError) as e:
        scenario.read(pad)
    [d] = e.value.diagnostics
    assert d.herkomst is not None and d.herkomst.span.regel == 5
    assert "40000" in d.bericht or "geheel getal" in d.bericht or "geen getal" in d.bericht


def test_analysebestand_controleerbaarheid_met_komma(tmp_path: Path) -> None:
    pad = tmp_path / "analyse.yaml"
    pad.write_text("invoer:\n  - {objecttype: P, naam: x, herkomst: aangifte, controleerbaarheid: \"0,25\"}\n",
                   encoding="utf-8")
    bestand, _ = analyse_yaml.read(pad)
    assert bestand.invoer[0].controleerbaarheid == 0.25


def test_mapping_aandeel_dubbelzinnig(tmp_path: Path, repo: Path) -> None:
    from regelspraak.model import folder
    from regelspraak.model.from_syntax import load_model
    from regelspraak.simulate.mapping import lees_mapping

    model, _ = load_model(list(folder.find(Path("wetten/aow")).rgs))
    tekst = Path("simulaties/aow-mapping.yaml").read_text("utf-8")
    assert "aandeel: 0.74" in tekst
    pad = tmp_path / "k.yaml"
    pad.write_text(tekst.replace("aandeel: 0.74", "aandeel: 100.000"), encoding="utf-8")
    with pytest.raises(DiagnosticError) as e:
        lees_mapping(pad, model)
    assert "100000 als de punt duizendtallen scheidt" in e.value.diagnostics[0].bericht


@pytest.mark.parametrize(("args", "tekst"), [
    (["populatie", "--personen", "40.000"], "40000 als de punt duizendtallen scheidt"),
    (["populatie", "--personen", "veel"], "'veel': geen getal"),
    (["populatie", "--personen", "2000", "--seed", "1,5"], "verwacht een geheel getal"),
    (["populatie", "--personen", "2000", "--seed", "1", "--tolerantie", "nan"], "geen getal"),
    (["dekking", MODEL, "--minimaal", "abc"], "'abc': geen getal"),
    (["dekking", MODEL, "--minimaal", "8.000"], "8000 als de punt duizendtallen scheidt"),
    (["analyseer", MODEL, "--budget", "nan"], "'nan': geen getal"),
    (["analyseer", MODEL, "--budget", "0"], "positief aantal seconden"),
    (["vergelijk", MODEL, MODEL, "--budget", "-1"], "positief aantal seconden"),
])
def test_getalopties_exit_2_met_nederlandse_melding(repo: Path, args: list[str], tekst: str) -> None:
    if args[0] == "populatie":
        args = [*args[:1], "--model", MODEL, "--mapping", "simulaties/zorgtoeslag-mapping.yaml", "--uit", "/nergens",
                *args[1:]]
        if "--seed" not in args:
            args += ["--seed", "1"]
    r = cli(*args)
    assert r.code == 2, r.uitvoer
    assert tekst in " ".join(r.uitvoer.replace("│", " ").split())


def test_dekking_minimaal_met_procentteken_en_komma(repo: Path) -> None:
    # wetten/aow covers 90.9% of its leden (the zorgtoeslag model now covers all of them).
    assert cli("dekking", "wetten/aow", "--minimaal", "50%").code == 0
    assert cli("dekking", "wetten/aow", "--minimaal", "99,5").code == 1


def test_scenario_klassengrenzen_volgen_de_regel(tmp_path: Path) -> None:
    basis = SCENARIO.format(model="m", mapping="k.yaml", personen="2000")
    groep = "groeperingen:\n  - {{naam: g, objecttype: H, attribuut: i, soort: klassen, grenzen: [{g}]}}\n"
    pad = tmp_path / "s.yaml"
    pad.write_text(basis + groep.format(g='"20.000,00", 40000, 1.000.000, "1573,5"'), encoding="utf-8")
    assert scenario.read(pad).bestand.groeperingen[0].grenzen == [20000, 40000, 1_000_000, Fraction("1573.5")]
    pad.write_text(basis + groep.format(g='"20.000"'), encoding="utf-8")
    with pytest.raises(DiagnosticError) as e:
        scenario.read(pad)
    assert "20000 als de punt duizendtallen scheidt" in e.value.diagnostics[0].bericht


@pytest.mark.parametrize(("drempel", "tekst"), [("inkomen=39.719", "39719 als de punt duizendtallen scheidt"),
                                                ("inkomen=veel", "geen getal"), ("lengte=3", "Ongeldige drempel")])
def test_scenario_drempels_gelezen_bij_het_inlezen(tmp_path: Path, drempel: str, tekst: str) -> None:
    pad = tmp_path / "s.yaml"
    s = SCENARIO.format(model="m", mapping="k.yaml", personen="2000").replace(
        "seed: 1}", f"seed: 1, drempels: ['{drempel}']}}")
    pad.write_text(s, encoding="utf-8")
    with pytest.raises(DiagnosticError) as e:
        scenario.read(pad)
    [d] = e.value.diagnostics
    assert tekst in d.bericht and d.herkomst is not None and d.herkomst.span.regel == 5
