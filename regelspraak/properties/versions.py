"""Properties between two versions of a model (`regelspraak vergelijk HUIDIG VOORSTEL`): every
generated case is computed under current law and under the bill, and the difference per output
object must respect what the bill promises.

- `max-verlies`: no one loses more than `maximum` (euros) — optionally only `wanneer` …;
- `geen-verliezers`: no one for whom `wanneer` holds loses anything ("nobody with a joint income
  below €20,000");
- `alleen-genoemde-groepen`: winners and losers only in the `groepen` the bill names (each a
  name and a `wanneer`); anyone else whose amount changes is a counterexample.

Losing is measured on the output as declared (for an uitkering, less is a loss); a leeg output
counts as 0. The `wanneer` conditions are read in the current-law run. The cases are drawn from
the current model's input space (`space.py`) with Hypothesis, evaluated in batches by the
vectorised engine under both versions, and every failure is confirmed by the interpreter and
shrunk (`search.zoek`). Properties are read from eigenschappen.yaml of both folders.

>>> from regelspraak.inputs.eigenschappen_yaml import Eigenschap, Plek
>>> e = Eigenschap(naam="x", soort="max-verlies", uitkomst=Plek(objecttype="H", naam="t"), maximum=10)
>>> _verlies_te_groot(e, Fraction(100), Fraction(85))
True
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

from regelspraak.analyses.context import Context, load
from regelspraak.analyses.findings import Finding, Oordeel, Toelichting
from regelspraak.analyses.sweep import uitleg
from regelspraak.diagnostics import Ernst
from regelspraak.evaluate.interpret import Gegevens
from regelspraak.inputs import eigenschappen_yaml
from regelspraak.inputs.eigenschappen_yaml import Eigenschap
from regelspraak.model import ir
from regelspraak.properties import checks, search, serial, space
from regelspraak.properties.evaluation import Sleutels, Waarden, interpreted, vectorised
from regelspraak.properties.search import Beoordelaar, Proef, Uitkomst
from regelspraak.values.notation import format_getal, parse_getal

CODES = {"max-verlies": "RS416", "geen-verliezers": "RS417", "alleen-genoemde-groepen": "RS418"}


def _getal(x: object) -> Fraction:
    return parse_getal(str(x).rstrip("%").strip())[0]


def _verlies_te_groot(e: Eigenschap, oud: Fraction, nieuw: Fraction) -> bool:
    return oud - nieuw > _getal(e.maximum)


def schending(model: ir.Model, e: Eigenschap, w0: Waarden, w1: Waarden) -> str | None:
    """How the bill breaks the property for this case (None: it keeps it)."""
    uit = checks.plek(model, e.uitkomst.objecttype, e.uitkomst.naam)
    if uit is None:
        return None
    for oid in w0.van_type(uit.objecttype):
        x0, x1 = w0.waarden[oid].get(uit.sleutel), w1.waarden.get(oid, {}).get(uit.sleutel)
        oud = x0 if isinstance(x0, Fraction) else Fraction(0)
        nieuw = x1 if isinstance(x1, Fraction) else Fraction(0)
        verschil = f"{uit.naam} van {oid} gaat van {format_getal(oud)} naar {format_getal(nieuw)}"
        if e.soort == "max-verlies":
            if (not e.wanneer or checks.voldoet(model, e, e.wanneer, w0, oid)) and _verlies_te_groot(e, oud, nieuw):
                return f"{verschil}: een verlies van meer dan {e.maximum}"
        elif e.soort == "geen-verliezers":
            if nieuw < oud and checks.voldoet(model, e, e.wanneer, w0, oid):
                return f"{verschil}: een verliezer"
        elif e.soort == "alleen-genoemde-groepen" and nieuw != oud:
            if not any(checks.voldoet(model, e, g.wanneer, w0, oid) for g in e.groepen):
                wie = "winnaar" if nieuw > oud else "verliezer"
                return f"{verschil}: een {wie} buiten de genoemde groepen"
    return None


class Versies:
    """The two versions and their parameters on one rekendatum."""

    def __init__(self, oud: Context, nieuw: Context) -> None:
        self.oud, self.nieuw = oud, nieuw

    def onder_voorstel(self, g: Gegevens) -> Gegevens:
        return replace(g, parameters=self.nieuw.parameters)

    def beoordelaar(self, e: Eigenschap, sleutels: Sleutels) -> Beoordelaar:
        def oordeel(ps: list[Proef], interpreter: bool) -> list[Uitkomst]:
            oud = [p.geval for p in ps]
            nieuw = [self.onder_voorstel(g) for g in oud]
            if interpreter:
                w0 = [interpreted(self.oud.model, g, sleutels) for g in oud]
                w1 = [interpreted(self.nieuw.model, g, sleutels) for g in nieuw]
            else:
                w0 = vectorised(self.oud.model, oud, sleutels)
                w1 = vectorised(self.nieuw.model, nieuw, sleutels)
            out = []
            for a, b, g in zip(w0, w1, nieuw, strict=True):
                if not (a.bruikbaar and b.bruikbaar):
                    out.append(Uitkomst(False))
                else:
                    out.append(Uitkomst(True, schending(self.oud.model, e, a, b), g))
            return out

        return oordeel


def lees_eigenschappen(mappen: list[Path]) -> tuple[list[Eigenschap], eigenschappen_yaml.Zoekruimte | None]:
    """The between-version properties of every folder that has an eigenschappen.yaml (by name,
    the first wins), and the first folder's search space."""
    out: dict[str, Eigenschap] = {}
    ruimte: eigenschappen_yaml.Zoekruimte | None = None
    for m in mappen:
        pad = m / "eigenschappen.yaml"
        if not pad.is_file():
            continue
        b = eigenschappen_yaml.read_bestand(pad)
        ruimte = ruimte or b.zoekruimte
        for e in b.eigenschappen:
            if e.soort in eigenschappen_yaml.TUSSEN_VERSIES:
                out.setdefault(e.naam, e)
    return list(out.values()), ruimte


