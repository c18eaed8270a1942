"""The input files, validated at the boundary: parameter files, case files, example cases.

Structure is checked by pydantic (`extra="forbid"`); names and values are then checked
against the model. Every problem is a diagnostic with file, line and field; nothing is
dropped silently.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.evaluate.interpret import Gegevens, Gevalbestand, Invoer, KenmerkWaarde
from regelspraak.inputs import pydantic_nl, tijdlijn_invoer, yaml_source
from regelspraak.inputs.names import afgeleid, dubbele_namen
from regelspraak.inputs.names import strip_lidwoord as strip_lidwoord  # where cli/test.py imports it from
from regelspraak.inputs.values import WaardeFout, convert, lees_waarheid
from regelspraak.model import ir
from regelspraak.model.scope import Scope
from regelspraak.origin import Herkomst, Span
from regelspraak.syntax.lexer import normalize
from regelspraak.values.notation import parse_datum
from regelspraak.values.units import Eenheden


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ParameterWaarde(_Strict):
    waarde: Any
    vanaf: str | date | None = None
    tot_en_met: str | date | None = None
    bron: str | None = None
    toelichting: str | None = None


class ParameterBestand(_Strict):
    parameters: dict[str, list[ParameterWaarde]]


class ObjectInvoer(BaseModel):
    # Attribute and kenmerk names are the model's own; they are checked against it below.
    model_config = ConfigDict(extra="allow", frozen=True)
    type: str


class Feit(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)
    feittype: str


class Geval(_Strict):
    rekendatum: str | date | None = None
    parameters: dict[str, Any] = {}
    objecten: dict[str, ObjectInvoer]
    feiten: list[Feit] = []


class Voorbeeld(_Strict):
    naam: str
    afleiding: str | None = None
    omschrijving: str | None = None
    gegevens: Geval
    verwacht: dict[str, dict[str, Any]]
    verwacht_inconsistent: list[str] = []


def valideer(src: yaml_source.Source, schema: type[BaseModel]) -> Any:
    """`src.data` as `schema`, or a DiagnosticError with one Dutch message per field and its line."""
    try:
        return schema.model_validate(src.data)
    except ValidationError as e:
        raise DiagnosticError(pydantic_nl.diagnostieken(src, e)) from e


def read_parameters(pad: Path, model: ir.Model, eenheden: Eenheden, rekendatum: date) -> tuple[
        dict[str, ir.Waarde], dict[str, str]]:
    """The parameter values valid on `rekendatum`, and the bron of each. The parameter file of a
    model folder that builds on others (model.yaml) is read with the bases' parameter files, as
    `load_model` reads the folder's rules with the bases' rules (`bouwt_op.parameters_met_basis`)."""
    from regelspraak.model import bouwt_op

    paden = bouwt_op.parameters_met_basis(pad)
    if len(paden) > 1:
        return read_parameter_files(paden, model, eenheden, rekendatum)
    return _lees_parameters(pad, model, eenheden, rekendatum)


def _lees_parameters(pad: Path, model: ir.Model, eenheden: Eenheden, rekendatum: date) -> tuple[
        dict[str, ir.Waarde], dict[str, str]]:
    """The values of one parameter file valid on `rekendatum`, and the bron of each."""
    src = yaml_source.read(pad)
    bestand: ParameterBestand = valideer(src, ParameterBestand)
    waarden: dict[str, ir.Waarde] = {}
    bronnen: dict[str, str] = {}
    diags: list[Diagnostic] = dubbele_namen(src, ("parameters",), bestand.parameters, "parameter")
    for naam, entries in bestand.parameters.items():
        key = strip_lidwoord(naam)
        p = model.parameters.get(key)
        if p is None:
            diags.append(src.fout(("parameters", naam), f"Onbekende parameter '{naam}'."))
            continue
        periodes: list[tuple[date, date]] = []
        # A timeline parameter (`voor elke maand`): every dated value is a stretch (taal.md §11).
        stukken: list[tuple[date, date, ir.Waarde, str]] | None = [] if p.type.periode is not None else None
        for i, e in enumerate(entries):
            loc: yaml_source.Pad = ("parameters", naam, i)
            try:
                van = parse_datum(e.vanaf) if e.vanaf is not None else date.min
                tm = parse_datum(e.tot_en_met) if e.tot_en_met is not None else date.max
                if stukken is not None:
                    stukken.append(tijdlijn_invoer.parameter_stuk(e.waarde, van, tm, p.type, eenheden, e.bron))
                    continue
                v = convert(e.waarde, p.type, eenheden)
            except (ValueError, WaardeFout) as err:
                diags.append(src.fout(loc, str(err)))
                continue
            for a, b in periodes:
                if van <= b and a <= tm:
                    diags.append(src.fout(loc, f"Geldigheid van '{naam}' overlapt met een eerdere waarde.",
                                          "RS201"))
            periodes.append((van, tm))
            if van <= rekendatum <= tm:
                waarden[key] = v
                bronnen[key] = e.bron or ""
        if stukken:
            try:
                lijn, bronnen[key] = tijdlijn_invoer.parameter_tijdlijn(stukken, p.type)
                waarden[key] = tijdlijn_invoer.binnen_berekeningsjaar(lijn, rekendatum)
            except WaardeFout as err:
                diags.append(src.fout(("parameters", naam), str(err), "RS030"))
    if diags:
        raise DiagnosticError(diags)
    return waarden, bronnen


def read_parameter_files(paden: list[Path], model: ir.Model, eenheden: Eenheden, rekendatum: date) -> tuple[
        dict[str, ir.Waarde], dict[str, str]]:
    """The values of all parameter files of a model (each file on its own, as given). Two files that
    both give a parameter a value on `rekendatum` are RS913 (one would overwrite the other in silence)."""
    waarden: dict[str, ir.Waarde] = {}
    bronnen: dict[str, str] = {}
    van: dict[str, Path] = {}
    diags: list[Diagnostic] = []
    for pad in paden:
        w, b = _lees_parameters(pad, model, eenheden, rekendatum)
        for key in w.keys() & van.keys():
            diags.append(Diagnostic("RS913", Ernst.FOUT, f"Parameter '{model.parameters[key].naam}' krijgt op "
                                    f"{rekendatum:%d-%m-%Y} een waarde in {van[key]} en in {pad}; de ene zou de "
                                    "andere stil overschrijven.", Herkomst(Span(str(pad), 1, 1))))
        waarden.update(w)
        bronnen.update(b)
        van.update(dict.fromkeys(w, pad))
    if diags:
        raise DiagnosticError(diags)
    return waarden, bronnen


def parameter_periodes(paden: list[Path], model: ir.Model) -> dict[str, list[tuple[date, date]]]:
    """Per parameter key, the periods in which the parameter files give it a value."""
    out: dict[str, list[tuple[date, date]]] = {}
    for pad in paden:
        src = yaml_source.read(pad)
        bestand: ParameterBestand = valideer(src, ParameterBestand)
        for naam, entries in bestand.parameters.items():
            for e in entries:
                try:
                    van = parse_datum(e.vanaf) if e.vanaf is not None else date.min
                    tm = parse_datum(e.tot_en_met) if e.tot_en_met is not None else date.max
                except ValueError:
                    continue  # reported when the file is used for a computation
                out.setdefault(strip_lidwoord(naam), []).append((van, tm))
    return out


def read_case(pad: Path, model: ir.Model, eenheden: Eenheden, rekendatum: date | None,
              parameter_bestanden: list[Path]) -> Gegevens:
    """A case file, or an example case (gevallen/*.yaml: its `gegevens`, the expectations unread)."""
    src = yaml_source.read(pad)
    prefix: yaml_source.Pad = ()
    if isinstance(src.data, dict) and "gegevens" in src.data and "objecten" not in src.data:
        geval: Geval = valideer(src, Voorbeeld).gegevens
        prefix = ("gegevens",)
    else:
        geval = valideer(src, Geval)
    return uit_bestand(case_from(geval, src, prefix, model, eenheden, rekendatum, parameter_bestanden), src, prefix)


def read_example(pad: Path) -> tuple[Voorbeeld, yaml_source.Source]:
    src = yaml_source.read(pad)
    return valideer(src, Voorbeeld), src


def uit_bestand(g: Gegevens, src: yaml_source.Source, prefix: yaml_source.Pad) -> Gegevens:
    """`g` marked as the case in `src` (under `prefix`), so that computation errors name the file
    and the line of the object they arose for.

    >>> import datetime, tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.yaml"
    >>> _ = p.write_text("objecten:\\n  a: {type: X}\\n", "utf-8")
    >>> g = Gegevens(datetime.date(2025, 1, 1), {}, {"a": Invoer("x", {}, {})}, [])
    >>> uit_bestand(g, yaml_source.read(p), ()).gevalbestand.noem("a") == f" Geval: {p}:2, object a."
    True
    """
    regels = {oid: src.line((*prefix, "objecten", oid)) for oid in g.objecten}
    return dataclasses.replace(g, gevalbestand=Gevalbestand(src.pad, regels))


def case_from(geval: Geval, src: yaml_source.Source, prefix: yaml_source.Pad, model: ir.Model,
              eenheden: Eenheden, rekendatum: date | None, parameter_bestanden: list[Path]) -> Gegevens:
    diags: list[Diagnostic] = dubbele_namen(src, (*prefix, "parameters"), geval.parameters, "parameter")
    datum = rekendatum
    if datum is None:
        if geval.rekendatum is None:
            raise DiagnosticError([src.fout((*prefix, "rekendatum"), "Rekendatum ontbreekt (in het bestand of met "
                                            "--rekendatum).", "RS901")])
        try:
            datum = parse_datum(geval.rekendatum)
        except ValueError as e:
            raise DiagnosticError([src.fout((*prefix, "rekendatum"), str(e))]) from e
    params, bronnen = read_parameter_files(parameter_bestanden, model, eenheden, datum)
    for naam, v in geval.parameters.items():
        key = strip_lidwoord(naam)
        p = model.parameters.get(key)
        if p is None:
            diags.append(src.fout((*prefix, "parameters", naam), f"Onbekende parameter '{naam}'."))
            continue
        try:
            params[key] = convert(v, p.type, eenheden)
            bronnen[key] = "opgegeven in het geval"
        except WaardeFout as e:
            diags.append(src.fout((*prefix, "parameters", naam, *_onder(e)), str(e), *_code(e)))
    derived = afgeleid(model)
    objecten: dict[str, Invoer] = {}
    for oid, obj in geval.objecten.items():
        loc: yaml_source.Pad = (*prefix, "objecten", oid)
        ot_key = strip_lidwoord(obj.type)
        ot = model.objecttypen.get(ot_key) or next(
            (t for t in model.objecttypen.values() if t.meervoud and normalize(t.meervoud) == ot_key), None)
        if ot is None:
            diags.append(src.fout((*loc, "type"), f"Onbekend objecttype '{obj.type}'."))
            continue
        ot_key = normalize(ot.naam)
        attrs: dict[str, ir.Waarde] = {}
        kms: dict[str, KenmerkWaarde] = {}
        dubbel = dubbele_namen(src, loc, obj.model_extra or {}, "naam")
        diags.extend(dubbel)
        for naam, v in (obj.model_extra or {}).items():
            key = strip_lidwoord(naam)
            a = ot.attributen.get(key)
            k = ot.kenmerken.get(key)
            if a is not None:
                ak = (ot_key, a.naam.lower())
                if ak in derived:
                    diags.append(src.fout((*loc, naam), f"'{a.naam}' wordt door een regel afgeleid en kan niet "
                                          "worden ingevoerd.", "RS205"))
                    continue
                try:
                    attrs[a.naam.lower()] = convert(v, a.type, eenheden)
                except WaardeFout as e:
                    diags.append(src.fout((*loc, naam, *_onder(e)), str(e), *_code(e)))
            elif k is not None:
                if (ot_key, "kenmerk:" + k.naam.lower()) in derived:
                    diags.append(src.fout((*loc, naam), f"Kenmerk '{k.naam}' wordt door een regel toegekend en kan "
                                          "niet worden ingevoerd.", "RS205"))
                    continue
                if k.periode is not None and isinstance(v, list | dict):
                    # A kenmerk `voor elke …` (taal.md §11): stretches {vanaf, tot, waarde: waar/onwaar}.
                    try:
                        kms[k.naam.lower()] = tijdlijn_invoer.lees(v, ir.Type("boolean", periode=k.periode), eenheden,
                                                                   lees_waarheid)
                    except WaardeFout as e:
                        diags.append(src.fout((*loc, naam, *_onder(e)), str(e), *_code(e)))
                    continue
                try:
                    kms[k.naam.lower()] = lees_waarheid(v)
                except WaardeFout:
                    diags.append(src.fout((*loc, naam), f"Een kenmerk is waar of onwaar (true/false), gevonden {v!r}."))
            else:

                hint = Scope.suggest(key, [*ot.attributen, *ot.kenmerken])
                diags.append(src.fout((*loc, naam), f"'{naam}' is geen attribuut of kenmerk van {ot.naam}.",
                                      hulp=f"Bedoelde u '{hint}'?" if hint else None))
        objecten[oid] = Invoer(ot_key, attrs, kms)
    feiten: list[tuple[str, tuple[str, ...]]] = []
    for i, feit in enumerate(geval.feiten):
        loc = (*prefix, "feiten", i)
        ft = model.feittypen.get(normalize(feit.feittype))
        if ft is None:
            diags.append(src.fout((*loc, "feittype"), f"Onbekend feittype '{feit.feittype}'."))
            continue
        diags.extend(dubbele_namen(src, loc, feit.model_extra or {}, "rol"))
        extra = {strip_lidwoord(k): (k, v) for k, v in (feit.model_extra or {}).items()}
        ids: list[str] = []
        velden: list[yaml_source.Pad] = []  # where each id is written, so a message points at its line
        if ft.wederkerig:
            rol = ft.rollen[0]
            ws = [(orig, v) for k, (orig, v) in extra.items()
                  if k in (normalize(rol.naam), normalize(rol.meervoud or ""))]
            lijst = len(ws) == 1 and isinstance(ws[0][1], list)
            vals = ws[0][1] if lijst else [v for _, v in ws]
            if len(vals) != 2:
                diags.append(src.fout(loc, f"Wederkerig feittype '{ft.naam}' verbindt twee objecten: "
                                      f"'{rol.naam}: [a, b]'."))
                continue
            ids = [str(x) for x in vals]
            velden = [(*loc, ws[0][0], j) for j in range(2)] if lijst else [(*loc, orig) for orig, _ in ws]
            rollen = [rol, rol]
        else:
            rollen = list(ft.rollen)
            for rol in rollen:
                hit = extra.pop(normalize(rol.naam), None)
                if hit is None:
                    diags.append(src.fout(loc, f"Rol '{rol.naam}' ontbreekt in feit '{ft.naam}'."))
                    break
                ids.append(str(hit[1]))
                velden.append((*loc, hit[0]))
            else:
                for orig, _v in extra.values():
                    diags.append(src.fout((*loc, orig), f"'{orig}' is geen rol van feittype '{ft.naam}'."))
            if len(ids) != 2:
                continue
        ok = True
        for oid, rol, veld in zip(ids, rollen, velden, strict=True):
            if oid not in objecten:
                if oid not in geval.objecten:
                    hint = Scope.suggest(oid, list(geval.objecten))
                    diags.append(src.fout(veld, f"Object '{oid}' bestaat niet.",
                                          hulp=f"Bedoelde u '{hint}'?" if hint else None))
                ok = False
            elif objecten[oid].type != rol.objecttype:
                diags.append(src.fout(veld, f"Object '{oid}' is geen {model.objecttypen[rol.objecttype].naam} "
                                      f"(rol '{rol.naam}')."))
                ok = False
        if ok:
            feiten.append((normalize(ft.naam), tuple(ids)))
    if diags:
        raise DiagnosticError(diags)
    return Gegevens(datum, params, objecten, feiten, bronnen)


def _onder(e: WaardeFout) -> tuple[str | int, ...]:
    """The field below an attribute a timeline error is at (stretch, vanaf/tot/waarde)."""
    return tuple(getattr(e, "pad", ()))


def _code(e: WaardeFout) -> tuple[str, ...]:
    return ("RS030",) if hasattr(e, "pad") else ()
