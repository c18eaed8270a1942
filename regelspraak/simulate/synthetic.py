"""A synthetic Dutch population of persons and households, calibrated to CBS marginal totals.

The output is generic: it knows nothing of any law. A mapping file (`mapping.py`) says how
a model's objecttypes and attributes are filled from it. Three entities are generated:

- `personen`: id, huishouden, toeslageenheid, partner, rol, leeftijd, geboortedatum,
  inkomen, toetsingsinkomen and vermogen (exact cents, int64), verzekerd, gehuwd,
  begindatum samenwonen and huwelijksdatum (couples; `partnerschap.py`);
- `huishoudens`: id, type, grootte, kinderen, eigendom (tenure);
- `toeslageenheden`: an adult with his or her partner, if any (the unit the toeslagen are
  assessed on: minor children are not part of it, adult children living at home are a unit
  of their own): id, huishouden, type, grootte.

How it is built (docs/populatie.md says which assumptions fill what CBS does not give):

1. `kalibreer` (`kalibratie.py`) fits three tables with iterative proportional fitting (`ipf.py`):
   households by type x number of children x other members x tenure (margins: type, size,
   children per type and count, tenure); persons by household position x single year of age
   (margins: positions implied by the household table, CBS age bands, ages 0 and 1); adults
   by age band x position group x income class (margins: the previous table, CBS income
   classes).
2. A block of n persons is an integer rounding of the household table to exactly n persons
   (so marginals hold up to rounding, not up to sampling noise); households are shuffled,
   then ages, incomes and wealth are drawn per person from the fitted conditional tables.
   Partners' ages and children's ages are paired with rank matching, which keeps each
   marginal exact while making partners of similar age (sd of the difference ~4 years) and
   children younger than their parents (a gap under 15 years in < 0.1% of families).
3. Optional oversampling around thresholds (`Drempel`): see `genereer`.

Everything is vectorised and drawn from `numpy.random.Generator`s seeded from one seed. The
population is a sequence of fixed partitions ("delen") of about `DEEL` persons: the household
table is rounded once for the whole population and spread over the partitions, and each
partition draws from its own stream `SeedSequence(seed, spawn_key=(0, deel))` with ids that are
global. A population is therefore a function of (seed, size, partition size) only: any range of
partitions can be generated on its own (a chunk, a Dask worker) and gives the same households as
the whole (`genereer(..., delen=range(a, b))`).

>>> pop = genereer(2_000, seed=7)
>>> len(pop.personen), pop.personen.eigenschappen["inkomen"].noemer
(2000, 100)
>>> round(float(pop.personen.gewicht.sum()))
17942942
>>> genereer(2_000, seed=7).personen.eigenschappen["inkomen"].waarden[:3].tolist() == \\
...     pop.personen.eigenschappen["inkomen"].waarden[:3].tolist()
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any, Literal, cast

import numpy as np
import numpy.typing as npt

from regelspraak.simulate import aftrek, ijking, kinderen, partnerschap, wonen  # kinderen, wonen: aanvulling.py
from regelspraak.simulate.kalibratie import (
    AANDEEL_VERZEKERD,
    ALLEEN,
    EENHEIDTYPEN,
    EENPERSOONS,
    EIGENDOM,
    GEEN_INKOMEN,
    HUISHOUDTYPEN,
    INKOMEN_GROEP,
    INKOMEN_LEEFTIJD,
    INSTITUTIONEEL,
    KERN,
    KERNROL,
    KIND,
    LAAGSTE_MACHT,
    MAX_INKOMEN,
    MAX_LEEFTIJD,
    OUDER,
    OVERIG,
    PAAR_M,
    PAAR_Z,
    PARETO_ALFA,
    PARTNER_M,
    PARTNER_Z,
    ROLLEN,
    Kalibratie,
    kalibreer,
)
from regelspraak.simulate.marginalen import (
    INKOMENSKLASSEN,
    Marginalen,
)
from regelspraak.values.notation import parse_getal

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
Array = npt.NDArray[Any]

DEEL = 100_000  # persons per partition: the unit of seeding (and of chunks and Dask tasks), never split
MAX_PERSONEN = 25_000_000  # with oversampling: beyond this memory (not time) becomes the problem

# ------------------------------------------------------------------ output types


@dataclass(frozen=True)
class Eigenschap:
    """One generated characteristic: a column with its kind.

    soort: `id`, `verwijzing` (ids of `entiteit`), `datum` (int32 day ordinals),
    `bedrag` (int64 numerators over `noemer`), `getal` (whole numbers, any integer dtype), `boolean`,
    `enumeratie` (int16 codes into `labels`).
    """

    soort: Literal["id", "verwijzing", "datum", "bedrag", "getal", "boolean", "enumeratie"]
    waarden: Array
    geldig: Bools | None = None  # None: every value is filled
    noemer: int = 1
    labels: tuple[str, ...] = ()
    entiteit: str | None = None

    def geldig_masker(self) -> Bools:
        return np.ones(len(self.waarden), dtype=np.bool_) if self.geldig is None else self.geldig


@dataclass(frozen=True)
class EigenschapSchema:
    """What a generated characteristic is, known before generating (mapping files are checked
    against this)."""

    soort: Literal["id", "verwijzing", "datum", "bedrag", "getal", "boolean", "enumeratie"]
    omschrijving: str
    entiteit: str | None = None  # verwijzing: to which entity
    labels: tuple[str, ...] = ()  # enumeratie
    noemer: int = 1  # bedrag


SCHEMA: dict[str, dict[str, EigenschapSchema]] = {
    "personen": {
        "id": EigenschapSchema("id", "volgnummer van de persoon"),
        "huishouden": EigenschapSchema("verwijzing", "het huishouden waarin de persoon woont", "huishoudens"),
        "toeslageenheid": EigenschapSchema("verwijzing", "de persoon met partner (leeg voor minderjarige kinderen)",
                                           "toeslageenheden"),
        "partner": EigenschapSchema("verwijzing", "de partner in hetzelfde huishouden (leeg zonder partner)",
                                    "personen"),
        "rol": EigenschapSchema("enumeratie", "positie in het huishouden (CBS)", labels=ROLLEN),
        "leeftijd": EigenschapSchema("getal", "leeftijd in hele jaren op de peildatum"),
        "geboortedatum": EigenschapSchema("datum", "geboortedatum"),
        "inkomen": EigenschapSchema("bedrag", "persoonlijk jaarinkomen in euro (CBS-begrip)", noemer=100),
        "toetsingsinkomen": EigenschapSchema("bedrag", "verzamelinkomen in euro van het jaar van de peildatum: "
                                             "inkomen geïndexeerd plus box-3-voordeel min pensioenpremie en "
                                             "eigenwoningaftrek (aftrek.py)", noemer=100),
        "maandinkomen": EigenschapSchema("bedrag", "een twaalfde van het toetsingsinkomen, naar beneden afgerond op "
                                         "centen", noemer=100),
        "vermogen": EigenschapSchema("bedrag", "bank- en spaartegoeden in euro (CBS 83834NED, zie docs)", noemer=100),
        "verzekerd": EigenschapSchema("boolean", "verzekerd voor de Zorgverzekeringswet"),
        "gehuwd": EigenschapSchema("boolean", "gehuwd of geregistreerd partner (paren; CBS 37620, zie docs)"),
        "begindatum samenwonen": EigenschapSchema("datum", "begin van de gezamenlijke huishouding van een paar "
                                                  "(CBS 37772NED, zie docs; leeg zonder partner)"),
        "huwelijksdatum": EigenschapSchema("datum", "datum van het huwelijk of partnerschap van een gehuwd paar "
                                           "(leeg voor anderen)"),
    },
    "huishoudens": {
        "id": EigenschapSchema("id", "volgnummer van het huishouden"),
        "type": EigenschapSchema("enumeratie", "huishoudtype", labels=HUISHOUDTYPEN),
        "grootte": EigenschapSchema("getal", "aantal personen"),
        "kinderen": EigenschapSchema("getal", "aantal thuiswonende kinderen"),
        "eigendom": EigenschapSchema("enumeratie", "koop of huur (leeg voor instellingen)", labels=EIGENDOM),
    },
    "toeslageenheden": {
        "id": EigenschapSchema("id", "volgnummer van de eenheid"),
        "huishouden": EigenschapSchema("verwijzing", "het huishouden van de eenheid", "huishoudens"),
        "type": EigenschapSchema("enumeratie", "met of zonder partner", labels=EENHEIDTYPEN),
        "grootte": EigenschapSchema("getal", "1 of 2 personen"),
    },
}
# Housing and the links of children and other residents (wonen.py, kinderen.py; added by aanvulling.py).
for _entiteit, _extra in (("personen", kinderen.SCHEMA_PERSONEN), ("huishoudens", wonen.SCHEMA_HUISHOUDENS),
                          ("toeslageenheden", wonen.SCHEMA_EENHEDEN)):
    for _naam, (_soort, _omschrijving, _naar) in _extra.items():
        SCHEMA[_entiteit][_naam] = EigenschapSchema(cast(Any, _soort), _omschrijving, _naar,
                                                    noemer=100 if _soort == "bedrag" else 1)


@dataclass(frozen=True)
class Entiteit:
    naam: str
    ids: Ints
    eigenschappen: dict[str, Eigenschap]
    gewicht: Floats  # how many real units each generated unit stands for

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class Drempel:
    """Oversample around `waarde` of a person characteristic (inkomen, vermogen: euro; leeftijd:
    years): persons with |x - waarde| <= breedte are "near" the threshold."""

    eigenschap: Literal["inkomen", "vermogen", "leeftijd"]
    waarde: Fraction
    breedte: Fraction

    def __str__(self) -> str:
        return f"{self.eigenschap} {float(self.waarde):g} ± {float(self.breedte):g}"


@dataclass(frozen=True)
class SynthetischePopulatie:
    personen: Entiteit
    huishoudens: Entiteit
    toeslageenheden: Entiteit
    peildatum: date
    seed: int
    basis_personen: int  # the requested size; more persons exist when oversampled
    drempels: tuple[Drempel, ...] = ()
    factor: int = 1
    kalibratie: Kalibratie | None = field(default=None, repr=False, compare=False)

    @property
    def entiteiten(self) -> dict[str, Entiteit]:
        return {"personen": self.personen, "huishoudens": self.huishoudens, "toeslageenheden": self.toeslageenheden}


def parse_drempel(tekst: str) -> Drempel:
    """`inkomen=39719`, `vermogen=141.896,00±5000`, `leeftijd=18`; ValueError with a Dutch message.

    >>> parse_drempel("inkomen=39719")
    Drempel(eigenschap='inkomen', waarde=Fraction(39719, 1), breedte=Fraction(1985, 1))
    >>> str(parse_drempel("leeftijd=18"))
    'leeftijd 18 ± 1'
    """
    naam, gelijk, rest = tekst.partition("=")
    naam = naam.strip().lower()
    if not gelijk or naam not in ("inkomen", "vermogen", "leeftijd"):
        raise ValueError(f"Ongeldige drempel '{tekst}': schrijf inkomen=BEDRAG, vermogen=BEDRAG of leeftijd=JAREN, "
                         "eventueel met ±BREEDTE.")
    for sep in ("±", "+-", "+/-"):
        if sep in rest:
            w_tekst, _, b_tekst = rest.partition(sep)
            break
    else:
        w_tekst, b_tekst = rest, ""
    waarde, _ = parse_getal(w_tekst.strip())
    if b_tekst.strip():
        breedte, _ = parse_getal(b_tekst.strip())
    elif naam == "leeftijd":
        breedte = Fraction(1)
    else:  # 5% of the amount (at least 500 euro): dense enough to see a cliff, wide enough to fill
        breedte = max(Fraction(500), Fraction(math.floor(waarde * Fraction(5, 100))))
    if breedte < 0:
        raise ValueError(f"Ongeldige drempel '{tekst}': de breedte is negatief.")
    return Drempel(cast(Literal["inkomen", "vermogen", "leeftijd"], naam), waarde, breedte)  # checked above


# ------------------------------------------------------------------ generation


def aantal_delen(personen: int, deel: int = DEEL) -> int:
    """How many partitions a population of `personen` has (each about `deel` persons)."""
    return max(1, -(-personen // max(deel, 1)))


def genereer(personen: int, seed: int, *, peildatum: date = date(2024, 1, 1), drempels: Sequence[Drempel] = (),
             factor: int = 10, marginalen: Marginalen | None = None, kalibratie: Kalibratie | None = None,
             deel: int = DEEL, delen: range | None = None) -> SynthetischePopulatie:
    """A population of exactly `personen` persons (plus oversampled households, if `drempels`).

    Weights: each generated person stands for `residents / personen` residents, so weighted
    totals are national figures. Ages are ages on `peildatum`, and the age structure and the number of
    residents are those of `peildatum` (interpolated, `marginalen.doelen`); the household structure keeps its
    CBS shares of 1 January 2024.

    Oversampling (`drempels`, `factor` m): besides the base sample B, m-1 further samples
    C_1..C_{m-1} of the same size are drawn from the same distribution; of those only the
    households with a member near a threshold are kept. Near households (from B and from
    every C_i) get weight w/m, the other households of B keep w. The estimator of a total,
    T^ = w/m * sum(near, B u C) y + w * sum(far, B) y, is unbiased: each sample contributes
    E[sum(near) y] equally, and m samples divided by m make one. Near households are then m
    times as dense as in B alone.

    Partitions: the household counts for `personen` are rounded once and spread over
    `aantal_delen(personen, deel)` partitions (cell count c gets floor(c(b+1)/B) - floor(cb/B)
    households in partition b); `delen` generates only those partitions, with the ids they
    have in the whole population (persons and households numbered in partition order; a
    toeslageenheid has the id of its first member; oversampled extra persons of draw e have ids
    offset by e times the population size).
    """
    if not 1 <= personen <= 20_000_000:
        raise ValueError(f"Aantal personen moet tussen 1 en 20.000.000 liggen, niet {personen}.")
    if factor < 1:
        raise ValueError(f"De oversample-factor moet minstens 1 zijn, niet {factor}.")
    kal = kalibratie or kalibreer(marginalen, peildatum)
    w0 = kal.doelen.totaal_personen / personen
    drempels = tuple(drempels)
    aantal = aantal_delen(personen, deel)
    delen = range(aantal) if delen is None else delen
    if delen.step != 1 or delen.start < 0 or delen.stop > aantal:
        raise ValueError(f"Delen {delen} vallen buiten 0..{aantal}.")
    cellen, n_inst = _afronden(kal, personen)
    totaal_cellen = np.append(cellen, n_inst)
    grootte = np.append(kal.grootte.ravel(), 1)
    n_hh = int(totaal_cellen.sum())
    blokken: list[_Blok] = []
    totaal = 0
    for b in delen:
        # Partition b's share of every cell, and where its persons and households start.
        lo, hi = totaal_cellen * b // aantal, totaal_cellen * (b + 1) // aantal
        aantal_b = hi - lo
        start_p, start_h = int((lo * grootte).sum()), int(lo.sum())
        # One stream per partition (and per oversample draw): results depend on seed and size only.
        rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(0, b)))
        blok = _genereer_blok(kal, aantal_b, rng, peildatum)
        blok.nummer(start_p, start_h)
        if not drempels or factor == 1:
            blok.gewicht[:] = w0
            blokken.append(blok)
            continue
        dicht = _dichtbij(blok, drempels, peildatum.year)
        blok.gewicht[:] = np.where(dicht, w0 / factor, w0)
        blokken.append(blok)
        for extra in range(1, factor):
            rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(1, b, extra)))
            kandidaat = _genereer_blok(kal, aantal_b, rng, peildatum)
            kandidaat.nummer(extra * personen + start_p, extra * n_hh + start_h)
            kandidaat = kandidaat.deel(_dichtbij(kandidaat, drempels, peildatum.year))
            kandidaat.gewicht[:] = w0 / factor
            blokken.append(kandidaat)
            totaal += len(kandidaat.p_rol)
            if totaal + personen > MAX_PERSONEN:
                grens = f"{MAX_PERSONEN:,}".replace(",", ".")
                raise ValueError(f"Overbemonsteren levert meer dan {grens} personen op; kies smallere drempels, "
                                 "een kleinere factor of minder personen.")
    from regelspraak.simulate.aanvulling import aanvullen  # imports this module

    return aanvullen(_samenvoegen(blokken, kal, peildatum, seed, personen, drempels, factor if drempels else 1))


@dataclass
class _Blok:
    """One block's arrays; ids are row numbers within the block (-1: none)."""

    hh_type: npt.NDArray[np.int8]
    hh_kinderen: npt.NDArray[np.int8]
    hh_eigendom: npt.NDArray[np.int8]  # -1 for institutions
    hh_grootte: npt.NDArray[np.int16]
    gewicht: Floats  # per household
    p_huishouden: Ints
    p_rol: npt.NDArray[np.int8]
    p_leeftijd: npt.NDArray[np.int16]
    p_geboortedatum: npt.NDArray[np.int32]
    p_inkomen: Ints
    p_vermogen: Ints
    p_verzekerd: Bools
    p_partner: Ints
    p_eenheid: Ints
    e_huishouden: Ints
    e_grootte: npt.NDArray[np.int8]
    e_eerste: Ints  # the row of each unit's first member
    p_gehuwd: Bools = field(default_factory=lambda: np.zeros(0, dtype=np.bool_))  # couples: married (both)
    p_samen: npt.NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, dtype=np.int32))  # start, -1: none
    p_id: Ints = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # global ids (see `nummer`)
    hh_id: Ints = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def nummer(self, start_p: int, start_h: int) -> None:
        """Global ids: persons and households numbered from the partition's first ones."""
        self.p_id = np.arange(start_p, start_p + len(self.p_rol), dtype=np.int64)
        self.hh_id = np.arange(start_h, start_h + len(self.hh_type), dtype=np.int64)

    def deel(self, hh: Bools) -> _Blok:
        """The households where `hh` holds, with their persons and units, renumbered."""
        nieuw_hh = np.cumsum(hh) - 1
        pm = hh[self.p_huishouden]
        nieuw_p = np.cumsum(pm) - 1
        em = hh[self.e_huishouden]
        nieuw_e = np.cumsum(em) - 1
        partner = self.p_partner[pm]
        eenheid = self.p_eenheid[pm]
        return _Blok(
            self.hh_type[hh], self.hh_kinderen[hh], self.hh_eigendom[hh], self.hh_grootte[hh], self.gewicht[hh],
            nieuw_hh[self.p_huishouden[pm]], self.p_rol[pm], self.p_leeftijd[pm], self.p_geboortedatum[pm],
            self.p_inkomen[pm], self.p_vermogen[pm], self.p_verzekerd[pm],
            np.where(partner >= 0, nieuw_p[partner], -1), np.where(eenheid >= 0, nieuw_e[eenheid], -1),
            nieuw_hh[self.e_huishouden[em]], self.e_grootte[em], nieuw_p[self.e_eerste[em]], self.p_gehuwd[pm],
            self.p_samen[pm], self.p_id[pm], self.hh_id[hh],
        )


