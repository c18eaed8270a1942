"""The findings a bill adds, removes, worsens or improves: the gate `vergelijk --streng` applies.

A finding keeps its id across versions when it is about the same thing (code, kind, rules,
output, input — not amounts). A kept finding whose size grows — a larger jump or gain, a higher
rate, a wider range — is *verslechterd* and fails the gate like a new one; one that shrinks is
*verbeterd*.

>>> from regelspraak.analyses.findings import Finding, Oordeel
>>> from regelspraak.diagnostics import Ernst
>>> oud = Finding("RS402", "klif", Ernst.WAARSCHUWING, "Klif.", Oordeel.TEGENVOORBEELD, sleutel="k", bedrag="24")
>>> nieuw = Finding("RS402", "klif", Ernst.WAARSCHUWING, "Klif.", Oordeel.TEGENVOORBEELD, sleutel="k", bedrag="100")
>>> v = vergelijk([oud], [nieuw])
>>> [len(v.nieuw), len(v.verslechterd), v.zakt]
[0, 1, True]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from regelspraak.analyses.findings import Finding, telt
from regelspraak.values.notation import parse_getal


def _getal(v: object) -> Fraction | None:
    if v is None:
        return None
    try:
        return parse_getal(str(v))[0]
    except (ValueError, TypeError, ZeroDivisionError):
        return None


def grootte(f: Finding) -> dict[str, Fraction]:
    """The sizes of a finding that can grow: amount, rate, width of its range, dominated range."""
    out: dict[str, Fraction] = {}
    d = f.details
    for naam, waarde in (("bedrag", f.bedrag), ("tarief", d.get("tarief")),
                         ("gedomineerd_bereik", d.get("gedomineerd_bereik"))):
        g = _getal(waarde)
        if g is not None:
            out[naam] = abs(g)
    van, tot = _getal(d.get("van")), _getal(d.get("tot"))
    if van is not None and tot is not None:
        out["breedte"] = tot - van
    return out


@dataclass
class Vergelijking:
    nieuw: list[Finding] = field(default_factory=list)
    vervallen: list[Finding] = field(default_factory=list)
    gebleven: list[Finding] = field(default_factory=list)
    verslechterd: list[tuple[Finding, Finding]] = field(default_factory=list)  # (oud, nieuw)
    verbeterd: list[tuple[Finding, Finding]] = field(default_factory=list)

    @property
    def poort(self) -> list[Finding]:
        """What fails `--streng`: new and worsened findings that count."""
        return [f for f in self.nieuw if telt(f)] + [n for _, n in self.verslechterd if telt(n)]

    @property
    def zakt(self) -> bool:
        return bool(self.poort)

    def samenvatting(self) -> str:
        """One line whose numbers are exactly what the exit code of `--streng` rests on."""
        nieuw = sum(1 for f in self.nieuw if telt(f))
        slechter = sum(1 for _, f in self.verslechterd if telt(f))
        notities = len(self.nieuw) - nieuw
        tekst = (f"{nieuw} nieuwe en {slechter} verslechterde bevinding(en), {len(self.verbeterd)} verbeterd, "
                 f"{len(self.vervallen)} vervallen")
        return tekst + (f" (en {notities} nieuwe notitie(s) die niet tellen)" if notities else "")


def vergelijk(oud: list[Finding], nieuw: list[Finding]) -> Vergelijking:
    per_oud = {f.id: f for f in oud}
    ids_nieuw = {f.id for f in nieuw}
    v = Vergelijking(vervallen=[f for f in oud if f.id not in ids_nieuw])
    for f in nieuw:
        o = per_oud.get(f.id)
        if o is None:
            v.nieuw.append(f)
            continue
        g_oud, g_nieuw = grootte(o), grootte(f)
        groter = any(g_nieuw[k] > g_oud[k] for k in g_nieuw if k in g_oud)
        kleiner = any(g_nieuw[k] < g_oud[k] for k in g_nieuw if k in g_oud)
        if groter:
            v.verslechterd.append((o, f))
        elif kleiner:
            v.verbeterd.append((o, f))
        else:
            v.gebleven.append(f)
    return v
