"""The progress display: silent when stderr is not a terminal, a live display when it is."""

from __future__ import annotations

import io
import sys

import pytest

from regelspraak.cli.voortgang import voortgang


def test_silent_when_stderr_is_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    with voortgang("Personen genereren", totaal=3) as v:
        v.stap()
        v.stap(n=2, tekst="huishoudens")
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", "")
    assert v.gedaan == 3


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("totaal", [None, 2])
def test_shows_progress_on_a_terminal_and_escapes_user_text(
        monkeypatch: pytest.MonkeyPatch, totaal: int | None) -> None:
    term = _Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    with voortgang("Wet [bold]lezen[/]", totaal=totaal) as v:
        v.stap(tekst="artikel\x1b]0;titel\x07 1")
        v.stap()
    out = term.getvalue()
    assert "Wet [bold]lezen[/]" in out  # markup in a description is shown, not interpreted
    assert "\x1b]0;" not in out and "artikel␛]0;titel" in out
    assert v.gedaan == 2
