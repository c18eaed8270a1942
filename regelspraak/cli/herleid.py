"""`regelspraak herleid MODEL DOEL`: from a rule, attribute or parameter to its article text, and
from an article or lid to every rule, parameter and declaration that cites it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape

from regelspraak.cli.app import OK, Formaat, app, print_json, stdout, stop_onbruikbaar
from regelspraak.cli.laws import laws_or_stop
from regelspraak.cli.loading import load_or_stop
from regelspraak.diagnostics import Diagnostic, Ernst
from regelspraak.origin import Herkomst, Span, split_regels
from regelspraak.reading import Leesfout, lees_bytes

if TYPE_CHECKING:
    from regelspraak.law.tree import Wet, WetNode
    from regelspraak.model import citations


def _source_lines(span: Span, maximum: int = 60) -> list[str]:
    """The block that starts at `span`: its header and the indented lines below it."""
    try:
        from regelspraak.syntax.from_text import MAX_BESTAND

        lines = split_regels(lees_bytes(Path(span.bestand), MAX_BESTAND).decode("utf-8", errors="replace"))
    except Leesfout:
        return []
    out = [lines[span.regel - 1]] if 0 < span.regel <= len(lines) else []
    for line in lines[span.regel:span.regel + maximum]:
        if line and not line[0].isspace() and not line.startswith("|"):
            break
        out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return out


def _node_json(wet: Wet, node: WetNode) -> dict[str, Any]:
    return {"id": node.id, "citaat": wet.ref(node).citeer(), "tekst": node.volledige_tekst()}


def _citeerder_json(g: citations.Gevonden) -> dict[str, Any]:
    s = g.citeerder.herkomst.span
    return {"soort": g.citeerder.soort, "naam": g.citeerder.naam, "bestand": s.bestand, "regel": s.regel,
            "citaat": g.ref.citeer(), "id": g.node.id}


def _under(node: WetNode, target: WetNode) -> bool:
    return node is target or any(_under(k, target) for k in node.kinderen)


@app.command("herleid")
def herleid(
    model_pad: Path = typer.Argument(..., metavar="MODEL", help="Model: map met wet.yaml."),  # noqa: B008
    doel: str = typer.Argument(..., help="Regelnaam, attribuut, parameter, of artikel/lid ('art. 2 lid 3 Wzt')."),
    formaat: Formaat = typer.Option(Formaat.tekst, "--formaat", help="tekst of json"),  # noqa: B008
) -> None:
    """Herleid een regel naar zijn artikel, of een artikel naar de regels die het uitvoeren."""
    from regelspraak.law.citation import CitatieFout, parse_citatie
    from regelspraak.model import citations
    from regelspraak.model.scope import Scope
    from regelspraak.syntax.lexer import normalize

    files, model, _ = load_or_stop(model_pad, formaat)
    wetten = laws_or_stop(files, formaat)
    gevonden, _diags = citations.resolve(model, wetten)
    key = normalize(doel)
    matches = [g for g in citations.citers(model) if normalize(g.naam.split(" (")[0]) == key]
    if matches:
        data = []
        for c in matches:
            eigen = [g for g in gevonden if g.citeerder == c]
            data.append({"soort": c.soort, "naam": c.naam, "bestand": c.herkomst.span.bestand,
                         "regel": c.herkomst.span.regel,
                         "bron": c.herkomst.bron.citeer() if c.herkomst.bron else None,
                         "tekst": _source_lines(c.herkomst.span) if c.soort in ("regel", "beslistabel") else [],
                         "artikelen": [_node_json(g.wet, g.node) for g in eigen]})
        _print(data, formaat, "van")
        raise typer.Exit(OK)
    try:
        citaten = parse_citatie(doel)
    except CitatieFout:
        citaten = []
    targets: list[tuple[Wet, WetNode]] = []
    for ref in citaten:
        for gw in wetten:
            if ref.artikel is None:
                continue
            namen = {normalize(gw.vermelding.titel), *(normalize(a) for a in gw.vermelding.afkortingen)}
            if ref.bwb not in (None, gw.vermelding.bwb) or (
                    ref.bwb is None and ref.wet is not None and normalize(ref.wet) not in namen):
                continue
            node = gw.wet.vind(ref.artikel, ref.lid, ref.onderdeel)
            if node is not None:
                targets.append((gw.wet, node))
    if not targets:
        hint = Scope.suggest(key, [normalize(c.naam.split(" (")[0]) for c in citations.citers(model)])
        stop_onbruikbaar([Diagnostic("RS101", Ernst.FOUT, f"'{doel}' is geen regel, attribuut, parameter of "
                                     "artikel/lid van de wetten van dit model.", Herkomst(Span(str(model_pad), 1, 1)),
                                     hulp=f"Bedoelde u '{hint}'?" if hint else "Bijvoorbeeld 'art. 2 lid 3 Wzt'.")],
                         formaat)
    data = []
    for wet, node in targets:
        citing = [g for g in gevonden if g.wet is wet and (_under(node, g.node) or _under(g.node, node))]
        data.append({**_node_json(wet, node), "geciteerd_door": [_citeerder_json(g) for g in citing]})
    _print(data, formaat, "naar")
    raise typer.Exit(OK)


def _print(data: list[dict[str, Any]], formaat: Formaat, richting: str) -> None:
    if formaat is Formaat.json:
        print_json({"richting": "model→wet" if richting == "van" else "wet→model", "resultaten": data})
        return
    con = stdout()
    for item in data:
        if richting == "van":
            con.print(f"[bold]{escape(item['soort'])} {escape(item['naam'])}[/] "
                      f"[dim]{escape(item['bestand'])}:{item['regel']}[/]")
            con.print(f"  bron: {escape(item['bron'] or '(geen)')}")
            for line in item["tekst"]:
                con.print("  │ " + escape(line.replace("\t", "    ")))
            for a in item["artikelen"]:
                con.print(f"  [bold cyan]{escape(a['citaat'])}[/] [dim]{escape(a['id'])}[/]")
                con.print("    " + escape(a["tekst"]).replace("\n", "\n    "))
        else:
            con.print(f"[bold cyan]{escape(item['citaat'])}[/] [dim]{escape(item['id'])}[/]")
            con.print("  " + escape(item["tekst"]).replace("\n", "\n  "))
            if not item["geciteerd_door"]:
                con.print("  [yellow]Geen regel of declaratie citeert dit.[/]")
            for c in item["geciteerd_door"]:
                con.print(f"  ← {escape(c['soort'])} [bold]{escape(c['naam'])}[/] "
                          f"[dim]{escape(c['bestand'])}:{c['regel']} ({escape(c['citaat'])})[/]")
