"""The exhaustive (z3) analyses: plant each defect in a small model and find it, with the right
code and verdict and a counterexample that `regelspraak bereken` reproduces; find nothing in a
clean model and nothing in the real zorgtoeslag model; say "niet gevonden binnen budget" when the
budget runs out."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from regelspraak.analyses.conflicts import conflicten
from regelspraak.analyses.decision_tables import tabellen
from regelspraak.analyses.findings import Finding, Oordeel
from regelspraak.analyses.reachability import dode_regels, inconsistenties
from regelspraak.analyses.solver.search import Context
from regelspraak.cli import app
from regelspraak.diagnostics import CODES, Ernst
from regelspraak.inputs.files import read_parameters
from regelspraak.model import folder
from regelspraak.model.from_syntax import load_model

ROOT = Path(__file__).resolve().parents[3]
REKENDATUM = date(2025, 7, 1)

PERSOON = """Domein Soort is van het type Enumeratie
\t'a'
\t'b'
\t'c'

Objecttype de Persoon (mv: Personen) (bezield)
\tde geboortedatum\tDatum in dagen;
\tde leeftijd\tNumeriek (niet-negatief geheel getal) met eenheid jr;
\thet inkomen\tNumeriek (niet-negatief getal met 2 decimalen) met eenheid €;
\tde soort\tSoort;
\tis student\tkenmerk (bijvoeglijk);
\tde korting\tNumeriek (niet-negatief geheel getal) met eenheid €;
\tde toeslag\tNumeriek (getal met 2 decimalen) met eenheid €;
"""


def _kop(*kolommen: str) -> str:
    """A table header row (kept out of the long string literals)."""
    return "| | " + " | ".join(kolommen) + " |"


def _laad(tmp_path: Path, tekst: str) -> Context:
    (tmp_path / "model.rgs").write_text(tekst, "utf-8")
    model, diags = load_model([tmp_path / "model.rgs"])
    assert not [d for d in diags if d.is_fout], diags
    return Context(model, {}, REKENDATUM, )


def _bereken(tmp_path: Path, f: Finding) -> tuple[int, Any]:
    """Run the finding's counterexample through the CLI, as a user would."""
    assert f.tegenvoorbeeld is not None
    geval = tmp_path / "tegenvoorbeeld.yaml"
    geval.write_text(yaml.safe_dump(f.tegenvoorbeeld, allow_unicode=True), "utf-8")
    r = CliRunner().invoke(app, ["bereken", str(tmp_path), "--gegevens", str(geval), "--formaat", "json"])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    return r.exit_code, json.loads(r.stdout)


def _een(fs: list[Finding], code: str) -> Finding:
    gevonden = [f for f in fs if f.code == code]
    assert len(gevonden) == 1, [(f.code, f.bericht) for f in fs]
    return gevonden[0]


# ---------------------------------------------------------------- conflict (RS230)


def test_conflict_found_proven_and_reproduced(tmp_path: Path) -> None:
    ctx = _laad(tmp_path, PERSOON + """
Regel jong
\tgeldig altijd
\t\tDe korting van een Persoon moet gesteld worden op 10 € indien zijn leeftijd kleiner is dan 30 jr.

Regel oud
\tgeldig altijd
\t\tDe korting van een Persoon moet gesteld worden op 20 € indien zijn leeftijd groter is dan 25 jr.
""")
    f = _een(conflicten(ctx), "RS230")
    assert (f.soort, f.ernst, f.oordeel) == ("conflict", Ernst.FOUT, Oordeel.BEWEZEN)
    assert {r.naam for r in f.regels} == {"jong", "oud"}
    assert 25 < int(f.tegenvoorbeeld["objecten"]["persoon"]["leeftijd"]) < 30  # type: ignore[index]
    code, uit = _bereken(tmp_path, f)
    assert code == 2 and uit["diagnostieken"][0]["code"] == "RS203"
    assert f.uitleg and f.aannames