def _dichtbij(blok: _Blok, drempels: Sequence[Drempel], jaar: int) -> Bools:
    """Households with at least one member near one of the thresholds (an income threshold is a law's, so it
    is compared with the income indexed to the peildatum's year, the one in `toetsingsinkomen`)."""
    p = np.zeros(len(blok.p_rol), dtype=np.bool_)
    for d in drempels:
        if d.eigenschap == "leeftijd":
            x = blok.p_leeftijd.astype(np.int64)
            lo, hi = math.ceil(d.waarde - d.breedte), math.floor(d.waarde + d.breedte)
        else:
            x = ijking.geindexeerd(blok.p_inkomen, jaar) if d.eigenschap == "inkomen" else blok.p_vermogen
            lo, hi = math.ceil((d.waarde - d.breedte) * 100), math.floor((d.waarde + d.breedte) * 100)
        p |= (x >= lo) & (x <= hi)
    return np.bincount(blok.p_huishouden[p], minlength=len(blok.hh_type)) > 0


def _afronden(kal: Kalibratie, n: int) -> tuple[Ints, int]:
    """Household counts per cell (and the number of institutional persons) for exactly n persons:
    floor of the expected count, then whole households in order of largest remainder while they
    fit, the last few persons as one-person households."""
    grootte = kal.grootte.ravel()
    per_persoon = np.append(kal.huishoudens.ravel(), kal.institutioneel)
    grootte = np.append(grootte, 1)
    totaal = float((per_persoon * grootte).sum())
    x = per_persoon * n / totaal
    aantal = np.floor(x).astype(np.int64)
    rest = n - int((aantal * grootte).sum())
    for c in np.argsort(-(x - aantal), kind="stable"):
        if rest <= 0:
            break
        if x[c] - aantal[c] > 0 and grootte[c] <= rest:
            aantal[c] += 1
            rest -= int(grootte[c])
    aantal[np.ravel_multi_index((EENPERSOONS, 0, 0, int(np.argmax(kal.huishoudens[EENPERSOONS, 0, 0]))),
                                kal.huishoudens.shape)] += rest
    return aantal[:-1], int(aantal[-1])


