"""The docstring examples of the population modules are part of the test suite."""

from __future__ import annotations

import doctest
import importlib
import os
from pathlib import Path

import pytest

MODULES = ["ipf", "marginalen", "synthetic", "controle", "population", "population_columns", "mapping", "samenvatting",
           "resultaten", "varianten", "wonen", "kinderen", "aanvulling", "kernen"]
ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("naam", MODULES)
def test_doctests(naam: str) -> None:
    module = importlib.import_module(f"regelspraak.simulate.{naam}")
    oud = os.getcwd()
    os.chdir(ROOT)  # the examples read wetten/ and simulaties/ relative to the repository
    try:
        uitslag = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    finally:
        os.chdir(oud)
    assert uitslag.attempted > 0, f"{naam} has no docstring example"
    assert uitslag.failed == 0
