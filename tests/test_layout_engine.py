"""The layout calls as the reader uses them: shaping, wrapping, reordering, fitting, caching."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from reader.layout import Paragraph, cell_len, fit_line, layout_paragraph, logical_lines
from reader.layout import paragraph as paragraph_module
from reader.layout.shaping import reshaper_configuration, shape


def plain(text: str) -> str:
    """Presentation forms back to letters, keeping visual order (lam-alef reversed)."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFKC", char)
        out.append(parts[::-1] if len(parts) > 1 and 0xFB50 <= ord(char) <= 0xFEFF else parts)
    return "".join(out)


def test_a_dateline_reads_right_to_left_with_brackets_mirrored() -> None:
    paragraph = layout_paragraph("أنقرة (زمان التركية) – صدر", 80)
    assert paragraph.rtl
    assert plain(paragraph.lines[0]) == "ردص – (ةيكرتلا نامز) ةرقنأ"


@pytest.mark.parametrize("kept", ["1960", "17th, April 2024 GMT", "27.25", "(IMF)", "٢٠٢٤"])
def test_numbers_and_latin_keep_their_order_inside_arabic(kept: str) -> None:
    line = layout_paragraph(f"قال التقرير {kept} في الختام", 80).lines[0]
    assert kept in plain(line)


def test_a_percent_sign_after_arabic_reads_before_the_number() -> None:
    """After Arabic letters digits are Arabic numbers (W2), so "%" resolves right to left."""
    assert "%27.25" in plain(layout_paragraph("بنسبة 27.25% فقط", 80).lines[0])


def test_harakat_follow_their_letter_and_are_kept() -> None:
    line = layout_paragraph("كَتَبَ", 80).lines[0]
    assert plain(line) == "بَتَكَ"


def test_only_one_cell_ligatures() -> None:
    assert "\ufefb" in shape("لا")  # lam-alef
    assert "\ufdf2" not in shape("الله")  # the word ligature would squeeze four letters
    config = reshaper_configuration()
    assert config["delete_harakat"] is False
    assert config["ARABIC LIGATURE ALLAH"] is False


def test_reshaper_ignores_its_configuration_file_variable(tmp_path: Path) -> None:
    """A stray PYTHON_ARABIC_RESHAPER_CONFIGURATION_FILE neither deletes harakat nor crashes."""
    bad = tmp_path / "reshaper.ini"
    bad.write_text("[ArabicReshaper]\ndelete_harakat = yes\nsupport_ligatures = no\n")
    code = "from reader.layout import layout_paragraph as l; print(l('كَتَبَ لا', 80).lines[0])"
    for value in (str(bad), str(tmp_path / "missing.ini")):
        env = {**os.environ, "PYTHON_ARABIC_RESHAPER_CONFIGURATION_FILE": value}
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
        )
        assert result.returncode == 0, result.stderr
        assert "\u064e" in result.stdout and "\ufefb" in result.stdout


def test_lines_break_at_spaces_in_logical_order() -> None:
    words = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس"]
    paragraph = layout_paragraph(" ".join(words), 14)
    assert all(cell_len(line) <= 14 for line in paragraph.lines)
    # the first line holds the first logical words, reading right to left
    assert plain(paragraph.lines[0]) == " ".join(w[::-1] for w in reversed(words[:2]))
    shown = [w[::-1] for line in paragraph.lines for w in reversed(plain(line).split())]
    assert shown == words


def test_a_word_wider_than_the_line_is_cut_by_cells() -> None:
    paragraph = layout_paragraph("abcdefghij xy", 4, "ltr")
    assert paragraph.lines == ("abcd", "efgh", "ij", "xy")


def test_a_cut_never_splits_a_grapheme() -> None:
    """An emoji ZWJ sequence keeps its parts together, a letter its harakat."""
    family = "👨\u200d👩\u200d👧"
    assert layout_paragraph(family * 3, 7, "ltr").lines == ("👨👩👧",) * 3
    assert fit_line(family * 3, 13) == "👨👩👧👨👩👧…"
    assert all(plain(line)[-1] == "\u064e" for line in layout_paragraph("كَتَبَكَتَبَ", 2).lines)


def test_markup_stays_text() -> None:
    line = layout_paragraph("[@click=app.quit] quit", 80).lines[0]
    assert line == "[@click=app.quit] quit"


def test_aligned_pads_right_to_left_lines_only() -> None:
    assert Paragraph(("ab",), rtl=True).aligned(5) == ("   ab",)
    assert Paragraph(("ab",), rtl=False).aligned(5) == ("ab",)


def test_direction_can_be_forced() -> None:
    assert layout_paragraph("abc ابج", 80, "rtl").lines == (shape("ابج")[::-1] + " abc",)
    assert not layout_paragraph("ابج", 80, "ltr").rtl
    with pytest.raises(ValueError):
        layout_paragraph("x", 80, "up")  # type: ignore[arg-type]


def test_each_line_of_a_multiline_text_starts_new_lines() -> None:
    paragraph = layout_paragraph("أول\nثان (1)", 80)
    assert [plain(line) for line in paragraph.lines] == ["لوأ", "(1) ناث"]


def test_fit_line_cuts_the_logical_end() -> None:
    title = "البنك المركزي يثبت أسعار الفائدة عند 27.25% للمرة الثانية"
    line = fit_line(title, 20)
    assert 15 <= cell_len(line) <= 20
    assert line.startswith("…")  # the logical end of a right-to-left line is on the left
    assert plain(line[1:]).endswith("يزكرملا كنبلا")
    assert fit_line("short title", 20) == "short title"
    assert fit_line("a long English headline", 10) == "a long En…"
    assert fit_line("anything", 0) == ""


def test_fit_line_joins_lines_and_keeps_no_break_spaces() -> None:
    assert fit_line("a\u00a0b\n\nc", 20) == "a\u00a0b c"


def test_logical_lines_are_unshaped_and_in_reading_order() -> None:
    assert logical_lines("قال (IMF) إن النمو بلغ 3.5%", 12) == ("قال (IMF) إن", "النمو بلغ", "3.5%")


def test_layout_is_cached_and_resizing_reuses_the_prepared_paragraph() -> None:
    text = "نص للتجربة في الذاكرة المؤقتة " * 3
    first = layout_paragraph(text, 33)
    assert layout_paragraph(text, 33) is first
    before = paragraph_module._prepared.cache_info()
    layout_paragraph(text, 34)
    after = paragraph_module._prepared.cache_info()
    assert after.hits == before.hits + 1 and after.misses == before.misses
