"""A question the reader answers yes or no before something it cannot take back in one key."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen

from reader.language import N_, _
from reader.tui.keys import keys
from reader.tui.text import Bidi
from reader.tui.widgets.keysbar import KeysBar
from reader.tui.widgets.status import StatusBar


class ConfirmScreen(ModalScreen[bool]):
    """Asks `question` (one line); dismissed with True for yes, False for no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            keys("y", "enter"),
            "answer(True)",
            N_("Yes"),
            id="confirm.yes",
            tooltip=N_("Yes, do it"),
        ),
        Binding(
            keys("n", "escape"),
            "answer(False)",
            N_("No"),
            id="confirm.no",
            tooltip=N_("No, leave it"),
        ),
    ]

    def __init__(self, question: str, *, bidi: Bidi = "app") -> None:
        super().__init__()
        self.question = question
        self.bidi: Bidi = bidi

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield StatusBar(bidi=self.bidi, id="confirm-question")
        yield KeysBar()

    def on_mount(self) -> None:
        self.query_one(StatusBar).set(self.question, _("y / n"))

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
