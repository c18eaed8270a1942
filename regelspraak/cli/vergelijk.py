"""`regelspraak vergelijk HUIDIG VOORSTEL`: a draft bill against current law — the rule diff per
article, the impact on one population, and the findings the bill adds, worsens, improves or
removes. Argument handling and rendering only; the comparison is `bill/comparison.py`."""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape
from rich.table import Table

from regelspraak.analyses.limieten import RLIMIT_ANALYSE
from regelspraak.cli.app import BEVINDINGEN, OK, Formaat, app, print_json, print_tekst, stdout, stop_onbruikbaar
from regelspraak.cli.opties import geheel, periode, positief, seconden
from regelspraak.cli.voortgang import voortgang
from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.origin import Herkomst, Span
from regelspraak.values.leesbaar import aantal, bedrag, getal_tekst, percentage
from regelspraak.values.notation import parse_datum, parse_getal

if TYPE_CHECKING:
    from regelspraak.analyses.findings import Finding
    from regelspraak.bill.findings import Vergelijking


class VergelijkFormaat(StrEnum):
    tekst = "tekst"
    json = "json"
    html = "html"


def _json(f: Finding) -> dict[str, Any]:
    from regelspraak.report import findings as render_findings

    d = render_findings.finding_json(f)
    d.pop("uitleg", None)
    return d


def _met_voor(oud: Finding, nieuw: Finding) -> dict[str, Any]:
    return {**_json(nieuw), "voor": {"bedrag": oud.bedrag, "details": oud.details}}


def _bevindingen_json(b: Vergelijking) -> dict[str, Any]:
    return {"nieuw": [_json(f) for f in b.nieuw], "vervallen": [_json(f) for f in b.vervallen],
            "gebleven": [_json(f) for f in b.gebleven],
            "verslechterd": [_met_voor(o, n) for o, n in b.verslechterd],
            "verbeterd": [_met_voor(o, n) for o, n in b.verbeterd]}


