"""What the article pane shows: the shared article blocks, with the tags numbered.

The wording and order of an article's lines come from `reader.article_lines` (shared with
`newsreader show`). The pane adds one thing: each of the first nine tags carries its
number, the digit key that follows it.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.article_lines import Block, Lookup, article_blocks, block_text
from reader.model import Article

SIMILAR_SHOWN = 5  # "more like this" entries under an article without "read also" links
Similar = Callable[[str, int], list[tuple[str, str]]]

ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def placeholder_blocks() -> list[Block]:
    """Shown before any article is open."""
    return [
        Block("meta", "لم يُفتح خبر بعد.", direction="rtl", gap_before=False),
        Block(
            "meta",
            "اختر عنوانًا من القائمة واضغط Enter لقراءته، واضغط ? لعرض المفاتيح.",
            direction="rtl",
        ),
    ]


def pane_blocks(
    article: Article, lookup: Lookup | None, similar: Similar | None = None
) -> list[Block]:
    """The article's blocks, with its most similar articles when it has no "read also"."""
    found = similar(article.id, SIMILAR_SHOWN) if similar and not article.read_also else []
    return article_blocks(article, lookup, found)


def display_texts(blocks: list[Block]) -> list[str]:
    """The logical text of each block as the pane shows it (tags 1-9 numbered)."""
    texts = []
    number = 0
    for block in blocks:
        kind = block.kind
        if kind == "paragraph":  # most blocks of a long page: their text as it is
            texts.append(block.text)
        elif kind == "tag":
            number += 1
            mark = str(number).translate(ARABIC_DIGITS) if number <= 9 else "•"
            texts.append(f"{mark} {block.text}")
        else:
            texts.append(block_text(block))
    return texts
