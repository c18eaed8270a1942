"""wetten/zorgtoeslag per calendar month (Wzt art. 2 lid 5, issue 11): both engines give the hand-derived cases,
every monthly rule runs on the period axis (no rule falls back to the interpreter, which the national
simulation and the speed harness could not afford), and a year of constant facts gives the yearly formula."""

from __future__ import annotations

import math
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from regelspraak.evaluate import convert, vectorize
from regelspraak.evaluate.interpret import Gegevens
from regelspraak.evaluate.interpret import run as interpret
from regelspraak.inputs.files import read_case, read_parameters
from regelspraak.model import folder
from regelspraak.model.from_syntax import load_model
from regelspraak.values.tijdlijn import Tijdlijn

MAP = Path(__file__).resolve().parents[3] / "wetten" / "zorgtoeslag"
FILES = folder.find(MAP)
MODEL, _ = load_model(list(FILES.rgs))


def _gegevens(tmp_path: Path, gegevens: dict[str, object]) -> Gegevens:
    pad = tmp_path / "geval.yaml"
    pad.write_text(yaml.safe_dump(gegevens, allow_unicode=True), "utf-8")
    return read_case(pad, MODEL, MODEL.eenheden, None, list(FILES.parameters))


@pytest.mark.parametrize("geval", sorted((MAP / "gevallen").glob("*.yaml")), ids=lambda p: p.stem)
def test_engines_gelijk_en_alles_op_de_periode_as(geval: Path, tmp_path: Path) -> None:
    g = _gegevens(tmp_path, yaml.safe_load(geval.read_text("utf-8"))["gegevens"])
    u = interpret(MODEL, g)
    pop = convert.populatie(MODEL, g)
    res = vectorize.run(MODEL, pop, g.rekendatum, g.parameters)
    assert res.terugval == {}
    kolommen = {oid: inv.attributen for oid, inv in convert.objecten(MODEL, pop).items()}
    verwacht = {oid: {k: inst.waarden.get(k) for k in kolommen.get(oid, {})} for oid, inst in u.instanties.items()}
    assert kolommen == verwacht


def test_tijdlijn_parameter_geldt_in_het_berekeningsjaar() -> None:
    # wetten/awir/parameters.yaml dates 'jaartal van het berekeningsjaar' for 2024 and 2025; a 2025 calculation
    # sees the twelve months of 2025 only, one value (so the months share their runs on the period axis).
    params, _ = read_parameters(FILES.parameters[-1], MODEL, MODEL.eenheden, date(2025, 7, 1))
    lijn = params["jaartal van het berekeningsjaar"]
    assert isinstance(lijn, Tijdlijn)
    assert [(s.vanaf, s.tot, s.waarde) for s in lijn.stukken] == [(date(2025, 1, 1), date(2026, 1, 1), 2025)]


def _afgerond(x: Fraction) -> int:
    """Rekenkundig op hele euro's (Awir art. 14 lid 4), for non-negative amounts."""
    return math.floor(x + Fraction(1, 2))


def _jaarformule(inkomen: Fraction, vermogen: Fraction, partner: bool) -> int:
    """The 2025 yearly formula of art. 2 and 3 Wzt for a household of adults insured the whole year."""
    drempel, premie = Fraction(28406), Fraction(2112)
    if vermogen > (179429 if partner else 141896):
        return 0
    norm = Fraction(4273 if partner else 1896, 100000) * drempel + Fraction(137, 1000) * max(Fraction(0),
                                                                                            inkomen - drempel)
    basis = (2 * premie if partner else premie) - norm
    if basis <= 0:
        return 0
    bedrag = _afgerond(basis)
    return bedrag if bedrag >= 24 else 0


