"""Text from users (law texts, rule files, case names, paths) made safe for a terminal.

An escape sequence in a law text could retitle the window, clear the screen or hide the lines
that follow; a `[/]` or `[bold]` in a path would be read as rich markup. So:

- every console of the CLI is a `VeiligeConsole` (`cli/app.py`, `cli/voortgang.py`): whatever it
  renders, each control character in the text (never in rich's own styling) is shown as a visible
  symbol of the same width (ESC as ␛);
- text printed without rich (a draft model, XML) goes through `veilig`;
- markup is escaped where a line is built, with rich's `escape`, for every user-supplied part.

>>> veilig("Artikel 1\\x1b]0;gehackt\\x07 lid 2\\u202e")
'Artikel 1␛]0;gehackt␇ lid 2�'
>>> veilig("regel 1\\nregel 2\\tkolom")
'regel 1\\nregel 2\\tkolom'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment

# C0 controls except tab and newline, DEL, C1 controls (0x9b is CSI in 8-bit terminals), and the
# bidirectional overrides and isolates that show text in another order than stored ("Trojan source").
_STUUR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BEELD = str.maketrans(
    {c: chr(0x2400 + c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20))}  # ␀ … ␟ (ESC: ␛)
    | {0x7F: "\u2421"}  # ␡
    | {c: "\ufffd" for c in (*range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))})


def veilig(tekst: str) -> str:
    """`tekst` with every control character a terminal acts on replaced by a visible symbol."""
    return tekst.translate(_BEELD) if _STUUR.search(tekst) else tekst


class VeiligeConsole(Console):
    """A rich Console that never passes a control character from the text it renders to the
    terminal; its own styling and cursor movements (control segments) are untouched."""

    def render(self, renderable: RenderableType, options: ConsoleOptions | None = None) -> Iterable[Segment]:
        for seg in super().render(renderable, options):
            if seg.control is None and _STUUR.search(seg.text):
                yield Segment(veilig(seg.text), seg.style, seg.control)
            else:
                yield seg

