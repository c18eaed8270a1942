"""The summary of a simulation: per output, the weighted total, recipients and objects, overall
and per group — computed exactly.

Weights are float64, but a float is an exact binary fraction: rows are split into classes of
equal weight, the numerators are summed per (group, weight class) as integers, and each total
is sum(weight * integer sum) in Fractions, rounded once at the end. So a total does not depend
on how the population was cut into chunks or partitions, nor on summation order.

>>> import numpy as np
>>> som_per_sleutel(np.array([3, 4, 5], dtype=np.int64), np.array([0, 1, 0]), 2)
[8, 4]
"""

from __future__ import annotations

import math
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from regelspraak.model import ir
from regelspraak.simulate.perioden import omrekening, periode_van
from regelspraak.simulate.scenario import Groepering

if TYPE_CHECKING:
    from regelspraak.simulate.run import Uitkomst

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]

MAX_KLASSEN = 4096  # distinct weights summed exactly; beyond this (survey weights) in float64, row order fixed


def som_per_sleutel(waarden: npt.NDArray[Any], sleutel: Ints | None, k: int) -> list[int]:
    """Exact integer sum of `waarden` per key 0..k-1 (`sleutel` None: every row has key 0). A
    float64 sum of integers is exact while every partial sum stays below 2**53, which bounds
    n * max|v|; otherwise int64 (or Python ints) over the rows sorted by key."""
    if waarden.dtype != object and len(waarden):
        # max |v| without an |v| copy of the column (a fresh array costs page faults at 10 M rows)
        grootste = max(abs(int(waarden.max())), abs(int(waarden.min())))
        if (k == 1 or sleutel is None) and grootste * len(waarden) < 2**62:
            return [int(waarden.sum(dtype=np.int64)), *([0] * (k - 1))]
        if grootste * len(waarden) < 2**53:
            assert sleutel is not None
            return [int(x) for x in np.bincount(sleutel, weights=waarden, minlength=k)]
    if sleutel is None:
        sleutel = np.zeros(len(waarden), dtype=np.int64)
    orde = np.argsort(sleutel, kind="stable")
    gesorteerd = sleutel[orde]
    grenzen = np.searchsorted(gesorteerd, np.arange(k + 1))
    v = waarden[orde]
    if v.dtype != object and int(np.abs(v).max(initial=0)) * max(len(v), 1) >= 2**62:
        v = v.astype(object)
    return [int(v[grenzen[i]:grenzen[i + 1]].sum()) for i in range(k)]


class Gewichten:
    """Rows by weight class: `klasse` per row and the exact weight of each class."""

    def __init__(self, gew: Floats) -> None:
        # the usual case: every row weighs the same, one class, and no class column is built
        self.gelijk = bool(len(gew)) and bool(gew.min() == gew.max())
        if self.gelijk:
            waarden, klasse = gew[:1], None
        else:
            waarden, klasse = np.unique(gew, return_inverse=True)
        self.exact = len(waarden) <= MAX_KLASSEN
        self.n = len(gew)
        self.gew = gew
        self._klasse = None if klasse is None or not self.exact else klasse.astype(np.int64).ravel()
        self.waarden = [Fraction(float(w)) for w in waarden] if self.exact else [Fraction(1)]

    @property
    def klasse(self) -> Ints:
        """The weight class of every row."""
        return self._klasse if self._klasse is not None else np.zeros(self.n, dtype=np.int64)

    def per_groep(self, waarden: npt.NDArray[Any] | None, groep: Ints | None, k: int) -> list[Fraction]:
        """sum(weight * value) per group 0..k-1 (value 1 when `waarden` is None; `groep` None:
        every row in group 0)."""
        if not self.exact:  # float, in row order: still independent of chunks and partitions
            v = self.gew if waarden is None else self.gew * np.asarray(waarden, dtype=np.float64)
            if groep is None:
                groep = np.zeros(self.n, dtype=np.int64)
            return [Fraction(float(x)) for x in np.bincount(groep, weights=v, minlength=k)]
        c = len(self.waarden)
        sleutel = groep if self._klasse is None else (
            self._klasse if groep is None else groep * c + self._klasse)
        if waarden is None:
            sommen = (np.bincount(sleutel, minlength=k * c).tolist() if sleutel is not None
                      else [self.n, *([0] * (k * c - 1))])
        elif waarden.dtype == np.bool_:  # a count of the rows that hold: no value column needed
            sommen = (np.bincount(sleutel[waarden], minlength=k * c).tolist() if sleutel is not None
                      else [int(np.count_nonzero(waarden)), *([0] * (k * c - 1))])
        else:
            sommen = som_per_sleutel(waarden, sleutel, k * c)
        return [sum((self.waarden[j] * sommen[g * c + j] for j in range(c) if sommen[g * c + j]), Fraction(0))
                for g in range(k)]


