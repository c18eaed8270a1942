"""A rule that reads timelines, evaluated per knip stretch (taal.md §11).

For one subject the rule is first explored once to learn which timelines it reads; those are cut
at every boundary of any of them (and at the bounds of the rule version's validity), the rule is
evaluated once per stretch with every timeline read at that stretch's start, and the stretches
where it fired become the result timeline (equal neighbours merged). A stretch can make the rule
read further timelines (a condition that takes another branch); the knip is then refined and the
stretches evaluated again, until nothing new is read.

Decisions ([besluit], docs/semantiek.md "Tijdlijnen"):
- each version of the rule applies on the stretches inside its own validity (`geldig vanaf … t/m …`),
  not only on the Rekendatum; the trace names, per stretch, the version that fired;
- outside every timeline the rule reads, it is not evaluated: the result is leeg there (a timeline
  has no value before its first or after its last stretch);
- leeg and rounding are per stretch, by the ordinary operators (taal.md §6, §5).
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING

from regelspraak.model import ir
from regelspraak.values.fouten import Rekenfout
from regelspraak.values.notation import format_getal
from regelspraak.values.rounding import past_in_decimalen
from regelspraak.values.tijdlijn import Tijdlijn, of_samen, samen

if TYPE_CHECKING:
    from regelspraak.evaluate.interpret import Instantie, Interpreter, Lezing

Uitkomst = tuple[date, date, ir.Waarde, tuple["Lezing", ...]]


def run_regel(it: Interpreter, regel: ir.Regel) -> None:
    """Every version and result of `regel` for every subject, per knip stretch."""
    for versie in regel.versies:
        for res in versie.resultaten:
            if not isinstance(res, ir.Toekenning) or (res.doel.attribuut is None and (
                    res.doel.kenmerk is None or res.doel.kenmerk.periode is None)):
                continue  # refused by the type checker (model/tijd.py)
            for inst in list(it.per_type.get(versie.onderwerp, [])):
                _voor(it, regel, versie, res, inst)


def _venster(versie: ir.Versie) -> tuple[date | None, date | None]:
    eind = versie.tot_en_met + timedelta(days=1) if versie.tot_en_met is not None else None
    return versie.vanaf, eind


def _voor(it: Interpreter, regel: ir.Regel, versie: ir.Versie, res: ir.Toekenning, inst: Instantie) -> None:
    from regelspraak.evaluate.interpret import regel_sleutel

    it.tijd_cache.clear()
    try:
        uitkomsten = _per_stuk(it, regel, versie, res, inst)
    except _Fout:
        return
    if res.doel.kenmerk is not None:
        # A kenmerk is onwaar where the rule was evaluated and did not fire (written too, so that a
        # rule that reads it knows its span).
        if any(u[2] is not _NIET for u in uitkomsten):
            it.gevuurd.add((regel_sleutel(regel.naam), inst.id))
        schrijf_kenmerk(it, regel, versie, res, inst, [(a, b, w is not _NIET, lz) for a, b, w, lz in uitkomsten])
        return
    if all(u[2] is _NIET for u in uitkomsten):
        return
    it.gevuurd.add((regel_sleutel(regel.naam), inst.id))
    _schrijf(it, regel, versie, res, inst, uitkomsten)


class _Fout(Exception):
    """This rule for this subject stopped (the error is recorded)."""


def _per_stuk(it: Interpreter, regel: ir.Regel, versie: ir.Versie, res: ir.Toekenning,
              inst: Instantie) -> list[Uitkomst]:
    from regelspraak.evaluate.interpret import Frame
    from regelspraak.evaluate.tijd_expr import knip_over

    def verken(g: Frame) -> None:
        try:
            _evalueer(it, res, g)
        except Rekenfout:  # reported again, at its stretch, by the real run
            pass

    stukken, af = knip_over(it, Frame(inst, regel, versie),
                            lambda g, a, b: _stuk(it, regel, versie, res, inst, g, a, b),
                            verken=verken, binnen=_venster(versie))
    if not af:
        it._fout("RS206", f"Regel '{regel.naam}' voor {inst.id}: de tijdlijnen die de regel leest blijven "
                 "veranderen; de knip is niet af te ronden.", res.herkomst, inst.id)
        raise _Fout
    # Stretches where the condition did not hold stay in the list (the trace says why nothing was written).
    return [(a, b, w, tuple(g.lezingen)) for a, b, w, g in stukken]


_NIET: ir.Waarde = "\0niet gevuurd"


def _evalueer(it: Interpreter, res: ir.Toekenning, f: object) -> ir.Waarde:
    from regelspraak.evaluate.interpret import Frame

    assert isinstance(f, Frame)
    if res.voorwaarde is not None and not it.cond(res.voorwaarde, f):
        return _NIET
    if res.expr is None:  # a kenmerktoekenning: waar where its condition holds
        return True
    waarde = it.expr(res.expr, f)
    if isinstance(waarde, list):
        raise Rekenfout("De uitkomst bestaat uit meerdere waarden.")
    assert not isinstance(waarde, Tijdlijn)
    return waarde  # type: ignore[no-any-return]


def _stuk(it: Interpreter, regel: ir.Regel, versie: ir.Versie, res: ir.Toekenning, inst: Instantie, f: object,
          a: date | None, b: date | None) -> ir.Waarde:
    from regelspraak.evaluate.interpret import Afgebroken, als_zin

    stuk = f"van {a:%d-%m-%Y} tot {b:%d-%m-%Y}" if a is not None and b is not None else ""
    try:
        w = _evalueer(it, res, f)
    except Rekenfout as e:
        it._fout("RS206", f"Regel '{regel.naam}' ({versie.beschrijf()}) voor {inst.id}, {stuk}: {als_zin(e.bericht)}",
                 res.herkomst, inst.id)
        raise _Fout from e
    except Afgebroken as e:
        raise _Fout from e
    if res.doel.attribuut is None:
        return w
    t = res.doel.attribuut.type
    if isinstance(w, Fraction) and t.decimalen is not None and not past_in_decimalen(w, t.decimalen):
        it._fout("RS106", f"Regel '{regel.naam}' geeft {inst.id} {stuk} de waarde {format_getal(w)} voor "
                 f"'{res.doel.attribuut.naam}', met meer dan {t.decimalen} decimalen; rond de uitkomst af in de "
                 "regel.", res.herkomst, inst.id)
        raise _Fout
    return w


def _schrijf(it: Interpreter, regel: ir.Regel, versie: ir.Versie, res: ir.Toekenning, inst: Instantie,
             uitkomsten: list[Uitkomst]) -> None:
    from regelspraak.evaluate.interpret import Afleiding, Frame, StukAfleiding, attribuut_sleutel

    assert res.doel.attribuut is not None
    doel = it._doel_object(res.doel, inst, Frame(inst, regel, versie))
    if doel is None:
        return
    sleutel = attribuut_sleutel(res.doel.attribuut)
    oud = doel.waarden.get(sleutel)
    if res.initialisatie and oud is not None:
        # An Initialisatie fills only the stretches that are still leeg.
        uitkomsten = [u for u in uitkomsten if (oud.op(u[0]) if isinstance(oud, Tijdlijn) else oud) is None]
    periode = res.doel.attribuut.type.periode or "dag"
    waarde = Tijdlijn.maak(periode, [(a, b, w) for a, b, w, _ in uitkomsten if w is not _NIET])
    vorige = it.schrijver.get((doel.id, sleutel))
    eerdere: tuple[StukAfleiding, ...] = ()
    if vorige is not None and oud is not None:
        try:
            if not isinstance(oud, Tijdlijn):
                raise Rekenfout(f"de ene geeft één waarde ({oud}), de andere een tijdlijn.")
            waarde = samen(oud, waarde)
        except Rekenfout as e:
            it._fout("RS203", f"Tegenstrijdige toekenning aan '{res.doel.attribuut.naam}' van {doel.id}: regel "
                     f"'{vorige}' en regel '{regel.naam}' geven {e.bericht}", res.herkomst, doel.id)
            return
        af = doel.afleidingen.get(sleutel)
        eerdere = af.stukken if af is not None else ()
    versie_tekst = versie.beschrijf() + (f", rij {versie.rij}" if versie.rij is not None else "")
    nieuw = (StukAfleiding(a, b, None if w is _NIET else w, versie_tekst, lez, w is not _NIET)
             for a, b, w, lez in uitkomsten)
    stukken = tuple(sorted((*eerdere, *nieuw), key=lambda s: s.vanaf))
    versies = {st.versie for st in stukken if st.gevuurd}
    versie_tekst = versies.pop() if len(versies) == 1 else "per stuk de versie die daar geldt"
    it.schrijver[(doel.id, sleutel)] = regel.naam
    doel.waarden[sleutel] = waarde
    alle = tuple(lz for s in stukken if s.gevuurd for lz in s.invoer)
    doel.afleidingen[sleutel] = Afleiding(waarde, regel.naam, versie_tekst, regel.herkomst, alle, stukken)


def schrijf_kenmerk(it: Interpreter, regel: ir.Regel, versie: ir.Versie, res: ir.Toekenning, inst: Instantie,
                    uitkomsten: list[tuple[date, date, bool, tuple[Lezing, ...]]]) -> None:
    """A kenmerk `voor elke …` per stretch: waar where the rule fired, onwaar where it was evaluated and
    did not. Several rules (or versions) that assign the same kenmerk give waar where any of them does,
    as for a kenmerk without a timeline."""
    from regelspraak.evaluate.interpret import Afleiding, Frame, StukAfleiding

    km = res.doel.kenmerk
    assert km is not None and km.periode is not None
    doel = it._doel_object(res.doel, inst, Frame(inst, regel, versie))
    if doel is None:
        return
    sleutel = "kenmerk:" + km.naam.lower()
    waarde = Tijdlijn.maak(km.periode, [(a, b, w) for a, b, w, _ in uitkomsten])
    oud = doel.kenmerken.get(km.naam.lower())
    eerdere: tuple[StukAfleiding, ...] = ()
    if isinstance(oud, Tijdlijn) and (doel.id, sleutel) in it.schrijver:
        waarde = of_samen(oud, waarde)
        af = doel.afleidingen.get(sleutel)
        eerdere = af.stukken if af is not None else ()
    versie_tekst = versie.beschrijf() + (f", rij {versie.rij}" if versie.rij is not None else "")
    nieuw = (StukAfleiding(a, b, w, versie_tekst, lez, w) for a, b, w, lez in uitkomsten)
    stukken = tuple(sorted((*eerdere, *nieuw), key=lambda s: s.vanaf))
    versies = {st.versie for st in stukken if st.gevuurd}
    versie_tekst = versies.pop() if len(versies) == 1 else "per stuk de versie die daar geldt"
    it.schrijver[(doel.id, sleutel)] = regel.naam
    doel.kenmerken[km.naam.lower()] = waarde
    alle = tuple(lz for s in stukken if s.gevuurd for lz in s.invoer)
    doel.afleidingen[sleutel] = Afleiding(waarde, regel.naam, versie_tekst, regel.herkomst, alle, stukken)
