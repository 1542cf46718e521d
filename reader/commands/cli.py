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
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from reader import __version__, collector
from reader.commands import commandline, opening
from reader.commands.commandline import argument, option
from reader.commands.opening import Failure
from reader.commands.show import show_command
from reader.language import LANGUAGES, N_, Language, _
from reader.language import current as current_language
from reader.layout import cell_len, fit_line, sanitize
from reader.library import state
from reader.library.admin import describe, forget
from reader.library.backend import USER_ENVIRONMENT, Connection, LibraryUnavailable
from reader.library.backend import Library as AnyLibrary
from reader.library.session import Opening, Session
from reader.library.state import Kind
from reader.library.store import ENVIRONMENT, open_asked
from reader.model import STORY_FIELDS, Article, Headline, story_values
from reader.problems import worded
from reader.settings import config as settings

if TYPE_CHECKING:
    from reader.library.search import Hit

_PATHS = argument(
    "paths",
    nargs=-1,
    metavar=N_("[PATHS]..."),
    type=click.Path(path_type=Path, exists=False, dir_okay=True),
)
# The status of a reader started without a terminal to draw on or read keys from: a usage
# error, as click's own.
_NOT_A_TERMINAL = 2


# Read before click parses (`_language_flag`), so that click's own words are in it too.
_LANGUAGE = option(
    "--lang",
    type=click.Choice(LANGUAGES),
    help=N_(
        "The interface's language (default: the settings' language, else Arabic when the "
        "locale is Arabic, else English)."
    ),
)
_EXIT_USAGE = 2  # click's status for a command that cannot run as asked
SEARCH_LIMIT = 20  # articles `search` prints unless asked: a search engine's first page


HELP_OPTIONS = ("-h", "--help")
_VALUED_OPTIONS = ("--library", "--lang", "--user")  # the group's options that take a value


def _lead(args: Sequence[str]) -> int:
    """How many of `args` are the group's own options with values (`--library FILE`),
    which come first."""
    lead = 0
    while lead < len(args) and args[lead].startswith(_VALUED_OPTIONS):
        lead += 1 if "=" in args[lead] else 2
    return lead


def _language_flag(args: Sequence[str]) -> Language | None:
    """The language the last `--lang` of the command line names (the group's or the
    reader's, before or after the paths), found before click parses it. A value that is no
    language is left for click to report."""
    found: Language | None = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        else:
            continue
        found = next((name for name in LANGUAGES if name == value), found)
    return found


def _known_names() -> settings.KnownNames:
    """The binding ids and themes the reader's settings are checked against."""
    from textual.theme import BUILTIN_THEMES

    from reader.tui.keymap import known_bindings

    return settings.KnownNames({b.id for b in known_bindings()}, set(BUILTIN_THEMES))


class _ReaderGroup(commandline.Group):
    """A group whose default command is the reader, so `newsreader feeds/` opens feeds/;
    the interface's language is chosen before click parses, for its help and usage errors
    to be worded in it."""

    group_class = commandline.Group

    def _subcommand(self, args: Sequence[str]) -> str | None:
        """The command `args` run: the first after the group's own options, else the
        reader; None when they ask for the group's own `--help` or `--version`."""
        rest = args[_lead(args) :]
        if rest and rest[0] in (*HELP_OPTIONS, "--version"):
            return None
        return rest[0] if rest and rest[0] in self.commands else "read"

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run, click's own words in the interface's language throughout: it shows a usage
        error after the command's context is gone."""
        with commandline.click_speaking():
            return super().main(*args, **kwargs)

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        """Read the settings and choose the language, then parse: `--help` and usage errors
        are eager, and come before the group's callback."""
        reading = self._subcommand(args) == "read"
        start = opening.begin(_language_flag(args), _known_names if reading else None)
        with commandline.usage_errors_laid_out():
            context = super().make_context(info_name, args, parent, **extra)
        opening.keep(context, start)
        return context

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        lead = _lead(args)
        if self._subcommand(args) == "read" and args[lead : lead + 1] != ["read"]:
            args = [*args[:lead], "read", *args[lead:]]
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
                with commandline.usage_errors_laid_out():
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


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """`--version`, worded and laid out as every message of the command."""
    if value and not ctx.resilient_parsing:
        message = _("{program}, version {version}")
        opening.say(message.format(program="newsreader", version=__version__), err=False)
        ctx.exit()