def _euro(x: Fraction) -> str:
    return f"{round(x):d}"


def marge_95(gew: Floats, waarden: npt.NDArray[Any] | None = None, noemer: int | Fraction = 1) -> str | None:
    """The sampling error of a weighted total from a synthetic sample, as the half-width of a 95%
    interval (1.96 standard errors), to two significant digits. Each row stands for `gew` persons
    or households; the total sum(w * y) then has variance about n/(n-1) * sum((w*y - T/n)^2) (the
    with-replacement estimator for a sample drawn with these weights). An estimate of uncertainty,
    computed in floats in row order (so the same on every run and at any chunk size) and shown
    as such; the total itself stays exact. `waarden` None counts objects (y = 1).

    >>> import numpy as np
    >>> marge_95(np.full(4, 10.0), np.array([0, 1, 2, 3]))
    '51'
    >>> marge_95(np.full(3, 2.0), np.array([5, 5, 5])), marge_95(np.ones(1))
    ('0', None)
    """
    n = len(gew)
    if n < 2:
        return None
    y = gew if waarden is None else gew * (np.asarray(waarden, dtype=np.float64) / float(noemer))
    t = float(y.sum())
    m = 1.96 * math.sqrt(n / (n - 1) * float(np.square(y - t / n).sum()))
    if m <= 1e-12 * abs(t):  # float noise of equal rows (1.91 five times sums to 9.549999...), not spread
        m = 0.0
    if m == 0 or not math.isfinite(m):
        return "0" if m == 0 else None
    e = math.floor(math.log10(m)) - 1  # two significant digits: a margin is no exact figure
    return f"{round(m / 10**e) * 10**e:d}" if e >= 0 else f"{round(m, -e):.{-e}f}"


def groepen(g: Groepering, a: ir.Attribuut, u: Uitkomst) -> tuple[Ints, list[str]]:
    """Group index per row of the attribute's objecttype, and the group labels."""
    data = u.kolommen[f"{a.objecttype}|{a.naam.lower()}"]
    w, ok = data.samen()
    noemer = data.noemer
    if g.soort == "waarde":
        if a.type.soort == "enumeratie":
            labels = [*a.type.waarden, "leeg"]
            if ok.all():
                return np.array(w, dtype=np.int64), labels
            return np.where(ok, np.asarray(w, dtype=np.int64), len(a.type.waarden)).astype(np.int64), labels
        vals, inv = np.unique(np.asarray(w)[ok], return_inverse=True)
        vals = vals[:50]
        idx = np.full(len(w), len(vals), dtype=np.int64)
        idx[ok] = np.where(inv.ravel() < len(vals), inv.ravel(), len(vals))
        return idx, [str(Fraction(int(v), noemer)) for v in vals.tolist()] + ["overig/leeg"]
    if g.soort == "klassen":
        grenzen = [float(b) for b in g.grenzen]  # read by the number rule (scenario.Getal)
        x = np.array(w, dtype=np.float64)  # a copy, divided in place: one temporary column, not three
        x /= noemer
        idx = np.searchsorted(np.array(grenzen), x, side="right").astype(np.int64, copy=False)
        if not ok.all():
            idx[~ok] = len(grenzen) + 1  # leeg
        labels = [f"< {grenzen[0]:g}"] + [f"{grenzen[i]:g} – {grenzen[i + 1]:g}" for i in range(len(grenzen) - 1)]
        return idx, [*labels, f"≥ {grenzen[-1]:g}", "leeg"]
    return _decielen(np.asarray(w), ok, u.gewicht(a.objecttype)), [f"deciel {i}" for i in range(1, 11)] + ["leeg"]


def _decielen(w: npt.NDArray[Any], ok: npt.NDArray[np.bool_], gew: Floats) -> Ints:
    """Weighted deciles of the filled values, ties broken by row order (so the assignment depends
    on the population only); leeg is group 10. With equal weights the row of rank r (0-based,
    of m) is in decile 10r // m, found without a full sort (`_decielen_gelijk`)."""
    if ok.all() and w.dtype != object and len(w) and gew.min() == gew.max():  # the usual case, no copies
        return _decielen_gelijk(w)
    rijen = np.flatnonzero(ok)
    sleutel = w[rijen] if w.dtype != object else np.asarray(w[rijen], dtype=np.float64)
    dec = np.full(len(w), 10, dtype=np.int64)
    g = gew[rijen]
    if len(g) and g.min() == g.max():
        dec[rijen] = _decielen_gelijk(sleutel)
        return dec
    orde = rijen[np.argsort(sleutel, kind="stable")]
    cum = np.cumsum(gew[orde])
    totaal = cum[-1] if len(cum) else 0.0
    dec[orde] = np.minimum((cum / max(totaal, 1e-12) * 10 - 1e-9).astype(np.int64), 9)
    return dec


