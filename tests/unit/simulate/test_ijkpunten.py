"""simulaties/ijkpunten.yaml: published figures beside a simulation, non-take-up, every AANNAME visible."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from regelspraak.diagnostics import DiagnosticError
from regelspraak.simulate import ijkpunten
from regelspraak.simulate.ijkpunten import Ijkpunt, NietGebruik, Regeling, vergelijk

ROOT = Path(__file__).resolve().parents[3]

SAMENVATTING = {"uitvoer": {
    "zorgtoeslag": {"totaal": "1000", "ontvangers": 100, "groepen": {"klasse": [
        {"groep": "klein", "totaal": "200", "ontvangers": 60}, {"groep": "groot", "totaal": "800", "ontvangers": 40}]}},
    "vakantie": {"totaal": "10", "ontvangers": 100, "groepen": {}},
}}


def _ij(**k: object) -> Ijkpunt:
    basis: dict[str, object] = {"naam": "n", "maat": "totaal", "uitvoer": ["zorgtoeslag"], "waarde": 1000,
                                "status": "gepubliceerd", "bron": "b"}
    return Ijkpunt.model_validate(basis | k)


def test_deviation_after_uniform_non_take_up() -> None:
    r = Regeling(model="zorgtoeslag", niet_gebruik=NietGebruik(percentage="12%", status="gepubliceerd", bron="CPB"),
                 ijkpunten=[_ij(waarde=880), _ij(maat="ontvangers", waarde=100)])
    a, b = vergelijk(r, SAMENVATTING)
    assert (a.model, a.na_niet_gebruik, a.afwijking) == (1000, 880, 0)
    assert (b.model, b.na_niet_gebruik, b.afwijking) == (100, 88, Fraction(-12, 100))


def test_non_take_up_per_group_of_a_grouping() -> None:
    ng = NietGebruik(percentage="10%", status="AANNAME", bron="x", groepering="klasse", per_groep={"klein": "50%"})
    [v] = vergelijk(Regeling(model="zorgtoeslag", niet_gebruik=ng, ijkpunten=[_ij()]), SAMENVATTING)
    assert v.na_niet_gebruik == Fraction(200) * Fraction(1, 2) + Fraction(800) * Fraction(9, 10)


def test_sum_of_outputs_times_factor_and_missing_output() -> None:
    r = Regeling(model="aow", ijkpunten=[_ij(uitvoer=["zorgtoeslag", "vakantie"], factor=12, waarde=12120),
                                         _ij(uitvoer=["bestaat niet"])])
    a, b = vergelijk(r, SAMENVATTING)
    assert a.model == 12 * 1010 and a.afwijking == 0
    assert b.model is None and b.afwijking is None and b.als_dict()["afwijking"] is None


def test_bad_file_names_line_and_field(tmp_path: Path) -> None:
    pad = tmp_path / "ijkpunten.yaml"
    pad.write_text("regelingen:\n  zt:\n    model: zorgtoeslag\n    ijkpunten:\n      - naam: x\n        maat: som\n"
                   "        uitvoer: [zorgtoeslag]\n        waarde: 1\n        status: gepubliceerd\n        bron: b\n",
                   "utf-8")
    with pytest.raises(DiagnosticError) as e:
        ijkpunten.lees(pad)
    [d] = e.value.diagnostics
    assert d.code == "RS901" and "maat" in d.bericht and d.herkomst is not None and d.herkomst.span.regel == 6


def test_percentage_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError):
        NietGebruik(percentage="120%", status="gepubliceerd", bron="b")


def test_shipped_file_covers_both_schemes_with_sources() -> None:
    b = ijkpunten.lees(ROOT / "simulaties" / "ijkpunten.yaml")
    assert ijkpunten.voor_model(b, "../wetten/zorgtoeslag") is not None
    aow = ijkpunten.voor_model(b, "wetten/aow")
    assert aow is not None and aow.niet_gebruik is None
    for r in b.regelingen.values():
        for ij in r.ijkpunten:
            assert ij.bron.strip() and (ij.status != "afgeleid" or ij.toelichting.strip())


def test_one_row_of_a_grouping() -> None:
    r = Regeling(model="zorgtoeslag", ijkpunten=[_ij(maat="ontvangers", waarde=60,
                                                     groep={"groepering": "klasse", "waarde": "klein"}),
                                                 _ij(groep={"groepering": "klasse", "waarde": "bestaat niet"})])
    a, b = vergelijk(r, SAMENVATTING)
    assert (a.model, a.afwijking) == (60, 0)
    assert b.model is None


MAAND = {"rekendatum": "2025-07-01", "uitvoer": {
    "pensioen": {"totaal": "1000", "periode": "per maand", "ontvangers": 10, "groepen": {
        "leefvorm": [{"groep": "gehuwd", "totaal": "400", "ontvangers": 6}]}},
    "vakantie": {"totaal": "100", "periode": "per maand", "ontvangers": 10, "groepen": {}},
}}


def test_a_monthly_total_is_converted_to_the_published_year_once() -> None:
    """Issue 11: the comparison converts a total per maand to the published figure per jaar from the
    summary's period, so the same ijkpunt holds with and without `simuleer --per jaar` (never 144 x)."""
    r = Regeling(model="aow", ijkpunten=[_ij(uitvoer=["pensioen", "vakantie"], waarde=13200),
                                         _ij(uitvoer=["pensioen"], waarde=4800,
                                             groep={"groepering": "leefvorm", "waarde": "gehuwd"})])
    a, b = vergelijk(r, MAAND)
    assert (a.model, a.afwijking, a.als_dict()["periode"]) == (13200, 0, "per jaar")
    assert (b.model, b.afwijking) == (4800, 0)  # a row of a grouping has the period of its output
    jaar = {"rekendatum": "2025-07-01", "uitvoer": {
        "pensioen": {"totaal": "12000", "periode": "per jaar", "omgerekend_van": "per maand", "factor": "12",
                     "ontvangers": 10, "groepen": {}},
        "vakantie": {"totaal": "1200", "periode": "per jaar", "ontvangers": 10, "groepen": {}}}}
    [c] = vergelijk(Regeling(model="aow", ijkpunten=[_ij(uitvoer=["pensioen", "vakantie"], waarde=13200)]), jaar)
    assert c.model == 13200 and c.afwijking == 0
    [m] = vergelijk(Regeling(model="aow", ijkpunten=[_ij(uitvoer=["pensioen"], periode="maand", waarde=1000)]), MAAND)
    assert m.model == 1000 and m.als_dict()["periode"] == "per maand"


