"""click in the interface's language: help pages and usage errors worded from the catalogue
and, at a terminal, laid out right to left when the interface is Arabic.

The command's own words (each command's and option's help, the metavars) are msgids kept
on the click objects, which are made once at import, and worded when read, in the
language in force then. click's own words ("Usage:", "Options", "No such option") come
from `gettext.gettext`, which click imports into each of its modules: for the duration of
a command they are looked up in our catalogue (`click_speaking`), since gettext has no
way to be given a catalogue that is not a `.mo` file. A help page for a terminal is drawn
by `RightToLeftHelp`; a pipe gets the text as written, for scripts and `grep`.
"""

from __future__ import annotations

import gettext
import io
import re
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar, overload

import click

from reader import language
from reader.language import N_, _
from reader.layout import cell_len, fit_line
from reader.render.typed import rtl_lines

Decorated = TypeVar("Decorated", bound=Callable[..., Any])

_FALLBACK_SIZE = (80, 24)  # a terminal's size when it cannot be asked
_MIN_TEXT = 10  # cells the help column keeps however long the option names are


def right_aligned(line: str, columns: int, margin: int = 0) -> str:
    """`line` padded on the left to end `margin` cells before the terminal's right edge."""
    return " " * max(0, columns - margin - cell_len(line)) + line


def terminal_columns() -> int:
    """The terminal's width in cells (80 when there is none to ask)."""
    return shutil.get_terminal_size(_FALLBACK_SIZE).columns


def echo_rtl(text: str, *, err: bool) -> None:
    """Each line of `text` laid out right to left and right-aligned to the terminal."""
    columns = terminal_columns()
    for line in text.split("\n"):
        laid_out = rtl_lines(line, columns) or ("",)
        for row in laid_out:
            click.echo(right_aligned(row, columns) if row else "", err=err)


# ----- click's own words ----------------------------------------------------------------
def _click_gettext(message: str) -> str:
    return gettext.gettext(message) if language.current() == "en" else _(message)


def _click_ngettext(singular: str, plural: str, count: int) -> str:
    if language.current() == "en":
        return gettext.ngettext(singular, plural, count)
    return language.ngettext(singular, plural, count)


@contextmanager
def click_speaking() -> Iterator[None]:
    """click's messages in the interface's language while a command runs; English is
    gettext's, as without this."""
    replaced: list[tuple[Any, str, Any]] = []
    ours = {gettext.gettext: _click_gettext, gettext.ngettext: _click_ngettext}
    for name, module in list(sys.modules.items()):
        if name != "click" and not name.startswith("click."):
            continue
        for attribute in ("_", "ngettext"):
            found = vars(module).get(attribute)
            if found in ours:
                replaced.append((module, attribute, found))
                setattr(module, attribute, ours[found])
    try:
        yield
    finally:
        for module, attribute, found in replaced:
            setattr(module, attribute, found)


@contextmanager
def usage_errors_laid_out() -> Iterator[None]:
    """A usage error for an Arabic terminal: click's own text (usage line, hint, error),
    each line laid out right to left; a pipe or a log gets click's text as written."""
    try:
        yield
    except click.UsageError as error:
        if not (language.right_to_left() and sys.stderr.isatty()):
            raise
        written = io.StringIO()
        error.show(written)
        echo_rtl(written.getvalue().rstrip("\n"), err=True)
        raise click.exceptions.Exit(error.exit_code) from error


