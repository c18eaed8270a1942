"""Grammar fuzzing: random sentences *from the grammar itself* never crash the tool.

The strategy reads `grammar/regelspraak.lark` with lark and walks its (BNF-expanded) rules with a
depth budget, emitting keyword text for keyword terminals, declared names for NAME and literals
for the value terminals. Each sentence becomes a rule (or a variable, or a decision-table row)
below a small fixed model header; `load_model` must answer with a model and diagnostics, never an
exception, and every diagnostic must point at a real line of the file. When the model loads
without errors the reference interpreter runs on a small generated case and must not raise either.

Measured (derandomized): of the generated rules and tables, 93 % parse without RS002 in the 150
examples of `test_generated_sentences_mostly_parse` (150 then) and 87 % over 1,000 examples. Counting table
cells (RS006) and limits (RS009) as well, 75 % of 1,000 parse completely, 24 % fail only on a
deliberately invalid literal (`1/0`, `31-02-2025`, `afgerond op 2_1/3 decimalen`, a 200-digit
number) and 0.6 % on something else (LALR look-ahead after long `van` chains). 19-27 % load
without any error and go on to the interpreter, nearly all from the typed vocabulary.
"""

from __future__ import annotations

import functools
import itertools
import tempfile
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lark import Lark
from lark.grammar import NonTerminal, Rule, Terminal
from lark.lexer import Lexer

from regelspraak.diagnostics import Diagnostic
from regelspraak.evaluate.interpret import Gegevens, Invoer, Uitkomst, run
from regelspraak.model import ir
from regelspraak.model.from_syntax import load_model
from regelspraak.syntax.lexer import KEYWORDS, PHRASES, PUNCT
from regelspraak.values.tijdlijn import Tijdlijn

GRAMMAR = Path(__file__).resolve().parents[2] / "grammar" / "regelspraak.lark"

# A small, fixed model: every NAME the generator emits is declared here (plus one that is not,
# and the variable names of "Daarbij geldt:"), so that most sentences get past name resolution
# and exercise the type checks, ordering and the interpreter as well.
HEADER = """\
Domein Geldbedrag is van het type Numeriek (getal met 2 decimalen) met eenheid €
Domein Huishoudtype is van het type Enumeratie
\t'alleenstaande'
\t'met toeslagpartner'

Objecttype de Natuurlijk persoon (mv: Natuurlijke personen) (bezield)
\tde geboortedatum\tDatum in dagen;
\tde leeftijd\tNumeriek (niet-negatief geheel getal) met eenheid jr;
\thet toetsingsinkomen\tGeldbedrag;
\thet vermogen\tGeldbedrag;
\tde roepnaam\tTekst;
\thet kortingspercentage\tPercentage (getal met 2 decimalen);
\tde studerende\tBoolean;
\tde uitkomst\tGeldbedrag;
\tis verzekerd\tkenmerk (bijvoeglijk);
\tde verzekerde volwassene\tkenmerk;

Objecttype het Huishouden (mv: Huishoudens)
\thet huishoudtype\tHuishoudtype;
\tde hoeveelheid\tNumeriek (niet-negatief geheel getal);
\thet gezamenlijk inkomen\tGeldbedrag;
\tde zorgtoeslag\tGeldbedrag;
\thet recht op zorgtoeslag\tkenmerk (bezittelijk);

Feittype huishoudsamenstelling
\thet huishouden\tHuishouden
\thet lid (mv: leden)\tNatuurlijk persoon
Eén huishouden bestaat uit meerdere leden

Parameter de peildatum : Datum in dagen
Parameter de inkomensgrens : Geldbedrag
Parameter het basispercentage : Percentage (getal met 2 decimalen)
Parameter de meerderjarigheidsleeftijd : Numeriek (niet-negatief geheel getal) met eenheid jr

Dagsoort de kerstdag (mv: kerstdagen)
"""

NAMES = (
    "Natuurlijk persoon", "Natuurlijke personen", "Huishouden", "Huishoudens", "geboortedatum", "leeftijd",
    "toetsingsinkomen", "vermogen", "uitkomst", "roepnaam", "kortingspercentage", "studerende", "verzekerd",
    "verzekerde volwassene", "huishoudtype", "hoeveelheid", "gezamenlijk inkomen", "zorgtoeslag",
    "recht op zorgtoeslag", "lid", "leden", "huishouden", "peildatum", "inkomensgrens", "basispercentage",
    "meerderjarigheidsleeftijd", "kerstdag",
    # a variable of "Daarbij geldt:" (unknown where the rule declares none) and an undeclared name
    "V", "onbekende grootheid",
)

