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


def test_the_cache_file_appears_whole_or_not_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Processes that start together (test workers, simuleer's processes) must never read a half-written
    cache: the file is written under a name of this process's own and renamed into place."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    geschreven: list[str] = []
    echte = sentences.Lark

    def lark(*args: object, **kwargs: object) -> object:
        geschreven.append(str(kwargs["cache"]))
        return echte(*args, **kwargs)

    monkeypatch.setattr(sentences, "Lark", lark)
    try:
        sentences._parser.cache_clear()
        sentences._parser()
    finally:
        sentences._parser.cache_clear()
    cache = sentences._cache(sentences.grammar_text("regelspraak.lark"))
    assert isinstance(cache, str)
    [eigen] = geschreven
    assert Path(eigen).parent == Path(cache).parent and eigen != cache  # lark wrote elsewhere ...
    assert [p.name for p in (tmp_path / "regelspraak").iterdir()] == [Path(cache).name]  # ... and it was moved


def test_a_cache_that_did_not_read_back_whole_is_not_moved_into_place(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """lark says nothing when saving fails (a full disk): a half file must not become the cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    echte = sentences.Lark

    def lark(*args: object, **kwargs: object) -> object:
        parser = echte(*args, **kwargs)
        pad = Path(str(kwargs["cache"]))
        pad.write_bytes(pad.read_bytes()[:100])  # as if the disk filled up while lark wrote
        return parser

    monkeypatch.setattr(sentences, "Lark", lark)
    try:
        sentences._parser.cache_clear()
        assert sentences._parser() is not None  # the parser is there all the same
    finally:
        sentences._parser.cache_clear()
    assert list((tmp_path / "regelspraak").iterdir()) == []
