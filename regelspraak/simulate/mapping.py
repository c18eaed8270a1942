"""How a model is filled from the generic synthetic population: a YAML mapping file.

The generator knows nothing of any law; which attribute of which objecttype takes which
generated characteristic is declared per model, never hard-coded:

    objecttypen:
      Natuurlijk persoon:
        uit: personen                      # one object per generated person
        attributen:
          geboortedatum: geboortedatum
          toetsingsinkomen: inkomen
          rendementsgrondslag: vermogen
        kenmerken:
          verzekerd: verzekerd
      Huishouden:
        uit: toeslageenheden
    feittypen:
      huishoudsamenstelling:
        uit: personen                      # one fact per person that has a toeslageenheid
        rollen:
          huishouden: toeslageenheid       # a reference to the entity Huishouden comes from
          lid: id                          # the person itself

An attribute or kenmerk may also be `{eigenschap: x, waarden: {label: modelwaarde}}` (an
enumeration with other labels; a label mapped to `~` is leeg), `{eigenschap: x, waar_als:
[label, ...]}` (a kenmerk that holds for some labels) or `{waarde: v}` (the same value for
every object, in the input notation of case files). Names are the model's, case-insensitive,
lidwoord optional. The file is checked against the model and the generator's schema when it
is read (`lees_mapping`): unknown names (RS701), incompatible types (RS702) and a role that
refers to the wrong entity (RS703) are errors naming the file, line and field.

>>> from pathlib import Path
>>> from regelspraak.model import folder
>>> from regelspraak.model.from_syntax import load_model
>>> from regelspraak.simulate.synthetic import genereer
>>> model, _ = load_model(list(folder.find(Path("wetten/zorgtoeslag")).rgs))
>>> k = lees_mapping(Path("simulaties/zorgtoeslag-mapping.yaml"), model)
>>> gen = genereer(1_000, seed=3)
>>> pop = pas_toe(k, gen, model)
>>> len(pop.tabellen["natuurlijk persoon"]), pop.tabellen["natuurlijk persoon"].kolommen["toetsingsinkomen"].noemer
(1000, 100)
>>> leden = len(pop.relaties["huishoudsamenstelling"].rijen[1])  # one fact per person in a toeslageenheid
>>> leden == int(gen.personen.eigenschappen["toeslageenheid"].geldig_masker().sum())
True
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.evaluate.columns import Kolom, Populatie, Relatie, Tabel
from regelspraak.inputs import pydantic_nl, yaml_source
from regelspraak.inputs.getallen import Fractie
from regelspraak.inputs.names import afgeleid, dubbele_namen, strip_lidwoord
from regelspraak.inputs.values import WaardeFout, convert
from regelspraak.model import ir
from regelspraak.model.scope import Scope
from regelspraak.origin import Herkomst, Span
from regelspraak.simulate.population_columns import KolomFout, exact_getal
from regelspraak.simulate.synthetic import SCHEMA, Eigenschap, EigenschapSchema, SynthetischePopulatie
from regelspraak.syntax.lexer import normalize

# ------------------------------------------------------------------ file schema


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bron(_Strict):
    """Where one attribute or kenmerk comes from."""

    eigenschap: str | None = None
    waarden: dict[str, str | None] | None = None
    waar_als: list[str] | None = None
    waarde: Any = None
    # An assumed share of objects (of those `waar_als` selects) for which a kenmerk holds, where the
    # generator has no data (e.g. which cohabitants declare to care for each other). Which objects
    # is decided by a hash of their id, so it is deterministic and independent of other columns.
    aandeel: Fractie | None = None
    # With `aandeel`: a reference (e.g. `partner`) whose pair shares the draw, so both partners of a
    # couple are married or neither is.
    gedeeld_met: str | None = None

    @model_validator(mode="after")
    def _een_bron(self) -> Bron:
        if self.aandeel is not None:
            if not 0 <= self.aandeel <= 1:
                raise ValueError("'aandeel' ligt tussen 0 en 1")
            if self.waarde is not None or self.waarden is not None:
                raise ValueError("'aandeel' gaat alleen samen met 'eigenschap' en 'waar_als'")
            if (self.eigenschap is None) != (self.waar_als is None):
                raise ValueError("'aandeel' met een eigenschap vraagt ook 'waar_als'")
            return self
        if (self.eigenschap is None) == (self.waarde is None):
            raise ValueError("geef precies één van 'eigenschap' en 'waarde'")
        if self.waarde is not None and (self.waarden is not None or self.waar_als is not None):
            raise ValueError("'waarden' en 'waar_als' horen bij 'eigenschap', niet bij 'waarde'")
        if self.waarden is not None and self.waar_als is not None:
            raise ValueError("geef 'waarden' of 'waar_als', niet beide")
        return self


class ObjecttypeBestand(_Strict):
    uit: str
    attributen: dict[str, str | Bron] = {}
    kenmerken: dict[str, str | Bron] = {}


class FeittypeBestand(_Strict):
    uit: str
    rollen: dict[str, str]


class MappingBestand(_Strict):
    omschrijving: str | None = None
    objecttypen: dict[str, ObjecttypeBestand]
    feittypen: dict[str, FeittypeBestand] = {}


# ------------------------------------------------------------------ resolved mapping


@dataclass(frozen=True)
class Toewijzing:
    """One attribute or kenmerk (kolom: the Tabel key) and its checked source."""

    kolom: str
    type: ir.Type | None  # None: a kenmerk
    eigenschap: str | None
    waarden: tuple[tuple[str, str | None], ...] | None  # enumeration label -> model value
    waar_als: tuple[str, ...] | None
    waarde: ir.Waarde
    herkomst: Herkomst
    aandeel: float | None = None
    gedeeld_met: str | None = None


@dataclass(frozen=True)
class ObjecttypeKoppeling:
    objecttype: str  # key
    uit: str  # entity
    toewijzingen: tuple[Toewijzing, ...]


@dataclass(frozen=True)
class FeittypeKoppeling:
    feittype: str  # key
    uit: str
    rollen: tuple[str, str]  # eigenschap per role column (wederkerig: the two columns)
    herkomst: Herkomst


@dataclass(frozen=True)
class Koppeling:
    """A mapping file, resolved against a model and the generator's schema."""

    bestand: str
    objecttypen: tuple[ObjecttypeKoppeling, ...]
    feittypen: tuple[FeittypeKoppeling, ...]

    def eigenschap_van(self, naam: str) -> str | None:
        """The generated characteristic an attribute or kenmerk name is filled from (for the
        CLI's --oversample, which accepts model names too)."""
        k = strip_lidwoord(naam)
        for ot in self.objecttypen:
            for t in ot.toewijzingen:
                if t.kolom.removeprefix("kenmerk:") == k and t.eigenschap is not None:
                    return t.eigenschap
        return None


