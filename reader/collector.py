"""Pausing Python's cyclic garbage collector while many objects are made at once.

Building a corpus, or the blocks of a page of 90,000 lines, allocates many objects and
frees almost none: the collector would scan them again and again for nothing (on a long
page, as long as making the blocks took). Starting the command is the same: importing and
building the interface makes hundreds of thousands of objects and no garbage, and the
collector's passes over them cost the reader's first frame a tenth of its time.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

_starting = False  # the collector is off until the command has started (`pause_for_start`)


def pause_for_start() -> None:
    """Turn the collector off while the command starts; `started` turns it on again."""
    global _starting
    _starting = True
    gc.disable()


def started() -> None:
    """The command has started (the reader: its first frame is painted). What starting
    made, the modules and the interface, stays for the whole session: it is set apart from
    the collector's passes for good, and the collector runs again. Only once, and only
    after `pause_for_start`."""
    global _starting
    if _starting:
        _starting = False
        gc.freeze()
        gc.enable()


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
