"""Find the lark grammars: inside the installed wheel (`regelspraak.grammar`) or, when running
from a checkout, in the top-level `grammar/` folder.

>>> "regel_zin" in grammar_text("regelspraak.lark")
True
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path


@functools.cache
def grammar_text(naam: str) -> str:
    try:
        return resources.files("regelspraak.grammar").joinpath(naam).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        checkout = Path(__file__).resolve().parents[2] / "grammar" / naam
        return checkout.read_text(encoding="utf-8")
