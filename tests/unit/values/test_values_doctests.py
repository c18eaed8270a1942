"""The module docstring examples of regelspraak.values are part of the test suite."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["__init__", "fouten", "notation", "rounding", "arithmetic", "dates", "units", "functies", "verdeling",
           "tijdlijn"]


@pytest.mark.parametrize("naam", MODULES)
def test_doctests(naam: str) -> None:
    module = importlib.import_module("regelspraak.values" + ("" if naam == "__init__" else f".{naam}"))
    uitslag = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert uitslag.attempted > 0, f"{naam} has no docstring example"
    assert uitslag.failed == 0
