"""The HTML report of `regelspraak vergelijk`: one self-contained Dutch page from the JSON structure that
`vergelijk --formaat json` prints.

The page has no scripts, loads nothing (inline CSS, charts as inline SVG drawn by `charts`), escapes
every string from the data (model files are untrusted), and renders whatever subset of the structure
it gets: a bill without a scenario has no impact section, a bill without findings says so.

>>> page = render({"voorstel": {"naam": "Zorgtoeslag <zonder> grens"},
...                "impact": {"uitvoer": {"zorgtoeslag": {"voor": {"totaal": "7358514344"},
...                                                       "na": {"totaal": "7400000000"}, "budget": "41485656"}}}})
>>> page.startswith("<!DOCTYPE html>"), "Zorgtoeslag &lt;zonder&gt; grens" in page, "+€ 41.485.656" in page
(True, True, True)
>>> "<script" in page, "https://" in page
(False, False)
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

from regelspraak import __version__
from regelspraak.report import charts, curves, svg
from regelspraak.report.notation import aantal, bedrag, getal, verschil
from regelspraak.report.svg import esc
from regelspraak.values.leesbaar import marge

MAX_DIFF_TOKENS = 20_000
MAX_UITLEG_KNOPEN = 120
MAX_UITLEG_DIEPTE = 6


# --- reading untrusted data ----------------------------------------------------------------------

def _d(v: object) -> dict[str, Any]:
    return v if isinstance(v, dict) else {}


def _l(v: object) -> list[Any]:
    return v if isinstance(v, list) else []


def _periode(u: dict[str, Any]) -> str:
    """The period of an output's totals, with the conversion when `--per` converted them."""
    om = f", omgerekend van {_t(u['omgerekend_van'])} × {_t(u.get('factor'))}" if "omgerekend_van" in u else ""
    return _t(u.get("periode")) + om


def _t(v: object) -> str:
    """A value as display text; absent is empty."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "waar" if v else "onwaar"
    return v if isinstance(v, str) else str(v)


# --- page ----------------------------------------------------------------------------------------

def render(data: dict[str, Any]) -> str:
    """The complete HTML5 page for one `vergelijk` result."""
    data = _d(data)
    voorstel, huidig = _d(data.get("voorstel")), _d(data.get("huidig"))
    titel = _t(voorstel.get("naam")) or "Wetsvoorstel"
    teller = _Teller()
    delen = [
        ("samenvatting", "Samenvatting", _samenvatting(data)),
        ("regels", "Regelwijzigingen per artikel", _regels(_l(data.get("regels")))),
        ("impact", "Impact op de bevolking", _impact(_d(data.get("impact")), teller)),
        ("krommen", "Uitkomst rond de drempels", _krommen(_l(data.get("krommen")), teller)),
        ("bevindingen", "Bevindingen van de analyses", _bevindingen(data.get("analyses"))),
    ]
    if _l(data.get("aannames")):  # assumptions (parameters marked AANNAME) must never pass for law
        delen.append(("aannames", "Aannames", "<ul>" + "".join(
            f"<li><strong>AANNAME</strong> {esc(_t(a).removeprefix('AANNAME '))}</li>"
            for a in _l(data.get("aannames"))) + "</ul>"))
    nav = "".join(f'<li><a href="#{a}">{esc(k)}</a></li>' for a, k, _ in delen)
    secties = "\n".join(f'<section id="{a}" aria-labelledby="{a}-kop">\n<h2 id="{a}-kop">{esc(k)}</h2>\n{inhoud}\n'
                        "</section>" for a, k, inhoud in delen)
    meta = []
    if huidig.get("naam") or huidig.get("map"):
        meta.append(("Huidig recht", _t(huidig.get("naam")), _t(huidig.get("map"))))
    if voorstel.get("naam") or voorstel.get("map"):
        meta.append(("Voorstel", _t(voorstel.get("naam")), _t(voorstel.get("map"))))
    if voorstel.get("bron"):
        meta.append(("Bron", _t(voorstel.get("bron")), ""))
    impact = _d(data.get("impact"))
    if impact.get("scenario"):
        sc = _t(impact.get("scenario"))
        if impact.get("rekendatum"):
            sc += f", rekendatum {_t(impact.get('rekendatum'))}"
        meta.append(("Scenario", sc, f"{aantal(impact.get('personen'))} personen" if impact.get("personen") else ""))
    meta_html = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}" + (f' <span class="pad">{esc(p)}</span>' if p else "")
                        + "</dd></div>" for k, v, p in meta)
    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="regelspraak {esc(__version__)}">
<title>{esc(titel)} — vergelijking met het huidige recht</title>
<style>{_CSS}</style>
</head>
<body>
<header class="kop">
<p class="bovenschrift">Vergelijking wetsvoorstel en huidig recht</p>
<h1>{esc(titel)}</h1>
<dl class="meta">{meta_html}</dl>
<nav aria-label="Inhoud"><ol>{nav}</ol></nav>
</header>
<main>
{secties}
</main>
<footer>Gemaakt met regelspraak {esc(__version__)} (<code>regelspraak vergelijk --formaat html</code>).
Bedragen zijn exact zoals berekend; alleen de as-labels van de grafieken zijn afgerond.</footer>
</body>
</html>
"""


