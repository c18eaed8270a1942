"""Type checks for timelines (taal.md §11): a value's period is part of its type.

An attribute or parameter declared `voor elke maand` holds a value *per month*. Adding such a
timeline to an amount in €/jr (or to a timeline per jaar) without converting it (`… per maand`) is an
error (RS123): the engines never convert periods silently. A rule that reads a timeline is evaluated
per knip stretch, so its result is a timeline too: its target must be a timeline attribute
(RS121); the rule forms that do not yet run per stretch are refused with RS008 naming them.

>>> from regelspraak.values.units import Eenheid
>>> tijd_noemer(Eenheid.uit([("€", 1), ("jr", -1)]))
'jaar'
"""

from __future__ import annotations

from regelspraak.model import ir
from regelspraak.model.order import children, roots_of, walk_expr
from regelspraak.model.scope import Scope
from regelspraak.origin import Span
from regelspraak.values.units import Eenheid

_EENHEID_PERIODE = {"dg": "dag", "mnd": "maand", "jr": "jaar"}
PERIODE_EENHEID = {v: k for k, v in _EENHEID_PERIODE.items()}


def tijd_noemer(e: Eenheid | None) -> str | None:
    """The period a unit is *per* (`€/mnd` → maand), or None."""
    for sleutel, exponent in (e.delen if e is not None else ()):
        if exponent < 0 and sleutel in _EENHEID_PERIODE:
            return _EENHEID_PERIODE[sleutel]
    return None


def eerste_tijdlijn(model: ir.Model) -> str | None:
    """The name of the first timeline attribute or parameter of `model`, for commands that cannot
    handle timelines yet and must say so instead of treating a timeline as one value."""
    for ot in model.objecttypen.values():
        for a in ot.attributen.values():
            if a.type.periode is not None:
                return f"{a.naam} ({ot.naam})"
        for k in ot.kenmerken.values():
            if k.periode is not None:
                return f"{k.naam} ({ot.naam})"
    naam = next((p.naam for p in model.parameters.values() if p.type.periode is not None), None)
    if naam is not None:
        return naam
    for regel in model.regels:  # a period or a function over time without a timeline attribute
        for v in regel.versies:
            if any(tijdgebonden(r) or any(isinstance(x, ir.TijdFunctie) for x in walk_expr(r)) for r in roots_of(v)):
                return f"regel '{regel.naam}'"
    return None


def kenmerk_tijdlijnen(model: ir.Model) -> dict[str, dict[str, tuple[str, bool]]]:
    """Per objecttype key: its kenmerken with a timeline (key `naam.lower()`) with their period and
    whether a rule assigns them (an input one that is not given is onwaar over the whole year)."""
    toegekend = {(r.doel.kenmerk.objecttype, r.doel.kenmerk.naam.lower())
                 for regel in model.regels for v in regel.versies for r in v.resultaten
                 if isinstance(r, ir.Toekenning) and r.doel.kenmerk is not None}
    uit: dict[str, dict[str, tuple[str, bool]]] = {}
    for sleutel, ot in model.objecttypen.items():
        for k in ot.kenmerken.values():
            if k.periode is not None:
                uit.setdefault(sleutel, {})[k.naam.lower()] = (k.periode, (k.objecttype, k.naam.lower()) in toegekend)
    return uit


def weiger_tijdlijnen(model: ir.Model, pad: object, wat: str) -> None:
    """Refuse a model with timelines (RS008) in a command that reads every attribute as one value
    (`wat`: "Analyses", "Simulaties"), instead of giving figures that do not hold per period.
    The one check for `analyseer`, `vergelijk`, the property search and `simuleer`."""
    from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
    from regelspraak.origin import Herkomst

    naam = eerste_tijdlijn(model)
    if naam is not None:
        raise DiagnosticError([Diagnostic("RS008", Ernst.FOUT, f"{wat} over tijdlijnen ('{naam}') worden nog niet "
                                          "ondersteund.", Herkomst(Span(str(pad), 1, 1)))])


def periodes(x: ir.Expr | ir.Conditie | None) -> set[str]:
    """The periods of the timelines `x` reads per moment (attributes and parameters); what
    `het totaal van` reads whole does not count: its result is one value."""
    uit: set[str] = set()
    if x is None:
        return uit
    t = x.attribuut.type if isinstance(x, ir.AttribuutLezen) else (x.type if isinstance(x, ir.ParameterRef) else None)
    if t is not None and t.periode is not None:
        uit.add(t.periode)
    if isinstance(x, ir.KenmerkTest) and x.kenmerk.periode is not None:
        uit.add(x.kenmerk.periode)  # a kenmerk with a timeline: waar/onwaar per period
    if isinstance(x, ir.TijdFunctie):
        # `het totaal van` reads whole (one value); the other functions give a timeline per `per`.
        return uit if x.soort == "totaal" or x.per is None else {x.per}
    if isinstance(x, ir.GehelePeriode):
        return uit  # waar/onwaar per whole year or month: no amount per a period
    if isinstance(x, ir.Omrekening):
        return {x.per} if periodes(x.expr) else set()  # a timeline whose values are now per `per`
    for kind in children(x):
        uit |= periodes(kind)
    return uit


