"""Kenmerken with a timeline (taal.md §11): `is verzekerd kenmerk (bijvoeglijk) voor elke maand;`.

Declaration, case-file input (stretches, 12 months a year, one value for the whole year), reading per
knip stretch, kenmerktoekenning per stretch (waar where any rule fires, onwaar where evaluated and not),
RS124 for a single-valued target, output per stretch, and the properties: a kenmerk that is constant
over the year gives what the same model without timeline gives; splitting a stretch changes nothing."""

from __future__ import annotations

import itertools
import json
from datetime import date, timedelta
from fractions import Fraction as F
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regelspraak.evaluate.interpret import Gegevens, Invoer, run
from regelspraak.model import ir
from regelspraak.model.from_syntax import load_model
from regelspraak.values.tijdlijn import Tijdlijn

J = date(2024, 1, 1), date(2025, 1, 1)

KOP = """Objecttype de Persoon (mv: Personen) (bezield)
\tde basis\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\tde uitkomst\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\tde dagen\tNumeriek (geheel getal) voor elke maand;
\tde som\tNumeriek (getal met 2 decimalen) met eenheid €;
\tis verzekerd\tkenmerk (bijvoeglijk) voor elke {per};
\tis partner kenmerk (bijvoeglijk) voor elke maand;
\tis gedekt\tkenmerk (bijvoeglijk) voor elke maand;
\tis gewoon\tkenmerk (bijvoeglijk);
"""


def _regels(*zinnen: str) -> str:
    return "".join(f"Regel r{i}\n\tbron: geen — test\n\tgeldig altijd\n\t\t{z}\n" for i, z in enumerate(zinnen))


def _model(tmp_path: Path, *zinnen: str, per: str = "dag") -> tuple[ir.Model, list[str]]:
    p = tmp_path / "m.rgs"
    p.write_text(KOP.format(per=per) + _regels(*zinnen), encoding="utf-8")
    model, diags = load_model([p])
    return model, [f"{d.code} {d.bericht}" for d in diags]


def _lijn(per: str, *stukken: tuple[date, date, object]) -> Tijdlijn:
    return Tijdlijn.maak(per, stukken)


def test_declaratie(tmp_path: Path) -> None:
    model, diags = _model(tmp_path)
    assert diags == []
    kms = model.objecttypen["persoon"].kenmerken
    assert (kms["verzekerd"].periode, kms["partner"].periode, kms["gewoon"].periode) == ("dag", "maand", None)
    assert kms["partner"].soort == "bijvoeglijk"


def test_kenmerk_per_stuk_gelezen_en_toegekend(tmp_path: Path) -> None:
    model, diags = _model(
        tmp_path,
        "De uitkomst van een Persoon moet berekend worden als zijn basis gedurende de tijd dat hij verzekerd is.",
        "Een Persoon is gedekt indien hij verzekerd is.",
        "Een Persoon is gedekt indien hij een partner is.")
    assert diags == []
    verzekerd = _lijn("dag", (date(2024, 1, 1), date(2024, 3, 15), False), (date(2024, 3, 15), J[1], True))
    partner = _lijn("maand", (date(2024, 1, 1), date(2024, 2, 1), True))
    g = Gegevens(J[0], {}, {"p": Invoer("persoon", {"basis": Tijdlijn.constant("maand", *J, F(10))},
                                        {"verzekerd": verzekerd, "partner": partner})}, [])
    u = run(model, g)
    assert u.fouten == []
    p = u.instanties["p"]
    assert p.waarden["uitkomst"] == _lijn("maand", (date(2024, 3, 15), J[1], F(10)))
    # Two rules assign 'gedekt': waar where either holds (partner in January, verzekerd from 15 March),
    # onwaar in between, and the span is that of what they read (partner's month only reaches February).
    assert p.kenmerken["gedekt"] == _lijn("maand", (J[0], date(2024, 2, 1), True),
                                          (date(2024, 2, 1), date(2024, 3, 15), False),
                                          (date(2024, 3, 15), J[1], True))
    af = p.afleidingen["kenmerk:gedekt"]
    assert any(not s.gevuurd and s.waarde is False for s in af.stukken)


def test_een_waarde_geldt_het_hele_jaar_en_ontbreken_is_onwaar(tmp_path: Path) -> None:
    model, _ = _model(tmp_path, "De dagen van een Persoon moet berekend worden als het aantal dagen in de maand "
                                "dat hij verzekerd is.",
                      "De som van een Persoon moet berekend worden als het totaal van zijn basis gedurende de "
                      "tijd dat hij een partner is.")
    basis = Tijdlijn.constant("maand", *J, F(10))
    u = run(model, Gegevens(date(2024, 7, 1), {}, {"p": Invoer("persoon", {"basis": basis}, {"verzekerd": True})},
                            []))
    p = u.instanties["p"]
    assert p.kenmerken["verzekerd"] == Tijdlijn.constant("dag", *J, True)
    assert p.kenmerken["partner"] == Tijdlijn.constant("maand", *J, False)  # not given: onwaar over the year
    dagen = p.waarden["dagen"]
    assert isinstance(dagen, Tijdlijn)
    assert [s.waarde for s in dagen.stukken][:3] == [F(31), F(29), F(31)]
    assert p.waarden["som"] is None  # partner nowhere: nothing to total


