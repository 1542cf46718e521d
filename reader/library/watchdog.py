"""A bound on how long the interface waits for a server that has stopped answering.

A statement the reader's interface runs (a window of headlines, an article opened) waits
for its server on the interface's own thread. A server behind a network that died is
noticed by the connection's keepalives and its limit on unacknowledged data, in ten
seconds or so; a server that hangs (a machine paused, a process stopped) is noticed by
neither, since its kernel still acknowledges what is sent: the statement would wait for
ever. Nor can a deadline alone tell a server that hangs from one that is slow (a loaded
machine, a count over a large corpus): it would make outages of slow answers.

So a statement that has run `prompt` seconds has the server asked, on a fresh connection
of its own (`probe`), whether it answers at all: a server that answers is slow, and the
statement waits on (and is asked about again after as long); one whose probe has not
returned within `patience` seconds does not answer, and the statement is given up (its
connection cut, so that it fails at once, as one the server dropped): the interface waits
`prompt + patience` seconds at most. The server rolls back a transaction whose connection
is gone, so nothing is half written. One daemon thread watches a connection's statements;
two threads' statements on one connection run one after the other, so the oldest under
way is the one looked at, and giving it up gives up those waiting behind it.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator


class Watch:
    """One statement under watch: since when (or since its last probe answered), how to
    give it up, and whether it was."""

    __slots__ = ("give_up", "given_up", "since")

    def __init__(self, give_up: Callable[[], None]) -> None:
        self.since = time.monotonic()
        self.give_up = give_up
        self.given_up = False


class Watchdog:
    """Watches the statements of one connection (see the module's account); `probe` says
    whether the server answers a connection of its own."""

    def __init__(self, probe: Callable[[], bool], prompt: float, patience: float) -> None:
        self._probe = probe
        self._prompt = prompt
        self._patience = patience
        self._changed = threading.Condition()
        self._watches: list[Watch] = []  # the statements under way, oldest first
        self._closed = False
        self._thread: threading.Thread | None = None

    @contextlib.contextmanager
    def watching(self, give_up: Callable[[], None]) -> Iterator[Watch]:
        """Watch the statement run in this block; `give_up` cuts its connection (called
        from the watchdog's thread, while the statement waits)."""
        watch = Watch(give_up)
        with self._changed:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="newsreader-watchdog", daemon=True
                )
                self._thread.start()
            self._watches.append(watch)
            self._changed.notify()
        try:
            yield watch
        finally:
            with self._changed:
                self._watches.remove(watch)

    def close(self) -> None:
        """Stop watching: the thread ends."""
        with self._changed:
            self._closed = True
            self._changed.notify()

    def _run(self) -> None:
        while True:
            with self._changed:
                watch = self._overdue()
                if watch is None:
                    return
            answers = self._answers()
            with self._changed:
                if watch not in self._watches:
                    continue  # done meanwhile
                if answers:
                    watch.since = time.monotonic()  # slow, not gone: asked again later
                    continue
                for waiting in self._watches:
                    waiting.given_up = True
                watch.give_up()

    def _overdue(self) -> Watch | None:
        """Wait (holding the condition) for a statement to run `prompt` seconds; None once
        closed."""
        while not self._closed:
            if not self._watches:
                self._changed.wait()
                continue
            watch = min(self._watches, key=lambda w: w.since)
            left = watch.since + self._prompt - time.monotonic()
            if left <= 0:
                return watch
            self._changed.wait(left)
        return None

    def _answers(self) -> bool:
        """Whether the probe says the server answers within `patience` seconds (it runs in
        a daemon thread of its own: a probe of a server that hangs may take longer than
        that to give up)."""
        answered = threading.Event()

        def ask() -> None:
            if self._probe():
                answered.set()

        threading.Thread(target=ask, name="newsreader-probe", daemon=True).start()
        return answered.wait(self._patience)
