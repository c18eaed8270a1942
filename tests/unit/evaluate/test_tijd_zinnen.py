"""The timeline sentence forms of taal.md §11 in the interpreter: leeg and rounding per stretch, bare
periods with leeg dates, the explicit period conversion, and the knip cutting at period boundaries."""

from __future__ import annotations

from datetime import date
from fractions import Fraction as F
from pathlib import Path

import pytest

from regelspraak.evaluate.interpret import Gegevens, Invoer, run
from regelspraak.model import ir
from regelspraak.model.from_syntax import load_model
from regelspraak.values.tijdlijn import Tijdlijn

KOP = """Objecttype de Persoon (mv: Personen) (bezield)
\thet bedrag\tNumeriek (getal met 2 decimalen) met eenheid €/mnd voor elke maand;
\thet recht\tBoolean voor elke dag;
\tde einddatum\tDatum in dagen;
\tde uitkomst\tNumeriek (getal met 2 decimalen) met eenheid €/mnd voor elke maand;
\tde ruwe uitkomst\tNumeriek (getal) met eenheid €/mnd voor elke maand;
\thet totaalbedrag\tNumeriek (getal met 2 decimalen) met eenheid €;
\tde dagen\tNumeriek (geheel getal) voor elke maand;
\tde jaarlijn\tNumeriek (getal met 2 decimalen) met eenheid € voor elk jaar;
\thet maanddeel\tNumeriek (getal) met eenheid € voor elke maand;
"""

J = (date(2024, 1, 1), date(2025, 1, 1))


def _model(tmp_path: Path, *zinnen: str) -> ir.Model:
    regels = "".join(f"Regel r{i}\n\tbron: geen — test\n\tgeldig altijd\n\t\t{z}\n" for i, z in enumerate(zinnen))
    p = tmp_path / "m.rgs"
    p.write_text(KOP + regels, encoding="utf-8")
    model, diags = load_model([p])
    assert diags == []
    return model


def _run(model: ir.Model, **attrs: object) -> tuple[dict[str, object], list[str]]:
    g = Gegevens(date(2024, 1, 1), {}, {"p": Invoer("persoon", attrs, {})}, [])  # type: ignore[arg-type]
    u = run(model, g)
    return u.instanties["p"].waarden, [f"{d.code} {d.bericht}" for d in u.fouten]


def _m(*stukken: tuple[date, date, object]) -> Tijdlijn:
    return Tijdlijn.maak("maand", stukken)


def test_tijdsevenredig_slaat_lege_dagen_over_en_rondt_per_stuk(tmp_path: Path) -> None:
    model = _model(tmp_path, "De ruwe uitkomst van een Persoon moet berekend worden als het tijdsevenredig deel per "
                             "maand van zijn bedrag gedurende de tijd dat zijn recht gelijk is aan waar.")
    # Bedrag 31 €/mnd in January only from the 11th (leeg before), right all month: 21 of 31 days filled.
    uit, fouten = _run(model, bedrag=_m((date(2024, 1, 11), date(2024, 2, 1), F(31))),
                       recht=Tijdlijn.constant("dag", date(2024, 1, 1), date(2024, 2, 1), True))
    assert fouten == []
    assert uit["ruwe uitkomst"] == _m((date(2024, 1, 1), date(2024, 2, 1), F(21)))


def test_tijdsevenredig_zonder_afronding_is_rs106_met_het_stuk(tmp_path: Path) -> None:
    model = _model(tmp_path, "De uitkomst van een Persoon moet berekend worden als het tijdsevenredig deel per maand "
                             "van zijn bedrag gedurende de tijd dat zijn recht gelijk is aan waar.")
    _, fouten = _run(model, bedrag=_m((*J, F(12))), recht=Tijdlijn.constant("dag", date(2024, 3, 1),
                                                                           date(2024, 3, 8), True))
    # 12 × 7/31 has more than 2 decimals: the rule must round; the error names the stretch.
    assert len(fouten) == 1 and fouten[0].startswith("RS106") and "van 01-03-2024 tot 01-04-2024" in fouten[0]


def test_totaal_leeg_en_constante(tmp_path: Path) -> None:
    model = _model(tmp_path, "Het totaalbedrag van een Persoon moet berekend worden als het totaal van zijn bedrag "
                             "gedurende de tijd dat zijn recht gelijk is aan waar.")
    uit, fouten = _run(model, bedrag=_m((*J, F(10))))  # no right at all: nothing filled → leeg
    assert fouten == [] and uit.get("totaalbedrag") is None
    uit, _ = _run(model, bedrag=_m((*J, F(10))), recht=Tijdlijn.constant("dag", date(2024, 2, 1), date(2024, 4, 1),
                                                                          True))
    assert uit["totaalbedrag"] == 20


def test_periode_met_lege_datum_geldt_nergens(tmp_path: Path) -> None:
    model = _model(tmp_path, "De uitkomst van een Persoon moet berekend worden als zijn bedrag tot zijn einddatum.")
    uit, fouten = _run(model, bedrag=_m((*J, F(5))))
    assert fouten == [] and uit.get("uitkomst") is None
    uit, _ = _run(model, bedrag=_m((*J, F(5))), einddatum=date(2024, 3, 15))
    assert uit["uitkomst"] == _m((date(2024, 1, 1), date(2024, 3, 15), F(5)))


def test_omrekening_van_een_jaartijdlijn_is_exact(tmp_path: Path) -> None:
    model = _model(tmp_path, "Het maanddeel van een Persoon moet berekend worden als zijn jaarlijn per maand.")
    uit, _ = _run(model, jaarlijn=Tijdlijn.maak("jaar", [(*J, F(1000)), (date(2025, 1, 1), date(2026, 1, 1), None)]))
    # 1000 € per year is 1000/12 € per month, exactly (no rounding in between).
    assert uit["maanddeel"] == _m((*J, F(250, 3)))


