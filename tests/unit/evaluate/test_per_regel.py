"""`per_regel.onthouden`: one answer per object, never another object's answer for a reused id."""

from __future__ import annotations

import doctest

from regelspraak.evaluate import per_regel


def test_doctests() -> None:
    assert doctest.testmod(per_regel).failed == 0


def test_een_ander_object_met_dezelfde_id_krijgt_zijn_eigen_antwoord() -> None:
    @per_regel.onthouden
    def eerste(x: list[int]) -> int:
        return x[0]

    assert eerste([1]) == 1  # the list is freed after the call; CPython may reuse its id
    assert eerste([2]) == 2
    assert [eerste([i]) for i in range(100)] == list(range(100))


def test_doctests_shared() -> None:
    from regelspraak.evaluate import shared

    assert doctest.testmod(shared).failed == 0
