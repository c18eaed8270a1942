"""`regelspraak analyseer MODEL`: conflicts, gaps, cliffs and misreporting incentives, traced to
their articles; `--basis` reports only what is new (the CI gate for a draft bill)."""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from regelspraak.analyses.context import Context, load
from regelspraak.analyses.findings import Finding
from regelspraak.analyses.registry import ANALYSES
from regelspraak.cli.app import BEVINDINGEN, OK, Formaat, app, print_json, stdout, stop_onbruikbaar
from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.origin import Herkomst, Span
from regelspraak.report import findings as render
from regelspraak.values.notation import parse_datum


class AnalyseFormaat(StrEnum):
    tekst = "tekst"
    json = "json"
    sarif = "sarif"
    junit = "junit"


def run_all(ctx: Context) -> tuple[list[Finding], dict[str, int]]:
    out: list[Finding] = []
    per: dict[str, int] = {}
    for analyse in ANALYSES:
        fs = analyse(ctx)
        per[analyse.__name__] = len(fs)
        for f in fs:
            f.details.setdefault("_analyse", analyse.__name__)
        out.extend(fs)
    return out, per


def _basis_ids(basis: Path, rekendatum: date, budget: float) -> set[str]:
    """Finding ids of a previous JSON result, or of another version of the model."""
    if basis.is_file() and basis.suffix == ".json":
        try:
            data: Any = json.loads(basis.read_text("utf-8"))
            return {str(f["id"]) for f in data["bevindingen"]}
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise DiagnosticError([Diagnostic("RS901", Ernst.FOUT, f"--basis is geen resultaat van 'analyseer "
                                              f"--formaat json': {e}.", Herkomst(Span(str(basis), 1, 1)))]) from e
    ctx = load(basis, rekendatum, budget)
    return {f.id for f in run_all(ctx)[0]}


def standaard_rekendatum(pad: Path) -> date:
    """The rekendatum of the model's first analysis template, else today."""
    from regelspraak.inputs import analyse_yaml

    a = (pad / "analyse.yaml") if pad.is_dir() else pad.parent / "analyse.yaml"
    if a.is_file():
        try:
            bestand, _ = analyse_yaml.read(a)
            if bestand.sjablonen and bestand.sjablonen[0].gegevens.rekendatum is not None:
                return parse_datum(bestand.sjablonen[0].gegevens.rekendatum)
        except (DiagnosticError, ValueError):
            pass
    return date.today()


@app.command("analyseer")
def analyseer(
    model_pad: Path = typer.Argument(..., metavar="MODEL", help="Model: map met .rgs, analyse.yaml, wet.yaml."),  # noqa: B008
    rekendatum: str | None = typer.Option(None, "--rekendatum",
                                          help="Rekendatum (standaard die van het eerste sjabloon)."),
    budget: float = typer.Option(20.0, "--budget", help="Seconden per analyse."),
    basis: Path | None = typer.Option(  # noqa: B008
        None, "--basis", help="Eerder JSON-resultaat of ander model: alleen nieuwe bevindingen."),
    formaat: AnalyseFormaat = typer.Option(AnalyseFormaat.tekst, "--formaat", help="tekst, json, sarif of junit"),  # noqa: B008
) -> None:
    """Zoek tegenstrijdigheden, hiaten, kliffen en misbruikprikkels; elke bevinding met artikel."""
    base = Formaat.tekst if formaat is AnalyseFormaat.tekst else Formaat.json
    try:
        datum = parse_datum(rekendatum) if rekendatum is not None else standaard_rekendatum(model_pad)
    except ValueError as e:
        stop_onbruikbaar([Diagnostic("RS902", Ernst.FOUT, f"--rekendatum: {e}", None)], base)
    try:
        ctx = load(model_pad, datum, budget)
        findings, per = run_all(ctx)
        if basis is not None:
            oud = _basis_ids(basis, datum, budget)
            findings = [f for f in findings if f.id not in oud]
    except DiagnosticError as e:
        stop_onbruikbaar(e.diagnostics, base)
    if formaat is AnalyseFormaat.json:
        print_json(render.as_json(findings, per))
    elif formaat is AnalyseFormaat.sarif:
        print_json(render.as_sarif(findings))
    elif formaat is AnalyseFormaat.junit:
        print(render.as_junit(findings, [a.__name__ for a in ANALYSES]))
    else:
        render.print_tekst(findings, stdout())
    raise typer.Exit(BEVINDINGEN if any(render.telt(f) for f in findings) else OK)