class _Teller:
    """Figure numbers, in page order."""

    def __init__(self) -> None:
        self.n = 0

    def volgende(self) -> int:
        self.n += 1
        return self.n


def _leeg(tekst: str) -> str:
    return f'<p class="leeg">{esc(tekst)}</p>'


# --- summary -------------------------------------------------------------------------------------

def _samenvatting(data: dict[str, Any]) -> str:
    """The summary paragraph and the key figures: per output its budget effect (a wide card),
    winners, losers and recipients; then the rule changes and the findings."""
    regels = _l(data.get("regels"))
    wijzigingen = [w for g in regels for w in _l(_d(g).get("wijzigingen"))]
    kaarten: list[tuple[str, str, str, str]] = []
    for naam, u in _d(_d(data.get("impact")).get("uitvoer")).items():
        u = _d(u)
        budget = getal(u.get("budget"))
        if budget is None:
            budget = _verschil_totaal(u)
        periode = f" ({_periode(u)})" if u.get("periode") else ""
        kaarten.append((f"Budgeteffect {_t(naam)}{periode}", verschil(budget),
                        f"{bedrag(_d(u.get('voor')).get('totaal'))} → {bedrag(_d(u.get('na')).get('totaal'))}"
                        f"{marge(u.get('budget_marge_95'))}",
                        "breed accent"))
        winst, verlies = getal(u.get("max_winst")), getal(u.get("max_verlies"))
        n_winst, n_verlies = getal(u.get("winnaars")), getal(u.get("verliezers"))
        kaarten.append(("Winnaars", aantal(n_winst), f"tot {verschil(winst)}" if winst is not None else "",
                        "plus" if n_winst else ""))
        kaarten.append(("Verliezers", aantal(n_verlies), f"tot {verschil(-verlies)}" if verlies is not None else "",
                        "min" if n_verlies else ""))
        kaarten.append(("Ontvangers", aantal(_d(u.get("na")).get("ontvangers")),
                        f"nu {aantal(_d(u.get('voor')).get('ontvangers'))}", ""))
    kaarten.append(("Wijzigingen",
                    aantal(len({(_t(_d(w).get("soort")), _t(_d(w).get("naam"))) for w in wijzigingen})),
                    f"regels en parameters, in {aantal(len(regels))} artikel(en)/leden", ""))
    analyses = data.get("analyses")
    if isinstance(analyses, dict):
        nieuw, vervallen = len(_l(analyses.get("nieuw"))), len(_l(analyses.get("vervallen")))
        kaarten.append(("Nieuwe bevindingen", aantal(nieuw), "door het voorstel toegevoegd", "min" if nieuw else ""))
        kaarten.append(("Vervallen bevindingen", aantal(vervallen), "door het voorstel weggenomen",
                        "plus" if vervallen else ""))
    tekst = _t(data.get("samenvatting"))
    alinea = f'<p class="samenvatting">{esc(tekst)}</p>' if tekst else ""
    kaart_html = "".join(
        f'<div class="kaart {toon}"><dt>{esc(k)}</dt><dd class="waarde">{esc(v)}</dd>'
        + (f'<dd class="sub">{esc(s)}</dd>' if s else "") + "</div>" for k, v, s, toon in kaarten)
    return f'{alinea}<dl class="kaarten">{kaart_html}</dl>'


def _verschil_totaal(u: dict[str, Any]) -> Fraction | None:
    a, b = getal(_d(u.get("voor")).get("totaal")), getal(_d(u.get("na")).get("totaal"))
    return b - a if a is not None and b is not None else None


# --- rule changes --------------------------------------------------------------------------------

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
_STATUS = {"gewijzigd": "gewijzigd", "nieuw": "nieuw", "vervallen": "vervallen"}