@pytest.mark.parametrize(("zin", "code", "woord"), [
    ("De som van een Persoon moet gesteld worden op 3 € indien hij verzekerd is.", "RS124",
     "kenmerk 'verzekerd' is een tijdlijn"),
    ("Een Persoon is gewoon indien hij verzekerd is.", "RS124", "het kenmerk 'gewoon' is geen tijdlijn"),
    ("Een Persoon is gewoon indien zijn basis groter is dan 3 €.", "RS121", "het kenmerk 'gewoon'"),
    # A kenmerk with a timeline filled by a rule that reads no timeline has no begin or end.
    ("Een Persoon is gedekt indien hij gewoon is.", "RS121", "geen begin of einde"),
])
def test_typefouten(tmp_path: Path, zin: str, code: str, woord: str) -> None:
    _, diags = _model(tmp_path, zin)
    assert any(d.startswith(code) and woord in d for d in diags), diags


def test_totaal_gedurende_een_kenmerk_geeft_een_waarde(tmp_path: Path) -> None:
    _, diags = _model(tmp_path, "De som van een Persoon moet berekend worden als het totaal van zijn basis "
                                "gedurende de tijd dat hij verzekerd is.")
    assert diags == []


def _cli(*args: str) -> tuple[int, str]:
    from typer.testing import CliRunner

    from regelspraak.cli import app

    r = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return r.exit_code, r.output


def test_gevalbestand_en_uitvoer(tmp_path: Path) -> None:
    _model(tmp_path, "Een Persoon is gedekt indien hij verzekerd is.", per="maand")
    geval = tmp_path / "g.yaml"
    geval.write_text("# test\nrekendatum: 2024-01-01\nobjecten:\n  p:\n    type: Persoon\n"
                     "    verzekerd:\n      2024: [nee, nee, ja, ja, ja, ja, ja, ja, ja, ja, ja, ja]\n"
                     "    partner:\n      - {vanaf: 2024-04-01, tot: 2024-07-01, waarde: waar}\n", encoding="utf-8")
    code, out = _cli("bereken", str(tmp_path / "m.rgs"), "--gegevens", str(geval), "--formaat", "json")
    assert code == 0, out
    p = json.loads(out)["objecten"]["p"]["kenmerken"]
    assert p["gedekt"] == [{"vanaf": "2024-01-01", "tot": "2024-03-01", "waarde": False},
                           {"vanaf": "2024-03-01", "tot": "2025-01-01", "waarde": True}]
    assert p["partner"] == [{"vanaf": "2024-04-01", "tot": "2024-07-01", "waarde": True}]
    assert p["gewoon"] is False
    code, out = _cli("bereken", str(tmp_path / "m.rgs"), "--gegevens", str(geval), "--uitleg")
    assert code == 0, out
    assert "van 01-03-2024 tot 01-01-2025: waar" in out and "per maand" not in out.split("gedekt")[1][:60]


@pytest.mark.parametrize(("waarde", "veld", "woord"), [
    ("[{vanaf: 2024-01-01, tot: 2024-03-01, waarde: misschien}]", "verzekerd.0.waarde", "waar of onwaar"),
    ("{2024: [ja, nee]}", "verzekerd.2024", "12 maandwaarden"),
    ("misschien", "verzekerd", "waar of onwaar"),
])
def test_gevalbestand_fouten_noemen_het_veld(tmp_path: Path, waarde: str, veld: str, woord: str) -> None:
    _model(tmp_path, per="maand")
    geval = tmp_path / "g.yaml"
    geval.write_text(f"rekendatum: 2024-01-01\nobjecten:\n  p:\n    type: Persoon\n    verzekerd: {waarde}\n",
                     encoding="utf-8")
    code, out = _cli("bereken", str(tmp_path / "m.rgs"), "--gegevens", str(geval))
    assert code == 2
    assert "g.yaml:5" in out and woord in out, out
    assert veld.split(".")[0] in out


# ---------------------------------------------------------------- properties

