"""Saved corpora: a second load of unchanged dumps is answered from the user's data directory,
and any change to the dumps (or a damaged saved corpus) means a fresh load."""

from __future__ import annotations

import marshal
import os
from pathlib import Path

import pytest
from loader_support import BARE, BRIDGE, PORTS

from reader import cache, loader
from reader.cache import KEEP, default_folder, load
from reader.loader import Progress

SAMPLE_FEEDS = Path(__file__).resolve().parents[1] / "sample_feeds"


def saved(folder: Path) -> list[Path]:
    return sorted(folder.glob("corpus-*.marshal"))


def no_fresh_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make a fresh load fail the test, to prove an answer came from the saved corpus."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("loaded afresh although nothing changed")

    monkeypatch.setattr(cache, "load_files", refuse)


@pytest.fixture
def dumps(tmp_path: Path) -> Path:
    folder = tmp_path / "dumps"
    folder.mkdir()
    (folder / "bridge.txt").write_text(BRIDGE, encoding="utf-8")
    (folder / "ports.txt").write_text(PORTS, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02 not a page")
    return folder


def test_the_saved_corpus_is_the_loaded_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "saved"
    fresh = loader.load([SAMPLE_FEEDS])
    first = load([SAMPLE_FEEDS], folder=folder)
    assert len(saved(folder)) == 1
    no_fresh_loads(monkeypatch)
    again = load([SAMPLE_FEEDS], folder=folder)
    for corpus in (first, again):
        assert corpus.articles == fresh.articles
        assert corpus.diagnostics == fresh.diagnostics
        assert corpus.stats == fresh.stats
        assert corpus.tag_counts() == fresh.tag_counts()
    some_tag = fresh.tag_counts()[0][0]
    assert again.with_tag(some_tag) == fresh.with_tag(some_tag)
    assert [m.tag for m in again.search_tags("ال")] == [m.tag for m in fresh.search_tags("ال")]


def test_diagnostics_are_kept_with_the_corpus(
    dumps: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load([dumps, tmp_path / "missing"], folder=tmp_path / "saved")
    assert first.stats.failed == 2
    no_fresh_loads(monkeypatch)
    again = load([dumps, tmp_path / "missing"], folder=tmp_path / "saved")
    assert [str(d) for d in again.diagnostics] == [str(d) for d in first.diagnostics]
    assert again.stats == first.stats


def test_a_changed_file_is_loaded_afresh(dumps: Path, tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    before = load([dumps], folder=folder)
    page = dumps / "bridge.txt"
    stat = page.stat()
    page.write_text(BRIDGE.replace("أسوان", "الأقصر", 1), encoding="utf-8")
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even with the old time
    after = load([dumps], folder=folder)
    assert [a.title for a in after.articles] != [a.title for a in before.articles]
    assert after.articles == loader.load([dumps]).articles


def test_an_added_or_removed_file_is_loaded_afresh(dumps: Path, tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    before = load([dumps], folder=folder)
    (dumps / "bare.txt").write_text(BARE, encoding="utf-8")
    added = load([dumps], folder=folder)
    assert added.stats.pages == before.stats.pages + 1
    (dumps / "ports.txt").unlink()
    removed = load([dumps], folder=folder)
    assert removed.articles == loader.load([dumps]).articles
    assert removed.stats.pages == before.stats.pages


def test_other_loading_code_means_another_corpus(
    dumps: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "saved"
    load([dumps], folder=folder)
    monkeypatch.setattr(cache, "_code_digest", lambda: b"another version of the loader")
    load([dumps], folder=folder)
    assert len(saved(folder)) == 2


@pytest.mark.parametrize(
    "damage",
    [b"", b"\x00" * 10, b"not marshal at all", None],
    ids=["empty", "zeros", "garbage", "truncated"],
)
def test_a_damaged_saved_corpus_is_loaded_afresh(
    dumps: Path, tmp_path: Path, damage: bytes | None
) -> None:
    folder = tmp_path / "saved"
    first = load([dumps], folder=folder)
    (path,) = saved(folder)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] if damage is None else damage)
    again = load([dumps], folder=folder)
    assert again.articles == first.articles
    assert path.read_bytes() == data  # and saved again, whole


def test_a_saved_corpus_of_another_shape_is_loaded_afresh(dumps: Path, tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    first = load([dumps], folder=folder)
    (path,) = saved(folder)
    header = (cache._SCHEMA, 1, (), (1, 1, 0, 0, 0))
    for saved_form in [
        cache._frame((99, 0, (), (0, 0, 0, 0, 0))),  # another schema
        cache._frame(("x",)),  # not a header
        cache._frame(header) + cache._frame((("an id", "a title"),)),  # an article row cut short
        cache._frame(header),  # an article missing
        marshal.dumps(header),  # no frames
    ]:
        path.write_bytes(saved_form)
        assert load([dumps], folder=folder).articles == first.articles


def test_an_unwritable_data_directory_only_costs_speed(dumps: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data directory should be")
    corpus = load([dumps], folder=blocker / "corpora")
    assert corpus.articles == loader.load([dumps]).articles
    assert blocker.read_text() == "a file where the data directory should be"


def test_only_the_most_recently_used_corpora_are_kept(tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    for n in range(KEEP + 2):
        page = tmp_path / f"dump{n}.txt"
        page.write_text(BRIDGE, encoding="utf-8")
        load([page], folder=folder)
    assert len(saved(folder)) == KEEP
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temporary left


def test_a_failed_save_leaves_nothing_behind(
    dumps: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache.os, "replace", disk_full)
    folder = tmp_path / "saved"
    corpus = load([dumps], folder=folder)
    assert corpus.articles == loader.load([dumps]).articles
    assert list(folder.iterdir()) == []


def test_a_save_left_by_a_dead_process_is_deleted(dumps: Path, tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    dead = folder / ".saving-abandoned"
    dead.write_bytes(b"half a corpus")
    os.utime(dead, (0, 0))
    fresh = folder / ".saving-in-progress"
    fresh.write_bytes(b"another process is writing this one")
    load([dumps], folder=folder)
    assert not dead.exists()
    assert fresh.exists()


def test_nothing_is_written_beside_the_dumps(dumps: Path, tmp_path: Path) -> None:
    listing = sorted(p.name for p in dumps.iterdir())
    load([dumps], folder=tmp_path / "saved")
    load([dumps], folder=tmp_path / "saved")
    assert sorted(p.name for p in dumps.iterdir()) == listing


def test_a_saved_answer_reports_progress_once_with_the_corpus(dumps: Path, tmp_path: Path) -> None:
    load([dumps], folder=tmp_path / "saved")
    reports: list[Progress] = []
    corpus = load([dumps], folder=tmp_path / "saved", progress=reports.append)
    assert len(reports) == 1
    assert reports[0].preview is corpus
    assert reports[0].files_done == reports[0].files_total == 3


def test_the_default_folder_is_in_the_user_data_directory(
    isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch, dumps: Path
) -> None:
    assert default_folder() == isolated_data_dir / "newsreader" / "corpora"
    load([dumps])
    assert len(saved(isolated_data_dir / "newsreader" / "corpora")) == 1
    monkeypatch.setenv("NEWSREADER_CACHE", "off")
    assert default_folder() is None
    (dumps / "bare.txt").write_text(BARE, encoding="utf-8")
    load([dumps])
    assert len(saved(isolated_data_dir / "newsreader" / "corpora")) == 1
