"""The `newsreader` command: the reader itself, and commands for scripts and tests.

`newsreader [PATH...]` opens the reader; `export`, `list`, `tags`, `check` (and `show`)
print what the loader made of the dumps. Diagnostics always go to stderr so that standard
output stays clean for pipes.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from reader import __version__, opening, settings
from reader.language import LANGUAGES, N_, Language, _
from reader.language import current as current_language
from reader.layout import cell_len, fit_line, sanitize
from reader.library import state
from reader.library.admin import describe, forget
from reader.library.backend import USER_ENVIRONMENT, Connection, LibraryUnavailable
from reader.library.backend import Library as AnyLibrary
from reader.library.state import Kind
from reader.library.store import ENVIRONMENT, open_asked
from reader.model import Article, Headline
from reader.opening import Failure
from reader.problems import worded
from reader.show import show_command

if TYPE_CHECKING:
    from reader.library.search import Hit

_PATHS = click.argument(
    "paths", nargs=-1, type=click.Path(path_type=Path, exists=False, dir_okay=True)
)
# The status of a reader started without a terminal to draw on or read keys from: a usage
# error, as click's own.
_NOT_A_TERMINAL = 2


_LANGUAGE = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    help="The interface's language (default: the settings' language, else Arabic when the "
    "locale is Arabic, else English).",
)
_EXIT_USAGE = 2  # click's status for a command that cannot run as asked
SEARCH_LIMIT = 20  # articles `search` prints unless asked: a search engine's first page


class _ReaderGroup(click.Group):
    """A group whose default command is the reader, so `newsreader feeds/` opens feeds/."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        own_options = {*ctx.help_option_names, "--version"}
        lead = 0  # the group's own options with values (`--library FILE`) come first
        while lead < len(args) and args[lead].startswith(("--library", "--lang", "--user")):
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
            opening.say(opening.said(_("standard output is closed; nothing to write to")))
            ctx.exit(_EXIT_USAGE)
        try:
            try:
                return super().invoke(ctx)
            finally:  # the last buffered lines meet a closed pipe here, not at exit
                sys.stdout.flush()
        except BrokenPipeError:
            _drop_output()
            ctx.exit(0)
        except LibraryUnavailable as error:  # a server gone away mid-command: one line
            raise Failure(worded(str(error))) from error


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
    f"also {ENVIRONMENT}; ':memory:' keeps nothing), or a PostgreSQL server's "
    "postgresql://USER@HOST/DATABASE that a team shares.",
)
@click.option(
    "--user",
    "user",
    metavar="NAME",
    envvar=USER_ENVIRONMENT,
    help="Whose marks and places a shared library keeps (default: the login role; "
    f"also {USER_ENVIRONMENT}).",
)
@_LANGUAGE
@click.pass_context
def cli(ctx: click.Context, library: str | None, user: str | None, lang: Language | None) -> None:
    """A reader for Arabic news dumps, right to left in any terminal.

    With no command, opens the reader on PATH... (files, folders, .jsonl, .jsonl.gz),
    or on the bundled sample feeds when no path is given.

    What the dumps hold is kept in a library (one SQLite file in the user's data
    directory), so that reopening a corpus is instant and only new or changed files are
    read again.

    Settings are read from config.toml in the user's config directory
    (`newsreader keys` lists the binding ids its [keymap] table takes); options and
    environment variables override them.
    """
    if ctx.invoked_subcommand == "read":

        def known() -> settings.KnownNames:
            from textual.theme import BUILTIN_THEMES

            from reader.tui.keymap import known_bindings

            return settings.KnownNames({b.id for b in known_bindings()}, set(BUILTIN_THEMES))

        chosen = opening.read_settings(known, lang)
    else:
        chosen = opening.read_settings(flag=lang)
    ctx.obj = library if library is not None else chosen.library
    if user:  # read where the library is opened, in this process and in its workers
        os.environ[USER_ENVIRONMENT] = user


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
    type=click.Choice(settings.LAYOUTS),
    help="Headline list on the right (rtl, the default) or on the left (ltr).",
)
@click.option(
    "--bidi",
    type=click.Choice(settings.BIDI_MODES),
    envvar="NEWSREADER_BIDI",
    help="Who orders right-to-left text: the app (the default), or a terminal that does "
    "its own bidi (also NEWSREADER_BIDI).",
)
@_LANGUAGE
@click.pass_obj
def read_command(
    library: str | None,
    paths: tuple[Path, ...],
    layout: str | None,
    bidi: str | None,
    lang: Language | None,
) -> None:
    """Open the reader on PATH... (default: the settings' folders, else the bundled
    sample feeds)."""
    config = opening.current_settings()
    if lang is not None:  # given after the paths, where the group does not see it
        opening.choose_language(lang, config)
    missing = _not_a_terminal()
    if missing is not None:
        message = _(
            "standard {stream} is not a terminal; use `newsreader list` "
            "or `newsreader show ARTICLE` to print"
        )
        opening.say(opening.said(message.format(stream=_(missing))))
        sys.exit(_NOT_A_TERMINAL)
    from reader.tui.app import run

    chosen = opening.chosen_paths(paths)
    sys.exit(
        run(
            [str(p) for p in chosen],
            layout=layout or config.layout or "rtl",
            bidi=bidi or config.bidi or "app",
            library=library,
            settings=config,
            notices=opening.settings_problems(),
            language=current_language(),
        )
    )


