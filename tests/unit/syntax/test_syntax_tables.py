"""Beslistabel blocks: pipe rows, n.v.t., value lists, and versions with their own table."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from regelspraak.syntax import nodes as n
from regelspraak.syntax.from_text import parse_files

DECL = """Objecttype het Kind (mv: Kinderen) (bezield)
\tde leeftijd\tNumeriek (geheel getal) met eenheid jr;
\thet bedrag\tNumeriek (getal) met eenheid €;
\tis klein\tkenmerk (bijvoeglijk);

"""
KOP = "| | het bedrag van een Kind moet gesteld worden op | indien zijn leeftijd kleiner is dan |\n|---|---|---|\n"


def tabel(tmp_path: Path, tekst: str) -> tuple[n.BeslistabelDecl | None, list[tuple[str, int]]]:
    p = tmp_path / "m.rgs"
    p.write_text(DECL + tekst, encoding="utf-8")
    files, diags = parse_files([p])
    t = next((d for d in files[0].declaraties if isinstance(d, n.BeslistabelDecl)), None)
    return t, [(d.code, d.herkomst.span.regel) for d in diags if d.herkomst]


def test_cellen_nvt_en_waardelijsten(tmp_path: Path) -> None:
    kop = "| | het bedrag van een Kind moet gesteld worden op | indien zijn leeftijd gelijk is aan |\n"
    t, diags = tabel(tmp_path, "Beslistabel b\n\tbron: art. 2 lid 1 Wzt\n\tgeldig altijd\n" + kop
                     + "| 1 | 10 € | 1 jr, 2 jr of 3 jr |\n| 2 | 20 € | n.v.t. |\n| 3 | 30 € | N.V.T. |\n")
    assert diags == [] and t is not None and t.bron is not None
    [v] = t.versies
    assert [k.soort for k in v.kolommen] == ["conclusie_attribuut", "conditie_vergelijking"]
    assert [r.nummer for r in v.rijen] == [1, 2, 3]
    assert len(v.rijen[0].cellen[1] or ()) == 3
    assert v.rijen[1].cellen[1] is None and v.rijen[2].cellen[1] is None


def test_versies_met_een_eigen_tabel(tmp_path: Path) -> None:
    t, diags = tabel(tmp_path, "Beslistabel b\n\tgeldig t/m 2023\n\tgeldig vanaf 2024 t/m 2024\n" + KOP
                     + "| 1 | 10 € | 4 jr |\n\tgeldig vanaf 2025\n" + KOP
                     + "| 1 | 11 € | 4 jr |\n| 2 | 5 € | 18 jr |\n")
    assert diags == [] and t is not None
    assert [[(g.vanaf, g.tot_en_met) for g in v.geldig] for v in t.versies] == [
        [(None, date(2023, 12, 31)), (date(2024, 1, 1), date(2024, 12, 31))], [(date(2025, 1, 1), None)]]
    assert [len(v.rijen) for v in t.versies] == [1, 2]


def test_kenmerkconclusie(tmp_path: Path) -> None:
    t, diags = tabel(tmp_path, "Beslistabel b\n\tgeldig altijd\n| | een Kind is klein | indien zijn leeftijd kleiner "
                               "is dan |\n| 1 | waar | 4 jr |\n")
    assert diags == [] and t is not None
    k = t.versies[0].kolommen[0]
    assert k.soort == "conclusie_kenmerk" and k.kenmerk is not None and k.kenmerk.tekst == "klein"


def test_fouten(tmp_path: Path) -> None:
    assert tabel(tmp_path, "Beslistabel b\n" + KOP + "| 1 | 10 € | 4 jr |\n")[1] == [("RS005", 7)]
    assert tabel(tmp_path, "Beslistabel b\n\tgeldig altijd\n" + KOP)[1] == [("RS006", 8)]  # no rows
    assert tabel(tmp_path, "Beslistabel b\n\tgeldig altijd\n" + KOP + "| 1 | 10 € |\n")[1] == [("RS006", 10)]
    assert tabel(tmp_path, "Beslistabel b\n\tgeldig altijd\n" + KOP + "| een | 10 € | 4 jr |\n")[1] == [("RS006", 10)]
    assert tabel(tmp_path, "Beslistabel b\n\tgeldig altijd\n" + KOP + "| 1 | 10 € | 4 jr |\n\tgeldig vanaf 2025\n"
                 )[1] == [("RS006", 11)]
    assert tabel(tmp_path, "Beslistabel b\n\tgeldig altijd\n| | indien zijn leeftijd kleiner is dan |\n| 1 | 4 jr |\n"
                 )[1] == [("RS006", 8)]
    assert tabel(tmp_path, "Beslistabel b\n\tgeldig altijd\nzomaar tekst\n")[1] == [("RS006", 8)]
