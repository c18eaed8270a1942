"""Receiving units counted as CBS households (regelspraak/simulate/cbs_huishoudens.py) beside CBS 84493NED."""

from __future__ import annotations

import numpy as np
import pytest

from regelspraak.simulate import cbs_huishoudens
from regelspraak.simulate.kalibratie import EENPERSOONS
from regelspraak.simulate.synthetic import genereer


def test_the_cbs_table_is_read_with_its_totals() -> None:
    t = cbs_huishoudens.cbs_tabel()
    assert t["particuliere huishoudens"] == pytest.approx((3_664_200.0, 0.472))
    assert t["paar"] == pytest.approx((1_518_300.0, 0.365))
    een = t["alleenstaande onder AOW-leeftijd"][0] + t["alleenstaande vanaf AOW-leeftijd"][0]
    assert abs(een - t["eenpersoonshuishouden"][0]) < 1.0


def test_a_household_counts_when_any_of_its_units_receives() -> None:
    pop = genereer(20_000, seed=6)
    p, h = pop.personen, pop.huishoudens
    ty = np.asarray(h.eigenschappen["type"].waarden)
    # the units of the one-person households only: those households all count, couples none
    hh_rij = np.searchsorted(h.ids, p.eigenschappen["huishouden"].waarden)
    eenheid = p.eigenschappen["toeslageenheid"]
    alleen = eenheid.geldig_masker() & (ty[hh_rij] == EENPERSOONS)
    rijen = {r.type: r for r in cbs_huishoudens.vergelijk(pop, eenheid.waarden[alleen])}
    assert rijen["eenpersoonshuishouden"].model_aandeel == 1.0 and rijen["paar"].model_aandeel == 0.0
    w = h.gewicht
    assert abs(rijen["eenpersoonshuishouden"].model_huishoudens - w[ty == EENPERSOONS].sum()) < 1e-6
    a, b = rijen["alleenstaande onder AOW-leeftijd"], rijen["alleenstaande vanaf AOW-leeftijd"]
    assert abs(a.model_huishoudens + b.model_huishoudens - rijen["eenpersoonshuishouden"].model_huishoudens) < 1e-6
    # an adult child's unit makes its parents' household a receiving one
    kind = eenheid.geldig_masker() & (p.eigenschappen["rol"].waarden == 0)
    r = {x.type: x for x in cbs_huishoudens.vergelijk(pop, eenheid.waarden[kind])}
    assert r["paar"].model_aandeel > 0.05 and r["eenpersoonshuishouden"].model_aandeel == 0.0
