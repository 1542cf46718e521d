"""Hostile and unusual input: each trick costs at most its own page, and says so in one line."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from loader_support import dated, one_line, titles, write

from reader.ingest.decode import MAX_CONTROL_SHARE, DecodeError, decode, strip_escapes
from reader.ingest.sources import MAX_FOLDER_DEPTH, MAX_PAGE_BYTES
from reader.model import Diagnostic, shown_path
from reader.parse.loader import load
from reader.parse.page import parse_page


def newsreader(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed command, as a user runs it."""
    script = shutil.which("newsreader", path=str(Path(sys.executable).parent))
    assert script, "the package must be installed with its console script"
    return subprocess.run(
        [script, *args], capture_output=True, text=True, encoding="utf-8", check=False, timeout=60
    )


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


# Page chrome behind invisible marks

INVISIBLE = {
    "RLM": "\u200f",
    "LRM": "\u200e",
    "ALM": "\u061c",
    "ZWNJ": "\u200c",
    "ZWJ": "\u200d",
    "ZWSP": "\u200b",
    "BOM": "\ufeff",
    "word joiner": "\u2060",
    "LRE": "\u202a",
    "RLE": "\u202b",
    "PDF": "\u202c",
    "LRO": "\u202d",
    "RLO": "\u202e",
    "LRI": "\u2066",
    "RLI": "\u2067",
    "FSI": "\u2068",
    "PDI": "\u2069",
    "RLM LRM": "\u200f\u200e",
}


def chrome_page(before: str = "", colon: str = ": ") -> str:
    """A page whose four chrome lines start with `before` and spell their colon `colon`."""
    return "\n".join(
        [
            "افتتاح جسر جديد فوق النهر",
            f"{before}تاريخ النشر{colon}3rd, March 2025 GMT",
            "أسوان (الوادي) – افتتحت السلطات جسرا جديدا يربط ضفتي النهر.",
            "ويبلغ طول الجسر نحو 800 متر.",
            f"{before}Tags{colon}أسوانالنقل البريالمصدر{colon}صحيفة الوادي",
            f"{before}كلمات دلالية{colon}أسوان النقل البري",
            f"{before}إقرأ أيضاً{colon}",
            "خطة لتطوير الموانئ النهرية",
            "أعلنت الهيئة عن خطة لتطوير ثلاثة موانئ.",
        ]
    )


def assert_chrome_recognised(text: str) -> None:
    page = parse_page(text)
    assert page.story.published == dt.date(2025, 3, 3)
    assert page.tags_line == "أسوانالنقل البري"
    assert page.source == "صحيفة الوادي"
    assert page.keywords_line == "أسوان النقل البري"
    assert page.story.paragraphs == (
        "افتتحت السلطات جسرا جديدا يربط ضفتي النهر.",
        "ويبلغ طول الجسر نحو 800 متر.",
    )
    [related] = page.related
    assert related.title == "خطة لتطوير الموانئ النهرية"


