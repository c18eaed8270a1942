"""Zorgtoeslag over a synthetic population: our engine vs OpenFisca-core vs hand-written exact numpy.

Run: python benchmarks/bench_simulatie.py [--personen 1000000] [--herhalingen 3] [--seed 2025]

One run, one process, the same persons for every contender; the contenders are timed
interleaved (round robin) and each figure is the median over the repetitions:

  (a) regelspraak: `load_model` once; then per run the set-up (the columns of a `Populatie`
      built from the survey arrays) and the evaluation (`vectorize.run`).
  (b) OpenFisca-core: the `TaxBenefitSystem` built once (benchmarks/openfisca_zorgtoeslag.py);
      then per run `SimulationBuilder` (entities, persons joined to households with roles),
      `set_input` per input variable and `calculate("zorgtoeslag")`: the way its users run it.
  (c) numpy: a hand-written exact implementation in int64 fixed point (the practical limit).

Correctness: the numpy result is checked against the reference interpreter (exact Fractions)
on a sample of households, our engine against numpy on every household, and every contender's
amount is compared with the exact one (number of households that differ).

Part 2 runs a generated model of ~200 rules (the zorgtoeslag rules plus chained calculations
with conditions, roles, aggregations and rounding over the same data) through our engine and
through its mechanically generated numpy equivalent, and prints the ratio.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from regelspraak.evaluate import interpret
from regelspraak.evaluate.columns import Kolom, Populatie, Relatie, Tabel
from regelspraak.evaluate.vectorize import run as engine_run
from regelspraak.inputs.files import read_parameters
from regelspraak.model import bouwt_op, ir
from regelspraak.model.from_syntax import load_model

if str(Path(__file__).resolve().parent) not in sys.path:  # the sibling module, also when imported from elsewhere
    sys.path.insert(0, str(Path(__file__).resolve().parent))
from huishoudens import (
    EPOCH,
    REKENDATUM,
    Bestand,
    Constanten,
    constanten,
    genereer,
    numpy_exact,
    numpy_zorgtoeslag,
)

ROOT = Path(__file__).resolve().parent.parent
WET = ROOT / "wetten" / "zorgtoeslag"
PERSOON, HUISHOUDEN, FEITTYPE = "natuurlijk persoon", "huishouden", "huishoudsamenstelling"

Ints = npt.NDArray[np.int64]


# ==================================================================== (a) our engine


def lege_kolom(t: ir.Type, n: int) -> Kolom:
    if t.is_getal:
        return Kolom(np.zeros(n, dtype=np.int64), np.zeros(n, dtype=bool), 10 ** (t.decimalen or 0))
    if t.soort == "enumeratie":
        return Kolom(np.zeros(n, dtype=np.int16), np.zeros(n, dtype=bool))
    if t.soort == "boolean":
        return Kolom(np.zeros(n, dtype=bool), np.zeros(n, dtype=bool))
    return Kolom(np.zeros(n, dtype=np.int64), np.zeros(n, dtype=bool))


def tabel(model: ir.Model, key: str, n: int, invoer: dict[str, Kolom]) -> Tabel:
    """A table with the given input columns and an empty column for every other attribute."""
    ot = model.objecttypen[key]
    t = Tabel(key, np.arange(n, dtype=np.int64))
    for a in ot.attributen.values():
        t.kolommen[a.naam.lower()] = invoer.get(a.naam.lower()) or lege_kolom(a.type, n)
    for k in ot.kenmerken.values():
        sleutel = "kenmerk:" + k.naam.lower()
        t.kolommen[sleutel] = invoer.get(sleutel) or Kolom(np.zeros(n, dtype=bool), np.ones(n, dtype=bool))
    return t


def onze_populatie(model: ir.Model, b: Bestand) -> Populatie:
    """The engine's columns from the survey arrays (set-up of contender a)."""
    n, h = b.n_personen, b.n_huishoudens
    alle = np.ones(n, dtype=bool)
    personen = tabel(model, PERSOON, n, {
        "geboortedatum": Kolom(b.geboortedatum.astype(np.int64) + EPOCH, alle),
        "toetsingsinkomen": Kolom(b.inkomen, alle, 100),
        "rendementsgrondslag": Kolom(b.vermogen, alle, 100),
        "kenmerk:verzekerd": Kolom(b.verzekerd, alle),
    })
    huishoudens = tabel(model, HUISHOUDEN, h, {})
    relatie = Relatie(FEITTYPE, (b.huishouden, np.arange(n, dtype=np.int64)))
    return Populatie({PERSOON: personen, HUISHOUDEN: huishoudens}, {FEITTYPE: relatie})


