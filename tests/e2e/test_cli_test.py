"""`regelspraak test`: example cases beside a model; readable diffs, exit 1 on failure, JUnit XML."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from xml.etree import ElementTree

from cli_helpers import cli


def test_zorgtoeslag_slaagt(repo: Path) -> None:
    r = cli("test", "wetten/zorgtoeslag", "--voorbeelden", "50")
    assert r.code == 0, r.uitvoer
    # 37 example cases (per calendar month, issue 11) and the 11 properties of eigenschappen.yaml
    assert "48 geslaagd, 0 gefaald" in r.stdout


def test_json(repo: Path) -> None:
    r = cli("test", "wetten/zorgtoeslag", "--formaat", "json", "--voorbeelden", "50")
    assert r.code == 0
    data = json.loads(r.stdout)
    assert (data["geslaagd"], data["gefaald"]) == (48, 0)
    assert all(g["geslaagd"] for g in data["gevallen"])


def test_junit_is_geldige_xml(repo: Path) -> None:
    r = cli("test", "wetten/zorgtoeslag", "--formaat", "junit", "--voorbeelden", "50")
    assert r.code == 0
    suite = ElementTree.fromstring(r.stdout.encode("utf-8"))
    assert suite.tag == "testsuite"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("48", "0", "0")
    cases = suite.findall("testcase")
    assert len(cases) == 48 and all(c.get("name") for c in cases)


def _kopie_met_fout(tmp_path: Path) -> Path:
    """A copy of the zorgtoeslag model whose first example case expects a wrong amount."""
    doel = tmp_path / "zorgtoeslag"
    shutil.copytree("wetten/zorgtoeslag", doel)
    shutil.copytree(Path("wetten/zorgtoeslag").parent / "awir", Path(doel).parent / "awir")  # model.yaml: bouwt_op
    geval = doel / "gevallen" / "01-alleenstaande-2024.yaml"
    tekst = geval.read_text(encoding="utf-8")
    assert 'zorgtoeslag: "1483"' in tekst
    geval.write_text(tekst.replace('zorgtoeslag: "1483"', 'zorgtoeslag: "1484"'), encoding="utf-8")
    return doel


def test_falend_geval_geeft_exitcode_1_en_een_leesbaar_verschil(tmp_path: Path, repo: Path) -> None:
    doel = _kopie_met_fout(tmp_path)
    r = cli("test", str(doel), "--voorbeelden", "50")
    assert r.code == 1
    assert "47 geslaagd, 1 gefaald" in r.stdout
    regel = next(x for x in r.stdout.splitlines() if "zorgtoeslag" in x and "1484" in x)
    assert "1483" in regel  # expected and found side by side
    junit = cli("test", str(doel), "--formaat", "junit", "--voorbeelden", "50")
    assert junit.code == 1
    suite = ElementTree.fromstring(junit.stdout.encode("utf-8"))
    assert suite.get("failures") == "1"
    [fout] = suite.iter("failure")
    assert "1484" in (fout.get("message") or "")


def test_onbruikbaar_geval_is_een_error_in_junit(tmp_path: Path, repo: Path) -> None:
    doel = tmp_path / "zorgtoeslag"
    shutil.copytree("wetten/zorgtoeslag", doel)
    shutil.copytree(Path("wetten/zorgtoeslag").parent / "awir", Path(doel).parent / "awir")  # model.yaml: bouwt_op
    (doel / "gevallen" / "99-kapot.yaml").write_text("naam: kapot\ngegevens: {objecten: {}}\nverwacht: {}\n",
                                                     encoding="utf-8")
    r = cli("test", str(doel), "--formaat", "junit", "--voorbeelden", "50")
    assert r.code == 1
    suite = ElementTree.fromstring(r.stdout.encode("utf-8"))
    assert suite.get("errors") == "1"
    [fout] = suite.iter("error")
    assert "rekendatum" in (fout.get("message") or "").lower()


def test_een_los_geval(repo: Path) -> None:
    r = cli("test", "wetten/zorgtoeslag/gevallen/01-alleenstaande-2024.yaml")
    assert r.code == 0
    assert "1 geslaagd, 0 gefaald" in r.stdout


def test_rekenfout_in_een_voorbeeldgeval_noemt_het_gevalbestand(tmp_path: Path, repo: Path) -> None:
    (tmp_path / "m.rgs").write_text("Objecttype de Deling\n\tde teller\tNumeriek (getal);\n\tde noemer\tNumeriek "
                                    "(getal);\n\thet quotiënt\tNumeriek (getal);\nRegel q\n\tgeldig altijd\n\t\tHet "
                                    "quotiënt van een Deling moet berekend worden als de teller van de Deling gedeeld "
                                    "door de noemer van de Deling.\n", encoding="utf-8")
    (tmp_path / "gevallen").mkdir()
    goed = tmp_path / "gevallen" / "a-goed.yaml"
    goed.write_text("naam: goed\ngegevens:\n  rekendatum: 2025-01-01\n  objecten:\n    e: {type: Deling, teller: 1, "
                    "noemer: 1}\nverwacht: {e: {quotiënt: 1}}\n", encoding="utf-8")
    nul = tmp_path / "gevallen" / "b-nul.yaml"
    nul.write_text("naam: nul\ngegevens:\n  rekendatum: 2025-01-01\n  objecten:\n    d: {type: Deling, teller: 1, "
                   "noemer: 0}\nverwacht: {}\n", encoding="utf-8")
    r = cli("test", str(tmp_path), "--formaat", "json")
    assert r.code == 1
    data = json.loads(r.stdout)
    assert (data["geslaagd"], data["gefaald"]) == (1, 1)
    [fout] = [g["fout"] for g in data["gevallen"] if g["fout"]]
    assert "RS206" in fout and fout.endswith(f"Geval: {nul}:5, object d.")
    junit = ElementTree.fromstring(cli("test", str(tmp_path), "--formaat", "junit").stdout.encode("utf-8"))
    [error] = junit.iter("error")
    assert f"Geval: {nul}:5, object d." in (error.get("message") or "")
