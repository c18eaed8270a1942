"""The engine's shared masks (maskers.py) and the one-pass merges of vector_values equal the plain
numpy expressions they replace, whatever the masks; a per-person run makes no row numbers."""

from __future__ import annotations

import datetime
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from regelspraak.evaluate import maskers, vectorize
from regelspraak.evaluate import vector_stukken as vs
from regelspraak.evaluate import vector_values as vv
from regelspraak.evaluate.columns import Kolom, Populatie, Relatie, Tabel
from regelspraak.model.from_syntax import load_model

_bools = st.lists(st.booleans(), min_size=2, max_size=40)


def _paar(a: list[bool], b: list[bool]) -> tuple[np.ndarray, np.ndarray]:
    n = min(len(a), len(b))
    return np.array(a[:n], dtype=bool), np.array(b[:n], dtype=bool)


@settings(max_examples=60, deadline=None)
@given(_bools, _bools, _bools, st.sampled_from(["gewoon", "complement", "vol_ja", "vol_nee", "ja_is_mask"]))
def test_kies_equals_where(m: list[bool], j: list[bool], n: list[bool], soort: str) -> None:
    maskers.vergeet()
    mask, ja = _paar(m, j)
    nee = _paar(m, n)[1][: len(mask)]
    if len(nee) < len(mask):
        mask, ja = mask[: len(nee)], ja[: len(nee)]
    if soort == "complement":
        nee = maskers.niet(mask)
    elif soort == "vol_ja":
        ja = maskers.vol(len(mask))
    elif soort == "vol_nee":
        nee = maskers.vol(len(mask))
    elif soort == "ja_is_mask":
        ja, nee = mask, maskers.niet(mask)
    verwacht = np.where(mask, ja, nee)
    assert vv.kies(mask, ja, nee).tolist() == verwacht.tolist()
    assert maskers.kies(mask, ja, nee).tolist() == verwacht.tolist()


@settings(max_examples=60, deadline=None)
@given(_bools, _bools)
def test_en_overlapt_niet(a: list[bool], b: list[bool]) -> None:
    maskers.vergeet()
    x, y = _paar(a, b)
    assert maskers.en(x, y).tolist() == (x & y).tolist()
    assert maskers.en_binnen(x, y).tolist() == (x & y).tolist()
    assert maskers.overlapt(x, y) == bool((x & y).any())
    c = maskers.niet(x)
    assert c.tolist() == (~x).tolist()
    assert maskers.niet(c) is x and maskers.niet(x) is c  # computed once while held
    assert not maskers.overlapt(x, c)
    assert maskers.en(x, c).tolist() == [False] * len(x)


def test_a_run_forgets_complements() -> None:
    x = np.array([True, False, True])
    c = maskers.niet(x)
    x[1] = True  # a caller changes its input between runs
    maskers.vergeet()
    assert maskers.complement(x) is None and maskers.niet(x).tolist() == [False, False, False]
    assert c.tolist() == [False, True, False]


def test_masks_are_arrays_of_their_own() -> None:
    # No shared blocks: a mask's memory is freed with the mask itself, for the next one to reuse.
    maskers.vergeet()
    n = 1 << 20
    a, b = maskers.nieuw(n), maskers.nieuw(n)
    a[:] = True
    b[:] = False
    assert a.base is None and b.base is None and a.all() and not b.any()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-(2**40), 2**40), min_size=2, max_size=70000), st.integers(0, 2**32 - 1),
       st.sampled_from([2, 3, 4, 8, 10]))
def test_maal_buiten_and_plus_op_masker(w: list[int], seed: int, f: int) -> None:
    x = np.array(w, dtype=np.int64)
    m = np.random.default_rng(seed).random(len(x)) < 0.5
    assert vs.maal_buiten(x, m, f).tolist() == np.where(m, x, x * f).tolist()
    y = x.copy()
    vs.plus_op_masker(y, m, -7)
    assert y.tolist() == (x + m * -7).tolist()


