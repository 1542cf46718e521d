"""The search terms of many articles, computed on the machine's other core while the ingest
writes the rest of the corpus.

Reducing every word of a corpus to its term (`reader.text.analysis`) is the largest part of
indexing it, and needs nothing but the text, so a process of its own
(`python -m reader.library.terms_job`) can do it while the ingest writes articles, tags and
links. The texts go to it on a pipe, a chunk at a time, and their terms come back in the
same order, with the count of articles holding each term. Threads on the ingest's side
feed the pipe and drain the answers, so neither process waits on the other's pipe.

A few articles (a day's news arriving) are not worth a process: their terms are computed
when asked for. So are the terms of a process that died (killed, out of memory): what it did
not send back is computed by the ingest, which is slower but the same.
"""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from typing import IO, Generic, TypeVar

from reader.text.analysis import terms

APART_FROM_ARTICLES = 2000  # articles whose terms pay for a process of their own
CHUNK_ARTICLES = 256  # articles a pipe message holds

T = TypeVar("T")
Text = tuple[str, str]  # an article's headline and text
Terms = tuple[str, str]  # their terms, space-separated


class TermsJob(Generic[T]):
    """The terms of the `text_of` each of `items`, computed from the moment the job is made
    (`apart`: in a process of their own, when there are enough and a core to spare);
    `result` waits. A text is made when it is sent or computed, not before: a million
    articles' texts made at once would double the memory an ingest holds."""

    def __init__(
        self, items: Sequence[T], text_of: Callable[[T], Text], cores: int | None = None
    ) -> None:
        self._items = items
        self._text_of = text_of
        self._answers: list[Terms] = []
        self._counts: Counter[str] = Counter()
        self._threads: list[threading.Thread] = []
        self._process: subprocess.Popen[bytes] | None = None
        available = _cores() if cores is None else cores
        self.apart = available >= 2 and len(items) >= APART_FROM_ARTICLES
        if self.apart:
            self._start()

    def result(self) -> tuple[list[Terms], Counter[str]]:
        """Each text's terms, in order, and how many texts hold each term."""
        for thread in self._threads:
            thread.join()
        if self._process is not None:
            self._process.wait()
            self._process = None
        done = len(self._answers)
        for item in self._items[done:]:  # all of them, unless a process did them all
            self._answers.append(_terms_of(self._text_of(item), self._counts))
        return self._answers, self._counts

    def _start(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "reader.library.terms_job"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # a reader's screen is no place for its last words
        )
        self._threads = [
            threading.Thread(target=self._feed, daemon=True),
            threading.Thread(target=self._drain, daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def _feed(self) -> None:
        assert self._process is not None and self._process.stdin is not None
        stdin = self._process.stdin
        try:
            for start in range(0, len(self._items), CHUNK_ARTICLES):
                chunk = self._items[start : start + CHUNK_ARTICLES]
                marshal.dump([self._text_of(item) for item in chunk], stdin)
            stdin.close()
        except (BrokenPipeError, ValueError):  # the process died: `result` makes up for it
            return

    def _drain(self) -> None:
        """Take the answers as they come; the counts come last, once every text is done.
        A process that dies before the end leaves none: the counts are only known for a
        whole run, so `result` computes every text again here."""
        assert self._process is not None and self._process.stdout is not None
        stdout = self._process.stdout
        answers: list[Terms] = []
        try:
            while len(answers) < len(self._items):
                answers += marshal.load(stdout)
            counts: dict[str, int] = marshal.load(stdout)
        except (EOFError, ValueError, TypeError):  # cut off: the process died
            return
        finally:
            stdout.close()
        self._answers, self._counts = answers, Counter(counts)


def _cores() -> int:
    """The cores this process may run on (all the machine's, where that is not known)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _terms_of(text: Text, counts: Counter[str]) -> Terms:
    title, body = terms(text[0]), terms(text[1])
    counts.update(set(title).union(body))
    return " ".join(title), " ".join(body)


def _serve(source: IO[bytes], sink: IO[bytes]) -> None:
    """The process's life: chunks of texts in, their terms out, then the counts."""
    counts: Counter[str] = Counter()
    while True:
        try:
            chunk: list[Text] = marshal.load(source)
        except EOFError:
            break
        marshal.dump([_terms_of(text, counts) for text in chunk], sink)
    marshal.dump(dict(counts), sink)
    sink.flush()


if __name__ == "__main__":
    _serve(sys.stdin.buffer, sys.stdout.buffer)
