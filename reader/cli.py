"""The `newsreader` command: the reader itself, and commands for scripts and tests.

`newsreader [PATH...]` opens the reader; `export`, `list`, `tags`, `check` (and `show`)
print what the loader made of the dumps. Diagnostics always go to stderr so that standard
output stays clean for pipes.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import click

from reader import __version__
from reader.cache import load
from reader.corpus import Corpus
from reader.feeds import FeedsMissingError, default_paths
from reader.layout import cell_len, fit_line, sanitize
from reader.loader import Progress
from reader.model import Article
from reader.show import show_command

_PATHS = click.argument(
    "paths", nargs=-1, type=click.Path(path_type=Path, exists=False, dir_okay=True)
)
_LOGICAL = click.option(
    "--logical",
    is_flag=True,
    help="Print Arabic in logical order, unshaped (for pipes, or terminals doing their own bidi).",
)


class _ReaderGroup(click.Group):
    """A group whose default command is the reader, so `newsreader feeds/` opens feeds/."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        own_options = {*ctx.help_option_names, "--version"}
        if not args or (args[0] not in self.commands and args[0] not in own_options):
            args = ["read", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_ReaderGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsreader")
def cli() -> None:
    """A reader for Arabic news dumps, right to left in any terminal.

    With no command, opens the reader on PATH... (files, folders, .jsonl, .jsonl.gz),
    or on the bundled sample feeds when no path is given.

    Each loaded corpus is saved in the user's data directory, so that reopening
    unchanged dumps is fast; NEWSREADER_CACHE=off turns that off.
    """


def load_corpus(paths: Sequence[Path]) -> Corpus:
    """Load the given paths (or the bundled feeds), reporting each diagnostic on stderr."""
    try:
        chosen = default_paths(paths)
    except FeedsMissingError as error:
        raise click.ClickException(str(error)) from error
    meter = _LoadMeter() if sys.stderr.isatty() else None
    corpus = load(chosen, progress=meter)
    for diagnostic in corpus.diagnostics:
        click.echo(sanitize(str(diagnostic)), err=True)
    return corpus


class _LoadMeter:
    """A progress line on a terminal's stderr while a large dump loads (several seconds per
    ten thousand pages), erased once the corpus is whole; pipes and small dumps see none."""

    def __init__(self) -> None:
        self.shown = False

    def __call__(self, progress: Progress) -> None:
        if progress.done:
            if self.shown:
                click.echo("\r\x1b[K", err=True, nl=False)
            return
        line = (
            f"loading: {progress.pages} pages, {progress.files_done}/{progress.files_total} files"
        )
        click.echo(f"\r{line}\x1b[K", err=True, nl=False)
        self.shown = True


def _visual(logical: bool) -> bool:
    """Lay out right to left only for a person at a terminal; pipes get logical text."""
    return not logical and sys.stdout.isatty()


def _echo_lines(rows: Iterable[str], visual: bool) -> None:
    width = shutil.get_terminal_size((80, 24)).columns
    for row in rows:
        if visual:
            line = fit_line(row, width)
            click.echo(" " * max(0, width - cell_len(line)) + line)
        else:
            click.echo("\t".join(sanitize(field) for field in row.split("\t")))  # TSV fields


@cli.command("read")
@_PATHS
@click.option(
    "--layout",
    type=click.Choice(["rtl", "ltr"]),
    default="rtl",
    show_default=True,
    help="Headline list on the right (rtl) or on the left (ltr).",
)
@click.option(
    "--bidi",
    type=click.Choice(["app", "terminal"]),
    envvar="NEWSREADER_BIDI",
    default="app",
    show_default=True,
    help="Who orders right-to-left text: the app, or a terminal that does its own bidi "
    "(also NEWSREADER_BIDI).",
)
def read_command(paths: tuple[Path, ...], layout: str, bidi: str) -> None:
    """Open the reader on PATH... (default: the bundled sample feeds)."""
    from reader.tui.app import run

    try:
        chosen = default_paths(paths)
    except FeedsMissingError as error:
        raise click.ClickException(str(error)) from error
    sys.exit(run([str(p) for p in chosen], layout=layout, bidi=bidi))


def article_record(article: Article) -> dict[str, Any]:
    """The export shape of an article: fixed keys, plain JSON types."""
    return {
        "id": article.id,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "place": article.place,
        "agency": article.agency,
        "source": article.source,
        "tags": list(article.tags),
        "keywords": list(article.keywords),
        "paragraphs": list(article.paragraphs),
        "read_also": [{"title": ref.title, "id": ref.id} for ref in article.read_also],
        "read_by": list(article.read_by),
        "origins": [{"path": o.path, "line": o.line} for o in article.origins],
    }


@cli.command("export")
@_PATHS
def export_command(paths: tuple[Path, ...]) -> None:
    """Print every article as JSON Lines, newest first, undated last."""
    corpus = load_corpus(paths)
    # UTF-8 whatever the locale says. The one thing UTF-8 cannot encode is a file name's
    # bytes that are not UTF-8 (lone surrogates in Python): they are written as JSON's
    # `\udcff` escapes, which read back to the same name.
    out = sys.stdout.buffer
    for article in corpus.articles:
        line = json.dumps(article_record(article), ensure_ascii=False) + "\n"
        out.write(line.encode("utf-8", "backslashreplace"))
    out.flush()


@cli.command("list")
@_PATHS
@click.option("--tag", "tag_query", metavar="TAG", help="Only articles with the best matching tag.")
@_LOGICAL
def list_command(paths: tuple[Path, ...], tag_query: str | None, logical: bool) -> None:
    """Print headlines, one a line, newest first."""
    corpus = load_corpus(paths)
    articles: Sequence[Article] = corpus.articles
    if tag_query is not None:
        matches = corpus.search_tags(tag_query, limit=1)
        if not matches:
            raise click.ClickException(f"no tag matches {sanitize(tag_query)!r}")
        articles = corpus.with_tag(matches[0].tag)
    _echo_lines((a.title for a in articles), _visual(logical))


@cli.command("tags")
@_PATHS
@_LOGICAL
def tags_command(paths: tuple[Path, ...], logical: bool) -> None:
    """Print every tag with its article count, most used first."""
    corpus = load_corpus(paths)
    visual = _visual(logical)
    template = "{tag} ({count})" if visual else "{tag}\t{count}"
    rows = (template.format(tag=tag, count=count) for tag, count in corpus.tag_counts())
    _echo_lines(rows, visual)


@cli.command("check")
@_PATHS
def check_command(paths: tuple[Path, ...]) -> None:
    """Report every problem in the dumps and a summary; exit 1 when a page failed."""
    corpus = load_corpus(paths)
    stats = corpus.stats
    click.echo(
        f"{stats.pages} pages, {stats.articles} articles, {stats.merged} merged, "
        f"{stats.failed} failed, {stats.warnings} warnings"
    )
    if stats.failed:
        sys.exit(1)


cli.add_command(show_command)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="newsreader")
