"""The bill across the toeslagen family (issue 13): `simulaties/voorstellen/toeslagen-een-afbouwpercentage`
gives the zorgtoeslag, huurtoeslag and kindgebonden budget one Awir afbouwpercentage (12%). `vergelijk`
shows the rules it changes per article, its effect per scheme on a small generated population, and
the combined marginal rate of every household template before and after."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from tests.e2e.cli_helpers import cli

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "wetten" / "toeslagen"
VOORSTEL = ROOT / "simulaties" / "voorstellen" / "toeslagen-een-afbouwpercentage"


def _scenario(tmp_path: Path, personen: int) -> Path:
    data = yaml.safe_load((ROOT / "simulaties" / "toeslagen-2025.yaml").read_text("utf-8"))
    data["model"] = str(TS)
    data["populatie"]["genereer"]["personen"] = personen
    data["populatie"]["mapping"] = str(ROOT / "simulaties" / "toeslagen-mapping.yaml")
    data.pop("resultaten")
    data.pop("armoedeval", None)
    pad = tmp_path / "toeslagen.yaml"
    pad.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    (tmp_path / "ijkpunten.yaml").write_text((ROOT / "simulaties" / "ijkpunten.yaml").read_text("utf-8"), "utf-8")
    return pad


@pytest.fixture(scope="module")
def vergelijking(tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    tmp = tmp_path_factory.mktemp("voorstel")
    r = cli("vergelijk", str(TS), str(VOORSTEL), "--alleen", "stapeling", "--scenario", str(_scenario(tmp, 2000)),
            "--formaat", "json")
    assert r.code == 0, r.uitvoer
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def test_the_rules_it_changes_are_shown_per_article(vergelijking: dict) -> None:  # type: ignore[type-arg]
    artikelen = {g["artikel"] for g in vergelijking["regels"]}
    assert {"artikel 2, derde lid, Wet op de zorgtoeslag", "artikel 19, tweede lid, Wet op de huurtoeslag",
            "artikel 2, zevende lid, Wet op het kindgebonden budget",
            "artikel 7, eerste lid, Algemene wet inkomensafhankelijke regelingen"} <= artikelen


def test_the_effect_per_scheme_on_the_population(vergelijking: dict) -> None:  # type: ignore[type-arg]
    u = vergelijking["impact"]["uitvoer"]
    assert {"zorgtoeslag", "huurtoeslag", "kindgebonden budget", "totale toeslagen"} <= set(u)
    # 12% instead of 13.7%: the zorgtoeslag tapers more slowly, nobody gets less of it.
    assert u["zorgtoeslag"]["verliezers"] == 0 and u["zorgtoeslag"]["winnaars"] > 0
    # 12% instead of 7.1%: the kindgebonden budget tapers faster above its threshold, nobody gets more.
    assert u["kindgebonden budget"]["winnaars"] == 0 and u["kindgebonden budget"]["verliezers"] > 0
    # The linear huurtoeslag runs on to higher incomes: more recipients.
    assert u["huurtoeslag"]["na"]["ontvangers"] >= u["huurtoeslag"]["voor"]["ontvangers"]


def test_the_combined_marginal_rates_before_and_after(vergelijking: dict) -> None:  # type: ignore[type-arg]
    rijen = {r["sjabloon"]: r for r in vergelijking["stapeling"]}
    assert len(rijen) == 12
    ouder = rijen["alleenstaande ouder, twee kinderen, huur 700"]
    voor, na = Fraction(ouder["voor"]["hoogste"]["tarief"]), Fraction(ouder["na"]["hoogste"]["tarief"])
    assert Fraction(45, 100) < voor < Fraction(50, 100)  # zorgtoeslag + huurtoeslag + kindgebonden budget today
    # Three toeslagen at 12% each: 36%, within the rounding noise of the €100 measuring width.
    assert abs(na - Fraction(36, 100)) <= Fraction(3, 100)
    assert set(ouder["na"]["hoogste"]["aandelen"]) == {"zorgtoeslag", "huurtoeslag", "kindgebonden budget"}
    assert ouder["voor"]["bereiken"] and not ouder["na"]["bereiken"]  # nothing above 40% any more
    # The €24 minimum (Awir art. 14 lid 5) stays: the household's cliffs stay, one per scheme.
    assert len(ouder["na"]["kliffen"]) == len(ouder["voor"]["kliffen"]) == 3


def test_the_text_shows_the_table_per_template(tmp_path: Path) -> None:
    r = cli("vergelijk", str(TS), str(VOORSTEL), "--alleen", "stapeling")
    assert r.code == 0, r.uitvoer
    assert "Gestapeld marginaal tarief per sjabloon" in r.stdout and "alleenstaande ouder, twee kinderen" in r.stdout
    assert "Traceback" not in r.uitvoer
