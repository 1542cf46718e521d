"""The help screen: every key of every part of the reader, read from the bindings themselves,
with the keys the settings' keymap put in force in place of the defaults."""

from __future__ import annotations

from collections.abc import Mapping
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


def _key_list(key: str) -> str:
    return ", ".join(_key_label(k.strip()) for k in key.split(","))


def binding_rows(
    title: str, bindings: list[BindingType], keymap: Mapping[str, str]
) -> list[tuple[str, str]]:
    """A section of the help: one row per binding, the keys in force and what it does."""
    rows = [("", ""), (title, "heading")]
    for binding in bindings:
        if isinstance(binding, Binding):
            key = keymap.get(binding.id, binding.key) if binding.id else binding.key
            rows.append((f"{_key_list(key):<22} {binding.tooltip or binding.description}", ""))
    return rows


def help_lines(keymap: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """The help's lines; `keymap` (binding id to keys, as `set_keymap` takes it) rebinds."""
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
    chosen = keymap or {}
    rows += binding_rows("Everywhere", list(MainScreen.BINDINGS), chosen)
    rows += binding_rows("Headline list", list(HeadlineList.BINDINGS), chosen)
    rows += binding_rows("Article pane", list(ArticleView.BINDINGS), chosen)
    rows += binding_rows("Full-text search", list(FindScreen.BINDINGS), chosen)
    tag_search = list(SearchScreen.BINDINGS) + list(RtlInput.BINDINGS)
    rows += binding_rows("Tag search", tag_search, chosen)
    return rows


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(keys("escape", "q", "?", "f1"), "dismiss", "Close", id="help.close")
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield PlainLines(help_lines(getattr(self.app, "keymap", None)), id="help-lines")
        yield KeysBar()

    def on_mount(self) -> None:
        self.query_one(PlainLines).focus()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