def woorddiff(oud: str, nieuw: str) -> tuple[str, str]:
    """Both texts as escaped HTML, with removed words in `<del>` (left) and added words in `<ins>` (right).

    >>> woorddiff("minder dan € 24", "minder dan € 0")
    ('minder dan € <del>24</del>', 'minder dan € <ins>0</ins>')
    """
    a, b = _TOKEN.findall(oud), _TOKEN.findall(nieuw)
    if len(a) + len(b) > MAX_DIFF_TOKENS:
        return esc(oud), esc(nieuw)
    links, rechts = [], []
    for soort, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        x, y = "".join(a[i1:i2]), "".join(b[j1:j2])
        if soort == "equal":
            links.append(esc(x))
            rechts.append(esc(y))
            continue
        if x:
            links.append(_markeer("del", x))
        if y:
            rechts.append(_markeer("ins", y))
    return _aaneen("".join(links)), _aaneen("".join(rechts))


def _aaneen(tekst: str) -> str:
    """Join marks separated only by spaces on one line: one mark per changed phrase."""
    return re.sub(r"</(del|ins)>([ \t]+)<\1>", r"\2", tekst)


def _markeer(tag: str, tekst: str) -> str:
    """Mark changed text line by line, leaving whitespace at the ends and line breaks (with the
    indentation after them) outside the mark."""
    out = []
    for deel in re.split(r"(\s*\n\s*)", tekst):
        kern = deel.strip()
        if not kern:
            out.append(esc(deel))
            continue
        begin = deel[: len(deel) - len(deel.lstrip())]
        eind = deel[len(deel.rstrip()):]
        out.append(f"{esc(begin)}<{tag}>{esc(kern)}</{tag}>{esc(eind)}")
    return "".join(out)


def _naast_elkaar(oud: object, nieuw: object, kop_oud: str, kop_nieuw: str, klasse: str) -> str:
    o, n = (None if oud is None else _t(oud)), (None if nieuw is None else _t(nieuw))
    links, rechts = woorddiff(o or "", n or "")
    if not links:
        links = '<span class="afwezig">(nieuw)</span>' if n else '<span class="afwezig">(geen)</span>'
    if not rechts:
        rechts = '<span class="afwezig">(vervalt)</span>' if o else '<span class="afwezig">(geen)</span>'
    return (f'<div class="naast {klasse}"><div class="kolom oud"><h5>{esc(kop_oud)}</h5><pre>{links}</pre></div>'
            f'<div class="kolom nieuw"><h5>{esc(kop_nieuw)}</h5><pre>{rechts}</pre></div></div>')


def _regels(groepen: list[Any]) -> str:
    if not groepen:
        return _leeg("Het voorstel wijzigt geen regels of parameters.")
    out = ['<p class="uitleg">Per artikel en lid: de wettekst die de regels citeren en de gewijzigde regels en '
           'parameters, huidig links en voorstel rechts. <del>Doorgehaald</del> vervalt, <ins>onderstreept</ins> '
           "is nieuw.</p>"]
    for g in groepen:
        g = _d(g)
        kop = _t(g.get("artikel")) or "Zonder bron"
        jci = _t(g.get("jci"))
        oud, nieuw = g.get("wettekst_oud"), g.get("wettekst_nieuw")
        deel = [f'<article class="artikel"><h3>{esc(kop)}</h3>']
        if jci:
            deel.append(f'<p class="jci">JuriConnect <code>{esc(jci)}</code></p>')
        if oud is None and nieuw is None:
            deel.append('<p class="afwezig">Geen wettekst gevonden bij deze verwijzing.</p>')
        elif _t(oud) == _t(nieuw):
            deel.append(f'<blockquote class="wettekst"><p class="label">Wettekst (ongewijzigd)</p>{esc(_t(oud))}'
                        "</blockquote>")
        else:
            deel.append(_naast_elkaar(oud, nieuw, "Wettekst huidig", "Wettekst voorstel", "wettekst"))
        for w in _l(g.get("wijzigingen")):
            w = _d(w)
            status = _t(w.get("status"))
            klasse = _STATUS.get(status, "anders")
            soort = _t(w.get("soort"))
            deel.append(f'<div class="wijziging"><h4><span class="status {klasse}">{esc(status or "gewijzigd")}</span> '
                        f'<span class="soort">{esc(soort)}</span> {esc(_t(w.get("naam")))}</h4>')
            deel.append(_naast_elkaar(w.get("oud"), w.get("nieuw"), "Huidig", "Voorstel", "code"))
            deel.append("</div>")
        deel.append("</article>")
        out.append("".join(deel))
    return "\n".join(out)


