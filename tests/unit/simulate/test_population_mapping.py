"""Mapping files: a model filled from the generic synthetic population, and mapping errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from regelspraak.diagnostics import DiagnosticError
from regelspraak.model import folder, ir
from regelspraak.model.from_syntax import load_model
from regelspraak.simulate.kalibratie import EIGENDOM, ROLLEN
from regelspraak.simulate.mapping import lees_mapping, pas_toe
from regelspraak.simulate.synthetic import SynthetischePopulatie, genereer

ROOT = Path(__file__).resolve().parents[3]

MODEL = """Domein Geldbedrag is van het type Numeriek (getal met 2 decimalen) met eenheid €

Domein Woonvorm is van het type Enumeratie
\t'huur'
\t'koop'

Objecttype de Persoon (mv: Personen) (bezield)
\thet inkomen\tGeldbedrag;
\thet ronde inkomen\tNumeriek (geheel getal) met eenheid €;
\thet vrije inkomen\tNumeriek (getal) met eenheid €;
\tde leeftijd\tNumeriek (niet-negatief geheel getal);
\tde geboortedatum\tDatum in dagen;
\tde rol\tTekst;
\tde maanden\tNumeriek (geheel getal);
\tis verzekerd\tkenmerk (bijvoeglijk);
\tis kind\tkenmerk (bijvoeglijk);

Objecttype het Huishouden (mv: Huishoudens)
\tde woonvorm\tWoonvorm;

Wederkerig feittype Partnerschap
\tde partner\tPersoon
Eén partner woont samen met één partner

Feittype huishoudsamenstelling
\thet huishouden\tHuishouden
\thet lid (mv: leden)\tPersoon
Eén huishouden bestaat uit meerdere leden
"""

GOED = """
objecttypen:
  de Persoon:
    uit: personen
    attributen:
      inkomen: inkomen
      vrije inkomen: inkomen
      leeftijd: leeftijd
      geboortedatum: geboortedatum
      rol: rol
      maanden: {waarde: 12}
    kenmerken:
      is verzekerd: verzekerd
      kind: {eigenschap: rol, waar_als: [thuiswonend kind]}
  Huishouden:
    uit: huishoudens
    attributen:
      woonvorm: {eigenschap: eigendom, waarden: {koop: koop, huur corporatie: huur, huur overig: huur}}
feittypen:
  Partnerschap:
    uit: personen
    rollen: {partner 1: id, partner 2: partner}
  huishoudsamenstelling:
    uit: personen
    rollen: {huishouden: huishouden, leden: id}
