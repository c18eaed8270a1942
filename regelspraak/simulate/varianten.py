"""Parameter sweeps: a scenario's `varianten:` (one or more parameter axes; every combination is
a variant) evaluated in one pass over the population, and the table and SVG chart of budget and
recipients per variant.

Each run of partitions is generated and mapped once and evaluated per variant (`delen.evalueer`),
so the inputs are read once; every variant's totals equal a separate run with that value.

>>> from regelspraak.simulate.scenario import Variant
>>> [v for v in stappen(Variant(parameter="p", van=100000, tot=250000, stappen=7))]
['100000', '125000', '150000', '175000', '200000', '225000', '250000']
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from pathlib import Path
from typing import Any

from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.origin import Herkomst, Span
from regelspraak.report.svg import esc
from regelspraak.simulate.run import Uitkomst
from regelspraak.simulate.scenario import MAX_VARIANTEN, Scenario, Variant
from regelspraak.values.notation import format_getal, parse_getal


def _fout(sc: Scenario, bericht: str) -> DiagnosticError:
    return DiagnosticError([Diagnostic("RS712", Ernst.FOUT, bericht, Herkomst(Span(str(sc.pad), 1, 1)))])


def stappen(v: Variant) -> list[Any]:
    """The values of one axis; evenly spaced steps are exact (written as Dutch decimals)."""
    if v.waarden:
        return list(v.waarden)
    van, _ = parse_getal(v.van)
    tot, _ = parse_getal(v.tot)
    n = v.stappen or 2
    return [format_getal(van + (tot - van) * Fraction(i, n - 1)).replace(".", ",") for i in range(n)]


def raster(sc: Scenario) -> list[dict[str, Any]]:
    """Every combination of the axes, first axis slowest; RS712 when there are too many."""
    try:
        assen = [(v.parameter, stappen(v)) for v in sc.bestand.varianten]
    except ValueError as e:
        raise _fout(sc, f"Varianten: {e}") from e
    aantal = 1
    for _, w in assen:
        aantal *= len(w)
    if aantal > MAX_VARIANTEN:
        raise _fout(sc, f"{aantal} varianten; ten hoogste {MAX_VARIANTEN} per scenario.")
    return [dict(zip([p for p, _ in assen], combinatie, strict=True))
            for combinatie in itertools.product(*(w for _, w in assen))]


def tabel(varianten: list[dict[str, Any]], uitkomsten: list[Uitkomst]) -> list[dict[str, Any]]:
    """Per variant and output: the parameter values, total, recipients, mean per recipient."""
    rijen = []
    for variant, u in zip(varianten, uitkomsten, strict=True):
        for naam, item in u.samenvatting["uitvoer"].items():
            rijen.append({"variant": {k: str(v) for k, v in variant.items()}, "uitvoer": naam,
                          "totaal": item["totaal"], "ontvangers": item["ontvangers"], "aantal": item["aantal"],
                          "gemiddeld_per_ontvanger": item["gemiddeld_per_ontvanger"]})
    return rijen


def label(variant: dict[str, Any]) -> str:
    return ", ".join(f"{k} = {v}" for k, v in variant.items())


def grafiek(rijen: list[dict[str, Any]], titel: str) -> str:
    """Two bar panels over the variants: budget (€ million) and recipients (thousands)."""
    b, h, links, boven, paneel = 720, 420, 70, 40, 150
    n = max(len(rijen), 1)
    breedte = (b - links - 20) / n
    delen = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{b}" height="{h}" viewBox="0 0 {b} {h}" role="img" '
             f'aria-label="{esc(titel)}">', f'<title>{esc(titel)}</title>',
             f'<text x="{b / 2:.1f}" y="20" text-anchor="middle" font-size="14">{esc(titel)}</text>']
    for p, (veld, kop, schaal, kleur) in enumerate((("totaal", "budget (mln €)", 1e6, "#154273"),
                                                    ("ontvangers", "ontvangers (×1000)", 1e3, "#2f9e44"))):
        y0 = boven + p * (paneel + 40)
        waarden = [int(r[veld]) / schaal for r in rijen]
        hoogste = max([abs(w) for w in waarden] + [1e-9])
        delen.append(f'<text x="10" y="{y0 + 12}" font-size="12">{esc(kop)}</text>')
        delen.append(f'<line x1="{links}" y1="{y0 + paneel}" x2="{b - 20}" y2="{y0 + paneel}" stroke="#495057"/>')
        for i, w in enumerate(waarden):
            hoogte = paneel * 0.85 * abs(w) / hoogste
            x = links + i * breedte + breedte * 0.15
            delen.append(f'<rect x="{x:.1f}" y="{y0 + paneel - hoogte:.1f}" width="{breedte * 0.7:.1f}" '
                         f'height="{hoogte:.1f}" fill="{kleur}"><title>{esc(label(rijen[i]["variant"]))}: '
                         f'{w:,.1f}</title></rect>')
            delen.append(f'<text x="{x + breedte * 0.35:.1f}" y="{y0 + paneel - hoogte - 3:.1f}" font-size="10" '
                         f'text-anchor="middle">{w:,.0f}</text>')
    for i, r in enumerate(rijen):
        x = links + (i + 0.5) * breedte
        tekst = " / ".join(str(v) for v in r["variant"].values())
        delen.append(f'<text x="{x:.1f}" y="{h - 12}" font-size="10" text-anchor="middle">{esc(tekst)}</text>')
    delen.append("</svg>")
    return "\n".join(delen) + "\n"


def tabel_tekst(rijen: list[dict[str, Any]]) -> str:
    """The table as tab-separated text (one line per variant and output)."""
    if not rijen:
        return ""
    kop = [*rijen[0]["variant"], "uitvoer", "totaal", "ontvangers", "aantal", "gemiddeld_per_ontvanger"]
    regels = ["\t".join(kop)]
    for r in rijen:
        regels.append("\t".join([*r["variant"].values(), r["uitvoer"], r["totaal"], str(r["ontvangers"]),
                                 str(r["aantal"]), str(r["gemiddeld_per_ontvanger"] or "")]))
    return "\n".join(regels) + "\n"


def schrijf(map_: Path, rijen: list[dict[str, Any]], titel: str) -> None:
    (map_ / "varianten.tsv").write_text(tabel_tekst(rijen), "utf-8")
    per_uitvoer: dict[str, list[dict[str, Any]]] = {}
    for r in rijen:
        per_uitvoer.setdefault(r["uitvoer"], []).append(r)
    for i, (naam, lijst) in enumerate(per_uitvoer.items()):
        achter = "" if i == 0 else f"-{i + 1}"
        (map_ / f"varianten{achter}.svg").write_text(grafiek(lijst, f"{titel}: {naam} per variant"), "utf-8")
