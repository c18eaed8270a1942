"""`regelspraak controleer PAD…`: parse and check models; diagnostics; exit 1 on errors."""

from __future__ import annotations

from pathlib import Path

import typer

from regelspraak.cli.app import BEVINDINGEN, OK, Formaat, app, print_json, stdout
from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst, fouten
from regelspraak.model import folder
from regelspraak.model.from_syntax import load_model
from regelspraak.origin import Herkomst
from regelspraak.report import diagnostics as render


def check_paths(paden: list[Path]) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    for pad in paden:
        try:
            files = folder.find(pad)
        except DiagnosticError as e:
            diags.extend(e.diagnostics)
            continue
        model, d = load_model(list(files.rgs))
        diags.extend(d)
        if not fouten(d):
            for regel in model.regels:
                if regel.bron is None:
                    diags.append(Diagnostic("RS601", Ernst.WAARSCHUWING, f"Regel '{regel.naam}' heeft geen bron.",
                                            Herkomst(regel.herkomst.span),
                                            hulp="Voeg 'bron: artikel …' toe, of 'bron: geen — reden'."))
    return diags


@app.command("controleer")
def controleer(
    paden: list[Path] = typer.Argument(..., help="Modellen: .rgs-bestanden of mappen."),  # noqa: B008
    formaat: Formaat = typer.Option(Formaat.tekst, "--formaat", help="tekst of json"),  # noqa: B008
) -> None:
    """Lees en controleer RegelSpraak-modellen: namen, typen, eenheden, versies, cycli."""
    diags = check_paths(paden)
    n_fout = len(fouten(diags))
    if formaat is Formaat.json:
        print_json({"diagnostieken": [render.as_json(d) for d in diags], "fouten": n_fout,
                    "waarschuwingen": len(diags) - n_fout})
    else:
        con = stdout()
        render.print_console(diags, con)
        kleur = "red" if n_fout else "green"
        con.print(f"[{kleur}]{n_fout} fout(en), {len(diags) - n_fout} waarschuwing(en).[/]")
    raise typer.Exit(BEVINDINGEN if n_fout else OK)
