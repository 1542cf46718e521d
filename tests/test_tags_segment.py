"""`reader.parse.tags.segment`: scoring the ways a spaced run of words splits into tags."""

from __future__ import annotations

from reader.parse.tags.index import TagIndex
from reader.parse.tags.order import CODE_POINTS
from reader.parse.tags.segment import best_segmentation
from reader.text.arabic import key

WORDS = ("الجزائر", "تونس")
KEYS = tuple(map(key, WORDS))
IN_ORDER = ((True, True), (True, True), CODE_POINTS)


def segment(
    index: TagIndex | None = None,
    listed: tuple[bool, ...] = (False,),
    named: tuple[bool, ...] = (False, False),
    bridges: tuple[bool, ...] | None = None,
) -> tuple[str, ...]:
    return best_segmentation(
        WORDS,
        KEYS,
        index or TagIndex(),
        {},
        {},
        listed,
        named,
        (False, False),
        IN_ORDER,
        frozenset(),
        False,
        bridges is None,
        bridges is None,
        bridges,
    )


def test_on_a_site_that_glues_a_space_is_inside_a_tag() -> None:
    assert segment() == ("الجزائر تونس",)


def test_a_listing_in_the_text_or_a_spaced_site_parts_the_words() -> None:
    assert segment(listed=(True,), named=(True, True)) == WORDS
    assert segment(bridges=(False,)) == WORDS


def test_words_known_as_tags_of_their_own_part_the_run() -> None:
    index = TagIndex()
    index.certain.update(dict.fromkeys(KEYS, 1))
    assert segment(index) == WORDS


def test_on_a_site_that_glues_a_part_nothing_names_is_not_cut_off() -> None:
    index = TagIndex()
    index.certain[KEYS[1]] = 1  # تونس is a tag elsewhere; الجزائر nowhere, nor in the text
    assert segment(index) == ("الجزائر تونس",)
    assert segment(index, named=(True, False)) == WORDS
