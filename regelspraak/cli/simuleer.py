"""`regelspraak simuleer SCENARIO`: a scenario over a (synthetic) population; summary tables,
a results folder (Parquet + samenvatting.json), memory bounded by chunks."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from regelspraak.cli.app import OK, Formaat, app, print_json, stdout, stop_onbruikbaar
from regelspraak.cli.opties import periode, positief
from regelspraak.cli.voortgang import voortgang
from regelspraak.diagnostics import DiagnosticError
from regelspraak.values.leesbaar import aantal, bedrag, marge, seconden


def _geteld(s: dict[str, Any]) -> str:
    # A population folder is counted in objects of every objecttype (persons and households alike).
    return "objecten uit de populatiemap" if s.get("populatie") == "map" else "gegenereerde personen"


def print_samenvatting(s: dict[str, Any]) -> None:
    con = stdout()
    con.print(f"[bold]{escape(s['scenario'])}[/] — rekendatum {s['rekendatum']}, "
              f"{aantal(s['personen'])} {_geteld(s)}, {seconden(s['duur_s'])}")
    if s.get("fasen_cpu_s"):
        con.print("[dim]CPU per fase: " + escape(", ".join(f"{k} {seconden(v)}" for k, v in s["fasen_cpu_s"].items()))
                  + "[/]")
    for naam, u in s["uitvoer"].items():
        periode = f" {u['periode']}" if str(u.get("periode", "")).startswith("per ") else \
            f" ({u['periode']})" if u.get("periode") else ""
        if "omgerekend_van" in u:  # --per: the totals were converted exactly (simulate/perioden.py)
            periode += f" (omgerekend van {u['omgerekend_van']}, × {u['factor']})"
        # a synthetic sample estimates the country: the total with its sampling error
        con.print(f"[bold]{escape(naam)}[/] ({escape(u['objecttype'])}): totaal {bedrag(u['totaal'])}{escape(periode)}"
                  f"{marge(u.get('totaal_marge_95'))}, "
                  f"{aantal(u['ontvangers'])} ontvangers van {aantal(u['aantal'])}, gemiddeld "
                  f"{bedrag(u['gemiddeld_per_ontvanger'])} per ontvanger")
        for g, rijen in u["groepen"].items():
            t = Table(escape(g), f"totaal {escape(u.get('periode', ''))}".strip(), "ontvangers", "aantal",
                      "gemiddeld per ontvanger", title=f"{escape(naam)} per {escape(g)}", title_justify="left")
            for r in rijen:
                t.add_row(escape(r["groep"]), bedrag(r["totaal"]), aantal(r["ontvangers"]), aantal(r["aantal"]),
                          bedrag(r["gemiddeld_per_ontvanger"]))
            con.print(t)
    if s.get("armoedeval"):
        print_armoedeval(s["armoedeval"])
    if s["terugval"]:
        con.print("[yellow]Per rij door de interpreter (niet gevectoriseerd):[/] " + escape(
            "; ".join(f"{k}: {v}" for k, v in s["terugval"].items())))
    if s["inconsistent"]:
        con.print(f"[yellow]{aantal(s['inconsistent'])} objecten inconsistent.[/]")
    con.print(f"[dim]{escape(s['toelichting'])}[/]")


def print_armoedeval(a: dict[str, Any]) -> None:
    """Objects per class of marginal rate (simulate/armoedeval.py), overall and per grouping."""
    con = stdout()
    titel = (f"Armoedeval: marginale druk van {', '.join(a['uitvoer'])} bij {bedrag(a['stap'])} meer "
             f"{a['invoer']} (factor {a['factor']})")
    t = Table("marginale druk", "aantal", "met uitvoer", title=escape(titel), title_justify="left")
    for r in a["klassen"]:
        t.add_row(escape(r["klasse"]), aantal(r["aantal"]), aantal(r["met_uitvoer"]))
    con.print(t)
    for g, rijen in a["groepen"].items():
        klassen = [k["klasse"] for k in rijen[0]["klassen"]] if rijen else []
        t = Table(escape(g), *(escape(k) for k in klassen), title=f"Armoedeval per {escape(g)} (aantal)",
                  title_justify="left")
        for r in rijen:
            t.add_row(escape(r["groep"]), *(aantal(k["aantal"]) for k in r["klassen"]))
        con.print(t)


def print_varianten(rijen: list[dict[str, Any]]) -> None:
    from regelspraak.simulate import varianten

    t = Table("variant", "uitvoer", "totaal", "ontvangers", "gemiddeld per ontvanger", title="Varianten",
              title_justify="left")
    for r in rijen:
        t.add_row(escape(varianten.label(r["variant"])), escape(r["uitvoer"]), bedrag(r["totaal"]),
                  aantal(r["ontvangers"]), bedrag(r["gemiddeld_per_ontvanger"]))
    stdout().print(t)


@app.command("simuleer")
def simuleer(
    scenario: Path = typer.Argument(..., help="Scenario (YAML)."),  # noqa: B008
    uit: Path | None = typer.Option(None, "--uit", help="Resultatenmap (standaard: 'resultaten' uit het scenario)."),  # noqa: B008
    formaat: Formaat = typer.Option(Formaat.tekst, "--formaat", help="tekst of json"),  # noqa: B008
    werkers: int | None = typer.Option(None, "--werkers", parser=positief, help="Dask LocalCluster met N werkers."),
    cluster: str | None = typer.Option(None, "--cluster", help="Bestaand Dask-cluster, bv. tcp://host:8786."),
    kernen: int | None = typer.Option(None, "--kernen", parser=positief,
                                      help="Processen op deze machine voor een gegenereerde populatie "
                                           "(standaard: alle beschikbare kernen; 1: alleen dit proces)."),
    per: str | None = typer.Option(None, "--per", parser=periode,
                                   help="Totalen omrekenen naar 'jaar' of 'maand' (exact, bv. × 12 voor €/mnd)."),
) -> None:
    """Simuleer een scenario over een populatie: totalen, ontvangers, per groep."""
    from regelspraak.evaluate import memory
    from regelspraak.report.atomic import schrijf_map
    from regelspraak.simulate import ijkpunten, varianten
    from regelspraak.simulate import run as sim
    from regelspraak.simulate import scenario as scen
    from regelspraak.simulate.kernen import beschikbaar

    # This command owns its process: freed columns stay for reuse (forked workers inherit it),
    # unless REGELSPRAAK_GEHEUGEN=standaard; the library itself never tunes the allocator.
    memory.volgens_omgeving("vasthouden")
    rijen: list[dict[str, Any]] = []
    try:
        sc = scen.read(scenario).met_per(per)
        uitvoering = scen.uitvoering(sc, werkers, cluster)
        doel = uit or (sc.relatief(sc.bestand.resultaten) if sc.bestand.resultaten else None)
        with ExitStack() as stapel:
            # The folder is checked before the simulation (refuse early) and swapped in only when
            # everything in it was written; on any error the temporary folder is removed.
            tijdelijk = stapel.enter_context(schrijf_map(doel, "resultaten")) if doel is not None else None
            with voortgang(f"Scenario '{sc.bestand.naam}' simuleren") as v:
                if sc.bestand.varianten:
                    lijst = varianten.raster(sc)
                    uitkomsten = sim.simuleer_varianten(sc, lijst, voortgang=lambda i, n: v.stap(
                        tekst=f"blok {i} van {n} klaar"), uitvoering=uitvoering, kernen=kernen or beschikbaar())
                    rijen = varianten.tabel(lijst, uitkomsten)
                    u = uitkomsten[0]
                    u.samenvatting["varianten"] = rijen
                else:
                    u = sim.simuleer(sc, voortgang=lambda i, n: v.stap(tekst=f"blok {i} van {n} klaar"),
                                     resultaten=tijdelijk, uitvoering=uitvoering,
                                     kernen=kernen or beschikbaar())
            # published figures beside the totals, and every AANNAME behind them (simulate/ijkpunten.py)
            u.samenvatting["ijkpunten"] = ijkpunten.bij_simulatie(sc, u.samenvatting)
            if tijdelijk is not None:
                sim.schrijf(u, tijdelijk)
                if rijen:
                    varianten.schrijf(tijdelijk, rijen, sc.bestand.naam)
    except DiagnosticError as e:
        stop_onbruikbaar(e.diagnostics, formaat)
    if formaat is Formaat.json:
        print_json(u.samenvatting)
    else:
        if rijen:
            print_varianten(rijen)
        else:
            print_samenvatting(u.samenvatting)
            ijkpunten.toon(stdout(), u.samenvatting["ijkpunten"])
        if doel is not None:
            stdout().print(f"[dim]Resultaten: {escape(str(doel))}[/]")
    raise typer.Exit(OK)
