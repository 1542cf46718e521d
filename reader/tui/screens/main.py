"""The reader's screen: status line, headline list and article pane, and all navigation.

Widgets post messages (an article opened, a tag or link followed); this screen turns them
into places in the history and shows them. The corpus comes from the library: what it
last held shows at once, while a thread of its own brings it up to date with the dumps and
posts its progress here.

A library that stops answering (a server gone away) is said once; what the screen shows
stays, a key that needs the library is refused with the bell (a mark too: it is not kept
to be written later, since the reader may quit first, and a mark shown is a mark saved),
and the library is tried every `RETRY_SECONDS`, and at once after a refused key, until it
answers: then it is said back, the rows are read again, and the article open counts as
read once it has been shown for its moment again.

A server that could not be reached when the reader started is tried as often, in a thread,
while the reader reads in memory (see `reader.library.session`); once it answers the
reader goes on there, where it was, with the marks made meanwhile, and says so once. The
switch waits for an update in memory to stop and for the dialogs to close, since those
read the library in memory.
"""

from __future__ import annotations

import functools
import sqlite3
import threading
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive, var
from textual.screen import Screen
from textual.timer import Timer

from reader import collector
from reader.ingest.watch import FolderWatch
from reader.language import N_, Language, _, current, use
from reader.library import state
from reader.library.backend import LibraryUnavailable, NewerSchema
from reader.library.progress import IngestProgress
from reader.library.reading import ABSENT_PREFIX, PAGE_PREFIX, CorpusView, HeadlineRows
from reader.library.session import Opening, Reopened, Session
from reader.model import Article
from reader.problems import worded
from reader.render.counts import NEW_NEWS, NEWS, counted
from reader.settings.config import MARK_READ_AFTER, Settings
from reader.tui.blocks import ARABIC_DIGITS, NUMBERED_TAGS, SIMILAR_SHOWN
from reader.tui.history import History, Place
from reader.tui.keys import keys
from reader.tui.messages import (
    BidiChanged,
    FoldersChanged,
    LibraryBack,
    LibraryLost,
    LoadDeferred,
    Loaded,
    LoadFailed,
    LoadProgress,
    LoadStopped,
    ServerAnswered,
    ServerRefused,
)
from reader.tui.notices import tell
from reader.tui.outage import asks_library
from reader.tui.status import Figures, Status
from reader.tui.text import Bidi
from reader.tui.widgets.article import ArticleView
from reader.tui.widgets.headlines import HeadlineList
from reader.tui.widgets.keysbar import KeysBar
from reader.tui.widgets.status import StatusBar

if TYPE_CHECKING:
    from reader.library.search import Results
    from reader.tui.screens.find import Found, Searcher

NARROW_WIDTH = 100
PAINT_WAIT = 2.0  # seconds the update waits at most for the library's headlines to paint
MARKS_REFRESH = 5.0  # seconds between two looks at marks another reader may have made
RETRY_SECONDS = 3.0  # seconds between two tries at a library that stopped answering


class _Stopped(Exception):
    """The app has gone: the loading thread should stop."""


class _Superseded(Exception):
    """The server answers: the update in memory under way has nothing left to do."""


def _digit_bindings() -> list[Binding]:
    return [
        Binding(
            f"{n},{str(n).translate(ARABIC_DIGITS)}",
            f"follow_tag({n})",
            N_("Tag {n}"),
            show=False,
            id=f"reader.tag_{n}",
            tooltip=N_("Follow the open article's tag number {n}"),
        )
        for n in range(1, NUMBERED_TAGS + 1)
    ]


def unread_in(rows: HeadlineRows) -> int:
    """The unread articles of a list (a filtered list that grew since it was counted, as
    another reader's marks can make it, never counts less than none)."""
    return max(0, len(rows) - rows.read_count())


