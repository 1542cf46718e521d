"""The article pane: the open article laid out to the pane's width, with followable items.

Lines are laid out per (article, width) as they are needed (`LazyLines`): what is on screen
and a margin ahead at once, the rest in short slices between keys, so a page of any length
opens at once and the reader stays live while it is laid out. Lines are drawn through the
line API. Tags, "read also" and "read by" entries are items the reader can select (one
cursor moving through them) and follow; the pane posts a message and the screen decides
where that leads.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from reader.collector import collector_paused
from reader.language import N_
from reader.layout.marks import mark_cells
from reader.model import Article
from reader.render.article_lines import ArticleBlocks, Block, Lookup
from reader.settings.config import Settings
from reader.text.snippet import Terms, marks
from reader.tui.blocks import DisplayTexts, pane_blocks, placeholder_blocks
from reader.tui.keys import keys
from reader.tui.lazy_lines import LazyLines, PaneLine
from reader.tui.text import Bidi, match_forms, width_of
from reader.tui.widgets.strips import marked_strip

AHEAD_PAGES = 2  # laid out beyond the view, so the next page down is there when asked for
REACH_PAGES = 4  # the most laid out at once for a move: a farther jump waits for the slices
LAYOUT_SLICE = 0.02  # seconds of layout between two looks at the keys: well under a frame
LAYOUT_PAUSE = 0.001  # seconds between slices, handing the event loop to keys and paints
# The spellings of the matched words are gathered from this much of the article's text:
# a word's forms recur, and reading all of a 4 MB page would hold the keys for a second.
MARK_SCAN_CHARS = 200_000
_MARKED_KINDS = frozenset({"title", "paragraph"})  # what a search matched: the text itself


class ArticleView(ScrollView, can_focus=True):
    """Shows one article; scrolls by line and page; selects and follows tags and links."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            keys("down", "j"),
            "scroll_lines(1)",
            N_("Down"),
            show=False,
            id="article.down",
            tooltip=N_("Scroll the article a line down"),
        ),
        Binding(
            keys("up", "k"),
            "scroll_lines(-1)",
            N_("Up"),
            show=False,
            id="article.up",
            tooltip=N_("Scroll the article a line up"),
        ),
        Binding(
            keys("pagedown", "space"),
            "scroll_pages(1)",
            N_("Page"),
            show=False,
            id="article.page_down",
            tooltip=N_("Scroll the article a page down"),
        ),
        Binding(
            "pageup",
            "scroll_pages(-1)",
            N_("Page up"),
            show=False,
            id="article.page_up",
            tooltip=N_("Scroll the article a page up"),
        ),
        Binding(
            keys("home", "g"),
            "scroll_edge(0)",
            N_("Top"),
            show=False,
            id="article.top",
            tooltip=N_("Top of the article"),
        ),
        Binding(
            keys("end", "G"),
            "scroll_edge(1)",
            N_("Bottom"),
            show=False,
            id="article.bottom",
            tooltip=N_("End of the article"),
        ),
        Binding(
            keys("left"),
            "select_item(1)",
            N_("Next item"),
            show=False,
            id="article.next_item",
            tooltip=N_("Next tag or link (leftwards, as the text reads)"),
        ),
        Binding(
            keys("right"),
            "select_item(-1)",
            N_("Previous item"),
            show=False,
            id="article.previous_item",
            tooltip=N_("Previous tag or link"),
        ),
        Binding(
            keys("enter"),
            "follow",
            N_("Follow"),
            id="article.follow",
            tooltip=N_("Follow the selected tag or link"),
        ),
        Binding(
            "escape",
            "deselect",
            N_("Deselect"),
            show=False,
            id="article.deselect",
            tooltip=N_("Leave the tags and links"),
        ),
        Binding(
            keys("n"),
            "next_match(1)",
            N_("Next match"),
            show=False,
            id="article.next_match",
            tooltip=N_("Next line with a searched word (after a full-text search)"),
        ),
        Binding(
            keys("N"),
            "next_match(-1)",
            N_("Previous match"),
            show=False,
            id="article.previous_match",
            tooltip=N_("Previous line with a searched word"),
        ),
        Binding(
            "escape",
            "clear_marks",
            N_("Clear marks"),
            show=False,
            id="article.clear_marks",
            tooltip=N_("Stop marking the searched words"),
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
        "article-view--match",
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
        self._blocks: ArticleBlocks = placeholder_blocks()
        self._texts = DisplayTexts(self._blocks)
        self._laid_out_width = -1
        self._slices: Timer | None = None
        self.laid_out: LazyLines | None = None  # None while hidden (narrow mode)
        self.selected: int | None = None
        self._wanted_y: int | None = None  # a line to scroll to once the pane is laid out
        self.marked: Terms | None = None  # the terms of the search that opened the article
        self.similar: tuple[tuple[str, str], ...] = ()  # the articles listed as like it
        self._forms: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())  # rtl, ltr lines
        self._match_row: int | None = None

    # ----- content ----------------------------------------------------------------------
    @property
    def items(self) -> Sequence[Block]:
        """The followable blocks, in the order the selection moves through them."""
        return self._blocks.items

    @property
    def laying_out(self) -> bool:
        """True while some of the article is not laid out yet."""
        return self.laid_out is not None and not self.laid_out.done

    def show(
        self,
        article: Article | None,
        lookup: Lookup | None,
        similar: Sequence[tuple[str, str]] = (),
    ) -> None:
        """Lay out another article (or the placeholder) and scroll to its top.

        The same story again (the corpus brought up to date under it, or its similar
        articles found) keeps its scroll position, selection and marks, so loading never
        yanks the text from under the reader. `similar`: the articles (id, title) listed
        under one without "read also" links.
        """
        same = article is not None and self.article is not None and article.id == self.article.id
        with collector_paused():  # a long page is tens of thousands of blocks
            settings = getattr(self.app, "settings", None)  # the app's, when it has any
            hijri = settings.hijri if isinstance(settings, Settings) else True
            # Made before anything changes: the look-ups ask the library, and one that does
            # not answer leaves the pane as it was.
            blocks = (
                pane_blocks(article, lookup, hijri, similar) if article else placeholder_blocks()
            )
        self.article = article
        self.similar = tuple(similar)
        if not same and self.marked is not None:
            self.mark(None)
        with collector_paused():
            self._blocks = blocks
            self._texts = DisplayTexts(self._blocks)
            self._laid_out_width = -1
        if same:
            if self.selected is not None and self.selected >= len(self.items):
                self.selected = None
        else:
            self.selected = None
            self._wanted_y = None
            self.scroll_to(y=0, animate=False, immediate=True)
        with collector_paused():
            self._layout()
        self.refresh()

    def _layout(self) -> None:
        """Start laying out for the pane's width: the view now, the rest in slices."""
        width = self.scrollable_content_region.width
        if width == self._laid_out_width or width < 3:
            return  # unchanged, or hidden (narrow mode): laid out when it is shown
        self._laid_out_width = width
        if self._slices is not None:
            self._slices.stop()
        self.laid_out = LazyLines(self._blocks, self._texts, width - 2, self.bidi)
        self.virtual_size = Size(width, self.laid_out.height)
        if self._wanted_y is not None:
            self.scroll_to(y=self._wanted_y, animate=False, immediate=True, force=True)
            self._wanted_y = None
        self._lay_out_view()
        self._slices = self.set_timer(LAYOUT_PAUSE, self._lay_out_slice)

    def _lay_out_slice(self) -> None:
        """Lay out from the top for one slice of time, then give the keys their turn."""
        lines = self.laid_out
        if lines is None or lines.done:
            return
        head_end, height = lines.head_end, lines.height
        top = round(self.scroll_y)
        lines.grow_head(deadline=time.perf_counter() + LAYOUT_SLICE)
        self._grown(height, keep_end=top >= head_end)
        if top + self.scrollable_content_region.height > head_end:
            self.refresh()
        if not lines.done:
            self._slices = self.set_timer(LAYOUT_PAUSE, self._lay_out_slice)

    def _grown(self, height: int, keep_end: bool) -> None:
        """Take in lines laid out since the pane was `height` lines: the scroll range follows,
        and with `keep_end` the view keeps its lines (they moved by what the estimate missed)."""
        if self.laid_out is None:
            return
        self.virtual_size = Size(self._laid_out_width, self.laid_out.height)
        moved = self.laid_out.height - height
        if keep_end and moved:
            self.scroll_to(y=self.scroll_y + moved, animate=False, immediate=True)

    def _lay_out_view(self) -> None:
        """Lay out the view and a margin now, from whichever laid-out end is nearer, when
        that is within reach; a farther view is filled in by the slices."""
        lines = self.laid_out
        if lines is None or lines.done:
            return
        page = max(1, self.scrollable_content_region.height)
        top, ahead, reach = round(self.scroll_y), page * AHEAD_PAGES, page * REACH_PAGES
        height = lines.height
        from_end = height - top
        below_head = top + page - lines.head_end
        above_tail = from_end - lines.tail_lines
        if top > lines.head_end and above_tail < below_head:
            if above_tail <= reach:
                lines.grow_tail(from_end + ahead)
                self._grown(height, keep_end=True)
        elif below_head <= reach:
            lines.grow_head(top + page + ahead)
            self._grown(height, keep_end=False)
        self.refresh()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self.laying_out:
            self.call_later(self._lay_out_view)  # scrolled by the mouse or the scroll bar

    def on_resize(self) -> None:
        self._layout()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.laid_out.line(y + round(self.scroll_y)) if self.laid_out else None
        if line is None:
            return Strip.blank(width, self.rich_style)
        style = self.rich_style
        if line.style != "paragraph":
            style = style + self.get_component_rich_style(f"article-view--{line.style}")
        if line.item is not None and line.item == self.selected:
            style = style + self.get_component_rich_style("article-view--selected")
        marks = self._line_marks(line)
        if marks:
            mark = self.get_component_rich_style("article-view--match")
            return marked_strip(line.text, marks, width, line.rtl, style, mark, self.rich_style)
        pad = max(0, width - 2 - width_of(line.text))
        if line.rtl:
            segments = [Segment(" " * (pad + 1), self.rich_style), Segment(line.text, style)]
        else:
            segments = [Segment(" ", self.rich_style), Segment(line.text, style)]
        segments.append(
            Segment(" " * (width - sum(s.cell_length for s in segments)), self.rich_style)
        )
        return Strip(segments).adjust_cell_length(width, self.rich_style)

    def set_bidi(self, bidi: Bidi) -> None:
        """Lay the article out again for who now orders right-to-left text."""
        self.bidi = bidi
        self._laid_out_width = -1
        self.mark(self.marked)
        self._layout()
        self.refresh()

    # ----- marks of a search ------------------------------------------------------------
    def mark(self, terms: Terms | None) -> None:
        """Mark the words of the headline and paragraphs that match `terms` (None: none)."""
        self.marked = terms if terms else None
        self._match_row = None
        words: set[str] = set()
        if self.marked is not None:
            read = 0
            for block, text in zip(self._blocks, self._texts, strict=True):
                if read >= MARK_SCAN_CHARS:
                    break
                if block.kind in _MARKED_KINDS:
                    words.update(text[a:b] for a, b in marks(text, self.marked))
                    read += len(text)
        self._forms = match_forms(words, self.bidi) if words else ((), ())
        self.refresh()
        self.refresh_bindings()

    def _line_marks(self, line: PaneLine | None) -> tuple[tuple[int, int], ...]:
        if line is None or self.marked is None or line.style not in _MARKED_KINDS:
            return ()
        return mark_cells(line.text, self._forms[0] if line.rtl else self._forms[1])

    def action_next_match(self, step: int) -> None:
        """Scroll to the next (or previous) line holding a marked word, round the end."""
        lines = self.laid_out
        if lines is None:
            return
        height = lines.height
        lines.grow_head()  # a match can be anywhere: lay the article out whole
        self._grown(height, keep_end=False)
        rows = [y for y in range(lines.height) if self._line_marks(lines.line(y))]
        if not rows:
            self.app.bell()
            return
        here = self._match_row if self._match_row is not None else round(self.scroll_y) - 1
        ahead = [r for r in rows if r > here] if step > 0 else [r for r in rows if r < here]
        if ahead:
            self._match_row = ahead[0] if step > 0 else ahead[-1]
        else:  # round the end
            self._match_row = rows[0] if step > 0 else rows[-1]
        top = max(0, self._match_row - self.scrollable_content_region.height // 3)
        self.scroll_to(y=top, animate=False, immediate=True)
        self.refresh()

    def action_clear_marks(self) -> None:
        self.mark(None)

    # ----- scrolling --------------------------------------------------------------------
    def scroll_to_line(self, y: int) -> None:
        """Scroll to line `y` of the article shown, now if the pane is laid out, else as
        soon as it is (a reader coming back to where it left off)."""
        if self.laid_out is None or self._laid_out_width < 3:
            self._wanted_y = y
            return
        # Forced: until the next layout the pane does not know it has a scroll bar yet.
        self.scroll_to(y=y, animate=False, immediate=True, force=True)
        self._lay_out_view()

    def action_scroll_lines(self, lines: int) -> None:
        self.scroll_to(y=self.scroll_y + lines, animate=False, immediate=True)
        self._lay_out_view()

    def action_scroll_pages(self, pages: int) -> None:
        page = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y + pages * page, animate=False, immediate=True)
        self._lay_out_view()

    def action_scroll_edge(self, bottom: int) -> None:
        """Top or bottom; the bottom is laid out from the end, so it is the real end at once."""
        self.scroll_to(y=self.max_scroll_y if bottom else 0, animate=False, immediate=True)
        self._lay_out_view()

    # ----- items ------------------------------------------------------------------------
    def select(self, index: int | None) -> None:
        """Select item `index` (None clears) and bring its first line into view."""
        count = len(self.items)
        previous = self.selected
        self.selected = None if index is None or count == 0 else index % count
        if self.selected is not None and self.laid_out is not None:
            height, top = self.laid_out.height, round(self.scroll_y)
            keep_end = top >= self.laid_out.head_end
            rows = self.laid_out.rows_of(self.selected)  # items lie at the end: laid out from there
            self._grown(height, keep_end)
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
        if action == "next_match":  # else n falls through to the screen's own key
            return self.marked is not None
        if action == "clear_marks":
            return self.marked is not None and self.selected is None
        return True

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        line = self.laid_out.line(offset.y + round(self.scroll_y)) if self.laid_out else None
        if line is not None and line.item is not None:
            self.select(line.item)
            self.action_follow()
