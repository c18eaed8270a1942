""".rgs text into syntax trees, for a whole model at once.

Names are global across the files of a model and may be used before they are declared, so
parsing runs in two passes: first every file's declarations (which give the lexicon of
names), then every rule sentence with that lexicon.

>>> from pathlib import Path
>>> import tempfile
>>> d = Path(tempfile.mkdtemp()); p = d / "m.rgs"
>>> _ = p.write_text("Objecttype de Persoon\\n\\tde leeftijd\\tNumeriek (geheel getal) met eenheid jr;\\n", "utf-8")
>>> files, diags = parse_files([p])
>>> files[0].declaraties[0].attributen[0].naam, diags
('leeftijd', [])
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from regelspraak.diagnostics import Diagnostic, Ernst
from regelspraak.law.citation import parse_bron
from regelspraak.origin import Bron, Herkomst, Span, regel_van_byte, split_regels
from regelspraak.reading import Leesfout, lees_bytes
from regelspraak.syntax import declarations as decl
from regelspraak.syntax import dimensie_namen
from regelspraak.syntax import nodes as n
from regelspraak.syntax.lexer import Lexicon, Regel, normalize
from regelspraak.syntax.sentences import SentenceError, andere_lezingen, parse_sentence
from regelspraak.values.units import Eenheden, EenheidDeclaratie, EenheidFout

MAX_BESTAND = 4 * 1024 * 1024  # bytes; a model file is text written by people
MAX_REGELS = 200_000

_HEADERS = (
    ("wederkerig feittype", "feittype"), ("objecttype", "objecttype"), ("domein", "domein"),
    ("eenheidsysteem", "eenheidsysteem"), ("parameter", "parameter"), ("feittype", "feittype"),
    ("regel", "regel"), ("beslistabel", "beslistabel"), ("regelgroep", "onbekend"), ("dimensie", "dimensie"),
    ("dagsoort", "dagsoort"),
)
BRON_REGEL = re.compile(r"bron\s*:\s*(?P<tekst>.*)$", re.IGNORECASE)
GELDIG_REGEL = re.compile(r"geldig\b\s*(?P<rest>.*)$", re.IGNORECASE)
_DAARBIJ = re.compile(r"daarbij\s+geldt\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_DATUM = re.compile(r"(?:dd\.\s*)?(\d{1,2})-(\d{1,2})-(\d{4})$|(\d{4})$", re.IGNORECASE)


@dataclass
class Block:
    soort: str
    bestand: str
    kop: tuple[int, int, str]  # line, column, text
    regels: list[tuple[int, int, str]] = field(default_factory=list)
    te_formaliseren: list[int] = field(default_factory=list)  # lines with a `// TE FORMALISEREN` marker

    def span(self) -> Span:
        return Span(self.bestand, self.kop[0], self.kop[1])


def _strip_comment(line: str) -> str:
    """Remove a `//` comment that is not inside quotes."""
    if "//" not in line:
        return line
    quote: str | None = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote or (quote == "‘" and ch == "’") or (quote == "“" and ch == "”"):
                quote = None
        elif ch in "'\"‘“":
            quote = ch
        elif ch == "/" and line.startswith("//", i):
            # `http://` inside a bron is not a comment.
            if i > 0 and line[i - 1] == ":":
                continue
            return line[:i]
    return line


def read_blocks(pad: Path) -> tuple[list[Block], list[Diagnostic]]:
    naam = str(pad)
    try:
        raw = lees_bytes(pad, MAX_BESTAND)
    except Leesfout as e:
        return [], [Diagnostic("RS009" if e.te_groot else "RS001", Ernst.FOUT, f"Kan bestand niet lezen: {e.bericht}.",
                               _h(Span(naam, 1, 1)))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        regel_nr = regel_van_byte(raw, e.start)
        return [], [Diagnostic("RS001", Ernst.FOUT, "Bestand is geen geldige UTF-8-tekst.",
                               _h(Span(naam, regel_nr, 1)))]
    if "\x00" in text:
        return [], [Diagnostic("RS001", Ernst.FOUT, "Bestand bevat binaire gegevens (NUL-teken).",
                               _h(Span(naam, 1, 1)))]
    # Authors' editors produce decomposed accents ("E" + U+0301); names must compare equal. Lines end
    # at \n, \r\n and \r only (not at U+2028 and the like), so line numbers are the editor's.
    lines = split_regels(unicodedata.normalize("NFC", text))
    if len(lines) > MAX_REGELS:
        return [], [Diagnostic("RS009", Ernst.FOUT, f"Bestand heeft te veel regels (maximaal {MAX_REGELS}).",
                               _h(Span(naam, 1, 1)))]
    blocks: list[Block] = []
    diags: list[Diagnostic] = []
    for i, raw_line in enumerate(lines, start=1):
        line = _strip_comment(raw_line).rstrip()
        stripped = line.lstrip()
        if "TE FORMALISEREN" in raw_line[len(line):] and blocks:
            blocks[-1].te_formaliseren.append(i)
        if not stripped:
            continue
        col = len(line) - len(stripped) + 1
        low = stripped.lower()
        soort = next((s for kw, s in _HEADERS if low.startswith(kw + " ") or low.startswith(kw + "\t")
                      or low == kw), None)
        # Only the exact keyword followed by white space starts a block ("Regelmatig …" does not).
        if soort is not None:
            blocks.append(Block(soort, naam, (i, col, stripped)))
            if soort == "onbekend":
                diags.append(Diagnostic("RS008", Ernst.FOUT, f"'{stripped.split()[0]}' wordt nog niet ondersteund.",
                                        _h(Span(naam, i, col))))
        elif blocks:
            blocks[-1].regels.append((i, col, stripped))
        else:
            diags.append(Diagnostic("RS004", Ernst.FOUT, "Tekst buiten een declaratie of regel.",
                                    _h(Span(naam, i, col)),
                                    hulp="Een model bestaat uit Objecttype, Domein, Eenheidsysteem, Parameter, "
                                         "Feittype, Regel en Beslistabel; commentaar begint met //."))
    if not blocks and not diags:
        # An empty file is valid syntax, but "0 fouten" would suggest something was checked; a file
        # truncated by an editor or a wrong path into an empty file should be visible.
        diags.append(Diagnostic("RS040", Ernst.WAARSCHUWING,
                                "Bestand bevat geen declaraties of regels; er is niets gecontroleerd.",
                                _h(Span(naam, 1, 1))))
    return blocks, diags


def _h(span: Span) -> Herkomst:
    return Herkomst(span)


class ModelBlokken:
    """State of one parse: diagnostics, the unit registry and the names seen."""

    def __init__(self) -> None:
        self.diags: list[Diagnostic] = []
        self.eenheden = Eenheden()

    def fout(self, code: str, bericht: str, span: Span, hulp: str | None = None) -> None:
        self.diags.append(Diagnostic(code, Ernst.FOUT, bericht, _h(span), hulp))

    def bron(self, tekst: str, span: Span) -> Bron | None:
        bron, diags = parse_bron(tekst, span)
        self.diags.extend(diags)
        return bron

    def is_unit(self, text: str) -> bool:
        try:
            self.eenheden.parse(text)
        except EenheidFout:
            return False
        return True


def parse_files(paden: list[Path]) -> tuple[list[n.Bestand], list[Diagnostic]]:
    """Parse the files of one model; diagnostics for everything that could not be read."""
    st = ModelBlokken()
    per_file: list[tuple[str, list[Block]]] = []
    for p in paden:
        blocks, diags = read_blocks(p)
        st.diags.extend(diags)
        per_file.append((str(p), blocks))
    all_blocks = [b for _, bs in per_file for b in bs]
    objecttypen = {normalize(decl.objecttype_header(b.kop[2], b.span())[0])
                   for b in all_blocks if b.soort == "objecttype" and _objecttype_kop_ok(b)}
    # Pass 1: declarations, and the unit systems they declare.
    parsed: dict[int, n.Declaratie] = {}
    for b in all_blocks:
        if b.soort in ("regel", "beslistabel", "onbekend"):
            continue
        try:
            d = _declaration(b, st, objecttypen)
        except decl.DeclarationError as e:
            st.fout(e.code or ("RS004" if "kop" in e.bericht else "RS003"), e.bericht, e.span, e.hulp)
            continue
        parsed[id(b)] = d
        if isinstance(d, n.EenheidsysteemDecl):
            for fout in st.eenheden.voeg_toe(d.naam, [
                    EenheidDeclaratie(e.naam, e.afkorting, e.meervoud, e.symbool,
                                      (e.factor, e.basis) if e.factor is not None and e.basis else None)
                    for e in d.eenheden]):
                st.fout("RS107", fout, d.span)
    lexicon = build_lexicon(list(parsed.values()))
    # Pass 2: rules and decision tables.
    for b in all_blocks:
        if b.soort == "regel":
            r = _regel(b, st, lexicon)
            if r is not None:
                parsed[id(b)] = r
        elif b.soort == "beslistabel":
            t = _beslistabel(b, st, lexicon)
            if t is not None:
                parsed[id(b)] = t
    files = [n.Bestand(naam, tuple(parsed[id(b)] for b in bs if id(b) in parsed)) for naam, bs in per_file]
    return files, st.diags


def _objecttype_kop_ok(b: Block) -> bool:
    try:
        decl.objecttype_header(b.kop[2], b.span())
    except decl.DeclarationError:
        return False
    return True


def build_lexicon(declaraties: list[n.Declaratie]) -> Lexicon:
    lex = Lexicon()
    dimensies = {normalize(d.naam): d for d in declaraties if isinstance(d, n.DimensieDecl)}
    for d in declaraties:
        if isinstance(d, n.DimensieDecl):
            lex.add(d.naam, d.meervoud)  # "over alle jaren"
            for label in d.labels:
                lex.add(label)  # for a range: "de som van het inkomen van vorig jaar tot en met huidig jaar …"
        if isinstance(d, n.ObjecttypeDecl):
            lex.add(d.naam, d.meervoud)
            for a in d.attributen:
                lex.add(a.naam, a.meervoud)
                if a.type.basis in ("datum", "datumtijd"):
                    lex.add_datum(a.naam)
                dims = [dimensies[normalize(x)] for x in a.type.dimensies if normalize(x) in dimensies]
                if dims and len(dims) == len(a.type.dimensies) \
                        and dimensie_namen.aantal_combinaties(dims) <= dimensie_namen.MAX_COMBINATIES:
                    # A dimensioned attribute: one name per combination of labels, and one per
                    # dimension left open for an aggregation over it.
                    for naam, _ in dimensie_namen.combinaties(a.naam, dims):
                        lex.add(naam)
                    for naam, _, _ in dimensie_namen.open_combinaties(a.naam, dims):
                        lex.add(naam)
            for k in d.kenmerken:
                lex.add(k.naam)
        elif isinstance(d, n.ParameterDecl):
            lex.add(d.naam)
            if d.type.basis in ("datum", "datumtijd"):
                lex.add_datum(d.naam)
        elif isinstance(d, n.FeittypeDecl):
            for r in d.rollen:
                lex.add(r.naam, r.meervoud)
        elif isinstance(d, n.DagsoortDecl):
            lex.add(d.naam, d.meervoud)
    return lex


def _declaration(b: Block, st: ModelBlokken, objecttypen: set[str]) -> n.Declaratie:
    span = b.span()
    bron: Bron | None = None
    body: list[tuple[str, Span]] = []
    for line, col, text in b.regels:
        sp = Span(b.bestand, line, col)
        m = BRON_REGEL.match(text)
        if m and b.soort != "objecttype":
            bron = st.bron(m.group("tekst"), Span(b.bestand, line, col + m.start("tekst")))
        elif not text.startswith("---"):
            body.append((text, sp))
    if b.soort == "objecttype":
        return _objecttype(b, st)
    if b.soort == "domein":
        d = decl.domein(b.kop[2], body, span)
        return n.DomeinDecl(d.span, d.naam, d.type, d.waarden, bron)
    if b.soort == "parameter":
        if body:
            raise decl.DeclarationError("Een Parameter past op één regel.", body[0][1])
        p = decl.parameter(b.kop[2], span)
        return n.ParameterDecl(p.span, p.naam, p.type, bron)
    if b.soort == "eenheidsysteem":
        return decl.eenheidsysteem(b.kop[2], body, span)
    if b.soort == "dimensie":
        return decl.dimensie(b.kop[2], body, span)
    if b.soort == "dagsoort":
        if body:
            raise decl.DeclarationError("Een Dagsoort past op één regel; de definitie is een Regel ('Een dag is "
                                        "een … indien …').", body[0][1])
        return decl.dagsoort(b.kop[2], span)
    f = decl.feittype(b.kop[2], body, span, objecttypen)
    return n.FeittypeDecl(f.span, f.naam, f.rollen, f.meervoudig, f.wederkerig, bron)


def _objecttype(b: Block, st: ModelBlokken) -> n.ObjecttypeDecl:
    span = b.span()
    naam, mv, bezield = decl.objecttype_header(b.kop[2], span)
    bron: Bron | None = None
    members: list[n.AttribuutDecl | n.KenmerkDecl] = []
    for line, col, text in b.regels:
        sp = Span(b.bestand, line, col)
        m = BRON_REGEL.match(text)
        if m:
            parsed = st.bron(m.group("tekst"), Span(b.bestand, line, col + m.start("tekst")))
            # A bron line belongs to the declaration line above it (or to the objecttype).
            if members:
                last = members[-1]
                if isinstance(last, n.AttribuutDecl):
                    members[-1] = n.AttribuutDecl(last.span, last.naam, last.meervoud, last.type, parsed)
                else:
                    members[-1] = n.KenmerkDecl(last.span, last.naam, last.soort, parsed, last.periode)
            else:
                bron = parsed
            continue
        if text.startswith("---"):
            continue
        try:
            members.append(decl.parse_member(text, sp))
        except decl.DeclarationError as e:
            st.fout(e.code or "RS003", e.bericht, e.span, e.hulp)
    return n.ObjecttypeDecl(span, naam, mv, bezield,
                            tuple(x for x in members if isinstance(x, n.AttribuutDecl)),
                            tuple(x for x in members if isinstance(x, n.KenmerkDecl)), bron)


def parse_geldig(rest: str, span: Span) -> n.Geldigheid:
    """`altijd`, `vanaf D [t/m D]`, `t/m D`; D is `dd-mm-jjjj` or a year."""
    t = " ".join(rest.split()).lower().rstrip(".")
    if t == "altijd":
        return n.Geldigheid(span, None, None)
    m = re.fullmatch(r"(?:vanaf\s+(?P<van>\S+(?:\s+\S+)?))?\s*(?:t/m\s+(?P<tm>\S+(?:\s+\S+)?))?", t)
    if not t or not m or not (m.group("van") or m.group("tm")):
        raise decl.DeclarationError(f"Ongeldige geldigheid 'geldig {rest.strip()}'.", span,
                                    hulp="Vorm: 'geldig altijd', 'geldig vanaf 01-01-2025 t/m 31-12-2025', "
                                         "'geldig vanaf 2025' of 'geldig t/m 2024'.")
    van = _datum(m.group("van"), span, begin=True) if m.group("van") else None
    tm = _datum(m.group("tm"), span, begin=False) if m.group("tm") else None
    if van and tm and tm < van:
        raise decl.DeclarationError("Einddatum ligt vóór de begindatum.", span)
    return n.Geldigheid(span, van, tm)


def _datum(text: str, span: Span, begin: bool) -> date:
    m = _DATUM.fullmatch(text.strip())
    if not m:
        raise decl.DeclarationError(f"Ongeldige datum '{text}'.", span, hulp="Schrijf dd-mm-jjjj of een jaartal.")
    try:
        if m.group(4):
            jaar = int(m.group(4))
            return date(jaar, 1, 1) if begin else date(jaar, 12, 31)
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError as e:
        raise decl.DeclarationError(f"Ongeldige datum '{text}': die dag bestaat niet.", span) from e


def _sentence(start: str, regels: list[Regel], st: ModelBlokken, lex: Lexicon, bestand: str) -> object | None:
    try:
        zin: object = parse_sentence(start, regels, lex, bestand, st.is_unit)
        return zin
    except SentenceError as e:
        st.fout(e.code, e.bericht, Span(bestand, e.line, e.column), e.hulp)
        return None


def _regel(b: Block, st: ModelBlokken, lex: Lexicon) -> n.RegelDecl | None:
    naam = b.kop[2][len("regel"):].strip()
    span = b.span()
    if not naam:
        st.fout("RS004", "Regel zonder naam.", span)
        return None
    bron: Bron | None = None
    versies: list[n.Versie] = []
    groups: list[tuple[n.Geldigheid, list[tuple[int, int, str]]]] = []
    for line, col, text in b.regels:
        sp = Span(b.bestand, line, col)
        mb = BRON_REGEL.match(text)
        mg = GELDIG_REGEL.match(text)
        if mb and not groups:
            bron = st.bron(mb.group("tekst"), Span(b.bestand, line, col + mb.start("tekst")))
        elif mg:
            try:
                groups.append((parse_geldig(mg.group("rest"), sp), []))
            except decl.DeclarationError as e:
                st.fout("RS005", e.bericht, e.span, e.hulp)
                return None
        elif groups:
            groups[-1][1].append((line, col, text))
        else:
            st.fout("RS005", "Een regel begint met 'geldig' vóór de regeltekst.", sp,
                    hulp="Bijvoorbeeld 'geldig altijd' of 'geldig vanaf 01-01-2025'.")
            return None
    if not groups:
        st.fout("RS005", f"Regel '{naam}' heeft geen versie ('geldig …').", span)
        return None
    for geldig, regels in groups:
        if not regels and b.te_formaliseren:
            # A skeleton from `ontleed`: the rule is cited but not written yet.
            st.diags.append(Diagnostic("RS603", Ernst.WAARSCHUWING, f"Regel '{naam}' is nog niet geformaliseerd "
                                       "(TE FORMALISEREN).", _h(geldig.span),
                                       hulp="Schrijf de regel uit onder de 'geldig'-regel; de commentaarregels "
                                            "geven de tekst van het lid."))
            continue
        v = _versie(geldig, regels, st, lex, b.bestand)
        if v is None:
            return None
        versies.append(v)
    if not versies:
        return None
    return n.RegelDecl(span, naam, bron, tuple(versies))


def _versie(geldig: n.Geldigheid, regels: list[tuple[int, int, str]], st: ModelBlokken, lex: Lexicon,
            bestand: str) -> n.Versie | None:
    zin: list[Regel] = []
    var_lines: list[tuple[int, int, str]] = []
    in_vars = False
    for line, col, text in regels:
        m = _DAARBIJ.match(text)
        if m:
            in_vars = True
            if m.group("rest"):
                var_lines.append((line, col + m.start("rest"), m.group("rest")))
        elif in_vars and text.lstrip().startswith("•"):
            # The specification's variables are plain lines (taal.md §3: {NL [LW] VARNAAM 'is' expr});
            # bullets belong to conditions and criteria. Said here, where the reason is known,
            # instead of a parser's "unexpected bullet, expected de, het or a name".
            st.fout("RS002", "Onder 'Daarbij geldt:' staat elke variabele op een eigen regel, zonder "
                    "opsommingsteken.", Span(bestand, line, col),
                    hulp="Schrijf 'A is 100 €' in plaats van '• A is 100 €'; alleen voorwaarden en criteria krijgen "
                    "een opsommingsteken.")
            var_lines.append((line, col, text))
        elif in_vars:
            var_lines.append((line, col, text))
        else:
            zin.append(Regel(line, col, text))
    if any(t.lstrip().startswith("•") for _, _, t in var_lines):
        return None
    if not zin:
        st.fout("RS003", "Regelversie zonder regeltekst.", geldig.span)
        return None
    var_names = [_var_name(t) for _, _, t in var_lines]
    lex_v = lex.extended(v for v in var_names if v)
    resultaat = _sentence("regel_zin", zin, st, lex_v, bestand)
    variabelen: list[n.Variabele] = []
    for line, col, text in var_lines:
        v = _sentence("variabele", [Regel(line, col, text)], st, lex_v, bestand)
        if isinstance(v, n.Variabele):
            variabelen.append(v)
    if resultaat is None or len(variabelen) != len(var_lines):
        return None
    if not isinstance(resultaat, n.Gelijkstelling | n.Initialisatie | n.Kenmerktoekenning | n.Consistentie | n.Uniek
                      | n.Verdeling | n.ObjectCreatie | n.FeitCreatie | n.Dagsoortdefinitie):
        st.fout("RS004", "Onbekende regelvorm.", geldig.span)
        return None
    return n.Versie(geldig.span, geldig, resultaat, tuple(variabelen),
                    functools.partial(andere_lezingen, "regel_zin", zin, lex_v, bestand, st.is_unit))


def _var_name(text: str) -> str | None:
    m = re.match(r"(?:(?:de|het)\s+)?(?P<naam>.+?)\s+is\s", text, re.IGNORECASE)
    return m.group("naam") if m else None


def _beslistabel(b: Block, st: ModelBlokken, lex: Lexicon) -> n.BeslistabelDecl | None:
    from regelspraak.syntax.tables import parse_table

    return parse_table(b, st, lex)
