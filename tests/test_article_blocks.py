"""An article's blocks and the pane's line estimates, made lazily, equal the eager ones."""

from __future__ import annotations

import datetime as dt

from reader.model import Article, Origin, ReadAlso, Story
from reader.render.article_lines import ArticleBlocks, Block, article_blocks, block_text
from reader.tui.blocks import NUMBERED_TAGS, DisplayTexts
from reader.tui.lazy_lines import LazyLines

PARAGRAPHS = ("فقرة أولى قصيرة.", "", "فقرة ثانية " * 30, "ثالثة")


def article(tags: int = 3) -> Article:
    return Article(
        id="a1",
        story=Story("عنوان الخبر", dt.date(2024, 5, 1), "القاهرة", None, PARAGRAPHS),
        source="صحيفة",
        tags=tuple(f"وسم {n}" for n in range(tags)),
        keywords=(),
        read_also=(ReadAlso("خبر آخر", "a2"), ReadAlso("خبر مفقود", None)),
        read_by=("a3",),
        origins=(Origin("x.txt", None),),
    )


def test_blocks_are_the_head_the_paragraphs_and_the_tail_in_order() -> None:
    blocks = article_blocks(article())
    eager = list(blocks)
    assert [blocks[i] for i in range(len(blocks))] == eager
    assert blocks[-1] == eager[-1] and blocks[1:4] == eager[1:4]
    assert [b.text for b in eager if b.kind == "paragraph"] == list(PARAGRAPHS)
    assert [eager[i] for i in blocks.paragraph_span] == [Block("paragraph", p) for p in PARAGRAPHS]
    assert blocks.items == tuple(b for b in eager if b.target is not None)
    assert [eager[i] for i in blocks.item_blocks] == list(blocks.items)


def test_display_texts_number_the_first_tags_and_leave_paragraphs_as_they_are() -> None:
    blocks = article_blocks(article(tags=NUMBERED_TAGS + 2))
    texts = DisplayTexts(blocks)
    assert len(texts) == len(blocks) and list(texts) == [texts[i] for i in range(len(texts))]
    tags = [t for t, b in zip(texts, blocks, strict=True) if b.kind == "tag"]
    assert tags[0] == "١ وسم 0" and tags[NUMBERED_TAGS - 1].startswith("٩ ")
    assert tags[NUMBERED_TAGS].startswith("•")  # past the digit keys: a bullet
    others = [(t, b) for t, b in zip(texts, blocks, strict=True) if b.kind not in ("tag",)]
    assert all(t == block_text(b) for t, b in others)


def test_the_estimated_height_is_a_line_per_width_characters_and_a_gap_per_block() -> None:
    blocks = article_blocks(article())
    texts = DisplayTexts(blocks)
    for width in (7, 20, 80):
        expected = sum(
            (i > 0 and block.gap_before) + max(1, -(-len(text) // width))
            for i, (block, text) in enumerate(zip(blocks, texts, strict=True))
        )
        assert LazyLines(blocks, texts, width, "app").height == expected
    empty = ArticleBlocks([Block("title", "عنوان", gap_before=False)], (), ())
    assert LazyLines(empty, DisplayTexts(empty), 10, "app").height == 1


def test_laid_out_whole_the_height_is_exact_and_items_keep_their_numbers() -> None:
    blocks = article_blocks(article())
    lines = LazyLines(blocks, DisplayTexts(blocks), 12, "app")
    lines.grow_head()
    assert lines.done
    assert lines.height == lines.head_end
    shown = [lines.line(y) for y in range(lines.height)]
    items = sorted({line.item for line in shown if line and line.item is not None})
    assert items == list(range(len(blocks.items)))
    assert lines.rows_of(0).start > 0
