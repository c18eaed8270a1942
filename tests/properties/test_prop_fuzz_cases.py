"""Mutated case (and parameter) files never crash `bereken`: it exits 0, 1 or 2, and exit 2 names
the file.

Seeds are the zorgtoeslag example case (`voorbeelden/paar-2025.yaml`) and the `gegevens` of the
20 example cases in `gevallen/`. Mutations work on the data (a value of the wrong type, a huge
number, an unknown key, a missing field, deep nesting) and on the text (YAML syntax garbage,
tags such as `!!python/object`, alias bombs, truncation), and sometimes `--rekendatum` is garbage.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import regelspraak.cli  # noqa: F401 - registers the commands on the app
from regelspraak.cli.app import app

MODEL = Path(__file__).resolve().parents[2] / "wetten" / "zorgtoeslag"


def _seeds() -> list[str]:
    seeds = [(MODEL / "voorbeelden" / "paar-2025.yaml").read_text("utf-8")]
    for p in sorted((MODEL / "gevallen").glob("*.yaml")):
        gegevens = yaml.safe_load(p.read_text("utf-8"))["gegevens"]
        seeds.append(yaml.safe_dump(gegevens, allow_unicode=True, sort_keys=False))
    return seeds


SEEDS = _seeds()
PARAMETERS = (MODEL / "parameters.yaml").read_text("utf-8")

# Values of the wrong type or absurd size, as YAML text (dumping a 5000-digit int or a
# 1000-deep list would itself fail in PyYAML).
ODD_VALUES = (
    "null", "~", "true", "false", "0", "-1", "1.5", "-0.0", ".inf", "-.inf", ".nan", "''", '""', "[]", "{}",
    "[1, 2]", "{a: 1}", "x", "1e999", "1e5", "0x_", "0b", "0o17", "190:20:30", "1_000", "9" * 5000,
    "'" + "9" * 5000 + "'", "'1.2.3,4'", "'24 €'", "'24 €/mnd'", "'24 jr'", "'13,5%'", "'-5 €'",
    "'99999999999999999999999999999999.999999999'", "'1/0'", "2025-13-45", "31-02-2025", "'01-01-0000'",
    "9999-12-31", "0001-01-01", "'waar'", "'met partner'", "'zonder partner'", "'\u202e€'",
    "!!python/object:os.system ['echo x']", "!!python/object/apply:os.system ['echo x']",
    "!!python/name:os.system", "!!binary aGk=", "!!timestamp 2001-12-14t21:59:43.10-05:00", "!!int abc",
    "!!float ''", "!!set {a: null}", "!!omap [a: 1]", "!custom 1", "&a [*a]", "*onbekend",
    "[" * 1000 + "]" * 1000, "{a: " * 200 + "1" + "}" * 200, "'" + "x" * 100_000 + "'",
)
KEYS = ("type", "rekendatum", "objecten", "feiten", "parameters", "feittype", "huishouden", "lid", "leden",
        "geboortedatum", "verzekerd", "verzekerde", "toetsingsinkomen", "rendementsgrondslag", "zorgtoeslag",
        "standaardpremie", "de standaardpremie", "onbekend", "", "  ", "€", "1", "null", "<<", "__class__")
GARBAGE = st.sampled_from([*":-[]{}&*!|>'\"%@`#,?\t\n ", "\r\n", "\ufeff", "\x00", "\x85", "\u2028", "---", "...",
                           "%YAML 1.1", "- -", ": :", "? "])


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


_MARK = "ODDVALUEMARK"  # dumps as a plain scalar, so the raw text replaces it exactly


@st.composite
def mutated_yaml(draw: st.DrawFn, seeds: list[str]) -> bytes:
    text = draw(st.sampled_from(seeds))
    data = yaml.safe_load(text)
    odd: list[str] = []
    for _ in range(draw(st.integers(0, 3))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths))
        op = draw(st.sampled_from(("odd", "odd", "unknown_key", "delete", "rename")))
        parent: Any = data
        for k in path[:-1]:
            parent = parent[k]
        if not path:
            continue
        if op == "odd":
            # A placeholder, replaced by the raw YAML text after dumping.
            parent[path[-1]] = f"{_MARK}{len(odd)}"
            odd.append(draw(st.sampled_from(ODD_VALUES)))
        elif op == "unknown_key" and isinstance(parent, dict):
            parent[draw(st.sampled_from(KEYS))] = draw(st.sampled_from(("x", 1, None, [1], {"a": 1})))
        elif op == "delete":
            del parent[path[-1]]
        elif op == "rename" and isinstance(parent, dict):
            parent[draw(st.sampled_from(KEYS))] = parent.pop(path[-1])
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    for i, raw in enumerate(odd):
        text = text.replace(f"{_MARK}{i}", raw, 1)
    # Then the text itself: garbage characters, truncation, an alias bomb, a BOM.
    for _ in range(draw(st.integers(0, 2))):
        pos = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(("insert", "delete", "truncate", "bomb", "dup_line")))
        if op == "insert":
            text = text[:pos] + draw(GARBAGE) + text[pos:]
        elif op == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 20)):]
        elif op == "truncate":
            text = text[:pos]
        elif op == "bomb":
            levels = "".join(f"b{i}: &b{i} [" + ", ".join([f"*b{i - 1}" if i else "x"] * 9) + "]\n" for i in range(9))
            text = levels + text
        else:
            lines = text.split("\n")
            k = pos % max(1, len(lines))
            lines.insert(k, lines[k])
            text = "\n".join(lines)
    raw_bytes = text.encode("utf-8")
    if draw(st.integers(0, 15)) == 0:
        raw_bytes = raw_bytes[: len(raw_bytes) // 2] + b"\xff\xfe" + raw_bytes[len(raw_bytes) // 2:]
    return raw_bytes


REKENDATUM = st.one_of(st.none(), st.none(), st.sampled_from(
    ("2025-07-01", "01-07-2025", "2024-02-29", "2025-02-29", "1-1-1", "0000-01-01", "9999-12-31", "", " ", "x",
     "2025-07-01T00:00", "99999-01-01", "2025-1-1", "١٢-٠٧-٢٠٢٥")), st.text(max_size=12))


def _bereken(model: Path, pad: Path, rekendatum: str | None, formaat: str) -> None:
    args = ["bereken", str(model), "--gegevens", str(pad), "--formaat", formaat]
    if rekendatum is not None:
        args += ["--rekendatum", rekendatum]
    result = CliRunner().invoke(app, args, catch_exceptions=True)
    exc = result.exception
    assert exc is None or (isinstance(exc, SystemExit) and exc.code in (0, 1, 2)), (
        f"bereken raised {exc!r}:\n{result.output[-2000:]}")
    assert result.exit_code in (0, 1, 2), result.output[-2000:]
    assert "Traceback" not in result.output
    if result.exit_code != 2:
        return
    # Exit 2 means "this input could not be used", and the message must say where: an input
    # problem names the case file (or the model's parameter file); a problem that only shows
    # while computing (no parameter value on a far rekendatum) names the rule in the model.
    # A bad --rekendatum is no file and says so instead.
    if formaat == "json":
        diags = json.loads(result.stdout)["diagnostieken"]
        assert diags, result.stdout
        for d in diags:
            if d["bericht"].startswith("--rekendatum"):
                continue
            assert "bestand" in d and d["regel"] >= 1, d
            invoer = d["bestand"] in (str(pad), str(model / "parameters.yaml"))
            assert invoer or (d["bestand"].endswith(".rgs") and d["code"] not in ("RS901", "RS902")), d
    else:
        named = (str(pad), str(model / "parameters.yaml"), ".rgs:", "--rekendatum")
        assert any(x in result.output for x in named), result.output[-2000:]


@settings(max_examples=120, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=mutated_yaml(SEEDS), rekendatum=REKENDATUM, formaat=st.sampled_from(("tekst", "json")))
def test_mutated_cases_exit_0_1_or_2_and_name_the_file(data: bytes, rekendatum: str | None, formaat: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        pad = Path(d) / "geval.yaml"
        pad.write_bytes(data)
        _bereken(MODEL, pad, rekendatum, formaat)


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=mutated_yaml([PARAMETERS]), formaat=st.sampled_from(("tekst", "json")))
def test_mutated_parameter_files_exit_0_1_or_2(data: bytes, formaat: str) -> None:
    # The parameter file beside the model goes through the same boundary as a case file.
    with tempfile.TemporaryDirectory() as d:
        model = Path(d) / "model"
        model.mkdir()
        (model / "zorgtoeslag.rgs").write_text((MODEL / "zorgtoeslag.rgs").read_text("utf-8"), "utf-8")
        # The Awir the zorgtoeslag builds on (model.yaml), beside it as in wetten/.
        (model / "model.yaml").write_text("bouwt_op: [../awir]\n", "utf-8")
        (Path(d) / "awir").mkdir()
        for naam in ("awir.rgs", "parameters.yaml"):
            (Path(d) / "awir" / naam).write_text((MODEL.parent / "awir" / naam).read_text("utf-8"), "utf-8")
        (model / "parameters.yaml").write_bytes(data)
        _bereken(model, MODEL / "voorbeelden" / "paar-2025.yaml", None, formaat)


# Inputs that once crashed `bereken`, kept as fixed examples.
PAAR = SEEDS[0]
REGRESSIONS = {
    "1000 haken diep": "[" * 1000 + "]" * 1000,
    "2000 mappings diep": "a:\n" + "".join(" " * k + "b:\n" for k in range(1, 2000)),
    "getal van 5000 cijfers": PAAR.replace("20000", "9" * 5000),
    "alias-bom": "".join(f"b{k}: &b{k} [" + ", ".join([f"*b{k - 1}" if k else "x"] * 9) + "]\n"
                         for k in range(9)) + PAAR,
    "!!int abc": PAAR.replace("20000", "!!int abc"),
    "!!float ''": PAAR.replace("20000", "!!float ''"),
    "!!timestamp abc": PAAR.replace("10-10-1960", "!!timestamp abc"),
    "!!timestamp met tijdzone": PAAR.replace("10-10-1960", "!!timestamp 2001-12-14t21:59:43.10-05:00"),
    "0x_": PAAR.replace("20000", "0x_"),
    "dubbele sleutel": PAAR.replace("    toetsingsinkomen: 20000\n", "    toetsingsinkomen: 20000\n" * 2),
}


@pytest.mark.parametrize("naam", sorted(REGRESSIONS))
def test_found_crashes_exit_2_now(naam: str, tmp_path: Path) -> None:
    pad = tmp_path / "geval.yaml"
    pad.write_text(REGRESSIONS[naam], "utf-8")
    result = CliRunner().invoke(app, ["bereken", str(MODEL), "--gegevens", str(pad)], catch_exceptions=True)
    assert result.exit_code == 2, (naam, result.exception, result.output[-1000:])
    assert str(pad) in result.output
