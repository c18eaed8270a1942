"""Properties of the timeline sentence forms (taal.md §11, issue 11).

- Splitting an input stretch into two with equal values changes no result (the knip may cut
  anywhere; equal neighbours merge again): for a result restricted in time, bare periods,
  `het totaal van`, `het aantal dagen in de maand dat`, `het tijdsevenredig deel per maand van`
  and `gedurende het gehele jaar`.
- A timeline that is constant over a year gives what the yearly model gives: the total of a
  constant monthly amount over a year is twelve times it, its time-proportional part per month is
  the amount itself, and `gedurende het gehele jaar` holds.
- Typed sentences built from the new forms, with boundaries on and around month ends, leap days and
  1 July, load and run without an exception.
"""

from __future__ import annotations

import itertools
import tempfile
from datetime import date, timedelta
from fractions import Fraction as F
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from regelspraak.evaluate.interpret import Gegevens, Invoer, run
from regelspraak.model import ir
from regelspraak.model.from_syntax import load_model
from regelspraak.values.tijdlijn import Stuk, Tijdlijn

KOP = """Objecttype de Persoon (mv: Personen) (bezield)
\thet bedrag\tNumeriek (getal met 2 decimalen) met eenheid €/mnd voor elke maand;
\thet recht\tBoolean voor elke dag;
\tde uitkomst\tNumeriek (getal met 2 decimalen) met eenheid €/mnd voor elke maand;
\thet deel\tNumeriek (getal met 2 decimalen) met eenheid €/mnd voor elke maand;
\tde dagen\tNumeriek (geheel getal) voor elke maand;
\tde jaarpremie\tNumeriek (getal met 2 decimalen) met eenheid € voor elk jaar;
\thet totaalbedrag\tNumeriek (getal met 2 decimalen) met eenheid €;
\tis verzekerd\tkenmerk (bijvoeglijk);
"""

REGELS = {
    "uitkomst": "De uitkomst van een Persoon moet berekend worden als zijn bedrag plus 1 €/mnd gedurende de tijd dat "
                "zijn recht gelijk is aan waar indien hij verzekerd is.",
    "deel": "Het deel van een Persoon moet berekend worden als (het tijdsevenredig deel per maand van zijn bedrag "
            "gedurende de tijd dat zijn recht gelijk is aan waar) naar beneden afgerond op 2 decimalen.",
    "dagen": "De dagen van een Persoon moet berekend worden als het aantal dagen in de maand dat zijn recht gelijk is "
             "aan waar.",
    "jaarpremie": "De jaarpremie van een Persoon moet gesteld worden op 100 € indien zijn bedrag gedurende het gehele "
                  "jaar groter is dan 0 €/mnd.",
    "totaalbedrag": "Het totaalbedrag van een Persoon moet berekend worden als (het totaal van zijn bedrag van "
                    "01-03-2024 tot en met 15-08-2024) naar beneden afgerond op 2 decimalen.",
}


def _model() -> ir.Model:
    tekst = KOP + "".join(f"Regel {naam}\n\tbron: geen — test\n\tgeldig altijd\n\t\t{zin}\n"
                          for naam, zin in REGELS.items())
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "m.rgs"
        p.write_text(tekst, encoding="utf-8")
        model, diags = load_model([p])
    assert [x for x in diags if x.is_fout] == []
    return model


MODEL = _model()
UITKOMSTEN = ("uitkomst", "deel", "dagen", "jaarpremie", "totaalbedrag")


def _uit(bedrag: Tijdlijn | None, recht: Tijdlijn | None) -> dict[str, object]:
    attrs = {k: v for k, v in (("bedrag", bedrag), ("recht", recht)) if v is not None}
    g = Gegevens(date(2024, 1, 1), {}, {"p": Invoer("persoon", attrs, {"verzekerd": True})}, [])  # type: ignore[arg-type]
    u = run(MODEL, g)
    assert u.fouten == []
    return {k: u.instanties["p"].waarden.get(k) for k in UITKOMSTEN}


# Boundaries on and around month ends, leap days and 1 July.
GRENZEN = (date(2023, 12, 31), date(2024, 1, 1), date(2024, 1, 31), date(2024, 2, 28), date(2024, 2, 29),
           date(2024, 3, 1), date(2024, 6, 30), date(2024, 7, 1), date(2024, 7, 2), date(2024, 12, 31),
           date(2025, 1, 1), date(2025, 7, 1))


@st.composite
def tijdlijnen(draw: st.DrawFn, periode: str, waarden: st.SearchStrategy[object]) -> Tijdlijn:
    grenzen = sorted(set(draw(st.lists(st.sampled_from(GRENZEN), min_size=2, max_size=5))))
    if len(grenzen) < 2:
        grenzen = [date(2024, 1, 1), date(2025, 1, 1)]
    stukken = [(a, b, draw(waarden)) for a, b in itertools.pairwise(grenzen)]
    return Tijdlijn.maak(periode, stukken)


def _splits(lijn: Tijdlijn, waar: int) -> Tijdlijn:
    """The same timeline with one stretch cut in two (equal values): `maak` merges it back, so the
    pieces go in as a tuple the engines must treat the same."""
    stukken = list(lijn.stukken)
    if not stukken:
        return lijn
    s = stukken[waar % len(stukken)]
    dagen = (s.tot - s.vanaf).days
    if dagen < 2:
        return lijn
    midden = s.vanaf + timedelta(days=1 + waar % (dagen - 1))
    i = stukken.index(s)
    stukken[i:i + 1] = [Stuk(s.vanaf, midden, s.waarde), Stuk(midden, s.tot, s.waarde)]
    return Tijdlijn(lijn.periode, tuple(stukken))


