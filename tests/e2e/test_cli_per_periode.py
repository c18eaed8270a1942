"""Issue 11 (per-period results): every total says its period, derived from the output's unit, and
`--per jaar` converts it exactly on simuleer and vergelijk, in text, JSON and HTML. The AOW leefvorm
bill once reported "budgeteffect −€ 63.399.412 (in de eenheid van de uitvoer)" for an amount per maand."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pyarrow.dataset as ds
from test_cli_simuleer_vergelijk import _scenario
from typer.testing import CliRunner

from regelspraak.bill import apply
from regelspraak.cli import app
from regelspraak.simulate import compare
from regelspraak.simulate import scenario as scen

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()
PENSIOEN = "bruto ouderdomspensioen per maand"


def _met_ijkpunten(pad: Path) -> Path:
    (pad.parent / "ijkpunten.yaml").write_bytes((ROOT / "simulaties" / "ijkpunten.yaml").read_bytes())
    return pad


def _json(args: list[str]) -> dict[str, object]:
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.stdout
    s: dict[str, object] = json.loads(r.stdout)
    s.pop("duur_s")
    s.pop("fasen_cpu_s", None)
    return s


def test_simuleer_per_jaar_converts_monthly_totals_exactly(tmp_path: Path) -> None:
    sc = _met_ijkpunten(_scenario(tmp_path / "m", "aow-2025.yaml", personen=20_000))
    maand = _json(["simuleer", str(sc), "--formaat", "json"])
    sj = _met_ijkpunten(_scenario(tmp_path / "j", "aow-2025.yaml", personen=20_000))
    jaar = _json(["simuleer", str(sj), "--formaat", "json", "--per", "jaar"])
    m, j = maand["uitvoer"][PENSIOEN], jaar["uitvoer"][PENSIOEN]  # type: ignore[index]
    assert (m["periode"], m["eenheid"]) == ("per maand", "€/mnd") and "omgerekend_van" not in m
    assert (j["periode"], j["omgerekend_van"], j["factor"]) == ("per jaar", "per maand", "12")
    # exact: 12 x the exact monthly total, rounded once (the results folder holds every amount)
    rijen = ds.dataset(tmp_path / "m" / "resultaten" / "Natuurlijk persoon").to_table()
    exact = sum((Fraction(Decimal(str(w))) * Fraction(Decimal(v)) for w, v in zip(
        rijen.column("gewicht").to_pylist(), rijen.column(PENSIOEN).to_pylist(), strict=True) if v is not None),
        Fraction(0))
    assert int(m["totaal"]) == round(exact) and int(j["totaal"]) == round(12 * exact)
    for gm, gj in zip(m["groepen"]["leefvorm"], j["groepen"]["leefvorm"], strict=True):
        assert abs(int(gj["totaal"]) - 12 * int(gm["totaal"])) <= 6 and gj["ontvangers"] == gm["ontvangers"]
    # the published yearly figure is compared once, whichever way the totals were asked for
    vm = {v["naam"]: v for v in maand["ijkpunten"]["vergelijkingen"]}  # type: ignore[index]
    vj = {v["naam"]: v for v in jaar["ijkpunten"]["vergelijkingen"]}  # type: ignore[index]
    uitgaven = next(n for n, v in vm.items() if v["maat"] == "totaal")
    assert abs(int(vm[uitgaven]["model"]) - int(vj[uitgaven]["model"])) <= 12 and vj[uitgaven]["periode"] == "per jaar"


def test_simuleer_text_labels_and_plain_euro_is_per_year(tmp_path: Path) -> None:
    r = runner.invoke(app, ["simuleer", str(_scenario(tmp_path / "a", "aow-2025.yaml", personen=5_000)),
                            "--per", "jaar"])
    assert r.exit_code == 0, r.stdout
    assert "per jaar (omgerekend van per maand, × 12)" in " ".join(r.stdout.split())
    z = _json(["simuleer", str(_scenario(tmp_path / "z", personen=5_000)), "--formaat", "json", "--per", "maand"])
    u = z["uitvoer"]["zorgtoeslag"]  # type: ignore[index]
    assert (u["eenheid"], u["periode"], u["omgerekend_van"], u["factor"]) == ("€", "per maand", "per jaar", "1/12")


def test_bad_period_is_exit_2(tmp_path: Path) -> None:
    r = runner.invoke(app, ["simuleer", str(_scenario(tmp_path, personen=5_000)), "--per", "week"])
    assert r.exit_code == 2 and "verwacht jaar of maand" in r.stderr


def test_vergelijk_impact_per_jaar_is_twelve_times_the_month(tmp_path: Path) -> None:
    """The impact of the AOW leefvorm bill, per maand and per jaar, on the same population (no analyses)."""
    pad = _scenario(tmp_path, "aow-2025.yaml", personen=20_000)
    with apply.toegepast(ROOT / "simulaties" / "voorstellen" / "aow-leefvorm-adres") as v:
        sc = scen.read(pad)
        maand = compare.vergelijk(sc, ROOT / "wetten" / "aow", v.map, None)["uitvoer"][PENSIOEN]
        jaar = compare.vergelijk(sc.met_per("jaar"), ROOT / "wetten" / "aow", v.map, None)["uitvoer"][PENSIOEN]
    assert maand["periode"] == "per maand" and jaar["periode"] == "per jaar" and jaar["factor"] == "12"
    assert int(maand["budget"]) < 0 and abs(int(jaar["budget"]) - 12 * int(maand["budget"])) <= 6
    assert Fraction(jaar["max_verlies"]) == 12 * Fraction(maand["max_verlies"])
    assert (jaar["winnaars"], jaar["verliezers"]) == (maand["winnaars"], maand["verliezers"])


def test_vergelijk_cli_says_the_period_of_the_budget(tmp_path: Path) -> None:
    r = runner.invoke(app, ["vergelijk", str(ROOT / "wetten" / "aow"),
                            str(ROOT / "simulaties" / "voorstellen" / "aow-leefvorm-adres"),
                            "--scenario", str(_scenario(tmp_path, "aow-2025.yaml", personen=5_000)), "--per", "jaar"])
    assert r.exit_code == 0, r.stdout
    tekst = " ".join(r.stdout.split())
    assert "in de eenheid van de uitvoer" not in tekst
    assert f"{PENSIOEN}: budgeteffect −€" in tekst and "(omgerekend van per maand, × 12)" in tekst
    assert "totaal per jaar" in tekst
