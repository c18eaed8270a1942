"""Execution order: a writer/reader graph over attributes and kenmerken, topologically sorted.

A rule runs after every rule that writes what it reads. An Initialisatie of X runs after all
other writers of X (it fills what they left empty). Cycles are errors, printed as a path.
"""

from __future__ import annotations

from collections.abc import Iterator

from regelspraak.diagnostics import Diagnostic, Ernst
from regelspraak.model import ir


def walk_expr(x: ir.Expr | ir.Conditie | None) -> Iterator[ir.Expr | ir.Conditie]:
    """Every expression and condition node below `x`, `x` included, parents before their
    children and children in field order (iterative: a deep tree costs no recursion)."""
    if x is None:
        return
    stapel: list[ir.Expr | ir.Conditie] = [x]
    while stapel:
        knoop = stapel.pop()
        yield knoop
        delen = children(knoop)
        if delen:
            stapel.extend(reversed(delen))


# Per node class: its fields; per class of value: whether it is a node. Both follow from the class
# alone (frozen slotted dataclasses), so the walk asks `getattr`/`hasattr`/`isinstance` once per
# class instead of once per field of every node (the checks, the engine's plan and its shared
# subexpressions walk every tree of a model, several times).
_FIELDS: dict[type, tuple[str, ...]] = {}
_IS_NODE: dict[type, bool] = {}


def _is_node(v: object) -> bool:
    """Declarations (attributes, kenmerken, roles) are leaves; anything else with a `herkomst` is a node."""
    t = type(v)
    hit = _IS_NODE.get(t)
    if hit is None:
        hit = _IS_NODE[t] = hasattr(v, "herkomst") and not isinstance(v, ir.Attribuut | ir.Kenmerk | ir.Rol)
    return hit


def children(x: object) -> list[ir.Expr | ir.Conditie]:
    """The direct child nodes of `x`, in field order (tuples of nodes flattened).

    >>> from regelspraak.origin import Herkomst, Span
    >>> h, t = Herkomst(Span("m.rgs", 1, 1)), ir.Type("numeriek")
    >>> a, b = ir.Literal(1, t, h), ir.Literal(2, t, h)
    >>> children(ir.Rekenkunde("plus", a, b, t, h)) == [a, b]
    True
    """
    t = type(x)
    velden = _FIELDS.get(t)
    if velden is None:
        velden = _FIELDS[t] = tuple(getattr(t, "__slots__", ()))
    out: list[ir.Expr | ir.Conditie] = []
    for naam in velden:
        v = getattr(x, naam)
        if isinstance(v, tuple):
            out.extend(item for item in v if _is_node(item))
        elif _is_node(v):
            out.append(v)
    return out


def roots_of(v: ir.Versie) -> list[ir.Expr | ir.Conditie | None]:
    """Every expression and condition a version evaluates: variables, values, conditions."""
    roots: list[ir.Expr | ir.Conditie | None] = [var.expr for var in v.variabelen]
    for r in v.resultaten:
        roots += [r.expr, r.voorwaarde] if isinstance(r, ir.Toekenning) else [r.voorwaarde, r.uniek]
    if v.verdeling is not None:
        d = v.verdeling
        roots += [d.bedrag, d.objecten, d.gewicht, d.volgorde, d.maximum, d.voorwaarde]
    if v.creatie is not None:
        roots += [x for _, x in v.creatie.waarden] + [v.creatie.ander, v.creatie.voorwaarde]
    return roots


def creates_of(v: ir.Versie) -> set[str]:
    """Feittypen a version adds facts to (ObjectCreatie, FeitCreatie)."""
    return {v.creatie.rol.feittype} if v.creatie is not None else set()


def navigates_of(v: ir.Versie) -> set[str]:
    """Feittypen a version reads facts of: navigation and role tests."""
    return _lezingen(v)[1]


def reads_of(v: ir.Versie) -> set[tuple[str, str]]:
    return _lezingen(v)[0]


def _lezingen(v: ir.Versie) -> tuple[set[tuple[str, str]], set[str], set[str]]:
    """In one walk: attributes and kenmerken read, feittypen navigated, rules asked about
    (`regelversie R is gevuurd`)."""
    out: set[tuple[str, str]] = set()
    feittypen: set[str] = set()
    regels: set[str] = set()
    for root in roots_of(v):
        for node in walk_expr(root):
            if isinstance(node, ir.AttribuutLezen):
                out.add((node.attribuut.objecttype, node.attribuut.naam.lower()))
            elif isinstance(node, ir.KenmerkTest):
                out.add((node.kenmerk.objecttype, "kenmerk:" + node.kenmerk.naam.lower()))
            elif isinstance(node, ir.Navigatie | ir.RolTest):
                feittypen.add(node.rol.feittype)
            elif isinstance(node, ir.Controle) and node.regel is not None:
                regels.add(node.regel)
    return out, feittypen, regels