# Literal spellings for the value terminals: (valid, edge cases). The edge cases are accepted by the
# lexer but must be rejected later with a diagnostic; they are drawn rarely, since one of them in a
# sentence already decides its fate. NUMBER is kept small because it also counts decimals.
LITERALS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "NUMBER": (("1", "0", "2", "3", "12", "18"),
               ("1234,56", "2_1/3", "1/3", "-3", "1/0", "0_1/0", "99999999999999999999999999", "1" * 200)),
    "EENHEID": (("€", "jr", "mnd", "dg", "€/mnd", "€/jr"), ("%",)),
    "PERCENTAGE": (("2%", "13,5%", "0%", "100 %"), ("-5 %", "1/0%")),
    "DATUM": (("01-01-2025", "31-12-2024", "dd. 1-7-2025", "29-02-2024"), ("31-02-2025", "00-00-0000")),
    "ENUMWAARDE": (("'alleenstaande'", "'met toeslagpartner'", "‘alleenstaande’"), ("'onbekend'", "''")),
    "TEKST": (('"Anna"', "“Daan”"), ('""',)),
}


def _terminal_spellings() -> dict[str, tuple[str, ...]]:
    """Keyword terminal -> the words the lexer turns into it (from the lexer's own tables)."""
    out: dict[str, list[str]] = {}
    for word, term in KEYWORDS.items():
        out.setdefault(term, []).append(word)
    for punct, term in PUNCT.items():
        out.setdefault(term, []).append(punct)
    for words, term in PHRASES:
        out.setdefault(term, []).append(" ".join(words))
    out["PERIODE_VAN"] = ["van"]  # the lexer's "van" before a date (a bare period, taal.md §11)
    return {k: tuple(v) for k, v in out.items()}


SPELLINGS = _terminal_spellings()


class _NoLexer(Lexer):
    """The grammar declares its terminals; we only need its rules, not a lexer."""

    def __init__(self, conf: Any) -> None:  # lark's interface
        pass

    def lex(self, data: Any) -> Any:
        return iter(data)


@dataclass(frozen=True)
class Vocabulary:
    """What the walk may emit: terminals it must avoid, and NAME pools per grammar slot.

    The free vocabulary derives anything the grammar allows. The typed one leaves out the
    terminals that would make a money expression ill-typed (dates, texts, `maal`, navigation …),
    so that a good share of its rules pass the model's checks and reach the interpreter.
    """

    forbid: frozenset[str] = frozenset()
    waarden: tuple[str, ...] = NAMES  # NAME inside an expression (`atom`)
    kenmerken: tuple[str, ...] = NAMES  # NAME of a kenmerk or role in a predicate or assignment
    eenheden: tuple[str, ...] = LITERALS["EENHEID"][0]
    extra_hoogte: int = 7  # how much deeper than the shortest derivation the walk may go
    # How a value name is written where the grammar put no determiner before it ("zijn vermogen").
    zonder_bepaler: tuple[tuple[str, str], ...] = ()


FREE = Vocabulary()
TYPED = Vocabulary(
    forbid=frozenset(
        "DATUM ENUMWAARDE TEKST WAAR ONWAAR PERCENTAGE REKENDATUM REKENJAAR HIJ MAAL GEDEELD VAN AANTAL SOM "
        "MAXIMALE MINIMALE EERSTE LAATSTE TIJDSDUUR DAG MAAND JAAR ABSOLUTE EEN ALLE GEEN TEN TENMINSTE "
        "HOOGSTENS PRECIES EERDER LATER DIE KOMMA OF EEN_T LEEG "
        # dates, like DATUM and REKENDATUM: "de eerste dag van de maand na …" (taal.md §10)
        "EERSTE_DAG_MAAND_VAN EERSTE_DAG_MAAND_NA EERSTE_DAG_JAAR_VAN EERSTE_DAG_JAAR_NA".split()) - {"ALLE", "EEN"},
    waarden=("toetsingsinkomen", "vermogen", "inkomensgrens"),
    kenmerken=("verzekerd", "verzekerde volwassene"),
    eenheden=("€",),
    extra_hoogte=4,
    zonder_bepaler=(("toetsingsinkomen", "zijn toetsingsinkomen"), ("vermogen", "zijn vermogen"),
                    ("inkomensgrens", "de inkomensgrens")),
)
_KENMERK_SLOTS = frozenset({"kenmerktoekenning", "vraag", "stelling", "selectie", "tabel_conclusie",
                            "tabel_conditie"})


