"""Tests for results_cache: bounded LRU of answers."""

from __future__ import annotations

from sister_graph.results import Answer
from sister_graph.results_cache import MAX_CACHED_BYTES, ResultsCache


def test_least_recently_used_entry_is_dropped():
    cache = ResultsCache(entries=2)
    cache.put("a", Answer(b"1"))
    cache.put("b", Answer(b"2"))
    assert cache.get("a") == Answer(b"1")
    cache.put("c", Answer(b"3"))
    assert cache.get("b") is None
    assert (cache.get("a"), cache.get("c"), len(cache)) == (Answer(b"1"), Answer(b"3"), 2)


def test_zero_entries_turns_caching_off_and_big_bodies_are_not_kept():
    off = ResultsCache(entries=0)
    off.put("a", Answer(b"1"))
    assert off.get("a") is None
    cache = ResultsCache(entries=4)
    cache.put("big", Answer(b"x" * (MAX_CACHED_BYTES + 1)))
    assert cache.get("big") is None
