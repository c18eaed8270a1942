"""The declared input space of a model: which objects a case has, which of their attributes and
kenmerken are input, each input's domain (type, sign, decimals, `analyse.yaml` range) and the
thresholds near which values are concentrated.

Everything here is read from the model and the files beside it, nothing is guessed per law: a
*container* type is the single side of a one-to-many feittype (the Huishouden of its leden), of
which a case has exactly one; of every other type a case has `minimum`..`maximum` objects
(`zoekruimte.aantallen` in eigenschappen.yaml, default 1..3); the inputs `zoekruimte.leeg` names
are never drawn (always leeg).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from math import ceil, floor

from regelspraak.analyses.sweep import drempelwaarden
from regelspraak.inputs import analyse_yaml, eigenschappen_yaml
from regelspraak.model import ir
from regelspraak.model.order import roots_of, walk_expr
from regelspraak.syntax.lexer import normalize
from regelspraak.values.notation import parse_getal

MAX_OBJECTEN = 3
JAREN_TERUG = 110  # dates range over a lifetime before the rekendatum


@dataclass(frozen=True)
class Veld:
    """One input of an objecttype: an attribute (key = its lower-case name) or a kenmerk."""

    objecttype: str
    naam: str
    type: ir.Type | None  # None for a kenmerk
    leeg_mag: bool = True
    # Numbers, in units of `eenheid` (integers): the range and the thresholds inside it.
    eenheid: Fraction = Fraction(1)
    laag: int = 0
    hoog: int = 0
    drempels: tuple[int, ...] = ()

    @property
    def is_kenmerk(self) -> bool:
        return self.type is None

    def als_waarde(self, n: int) -> Fraction:
        return Fraction(n) * self.eenheid


@dataclass(frozen=True)
class Ruimte:
    model: ir.Model
    rekendatum: date
    parameters: dict[str, ir.Waarde]
    velden: dict[str, tuple[Veld, ...]]  # objecttype key -> inputs
    aantallen: dict[str, tuple[int, int]]  # objecttype key -> (min, max) objects per case
    datums: tuple[date, ...]  # dates near which date inputs are concentrated
    ids: dict[str, str] = field(default_factory=dict)  # objecttype key -> id prefix
    # What the zoekruimte names that the model does not have (reported, never silently ignored).
    onbekend: tuple[str, ...] = ()

    def veld(self, objecttype: str, naam: str) -> Veld | None:
        key, n = normalize(objecttype), normalize(naam)
        return next((v for v in self.velden.get(key, ()) if v.naam == n), None)


def afgeleid(model: ir.Model) -> set[tuple[str, str]]:
    """What a rule writes outright (not only as an Initialisatie): not an input."""
    return {w for r in model.regels for v in r.versies for res in v.resultaten
            if isinstance(res, ir.Toekenning) and not res.initialisatie for w in r.schrijft}


def containers(model: ir.Model) -> dict[str, tuple[str, ir.Feittype]]:
    """objecttype key of a container -> (member objecttype key, feittype)."""
    out: dict[str, tuple[str, ir.Feittype]] = {}
    for ft in model.feittypen.values():
        if ft.wederkerig or len(ft.rollen) != 2:
            continue
        a, b = ft.rollen
        if not a.meervoudig and b.meervoudig:
            out[a.objecttype] = (b.objecttype, ft)
        elif not b.meervoudig and a.meervoudig:
            out[b.objecttype] = (a.objecttype, ft)
    return out


def _datums(model: ir.Model, rekendatum: date, drempels: list[Fraction]) -> tuple[date, ...]:
    """The rekendatum and every date literal, each minus every whole number of years the rules
    mention (18, 65, the pensioengerechtigde leeftijd): a birthday exactly on a threshold."""
    basis = {rekendatum}
    for r in model.regels:
        for v in r.versies:
            for root in roots_of(v):
                basis |= {n.waarde for n in walk_expr(root) if isinstance(n, ir.Literal) and isinstance(n.waarde, date)}
    jaren = sorted({int(t) for t in drempels if t.denominator == 1 and 0 <= t <= 120})
    out: set[date] = set()
    for d in basis:
        for j in jaren:
            try:
                out.add(d.replace(year=d.year - j))
            except ValueError:  # 29 February
                out.add(d.replace(year=d.year - j, day=28))
    return tuple(sorted(out))


def _bereik(a: ir.Attribuut, domeinen: list[analyse_yaml.Domein],
            drempels: list[Fraction]) -> tuple[Fraction, Fraction, Fraction, bool]:
    """(low, high, unit, from analyse.yaml) for a numeric input."""
    eenheid = Fraction(1, 10 ** a.type.decimalen) if a.type.decimalen is not None else Fraction(1)
    for d in domeinen:
        if normalize(d.objecttype) == a.objecttype and normalize(d.naam) == a.naam.lower():
            lo, hi = parse_getal(str(d.minimum))[0], parse_getal(str(d.maximum))[0]
            if d.stap is not None and a.type.decimalen is None:
                eenheid = parse_getal(str(d.stap))[0]
            return lo, hi, eenheid, True
    hoog = max([s for s in drempels if s > 0] + [Fraction(100)])
    lo = Fraction(0) if a.type.teken in ("niet-negatief", "positief") else -hoog
    return lo, 2 * hoog, eenheid, False


def _prefix(naam: str, gebruikt: set[str]) -> str:
    woorden: list[str] = re.findall(r"[a-z0-9]+", naam.lower()) or ["object"]
    kandidaat = woorden[-1]
    if kandidaat in gebruikt:
        kandidaat = "_".join(woorden)
    gebruikt.add(kandidaat)
    return kandidaat


def build(model: ir.Model, rekendatum: date, parameters: dict[str, ir.Waarde],
          analyse: analyse_yaml.AnalyseBestand | None,
          zoekruimte: eigenschappen_yaml.Zoekruimte | None = None) -> Ruimte:
    drempels = drempelwaarden(model, parameters)
    domeinen = list(analyse.domeinen) if analyse is not None else []
    niet_invoer = afgeleid(model)
    velden: dict[str, tuple[Veld, ...]] = {}
    for key, ot in model.objecttypen.items():
        lijst: list[Veld] = []
        for a in ot.attributen.values():
            if (key, a.naam.lower()) in niet_invoer or a.type.soort == "object":
                continue
            if a.type.is_getal:
                lo, hi, eenheid, gedeclareerd = _bereik(a, domeinen, drempels)
                laag, hoog = ceil(lo / eenheid), floor(hi / eenheid)
                if hoog < laag:
                    continue
                ds = sorted({floor(t / eenheid) + d for t in drempels for d in (0, 1) if lo <= t <= hi}
                            | {laag, hoog})
                lijst.append(Veld(key, a.naam.lower(), a.type, not gedeclareerd, eenheid, laag, hoog,
                                  tuple(x for x in ds if laag <= x <= hoog)))
            elif a.type.soort == "datum":  # in days before the rekendatum
                lijst.append(Veld(key, a.naam.lower(), a.type, True, Fraction(1), 0, JAREN_TERUG * 366))
            else:
                lijst.append(Veld(key, a.naam.lower(), a.type))
        for k in ot.kenmerken.values():
            if (key, "kenmerk:" + k.naam.lower()) not in niet_invoer:
                lijst.append(Veld(key, "kenmerk:" + k.naam.lower(), None, False))
        velden[key] = tuple(lijst)
    houders = containers(model)
    aantallen: dict[str, tuple[int, int]] = {k: (1, 1) if k in houders else (1, MAX_OBJECTEN)
                                             for k in model.objecttypen}
    onbekend: list[str] = []
    for naam, aantal in (zoekruimte.aantallen.items() if zoekruimte is not None else ()):
        key = normalize(naam)
        if key in aantallen:
            aantallen[key] = (aantal.minimum, max(aantal.minimum, aantal.maximum))
        else:
            onbekend.append(f"aantallen: '{naam}' is geen objecttype van het model")
    for plek in (zoekruimte.leeg if zoekruimte is not None else ()):
        key, n = normalize(plek.objecttype), normalize(plek.naam)
        if not any(v.naam in (n, "kenmerk:" + n) for v in velden.get(key, ())):
            onbekend.append(f"leeg: '{plek.naam}' is geen invoer van '{plek.objecttype}'")
        elif key in velden:
            velden[key] = tuple(v for v in velden[key] if v.naam not in (n, "kenmerk:" + n))
    gebruikt: set[str] = set()
    ids = {key: _prefix(ot.naam, gebruikt) for key, ot in model.objecttypen.items()}
    return Ruimte(model, rekendatum, parameters, velden, aantallen, _datums(model, rekendatum, drempels), ids,
                  tuple(onbekend))


def datum(offset: int, rekendatum: date) -> date:
    return rekendatum + timedelta(days=offset)