@click.group(
    cls=_ReaderGroup,
    context_settings={"help_option_names": list(HELP_OPTIONS)},
    help=N_(
        "A reader for Arabic news dumps, right to left in any terminal.\n\n"
        "With no command, opens the reader on PATH... (files, folders, .jsonl, .jsonl.gz), "
        "or on the bundled sample feeds when no path is given.\n\n"
        "What the dumps hold is kept in a library (one SQLite file in the user's data "
        "directory), so that reopening a corpus is instant and only new or changed files "
        "are read again.\n\n"
        "Settings are read from config.toml in the user's config directory (`newsreader "
        "keys` lists the binding ids its [keymap] table takes); options and environment "
        "variables override them."
    ),
)
@option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help=N_("Show the version and exit."),
)
@option(
    "--library",
    "library",
    metavar=N_("FILE"),
    envvar=ENVIRONMENT,
    help=N_(
        "The library file (default: library.sqlite3 in the user's data directory; also "
        "NEWSREADER_LIBRARY; ':memory:' keeps nothing), or a PostgreSQL server's "
        "postgresql://USER@HOST/DATABASE that a team shares."
    ),
)
@option(
    "--user",
    "user",
    metavar=N_("NAME"),
    envvar=USER_ENVIRONMENT,
    help=N_(
        "Whose marks and places a shared library keeps (default: the login role; also "
        "NEWSREADER_USER)."
    ),
)
@_LANGUAGE
@click.pass_context
def cli(ctx: click.Context, library: str | None, user: str | None, lang: Language | None) -> None:
    """The group: the settings' problems said, the library and the user chosen (`lang` was
    read before parsing)."""
    if ctx.invoked_subcommand != "read":
        collector.started()  # the reader: once its first frame is painted
    opening.say_problems()
    ctx.obj = library if library is not None else opening.current_settings().library
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


