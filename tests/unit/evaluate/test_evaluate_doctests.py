"""The docstring examples of regelspraak.evaluate are part of the test suite."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["columns", "segments", "tabulate", "shared", "memory", "vector_values", "vector_expr", "vectorize",
           "vector_tijdstip", "vector_functies", "maskers", "vector_analyse", "vector_stukken", "vector_rijen"]


@pytest.mark.parametrize("naam", MODULES)
def test_doctests(naam: str) -> None:
    module = importlib.import_module(f"regelspraak.evaluate.{naam}")
    uitslag = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert uitslag.attempted > 0, f"{naam} has no docstring example"
    assert uitslag.failed == 0
