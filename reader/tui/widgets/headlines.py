"""The headline list: one row per article, only the visible rows are ever laid out.

A line-API ScrollView (the approach of Toolong's log view): `render_line` asks for the row
at `scroll_y + y`, the rows come from the library a window at a time (`HeadlineRows`), and
laid-out rows are kept in an LRU cache of Strips, so a list of a million articles costs the
same to scroll as a list of 20.
"""

from __future__ import annotations

from typing import ClassVar, Protocol

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.language import N_
from reader.model import Headline
from reader.tui.keys import keys
from reader.tui.text import Bidi, fit, width_of

DATE_WIDTH = 10
UNREAD_MARK = "●"  # beside an unread headline (which is also bold): not colour alone
SAVED_MARK = "★"  # beside a saved one
MARKS_WIDTH = 2  # cells at the row's start (its right end) for the two marks


class Headlines(Protocol):
    """What the list shows: headlines by row, and the row of an article (asked of the
    library, which knows it without reading the list)."""

    def __len__(self) -> int: ...

    def __getitem__(self, index: int) -> Headline: ...

    def index_of(self, article_id: str) -> int | None: ...

    def forget(self) -> None: ...


class _NoHeadlines:
    """The list before anything is loaded."""

    def __len__(self) -> int:
        return 0

    def __getitem__(self, index: int) -> Headline:
        raise IndexError(index)

    def index_of(self, article_id: str) -> int | None:
        return None

    def forget(self) -> None:
        return None


