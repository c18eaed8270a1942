"""The YAML reader parses once, with libyaml where PyYAML has it (issue 15: an 8,000-object case
file took 23 s, parsed four times in pure Python). Both parsers must give the same data, the same
line per field and the same Dutch messages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regelspraak.diagnostics import DiagnosticError
from regelspraak.inputs import yaml_source

pytestmark = pytest.mark.skipif(yaml_source._CLader is None, reason="PyYAML without libyaml")

_sleutel = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=8)
_waarde = st.recursive(
    st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.text(max_size=12)
    | st.sampled_from(["2025-01-01", "1.000", "€ 40.000", "0x_", "waar", "1e3", "12:30"]),
    lambda kind: st.lists(kind, max_size=3) | st.dictionaries(_sleutel, kind, max_size=3),
    max_leaves=12)


def _beide(tmp: Path, tekst: str, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    pad = tmp / "g.yaml"
    pad.write_bytes(tekst.encode("utf-8"))
    uit = []
    for c_lader in (yaml_source._CLader, None):
        monkeypatch.setattr(yaml_source, "_CLader", c_lader)
        try:
            s = yaml_source.read(pad)
            uit.append((s.data, s.lines))
        except DiagnosticError as e:
            uit.append([(d.code, d.bericht, d.herkomst.span.regel if d.herkomst else None) for d in e.diagnostics])
    return uit[0], uit[1]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(_sleutel, _waarde, min_size=1, max_size=4), flow=st.booleans())
def test_libyaml_and_pure_python_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: dict[str, object],
                                       flow: bool) -> None:
    tekst = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow)
    snel, traag = _beide(tmp_path, tekst, monkeypatch)
    assert snel == traag


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tekst=st.text(alphabet=st.sampled_from(list("ab: -[]{},&*!#'\"\n\t1.0é|>%@`")), max_size=40))
def test_same_outcome_for_arbitrary_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tekst: str) -> None:
    snel, traag = _beide(tmp_path, tekst, monkeypatch)
    assert snel == traag


def test_a_large_case_file_is_parsed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pad = tmp_path / "g.yaml"
    pad.write_text("objecten:\n" + "".join(f"  p{i}: {{type: X, inkomen: {i}}}\n" for i in range(2000)), "utf-8")
    telling = {"compose": 0}
    echt = yaml_source._compose

    def tel(tekst: str) -> object:
        telling["compose"] += 1
        return echt(tekst)

    monkeypatch.setattr(yaml_source, "_compose", tel)
    monkeypatch.setattr(yaml, "load", lambda *a, **k: pytest.fail("parsed a second time"))
    s = yaml_source.read(pad)
    assert telling["compose"] == 1 and s.line(("objecten", "p1999", "inkomen")) == 2001