def lees_mapping(pad: Path, model: ir.Model) -> Koppeling:
    """Read and check a mapping file; DiagnosticError with every problem found."""
    src = yaml_source.read(pad)
    try:
        bestand = MappingBestand.model_validate(src.data)
    except ValidationError as e:
        raise DiagnosticError(pydantic_nl.diagnostieken(src, e)) from e
    diags: list[Diagnostic] = []
    ots = _objecttypen(bestand, src, model, diags)
    uit_van = {o.objecttype: o.uit for o in ots}
    fts = _feittypen(bestand, src, model, uit_van, diags)
    if diags:
        raise DiagnosticError(diags)
    return Koppeling(str(pad), tuple(ots), tuple(fts))


def _zoek_objecttype(model: ir.Model, naam: str) -> str | None:
    k = strip_lidwoord(naam)
    for key, ot in model.objecttypen.items():
        if k in (normalize(ot.naam), normalize(ot.meervoud or "")):
            return key
    return None


def _objecttypen(bestand: MappingBestand, src: yaml_source.Source, model: ir.Model,
                 diags: list[Diagnostic]) -> list[ObjecttypeKoppeling]:
    out = []
    gezien: set[str] = set()
    derived = afgeleid(model)
    for naam, ob in bestand.objecttypen.items():
        loc: yaml_source.Pad = ("objecttypen", naam)
        key = _zoek_objecttype(model, naam)
        if key is None:
            hint = Scope.suggest(strip_lidwoord(naam), [o.naam.lower() for o in model.objecttypen.values()])
            diags.append(src.fout(loc, f"Onbekend objecttype '{naam}'.", "RS701",
                                  f"Bedoelde u '{hint}'?" if hint else None))
            continue
        if key in gezien:
            diags.append(src.fout(loc, f"Objecttype '{naam}' staat er twee keer in.", "RS704"))
            continue
        gezien.add(key)
        if ob.uit not in SCHEMA:
            diags.append(src.fout((*loc, "uit"), f"Onbekende bron '{ob.uit}'; mogelijk: {', '.join(SCHEMA)}.", "RS701"))
            continue
        ot = model.objecttypen[key]
        schema = SCHEMA[ob.uit]
        toew: list[Toewijzing] = []
        attributen = {normalize(a.naam): (k, a) for k, a in ot.attributen.items()}
        kenmerken = {normalize(k.naam): k for k in ot.kenmerken.values()}
        for soort, items in (("attributen", ob.attributen), ("kenmerken", ob.kenmerken)):
            diags.extend(dubbele_namen(src, (*loc, soort), items, soort.removesuffix("en")))
            for anaam, bron in items.items():
                aloc: yaml_source.Pad = (*loc, soort, anaam)
                herkomst = Herkomst(Span(src.pad, src.line(aloc), 1))
                b = Bron(eigenschap=bron) if isinstance(bron, str) else bron
                ak = strip_lidwoord(anaam)
                if soort == "attributen":
                    if ak not in attributen:
                        hint = Scope.suggest(ak, list(attributen))
                        diags.append(src.fout(aloc, f"{ot.naam} heeft geen attribuut '{anaam}'.", "RS701",
                                              f"Bedoelde u '{hint}'?" if hint else None))
                        continue
                    kolom, attr = attributen[ak]
                    t: ir.Type | None = attr.type
                    if (key, kolom) in derived:
                        diags.append(src.fout(aloc, f"'{attr.naam}' wordt door een regel afgeleid; een populatie kan "
                                              "het niet aanleveren.", "RS914"))
                        continue
                else:
                    if ak not in kenmerken:
                        hint = Scope.suggest(ak, list(kenmerken))
                        diags.append(src.fout(aloc, f"{ot.naam} heeft geen kenmerk '{anaam}'.", "RS701",
                                              f"Bedoelde u '{hint}'?" if hint else None))
                        continue
                    kolom, t = "kenmerk:" + kenmerken[ak].naam.lower(), None
                    if (key, kolom) in derived:
                        diags.append(src.fout(aloc, f"Kenmerk '{kenmerken[ak].naam}' wordt door een regel toegekend; "
                                              "een populatie kan het niet aanleveren.", "RS914"))
                        continue
                if b.aandeel is not None and t is not None and t.soort != "boolean":
                    diags.append(src.fout(aloc, "'aandeel' vult alleen een kenmerk of Boolean.", "RS702"))
                    continue
                fout = _controleer(b, t, schema, ob.uit, model)
                if fout is not None:
                    code, bericht = fout
                    diags.append(src.fout(aloc, bericht, code))
                    continue
                waarde: ir.Waarde = None
                if b.waarde is not None:
                    try:
                        waarde = convert(b.waarde, t if t is not None else ir.BOOLEAN, model.eenheden)
                    except WaardeFout as e:
                        diags.append(src.fout((*aloc, "waarde"), str(e), "RS702"))
                        continue
                    if t is not None and t.is_getal and isinstance(waarde, Fraction) and abs(
                            waarde * 10 ** (t.decimalen if t.decimalen is not None else _decimalen(waarde))) >= 2**63:
                        diags.append(src.fout((*aloc, "waarde"), f"{b.waarde} is te groot voor een populatiekolom "
                                              "(exact in 64 bits).", "RS702"))
                        continue
                toew.append(Toewijzing(
                    kolom, t, b.eigenschap, tuple(b.waarden.items()) if b.waarden is not None else None,
                    tuple(b.waar_als) if b.waar_als is not None else None, waarde, herkomst, b.aandeel,
                    b.gedeeld_met))
        out.append(ObjecttypeKoppeling(key, ob.uit, tuple(toew)))
    return out


