"""Assumptions made visible: every parameter value whose bron or toelichting says AANNAME.

A value marked AANNAME is a modelling assumption, not law or a published figure. `dekking`,
`simuleer` and the HTML report list them, so nobody quotes an assumption as a fact.

>>> from pathlib import Path
>>> aannames_in_parameters([])
[]
"""

from __future__ import annotations

from pathlib import Path

from regelspraak.inputs import yaml_source

MARKERING = "AANNAME"


def _eerste_zin(tekst: str) -> str:
    tekst = " ".join(tekst.split())
    punt = tekst.find(". ")
    return tekst if punt < 0 else tekst[:punt + 1]


def aannames_in_parameters(paden: list[Path] | tuple[Path, ...]) -> list[str]:
    """One line per parameter value marked AANNAME in the parameter files: name, period, value and
    the first sentence of its toelichting. Files that are not a mapping of parameters are skipped
    (the loader reports them)."""
    out: list[str] = []
    for pad in paden:
        data = yaml_source.read(pad).data
        parameters = data.get("parameters") if isinstance(data, dict) else None
        if not isinstance(parameters, dict):
            continue
        for naam, waarden in parameters.items():
            for w in waarden if isinstance(waarden, list) else []:
                if not isinstance(w, dict):
                    continue
                tekst = f"{w.get('bron') or ''} {w.get('toelichting') or ''}"
                if MARKERING not in tekst:
                    continue
                periode = f"{w.get('vanaf', '')} t/m {w.get('tot_en_met', '')}".strip()
                uitleg = _eerste_zin(str(w.get("toelichting") or w.get("bron") or ""))
                out.append(f"{MARKERING} parameter '{naam}' ({periode}) = {w.get('waarde')}: {uitleg}")
    return out
