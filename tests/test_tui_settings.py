"""Settings in the reader: the keymap rebinds by id (with Arabic twins), the theme applies,
bad settings are a notice and the reader still starts; `newsreader keys` lists the ids."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tui_support import wait_loaded, write_corpus

from reader.settings.config import Settings
from reader.tui.app import make_app
from reader.tui.keymap import known_bindings
from reader.tui.screens.help import help_lines
from reader.tui.widgets.headlines import HeadlineList
from reader.tui.widgets.lines import PlainLines

SIZE = (120, 30)


async def test_a_rebound_key_and_its_arabic_twin_move_the_list(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "dumps")
    chosen = Settings(keymap={"list.down": ("x",)}, theme="nord")
    app = make_app([folder], library=str(tmp_path / "lib.sqlite3"), settings=chosen)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        headlines = app.screen.query_one(HeadlineList)
        assert app.theme == "nord"
        assert headlines.cursor == 0
        await pilot.press("x")
        assert headlines.cursor == 1
        await pilot.press("ء")  # what the same key types in the Arabic layout
        assert headlines.cursor == 2
        await pilot.press("j")  # the default is replaced, not added to
        assert headlines.cursor == 2
        await pilot.press("k")  # other bindings keep their keys
        assert headlines.cursor == 1


async def test_settings_problems_are_notices_and_the_reader_starts(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "dumps")
    app = make_app([folder], library=str(tmp_path / "lib.sqlite3"))
    app.notices = ["/home/u/config.toml:3: colour: is not a setting [b]x[/b]"]
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        shown = [n.message for n in app._notifications]  # no public list of notices
        assert shown == ["/home/u/config.toml:3: colour: is not a setting [b]x[/b]"]


def test_every_binding_id_is_listed_once_with_its_keys() -> None:
    listed = known_bindings()
    ids = [b.id for b in listed]
    assert len(ids) == len(set(ids)) and ids == sorted(ids)
    by_id = {b.id: b for b in listed}
    assert by_id["list.down"].keys == ("down", "j", "ت")
    assert by_id["reader.quit"].keys == ("q", "ض")
    assert {"article.follow", "search.cancel", "input.clear", "reader.tag_9"} <= set(by_id)
    assert all(b.description for b in listed)


def newsreader(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    script = shutil.which("newsreader", path=str(Path(sys.executable).parent))
    assert script
    return subprocess.run(
        [script, *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def test_newsreader_keys_prints_id_keys_and_description(tmp_path: Path) -> None:
    result = newsreader("keys", env={**os.environ, "XDG_CONFIG_HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert all(len(row) == 3 for row in rows)
    assert ["list.down", "down,j,ت", "Next headline"] in rows
    assert len(rows) == len(known_bindings())


def test_commands_take_folders_and_library_from_the_settings(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "dumps")
    config = tmp_path / "config" / "newsreader"
    config.mkdir(parents=True)
    library = tmp_path / "chosen.sqlite3"
    (config / "config.toml").write_text(
        f'folders = ["{folder}"]\nlibrary = "{library}"\nspeed = 3\n', encoding="utf-8"
    )
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = newsreader("list", "--logical", env=env)
    assert result.returncode == 0, result.stderr
    ours = newsreader("list", "--logical", str(folder), env=env).stdout
    assert result.stdout == ours and result.stdout  # the settings' folder, not the samples
    assert library.exists()  # the settings' library
    assert f"{config / 'config.toml'}:3: speed: is not a setting" in result.stderr
    other = tmp_path / "flag.sqlite3"
    newsreader("--library", str(other), "list", env=env)
    assert other.exists()  # a flag overrides the settings


async def test_help_shows_the_keys_in_force(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "dumps")
    chosen = Settings(keymap={"list.down": ("x",)})
    app = make_app([folder], library=str(tmp_path / "lib.sqlite3"), settings=chosen)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("question_mark")
        lines = [row.text for row in app.screen.query_one(PlainLines).lines]
        assert lines == [row.text for row in help_lines(app.keymap)]
        down = [line for line in lines if line.endswith("Next headline")]
        assert len(down) == 1 and down[0].startswith("x, ء\t")
        assert any(line.endswith("Previous headline") and "j" not in line for line in lines)
