"""Opening a corpus for a command: the library brought up to date with the paths given (or
the bundled feeds), its warnings and the dumps' problems on stderr, and a progress bar on
a terminal's stderr meanwhile; the interface's language and its messages on stderr; and the
order a command prints Arabic in. Shared by `newsreader`'s commands, so that none imports
another.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from reader import language
from reader.commands.commandline import option, right_aligned, terminal_columns
from reader.language import N_, _
from reader.layout import fit_line, sanitize
from reader.library.progress import IngestProgress
from reader.library.reading import CorpusView
from reader.library.session import open_corpus
from reader.problems import diagnostic_text, worded
from reader.render.counts import PAGES, counted
from reader.render.typed import rtl_lines
from reader.settings import config as settings
from reader.settings.feeds import FeedsMissingError, default_paths

Command = TypeVar("Command", bound=Callable[..., Any])


_SETTINGS = "newsreader.settings"  # where the root context keeps the settings read
_PROBLEMS = "newsreader.settings-problems"  # … and what was wrong in them


def say(message: str, *, err: bool = True) -> None:
    """One message for the person at the terminal, on stderr (or stdout): laid out right to
    left, a line at a time, when the interface is Arabic and the stream is a terminal (which
    has no bidi of its own); as written for a pipe or a log."""
    text = sanitize(message)
    stream = sys.stderr if err else sys.stdout
    if not (language.right_to_left() and stream.isatty()):
        click.echo(text, err=err)
        return
    width = terminal_columns()
    for line in rtl_lines(text, width):
        click.echo(right_aligned(line, width), err=err)


def said(message: str, program: str = "newsreader") -> str:
    """`newsreader: message`, the way every message of the command begins."""
    return f"{program}: {message}"


class Failure(click.ClickException):
    """A command that cannot do what was asked: one line on stderr, in the interface's
    language, and status 1."""

    def show(self, file: Any = None) -> None:
        say(_("Error: {message}").format(message=self.format_message()))


@dataclass(frozen=True, slots=True)
class Start:
    """The settings file as read before the command line is parsed (click's messages are
    worded in the language it may choose), and what was wrong in it, worded."""

    settings: settings.Settings
    problems: tuple[str, ...]


def begin(
    flag: language.Language | None, known: Callable[[], settings.KnownNames] | None = None
) -> Start:
    """Read the settings file once for this command and choose the interface's language:
    the `--lang` flag, then the file, then the locale.

    The reader passes what finds its binding ids and theme names, for them to be checked
    too (they come from the interface, which the other commands do not load).
    """
    chosen, problems = settings.load(known=known)
    language.use(language.choose(flag, chosen.language, os.environ))
    return Start(chosen, tuple(str(problem) for problem in problems))


def keep(context: click.Context, start: Start) -> None:
    """Keep what `begin` read with the command's root context, for the command to use."""
    meta = context.find_root().meta
    meta[_SETTINGS], meta[_PROBLEMS] = start.settings, list(start.problems)


def say_problems() -> None:
    """Each problem of the settings file, a line on stderr."""
    for problem in settings_problems():
        say(said(_("settings: {problem}").format(problem=problem)))


def current_settings() -> settings.Settings:
    """The settings this command read (the defaults outside a command)."""
    context = click.get_current_context(silent=True)
    found = context.find_root().meta.get(_SETTINGS) if context is not None else None
    return found if isinstance(found, settings.Settings) else settings.Settings()


def settings_problems() -> list[str]:
    """What was wrong in the settings this command read, a line each."""
    context = click.get_current_context(silent=True)
    found = context.find_root().meta.get(_PROBLEMS) if context is not None else None
    return list(found) if isinstance(found, list) else []


def chosen_paths(paths: Sequence[Path]) -> list[Path]:
    """The paths given, else the settings' folders, else the bundled feeds; a lost
    installation is a one-line error."""
    folders = current_settings().folders
    if not paths and folders:
        return list(folders)
    try:
        return default_paths(paths)
    except FeedsMissingError as error:
        raise Failure(worded(str(error))) from error


def load_corpus(paths: Sequence[Path]) -> CorpusView:
    """The corpus of the given paths (or the bundled feeds), brought up to date in the
    library; each diagnostic and library warning is reported on stderr."""
    location = click.get_current_context().find_root().obj
    meter = LoadMeter() if sys.stderr.isatty() else None
    session, view = open_corpus(chosen_paths(paths), location, meter)
    for warning in session.warnings:
        say(said(_("warning: {warning}").format(warning=worded(warning))))
    for diagnostic in view.diagnostics:
        say(diagnostic_text(diagnostic))
    return view


class LoadMeter:
    """A progress bar on a terminal's stderr while new dumps are read (seconds per ten
    thousand pages), erased once the corpus is up to date; pipes see none."""

    BAR = 24  # cells of the bar

    def __init__(self) -> None:
        self.shown = False

    def __call__(self, progress: IngestProgress) -> None:
        if progress.phase == "done":
            if self.shown:
                click.echo("\r\x1b[K", err=True, nl=False)
            return
        line = progress_line(progress, self.BAR)
        if language.right_to_left():  # a terminal's stderr: laid out, from the right
            width = terminal_columns() - 1
            line = right_aligned(fit_line(line, width, "rtl"), width)
        click.echo(f"\r{line}\x1b[K", err=True, nl=False)
        self.shown = True


def progress_line(progress: IngestProgress, bar: int) -> str:
    """`[#####.....] 1200/5000 files, 3400 pages, 800 files/s, 5 s left` (or linking)."""
    if progress.phase == "linking":
        return _("linking: tags and stories across the corpus…")
    done, total = progress.files_done, progress.files_total
    if progress.phase == "finding":
        return _("finding: {done} files").format(done=done)
    if progress.phase == "checking":
        return _("checking: {done}/{total} files").format(done=done, total=total)
    filled = bar * done // max(1, total)
    counts = _("{done}/{total} files, {pages}, {rate} files/s").format(
        done=done, total=total, pages=counted(progress.pages, PAGES), rate=f"{progress.rate:.0f}"
    )
    line = f"[{'#' * filled}{'.' * (bar - filled)}] {counts}"
    left = progress.seconds_left
    if left is None:
        return line
    return line + _(", {seconds} s left").format(seconds=f"{left:.0f}")


def order_options(command: Command) -> Command:
    """`--logical` and `--visual`, for a command that prints Arabic; `visual_order` reads them."""
    command = option(
        "--visual",
        is_flag=True,
        help=N_("Shaped, in visual order and laid out, as at a terminal (the default there)."),
    )(command)
    return option(
        "--logical",
        is_flag=True,
        help=N_(
            "Logical order, unshaped: for pipes (the default there), or terminals doing "
            "their own bidi."
        ),
    )(command)


def visual_order(logical: bool, visual: bool) -> bool:
    """Lay out right to left for a person at a terminal, or when asked; a pipe gets the
    text as written, which is what a script can search and compare."""
    if logical and visual:
        raise click.UsageError(_("--logical and --visual exclude each other"))
    return visual or (not logical and sys.stdout.isatty())