@functools.cache
def _rules(forbid: frozenset[str] = frozenset()) -> tuple[dict[str, list[Rule]], dict[str, int]]:
    """Rules per nonterminal (BNF, after lark's EBNF expansion) without the `forbid` terminals,
    ordered by their minimal derivation height; and that height per nonterminal."""
    lark = Lark(GRAMMAR.read_text("utf-8"), parser="lalr", lexer=_NoLexer,
                start=["regel_zin", "variabele", "tabel_conclusie", "tabel_conditie", "tabel_cel", "expressie"])
    per: dict[str, list[Rule]] = {}
    for r in lark.rules:
        if not any(isinstance(s, Terminal) and s.name in forbid for s in r.expansion):
            per.setdefault(r.origin.name, []).append(r)
    # Minimal derivation height (fixpoint); terminals have height 0. A nonterminal left without a
    # finite derivation by `forbid` gets no height and the rules using it are dropped below.
    height: dict[str, int] = {}
    changed = True
    while changed:
        changed = False
        for name, rules in per.items():
            for r in rules:
                hs = [0 if isinstance(s, Terminal) else height.get(s.name) for s in r.expansion]
                if any(h is None for h in hs):
                    continue
                h = 1 + max([h for h in hs if h is not None], default=0)
                if h < height.get(name, 1 << 30):
                    height[name] = h
                    changed = True
    per = {name: sorted((r for r in rules if all(isinstance(s, Terminal) or s.name in height for s in r.expansion)),
                        key=lambda r: _rule_height(r, height))
           for name, rules in per.items() if name in height}
    return per, height


def _rule_height(r: Rule, height: dict[str, int]) -> int:
    return 1 + max((0 if isinstance(s, Terminal) else height[s.name] for s in r.expansion), default=0)


MAX_TOKENS = 80  # beyond this the walk only takes the shortest alternatives


@st.composite
def sentences(draw: st.DrawFn, start: str = "regel_zin", voc: Vocabulary = FREE) -> str:
    """A random sentence derived from grammar rule `start`, as text for the lexer."""
    per, height = _rules(voc.forbid)
    budget = draw(st.integers(min_value=height[start], max_value=height[start] + voc.extra_hoogte))
    out: list[str] = []
    bullet_level = [1]
    open_kop = [False]  # the last bullet was a nested header, which needs bullets below it

    def walk(sym: NonTerminal | Terminal, room: int, parent: str, after: str | None = None) -> None:
        if isinstance(sym, Terminal):
            word = _spell(draw, sym.name, voc, parent, bullet_level)
            if sym.name == "NAME" and parent == "atom" and after != "bepaler":
                word = dict(voc.zonder_bepaler).get(word, word)
            out.append(word)
            return
        if sym.name == "bullet":
            open_kop[0] = False
        fits = [r for r in per[sym.name] if _rule_height(r, height) <= room]
        if len(out) > MAX_TOKENS:
            fits = fits[:1]
        rule = draw(st.sampled_from(fits))
        for i, s in enumerate(rule.expansion):
            walk(s, room - 1, sym.name, rule.expansion[i - 1].name if i else None)
        if sym.name == "geneste_kop":
            # The bullets after a nested header belong to it: one level deeper.
            bullet_level[0] += 1
            open_kop[0] = True
        if sym.name == "bullets" and open_kop[0]:
            # `bullet+` allows more bullets: give a trailing nested header one plain bullet below it.
            out.append(_spell(draw, "BULLET", voc, "bullet", bullet_level))
            walk(NonTerminal("stelling"), height["stelling"] + 2, "bullet")
            open_kop[0] = False

    walk(NonTerminal(start), budget, start)
    return " ".join(out)


