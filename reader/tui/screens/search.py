"""Search by tag: an RTL field, and the matching tags (best first, with counts) as one types."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.language import N_, _
from reader.library.reading import CorpusView
from reader.render.counts import MATCHING_TAGS, counted
from reader.tui.outage import asks_library
from reader.tui.text import Bidi, fit
from reader.tui.widgets.keysbar import KeysBar
from reader.tui.widgets.rtl_input import RtlInput
from reader.tui.widgets.status import StatusBar
from reader.tui.widgets.strips import two_ends

_LISTED = 50  # tags shown before anything is typed: the most used


class TagResults(ScrollView):
    """The matching tags, one a row: the tag on the right, on the left its unread and all
    its articles (`3/5`)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"tag-results--cursor", "tag-results--count"}

    def __init__(self, *, bidi: Bidi = "app", id: str | None = None) -> None:
        super().__init__(id=id)
        self.bidi: Bidi = bidi
        self.matches: list[tuple[str, int, int]] = []
        self.cursor = 0

    def set_matches(self, matches: list[tuple[str, int, int]]) -> None:
        """Show tags, each with its count of articles and of unread ones."""
        self.matches = matches
        self.cursor = 0
        self.virtual_size = Size(self.scrollable_content_region.width, len(matches))
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    @property
    def current(self) -> str | None:
        return self.matches[self.cursor][0] if self.matches else None

    def move(self, step: int) -> None:
        if not self.matches:
            return
        self.cursor = max(0, min(self.cursor + step, len(self.matches) - 1))
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + round(self.scroll_y)
        base = self.rich_style
        if not 0 <= index < len(self.matches):
            return Strip.blank(width, base)
        if index == self.cursor:
            base = base + self.get_component_rich_style("tag-results--cursor")
        tag, count, unread = self.matches[index]
        number = f"{unread}/{count}"
        text = fit(tag, max(1, width - len(number) - 4), self.bidi, "rtl")
        count_style = base + self.get_component_rich_style("tag-results--count")
        return two_ends(
            Segment(number, count_style), Segment(text, base), width, base, self.rich_style
        )


class SearchScreen(ModalScreen[str | None]):
    """Type part of a tag (any spelling variant); Enter filters the list by the best match."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "cancel",
            N_("Cancel"),
            id="search.cancel",
            tooltip=N_("Close the search, keep the list as it was"),
        ),
        Binding(
            "down",
            "move(1)",
            N_("Next"),
            show=False,
            id="search.down",
            tooltip=N_("Next matching tag"),
        ),
        Binding(
            "up",
            "move(-1)",
            N_("Previous"),
            show=False,
            id="search.up",
            tooltip=N_("Previous matching tag"),
        ),
        Binding(
            "pagedown",
            "move(10)",
            N_("Page"),
            show=False,
            id="search.page_down",
            tooltip=N_("Ten matches down"),
        ),
        Binding(
            "pageup",
            "move(-10)",
            N_("Page up"),
            show=False,
            id="search.page_up",
            tooltip=N_("Ten matches up"),
        ),
    ]

    def __init__(self, corpus: CorpusView, *, bidi: Bidi = "app") -> None:
        super().__init__()
        self.corpus = corpus
        self.bidi: Bidi = bidi
        self._read = corpus.read_by_tag()  # asked once: marks do not change while typing

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield StatusBar(bidi=self.bidi, id="search-title")
            yield RtlInput(_("Search for a tag…"), bidi=self.bidi, id="search-input")
            yield TagResults(bidi=self.bidi, id="search-results")
        yield KeysBar()

    def on_mount(self) -> None:
        self.query_one(RtlInput).focus()
        self._update("")

    @asks_library
    def _update(self, query: str) -> None:
        if query.strip():
            found = [(m.tag, m.count) for m in self.corpus.search_tags(query)]
        else:
            found = self.corpus.tag_counts(_LISTED)
        matches = [(tag, count, max(0, count - self._read.get(tag, 0))) for tag, count in found]
        self.query_one(TagResults).set_matches(matches)
        if not query.strip():
            title = _("The most used tags")
        elif matches:
            title = counted(len(matches), MATCHING_TAGS)
        else:
            title = _("No tag matches")
        self.query_one(StatusBar).set(title, _("unread/all  Enter: choose  Esc: cancel"))

    @on(RtlInput.Changed)
    def _changed(self, message: RtlInput.Changed) -> None:
        self._update(message.value)

    @on(RtlInput.Submitted)
    def _submitted(self) -> None:
        tag = self.query_one(TagResults).current
        if tag is None:
            self.app.bell()
            return
        self.dismiss(tag)

    def action_move(self, step: int) -> None:
        self.query_one(TagResults).move(step)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def library_refused(self) -> None:
        """Typed while the library does not answer: the tags listed stay (the main screen
        says why, and tries it again)."""
        self.app.bell()
