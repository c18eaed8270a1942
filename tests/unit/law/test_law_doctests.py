"""The module docstring examples of regelspraak.law are part of the test suite."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["citation", "known_laws", "tree", "from_bwb", "from_text", "references", "load", "extract"]


@pytest.mark.parametrize("naam", MODULES)
def test_doctests(naam: str) -> None:
    module = importlib.import_module(f"regelspraak.law.{naam}")
    uitslag = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert uitslag.attempted > 0, f"{naam} has no docstring example"
    assert uitslag.failed == 0
