"""Models that build on models (model.yaml `bouwt_op`, issue 13): composition in `folder.find`,
names resolved across folders, each declaration and rule keeping its own file and bron, clashes
naming both places, and bad, cyclic or escaping paths refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from regelspraak.diagnostics import DiagnosticError
from regelspraak.model import bouwt_op, folder
from regelspraak.model.from_syntax import load_model

ROOT = Path(__file__).resolve().parents[3]

BASIS = """Domein Geldbedrag is van het type Numeriek (getal met 2 decimalen) met eenheid €

Objecttype de Persoon (mv: Personen) (bezield)
\thet inkomen\tGeldbedrag;
\t\tbron: artikel 1, Basiswet
\tis laag\tkenmerk (bijvoeglijk);
\t\tbron: artikel 2, Basiswet

Parameter de drempel : Geldbedrag;
\tbron: artikel 2, Basiswet

Regel laag inkomen
\tbron: artikel 2, Basiswet
\tgeldig altijd
\t\tEen Persoon is laag indien zijn inkomen kleiner is dan de drempel.
"""

# The Toeslagwet adds its own attribute to the base's Persoon and a rule reading the base's parameter.
EIGEN = """Objecttype de Persoon (mv: Personen) (bezield)
\tde toeslag\tGeldbedrag;
\t\tbron: artikel 1, Toeslagwet

