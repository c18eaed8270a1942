"""Issue 11 (per-period results): every total says its period, derived from the output's unit, and
`--per` converts it exactly on simuleer and vergelijk, in text, JSON and HTML. The AOW leefvorm
bill once reported "budgeteffect −€ 63.399.412 (in de eenheid van de uitvoer)" for an amount per maand.
Since the AOW model computes every month of 2025 (issue 11), its simulation outputs are the totals over the
year (€, per jaar): `--per maand` converts them to the average month (× 1/12)."""

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
PENSIOEN = "bruto ouderdomspensioen over het jaar"


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


def test_simuleer_per_maand_converts_yearly_totals_exactly(tmp_path: Path) -> None:
    sj = _met_ijkpunten(_scenario(tmp_path / "j", "aow-2025.yaml", personen=20_000))
    jaar = _json(["simuleer", str(sj), "--formaat", "json"])
    sm = _met_ijkpunten(_scenario(tmp_path / "m", "aow-2025.yaml", personen=20_000))
    maand = _json(["simuleer", str(sm), "--formaat", "json", "--per", "maand"])
    j, m = jaar["uitvoer"][PENSIOEN], maand["uitvoer"][PENSIOEN]  # type: ignore[index]
    assert (j["periode"], j["eenheid"]) == ("per jaar", "€") and "omgerekend_van" not in j
    assert (m["periode"], m["omgerekend_van"], m["factor"]) == ("per maand", "per jaar", "1/12")
    # exact: 1/12 of the exact yearly total, rounded once (the results folder holds every amount)
    rijen = ds.dataset(tmp_path / "j" / "resultaten" / "Natuurlijk persoon").to_table()
    exact = sum((Fraction(Decimal(str(w))) * Fraction(Decimal(v)) for w, v in zip(
        rijen.column("gewicht").to_pylist(), rijen.column(PENSIOEN).to_pylist(), strict=True) if v is not None),
        Fraction(0))
    assert int(j["totaal"]) == round(exact) and int(m["totaal"]) == round(exact / 12)
    for gj, gm in zip(j["groepen"]["leefvorm"], m["groepen"]["leefvorm"], strict=True):
        assert abs(int(gj["totaal"]) - 12 * int(gm["totaal"])) <= 6 and gj["ontvangers"] == gm["ontvangers"]
    # the published yearly figure is compared once, whichever way the totals were asked for
    vj = {v["naam"]: v for v in jaar["ijkpunten"]["vergelijkingen"]}  # type: ignore[index]
    vm = {v["naam"]: v for v in maand["ijkpunten"]["vergelijkingen"]}  # type: ignore[index]
    uitgaven = next(n for n, v in vj.items() if v["maat"] == "totaal")
    assert abs(int(vm[uitgaven]["model"]) - int(vj[uitgaven]["model"])) <= 12 and vj[uitgaven]["periode"] == "per jaar"


def test_simuleer_text_labels_and_plain_euro_is_per_year(tmp_path: Path) -> None:
    r = runner.invoke(app, ["simuleer", str(_scenario(tmp_path / "a", "aow-2025.yaml", personen=5_000)),
                            "--per", "maand"])
    assert r.exit_code == 0, r.stdout
    assert "per maand (omgerekend van per jaar, × 1/12)" in " ".join(r.stdout.split())
    z = _json(["simuleer", str(_scenario(tmp_path / "z", personen=5_000)), "--formaat", "json", "--per", "maand"])
    u = z["uitvoer"]["zorgtoeslag"]  # type: ignore[index]
    assert (u["eenheid"], u["periode"], u["omgerekend_van"], u["factor"]) == ("€", "per maand", "per jaar", "1/12")


def test_bad_period_is_exit_2(tmp_path: Path) -> None:
    r = runner.invoke(app, ["simuleer", str(_scenario(tmp_path, personen=5_000)), "--per", "week"])
    assert r.exit_code == 2 and "verwacht jaar of maand" in r.stderr


def test_vergelijk_impact_per_maand_is_a_twelfth_of_the_year(tmp_path: Path) -> None:
    """The impact of the AOW leefvorm bill, per jaar and per maand, on the same population (no analyses)."""
    pad = _scenario(tmp_path, "aow-2025.yaml", personen=20_000)
    with apply.toegepast(ROOT / "simulaties" / "voorstellen" / "aow-leefvorm-adres") as v:
        sc = scen.read(pad)
        jaar = compare.vergelijk(sc, ROOT / "wetten" / "aow", v.map, None)["uitvoer"][PENSIOEN]
        maand = compare.vergelijk(sc.met_per("maand"), ROOT / "wetten" / "aow", v.map, None)["uitvoer"][PENSIOEN]
    assert jaar["periode"] == "per jaar" and maand["periode"] == "per maand" and maand["factor"] == "1/12"
    assert int(jaar["budget"]) < 0 and abs(int(jaar["budget"]) - 12 * int(maand["budget"])) <= 6
    assert Fraction(jaar["max_verlies"]) == 12 * Fraction(maand["max_verlies"])
    assert (jaar["winnaars"], jaar["verliezers"]) == (maand["winnaars"], maand["verliezers"])


def test_vergelijk_cli_says_the_period_of_the_budget(tmp_path: Path) -> None:
    r = runner.invoke(app, ["vergelijk", str(ROOT / "wetten" / "aow"),
                            str(ROOT / "simulaties" / "voorstellen" / "aow-leefvorm-adres"),
                            "--scenario", str(_scenario(tmp_path, "aow-2025.yaml", personen=5_000)), "--per", "maand",
                            "--alleen", "regel_zonder_bron"])  # the budget's label is asserted, not the z3 analyses
    assert r.exit_code == 0, r.stdout
    tekst = " ".join(r.stdout.split())
    assert "in de eenheid van de uitvoer" not in tekst
    assert f"{PENSIOEN}: budgeteffect −€" in tekst and "(omgerekend van per jaar, × 1/12)" in tekst
    assert "totaal per maand" in tekst
