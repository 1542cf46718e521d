"""The page parser on small dumps: parts found, chrome removed, optional parts optional."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from loader_support import BARE, BRIDGE

from reader.library.pages import decode, encode
from reader.model import Origin
from reader.parse.loader import LoadedPage
from reader.parse.page import NotAPage, parse_date, parse_page
from reader.parse.tags import PageEvidence


def test_all_parts_of_a_full_page() -> None:
    page = parse_page(BRIDGE)
    story = page.story
    assert story.title == "افتتاح جسر جديد فوق نهر النيل في أسوان"
    assert story.published == dt.date(2025, 3, 3)
    assert (story.place, story.agency) == ("أسوان", "الوادي")
    assert story.paragraphs[0].startswith("افتتحت السلطات المحلية")
    assert len(story.paragraphs) == 3
    assert page.source == "صحيفة الوادي"
    assert page.tags_line == "أسوانالبنية التحتيةالنقل البرينهر النيل"
    assert page.keywords_line == "أسوان البنية التحتية نهر النيل"
    [related] = page.related
    assert related.title == "خطة لتطوير الموانئ النهرية في صعيد مصر"
    assert (related.place, related.agency) == ("الأقصر", "الوادي")
    assert related.paragraphs[0].startswith("أعلنت الهيئة العامة"), "widget label removed"
    assert related.published is None


def test_optional_parts_come_out_empty() -> None:
    page = parse_page(BARE)
    story = page.story
    assert story.title == "مكتبة عامة تمدد ساعات العمل خلال الامتحانات"
    assert story.published is None and story.place is None and story.agency is None
    assert len(story.paragraphs) == 2
    assert (page.source, page.tags_line, page.keywords_line, page.related) == (
        None,
        None,
        None,
        (),
    )


@pytest.mark.parametrize("dash", ["–", "—", "-", "ـ"])
def test_dateline_with_any_dash(dash: str) -> None:
    page = parse_page(
        f"عنوان تجريبي للخبر\nصفاقس (وكالة الساحل) {dash} بدأ موسم جني الزيتون مبكرا."
    )
    assert (page.story.place, page.story.agency) == ("صفاقس", "وكالة الساحل")
    assert page.story.paragraphs == ("بدأ موسم جني الزيتون مبكرا.",)


def test_a_dateline_naming_no_agency_has_none() -> None:
    """An agency is absent, never empty: the article carries the page's story as it is."""
    page = parse_page("عنوان تجريبي للخبر\nصفاقس ( ) - بدأ موسم جني الزيتون مبكرا.")
    assert (page.story.place, page.story.agency) == ("صفاقس", None)
    assert page.story.paragraphs == ("بدأ موسم جني الزيتون مبكرا.",)


def test_a_page_stored_with_an_empty_agency_comes_back_with_none() -> None:
    """Parser 4 stored `place ( )`'s agency as "": the library reads such a page back as
    the parser makes it now, without reading its file again."""
    origin = Origin("a.txt")
    page = parse_page("عنوان تجريبي للخبر\nصفاقس ( ) - بدأ موسم جني الزيتون مبكرا.")
    evidence = PageEvidence((), (), ())  # the page has no tags
    old = replace(page, story=replace(page.story, agency=""))
    story = decode(encode(LoadedPage(origin, old, evidence)), origin).parsed.story
    assert story == page.story and story.agency is None


def test_parentheses_later_in_a_paragraph_are_not_a_dateline() -> None:
    text = (
        "عنوان تجريبي للخبر\nقال الوزير في مؤتمر صحفي عقده أمس بحضور عدد كبير من الصحفيين"
        " (بالعاصمة) – إن الخطة جاهزة."
    )
    assert parse_page(text).story.place is None


@pytest.mark.parametrize(
    "marker", ["إقرأ أيضاً:", "اقرأ أيضا:", "إقرأ أيضًا", "اقرأ ايضاً :", "إقرأ أيضـاً:"]
)
def test_read_also_spellings(marker: str) -> None:
    text = "\n".join(
        ["عنوان الخبر الأول", "نص الخبر الأول هنا.", marker, "عنوان الخبر المرتبط", "نص مرتبط."]
    )
    page = parse_page(text)
    assert page.story.paragraphs == ("نص الخبر الأول هنا.",)
    assert [r.title for r in page.related] == ["عنوان الخبر المرتبط"]


def test_crlf_bom_and_controls() -> None:
    text = "\ufeffعنوان\u0007 الخبر\r\nتاريخ النشر: 2nd, June 2023 GMT\r\nنص\x1b[31m الخبر.\r\n"
    page = parse_page(text)
    assert page.story.title == "عنوان الخبر"
    assert page.story.published == dt.date(2023, 6, 2)
    assert "\x1b" not in page.story.paragraphs[0]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("1st, January 2024 GMT", dt.date(2024, 1, 1)),
        ("22nd, October 2023 GMT", dt.date(2023, 10, 22)),
        ("3rd, Sep 2025", dt.date(2025, 9, 3)),
        ("11th April 2024", dt.date(2024, 4, 11)),
        ("2024-04-17", dt.date(2024, 4, 17)),
        ("١٧ أبريل ٢٠٢٤", dt.date(2024, 4, 17)),
        ("31st, February 2024 GMT", None),
        ("قريبا", None),
    ],
)
def test_dates(line: str, expected: dt.date | None) -> None:
    assert parse_date(line) == expected


def test_bad_date_is_a_warning_not_a_failure() -> None:
    page = parse_page("عنوان الخبر\nتاريخ النشر: 31st, February 2024 GMT\nنص الخبر.")
    assert page.story.published is None
    assert page.story.paragraphs == ("نص الخبر.",)
    assert page.warnings and "date" in page.warnings[0]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n  \n",
        "عنوان وحيد بلا نص",
        "Tags: مصرالمصدر: صحيفة",
        "import os\nprint(os.getcwd())\n",
        "Hello world\nThis is a plain English file, not a news dump.",
        "ا" * 5000 + "\nنص",
    ],
)
def test_not_a_page(text: str) -> None:
    with pytest.raises(NotAPage):
        parse_page(text)