def test_conflict_through_dates_is_exact(tmp_path: Path) -> None:
    # Whole years between two dates and a date comparison: both encoded exactly.
    ctx = _laad(tmp_path, PERSOON + """
Regel minderjarig
\tgeldig altijd
\t\tDe korting van een Persoon moet gesteld worden op 10 €
\t\tindien de tijdsduur van zijn geboortedatum tot de Rekendatum in hele jaren kleiner is dan 18 jr.

Regel geboren voor 2008
\tgeldig altijd
\t\tDe korting van een Persoon moet gesteld worden op 20 €
\t\tindien zijn geboortedatum eerder is dan 01-01-2008.
""")
    f = _een(conflicten(ctx), "RS230")
    assert f.oordeel is Oordeel.BEWEZEN
    geboren = date.fromisoformat(f.tegenvoorbeeld["objecten"]["persoon"]["geboortedatum"])  # type: ignore[index]
    assert date(2007, 7, 2) <= geboren < date(2008, 1, 1)
    code, uit = _bereken(tmp_path, f)
    assert code == 2 and uit["diagnostieken"][0]["code"] == "RS203"


def test_conflict_over_a_multivalued_role(tmp_path: Path) -> None:
    ctx = _laad(tmp_path, """Domein Grootte is van het type Enumeratie
\t'klein'
\t'groot'

Objecttype het Huishouden (mv: Huishoudens)
\tde grootte\tGrootte;

Objecttype de Persoon (mv: Personen) (bezield)
\thet inkomen\tNumeriek (niet-negatief getal met 2 decimalen) met eenheid €;

Feittype huishoudsamenstelling
\thet huishouden\tHuishouden
\thet lid (mv: leden)\tPersoon
Eén huishouden bestaat uit meerdere leden

Regel groot
\tgeldig altijd
\t\tDe grootte van een Huishouden moet gesteld worden op 'groot'
\t\tindien het aantal leden van het Huishouden groter is dan 2.

Regel klein
\tgeldig altijd
\t\tDe grootte van een Huishouden moet gesteld worden op 'klein'
\t\tindien het aantal leden van het Huishouden kleiner is dan 4.
""")
    f = _een(conflicten(ctx), "RS230")
    assert f.tegenvoorbeeld is not None and len(f.tegenvoorbeeld["feiten"]) == 3
    assert "ten hoogste 3 objecten per meervoudige rol" in f.aannames
    code, uit = _bereken(tmp_path, f)
    assert code == 2 and uit["diagnostieken"][0]["code"] == "RS203"


def test_no_conflict_is_proven_silently(tmp_path: Path) -> None:
    ctx = _laad(tmp_path, PERSOON + """
Regel jong
\tgeldig altijd
\t\tDe korting van een Persoon moet gesteld worden op 10 € indien zijn leeftijd kleiner is dan 18 jr.

Regel oud
\tgeldig altijd
\t\tDe korting van een Persoon moet gesteld worden op 20 € indien zijn leeftijd groter of gelijk is aan 18 jr.
""")
    assert conflicten(ctx) == []


def test_budget_runs_out_honestly(tmp_path: Path) -> None:
    ctx = _laad(tmp_path, PERSOON + """
Regel jong
\tgeldig altijd
\t\tDe korting van een Persoon moet gesteld worden op 10 € indien zijn leeftijd kleiner is dan 30 jr.

Regel oud
\tgeldig altijd
\t\tDe korting van een Persoon moet gesteld worden op 20 € indien zijn leeftijd groter is dan 25 jr.
""")
    ctx = Context(ctx.model, {}, REKENDATUM, rlimit=0)
    f = _een(conflicten(ctx), "RS230")
    assert (f.oordeel, f.ernst, f.tegenvoorbeeld) == (Oordeel.NIET_GEVONDEN, Ernst.INFO, None)
    assert "Niet gecontroleerd binnen de rekenlimiet van 0 z3-eenheden" in f.bericht
    assert f.details["niet_gecontroleerd"] == ["regels 'jong' en 'oud' ('korting')"]


