"""Tests for results_cache: bounded LRU of answers; concurrent misses computed once."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from sister_graph.errors import QueryTimeout
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


def test_concurrent_misses_compute_once_and_share_the_answer():
    cache = ResultsCache(entries=4)
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
    cache = ResultsCache(entries=4)
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
