"""Watching the reader's folders: real folders, real file events, and polling."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from reader.ingest.watch import POLL_MS, SETTLE_MS, FolderWatch, needs_polling

WAIT = 15.0  # seconds a test waits for a change to be noticed (machines are noisy)

MOUNTS = """\
/dev/sda1 / ext4 rw 0 0
server:/export /mnt/news nfs4 rw 0 0
//nas/share /mnt/share\\040drive cifs rw 0 0
tmpfs /mnt/news/local tmpfs rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "polled"),
    [
        ("/home/u/dumps", False),
        ("/mnt/news/crawl", True),
        ("/mnt/news", True),
        ("/mnt/newsroom", False),  # a name that merely begins like the mount point
        ("/mnt/news/local/x", False),  # the innermost mount decides
        ("/mnt/share drive/x", True),  # spaces are written \040 in the table
    ],
)
def test_paths_on_network_file_systems_are_polled(path: str, polled: bool) -> None:
    assert needs_polling([Path(path)], MOUNTS) is polled


class Counter:
    def __init__(self) -> None:
        self.counts: list[int] = []
        self.event = threading.Event()

    def __call__(self, count: int) -> None:
        self.counts.append(count)
        self.event.set()


@pytest.mark.parametrize("polling", [False, True], ids=["events", "polling"])
def test_a_file_added_changed_or_removed_is_noticed(tmp_path: Path, polling: bool) -> None:
    folder = tmp_path / "dumps"
    (folder / "day1").mkdir(parents=True)
    counter = Counter()
    watch = FolderWatch([folder], counter, polling=polling)
    assert watch.polling is polling
    watch.start()
    try:
        time.sleep(POLL_MS / 1000 if polling else 0.2)  # the first look is taken
        page = folder / "day1" / "new.txt"
        page.write_text("عنوان\nنص", encoding="utf-8")
        assert counter.event.wait(WAIT), "a new file in a subfolder was not noticed"
        for change in (lambda: page.write_text("عنوان آخر\nنص", encoding="utf-8"), page.unlink):
            counter.event.clear()
            change()
            assert counter.event.wait(WAIT)
    finally:
        started = time.monotonic()
        watch.stop()
        assert time.monotonic() - started < 2 + SETTLE_MS / 1000  # stopping is prompt


def test_a_batch_of_files_is_one_call(tmp_path: Path) -> None:
    counter = Counter()
    watch = FolderWatch([tmp_path], counter, polling=False)
    watch.start()
    try:
        time.sleep(0.2)
        for n in range(20):
            (tmp_path / f"{n}.txt").write_text("x", encoding="utf-8")
        assert counter.event.wait(WAIT)
        time.sleep(SETTLE_MS / 1000 + 0.5)
        # One batch, or two if the machine was slow between writes: never one a file.
        assert len(counter.counts) <= 2 and sum(counter.counts) >= 20
    finally:
        watch.stop()


def test_missing_paths_are_left_out_and_nothing_to_watch_starts_nothing(tmp_path: Path) -> None:
    watch = FolderWatch([tmp_path / "gone", tmp_path], Counter())
    assert watch.paths == [tmp_path]
    idle = FolderWatch([tmp_path / "gone"], Counter())
    idle.start()
    idle.stop()  # returns at once: no thread was started


def test_polling_looks_again_after_each_batch(tmp_path: Path, monkeypatch) -> None:
    """A file written again within the second of the look that saw it is not missed."""
    monkeypatch.setattr("reader.ingest.watch.RECHECK_SECONDS", 0.5)
    counter = Counter()
    watch = FolderWatch([tmp_path], counter, polling=True)
    watch.start()
    try:
        time.sleep(POLL_MS / 1000)
        (tmp_path / "a.txt").write_text("x", encoding="utf-8")
        deadline = time.monotonic() + WAIT
        while len(counter.counts) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert counter.counts[:2] == [counter.counts[0], 0] and counter.counts[0] > 0
    finally:
        watch.stop()
