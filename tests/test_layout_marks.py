"""Marked words after right-to-left layout: the marked cells are the word's cells on
screen, at any width, whatever shaping and reordering did to the characters."""

from __future__ import annotations

import re

import pytest

from reader.layout import cell_len, fit_line
from reader.layout.marks import layout_marked, mark_cells, visual_forms

# Written for this test: Arabic with harakat, a lam-alef ligature, Latin and digits in
# brackets, punctuation glued to words.
TEXT = (
    "قال وزير الخارجية إن الأطفال في غزة (UNICEF 2024) يعانون، وإن للأطفال حقوقًا لا "
    "تسقط، وإن لاعبي الفريق زاروا الأطفال."
)
WORDS = ("الأطفال", "للأطفال", "UNICEF", "حقوقًا", "لاعبي", "2024")


def cells_text(line: str, start: int, end: int) -> str:
    """The characters of `line` drawn in cells start..end (marks ride on their letter)."""
    first = next(i for i in range(len(line) + 1) if cell_len(line[:i]) == start)
    last = max(i for i in range(len(line) + 1) if cell_len(line[:i]) == end)
    return line[first:last]


@pytest.mark.parametrize("width", [120, 40, 25, 14, 8])
def test_marked_cells_hold_the_marked_words_at_every_width(width: int) -> None:
    spans = [m.span() for m in re.finditer("|".join(WORDS), TEXT)]
    laid = layout_marked(TEXT, width, spans)
    forms = {fit_line(w, 200, "rtl") for w in WORDS}
    seen = []
    for line, marks in zip(laid.lines, laid.marks, strict=True):
        for start, end in marks:
            shown = cells_text(line, start, end)
            assert shown in forms, (width, line, start, end)
            seen.append(shown)
    # Every occurrence, once: the marks are neither lost at a wrap nor doubled.
    assert sorted(seen) == sorted(fit_line(TEXT[a:b], 200, "rtl") for a, b in spans)


def test_a_mark_is_a_whole_word_only() -> None:
    """`الأطفال` inside `والأطفال`, a shorter word inside a longer one, is no mark."""
    line = fit_line("زار والأطفال المدرسة", 80, "rtl")
    assert mark_cells(line, visual_forms(["الأطفال"], rtl=True)) == ()
    line = fit_line("زار الأطفال المدرسة", 80, "rtl")
    ((start, end),) = mark_cells(line, visual_forms(["الأطفال"], rtl=True))
    assert cells_text(line, start, end) == fit_line("الأطفال", 80, "rtl")


def test_marks_in_a_left_to_right_paragraph() -> None:
    laid = layout_marked("The UNICEF report on الأطفال today", 80, [(4, 10), (21, 28)])
    (line,) = laid.lines
    assert [cells_text(line, a, b) for a, b in laid.marks[0]] == [
        "UNICEF",
        fit_line("الأطفال", 80, "ltr"),
    ]


def test_control_characters_in_marked_words_never_reach_the_screen() -> None:
    laid = layout_marked("كلمة \x1b[31mحمراء", 40, [(5, 14)])
    assert all("\x1b" not in line for line in laid.lines)
    assert visual_forms(["\x1b"], rtl=True) == ()


def test_a_terminal_doing_its_own_bidi_gets_marks_on_logical_lines() -> None:
    """In `--bidi terminal` the lines stay in logical order: the marks are found there."""
    from reader.tui.text import marked_wrap

    text = "زار الوزير الأطفال في المدرسة"
    start = text.index("الأطفال")
    ((line, marks),) = marked_wrap(text, 80, "terminal", [(start, start + 7)])
    assert line == text
    assert [line[a:b] for a, b in marks] == ["الأطفال"]