class MainScreen(Screen[None]):
    """Headlines on one side, the open article on the other (or one at a time when narrow)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(keys("q"), "app.quit", N_("Quit"), id="reader.quit", tooltip=N_("Quit the reader")),
        Binding(
            keys("?", "f1"), "help", N_("Help"), id="reader.help", tooltip=N_("This list of keys")
        ),
        Binding(
            "tab",
            "switch_pane",
            N_("Pane"),
            id="reader.switch_pane",
            tooltip=N_(
                "Move focus between the headline list and the article (narrow: switch pane)"
            ),
        ),
        Binding(
            "shift+tab",
            "switch_pane",
            N_("Pane"),
            show=False,
            id="reader.switch_pane_back",
            tooltip=N_("Same as tab"),
        ),
        Binding(
            keys("/"),
            "find",
            N_("Search"),
            id="reader.find",
            tooltip=N_("Search the text of every article (tag:… searches tags there too)"),
        ),
        Binding(
            keys("s"),
            "search",
            N_("Search tags"),
            id="reader.search",
            tooltip=N_("Search tags; the chosen tag filters the list"),
        ),
        Binding(
            keys("t"),
            "select_tag",
            N_("Tags"),
            id="reader.select_tag",
            tooltip=N_("Select the open article's next tag (then Enter follows it)"),
        ),
        Binding(
            keys("l"),
            "select_link",
            N_("Links"),
            id="reader.select_link",
            tooltip=N_("Select the next 'read also' / 'read by' link (then Enter follows it)"),
        ),
        Binding(
            keys("[", "backspace", "alt+left"),
            "back",
            N_("Back"),
            id="reader.back",
            tooltip=N_("Back to the previous article or list"),
        ),
        Binding(
            keys("]", "alt+right"),
            "forward",
            N_("Forward"),
            id="reader.forward",
            tooltip=N_("Forward again after going back"),
        ),
        Binding(
            keys("c"),
            "clear_filter",
            N_("All news"),
            id="reader.clear_filter",
            tooltip=N_("Clear the filters (tag, saved, unread): all articles"),
        ),
        Binding(
            keys("escape"),
            "show_list",
            N_("List"),
            id="reader.show_list",
            tooltip=N_("Back to the headline list"),
        ),
        Binding(
            keys("f"),
            "flip",
            N_("Flip"),
            show=False,
            id="reader.flip",
            tooltip=N_("Flip the layout: list on the right (rtl) or on the left (ltr)"),
        ),
        Binding(
            keys("o"),
            "open_link",
            N_("Link"),
            id="reader.open_link",
            tooltip=N_("Open the article's web page in the browser"),
        ),
        Binding(
            keys("y"),
            "copy_link",
            N_("Copy link"),
            show=False,
            id="reader.copy_link",
            tooltip=N_(
                "Copy the article's web address (works over SSH, in terminals that allow it)"
            ),
        ),
        Binding(
            keys("d"),
            "diagnostics",
            N_("Problems"),
            show=False,
            id="reader.diagnostics",
            tooltip=N_("Problems found while loading the dumps"),
        ),
        Binding(
            keys("r"),
            "toggle_read",
            N_("Read"),
            id="reader.toggle_read",
            tooltip=N_("Read, or unread again: the open article, or the list's cursor"),
        ),
        Binding(
            keys("R"),
            "mark_all_read",
            N_("All read"),
            show=False,
            id="reader.mark_all_read",
            tooltip=N_("Mark every article of the list read (asks first, saying how many)"),
        ),
        Binding(
            keys("n"),
            "next_unread",
            N_("Next unread"),
            id="reader.next_unread",
            tooltip=N_("Next unread: the cursor in the list; from an article, open it"),
        ),
        Binding(
            keys("b"),
            "toggle_saved",
            N_("Save"),
            id="reader.toggle_saved",
            tooltip=N_("Save the article for later, or unsave it"),
        ),
        Binding(
            keys("B"),
            "show_saved",
            N_("Saved"),
            show=False,
            id="reader.show_saved",
            tooltip=N_("The saved articles (again: all articles)"),
        ),
        Binding(
            keys("u"),
            "toggle_unread",
            N_("Unread only"),
            id="reader.toggle_unread",
            tooltip=N_("Only unread articles (with a tag or the saved list), or all"),
        ),
        *_digit_bindings(),
    ]

    narrow: reactive[bool] = reactive(False)
    reading: reactive[bool] = reactive(False)
    rtl: reactive[bool] = reactive(True)
    status: var[Status] = var(Status())  # all the status line shows: it follows each change

    def __init__(
        self,
        paths: Sequence[str | Path],
        *,
        layout: Literal["rtl", "ltr"] = "rtl",
        bidi: Bidi = "app",
        opening: Opening | None = None,
    ) -> None:
        super().__init__()
        self.paths = list(paths)
        self.bidi: Bidi = bidi
        shown = [str(p) for p in self.paths]
        self.opening = opening or Opening(lambda: Session(shown))
        self.corpus: CorpusView | None = None
        self.warnings: list[str] = []
        self.session: Session | None = None
        self._painted = threading.Event()  # the library's headlines are on the screen
        self.history: History[Place] = History()
        self.place = Place()
        self._shown_list: tuple[int, Place] | None = None
        self._rows: HeadlineRows | None = None  # the list shown, as the library answers it
        self._read_timer: Timer | None = None
        self._timed: str | None = None  # the article the timer will mark read
        self._seen: str | None = None  # the article shown when the timer last looked
        self._left: state.LastPlace | None = None  # where the reader was, as last saved
        self._restored = False  # where the reader left off was looked up
        self._pane: ArticleView | None = None
        self._stale_article = False  # the open article was made again: read it anew
        self._footer_shown: tuple[bool, ...] = ()
        self._watch: FolderWatch | None = None
        self._articles_before: int | None = None  # before an update the folders asked for
        self._changed_again = False  # the folders changed while an update was under way
        self._retrying: Timer | None = None  # tries the library while it does not answer
        self._trying = False  # a try at the library is under way, in a thread of its own
        self._loading = False  # an update is under way, in a thread of its own
        self._reopened: Reopened | None = None  # the server found back, to go on in
        self._deferred = False  # the library stopped answering before the corpus was shown
        self.set_reactive(MainScreen.rtl, layout == "rtl")

    def compose(self) -> ComposeResult:
        yield StatusBar(bidi=self.bidi, id="status")
        with Horizontal(id="panes"):
            yield HeadlineList(bidi=self.bidi, id="headlines")
            yield ArticleView(bidi=self.bidi, id="article")
        yield KeysBar(id="keys")

    @property
    def headlines(self) -> HeadlineList:
        return self.query_one(HeadlineList)

    @property
    def article_view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def on_mount(self) -> None:
        self._pane = self.article_view  # still there to ask its scroll when unmounted
        self.watch_rtl(self.rtl)
        self.headlines.focus()
        opened = self.opening.start().ready()
        if opened is None:
            self._start_loading()
        else:  # already open: the first frame shows the headlines
            session, shown = opened
            app = self.app
            session.watch(lambda lost: self._heard(app, lost))
            self.on_loaded(Loaded(session, shown, session.warnings, False))
            self._start_loading(session, wait=shown is not None)
        self.set_interval(MARKS_REFRESH, self._refresh_marks)

    # ----- loading ----------------------------------------------------------------------
    def _start_loading(self, session: Session | None = None, *, wait: bool = False) -> None:
        """Load in a daemon thread of our own, not a Textual worker.

        Textual runs thread workers in the event loop's executor, which asyncio joins at
        exit: quitting during a long load would wait for it. A daemon thread dies with the
        app, and stops early once the app is gone (see `_post`).
        """
        app = self.app
        self._loading = True
        thread = threading.Thread(
            target=self._load, args=(app, session, wait), name="newsreader-load", daemon=True
        )
        thread.start()

    def _post(self, app: App[object], message: Message) -> None:
        """Hand a message to the app's loop from the loading thread; stop once it has gone."""
        try:
            posted = app.is_running and self.post_message(message)
        except RuntimeError as closed:  # the event loop closed under us
            raise _Stopped from closed
        if not posted:
            raise _Stopped

    def _load(self, app: App[object], session: Session | None, wait: bool) -> None:
        """Show what the library holds, then bring it up to date and show that (`session`:
        already open and shown, and only to be brought up to date; `wait`: for what it
        showed to be painted first, so that the update does not hold up the first frame)."""
        try:
            try:
                if session is None:
                    session, shown = self.opening.wait()
                    session.watch(lambda lost: self._heard(app, lost))
                    self._post(app, Loaded(session, shown, session.warnings, False))
                    wait = shown is not None  # paint what the library holds, then update it
                if wait:
                    self._painted.wait(PAINT_WAIT)
                session.update(lambda p: self._progressed(app, p), apart=True)
                view = session.view()
            except _Superseded:
                self._post(app, LoadStopped())
                return
            except LibraryUnavailable as error:  # said by the session; done again later
                held = LoadDeferred(session) if session is not None else LoadFailed(str(error))
                self._post(app, held)
                return
            except (OSError, ValueError, RuntimeError, sqlite3.Error) as error:
                self._post(app, LoadFailed(f"{type(error).__name__}: {error}"))
                return
            self._post(app, Loaded(session, view, session.warnings, final=True))
        except _Stopped:
            return

    def _progressed(self, app: App[object], progress: IngestProgress) -> None:
        """Show an update's progress; stop one in memory once the server answers."""
        if self._reopened is not None:
            raise _Superseded
        self._post(app, LoadProgress(progress))

    def _heard(self, app: App[object], lost: LibraryUnavailable | None) -> None:
        """The session's word that the library stopped answering, or answers again (from
        whichever thread found it), handed to the screen."""
        with suppress(_Stopped):
            if lost is None:
                self._post(app, LibraryBack())
            else:
                self._post(app, LibraryLost(str(lost), isinstance(lost, NewerSchema)))

    def on_library_lost(self, message: LibraryLost) -> None:
        """Say it once, and try the library again until it answers; a newer newsreader's
        is said once too (once more, when an outage turns out to be that), and not tried:
        no try would help, and the next start reads without it."""
        if self.status.outage is not None and (self.status.for_good or not message.for_good):
            return
        outage = worded(message.error)
        self.status = replace(self.status, outage=outage, for_good=message.for_good)
        self._stop_retrying()
        if message.for_good:
            said = _(
                "{problem}. What is on screen stays; nothing else can be opened or marked in "
                "this session."
            ).format(problem=outage)
        else:
            said = _(
                "{problem}. What is on screen stays; nothing else can be opened or marked until "
                "the library answers again (tried every {seconds} s)."
            ).format(problem=outage, seconds=f"{RETRY_SECONDS:g}")
            self._retrying = self.set_interval(RETRY_SECONDS, self._retry)
        tell(self, said, title=_("Library"), severity="error")

    def on_library_back(self) -> None:
        """Say so, read the rows shown again, and finish what the outage held up."""
        if self.status.outage is None:
            return
        self._stop_retrying()
        tell(self, _("The library answers again."), title=_("Library"))
        self.headlines.refresh_marks()
        self.status = replace(self.status, outage=None, figures=self._figures())
        shown = self.article_view.article  # one shown while it was gone: read from now on
        self._time_reading(shown.id if shown is not None else None)
        if self._deferred and self.session is not None:
            self._deferred = False
            self.status = self.status.updating()
            self._start_loading(self.session)

    def on_load_deferred(self, message: LoadDeferred) -> None:
        self.session = message.session
        self._deferred = True
        self._loading = False
        self.status = replace(self.status, awaiting=message.session.awaiting is not None)

    def _stop_retrying(self) -> None:
        if self._retrying is not None:
            self._retrying.stop()
            self._retrying = None

    def _retry(self) -> None:
        """Try the library in a thread of its own (a server behind a dead network takes a
        while to give up): the session says when it answers; or, while the reader reads in
        memory, the server it could not reach at its start, which this screen hears of."""
        session = self.session
        if session is None or self._trying or self._reopened is not None:
            return
        self._trying = True
        app = self.app

        def attempt() -> None:
            answered = False
            try:
                if session.awaiting is None:
                    session.retry()
                else:
                    answered = self._reopen(app, session)
            finally:
                if not answered:  # else tried no more until the screen has gone on there
                    self._trying = False

        threading.Thread(target=attempt, name="newsreader-retry", daemon=True).start()

    def _reopen(self, app: App[object], session: Session) -> bool:
        """Try the awaited server (in the retry's thread): whether it answered, and this
        screen was told so."""
        try:
            reopened = session.reopen()
        except (sqlite3.OperationalError, RuntimeError) as error:  # for good: said, not retried
            with suppress(_Stopped):
                self._post(app, ServerRefused(str(error)))
            return False
        if reopened is None:
            return False
        try:
            self._post(app, ServerAnswered(reopened))
        except _Stopped:
            reopened.connection.close()
            return False
        return True

    def on_server_answered(self, message: ServerAnswered) -> None:
        self._trying = False
        self._reopened = message.reopened
        self._go_on_in_server()

    def on_server_refused(self, message: ServerRefused) -> None:
        """Said once; the reader goes on in memory, and the server is not tried again."""
        self._stop_retrying()
        if self.session is not None:
            self.session.awaiting = None
        self.status = replace(self.status, awaiting=False)
        tell(self, worded(message.error), title=_("Library"), severity="error")

    def _forget_pages(self) -> None:
        """Let go of the pages shown from a first read in memory: their ids name other
        pages in another library (or none)."""

        def without_pages(place: Place) -> Place:
            article = place.article
            return place.showing(None) if article and article.startswith(PAGE_PREFIX) else place

        self.corpus = None
        self.place = without_pages(self.place)
        self.history.translate(without_pages)

    def on_load_stopped(self) -> None:
        self._loading = False
        self._go_on_in_server()

    def on_screen_resume(self) -> None:
        self._go_on_in_server()  # held while a dialog was open

    def _go_on_in_server(self) -> None:
        """Go on in the server found back, once nothing reads the library in memory: no
        update (one under way stops at its next step) and no dialog."""
        reopened, session = self._reopened, self.session
        if reopened is None or session is None or self._loading or self.app.screen is not self:
            return
        self._reopened = None
        view = session.take(reopened)
        if view is None:  # gone again (or the corpus with it): still in memory, tried again
            if not self.status.final:
                self._start_loading(session)  # the update stopped for it, once more
            return
        self._stop_retrying()
        self.status = replace(self.status, awaiting=False)
        said = _("The library server {server} answers: the reader goes on there.")
        tell(self, said.format(server=reopened.server), title=_("Library"))
        if self.corpus is not None and self.corpus.provisional:
            self._forget_pages()
        try:
            self._set_corpus(view)
        except LibraryUnavailable:  # gone at once: said by the session, shown once back
            self._deferred = True
            return
        session.retire()
        self.status = self.status.updating()
        self._start_loading(session)  # what changed in the dumps meanwhile, taken in there

    def library_refused(self) -> None:
        """A key the library could not answer: the bell, and a try at once (it may be back
        already)."""
        self.app.bell()
        if not self.status.for_good:
            self._retry()

    def _watch_folders(self) -> None:
        """Once the corpus is up to date, watch its paths: what a scraper adds, changes or
        removes while the reader is open is taken in as it comes."""
        if self._watch is not None:
            return
        app = self.app

        def changed(count: int) -> None:
            with suppress(_Stopped):
                self._post(app, FoldersChanged(count))

        self._watch = FolderWatch(self.paths, changed)
        self._watch.start()

    def on_folders_changed(self, message: FoldersChanged) -> None:
        outage = self.status.outage is not None
        if not self.status.final or self.session is None or outage:
            self._changed_again = True  # taken in when the update under way is done
            self._deferred |= outage  # … or when the library is back
            return
        self._update_for_folders()

    def _update_for_folders(self) -> None:
        if self.session is None:
            return
        self._changed_again = False
        if self._articles_before is None and self.corpus is not None:
            with suppress(LibraryUnavailable):  # then no count of the articles that came
                self._articles_before = self.corpus.stats.articles
        self.status = self.status.updating()
        self._start_loading(self.session)

    def _arrived(self) -> None:
        """Say how many articles an update the folders asked for brought."""
        before, self._articles_before = self._articles_before, None
        if before is None or self.corpus is None:
            return
        with suppress(LibraryUnavailable):  # gone again: the news shows, uncounted
            new = self.corpus.stats.articles - before
            if new > 0:
                tell(self, counted(new, NEW_NEWS))

    def on_unmount(self) -> None:
        if self._watch is not None:
            self._watch.stop(wait=False)
        if self._reopened is not None:  # found back too late
            self._reopened.connection.close()
        self._remember()  # the scroll position, which moving about does not save
        if self.session is not None:
            self.session.close()  # stops an update still running in its own process

    def on_load_progress(self, message: LoadProgress) -> None:
        if self.status.final:
            return
        self.status = replace(self.status, progress=message.progress)
        provisional = self.corpus is None or self.corpus.provisional
        if provisional and self.session is not None and message.progress.phase == "reading":
            # A first ingest: show the pages read so far (at the next progress, when the
            # library does not answer now).
            with suppress(LibraryUnavailable):
                view = self.session.view()
                if view is not None:
                    self._set_corpus(view)

    def on_loaded(self, message: Loaded) -> None:
        self.session = session = message.session
        awaiting = session.awaiting is not None
        self.status = replace(self.status, final=message.final, awaiting=awaiting)
        for warning in message.warnings:
            if warning not in self.warnings:
                tell(self, self._warning_text(warning), title=_("Library"), severity="warning")
        self.warnings = message.warnings
        if session.awaiting is not None and self._retrying is None:
            self._retrying = self.set_interval(RETRY_SECONDS, self._retry)
        if message.corpus is not None:
            try:
                self._set_corpus(message.corpus)
            except LibraryUnavailable:  # shown once the library answers again
                self._deferred = True
            else:
                session.retire()  # the library in memory, if the reader went on from one
        if message.final:
            self._loading = False
        self.call_after_refresh(self._first_painted)
        if message.final and message.corpus is not None:
            self._arrived()
            self._watch_folders()
            if self._changed_again:
                self._update_for_folders()
        self._go_on_in_server()

    def _warning_text(self, warning: str) -> str:
        """A library's warning in words; the server tried again, when it is the one."""
        awaiting = self.session.awaiting if self.session is not None else None
        if awaiting is None or warning != awaiting.warning:
            return worded(warning)
        said = _(
            "{problem}. Reading without it for now: it is tried every {seconds} s, and once "
            "it answers the reader goes on there, with the marks made meanwhile."
        )
        return said.format(problem=worded(awaiting.reason), seconds=f"{RETRY_SECONDS:g}")

    def _first_painted(self) -> None:
        """Let the update go on; the command has started (see `reader.collector`)."""
        self._painted.set()
        collector.started()

    def on_load_failed(self, message: LoadFailed) -> None:
        self._loading = False
        self.status = replace(self.status, final=True, error=message.error)
        tell(self, message.error, title=_("Loading failed"), severity="error")
        self.call_after_refresh(self._first_painted)

    def _set_corpus(self, corpus: CorpusView) -> None:
        """Swap in the corpus brought up to date, keeping the reader's place (a page read
        during a first ingest is followed into the article it became)."""
        before = self.corpus
        self.corpus = corpus
        self._shown_list = None
        self._stale_article = True
        headlines = self.headlines
        moved = headlines.current.id if headlines.cursor > 0 and headlines.current else None
        if before is not None and before.provisional and not corpus.provisional:
            moved = corpus.article_of_page(moved) if moved else None

            def article_of(place: Place) -> Place:
                if place.article is None:
                    return place
                return place.showing(corpus.article_of_page(place.article))

            self.place = article_of(self.place)
            self.history.translate(article_of)
        if not self._restored and not corpus.provisional:
            self._restored = True
            untouched = self.history.current in (None, Place()) and len(self.history) <= 1
            if untouched and self._come_back(corpus):
                return
        if self.history.current is None:
            self.history.go(self.place)
        self._show(self.place, cursor=moved)

    def _come_back(self, corpus: CorpusView) -> bool:
        """Open the list and article where the reader left this corpus last time, scrolled
        as it was; False when it was never left anywhere."""
        left = state.last_place(corpus.connection, self.paths)
        if left is None:
            return False
        tag = left.tag if left.tag and len(corpus.headlines(left.tag)) else None  # still there?
        place = Place(tag, left.article, left.saved, left.unread)
        # Not saved while it is being restored (`_show` would save it unscrolled), and then
        # only if it differs from what was saved: at start the library may be busy with the
        # update's first writes, which the first frame must not wait for.
        self._restored = False
        self._left = left
        try:
            self._show(place)
        finally:
            self._restored = True
        self.history.replace(place)
        if place.article is not None and self.article_view.article is not None:
            self.reading = True  # narrow: the article, as it was left; wide: both show
            self.article_view.scroll_to_line(left.scroll)
        self._remember()  # as it was, not as `_show` found it before the scroll
        return True

    # ----- navigation -------------------------------------------------------------------
    def go(self, place: Place, *, reading: bool | None = None) -> None:
        """Visit a new place: recorded in the history (dropping the forward entries), once
        it shows (a library that does not answer leaves the reader where it was)."""
        self._show(place)
        if self.history.go(place):
            self._refresh_footer()
        if reading is not None:
            self.reading = reading

    def _show(self, place: Place, cursor: str | None = None) -> None:
        """Make the list and pane show `place`; only redo the list when it changed. The
        library is asked before anything changes, so one that does not answer leaves the
        screen as it was."""
        corpus = self.corpus
        if corpus is None:
            self.place = place
            return
        list_key = (id(corpus), place.showing(None))
        select = cursor or place.article
        view = self.article_view
        article = view.article
        if place.article is None:
            article = None
        elif article is None or article.id != place.article or self._stale_article:
            article = corpus.get(place.article)
        rows = None
        if self._shown_list != list_key:
            rows = corpus.headlines(place.tag, unread=place.unread, saved=place.saved)
        opened = article is not view.article or view.article is None
        if opened:
            view.show(article, corpus.get)  # changes once its look-ups answer
            if article is not None and not article.read_also:
                self._find_similar(article.id)
        self.place = place
        if rows is not None:
            self._rows = rows
            self.headlines.set_articles(rows, select=select)
            self._shown_list = list_key
        elif select is not None:
            index = self.headlines.index_of(select)
            if index is not None:
                self.headlines.move_to(index)
        self._stale_article = False
        if opened:
            self._check_files(article)
        self.headlines.mark_opened(article.id if article else None)
        self._time_reading(article.id if article else None)
        count = len(self.headlines.articles)
        list_shown = place.showing(None)
        self.status = replace(self.status, place=list_shown, count=count, figures=self._figures())
        self._refresh_footer()
        self._remember()

    @work(thread=True, exclusive=True, group="similar")
    def _find_similar(self, article_id: str) -> None:
        """The articles most like this one, found in a thread: a search of the whole index,
        which the first frame and the keys need not wait for."""
        session, corpus = self.session, self.corpus
        if session is None or corpus is None:
            return
        found = session.similar(corpus.corpus, article_id, SIMILAR_SHOWN)
        self.app.call_from_thread(self._similar_found, corpus, article_id, found)

    def _similar_found(
        self, asked: CorpusView, article_id: str, found: list[tuple[str, str]]
    ) -> None:
        """Show the similar articles found, unless the reader has moved on: to another
        article, or to another library (the server taken up since)."""
        view, corpus = self.article_view, self.corpus
        still_open = view.article is not None and view.article.id == article_id
        if found and corpus is asked and still_open:
            view.show(view.article, corpus.get, found)

    def _check_files(self, article: Article | None) -> None:
        """Read the article's files again if they changed since the library read them: the
        reader never passes off stale text as what a dump says."""
        corpus, session = self.corpus, self.session
        if article is None or corpus is None or corpus.provisional or session is None:
            return
        if self.status.final and corpus.changed_files(article):
            self.status = self.status.updating()
            self._start_loading(session)

    def watch_status(self, status: Status) -> None:
        """The line follows the state: each change of it draws the line once."""
        self.query_one(StatusBar).set(*status.line())

    def _figures(self) -> Figures:
        """What the status line says from the library, asked now (as it last said, while
        the library does not answer: that is said once already)."""
        corpus, rows = self.corpus, self._rows
        if corpus is None:
            return Figures()
        unread: int | None = None
        unread_in_all: int | None = None
        try:
            if rows is not None and not corpus.provisional:
                unread = unread_in(rows)
                if self.place.showing(None) != Place():
                    unread_in_all = unread_in(corpus.headlines())
            stats = corpus.stats
            return Figures(unread, unread_in_all, self._open_marks(), stats.failed + stats.warnings)
        except LibraryUnavailable:
            return self.status.figures

    def _open_marks(self) -> frozenset[state.Kind] | None:
        """The open article's marks: with one pane at a time the list that shows them is
        hidden while reading (None while it shows them)."""
        corpus, opened = self.corpus, self.article_view.article
        hidden = not (self.narrow and self.reading)  # else the list shows them
        if hidden or corpus is None or opened is None or opened.id.startswith(PAGE_PREFIX):
            return None
        return frozenset(state.marks_of(corpus.connection, opened.id))

    @on(HeadlineList.Opened)
    @asks_library
    def _opened(self, message: HeadlineList.Opened) -> None:
        if message.article.id.startswith(ABSENT_PREFIX):  # a row the library never gave
            self.library_refused()
            return
        self.go(self.place.showing(message.article.id), reading=True)
        if self.narrow:
            self.article_view.focus()

    @on(ArticleView.FollowTag)
    @asks_library
    def _follow_tag(self, message: ArticleView.FollowTag) -> None:
        self.go(Place(message.tag, self.place.article, unread=self.place.unread), reading=False)
        self.headlines.focus()

    @on(ArticleView.FollowArticle)
    @asks_library
    def _follow_article(self, message: ArticleView.FollowArticle) -> None:
        self.go(self.place.showing(message.article_id), reading=True)

    def _travel(self, offset: int) -> None:
        """Go `offset` places back (below 0) or forward in the history, once it shows."""
        place = self.history.ahead(offset)
        if place is None:
            self.app.bell()
            return
        before = self.place
        self._show(place)
        if offset < 0:
            self.history.back()
        else:
            self.history.forward()
        self._refresh_footer()
        if place.article != before.article and place.article is not None:
            self.reading = True
        elif place.tag != before.tag:
            self.reading = False

    @asks_library
    def action_back(self) -> None:
        self._travel(-1)

    @asks_library
    def action_forward(self) -> None:
        self._travel(1)

    @asks_library
    def action_clear_filter(self) -> None:
        if self.place.showing(None) != Place():
            self.go(Place(None, self.place.article), reading=False)
            self.headlines.focus()

    def set_bidi(self, bidi: Bidi) -> None:
        """Switch who orders right-to-left text, for a terminal that does its own bidi (or
        one that does not), without leaving the reader."""
        if bidi == self.bidi:
            return
        self.bidi = bidi
        status = self.query_one(StatusBar)
        status.bidi = bidi
        status.refresh()
        self.headlines.set_bidi(bidi)
        self.article_view.set_bidi(bidi)
        self.post_message(BidiChanged(bidi))

    @asks_library
    def set_language(self, language: Language) -> None:
        """Show the interface in another language without leaving the reader: its words are
        looked up when drawn, so what shows them is drawn again."""
        if language == current():
            return
        use(language)
        corpus, view = self.corpus, self.article_view
        if corpus is not None:
            view.show(view.article, corpus.get, view.similar)
        else:
            view.show(None, None)
        self.mutate_reactive(MainScreen.status)  # the same line, in other words
        self.query_one(KeysBar).refresh()
        self.refresh_bindings()

    @asks_library
    def open_article(self, article_id: str) -> None:
        """Open an article chosen outside the list (the command palette)."""
        self.go(Place(self.place.tag, article_id), reading=True)
        if self.narrow:
            self.article_view.focus()

    @asks_library
    def choose_tag(self, tag: str | None) -> None:
        """Filter the list by a tag picked in the search screen."""
        if tag:
            self.go(Place(tag, self.place.article, unread=self.place.unread), reading=False)
            self.headlines.focus()

    @asks_library
    def action_search(self) -> None:
        from reader.tui.screens.search import SearchScreen

        if self.corpus is None:
            self.app.bell()
            return
        self.app.push_screen(SearchScreen(self.corpus, bidi=self.bidi), self.choose_tag)

    def action_find(self, query: str = "") -> None:
        searcher = self._searcher()
        if searcher is None:
            self.app.bell()
            return
        from reader.tui.screens.find import FindScreen  # the search: when first asked for

        self.app.push_screen(FindScreen(searcher, bidi=self.bidi, query=query), self.open_found)

    def find_source(self, source: str) -> None:
        """Open the search screen on one source's articles, newest first."""
        quoted = source.replace('"', "")
        self.action_find(f'source:"{quoted}" ')

    def _searcher(self) -> Searcher | None:
        """Full-text search on a connection of its own, for the search screen's thread (a
        library that does not answer finds nothing, and says why)."""
        session, corpus = self.session, self.corpus
        if session is None or corpus is None:
            return None
        number = corpus.corpus

        def search(text: str, limit: int) -> Results:
            return session.search(number, text, limit)

        return search

    @asks_library
    def open_found(self, found: Found | None) -> None:
        """Open the article chosen in the full-text search, its matches marked."""
        if found is None:
            return
        self.go(Place(None, found.article_id), reading=True)
        self.article_view.mark(found.terms)
        self.article_view.focus()

    def action_follow_tag(self, number: int) -> None:
        if not self.article_view.follow_tag_number(number):
            self.app.bell()

    def _select(self, kind: str) -> None:
        view = self.article_view
        if view.select_kind(kind):
            self.reading = True
            view.focus()
        else:
            self.app.bell()

    def action_select_tag(self) -> None:
        self._select("tag")

    def action_select_link(self) -> None:
        self._select("article")

    def action_switch_pane(self) -> None:
        if self.headlines.has_focus:
            self.reading = True
            self.article_view.focus()
        else:
            self.reading = False
            self.headlines.focus()

    def action_show_list(self) -> None:
        self.reading = False
        self.headlines.focus()

    def action_flip(self) -> None:
        self.rtl = not self.rtl

    def action_help(self) -> None:
        from reader.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    @asks_library
    def action_diagnostics(self) -> None:
        from reader.tui.screens.diagnostics import DiagnosticsScreen

        diagnostics = self.corpus.diagnostics if self.corpus else []
        self.app.push_screen(DiagnosticsScreen(diagnostics, self.status.error))

    def _footer_state(self) -> tuple[bool, ...]:
        return tuple(
            bool(self.check_action(action, ()))
            for action in ("back", "forward", "clear_filter", "select_tag", "select_link")
        )

    def _refresh_footer(self) -> None:
        """Rebuild the footer only when the set of keys that apply changed (it is costly)."""
        state = self._footer_state()
        if state != self._footer_shown:
            self._footer_shown = state
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        article: Article | None = self.article_view.article
        if action == "back":
            return self.history.can_go_back
        if action == "forward":
            return self.history.can_go_forward
        if action == "clear_filter":
            return self.place.showing(None) != Place()
        if action in ("select_tag", "follow_tag"):
            return article is not None and bool(article.tags)
        if action == "select_link":
            return any(b.target and b.target[0] == "article" for b in self.article_view.items)
        if action == "show_list":
            return not self.headlines.has_focus
        if action in ("open_link", "copy_link"):
            return article is not None and article.url is not None
        return True

    # ----- source links -------------------------------------------------------------------
    def action_open_link(self) -> None:
        article = self.article_view.article
        if article is not None and article.url is not None:
            self.app.open_url(article.url)
            tell(self, article.url, title=_("Opening"))

    def action_copy_link(self) -> None:
        article = self.article_view.article
        if article is not None and article.url is not None:
            self.app.copy_to_clipboard(article.url)
            tell(self, article.url, title=_("Copied"))

    # ----- reading state ----------------------------------------------------------------
    def _target(self) -> str | None:
        """The article a mark is for: the headline under the cursor while the list has the
        focus, else the open article (or, with none open, the cursor's)."""
        current = self.headlines.current
        opened = self.article_view.article
        if self.headlines.has_focus or opened is None:
            ident = current.id if current else None
        else:
            ident = opened.id
        if ident is None or ident.startswith((PAGE_PREFIX, ABSENT_PREFIX)):
            return None  # a page read before its corpus's articles are made has no marks yet
        return ident

    def _mark(self, articles: Sequence[str], kind: state.Kind, value: bool) -> None:
        corpus = self.corpus
        if corpus is not None:
            self._marking(lambda: state.mark(corpus.connection, articles, kind, value))

    def _marking(self, write: Callable[[], None]) -> None:
        """Write marks, committed before the key returns, and show them; a library that
        refuses the write is said, not fatal (one that does not answer refuses the key)."""
        try:
            write()
        except LibraryUnavailable:
            raise
        except sqlite3.Error as error:
            said = _("The mark could not be saved: {error}").format(error=error)
            tell(self, said, title=_("Library"), severity="error")
            return
        self.headlines.refresh_marks()
        self.status = replace(self.status, figures=self._figures())

    @asks_library
    def _toggle(self, kind: state.Kind) -> None:
        ident = self._target()
        if ident is None or self.corpus is None:
            self.app.bell()
            return
        marked = kind in state.marks_of(self.corpus.connection, ident)
        if kind == "read" and ident == self._timed:
            self._stop_timer()  # the reader said what this article is: the timer must not
        self._mark([ident], kind, not marked)

    def action_toggle_read(self) -> None:
        self._toggle("read")

    def action_toggle_saved(self) -> None:
        self._toggle("saved")

    @asks_library
    def action_mark_all_read(self) -> None:
        from reader.tui.screens.confirm import ConfirmScreen

        rows = self._rows
        unread = unread_in(rows) if rows is not None else 0
        if rows is None or unread == 0 or (self.corpus is not None and self.corpus.provisional):
            self.app.bell()
            return

        question = _("Mark {articles} in this list read?").format(articles=counted(unread, NEWS))
        self.app.push_screen(
            ConfirmScreen(question, bidi=self.bidi), functools.partial(self._mark_all, rows)
        )

    @asks_library
    def _mark_all(self, rows: HeadlineRows, yes: bool | None) -> None:
        """Mark the list read, if the reader said yes."""
        if yes:
            self._marking(lambda: rows.mark_all("read", True))

    @asks_library
    def action_next_unread(self) -> None:
        rows = self._rows
        if rows is None:
            self.app.bell()
            return
        opened = self.article_view.article
        in_list = self.headlines.has_focus or opened is None
        after = self.headlines.cursor
        if not in_list and opened is not None:
            index = self.headlines.index_of(opened.id)
            after = index if index is not None else after
        found = rows.next_unread(after)
        if found is None or (not in_list and found == after):
            self.app.bell()
            return
        if in_list:
            self.headlines.move_to(found)
            return
        self.go(self.place.showing(rows[found].id), reading=True)

    @asks_library
    def action_show_saved(self) -> None:
        place = self.place
        if place.saved:
            self.go(Place(None, place.article, unread=place.unread), reading=False)
        else:
            self.go(Place(None, place.article, saved=True, unread=place.unread), reading=False)
        self.headlines.focus()

    @asks_library
    def action_toggle_unread(self) -> None:
        self.go(replace(self.place, unread=not self.place.unread), reading=False)
        self.headlines.focus()

    def _time_reading(self, article: str | None) -> None:
        """Mark the article shown read once it has been shown for `mark_read_after` (one shown
        for less, as when going through articles, stays unread). Only another article
        starts the clock: the same one shown again (the list filtered under it, the corpus
        brought up to date) keeps the mark the reader gave it by hand."""
        if article == self._seen:
            return
        self._seen = article
        self._stop_timer()
        if article is None or article.startswith(PAGE_PREFIX):
            return
        self._timed = article
        settings = getattr(self.app, "settings", None)  # the app's, when it has any
        after = settings.mark_read_after if isinstance(settings, Settings) else MARK_READ_AFTER
        self._read_timer = self.set_timer(after, self._read_long_enough)

    def _stop_timer(self) -> None:
        if self._read_timer is not None:
            self._read_timer.stop()
        self._read_timer = None
        self._timed = None

    def _read_long_enough(self) -> None:
        article, self._timed, self._read_timer = self._timed, None, None
        shown = self.article_view.article
        if self.narrow and not self.reading:  # put away before its moment: not read yet,
            self._seen = None  # and shown again, it starts the clock again
            return
        if article is not None and shown is not None and shown.id == article:
            try:
                self._mark([article], "read", True)
            except LibraryUnavailable:  # not read yet: its clock starts again once it is back
                self._seen = None

    def _refresh_marks(self) -> None:
        """Show marks another reader of the library made, and save how far down the
        article is scrolled (moving about saves the rest at once)."""
        if self._rows is not None:
            self.headlines.refresh_marks()
            self.status = replace(self.status, figures=self._figures())
        self._remember()

    def _remember(self) -> None:
        """Save where the reader is, for the next launch on this corpus (not a provisional
        one: its pages' ids do not last)."""
        corpus = self.corpus
        if corpus is None or corpus.provisional or not self._restored:
            return
        place, pane = self.place, self._pane
        scroll = round(pane.scroll_y) if pane is not None and pane.article is not None else 0
        left = state.LastPlace(place.tag, place.saved, place.unread, place.article, scroll)
        if left == self._left:
            return
        try:
            state.save_place(corpus.connection, self.paths, left)
            self._left = left
        except sqlite3.Error:
            # Where the reader left off only saves a few keys next time; a library that
            # refuses it has been, or will be, said once by the marks or the load.
            return

    # ----- geometry ---------------------------------------------------------------------
    def on_resize(self) -> None:
        self.narrow = self.size.width < NARROW_WIDTH

    def watch_narrow(self, narrow: bool) -> None:
        self.set_class(narrow, "-narrow")
        self.set_class(narrow and self.reading, "-reading")
        self.status = replace(self.status, figures=self._figures())  # the marks said, or not
        self.refresh_bindings()

    def watch_reading(self, reading: bool) -> None:
        # Restyling the screen is costly: the class only matters when one pane shows.
        self.set_class(reading and self.narrow, "-reading")
        if self.narrow:
            (self.article_view if reading else self.headlines).focus()
            shown = self.article_view.article
            if reading and shown is not None:
                self._time_reading(shown.id)
            self.status = replace(self.status, figures=self._figures())
        self.refresh_bindings()

    def watch_rtl(self, rtl: bool) -> None:
        self.set_class(not rtl, "-ltr")
