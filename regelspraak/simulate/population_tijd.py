"""Time-varying inputs in a population folder (taal.md §11, issue 11): a timeline attribute
`voor elke maand` (or `voor elk jaar`) is given as twelve columns `naam[1]` … `naam[12]`, one per
calendar month of the berekeningsjaar, each an ordinary column of the attribute's type (null =
leeg in that month). They are read into the engine's period axis (`vector_periode.PeriodeKolom`)
without a Python object per person; the year is the rekendatum's, fixed when a run starts.

Refused, naming file and column: a month outside 1…12 (RS035), a timeline attribute given as one
column (RS036), a set of month columns with months missing (RS037), month columns for an
attribute without a timeline or with a timeline per dag (RS038). A bad value in a month column is
reported as in any column (file, column, rows).

>>> maandkolom("inkomen[3]"), maandkolom("inkomen")
(('inkomen', 3), None)
"""

from __future__ import annotations

import re

from regelspraak.diagnostics import Diagnostic
from regelspraak.evaluate.columns import Kolom
from regelspraak.evaluate.vector_periode import MAANDEN, PeriodeKolom
from regelspraak.model import ir

_MAAND = re.compile(r"^(.+)\[(\d{1,3})\]$")
KENMERK = "kenmerk:"


def maandkolom(naam: str) -> tuple[str, int] | None:
    """`naam[m]` → (naam, m), else None."""
    m = _MAAND.match(naam.strip())
    return (m.group(1).strip(), int(m.group(2))) if m else None


def controleer_maand(bestand: str, kolom: str, attr: ir.Attribuut | None, maand: int) -> Diagnostic | None:
    """RS035/RS038 for one month column, or None."""
    from regelspraak.simulate.population import diagnose

    if attr is not None and attr.type.periode not in ("maand", "jaar"):
        wat = "geen tijdlijn" if attr.type.periode is None else f"een tijdlijn per {attr.type.periode}"
        # a kenmerk's month columns are read as an attribute named after its column (`kenmerk:naam`)
        is_kenmerk = attr.naam.startswith(KENMERK)
        soort, naam = ("kenmerk", attr.naam[len(KENMERK):]) if is_kenmerk else ("attribuut", attr.naam)
        return diagnose("RS038", f"{bestand}, kolom '{kolom}': '{naam}' is {wat}; maandkolommen "
                        "(naam[1] … naam[12]) horen alleen bij een attribuut of kenmerk 'voor elke maand' of "
                        "'voor elk jaar'.", f"Geef een {soort} zonder tijdlijn per maand of jaar als één kolom met "
                        "zijn naam.")
    if not 1 <= maand <= MAANDEN:
        return diagnose("RS035", f"{bestand}, kolom '{kolom}': maand {maand} bestaat niet; maandkolommen heten "
                        f"naam[1] … naam[{MAANDEN}] (januari … december van het berekeningsjaar).")
    return None


def kenmerk_als_attribuut(k: ir.Kenmerk) -> ir.Attribuut:
    """A kenmerk as the attribute its month columns are read for: `verzekerd[1]` … `verzekerd[12]` give a
    kenmerk `voor elke maand` per month (null: no value that month, read as onwaar); a kenmerk without a
    timeline (or per dag) is refused as an attribute would be (RS038). One column `verzekerd` is the whole
    year for a kenmerk with a timeline."""
    from regelspraak.evaluate.vector_periode import kenmerk_kolom

    if k.periode is None:
        return ir.Attribuut(k.naam, k.objecttype, ir.Type("boolean"), k.herkomst)
    return kenmerk_kolom(k)


def weiger_enkel(bestand: str, kolom: str, attr: ir.Attribuut) -> Diagnostic:
    """RS036: a timeline attribute given as one column."""
    from regelspraak.simulate.population import diagnose

    return diagnose("RS036", f"{bestand}, kolom '{kolom}': '{attr.naam}' is een tijdlijn per {attr.type.periode}; "
                    "één waarde per persoon heeft geen begin of einde.",
                    f"Geef twaalf kolommen '{kolom}[1]' … '{kolom}[12]', één per maand van het berekeningsjaar "
                    "(leeg in een maand: null).")


def bundel(bestand: str, attr: ir.Attribuut,
           maanden: dict[int, tuple[str, Kolom | None]]) -> PeriodeKolom | Diagnostic | None:
    """The twelve month columns of `attr` as one period-axis column, or RS037 naming what is missing;
    None when a given month column was unusable (its own error is already reported)."""
    from regelspraak.simulate.population import diagnose

    ontbreekt = [m for m in range(1, MAANDEN + 1) if m not in maanden]
    if ontbreekt:
        naam = next(iter(maanden.values()))[0].rsplit("[", 1)[0]
        return diagnose("RS037", f"{bestand}: voor de tijdlijn '{attr.naam}' ontbreken de kolommen "
                        f"{', '.join(f'{naam}[{m}]' for m in ontbreekt)}.",
                        "Een tijdlijn per maand heeft twaalf kolommen; een maand zonder waarde is null.")
    cellen = [maanden[m][1] for m in range(1, MAANDEN + 1)]
    if any(c is None for c in cellen):
        return None
    assert attr.type.periode is not None
    return PeriodeKolom(attr.type.periode, None, attr.type, [c for c in cellen if c is not None])


def weiger_buiten_as(model: ir.Model, pad: object) -> None:
    """RS008 (as before issue 11's period axis) for a model `simuleer` cannot run: a timeline per dag,
    `gedurende het gehele jaar` or a function over time other than `het totaal van`. Timelines per maand or jaar
    run on the period axis (or per rule through the interpreter, reported)."""
    from regelspraak.model.order import roots_of, walk_expr
    from regelspraak.model.tijd import eerste_tijdlijn, weiger_tijdlijnen

    if eerste_tijdlijn(model) is None:
        return
    dag = any(a.type.periode == "dag" for ot in model.objecttypen.values() for a in ot.attributen.values())
    dag |= any(p.type.periode == "dag" for p in model.parameters.values())
    # A bare period runs on the period axis when its bounds start months (`vanaf de eerste dag van de maand
    # na …`), else per rule through the interpreter: allowed.
    vormen = any(isinstance(x, ir.GehelePeriode) or (isinstance(x, ir.TijdFunctie) and x.soort != "totaal")
                 for r in model.regels for v in r.versies for root in roots_of(v) for x in walk_expr(root))
    if dag or vormen:
        weiger_tijdlijnen(model, pad, "Simulaties")


def weiger_tijdlijn_uitvoer(attributen: list[ir.Attribuut], pad: object) -> None:
    """RS039: a timeline among a scenario's outputs or groupings (a total per person is one value)."""
    from regelspraak.diagnostics import DiagnosticError, Ernst
    from regelspraak.origin import Herkomst, Span

    for a in attributen:
        if a.type.periode is not None:
            raise DiagnosticError([Diagnostic(
                "RS039", Ernst.FOUT, f"'{a.naam}' is een tijdlijn per {a.type.periode}; een simulatie telt per persoon "
                "één waarde op.", Herkomst(Span(str(pad), 1, 1)),
                hulp=f"Neem een attribuut zonder tijdlijn als uitvoer, bijvoorbeeld 'het totaal van {a.naam}'.")])
