"""Properties of the layout over generated mixed-script paragraphs."""

from __future__ import annotations

import unicodedata
from collections import Counter

import pytest
from bidi.mirror import MIRRORED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.layout import Direction, cell_len, fit_line, layout_paragraph, logical_lines, sanitize
from reader.layout import paragraph as paragraph_module
from reader.layout.levels import char_levels, dump_char_levels
from reader.layout.wrap import word_spans

ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى"
HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"
LATIN = "abcXYZ"
DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩"
PUNCT = ".,:;!?%-+/()[]{}«»<>\"'“”–…@="
OTHER = "\u0640\u00a0東😀☺\ufe0f\u05d0\u05d1"  # tatweel, no-break space, wide, VS16, Hebrew
DIRTY = "\n\t\x1b\u202e\u2067\u200d\u200f\x07"
words = st.text(
    alphabet=ARABIC + HARAKAT + LATIN + DIGITS + PUNCT + OTHER + DIRTY, min_size=1, max_size=14
)
paragraphs = st.lists(words, min_size=1, max_size=30).map(" ".join)
widths = st.integers(min_value=2, max_value=90)
relaxed = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _letters(text: str) -> Counter[str]:
    """Characters that must survive, compared decomposed and with mirror pairs as one."""
    out: Counter[str] = Counter()
    for char in unicodedata.normalize("NFKD", text):
        if char not in " \n":
            out[min(char, MIRRORED.get(char, char))] += 1
    return out


def _fresh_layout(text: str, width: int) -> tuple[str, ...]:
    paragraph_module.layout_paragraph.cache_clear()
    paragraph_module._prepared.cache_clear()
    return layout_paragraph(text, width).lines


@relaxed
@given(paragraphs, widths)
def test_no_line_is_wider_than_the_width(text: str, width: int) -> None:
    assert all(cell_len(line) <= width for line in layout_paragraph(text, width).lines)
    assert all(cell_len(line) <= width for line in logical_lines(text, width))
    assert cell_len(fit_line(text, width)) <= width


@relaxed
@given(paragraphs, widths)
def test_no_text_is_lost_or_duplicated(text: str, width: int) -> None:
    lines = layout_paragraph(text, width).lines
    assert _letters("".join(lines)) == _letters(sanitize(text))
    assert _letters("".join(logical_lines(text, width))) == _letters(sanitize(text))


@relaxed
@given(paragraphs, widths)
def test_laying_out_twice_gives_the_same_lines(text: str, width: int) -> None:
    assert _fresh_layout(text, width) == _fresh_layout(text, width)


@relaxed
@given(paragraphs, widths)
def test_output_has_no_control_or_format_characters(text: str, width: int) -> None:
    out = "".join(layout_paragraph(text, width).lines) + fit_line(text, width)
    assert not [c for c in out if unicodedata.category(c) in ("Cc", "Cf", "Cs")]


@relaxed
@given(paragraphs)
def test_word_widths_are_richs(text: str) -> None:
    clean = sanitize(text).replace("\n", " ")
    for start, end, cells in word_spans(clean):
        assert cells == cell_len(clean[start:end])


@relaxed
@given(paragraphs, st.booleans())
def test_levels_of_the_skeleton_are_the_levels_of_the_text(text: str, rtl: bool) -> None:
    """Shortening same-class runs before asking the crate changes no level."""
    clean = sanitize(text).replace("\n", " ")
    assert char_levels(clean, rtl) == dump_char_levels(clean, rtl)


plain_texts = st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=60)


@relaxed
@given(plain_texts, st.integers(min_value=1, max_value=70), st.sampled_from([None, "ltr"]))
def test_plain_ascii_skips_the_engine_with_the_same_line(
    text: str, width: int, direction: Direction | None
) -> None:
    """Printable ASCII goes round the engine (`_laid_out_as_is`); the line must be the one the
    engine makes, for every ASCII string, controls and runs of spaces included."""
    fit = paragraph_module.fit_line.__wrapped__
    fast = fit(text, width, direction)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paragraph_module, "_laid_out_as_is", lambda text: False)
        assert fit(text, width, direction) == fast


def test_plain_ascii_does_skip_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """The key bar's names must not wait for the shaper to be built on the first frame."""
    asked: list[str] = []
    engine = paragraph_module._prepared_line.__wrapped__
    monkeypatch.setattr(
        paragraph_module,
        "_prepared_line",
        lambda text, direction: asked.append(text) or engine(text, direction),
    )
    fit = paragraph_module.fit_line.__wrapped__
    assert fit("Open the article", 40) == "Open the article"
    assert fit("Open the article", 9) == "Open the…"
    assert asked == []
    assert fit("Open  the article", 40) == "Open the article"
    assert fit("Open the article", 40, "rtl") == "Open the article"
    assert asked == ["Open  the article", "Open the article"]
