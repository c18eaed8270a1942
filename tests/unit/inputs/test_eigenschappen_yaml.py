"""eigenschappen.yaml: the extended format is read, and mistakes are refused in Dutch with the
file, the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from regelspraak.diagnostics import DiagnosticError
from regelspraak.inputs.eigenschappen_yaml import read_bestand

GOED = """zoekruimte:
  aantallen: {Natuurlijk persoon: {minimum: 1, maximum: 2}}
eigenschappen:
  - naam: verdeling
    soort: invariantie
    transformatie: verdeling
    uitkomst: {objecttype: Huishouden, naam: zorgtoeslag}
    invoer: {objecttype: Natuurlijk persoon, naam: toetsingsinkomen}
    feittype: huishoudsamenstelling
  - naam: nooit leeg
    soort: nooit-leeg
    uitkomst: {objecttype: Huishouden, naam: jaarbedrag}
    wanneer: [{naam: aanspraak op zorgtoeslag, is: true}, {naam: hoeveelheid verzekerden, minimum: 1}]
  - naam: groepen
    soort: alleen-genoemde-groepen
    uitkomst: {objecttype: Huishouden, naam: zorgtoeslag}
    groepen: [{naam: paren, wanneer: [{naam: huishoudtype, gelijk_aan: met partner}]}]
"""


def test_extended_format_is_read(tmp_path: Path) -> None:
    p = tmp_path / "eigenschappen.yaml"
    p.write_text(GOED, "utf-8")
    b = read_bestand(p)
    assert b.zoekruimte.aantallen["Natuurlijk persoon"].maximum == 2
    verdeling, leeg, groepen = b.eigenschappen
    assert verdeling.transformatie == "verdeling" and verdeling.feittype == "huishoudsamenstelling"
    assert leeg.wanneer[0].is_ is True and leeg.wanneer[1].minimum == 1
    assert groepen.groepen[0].wanneer[0].gelijk_aan == "met partner"


@pytest.mark.parametrize(("tekst", "bericht"), [
    ("  - {naam: x, soort: monotoon, uitkomst: {objecttype: H, naam: t}}\n", "Onbekende soort 'monotoon'"),
    ("  - {naam: x, soort: invariantie, transformatie: spiegelen, uitkomst: {objecttype: H, naam: t}}\n",
     "Onbekende transformatie 'spiegelen'"),
    ("  - {naam: x, soort: invariantie, transformatie: verdeling, uitkomst: {objecttype: H, naam: t}}\n",
     "Een verdeling noemt de invoer"),
    ("  - {naam: x, soort: begrensd-effect, feittype: f, uitkomst: {objecttype: H, naam: t}}\n",
     "Een begrensd effect noemt"),
    ("  - {naam: x, soort: nooit-leeg, uitkomst: {objecttype: H, naam: t}, wanneer: [{naam: a, is: true, "
     "minimum: 1}]}\n", "precies één van"),
    ("  - {naam: x, soort: geen-verliezers, uitkomst: {objecttype: H, naam: t}}\n", "met 'wanneer'"),
])
def test_mistakes_are_refused_with_file_line_and_field(tmp_path: Path, tekst: str, bericht: str) -> None:
    p = tmp_path / "eigenschappen.yaml"
    p.write_text("eigenschappen:\n" + tekst, "utf-8")
    with pytest.raises(DiagnosticError) as e:
        read_bestand(p)
    [d] = e.value.diagnostics
    assert bericht in d.bericht and d.herkomst is not None
    assert d.herkomst.span.bestand == str(p) and d.herkomst.span.regel == 2
