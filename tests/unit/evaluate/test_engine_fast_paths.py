"""The engine's shortcuts for speed, each against the plain exact computation it replaces.

Branch-free rounding from a known bound, comparisons with a constant on another denominator,
Boolean lookups read as comparisons, the zero merge, broadcast constant columns and bounds
scanned once: each must give exactly what Fractions (or the general path) give, on values around
the edges (ties, negatives, leeg rows) that hypothesis generates.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regelspraak.evaluate import convert, tabulate, vectorize
from regelspraak.evaluate import vector_values as vv
from regelspraak.evaluate.columns import Kolom, Populatie, Tabel
from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.evaluate.interpret import run as interpret
from regelspraak.evaluate.vector_values import V
from regelspraak.model.from_syntax import load_model

MODI = ("rekenkundig", "richting nul", "weg van nul", "naar boven", "naar beneden")


def _afgerond(x: Fraction, modus: str) -> int:
    """The rounding rules of the language, written out on one Fraction."""
    beneden = x.numerator // x.denominator
    boven = -((-x.numerator) // x.denominator)
    if modus == "naar beneden":
        return beneden
    if modus == "naar boven":
        return boven
    if modus == "richting nul":
        return beneden if x >= 0 else boven
    if modus == "weg van nul":
        return boven if x >= 0 else beneden
    mag = abs(x)
    q = (mag.numerator * 2 + mag.denominator) // (2 * mag.denominator)  # half away from zero
    return q if x >= 0 else -q


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-10**12, 10**12), min_size=1, max_size=40),
       st.sampled_from([1, 2, 3, 4, 7, 10, 100, 2 * 10**7, 3 * 10**7 + 1]), st.sampled_from(MODI))
def test_branch_free_rounding_is_exact(tellers: list[int], d: int, modus: str) -> None:
    # Ties and their neighbours around zero for this denominator, plus random numerators.
    rand = [k * d + r for k in (-2, -1, 0, 1) for r in {0, 1, d // 2 - 1, d // 2, d // 2 + 1, d - 1}]
    num = np.array(tellers + rand, dtype=np.int64)
    grens = int(np.abs(num).max())
    uit = vv._div(num, d, modus, grens)
    assert uit.tolist() == [_afgerond(Fraction(int(t), d), modus) for t in num]
    assert num.tolist() == tellers + rand  # the numerators are not changed in place


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-10**6, 10**6), min_size=2, max_size=30), st.lists(st.booleans(), min_size=30, max_size=30),
       st.integers(-10**7, 10**7), st.sampled_from([1, 10, 100, 1000]), st.sampled_from([1, 3, 100, 10**5]),
       st.sampled_from(["groter", "groter_gelijk", "kleiner", "kleiner_gelijk", "gelijk", "ongelijk"]),
       st.booleans())
def test_comparison_with_a_constant_scales_the_constant(ws: list[int], oks: list[bool], c: int, d_kol: int,
                                                         d_c: int, op: str, constante_links: bool) -> None:
    n = len(ws)
    ok = np.array(oks[:n], dtype=bool)
    kol = V("getal", np.array(ws, dtype=np.int64), ok, d_kol)
    const = V("getal", np.broadcast_to(np.int64(c), (n,)), vv._alle(n), d_c, constante=Fraction(c, d_c), vol=True)
    a, b = (const, kol) if constante_links else (kol, const)
    uit = vv.vergelijk(op, a, b, "numeriek")
    cmp = {"groter": lambda x, y: x > y, "groter_gelijk": lambda x, y: x >= y, "kleiner": lambda x, y: x < y,
           "kleiner_gelijk": lambda x, y: x <= y, "gelijk": lambda x, y: x == y, "ongelijk": lambda x, y: x != y}[op]
    verwacht = []
    for w, g in zip(ws, ok.tolist(), strict=True):
        if not g:
            verwacht.append(op == "ongelijk")  # one side leeg: onwaar, ongelijk waar
            continue
        x, y = Fraction(w, d_kol), Fraction(c, d_c)
        verwacht.append(cmp(y, x) if constante_links else cmp(x, y))
    assert np.asarray(uit).tolist() == verwacht
    if d_kol != d_c:
        assert vv._tegen_constante(op, a, b) is not None  # the shortcut was taken


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(-5, 40), min_size=1, max_size=60), st.data())
def test_boolean_lookup_as_comparisons_equals_the_gather(waarden: list[int], data: st.DataObject) -> None:
    n = len(waarden)
    geldig = np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool)
    kol = Kolom(np.array(waarden, dtype=np.int64), geldig)
    dom = tabulate.domein(kol, 10**6, drempel=1)
    assert dom is not None
    # Tables with 0, 1, 2 or many changes along the range, and either value for the leeg entry.
    m = len(dom.waarden)
    soort = data.draw(st.sampled_from(["vast", "drempel", "band", "vrij"]))
    if soort == "vrij":
        tabel = np.array(data.draw(st.lists(st.booleans(), min_size=m, max_size=m)), dtype=bool)
    else:
        a = data.draw(st.integers(0, m))
        b = data.draw(st.integers(a, m))
        tabel = np.zeros(m, dtype=bool)
        if soort == "drempel":
            tabel[a:] = True
        elif soort == "band":
            tabel[a:b] = True
        tabel ^= data.draw(st.booleans())
        if not dom.vol:
            tabel[-1] = data.draw(st.booleans())
    assert tabulate.opzoeken_bool(tabel, dom).tolist() == tabel[dom.plek].tolist()


def test_boolean_lookup_builds_no_place_index_for_a_threshold() -> None:
    kol = Kolom(np.arange(100, dtype=np.int64) % 10, np.ones(100, dtype=bool))
    dom = tabulate.domein(kol, 100)
    assert dom is not None
    tabel = np.arange(10) >= 4
    assert tabulate.opzoeken_bool(tabel, dom).tolist() == (np.arange(100) % 10 >= 4).tolist()
    assert dom._plek is None  # the comparison read the column itself


@pytest.mark.parametrize("waarde,geldig", [(7, True), (0, False), (-3, True)])
@pytest.mark.parametrize("tabel_van", [[True, False], [False, True], [True, True], [False, False]])
def test_a_column_of_one_broadcast_value_is_looked_up_without_a_pass(waarde: int, geldig: bool,
                                                                       tabel_van: list[bool]) -> None:
    """A column no one gave (one value, read-only, broadcast over the rows): its range needs no scan
    and every row gets the same Boolean, kept as one read-only value, equal to the gather."""
    n = 1000
    kol = Kolom(np.broadcast_to(np.int64(waarde), (n,)), np.broadcast_to(np.bool_(geldig), (n,)))
    dom = tabulate.domein(kol, n)
    assert dom is not None and dom.lo == waarde and dom.vol == geldig
    tabel = np.array(tabel_van[: len(dom.waarden)], dtype=bool)
    uit = tabulate.opzoeken_bool(tabel, dom)
    assert uit.tolist() == tabel[dom.plek].tolist()
    assert uit.strides == (0,) and not uit.flags.writeable


@pytest.mark.parametrize("n", [1, 2, 3])
def test_a_condition_on_a_column_nobody_gave_combines_at_every_size(n: int, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """`alle` of a tabulated comparison on a column no one gave (one read-only value) and another part:
    the conjunction never writes into the read-only value, also for one row (found in review: a
    one-row broadcast was taken for a fresh mask and written into)."""
    from regelspraak.evaluate import vector_expr

    monkeypatch.setattr(vector_expr, "TABULEER_VANAF", 1)
    monkeypatch.setattr(vectorize, "TABULEER_VANAF", 1)
    monkeypatch.setattr(tabulate, "ALTIJD_TOT", 200_000)
    p = tmp_path / "m.rgs"
    p.write_text("""Objecttype de Persoon (mv: Personen)