def _not_a_terminal() -> str | None:
    """The first standard stream that is not a terminal, of the three Textual needs: it
    draws on stderr and reads keys from stdin, and output redirected to a file or a pipe
    means a script that wants text. Without them the reader would wait forever."""
    streams = ((N_("output"), sys.stdout), (N_("input"), sys.stdin), (N_("error"), sys.stderr))
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
        "origins": [{"path": o.path, "line": o.line, "url": o.url} for o in article.origins],
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
@click.option("--unread", is_flag=True, help="Only articles not read yet.")
@click.option("--saved", is_flag=True, help="Only saved articles.")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="JSON Lines: id, title, published, source, tags, read and saved of each article.",
)
@opening.order_options
def list_command(
    paths: tuple[Path, ...],
    tag_query: str | None,
    limit: int | None,
    unread: bool,
    saved: bool,
    as_json: bool,
    logical: bool,
    visual: bool,
) -> None:
    """Print headlines, one a line, newest first (--unread, --saved: only those)."""
    laid_out = opening.visual_order(logical, visual)
    corpus = opening.load_corpus(paths)
    tag = None
    if tag_query is not None:
        matches = corpus.search_tags(tag_query, limit=1)
        if not matches:
            raise Failure(_("no tag matches {tag}").format(tag=repr(sanitize(tag_query))))
        tag = matches[0].tag
    rows = corpus.headlines(tag, unread=unread, saved=saved)
    shown = rows if limit is None else rows[:limit]
    if as_json:
        out = sys.stdout.buffer
        for headline in shown:
            article = corpus.get(headline.id)
            if article is not None:
                out.write(_json_line(_headline_record(article, headline)))
        out.flush()
        return
    _echo_lines((h.title for h in shown), laid_out)


_HEADLINE_FIELDS = ("id", "title", "published", "source", "tags")  # with read and saved


def _headline_record(article: Article, headline: Headline) -> dict[str, Any]:
    """What `list --json` gives of an article: its headline fields and its marks."""
    record = article_record(article)
    return {
        **{name: record[name] for name in _HEADLINE_FIELDS},
        "read": headline.read,
        "saved": headline.saved,
    }


_MARKS: dict[str, tuple[Kind, bool]] = {
    "read": ("read", True),
    "unread": ("read", False),
    "saved": ("saved", True),
    "unsaved": ("saved", False),
}


def _asked_library(ctx: click.Context) -> tuple[AnyLibrary, Connection]:
    """The library asked for, to look into or change: a server's that cannot serve (one
    that does not answer, or of a newer schema) is an error, not a library in memory."""
    try:
        return open_asked(ctx.find_root().obj)
    except sqlite3.OperationalError as error:
        raise Failure(worded(str(error))) from error


def _state_library(ctx: click.Context) -> Connection:
    """The library that keeps the reader's state; a library that is not the one asked for
    (in memory, after a warning) would keep nothing, which is an error here."""
    library, connection = _asked_library(ctx)
    if library.warning:
        connection.close()
        raise Failure(sanitize(library.warning))
    return connection


