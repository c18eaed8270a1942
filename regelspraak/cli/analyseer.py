"""`regelspraak analyseer MODEL`: conflicts, gaps, cliffs and misreporting incentives, traced to
their articles; `--basis` reports only what is new (the CI gate for a draft bill)."""

from __future__ import annotations

import json
import math
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from rich.markup import escape

from regelspraak.analyses.limieten import RLIMIT_ANALYSE
from regelspraak.cli.app import (
    BEVINDINGEN,
    OK,
    Formaat,
    app,
    print_json,
    print_tekst,
    stderr,
    stdout,
    stop_onbruikbaar,
)
from regelspraak.cli.opties import geheel, positief, seconden
from regelspraak.cli.voortgang import voortgang
from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.origin import Herkomst, Span
from regelspraak.values.notation import parse_datum

if TYPE_CHECKING:  # the analyses import numpy and z3: only when a command runs (`--help` stays fast)
    from regelspraak.analyses.context import AnalyseGestopt, Context
    from regelspraak.analyses.findings import Finding


class AnalyseFormaat(StrEnum):
    tekst = "tekst"
    json = "json"
    sarif = "sarif"
    junit = "junit"


def check_limieten(budget: float | None, rekenlimiet: int, formaat: Formaat) -> None:
    """Exit 2 on a wall-clock budget that is not a positive finite number of seconds, or a negative
    resource limit (`nan`, `-1`, `inf` are refused, never silently read as 'no limit')."""
    if budget is not None and (not math.isfinite(budget) or budget <= 0):
        stop_onbruikbaar([Diagnostic("RS902", Ernst.FOUT, f"--budget moet een positief aantal seconden zijn, niet "
                                     f"'{budget}'.", None, hulp="Bijvoorbeeld --budget 60; laat de optie weg voor "
                                     "geen tijdslimiet.")], formaat)
    if rekenlimiet < 0:
        stop_onbruikbaar([Diagnostic("RS902", Ernst.FOUT, f"--rekenlimiet moet 0 of groter zijn, niet "
                                     f"'{rekenlimiet}'.", None)], formaat)


def gestopt(e: AnalyseGestopt, formaat: Formaat) -> NoReturn:
    """The wall-clock budget ran out: stop, say so, report no partial verdicts (exit 2)."""
    stop_onbruikbaar([Diagnostic("RS407", Ernst.FOUT, f"De analyse is gestopt: het tijdsbudget van {e.budget_s:g} s "
                                 "(--budget) is op. Er is geen (gedeeltelijk) oordeel gegeven.", None,
                                 hulp="Geef een ruimer --budget, of laat het weg; de uitkomsten hangen nooit van de "
                                 "rekentijd af, alleen of de analyse afkomt.")], formaat)


def analyseer_map(pad: Path, datum: date, budget: float | None, rekenlimiet: int,
                  beschrijving: str = "Analyseren", alleen: frozenset[str] | None = None, kernen: int = 1
                  ) -> tuple[Context, list[Finding], dict[str, int]]:
    """Load and analyse one model folder, with a progress display, the analyses on `kernen`
    processes. Raises DiagnosticError and AnalyseGestopt."""
    from regelspraak.analyses.context import load
    from regelspraak.analyses.registry import ANALYSES, run_all

    ctx = load(pad, datum, budget, rekenlimiet)
    with voortgang(f"{beschrijving} {pad.name}", totaal=len(ANALYSES)) as v:
        findings, per = run_all(ctx, lambda naam: v.stap(tekst=naam), alleen, kernen)
    return ctx, findings, per


def alleen_analyses(namen: list[str] | None, formaat: Formaat) -> frozenset[str] | None:
    """The analyses named with --alleen (exit 2 on an unknown name, listing the known ones)."""
    from regelspraak.analyses.registry import ANALYSES

    if not namen:
        return None
    bekend = [a.__name__ for a in ANALYSES]
    onbekend = [n for n in namen if n not in bekend]
    if onbekend:
        stop_onbruikbaar([Diagnostic("RS902", Ernst.FOUT, f"--alleen: onbekende analyse '{onbekend[0]}'.", None,
                                     hulp="Kies uit: " + ", ".join(bekend) + ".")], formaat)
    return frozenset(namen)


def _basis_ids(basis: Path, rekendatum: date, budget: float | None, rekenlimiet: int,
               alleen: frozenset[str] | None = None, kernen: int = 1) -> set[str]:
    """Finding ids of a previous JSON result, or of another version of the model."""
    if basis.is_file() and basis.suffix == ".json":
        return _basis_json(basis)
    return {f.id for f in analyseer_map(basis, rekendatum, budget, rekenlimiet, "Basis analyseren", alleen,
                                        kernen)[1]}


