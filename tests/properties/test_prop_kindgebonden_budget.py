"""The kindgebonden-budget model equals a direct transcription of the Wkgb 2025, month by month.

Hypothesis draws households (one or two parents, up to four children born between 2005 and 2025, with and
without kinderbijslag, incomes around both income thresholds, vermogen around both limits, any rekendatum in
2025). The reference below reads the law per calendar month with dates (art. 2 lid 1, 3, 5, 11), not with the
model's month serial numbers or its prefix/suffix union, and takes the 2025 amounts from the law text itself,
so a slip in the rules, the parameters or the month arithmetic shows up as a difference to the cent.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from functools import cache
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from regelspraak.evaluate.interpret import Gegevens, Invoer, run
from regelspraak.inputs.files import read_parameters
from regelspraak.model import folder, ir
from regelspraak.model.from_syntax import load_model

ROOT = Path(__file__).resolve().parents[2]
KGB = ROOT / "wetten" / "kindgebonden-budget"

# Wkgb toestand 2025-01-01: art. 2 lid 2, 4, 5, 6, 7/8, art. 1 lid 4; Awir art. 14 lid 5.
PER_KIND, VANAF_12, VANAF_16, OUDERKOP = 2511, 703, 936, 3389
PERCENTAGE = Fraction(71, 1000)
DREMPEL = 28406  # 108% x 12 x 2191.80 = 28405.728, rounded as Dienst Toeslagen publishes it (wet.yaml)
VERHOGING_PARTNER = 9139
VERMOGENSGRENS = {1: 141896, 2: 179429}


@cache
def _model() -> tuple[ir.Model, dict[str, ir.Waarde]]:
    files = folder.find(KGB)
    model, _ = load_model(list(files.rgs))
    params: dict[str, ir.Waarde] = {}
    for p in files.parameters:  # the Awir's €24 too (model.yaml: bouwt_op)
        params.update(read_parameters(p, model, model.eenheden, date(2025, 7, 1))[0])
    return model, params


def _na(maand: tuple[int, int], geboren: date, jaren: int) -> bool:
    """`maand` lies after the calendar month in which someone born on `geboren` turns `jaren`."""
    return maand > (geboren.year + jaren, geboren.month)


def _referentie(ouders: list[tuple[Fraction, Fraction]], kinderen: list[tuple[date, bool]]) -> int:
    """The kindgebonden budget 2025 read from the law, one calendar month at a time."""
    inkomen = sum((i for i, _ in ouders), Fraction(0))
    if sum((v for _, v in ouders), Fraction(0)) > VERMOGENSGRENS[len(ouders)]:
        return 0  # art. 1 lid 4: "meer bedraagt dan"
    grens = DREMPEL if len(ouders) == 1 else DREMPEL + VERHOGING_PARTNER
    vermindering = PERCENTAGE * max(inkomen - grens, Fraction(0))  # art. 2 lid 7, 8 (per year)
    totaal, maanden = Fraction(0), 0
    for m in range(1, 13):
        maand = (2025, m)
        bedrag = Fraction(0)
        for geboren, kinderbijslag in kinderen:
            # Lid 1: from the month after birth through the month of the 18th birthday.
            if not kinderbijslag or not _na(maand, geboren, 0) or _na(maand, geboren, 18):
                continue
            bedrag += PER_KIND
            if _na(maand, geboren, 16):
                bedrag += VANAF_16  # lid 5: from the month after the 16th birthday
            elif _na(maand, geboren, 12):
                bedrag += VANAF_12  # lid 3, 4: from the month after the 12th birthday, younger than 16
        if bedrag:
            maanden += 1
            totaal += bedrag + (OUDERKOP if len(ouders) == 1 else 0) - vermindering  # one twelfth below
    if maanden == 0:
        return 0
    jaarbedrag = max(totaal / 12, Fraction(0))  # AANNAME (wet.yaml, art. 2 lid 11): one floor for the year
    afgerond = int(jaarbedrag + Fraction(1, 2))  # Awir art. 14 lid 4, rekenkundig (non-negative)
    return afgerond if afgerond >= 24 else 0  # Awir art. 14 lid 5


_geld = st.one_of(
    st.integers(0, 15_000_000).map(lambda c: Fraction(c, 100)),
    st.sampled_from([0, DREMPEL, DREMPEL + 1, DREMPEL + VERHOGING_PARTNER, 37546, 111160, 111175]).map(Fraction),
)
_vermogen = st.one_of(st.just(Fraction(0)), st.sampled_from([141896, 141897, 89714, 89715]).map(Fraction),
                      st.integers(0, 20_000_000).map(lambda c: Fraction(c, 100)))
_kind = st.tuples(st.dates(date(2005, 1, 1), date(2025, 12, 31)), st.booleans())


@settings(max_examples=150, deadline=None, derandomize=True)
# The €24 edge (Awir art. 14 lid 5) is a window of one euro that random incomes rarely hit: 23.401 and 24.466.
@example(ouders=[(Fraction(111175), Fraction(0))], kinderen=[(date(2022, 1, 10), True)], rekendatum=date(2025, 7, 1))
@example(ouders=[(Fraction(111160), Fraction(0))], kinderen=[(date(2022, 1, 10), True)], rekendatum=date(2025, 7, 1))
@given(ouders=st.lists(st.tuples(_geld, _vermogen), min_size=1, max_size=2),
       kinderen=st.lists(_kind, max_size=4), rekendatum=st.dates(date(2025, 1, 1), date(2025, 12, 31)))
def test_model_equals_the_law_read_per_month(ouders: list[tuple[Fraction, Fraction]],
                                             kinderen: list[tuple[date, bool]], rekendatum: date) -> None:
    model, params = _model()
    objecten = {"huishouden": Invoer("huishouden", {}, {})}
    feiten: list[tuple[str, tuple[str, ...]]] = []
    for i, (inkomen, vermogen) in enumerate(ouders):
        objecten[f"ouder_{i}"] = Invoer("natuurlijk persoon", {
            "geboortedatum": date(1980, 1, 1), "toetsingsinkomen": inkomen, "rendementsgrondslag": vermogen}, {})
        feiten.append(("huishoudsamenstelling", ("huishouden", f"ouder_{i}")))
    for i, (geboren, kinderbijslag) in enumerate(kinderen):
        objecten[f"kind_{i}"] = Invoer("natuurlijk persoon", {"geboortedatum": geboren},
                                       {"kinderbijslag ontvangen": kinderbijslag})
        feiten.append(("kinderen van het huishouden", ("huishouden", f"kind_{i}")))
    uitkomst = run(model, Gegevens(rekendatum, params, objecten, feiten))
    assert not uitkomst.fouten, [f.bericht for f in uitkomst.fouten]
    gevonden = uitkomst.instanties["huishouden"].waarden["kindgebonden budget"]
    assert gevonden == _referentie(ouders, kinderen), (ouders, kinderen)
