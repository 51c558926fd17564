"""Fair use of the query workers: per client, a bound on concurrent evaluations and query time.

Like the Wikidata Query Service's limits (https://www.mediawiki.org/wiki/Wikidata_Query_Service/User_Manual#Query_limits):
a client may run at most `concurrent` evaluations at once and use at most `seconds` of query
time in any sliding minute; beyond either, the request is answered 429 Too Many Requests
with `Retry-After` (https://www.rfc-editor.org/rfc/rfc6585#section-4,
https://www.rfc-editor.org/rfc/rfc9110#field.retry-after). Answers from the results cache
cost nothing and are never counted. The client is its address; `X-Forwarded-For` is believed
only when the request comes from a trusted proxy, and then its last entry (the address that
proxy saw) names the client. The books are kept per server process.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sister_graph.errors import TooManyRequests

WINDOW = 60.0
PURGE_AT = 1024  # clients with open books before expired ones are dropped


def client_address(remote_addr: str | None, forwarded_for: str | None, trusted: frozenset) -> str:
    """Return who sent the request: REMOTE_ADDR, or X-Forwarded-For's last entry behind a proxy.

    >>> client_address("10.0.0.1", "1.2.3.4, 5.6.7.8", frozenset({"10.0.0.1"}))
    '5.6.7.8'
    >>> client_address("9.9.9.9", "1.2.3.4", frozenset({"10.0.0.1"}))
    '9.9.9.9'
    """
    remote = remote_addr or "-"
    if forwarded_for and remote in trusted:
        last = forwarded_for.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return remote


def trusted_proxies(setting: str) -> frozenset:
    """Parse the trusted_proxies setting: addresses separated by commas or spaces."""
    return frozenset(part for part in setting.replace(",", " ").split() if part)


class _Client:
    __slots__ = ("running", "spent", "used")

    def __init__(self) -> None:
        self.running = 0
        self.spent: deque[tuple[float, float]] = deque()  # (finished at, seconds used)
        self.used = 0.0  # the sum of `spent`'s seconds


def _queries(count: int) -> str:
    return "1 query" if count == 1 else f"{count} queries"


class FairUse:
    """Per-client books: `concurrent` evaluations at once, `seconds` of query time a minute.

    Either bound at 0 turns that bound off. `clock` is a monotonic clock in seconds.
    """

    def __init__(
        self, *, concurrent: int, seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.concurrent = concurrent
        self.seconds = seconds
        self._clock = clock
        self._clients: dict[str, _Client] = {}
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        """Tell whether any bound is set."""
        return self.concurrent > 0 or self.seconds > 0

    @contextmanager
    def evaluation(self, client: str) -> Iterator[None]:
        """Hold one evaluation slot of `client` while the block runs and book its duration.

        Raises TooManyRequests (429, with a Retry-After in whole seconds) when the client
        already runs `concurrent` evaluations or used `seconds` in the last minute.
        """
        if not self.enabled:
            yield
            return
        self._admit(client)
        started = self._clock()
        try:
            yield
        finally:
            self._release(client, started)

    def _admit(self, client: str) -> None:
        now = self._clock()
        with self._lock:
            if len(self._clients) > PURGE_AT:
                self._purge(now)
            books = self._clients.setdefault(client, _Client())
            used = self._expire(books, now)
            if self.concurrent and books.running >= self.concurrent:
                raise TooManyRequests(
                    f"this client already runs {_queries(books.running)} at once "
                    f"(at most {self.concurrent}); wait for one to finish",
                    retry_after=1,
                )
            if self.seconds and used >= self.seconds:
                raise TooManyRequests(
                    f"this client used {used:.1f} s of query time in the last minute "
                    f"(at most {self.seconds:g} s)",
                    retry_after=self._wait(books, used, now),
                )
            books.running += 1

    def _release(self, client: str, started: float) -> None:
        now = self._clock()
        with self._lock:
            books = self._clients[client]
            books.running -= 1
            if self.seconds:
                books.spent.append((now, now - started))
                books.used += now - started
            elif not books.running:
                del self._clients[client]

    def _expire(self, books: _Client, now: float) -> float:
        while books.spent and books.spent[0][0] <= now - WINDOW:
            books.used -= books.spent.popleft()[1]
        if not books.spent:
            books.used = 0.0  # no rounding residue once the window is empty
        return books.used

    def _purge(self, now: float) -> None:
        for name in list(self._clients):
            books = self._clients[name]
            self._expire(books, now)
            if not books.running and not books.spent:
                del self._clients[name]

    def _wait(self, books: _Client, used: float, now: float) -> int:
        """Return the whole seconds until enough of the client's time leaves the window."""
        for finished, seconds in books.spent:
            used -= seconds
            if used < self.seconds:
                return max(1, math.ceil(finished + WINDOW - now))
        return math.ceil(WINDOW)

    def clients(self) -> int:
        """Return how many clients have books open now (running or spent time in the window)."""
        with self._lock:
            self._purge(self._clock())
            return len(self._clients)
