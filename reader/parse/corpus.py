"""The corpus: pages merged into stories, linked by "read also", indexed for lookup and search.

One story is one article however many pages carry it (its own dump, another page's "read
also" block, a second crawl). Pages are matched by the compact normalisation key of their
headline, so spelling noise does not split a story; two pages with the same headline but
different dates or bodies stay two articles. Ids hash the normalised headline (plus the
content when headlines collide), so they do not depend on load order or machine.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from reader.model import (
    Article,
    Diagnostic,
    LoadStats,
    Origin,
    ReadAlso,
    Story,
    TagMatch,
    story_values,
)
from reader.text.arabic import MIN_SKELETON, compact, key, skeleton

_OPENING_CHARS = 200  # characters of a story's text its story key takes


@dataclass(frozen=True, slots=True)
class Record:
    """One appearance of a story: a page's own article, or one in a "read also" block. The
    story is the page's own, carried whole, so that a field added to it needs no copy here."""

    story: Story
    source: str | None
    tags: tuple[str, ...]
    keywords: tuple[str, ...]
    origin: Origin
    own_page: bool  # False for a story known only from another page's "read also" block
    related_of: int | None = None  # for a related story: index of the record pointing to it

    def rank(self) -> tuple:
        """Fuller versions first; ties broken by content and path, never by load order."""
        story = self.story
        return (
            not self.own_page,
            story.published is None,
            -len(story.paragraphs),
            -sum(map(len, story.paragraphs)),
            not self.tags,
            self.origin.path,
            self.origin.line or 0,
            story.title,
            story.paragraphs,
        )


def _digest(text: str, size: int) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=size).hexdigest()


def _opening(record: Record) -> set[str]:
    return set(key(" ".join(record.story.paragraphs)[:400]).split()[:30])


def _compatible(cluster: list[Record], record: Record) -> bool:
    """Whether `record` can be the same story as the records already in `cluster`."""
    head = cluster[0]
    dates = {r.story.published for r in cluster if r.story.published is not None}
    published = record.story.published
    if published is not None and dates and published not in dates:
        return False
    if not (head.own_page and record.own_page):
        return True
    if not head.story.paragraphs or not record.story.paragraphs:
        return True
    mine, theirs = _opening(record), _opening(head)
    return len(mine & theirs) * 2 >= min(len(mine), len(theirs))


def _first(values: Iterable):
    return next((v for v in values if v), None)


def story_key(record: Record) -> str:
    """What one appearance of a story is known by across loads: its headline, date and
    opening. The library remembers which article each key went to, so that an article keeps
    its id when other pages join the corpus."""
    story = record.story
    opening = compact(" ".join(story.paragraphs)[:_OPENING_CHARS])
    return _digest(f"{compact(story.title)}\n{story.published}\n{opening}", 8)


@dataclass(frozen=True, slots=True)
class Merged:
    """Articles made from records; `merged`: records that joined another's story;
    `story_ids`: each record's `story_key` → its article's id (only when asked for);
    `members`: each article's number of records."""

    articles: list[Article]
    merged: int
    story_ids: dict[str, str]
    members: dict[str, int] = field(default_factory=dict)


