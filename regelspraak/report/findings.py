"""Findings as console text, JSON, SARIF 2.1.0 (pointing at the .rgs line) and JUnit (one test per
analysis).

>>> from regelspraak.analyses.findings import Finding, Oordeel, Toelichting
>>> from regelspraak.diagnostics import Ernst
>>> f = Finding("RS401", "sprong", Ernst.WAARSCHUWING, "Sprong.", Oordeel.TEGENVOORBEELD, sleutel="x")
>>> as_json([f])["bevindingen"][0]["oordeel"]
'tegenvoorbeeld'
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol
from xml.etree import ElementTree as ET

from rich.console import Console
from rich.markup import escape

from regelspraak import __version__
from regelspraak.analyses.findings import Finding, Toelichting, telt
from regelspraak.diagnostics import CODES, Ernst


class _MetDekking(Protocol):
    """What the coverage report reads from an analysis context (analyses.context.Context)."""

    @property
    def dekking(self) -> dict[str, Any]: ...
    @property
    def afgeleid(self) -> list[str]: ...


def dekking_json(ctx: _MetDekking) -> dict[str, Any]:
    """Per analysis what it covered and what it skipped (and why), and what was derived."""
    per = {naam: {"gedraaid": d.gedraaid, "gedekt": list(d.gedekt), "overgeslagen": list(d.overgeslagen)}
           for naam, d in ctx.dekking.items()}
    return {"afgeleid": list(ctx.afgeleid), "per_analyse": per}


def toelichting_json(t: Toelichting) -> dict[str, Any]:
    """An explanation trace as `bereken --uitleg --formaat json` shows it, flat (each derived value once,
    what it read by reference: report/results.py), with the run's errors."""
    from regelspraak.report.results import as_json

    data = as_json(t.model, t.uitkomst, True, plat=True)
    data["fouten"] = [{"code": d.code, "bericht": d.bericht} for d in t.uitkomst.fouten]
    return data


def finding_json(f: Finding) -> dict[str, Any]:
    return {
        "id": f.id, "code": f.code, "soort": f.soort, "ernst": f.ernst.value, "bericht": f.bericht,
        "oordeel": f.oordeel.value, "aannames": f.aannames,
        "regels": [{"naam": r.naam, "bestand": r.herkomst.span.bestand, "regel": r.herkomst.span.regel}
                   for r in f.regels],
        "artikelen": [{"juriconnect": a.jci(), "citaat": a.citeer()} for a in f.artikelen],
        "bedrag": f.bedrag, "getroffen": f.getroffen, "tegenvoorbeeld": f.tegenvoorbeeld,
        "uitleg": [toelichting_json(t) for t in f.uitleg], "details": f.details,
    }


def as_json(findings: list[Finding], per_analyse: dict[str, int] | None = None,
            dekking: dict[str, Any] | None = None) -> dict[str, Any]:
    out = {"bevindingen": [finding_json(f) for f in findings], "aantal": len(findings),
           "per_analyse": per_analyse or {}}
    if dekking is not None:
        out["dekking"] = dekking
    return out


_LEVEL = {Ernst.FOUT: "error", Ernst.WAARSCHUWING: "warning", Ernst.INFO: "note"}


def as_sarif(findings: list[Finding]) -> dict[str, Any]:
    codes = sorted({f.code for f in findings})
    results = []
    for f in findings:
        locs = [{"physicalLocation": {"artifactLocation": {"uri": r.herkomst.span.bestand},
                                      "region": {"startLine": max(r.herkomst.span.regel, 1),
                                                 "startColumn": max(r.herkomst.span.kolom, 1)}}}
                for r in f.regels[:10]]
        result: dict[str, Any] = {"ruleId": f.code, "level": _LEVEL[f.ernst], "message": {"text": f.bericht},
                                  "partialFingerprints": {"regelspraak/v1": f.id},
                                  "properties": {"soort": f.soort, "oordeel": f.oordeel.value}}
        if locs:
            result["locations"] = locs
        results.append(result)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "regelspraak", "version": __version__,
                                "rules": [{"id": c, "name": CODES.get(c, c).replace(" ", "-"),
                                           "shortDescription": {"text": CODES.get(c, c)}} for c in codes]}},
            "results": results,
        }],
    }


