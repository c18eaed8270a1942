"""Mutated models never crash the tool: `load_model` and `controleer` answer with diagnostics.

Seeds are the real zorgtoeslag model and the worked example of regelspraak-taal.md §8
(`data/taal-paragraaf-8.rgs`). A mutation is a short list of edits — delete, duplicate or swap
lines; delete or insert words and characters (bullets, pipes, quotes, TABs, random Unicode);
truncate; a very long line; 500 bullets deep or 200 parentheses deep — applied to the text.
The bytes-level edits (invalid UTF-8, NUL, BOM, CR line ends) are in the same list.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import regelspraak.cli  # noqa: F401 - registers the commands on the app
from regelspraak.cli.app import app
from regelspraak.diagnostics import Diagnostic
from regelspraak.model import ir
from regelspraak.model.from_syntax import load_model

ROOT = Path(__file__).resolve().parents[2]


def _in_een_bestand(basis: str, uitbreiding: str) -> str:
    """A model that builds on another (model.yaml) as one standalone file: the extension's
    objecttype blocks join the base's blocks of the same header, the other blocks follow."""
    blokken = basis.rstrip("\n").split("\n\n")
    rest = []
    for blok in uitbreiding.rstrip("\n").split("\n\n"):
        kop, _, regels = blok.partition("\n")
        i = next((i for i, b in enumerate(blokken) if kop.startswith("Objecttype") and b.split("\n")[0] == kop), None)
        if i is None:
            rest.append(blok)
        else:
            blokken[i] += "\n" + regels
    return "\n\n".join(blokken + rest) + "\n"


SEEDS = {
    # The zorgtoeslag with the Awir it builds on, so the seed (and HEADER below) is a valid model.
    "zorgtoeslag": _in_een_bestand((ROOT / "wetten" / "awir" / "awir.rgs").read_text("utf-8"),
                                   (ROOT / "wetten" / "zorgtoeslag" / "zorgtoeslag.rgs").read_text("utf-8")),
    "taal-8": (Path(__file__).parent / "data" / "taal-paragraaf-8.rgs").read_text("utf-8"),
}

# Words that matter to the reader: block headers, line starters, keywords, the model's own names,
# and characters with a role in the syntax.
WORDS = (
    "Regel", "Beslistabel", "Objecttype", "Domein", "Parameter", "Feittype", "Wederkerig feittype",
    "Eenheidsysteem", "Regelgroep", "geldig", "geldig altijd", "geldig vanaf 2025", "bron:", "bron: geen —",
    "Daarbij geldt:", "---", "//", "indien", "van", "een", "het", "moet", "berekend", "worden", "als", "is",
    "aan", "alle", "volgende", "voorwaarden", "voldoet:", "maal", "gedeeld door", "plus", "min", "afgerond op",
    "met een minimum van", "of 0 als die er niet zijn", "de som van", "het aantal", "(mv:", "(bezield)",
    "kenmerk", "Numeriek (", "Enumeratie", "Huishouden", "Natuurlijk persoon", "leden", "zorgtoeslag",
    "normpremie", "toetsingsinkomen", "0", "-1", "1/0", "2_1/3", "99999999999999999999999", "13,5%",
    "01-01-2025", "31-02-2025", "€", "mnd", "jr", "€/jr^", "n.v.t.",
    "•", "••", "▪", "|", "|---|", "'", '"', "‘", "”", "\t", "(", ")", ":", ";", ".", ",", "%", "_", "/",
)

# Characters the lexer, the block reader or the renderer might treat specially.
CHARS = st.one_of(
    st.sampled_from([*"•▪*-|'\"‘’“”\t()[]{}:;.,%_/\\#@!?&=+<>~`^", "\r", "\x0b", "\x0c", "\u2028", "\x85", "\u200b",
                     "\ufeff", "\u0301", "é", "ß", "ﬁ", "İ", "²", "٣", "𝟘", "🙂"]),
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
)


