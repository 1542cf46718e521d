"""Arabic-layout twins of the key bindings, and the bidi mode switch around the app."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from textual.binding import Binding

from reader.tui import app as app_module
from reader.tui.keys import ARABIC_101, key_name, keys
from reader.tui.screens.confirm import ConfirmScreen
from reader.tui.screens.diagnostics import DiagnosticsScreen
from reader.tui.screens.find import FindScreen
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.main import MainScreen
from reader.tui.screens.search import SearchScreen
from reader.tui.widgets.article import ArticleView
from reader.tui.widgets.headlines import HeadlineList
from reader.tui.widgets.lines import PlainLines
from reader.tui.widgets.rtl_input import RtlInput


def test_keys_adds_the_arabic_twin_of_each_letter() -> None:
    assert keys("j", "down").split(",") == ["j", "ت", "down"]
    assert keys("/").split(",") == ["slash", "ظ"]
    assert keys("?").split(",") == ["question_mark", "arabic_question_mark"]
    assert keys("enter") == "enter"
    assert keys("R").split(",") == ["R", "arabic_dammatan"]  # shift+r types dammatan
    assert keys("B").split(",") == ["B", key_name("\ufef5")]  # shift+b: lam-alef with madda


def test_the_table_is_the_arabic_101_layout() -> None:
    row = "".join(ARABIC_101[c] for c in "qwertyuiop[]")
    assert row == "ضصثقفغعهخحجد"
    assert "".join(ARABIC_101[c] for c in "asdfghjkl;'") == "شسيبلاتنمكط"
    assert "".join(ARABIC_101[c] for c in "zxcvnm,./") == "ئءؤرىةوزظ"


def test_textual_names_arabic_keys_by_their_character() -> None:
    assert key_name("ت") == "ت"
    assert key_name("؟") == "arabic_question_mark"


OWNERS = [
    MainScreen,
    HeadlineList,
    ArticleView,
    SearchScreen,
    FindScreen,
    RtlInput,
    HelpScreen,
    DiagnosticsScreen,
    PlainLines,
    ConfirmScreen,
]


@pytest.mark.parametrize("owner", OWNERS)
def test_every_letter_binding_has_its_arabic_twin_and_an_id(owner: type) -> None:
    for binding in owner.BINDINGS:
        assert isinstance(binding, Binding)
        assert binding.id, f"{binding.action} has no id for App.set_keymap"
        names = binding.key.split(",")
        for qwerty, arabic in ARABIC_101.items():
            if key_name(qwerty) in names:
                assert key_name(arabic) in names, (binding.action, qwerty)


def test_binding_ids_are_unique() -> None:
    ids = [b.id for owner in OWNERS for b in owner.BINDINGS if isinstance(b, Binding)]
    assert len(ids) == len(set(ids))


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_run_switches_the_terminal_to_explicit_bidi_and_back_even_on_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    terminal = _Tty()
    monkeypatch.setattr(sys, "__stderr__", terminal)
    monkeypatch.delenv("NEWSREADER_BIDI", raising=False)
    registered = []
    monkeypatch.setattr(app_module.atexit, "register", lambda *a: registered.append(a))

    def crash(self: object) -> None:
        assert terminal.getvalue() == app_module.EXPLICIT_BIDI
        raise RuntimeError("boom")

    monkeypatch.setattr(app_module.NewsReaderApp, "run", crash)
    with pytest.raises(RuntimeError):
        app_module.run(["nowhere"])
    assert terminal.getvalue() == app_module.EXPLICIT_BIDI + app_module.IMPLICIT_BIDI
    assert registered and registered[0][1] == app_module.IMPLICIT_BIDI


def test_terminal_bidi_mode_leaves_the_terminal_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Tty()
    monkeypatch.setattr(sys, "__stderr__", terminal)
    seen = []
    monkeypatch.setattr(app_module.NewsReaderApp, "run", lambda self: seen.append(self.bidi))
    assert app_module.run(["nowhere"], bidi="terminal") == 0
    assert seen == ["terminal"]
    assert terminal.getvalue() == ""


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        ([], None, ("rtl", "app")),
        (["--layout", "ltr"], None, ("ltr", "app")),
        ([], "terminal", ("rtl", "terminal")),
        (["--bidi", "terminal"], None, ("rtl", "terminal")),
        (["--bidi", "app"], "terminal", ("rtl", "app")),
        ([], "settings", ("ltr", "terminal")),
        (["--layout", "rtl"], "settings", ("rtl", "terminal")),
        (["--bidi", "app"], "settings", ("ltr", "app")),
    ],
)
def test_the_command_line_chooses_layout_and_bidi(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    args: list[str],
    env: str | None,
    expected: tuple,
) -> None:
    """Options over the environment over the settings file over the defaults."""
    from click.testing import CliRunner

    from reader.commands import cli as cli_module
    from reader.commands.cli import cli

    calls = []

    def fake_run(paths: list[str], *, layout: str, bidi: str, **_: object) -> int:
        calls.append((layout, bidi))
        return 0

    monkeypatch.setattr(app_module, "run", fake_run)
    # CliRunner's streams are not terminals, which the reader would refuse.
    monkeypatch.setattr(cli_module, "_not_a_terminal", lambda: None)
    environment = {"NEWSREADER_BIDI": env} if env not in (None, "settings") else {}
    if env == "settings":
        config = tmp_path / "config" / "newsreader"
        config.mkdir(parents=True)
        (config / "config.toml").write_text('layout = "ltr"\nbidi = "terminal"\n')
        environment["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    monkeypatch.delenv("NEWSREADER_BIDI", raising=False)
    result = CliRunner().invoke(cli, args, env=environment)
    assert result.exit_code == 0, result.output
    assert calls == [expected]
