"""Golden tests: small RegelSpraak models with their expected CLI output.

Each folder under tests/golden/ holds a model (`model.rgs`, optionally `parameters.yaml`) and either
- one or more cases `geval*.yaml`, each with `verwacht*.json` (same suffix): the output of
  `regelspraak bereken <map> --gegevens <geval> --uitleg --formaat json`, or
- no case, for a model that must be rejected: `verwacht.json` (output of `controleer --formaat json`)
  and `verwacht.txt` (the text output, which shows the caret under the offending text).

Every expected file records the command and its exit code. The values in them were checked by hand
against regelspraak-taal.md; each case file says how (a comment at the top). After a deliberate change,
rewrite them with `pytest tests/golden --update-golden` and review the result with `git diff`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from regelspraak.cli import app

GOLDEN = Path(__file__).resolve().parent
ROOT = GOLDEN.parent.parent
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _cases() -> Iterator[Any]:
    for folder in sorted(p for p in GOLDEN.iterdir() if p.is_dir() and any(p.glob("*.rgs"))):
        gevallen = sorted(folder.glob("geval*.yaml"))
        if not gevallen:
            yield pytest.param(folder, None, id=f"{folder.name}/controleer")
        for geval in gevallen:
            yield pytest.param(folder, geval, id=f"{folder.name}/{geval.stem}")


def _rel(p: Path) -> str:
    return p.relative_to(ROOT).as_posix()


def _invoke(args: list[str]) -> tuple[int, str]:
    # catch_exceptions=False: a traceback must fail the test, not become an exit code.
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    return result.exit_code, _ANSI.sub("", result.stdout)


def _compare(pad: Path, gevonden: str, update: bool) -> None:
    if update or not pad.exists():
        pad.write_text(gevonden, encoding="utf-8")
        if not update:
            pytest.fail(f"{_rel(pad)} ontbrak en is aangemaakt; controleer de inhoud met de hand.")
        return
    verwacht = pad.read_text(encoding="utf-8")
    assert gevonden == verwacht, f"uitvoer wijkt af van {_rel(pad)} (herschrijf met --update-golden en beoordeel)"


@pytest.mark.parametrize(("folder", "geval"), list(_cases()))
def test_golden(folder: Path, geval: Path | None, repo: Path, update_golden: bool) -> None:
    if geval is None:
        args = ["controleer", _rel(folder), "--formaat", "json"]
        code, out = _invoke(args)
        data = {"commando": "regelspraak " + " ".join(args), "exitcode": code, "uitvoer": json.loads(out)}
        _compare(folder / "verwacht.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n", update_golden)
        tekst_args = ["controleer", _rel(folder)]
        tekst_code, tekst = _invoke(tekst_args)
        assert tekst_code == code
        _compare(folder / "verwacht.txt", f"$ regelspraak {' '.join(tekst_args)}\n{tekst}[exitcode {code}]\n",
                 update_golden)
        return
    args = ["bereken", _rel(folder), "--gegevens", _rel(geval), "--uitleg", "--formaat", "json"]
    code, out = _invoke(args)
    data = {"commando": "regelspraak " + " ".join(args), "exitcode": code, "uitvoer": json.loads(out)}
    verwacht = folder / ("verwacht" + geval.stem.removeprefix("geval") + ".json")
    _compare(verwacht, json.dumps(data, ensure_ascii=False, indent=2) + "\n", update_golden)


def test_elk_geval_heeft_een_afleiding() -> None:
    """A golden file is only a test if its values were derived by hand; each case says how."""
    zonder = [_rel(g) for g in GOLDEN.glob("*/geval*.yaml")
              if not any(r.lstrip().startswith("#") for r in g.read_text(encoding="utf-8").splitlines())]
    assert not zonder, f"gevallen zonder afleiding (commentaar met de berekening met de hand): {zonder}"


def test_geen_verweesde_verwachtingen() -> None:
    """Every expected file belongs to a case (or to a rejected model), so none goes stale unseen."""
    verweesd = []
    for pad in GOLDEN.glob("*/verwacht*"):
        suffix = pad.stem.removeprefix("verwacht")
        gevallen = list(pad.parent.glob("geval*.yaml"))
        hoort = (pad.parent / f"geval{suffix}.yaml").exists() if gevallen else suffix == ""
        if not hoort:
            verweesd.append(_rel(pad))
    assert not verweesd, f"verwachte uitvoer zonder geval: {verweesd}"