def test_every_analysis_stops_at_its_budget(tmp_path: Path) -> None:
    ctx = _laad(tmp_path, TABEL + """
Regel toeslag
\tgeldig altijd
\t\tDe toeslag van een Persoon moet berekend worden als 1000 € min zijn inkomen.

Regel toeslag niet negatief
\tgeldig altijd
\t\tDe toeslag van een Persoon moet groter of gelijk zijn aan 0 €.

Regel studententoeslag
\tgeldig altijd
\t\tDe toeslag van een Persoon moet gesteld worden op 50 € indien hij student is.
""")
    ctx = Context(ctx.model, {}, REKENDATUM, rlimit=0)
    for analyse in (conflicten, tabellen, dode_regels, inconsistenties):
        fs = analyse(ctx)
        assert fs and all(f.oordeel is Oordeel.NIET_GEVONDEN and f.ernst is Ernst.INFO for f in fs), analyse.__name__


# ---------------------------------------------------------------- decision tables (RS210, RS310)


TABEL = PERSOON + """
Beslistabel korting
\tgeldig altijd
""" + _kop("de korting van een Persoon moet gesteld worden op", "indien zijn leeftijd groter of gelijk is aan",
            "indien zijn leeftijd kleiner is dan", "indien zijn soort gelijk is aan", "indien hij student is") + """
|---|---|---|---|---|---|
| 1 | 10 € | n.v.t. | 18 jr | 'a' of 'b' | n.v.t. |
| 2 | 20 € | 18 jr | 67 jr | n.v.t. | waar |
| 3 | 30 € | 60 jr | n.v.t. | 'a' | n.v.t. |
| 4 | 40 € | 18 jr | 67 jr | n.v.t. | onwaar |
"""


def test_table_gaps_as_boxes_with_suggested_rows(tmp_path: Path) -> None:
    ctx = _laad(tmp_path, TABEL)
    gaten = sorted((f for f in tabellen(ctx) if f.code == "RS310"), key=lambda f: f.details["voorstel"])
    assert [f.details["gebied"] for f in gaten] == ["leeftijd < 18 jr, soort is 'c'",
                                                    "leeftijd ≥ 67 jr, soort is 'b' of 'c'"]
    assert [f.details["voorstel"] for f in gaten] == ["| 5 | … | n.v.t. | 18 jr | 'c' | n.v.t. |",
                                                      "| 6 | … | 67 jr | n.v.t. | 'b' of 'c' | n.v.t. |"]
    for f in gaten:
        assert (f.soort, f.oordeel) == ("tabel-hiaat", Oordeel.BEWEZEN)
        code, uit = _bereken(tmp_path, f)
        assert code == 0 and uit["objecten"]["persoon"]["attributen"]["korting"] is None


def test_table_overlap_proven_and_reproduced(tmp_path: Path) -> None:
    ctx = _laad(tmp_path, TABEL)
    overlap = [f for f in tabellen(ctx) if f.code == "RS210"]
    assert sorted(f.details["rijen"] for f in overlap) == [[2, 3], [3, 4]]
    for f in overlap:
        assert (f.soort, f.oordeel, f.ernst) == ("tabel-overlap", Oordeel.BEWEZEN, Ernst.FOUT)
        assert "leeftijd ≥ 60 jr en < 67 jr" in f.bericht
        code, uit = _bereken(tmp_path, f)
        assert code == 2 and "Beslistabel 'korting'" in uit["diagnostieken"][0]["bericht"]


def test_table_gap_between_decimals(tmp_path: Path) -> None:
    ctx = _laad(tmp_path, PERSOON + """
Beslistabel toeslag
\tgeldig altijd
""" + _kop("de toeslag van een Persoon moet gesteld worden op", "indien zijn inkomen kleiner of gelijk is aan",
               "indien zijn inkomen groter is dan") + """
|---|---|---|---|
| 1 | 10 € | 1000 € | n.v.t. |
| 2 | 20 € | n.v.t. | 1000,01 € |
""")
    f = _een(tabellen(ctx), "RS310")
    assert f.details["gebied"] == "inkomen = 1000,01 €"
    assert f.details["voorstel"] == "| 3 | … | 1000,01 € | 1000 € |"
    assert f.tegenvoorbeeld["objecten"]["persoon"]["inkomen"] == "1000.01"  # type: ignore[index]