def _rangorde(leeftijd: Array, ruis: float, rng: np.random.Generator) -> Ints:
    """The order of `leeftijd` plus normal noise (sd `ruis` years). Keys are quantised to int16
    so numpy's stable sort is a radix sort: linear time on 18 million ages."""
    sleutel = np.rint((leeftijd + rng.normal(0, ruis, len(leeftijd))) * 50).clip(-32000, 32000).astype(np.int16)
    return np.argsort(sleutel, kind="stable").astype(np.int64)


def _trek_per_rij(tabel: Floats, rij: Ints, u: Floats) -> Ints:
    """Inverse-CDF draw of a column of `tabel` for each unit, from the distribution in its row.

    All rows at once: row r's cumulative shares are shifted to (r, r + 1], so one searchsorted
    over the concatenation finds every unit's category (no pass per row, no n x k temporary).
    """
    k = tabel.shape[1]
    som = np.maximum(tabel.sum(axis=1, keepdims=True), 1e-300)
    cdf = np.cumsum(tabel, axis=1) / som + np.arange(tabel.shape[0])[:, None]
    cdf[:, -1] = np.arange(1, tabel.shape[0] + 1)  # exactly r + 1, whatever the rounding
    pos = np.searchsorted(cdf.ravel(), rij + u, side="right")
    out: Ints = np.minimum(pos - rij * k, k - 1).astype(np.int64)
    return out


