"""Results of `bereken` as JSON-ready data and as rich output, with the explanation tree.

Numbers are exact decimal strings with a `.`, dates ISO, leeg is null.

>>> from fractions import Fraction
>>> waarde_json(Fraction(157342, 100))
'1573.42'
"""

from __future__ import annotations

from datetime import date, datetime
from fractions import Fraction
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from regelspraak.evaluate.interpret import Afleiding, Instantie, Lezing, Uitkomst
from regelspraak.model import ir
from regelspraak.origin import Herkomst
from regelspraak.values.notation import format_datum, format_datumtijd, format_getal
from regelspraak.values.tijdlijn import Tijdlijn

MAX_UITLEG_DIEPTE = 40


def waarde_json(v: ir.Waarde) -> Any:
    if isinstance(v, Tijdlijn):
        # The same shape a case file gives a timeline in, so output reads back as input.
        return [{"vanaf": format_datum(s.vanaf), "tot": format_datum(s.tot), "waarde": waarde_json(s.waarde)}
                for s in v.stukken]
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, Fraction):
        return format_getal(v)
    if isinstance(v, datetime):
        return format_datumtijd(v)
    if isinstance(v, date):
        return format_datum(v)
    return v


def waarde_tekst(v: ir.Waarde, t: ir.Type | None = None) -> str:
    """A value for people; a timeline one line per stretch (`tot` is the first day not included).

    >>> from datetime import date as d
    >>> lijn = Tijdlijn.constant("maand", d(2024, 1, 1), d(2024, 4, 1), Fraction(101))
    >>> print(waarde_tekst(lijn, ir.Type("numeriek")))
    van 01-01-2024 tot 01-04-2024: 101 per maand
    """
    if isinstance(v, Tijdlijn):
        if not v.stukken:
            return "leeg"
        per = f" per {v.periode}" if t is None or t.soort != "boolean" else ""
        return "\n".join(f"van {s.vanaf:%d-%m-%Y} tot {s.tot:%d-%m-%Y}: {waarde_tekst(s.waarde, t)}{per}"
                         for s in v.stukken)
    if v is None:
        return "leeg"
    if isinstance(v, bool):
        return "waar" if v else "onwaar"
    if isinstance(v, Fraction):
        s = format_getal(v, terugleesbaar=False).replace(".", ",")
        if t is not None and t.soort == "percentage":
            return s + "%"
        if t is not None and t.eenheid is not None and not t.eenheid.is_dimensieloos:
            return f"{s} {t.eenheid}"
        return s
    if isinstance(v, datetime):
        return f"{v:%d-%m-%Y %H:%M:%S},{v.microsecond // 1000:03d}"
    if isinstance(v, date):
        return f"{v:%d-%m-%Y}"
    return f"'{v}'" if t is not None and t.soort == "enumeratie" else str(v)


def bron_json(h: Herkomst | None) -> dict[str, Any] | None:
    if h is None or h.bron is None:
        return None
    out: dict[str, Any] = {"citaat": h.bron.citeer()}
    jcis = [r.jci() for r in h.bron.refs if r.jci()]
    if jcis:
        out["juriconnect"] = jcis
    return out


def _objecten(model: ir.Model, uitkomst: Uitkomst) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for oid, inst in uitkomst.instanties.items():
        ot = model.objecttypen[inst.type]
        out[oid] = {
            "type": ot.naam,
            "attributen": {a.naam: waarde_json(inst.waarden.get(a.naam.lower())) for a in ot.attributen.values()},
            "kenmerken": {k.naam: _kenmerk(inst, k) if k.periode is None else waarde_json(_kenmerk(inst, k))
                          for k in ot.kenmerken.values()},
        }
    return out


def _kenmerk(inst: Instantie, k: ir.Kenmerk) -> bool | Tijdlijn:
    """A kenmerk's value: waar/onwaar, or for a kenmerk `voor elke …` its timeline."""
    v = inst.kenmerken.get(k.naam.lower(), False)
    return v if isinstance(v, Tijdlijn) else bool(v)


