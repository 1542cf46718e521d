"""Arabic-layout twins of the key bindings, and the bidi mode switch around the app."""

from __future__ import annotations

import io
import sys

import pytest
from textual.binding import Binding

from reader.tui import app as app_module
from reader.tui.keys import ARABIC_101, key_name, keys
from reader.tui.screens.main import MainScreen
from reader.tui.screens.search import SearchScreen
from reader.tui.widgets.article import ArticleView
from reader.tui.widgets.headlines import HeadlineList


def test_keys_adds_the_arabic_twin_of_each_letter() -> None:
    assert keys("j", "down").split(",") == ["j", "ت", "down"]
    assert keys("/").split(",") == ["slash", "ظ"]
    assert keys("?").split(",") == ["question_mark", "arabic_question_mark"]
    assert keys("enter") == "enter"


def test_the_table_is_the_arabic_101_layout() -> None:
    row = "".join(ARABIC_101[c] for c in "qwertyuiop[]")
    assert row == "ضصثقفغعهخحجد"
    assert "".join(ARABIC_101[c] for c in "asdfghjkl;'") == "شسيبلاتنمكط"
    assert "".join(ARABIC_101[c] for c in "zxcvnm,./") == "ئءؤرىةوزظ"


def test_textual_names_arabic_keys_by_their_character() -> None:
    assert key_name("ت") == "ت"
    assert key_name("؟") == "arabic_question_mark"


@pytest.mark.parametrize("owner", [MainScreen, HeadlineList, ArticleView, SearchScreen])
def test_every_letter_binding_has_its_arabic_twin_and_an_id(owner: type) -> None:
    for binding in owner.BINDINGS:
        assert isinstance(binding, Binding)
        assert binding.id, f"{binding.action} has no id for App.set_keymap"
        names = binding.key.split(",")
        for qwerty, arabic in ARABIC_101.items():
            if key_name(qwerty) in names:
                assert key_name(arabic) in names, (binding.action, qwerty)


def test_binding_ids_are_unique() -> None:
    ids = [
        b.id
        for owner in (MainScreen, HeadlineList, ArticleView, SearchScreen)
        for b in owner.BINDINGS
        if isinstance(b, Binding)
    ]
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
    monkeypatch.setenv("NEWSREADER_BIDI", "terminal")
    seen = []
    monkeypatch.setattr(app_module.NewsReaderApp, "run", lambda self: seen.append(self.bidi))
    assert app_module.run(["nowhere"]) == 0
    assert seen == ["terminal"]
    assert terminal.getvalue() == ""