@app.command("vergelijk")
def vergelijk(
    huidig: Path = typer.Argument(..., help="Huidig model (map)."),  # noqa: B008
    voorstel: Path = typer.Argument(..., help="Wetsvoorstel: map met voorstel.yaml, of een volledig model."),  # noqa: B008
    scenario: Path | None = typer.Option(None, "--scenario", help="Scenario voor de impact op de bevolking."),  # noqa: B008
    rekendatum: str | None = typer.Option(None, "--rekendatum", help="Rekendatum voor de analyses."),
    budget: float | None = typer.Option(None, "--budget", parser=seconden, help="Tijdslimiet in seconden: stopt "
                                        "de run (exit 2), verandert nooit een oordeel. Standaard geen."),
    rekenlimiet: int = typer.Option(RLIMIT_ANALYSE, "--rekenlimiet", parser=geheel,
                                    help="z3-rekeneenheden (rlimit) per analyse."),
    streng: bool = typer.Option(False, "--streng", help="Exit 1 als het voorstel bevindingen toevoegt of verergert."),
    uit: Path | None = typer.Option(None, "--uit", help="Schrijf het rapport naar dit bestand."),  # noqa: B008
    sarif: Path | None = typer.Option(None, "--sarif", help="Schrijf de nieuwe en verslechterde bevindingen als "  # noqa: B008
                                      "SARIF 2.1.0."),
    junit: Path | None = typer.Option(None, "--junit", help="Schrijf de poort als JUnit-XML."),  # noqa: B008
    formaat: VergelijkFormaat = typer.Option(VergelijkFormaat.tekst, "--formaat", help="tekst, json of html"),  # noqa: B008
    werkers: int | None = typer.Option(None, "--werkers", parser=positief,
                                       help="Impact op een Dask LocalCluster met N werkers."),
    cluster: str | None = typer.Option(None, "--cluster", help="Impact op een Dask-cluster, bv. tcp://host:8786."),
    per: str | None = typer.Option(None, "--per", parser=periode,
                                   help="Impacttotalen omrekenen naar 'jaar' of 'maand' (exact, bv. × 12 voor €/mnd)."),
    alleen: list[str] | None = typer.Option(  # noqa: B008
        None, "--alleen", help="Vergelijk alleen de bevindingen van deze analyse (herhaalbaar), bv. --alleen "
        "stapeling."),
) -> None:
    """Vergelijk een wetsvoorstel met het huidige recht: regels per artikel, impact, nieuwe bevindingen."""
    from regelspraak.analyses.context import AnalyseGestopt
    from regelspraak.analyses.registry import ANALYSES
    from regelspraak.bill import apply
    from regelspraak.bill.comparison import samenvatting, vergelijk_voorstel
    from regelspraak.cli.analyseer import alleen_analyses, check_limieten, gestopt, meld_vandaag, rekendatum_herkomst
    from regelspraak.evaluate import memory
    from regelspraak.model import folder
    from regelspraak.report import findings as render_findings
    from regelspraak.report.aannames import aannames_in_parameters
    from regelspraak.report.atomic import controleer_bestand, html_van_ons, json_van_ons, junit_van_ons

    # This command owns its process: freed columns stay for reuse (forked workers inherit it),
    # unless REGELSPRAAK_GEHEUGEN=standaard; the library itself never tunes the allocator.
    memory.volgens_omgeving("vasthouden")
    base = Formaat.tekst if formaat is VergelijkFormaat.tekst else Formaat.json
    check_limieten(budget, rekenlimiet, base)
    gevraagd = alleen_analyses(alleen, base)
    eigen = html_van_ons if formaat is VergelijkFormaat.html else json_van_ons("huidig", "voorstel")
    uitvoer = [(p, e) for p, e in ((uit, eigen), (sarif, json_van_ons("$schema", "version", "runs")),
                                   (junit, junit_van_ons)) if p is not None]
    if uit is not None and formaat is VergelijkFormaat.tekst:  # text goes to the terminal, never half to a file
        stop_onbruikbaar([Diagnostic("RS902", Ernst.FOUT, "--uit schrijft een rapport: kies --formaat html of json.",
                                     None)], base)
    if huidig.is_file():  # the diff and the analyses compare folders (with their parameters and laws)
        stop_onbruikbaar([Diagnostic("RS901", Ernst.FOUT, "Het huidige recht moet een modelmap zijn (met .rgs-, "
                                     "parameter- en wetbestanden), geen los bestand.",
                                     Herkomst(Span(str(huidig), 1, 1)))], base)
    try:
        datum, herkomst = (parse_datum(rekendatum), "--rekendatum") if rekendatum else rekendatum_herkomst(huidig)
    except ValueError as e:
        stop_onbruikbaar([Diagnostic("RS902", Ernst.FOUT, f"--rekendatum: {e}", None)], base)
    meld_vandaag(huidig, datum, herkomst)
    try:
        for pad, van_ons in uitvoer:
            controleer_bestand(pad, van_ons)  # refuse before the comparison, not after it
        if scenario is not None:  # a bad scenario or cluster option is refused before the analyses
            from regelspraak.simulate import scenario as scen

            scen.uitvoering(scen.read(scenario), werkers, cluster)
        with apply.toegepast(voorstel) as v, voortgang(f"Vergelijken {voorstel.name}") as vg:
            uitkomst = vergelijk_voorstel(huidig, v, voorstel, datum, budget, rekenlimiet, scenario,
                                          werkers, cluster, per, gevraagd)
            # Issue 17: the between-version properties of eigenschappen.yaml (regelspraak/properties/).
            from regelspraak.properties.versions import vergelijk_json

            uitkomst.data["eigenschappen"] = vergelijk_json(huidig, v.map, voorstel, datum)
            # Issue 16: every assumption behind the figures, so none passes for law.
            aannames = aannames_in_parameters(folder.find(huidig).parameters) + aannames_in_parameters(
                folder.find(v.map).parameters)  # a composed model's bases' too
            if scenario is not None:
                from regelspraak.simulate import ijkpunten
                from regelspraak.simulate import scenario as scen

                aannames += ijkpunten.bij_simulatie(scen.read(scenario), {})["aannames"]
            uitkomst.data["aannames"] = list(dict.fromkeys(aannames))
            vg.stap()
    except DiagnosticError as e:
        stop_onbruikbaar(e.diagnostics, base)
    except AnalyseGestopt as e:
        gestopt(e, base)
    b = uitkomst.bevindingen
    data = uitkomst.data
    data["analyses"] = _bevindingen_json(b)
    geschonden = [f for f in data["eigenschappen"] if f["oordeel"] == "tegenvoorbeeld"]
    data["samenvatting"] = samenvatting(data, b)
    if geschonden:  # the summary line names everything the gate rests on
        data["samenvatting"] = data["samenvatting"].removesuffix(".") + \
            f"; {len(geschonden)} eigenschap(pen) tussen de versies geschonden."
    zakt = b.zakt or bool(geschonden)
    data["poort"] = {"streng": streng, "gezakt": zakt, "aantal": len(b.poort) + len(geschonden)}
    if sarif is not None:
        _schrijf(sarif, json.dumps(render_findings.as_sarif(b.poort), ensure_ascii=False, indent=2) + "\n",
                 json_van_ons("$schema", "version", "runs"), base)
    if junit is not None:
        _schrijf(junit, render_findings.as_junit(b.poort, [a.__name__ for a in ANALYSES],
                                                 naam="regelspraak vergelijk") + "\n", junit_van_ons, base)
    if formaat is VergelijkFormaat.html:
        from regelspraak.report.html import render

        html = render(data)
        if uit is not None:
            _schrijf(uit, html, eigen, base)
            stdout().print(f"Rapport: {escape(str(uit))}")
        else:
            print_tekst(html + "\n")
    elif formaat is VergelijkFormaat.json:
        if uit is not None:
            _schrijf(uit, json.dumps(data, ensure_ascii=False, indent=2) + "\n", eigen, base)
        print_json(data)
    else:
        _print(data, streng)
    raise typer.Exit(BEVINDINGEN if streng and zakt else OK)