def _controleer(b: Bron, t: ir.Type | None, schema: dict[str, EigenschapSchema], uit: str,
                model: ir.Model) -> tuple[str, str] | None:
    """Why source `b` cannot fill a value of type `t` (None: a kenmerk), or None if it can."""
    if b.eigenschap is None:
        return None
    e = schema.get(b.eigenschap)
    doel = "een kenmerk" if t is None else f"type {t.beschrijf()}"
    if e is None:
        hint = Scope.suggest(b.eigenschap, list(schema))
        return "RS701", (f"'{uit}' heeft geen eigenschap '{b.eigenschap}'" + (f"; bedoelde u '{hint}'?" if hint else
                                                                               f"; mogelijk: {', '.join(schema)}."))
    if b.waar_als is not None:
        if e.soort != "enumeratie":
            return "RS702", f"'waar_als' past alleen bij een enumeratie; '{b.eigenschap}' is {e.soort}."
        if t is not None and t.soort != "boolean":
            return "RS702", f"'waar_als' geeft waar/onwaar; het attribuut is van {doel}."
        onbekend = [w for w in b.waar_als if w not in e.labels]
        if onbekend:
            return "RS702", f"{', '.join(repr(w) for w in onbekend)} is geen waarde van '{b.eigenschap}'; mogelijk: " \
                            f"{', '.join(e.labels)}."
        return None
    soort = "kenmerk" if t is None else t.soort
    if e.soort == "boolean":
        ok = soort in ("kenmerk", "boolean")
    elif e.soort in ("bedrag", "getal"):
        ok = soort in ("numeriek", "percentage")
    elif e.soort == "datum":
        ok = soort == "datum"
    elif e.soort == "enumeratie":
        ok = soort in ("enumeratie", "tekst")
        if ok and t is not None and t.soort == "enumeratie":
            kaart = b.waarden or {}
            fout = [w for w in kaart.values() if w is not None and w not in t.waarden]
            if fout:
                return "RS702", f"{', '.join(repr(w) for w in fout)} is geen waarde van {t.domein}; mogelijk: " \
                                f"{', '.join(t.waarden)}."
            zonder = [lb for lb in e.labels if lb not in kaart and lb not in t.waarden]
            if zonder:
                return "RS702", (f"de waarden {', '.join(repr(w) for w in zonder)} van '{b.eigenschap}' horen niet bij "
                                 f"{t.domein}; geef ze onder 'waarden' een waarde uit {', '.join(t.waarden)} (of ~ "
                                 "voor leeg).")
    else:  # id, verwijzing: objects are related through feittypen, not attributes
        ok = False
    if not ok:
        return "RS702", f"'{b.eigenschap}' ({e.soort}) kan geen waarde van {doel} geven."
    if b.waarden is not None and e.soort != "enumeratie":
        return "RS702", f"'waarden' past alleen bij een enumeratie; '{b.eigenschap}' is {e.soort}."
    return None


