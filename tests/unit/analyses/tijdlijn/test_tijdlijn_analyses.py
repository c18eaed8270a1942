"""The analyses, `vergelijk` and the property search on timeline models (issue 11): no RS008 refusal, a
planted cliff in a monthly amount found on both sides of the parameter change on 1 July, the z3
analyses encoded per stretch, and the same output twice."""

from __future__ import annotations

import itertools
import json
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from regelspraak.analyses import context
from regelspraak.analyses.registry import run_all
from tests.unit.analyses.tijdlijn.models import VOORSTEL, schrijf

REKENDATUM = date(2025, 7, 1)


def _cli(*args: str) -> tuple[int, str]:
    from typer.testing import CliRunner

    from regelspraak.cli import app

    r = CliRunner().invoke(app, list(args))
    return r.exit_code, r.output


def test_klif_in_een_maandbedrag_aan_beide_kanten_van_1_juli(tmp_path: Path) -> None:
    ctx = context.load(schrijf(tmp_path / "m"), REKENDATUM)
    findings, _ = run_all(ctx)
    kliffen = sorted((f.details["van"], f.bedrag, f.details["per_jaar"],
                      tuple(m["maand"] for m in f.details["per_maand"]),
                      {m["verschil"] for m in f.details["per_maand"]}, f.details["gedomineerd_bereik"], f.bericht)
                     for f in findings if f.code == "RS402")
    # 100 € a month lost at 2000 (January to June) and at 2100 (July to December): 600 € a year each,
    # made up by 50 € more income a month (12 × 50 = 600).
    assert [k[:6] for k in kliffen] == [
        ("1999", "600", "-600", ("01", "02", "03", "04", "05", "06"), {"-100"}, "50"),
        ("2099", "600", "-600", ("07", "08", "09", "10", "11", "12"), {"-100"}, "50")], kliffen
    assert "€ 600 per jaar (de som over de maanden: € 100 in januari t/m juni; een tijdlijn per maand)" in kliffen[0][6]
    assert "€ 100 in juli t/m december" in kliffen[1][6]
    # the counterexample is a case file `bereken` reads: the income as a timeline through the year
    klif = next(f for f in findings if f.code == "RS402")
    assert klif.tegenvoorbeeld is not None
    assert klif.tegenvoorbeeld["objecten"]["p"]["inkomen"] == [{"vanaf": "2025-01-01", "tot": "2026-01-01",
                                                                "waarde": "2000"}]


@pytest.mark.parametrize("naam", ["regelspraak.analyses.stukken", "regelspraak.analyses.maandeffect"])
def test_doctests(naam: str) -> None:
    import doctest
    import importlib

    uitslag = doctest.testmod(importlib.import_module(naam))
    assert uitslag.failed == 0 and uitslag.attempted > 0


def test_z3_analyses_per_stuk(tmp_path: Path) -> None:
    ctx = context.load(schrijf(tmp_path / "m"), REKENDATUM)
    run_all(ctx, alleen=frozenset({"conflicten"}))
    gedekt = " ".join(ctx.dekking["conflicten"].gedekt)
    assert "01-01-2025 t/m 30-06-2025, 01-07-2025 t/m 31-12-2025" in gedekt


def test_analyseer_cli_geen_rs008_en_deterministisch(tmp_path: Path) -> None:
    m = schrijf(tmp_path / "m")
    a = _cli("analyseer", str(m), "--rekendatum", "2025-07-01", "--formaat", "json")
    b = _cli("analyseer", str(m), "--rekendatum", "2025-07-01", "--formaat", "json")
    assert a[0] == 1 and "RS008" not in a[1], a[1]
    assert a == b
    assert any(f["code"] == "RS402" for f in json.loads(a[1])["bevindingen"])