def _schrijf(uit: Path, tekst: str, eigen: Callable[[bytes], bool], formaat: Formaat) -> None:
    from regelspraak.report.atomic import schrijf_tekst

    try:
        schrijf_tekst(uit, tekst, eigen=eigen)
    except DiagnosticError as e:
        stop_onbruikbaar(e.diagnostics, formaat)


def _print(data: dict[str, Any], streng: bool) -> None:
    con = stdout()
    con.print(f"[bold]{escape(data['voorstel']['naam'])}[/] tegenover {escape(data['huidig']['naam'])}")
    con.print(escape(data["samenvatting"]))
    for g in data["regels"]:
        con.print(f"[bold cyan]{escape(g['artikel'])}[/]")
        for w in g["wijzigingen"]:
            con.print(f"  {escape(w['status'])} {escape(w['soort'])} [bold]{escape(w['naam'])}[/]")
    for naam, u in (data.get("impact") or {}).get("uitvoer", {}).items():
        t = Table("", "huidig", "voorstel", title=f"{escape(naam)} ({escape(data['impact']['scenario'])})",
                  title_justify="left")
        t.add_row(f"totaal {escape(u.get('periode', ''))}".strip(), bedrag(u["voor"]["totaal"]),
                  bedrag(u["na"]["totaal"]))
        t.add_row("ontvangers", aantal(u["voor"]["ontvangers"]), aantal(u["na"]["ontvangers"]))
        con.print(t)
        con.print(f"  winnaars {aantal(u['winnaars'])}, verliezers {aantal(u['verliezers'])}; grootste winst "
                  f"{bedrag(u['max_winst'] or 0)}, grootste verlies {bedrag(u['max_verlies'] or 0)}")
    _print_stapeling(con, data.get("stapeling", []))
    for f in data.get("eigenschappen", []):  # issue 17: between-version properties
        con.print(f"  [{'red' if f['oordeel'] == 'tegenvoorbeeld' else 'green'}]eigenschap[/] {f['code']} "
                  f"{escape(f['bericht'])}")
    kleur = {"nieuw": "red", "verslechterd": "red", "verbeterd": "green", "vervallen": "green"}
    for soort, k in kleur.items():
        for f in data["analyses"][soort]:
            voor = f" (was {bedrag(f['voor']['bedrag'])})" if "voor" in f and f["voor"]["bedrag"] else ""
            con.print(f"  [{k}]{soort}[/] {f['code']} {escape(f['bericht'])}{escape(voor)}")
    if streng:
        p = data["poort"]
        con.print(f"Poort (--streng): {'gezakt' if p['gezakt'] else 'geslaagd'}, {p['aantal']} nieuwe of "
                  "verslechterde bevinding(en) die tellen.")


def _print_stapeling(con: Any, rijen: list[dict[str, Any]]) -> None:
    """Issue 13: per household template the steepest combined marginal rate and each scheme's share
    in it, the ranges above the thresholds and the household's cliffs, current law → the bill."""
    if not rijen:
        return
    t = Table("sjabloon (invoer)", "hoogste tarief: huidig → voorstel", "aandeel per regeling",
              "bereiken boven drempel", "kliffen (breedste)", title="Gestapeld marginaal tarief per sjabloon",
              title_justify="left")
    for r in rijen:
        v, n = r["voor"], r["na"]
        t.add_row(f"{escape(r['sjabloon'])} ({escape(r['invoer'])} van {escape(r['object'])})",
                  f"{_hoogste(v['hoogste'])} → {_hoogste(n['hoogste'])}", _aandelen(v["hoogste"], n["hoogste"]),
                  f"{len(v['bereiken'])} → {len(n['bereiken'])}",
                  f"{_kliffen(v['kliffen'])} → {_kliffen(n['kliffen'])}")
    con.print(t)


def _aandelen(voor: dict[str, Any] | None, na: dict[str, Any] | None) -> str:
    a, b = (voor or {}).get("aandelen", {}), (na or {}).get("aandelen", {})
    return "\n".join(f"{escape(u)} {_pct(a.get(u))} → {_pct(b.get(u))}" for u in dict.fromkeys([*a, *b]))


def _pct(aandeel: str | None) -> str:
    return "—" if aandeel is None else percentage(parse_getal(aandeel.rstrip("%"))[0])


def _hoogste(h: dict[str, Any] | None) -> str:
    if h is None:
        return "—"
    return (f"{percentage(parse_getal(h['tarief'])[0] * 100)} (€ {getal_tekst(parse_getal(h['van'])[0])}–"
            f"{getal_tekst(parse_getal(h['tot'])[0])})")


def _kliffen(kliffen: list[dict[str, Any]]) -> str:
    breedtes = [parse_getal(k["gedomineerd_bereik"])[0] for k in kliffen if k["gedomineerd_bereik"] is not None]
    return f"{len(kliffen)}" + (f" (€ {getal_tekst(max(breedtes))})" if breedtes else "")