def periode_conflict(links: ir.Expr, rechts: ir.Expr) -> tuple[str, str] | None:
    """A Dutch message naming both values and units when `links` and `rechts` are amounts per
    different periods and at least one is a timeline (with the period to convert to), else None.

    A value's period is its unit's (`€/jr`), else that of the timeline it reads. A timeline per
    month is never combined with an amount per year by an implicit unit conversion: the author
    writes `… per maand` (`Omrekening`, exact)."""
    def per(x: ir.Expr) -> tuple[str | None, bool]:
        p = periodes(x)
        in_eenheid = tijd_noemer(x.type.eenheid)
        return in_eenheid or (next(iter(p)) if len(p) == 1 else None), bool(p)

    (pl, tl), (pr, tr) = per(links), per(rechts)
    if not (tl or tr) or pl is None or pr is None or pl == pr:
        return None

    def wat(x: ir.Expr, p: str, lijn: bool) -> str:
        eenheid = x.type.eenheid
        in_eenheid = f" in {eenheid}" if eenheid is not None and not eenheid.is_dimensieloos else ""
        return f"een tijdlijn per {p}{in_eenheid}" if lijn else f"een bedrag per {p}{in_eenheid}"

    return (f"Periodes passen niet: {wat(links, pl, tl)} en {wat(rechts, pr, tr)} worden zonder omrekening "
            "samengenomen.", pl if tl else pr)


def tijdgebonden(x: ir.Expr | ir.Conditie | None) -> bool:
    """Whether `x` holds a construct that depends on the moment without reading a timeline: a bare
    period, `gedurende het gehele jaar`, or a function whose result is a timeline per month/year.
    Such a rule runs per knip stretch like one that reads a timeline. What `het totaal van` reads
    (its condition too) is read whole: its result is one value."""
    if x is None:
        return False
    if isinstance(x, ir.Periode | ir.GehelePeriode):
        return True
    if isinstance(x, ir.TijdFunctie):
        return x.soort != "totaal"
    return any(tijdgebonden(kind) for kind in children(x))


def _heeft_spanne(x: ir.Expr | ir.Conditie | None) -> bool:
    """Whether something in `x` has a begin and an end: a timeline read (also inside a function over
    time) or a closed period. `gedurende het gehele jaar` over a kenmerk alone has neither."""
    for node in walk_expr(x):
        if isinstance(node, ir.Periode) and node.vanaf is not None and node.tot is not None:
            return True
        t = node.attribuut.type if isinstance(node, ir.AttribuutLezen) else (
            node.type if isinstance(node, ir.ParameterRef) else None)
        if t is not None and t.periode is not None:
            return True
        if isinstance(node, ir.KenmerkTest) and node.kenmerk.periode is not None:
            return True
    return False


def tijdlijn_kenmerken(x: ir.Expr | ir.Conditie | None) -> list[ir.Kenmerk]:
    """The kenmerken with a timeline that `x` tests per moment (not those read whole by `het totaal van`)."""
    if x is None:
        return []
    if isinstance(x, ir.KenmerkTest) and x.kenmerk.periode is not None:
        return [x.kenmerk]
    if isinstance(x, ir.TijdFunctie | ir.GehelePeriode):
        return []  # read over a whole period, not as one truth value per moment
    return [k for kind in children(x) for k in tijdlijn_kenmerken(kind)]


