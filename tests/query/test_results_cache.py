"""Tests for results_cache: bounded LRU of answers; concurrent misses computed once."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from sister_graph.errors import QueryTimeout
from sister_graph.query.cache import ResultsCache
from sister_graph.query.results import Answer


def test_least_recently_used_entry_is_dropped():
    cache = ResultsCache(entries=2, max_bytes=1 << 20)
    cache.put("a", Answer(b"1"))
    cache.put("b", Answer(b"2"))
    assert cache.get("a") == Answer(b"1")
    cache.put("c", Answer(b"3"))
    assert cache.get("b") is None
    assert (cache.get("a"), cache.get("c"), len(cache)) == (Answer(b"1"), Answer(b"3"), 2)


def test_zero_entries_or_bytes_turn_caching_off():
    for off in (ResultsCache(entries=0, max_bytes=100), ResultsCache(entries=4, max_bytes=0)):
        off.put("a", Answer(b"1"))
        assert off.get("a") is None and not off.enabled


def test_total_body_size_stays_within_the_byte_budget():
    cache = ResultsCache(entries=100, max_bytes=100)
    for key in "abcd":
        cache.put(key, Answer(key.encode() * 25))
    assert (len(cache), cache.bytes) == (4, 100)
    assert cache.get("a") is not None  # now the most recently used
    cache.put("e", Answer(b"e" * 10))
    assert cache.get("b") is None and cache.get("a") is not None
    assert (len(cache), cache.bytes) == (4, 85)
    cache.put("a", Answer(b"A" * 5))  # replacing an entry re-counts its size
    assert cache.bytes == 65


def test_an_answer_over_a_quarter_of_the_budget_is_not_kept():
    cache = ResultsCache(entries=100, max_bytes=100)
    cache.put("small", Answer(b"s" * 25))
    cache.put("big", Answer(b"b" * 26))
    assert cache.get("big") is None and cache.get("small") is not None and cache.bytes == 25


def test_concurrent_misses_compute_once_and_share_the_answer():
    cache = ResultsCache(entries=4, max_bytes=1 << 20)
    calls, release = [], threading.Event()

    def compute():
        calls.append(1)
        release.wait(5)
        return Answer(b"slow")

    with ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(cache.fetch, "q", compute) for _ in range(8)]
        time.sleep(0.2)
        release.set()
        answers = [f.result(timeout=5) for f in futures]
    assert answers == [Answer(b"slow")] * 8 and len(calls) == 1
    assert cache.fetch("q", compute) == Answer(b"slow") and len(calls) == 1


def test_an_error_reaches_every_waiter_and_is_not_kept():
    cache = ResultsCache(entries=4, max_bytes=1 << 20)
    release = threading.Event()

    def fail():
        release.wait(5)
        raise QueryTimeout("too slow")

    with ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(cache.fetch, "q", fail) for _ in range(4)]
        time.sleep(0.2)
        release.set()
        for future in futures:
            with pytest.raises(QueryTimeout):
                future.result(timeout=5)
    assert cache.fetch("q", lambda: Answer(b"now")) == Answer(b"now")