\tde leeftijd\tNumeriek (geheel getal);
\thet inkomen\tNumeriek (geheel getal);
\tde uitkomst\tNumeriek (geheel getal);

Regel uitkomst
\tgeldig altijd
\t\tDe uitkomst van een Persoon moet berekend worden als 1
\t\tindien er aan alle volgende voorwaarden wordt voldaan:
\t\t\t• (de leeftijd van de Persoon plus 1) is kleiner dan 5
\t\t\t• het inkomen van de Persoon is groter dan 10.
""", "utf-8")
    model, diags = load_model([p])
    assert not diags
    g = Gegevens(date(2025, 1, 1), {}, {f"p{i}": Invoer("persoon", {"inkomen": Fraction(20 + i)}, {})
                                        for i in range(n)}, [])
    # Only the inkomen given, as a population file gives its inputs: the engine fills the leeftijd in as
    # one read-only leeg value (vectorize._vul_aan), the column of one broadcast value.
    pop = Populatie({"persoon": Tabel("persoon", np.arange(n, dtype=np.int64), {
        "inkomen": Kolom(np.arange(20, 20 + n, dtype=np.int64), np.ones(n, dtype=bool))})}, {})
    vectorize.run(model, pop, g.rekendatum, {})
    assert pop.tabellen["persoon"].kolommen["leeftijd"].waarden.strides == (0,)
    kol = pop.tabellen["persoon"].kolommen["uitkomst"]
    verwacht = interpret(model, g)
    for i in range(n):
        assert (None if not kol.geldig[i] else Fraction(int(kol.waarden[i]), kol.noemer)) == \
            verwacht.instanties[f"p{i}"].waarden.get("uitkomst")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-10**15, 10**15), min_size=2, max_size=30), st.data())
def test_zero_merge_equals_where(nee: list[int], data: st.DataObject) -> None:
    mask = np.array(data.draw(st.lists(st.booleans(), min_size=len(nee), max_size=len(nee))), dtype=bool)
    oud = np.array(nee, dtype=np.int64)
    nul = np.broadcast_to(np.int64(0), oud.shape)
    assert vv.kies(mask, nul, oud).tolist() == np.where(mask, 0, oud).tolist()


def test_a_bound_is_scanned_once_and_kept_in_the_column() -> None:
    kol = Kolom(np.array([5, -9, 3], dtype=np.int64), np.ones(3, dtype=bool), 100)
    v = V("getal", kol.waarden, kol.geldig, 100, bron=kol)
    assert kol.grens is None
    assert vv.grens(v) == 9
    assert kol.grens == 9
    # A vector whose values are no longer the column's (the column was written) leaves it alone.
    kol2 = Kolom(np.array([1, 2], dtype=np.int64), np.ones(2, dtype=bool))
    w = V("getal", np.array([70, 1], dtype=np.int64), kol2.geldig, bron=kol2)
    assert vv.grens(w) == 70
    assert kol2.grens is None


SAMEN = """Objecttype de Persoon (bezield)
\tde premie\tNumeriek (getal met 2 decimalen) met eenheid €;
\tde korting\tNumeriek (getal met 2 decimalen) met eenheid €;
\tde leeftijd\tNumeriek (geheel getal) met eenheid jr;
\tde bijdrage\tNumeriek (getal met 2 decimalen) met eenheid €;
Regel bijdrage jong
\tgeldig altijd
\t\tDe bijdrage van een Persoon moet berekend worden als zijn premie min zijn korting
\t\tindien zijn leeftijd kleiner is dan 30 jr.
Regel bijdrage oud
\tgeldig altijd
\t\tDe bijdrage van een Persoon moet berekend worden als zijn premie min zijn korting
\t\tindien zijn leeftijd groter is dan 60 jr.
"""


def test_two_rules_writing_one_shared_result_need_no_merge(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both rules compute `premie min korting` (one shared result): the second writes rows the
    column already holds, so the column stays that one array; the values equal the interpreter's,
    leeg between 30 and 60."""
    p = tmp_path / "m.rgs"
    p.write_text(SAMEN, "utf-8")
    model, diags = load_model([p])
    assert not [d for d in diags if d.is_fout]
    objecten = {f"p{i}": Invoer("persoon", {"premie": Fraction(1000 + 7 * i, 100), "korting": Fraction(i, 4),
                                            "leeftijd": Fraction(a)}, {})
                for i, a in enumerate([20, 45, 70, 29, 30, 60, 61, 5])}
    g = Gegevens(date(2025, 1, 1), {}, objecten, [])
    pop = convert.populatie(model, g)
    samengevoegd: list[str] = []
    echt = vv.kies

    def kies(mask: Any, ja: Any, nee: Any) -> Any:
        if np.asarray(ja).dtype.kind in "iu":
            samengevoegd.append("getal")
        return echt(mask, ja, nee)

    monkeypatch.setattr(vv, "kies", kies)
    vectorize.run(model, pop, g.rekendatum, {})
    assert samengevoegd == []  # no row-by-row merge of numbers
    kol = pop.tabellen["persoon"].kolommen["bijdrage"]
    verwacht = interpret(model, g)
    assert not verwacht.fouten
    kreeg = convert.objecten(model, pop)
    for oid, inst in verwacht.instanties.items():
        assert kreeg[oid].attributen.get("bijdrage") == inst.waarden.get("bijdrage"), oid
    assert kol.geldig.tolist() == [True, False, True, True, False, False, True, True]


