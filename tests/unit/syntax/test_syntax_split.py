"""The sentence parser is split by concept (builder mixins, literals); the public names stay where
callers import them, and the module docstrings' examples run."""

from __future__ import annotations

import doctest

import pytest

from regelspraak.syntax import declarations, dimensie_namen, literals, sentences


@pytest.mark.parametrize("module", [literals, sentences, dimensie_namen, declarations])
def test_doctests(module: object) -> None:
    uitslag = doctest.testmod(module)  # type: ignore[arg-type]
    assert uitslag.attempted > 0 and uitslag.failed == 0


def test_public_names_stay_in_sentences() -> None:
    assert sentences.SentenceError is literals.SentenceError
    assert sentences.parse_getal("2_1/3") == literals.parse_getal("2_1/3")
    for naam in sentences.__all__:
        assert hasattr(sentences, naam), naam