Regel toeslag
\tbron: artikel 1, Toeslagwet
\tgeldig altijd
\t\tDe toeslag van een Persoon moet berekend worden als de drempel min zijn inkomen, met een minimum van 0 €.
"""


def _basis(map_: Path) -> None:
    map_.mkdir(parents=True)
    (map_ / "basis.rgs").write_text(BASIS, "utf-8")
    (map_ / "parameters.yaml").write_text("parameters:\n  drempel:\n    - {waarde: 1000, bron: artikel 2}\n", "utf-8")


def _boom(tmp: Path, bouwt_op_tekst: str = "bouwt_op: [../basis]\n") -> Path:
    _basis(tmp / "basis")
    m = tmp / "toeslag"
    m.mkdir()
    (m / "toeslag.rgs").write_text(EIGEN, "utf-8")
    (m / "model.yaml").write_text(bouwt_op_tekst, "utf-8")
    return m


def _fout(pad: Path) -> DiagnosticError:
    with pytest.raises(DiagnosticError) as e:
        folder.find(pad)
    return e.value


def test_composition_puts_the_base_first_and_keeps_own_cases(tmp_path: Path) -> None:
    m = _boom(tmp_path)
    (m / "gevallen").mkdir()
    (m / "gevallen" / "a.yaml").write_text("{}", "utf-8")
    files = folder.find(m)
    assert [p.name for p in files.rgs] == ["basis.rgs", "toeslag.rgs"]
    assert files.parameters == (tmp_path / "basis" / "parameters.yaml",)
    assert files.basis == (tmp_path / "basis",)
    assert [p.name for p in files.gevallen] == ["a.yaml"]  # the base's cases are the base's own


def test_names_resolve_across_folders_and_each_keeps_its_bron(tmp_path: Path) -> None:
    model, diags = load_model(list(folder.find(_boom(tmp_path)).rgs))
    assert not [d for d in diags if d.is_fout], diags
    persoon = model.objecttypen["persoon"]
    assert set(persoon.attributen) == {"inkomen", "toeslag"} and set(persoon.kenmerken) == {"laag"}
    inkomen, toeslag = persoon.attributen["inkomen"], persoon.attributen["toeslag"]
    assert Path(inkomen.herkomst.span.bestand).name == "basis.rgs"
    assert Path(toeslag.herkomst.span.bestand).name == "toeslag.rgs"
    regels = {r.naam: r for r in model.regels}
    assert Path(regels["toeslag"].herkomst.span.bestand).name == "toeslag.rgs"
    assert Path(regels["laag inkomen"].herkomst.span.bestand).name == "basis.rgs"
    assert "Toeslagwet" in str(regels["toeslag"].bron) and "Basiswet" in str(regels["laag inkomen"].bron)


def test_a_clash_of_declarations_names_both_files_and_lines(tmp_path: Path) -> None:
    m = _boom(tmp_path)
    (m / "toeslag.rgs").write_text(EIGEN + "\nParameter de drempel : Geldbedrag;\n\tbron: artikel 3, Toeslagwet\n",
                                   "utf-8")
    _, diags = load_model(list(folder.find(m).rgs))
    [d] = [d for d in diags if d.is_fout]
    assert d.code == "RS102" and d.herkomst is not None
    assert d.herkomst.span.bestand.endswith("toeslag.rgs") and "basis.rgs:9" in d.bericht


def test_an_attribute_declared_in_base_and_extension_names_both(tmp_path: Path) -> None:
    m = _boom(tmp_path)
    (m / "toeslag.rgs").write_text(EIGEN.replace("\tde toeslag\tGeldbedrag;", "\thet inkomen\tGeldbedrag;"), "utf-8")
    _, diags = load_model(list(folder.find(m).rgs))
    assert any(d.code == "RS102" and "basis.rgs:4" in d.bericht and d.herkomst is not None
               and d.herkomst.span.bestand.endswith("toeslag.rgs") for d in diags), diags


def test_an_extension_that_differs_is_refused(tmp_path: Path) -> None:
    m = _boom(tmp_path)
    (m / "toeslag.rgs").write_text(EIGEN.replace(" (bezield)", ""), "utf-8")
    _, diags = load_model(list(folder.find(m).rgs))
    assert "RS725" in [d.code for d in diags]


def test_the_same_objecttype_twice_in_one_folder_stays_an_error(tmp_path: Path) -> None:
    m = tmp_path / "m"
    _basis(m)
    (m / "tweede.rgs").write_text(EIGEN, "utf-8")
    _, diags = load_model(list(folder.find(m).rgs))
    assert any(d.code == "RS102" and "basis.rgs" in d.bericht for d in diags)


def test_a_parameter_in_two_parameter_files_names_both(tmp_path: Path) -> None:
    m = _boom(tmp_path)
    (m / "parameters.yaml").write_text("# eigen\nparameters:\n  de Drempel:\n    - {waarde: 5}\n", "utf-8")
    [d] = _fout(m).diagnostics
    assert d.code == "RS723" and d.herkomst is not None
    assert d.herkomst.span.bestand == str(m / "parameters.yaml") and d.herkomst.span.regel == 3
    assert f"{tmp_path / 'basis' / 'parameters.yaml'}:2" in d.bericht


@pytest.mark.parametrize(("tekst", "code"), [
    ("bouwt_op: ../basis\n", "RS720"),
    ("bouwt_op: [../basis]\nextra: 1\n", "RS720"),
    ("bouwt_op: [1]\n", "RS720"),
    ("bouwt_op: [../bestaat-niet]\n", "RS720"),
    ("bouwt_op: [[\n", "RS720"),
    ("bouwt_op: [/etc]\n", "RS721"),
    ("bouwt_op: [../../..]\n", "RS721"),
    ("bouwt_op: [.]\n", "RS722"),
])
def test_bad_model_yaml_is_refused_with_its_line(tmp_path: Path, tekst: str, code: str) -> None:
    m = _boom(tmp_path, tekst)
    [d] = _fout(m).diagnostics
    assert d.code == code and d.herkomst is not None and d.herkomst.span.bestand == str(m / "model.yaml")
    assert d.herkomst.span.regel >= 1


def test_a_link_out_of_the_model_tree_is_refused(tmp_path: Path) -> None:
    buiten = tmp_path / "buiten"
    _basis(buiten / "geheim")
    boom = tmp_path / "wetten"
    boom.mkdir()
    m = _boom(boom, "bouwt_op: [../link]\n")
    os.symlink(buiten / "geheim", boom / "link")
    [d] = _fout(m).diagnostics
    assert d.code == "RS721" and "buiten de modelboom" in d.bericht


def test_a_cycle_is_refused(tmp_path: Path) -> None:
    m = _boom(tmp_path)
    (tmp_path / "basis" / "model.yaml").write_text("bouwt_op: [../toeslag]\n", "utf-8")
    [d] = _fout(m).diagnostics
    assert d.code == "RS722" and "kring" in d.bericht


def test_a_diamond_takes_the_shared_base_once(tmp_path: Path) -> None:
    _basis(tmp_path / "basis")
    for naam in ("links", "rechts"):
        (tmp_path / naam).mkdir()
        (tmp_path / naam / f"{naam}.rgs").write_text("", "utf-8")
        (tmp_path / naam / "model.yaml").write_text("bouwt_op: [../basis]\n", "utf-8")
    top = tmp_path / "top"
    top.mkdir()
    (top / "top.rgs").write_text("", "utf-8")
    (top / "model.yaml").write_text("bouwt_op: [../links, ../rechts]\n", "utf-8")
    assert [p.name for p in folder.find(top).basis] == ["basis", "links", "rechts"]


def test_a_chain_deeper_than_the_bound_is_refused(tmp_path: Path) -> None:
    for i in range(bouwt_op.MAX_DIEPTE + 2):
        m = tmp_path / f"m{i}"
        m.mkdir()
        (m / "a.rgs").write_text("", "utf-8")
        if i:
            (m / "model.yaml").write_text(f"bouwt_op: [../m{i - 1}]\n", "utf-8")
    [d] = _fout(tmp_path / f"m{bouwt_op.MAX_DIEPTE + 1}").diagnostics
    assert d.code == "RS722" and "dieper" in d.bericht


def test_model_yaml_that_is_no_regular_file_is_refused(tmp_path: Path) -> None:
    m = _boom(tmp_path)
    (m / "model.yaml").unlink()
    (m / "model.yaml").mkdir()
    assert _fout(m).diagnostics[0].code == "RS720"


def test_the_shipped_zorgtoeslag_builds_on_the_awir() -> None:
    files = folder.find(ROOT / "wetten" / "zorgtoeslag")
    assert [p.name for p in files.basis] == ["awir"]
    assert [p.parent.name for p in files.wetten] == ["awir", "zorgtoeslag"]
    model, diags = load_model(list(files.rgs))
    assert not [d for d in diags if d.is_fout]
    # The Awir's part keeps the Awir's file; the Wzt's its own.
    ot = model.objecttypen["natuurlijk persoon"]
    assert Path(ot.attributen["toetsingsinkomen"].herkomst.span.bestand).name == "awir.rgs"
    assert Path(ot.kenmerken["verzekerd"].herkomst.span.bestand).name == "zorgtoeslag.rgs"
    assert Path(model.parameters["minimumbedrag voor toekenning"].herkomst.span.bestand).name == "awir.rgs"


def test_load_model_of_a_folders_own_files_composes_it_with_its_bases(tmp_path: Path) -> None:
    """`load_model` of the `.rgs` files of one model folder (as a script globs them) gives the
    composed model, the same as `folder.find`; the folder's parameter file brings the base's."""
    from datetime import date

    from regelspraak.inputs.files import read_parameters

    m = _boom(tmp_path)
    (m / "parameters.yaml").write_text("parameters: {}\n", "utf-8")
    model, diags = load_model(sorted(m.glob("*.rgs")))
    assert not [d for d in diags if d.is_fout], diags
    samengesteld, _ = load_model(list(folder.find(m).rgs))
    assert [r.naam for r in model.regels] == [r.naam for r in samengesteld.regels] == ["laag inkomen", "toeslag"]
    waarden, bronnen = read_parameters(m / "parameters.yaml", model, model.eenheden, date(2025, 1, 1))
    assert waarden == {"drempel": 1000} and bronnen == {"drempel": "artikel 2"}
    # The base's own files, or files from several folders, are taken as given.
    basis, _ = load_model(sorted((tmp_path / "basis").glob("*.rgs")))
    assert [r.naam for r in basis.regels] == ["laag inkomen"]


def test_load_model_reports_a_bad_model_yaml_as_diagnostics(tmp_path: Path) -> None:
    m = _boom(tmp_path, "bouwt_op: [../elders]\n")
    _, diags = load_model(sorted(m.glob("*.rgs")))
    assert "RS720" in [d.code for d in diags]


def _familie(tmp: Path, extra: dict[str, str] | None = None) -> Path:
    """The toeslagen shape: three schemes on one base, a top model on the three (a diamond of
    depth two). Each scheme adds its own attribute to the base's Persoon; `extra` replaces a
    scheme's rule text."""
    _basis(tmp / "basis")
    for naam in ("zorg", "huur", "kind"):
        (tmp / naam).mkdir()
        tekst = (extra or {}).get(naam, f"""Objecttype de Persoon (mv: Personen) (bezield)
\tde {naam}toeslag\tGeldbedrag;
\t\tbron: artikel 1, Wet {naam}

Regel {naam}toeslag
\tbron: artikel 1, Wet {naam}
\tgeldig altijd
\t\tDe {naam}toeslag van een Persoon moet berekend worden als de drempel min zijn inkomen, met een minimum van 0 €.
""")
        (tmp / naam / f"{naam}.rgs").write_text(tekst, "utf-8")
        (tmp / naam / "model.yaml").write_text("bouwt_op: [../basis]\n", "utf-8")
    top = tmp / "top"
    top.mkdir()
    (top / "top.rgs").write_text("""Objecttype de Persoon (mv: Personen) (bezield)
\tde totale toeslag\tGeldbedrag;
\t\tbron: artikel 1, Topwet

Regel totale toeslag
\tbron: artikel 1, Topwet
\tgeldig altijd
\t\tDe totale toeslag van een Persoon moet berekend worden als
\t\t\tzijn zorgtoeslag plus zijn huurtoeslag plus zijn kindtoeslag.
""", "utf-8")
    (top / "model.yaml").write_text("bouwt_op: [../zorg, ../huur, ../kind]\n", "utf-8")
    return top