def _spell(draw: st.DrawFn, terminal: str, voc: Vocabulary, parent: str, bullet_level: list[int]) -> str:
    if terminal == "NAME":
        return draw(st.sampled_from(voc.kenmerken if parent in _KENMERK_SLOTS else voc.waarden))
    if terminal == "BULLET":
        mark = draw(st.sampled_from(("•", "•", "▪", "-", "*")))
        return "\n\t\t\t" + mark * bullet_level[0]
    if terminal == "EENHEID":
        return draw(st.sampled_from(voc.eenheden))
    if terminal in LITERALS:
        valid, edge = LITERALS[terminal]
        return draw(st.sampled_from(edge if draw(st.integers(0, 24)) == 0 else valid))
    return draw(st.sampled_from(SPELLINGS[terminal]))


def _capitalise(draw: st.DrawFn, text: str) -> str:
    # Keywords are case-insensitive; the sentence-initial capital is the usual case.
    return text[:1].upper() + text[1:] if not text.startswith("dd.") and draw(st.booleans()) else text


@st.composite
def typed_sentences(draw: st.DrawFn) -> str:
    """A rule about a Natuurlijk persoon: a fixed, valid head and grammar-generated money
    expressions and conditions in the typed vocabulary."""
    expr = draw(sentences("expressie", TYPED))
    indien = draw(st.one_of(st.just(""), sentences("voorwaarde", TYPED).map(lambda v: " " + v)))
    vorm = draw(st.sampled_from(("berekend", "kenmerk", "criterium", "initialisatie")))
    if vorm == "berekend":
        return f"De uitkomst van een Natuurlijk persoon moet berekend worden als {expr}{indien}."
    if vorm == "kenmerk":
        return f"Een Natuurlijk persoon is een verzekerde volwassene{indien}."
    if vorm == "criterium":
        vgl = draw(sentences("vgl_inf", TYPED))
        return f"Het toetsingsinkomen van een Natuurlijk persoon moet {vgl} {expr}."
    return f"De uitkomst van een Natuurlijk persoon moet geïnitialiseerd worden op {expr}."


@st.composite
def rule_files(draw: st.DrawFn) -> str:
    """The model text with one generated rule (or decision table) appended."""
    soort = draw(st.sampled_from(("regel", "regel", "variabelen", "beslistabel", "getypt", "getypt")))
    if soort == "beslistabel":
        # A cell is one line between pipes, so newlines (bullets) inside it become spaces.
        conclusie, conditie, cel1, cel2 = (draw(sentences(start)).replace("\n", " ") for start in (
            "tabel_conclusie", "tabel_conditie", "tabel_cel", "tabel_cel"))
        body = (f"Beslistabel fuzz\n\tgeldig altijd\n| | {conclusie} | {conditie} |\n|---|---|---|\n"
                f"| 1 | {cel1} | {cel2} |\n")
    elif soort == "getypt":
        body = "Regel fuzz\n\tgeldig altijd\n\t\t" + draw(typed_sentences()) + "\n"
    else:
        body = "Regel fuzz\n\tgeldig altijd\n\t\t" + _capitalise(draw, draw(sentences("regel_zin"))) + "\n"
        if soort == "variabelen":
            body += "\t\tDaarbij geldt:\n\t\t\t" + draw(sentences("variabele")).replace("\n", " ") + "\n"
    return HEADER + "\n" + body


# ---------------------------------------------------------------- the interpreter's input


# Timeline boundaries around month ends, leap days and 1 July (issue 11).
_GRENZEN = (date(2023, 12, 31), date(2024, 1, 1), date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1),
            date(2024, 6, 30), date(2024, 7, 1), date(2024, 7, 2), date(2025, 1, 1), date(2025, 7, 1))


def _value(draw: st.DrawFn, t: ir.Type) -> ir.Waarde:
    """A value of type `t` as the input boundary would have validated it (or leeg); a timeline for a
    timeline attribute or parameter."""
    if draw(st.integers(0, 5)) == 0:
        return None
    if t.periode is not None:
        grenzen = sorted(set(draw(st.lists(st.sampled_from(_GRENZEN), min_size=2, max_size=4))))
        gewoon = ir.Type(t.soort, t.eenheid, t.decimalen, t.teken, t.domein, t.objecttype, t.waarden)
        stukken = [(a, b, _value(draw, gewoon)) for a, b in itertools.pairwise(grenzen)]
        return Tijdlijn.maak(t.periode, stukken) if stukken else None
    if t.is_getal:
        lo = 0 if t.teken in ("niet-negatief", "positief") else -(10**7)
        k = draw(st.integers(min_value=max(lo, 1 if t.teken == "positief" else lo), max_value=10**7))
        return Fraction(k, 10 ** min(t.decimalen or 0, 2))
    if t.soort == "datum":
        return draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
    if t.soort == "enumeratie":
        return draw(st.sampled_from(t.waarden)) if t.waarden else None
    if t.soort == "boolean":
        return draw(st.booleans())
    if t.soort == "tekst":
        return draw(st.text(max_size=5))
    return None