@st.composite
def mutation(draw: st.DrawFn) -> tuple[str, float, float, str]:
    """(operation, place, second place, text); places are fractions of the current text."""
    op = draw(st.sampled_from((
        "del_line", "dup_line", "swap_lines", "del_word", "ins_word", "ins_word", "del_char", "ins_char",
        "ins_char", "truncate", "long_line", "deep_bullets", "deep_parens", "tabs_to_spaces", "indent",
        "crlf",
    )))
    a = draw(st.floats(0, 1, exclude_max=True))
    b = draw(st.floats(0, 1, exclude_max=True))
    if op == "ins_word":
        t = draw(st.sampled_from(WORDS))
    elif op == "ins_char":
        t = draw(CHARS)
    else:
        t = ""
    return op, a, b, t


def apply(text: str, m: tuple[str, float, float, str]) -> str:
    op, a, b, t = m
    lines = text.split("\n")
    i, j = int(a * len(lines)), int(b * len(lines))
    if op == "del_line":
        del lines[i]
    elif op == "dup_line":
        lines.insert(i, lines[i])
    elif op == "swap_lines":
        lines[i], lines[j] = lines[j], lines[i]
    elif op in ("del_word", "ins_word"):
        words = lines[i].split(" ")
        k = int(b * len(words))
        if op == "del_word":
            del words[k]
        else:
            words.insert(k, t)
        lines[i] = " ".join(words)
    elif op == "long_line":
        lines.insert(i, "\t\t" + " ".join(["het toetsingsinkomen van het Huishouden plus"] * (1 + int(b * 5000)))
                     + " 1.")
    elif op == "deep_bullets":
        lines.insert(i, "\t\t\t" + "•" * 500 + " het aantal leden van het Huishouden is groter dan 0")
    elif op == "deep_parens":
        # Wrap an expression of a rule line (after "als"/"op"), or insert a fresh one.
        line = lines[i]
        for kw in (" als ", " op "):
            if kw in line and line.rstrip().endswith("."):
                head, _, tail = line.partition(kw)
                lines[i] = head + kw + "(" * 200 + tail.rstrip()[:-1] + ")" * 200 + "."
                break
        else:
            lines.insert(i, "\t\tDe zorgtoeslag van een Huishouden moet berekend worden als "
                         + "(" * 200 + "1 €" + ")" * 200 + ".")
    elif op == "tabs_to_spaces":
        lines[i] = lines[i].replace("\t", "    ")
    elif op == "indent":
        lines[i] = "\t" * int(b * 40) + lines[i].lstrip()
    elif op == "crlf":
        return "\r\n".join(lines)
    else:
        pos = int(a * len(text))
        if op == "del_char":
            return text[:pos] + text[pos + 1:]
        if op == "ins_char":
            return text[:pos] + t + text[pos:]
        if op == "truncate":
            return text[:pos]
    return "\n".join(lines)