"""


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> ir.Model:
    pad = tmp_path_factory.mktemp("model") / "model.rgs"
    pad.write_text(MODEL, encoding="utf-8")
    m, diags = load_model([pad])
    assert not [d for d in diags if d.is_fout], diags
    return m


@pytest.fixture(scope="module")
def gen() -> SynthetischePopulatie:
    return genereer(3_000, seed=5)


def _mapping(tmp_path: Path, tekst: str) -> Path:
    pad = tmp_path / "mapping.yaml"
    pad.write_text(tekst, encoding="utf-8")
    return pad


def test_a_model_filled_from_the_generated_population(model: ir.Model, gen: SynthetischePopulatie,
                                                      tmp_path: Path) -> None:
    pop = pas_toe(lees_mapping(_mapping(tmp_path, GOED), model), gen, model)
    p = pop.tabellen["persoon"]
    eig = gen.personen.eigenschappen
    assert len(p) == len(gen.personen) and p.gewicht is gen.personen.gewicht
    assert p.kolommen["inkomen"].waarden.tolist() == eig["inkomen"].waarden.tolist()  # cents, exactly
    vrij = p.kolommen["vrije inkomen"]  # undeclared decimals: the smallest power of ten that is exact
    assert vrij.noemer == 100 and vrij.waarden.tolist() == eig["inkomen"].waarden.tolist()
    assert p.kolommen["maanden"].waarden.tolist() == [12] * len(p)
    assert p.kolommen["kenmerk:kind"].waarden.sum() == (eig["rol"].waarden == 0).sum()
    assert p.kolommen["rol"].waarden[0] in ROLLEN
    h = pop.tabellen["huishouden"].kolommen["woonvorm"]
    eigendom = gen.huishoudens.eigenschappen["eigendom"]
    koop = eigendom.geldig_masker() & (eigendom.waarden == EIGENDOM.index("koop"))
    assert (h.waarden[h.geldig] == 1).sum() == koop.sum()  # 'koop' is code 1 of Woonvorm
    assert not h.geldig[~eigendom.geldig_masker()].any()  # institutions: leeg
    # Wederkerig: each couple once; huishoudsamenstelling: every person once.
    paren = pop.relaties["partnerschap"].rijen
    assert len(paren[0]) == int(eig["partner"].geldig_masker().sum()) // 2
    assert (eig["partner"].waarden[paren[0]] == paren[1]).all()
    hs = pop.relaties["huishoudsamenstelling"].rijen
    assert hs[1].tolist() == list(range(len(p)))


def test_zorgtoeslag_mapping(gen: SynthetischePopulatie) -> None:
    zt, _ = load_model(list(folder.find(ROOT / "wetten" / "zorgtoeslag").rgs))
    k = lees_mapping(ROOT / "simulaties" / "zorgtoeslag-mapping.yaml", zt)
    assert k.eigenschap_van("toetsingsinkomen") == "toetsingsinkomen"  # the verzamelinkomen (ijking.py)
    assert k.eigenschap_van("het toetsingsinkomen") == "toetsingsinkomen"
    pop = pas_toe(k, gen, zt)
    hs = pop.relaties["huishoudsamenstelling"].rijen
    leden = np.bincount(hs[0], minlength=len(pop.tabellen["huishouden"]))
    # The model's consistency rule: a Huishouden has 1 or 2 leden.
    assert leden.min() >= 1 and leden.max() <= 2
    assert len(pop.tabellen["huishouden"]) == len(gen.toeslageenheden)


@pytest.mark.parametrize(("tekst", "code", "stuk"), [
    ("objecttypen:\n  Mens:\n    uit: personen\n", "RS701", "Onbekend objecttype 'Mens'. (veld 'objecttypen.Mens')"),
    ("objecttypen:\n  Persoon:\n    uit: burgers\n", "RS701", "Onbekende bron 'burgers'"),
    ("objecttypen:\n  Persoon:\n    uit: personen\n    attributen:\n      inkomsten: inkomen\n", "RS701",
     "Persoon heeft geen attribuut 'inkomsten'."),
    ("objecttypen:\n  Persoon:\n    uit: personen\n    attributen:\n      inkomen: salaris\n", "RS701",
     "'personen' heeft geen eigenschap 'salaris'"),
    ("objecttypen:\n  Persoon:\n    uit: personen\n    attributen:\n      inkomen: geboortedatum\n", "RS702",
     "'geboortedatum' (datum) kan geen waarde van type numeriek in € geven."),
    ("objecttypen:\n  Persoon:\n    uit: personen\n    kenmerken:\n      verzekerd: inkomen\n", "RS702",
     "'inkomen' (bedrag) kan geen waarde van een kenmerk geven."),
    ("objecttypen:\n  Huishouden:\n    uit: huishoudens\n    attributen:\n      woonvorm: eigendom\n", "RS702",
     "de waarden 'huur corporatie', 'huur overig' van 'eigendom' horen niet bij Woonvorm"),
    ("objecttypen:\n  Persoon:\n    uit: personen\n    attributen:\n      maanden: {waarde: 1.5}\n", "RS702",
     "1.5 heeft meer dan 0 decimalen"),
    ("objecttypen:\n  Persoon:\n    uit: personen\n    attributen:\n      leeftijd: {eigenschap: x, waarde: 1}\n",
     "RS901", "precies één"),
    ("objecttypen:\n  Persoon:\n    uit: personen\n    extra: 1\n", "RS901", "Onbekend veld."),
    ("objecttypen:\n  Persoon: {uit: personen}\n  Huishouden: {uit: huishoudens}\nfeittypen:\n"
     "  huishoudsamenstelling:\n    uit: personen\n    rollen: {huishouden: toeslageenheid, lid: id}\n", "RS703",
     "Rol 'huishouden' wijst naar Huishouden (uit 'huishoudens'), maar 'toeslageenheid' is een verwijzing naar "
     "'toeslageenheden'."),
    ("objecttypen:\n  Persoon: {uit: personen}\nfeittypen:\n  huishoudsamenstelling:\n    uit: personen\n"
     "    rollen: {huishouden: huishouden, lid: id}\n", "RS703",
     "Objecttype Huishouden van rol 'huishouden' staat niet onder 'objecttypen'."),
    ("objecttypen:\n  Persoon: {uit: personen}\nfeittypen:\n  Partnerschap:\n    uit: personen\n"
     "    rollen: {partner 1: id, echtgenoot: partner}\n", "RS701", "Rol 'partner 2' ontbreekt."),
])
def test_mapping_errors(model: ir.Model, tmp_path: Path, tekst: str, code: str, stuk: str) -> None:
    with pytest.raises(DiagnosticError) as e:
        lees_mapping(_mapping(tmp_path, tekst), model)
    d = e.value.diagnostics[0]
    assert d.code == code and stuk in d.bericht, (d.code, d.bericht)
    assert d.herkomst is not None and d.herkomst.span.bestand.endswith("mapping.yaml") and d.herkomst.span.regel >= 1


def test_mapping_error_names_the_line(model: ir.Model, tmp_path: Path) -> None:
    tekst = "objecttypen:\n  Persoon:\n    uit: personen\n    attributen:\n      inkomen: inkomen\n      inkomsten: x\n"
    with pytest.raises(DiagnosticError) as e:
        lees_mapping(_mapping(tmp_path, tekst), model)
    [d] = e.value.diagnostics
    assert d.herkomst is not None and d.herkomst.span.regel == 6
    assert d.hulp == "Bedoelde u 'inkomen'?"


def test_cents_into_whole_euros_is_exact_or_an_error(model: ir.Model, gen: SynthetischePopulatie,
                                                     tmp_path: Path) -> None:
    tekst = "objecttypen:\n  Persoon:\n    uit: personen\n    attributen:\n      ronde inkomen: inkomen\n"
    with pytest.raises(DiagnosticError) as e:
        pas_toe(lees_mapping(_mapping(tmp_path, tekst), model), gen, model)
    d = e.value.diagnostics[0]
    assert d.code == "RS702" and "meer dan 0 decimalen" in d.bericht and d.herkomst is not None
