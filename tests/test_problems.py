"""Problems met reading dumps: English as the library keeps them, Arabic in the Arabic
interface, from real files with real problems."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from reader import problems
from reader.parse.loader import load
from reader.problems import TEMPLATES, diagnostic_text, worded

FIELD = re.compile(r"\{(\w+)\}")
ARABIC = re.compile("[\u0600-\u06ff]")


def filled(template: str) -> str:
    """A template with a value in each field: a number, or a reason that is a problem too."""
    values = {
        name: "17" if name in {"line", "size", "count", "depth", "length", "column"} else name
        for name in FIELD.findall(template)
    }
    if "reason" in values:
        values["reason"] = problems.DENIED
    return template.format(**values)


@pytest.mark.parametrize("template", TEMPLATES)
def test_a_problem_reads_back_as_it_was_written_in_english(template: str) -> None:
    assert worded(filled(template)) == filled(template)


@pytest.mark.parametrize("template", TEMPLATES)
def test_a_problem_reads_arabic_in_the_arabic_interface(template: str, arabic: None) -> None:
    english = filled(template)
    shown = worded(english)
    assert shown != english and ARABIC.search(shown)
    assert problems.DENIED not in shown  # the reason inside is worded too
    for number in re.findall(r"\d+", english):
        assert number in shown  # the values come through


def broken_dumps(folder: Path) -> Path:
    folder.mkdir()
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "menu.txt").write_text("Home\nAbout\nContact\n" * 3, encoding="utf-8")
    lines = [
        json.dumps({"text": "عنوان\nتاريخ النشر: 1st, May 2024 GMT\nنص الخبر هنا."}),
        "{not json",
        json.dumps({"url": "https://example.org"}),
        json.dumps([1, 2]),
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "cut.txt.gz").write_bytes(gzip.compress("عنوان\nنص".encode())[:-6])
    return folder


def test_every_problem_of_real_files_is_made_from_a_template(tmp_path: Path) -> None:
    diagnostics = load([broken_dumps(tmp_path / "dumps")]).diagnostics
    assert len(diagnostics) >= 6
    made = [re.compile("^" + re.sub(r"\\\{\w+\\\}", ".+", re.escape(t)) + "$") for t in TEMPLATES]
    for diagnostic in diagnostics:
        assert any(p.match(diagnostic.message) for p in made), diagnostic.message


def test_the_problems_of_real_files_read_arabic_path_and_line_kept(
    tmp_path: Path, arabic: None
) -> None:
    for diagnostic in load([broken_dumps(tmp_path / "dumps")]).diagnostics:
        shown = diagnostic_text(diagnostic)
        assert Path(diagnostic.path).name in shown
        assert re.search("(خطأ|تنبيه)", shown), shown
        message = shown.split(": ", 2)[-1] if diagnostic.line is None else shown
        english = re.sub(
            r"\{[^}]*\}|JSON|UTF-8|UTF-16|Windows-1256|gzip|text|Expecting \w+", "", message
        )
        assert not re.search(r"\b(cannot|file|page|line|not)\b", english), shown


@pytest.mark.parametrize("query", ["-", "tag:", '"نص مفتوح', "-كلمة", "after:غدا"])
def test_what_a_query_was_read_as_reads_arabic(query: str, arabic: None) -> None:
    from reader.text.query import parse

    notes = parse(query).notes
    assert notes
    for note in notes:
        assert ARABIC.search(worded(note)) and worded(note) != note
        assert not re.search(r"\b(left|needs|value|quote|query)\b", worded(note))


def test_a_library_that_cannot_be_used_is_said_so_in_arabic(tmp_path: Path, arabic: None) -> None:
    from reader.library.session import Session

    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    session = Session([tmp_path], str(blocker / "lib.sqlite3"))
    (warning,) = session.warnings
    shown = worded(warning)
    assert ARABIC.search(shown) and "cannot be used" not in shown and "reading without" not in shown
    assert str(blocker) in shown  # the path as it is
