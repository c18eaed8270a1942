"""The constructs of taal.md §11 in the vectorised engine: what it does not compute in columns runs
through the interpreter and the run says so (`Resultaat.terugval`), with the same values."""

from __future__ import annotations

from pathlib import Path

import pytest

from regelspraak.evaluate import convert, vectorize
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