def test_non_take_up_from_the_published_share_of_non_claimers_per_group() -> None:
    """Issue 16: take-up research publishes the overall rate and which share of the non-claimers has a small
    amount; the rate per group follows from the entitled per group, and the overall rate of households holds."""
    ng = NietGebruik(percentage="12%", status="AANNAME", bron="x", groepering="klasse",
                     aandeel_niet_gebruikers={"klein": "20%"})
    r = Regeling(model="zorgtoeslag", niet_gebruik=ng, ijkpunten=[_ij(), _ij(maat="ontvangers", waarde=88)])
    totaal, ontvangers = vergelijk(r, SAMENVATTING)
    # klein: 0.2 x 0.12 x 100 / 60 = 4%; groot: 0.8 x 0.12 x 100 / 40 = 24%
    assert ontvangers.na_niet_gebruik == Fraction(60) * Fraction(96, 100) + Fraction(40) * Fraction(76, 100) == 88
    assert totaal.na_niet_gebruik == Fraction(200) * Fraction(96, 100) + Fraction(800) * Fraction(76, 100)


def test_a_share_distribution_needs_a_grouping_and_at_most_100_percent() -> None:
    with pytest.raises(ValueError):
        NietGebruik(percentage="12%", status="AANNAME", bron="x", aandeel_niet_gebruikers={"klein": "20%"})
    with pytest.raises(ValueError):
        NietGebruik(percentage="12%", status="AANNAME", bron="x", groepering="k",
                    aandeel_niet_gebruikers={"a": "60%", "b": "50%"})