@cli.command(
    "read",
    help=N_(
        "Open the reader on PATH... (default: the settings' folders, else the bundled "
        "sample feeds)."
    ),
)
@_PATHS
@option(
    "--layout",
    type=click.Choice(settings.LAYOUTS),
    help=N_("Headline list on the right (rtl, the default) or on the left (ltr)."),
)
@option(
    "--bidi",
    type=click.Choice(settings.BIDI_MODES),
    envvar="NEWSREADER_BIDI",
    help=N_(
        "Who orders right-to-left text: the app (the default), or a terminal that does "
        "its own bidi (also NEWSREADER_BIDI)."
    ),
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
    """The reader, on a terminal (`lang`, wherever it is given, was read before parsing)."""
    config = opening.current_settings()
    missing = _not_a_terminal()
    if missing is not None:
        message = _(
            "standard {stream} is not a terminal; use `newsreader list` "
            "or `newsreader show ARTICLE` to print"
        )
        opening.say(opening.said(message.format(stream=_(missing))))
        sys.exit(_NOT_A_TERMINAL)
    chosen = [str(p) for p in opening.chosen_paths(paths)]
    early = Opening(lambda: Session(chosen, library)).start()  # while the interface loads
    from reader.tui.app import run

    sys.exit(
        run(
            chosen,
            layout=layout or config.layout or "rtl",
            bidi=bidi or config.bidi or "app",
            library=library,
            settings=config,
            notices=opening.settings_problems(),
            language=current_language(),
            opening=early,
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
    """The export shape of an article: fixed keys, plain JSON types. Its story's fields are
    exported under their own names, made from the fields, so that a field added to the story
    is exported with no edit here."""
    record = dict(zip(STORY_FIELDS, story_values(article.story), strict=True))
    published = article.published
    record["published"] = published.isoformat() if published else None
    paragraphs = record.pop("paragraphs")  # exported after the source and tags, as ever
    return {
        "id": article.id,
        **record,
        "source": article.source,
        "tags": list(article.tags),
        "keywords": list(article.keywords),
        "paragraphs": list(paragraphs),
        "read_also": [{"title": ref.title, "id": ref.id} for ref in article.read_also],
        "read_by": list(article.read_by),
        "origins": [{"path": o.path, "line": o.line, "url": o.url} for o in article.origins],
    }


@cli.command("export", help=N_("Print every article as JSON Lines, newest first, undated last."))
@_PATHS
def export_command(paths: tuple[Path, ...]) -> None:
    """Every article, for scripts: one JSON object a line."""
    corpus = opening.load_corpus(paths)
    out = sys.stdout.buffer
    for article in corpus.articles():
        out.write(_json_line(article_record(article)))
    out.flush()


@cli.command(
    "list", help=N_("Print headlines, one a line, newest first (--unread, --saved: only those).")
)
@_PATHS
@option(
    "--tag",
    "tag_query",
    metavar=N_("TAG"),
    help=N_("Only articles with the best matching tag."),
)
@option(
    "--limit",
    type=click.IntRange(min=0),
    metavar=N_("INTEGER RANGE"),
    help=N_("At most N headlines."),
)
@option("--unread", is_flag=True, help=N_("Only articles not read yet."))
@option("--saved", is_flag=True, help=N_("Only saved articles."))
@option(
    "--json",
    "as_json",
    is_flag=True,
    help=N_("JSON Lines: id, title, published, source, tags, read and saved of each article."),
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
    """Headlines, laid out for a person or as written for a script."""
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


@cli.command(
    "mark",
    help=N_("Mark articles (by id, as `list --json` gives them) read, unread, saved or unsaved."),
)
@argument("mark", type=click.Choice(list(_MARKS)))
@argument("ids", nargs=-1, required=True, metavar=N_("ID..."))
@click.pass_context
def mark_command(ctx: click.Context, mark: str, ids: tuple[str, ...]) -> None:
    """Marks from a script: every id must name an article of the library."""
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


@cli.group(
    "state",
    invoke_without_command=True,
    help=N_("How many articles are read and saved; moving that state between machines."),
)
@click.pass_context
def state_command(ctx: click.Context) -> None:
    """The counts, unless a subcommand moves the state."""
    if ctx.invoked_subcommand is not None:
        return
    connection = _state_library(ctx)
    found = state.counts(connection)
    connection.close()
    message = _("read: {read}, saved: {saved}")
    opening.say(message.format(read=found["read"], saved=found["saved"]), err=False)


@state_command.command(
    "export", help=N_("Write every mark and where each corpus was left to FILE (JSON).")
)
@argument("file", metavar=N_("FILE"), type=click.Path(path_type=Path, dir_okay=False))
@click.pass_context
def state_export_command(ctx: click.Context, file: Path) -> None:
    """The state, for another machine's `state import`."""
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


@state_command.command(
    "import",
    help=N_("Merge the marks and places of FILE (from `state export`): a mark newer here stays."),
)
@argument("file", metavar=N_("FILE"), type=click.Path(path_type=Path, dir_okay=False))
@click.pass_context
def state_import_command(ctx: click.Context, file: Path) -> None:
    """Another machine's state, merged so that no newer mark is lost."""
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


@cli.command(
    "search",
    help=N_(
        "Print the articles whose text matches QUERY, best first: words (all of them), "
        '"a phrase", -word (not it), word* (a prefix), a OR b, tag:…, source:…, '
        "after:2024-01-01, before:2024-12-31."
    ),
)
@argument("query", metavar=N_("QUERY"))
@_PATHS
@option(
    "--limit",
    type=click.IntRange(min=0),
    metavar=N_("INTEGER RANGE"),
    default=SEARCH_LIMIT,
    show_default=True,
    help=N_("At most N articles."),
)
@option(
    "--json",
    "as_json",
    is_flag=True,
    help=N_("JSON Lines: id, title, published, source, snippet and score of each article."),
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
    """The best hits of a full-text search, for a person or a script."""
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


@cli.command("tags", help=N_("Print every tag with its article count, most used first."))
@_PATHS
@opening.order_options
def tags_command(paths: tuple[Path, ...], logical: bool, visual: bool) -> None:
    """The tags, tab-separated for a script or laid out for a person."""
    laid_out = opening.visual_order(logical, visual)
    corpus = opening.load_corpus(paths)
    template = "{tag} ({count})" if laid_out else "{tag}\t{count}"
    rows = (template.format(tag=tag, count=count) for tag, count in corpus.tag_counts())
    _echo_lines(rows, laid_out)


@cli.command(
    "check", help=N_("Report every problem in the dumps and a summary; exit 1 when a page failed.")
)
@_PATHS
def check_command(paths: tuple[Path, ...]) -> None:
    """The dumps' problems for a script or a CI job: the status says whether a page failed."""
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


@cli.group(
    "library",
    invoke_without_command=True,
    help=N_("Where the library is, its size, and each corpus in it."),
)
@click.pass_context
def library_command(ctx: click.Context) -> None:
    """The library described, unless a subcommand changes it."""
    if ctx.invoked_subcommand is not None:
        return
    library, connection = _asked_library(ctx)
    try:
        info = describe(library, connection)
    finally:
        connection.close()
    for line in info:
        click.echo(sanitize(line))


@library_command.command(
    "forget",
    help=N_("Drop every corpus opened on PATH or inside it: its pages, articles and tags."),
)
@argument("path", metavar=N_("PATH"), type=click.Path(path_type=Path))
@click.pass_context
def forget_command(ctx: click.Context, path: Path) -> None:
    """A corpus no longer read, out of the library."""
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


@cli.command(
    "keys",
    help=N_(
        "Print every key binding: ID, keys (comma-separated) and what it does, tab-separated; "
        "the IDs are what the settings' [keymap] table rebinds."
    ),
)
def keys_command() -> None:
    """The binding ids a settings file's [keymap] takes, with their keys."""
    from reader.tui.keymap import known_bindings

    for binding in known_bindings():
        click.echo(f"{binding.id}\t{','.join(binding.keys)}\t{binding.description}")


cli.add_command(show_command)


def main() -> None:
    """Console-script entry point; the garbage collector is off while the command starts
    (see `reader.collector`)."""
    collector.pause_for_start()
    cli(prog_name="newsreader")
