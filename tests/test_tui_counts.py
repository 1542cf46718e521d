"""Counts in the interface are worded as Arabic words them (CLDR's five plural forms)."""

from __future__ import annotations

import pytest

from reader.render.counts import MATCHING_TAGS, NEWS, NOTES, counted


@pytest.mark.parametrize(
    ("count", "wording"),
    [
        (0, "0 خبر"),
        (1, "خبر واحد"),
        (2, "خبران"),
        (3, "3 أخبار"),
        (10, "10 أخبار"),
        (11, "11 خبرًا"),
        (67, "67 خبرًا"),
        (99, "99 خبرًا"),
        (100, "100 خبر"),
        (102, "102 خبر"),
        (103, "103 أخبار"),
        (111, "111 خبرًا"),
        (1000, "1000 خبر"),
        (1005, "1005 أخبار"),
    ],
)
def test_the_noun_takes_the_form_its_number_asks_for(
    arabic: None, count: int, wording: str
) -> None:
    assert counted(count, NEWS) == wording


def test_adjectives_agree_with_the_noun(arabic: None) -> None:
    assert counted(6, MATCHING_TAGS) == "6 وسوم مطابقة"
    assert counted(2, MATCHING_TAGS) == "وسمان مطابقان"
    assert counted(73, NOTES) == "73 ملاحظةً"