def controleer(huidig: Path, voorstel_model: Path, eigenschap_mappen: list[Path], rekendatum: date,
               voorbeelden: int = search.VOORBEELDEN) -> list[Finding]:
    """Every between-version property, searched; one finding each. DiagnosticError when a folder
    or a declaration cannot be used."""
    eigenschappen, zoekruimte = lees_eigenschappen(eigenschap_mappen)
    if not eigenschappen:
        return []
    v = Versies(load(huidig, rekendatum), load(voorstel_model, rekendatum))
    if set(v.oud.model.objecttypen) != set(v.nieuw.model.objecttypen):
        return []  # a bill that changes the objecttypen: the cases of one version do not fit the other
    ruimte = space.build(v.oud.model, rekendatum, v.oud.parameters, v.oud.analyse, zoekruimte)
    tekst = "".join(p.read_text("utf-8") for p in [*v.oud.files.rgs, *v.nieuw.files.rgs])
    out = []
    for e in eigenschappen:
        if checks.plek(v.oud.model, e.uitkomst.objecttype, e.uitkomst.naam) is None:
            out.append(Finding("RS419", "eigenschap-past-niet", Ernst.FOUT, f"Eigenschap '{e.naam}': de uitkomst "
                               f"'{e.uitkomst.naam}' bestaat niet in het model.", Oordeel.TEGENVOORBEELD, (),
                               sleutel=f"{e.naam}|past-niet"))
            continue
        sleutels = checks.sleutels(v.oud.model, e)
        u = search.zoek(ruimte, e, e.voorbeelden or voorbeelden, search.zaad(tekst, e),
                        oordeel=v.beoordelaar(e, sleutels))
        out.append(_finding(v, e, u))
    return out


def _finding(v: Versies, e: Eigenschap, u: search.Uitslag) -> Finding:
    code = CODES[e.soort]
    if u.proef is None or u.uitkomst is None or u.uitkomst.schending is None:
        return Finding(code, e.soort, Ernst.INFO, f"Eigenschap '{e.naam}': geen schending gevonden in "
                       f"{u.voorbeelden} voorbeelden.", Oordeel.NIET_GEVONDEN, (), sleutel=e.naam,
                       details={"eigenschap": e.naam, "voorbeelden": u.voorbeelden})
    g = u.proef.geval
    traces: tuple[Toelichting, ...] = (uitleg(v.oud.model, g), uitleg(v.nieuw.model, v.onder_voorstel(g)))
    from regelspraak.properties.run import betrokken_regels

    return Finding(code, e.soort, Ernst.FOUT, f"Eigenschap '{e.naam}' geldt niet voor het voorstel: "
                   f"{u.uitkomst.schending} (kleinste tegenvoorbeeld na {u.voorbeelden} voorbeelden).",
                   Oordeel.TEGENVOORBEELD, betrokken_regels(v.nieuw.model, e, traces[1:]), sleutel=e.naam,
                   aannames="invoer uit de invoerruimte van het huidige model; uitleg: huidig recht, dan voorstel",
                   tegenvoorbeeld=serial.geval_dict(v.oud.model, g), uitleg=traces,
                   details={"eigenschap": e.naam, "voorbeelden": u.voorbeelden})


def vergelijk_json(huidig: Path, voorstel_model: Path, voorstel: Path, rekendatum: date) -> list[dict[str, Any]]:
    """The hook for `regelspraak vergelijk`: the findings as JSON (without explanation traces,
    like the other findings of vergelijk), properties from both folders."""
    from regelspraak.report.findings import finding_json

    mappen = [huidig] + ([voorstel] if voorstel.is_dir() else [])
    out = []
    for f in controleer(huidig, voorstel_model, mappen, rekendatum):
        d = finding_json(f)
        d.pop("uitleg", None)
        out.append(d)
    return out