@pytest.mark.parametrize("mark", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_chrome_lines_are_recognised_after_invisible_marks(mark: str) -> None:
    assert_chrome_recognised(chrome_page(before=mark))


@pytest.mark.parametrize(
    "colon",
    [
        "\u00a0:\u00a0",  # no-break spaces
        "\u202f: ",  # narrow no-break space
        " :\u2009",  # thin space
        "\u3000:\u3000",  # ideographic space
        "\u200f:\u200f ",  # a right-to-left mark each side
        ":\u200e\u00a0",
        "\u061c：",  # fullwidth colon after an Arabic letter mark
    ],
)
def test_chrome_lines_are_recognised_with_any_space_around_the_colon(colon: str) -> None:
    assert_chrome_recognised(chrome_page(colon=colon))


def test_chrome_behind_marks_in_a_file_reaches_the_article(tmp_path: Path) -> None:
    write(tmp_path, "page.txt", chrome_page(before="\u200f"))
    [article, related] = sorted(load([tmp_path]).articles, key=lambda a: a.published is None)
    assert article.published == dt.date(2025, 3, 3)
    assert article.tags and article.keywords and article.source == "صحيفة الوادي"
    assert article.read_also[0].id == related.id


# Line separators inside a line

SEPARATORS = {
    "FF": "\f",
    "VT": "\v",
    "FS": "\x1c",
    "GS": "\x1d",
    "RS": "\x1e",
    "NEL": "\x85",
    "LS": "\u2028",
    "PS": "\u2029",
    "CR": "\r",
}


def separated_page(sep: str) -> str:
    return "\n".join(
        [
            f"افتتاح جسر{sep}جديد فوق النهر",
            f"تاريخ النشر:{sep}3rd, March 2025 GMT",
            f"أسوان (الوادي) –{sep}افتتحت السلطات جسرا جديدا.",
            f"Tags: أسوانالنقل{sep}البريالمصدر: صحيفة الوادي",
            f"كلمات دلالية: أسوان{sep}النقل البري",
        ]
    )


@pytest.mark.parametrize("sep", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_pages_split_on_line_feeds_only(sep: str) -> None:
    page = parse_page(separated_page(sep))
    assert page.story.title == "افتتاح جسر جديد فوق النهر"
    assert page.story.published == dt.date(2025, 3, 3)
    assert (page.story.place, page.story.agency) == ("أسوان", "الوادي")
    assert page.story.paragraphs == ("افتتحت السلطات جسرا جديدا.",)
    assert page.tags_line == "أسوانالنقل البري"
    assert page.keywords_line == "أسوان النقل البري"


@pytest.mark.parametrize("sep", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_separators_are_spaces_in_every_container(tmp_path: Path, sep: str) -> None:
    text = separated_page(sep)
    write(tmp_path, "page.txt", text)
    (tmp_path / "pages.jsonl").write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    write(tmp_path, "saved-as-text.txt", json.dumps({"text": text}, ensure_ascii=False) + "\n")
    corpus = load([tmp_path])
    assert corpus.diagnostics == ()
    [article] = corpus.articles
    assert article.title == "افتتاح جسر جديد فوق النهر" and len(article.origins) == 3
    assert article.published == dt.date(2025, 3, 3)
    assert article.paragraphs == ("افتتحت السلطات جسرا جديدا.",)


def test_crlf_still_ends_a_line() -> None:
    page = parse_page(separated_page(" ").replace("\n", "\r\n"))
    assert page.story.title == "افتتاح جسر جديد فوق النهر"
    assert page.tags_line == "أسوانالنقل البري"


# Terminal escape sequences in text

RED, RESET = "\x1b[1;31m", "\x1b[0m"
COLOURED = "\n".join(
    [
        f"\x1b]0;scraper: page 1\x07{RED}افتتاح جسر جديد فوق النهر{RESET}",
        "تاريخ النشر: 3rd, March 2025 GMT",
        f"أسوان (الوادي) – افتتحت {RED}السلطات{RESET} جسرا جديدا يربط ضفتي النهر.",
        "\x1b]2;الخبر\x1b\\ويبلغ طول الجسر نحو 800 متر.\x1b(B",
        "\x9b32mوقال مسؤول إن الجسر سيخفف الزحام عن الطريق القديم.\x9b0m",
        f"Tags: {RED}أسوان{RESET}النقل البري\x1b[Kالمصدر: صحيفة الوادي\x1b7",
        "كلمات دلالية: أسوان النقل البري\x1b8",
    ]
)


def test_the_coloured_page_is_control_heavy() -> None:
    data = COLOURED.encode("utf-8")
    controls = sum(ch in "\x1b\x07\x9b" for ch in COLOURED)
    assert 0.01 < controls / len(data) < 0.03


def check_coloured(article) -> None:
    assert article.title == "افتتاح جسر جديد فوق النهر"
    assert article.published == dt.date(2025, 3, 3)
    assert article.paragraphs == (
        "افتتحت السلطات جسرا جديدا يربط ضفتي النهر.",
        "ويبلغ طول الجسر نحو 800 متر.",
        "وقال مسؤول إن الجسر سيخفف الزحام عن الطريق القديم.",
    )
    assert article.source == "صحيفة الوادي"
    assert set(article.tags) == {"أسوان", "النقل البري"}
    assert set(article.keywords) <= {"أسوان", "النقل البري"}


def test_a_page_with_terminal_escapes_is_text_and_loses_them_whole(tmp_path: Path) -> None:
    write(tmp_path, "captured.txt", COLOURED)
    corpus = load([tmp_path])
    assert corpus.diagnostics == ()
    [article] = corpus.articles
    check_coloured(article)


def test_escapes_in_json_lines_text_go_the_same_way(tmp_path: Path) -> None:
    (tmp_path / "pages.jsonl").write_text(json.dumps({"text": COLOURED}) + "\n", "utf-8")
    corpus = load([tmp_path])
    assert corpus.diagnostics == ()
    [article] = corpus.articles
    check_coloured(article)


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("a\x1b[31mb\x1b[0mc", "abc"),
        ("a\x1b[?25l\x1b[2;5Hb", "ab"),
        ("a\x1b]0;title\x07b", "ab"),
        ("a\x1b]8;;https://example.org\x1b\\b", "ab"),
        ("a\x9b1;32mb", "ab"),
        ("a\x1bPq#0;2;0;0;0\x1b\\b", "ab"),
        ("a\x1b(Bb\x1bcc\x1b7d", "abcd"),
        ("a\x1b]0;never closed", "a"),
        ("no escapes", "no escapes"),
    ],
)
def test_whole_escape_sequences_are_stripped(text: str, left: str) -> None:
    assert strip_escapes(text) == left


def test_controls_outside_escapes_past_the_limit_make_binary() -> None:
    assert MAX_CONTROL_SHARE == 0.01
    body = "ب" * 1000
    under = "\x01" * int(len(body) * MAX_CONTROL_SHARE)
    assert decode((body + under).encode("utf-8")).text == body + under
    with pytest.raises(DecodeError, match="binary"):
        decode((body + under + "\x01" * 10).encode("utf-8"))
    with pytest.raises(DecodeError, match="binary"):
        decode("نص عربي".encode("utf-16-le") * 50)  # UTF-16 with no mark: half NULs
    escaped = (RED + "ب" + RESET) * 100
    assert decode(escaped.encode("utf-8")).text == escaped, "escapes are not binary bytes"


# Decompression and line bombs

BOMB_LINE = 256 * 1024 * 1024  # 64 times MAX_PAGE_BYTES; 1 GiB behaves the same, 4 times slower
PEAK_RSS_LIMIT = 150 * 1024 * 1024
# The child may not grow past this, so that a bound that broke fails the test, not the machine.
CHILD_ADDRESS_SPACE = 1024 * 1024 * 1024
MEASURE = f"""
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({CHILD_ADDRESS_SPACE}, {CHILD_ADDRESS_SPACE}))
from reader.parse.loader import load
corpus = load([sys.argv[1]])
print(json.dumps({{
    "titles": [a.title for a in corpus.articles],
    "diagnostics": [[d.line, d.message] for d in corpus.diagnostics],
    "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
}}))
"""
GOOD_LINE = json.dumps({"text": dated("خبر بعد السطر الضخم", 7)}) + "\n"


def gzip_bomb(path: Path) -> Path:
    """JSON Lines whose first line is BOMB_LINE bytes, gzipped to about a megabyte: written
    as gzip members one after another, one mebibyte of the line repeated."""
    mebibyte = gzip.compress(b"a" * (1 << 20))
    with path.open("wb") as out:
        out.write(gzip.compress(b'{"text": "'))
        for _ in range(BOMB_LINE >> 20):
            out.write(mebibyte)
        out.write(gzip.compress(b'"}\n' + GOOD_LINE.encode()))
    return path


def sparse_bomb(path: Path) -> Path:
    """Plain JSON Lines whose first line is BOMB_LINE zero bytes, stored sparse."""
    with path.open("wb") as out:
        out.truncate(BOMB_LINE)
        out.seek(BOMB_LINE)
        out.write(b"\n" + GOOD_LINE.encode())
    return path


@pytest.mark.parametrize(
    ("name", "make"),
    [("bomb.jsonl.gz", gzip_bomb), ("bomb.txt", gzip_bomb), ("bomb.jsonl", sparse_bomb)],
)
def test_a_line_bomb_is_one_diagnostic_in_bounded_memory(tmp_path: Path, name, make) -> None:
    bomb = make(tmp_path / name)
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(bomb)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)
    assert report["titles"] == ["خبر بعد السطر الضخم"]
    [[line, message]] = report["diagnostics"]
    assert line == 1 and "256.0 MB is far too large" in message
    assert report["peak"] < PEAK_RSS_LIMIT, f"peak RSS {report['peak'] / 1048576:.0f} MiB"