def test_applied_rates_per_group_are_reported(tmp_path: Path) -> None:
    (tmp_path / "ijkpunten.yaml").write_text(
        "regelingen:\n  zt:\n    model: zorgtoeslag\n    niet_gebruik:\n      percentage: '12%'\n"
        "      status: AANNAME\n      bron: b\n      groepering: klasse\n"
        "      aandeel_niet_gebruikers: {klein: '20%'}\n    ijkpunten:\n"
        "      - {naam: n, maat: totaal, uitvoer: [zorgtoeslag], waarde: 1000, status: gepubliceerd, bron: b}\n",
        "utf-8")
    d = ijkpunten.voor_scenario(tmp_path / "s.yaml", "wetten/zorgtoeslag", SAMENVATTING)
    assert d is not None and d["niet_gebruik"]["per_groep_toegepast"] == {"klein": "4%", "groot": "24%"}


def test_an_ijkpunt_with_its_own_non_take_up_replaces_the_regelings() -> None:
    """Issue 16: wetten/toeslagen holds three schemes with different published non-take-up (CPB 2025:
    huurtoeslag 12%, kindgebonden budget 8.5%); each ijkpunt carries its own rate."""
    eigen = NietGebruik(percentage="8,5%", status="AANNAME", bron="CPB")
    r = Regeling(model="toeslagen", niet_gebruik=NietGebruik(percentage="12%", status="gepubliceerd", bron="x"),
                 ijkpunten=[_ij(niet_gebruik=eigen), _ij(), _ij(niet_gebruik=eigen, niet_gebruik_toepassen=False)])
    a, b, c = vergelijk(r, SAMENVATTING)
    assert a.na_niet_gebruik == 915 and a.als_dict()["niet_gebruik"] == "8,5%"
    assert b.na_niet_gebruik == 880 and b.niet_gebruik is None
    assert c.na_niet_gebruik == 1000 and c.niet_gebruik is None


def test_shipped_toeslagen_rates_per_scheme() -> None:
    b = ijkpunten.lees(ROOT / "simulaties" / "ijkpunten.yaml")
    r = ijkpunten.voor_model(b, "wetten/toeslagen")
    assert r is not None
    rates = {ij.uitvoer[0]: ij.niet_gebruik.percentage for ij in r.ijkpunten
             if ij.niet_gebruik is not None and ij.niet_gebruik_toepassen}
    assert rates == {"huurtoeslag": "12%", "kindgebonden budget": "8,5%"}


def test_a_rate_in_euros_applies_to_totals_only() -> None:
    """Issue 16: non-claimers are entitled to less than claimers (CPB 2025), so the share of euros left unclaimed
    is below the share of households; `percentage_bedragen` applies to totals, `percentage` to counts."""
    ng = NietGebruik(percentage="12%", percentage_bedragen="7%", status="AANNAME", bron="CPB")
    r = Regeling(model="toeslagen",
                 ijkpunten=[_ij(niet_gebruik=ng), _ij(maat="ontvangers", waarde=88, niet_gebruik=ng)])
    totaal, aantal = vergelijk(r, SAMENVATTING)
    assert totaal.na_niet_gebruik == 930 and totaal.niet_gebruik == "12%; 7% in euro's"
    assert aantal.na_niet_gebruik == 88 and aantal.afwijking == 0 and aantal.niet_gebruik == "12%"


def test_a_rate_in_euros_is_refused_beside_a_grouping_and_out_of_range() -> None:
    with pytest.raises(ValueError, match="percentage_bedragen"):
        NietGebruik(percentage="12%", percentage_bedragen="7%", status="AANNAME", bron="x", groepering="klasse",
                    per_groep={"klein": "20%"})
    with pytest.raises(ValueError, match="tussen 0% en 100%"):
        NietGebruik(percentage="12%", percentage_bedragen="107%", status="AANNAME", bron="x")


def test_an_entry_for_one_scenario_replaces_the_models_entry_only_there(tmp_path: Path) -> None:
    """A scenario run with another year's parameters compares with that year's figures (like with like);
    every other scenario of the model keeps the model's general entry."""
    (tmp_path / "ijkpunten.yaml").write_text(
        "regelingen:\n"
        "  algemeen: {model: zorgtoeslag, ijkpunten: [{naam: a, maat: totaal, uitvoer: [zorgtoeslag], waarde: 1000,"
        " status: gepubliceerd, bron: b}]}\n"
        "  vorig-jaar: {model: zorgtoeslag, scenario: Oud.yaml, ijkpunten: [{naam: o, maat: totaal,"
        " uitvoer: [zorgtoeslag], waarde: 800, status: gepubliceerd, bron: b}]}\n", encoding="utf-8")
    eigen = ijkpunten.voor_scenario(tmp_path / "oud.yaml", "wetten/zorgtoeslag", SAMENVATTING)
    ander = ijkpunten.voor_scenario(tmp_path / "nieuw.yaml", "wetten/zorgtoeslag", SAMENVATTING)
    assert eigen is not None and [v["naam"] for v in eigen["vergelijkingen"]] == ["o"]
    assert eigen["vergelijkingen"][0]["afwijking"] == "25%"
    assert ander is not None and [v["naam"] for v in ander["vergelijkingen"]] == ["a"]


