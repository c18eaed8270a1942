"""When each couple's partnership began: the start of the joint household, and for married couples the
huwelijksdatum.

The AOW reads both (wetten/aow: `gehuwd vóór 2015`, `gezamenlijke huishouding vóór 2015`): a pensioner
keeps the partner supplement only if the partnership existed before 1 January 2015 (AOW art. 8 and
64b). Without dates nobody qualifies, so the transition cannot be simulated.

How the date is drawn, per couple (both partners get the same date):

- the **mean age at marriage** in the year the couple married comes from CBS 37772NED (1950-2021, mean
  of men and women; shipped as `data/huwelijksleeftijd-1950-2021.yaml`, CC BY 4.0). The year is found
  by a fixed point: a couple born in 1950 married around 1950 + m(1950 + m) = 1975, at 25.2;
- the couple's **age at the start** is 18 + (m - 18) x Gamma(k, 1/k): mean m, a right tail for late
  and second marriages. The shape k = `VORM` is an **AANNAME** (CBS publishes the mean by year, not the
  spread in the table shipped here);
- the date is the couple's mean birth date plus that age, kept between the younger partner's 18th
  birthday and the peildatum (a draw beyond the peildatum is redrawn uniformly in that window);
- **unmarried couples** get the same draw as the start of their joint household (**AANNAME**: CBS
  publishes no start dates of cohabitation; for married couples the marriage stands for the start of the
  joint household, cohabitation before it is not modelled).

The draws come from a stream spawned from the partition's generator, so every other draw of the
partition is unchanged, and the population is the same for any cut of the partitions.

>>> import numpy as np
>>> from datetime import date
>>> geb = np.array([date(1950, 3, 1).toordinal(), date(1952, 5, 1).toordinal()], dtype=np.int32)
>>> d = trek_begindatum(np.array([0]), geb, date(2025, 7, 1), np.random.default_rng(1))
>>> date(1970, 5, 1) <= date.fromordinal(int(d[0])) <= date(2025, 7, 1)
True
>>> round(float(gemiddelde_leeftijd(np.array([1975.0]))[0]), 2)  # (26.5 + 23.8) / 2
25.15
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from importlib import resources

import numpy as np
import numpy.typing as npt
import yaml
from pydantic import BaseModel, ConfigDict

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

BESTAND = "data/huwelijksleeftijd-1950-2021.yaml"
MINIMUM_LEEFTIJD = 18  # nobody starts a partnership in this model before the younger partner is 18
VORM = 4.0  # AANNAME: gamma shape of the age at the start (sd = (mean - 18) / 2)
JAAR = 365.2425  # days

AANNAMES: tuple[str, ...] = (
    "AANNAME populatie: begindatum van het partnerschap getrokken rond de gemiddelde huwelijksleeftijd in het jaar "
    f"van het huwelijk (CBS 37772NED), spreiding gamma met vorm {VORM:g}; ongehuwd samenwonenden trekken hun "
    "begindatum van de gezamenlijke huishouding op dezelfde manier; samenwonen vóór het huwelijk ontbreekt",
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Bestand(_Strict):
    bron: dict[str, str]
    eenheid: str
    mannen_vrouwen: dict[int, tuple[str, str]]


@lru_cache(maxsize=1)
def huwelijksleeftijd() -> tuple[Floats, Floats]:
    """Years and the mean age at marriage in each (mean of men and women), from the shipped CBS table."""
    tekst = resources.files("regelspraak.simulate").joinpath(BESTAND).read_text("utf-8")
    b = _Bestand.model_validate(yaml.safe_load(tekst))
    jaren = np.array(sorted(b.mannen_vrouwen), dtype=np.float64)
    gemiddeld = np.array([(float(b.mannen_vrouwen[int(j)][0]) + float(b.mannen_vrouwen[int(j)][1])) / 2
                          for j in jaren])
    return jaren, gemiddeld


def gemiddelde_leeftijd(jaar: Floats) -> Floats:
    """The mean age at marriage in `jaar` (fractional years; before 1950 and after 2021 the end values)."""
    jaren, gemiddeld = huwelijksleeftijd()
    out: Floats = np.interp(jaar, jaren, gemiddeld)
    return out


def _jaar(ordinaal: Floats) -> Floats:
    """Fractional calendar year of a day ordinal (date.toordinal)."""
    out: Floats = 1.0 + (ordinaal - 1.0) / JAAR
    return out


def trek_begindatum(eerste: Ints, geboortedatum: npt.NDArray[np.int32], peildatum: date,
                    rng: np.random.Generator) -> npt.NDArray[np.int32]:
    """The start of the partnership (day ordinal) of each couple whose partners are at rows `eerste` and
    `eerste + 1`."""
    n = len(eerste)
    if n == 0:
        return np.zeros(0, dtype=np.int32)
    b1 = geboortedatum[eerste].astype(np.float64)
    b2 = geboortedatum[eerste + 1].astype(np.float64)
    geboren = (b1 + b2) / 2
    m = np.full(n, 27.0)
    for _ in range(3):  # the mean age in the year of marriage, which depends on that age
        m = gemiddelde_leeftijd(_jaar(geboren) + m)
    leeftijd = MINIMUM_LEEFTIJD + (m - MINIMUM_LEEFTIJD) * rng.gamma(VORM, 1.0 / VORM, n)
    begin = geboren + leeftijd * JAAR
    laagste = np.maximum(b1, b2) + MINIMUM_LEEFTIJD * JAAR
    hoogste = float(peildatum.toordinal())
    laagste = np.minimum(laagste, hoogste)
    u = rng.random(n)
    begin = np.where(begin > hoogste, laagste + u * (hoogste - laagste), np.maximum(begin, laagste))
    return np.floor(begin).astype(np.int32)
