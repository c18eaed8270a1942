"""A rule file with nothing but blank lines and comments is RS040, a warning: "0 fouten" alone would suggest
something was checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from regelspraak.diagnostics import Ernst
from regelspraak.syntax.from_text import read_blocks


@pytest.mark.parametrize("inhoud", ["", "\n\n", "// alleen commentaar\n", "   \n// a\n\t\n"])
def test_file_without_declarations_is_a_warning(tmp_path: Path, inhoud: str) -> None:
    pad = tmp_path / "leeg.rgs"
    pad.write_text(inhoud, encoding="utf-8")
    blocks, diags = read_blocks(pad)
    assert blocks == []
    assert [(d.code, d.ernst) for d in diags] == [("RS040", Ernst.WAARSCHUWING)]
    assert diags[0].herkomst.span.regel == 1


def test_file_with_a_declaration_has_no_warning(tmp_path: Path) -> None:
    pad = tmp_path / "a.rgs"
    pad.write_text("// kop\nParameter de grens : Bedrag;\n", encoding="utf-8")
    blocks, diags = read_blocks(pad)
    assert len(blocks) == 1
    assert [d.code for d in diags] == []
