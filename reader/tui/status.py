"""What the reader's status line shows, as one value.

`MainScreen` holds a `Status`; its handlers change it (the list shown, a mark made, an
update's progress, the library gone or back) and the line follows, worded in the
interface's language as it is then. What the line says from the library (`Figures`) is
asked by the handlers whose change can alter it, not by the line: wording it asks nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from reader.language import _
from reader.library.progress import IngestProgress
from reader.library.state import Kind
from reader.render.counts import NEWS, NOTES, PAGES, counted
from reader.tui.history import Place
from reader.tui.widgets.headlines import SAVED_MARK, UNREAD_MARK

PROGRESS_BAR = 10  # cells of the progress bar in the status line


@dataclass(frozen=True, slots=True)
class Figures:
    """What the status line says from the library: kept, so that it still says it while
    the library does not answer."""

    unread: int | None = None  # the list's unread (a first read's pages are not counted)
    unread_in_all: int | None = None  # the whole corpus's, under a filter
    marks: frozenset[Kind] | None = None  # the open article's, while the list is hidden
    problems: int = 0  # notes and failures met loading the dumps


@dataclass(frozen=True, slots=True)
class Status:
    """All the status line shows: a new value is a new line, an equal one draws nothing."""

    place: Place = field(default_factory=Place)  # the list (its open article: see `figures`)
    count: int = 0  # the headlines in it
    figures: Figures = Figures()
    outage: str | None = None  # why the library does not answer, while it does not
    for_good: bool = False  # … and never will: a newer newsreader's now
    awaiting: bool = False  # read in memory while the library server is tried again
    error: str | None = None  # why loading failed
    final: bool = False  # the corpus is up to date with the dumps
    progress: IngestProgress | None = None  # the update under way, as last heard

    def updating(self) -> Status:
        """An update starts: not up to date, and nothing heard from it yet."""
        return replace(self, final=False, progress=None)

    def line(self) -> tuple[str, str]:
        """The list's description and the notices, worded now (the language may change)."""
        place, figures = self.place, self.figures
        if place.saved:
            name = _("Saved")
        elif place.tag:
            name = _("Tag: {tag}").format(tag=place.tag)
        else:
            name = _("All news")
        if place.unread:
            name += " " + _("(unread)")
        description = f"{name} — {counted(self.count, NEWS)}"
        if figures.unread is not None:
            description += _(", unread: {count}").format(count=figures.unread)
        notices = []
        if figures.marks is not None and "read" not in figures.marks:
            notices.append(f"{UNREAD_MARK} " + _("unread"))
        if figures.marks is not None and "saved" in figures.marks:
            notices.append(f"{SAVED_MARK} " + _("saved"))
        if figures.unread_in_all is not None:
            notices.append(_("unread in all: {count}").format(count=figures.unread_in_all))
        if self.outage is not None and self.for_good:
            notices.append(_("the library is a newer newsreader's now"))
        elif self.outage is not None:
            notices.append(_("the library does not answer: trying again"))
        elif self.awaiting:
            notices.append(_("in memory: the library server is tried again"))
        elif self.error:
            notices.append(_("Loading failed: {error}").format(error=self.error))
        elif not self.final:
            notices.append(progress_notice(self.progress))
        if figures.problems:
            notices.append(f"⚠ {counted(figures.problems, NOTES)} (d)")
        return description, "  ".join(notices)


def progress_notice(progress: IngestProgress | None) -> str:
    """The status line's account of an update under way: a bar of the files read, with
    their count, the rate and the time left; then the linking phase."""
    if progress is None:
        return _("Loading…")
    if progress.phase == "finding":
        return _("Finding the files… {done}").format(done=progress.files_done)
    if progress.phase == "checking":
        return _("Checking the files… {done}/{total}").format(
            done=progress.files_done, total=progress.files_total
        )
    if progress.phase != "reading":
        return _("Linking tags and articles…")
    total = max(1, progress.files_total)
    filled = PROGRESS_BAR * progress.files_done // total
    bar = "█" * filled + "░" * (PROGRESS_BAR - filled)
    rate = _("{rate}/s").format(rate=f"{progress.rate:.0f}")
    text = (
        f"{bar} {progress.files_done}/{progress.files_total} · "
        f"{counted(progress.pages, PAGES)} · {rate}"
    )
    left = progress.seconds_left
    if left is None:
        return text
    return f"{text} · " + _("{seconds} s left").format(seconds=f"{left:.0f}")
