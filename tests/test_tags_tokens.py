"""`reader.parse.tags.tokens`: a Tags line's tokens, and the separators and seams between them."""

from __future__ import annotations

from reader.parse.tags.tokens import line_tokens, script_parts


def test_separators_and_hashtags_start_a_new_tag_a_hyphen_inside_does_not() -> None:
    assert line_tokens("الأردن، المياه الجوفية - #مصر كوفيد-19") == [
        ("الأردن", True),
        ("المياه", True),
        ("الجوفية", False),
        ("مصر", True),
        ("كوفيد-19", False),
    ]


def test_a_seam_between_scripts_parts_a_token_without_ordering_it() -> None:
    parts = list(script_parts([("كوفيد-19منظمة", True), ("5Gالاتصالات", False)]))
    assert parts == [("كوفيد-19", True), ("منظمة", None), ("5G", False), ("الاتصالات", None)]