# --- impact --------------------------------------------------------------------------------------

def _impact(impact: dict[str, Any], teller: _Teller) -> str:
    uitvoer = _d(impact.get("uitvoer"))
    if not uitvoer:
        return _leeg("Geen scenario opgegeven: de impact op de bevolking is niet berekend "
                     "(gebruik vergelijk … --scenario SCENARIO).")
    out = []
    for naam, u in uitvoer.items():
        out.append(_uitvoer(_t(naam), _d(u), teller))
    return "\n".join(out)


def _uitvoer(naam: str, u: dict[str, Any], teller: _Teller) -> str:
    voor, na = _d(u.get("voor")), _d(u.get("na"))
    ot = _t(u.get("objecttype"))
    budget = getal(u.get("budget"))
    if budget is None:
        budget = _verschil_totaal(u)
    a, b = getal(voor.get("totaal")), getal(na.get("totaal"))
    ra, rb = getal(voor.get("ontvangers")), getal(na.get("ontvangers"))
    kop = f"{naam}" + (f" (per {ot})" if ot else "")
    out = [f'<article class="uitvoer"><h3>{esc(kop)}</h3><div class="twee">']
    totaal = svg.tabel(
        ["", "huidig", "voorstel", "verschil"],
        [["Totaal" + (f" ({_periode(u)})" if u.get("periode") else ""), bedrag(a), bedrag(b),
          verschil(budget) + marge(u.get("budget_marge_95"))],
         ["Ontvangers", aantal(ra), aantal(rb),
          _signed_aantal(rb - ra if ra is not None and rb is not None else None)]],
        "Totalen")
    verlies_gem, verlies_max = getal(u.get("gemiddeld_verlies")), getal(u.get("max_verlies"))
    ww = svg.tabel(
        ["", "aantal", "gemiddeld", "maximaal"],
        [["Winnaars", aantal(u.get("winnaars")), verschil(getal(u.get("gemiddelde_winst"))),
          verschil(getal(u.get("max_winst")))],
         ["Verliezers", aantal(u.get("verliezers")), verschil(-verlies_gem if verlies_gem is not None else None),
          verschil(-verlies_max if verlies_max is not None else None)],
         ["Gelijk", aantal(u.get("gelijk")), "", ""]],
        "Winnaars en verliezers")
    out.append(totaal + ww + "</div>")
    # Chart 1: distribution over the income deciles (or the first grouping).
    groepen = _d(u.get("groepen"))
    sleutel = next((k for k in groepen if "deciel" in _t(k).lower()), next(iter(groepen), None))
    if sleutel is not None:
        rijen = [_groep(r) for r in _l(groepen[sleutel])]
        if rijen:
            n = teller.volgende()
            out.append(charts.verdeling(
                rijen, naam, _t(sleutel), ot.lower() if ot else "object",
                f"<strong>Figuur {n}.</strong> Verdeling van de veranderingen in {esc(naam)} per {esc(_t(sleutel))}: "
                f"boven de gemiddelde verandering per {esc(ot.lower() if ot else 'object')}, onder het aantal "
                "winnaars en verliezers.",
                f"figuur-{n}"))
    # Chart 2: budget waterfall.
    if a is not None and b is not None:
        stappen = _bijdragen(u.get("bijdragen"))
        som = sum((v for _, v in stappen), Fraction(0))
        if not stappen:
            stappen = [("Wijziging", budget if budget is not None else b - a)]
        elif som != b - a:
            stappen.append(("Overig (samenloop)", b - a - som))
        n = teller.volgende()
        out.append(charts.waterval(
            naam, a, stappen, b,
            f"<strong>Figuur {n}.</strong> Budgeteffect van {esc(naam)}"
            + (f" ({esc(_periode(u))})" if u.get("periode") else "") + ": het totaal onder het huidige recht, "
            "de verandering" + (" per gewijzigde regel of parameter" if len(stappen) > 1 else "")
            + " en het totaal onder het voorstel.", f"figuur-{n}"))
    # Group tables.
    for groepering, rijen_ruw in groepen.items():
        rijen = [_groep(r) for r in _l(rijen_ruw)]
        if not rijen:
            continue
        tabel = svg.tabel(
            [_t(groepering), "totaal huidig", "totaal voorstel", "verschil", "gemiddelde verandering", "winnaars",
             "verliezers"],
            [[g.label, bedrag(g.voor), bedrag(g.na),
              verschil(g.na - g.voor if g.na is not None and g.voor is not None else None),
              verschil(g.gemiddelde), aantal(g.winnaars), aantal(g.verliezers)] for g in rijen],
            f"{naam} per {_t(groepering)}")
        out.append(f'<div class="groep">{tabel}</div>')
    out.append(_grootste(_l(u.get("grootste")), naam))
    out.append("</article>")
    return "\n".join(out)