def test_the_toeslagen_diamond_joins_the_base_once_and_resolves_across_all(tmp_path: Path) -> None:
    files = folder.find(_familie(tmp_path))
    assert [p.name for p in files.basis] == ["basis", "zorg", "huur", "kind"]
    assert [p.name for p in files.rgs] == ["basis.rgs", "zorg.rgs", "huur.rgs", "kind.rgs", "top.rgs"]
    assert files.parameters == (tmp_path / "basis" / "parameters.yaml",)  # once: no RS723 against itself
    model, diags = load_model(list(files.rgs))
    assert not [d for d in diags if d.is_fout], diags
    persoon = model.objecttypen["persoon"]
    assert {"inkomen", "zorgtoeslag", "huurtoeslag", "kindtoeslag", "totale toeslag"} <= set(persoon.attributen)
    bron = {r.naam: Path(r.herkomst.span.bestand).name for r in model.regels}
    assert bron["laag inkomen"] == "basis.rgs" and bron["huurtoeslag"] == "huur.rgs"
    assert bron["totale toeslag"] == "top.rgs"


def test_the_base_named_again_by_the_top_is_still_joined_once(tmp_path: Path) -> None:
    top = _familie(tmp_path)
    (top / "model.yaml").write_text("bouwt_op: [../zorg, ../basis, ../huur, ../kind, ../zorg/../basis]\n", "utf-8")
    assert [p.name for p in folder.find(top).basis] == ["basis", "zorg", "huur", "kind"]


