"""Allocator tuning is opt-in: importing regelspraak or running the engine never calls mallopt.

The check records every mallopt call (memory._mallopt is the one place that reaches glibc), runs
the engine, and only then opts in: two calls, once per process, and only with the explicit call
or the CLI's environment switch.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from regelspraak.evaluate import convert, memory, vectorize
from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.model.from_syntax import load_model

MODEL = """Objecttype de Persoon (bezield)
\tde leeftijd\tNumeriek (geheel getal) met eenheid jr;
\tis volwassen\tkenmerk (bijvoeglijk);
Regel volwassen
\tgeldig altijd
\t\tEen Persoon is volwassen indien zijn leeftijd groter of gelijk is aan 18 jr.
"""


@pytest.fixture
def aanroepen(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """Every mallopt call from now on (none reaches glibc), in a fresh not-yet-asked state."""
    gezien: list[tuple[int, int]] = []

    def opnemen(param: int, waarde: int) -> bool:
        gezien.append((param, waarde))
        return True

    monkeypatch.setattr(memory, "_mallopt", opnemen)
    monkeypatch.setattr(memory, "_gedaan", None)
    monkeypatch.setattr(sys, "platform", "linux")
    return gezien


def _draai_engine(tmp_path: Path) -> None:
    p = tmp_path / "m.rgs"
    p.write_text(MODEL, "utf-8")
    model, _ = load_model([p])
    g = Gegevens(date(2025, 1, 1), {}, {"a": Invoer("persoon", {"leeftijd": Fraction(20)}, {})}, [])
    pop = convert.populatie(model, g)
    vectorize.run(model, pop, g.rekendatum, {})
    assert pop.tabellen["persoon"].kolommen["kenmerk:volwassen"].waarden.tolist() == [True]


def test_engine_run_leaves_the_allocator_alone(aanroepen: list[tuple[int, int]], tmp_path: Path) -> None:
    _draai_engine(tmp_path)
    _draai_engine(tmp_path)
    assert aanroepen == []
    assert not memory.aangepast()


def test_explicit_opt_in_tunes_once(aanroepen: list[tuple[int, int]], tmp_path: Path) -> None:
    assert memory.vasthouden() is True
    assert memory.vasthouden() is True
    assert aanroepen == [(memory._M_MMAP_THRESHOLD, memory._MMAP_MAX), (memory._M_TRIM_THRESHOLD, memory._TRIM)]
    assert memory.aangepast()


@pytest.mark.parametrize(("waarde", "verwacht"), [(None, False), ("", False), ("standaard", False),
                                                  ("vasthouden", True), (" Vasthouden ", True)])
def test_environment_switch(aanroepen: list[tuple[int, int]], monkeypatch: pytest.MonkeyPatch,
                            waarde: str | None, verwacht: bool) -> None:
    if waarde is None:
        monkeypatch.delenv(memory.OMGEVING, raising=False)
    else:
        monkeypatch.setenv(memory.OMGEVING, waarde)
    assert memory.volgens_omgeving() is verwacht
    assert (len(aanroepen) == 2) is verwacht


@pytest.mark.parametrize(("waarde", "verwacht"), [(None, True), ("standaard", False), ("", False),
                                                  ("vasthouden", True)])
def test_a_command_that_owns_its_process_opts_in_by_default(aanroepen: list[tuple[int, int]],
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            waarde: str | None, verwacht: bool) -> None:
    """`simuleer` and `vergelijk` ask for `vasthouden` when the variable is unset (issue 14: the CLI
    may turn it on for its run); REGELSPRAAK_GEHEUGEN=standaard leaves the allocator alone."""
    if waarde is None:
        monkeypatch.delenv(memory.OMGEVING, raising=False)
    else:
        monkeypatch.setenv(memory.OMGEVING, waarde)
    assert memory.volgens_omgeving("vasthouden") is verwacht
    assert (len(aanroepen) == 2) is verwacht


def test_the_simuleer_command_opts_in_for_its_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command's own call (not the library's): with the variable unset it asks for vasthouden."""
    from typer.testing import CliRunner

    from regelspraak.cli import app

    gevraagd: list[str] = []

    def vraag(standaard: str = "") -> bool:
        gevraagd.append(standaard)
        return False

    monkeypatch.setattr(memory, "volgens_omgeving", vraag)
    CliRunner().invoke(app, ["simuleer", "bestaat-niet.yaml"])
    assert gevraagd == ["vasthouden"]


def test_not_linux_does_nothing(aanroepen: list[tuple[int, int]], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert memory.vasthouden() is False
    assert aanroepen == []


def test_fresh_process_import_and_run_never_asks(tmp_path: Path) -> None:
    """In a process of its own (no fixture can hide a call made at import time): importing every
    engine module and the CLI app, and running the engine, leaves memory._gedaan untouched."""
    code = textwrap.dedent(f"""
        import ctypes
        calls = []
        echte = ctypes.CDLL
        class Spion:
            def __init__(self, *a, **k):
                self._lib = echte(*a, **k)
            def __getattr__(self, naam):
                if naam == "mallopt":
                    calls.append(naam)
                return getattr(self._lib, naam)
        ctypes.CDLL = Spion
        import datetime, fractions, pathlib
        import regelspraak.cli.app
        from regelspraak.evaluate import convert, memory, vectorize
        from regelspraak.evaluate.interpret import Gegevens, Invoer
        from regelspraak.model.from_syntax import load_model
        p = pathlib.Path({str(tmp_path / "m.rgs")!r})
        p.write_text({MODEL!r}, "utf-8")
        model, _ = load_model([p])
        g = Gegevens(datetime.date(2025, 1, 1), {{}},
                     {{"a": Invoer("persoon", {{"leeftijd": fractions.Fraction(20)}}, {{}})}}, [])
        pop = convert.populatie(model, g)
        vectorize.run(model, pop, g.rekendatum, {{}})
        assert memory._gedaan is None and calls == [], (memory._gedaan, calls)
        print("ok")
    """)
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={k: v for k, v in __import__("os").environ.items() if k != memory.OMGEVING})
    assert uit.returncode == 0, uit.stderr
    assert uit.stdout.strip() == "ok"


def _huge_pages() -> bool:
    """numpy's current huge-page advice (read by setting it back to what it was)."""
    import numpy as np

    zet = np._core.multiarray._set_madvise_hugepage
    nu = bool(zet(True))
    zet(nu)
    return nu


def test_engine_run_leaves_numpys_huge_pages_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory, "_paginas", None)
    voor = _huge_pages()
    _draai_engine(tmp_path)
    assert _huge_pages() == voor and memory._paginas is None


@pytest.mark.parametrize(("waarde", "mallopt", "klein"), [("kleine-paginas", False, True),
                                                          ("vasthouden, kleine-paginas", True, True),
                                                          ("vasthouden", True, False)])
def test_environment_switch_small_pages(aanroepen: list[tuple[int, int]], monkeypatch: pytest.MonkeyPatch,
                                        waarde: str, mallopt: bool, klein: bool) -> None:
    import numpy as np

    zet = np._core.multiarray._set_madvise_hugepage
    voor = _huge_pages()
    monkeypatch.setattr(memory, "_paginas", None)
    monkeypatch.setenv(memory.OMGEVING, waarde)
    try:
        zet(True)
        assert memory.volgens_omgeving() is True
        assert (len(aanroepen) == 2) is mallopt
        assert _huge_pages() is not klein
        assert memory.aangepast()
    finally:
        zet(voor)
