"""Pausing Python's cyclic garbage collector while many objects are made at once.

Building a corpus, or the blocks of a page of 90,000 lines, allocates many objects and
frees almost none: the collector would scan them again and again for nothing (on a long
page, as long as making the blocks took).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block, and restore it after."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
