"""A law tree into a draft RegelSpraak model: the first step from law text towards rules.

Everything generated carries its bron. Definitions become declared attributes (with the defining
text as a comment), amounts/percentages/dates become Parameters with their literal value in a
dated parameter file, normative sentences become rule skeletons marked `// TE FORMALISEREN`
(the checker lists them as RS603 until someone writes the rule), and references become a
dependency listing. The output parses with `controleer`: skeletons give warnings, not errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from regelspraak.law import extract
from regelspraak.law.tree import Wet, WetNode
from regelspraak.values.notation import format_getal

_BEDRAG_WOORDEN = ("inkomen", "premie", "bedrag", "vermogen", "grondslag", "toeslag", "loon", "uitkering")


@dataclass(frozen=True)
class Ontwerp:
    rgs: str
    parameters_yaml: str
    aantallen: dict[str, int]


def _bron(wet: Wet, node_id: str) -> str:
    node = wet.vind_id(node_id)
    if wet.bwb is not None and node_id.startswith("jci"):
        return node_id
    return wet.ref(node).citeer() if node is not None else node_id


def _comment(tekst: str, indent: str, breedte: int = 100) -> list[str]:
    woorden = " ".join(tekst.split()).split(" ")
    lines: list[str] = []
    cur = ""
    for w in woorden:
        if len(cur) + len(w) + 1 > breedte and cur:
            lines.append(f"{indent}// {cur}")
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    if cur:
        lines.append(f"{indent}// {cur}")
    return lines


def _naam(tekst: str) -> str:
    """A declarable name: letters, digits and spaces only (names must survive the lexer)."""
    t = re.sub(r"[^\w\s-]", " ", tekst.lower())
    return " ".join(t.split())[:80] or "begrip"


def _label(wet: Wet, node_id: str) -> str:
    node: WetNode | None = wet.vind_id(node_id)
    if node is None:
        return node_id
    ref = wet.ref(node)
    parts = [f"artikel {ref.artikel}"] if ref.artikel else []
    if ref.lid:
        parts.append(f"lid {ref.lid}")
    if ref.onderdeel:
        parts.append(f"onderdeel {ref.onderdeel.replace('.', ' ')}")
    return " ".join(parts) or node.label


def _lidwoorden(wet: Wet) -> dict[str, str]:
    """How the law itself writes each noun: 'het' or 'de', by which it uses more often before the
    word ('het college', 'het kind', 'de aanvrager'). A term the law never writes with an article
    gets 'de', the more common one."""
    telling: dict[tuple[str, str], int] = {}
    for node in wet.knopen():
        for lw, woord in re.findall(r"\b(de|het)\s+([\w-]+)", (node.tekst or "").lower()):
            telling[(woord, lw)] = telling.get((woord, lw), 0) + 1
    ander = {"de": "het", "het": "de"}
    return {woord: lw for (woord, lw), n in telling.items() if n > telling.get((woord, ander[lw]), 0)}


def _lidwoord(naam: str, lidwoorden: dict[str, str]) -> tuple[str, str]:
    """The article of a name, by its first word ('college van burgemeester en wethouders'), and the
    name without an article of its own ('de standaardpremie' is defined as such in some laws)."""
    eerste, _, rest = naam.partition(" ")
    if eerste in ("de", "het") and rest:
        return eerste, rest
    return lidwoorden.get(eerste, "de"), naam


def _inwerking(wet: Wet, node_id: str, standaard: date) -> date:
    """The date the provision itself took effect (its own, or its nearest enclosing node's), else
    `standaard` (the law version's date)."""
    node: WetNode | None = wet.vind_id(node_id)
    while node is not None:
        if node.inwerking is not None:
            return node.inwerking
        node = wet.ouder(node)
    return standaard


def ontwerp(wet: Wet) -> Ontwerp:
    """The draft model text and its parameter file for one law."""
    titel = wet.citeertitel or wet.titel
    toestand = wet.toestand or date.today()
    out: list[str] = [
        f"// Ontwerp-model voor {titel}, gegenereerd door `regelspraak ontleed` uit {wet.bestand}",
        f"// (toestand {toestand:%d-%m-%Y}). Elk element draagt zijn bron; '// TE FORMALISEREN' markeert",
        "// wat nog met de hand moet worden uitgeschreven. Typen van begrippen zijn een eerste gok.",
        "",
        "Objecttype de Belanghebbende (mv: Belanghebbenden) (bezield)",
        f"\tbron: {_bron(wet, wet.root.id)}" if wet.bwb else "\tbron: geen — ontwerp zonder BWB-id",
    ]
    gezien: set[str] = set()
    lidwoorden = _lidwoorden(wet)
    definities = extract.definities(wet)
    for d in definities:
        lidwoord, naam = _lidwoord(_naam(d.term), lidwoorden)
        if naam in gezien:
            continue
        gezien.add(naam)
        out += _comment(f"{d.term}: {d.tekst}", "\t")
        soort = ("Numeriek (getal met 2 decimalen) met eenheid €" if any(w in naam for w in _BEDRAG_WOORDEN)
                 else "Tekst")
        out += [f"\t{lidwoord} {naam}\t{soort};", f"\t\tbron: {_bron(wet, d.node_id)}"]
    out.append("")
    params: list[str] = ["# Parameterwaarden uit de wettekst, gegenereerd door `regelspraak ontleed`.",
                         "parameters:"]
    waarden = extract.waarden(wet)
    teller: dict[str, int] = {}
    for w in waarden:
        soort = {"euro": "bedrag", "procent": "percentage", "datum": "datum"}[w.eenheid]
        basis = _naam(f"{soort} uit {_label(wet, w.node_id)}")
        teller[basis] = teller.get(basis, 0) + 1
        naam = f"{basis} nummer {teller[basis]}" if teller[basis] > 1 else basis
        if w.eenheid == "euro":
            typ = "Numeriek (getal met 2 decimalen) met eenheid €"
        elif w.eenheid == "procent":
            typ = "Percentage (getal met 3 decimalen)"
        else:
            typ = "Datum in dagen"
        lidwoord = "de" if w.eenheid == "datum" else "het"
        out += [f"// {w.letterlijk} in {_label(wet, w.node_id)}", f"Parameter {lidwoord} {naam} : {typ}",
                f"\tbron: {_bron(wet, w.node_id)}"]
        if isinstance(w.waarde, Fraction):
            lit = f'"{format_getal(w.waarde)}{"%" if w.eenheid == "procent" else ""}"'
        else:
            lit = w.waarde.isoformat()
        vanaf = _inwerking(wet, w.node_id, toestand)
        params += [f"  {naam}:", f"    - waarde: {lit}", f"      vanaf: {vanaf.isoformat()}",
                   f"      bron: \"{_bron(wet, w.node_id)}\"", f"      toelichting: \"{w.letterlijk}\""]
    if not waarden:
        params[-1] = "parameters: {}"
    out.append("")
    normen = extract.normen(wet)
    for i, nrm in enumerate(normen, start=1):
        out += [f"Regel {_label(wet, nrm.node_id)} norm {i}", f"\tbron: {_bron(wet, nrm.node_id)}",
                f"\tgeldig vanaf {_inwerking(wet, nrm.node_id, toestand):%d-%m-%Y}", "\t\t// TE FORMALISEREN "
                f"({', '.join(nrm.patronen)})"]
        if nrm.voorwaarde:
            out += _comment(f"voorwaarde: {nrm.voorwaarde}", "\t\t")
        out += _comment(f"gevolg: {nrm.gevolg}", "\t\t")
        out.append("")
    # Each reference once: a lid that cites the same article twice depends on it once.
    refs = list(dict.fromkeys((_label(wet, van), " ".join(v.tekst.split())[:90], v.doel or v.bwb or "?")
                              for van, v in extract.verwijzingen(wet)))
    if refs:
        out.append("// Verwijzingen (afhankelijkheden):")
        for van_label, tekst, doel in refs:
            out.append(f"//   {van_label} -> {tekst} [{doel}]")
    return Ontwerp("\n".join(out) + "\n", "\n".join(params) + "\n",
                   {"definities": len(gezien), "parameters": len(waarden), "regelskeletten": len(normen),
                    "verwijzingen": len(refs)})
