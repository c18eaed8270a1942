"""Mutated models with the sentence forms of the second wave never crash the tool.

Seeds are the golden models of Dimensies (as the specification writes them), Datum en tijd in
millisecondes, and TOKA as the specification writes it (ObjectCreatie, FeitCreatie in the
specification's reading, Verdeling, Dagsoort). The mutations are those of `test_prop_fuzz_models.py`
(`apply`), with words from these forms inserted: dimension selections (`over alle jaren`, `vanaf … t/m`,
`{`, `}`), labels before and after an attribute, date-and-time literals (also ones that do not exist),
time units and `in hele uren`. `load_model` answers with diagnostics pointing at real lines, and when
the model still loads cleanly, both engines run its case without raising anything but a rule error.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_prop_fuzz_models import apply

from regelspraak.diagnostics import Diagnostic, DiagnosticError, fouten
from regelspraak.evaluate import convert, vectorize
from regelspraak.evaluate.interpret import run as interpret
from regelspraak.inputs.files import read_case
from regelspraak.model import ir
from regelspraak.model.from_syntax import load_model
from regelspraak.reading import Leesfout

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
MAPPEN = ("dimensies-spec", "dimensies-betaalde-belasting", "datum-en-tijd-rekenen", "toka-spec")
SEEDS = {m: (GOLDEN / m / "model.rgs").read_text("utf-8") for m in MAPPEN}

WORDS = (
    "gedimensioneerd met", "jaardimensie", "brutonettodimensie", "en", ",", "over", "over alle jaren",
    "over de jaren", "over alle brutonettodimensies", "vanaf", "t/m", "vorig jaar", "huidig jaar", "bruto", "netto",
    "{", "}", "in", "{vorig jaar en huidig jaar}", "(voor het attribuut zonder voorzetsel):",
    "(na het attribuut met voorzetsel in):", "1.", "- ", "dd. 1-7-2025 08:15:30.250", "1-7-2025 24:61",
    "01-07-2025 23:59", "plus 3 u", "min 1,5 u", "plus 250 ms", "plus 1 mnd", "in hele uren", "in millisecondes",
    "in hele minuten", "de eerste van", "de laatste van", "heeft het", "heeft een", "is een", "passagier",
    "wordt verdeeld over", "waarbij wordt verdeeld:", "Als onverdeelde rest blijft", "kerstdag", "is een kerstdag",
    "de eerste paasdag van", "(", ")", ".", "•", "••", "|", "'", "\t",
)


@st.composite
def nieuwe_vormen(draw: st.DrawFn) -> tuple[str, str]:
    naam = draw(st.sampled_from(MAPPEN))
    text = SEEDS[naam]
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(("ins_word", "ins_word", "ins_word", "del_word", "del_line", "dup_line",
                                   "swap_lines", "del_char", "truncate")))
        a = draw(st.floats(0, 1, exclude_max=True))
        b = draw(st.floats(0, 1, exclude_max=True))
        text = apply(text, (op, a, b, draw(st.sampled_from(WORDS)) if op == "ins_word" else ""))
    return naam, text


def _check(diags: list[Diagnostic], pad: Path, text: str) -> None:
    n_lines = max(1, len(text.splitlines()))
    for d in diags:
        assert d.herkomst is not None, d
        assert d.herkomst.span.bestand == str(pad), d
        assert 1 <= d.herkomst.span.regel <= n_lines, d


@settings(deadline=None, derandomize=True, max_examples=120,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(gegeven=nieuwe_vormen())
def test_nieuwe_vormen_geven_diagnostieken(gegeven: tuple[str, str]) -> None:
    naam, text = gegeven
    with tempfile.TemporaryDirectory() as d:
        pad = Path(d) / "model.rgs"
        pad.write_text(text, encoding="utf-8")
        model, diags = load_model([pad])
        assert isinstance(model, ir.Model)
        _check(diags, pad, text)
        if fouten(diags):
            return
        parameters = [GOLDEN / naam / "parameters.yaml"] if (GOLDEN / naam / "parameters.yaml").exists() else []
        try:
            g = read_case(GOLDEN / naam / "geval.yaml", model, model.eenheden, None, parameters)
        except (DiagnosticError, Leesfout):
            return  # the mutated model no longer fits its case: refused as input, which is fine
        u = interpret(model, g)
        assert isinstance(u.instanties, dict)
        try:
            vectorize.run(model, convert.populatie(model, g), g.rekendatum, g.parameters)
        except vectorize.EngineFout:
            assert u.fouten, "only the vectorised engine failed"
