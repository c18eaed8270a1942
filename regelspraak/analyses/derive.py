"""What the analyses derive from the model itself when `analyse.yaml` does not declare it, so a
model without declarations is still checked (and the run says which parts are derived):

- the money outputs: attributes with a € unit that a rule computes and no other rule reads (the
  end results); if every one is read further, all computed € attributes;
- the template cases: one per objecttype configuration — every objecttype once without facts, and
  (when the model has feittypen) every feittype once, linking fresh objects — with numeric inputs
  at the bottom of their domain, kenmerken onwaar and every other input leeg;
- the input ranges are derived per input in `sweep.domein` (declarations and thresholds).

>>> from regelspraak.analyses.derive import geld
>>> geld("€") and not geld("jr")
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.model import ir
from regelspraak.values.tijdlijn import Tijdlijn


@dataclass(frozen=True)
class Afgeleid:
    uitkomsten: list[tuple[str, str]] = field(default_factory=list)  # (objecttype key, attribute key)
    sjablonen: list[tuple[str, Gegevens]] = field(default_factory=list)
    notities: list[str] = field(default_factory=list)  # what was derived, in Dutch


def geld(eenheid: object) -> bool:
    return eenheid is not None and str(eenheid).startswith("€")


def geld_uitkomsten(model: ir.Model) -> list[tuple[str, str]]:
    """Money attributes a rule computes (not only initialises), end results first."""
    geschreven = {k for r in model.regels for v in r.versies for res in v.resultaten
                  if isinstance(res, ir.Toekenning) and not res.initialisatie for k in r.schrijft}
    gelezen = {k for r in model.regels for k in r.leest} - {k for r in model.regels for k in r.schrijft
                                                            if k in r.leest}
    geld_attr = sorted((ot, a) for ot, a in geschreven
                       if not a.startswith("kenmerk:") and ot in model.objecttypen
                       and a in model.objecttypen[ot].attributen
                       and geld(model.objecttypen[ot].attributen[a].type.eenheid))
    eind = [k for k in geld_attr if k not in gelezen]
    return eind or geld_attr


def _invoer(model: ir.Model, ot_key: str, jaar: int) -> Invoer:
    ot = model.objecttypen[ot_key]
    geschreven = {a for r in model.regels for (o, a) in r.schrijft if o == ot_key}
    attrs: dict[str, ir.Waarde] = {}
    for key, a in ot.attributen.items():
        if key not in geschreven and a.type.is_getal and a.type.periode is not None:
            # a timeline input: 0 through the berekeningsjaar (the sweeps vary it as one value for the year)
            attrs[key] = Tijdlijn.constant(a.type.periode, date(jaar, 1, 1), date(jaar + 1, 1, 1), Fraction(0))
        elif key not in geschreven and a.type.is_getal:
            attrs[key] = Fraction(0)
    kms = {key: False for key in ot.kenmerken if "kenmerk:" + key not in geschreven}
    return Invoer(ot_key, attrs, kms)


def sjablonen(model: ir.Model, gegevens: Gegevens) -> list[tuple[str, Gegevens]]:
    """One template per objecttype configuration (see the module docstring)."""
    objecten = {f"{model.objecttypen[k].naam.lower().replace(' ', '_')}": _invoer(model, k, gegevens.rekendatum.year)
                for k in sorted(model.objecttypen)}
    out = [("afgeleid: elk objecttype los",
            Gegevens(gegevens.rekendatum, gegevens.parameters, objecten, [], gegevens.parameter_bronnen))]
    if model.feittypen:
        objs = dict(objecten)
        feiten: list[tuple[str, tuple[str, ...]]] = []
        for ft_key in sorted(model.feittypen):
            ft = model.feittypen[ft_key]
            ids: list[str] = []
            for i, rol in enumerate(ft.rollen if not ft.wederkerig else (ft.rollen[0], ft.rollen[0])):
                oid = f"{ft_key.replace(' ', '_')}_{i + 1}"
                objs[oid] = _invoer(model, rol.objecttype, gegevens.rekendatum.year)
                ids.append(oid)
            feiten.append((ft_key, tuple(ids)))
        out.append(("afgeleid: elk feittype eenmaal",
                    Gegevens(gegevens.rekendatum, gegevens.parameters, objs, feiten, gegevens.parameter_bronnen)))
    return out


def afleiden(model: ir.Model, gegevens: Gegevens) -> Afgeleid:
    """Outputs and templates for a model without analyse.yaml, and a note per derived part."""
    uit = geld_uitkomsten(model)
    sj = sjablonen(model, gegevens)
    notities = [
        "uitkomsten afgeleid uit de eenheden: " + (", ".join(
            f"{model.objecttypen[o].attributen[a].naam} ({model.objecttypen[o].naam})" for o, a in uit)
            or "geen attribuut met eenheid € dat een regel berekent") + " (gerekend als ontvangen bedrag)",
        "sjablonen afgeleid per objecttypeconfiguratie: " + ", ".join(n for n, _ in sj)
        + "; getallen op de ondergrens van hun domein, kenmerken onwaar, overige invoer leeg",
        "domeinen afgeleid uit de declaraties (teken) en alle drempels in regels en parameters",
        "misbruikprikkels niet gecontroleerd: welke invoer de burger zelf opgeeft staat niet in analyse.yaml",
    ]
    return Afgeleid(uit, sj, notities)