def _genereer_blok(kal: Kalibratie, cellen: Ints, rng: np.random.Generator, peildatum: date) -> _Blok:
    """The households counted in `cellen` (per cell of the household table, then institutional
    persons), shuffled, with their persons drawn from `rng`."""
    vorm = kal.huishoudens.shape
    aantal, n_inst = cellen[:-1], int(cellen[-1])
    n = int((aantal * kal.grootte.ravel()).sum()) + n_inst
    cellen = np.repeat(np.arange(aantal.size), aantal)
    t, k, o, e = np.unravel_index(cellen, vorm)
    h_type = np.concatenate([t, np.full(n_inst, INSTITUTIONEEL)]).astype(np.int8)
    h_kind = np.concatenate([k, np.zeros(n_inst, np.int64)]).astype(np.int8)
    h_over = np.concatenate([o, np.zeros(n_inst, np.int64)]).astype(np.int8)
    h_eig = np.concatenate([e, np.full(n_inst, -1)]).astype(np.int8)
    # Shuffle so that ids (and any prefix of the file) are a random sample, not sorted by cell.
    volgorde = rng.permutation(len(h_type))
    h_type, h_kind, h_over, h_eig = h_type[volgorde], h_kind[volgorde], h_over[volgorde], h_eig[volgorde]
    kern = np.append(KERN, 1)[h_type]
    grootte = kern + h_kind + h_over
    H = len(h_type)
    start = np.concatenate([[0], np.cumsum(grootte)[:-1]])
    hh = np.repeat(np.arange(H), grootte)
    j = np.arange(n) - start[hh]
    kern_p = kern[hh]
    rol = np.where(j < kern_p, KERNROL[h_type][hh],
                   np.where(j < kern_p + h_kind[hh], KIND, OVERIG)).astype(np.int8)

    # Ages from the fitted age table, per position.
    leeftijd = _trek_per_rij(kal.leeftijd, rol.astype(np.int64), rng.random(n))
    # Partners: pair the drawn ages by rank (with noise) so partners are of similar age, then
    # hand the pairs to the couples in random order. The age marginal is unchanged.
    for ty in (PAAR_Z, PAAR_M):
        eerste = start[h_type == ty]
        if len(eerste) == 0:
            continue
        poel = np.concatenate([leeftijd[eerste], leeftijd[eerste + 1]])
        orde = _rangorde(poel, 3.0, rng)
        wie = rng.permutation(len(eerste))
        leeftijd[eerste[wie]] = poel[orde[0::2]]
        leeftijd[eerste[wie] + 1] = poel[orde[1::2]]
    # Children: older parents get the older children (rank matching, with noise).
    met = np.flatnonzero(h_kind > 0)
    if len(met):
        hh_orde = met[_rangorde(leeftijd[start[met]], 4.0, rng)]
        kinderen = np.flatnonzero(rol == KIND)
        poel = leeftijd[kinderen]
        poel = poel[_rangorde(poel, 1.5, rng)]  # the same ages, in jittered order
        nk = h_kind[hh_orde].astype(np.int64)
        eerste_kind = np.repeat(start[hh_orde] + kern[hh_orde], nk)
        binnen = np.arange(nk.sum()) - np.repeat(np.cumsum(nk) - nk, nk)
        leeftijd[eerste_kind + binnen] = poel
    geboortedatum = _geboortedata(leeftijd, peildatum, rng)

    # Income: adults only; class from the fitted table, amount inside the class.
    volw = leeftijd >= 18
    inkomen = np.zeros(n, dtype=np.int64)
    wie = np.flatnonzero(volw)
    band = np.searchsorted(INKOMEN_LEEFTIJD, leeftijd[wie], side="right") - 1
    groep = INKOMEN_GROEP[rol[wie]]
    cel = band * kal.inkomen.shape[1] + groep
    klasse = _trek_per_rij(kal.inkomen.reshape(-1, kal.inkomen.shape[2]), cel, rng.random(len(wie)))
    inkomen[wie] = _bedrag_in_klasse(klasse, rng)
    # Partners' incomes correlated, wealth per household type and age (ijking.py).
    for ty, rho in zip((PAAR_Z, PAAR_M), ijking.RHO_PARTNERINKOMEN, strict=True):
        ijking.koppel_partnerinkomens(inkomen, start[h_type == ty], leeftijd, rng, rho)
    vermogen = ijking.trek_vermogen(hh, start, h_type, j < kern_p, leeftijd, inkomen, rng)
    verzekerd = rng.random(n) < AANDEEL_VERZEKERD
    # Married or cohabiting: per couple, by age, scaled to the CBS married shares (ijking.trek_gehuwd).
    gehuwd = np.zeros(n, dtype=np.bool_)
    for ty, doel in ((PAAR_Z, kal.doelen.aandeel_gehuwd[0]), (PAAR_M, kal.doelen.aandeel_gehuwd[1])):
        ijking.trek_gehuwd(start[h_type == ty], leeftijd, doel, rng, gehuwd)

    # Partner links and toeslag units: an adult with his or her partner; minors who are a
    # child or other member belong to no unit.
    is_partner = (rol == PARTNER_Z) | (rol == PARTNER_M)
    partner = np.full(n, -1, dtype=np.int64)
    idx = np.arange(n)
    partner[is_partner & (j == 0)] = idx[is_partner & (j == 0)] + 1
    partner[is_partner & (j == 1)] = idx[is_partner & (j == 1)] - 1
    in_eenheid = ~((rol == KIND) | (rol == OVERIG)) | volw
    nieuw = in_eenheid & ~(is_partner & (j == 1))
    eenheid = np.cumsum(nieuw) - 1
    eenheid[is_partner & (j == 1)] = eenheid[idx[is_partner & (j == 1)] - 1]
    eenheid = np.where(in_eenheid, eenheid, -1)
    e_hh = hh[nieuw]
    e_grootte = np.where(is_partner[nieuw], 2, 1).astype(np.int8)
    # Tenure follows household income within each type (wonen.py), from a stream of its own; then owners hold
    # more of the savings drawn for their type and age band than renters (wonen.koppel_vermogen, same stream).
    woonstroom = rng.spawn(1)[0]
    h_eig = wonen.koppel_eigendom(h_type, h_eig, hh, j < kern_p, inkomen, woonstroom)
    wonen.koppel_vermogen(h_type, h_eig, hh, start, j < kern_p, leeftijd, vermogen, woonstroom)
    # When each couple began (partnerschap.py), from a second spawned stream: the draws above are unchanged.
    paren = start[(h_type == PAAR_Z) | (h_type == PAAR_M)]
    samen = np.full(n, -1, dtype=np.int32)
    samen[paren] = partnerschap.trek_begindatum(paren, geboortedatum, peildatum, rng.spawn(1)[0])
    samen[paren + 1] = samen[paren]

    return _Blok(
        h_type, h_kind, h_eig, grootte.astype(np.int16), np.zeros(H), hh, rol, leeftijd.astype(np.int16),
        geboortedatum, inkomen, vermogen, verzekerd, partner, eenheid, e_hh, e_grootte, np.flatnonzero(nieuw),
        p_gehuwd=gehuwd, p_samen=samen,
    )


