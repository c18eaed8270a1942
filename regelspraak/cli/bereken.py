"""`regelspraak bereken MODEL --gegevens GEVAL`: compute one case, optionally explained."""

from __future__ import annotations

from pathlib import Path

import typer

from regelspraak.cli.app import BEVINDINGEN, OK, Formaat, app, print_json, stdout, stop_onbruikbaar
from regelspraak.cli.laws import laws_or_stop
from regelspraak.cli.loading import load_or_stop
from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.values.notation import parse_datum


@app.command("bereken")
def bereken(
    model_pad: Path = typer.Argument(..., metavar="MODEL", help="Model: map of .rgs-bestand."),  # noqa: B008
    gegevens: Path = typer.Option(..., "--gegevens", help="Geval (YAML of JSON)."),  # noqa: B008
    rekendatum: str | None = typer.Option(None, "--rekendatum", help="Rekendatum (2025-07-01 of 01-07-2025)."),
    uitleg: bool = typer.Option(False, "--uitleg", help="Toon per berekende waarde regel, bron en invoer."),
    met_wettekst: bool = typer.Option(False, "--met-wettekst", help="Toon bij --uitleg de tekst van elk artikel."),
    formaat: Formaat = typer.Option(Formaat.tekst, "--formaat", help="tekst of json"),  # noqa: B008
) -> None:
    """Bereken één geval met de referentie-interpreter."""
    from regelspraak.evaluate.interpret import run
    from regelspraak.inputs.files import read_case
    from regelspraak.model import citations
    from regelspraak.report import results

    files, model, _ = load_or_stop(model_pad, formaat)
    datum = None
    if rekendatum is not None:
        try:
            datum = parse_datum(rekendatum)
        except ValueError as e:
            stop_onbruikbaar([Diagnostic("RS902", Ernst.FOUT, f"--rekendatum: {e}", None)], formaat)
    try:
        g = read_case(gegevens, model, model.eenheden, datum, list(files.parameters))
    except DiagnosticError as e:
        stop_onbruikbaar(e.diagnostics, formaat)
    uitkomst = run(model, g)
    if uitkomst.fouten:
        stop_onbruikbaar(uitkomst.fouten, formaat)
    teksten: dict[str, str] = {}
    if met_wettekst:
        for found in citations.resolve(model, laws_or_stop(files, formaat))[0]:
            teksten[found.ref.jci() or ""] = found.node.volledige_tekst()
    if formaat is Formaat.json:
        print_json(results.as_json(model, uitkomst, uitleg, teksten))
    else:
        results.print_tekst(model, uitkomst, uitleg, stdout(), teksten, g.parameter_bronnen)
    raise typer.Exit(BEVINDINGEN if uitkomst.inconsistenties else OK)