def _signed_aantal(x: Fraction | None) -> str:
    if x is None:
        return "—"
    return ("+" if x > 0 else "") + aantal(x)


def _groep(r: object) -> charts.Groep:
    r = _d(r)
    return charts.Groep(_t(r.get("groep")) or "?", getal(r.get("gemiddelde_verandering")), getal(r.get("winnaars")),
                        getal(r.get("verliezers")), getal(r.get("aantal")), getal(r.get("voor_totaal")),
                        getal(r.get("na_totaal")))


def _bijdragen(v: object) -> list[tuple[str, Fraction]]:
    out = []
    for b in _l(v):
        b = _d(b)
        x = getal(b.get("bedrag"))
        if x is not None:
            out.append((_t(b.get("naam")) or "?", x))
    return out


def _grootste(rijen: list[Any], uitvoer: str) -> str:
    if not rijen:
        return ""
    out = ['<h4>Grootste individuele veranderingen</h4>',
           '<p class="uitleg">Met de afleiding onder het huidige recht en onder het voorstel.</p>',
           '<table class="data grootste"><thead><tr><th scope="col">object</th><th scope="col" class="num">huidig</th>'
           '<th scope="col" class="num">voorstel</th><th scope="col" class="num">verschil</th>'
           '<th scope="col">afleiding</th></tr></thead><tbody>']
    for r in rijen[:50]:
        r = _d(r)
        uitleg = ""
        if r.get("uitleg_voor") or r.get("uitleg_na"):
            uitleg = ('<details><summary>toon</summary><div class="naast uitleg">'
                      f'<div class="kolom"><h5>Huidig</h5>{_uitleg(r.get("uitleg_voor"), uitvoer)}</div>'
                      f'<div class="kolom"><h5>Voorstel</h5>{_uitleg(r.get("uitleg_na"), uitvoer)}</div>'
                      "</div></details>")
        cellen = "".join(f'<td class="num">{esc(t)}</td>'
                         for t in (bedrag(r.get("voor")), bedrag(r.get("na")), verschil(r.get("verschil"))))
        out.append(f'<tr><th scope="row">{esc(_t(r.get("object")))}</th>{cellen}<td>{uitleg}</td></tr>')
    out.append("</tbody></table>")
    return "\n".join(out)


def _uitleg(v: object, uitvoer: str) -> str:
    """An explanation trace (`bereken --uitleg` JSON: attribute → derivation tree) as nested lists:
    only the output's own derivation when the trace has it, bounded in depth and size."""
    teller = [0]

    def knoop(n: object, diepte: int) -> str:
        teller[0] += 1
        if teller[0] > MAX_UITLEG_KNOPEN or diepte > MAX_UITLEG_DIEPTE:
            return '<li class="afwezig">…</li>' if teller[0] == MAX_UITLEG_KNOPEN + 1 or diepte > MAX_UITLEG_DIEPTE \
                else ""
        n = _d(n)
        kop = f'<span class="naam">{esc(_t(n.get("naam")))}</span> = <span class="w">{esc(_t(n.get("waarde")))}</span>'
        if n.get("object"):
            kop += f' <span class="obj">({esc(_t(n.get("object")))})</span>'
        if n.get("regel"):
            kop += f' <span class="regel">regel {esc(_t(n.get("regel")))}</span>'
        elif n.get("herkomst") or n.get("soort"):
            kop += f' <span class="regel">{esc(_t(n.get("herkomst") or n.get("soort")))}</span>'
        bron = _d(n.get("bron"))
        if bron.get("citaat"):
            kop += f' <span class="bron">{esc(_t(bron.get("citaat")))}</span>'
        kinderen = "".join(knoop(k, diepte + 1) for k in _l(n.get("invoer")))
        return f"<li>{kop}" + (f"<ul>{kinderen}</ul>" if kinderen else "") + "</li>"

    items: Iterable[object] = _d(v).values() if isinstance(v, dict) else _l(v)
    eigen = {k.lower(): w for k, w in _d(v).items() if isinstance(k, str)}.get(uitvoer.lower())
    if eigen is not None:
        items = [eigen]
    inhoud = "".join(knoop(k, 0) for k in items)
    return f'<ul class="boom">{inhoud}</ul>' if inhoud else '<p class="afwezig">(geen afleiding)</p>'


