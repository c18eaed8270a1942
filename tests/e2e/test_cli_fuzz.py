"""CLI fuzzing (issue 15): random bytes and mangled text in every input file kind, and random
option values, must end in exit 0, 1 or 2 with a message — never a traceback, never exit 3.

In-process (typer's CliRunner) with modest example counts; an exception escaping a command fails
the test (catch_exceptions=False), which is what a traceback reaching the user would be."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from regelspraak.cli import app

ROOT = Path(__file__).resolve().parents[2]
ZT = ROOT / "wetten" / "zorgtoeslag"
AOW = ROOT / "wetten" / "aow"
VOORBEELD = ZT / "voorbeelden"
INSTELLINGEN = settings(max_examples=8, deadline=None, derandomize=True,
                        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _cli(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return r.exit_code, r.output


def _geen_crash(args: list[str]) -> None:
    code, uit = _cli(*args)
    assert code in (0, 1, 2), f"exit {code} voor {args}:\n{uit}"
    assert "Traceback" not in uit and "interne fout" not in uit, uit


def _mangel(origineel: bytes) -> st.SearchStrategy[bytes]:
    """Random bytes, or the original with a slice replaced by random text or bytes (closer to what
    an editor produces, so the parsers get past their first line)."""
    def vervang(paar: tuple[int, int], stuk: bytes) -> bytes:
        a, b = sorted(paar)
        return origineel[:a] + stuk + origineel[b:]

    plek = st.tuples(st.integers(0, len(origineel)), st.integers(0, len(origineel)))
    tekst = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30).map(str.encode)
    return st.one_of(st.binary(max_size=200), st.builds(vervang, plek, st.one_of(st.binary(max_size=20), tekst)))


@pytest.fixture
def werk(tmp_path: Path) -> Path:
    shutil.copytree(ZT, tmp_path / "zt")
    shutil.copytree(ROOT / "wetten" / "awir", tmp_path / "awir")  # model.yaml: bouwt_op
    shutil.copytree(AOW, tmp_path / "aow")
    return tmp_path


GEVAL = (ZT / "gevallen").glob("*.yaml").__next__()


def _bestand_fuzz(relatief: str, opdracht: Callable[[Path], list[str]]) -> Callable[..., None]:
    bron = ROOT / "wetten" / relatief

    @INSTELLINGEN
    @given(inhoud=_mangel(bron.read_bytes()))
    def test(werk: Path, inhoud: bytes) -> None:
        doel = werk / relatief.replace("zorgtoeslag/", "zt/", 1).replace("aow/", "aow/", 1)
        doel.write_bytes(inhoud)
        try:
            _geen_crash(opdracht(werk))
        finally:
            shutil.copy(bron, doel)

    return test


test_rule_file = _bestand_fuzz("zorgtoeslag/zorgtoeslag.rgs", lambda w: ["controleer", str(w / "zt")])
test_law_text_xml = _bestand_fuzz("zorgtoeslag/BWBR0018451_2025-01-01.xml", lambda w: ["controleer", str(w / "zt")])
test_law_text_plain = _bestand_fuzz("aow/BWBR0002221_2025-01-01.txt", lambda w: ["dekking", str(w / "aow")])
test_wet_yaml = _bestand_fuzz("zorgtoeslag/wet.yaml", lambda w: ["controleer", str(w / "zt")])
test_parameters = _bestand_fuzz("zorgtoeslag/parameters.yaml",
                                lambda w: ["bereken", str(w / "zt"), "--gegevens", str(GEVAL)])
test_case_file = _bestand_fuzz(f"zorgtoeslag/gevallen/{GEVAL.name}",
                               lambda w: ["bereken", str(w / "zt"), "--uitleg",
                                          "--gegevens", str(w / "zt" / "gevallen" / GEVAL.name)])
test_analyse_yaml = _bestand_fuzz("zorgtoeslag/analyse.yaml",
                                  lambda w: ["analyseer", str(w / "zt"), "--budget", "0.2", "--formaat", "json"])
test_eigenschappen_yaml = _bestand_fuzz("aow/eigenschappen.yaml",
                                        lambda w: ["analyseer", str(w / "aow"), "--budget", "0.2", "--formaat", "json"])


def _scenario_tekst(mapping: Path) -> bytes:
    return (f"naam: s\nmodel: {ZT}\nrekendatum: 2025-01-01\npopulatie:\n  genereer: {{personen: 1000, seed: 1}}\n"
            f"  mapping: {mapping}\nuitvoer:\n  - {{objecttype: Huishouden, attribuut: zorgtoeslag}}\n").encode()


@INSTELLINGEN
@given(inhoud=_mangel(_scenario_tekst(ROOT / "simulaties" / "zorgtoeslag-mapping.yaml")))
def test_scenario(tmp_path: Path, inhoud: bytes) -> None:
    pad = tmp_path / "s.yaml"
    pad.write_bytes(inhoud)
    _geen_crash(["simuleer", str(pad), "--formaat", "json"])


@INSTELLINGEN
@given(inhoud=_mangel((ROOT / "simulaties" / "zorgtoeslag-mapping.yaml").read_bytes()))
def test_mapping(tmp_path: Path, inhoud: bytes) -> None:
    pad = tmp_path / "mapping.yaml"
    pad.write_bytes(inhoud)
    _geen_crash(["populatie", "--model", str(ZT), "--mapping", str(pad), "--personen", "1000", "--seed", "1",
                 "--uit", str(tmp_path / "pop"), "--formaat", "json"])


# ------------------------------------------------------------------ option values

_waarde = st.one_of(st.text(max_size=12), st.sampled_from(["nan", "inf", "-1", "0", "1e400", "abc", "x[/]", "[bold]",
                                                            "2025-02-30", "99999999999999999999", "-0", "1.000", ""]),
                    st.integers(-10**12, 10**12).map(str))


@INSTELLINGEN
@given(optie=st.sampled_from(["--rekendatum"]), waarde=_waarde, uitleg=st.booleans())
def test_bereken_options(optie: str, waarde: str, uitleg: bool) -> None:
    _geen_crash(["bereken", str(ZT), "--gegevens", str(GEVAL), optie, waarde, *(["--uitleg"] if uitleg else [])])


@INSTELLINGEN
@given(waarde=_waarde)
def test_dekking_minimaal(waarde: str) -> None:
    _geen_crash(["dekking", str(ZT), "--minimaal", waarde])


@INSTELLINGEN
@given(doel=_waarde)
def test_herleid_target(doel: str) -> None:
    _geen_crash(["herleid", str(ZT), doel])


@INSTELLINGEN
@given(personen=_waarde, seed=_waarde, factor=_waarde, peildatum=_waarde, tolerantie=_waarde,
       oversample=_waarde)
def test_populatie_options(tmp_path: Path, personen: str, seed: str, factor: str, peildatum: str, tolerantie: str,
                           oversample: str) -> None:
    _geen_crash(["populatie", "--model", str(ZT), "--mapping", str(ROOT / "simulaties" / "zorgtoeslag-mapping.yaml"),
                 "--personen", personen, "--seed", seed, "--factor", factor, "--peildatum", peildatum,
                 "--tolerantie", tolerantie, "--oversample", oversample, "--uit", str(tmp_path / "p")])


@INSTELLINGEN
@given(uit=_waarde, factor=st.sampled_from(["0", "-1", "1.5", "abc"]), seed=_waarde)
def test_simuleer_options(tmp_path: Path, uit: str, factor: str, seed: str) -> None:
    pad = tmp_path / "s.yaml"
    pad.write_bytes(_scenario_tekst(ROOT / "simulaties" / "zorgtoeslag-mapping.yaml")
                    .replace(b"seed: 1", f"seed: {seed}".encode())
                    .replace(b"personen: 1000", f"personen: 1000, factor: {factor}".encode()))
    _geen_crash(["simuleer", str(pad), "--uit", str(tmp_path / (uit or "r")), "--formaat", "json"])


@INSTELLINGEN
@given(inhoud=_mangel((ROOT / "wetten" / "aow" / "BWBR0002221_2025-01-01.txt").read_bytes()))
def test_wet_and_ontleed(tmp_path: Path, inhoud: bytes) -> None:
    pad = tmp_path / "wet.txt"
    pad.write_bytes(inhoud)
    _geen_crash(["wet", str(pad)])
    _geen_crash(["ontleed", str(pad), "--uit", str(tmp_path / "o")])
