"""Text from users (law texts, rule files, case names, paths) made safe for a terminal.

An escape sequence in a law text could retitle the window, clear the screen or hide the lines
that follow; a `[/]` or `[bold]` in a path would be read as rich markup. Every console in the CLI
runs its output through `veilig` (see `cli/app.py`), and markup is escaped where it is built.

>>> veilig("Artikel 1\\x1b]0;gehackt\\x07 lid 2")
'Artikel 1\\\\x1b]0;gehackt\\\\x07 lid 2'
>>> veilig("regel 1\\nregel 2\\tkolom")
'regel 1\\nregel 2\\tkolom'
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, and the bidirectional overrides and
# isolates that show text in a different order than it is stored ("Trojan source").
_STUUR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _zichtbaar(m: re.Match[str]) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def veilig(tekst: str) -> str:
    """`tekst` with every control character that a terminal acts on shown as a visible escape."""
    return _STUUR.sub(_zichtbaar, tekst)