@st.composite
def cases(draw: st.DrawFn, model: ir.Model) -> Gegevens:
    """A household with zero to three members; only attributes no rule derives get input."""
    written = {w for r in model.regels for w in r.schrijft}
    objecten: dict[str, Invoer] = {}
    feiten: list[tuple[str, tuple[str, ...]]] = []
    huishoudens = [k for k in model.objecttypen if k == "huishouden"]
    personen = [k for k in model.objecttypen if k == "natuurlijk persoon"]
    ids: dict[str, list[str]] = {}
    aantallen = [(k, 1) for k in huishoudens] + [(k, draw(st.integers(0, 3))) for k in personen]
    for ot_key, n in aantallen:
        ot = model.objecttypen[ot_key]
        for i in range(n):
            oid = f"{ot_key.split()[0]}{i}"
            attrs = {k: _value(draw, a.type) for k, a in ot.attributen.items()
                     if (ot_key, k) not in written and draw(st.booleans())}
            kms = {k: draw(st.booleans()) for k in ot.kenmerken if (ot_key, "kenmerk:" + k) not in written}
            objecten[oid] = Invoer(ot_key, attrs, kms)
            ids.setdefault(ot_key, []).append(oid)
    if "huishoudsamenstelling" in model.feittypen:
        for lid in ids.get("natuurlijk persoon", []):
            feiten.append(("huishoudsamenstelling", ("huishouden0", lid)))
    params = {k: _value(draw, p.type) for k, p in model.parameters.items() if draw(st.integers(0, 4))}
    rekendatum = draw(st.sampled_from((date(2025, 7, 1), date(2024, 1, 1), date(1, 1, 1), date(9999, 12, 31))))
    return Gegevens(rekendatum, params, objecten, feiten)


# ---------------------------------------------------------------- properties


def _write(tmp: Path, text: str) -> Path:
    p = tmp / "fuzz.rgs"
    p.write_text(text, "utf-8")
    return p


def _check_diagnostics(diags: list[Diagnostic], pad: Path, text: str) -> None:
    n_lines = max(1, len(text.splitlines()))
    for d in diags:
        assert isinstance(d, Diagnostic), d
        assert d.herkomst is not None, f"diagnostic without a place: {d}"
        span = d.herkomst.span
        assert span.bestand == str(pad), f"diagnostic points at another file: {d}"
        assert 1 <= span.regel <= n_lines, f"line {span.regel} outside the file ({n_lines} lines): {d}"
        assert span.kolom >= 1, d


FUZZ = settings(max_examples=200, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much])


