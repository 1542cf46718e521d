"""What the article pane shows: the shared article blocks, with the tags numbered.

The wording and order of an article's lines come from `reader.render.article_lines` (shared with
`newsreader show`). The pane adds one thing: each of the first nine tags carries its
number, the digit key that follows it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import chain
from typing import overload

from reader.language import _, right_to_left
from reader.layout import Direction
from reader.model import Article
from reader.render.article_lines import ArticleBlocks, Block, Lookup, article_blocks, block_text

SIMILAR_SHOWN = 5  # "more like this" entries under an article without "read also" links

ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
NUMBERED_TAGS = 9  # the tags the digit keys follow


def placeholder_blocks() -> ArticleBlocks:
    """Shown before any article is open, in the interface's language."""
    direction: Direction = "rtl" if right_to_left() else "ltr"
    return ArticleBlocks(
        [
            Block("meta", _("No article is open yet."), direction=direction, gap_before=False),
            Block(
                "meta",
                _("Choose a headline in the list and press Enter to read it; ? lists the keys."),
                direction=direction,
            ),
        ],
        (),
        (),
    )


def pane_blocks(
    article: Article, lookup: Lookup | None, hijri: bool, similar: Sequence[tuple[str, str]] = ()
) -> ArticleBlocks:
    """The article's blocks, with the `similar` articles (id, title) found for it when it
    has no "read also"."""
    return article_blocks(article, lookup, similar[:SIMILAR_SHOWN], hijri=hijri)


class DisplayTexts(Sequence[str]):
    """The logical text of each block as the pane shows it (tags 1-9 numbered).

    A paragraph's text is shown as it is, so the paragraphs are not copied: a long page
    opens without a pass over its tens of thousands of paragraphs.
    """

    __slots__ = ("_blocks", "_ends")

    def __init__(self, blocks: ArticleBlocks) -> None:
        self._blocks = blocks
        self._ends: dict[int, str] = {}
        number = 0
        span = blocks.paragraph_span
        for index in chain(range(span.start), range(span.stop, len(blocks))):
            block = blocks[index]
            if block.kind == "tag":
                number += 1
                mark = str(number).translate(ARABIC_DIGITS) if number <= NUMBERED_TAGS else "•"
                self._ends[index] = f"{mark} {block.text}"
            else:
                self._ends[index] = block_text(block)

    def __len__(self) -> int:
        return len(self._blocks)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        span = self._blocks.paragraph_span
        if index in span:
            return self._blocks.paragraphs[index - span.start]
        if 0 <= index < len(self):
            return self._ends[index]
        raise IndexError(index)

    def __iter__(self) -> Iterator[str]:
        span = self._blocks.paragraph_span
        head = (self._ends[i] for i in range(span.start))
        tail = (self._ends[i] for i in range(span.stop, len(self)))
        return chain(head, self._blocks.paragraphs, tail)