def _decielen_gelijk(x: npt.NDArray[Any]) -> Ints:
    """Decile 10r // m of each value by its rank r in (value, row) order, in linear time: the
    values at the nine boundary ranks come from one `np.partition`; a value equal to none of them
    lies wholly inside one decile (the number of boundary values below it); the rows equal to a
    boundary value are ranked among themselves in row order.

    >>> _decielen_gelijk(np.array([5, 1, 5, 5, 2, 9, 0, 5, 3, 4])).tolist()
    [5, 1, 6, 7, 2, 9, 0, 8, 3, 4]
    """
    m = len(x)
    if m == 0:
        return np.zeros(0, dtype=np.int64)
    grenzen = sorted({-(-d * m // 10) for d in range(1, 10)} - {m})
    drempels = np.partition(x, grenzen)[grenzen] if grenzen else x[:0]
    dec: Ints = np.zeros(m, dtype=np.int64)
    for t in drempels.tolist():  # nine comparisons beat a binary search per row
        dec += x > t
    for t in np.unique(drempels).tolist():
        gelijk = np.flatnonzero(x == t)
        onder = int(np.count_nonzero(x < t))
        dec[gelijk] = (10 * (onder + np.arange(len(gelijk)))) // m
    return dec


def samenvatting(u: Uitkomst, model: ir.Model, uitvoer: list[ir.Attribuut], groeperingen: list[Groepering],
                 groep_attrs: list[ir.Attribuut], per: str | None = None) -> dict[str, Any]:
    """Totals per output and group; with `per` ('jaar', 'maand') the money totals are converted exactly to
    that period before rounding (`perioden.py`), and the item says so."""
    rekendatum = date.fromisoformat(u.rekendatum)
    out: dict[str, Any] = {"scenario": u.scenario, "rekendatum": u.rekendatum, "personen": u.personen,
                           "duur_s": round(u.duur_s, 2), "terugval": u.terugval, "inconsistent": u.inconsistent,
                           "uitvoer": {}, "toelichting": "Bedragen per object zijn exact; totalen en aantallen zijn "
                           "gewogen schattingen voor de hele bevolking, exact opgeteld en afgerond."}
    gewichten: dict[str, Gewichten] = {}
    for a in uitvoer:
        data = u.kolommen[f"{a.objecttype}|{a.naam.lower()}"]
        w, ok = data.samen()
        f = omrekening(a, per, rekendatum)  # exact period conversion (1 without --per)
        d = Fraction(data.noemer) / f
        gw = gewichten.setdefault(a.objecttype, Gewichten(u.gewicht(a.objecttype)))
        # Every temporary here is a column of all rows (10 M households at 18 M persons): none is made
        # that the figures do not need (a filled column is its own numerators; recipients are a mask).
        tellers = w if ok.all() else np.where(ok, w, 0)
        ontvangt = tellers > 0
        if not ok.all():
            ontvangt &= ok
        totaal, n_ontv, aantal = (gw.per_groep(tellers, None, 1)[0] / d, gw.per_groep(ontvangt, None, 1)[0],
                                  gw.per_groep(None, None, 1)[0])
        item: dict[str, Any] = {
            "objecttype": model.objecttypen[a.objecttype].naam, "totaal": _euro(totaal),
            **periode_van(a, per, rekendatum),
            "ontvangers": round(n_ontv), "aantal": round(aantal),
            "gemiddeld_per_ontvanger": _euro(totaal / n_ontv) if n_ontv else None,
            # sampling error of the synthetic sample (95%): the totals are estimates for the country
            "totaal_marge_95": marge_95(gw.gew, tellers, d), "ontvangers_marge_95": marge_95(gw.gew, ontvangt),
            "groepen": {}}
        for g, ga in zip(groeperingen, groep_attrs, strict=True):
            if ga.objecttype != a.objecttype:
                continue
            idx, labels = groepen(g, ga, u)
            k = len(labels)
            t_g = gw.per_groep(tellers, idx, k)
            o_g = gw.per_groep(ontvangt, idx, k)
            n_g = gw.per_groep(None, idx, k)
            aanwezig = np.bincount(idx, minlength=k)
            rijen = []
            for gi, label in enumerate(labels):
                if not aanwezig[gi]:
                    continue
                t = t_g[gi] / d
                gemiddeld = _euro(t / o_g[gi]) if o_g[gi] else None
                rijen.append({"groep": label, "totaal": _euro(t), "ontvangers": round(o_g[gi]),
                              "aantal": round(n_g[gi]), "gemiddeld_per_ontvanger": gemiddeld})
            item["groepen"][g.naam] = rijen
        out["uitvoer"][a.naam] = item
    return out
