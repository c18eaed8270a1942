"""How far a generated population is from each CBS marginal it was calibrated to.

For every category of every marginal: the target (national count, or euro for the income
key figures), the weighted generated value, the relative deviation, and an approximate
standard error of the generated value (sampling noise: a small population cannot match a
small category exactly). A deviation is reported as RS705 only when it is both larger than
the tolerance *and* larger than three standard errors, so a 1,000-person population does
not cry wolf and an 18-million one cannot hide a systematic error behind noise.

>>> from regelspraak.simulate.synthetic import genereer
>>> rijen = controleer_marges(genereer(5_000, seed=1))
>>> r = next(r for r in rijen if r.marge == "huishoudens naar type" and r.categorie == "eenpersoons")
>>> abs(r.afwijking) < 0.01
True
>>> marge_diagnostieken(rijen, tolerantie=0.5)
[]
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from regelspraak.diagnostics import Diagnostic, Ernst
from regelspraak.simulate.kalibratie import (
    AOW_LEEFTIJD,
    EENOUDER,
    INSTITUTIONEEL,
    MAX_LEEFTIJD,
    PAAR_M,
    PARTNER_M,
    PARTNER_Z,
    ROLLEN,
    Kalibratie,
    kalibreer,
)
from regelspraak.simulate.marginalen import INKOMENSKLASSEN, LEEFTIJDSKLASSEN
from regelspraak.simulate.synthetic import SynthetischePopulatie
from regelspraak.values.leesbaar import afwijking, rond

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Margecontrole:
    marge: str
    categorie: str
    doel: float
    gegenereerd: float
    standaardfout: float  # approximate, of `gegenereerd`
    eenheid: str = "aantal"  # aantal or euro

    @property
    def afwijking(self) -> float:
        """(generated - target) / target."""
        return (self.gegenereerd - self.doel) / self.doel if self.doel else math.inf * (self.gegenereerd != 0)

    def buiten(self, tolerantie: float) -> bool:
        return abs(self.afwijking) > tolerantie and abs(self.gegenereerd - self.doel) > 3 * self.standaardfout


def controleer_marges(pop: SynthetischePopulatie, kalibratie: Kalibratie | None = None) -> list[Margecontrole]:
    """Target vs weighted generated value for each category of each marginal."""
    d = (kalibratie or pop.kalibratie or kalibreer()).doelen
    out: list[Margecontrole] = []
    hh, p = pop.huishoudens, pop.personen
    hw = hh.gewicht
    htype = hh.eigenschappen["type"].waarden
    prive = htype != INSTITUTIONEEL
    grootte = hh.eigenschappen["grootte"].waarden
    kinderen = hh.eigenschappen["kinderen"].waarden

    def tel(marge: str, doelen: dict[str, float], categorie: npt.NDArray[np.integer], w: Floats) -> None:
        """`categorie[i]` is the index into `doelen` of unit i (-1: none). Standard error of a
        weighted count: sqrt(sum w^2 * p * (1 - p)), p the unweighted share of the category."""
        c = categorie.astype(np.intp) + 1  # bin 0 collects the units outside every category
        gewogen = np.bincount(c, weights=w, minlength=len(doelen) + 1)[1:]
        aantal = np.bincount(c, minlength=len(doelen) + 1)[1:]
        w2 = float(np.dot(w, w))
        for i, (cat, doel) in enumerate(doelen.items()):
            aandeel = float(aantal[i]) / len(w) if len(w) else 0.0
            out.append(Margecontrole(marge, cat, doel, float(gewogen[i]), math.sqrt(w2 * aandeel * (1 - aandeel))))

    out.append(Margecontrole("personen", "totaal", d.totaal_personen, float(p.gewicht.sum()), 0.0))
    type3 = np.array([0, 1, 2, 2, 1, -1])  # per HUISHOUDTYPEN: eenpersoons, zonder, met kinderen
    tel("huishoudens naar type", d.huishoudtype, type3[htype], hw)
    tel("huishoudens naar grootte", d.grootte, np.where(prive, np.minimum(grootte, 5) - 1, -1), hw)
    tel("huishoudens met kinderen naar type", d.kinderen_type,
        np.select([htype == PAAR_M, htype == EENOUDER], [0, 1], -1), hw)
    tel("huishoudens met kinderen naar aantal kinderen", d.kinderen_aantal, np.minimum(kinderen, 3) - 1, hw)
    eig = hh.eigenschappen["eigendom"]
    tel("huishoudens naar eigendom", d.eigendom, np.where(eig.geldig_masker(), eig.waarden, -1), hw)

    pw = p.gewicht
    rol = p.eigenschappen["rol"].waarden
    volgorde = np.array([list(d.posities).index(r) if r in d.posities else -1 for r in ROLLEN])
    tel("personen naar huishoudpositie", d.posities, volgorde[rol], pw)
    leeftijd = p.eigenschappen["leeftijd"].waarden
    band = np.full(MAX_LEEFTIJD + 1, -1)
    for i, (lo, hi) in enumerate(LEEFTIJDSKLASSEN.values()):
        band[lo : hi + 1] = i
    tel("personen naar leeftijd", d.leeftijd, band[leeftijd], pw)
    enkel = np.full(MAX_LEEFTIJD + 1, -1)
    for i, k in enumerate(d.leeftijd_enkel):
        enkel[k] = i
    tel("personen naar leeftijd (enkeljarig)", {str(k): v for k, v in d.leeftijd_enkel.items()}, enkel[leeftijd], pw)
    # Partners among the 67+ (SVB leefvorm share) and married partners per couple type (CBS 37620).
    oud = leeftijd >= AOW_LEEFTIJD
    if d.aandeel_partner_67 is not None:
        n_oud = float(pw[oud].sum())
        is_partner = (rol == PARTNER_Z) | (rol == PARTNER_M)
        tel("personen van 67 jaar of ouder naar samenwonen (SVB)",
            {"met partner": d.aandeel_partner_67 * n_oud, "zonder partner": (1 - d.aandeel_partner_67) * n_oud},
            np.where(oud, np.where(is_partner, 0, 1), -1), pw)
    if "gehuwd" in p.eigenschappen:
        gehuwd = p.eigenschappen["gehuwd"].waarden
        for r, naam, aandeel in ((PARTNER_Z, "zonder kinderen", d.aandeel_gehuwd[0]),
                                 (PARTNER_M, "met kinderen", d.aandeel_gehuwd[1])):
            n_r = float(pw[rol == r].sum())
            tel(f"partners in paren {naam} naar huwelijk", {"gehuwd": aandeel * n_r, "ongehuwd": (1 - aandeel) * n_r},
                np.where(rol == r, np.where(gehuwd, 0, 1), -1), pw)

    # Income: adults without any (CBS 2023, scaled like the ages); CBS shares of persons with income, applied to the
    # weighted number of adults with income.
    volw = leeftijd >= 18
    alle = p.eigenschappen["inkomen"].waarden
    if d.zonder_inkomen > 0:
        tel("volwassenen zonder persoonlijk inkomen", {"geen inkomen": d.zonder_inkomen * float(pw.sum())
                                                        / d.totaal_personen},
            np.where(volw & (alle == 0), 0, -1), pw)
    met = volw & (alle > 0)
    inkomen = alle[met]
    vw = pw[met]
    n_met = float(vw.sum())
    ondergrenzen = np.array([lo * 100 for lo, _ in INKOMENSKLASSEN.values()])
    klasse = np.searchsorted(ondergrenzen, inkomen, side="right") - 1
    tel("persoonlijk inkomen naar klasse (volwassenen met inkomen)",
        {k: a * n_met for k, a in d.inkomen_aandelen.items()}, klasse, vw)
    out.extend(_kengetallen(inkomen, vw, d.inkomen_kengetallen))
    return out


def _kengetallen(centen: npt.NDArray[np.int64], w: Floats, doelen: dict[str, float]) -> list[Margecontrole]:
    """Weighted mean, median and decile means in euro, each with a rough standard error
    (sd / sqrt(n_eff), x1.25 for the median; decile means use the spread inside the decile).

    Quantiles come from a weighted histogram with one-euro bins (linear time; sorting 14 million
    incomes would take seconds): a quantile is exact to the euro, a decile mean to far less.
    """
    if len(centen) == 0:
        return []
    euro = centen / 100
    bak = np.clip(centen // 100, 0, _BAKKEN - 1)  # incomes above the last bin keep their value in `sx`
    cw = np.cumsum(np.bincount(bak, weights=w, minlength=_BAKKEN))
    sx = np.bincount(bak, weights=w * euro, minlength=_BAKKEN)
    cx = np.cumsum(sx)
    totaal = float(cw[-1])
    n_eff = totaal**2 / float(np.dot(w, w))
    gemiddeld = float(cx[-1] / totaal)
    sd = math.sqrt(float(np.dot(w, (euro - gemiddeld) ** 2)) / totaal)

    def som_onderste(t: float) -> float:
        """Weighted sum of the incomes of the lowest weight t (the boundary bin pro rata)."""
        i = int(np.searchsorted(cw, t))
        i = min(i, len(cw) - 1)
        voor_w = float(cw[i - 1]) if i else 0.0
        voor_x = float(cx[i - 1]) if i else 0.0
        in_bak = float(cw[i]) - voor_w
        return voor_x + (t - voor_w) * (float(sx[i]) / in_bak if in_bak > 0 else 0.0)

    out = []
    for naam, doel in doelen.items():
        if naam == "gemiddeld":
            waarde, se = gemiddeld, sd / math.sqrt(n_eff)
        elif naam == "mediaan":
            waarde, se = float(np.searchsorted(cw, totaal / 2)), 1.25 * sd / math.sqrt(n_eff)
        elif naam.startswith("deciel_") and naam.endswith("_gemiddeld"):
            k = int(naam.split("_")[1])
            lo, hi = totaal * (k - 1) / 10, totaal * k / 10
            waarde = (som_onderste(hi) - som_onderste(lo)) / (hi - lo)
            # The spread inside a decile is at most its width; plus a share of the overall spread
            # for the uncertainty of where the decile starts and ends.
            breedte = float(np.searchsorted(cw, hi) - np.searchsorted(cw, lo))
            se = (breedte / math.sqrt(12) + 0.1 * sd) / math.sqrt(max(n_eff / 10, 1))
        else:
            continue
        out.append(Margecontrole("persoonlijk inkomen (volwassenen)", naam.replace("_", " "), doel, waarde, se, "euro"))
    return out


_BAKKEN = 1_000_001  # one-euro bins up to a million


def marge_diagnostieken(rijen: list[Margecontrole], tolerantie: float = 0.05) -> list[Diagnostic]:
    """RS705 warnings for the marginals outside the tolerance (and outside sampling noise)."""
    out = []
    for r in rijen:
        if r.buiten(tolerantie):
            out.append(Diagnostic(
                "RS705", Ernst.WAARSCHUWING,
                f"Marge '{r.marge}', categorie '{r.categorie}': gegenereerd {_fmt(r.gegenereerd)}, doel {_fmt(r.doel)} "
                f"(afwijking {afwijking(r.afwijking)}, tolerantie {afwijking(tolerantie).lstrip('+')}).",
                None,
                "De synthetische populatie wijkt hier meer af dan steekproefruis verklaart; zie docs/populatie.md "
                "voor de aannames waar CBS geen gegevens heeft."))
    return out


def _fmt(x: float) -> str:
    return rond(x)
