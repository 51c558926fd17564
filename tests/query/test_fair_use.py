"""Fair use: per-client bounds on concurrent evaluations and on query time per minute."""

from __future__ import annotations

import pytest

from sister_graph.errors import TooManyRequests
from sister_graph.query.fair_use import FairUse, client_address, trusted_proxies


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_client_over_its_concurrent_bound_gets_429_while_another_is_admitted():
    fair = FairUse(concurrent=2, seconds=0)
    with fair.evaluation("a"), fair.evaluation("a"):
        with pytest.raises(TooManyRequests) as refused, fair.evaluation("a"):
            pass
        with fair.evaluation("b"):
            pass
    assert refused.value.status == 429 and refused.value.headers == {"Retry-After": "1"}
    assert refused.value.message.startswith("this client already runs 2 queries at once")
    assert "at most 2" in refused.value.message
    with fair.evaluation("a"):  # its slots came back
        pass
    one = FairUse(concurrent=1, seconds=0)
    with one.evaluation("a"), pytest.raises(TooManyRequests) as refused, one.evaluation("a"):
        pass
    assert refused.value.message.startswith("this client already runs 1 query at once")


def test_query_time_per_minute_is_a_sliding_window_with_a_retry_after():
    clock = Clock()
    fair = FairUse(concurrent=0, seconds=10, clock=clock)
    for spent in (4.0, 7.0):  # 11 s in all, finishing at +4 s and +11 s
        with fair.evaluation("a"):
            clock.now += spent
    with pytest.raises(TooManyRequests) as refused, fair.evaluation("a"):
        pass
    # the first 4 s leave the window 60 s after they ended (at +4): 53 s from now (+11)
    assert refused.value.retry_after == 53
    assert refused.value.headers["Retry-After"] == "53"
    with fair.evaluation("b"):  # another client is not held back
        pass
    clock.now += 53
    with fair.evaluation("a"):  # 7 s left in the window: under 10
        pass


def test_an_error_in_the_evaluation_still_frees_the_slot_and_books_the_time():
    clock = Clock()
    fair = FairUse(concurrent=1, seconds=5, clock=clock)
    with pytest.raises(RuntimeError), fair.evaluation("a"):
        clock.now += 6
        raise RuntimeError("the query failed")
    with pytest.raises(TooManyRequests, match="6.0 s of query time"), fair.evaluation("a"):
        pass
    clock.now += 61
    with fair.evaluation("a"):
        pass


def test_zero_bounds_turn_fair_use_off():
    fair = FairUse(concurrent=0, seconds=0)
    assert not fair.enabled
    with fair.evaluation("a"), fair.evaluation("a"), fair.evaluation("a"):
        pass
    assert fair.clients() == 0


def test_books_of_idle_clients_are_dropped_after_the_window():
    clock = Clock()
    fair = FairUse(concurrent=1, seconds=5, clock=clock)
    for name in ("a", "b", "c"):
        with fair.evaluation(name):
            clock.now += 0.5
    assert fair.clients() == 3
    clock.now += 61
    assert fair.clients() == 0


def test_forwarded_for_names_the_client_only_behind_a_trusted_proxy():
    proxies = trusted_proxies("10.0.0.1, 10.0.0.2")
    assert proxies == {"10.0.0.1", "10.0.0.2"}
    assert client_address("10.0.0.2", "198.51.100.7, 203.0.113.9", proxies) == "203.0.113.9"
    assert client_address("203.0.113.50", "198.51.100.7", proxies) == "203.0.113.50"
    assert client_address("10.0.0.1", None, proxies) == "10.0.0.1"
    assert client_address("10.0.0.1", " , ", proxies) == "10.0.0.1"
    assert client_address(None, None, frozenset()) == "-"
