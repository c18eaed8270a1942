"""Inline SVG charts for the HTML report of `regelspraak vergelijk`: the change per group (income
decile) with winners and losers, and the budget waterfall. The output against one input (step
curves with their cliffs) is in `curves`; what the charts are drawn with is in `svg`, the Dutch
numbers they show in `notation`.

Every function returns HTML text in which each data-derived string is escaped; nothing loads a
resource and nothing needs JavaScript. Amounts arrive as exact decimal strings and are parsed to
`Fraction`; floats are used only for pixel positions, never for a number a reader sees in a table.
Every chart is a `<figure>` holding one `<svg role="img" aria-label=…>` (a `<title>` on each bar,
marker and line), a `<figcaption>`, and a data table with the exact numbers in a `<details>`.

>>> from regelspraak.report.notation import getal
>>> fig = waterval("zorgtoeslag", getal("7358514344"), [("wijziging", getal("41485656"))], getal("7400000000"))
>>> 'role="img"' in fig and "<table" in fig and "€ 7.400.000.000" in fig
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from regelspraak.report.notation import aantal, bedrag, getal_tekst, kort, procent, verschil
from regelspraak.report.svg import (
    KLEUR_AS,
    KLEUR_DALING,
    KLEUR_HUIDIG,
    KLEUR_RASTER,
    KLEUR_STIJGING,
    KLEUR_VERLIES,
    KLEUR_VOORSTEL,
    KLEUR_WINST,
    Schaal,
    afgekapt,
    esc,
    figuur,
    fq,
    legendablok,
    streepjes,
    svg_doc,
    tabel,
    txt,
    y_as,
)

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
    ticks = streepjes(lo, hi, 4, True)
    sa = Schaal(min(ticks[0], lo), max(ticks[-1], hi), a_bodem, a_top)
    inhoud.append(txt(links, 22, f"Gemiddelde verandering van {uitvoer} per {per}, per {groepering}", "start",
                         13, "#212529", "bold"))
    inhoud += y_as(sa, ticks, links, b - rechts)
    for i, g in enumerate(groepen):
        cx = links + band * (i + 0.5)
        if g.gemiddelde is None:
            inhoud.append(txt(cx, sa(0) - 6, "geen", grootte=10, kleur="#868e96"))
            continue
        v = float(g.gemiddelde)
        y0, y1 = sorted((sa(0), sa(v)))
        kleur = KLEUR_WINST if v > 0 else KLEUR_VERLIES if v < 0 else "#adb5bd"
        hoogte = max(y1 - y0, 1.5)
        if v == 0:
            y0 = sa(0) - 0.75
        titel = f"{g.label}: gemiddelde verandering {verschil(g.gemiddelde)}"
        inhoud.append(f'<rect x="{fq(cx - staaf / 2)}" y="{fq(y0)}" width="{fq(staaf)}" height="{fq(hoogte)}" '
                      f'fill="{kleur}" class="staaf"><title>{esc(titel)}</title></rect>')
        if met_labels:
            ly = (y0 - 5) if v >= 0 else (y0 + hoogte + 13)
            inhoud.append(txt(cx, ly, verschil(g.gemiddelde), grootte=11, kleur="#343a40"))
    # Panel B: winners up, losers down.
    b_top, b_bodem = 282, 452
    titel_b = "Winnaars (omhoog) en verliezers (omlaag), " + ("als aandeel van de groep" if aandeel else "aantallen")
    inhoud.append(txt(links, 258, titel_b, "start", 13, "#212529", "bold"))
    win = [float(deel(g, g.winnaars)) for g in groepen]
    ver = [float(deel(g, g.verliezers)) for g in groepen]
    top = max([*win, *ver, 0.0]) or 1.0
    ticks_b = streepjes(-top, top, 4, True)
    sb = Schaal(min(ticks_b[0], -top), max(ticks_b[-1], top), b_bodem, b_top)
    for t in ticks_b:
        y = sb(t)
        kleur = KLEUR_AS if t == 0 else KLEUR_RASTER
        inhoud.append(f'<line x1="{links}" y1="{fq(y)}" x2="{b - rechts}" y2="{fq(y)}" stroke="{kleur}"/>')
        label = (getal_tekst(Fraction(abs(t)).limit_denominator(1000)) + "%") if aandeel else kort(abs(t), False)
        inhoud.append(txt(links - 6, y + 4, label, "end", 11, "#495057"))
    for i, g in enumerate(groepen):
        cx = links + band * (i + 0.5)
        for waarde, ruw, omhoog, kleur, woord in ((win[i], g.winnaars, True, KLEUR_WINST, "winnaars"),
                                                   (ver[i], g.verliezers, False, KLEUR_VERLIES, "verliezers")):
            y_nul, y_w = sb(0), sb(waarde if omhoog else -waarde)
            y0, hoogte = min(y_nul, y_w), abs(y_w - y_nul)
            tekst = aantal(ruw) + (f" ({procent(ruw, g.aantal)})" if aandeel and ruw is not None and g.aantal else "")
            titel = f"{g.label}: {tekst} {woord}"
            inhoud.append(f'<rect x="{fq(cx - staaf / 2)}" y="{fq(y0)}" width="{fq(staaf)}" '
                          f'height="{fq(max(hoogte, 0.0))}" fill="{kleur}" class="staaf"><title>{esc(titel)}</title>'
                          "</rect>")
            if ruw and met_labels:
                label = procent(ruw, g.aantal) if aandeel and g.aantal else kort(float(ruw), False)
                ly = y0 - 4 if omhoog else y0 + hoogte + 12
                inhoud.append(txt(cx, ly, label, grootte=10, kleur="#495057"))
        if i % label_elke == 0:
            inhoud.append(txt(cx, b_bodem + 22, afgekapt(g.label, band * label_elke - 4, 11), grootte=11,
                                 kleur="#343a40"))
    inhoud.append(legendablok(b - rechts, 258, [(KLEUR_WINST, "winnaars / stijging"), (KLEUR_VERLIES,
                                                                                    "verliezers / daling")]))
    hoogte_svg = b_bodem + 36
    extremen = [g for g in groepen if g.gemiddelde is not None]
    beschrijving = f"Staafdiagram: gemiddelde verandering van {uitvoer} en winnaars en verliezers per {groepering}"
    if extremen:
        laag = min(extremen, key=lambda g: g.gemiddelde or 0)
        hoog = max(extremen, key=lambda g: g.gemiddelde or 0)
        beschrijving += (f"; grootste daling in {laag.label} ({verschil(laag.gemiddelde)}), grootste stijging in "
                         f"{hoog.label} ({verschil(hoog.gemiddelde)})")
    svg = svg_doc(b, hoogte_svg, beschrijving + ".", beschrijving, inhoud)
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
    return figuur(svg, bijschrift, tabel(kop, rijen, f"{uitvoer} per {groepering}"), anker)


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
        t = streepjes(lo - marge, hi + marge * 0.3, 5, True)
        as_lo, as_hi = t[0], max(t[-1], hi)
    else:
        t = streepjes(min(0.0, lo), max(0.0, hi), 5, True)
        as_lo, as_hi = min(t[0], lo, 0.0), max(t[-1], hi, 0.0)
    s = Schaal(as_lo, as_hi, bodem, top)
    n = len(labels)
    band = (b - links - rechts) / n
    staaf = min(120.0, band * 0.56)
    inhoud = [txt(links, 22, f"Budgeteffect {uitvoer}: van huidig naar voorstel", "start", 13, "#212529", "bold")]
    inhoud += y_as(s, t, links, b - rechts)
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
        inhoud.append(f'<rect x="{fq(cx - staaf / 2)}" y="{fq(y0)}" width="{fq(staaf)}" height="{fq(hoogte)}" '
                      f'fill="{kleur}" class="staaf"><title>{esc(titel)}</title></rect>')
        if gebroken and (i == 0 or i == n - 1):
            inhoud.append(_zigzag(cx - staaf / 2, staaf, bodem - 14))
        ly = y0 - 6 if (i in (0, n - 1) or stappen[i - 1][1] >= 0) else y0 + hoogte + 14
        if band >= 64 or i in (0, n - 1):
            inhoud.append(txt(cx, ly, tekst, grootte=12, kleur="#212529", gewicht="bold"))
        inhoud.append(txt(cx, bodem + 20, afgekapt(label, band - 6), grootte=12, kleur="#343a40"))
        if vorige_y is not None:
            x_a = cx - band + staaf / 2
            inhoud.append(f'<line x1="{fq(x_a)}" y1="{fq(vorige_y)}" x2="{fq(cx - staaf / 2)}" y2="{fq(vorige_y)}" '
                          'stroke="#868e96" stroke-dasharray="3 3"/>')
        vorige_y = s(float(niveaus[i])) if i < n - 1 else None
    if gebroken:
        inhoud.append(txt(links, bodem + 42, f"De verticale as begint niet bij nul maar bij {kort(as_lo)}.",
                             "start", 11, "#868e96"))
    totaal = na - voor
    label = (f"Watervaldiagram: {uitvoer} gaat van {bedrag(voor)} naar {bedrag(na)}, een verandering van "
             f"{verschil(totaal)}" + (f", opgebouwd uit {len(stappen)} bijdragen" if len(stappen) > 1 else "") + ".")
    if gebroken:
        label += f" De verticale as begint bij {kort(as_lo)}."
    svg = svg_doc(b, bodem + (52 if gebroken else 34), label, f"Budgeteffect {uitvoer}", inhoud)
    rijen = [["Huidig totaal", bedrag(voor), bedrag(voor)]]
    rijen += [[naam, verschil(v), bedrag(niveau)] for (naam, v), niveau in zip(stappen, niveaus[1:], strict=True)]
    rijen.append(["Voorstel totaal", bedrag(na), bedrag(na)])
    if niveaus[-1] != na:
        rijen.append(["Niet toegerekend", verschil(na - niveaus[-1]), bedrag(na)])
    tab = tabel(["stap", "bedrag", "cumulatief"], rijen, f"Budgeteffect {uitvoer}")
    return figuur(svg, bijschrift or esc(label), tab, anker)


def _zigzag(x: float, breedte: float, y: float, kleur: str = "#ffffff") -> str:
    """An axis-break mark: a white zigzag across a bar whose foot is cut off."""
    stappen = max(2, int(breedte / 8))
    dx = breedte / stappen
    punten = " ".join(f"{fq(x + k * dx)},{fq(y + (4 if k % 2 else -4))}" for k in range(stappen + 1))
    return f'<polyline points="{punten}" fill="none" stroke="{kleur}" stroke-width="3" class="asbreuk"/>'