def test_vergelijk_op_een_tijdlijnmodel(tmp_path: Path) -> None:
    schrijf(tmp_path / "huidig")
    (tmp_path / "voorstel").mkdir()
    (tmp_path / "voorstel" / "voorstel.yaml").write_text(VOORSTEL, "utf-8")
    code, uit = _cli("vergelijk", str(tmp_path / "huidig"), str(tmp_path / "voorstel"), "--rekendatum", "2025-07-01")
    assert code == 0 and "RS008" not in uit and "gewijzigd parameter grens" in uit, uit
    code, uit = _cli("vergelijk", str(tmp_path / "huidig"), str(tmp_path / "voorstel"), "--rekendatum", "2025-07-01",
                     "--formaat", "json")
    d = json.loads(uit)
    # the bill moves the July threshold: both cliffs keep their id (the threshold is named per stretch,
    # grens@2025-07-01), none is new
    assert not d["analyses"]["nieuw"] and sum(f["code"] == "RS402" for f in d["analyses"]["gebleven"]) == 2
    # the curves of both versions: the monthly toeslag as its yearly total, both halves' thresholds marked
    kromme = d["krommen"][0]
    assert kromme["drempels"] == ["2000", "2100"] and kromme["uitkomst_per"].startswith("jaar")
    assert ["1999", "1200"] in kromme["punten_voor"] and ["2000", "600"] in kromme["punten_voor"]
    assert ["2100", "0"] in kromme["punten_voor"] and ["2499", "600"] in kromme["punten_na"]
    assert ["2500", "0"] in kromme["punten_na"]


def test_eigenschappen_op_een_tijdlijnmodel(tmp_path: Path) -> None:
    """`regelspraak test` draws timeline inputs (one value all year, or two from a month boundary on),
    checks a timeline output on every stretch, and z3 decides `grenzen` per stretch of the year."""
    from tests.unit.analyses.tijdlijn.models import EIGENSCHAPPEN

    m = schrijf(tmp_path / "m")
    (m / "eigenschappen.yaml").write_text(EIGENSCHAPPEN, "utf-8")
    code, uit = _cli("test", str(m))
    assert code == 1, uit
    regels = {r.split(" (")[0]: r for r in uit.splitlines() if r.startswith(("✓", "✗"))}
    assert "(bewezen)" in regels["✓ eigenschap: de toeslag ligt tussen 0 en 100"], uit
    assert "✗ eigenschap: de toeslag ligt tussen 0 en 90" in regels, uit
    assert "✗ eigenschap: de toeslag daalt niet als het inkomen stijgt" in regels, uit
    assert "✓ eigenschap: het jaarbedrag is hoogstens 1200" in regels, uit
    assert "is 100 van 01-01-2025 tot 01-07-2025, meer dan het maximum 90" in uit, uit
    # every counterexample is a case `bereken` reads, with the income as a timeline
    for geval in (m / "tegenvoorbeelden").glob("*[0-9a-f].yaml"):
        assert "vanaf: '2025-" in geval.read_text("utf-8")
        assert _cli("bereken", str(m), "--gegevens", str(geval))[0] == 0


def test_te_veel_stukken_rs422(tmp_path: Path) -> None:
    """A threshold that changes 13 times in the year gives 14 stretches: the z3 analyses encode the first
    12 and say which they did not (RS422 and the coverage); nothing is claimed about the rest."""
    from datetime import timedelta

    m = schrijf(tmp_path / "m", analyse=False)
    grenzen = [*sorted([date(2025, k, 1) for k in range(1, 13)] + [date(2025, 11, 16), date(2025, 12, 16)]),
               date(2026, 1, 1)]
    regels = ["parameters:", "  grens:"]
    for i, (a, b) in enumerate(itertools.pairwise(grenzen)):
        regels.append(f'    - {{waarde: "{2000 + i}", vanaf: {a.isoformat()}, '
                      f"tot_en_met: {(b - timedelta(days=1)).isoformat()}, bron: testmodel}}")
    (m / "parameters.yaml").write_text("\n".join(regels) + "\n", "utf-8")
    ctx = context.load(m, REKENDATUM)
    findings, _ = run_all(ctx, alleen=frozenset({"dode_regels"}))
    noot = [f for f in findings if f.code == "RS422"]
    assert len(noot) == 1 and noot[0].details["niet_gecontroleerd"] == ["01-12-2025 t/m 15-12-2025",
                                                                        "16-12-2025 t/m 31-12-2025"], noot
    assert "alleen de eerste 12 zijn gecodeerd" in noot[0].bericht
    assert any("niet gecodeerd" in x for x in ctx.dekking["dode_regels"].overgeslagen)