def test_per_person_run_makes_no_row_numbers(tmp_path: Path) -> None:
    p = tmp_path / "m.rgs"
    p.write_text("""Objecttype de Persoon (bezield)
\tde leeftijd\tNumeriek (geheel getal) met eenheid jr;
\tde toeslag\tNumeriek (geheel getal) met eenheid jr;
\tis volwassen\tkenmerk (bijvoeglijk);
Regel volwassen
\tgeldig altijd
\t\tEen Persoon is volwassen indien zijn leeftijd groter of gelijk is aan 18 jr.
Regel toeslag
\tgeldig altijd
\t\tDe toeslag van een Persoon moet berekend worden als zijn leeftijd plus 1 jr
\t\tindien hij volwassen is.
""", "utf-8")
    model, diags = load_model([p])
    assert not [d for d in diags if d.is_fout]
    n = 5000
    leeftijd = np.arange(n, dtype=np.int64) % 40
    pop = Populatie({"persoon": Tabel("persoon", np.arange(n, dtype=np.int64),
                                      {"leeftijd": Kolom(leeftijd, np.ones(n, dtype=bool))})}, {})
    e = vectorize.Engine(model, pop, datetime.date(2025, 1, 1), {})
    e.run()
    assert e._ident == {}  # the subject's rows were never needed as values
    kol = pop.tabellen["persoon"].kolommen["toeslag"]
    assert kol.als_fracties() == [v + 1 if v >= 18 else None for v in leeftijd.tolist()]


def test_household_sum_over_persons_in_order_makes_no_row_numbers(tmp_path: Path) -> None:
    # Persons listed by household (the layout of survey data): the feittype's own target rows
    # are the persons' identity, so reading their attributes needs no second array of row numbers.
    p = tmp_path / "m.rgs"
    p.write_text("""Objecttype de Persoon (bezield)
\thet inkomen\tNumeriek (geheel getal) met eenheid €;
\tis rijk\tkenmerk (bijvoeglijk);
Objecttype het Huishouden
\thet totaal\tNumeriek (geheel getal) met eenheid €;
\tde hoeveelheid rijken\tNumeriek (geheel getal);
Feittype samenstelling
\tde huishouden\tHuishouden
\tde lid (mv: leden)\tPersoon
\tEén huishouden heeft meerdere leden
Regel rijk
\tgeldig altijd
\t\tEen Persoon is rijk indien zijn inkomen groter is dan 100 €.
Regel totaal
\tgeldig altijd
\t\tHet totaal van een Huishouden moet berekend worden als de som van het inkomen van alle leden van het Huishouden.
Regel rijken
\tgeldig altijd
\t\tDe hoeveelheid rijken van een Huishouden moet berekend worden als het aantal leden van het Huishouden die rijk zijn.
""", "utf-8")
    model, diags = load_model([p])
    assert not [d for d in diags if d.is_fout], diags
    huishouden = np.array([0, 0, 1, 2, 2, 2], dtype=np.int64)
    inkomen = np.array([50, 70, 300, 10, 200, 150], dtype=np.int64)
    n = len(huishouden)
    pop = Populatie({"persoon": Tabel("persoon", np.arange(n, dtype=np.int64),
                                      {"inkomen": Kolom(inkomen, np.ones(n, dtype=bool))}),
                     "huishouden": Tabel("huishouden", np.arange(3, dtype=np.int64))},
                    {"samenstelling": Relatie("samenstelling", (huishouden, np.arange(n, dtype=np.int64)))})
    e = vectorize.Engine(model, pop, datetime.date(2025, 1, 1), {})
    e.run()
    assert "persoon" not in e._ident  # the relation's own rows served as the persons' identity
    h = pop.tabellen["huishouden"].kolommen
    assert h["totaal"].als_fracties() == [120, 300, 360]
    assert h["hoeveelheid rijken"].als_fracties() == [0, 1, 2]