def test_table_gap_filled_by_an_initialisatie_is_no_gap(tmp_path: Path) -> None:
    ctx = _laad(tmp_path, TABEL + """
Regel geen korting
\tgeldig altijd
\t\tDe korting van een Persoon moet geïnitialiseerd worden op 0 €.
""")
    assert [f for f in tabellen(ctx) if f.code == "RS310"] == []


# ---------------------------------------------------------------- dode-regel (RS320)


def test_dead_rule_and_dead_initialisatie(tmp_path: Path) -> None:
    ctx = _laad(tmp_path, PERSOON + """
Regel onmogelijk
\tgeldig altijd
\t\tDe korting van een Persoon moet gesteld worden op 5 €
\t\tindien er aan alle volgende voorwaarden wordt voldaan:
\t\t\t• zijn leeftijd is groter dan 65 jr
\t\t\t• zijn leeftijd is kleiner dan 18 jr.

Regel toeslag
\tgeldig altijd
\t\tDe toeslag van een Persoon moet berekend worden als 100 € min zijn inkomen.

Regel standaardtoeslag
\tgeldig altijd
\t\tDe toeslag van een Persoon moet geïnitialiseerd worden op 0 €.
""")
    fs = dode_regels(ctx)
    assert sorted(f.details["regel"] for f in fs) == ["onmogelijk", "standaardtoeslag"]
    assert all((f.code, f.soort, f.oordeel) == ("RS320", "dode-regel", Oordeel.BEWEZEN) for f in fs)
    assert any("altijd al gevuld" in f.bericht for f in fs)


# ---------------------------------------------------------------- inconsistentie (RS220)


def test_consistentieregel_violated_by_derived_value(tmp_path: Path) -> None:
    ctx = _laad(tmp_path, PERSOON + """
Regel toeslag
\tgeldig altijd
\t\tDe toeslag van een Persoon moet berekend worden als 1000 € min zijn inkomen.

Regel toeslag niet negatief
\tgeldig altijd
\t\tDe toeslag van een Persoon moet groter of gelijk zijn aan 0 €.
""")
    f = _een(inconsistenties(ctx), "RS220")
    assert (f.details["schending"], f.oordeel) == ("geschonden", Oordeel.BEWEZEN)
    code, uit = _bereken(tmp_path, f)
    assert code == 1 and uit["inconsistenties"][0]["regel"] == "toeslag niet negatief"


def test_value_outside_declared_domain(tmp_path: Path) -> None:
    ctx = _laad(tmp_path, PERSOON + """
Regel korting
\tgeldig altijd
\t\tDe korting van een Persoon moet berekend worden als 100 € min (2 € maal
\t\t(de tijdsduur van zijn geboortedatum tot de Rekendatum in hele jaren gedeeld door 1 jr)).

Regel toeslag
\tgeldig altijd
\t\tDe toeslag van een Persoon moet berekend worden als zijn inkomen gedeeld door 3.
""")
    fs = inconsistenties(ctx)
    negatief = next(f for f in fs if f.details["schending"] == "negatief")
    assert negatief.details["waarde"] == "-2" and negatief.oordeel is Oordeel.BEWEZEN
    code, uit = _bereken(tmp_path, negatief)
    assert code == 0 and uit["objecten"]["persoon"]["attributen"]["korting"] == "-2"
    decimalen = next(f for f in fs if f.details["schending"] == "decimalen")
    code, uit = _bereken(tmp_path, decimalen)
    assert code == 2 and uit["diagnostieken"][0]["code"] == "RS106"


