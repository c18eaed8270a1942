"""`regelspraak dekking MODEL`: per article and lid of the laws in scope — formalised (by which
rules and declarations), deliberately not formalised (with the reason), or not covered."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from regelspraak.cli.app import BEVINDINGEN, OK, Formaat, app, print_json, stdout, stop_onbruikbaar
from regelspraak.cli.laws import laws_or_stop
from regelspraak.cli.loading import load_or_stop
from regelspraak.diagnostics import Diagnostic, Ernst
from regelspraak.model import citations
from regelspraak.model.coverage import coverage
from regelspraak.values.notation import parse_getal


def _drempel(minimaal: str | None, formaat: Formaat) -> Fraction | None:
    """`--minimaal` as a percentage from 0 to 100 (`80`, `"80%"`, `"82,5"`)."""
    if minimaal is None:
        return None
    try:
        waarde = parse_getal(minimaal.strip().rstrip("%"))[0]
    except ValueError as e:
        stop_onbruikbaar([Diagnostic("RS902", Ernst.FOUT, f"--minimaal: {e}")], formaat)
    if not 0 <= waarde <= 100:
        stop_onbruikbaar([Diagnostic("RS902", Ernst.FOUT, f"--minimaal is een percentage van 0 tot 100, niet "
                                                          f"'{minimaal}'.")], formaat)
    return waarde


@app.command("dekking")
def dekking(
    model_pad: Path = typer.Argument(..., metavar="MODEL", help="Model: map met wet.yaml."),  # noqa: B008
    minimaal: str | None = typer.Option(None, "--minimaal", help="Exit 1 als de dekking onder dit percentage ligt."),
    formaat: Formaat = typer.Option(Formaat.tekst, "--formaat", help="tekst of json"),  # noqa: B008
) -> None:
    """Dekking van de wet door regels, per artikel en lid."""
    drempel = _drempel(minimaal, formaat)  # before the work: a bad option is exit 2, never a crash
    files, model, _ = load_or_stop(model_pad, formaat)
    wetten = laws_or_stop(files, formaat)
    gevonden, _ = citations.resolve(model, wetten)
    rows = coverage(wetten, gevonden)
    n_form = sum(r.status == "geformaliseerd" for r in rows)
    n_uit = sum(r.status == "niet te formaliseren" for r in rows)
    noemer = len(rows) - n_uit
    pct = Fraction(100 * n_form, noemer) if noemer else Fraction(100)
    onder = drempel is not None and pct < drempel
    samenvatting = (f"{n_form} van {noemer} te formaliseren leden geformaliseerd ({float(pct):.1f}%); "
                    f"{n_uit} niet te formaliseren; {len(rows) - n_form - n_uit} niet gedekt.")
    if formaat is Formaat.json:
        data: dict[str, Any] = {"leden": [r.__dict__ for r in rows], "geformaliseerd": n_form,
                                "niet_te_formaliseren": n_uit, "niet_gedekt": len(rows) - n_form - n_uit,
                                "percentage": f"{float(pct):.1f}", "samenvatting": samenvatting}
        if drempel is not None:
            data["onder_minimum"] = onder
        print_json(data)
    else:
        t = Table("wet", "artikel / lid", "status", "door / reden", show_lines=False)
        kleur = {"geformaliseerd": "green", "niet te formaliseren": "blue", "niet gedekt": "red"}
        for r in rows:
            extra = ", ".join(r.door) if r.door else (r.reden or "")
            if r.afbeelding:
                extra += " [formule als afbeelding: handgeschreven regel nodig]"
            t.add_row(escape(r.wet), escape(r.citaat), f"[{kleur[r.status]}]{r.status}[/]", escape(extra))
        con = stdout()
        con.print(t)
        con.print(samenvatting)
        if onder:
            con.print(f"[red]Onder het minimum van {minimaal}%.[/]")
    raise typer.Exit(BEVINDINGEN if onder else OK)
