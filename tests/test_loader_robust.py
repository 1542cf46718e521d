"""Whatever bytes or text a dump holds, loading returns a corpus and never raises."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.parse.loader import load
from reader.parse.page import NotAPage, parse_page

# Fragments of page structure, so that random pages reach the parser's every branch.
PIECES = [
    "Tags: ",
    "المصدر: ",
    "كلمات دلالية: ",
    "إقرأ أيضاً:",
    "أخبار ذات صلة",
    "تاريخ النشر: 3rd, May 2024 GMT",
    "تاريخ النشر: 99th, Foo 20",
    "المدينة (وكالة) – ",
    "(",
    ")",
    "\n",
    "\r\n",
    " ",
    "و",
    "ال",
    "أ",
    "\u064e",
    "\u0640",
    "\x1b[2J",
]
page_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=60).map(
    "".join
)


@settings(max_examples=300, deadline=None)
@given(page_text)
def test_parser_returns_a_page_or_says_why_not(text: str) -> None:
    try:
        page = parse_page(text)
    except NotAPage as error:
        assert str(error)
        return
    story = page.story
    assert story.title and story.paragraphs
    for line in (story.title, *story.paragraphs):
        assert "\x1b" not in line and "\n" not in line


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(page_text.map(str.encode), st.binary(max_size=300)), max_size=5))
def test_load_never_raises(contents: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for n, data in enumerate(contents):
            (Path(folder) / f"{n}.txt").write_bytes(data)
        corpus = load([folder])
        assert corpus.stats.pages + corpus.stats.failed == len(contents)
        for diagnostic in corpus.diagnostics:
            assert "\n" not in str(diagnostic)
        for article in corpus.articles:
            assert corpus.get(article.id) is article
            assert len(set(article.tags)) == len(article.tags)