def test_consistentieregels_that_never_hold(tmp_path: Path) -> None:
    ctx = _laad(tmp_path, PERSOON + """
Regel negatief
\tgeldig altijd
\t\tDe leeftijd van een Persoon moet kleiner zijn dan 0 jr.

Regel oud
\tgeldig altijd
\t\tDe korting van een Persoon moet groter zijn dan 65 €.

Regel jong
\tgeldig altijd
\t\tDe korting van een Persoon moet kleiner zijn dan 18 €.
""")
    fs = inconsistenties(ctx)
    assert {f.details["schending"] for f in fs} == {"nooit vervulbaar", "samen onvervulbaar"}
    assert all(f.oordeel is Oordeel.BEWEZEN and f.code == "RS220" for f in fs)
    nooit = next(f for f in fs if f.details["schending"] == "nooit vervulbaar")
    assert nooit.regels[0].naam == "negatief"


# ---------------------------------------------------------------- clean models


SCHOON = PERSOON + """
Regel toeslag
\tgeldig altijd
\t\tDe toeslag van een Persoon moet berekend worden als (1000 € min zijn inkomen), met een minimum van 0 €.

Regel toeslag begrensd
\tgeldig altijd
\t\tDe toeslag van een Persoon moet kleiner of gelijk zijn aan 1000 €.

Beslistabel soortkorting
\tgeldig altijd
| | de korting van een Persoon moet gesteld worden op | indien zijn soort gelijk is aan | indien hij student is |
|---|---|---|---|
| 1 | 10 € | 'a' of 'b' | waar |
| 2 | 10 € | 'a' of 'b' | onwaar |
| 3 | 10 € | 'c' | n.v.t. |
"""


def test_clean_model_gives_no_findings(tmp_path: Path) -> None:
    ctx = _laad(tmp_path, SCHOON)
    for analyse in (conflicten, tabellen, dode_regels, inconsistenties):
        assert analyse(ctx) == [], analyse.__name__


@pytest.mark.parametrize("rekendatum", [date(2024, 7, 1), date(2025, 7, 1)])
def test_zorgtoeslag_has_no_false_positives(rekendatum: date) -> None:
    map_ = ROOT / "wetten" / "zorgtoeslag"
    model, _ = load_model(list(folder.find(map_).rgs))
    params = {k: v for p in folder.find(map_).parameters
              for k, v in read_parameters(p, model, model.eenheden, rekendatum)[0].items()}
    ctx = Context(model, params, rekendatum, )
    for analyse in (conflicten, tabellen, dode_regels, inconsistenties):
        fs = analyse(ctx)
        # No claim (bewezen, tegenvoorbeeld) on the law model. The monthly model's sums over the months ('het
        # totaal van', a member's timeline summed per month) are free values in the encoding (an over-approximation),
        # so a domain check on them may stay undecided: an honest INFO note the interpreter did not confirm, never a
        # finding. Since the stretches share their analysis's rlimit (analyses/stukgewijs.py), one decimals question
        # over the count of months may end at its limit: "niet gevonden binnen budget", still no claim. Asked here
        # without the stretches (the CLI asks per stretch, and there every finding stayed the same when each question
        # became parsed text, solver/search.py `vraagtekst`), three questions over sums of months end at their limit.
        assert [f for f in fs if f.oordeel is not Oordeel.NIET_GEVONDEN] == [], analyse.__name__
        assert all(f.ernst is Ernst.INFO and f.details.get("status") in ("niet bevestigd", "niet gevonden", "budget")
                   for f in fs), analyse.__name__
        assert sum(f.details.get("status") == "budget" for f in fs) <= 3, [f.bericht for f in fs]


def test_codes_are_registered_and_documented() -> None:
    for code in ("RS210", "RS220", "RS230", "RS310", "RS311", "RS320"):
        assert code in CODES
        tekst = (ROOT / "docs" / "codes" / f"{code}.md").read_text("utf-8")
        for kop in ("## Wat", "## Waarom", "## Voorbeeld", "## Grondslag"):
            assert kop in tekst, (code, kop)