def _feittypen(bestand: MappingBestand, src: yaml_source.Source, model: ir.Model, uit_van: dict[str, str],
               diags: list[Diagnostic]) -> list[FeittypeKoppeling]:
    out = []
    for naam, fb in bestand.feittypen.items():
        loc: yaml_source.Pad = ("feittypen", naam)
        key = normalize(naam)
        ft = model.feittypen.get(key)
        if ft is None:
            hint = Scope.suggest(key, list(model.feittypen))
            diags.append(src.fout(loc, f"Onbekend feittype '{naam}'.", "RS701",
                                  f"Bedoelde u '{hint}'?" if hint else None))
            continue
        if fb.uit not in SCHEMA:
            diags.append(src.fout((*loc, "uit"), f"Onbekende bron '{fb.uit}'; mogelijk: {', '.join(SCHEMA)}.", "RS701"))
            continue
        schema = SCHEMA[fb.uit]
        rollen = [(f"{ft.rollen[0].naam} 1", ft.rollen[0]), (f"{ft.rollen[0].naam} 2", ft.rollen[0])] \
            if ft.wederkerig else [(r.naam, r) for r in ft.rollen[:2]]
        gegeven = {strip_lidwoord(k): (k, v) for k, v in fb.rollen.items()}
        bronnen: list[str] = []
        for rnaam, rol in rollen:
            hit = gegeven.pop(strip_lidwoord(rnaam), None)
            if hit is None and rol.meervoud and not ft.wederkerig:
                hit = gegeven.pop(strip_lidwoord(rol.meervoud), None)
            if hit is None:
                diags.append(src.fout((*loc, "rollen"), f"Rol '{rnaam}' ontbreekt.", "RS701"))
                continue
            rloc = (*loc, "rollen", hit[0])
            e = schema.get(hit[1])
            doel_uit = uit_van.get(rol.objecttype)
            ot_naam = model.objecttypen[rol.objecttype].naam
            if e is None:
                diags.append(src.fout(rloc, f"'{fb.uit}' heeft geen eigenschap '{hit[1]}'.", "RS701"))
            elif doel_uit is None:
                diags.append(src.fout(rloc, f"Objecttype {ot_naam} van rol '{rnaam}' staat niet onder 'objecttypen'.",
                                      "RS703"))
            elif (e.soort, e.entiteit if e.soort == "verwijzing" else fb.uit) not in (("id", doel_uit),
                                                                                       ("verwijzing", doel_uit)):
                wat = f"een verwijzing naar '{e.entiteit}'" if e.soort == "verwijzing" else \
                    ("een id van " + repr(fb.uit) if e.soort == "id" else e.soort)
                diags.append(src.fout(rloc, f"Rol '{rnaam}' wijst naar {ot_naam} (uit '{doel_uit}'), maar "
                                            f"'{hit[1]}' is {wat}.", "RS703"))
            else:
                bronnen.append(hit[1])
        for orig, _v in gegeven.values():
            diags.append(src.fout((*loc, "rollen", orig), f"Feittype {ft.naam} heeft geen rol '{orig}'.", "RS701"))
        if len(bronnen) == 2:
            out.append(FeittypeKoppeling(key, fb.uit, (bronnen[0], bronnen[1]), Herkomst(Span(src.pad, src.line(loc)))))
    return out


