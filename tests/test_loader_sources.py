"""Containers, encodings and bad input: every problem is one clear line, the rest still loads."""

from __future__ import annotations

import builtins
import gzip
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from loader_support import BARE, BRIDGE, PORTS, dated, one_line, titles, write

from reader.ingest.sources import discover
from reader.parse.loader import load, load_files

BRIDGE_TITLE = "افتتاح جسر جديد فوق نهر النيل في أسوان"


@pytest.mark.parametrize(
    ("encoding", "newline"),
    [
        ("utf-8", "\n"),
        ("utf-8-sig", "\n"),
        ("utf-8", "\r\n"),
        ("utf-16", "\n"),
        ("utf-16", "\r\n"),
        ("cp1256", "\n"),
        ("cp1256", "\r\n"),
    ],
)
def test_encodings_and_line_endings(tmp_path: Path, encoding: str, newline: str) -> None:
    write(tmp_path, "page.txt", BRIDGE.replace("\n", newline).replace("—", "-"), encoding)
    corpus = load([tmp_path])
    assert corpus.diagnostics == ()
    article = corpus.find(BRIDGE_TITLE)
    assert article is not None and article.place == "أسوان"
    assert article.tags[0] == "أسوان"
    assert not any("\r" in p or "\ufeff" in p for p in article.paragraphs)


def test_jsonl_and_gzip_with_line_numbers(tmp_path: Path) -> None:
    rows = [json.dumps({"text": BRIDGE, "url": "https://example.org/1", "id": "1"})]
    rows.append("")
    rows.append(json.dumps({"text": BARE}, ensure_ascii=False))
    (tmp_path / "a.jsonl").write_text("\n".join(rows), encoding="utf-8")
    with gzip.open(tmp_path / "b.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": PORTS}) + "\n")
    corpus = load([tmp_path])
    assert corpus.diagnostics == ()
    origins = {o for a in corpus.articles for o in a.origins}
    assert {(Path(o.path).name, o.line) for o in origins} == {
        ("a.jsonl", 1),
        ("a.jsonl", 3),
        ("b.jsonl.gz", 1),
    }
    assert corpus.stats.pages == 3


def test_folders_recursive_sorted_and_several_paths(tmp_path: Path) -> None:
    write(tmp_path / "one" / "deep" / "x", "a.txt", dated("خبر من مجلد عميق", 1))
    write(tmp_path / "one", "README.md", "# not a dump\n")
    write(tmp_path / "two", "b.txt", dated("خبر من مجلد آخر", 2))
    single = write(tmp_path, "c.txt", dated("خبر من ملف مفرد", 3))
    corpus = load([tmp_path / "one", tmp_path / "two", single, single])
    assert titles(corpus) == {"خبر من مجلد عميق", "خبر من مجلد آخر", "خبر من ملف مفرد"}
    assert corpus.diagnostics == ()
    assert all(len(a.origins) == 1 for a in corpus.articles), "a file given twice is read once"


def test_every_bad_input_is_one_line_and_the_rest_loads(tmp_path: Path) -> None:
    write(tmp_path, "00_good.txt", dated("خبر سليم بين الملفات التالفة", 4))
    write(tmp_path, "01_empty.txt", "")
    (tmp_path / "02_binary.txt").write_bytes(bytes(range(256)) * 64)
    write(tmp_path, "03_not_a_dump.txt", "Shopping list\neggs, milk, bread\n")
    (tmp_path / "04_undecodable.txt").write_bytes(bytes(range(0x80, 0x100)) * 8)
    (tmp_path / "05_broken.jsonl").write_text(
        json.dumps({"text": dated("خبر سليم في سطر جيد", 5)})
        + '\n{"text": "unterminated\n[1, 2]\n',
        encoding="utf-8",
    )
    (tmp_path / "06_huge.txt").write_bytes(b"a" * (50 * 1024 * 1024))
    write(tmp_path, "07_only_title.txt", "عنوان بلا أي نص تحته")
    corpus = load([tmp_path, tmp_path / "missing.txt"])
    assert titles(corpus) == {"خبر سليم بين الملفات التالفة", "خبر سليم في سطر جيد"}
    problems = {
        (Path(d.path).name, d.line): one_line(d)
        for d in corpus.diagnostics
        if d.severity == "error"
    }
    assert set(problems) == {
        ("01_empty.txt", None),
        ("02_binary.txt", None),
        ("03_not_a_dump.txt", None),
        ("04_undecodable.txt", None),
        ("05_broken.jsonl", 2),
        ("05_broken.jsonl", 3),
        ("06_huge.txt", None),
        ("07_only_title.txt", None),
        ("missing.txt", None),
    }
    assert "empty" in problems["01_empty.txt", None]
    assert "binary" in problems["02_binary.txt", None]
    assert "undecodable" in problems["04_undecodable.txt", None]
    assert "JSON" in problems["05_broken.jsonl", 2]
    assert "MB" in problems["06_huge.txt", None]
    assert corpus.stats.failed == 9
    assert corpus.stats.pages == 2


