"""Full-text search on a real library file over real dump folders: matching across
spellings and affixes, the query language against the index, ranking, paging, snippets,
the index kept in step with the files, the upgrade of an older library, the command."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from test_cli import newsreader

from reader.library import indexing
from reader.library import search as full_text
from reader.library.backend import is_server
from reader.library.indexing import DAY_BITS, SLOT_BITS, row_range
from reader.library.postgres import statements
from reader.library.ranking import K1, MIN_IDF, B
from reader.library.schema import MIGRATIONS, SEARCH
from reader.library.search import (
    PHRASE_COUNTING,
    SIMILAR_MAX_SHARE,
    SIMILAR_MIN_DOCUMENTS,
    TITLE_WEIGHT,
)
from reader.library.session import Session, open_corpus
from reader.library.store import open_library
from reader.text.snippet import PASSAGE_WORDS, Terms, passage


def page(title: str, date: str, body: list[str], tags: str, source: str) -> str:
    """A dump page (FORMAT.md): headline, date line, dateline paragraph, body, tags."""
    return "\n".join(
        [
            title,
            f"تاريخ النشر: {date} GMT",
            *body,
            f"Tags: {tags}المصدر: {source}",
            "كلمات دلالية: " + tags,
        ]
    )


# Original sentences written for these tests.
PAGES = {
    "school.txt": page(
        "افتتاح مدرسة جديدة للأطفال في الرباط",
        "3rd, May 2024",
        [
            "الرباط (خاص) – افتتحت الوزارة مدرسة جديدة تستقبل ثلاثمئة طفل.",
            "وقال المدير إن المدرسة تضم مكتبة وملعبا.",
        ],
        "التعليم",
        "صحيفة الأفق",
    ),
    "vaccine.txt": page(
        "حملة تطعيم في القرى الجبلية",
        "2nd, May 2024",
        [
            "تونس (وكالات) – بدأت حملة تطعيم واسعة في القرى الجبلية.",
            "وتستهدف الحملة وأطفال المدارس والنساء الحوامل قبل الصيف.",
        ],
        "الصحة",
        "جريدة الغد",
    ),
    "summit.txt": page(
        "أردوغان يصل إلى الدوحة في زيارة رسمية",
        "1st, April 2024",
        [
            "الدوحة (خاص) – وصل الرئيس رجب طيب أردوغان إلى الدوحة في زيارة رسمية.",
            "وبحث الجانبان مشاريع الطاقة، ودعم التعليم للأطفال في المنطقة.",
        ],
        "أردوغانقطر",
        "صحيفة الأفق",
    ),
    "market.txt": page(
        "ارتفاع أسعار القمح في الأسواق",
        "5th, January 2023",
        [
            "عمّان (النهار) – سجلت أسعار القمح ارتفاعا جديدا بنسبة 12% خلال الشهر.",
            "ويعزو التجار الارتفاع إلى تراجع المحصول، وقال اردوغان التاجر إن الأسعار "
            "ستهبط، وأيّده اردوغان الابن.",
        ],
        "الاقتصاد",
        "جريدة الغد",
    ),
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "dumps"
    out.mkdir()
    for name, text in PAGES.items():
        (out / name).write_text(text, encoding="utf-8")
    return out


@pytest.fixture
def library(library_url: str) -> str:
    """A library on each backend: what a search finds does not depend on it."""
    return library_url


@pytest.fixture
def sqlite_library(tmp_path: Path) -> str:
    """A SQLite library, for what only FTS5 has: its windows, bm25(), its vocabulary."""
    return str(tmp_path / "library.sqlite3")


def rows_of(library: str, sql: str) -> list[tuple]:
    _, connection = open_library(library)
    try:
        return [tuple(row) for row in connection.execute(sql).fetchall()]
    finally:
        connection.close()


def titles(view, query: str, **kwargs) -> list[str]:
    return [hit.title for hit in view.search(query, **kwargs).hits]


def test_every_spelling_and_affix_finds_the_article(folder: Path, library: str) -> None:
    session, view = open_corpus([folder], library)
    for spelling in ("الأطفال", "أطفال", "اطفال", "وأطفال", "للأطفال", "والاطفال"):
        assert set(titles(view, spelling)) == {
            "افتتاح مدرسة جديدة للأطفال في الرباط",
            "حملة تطعيم في القرى الجبلية",
            "أردوغان يصل إلى الدوحة في زيارة رسمية",
        }, spelling
    session.close()


def test_the_query_language_against_the_index(folder: Path, library: str) -> None:
    session, view = open_corpus([folder], library)
    summit, market = "أردوغان يصل إلى الدوحة في زيارة رسمية", "ارتفاع أسعار القمح في الأسواق"
    assert titles(view, '"رجب طيب أردوغان"') == [summit]
    assert titles(view, '"أردوغان طيب رجب"') == []  # a phrase keeps its order
    assert titles(view, "اردوغان -القمح") == [summit]
    assert titles(view, "اردو*") == [summit, market]
    assert titles(view, "القمح OR الدوحة") == [summit, market]
    assert titles(view, "اردوغان tag:الاقتصاد") == [market]
    assert titles(view, 'source:"جريدة الغد" الأطفال') == ["حملة تطعيم في القرى الجبلية"]
    assert titles(view, "اردوغان before:2024-01-01") == [market]
    assert titles(view, "اردوغان after:2024-01-01") == [summit]
    assert titles(view, "tag:التعليم") == ["افتتاح مدرسة جديدة للأطفال في الرباط"]
    for hostile in ("NEAR(", '"*', "-", "AND OR NOT", "{col}: ^x", '"', "*"):
        assert view.search(hostile).hits == ()  # answered, never raised
    session.close()


def test_a_title_match_ranks_above_a_body_match_then_newest_first(
    folder: Path, library: str
) -> None:
    session, view = open_corpus([folder], library)
    # أردوغان: in the headline of the summit, in the body of the market report.
    hits = view.search("أردوغان").hits
    assert hits[0].title == "أردوغان يصل إلى الدوحة في زيارة رسمية"
    assert hits[0].score < hits[1].score
    assert TITLE_WEIGHT > 1
    # التطعيم and الأطفال alike: the school (3 May) and the campaign (2 May) each have
    # the word once in a title and a body; equal scores go newest first.
    assert titles(view, "الأطفال")[0] == "افتتاح مدرسة جديدة للأطفال في الرباط"
    session.close()


def test_the_title_weight_decides_the_order(
    folder: Path, library: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    session, view = open_corpus([folder], library)
    # The market report has the name twice in its body, the summit once there and once
    # in its headline: only the headline's weight puts the summit first.
    monkeypatch.setattr(full_text, "TITLE_WEIGHT", 0.01)
    assert titles(view, "أردوغان")[0] == "ارتفاع أسعار القمح في الأسواق"
    session.close()


def test_results_are_paged_by_the_library(folder: Path, library: str) -> None:
    session, view = open_corpus([folder], library)
    whole = titles(view, "في")
    assert len(whole) == 4
    assert titles(view, "في", limit=2) + titles(view, "في", limit=2, offset=2) == whole
    session.close()


def test_snippets_mark_the_matched_words(folder: Path, library: str) -> None:
    session, view = open_corpus([folder], library)
    (hit,) = view.search("وأطفال الحوامل").hits
    marked = [hit.snippet.text[a:b] for a, b in hit.snippet.marks]
    assert marked == ["وأطفال", "الحوامل"]
    assert hit.snippet.text.startswith("وتستهدف")
    session.close()


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def index_rows(library: str) -> dict[str, int]:
    """Article id → its index row: a row that keeps its number was not indexed again."""
    return dict(rows_of(library, "SELECT article, id FROM search_docs"))


def test_the_index_follows_added_changed_and_removed_files(folder: Path, library: str) -> None:
    session, view = open_corpus([folder], library)
    session.close()
    before = index_rows(library)
    write(
        folder,
        "port.txt",
        page(
            "توسعة الميناء", "6th, May 2024", ["طنجة (خاص) – بدأت أشغال الميناء."], "الموانئ", "ش"
        ),
    )
    session, view = open_corpus([folder], library)
    assert titles(view, "الميناء") == ["توسعة الميناء"]
    session.close()
    after = index_rows(library)
    assert {k: v for k, v in after.items() if k in before} == before  # the others untouched
    assert len(after) == len(before) + 1

    write(folder, "market.txt", PAGES["market.txt"].replace("القمح", "الشعير"))
    session, view = open_corpus([folder], library)
    assert titles(view, "الشعير") == ["ارتفاع أسعار الشعير في الأسواق"]
    assert titles(view, "القمح") == []
    session.close()
    changed = index_rows(library)
    assert sum(changed.get(k) != v for k, v in after.items()) == 1

    (folder / "port.txt").unlink()
    session, view = open_corpus([folder], library)
    assert titles(view, "الميناء") == []
    session.close()
    assert len(index_rows(library)) == len(before)
    # The index holds no stale rows (on a server it is a column of search_text).
    index = "search_text" if is_server(library) else "search_index"
    assert rows_of(library, f"SELECT count(*) FROM {index}") == [(len(before),)]


def test_forgetting_a_corpus_empties_its_index(folder: Path, library: str) -> None:
    open_corpus([folder], library)[0].close()
    assert newsreader("--library", library, "library", "forget", str(folder)).returncode == 0
    assert rows_of(library, "SELECT count(*) FROM search_docs") == [(0,)]
    assert rows_of(library, "SELECT count(*) FROM search_text") == [(0,)]


def schema_3(current: str, older: str) -> None:
    """Make `older` a library of schema 3 (no index) holding the corpora, files and pages
    of the library `current`: what a newsreader of that version left behind."""
    connection = sqlite3.connect(older)
    steps = "; ".join(MIGRATIONS[:3])
    connection.executescript(f"BEGIN; {steps}; PRAGMA user_version = 3; COMMIT;")
    connection.execute("ATTACH DATABASE ? AS current", (current,))
    with connection:
        for table in ("corpora", "files", "pages"):
            kept = [row[1] for row in connection.execute(f"PRAGMA main.table_info({table})")]
            columns = ", ".join(kept)
            connection.execute(
                f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM current.{table}"
            )
        connection.execute("UPDATE main.corpora SET resolved = 1")
    connection.close()


def schema_5(current: str, older: str) -> None:
    """Make `older` the library `current` as schema 5 left it: the index fed by trigger."""
    shutil.copyfile(current, older)
    feeding = next(s for s in statements(SEARCH) if "search_text_added" in s)
    connection = sqlite3.connect(older)
    connection.executescript(f"BEGIN; {feeding}; PRAGMA user_version = 5; COMMIT;")
    connection.close()


@pytest.mark.parametrize("older_schema", [schema_3, schema_5])
def test_an_older_library_is_indexed_on_upgrade(
    folder: Path, tmp_path: Path, sqlite_library: str, older_schema
) -> None:
    """Schema 3 had no index; schema 5 fed it by trigger, which 6 does by batch (a trigger
    left behind would index every new article twice)."""
    open_corpus([folder], sqlite_library)[0].close()
    older = str(tmp_path / "older.sqlite3")
    older_schema(sqlite_library, older)
    session = Session([folder], older)
    assert not session.library.in_memory  # upgraded, not given up for one in memory
    report = session.update()
    assert report.read == 0  # the pages it held, not the dumps again
    view = session.view()
    assert view is not None
    assert len(titles(view, "الأطفال")) == 3
    session.close()
    write(
        folder,
        "port.txt",
        page(
            "توسعة الميناء", "6th, May 2024", ["طنجة (خاص) – بدأت أشغال الميناء."], "الموانئ", "ش"
        ),
    )
    open_corpus([folder], older)[0].close()
    assert rows_of(older, "SELECT name FROM sqlite_master WHERE type = 'trigger'") == [
        ("search_text_dropped",),
        ("search_docs_dropped",),
    ]
    assert rows_of(older, "SELECT count(*) FROM search_index WHERE search_index MATCH 'ميناء'") == [
        (1,)
    ]
    with sqlite3.connect(older) as connection:  # FTS5's own check of index against text
        connection.execute("INSERT INTO search_index (search_index) VALUES ('integrity-check')")


def test_more_like_this(folder: Path, library: str) -> None:
    """The summit and the market report share a rare name (two articles of four); the
    words of the children's three articles are too common here to tell."""
    session, view = open_corpus([folder], library)
    (summit,) = view.search('"رجب طيب"').hits
    similar = [title for _, title in view.similar(summit.id, 3)]
    assert similar[0] == "ارتفاع أسعار القمح في الأسواق"
    assert summit.title not in similar
    assert SIMILAR_MIN_DOCUMENTS == 2 and SIMILAR_MAX_SHARE == 0.5
    assert view.similar("no such id", 3) == []
    session.close()