VERSIES = """Objecttype de Persoon (mv: Personen) (bezield)
\thet inkomen\tNumeriek (niet-negatief getal met 2 decimalen) met eenheid € voor elke maand;
\tde toeslag\tNumeriek (getal met 2 decimalen) met eenheid € voor elke maand;
\tde leeftijd\tNumeriek (niet-negatief geheel getal) met eenheid jr;
\tde categorie\tNumeriek (niet-negatief geheel getal);

Regel toeslag tot juli
\tbron: geen — testmodel
\tgeldig vanaf 01-01-2025 t/m 30-06-2025
\t\tDe toeslag van een Persoon moet berekend worden als 100 € indien zijn inkomen kleiner is dan 2000 €.

Regel toeslag vanaf juli
\tbron: geen — testmodel
\tgeldig vanaf 01-07-2025
\t\tDe toeslag van een Persoon moet berekend worden als 120 € indien zijn inkomen kleiner is dan 2000 €.

Regel categorie
\tbron: geen — testmodel
\tgeldig vanaf 01-01-2025 t/m 31-03-2025
\t\tDe categorie van een Persoon moet berekend worden als 1 indien zijn leeftijd groter is dan 17 jr.
\tgeldig vanaf 01-04-2025
\t\tDe categorie van een Persoon moet berekend worden als 2 indien zijn leeftijd groter is dan 17 jr.
"""


def test_stukken_uit_regelversies(tmp_path: Path) -> None:
    """A rule over timelines cuts the year where one of its versions starts or ends (1 July); a rule
    without timelines runs the version valid on the rekendatum, as the interpreter does, so its version
    change on 1 April cuts nothing, and the stretch encodes the rekendatum's version of it."""
    from regelspraak.analyses.stukken import geldig_op_moment, stukken
    from regelspraak.model.from_syntax import load_model

    (tmp_path / "model.rgs").write_text(VERSIES, "utf-8")
    model, diags = load_model([tmp_path / "model.rgs"])
    assert not [d for d in diags if d.ernst.name == "FOUT"], diags
    s = stukken(model, REKENDATUM, {})
    assert [x.label() for x in s] == ["01-01-2025 t/m 30-06-2025", "01-07-2025 t/m 31-12-2025"]
    categorie = next(r for r in model.regels if r.naam == "categorie")
    assert [geldig_op_moment(categorie, v, REKENDATUM, s[0]) for v in categorie.versies] == [False, True]
    juli = next(r for r in model.regels if r.naam == "toeslag vanaf juli")
    assert [geldig_op_moment(juli, juli.versies[0], REKENDATUM, x) for x in s] == [False, True]


GOLDEN = Path(__file__).parent / "verwacht-maandklif.txt"


def test_golden_analyseer_tekst(tmp_path: Path, update_golden: bool) -> None:
    """The whole text report of the planted model, byte for byte (the folder's path replaced): the
    per-month cliffs, the per-stretch coverage of the z3 analyses and the notes. Regenerate with
    `pytest --update-golden` after a deliberate change, and read the diff."""
    m = schrijf(tmp_path / "m")
    code, uit = _cli("analyseer", str(m), "--rekendatum", "2025-07-01")
    tekst = uit.replace(str(m), "<model>")
    if update_golden:
        GOLDEN.write_text(tekst, "utf-8")
    assert code == 1
    assert tekst == GOLDEN.read_text("utf-8")


AFBOUW = """Objecttype de Persoon (mv: Personen) (bezield)
\thet inkomen\tNumeriek (niet-negatief getal met 2 decimalen) met eenheid €/mnd;
\tde uitkering\tNumeriek (niet-negatief getal met 0 decimalen) met eenheid €/mnd voor elke maand;

Parameter de basis : Numeriek (getal met 2 decimalen) met eenheid €/mnd voor elke maand;

Regel uitkering
\tbron: geen — testmodel
\tgeldig altijd
\t\tDe uitkering van een Persoon moet berekend worden als (de basis min 50% van zijn inkomen), met een minimum
\t\tvan 0 €/mnd naar beneden afgerond op 0 decimalen.
"""

AFBOUW_PARAMETERS = """parameters:
  basis:
    - {waarde: "1000", vanaf: 2025-01-01, tot_en_met: 2025-06-30, bron: testmodel}
    - {waarde: "1100", vanaf: 2025-07-01, tot_en_met: 2025-12-31, bron: testmodel}
"""