@FUZZ
@given(data=st.data(), text=rule_files())
def test_generated_rules_give_a_model_or_diagnostics(data: st.DataObject, text: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        pad = _write(Path(d), text)
        model, diags = load_model([pad])
        assert isinstance(model, ir.Model)
        _check_diagnostics(diags, pad, text)
        if not any(x.is_fout for x in diags):
            uitkomst = run(model, data.draw(cases(model), label="geval"))
            assert isinstance(uitkomst, Uitkomst)
            assert all(isinstance(f, Diagnostic) for f in uitkomst.fouten)


# The sentence forms of taal.md §11, each drawn on its own so that every one is exercised: Verdeling,
# ObjectCreatie/FeitCreatie (in `kenmerktoekenning`), Dagsoortdefinitie, the checks and
# `regelversie` (in `vraag`/`stelling`), the functions (in `atom`/`machtexpr`), uniqueness.
NIEUWE_VORMEN = ("verdeling", "dagsoortdefinitie", "kenmerktoekenning", "consistentie", "gelijkstelling")


@st.composite
def new_form_files(draw: st.DrawFn) -> str:
    start = draw(st.sampled_from(NIEUWE_VORMEN))
    zin = draw(sentences(start))
    return HEADER + "\nRegel fuzz\n\tgeldig altijd\n\t\t" + _capitalise(draw, zin) + "\n"


@settings(max_examples=120, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(data=st.data(), text=new_form_files())
def test_new_sentence_forms_give_a_model_or_diagnostics(data: st.DataObject, text: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        pad = _write(Path(d), text)
        model, diags = load_model([pad])
        assert isinstance(model, ir.Model)
        _check_diagnostics(diags, pad, text)
        if not any(x.is_fout for x in diags):
            uitkomst = run(model, data.draw(cases(model), label="geval"))
            assert all(isinstance(f, Diagnostic) for f in uitkomst.fouten)


# The timeline forms of taal.md §11 over a header whose money attributes are timelines per month and
# whose kenmerk-like input is a Boolean timeline per day: results restricted in time, bare periods,
# `het totaal van`, `het aantal dagen in de maand dat`, `het tijdsevenredig deel`, whole-period tests.
TIJD_HEADER = (HEADER
               .replace("\thet toetsingsinkomen\tGeldbedrag;", "\thet toetsingsinkomen\tGeldbedrag voor elke maand;")
               .replace("\tde uitkomst\tGeldbedrag;", "\tde uitkomst\tGeldbedrag voor elke maand;")
               .replace("\tde studerende\tBoolean;", "\tde studerende\tBoolean voor elke dag;"))


@st.composite
def timeline_files(draw: st.DrawFn) -> str:
    vorm = draw(st.sampled_from(("gelijkstelling_tijd", "tijdfunctie", "tijd_vraag", "tijd_stelling")))
    zin = draw(sentences(vorm, draw(st.sampled_from((FREE, TYPED)))))
    if vorm == "tijdfunctie":
        zin = f"De uitkomst van een Natuurlijk persoon moet berekend worden als {zin}."
    elif vorm == "tijd_vraag":
        zin = f"De uitkomst van een Natuurlijk persoon moet berekend worden als zijn toetsingsinkomen indien {zin}."
    elif vorm == "tijd_stelling":
        zin = (f"De uitkomst van een Natuurlijk persoon moet berekend worden als zijn toetsingsinkomen indien hij aan "
               f"alle volgende voorwaarden voldoet:\n\t\t\t• {zin}.")
    return TIJD_HEADER + "\nRegel fuzz\n\tgeldig altijd\n\t\t" + _capitalise(draw, zin) + "\n"


@settings(max_examples=120, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(data=st.data(), text=timeline_files())
def test_timeline_forms_give_a_model_or_diagnostics(data: st.DataObject, text: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        pad = _write(Path(d), text)
        model, diags = load_model([pad])
        assert isinstance(model, ir.Model)
        _check_diagnostics(diags, pad, text)
        if not any(x.is_fout for x in diags):
            uitkomst = run(model, data.draw(cases(model), label="geval"))
            assert all(isinstance(f, Diagnostic) for f in uitkomst.fouten)


def test_timeline_header_is_a_clean_model(tmp_path: Path) -> None:
    _, diags = load_model([_write(tmp_path, TIJD_HEADER)])
    assert diags == []


def test_header_alone_is_a_clean_model(tmp_path: Path) -> None:
    # Guards the fuzzer: if the fixed header itself had errors, every example would only
    # exercise the error path and the interpreter would never run.
    _, diags = load_model([_write(tmp_path, HEADER)])
    assert diags == []


def test_generated_sentences_mostly_parse() -> None:
    """Sanity of the generator: most generated rules get past the parser (no RS002), and a fair
    share loads without errors, so the interpreter property is exercised too.

    Nearly all that do not parse contain one of the invalid literals drawn on purpose (see the
    module docstring for the measured fractions).
    """
    parsed = clean = total = 0

    # 300, not 150: one derandomized sample of 150 is noisy (when the grammar gained the date functions of
    # taal.md §10 its share of clean rules went from >10 % to 7 %, while over 400 examples it stayed at 13 %).
    @settings(max_examples=300, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(text=rule_files())
    def count(text: str) -> None:
        nonlocal parsed, clean, total
        with tempfile.TemporaryDirectory() as d:
            _, diags = load_model([_write(Path(d), text)])
        total += 1
        parsed += not any(x.code == "RS002" for x in diags)
        clean += not any(x.is_fout for x in diags)

    count()
    assert total > 0
    assert parsed / total >= 0.75, f"only {parsed}/{total} generated rules parse"
    assert clean / total >= 0.1, f"only {clean}/{total} generated rules load without errors"
