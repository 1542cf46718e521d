"""`reader.parse.tags.keywords`: the keywords line is the tags less a few, in the same order."""

from __future__ import annotations

from reader.parse.tags.keywords import cover_by_tags, mark_keyword_gaps


def test_a_run_the_keywords_leave_out_is_whole_tags() -> None:
    certain = [False, False, False]  # أسوان البنية التحتية النقل, all parted by spaces
    left_out = mark_keyword_gaps(
        ["أسوان", "البنية", "التحتية", "النقل"], certain, ["أسوان", "النقل"]
    )
    assert left_out == (False, True, True, False)
    assert certain == [True, False, True]


def test_keywords_that_do_not_align_prove_nothing() -> None:
    certain = [False]
    assert mark_keyword_gaps(["أسوان", "النقل"], certain, ["مصر"]) is None
    assert certain == [False]


def test_keywords_are_the_page_s_tags_less_some() -> None:
    assert cover_by_tags(["نهر", "النيل", "أسوان"], ["نهر النيل", "مصر", "أسوان"]) == (
        "نهر النيل",
        "أسوان",
    )
    assert cover_by_tags(["نهر", "أسوان"], ["نهر النيل", "أسوان"]) is None
