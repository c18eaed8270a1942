"""`regelspraak bereken`: one case, text or JSON, with the derivation and its article references."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from cli_helpers import cli

MODEL = "wetten/zorgtoeslag"
PAAR = "wetten/zorgtoeslag/voorbeelden/paar-2025.yaml"


def test_bereken_json(repo: Path) -> None:
    r = cli("bereken", MODEL, "--gegevens", PAAR, "--formaat", "json")
    assert r.code == 0, r.uitvoer
    data = json.loads(r.stdout)
    assert data["rekendatum"] == "2025-07-01"
    assert data["inconsistenties"] == []
    h = data["objecten"]["huishouden"]
    assert h["type"] == "Huishouden"
    # Exact decimal strings with a '.', leeg as null, kenmerken as booleans.
    assert h["attributen"]["gezamenlijke toetsingsinkomen"] == "24321.09"
    assert h["kenmerken"]["aanspraak op zorgtoeslag"] is True
    assert data["objecten"]["carla"]["attributen"]["rendementsgrondslag"] is None
    assert "uitleg" not in data


def test_uitleg_json_noemt_regel_versie_en_artikel(repo: Path) -> None:
    r = cli("bereken", MODEL, "--gegevens", PAAR, "--uitleg", "--formaat", "json")
    assert r.code == 0
    uitleg = json.loads(r.stdout)["uitleg"]
    zt = uitleg["huishouden"]["zorgtoeslag"]
    assert zt["regel"] == "zorgtoeslag" and zt["versie"] == "geldig vanaf 01-01-2024"
    assert zt["bron"]["citaat"] == "artikel 14, vijfde lid, Algemene wet inkomensafhankelijke regelingen"
    assert zt["bron"]["juriconnect"] == ["jci1.3:c:BWBR0018472&artikel=14&lid=5"]

    def citaten(node: dict[str, object], gezien: set[tuple[str, str]]) -> set[str]:
        """Every bron citation in the derivation tree below `node`, recursively. A value per calendar month
        (wetten/zorgtoeslag, art. 2 lid 5 Wzt) names what it read per stretch; that value's own derivation is
        its entry in the uitleg of its object."""
        out: set[str] = set()
        bron = node.get("bron")
        if isinstance(bron, dict):
            out.add(str(bron["citaat"]))
        kinderen = list(node.get("invoer", []))  # type: ignore[call-overload]
        for stuk in node.get("stukken", []):  # type: ignore[attr-defined]
            kinderen += stuk.get("invoer", [])
        for kind in kinderen:
            sleutel = (str(kind.get("object")), str(kind.get("naam")))
            if "bron" not in kind and sleutel[1] in uitleg.get(sleutel[0], {}) and sleutel not in gezien:
                gezien.add(sleutel)
                kind = uitleg[sleutel[0]][sleutel[1]]
            out |= citaten(kind, gezien)
        return out

    # The inputs are explained recursively, each with its article.
    gevonden = citaten(zt, set())
    assert any("artikel 2, derde lid, Wet op de zorgtoeslag" in c for c in gevonden)
    assert any("artikel 1, eerste lid, onderdeel c, Wet op de zorgtoeslag" in c for c in gevonden)


def test_uitleg_tekst_toont_artikelen(repo: Path) -> None:
    r = cli("bereken", MODEL, "--gegevens", PAAR, "--uitleg")
    assert r.code == 0
    assert "zorgtoeslag van huishouden = " in r.stdout
    assert "artikel 14, vijfde lid, Algemene wet inkomensafhankelijke regelingen" in r.stdout
    assert "artikel 1, eerste lid, onderdeel c, Wet op de zorgtoeslag" in r.stdout
    assert "(invoer)" in r.stdout


def test_rekendatum_optie_gaat_voor_het_geval(repo: Path) -> None:
    r = cli("bereken", MODEL, "--gegevens", PAAR, "--rekendatum", "01-07-2024", "--formaat", "json")
    assert r.code == 0
    assert json.loads(r.stdout)["rekendatum"] == "2024-07-01"


def test_inconsistent_geeft_exitcode_1(tmp_path: Path, repo: Path) -> None:
    # The 'gegevens' of an example case with three members (see its own derivation) as a case file.
    voorbeeld = yaml.safe_load(Path("wetten/zorgtoeslag/gevallen/19-inconsistent-drie-leden.yaml").read_text("utf-8"))
    geval = tmp_path / "geval.yaml"
    geval.write_text(yaml.safe_dump(voorbeeld["gegevens"], allow_unicode=True), encoding="utf-8")
    r = cli("bereken", MODEL, "--gegevens", str(geval), "--formaat", "json")
    assert r.code == 1
    assert [i["object"] for i in json.loads(r.stdout)["inconsistenties"]] == ["huishouden_drie"]
    tekst = cli("bereken", MODEL, "--gegevens", str(geval))
    assert tekst.code == 1 and "Inconsistent" in tekst.stdout


def test_ongeldige_rekendatum_optie(repo: Path) -> None:
    r = cli("bereken", MODEL, "--gegevens", PAAR, "--rekendatum", "31-02-2025")
    assert r.code == 2
    assert "--rekendatum" in r.uitvoer


def test_rekenfout_geeft_exitcode_2_met_regel_en_object(tmp_path: Path, repo: Path) -> None:
    (tmp_path / "m.rgs").write_text("Objecttype de Deling\n\tde teller\tNumeriek (getal);\n\tde noemer\tNumeriek "
                                    "(getal);\n\thet quotiënt\tNumeriek (getal);\nRegel q\n\tgeldig altijd\n\t\tHet "
                                    "quotiënt van een Deling moet berekend worden als de teller van de Deling gedeeld "
                                    "door de noemer van de Deling.\n", encoding="utf-8")
    (tmp_path / "g.yaml").write_text("rekendatum: 2025-01-01\nobjecten:\n  d: {type: Deling, teller: 1, noemer: 0}\n",
                                     encoding="utf-8")
    r = cli("bereken", str(tmp_path), "--gegevens", str(tmp_path / "g.yaml"), "--formaat", "json")
    assert r.code == 2
    [d] = json.loads(r.stdout)["diagnostieken"]
    assert d["code"] == "RS206" and "voor d" in d["bericht"] and "Deling door nul" in d["bericht"]


def test_rekenfout_noemt_het_gevalbestand_en_het_object(tmp_path: Path, repo: Path) -> None:
    # In a folder of cases the rule alone does not say which case failed: the message names the
    # case file, the line of the object in it, and the object.
    (tmp_path / "m.rgs").write_text("Objecttype de Deling\n\tde teller\tNumeriek (getal);\n\tde noemer\tNumeriek "
                                    "(getal);\n\thet quotiënt\tNumeriek (getal);\nRegel q\n\tgeldig altijd\n\t\tHet "
                                    "quotiënt van een Deling moet berekend worden als de teller van de Deling gedeeld "
                                    "door de noemer van de Deling.\n", encoding="utf-8")
    geval = tmp_path / "g.yaml"
    geval.write_text("rekendatum: 2025-01-01\nobjecten:\n  e: {type: Deling, teller: 1, noemer: 1}\n"
                     "  d: {type: Deling, teller: 1, noemer: 0}\n", encoding="utf-8")
    r = cli("bereken", str(tmp_path), "--gegevens", str(geval), "--formaat", "json")
    assert r.code == 2
    [d] = json.loads(r.stdout)["diagnostieken"]
    assert d["bericht"].endswith(f"Deling door nul (1 gedeeld door 0). Geval: {geval}:4, object d.")
    assert (d["bestand"], d["regel"]) == (str(tmp_path / "m.rgs"), 7)  # the rule, where the caret goes
    tekst = cli("bereken", str(tmp_path), "--gegevens", str(geval))
    assert tekst.code == 2 and f"Geval: {geval}:4, object d." in tekst.uitvoer and "Traceback" not in tekst.uitvoer


def test_model_met_fouten_wordt_niet_berekend(tmp_path: Path, repo: Path) -> None:
    (tmp_path / "m.rgs").write_text("Objecttype de X\n\tde a\tNumeriek;\n", encoding="utf-8")
    r = cli("bereken", str(tmp_path), "--gegevens", PAAR)
    assert r.code == 2
    assert "RS003" in r.uitvoer