# ----- the help page --------------------------------------------------------------------
class RightToLeftHelp(click.HelpFormatter):
    """click's help page mirrored for a terminal without bidi of its own: every line laid
    out right to left and right-aligned to the terminal, indentation a right margin, and
    the column of option names on the right, each name left to right as it is typed."""

    def __init__(self, columns: int, width: int | None, max_width: int | None) -> None:
        super().__init__(width=width, max_width=max_width)
        self.columns = columns
        self.width = min(self.width, columns)

    def _line(self, visual: str, margin: int) -> None:
        self.write(right_aligned(visual, self.columns, margin) + "\n")

    def _paragraph(self, text: str, margin: int) -> None:
        for line in rtl_lines(" ".join(text.split()), self.width - margin):
            self._line(line, margin)

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = f"{_('Usage:')} " if prefix is None else prefix
        self._paragraph(f"{prefix}{prog} {args}", self.current_indent)

    def write_heading(self, heading: str) -> None:
        self._paragraph(f"{heading}:", self.current_indent)

    def write_text(self, text: str) -> None:
        for number, paragraph in enumerate(re.split(r"\n\s*\n", text.strip())):
            if number:
                self.write("\n")
            self._paragraph(paragraph, self.current_indent)

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        pairs = [(fit_line(term, self.width, "ltr"), text) for term, text in rows]
        column = min(max((cell_len(term) for term, _text in pairs), default=0), col_max)
        margin = self.current_indent
        text_margin = margin + column + col_spacing
        text_width = max(self.width - text_margin, _MIN_TEXT)
        for term, text in pairs:
            lines = rtl_lines(" ".join(text.split()), text_width) if text else ()
            if not lines or cell_len(term) > column:
                self._line(term, margin)
            else:
                gap = " " * (col_spacing + column - cell_len(term))
                self._line(lines[0] + gap + term, margin)
                lines = lines[1:]
            for line in lines:
                self._line(line, text_margin)


def _show_help(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """`--help`: the page on standard output, laid out right to left at an Arabic terminal."""
    if not value or ctx.resilient_parsing:
        return
    if language.right_to_left() and sys.stdout.isatty():
        formatter = RightToLeftHelp(terminal_columns(), ctx.terminal_width, ctx.max_content_width)
        ctx.command.format_help(ctx, formatter)
        click.echo(formatter.getvalue().rstrip("\n"))
    else:
        click.echo(ctx.get_help(), color=ctx.color)
    ctx.exit()


# ----- the command's objects, worded when read ------------------------------------------
class _Worded:
    """An attribute of a click object that keeps a msgid and reads as its wording in the
    language in force: click reads `help` and `metavar` when it shows them, never before."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._kept = f"_{name}_msgid"

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> _Worded: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> str | None: ...
    def __get__(self, instance: object, owner: type | None = None) -> str | _Worded | None:
        if instance is None:
            return self
        msgid: str | None = getattr(instance, self._kept, None)
        return msgid and _(msgid)

    def __set__(self, instance: object, value: str | None) -> None:
        setattr(instance, self._kept, value)


class Option(click.Option):
    """An option whose help and metavar are msgids, worded in the language in force."""

    help = _Worded()
    metavar = _Worded()


class Argument(click.Argument):
    """An argument whose metavar is a msgid, worded in the language in force."""

    metavar = _Worded()


def option(*names: str, **attrs: Any) -> Callable[[Decorated], Decorated]:
    """`click.option`, the help and metavar given as msgids."""
    return click.option(*names, cls=Option, **attrs)


def argument(*names: str, **attrs: Any) -> Callable[[Decorated], Decorated]:
    """`click.argument`, the metavar given as a msgid."""
    return click.argument(*names, cls=Argument, **attrs)


class Command(click.Command):
    """A command whose help is a msgid, worded when shown, and whose `--help` is laid out
    at an Arabic terminal."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", N_("[OPTIONS]"))
        super().__init__(*args, **kwargs)
        self._worded_help_option: Option | None = None

    help = _Worded()
    options_metavar = _Worded()

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        names = self.get_help_option_names(ctx)
        if not names or not self.add_help_option:
            return None
        if self._worded_help_option is None:  # one object: click orders eager options by it
            self._worded_help_option = Option(
                names,
                is_flag=True,
                expose_value=False,
                is_eager=True,
                help=N_("Show this message and exit."),
                callback=_show_help,
            )
        return self._worded_help_option


class Group(Command, click.Group):
    """A group of such commands: its subcommands and subgroups are made of these classes."""

    command_class = Command
    group_class: type[click.Group | type] | None = type  # a subgroup is of the same class

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("subcommand_metavar") is None:  # click's, as msgids
            optional = kwargs.get("invoke_without_command", False)
            metavar = N_("[COMMAND] [ARGS]...") if optional else N_("COMMAND [ARGS]...")
            kwargs["subcommand_metavar"] = metavar
        super().__init__(*args, **kwargs)

    @property
    def subcommand_metavar(self) -> str:
        return _(self._subcommand_msgid)

    @subcommand_metavar.setter
    def subcommand_metavar(self, value: str) -> None:
        self._subcommand_msgid = value
