"""`newsreader show` and the article lines it shares with the reader's article pane."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import reader.commands.opening
from reader import language
from reader.commands.show import show_command
from reader.layout import cell_len, layout_paragraph
from reader.library.reading import CorpusView
from reader.library.store import in_memory
from reader.library.writing import write_articles
from reader.model import STORY_FIELDS, Article, ReadAlso, Story
from reader.parse.corpus import Merged
from reader.render.article_lines import (
    READ_ALSO_LABEL,
    READ_BY_LABEL,
    TAGS_LABEL,
    article_blocks,
    render_lines,
)

ROOT = Path(__file__).resolve().parents[1]


def make_article(**changes: object) -> Article:
    fields: dict[str, object] = {
        "id": "a1",
        "title": "المجلس البلدي يقر خطة (النقل الأخضر) حتى 2030",
        "published": dt.date(2024, 5, 23),
        "place": "القاهرة",
        "agency": "الأفق",
        "source": "صحيفة الأفق",
        "paragraphs": (
            "أقر المجلس البلدي خطة جديدة للنقل تمتد حتى عام 2030 بكلفة 1.5 مليار جنيه.",
            "وقال رئيس المجلس إن «الخطة طموحة» وإن التنفيذ يبدأ في 17th, April 2025 GMT.",
            "اضغط [@click=app.quit] \x1b[31mهنا\x1b[0m للمزيد.",
        ),
        "tags": ("النقل", "المناخ"),
        "keywords": ("النقل",),
        "read_also": (ReadAlso("خبر ذو صلة", "a2"), ReadAlso("خبر غير موجود", None)),
        "read_by": ("a3",),
        "origins": (),
    }
    fields.update(changes)
    told = {name: fields.pop(name) for name in STORY_FIELDS if name in fields}
    return Article(story=Story(**told), **fields)  # type: ignore[arg-type]


def library_of(articles: list[Article]) -> CorpusView:
    """A real library in memory holding exactly these articles (no loader involved)."""
    _, anchor = in_memory()
    with anchor:
        anchor.execute("INSERT INTO corpora (roots, parser) VALUES ('[]', 0)")
        write_articles(anchor, 1, Merged(articles, 0, {}), len(articles), [])
    return CorpusView(anchor, 1)


@pytest.fixture
def corpus(monkeypatch: pytest.MonkeyPatch) -> CorpusView:
    a1 = make_article()
    view = library_of(
        [
            a1,
            make_article(id="a2", title="خبر ذو صلة", read_also=()),
            make_article(
                id="a3", title="خبر يشير إلى الخطة", read_also=(ReadAlso(a1.title, "a1"),)
            ),
        ]
    )
    monkeypatch.setattr(reader.commands.opening, "load_corpus", lambda paths: view)
    return view


def run_show(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(show_command, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_title_and_paragraphs_are_laid_out_alone_and_right_aligned(corpus: CorpusView) -> None:
    code, out, _ = run_show("المجلس البلدي", "--visual", "--width", "40")
    assert code == 0
    lines = out.split("\n")[:-1]
    article = corpus.get("a1")
    title = layout_paragraph(article.title, 40).aligned(40)
    assert tuple(lines[: len(title)]) == title
    for paragraph in article.paragraphs:
        laid = layout_paragraph(paragraph, 40).aligned(40)
        at = lines.index(laid[0])
        assert tuple(lines[at : at + len(laid)]) == laid
        assert lines[at - 1] == ""  # a blank line before each paragraph
    assert all(cell_len(line) <= 40 for line in lines)
    assert "\x1b" not in out  # neither colours nor the dump's escape sequence in a pipe


def test_sections_are_labelled_in_arabic(arabic: None, corpus: CorpusView) -> None:
    _, out, _ = run_show("a1", "--logical", "--width", "60")
    lines = out.split("\n")
    for label in (TAGS_LABEL, READ_ALSO_LABEL, READ_BY_LABEL):
        assert language._(label) in lines
    assert "• خبر يشير إلى الخطة" in lines  # read-by names the article, not its id
    assert "23 مايو 2024 · 15 ذو القعدة 1445 هـ · المصدر: صحيفة الأفق" in lines
    assert "القاهرة (الأفق)" in lines


def test_logical_output_is_the_text_itself(corpus: CorpusView) -> None:
    _, out, _ = run_show("a1", "--logical", "--width", "200")
    lines = out.split("\n")
    article = corpus.get("a1")
    assert lines[0] == article.title
    assert article.paragraphs[0] in lines
    assert "اضغط [@click=app.quit] هنا للمزيد." in lines


def test_a_pipe_gets_logical_text_unless_visual_is_asked_for(corpus: CorpusView) -> None:
    """A script reads the words as written, as `list` gives them, not the terminal's form."""
    code, out, _ = run_show("a1", "--width", "200")
    assert code == 0
    assert out == run_show("a1", "--logical", "--width", "200")[1]
    lines = out.split("\n")
    assert lines[0] == corpus.get("a1").title
    assert corpus.get("a1").paragraphs[0] in lines


