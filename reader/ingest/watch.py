"""Noticing dumps that arrive while the reader is open: a scraper keeps filling the folder.

The operating system's file events (inotify and the like, through `watchfiles`) tell at
once and cost nothing while nothing changes. Network file systems send no such events
for changes made on other machines, so paths on them are polled instead, and so is
everything when the events cannot be had (the inotify watch limit reached). What changed
is not passed on: the library's ingest already tells new, changed and removed files apart
by their identity, so a change is only a reason to bring the library up to date.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

SETTLE_MS = 1000  # changes are gathered this long after the last one: a batch, one update
POLL_MS = 2000  # how often polled paths are looked at
STOP_CHECK_MS = 200  # how soon the watcher notices it was asked to stop
# The poller compares modification times to the second: a file written again within the
# second of the look that saw it is missed. One more update this long after each batch
# catches it (the library compares times to the nanosecond, and sizes).
RECHECK_SECONDS = 1.1
NETWORK_FILE_SYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "ceph", "glusterfs", "fuse.sshfs"}
)
MOUNTS = Path("/proc/self/mounts")


def _file_system(path: Path, mounts: str) -> str | None:
    """The type of the file system `path` lies on, from a mounts table (`/proc/mounts`)."""
    best, kind = "", None
    resolved = str(path.resolve())
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = resolved == point or resolved.startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, kind = point, fields[2]
    return kind


def needs_polling(paths: Sequence[Path], mounts: str | None = None) -> bool:
    """True when some path is on a network file system, whose changes send no events here."""
    if mounts is None:
        try:
            mounts = MOUNTS.read_text(encoding="utf-8", errors="replace")
        except OSError:  # no mounts table (not Linux): events are all there is to go by
            return False
    return any(_file_system(path, mounts) in NETWORK_FILE_SYSTEMS for path in paths)


class FolderWatch:
    """Calls `changed(count)` from a thread of its own after each settled batch of changes
    under `paths` (files or folders), until `stop()` (and, when polling, `changed(0)` a
    moment after each, to look again); `failed(reason)` once if the paths can be neither
    watched nor polled."""

    def __init__(
        self,
        paths: Sequence[str | Path],
        changed: Callable[[int], None],
        *,
        failed: Callable[[str], None] | None = None,
        polling: bool | None = None,
    ) -> None:
        self.paths = [Path(p) for p in paths if os.path.exists(p)]
        self.polling = needs_polling(self.paths) if polling is None else polling
        self._changed = changed
        self._failed = failed
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="folder-watch", daemon=True)

    def start(self) -> None:
        if self.paths:
            self._thread.start()

    def stop(self, wait: bool = True) -> None:
        """Stop watching; with `wait`, return once the thread has ended."""
        self._stop.set()
        if wait and self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._watch()
            except OSError as error:  # events cannot be had (too many watches): look instead
                if self.polling:
                    if self._failed is not None:
                        self._failed(error.strerror or str(error))
                    return
                self.polling = True
            else:
                return

    def _watch(self) -> None:
        import watchfiles  # its event loop library too: not to be paid at start-up

        batches = watchfiles.watch(
            *self.paths,
            watch_filter=None,
            debounce=SETTLE_MS,
            step=STOP_CHECK_MS,
            stop_event=self._stop,
            rust_timeout=STOP_CHECK_MS,
            yield_on_timeout=False,
            raise_interrupt=False,
            force_polling=self.polling,
            poll_delay_ms=POLL_MS,
            ignore_permission_denied=True,
        )
        for changes in batches:
            if self._stop.is_set():
                return
            self._changed(len(changes))
            if self.polling and not self._stop.wait(RECHECK_SECONDS):
                self._changed(0)
