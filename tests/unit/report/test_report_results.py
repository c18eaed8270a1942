"""The explanation tree of `bereken --uitleg`: values in it read as the results table shows them."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from fractions import Fraction
from pathlib import Path

from rich.console import Console

from regelspraak.diagnostics import Diagnostic
from regelspraak.evaluate.interpret import Gegevens, Invoer, Lezing, Uitkomst, run
from regelspraak.model import ir
from regelspraak.report.results import as_json, print_tekst, waarde_tekst

Laad = Callable[[str], tuple[ir.Model, list[Diagnostic]]]

# One variable per kind of type: an amount, a percentage, a duration, a plain number, an
# enumeration and a date. Each copies an attribute, so the attribute shows how it must read.
MODEL = """Domein Soort is van het type Enumeratie
\t'vast'
\t'flex'

Objecttype de Persoon (mv: Personen) (bezield)
\thet loon\tNumeriek (getal met 2 decimalen) met eenheid €;
\thet tarief\tPercentage (getal met 3 decimalen);
\tde duur\tNumeriek (geheel getal) met eenheid mnd;
\thet aantal\tNumeriek (geheel getal);
\tde soort\tSoort;
\tde ingangsdatum\tDatum in dagen;
\tde uitkomst\tNumeriek (getal met 2 decimalen) met eenheid €;

Regel uitkomst
\tgeldig altijd
\t\tDe uitkomst van een Persoon moet berekend worden als (T van L) naar beneden afgerond op 2 decimalen
\t\tindien er aan alle volgende voorwaarden wordt voldaan:
\t\t\t• D is groter dan 0 mnd
\t\t\t• N is groter dan 0
\t\t\t• S is gelijk aan 'vast'
\t\t\t• I is later dan 01-01-2020.
\t\tDaarbij geldt:
\t\t\tL is het loon van de Persoon
\t\t\tT is het tarief van de Persoon
\t\t\tD is de duur van de Persoon
\t\t\tN is het aantal van de Persoon
\t\t\tS is de soort van de Persoon
\t\t\tI is de ingangsdatum van de Persoon.
"""

INVOER = {"loon": Fraction("1234.5"), "tarief": Fraction("4.273"), "duur": Fraction(12), "aantal": Fraction(3),
          "soort": "vast", "ingangsdatum": date(2024, 7, 1)}
VARIABELE_VAN = {"l": "loon", "t": "tarief", "d": "duur", "n": "aantal", "s": "soort", "i": "ingangsdatum"}


def _bereken(laad: Laad) -> tuple[ir.Model, Uitkomst]:
    model, diags = laad(MODEL)
    assert diags == [], [d.bericht for d in diags]
    u = run(model, Gegevens(date(2025, 1, 1), {}, {"p": Invoer("persoon", dict(INVOER), {})}, []))
    assert u.fouten == [] and u.instanties["p"].waarden["uitkomst"] == Fraction("52.75")
    return model, u


def _tekst(model: ir.Model, u: Uitkomst) -> str:
    uit = io.StringIO()
    print_tekst(model, u, True, Console(file=uit, width=400, color_system=None))
    return uit.getvalue()


def test_variabele_leest_als_het_attribuut_met_eenheid_of_procent(laad: Laad) -> None:
    model, u = _bereken(laad)
    tekst = _tekst(model, u)
    verwacht = {"l": "1234,5 €", "t": "4,273%", "d": "12 mnd", "n": "3", "s": "'vast'", "i": "01-07-2024"}
    for var, attr in VARIABELE_VAN.items():
        # The attribute's own rendering (the results table uses the same function) ...
        a = model.objecttypen["persoon"].attributen[attr]
        assert waarde_tekst(INVOER[attr], a.type) == verwacht[var]
        # ... is what the tree shows for the variable that holds its value.
        assert f"variabele {var} = {verwacht[var]}\n" in tekst, tekst
    assert "uitkomst van p = 52,75 € ← regel 'uitkomst'" in tekst


def test_lezing_van_een_variabele_draagt_het_type_van_haar_expressie(laad: Laad) -> None:
    model, u = _bereken(laad)
    attributen = model.objecttypen["persoon"].attributen
    variabelen = {lz.naam: lz for lz in u.instanties["p"].afleidingen["uitkomst"].invoer if lz.soort == "variabele"}
    assert set(variabelen) == set(VARIABELE_VAN)
    for var, attr in VARIABELE_VAN.items():
        assert variabelen[var].type == attributen[attr].type
    # Other readings are typed by their declaration in the model, not by the trace.
    assert all(lz.type is None for lz in u.instanties["p"].afleidingen["uitkomst"].invoer if lz.soort != "variabele")


def test_variabele_zonder_type_blijft_een_kaal_getal() -> None:
    # A trace built without the type (as before) still renders, without a unit.
    lz = Lezing("variabele", None, "p", Fraction("4.273"))
    assert lz.type is None and waarde_tekst(lz.waarde, lz.type) == "4,273"


def test_json_houdt_machinenotatie(laad: Laad) -> None:
    # JSON values are exact decimal strings with a '.', for variables as for attributes: the unit
    # does not go into the value.
    model, u = _bereken(laad)
    knoop = as_json(model, u, True)["uitleg"]["p"]["uitkomst"]
    variabelen = {k["naam"]: k for k in knoop["invoer"] if k.get("soort") == "variabele"}
    assert variabelen["t"]["waarde"] == "4.2730" and variabelen["d"]["waarde"] == "12"  # reads back as 4.273
    assert variabelen["l"]["waarde"] == "1234.5" and variabelen["i"]["waarde"] == "2024-07-01"


def test_explanation_shows_each_derived_value_once_and_parameter_bronnen(tmp_path: Path) -> None:
    """Issue 15: shared subtrees were repeated in full (569 lines for two persons)."""
    import re

    import yaml

    from tests.e2e.cli_helpers import cli

    # The yearly zorgtoeslag model (tests/data/zorgtoeslag-jaarmodel): this is about the shape of the explanation
    # of plain values; the law model now explains every monthly value per stretch (one per calendar month).
    root = Path(__file__).resolve().parents[3]
    zt = root / "tests" / "data" / "zorgtoeslag-jaarmodel" / "zorgtoeslag"
    geval = tmp_path / "paar.yaml"
    data = yaml.safe_load((root / "wetten" / "zorgtoeslag" / "gevallen" / "04-paar-2025-beiden-verzekerd.yaml")
                          .read_text("utf-8"))["gegevens"]
    geval.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    r = cli("bereken", str(zt), "--gegevens", str(geval), "--uitleg")
    assert r.code == 0, r.uitvoer
    uitgelegd = re.findall(r"^\W*\((\d+)\) (.+?) = .* ← regel", r.stdout, re.M)
    namen = [n for _, n in uitgelegd]
    assert len(namen) == len(set(namen)) > 10  # every derived value explained exactly once
    assert [int(nr) for nr, _ in uitgelegd] == list(range(1, len(uitgelegd) + 1))
    verwijzingen = re.findall(r"— zie \((\d+)\)", r.stdout)
    assert verwijzingen and all(int(v) <= len(uitgelegd) for v in verwijzingen)
    assert "parameter standaardpremie = 2112 € — art. 1 Regeling standaardpremie 2025" in r.stdout
    assert len(r.stdout.splitlines()) < 200  # was 627 for this case


KETEN = """Objecttype de Persoon (mv: Personen) (bezield)
\thet loon\tNumeriek (getal met 2 decimalen) met eenheid €;
\tde basis\tNumeriek (getal met 2 decimalen) met eenheid €;
\thet bedrag\tNumeriek (getal met 2 decimalen) met eenheid €;
\tde uitkomst\tNumeriek (getal met 2 decimalen) met eenheid €;
\tis Ruim\tkenmerk (bijvoeglijk);

