"""The HTML report of `regelspraak vergelijk`: structure, safety and accessibility of `render()`,
and the page rendered in headless Chromium (screenshot and PDF kept in tests/e2e/artefacten/).

On CI (the CI environment variable set) the Chromium test must run: a missing browser fails it.
"""

from __future__ import annotations

import copy
import doctest
import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regelspraak.report import charts, curves, notation
from regelspraak.report import html as report_html
from regelspraak.report.html import render

HIER = Path(__file__).resolve().parent
FIXTURE = HIER / "html_fixture.json"
ARTEFACTEN = HIER / "artefacten"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>"\'&'


def fixture() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


# --- a small DOM, built with the standard library's HTML parser ---------------------------------

@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def iter(self, tag: str | None = None) -> list[Node]:
        out = [self] if tag is None or self.tag == tag else []
        for c in self.children:
            out += c.iter(tag)
        return out

    def alle_tekst(self) -> str:
        return "".join(self.text) + "".join(c.alle_tekst() for c in self.children)


class _Bouwer(HTMLParser):
    """Builds the tree and checks that every element is closed, in order (void elements excepted)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.fouten: list[str] = []
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if len(self.stack) == 1 or self.stack[-1].tag != tag:
            self.fouten.append(f"</{tag}> closes <{self.stack[-1].tag}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].text.append(data)


def parse(page: str) -> Node:
    b = _Bouwer()
    b.feed(page)
    b.close()
    assert not b.fouten, b.fouten[:5]
    assert len(b.stack) == 1, f"unclosed: {[n.tag for n in b.stack[1:]]}"
    assert b.doctype.lower() == "doctype html"
    return b.root


def check_page(page: str) -> Node:
    """Everything every rendered page must satisfy, whatever the data."""
    root = parse(page)
    (html_el,) = root.iter("html")
    assert html_el.attrs.get("lang") == "nl"
    # No resource loads, no scripts, no event handlers.
    for n in root.iter():
        assert n.tag not in {"script", "link", "iframe", "img", "object", "embed", "base", "form"}, n.tag
        for k, v in n.attrs.items():
            assert not k.startswith("on"), (n.tag, k)
            if k in {"src", "href", "xlink:href", "action", "srcset", "poster", "data"}:
                assert not re.match(r"\s*([a-z][a-z0-9+.-]*:|//)", v, re.I), (n.tag, k, v)
    assert re.findall(r"https?://[^\s\"'<>]*", page) == ["http://www.w3.org/2000/svg"] * page.count("<svg ")
    for style in root.iter("style"):
        assert "@import" not in style.alle_tekst() and "url(" not in style.alle_tekst()
    # Ids are unique (the clip paths and the table of contents rely on them).
    ids = [n.attrs["id"] for n in root.iter() if "id" in n.attrs]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    # Every chart: an accessible <svg> in a <figure> with a caption and a data table; every mark titled.
    for fig in root.iter("figure"):
        svgs = fig.iter("svg")
        assert len(svgs) == 1
        svg = svgs[0]
        assert svg.attrs.get("role") == "img"
        assert svg.attrs.get("aria-label", "").strip()
        assert svg.children and svg.children[0].tag == "title"
        assert fig.iter("figcaption") and fig.iter("figcaption")[0].alle_tekst().strip()
        tabellen = fig.iter("table")
        assert tabellen and tabellen[0].iter("td"), "a chart without its numbers"
        for mark in svg.iter():
            klasse = mark.attrs.get("class", "")
            if klasse in {"staaf", "klif", "lijn", "drempel"}:
                assert mark.children and mark.children[0].tag == "title", (mark.tag, klasse)
    assert len(root.iter("svg")) == len(root.iter("figure")), "an <svg> outside a figure"
    # Each SVG is well-formed XML on its own.
    for m in re.finditer(r"<svg .*?</svg>", page, re.S):
        ET.fromstring(m.group(0))
    return root


# --- the fixture page ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pagina() -> str:
    return render(fixture())


def test_fixture_page_is_well_formed_and_safe(pagina: str) -> None:
    root = check_page(pagina)
    titels = [n.alle_tekst() for n in root.iter("h2")]
    assert titels == ["Samenvatting", "Regelwijzigingen per artikel", "Impact op de bevolking",
                      "Uitkomst rond de drempels", "Bevindingen van de analyses"]
    # The table of contents points at the sections, in the page.
    assert [a.attrs["href"] for a in root.iter("nav")[0].iter("a")] == [
        "#samenvatting", "#regels", "#impact", "#krommen", "#bevindingen"]


def test_fixture_page_shows_the_numbers_in_dutch(pagina: str) -> None:
    for tekst in ("€ 7.358.514.344", "€ 7.400.000.000", "+€ 41.485.656", "185.000", "4.914.662", "5.100.000",
                  "+€ 23", "€ 1.583.357.458", "deciel 10", "huishoudtype"):
        assert tekst in pagina, tekst
    assert "7358514344" not in pagina.replace("€ 7.358.514.344", "")


def test_rule_changes_side_by_side_with_word_diff(pagina: str) -> None:
    root = parse(pagina)
    (sectie,) = [s for s in root.iter("section") if s.attrs.get("id") == "regels"]
    artikelen = sectie.iter("article")
    assert [a.iter("h3")[0].alle_tekst() for a in artikelen] == [
        "artikel 14, vijfde lid, Algemene wet inkomensafhankelijke regelingen",
        "artikel 14, vierde lid, Algemene wet inkomensafhankelijke regelingen"]
    lid5 = artikelen[0]
    assert "minder dan € 24" in lid5.iter("del")[0].alle_tekst()  # the lid is struck out entirely
    assert "(vervalt)" in lid5.alle_tekst()
    dels = [d.alle_tekst() for d in lid5.iter("del")]
    ins = [i.alle_tekst() for i in lid5.iter("ins")]
    assert "24" in dels and "0" in ins  # the parameter: 24 → 0
    lid4 = artikelen[1]
    assert "Wettekst (ongewijzigd)" in lid4.alle_tekst()
    assert "vijfde" in [d.alle_tekst() for d in lid4.iter("del")]
    assert "vierde" in [i.alle_tekst() for i in lid4.iter("ins")]
    assert "aanspraak op zorgtoeslag heeft" in " ".join(i.alle_tekst() for i in lid4.iter("ins"))


def test_decile_chart_and_waterfall(pagina: str) -> None:
    root = parse(pagina)
    figuren = root.iter("figure")
    deciel = next(f for f in figuren if "inkomensdeciel" in f.iter("figcaption")[0].alle_tekst())
    staven = [t.alle_tekst() for t in deciel.iter("title")]
    assert "deciel 5: gemiddelde verandering +€ 22" in staven
    assert "deciel 5: 105.000 (10,4%) winnaars" in staven
    rijen = [[c.alle_tekst() for c in r.children] for r in deciel.iter("tbody")[0].iter("tr")]
    assert len(rijen) == 10
    assert rijen[4][:5] == ["deciel 5", "€ 849.256.311", "€ 871.256.311", "+€ 22.000.000", "+€ 22"]
    waterval = next(f for f in figuren if "Budgeteffect" in f.iter("figcaption")[0].alle_tekst())
    rijen = [[c.alle_tekst() for c in r.children] for r in waterval.iter("tbody")[0].iter("tr")]
    assert rijen == [["Huidig totaal", "€ 7.358.514.344", "€ 7.358.514.344"],
                     ["Wijziging", "+€ 41.485.656", "€ 7.400.000.000"],
                     ["Voorstel totaal", "€ 7.400.000.000", "€ 7.400.000.000"]]
    assert "begint niet bij nul" in waterval.alle_tekst()  # a small change on a large total: a cut axis, said


def test_waterfall_per_contribution() -> None:
    data = fixture()
    data["impact"]["uitvoer"]["zorgtoeslag"]["bijdragen"] = [
        {"naam": "geen zorgtoeslag vervalt", "bedrag": "45000000"},
        {"naam": "minimumbedrag 24 → 0", "bedrag": "-3000000"}]
    root = check_page(render(data))
    waterval = next(f for f in root.iter("figure") if "Budgeteffect" in f.iter("figcaption")[0].alle_tekst())
    rijen = [[c.alle_tekst() for c in r.children] for r in waterval.iter("tbody")[0].iter("tr")]
    assert [r[0] for r in rijen] == ["Huidig totaal", "geen zorgtoeslag vervalt", "minimumbedrag 24 → 0",
                                     "Overig (samenloop)", "Voorstel totaal"]
    assert rijen[3][1] == "−€ 514.344"  # 41.485.656 − 45.000.000 + 3.000.000


def test_cliff_is_visible_and_in_the_table(pagina: str) -> None:
    root = parse(pagina)
    fig = next(f for f in root.iter("figure") if "toetsingsinkomen" in f.iter("figcaption")[0].alle_tekst())
    svg = fig.iter("svg")[0]
    kliffen = [g for g in svg.iter("g") if g.attrs.get("class") == "klif"]
    assert kliffen, "the € 24 cliff is not marked"
    assert any("€ 39.719 → € 39.720" in g.iter("title")[0].alle_tekst() and "−€ 24" in g.iter("title")[0].alle_tekst()
               for g in kliffen)
    assert "Ingezoomd rond de klif" in svg.alle_tekst()  # a zoomed panel, where € 24 on a € 1.573 scale shows
    assert "klif" in svg.attrs["aria-label"] and "€ 39.719" in svg.attrs["aria-label"]
    # In the zoomed panel the drop spans a good part of the panel's height.
    lijnen = [g.iter("line")[0] for g in kliffen]
    assert max(abs(float(n.attrs["y2"]) - float(n.attrs["y1"])) for n in lijnen) > 12
    rijen = {r.children[0].alle_tekst(): [c.alle_tekst() for c in r.children[1:]]
             for r in fig.iter("tbody")[0].iter("tr")}
    assert rijen["€ 39.719"][:3] == ["€ 24", "€ 24", "€ 0"]
    assert rijen["€ 39.720"][:3] == ["€ 0", "€ 23", "+€ 23"]
    assert "klif huidig" in rijen["€ 39.720"][3]
    # The unchanged asset cliff (vermogensgrens) shows for both versions, said once.
    fig2 = next(f for f in root.iter("figure") if "rendementsgrondslag" in f.iter("figcaption")[0].alle_tekst())
    assert "klif huidig en voorstel" in fig2.alle_tekst()
    assert "verandert deze lijn niet" in fig2.iter("figcaption")[0].alle_tekst()


def test_findings_new_and_removed(pagina: str) -> None:
    root = parse(pagina)
    (sectie,) = [s for s in root.iter("section") if s.attrs.get("id") == "bevindingen"]
    tabellen = {t.attrs["class"].split()[-1]: t for t in sectie.iter("table")}
    assert set(tabellen) == {"nieuw", "vervallen", "gebleven"}
    nieuw = tabellen["nieuw"].iter("tbody")[0].iter("tr")
    assert len(nieuw) == 1 and "RS404" in nieuw[0].alle_tekst() and "tegenvoorbeeld" in nieuw[0].alle_tekst()
    assert "artikel 2, eerste lid, Wet op de zorgtoeslag" in nieuw[0].alle_tekst()
    vervallen = tabellen["vervallen"].iter("tbody")[0].iter("tr")
    assert len(vervallen) == 2 and all("RS402" in r.alle_tekst() and "€ 24" in r.alle_tekst() for r in vervallen)


def test_hostile_strings_are_escaped() -> None:
    data = fixture()
    data["voorstel"]["naam"] = HOSTILE
    data["huidig"]["naam"] = HOSTILE
    data["samenvatting"] = HOSTILE
    g = data["regels"][0]
    g["artikel"], g["jci"], g["wettekst_oud"] = HOSTILE, HOSTILE, HOSTILE
    g["wijzigingen"][0].update(naam=HOSTILE, soort=HOSTILE, status=HOSTILE, oud=HOSTILE + " a", nieuw=HOSTILE + " b")
    u = data["impact"]["uitvoer"].pop("zorgtoeslag")
    u["objecttype"] = HOSTILE
    u["groepen"][HOSTILE] = u["groepen"].pop("inkomensdeciel")
    u["groepen"][HOSTILE][0]["groep"] = HOSTILE
    u["grootste"][0]["object"] = HOSTILE
    u["grootste"][0]["uitleg_voor"]["zorgtoeslag"]["naam"] = HOSTILE
    data["impact"]["uitvoer"][HOSTILE] = u
    data["impact"]["scenario"] = HOSTILE
    k = data["krommen"][0]
    k["uitkomst"], k["invoer"], k["sjabloon"], k["object"] = HOSTILE, HOSTILE, HOSTILE, HOSTILE
    f = data["analyses"]["nieuw"][0]
    f["code"], f["bericht"], f["ernst"], f["soort"] = HOSTILE, HOSTILE, HOSTILE, HOSTILE
    f["artikelen"][0]["citaat"] = HOSTILE
    page = render(data)
    check_page(page)
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    assert "&lt;script&gt;" in page
    assert page.count("&lt;script&gt;") >= 20


GROOT = "1" + "0" * 30
ODD_CASES: list[Any] = [
    {},
    {"voorstel": {}, "huidig": {}, "regels": [], "krommen": [], "analyses": {}},
    {"impact": {"scenario": "s", "uitvoer": {}}},
    {"impact": {"uitvoer": {"x": {}}}},
    {"impact": {"uitvoer": {"x": {"voor": {"totaal": "0"}, "na": {"totaal": "0"}, "budget": "0",
                                  "groepen": {"deciel": []}}}}},
    {"impact": {"uitvoer": {"x": {"voor": {"totaal": "-5"}, "na": {"totaal": "1000/3"}, "budget": None,
                                  "groepen": {"g": [{"groep": None}, {}, "rubbish"]}}}}},
    {"regels": [{"wijzigingen": [{}]}, None, "x", {"wettekst_oud": "a", "wettekst_nieuw": "b"}]},
    {"krommen": [{}, {"punten_voor": [["0", "1"]]}, {"punten_voor": [["1e999999999", "x"], [1, 2, 3], "a"]},
                 {"punten_voor": [["5", "5"], ["5", "6"]], "punten_na": [], "drempels": ["5", "x", None]}]},
    {"analyses": {"nieuw": [None, {}, {"artikelen": [None, {"citaat": None}]}], "vervallen": "x"}},
    {"voorstel": ["not", "a", "dict"], "regels": {"a": 1}, "impact": [], "krommen": "x", "analyses": 3,
     "samenvatting": 12},
    # Extreme numbers: float pixel maths must neither crash nor loop.
    {"krommen": [{"punten_voor": [[GROOT, "5"], [GROOT[:-1] + "1", "0"]], "punten_na": [[GROOT, "5"]]}]},
    {"krommen": [{"punten_voor": [["-" + GROOT, "-" + GROOT], [GROOT, GROOT]], "drempels": [GROOT, "0"]}]},
    {"krommen": [{"punten_voor": [["0.0000001", "0.0000001"], ["0.0000002", "5"]]}]},
    {"impact": {"uitvoer": {"x": {"voor": {"totaal": "9" * 39}, "na": {"totaal": "9" * 38 + "8"},
                                  "bijdragen": [{"naam": "a", "bedrag": "1"}] * 30}}}},
    {"impact": {"uitvoer": {"x": {"voor": {"totaal": "-5"}, "na": {"totaal": "-9"}}}}},
    {"impact": {"uitvoer": {"x": {"groepen": {"leeftijd": [
        {"groep": f"{i} jaar", "gemiddelde_verandering": str(i - 50), "winnaars": i, "verliezers": 100 - i}
        for i in range(100)]}}}}},
]


@pytest.mark.parametrize("data", ODD_CASES)
def test_missing_or_odd_fields_still_render(data: dict[str, Any]) -> None:
    check_page(render(data))


def test_no_impact_no_analyses_says_so() -> None:
    page = render({"voorstel": {"naam": "Alleen tekst"}, "regels": fixture()["regels"]})
    check_page(page)
    assert "Geen scenario opgegeven" in page
    assert "De analyses zijn niet uitgevoerd" in page


def _paden(v: Any, pad: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths into the fixture worth replacing (long point lists are not descended into)."""
    out = [pad]
    if isinstance(v, dict):
        for k, w in v.items():
            out += _paden(w, (*pad, k))
    elif isinstance(v, list) and len(v) <= 12:
        for i, w in enumerate(v):
            out += _paden(w, (*pad, i))
    return out


