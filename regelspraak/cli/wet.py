"""`regelspraak wet PAD`: show a law tree, as an indented outline or as nested JSON nodes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.tree import Tree

from regelspraak.cli.app import Formaat, app, print_json, stderr, stdout, stop_onbruikbaar
from regelspraak.diagnostics import DiagnosticError
from regelspraak.report import diagnostics as render

if TYPE_CHECKING:
    from regelspraak.law.tree import Wet, WetNode

_KORT = 100  # characters of text shown per node in the outline


@app.command("wet")
def wet(
    pad: Annotated[Path, typer.Argument(help="Wettekst: BWB-toestand (XML) of platte tekst.")],
    formaat: Annotated[Formaat, typer.Option("--formaat", help="Uitvoer als tekst of JSON.")] = Formaat.tekst,
    volledig: Annotated[bool, typer.Option("--volledig", help="Toon de volledige tekst van elk lid en onderdeel, "
                                           f"niet de eerste {_KORT} tekens.")] = False,
) -> None:
    """Toon de opbouw van een wet: hoofdstukken, artikelen, leden en onderdelen met hun JuriConnect-id."""
    from regelspraak.law.load import lees_wet

    try:
        gelezen = lees_wet(pad)
    except DiagnosticError as e:
        stop_onbruikbaar(e.diagnostics, formaat)
    if formaat is Formaat.json:
        print_json(wet_als_json(gelezen))
        return
    render.print_console(list(gelezen.diagnostieken), stderr())
    stdout().print(_boom(gelezen, None if volledig else _KORT))


def wet_als_json(w: Wet) -> dict[str, Any]:
    return {
        "bestand": w.bestand,
        "bwb": w.bwb,
        "titel": w.titel,
        "citeertitel": w.citeertitel,
        "toestand": w.toestand.isoformat() if w.toestand else None,
        "diagnostieken": [render.as_json(d) for d in w.diagnostieken],
        "boom": knoop_als_json(w.root),
    }


def knoop_als_json(n: WetNode) -> dict[str, Any]:
    """One node with everything below it; keys are the same on every node."""
    return {
        "id": n.id,
        "soort": n.soort,
        "nummer": n.nummer,
        "label": n.label,
        "titel": n.titel,
        "tekst": n.tekst,
        "vervallen": n.status.vervallen,
        "niet_in_werking": n.status.niet_in_werking,
        "bevat_afbeelding": n.status.bevat_afbeelding,
        "regel": n.span.regel if n.span else None,
        "inwerking": n.inwerking.isoformat() if n.inwerking else None,
        "publicatie": n.publicatie,
        "bwb_label_id": n.bwb.label_id if n.bwb else None,
        "bwb_stam_id": n.bwb.stam_id if n.bwb else None,
        "verwijzingen": [
            {"soort": v.soort, "doel": v.doel, "tekst": v.tekst, "bwb": v.bwb} for v in n.verwijzingen
        ],
        "kinderen": [knoop_als_json(k) for k in n.kinderen],
    }


def _boom(w: Wet, kort: int | None = _KORT) -> Tree:
    kop = f"[bold]{escape(w.citeertitel or w.titel)}[/]"
    details = ", ".join(x for x in (w.bwb, f"toestand {w.toestand}" if w.toestand else None) if x)
    boom = Tree(f"{kop} ({escape(details)})" if details else kop)
    stapel: list[tuple[WetNode, Tree]] = [(k, boom) for k in reversed(w.root.kinderen)]
    while stapel:
        node, ouder = stapel.pop()
        tak = ouder.add(_regel(node, kort))
        stapel.extend((k, tak) for k in reversed(node.kinderen))
    return boom


def _regel(n: WetNode, kort: int | None = _KORT) -> str:
    delen = [f"[bold]{escape(n.label)}[/]" if n.soort != "onderdeel" else escape(n.label)]
    if n.titel:
        delen.append(f"[italic]{escape(n.titel)}[/]")
    s = n.status
    vlaggen = [v for v, aan in (("vervallen", s.vervallen), ("niet in werking", s.niet_in_werking),
                                ("afbeelding: handmatige regel nodig", s.bevat_afbeelding)) if aan]
    if vlaggen:
        delen.append(f"[yellow]\\[{escape(', '.join(vlaggen))}][/]")
    if n.soort not in ("plaatje", "tabel"):
        delen.append(f"[dim]{escape(n.id)}[/]")
    if n.tekst:
        tekst = " ".join(n.tekst.split())
        delen.append(escape(tekst if kort is None or len(tekst) <= kort else tekst[: kort - 1] + "…"))
    return " ".join(delen)
