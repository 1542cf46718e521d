"""Emoji sequences (VS16, skin tones, ZWJ) in the layout: one unit each, as wide as drawn.

Rich measures a line to paint it; a terminal that measures character by character (xterm,
tmux, the Linux console, pyte: `wcwidth` of each character) draws it. Where the two differ
the reader leaves stale cells or overflows into the next pane, so every line the layout
makes must measure the same both ways, and fit its width by Rich's count.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len as rich_cell_len
from wcwidth import wcwidth

from reader.layout import fit_line, layout_paragraph, logical_lines, sanitize
from reader.layout.levels import char_levels, dump_char_levels
from reader.layout.sanitize import SKIN_TONES, sanitize_joined

HEART = "\u2764\ufe0f"  # a text-default heart asking for emoji presentation
THUMB = "\U0001f44d\U0001f3fd"  # thumbs up, medium skin tone
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # man ZWJ woman ZWJ girl
FAMILY_DRAWN = "\U0001f468\U0001f469\U0001f467"
RAINBOW_FLAG = "\U0001f3f3\ufe0f\u200d\U0001f308"
CODER = "\U0001f469\U0001f3fd\u200d\U0001f4bb"  # woman, skin tone, ZWJ, laptop

ATOMS = st.one_of(
    st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى")),
    st.sampled_from(list("abcXYZ0123456789٠١٢٣۱۲")),
    st.sampled_from(list("\u064e\u0650\u0651\u0652\u0301\u20e3")),  # combining marks
    st.sampled_from(list(" .,()[]«»-")),
    st.sampled_from(["\u2764", "\u263a", "\U0001f44d", "\U0001f600", "\U0001f525", "#", "1"]),
    st.sampled_from(["\ufe0f", "\u200d", *map(chr, SKIN_TONES)]),  # loose, anywhere
    st.sampled_from([HEART, THUMB, FAMILY, RAINBOW_FLAG, CODER, "1\ufe0f\u20e3"]),
)
TEXTS = st.lists(ATOMS, min_size=1, max_size=40).map("".join)
WIDTHS = st.integers(min_value=1, max_value=40)
RELAXED = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def drawn_width(line: str) -> int:
    """Cells a terminal that measures each character on its own gives the line."""
    return sum(max(0, wcwidth(char)) for char in line)


def test_each_sequence_becomes_what_every_terminal_draws_alike() -> None:
    assert sanitize(HEART) == "\u2764"
    assert sanitize(THUMB) == "\U0001f44d"
    assert sanitize(FAMILY) == FAMILY_DRAWN
    assert sanitize(CODER) == "\U0001f469\U0001f4bb"
    for sequence in (HEART, THUMB, FAMILY, RAINBOW_FLAG, CODER):
        # Before: Rich and a terminal disagree on the sequence; after, they agree.
        assert rich_cell_len(sequence) != drawn_width(sequence)
        assert rich_cell_len(sanitize(sequence)) == drawn_width(sanitize(sequence))


def test_a_joiner_is_kept_only_between_two_pictographs() -> None:
    assert sanitize_joined(FAMILY) == FAMILY
    assert sanitize_joined(RAINBOW_FLAG) == "\U0001f3f3\u200d\U0001f308"
    stray = "ه\u200dا \u200d\U0001f600 \U0001f600\u200d \u200d"
    assert sanitize_joined(stray) == "ها \U0001f600 \U0001f600"


def test_a_zwj_sequence_keeps_its_order_in_right_to_left_text() -> None:
    lines = layout_paragraph(f"قالت {FAMILY} اليوم", 80).lines
    assert len(lines) == 1 and FAMILY_DRAWN in lines[0]
    assert fit_line(f"قالت {FAMILY} اليوم", 12).count(FAMILY_DRAWN) == 1


def test_a_zwj_sequence_is_never_split_across_lines() -> None:
    lines = layout_paragraph(f"{FAMILY}{FAMILY}ب{FAMILY}", 7).lines
    assert lines == (FAMILY_DRAWN, "\ufe8f" + FAMILY_DRAWN, FAMILY_DRAWN)
    assert logical_lines(FAMILY * 3, 7) == (FAMILY_DRAWN,) * 3


@RELAXED
@given(TEXTS, WIDTHS)
def test_no_line_is_wider_than_the_width_nor_drawn_otherwise(text: str, width: int) -> None:
    lines = [
        *layout_paragraph(text, width).lines,
        *logical_lines(text, width),
        fit_line(text, width),
    ]
    for line in lines:
        assert rich_cell_len(line) <= width, line
        assert rich_cell_len(line) == drawn_width(line), line
        assert "\u200d" not in line


@RELAXED
@given(st.lists(st.sampled_from(["قال", "في", "abc", "12", FAMILY, "(", ")"]), min_size=1))
def test_every_zwj_sequence_comes_out_whole_and_in_order(words: list[str]) -> None:
    text = " ".join(words)
    for width in (6, 11, 80):
        lines = layout_paragraph(text, width).lines
        assert sum(line.count(FAMILY_DRAWN) for line in lines) == words.count(FAMILY)


@RELAXED
@given(TEXTS, st.booleans())
def test_levels_of_the_skeleton_hold_with_joiners(text: str, rtl: bool) -> None:
    clean = sanitize_joined(text).replace("\n", " ")
    assert char_levels(clean, rtl) == dump_char_levels(clean, rtl)