@pytest.mark.parametrize("name", ["only.jsonl.gz", "only.txt", "only.jsonl"])
def test_a_file_of_one_line_too_long_is_one_diagnostic(tmp_path: Path, name: str) -> None:
    line = b'{"text": "' + b"a" * MAX_PAGE_BYTES + b'"}\n'
    path = tmp_path / name
    path.write_bytes(line if name == "only.jsonl" else gzip.compress(line))
    corpus = load([path])
    [problem] = corpus.diagnostics
    assert problem.line == 1 and "4.0 MB is far too large" in problem.message
    assert corpus.stats.failed == 1


# File names


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("a\nb.txt", "a\\nb.txt"),
        ("a\r\tb.txt", "a\\r\\tb.txt"),
        ("\x1b[31mred.txt", "\\x1b[31mred.txt"),
        ("bell\x07\x7f\x85.txt", "bell\\x07\\x7f\\x85.txt"),
        ("gnp\u202e.txt", "gnp\\u202e.txt"),
        ("line\u2028para\u2029.txt", "line\\u2028para\\u2029.txt"),
        ("خبر عاجل.txt", "خبر عاجل.txt"),
        (os.fsdecode(b"bad\xfe.txt"), "bad\\xfe.txt"),
    ],
)
def test_a_name_is_shown_with_its_controls_escaped(name: str, shown: str) -> None:
    assert shown_path(f"dumps/{name}") == f"dumps/{shown}"
    assert str(Diagnostic(f"dumps/{name}", "broken", 3)) == f"dumps/{shown}:3: error: broken"


