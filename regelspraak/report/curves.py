"""The output of a rule model against one input, before and after a bill, as two step lines (the
explored sweep curves): the whole range with the thresholds marked, and zoomed panels around the
largest cliffs, so that a drop of € 24 on a scale of € 1.500 is plainly visible. Part of the
HTML report of `regelspraak vergelijk`, drawn like the other charts (`charts`, `svg`).

>>> r = Reeks.uit([[0, 100], [1000, 100], [1001, 76], ["x", 1]])
>>> r.xs, [s.klif for s in r.sprongen()]
((Fraction(0, 1), Fraction(1000, 1), Fraction(1001, 1)), [True])
>>> fig = kromme("zorgtoeslag", "inkomen", r, r, [Fraction(1000)], "voorbeeld", "Figuur 1.")
>>> 'role="img"' in fig and "klif" in fig and "<table" in fig
True
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

from regelspraak.report.notation import bedrag, getal, kort, verschil
from regelspraak.report.svg import (
    KLEUR_AS,
    KLEUR_DREMPEL,
    KLEUR_HUIDIG,
    KLEUR_STIJGING,
    KLEUR_VERLIES,
    KLEUR_VOORSTEL,
    Schaal,
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


def _pad(reeks: Reeks, sx: Schaal, sy: Schaal, xa: Fraction, xb: Fraction) -> str:
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
    return "M" + " L".join(f"{fq(x)},{fq(y)}" for x, y in gehouden)


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
    inhoud = [txt(links, 20, f"{uitkomst} naar {invoer}", "start", 13, "#212529", "bold"),
              txt(links, 38, onderwerp, "start", 11, "#868e96"),
              legendablok(b - rechts, 24, [(KLEUR_HUIDIG, "huidig"), (KLEUR_VOORSTEL, "voorstel"),
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
        inhoud.append(txt(links, bodem + 62, "Ingezoomd rond " + ("de kliffen" if len(centra) > 1 else "de klif")
                             + " (zelfde lijnen, fijnere schaal)", "start", 13, "#212529", "bold"))
        tussen = 64
        breedte = (b - links - rechts - tussen * (len(centra) - 1)) / len(centra)
        for k, c in enumerate(centra):
            za = max(xmin, c.x1 - helft)
            zb = min(xmax, c.x1 + max(helft, (c.x1 - c.x0) * 3))
            x0 = links + k * (breedte + tussen)
            inhoud.append(txt(x0, z_top - 18, f"{invoer} {bedrag(za)} tot {bedrag(zb)}", "start", 11, "#495057"))
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
    svg = svg_doc(b, hoogte, beschrijving + ".", f"{uitkomst} naar {invoer}", inhoud)
    # Table: round grid values, each threshold, both sides of each cliff.
    opmerkingen: dict[Fraction, list[str]] = {}
    for t in streepjes(float(xmin), float(xmax), 8):
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
    return figuur(svg, bijschrift, tab, anker)


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
    ty = streepjes(ylo, yhi, 5 if groot else 4, True)
    d0, d1 = min(ty[0], ylo), max(ty[-1], yhi)
    sy = Schaal(d0 - (d1 - d0) * 0.04, d1, bodem, top)  # a little room below, so a line at 0 clears the axis
    sx = Schaal(float(xa), float(xb), x0, x1)
    out = y_as(sy, ty, x0, x1)
    tx = streepjes(float(xa), float(xb), 8 if groot else 3)
    stap = tx[1] - tx[0] if len(tx) > 1 else None
    for t in tx:
        px = sx(t)
        anker = "end" if px > x1 - 24 else "middle"
        out.append(f'<line x1="{fq(px)}" y1="{fq(bodem)}" x2="{fq(px)}" y2="{fq(bodem + 4)}" stroke="{KLEUR_AS}"/>')
        out.append(txt(px, bodem + 17, kort(t, True, stap), anker, 11, "#495057"))
    if groot:
        out.append(txt((x0 + x1) / 2, bodem + 36, invoer, grootte=12, kleur="#343a40"))
    vorige_label = -1e9
    bezet: list[tuple[float, float, float, float]] = []  # label boxes (x0, x1, y0, y1): no label over another
    for d in drempels:
        if not xa <= d <= xb:
            continue
        px = sx(float(d))
        out.append(f'<line x1="{fq(px)}" y1="{fq(top - 6)}" x2="{fq(px)}" y2="{fq(bodem)}" stroke="{KLEUR_DREMPEL}" '
                   f'stroke-dasharray="5 4" stroke-width="1.3" class="drempel"><title>'
                   f"{esc(f'drempel: {invoer} {bedrag(d)}')}</title></line>")
        label = f"drempel {bedrag(d)}"
        breedte_label = len(label) * 6.0
        rechtsaf = px < x1 - 80
        lx0 = px + 4 if rechtsaf else px - 4 - breedte_label
        if lx0 > vorige_label:
            out.append(txt(px + (4 if rechtsaf else -4), top - 8, label, "start" if rechtsaf else "end", 10,
                           KLEUR_DREMPEL))
            bezet.append((lx0, lx0 + breedte_label, top - 18, top - 4))
            vorige_label = lx0 + breedte_label + 6
    vp = esc(clip)
    out.append(f'<clipPath id="{vp}"><rect x="{fq(x0 - 4)}" y="{fq(top - 6)}" width="{fq(x1 - x0 + 8)}" '
               f'height="{fq(bodem - top + 12)}"/></clipPath>')
    for reeks, kleur, breedte, naam in ((voor, "#adb5bd", 6.0, "huidig"), (na, KLEUR_VOORSTEL, 2.2, "voorstel")):
        pad = _pad(reeks, sx, sy, xa, xb)
        if pad:
            out.append(f'<path d="{pad}" fill="none" stroke="{kleur}" stroke-width="{breedte}" '
                       f'stroke-linejoin="round" clip-path="url(#{vp})" class="lijn"><title>{esc(naam)}</title></path>')
    zichtbaar = [(s, kant) for s, kant in sprongen if xa <= s.x1 <= xb]
    labels = 0
    for s, kant in sorted(zichtbaar, key=lambda p: -abs(p[0].y1 - p[0].y0))[:50]:
        px = sx(float(s.x1))
        ya, yb = sy(float(s.y0)), sy(float(s.y1))
        kleur = KLEUR_VERLIES if s.klif else KLEUR_STIJGING
        titel = esc(f"{kant}: {s.tekst(invoer)}")
        out.append(f'<g class="klif"><title>{titel}</title>'
                   f'<line x1="{fq(px)}" y1="{fq(ya)}" x2="{fq(px)}" y2="{fq(yb)}" stroke="{kleur}" '
                   'stroke-width="3.5"/>'
                   f'<circle cx="{fq(px)}" cy="{fq(ya)}" r="4" fill="#fff" stroke="{kleur}" stroke-width="2"/>'
                   f'<circle cx="{fq(px)}" cy="{fq(yb)}" r="4" fill="{kleur}"/></g>')
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
            out.append(txt(lx, ly, label, "start" if naar_rechts else "end", 11, kleur, "bold"))
            labels += 1
    return out