def test_search_command_lines_and_json(folder: Path, library: str) -> None:
    plain = newsreader("--library", library, "search", "اطفال", str(folder), "--limit", "2")
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout.splitlines() == [
        "2024-05-03\tافتتاح مدرسة جديدة للأطفال في الرباط",
        "2024-05-02\tحملة تطعيم في القرى الجبلية",
    ]
    result = newsreader("--library", library, "search", "القمح", str(folder), "--json")
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert list(record) == ["id", "title", "published", "source", "snippet", "score"]
    assert record["title"] == "ارتفاع أسعار القمح في الأسواق"
    assert record["source"] == "جريدة الغد" and record["score"] > 0
    assert "القمح" in record["snippet"]


def test_search_command_explains_bad_syntax_in_one_line(folder: Path, library: str) -> None:
    result = newsreader("--library", library, "search", '"رجب طيب', str(folder))
    assert result.returncode == 0
    assert result.stderr == "newsreader: a quote was not closed: read to the end\n"
    assert result.stdout.splitlines() == ["2024-04-01\tأردوغان يصل إلى الدوحة في زيارة رسمية"]
    for hostile in ("-", "NEAR(", '"*', "\x1b[31m"):
        result = newsreader("--library", library, "search", hostile, str(folder))
        assert result.returncode == 0 and "Traceback" not in result.stderr
        assert "\x1b" not in result.stdout + result.stderr


