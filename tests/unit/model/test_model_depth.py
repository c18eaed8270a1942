"""Deep models (issue 15): a chain of `Daarbij geldt` variables once passed `controleer` and then
exhausted Python's stack in `bereken`. Unfolded depth is now bounded (RS915, model.depth), and every
engine copes with a model right at the limit."""

from __future__ import annotations

import datetime
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regelspraak.evaluate import convert, vectorize
from regelspraak.evaluate.interpret import Gegevens, Invoer, run
from regelspraak.model.depth import MAX_UITGEVOUWEN
from regelspraak.model.from_syntax import load_model
from tests.e2e.cli_helpers import cli

KOP = ("Objecttype de Uitkering (mv: Uitkeringen)\n\thet totaal\tNumeriek (getal met 2 decimalen) met eenheid €;\n"
       "\thet bedrag\tNumeriek (getal met 2 decimalen) met eenheid €;\n\nRegel bedrag\n\tgeldig altijd\n")


def keten(n: int, vertakt: bool = False) -> str:
    """A rule whose value is V{n}, each variable adding 1 € to the one before (depth 2 per link);
    `vertakt`: each link uses the one before twice (a tree that is wide as well as deep)."""
    regels = [KOP + f"\t\tHet bedrag van een Uitkering moet berekend worden als V{n}.\n\t\tDaarbij geldt:\n",
              "\t\t\tV0 is het totaal van de Uitkering\n"]
    for i in range(1, n + 1):
        regels.append(f"\t\t\tV{i} is V{i - 1} plus V{i - 1}\n" if vertakt else f"\t\t\tV{i} is V{i - 1} plus 1 €\n")
    return "".join(regels)


def _schrijf(tmp: Path, tekst: str) -> Path:
    p = tmp / "m.rgs"
    p.write_text(tekst, "utf-8")
    (tmp / "g.yaml").write_text("rekendatum: 2025-01-01\nobjecten:\n  u: {type: Uitkering, totaal: 10}\n", "utf-8")
    return p


GRENS = (MAX_UITGEVOUWEN - 3) // 2  # the longest chain within the limit (depth 2 per link, 3 around it)


def test_the_reported_chain_of_350_is_refused_by_controleer_and_bereken(tmp_path: Path) -> None:
    p = _schrijf(tmp_path, keten(350))
    r = cli("controleer", str(p))
    assert r.code == 1 and "RS915" in r.uitvoer and str(MAX_UITGEVOUWEN) in r.uitvoer, r.uitvoer
    r = cli("bereken", str(p), "--gegevens", str(tmp_path / "g.yaml"))
    assert r.code in (1, 2) and "RS915" in r.uitvoer and "RecursionError" not in r.uitvoer, r.uitvoer


@pytest.mark.parametrize("uitleg", [False, True])
def test_interpreter_at_the_limit(tmp_path: Path, uitleg: bool) -> None:
    p = _schrijf(tmp_path, keten(GRENS))
    r = cli("bereken", str(p), "--gegevens", str(tmp_path / "g.yaml"), *(["--uitleg"] if uitleg else []))
    assert r.code == 0, r.uitvoer
    assert f"{10 + GRENS}" in r.uitvoer


def test_vectorised_engine_at_the_limit(tmp_path: Path) -> None:
    model, diags = load_model([_schrijf(tmp_path, keten(GRENS))])
    assert not [d for d in diags if d.is_fout]
    g = Gegevens(datetime.date(2025, 1, 1), {}, {"u": Invoer("uitkering", {"totaal": Fraction(10)}, {})}, [])
    pop = convert.populatie(model, g)
    vectorize.run(model, pop, g.rekendatum, {})
    k = pop.tabellen["uitkering"].kolommen["bedrag"]
    assert Fraction(int(k.waarden[0]), k.noemer) == 10 + GRENS
    assert run(model, g).instanties["u"].waarden["bedrag"] == 10 + GRENS


def test_analyses_at_the_limit(tmp_path: Path) -> None:
    p = _schrijf(tmp_path, keten(GRENS))
    r = cli("analyseer", str(p), "--budget", "2", "--formaat", "json")
    assert r.code in (0, 1), r.uitvoer
    assert "RecursionError" not in r.uitvoer


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(n=st.integers(min_value=1, max_value=400), vertakt=st.booleans())
def test_depth_is_refused_exactly_past_the_limit(tmp_path: Path, n: int, vertakt: bool) -> None:
    _model, diags = load_model([_schrijf(tmp_path, keten(n, vertakt))])
    te_diep = [d for d in diags if d.code == "RS915"]
    assert bool(te_diep) == (2 * n + 3 > MAX_UITGEVOUWEN)


def test_doctests() -> None:
    import doctest

    from regelspraak.model import depth

    uitslag = doctest.testmod(depth)
    assert uitslag.attempted > 0 and uitslag.failed == 0
