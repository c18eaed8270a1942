"""Shared fixtures: the real law files in the repository (see law_bronnen.py)."""

from __future__ import annotations

import pytest
from law_bronnen import AKW, AOW, AWIR, PW, WZT

from regelspraak.law.load import lees_wet
from regelspraak.law.tree import Wet


@pytest.fixture(scope="session")
def wzt() -> Wet:
    return lees_wet(WZT)


@pytest.fixture(scope="session")
def awir() -> Wet:
    return lees_wet(AWIR)


@pytest.fixture(scope="session")
def pw() -> Wet:
    return lees_wet(PW)


@pytest.fixture(scope="session")
def aow() -> Wet:
    return lees_wet(AOW)


@pytest.fixture(scope="session")
def akw() -> Wet:
    return lees_wet(AKW)
