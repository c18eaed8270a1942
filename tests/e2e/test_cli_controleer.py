"""`regelspraak controleer`: exit 0 for a clean model, 1 with errors; text with caret, or JSON."""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import cli


def test_zorgtoeslag_is_foutloos_tekst(repo: Path) -> None:
    r = cli("controleer", "wetten/zorgtoeslag")
    assert r.code == 0, r.uitvoer
    assert "0 fout(en)" in r.uitvoer


def test_zorgtoeslag_is_foutloos_json(repo: Path) -> None:
    r = cli("controleer", "wetten/zorgtoeslag", "--formaat", "json")
    assert r.code == 0
    data = json.loads(r.stdout)
    assert data["fouten"] == 0
    assert all(d["ernst"] != "fout" for d in data["diagnostieken"])


def test_fout_met_code_plaats_en_caret(tmp_path: Path, repo: Path) -> None:
    model = tmp_path / "model.rgs"
    model.write_text("Objecttype de Persoon (bezield)\n\tde leeftijd\tNumeriek (geheel getal) met eenheid jr;\n"
                     "\tis volwassen\tkenmerk (bijvoeglijk);\nRegel volwassen\n\tgeldig altijd\n"
                     "\t\tEen Persoon is volwassen indien zijn leeftyd groter is dan 17 jr.\n", encoding="utf-8")
    r = cli("controleer", str(model), "--formaat", "json")
    assert r.code == 1
    [d] = json.loads(r.stdout)["diagnostieken"]
    assert (d["code"], d["regel"], d["kolom"], d["hulp"]) == ("RS101", 6, 35, "Bedoelde u 'leeftijd'?")
    tekst = cli("controleer", str(model))
    assert tekst.code == 1
    regels = tekst.uitvoer.splitlines()
    bron = next(i for i, x in enumerate(regels) if "zijn leeftyd" in x)
    # The caret line is under the offending words (TABs shown as four spaces).
    caret = regels[bron + 1]
    assert caret.index("^") == regels[bron].index("zijn leeftyd")


def test_meerdere_paden_en_een_ontbrekend_pad(tmp_path: Path, repo: Path) -> None:
    r = cli("controleer", "wetten/zorgtoeslag", str(tmp_path / "bestaat-niet"), "--formaat", "json")
    assert r.code == 1
    codes = [d["code"] for d in json.loads(r.stdout)["diagnostieken"] if d["ernst"] == "fout"]
    assert codes == ["RS001"]


def test_map_zonder_model(tmp_path: Path, repo: Path) -> None:
    r = cli("controleer", str(tmp_path))
    assert r.code == 1
    assert "geen .rgs-bestanden" in r.uitvoer


def test_regelnummer_en_getoonde_regel_bij_een_unicode_regelscheiding(tmp_path: Path, repo: Path) -> None:
    # U+2028 (a "line separator" that word processors put in pasted text) is no line end in an
    # editor: the diagnostic names line 6 and shows that line, with the caret under the name.
    model = tmp_path / "model.rgs"
    model.write_text("// Model\u2028met scheidingsteken\nObjecttype de Persoon\n"
                     "\tde leeftijd\tNumeriek (geheel getal) met eenheid jr;\nRegel r\n\tgeldig altijd\n"
                     "\t\tDe leeftijd van een Persoon moet berekend worden als de lengte van de Persoon.\n",
                     encoding="utf-8")
    r = cli("controleer", str(model))
    assert r.code == 1
    assert f"{model}:6:56" in r.uitvoer
    regels = r.uitvoer.splitlines()
    bron = next(i for i, x in enumerate(regels) if "|" in x and "de lengte" in x)
    assert regels[bron + 1].index("^") == regels[bron].index("de lengte")