# --- curves --------------------------------------------------------------------------------------

def _krommen(krommen: list[Any], teller: _Teller) -> str:
    if not krommen:
        return _leeg("Er zijn geen krommen verkend.")
    out = ['<p class="uitleg">De uitkomst voor een voorbeeldhuishouden (sjabloon) als functie van één invoer, '
           "de overige invoer vast. Grijs is het huidige recht, blauw het voorstel; oranje stippellijnen zijn "
           "drempels uit het model. Rood gemarkeerd is een klif: een punt waar de uitkomst meer daalt dan de "
           "invoer stijgt (een marginaal tarief boven 100%). Onder elke grafiek met een klif staat een ingezoomde "
           "uitsnede.</p>"]
    for k in krommen:
        k = _d(k)
        uitkomst, invoer = _t(k.get("uitkomst")) or "uitkomst", _t(k.get("invoer")) or "invoer"
        voor, na = curves.Reeks.uit(k.get("punten_voor")), curves.Reeks.uit(k.get("punten_na"))
        drempels = [x for x in (getal(d) for d in _l(k.get("drempels"))) if x is not None]
        onderwerp = f"sjabloon ‘{_t(k.get('sjabloon'))}’" if k.get("sjabloon") else "voorbeeld"
        if k.get("object"):
            onderwerp += f", object {_t(k.get('object'))}"
        n = teller.volgende()
        gelijk = " Het voorstel verandert deze lijn niet." if voor == na else ""
        fig = curves.kromme(
            uitkomst, invoer, voor, na, drempels, onderwerp,
            f"<strong>Figuur {n}.</strong> {esc(uitkomst)} als functie van {esc(invoer)} ({esc(onderwerp)}), "
            f"huidig en voorstel.{gelijk}", f"figuur-{n}")
        out.append(fig or _leeg(f"Geen bruikbare punten voor {uitkomst} naar {invoer}."))
    return "\n".join(out)


# --- findings ------------------------------------------------------------------------------------

def _bevindingen(analyses: object) -> str:
    if not isinstance(analyses, dict):
        return _leeg("De analyses zijn niet uitgevoerd.")
    nieuw, vervallen, gebleven = (_l(analyses.get(k)) for k in ("nieuw", "vervallen", "gebleven"))
    out = ['<p class="uitleg">Bevindingen van <code>regelspraak analyseer</code> op beide versies, vergeleken op '
           "hun stabiele id: wat het voorstel toevoegt, wat het wegneemt en wat blijft.</p>"]
    out.append(f'<h3 class="nieuw-kop">Nieuw door het voorstel ({aantal(len(nieuw))})</h3>')
    out.append(_bevindingtabel(nieuw, "nieuw") if nieuw else _leeg("Het voorstel voegt geen bevindingen toe."))
    out.append(f'<h3 class="vervallen-kop">Vervallen door het voorstel ({aantal(len(vervallen))})</h3>')
    out.append(_bevindingtabel(vervallen, "vervallen") if vervallen
               else _leeg("Het voorstel neemt geen bevindingen weg."))
    if gebleven:
        out.append(f'<details class="gebleven"><summary>Gebleven bevindingen ({aantal(len(gebleven))})</summary>'
                   f"{_bevindingtabel(gebleven, 'gebleven')}</details>")
    return "\n".join(out)


