"""`regelspraak test PAD`: run the example cases beside a model; exit 1 when one fails."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

import typer
from rich.markup import escape
from rich.table import Table

from regelspraak.cli.app import BEVINDINGEN, OK, Formaat, app, print_json, print_tekst, stdout, stop_onbruikbaar
from regelspraak.cli.loading import load_or_stop
from regelspraak.cli.opties import positief
from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.origin import Herkomst, Span
from regelspraak.report.diagnostics import gnu
from regelspraak.values.leesbaar import aantal
from regelspraak.values.notation import parse_datum, parse_getal

if TYPE_CHECKING:
    from regelspraak.evaluate.interpret import Uitkomst
    from regelspraak.model import ir
    from regelspraak.values.tijdlijn import Tijdlijn
    from regelspraak.values.units import Eenheden


class TestFormaat(StrEnum):
    tekst = "tekst"
    json = "json"
    junit = "junit"


@dataclass
class Verschil:
    object_id: str
    naam: str
    verwacht: object
    gevonden: object


@dataclass
class CaseResult:
    bestand: str
    naam: str
    verschillen: list[Verschil] = field(default_factory=list)
    fout: str | None = None
    bevinding: dict[str, Any] | None = None  # a property: the finding (case file, trace, rules, articles)

    @property
    def geslaagd(self) -> bool:
        return not self.verschillen and self.fout is None


def _gelijk(verwacht: object, gevonden: ir.Waarde, t: ir.Type | None, eenheden: Eenheden | None = None) -> bool:
    if verwacht is None or gevonden is None:
        return verwacht is None and gevonden is None
    if t is not None and t.periode is not None:
        # A timeline is expected in the form a case file gives it (stretches, or 12 months a year).
        from regelspraak.inputs.tijdlijn_invoer import lees
        from regelspraak.values import units

        return bool(lees(verwacht, t, eenheden or units.Eenheden()) == gevonden)
    if isinstance(gevonden, bool):
        return verwacht is gevonden
    if t is not None and t.is_getal:
        # An unreadable or ambiguous expected value ("161.244") raises: the case file is wrong, and
        # the reader says how to write it, instead of a silent mismatch.
        return parse_getal(str(verwacht).rstrip("%").strip())[0] == gevonden
    if t is not None and t.soort == "datum":
        return parse_datum(str(verwacht)) == gevonden
    return str(verwacht) == str(gevonden)


def _kenmerk_gelijk(verwacht: object, gevonden: Tijdlijn, model: ir.Model) -> bool:
    """A kenmerk `voor elke …` against its expected value: stretches (or 12 months a year) of
    waar/onwaar, or one value that must hold on every stretch."""
    from regelspraak.inputs.tijdlijn_invoer import lees
    from regelspraak.inputs.values import lees_waarheid
    from regelspraak.model.ir import Type

    if isinstance(verwacht, list | dict):
        return bool(lees(verwacht, Type("boolean", periode=gevonden.periode), model.eenheden,
                         lees_waarheid) == gevonden)
    return bool(gevonden.stukken) and all(s.waarde is verwacht for s in gevonden.stukken)


def compare(model: ir.Model, uitkomst: Uitkomst, verwacht: dict[str, dict[str, object]],
            inconsistent: list[str]) -> list[Verschil]:
    from regelspraak.inputs.files import strip_lidwoord
    from regelspraak.report.results import waarde_json
    from regelspraak.values.tijdlijn import Tijdlijn

    out: list[Verschil] = []
    for oid, namen in verwacht.items():
        inst = uitkomst.instanties.get(oid)
        if inst is None:
            out.append(Verschil(oid, "(object)", "bestaat", "ontbreekt"))
            continue
        ot = model.objecttypen[inst.type]
        for naam, v in namen.items():
            key = strip_lidwoord(naam)
            a = ot.attributen.get(key)
            if a is not None:
                gevonden = inst.waarden.get(a.naam.lower())
                try:
                    gelijk = _gelijk(v, gevonden, a.type, model.eenheden)
                except ValueError as e:
                    out.append(Verschil(oid, a.naam, f"{v} (onleesbaar: {e})", waarde_json(gevonden)))
                    continue
                if not gelijk:
                    out.append(Verschil(oid, a.naam, v, waarde_json(gevonden)))
                continue
            k = ot.kenmerken.get(key)
            if k is not None:
                kv = inst.kenmerken.get(k.naam.lower(), False)
                if isinstance(kv, Tijdlijn):
                    try:
                        gelijk = _kenmerk_gelijk(v, kv, model)
                    except ValueError as e:
                        out.append(Verschil(oid, k.naam, f"{v} (onleesbaar: {e})", waarde_json(kv)))
                        continue
                    if not gelijk:
                        out.append(Verschil(oid, k.naam, v, waarde_json(kv)))
                    continue
                g = bool(kv)
                if v is not g:
                    out.append(Verschil(oid, k.naam, v, g))
                continue
            out.append(Verschil(oid, naam, v, "(geen attribuut of kenmerk)"))
    gevonden_inc = sorted({i.object_id for i in uitkomst.inconsistenties})
    if sorted(set(inconsistent)) != gevonden_inc:
        out.append(Verschil("*", "inconsistent", sorted(set(inconsistent)), gevonden_inc))
    return out


def run_examples(model: ir.Model, paden: list[Path], parameter_bestanden: list[Path]) -> list[CaseResult]:
    from regelspraak.evaluate.interpret import run
    from regelspraak.inputs.files import case_from, read_example, uit_bestand

    results: list[CaseResult] = []
    for p in paden:
        try:
            vb, src = read_example(p)
            g = uit_bestand(case_from(vb.gegevens, src, ("gegevens",), model, model.eenheden, None,
                                      parameter_bestanden), src, ("gegevens",))
        except DiagnosticError as e:
            results.append(CaseResult(str(p), p.stem, fout="; ".join(gnu(d) for d in e.diagnostics)))
            continue
        uitkomst = run(model, g)
        if uitkomst.fouten:
            results.append(CaseResult(str(p), vb.naam, fout="; ".join(gnu(d) for d in uitkomst.fouten)))
            continue
        results.append(CaseResult(str(p), vb.naam, compare(model, uitkomst, vb.verwacht, vb.verwacht_inconsistent)))
    return results


def run_properties(map_: Path, voorbeelden: int | None = None, bewaar: bool = True) -> list[CaseResult]:
    """The properties declared in eigenschappen.yaml: the counterexamples kept in tegenvoorbeelden/
    are replayed first, then each property is searched over the whole input space (z3 where it
    decides, Hypothesis otherwise; regelspraak/properties/). A counterexample fails; "geen schending
    gevonden in N voorbeelden" passes (and says so). The invariance of a feittype is checked on
    the templates of analyse.yaml, as `analyseer` does."""
    if not (map_ / "eigenschappen.yaml").is_file():
        return []
    from regelspraak.analyses import incentives
    from regelspraak.analyses.context import load
    from regelspraak.analyses.findings import Oordeel
    from regelspraak.cli.analyseer import default_datum
    from regelspraak.inputs.eigenschappen_yaml import read_bestand
    from regelspraak.properties import run, search
    from regelspraak.report.findings import finding_json

    bestand = str(map_ / "eigenschappen.yaml")
    try:
        ctx = load(map_, default_datum(map_))
        eig = read_bestand(map_ / "eigenschappen.yaml")
    except DiagnosticError as e:
        return [CaseResult(bestand, "eigenschappen", fout="; ".join(gnu(d) for d in e.diagnostics))]
    out = []
    for r in run.controleer(ctx, eig, voorbeelden or search.VOORBEELDEN, bewaar):
        n = r.finding.details.get("voorbeelden")
        oordeel = f"niet gevonden in {n} voorbeelden" if r.finding.oordeel is Oordeel.NIET_GEVONDEN and n is not None \
            else r.finding.oordeel.value
        res = CaseResult(str(r.database) if r.database is not None else bestand, f"{r.naam} ({oordeel})",
                         bevinding=finding_json(r.finding))
        if not r.geslaagd:
            gevalbestand = r.finding.details.get("gevalbestand")
            bericht = r.finding.bericht + (f" Geval: {gevalbestand}" if gevalbestand else "")
            res.verschillen.append(Verschil("*", str(r.finding.details.get("eigenschap", r.naam)), "geldt", bericht))
        out.append(res)
    for f in incentives.invariantie(ctx):
        r2 = CaseResult(bestand, f"eigenschap: {f.sleutel} ({f.oordeel.value})")
        if f.oordeel is Oordeel.TEGENVOORBEELD:
            r2.verschillen.append(Verschil("*", f.sleutel, "geldt", f.bericht))
        out.append(r2)
    return out


def junit(results: list[CaseResult]) -> str:
    fails = sum(1 for r in results if r.verschillen)
    errors = sum(1 for r in results if r.fout)
    suite = ET.Element("testsuite", name="regelspraak", tests=str(len(results)), failures=str(fails),
                       errors=str(errors))
    for r in results:
        case = ET.SubElement(suite, "testcase", classname=Path(r.bestand).parent.name, name=r.naam,
                             file=r.bestand)
        if r.fout:
            ET.SubElement(case, "error", message=r.fout)
        elif r.verschillen:
            msg = "; ".join(f"{v.object_id}.{v.naam}: verwacht {v.verwacht!r}, gevonden {v.gevonden!r}"
                            for v in r.verschillen)
            ET.SubElement(case, "failure", message=msg)
    return str(ET.tostring(suite, encoding="unicode", xml_declaration=True))


@app.command("test")
def test(
    pad: Path = typer.Argument(..., help="Model (map) met voorbeeldgevallen in gevallen/, of één gevalbestand."),  # noqa: B008
    gevallen: list[Path] = typer.Option([], "--geval", help="Extra voorbeeldgeval(len)."),  # noqa: B008
    formaat: TestFormaat = typer.Option(TestFormaat.tekst, "--formaat", help="tekst, json of junit"),  # noqa: B008
    voorbeelden: int | None = typer.Option(None, "--voorbeelden", parser=positief,
                                           help="Aantal voorbeelden per eigenschap (standaard 500)."),
    bewaar: bool = typer.Option(True, "--bewaar/--niet-bewaren",
                                help="Schrijf gevonden tegenvoorbeelden naar tegenvoorbeelden/ in de modelmap."),
) -> None:
    """Voer de voorbeeldgevallen van een model uit en vergelijk met de verwachte waarden."""
    base = Formaat.json if formaat is not TestFormaat.tekst else Formaat.tekst
    model_pad = pad.parent.parent if pad.is_file() and pad.suffix in (".yaml", ".yml", ".json") else pad
    files, model, _ = load_or_stop(model_pad, base)
    paden = [pad] if pad.is_file() and pad.suffix != ".rgs" else list(files.gevallen)
    paden += gevallen
    eigenschappen = [] if pad.is_file() and pad.suffix != ".rgs" else run_properties(files.map, voorbeelden, bewaar)
    if not paden and not eigenschappen:
        stop_onbruikbaar([_no_cases(pad)], base)
    results = run_examples(model, paden, list(files.parameters)) + eigenschappen
    failed = [r for r in results if not r.geslaagd]
    if formaat is TestFormaat.junit:
        print_tekst(junit(results) + "\n")
    elif formaat is TestFormaat.json:
        print_json({"geslaagd": len(results) - len(failed), "gefaald": len(failed), "gevallen": [
            {"bestand": r.bestand, "naam": r.naam, "geslaagd": r.geslaagd, "fout": r.fout,
             "verschillen": [{"object": v.object_id, "naam": v.naam, "verwacht": v.verwacht, "gevonden": v.gevonden}
                             for v in r.verschillen],
             **({"bevinding": r.bevinding} if r.bevinding is not None else {})} for r in results]})
    else:
        con = stdout()
        for r in results:
            teken = "[green]✓[/]" if r.geslaagd else "[red]✗[/]"
            con.print(f"{teken} {escape(r.naam)} [dim]({escape(r.bestand)})[/]")
            if r.fout:
                con.print(f"    [red]{escape(r.fout)}[/]")
            if r.verschillen and r.bevinding is not None:
                _print_bevinding(con, r.bevinding)
                continue
            if r.verschillen:
                t = Table("object", "naam", "verwacht", "gevonden")
                for v in r.verschillen:
                    t.add_row(escape(v.object_id), escape(v.naam), escape(str(v.verwacht)), escape(str(v.gevonden)))
                con.print(t)
        con.print(f"{aantal(len(results) - len(failed))} geslaagd, {aantal(len(failed))} gefaald")
    raise typer.Exit(BEVINDINGEN if failed else OK)


def _print_bevinding(con: Any, f: dict[str, Any]) -> None:
    """A violated property: the message, the rules and articles involved, and how to rerun the case."""
    con.print(f"    [red]{escape(f['bericht'])}[/]")
    if f["regels"]:
        con.print("    regels: " + escape("; ".join(f"{r['naam']} ({r['bestand']}:{r['regel']})" for r in f["regels"])))
    if f["artikelen"]:
        con.print("    artikelen: " + escape("; ".join(a["citaat"] for a in f["artikelen"])))
    gevalbestand = f["details"].get("gevalbestand")
    if gevalbestand:
        model = f["details"].get("model", "MODEL")
        con.print(f"    uitleg: regelspraak bereken {escape(model)} --gegevens {escape(gevalbestand)} --uitleg")


def _no_cases(pad: Path) -> Diagnostic:
    return Diagnostic("RS901", Ernst.FOUT, "Geen voorbeeldgevallen (gevallen/) en geen eigenschappen "
                      "(eigenschappen.yaml) gevonden.",
                      Herkomst(Span(str(pad), 1, 1)))

