"""A Verdeling run by the interpreter for one subject: read the amount and the per-object
criteria, split with `values/verdeling.py`, and say what to write where (the interpreter writes,
with its trace and conflict checks).
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from regelspraak.model import ir
from regelspraak.values.fouten import Rekenfout
from regelspraak.values.verdeling import verdeel

if TYPE_CHECKING:
    from regelspraak.evaluate.interpret import Frame, Instantie, Interpreter


def verdeel_voor(interp: Interpreter, v: ir.Verdeling, f: Frame) -> Iterator[tuple[Instantie, str, Any, int | None]]:
    """(object, attribute key, value, decimals the attribute allows) for each write of `v`."""
    bedrag = interp.expr(v.bedrag, f)
    objecten = interp.expr(v.objecten, f)
    objecten = [o for o in (objecten if isinstance(objecten, list) else [objecten]) if o is not None]
    if bedrag is None:
        return  # nothing to divide: the shares stay as they are (taal.md §6, leeg in gives leeg out)
    bedrag = bedrag * v.factor

    def per_object(x: ir.Expr | None, factor: Fraction = Fraction(1)) -> list[Fraction | None] | None:
        if x is None:
            return None
        uit: list[Fraction | None] = []
        for o in objecten:
            f.elementen.append(o)
            try:
                w = interp.expr(x, f)
            finally:
                f.elementen.pop()
            uit.append(None if w is None else w * factor)
        return uit

    if not objecten and v.rest is None and bedrag != 0:
        raise Rekenfout("er zijn geen objecten om over te verdelen en geen onverdeelde rest om het bedrag in te "
                        "bewaren")
    delen, rest = verdeel(bedrag, len(objecten), gewichten=per_object(v.gewicht),
                          volgorde=per_object(v.volgorde), afnemend=v.afnemend,
                          maxima=per_object(v.maximum, v.factor_maximum), decimalen=v.decimalen)
    sleutel = v.doel.naam.lower()
    for o, deel in zip(objecten, delen, strict=True):
        yield o, sleutel, deel, v.doel.type.decimalen
    if v.rest is not None and v.rest.attribuut is not None:
        a = v.rest.attribuut
        yield f.onderwerp, a.naam.lower(), rest * v.factor_rest, a.type.decimalen