MAX_BASIS = 256 * 1024 * 1024  # an earlier result of a large model is tens of MB


def _basis_json(basis: Path) -> set[str]:
    """The finding ids of an earlier `analyseer --formaat json` result; a Dutch RS901 naming the
    file (and the line and column of a JSON error) when it is none. Bounded: size, and nesting
    (Python's json recurses, so a deeply nested file raised RecursionError, an internal error)."""
    from regelspraak.reading import Leesfout, lees_bytes

    def fout(reden: str, regel: int = 1, kolom: int = 1) -> DiagnosticError:
        return DiagnosticError([Diagnostic("RS901", Ernst.FOUT, f"--basis is geen resultaat van 'analyseer --formaat "
                                           f"json': {reden}.", Herkomst(Span(str(basis), regel, kolom)))])

    try:
        data: Any = json.loads(lees_bytes(basis, MAX_BASIS).decode("utf-8"))
    except Leesfout as e:
        raise fout(e.bericht) from e
    except UnicodeDecodeError as e:
        raise fout("geen geldige UTF-8-tekst") from e
    except json.JSONDecodeError as e:
        raise fout("geen geldige JSON", e.lineno, e.colno) from e  # json's own text is English
    except RecursionError as e:
        raise fout("te diep genest") from e
    bevindingen = data.get("bevindingen") if isinstance(data, dict) else None
    if not isinstance(bevindingen, list) or not all(isinstance(f, dict) and "id" in f for f in bevindingen):
        raise fout("er is geen lijst 'bevindingen' met een 'id' bij elke bevinding")
    return {str(f["id"]) for f in bevindingen}


def rekendatum_herkomst(pad: Path) -> tuple[date, str | None]:
    """The default rekendatum and where it comes from: the first template of analyse.yaml, else the
    first example case in gevallen/ (by name) that has one, so that a run gives the same findings
    tomorrow; None when neither gives one and today is used (the caller says so)."""
    from regelspraak.inputs import analyse_yaml, yaml_source

    map_ = pad if pad.is_dir() else pad.parent
    a = map_ / "analyse.yaml"
    if a.is_file():
        try:
            bestand, _ = analyse_yaml.read(a)
            if bestand.sjablonen and bestand.sjablonen[0].gegevens.rekendatum is not None:
                return parse_datum(bestand.sjablonen[0].gegevens.rekendatum), str(a)
        except (DiagnosticError, ValueError):
            pass  # reported when the analyses read it
    for g in sorted((map_ / "gevallen").glob("*.y*ml")) if (map_ / "gevallen").is_dir() else []:
        try:
            data = yaml_source.read(g).data
            geval = data.get("gegevens", data) if isinstance(data, dict) else None
            if isinstance(geval, dict) and geval.get("rekendatum") is not None:
                return parse_datum(str(geval["rekendatum"])), str(g)
        except (DiagnosticError, ValueError, TypeError):
            continue  # reported when `test` reads it
    return date.today(), None


def meld_vandaag(pad: Path, datum: date, herkomst: str | None) -> None:
    """A note on stderr when the rekendatum is today's date: the findings may change tomorrow."""
    if herkomst is None:
        stderr().print(f"[yellow]Let op:[/] rekendatum {datum:%d-%m-%Y} is de datum van vandaag: {escape(str(pad))} "
                       "heeft geen sjabloon met rekendatum in analyse.yaml en geen voorbeeldgeval in gevallen/. "
                       "Geef --rekendatum voor een uitkomst die morgen dezelfde is.", highlight=False)