Regel ruim
\tgeldig altijd
\t\tEen Persoon is Ruim
\t\tindien zijn bedrag groter is dan 5 €.

Regel basis
\tgeldig altijd
\t\tDe basis van een Persoon moet berekend worden als zijn loon.

Regel bedrag
\tgeldig altijd
\t\tHet bedrag van een Persoon moet berekend worden als zijn basis plus zijn basis.

Regel uitkomst
\tgeldig altijd
\t\tDe uitkomst van een Persoon moet berekend worden als zijn bedrag plus zijn basis
\t\tindien hij Ruim is.
"""


def test_flat_explanation_gives_each_derivation_once_and_reads_by_reference(laad: Laad) -> None:
    """The findings of `analyseer` explain a case flat: on wetten/toeslagen the nested form repeated every
    shared derivation at every use, about 2 MB per finding and 380 MB for one run."""
    model, diags = laad(KETEN)
    assert diags == [], [d.bericht for d in diags]
    u = run(model, Gegevens(date(2025, 1, 1), {}, {"p": Invoer("persoon", {"loon": Fraction(10)}, {})}, []))
    genest, plat = as_json(model, u, True)["uitleg"]["p"], as_json(model, u, True, plat=True)["uitleg"]["p"]
    assert set(genest) == set(plat) == {"basis", "bedrag", "uitkomst", "kenmerk:ruim"}
    # nested: the basis appears inside the bedrag inside the uitkomst, and once more beside it
    bedrag = next(k for k in genest["uitkomst"]["invoer"] if k["naam"] == "bedrag")
    assert [k["naam"] for k in bedrag["invoer"]] == ["basis"]
    for naam, knoop in plat.items():
        for gelezen in knoop["invoer"]:
            assert "invoer" not in gelezen and "regel" not in gelezen, (naam, gelezen)
            if gelezen["herkomst"] == "regel":  # the reference resolves, for a kenmerk with a capital too
                assert plat[gelezen["sleutel"]]["waarde"] == gelezen["waarde"], gelezen
    assert {(k["naam"], k.get("sleutel")) for k in plat["uitkomst"]["invoer"]} == {
        ("bedrag", "bedrag"), ("basis", "basis"), ("Ruim", "kenmerk:ruim")}
    assert [(k["naam"], k["herkomst"]) for k in plat["basis"]["invoer"]] == [("loon", "invoer")]
