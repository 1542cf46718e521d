"""The command palette's reader commands: jump to an article, a tag or a source, and every
key's action.

Textual's own palette (Ctrl+P) gives the theme, quit and keys commands; this provider adds
what the reader knows. Arabic titles and tags are matched on their normalised keys (so
`اردوغان` finds `أردوغان`) and shown laid out by the RTL engine, since the palette would
print them in logical order; commands are matched by Textual's fuzzy matcher. The
palette's field draws an Arabic query through the same engine as the reader's own fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.app import App, ComposeResult
from textual.command import CommandInput, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.strip import Strip
from textual.widget import Widget

from reader.language import N_, Language, _, current, right_to_left
from reader.render.typed import rtl_fit
from reader.settings.config import default_path
from reader.text.arabic import compact
from reader.tui.keys import described, named
from reader.tui.notices import tell
from reader.tui.text import Bidi, fit
from reader.tui.widgets.rtl_input import draw_field, reads_right_to_left

if TYPE_CHECKING:
    from reader.tui.screens.main import MainScreen

ARTICLES_SHOWN = 8  # titles offered for one query
TAGS_SHOWN = 5  # tags offered for one query
SOURCES_SHOWN = 3  # sources offered for one query
TITLE_CELLS = 60  # a title is cut to this many cells in the palette
HELP_CELLS = 90  # a command's help line is cut to this many cells
# The command that switches the interface to a language is named in that language, so a
# reader who cannot read the language in force finds the way to their own.
SWITCH_TO: dict[Language, str] = {"ar": "اللغة: العربية", "en": "Language: English"}
# Textual's own palette commands, translated for the Arabic interface.
TEXTUAL_COMMANDS = (
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)
SWITCH_HELP: dict[Language, str] = {
    "ar": N_("Show the interface in Arabic"),
    "en": N_("Show the interface in English"),
}
ARABIC_SCORE = 1.0  # a title or tag matched by its key ranks with the best fuzzy matches


class ReaderCommands(Provider):
    """Articles by title, tags, and the reader's own commands, for the main screen."""

    def _main(self) -> MainScreen | None:
        from reader.tui.screens.main import MainScreen

        screen = self.screen
        return screen if isinstance(screen, MainScreen) else None

    def _commands(self, main: MainScreen) -> Iterator[tuple[str, str, Callable[[], object]]]:
        """(name, help, what it does) of each command that is not a title or a tag."""
        if main.rtl:
            yield (
                _("Layout: headline list on the left (ltr)"),
                _("Flip the panes (f)"),
                main.action_flip,
            )
        else:
            yield (
                _("Layout: headline list on the right (rtl)"),
                _("Flip the panes (f)"),
                main.action_flip,
            )
        if main.bidi == "app":
            yield (
                _("Bidi: leave right-to-left text to the terminal"),
                _("For a terminal that shapes and orders Arabic itself (--bidi terminal)"),
                partial(main.set_bidi, "terminal"),
            )
        else:
            yield (
                _("Bidi: the reader orders right-to-left text"),
                _("For a terminal that shows Arabic reversed and unjoined (--bidi app)"),
                partial(main.set_bidi, "app"),
            )
        # Each language is named in its own words, so a reader who cannot read the other
        # finds the way back.
        if current() == "ar":
            yield (
                "Language: English",
                _("Show the interface in English"),
                partial(main.set_language, "en"),
            )
        else:
            yield (
                "اللغة: العربية",
                _("Show the interface in Arabic"),
                partial(main.set_language, "ar"),
            )
        yield (
            _("Settings file: show where it is"),
            _("The settings file the reader reads at start"),
            partial(tell, main, str(default_path()), title=_("Settings")),
        )
        if right_to_left():  # Textual's own commands, which it shows in English
            for command in App.get_system_commands(self.app, main):
                yield (_(command.title), _(command.help), command.callback)
        seen: set[str] = set()
        for active in main.active_bindings.values():
            binding = active.binding
            if not binding.show or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            name = f"{named(binding)} ({binding.key_display or binding.key.split(',')[0]})"
            node = active.node
            yield (name, described(binding), partial(self.app.run_action, binding.action, node))

    async def discover(self) -> Hits:
        main = self._main()
        if main is None:
            return
        for name, help_text, run in self._commands(main):
            yield DiscoveryHit(
                _shown(name, main.bidi), run, text=name, help=_said(help_text, main.bidi)
            )

    async def search(self, query: str) -> Hits:
        main = self._main()
        if main is None:
            return
        matcher = self.matcher(query)
        rtl = right_to_left()
        for name, help_text, run in self._commands(main):
            score = matcher.match(name)
            if score > 0:
                laid = rtl or reads_right_to_left(name)  # highlights would split its letters
                label = _shown(name, main.bidi) if laid else matcher.highlight(name)
                yield Hit(score, label, run, text=name, help=_said(help_text, main.bidi))
        corpus = main.corpus
        wanted = compact(query)
        if corpus is None or not wanted:
            return
        bidi = main.bidi
        for article_id, title in corpus.titles_starting(wanted, ARTICLES_SHOWN):
            shown = fit(title, TITLE_CELLS, bidi, "rtl")
            yield Hit(
                ARABIC_SCORE,
                Content(shown),
                partial(main.open_article, article_id),
                text=title,
                help=_said(_("Open this article"), bidi),
            )
        listed = (
            (
                corpus.search_tags(query, TAGS_SHOWN),
                main.choose_tag,
                _("List the articles with this tag"),
            ),
            (
                corpus.search_sources(query, SOURCES_SHOWN),
                main.find_source,
                _("List this source's articles, newest first"),
            ),
        )
        for matches, choose, doing in listed:
            help_text = _said(doing, bidi)
            for match in matches:
                shown = fit(f"{match.tag} ({match.count})", TITLE_CELLS, bidi, "rtl")
                yield Hit(
                    ARABIC_SCORE,
                    Content(shown),
                    partial(choose, match.tag),
                    text=match.tag,
                    help=help_text,
                )


