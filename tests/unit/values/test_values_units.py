"""Unit algebra: parsing, conversion factors, maal/gedeeld with cancellation, Eenheidsystemen."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regelspraak.values.units import (
    Eenheden,
    Eenheid,
    EenheidDeclaratie,
    EenheidFout,
    gedeeld,
    maal,
)


def _register() -> Eenheden:
    r = Eenheden()
    fouten = r.voeg_toe(
        "Lengte",
        [
            EenheidDeclaratie("meter", "m", "meters"),
            EenheidDeclaratie("kilometer", "km", "kilometers", gelijk_aan=(F(1000), "m")),
            EenheidDeclaratie("centimeter", "cm", "centimeters", gelijk_aan=(F(1, 100), "m")),
        ],
    )
    assert fouten == []
    return r


R = _register()
P = R.parse


@pytest.mark.parametrize(
    ("tekst", "canoniek"),
    [
        ("€", "€"), ("EUR", "€"), ("euro", "€"), ("€/mnd", "€/mnd"), ("EUR/mnd", "€/mnd"),
        ("€/jr", "€/jr"), ("km/u", "km/u"), ("m/s²", "m/s^2"), ("m/s^2", "m/s^2"), ("m/s/s", "m/s^2"),
        ("m·s^-2", "m/s^2"), ("m.m", "m^2"), ("m³", "m^3"), ("jr", "jr"), ("jaren", "jr"),
        (" € / mnd ", "€/mnd"), ("1/jr", "1/jr"), ("", ""), ("1", ""), ("jr·€", "€·jr"),
        ("USD", "$"), ("CHF", "CHF"), ("minuut", "minuut"), ("ms", "ms"),
    ],
)
def test_parse_en_weergave(tekst: str, canoniek: str) -> None:
    e = P(tekst)
    assert str(e) == canoniek
    assert P(str(e)) == e


def test_euro_is_eur() -> None:
    assert P("€") == P("EUR") == Eenheid.uit([("€", 1)])
    d = R.zoek("EUR")
    assert d is not None and d.sleutel == "€" and d.systeem == "Valuta"


@pytest.mark.parametrize("tekst", ["kg", "€//mnd", "m^0", "m^", "/mnd", "€/", "m^x", "x" * 101, "%"])
def test_parse_fouten(tekst: str) -> None:
    with pytest.raises(EenheidFout):
        P(tekst)


@pytest.mark.parametrize(
    ("van", "naar", "factor"),
    [
        ("€/jr", "€/mnd", F(1, 12)), ("€/mnd", "€/jr", F(12)), ("jr", "mnd", F(12)), ("kw", "mnd", F(3)),
        ("jr", "kw", F(4)), ("wk", "dg", F(7)), ("u", "s", F(3600)), ("dg", "ms", F(86_400_000)),
        ("minuut", "s", F(60)), ("km/u", "m/s", F(5, 18)), ("cm", "km", F(1, 100_000)), ("€", "EUR", F(1)),
        ("m/s^2", "km/u^2", F(3600 * 3600, 1000)),
        ("jr", "dg", None), ("mnd", "wk", None), ("€", "$", None), ("€/mnd", "€", None), ("m", "m^2", None),
        ("", "", F(1)), ("€", "", None),
    ],
)
def test_factor(van: str, naar: str, factor: F | None) -> None:
    assert R.factor(P(van), P(naar)) == factor
    assert R.converteerbaar(P(van), P(naar)) == (factor is not None)


@pytest.mark.parametrize(
    ("a", "op", "b", "eenheid", "factor"),
    [
        ("€/jr", "maal", "jr", "€", F(1)),  # taal.md §2
        ("€/mnd", "maal", "jr", "€", F(12)),
        ("€/jr", "maal", "mnd", "€", F(1, 12)),
        ("km/u", "maal", "s", "km", F(1, 3600)),
        ("€/mnd", "maal", "€/mnd", "€^2/mnd^2", F(1)),
        ("€", "gedeeld", "€", "", F(1)),
        ("€/jr", "gedeeld", "€/mnd", "", F(1, 12)),
        ("€/mnd", "gedeeld", "jr", "€/mnd^2", F(1, 12)),
        ("km", "gedeeld", "u", "km/u", F(1)),
        ("m", "gedeeld", "km", "", F(1, 1000)),
        ("€", "maal", "$", "$·€", F(1)),  # currencies never cancel
        ("jr", "maal", "dg", "dg·jr", F(1)),  # neither do months and days
    ],
)
def test_maal_gedeeld_met_omrekening(a: str, op: str, b: str, eenheid: str, factor: F) -> None:
    uitkomst = R.maal(P(a), P(b)) if op == "maal" else R.gedeeld(P(a), P(b))
    assert (str(uitkomst[0]), uitkomst[1]) == (eenheid, factor)


def test_waarde_semantiek_van_de_factor() -> None:
    # 100 €/mnd × 2 jr: convert 2 jr to 24 mnd first, 100 × 24 = 2400 €.
    eenheid, factor = R.maal(P("€/mnd"), P("jr"))
    assert eenheid == P("€") and F(100) * F(2) * factor == 2400
    # 1200 €/jr gedeeld door 100 €/mnd = 1 (both are 100 a month).
    _, factor = R.gedeeld(P("€/jr"), P("€/mnd"))
    assert F(1200) / F(100) * factor == 1


def test_zuivere_algebra() -> None:
    assert str(maal(P("€/mnd"), P("jr"))) == "€·jr/mnd"  # no conversion at this level
    assert gedeeld(P("€"), P("€")).is_dimensieloos
    assert Eenheid.dimensieloos() == Eenheid() and str(Eenheid()) == ""
    assert P("jr").enkelvoudig == "jr" and P("jr^2").enkelvoudig is None and P("€/jr").enkelvoudig is None
    with pytest.raises(ValueError, match="genormaliseerd"):
        Eenheid((("mnd", 1), ("€", 1)))
    with pytest.raises(ValueError, match="genormaliseerd"):
        Eenheid((("m", 0),))


def test_eenheidsysteem_uit_model() -> None:
    r = Eenheden()
    fouten = r.voeg_toe(
        "Zorgtijd",
        [
            EenheidDeclaratie("zorguur", "zu", "zorguren"),
            EenheidDeclaratie("zorgdag", "zd", "zorgdagen", gelijk_aan=(F(8), "zu")),
            EenheidDeclaratie("zorgweek", "zw", gelijk_aan=(F(5), "zd")),
            EenheidDeclaratie("zorgkwartier", "zk", gelijk_aan=(F(1, 4), "zu")),  # `= 1/4 zu`
            EenheidDeclaratie("zorgmaand", "zm", gelijk_aan=(F(4), "zw2")),  # forward reference
            EenheidDeclaratie("zorgweek2", "zw2", gelijk_aan=(F(1), "zw")),
        ],
    )
    assert fouten == []
    assert r.factor(r.parse("zd"), r.parse("zu")) == 8
    assert r.factor(r.parse("zw"), r.parse("zk")) == 160
    assert r.factor(r.parse("zm"), r.parse("zd")) == 20
    assert r.factor(r.parse("zd"), r.parse("dg")) is None  # not the built-in Tijd
    d = r.zoek("zorgdagen")
    assert d is not None and d.afkorting == "zd" and d.factor == 8 and d.basis == "zu"
    assert [e.afkorting for e in r.systemen["Zorgtijd"]][:2] == ["zu", "zd"]


def test_eenheidsysteem_fouten() -> None:
    r = Eenheden()
    fouten = r.voeg_toe(
        "X",
        [
            EenheidDeclaratie("goed", "gd"),
            EenheidDeclaratie("jaar", "jr"),  # clashes with Tijd
            EenheidDeclaratie("a", "a", gelijk_aan=(F(2), "b")),
            EenheidDeclaratie("b", "b", gelijk_aan=(F(2), "a")),
            EenheidDeclaratie("c", "c", gelijk_aan=(F(2), "u")),  # other system
            EenheidDeclaratie("nul", "nl", gelijk_aan=(F(0), "gd")),
            EenheidDeclaratie("spatie", "s p"),
        ],
    )
    assert len(fouten) == 6
    assert any("'jr' (jaar) is al gedeclareerd" in f for f in fouten)
    assert any("kring" in f for f in fouten) and any("hoort niet bij" in f for f in fouten)
    assert any("groter dan 0" in f for f in fouten) and any("Ongeldige afkorting" in f for f in fouten)
    assert r.zoek("gd") is not None and r.zoek("a") is None  # valid units are still added
    assert r.voeg_toe("X", []) == ["Eenheidsysteem 'X' is al gedeclareerd."]
    assert r.voeg_toe("Tijd", []) == ["Eenheidsysteem 'Tijd' is al gedeclareerd."]


def test_valuta_opnieuw_declareren_met_meer_munten() -> None:
    # The specification restates Valuta in a model; what is built in stays, new currencies join.
    r = Eenheden()
    fouten = r.voeg_toe("Valuta", [EenheidDeclaratie("euro", "EUR", symbool="€"),
                                   EenheidDeclaratie("Deense kroon", "DKK", "Deense kronen"),
                                   EenheidDeclaratie("eurocent", "ct", gelijk_aan=(F(1, 100), "EUR"))])
    assert fouten == []
    assert r.zoek("DKK") is not None and r.zoek("USD") is not None
    assert r.factor(r.parse("ct"), r.parse("€")) == F(1, 100)
    assert r.factor(r.parse("DKK"), r.parse("€")) is None  # each currency its own family
    assert {e.afkorting for e in r.systemen["Valuta"]} >= {"EUR", "USD", "DKK", "ct"}
    # A new unit that clashes with another system is still refused.
    assert r.voeg_toe("Valuta", [EenheidDeclaratie("maand", "mnd")]) != []


SLEUTELS = ["€", "$", "mnd", "jr", "kw", "dg", "u", "s", "m", "km"]
eenheden = st.lists(st.tuples(st.sampled_from(SLEUTELS), st.integers(-3, 3)), max_size=5).map(Eenheid.uit)


@given(eenheden, eenheden)
def test_maal_gedeeld_inverse(a: Eenheid, b: Eenheid) -> None:
    assert gedeeld(maal(a, b), b) == a
    assert maal(a, b) == maal(b, a)
    assert gedeeld(a, a).is_dimensieloos
    assert P(str(a)) == a


@given(eenheden, eenheden)
def test_registerproduct_is_omrekening_van_zuiver_product(a: Eenheid, b: Eenheid) -> None:
    for zuiver, (eenheid, factor) in ((maal(a, b), R.maal(a, b)), (gedeeld(a, b), R.gedeeld(a, b))):
        assert R.factor(zuiver, eenheid) == factor
        assert len({R.zoek(k).basis for k, _ in eenheid.delen}) == len(eenheid.delen)  # type: ignore[union-attr]


@given(eenheden, eenheden)
def test_factor_wederkerig(a: Eenheid, b: Eenheid) -> None:
    assert R.factor(a, a) == 1
    heen, terug = R.factor(a, b), R.factor(b, a)
    assert (heen is None) == (terug is None)
    if heen is not None and terug is not None:
        assert heen * terug == 1