AFBOUW_ANALYSE = """uitkomsten:
  - {objecttype: Persoon, naam: uitkering}
domeinen:
  - {objecttype: Persoon, naam: inkomen, minimum: 0, maximum: 3000, stap: 1}
marginaal_tarief_drempel: "40%"
sjablonen:
  - naam: persoon
    gegevens:
      rekendatum: 2025-07-01
      objecten:
        p: {type: Persoon, inkomen: 100}
"""


def _afbouw(map_: Path, decimalen: int) -> Path:
    map_.mkdir()
    (map_ / "model.rgs").write_text(AFBOUW.replace("0 decimalen", f"{decimalen} decimalen"), "utf-8")
    (map_ / "parameters.yaml").write_text(AFBOUW_PARAMETERS, "utf-8")
    (map_ / "analyse.yaml").write_text(AFBOUW_ANALYSE, "utf-8")
    return map_


def test_maandbedrag_als_invoer_en_tijdlijn_als_uitkomst(tmp_path: Path) -> None:
    """A €/mnd input (no timeline) and a monthly timeline output taper at 50%: the yearly total falls by
    12 × 0,5 per euro a month, which is a rate of 50% (not 600%): reported above a 40% threshold over the
    range where both half years taper, with the exact rate."""
    findings, _ = run_all(context.load(_afbouw(tmp_path / "m", 2), REKENDATUM))
    tarieven = sorted((Fraction(f.details["van"]), Fraction(f.details["tot"]), f.details["tarief"])
                      for f in findings if f.code == "RS404")
    # the taper runs to 2000 (January-June, basis 1000) and to 2200 (July-December): 50% until 2000,
    # then only the second half year still tapers (25% a year, below the 40% threshold)
    assert [t for _, _, t in tarieven] == ["0.5"], tarieven
    assert tarieven[0][0] <= 2 and 1998 <= tarieven[0][1] <= 2000, tarieven


def test_afronding_per_maand_is_geen_sprong(tmp_path: Path) -> None:
    """Rounded to whole euros a month, the yearly total moves in steps of up to € 12 (one euro in each
    month): the tolerance holds per month of the output, so these are no jumps (RS401)."""
    findings, _ = run_all(context.load(_afbouw(tmp_path / "m", 0), REKENDATUM))
    assert not [f for f in findings if f.code in ("RS401", "RS402")], [f.bericht for f in findings]


def test_tijdlijn_parameter_zonder_stuk_is_zijn_waarde_op_de_rekendatum(tmp_path: Path) -> None:
    # A Context without a stretch (the z3 analyses called directly, as the no-false-positives test of the shipped
    # zorgtoeslag does) read a timeline parameter as a text code: every rule comparing it with a date was 'bewezen'
    # dead (RS320) -- the monthly zorgtoeslag with a calendar parameter had 13 such findings. It is its value on the
    # rekendatum, the moment a Context without a stretch asks about.
    from datetime import date

    from regelspraak.analyses.reachability import dode_regels
    from regelspraak.analyses.solver.search import Context
    from regelspraak.inputs.files import read_parameters
    from regelspraak.model.from_syntax import load_model

    (tmp_path / "model.rgs").write_text(
        "Objecttype de Persoon (mv: Personen) (bezield)\n"
        "\tde geboortedatum\tDatum in dagen;\n"
        "\tde toeslag\tNumeriek (niet-negatief geheel getal) met eenheid € voor elke maand;\n\n"
        "Parameter de kalendermaand : Datum in dagen voor elke maand;\n\n"
        "Regel toeslag\n\tbron: geen — testmodel\n\tgeldig altijd\n"
        "\t\tDe toeslag van een Persoon moet berekend worden als 100 €\n"
        "\t\tindien de kalendermaand later is dan zijn geboortedatum.\n", "utf-8")
    maanden = "\n".join(
        f"    - {{waarde: 2025-{m:02d}-01, vanaf: 2025-{m:02d}-01, tot_en_met: 2025-{m:02d}-28, bron: t}}"
        for m in range(1, 13))
    (tmp_path / "parameters.yaml").write_text(f"parameters:\n  kalendermaand:\n{maanden}\n", "utf-8")
    model, diags = load_model([tmp_path / "model.rgs"])
    assert not [d for d in diags if d.is_fout]
    params, _ = read_parameters(tmp_path / "parameters.yaml", model, model.eenheden, date(2025, 7, 1))
    assert dode_regels(Context(model, params, date(2025, 7, 1))) == []