def _said(text: str, bidi: Bidi) -> str:
    """A command's help line, laid out when the interface reads right to left (the palette
    prints it as given), with an option it names (`--bidi terminal`) kept as it is typed."""
    if not right_to_left():
        return text
    return rtl_fit(text, HELP_CELLS) if bidi == "app" else fit(text, HELP_CELLS, bidi, "rtl")


def _shown(name: str, bidi: Bidi) -> Content:
    """A command's name as the palette shows it, laid out in its own direction."""
    return Content(fit(name, TITLE_CELLS, bidi, "rtl" if reads_right_to_left(name) else "ltr"))


class PaletteInput(CommandInput):
    """The palette's field: Textual's own for Latin text, laid out right to left once the
    query reads right to left, with the cursor where bidi puts it."""

    def render_line(self, y: int) -> Strip:
        bidi: Bidi = getattr(self.app, "bidi", "app")
        if y != 0 or not self.value or not reads_right_to_left(self.value) or bidi != "app":
            return super().render_line(y)
        cursor = self.get_component_rich_style("input--cursor") if self.has_focus else None
        width = self.scrollable_content_region.width
        return draw_field(self.value, self.cursor_position, width, bidi, self.rich_style, cursor)


class ReaderPalette(CommandPalette):
    """Textual's palette with the field above; in an interface that reads right to left,
    its entries (laid out by the engine already) are aligned on the right, where a line
    of Arabic begins."""

    DEFAULT_CSS = """
    ReaderPalette.-right-to-left CommandList {
        text-align: right;
    }
    """

    def compose(self) -> ComposeResult:
        self.set_class(right_to_left(), "-right-to-left")
        for widget in super().compose():
            yield _swapped(widget)


def _swapped(widget: Widget) -> Widget:
    if type(widget) is CommandInput:
        return PaletteInput(placeholder=widget.placeholder, select_on_focus=False)
    return widget
