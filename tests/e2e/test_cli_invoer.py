"""Bad input files: exit code 2 with a Dutch message naming file, line and field; never a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import cli

MODEL = "wetten/zorgtoeslag"
GOED = """rekendatum: 2025-07-01
objecten:
  carla:
    type: Natuurlijk persoon
    geboortedatum: 10-10-1960
    verzekerd: true
    toetsingsinkomen: 20000
  huishouden:
    type: Huishouden
feiten:
  - feittype: huishoudsamenstelling
    huishouden: huishouden
    lid: carla
"""


def fouten(tmp_path: Path, tekst: str, naam: str = "geval.yaml") -> list[dict[str, object]]:
    pad = tmp_path / naam
    pad.write_text(tekst, encoding="utf-8")
    r = cli("bereken", MODEL, "--gegevens", str(pad), "--formaat", "json")
    assert r.code == 2, r.uitvoer
    diags: list[dict[str, object]] = json.loads(r.stdout)["diagnostieken"]
    assert all(d["bestand"] == str(pad) for d in diags)
    return diags


def test_een_goed_geval_als_basis(tmp_path: Path, repo: Path) -> None:
    (tmp_path / "geval.yaml").write_text(GOED, encoding="utf-8")
    assert cli("bereken", MODEL, "--gegevens", str(tmp_path / "geval.yaml")).code == 0


def test_onbekend_attribuut_met_suggestie(tmp_path: Path, repo: Path) -> None:
    [d] = fouten(tmp_path, GOED.replace("toetsingsinkomen: 20000", "toetsingsinkomn: 20000"))
    assert (d["code"], d["regel"]) == ("RS902", 7)
    assert d["bericht"] == ("'toetsingsinkomn' is geen attribuut of kenmerk van Natuurlijk persoon. "
                            "(veld 'objecten.carla.toetsingsinkomn')")
    assert d["hulp"] == "Bedoelde u 'toetsingsinkomen'?"


@pytest.mark.parametrize(("vervang", "door", "regel", "tekst"), [
    ("toetsingsinkomen: 20000", "toetsingsinkomen: veel", 7, "Ongeldig getal 'veel'"),
    ("toetsingsinkomen: 20000", "toetsingsinkomen: 20000 jr", 7, "past niet bij '€'"),
    ("toetsingsinkomen: 20000", "toetsingsinkomen: '1,234'", 7, "meer dan 2 decimalen"),
    ("geboortedatum: 10-10-1960", "geboortedatum: 31-02-1960", 5, "bestaat niet"),
    ("verzekerd: true", "verzekerd: misschien", 6, "waar of onwaar"),
    ("type: Huishouden", "type: Huishoud", 9, "Onbekend objecttype 'Huishoud'"),
    ("lid: carla", "lid: karla", 13, "Object 'karla' bestaat niet"),
    ("huishouden: huishouden", "huishouden: carla", 12, "Object 'carla' is geen Huishouden"),
    ("feittype: huishoudsamenstelling", "feittype: huishouding", 11, "Onbekend feittype 'huishouding'"),
    ("    lid: carla", "    persoon: carla", 11, "Rol 'lid' ontbreekt"),
    ("rekendatum: 2025-07-01", "rekendatum: 2025-13-01", 1, "rekendatum"),
    ("rekendatum: 2025-07-01", "datum: 2025-07-01", 1, "Onbekend veld"),
])
def test_verkeerde_waarden(vervang: str, door: str, regel: int, tekst: str, tmp_path: Path, repo: Path) -> None:
    assert vervang in GOED
    diags = fouten(tmp_path, GOED.replace(vervang, door, 1))
    assert any(d["regel"] == regel and tekst in str(d["bericht"]) for d in diags), diags


def test_invoer_voor_een_afgeleid_attribuut(tmp_path: Path, repo: Path) -> None:
    [d] = fouten(tmp_path, GOED.replace("    type: Huishouden\n", "    type: Huishouden\n    zorgtoeslag: 100\n"))
    assert (d["code"], d["regel"]) == ("RS205", 10)
    assert "wordt door een regel afgeleid" in str(d["bericht"])


def test_invoer_voor_een_attribuut_dat_alleen_een_initialisatie_schrijft_mag(tmp_path: Path, repo: Path) -> None:
    pad = tmp_path / "geval.yaml"
    invoer = "    type: Huishouden\n    aantal maanden met aanspraak: 6\n"
    pad.write_text(GOED.replace("    type: Huishouden\n", invoer), encoding="utf-8")
    # the yearly zorgtoeslag model (test data): its 'aantal maanden met aanspraak' is an input with a default (an
    # Initialisatie only); the law model counts the months itself now (issue 11)
    r = cli("bereken", "tests/data/zorgtoeslag-jaarmodel/zorgtoeslag", "--gegevens", str(pad), "--formaat", "json")
    assert r.code == 0
    assert json.loads(r.stdout)["objecten"]["huishouden"]["attributen"]["aantal maanden met aanspraak"] == "6"


def test_onbekende_parameter(tmp_path: Path, repo: Path) -> None:
    [d] = fouten(tmp_path, GOED + "parameters:\n  de standardpremie: 5\n")
    assert d["regel"] == 15 and "Onbekende parameter 'de standardpremie'" in str(d["bericht"])


@pytest.mark.parametrize(("tekst", "regel", "bericht"), [
    # An unclosed '{' is reported where it opens (line 3), not at the end of the file.
    ("rekendatum: 2025-07-01\nobjecten:\n  a: {type: X\n", 3, "Ongeldige YAML/JSON"),
    ("rekendatum: 2025-07-01\nobjecten:\n\ta: 1\n", 3, "Ongeldige YAML/JSON"),
    ("", 1, "Bestand is leeg"),
    ("- 1\n- 2\n", 1, "Verwacht velden met een waarde"),
    ("objecten:\n  a: {type: Huishouden}\n", 1, "Rekendatum ontbreekt"),
    ("rekendatum: [1]\nobjecten: {}\n", 1, "Verwacht tekst of een datum"),
    ("rekendatum: 2025-01-01\nobjecten:\n  a: {x: 1}\n", 3, "Verplicht veld ontbreekt"),
    ("rekendatum: 2025-01-01\nobjecten: {}\nfeiten: 5\n", 3, "Verwacht een lijst"),
    ("!!python/object/apply:os.system ['echo hoi']\n", 1, "Ongeldige YAML/JSON"),
])
def test_onbruikbare_bestanden(tekst: str, regel: int, bericht: str, tmp_path: Path, repo: Path) -> None:
    diags = fouten(tmp_path, tekst)
    assert diags[0]["code"] == "RS901" and diags[0]["regel"] == regel
    assert bericht in str(diags[0]["bericht"])


def test_kapotte_yaml_in_het_nederlands_met_regel_en_kolom(tmp_path: Path, repo: Path) -> None:
    # PyYAML's own explanation ("mapping values are not allowed here") is English: it is translated,
    # and the caret stands under the offending ':' of line 3.
    pad = tmp_path / "geval.yaml"
    pad.write_text("rekendatum: 2025-07-01\nobjecten:\n  carla: type: Natuurlijk persoon\n", encoding="utf-8")
    r = cli("bereken", MODEL, "--gegevens", str(pad))
    assert r.code == 2
    assert f"{pad}:3:14" in r.uitvoer
    assert "Ongeldige YAML/JSON: hier mag geen ':' staan" in r.uitvoer
    assert "mapping values" not in r.uitvoer and "not allowed" not in r.uitvoer
    regels = r.uitvoer.splitlines()
    bron = next(i for i, x in enumerate(regels) if "|" in x and "carla: type:" in x)
    assert regels[bron + 1].index("^") == regels[bron].index("type:") + len("type")


def test_json_geval(tmp_path: Path, repo: Path) -> None:
    pad = tmp_path / "geval.json"
    pad.write_text(json.dumps({"rekendatum": "01-07-2025", "objecten": {
        "h": {"type": "het huishouden"}, "p": {"type": "natuurlijk persoon", "Het Toetsingsinkomen": "1.234,50",
                                              "verzekerd": True, "geboortedatum": "1980-01-01"}},
        "feiten": [{"feittype": "Huishoudsamenstelling", "het huishouden": "h", "lid": "p"}]}), encoding="utf-8")
    r = cli("bereken", MODEL, "--gegevens", str(pad), "--formaat", "json")
    assert r.code == 0, r.uitvoer
    assert json.loads(r.stdout)["objecten"]["p"]["attributen"]["toetsingsinkomen"] == "1234.5"


def test_ontbrekend_bestand_en_map(tmp_path: Path, repo: Path) -> None:
    r = cli("bereken", MODEL, "--gegevens", str(tmp_path / "bestaat-niet.yaml"))
    assert r.code == 2 and "het bestand bestaat niet" in r.uitvoer
    r = cli("bereken", MODEL, "--gegevens", str(tmp_path))
    assert r.code == 2 and "dit is een map" in r.uitvoer
    r = cli("bereken", str(tmp_path / "geen-model"), "--gegevens", str(tmp_path))
    assert r.code == 2 and "bestaat niet" in r.uitvoer


def test_kapot_parameterbestand(tmp_path: Path, repo: Path) -> None:
    doel = tmp_path / "zorgtoeslag"
    shutil.copytree(MODEL, doel, ignore=shutil.ignore_patterns("*.xml"))
    shutil.copytree(Path(MODEL).parent / "awir", doel.parent / "awir", ignore=shutil.ignore_patterns("*.xml"))
    params = doel / "parameters.yaml"
    params.write_text(params.read_text(encoding="utf-8").replace("standaardpremie:", "standardpremie:", 1),
                      encoding="utf-8")
    (tmp_path / "geval.yaml").write_text(GOED, encoding="utf-8")
    r = cli("bereken", str(doel), "--gegevens", str(tmp_path / "geval.yaml"), "--formaat", "json")
    assert r.code == 2
    [d] = json.loads(r.stdout)["diagnostieken"]
    assert d["bestand"] == str(params) and "Onbekende parameter 'standardpremie'" in d["bericht"]


@pytest.mark.parametrize("inhoud", [
    b"\x00\x01\x02", b"\xff\xfe\xfa",
    b"rekendatum: 2025-01-01\nobjecten: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]",
    b"rekendatum: 2025-01-01\nobjecten:\n  a: {type: Natuurlijk persoon, geboortedatum: 99999-01-01}\n",
    b"rekendatum: 2025-01-01\nobjecten:\n  a: {type: Natuurlijk persoon, toetsingsinkomen: 1e400}\n",
    b"rekendatum: 2025-01-01\nobjecten:\n  a: {type: Natuurlijk persoon, toetsingsinkomen: .nan}\n",
    b"rekendatum: 2025-01-01\nobjecten:\n  a: {type: 5}\n",
    b"rekendatum: 2025-01-01\nobjecten:\n  5: {type: Huishouden}\nfeiten:\n  - {feittype: huishoudsamenstelling, "
    b"huishouden: 5, lid: [1, 2]}\n",
    b"rekendatum: 2025-01-01\nobjecten: {}\nparameters: {standaardpremie: {a: 1}}\n",
])
def test_nooit_een_traceback(inhoud: bytes, tmp_path: Path, repo: Path) -> None:
    pad = tmp_path / "geval.yaml"
    pad.write_bytes(inhoud)
    for formaat in ("tekst", "json"):
        r = cli("bereken", MODEL, "--gegevens", str(pad), "--formaat", formaat)  # an exception fails the test
        assert r.code == 2, r.uitvoer
        assert "Traceback" not in r.uitvoer


def test_echte_opdrachtregel_geeft_geen_traceback(tmp_path: Path, repo: Path) -> None:
    pad = tmp_path / "geval.yaml"
    pad.write_text("rekendatum: 2025-07-01\nobjecten:\n  a: {type: Natuurlijk persoon, toetsingsinkomn: 5}\n",
                   encoding="utf-8")
    r = subprocess.run([sys.executable, "cli.py", "bereken", MODEL, "--gegevens", str(pad)], capture_output=True,
                       text=True, timeout=60, check=False)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr + r.stdout
    assert f"{pad}:3:" in r.stderr and "Bedoelde u 'toetsingsinkomen'?" in r.stderr
