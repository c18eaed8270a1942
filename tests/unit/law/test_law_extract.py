"""Extraction towards rules (for `ontleed`): definitions, values, normative sentences, references."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

import pytest
import yaml
from law_bronnen import PARAMETERS

from regelspraak.law.citation import parse_citatie
from regelspraak.law.extract import definities, normen, verwijzingen, waarden
from regelspraak.law.tree import Wet


def test_wzt_percentages_artikel_2_lid_3(wzt: Wet) -> None:
    lid3 = "jci1.3:c:BWBR0018451&artikel=2&lid=3"
    gevonden = [(w.letterlijk, w.waarde, w.eenheid) for w in waarden(wzt) if w.node_id == lid3]
    assert gevonden == [
        ("4,273%", Fraction("4.273"), "procent"),  # met partner
        ("13,700%", Fraction("13.7"), "procent"),
        ("1,896%", Fraction("1.896"), "procent"),  # zonder partner
        ("13,700%", Fraction("13.7"), "procent"),
    ]


def test_wzt_vermogensgrens_artikel_3(wzt: Wet) -> None:
    lid1 = "jci1.3:c:BWBR0018451&artikel=3&lid=1"
    gevonden = [(w.letterlijk, w.waarde, w.eenheid) for w in waarden(wzt) if w.node_id == lid1]
    assert gevonden == [("€ 141.896", Fraction(141896), "euro"), ("€ 179.429", Fraction(179429), "euro")]
    lid = wzt.vind_id(lid1)
    assert lid is not None and lid.span is not None  # the bron of the generated parameter


def test_wzt_definities(wzt: Wet) -> None:
    defs = {d.term: d for d in definities(wzt)}
    assert len(defs) == 8
    assert defs["drempelinkomen"].node_id == "jci1.3:c:BWBR0018451&artikel=1&lid=1&o=f"
    assert defs["drempelinkomen"].tekst.startswith("108% van het twaalfvoud")
    assert [w.waarde for w in waarden(wzt) if w.node_id == defs["drempelinkomen"].node_id] == [Fraction(108)]


def test_definities_inline_en_onder(akw: Wet, aow: Wet) -> None:
    kind = next(d for d in definities(akw) if d.term == "kind")
    assert kind.node_id == "jci1.3:c:BWBR0002368&artikel=4&lid=1"
    assert kind.tekst == "eigen kind, aangehuwd kind of pleegkind."
    pleegkind = next(d for d in definities(aow) if d.node_id.endswith("&artikel=1&lid=9"))
    assert pleegkind.term == "voormalig pleegkind"


def test_normen_wzt(wzt: Wet, awir: Wet) -> None:
    per_node = {n.node_id: n for n in normen(wzt)}
    lid1 = per_node["jci1.3:c:BWBR0018451&artikel=2&lid=1"]
    assert lid1.patronen[-1] == "indien"
    assert lid1.voorwaarde is not None and lid1.voorwaarde.startswith("de normpremie voor een verzekerde")
    assert lid1.gevolg.startswith("heeft de verzekerde aanspraak op een zorgtoeslag")
    lid4 = per_node["jci1.3:c:BWBR0018451&artikel=2&lid=4"]
    assert lid4.patronen == ("bedraagt", "in afwijking van")
    assert (lid4.voorwaarde, lid4.gevolg[:30]) == ("in afwijking van het eerste lid", "bedraagt de aanspraak op een z")
    art3 = per_node["jci1.3:c:BWBR0018451&artikel=3&lid=1"]
    assert art3.voorwaarde is not None and art3.voorwaarde.endswith("Algemene wet inkomensafhankelijke regelingen")
    minimum = next(n for n in normen(awir) if n.node_id == "jci1.3:c:BWBR0018472&artikel=14&lid=5")
    assert (minimum.voorwaarde, minimum.gevolg) == ("deze minder dan € 24 zou bedragen",
                                                    "Een tegemoetkoming wordt niet toegekend")


def test_verwijzingen_zijn_de_randen(wzt: Wet) -> None:
    paren = verwijzingen(wzt)
    assert len(paren) == 31  # grep -oE '<(intref|extref) ' Wzt | wc -l
    assert ("jci1.3:c:BWBR0018451&artikel=3&lid=1", "jci1.3:c:BWBR0011353&artikel=5.3") in {
        (node, v.doel) for node, v in paren
    }


def test_vervallen_tekst_levert_niets(pw: Wet) -> None:
    vervallen = {n.id for n in pw.knopen() if n.status.vervallen}
    assert vervallen
    assert not any(w.node_id in vervallen for w in waarden(pw))
    assert not any(n.node_id in vervallen for n in normen(pw))


def test_datums(awir: Wet) -> None:
    assert all(isinstance(w.waarde, date) for w in waarden(awir) if w.eenheid == "datum")
    # grep -o '[0-9]* [a-z]* [0-9]\{4\}' → art. 29a lid 1: '… 28 februari 2022 …'
    assert ("28 februari 2022", date(2022, 2, 28), "jci1.3:c:BWBR0018472&artikel=29a&lid=1") in {
        (w.letterlijk, w.waarde, w.node_id) for w in waarden(awir)
    }


def _wettekst_parameters() -> list[tuple[str, str, Any]]:
    """Values the parameter file says were read in the very law texts we have (same toestand)."""
    data = yaml.safe_load(PARAMETERS.read_text(encoding="utf-8"))
    uit = []

    def loop(pad: str, knoop: Any) -> None:
        if isinstance(knoop, dict) and knoop.get("status") == "wettekst":
            eenheid, bron = str(knoop.get("eenheid", "")), str(knoop.get("bron", ""))
            # Rounding to whole euros is a rule, not a literal amount in the text.
            if eenheid.startswith(("euro", "procent")) and "afronding" not in pad and (
                ("toestand 2025-01-01" in bron and not bron.startswith("Participatiewet"))
                or "toestand 2026-01-01" in bron
            ):
                uit.append((pad, bron, knoop["waarde"]))
        elif isinstance(knoop, dict):
            for k, v in knoop.items():
                loop(f"{pad}.{k}", v)

    loop("", data)
    return uit


@pytest.mark.parametrize(("pad", "bron", "waarde"), _wettekst_parameters())
def test_parameterbestand_klopt_met_de_wettekst(
    request: pytest.FixtureRequest, pad: str, bron: str, waarde: Any
) -> None:
    """Every amount or percentage in parameters-toeslagen.yaml that was transcribed from one of these
    law texts is found by the extraction, at the cited article/lid or below it."""
    (ref,) = parse_citatie(bron)
    wet: Wet = request.getfixturevalue({"BWBR0018451": "wzt", "BWBR0018472": "awir", "BWBR0015703": "pw",
                                        "BWBR0002221": "aow"}[ref.bwb or ""])
    node = wet.vind(ref.artikel or "", ref.lid, ref.onderdeel)
    assert node is not None, bron
    onder = {n.id for n in node.knopen()}
    assert Fraction(str(waarde)) in {w.waarde for w in waarden(wet) if w.node_id in onder}, pad


def test_er_zijn_genoeg_parameters_om_te_controleren() -> None:
    assert len(_wettekst_parameters()) >= 12


def test_een_verlaging_met_een_bedrag_is_een_norm() -> None:
    # Wet verlaging eigen bijdrage huurtoeslag art. 1: a calculation step on an amount another law
    # defines; `ontleed` must give it a rule skeleton, not only its amounts as parameters.
    from regelspraak.law.from_text import parse_tekst

    wet, diags = parse_tekst("Wet verlaging eigen bijdrage huurtoeslag\nBWB: BWBR0049106\nGeldig vanaf: 2025-01-01\n\n"
                   "Artikel 1\nDe overeenkomstig artikel 16 van de Wet op de huurtoeslag berekende basishuur wordt:\n"
                   "   a. in 2024 verlaagd met € 37,72;\n   b. in 2025 verlaagd met € 37,14.\n",
                             "BWBR0049106_2025-01-01.txt")
    assert wet is not None, diags
    gevonden = normen(wet)
    assert [n.patronen for n in gevonden] == [("verlaagd of verhoogd met",)]
    assert "in 2025 verlaagd met € 37,14" in gevonden[0].zin