def test_a_few_bad_bytes_in_utf8_are_a_warning(tmp_path: Path) -> None:
    data = dated("خبر فيه بايت تالف", 6).encode("utf-8").replace("قصير".encode(), b"\xff")
    (tmp_path / "page.txt").write_bytes(data)
    corpus = load([tmp_path])
    assert titles(corpus) == {"خبر فيه بايت تالف"}
    [warning] = corpus.diagnostics
    assert warning.severity == "warning" and "undecodable" in warning.message
    assert corpus.stats.warnings == 1 and corpus.stats.failed == 0


def test_a_json_escape_of_half_a_surrogate_pair_is_a_warning(tmp_path: Path) -> None:
    page = dated("خبر فيه رمز مكسور", 6).replace("قصير", "قصير\ud800")
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": page}) + "\n", encoding="utf-8")
    corpus = load([tmp_path])
    [article] = corpus.articles
    text = "".join(article.paragraphs)
    assert "\ufffd" in text and not any("\ud800" <= ch <= "\udfff" for ch in text)
    [warning] = corpus.diagnostics
    assert (warning.severity, warning.line) == ("warning", 1)
    assert "surrogate" in one_line(warning) and "a.jsonl:1" in str(warning)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "a_good.txt", dated("خبر يقرأ بلا مشكلة", 7))
    locked = write(tmp_path, "b_locked.txt", dated("خبر في ملف مقفل", 8))
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the refusal happen as it would for a user
        for module in (builtins, os):  # files are opened by either, whichever is cheaper
            monkeypatch.setattr(module, "open", _refusing(module.open, locked))
    try:
        corpus = load([tmp_path])
    finally:
        locked.chmod(0o644)
    assert titles(corpus) == {"خبر يقرأ بلا مشكلة"}
    [problem] = corpus.diagnostics
    assert problem.path.endswith("b_locked.txt") and "permission denied" in problem.message


def _refusing(real_open: Callable[..., Any], locked: Path) -> Callable[..., Any]:
    """`real_open`, refusing `locked` as the system refuses an unprivileged user."""

    def refusing_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(file) == os.fspath(locked):
            raise PermissionError(13, "Permission denied", os.fspath(file))
        return real_open(file, *args, **kwargs)

    return refusing_open


def test_symlink_loops(tmp_path: Path) -> None:
    write(tmp_path / "news", "a.txt", dated("خبر داخل حلقة روابط", 9))
    (tmp_path / "news" / "again").symlink_to(tmp_path / "news", target_is_directory=True)
    (tmp_path / "news" / "self.txt").symlink_to(tmp_path / "news" / "self.txt")
    corpus = load([tmp_path])
    assert titles(corpus) == {"خبر داخل حلقة روابط"}
    messages = sorted(one_line(d) for d in corpus.diagnostics)
    assert len(messages) == 2
    assert all("loop" in m for m in messages)


