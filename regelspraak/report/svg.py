"""What every chart of the HTML report is drawn with: escaping, colours, SVG text, round axis
ticks, a linear scale with its value axis, a legend, and the `<figure>` that holds one
`<svg role="img" aria-label=…>`, a `<figcaption>`, and a data table with the exact numbers in a
`<details>`. Floats are used only for pixel positions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from regelspraak.report.notation import kort


def esc(v: object) -> str:
    """Text (of any value) safe for HTML element content and quoted attribute values."""
    return escape(v if isinstance(v, str) else str(v), quote=True)


KLEUR_HUIDIG = "#9aa4b0"
KLEUR_VOORSTEL = "#154273"
KLEUR_WINST = "#2f9e44"
KLEUR_VERLIES = "#c92a2a"
KLEUR_DREMPEL = "#d9480f"
KLEUR_STIJGING = "#e67700"
KLEUR_DALING = "#1971c2"
KLEUR_AS = "#495057"
KLEUR_RASTER = "#e9ecef"


def fq(v: float) -> str:
    """A pixel coordinate, short and deterministic."""
    s = f"{v:.1f}"
    return s[:-2] if s.endswith(".0") else s


def txt(x: float, y: float, inhoud: str, anker: str = "middle", grootte: int = 12, kleur: str = "#343a40",
           gewicht: str = "normal", klasse: str = "") -> str:
    k = f' class="{klasse}"' if klasse else ""
    return (f'<text x="{fq(x)}" y="{fq(y)}" text-anchor="{anker}" font-size="{grootte}" fill="{kleur}"'
            f' font-weight="{gewicht}"{k}>{esc(inhoud)}</text>')


def afgekapt(tekst: str, breedte: float, grootte: int = 12) -> str:
    """Shorten a label to fit `breedte` pixels (the full text stays in the bar's <title>)."""
    past = max(3, int(breedte / (grootte * 0.58)))
    return tekst if len(tekst) <= past else tekst[: past - 1] + "…"


def streepjes(lo: float, hi: float, n: int = 5, dekkend: bool = False) -> list[float]:
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


def figuur(svg: str, bijschrift: str, tabel: str, anker: str | None) -> str:
    a = f' id="{esc(anker)}"' if anker else ""
    return (f'<figure class="grafiek"{a}>\n{svg}\n<figcaption>{bijschrift}</figcaption>\n'
            f'<details class="cijfers"><summary>Cijfers bij deze grafiek</summary>\n{tabel}\n</details>\n</figure>')


def svg_doc(breedte: int, hoogte: int, label: str, titel: str, inhoud: Sequence[str]) -> str:
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
class Schaal:
    """A linear map from data values to pixels."""

    d0: float
    d1: float
    p0: float
    p1: float

    def __call__(self, v: float) -> float:
        if self.d1 == self.d0:
            return (self.p0 + self.p1) / 2
        return self.p0 + (v - self.d0) / (self.d1 - self.d0) * (self.p1 - self.p0)


def y_as(schaal: Schaal, ticks: Sequence[float], x0: float, x1: float, euro: bool = True) -> list[str]:
    out = []
    stap = ticks[1] - ticks[0] if len(ticks) > 1 else None
    for t in ticks:
        y = schaal(t)
        kleur = KLEUR_AS if t == 0 else KLEUR_RASTER
        out.append(f'<line x1="{fq(x0)}" y1="{fq(y)}" x2="{fq(x1)}" y2="{fq(y)}" stroke="{kleur}" stroke-width="1"/>')
        out.append(txt(x0 - 6, y + 4, kort(t, euro, stap), "end", 11, "#495057"))
    return out


def legendablok(rechts: float, y: float, items: Sequence[tuple[str, str]], lijn: bool = False) -> str:
    """A legend right-aligned at `rechts`; items are (colour, label)."""
    delen = []
    x = rechts
    for kleur, label in reversed(items):
        breedte = len(label) * 6.6
        x -= breedte
        delen.append(txt(x, y, label, "start", 12, "#343a40"))
        x -= 22
        if lijn:
            delen.append(f'<line x1="{fq(x)}" y1="{fq(y - 4)}" x2="{fq(x + 16)}" y2="{fq(y - 4)}" stroke="{kleur}" '
                         'stroke-width="4"/>')
        else:
            delen.append(f'<rect x="{fq(x + 2)}" y="{fq(y - 10)}" width="12" height="12" fill="{kleur}"/>')
        x -= 14
    return '<g class="legenda">' + "".join(delen) + "</g>"
