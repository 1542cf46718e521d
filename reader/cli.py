"""The `newsreader` command: the reader itself, and commands for scripts and tests.

`newsreader [PATH...]` opens the reader; `export`, `list`, `tags`, `check` (and `show`)
print what the loader made of the dumps. Diagnostics always go to stderr so that standard
output stays clean for pipes.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from reader import __version__, opening
from reader.layout import cell_len, fit_line, sanitize
from reader.library.admin import describe, forget
from reader.library.search import Hit
from reader.library.store import ENVIRONMENT
from reader.model import Article
from reader.show import show_command

_PATHS = click.argument(
    "paths", nargs=-1, type=click.Path(path_type=Path, exists=False, dir_okay=True)
)
# The status of a reader started without a terminal to draw on or read keys from: a usage
# error, as click's own.
_NOT_A_TERMINAL = 2


_EXIT_USAGE = 2  # click's status for a command that cannot run as asked
SEARCH_LIMIT = 20  # articles `search` prints unless asked: a search engine's first page


class _ReaderGroup(click.Group):
    """A group whose default command is the reader, so `newsreader feeds/` opens feeds/."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        own_options = {*ctx.help_option_names, "--version"}
        lead = 0  # the group's own options with values (`--library FILE`) come first
        while lead < len(args) and args[lead].startswith("--library"):
            lead += 1 if "=" in args[lead] else 2
        rest = args[lead:]
        if not rest or (rest[0] not in self.commands and rest[0] not in own_options):
            args = [*args[:lead], "read", *rest]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a reader that stops reading (`| head`) ends it quietly with
        status 0, as it ends `ls`, instead of click's status 1. Started with standard
        output closed (`>&-`), a command has nowhere to write: one line says so."""
        if sys.stdout is None:
            click.echo("newsreader: standard output is closed; nothing to write to", err=True)
            ctx.exit(_EXIT_USAGE)
        try:
            try:
                return super().invoke(ctx)
            finally:  # the last buffered lines meet a closed pipe here, not at exit
                sys.stdout.flush()
        except BrokenPipeError:
            _drop_output()
            ctx.exit(0)


def _drop_output() -> None:
    """Point standard output at the null device, so that Python's own flush at exit
    does not fail on the closed pipe a second time (the Python docs' note on SIGPIPE)."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, sys.stdout.fileno())
    os.close(null)


@click.group(cls=_ReaderGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsreader")
@click.option(
    "--library",
    "library",
    metavar="FILE",
    envvar=ENVIRONMENT,
    help="The library file (default: library.sqlite3 in the user's data directory; "
    f"also {ENVIRONMENT}; ':memory:' keeps nothing).",
)
@click.pass_context
def cli(ctx: click.Context, library: str | None) -> None:
    """A reader for Arabic news dumps, right to left in any terminal.

    With no command, opens the reader on PATH... (files, folders, .jsonl, .jsonl.gz),
    or on the bundled sample feeds when no path is given.

    What the dumps hold is kept in a library (one SQLite file in the user's data
    directory), so that reopening a corpus is instant and only new or changed files are
    read again.
    """
    ctx.obj = library


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
@click.pass_obj
def read_command(library: str | None, paths: tuple[Path, ...], layout: str, bidi: str) -> None:
    """Open the reader on PATH... (default: the bundled sample feeds)."""
    missing = _not_a_terminal()
    if missing is not None:
        click.echo(
            f"newsreader: standard {missing} is not a terminal; use `newsreader list` "
            "or `newsreader show ARTICLE` to print",
            err=True,
        )
        sys.exit(_NOT_A_TERMINAL)
    from reader.tui.app import run

    chosen = opening.chosen_paths(paths)
    sys.exit(run([str(p) for p in chosen], layout=layout, bidi=bidi, library=library))


def _not_a_terminal() -> str | None:
    """The first standard stream that is not a terminal, of the three Textual needs: it
    draws on stderr and reads keys from stdin, and output redirected to a file or a pipe
    means a script that wants text. Without them the reader would wait forever."""
    streams = (("output", sys.stdout), ("input", sys.stdin), ("error", sys.stderr))
    for name, stream in streams:
        if stream is None or not stream.isatty():
            return name
    return None


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
    corpus = opening.load_corpus(paths)
    out = sys.stdout.buffer
    for article in corpus.articles():
        out.write(_json_line(article_record(article)))
    out.flush()


@cli.command("list")
@_PATHS
@click.option("--tag", "tag_query", metavar="TAG", help="Only articles with the best matching tag.")
@click.option("--limit", type=click.IntRange(min=0), help="At most N headlines.")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="JSON Lines: id, title, published, source and tags of each article.",
)
@opening.order_options
def list_command(
    paths: tuple[Path, ...],
    tag_query: str | None,
    limit: int | None,
    as_json: bool,
    logical: bool,
    visual: bool,
) -> None:
    """Print headlines, one a line, newest first."""
    laid_out = opening.visual_order(logical, visual)
    corpus = opening.load_corpus(paths)
    tag = None
    if tag_query is not None:
        matches = corpus.search_tags(tag_query, limit=1)
        if not matches:
            raise click.ClickException(f"no tag matches {sanitize(tag_query)!r}")
        tag = matches[0].tag
    rows = corpus.headlines(tag)
    shown = rows if limit is None else rows[:limit]
    if as_json:
        out = sys.stdout.buffer
        for headline in shown:
            article = corpus.get(headline.id)
            if article is not None:
                out.write(_json_line(_headline_record(article)))
        out.flush()
        return
    _echo_lines((h.title for h in shown), laid_out)


_HEADLINE_FIELDS = ("id", "title", "published", "source", "tags")  # what `list --json` gives


def _headline_record(article: Article) -> dict[str, Any]:
    record = article_record(article)
    return {name: record[name] for name in _HEADLINE_FIELDS}


def _json_line(record: dict[str, Any]) -> bytes:
    """One JSON line in UTF-8 whatever the locale says. The one thing UTF-8 cannot encode is
    a file name's bytes that are not UTF-8 (lone surrogates in Python): they are written as
    JSON's `\\udcff` escapes, which read back to the same name."""
    line = json.dumps(record, ensure_ascii=False) + "\n"
    return line.encode("utf-8", "backslashreplace")


@cli.command("search")
@click.argument("query")
@_PATHS
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=SEARCH_LIMIT,
    show_default=True,
    help="At most N articles.",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="JSON Lines: id, title, published, source, snippet and score of each article.",
)
@opening.order_options
def search_command(
    query: str,
    paths: tuple[Path, ...],
    limit: int,
    as_json: bool,
    logical: bool,
    visual: bool,
) -> None:
    """Print the articles whose text matches QUERY, best first: words (all of them),
    "a phrase", -word (not it), word* (a prefix), a OR b, tag:…, source:…,
    after:2024-01-01, before:2024-12-31."""
    laid_out = opening.visual_order(logical, visual)
    corpus = opening.load_corpus(paths)
    results = corpus.search(query, limit=limit)
    for note in results.notes:
        click.echo(f"newsreader: {sanitize(note)}", err=True)
    if as_json:
        out = sys.stdout.buffer
        for hit in results.hits:
            out.write(_json_line(_hit_record(hit)))
        out.flush()
        return
    separator = "  " if laid_out else "\t"
    rows = (
        f"{hit.published.isoformat() if hit.published else '-'}{separator}{hit.title}"
        for hit in results.hits
    )
    _echo_lines(rows, laid_out)