def test_fresh_results_are_reused_and_kept_ones_never_written() -> None:
    a = V("getal", np.array([5, -7, 9], dtype=np.int64), np.ones(3, dtype=bool), 1, grens=9, vol=True, eigen=True)
    b = V("getal", np.array([1, 2, 3], dtype=np.int64), np.ones(3, dtype=bool), 1, grens=3, vol=True)
    som = vv.plus(a, b)
    assert som.w is a.w and som.eigen and not a.eigen  # written into the fresh operand
    assert som.w.tolist() == [6, -5, 12] and b.w.tolist() == [1, 2, 3]
    nul = V("getal", np.broadcast_to(np.int64(0), (3,)), vv._alle(3), 1, constante=Fraction(0), grens=0, vol=True)
    begrensd = vv.begrens(som, nul, None)
    assert begrensd.w is som.w and begrensd.w.tolist() == [6, 0, 12]
    half = V("getal", begrensd.w, begrensd.ok, 4, grens=12, vol=True, eigen=True)
    afgerond = vv.afronden(half, "naar boven", 0)
    assert afgerond.w is half.w and afgerond.w.tolist() == [2, 0, 3]
    # Not fresh: a new column, the operand untouched.
    vast = V("getal", np.array([5, -7, 9], dtype=np.int64), np.ones(3, dtype=bool), 1, grens=9, vol=True)
    r = vv.plus(vast, b)
    assert r.w is not vast.w and vast.w.tolist() == [5, -7, 9]


