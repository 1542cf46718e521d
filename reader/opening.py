"""Opening a corpus for a command: the library brought up to date with the paths given (or
the bundled feeds), its warnings and the dumps' problems on stderr, and a progress bar on
a terminal's stderr meanwhile; and the order a command prints Arabic in. Shared by
`newsreader`'s commands, so that none imports another.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from reader import settings
from reader.feeds import FeedsMissingError, default_paths
from reader.layout import sanitize
from reader.library.progress import IngestProgress
from reader.library.reading import CorpusView
from reader.library.session import open_corpus

Command = TypeVar("Command", bound=Callable[..., Any])


_SETTINGS = "newsreader.settings"  # where the root context keeps the settings read
_PROBLEMS = "newsreader.settings-problems"  # … and what was wrong in them


def read_settings(
    known: Callable[[], settings.KnownNames] | None = None,
) -> settings.Settings:
    """Read the settings file once for this command, each problem a line on stderr.

    The reader passes what finds its binding ids and theme names, for them to be checked
    too (they come from the interface, which the other commands do not load).
    """
    chosen, problems = settings.load(known=known)
    for problem in problems:
        click.echo(f"newsreader: settings: {sanitize(str(problem))}", err=True)
    meta = click.get_current_context().find_root().meta
    meta[_SETTINGS], meta[_PROBLEMS] = chosen, [str(problem) for problem in problems]
    return chosen


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
        raise click.ClickException(str(error)) from error


def load_corpus(paths: Sequence[Path]) -> CorpusView:
    """The corpus of the given paths (or the bundled feeds), brought up to date in the
    library; each diagnostic and library warning is reported on stderr."""
    location = click.get_current_context().find_root().obj
    meter = LoadMeter() if sys.stderr.isatty() else None
    session, view = open_corpus(chosen_paths(paths), location, meter)
    for warning in session.warnings:
        click.echo(f"newsreader: warning: {sanitize(warning)}", err=True)
    for diagnostic in view.diagnostics:
        click.echo(sanitize(str(diagnostic)), err=True)
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
        click.echo(f"\r{progress_line(progress, self.BAR)}\x1b[K", err=True, nl=False)
        self.shown = True


def progress_line(progress: IngestProgress, bar: int) -> str:
    """`[#####.....] 1200/5000 files, 3400 pages, 800 files/s, 5 s left` (or linking)."""
    if progress.phase == "linking":
        return "linking: tags and stories across the corpus…"
    if progress.phase == "checking":
        return f"checking: {progress.files_done}/{progress.files_total} files"
    total = max(1, progress.files_total)
    filled = bar * progress.files_done // total
    line = (
        f"[{'#' * filled}{'.' * (bar - filled)}] {progress.files_done}/{progress.files_total}"
        f" files, {progress.pages} pages, {progress.rate:.0f} files/s"
    )
    left = progress.seconds_left
    return line if left is None else f"{line}, {left:.0f} s left"


def order_options(command: Command) -> Command:
    """`--logical` and `--visual`, for a command that prints Arabic; `visual_order` reads them."""
    command = click.option(
        "--visual",
        is_flag=True,
        help="Shaped, in visual order and laid out, as at a terminal (the default there).",
    )(command)
    return click.option(
        "--logical",
        is_flag=True,
        help="Logical order, unshaped: for pipes (the default there), or terminals doing "
        "their own bidi.",
    )(command)


def visual_order(logical: bool, visual: bool) -> bool:
    """Lay out right to left for a person at a terminal, or when asked; a pipe gets the
    text as written, which is what a script can search and compare."""
    if logical and visual:
        raise click.UsageError("--logical and --visual exclude each other")
    return visual or (not logical and sys.stdout.isatty())
