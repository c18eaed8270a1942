"""The z3 analyses on timeline models stay within their resource counts (issue 11; `analyseer
wetten/zorgtoeslag` ran for over ten minutes inside one question), and a function over time that the
encoding leaves free still carries what holds in every world (solver/tijdfeiten.py).

Asserted on z3's parameters and its own resource counter, never on time."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from regelspraak.analyses.context import load
from regelspraak.analyses.findings import Oordeel
from regelspraak.analyses.limieten import RLIMIT_ANALYSE, RLIMIT_VRAAG_STUK
from regelspraak.analyses.reachability import inconsistenties
from regelspraak.analyses.registry import run_all
from regelspraak.analyses.solver.search import Context
from regelspraak.analyses.solver.tijdfeiten import niet_negatief
from regelspraak.analyses.stukken import stukken
from regelspraak.model import ir
from regelspraak.model.from_syntax import load_model

ROOT = Path(__file__).resolve().parents[4]

# A count of months (the total of a 0/1 month marker) and a total of a difference (which can be negative).
MAANDEN = """Objecttype de Persoon (mv: Personen) (bezield)
\thet inkomen\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\tde grens\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\tde maand met recht\tNumeriek (niet-negatief geheel getal) voor elke maand;
\thet aantal maanden met recht\tNumeriek (niet-negatief geheel getal);
\tde ruimte\tNumeriek (niet-negatief getal met 2 decimalen) met eenheid € voor elke maand;
\tde ruimte over het jaar\tNumeriek (niet-negatief getal met 2 decimalen) met eenheid €;

Regel maand met recht
\tgeldig altijd
\t\tDe maand met recht van een Persoon moet gesteld worden op 1
\t\tindien zijn inkomen kleiner is dan 2000 €.

Regel aantal maanden met recht
\tgeldig altijd
\t\tHet aantal maanden met recht van een Persoon moet berekend worden als het totaal van zijn maand met recht.

Regel ruimte
\tgeldig altijd
\t\tDe ruimte van een Persoon moet berekend worden als zijn grens min zijn inkomen.

Regel ruimte over het jaar
\tgeldig altijd
\t\tDe ruimte over het jaar van een Persoon moet berekend worden als het totaal van zijn ruimte.
"""


def _model(tmp_path: Path) -> ir.Model:
    (tmp_path / "m.rgs").write_text(MAANDEN, "utf-8")
    model, diags = load_model([tmp_path / "m.rgs"])
    assert not [d for d in diags if d.is_fout], diags
    return model


def _context(model: ir.Model) -> Context:
    [stuk] = stukken(model, date(2025, 7, 1), {})
    return Context(model, {}, date(2025, 7, 1), stuk=stuk)


def test_a_total_of_a_month_marker_is_not_negative_so_no_domain_question_remains(tmp_path: Path,
                                                                              vragen: list[dict[str, Any]]) -> None:
    model = _model(tmp_path)
    findings = inconsistenties(_context(model))
    over = [f for f in findings if "'aantal maanden met recht'" in f.bericht and "niet-negatief" in f.bericht]
    # Before: the free total could be negative in the encoding, the witness search found "cases" the
    # interpreter could not confirm, and the question ended as "Niet beslist".
    assert over == [], [f.bericht for f in over]
    # The total of a difference can be negative: still asked, found or honestly undecided, never proven away.
    ruimte = [f for f in findings if "'ruimte over het jaar'" in f.bericht and "niet-negatief" in f.bericht]
    assert ruimte and all(f.oordeel in (Oordeel.TEGENVOORBEELD, Oordeel.BEWEZEN, Oordeel.NIET_GEVONDEN)
                          for f in ruimte), ruimte
    assert vragen


def test_every_question_on_a_stretch_runs_without_uncounted_integer_procedures(
        tmp_path: Path, vragen: list[dict[str, Any]]) -> None:
    inconsistenties(_context(_model(tmp_path)))
    assert vragen
    for v in vragen:
        assert v["lp.dio"] == "false", v
        assert v["gezet"].get("arith.enable_hnf") is False, v
        assert v["gezet"]["rlimit"] <= RLIMIT_VRAAG_STUK, v
        assert v["eenheden"] <= v["gezet"]["rlimit"] * 2 + 1_000_000, v


def test_sign_analysis_follows_the_writing_rules(tmp_path: Path) -> None:
    model = _model(tmp_path)
    attrs = {a.naam: a for ot in model.objecttypen.values() for a in ot.attributen.values()}

    def lees(naam: str) -> ir.AttribuutLezen:
        a = attrs[naam]
        return ir.AttribuutLezen(ir.Onderwerp(ir.Type("object"), a.herkomst), a, a.type, a.herkomst)

    assert niet_negatief(model, lees("maand met recht"), {})  # declared so, and written as 1
    assert not niet_negatief(model, lees("ruimte"), {})  # declared so, but written as a difference
    assert not niet_negatief(model, lees("inkomen"), {})  # input without a sign


def test_monthly_zorgtoeslag_domain_questions_within_the_counts(vragen: list[dict[str, Any]]) -> None:
    """The analysis that ran for over ten minutes (RS220 domein on the monthly zorgtoeslag)."""
    ctx = load(ROOT / "wetten" / "zorgtoeslag", date(2025, 7, 1))
    findings, _ = run_all(ctx, lambda _naam: None, frozenset({"inconsistenties"}))
    assert sum(v["eenheden"] for v in vragen) <= RLIMIT_ANALYSE
    berichten = [f.bericht for f in findings if f.code == "RS220"]
    # the totals of a month marker (verzekerde maand, maand met aanspraak) are never negative
    for naam in ("aantal maanden als verzekerde", "aantal maanden met aanspraak"):
        assert not [b for b in berichten if f"'{naam}' buiten het domein" in b], berichten
    assert all(b.startswith(("Niet beslist", "Niet gecontroleerd")) for b in berichten), berichten