PADEN = _paden(fixture())[1:]
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-10**30, 10**30) | st.floats(allow_nan=True) | st.text(max_size=30)
    | st.sampled_from(["12.5", "-3", "1/3", "1/0", "1e400", "€ 24", "", HOSTILE, GROOT, "-" + GROOT, "0.0000001"]),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4),
    max_leaves=12)


def _heeft(doel: Any, stap: Any) -> bool:
    if isinstance(doel, dict):
        return stap in doel
    return isinstance(doel, list) and isinstance(stap, int) and stap < len(doel)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PADEN), JSON), min_size=1, max_size=4))
def test_any_field_replaced_by_anything_still_renders(vervangingen: list[tuple[tuple[Any, ...], Any]]) -> None:
    data: Any = copy.deepcopy(fixture())
    for pad, waarde in vervangingen:
        doel = data
        for stap in pad[:-1]:
            if not _heeft(doel, stap):
                break
            doel = doel[stap]
        else:
            if isinstance(doel, dict) or _heeft(doel, pad[-1]):
                doel[pad[-1]] = waarde
    check_page(render(data))


def test_render_is_deterministic(pagina: str) -> None:
    assert render(fixture()) == pagina


def test_docstring_examples() -> None:
    for module in (report_html, charts, curves, notation):
        uitslag = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert uitslag.attempted > 0 and uitslag.failed == 0, module.__name__


