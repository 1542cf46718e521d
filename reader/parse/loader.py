"""load(paths) → Corpus: read every page, recover tags corpus-wide, merge stories.

Tags need the whole corpus as evidence, so loading has two passes: the first parses every
page and pools what each says about tag boundaries; the second segments each page's tags
and keywords with that pooled evidence and merges the stories. The library stores what
the first pass makes of each page (`read_pages`) and runs the second (`build`) whenever its
corpus changes; `load` does both in memory, the reference an ingest must equal.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader import problems
from reader.collector import collector_paused
from reader.ingest.sources import RawPage, discover, read_file
from reader.model import Diagnostic, LoadStats, Origin
from reader.parse.corpus import Corpus, Merged, Record, merge
from reader.parse.page import NotAPage, ParsedPage, parse_page
from reader.parse.tags import (
    Answer,
    CorpusWords,
    PageEvidence,
    PageText,
    Question,
    TagIndex,
    TagResolver,
    page_evidence,
    site_orders,
    whole_words,
)


@dataclass(frozen=True, slots=True)
class LoadedPage:
    """A parsed page with its own tag evidence: all a corpus needs of it, and what the
    library keeps per page so that an unchanged file is never read again."""

    origin: Origin
    parsed: ParsedPage
    evidence: PageEvidence


def _text(parsed: ParsedPage) -> PageText:
    return PageText([parsed.story.title, *parsed.story.paragraphs])


def _evidence(
    parsed: ParsedPage,
    text: PageText,
    corpus_words: CorpusWords | None,
    ordered: bool = True,
) -> PageEvidence:
    return page_evidence(parsed.tags_line, parsed.keywords_line, text, corpus_words, ordered)


def _corpus_evidence(pages: Sequence[LoadedPage]) -> tuple[list[PageEvidence], TagIndex]:
    """Every page's tag evidence with the corpus's words, and the index pooled from it.

    A glued token its own keywords do not explain can only be split with words known from
    other pages, so such a page's evidence is redone once the whole corpus's words are known.
    The evidence then shows how each source sorts its tags; the pages of a source that sorts
    them in no order are made again without order.
    """
    sources = [page.parsed.source for page in pages]
    evidence = _with_corpus_words(pages, [page.evidence for page in pages], [True] * len(pages))
    orders = site_orders(evidence, sources)
    ordered = [orders.of(source) is not None for source in sources]
    if not all(ordered):
        again = [
            page.evidence if keep else _evidence(page.parsed, _text(page.parsed), None, False)
            for page, keep in zip(pages, ordered, strict=True)
        ]
        evidence = _with_corpus_words(pages, again, ordered)
    return evidence, TagIndex.pooled(evidence, sources, orders)


def _with_corpus_words(
    pages: Sequence[LoadedPage], first_pass: Sequence[PageEvidence], ordered: Sequence[bool]
) -> list[PageEvidence]:
    """The first pass's evidence, with the pages it left unsure redone with every page's
    words; `ordered`: whether each page's source sorts its tags."""
    words: set[str] = set()
    for item in first_pass:
        words.update(whole_words(item))
    corpus_words = CorpusWords(words)
    return [
        with_words(page, corpus_words, keep) if item.unsure else item
        for page, item, keep in zip(pages, first_pass, ordered, strict=True)
    ]


def with_words(page: LoadedPage, corpus_words: CorpusWords, ordered: bool = True) -> PageEvidence:
    """A page's evidence made again with the words other pages show whole."""
    return _evidence(page.parsed, _text(page.parsed), corpus_words, ordered)


@dataclass(frozen=True, slots=True)
class Tagged:
    """A page's tags decided with the whole corpus as evidence: the evidence they were
    decided on, the tags and keywords, the questions the page asked the index, answered,
    and the decisions of its runs it used (by their number in the resolver)."""

    evidence: PageEvidence
    tags: tuple[str, ...]
    keywords: tuple[str, ...]
    answers: dict[Question, Answer]
    decisions: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class TagPass:
    """Every page tagged, the index they were tagged against, and the resolver that
    remembers how each run was decided."""

    index: TagIndex
    tagged: list[Tagged]
    resolver: TagResolver