def merge(
    records: Sequence[Record],
    known: Mapping[str, str] | None = None,
    placed: Mapping[int, str | None] | None = None,
) -> Merged:
    """Merge records into articles and resolve "read also".

    `known` maps `story_key`s to the ids their articles had before (the library keeps
    them): a story keeps its id even where a new page with the same headline would
    otherwise re-key it, and `story_ids` comes back filled for the next time. Without it (a
    load from scratch), ids depend only on the records, never on their order.

    Stories of different headlines never merge, so a library makes again only the
    headlines that changed: `placed` names the records given only for "read also" (of
    headlines left as they are), each with the article it went to, or None.
    """
    placed = placed or {}
    by_key: dict[str, list[int]] = defaultdict(list)
    for n, record in enumerate(records):
        if n not in placed:
            by_key[compact(record.story.title)].append(n)

    grouped = [(title_key, _groups(by_key[title_key], records)) for title_key in sorted(by_key)]
    # Each record's story key, made once: asked of every record twice when ids are kept.
    keys: list[str] = []
    if known is not None:
        keys = [story_key(r) if n not in placed else "" for n, r in enumerate(records)]
    clusters: dict[str, list[int]] = {}
    fresh: list[tuple[str, list[int], bool]] = []
    for title_key, groups in grouped:
        for group in groups:
            earlier = _earlier_id(group, keys, known, clusters)
            if earlier is None:
                fresh.append((title_key, group, len(groups) == 1))
            else:
                clusters[earlier] = group
    for title_key, group, alone in fresh:
        base = _digest(title_key, 6)
        if alone and base not in clusters:
            ident = base
        else:
            best = records[group[0]].story
            content = f"{title_key}\n{best.published}\n{compact(' '.join(best.paragraphs))}"
            ident = f"{base}-{_digest(content, 3)}"
            while ident in clusters:  # identical content under incompatible dates
                ident = f"{ident}-"
        clusters[ident] = group
    cluster_of: dict[int, str | None] = {n: i for i, group in clusters.items() for n in group}
    story_ids: dict[str, str] = {}
    if known is not None:
        story_ids = {keys[n]: ident for ident, group in clusters.items() for n in group}
    cluster_of.update(placed)

    # "read also" of page n resolves to where the related record pointing back to n landed.
    links: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
    for n, record in enumerate(records):
        if record.related_of is not None:
            links[record.related_of].append((record.story.title, cluster_of.get(n)))

    articles = []
    for ident, group in clusters.items():
        read_also: dict[str, ReadAlso] = {}
        for n in group:
            for title, target in links.get(n, ()):
                if target != ident and (target or title) not in read_also:
                    read_also[target or title] = ReadAlso(title, target)
        articles.append(_article(ident, [records[n] for n in group], tuple(read_also.values())))
    members = {ident: len(group) for ident, group in clusters.items()}
    return Merged(articles, sum(members.values()) - len(members), story_ids, members)


def _groups(members: list[int], records: Sequence[Record]) -> list[list[int]]:
    """The records of one headline key, fullest first, grouped into compatible stories."""
    if len(members) > 1:
        members = sorted(members, key=lambda n: records[n].rank())
    groups: list[list[int]] = []
    for n in members:
        for group in groups:
            if _compatible([records[m] for m in group], records[n]):
                group.append(n)
                break
        else:
            groups.append([n])
    # A headline known only from "read also" blocks, with no text, is not an article.
    return [g for g in groups if any(records[n].own_page or records[n].story.paragraphs for n in g)]


def _earlier_id(
    group: list[int],
    keys: Sequence[str],
    known: Mapping[str, str] | None,
    clusters: Mapping[str, list[int]],
) -> str | None:
    """The id a story had in an earlier load, if one of its records was in it (the smallest,
    when pages have since joined two stories into one) and no other story has taken it."""
    if not known:
        return None
    ids = sorted({known[keys[n]] for n in group if keys[n] in known})
    return next((i for i in ids if i not in clusters), None)


def _article(ident: str, members: list[Record], read_also: tuple[ReadAlso, ...]) -> Article:
    """One article from the records of a story, fullest first: each field from the first
    record that has it (most stories come from one page, which has them all)."""
    best = members[0]
    if len(members) == 1:
        return Article(
            ident, best.story, best.source, best.tags, best.keywords, read_also, (), (best.origin,)
        )
    origins = sorted({r.origin for r in members}, key=lambda o: (o.path, o.line or 0))
    return Article(
        id=ident,
        story=_fullest([r.story for r in members]),
        source=_first(r.source for r in members),
        tags=_first(r.tags for r in members) or (),
        keywords=_first(r.keywords for r in members) or (),
        read_also=read_also,
        read_by=(),
        origins=tuple(origins),
    )


def _fullest(stories: list[Story]) -> Story:
    """One story from its tellings, fullest first: each field from the first that has it,
    taken field by field whatever the fields are."""
    columns = zip(*map(story_values, stories), strict=True)
    return Story(*(next(filter(None, column), column[0]) for column in columns))


def reading_order(article: Article) -> tuple:
    """Newest first, undated last; ties by headline key then id so the order is stable."""
    return order_key(article.published, compact(article.title), article.id)


def order_key(published: dt.date | None, title_key: str, ident: str) -> tuple:
    """`reading_order`'s key from an article's date, headline key and id (a stored row's)."""
    return (published is None, -(published.toordinal() if published else 0), title_key, ident)


