"""An article → the lines the reader shows: the one wording shared by the TUI and `show`.

`article_blocks` decides what is shown and in which order (logical text, one block per
title, fact line, paragraph, label or item); `render_lines` lays the blocks out for a
width, one block at a time, so a page of any length starts printing at once. The title and
each paragraph are blocks of their own with nothing added to them, so what a person reads
is the article's text; labels and metadata are separate blocks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Literal, NamedTuple, overload

from reader.language import N_, _, right_to_left
from reader.layout import Direction, layout_paragraph, logical_lines
from reader.model import Article
from reader.render import dates

Kind = Literal["title", "meta", "paragraph", "label", "tag", "link", "dead"]
Target = tuple[Literal["tag", "article"], str]
Lookup = Callable[[str], Article | None]

# The labels are the interface's words, in its language and its direction; the article's
# own text keeps the direction it reads in.
TAGS_LABEL = N_("Tags:")
READ_ALSO_LABEL = N_("Read also:")
READ_BY_LABEL = N_("Articles that point here:")
SIMILAR_LABEL = N_("Similar articles:")
SOURCE_LABEL = N_("Source:")
ITEM_MARK = "• "
ITEM_KINDS = frozenset({"tag", "link", "dead"})


class Block(NamedTuple):
    """A piece of logical text of one kind; `target` is where following it leads.

    A named tuple rather than a frozen dataclass: a long page is tens of thousands of
    blocks, made whenever it is opened, and a tuple is made in a third of the time.
    """

    kind: Kind
    text: str
    target: Target | None = None
    direction: Direction | None = None
    gap_before: bool = True


class ArticleBlocks(Sequence[Block]):
    """An article's blocks: the few at either end made at once, each paragraph's on request.

    A long page is tens of thousands of paragraphs, and a pane opening it shows a screenful:
    making a block for each would cost more than the first paint may take. The followable
    items (tags and links) are all among the end blocks, so they are known at once.
    """

    __slots__ = ("_after", "_head", "_tail", "item_blocks", "items", "paragraphs")

    def __init__(self, head: Sequence[Block], paragraphs: Sequence[str], tail: Sequence[Block]):
        self._head = tuple(head)
        self.paragraphs = paragraphs
        self._tail = tuple(tail)
        self._after = len(self._head) + len(paragraphs)  # the index of the first tail block
        ends = chain(enumerate(self._head), enumerate(self._tail, self._after))
        followable = [(index, block) for index, block in ends if block.target is not None]
        self.item_blocks: tuple[int, ...] = tuple(index for index, _ in followable)
        self.items: tuple[Block, ...] = tuple(block for _, block in followable)

    @property
    def paragraph_span(self) -> range:
        """The indices of the paragraph blocks."""
        return range(len(self._head), self._after)

    def __len__(self) -> int:
        return self._after + len(self._tail)

    @overload
    def __getitem__(self, index: int) -> Block: ...
    @overload
    def __getitem__(self, index: slice) -> list[Block]: ...
    def __getitem__(self, index: int | slice) -> Block | list[Block]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if 0 <= index < len(self._head):
            return self._head[index]
        if len(self._head) <= index < self._after:
            return Block("paragraph", self.paragraphs[index - len(self._head)])
        if self._after <= index < len(self):
            return self._tail[index - self._after]
        raise IndexError(index)

    def __iter__(self) -> Iterator[Block]:
        paragraphs = (Block("paragraph", text) for text in self.paragraphs)
        return chain(self._head, paragraphs, self._tail)


@dataclass(frozen=True, slots=True)
class Line:
    """One screen line: visual (or, on request, logical) text, and the block it came from."""

    kind: Kind
    text: str
    rtl: bool
    block: int | None  # index into the blocks; None for the blank line between blocks


def _interface() -> Direction:
    return "rtl" if right_to_left() else "ltr"


def _label(label: str) -> Block:
    return Block("label", _(label), direction=_interface())


def _facts(article: Article, hijri: bool) -> list[Block]:
    facts = []
    published = []
    if article.published is not None:
        # The date leads the line: after Arabic letters, UAX #9 turns its digits into Arabic
        # numbers and shows 2024-05-23 as 23-05-2024; at the start of the line it stays whole.
        published.append(dates.gregorian(article.published))
        other = dates.hijri(article.published) if hijri else None
        if other is not None:
            published.append(other)
    if article.source:
        published.append(f"{_(SOURCE_LABEL)} {article.source}")
    if published:
        line = " · ".join(published)
        facts.append(Block("meta", line, direction=_interface(), gap_before=False))
    if article.place or article.agency:
        dateline = article.place or ""
        if article.agency:
            dateline = f"{dateline} ({article.agency})".strip()
        facts.append(Block("meta", dateline, direction="rtl", gap_before=False))
    return facts


def article_blocks(
    article: Article,
    lookup: Lookup | None = None,
    similar: Sequence[tuple[str, str]] = (),
    *,
    hijri: bool = True,
) -> ArticleBlocks:
    """Title, facts, paragraphs, then tags, "read also" and "read by" under their labels,
    and, for an article without "read also" links, the `similar` ones (id, title) found by
    the full-text index.

    `lookup` (e.g. `corpus.get`) names the articles that point to this one; without it
    their ids are shown. With `hijri`, the Hijri date follows the Gregorian one.
    """
    head = [Block("title", article.title, gap_before=False), *_facts(article, hijri)]
    blocks: list[Block] = []
    if article.tags:
        blocks.append(_label(TAGS_LABEL))
        blocks += [
            Block("tag", tag, ("tag", tag), direction="rtl", gap_before=False)
            for tag in article.tags
        ]
    if article.read_also:
        blocks.append(_label(READ_ALSO_LABEL))
        for ref in article.read_also:
            if ref.id is None:
                blocks.append(Block("dead", ref.title, direction="rtl", gap_before=False))
            else:
                target: Target = ("article", ref.id)
                blocks.append(Block("link", ref.title, target, "rtl", gap_before=False))
    if article.read_by:
        blocks.append(_label(READ_BY_LABEL))
        for ref_id in article.read_by:
            other = lookup(ref_id) if lookup is not None else None
            title = other.title if other is not None else ref_id
            blocks.append(Block("link", title, ("article", ref_id), "rtl", gap_before=False))
    if similar and not article.read_also:
        blocks.append(_label(SIMILAR_LABEL))
        blocks += [
            Block("link", title, ("article", ident), "rtl", gap_before=False)
            for ident, title in similar
        ]
    return ArticleBlocks(head, article.paragraphs, blocks)


def block_text(block: Block) -> str:
    """The text laid out for a block: items get a bullet, in logical order (so at the start)."""
    return ITEM_MARK + block.text if block.kind in ITEM_KINDS else block.text


def render_lines(blocks: Sequence[Block], width: int, logical: bool = False) -> Iterator[Line]:
    """The blocks laid out for `width` cells, a blank line before each block that asks for one.

    Lines come as each block is laid out: a caller printing them holds one block's lines,
    not the article's. Visual lines are unpadded: right-to-left ones are meant to be aligned
    to the right (see `Paragraph.aligned`). With `logical`, lines keep logical order and are
    unshaped, for terminals that do their own bidi.
    """
    for index, block in enumerate(blocks):
        if block.gap_before and index > 0:
            yield Line("paragraph", "", False, None)
        text = block_text(block)
        paragraph = layout_paragraph(text, width, block.direction)
        texts = logical_lines(text, width) if logical else paragraph.lines
        for line in texts:
            yield Line(block.kind, line, paragraph.rtl, index)