@cli.command("mark")
@click.argument("mark", type=click.Choice(list(_MARKS)))
@click.argument("ids", nargs=-1, required=True, metavar="ID...")
@click.pass_context
def mark_command(ctx: click.Context, mark: str, ids: tuple[str, ...]) -> None:
    """Mark articles (by id, as `list --json` gives them) read, unread, saved or unsaved."""
    connection = _state_library(ctx)
    try:
        unknown = state.unknown_articles(connection, ids)
        if unknown:
            named = ", ".join(sanitize(i) for i in unknown)
            raise Failure(_("the library holds no article {ids}").format(ids=named))
        kind, value = _MARKS[mark]
        state.mark(connection, ids, kind, value)
    except sqlite3.Error as error:
        raise Failure(_("the marks could not be saved ({error})").format(error=error)) from error
    finally:
        connection.close()


@cli.group("state", invoke_without_command=True)
@click.pass_context
def state_command(ctx: click.Context) -> None:
    """How many articles are read and saved; moving that state between machines."""
    if ctx.invoked_subcommand is not None:
        return
    connection = _state_library(ctx)
    found = state.counts(connection)
    connection.close()
    message = _("read: {read}, saved: {saved}")
    opening.say(message.format(read=found["read"], saved=found["saved"]), err=False)


@state_command.command("export")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.pass_context
def state_export_command(ctx: click.Context, file: Path) -> None:
    """Write every mark and where each corpus was left to FILE (JSON)."""
    connection = _state_library(ctx)
    try:
        written = state.write_export(connection, file)
    except OSError as error:
        reason = error.strerror or error
        message = _("{file}: cannot be written ({reason})")
        raise Failure(message.format(file=sanitize(str(file)), reason=reason)) from error
    finally:
        connection.close()
    message = _("exported {count} marks to {file}")
    opening.say(message.format(count=written, file=str(file)))


@state_command.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.pass_context
def state_import_command(ctx: click.Context, file: Path) -> None:
    """Merge the marks and places of FILE (from `state export`): a mark newer here stays."""
    try:
        marks, places = state.read_export(file)
    except state.StateFileError as error:
        raise Failure(sanitize(str(error))) from error
    connection = _state_library(ctx)
    try:
        taken = state.import_state(connection, marks, places)
    except sqlite3.Error as error:
        raise Failure(_("the marks could not be saved ({error})").format(error=error)) from error
    finally:
        connection.close()
    message = _("imported {count} of {total} marks from {file}")
    opening.say(message.format(count=taken, total=len(marks), file=str(file)))


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
        opening.say(opening.said(worded(note)))
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
    message = _(
        "{pages} pages, {articles} articles, {merged} merged, {failed} failed, {warnings} warnings"
    )
    summary = message.format(
        pages=stats.pages,
        articles=stats.articles,
        merged=stats.merged,
        failed=stats.failed,
        warnings=stats.warnings,
    )
    opening.say(summary, err=False)
    if stats.failed:
        sys.exit(1)


@cli.group("library", invoke_without_command=True)
@click.pass_context
def library_command(ctx: click.Context) -> None:
    """Where the library is, its size, and each corpus in it."""
    if ctx.invoked_subcommand is not None:
        return
    library, connection = _asked_library(ctx)
    try:
        info = describe(library, connection)
    finally:
        connection.close()
    for line in info:
        click.echo(sanitize(line))


@library_command.command("forget")
@click.argument("path", type=click.Path(path_type=Path))
@click.pass_context
def forget_command(ctx: click.Context, path: Path) -> None:
    """Drop every corpus opened on PATH or inside it: its pages, articles and tags."""
    connection = _asked_library(ctx)[1]
    try:
        dropped = forget(connection, path)
    finally:
        connection.close()
    if not dropped:
        message = _("the library holds no corpus of {path}")
        opening.say(opening.said(message.format(path=str(path))))
        sys.exit(1)
    for roots in dropped:
        opening.say(_("forgot {paths}").format(paths=" ".join(roots)), err=False)


@cli.command("keys")
def keys_command() -> None:
    """Print every key binding: ID, keys (comma-separated) and what it does, tab-separated;
    the IDs are what the settings' [keymap] table rebinds."""
    from reader.tui.keymap import known_bindings

    for binding in known_bindings():
        click.echo(f"{binding.id}\t{','.join(binding.keys)}\t{binding.description}")


cli.add_command(show_command)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="newsreader")
