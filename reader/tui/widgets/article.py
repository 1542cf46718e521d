"""The article pane: the open article laid out to the pane's width, with followable items.

Lines are laid out once per (article, width) and drawn through the line API. Tags, "read
also" and "read by" entries are items the reader can select (one cursor moving through
them) and follow; the pane posts a message and the screen decides where that leads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.article_lines import Block, Lookup
from reader.model import Article
from reader.tui.blocks import display_texts, pane_blocks, placeholder_blocks
from reader.tui.keys import keys
from reader.tui.text import Bidi, width_of, wrap


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    style: str
    rtl: bool
    item: int | None


class ArticleView(ScrollView, can_focus=True):
    """Shows one article; scrolls by line and page; selects and follows tags and links."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            keys("down", "j"),
            "scroll_lines(1)",
            "Down",
            show=False,
            id="article.down",
            tooltip="Scroll the article a line down",
        ),
        Binding(
            keys("up", "k"),
            "scroll_lines(-1)",
            "Up",
            show=False,
            id="article.up",
            tooltip="Scroll the article a line up",
        ),
        Binding(
            keys("pagedown", "space"),
            "scroll_pages(1)",
            "Page",
            show=False,
            id="article.page_down",
            tooltip="Scroll the article a page down",
        ),
        Binding(
            "pageup",
            "scroll_pages(-1)",
            "Page up",
            show=False,
            id="article.page_up",
            tooltip="Scroll the article a page up",
        ),
        Binding(
            keys("home", "g"),
            "scroll_edge(0)",
            "Top",
            show=False,
            id="article.top",
            tooltip="Top of the article",
        ),
        Binding(
            keys("end", "G"),
            "scroll_edge(1)",
            "Bottom",
            show=False,
            id="article.bottom",
            tooltip="End of the article",
        ),
        Binding(
            keys("left"),
            "select_item(1)",
            "Next item",
            show=False,
            id="article.next_item",
            tooltip="Next tag or link (leftwards, as the text reads)",
        ),
        Binding(
            keys("right"),
            "select_item(-1)",
            "Previous item",
            show=False,
            id="article.previous_item",
            tooltip="Previous tag or link",
        ),
        Binding(
            keys("enter"),
            "follow",
            "Follow",
            id="article.follow",
            tooltip="Follow the selected tag or link",
        ),
        Binding(
            "escape",
            "deselect",
            "Deselect",
            show=False,
            id="article.deselect",
            tooltip="Leave the tags and links",
        ),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-view--title",
        "article-view--meta",
        "article-view--label",
        "article-view--tag",
        "article-view--link",
        "article-view--dead",
        "article-view--selected",
    }

    class FollowTag(Message):
        def __init__(self, tag: str) -> None:
            super().__init__()
            self.tag = tag

    class FollowArticle(Message):
        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, *, bidi: Bidi = "app", id: str | None = None) -> None:
        super().__init__(id=id)
        self.bidi: Bidi = bidi
        self.article: Article | None = None
        self._blocks: list[Block] = placeholder_blocks()
        self._lines: list[_Line] = []
        self._laid_out_width = -1
        self.selected: int | None = None

    # ----- content ----------------------------------------------------------------------
    @property
    def items(self) -> list[Block]:
        """The followable blocks, in the order the selection moves through them."""
        return [b for b in self._blocks if b.target is not None]

    def show(self, article: Article | None, lookup: Lookup | None) -> None:
        """Lay out another article (or the placeholder) and scroll to its top.

        The same story again (the corpus brought up to date under it) keeps its scroll
        position and selection, so loading never yanks the text from under the reader.
        """
        same = article is not None and self.article is not None and article.id == self.article.id
        self.article = article
        self._blocks = pane_blocks(article, lookup) if article is not None else placeholder_blocks()
        self._laid_out_width = -1
        self._layout()
        if same:
            if self.selected is not None and self.selected >= len(self.items):
                self.selected = None
        else:
            self.selected = None
            self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def _layout(self) -> None:
        width = self.scrollable_content_region.width
        if width == self._laid_out_width or width < 3:
            return  # unchanged, or hidden (narrow mode): laid out when it is shown
        self._laid_out_width = width
        lines: list[_Line] = []
        item = 0
        inner = max(1, width - 2)
        for block, text in zip(self._blocks, display_texts(self._blocks), strict=True):
            index: int | None = None
            if block.target is not None:
                index, item = item, item + 1
            if block.gap_before and lines:
                lines.append(_Line("", "paragraph", True, None))
            texts, rtl = wrap(text, inner, self.bidi, block.direction)
            lines += [_Line(text, block.kind, rtl, index) for text in texts]
        self._lines = lines
        self.virtual_size = Size(width, len(lines))

    def on_resize(self) -> None:
        self._layout()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + round(self.scroll_y)
        if not 0 <= index < len(self._lines):
            return Strip.blank(width, self.rich_style)
        line = self._lines[index]
        style = self.rich_style
        if line.style != "paragraph":
            style = style + self.get_component_rich_style(f"article-view--{line.style}")
        if line.item is not None and line.item == self.selected:
            style = style + self.get_component_rich_style("article-view--selected")
        pad = max(0, width - 2 - width_of(line.text))
        if line.rtl:
            segments = [Segment(" " * (pad + 1), self.rich_style), Segment(line.text, style)]
        else:
            segments = [Segment(" ", self.rich_style), Segment(line.text, style)]
        segments.append(
            Segment(" " * (width - sum(s.cell_length for s in segments)), self.rich_style)
        )
        return Strip(segments).adjust_cell_length(width, self.rich_style)

    # ----- scrolling --------------------------------------------------------------------
    def action_scroll_lines(self, lines: int) -> None:
        self.scroll_to(y=self.scroll_y + lines, animate=False, immediate=True)

    def action_scroll_pages(self, pages: int) -> None:
        page = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y + pages * page, animate=False, immediate=True)

    def action_scroll_edge(self, bottom: int) -> None:
        self.scroll_to(y=self.max_scroll_y if bottom else 0, animate=False, immediate=True)

    # ----- items ------------------------------------------------------------------------
    def select(self, index: int | None) -> None:
        """Select item `index` (None clears) and bring its first line into view."""
        count = len(self.items)
        previous = self.selected
        self.selected = None if index is None or count == 0 else index % count
        if self.selected is not None:
            rows = [i for i, line in enumerate(self._lines) if line.item == self.selected]
            if rows:
                top, height = round(self.scroll_y), self.scrollable_content_region.height
                if rows[0] < top or rows[-1] >= top + height:
                    self.scroll_to(y=max(0, rows[0] - height // 2), animate=False, immediate=True)
        self.refresh()
        if (self.selected is None) != (previous is None):
            self.refresh_bindings()

    def select_kind(self, kind: str) -> bool:
        """Move the selection to the next item of a kind ("tag" or "article"); False if none."""
        items = self.items
        candidates = [i for i, b in enumerate(items) if b.target and b.target[0] == kind]
        if not candidates:
            return False
        after = [i for i in candidates if self.selected is None or i > self.selected]
        self.select((after or candidates)[0])
        return True

    def action_select_item(self, step: int) -> None:
        if not self.items:
            return
        self.select(0 if self.selected is None else self.selected + step)

    def action_deselect(self) -> None:
        self.select(None)

    def follow(self, index: int) -> bool:
        """Follow item `index`; False when there is no such item."""
        items = self.items
        if not 0 <= index < len(items):
            return False
        kind, value = items[index].target or ("", "")
        if kind == "tag":
            self.post_message(self.FollowTag(value))
        elif kind == "article":
            self.post_message(self.FollowArticle(value))
        return True

    def follow_tag_number(self, number: int) -> bool:
        """Follow the article's tag numbered `number` (1-based, as shown)."""
        tags = [i for i, b in enumerate(self.items) if b.target and b.target[0] == "tag"]
        if not 1 <= number <= len(tags):
            return False
        return self.follow(tags[number - 1])

    def action_follow(self) -> None:
        if self.selected is not None:
            self.follow(self.selected)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("follow", "deselect"):
            return self.selected is not None
        return True

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = offset.y + round(self.scroll_y)
        if 0 <= index < len(self._lines) and self._lines[index].item is not None:
            self.select(self._lines[index].item)
            self.action_follow()
