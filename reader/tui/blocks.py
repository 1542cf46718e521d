"""What the article pane shows, as blocks of logical text with a style and an optional target.

The wording and order of an article's lines come from `reader.article_lines` (shared with
`newsreader show`); this module only marks which blocks the reader can follow (tags,
resolved "read also" and "read by" entries) and numbers the tags for the digit keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from reader.corpus import Corpus
from reader.model import Article

Target = tuple[Literal["tag", "article"], str]
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph of logical text; `target` makes it a followable item."""

    text: str
    style: str = ""
    target: Target | None = None
    direction: Literal["rtl", "ltr"] | None = None
    gap_before: bool = True


def placeholder_blocks() -> list[Block]:
    return [
        Block("لم يُفتح خبر بعد.", "hint", direction="rtl"),
        Block("اختر عنوانًا من القائمة واضغط Enter لقراءته، و? للمساعدة.", "hint", direction="rtl"),
    ]


def article_blocks(article: Article, corpus: Corpus | None) -> list[Block]:
    """The article's blocks: title, facts, paragraphs, then the followable sections."""
    blocks = [Block(article.title, "title", gap_before=False)]
    facts = []
    if article.published:
        facts.append(article.published.isoformat())
    if article.source:
        facts.append(f"المصدر: {article.source}")
    if article.place or article.agency:
        where = article.place or ""
        if article.agency:
            where = f"{where} ({article.agency})".strip()
        facts.append(where)
    if facts:
        blocks.append(Block(" · ".join(facts), "meta", direction="rtl", gap_before=False))
    blocks += [Block(p) for p in article.paragraphs]
    if article.tags:
        blocks.append(Block("الوسوم:", "label", direction="rtl"))
        for number, tag in enumerate(article.tags, 1):
            label = str(number).translate(ARABIC_DIGITS) if number <= 9 else "•"
            blocks.append(Block(f"{label} {tag}", "item", ("tag", tag), "rtl", gap_before=False))
    if article.read_also:
        blocks.append(Block("اقرأ أيضًا:", "label", direction="rtl"))
        for ref in article.read_also:
            target: Target | None = ("article", ref.id) if ref.id else None
            blocks.append(
                Block(f"◂ {ref.title}", "item" if target else "dead", target, "rtl", False)
            )
    if article.read_by:
        blocks.append(Block("قرأه أيضًا من:", "label", direction="rtl"))
        for ref_id in article.read_by:
            other = corpus.get(ref_id) if corpus is not None else None
            title = other.title if other is not None else ref_id
            blocks.append(Block(f"◂ {title}", "item", ("article", ref_id), "rtl", False))
    return blocks
