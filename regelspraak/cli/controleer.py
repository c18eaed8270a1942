"""`regelspraak controleer PAD…`: parse and check models; diagnostics; exit 1 on errors."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from regelspraak.cli.app import BEVINDINGEN, OK, Formaat, app, print_json, stdout
from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst, fouten
from regelspraak.origin import Herkomst
from regelspraak.report import diagnostics as render

if TYPE_CHECKING:
    from regelspraak.model import folder, ir


def check_paths(paden: list[Path]) -> list[Diagnostic]:
    """The diagnostics of every model named, each once. A model named twice (also as `awir` and
    `./awir/`) is loaded once; a base named beside a model built on it (`wetten/zorgtoeslag
    wetten/awir`) is still checked on its own (a base must stand alone), but what the composed model
    already reported about the base's files is not reported again."""
    diags: list[Diagnostic] = []
    for pad in dict.fromkeys(_sleutel(p) for p in paden):
        diags.extend(_check(pad))
    return list(dict.fromkeys(diags))


def _sleutel(pad: Path) -> Path:
    """One spelling per model, lexically (links are not followed, so messages keep the user's
    names): `awir/`, `./awir` and the absolute path of the same folder are one model. Relative to
    the working folder when the path lies under it, as the bases of a composed model are shown."""
    echt = Path(os.path.normpath(os.path.abspath(pad)))
    hier = Path(os.path.abspath(Path.cwd()))
    return Path(os.path.relpath(echt, hier)) if echt.is_relative_to(hier) else echt


def _check(pad: Path) -> list[Diagnostic]:
    from regelspraak.model import folder
    from regelspraak.model.from_syntax import load_model

    try:
        files = folder.find(pad)
    except DiagnosticError as e:
        return e.diagnostics
    model, diags = load_model(list(files.rgs))
    if not fouten(diags):
        diags = [*diags, *_unreachable(model, list(files.parameters)), *_bronnen(model, files)]
        for regel in model.regels:
            if regel.bron is None:
                diags.append(Diagnostic("RS601", Ernst.WAARSCHUWING, f"Regel '{regel.naam}' heeft geen bron.",
                                        Herkomst(regel.herkomst.span),
                                        hulp="Voeg 'bron: artikel …' toe, of 'bron: geen — reden'."))
    return diags


def _unreachable(model: ir.Model, parameter_bestanden: list[Path]) -> list[Diagnostic]:
    """RS301: a version that can never run because a parameter it reads has no value anywhere
    in the version's period."""
    from regelspraak.inputs.files import parameter_periodes

    if not parameter_bestanden:
        return _zonder_parameterbestand(model)
    try:
        periodes = parameter_periodes(parameter_bestanden, model)
    except DiagnosticError as e:
        return e.diagnostics
    out: list[Diagnostic] = []
    for regel in model.regels:
        for v in regel.versies:
            van, tm = v.vanaf or date.min, v.tot_en_met or date.max
            for naam in sorted(_parameters_read(v)):
                if not any(a <= tm and van <= b for a, b in periodes.get(naam, [])):
                    out.append(Diagnostic("RS301", Ernst.WAARSCHUWING,
                                          f"Versie '{v.beschrijf()}' van regel '{regel.naam}' kan nooit worden "
                                          f"uitgevoerd: parameter '{model.parameters[naam].naam}' heeft in die "
                                          "periode geen waarde.", Herkomst(v.herkomst.span)))
                    break
    return out


def _zonder_parameterbestand(model: ir.Model) -> list[Diagnostic]:
    """RS916: rules read parameters, but the model has no parameter file to give them a value
    (every computation would stop on the missing value)."""
    out: list[Diagnostic] = []
    gemeld: set[str] = set()
    for regel in model.regels:
        for v in regel.versies:
            for naam in sorted(_parameters_read(v) - gemeld):
                gemeld.add(naam)
                out.append(Diagnostic(
                    "RS916", Ernst.FOUT, f"Regel '{regel.naam}' gebruikt parameter '{model.parameters[naam].naam}', "
                    "maar het model heeft geen parameterbestand.", Herkomst(v.herkomst.span),
                    "Zet de waarden met hun geldigheid en bron in parameters.yaml naast het model."))
    return out


def _bronnen(model: ir.Model, files: folder.ModelFiles) -> list[Diagnostic]:
    """RS602: every bron that names a law of wet.yaml must point at an existing article/lid."""
    from regelspraak.inputs import wet_yaml
    from regelspraak.model import citations

    if not files.wetten:
        return []
    try:
        wetten = wet_yaml.read_all(files.wetten)
    except DiagnosticError as e:
        return e.diagnostics
    return citations.resolve(model, wetten)[1]


def _parameters_read(v: ir.Versie) -> set[str]:
    from regelspraak.model import ir
    from regelspraak.model.order import roots_of, walk_expr

    return {n.naam for root in roots_of(v) for n in walk_expr(root) if isinstance(n, ir.ParameterRef)}


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
