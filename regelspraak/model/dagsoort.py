"""Type-check a Dagsoortdefinitie (`Een dag is een kerstdag indien …`, taal.md §11) into the
definitions of its `ir.Dagsoort`.

Misuse: RS244 ('de dag' outside a definition, `is een <dagsoort>` on something that is not a date,
a definition that mixes other rule forms), RS245 (a definition of a dagsoort that is not declared).
"""

from __future__ import annotations

from regelspraak.model import ir
from regelspraak.model.expressions import Ctx, Unresolved, condition
from regelspraak.model.scope import Scope
from regelspraak.origin import Herkomst
from regelspraak.syntax import nodes as n


def dagsoortdefinitie(d: n.RegelDecl, sc: Scope) -> None:
    """Add the versions of rule `d` (each `Een dag is een X indien …`) to the definitions of X."""
    h = Herkomst(d.span, d.bron)
    for v in d.versies:
        res = v.resultaat
        if not isinstance(res, n.Dagsoortdefinitie):
            sc.fout("RS244", f"Regel '{d.naam}' mengt een Dagsoortdefinitie met een andere regelvorm.", v.span)
            return
        ds = sc.dagsoorten.get(res.dagsoort.key)
        if ds is None:
            hint = sc.suggest(res.dagsoort.key, list(sc.dagsoorten))
            sc.fout("RS245", f"'{res.dagsoort.tekst}' is geen gedeclareerde Dagsoort.", res.dagsoort.span,
                    hulp=f"Bedoelde u '{hint}'?" if hint else "Declareer 'Dagsoort de … (mv: …)'.")
            return
        if v.variabelen:
            sc.fout("RS244", "Een Dagsoortdefinitie heeft geen variabelen ('Daarbij geldt').", v.span)
            return
        ctx = Ctx("", sc, h, in_dagsoort=True)
        try:
            vw = condition(res.voorwaarde, ctx)
        except Unresolved:
            return
        sc.dagsoorten[res.dagsoort.key] = ir.Dagsoort(ds.naam, ds.meervoud, (*ds.definities, (
            v.geldig.vanaf, v.geldig.tot_en_met, vw)), ds.herkomst)
