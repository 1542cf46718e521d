"""Full-text search: one RTL field, and the matching articles (headline, date, source and
the best passage, matched words marked) as one types.

The query runs in a thread worker on a connection of its own, a moment after the last
key (`DEBOUNCE`), so typing never waits for the library; a result that arrives for text
no longer in the field is dropped. Enter opens the chosen article, with the query's terms
for the article pane to mark. The query language (`reader.text.query`) includes `tag:…`, so
tag search is reachable from here too; `s` still opens the tag list of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer

from reader.language import N_, _
from reader.library.search import Results
from reader.problems import worded
from reader.render.counts import NEWS, counted
from reader.text.snippet import Terms
from reader.tui.text import Bidi
from reader.tui.widgets.found import FoundList
from reader.tui.widgets.keysbar import KeysBar
from reader.tui.widgets.rtl_input import RtlInput
from reader.tui.widgets.status import StatusBar

DEBOUNCE = 0.15  # seconds after the last key before the query runs: a word typed, not a letter
PAGE = 50  # hits the list holds

HINT = N_('words, "a phrase", -word, prefix*, tag:…, source:…, after:2024-01-01')
Searcher = Callable[[str, int], Results]


@dataclass(frozen=True, slots=True)
class Found:
    """What the screen answers with: the article chosen, and the terms to mark in it."""

    article_id: str
    terms: Terms


class FindScreen(ModalScreen[Found | None]):
    """Type a query; ↑/↓ choose a hit; Enter opens it; Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "cancel",
            N_("Cancel"),
            id="find.cancel",
            tooltip=N_("Close the full-text search"),
        ),
        Binding(
            "down", "move(1)", N_("Next"), show=False, id="find.down", tooltip=N_("Next article")
        ),
        Binding(
            "up",
            "move(-1)",
            N_("Previous"),
            show=False,
            id="find.up",
            tooltip=N_("Previous article"),
        ),
        Binding(
            "pagedown",
            "move(5)",
            N_("Page"),
            show=False,
            id="find.page_down",
            tooltip=N_("Five articles down"),
        ),
        Binding(
            "pageup",
            "move(-5)",
            N_("Page up"),
            show=False,
            id="find.page_up",
            tooltip=N_("Five up"),
        ),
    ]

    def __init__(self, searcher: Searcher, *, bidi: Bidi = "app", query: str = "") -> None:
        super().__init__()
        self.searcher = searcher
        self.opening = query  # the text the field opens with
        self.bidi: Bidi = bidi
        self.results: Results | None = None
        self.shown = ""  # the text the results listed are for
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="find-box"):
            yield StatusBar(bidi=self.bidi, id="find-title")
            yield RtlInput(_("Search the text of the articles…"), bidi=self.bidi, id="find-input")
            yield FoundList(bidi=self.bidi, id="find-results")
        yield KeysBar()

    def on_mount(self) -> None:
        field = self.query_one(RtlInput)
        field.focus()
        self._say(_(HINT))
        if self.opening:
            field.insert(self.opening)  # searched for at once, as if typed

    def _say(self, text: str) -> None:
        self.query_one(StatusBar).set(text, _("Enter: open  Esc: cancel"))

    @on(RtlInput.Changed)
    def _changed(self, message: RtlInput.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        text = message.value
        self._timer = self.set_timer(DEBOUNCE, lambda: self._search(text))

    @work(thread=True, exclusive=True, group="find")
    def _search(self, text: str) -> None:
        results = self.searcher(text, PAGE)
        self.app.call_from_thread(self._found, text, results)

    def _found(self, text: str, results: Results) -> None:
        if text != self.query_one(RtlInput).value:
            return  # typed on since: the next result is on its way
        self.results = results
        self.shown = text
        self.query_one(FoundList).set_hits(results.hits)
        if results.notes:
            self._say(worded(results.notes[0]))
        elif not text.strip():
            self._say(_(HINT))
        else:
            self._say(counted(len(results.hits), NEWS) if results.hits else _("No article matches"))

    @on(RtlInput.Submitted)
    def _submitted(self) -> None:
        hit = self.query_one(FoundList).current
        if hit is None or self.results is None:
            self.app.bell()
            return
        self.dismiss(Found(hit.id, self.results.terms))

    def action_move(self, step: int) -> None:
        self.query_one(FoundList).move(step)

    def action_cancel(self) -> None:
        self.dismiss(None)
