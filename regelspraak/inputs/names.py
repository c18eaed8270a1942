"""Names in input files as the model knows them: folded (case, lidwoord), never two for one.

Input files name attributes, kenmerken and parameters as declared, case-insensitive and with
the lidwoord optional (DESIGN.md, input conventions). Two keys that fold to the same name
(`inkomen`, `Inkomen`, `het inkomen`) would overwrite each other in silence; `dubbele_namen`
reports them (RS913), naming both lines. `afgeleid` lists what rules derive, which no input may
supply (a case file, a mapping or a population column).

>>> strip_lidwoord("Het Inkomen"), strip_lidwoord("is verzekerde")
('inkomen', 'verzekerde')
"""

from __future__ import annotations

from collections.abc import Iterable

from regelspraak.diagnostics import Diagnostic
from regelspraak.inputs import yaml_source
from regelspraak.model import ir
from regelspraak.syntax.lexer import normalize


def strip_lidwoord(naam: str) -> str:
    k = normalize(naam)
    for lw in ("de ", "het ", "een ", "is ", "heeft "):
        if k.startswith(lw):
            return k[len(lw):]
    return k


def dubbele_namen(src: yaml_source.Source, pad: yaml_source.Pad, namen: Iterable[object],
                  soort: str = "naam") -> list[Diagnostic]:
    """RS913 for every key under `pad` that folds to the same name as an earlier one."""
    eerder: dict[str, str] = {}
    out: list[Diagnostic] = []
    for n in namen:
        naam = str(n)
        k = strip_lidwoord(naam)
        if k in eerder:
            e = eerder[k]
            out.append(src.fout((*pad, naam), f"'{naam}' (regel {src.line((*pad, naam))}) en '{e}' (regel "
                                f"{src.line((*pad, e))}) zijn dezelfde {soort}; de ene zou de andere stil "
                                "overschrijven.", "RS913", "Hoofdletters en een lidwoord tellen niet mee in namen; "
                                "laat één van beide weg."))
        else:
            eerder[k] = naam
    return out


def afgeleid(model: ir.Model) -> frozenset[tuple[str, str]]:
    """(objecttype key, column key) of every attribute a rule derives (an initialisation alone
    does not count: the input may give the value it starts from) and every kenmerk a rule
    assigns (`kenmerk:` + name)."""
    volledig = {w for r in model.regels for v in r.versies for res in v.resultaten
                if isinstance(res, ir.Toekenning) and not res.initialisatie for w in r.schrijft}
    alleen_init = {w for r in model.regels for v in r.versies for res in v.resultaten
                   if isinstance(res, ir.Toekenning) and res.initialisatie for w in r.schrijft}
    return frozenset(w for r in model.regels for w in r.schrijft
                     if w[1].startswith("kenmerk:") or w in volledig or w not in alleen_init)
