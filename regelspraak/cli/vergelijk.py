"""`regelspraak vergelijk HUIDIG VOORSTEL`: a draft bill against current law — the rule diff per
article, the impact on one population, and the findings the bill adds or removes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from regelspraak.analyses.context import load as load_context
from regelspraak.analyses.drempels import drempels as drempels_van
from regelspraak.analyses.sweep import verken_krommen
from regelspraak.bill import apply, diff
from regelspraak.cli.analyseer import run_all, standaard_rekendatum
from regelspraak.cli.app import BEVINDINGEN, OK, Formaat, app, print_json, stdout, stop_onbruikbaar
from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.model import folder
from regelspraak.model.from_syntax import load_model
from regelspraak.report import findings as render_findings
from regelspraak.report.atomic import controleer_bestand, html_van_ons, json_van_ons, schrijf_tekst
from regelspraak.simulate import compare
from regelspraak.simulate import scenario as scen
from regelspraak.values.notation import format_getal, parse_datum


class VergelijkFormaat(StrEnum):
    tekst = "tekst"
    json = "json"
    html = "html"


def _model(map_: Path) -> Any:
    model, diags = load_model(list(folder.find(map_).rgs))
    if any(d.is_fout for d in diags):
        raise DiagnosticError(diags)
    return model


def _krommen_json(oud_map: Path, nieuw_map: Path, datum: date, budget: float) -> tuple[list[dict[str, Any]],
                                                                                       dict[str, Any]]:
    """The explored output curves of both versions, paired, and the analyses diff."""
    ctx_oud = load_context(oud_map, datum, budget)
    ctx_nieuw = load_context(nieuw_map, datum, budget)
    f_oud, _ = run_all(ctx_oud)
    f_nieuw, _ = run_all(ctx_nieuw)
    ids_oud, ids_nieuw = {f.id for f in f_oud}, {f.id for f in f_nieuw}
    analyses = {"nieuw": [render_findings.finding_json(f) for f in f_nieuw if f.id not in ids_oud],
                "vervallen": [render_findings.finding_json(f) for f in f_oud if f.id not in ids_nieuw],
                "gebleven": [render_findings.finding_json(f) for f in f_nieuw if f.id in ids_oud]}
    for lijst in analyses.values():
        for f in lijst:
            f.pop("uitleg", None)
    krommen: list[dict[str, Any]] = []
    nieuw_k = {(s, k.plek, k.uitkomst.naam): k for s, _g, _b, k in verken_krommen(ctx_nieuw)}
    for s, g, _b, k in verken_krommen(ctx_oud):
        kn = nieuw_k.get((s, k.plek, k.uitkomst.naam))
        if kn is None:
            continue
        attr = ctx_oud.model.objecttypen[k.plek.objecttype].attributen[k.plek.naam]
        invoer = attr.naam
        # Only thresholds of this input, in its unit and on its scale (analyses.drempels), in range.
        lo, hi = Fraction(int(k.x[0])) * k.stap, Fraction(int(k.x[-1])) * k.stap
        drempels = [format_getal(t) for t in drempels_van(ctx_oud.model, g, attr, k.plek.object_id) if lo < t < hi]
        krommen.append({"uitkomst": k.uitkomst.naam, "invoer": invoer, "object": k.plek.object_id, "sjabloon": s,
                        "punten_voor": [[format_getal(Fraction(int(x)) * k.stap), format_getal(y)]
                                        for x, y in zip(k.x.tolist(), k.y, strict=True)],
                        "punten_na": [[format_getal(Fraction(int(x)) * kn.stap), format_getal(y)]
                                      for x, y in zip(kn.x.tolist(), kn.y, strict=True)],
                        "drempels": drempels})
    return krommen, analyses


@app.command("vergelijk")
def vergelijk(
    huidig: Path = typer.Argument(..., help="Huidig model (map)."),  # noqa: B008
    voorstel: Path = typer.Argument(..., help="Wetsvoorstel: map met voorstel.yaml, of een volledig model."),  # noqa: B008
    scenario: Path | None = typer.Option(None, "--scenario", help="Scenario voor de impact op de bevolking."),  # noqa: B008
    rekendatum: str | None = typer.Option(None, "--rekendatum", help="Rekendatum voor de analyses."),
    budget: float = typer.Option(10.0, "--budget", help="Seconden per analyse."),
    streng: bool = typer.Option(False, "--streng", help="Exit 1 als het voorstel nieuwe bevindingen toevoegt."),
    uit: Path | None = typer.Option(None, "--uit", help="Schrijf het rapport naar dit bestand."),  # noqa: B008
    formaat: VergelijkFormaat = typer.Option(VergelijkFormaat.tekst, "--formaat", help="tekst, json of html"),  # noqa: B008
) -> None:
    """Vergelijk een wetsvoorstel met het huidige recht: regels per artikel, impact, nieuwe bevindingen."""
    base = Formaat.tekst if formaat is VergelijkFormaat.tekst else Formaat.json
    eigen = html_van_ons if formaat is VergelijkFormaat.html else json_van_ons("huidig", "voorstel")
    try:
        if uit is not None:
            controleer_bestand(uit, eigen)  # refuse before the comparison, not after it
        v = apply.load(voorstel)
        oud_model, nieuw_model = _model(huidig), _model(v.map)
        wijzigingen = diff.rule_diff(huidig, v.map, oud_model, nieuw_model)
        datum = parse_datum(rekendatum) if rekendatum else standaard_rekendatum(huidig)
        krommen, analyses = _krommen_json(huidig, v.map, datum, budget)
        data: dict[str, Any] = {
            "huidig": {"naam": huidig.name, "map": str(huidig)},
            "voorstel": {"naam": v.naam, "map": str(voorstel), "bron": v.bron},
            "regels": diff.per_artikel(wijzigingen, huidig, v.map),
            "krommen": krommen, "analyses": analyses,
        }
        if scenario is not None:
            data["impact"] = compare.vergelijk(scen.read(scenario), huidig, v.map)
    except ValueError as e:
        stop_onbruikbaar([Diagnostic("RS902", Ernst.FOUT, f"--rekendatum: {e}", None)], base)
    except DiagnosticError as e:
        stop_onbruikbaar(e.diagnostics, base)
    data["samenvatting"] = _samenvatting(data)
    nieuw_telt = [f for f in analyses["nieuw"]
                  if f["ernst"] != "info" and f["oordeel"] != "niet gevonden binnen budget"]
    if formaat is VergelijkFormaat.html:
        from regelspraak.report.html import render

        html = render(data)
        if uit is not None:
            _schrijf(uit, html, eigen, base)
            stdout().print(f"Rapport: {escape(str(uit))}")
        else:
            print(html)
    elif formaat is VergelijkFormaat.json:
        if uit is not None:
            import json

            _schrijf(uit, json.dumps(data, ensure_ascii=False, indent=2) + "\n", eigen, base)
        print_json(data)
    else:
        _print(data)
    raise typer.Exit(BEVINDINGEN if streng and nieuw_telt else OK)


def _schrijf(uit: Path, tekst: str, eigen: Callable[[bytes], bool], formaat: Formaat) -> None:
    try:
        schrijf_tekst(uit, tekst, eigen=eigen)
    except DiagnosticError as e:
        stop_onbruikbaar(e.diagnostics, formaat)


def _samenvatting(data: dict[str, Any]) -> str:
    n_w = len({(w["soort"], w["naam"]) for g in data["regels"] for w in g["wijzigingen"]})
    delen = [f"{n_w} wijziging(en) in {len(data['regels'])} artikel(en)/leden"]
    for naam, u in (data.get("impact") or {}).get("uitvoer", {}).items():
        periode = u.get("periode") or "in de eenheid van de uitvoer"
        delen.append(f"{naam}: budgeteffect € {int(u['budget']):,} ({periode}), "
                     f"{u['winnaars']:,} winnaars en {u['verliezers']:,} verliezers".replace(",", "."))
    a = data["analyses"]
    delen.append(f"{len(a['nieuw'])} nieuwe en {len(a['vervallen'])} vervallen bevinding(en)")
    return "; ".join(delen) + "."


def _print(data: dict[str, Any]) -> None:
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
        t.add_row("totaal", f"€ {int(u['voor']['totaal']):,}".replace(",", "."),
                  f"€ {int(u['na']['totaal']):,}".replace(",", "."))
        t.add_row("ontvangers", f"{u['voor']['ontvangers']:,}".replace(",", "."),
                  f"{u['na']['ontvangers']:,}".replace(",", "."))
        con.print(t)
        con.print(f"  winnaars {u['winnaars']:,}, verliezers {u['verliezers']:,}; grootste winst € "
                  f"{u['max_winst'] or 0}, grootste verlies € {u['max_verlies'] or 0}".replace(",", "."))
    for soort in ("nieuw", "vervallen"):
        for f in data["analyses"][soort]:
            con.print(f"  [{'red' if soort == 'nieuw' else 'green'}]{soort}[/] {f['code']} {escape(f['bericht'])}")
