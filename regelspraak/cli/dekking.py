"""`regelspraak dekking MODEL`: per article and lid of the laws in scope — formalised (by which
rules and declarations), deliberately not formalised (with the reason), or not covered."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from regelspraak.cli.app import BEVINDINGEN, OK, Formaat, app, print_json, stdout
from regelspraak.cli.laws import laws_or_stop
from regelspraak.cli.loading import load_or_stop
from regelspraak.cli.opties import procent
from regelspraak.values.leesbaar import percentage


@app.command("dekking")
def dekking(
    model_pad: Path = typer.Argument(..., metavar="MODEL", help="Model: map met wet.yaml."),  # noqa: B008
    minimaal: Fraction | None = typer.Option(None, "--minimaal", parser=procent,  # noqa: B008
                                             help="Exit 1 als de dekking onder dit percentage ligt (80 of 80%)."),
    formaat: Formaat = typer.Option(Formaat.tekst, "--formaat", help="tekst of json"),  # noqa: B008
) -> None:
    """Dekking van de wet door regels, per artikel en lid."""
    from regelspraak.model import citations
    from regelspraak.model.coverage import coverage
    from regelspraak.report.aannames import aannames_in_parameters

    files, model, _ = load_or_stop(model_pad, formaat)
    wetten = laws_or_stop(files, formaat)
    gevonden, _ = citations.resolve(model, wetten)
    rows = coverage(wetten, gevonden)
    n_form = sum(r.status == "geformaliseerd" for r in rows)
    n_uit = sum(r.status == "niet te formaliseren" for r in rows)
    noemer = len(rows) - n_uit
    pct = Fraction(100 * n_form, noemer) if noemer else Fraction(100)
    drempel = minimaal
    onder = drempel is not None and pct < drempel
    samenvatting = (f"{n_form} van {noemer} te formaliseren leden geformaliseerd ({percentage(pct)}); "
                    f"{n_uit} niet te formaliseren; {len(rows) - n_form - n_uit} niet gedekt.")
    aannames = aannames_in_parameters(files.parameters)  # assumptions must never pass for law
    per_wet = _per_wet(rows)
    if formaat is Formaat.json:
        data: dict[str, Any] = {"leden": [r.__dict__ for r in rows], "geformaliseerd": n_form,
                                "niet_te_formaliseren": n_uit, "niet_gedekt": len(rows) - n_form - n_uit,
                                "percentage": f"{float(pct):.1f}", "samenvatting": samenvatting,
                                "aannames": aannames, "per_wet": per_wet}
        if drempel is not None:
            data["onder_minimum"] = onder
        print_json(data)
    else:
        t = Table("wet", "artikel / lid", "status", "door / reden", show_lines=False)
        kleur = {"geformaliseerd": "green", "niet te formaliseren": "blue", "niet gedekt": "red"}
        for r in rows:
            extra = ", ".join(r.door) if r.door else (r.reden or "")
            if r.beperking:
                extra += f" [beperking: {r.beperking}]"
            if r.afbeelding:
                extra += " [formule als afbeelding: handgeschreven regel nodig]"
            t.add_row(escape(r.wet), escape(r.citaat), f"[{kleur[r.status]}]{r.status}[/]", escape(extra))
        con = stdout()
        con.print(t)
        if len(per_wet) > 1:  # a composed model (model.yaml): each law its own line
            for w in per_wet:
                deel = Fraction(100 * w["geformaliseerd"], w["te_formaliseren"]) if w["te_formaliseren"] else 100
                con.print(f"{escape(w['wet'])}: {w['geformaliseerd']} van {w['te_formaliseren']} te formaliseren "
                          f"leden geformaliseerd ({percentage(Fraction(deel))}).")
        con.print(samenvatting)
        for a in aannames:
            con.print(f"[bold red]AANNAME[/] {escape(a.removeprefix('AANNAME '))}")
        if onder:
            con.print(f"[red]Onder het minimum van {percentage(drempel or 0)}.[/]")
    raise typer.Exit(BEVINDINGEN if onder else OK)


def _per_wet(rows: list[Any]) -> list[dict[str, Any]]:
    """Coverage per law, in the order of the rows (a base's laws first): a composed model spans
    several laws, and a high total can hide a law that is barely covered."""
    out: list[dict[str, Any]] = []
    for wet in dict.fromkeys(r.wet for r in rows):
        eigen = [r for r in rows if r.wet == wet]
        n_form = sum(r.status == "geformaliseerd" for r in eigen)
        noemer = len(eigen) - sum(r.status == "niet te formaliseren" for r in eigen)
        pct = Fraction(100 * n_form, noemer) if noemer else Fraction(100)
        out.append({"wet": wet, "geformaliseerd": n_form, "te_formaliseren": noemer,
                    "niet_gedekt": noemer - n_form, "percentage": f"{float(pct):.1f}"})
    return out