def tag_pages(pages: Sequence[LoadedPage]) -> TagPass:
    """Decide every page's tags and keywords with the whole corpus as evidence."""
    all_evidence, index = _corpus_evidence(pages)
    resolver = TagResolver(index)
    tagged = [decide(resolver, page, item) for page, item in zip(pages, all_evidence, strict=True)]
    return TagPass(index, tagged, resolver)


def decide(resolver: TagResolver, page: LoadedPage, evidence: PageEvidence) -> Tagged:
    """One page's tags and keywords, against the resolver's index."""
    parsed = page.parsed
    text = _text(parsed)
    tags = resolver.tags(evidence, text, parsed.source)
    keywords = resolver.keywords(evidence, tags, text, parsed.source)
    return Tagged(evidence, tags, keywords, resolver.take_answers(), resolver.take_decisions())


def page_records(
    page: LoadedPage, tags: tuple[str, ...], keywords: tuple[str, ...], first: int = 0
) -> list[Record]:
    """Records for a page's own story and its related stories; `first`: the number the
    page's own record has in the list it joins, which its related records point to."""
    parsed = page.parsed
    records = [Record(parsed.story, parsed.source, tags, keywords, page.origin, own_page=True)]
    # A "read also" story is on the page but is not the page: the page's address is not its.
    elsewhere = Origin(page.origin.path, page.origin.line)
    records += [
        Record(related, None, (), (), elsewhere, own_page=False, related_of=first)
        for related in parsed.related
    ]
    return records


def corpus_records(pages: Sequence[LoadedPage], tagged: Sequence[Tagged]) -> list[Record]:
    """Records for every page's own story and its related stories, tags resolved."""
    records: list[Record] = []
    for page, decided in zip(pages, tagged, strict=True):
        records += page_records(page, decided.tags, decided.keywords, len(records))
    return records


def build(pages: Sequence[LoadedPage], known: Mapping[str, str] | None = None) -> Merged:
    """The articles of a corpus of pages: tags recovered with the whole corpus as evidence,
    stories merged, "read also" resolved (`known`: see `merge`)."""
    return merge(corpus_records(pages, tag_pages(pages).tagged), known)


def _build(pages: Sequence[LoadedPage], diagnostics: Sequence[Diagnostic], failed: int) -> Corpus:
    built = build(pages)
    articles = built.articles
    stats = LoadStats(
        pages=len(pages),
        articles=len(articles),
        merged=built.merged,
        failed=failed,
        warnings=sum(d.severity == "warning" for d in diagnostics),
    )
    return Corpus(articles, diagnostics, stats)


def _parse(raw: RawPage) -> LoadedPage | Diagnostic:
    try:
        parsed = parse_page(raw.text)
    except NotAPage as error:
        return Diagnostic(
            raw.origin.path, problems.NOT_A_PAGE.format(reason=error), raw.origin.line
        )
    return LoadedPage(raw.origin, parsed, _evidence(parsed, _text(parsed), None))


def read_pages(path: str) -> Iterator[LoadedPage | Diagnostic]:
    """Every page of one file, parsed, and every problem met reading it, in file order: a
    page's warnings follow it."""
    for item in read_file(path):
        result = _parse(item) if isinstance(item, RawPage) else item
        yield result
        if isinstance(result, LoadedPage):
            for warning in result.parsed.warnings:
                yield Diagnostic(result.origin.path, warning, result.origin.line, "warning")


def load(paths: Sequence[str | Path]) -> Corpus:
    """Load every page under `paths` into one corpus in memory (the library's reference:
    an ingest must give the same articles); problems become diagnostics, never raise."""
    files, diagnostics = discover(paths)
    return load_files(files, diagnostics)


def load_files(files: Sequence[str], diagnostics: Sequence[Diagnostic] = ()) -> Corpus:
    """Load files already found by `discover`, keeping the problems met finding them."""
    with collector_paused():
        return _load(files, list(diagnostics))


def _load(files: Sequence[str], diagnostics: list[Diagnostic]) -> Corpus:
    failed = sum(d.severity == "error" for d in diagnostics)
    pages: list[LoadedPage] = []
    # One process: spreading parsing over worker processes was measured slower here, as
    # sending parsed pages back costs about what parsing them does.
    for path in files:
        for result in read_pages(path):
            if isinstance(result, Diagnostic):
                diagnostics.append(result)
                failed += result.severity == "error"
            else:
                pages.append(result)
    return _build(pages, diagnostics, failed)
