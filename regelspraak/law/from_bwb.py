"""BWB toestand XML (wetten.overheid.nl) → `Wet`.

Parsed with the standard library's expat, which gives the line of every element; a document
type declaration is refused outright, so no entity can expand (law files are untrusted input).

>>> xml = b'''<toestand bwb-id="BWBR0000001" inwerkingtreding="2025-01-01"><wetgeving>
... <citeertitel>Wet voorbeeld</citeertitel><wet-besluit><wettekst>
... <artikel label="Artikel 1" status="goed"><kop><label>Artikel</label><nr>1</nr></kop>
... <lid><lidnr>1</lidnr><al>De toeslag bedraagt 24 euro.</al></lid></artikel>
... </wettekst></wet-besluit></wetgeving></toestand>'''
>>> wet, diags = parse_bwb(xml, "voorbeeld.xml")
>>> lid = wet.vind("1", "1")
>>> lid.id, lid.tekst, str(lid.span)
('jci1.3:c:BWBR0000001&artikel=1&lid=1', 'De toeslag bedraagt 24 euro.', 'voorbeeld.xml:4:1')
>>> parse_bwb(b"<toestand><wetgeving>", "kapot.xml")[1][0].code
'RS011'
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal
from xml.parsers import expat

from regelspraak.diagnostics import Diagnostic, Ernst
from regelspraak.law.tree import BwbSleutel, Soort, Status, Verwijzing, Wet, WetNode, normaliseer_jci
from regelspraak.origin import Herkomst, Span

MAX_DIEPTE = 100  # real BWB nests 15-17 deep; far deeper is an attack on the recursion below

_STRUCTUUR: dict[str, Soort] = {
    "boek": "boek", "deel": "deel", "hoofdstuk": "hoofdstuk", "titeldeel": "titel", "titel": "titel",
    "afdeling": "afdeling", "paragraaf": "paragraaf", "sub-paragraaf": "subparagraaf", "divisie": "divisie",
    "bijlage": "bijlage",
}
_TEKSTROMP = ("wettekst", "regeling-tekst", "circulaire-tekst", "verdragtekst")
_VERVALLEN = re.compile(r"\[?\s*vervallen\s*\.?\]?\s*[.;]?", re.I)
_NOG_NIET = re.compile(r".*nog niet in ?werking getreden\.?", re.I)
_BWB_ID = re.compile(r"BWB[RVW]\d{7}")


class _El:
    """A parsed element: just enough DOM, with the line of its start tag."""

    __slots__ = ("attrs", "inhoud", "kolom", "regel", "tag")

    def __init__(self, tag: str, attrs: dict[str, str], regel: int, kolom: int) -> None:
        self.tag, self.attrs, self.regel, self.kolom = tag, attrs, regel, kolom
        self.inhoud: list[_El | str] = []

    def kind(self, tag: str) -> _El | None:
        return next((c for c in self.inhoud if isinstance(c, _El) and c.tag == tag), None)

    def tekst(self) -> str:
        return "".join(c if isinstance(c, str) else c.tekst() for c in self.inhoud if not _is_meta(c))


class _Fout(Exception):
    def __init__(self, code: str, bericht: str, regel: int, kolom: int = 1) -> None:
        super().__init__(bericht)
        self.code, self.bericht, self.regel, self.kolom = code, bericht, regel, kolom


def parse_bwb(data: bytes, bestand: str) -> tuple[Wet | None, list[Diagnostic]]:
    """Read a BWB toestand. Unusable input gives (None, [diagnostic with file:line])."""
    try:
        root = _parse_xml(data)
        return _wet(root, bestand), []
    except _Fout as e:
        plek = Herkomst(Span(bestand, e.regel, e.kolom))
        return None, [Diagnostic(e.code, Ernst.FOUT, e.bericht, plek, _HULP.get(e.code))]


_HULP = {
    "RS011": "controleer of het bestand volledig is gedownload van wetten.overheid.nl",
    "RS012": "BWB-bestanden bevatten geen DOCTYPE; verwijder de declaratie",
    "RS013": "verwacht een BWB-toestand (<toestand bwb-id=\"BWBR…\">) met een <wettekst>",
}
# Dutch for the expat errors that real broken files give; anything else keeps expat's wording.
_EXPAT_NL = {
    expat.errors.XML_ERROR_NO_ELEMENTS: "het XML-document houdt onverwacht op (afgekapt bestand?)",
    expat.errors.XML_ERROR_UNCLOSED_TOKEN: "het XML-document houdt onverwacht op (afgekapt bestand?)",
    expat.errors.XML_ERROR_TAG_MISMATCH: "sluitlabel past niet bij het openingslabel",
    expat.errors.XML_ERROR_INVALID_TOKEN: "ongeldig teken in XML",
    expat.errors.XML_ERROR_SYNTAX: "syntaxfout in XML",
    expat.errors.XML_ERROR_JUNK_AFTER_DOC_ELEMENT: "tekst na het einde van het XML-document",
    expat.errors.XML_ERROR_UNDEFINED_ENTITY: "onbekende entiteit",
    expat.errors.XML_ERROR_BAD_CHAR_REF: "ongeldige tekenverwijzing",
    expat.errors.XML_ERROR_UNKNOWN_ENCODING: "onbekende tekenset",
    expat.errors.XML_ERROR_INCORRECT_ENCODING: "tekenset klopt niet met de inhoud",
}


def _parse_xml(data: bytes) -> _El:
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[_El] = []
    result: list[_El] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        el = _El(tag, attrs, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
        if stack:
            stack[-1].inhoud.append(el)
        else:
            result.append(el)
        stack.append(el)
        if len(stack) > MAX_DIEPTE:
            raise _Fout("RS009", f"XML is dieper genest dan {MAX_DIEPTE} niveaus", el.regel, el.kolom)

    def end(_tag: str) -> None:
        stack.pop()

    def text(s: str) -> None:
        if stack:
            stack[-1].inhoud.append(s)

    def doctype(*_args: object) -> None:
        # A DOCTYPE is where entities are declared (billion laughs, external files); BWB has none.
        raise _Fout("RS012", "DOCTYPE-declaratie in wettekst is niet toegestaan",
                    parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    try:
        parser.Parse(data, True)
    except expat.ExpatError as e:
        engels = expat.errors.messages[e.code]
        bericht = _EXPAT_NL.get(engels, f"ongeldige XML ({engels})")
        raise _Fout("RS011", f"Ongeldige XML: {bericht}", e.lineno, e.offset + 1) from None
    except (LookupError, UnicodeError) as e:
        # expat asks Python for encodings it does not know itself ('encoding="U-F-8"').
        raise _Fout("RS011", f"Ongeldige XML: onbekende of onjuiste tekenset ({e})", 1) from None
    return result[0]


def _wet(root: _El, bestand: str) -> Wet:
    bwb = root.attrs.get("bwb-id", "")
    if root.tag != "toestand" or not _BWB_ID.fullmatch(bwb):
        raise _Fout("RS013", f"Geen BWB-toestand: hoofdelement <{root.tag}> zonder geldig bwb-id", root.regel)
    wetgeving = root.kind("wetgeving") or root
    romp = next((e for e in _alle(wetgeving) if e.tag in _TEKSTROMP), None)
    if romp is None:
        raise _Fout("RS013", "Geen BWB-wettekst: het document bevat geen <wettekst>", root.regel)
    toestand = _datum(root.attrs.get("inwerkingtreding"))
    citeer = wetgeving.kind("citeertitel")
    intitule = wetgeving.kind("intitule")
    citeertitel = _norm(citeer.tekst()) if citeer is not None else None
    titel = _norm(intitule.tekst()) if intitule is not None else (citeertitel or bwb)
    basis = f"jci1.3:c:{bwb}"
    lezer = _Lezer(bestand, basis, toestand)
    bijlagen = [e for e in _alle(wetgeving) if e.tag == "bijlage"]
    kinderen = tuple(lezer.knoop(c, basis, Status()) for c in [*_elementen(romp), *bijlagen]
                     if c.tag in _STRUCTUUR or c.tag == "artikel")
    wet_node = WetNode("wet", None, citeertitel or titel, basis, kinderen=kinderen,
                       span=Span(bestand, root.regel, root.kolom),
                       status=Status(bevat_afbeelding=any(k.status.bevat_afbeelding for k in kinderen)),
                       inwerking=toestand)
    return Wet(bwb, titel, citeertitel, toestand, wet_node, bestand)


class _Lezer:
    """Turns elements into nodes; remembers ids given out, so that a second article with the same
    number gets a '*' as JuriConnect does when the file itself does not say."""

    def __init__(self, bestand: str, basis: str, toestand: date | None) -> None:
        self.bestand, self.basis, self.toestand = bestand, basis, toestand
        self.gebruikt: set[str] = set()

    def knoop(self, el: _El, ouder_id: str, geerfd: Status) -> WetNode:
        soort, nummer, label, titel = self._kop(el)
        jci = _eigen_jci(el)
        if jci is not None:
            node_id = normaliseer_jci(jci)
        elif nummer is None:
            node_id = ouder_id  # a bullet: JuriConnect cannot address it
        else:
            voorvoegsel = self.basis if soort == "artikel" else ouder_id
            node_id = f"{voorvoegsel}&{'o' if soort == 'onderdeel' else soort}={nummer}"
            while node_id in self.gebruikt:
                node_id += "*"
        self.gebruikt.add(node_id)
        inwerking = _datum(el.attrs.get("inwerking"))
        status = Status(
            vervallen=geerfd.vervallen or el.attrs.get("status") == "vervallen",
            niet_in_werking=geerfd.niet_in_werking or el.attrs.get("status") == "nogniet"
            or (inwerking is not None and self.toestand is not None and inwerking > self.toestand),
        )
        alineas: list[str] = []
        verwijzingen: list[Verwijzing] = []
        kinderen: list[WetNode] = []
        inline_afbeeldingen: list[str] = []
        for c in _elementen(el):
            if c.tag in ("al", "redactie", "tussenkop"):
                alineas.append(_norm(_tekst_met_verwijzingen(c, verwijzingen, inline_afbeeldingen)))
            elif c.tag in ("lid", "li", "artikel") or c.tag in _STRUCTUUR:
                kinderen.append(self.knoop(c, node_id, status))
            elif c.tag == "lijst":
                kinderen.extend(self.knoop(li, node_id, status) for li in _elementen(c) if li.tag == "li")
            elif c.tag in ("plaatje", "illustratie"):
                kinderen.append(self._plaatje(c, node_id))
            elif c.tag == "table":
                kinderen.append(self._tabel(c, node_id))
        tekst = "\n".join(a for a in alineas if a)
        if tekst and not kinderen:
            # A lid or item whose whole text is the editor's note 'Vervallen.' has lapsed.
            status = Status(status.vervallen or bool(_VERVALLEN.fullmatch(tekst)),
                            status.niet_in_werking or bool(_NOG_NIET.fullmatch(tekst)))
        afbeelding = bool(inline_afbeeldingen) or any(k.status.bevat_afbeelding for k in kinderen)
        return WetNode(
            soort, nummer, label, node_id, tekst, tuple(kinderen), tuple(verwijzingen),
            Span(self.bestand, el.regel, el.kolom),
            Status(status.vervallen, status.niet_in_werking, afbeelding), titel,
            _sleutel(el), inwerking, el.attrs.get("bron"),
        )

    def _kop(self, el: _El) -> tuple[Soort, str | None, str, str | None]:
        if el.tag == "lid":
            nr = _norm(_kind_tekst(el, "lidnr"))
            return "lid", nr, f"{nr}.", None
        if el.tag == "li":
            printed = _norm(_kind_tekst(el, "li.nr"))
            kaal = printed.strip("().°")
            # '•' and '-' are bullets, not numbers: such an item has no id of its own.
            return "onderdeel", kaal if re.fullmatch(r"\w+\*?", kaal) else None, printed, None
        kop = el.kind("kop")
        nr = _norm(_kind_tekst(kop, "nr")) if kop is not None else ""
        titel = _norm(_kind_tekst(kop, "titel")) if kop is not None else ""
        soort: Soort = "artikel" if el.tag == "artikel" else _STRUCTUUR[el.tag]
        woord = _norm(_kind_tekst(kop, "label")) if kop is not None else ""
        label = el.attrs.get("label") or f"{woord or soort.capitalize()} {nr}".strip()
        return soort, nr.rstrip(".") or None, label, titel or None

    def _plaatje(self, el: _El, ouder_id: str) -> WetNode:
        ill = el if el.tag == "illustratie" else el.kind("illustratie")
        naam = ill.attrs.get("naam", "") if ill is not None else ""
        return WetNode("plaatje", None, "afbeelding", ouder_id, f"[afbeelding {naam}]".replace(" ]", "]"),
                       span=Span(self.bestand, el.regel, el.kolom), status=Status(bevat_afbeelding=True))

    def _tabel(self, el: _El, ouder_id: str) -> WetNode:
        rijen = [" | ".join(_norm(cel.tekst()) for cel in _elementen(rij) if cel.tag == "entry")
                 for rij in _alle(el) if rij.tag == "row"]
        plek = Span(self.bestand, el.regel, el.kolom)
        return WetNode("tabel", None, "tabel", ouder_id, "\n".join(rijen), span=plek)


def _tekst_met_verwijzingen(el: _El, verwijzingen: list[Verwijzing], afbeeldingen: list[str]) -> str:
    """The text of an alinea; references go to `verwijzingen`, inline pictures to `afbeeldingen`."""
    delen: list[str] = []
    for c in el.inhoud:
        if isinstance(c, str):
            delen.append(c)
        elif c.tag in ("intref", "extref"):
            tekst = _norm(c.tekst())
            doc = c.attrs.get("doc", "")
            doel = normaliseer_jci(doc) if doc.startswith("jci") else (doc or None)
            soort: Literal["intref", "extref"] = "intref" if c.tag == "intref" else "extref"
            bwb, label_id = c.attrs.get("bwb-id"), c.attrs.get("label-id")
            verwijzingen.append(Verwijzing(soort, doel, tekst, bwb, label_id))
            delen.append(tekst)
        elif c.tag == "illustratie":
            afbeeldingen.append(c.attrs.get("naam", ""))
            delen.append(f"[afbeelding {c.attrs.get('naam', '')}]")
        elif not _is_meta(c):
            delen.append(_tekst_met_verwijzingen(c, verwijzingen, afbeeldingen))
    return "".join(delen)


def _eigen_jci(el: _El) -> str | None:
    meta = el.kind("meta-data")
    jcis = meta.kind("jcis") if meta is not None else None
    if jcis is None:
        return None
    return next((j.attrs["verwijzing"] for j in _elementen(jcis)
                 if j.attrs.get("versie") == "1.3" and "verwijzing" in j.attrs), None)


def _sleutel(el: _El) -> BwbSleutel | None:
    a = el.attrs
    if "label-id" not in a and "bwb-ng-variabel-deel" not in a:
        return None
    return BwbSleutel(a.get("label-id"), a.get("stam-id"), a.get("versie-id"), a.get("bwb-ng-variabel-deel"))


def _elementen(el: _El) -> list[_El]:
    return [c for c in el.inhoud if isinstance(c, _El)]


def _alle(el: _El) -> list[_El]:
    """All descendants in document order (iteratively: depth is bounded, but recursion need not be)."""
    out: list[_El] = []
    stack = list(reversed(_elementen(el)))
    while stack:
        c = stack.pop()
        out.append(c)
        stack.extend(reversed(_elementen(c)))
    return out


def _kind_tekst(el: _El | None, tag: str) -> str:
    kind = el.kind(tag) if el is not None else None
    return kind.tekst() if kind is not None else ""


def _is_meta(c: _El | str) -> bool:
    return isinstance(c, _El) and c.tag == "meta-data"


def _norm(s: str) -> str:
    return " ".join(s.split())


def _datum(s: str | None) -> date | None:
    try:
        return date.fromisoformat(s) if s else None
    except ValueError:
        return None