VARIABELEN = """Objecttype de Persoon (bezield)
\tde premie\tNumeriek (getal met 2 decimalen) met eenheid €;
\tde korting\tNumeriek (getal met 2 decimalen) met eenheid €;
\tde bijdrage\tNumeriek (getal met 2 decimalen) met eenheid €;
\tde rest\tNumeriek (getal met 2 decimalen) met eenheid €;
Regel bijdrage
\tgeldig altijd
\t\tDe bijdrage van een Persoon moet berekend worden als (B plus B) plus (B min 1 €), met een minimum van 0 €.
\t\tDaarbij geldt:
\t\t\tB is zijn premie min zijn korting, met een minimum van 0 €.
Regel rest
\tgeldig altijd
\t\tDe rest van een Persoon moet berekend worden als (zijn premie min zijn korting)
\t\tnaar beneden afgerond op 0 decimalen.
"""


def test_a_variable_read_three_times_is_never_overwritten(tmp_path: Path) -> None:
    """B is computed fresh, then kept as the rule's variable: every later read must see it as it
    was, although the operations around it write into fresh arrays."""
    p = tmp_path / "m.rgs"
    p.write_text(VARIABELEN, "utf-8")
    model, diags = load_model([p])
    assert not [d for d in diags if d.is_fout], diags
    objecten = {f"p{i}": Invoer("persoon", {"premie": Fraction(100 * i + 37, 100), "korting": Fraction(3 * i, 2)}, {})
                for i in range(9)}
    g = Gegevens(date(2025, 1, 1), {}, objecten, [])
    pop = convert.populatie(model, g)
    vectorize.run(model, pop, g.rekendatum, {})
    verwacht = interpret(model, g)
    assert not verwacht.fouten
    kreeg = convert.objecten(model, pop)
    for oid, inst in verwacht.instanties.items():
        for k in ("bijdrage", "rest"):
            assert kreeg[oid].attributen.get(k) == inst.waarden.get(k), (oid, k)


