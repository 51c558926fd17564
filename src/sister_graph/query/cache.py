"""A bounded, thread-safe LRU cache of serialised answers (anything with a `body` of bytes).

Bounded twice: at most `entries` answers and at most `max_bytes` of bodies; an answer larger
than a quarter of the bytes is not kept, so one huge answer cannot flush the rest.
`fetch` also coalesces concurrent misses: while one thread computes an answer, others
asking for the same key wait for it (or for its error) instead of queueing duplicate work.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Protocol


class HasBody(Protocol):
    """A cached value: a serialised answer or a whole response, with its body bytes."""

    body: bytes


class ResultsCache:
    """Keep up to `entries` answers totalling up to `max_bytes`; either at 0 turns caching off."""

    def __init__(self, *, entries: int, max_bytes: int) -> None:
        self.entries = entries
        self.max_bytes = max_bytes
        self._items: OrderedDict[Hashable, HasBody] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._flights: dict[Hashable, _Flight] = {}

    @property
    def enabled(self) -> bool:
        """Tell whether anything can be kept at all."""
        return self.entries > 0 and self.max_bytes > 0

    @property
    def bytes(self) -> int:
        """Return the total size of the bodies kept now."""
        with self._lock:
            return self._bytes

    def get(self, key: Hashable) -> HasBody | None:
        """Return the cached answer for key (and mark it recently used), or None."""
        with self._lock:
            answer = self._items.get(key)
            if answer is not None:
                self._items.move_to_end(key)
            return answer

    def put(self, key: Hashable, answer: HasBody) -> None:
        """Remember an answer, dropping the least recently used beyond either bound."""
        size = len(answer.body)
        if not self.enabled or size > self.max_bytes // 4:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._items[key] = answer
            self._bytes += size
            while len(self._items) > self.entries or self._bytes > self.max_bytes:
                _, dropped = self._items.popitem(last=False)
                self._bytes -= len(dropped.body)

    def fetch(self, key: Hashable, compute: Callable[[], HasBody]) -> HasBody:
        """Return the cached answer, or compute it once for all concurrent askers and keep it."""
        with self._lock:
            answer = self._items.get(key)
            if answer is not None:
                self._items.move_to_end(key)
                return answer
            flight = self._flights.get(key)
            if flight is not None:  # another thread computes it: wait for its outcome
                if flight.done is None:
                    flight.done = threading.Event()
                done = flight.done
            else:
                flight = self._flights[key] = _Flight()
                done = None
        if done is not None:
            done.wait()
            return flight.outcome()
        try:
            flight.answer = compute()
            self.put(key, flight.answer)
            return flight.answer
        except Exception as err:
            flight.error = err
            raise
        finally:
            with self._lock:
                del self._flights[key]
                done = flight.done
            if done is not None:
                done.set()

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)


class _Flight:
    """One computation in progress; `done` is made by the first thread that waits for it.

    The leader only creates the flight: for a query nobody else asks at the same time (the
    usual case), no Event (a lock and a condition) is built.
    """

    __slots__ = ("answer", "done", "error")

    def __init__(self) -> None:
        self.done: threading.Event | None = None
        self.answer: HasBody | None = None
        self.error: Exception | None = None

    def outcome(self) -> HasBody:
        if self.error is not None:
            raise self.error
        return self.answer
