"""The library's tables, and the steps that bring an older library up to date.

`docs/library.md` describes every table for people who query their news with `sqlite3`.
The schema version lives in SQLite's own `user_version`; `PARSER_VERSION` says which
parser made the stored pages, and is bumped whenever the parser or tag recovery would
make something else of the same bytes (the stored pages are then parsed again).
"""

from __future__ import annotations

SCHEMA_VERSION = 6
PARSER_VERSION = 4

# Each step takes a library of version N (its index + 1 is N + 1); version 1 is CREATE.
CREATE = """
CREATE TABLE corpora (
    id INTEGER PRIMARY KEY,
    roots TEXT NOT NULL UNIQUE,
    parser INTEGER NOT NULL,
    resolved INTEGER NOT NULL DEFAULT 0,
    problems TEXT NOT NULL DEFAULT '[]',
    pages INTEGER NOT NULL DEFAULT 0,
    articles INTEGER NOT NULL DEFAULT 0,
    merged INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    warnings INTEGER NOT NULL DEFAULT 0,
    used REAL NOT NULL DEFAULT 0
);
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    corpus INTEGER NOT NULL REFERENCES corpora(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    rank INTEGER NOT NULL,
    identity TEXT NOT NULL,
    diagnostics TEXT NOT NULL DEFAULT '[]',
    UNIQUE (corpus, path)
);
CREATE TABLE pages (
    id INTEGER PRIMARY KEY,
    corpus INTEGER NOT NULL REFERENCES corpora(id) ON DELETE CASCADE,
    file INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    line INTEGER,
    digest TEXT NOT NULL,
    title TEXT NOT NULL,
    published TEXT,
    source TEXT,
    parsed BLOB NOT NULL
);
CREATE INDEX pages_of_file ON pages (file);
CREATE INDEX pages_by_date ON pages (corpus, published DESC, title);
CREATE TABLE articles (
    corpus INTEGER NOT NULL REFERENCES corpora(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    id TEXT NOT NULL,
    title TEXT NOT NULL,
    title_key TEXT NOT NULL,
    published TEXT,
    place TEXT,
    agency TEXT,
    source TEXT,
    body TEXT NOT NULL,
    keywords TEXT NOT NULL,
    PRIMARY KEY (corpus, id)
);
CREATE UNIQUE INDEX articles_in_order ON articles (corpus, seq);
CREATE INDEX articles_by_title ON articles (corpus, title_key);
CREATE TABLE article_tags (
    corpus INTEGER NOT NULL,
    article TEXT NOT NULL,
    position INTEGER NOT NULL,
    tag TEXT NOT NULL,
    tag_key TEXT NOT NULL,
    rank INTEGER,
    PRIMARY KEY (corpus, article, position)
) WITHOUT ROWID;
CREATE INDEX tag_lists ON article_tags (corpus, tag_key, rank);
CREATE TABLE tags (
    corpus INTEGER NOT NULL,
    tag_key TEXT NOT NULL,
    name TEXT NOT NULL,
    count INTEGER NOT NULL,
    skeleton TEXT NOT NULL,
    PRIMARY KEY (corpus, tag_key)
) WITHOUT ROWID;
CREATE TABLE links (
    corpus INTEGER NOT NULL,
    article TEXT NOT NULL,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    target TEXT,
    PRIMARY KEY (corpus, article, position)
) WITHOUT ROWID;
CREATE INDEX links_to ON links (corpus, target);
CREATE TABLE origins (
    corpus INTEGER NOT NULL,
    article TEXT NOT NULL,
    position INTEGER NOT NULL,
    path TEXT NOT NULL,
    line INTEGER,
    PRIMARY KEY (corpus, article, position)
) WITHOUT ROWID;
CREATE INDEX origins_of_pages ON origins (corpus, path, line);
CREATE TABLE story_ids (
    corpus INTEGER NOT NULL,
    story_key TEXT NOT NULL,
    article TEXT NOT NULL,
    PRIMARY KEY (corpus, story_key)
) WITHOUT ROWID;
"""

# Version 2: the reader's own state (see `reader.library.state`), in tables an ingest never
# writes: keyed by article id alone, so that marks outlive the corpus that showed them.
STATE = """
CREATE TABLE marks (
    article TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('read', 'saved')),
    value INTEGER NOT NULL,
    at REAL NOT NULL,
    noted REAL NOT NULL,
    PRIMARY KEY (article, kind)
) WITHOUT ROWID;
CREATE TABLE places (
    roots TEXT PRIMARY KEY,
    place TEXT NOT NULL,
    at REAL NOT NULL
) WITHOUT ROWID;
"""

# The web address a crawl gave each page (JSON Lines `url`), kept with the page and with
# each article's origins.
ADDRESSES = """
ALTER TABLE pages ADD COLUMN url TEXT;
ALTER TABLE origins ADD COLUMN url TEXT;
"""

