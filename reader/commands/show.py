"""`newsreader show`: one article printed as the reader's article pane shows it.

Useful in scripts, in terminals without a full-screen interface, and to look at the layout
engine's output directly (`--visual`: a pipe gets the text in logical order otherwise, as
`list` gives it). Colour only when standard output is a terminal.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.text import Text

from reader.commands import opening
from reader.commands.commandline import Command, argument, option
from reader.language import N_, _
from reader.layout import cell_len, fit_line, sanitize
from reader.library.reading import CorpusView
from reader.render.article_lines import Kind, article_blocks, render_lines
from reader.text.arabic import compact

_STYLES: dict[Kind, str] = {
    "title": "bold",
    "meta": "dim",
    "paragraph": "",
    "label": "bold cyan",
    "tag": "green",
    "link": "underline",
    "dead": "dim",
}
_EXIT_USAGE = 2
_LISTED = 5
PROGRAM = "newsreader show"  # how its messages begin
_COUNTED = 100  # titles counted when a prefix names several


def _default_width() -> int:
    """The terminal's width, or 80 when standard output is not a terminal."""
    if sys.stdout.isatty():
        return shutil.get_terminal_size((80, 24)).columns
    return 80


def _not_found(ref: str, corpus: CorpusView) -> None:
    """Say why ARTICLE named nothing, listing a few titles when it names several."""
    wanted = compact(ref)
    several = (
        [title for _ident, title in corpus.titles_starting(wanted, _COUNTED)] if wanted else []
    )
    if len(several) > 1:
        if len(several) < _COUNTED:
            message = _("{ref} starts {count} titles; give more of the title, or the id:")
        else:
            message = _("{ref} starts {count} or more titles; give more of the title, or the id:")
        shown = min(len(several), _COUNTED)
        opening.say(opening.said(message.format(ref=repr(sanitize(ref)), count=shown), PROGRAM))
        visual = sys.stderr.isatty()
        for title in several[:_LISTED]:
            click.echo("  " + (fit_line(title, 76) if visual else sanitize(title)), err=True)
        return
    message = _(
        "no article matches {ref} "
        "(give its id, its title or a title prefix; `newsreader list` names them)"
    )
    opening.say(opening.said(message.format(ref=repr(sanitize(ref))), PROGRAM))


@click.command(
    "show",
    cls=Command,
    help=N_(
        "Print ARTICLE (an id, a title or a unique title prefix) from PATH... or the bundled feeds."
    ),
)
@argument("article", metavar=N_("ARTICLE"))
@argument(
    "paths",
    nargs=-1,
    metavar=N_("[PATHS]..."),
    type=click.Path(path_type=Path, exists=False, dir_okay=True),
)
@option(
    "--width",
    type=click.IntRange(min=1),
    metavar=N_("INTEGER RANGE"),
    help=N_("Cells per line (default: the terminal's)."),
)
@opening.order_options
def show_command(
    article: str, paths: tuple[Path, ...], width: int | None, logical: bool, visual: bool
) -> None:
    """One article as the reader's pane shows it, or as written for a pipe."""
    laid_out = opening.visual_order(logical, visual)
    corpus = opening.load_corpus(paths)
    found = corpus.find(article)
    if found is None:
        _not_found(article, corpus)
        sys.exit(_EXIT_USAGE)
    width = width or _default_width()
    # Printed as laid out, block by block: the first lines of a long page appear at once.
    blocks = article_blocks(found, corpus.get, hijri=opening.current_settings().hijri)
    lines = render_lines(blocks, width, logical=not laid_out)
    console = Console(highlight=False, soft_wrap=True) if sys.stdout.isatty() else None
    for line in lines:
        # Right-to-left lines are padded to the right edge, except in logical order: a
        # terminal doing its own bidi aligns those itself, and would move leading spaces to
        # the right.
        pad = " " * (width - cell_len(line.text) if laid_out and line.rtl else 0)
        if console is None:
            click.echo(pad + line.text)
        else:  # the padding is not styled: no underlined run of spaces
            console.print(Text.assemble(pad, (line.text, _STYLES[line.kind])), soft_wrap=True)
