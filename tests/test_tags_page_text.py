"""`reader.parse.tags.page_text`: the page's words and phrases, as a tag may share them."""

from __future__ import annotations

from reader.parse.tags.page_text import PageText

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


def test_a_proclitic_leaves_a_word_only_if_enough_of_it_is_left() -> None:
    """`وتونس` holds `تونس`; `وقع` (a verb) holds no word `قع`."""
    words = PageText(["وقع الاتفاق وتونس حاضرة"]).words
    assert "تونس" in words
    assert "قع" not in words


def test_words_behind_two_proclitics_or_lil_are_found() -> None:
    text = PageText(["عاد السفير وبالمغرب بقي آخر للجزائر"])
    assert {"المغرب", "الجزائر"} <= text.words
    assert text.has_phrase("المغرب") and text.has_phrase("الجزائر")
    assert text.mentions("الجزائر") and not text.mentions("تونس")
