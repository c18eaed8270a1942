"""`regelspraak populatie` with the toeslagen characteristics (housing, children, medebewoners): a mapping
that fills the Awir feittypen writes them, and a mapping that misuses the new columns is refused with a
Dutch message naming file, line and field (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.e2e.cli_helpers import cli

ROOT = Path(__file__).resolve().parents[2]
ZT = ROOT / "wetten" / "zorgtoeslag"  # builds on the Awir, which declares kinderen and medebewoners

GOED = """objecttypen:
  Natuurlijk persoon:
    uit: personen
    attributen: {geboortedatum: geboortedatum, toetsingsinkomen: toetsingsinkomen, rendementsgrondslag: vermogen}
  Huishouden:
    uit: toeslageenheden
feittypen:
  huishoudsamenstelling:
    uit: personen
    rollen: {huishouden: toeslageenheid, lid: id}
  kinderen van het huishouden:
    uit: personen
    rollen: {ouderhuishouden: ouderlijke eenheid, kind: id}
  medebewoners van het huishouden:
    uit: personen
    rollen: {woonhuishouden: medebewoner van, medebewoner: id}
"""


def test_populatie_writes_children_and_medebewoners(tmp_path: Path) -> None:
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(GOED, "utf-8")
    r = cli("populatie", "--model", str(ZT), "--mapping", str(mapping), "--personen", "5000", "--seed", "2",
            "--uit", str(tmp_path / "p"), "--formaat", "json")
    assert r.code == 0, r.uitvoer
    kinderen = pq.read_table(tmp_path / "p" / "kinderen van het huishouden.parquet").to_pydict()
    mede = pq.read_table(tmp_path / "p" / "medebewoners van het huishouden.parquet").to_pydict()
    leden = pq.read_table(tmp_path / "p" / "huishoudsamenstelling.parquet").to_pydict()
    # about 19% of residents are children under 18 and 8% medebewoners
    assert 0.15 * 5000 < len(kinderen["kind"]) < 0.23 * 5000
    assert 0.04 * 5000 < len(mede["medebewoner"]) < 0.12 * 5000
    # a child is in no huishoudsamenstelling and never its own medebewoner; every parent unit exists
    assert not set(kinderen["kind"]) & set(leden["lid"])
    assert not set(kinderen["kind"]) & set(mede["medebewoner"])
    assert set(kinderen["ouderhuishouden"]) <= set(leden["huishouden"])


@pytest.mark.parametrize(("stuk", "code", "regel", "tekst"), [
    # a boolean column cannot fill a Geldbedrag
    ("    attributen: {toetsingsinkomen: kinderbijslag}\n", "RS702", 4, "toetsingsinkomen"),
    # the parents' unit is a toeslageenheid, not a person
    ("feittypen:\n  kinderen van het huishouden:\n    uit: personen\n"
     "    rollen: {ouderhuishouden: id, kind: ouderlijke eenheid}\n", "RS703", 9, "ouderhuishouden"),
    # a misspelt column names the ones that exist
    ("feittypen:\n  medebewoners van het huishouden:\n    uit: personen\n"
     "    rollen: {woonhuishouden: medebewoner, medebewoner: id}\n", "RS701", 9, "geen eigenschap 'medebewoner'"),
])
def test_misused_columns_are_refused_with_file_and_line(tmp_path: Path, stuk: str, code: str, regel: int,
                                                         tekst: str) -> None:
    basis = "objecttypen:\n  Natuurlijk persoon:\n    uit: personen\n"
    if stuk.startswith("    attributen"):
        tekst_mapping = basis + stuk + "  Huishouden:\n    uit: toeslageenheden\n"
    else:
        tekst_mapping = basis + "  Huishouden:\n    uit: toeslageenheden\n" + stuk
    mapping = tmp_path / "fout.yaml"
    mapping.write_text(tekst_mapping, "utf-8")
    r = cli("populatie", "--model", str(ZT), "--mapping", str(mapping), "--personen", "1000", "--seed", "1",
            "--uit", str(tmp_path / "p"), "--formaat", "json")
    assert r.code == 2, r.uitvoer
    diags = json.loads(r.stdout)["diagnostieken"]
    d = next(d for d in diags if d["code"] == code)
    assert d["regel"] == regel and tekst in d["bericht"] and d["bestand"].endswith("fout.yaml"), d
    assert not (tmp_path / "p").exists()
