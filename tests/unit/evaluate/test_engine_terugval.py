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
    ("functies-en-controles", "zijde", "Functie"),
    ("functies-en-controles", "bsn geldig", "Controle"),
    ("dagsoort", "kerstvlucht", "Controle"),
    ("creatie", "boekingstotaal", "ObjectCreatie"),
    ("regelversie-gevuurd", "melding", "gevuurd"),
    ("toka", "treinmiles", "ObjectCreatie"),
    ("tijdlijnen", "toeslag", "tijdlijnen"),
    ("tijdlijnen", "netto bedrag", "tijdlijnen"),
    ("tijdlijnen-rollen", "som", "tijdlijnen"),
    ("tijdlijnen-rollen", "klasse", "tijdlijnen"),
])
def test_terugval_wordt_gemeld_en_rekent_hetzelfde(map_: str, regel: str, reden: str) -> None:
    res, kolommen, verwacht = _run(map_)
    assert reden in res.terugval[regel]
    assert kolommen == verwacht  # created objects included


def test_rollen_en_dimensies_blijven_in_kolommen() -> None:
    res, kolommen, verwacht = _run("dimensies")
    assert res.terugval == {}
    assert kolommen == verwacht



_TWEE_TYPEN = """Objecttype de Natuurlijk persoon (mv: Natuurlijke personen) (bezield)
\tde geboortedatum\tDatum in dagen;
\tde leeftijd\tNumeriek (geheel getal) met eenheid jr;

Objecttype het Huishouden (mv: Huishoudens)
\thet aantal\tNumeriek (geheel getal);

Regel leeftijd
\tgeldig altijd
\t\tDe leeftijd van een Natuurlijk persoon moet gesteld worden op de tijdsduur van zijn geboortedatum tot E
\t\tin hele jaren.
\t\tDaarbij geldt:
\t\t\tE is de datum met jaar, maand en dag(het jaar uit (zijn geboortedatum) plus 45, 7, 1).
"""


def test_fallback_with_an_id_shared_by_two_objecttypes(tmp_path: Path) -> None:
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
        "geboortedatum": Kolom(geboren, np.ones(2, dtype=bool))}),
        "huishouden": Tabel("huishouden", np.array([0, 7]))}, {})
    res = vectorize.run(model, pop, date(2025, 7, 1), {})
    assert res.terugval.get("leeftijd") == "Functie"
    kol = pop.tabellen["natuurlijk persoon"].kolommen["leeftijd"]
    assert np.asarray(kol.geldig).tolist() == [True, True]
    assert np.asarray(kol.waarden).tolist() == [44, 45]
    assert convert.objectnamen(pop) == {"natuurlijk persoon": ["natuurlijk persoon#0", "1"],
                                        "huishouden": ["huishouden#0", "7"]}