def test_dutch_amounts_are_exact() -> None:
    assert notation.bedrag("7358514344") == "€ 7.358.514.344"
    assert notation.bedrag("1573.4") == "€ 1.573,40"
    assert notation.bedrag("0.125") == "€ 0,125"
    assert notation.verschil("-65") == "−€ 65"
    assert notation.verschil("0") == "€ 0"
    assert notation.bedrag("1000/3") == "≈ € 333,33"
    assert notation.bedrag(None) == notation.bedrag("abc") == notation.bedrag(True) == "—"
    assert notation.aantal(1478480) == "1.478.480"


# --- headless Chromium ---------------------------------------------------------------------------

def _chromium() -> str | None:
    for naam in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        pad = shutil.which(naam)
        if pad:
            return pad
    return None


def _png_info(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and the decompressed (still filtered) image bytes of a PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, breedte, hoogte, kanalen = 8, b"", 0, 0, 0
    while pos < len(data):
        (lengte,) = struct.unpack(">I", data[pos:pos + 4])
        soort, inhoud = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + lengte]
        if soort == b"IHDR":
            breedte, hoogte, diepte, kleur = struct.unpack(">IIBB", inhoud[:10])
            assert diepte == 8
            kanalen = {0: 1, 2: 3, 4: 2, 6: 4}[kleur]
        elif soort == b"IDAT":
            idat += inhoud
        pos += 12 + lengte
    ruw = zlib.decompress(idat)
    assert len(ruw) == hoogte * (1 + breedte * kanalen), "truncated image data"
    return breedte, hoogte, ruw


