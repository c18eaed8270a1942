"""Layering rules of issue 15, checked on the source (AST, nothing is imported):
- pydantic's errors are translated in one place (`inputs.pydantic_nl`), never pydantic's English;
- `model/` does not import the input layer (`inputs/`);
- no module imports another module's private names (`from x import _y`): a name another module
  needs is public. Modules split from one module inside a package still share some helpers; those
  existing edges are listed, and no new one may appear."""

from __future__ import annotations

import ast
from pathlib import Path

PAKKET = Path(__file__).resolve().parents[3] / "regelspraak"

# (importing module, imported module) pairs within one package, from before the rule: the solver
# and decision-table modules were split from one module each and share many helpers; owned by the
# analyses work, to be made public there.
BESTAAND: set[tuple[str, str]] = set()


def _modules() -> list[tuple[str, ast.Module]]:
    return [(".".join(p.relative_to(PAKKET).with_suffix("").parts), ast.parse(p.read_text("utf-8")))
            for p in sorted(PAKKET.rglob("*.py"))]


def _imports(boom: ast.Module) -> list[ast.ImportFrom]:
    return [n for n in ast.walk(boom) if isinstance(n, ast.ImportFrom) and (n.module or "").startswith("regelspraak")]


def test_one_translation_of_pydantic_errors() -> None:
    vangers = [naam for naam, boom in _modules()
               if any(isinstance(n, ast.ExceptHandler) and "ValidationError" in ast.unparse(n.type or ast.Pass())
                      for n in ast.walk(boom))]
    assert vangers, "the check finds nothing: is ValidationError still caught anywhere?"
    for naam, boom in _modules():
        if naam in vangers:
            bron = ast.unparse(boom)
            assert "pydantic_nl.diagnostieken" in bron, f"{naam} translates pydantic errors itself"
            assert "err['msg']" not in bron and 'err["msg"]' not in bron, f"{naam} passes pydantic's English on"


def test_model_does_not_import_inputs() -> None:
    for naam, boom in _modules():
        if naam.startswith("model."):
            for n in _imports(boom):
                assert not (n.module or "").startswith("regelspraak.inputs"), f"{naam} imports {n.module}"


def test_no_private_names_across_modules() -> None:
    gevonden = set()
    for naam, boom in _modules():
        for n in _imports(boom):
            prive = [a.name for a in n.names if a.name.startswith("_") and not a.name.startswith("__")]
            if prive:
                doel = (n.module or "").removeprefix("regelspraak.")
                assert (naam, doel) in BESTAAND, f"{naam} imports private {prive} from {doel}"
                gevonden.add((naam, doel))
    assert gevonden == BESTAAND, f"cleared, remove from BESTAAND: {BESTAAND - gevonden}"