def _hit_record(hit: Hit) -> dict[str, Any]:
    return {
        "id": hit.id,
        "title": hit.title,
        "published": hit.published.isoformat() if hit.published else None,
        "source": hit.source,
        "snippet": hit.snippet.text,
        "score": round(-hit.score, 4),
    }


@cli.command("tags")
@_PATHS
@opening.order_options
def tags_command(paths: tuple[Path, ...], logical: bool, visual: bool) -> None:
    """Print every tag with its article count, most used first."""
    laid_out = opening.visual_order(logical, visual)
    corpus = opening.load_corpus(paths)
    template = "{tag} ({count})" if laid_out else "{tag}\t{count}"
    rows = (template.format(tag=tag, count=count) for tag, count in corpus.tag_counts())
    _echo_lines(rows, laid_out)


@cli.command("check")
@_PATHS
def check_command(paths: tuple[Path, ...]) -> None:
    """Report every problem in the dumps and a summary; exit 1 when a page failed."""
    corpus = opening.load_corpus(paths)
    stats = corpus.stats
    click.echo(
        f"{stats.pages} pages, {stats.articles} articles, {stats.merged} merged, "
        f"{stats.failed} failed, {stats.warnings} warnings"
    )
    if stats.failed:
        sys.exit(1)


@cli.group("library", invoke_without_command=True)
@click.pass_context
def library_command(ctx: click.Context) -> None:
    """Where the library is, its size, and each corpus in it."""
    if ctx.invoked_subcommand is not None:
        return
    info = describe(ctx.find_root().obj)
    for line in info:
        click.echo(sanitize(line))


@library_command.command("forget")
@click.argument("path", type=click.Path(path_type=Path))
@click.pass_context
def forget_command(ctx: click.Context, path: Path) -> None:
    """Drop every corpus opened on PATH or inside it: its pages, articles and tags."""
    dropped = forget(ctx.find_root().obj, path)
    if not dropped:
        click.echo(f"newsreader: the library holds no corpus of {sanitize(str(path))}", err=True)
        sys.exit(1)
    for roots in dropped:
        click.echo(f"forgot {sanitize(' '.join(roots))}")


cli.add_command(show_command)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="newsreader")