class Corpus:
    """Articles with their indexes: by id, by headline, by tag."""

    def __init__(
        self,
        articles: Iterable[Article],
        diagnostics: Sequence[Diagnostic] = (),
        stats: LoadStats | None = None,
    ) -> None:
        ordered = sorted(articles, key=reading_order)
        pointers: dict[str, list[str]] = defaultdict(list)
        for article in ordered:
            for ref in article.read_also:
                if ref.id is not None:
                    pointers[ref.id].append(article.id)
        ordered = [
            replace(a, read_by=tuple(pointers[a.id])) if pointers.get(a.id) else a for a in ordered
        ]
        self._index(ordered, diagnostics, stats)

    @classmethod
    def ordered(
        cls, articles: Sequence[Article], diagnostics: Sequence[Diagnostic], stats: LoadStats
    ) -> Corpus:
        """A corpus of articles already in corpus order with `read_by` filled in, as a saved
        corpus is: sorting and linking them again would be work for nothing."""
        corpus = cls.__new__(cls)
        corpus._index(articles, diagnostics, stats)
        return corpus

    def _index(
        self,
        ordered: Sequence[Article],
        diagnostics: Sequence[Diagnostic],
        stats: LoadStats | None,
    ) -> None:
        self.articles: tuple[Article, ...] = tuple(ordered)
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)
        self.stats = stats or LoadStats(
            pages=len(self.articles),
            articles=len(self.articles),
            merged=0,
            failed=sum(d.severity == "error" for d in self.diagnostics),
            warnings=sum(d.severity == "warning" for d in self.diagnostics),
        )
        self._by_id = {a.id: a for a in self.articles}
        tag_articles: dict[str, list[int]] = defaultdict(list)
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        for n, article in enumerate(self.articles):
            for tag in dict.fromkeys(article.tags):
                tag_key = key(tag)
                if not tag_articles[tag_key] or tag_articles[tag_key][-1] != n:
                    tag_articles[tag_key].append(n)
                spellings[tag_key][tag] += 1
        self._tag_articles = dict(tag_articles)
        self._tag_names = {
            k: min(c.items(), key=lambda item: (-item[1], item[0]))[0] for k, c in spellings.items()
        }
        self._tag_counts = sorted(
            ((self._tag_names[k], len(v)) for k, v in self._tag_articles.items()),
            key=lambda item: (-item[1], item[0]),
        )

    @functools.cached_property
    def _titles(self) -> list[tuple[str, int]]:
        """Headline keys in order, for `find`: built on first use, as most loads never ask."""
        return sorted((compact(a.title), n) for n, a in enumerate(self.articles))

    def get(self, article_id: str) -> Article | None:
        """The article with this id, or None."""
        return self._by_id.get(article_id)

    def find(self, ref: str) -> Article | None:
        """An article by id, by headline, or by a normalised headline prefix that is unique."""
        ref = ref.strip()
        if not ref:
            return None
        found = self._by_id.get(ref)
        if found is not None:
            return found
        wanted = compact(ref)
        if not wanted:
            return None
        titles = self._titles
        start = bisect_left(titles, (wanted, -1))
        matches = []
        for title_key, n in titles[start:]:
            if not title_key.startswith(wanted):
                break
            if title_key == wanted:
                return self.articles[n]
            matches.append(n)
            if len(matches) > 1:
                return None
        return self.articles[matches[0]] if matches else None

    def tag_counts(self) -> list[tuple[str, int]]:
        """Every tag with its article count, most used first."""
        return list(self._tag_counts)

    def with_tag(self, tag: str) -> tuple[Article, ...]:
        """Articles carrying `tag` (in any spelling), newest first."""
        return tuple(self.articles[n] for n in self._tag_articles.get(key(tag), ()))

    def search_tags(self, query: str, limit: int = 50) -> list[TagMatch]:
        """Tags matching `query`: exact, tag prefix, word prefix, substring; then, in the same
        order, tags spelled like the query but for long vowels (`كارباخ` finds `كاراباخ`).
        Commonest first within each kind."""
        wanted = key(query)
        if not wanted:
            return []
        # A skeleton of two letters or fewer would match half the corpus.
        loose = f" {skeleton(wanted)}"
        if len(loose.replace(" ", "")) < MIN_SKELETON:
            loose = ""
        found = []
        for tag_key, members in self._tag_articles.items():
            if tag_key == wanted:
                rank = 0
            elif tag_key.startswith(wanted):
                rank = 1
            elif f" {wanted}" in f" {tag_key}":
                rank = 2
            elif wanted in tag_key:
                rank = 3
            elif loose and loose in (shape := self._tag_skeletons[tag_key]):
                rank = 4 if shape == loose else 5 if shape.startswith(loose) else 6
            else:
                continue
            found.append((rank, -len(members), self._tag_names[tag_key]))
        found.sort()
        return [TagMatch(tag, -count) for _, count, tag in found[:limit]]

    @functools.cached_property
    def _tag_skeletons(self) -> dict[str, str]:
        """Each tag key's skeleton, with a space before every word, for word-start matching."""
        return {k: f" {skeleton(k)}" for k in self._tag_articles}