class HeadlineList(ScrollView, can_focus=True):
    """Headlines newest first, right-aligned, with date and source on the far side."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            keys("down", "j"),
            "cursor_down",
            N_("Down"),
            show=False,
            id="list.down",
            tooltip=N_("Next headline"),
        ),
        Binding(
            keys("up", "k"),
            "cursor_up",
            N_("Up"),
            show=False,
            id="list.up",
            tooltip=N_("Previous headline"),
        ),
        Binding(
            keys("pagedown", "space"),
            "page_down",
            N_("Page down"),
            show=False,
            id="list.page_down",
            tooltip=N_("A page of headlines down"),
        ),
        Binding(
            "pageup",
            "page_up",
            N_("Page up"),
            show=False,
            id="list.page_up",
            tooltip=N_("A page of headlines up"),
        ),
        Binding(
            keys("home", "g"),
            "first",
            N_("Top"),
            show=False,
            id="list.top",
            tooltip=N_("First (newest) headline"),
        ),
        Binding(
            keys("end", "G"),
            "last",
            N_("Bottom"),
            show=False,
            id="list.bottom",
            tooltip=N_("Last headline"),
        ),
        Binding(
            keys("enter"),
            "open",
            N_("Open"),
            id="list.open",
            tooltip=N_("Open the headline under the cursor"),
        ),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "headline-list--cursor",
        "headline-list--cursor-blurred",
        "headline-list--meta",
        "headline-list--opened",
        "headline-list--unread",
        "headline-list--saved",
    }

    DEFAULT_CSS = """
    HeadlineList { overflow-x: hidden; }
    """

    class Opened(Message):
        """The reader asked to read the article under the cursor."""

        def __init__(self, article: Headline) -> None:
            super().__init__()
            self.article = article

    def __init__(self, *, bidi: Bidi = "app", id: str | None = None) -> None:
        super().__init__(id=id)
        self.bidi: Bidi = bidi
        self._articles: Headlines = _NoHeadlines()
        self.cursor = 0
        self.opened_id: str | None = None
        # Keyed by article id (not row) so rows survive filtering, back and forward.
        self._styles: dict[str, Style] = {}
        self._rows: LRUCache[tuple[Headline, int, bool, bool, bool], Strip] = LRUCache(2048)

    # ----- data -------------------------------------------------------------------------
    @property
    def articles(self) -> Headlines:
        return self._articles

    @property
    def current(self) -> Headline | None:
        """The article under the cursor."""
        if 0 <= self.cursor < len(self._articles):
            return self._articles[self.cursor]
        return None

    def set_articles(self, articles: Headlines, select: str | None = None) -> None:
        """Show another list; keep the cursor on `select` (an article id) when it is there."""
        self._articles = articles
        self._rows.clear()  # the same ids may now stand for articles made again
        self.virtual_size = Size(self.scrollable_content_region.width, len(articles))
        index = self.index_of(select) if select is not None else None
        self.cursor = 0
        self.scroll_to(y=0, animate=False, immediate=True)
        self.move_to(index if index is not None else 0)
        self.refresh()

    def index_of(self, article_id: str) -> int | None:
        """Row of an article in the current list."""
        return self._articles.index_of(article_id)

    def refresh_marks(self) -> None:
        """Ask the library again for the rows' marks (they changed, here or in another
        reader); the rows on screen are fetched anew as they are painted."""
        self._articles.forget()
        self.refresh()

    def mark_opened(self, article_id: str | None) -> None:
        """Highlight the open article's row (only the two rows involved are redrawn)."""
        for changed in (self.opened_id, article_id):
            index = self.index_of(changed) if changed is not None else None
            if index is not None:
                self.refresh_line(index)
        self.opened_id = article_id

    # ----- movement ---------------------------------------------------------------------
    def move_to(self, index: int) -> None:
        """Put the cursor on row `index` (clamped) and scroll it into view."""
        if not self._articles:
            self.cursor = 0
            return
        index = max(0, min(index, len(self._articles) - 1))
        old, self.cursor = self.cursor, index
        height = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_y)
        if index < top:
            self.scroll_to(y=index, animate=False, immediate=True)
        elif index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False, immediate=True)
        self.refresh_line(old)
        self.refresh_line(index)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_page_down(self) -> None:
        self.move_to(self.cursor + self._page())

    def action_page_up(self) -> None:
        self.move_to(self.cursor - self._page())

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self._articles) - 1)

    def action_open(self) -> None:
        article = self.current
        if article is not None:
            self.post_message(self.Opened(article))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = offset.y + round(self.scroll_y)
        if 0 <= index < len(self._articles):
            self.move_to(index)
            self.action_open()

    # ----- rendering --------------------------------------------------------------------
    def on_resize(self) -> None:
        self._rows.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._articles))
        self.move_to(self.cursor)

    def on_focus(self) -> None:
        self.refresh_line(self.cursor)

    def on_blur(self) -> None:
        self.refresh_line(self.cursor)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rows.clear()
        self._styles.clear()

    def _component(self, name: str) -> Style:
        """A component class's style, remembered (computing styles walks the DOM)."""
        key = "component:" + name
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = self.get_component_rich_style(name)
        return style

    def set_bidi(self, bidi: Bidi) -> None:
        """Draw the rows again for who now orders right-to-left text."""
        self.bidi = bidi
        self._rows.clear()
        self.refresh()

    def _style(self, name: str) -> Style:
        """The widget's style plus a component class (or none for "")."""
        style = self._styles.get(name)
        if style is None:
            style = self.rich_style + (self._component(name) if name else Style())
            self._styles[name] = style
        return style

    def render_line(self, y: int) -> Strip:
        index = y + round(self.scroll_y)
        width = self.scrollable_content_region.width
        if not 0 <= index < len(self._articles):
            return Strip.blank(width, self._style(""))
        selected = index == self.cursor
        article = self._articles[index]
        key = (
            article,
            width,
            selected,
            selected and self.has_focus,
            article.id == self.opened_id,
        )
        strip = self._rows.get(key)
        if strip is None:
            strip = self._render_row(article, width, selected, key[4])
            self._rows[key] = strip
        return strip

    def _render_row(self, article: Headline, width: int, selected: bool, opened: bool) -> Strip:
        name = ""
        if selected:
            name = "headline-list--cursor" if self.has_focus else "headline-list--cursor-blurred"
        elif opened:
            name = "headline-list--opened"
        base = self._style(name)
        meta_style = base + self._component("headline-list--meta")
        title_style = base + (Style() if article.read else self._component("headline-list--unread"))
        inner = width - 2 - MARKS_WIDTH
        if inner <= 0:
            return Strip.blank(width, base)
        date = article.published.isoformat() if article.published else ""
        meta = ""
        if inner >= 28:
            meta = date
            # The headline comes first; the source only takes room the headline leaves.
            room = min(18, inner - DATE_WIDTH - 3 - width_of(article.title))
            if article.source and room >= 8:
                meta = f"{date:<{DATE_WIDTH}} {fit(article.source, room, self.bidi)}"
        meta_width = width_of(meta)
        title_width = inner - meta_width - (2 if meta else 0)
        title = fit(article.title, title_width, self.bidi)
        gap = inner - meta_width - width_of(title)
        segments = [Segment(" ", base)]
        if meta:
            segments.append(Segment(meta, meta_style))
        segments += [Segment(" " * gap, base), Segment(title, title_style), Segment(" ", base)]
        saved_style = base + self._component("headline-list--saved")
        segments += [
            Segment(SAVED_MARK if article.saved else " ", saved_style),
            Segment(" " if article.read else UNREAD_MARK, base),
        ]
        return Strip(segments).adjust_cell_length(width, self.rich_style)