def _geboortedata(leeftijd: Ints, peildatum: date, rng: np.random.Generator) -> npt.NDArray[np.int32]:
    """A birth date uniform over the days on which one is exactly `leeftijd` on `peildatum`."""
    def verjaardag(jaren_terug: int) -> int:
        jaar = peildatum.year - jaren_terug
        try:
            return date(jaar, peildatum.month, peildatum.day).toordinal()
        except ValueError:  # 29 February in a non-leap year
            return date(jaar, 3, 1).toordinal()
    jaren = np.arange(MAX_LEEFTIJD + 2)
    laatste = np.array([verjaardag(int(a)) for a in jaren])  # born on this day: exactly a today
    eerste = laatste[1:] + 1  # born the day after the (a+1)th birthday
    laatste = laatste[:-1]
    lengte = laatste - eerste + 1
    datum: npt.NDArray[np.int32] = (eerste[leeftijd] + np.floor(rng.random(len(leeftijd)) * lengte[leeftijd])
                                    ).astype(np.int32)
    return datum


def _bedrag_in_klasse(klasse: Ints, rng: np.random.Generator) -> Ints:
    """An income in cents inside each income class (see the assumptions above); GEEN_INKOMEN: 0, every other
    class at least one cent (a person with income)."""
    onder = [float(lo) for lo, _ in INKOMENSKLASSEN.values()]  # 0, 10 k, ..., 200 k
    u = rng.random(len(klasse))
    x = np.zeros(len(klasse))
    m = klasse == 0
    x[m] = onder[1] * u[m] ** LAAGSTE_MACHT
    for c in range(1, 5):
        m = klasse == c
        x[m] = onder[c] + u[m] * (onder[c + 1] - onder[c])
    for c, alfa in zip((5, 6), PARETO_ALFA[:2], strict=True):
        m = klasse == c
        lo, hi = onder[c], onder[c + 1]
        x[m] = lo * (1 - u[m] * (1 - (lo / hi) ** alfa)) ** (-1 / alfa)
    m = klasse == 7
    x[m] = np.minimum(onder[7] * (1 - u[m]) ** (-1 / PARETO_ALFA[2]), MAX_INKOMEN)
    centen = np.maximum(np.floor(x * 100), 1).astype(np.int64)
    centen[klasse == GEEN_INKOMEN] = 0
    return centen