# ------------------------------------------------------------------ applying


def pas_toe(koppeling: Koppeling, gegenereerd: SynthetischePopulatie, model: ir.Model) -> Populatie:
    """The model's population from a generated one, as the mapping says. Numbers are converted
    exactly (cents to the declared decimals; a value that does not fit is an error, never
    rounded). Every objecttype and feittype of the model gets a table or relation (empty if
    the mapping does not mention it)."""
    entiteiten = gegenereerd.entiteiten
    diags: list[Diagnostic] = []
    tabellen: dict[str, Tabel] = {}
    for ok in koppeling.objecttypen:
        e = entiteiten[ok.uit]
        kolommen: dict[str, Kolom] = {}
        # The ids go with the characteristics: a share (`aandeel`) is drawn by a hash of the id,
        # so it does not depend on where the object sits in a chunk.
        eigenschappen = {"id": Eigenschap("id", e.ids), **e.eigenschappen}
        for t in ok.toewijzingen:
            try:
                kolommen[t.kolom] = _kolom(t, eigenschappen, len(e))
            except KolomFout as fout:
                diags.append(Diagnostic(fout.code, Ernst.FOUT, f"{model.objecttypen[ok.objecttype].naam}.{t.kolom}: "
                                        f"{fout.bericht}", t.herkomst, fout.hulp))
        tabellen[ok.objecttype] = Tabel(ok.objecttype, e.ids, kolommen, e.gewicht)
    for key in model.objecttypen:
        tabellen.setdefault(key, Tabel(key, np.zeros(0, dtype=np.int64)))
    relaties: dict[str, Relatie] = {}
    uit_van = {o.objecttype: o.uit for o in koppeling.objecttypen}
    for fk in koppeling.feittypen:
        ft = model.feittypen[fk.feittype]
        e = entiteiten[fk.uit]
        geldig = np.ones(len(e), dtype=np.bool_)
        rijen: list[npt.NDArray[np.int64]] = []
        for i, bron in enumerate(fk.rollen):
            rol = ft.rollen[0 if ft.wederkerig else i]
            doel = entiteiten[uit_van[rol.objecttype]]
            if bron == "id":
                waarden = e.ids
            else:
                eig = e.eigenschappen[bron]
                waarden = eig.waarden
                geldig &= eig.geldig_masker()
            rijen.append(_rij_van_id(doel.ids, np.asarray(waarden, dtype=np.int64)))
        if ft.wederkerig:  # each unordered pair once: generated partner links go both ways
            geldig &= rijen[0] < rijen[1]
        relaties[fk.feittype] = Relatie(fk.feittype, (rijen[0][geldig], rijen[1][geldig]))
    for key in model.feittypen:
        relaties.setdefault(key, Relatie(key, (np.zeros(0, np.int64), np.zeros(0, np.int64))))
    if diags:
        raise DiagnosticError(diags)
    return Populatie(tabellen, relaties)