def test_aantal_dagen_knipt_op_maandgrenzen_ook_met_andere_tijdlijnen(tmp_path: Path) -> None:
    model = _model(tmp_path, "De dagen van een Persoon moet berekend worden als het aantal dagen in de maand dat zijn "
                             "recht gelijk is aan waar indien zijn bedrag groter is dan 0 €/mnd.")
    uit, fouten = _run(model, recht=Tijdlijn.constant("dag", date(2024, 2, 10), date(2024, 3, 5), True),
                       bedrag=_m((date(2024, 2, 1), date(2024, 2, 15), F(1))))
    assert fouten == []
    # The amount ends on 15-2: February is cut there; 20 days (10 … 29 February, a leap year) on both pieces.
    assert uit["dagen"] == _m((date(2024, 2, 1), date(2024, 2, 15), F(20)))


@pytest.mark.parametrize(("zin", "verwacht"), [
    ("zijn bedrag van 01-02-2024 tot 01-02-2024", None),  # an empty period
    ("zijn bedrag van 01-03-2024 tot 01-02-2024", None),  # ends before it starts: holds nowhere
    ("zijn bedrag tot en met 31-01-2024", _m((date(2024, 1, 1), date(2024, 2, 1), F(7)))),
])
def test_randen_van_een_periode(tmp_path: Path, zin: str, verwacht: object) -> None:
    model = _model(tmp_path, f"De uitkomst van een Persoon moet berekend worden als {zin}.")
    uit, fouten = _run(model, bedrag=_m((*J, F(7))))
    assert fouten == [] and uit.get("uitkomst") == verwacht


def test_omrekening_in_kolommen_gelijk_aan_de_interpreter(tmp_path: Path) -> None:
    # Without timelines the conversion runs in columns (no fallback) and agrees to the cent.
    from regelspraak.evaluate import convert, vectorize

    p = tmp_path / "m.rgs"
    p.write_text("Objecttype de Persoon (mv: Personen) (bezield)\n\thet jaarbedrag\tNumeriek (getal met 2 decimalen) "
                 "met eenheid €/jr;\n\thet maandbedrag\tNumeriek (getal met 2 decimalen) met eenheid €/mnd;\n"
                 "Regel m\n\tbron: geen — test\n\tgeldig altijd\n\t\tHet maandbedrag van een Persoon moet berekend "
                 "worden als (het jaarbedrag van de Persoon per maand) naar beneden afgerond op 2 decimalen.\n",
                 encoding="utf-8")
    model, diags = load_model([p])
    assert diags == []
    g = Gegevens(date(2025, 1, 1), {}, {f"p{i}": Invoer("persoon", {"jaarbedrag": F(w)}, {})
                                        for i, w in enumerate((1000, 7, 0, -1201))}, [])
    pop = convert.populatie(model, g)
    res = vectorize.run(model, pop, g.rekendatum, g.parameters)
    assert res.terugval == {}
    kolommen = {o: i.attributen["maandbedrag"] for o, i in convert.objecten(model, pop).items()}
    assert kolommen == {o: i.waarden["maandbedrag"] for o, i in run(model, g).instanties.items()}
    assert kolommen["p0"] == F(8333, 100) and kolommen["p3"] == F(-10009, 100)


def test_vanaf_een_datumexpressie_met_een_eindvoorwaarde(tmp_path: Path) -> None:
    model = _model(tmp_path, "De uitkomst van een Persoon moet berekend worden als zijn bedrag vanaf zijn einddatum "
                             "indien het is de periode tot 01-06-2024.")
    uit, fouten = _run(model, bedrag=_m((*J, F(7))), einddatum=date(2024, 3, 10))
    assert fouten == [] and uit["uitkomst"] == _m((date(2024, 3, 10), date(2024, 6, 1), F(7)))


def test_bereken_toont_per_stuk_wat_vuurde_en_waarom() -> None:
    from typer.testing import CliRunner

    from regelspraak.cli import app

    golden = Path(__file__).resolve().parents[2] / "golden" / "tijdlijn-gehele-jaar"
    r = CliRunner().invoke(app, ["bereken", str(golden), "--gegevens", str(golden / "geval.yaml"), "--uitleg"],
                           catch_exceptions=False, env={"COLUMNS": "200"})
    assert r.exit_code == 0
    tekst = " ".join(r.stdout.split())
    assert "van 01-01-2023 tot 01-01-2024: 100 € (geldig altijd)" in tekst
    # 2024: the version applied, its condition did not hold (insured only until 15-3), and the trace says so
    # with what the whole-year test read.
    assert "van 01-01-2024 tot 01-01-2025: niet gevuurd, de voorwaarde geldt niet (geldig altijd)" in tekst
    assert "verzekering van p = van 01-01-2024 tot 15-03-2024: waar" in tekst
    assert "van 01-02-2024 tot 01-03-2024: 200 € (geldig altijd)" in tekst


def test_periode_tot_een_berekende_datum(tmp_path: Path) -> None:
    model = _model(tmp_path, "De uitkomst van een Persoon moet berekend worden als zijn bedrag tot zijn einddatum "
                             "plus 1 mnd.")
    uit, fouten = _run(model, bedrag=_m((*J, F(7))), einddatum=date(2024, 1, 31))
    # 31-1 plus 1 month clamps to 29-2-2024 (taal.md erratum 10): the result runs up to that day.
    assert fouten == [] and uit["uitkomst"] == _m((date(2024, 1, 1), date(2024, 2, 29), F(7)))
