"""Findings as console text, JSON, SARIF 2.1.0 (pointing at the .rgs line) and JUnit (one test per
analysis).

>>> from regelspraak.analyses.findings import Finding, Oordeel
>>> from regelspraak.diagnostics import Ernst
>>> f = Finding("RS401", "sprong", Ernst.WAARSCHUWING, "Sprong.", Oordeel.TEGENVOORBEELD, sleutel="x")
>>> as_json([f])["bevindingen"][0]["oordeel"]
'tegenvoorbeeld'
"""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

from rich.console import Console
from rich.markup import escape

from regelspraak import __version__
from regelspraak.analyses.findings import Finding, Oordeel
from regelspraak.diagnostics import CODES, Ernst


def telt(f: Finding) -> bool:
    """Whether a finding makes `analyseer` exit 1: a real problem, not a 'nothing found' note."""
    return f.ernst is not Ernst.INFO and f.oordeel is not Oordeel.NIET_GEVONDEN


def finding_json(f: Finding) -> dict[str, Any]:
    return {
        "id": f.id, "code": f.code, "soort": f.soort, "ernst": f.ernst.value, "bericht": f.bericht,
        "oordeel": f.oordeel.value, "aannames": f.aannames,
        "regels": [{"naam": r.naam, "bestand": r.herkomst.span.bestand, "regel": r.herkomst.span.regel}
                   for r in f.regels],
        "artikelen": [{"juriconnect": a.jci(), "citaat": a.citeer()} for a in f.artikelen],
        "bedrag": f.bedrag, "getroffen": f.getroffen, "tegenvoorbeeld": f.tegenvoorbeeld,
        "uitleg": list(f.uitleg), "details": f.details,
    }


def as_json(findings: list[Finding], per_analyse: dict[str, int] | None = None) -> dict[str, Any]:
    return {"bevindingen": [finding_json(f) for f in findings], "aantal": len(findings),
            "per_analyse": per_analyse or {}}


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


def as_junit(findings: list[Finding], analyses: list[str]) -> str:
    """One testcase per analysis; it fails when that analysis reports a counting finding."""
    per: dict[str, list[Finding]] = {a: [] for a in analyses}
    for f in findings:
        per.setdefault(f.details.get("_analyse", f.soort), []).append(f)
    fails = sum(1 for fs in per.values() if any(telt(f) for f in fs))
    suite = ET.Element("testsuite", name="regelspraak analyseer", tests=str(len(per)), failures=str(fails),
                       errors="0")
    for naam, fs in per.items():
        case = ET.SubElement(suite, "testcase", classname="analyseer", name=naam)
        echte = [f for f in fs if telt(f)]
        if echte:
            fail = ET.SubElement(case, "failure", message=f"{len(echte)} bevinding(en)")
            fail.text = "\n".join(f"[{f.code}] {f.bericht}" for f in echte)
    return str(ET.tostring(suite, encoding="unicode", xml_declaration=True))


def print_tekst(findings: list[Finding], console: Console) -> None:
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
    n = sum(1 for f in findings if telt(f))
    console.print(f"{n} bevinding(en); {len(findings) - n} controle(s) zonder bevinding.")