def test_truncated_gzip_keeps_the_pages_before(tmp_path: Path) -> None:
    lines = "".join(
        json.dumps({"text": dated(f"خبر رقم {n} في أرشيف مضغوط", n % 28 + 1)}) + "\n"
        for n in range(200)
    )
    data = gzip.compress(lines.encode("utf-8"))
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    corpus = load([tmp_path])
    assert 0 < len(corpus.articles) < 200
    [problem] = corpus.diagnostics
    assert problem.path.endswith("cut.jsonl.gz") and "cannot read past line" in problem.message


def test_loading_writes_nothing_next_to_the_dumps(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", BRIDGE)
    write(tmp_path, "b.jsonl", json.dumps({"text": PORTS}))
    before = sorted((p, p.stat().st_mtime_ns) for p in tmp_path.rglob("*"))
    load([tmp_path])
    assert sorted((p, p.stat().st_mtime_ns) for p in tmp_path.rglob("*")) == before


def test_gzipped_dump_and_jsonl_under_other_names(tmp_path: Path) -> None:
    (tmp_path / "page.txt.gz").write_bytes(gzip.compress(BRIDGE.encode("utf-8")))
    lines = json.dumps({"text": BARE}) + "\n"
    odd = tmp_path / "elsewhere" / "export.gz"
    odd.parent.mkdir()
    odd.write_bytes(gzip.compress(lines.encode("utf-8")))
    corpus = load([tmp_path, odd])
    assert corpus.diagnostics == ()
    assert BRIDGE_TITLE in titles(corpus)
    assert "مكتبة عامة تمدد ساعات العمل خلال الامتحانات" in titles(corpus)
    (tmp_path / "broken.txt.gz").write_bytes(gzip.compress(b"x" * 1000)[:20])
    [problem] = load([tmp_path / "broken.txt.gz"]).diagnostics
    assert "gzip" in problem.message


def test_a_file_that_grew_after_its_size_was_read_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = dated("خبر كتب الناشر بقيته بعد قراءة حجمه", 10, body="سطر أول. " * 2000)
    path = write(tmp_path, "growing.txt", page)
    real_fstat = os.fstat

    def stale_fstat(fd: int) -> Any:  # the size from before the scraper wrote the rest
        info = real_fstat(fd)
        return os.stat_result((*info[:6], 100, *info[7:]))

    monkeypatch.setattr(os, "fstat", stale_fstat)
    [article] = load([path]).articles
    assert article.paragraphs[-1].endswith("سطر أول.")
    assert sum(p.count("سطر أول.") for p in article.paragraphs) == 2000


def test_a_file_swapped_for_a_pipe_after_the_walk_is_refused_not_waited_on(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "page.txt", dated("خبر صار أنبوبا", 11))
    files, problems = discover([tmp_path])
    path.unlink()
    os.mkfifo(path)  # nobody will ever write to it: reading it must not wait
    corpus = load_files(files, problems)
    assert corpus.articles == ()
    [problem] = corpus.diagnostics
    assert problem.path == str(path) and "not a regular file" in problem.message


def test_the_walk_reports_the_files_found_as_it_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.ingest import sources

    for n in range(7):
        (tmp_path / f"page{n}.txt").write_text(BARE, encoding="utf-8")
    monkeypatch.setattr(sources, "FOUND_EVERY", 3)
    counts: list[int] = []
    files, _ = discover([tmp_path], counts.append)
    assert len(files) == 7
    assert counts == [3, 6]


WANTED = [
    "a.txt", "A.TXT", "b.text", "c.dump", "page", "d.jsonl", "e.NDJSON", "f.jsonl.gz",
    "g.ndjson.gz", "h.txt.gz", "i.v2.txt",
]  # fmt: skip
UNWANTED = [
    "README.md", "k.json", "l.gz", "m.tar", "n.", "o.txt.bak", "p.jsonl.zip", "q.text.gz",
    "r.md.txt.md", ".hidden.txt",
]  # fmt: skip


def test_a_walk_takes_dump_names_and_nothing_else(tmp_path: Path) -> None:
    """A dump's suffix, or none, and not hidden: every name both ways, through the walk."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name in WANTED + UNWANTED:
        (folder / name).write_text("x", encoding="utf-8")
    files, problems = discover([folder])
    assert sorted(Path(f).name for f in files) == sorted(WANTED)
    assert problems == []
