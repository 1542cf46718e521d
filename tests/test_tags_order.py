"""`reader.parse.tags.order`: the orders a site may sort its tags by, and which one it uses."""

from __future__ import annotations

from reader.parse.tags.evidence import page_evidence
from reader.parse.tags.order import (
    CODE_POINTS,
    LETTERS,
    Order,
    before,
    only_whole,
    order_facts,
    site_orders,
)
from reader.parse.tags.page_text import PageText


def test_code_points_and_letters_with_hamza_folded_disagree_on_hamza() -> None:
    assert not before("الاستثمار", "الأمن", CODE_POINTS)
    assert before("الاستثمار", "الأمن", LETTERS)
    assert before("مصر", "الأردن", None)  # a site that sorts nothing forbids nothing


def test_order_alone_can_forbid_every_split() -> None:
    assert only_whole(("ديميتري", "بيسكوف"))  # بيسكوف sorts before ديميتري
    assert not only_whole(("أسعار", "النفط"))
    assert not only_whole(("ديميتري", "بيسكوف"), None)


def test_a_run_s_first_tag_must_sort_after_the_tag_before_it() -> None:
    in_order, before_next = order_facts(["الأردن", "مصر"], "تونس", None)
    assert in_order == (False, False) and before_next == (True, True)


def test_a_site_with_too_few_pairs_takes_the_corpus_order() -> None:
    pages = [page_evidence("الاقتصادالأمن", "الاقتصاد الأمن", PageText([]))]
    orders = site_orders(pages, ["موقع"])
    assert orders.by_source == {} and orders.of("موقع") == LETTERS


def test_a_site_is_sorted_when_nearly_all_its_pairs_fit_one_order() -> None:
    def site(lines: list[str]) -> Order:
        pages = [
            page_evidence(line.replace("|", ""), line.replace("|", " "), PageText([]))
            for line in lines
        ]
        return site_orders(pages, ["موقع"] * len(pages)).of("موقع")

    assert site(["الأردن|مصر"] * 28 + ["مصر|الأردن"] * 2) == CODE_POINTS
    assert site(["الأردن|مصر", "مصر|الأردن"] * 15) is None