@st.composite
def mutated_models(draw: st.DrawFn) -> bytes:
    text = SEEDS[draw(st.sampled_from(sorted(SEEDS)))]
    for m in draw(st.lists(mutation(), min_size=1, max_size=4)):
        text = apply(text, m)
    data = text.encode("utf-8")
    # Rarely, bytes that are not UTF-8 text at all.
    damage = draw(st.sampled_from(("", "", "", "", "", "", "", "", "bom", "nul", "latin1", "lone_byte")))
    if damage == "bom":
        data = b"\xef\xbb\xbf" + data
    elif damage == "nul":
        data = data[: len(data) // 2] + b"\x00" + data[len(data) // 2:]
    elif damage == "latin1":
        data = text.encode("latin-1", errors="replace")
    elif damage == "lone_byte":
        data = data[: len(data) // 3] + b"\xff" + data[len(data) // 3:]
    return data


def _check(diags: list[Diagnostic], pad: Path, data: bytes) -> None:
    text = data.decode("utf-8-sig", errors="replace")
    # The reader counts lines as str.splitlines does (so U+2028 or \x0c also end a line).
    n_lines = max(1, len(text.splitlines()))
    for d in diags:
        assert isinstance(d, Diagnostic)
        assert d.herkomst is not None, d
        span = d.herkomst.span
        assert span.bestand == str(pad), d
        assert 1 <= span.regel <= n_lines, f"line {span.regel} outside the file ({n_lines} lines): {d}"


FUZZ = settings(deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@settings(FUZZ, max_examples=200)
@given(data=mutated_models())
def test_mutated_models_give_diagnostics(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as d:
        pad = Path(d) / "model.rgs"
        pad.write_bytes(data)
        model, diags = load_model([pad])
        assert isinstance(model, ir.Model)
        _check(diags, pad, data)


def _controleer(pad: Path) -> None:
    result = CliRunner().invoke(app, ["controleer", str(pad), "--formaat", "json"], catch_exceptions=True)
    exc = result.exception
    assert exc is None or (isinstance(exc, SystemExit) and exc.code in (0, 1, 2)), (
        f"controleer raised {exc!r}:\n{result.output[-2000:]}")
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.output


@settings(FUZZ, max_examples=60)
@given(data=mutated_models())
def test_mutated_models_controleer_exits_cleanly(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as d:
        pad = Path(d) / "model.rgs"
        pad.write_bytes(data)
        _controleer(pad)


# Inputs the fuzzers once crashed on, kept as fixed examples (and the limits they led to).
HEADER = SEEDS["zorgtoeslag"]
RULE = "\nRegel fuzz\n\tgeldig vanaf 2025\n\t\tDe zorgtoeslag van een Huishouden moet berekend worden als {}.\n"
REGRESSIONS = {
    "deling door nul in een getal": RULE.format("1/0 €"),
    "deling door nul in een percentage": RULE.format("1/0% van 100 €"),
    "deling door nul in afronding": RULE.format("1 € naar beneden afgerond op 1/0 decimalen"),
    "getal van 5000 cijfers": RULE.format("9" * 5000 + " €"),
    "500 haakjes": RULE.format("(" * 500 + "1 €" + ")" * 500),
    "som van 5000 termen": RULE.format("1 €" + " plus 1 €" * 5000),
    "2000 keer van": RULE.format("de zorgtoeslag van " * 2000 + "het Huishouden"),
    "2000 keer met een minimum": RULE.format("1 €" + ", met een minimum van 0 €" * 2000),
    "500 opsommingstekens diep": "\nRegel fuzz\n\tgeldig altijd\n\t\tEen Huishouden moet voldoen aan alle volgende "
    "criteria:\n" + "".join("\t\t\t" + "•" * k + " er wordt voldaan aan alle volgende voorwaarden:\n"
                            for k in range(1, 500)) + "\t\t\t" + "•" * 500 + " het aantal leden van het Huishouden "
    "is groter dan 0.\n",
    "rijnummer met superscript": "\nBeslistabel fuzz\n\tgeldig altijd\n| | de vermogensgrens van een Huishouden moet "
    "gesteld worden op |\n|---|---|\n| ² | 1 € |\n",
    "rijnummer van 5000 cijfers": "\nBeslistabel fuzz\n\tgeldig altijd\n| | de vermogensgrens van een Huishouden moet "
    "gesteld worden op |\n|---|---|\n| " + "1" * 5000 + " | 1 € |\n",
}


@pytest.mark.parametrize("naam", sorted(REGRESSIONS))
def test_found_crashes_are_diagnostics_now(naam: str, tmp_path: Path) -> None:
    pad = tmp_path / "model.rgs"
    text = HEADER + REGRESSIONS[naam]
    pad.write_text(text, "utf-8")
    _, diags = load_model([pad])
    _check(diags, pad, text.encode())
    assert any(d.is_fout for d in diags), f"{naam}: expected an error diagnostic"
    _controleer(pad)


def test_the_zorgtoeslag_seed_is_a_valid_model(tmp_path: Path) -> None:
    pad = tmp_path / "model.rgs"
    pad.write_text(SEEDS["zorgtoeslag"], "utf-8")
    model, diags = load_model([pad])
    assert not [d for d in diags if d.is_fout], diags
    assert {"zorgtoeslag", "huishoudtype zonder partner"} <= {r.naam for r in model.regels}