def _rij_van_id(ids: npt.NDArray[np.int64], gezocht: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Row of each id. Generated ids ascend (a range for persons and households, the first
    member's id for a toeslageenheid), so the row is an offset or one lookup in a table over the
    id range; anything else is searched."""
    n = len(ids)
    if n and ids[-1] - ids[0] <= 4 * n and bool(np.all(ids[1:] > ids[:-1])):
        verschil = np.clip(gezocht - ids[0], 0, ids[-1] - ids[0])
        rij: npt.NDArray[np.int64] = verschil
        if ids[-1] - ids[0] != n - 1:
            tabel = np.zeros(int(ids[-1] - ids[0]) + 1, dtype=np.int64)
            tabel[ids - ids[0]] = np.arange(n, dtype=np.int64)
            rij = tabel[verschil]
        return rij
    orde = np.argsort(ids, kind="stable")
    return orde[np.clip(np.searchsorted(ids[orde], gezocht), 0, max(n - 1, 0))].astype(np.int64)


def _aandeel(t: Toewijzing, eigenschappen: dict[str, Any], n: int) -> Kolom:
    """A kenmerk for a fixed share of the objects, chosen by a hash of their id and the column."""
    assert t.aandeel is not None
    basis = np.ones(n, dtype=np.bool_)
    if t.eigenschap is not None and t.waar_als is not None:
        e = eigenschappen[t.eigenschap]
        basis = np.isin(e.waarden, [e.labels.index(w) for w in t.waar_als]) & e.geldig_masker()
    ids = np.asarray(eigenschappen["id"].waarden, dtype=np.int64) if "id" in eigenschappen else \
        np.arange(n, dtype=np.int64)
    if t.gedeeld_met is not None and t.gedeeld_met in eigenschappen:
        ref = eigenschappen[t.gedeeld_met]
        ids = np.where(ref.geldig_masker(), np.minimum(ids, np.asarray(ref.waarden, dtype=np.int64)), ids)
    zout = np.uint64(zlib.crc32(t.kolom.encode("utf-8")))
    # splitmix64's finaliser: neighbouring ids give unrelated draws (a plain multiplicative hash
    # would make partners with consecutive ids anti-correlated).
    with np.errstate(over="ignore"):  # arithmetic modulo 2**64 is the point of the hash
        z = ids.astype(np.uint64) + zout + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    u = (z >> np.uint64(11)).astype(np.float64) / float(2**53)
    return Kolom(basis & (u < t.aandeel), np.ones(n, dtype=np.bool_))


def _kolom(t: Toewijzing, eigenschappen: dict[str, Any], n: int) -> Kolom:
    if t.aandeel is not None:
        return _aandeel(t, eigenschappen, n)
    if t.eigenschap is None:  # a constant
        return _constant(t, n)
    e = eigenschappen[t.eigenschap]
    geldig = e.geldig_masker()
    if t.waar_als is not None:
        labels = [e.labels.index(w) for w in t.waar_als]
        return Kolom(np.isin(e.waarden, labels) & geldig, geldig)
    if t.type is None or t.type.soort == "boolean":
        return Kolom(np.asarray(e.waarden, dtype=np.bool_), geldig)
    if t.type.is_getal:
        schaal = {1: 0, 100: 2}.get(e.noemer)
        if schaal is None:  # pragma: no cover - the generator uses cents and whole numbers only
            raise KolomFout("RS702", f"noemer {e.noemer} wordt niet ondersteund.")
        return exact_getal(np.asarray(e.waarden, dtype=np.int64), geldig, schaal, t.type)
    if t.type.soort == "datum":
        return Kolom(np.asarray(e.waarden, dtype=np.int32), geldig)
    if t.type.soort == "enumeratie":
        kaart = dict(t.waarden or ())
        codes = np.full(len(e.labels), -1, dtype=np.int16)
        for i, label in enumerate(e.labels):
            w = kaart.get(label, label)
            if w is not None and w in t.type.waarden:
                codes[i] = t.type.waarden.index(w)
        c = codes[e.waarden]
        ok = geldig & (c >= 0)
        return Kolom(np.where(ok, c, 0).astype(np.int16), ok)
    if t.type.soort == "tekst":
        namen = np.array(list(e.labels), dtype=object)
        return Kolom(namen[e.waarden], geldig)
    raise KolomFout("RS702", f"type {t.type.beschrijf()} wordt niet ondersteund.")  # pragma: no cover


def _constant(t: Toewijzing, n: int) -> Kolom:
    geldig = np.ones(n, dtype=np.bool_)
    v = t.waarde
    if t.type is None or t.type.soort == "boolean":
        return Kolom(np.full(n, bool(v)), geldig)
    if t.type.is_getal:
        assert isinstance(v, Fraction)
        noemer = 10 ** (t.type.decimalen if t.type.decimalen is not None else _decimalen(v))
        teller = v * noemer
        assert teller.denominator == 1  # convert() checked the declared decimals
        return Kolom(np.full(n, int(teller), dtype=np.int64), geldig, noemer)
    if t.type.soort == "datum":
        assert isinstance(v, date)
        return Kolom(np.full(n, v.toordinal(), dtype=np.int32), geldig)
    if t.type.soort == "enumeratie":
        assert isinstance(v, str)
        return Kolom(np.full(n, t.type.waarden.index(v), dtype=np.int16), geldig)
    return Kolom(np.full(n, str(v), dtype=object), geldig)


def _decimalen(v: Any) -> int:
    k = 0
    while (v * 10**k).denominator != 1 and k < 18:
        k += 1
    return k