def _bevindingtabel(lijst: list[Any], soort: str) -> str:
    rijen = []
    for f in lijst:
        f = _d(f)
        artikelen = "".join(
            f'<li>{esc(_t(_d(a).get("citaat")))}'
            + (f' <code class="jci">{esc(_t(_d(a).get("juriconnect")))}</code>' if _d(a).get("juriconnect") else "")
            + "</li>" for a in _l(f.get("artikelen")))
        ernst = _t(f.get("ernst"))
        rijen.append(
            f'<tr><th scope="row"><span class="code">{esc(_t(f.get("code")))}</span>'
            + (f'<br><span class="ernst {esc(ernst)}">{esc(ernst)}</span>' if ernst else "")
            + f'</th><td>{esc(_t(f.get("soort")))}</td><td>{esc(_t(f.get("oordeel")))}</td>'
            f'<td class="bericht">{esc(_t(f.get("bericht")))}'
            + (f'<div class="aannames">Aannames: {esc(_t(f.get("aannames")))}</div>' if f.get("aannames") else "")
            + f'</td><td>{"<ul>" + artikelen + "</ul>" if artikelen else ""}</td>'
            f'<td class="num">{esc(bedrag(f.get("bedrag")) if f.get("bedrag") is not None else "")}</td></tr>')
    return (f'<table class="data bevindingen {soort}"><caption class="sr">Bevindingen: {esc(soort)}</caption>'
            '<colgroup><col class="c-code"><col class="c-soort"><col class="c-oordeel"><col><col class="c-artikel">'
            '<col class="c-bedrag"></colgroup><thead><tr>'
            '<th scope="col">code</th><th scope="col">soort</th><th scope="col">oordeel</th>'
            '<th scope="col">bericht</th><th scope="col">artikel</th><th scope="col" class="num">bedrag</th></tr>'
            f"</thead><tbody>{''.join(rijen)}</tbody></table>")


