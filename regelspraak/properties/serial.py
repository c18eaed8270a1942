"""Cases and objects as plain data (the case-file format `bereken --gegevens` reads) and back.

The replay database and the transformations' parameters hold values as exact strings, so what
is written is read back to the same value (no float on the way).

>>> from pathlib import Path
>>> from regelspraak.model.from_syntax import load_model
>>> model, _ = load_model([Path("wetten/zorgtoeslag/zorgtoeslag.rgs")])
>>> from regelspraak.evaluate.interpret import Invoer
>>> from fractions import Fraction
>>> d = invoer_dict(model, Invoer("natuurlijk persoon", {"toetsingsinkomen": Fraction(1, 4)}, {"verzekerd": True}))
>>> d
{'type': 'Natuurlijk persoon', 'toetsingsinkomen': '0.25', 'verzekerd': True}
>>> invoer_uit(model, d).attributen["toetsingsinkomen"]
Fraction(1, 4)
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from regelspraak.analyses.sweep import feiten_json
from regelspraak.evaluate.interpret import Gegevens, Invoer
from regelspraak.inputs.files import strip_lidwoord
from regelspraak.inputs.values import convert
from regelspraak.model import ir
from regelspraak.report.results import waarde_json
from regelspraak.values.notation import format_getal


def invoer_dict(model: ir.Model, inv: Invoer) -> dict[str, Any]:
    ot = model.objecttypen[inv.type]
    obj: dict[str, Any] = {"type": ot.naam}
    for k, v in inv.attributen.items():
        if v is not None:
            obj[ot.attributen[k].naam] = _tekst(waarde_json(v))
    for k, b in inv.kenmerken.items():
        obj[ot.kenmerken[k].naam] = b
    return obj


def _tekst(x: Any) -> Any:
    """'0.125' would be refused as ambiguous (a Dutch reader sees 125); write it as '0,125'."""
    if isinstance(x, str) and re.fullmatch(r"-?\d+\.\d{3}", x):
        return x.replace(".", ",")
    if isinstance(x, list):  # a timeline: its stretches
        return [{k: _tekst(w) for k, w in d.items()} if isinstance(d, dict) else d for d in x]
    return x


def getal_tekst(x: Fraction) -> str:
    """An exact number as the case reader reads it back (never the ambiguous '0.125')."""
    return str(_tekst(format_getal(x)))


def invoer_uit(model: ir.Model, d: dict[str, Any]) -> Invoer:
    """Raises ValueError (or a WaardeFout, also a ValueError) on an unknown name or bad value."""
    key = strip_lidwoord(str(d["type"]))
    ot = model.objecttypen.get(key)
    if ot is None:
        raise ValueError(f"onbekend objecttype '{d['type']}'")
    attrs: dict[str, ir.Waarde] = {}
    kms: dict[str, bool] = {}
    for naam, v in d.items():
        if naam == "type":
            continue
        k = strip_lidwoord(naam)
        if k in ot.attributen:
            attrs[k] = convert(v, ot.attributen[k].type, model.eenheden)
        elif k in ot.kenmerken and isinstance(v, bool):
            kms[k] = v
        else:
            raise ValueError(f"onbekend attribuut of kenmerk '{naam}' van {ot.naam}")
    return Invoer(key, attrs, kms)


def geval_dict(model: ir.Model, g: Gegevens) -> dict[str, Any]:
    """A case file for `bereken` (JSON/YAML-ready); the facts as `analyses.sweep.feiten_json` writes them."""
    return {"rekendatum": g.rekendatum.isoformat(),
            "objecten": {oid: invoer_dict(model, inv) for oid, inv in g.objecten.items()},
            "feiten": feiten_json(model, g)}
