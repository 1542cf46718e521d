"""The library: one SQLite database that keeps parsed pages, articles, tags and links, so
that a corpus opens at once and takes in new dumps without reading the old ones again.

`session` is what views use; `ingest` writes, `reading` reads, `store` opens the file,
`schema` describes the tables (and `docs/library.md` describes them for people).
"""