def test_a_clash_between_two_arms_of_the_diamond_names_both_files(tmp_path: Path) -> None:
    dubbel = """Objecttype de Persoon (mv: Personen) (bezield)
\tde woonkosten\tGeldbedrag;
\t\tbron: artikel 2, Wet {naam}
"""
    top = _familie(tmp_path, {"huur": dubbel.format(naam="huur"), "kind": dubbel.format(naam="kind")})
    (top / "top.rgs").write_text("", "utf-8")
    _, diags = load_model(list(folder.find(top).rgs))
    [d] = [d for d in diags if d.is_fout]
    assert d.code == "RS102" and d.herkomst is not None
    assert d.herkomst.span.bestand.endswith("kind.rgs") and "huur.rgs:2" in d.bericht


def test_a_cycle_through_one_arm_of_the_diamond_is_refused(tmp_path: Path) -> None:
    top = _familie(tmp_path)
    (tmp_path / "basis" / "model.yaml").write_text("bouwt_op: [../top]\n", "utf-8")
    [d] = _fout(top).diagnostics
    assert d.code == "RS722" and "kring" in d.bericht and "basis" in d.bericht and "top" in d.bericht


def test_a_diamond_at_the_depth_bound_is_refused_and_below_it_accepted(tmp_path: Path) -> None:
    """Depth counts levels of the chain, not folders: a wide diamond at depth 2 passes, a chain
    one level past MAX_DIEPTE under the diamond's base does not."""
    top = _familie(tmp_path)
    assert len(folder.find(top).basis) == 4
    vorige = "basis"
    for i in range(bouwt_op.MAX_DIEPTE):
        m = tmp_path / f"onder{i}"
        m.mkdir()
        (m / "a.rgs").write_text("", "utf-8")
        (tmp_path / vorige / "model.yaml").write_text(f"bouwt_op: [../onder{i}]\n", "utf-8")
        vorige = f"onder{i}"
    [d] = _fout(top).diagnostics
    assert d.code == "RS722" and "dieper" in d.bericht


def test_a_base_objecttype_may_be_extended_in_two_files_of_one_folder(tmp_path: Path) -> None:
    # Each file of the extending folder adds its own attributes to the base's Persoon (the review's
    # leftover "an objecttype cannot be extended twice in one folder" no longer holds).
    m = _boom(tmp_path)
    (m / "tweede.rgs").write_text("Objecttype de Persoon (mv: Personen) (bezield)\n\thet vermogen\tGeldbedrag;\n"
                                  "\t\tbron: artikel 1, Toeslagwet\n", "utf-8")
    model, diags = load_model(list(folder.find(m).rgs))
    assert not [d for d in diags if d.is_fout], diags
    assert {"inkomen", "toeslag", "vermogen"} <= set(model.objecttypen["persoon"].attributen)
