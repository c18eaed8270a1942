"""`regelspraak simuleer SCENARIO`: a scenario over a (synthetic) population; summary tables,
a results folder (Parquet + samenvatting.json), memory bounded by chunks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from regelspraak.cli.app import OK, Formaat, app, print_json, stderr, stdout, stop_onbruikbaar
from regelspraak.diagnostics import DiagnosticError
from regelspraak.report.atomic import controleer_map
from regelspraak.simulate import run as sim
from regelspraak.simulate import scenario as scen


def _geld(x: str | None) -> str:
    if x is None:
        return "—"
    n = int(x)
    return f"€ {n:,}".replace(",", ".")


def _aantal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def print_samenvatting(s: dict[str, Any]) -> None:
    con = stdout()
    con.print(f"[bold]{escape(s['scenario'])}[/] — rekendatum {s['rekendatum']}, "
              f"{_aantal(s['personen'])} gegenereerde personen, {s['duur_s']} s")
    for naam, u in s["uitvoer"].items():
        periode = f" {u['periode']}" if str(u.get("periode", "")).startswith("per ") else \
            f" ({u['periode']})" if u.get("periode") else ""
        con.print(f"[bold]{escape(naam)}[/] ({escape(u['objecttype'])}): totaal {_geld(u['totaal'])}{escape(periode)}, "
                  f"{_aantal(u['ontvangers'])} ontvangers van {_aantal(u['aantal'])}, gemiddeld "
                  f"{_geld(u['gemiddeld_per_ontvanger'])} per ontvanger")
        for g, rijen in u["groepen"].items():
            t = Table(escape(g), "totaal", "ontvangers", "aantal", "gemiddeld per ontvanger",
                      title=f"{escape(naam)} per {escape(g)}", title_justify="left")
            for r in rijen:
                t.add_row(escape(r["groep"]), _geld(r["totaal"]), _aantal(r["ontvangers"]), _aantal(r["aantal"]),
                          _geld(r["gemiddeld_per_ontvanger"]))
            con.print(t)
    if s["terugval"]:
        con.print("[yellow]Per rij door de interpreter (niet gevectoriseerd):[/] " + escape(
            "; ".join(f"{k}: {v}" for k, v in s["terugval"].items())))
    if s["inconsistent"]:
        con.print(f"[yellow]{_aantal(s['inconsistent'])} objecten inconsistent.[/]")
    con.print(f"[dim]{escape(s['toelichting'])}[/]")


@app.command("simuleer")
def simuleer(
    scenario: Path = typer.Argument(..., help="Scenario (YAML)."),  # noqa: B008
    uit: Path | None = typer.Option(None, "--uit", help="Resultatenmap (standaard: 'resultaten' uit het scenario)."),  # noqa: B008
    formaat: Formaat = typer.Option(Formaat.tekst, "--formaat", help="tekst of json"),  # noqa: B008
) -> None:
    """Simuleer een scenario over een populatie: totalen, ontvangers, per groep."""
    try:
        sc = scen.read(scenario)
        doel = uit or (sc.relatief(sc.bestand.resultaten) if sc.bestand.resultaten else None)
        if doel is not None:
            controleer_map(doel, "resultaten")  # refuse before the simulation, not after it
        with Progress(console=stderr(), transient=True, disable=formaat is Formaat.json) as p:
            taak = p.add_task("simuleren", total=None)
            u = sim.simuleer(sc, voortgang=lambda i, n: p.update(taak, completed=i, total=n))
        if doel is not None:
            sim.schrijf(u, doel)
    except DiagnosticError as e:
        stop_onbruikbaar(e.diagnostics, formaat)
    if formaat is Formaat.json:
        print_json(u.samenvatting)
    else:
        print_samenvatting(u.samenvatting)
        if doel is not None:
            stdout().print(f"[dim]Resultaten: {escape(str(doel))}[/]")
    raise typer.Exit(OK)
