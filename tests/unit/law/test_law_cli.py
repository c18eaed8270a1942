"""`regelspraak wet PAD [--formaat tekst|json]`: outline, nested JSON, exit 2 on bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from law_bronnen import AKW, PW, WZT
from typer.testing import CliRunner

import regelspraak.cli.wet  # noqa: F401  (registers the command)
from regelspraak.cli.app import app


def roep(*args: str) -> Any:
    # With only this command registered, typer runs it without its name; with more, it needs it.
    groep = hasattr(typer.main.get_command(app), "commands")
    return CliRunner().invoke(app, ["wet", *args] if groep else list(args))


def test_json_boom_wzt() -> None:
    res = roep(str(WZT), "--formaat", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert (data["bwb"], data["citeertitel"], data["toestand"]) == ("BWBR0018451", "Wet op de zorgtoeslag",
                                                                  "2025-01-01")
    boom = data["boom"]
    assert boom["soort"] == "wet" and boom["id"] == "jci1.3:c:BWBR0018451"
    art2 = next(k for k in boom["kinderen"] if k["nummer"] == "2")
    lid3 = art2["kinderen"][2]
    assert {"id", "soort", "nummer", "tekst", "kinderen", "verwijzingen", "vervallen", "niet_in_werking",
            "bevat_afbeelding"} <= set(lid3)
    assert (lid3["id"], lid3["soort"], lid3["nummer"]) == ("jci1.3:c:BWBR0018451&artikel=2&lid=3", "lid", "3")
    art3 = next(k for k in boom["kinderen"] if k["nummer"] == "3")
    eerste = art3["kinderen"][0]["verwijzingen"][0]
    assert eerste == {"soort": "extref", "doel": "jci1.3:c:BWBR0018472&artikel=7", "bwb": "BWBR0018472",
                      "tekst": "artikel 7, derde lid, van de Algemene wet inkomensafhankelijke regelingen"}


def test_json_vlaggen_pw() -> None:
    data = json.loads(roep(str(PW), "--formaat", "json").stdout)

    def alle(n: dict[str, Any]) -> list[dict[str, Any]]:
        return [n, *(x for k in n["kinderen"] for x in alle(k))]

    knopen = alle(data["boom"])
    assert sum(1 for n in knopen if n["soort"] == "artikel") == 174
    assert [n["nummer"] for n in knopen if n["soort"] == "artikel" and n["bevat_afbeelding"]] == ["22a"]
    assert sum(1 for n in knopen if n["soort"] == "artikel" and n["vervallen"]) == 20


def test_tekst_overzicht() -> None:
    res = roep(str(WZT))
    assert res.exit_code == 0
    assert "Wet op de zorgtoeslag (BWBR0018451, toestand 2025-01-01)" in res.stdout
    assert "Artikel 4a" in res.stdout and "jci1.3:c:BWBR0018451&artikel=2&lid=3" in res.stdout


def test_tekst_waarschuwing_en_json_diagnostieken() -> None:
    res = roep(str(AKW))
    assert res.exit_code == 0 and "RS015" in res.output
    data = json.loads(roep(str(AKW), "--formaat", "json").stdout)
    assert [d["code"] for d in data["diagnostieken"]] == ["RS015"]


def test_slechte_invoer_exit_2_met_plek(tmp_path: Path) -> None:
    pad = tmp_path / "kapot.xml"
    pad.write_bytes(WZT.read_bytes()[:5000])
    res = roep(str(pad))
    assert res.exit_code == 2
    assert "RS011" in res.output and f"{pad}:" in res.output and "Traceback" not in res.output
    res = roep(str(pad), "--formaat", "json")
    assert res.exit_code == 2
    (d,) = json.loads(res.stdout)["diagnostieken"]
    assert (d["code"], d["bestand"], d["ernst"]) == ("RS011", str(pad), "fout") and d["regel"] > 1


def test_onbestaand_bestand_exit_2(tmp_path: Path) -> None:
    res = roep(str(tmp_path / "nergens.xml"))
    assert res.exit_code == 2 and "RS010" in res.output