def as_json(model: ir.Model, uitkomst: Uitkomst, uitleg: bool,
            bronteksten: dict[str, str] | None = None, plat: bool = False) -> dict[str, Any]:
    """The outcome of one case as JSON; with `uitleg`, per object every value a rule derived with the
    rule, its source and what it read. Nested (`bereken --uitleg`): a value read that a rule derived
    shows its own derivation in place, to MAX_UITLEG_DIEPTE. `plat`: a value read is a reference
    (`"herkomst": "regel"`, `"sleutel"`: its derivation is `uitleg[object][sleutel]`), as in the
    findings of `analyseer`, where a case of a composed model repeated every shared derivation at
    every use (wetten/toeslagen: about 2 MB per finding)."""
    data: dict[str, Any] = {
        "rekendatum": format_datum(uitkomst.rekendatum),
        "objecten": _objecten(model, uitkomst),
        "inconsistenties": [
            {"object": i.object_id, "regel": i.regel, "bericht": i.bericht, "bestand": i.herkomst.span.bestand,
             "regelnummer": i.herkomst.span.regel, "bron": bron_json(i.herkomst)}
            for i in uitkomst.inconsistenties],
    }
    if uitleg:
        data["uitleg"] = {oid: {naam: _afleiding_json(uitkomst, inst, naam, a, 0, bronteksten or {}, plat)
                                for naam, a in inst.afleidingen.items() if a.regel is not None}
                          for oid, inst in uitkomst.instanties.items()}
    return data


def _afleiding_json(u: Uitkomst, inst: Instantie, sleutel: str, a: Afleiding, diepte: int,
                    teksten: dict[str, str], plat: bool = False) -> dict[str, Any]:
    node: dict[str, Any] = {"object": inst.id, "naam": sleutel.removeprefix("kenmerk:"),
                            "waarde": waarde_json(a.waarde)}
    if a.regel is None:
        node["herkomst"] = "invoer"
        return node
    node["regel"] = a.regel
    node["versie"] = a.versie
    if a.herkomst is not None:
        node["bestand"] = a.herkomst.span.bestand
        node["regelnummer"] = a.herkomst.span.regel
    node["bron"] = bron_json(a.herkomst)
    if teksten and a.herkomst is not None and a.herkomst.bron is not None:
        node["wettekst"] = {r.jci(): teksten[r.jci() or ""] for r in a.herkomst.bron.refs if r.jci() in teksten}
    if a.stukken:
        # Per knip stretch the version that fired and what it read there (flat: each value read
        # that a rule derived has its own entry in the uitleg).
        node["stukken"] = [{"vanaf": format_datum(st.vanaf), "tot": format_datum(st.tot),
                            "waarde": waarde_json(st.waarde), "versie": st.versie, "gevuurd": st.gevuurd,
                            "invoer": [_lezing_json(u, lz, MAX_UITLEG_DIEPTE, teksten) if plat else _lezing_plat(lz)
                                       for lz in _uniek(st.invoer)]} for st in a.stukken]
        return node
    node["invoer"] = [_lezing_json(u, lz, MAX_UITLEG_DIEPTE if plat else diepte + 1, teksten)
                      for lz in _uniek(a.invoer)]
    return node


def _lezing_plat(lz: Lezing) -> dict[str, Any]:
    out: dict[str, Any] = {"soort": lz.soort, "naam": lz.naam, "waarde": waarde_json(lz.waarde)}
    if lz.object_id is not None:
        out["object"] = lz.object_id
    return out


def _lezing_json(u: Uitkomst, lz: Lezing, diepte: int, teksten: dict[str, str]) -> dict[str, Any]:
    afgeleid = _afgeleid(u, lz)
    if afgeleid is not None and diepte < MAX_UITLEG_DIEPTE:
        inst, key, a = afgeleid
        return _afleiding_json(u, inst, key, a, diepte, teksten)
    out: dict[str, Any] = {"soort": lz.soort, "naam": lz.naam, "waarde": waarde_json(lz.waarde)}
    if lz.object_id is not None:
        out["object"] = lz.object_id
    if lz.soort in ("attribuut", "kenmerk"):
        out["herkomst"] = "invoer" if lz.waarde is not None or lz.soort == "kenmerk" else "leeg"
        if afgeleid is not None:
            # beyond the depth, or flat: its derivation is the entry uitleg[object][sleutel]
            out["herkomst"], out["sleutel"] = "regel", afgeleid[1]
    return out


