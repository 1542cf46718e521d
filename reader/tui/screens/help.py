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

from reader.language import N_, _
from reader.tui.keys import described, keys
from reader.tui.widgets.keysbar import KeysBar
from reader.tui.widgets.lines import COLUMNS, PlainLines, Row


def _key_label(key: str) -> str:
    """How a key is written on the keyboard: `/`, `؟`, `ت`, `⌫`, `alt+left`."""
    character = key_to_character(key)
    if character is not None and character.isprintable() and character != " ":
        return character
    return format_key(key)


def _key_list(key: str) -> str:
    return ", ".join(_key_label(k.strip()) for k in key.split(","))


def binding_rows(title: str, bindings: list[BindingType], keymap: Mapping[str, str]) -> list[Row]:
    """A section of the help: one row per binding, the keys in force and what it does."""
    rows = [Row(""), Row(title, "heading")]
    for binding in bindings:
        if isinstance(binding, Binding):
            key = keymap.get(binding.id, binding.key) if binding.id else binding.key
            rows.append(Row(f"{_key_list(key)}{COLUMNS}{described(binding)}"))
    return rows


def help_lines(keymap: Mapping[str, str] | None = None) -> list[Row]:
    """The help's lines, in the interface's language; `keymap` (binding id to keys, as
    `set_keymap` takes it) rebinds."""
    from reader.tui.screens.find import FindScreen
    from reader.tui.screens.main import MainScreen
    from reader.tui.screens.search import SearchScreen
    from reader.tui.widgets.article import ArticleView
    from reader.tui.widgets.headlines import HeadlineList
    from reader.tui.widgets.rtl_input import RtlInput

    rows = [
        Row(_("newsreader — keys"), "heading"),
        Row(_("Letter keys also work with the keyboard in the Arabic (101) layout:"), "dim"),
        Row(_("the key that types j types ت, and so on; both are listed."), "dim"),
    ]
    chosen = keymap or {}
    rows += binding_rows(_("Everywhere"), list(MainScreen.BINDINGS), chosen)
    rows += binding_rows(_("Headline list"), list(HeadlineList.BINDINGS), chosen)
    rows += binding_rows(_("Article pane"), list(ArticleView.BINDINGS), chosen)
    rows += binding_rows(_("Full-text search"), list(FindScreen.BINDINGS), chosen)
    tag_search = list(SearchScreen.BINDINGS) + list(RtlInput.BINDINGS)
    rows += binding_rows(_("Tag search"), tag_search, chosen)
    return rows


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(keys("escape", "q", "?", "f1"), "dismiss", N_("Close"), id="help.close")
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield PlainLines(help_lines(getattr(self.app, "keymap", None)), id="help-lines")
        yield KeysBar()

    def on_mount(self) -> None:
        self.query_one(PlainLines).focus()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
