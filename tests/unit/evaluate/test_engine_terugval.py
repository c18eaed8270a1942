"""The constructs of taal.md §11 in the vectorised engine: what it does not compute in columns runs
through the interpreter and the run says so (`Resultaat.terugval`), with the same values."""

from __future__ import annotations

from pathlib import Path

import pytest

from regelspraak.evaluate import convert, vector_deling, vectorize
from regelspraak.evaluate.interpret import Gegevens
from regelspraak.evaluate.interpret import run as interpret
from regelspraak.inputs.files import read_case
from regelspraak.model import folder
from regelspraak.model.from_syntax import load_model

GOLDEN = Path(__file__).resolve().parents[2] / "golden"


def _run(naam: str) -> tuple[vectorize.Resultaat, dict[str, object], dict[str, object]]:
    files = folder.find(GOLDEN / naam)
    model, _ = load_model(list(files.rgs))
    g: Gegevens = read_case(GOLDEN / naam / "geval.yaml", model, model.eenheden, None, list(files.parameters))
    u = interpret(model, g)
    pop = convert.populatie(model, g)
    res = vectorize.run(model, pop, g.rekendatum, g.parameters)
    # Every object (created ones included) with every attribute; leeg where the interpreter has no value.
    kolommen = {oid: inv.attributen for oid, inv in convert.objecten(model, pop).items()}
    verwacht = {oid: {k: inst.waarden.get(k) for k in kolommen.get(oid, {})} for oid, inst in u.instanties.items()}
    return res, kolommen, verwacht  # type: ignore[return-value]


@pytest.mark.parametrize(("map_", "regel", "reden"), [
    ("verdeling", "naar rato", "verdeling"),
    ("creatie", "boekingstotaal", "ObjectCreatie"),
    ("regelversie-gevuurd", "melding", "gevuurd"),
    ("toka", "treinmiles", "ObjectCreatie"),
    ("aantal-concatenatie", "uitzonderingspassagiers", "meerdere waarden"),
    ("tijdlijnen-rollen", "som", "tijdlijnen"),  # via a role, no timeline parameter over the whole year
    ("tijdlijn-gedurende", "toeslag", "tijdlijnen"),
    ("tijdlijn-gedurende", "bonus", "tijdlijnen"),
    ("tijdlijn-gedurende", "zomer", "tijdlijnen"),
    ("tijdlijn-aantal-dagen", "rechtdagen", "tijdlijnen"),
    ("tijdlijn-tijdsevenredig", "deel", "tijdlijnen"),
    ("tijdlijn-gehele-jaar", "korting", "tijdlijnen"),
    ("tijdlijn-totaal-periode", "beperkt totaal", "TijdFunctie"),
])
def test_terugval_wordt_gemeld_en_rekent_hetzelfde(map_: str, regel: str, reden: str) -> None:
    res, kolommen, verwacht = _run(map_)
    assert reden in res.terugval[regel]
    assert kolommen == verwacht  # created objects included


@pytest.mark.parametrize(("map_", "regels"), [
    ("tijdlijnen", ("toeslag", "korting", "netto bedrag")),
    ("tijdlijnen-rollen", ("klasse",)),
])
def test_maandtijdlijnen_op_de_periode_as(map_: str, regels: tuple[str, ...]) -> None:
    # Monthly timelines with boundaries on month starts inside the year run in month columns
    # (vector_periode.py): no fallback, the interpreter's timelines (two versions, rounding and leeg per stretch).
    res, kolommen, verwacht = _run(map_)
    for regel in regels:
        assert regel not in res.terugval
    assert kolommen == verwacht


@pytest.mark.parametrize("map_", ["dimensies", "dimensies-spec", "datum-en-tijd-rekenen",
                                  "dimensies-betaalde-belasting"])
def test_rollen_en_dimensies_blijven_in_kolommen(map_: str) -> None:
    res, kolommen, verwacht = _run(map_)
    assert res.terugval == {}
    assert kolommen == verwacht


@pytest.mark.parametrize(("map_", "regels"), [
    ("functies-en-controles", ("zijde", "bsn geldig")),
    ("dagsoort", ("kerstvlucht",)),
])
def test_controles_functies_en_dagsoort_blijven_in_kolommen(map_: str, regels: tuple[str, ...]) -> None:
    # The checks, functions and Dagsoort test of taal.md §11 are computed per distinct value in the
    # vectorised engine (vector_functies.py), with the interpreter's own functions: no fallback.
    res, kolommen, verwacht = _run(map_)
    for regel in regels:
        assert regel not in res.terugval
    assert kolommen == verwacht



_TWEE_TYPEN = """Objecttype de Natuurlijk persoon (mv: Natuurlijke personen) (bezield)
\tde geboortedatum\tDatum in dagen;
\tde deler\tNumeriek (geheel getal);
\tde leeftijd\tNumeriek (geheel getal) met eenheid jr;

Objecttype het Huishouden (mv: Huishoudens)
\thet aantal\tNumeriek (geheel getal);

Regel leeftijd
\tgeldig altijd
\t\tDe leeftijd van een Natuurlijk persoon moet berekend worden als
\t\t((de tijdsduur van zijn geboortedatum tot de Rekendatum in hele jaren) gedeeld door zijn deler)
\t\tnaar beneden afgerond op 0 decimalen.
"""


def test_fallback_with_an_id_shared_by_two_objecttypes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A generated population gives a toeslageenheid the id of its first member: the per-row fallback
    named objects by id alone, so the household replaced the person and every fallback value of
    such a person was leeg (found as a huurtoeslag of 0 for every single tenant, issue 13)."""
    from datetime import date

    import numpy as np

    from regelspraak.evaluate.columns import Kolom, Populatie, Tabel

    (tmp_path / "m.rgs").write_text(_TWEE_TYPEN, "utf-8")
    model, diags = load_model([tmp_path / "m.rgs"])
    assert not [d for d in diags if d.is_fout], diags
    geboren = np.array([date(1979, 11, 5).toordinal(), date(1978, 6, 25).toordinal()])
    pop = Populatie({"natuurlijk persoon": Tabel("natuurlijk persoon", np.array([0, 1]), {
        "geboortedatum": Kolom(geboren, np.ones(2, dtype=bool)),
        # A divisor with more distinct values than the columns divide by keeps the rule out of them.
        "deler": Kolom(np.array([1, 2]), np.ones(2, dtype=bool))}),
        "huishouden": Tabel("huishouden", np.array([0, 7]))}, {})
    monkeypatch.setattr(vector_deling, "MEESTE", 1)
    res = vectorize.run(model, pop, date(2025, 7, 1), {})
    assert "leeftijd" in res.terugval
    kol = pop.tabellen["natuurlijk persoon"].kolommen["leeftijd"]
    assert np.asarray(kol.geldig).tolist() == [True, True]
    assert np.asarray(kol.waarden).tolist() == [45, 23]  # 45 / 1 and 47 / 2 rounded down
    assert convert.objectnamen(pop) == {"natuurlijk persoon": ["natuurlijk persoon#0", "1"],
                                        "huishouden": ["huishouden#0", "7"]}
