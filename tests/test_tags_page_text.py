"""`reader.tags.page_text`: the page's words and phrases, as a tag may share them."""

from __future__ import annotations

from reader.tags.page_text import PageText

TEXT = PageText(["زيارة رسمية", "زار وفد من الأردن والعراق مدينة بغداد."])


def test_a_phrase_is_found_as_whole_words_only() -> None:
    assert TEXT.has_phrase("مدينة بغداد")
    assert TEXT.has_phrase("الأردن")
    assert not TEXT.has_phrase("راق")  # inside العراق, not a word of its own


def test_a_joined_conjunction_does_not_hide_a_word() -> None:
    assert TEXT.has_phrase("العراق")
    assert "العراق" in TEXT.words and "والعراق" in TEXT.words


def test_two_words_joined_by_wa_are_listed_apart() -> None:
    assert TEXT.lists("الأردن", "العراق")
    assert not TEXT.lists("العراق", "مدينة")
