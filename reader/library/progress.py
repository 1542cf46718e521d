"""How far an ingest has got, and what it did: what views show while the library works.

Apart from the ingest itself so that a view can name these without importing the parser.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class IngestProgress:
    """How far an ingest has got: `phase` "finding" (the folders walked: `files_done`
    found so far, the total not known yet), "checking" (files compared with what the
    library holds), "reading" (files parsed), "linking" (tags and stories made across the
    corpus), or "done"; rate and time left follow from `started`."""

    phase: str
    files_done: int
    files_total: int
    pages: int
    started: float

    @property
    def rate(self) -> float:
        """Files a second so far."""
        elapsed = time.monotonic() - self.started
        return self.files_done / elapsed if elapsed > 0 else 0.0

    @property
    def seconds_left(self) -> float | None:
        rate = self.rate
        if self.phase not in ("checking", "reading") or rate <= 0:
            return None
        return (self.files_total - self.files_done) / rate


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What an ingest did: the corpus's id, files read, dropped and left alone, whether
    the articles were made again, and if so whether only where pages changed."""

    corpus: int
    read: int
    removed: int
    unchanged: int
    rebuilt: bool
    by_changes: bool = False


Report = Callable[[IngestProgress], None]
