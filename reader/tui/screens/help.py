"""The help screen: every key of every part of the reader, read from the bindings themselves."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.keys import format_key, key_to_character
from textual.screen import ModalScreen

from reader.tui.keys import keys
from reader.tui.widgets.keysbar import KeysBar
from reader.tui.widgets.lines import PlainLines


def _key_label(key: str) -> str:
    """How a key is written on the keyboard: `/`, `؟`, `ت`, `⌫`, `alt+left`."""
    character = key_to_character(key)
    if character is not None and character.isprintable() and character != " ":
        return character
    return format_key(key)


def _key_list(binding: Binding) -> str:
    return ", ".join(_key_label(k.strip()) for k in binding.key.split(","))


def binding_rows(title: str, bindings: list[BindingType]) -> list[tuple[str, str]]:
    """A section of the help: one row per binding, its keys and what it does."""
    rows = [("", ""), (title, "heading")]
    for binding in bindings:
        if isinstance(binding, Binding):
            rows.append((f"{_key_list(binding):<22} {binding.tooltip or binding.description}", ""))
    return rows


def help_lines() -> list[tuple[str, str]]:
    from reader.tui.screens.find import FindScreen
    from reader.tui.screens.main import MainScreen
    from reader.tui.screens.search import SearchScreen
    from reader.tui.widgets.article import ArticleView
    from reader.tui.widgets.headlines import HeadlineList
    from reader.tui.widgets.rtl_input import RtlInput

    rows = [
        ("newsreader — keys", "heading"),
        ("Letter keys also work with the keyboard in the Arabic (101) layout:", "dim"),
        ("the key that types j types ت, and so on; both are listed.", "dim"),
    ]
    rows += binding_rows("Everywhere", list(MainScreen.BINDINGS))
    rows += binding_rows("Headline list", list(HeadlineList.BINDINGS))
    rows += binding_rows("Article pane", list(ArticleView.BINDINGS))
    rows += binding_rows("Full-text search", list(FindScreen.BINDINGS))
    rows += binding_rows("Tag search", list(SearchScreen.BINDINGS) + list(RtlInput.BINDINGS))
    return rows


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(keys("escape", "q", "?", "f1"), "dismiss", "Close", id="help.close")
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield PlainLines(help_lines(), id="help-lines")
        yield KeysBar()

    def on_mount(self) -> None:
        self.query_one(PlainLines).focus()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
