"""One story is one article; ids are stable; lookup and tag search tolerate spelling noise."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from loader_support import BARE, BRIDGE, PORTS, dated, write

from reader.model import Article, Story, TagMatch
from reader.parse.corpus import Corpus
from reader.parse.loader import load


def article(n: int, tags: tuple[str, ...]) -> Article:
    """A bare article with tags, for the tag index alone."""
    story = Story(f"عنوان {n}", None, None, None, ("نص",))
    return Article(str(n), story, None, tags, (), (), (), ())


BRIDGE_TITLE = "افتتاح جسر جديد فوق نهر النيل في أسوان"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write(tmp_path, "a/bridge.txt", BRIDGE)
    write(tmp_path, "b/ports.txt", PORTS)
    write(tmp_path, "c/bare.txt", BARE)
    return tmp_path


def test_a_related_story_with_its_own_page_is_one_article(folder: Path) -> None:
    corpus = load([folder])
    assert len(corpus.articles) == 3
    bridge = corpus.find(BRIDGE_TITLE)
    [ref] = bridge.read_also
    ports = corpus.get(ref.id)
    assert ref.title == "خطة لتطوير الموانئ النهرية في صعيد مصر", "the title as the page gave it"
    assert ports.published == dt.date(2025, 2, 21), "the full page's fields win"
    assert ports.tags == ("الموانئ", "النقل النهري", "مصر")
    assert len(ports.paragraphs) == 3
    assert ports.read_by == (bridge.id,)
    assert sorted(Path(o.path).name for o in ports.origins) == ["bridge.txt", "ports.txt"]
    assert corpus.stats.merged == 1 and corpus.stats.pages == 3


def test_a_related_story_alone_is_an_article(tmp_path: Path) -> None:
    write(tmp_path, "bridge.txt", BRIDGE)
    corpus = load([tmp_path])
    bridge = corpus.find(BRIDGE_TITLE)
    related = corpus.get(bridge.read_also[0].id)
    assert related.published is None and related.place == "الأقصر"
    assert related.read_by == (bridge.id,)
    assert corpus.articles[-1] == related, "undated last"


def test_the_same_page_twice_is_one_article_with_both_origins(tmp_path: Path) -> None:
    write(tmp_path, "x/one.txt", BRIDGE)
    (tmp_path / "y.jsonl").write_text(json.dumps({"text": BRIDGE}) + "\n", encoding="utf-8")
    corpus = load([tmp_path])
    bridge = corpus.find(BRIDGE_TITLE)
    assert [(Path(o.path).name, o.line) for o in bridge.origins] == [
        ("one.txt", None),
        ("y.jsonl", 1),
    ]
    assert len(corpus.articles) == 2


def test_same_headline_different_stories_stay_apart(tmp_path: Path) -> None:
    write(tmp_path, "1.txt", dated("نشرة الطقس", 3, body="أمطار غزيرة على السواحل الشمالية اليوم."))
    write(
        tmp_path,
        "2.txt",
        dated("نشرة الطقس", 9, body="موجة حر تضرب المناطق الداخلية طوال الأسبوع."),
    )
    corpus = load([tmp_path])
    assert len(corpus.articles) == 2
    assert len({a.id for a in corpus.articles}) == 2
    reversed_ids = {
        a.published: a.id for a in load([tmp_path / "2.txt", tmp_path / "1.txt"]).articles
    }
    assert {a.published: a.id for a in corpus.articles} == reversed_ids


def test_ids_do_not_depend_on_load_order_or_process(folder: Path) -> None:
    files = sorted(str(p) for p in folder.rglob("*.txt"))
    forward = {a.title: a.id for a in load(files).articles}
    backward = {a.title: a.id for a in load(files[::-1]).articles}
    assert forward == backward
    script = "import json,sys; from reader.parse.loader import load; " + (
        "print(json.dumps({a.title: a.id for a in load(sys.argv[1:]).articles}))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run(
        [sys.executable, "-c", script, *files], capture_output=True, text=True, env=env, check=True
    )
    assert json.loads(other.stdout) == forward


def test_newest_first_undated_last(tmp_path: Path) -> None:
    for n, day in enumerate((5, 20, 11)):
        write(tmp_path, f"{n}.txt", dated(f"خبر اليوم {day}", day))
    write(tmp_path, "bare.txt", BARE)
    corpus = load([tmp_path])
    assert [a.published.day if a.published else None for a in corpus.articles] == [20, 11, 5, None]


def test_find_by_id_title_and_unique_prefix(folder: Path) -> None:
    corpus = load([folder])
    bridge = corpus.find(BRIDGE_TITLE)
    assert corpus.find(bridge.id) is bridge
    assert corpus.find("افتتاح جسر") is bridge
    assert corpus.find("إفتتاح  جسر جديد فوق نهر النيل فى اسوان") is bridge
    assert corpus.find("خطة لتطوير الموانئ") is not None
    assert corpus.find("غير موجود إطلاقا") is None
    assert corpus.find("") is None


def test_find_refuses_an_ambiguous_prefix(tmp_path: Path) -> None:
    write(tmp_path, "1.txt", dated("ارتفاع أسعار القمح", 1))
    write(tmp_path, "2.txt", dated("ارتفاع أسعار الذهب", 2))
    corpus = load([tmp_path])
    assert corpus.find("ارتفاع أسعار") is None
    assert corpus.find("ارتفاع أسعار الذ").title == "ارتفاع أسعار الذهب"


def test_tag_counts_and_with_tag(tmp_path: Path) -> None:
    write(tmp_path, "1.txt", dated("خبر أول عن الموانئ", 1, tags="الموانئمصر"))
    write(tmp_path, "2.txt", dated("خبر ثان عن الموانئ", 2, tags="الموانئ"))
    write(tmp_path, "3.txt", dated("خبر ثالث عن الموانئ", 3, tags="الموانى"))
    corpus = load([tmp_path])
    assert corpus.tag_counts() == [("الموانئ", 3), ("مصر", 1)]
    assert [a.published.day for a in corpus.with_tag("الموانئ")] == [3, 2, 1]
    assert corpus.with_tag("الموانى") == corpus.with_tag("الموانئ")


@pytest.mark.parametrize(
    ("query", "best"),
    [
        ("اردوغان", "طيب أردوغان"),
        ("أردوغـان", "طيب أردوغان"),
        ("طيب", "طيب أردوغان"),
        ("تونس", "تونس"),
        ("تون", "تونس"),
        ("مصري", "مصرية"),
        ("المصري", "الاقتصاد المصري"),
        ("قتصاد", "الاقتصاد المصري"),
        ("الإقتصاد", "الاقتصاد المصري"),
    ],
)
def test_search_tags_tolerates_spelling(tmp_path: Path, query: str, best: str) -> None:
    tags = [
        ("الاقتصاد المصريتونسطيب أردوغان", "الاقتصاد المصري تونس طيب أردوغان"),
        ("تونس", "تونس"),
        ("تونسمصرية", "تونس مصرية"),
    ]
    for n, (line, keywords) in enumerate(tags):
        page = dated(f"خبر رقم {n} للبحث", n + 1, tags=line, keywords=keywords)
        write(tmp_path, f"{n}.txt", page)
    corpus = load([tmp_path])
    assert corpus.search_tags(query)[0].tag == best


def test_search_ranks_exact_then_prefix_then_word_then_substring() -> None:
    corpus = Corpus(
        [
            article(1, ("ماء",)),
            article(2, ("مياه",)),
            article(3, ("مياه الشرب", "مياهيات")),
            article(4, ("تحلية المياه",)),
            article(5, ("المياهيات",)),
            article(6, ("تحلية المياه",)),
        ]
    )
    assert corpus.search_tags("مياه") == [
        TagMatch("مياه", 1),
        TagMatch("مياه الشرب", 1),
        TagMatch("مياهيات", 1),
        TagMatch("تحلية المياه", 2),
        TagMatch("المياهيات", 1),
    ]
    assert corpus.search_tags("مياه", limit=2) == corpus.search_tags("مياه")[:2]
    assert corpus.search_tags("   ") == []


def test_search_suggests_other_vowel_spellings_after_the_exact_ones() -> None:
    corpus = Corpus(
        [
            article(1, ("كاراباخ",)),
            article(2, ("كارباخ",)),
            article(3, ("إقليم كاراباخ",)),
            article(4, ("أرمينيا",)),
            article(5, ("مكاراباخي",)),  # the skeleton inside a word: not a variant
        ]
    )
    assert [m.tag for m in corpus.search_tags("كارباخ")] == ["كارباخ", "كاراباخ", "إقليم كاراباخ"]
    assert [m.tag for m in corpus.search_tags("أرمينية")] == ["أرمينيا"]
    # A query left with fewer than three letters matches nothing loosely.
    assert corpus.search_tags("كيرا") == []  # would be كر


def test_search_suggests_the_other_spelling_of_a_foreign_g() -> None:
    corpus = Corpus(
        [
            article(1, ("رجب طيب أردوغان",)),
            article(2, ("الكونجو الديمقراطية",)),
            article(3, ("غزة",)),
            article(4, ("جزر القمر",)),
        ]
    )
    assert [m.tag for m in corpus.search_tags("اردوجان")] == ["رجب طيب أردوغان"]
    assert [m.tag for m in corpus.search_tags("الكونغو")] == ["الكونجو الديمقراطية"]
    assert [m.tag for m in corpus.search_tags("غزة")] == ["غزة"]


def test_a_headline_only_reference_is_not_an_article(tmp_path: Path) -> None:
    text = dated("خبر يشير إلى عنوان بلا نص", 4) + "\nإقرأ أيضاً:\nعنوان خبر لم يحفظ نصه"
    write(tmp_path, "a.txt", text)
    corpus = load([tmp_path])
    [article] = corpus.articles
    assert [(r.title, r.id) for r in article.read_also] == [("عنوان خبر لم يحفظ نصه", None)]
    assert corpus.stats.merged == 0


def test_a_page_pointing_to_itself_has_no_read_also(tmp_path: Path) -> None:
    text = dated("خبر يكرر نفسه", 4) + "\nإقرأ أيضاً:\nخبر يكرر نفسه\nنص قصير عن الخبر."
    write(tmp_path, "a.txt", text)
    [article] = load([tmp_path]).articles
    assert article.read_also == () and article.read_by == ()