def bedragen(pop: Populatie, attribuut: str = "zorgtoeslag") -> Ints:
    """Whole euros of a household attribute (leeg as -1)."""
    k = pop.tabellen[HUISHOUDEN].kolommen[attribuut]
    w = np.asarray(k.waarden)
    assert w.dtype != object and bool(np.all(w % k.noemer == 0)), "not whole euros"
    return np.where(k.geldig, w // k.noemer, -1).astype(np.int64)


# ==================================================================== the reference interpreter


def interpreter_steekproef(model: ir.Model, params: dict[str, ir.Waarde], b: Bestand, huishoudens: Ints
                           ) -> Ints:
    """The interpreter's zorgtoeslag for the given household rows (one case holding them all)."""
    objecten: dict[str, interpret.Invoer] = {}
    feiten: list[tuple[str, tuple[str, ...]]] = []
    kies = np.isin(b.huishouden, huishoudens)
    for i in np.flatnonzero(kies):
        pid, hid = f"p{i}", f"h{b.huishouden[i]}"
        gd = date.fromordinal(int(b.geboortedatum[i].astype(np.int64)) + EPOCH)
        objecten[pid] = interpret.Invoer(PERSOON, {
            "geboortedatum": gd,
            "toetsingsinkomen": Fraction(int(b.inkomen[i]), 100),
            "rendementsgrondslag": Fraction(int(b.vermogen[i]), 100)}, {"verzekerd": bool(b.verzekerd[i])})
        feiten.append((FEITTYPE, (hid, pid)))
    for h in huishoudens:
        objecten[f"h{h}"] = interpret.Invoer(HUISHOUDEN, {}, {})
    uit = interpret.run(model, interpret.Gegevens(REKENDATUM, params, objecten, feiten))
    assert not uit.fouten, uit.fouten[:3]
    res = []
    for h in huishoudens:
        v = uit.instanties[f"h{h}"].waarden.get("zorgtoeslag")
        assert isinstance(v, Fraction) and v.denominator == 1
        res.append(int(v))
    return np.array(res, dtype=np.int64)


# ==================================================================== part 2: a model of ~200 rules


def _regel(naam: str, tekst: str) -> str:
    return f"\nRegel {naam}\n\tbron: geen — benchmarkregel\n\tgeldig vanaf 01-01-2024\n{tekst}\n"


def model_200(totaal: int = 200) -> tuple[str, str, list[tuple[str, str, str]]]:
    """The zorgtoeslag model plus generated rules until `totaal` rules, its numpy equivalent
    (Python source, one statement per rule, over the arrays of `numpy_zorgtoeslag`), and the
    (objecttype, column, numpy name) of every generated result for the comparison.

    A person chain of cycles (percentage of the income with rounding down, minus a constant
    with a minimum, a conditional 3/4 with rekenkundig rounding and its initialisation, a
    kenmerk) and a household chain of cycles (sums over the role 'lid', with and without a
    selection, a variable-based calculation with a minimum and rounding, a condition on the
    huishoudtype with initialisation, a count over a kenmerk of the members, a kenmerk, a
    conditional calculation on it with initialisation). Each cycle reads the previous one.
    """
    basis = (WET / "zorgtoeslag.rgs").read_text("utf-8")
    n_basis = basis.count("\nRegel ") + basis.count("\nBeslistabel ")
    p_attr: list[str] = []
    h_attr: list[str] = []
    regels: list[str] = []
    code: list[str] = []
    uit: list[tuple[str, str, str]] = []
    pc = hc = 0  # cycles made
    p_prev = "0 €"
    p_prev_np = "0"
    h_prev = "de standaardpremie"
    h_prev_np = "standaardpremie"
    while n_basis + len(regels) < totaal:
        if pc <= hc:  # a person cycle: 5 rules
            i = pc
            a0, a1, a2, km = (f"persoonbedrag {i} a", f"persoonbedrag {i} b", f"persoonbedrag {i} c",
                              f"persoonkenmerk {i}")
            p_attr += [f"\tde {a0}\tGeldbedrag;", f"\tde {a1}\tGeldbedrag;", f"\tde {a2}\tGeldbedrag;",
                       f"\tis {km}\tkenmerk (bijvoeglijk);"]
            pct_teller = 1 + i % 5  # (1..5) / 2 percent
            aftrek = 50 + 10 * (i % 7)
            grens = 200 + 25 * (i % 9)
            van = "de Natuurlijk persoon"
            regels += [
                _regel(f"{a0}", f"\t\tDe {a0} van een Natuurlijk persoon moet berekend worden als ({p_prev} plus "
                                f"{pct_teller / 2:g}% van zijn toetsingsinkomen) naar beneden afgerond op 2 decimalen."
                       .replace(".5%", ",5%")),
                _regel(f"{a1}", f"\t\tDe {a1} van een Natuurlijk persoon moet berekend worden als de {a0} van {van} "
                                f"min {aftrek} €, met een minimum van 0 €."),
                _regel(f"{a2}", f"\t\tDe {a2} van een Natuurlijk persoon moet berekend worden als (de {a1} van {van} "
                                "maal 3 gedeeld door 4) rekenkundig afgerond op 2 decimalen\n"
                                "\t\tindien er aan ten minste één van de volgende voorwaarden wordt voldaan:\n"
                                "\t\t\t• hij is een verzekerde\n"
                                "\t\t\t• zijn toetsingsinkomen is groter dan 50000 €."),
                _regel(f"{a2} zonder voorwaarde",
                       f"\t\tDe {a2} van een Natuurlijk persoon moet geïnitialiseerd worden op de {a1} van {van}."),
                _regel(f"{km}", f"\t\tEen Natuurlijk persoon is {km}\n"
                                f"\t\tindien de {a2} van {van} groter is dan {grens} €."),
            ]
            n0, n1, n2, nk = f"p{i}a", f"p{i}b", f"p{i}c", f"pk{i}"
            code += [
                f"{n0} = {p_prev_np} + ({pct_teller} * inkomen) // 200",
                f"{n1} = np.maximum({n0} - {aftrek * 100}, 0)",
                f"{n2} = np.where(verzekerde | (inkomen > 5000000), (6 * {n1} + 4) // 8, {n1})",
                f"{nk} = {n2} > {grens * 100}",
            ]
            uit += [(PERSOON, a0, n0), (PERSOON, a1, n1), (PERSOON, a2, n2), (PERSOON, "kenmerk:" + km, nk)]
            p_prev, p_prev_np = f"de {a2} van de Natuurlijk persoon", n2
            pc += 1
        else:  # a household cycle: 9 rules
            j = hc
            s0, s1, s2, s3, s4, s6 = (f"huishoudbedrag {j} {x}" for x in "abcdeg")
            km = f"extra aanspraak {j}"
            h_attr += [f"\tde {x}\tGeldbedrag;" for x in (s0, s1, s2, s3, s4, s6)]
            h_attr.append(f"\tde {km}\tkenmerk (bezittelijk);")
            pa = f"persoonbedrag {j % pc} c"
            pb = f"persoonbedrag {j % pc} b"
            pkm = f"persoonkenmerk {j % pc}"
            pct_teller = 1 + j % 3  # (1..3) / 2 percent
            van = "het Huishouden"
            regels += [
                _regel(s0, f"\t\tDe {s0} van een Huishouden moet berekend worden als de som van de {pa} van alle "
                           f"leden van {van} of 0 als die er niet zijn."),
                _regel(s1, f"\t\tDe {s1} van een Huishouden moet berekend worden als de som van de {pb} van alle "
                           f"leden van {van} die een verzekerde zijn of 0 als die er niet zijn."),
                _regel(s2, f"\t\tDe {s2} van een Huishouden moet berekend worden als A min {pct_teller / 2:g}% van B, "
                           "met een minimum van 0 € naar beneden afgerond op 2 decimalen.\n"
                           "\t\tDaarbij geldt:\n"
                           f"\t\t\tA is de {s1} van {van} plus {h_prev}\n"
                           f"\t\t\tB is de gezamenlijke rendementsgrondslag van {van}.".replace(".5%", ",5%")),
                _regel(s3, f"\t\tDe {s3} van een Huishouden moet berekend worden als (de {s2} van {van} maal "
                           f"{'3 gedeeld door 2' if j % 2 == 0 else '2 gedeeld door 3'}) naar beneden afgerond op "
                           f"2 decimalen\n\t\tindien het huishoudtype van {van} gelijk is aan 'met partner'."),
                _regel(f"{s3} zonder voorwaarde",
                       f"\t\tDe {s3} van een Huishouden moet geïnitialiseerd worden op de {s2} van {van}."),
                _regel(s4, f"\t\tDe {s4} van een Huishouden moet berekend worden als de {s3} van {van} plus "
                           f"(N maal 10 €) plus de {s0} van {van}.\n"
                           "\t\tDaarbij geldt:\n"
                           f"\t\t\tN is het aantal leden van {van} die {pkm} zijn."),
                _regel(km, f"\t\tEen Huishouden heeft {km}\n"
                           f"\t\tindien de {s4} van {van} groter is dan {3000 + 100 * (j % 5)} €."),
                _regel(s6, f"\t\tDe {s6} van een Huishouden moet berekend worden als de {s4} van {van} min 100 €, "
                           f"met een minimum van 0 €\n\t\tindien {van} {km} heeft."),
                _regel(f"{s6} zonder voorwaarde",
                       f"\t\tDe {s6} van een Huishouden moet geïnitialiseerd worden op de {s4} van {van}."),
            ]
            m0, m1, m2, m3, m4, m6 = (f"h{j}{x}" for x in "abcdeg")
            mk = f"hk{j}"
            i = j % pc
            code += [
                f"{m0} = som(p{i}c)",
                f"{m1} = som(np.where(verzekerde, p{i}b, 0))",
                f"{m2} = np.maximum((({m1} + {h_prev_np}) * 200 - {pct_teller} * vermogen) // 200, 0)",
                f"{m3} = np.where(paar, {'(3 * ' + m2 + ') // 2' if j % 2 == 0 else '(2 * ' + m2 + ') // 3'}, {m2})",
                f"{m4} = {m3} + som(pk{i}) * 1000 + {m0}",
                f"{mk} = {m4} > {(3000 + 100 * (j % 5)) * 100}",
                f"{m6} = np.where({mk}, np.maximum({m4} - 10000, 0), {m4})",
            ]
            uit += [(HUISHOUDEN, s0, m0), (HUISHOUDEN, s1, m1), (HUISHOUDEN, s2, m2), (HUISHOUDEN, s3, m3),
                    (HUISHOUDEN, s4, m4), (HUISHOUDEN, "kenmerk:" + km, mk), (HUISHOUDEN, s6, m6)]
            h_prev, h_prev_np = f"de {s6} van {van}", m6
            hc += 1
    p_kop = "Objecttype de Natuurlijk persoon (mv: Natuurlijke personen) (bezield)\n"
    h_kop = "Objecttype het Huishouden (mv: Huishoudens)\n"
    assert p_kop in basis and h_kop in basis
    tekst = basis.replace(p_kop, p_kop + "\n".join(p_attr) + "\n").replace(h_kop, h_kop + "\n".join(h_attr) + "\n")
    tekst += "".join(regels)
    return tekst, "\n".join(code), uit


def numpy_functie(code: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """The generated numpy statements as one function over the arrays of `numpy_zorgtoeslag`."""
    namen = ("som", "verzekerde", "paar", "vermogen", "inkomen", "standaardpremie", "zorgtoeslag")
    bron = ("def model_200(ns):\n"
            + "".join(f"    {n} = ns[{n!r}]\n" for n in namen)
            + "".join(f"    {regel}\n" for regel in code.splitlines())
            + "    return locals()\n")
    scope: dict[str, Any] = {"np": np}
    exec(compile(bron, "<model_200 numpy>", "exec"), scope)  # our own generated source, not a rule file
    f: Callable[[dict[str, Any]], dict[str, Any]] = scope["model_200"]
    return f


# ==================================================================== timing and output


def _mediaan(tijden: list[float]) -> float:
    return statistics.median(tijden)


def _getal(x: int) -> str:
    return f"{x:,}".replace(",", ".")


def _s(t: float) -> str:
    if t < 1:
        return f"{t * 1000:.1f} ms"
    return f"{t:.2f} s" if t < 10 else f"{t:.1f} s"


def _openfisca() -> tuple[Any, str]:
    """The OpenFisca module and its version, or None and the reason it is not available."""
    try:
        from importlib.metadata import version

        import openfisca_zorgtoeslag

        return openfisca_zorgtoeslag, version("openfisca-core")
    except ImportError as e:
        return None, f"niet beschikbaar ({e}); installeer met: pip install -r benchmarks/requirements.txt"


def openfisca_invoer(b: Bestand) -> tuple[dict[str, Any], dict[str, Any]]:
    """OpenFisca's inputs from the survey arrays: money as float euros (its float32)."""
    personen = {"huishouden": b.huishouden, "rol": b.rol, "geboortedatum": b.geboortedatum,
                "toetsingsinkomen": (b.inkomen / 100).astype(np.float32),
                "rendementsgrondslag": (b.vermogen / 100).astype(np.float32), "verzekerd": b.verzekerd}
    return personen, {"aantal": b.n_huishoudens}


def _controleer_invoer(b: Bestand) -> int:
    """A checksum of the survey arrays (the engine must not change its inputs)."""
    return hash((int(b.inkomen.sum()), int(b.vermogen.sum()), int(b.verzekerd.sum()),
                 int(b.geboortedatum.astype(np.int64).sum()), int(b.huishouden.sum())))


def kies_steekproef(b: Bestand, c: Constanten, n: int, seed: int) -> Ints:
    """Households for the interpreter: a third at random, a third around the €24 rule and the 50%
    rule, a third around the vermogensgrens (where engines are most likely to disagree)."""
    ns = numpy_zorgtoeslag(b, c)
    rng = np.random.default_rng(seed)
    rand = (ns["afgerond"] >= 18) & (ns["afgerond"] <= 30) | ns["half"]
    grens = np.abs(ns["vermogen"] - ns["vermogensgrens"]) <= 100_000
    gekozen: set[int] = set()
    for pool in (np.arange(b.n_huishoudens), np.flatnonzero(rand), np.flatnonzero(grens)):
        k = min(len(pool), n // 3)
        gekozen.update(int(i) for i in rng.choice(pool, k, replace=False))
    return np.array(sorted(gekozen), dtype=np.int64)


def _klok(f: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    t = time.perf_counter()
    r = f()
    return time.perf_counter() - t, r


def _status(ok: bool) -> str:
    return "gehaald" if ok else "NIET GEHAALD"


def deel_zorgtoeslag(args: argparse.Namespace, b: Bestand) -> dict[str, float]:
    t_laad, (model, diags) = _klok(lambda: load_model(sorted(WET.glob("*.rgs"))))  # first load in the process
    assert not diags, diags
    params, _ = read_parameters(WET / "parameters.yaml", model, model.eenheden, REKENDATUM)
    c = constanten(params)
    of, of_versie = _openfisca()
    stelsel = None
    t_stelsel = 0.0
    if of is not None:
        t_stelsel, stelsel = _klok(lambda: of.belastingstelsel(params, f"{REKENDATUM.year}-01-01"))
    jaar = f"{REKENDATUM.year}"
    controle = _controleer_invoer(b)

    tijden: dict[str, list[float]] = {k: [] for k in ("ons_opzet", "ons_eval", "of_opzet", "of_eval", "np")}
    laatste: dict[str, Any] = {}

    def ons() -> None:
        t1, pop = _klok(lambda: onze_populatie(model, b))
        t2, res = _klok(lambda: engine_run(model, pop, REKENDATUM, params))
        tijden["ons_opzet"].append(t1)
        tijden["ons_eval"].append(t2)
        laatste["ons"], laatste["ons_res"] = bedragen(pop), res

    def openfisca() -> None:
        assert of is not None
        t1, sim = _klok(lambda: of.opzetten(stelsel, *openfisca_invoer(b), jaar))
        t2, z = _klok(lambda: sim.calculate("zorgtoeslag", jaar))
        tijden["of_opzet"].append(t1)
        tijden["of_eval"].append(t2)
        laatste["of"] = np.asarray(z)

    def hand() -> None:
        t, z = _klok(lambda: numpy_exact(b, c))
        tijden["np"].append(t)
        laatste["np"] = z

    deelnemers = [ons, hand] + ([openfisca] if of is not None else [])
    for i in range(-args.opwarmen, args.herhalingen):
        k = i % len(deelnemers)
        for f in deelnemers[k:] + deelnemers[:k]:  # interleaved, rotating the order
            f()
        if i == -1:  # warm-up over (only with --opwarmen): the heap has grown to what all three need
            for v in tijden.values():
                v.clear()
        print(f"  herhaling {i + 1}/{args.herhalingen} klaar", file=sys.stderr)
    # The first timed round is the cold one (each contender's first calculation in this process,
    # unless --opwarmen hid it); the figures below are the warm median of the other rounds.
    koud = {k: v[0] for k, v in tijden.items() if v}
    for v in tijden.values():
        if len(v) > 1:
            del v[0]
    assert _controleer_invoer(b) == controle, "the engine changed its input arrays"

    exact = laatste["np"]
    leden = np.bincount(b.huishouden, minlength=b.n_huishoudens)
    steekproef = kies_steekproef(b, c, args.steekproef, args.seed + 1)
    t_interp, orakel = _klok(lambda: interpreter_steekproef(model, params, b, steekproef))
    np_vs_orakel = int(np.sum(orakel != exact[steekproef]))

    def afwijkend(z: Ints) -> tuple[int, int]:
        d = z != exact
        return int(d.sum()), int(leden[d].sum())

    ons_af = afwijkend(laatste["ons"])
    res = laatste["ons_res"]
    m = {k: _mediaan(v) for k, v in tijden.items() if v}
    ons_totaal = m["ons_opzet"] + m["ons_eval"]
    print()
    print(f"== Zorgtoeslag over {_getal(b.n_personen)} personen in {_getal(b.n_huishoudens)} huishoudens "
          f"(rekendatum {REKENDATUM:%d-%m-%Y}; mediaan van {args.herhalingen} herhalingen, afwisselend gemeten)")
    print(f"   model laden (eenmalig, niet in de verhoudingen): regelspraak load_model {_s(t_laad)}"
          + (f"; OpenFisca TaxBenefitSystem {_s(t_stelsel)}" if of is not None else ""))
    print(f"   {'':34} {'opzet':>10} {'evaluatie':>10} {'samen':>10} {'koud: evaluatie':>16} {'samen':>10}")

    def koud_s(*k: str) -> str:
        return _s(sum(koud[x] for x in k)) if all(x in koud for x in k) else "-"

    print(f"   {'(a) regelspraak':34} {_s(m['ons_opzet']):>10} {_s(m['ons_eval']):>10} {_s(ons_totaal):>10} "
          f"{koud_s('ons_eval'):>16} {koud_s('ons_opzet', 'ons_eval'):>10}")
    if of is not None:
        of_totaal = m["of_opzet"] + m["of_eval"]
        print(f"   {'(b) OpenFisca-core ' + of_versie:34} {_s(m['of_opzet']):>10} {_s(m['of_eval']):>10} "
              f"{_s(of_totaal):>10} {koud_s('of_eval'):>16} {koud_s('of_opzet', 'of_eval'):>10}")
    else:
        print(f"   {'(b) OpenFisca-core':34} {of_versie}")
    print(f"   {'(c) numpy, exact, met de hand':34} {'-':>10} {_s(m['np']):>10} {_s(m['np']):>10} "
          f"{koud_s('np'):>16} {koud_s('np'):>10}")
    print("   verhoudingen (regelspraak gedeeld door de ander; lager is beter; warm / koud):")
    r_np = m["ons_eval"] / m["np"]
    r_np_koud = koud["ons_eval"] / koud["np"]
    if of is not None:
        r_of = ons_totaal / of_totaal
        r_of_koud = (koud["ons_opzet"] + koud["ons_eval"]) / (koud["of_opzet"] + koud["of_eval"])
        print(f"     regelspraak / OpenFisca, opzet + evaluatie  {r_of:7.2f} / {r_of_koud:5.2f}   eis <= 0.50 "
              f"(2x sneller)   {_status(max(r_of, r_of_koud) <= 0.5)}")
    print(f"     regelspraak / numpy, evaluatie              {r_np:7.2f} / {r_np_koud:5.2f}   eis <= 2.00"
          f"                {_status(max(r_np, r_np_koud) <= 2)}")
    print("   (deze numpy en OpenFisca rekenen per huishouden, met rollen; de sterkste basislijnen, per persoon "
          "en elk in een eigen proces, meet --harnas)")
    print(f"   afwijkingen van exacte rekenkunde (huishoudens / personen daarin, van {_getal(b.n_huishoudens)}):")
    print(f"     numpy exact vs interpreter (orakel), steekproef van {_getal(len(steekproef))} huishoudens: "
          f"{np_vs_orakel} (interpreter {_s(t_interp)})")
    print(f"     (a) regelspraak: {ons_af[0]} / {ons_af[1]}   eis 0   {_status(ons_af[0] == 0 and np_vs_orakel == 0)}")
    if of is not None:
        of_af = afwijkend(np.asarray(laatste["of"]).astype(np.int64))
        d = np.flatnonzero(np.asarray(laatste["of"]).astype(np.int64) != exact)
        voorbeelden = ", ".join(f"#{i}: {exact[i]} € i.p.v. {laatste['of'][i]:.0f} €" for i in d[:3])
        print(f"     (b) OpenFisca (float32): {of_af[0]} / {of_af[1]}" + (f"   bijv. {voorbeelden}" if len(d) else ""))
    ontvangers = exact > 0
    print(f"   ter controle: {_getal(int(ontvangers.sum()))} huishoudens met zorgtoeslag, samen "
          f"{_getal(int(exact.sum()))} €; regels via de interpreter (terugval): {len(res.terugval)}"
          + (f" {sorted(res.terugval)}" if res.terugval else "")
          + f"; inconsistente objecten: {sum(int(v.sum()) for v in res.inconsistent.values())}")
    uit = {"ons_eval": m["ons_eval"], "np": m["np"], "regels": len(model.regels)}
    if args.profiel:
        import cProfile
        import pstats

        pop = onze_populatie(model, b)
        prof = cProfile.Profile()
        prof.enable()
        engine_run(model, pop, REKENDATUM, params)
        prof.disable()
        print("\n   profiel van een evaluatie door regelspraak (cProfile, cumulatief):")
        pstats.Stats(prof, stream=sys.stdout).sort_stats("cumtime").print_stats(25)
    return uit


def deel_200(args: argparse.Namespace, b: Bestand, zorgtoeslag: dict[str, float]) -> None:
    tekst, code, uitkomsten = model_200(args.regels)
    with tempfile.TemporaryDirectory() as d:
        pad = Path(d) / "model_200.rgs"
        pad.write_text(tekst, "utf-8")
        # The zorgtoeslag builds on the Awir (model.yaml): its base files come first, as load_model
        # composes them for the folder itself.
        basis = [f for f in bouwt_op.met_basis(sorted(WET.glob("*.rgs"))) if f.parent != WET]
        t_laad, (model, diags) = _klok(lambda: load_model([*basis, pad]))
    assert not diags, diags[:3]
    params, _ = read_parameters(WET / "parameters.yaml", model, model.eenheden, REKENDATUM)
    c = constanten(params)
    f = numpy_functie(code)
    tijden: dict[str, list[float]] = {"ons": [], "np": []}
    laatste: dict[str, Any] = {}

    # Each contender's previous results are let go before it runs again (they are kept only for
    # the comparison at the end), so neither computes while holding a second copy of its columns.
    def ons() -> None:
        laatste.pop("ons", None)
        laatste.pop("res", None)
        pop = onze_populatie(model, b)
        t, res = _klok(lambda: engine_run(model, pop, REKENDATUM, params))
        tijden["ons"].append(t)
        laatste["ons"], laatste["res"] = pop, res

    def hand() -> None:
        laatste.pop("np", None)
        t, r = _klok(lambda: f(numpy_zorgtoeslag(b, c)))
        tijden["np"].append(t)
        laatste["np"] = r

    for i in range(-args.opwarmen, args.herhalingen):
        for g in ([ons, hand] if i % 2 == 0 else [hand, ons]):
            g()
        if i == -1:
            for v in tijden.values():
                v.clear()
        print(f"  herhaling {i + 1}/{args.herhalingen} (200 regels) klaar", file=sys.stderr)
    pop, r = laatste["ons"], laatste["np"]
    verschil = 0
    for ot, kol, naam in [*uitkomsten, (HUISHOUDEN, "zorgtoeslag", "zorgtoeslag")]:
        k = pop.tabellen[ot].kolommen[kol]
        w = np.asarray(k.waarden)
        if kol.startswith("kenmerk:"):
            gelijk = bool(np.array_equal(w.astype(bool), r[naam]))
        else:
            schaal = 100 if kol != "zorgtoeslag" else 1
            gelijk = bool(k.geldig.all()) and schaal % k.noemer == 0 and bool(
                np.array_equal(w * (schaal // k.noemer), r[naam]))
        verschil += not gelijk
    n_regels = len(model.regels)
    m_ons, m_np = _mediaan(tijden["ons"]), _mediaan(tijden["np"])
    r_200 = m_ons / m_np
    r_zt = zorgtoeslag["ons_eval"] / zorgtoeslag["np"]
    print()
    n_zt = int(zorgtoeslag["regels"])
    print(f"== Model van {n_regels} regels (de {n_zt} van de zorgtoeslag + {n_regels - n_zt} gegenereerde), "
          f"{_getal(b.n_personen)} personen; laden {_s(t_laad)}")
    print(f"   {'':34} {'evaluatie':>10} {'per regel':>10}")
    print(f"   {'regelspraak':34} {_s(m_ons):>10} {m_ons / n_regels * 1000:>7.1f} ms")
    print(f"   {'numpy, exact, gegenereerd':34} {_s(m_np):>10} {m_np / n_regels * 1000:>7.1f} ms")
    print(f"   verhouding regelspraak / numpy: {r_200:.2f} bij {n_regels} regels, {r_zt:.2f} bij de zorgtoeslag "
          f"({n_zt} regels)   eis <= 2.00   {_status(r_200 <= 2)}")
    print(f"   uitkomsten gelijk aan numpy: {len(uitkomsten) + 1 - verschil} van {len(uitkomsten) + 1} kolommen"
          + ("" if verschil == 0 else "   VERSCHILLEN")
          + f"; terugval naar de interpreter: {len(laatste['res'].terugval)} regels")


def harnas(args: argparse.Namespace) -> dict[str, float]:
    """Part 1 through the shared speed harness: its run.sh with this Python and the per-person
    model; prints its summary with the load average before and after. Returns the figures part 2
    compares with (the product's household model, warm)."""
    import subprocess

    run = args.harnas / "run.sh"
    if not run.is_file():
        raise SystemExit(f"geen harnas in {args.harnas} (run.sh ontbreekt)")
    # The product's rules as shipped: the harness's default variant ("bench") rewrites the drempelinkomen
    # rule to the rounded figure, which the shipped rule has been since the model became monthly, so that
    # variant no longer finds the line it rewrites and stops the harness.
    env = dict(os.environ, PYTHON=sys.executable, PRODUCT_PERSOON="1", RUNS=str(args.harnas_runs))
    env.setdefault("PRODUCT_MODEL", "shipped")
    print(f"== harnas {run} {args.personen} (RUNS={args.harnas_runs}, PRODUCT_PERSOON=1)", flush=True)
    uit = subprocess.run(["bash", str(run), str(args.personen)], cwd=ROOT, env=env, capture_output=True, text=True)
    regels = uit.stdout.splitlines()
    if uit.returncode != 0:
        print("\n".join(regels[-30:]) + "\n" + uit.stderr[-2000:])
        raise SystemExit(f"het harnas faalde (exit {uit.returncode})")
    start = next((i for i, r in enumerate(regels) if r.startswith("== summary")), 0)
    for r in [r for r in regels[:start] if r.startswith(("== load", "[edge]"))] + regels[start:]:
        print("   " + r)
    medianen: dict[str, tuple[float, float]] = {}
    for r in regels[start:]:
        delen = r.split()
        if len(delen) > 4 and delen[0] in ("numpy", "product", "product_persoon", "openfisca"):
            try:
                medianen[delen[0]] = (float(delen[2]), float(delen[4]))
            except ValueError:
                continue
    model, _ = load_model(sorted(WET.glob("*.rgs")))
    if "product" not in medianen or "numpy" not in medianen:
        return {"ons_eval": float("nan"), "np": float("nan"), "regels": len(model.regels)}
    # Part 2 then compares with the household model's warm time over the harness's per-person numpy.
    return {"ons_eval": medianen["product"][1], "np": medianen["numpy"][1], "regels": len(model.regels)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--personen", type=int, default=1_000_000, help="number of persons (default 1,000,000)")
    ap.add_argument("--herhalingen", type=int, default=5, help="timed runs per contender (median; default 5)")
    ap.add_argument("--opwarmen", type=int, default=0,
                    help="untimed rounds first (default 0: the first timed round is reported as cold, the "
                         "median of the others as warm)")
    ap.add_argument("--harnas", type=Path, default=None,
                    help="the shared speed harness (a folder with run.sh): run it with this Python on "
                         "--personen persons (its numpy and one-entity OpenFisca contenders, each in fresh "
                         "processes, cold and warm, plus the per-person model) instead of part 1")
    ap.add_argument("--harnas-runs", type=int, default=3, help="processes per contender in the harness")
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--steekproef", type=int, default=3000, help="households checked by the interpreter")
    ap.add_argument("--regels", type=int, default=200, help="size of the generated model of part 2")
    ap.add_argument("--zonder-200", action="store_true", help="skip part 2")
    ap.add_argument("--profiel", action="store_true", help="print a cProfile of one evaluation by our engine")
    args = ap.parse_args(argv)
    if args.herhalingen < 1 or args.personen < 2 or args.opwarmen < 0:
        ap.error("--herhalingen >= 1, --opwarmen >= 0 and --personen >= 2")
    t0 = time.perf_counter()
    if args.harnas is not None:
        zt = harnas(args)
        if args.zonder_200:
            return
    b = genereer(args.personen, args.seed)
    print(f"regelspraak benchmark simulatie — {date.today():%d-%m-%Y}, {platform.system()} {platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}, numpy {np.__version__}, seed {args.seed}")
    if args.harnas is None:
        zt = deel_zorgtoeslag(args, b)
    if not args.zonder_200:
        deel_200(args, b, zt)
    print(f"\n(totale looptijd {time.perf_counter() - t0:.0f} s)")


if __name__ == "__main__":
    main()
