"""The Hijri date beside the Gregorian one (Umm al-Qura), in the article header and `show`."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tui_support import SECOND, write_corpus

from reader.model import Article, Story
from reader.render.article_lines import article_blocks
from reader.render.dates import hijri


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2024, 3, 11), "1 رمضان 1445 هـ"),  # Ramadan began that day in Saudi Arabia
        (dt.date(2024, 7, 7), "1 محرم 1446 هـ"),  # the Hijri new year 1446
        (dt.date(2024, 5, 1), "22 شوال 1445 هـ"),
    ],
)
def test_known_days_in_the_umm_al_qura_calendar(arabic: None, day: dt.date, expected: str) -> None:
    assert hijri(day) == expected


def test_a_day_outside_the_calendar_has_no_hijri_date() -> None:
    assert hijri(dt.date(1900, 1, 1)) is None
    assert hijri(dt.date(2090, 1, 1)) is None


def article(published: dt.date | None) -> Article:
    return Article(
        id="a",
        story=Story("عنوان", published, None, None, ("نص.",)),
        source="صحيفة",
        tags=(),
        keywords=(),
        read_also=(),
        read_by=(),
        origins=(),
    )


def test_the_header_carries_both_dates_unless_told_not_to(arabic: None) -> None:
    facts = article_blocks(article(dt.date(2024, 5, 1)))[1].text
    assert facts == "1 مايو 2024 · 22 شوال 1445 هـ · المصدر: صحيفة"
    plain = article_blocks(article(dt.date(2024, 5, 1)), hijri=False)[1].text
    assert plain == "1 مايو 2024 · المصدر: صحيفة"
    old = article_blocks(article(dt.date(1900, 1, 1)))[1].text
    assert old == "1 يناير 1900 · المصدر: صحيفة"


def test_the_settings_turn_the_hijri_date_off_in_show(arabic: None, tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "dumps")
    script = shutil.which("newsreader", path=str(Path(sys.executable).parent))
    assert script
    config = tmp_path / "config" / "newsreader"
    config.mkdir(parents=True)

    def show() -> str:
        result = subprocess.run(
            [script, "show", SECOND, str(folder), "--logical"],
            capture_output=True,
            text=True,
            env={**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")},
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert "23 شوال 1445 هـ" in show()  # 2024-05-02
    (config / "config.toml").write_text("hijri = false\n", encoding="utf-8")
    assert "هـ" not in show()
