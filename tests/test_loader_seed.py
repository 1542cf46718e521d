"""The real seed dump yields exactly what FORMAT.md says it should."""

from __future__ import annotations

import datetime as dt

import pytest
from loader_support import SEEDS

from reader.parse.loader import load

pytestmark = pytest.mark.skipif(SEEDS is None, reason="the shared seed dump is not beside the repo")

TITLE = "روسيا تبدأ سحب قواتها من كاراباخ"
RELATED = "اتفاق سلام مرتقب بين الكونجو الديمقراطية ورواندا"
TAGS = (
    "أذربيجان",
    "أرمينيا",
    "إقليم كاراباخ",
    "ديميتري بيسكوف",
    "رجب طيب أردوغان",
    "روسيا",
    "فلاديمير بوتين",
    "كاراباخ",
    "لقاء أردوغان وبوتين",
)
CHROME = ("Tags", "المصدر", "كلمات دلالية", "أيضاً", "أخبار ذات صلة")


@pytest.fixture(scope="module")
def seed():
    corpus = load([SEEDS])
    return corpus, corpus.find(TITLE), corpus.find(RELATED)


def test_two_articles_no_problems(seed) -> None:
    corpus, main, related = seed
    assert len(corpus.articles) == 2
    assert corpus.diagnostics == ()
    assert corpus.articles == (main, related), "dated first, undated last"


def test_main_article(seed) -> None:
    _, main, _ = seed
    assert main.title == TITLE
    assert main.published == dt.date(2024, 4, 17)
    assert (main.place, main.agency) == ("أنقرة", "زمان التركية")
    assert main.source == "جريدة زمان التركية"
    assert len(main.paragraphs) == 7
    assert main.paragraphs[0].startswith("صدر أول تأكيد رسمي")
    assert main.tags == TAGS
    assert main.keywords == tuple(t for t in TAGS if t != "ديميتري بيسكوف")
    assert main.origins[0].path.endswith("000_c3a5f11ca90b270a.txt")
    assert main.origins[0].line is None


def test_related_article_and_two_way_link(seed) -> None:
    _, main, related = seed
    assert related.title == RELATED
    assert related.published is None
    assert (related.place, related.agency) == ("كينشاسا", "رويترز")
    assert len(related.paragraphs) == 8
    assert related.paragraphs[0].startswith("قالت مصادر لرويترز")
    assert [(r.title, r.id) for r in main.read_also] == [(RELATED, related.id)]
    assert related.read_by == (main.id,)


def test_no_chrome_leaks(seed) -> None:
    corpus, _, _ = seed
    for article in corpus.articles:
        for text in (article.title, *article.paragraphs, *article.tags, *article.keywords):
            assert not any(label in text for label in CHROME), text


def test_tag_search_across_spellings(seed) -> None:
    corpus, main, _ = seed
    assert corpus.search_tags("اردوغان")[0].tag == "رجب طيب أردوغان"
    assert "فلاديمير بوتين" in [m.tag for m in corpus.search_tags("بوتين")]
    assert corpus.with_tag("اقليم كاراباخ") == (main,)
    # Names spelled with fewer long vowels, as FORMAT.md warns they are (كارباخ).
    assert [m.tag for m in corpus.search_tags("كارباخ")] == ["كاراباخ", "إقليم كاراباخ"]
    assert [m.tag for m in corpus.search_tags("بسكوف")] == ["ديميتري بيسكوف"]
    assert [m.tag for m in corpus.search_tags("بوتن")] == ["فلاديمير بوتين"]


def test_tags_without_the_keywords_line(tmp_path) -> None:
    """Glue points then rest on the page's own text alone."""
    [seed_file] = sorted(SEEDS.glob("*.txt"))
    lines = seed_file.read_text(encoding="utf-8").split("\n")
    kept = [line for line in lines if not line.startswith("كلمات دلالية")]
    assert len(kept) == len(lines) - 1
    (tmp_path / "page.txt").write_text("\n".join(kept), encoding="utf-8")
    article = load([tmp_path]).find(TITLE)
    assert article.tags == TAGS
    assert article.keywords == ()


@pytest.mark.parametrize("keywords", [True, False], ids=["with keywords", "without keywords"])
def test_tags_parted_by_spaces_instead_of_glued(tmp_path, keywords: bool) -> None:
    """A site that parts its tags with spaces: order, the text and و decide the spaces."""
    [seed_file] = sorted(SEEDS.glob("*.txt"))
    lines = seed_file.read_text(encoding="utf-8").split("\n")
    [n] = [i for i, line in enumerate(lines) if line.startswith("Tags:")]
    source = lines[n][lines[n].index("المصدر:") :]
    lines[n] = "Tags: " + " ".join(TAGS) + source
    if not keywords:
        lines = [line for line in lines if not line.startswith("كلمات دلالية")]
    (tmp_path / "page.txt").write_text("\n".join(lines), encoding="utf-8")
    assert load([tmp_path]).find(TITLE).tags == TAGS


def test_seed_in_windows_1256_with_crlf(tmp_path) -> None:
    [seed_file] = sorted(SEEDS.glob("*.txt"))
    text = seed_file.read_text(encoding="utf-8").replace("\n", "\r\n")
    (tmp_path / "page.txt").write_bytes(text.encode("cp1256", errors="replace"))
    corpus = load([tmp_path])
    assert corpus.find(TITLE).tags == TAGS
    assert len(corpus.articles) == 2
