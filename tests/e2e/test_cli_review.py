"""What a demanding first-time user met (review of December 2026), each reproduced before the fix."""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import cli

ZT = "wetten/zorgtoeslag"
VOORBEELD = "wetten/zorgtoeslag/gevallen/01-alleenstaande-2024.yaml"


def test_bereken_reads_an_example_case_file(repo: Path) -> None:
    # The gevallen/ files are what a user has at hand; `bereken` used to refuse them with six
    # "Onbekend veld" errors (naam, afleiding, gegevens, ...) instead of computing the case.
    r = cli("bereken", ZT, "--gegevens", VOORBEELD, "--formaat", "json")
    assert r.code == 0, r.uitvoer
    assert json.loads(r.stdout)["objecten"]["huishouden_anna"]["attributen"]["zorgtoeslag"] == "1483"


def test_bereken_example_case_error_names_the_field_under_gegevens(repo: Path, tmp_path: Path) -> None:
    tekst = Path(VOORBEELD).read_text("utf-8").replace("toetsingsinkomen: 25000", "toetsingsinkomn: 25000")
    (tmp_path / "g.yaml").write_text(tekst, "utf-8")
    r = cli("bereken", ZT, "--gegevens", str(tmp_path / "g.yaml"))
    assert r.code == 2, r.uitvoer
    regel = next(i for i, t in enumerate(tekst.splitlines(), 1) if "toetsingsinkomn: 25000" in t)
    assert "gegevens.objecten.anna.toetsingsinkomn" in r.uitvoer and f"g.yaml:{regel}:" in r.uitvoer, r.uitvoer


def _scenario(tmp_path: Path, repo: Path, oud: str, nieuw: str) -> Path:
    tekst = (repo / "simulaties/zorgtoeslag-2025.yaml").read_text("utf-8")
    tekst = tekst.replace("../wetten", str(repo / "wetten")).replace(
        "zorgtoeslag-mapping.yaml", str(repo / "simulaties/zorgtoeslag-mapping.yaml"))
    assert oud in tekst
    pad = tmp_path / "s.yaml"
    pad.write_text(tekst.replace(oud, nieuw).replace("../resultaten", str(tmp_path / "res")), "utf-8")
    return pad


def test_a_number_error_ends_in_one_full_stop(repo: Path, tmp_path: Path) -> None:
    r = cli("simuleer", str(_scenario(tmp_path, repo, "personen: 1000000", "personen: veel")))
    assert r.code == 2, r.uitvoer
    assert "'veel': geen getal. (veld 'populatie.genereer.personen')" in r.uitvoer, r.uitvoer


def test_vergelijk_refuses_a_single_rgs_file_as_current_law(repo: Path) -> None:
    # It used to compare the file against the folder and report every rule as "nieuw" (exit 0).
    r = cli("vergelijk", "wetten/zorgtoeslag/zorgtoeslag.rgs", "wetten/zorgtoeslag")
    assert r.code == 2, r.uitvoer
    assert "modelmap" in r.uitvoer and "zorgtoeslag.rgs" in r.uitvoer, r.uitvoer


def test_vergelijk_refuses_a_single_rgs_file_as_bill(repo: Path) -> None:
    # It used to read the .rgs file as YAML ("een tab kan hier niet staan").
    r = cli("vergelijk", "wetten/zorgtoeslag", "wetten/zorgtoeslag/zorgtoeslag.rgs")
    assert r.code == 2, r.uitvoer
    assert "YAML" not in r.uitvoer and "voorstel.yaml" in r.uitvoer, r.uitvoer


def test_vergelijk_names_a_missing_bill(repo: Path, tmp_path: Path) -> None:
    r = cli("vergelijk", "wetten/zorgtoeslag", str(tmp_path / "bestaat-niet"))
    assert r.code == 2, r.uitvoer
    assert "bestaat niet" in r.uitvoer, r.uitvoer


def test_test_writes_nothing_into_the_model_folder_unless_asked(tmp_path: Path) -> None:
    from test_cli_eigenschappen import _model

    m = _model(tmp_path / "m")
    voor = sorted(p.name for p in m.rglob("*"))
    r = cli("test", str(m), "--voorbeelden", "100")
    assert r.code == 1, r.uitvoer
    assert sorted(p.name for p in m.rglob("*")) == voor  # no tegenvoorbeelden/ written unasked
    # The counterexample is still shown, with how to keep it.
    assert "geval: {" in r.stdout and '"huur": "800.01"' in r.stdout and "--bewaar" in r.stdout, r.stdout


def _zonder_analyse(map_: Path) -> Path:
    from test_cli_eigenschappen import _model

    m = _model(map_)
    (m / "analyse.yaml").unlink()
    (m / "eigenschappen.yaml").unlink()
    return m


def test_analyseer_takes_the_rekendatum_of_an_example_case_not_today(tmp_path: Path) -> None:
    # Without a template in analyse.yaml the rekendatum was today's date: the findings (and their
    # ids, which --basis compares) changed from one day to the next on an unchanged model.
    m = _zonder_analyse(tmp_path / "m")
    (m / "gevallen").mkdir()
    (m / "gevallen" / "a.yaml").write_text(
        "naam: a\ngegevens:\n  rekendatum: 2024-03-01\n  objecten: {p: {type: Persoon}}\nverwacht: {}\n", "utf-8")
    r = cli("analyseer", str(m), "--alleen", "conflicten", "--formaat", "json")
    assert r.code in (0, 1), r.uitvoer
    data = json.loads(r.stdout)
    assert data["rekendatum"] == "2024-03-01" and data["rekendatum_herkomst"].endswith("a.yaml"), r.stdout
    assert "Let op" not in r.uitvoer, r.uitvoer