def writes_of(v: ir.Versie) -> set[tuple[str, str]]:
    out = {_key(r.doel) for r in v.resultaten if isinstance(r, ir.Toekenning)}
    if v.verdeling is not None:
        out.add(_key(ir.Doel((), v.verdeling.doel, None)))
        if v.verdeling.rest is not None:
            out.add(_key(v.verdeling.rest))
    if v.creatie is not None:
        out |= {_key(ir.Doel((), a, None)) for a, _ in v.creatie.waarden}
    return out


def _key(d: ir.Doel) -> tuple[str, str]:
    ot, naam = d.sleutel
    return (ot, naam.lower())


def order_rules(regels: list[ir.Regel]) -> tuple[list[ir.Regel], list[Diagnostic]]:
    annotated: list[ir.Regel] = []
    navigeert: list[set[str]] = []
    vraagt: list[set[str]] = []  # rules asked about with "regelversie R is gevuurd"
    for r in regels:
        reads: set[tuple[str, str]] = set()
        writes: set[tuple[str, str]] = set()
        fts: set[str] = set()
        rs: set[str] = set()
        for v in r.versies:
            lezen, nav, gevraagd = _lezingen(v)
            reads |= lezen
            fts |= nav
            rs |= gevraagd
            writes |= writes_of(v)
        annotated.append(ir.Regel(r.naam, r.soort, r.versies, r.herkomst, frozenset(writes), frozenset(reads)))
        navigeert.append(fts)
        vraagt.append(rs)
    init_writes = {i: {_key(res.doel) for v in r.versies for res in v.resultaten
                       if isinstance(res, ir.Toekenning) and res.initialisatie}
                   for i, r in enumerate(annotated)}
    writers: dict[tuple[str, str], list[int]] = {}
    for i, r in enumerate(annotated):
        for w in r.schrijft:
            writers.setdefault(w, []).append(i)
    deps: dict[int, set[int]] = {i: set() for i in range(len(annotated))}
    for i, r in enumerate(annotated):
        for rd in r.leest:
            for j in writers.get(rd, []):
                deps[i].add(j)
        for w in init_writes[i]:
            for j in writers.get(w, []):
                if j != i and w not in init_writes[j]:
                    deps[i].add(j)
    # Created objects and facts take part in later rules: whoever navigates a feittype runs after
    # the rules that add facts to it (not itself: a creation's condition sees the facts before it).
    makers: dict[str, list[int]] = {}
    for i, r in enumerate(annotated):
        for ft in {ft for v in r.versies for ft in creates_of(v)}:
            makers.setdefault(ft, []).append(i)
    if makers:
        for i in range(len(annotated)):
            for ft in navigeert[i]:
                deps[i].update(j for j in makers.get(ft, []) if j != i)
    # "regelversie R is gevuurd|inconsistent" runs after R.
    if any(vraagt):
        index = {" ".join(r.naam.lower().split()): i for i, r in enumerate(annotated)}
        for i in range(len(annotated)):
            deps[i].update(index[r] for r in vraagt[i] if index.get(r, i) != i)
    order, cycle = _toposort(deps)
    diags: list[Diagnostic] = []
    if cycle:
        pad = " → ".join(f"'{annotated[i].naam}'" for i in cycle)
        first = annotated[cycle[0]]
        makers_in = [annotated[i].naam for i in cycle if any(v.creatie is not None for v in annotated[i].versies)]
        via = f" (via het aanmaken van objecten of feiten in {', '.join(repr(m) for m in makers_in)})" \
            if makers_in else ""
        diags.append(Diagnostic("RS202", Ernst.FOUT, f"Cyclische afleiding{via}: {pad}.", first.herkomst,
                                hulp="Elke regel leest hier (indirect) wat hij zelf schrijft; RegelSpraak kent "
                                     "geen recursie zonder recursieve regelgroep."))
        return annotated, diags
    return [annotated[i] for i in order], diags


def _toposort(deps: dict[int, set[int]]) -> tuple[list[int], list[int] | None]:
    """Stable topological order (declaration order among equals), or a cycle.

    Iterative depth-first search: a long chain of rules must not hit Python's recursion limit.
    """
    state: dict[int, int] = {}  # 1 = on the stack, 2 = done
    order: list[int] = []
    for root in sorted(deps):
        if root in state:
            continue
        state[root] = 1
        stack: list[tuple[int, list[int]]] = [(root, sorted(deps[root], reverse=True))]
        while stack:
            node, todo = stack[-1]
            if not todo:
                stack.pop()
                state[node] = 2
                order.append(node)
                continue
            j = todo.pop()
            if state.get(j) == 1:
                path = [n for n, _ in stack]
                return [], [*path[path.index(j):], j]
            if j not in state:
                state[j] = 1
                stack.append((j, sorted(deps[j], reverse=True)))
    return order, None
