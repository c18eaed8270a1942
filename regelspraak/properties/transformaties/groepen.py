"""Objects that belong together through a feittype: the members of one container (the leden of a
huishouden), or two partners of a wederkerig feittype. Shared by `verdeling`, `wissel` and
`partner_erbij`."""

from __future__ import annotations

from regelspraak.evaluate.interpret import Gegevens
from regelspraak.model import ir
from regelspraak.syntax.lexer import normalize


def groepen(model: ir.Model, g: Gegevens, feittype: str) -> list[list[str]]:
    """Groups of at least two objects, sorted, in a stable order."""
    ft = model.feittypen.get(normalize(feittype))
    if ft is None:
        return []
    paren = [ids for k, ids in g.feiten if k == ft.naam.lower() or k == normalize(feittype)]
    if ft.wederkerig:
        return sorted(sorted(p) for p in paren if len(set(p)) == 2)
    per: dict[str, list[str]] = {}
    houder = 0 if not ft.rollen[0].meervoudig and ft.rollen[1].meervoudig else 1
    for p in paren:
        per.setdefault(p[houder], []).append(p[1 - houder])
    return sorted(sorted(set(v)) for v in per.values() if len(set(v)) >= 2)


def lid_type(model: ir.Model, feittype: str) -> str | None:
    ft = model.feittypen.get(normalize(feittype))
    if ft is None:
        return None
    if ft.wederkerig:
        return ft.rollen[0].objecttype
    lid = ft.rollen[1] if ft.rollen[1].meervoudig or not ft.rollen[0].meervoudig else ft.rollen[0]
    return lid.objecttype