BEDRAGEN = st.one_of(st.none(), st.integers(-50, 500).map(F))


@settings(max_examples=40, deadline=None, derandomize=True)
@given(tijdlijnen("maand", BEDRAGEN), tijdlijnen("dag", st.sampled_from((True, False, None))), st.integers(0, 10**6),
       st.integers(0, 10**6))
def test_een_stuk_splitsen_verandert_niets(bedrag: Tijdlijn, recht: Tijdlijn, i: int, j: int) -> None:
    assert _uit(bedrag, recht) == _uit(_splits(bedrag, i), _splits(recht, j))


@settings(max_examples=30, deadline=None, derandomize=True)
@given(st.integers(1, 1000))
def test_constant_over_het_jaar_is_het_jaarmodel(c: int) -> None:
    jaar = (date(2024, 1, 1), date(2025, 1, 1))
    uit = _uit(Tijdlijn.constant("maand", *jaar, F(c)), Tijdlijn.constant("dag", *jaar, True))
    # The yearly model: an amount c per month, all year, with the right all year.
    assert uit["deel"] == Tijdlijn.constant("maand", *jaar, F(c))
    assert uit["uitkomst"] == Tijdlijn.constant("maand", *jaar, F(c + 1))
    assert uit["jaarpremie"] == Tijdlijn.constant("jaar", *jaar, F(100))
    # 1-3 up to and including 15-8: 5 whole months and 15/31 of August.
    assert uit["totaalbedrag"] == F((F(c) * 5 + F(c) * 15 / 31) * 100 // 1, 100)
    dagen = uit["dagen"]
    assert isinstance(dagen, Tijdlijn)
    assert [dagen.op(date(2024, m, 1)) for m in range(1, 13)] == [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def test_gebroken_jaar_is_niet_het_gehele_jaar() -> None:
    bedrag = Tijdlijn.constant("maand", date(2024, 1, 1), date(2024, 12, 31), F(5))
    assert _uit(bedrag, None)["jaarpremie"] is None


# ---------------------------------------------------------------- typed sentences from the new forms

_D = st.sampled_from(GRENZEN).map(lambda d: f"{d:%d-%m-%Y}")


@st.composite
def _voorwaarde(draw: st.DrawFn) -> str:
    return draw(st.sampled_from((
        "zijn recht gelijk is aan waar", "zijn bedrag groter is dan 100 €/mnd", "hij verzekerd is",
        f"het is de periode van {draw(_D)} tot {draw(_D)}", f"het is de periode vanaf {draw(_D)}",
        "zijn bedrag gedurende de gehele maand groter is dan 0 €/mnd",
        "zijn recht niet gedurende het gehele jaar gelijk is aan waar")))


@st.composite
def _tijdconditie(draw: st.DrawFn) -> str:
    return draw(st.sampled_from((
        f"gedurende de tijd dat {draw(_voorwaarde())}", f"van {draw(_D)} tot {draw(_D)}",
        f"van {draw(_D)} tot en met {draw(_D)}", f"vanaf {draw(_D)}", f"tot {draw(_D)}", f"tot en met {draw(_D)}")))


@st.composite
def _regel(draw: st.DrawFn) -> str:
    x = draw(st.sampled_from(("zijn bedrag", "zijn bedrag plus 3 €/mnd", "((zijn bedrag gedeeld door 3) naar "
                              "beneden afgerond op 2 decimalen)")))
    indien = draw(st.sampled_from(("", f" indien {draw(_voorwaarde())}")))
    vorm = draw(st.integers(0, 3))
    if vorm == 0:
        return f"De uitkomst van een Persoon moet berekend worden als {x} {draw(_tijdconditie())}{indien}."
    if vorm == 1:
        return (f"Het deel van een Persoon moet berekend worden als (het tijdsevenredig deel per maand van {x} "
                f"{draw(_tijdconditie())}) naar beneden afgerond op 2 decimalen{indien}.")
    if vorm == 2:
        return ("De dagen van een Persoon moet berekend worden als het aantal dagen in de maand dat "
                f"{draw(_voorwaarde())}.")
    # One value: a condition of its own may not read a timeline (it would differ per period: RS121).
    indien = draw(st.sampled_from(("", " indien hij verzekerd is")))
    return (f"Het totaalbedrag van een Persoon moet berekend worden als (het totaal van {x} {draw(_tijdconditie())}) "
            f"naar beneden afgerond op 2 decimalen{indien}.")


@settings(max_examples=60, deadline=None, derandomize=True)
@given(_regel(), tijdlijnen("maand", BEDRAGEN), tijdlijnen("dag", st.sampled_from((True, False, None))),
       st.booleans())
def test_getypte_zinnen_laden_en_rekenen(zin: str, bedrag: Tijdlijn, recht: Tijdlijn, verzekerd: bool) -> None:
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "m.rgs"
        p.write_text(KOP + f"Regel r\n\tbron: geen — test\n\tgeldig altijd\n\t\t{zin}\n", encoding="utf-8")
        model, diags = load_model([p])
    assert [x for x in diags if x.is_fout] == [], (zin, diags)
    g = Gegevens(date(2024, 1, 1), {}, {"p": Invoer("persoon", {"bedrag": bedrag, "recht": recht},
                                                     {"verzekerd": verzekerd})}, [])
    u = run(model, g)
    # Only computation errors with a place may come back (a period that ends before it starts is fine).
    assert all(f.code in ("RS206", "RS106") for f in u.fouten), u.fouten
