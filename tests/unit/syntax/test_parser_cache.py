"""The analysed grammar is cached per user (a private folder), never in a shared temp dir, and
a cached parser parses exactly like a fresh one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from regelspraak.syntax import sentences
from regelspraak.syntax.lexer import Lexicon, Regel


def test_cache_is_private_and_can_be_switched_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    pad = sentences._cache("grammatica")
    assert isinstance(pad, str) and Path(pad).parent == tmp_path / "regelspraak"
    assert (tmp_path / "regelspraak").stat().st_mode & 0o077 == 0
    assert sentences._cache("andere grammatica") != pad  # keyed by the grammar
    monkeypatch.setenv("REGELSPRAAK_CACHE", "uit")
    assert sentences._cache("grammatica") is False
    monkeypatch.delenv("REGELSPRAAK_CACHE")
    os.chmod(tmp_path / "regelspraak", 0o777)  # writable by others: not trusted
    assert sentences._cache("grammatica") is False


def test_cached_parser_parses_like_a_fresh_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lex = Lexicon()
    lex.add("leeftijd")
    lex.add("Natuurlijk persoon")
    zin = [Regel(1, 1, "de leeftijd van een Natuurlijk persoon plus 1 maal 2")]
    uitkomsten = []
    try:
        for cache in ("uit", "aan", "aan"):  # no cache; cache written; cache read
            monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
            monkeypatch.setenv("REGELSPRAAK_CACHE", cache)
            sentences._parser.cache_clear()
            uitkomsten.append(sentences.parse_sentence("expressie", zin, lex, "a.rgs"))
            assert bool(list((tmp_path / "regelspraak").glob("*.lark"))) == (cache == "aan")
    finally:
        sentences._parser.cache_clear()
    assert uitkomsten[0] == uitkomsten[1] == uitkomsten[2]
