"""`… indien zijn inkomen leeg is` on a timeline (taal.md §11, §6; docs/semantiek.md "Tijdlijnen"): the rule
fires in the gaps *inside* the span of what it reads, not before the first or after the last stretch of
the income, and not for someone without income unless a parameter read covers the year. Both engines,
with the income as timelines, as month columns and as stretches (a population's long table)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction as F
from pathlib import Path

import numpy as np
import pytest

from regelspraak.evaluate import convert, vectorize
from regelspraak.evaluate.columns import Kolom
from regelspraak.evaluate.interpret import Gegevens, Invoer, run
from regelspraak.evaluate.periode_stukken import StukkenKolom
from regelspraak.evaluate.vector_periode import MAANDEN, PeriodeKolom, maanden
from regelspraak.model import ir
from regelspraak.model.from_syntax import load_model
from regelspraak.values.tijdlijn import Tijdlijn

MODEL = """Objecttype de Persoon (mv: Personen) (bezield)
\thet inkomen\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\tde toeslag\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
Parameter de verhoging : Numeriek (getal met 2 decimalen) met eenheid € voor elke maand;
Regel toeslag
\tbron: geen — test
\tgeldig altijd
\t\tDe toeslag van een Persoon moet berekend worden als {expr} indien zijn inkomen leeg is.
"""


def _m(i: int) -> date:
    return date(2025 + i // 12, i % 12 + 1, 1)


def _model(tmp: Path, expr: str) -> ir.Model:
    p = tmp / "m.rgs"
    p.write_text(MODEL.replace("{expr}", expr), encoding="utf-8")
    m, diags = load_model([p])
    assert not diags, diags
    return m


INKOMEN = Tijdlijn.maak("maand", [(_m(2), _m(5), F(100)), (_m(7), _m(9), F(100))])  # Mar–May, Aug–Sep
VERHOGING = Tijdlijn.maak("maand", [(_m(0), _m(12), F(5))])


def _als(vorm: str, model: ir.Model, g: Gegevens, pop: convert.Populatie) -> None:
    a = model.objecttypen["persoon"].attributen["inkomen"]
    lijnen = [g.objecten[o].attributen.get("inkomen") for o in convert.objectnamen(pop)["persoon"]]
    if vorm == "maandkolommen":
        per_maand = [[maanden(x, 2025)[m] if isinstance(x, Tijdlijn) else None for x in lijnen] for m in range(MAANDEN)]
        pop.tabellen["persoon"].kolommen["inkomen"] = PeriodeKolom("maand", None, a.type,
                                                                   [convert.kolom(a.type, c) for c in per_maand])
    elif vorm == "stukken":
        rijen = [(i, s.vanaf.toordinal(), s.tot.toordinal(), int(s.waarde * 100))
                 for i, x in enumerate(lijnen) if isinstance(x, Tijdlijn) for s in x.stukken]
        pop.tabellen["persoon"].kolommen["inkomen"] = StukkenKolom(
            "maand", a.type, len(lijnen), np.array([r[0] for r in rijen]), np.array([r[1] for r in rijen]),
            np.array([r[2] for r in rijen]),
            Kolom(np.array([r[3] for r in rijen]), np.ones(len(rijen), dtype=bool), 100))


@pytest.mark.parametrize("vorm", ["tijdlijnen", "maandkolommen", "stukken"])
@pytest.mark.parametrize(("expr", "verwacht_a", "verwacht_b"), [
    # a fixed amount: only the gap June–July inside a's span; b (no income, no parameter read) nothing
    ("10 €", [(_m(5), _m(7), F(10))], None),
    # the parameter covers the year: the year is the span, so every month without income fires
    ("de verhoging", [(_m(0), _m(2), F(5)), (_m(5), _m(7), F(5)), (_m(9), _m(12), F(5))], [(_m(0), _m(12), F(5))]),
])
def test_leeg_alleen_binnen_de_spanne(tmp_path: Path, vorm: str, expr: str, verwacht_a: list[tuple[date, date, F]],
                                      verwacht_b: list[tuple[date, date, F]] | None) -> None:
    model = _model(tmp_path, expr)
    g = Gegevens(date(2025, 1, 1), {"verhoging": VERHOGING},
                 {"a": Invoer("persoon", {"inkomen": INKOMEN}, {}), "b": Invoer("persoon", {}, {})}, [])
    u = run(model, g)
    assert u.fouten == []
    assert u.instanties["a"].waarden["toeslag"] == Tijdlijn.maak("maand", verwacht_a)
    assert u.instanties["b"].waarden.get("toeslag") == (Tijdlijn.maak("maand", verwacht_b) if verwacht_b else None)
    pop = convert.populatie(model, g)
    _als(vorm, model, g, pop)
    res = vectorize.run(model, pop, g.rekendatum, g.parameters)
    assert res.terugval == {}
    got = convert.objecten(model, pop)
    for o in ("a", "b"):
        assert got[o].attributen.get("toeslag") == u.instanties[o].waarden.get("toeslag"), o