def test_logical_and_visual_together_are_a_usage_error(corpus: CorpusView) -> None:
    code, out, err = run_show("a1", "--logical", "--visual")
    assert code == 2
    assert out == ""
    assert "--logical" in err and "--visual" in err


def test_default_width_is_80_in_a_pipe(corpus: CorpusView) -> None:
    _, out, _ = run_show("a1", "--visual")
    assert max(cell_len(line) for line in out.split("\n")) == 80


def test_unknown_article_is_a_clear_error(corpus: CorpusView) -> None:
    code, out, err = run_show("لا يوجد مثل هذا")
    assert code == 2
    assert out == ""
    assert "no article matches" in err and "Traceback" not in err


def test_ambiguous_article_lists_the_candidates(corpus: CorpusView) -> None:
    code, out, err = run_show("خبر")
    assert code == 2
    assert out == ""
    assert "starts 2 titles" in err
    assert "  خبر ذو صلة" in err.splitlines() and "  خبر يشير إلى الخطة" in err.splitlines()


def test_blocks_mark_what_can_be_followed() -> None:
    blocks = article_blocks(make_article(), lambda ref: None)
    targets = [b.target for b in blocks if b.target is not None]
    assert targets == [("tag", "النقل"), ("tag", "المناخ"), ("article", "a2"), ("article", "a3")]
    assert [b.kind for b in blocks if b.text == "خبر غير موجود"] == ["dead"]


def test_render_lines_keep_block_indexes_and_gaps() -> None:
    blocks = article_blocks(make_article(tags=(), read_also=(), read_by=()), None)
    lines = list(render_lines(blocks, 30))
    assert lines[0].kind == "title" and lines[0].block == 0
    gaps = [line for line in lines if line.block is None]
    assert len(gaps) == 3 and all(line.text == "" for line in gaps)
    assert {line.block for line in lines if line.kind == "paragraph"} - {None} == {3, 4, 5}


def test_render_lines_stream_a_long_page_block_by_block(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first line of a 90,000-paragraph page comes after laying out its first block only."""
    import reader.render.article_lines

    laid_out: list[str] = []

    def counting(text: str, width: int, direction: object = None) -> object:
        laid_out.append(text)
        return layout_paragraph(text, width, direction)  # type: ignore[arg-type]

    monkeypatch.setattr(reader.render.article_lines, "layout_paragraph", counting)
    paragraphs = tuple(f"السطر رقم {n} من النص." for n in range(90_000))
    blocks = article_blocks(make_article(paragraphs=paragraphs), None)
    lines = render_lines(blocks, 80)
    assert next(lines).kind == "title" and len(laid_out) == 1
    assert [line.block for line in itertools.islice(lines, 6)] == [1, 2, None, 3, None, 4]
    assert len(laid_out) == 5


def test_show_on_the_bundled_feeds_from_the_command_line() -> None:
    """The installed command, on the sample feeds, finding an article by a title prefix."""
    script = shutil.which("newsreader", path=str(Path(sys.executable).parent))
    assert script, "the package must be installed with its console script"
    listed = subprocess.run(
        [script, "list", "--logical"], capture_output=True, text=True, check=True
    )
    title = listed.stdout.splitlines()[0]
    prefix = " ".join(title.split()[:4])
    for width in ("40", "100"):
        result = subprocess.run(
            [script, "show", prefix, "--visual", "--width", width],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        lines = result.stdout.split("\n")[:-1]
        laid = layout_paragraph(title, int(width)).aligned(int(width))
        assert tuple(lines[: len(laid)]) == laid
        assert all(cell_len(line) <= int(width) for line in lines)


def test_show_colours_only_at_a_terminal() -> None:
    """At a terminal the lines are the same, styled; the width is the terminal's."""
    script = shutil.which("newsreader", path=str(Path(sys.executable).parent))
    assert script
    listed = subprocess.run([script, "list", "--logical"], capture_output=True, text=True)
    title = listed.stdout.splitlines()[0]
    main, child = pty.openpty()
    env = {**os.environ, "COLUMNS": "60", "LINES": "40"}
    process = subprocess.Popen([script, "show", title], stdout=child, stderr=child, env=env)
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    assert process.wait(timeout=60) == 0
    raw = b"".join(chunks).decode("utf-8")
    assert "\x1b[" in raw
    lines = re.sub(r"\x1b\[[0-9;]*m", "", raw).replace("\r\n", "\n").split("\n")
    laid = layout_paragraph(title, 60).aligned(60)
    assert tuple(lines[: len(laid)]) == laid