# Version 4: full-text search (see `reader.library.indexing`): one row per article with what the
# filters read, apart from its search terms (computed in Python by `reader.text.analysis`,
# since FTS5's tokenizers know no Arabic), so that ranking and filtering read narrow rows;
# the FTS5 index over the terms, kept in step by triggers; FTS5's view of its vocabulary;
# and how many articles of a corpus hold each term, kept by the indexing (FTS5's view
# counts them by reading the term's whole list, which a ranking cannot wait for).
# Existing corpora are marked unresolved: the next run makes their articles again from the
# stored pages (no file is read) and so indexes them.
SEARCH = """
CREATE TABLE search_docs (
    id INTEGER PRIMARY KEY,
    corpus INTEGER NOT NULL REFERENCES corpora(id) ON DELETE CASCADE,
    article TEXT NOT NULL,
    digest TEXT NOT NULL,
    published TEXT,
    source_key TEXT,
    UNIQUE (corpus, article)
);
CREATE TABLE search_text (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE VIRTUAL TABLE search_index USING fts5 (
    title, body, content = 'search_text', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TRIGGER search_text_added AFTER INSERT ON search_text BEGIN
    INSERT INTO search_index (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER search_text_dropped AFTER DELETE ON search_text BEGIN
    INSERT INTO search_index (search_index, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER search_docs_dropped AFTER DELETE ON search_docs BEGIN
    DELETE FROM search_text WHERE id = old.id;
END;
CREATE VIRTUAL TABLE search_vocabulary USING fts5vocab (search_index, 'row');
CREATE TABLE search_terms (
    corpus INTEGER NOT NULL REFERENCES corpora(id) ON DELETE CASCADE,
    term TEXT NOT NULL,
    documents INTEGER NOT NULL,
    PRIMARY KEY (corpus, term)
) WITHOUT ROWID;
UPDATE corpora SET resolved = 0;
"""

# Version 5: what a corpus's articles were made from, kept so that the next change makes
# again only what it touches (see `reader.library.linking`): the tag index pooled over
# every page, with the questions pages asked it (`tag_state`); each page's tags as decided,
# with the evidence, questions and decisions they rest on (`page_tags`, a row outliving
# its page until the next link takes the page's part back out); the headlines each page's
# stories go by (`page_titles`), since only stories of one headline merge; each article's
# number of stories merged; each source with its count of articles (`sources`), so that
# a reader can jump to one without reading every article. Places in the lists now count
# from the oldest (news arriving takes new places), and the index no longer holds them
# unique (renumbering then moves each row once, not twice). Existing corpora are marked
# unresolved: the next run makes their articles again from the stored pages.
LINKING = """
DROP INDEX articles_in_order;
CREATE INDEX articles_in_order ON articles (corpus, seq);
ALTER TABLE corpora ADD COLUMN tag_state BLOB;
ALTER TABLE articles ADD COLUMN members INTEGER NOT NULL DEFAULT 1;
CREATE INDEX story_ids_of_articles ON story_ids (corpus, article);
CREATE TABLE page_tags (
    page INTEGER PRIMARY KEY,
    corpus INTEGER NOT NULL REFERENCES corpora(id) ON DELETE CASCADE,
    digest TEXT NOT NULL,
    decided BLOB NOT NULL,
    asked BLOB NOT NULL,
    decisions BLOB NOT NULL,
    line_keys TEXT
);
CREATE INDEX page_tags_of_corpora ON page_tags (corpus);
CREATE TABLE page_titles (
    corpus INTEGER NOT NULL REFERENCES corpora(id) ON DELETE CASCADE,
    title_key TEXT NOT NULL,
    page INTEGER NOT NULL,
    own INTEGER NOT NULL,
    PRIMARY KEY (corpus, title_key, page)
) WITHOUT ROWID;
CREATE INDEX page_titles_of_pages ON page_titles (page);
CREATE TABLE sources (
    corpus INTEGER NOT NULL REFERENCES corpora(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    source_key TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (corpus, name)
) WITHOUT ROWID;
CREATE INDEX articles_by_source ON articles (corpus, source);
UPDATE corpora SET resolved = 0;
"""

# Version 6: the full-text index is written by the indexing itself, in one statement for a
# batch of articles (see `reader.library.indexing`), not by a trigger on each row of
# `search_text`: FTS5 flushes its pending terms at the end of every statement a trigger
# runs, which made indexing a corpus twice as slow as the index's own work.
INDEX_BY_BATCH = """
DROP TRIGGER IF EXISTS search_text_added;
"""

MIGRATIONS: tuple[str, ...] = (CREATE, STATE, ADDRESSES, SEARCH, LINKING, INDEX_BY_BATCH)


# The reader's own tables: on a shared server each reader has theirs (see
# `reader.library.postgres`), beside one corpus.
READER_TABLES = frozenset({"marks", "places"})