def test_shipped_like_with_like_entry_for_the_kindgebonden_budget_2024() -> None:
    b = ijkpunten.lees(ROOT / "simulaties" / "ijkpunten.yaml")
    r = ijkpunten.voor_model(b, "wetten/toeslagen", "toeslagen-2025-kgb-parameters-2024.yaml")
    assert r is not None and r.scenario is not None and (ROOT / "simulaties" / r.scenario).is_file()
    assert [ij.jaar for ij in r.ijkpunten] == [2024]
    huur = [ij for ij in ijkpunten.voor_model(b, "wetten/toeslagen").ijkpunten  # type: ignore[union-attr]
            if ij.uitvoer == ["huurtoeslag"] and ij.niet_gebruik is not None]
    assert {ij.niet_gebruik.percentage_bedragen for ij in huur if ij.niet_gebruik} == {"7%"}
    assert any(ij.jaar == 2025 and ij.maat == "ontvangers" for ij in huur)


def test_the_2024_parameter_scenario_changes_every_named_parameter_of_the_model() -> None:
    """The like-with-like scenario is no no-op: it names parameters the kindgebonden-budget model has, each with
    a value other than 2025's, and reads the same population as the 2025 toeslagen scenario."""
    import yaml

    from regelspraak.simulate import scenario

    sc = scenario.read(ROOT / "simulaties" / "toeslagen-2025-kgb-parameters-2024.yaml")
    basis = scenario.read(ROOT / "simulaties" / "toeslagen-2025.yaml")
    assert sc.bestand.populatie == basis.bestand.populatie and sc.bestand.rekendatum == basis.bestand.rekendatum
    model = yaml.safe_load((ROOT / "wetten" / "kindgebonden-budget" / "parameters.yaml").read_text("utf-8"))
    waarden_2025 = {naam: str(v[-1]["waarde"]) for naam, v in model["parameters"].items()}
    assert set(sc.bestand.parameters) == set(waarden_2025)
    assert all(str(w) != waarden_2025[n] for n, w in sc.bestand.parameters.items())


def test_every_shipped_group_row_names_a_grouping_of_a_scenario_of_its_model() -> None:
    """An ijkpunt on one row of a grouping prints nothing when the scenario lacks that grouping (the model column
    stays empty), so the shipped file and the shipped scenarios must agree. The AOW stock on the rekendatum
    (issue 16, eighth session) reads the class '≥ 67' of a grouping whose only boundary is the AOW age of 2025."""
    import yaml

    b = ijkpunten.lees(ROOT / "simulaties" / "ijkpunten.yaml")
    scenarios = [yaml.safe_load(p.read_text("utf-8")) for p in sorted((ROOT / "simulaties").glob("*.yaml"))]
    per_model: dict[str, dict[str, dict[str, object]]] = {}
    for sc in scenarios:
        if isinstance(sc, dict) and "model" in sc:
            groeperingen = per_model.setdefault(Path(str(sc["model"])).name, {})
            groeperingen.update({g["naam"]: g for g in sc.get("groeperingen", [])})
    met_groep = [(r.model, ij) for r in b.regelingen.values() for ij in r.ijkpunten if ij.groep is not None]
    assert met_groep
    for model, ij in met_groep:
        assert ij.groep is not None and ij.groep.groepering in per_model.get(model, {}), (model, ij.naam)
    stand = [ij for model, ij in met_groep if model == "aow" and ij.groep and ij.groep.waarde == "≥ 67"]
    assert len(stand) == 1
    g = per_model["aow"][stand[0].groep.groepering]  # type: ignore[union-attr]
    assert g["attribuut"] == "leeftijd" and g["grenzen"] == [67]
