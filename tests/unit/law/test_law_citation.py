"""parse_bron on real citation strings: as jurists write them, as the parameter file writes them,
as JuriConnect writes them; and RS007 with a column for what cannot be read."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regelspraak.diagnostics import Ernst
from regelspraak.law.citation import HULP, known_law, parse_bron, parse_citatie
from regelspraak.origin import Span

SPAN = Span("model.rgs", 12, 9)
WZT, AWIR, AOW, PW = "BWBR0018451", "BWBR0018472", "BWBR0002221", "BWBR0015703"


def refs(tekst: str) -> list[tuple[str | None, str | None, str | None, str | None]]:
    bron, diags = parse_bron(tekst, SPAN)
    assert diags == [], [d.bericht for d in diags]
    assert bron is not None
    return [(r.bwb, r.artikel, r.lid, r.onderdeel) for r in bron.refs]


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("artikel 2, derde lid, Wet op de zorgtoeslag", [(WZT, "2", "3", None)]),
        ("art. 2 lid 3 Wzt", [(WZT, "2", "3", None)]),
        ("artikel 1, eerste lid, onderdeel f, Wzt", [(WZT, "1", "1", "f")]),
        ("art. 14, vijfde lid, Awir", [(AWIR, "14", "5", None)]),
        ("artikel 2a", [(None, "2a", None, None)]),
        ("art. 7a lid 1 onderdeel n AOW", [(AOW, "7a", "1", "n")]),
        ("Artikel 3, eerste lid, van de Wet op de zorgtoeslag", [(WZT, "3", "1", None)]),
        ("art 4a, lid 2, Wzt", [(WZT, "4a", "2", None)]),
        ("art. 3 3e lid Wzt", [(WZT, "3", "3", None)]),
        ("artikel 1, twaalfde lid, Awir", [(AWIR, "1", "12", None)]),
        ("artikel 1, zeventiende lid, Awir", [(AWIR, "1", "17", None)]),
        ("artikel 2, aanhef en onderdeel a, Wzt", [(WZT, "2", None, "a")]),
        ("artikel 15, tweede lid, onderdeel b, onder 3°, Participatiewet", [(PW, "15", "2", "b.3")]),
        ("artikel 8, eerste lid, onderdeel b, van de Wet minimumloon en minimumvakantiebijslag",
         [("BWBR0002638", "8", "1", "b")]),
        ("artikel 1 van de Zorgverzekeringswet", [("BWBR0018450", "1", None, None)]),
        ("Artikel 2:14 Awb", [("BWBR0005537", "2:14", None, None)]),
        ("art. 5.3 Wet IB 2001", [("BWBR0011353", "5.3", None, None)]),
        ("artikel 4, eerste lid, AKW", [("BWBR0002368", "4", "1", None)]),
        ("artikel 21, onderdeel a, PW", [(PW, "21", None, "a")]),
        ("art. 78ee* Participatiewet", [(PW, "78ee*", None, None)]),
        # The parameter file's forms: law first, a remark or the BWB id in parentheses.
        ("Wzt art. 2 lid 3 (toestand 2025-01-01, BWB XML)", [(WZT, "2", "3", None)]),
        ("Wzt art. 3 lid 1 (toestand 2025-01-01, BWB XML)", [(WZT, "3", "1", None)]),
        ("Wzt art. 1 lid 1 onderdeel f (108% x 12 x WML January amount)", [(WZT, "1", "1", "f")]),
        ("Awir art. 14 lid 5 (toestand 2025-01-01, BWB XML)", [(AWIR, "14", "5", None)]),
        ("Participatiewet art. 21 onderdeel a (toestand 2024-01-01; Stcrt. 2023, 33542)",
         [(PW, "21", None, "a")]),
        ("Participatiewet art. 20 lid 1 onderdeel a (toestand 2024-01-01)", [(PW, "20", "1", "a")]),
        ("AOW art. 7a lid 1 onderdeel n (toestand 2025-01-01)", [(AOW, "7a", "1", "n")]),
        ("AOW art. 9 lid 5 (toestand 2025-01-01)", [(AOW, "9", "5", None)]),
        ("Regeling standaardpremie 2025 (BWBR0050536) art. 1", [("BWBR0050536", "1", None, None)]),
        ("Regeling standaardpremie 2024 (BWBR0049005) art. 1", [("BWBR0049005", "1", None, None)]),
        ("art. 1 Regeling standaardpremie 2025", [("BWBR0050536", "1", None, None)]),
        # Lists and ranges become one reference each.
        ("Wzt art. 2 lid 1-3", [(WZT, "2", "1", None), (WZT, "2", "2", None), (WZT, "2", "3", None)]),
        ("artikel 2, eerste en tweede lid, Awir", [(AWIR, "2", "1", None), (AWIR, "2", "2", None)]),
        ("artikel 1, eerste tot en met derde lid, Wzt",
         [(WZT, "1", "1", None), (WZT, "1", "2", None), (WZT, "1", "3", None)]),
        ("artikelen 2 en 3 Wzt", [(WZT, "2", None, None), (WZT, "3", None, None)]),
        ("artikel 1, eerste lid, onderdelen a en b, Wzt", [(WZT, "1", "1", "a"), (WZT, "1", "1", "b")]),
        ("artikel 8, onder a tot en met c en l, van de Vreemdelingenwet 2000",
         [("BWBR0011823", "8", None, o) for o in "abcl"]),
        # JuriConnect, in both spellings of the onderdeel key, and with structure and dates.
        ("jci1.3:c:BWBR0018451&artikel=2&lid=3", [(WZT, "2", "3", None)]),
        ("jci1.3:c:BWBR0018451&artikel=1&lid=1&onderdeel=a", [(WZT, "1", "1", "a")]),
        ("jci1.3:c:BWBR0018451&artikel=1&lid=1&o=a", [(WZT, "1", "1", "a")]),
        ("jci1.3:c:BWBR0015703&hoofdstuk=2&paragraaf=2.2&artikel=15&lid=2&o=b&o=3&o=i&z=2026-01-01&g=2026-01-01",
         [(PW, "15", "2", "b.3.i")]),
        ("jci1.3:c:BWBR0018451&amp;artikel=4a", [(WZT, "4a", None, None)]),
        # Several, separated by ';' (but not inside parentheses).
        ("art. 2 lid 3 Wzt; art. 14 lid 4 Awir", [(WZT, "2", "3", None), (AWIR, "14", "4", None)]),
        ("jci1.3:c:BWBR0018451&artikel=1&lid=1&o=f; artikel 3 Wzt;",
         [(WZT, "1", "1", "f"), (WZT, "3", None, None)]),
        # A whole law, and a publication.
        ("Wet op de zorgtoeslag", [(WZT, None, None, None)]),
        ("BWBR0018472", [(AWIR, None, None, None)]),
        ("Stcrt. 2024, 33625", [(None, None, None, None)]),
    ],
)
def test_citaties(tekst: str, verwacht: list[tuple[str | None, ...]]) -> None:
    assert refs(tekst) == verwacht


def test_bekende_wet_krijgt_citeertitel_en_jci() -> None:
    bron, _ = parse_bron("art. 2 lid 3 Wzt", SPAN)
    assert bron is not None
    ref = bron.refs[0]
    assert ref.wet == "Wet op de zorgtoeslag"
    assert ref.tekst == "art. 2 lid 3 Wzt"
    assert ref.jci() == "jci1.3:c:BWBR0018451&artikel=2&lid=3"
    assert ref.citeer() == "artikel 2, derde lid, Wet op de zorgtoeslag"


def test_onbekende_wet_blijft_tekst_zonder_fout() -> None:
    bron, diags = parse_bron("artikel 3, tweede lid, Wet op de toekomst", SPAN)
    assert diags == []
    assert bron is not None
    assert (bron.refs[0].bwb, bron.refs[0].wet) == (None, "Wet op de toekomst")


@pytest.mark.parametrize(
    "tekst", ["geen — rekenhulp", "geen - rekenhulp", "Geen – rekenhulp", "geen: rekenhulp"]
)
def test_geen(tekst: str) -> None:
    bron, diags = parse_bron(tekst, SPAN)
    assert diags == []
    assert bron is not None and bron.geen_reden == "rekenhulp" and bron.refs == ()


@pytest.mark.parametrize(
    ("tekst", "kolom", "woord"),
    [
        ("geen", 9, "zonder reden"),
        ("", 9, "lege bron"),
        ("art. 2 lid", 16, "lid"),
        ("lid drie", 9, "geen artikel"),
        ("artikel 1, onderdeel a, Wzt blah !!", 33, "Wzt blah !!"),
        ("jci1.3:c:BWBR0018451&foo=2", 30, "foo=2"),
        ("jci1.3:c:BWBR0018451&lid=2", 9, "zonder artikel"),
        ("art. 2 lid 3 Wzt; rounded to whole euros", 27, "geen artikel"),
        ("Wzt art. 2 lid 3 Awir", 26, "twee wetnamen"),
    ],
)
def test_onleesbare_bron_geeft_rs007_met_kolom(tekst: str, kolom: int, woord: str) -> None:
    bron, diags = parse_bron(tekst, SPAN)
    assert len(diags) == 1
    d = diags[0]
    assert (d.code, d.ernst) == ("RS007", Ernst.FOUT)
    assert d.bericht.startswith("Ongeldige bron")
    assert woord in d.bericht
    assert d.hulp == HULP
    assert d.herkomst is not None and d.herkomst.span.regel == 12
    assert d.herkomst.span.kolom == kolom
    if ";" in tekst:  # the part that could be read is kept
        assert bron is not None and bron.refs[0].artikel == "2"


def test_known_law() -> None:
    assert known_law("Wet op de zorgtoeslag") == WZT
    assert known_law("wzt") == WZT
    assert known_law("Participatiewet") == PW
    assert known_law("Algemene Kinderbijslagwet") == "BWBR0002368"
    assert known_law("Wet IB 2001") == "BWBR0011353"
    assert known_law("Regeling standaardpremie 2025") == "BWBR0050536"
    assert known_law("Wet van Dale") is None


def test_parse_citatie_rechtstreeks() -> None:
    (ref,) = parse_citatie("art. 2 lid 3 Wzt")
    assert ref.jci() == "jci1.3:c:BWBR0018451&artikel=2&lid=3"


@given(st.text(max_size=80))
def test_willekeurige_tekst_geeft_nooit_een_uitzondering(tekst: str) -> None:
    bron, diags = parse_bron(tekst, SPAN)
    assert bron is not None or diags
    assert all(d.code == "RS007" for d in diags)