def test_a_name_cannot_forge_or_scramble_diagnostic_lines(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", dated("خبر في ملف اسمه عادي", 8))
    forged = "x.txt: error: forged\nreal.txt"
    (tmp_path / forged).write_bytes(b"\x00\x01binary")
    (tmp_path / "\x1b[31mred.txt").write_bytes(b"\x00\x01binary")
    check = newsreader("check", str(tmp_path))
    assert check.returncode == 1
    lines = check.stderr.splitlines()
    assert len(lines) == 2, check.stderr
    assert f"{tmp_path}/\\x1b[31mred.txt: error: binary data, not text" in lines
    assert f"{tmp_path}/x.txt: error: forged\\nreal.txt: error: binary data, not text" in lines


def test_bad_paths_on_the_command_line_are_diagnostics_beside_good_ones(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", dated("خبر سليم بين مسارات سيئة", 9))
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    broken = tmp_path / "broken.txt"
    broken.symlink_to(tmp_path / "nowhere")
    not_a_folder = good / "inside.txt"  # a path through a file: fails even for root
    check = newsreader("check", str(fifo), str(good), str(broken), str(not_a_folder))
    assert check.returncode == 1, "exit 1 when a page failed, as documented"
    assert check.stdout.startswith("1 pages, 1 articles, 0 merged, 3 failed")
    lines = check.stderr.splitlines()
    assert [line.split(": ")[0] for line in lines] == [str(fifo), str(broken), str(not_a_folder)]
    assert "Usage" not in check.stderr and "Traceback" not in check.stderr


# Dates and text


def dated_by(line: str) -> str:
    return f"عنوان خبر بتاريخ غريب\nتاريخ النشر: {line}\nعمّان (خاص) – نص قصير عن الخبر."


@pytest.mark.parametrize(
    "date",
    [
        "31st, February 2024 GMT",
        "29th, February 2023",
        "February 30th, 2024",
        "2024-02-31",
        "31/04/2024",
        "0th, May 2024",
        "1st, Mayo 2024",
        # digits run on: no date can be read from them, and none must be half read
        "17th, April 20245 GMT",
        "117th, April 2024",
        "2024-04-175",
        "12024-04-17",
        "123/04/2024",
        "17/04/20245",
    ],
)
def test_an_impossible_date_is_no_date_and_a_warning(tmp_path: Path, date: str) -> None:
    write(tmp_path, "page.txt", dated_by(date))
    corpus = load([tmp_path])
    [article] = corpus.articles
    assert article.published is None
    [warning] = corpus.diagnostics
    assert warning.severity == "warning" and "unreadable publication date" in warning.message
    assert corpus.stats.failed == 0


@pytest.mark.parametrize(
    ("date", "day"),
    [
        ("29th, February 2024 GMT", dt.date(2024, 2, 29)),
        ("2024-04-17T10:30:00Z", dt.date(2024, 4, 17)),
        ("17/04/2024، 10:30", dt.date(2024, 4, 17)),
        ("April 17th, 2024", dt.date(2024, 4, 17)),
    ],
)
def test_possible_dates_next_to_other_text_still_read(date: str, day: dt.date) -> None:
    assert parse_page(dated_by(date)).story.published == day


def test_html_entities_are_decoded_once(tmp_path: Path) -> None:
    page = "\n".join(
        [
            "وزير &quot;الخارجية&quot; يلتقي نظيره &amp; يبحثان &#1575;&#x644;تعاون",
            "تاريخ النشر: 3rd, March 2025 GMT",
            "عمّان (خاص) – قال الوزير&nbsp;إن &laquo;الحوار&raquo; مستمر، و&amp;lt; ليست وسما.",
            "Tags: الأردنالتعاون &amp; التنميةالمصدر: صحيفة &quot;التجربة&quot;",
        ]
    )
    write(tmp_path, "page.txt", page)
    (tmp_path / "page.jsonl").write_text(json.dumps({"text": page}) + "\n", "utf-8")
    corpus = load([tmp_path])
    assert corpus.diagnostics == ()
    [article] = corpus.articles
    assert len(article.origins) == 2
    assert article.title == 'وزير "الخارجية" يلتقي نظيره & يبحثان التعاون'
    assert article.paragraphs == ("قال الوزير إن «الحوار» مستمر، و&lt; ليست وسما.",)
    assert article.source == 'صحيفة "التجربة"'
    assert parse_page(page).tags_line == "الأردنالتعاون & التنمية"
    assert not any("&" in tag or "amp" in tag for tag in article.tags)