def test_analyseer_says_when_it_computes_on_today(tmp_path: Path) -> None:
    m = _zonder_analyse(tmp_path / "m")
    r = cli("analyseer", str(m), "--alleen", "conflicten")
    assert r.code in (0, 1), r.uitvoer
    assert "de datum van vandaag" in r.uitvoer and "--rekendatum" in r.uitvoer, r.uitvoer


def test_analyseer_says_the_counterexample_file_must_be_saved_first(repo: Path) -> None:
    # "narekenen: … --gegevens tegenvoorbeeld-<id>.json" named a file that nobody had written.
    r = cli("analyseer", ZT, "--alleen", "sprong_en_klif")
    assert r.code == 1, r.uitvoer
    assert "geval (bewaar als tegenvoorbeeld-" in r.stdout and "--tegenvoorbeelden MAP" in r.stdout, r.stdout


def test_monthly_values_without_a_year_are_explained(repo: Path, tmp_path: Path) -> None:
    # "inkomen: [1, …, 11]" used to get "Verwacht een stuk {vanaf, tot, waarde}" (veld …inkomen.0).
    (tmp_path / "g.yaml").write_text("rekendatum: 2025-07-01\nobjecten:\n  p:\n    type: Persoon\n"
                                     "    inkomen: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]\n", "utf-8")
    r = cli("bereken", "simulaties/voorbeelden/maandtoeslag", "--gegevens", str(tmp_path / "g.yaml"))
    assert r.code == 2, r.uitvoer
    assert "11 maandwaarden zonder jaar" in r.uitvoer and "{2025: [" in r.uitvoer and "g.yaml:5" in r.uitvoer, r.uitvoer


def test_analyseer_basis_that_is_no_result_gets_a_dutch_message(repo: Path, tmp_path: Path) -> None:
    diep = tmp_path / "diep.json"
    diep.write_text("[" * 100_000 + "]" * 100_000, "utf-8")  # was RecursionError: an internal error, exit 3
    kapot = tmp_path / "kapot.json"
    kapot.write_text('{"bevindingen": [\n  {"id": 1},\n  nope]}', "utf-8")  # was json's English "Expecting value"
    leeg = tmp_path / "leeg.json"
    leeg.write_text('{"x": 1}', "utf-8")  # was "…: 'bevindingen'."
    for pad, woorden in ((diep, "te diep genest"), (kapot, "geen geldige JSON"), (leeg, "geen lijst 'bevindingen'")):
        r = cli("analyseer", ZT, "--basis", str(pad), "--alleen", "conflicten")
        assert r.code == 2, r.uitvoer
        assert woorden in r.uitvoer and "Expecting" not in r.uitvoer, r.uitvoer
    # the full analyses of the monthly zorgtoeslag (under 10 s since their z3 questions stop at their limits)
    assert "kapot.json:3:3" in cli("analyseer", ZT, "--basis", str(kapot)).uitvoer


def test_a_binary_file_is_named_without_echoing_its_bytes(repo: Path, tmp_path: Path) -> None:
    pad = tmp_path / "g.yaml"
    pad.write_bytes(bytes(range(128, 256)) * 20)
    r = cli("bereken", ZT, "--gegevens", str(pad))
    assert r.code == 2, r.uitvoer
    assert "geen geldige UTF-8-tekst" in r.uitvoer and "\ufffd" not in r.uitvoer, r.uitvoer


def test_the_caret_stands_under_the_field_not_in_column_1(repo: Path, tmp_path: Path) -> None:
    (tmp_path / "g.yaml").write_text("rekendatum: 2025-07-01\nobjecten:\n  anna:\n    type: Natuurlijk persoon\n"
                                     "    toetsingsinkomn: 25000\n", "utf-8")
    r = cli("bereken", ZT, "--gegevens", str(tmp_path / "g.yaml"))
    assert r.code == 2, r.uitvoer
    assert "g.yaml:5:5" in r.uitvoer and "\n   |     ^" in r.uitvoer, r.uitvoer


def test_a_wrong_parameter_in_a_bill_names_its_own_line(repo: Path, tmp_path: Path) -> None:
    # It named the line of `parameters:` (6), whatever parameter or value was wrong.
    tekst = (repo / "simulaties/voorstellen/vermogensgrens-hoger/voorstel.yaml").read_text("utf-8")
    tekst = tekst.replace("../../../wetten", str(repo / "wetten"))
    (tmp_path / "v").mkdir()
    (tmp_path / "v" / "voorstel.yaml").write_text(tekst.replace("met partner:", "met partnr:"), "utf-8")
    r = cli("vergelijk", ZT, str(tmp_path / "v"))
    assert r.code == 2, r.uitvoer
    assert "voorstel.yaml:10:1" in r.uitvoer and "partnr" in r.uitvoer, r.uitvoer
    (tmp_path / "v" / "voorstel.yaml").write_text(tekst.replace("waarde: 250000", "waarde: veel"), "utf-8")
    r = cli("vergelijk", ZT, str(tmp_path / "v"))
    assert r.code == 2 and "voorstel.yaml:11:1" in r.uitvoer, r.uitvoer
