"""`reader.parse.tags.evidence`: what one page proves about its tag boundaries on its own."""

from __future__ import annotations

from reader.parse.tags.evidence import page_evidence, whole_words
from reader.parse.tags.glued import CorpusWords
from reader.parse.tags.page_text import PageText
from reader.text.arabic import key

LINE = "أسوانالبنية التحتيةالنقل البرينهر النيل"
KEYWORDS = "أسوان البنية التحتية نهر النيل"
WORDS = ["أسوان", "البنية", "التحتية", "النقل", "البري", "نهر", "النيل"]


def test_glue_points_and_the_keywords_gaps_are_certain_boundaries() -> None:
    evidence = page_evidence(LINE, KEYWORDS, PageText([]), CorpusWords(map(key, WORDS)))
    assert evidence.words == tuple(WORDS)
    assert evidence.glued and evidence.aligned
    assert evidence.groups() == [(0, 1), (1, 3), (3, 5), (5, 7)]
    assert evidence.left_out == (False, False, False, True, True, False, False)


def test_a_first_pass_leaves_an_unexplained_token_to_the_corpus() -> None:
    evidence = page_evidence(LINE, KEYWORDS, PageText([]))
    assert evidence.unsure and evidence.words == ()
    assert set(whole_words(evidence)) == set(map(key, KEYWORDS.split()))


def test_separators_mark_the_line_as_parted() -> None:
    evidence = page_evidence("الأردن - مصر", None, PageText([]), CorpusWords([]))
    assert evidence.separated and not evidence.glued
    assert evidence.certain == (True,)


def test_a_spaced_page_notes_the_pairs_its_text_writes_together() -> None:
    evidence = page_evidence(
        "أسعار الذهب بورصة", None, PageText(["ارتفعت أسعار الذهب"]), CorpusWords([])
    )
    assert evidence.bridged == (f"{key('أسعار')} {key('الذهب')}",)
