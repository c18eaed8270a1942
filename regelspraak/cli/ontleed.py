"""`regelspraak ontleed WET`: a law text into a draft RegelSpraak model with bron on everything."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from regelspraak.cli.app import OK, Formaat, app, print_json, stdout, stop_onbruikbaar
from regelspraak.diagnostics import DiagnosticError
from regelspraak.law.load import lees_wet
from regelspraak.report.atomic import controleer_map, schrijf_map
from regelspraak.syntax.from_law import ontwerp


@app.command("ontleed")
def ontleed(
    wet: Path = typer.Argument(..., help="Wettekst: BWB-XML of platte tekst."),  # noqa: B008
    uit: Path | None = typer.Option(None, "--uit", help="Map voor ontwerp.rgs en parameters.yaml."),  # noqa: B008
    formaat: Formaat = typer.Option(Formaat.tekst, "--formaat", help="tekst of json"),  # noqa: B008
) -> None:
    """Maak uit een wettekst een ontwerp-model: begrippen, parameters, regelskeletten, verwijzingen."""
    try:
        if uit is not None:
            controleer_map(uit, "ontwerp")
        w = lees_wet(wet)
        o = ontwerp(w)
        if uit is not None:
            with schrijf_map(uit, "ontwerp") as tmp:
                (tmp / "ontwerp.rgs").write_text(o.rgs, "utf-8")
                (tmp / "parameters.yaml").write_text(o.parameters_yaml, "utf-8")
    except DiagnosticError as e:
        stop_onbruikbaar(e.diagnostics, formaat)
    if formaat is Formaat.json:
        print_json({"wet": w.citeertitel or w.titel, "aantallen": o.aantallen,
                    "bestanden": [str(uit / "ontwerp.rgs"), str(uit / "parameters.yaml")] if uit else [],
                    "rgs": None if uit else o.rgs})
    elif uit is None:
        print(o.rgs, end="")
    else:
        stdout().print(escape(f"{uit / 'ontwerp.rgs'}: " + ", ".join(f"{v} {k}" for k, v in o.aantallen.items())))
    raise typer.Exit(OK)
