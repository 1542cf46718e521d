"""The interface the levels are read through: python-bidi 0.6's debug dump.

If a python-bidi release changes the dump, these tests say so before any line goes wrong.
"""

from __future__ import annotations

import re

import bidi
import pytest

from reader.layout import levels as levels_module
from reader.layout.levels import (
    BidiInterfaceError,
    byte_levels,
    char_levels,
    first_strong_rtl,
    level_runs,
)


def test_python_bidi_is_the_pinned_series() -> None:
    assert (0, 6) <= tuple(bidi.VERSION_TUPLE[:2]) < (0, 7)


def test_the_debug_dump_lists_one_level_per_utf8_byte() -> None:
    text = "سلام abc ١٢"
    dump = bidi.get_display(text, base_dir="R", debug=True)
    assert isinstance(dump, str)
    head = dump.index("\n    levels: [\n")
    tail = dump.index("\n    ],\n    paragraphs: [", head)
    entries = re.findall(r"Level\(\s*(\d+),\s*\)", dump[head:tail])
    assert len(entries) == len(text.encode())


@pytest.mark.parametrize(
    ("text", "rtl", "expected"),
    [
        ("أب (جد) 12", True, [1, 1, 1, 1, 1, 1, 1, 1, 2, 2]),
        ("hello (عالم) 12", False, [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 2, 2]),
        # N0 (bracket pairs): the brackets follow "a", the strong type before them.
        ("a (b) ج", True, [2, 2, 2, 2, 2, 1, 1]),
        ("٢٠٢٤ abc", False, [2, 2, 2, 2, 0, 0, 0, 0]),
    ],
)
def test_levels_of_known_paragraphs(text: str, rtl: bool, expected: list[int]) -> None:
    assert list(char_levels(text, rtl)) == expected


def test_fast_reading_agrees_with_a_full_parse() -> None:
    text = "قال (IMF) إن النمو بلغ 3.5% في 2024، و«الأسعار» [مستقرة] 😀 東京."
    for rtl in (True, False):
        dump = bidi.get_display(text, base_dir="R" if rtl else "L", debug=True)
        levels = dump[dump.index("levels: [") : dump.index("paragraphs: [")]
        parsed = [int(v) for v in re.findall(r"Level\(\s*(\d+),\s*\)", levels)]
        assert list(byte_levels(text, rtl)) == parsed


def test_an_unexpected_dump_is_an_error_not_wrong_levels(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(levels_module, "get_display", lambda *a, **k: "BidiInfo { }")
    with pytest.raises(BidiInterfaceError):
        byte_levels("abc", False)
    monkeypatch.setattr(
        levels_module,
        "get_display",
        lambda *a, **k: (
            "X {\n    levels: [\n        Level(\n            1,\n        ),\n"
            "    ],\n    paragraphs: [\n"
        ),
    )
    with pytest.raises(BidiInterfaceError, match="expected 3 levels"):
        byte_levels("abc", False)


def test_first_strong_character_decides_the_direction() -> None:
    assert first_strong_rtl("2024 «خبر» news") is True
    assert first_strong_rtl("(IMF) قال") is False
    assert first_strong_rtl("2024 - 12") is None


def test_level_runs_cover_the_text() -> None:
    runs = level_runs(bytes([1, 1, 2, 2, 2, 1, 0]))
    assert runs == ((0, 2, 1), (2, 5, 2), (5, 6, 1), (6, 7, 0))
