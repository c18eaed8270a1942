"""Plain structured text (a draft as it is typed) → `Wet`, keeping every node's line number.

Layout: a title line; optional header lines `BWB: BWBR…`, `Geldig vanaf: 2025-01-01`, `Bron: …`;
headings `Hoofdstuk 2 Titel`, `Afdeling 1`, `Paragraaf 2.1`, `§ 3`; articles `Artikel 7a`
(optionally followed by a title); leden `1. …` at the start of a line; list items indented
(`   a. …`, `      1°. …`), nested by indentation. Other lines continue the text above them.

>>> tekst = "Wet voorbeeld\\n\\nArtikel 1\\n1. Dit lid.\\n   a. een onderdeel;\\n3. Oeps.\\n"
>>> wet, diags = parse_tekst(tekst, "w.txt")
>>> [(n.label, str(n.span)) for n in wet.vind("1").knopen()]
[('Artikel 1', 'w.txt:3:1'), ('1.', 'w.txt:4:1'), ('a.', 'w.txt:5:4'), ('3.', 'w.txt:6:1')]
>>> [(d.code, d.ernst.value, str(d.herkomst.span)) for d in diags]
[('RS015', 'waarschuwing', 'w.txt:6:1')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

from regelspraak.diagnostics import Diagnostic, Ernst
from regelspraak.law.known_laws import known_law
from regelspraak.law.references import verwijzingen
from regelspraak.law.tree import Soort, Status, Wet, WetNode
from regelspraak.origin import Herkomst, Span, split_regels

MAX_DIEPTE = 20  # list nesting; real law goes four deep
# Separators that str.splitlines() would end a line at, but editors do not: lines (and so the line
# numbers in diagnostics) end at \n, \r\n and \r only. Inside a line they read as a space, as the
# soft line break (U+2028, or \v from a word processor) they are in the text.
_ANDERE_SCHEIDING = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Characters that take no room: a zero-width space, joiner or BOM pasted before "Artikel 3" would
# hide the heading, folding that article into the one before it. They carry no meaning in a law.
_ONZICHTBAAR = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")

_KOPSOORT: dict[str, Soort] = {
    "boek": "boek", "deel": "deel", "hoofdstuk": "hoofdstuk", "titel": "titel", "afdeling": "afdeling",
    "paragraaf": "paragraaf", "§": "paragraaf", "subparagraaf": "subparagraaf",
}
_RANG: dict[str, int] = {"boek": 0, "deel": 1, "hoofdstuk": 2, "titel": 3, "afdeling": 4, "paragraaf": 5,
                         "subparagraaf": 6}
# Roman numerals only in capitals: with re.I, 'Artikel vervalt.' would be article 'vervalt'.
_NR = r"(?:[0-9]+|(?-i:[IVXLC]+))"
_KOP = re.compile(
    rf"(?P<woord>Boek|Deel|Hoofdstuk|Titel|Afdeling|Paragraaf|Subparagraaf|§)\s*(?P<nr>{_NR}[a-z]?"
    r"(?:\.[0-9]+[a-z]?)*)\.?(?:\s*[.:–-]?\s+(?P<titel>.*))?", re.I)
_ARTIKEL = re.compile(
    rf"Artikel\s+(?P<nr>{_NR}[a-z]*(?:[.:][0-9]+[a-z]*)*)\.?(?:\s*[.:–-]?\s+(?P<titel>.*))?", re.I)
_LID = re.compile(r"(?P<nr>\d+[a-z]?)\.\s+(?P<tekst>.*)")
# 'a.', 'aa.', '1.', '1°.', '1°', '(i)', 'a)', and bullets '-', '•'.
_ITEM = re.compile(
    r"(?P<ind>[ \t]+)(?P<label>(?:[a-z]{1,3}|\d+[a-z]?)\.|\d+°\.?|\((?:[a-z]{1,4}|\d+)\)"
    r"|(?:[a-z]{1,3}|\d+)\)|[-•–])\s+(?P<tekst>.*)")
_META = re.compile(r"(?P<sleutel>BWB|Geldig vanaf|Toestand|Bron|Citeertitel)\s*:\s*(?P<waarde>.*)", re.I)


@dataclass
class _Bouw:
    """A node under construction (mutable while the lines come in; frozen into a WetNode at the end)."""

    soort: Soort
    nummer: str | None
    label: str
    regel: int
    kolom: int = 1
    titel: str | None = None
    tekst: list[str] = field(default_factory=list)
    kinderen: list[_Bouw] = field(default_factory=list)


def parse_tekst(tekst: str, bestand: str) -> tuple[Wet | None, list[Diagnostic]]:
    """Read a plain-text law. Errors (no text, no articles, a duplicate article, a lid out of
    sequence) are diagnostics with file:line; with an error the Wet is still built when possible."""
    lezer = _Lezer(bestand)
    for nr, regel in enumerate(split_regels(tekst), start=1):
        lezer.regel(nr, _ONZICHTBAAR.sub("", _ANDERE_SCHEIDING.sub(" ", regel)).expandtabs(4).rstrip())
    return lezer.klaar()


@dataclass
class _Lezer:
    bestand: str
    diags: list[Diagnostic] = field(default_factory=list)
    root: _Bouw | None = None
    meta: dict[str, str] = field(default_factory=dict)
    structuur: list[_Bouw] = field(default_factory=list)
    artikel: _Bouw | None = None
    lid: _Bouw | None = None
    items: list[tuple[int, _Bouw]] = field(default_factory=list)
    laatste: _Bouw | None = None
    artikelregels: dict[str, int] = field(default_factory=dict)

    def regel(self, nr: int, regel: str) -> None:
        if not regel.strip():
            return
        if self.root is None:
            self.root = _Bouw("wet", None, regel.strip(), nr)
            return
        if self.artikel is None and not self.structuur and (m := _META.fullmatch(regel)):
            self.meta[m.group("sleutel").lower()] = m.group("waarde").strip()
        elif (m := _KOP.fullmatch(regel)) and _is_titel(m.group("titel")):
            self._kop(nr, m)
        elif (m := _ARTIKEL.fullmatch(regel)) and _is_titel(m.group("titel")):
            self._artikel(nr, m)
        elif self.artikel is not None and (m := _LID.fullmatch(regel)):
            self._lid(nr, m)
        elif self.artikel is not None and (m := _ITEM.fullmatch(regel)) and len(self.items) < MAX_DIEPTE:
            self._item(nr, m)
        else:
            doel = self.laatste or self.root
            if not regel.startswith(" ") and self.items:
                doel = self.lid or self.artikel or doel  # unindented text after a list closes the list
                self.items.clear()
            doel.tekst.append(regel.strip())

    def _kop(self, nr: int, m: re.Match[str]) -> None:
        soort = _KOPSOORT[m.group("woord").lower()]
        while self.structuur and _RANG[self.structuur[-1].soort] >= _RANG[soort]:
            self.structuur.pop()
        node = _Bouw(soort, m.group("nr"), f"{m.group('woord')} {m.group('nr')}", nr, titel=m.group("titel"))
        self._ouder().kinderen.append(node)
        self.structuur.append(node)
        self.artikel = self.lid = self.laatste = None
        self.items.clear()

    def _artikel(self, nr: int, m: re.Match[str]) -> None:
        nummer = m.group("nr")
        node = _Bouw("artikel", nummer, f"Artikel {nummer}", nr, titel=m.group("titel"))
        if nummer in self.artikelregels:
            eerder = self.artikelregels[nummer]
            bericht = f"Artikel {nummer} komt twee keer voor (eerder op regel {eerder})."
            self._meld("RS016", Ernst.FOUT, nr, 1, bericht)
        self.artikelregels.setdefault(nummer, nr)
        self._ouder().kinderen.append(node)
        self.artikel = self.laatste = node
        self.lid = None
        self.items.clear()

    def _lid(self, nr: int, m: re.Match[str]) -> None:
        assert self.artikel is not None
        nummer = m.group("nr")
        vorige = [k.nummer for k in self.artikel.kinderen if k.soort == "lid" and k.nummer]
        self._controleer_lid(nr, nummer, vorige[-1] if vorige else None)
        node = _Bouw("lid", nummer, f"{nummer}.", nr, tekst=[m.group("tekst").strip()])
        self.artikel.kinderen.append(node)
        self.lid = self.laatste = node
        self.items.clear()

    def _item(self, nr: int, m: re.Match[str]) -> None:
        inspringing = len(m.group("ind"))
        while self.items and self.items[-1][0] >= inspringing:
            self.items.pop()
        ouder = self.items[-1][1] if self.items else (self.lid or self.artikel)
        assert ouder is not None
        label = m.group("label")
        kaal = label.strip("().°")
        nummer = kaal if kaal and kaal[0].isalnum() else None  # '-' and '•' are bullets, not numbers
        broers = [k.nummer for k in ouder.kinderen if k.soort == "onderdeel" and k.nummer]
        if nummer and broers and _item_sleutel(nummer) <= _item_sleutel(broers[-1]):
            bericht = f"Onderdeel {label} volgt op onderdeel {broers[-1]}; verwacht een latere letter."
            self._meld("RS018", Ernst.WAARSCHUWING, nr, inspringing + 1, bericht)
        node = _Bouw("onderdeel", nummer, label, nr, inspringing + 1, tekst=[m.group("tekst").strip()])
        ouder.kinderen.append(node)
        self.items.append((inspringing, node))
        self.laatste = node

    def _controleer_lid(self, nr: int, nummer: str, vorige: str | None) -> None:
        nieuw, oud = _lid_sleutel(nummer), _lid_sleutel(vorige) if vorige else (0, "")
        artikel = self.artikel.nummer if self.artikel else "?"
        if nieuw <= oud:
            waarom = "komt twee keer voor" if nieuw == oud else f"staat buiten volgorde: het volgt op lid {vorige}"
            self._meld("RS014", Ernst.FOUT, nr, 1, f"Lid {nummer} van artikel {artikel} {waarom}.")
        elif nieuw[0] > oud[0] + 1 or (nieuw[0] == oud[0] + 1 and nieuw[1]):
            ontbreekt = oud[0] + 1
            na = f"na lid {vorige} " if vorige else ""
            bericht = f"Lid {ontbreekt} van artikel {artikel} ontbreekt ({na}volgt lid {nummer}); vervallen?"
            self._meld("RS015", Ernst.WAARSCHUWING, nr, 1, bericht)

    def _ouder(self) -> _Bouw:
        assert self.root is not None
        return self.structuur[-1] if self.structuur else self.root

    def _meld(self, code: str, ernst: Ernst, regel: int, kolom: int, bericht: str) -> None:
        self.diags.append(Diagnostic(code, ernst, bericht, Herkomst(Span(self.bestand, regel, kolom))))

    def klaar(self) -> tuple[Wet | None, list[Diagnostic]]:
        if self.root is None:
            self._meld("RS017", Ernst.FOUT, 1, 1, "De wettekst is leeg.")
            return None, self.diags
        if not self.artikelregels:
            self._meld("RS017", Ernst.FOUT, self.root.regel, 1,
                       "Geen artikelen gevonden; een artikel begint met een regel als 'Artikel 1'.")
            return None, self.diags
        titel = self.root.label
        bwb = self.meta.get("bwb") or known_law(self.meta.get("citeertitel", titel))
        basis = f"jci1.3:c:{bwb}" if bwb else f"concept:{PurePath(self.bestand).stem}"
        root = _Bevriezer(self.bestand, basis).knoop(self.root, basis, None)
        toestand = _datum(self.meta.get("geldig vanaf") or self.meta.get("toestand"))
        root = WetNode("wet", None, titel, basis, root.tekst, root.kinderen, root.verwijzingen, root.span,
                       root.status, inwerking=toestand, publicatie=self.meta.get("bron"))
        wet = Wet(bwb, titel, self.meta.get("citeertitel", titel), toestand, root, self.bestand,
                  tuple(d for d in self.diags if not d.is_fout))
        return wet, self.diags


@dataclass
class _Bevriezer:
    bestand: str
    basis: str
    gebruikt: set[str] = field(default_factory=set)

    def knoop(self, b: _Bouw, ouder_id: str, artikel_id: str | None) -> WetNode:
        if b.soort == "wet":
            node_id = ouder_id
        elif b.nummer is None:
            node_id = ouder_id  # a bullet: not addressable
        else:
            sleutel = "o" if b.soort == "onderdeel" else b.soort
            node_id = f"{self.basis if b.soort == 'artikel' else ouder_id}&{sleutel}={b.nummer}"
            while node_id in self.gebruikt:
                node_id += "*"  # a duplicate (already reported) gets a star, as JuriConnect does
        self.gebruikt.add(node_id)
        artikel_id = node_id if b.soort == "artikel" else artikel_id
        tekst = " ".join(b.tekst)
        kinderen = tuple(self.knoop(k, node_id, artikel_id) for k in b.kinderen)
        return WetNode(b.soort, b.nummer, b.label, node_id, tekst, kinderen,
                       verwijzingen(tekst, self.basis, artikel_id) if tekst else (),
                       Span(self.bestand, b.regel, b.kolom), _status(tekst, kinderen), b.titel)


def _status(tekst: str, kinderen: tuple[WetNode, ...]) -> Status:
    vervallen = bool(re.fullmatch(r"\[?\s*vervallen\s*\.?\]?[.;]?", tekst, re.I)) and not kinderen
    return Status(vervallen=vervallen)


def _is_titel(titel: str | None) -> bool:
    """'Artikel 3 Vermogenstoets' is a heading; 'Artikel 3 is van toepassing.' is a sentence."""
    return titel is None or (len(titel) <= 120 and not titel.rstrip().endswith((".", ";", ",", ":")))


def _lid_sleutel(nummer: str) -> tuple[int, str]:
    m = re.match(r"(\d+)(.*)", nummer)
    return (int(m.group(1)), m.group(2)) if m else (0, nummer)


def _item_sleutel(nummer: str) -> tuple[int, int | str]:
    return (0, int(nummer)) if nummer.isdigit() else (len(nummer), nummer)


def _datum(s: str | None) -> date | None:
    try:
        return date.fromisoformat(s.strip()) if s else None
    except ValueError:
        return None