def _afgeleid(u: Uitkomst, lz: Lezing) -> tuple[Instantie, str, Afleiding] | None:
    """The object, key and derivation of a value read that a rule derived; None for an input, a
    parameter or a variable."""
    if lz.soort not in ("attribuut", "kenmerk") or lz.object_id is None or lz.object_id not in u.instanties:
        return None
    inst = u.instanties[lz.object_id]
    key = lz.naam.lower() if lz.soort == "attribuut" else "kenmerk:" + lz.naam.lower()
    a = inst.afleidingen.get(key)
    return (inst, key, a) if a is not None and a.regel is not None else None


def _uniek(lezingen: tuple[Lezing, ...]) -> list[Lezing]:
    seen: set[tuple[str, str | None, str]] = set()
    out = []
    for lz in lezingen:
        k = (lz.soort, lz.object_id, lz.naam)
        if k not in seen:
            seen.add(k)
            out.append(lz)
    return out


def print_tekst(model: ir.Model, uitkomst: Uitkomst, uitleg: bool, console: Console,
                bronteksten: dict[str, str] | None = None, parameterbronnen: dict[str, str] | None = None) -> None:
    console.print(f"[bold]Rekendatum[/] {uitkomst.rekendatum:%d-%m-%Y}")
    for oid, inst in uitkomst.instanties.items():
        ot = model.objecttypen[inst.type]
        table = Table(title=f"{escape(oid)} ({escape(ot.naam)})", show_header=True, title_justify="left")
        table.add_column("naam")
        table.add_column("waarde", justify="right")
        table.add_column("herkomst")
        for a in ot.attributen.values():
            af = inst.afleidingen.get(a.naam.lower())
            waar = af.regel if af is not None and af.regel is not None else ("invoer" if af is not None else "")
            table.add_row(escape(a.naam), escape(waarde_tekst(inst.waarden.get(a.naam.lower()), a.type)), escape(waar))
        for k in ot.kenmerken.values():
            af = inst.afleidingen.get("kenmerk:" + k.naam.lower())
            waar = af.regel if af is not None and af.regel is not None else ("invoer" if af is not None else "")
            table.add_row(escape(k.naam), escape(waarde_tekst(_kenmerk(inst, k), ir.BOOLEAN)),
                          escape(waar or ""))
        console.print(table)
    if uitkomst.inconsistenties:
        console.print("[bold red]Inconsistent:[/]")
        for i in uitkomst.inconsistenties:
            console.print(f"  {escape(i.bericht)} ({escape(str(i.herkomst.span))})")
    else:
        console.print("[green]Consistent.[/]")
    if uitleg:
        # Each derived value is explained once, numbered; where it is used again the tree says
        # "zie (n)" instead of repeating its whole subtree (two persons took 569 lines before).
        uitleg_ = _Uitleg(uitkomst, model, bronteksten or {}, parameterbronnen or {})
        for inst in uitkomst.instanties.values():
            for key, af in inst.afleidingen.items():
                if af.regel is None or (inst.id, key) in uitleg_.nummers:
                    continue
                tree = Tree(uitleg_.kop(inst, key, af))
                uitleg_.boom(af, tree, 1, _type_of(model, inst.type, key))
                console.print(tree)


