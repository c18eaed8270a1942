"""The rule diff between two model folders, grouped by the article/lid each change cites, with the
law text on both sides."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from regelspraak.inputs import wet_yaml
from regelspraak.model import folder, ir
from regelspraak.origin import ArtikelRef, split_regels
from regelspraak.syntax.from_text import read_blocks
from regelspraak.syntax.lexer import normalize


@dataclass
class Wijziging:
    soort: str  # regel, beslistabel, parameter
    naam: str
    status: str  # nieuw, gewijzigd, vervallen
    oud: str | None
    nieuw: str | None
    refs: list[ArtikelRef] = field(default_factory=list)


def block_texts(map_: Path) -> dict[tuple[str, str], str]:
    """(soort, name) -> source text of every Regel/Beslistabel block in the model folder."""
    out: dict[tuple[str, str], str] = {}
    for rgs in sorted(map_.glob("*.rgs")):
        blocks, _ = read_blocks(rgs)
        lines = split_regels(rgs.read_text("utf-8"))  # numbered as read_blocks numbers them
        starts = sorted(b.kop[0] for b in blocks)
        for b in blocks:
            parts = b.kop[2].split(None, 1)
            if b.soort not in ("regel", "beslistabel") or len(parts) < 2:
                continue
            einde = next((s for s in starts if s > b.kop[0]), len(lines) + 1)
            tekst = lines[b.kop[0] - 1:einde - 1]
            while tekst and (not tekst[-1].strip() or tekst[-1].strip().startswith("//")):
                tekst.pop()
            out[(b.soort, normalize(parts[1]))] = "\n".join(tekst)
    return out


def _parameter_texts(files: folder.ModelFiles) -> dict[str, str]:
    out: dict[str, str] = {}
    for p in files.parameters:
        data: Any = yaml.safe_load(p.read_text("utf-8")) or {}
        for naam, waarden in (data.get("parameters") or {}).items():
            regels = []
            for w in waarden or []:
                periode = f"vanaf {w.get('vanaf', '…')}" + (f" t/m {w['tot_en_met']}" if w.get("tot_en_met") else "")
                regels.append(f"{w.get('waarde')} ({periode}; bron: {w.get('bron', '—')})")
            out[normalize(naam)] = "\n".join(regels)
    return out


def _refs(model: ir.Model, soort: str, naam: str) -> list[ArtikelRef]:
    if soort == "parameter":
        p = model.parameters.get(naam)
        return list(p.herkomst.bron.refs) if p is not None and p.herkomst.bron is not None else []
    r = next((r for r in model.regels if normalize(r.naam) == naam), None)
    return list(r.bron.refs) if r is not None and r.bron is not None else []


def rule_diff(oud_map: Path, nieuw_map: Path, oud: ir.Model, nieuw: ir.Model) -> list[Wijziging]:
    out: list[Wijziging] = []
    a, b = block_texts(oud_map), block_texts(nieuw_map)
    for key in sorted(set(a) | set(b)):
        soort, naam = key
        if key not in b:
            out.append(Wijziging(soort, naam, "vervallen", a[key], None, _refs(oud, soort, naam)))
        elif key not in a:
            out.append(Wijziging(soort, naam, "nieuw", None, b[key], _refs(nieuw, soort, naam)))
        elif " ".join(a[key].split()) != " ".join(b[key].split()):
            refs = _refs(nieuw, soort, naam) or _refs(oud, soort, naam)
            out.append(Wijziging(soort, naam, "gewijzigd", a[key], b[key], refs))
    pa, pb = _parameter_texts(folder.find(oud_map)), _parameter_texts(folder.find(nieuw_map))
    for naam in sorted(set(pa) | set(pb)):
        if pa.get(naam) != pb.get(naam):
            status = "nieuw" if naam not in pa else ("vervallen" if naam not in pb else "gewijzigd")
            out.append(Wijziging("parameter", naam, status, pa.get(naam), pb.get(naam),
                                 _refs(nieuw, "parameter", naam) or _refs(oud, "parameter", naam)))
    return out


def _law_text(wetten: list[wet_yaml.GeladenWet], ref: ArtikelRef) -> str | None:
    for g in wetten:
        v = g.vermelding
        namen = {normalize(v.titel), *(normalize(x) for x in v.afkortingen)}
        if (ref.bwb == v.bwb or (ref.wet is not None and normalize(ref.wet) in namen)) and ref.artikel:
            node = g.wet.vind(ref.artikel, ref.lid, ref.onderdeel)
            if node is not None:
                return node.volledige_tekst()
    return None


def _laws(map_: Path) -> list[wet_yaml.GeladenWet]:
    return wet_yaml.read_all(folder.find(map_).wetten)  # a composed model: the bases' laws too


def per_artikel(wijzigingen: list[Wijziging], oud_map: Path, nieuw_map: Path) -> list[dict[str, Any]]:
    """Changes grouped by the article/lid they cite, with the law text before and after."""
    oud_w, nieuw_w = _laws(oud_map), _laws(nieuw_map)
    groepen: dict[str, dict[str, Any]] = {}
    for w in wijzigingen:
        refs = w.refs or [ArtikelRef(tekst="zonder bron")]
        for ref in refs[:3]:
            key = ref.jci() or ref.citeer()
            g = groepen.setdefault(key, {"artikel": ref.citeer(), "jci": ref.jci(),
                                         "wettekst_oud": _law_text(oud_w, ref),
                                         "wettekst_nieuw": _law_text(nieuw_w, ref),
                                         "wijzigingen": []})
            g["wijzigingen"].append({"soort": w.soort, "naam": w.naam, "status": w.status, "oud": w.oud,
                                     "nieuw": w.nieuw})
    return list(groepen.values())

