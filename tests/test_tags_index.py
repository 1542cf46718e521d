"""`reader.parse.tags.index`: the corpus's certain units, whole runs and companies of words."""

from __future__ import annotations

from reader.parse.tags.evidence import PageEvidence, page_evidence
from reader.parse.tags.glued import CorpusWords
from reader.parse.tags.index import TagIndex
from reader.parse.tags.order import site_orders
from reader.parse.tags.page_text import PageText
from reader.text.arabic import key

NONE = CorpusWords([])  # the second pass, with no other page's words


def pooled(pages: list[PageEvidence], sources: list[str | None]) -> TagIndex:
    return TagIndex.pooled(pages, sources, site_orders(pages, sources))


def test_a_single_word_run_is_a_certain_unit_a_longer_one_a_whole_run() -> None:
    index = pooled(
        [page_evidence("الطاقةالمياه الجوفية", None, PageText(["الطاقة والمياه"]), NONE)], [None]
    )
    assert index.certain[key("الطاقة")] == 1
    assert index.groups[f"{key('المياه')} {key('الجوفية')}"] == 1
    assert index.glued_sources == {None}


def test_a_spaced_site_s_words_that_always_meet_keep_company() -> None:
    pages = [
        page_evidence(f"{a} صندوق النقد {b}", None, PageText([]), NONE)
        for a, b in zip(["الأردن", "البحرين", "الجزائر"] * 2, ["مصر", "قطر"] * 3, strict=True)
    ]
    index = pooled(pages, ["موقع"] * len(pages))
    assert index.keep_company(key("صندوق"), key("النقد"))
    assert not index.keep_company(key("الأردن"), key("صندوق"))


def test_a_run_whose_halves_are_far_more_often_alone_is_a_chance_pairing() -> None:
    index = TagIndex()
    index.certain.update({"الاردن": 12, "مصر": 12})
    assert index.chance_pairing(("الاردن", "مصر"), 2)
    assert not index.chance_pairing(("الاردن", "مصر"), 6)