def test_a_shared_result_is_let_go_after_its_last_occurrence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`premie min korting` occurs twice: the first rule keeps it for the second, the second lets
    go of it (its memory serves later rules), and it is computed only once."""
    p = tmp_path / "m.rgs"
    p.write_text(SAMEN, "utf-8")
    model, _ = load_model([p])
    objecten = {f"p{i}": Invoer("persoon", {"premie": Fraction(1000 + i, 100), "korting": Fraction(i, 4),
                                            "leeftijd": Fraction(a)}, {}) for i, a in enumerate([20, 70, 45])}
    g = Gegevens(date(2025, 1, 1), {}, objecten, [])
    engine = vectorize.Engine(model, convert.populatie(model, g), g.rekendatum, {})
    berekend: list[int] = []
    echt = vv.plus

    def plus(a: V, b: V, teken: int = 1) -> V:
        berekend.append(teken)
        return echt(a, b, teken)

    monkeypatch.setattr(vv, "plus", plus)
    engine.run()
    assert berekend == [-1] and engine._gedeeld == {}
    assert engine.pop.tabellen["persoon"].kolommen["bijdrage"].als_fracties() == [
        Fraction(1000, 100), Fraction(1001, 100) - Fraction(1, 4), None]


VOORWAARDEN = """Objecttype de Persoon (mv: Personen) (bezield)
\tis a\tkenmerk (bijvoeglijk);
\tis b\tkenmerk (bijvoeglijk);
\tis c\tkenmerk (bijvoeglijk);
\tis d\tkenmerk (bijvoeglijk);
\tis alles\tkenmerk (bijvoeglijk);
\tis iets\tkenmerk (bijvoeglijk);
\tis niets\tkenmerk (bijvoeglijk);
Regel alles
\tgeldig altijd
\t\tEen Persoon is alles indien hij aan alle volgende voorwaarden voldoet:
\t\t\t• hij is a
\t\t\t• hij is b
\t\t\t• hij is c
\t\t\t• hij is d.
Regel iets
\tgeldig altijd
\t\tEen Persoon is iets indien hij aan ten minste één van de volgende voorwaarden voldoet:
\t\t\t• hij is a
\t\t\t• hij is b
\t\t\t• hij is c
\t\t\t• hij is d.
Regel niets
\tgeldig altijd
\t\tEen Persoon is niets indien hij aan geen van de volgende voorwaarden voldoet:
\t\t\t• hij is a
\t\t\t• hij is b
\t\t\t• hij is c
\t\t\t• hij is d.
"""


def test_a_condition_of_many_parts_is_combined_in_one_fresh_mask(tmp_path: Path) -> None:
    """`alle`, `ten minste één` and `geen` over four kenmerken: the parts go into one mask made for the
    condition (not one per part), the input columns are never written, and every row is as the
    interpreter has it (all sixteen combinations of the four kenmerken)."""
    p = tmp_path / "m.rgs"
    p.write_text(VOORWAARDEN, "utf-8")
    model, diags = load_model([p])
    assert not diags
    rijen = [[bool(i >> k & 1) for k in range(4)] for i in range(16)]
    g = Gegevens(date(2025, 1, 1), {}, {f"p{i}": Invoer("persoon", {}, dict(zip("abcd", r, strict=True)))
                                        for i, r in enumerate(rijen)}, [])
    pop = convert.populatie(model, g)
    invoer = {k: np.array(pop.tabellen["persoon"].kolommen[f"kenmerk:{k}"].waarden, dtype=bool) for k in "abcd"}
    vectorize.run(model, pop, g.rekendatum, {})
    kol = pop.tabellen["persoon"].kolommen
    for k in "abcd":
        assert np.asarray(kol[f"kenmerk:{k}"].waarden).tolist() == invoer[k].tolist()
    verwacht = interpret(model, g)
    ids = [str(x) for x in pop.tabellen["persoon"].ids]  # the table's rows in the order of the ids
    for naam in ("alles", "iets", "niets"):
        assert np.asarray(kol[f"kenmerk:{naam}"].waarden, dtype=bool).tolist() == [
            bool(verwacht.instanties[i].kenmerken.get(naam)) for i in ids], naam
    per_id = {f"p{i}": r for i, r in enumerate(rijen)}
    assert np.asarray(kol["kenmerk:alles"].waarden).tolist() == [all(per_id[i]) for i in ids]
    assert np.asarray(kol["kenmerk:niets"].waarden).tolist() == [not any(per_id[i]) for i in ids]