def test_a_common_word_is_ranked_a_window_of_its_newest_matches_at_a_time(
    folder: Path, sqlite_library: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a first window of two, the two newest matches are ranked first, then the
    next (larger) window: every match still comes, once, page after page."""
    library = sqlite_library
    session, view = open_corpus([folder], library)
    whole = titles(view, "في")
    monkeypatch.setattr(full_text, "CANDIDATES", 2)
    windowed = titles(view, "في")
    assert sorted(windowed) == sorted(whole)
    dates = {h.title: h.published for h in view.search("في").hits}
    assert min(dates[t] for t in windowed[:2]) >= max(dates[t] for t in windowed[2:])
    assert titles(view, "في", limit=1, offset=2) == windowed[2:3]
    session.close()


def test_index_rows_run_in_order_of_publication(folder: Path, library: str) -> None:
    open_corpus([folder], library)[0].close()
    rows = rows_of(library, "SELECT published FROM search_docs ORDER BY id")
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)
    first, second = row_range(1, 10, 10), row_range(1, 11, 11)
    assert first.stop == second.start and len(first) == 1 << SLOT_BITS
    assert row_range(2).start == row_range(1).stop
    assert row_range(1, 0, (1 << DAY_BITS) - 1) == row_range(1)


def test_a_snippet_is_a_passage_of_so_many_words(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (
        " ".join(f"كلمة{n}" for n in range(60)) + " الأطفال " + " ".join("ب" * 3 for _ in range(9))
    )
    wanted = Terms(frozenset({"اطفال"}))
    shown = passage([text], wanted)
    assert len(shown.text.split()) == PASSAGE_WORDS
    assert [shown.text[a:b] for a, b in shown.marks] == ["الأطفال"]
    assert shown.text.startswith("…")
    assert len(passage([text], wanted, words=8).text.split()) == 8


def test_more_like_this_searches_for_so_many_terms(
    folder: Path, library: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    session, view = open_corpus([folder], library)
    (summit,) = view.search('"رجب طيب"').hits
    assert view.similar(summit.id, 3)
    monkeypatch.setattr(full_text, "SIMILAR_TERMS", 0)
    assert view.similar(summit.id, 3) == []
    session.close()


def test_a_day_with_every_number_taken_lends_the_next(
    folder: Path, library: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two slots a day: the third article of a day is filed under the next, and found."""
    monkeypatch.setattr(indexing, "SLOT_BITS", 1)
    for n in range(3):
        body = [f"القاهرة (خاص) – خبر رقم {n} عن المترو."]
        write(folder, f"metro{n}.txt", page(f"المترو {n}", "7th, May 2024", body, "النقل", "ش"))
    session, view = open_corpus([folder], library)
    assert sorted(titles(view, "المترو")) == ["المترو 0", "المترو 1", "المترو 2"]
    session.close()


def test_scores_from_stored_terms_are_fts5s_bm25(
    folder: Path, sqlite_library: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A word in every article: the window is the whole corpus, and the scores computed
    from the stored terms are those of FTS5's bm25(), article for article. A common word
    is scored so; a rare one by FTS5, whose count of its articles costs little."""
    library = sqlite_library
    session, view = open_corpus([folder], library)
    monkeypatch.setattr(full_text, "FTS5_COUNTS", 10**9)
    by_fts5 = [(h.title, h.score) for h in view.search("في").hits]
    monkeypatch.setattr(full_text, "FTS5_COUNTS", -1)
    here = [(h.title, h.score) for h in view.search("في").hits]
    assert [t for t, _ in here] == [t for t, _ in by_fts5]
    assert [s for _, s in here] == pytest.approx([s for _, s in by_fts5], rel=1e-9)
    # Phrases and prefixes too, though their counts are estimated: the same articles.
    for query in ('"رجب طيب"', "اردو*", "القمح OR الدوحة", "الأطفال -تطعيم"):
        monkeypatch.setattr(full_text, "FTS5_COUNTS", 10**9)
        expected = sorted(titles(view, query))
        monkeypatch.setattr(full_text, "FTS5_COUNTS", -1)
        assert sorted(titles(view, query)) == expected, query
    assert K1 == 1.2 and B == 0.75 and MIN_IDF > 0 and PHRASE_COUNTING > 1
    session.close()


def test_the_count_of_articles_of_each_term_follows_the_files(
    folder: Path, sqlite_library: str
) -> None:
    library = sqlite_library

    def documents(term: str) -> int:
        with sqlite3.connect(library) as connection:
            row = connection.execute(
                "SELECT documents FROM search_terms WHERE term = ?", (term,)
            ).fetchone()
            vocabulary = connection.execute(
                "SELECT doc FROM search_vocabulary WHERE term = ?", (term,)
            ).fetchone()
        assert (row or (0,))[0] == (vocabulary or (0,))[0]  # as FTS5 counts them
        return row[0] if row else 0

    open_corpus([folder], library)[0].close()
    assert documents("اطفال") == 3 and documents("قمح") == 1
    write(folder, "market.txt", PAGES["market.txt"].replace("القمح", "الشعير"))
    open_corpus([folder], library)[0].close()
    assert documents("قمح") == 0 and documents("شعير") == 1
    (folder / "vaccine.txt").unlink()
    open_corpus([folder], library)[0].close()
    assert documents("اطفال") == 2


def test_the_passage_is_looked_for_in_the_opening_of_a_long_article(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A match beyond PASSAGE_SCAN_CHARS is not looked for: the opening words stand in."""
    opening = "افتتحت البلدية حديقة عامة على ضفة النهر"
    later = "ولعب الأطفال في الحديقة حتى المساء"
    wanted = Terms(frozenset({"اطفال"}))
    assert [
        passage([opening, later], wanted).text[a:b]
        for a, b in passage([opening, later], wanted).marks
    ] == ["الأطفال"]
    monkeypatch.setattr("reader.text.snippet.PASSAGE_SCAN_CHARS", len(opening))
    shown = passage([opening, later], wanted)
    assert shown.marks == () and shown.text.startswith("افتتحت البلدية")


# Queries whose best hits are plain to see on the small corpus: both backends rank them so.
SHARED_QUERIES = (
    "أردوغان",
    "الأطفال",
    '"رجب طيب"',
    "اردو*",
    "القمح OR الدوحة",
    "الأطفال -تطعيم",
    "tag:التعليم",
    'source:"جريدة الغد" الأطفال',
)


def test_both_backends_find_the_same_articles_and_the_same_best_hit(
    folder: Path, tmp_path: Path, postgres_url: str
) -> None:
    embedded = open_corpus([folder], str(tmp_path / "library.sqlite3"))
    served = open_corpus([folder], postgres_url)
    for query in SHARED_QUERIES:
        here, there = titles(embedded[1], query), titles(served[1], query)
        assert sorted(here) == sorted(there), query
        assert here[:1] == there[:1], query
    assert titles(served[1], "الأطفال")[0] == titles(embedded[1], "الأطفال")[0]
    embedded[0].close()
    served[0].close()


def test_the_index_is_written_a_chunk_at_a_time_the_same(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows of the index go a chunk at a time (the text held at once stays small): a
    chunk of two rows writes the index that one statement writes."""
    whole = str(tmp_path / "whole.sqlite3")
    open_corpus([folder], whole)[0].close()
    monkeypatch.setattr(indexing, "_ROWS_AT_ONCE", 2)
    chunked = str(tmp_path / "chunked.sqlite3")
    session, view = open_corpus([folder], chunked)
    assert len(titles(view, "الأطفال")) == 3
    session.close()
    query = "SELECT id, title, body FROM search_text ORDER BY id"
    assert rows_of(chunked, query) == rows_of(whole, query)
    assert len(rows_of(chunked, query)) > 2  # more than one chunk
    with sqlite3.connect(chunked) as connection:
        connection.execute("INSERT INTO search_index (search_index) VALUES ('integrity-check')")
        matched = connection.execute(
            "SELECT count(*) FROM search_index WHERE search_index MATCH 'اطفال'"
        ).fetchone()
    assert matched == (3,)