def _draai(exe: str, args: list[str], werkmap: Path) -> subprocess.CompletedProcess[str]:
    cmd = [exe, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
           "--no-first-run", "--no-default-browser-check", f"--user-data-dir={werkmap / 'profiel'}",
           "--host-resolver-rules=MAP * ~NOTFOUND",  # the page must not need the network
           *args]
    return subprocess.run(cmd, cwd=werkmap, capture_output=True, text=True, timeout=180, check=False)


def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    exe = _chromium()
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but no Chromium binary was found (chromium, chromium-browser, google-chrome): "
                        "the HTML report test must run on CI. .ci/run installs Debian's `chromium` package.")
        pytest.skip("no Chromium binary found (install Debian's `chromium` to run the HTML report test)")
    ARTEFACTEN.mkdir(exist_ok=True)
    pagina = ARTEFACTEN / "vergelijk-rapport.html"
    png = ARTEFACTEN / "vergelijk-rapport.png"
    pdf = ARTEFACTEN / "vergelijk-rapport.pdf"
    pagina.write_text(render(fixture()), encoding="utf-8")
    for p in (png, pdf):
        p.unlink(missing_ok=True)

    r = _draai(exe, [f"--screenshot={png}", "--window-size=1280,2400", pagina.as_uri()], tmp_path)
    assert png.is_file(), f"no screenshot (exit {r.returncode}):\n{r.stderr[-2000:]}"
    data = png.read_bytes()
    assert len(data) > 10_000, f"screenshot suspiciously small: {len(data)} bytes"
    breedte, hoogte, ruw = _png_info(data)
    assert (breedte, hoogte) == (1280, 2400)
    assert len(set(ruw)) >= 64, "the screenshot is (nearly) a single colour"

    # Printed, the page still lays out (several pages of PDF).
    r = _draai(exe, [f"--print-to-pdf={pdf}", "--no-pdf-header-footer", pagina.as_uri()], tmp_path)
    assert pdf.is_file(), f"no PDF (exit {r.returncode}):\n{r.stderr[-2000:]}"
    inhoud = pdf.read_bytes()
    assert inhoud.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", inhoud)) >= 2
