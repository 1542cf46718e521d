"""`reader.parse.tags.resolve`: each page's tags and keywords decided against the corpus index."""

from __future__ import annotations

from reader.parse.tags.evidence import page_evidence
from reader.parse.tags.glued import CorpusWords
from reader.parse.tags.index import TagIndex
from reader.parse.tags.order import site_orders
from reader.parse.tags.page_text import PageText
from reader.parse.tags.resolve import TagResolver
from reader.text.arabic import key

WORDS = ["أسوان", "البنية", "التحتية", "النقل", "البري", "نهر", "النيل"]


def test_runs_between_certain_boundaries_become_tags_and_keywords_follow_them() -> None:
    text = PageText([])
    evidence = page_evidence(
        "أسوانالبنية التحتيةالنقل البرينهر النيل",
        "أسوان البنية التحتية نهر النيل",
        text,
        CorpusWords(map(key, WORDS)),
    )
    resolver = TagResolver(TagIndex.pooled([evidence], [None], site_orders([evidence], [None])))
    tags = resolver.tags(evidence, text)
    assert tags == ("أسوان", "البنية التحتية", "النقل البري", "نهر النيل")
    assert resolver.keywords(evidence, tags, text) == ("أسوان", "البنية التحتية", "نهر النيل")


def test_a_spaced_line_is_one_tag_on_a_site_that_glues_and_three_on_one_that_parts() -> None:
    text = PageText(["نص بلا وسوم"])
    evidence = page_evidence("أسعار الذهب اليوم", None, text, CorpusWords([]))
    glued = TagIndex(glued_sources={"موقع اللصق"})
    assert TagResolver(glued).tags(evidence, text, "موقع اللصق") == ("أسعار الذهب اليوم",)
    assert TagResolver(glued).tags(evidence, text, "موقع الفواصل") == ("أسعار", "الذهب", "اليوم")
