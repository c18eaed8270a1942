"""Inline SVG charts for the HTML report of `regelspraak vergelijk`, and the Dutch number formatting
they share with the page.

Every function returns HTML text in which each data-derived string is escaped; nothing loads a
resource and nothing needs JavaScript. Amounts arrive as exact decimal strings and are parsed to
`Fraction`; floats are used only for pixel positions, never for a number a reader sees in a table.
Every chart is a `<figure>` holding one `<svg role="img" aria-label=…>` (a `<title>` on each bar,
marker and line), a `<figcaption>`, and a data table with the exact numbers in a `<details>`.

>>> bedrag("1234.5"), bedrag("-37499780"), verschil("41485656"), aantal(4914662)
('€ 1.234,50', '−€ 37.499.780', '+€ 41.485.656', '4.914.662')
>>> fig = waterval("zorgtoeslag", getal("7358514344"), [("wijziging", getal("41485656"))], getal("7400000000"))
>>> 'role="img"' in fig and "<table" in fig and "€ 7.400.000.000" in fig
True
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from html import escape

# --- numbers -------------------------------------------------------------------------------------

_GEHEEL = re.compile(r"-?\d{1,40}")
_DECIMAAL = re.compile(r"-?\d{1,40}(?:\.\d{1,40})?")
_BREUK = re.compile(r"-?\d{1,40}/\d{1,40}")
_GRENS = Fraction(10) ** 40  # larger numbers are not amounts; they are refused, not formatted
MIN = "−"  # U+2212, the minus sign typographers use


def esc(v: object) -> str:
    """Text (of any value) safe for HTML element content and quoted attribute values."""
    return escape(v if isinstance(v, str) else str(v), quote=True)


def getal(v: object) -> Fraction | None:
    """An exact number from JSON data: an int, a finite float, or a string "1234.5", "-12", "1000/3".

    Anything else (booleans, other text, absurdly long numbers) is `None`: data comes from untrusted
    model files, and a page must render whatever it holds.

    >>> getal("1573.42"), getal("1000/3"), getal(24), getal("1e999999999"), getal(True)
    (Fraction(78671, 50), Fraction(1000, 3), Fraction(24, 1), None, None)
    """
    x: Fraction | None = None
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        x = Fraction(v)
    elif isinstance(v, float) and math.isfinite(v):
        x = Fraction(repr(v)) if "e" not in repr(v) else Fraction(v)
    elif isinstance(v, str):
        s = v.strip()
        if _GEHEEL.fullmatch(s):
            x = Fraction(int(s))
        elif _DECIMAAL.fullmatch(s) or (_BREUK.fullmatch(s) and s.rsplit("/", 1)[1].strip("0")):
            x = Fraction(s)
    if x is None or abs(x) >= _GRENS:
        return None
    return x


def _groepeer(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def getal_tekst(x: Fraction, min_decimalen: int = 0) -> str:
    """Dutch notation of an exact number: "1.234,5"; a non-terminating fraction as "≈ 333,33".

    >>> getal_tekst(Fraction("-1234.5")), getal_tekst(Fraction(1000, 3)), getal_tekst(Fraction(7), 2)
    ('−1.234,5', '≈ 333,33', '7,00')
    """
    n = next((k for k in range(13) if (x * 10**k).denominator == 1), None)
    benadering = n is None
    n = max(2 if n is None else n, min_decimalen)
    geschaald = round(abs(x) * 10**n)
    heel, deel = divmod(geschaald, 10**n)
    tekst = _groepeer(heel) + ("," + str(deel).rjust(n, "0") if n else "")
    teken = MIN if x < 0 and geschaald else ""
    return ("≈ " if benadering else "") + teken + tekst


def _euro(x: Fraction, teken: bool) -> str:
    n = next((k for k in range(13) if (x * 10**k).denominator == 1), 2)
    tekst = getal_tekst(abs(x), 2 if n else 0)
    benadering = tekst.startswith("≈ ")
    tekst = tekst.removeprefix("≈ ")
    voor = MIN if x < 0 else ("+" if teken and x > 0 else "")
    return ("≈ " if benadering else "") + f"{voor}€ {tekst}"


def bedrag(v: object) -> str:
    """An amount as "€ 1.234" (exact; cents shown only when the data has them); "—" when absent."""
    x = v if isinstance(v, Fraction) else getal(v)
    return "—" if x is None else _euro(x, False)


def verschil(v: object) -> str:
    """A change of an amount, always signed: "+€ 12", "−€ 12", "€ 0"; "—" when absent."""
    x = v if isinstance(v, Fraction) else getal(v)
    return "—" if x is None else _euro(x, True)


def aantal(v: object) -> str:
    """A count (possibly weighted, so possibly fractional) as "4.914.662"; "—" when absent."""
    x = v if isinstance(v, Fraction) else getal(v)
    return "—" if x is None else getal_tekst(x)


def procent(deel: Fraction, geheel: Fraction) -> str:
    """A share, rounded to one decimal for reading: "12,3%"."""
    if geheel == 0:
        return "—"
    p = round(deel * 1000 / geheel) / Fraction(10)
    return getal_tekst(p, 1) + "%"


def kort(x: float, euro: bool = True, stap: float | None = None) -> str:
    """A compact axis label: "€ 7,4 mld", "€ 41,5 mln", "€ 39.719"; with the tick `stap`, as many
    decimals as the ticks need to differ ("€ 7,34 mld"). Axis ticks only: tables stay exact.

    >>> kort(7.34e9, stap=2e7), kort(41_485_656), kort(-24), kort(0.5, euro=False, stap=0.5)
    ('€ 7,34 mld', '€ 41,5 mln', '−€ 24', '0,5')
    """
    a = abs(x)
    eenheid, deler = ("", 1.0)
    if a >= 1e9:
        eenheid, deler = " mld", 1e9
    elif a >= 1e6:
        eenheid, deler = " mln", 1e6
    if stap is not None and stap > 0:
        decimalen = max(0, min(3, math.ceil(-math.log10(stap / deler) - 1e-9)))
    else:
        decimalen = 1 if deler > 1 or (a != int(a) and a < 100) else 0
    tekst = f"{a / deler:.{decimalen}f}"
    if "." in tekst:
        heel, deel = tekst.split(".")
        deel = deel.rstrip("0") if stap is None else deel
        tekst = _groepeer(int(heel)) + ("," + deel if deel else "")
    else:
        tekst = _groepeer(int(tekst))
    teken = MIN if x < 0 and tekst.strip("0,") else ""
    return f"{teken}€ {tekst}{eenheid}" if euro else f"{teken}{tekst}{eenheid}"


# --- drawing helpers -----------------------------------------------------------------------------

KLEUR_HUIDIG = "#9aa4b0"
KLEUR_VOORSTEL = "#154273"
KLEUR_WINST = "#2f9e44"
KLEUR_VERLIES = "#c92a2a"
KLEUR_DREMPEL = "#d9480f"
KLEUR_STIJGING = "#e67700"
KLEUR_DALING = "#1971c2"
KLEUR_AS = "#495057"
KLEUR_RASTER = "#e9ecef"


def _f(v: float) -> str:
    """A pixel coordinate, short and deterministic."""
    s = f"{v:.1f}"
    return s[:-2] if s.endswith(".0") else s


def _tekst(x: float, y: float, inhoud: str, anker: str = "middle", grootte: int = 12, kleur: str = "#343a40",
           gewicht: str = "normal", klasse: str = "") -> str:
    k = f' class="{klasse}"' if klasse else ""
    return (f'<text x="{_f(x)}" y="{_f(y)}" text-anchor="{anker}" font-size="{grootte}" fill="{kleur}"'
            f' font-weight="{gewicht}"{k}>{esc(inhoud)}</text>')


def _afgekapt(tekst: str, breedte: float, grootte: int = 12) -> str:
    """Shorten a label to fit `breedte` pixels (the full text stays in the bar's <title>)."""
    past = max(3, int(breedte / (grootte * 0.58)))
    return tekst if len(tekst) <= past else tekst[: past - 1] + "…"


def _ticks(lo: float, hi: float, n: int = 5, dekkend: bool = False) -> list[float]:
    """Round tick values within [lo, hi], or (`dekkend`, for a value axis) from the round value at or
    below lo to the one at or above hi. At most a few dozen, whatever the floats do."""
    if not hi > lo:
        hi = lo + max(1.0, abs(lo) * 1e-9)
    span = hi - lo
    if not span > 0 or not math.isfinite(span):
        return [lo]
    ruw = span / n
    orde = 10 ** math.floor(math.log10(ruw))
    stap = orde * 10
    for m in (1, 2, 2.5, 5, 10):
        if span / (m * orde) <= n:
            stap = m * orde
            break
    eerste = (math.floor(lo / stap + 1e-9) if dekkend else math.ceil(lo / stap - 1e-9)) * stap
    laatste = math.ceil(hi / stap - 1e-9) * stap if dekkend else hi
    out: list[float] = []
    t = eerste
    while t <= laatste + stap * 1e-9 and len(out) < 40:
        out.append(0.0 if abs(t) < stap * 1e-9 else t)
        t = eerste + len(out) * stap
    return out or [lo]


def _figuur(svg: str, bijschrift: str, tabel: str, anker: str | None) -> str:
    a = f' id="{esc(anker)}"' if anker else ""
    return (f'<figure class="grafiek"{a}>\n{svg}\n<figcaption>{bijschrift}</figcaption>\n'
            f'<details class="cijfers"><summary>Cijfers bij deze grafiek</summary>\n{tabel}\n</details>\n</figure>')


def _svg(breedte: int, hoogte: int, label: str, titel: str, inhoud: Sequence[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {breedte} {hoogte}" width="{breedte}" '
            f'height="{hoogte}" role="img" aria-label="{esc(label)}" class="svg-grafiek">'
            f"<title>{esc(titel)}</title>\n" + "\n".join(inhoud) + "\n</svg>")


def tabel(kop: Sequence[str], rijen: Sequence[Sequence[str]], bijschrift: str, numeriek_vanaf: int = 1) -> str:
    """A data table; cells are already-formatted plain text and are escaped here."""
    num = ' class="num"'
    h = "".join(f'<th scope="col"{num if i >= numeriek_vanaf else ""}>{esc(k)}</th>' for i, k in enumerate(kop))
    body = []
    for rij in rijen:
        cellen = []
        for i, c in enumerate(rij):
            if i == 0:
                cellen.append(f'<th scope="row">{esc(c)}</th>')
            else:
                cellen.append(f'<td{num if i >= numeriek_vanaf else ""}>{esc(c)}</td>')
        body.append("<tr>" + "".join(cellen) + "</tr>")
    return (f'<table class="data"><caption>{esc(bijschrift)}</caption><thead><tr>{h}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


@dataclass(frozen=True)
class _Schaal:
    """A linear map from data values to pixels."""

    d0: float
    d1: float
    p0: float
    p1: float

    def __call__(self, v: float) -> float:
        if self.d1 == self.d0:
            return (self.p0 + self.p1) / 2
        return self.p0 + (v - self.d0) / (self.d1 - self.d0) * (self.p1 - self.p0)


def _y_as(schaal: _Schaal, ticks: Sequence[float], x0: float, x1: float, euro: bool = True) -> list[str]:
    out = []
    stap = ticks[1] - ticks[0] if len(ticks) > 1 else None
    for t in ticks:
        y = schaal(t)
        kleur = KLEUR_AS if t == 0 else KLEUR_RASTER
        out.append(f'<line x1="{_f(x0)}" y1="{_f(y)}" x2="{_f(x1)}" y2="{_f(y)}" stroke="{kleur}" stroke-width="1"/>')
        out.append(_tekst(x0 - 6, y + 4, kort(t, euro, stap), "end", 11, "#495057"))
    return out


# --- chart 1: changes per group (income decile) --------------------------------------------------

@dataclass(frozen=True)
class Groep:
    """One row of a grouping (e.g. an income decile), as numbers."""

    label: str
    gemiddelde: Fraction | None
    winnaars: Fraction | None
    verliezers: Fraction | None
    aantal: Fraction | None = None
    voor: Fraction | None = None
    na: Fraction | None = None


def verdeling(groepen: Sequence[Groep], uitvoer: str, groepering: str, per: str, bijschrift: str,
              anker: str | None = None) -> str:
    """Mean change per group (bars around zero) and winners/losers per group (up/down bars).

    Winners and losers are shown as a share of the group when every group has an `aantal`,
    else as counts.
    """
    if not groepen:
        return ""
    b, links, rechts = 960, 92, 24
    pw = b - links - rechts
    band = pw / len(groepen)
    staaf = min(56.0, band * 0.62)
    met_labels = band >= 44  # value labels on the bars only when they fit; the titles and table always have them
    label_elke = max(1, math.ceil(56 / band))
    aandeel = all(g.aantal is not None and g.aantal > 0 for g in groepen)

    def deel(g: Groep, v: Fraction | None) -> Fraction:
        if v is None:
            return Fraction(0)
        return v * 100 / g.aantal if aandeel and g.aantal else v

    inhoud: list[str] = []
    # Panel A: mean change.
    a_top, a_bodem = 44, 214
    gem = [float(g.gemiddelde) for g in groepen if g.gemiddelde is not None]
    lo, hi = min([0.0, *gem]), max([0.0, *gem])
    if lo == hi:
        hi = 1.0
    ticks = _ticks(lo, hi, 4, True)
    sa = _Schaal(min(ticks[0], lo), max(ticks[-1], hi), a_bodem, a_top)
    inhoud.append(_tekst(links, 22, f"Gemiddelde verandering van {uitvoer} per {per}, per {groepering}", "start",
                         13, "#212529", "bold"))
    inhoud += _y_as(sa, ticks, links, b - rechts)
    for i, g in enumerate(groepen):
        cx = links + band * (i + 0.5)
        if g.gemiddelde is None:
            inhoud.append(_tekst(cx, sa(0) - 6, "geen", grootte=10, kleur="#868e96"))
            continue
        v = float(g.gemiddelde)
        y0, y1 = sorted((sa(0), sa(v)))
        kleur = KLEUR_WINST if v > 0 else KLEUR_VERLIES if v < 0 else "#adb5bd"
        hoogte = max(y1 - y0, 1.5)
        if v == 0:
            y0 = sa(0) - 0.75
        titel = f"{g.label}: gemiddelde verandering {verschil(g.gemiddelde)}"
        inhoud.append(f'<rect x="{_f(cx - staaf / 2)}" y="{_f(y0)}" width="{_f(staaf)}" height="{_f(hoogte)}" '
                      f'fill="{kleur}" class="staaf"><title>{esc(titel)}</title></rect>')
        if met_labels:
            ly = (y0 - 5) if v >= 0 else (y0 + hoogte + 13)
            inhoud.append(_tekst(cx, ly, verschil(g.gemiddelde), grootte=11, kleur="#343a40"))
    # Panel B: winners up, losers down.
    b_top, b_bodem = 282, 452
    titel_b = "Winnaars (omhoog) en verliezers (omlaag), " + ("als aandeel van de groep" if aandeel else "aantallen")
    inhoud.append(_tekst(links, 258, titel_b, "start", 13, "#212529", "bold"))
    win = [float(deel(g, g.winnaars)) for g in groepen]
    ver = [float(deel(g, g.verliezers)) for g in groepen]
    top = max([*win, *ver, 0.0]) or 1.0
    ticks_b = _ticks(-top, top, 4, True)
    sb = _Schaal(min(ticks_b[0], -top), max(ticks_b[-1], top), b_bodem, b_top)
    for t in ticks_b:
        y = sb(t)
        kleur = KLEUR_AS if t == 0 else KLEUR_RASTER
        inhoud.append(f'<line x1="{links}" y1="{_f(y)}" x2="{b - rechts}" y2="{_f(y)}" stroke="{kleur}"/>')
        label = (getal_tekst(Fraction(abs(t)).limit_denominator(1000)) + "%") if aandeel else kort(abs(t), False)
        inhoud.append(_tekst(links - 6, y + 4, label, "end", 11, "#495057"))
    for i, g in enumerate(groepen):
        cx = links + band * (i + 0.5)
        for waarde, ruw, omhoog, kleur, woord in ((win[i], g.winnaars, True, KLEUR_WINST, "winnaars"),
                                                   (ver[i], g.verliezers, False, KLEUR_VERLIES, "verliezers")):
            y_nul, y_w = sb(0), sb(waarde if omhoog else -waarde)
            y0, hoogte = min(y_nul, y_w), abs(y_w - y_nul)
            tekst = aantal(ruw) + (f" ({procent(ruw, g.aantal)})" if aandeel and ruw is not None and g.aantal else "")
            titel = f"{g.label}: {tekst} {woord}"
            inhoud.append(f'<rect x="{_f(cx - staaf / 2)}" y="{_f(y0)}" width="{_f(staaf)}" '
                          f'height="{_f(max(hoogte, 0.0))}" fill="{kleur}" class="staaf"><title>{esc(titel)}</title>'
                          "</rect>")
            if ruw and met_labels:
                label = procent(ruw, g.aantal) if aandeel and g.aantal else kort(float(ruw), False)
                ly = y0 - 4 if omhoog else y0 + hoogte + 12
                inhoud.append(_tekst(cx, ly, label, grootte=10, kleur="#495057"))
        if i % label_elke == 0:
            inhoud.append(_tekst(cx, b_bodem + 22, _afgekapt(g.label, band * label_elke - 4, 11), grootte=11,
                                 kleur="#343a40"))
    inhoud.append(_legenda(b - rechts, 258, [(KLEUR_WINST, "winnaars / stijging"), (KLEUR_VERLIES,
                                                                                    "verliezers / daling")]))
    hoogte_svg = b_bodem + 36
    extremen = [g for g in groepen if g.gemiddelde is not None]
    beschrijving = f"Staafdiagram: gemiddelde verandering van {uitvoer} en winnaars en verliezers per {groepering}"
    if extremen:
        laag = min(extremen, key=lambda g: g.gemiddelde or 0)
        hoog = max(extremen, key=lambda g: g.gemiddelde or 0)
        beschrijving += (f"; grootste daling in {laag.label} ({verschil(laag.gemiddelde)}), grootste stijging in "
                         f"{hoog.label} ({verschil(hoog.gemiddelde)})")
    svg = _svg(b, hoogte_svg, beschrijving + ".", beschrijving, inhoud)
    kop = [groepering, "totaal huidig", "totaal voorstel", "verschil", "gemiddelde verandering", "winnaars",
           "verliezers"] + (["aantal", "aandeel winnaars", "aandeel verliezers"] if aandeel else [])
    rijen = []
    for g in groepen:
        d = g.na - g.voor if g.na is not None and g.voor is not None else None
        rij = [g.label, bedrag(g.voor), bedrag(g.na), verschil(d), verschil(g.gemiddelde), aantal(g.winnaars),
               aantal(g.verliezers)]
        if aandeel and g.aantal:
            rij += [aantal(g.aantal), procent(g.winnaars or Fraction(0), g.aantal),
                    procent(g.verliezers or Fraction(0), g.aantal)]
        rijen.append(rij)
    return _figuur(svg, bijschrift, tabel(kop, rijen, f"{uitvoer} per {groepering}"), anker)


def _legenda(rechts: float, y: float, items: Sequence[tuple[str, str]], lijn: bool = False) -> str:
    """A legend right-aligned at `rechts`; items are (colour, label)."""
    delen = []
    x = rechts
    for kleur, label in reversed(items):
        breedte = len(label) * 6.6
        x -= breedte
        delen.append(_tekst(x, y, label, "start", 12, "#343a40"))
        x -= 22
        if lijn:
            delen.append(f'<line x1="{_f(x)}" y1="{_f(y - 4)}" x2="{_f(x + 16)}" y2="{_f(y - 4)}" stroke="{kleur}" '
                         'stroke-width="4"/>')
        else:
            delen.append(f'<rect x="{_f(x + 2)}" y="{_f(y - 10)}" width="12" height="12" fill="{kleur}"/>')
        x -= 14
    return '<g class="legenda">' + "".join(delen) + "</g>"


# --- chart 2: budget waterfall -------------------------------------------------------------------

def waterval(uitvoer: str, voor: Fraction, stappen: Sequence[tuple[str, Fraction]], na: Fraction,
             bijschrift: str = "", anker: str | None = None) -> str:
    """Current total → one bar per contribution → proposed total.

    When the change is small next to the totals, the axis starts above zero (marked with a break
    on the axis and the total bars, and said in the description), so the change stays visible.
    """
    b, links, rechts, top, bodem = 960, 110, 24, 40, 330
    labels = ["Huidig totaal", *[s[0] for s in stappen], "Voorstel totaal"]
    niveaus = [voor]
    for _, v in stappen:
        niveaus.append(niveaus[-1] + v)
    alle = [float(x) for x in [*niveaus, na]]
    lo, hi = min(alle), max(alle)
    gebroken = lo > 0 and (hi - lo) < 0.25 * hi
    if gebroken:
        marge = max((hi - lo) * 1.2, hi * 0.002)
        t = _ticks(lo - marge, hi + marge * 0.3, 5, True)
        as_lo, as_hi = t[0], max(t[-1], hi)
    else:
        t = _ticks(min(0.0, lo), max(0.0, hi), 5, True)
        as_lo, as_hi = min(t[0], lo, 0.0), max(t[-1], hi, 0.0)
    s = _Schaal(as_lo, as_hi, bodem, top)
    n = len(labels)
    band = (b - links - rechts) / n
    staaf = min(120.0, band * 0.56)
    inhoud = [_tekst(links, 22, f"Budgeteffect {uitvoer}: van huidig naar voorstel", "start", 13, "#212529", "bold")]
    inhoud += _y_as(s, t, links, b - rechts)
    exact = band >= 150
    vorige_y: float | None = None
    for i, label in enumerate(labels):
        cx = links + band * (i + 0.5)
        if i == 0 or i == n - 1:
            waarde = voor if i == 0 else na
            y_top = s(float(waarde))
            y_bot = s(max(as_lo, 0.0)) if not gebroken else bodem
            kleur = KLEUR_HUIDIG if i == 0 else KLEUR_VOORSTEL
            tekst = bedrag(waarde) if exact else kort(float(waarde))
            titel = f"{label}: {bedrag(waarde)}"
            y0, hoogte = min(y_top, y_bot), abs(y_bot - y_top)
        else:
            v = stappen[i - 1][1]
            y_a, y_b = s(float(niveaus[i - 1])), s(float(niveaus[i]))
            y0, hoogte = min(y_a, y_b), max(abs(y_b - y_a), 1.5)
            kleur = KLEUR_STIJGING if v > 0 else KLEUR_DALING if v < 0 else "#adb5bd"
            tekst = verschil(v) if exact else kort(float(v))
            titel = f"{label}: {verschil(v)}"
        inhoud.append(f'<rect x="{_f(cx - staaf / 2)}" y="{_f(y0)}" width="{_f(staaf)}" height="{_f(hoogte)}" '
                      f'fill="{kleur}" class="staaf"><title>{esc(titel)}</title></rect>')
        if gebroken and (i == 0 or i == n - 1):
            inhoud.append(_zigzag(cx - staaf / 2, staaf, bodem - 14))
        ly = y0 - 6 if (i in (0, n - 1) or stappen[i - 1][1] >= 0) else y0 + hoogte + 14
        if band >= 64 or i in (0, n - 1):
            inhoud.append(_tekst(cx, ly, tekst, grootte=12, kleur="#212529", gewicht="bold"))
        inhoud.append(_tekst(cx, bodem + 20, _afgekapt(label, band - 6), grootte=12, kleur="#343a40"))
        if vorige_y is not None:
            x_a = cx - band + staaf / 2
            inhoud.append(f'<line x1="{_f(x_a)}" y1="{_f(vorige_y)}" x2="{_f(cx - staaf / 2)}" y2="{_f(vorige_y)}" '
                          'stroke="#868e96" stroke-dasharray="3 3"/>')
        vorige_y = s(float(niveaus[i])) if i < n - 1 else None
    if gebroken:
        inhoud.append(_tekst(links, bodem + 42, f"De verticale as begint niet bij nul maar bij {kort(as_lo)}.",
                             "start", 11, "#868e96"))
    totaal = na - voor
    label = (f"Watervaldiagram: {uitvoer} gaat van {bedrag(voor)} naar {bedrag(na)}, een verandering van "
             f"{verschil(totaal)}" + (f", opgebouwd uit {len(stappen)} bijdragen" if len(stappen) > 1 else "") + ".")
    if gebroken:
        label += f" De verticale as begint bij {kort(as_lo)}."
    svg = _svg(b, bodem + (52 if gebroken else 34), label, f"Budgeteffect {uitvoer}", inhoud)
    rijen = [["Huidig totaal", bedrag(voor), bedrag(voor)]]
    rijen += [[naam, verschil(v), bedrag(niveau)] for (naam, v), niveau in zip(stappen, niveaus[1:], strict=True)]
    rijen.append(["Voorstel totaal", bedrag(na), bedrag(na)])
    if niveaus[-1] != na:
        rijen.append(["Niet toegerekend", verschil(na - niveaus[-1]), bedrag(na)])
    tab = tabel(["stap", "bedrag", "cumulatief"], rijen, f"Budgeteffect {uitvoer}")
    return _figuur(svg, bijschrift or esc(label), tab, anker)


def _zigzag(x: float, breedte: float, y: float, kleur: str = "#ffffff") -> str:
    """An axis-break mark: a white zigzag across a bar whose foot is cut off."""
    stappen = max(2, int(breedte / 8))
    dx = breedte / stappen
    punten = " ".join(f"{_f(x + k * dx)},{_f(y + (4 if k % 2 else -4))}" for k in range(stappen + 1))
    return f'<polyline points="{punten}" fill="none" stroke="{kleur}" stroke-width="3" class="asbreuk"/>'


# --- chart 3: output as a function of income (step curves) ---------------------------------------

MAX_PUNTEN = 200_000


@dataclass(frozen=True)
class Reeks:
    """A step function given by sample points (sorted by x): the value holds until the next point."""

    xs: tuple[Fraction, ...]
    ys: tuple[Fraction, ...]

    @staticmethod
    def uit(punten: object) -> Reeks:
        """From JSON `[[x, y], …]`; unusable points are dropped."""
        paren: dict[Fraction, Fraction] = {}
        if isinstance(punten, list):
            for p in punten[:MAX_PUNTEN]:
                if isinstance(p, list | tuple) and len(p) == 2:
                    x, y = getal(p[0]), getal(p[1])
                    if x is not None and y is not None:
                        paren[x] = y
        xs = tuple(sorted(paren))
        return Reeks(xs, tuple(paren[x] for x in xs))

    def waarde(self, x: Fraction) -> Fraction | None:
        """The exact value at a sample point; `None` elsewhere."""
        i = bisect_right(self.xs, x) - 1
        return self.ys[i] if i >= 0 and self.xs[i] == x else None

    def schatting(self, x: Fraction) -> Fraction | None:
        """The value between samples as the sweep assumes it: straight between two samples, except
        across a jump, where the earlier value holds. `None` outside the sampled range."""
        i = bisect_right(self.xs, x) - 1
        if i < 0:
            return None
        if self.xs[i] == x:
            return self.ys[i]
        if i + 1 >= len(self.xs):
            return None
        if self._sprong(i + 1):
            return self.ys[i]
        x0, x1, y0, y1 = self.xs[i], self.xs[i + 1], self.ys[i], self.ys[i + 1]
        return y0 + (y1 - y0) * (x - x0) / (x1 - x0)

    def _sprong(self, i: int) -> bool:
        """Whether the output moves by more than the input from sample i-1 to i (a marginal rate above
        100%); one-unit moves (rounding) do not count."""
        return i in self._sprong_indices

    @cached_property
    def _sprong_indices(self) -> frozenset[int]:
        out = set()
        for i in range(1, len(self.xs)):
            dx, dy = self.xs[i] - self.xs[i - 1], abs(self.ys[i] - self.ys[i - 1])
            if dy > dx and dy >= 2:
                out.add(i)
        return frozenset(out)

    @cached_property
    def floats(self) -> tuple[list[float], list[float]]:
        """The samples as floats, for pixel positions only."""
        return [float(x) for x in self.xs], [float(y) for y in self.ys]

    def sprongen(self) -> list[Sprong]:
        """The jumps: a cliff when the output falls, a jump when it rises."""
        return [Sprong(self.xs[i - 1], self.xs[i], self.ys[i - 1], self.ys[i]) for i in sorted(self._sprong_indices)]


@dataclass(frozen=True)
class Sprong:
    x0: Fraction
    x1: Fraction
    y0: Fraction
    y1: Fraction

    @property
    def klif(self) -> bool:
        return self.y1 < self.y0

    def tekst(self, invoer: str) -> str:
        woord = "klif" if self.klif else "sprong"
        return (f"{woord}: bij {invoer} {bedrag(self.x0)} → {bedrag(self.x1)} gaat de uitkomst van "
                f"{bedrag(self.y0)} naar {bedrag(self.y1)} ({verschil(self.y1 - self.y0)})")


def _pad(reeks: Reeks, sx: _Schaal, sy: _Schaal, xa: Fraction, xb: Fraction) -> str:
    """The SVG path of a sampled line on [xa, xb] (plus one sample beyond each end; the panel clips):
    straight between samples as the sweep assumes, a vertical step at each jump. Reduced per pixel
    column to the first, lowest, highest and last vertex, so every vertical step survives."""
    i = max(bisect_right(reeks.xs, xa) - 1, 0)
    j = min(bisect_right(reeks.xs, xb) + 1, len(reeks.xs))
    if i >= j:
        return ""
    fx, fy = reeks.floats
    hoekpunten: list[tuple[float, float]] = [(sx(fx[i]), sy(fy[i]))]
    for k in range(i + 1, j):
        px = sx(fx[k])
        if reeks._sprong(k):
            hoekpunten.append((px, sy(fy[k - 1])))
        hoekpunten.append((px, sy(fy[k])))
    gehouden: list[tuple[float, float]] = []
    k = 0
    while k < len(hoekpunten):
        kolom = math.floor(hoekpunten[k][0])
        e = k
        while e + 1 < len(hoekpunten) and math.floor(hoekpunten[e + 1][0]) == kolom:
            e += 1
        groep = range(k, e + 1)
        keuze = sorted({k, e, min(groep, key=lambda q: hoekpunten[q][1]), max(groep, key=lambda q: hoekpunten[q][1])})
        gehouden += [hoekpunten[q] for q in keuze]
        k = e + 1
    return "M" + " L".join(f"{_f(x)},{_f(y)}" for x, y in gehouden)


def _venster_y(reeksen: Sequence[Reeks], xa: Fraction, xb: Fraction) -> tuple[float, float]:
    """The range of values shown on [xa, xb]; from zero when that costs little room."""
    waarden: list[Fraction] = []
    for r in reeksen:
        waarden += [v for v in (r.schatting(xa), r.schatting(xb)) if v is not None]
        i, j = bisect_right(r.xs, xa), bisect_right(r.xs, xb)
        waarden += r.ys[i:j]
    if not waarden:
        return 0.0, 1.0
    lo, hi = float(min(waarden)), float(max(waarden))
    if 0 <= lo <= 0.35 * hi:
        lo = 0.0
    if hi == lo:
        hi = lo + 1
    return lo, hi


def _mooi(x: float) -> float:
    """Round a half-width up to 1, 2 or 5 times a power of ten."""
    orde = 10 ** math.floor(math.log10(x)) if x > 0 else 1
    for m in (1, 2, 5, 10):
        if m * orde >= x:
            return m * orde
    return 10 * orde


def _samen(voor: Reeks, na: Reeks) -> list[tuple[Sprong, str]]:
    """The cliffs of both lines, a cliff both have listed once."""
    a, b = voor.sprongen(), na.sprongen()
    beide = set(a) & set(b)
    out = [(s, "huidig en voorstel" if s in beide else "huidig") for s in a]
    out += [(s, "voorstel") for s in b if s not in beide]
    return sorted(out, key=lambda p: (p[0].x1, p[1]))


def kromme(uitkomst: str, invoer: str, voor: Reeks, na: Reeks, drempels: Sequence[Fraction], onderwerp: str,
           bijschrift: str, anker: str | None = None) -> str:
    """The output against one input, before and after, as two step lines: the whole range with the
    thresholds marked, and a zoomed panel around each of the (up to three) largest cliffs, so that
    a drop of € 24 on a scale of € 1.500 is plainly visible."""
    if not voor.xs and not na.xs:
        return ""
    xmin = min(r.xs[0] for r in (voor, na) if r.xs)
    xmax = max(r.xs[-1] for r in (voor, na) if r.xs)
    if xmax == xmin:
        xmax = xmin + 1
    b, links, rechts = 960, 86, 44
    top, bodem = 56, 322
    sprongen = _samen(voor, na)
    in_bereik = [d for d in sorted(set(drempels)) if xmin <= d <= xmax]
    inhoud = [_tekst(links, 20, f"{uitkomst} naar {invoer}", "start", 13, "#212529", "bold"),
              _tekst(links, 38, onderwerp, "start", 11, "#868e96"),
              _legenda(b - rechts, 24, [(KLEUR_HUIDIG, "huidig"), (KLEUR_VOORSTEL, "voorstel"),
                                        (KLEUR_DREMPEL, "drempel"), (KLEUR_VERLIES, "klif")], lijn=True)]
    basis = anker or "kromme"
    inhoud += _paneel(voor, na, in_bereik, sprongen, xmin, xmax, links, b - rechts, top, bodem, invoer, True,
                      f"{basis}-clip-0")
    helft = Fraction(_mooi(float(xmax - xmin) / 80)).limit_denominator(1000)
    centra: list[Sprong] = []
    for s, _ in sorted(sprongen, key=lambda p: (-abs(p[0].y1 - p[0].y0), p[0].x1)):
        if all(abs(s.x1 - c.x1) > helft for c in centra):
            centra.append(s)
        if len(centra) == 3:
            break
    centra.sort(key=lambda c: c.x1)
    hoogte = bodem + 44
    if centra:
        z_top = bodem + 104
        z_bodem = z_top + 170
        inhoud.append(_tekst(links, bodem + 62, "Ingezoomd rond " + ("de kliffen" if len(centra) > 1 else "de klif")
                             + " (zelfde lijnen, fijnere schaal)", "start", 13, "#212529", "bold"))
        tussen = 64
        breedte = (b - links - rechts - tussen * (len(centra) - 1)) / len(centra)
        for k, c in enumerate(centra):
            za = max(xmin, c.x1 - helft)
            zb = min(xmax, c.x1 + max(helft, (c.x1 - c.x0) * 3))
            x0 = links + k * (breedte + tussen)
            inhoud.append(_tekst(x0, z_top - 18, f"{invoer} {bedrag(za)} tot {bedrag(zb)}", "start", 11, "#495057"))
            inhoud += _paneel(voor, na, in_bereik, sprongen, za, zb, x0, x0 + breedte, z_top, z_bodem, invoer,
                              False, f"{basis}-clip-{k + 1}")
        hoogte = z_bodem + 30
    beschrijving = (f"Lijndiagram: {uitkomst} als functie van {invoer} van {bedrag(xmin)} tot {bedrag(xmax)}, "
                    f"huidig en voorstel ({onderwerp})")
    if sprongen:
        beschrijving += "; " + "; ".join(f"{kant}: {s.tekst(invoer)}" for s, kant in sprongen[:4])
        if len(sprongen) > 4:
            beschrijving += f"; en nog {len(sprongen) - 4} sprong(en)"
    if voor == na:
        beschrijving += "; het voorstel verandert deze lijn niet"
    svg = _svg(b, hoogte, beschrijving + ".", f"{uitkomst} naar {invoer}", inhoud)
    # Table: round grid values, each threshold, both sides of each cliff.
    opmerkingen: dict[Fraction, list[str]] = {}
    for t in _ticks(float(xmin), float(xmax), 8):
        opmerkingen.setdefault(Fraction(t).limit_denominator(1000), [])
    for d in in_bereik:
        opmerkingen.setdefault(d, []).append("drempel")
    for s, kant in sprongen[:40]:
        opmerkingen.setdefault(s.x0, [])
        woord = "klif" if s.klif else "sprong"
        opmerkingen.setdefault(s.x1, []).append(f"{woord} {kant} ({verschil(s.y1 - s.y0)})")
    rijen = []
    for x in sorted(opmerkingen):
        if not xmin <= x <= xmax:
            continue
        (a, a_tekst), (n, n_tekst) = _lees(voor, x), _lees(na, x)
        dv = n - a if a is not None and n is not None else None
        d_tekst = verschil(dv) if voor.waarde(x) is not None and na.waarde(x) is not None else _ongeveer(dv, True)
        rijen.append([bedrag(x), a_tekst, n_tekst, d_tekst, ", ".join(opmerkingen[x])])
    tab = tabel([invoer, "huidig", "voorstel", "verschil", "opmerking"], rijen, f"{uitkomst} naar {invoer}")
    return _figuur(svg, bijschrift, tab, anker)


def _lees(r: Reeks, x: Fraction) -> tuple[Fraction | None, str]:
    """A table cell: the exact value at a sample, else the line's value marked as approximate."""
    v = r.waarde(x)
    if v is not None:
        return v, bedrag(v)
    v = r.schatting(x)
    return v, _ongeveer(v, False)


def _ongeveer(v: Fraction | None, teken: bool) -> str:
    if v is None:
        return "—"
    return "≈ " + (verschil if teken else bedrag)(Fraction(round(v)))


def _paneel(voor: Reeks, na: Reeks, drempels: Sequence[Fraction], sprongen: Sequence[tuple[Sprong, str]],
            xa: Fraction, xb: Fraction, x0: float, x1: float, top: float, bodem: float, invoer: str,
            groot: bool, clip: str) -> list[str]:
    ylo, yhi = _venster_y([voor, na], xa, xb)
    ty = _ticks(ylo, yhi, 5 if groot else 4, True)
    d0, d1 = min(ty[0], ylo), max(ty[-1], yhi)
    sy = _Schaal(d0 - (d1 - d0) * 0.04, d1, bodem, top)  # a little room below, so a line at 0 clears the axis
    sx = _Schaal(float(xa), float(xb), x0, x1)
    out = _y_as(sy, ty, x0, x1)
    tx = _ticks(float(xa), float(xb), 8 if groot else 3)
    stap = tx[1] - tx[0] if len(tx) > 1 else None
    for t in tx:
        px = sx(t)
        anker = "end" if px > x1 - 24 else "middle"
        out.append(f'<line x1="{_f(px)}" y1="{_f(bodem)}" x2="{_f(px)}" y2="{_f(bodem + 4)}" stroke="{KLEUR_AS}"/>')
        out.append(_tekst(px, bodem + 17, kort(t, True, stap), anker, 11, "#495057"))
    if groot:
        out.append(_tekst((x0 + x1) / 2, bodem + 36, invoer, grootte=12, kleur="#343a40"))
    vorige_label = -1e9
    for d in drempels:
        if not xa <= d <= xb:
            continue
        px = sx(float(d))
        out.append(f'<line x1="{_f(px)}" y1="{_f(top - 6)}" x2="{_f(px)}" y2="{_f(bodem)}" stroke="{KLEUR_DREMPEL}" '
                   f'stroke-dasharray="5 4" stroke-width="1.3" class="drempel"><title>'
                   f"{esc(f'drempel: {invoer} {bedrag(d)}')}</title></line>")
        if px - vorige_label > 76:
            rechtsaf = px < x1 - 80
            out.append(_tekst(px + (4 if rechtsaf else -4), top - 8, f"drempel {bedrag(d)}",
                              "start" if rechtsaf else "end", 10, KLEUR_DREMPEL))
            vorige_label = px
    vp = esc(clip)
    out.append(f'<clipPath id="{vp}"><rect x="{_f(x0 - 4)}" y="{_f(top - 6)}" width="{_f(x1 - x0 + 8)}" '
               f'height="{_f(bodem - top + 12)}"/></clipPath>')
    for reeks, kleur, breedte, naam in ((voor, "#adb5bd", 6.0, "huidig"), (na, KLEUR_VOORSTEL, 2.2, "voorstel")):
        pad = _pad(reeks, sx, sy, xa, xb)
        if pad:
            out.append(f'<path d="{pad}" fill="none" stroke="{kleur}" stroke-width="{breedte}" '
                       f'stroke-linejoin="round" clip-path="url(#{vp})" class="lijn"><title>{esc(naam)}</title></path>')
    zichtbaar = [(s, kant) for s, kant in sprongen if xa <= s.x1 <= xb]
    labels = 0
    bezet: list[tuple[float, float, float, float]] = []
    for s, kant in sorted(zichtbaar, key=lambda p: -abs(p[0].y1 - p[0].y0))[:50]:
        px = sx(float(s.x1))
        ya, yb = sy(float(s.y0)), sy(float(s.y1))
        kleur = KLEUR_VERLIES if s.klif else KLEUR_STIJGING
        titel = esc(f"{kant}: {s.tekst(invoer)}")
        out.append(f'<g class="klif"><title>{titel}</title>'
                   f'<line x1="{_f(px)}" y1="{_f(ya)}" x2="{_f(px)}" y2="{_f(yb)}" stroke="{kleur}" '
                   'stroke-width="3.5"/>'
                   f'<circle cx="{_f(px)}" cy="{_f(ya)}" r="4" fill="#fff" stroke="{kleur}" stroke-width="2"/>'
                   f'<circle cx="{_f(px)}" cy="{_f(yb)}" r="4" fill="{kleur}"/></g>')
        if labels < (4 if groot else 2):
            woord = "klif" if s.klif else "sprong"
            label = f"{woord} {verschil(s.y1 - s.y0)}" + ("" if kant == "huidig en voorstel" else f" ({kant})")
            naar_rechts = px < x1 - 150
            lx = px + (9 if naar_rechts else -9)
            hoog = abs(yb - ya)
            ly = (ya + yb) / 2 + 4 if hoog > 40 else min(ya, yb) - 8
            breedte = len(label) * 6.6
            lx0 = lx if naar_rechts else lx - breedte
            while any(lx0 < b1 and lx0 + breedte > b0 and ly - 11 < c1 and ly + 3 > c0 for b0, b1, c0, c1 in bezet):
                ly += 15
            bezet.append((lx0, lx0 + breedte, ly - 11, ly + 3))
            out.append(_tekst(lx, ly, label, "start" if naar_rechts else "end", 11, kleur, "bold"))
            labels += 1
    return out
