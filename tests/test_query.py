"""The query language: what each piece means, and every bad input read leniently."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.library.search import compile_query
from reader.text.query import Query, Words, parse


def test_words_are_anded_and_or_binds_closer() -> None:
    query = parse("روسيا OR تركيا مصر")
    assert query.groups == (
        (Words(("روسيا",)), Words(("تركيا",))),
        (Words(("مصر",)),),
    )


def test_phrase_exclusion_and_prefix() -> None:
    query = parse('"رجب طيب أردوغان" -كاراباخ -"شرق تشاد" اردو*')
    assert query.groups == ((Words(("رجب", "طيب", "أردوغان")),), (Words(("اردو",), True),))
    assert query.excluded == (Words(("كاراباخ",)), Words(("شرق", "تشاد")))
    assert query.notes == ()


def test_filters() -> None:
    query = parse('tag:روسيا source:"جريدة الغد" after:2024-01-01 before:2025 TAG:تركيا')
    assert query.tags == ("روسيا", "تركيا")
    assert query.sources == ("جريدة الغد",)
    assert query.after == dt.date(2024, 1, 1)
    assert query.before == dt.date(2025, 1, 1)
    assert parse("after:2024-03").after == dt.date(2024, 3, 1)
    assert query.groups == () and not query.empty


def test_a_word_with_a_colon_that_is_no_filter_stays_text() -> None:
    assert parse("الساعة 12:30").groups[1] == (Words(("12:30",)),)


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ('"رجب طيب', "a quote was not closed: read to the end"),
        ("روسيا -", "a lone - excludes nothing: left out"),
        ("tag: روسيا", "tag: needs a value: left out"),
        ("after:2024-13-01 روسيا", "after: wants a date such as 2024-01-31, not '2024-13-01'"),
        ("-روسيا", "a query needs a word to find, not only words to leave out"),
    ],
)
def test_bad_syntax_is_read_leniently_and_said_in_one_line(text: str, note: str) -> None:
    notes = parse(text).notes
    assert any(n.startswith(note) for n in notes), notes
    assert all("\n" not in n for n in notes)


def test_a_dangling_or_and_lone_stars_are_dropped() -> None:
    assert parse("OR روسيا OR").groups == ((Words(("روسيا",)),),)
    assert parse("* ** روسيا").groups == ((Words(("روسيا",)),),)
    assert parse("").empty and parse("   ").empty


def test_fts5_syntax_never_reaches_the_match_expression_raw() -> None:
    """Every word is a quoted term of letters and digits: NEAR(, "*, AND, ^ are text."""
    compiled = compile_query(parse('NEAR( AND ^x col:y {a b} روسيا "*'))
    assert compiled.match == '"near" AND "and" AND "x" AND "col y" AND "a" AND "b" AND "روسيا"'
    assert compile_query(parse('"*')).match is None


def test_compiled_query_shape() -> None:
    compiled = compile_query(parse('الأطفال OR أطفال "رجب طيب" اردو* -تركيا tag:روسيا'))
    assert compiled.match == ('(("اطفال" OR "اطفال") AND "رجب طيب" AND "اردو" *) NOT ("تركيا")')
    assert compiled.terms.whole == {"اطفال", "رجب", "طيب"}
    assert compiled.terms.starts == ("اردو",)
    assert compiled.parameters == ("روسيا",)


@given(st.text(max_size=40))
def test_any_text_is_a_query(text: str) -> None:
    query = parse(text)
    assert isinstance(query, Query)
    compiled = compile_query(query)
    assert compiled.match is None or compiled.match.count('"') % 2 == 0
