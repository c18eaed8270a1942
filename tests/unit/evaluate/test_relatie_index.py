"""The CSR index of a relation is built once per population and rebuilt when its facts change."""

import numpy as np

from regelspraak.evaluate import segments as sg
from regelspraak.evaluate.columns import Relatie


def _rel() -> Relatie:
    return Relatie("lid", (np.array([1, 0, 1], dtype=np.int64), np.array([0, 1, 2], dtype=np.int64)))


def test_second_run_reuses_the_index() -> None:
    rel = _rel()
    eerste = sg.relatie_index(rel, 1, False, 2, 3)
    assert sg.relatie_index(rel, 1, False, 2, 3) is eerste
    assert eerste.grenzen.tolist() == [0, 1, 3] and eerste.doelen.tolist() == [1, 0, 2]


def test_other_role_or_sizes_get_their_own_index() -> None:
    rel = _rel()
    naar_leden = sg.relatie_index(rel, 1, False, 2, 3)
    naar_huishouden = sg.relatie_index(rel, 0, False, 3, 2)
    assert naar_huishouden is not naar_leden
    assert naar_huishouden.doelen.tolist() == [1, 0, 1]
    assert sg.relatie_index(rel, 1, False, 4, 3).grenzen.tolist() == [0, 1, 3, 3, 3]


def test_new_facts_rebuild_the_index() -> None:
    rel = _rel()
    oud = sg.relatie_index(rel, 1, False, 2, 3)
    rel.rijen = (np.array([0, 0, 0], dtype=np.int64), rel.rijen[1])
    nieuw = sg.relatie_index(rel, 1, False, 2, 3)
    assert nieuw is not oud and nieuw.aantallen.tolist() == [3, 0]


def test_wederkerig_goes_both_ways() -> None:
    rel = Relatie("partner", (np.array([0], dtype=np.int64), np.array([1], dtype=np.int64)))
    idx = sg.relatie_index(rel, 1, True, 2, 2)
    assert idx.grenzen.tolist() == [0, 1, 2] and idx.doelen.tolist() == [1, 0]