class _Uitleg:
    """The explanation trees of one run, sharing the numbers of the values already explained."""

    def __init__(self, u: Uitkomst, model: ir.Model, bronteksten: dict[str, str],
                 parameterbronnen: dict[str, str]) -> None:
        self.u, self.model, self.bronteksten, self.parameterbronnen = u, model, bronteksten, parameterbronnen
        self.nummers: dict[tuple[str, str], int] = {}

    def kop(self, inst: Instantie, key: str, a: Afleiding) -> str:
        nr = self.nummers[(inst.id, key)] = len(self.nummers) + 1
        return f"[dim]({nr})[/] " + _kop(inst, key, a, self.model)

    def boom(self, a: Afleiding, tree: Tree, diepte: int, t: ir.Type | None = None) -> None:
        if self.bronteksten and a.herkomst is not None and a.herkomst.bron is not None:
            for r in a.herkomst.bron.refs:
                tekst = self.bronteksten.get(r.jci() or "")
                if tekst:
                    tree.add(f"[dim]{escape(r.citeer())}: {escape(tekst)}[/]")
        if a.stukken:
            self._stukken(a, tree, t)
            return
        for lz in _uniek(a.invoer):
            if lz.soort in ("attribuut", "kenmerk") and lz.object_id is not None:
                inst = self.u.instanties[lz.object_id]
                key = lz.naam.lower() if lz.soort == "attribuut" else "kenmerk:" + lz.naam.lower()
                sub = inst.afleidingen.get(key)
                t = _type_of(self.model, inst.type, key)
                if sub is not None and sub.regel is not None:
                    eerder = self.nummers.get((inst.id, key))
                    if eerder is not None:
                        tree.add(f"{escape(lz.naam)} van {escape(lz.object_id)} = "
                                 f"{escape(waarde_tekst(sub.waarde, t))} [dim]— zie ({eerder})[/]")
                        continue
                    if diepte < MAX_UITLEG_DIEPTE:
                        self.boom(sub, tree.add(self.kop(inst, key, sub)), diepte + 1, t)
                        continue
                tree.add(f"{escape(lz.naam)} van {escape(lz.object_id)} = {escape(waarde_tekst(lz.waarde, t))} "
                         f"[dim]({'invoer' if lz.waarde is not None or lz.soort == 'kenmerk' else 'leeg'})[/]")
            elif lz.soort == "parameter":
                p = self.model.parameters.get(lz.naam)
                bron = self.parameterbronnen.get(lz.naam)
                tree.add(f"parameter {escape(p.naam if p else lz.naam)} = "
                         f"{escape(waarde_tekst(lz.waarde, p.type if p else None))}"
                         + (f" — [italic]{escape(bron)}[/]" if bron else ""))
            elif lz.soort == "variabele":
                tree.add(f"variabele {escape(lz.naam)} = {escape(waarde_tekst(lz.waarde, lz.type))}")
            else:
                tree.add(f"{escape(lz.naam)} = {escape(waarde_tekst(lz.waarde))}")


    def _stukken(self, a: Afleiding, tree: Tree, doeltype: ir.Type | None) -> None:
        """A timeline result: per knip stretch its value, the version that fired and the values read."""
        for st in a.stukken:
            w = escape(waarde_tekst(st.waarde, doeltype))
            uitkomst = f"[bold]{w}[/]" if st.gevuurd else "niet gevuurd, de voorwaarde geldt niet"
            tak = tree.add(f"van {st.vanaf:%d-%m-%Y} tot {st.tot:%d-%m-%Y}: {uitkomst} [dim]({escape(st.versie)})[/]")
            for lz in _uniek(st.invoer):
                if lz.soort in ("attribuut", "kenmerk") and lz.object_id is not None:
                    inst = self.u.instanties[lz.object_id]
                    key = lz.naam.lower() if lz.soort == "attribuut" else "kenmerk:" + lz.naam.lower()
                    t = _type_of(self.model, inst.type, key)
                    eerder = self.nummers.get((lz.object_id, key))
                    zie = f" [dim]— zie ({eerder})[/]" if eerder is not None else ""
                    tak.add(f"{escape(lz.naam)} van {escape(lz.object_id)} = {escape(waarde_tekst(lz.waarde, t))}{zie}")
                elif lz.soort == "parameter":
                    p = self.model.parameters.get(lz.naam)
                    tak.add(f"parameter {escape(p.naam if p else lz.naam)} = "
                            f"{escape(waarde_tekst(lz.waarde, p.type if p else None))}")
                else:
                    tak.add(f"{escape(lz.naam)} = {escape(waarde_tekst(lz.waarde, lz.type))}")


def _kop(inst: Instantie, key: str, a: Afleiding, model: ir.Model) -> str:
    naam = key.removeprefix("kenmerk:")
    t = _type_of(model, inst.type, key)
    tekst = waarde_tekst(a.waarde, t)
    if isinstance(a.waarde, Tijdlijn):  # its stretches follow, one line each
        tekst = f"tijdlijn per {a.waarde.periode}, {len(a.waarde.stukken)} stuk(ken)"
    bron = f" — [italic]{escape(a.herkomst.bron.citeer())}[/]" if a.herkomst and a.herkomst.bron else ""
    plaats = f" [dim]{escape(str(a.herkomst.span))}[/]" if a.herkomst else ""
    return (f"[bold]{escape(naam)}[/] van {escape(inst.id)} = [bold cyan]{escape(tekst)}[/] "
            f"← regel '{escape(a.regel or '')}' ({escape(a.versie or '')}){bron}{plaats}")


def _type_of(model: ir.Model, ot: str, key: str) -> ir.Type | None:
    if key.startswith("kenmerk:"):
        return ir.BOOLEAN
    attr = model.objecttypen[ot].attributen.get(key)
    return attr.type if attr is not None else None