@app.command("analyseer")
def analyseer(
    model_pad: Path = typer.Argument(..., metavar="MODEL", help="Model: map met .rgs, analyse.yaml, wet.yaml."),  # noqa: B008
    rekendatum: str | None = typer.Option(None, "--rekendatum",
                                          help="Rekendatum (standaard die van het eerste sjabloon)."),
    budget: float | None = typer.Option(None, "--budget", parser=seconden, help="Tijdslimiet in seconden voor de "
                                        "hele run: stopt de run (exit 2), verandert nooit een oordeel. "
                                        "Standaard geen."),
    rekenlimiet: int = typer.Option(RLIMIT_ANALYSE, "--rekenlimiet", parser=geheel, help="z3-rekeneenheden (rlimit) "
                                    "per analyse: deterministisch, op elke machine dezelfde oordelen."),
    basis: Path | None = typer.Option(  # noqa: B008
        None, "--basis", help="Eerder JSON-resultaat of ander model: alleen nieuwe bevindingen."),
    formaat: AnalyseFormaat = typer.Option(AnalyseFormaat.tekst, "--formaat", help="tekst, json, sarif of junit"),  # noqa: B008
    tegenvoorbeelden: Path | None = typer.Option(  # noqa: B008
        None, "--tegenvoorbeelden", help="Schrijf elk tegenvoorbeeld als geval (JSON) in deze map, klaar voor "
        "'bereken --gegevens'."),
    alleen: list[str] | None = typer.Option(  # noqa: B008
        None, "--alleen", help="Voer alleen deze analyse uit (herhaalbaar), bijvoorbeeld --alleen stapeling."),
    kernen: int | None = typer.Option(None, "--kernen", parser=positief,
                                      help="Processen op deze machine, elk voor een deel van de analyses "
                                           "(standaard: de beschikbare kernen, ten hoogste 4; 1: alleen dit "
                                           "proces). De bevindingen zijn dezelfde."),
) -> None:
    """Zoek tegenstrijdigheden, hiaten, kliffen en misbruikprikkels; elke bevinding met artikel."""
    from concurrent.futures.process import BrokenProcessPool

    from regelspraak.analyses.context import AnalyseGestopt
    from regelspraak.analyses.findings import telt
    from regelspraak.analyses.registry import ANALYSES
    from regelspraak.processen import beschikbaar
    from regelspraak.report import findings as render
    from regelspraak.report.atomic import controleer_map, schrijf_map

    base = Formaat.tekst if formaat is AnalyseFormaat.tekst else Formaat.json
    check_limieten(budget, rekenlimiet, base)
    # at most four by default: each worker holds a copy of the context (the toeslagen ~0.45 GB), and the few
    # long analyses decide the time beyond that
    kernen = kernen or min(beschikbaar(), 4)
    gevraagd = alleen_analyses(alleen, base)
    if tegenvoorbeelden is not None:
        try:
            controleer_map(tegenvoorbeelden, "tegenvoorbeelden")  # refuse before the work, not after it
        except DiagnosticError as e:
            stop_onbruikbaar(e.diagnostics, base)
    try:
        datum, herkomst = (parse_datum(rekendatum), "--rekendatum") if rekendatum is not None \
            else rekendatum_herkomst(model_pad)
    except ValueError as e:
        stop_onbruikbaar([Diagnostic("RS902", Ernst.FOUT, f"--rekendatum: {e}", None)], base)
    meld_vandaag(model_pad, datum, herkomst)
    try:
        ctx, findings, per = analyseer_map(model_pad, datum, budget, rekenlimiet, alleen=gevraagd, kernen=kernen)
        if basis is not None:
            oud = _basis_ids(basis, datum, budget, rekenlimiet, gevraagd, kernen)
            findings = [f for f in findings if f.id not in oud]
    except DiagnosticError as e:
        stop_onbruikbaar(e.diagnostics, base)
    except AnalyseGestopt as e:
        gestopt(e, base)
    except BrokenProcessPool:
        stop_onbruikbaar([Diagnostic("RS408", Ernst.FOUT, "De analyse is gestopt: een werkproces viel onverwacht "
                                     "weg (meestal door geheugentekort). Er is geen (gedeeltelijk) oordeel gegeven.",
                                     None, hulp="Probeer --kernen 1: dan draait alles in één proces, met het "
                                     "minste geheugen.")], base)
    dekking = render.dekking_json(ctx)
    if tegenvoorbeelden is not None:
        # One folder of ours, replaced whole on every run (never a user's folder: report.atomic).
        try:
            with schrijf_map(tegenvoorbeelden, "tegenvoorbeelden") as tmp:
                for f in findings:
                    if f.tegenvoorbeeld is not None:
                        Path(render.geval_bestand(f, tmp)).write_text(
                            json.dumps(f.tegenvoorbeeld, ensure_ascii=False, indent=2) + "\n", "utf-8")
        except DiagnosticError as e:
            stop_onbruikbaar(e.diagnostics, base)
    if formaat is AnalyseFormaat.json:
        # The date every verdict rests on, and where it came from (a template, an example case, today).
        print_json({**render.as_json(findings, per, dekking), "rekendatum": datum.isoformat(),
                    "rekendatum_herkomst": herkomst or "vandaag"})
    elif formaat is AnalyseFormaat.sarif:
        print_json(render.as_sarif(findings))
    elif formaat is AnalyseFormaat.junit:
        print_tekst(render.as_junit(findings, [a.__name__ for a in ANALYSES], dekking) + "\n")
    else:
        render.print_tekst(findings, stdout(), dekking, model_pad, tegenvoorbeelden)
    raise typer.Exit(BEVINDINGEN if any(telt(f) for f in findings) else OK)
