"""The settings file: every setting, each bad one as one line naming file, line and setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.settings import config as settings
from reader.settings.config import MARK_READ_AFTER, KnownNames, Settings, load

IDS = {"list.down", "list.up", "reader.quit"}
THEMES = {"textual-dark", "nord"}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_file_is_the_defaults_and_no_problem(tmp_path: Path) -> None:
    assert load(tmp_path / "absent.toml") == (Settings(), [])


def test_the_default_file_is_in_the_user_config_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert settings.default_path() == tmp_path / "newsreader" / "config.toml"


def test_every_setting_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    path = write(
        tmp_path,
        """
theme = "nord"
layout = "ltr"
bidi = "terminal"
library = "~/news.sqlite3"
folders = ["~/dumps", "/srv/crawl"]
mark_read_after = 3
hijri = false

[keymap]
"list.down" = ["j", "n"]
"reader.quit" = "x"
""",
    )
    chosen, problems = load(path, known=lambda: KnownNames(IDS, THEMES))
    assert problems == []
    assert chosen == Settings(
        theme="nord",
        layout="ltr",
        bidi="terminal",
        library=str(tmp_path / "news.sqlite3"),
        folders=(tmp_path / "dumps", Path("/srv/crawl")),
        mark_read_after=3.0,
        hijri=False,
        keymap={"list.down": ("j", "n"), "reader.quit": ("x",)},
    )


def test_one_folder_may_be_a_string(tmp_path: Path) -> None:
    chosen, problems = load(write(tmp_path, 'folders = "/srv/crawl"\n'))
    assert (chosen.folders, problems) == ((Path("/srv/crawl"),), [])


@pytest.mark.parametrize(
    ("text", "setting", "words"),
    [
        ('layout = "up"\n', "layout", "one of rtl, ltr"),
        ("bidi = 1\n", "bidi", "one of app, terminal"),
        ('theme = "neon"\n', "theme", "not a theme"),
        ("library = 3\n", "library", "a file name"),
        ("folders = []\n", "folders", "list of folders"),
        ("mark_read_after = -1\n", "mark_read_after", "0 or more"),
        ('mark_read_after = "soon"\n', "mark_read_after", "number of seconds"),
        ("mark_read_after = true\n", "mark_read_after", "number of seconds"),
        ("mark_read_after = nan\n", "mark_read_after", "number of seconds"),
        ('hijri = "no"\n', "hijri", "true or false"),
        ("colour = 1\n", "colour", "not a setting"),
        ('keymap = "j"\n', "keymap", "must be a table"),
    ],
)
def test_a_bad_setting_is_one_problem_and_keeps_its_default(
    tmp_path: Path, text: str, setting: str, words: str
) -> None:
    good = 'layout = "ltr"' if setting != "layout" else 'bidi = "terminal"'
    path = write(tmp_path, f"# my settings\n{good}\n{text}")
    chosen, problems = load(path, known=lambda: KnownNames(IDS, THEMES))
    assert [(p.setting, p.line) for p in problems] == [(setting, 3)]
    assert words in str(problems[0])
    assert str(problems[0]).startswith(f"{path}:3: {setting}: ")
    assert "\n" not in str(problems[0])
    assert chosen.layout == "ltr" or chosen.bidi == "terminal"  # the good setting stands
    assert chosen.mark_read_after == MARK_READ_AFTER or setting != "mark_read_after"


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        ('"list.sideways" = "j"', "not a binding id"),
        ('"list.down" = []', "a key or a list of keys"),
        ('"list.down" = ["j", 3]', "a key or a list of keys"),
        ('"list.down" = "j,k"', "a key or a list of keys"),
    ],
)
def test_a_bad_keymap_entry_names_its_binding_and_line(
    tmp_path: Path, entry: str, words: str
) -> None:
    path = write(tmp_path, f'[keymap]\n"list.up" = "k"\n{entry}\n')
    chosen, problems = load(path, known=lambda: KnownNames(IDS))
    binding = entry.split('"')[1]
    assert [(p.setting, p.line) for p in problems] == [(f"keymap.{binding}", 3)]
    assert words in str(problems[0])
    assert chosen.keymap == {"list.up": ("k",)}


def test_broken_toml_is_one_problem_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'layout = "ltr"\ntheme = \n')
    chosen, problems = load(path)
    assert chosen == Settings()
    assert len(problems) == 1 and problems[0].line == 2
    assert "not valid TOML" in str(problems[0])


def test_an_unreadable_file_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.mkdir()  # a folder where the file should be
    chosen, problems = load(path)
    assert chosen == Settings() and len(problems) == 1
    assert "cannot be read" in str(problems[0])
    (tmp_path / "bad.toml").write_bytes(b'layout = "\xff"\n')
    assert "cannot be read" in str(load(tmp_path / "bad.toml")[1][0])


def test_the_interface_is_asked_for_its_names_only_when_a_keymap_or_theme_needs_them(
    tmp_path: Path,
) -> None:
    asked: list[bool] = []

    def known() -> KnownNames:
        asked.append(True)
        return KnownNames(IDS, THEMES)

    assert load(write(tmp_path, 'layout = "ltr"\n'), known=known)[1] == []
    assert asked == []  # nothing to check: the interface is not loaded at start
    problems = load(write(tmp_path, 'theme = "neon"\n'), known=known)[1]
    assert asked == [True] and "not a theme" in problems[0].message
