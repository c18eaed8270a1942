"""Execution order: writers before readers, an Initialisatie after all other writers, stable otherwise."""

from __future__ import annotations

from collections.abc import Callable

from regelspraak.diagnostics import Diagnostic
from regelspraak.model import ir

Laad = Callable[[str], tuple[ir.Model, list[Diagnostic]]]

DECL = """Objecttype de Persoon (mv: Personen) (bezield)
\thet inkomen\tNumeriek (getal) met eenheid €;
\tde toeslag\tNumeriek (getal) met eenheid €;
\thet netto\tNumeriek (getal) met eenheid €;
\tde leeftijd\tNumeriek (geheel getal) met eenheid jr;
\tis volwassen\tkenmerk (bijvoeglijk);
\tis kiesgerechtigd\tkenmerk (bijvoeglijk);

"""


def namen(model: ir.Model) -> list[str]:
    return [r.naam for r in model.regels]


def test_initialisatie_na_alle_andere_schrijvers_en_voor_de_lezers(laad: Laad) -> None:
    model, diags = laad(DECL + """Regel netto
\tgeldig altijd
\t\tHet netto van een Persoon moet berekend worden als zijn inkomen plus zijn toeslag.
Regel standaard
\tgeldig altijd
\t\tDe toeslag van een Persoon moet geïnitialiseerd worden op 10 €.
Regel toeslag laag inkomen
\tgeldig altijd
\t\tDe toeslag van een Persoon moet gesteld worden op 25 € indien zijn inkomen kleiner is dan 1000 €.
Regel toeslag hoog inkomen
\tgeldig altijd
\t\tDe toeslag van een Persoon moet gesteld worden op leeg indien zijn inkomen groter is dan 5000 €.
""")
    assert diags == []
    volgorde = namen(model)
    assert volgorde.index("standaard") > volgorde.index("toeslag laag inkomen")
    assert volgorde.index("standaard") > volgorde.index("toeslag hoog inkomen")
    assert volgorde.index("netto") > volgorde.index("standaard")


def test_lezers_van_een_kenmerk_na_de_toekenners(laad: Laad) -> None:
    model, diags = laad(DECL + """Regel kiesgerechtigd
\tgeldig altijd
\t\tEen Persoon is kiesgerechtigd indien hij volwassen is.
Regel volwassen
\tgeldig altijd
\t\tEen Persoon is volwassen indien zijn leeftijd groter of gelijk is aan 18 jr.
""")
    assert diags == []
    assert namen(model) == ["volwassen", "kiesgerechtigd"]
    kies = model.regels[1]
    assert ("persoon", "kenmerk:volwassen") in kies.leest
    assert ("persoon", "kenmerk:kiesgerechtigd") in kies.schrijft


def test_onafhankelijke_regels_houden_hun_volgorde(laad: Laad) -> None:
    model, _ = laad(DECL + "".join(f"""Regel r{i}
\tgeldig altijd
\t\tDe {a} van een Persoon moet berekend worden als 1 €.
""" for i, a in enumerate(["toeslag", "inkomen", "netto"])))
    assert namen(model) == ["r0", "r1", "r2"]


def test_lees_en_schrijfverzamelingen_over_alle_versies(laad: Laad) -> None:
    model, _ = laad(DECL + """Regel netto
\tgeldig t/m 2024
\t\tHet netto van een Persoon moet berekend worden als zijn inkomen.
\tgeldig vanaf 2025
\t\tHet netto van een Persoon moet berekend worden als zijn toeslag indien hij volwassen is.
""")
    r = model.regels[0]
    assert r.schrijft == {("persoon", "netto")}
    assert r.leest == {("persoon", "inkomen"), ("persoon", "toeslag"), ("persoon", "kenmerk:volwassen")}


def test_cyclus_via_kenmerken(laad: Laad) -> None:
    _, diags = laad(DECL + """Regel a
\tgeldig altijd
\t\tEen Persoon is volwassen indien hij kiesgerechtigd is.
Regel b
\tgeldig altijd
\t\tEen Persoon is kiesgerechtigd indien hij volwassen is.
""")
    assert [d.code for d in diags] == ["RS202"]
    assert "'a' → 'b' → 'a'" in diags[0].bericht
    assert diags[0].herkomst is not None and diags[0].herkomst.span.regel == 9


def test_twee_initialisaties_van_hetzelfde_attribuut_zijn_geen_cyclus(laad: Laad) -> None:
    _, diags = laad(DECL + """Regel a
\tgeldig altijd
\t\tDe toeslag van een Persoon moet geïnitialiseerd worden op 1 €.
Regel b
\tgeldig altijd
\t\tDe toeslag van een Persoon moet geïnitialiseerd worden op 2 €.
""")
    assert diags == []


def _recursief(x: object) -> list[object]:
    """The walk as it was written before it became iterative: pre-order, fields in declaration
    order, declarations (attributes, kenmerken, roles) as leaves. The reference for the fast one."""
    if x is None:
        return []
    uit: list[object] = [x]
    for naam in getattr(x, "__slots__", ()):
        v = getattr(x, naam)
        for item in v if isinstance(v, tuple) else (v,):
            if hasattr(item, "herkomst") and not isinstance(item, ir.Attribuut | ir.Kenmerk | ir.Rol):
                uit += _recursief(item)
    return uit


def test_de_snelle_boomwandeling_geeft_dezelfde_knopen_in_dezelfde_volgorde() -> None:
    """`walk_expr` and `children` (per-class field lists, no recursion) against the plain recursive
    walk, on every tree of every shipped model: the same nodes, by identity, in the same order."""
    from pathlib import Path

    from regelspraak.model.from_syntax import load_model
    from regelspraak.model.order import children, roots_of, walk_expr

    wetten = Path(__file__).resolve().parents[3] / "wetten"
    bomen = 0
    for map_ in sorted(p for p in wetten.iterdir() if p.is_dir()):
        model, _ = load_model(sorted(map_.glob("*.rgs")))
        for regel in model.regels:
            for versie in regel.versies:
                for root in roots_of(versie):
                    assert [id(k) for k in walk_expr(root)] == [id(k) for k in _recursief(root)]
                    if root is not None:
                        assert [id(k) for k in children(root)] == [id(k) for k in _directe(root)]
                    bomen += 1
    assert bomen > 500


def _directe(x: object) -> list[object]:
    uit: list[object] = []
    for naam in getattr(x, "__slots__", ()):
        v = getattr(x, naam)
        for item in v if isinstance(v, tuple) else (v,):
            if hasattr(item, "herkomst") and not isinstance(item, ir.Attribuut | ir.Kenmerk | ir.Rol):
                uit.append(item)
    return uit
