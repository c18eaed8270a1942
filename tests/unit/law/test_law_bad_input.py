"""Bad law input gives diagnostics with file:line — never a traceback, never an expanded entity."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from law_bronnen import WZT

from regelspraak.diagnostics import DiagnosticError, Ernst
from regelspraak.law.load import lees_wet

BOM = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<toestand bwb-id="BWBR0000001"><wetgeving><wettekst>&lol4;</wettekst></wetgeving></toestand>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE toestand [<!ENTITY geheim SYSTEM "file:///etc/passwd">]>
<toestand bwb-id="BWBR0000001"><wetgeving><wettekst><al>&geheim;</al></wettekst></wetgeving></toestand>
"""


REGELS = ["Artikel 1", "Artikel 2a", "1. tekst", "2. tekst", "   a. x", "      1°. y", "Hoofdstuk 1", "§ 2",
          "", "tekst", "\t- z", "BWB: BWBR0000001"]


def fout(pad: Path) -> tuple[str, int, str]:
    with pytest.raises(DiagnosticError) as info:
        lees_wet(pad)
    d = next(d for d in info.value.diagnostics if d.is_fout)
    assert d.herkomst is not None and d.herkomst.span.bestand == str(pad)
    assert d.ernst is Ernst.FOUT
    return d.code, d.herkomst.span.regel, d.bericht


def schrijf(tmp_path: Path, naam: str, inhoud: bytes | str) -> Path:
    pad = tmp_path / naam
    if isinstance(inhoud, str):
        pad.write_text(inhoud, encoding="utf-8")
    else:
        pad.write_bytes(inhoud)
    return pad


def test_afgekapte_xml(tmp_path: Path) -> None:
    data = WZT.read_bytes()
    pad = schrijf(tmp_path, "wzt.xml", data[: len(data) // 2])
    code, regel, bericht = fout(pad)
    assert code == "RS011" and "afgekapt" in bericht
    assert regel == data[: len(data) // 2].count(b"\n") + 1  # at the end, where it stops


def test_misvormde_xml(tmp_path: Path) -> None:
    inhoud = '<toestand bwb-id="BWBR0000001">\n<wetgeving>\n<al>tekst</lid>\n</toestand>'
    pad = schrijf(tmp_path, "kapot.xml", inhoud)
    assert fout(pad)[:2] == ("RS011", 3)


@pytest.mark.parametrize("inhoud", [BOM, XXE])
def test_doctype_wordt_geweigerd(tmp_path: Path, inhoud: str) -> None:
    code, regel, bericht = fout(schrijf(tmp_path, "bom.xml", inhoud))
    assert (code, regel) == ("RS012", 2) and "DOCTYPE" in bericht


def test_binaire_rommel(tmp_path: Path) -> None:
    rommel = bytes(range(256)) * 16
    assert fout(schrijf(tmp_path, "rommel.xml", rommel))[0] == "RS010"
    assert fout(schrijf(tmp_path, "rommel.txt", rommel))[0] == "RS010"


def test_geen_utf8(tmp_path: Path) -> None:
    code, regel, _ = fout(schrijf(tmp_path, "latin1.txt", "Wet x\nArtikel 1\nDe één.\n".encode("latin-1")))
    assert (code, regel) == ("RS010", 3)


@pytest.mark.parametrize(
    ("inhoud", "code"),
    [
        ("<html><body>Geen wet</body></html>", "RS013"),
        ('<toestand bwb-id="BWBR0000001"><wetgeving><intitule>x</intitule></wetgeving></toestand>', "RS013"),
        ('<toestand bwb-id="geen-id"><wetgeving><wettekst/></wetgeving></toestand>', "RS013"),
        ("<a>" * 500 + "</a>" * 500, "RS009"),
    ],
)
def test_geen_bwb_of_te_diep(tmp_path: Path, inhoud: str, code: str) -> None:
    assert fout(schrijf(tmp_path, "ander.xml", inhoud))[0] == code


def test_leeg_map_en_onbestaand(tmp_path: Path) -> None:
    assert fout(schrijf(tmp_path, "leeg.xml", b""))[0] == "RS017"
    assert fout(tmp_path)[0] == "RS010"
    assert fout(tmp_path / "bestaat-niet.txt")[0] == "RS010"


def test_lid_buiten_volgorde_en_dubbel_artikel(tmp_path: Path) -> None:
    tekst = "Wet x\n\nArtikel 1\n1. Een.\n3. Drie.\n2. Twee.\n\nArtikel 1\nWeer.\n"
    with pytest.raises(DiagnosticError) as info:
        lees_wet(schrijf(tmp_path, "x.txt", tekst))
    gevonden = [(d.code, d.ernst.value, d.herkomst.span.regel) for d in info.value.diagnostics if d.herkomst]
    assert gevonden == [("RS015", "waarschuwing", 5), ("RS014", "fout", 6), ("RS016", "fout", 8)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(knip=st.integers(0, 48_000), positie=st.integers(0, 48_000), byte=st.integers(0, 255))
def test_verminkte_xml_geeft_nooit_een_uitzondering(
    tmp_path: Path, knip: int, positie: int, byte: int
) -> None:
    data = bytearray(WZT.read_bytes()[:knip])
    if positie < len(data):
        data[positie] = byte
    pad = schrijf(tmp_path, "verminkt.xml", bytes(data))
    try:
        lees_wet(pad)
    except DiagnosticError as e:
        assert all(d.code.startswith("RS0") for d in e.diagnostics)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(REGELS), max_size=30))
def test_willekeurige_tekst_geeft_nooit_een_uitzondering(tmp_path: Path, regels: list[str]) -> None:
    pad = schrijf(tmp_path, "w.txt", "Titel\n" + "\n".join(regels))
    try:
        lees_wet(pad)
    except DiagnosticError as e:
        assert e.diagnostics and all(d.herkomst is not None for d in e.diagnostics)