def controleer_regel(regel: ir.Regel, sc: Scope) -> None:
    """RS120/RS121/RS008 for a rule whose result and timelines do not fit: it reads timelines where its
    result cannot be one, or fills a timeline from values without time.

    [besluit] Only the *values* a rule computes must share one period (its variables and results):
    a condition may read a timeline of another period (a leeftijd per jaar guarding an amount per
    maand); the knip cuts at the boundaries of both."""
    for v in regel.versies:
        p: set[str] = set()
        for root in roots_of(v):
            p |= periodes(root)
        waarden: set[str] = set()
        for root in [var.expr for var in v.variabelen] + [r.expr for r in v.resultaten
                                                          if isinstance(r, ir.Toekenning)]:
            waarden |= periodes(root)
        if len(waarden) > 1:
            sc.fout("RS120", f"Regel '{regel.naam}' rekent met tijdlijnen per {' en per '.join(sorted(waarden))}; "
                    "reken eerst om naar dezelfde periode.", regel.herkomst.span)
            continue
        if not p and not any(tijdgebonden(root) and _heeft_spanne(root) for root in roots_of(v)):
            for res in v.resultaten:
                a = res.doel.attribuut if isinstance(res, ir.Toekenning) else None
                km = res.doel.kenmerk if isinstance(res, ir.Toekenning) else None
                doel_per = a.type.periode if a is not None else (km.periode if km is not None else None)
                if doel_per is not None:
                    naam = a.naam if a is not None else km.naam if km is not None else ""
                    sc.fout("RS121", f"Regel '{regel.naam}' vult de tijdlijn '{naam}' maar leest geen tijdlijn: de "
                            "uitkomst zou geen begin of einde hebben.", res.herkomst.span,
                            hulp="Laat de regel een tijdlijn lezen (bijvoorbeeld een parameter 'voor elke "
                                 f"{doel_per}') of maak het {'attribuut' if a else 'kenmerk'} een gewone waarde.")
            continue
        per = next(iter(waarden), None) or (next(iter(p)) if len(p) == 1 else "maand")
        if v.verdeling is not None or v.creatie is not None:
            wat = "Verdeling" if v.verdeling else "ObjectCreatie of FeitCreatie"
            sc.fout("RS008", f"Regel '{regel.naam}': een {wat} over tijdlijnen wordt nog niet ondersteund.",
                    regel.herkomst.span)
            continue
        for res in v.resultaten:
            if isinstance(res, ir.Consistentieregel):
                sc.fout("RS008", f"Regel '{regel.naam}': een consistentieregel over tijdlijnen wordt nog niet "
                        "ondersteund.", res.herkomst.span)
            elif res.doel.kenmerk is not None and res.doel.kenmerk.periode is None:
                _enkel_doel(regel, v, res, res.doel.kenmerk.naam, "kenmerk", per, sc)
            elif res.doel.kenmerk is not None:
                continue  # waar where the condition holds, per stretch (any period: a truth value has none)
            elif res.doel.attribuut is not None and res.doel.attribuut.type.periode is None and any(
                    tijdlijn_kenmerken(r) for r in roots_of(v)):
                _enkel_doel(regel, v, res, res.doel.attribuut.naam, "attribuut", per, sc)
            elif res.doel.attribuut is not None and res.doel.attribuut.type.periode is None:
                sc.fout("RS121", f"Regel '{regel.naam}' leest een tijdlijn, dus de uitkomst verschilt per periode, "
                        f"maar '{res.doel.attribuut.naam}' is geen tijdlijn.", res.herkomst.span,
                        hulp=f"Declareer '{res.doel.attribuut.naam}' met 'voor elke {per}'.")
            elif res.doel.attribuut is not None and waarden and res.doel.attribuut.type.periode not in waarden:
                sc.fout("RS120", f"Regel '{regel.naam}' rekent met een tijdlijn per {per}, maar "
                        f"'{res.doel.attribuut.naam}' is een tijdlijn per {res.doel.attribuut.type.periode}.",
                        res.herkomst.span)


def _enkel_doel(regel: ir.Regel, v: ir.Versie, res: ir.Toekenning, naam: str, wat: str, per: str,
                sc: Scope) -> None:
    """RS124 when a rule with a single-valued target tests a kenmerk with a timeline (which has no single
    truth value), else RS121 (it reads another timeline)."""
    kms = [k for r in roots_of(v) for k in tijdlijn_kenmerken(r)]
    if kms:
        k = kms[0]
        sc.fout("RS124", f"Regel '{regel.naam}': kenmerk '{k.naam}' is een tijdlijn (per {k.periode}) en heeft geen "
                f"enkele waarheidswaarde, maar het {wat} '{naam}' is geen tijdlijn.", res.herkomst.span,
                hulp=f"Declareer '{naam}' met 'voor elke {per}', of lees het kenmerk over de hele tijdlijn: "
                     f"'het totaal van … gedurende de tijd dat hij {k.naam} is'.")
        return
    sc.fout("RS121", f"Regel '{regel.naam}' leest een tijdlijn, dus de uitkomst verschilt per periode, "
            f"maar het {wat} '{naam}' is geen tijdlijn.", res.herkomst.span,
            hulp=f"Declareer '{naam}' met 'voor elke {per}'.")