JAARMODEL = """Objecttype de Persoon (mv: Personen) (bezield)
\tde basis\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\tde uitkomst\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\tis verzekerd\tkenmerk (bijvoeglijk){tijd};
\tis gedekt\tkenmerk (bijvoeglijk) voor elke maand;
Regel uitkomst
\tbron: geen — test
\tgeldig altijd
\t\tDe uitkomst van een Persoon moet berekend worden als zijn basis maal 2 indien hij verzekerd is.
Regel nul
\tbron: geen — test
\tgeldig altijd
\t\tDe uitkomst van een Persoon moet berekend worden als zijn basis maal 0 indien hij niet verzekerd is.
"""


@pytest.fixture(scope="module")
def modellen(tmp_path_factory: pytest.TempPathFactory) -> tuple[ir.Model, ir.Model]:
    uit = []
    for tijd in ("", " voor elke dag"):
        p = tmp_path_factory.mktemp("m") / "m.rgs"
        p.write_text(JAARMODEL.format(tijd=tijd), encoding="utf-8")
        model, diags = load_model([p])
        assert not diags, diags
        uit.append(model)
    return uit[0], uit[1]


_MAANDEN = [date(2024, m, 1) for m in range(1, 13)] + [J[1]]
_basis = st.lists(st.sampled_from(_MAANDEN), min_size=2, max_size=5, unique=True).map(sorted).flatmap(
    lambda g: st.lists(st.integers(0, 500), min_size=len(g) - 1, max_size=len(g) - 1).map(
        lambda w: Tijdlijn.maak("maand", [(a, b, F(x)) for (a, b), x in zip(itertools.pairwise(g), w, strict=True)])))


@settings(max_examples=40, deadline=None)
@given(basis=_basis, aan=st.booleans())
def test_constant_kenmerk_is_het_jaarmodel(modellen: tuple[ir.Model, ir.Model], basis: Tijdlijn,
                                            aan: bool) -> None:
    """A kenmerk with a timeline that is constant over the year gives what the kenmerk without one gives."""
    jaar, tijd = modellen
    # The timeline kenmerk holds the same value over the basis's span and beyond.
    u1 = run(jaar, Gegevens(J[0], {}, {"p": Invoer("persoon", {"basis": basis}, {"verzekerd": aan})}, []))
    lijn = Tijdlijn.constant("dag", date(2023, 1, 1), date(2026, 1, 1), aan)
    u2 = run(tijd, Gegevens(J[0], {}, {"p": Invoer("persoon", {"basis": basis}, {"verzekerd": lijn})}, []))
    assert u1.fouten == [] and u2.fouten == []
    v1 = u1.instanties["p"].waarden["uitkomst"]
    v2 = u2.instanties["p"].waarden["uitkomst"]
    assert isinstance(v1, Tijdlijn) and isinstance(v2, Tijdlijn)
    # The timeline kenmerk widens the span (leeg maal 0 is 0 there, taal.md §6): equal on the basis's span.
    for s in basis.stukken:
        dag = s.vanaf
        while dag < s.tot:
            assert v2.op(dag) == v1.op(dag), dag
            dag += timedelta(days=7)


@settings(max_examples=40, deadline=None)
@given(basis=_basis, grenzen=st.lists(st.integers(1, 365), min_size=1, max_size=4, unique=True),
       deel=st.integers(1, 364))
def test_een_stuk_splitsen_verandert_niets(modellen: tuple[ir.Model, ir.Model], basis: Tijdlijn,
                                           grenzen: list[int], deel: int) -> None:
    """Splitting a stretch of the kenmerk into two equal halves gives the same result."""
    _, tijd = modellen
    punten = sorted({J[0] + timedelta(days=d) for d in grenzen} | set(J))
    stukken = [(a, b, i % 2 == 0) for i, (a, b) in enumerate(itertools.pairwise(punten))]
    heel = Tijdlijn.maak("dag", stukken)
    gesplitst: list[tuple[date, date, object]] = []
    for a, b, w in stukken:
        m = a + timedelta(days=deel % max((b - a).days, 1))
        gesplitst.extend([(a, m, w), (m, b, w)] if a < m < b else [(a, b, w)])
    assert Tijdlijn.maak("dag", gesplitst) == heel  # canonical: the split merges again

    def uit(lijn: object) -> object:
        # Build the input without canonicalising, as a reader would give stretches one by one.
        g = Gegevens(J[0], {}, {"p": Invoer("persoon", {"basis": basis}, {"verzekerd": lijn})}, [])  # type: ignore[dict-item]
        u = run(tijd, g)
        assert u.fouten == []
        return u.instanties["p"].waarden["uitkomst"]

    assert uit(heel) == uit(Tijdlijn(heel.periode, tuple(_stuk(a, b, w) for a, b, w in gesplitst)))


def _stuk(a: date, b: date, w: object) -> object:
    from regelspraak.values.tijdlijn import Stuk

    return Stuk(a, b, w)