def _samenvoegen(blokken: list[_Blok], kal: Kalibratie, peildatum: date, seed: int, basis: int,
                 drempels: tuple[Drempel, ...], factor: int) -> SynthetischePopulatie:
    """Concatenate blocks field by field (freeing each field as it goes, so the peak is the
    population plus one column), turning each block's row references into global ids."""
    e_ids = [b.p_id[b.e_eerste] for b in blokken]

    def plak(naam: str, ids: list[Ints] | None = None) -> Array:
        delen = []
        for i, b in enumerate(blokken):
            a = getattr(b, naam)
            if ids is not None:
                a = np.where(a >= 0, ids[i][np.maximum(a, 0)], -1)
            delen.append(a)
            setattr(b, naam, None)
        return np.concatenate(delen) if delen else np.zeros(0)

    gewicht_hh = plak("gewicht")
    hh_rij = plak("p_huishouden")  # rows into the concatenated households, for the weights
    hh_verschuiving = np.cumsum([0] + [len(b.hh_id) for b in blokken])
    n_p = np.cumsum([0] + [len(b.p_id) for b in blokken])
    hh_rij += np.repeat(hh_verschuiving[:-1], np.diff(n_p))
    e_rij = plak("e_huishouden")
    e_rij += np.repeat(hh_verschuiving[:-1], [len(e) for e in e_ids])
    hh_ids = [b.hh_id for b in blokken]
    p_ids = [b.p_id for b in blokken]
    alle_hh = np.concatenate(hh_ids) if hh_ids else np.zeros(0, dtype=np.int64)
    partner = plak("p_partner", p_ids)
    eenheid = plak("p_eenheid", e_ids)
    eig = plak("hh_eigendom")
    inkomen, vermogen = plak("p_inkomen"), plak("p_vermogen")
    rol, leeftijd = plak("p_rol").astype(np.int16), plak("p_leeftijd")
    # The verzamelinkomen: minus what CBS counts and tax law deducts (aftrek.py).
    kern = np.isin(rol, (ALLEEN, PARTNER_Z, PARTNER_M, OUDER)) & (leeftijd >= 18)
    alle_p = np.concatenate(p_ids) if p_ids else np.zeros(0, dtype=np.int64)
    toetsing = aftrek.toetsingsinkomen(inkomen, vermogen, peildatum.year, leeftijd, kern, alle_hh[hh_rij],
                                       eig[hh_rij] == 0, seed, alle_p)
    gehuwd, samen = plak("p_gehuwd").astype(np.bool_), plak("p_samen").astype(np.int32)

    def ref(a: Array, naar: str) -> Eigenschap:
        geldig = a >= 0
        return Eigenschap("verwijzing", np.maximum(a, 0, out=a), geldig, entiteit=naar)

    personen = Entiteit("personen", np.concatenate(p_ids) if p_ids else np.zeros(0, dtype=np.int64), {
        "huishouden": ref(alle_hh[hh_rij], "huishoudens"),
        "toeslageenheid": ref(eenheid, "toeslageenheden"),
        "partner": ref(partner, "personen"),
        "rol": Eigenschap("enumeratie", rol, labels=ROLLEN),
        "leeftijd": Eigenschap("getal", leeftijd),
        "geboortedatum": Eigenschap("datum", plak("p_geboortedatum")),
        "inkomen": Eigenschap("bedrag", inkomen, noemer=100),
        "toetsingsinkomen": Eigenschap("bedrag", toetsing, noemer=100),
        "maandinkomen": Eigenschap("bedrag", toetsing // 12, noemer=100),
        "vermogen": Eigenschap("bedrag", vermogen, noemer=100),
        "verzekerd": Eigenschap("boolean", plak("p_verzekerd")),
        "gehuwd": Eigenschap("boolean", gehuwd),
        "begindatum samenwonen": Eigenschap("datum", np.maximum(samen, 0), samen >= 0),
        "huwelijksdatum": Eigenschap("datum", np.maximum(samen, 0), (samen >= 0) & gehuwd),
    }, gewicht_hh[hh_rij])
    huishoudens = Entiteit("huishoudens", alle_hh, {
        "type": Eigenschap("enumeratie", plak("hh_type").astype(np.int16), labels=HUISHOUDTYPEN),
        "grootte": Eigenschap("getal", plak("hh_grootte")),
        "kinderen": Eigenschap("getal", plak("hh_kinderen")),
        "eigendom": Eigenschap("enumeratie", np.where(eig >= 0, eig, 0).astype(np.int16), eig >= 0, labels=EIGENDOM),
    }, gewicht_hh)
    e_grootte = plak("e_grootte")
    toeslageenheden = Entiteit("toeslageenheden", np.concatenate(e_ids) if e_ids else np.zeros(0, dtype=np.int64), {
        "huishouden": ref(alle_hh[e_rij], "huishoudens"),
        "type": Eigenschap("enumeratie", (e_grootte - 1).astype(np.int16), labels=EENHEIDTYPEN),
        "grootte": Eigenschap("getal", e_grootte),
    }, gewicht_hh[e_rij])
    return SynthetischePopulatie(personen, huishoudens, toeslageenheden, peildatum, seed, basis, drempels, factor, kal)
