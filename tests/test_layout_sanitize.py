"""Sanitising untrusted dump text before layout and before the terminal."""

from __future__ import annotations

import unicodedata

import pytest

from reader.layout import sanitize
from reader.layout.reorder import WHITESPACE


@pytest.mark.parametrize(
    "dirty",
    [
        "\x1b[31mأحمر\x1b[0m",
        "\x1b[1;32;48;5;200mأحمر",
        "\x1b]0;عنوان النافذة\x07أحمر",
        "\x1b]8;;https://example.org\x1b\\أحمر\x1b]8;;\x1b\\",
        "\x1bP1$r0m\x1b\\أحمر",
        "\x9b31mأحمر\x9b0m",
        "\x9d0;title\x9cأحمر",
        "\x1bcأحمر\x1b(B",
        "أ\x00ح\x07م\x08ر\x7f\x9f",
    ],
)
def test_escape_sequences_and_controls_go_whole(dirty: str) -> None:
    assert sanitize(dirty) == "أحمر"


def test_bidi_controls_and_joiners_cannot_reorder_or_hide_anything() -> None:
    dirty = (
        "\u202eنص\u202c \u2066ب\u2069\u2067ت\u2068ث\u2069 \u200fر\u200e\u061c "
        "\u202a\u202b\u202dه\u200dا"
    )
    assert sanitize(dirty) == "نص بتث ر ها"


def test_nfc_keeps_hamza_on_its_letter() -> None:
    assert sanitize("ا\u0654علن") == "أعلن"
    assert sanitize("و\u0654") == "ؤ"


def test_lines_spaces_and_tabs() -> None:
    assert sanitize("  أ\tب   ج  \r\nد\re\u2028f\u2029g \x85h") == "أ ب ج\nد\ne\nf\ng\nh"


def test_markup_is_text() -> None:
    assert sanitize("[@click=app.quit]اخرج[/]") == "[@click=app.quit]اخرج[/]"


def test_lone_surrogates_noncharacters_and_format_characters_go() -> None:
    assert sanitize("أ\ud800ب\ufeffت\u00adث\u200bج\u2060\uffff\ufdd0\U0001fffe") == "أبتثج"


def test_harakat_and_zwnj_stay() -> None:
    text = "كَتَبَ می\u200cخواهم"
    assert sanitize(text) == text


def test_whitespace_table_matches_the_unicode_database() -> None:
    ws = {chr(cp) for cp in range(0x110000) if unicodedata.bidirectional(chr(cp)) == "WS"}
    assert set(WHITESPACE) == ws


def test_a_lone_mark_gets_a_dotted_circle_to_sit_on() -> None:
    assert sanitize("\u064eكتب") == "\u25cc\u064eكتب"
    assert sanitize("قال \u0651 و\n\u064f") == "قال \u25cc\u0651 و\n\u25cc\u064f"
    assert sanitize("ب\u064e (\u064e \u00a0\u064e") == "ب\u064e (\u064e \u00a0\u064e"