def as_junit(findings: list[Finding], analyses: list[str], dekking: dict[str, Any] | None = None,
             naam: str = "regelspraak analyseer") -> str:
    """One testcase per analysis; it fails when that analysis reports a counting finding, and is
    skipped when the analysis did not run (with the reason)."""
    per: dict[str, list[Finding]] = {a: [] for a in analyses}
    for f in findings:
        per.setdefault(f.details.get("_analyse", f.soort), []).append(f)
    fails = sum(1 for fs in per.values() if any(telt(f) for f in fs))
    d_per = (dekking or {}).get("per_analyse", {})
    niet = {a: d_per[a]["overgeslagen"] for a in per if a in d_per and not d_per[a]["gedraaid"]}
    suite = ET.Element("testsuite", name=naam, tests=str(len(per)), failures=str(fails), errors="0",
                       skipped=str(len(niet)))
    for analyse, fs in per.items():
        case = ET.SubElement(suite, "testcase", classname=naam.split()[-1], name=analyse)
        echte = [f for f in fs if telt(f)]
        if analyse in niet and not echte:
            ET.SubElement(case, "skipped", message="; ".join(niet[analyse]) or "niet uitgevoerd")
        if echte:
            fail = ET.SubElement(case, "failure", message=f"{len(echte)} bevinding(en)")
            fail.text = "\n".join(f"[{f.code}] {f.bericht}" for f in echte)
    return str(ET.tostring(suite, encoding="unicode", xml_declaration=True))


def geval_bestand(f: Finding, map_: Path | None) -> str:
    """Where the counterexample of `f` is (or should be saved) for `bereken --gegevens`."""
    naam = f"tegenvoorbeeld-{f.id}.json"
    return str(map_ / naam) if map_ is not None else naam


def geval_tekst(f: Finding) -> str:
    """The counterexample as one line of JSON (what `bereken --gegevens` reads)."""
    return json.dumps(f.tegenvoorbeeld, ensure_ascii=False, separators=(", ", ": "))


def print_tekst(findings: list[Finding], console: Console, dekking: dict[str, Any] | None = None,
                model: Path | None = None, tegenvoorbeelden: Path | None = None) -> None:
    """Findings with their rules, articles, assumptions, the counterexample case and the `bereken`
    command that reproduces it; then per analysis what it covered; then a summary that speaks only
    about the analyses that ran."""
    kleur = {Ernst.FOUT: "bold red", Ernst.WAARSCHUWING: "bold yellow", Ernst.INFO: "blue"}
    for f in findings:
        console.print(f"[{kleur[f.ernst]}]{f.code} {escape(f.soort)}[/] [dim]({escape(f.oordeel.value)}, "
                      f"id {f.id})[/]: {escape(f.bericht)}")
        for r in f.regels[:4]:
            console.print(f"    [dim]regel '{escape(r.naam)}' {escape(str(r.herkomst.span))}[/]")
        for a in f.artikelen[:4]:
            console.print(f"    [italic]{escape(a.citeer())}[/] [dim]{escape(a.jci() or '')}[/]")
        if f.aannames:
            console.print(f"    [dim]aannames: {escape(f.aannames)}[/]")
        if f.tegenvoorbeeld is not None:
            pad = geval_bestand(f, tegenvoorbeelden)
            if tegenvoorbeelden is None:
                # Not written (no --tegenvoorbeelden): the reader must save it first, and is told so.
                console.print(f"    geval (bewaar als {escape(pad)}, of draai met --tegenvoorbeelden MAP): "
                              f"{escape(geval_tekst(f))}")
            console.print(f"    narekenen: [bold]regelspraak bereken {escape(str(model or 'MODEL'))} --gegevens "
                          f"{escape(pad)} --uitleg[/]")
    d_per = (dekking or {}).get("per_analyse", {})
    for regel in (dekking or {}).get("afgeleid", []):
        console.print(f"[dim]afgeleid (geen analyse.yaml): {escape(regel)}[/]")
    gedraaid = [a for a, d in d_per.items() if d["gedraaid"]]
    for a, d in d_per.items():
        status = "gecontroleerd" if d["gedraaid"] else "[bold]niet uitgevoerd[/]"
        console.print(f"[dim]{escape(a)}:[/] {status}" + (f" [dim]— {escape('; '.join(d['gedekt']))}[/]"
                                                          if d["gedekt"] else ""))
        for o in d["overgeslagen"]:
            console.print(f"    [dim]niet gecontroleerd: {escape(o)}[/]")
    n = sum(1 for f in findings if telt(f))
    niet = [a for a in d_per if a not in gedraaid]
    if dekking is None:
        console.print(f"{n} bevinding(en); {len(findings) - n} controle(s) zonder bevinding.")
        return
    console.print(f"{n} bevinding(en) in {len(gedraaid)} uitgevoerde analyse(s); {len(findings) - n} "
                  "controle(s) zonder bevinding" + (f"; niet uitgevoerd: {', '.join(niet)}." if niet else "."))
