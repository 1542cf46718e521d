"""The loader's diagnostics, readable inside the app (paths and messages, sanitised)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen

from reader.language import N_, _
from reader.model import Diagnostic
from reader.problems import diagnostic_text
from reader.tui.keys import keys
from reader.tui.text import clean
from reader.tui.widgets.keysbar import KeysBar
from reader.tui.widgets.lines import PlainLines, Row


class DiagnosticsScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(keys("escape", "q", "d"), "dismiss", N_("Close"), id="diagnostics.close")
    ]

    def __init__(self, diagnostics: Sequence[Diagnostic], error: str | None = None) -> None:
        super().__init__()
        self.diagnostics = diagnostics
        self.error = error

    def compose(self) -> ComposeResult:
        heading = _("Problems found while loading: {count}").format(count=len(self.diagnostics))
        rows = [Row(heading, "heading")]
        if self.error:
            rows.append(Row(_("Loading stopped:"), "heading"))
            rows.append(Row(clean(self.error), quoted=True))
        rows += [
            Row(clean(diagnostic_text(d)), "" if d.severity == "error" else "dim", quoted=True)
            for d in self.diagnostics
        ]
        if not self.diagnostics and not self.error:
            rows.append(Row(_("Every page loaded cleanly."), "dim"))
        with Vertical(id="diagnostics-box"):
            yield PlainLines(rows, id="diagnostics-lines")
        yield KeysBar()

    def on_mount(self) -> None:
        self.query_one(PlainLines).focus()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