def _geval(inkomens: list[int], vermogens: list[int], extra: dict[str, object] | None = None) -> dict[str, object]:
    objecten: dict[str, object] = {"h": {"type": "Huishouden"}}
    feiten = []
    for i, (ink, verm) in enumerate(zip(inkomens, vermogens, strict=True)):
        p: dict[str, object] = {"type": "Natuurlijk persoon", "geboortedatum": "1980-05-05", "verzekerd": True,
                                "toetsingsinkomen": ink, "rendementsgrondslag": verm}
        if i == 1 and extra:
            p.update(extra)
        objecten[f"p{i}"] = p
        feiten.append({"feittype": "huishoudsamenstelling", "huishouden": "h", "lid": f"p{i}"})
    return {"rekendatum": "2025-07-01", "objecten": objecten, "feiten": feiten}


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(0, 60000), min_size=1, max_size=2), st.integers(0, 200000))
def test_constant_jaar_is_de_jaarformule(inkomens: list[int], vermogen: int) -> None:
    # No dates: every member counts in all twelve months with the same facts, so the sum over the months / 12
    # is the yearly amount and the result is the yearly formula (issue 11: a constant timeline = the yearly model).
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        g = _gegevens(Path(d), _geval(inkomens, [vermogen] + [0] * (len(inkomens) - 1)))
    u = interpret(MODEL, g)
    verwacht = _jaarformule(Fraction(sum(inkomens)), Fraction(vermogen), len(inkomens) == 2)
    assert u.instanties["h"].waarden["zorgtoeslag"] == verwacht


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 60000), st.integers(0, 60000), st.integers(1, 12))
def test_partner_vanaf_de_eerste_van_een_maand(ink_a: int, ink_b: int, maand: int) -> None:
    # A partner from the first day of month m (Awir art. 3 lid 3, art. 5): m - 1 months alone, 13 - m together;
    # from 1 January the same as a partner the whole year.
    import tempfile

    extra: dict[str, object] = {"ingangsdatum van het partnerschap": f"2025-{maand:02d}-01"}
    with tempfile.TemporaryDirectory() as d:
        g = _gegevens(Path(d), _geval([ink_a, ink_b], [0, 0], extra))
        heel = _gegevens(Path(d), _geval([ink_a, ink_b], [0, 0]))
    drempel = Fraction(28406)

    def jaarbedrag(inkomen: int, partner: bool) -> Fraction:
        norm = Fraction(4273 if partner else 1896, 100000) * drempel + Fraction(137, 1000) * max(
            Fraction(0), inkomen - drempel)
        return max(Fraction(0), (4224 if partner else 2112) - norm)

    som = (maand - 1) * jaarbedrag(ink_a, False) + (13 - maand) * jaarbedrag(ink_a + ink_b, True)
    # months where the normpremie reaches the standaardpremie have no aanspraak: they add 0, as max(0, …) does
    bedrag = _afgerond(som / 12)
    verwacht = bedrag if bedrag >= 24 else 0
    assert interpret(MODEL, g).instanties["h"].waarden["zorgtoeslag"] == verwacht
    if maand == 1:
        assert verwacht == interpret(MODEL, heel).instanties["h"].waarden["zorgtoeslag"]


def test_een_constant_jaar_rekent_elke_maandregel_eenmaal(tmp_path: Path) -> None:
    # The verzekerde months are computed periods ('vanaf zijn eerste maand als verzekerde'), run per month; their
    # equal months become one cell again, so every household rule over them runs once for the year and its
    # twelve months share one result cell (the speed harness: everyone insured and adult all year).
    geval = yaml.safe_load((MAP / "gevallen" / "04-paar-2025-beiden-verzekerd.yaml").read_text("utf-8"))
    g = _gegevens(tmp_path, geval["gegevens"])
    pop = convert.populatie(MODEL, g)
    res = vectorize.run(MODEL, pop, g.rekendatum, g.parameters)
    assert res.terugval == {}
    for naam in ("verzekerde maand", "lidmaatschap in de maand"):
        assert len({id(c) for c in pop.tabellen["natuurlijk persoon"].kolommen[naam].cellen}) == 1
    for naam in ("hoeveelheid verzekerden in de maand", "normpremie", "jaarbedrag"):
        assert len({id(c) for c in pop.tabellen["huishouden"].kolommen[naam].cellen}) == 1
