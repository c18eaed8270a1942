"""The docstring examples of the timeline sentence forms (syntax, types) are part of the test suite."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["regelspraak.syntax.tijd_zinnen", "regelspraak.model.tijd_taal", "regelspraak.model.tijd"]


@pytest.mark.parametrize("naam", MODULES)
def test_doctests(naam: str) -> None:
    uitslag = doctest.testmod(importlib.import_module(naam), optionflags=doctest.ELLIPSIS)
    assert uitslag.attempted > 0, f"{naam} has no docstring example"
    assert uitslag.failed == 0
