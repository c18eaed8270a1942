"""The synthetic generator: IPF, calibration, structure, determinism, oversampling, marginal check."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from regelspraak.model import folder
from regelspraak.model.from_syntax import load_model
from regelspraak.simulate import ijking
from regelspraak.simulate.controle import controleer_marges, marge_diagnostieken
from regelspraak.simulate.ipf import Marge, as_groep, ipf
from regelspraak.simulate.kalibratie import GEEN_INKOMEN, KIND, OVERIG, PARTNER_M, PARTNER_Z, Kalibratie, kalibreer
from regelspraak.simulate.mapping import lees_mapping, pas_toe
from regelspraak.simulate.population_write import schrijf_populatie
from regelspraak.simulate.synthetic import SCHEMA, Drempel, SynthetischePopulatie, genereer, parse_drempel

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def kal() -> Kalibratie:
    return kalibreer()


@pytest.fixture(scope="module")
def pop(kal: Kalibratie) -> SynthetischePopulatie:
    return genereer(50_000, seed=2024, kalibratie=kal)


# ---------------------------------------------------------------- IPF


def test_ipf_meets_every_margin_and_keeps_structural_zeros() -> None:
    rng = np.random.default_rng(0)
    prior = rng.random((4, 5, 3))
    prior[0, 0, :] = 0  # structural zeros
    vorm = prior.shape
    # Margins taken from another table with the same zeros, so they are consistent.
    waar = rng.random(vorm) * 100 * (prior > 0)
    som = np.add.outer(np.arange(4), np.arange(5))[:, :, None] + np.zeros(vorm, dtype=np.intp)
    groepen = [as_groep(vorm, 0, range(4)), as_groep(vorm, 1, range(5)), as_groep(vorm, 2, range(3)),
               (som >= 4).astype(np.intp)]  # a margin over a function of two axes, like household size
    marges = [Marge(str(i), g, np.bincount(g.ravel(), weights=waar.ravel())) for i, g in enumerate(groepen)]
    r = ipf(prior, marges)
    assert r.geconvergeerd
    for m in marges:
        assert np.allclose(m.som(r.tabel), m.doel, rtol=1e-9)
    assert (r.tabel[0, 0, :] == 0).all()


def test_ipf_reports_contradicting_margins() -> None:
    vorm = (2, 2)
    r = ipf(np.ones(vorm), [Marge("rij", as_groep(vorm, 0, [0, 1]), np.array([1.0, 1.0])),
                            Marge("kolom", as_groep(vorm, 1, [0, 1]), np.array([5.0, 5.0]))], max_iteraties=50)
    assert not r.geconvergeerd


def test_calibrated_tables_meet_the_cbs_household_margins(kal: Kalibratie) -> None:
    d = kal.doelen
    per_type = kal.huishoudens.sum(axis=(1, 2, 3))
    assert per_type[0] == pytest.approx(d.huishoudtype["eenpersoons"], rel=1e-8)
    assert per_type[1] + per_type[4] == pytest.approx(d.huishoudtype["zonder kinderen"], rel=1e-8)
    assert per_type[2] + per_type[3] == pytest.approx(d.huishoudtype["met kinderen"], rel=1e-8)
    grootte = kal.grootte
    for g, doel in zip((1, 2, 3, 4), list(d.grootte.values())[:4], strict=True):
        assert kal.huishoudens[grootte == g].sum() == pytest.approx(doel, rel=1e-8)
    assert kal.huishoudens[grootte >= 5].sum() == pytest.approx(d.grootte["5 of meer"], rel=1e-8)
    assert kal.huishoudens.sum(axis=(0, 1, 2)) == pytest.approx(list(d.eigendom.values()), rel=1e-8)
    # Persons implied by the household table are within 0.5% of the CBS total.
    personen = float((kal.huishoudens * grootte).sum()) + kal.institutioneel
    assert personen == pytest.approx(d.totaal_personen, rel=5e-3)
    # The CBS class shares hold among adults with income; the ninth class holds those without (CBS 2023).
    per_klasse = kal.inkomen.sum(axis=(0, 1))
    assert per_klasse[:GEEN_INKOMEN] / per_klasse[:GEEN_INKOMEN].sum() == pytest.approx(
        list(d.inkomen_aandelen.values()), rel=1e-8)
    assert per_klasse[GEEN_INKOMEN] == pytest.approx(d.zonder_inkomen * personen / d.totaal_personen, rel=1e-8)


def test_age_structure_and_residents_move_to_the_peildatum() -> None:
    """Issue 16: the age bands and the number of residents are those of the peildatum (1 July 2025: CBS
    18,044,027 on 1 January 2025 and 18.13 M on 1 January 2026), not of 1 January 2024."""
    voor, na = kalibreer().doelen, kalibreer(peildatum=date(2025, 7, 1)).doelen
    assert voor.totaal_personen == 17_942_942
    assert na.totaal_personen == pytest.approx((18_044_027 + 18_131_000) / 2, rel=1e-4)
    oud = ("65 tot 80", "80 en ouder")
    aandeel = [sum(x.leeftijd[k] for k in oud) / x.totaal_personen for x in (voor, na)]
    assert 0.002 < aandeel[1] - aandeel[0] < 0.006  # 20.24% -> 20.59% of 65+
    pop = genereer(2_000, seed=3, peildatum=date(2025, 7, 1))
    assert pop.personen.gewicht.sum() == pytest.approx(na.totaal_personen)


# ---------------------------------------------------------------- structure


def test_population_structure(pop: SynthetischePopulatie) -> None:
    p, hh, e = pop.personen, pop.huishoudens, pop.toeslageenheden
    assert len(p) == 50_000 and p.ids.tolist() == list(range(50_000))
    assert {n: set(ent.eigenschappen) | {"id"} for n, ent in pop.entiteiten.items()} == \
        {n: set(s) for n, s in SCHEMA.items()}
    for naam, ent in pop.entiteiten.items():
        for k, eig in ent.eigenschappen.items():
            assert eig.soort == SCHEMA[naam][k].soort and len(eig.waarden) == len(ent)
    # Every person in exactly one household; sizes agree with the members.
    leden = np.bincount(p.eigenschappen["huishouden"].waarden, minlength=len(hh))
    assert leden.tolist() == hh.eigenschappen["grootte"].waarden.tolist()
    # Units: adults, partners together; minor children at home in none.
    rol = p.eigenschappen["rol"].waarden
    leeftijd = p.eigenschappen["leeftijd"].waarden
    eenheid = p.eigenschappen["toeslageenheid"]
    assert not eenheid.geldig_masker()[((rol == KIND) | (rol == OVERIG)) & (leeftijd < 18)].any()
    assert eenheid.geldig_masker()[leeftijd >= 18].all()
    # A unit's id is its first member's id (ids are global across partitions), so go through rows.
    assert (e.ids[1:] > e.ids[:-1]).all()
    assert (p.eigenschappen["huishouden"].waarden[e.ids] == e.eigenschappen["huishouden"].waarden).all()
    rij = np.searchsorted(e.ids, eenheid.waarden[eenheid.geldig_masker()])
    in_eenheid = np.bincount(rij, minlength=len(e))
    assert in_eenheid.tolist() == e.eigenschappen["grootte"].waarden.tolist()
    partner = p.eigenschappen["partner"]
    heeft = partner.geldig_masker()
    assert heeft.tolist() == ((rol == PARTNER_Z) | (rol == PARTNER_M)).tolist()
    assert (partner.waarden[partner.waarden[heeft]] == np.flatnonzero(heeft)).all()  # symmetric
    assert (eenheid.waarden[heeft] == eenheid.waarden[partner.waarden[heeft]]).all()
    # Ages agree exactly with the birth dates on the peildatum.
    geboren = [date.fromordinal(int(x)) for x in p.eigenschappen["geboortedatum"].waarden[:2000]]
    exact = [2024 - g.year - ((g.month, g.day) > (1, 1)) for g in geboren]
    assert exact == leeftijd[:2000].tolist()
    # Money in exact cents; minors have none; weights make national totals.
    inkomen = p.eigenschappen["inkomen"]
    assert inkomen.waarden.dtype == np.int64 and inkomen.noemer == 100
    assert not inkomen.waarden[leeftijd < 18].any() and (inkomen.waarden >= 0).all()
    assert p.gewicht.sum() == pytest.approx(17_942_942)
    assert 0.985 < p.eigenschappen["verzekerd"].waarden.mean() < 0.995


def test_exact_size_and_determinism(kal: Kalibratie) -> None:
    for n in (1, 999, 1_000, 12_345):
        assert len(genereer(n, seed=1, kalibratie=kal).personen) == n
    a = genereer(5_000, seed=9, kalibratie=kal)
    b = genereer(5_000, seed=9, kalibratie=kal)
    c = genereer(5_000, seed=10, kalibratie=kal)
    for naam, ent in a.entiteiten.items():
        for k, eig in ent.eigenschappen.items():
            assert np.array_equal(eig.waarden, b.entiteiten[naam].eigenschappen[k].waarden)
    assert not np.array_equal(a.personen.eigenschappen["inkomen"].waarden, c.personen.eigenschappen["inkomen"].waarden)


def test_same_seed_gives_byte_identical_parquet(kal: Kalibratie, tmp_path: Path) -> None:
    model, _ = load_model(list(folder.find(ROOT / "wetten" / "zorgtoeslag").rgs))
    koppeling = lees_mapping(ROOT / "simulaties" / "zorgtoeslag-mapping.yaml", model)
    for i in (1, 2):
        gen = genereer(4_000, seed=77, kalibratie=kal)
        schrijf_populatie(pas_toe(koppeling, gen, model), model, tmp_path / f"p{i}")
    # One Parquet file per objecttype and feittype of the model (the Awir declares three feittypen; the
    # zorgtoeslag mapping fills one, the others are written empty) and the marker of report.atomic.
    namen = sorted(f.name for f in (tmp_path / "p1").iterdir())
    assert namen == sorted(f.name for f in (tmp_path / "p2").iterdir())
    assert len(namen) == 1 + len(model.objecttypen) + len(model.feittypen)
    for naam in namen:
        assert (tmp_path / "p1" / naam).read_bytes() == (tmp_path / "p2" / naam).read_bytes()


def test_size_limits() -> None:
    with pytest.raises(ValueError, match=r"tussen 1 en 20\.000\.000"):
        genereer(0, seed=1)


# ---------------------------------------------------------------- marginal check


def test_marginal_check(pop: SynthetischePopulatie) -> None:
    rijen = controleer_marges(pop)
    per = {(r.marge, r.categorie): r for r in rijen}
    for (marge, _), r in per.items():
        if marge.startswith("huishoudens"):
            assert abs(r.afwijking) < 0.01, r  # fitted and rounded, not sampled
        if marge.startswith(("personen naar leeftijd", "persoonlijk inkomen naar klasse")):
            assert abs(r.gegenereerd - r.doel) < 4 * r.standaardfout, r  # sampled: within sampling error
    assert abs(per[("persoonlijk inkomen (volwassenen)", "mediaan")].afwijking) < 0.02
    assert abs(per[("persoonlijk inkomen (volwassenen)", "gemiddeld")].afwijking) < 0.03
    assert marge_diagnostieken(rijen, tolerantie=0.5) == []
    streng = marge_diagnostieken(rijen, tolerantie=1e-6)
    assert streng and all(d.code == "RS705" and d.ernst.value == "waarschuwing" for d in streng)
    assert any("Marge 'persoonlijk inkomen (volwassenen)', categorie 'deciel 3 gemiddeld'" in d.bericht for d in streng)


# ---------------------------------------------------------------- oversampling


def _totalen(p: SynthetischePopulatie) -> dict[str, float]:
    w = p.personen.gewicht
    ink = p.personen.eigenschappen["inkomen"].waarden
    verm = p.personen.eigenschappen["vermogen"].waarden
    leeftijd = p.personen.eigenschappen["leeftijd"].waarden
    return {
        "personen": float(w.sum()),
        "inkomen (mld)": float((w * ink).sum()) / 1e11,
        "bij inkomensgrens": float(w[(ink >= 3_771_900) & (ink <= 4_171_900)].sum()),
        "boven vermogensgrens": float(w[verm > 14_189_600].sum()),
        "18 jaar": float(w[leeftijd == 18].sum()),
    }


def test_oversampling_is_denser_and_keeps_weighted_totals_unbiased(kal: Kalibratie) -> None:
    drempels = [parse_drempel("inkomen=39719±2000"), parse_drempel("vermogen=141896"), parse_drempel("leeftijd=18")]
    n, factor, seeds = 8_000, 6, range(12)
    basis = [_totalen(genereer(n, seed=s, kalibratie=kal)) for s in seeds]
    over_pops = [genereer(n, seed=100 + s, kalibratie=kal, drempels=drempels, factor=factor) for s in seeds]
    over = [_totalen(p) for p in over_pops]
    for k in basis[0]:
        a = np.array([x[k] for x in basis])
        b = np.array([x[k] for x in over])
        se = np.sqrt(a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b))
        # Unbiased: the means agree within sampling error (4 se: a false alarm about 1 in 16,000).
        assert abs(a.mean() - b.mean()) <= 4 * se + 1e-9 * abs(a.mean()), (k, a.mean(), b.mean(), se)
    # ... and near the thresholds there are many more generated persons than without oversampling.
    # (an income threshold is a law's: near it means the income indexed to the peildatum's year)
    p = over_pops[0]
    ink = ijking.geindexeerd(p.personen.eigenschappen["inkomen"].waarden, p.peildatum.year)
    dicht = int(((ink >= 3_771_900) & (ink <= 4_171_900)).sum())
    basis_pop = genereer(n, seed=100, kalibratie=kal)
    ink0 = ijking.geindexeerd(basis_pop.personen.eigenschappen["inkomen"].waarden, basis_pop.peildatum.year)
    assert dicht > 3 * int(((ink0 >= 3_771_900) & (ink0 <= 4_171_900)).sum())
    assert p.basis_personen == n and len(p.personen) > n and p.factor == factor
    # Households near a threshold weigh w/factor, the others w.
    w0 = 17_942_942 / n
    assert set(np.round(np.unique(p.huishoudens.gewicht), 6)) == {round(w0, 6), round(w0 / factor, 6)}


def test_parse_drempel() -> None:
    assert parse_drempel("vermogen = 141.896,00 ± 5000") == Drempel("vermogen", Fraction(141896), Fraction(5000))
    assert parse_drempel("inkomen=1000").breedte == 500  # at least 500 euro
    for fout in ("lengte=180", "inkomen", "inkomen=abc", "inkomen=10±-1"):
        with pytest.raises(ValueError):
            parse_drempel(fout)
