"""Hostile and unusual input: each trick costs at most its own page, and says so in one line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from loader_support import dated, write

from reader.loader import load
from reader.sources import MAX_FOLDER_DEPTH


def titles(corpus) -> set[str]:
    return {a.title for a in corpus.articles}


def one_line(diagnostic) -> str:
    text = str(diagnostic)
    assert "\n" not in text and "Traceback" not in text
    return text


# Folders


@pytest.fixture
def chain(tmp_path: Path):
    """Makes a chain of folders named `d`, `depth` deep under tmp_path, level by level (the
    standard library's recursive helpers would overflow on the deepest), and removes it."""

    def make(depth: int) -> Path:
        folder = tmp_path
        for _ in range(depth):
            folder = folder / "d"
            folder.mkdir()
        return folder

    yield make
    levels = []
    folder = tmp_path / "d"
    while folder.is_dir():
        levels.append(folder)
        folder = folder / "d"
    for level in reversed(levels):
        for entry in level.iterdir():
            if not entry.is_dir():
                entry.unlink()
        level.rmdir()


def test_a_folder_a_thousand_deep_is_one_diagnostic_and_the_rest_loads(
    tmp_path: Path, chain
) -> None:
    write(tmp_path, "a_top.txt", dated("خبر في أعلى الشجرة", 1))
    bottom = chain(1000)
    write(bottom, "lost.txt", dated("خبر في قاع الشجرة", 2))
    write(tmp_path / "d" / "d", "near.txt", dated("خبر قريب من الأعلى", 3))
    write(tmp_path, "z_last.txt", dated("خبر بعد الفرع العميق", 4))
    corpus = load([tmp_path])
    assert titles(corpus) == {"خبر في أعلى الشجرة", "خبر قريب من الأعلى", "خبر بعد الفرع العميق"}
    [problem] = corpus.diagnostics
    assert "deep" in one_line(problem) and problem.severity == "error"
    assert Path(problem.path) == tmp_path.joinpath(*["d"] * (MAX_FOLDER_DEPTH + 1))


def test_folders_are_read_down_to_the_depth_limit_and_not_below(tmp_path: Path, chain) -> None:
    assert MAX_FOLDER_DEPTH == 100
    deepest_read = chain(MAX_FOLDER_DEPTH)
    write(deepest_read, "kept.txt", dated("خبر في أعمق مجلد مقروء", 5))
    write(deepest_read / "d", "dropped.txt", dated("خبر تحت الحد", 6))
    corpus = load([tmp_path])
    assert titles(corpus) == {"خبر في أعمق مجلد مقروء"}
    [problem] = corpus.diagnostics
    assert problem.path == os.fspath(deepest_read / "d")
    assert f"more than {MAX_FOLDER_DEPTH}" in problem.message