_CSS = """
:root { --blauw: #154273; --grijs: #8a94a3; --rand: #dee2e6; --zacht: #f6f8fa; --tekst: #212529;
  --winst: #2f9e44; --verlies: #c92a2a; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: "DejaVu Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 15px; line-height: 1.5; color: var(--tekst); background: #fff; }
header.kop { background: var(--blauw); color: #fff; padding: 28px max(24px, calc((100% - 1040px) / 2 + 24px)) 18px; }
header.kop h1 { margin: 2px 0 14px; font-size: 28px; line-height: 1.25; }
.bovenschrift { margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: 12px; opacity: .85; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 14px; font-size: 14px; }
dl.meta div { display: contents; }
dl.meta dt { opacity: .8; }
dl.meta dd { margin: 0; }
dl.meta .pad { opacity: .7; font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 12px; }
nav ol { list-style: none; display: flex; flex-wrap: wrap; gap: 6px 20px; margin: 0; padding: 10px 0 0;
  border-top: 1px solid rgba(255,255,255,.3); }
nav a { color: #fff; text-decoration: none; font-size: 14px; }
nav a:hover { text-decoration: underline; }
main { max-width: 1040px; margin: 0 auto; padding: 8px 24px 32px; }
section { margin-top: 28px; }
h2 { font-size: 22px; color: var(--blauw); border-bottom: 2px solid var(--blauw); padding-bottom: 4px;
  margin: 0 0 14px; }
h3 { font-size: 18px; margin: 22px 0 8px; }
h4 { font-size: 15px; margin: 14px 0 6px; }
h5 { font-size: 12px; margin: 0 0 4px; text-transform: uppercase; letter-spacing: .05em; color: #6c757d; }
p.uitleg { color: #495057; margin: 4px 0 12px; }
p.leeg, .afwezig { color: #868e96; font-style: italic; }
p.samenvatting { font-size: 16px; margin: 0 0 16px; }
dl.kaarten { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 12px; margin: 0; }
.kaart.breed { grid-column: span 2; }
.kaart.accent { border-left-color: var(--blauw); }
.kaart { border: 1px solid var(--rand); border-left: 4px solid var(--grijs); border-radius: 4px; padding: 10px 12px;
  background: var(--zacht); }
.kaart.plus { border-left-color: var(--winst); }
.kaart.min { border-left-color: var(--verlies); }
.kaart dt { font-size: 13px; color: #495057; }
.kaart dd { margin: 0; }
.kaart .waarde { font-size: 21px; font-weight: bold; white-space: nowrap; }
.kaart.breed .waarde { font-size: 24px; }
.kaart .sub { font-size: 12px; color: #6c757d; }
article.artikel, article.uitvoer { border: 1px solid var(--rand); border-radius: 6px; padding: 4px 18px 16px;
  margin: 0 0 18px; }
article.artikel h3, article.uitvoer h3 { color: var(--blauw); }
p.jci { margin: -4px 0 8px; font-size: 12px; color: #6c757d; }
code, pre { font-family: "DejaVu Sans Mono", Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
blockquote.wettekst { margin: 8px 0 12px; padding: 8px 14px; border-left: 4px solid var(--grijs);
  background: var(--zacht); font-family: Georgia, "DejaVu Serif", serif; font-size: 14px; }
blockquote .label { margin: 0 0 2px; font: 12px/1.4 "DejaVu Sans", sans-serif; color: #6c757d;
  text-transform: uppercase; letter-spacing: .05em; }
.naast { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; margin: 6px 0 10px; }
.naast .kolom { border: 1px solid var(--rand); border-radius: 4px; padding: 8px 10px; background: #fff;
  min-width: 0; }
.naast .kolom.oud { background: #fffafa; }
.naast .kolom.nieuw { background: #f8fff9; }
.naast pre { margin: 0; white-space: pre-wrap; word-break: break-word; tab-size: 4; }
.naast.wettekst pre { font-family: Georgia, "DejaVu Serif", serif; font-size: 14px; }
del { background: #ffe3e3; color: #a51d1d; text-decoration: line-through; }
ins { background: #d3f9d8; color: #1b6b2c; text-decoration: underline; }
.wijziging h4 { font-weight: normal; }
.status { display: inline-block; font-size: 11px; font-weight: bold; text-transform: uppercase; border-radius: 3px;
  padding: 1px 6px; margin-right: 4px; vertical-align: 1px; }
.status.gewijzigd { background: #fff3bf; color: #7c5800; }
.status.nieuw { background: #d3f9d8; color: #1b6b2c; }
.status.vervallen { background: #ffe3e3; color: #a51d1d; }
.status.anders { background: #e9ecef; color: #495057; }
.soort { color: #6c757d; font-size: 13px; }
.twee { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
table.data { border-collapse: collapse; width: 100%; margin: 8px 0 14px; font-size: 13.5px; }
table.data caption { text-align: left; font-weight: bold; padding: 4px 0; color: #343a40; }
table.data th, table.data td { border-bottom: 1px solid var(--rand); padding: 4px 8px; text-align: left;
  vertical-align: top; }
table.data thead th { border-bottom: 2px solid #adb5bd; font-size: 12.5px; color: #495057; }
table.data tbody th { font-weight: normal; }
table.data .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.data tbody tr:nth-child(even) { background: #fafbfc; }
figure.grafiek { margin: 18px 0 22px; padding: 12px; border: 1px solid var(--rand); border-radius: 6px;
  break-inside: avoid; }
figure.grafiek svg { display: block; width: 100%; height: auto; max-width: 100%; }
svg text { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; }
figcaption { font-size: 13.5px; color: #343a40; margin-top: 6px; }
details.cijfers summary, details summary { cursor: pointer; color: var(--blauw); font-size: 13.5px; margin-top: 6px; }
table.bevindingen { table-layout: fixed; }
table.bevindingen col.c-code { width: 112px; }
table.bevindingen col.c-soort { width: 120px; }
table.bevindingen col.c-oordeel { width: 124px; }
table.bevindingen col.c-artikel { width: 220px; }
table.bevindingen col.c-bedrag { width: 84px; }
table.bevindingen td, table.bevindingen th { overflow-wrap: anywhere; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.twee > table { align-self: start; }
table.bevindingen ul { margin: 0; padding-left: 16px; }
table.bevindingen .code { font-family: "DejaVu Sans Mono", monospace; font-weight: bold; }
.aannames { color: #6c757d; font-size: 12px; margin-top: 2px; }
code.jci { display: block; font-size: 11px; color: #868e96; word-break: break-all; }
.ernst { font-size: 11px; border-radius: 3px; padding: 0 4px; background: #e9ecef; }
.ernst.fout { background: #ffe3e3; color: #a51d1d; }
.ernst.waarschuwing { background: #fff3bf; color: #7c5800; }
h3.nieuw-kop { color: var(--verlies); }
h3.vervallen-kop { color: var(--winst); }
ul.boom { margin: 0; padding-left: 16px; font-size: 12.5px; }
ul.boom ul { padding-left: 16px; border-left: 1px dotted #ced4da; }
ul.boom .naam { font-weight: bold; }
ul.boom .regel, ul.boom .obj { color: #6c757d; }
ul.boom .bron { color: #1971c2; font-size: 11.5px; }
footer { max-width: 1040px; margin: 0 auto; padding: 16px 24px 32px; color: #868e96; font-size: 12.5px;
  border-top: 1px solid var(--rand); }
@media (max-width: 760px) { .naast, .twee { grid-template-columns: 1fr; } }
@media print {
  body { font-size: 10pt; }
  header.kop { background: #fff; color: #000; padding: 0 0 8px; border-bottom: 2px solid #000; }
  nav { display: none; }
  main { max-width: none; padding: 0; }
  article, figure.grafiek, table.data tr, .wijziging { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
  details > summary { display: none; }
  details::details-content { content-visibility: visible; display: contents; }
  a { color: inherit; text-decoration: none; }
}
"""
