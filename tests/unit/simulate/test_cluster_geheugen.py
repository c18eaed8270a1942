"""The worker processes of simuleer's own LocalCluster keep freed column memory, as simuleer does in one
process. Dask's nanny applies its `env` inside the started process, after glibc has read MALLOC_*, so
those variables never took effect (4.2 s system time at 4 M persons against 0.45 s with --kernen);
the task now opts in itself."""

from __future__ import annotations

import sys

import pytest

from regelspraak.simulate import cluster
from regelspraak.simulate import scenario as scen


def _vraag(taak: None, stuk: range) -> bool:
    from regelspraak.evaluate import memory

    return memory.aangepast()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_own_worker_processes_opt_in(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REGELSPRAAK_GEHEUGEN", raising=False)
    uit = cluster.verdeel(_vraag, None, [range(0, 1), range(1, 2)], scen.Uitvoering(werkers=2, processen=True))
    assert uit == [True, True]


def _welke(taak: None, stuk: range) -> tuple[bool, bool]:
    from regelspraak.evaluate import memory

    return bool(memory._gedaan), bool(memory._paginas)  # which of the two opt-ins took place


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
@pytest.mark.parametrize(("keuze", "verwacht"), [("standaard", (False, False)), ("kleine-paginas", (False, True))])
def test_the_users_choice_reaches_the_workers(monkeypatch: pytest.MonkeyPatch, keuze: str,
                                              verwacht: tuple[bool, bool]) -> None:
    monkeypatch.setenv("REGELSPRAAK_GEHEUGEN", keuze)
    uit = cluster.verdeel(_welke, None, [range(0, 1), range(1, 2)], scen.Uitvoering(werkers=2, processen=True))
    assert uit == [verwacht, verwacht]
